//! The analysis: every station followed through authentication, (re)association, EAP, the
//! 4-way and group handshakes and its roams, each MIC, PMKID and name checked with the
//! library as soon as the frames that carry its inputs have been seen, and a report per
//! association, roam or handshake with its timeline.
//!
//! Memory is bounded by the number of stations and BSSs, not by the capture's length: a
//! station keeps one connection in progress, and a finished connection becomes a [`Report`].

use std::collections::HashMap;

use ieee80211_keys::cckm::{BaseKeys, Protocol, ReassocRequest, ReassocResponse, RekeyNumber};
use ieee80211_keys::eapol::{self, EapolKeyFrame};
use ieee80211_keys::ft::{self, FteMicInput, PmkR0};
use ieee80211_keys::kde;
use ieee80211_keys::owe;
use ieee80211_keys::owe_element::OweDhParameter;
use ieee80211_keys::sae::frame::AuthFrame;
use ieee80211_keys::suite::KeySource;
use ieee80211_keys::{Akm, Cipher, Error, Gtk, MacAddr, MobilityDomainId, Pmk, PmkId, Ptk, Ssid};
use serde::Serialize;

use crate::api;
use crate::capture::Packet;
use crate::decrypt;
use crate::frame::{self, find_element, Eapol, Frame, Kind, Mac};
use crate::hashcat;
use crate::keys::KeyBook;
use crate::link;
use crate::pcapwrite::PcapWriter;
use crate::rsn::{self, RsnInfo};

/// The outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Recomputed and equal.
    Verified,
    /// Recomputed and different, or refused (the reason says which).
    Failed,
    /// Could not be computed (no key, an input missing).
    NotChecked,
}

/// One MIC, PMKID, name or counter check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// What was checked ("message 2/4 MIC", "PMKR1Name in the Reassociation Request").
    pub what: String,
    /// The outcome.
    pub outcome: Outcome,
    /// Why it failed or was not checked; for a verified key check, which key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The capture's frame number it was made on.
    pub frame: u64,
}

/// Where the time of a connection went, in milliseconds.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Timeline {
    /// From the start (the last frame on the old BSS for a roam, else the connection's first
    /// frame) to the end (the first protected data frame on the new BSS, else the last frame).
    pub total_ms: f64,
    /// Authentication and (re)association frames (FT Action frames over the DS included).
    pub authentication_ms: f64,
    /// The EAP exchange.
    pub eap_ms: f64,
    /// The 4-way handshake, message 1 to message 4.
    pub key_handshake_ms: f64,
    /// Everything else: scanning and channel switch before, gaps between the phases, the wait
    /// for the first data frame after.
    pub rest_ms: f64,
    /// What the total starts at.
    pub from: &'static str,
    /// What the total ends at.
    pub to: &'static str,
}

/// Data frames of a connection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DataCount {
    /// Protected data frames seen.
    pub protected: u64,
    /// Decrypted, MIC verified.
    pub decrypted: u64,
    /// Decryption failed its MIC (or ICV/Michael for TKIP).
    pub failed: u64,
}

/// What a station's EAP exchange came to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EapSummary {
    /// "success", "failure" or "no outcome seen".
    pub outcome: &'static str,
    /// The EAP method type the server proposed last (13 TLS, 21 TTLS, 25 PEAP, ...).
    pub method_type: Option<u8>,
    /// EAP packets seen.
    pub packets: u32,
}

/// The verdict on one association, roam or re-keying handshake.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// "association" (first seen on this station), "roam" (from another BSS), "handshake"
    /// (a 4-way handshake without its association in the capture), "rekey".
    pub kind: &'static str,
    /// The station.
    pub sta: String,
    /// The BSS.
    pub bssid: String,
    /// For a roam, the BSS it left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_bssid: Option<String>,
    /// The SSID, when a Beacon, Probe Response or the key told it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssid: Option<String>,
    /// How the station got its keys: "PSK", "802.1X/EAP", "PMK caching", "OKC", "FT over the
    /// air", "FT over the DS", "FT initial mobility domain association", "CCKM", "CCKM fast
    /// roam", "SAE", "OWE", "open".
    pub method: String,
    /// The AKM, as the library names it (or the raw selector).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub akm: Option<String>,
    /// The pairwise cipher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cipher: Option<String>,
    /// "verified" (every check verified), "failed" (a check failed), "incomplete" (a message
    /// missing), "unchecked" (nothing could be computed: no key).
    pub verdict: &'static str,
    /// The key that opened it, by its label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Capture time of its first frame (seconds since the epoch) and the frame number.
    pub start: f64,
    /// The frame number of its first frame.
    pub first_frame: u64,
    /// Every check made.
    pub checks: Vec<Check>,
    /// Messages expected and not seen.
    pub missing: Vec<String>,
    /// Where the time went.
    pub timeline: Timeline,
    /// The EAP exchange, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eap: Option<EapSummary>,
    /// Data frames.
    pub data: DataCount,
    /// Group key handshakes during the connection.
    pub group_handshakes: u32,
    /// Anything else worth knowing.
    pub notes: Vec<String>,
}

/// A note on one frame that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FrameNote {
    /// The frame number.
    pub frame: u64,
    /// What was wrong.
    pub what: String,
}

/// Options of an analysis.
#[derive(Default)]
pub struct Options {
    /// Hand each report here as its connection ends (then [`Analyzer::reports`] stays empty
    /// and memory does not grow with the number of connections).
    pub sink: Option<Box<dyn FnMut(Report)>>,
    /// Write every decrypted data frame here (link type 105, Protected bit cleared).
    pub decrypted_out: Option<PcapWriter<std::io::BufWriter<std::fs::File>>>,
}

/// Where a frame sits: its number in the capture, its time (µs), and the station and BSS it
/// is between.
#[derive(Clone, Copy)]
struct At {
    n: u64,
    ts: i64,
    sta: Mac,
    bssid: Mac,
}

/// A received EAPOL-Key message, kept until its handshake is judged.
#[derive(Clone)]
struct KeyMsg {
    frame: u64,
    pdu: Vec<u8>,
}

/// The keys a station holds after a verified association, for its next roams.
#[derive(Default)]
struct Held {
    /// PMKs by the BSS they were established or cached with (PMK caching, OKC).
    pmks: Vec<(Mac, Pmk, String)>,
    /// FT: PMK-R0, with the inputs it was derived from.
    ft: Option<(PmkR0, String, Vec<u8>)>,
    /// CCKM: base keys, their label, the last rekey number.
    cckm: Option<(BaseKeys, String, RekeyNumber)>,
}

struct Bss {
    ssid: Option<Vec<u8>>,
    rsne: Option<Vec<u8>>,
}

#[derive(Default)]
struct Conn {
    bssid: Mac,
    kind: &'static str,
    from: Option<(Mac, i64)>,
    start_ts: i64,
    start_frame: u64,
    last_ts: i64,
    auth_first: Option<i64>,
    auth_last: Option<i64>,
    /// Authentication frames: algorithm, sequence, status, the body after them, and whether
    /// the station sent it.
    auth: Vec<(u16, u16, u16, Vec<u8>, bool)>,
    assoc_req: Option<(bool, Vec<u8>)>,
    assoc_resp: Option<Vec<u8>>,
    eap_first: Option<i64>,
    eap_last: Option<i64>,
    eap_outcome: Option<&'static str>,
    eap_type: Option<u8>,
    eap_packets: u32,
    m: [Option<KeyMsg>; 4],
    /// Every distinct message 1/4 of this handshake (at most 8): an AP that resends message
    /// 1/4 with a new replay counter (or ANonce) gets message 2/4 answering an earlier one.
    m1s: Vec<KeyMsg>,
    hs_first: Option<i64>,
    hs_last: Option<i64>,
    akm: Option<Akm>,
    akm_raw: Option<rsn::Selector>,
    cipher: Option<Cipher>,
    group_cipher: Option<Cipher>,
    wpa1: bool,
    ptk: Option<Ptk>,
    /// A given TK (its key-book entry) and the cipher it decrypts with, where no PTK is known.
    given_tk: Option<(usize, Cipher)>,
    pmk: Option<Pmk>,
    key: Option<String>,
    gtk: Option<Gtk>,
    checks: Vec<Check>,
    notes: Vec<String>,
    first_protected: Option<i64>,
    data: DataCount,
    group_handshakes: u32,
    sae: bool,
    owe: bool,
    /// The PMK length, where the AKM leaves it to the group (OWE, SAE-EXT-KEY): it decides
    /// the MIC length of the EAPOL-Key frames.
    pmk_len: Option<usize>,
    ft_air: bool,
    ft_ds: bool,
    ft_ds_request: Option<Vec<u8>>,
    cckm_roam: bool,
    cached: Option<&'static str>,
    ssid: Option<Vec<u8>>,
}

impl Conn {
    /// A check whose outcome is a library result: verified, or failed with the reason.
    fn check_result(&mut self, frame: u64, what: &str, r: Result<(), Error>) {
        match r {
            Ok(()) => self.check(frame, what, Outcome::Verified, None),
            Err(e) => self.check(frame, what, Outcome::Failed, Some(reason(e))),
        }
    }

    /// A check of a name or value found (verified) or not (failed, with `why`).
    fn check_found(&mut self, frame: u64, what: &str, found: bool, why: &str) {
        let (o, d) =
            if found { (Outcome::Verified, None) } else { (Outcome::Failed, Some(why.into())) };
        self.check(frame, what, o, d);
    }

    fn check(
        &mut self,
        frame: u64,
        what: impl Into<String>,
        outcome: Outcome,
        detail: Option<String>,
    ) {
        self.checks.push(Check { what: what.into(), outcome, detail, frame });
    }
}

#[derive(Default)]
struct Station {
    conn: Option<Conn>,
    last: Option<(Mac, i64)>,
    held: Option<Held>,
    ft_ds: Option<(Mac, i64, Vec<u8>)>,
}

/// The analysis of one capture.
pub struct Analyzer<'k> {
    keys: &'k KeyBook,
    opts: Options,
    bss: HashMap<Mac, Bss>,
    stations: HashMap<Mac, Station>,
    /// Finished reports, in the order they ended.
    pub reports: Vec<Report>,
    /// Reports by verdict ("verified", "failed", "incomplete", "unchecked"), also when they go
    /// to [`Options::sink`] instead of [`Analyzer::reports`].
    pub verdicts: std::collections::BTreeMap<&'static str, u64>,
    /// Per-frame notes (capped at [`NOTES_MAX`]; [`Analyzer::notes_dropped`] counts the rest).
    pub notes: Vec<FrameNote>,
    /// Notes beyond the cap.
    pub notes_dropped: u64,
    /// hashcat 22000 lines for every PMKID and message pair that could be attacked.
    pub hashes: Vec<String>,
    /// Frames and octets read.
    pub frames: u64,
    /// Octets of captured data.
    pub bytes: u64,
}

/// At most this many stations and this many BSSs are followed, so that memory stays bounded
/// whatever the capture holds (a station or BSS beyond is a per-frame note).
pub const MAX_ENTRIES: usize = 65_536;

/// At most this many per-frame notes are kept.
pub const NOTES_MAX: usize = 1000;

fn mac_str(m: &Mac) -> String {
    MacAddr::new(*m).to_string()
}

fn is_group(m: &Mac) -> bool {
    m[0] & 1 != 0
}

/// Milliseconds from `a` to `b` (microseconds), zero when `b` is earlier; no overflow on the
/// extreme timestamps a damaged capture can claim.
fn ms(a: i64, b: i64) -> f64 {
    b.saturating_sub(a).max(0) as f64 / 1000.0
}

/// The four pairwise messages and the two group messages of a handshake, from the Key
/// Information bits (12.7.6, 12.7.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Msg {
    M1,
    M2,
    M3,
    M4,
    G1,
    G2,
}

fn classify(k: &EapolKeyFrame<'_>) -> Option<Msg> {
    let ki = k.key_info();
    if ki.request() {
        return None;
    }
    Some(match (ki.pairwise(), ki.ack(), ki.mic()) {
        (true, true, false) => Msg::M1,
        (true, true, true) => Msg::M3,
        (true, false, true) => {
            // Message 4 carries no nonce and (in RSN) no Key Data; message 2 carries both.
            let zero_nonce = k.nonce().as_bytes().iter().all(|&b| b == 0);
            if k.key_data().is_empty() && (zero_nonce || ki.secure()) {
                Msg::M4
            } else {
                Msg::M2
            }
        }
        (false, true, true) => Msg::G1,
        (false, false, true) => Msg::G2,
        _ => return None,
    })
}

/// The PMKID of the last SAE commit of each side among a connection's Authentication frames
/// (the library's, from the two commit-scalars); `None` without both commits. An AP's
/// anti-clogging request (status 76) tells the length of the token the station's next commit
/// carries.
fn sae_pmkid(auth: &[(u16, u16, u16, Vec<u8>, bool)]) -> Option<Result<PmkId, Error>> {
    let mut token_len = 0;
    let (mut sta, mut ap) = (None, None);
    for (alg, seq, status, rest, from_sta) in auth {
        if (*alg, *seq) != (3, 1) {
            continue;
        }
        if *status == 76 && !from_sta {
            token_len = rest.len().saturating_sub(2);
            continue;
        }
        let body = [&[3, 0, 1, 0][..], &status.to_le_bytes(), rest].concat();
        let commit = match AuthFrame::parse(&body, if *from_sta { token_len } else { 0 }) {
            Ok(AuthFrame::Commit(c)) => c.commit(),
            Ok(_) => continue,
            Err(e) => Err(e),
        };
        *(if *from_sta { &mut sta } else { &mut ap }) = Some(commit);
    }
    let (sta, ap) = (sta?, ap?);
    Some(sta.and_then(|s| ap.and_then(|a| s.pmkid(&a))))
}

/// The PMK length of an AKM whose PMK length follows the group: OWE's from the group of the
/// OWE DH Parameter element in the request `ies` (RFC 8110 section 4.4), SAE-EXT-KEY's from
/// the group of the SAE commits (12.4.5.4: the group's hash length).
fn group_pmk_len(
    akm: Option<Akm>,
    ies: &[u8],
    auth: &[(u16, u16, u16, Vec<u8>, bool)],
) -> Option<usize> {
    match akm? {
        Akm::Owe => {
            let el = ieee80211_keys::elements::Elements::new(ies)
                .filter_map(|e| e.ok())
                .find(|e| e.first() == Some(&255) && e.get(2) == Some(&32))?;
            Some(OweDhParameter::parse(el).ok()?.group().ok()?.pmk_len())
        }
        Akm::SaeExtKey | Akm::FtSaeExtKey => {
            let (_, _, _, rest, _) =
                auth.iter().find(|a| (a.0, a.1) == (3, 1) && a.3.len() >= 2)?;
            let group = u16::from_le_bytes([rest[0], rest[1]]);
            Some(ieee80211_keys::sae::Group::from_id(group).ok()?.hash().output_len())
        }
        _ => None,
    }
}

/// The OWE PMKID of the public values in the OWE Diffie-Hellman Parameter elements (element
/// 255, extension 32) of a (Re)Association Request's and Response's elements.
fn owe_pmkid(req: &[u8], resp: &[u8]) -> Result<PmkId, Error> {
    let value = |ies: &[u8]| -> Result<owe::OwePublicKey, Error> {
        let el = ieee80211_keys::elements::Elements::new(ies)
            .filter_map(|e| e.ok())
            .find(|e| e.first() == Some(&255) && e.get(2) == Some(&32))
            .ok_or(Error::MalformedElement {
                reason: "OWE Diffie-Hellman Parameter element missing from the (Re)Association",
            })?;
        OweDhParameter::parse(el)?.public_key()
    };
    let (client, ap) = (value(req)?, value(resp)?);
    owe::pmkid(&owe::OwePublicValues { client: &client, ap: &ap })
}

/// Why a MIC fails under the PTK that verified an earlier frame of the same exchange.
fn altered(verified: &str) -> String {
    format!(
        "MIC mismatch under the PTK that verified {verified}: frame altered, or the AP derived \
         another PTK"
    )
}

fn reason(e: Error) -> String {
    match e {
        Error::MicMismatch => "wrong key or altered frame (MIC mismatch)".into(),
        Error::UnwrapFailed => "Key Data does not unwrap with the KEK".into(),
        e => format!("malformed: {e}"),
    }
}

impl<'k> Analyzer<'k> {
    /// A new analysis with these keys.
    pub fn new(keys: &'k KeyBook, opts: Options) -> Analyzer<'k> {
        Analyzer {
            keys,
            opts,
            bss: HashMap::new(),
            stations: HashMap::new(),
            reports: Vec::new(),
            verdicts: Default::default(),
            notes: Vec::new(),
            notes_dropped: 0,
            hashes: Vec::new(),
            frames: 0,
            bytes: 0,
        }
    }

    fn note(&mut self, frame: u64, what: impl Into<String>) {
        if self.notes.len() < NOTES_MAX {
            self.notes.push(FrameNote { frame, what: what.into() });
        } else {
            self.notes_dropped += 1;
        }
    }

    /// Reads one captured packet.
    pub fn packet(&mut self, p: &Packet<'_>) {
        self.frames += 1;
        self.bytes += p.data.len() as u64;
        if p.orig_len as usize > p.data.len() {
            self.note(
                p.number,
                format!("cut by the capture ({} of {} octets)", p.data.len(), p.orig_len),
            );
        }
        let l = match link::decapsulate(p.linktype, p.data) {
            Ok(l) => l,
            Err(e) => return self.note(p.number, e),
        };
        match frame::parse(l) {
            Ok(f) => self.frame(p.number, p.ts_us, &f),
            Err(e) => self.note(p.number, e),
        }
    }

    /// Reads one frame.
    pub fn frame(&mut self, n: u64, ts: i64, f: &Frame<'_>) {
        if let Kind::Beacon { ies } = f.kind {
            let Some(bssid) = f.bssid else { return };
            if self.bss.len() >= MAX_ENTRIES && !self.bss.contains_key(&bssid) {
                return self.note(n, "too many BSSs: this one is not followed");
            }
            let b = self.bss.entry(bssid).or_insert(Bss { ssid: None, rsne: None });
            if let Some(ssid) = find_element(ies, 0) {
                if ssid.len() > 2 && ssid[2..].iter().any(|&c| c != 0) {
                    b.ssid = Some(ssid[2..].to_vec());
                }
            }
            if let Some(r) =
                find_element(ies, 48).or_else(|| frame::find_vendor(ies, [0, 0x50, 0xf2, 1]))
            {
                b.rsne = Some(r.to_vec());
            }
            return;
        }
        // Which side is the station. EAPOL on Ethernet names no BSSID: the authenticator is the
        // sender of requests and of Key frames with the Ack bit.
        let (sta, bssid) = match f.bssid {
            Some(b) if f.src == b => (f.dst, b),
            Some(b) if f.dst == b => (f.src, b),
            Some(_) => return,
            None => match f.kind {
                Kind::Eapol(pdu) => match eth_roles(pdu, None) {
                    Some(true) => (f.dst, f.src),
                    Some(false) => (f.src, f.dst),
                    None => return,
                },
                _ => return,
            },
        };
        if self.stations.len() >= MAX_ENTRIES && !self.stations.contains_key(&sta) {
            return self.note(n, "too many stations: this one is not followed");
        }
        if is_group(&sta) {
            if let Kind::Protected { .. } = f.kind {
                self.group_data(n, bssid, f);
            }
            return;
        }
        let from_sta = f.src == sta;
        match f.kind {
            Kind::Auth { algorithm, seq, status, rest } => {
                let at = At { n, ts, sta, bssid };
                self.auth(at, from_sta, (algorithm, seq, status), rest, f.retry)
            }
            Kind::AssocReq { reassoc, ies, .. } if from_sta => {
                self.assoc_req(At { n, ts, sta, bssid }, reassoc, ies, f.retry)
            }
            Kind::AssocResp { status, ies, .. } if !from_sta => {
                self.assoc_resp(n, ts, sta, bssid, status, ies)
            }
            Kind::Action { category: 6, action, body } => {
                self.ft_action(n, ts, sta, bssid, action, body)
            }
            Kind::Eapol(pdu) => self.eapol(n, ts, sta, bssid, pdu),
            Kind::Protected { header, body } => {
                self.protected(At { n, ts, sta, bssid }, header, body)
            }
            Kind::Leave { reason } => {
                if let Some(c) = self.conn_mut(sta, bssid) {
                    c.notes.push(format!(
                        "frame {n}: deauthentication/disassociation, reason {reason}"
                    ));
                }
            }
            _ => {}
        }
        // Only what a station exchanges inside an association places it on a BSS: its data,
        // EAPOL and (re)association frames. Probes, authentication and FT Action frames are
        // sent to BSSs it is not (yet) on, and to the broadcast address.
        let on_bss = matches!(
            f.kind,
            Kind::Protected { .. }
                | Kind::Data
                | Kind::Eapol(_)
                | Kind::AssocReq { .. }
                | Kind::AssocResp { .. }
        );
        if is_group(&bssid) || !on_bss {
            return;
        }
        let st = self.stations.entry(sta).or_default();
        if let Some(c) = st.conn.as_mut() {
            if c.bssid == bssid {
                c.last_ts = c.last_ts.max(ts);
            }
        }
        st.last = Some((bssid, ts));
    }

    fn conn_mut(&mut self, sta: Mac, bssid: Mac) -> Option<&mut Conn> {
        self.stations.get_mut(&sta)?.conn.as_mut().filter(|c| c.bssid == bssid)
    }

    /// Starts a new connection of `sta` with `bssid`, finishing the one in progress.
    fn start(&mut self, n: u64, ts: i64, sta: Mac, bssid: Mac) -> &mut Conn {
        let st = self.stations.entry(sta).or_default();
        let old = st.conn.take();
        let from = st.last.filter(|(b, _)| *b != bssid);
        let seen_before = old.is_some() || st.last.is_some();
        let kind = if from.is_some() && seen_before { "roam" } else { "association" };
        let ssid = self.bss.get(&bssid).and_then(|b| b.ssid.clone());
        if let Some(old) = old {
            self.finish(sta, old);
        }
        let st = self.stations.entry(sta).or_default();
        st.conn = Some(Conn {
            bssid,
            kind,
            from,
            start_ts: ts,
            start_frame: n,
            last_ts: ts,
            ssid,
            ..Default::default()
        });
        st.conn.as_mut().expect("just set")
    }

    /// The connection for a frame in an exchange that may have started before the capture.
    fn conn_or_start(
        &mut self,
        n: u64,
        ts: i64,
        sta: Mac,
        bssid: Mac,
        kind: &'static str,
    ) -> &mut Conn {
        let have = self.conn_mut(sta, bssid).is_some();
        if !have {
            let c = self.start(n, ts, sta, bssid);
            c.kind = if c.kind == "roam" { "roam" } else { kind };
        }
        self.conn_mut(sta, bssid).expect("present")
    }

    fn auth(
        &mut self,
        At { n, ts, sta, bssid }: At,
        from_sta: bool,
        (alg, seq, status): (u16, u16, u16),
        rest: &[u8],
        retry: bool,
    ) {
        let fresh = match self.conn_mut(sta, bssid) {
            None => true,
            // A new authentication once the last one got as far as association.
            Some(c) => from_sta && seq == 1 && !retry && c.assoc_req.is_some(),
        };
        if fresh {
            if !from_sta {
                return; // an AP's answer to a request not captured
            }
            self.start(n, ts, sta, bssid);
        }
        let c = self.conn_mut(sta, bssid).expect("present");
        c.auth_first.get_or_insert(ts);
        c.auth_last = Some(ts);
        if c.auth.len() < 8 {
            c.auth.push((alg, seq, status, rest.to_vec(), from_sta));
        }
        match alg {
            2 => c.ft_air = true,
            3 => c.sae = true,
            _ => {}
        }
        // SAE commits with hash-to-element (126) or SAE-PK (127) carry those status codes
        // instead of 0 (IEEE 802.11-2020 9.4.1.9, 12.4.7.6): not a refusal.
        let sae_commit = alg == 3 && seq == 1 && matches!(status, 126 | 127);
        if status != 0 && !sae_commit {
            c.notes.push(format!("frame {n}: authentication refused, status {status}"));
        }
    }

    /// FT Action frames (9.6.8): request (1) and response (2) over the current AP, naming the
    /// target AP: FT over the DS.
    fn ft_action(&mut self, n: u64, ts: i64, sta: Mac, _bssid: Mac, action: u8, body: &[u8]) {
        let (Some(s), Some(target)) = (body.get(..6), body.get(6..12)) else {
            return self.note(n, "FT Action frame truncated");
        };
        if s != sta {
            return;
        }
        let target: Mac = target.try_into().expect("6 octets");
        let st = self.stations.entry(sta).or_default();
        match action {
            1 => st.ft_ds = Some((target, ts, body.get(12..).unwrap_or(&[]).to_vec())),
            2 => {
                let status = body.get(12..14).map(|s| u16::from_le_bytes([s[0], s[1]]));
                if status != Some(0) {
                    self.note(n, format!("FT Action response: status {status:?}"));
                }
            }
            _ => {}
        }
    }

    fn assoc_req(&mut self, At { n, ts, sta, bssid }: At, reassoc: bool, ies: &[u8], retry: bool) {
        let fresh = match self.conn_mut(sta, bssid) {
            None => true,
            Some(c) => {
                c.assoc_req.is_some() && !retry && (c.m[0].is_some() || c.assoc_resp.is_some())
            }
        };
        if fresh {
            self.start(n, ts, sta, bssid);
        }
        let ft_ds = self.stations.get_mut(&sta).and_then(|s| s.ft_ds.take());
        let ssid_bss = self.bss.get(&bssid).and_then(|b| b.ssid.clone());
        let c = self.conn_mut(sta, bssid).expect("present");
        if c.ssid.is_none() {
            c.ssid = ssid_bss.or_else(|| find_element(ies, 0).map(|s| s[2..].to_vec()));
        }
        c.auth_first.get_or_insert(ts);
        c.auth_last = Some(ts);
        c.assoc_req = Some((reassoc, ies.to_vec()));
        if let Some((target, t0, req)) = ft_ds {
            if target == bssid {
                c.ft_ds = true;
                c.ft_ds_request = Some(req);
                c.auth_first = Some(t0.min(c.auth_first.unwrap_or(t0)));
            }
        }
        let rsne = find_element(ies, 48).or_else(|| frame::find_vendor(ies, [0, 0x50, 0xf2, 1]));
        let info = match rsne.map(rsn::parse) {
            Some(Ok(i)) => Some(i),
            Some(Err(e)) => {
                c.check(n, "RSNE of the (Re)Association Request", Outcome::Failed, Some(reason(e)));
                None
            }
            None => None,
        };
        if let Some(info) = &info {
            c.wpa1 = info.wpa1;
            c.akm_raw = info.akms.first().copied();
            c.akm = info.akms.first().and_then(|s| Akm::from_selector(s).ok());
            c.cipher = info.pairwise.first().and_then(|s| Cipher::from_selector(s).ok());
            c.group_cipher = info.group.and_then(|s| Cipher::from_selector(&s).ok());
            if c.akm_raw == Some(rsn::AKM_OWE) {
                c.owe = true;
            }
            c.pmk_len = group_pmk_len(c.akm, ies, &c.auth);
        }
        if let (Some(info), Some(rsne)) = (info, rsne) {
            let rsne = rsne.to_vec();
            if c.akm.is_some_and(|a| a.is_ft()) && (c.ft_air || c.ft_ds) {
                self.ft_reassoc(n, sta, bssid, ies, &rsne, &info);
            } else if c.akm == Some(Akm::Cckm) {
                if let Some(el) = find_element(ies, ieee80211_keys::cckm::ELEMENT_ID) {
                    let el = el.to_vec();
                    self.cckm_request(n, sta, bssid, &el, &rsne);
                }
            } else if !info.pmkids.is_empty() {
                self.cached_pmkid(n, sta, bssid, &info);
            }
        }
    }

    /// PMK caching / OKC: the station names a PMKSA in its RSNE. Find the PMK among the ones
    /// it held and the keys given.
    fn cached_pmkid(&mut self, n: u64, sta: Mac, bssid: Mac, info: &RsnInfo) {
        let st = self.stations.get(&sta);
        let held: Vec<(Mac, Pmk, String)> =
            st.and_then(|s| s.held.as_ref()).map(|h| h.pmks.clone()).unwrap_or_default();
        let c = self.stations.get_mut(&sta).and_then(|s| s.conn.as_mut()).expect("conn");
        let Some(akm) = c.akm else { return };
        let mut cands: Vec<(Option<Mac>, Pmk, String)> =
            held.into_iter().map(|(b, p, l)| (Some(b), p, l)).collect();
        cands.extend(self.keys.pmks(akm, c.ssid.as_deref()).into_iter().map(|(l, p)| (None, p, l)));
        let (aa, spa) = (MacAddr::new(bssid), MacAddr::new(sta));
        for (from, pmk, label) in cands {
            let Ok(id) = pmk.pmkid(akm, &aa, &spa) else { continue };
            if info.pmkids.iter().any(|p| PmkId::new(*p) == id) {
                c.cached = Some(match from {
                    Some(b) if b == bssid => "PMK caching",
                    Some(_) => "OKC",
                    None => "PMK caching or OKC",
                });
                c.check(
                    n,
                    "PMKID in the (Re)Association Request",
                    Outcome::Verified,
                    Some(label.clone()),
                );
                c.pmk = Some(pmk);
                c.key = Some(label);
                return;
            }
        }
        c.cached = Some("PMK caching or OKC");
        c.check(
            n,
            "PMKID in the (Re)Association Request",
            Outcome::NotChecked,
            Some("no PMK held or given names it".into()),
        );
    }

    /// FT reassociation (over the air or over the DS): PMKR0Name, PMKR1Name and the FTE MIC.
    fn ft_reassoc(
        &mut self,
        n: u64,
        sta: Mac,
        bssid: Mac,
        ies: &[u8],
        rsne: &[u8],
        info: &RsnInfo,
    ) {
        let held_r0 = self
            .stations
            .get(&sta)
            .and_then(|s| s.held.as_ref())
            .and_then(|h| h.ft.as_ref())
            .map(|(r0, l, _)| (r0.clone(), l.clone()));
        let held_ssid = self
            .stations
            .get(&sta)
            .and_then(|s| s.held.as_ref())
            .and_then(|h| h.ft.as_ref())
            .map(|h| h.2.clone());
        let c = self.stations.get_mut(&sta).and_then(|s| s.conn.as_mut()).expect("conn");
        let akm = c.akm.expect("FT AKM");
        let cipher = c.cipher.unwrap_or(Cipher::Ccmp128);
        let (Some(mde), Some(fte_el)) = (find_element(ies, 54), find_element(ies, 55)) else {
            c.check(
                n,
                "FTE MIC of the Reassociation Request",
                Outcome::Failed,
                Some("MDE or FTE missing".into()),
            );
            return;
        };
        let fte = match api::fte(akm, c.pmk_len, fte_el) {
            Ok(f) => f,
            Err(e) => {
                c.check(n, "FTE of the Reassociation Request", Outcome::Failed, Some(reason(e)));
                return;
            }
        };
        let (anonce, snonce) = (*fte.anonce(), *fte.snonce());
        // R1KH-ID: the FTE's, else the AP's (FT Authentication response) FTE's.
        let auth_fte = c
            .auth
            .iter()
            .find(|a| a.0 == 2 && a.1 == 2)
            .and_then(|a| find_element(&a.3, 55).map(|f| f.to_vec()));
        let r1kh = fte.r1kh_id().or_else(|| {
            let fte = auth_fte.as_deref().and_then(|f| api::fte(akm, c.pmk_len, f).ok());
            fte.and_then(|f| f.r1kh_id())
        });
        let r0kh = fte.r0kh_id();
        let (Some(r1kh), Some(r0kh)) = (r1kh, r0kh) else {
            c.check(
                n,
                "FTE MIC of the Reassociation Request",
                Outcome::NotChecked,
                Some("R0KH-ID or R1KH-ID missing".into()),
            );
            return;
        };
        let mdid = MobilityDomainId::new([
            mde.get(2).copied().unwrap_or(0),
            mde.get(3).copied().unwrap_or(0),
        ]);
        let ssid = c.ssid.clone().or(held_ssid);
        let spa = MacAddr::new(sta);
        let mut r0s: Vec<(PmkR0, String)> = held_r0.into_iter().collect();
        if let Some(s) = ssid.as_deref().and_then(|s| Ssid::new(s).ok()) {
            for (label, xx) in self.keys.xxkeys(akm, ssid.as_deref()) {
                if let Ok(r0) = PmkR0::derive(akm, &xx, &s, mdid, &r0kh, &spa) {
                    r0s.push((r0, label));
                }
            }
        }
        // The PMKR0Name the station named: in its FT Authentication request, or its FT Action
        // request over the DS.
        let req_ies = c
            .auth
            .iter()
            .find(|a| a.0 == 2 && a.1 == 1)
            .map(|a| a.3.clone())
            .or_else(|| c.ft_ds_request.clone());
        let r0name = req_ies
            .as_deref()
            .and_then(|i| find_element(i, 48))
            .and_then(|r| rsn::parse(r).ok())
            .and_then(|r| r.pmkids.first().copied());
        if r0s.is_empty() {
            c.check(
                n,
                "FTE MIC of the Reassociation Request",
                Outcome::NotChecked,
                Some("no key for this FT AKM".into()),
            );
            return;
        }
        let input = FteMicInput {
            sta_addr: &spa,
            bssid: &MacAddr::new(bssid),
            transaction_seq: ft::TRANSACTION_SEQ_REASSOC_REQUEST,
            rsne,
            mde,
            fte: fte_el,
            ric: None,
            rsnxe: find_element(ies, 244),
        };
        let mut last_err = None;
        for (r0, label) in r0s {
            let Ok(r1) = r0.derive_r1(&r1kh, &spa) else { continue };
            let Ok(ptk) = api::ft_ptk(&r1, cipher, &snonce, &anonce, &MacAddr::new(bssid), &spa)
            else {
                continue;
            };
            match api::verify_fte_mic(ptk.ptk(), &input) {
                Ok(()) => {
                    if let Some(name) = r0name {
                        let ok = r0.name().matches(&PmkId::new(name));
                        let why = "does not name the PMK-R0 of this key";
                        c.check_found(n, "PMKR0Name in the FT request", ok, why);
                    }
                    let named = info.pmkids.iter().any(|p| r1.name().matches(&PmkId::new(*p)));
                    let why = "RSNE does not carry this PMKR1Name";
                    c.check_found(n, "PMKR1Name in the Reassociation Request", named, why);
                    c.check(
                        n,
                        "FTE MIC of the Reassociation Request",
                        Outcome::Verified,
                        Some(label.clone()),
                    );
                    c.key = Some(label.clone());
                    c.ptk = Some(ptk.into_parts().0);
                    let ssid = c.ssid.clone().unwrap_or_default();
                    let st = self.stations.get_mut(&sta).expect("station");
                    let held = st.held.get_or_insert_with(Held::default);
                    held.ft = Some((r0, label, ssid));
                    return;
                }
                Err(e) => last_err = Some(e),
            }
        }
        c.check(
            n,
            "FTE MIC of the Reassociation Request",
            Outcome::Failed,
            Some(last_err.map_or("no key derived".into(), |e| match e {
                Error::MicMismatch => {
                    "wrong key or altered frame (no key given verifies it)".into()
                }
                e => reason(e),
            })),
        );
    }

    /// A CCKM fast roam: the request element's MIC under the KRK and a fresh rekey number.
    fn cckm_request(&mut self, n: u64, sta: Mac, bssid: Mac, el: &[u8], rsne: &[u8]) {
        let held = self
            .stations
            .get(&sta)
            .and_then(|s| s.held.as_ref())
            .and_then(|h| h.cckm.as_ref())
            .map(|(b, l, rn)| (b.clone(), l.clone(), *rn));
        let c = self.stations.get_mut(&sta).and_then(|s| s.conn.as_mut()).expect("conn");
        c.cckm_roam = true;
        let protocol = if c.wpa1 { Protocol::Wpa } else { Protocol::Rsn };
        let req = match ReassocRequest::parse(el) {
            Ok(r) => r,
            Err(e) => return c.check(n, "CCKM request element", Outcome::Failed, Some(reason(e))),
        };
        let Some((base, label, last)) = held else {
            return c.check(
                n,
                "CCKM request MIC",
                Outcome::NotChecked,
                Some("the initial association (KRK) is not in the capture".into()),
            );
        };
        match req.verify(protocol, base.krk(), &MacAddr::new(sta), &MacAddr::new(bssid), rsne) {
            Ok(v) => {
                c.check(n, "CCKM request MIC", Outcome::Verified, Some(label.clone()));
                let rn = v.rekey_number();
                let fresh = rn > last;
                c.check(
                    n,
                    "CCKM rekey number",
                    if fresh { Outcome::Verified } else { Outcome::Failed },
                    Some(if fresh {
                        format!("{rn} after {last}")
                    } else {
                        format!("replayed counter: {rn} not above {last}")
                    }),
                );
                let cipher = c.cipher.unwrap_or(Cipher::Ccmp128);
                if let Ok(ptk) = base.btk().ptk(rn, &MacAddr::new(bssid), cipher) {
                    c.ptk = Some(ptk);
                    c.key = Some(label.clone());
                }
                if let Some((_, _, r)) = self
                    .stations
                    .get_mut(&sta)
                    .and_then(|s| s.held.as_mut())
                    .and_then(|h| h.cckm.as_mut())
                {
                    *r = (*r).max(rn);
                }
            }
            Err(e) => c.check(n, "CCKM request MIC", Outcome::Failed, Some(reason(e))),
        }
    }

    fn assoc_resp(&mut self, n: u64, ts: i64, sta: Mac, bssid: Mac, status: u16, ies: &[u8]) {
        let ap_rsne = self.bss.get(&bssid).and_then(|b| b.rsne.clone());
        let Some(c) = self.conn_mut(sta, bssid) else { return };
        c.auth_last = Some(ts);
        c.assoc_resp = Some(ies.to_vec());
        if status != 0 {
            c.notes.push(format!("frame {n}: (re)association refused, status {status}"));
            return;
        }
        let Some(akm) = c.akm else { return };
        if akm.is_ft() && (c.ft_air || c.ft_ds) {
            let Some(ptk) = c.ptk.clone() else {
                return c.check(
                    n,
                    "FTE MIC of the Reassociation Response",
                    Outcome::NotChecked,
                    Some("no PTK: the request did not verify".into()),
                );
            };
            let (Some(rsne), Some(mde), Some(fte)) =
                (find_element(ies, 48), find_element(ies, 54), find_element(ies, 55))
            else {
                return c.check(
                    n,
                    "FTE MIC of the Reassociation Response",
                    Outcome::Failed,
                    Some("RSNE, MDE or FTE missing".into()),
                );
            };
            let input = FteMicInput {
                sta_addr: &MacAddr::new(sta),
                bssid: &MacAddr::new(bssid),
                transaction_seq: ft::TRANSACTION_SEQ_REASSOC_RESPONSE,
                rsne,
                mde,
                fte,
                ric: None,
                rsnxe: find_element(ies, 244),
            };
            let r = api::verify_fte_mic(&ptk, &input);
            let verified = r.is_ok();
            let what = "FTE MIC of the Reassociation Response";
            match r {
                Err(Error::MicMismatch) => {
                    c.check(n, what, Outcome::Failed, Some(altered("the Reassociation Request")))
                }
                r => c.check_result(n, what, r),
            }
            // The GTK the AP hands over in the FTE, wrapped with the KEK (13.8.5).
            let sub =
                api::fte(akm, Some(ptk.suite().pmk_len()), fte).and_then(|f| f.gtk_subelement());
            match sub {
                Ok(Some(sub)) if verified => {
                    let gtk = sub.unwrap(ptk.kek());
                    let (o, d) = match &gtk {
                        Ok(_) => (Outcome::Verified, None),
                        Err(e) => (Outcome::Failed, Some(reason(*e))),
                    };
                    c.gtk = gtk.ok().or(c.gtk.take());
                    c.check(n, "FTE GTK subelement (unwrapped with the KEK)", o, d);
                }
                Ok(_) => {}
                Err(e) => c.check(n, "FTE GTK subelement", Outcome::Failed, Some(reason(e))),
            }
        } else if c.cckm_roam {
            let Some(el) = find_element(ies, ieee80211_keys::cckm::ELEMENT_ID) else {
                return c.check(
                    n,
                    "CCKM response MIC",
                    Outcome::Failed,
                    Some("no CCKM element in the response".into()),
                );
            };
            let (Some(ptk), Some(ap_rsne)) = (c.ptk.as_ref(), ap_rsne) else {
                return c.check(
                    n,
                    "CCKM response MIC",
                    Outcome::NotChecked,
                    Some("no PTK, or the AP's Beacon RSNE not captured".into()),
                );
            };
            let protocol = if c.wpa1 { Protocol::Wpa } else { Protocol::Rsn };
            let r = ReassocResponse::parse(el).and_then(|resp| {
                resp.verify_and_decrypt(
                    protocol,
                    ptk,
                    &MacAddr::new(sta),
                    &ap_rsne,
                    resp.rekey_number(),
                    c.group_cipher.unwrap_or(Cipher::Ccmp128),
                )
            });
            match r {
                Ok(gtk) => {
                    c.gtk = Some(gtk);
                    c.check(n, "CCKM response MIC and GTK", Outcome::Verified, None);
                }
                Err(e) => {
                    let why = match e {
                        Error::MicMismatch => altered("the CCKM request"),
                        e => reason(e),
                    };
                    c.check(n, "CCKM response MIC and GTK", Outcome::Failed, Some(why))
                }
            }
        }
    }

    fn eapol(&mut self, n: u64, ts: i64, sta: Mac, bssid: Mac, pdu: &[u8]) {
        let e = match frame::eapol(pdu) {
            Ok(e) => e,
            Err(e) => return self.note(n, e),
        };
        match e {
            Eapol::Start | Eapol::Eap { .. } | Eapol::Logoff => {
                let c = self.conn_or_start(n, ts, sta, bssid, "association");
                c.eap_first.get_or_insert(ts);
                c.eap_last = Some(ts);
                c.eap_packets += 1;
                if let Eapol::Eap { code, eap_type } = e {
                    match code {
                        1 if eap_type.is_some_and(|t| t > 3) => c.eap_type = eap_type,
                        3 => c.eap_outcome = Some("success"),
                        4 => c.eap_outcome = Some("failure"),
                        _ => {}
                    }
                }
            }
            Eapol::Key(pdu) => self.key_frame(n, ts, sta, bssid, pdu),
            Eapol::Other => {}
        }
    }

    fn key_frame(&mut self, n: u64, ts: i64, sta: Mac, bssid: Mac, pdu: &[u8]) {
        let (akm, pmk_len) = self.conn_mut(sta, bssid).map_or((None, None), |c| (c.akm, c.pmk_len));
        let view = match api::key_frame(akm, pmk_len, pdu) {
            Ok(v) => v,
            Err(e) => {
                self.note(n, format!("EAPOL-Key: {e}"));
                if let Some(c) = self.conn_mut(sta, bssid) {
                    c.check(n, "EAPOL-Key frame", Outcome::Failed, Some(reason(e)));
                }
                return;
            }
        };
        let Some(msg) = classify(&view) else { return };
        let pdu = view.as_bytes().to_vec();
        let rc = view.replay_counter();
        // A message 1 after a completed handshake starts a re-keying handshake.
        let restart = match self.conn_mut(sta, bssid) {
            None => true,
            Some(c) => msg == Msg::M1 && (c.m[2].is_some() || c.m[3].is_some()),
        };
        if restart {
            let rekey = self.conn_mut(sta, bssid).is_some();
            let c = self.start(n, ts, sta, bssid);
            if rekey {
                c.kind = "rekey";
                c.from = None;
            } else if c.kind != "roam" {
                c.kind = "handshake";
            }
            if let Some(prev) = self.stations.get(&sta).and_then(|s| s.held.as_ref()) {
                let _ = prev;
            }
        }
        let c = self.conn_mut(sta, bssid).expect("conn");
        let km = KeyMsg { frame: n, pdu };
        match msg {
            Msg::M1 => {
                c.hs_first.get_or_insert(ts);
                c.hs_last = Some(ts);
                match &c.m[0] {
                    Some(old) if old.pdu == km.pdu => return, // retransmission
                    Some(old) => {
                        let old_rc = api::key_frame(None, None, &old.pdu)
                            .map(|v| v.replay_counter())
                            .unwrap_or(0);
                        if rc <= old_rc {
                            c.check(
                                n,
                                "replay counter of message 1/4",
                                Outcome::Failed,
                                Some(format!("replayed counter: {rc} not above {old_rc}")),
                            );
                        }
                    }
                    None => {}
                }
                if c.m1s.len() < 8 {
                    c.m1s.push(km.clone());
                }
                if c.m[1].is_none() {
                    c.m[0] = Some(km);
                    self.message1(sta, bssid);
                }
            }
            Msg::M2 => {
                c.hs_last = Some(ts);
                if c.m[1].is_none() || c.ptk.is_none() {
                    c.m[1] = Some(km);
                    self.message2(sta, bssid);
                }
            }
            Msg::M3 => {
                c.hs_last = Some(ts);
                c.m[2] = Some(km.clone());
                self.message3(km, sta, bssid);
            }
            Msg::M4 => {
                c.hs_last = Some(ts);
                c.m[3] = Some(km.clone());
                self.message4(km, sta, bssid);
            }
            Msg::G1 | Msg::G2 => self.group(msg, km, sta, bssid),
        }
    }

    /// Message 1/4: the PMKID KDE, for PMKSA caching and for a hashcat WPA*01 line.
    fn message1(&mut self, sta: Mac, bssid: Mac) {
        let keys = self.keys;
        let c = self.conn_mut(sta, bssid).expect("conn");
        let m1 = c.m[0].clone().expect("m1");
        let Ok(view) = api::key_frame(c.akm, c.pmk_len, &m1.pdu) else { return };
        let Ok(Some(pmkid)) = kde::find_pmkid(view.key_data()) else { return };
        if pmkid.as_bytes().iter().all(|&b| b == 0) {
            return;
        }
        // SAE and OWE: the PMKID is no HMAC of the PMK. SAE's is the sum of the two
        // commit-scalars (12.4.5.4), OWE's the hash of the two public values of the OWE DH
        // Parameter elements (RFC 8110 section 4.4): both recomputed from what is on the air.
        let of_akm = |k: KeySource| c.akm.is_some_and(|a| a.key_source() == k);
        let observed = if c.sae || of_akm(KeySource::Sae) {
            Some(("SAE commits", sae_pmkid(&c.auth)))
        } else if c.owe || of_akm(KeySource::Owe) {
            let values = c.assoc_req.as_ref().map(|r| &r.1).zip(c.assoc_resp.as_ref());
            Some(("OWE public values", values.map(|(req, resp)| owe_pmkid(req, resp))))
        } else {
            None
        };
        if let Some((of, computed)) = observed {
            let (outcome, detail) = match computed {
                Some(Ok(id)) if id == pmkid => (Outcome::Verified, None),
                Some(Ok(_)) => {
                    (Outcome::Failed, Some(format!("not the PMKID of the {of} on the air")))
                }
                Some(Err(e)) => (Outcome::Failed, Some(reason(e))),
                None => (Outcome::NotChecked, Some(format!("the {of} were not captured"))),
            };
            return c.check(m1.frame, format!("PMKID in message 1/4 ({of})"), outcome, detail);
        }
        let ssid = c.ssid.clone();
        // A WPA*01 line only where a passphrase is behind the PMK (hashcat's 22000 searches
        // passphrases): a PSK AKM, or one not known.
        let psk = c.akm.is_none_or(|a| a.key_source() == KeySource::Psk);
        if let (Some(ssid), true) = (&ssid, psk) {
            self.hashes.push(hashcat::pmkid_line(&pmkid, &bssid, &sta, ssid));
        }
        let c = self.conn_mut(sta, bssid).expect("conn");
        let akms: Vec<Akm> = match c.akm {
            Some(a) => vec![a],
            None => vec![Akm::Psk, Akm::Ieee8021x],
        };
        let (aa, spa) = (MacAddr::new(bssid), MacAddr::new(sta));
        for akm in akms {
            for (label, pmk) in keys.pmks(akm, ssid.as_deref()) {
                if pmk.pmkid(akm, &aa, &spa).is_ok_and(|id| id == pmkid) {
                    c.check(m1.frame, "PMKID in message 1/4", Outcome::Verified, Some(label));
                    return;
                }
            }
        }
        let detail =
            if keys.is_empty() { "no key given" } else { "no key given matches it (wrong key)" };
        let outcome = if keys.is_empty() { Outcome::NotChecked } else { Outcome::Failed };
        c.check(m1.frame, "PMKID in message 1/4", outcome, Some(detail.into()));
    }

    /// Message 2/4: find the key. The MIC of message 2 is the first thing only the right PMK
    /// verifies.
    fn message2(&mut self, sta: Mac, bssid: Mac) {
        let keys = self.keys;
        let held = self.stations.get(&sta).and_then(|s| s.held.as_ref()).map(|h| {
            (
                h.pmks.clone(),
                h.ft.as_ref().map(|(r0, l, s)| (r0.clone(), l.clone(), s.clone())),
                h.cckm.is_some(),
            )
        });
        let c = self.conn_mut(sta, bssid).expect("conn");
        let (Some(_), Some(m2)) = (c.m[0].as_ref(), c.m[1].clone()) else { return };
        // The message 1/4 this message 2/4 answers: the latest with its replay counter.
        let rc2 = api::key_frame(c.akm, c.pmk_len, &m2.pdu).map(|v| v.replay_counter());
        let answered =
            c.m1s.iter().rev().find(|m| {
                api::key_frame(c.akm, c.pmk_len, &m.pdu).map(|v| v.replay_counter()) == rc2
            });
        if let Some(m) = answered.cloned() {
            c.m[0] = Some(m);
        }
        let Some(m1) = c.m[0].clone() else { return };
        let Ok(v1) = api::key_frame(c.akm, c.pmk_len, &m1.pdu) else { return };
        let Ok(v2) = api::key_frame(c.akm, c.pmk_len, &m2.pdu) else {
            return c.check(
                m2.frame,
                "message 2/4 MIC",
                Outcome::Failed,
                Some("malformed for this AKM's MIC length".into()),
            );
        };
        let (anonce, snonce) = (v1.nonce(), v2.nonce());
        let (aa, spa) = (MacAddr::new(bssid), MacAddr::new(sta));
        if v2.replay_counter() != v1.replay_counter() {
            c.check(
                m2.frame,
                "replay counter of message 2/4",
                Outcome::Failed,
                Some(format!(
                    "{} differs from message 1/4's {}",
                    v2.replay_counter(),
                    v1.replay_counter()
                )),
            );
        }
        let version = v2.key_info().descriptor_version();
        // The AKM: the association's, else guessed from the descriptor version.
        let akms: Vec<Akm> = match c.akm {
            Some(a) => vec![a],
            None => match version {
                1 | 2 => vec![Akm::Psk, Akm::Ieee8021x],
                3 => vec![Akm::PskSha256, Akm::Ieee8021xSha256],
                _ => vec![Akm::Sae, Akm::PskSha384],
            },
        };
        let cipher = c.cipher.unwrap_or(match (version, v1.key_length()) {
            (1, _) => Cipher::Tkip,
            (_, 32) => Cipher::Ccmp256,
            _ => Cipher::Ccmp128,
        });
        if c.ssid.is_some() && akms.iter().any(|a| a.key_source() == KeySource::Psk) {
            let line = hashcat::eapol_line(
                &v2,
                &anonce,
                &bssid,
                &sta,
                c.ssid.as_deref().unwrap_or_default(),
                v1.replay_counter() == v2.replay_counter(),
            );
            self.hashes.push(line);
        }
        let c = self.conn_mut(sta, bssid).expect("conn");
        let ssid = c.ssid.clone();
        let mut tried = 0usize;
        let mut malformed = None;
        for akm in akms {
            if akm.is_ft() {
                // FT initial mobility domain association: PTK from PMK-R1.
                let resp = c.assoc_resp.clone().unwrap_or_default();
                let req = c.assoc_req.clone().map(|r| r.1).unwrap_or_default();
                let fte = find_element(&resp, 55).and_then(|f| api::fte(akm, c.pmk_len, f).ok());
                let mde = find_element(&req, 54).or_else(|| find_element(&resp, 54));
                let (Some(fte), Some(mde), Some(s)) =
                    (fte, mde, ssid.as_deref().and_then(|s| Ssid::new(s).ok()))
                else {
                    return c.check(
                        m2.frame,
                        "message 2/4 MIC",
                        Outcome::NotChecked,
                        Some("FT: the Association Response FTE/MDE or the SSID is missing".into()),
                    );
                };
                let (Some(r0kh), Some(r1kh)) = (fte.r0kh_id(), fte.r1kh_id()) else {
                    return c.check(
                        m2.frame,
                        "message 2/4 MIC",
                        Outcome::NotChecked,
                        Some("FT: R0KH-ID or R1KH-ID missing".into()),
                    );
                };
                let mdid = MobilityDomainId::new([
                    mde.get(2).copied().unwrap_or(0),
                    mde.get(3).copied().unwrap_or(0),
                ]);
                for (label, xx) in keys.xxkeys(akm, ssid.as_deref()) {
                    tried += 1;
                    let Ok(r0) = PmkR0::derive(akm, &xx, &s, mdid, &r0kh, &spa) else { continue };
                    let Ok(r1) = r0.derive_r1(&r1kh, &spa) else { continue };
                    let Ok(ptk) = api::ft_ptk(&r1, cipher, &snonce, &anonce, &aa, &spa) else {
                        continue;
                    };
                    match api::verify_ptk_mic(ptk.ptk(), &m2.pdu) {
                        Ok(()) => {
                            c.check(
                                m2.frame,
                                "message 2/4 MIC",
                                Outcome::Verified,
                                Some(label.clone()),
                            );
                            // Message 2/4 names PMKR1Name in its RSNE.
                            let named = find_element(v2.key_data(), 48)
                                .and_then(|r| rsn::parse(r).ok())
                                .is_some_and(|r| {
                                    r.pmkids.iter().any(|p| r1.name().matches(&PmkId::new(*p)))
                                });
                            let why = "RSNE of message 2/4 does not carry it";
                            c.check_found(m2.frame, "PMKR1Name in message 2/4", named, why);
                            c.akm = Some(akm);
                            c.cipher = Some(cipher);
                            c.key = Some(label.clone());
                            c.ptk = Some(ptk.into_parts().0);
                            let ssid_v = ssid.clone().unwrap_or_default();
                            let st = self.stations.get_mut(&sta).expect("station");
                            let h = st.held.get_or_insert_with(Held::default);
                            h.ft = Some((r0, label, ssid_v));
                            return;
                        }
                        Err(Error::MicMismatch) => {}
                        Err(e) => malformed = Some(e),
                    }
                }
                continue;
            }
            if akm == Akm::Cckm {
                // CCKM initial association: the KRK keys message 2/4.
                for (label, nsk) in keys.pmks(akm, ssid.as_deref()) {
                    tried += 1;
                    let Ok(base) = api::cckm_base_keys(&nsk, &aa, &spa, &snonce, &anonce) else {
                        continue;
                    };
                    match api::verify_mic(akm, cipher, base.krk(), &m2.pdu) {
                        Ok(()) => {
                            c.check(
                                m2.frame,
                                "message 2/4 MIC (KRK)",
                                Outcome::Verified,
                                Some(label.clone()),
                            );
                            if let Ok(ptk) = base.btk().ptk(RekeyNumber::INITIAL, &aa, cipher) {
                                c.ptk = Some(ptk);
                            }
                            c.cipher = Some(cipher);
                            c.key = Some(label.clone());
                            c.pmk = Some(nsk);
                            let st = self.stations.get_mut(&sta).expect("station");
                            let h = st.held.get_or_insert_with(Held::default);
                            h.cckm = Some((base, label, RekeyNumber::INITIAL));
                            return;
                        }
                        Err(Error::MicMismatch) => {}
                        Err(e) => malformed = Some(e),
                    }
                }
                continue;
            }
            let mut cands: Vec<(String, Pmk)> = Vec::new();
            if let Some(p) = c.pmk.clone() {
                cands.push((c.key.clone().unwrap_or_else(|| "cached PMK".into()), p));
            }
            if let Some((pmks, _, _)) = &held {
                cands.extend(pmks.iter().map(|(_, p, l)| {
                    (format!("{l} (held from an earlier association)"), p.clone())
                }));
            }
            cands.extend(keys.pmks(akm, ssid.as_deref()));
            tried += cands.len();
            for (label, pmk) in cands {
                let Ok(ptk) = api::ptk(&pmk, akm, cipher, &aa, &spa, &anonce, &snonce) else {
                    continue;
                };
                match api::verify_ptk_mic(&ptk, &m2.pdu) {
                    Ok(()) => {
                        c.check(
                            m2.frame,
                            "message 2/4 MIC",
                            Outcome::Verified,
                            Some(label.clone()),
                        );
                        c.akm = Some(akm);
                        c.cipher = Some(cipher);
                        c.key = Some(label.clone());
                        c.ptk = Some(ptk);
                        c.pmk = Some(pmk.clone());
                        let st = self.stations.get_mut(&sta).expect("station");
                        let h = st.held.get_or_insert_with(Held::default);
                        if h.pmks.len() < 16 {
                            h.pmks.push((bssid, pmk, label));
                        }
                        return;
                    }
                    Err(Error::MicMismatch) => {}
                    Err(e) => malformed = Some(e),
                }
            }
        }
        let _ = held;
        match (tried, malformed) {
            (0, _) => c.check(
                m2.frame,
                "message 2/4 MIC",
                Outcome::NotChecked,
                Some("no key for this SSID and AKM".into()),
            ),
            (_, Some(e)) => c.check(m2.frame, "message 2/4 MIC", Outcome::Failed, Some(reason(e))),
            (n, None) => c.check(
                m2.frame,
                "message 2/4 MIC",
                Outcome::Failed,
                Some(format!("wrong key: none of the {n} keys tried verifies it")),
            ),
        }
    }

    fn message3(&mut self, m3: KeyMsg, sta: Mac, bssid: Mac) {
        let c = self.conn_mut(sta, bssid).expect("conn");
        let Ok(v3) = api::key_frame(c.akm, c.pmk_len, &m3.pdu) else {
            return c.check(
                m3.frame,
                "message 3/4 MIC",
                Outcome::Failed,
                Some("malformed for this AKM's MIC length".into()),
            );
        };
        let m1 = c.m[0].as_ref().and_then(|m| {
            api::key_frame(None, None, &m.pdu).ok().map(|v| (v.replay_counter(), v.nonce()))
        });
        if let Some((rc1, anonce1)) = m1 {
            {
                if v3.replay_counter() <= rc1 {
                    c.check(
                        m3.frame,
                        "replay counter of message 3/4",
                        Outcome::Failed,
                        Some(format!(
                            "replayed counter: {} not above message 1/4's {rc1}",
                            v3.replay_counter()
                        )),
                    );
                }
                if v3.nonce() != anonce1 {
                    c.check(
                        m3.frame,
                        "ANonce of message 3/4",
                        Outcome::Failed,
                        Some("differs from message 1/4's".into()),
                    );
                }
            }
        }
        let (Some(_), Some(ptk)) = (c.akm, c.ptk.clone()) else {
            let why = if c.m[1].is_none() {
                "message 2/4 missing: no PTK"
            } else {
                "no PTK (message 2/4 did not verify)"
            };
            return c.check(m3.frame, "message 3/4 MIC", Outcome::NotChecked, Some(why.into()));
        };
        match api::verify_ptk_mic(&ptk, &m3.pdu) {
            Ok(()) => {
                c.check(m3.frame, "message 3/4 MIC", Outcome::Verified, None);
                let mut out = [0u8; 512];
                match api::unwrap_ptk_key_data(&v3, &ptk, &mut out) {
                    Ok(plain) => {
                        if let Ok(Some(g)) = eapol::find_gtk(plain) {
                            c.gtk = g.gtk().ok();
                        }
                        c.check(m3.frame, "message 3/4 Key Data (GTK)", Outcome::Verified, None);
                    }
                    Err(e) => c.check(
                        m3.frame,
                        "message 3/4 Key Data (GTK)",
                        Outcome::Failed,
                        Some(reason(e)),
                    ),
                }
                zeroize::Zeroize::zeroize(&mut out[..]);
            }
            Err(Error::MicMismatch) => {
                c.check(m3.frame, "message 3/4 MIC", Outcome::Failed, Some(altered("message 2/4")))
            }
            Err(e) => c.check(m3.frame, "message 3/4 MIC", Outcome::Failed, Some(reason(e))),
        }
    }

    fn message4(&mut self, m4: KeyMsg, sta: Mac, bssid: Mac) {
        let c = self.conn_mut(sta, bssid).expect("conn");
        let Ok(v4) = api::key_frame(c.akm, c.pmk_len, &m4.pdu) else {
            return c.check(m4.frame, "message 4/4 MIC", Outcome::Failed, Some("malformed".into()));
        };
        if let Some(Ok(v3)) =
            c.m[2].as_ref().map(|m| api::key_frame(None, None, &m.pdu).map(|v| v.replay_counter()))
        {
            if v4.replay_counter() != v3 {
                c.check(
                    m4.frame,
                    "replay counter of message 4/4",
                    Outcome::Failed,
                    Some(format!("{} differs from message 3/4's {v3}", v4.replay_counter())),
                );
            }
        }
        let (Some(_), Some(ptk)) = (c.akm, c.ptk.as_ref()) else {
            return c.check(
                m4.frame,
                "message 4/4 MIC",
                Outcome::NotChecked,
                Some("no PTK".into()),
            );
        };
        c.check_result(m4.frame, "message 4/4 MIC", api::verify_ptk_mic(ptk, &m4.pdu));
    }

    fn group(&mut self, msg: Msg, km: KeyMsg, sta: Mac, bssid: Mac) {
        let c = self.conn_mut(sta, bssid).expect("conn");
        let what = if msg == Msg::G1 { "group message 1/2 MIC" } else { "group message 2/2 MIC" };
        if msg == Msg::G1 {
            c.group_handshakes += 1;
        }
        let (Some(akm), Some(ptk)) = (c.akm, c.ptk.clone()) else {
            return c.check(km.frame, what, Outcome::NotChecked, Some("no PTK".into()));
        };
        match api::verify_ptk_mic(&ptk, &km.pdu) {
            Ok(()) => {
                c.check(km.frame, what, Outcome::Verified, None);
                if msg == Msg::G1 {
                    if let Ok(v) = api::key_frame(Some(akm), c.pmk_len, &km.pdu) {
                        let mut out = [0u8; 512];
                        if let Ok(plain) = api::unwrap_ptk_key_data(&v, &ptk, &mut out) {
                            // WPA (v1) group messages carry the bare GTK.
                            let gtk = match eapol::find_gtk(plain) {
                                Ok(Some(g)) => g.gtk().ok(),
                                _ if c.wpa1 => {
                                    Gtk::from_bytes(plain.get(..32).unwrap_or(plain)).ok()
                                }
                                _ => None,
                            };
                            if gtk.is_some() {
                                c.gtk = gtk;
                            }
                        }
                        zeroize::Zeroize::zeroize(&mut out[..]);
                    }
                }
            }
            Err(e) => c.check(km.frame, what, Outcome::Failed, Some(reason(e))),
        }
    }

    fn protected(&mut self, At { n, ts, sta, bssid }: At, header: &[u8], body: &[u8]) {
        let keys = self.keys;
        let Some(c) = self.conn_mut(sta, bssid) else { return };
        c.first_protected.get_or_insert(ts);
        c.data.protected += 1;
        let (key, cipher) = match (c.ptk.as_ref(), c.cipher) {
            (Some(ptk), Some(cipher)) => (ptk.tk().as_bytes(), cipher),
            (Some(_), None) => return,
            (None, _) => match given_tk(keys, c, header, body) {
                Some(found) => found,
                None => return,
            },
        };
        match decrypt::decrypt(cipher, key, header, body) {
            Ok((plain, _pn)) => {
                c.data.decrypted += 1;
                if let Some(w) = self.opts.decrypted_out.as_mut() {
                    let mut out = header.to_vec();
                    out[1] &= !0x40;
                    out.extend_from_slice(&plain);
                    let _ = w.write_frame(ts.max(0) as u64, &out);
                }
            }
            Err(decrypt::Failure::Mic) => c.data.failed += 1,
            Err(decrypt::Failure::Malformed(m)) => {
                c.data.failed += 1;
                let m = m.to_string();
                self.note(n, m);
            }
            Err(decrypt::Failure::Key) => {}
        }
    }

    /// Group-addressed protected frames from an AP: decrypted with the GTK of any station of
    /// that BSS that holds one.
    fn group_data(&mut self, _n: u64, bssid: Mac, f: &Frame<'_>) {
        let Kind::Protected { header, body } = f.kind else { return };
        let gtk = self
            .stations
            .values_mut()
            .filter_map(|s| s.conn.as_mut())
            .find(|c| c.bssid == bssid && c.gtk.is_some());
        let Some(c) = gtk else { return };
        let cipher = c.group_cipher.or(c.cipher).unwrap_or(Cipher::Ccmp128);
        let key = c.gtk.as_ref().expect("gtk").as_bytes();
        match decrypt::decrypt(cipher, key, header, body) {
            Ok(_) => c.data.decrypted += 1,
            Err(_) => c.data.failed += 1,
        }
    }

    /// Ends the analysis: every connection in progress becomes a report.
    pub fn finish_all(&mut self) {
        let mut stas: Vec<Mac> = self.stations.keys().copied().collect();
        stas.sort();
        for sta in stas {
            if let Some(c) = self.stations.get_mut(&sta).and_then(|s| s.conn.take()) {
                self.finish(sta, c);
            }
        }
        self.reports.sort_by_key(|r| r.first_frame);
        if let Some(w) = self.opts.decrypted_out.take() {
            drop(w.into_inner());
        }
    }

    fn finish(&mut self, sta: Mac, c: Conn) {
        let mut missing = Vec::new();
        let akm_name = c.akm.map(|a| a.name().to_string()).or_else(|| {
            c.akm_raw.map(|s| match s {
                rsn::AKM_OWE => "OWE".to_string(),
                _ => format!("{:02x}-{:02x}-{:02x}:{}", s[0], s[1], s[2], s[3]),
            })
        });
        let eap_seen = c.eap_packets > 0;
        let method = if c.cckm_roam {
            "CCKM fast roam".to_string()
        } else if c.ft_air {
            "FT over the air".into()
        } else if c.ft_ds {
            "FT over the DS".into()
        } else if c.sae {
            match c.akm {
                Some(a) if a.is_ft() => "FT initial mobility domain association (SAE)".into(),
                _ => "SAE".into(),
            }
        } else if c.owe {
            "OWE".into()
        } else {
            match c.akm {
                Some(a) if a.is_ft() => format!(
                    "FT initial mobility domain association ({})",
                    if a.key_source() == KeySource::Psk {
                        "PSK"
                    } else if eap_seen {
                        "802.1X/EAP"
                    } else {
                        "PMK"
                    }
                ),
                Some(Akm::Cckm) => "CCKM initial association (802.1X/EAP)".into(),
                Some(a) if a.key_source() == KeySource::Psk => "PSK".into(),
                Some(a) if a.key_source() == KeySource::Sae => "SAE".into(),
                Some(_) if eap_seen => "802.1X/EAP".into(),
                Some(_) => c.cached.unwrap_or("802.1X (no EAP seen)").into(),
                None if c.assoc_req.is_some() && c.akm_raw.is_none() => "open (no RSNE)".into(),
                None if eap_seen => "802.1X/EAP".into(),
                None => "unknown (association not captured)".into(),
            }
        };
        // What the method needs and did not get.
        let four_way = !(c.ft_air || c.ft_ds || c.cckm_roam);
        if four_way
            && (c.m.iter().any(|m| m.is_some()) || c.assoc_req.is_some())
            && method != "open (no RSNE)"
        {
            for (i, m) in c.m.iter().enumerate() {
                if m.is_none() {
                    missing.push(format!("message {}/4", i + 1));
                }
            }
        }
        if (c.ft_air || c.ft_ds || c.cckm_roam) && c.assoc_resp.is_none() {
            missing.push("Reassociation Response".into());
        }
        if c.kind == "roam" && c.first_protected.is_none() {
            missing.push("a protected data frame on the new BSS".into());
        }
        let failed = c.checks.iter().any(|k| k.outcome == Outcome::Failed);
        let verified = c.checks.iter().any(|k| k.outcome == Outcome::Verified);
        let unchecked = c.checks.iter().all(|k| k.outcome == Outcome::NotChecked);
        let verdict = if failed {
            "failed"
        } else if !missing.iter().all(|m| m.starts_with("a protected")) {
            "incomplete"
        } else if unchecked || !verified || c.key.is_none() {
            // (A check that needs no key, such as an SAE PMKID from the commits, does not
            // make a connection verified when no key opened its handshake.)
            "unchecked"
        } else {
            "verified"
        };
        let from_ts = c.from.map_or(c.start_ts, |(_, t)| t);
        let to_ts = c.first_protected.unwrap_or(c.last_ts);
        let total = ms(from_ts, to_ts);
        // Each phase counted inside [from, to]: an FT Action exchange or a probe can precede
        // the last data frame on the old BSS.
        // (Timestamps out of order, as a damaged capture has them, give empty phases.)
        let (lo, hi) = (from_ts.min(to_ts), to_ts.max(from_ts));
        let phase = |first: Option<i64>, last: Option<i64>| match (first, last) {
            (Some(a), Some(b)) => ms(a.clamp(lo, hi), b.clamp(lo, hi)),
            _ => 0.0,
        };
        let auth = phase(c.auth_first, c.auth_last);
        let eap = phase(c.eap_first, c.eap_last);
        let key = phase(c.hs_first, c.hs_last);
        let timeline = Timeline {
            total_ms: total,
            authentication_ms: auth,
            eap_ms: eap,
            key_handshake_ms: key,
            rest_ms: (total - auth - eap - key).max(0.0),
            from: if c.from.is_some() { "last frame on the old BSS" } else { "first frame" },
            to: if c.first_protected.is_some() {
                "first protected data frame"
            } else {
                "last frame seen"
            },
        };
        let report = Report {
            kind: c.kind,
            sta: mac_str(&sta),
            bssid: mac_str(&c.bssid),
            from_bssid: c.from.map(|(b, _)| mac_str(&b)),
            ssid: c.ssid.as_ref().map(|s| String::from_utf8_lossy(s).into_owned()),
            method,
            akm: akm_name,
            cipher: c.cipher.map(|x| x.name().to_string()),
            verdict,
            key: c.key.clone(),
            start: c.start_ts as f64 / 1e6,
            first_frame: c.start_frame,
            checks: c.checks,
            missing,
            timeline,
            eap: eap_seen.then(|| EapSummary {
                outcome: c.eap_outcome.unwrap_or("no outcome seen"),
                method_type: c.eap_type,
                packets: c.eap_packets,
            }),
            data: c.data,
            group_handshakes: c.group_handshakes,
            notes: c.notes,
        };
        *self.verdicts.entry(report.verdict).or_default() += 1;
        match self.opts.sink.as_mut() {
            Some(sink) => sink(report),
            None => self.reports.push(report),
        }
    }
}

/// A given TK (Wireshark's `tk` line) that decrypts this frame of a connection whose PTK is not
/// known, with its cipher: the connection's when its RSNE named one, else each cipher of the
/// TK's length. The first that decrypts stays the connection's; a note says so (a TK opens the
/// data frames but checks no handshake).
fn given_tk<'k>(
    keys: &'k KeyBook,
    c: &mut Conn,
    header: &[u8],
    body: &[u8],
) -> Option<(&'k [u8], Cipher)> {
    if let Some((i, cipher)) = c.given_tk {
        return Some((keys.tk(i)?.as_bytes(), cipher));
    }
    for (i, tk) in keys.tks() {
        // Without an RSNE, every cipher whose TK is this long (the library's cipher table);
        // TKIP only when named, its 32 octets holding the Michael keys too.
        let guesses: Vec<Cipher> = match c.cipher {
            Some(cipher) => vec![cipher],
            None => Cipher::ALL
                .into_iter()
                .filter(|&x| x != Cipher::Tkip && x.tk_len() == tk.len())
                .collect(),
        };
        for cipher in guesses {
            if decrypt::decrypt(cipher, tk.as_bytes(), header, body).is_ok() {
                c.given_tk = Some((i, cipher));
                let label = &keys.entries[i].label;
                c.notes.push(format!("data frames decrypted with the TK of {label} ({cipher})"));
                return Some((tk.as_bytes(), cipher));
            }
        }
    }
    None
}

/// For an EAPOL frame on Ethernet: whether its sender is the authenticator (`Some(true)`), the
/// supplicant (`Some(false)`), or unknown.
fn eth_roles(pdu: &[u8], akm: Option<Akm>) -> Option<bool> {
    match frame::eapol(pdu).ok()? {
        Eapol::Eap { code, .. } => Some(matches!(code, 1 | 3 | 4)),
        Eapol::Start | Eapol::Logoff => Some(false),
        Eapol::Key(k) => Some(api::key_frame(akm, None, k).ok()?.key_info().ack()),
        Eapol::Other => None,
    }
}

/// Reads a whole capture with `keys` and returns the analysis.
pub fn run<R: std::io::Read + Send>(
    input: R,
    keys: &KeyBook,
    opts: Options,
) -> (Analyzer<'_>, Result<u64, crate::capture::CaptureError>) {
    let mut a = Analyzer::new(keys, opts);
    let r = crate::capture::read(input, |p| a.packet(p));
    a.finish_all();
    (a, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_saturate_on_extreme_timestamps() {
        assert_eq!(ms(1_000, 3_500), 2.5);
        assert_eq!(ms(3_500, 1_000), 0.0);
        assert_eq!(ms(i64::MIN, i64::MAX), i64::MAX as f64 / 1000.0);
        assert_eq!(ms(i64::MAX, i64::MIN), 0.0);
    }
}
