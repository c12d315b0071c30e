//! Link-layer headers in front of the frames: radiotap (127), Prism (119), PPI (192), bare
//! 802.11 (105) and Ethernet (1). Each returns the 802.11 frame without its FCS, or the
//! Ethernet payload with its type.

/// What a packet carries once its capture header is removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link<'a> {
    /// An 802.11 frame (MAC header onward), FCS removed.
    Wlan(&'a [u8]),
    /// An Ethernet II frame: destination, source, EtherType (after any 802.1Q tags) and payload.
    Ethernet {
        /// Destination address.
        dst: [u8; 6],
        /// Source address.
        src: [u8; 6],
        /// EtherType.
        ethertype: u16,
        /// What follows the EtherType.
        payload: &'a [u8],
    },
}

/// Link types this module reads.
pub const ETHERNET: u32 = 1;
/// Bare 802.11.
pub const IEEE802_11: u32 = 105;
/// Prism monitor header.
pub const PRISM: u32 = 119;
/// Radiotap.
pub const RADIOTAP: u32 = 127;
/// AVS monitor header (the successor of Prism's).
pub const AVS: u32 = 163;
/// Per-Packet Information.
pub const PPI: u32 = 192;

fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Removes the capture header of `linktype` from `data`.
pub fn decapsulate(linktype: u32, data: &[u8]) -> Result<Link<'_>, &'static str> {
    match linktype {
        IEEE802_11 => Ok(Link::Wlan(strip_fcs_if_valid(data))),
        RADIOTAP => radiotap(data),
        PRISM => {
            // Prism: msgcode, msglen (little-endian, the header's length) ...
            let len = le32(data, 4).ok_or("Prism header truncated")? as usize;
            let frame = data.get(len..).ok_or("Prism header longer than the packet")?;
            Ok(Link::Wlan(strip_fcs_if_valid(frame)))
        }
        AVS => {
            // AVS: version, header length (big-endian) ...
            let len = be32(data, 4).ok_or("AVS header truncated")? as usize;
            let frame = data.get(len..).ok_or("AVS header longer than the packet")?;
            Ok(Link::Wlan(strip_fcs_if_valid(frame)))
        }
        PPI => {
            // PPI: version, flags, length (LE), DLT of what follows (LE).
            let len = usize::from(le16(data, 2).ok_or("PPI header truncated")?);
            let dlt = le32(data, 4).ok_or("PPI header truncated")?;
            let inner = data.get(len..).ok_or("PPI header longer than the packet")?;
            match dlt {
                IEEE802_11 => Ok(Link::Wlan(strip_fcs_if_valid(inner))),
                RADIOTAP => radiotap(inner),
                _ => Err("PPI carries a link type other than 802.11"),
            }
        }
        ETHERNET => ethernet(data),
        _ => Err("link type not read (only 1, 105, 119, 127, 163, 192)"),
    }
}

fn ethernet(data: &[u8]) -> Result<Link<'_>, &'static str> {
    let short = "Ethernet header truncated";
    let dst: [u8; 6] = data.get(..6).ok_or(short)?.try_into().map_err(|_| short)?;
    let src: [u8; 6] = data.get(6..12).ok_or(short)?.try_into().map_err(|_| short)?;
    let mut at = 12;
    let mut ethertype =
        u16::from_be_bytes(data.get(at..at + 2).ok_or(short)?.try_into().unwrap_or([0; 2]));
    // 802.1Q / 802.1ad tags, at most two.
    for _ in 0..2 {
        if ethertype == 0x8100 || ethertype == 0x88a8 {
            at += 4;
            ethertype =
                u16::from_be_bytes(data.get(at..at + 2).ok_or(short)?.try_into().unwrap_or([0; 2]));
        }
    }
    Ok(Link::Ethernet { dst, src, ethertype, payload: data.get(at + 2..).unwrap_or(&[]) })
}

/// Radiotap (radiotap.org): version 0, pad, length (LE), present words. The Flags field
/// (present bit 1) says whether the frame ends with an FCS (flag 0x10) and whether the frame
/// failed its FCS check (0x40).
fn radiotap(data: &[u8]) -> Result<Link<'_>, &'static str> {
    if data.first() != Some(&0) {
        return Err("radiotap version is not 0");
    }
    let len = usize::from(le16(data, 2).ok_or("radiotap header truncated")?);
    let frame = data.get(len..).ok_or("radiotap header longer than the packet")?;
    let header = &data[..len];
    let present = le32(header, 4).ok_or("radiotap header truncated")?;
    // Skip the extended present words.
    let mut at = 8;
    let mut word = present;
    while word & (1 << 31) != 0 {
        word = le32(header, at).ok_or("radiotap present words overrun the header")?;
        at += 4;
    }
    let mut flags = None;
    if present & 1 != 0 {
        at = at.next_multiple_of(8) + 8; // TSFT, 8 octets aligned to 8
    }
    if present & 2 != 0 {
        flags = Some(*header.get(at).ok_or("radiotap Flags field overruns the header")?);
    }
    match flags {
        Some(f) if f & 0x40 != 0 => Err("radiotap: frame failed its FCS check (bad FCS flag)"),
        Some(f) if f & 0x10 != 0 => {
            let n = frame.len().checked_sub(4).ok_or("frame shorter than its FCS")?;
            Ok(Link::Wlan(&frame[..n]))
        }
        Some(_) => Ok(Link::Wlan(frame)),
        None => Ok(Link::Wlan(strip_fcs_if_valid(frame))),
    }
}

/// The IEEE CRC-32 table (reflected polynomial 0xEDB88320).
const CRC_TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// CRC-32 as the 802.11 FCS computes it.
pub fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |c, &b| CRC_TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8))
}

/// Where the capture header does not say whether an FCS follows: remove the last four octets
/// when they are the frame's CRC-32.
fn strip_fcs_if_valid(frame: &[u8]) -> &[u8] {
    if frame.len() >= 14 {
        let (body, fcs) = frame.split_at(frame.len() - 4);
        if crc32(body).to_le_bytes() == fcs {
            return body;
        }
    }
    frame
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        // The CRC-32 check value of "123456789" (IEEE 802.3).
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn radiotap_with_fcs_flag() {
        let frame = [0x80u8, 0, 0, 0, 1, 2, 3, 4];
        // present: Flags (bit 1); flags = 0x10 (FCS at end)
        let mut p = vec![0, 0, 9, 0, 2, 0, 0, 0, 0x10];
        p.extend_from_slice(&frame);
        p.extend_from_slice(&[9, 9, 9, 9]);
        assert_eq!(decapsulate(RADIOTAP, &p), Ok(Link::Wlan(&frame[..])));
        // TSFT and Flags: TSFT aligned to 8 after the present word.
        let mut p = vec![0, 0, 17, 0, 3, 0, 0, 0];
        p.extend_from_slice(&[0; 8]);
        p.push(0x00);
        p.extend_from_slice(&frame);
        assert_eq!(decapsulate(RADIOTAP, &p), Ok(Link::Wlan(&frame[..])));
    }

    #[test]
    fn headers_that_lie_are_errors() {
        assert!(decapsulate(RADIOTAP, &[0, 0, 200, 0, 0, 0, 0, 0]).is_err());
        assert!(decapsulate(RADIOTAP, &[0, 0, 8, 0, 0, 0, 0, 0x80]).is_err());
        assert!(decapsulate(PRISM, &[0; 6]).is_err());
        assert!(decapsulate(PPI, &[0, 0, 8, 0, 1, 0, 0, 0]).is_err());
        assert!(decapsulate(ETHERNET, &[0; 13]).is_err());
        assert!(decapsulate(999, &[0; 100]).is_err());
    }

    #[test]
    fn fcs_found_by_its_crc() {
        let body = [0x08u8, 0x01, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        let mut f = body.to_vec();
        f.extend_from_slice(&crc32(&body).to_le_bytes());
        assert_eq!(decapsulate(IEEE802_11, &f), Ok(Link::Wlan(&body[..])));
        let mut prism = vec![0u8; 144];
        prism[4] = 144;
        prism.extend_from_slice(&f);
        assert_eq!(decapsulate(PRISM, &prism), Ok(Link::Wlan(&body[..])));
        let mut ppi = vec![0, 0, 8, 0, 105, 0, 0, 0];
        ppi.extend_from_slice(&body);
        assert_eq!(decapsulate(PPI, &ppi), Ok(Link::Wlan(&body[..])));
    }
}
