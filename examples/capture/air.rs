//! The air as a capture: every frame the roam example plays, as the 802.11 frame a monitor
//! interface would record (IEEE 802.11-2020 9.3), with a plausible time, written by the one
//! pcap writer (`pcapwrite.rs`, beside this file) behind radiotap.
//!
//! A section of the example hands each frame it puts on the air to [`Air::play`]: who sends it
//! to whom (a station and an AP address), what it is ([`Body`]), and its content (the
//! elements of a management frame, the EAPOL PDU of a data frame). A frame whose receiver
//! reads and checks it goes through [`Air::exchange`] instead, which numbers it, writes its
//! trace line, flips a bit in it when [`Air::tamper`] names it (the capture then holds the
//! altered frame), and returns its body as the receiver gets it. A section in a file of its
//! own (`examples/wpa3/`) takes `&mut Air` and does the same (a test that includes the section
//! alone declares `pcapwrite` and `air` beside it), and records the keys the tool needs with
//! [`Air::key`]. The time advances by a
//! short turnaround per frame, and by a scan-and-channel-switch gap when a station turns to
//! another BSS.

use ccm::aead::{consts, AeadInOut, KeyInit};
use ccm::Ccm;
use ieee80211_keys::eapol_key::Builder;
use ieee80211_keys::kde::KdeWriter;
use ieee80211_keys::{Error, Gtk, MacAddr, Nonce, PmkId, Ptk, Suite};

use super::pcapwrite::{frames, LinkType, PcapWriter};

/// A MAC address, as the frame carries it.
pub type Mac = [u8; 6];

/// What a played frame is; its content follows the fixed fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// Beacon: the content is its elements (SSID first).
    Beacon,
    /// Authentication (9.3.3.11): algorithm (0 Open System, 2 FT, 3 SAE), transaction
    /// sequence, status; the content follows (FT elements, SAE fields).
    Auth { algorithm: u16, seq: u16, status: u16 },
    /// Authentication, the content its whole body (algorithm, sequence, status, then the
    /// fields), as the library's SAE frame writer gives it.
    Authentication,
    /// Association Request: the content is its elements.
    AssocRequest,
    /// Reassociation Request: the current AP is the station's last BSS.
    ReassocRequest,
    /// Association Response, success: the content is its elements.
    AssocResponse,
    /// Reassociation Response, success.
    ReassocResponse,
    /// An EAPOL PDU (EAP, EAPOL-Key) in a data frame, LLC/SNAP ethertype 0x888e.
    Eapol,
}

impl Body {
    /// Octets of fixed fields at the start of the body [`Air::exchange`] returns, before the
    /// elements (IEEE 802.11-2020 9.3.3; Authentication: before the algorithm's fields; EAPOL:
    /// none, the body is the EAPOL PDU).
    pub const fn fixed_len(self) -> usize {
        match self {
            Body::Beacon => 12,
            Body::Auth { .. } | Body::Authentication => 6,
            Body::AssocRequest => 4,
            Body::ReassocRequest => 10,
            Body::AssocResponse | Body::ReassocResponse => 6,
            Body::Eapol => 0,
        }
    }
}

/// What follows the fixed fields of a received `body` of kind `kind`.
pub fn elements_of(kind: Body, body: &[u8]) -> Result<&[u8], Error> {
    body.get(kind.fixed_len()..)
        .ok_or(Error::MalformedFrame { reason: "frame body shorter than its fixed fields" })
}

/// The Status Code of a received Authentication or (Re)Association Response body, and what
/// follows its fixed fields.
pub fn status_and_rest(kind: Body, body: &[u8]) -> Result<(u16, &[u8]), Error> {
    let at = match kind {
        Body::Auth { .. } | Body::Authentication => 4,
        Body::AssocResponse | Body::ReassocResponse => 2,
        _ => return Err(Error::MalformedFrame { reason: "this frame has no Status Code" }),
    };
    let short = Error::MalformedFrame { reason: "frame body shorter than its fixed fields" };
    let status = body.get(at..at + 2).ok_or(short)?;
    Ok((u16::from_le_bytes([status[0], status[1]]), elements_of(kind, body)?))
}

/// Who sends a frame: the station to its AP, or the AP to the station.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// From the station (or someone using its address) to the AP.
    ToAp,
    /// From the AP to the station (a Beacon goes to everyone).
    ToSta,
}

/// A 4-way handshake for [`Air::four_way`]: each side's PTK (derived on its own), nonces,
/// elements.
pub struct FourWay<'a> {
    /// The AKM, cipher and PMK length.
    pub suite: &'a Suite,
    /// The station's address and its PTK.
    pub sta: (Mac, &'a Ptk),
    /// The AP's address (BSSID) and its PTK.
    pub ap: (Mac, &'a Ptk),
    /// The AP's ANonce and the station's SNonce.
    pub nonces: (&'a Nonce, &'a Nonce),
    /// The PMKID message 1/4 names, if any.
    pub pmkid: Option<&'a PmkId>,
    /// The station's elements in message 2/4 (its RSNE) and the AP's in 3/4 (before the GTK).
    pub ies: (&'a [u8], &'a [u8]),
    /// The group key message 3/4 hands over (key ID 1).
    pub gtk: &'a Gtk,
}

/// The frames played so far, with their times (µs since the Unix epoch).
#[derive(Clone, Debug)]
pub struct Air {
    /// The frames, in the order played.
    pub frames: Vec<(u64, Vec<u8>)>,
    /// The time of the last frame.
    pub now_us: u64,
    /// Jitter of the turnarounds (splitmix64; not the example's own generator, whose sequence
    /// gives the nonces and keys).
    jitter: u64,
    /// Per station, the BSS of its last frame and the BSS it is associated with.
    stations: Vec<(Mac, Mac, Option<Mac>)>,
    /// The keys the network's owner holds, as lines of Wireshark's `80211_keys` file
    /// (`"wpa-pwd","passphrase:SSID"`, `"msk","hex"`, `"pmk","hex"`).
    pub keys: Vec<String>,
    /// Frames played with [`Air::exchange`] so far (the ones a receiver reads and checks).
    pub exchanged: usize,
    /// The exchanged frame (1-based) whose last octet gets its low bit flipped on the air.
    pub tamper: Option<usize>,
    /// The trace of the sections that play through [`Air::exchange`] and [`Air::note`].
    pub log: Vec<String>,
}

impl Air {
    /// An empty air whose first frame is at 2024-01-01T12:00:00Z (the time is made up, but
    /// plausible), with turnarounds drawn from `seed`.
    pub fn new(seed: u64) -> Air {
        Air {
            frames: Vec::new(),
            now_us: 1_704_110_400_000_000,
            jitter: seed,
            stations: vec![],
            keys: vec![],
            exchanged: 0,
            tamper: None,
            log: vec![],
        }
    }

    fn below(&mut self, n: u64) -> u64 {
        self.jitter = self.jitter.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.jitter;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n
    }

    /// Lets `us` microseconds pass with nothing on the air (a user walking, a pause).
    pub fn wait(&mut self, us: u64) {
        self.now_us += us;
    }

    /// Plays one frame between station `sta` and the AP `bssid`, and returns it as written.
    pub fn play(&mut self, dir: Dir, sta: Mac, bssid: Mac, body: Body, content: &[u8]) -> &[u8] {
        // A turnaround of 0.2 to 2.2 ms; 30 to 90 ms of scanning and channel switch before a
        // station's first frame on another BSS.
        self.now_us += 200 + self.below(2_000);
        let mut current = None;
        let mut station = None;
        if body != Body::Beacon {
            let i = match self.stations.iter().position(|s| s.0 == sta) {
                Some(i) => i,
                None => {
                    self.stations.push((sta, bssid, None));
                    self.stations.len() - 1
                }
            };
            if self.stations[i].1 != bssid {
                self.now_us += 30_000 + self.below(60_000);
                self.stations[i].1 = bssid;
            }
            current = self.stations[i].2;
            station = Some(i);
        }
        let frame = match (body, dir) {
            (Body::Beacon, _) => {
                let b = frames::beacon_body(self.now_us, content);
                frames::management(frames::BEACON, [0xff; 6], bssid, bssid, &b)
            }
            (Body::Auth { algorithm, seq, status }, dir) => {
                let b = frames::auth_body(algorithm, seq, status, content);
                let (da, sa) = if dir == Dir::ToAp { (bssid, sta) } else { (sta, bssid) };
                frames::management(frames::AUTH, da, sa, bssid, &b)
            }
            (Body::Authentication, dir) => {
                let (da, sa) = if dir == Dir::ToAp { (bssid, sta) } else { (sta, bssid) };
                frames::management(frames::AUTH, da, sa, bssid, content)
            }
            (Body::AssocRequest | Body::ReassocRequest, _) => {
                let (subtype, current) = match body {
                    Body::ReassocRequest => (frames::REASSOC_REQ, Some(current.unwrap_or(bssid))),
                    _ => (frames::ASSOC_REQ, None),
                };
                let b = frames::assoc_req_body(current, content);
                frames::management(subtype, bssid, sta, bssid, &b)
            }
            (Body::AssocResponse | Body::ReassocResponse, _) => {
                let subtype = match body {
                    Body::ReassocResponse => frames::REASSOC_RESP,
                    _ => frames::ASSOC_RESP,
                };
                if let Some(i) = station {
                    self.stations[i].2 = Some(bssid);
                }
                let b = frames::assoc_resp_body(0, 1, content);
                frames::management(subtype, sta, bssid, bssid, &b)
            }
            (Body::Eapol, dir) => frames::eapol(dir == Dir::ToAp, sta, bssid, content),
        };
        self.frames.push((self.now_us, frame));
        &self.frames.last().expect("just pushed").1
    }

    /// Plays a frame whose receiver reads and checks it: numbered, traced as `what`, altered
    /// if [`Air::tamper`] names it (the low bit of its last octet flipped, in the capture too),
    /// and returned as the receiver gets it: the frame body after the MAC header (a data
    /// frame's after its LLC/SNAP header too), fixed fields first ([`Body::fixed_len`]).
    pub fn exchange(
        &mut self,
        dir: Dir,
        sta: Mac,
        bssid: Mac,
        body: Body,
        what: &str,
        content: &[u8],
    ) -> Vec<u8> {
        self.exchanged += 1;
        let (n, tampered) = (self.exchanged, self.tamper == Some(self.exchanged));
        self.play(dir, sta, bssid, body, content);
        let frame = &mut self.frames.last_mut().expect("just played").1;
        if let (Some(last), true) = (frame.last_mut(), tampered) {
            *last ^= 1;
        }
        // The MAC header (9.3.3.2, 9.3.2.1), and a data frame's LLC/SNAP header.
        let header = if body == Body::Eapol { 24 + 8 } else { 24 };
        let received = frame.get(header..).unwrap_or_default().to_vec();
        let (from, to) = if dir == Dir::ToAp { (sta, bssid) } else { (bssid, sta) };
        let (from, to) = (MacAddr::new(from), MacAddr::new(to));
        let mut line = format!("frame {n:>2}: {from} -> {to}  {what} ({} octets)", received.len());
        if tampered {
            line.push_str("  << TAMPERED: low bit of the last octet flipped");
        }
        self.log.push(line);
        received
    }

    /// A line of a section's trace, after the lines of the frames exchanged before it.
    pub fn note(&mut self, line: String) {
        self.log.push(line);
    }

    /// Plays a CCMP-128 protected data frame (12.5.3) under the pairwise `tk`, packet number
    /// `pn`: the first traffic of a connection, where a capture's time line ends.
    ///
    /// The encapsulation is written out here on its own (a second transcription of 12.5.3.3,
    /// the simple case: a 3-address non-QoS data frame, key ID 0), so that the capture tool's
    /// decryption is checked against it rather than against itself.
    pub fn protected_data(&mut self, dir: Dir, sta: Mac, bssid: Mac, tk: &[u8; 16], pn: u64) {
        self.now_us += 200 + self.below(2_000);
        let header = frames::data_header(dir == Dir::ToAp, sta, bssid, true);
        let pn = pn.to_le_bytes();
        // The AAD (12.5.3.3.3): frame control with the subtype bits of a data frame, Retry,
        // PwrMgt and MoreData masked and Protected set; A1, A2, A3; the sequence control with
        // the sequence number masked.
        let fc = [header[0] & 0x8f, (header[1] & !0x38) | 0x40];
        let aad = [&fc[..], &header[4..22], &[header[22] & 0x0f, 0]].concat();
        // The nonce (12.5.3.3.4): priority 0, A2, PN5..PN0.
        let nonce: Vec<u8> =
            [&[0u8][..], &header[10..16], &[pn[5], pn[4], pn[3], pn[2], pn[1], pn[0]]].concat();
        // The plaintext: LLC/SNAP, IPv4, a made-up datagram's first octets.
        let mut body = vec![0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00, 0x45, 0, 0, 28];
        body.extend_from_slice(&self.below(u64::MAX).to_le_bytes());
        let aead = Ccm::<aes::Aes128, consts::U8, consts::U13>::new(tk.into());
        let nonce = nonce.as_slice().try_into().expect("13 octets");
        let tag = aead
            .encrypt_inout_detached(nonce, &aad, body.as_mut_slice().into())
            .expect("a short payload");
        let ccmp = [pn[0], pn[1], 0, 0x20, pn[2], pn[3], pn[4], pn[5]];
        let frame = [&header[..], &ccmp, &body, &tag].concat();
        self.frames.push((self.now_us, frame));
    }

    /// Plays both sides of a 4-way handshake (12.7.6) as the library's EAPOL-Key builder
    /// writes it, each message under its sender's keys, then (under a 16-octet TK, which
    /// [`Air::protected_data`] takes as CCMP-128) the first data frames.
    pub fn four_way(&mut self, h: &FourWay<'_>) -> Result<(), Error> {
        let ((sta, sta_ptk), (ap, ap_ptk)) = (h.sta, h.ap);
        let (anonce, snonce) = h.nonces;
        let mut kd = [0u8; 512];
        let n = match h.pmkid {
            Some(p) => KdeWriter::new(&mut kd).pmkid(p)?.len(),
            None => 0,
        };
        let m1 = Builder::message1(h.suite, 1, anonce).key_data(&kd[..n]);
        self.eapol(Dir::ToSta, sta, ap, m1)?;
        let m2 = Builder::message2(h.suite, 1, snonce, h.ies.0, sta_ptk.kck());
        self.eapol(Dir::ToAp, sta, ap, m2)?;
        let mut kw = KdeWriter::new(&mut kd);
        for e in ieee80211_keys::elements::Elements::new(h.ies.1) {
            kw.element(e?)?;
        }
        let n = kw.gtk(1, false, h.gtk)?.len();
        let (kck, kek) = (ap_ptk.kck(), ap_ptk.kek());
        let m3 = Builder::message3(h.suite, 2, anonce, &kd[..n], kck, kek);
        self.eapol(Dir::ToSta, sta, ap, m3)?;
        self.eapol(Dir::ToAp, sta, ap, Builder::message4(h.suite, 2, sta_ptk.kck()))?;
        if let Ok(tk) = <&[u8; 16]>::try_from(sta_ptk.tk().as_bytes()) {
            self.protected_data(Dir::ToAp, sta, ap, tk, 1);
            self.protected_data(Dir::ToSta, sta, ap, tk, 1);
        }
        Ok(())
    }

    /// Plays an EAPOL-Key frame from the builder.
    fn eapol<K: ieee80211_keys::eapol::MicKey>(
        &mut self,
        dir: Dir,
        sta: Mac,
        ap: Mac,
        b: Builder<'_, K>,
    ) -> Result<(), Error> {
        let mut out = vec![0u8; b.frame_len()?];
        b.write(&mut out)?;
        self.play(dir, sta, ap, Body::Eapol, &out);
        Ok(())
    }

    /// Records a key the network's owner holds (`kind` of Wireshark's `80211_keys` file).
    pub fn key(&mut self, kind: &str, value: &str) {
        self.keys.push(format!("\"{kind}\",\"{value}\""));
    }

    /// The keys file: one `80211_keys` line per key.
    pub fn keys_file(&self) -> String {
        let mut out =
            String::from("# the keys of the roam example's networks (Wireshark 80211_keys)\n");
        self.keys.iter().for_each(|k| {
            out.push_str(k);
            out.push('\n');
        });
        out
    }

    /// The capture: a pcap stream, radiotap + 802.11.
    pub fn pcap(&self) -> Vec<u8> {
        let mut w = PcapWriter::new(Vec::new(), LinkType::Radiotap).expect("a Vec takes it");
        for (t, f) in &self.frames {
            w.write_frame(*t, f).expect("a Vec takes it");
        }
        w.into_inner()
    }
}
