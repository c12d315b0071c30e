//! The one pcap writer of the workspace, with no dependency beyond `std`: 802.11 frames behind a
//! minimal radiotap header (link type 127), bare 802.11 frames (link type 105) or Ethernet
//! frames (link type 1), with microsecond timestamps; and builders for the 802.11 frames a
//! handshake or a roam is made of.
//!
//! It lives with the roam example, which writes what it plays with it (`--pcap FILE`, through
//! `air.rs` beside it). The capture tool (`cli/`, not published) includes this same file as its
//! `pcapwrite` module, for its decrypted output and its tests.
//!
//! ```
//! use wifi_keycheck::pcapwrite::{LinkType, PcapWriter};
//! let mut w = PcapWriter::new(Vec::new(), LinkType::Radiotap).unwrap();
//! w.write_frame(1_700_000_000_000_000, &[0x80, 0, 0, 0]).unwrap();
//! let bytes = w.into_inner();
//! assert_eq!(&bytes[..4], &[0xd4, 0xc3, 0xb2, 0xa1]);
//! ```

use std::io::{self, Write};

/// The link type of the records a [`PcapWriter`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkType {
    /// LINKTYPE_IEEE802_11 (105): the 802.11 frame, without FCS.
    Ieee80211,
    /// LINKTYPE_IEEE802_11_RADIOTAP (127): an 8-octet radiotap header (no fields) before the
    /// 802.11 frame, which carries no FCS.
    Radiotap,
    /// LINKTYPE_ETHERNET (1): Ethernet II frames (e.g. EAPOL on the wired side of an AP).
    Ethernet,
}

impl LinkType {
    /// The number in the pcap file header.
    pub const fn number(self) -> u32 {
        match self {
            LinkType::Ieee80211 => 105,
            LinkType::Radiotap => 127,
            LinkType::Ethernet => 1,
        }
    }
}

/// The smallest radiotap header: version 0, pad, length 8, no present fields.
const RADIOTAP_EMPTY: [u8; 8] = [0, 0, 8, 0, 0, 0, 0, 0];

/// Writes a classic (microsecond) little-endian pcap stream.
pub struct PcapWriter<W: Write> {
    out: W,
    link: LinkType,
}

impl<W: Write> PcapWriter<W> {
    /// Writes the global header (snap length 262144).
    pub fn new(mut out: W, link: LinkType) -> io::Result<PcapWriter<W>> {
        let mut h = Vec::with_capacity(24);
        h.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
        h.extend_from_slice(&2u16.to_le_bytes());
        h.extend_from_slice(&4u16.to_le_bytes());
        h.extend_from_slice(&0i32.to_le_bytes());
        h.extend_from_slice(&0u32.to_le_bytes());
        h.extend_from_slice(&262_144u32.to_le_bytes());
        h.extend_from_slice(&link.number().to_le_bytes());
        out.write_all(&h)?;
        Ok(PcapWriter { out, link })
    }

    /// Writes one record at `ts_us` microseconds since the Unix epoch. For
    /// [`LinkType::Radiotap`] the radiotap header is added in front of `frame`.
    pub fn write_frame(&mut self, ts_us: u64, frame: &[u8]) -> io::Result<()> {
        let pre: &[u8] = if self.link == LinkType::Radiotap { &RADIOTAP_EMPTY } else { &[] };
        let len = u32::try_from(pre.len() + frame.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame too long"))?;
        let secs = u32::try_from(ts_us / 1_000_000)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "timestamp after 2106"))?;
        let mut h = [0u8; 16];
        h[..4].copy_from_slice(&secs.to_le_bytes());
        h[4..8].copy_from_slice(&((ts_us % 1_000_000) as u32).to_le_bytes());
        h[8..12].copy_from_slice(&len.to_le_bytes());
        h[12..16].copy_from_slice(&len.to_le_bytes());
        self.out.write_all(&h)?;
        self.out.write_all(pre)?;
        self.out.write_all(frame)
    }

    /// Flushes and returns the writer.
    pub fn into_inner(mut self) -> W {
        let _ = self.out.flush();
        self.out
    }
}

/// Builders for the 802.11 frames a handshake or a roam is made of (IEEE 802.11-2020 9.3).
/// Addresses are 6-octet arrays; the sequence number is left zero.
pub mod frames {
    /// A management frame of `subtype`: frame control, duration, DA, SA, BSSID, sequence
    /// control, then `body`.
    pub fn management(
        subtype: u8,
        da: [u8; 6],
        sa: [u8; 6],
        bssid: [u8; 6],
        body: &[u8],
    ) -> Vec<u8> {
        let mut f = vec![subtype << 4, 0, 0, 0];
        f.extend_from_slice(&da);
        f.extend_from_slice(&sa);
        f.extend_from_slice(&bssid);
        f.extend_from_slice(&[0, 0]);
        f.extend_from_slice(body);
        f
    }

    /// Management subtypes.
    pub const ASSOC_REQ: u8 = 0;
    /// Association Response.
    pub const ASSOC_RESP: u8 = 1;
    /// Reassociation Request.
    pub const REASSOC_REQ: u8 = 2;
    /// Reassociation Response.
    pub const REASSOC_RESP: u8 = 3;
    /// Beacon.
    pub const BEACON: u8 = 8;
    /// Authentication.
    pub const AUTH: u8 = 11;
    /// Deauthentication.
    pub const DEAUTH: u8 = 12;
    /// Action.
    pub const ACTION: u8 = 13;

    /// An element: ID, length, body (the body must be at most 255 octets).
    pub fn element(id: u8, body: &[u8]) -> Vec<u8> {
        let mut e = vec![id, body.len() as u8];
        e.extend_from_slice(body);
        e
    }

    /// A Beacon body: timestamp, interval 100 TU, capabilities (privacy), then `ies`.
    pub fn beacon_body(tsf: u64, ies: &[u8]) -> Vec<u8> {
        let mut b = tsf.to_le_bytes().to_vec();
        b.extend_from_slice(&[100, 0, 0x11, 0]);
        b.extend_from_slice(ies);
        b
    }

    /// An Authentication body: algorithm, transaction sequence, status, then `ies`.
    pub fn auth_body(algorithm: u16, seq: u16, status: u16, ies: &[u8]) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(&algorithm.to_le_bytes());
        b.extend_from_slice(&seq.to_le_bytes());
        b.extend_from_slice(&status.to_le_bytes());
        b.extend_from_slice(ies);
        b
    }

    /// An (Re)Association Request body: capabilities, listen interval, the current AP for a
    /// reassociation, then `ies`.
    pub fn assoc_req_body(current_ap: Option<[u8; 6]>, ies: &[u8]) -> Vec<u8> {
        let mut b = vec![0x11, 0, 10, 0];
        if let Some(ap) = current_ap {
            b.extend_from_slice(&ap);
        }
        b.extend_from_slice(ies);
        b
    }

    /// An (Re)Association Response body: capabilities, status, AID, then `ies`.
    pub fn assoc_resp_body(status: u16, aid: u16, ies: &[u8]) -> Vec<u8> {
        let mut b = vec![0x11, 0];
        b.extend_from_slice(&status.to_le_bytes());
        b.extend_from_slice(&(aid | 0xc000).to_le_bytes());
        b.extend_from_slice(ies);
        b
    }

    /// A data frame with an LLC/SNAP header and `ethertype`, to the DS (`to_ds`, from the
    /// station) or from it. `protected` sets the Protected Frame bit; `payload` is then the
    /// already encrypted body (CCMP header, ciphertext, MIC).
    pub fn data(
        to_ds: bool,
        sta: [u8; 6],
        bssid: [u8; 6],
        ethertype: u16,
        payload: &[u8],
        protected: bool,
    ) -> Vec<u8> {
        let mut f = data_header(to_ds, sta, bssid, protected);
        if !protected {
            f.extend_from_slice(&[0xaa, 0xaa, 0x03, 0, 0, 0]);
            f.extend_from_slice(&ethertype.to_be_bytes());
        }
        f.extend_from_slice(payload);
        f
    }

    /// The 24-octet header of a data frame between a station and its AP.
    pub fn data_header(to_ds: bool, sta: [u8; 6], bssid: [u8; 6], protected: bool) -> Vec<u8> {
        let flags = if to_ds { 0x01 } else { 0x02 } | if protected { 0x40 } else { 0 };
        let mut f = vec![0x08, flags, 0, 0];
        let (a1, a2) = if to_ds { (bssid, sta) } else { (sta, bssid) };
        f.extend_from_slice(&a1);
        f.extend_from_slice(&a2);
        f.extend_from_slice(&bssid);
        f.extend_from_slice(&[0, 0]);
        f
    }

    /// An EAPOL frame in a data frame (ethertype 0x888e).
    pub fn eapol(to_ds: bool, sta: [u8; 6], bssid: [u8; 6], eapol: &[u8]) -> Vec<u8> {
        data(to_ds, sta, bssid, 0x888e, eapol, false)
    }
}
