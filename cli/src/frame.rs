//! The frame walker: an 802.11 MAC frame (IEEE 802.11-2020 9.2, 9.3) or an Ethernet frame
//! read into what the analysis needs, every length checked. Nothing here trusts a length it
//! has not compared with the octets present.

use crate::link::Link;

/// A 6-octet MAC address.
pub type Mac = [u8; 6];

/// What one frame is, for the analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind<'a> {
    /// Beacon or Probe Response: the BSS advertises its elements.
    Beacon {
        /// The elements.
        ies: &'a [u8],
    },
    /// Authentication (9.3.3.12).
    Auth {
        /// 0 open, 1 shared key, 2 FT, 3 SAE, 4 FILS ...
        algorithm: u16,
        /// Transaction sequence number.
        seq: u16,
        /// Status code.
        status: u16,
        /// What follows the fixed fields (elements for FT; SAE fields for SAE).
        rest: &'a [u8],
    },
    /// (Re)Association Request.
    AssocReq {
        /// A Reassociation Request.
        reassoc: bool,
        /// The current AP field of a Reassociation Request.
        current_ap: Option<Mac>,
        /// The elements.
        ies: &'a [u8],
    },
    /// (Re)Association Response.
    AssocResp {
        /// A Reassociation Response.
        reassoc: bool,
        /// Status code.
        status: u16,
        /// The elements.
        ies: &'a [u8],
    },
    /// Deauthentication or Disassociation.
    Leave {
        /// Reason code.
        reason: u16,
    },
    /// An Action frame: category, action, and the rest of the body.
    Action {
        /// Category (6: FT).
        category: u8,
        /// Action within the category.
        action: u8,
        /// The rest.
        body: &'a [u8],
    },
    /// An EAPOL PDU (LLC/SNAP with EtherType 0x888e, or Ethernet).
    Eapol(&'a [u8]),
    /// A protected data frame: the body from the security header on, and what the decryption
    /// needs of the header.
    Protected {
        /// The MAC header (through the QoS Control field).
        header: &'a [u8],
        /// Security header, ciphertext and MIC.
        body: &'a [u8],
    },
    /// An unprotected data frame (other than EAPOL) or a null frame.
    Data,
    /// Control frames and management frames the analysis does not use.
    Other,
}

/// A frame with its addresses, from the station's and the BSS's point of view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame<'a> {
    /// The transmitter (TA/SA).
    pub src: Mac,
    /// The receiver (RA/DA).
    pub dst: Mac,
    /// The BSSID, when the frame names one (management frames, data frames to or from a DS).
    pub bssid: Option<Mac>,
    /// The Retry bit.
    pub retry: bool,
    /// What the frame is.
    pub kind: Kind<'a>,
}

fn mac(b: &[u8], at: usize) -> Option<Mac> {
    b.get(at..at + 6)?.try_into().ok()
}

fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// LLC/SNAP header of an EAPOL frame in a data frame.
const SNAP_EAPOL: [u8; 8] = [0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e];
/// EtherType of EAPOL (802.1X) and of pre-authentication (0x88c7).
pub const ETHERTYPE_EAPOL: u16 = 0x888e;

/// Reads a frame from what [`crate::link::decapsulate`] returned.
pub fn parse(link: Link<'_>) -> Result<Frame<'_>, &'static str> {
    match link {
        Link::Wlan(f) => parse_wlan(f),
        Link::Ethernet { dst, src, ethertype, payload } => Ok(Frame {
            src,
            dst,
            bssid: None,
            retry: false,
            kind: if ethertype == ETHERTYPE_EAPOL { Kind::Eapol(payload) } else { Kind::Other },
        }),
    }
}

/// Reads an 802.11 frame (MAC header onward, without FCS).
pub fn parse_wlan(f: &[u8]) -> Result<Frame<'_>, &'static str> {
    let fc = le16(f, 0).ok_or("shorter than the frame control field")?;
    let (ftype, subtype) = ((fc >> 2) & 3, (fc >> 4) & 0xf);
    let (to_ds, from_ds) = (fc & 0x0100 != 0, fc & 0x0200 != 0);
    let retry = fc & 0x0800 != 0;
    let protected = fc & 0x4000 != 0;
    let order = fc & 0x8000 != 0;
    if fc & 3 != 0 {
        return Err("protocol version is not 0");
    }
    match ftype {
        0 => management(f, subtype, retry, protected, order),
        1 => {
            let dst = mac(f, 4).ok_or("control frame truncated")?;
            Ok(Frame {
                src: mac(f, 10).unwrap_or([0; 6]),
                dst,
                bssid: None,
                retry,
                kind: Kind::Other,
            })
        }
        2 => data(f, subtype, to_ds, from_ds, retry, protected, order),
        _ => Err("frame type 3 (extension) not read"),
    }
}

fn management(
    f: &[u8],
    subtype: u16,
    retry: bool,
    protected: bool,
    order: bool,
) -> Result<Frame<'_>, &'static str> {
    let short = "management header truncated";
    let dst = mac(f, 4).ok_or(short)?;
    let src = mac(f, 10).ok_or(short)?;
    let bssid = mac(f, 16).ok_or(short)?;
    // +HTC: an HT Control field follows the sequence control in management frames with Order.
    let hdr = if order { 28 } else { 24 };
    let body = f.get(hdr..).ok_or(short)?;
    let frame = |kind| Ok(Frame { src, dst, bssid: Some(bssid), retry, kind });
    if protected {
        // A protected management frame (PMF, or SAE/FT auth never are): the body is not read.
        return frame(Kind::Other);
    }
    let fixed = |n: usize, what: &'static str| body.get(n..).ok_or(what);
    match subtype {
        0 => frame(Kind::AssocReq {
            reassoc: false,
            current_ap: None,
            ies: fixed(4, "Association Request body truncated")?,
        }),
        2 => frame(Kind::AssocReq {
            reassoc: true,
            current_ap: mac(body, 4),
            ies: fixed(10, "Reassociation Request body truncated")?,
        }),
        1 | 3 => frame(Kind::AssocResp {
            reassoc: subtype == 3,
            status: le16(body, 2).ok_or("(Re)Association Response body truncated")?,
            ies: fixed(6, "(Re)Association Response body truncated")?,
        }),
        5 | 8 => frame(Kind::Beacon { ies: fixed(12, "Beacon/Probe Response body truncated")? }),
        11 => {
            let bad = "Authentication body truncated";
            frame(Kind::Auth {
                algorithm: le16(body, 0).ok_or(bad)?,
                seq: le16(body, 2).ok_or(bad)?,
                status: le16(body, 4).ok_or(bad)?,
                rest: fixed(6, bad)?,
            })
        }
        10 | 12 => frame(Kind::Leave { reason: le16(body, 0).ok_or("reason code missing")? }),
        13 | 14 => {
            let (&category, rest) = body.split_first().ok_or("Action body empty")?;
            let (&action, body) = rest.split_first().ok_or("Action body truncated")?;
            frame(Kind::Action { category, action, body })
        }
        _ => frame(Kind::Other),
    }
}

fn data(
    f: &[u8],
    subtype: u16,
    to_ds: bool,
    from_ds: bool,
    retry: bool,
    protected: bool,
    order: bool,
) -> Result<Frame<'_>, &'static str> {
    let short = "data header truncated";
    let a1 = mac(f, 4).ok_or(short)?;
    let a2 = mac(f, 10).ok_or(short)?;
    let a3 = mac(f, 16).ok_or(short)?;
    let mut hdr = 24;
    if to_ds && from_ds {
        hdr += 6; // Address 4
    }
    let qos = subtype & 0x8 != 0;
    if qos {
        hdr += 2;
        if order {
            hdr += 4; // HT Control
        }
    }
    let header = f.get(..hdr).ok_or(short)?;
    let body = &f[hdr..];
    // RA/TA are addresses 1 and 2; the BSSID is the AP's address, the station's is the other.
    let bssid = match (to_ds, from_ds) {
        (true, false) => Some(a1),
        (false, true) => Some(a2),
        (false, false) => Some(a3),
        (true, true) => None, // WDS / mesh
    };
    let frame = |kind| Ok(Frame { src: a2, dst: a1, bssid, retry, kind });
    if subtype & 0x4 != 0 {
        return frame(Kind::Data); // null (no body)
    }
    if protected {
        return frame(Kind::Protected { header, body });
    }
    match body.strip_prefix(&SNAP_EAPOL[..]) {
        Some(eapol) => frame(Kind::Eapol(eapol)),
        None => frame(Kind::Data),
    }
}

/// Iterates the elements of `ies` as `(id, body)`; an element that overruns the rest ends the
/// walk with one error.
pub fn elements(ies: &[u8]) -> impl Iterator<Item = Result<(u8, &[u8]), &'static str>> {
    let mut rest = ies;
    std::iter::from_fn(move || {
        let (&id, r) = rest.split_first()?;
        let Some((&len, r)) = r.split_first() else {
            rest = &[];
            return Some(Err("element header truncated"));
        };
        match r.split_at_checked(usize::from(len)) {
            Some((body, r)) => {
                rest = r;
                Some(Ok((id, body)))
            }
            None => {
                rest = &[];
                Some(Err("element overruns the frame"))
            }
        }
    })
}

/// The first element with `id`, whole (header included), from well-formed elements before it.
pub fn find_element(ies: &[u8], id: u8) -> Option<&[u8]> {
    let mut at = 0;
    for e in elements(ies) {
        let (eid, body) = e.ok()?;
        let whole = ies.get(at..at + 2 + body.len())?;
        if eid == id {
            return Some(whole);
        }
        at += 2 + body.len();
    }
    None
}

/// The first vendor-specific element (221) with this OUI and type, whole.
pub fn find_vendor(ies: &[u8], oui_type: [u8; 4]) -> Option<&[u8]> {
    let mut at = 0;
    for e in elements(ies) {
        let (eid, body) = e.ok()?;
        let whole = ies.get(at..at + 2 + body.len())?;
        if eid == 221 && body.starts_with(&oui_type) {
            return Some(whole);
        }
        at += 2 + body.len();
    }
    None
}

/// EAPOL (802.1X-2010 11.3): the packet types the analysis follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Eapol<'a> {
    /// EAP-Packet: code (1 Request, 2 Response, 3 Success, 4 Failure), type of a
    /// request/response (1 Identity, 13 TLS, 25 PEAP, ...).
    Eap {
        /// EAP code.
        code: u8,
        /// EAP type (requests and responses).
        eap_type: Option<u8>,
    },
    /// EAPOL-Start.
    Start,
    /// EAPOL-Logoff.
    Logoff,
    /// EAPOL-Key: the whole PDU, for the library's view.
    Key(&'a [u8]),
    /// Anything else.
    Other,
}

/// Reads the EAPOL header.
pub fn eapol(pdu: &[u8]) -> Result<Eapol<'_>, &'static str> {
    let ty = *pdu.get(1).ok_or("EAPOL header truncated")?;
    let body = pdu.get(4..).ok_or("EAPOL header truncated")?;
    Ok(match ty {
        0 => Eapol::Eap {
            code: *body.first().ok_or("EAP header truncated")?,
            eap_type: body.get(4).copied(),
        },
        1 => Eapol::Start,
        2 => Eapol::Logoff,
        3 => Eapol::Key(pdu),
        _ => Eapol::Other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pcapwrite::frames;

    const STA: Mac = [2, 0, 0, 0, 0, 1];
    const AP: Mac = [2, 0, 0, 0, 1, 1];

    #[test]
    fn reads_the_frames_a_handshake_is_made_of() {
        let f =
            frames::management(frames::AUTH, AP, STA, AP, &frames::auth_body(2, 1, 0, &[55, 0]));
        let p = parse_wlan(&f).unwrap();
        assert_eq!((p.src, p.bssid), (STA, Some(AP)));
        assert_eq!(p.kind, Kind::Auth { algorithm: 2, seq: 1, status: 0, rest: &[55, 0] });
        let f = frames::management(
            frames::REASSOC_REQ,
            AP,
            STA,
            AP,
            &frames::assoc_req_body(Some(AP), &[48, 0]),
        );
        let p = parse_wlan(&f).unwrap();
        assert_eq!(p.kind, Kind::AssocReq { reassoc: true, current_ap: Some(AP), ies: &[48, 0] });
        let f = frames::eapol(true, STA, AP, &[2, 3, 0, 0]);
        let p = parse_wlan(&f).unwrap();
        assert_eq!((p.src, p.dst, p.bssid), (STA, AP, Some(AP)));
        assert_eq!(p.kind, Kind::Eapol(&[2, 3, 0, 0]));
        let f = frames::data(false, STA, AP, 0x0800, &[1, 2, 3], true);
        let p = parse_wlan(&f).unwrap();
        assert!(matches!(p.kind, Kind::Protected { body: &[1, 2, 3], .. }));
        assert_eq!(p.bssid, Some(AP));
    }

    #[test]
    fn every_prefix_of_a_frame_is_read_or_refused() {
        let f = frames::management(
            frames::ASSOC_RESP,
            STA,
            AP,
            AP,
            &frames::assoc_resp_body(0, 1, &[1, 2, 3, 4]),
        );
        for n in 0..f.len() {
            let _ = parse_wlan(&f[..n]);
        }
        assert!(parse_wlan(&f[..10]).is_err());
    }

    #[test]
    fn elements_are_walked_and_found() {
        let ies = [0, 2, b'a', b'b', 48, 1, 9, 221, 5, 0, 0x40, 0x96, 0, 7];
        assert_eq!(find_element(&ies, 48), Some(&[48, 1, 9][..]));
        assert_eq!(find_vendor(&ies, [0, 0x40, 0x96, 0]), Some(&ies[7..]));
        assert_eq!(
            elements(&[48, 5, 1]).collect::<Vec<_>>(),
            vec![Err("element overruns the frame")]
        );
        assert_eq!(find_element(&[48, 5, 1], 48), None);
    }
}
