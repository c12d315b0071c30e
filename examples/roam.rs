//! The main demonstration: a client's roaming life on a secured WLAN, both sides of every step.
//!
//! ```text
//! cargo run --example roam                       # a fresh seed from the clock
//! cargo run --example roam -- --seed 7           # the same addresses, nonces and keys every time
//! cargo run --example roam -- --show-keys        # also print the key bytes
//! cargo run --example roam -- --tamper 12        # flip one bit of frame 12 on the air: a check fails
//! ```
//!
//! Four WLANs, four ways to roam, as the fast-secure-roaming literature draws them:
//!
//! 1. WPA2-PSK: PSK from the passphrase, 4-way handshake with the PMKID in message 1 and the GTK
//!    in message 3, then a roam with a new 4-way handshake.
//! 2. 802.1X: PMK from the MSK, 4-way handshake, then a PMKID-cache (OKC) roam: the STA names
//!    the cached PMK in its RSNE, the new AP finds it, no 802.1X exchange.
//! 3. 802.11r FT-802.1X: PMK-R0 at the R0 key holder, one PMK-R1 per AP, the FT 4-way handshake,
//!    then an over-the-air FT roam protected by the FTE MIC.
//! 4. Cisco CCKM: base keys KRK and BTK, then three roams, each a PTK from the BTK and a rising
//!    rekey number; replayed requests are refused.
//!
//! The station and the access points derive every key independently with the library and
//! verify each other's MICs on real EAPOL-Key frames and elements, built here byte by byte. Any
//! mismatch ends the run with an error and a non-zero exit status: the demonstration is also a
//! self-check (and `tests/roam_example.rs` runs it).

use std::ops::Range;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ieee80211_keys::cckm::{
    BaseKeys, GroupKey, ReassocRequest, ReassocResponse, RekeyGuard, RekeyNumber,
};
use ieee80211_keys::eapol::{self, EapolKeyFrame, Kdes, KeyDataItem, KeyInfo};
use ieee80211_keys::ft::{
    self, Fte, FteMicInput, PmkR0, PmkR1, PmkR1Key, PmkR1Name, PtkName, XxKey,
};
use ieee80211_keys::suite::{MicAlgorithm, IEEE_OUI};
use ieee80211_keys::{
    Akm, Cipher, Error, Gmk, Gtk, Kck, MacAddr, MobilityDomainId, Msk, Nonce, Pmk, PmkId, Protocol,
    Psk, Ptk, R0khId, Ssid,
};
use ieee80211_keys::{Pairwise, Suite};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

// ---------------------------------------------------------------------------------------------
// Command line.

/// What a run does.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Seeds every address, nonce, MSK and GTK.
    pub seed: u64,
    /// Record the key bytes in the trace.
    pub show_keys: bool,
    /// Print only the summary.
    pub quiet: bool,
    /// Flip the low bit of the last octet of the n-th frame on the air (1-based).
    pub tamper: Option<usize>,
}

const HELP: &str = "\
roam: a client's roaming life on a secured WLAN, both sides, every fast-secure-roaming method

USAGE: cargo run --example roam [-- OPTIONS]

OPTIONS:
  --seed N       seed the addresses, nonces, MSKs and GTKs (default: from the clock);
                 the same seed gives the same trace
  --show-keys    also print the key bytes (PMK, KCK, KEK, TK, KRK, BTK, PMK-R0, PMK-R1, GTK)
  --quiet        print only the summary table
  --tamper N     flip one bit in the N-th frame on the air, to watch a check refuse it
                 (the run then fails with a non-zero exit status)
  -h, --help     this text

Every MIC, key name and key is checked on both sides; any mismatch exits with status 1.";

fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut opts = Options { seed: seed_from_clock(), ..Options::default() };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut number = |flag: &str| -> Result<u64, String> {
            let v = args.next().ok_or(format!("{flag} needs a number"))?;
            v.parse().map_err(|_| format!("{flag}: '{v}' is not a number"))
        };
        match arg.as_str() {
            "--seed" => opts.seed = number("--seed")?,
            "--tamper" => opts.tamper = Some(number("--tamper")? as usize),
            "--show-keys" => opts.show_keys = true,
            "--quiet" => opts.quiet = true,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument '{other}' (see --help)")),
        }
    }
    Ok(Some(opts))
}

fn seed_from_clock() -> u64 {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    // Short enough to type back with --seed.
    (now.as_nanos() % 1_000_000) as u64
}

fn main() -> ExitCode {
    let opts = match parse_args(std::env::args().skip(1)) {
        Ok(Some(opts)) => opts,
        Ok(None) => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("roam: {msg}");
            return ExitCode::from(2);
        }
    };
    let (lines, result) = run(&opts);
    println!("seed {} (run again with --seed {} for the same trace)", opts.seed, opts.seed);
    if !opts.quiet {
        if cfg!(debug_assertions) {
            println!("debug build: add --release for representative timings");
        }
        for line in &lines {
            println!("{line}");
        }
    }
    match result {
        Ok(summary) => {
            print!("{summary}");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("\nFAILED: {failure}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What a run returns.

/// One line of the trace.
#[derive(Clone, Debug)]
pub struct Line {
    /// The text, without the timing.
    pub text: String,
    /// Whether the line shows key bytes (only with `show_keys`).
    pub key: bool,
    /// How long the step took, for steps that are timed.
    pub elapsed: Option<Duration>,
}

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.elapsed {
            Some(t) => write!(f, "{}  [{}]", self.text, ms(t)),
            None => f.write_str(&self.text),
        }
    }
}

fn ms(t: Duration) -> String {
    format!("{:.3} ms", t.as_secs_f64() * 1e3)
}

/// A check that did not hold, or a library call that refused: where, and why.
#[derive(Debug)]
pub struct Failure {
    /// The step, e.g. "AP2 verifies the FTE MIC of the Reassociation Request".
    pub step: String,
    /// What went wrong.
    pub cause: Cause,
}

/// Why a step failed.
#[derive(Debug)]
pub enum Cause {
    /// The library returned an error.
    Library(Error),
    /// A value one side received is not the one the other side holds.
    Mismatch,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.cause {
            Cause::Library(e) => write!(f, "{}: {e}", self.step),
            Cause::Mismatch => write!(f, "{}: does not hold", self.step),
        }
    }
}

type Outcome<T> = Result<T, Failure>;

/// Names the step of a library call.
trait At<T> {
    fn at(self, step: &str) -> Outcome<T>;
}

impl<T> At<T> for Result<T, Error> {
    fn at(self, step: &str) -> Outcome<T> {
        self.map_err(|e| Failure { step: step.to_owned(), cause: Cause::Library(e) })
    }
}

/// A check: `what` must hold.
fn ensure(holds: bool, what: &str) -> Outcome<()> {
    if holds {
        Ok(())
    } else {
        Err(Failure { step: what.to_owned(), cause: Cause::Mismatch })
    }
}

/// One roam: where to, how many frames it put on the air and how long both sides computed.
#[derive(Clone, Debug)]
pub struct Roam {
    /// The AP roamed to.
    pub to: &'static str,
    /// Frames on the air, from the first authentication frame to the last key frame.
    pub frames: usize,
    /// Time of the whole roam, both sides (frames built, parsed, keys derived, MICs checked).
    pub time: Duration,
}

/// One roaming method, as the summary shows it.
#[derive(Clone, Debug)]
pub struct Method {
    /// The method.
    pub name: &'static str,
    /// Its AKM.
    pub akm: Akm,
    /// What each roam derives.
    pub keys_per_roam: &'static str,
    /// Time of the initial association, both sides (without PBKDF2 and EAP).
    pub initial: Duration,
    /// The roams.
    pub roams: Vec<Roam>,
}

/// What a successful run established.
#[derive(Clone, Debug)]
pub struct Summary {
    /// The four methods.
    pub methods: Vec<Method>,
    /// Requests an AP refused, as it should: what was tried, and the refusal.
    pub refusals: Vec<(String, Error)>,
    /// Frames put on the air, in all.
    pub frames: usize,
    /// Of those, the frames whose content the receiver reads and checks (what `--tamper`
    /// counts).
    pub checked_frames: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "\n== Summary: four ways to roam ==")?;
        writeln!(
            f,
            "{:<26} {:<10} {:>5} {:>7}  {:<37} {:>9} {:>9}",
            "method", "AKM", "roams", "frames", "derived at each roam", "initial", "per roam"
        )?;
        for m in &self.methods {
            let n = m.roams.len().max(1) as u32;
            let mean = m.roams.iter().map(|r| r.time).sum::<Duration>() / n;
            let (lo, hi) = m
                .roams
                .iter()
                .fold((usize::MAX, 0), |(lo, hi), r| (lo.min(r.frames), hi.max(r.frames)));
            let frames = if lo == hi { lo.to_string() } else { format!("{lo}-{hi}") };
            writeln!(
                f,
                "{:<26} {:<10} {:>5} {:>7}  {:<37} {:>9} {:>9}",
                m.name,
                m.akm.name(),
                m.roams.len(),
                frames,
                m.keys_per_roam,
                ms(m.initial),
                ms(mean)
            )?;
        }
        writeln!(
            f,
            "(frames: on the air per roam; times: both sides' work, without PBKDF2 and EAP)"
        )?;
        for (what, refusal) in &self.refusals {
            writeln!(f, "refused as it should be: {what}: {refusal}")?;
        }
        writeln!(
            f,
            "all MICs verified, all keys and names equal on both sides ({} frames)",
            self.frames
        )
    }
}

/// Plays the four scenarios. Returns the trace (also when a step fails, up to that step) and
/// the summary or the first failure.
pub fn run(opts: &Options) -> (Vec<Line>, Outcome<Summary>) {
    let mut w = World {
        rng: Rng(opts.seed),
        show_keys: opts.show_keys,
        tamper: opts.tamper,
        lines: Vec::new(),
        frames: 0,
        sent: 0,
        now_us: 0,
    };
    let result = all(&mut w);
    (w.lines, result)
}

fn all(w: &mut World) -> Outcome<Summary> {
    let mut refusals = Vec::new();
    let methods = vec![wpa2_psk(w)?, okc(w)?, fast_transition(w)?, cckm(w, &mut refusals)?];
    Ok(Summary { methods, refusals, frames: w.frames, checked_frames: w.sent })
}

// ---------------------------------------------------------------------------------------------
// The world: a deterministic random source, a clock, the air and the trace.

/// splitmix64: small, fast, and the same sequence for the same seed. Not for real keys: a
/// station and an AP draw nonces and GMKs from their system's CSPRNG.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for chunk in out.chunks_mut(8) {
            let r = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&r[..chunk.len()]);
        }
        out
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    fn nonce(&mut self) -> Nonce {
        Nonce::new(self.bytes())
    }

    /// A locally administered unicast address, as a privacy-minded station uses.
    fn station_mac(&mut self) -> MacAddr {
        let mut b: [u8; 6] = self.bytes();
        b[0] = (b[0] & 0xfc) | 0x02;
        MacAddr::new(b)
    }
}

struct World {
    rng: Rng,
    show_keys: bool,
    tamper: Option<usize>,
    lines: Vec<Line>,
    /// Frames on the air so far.
    frames: usize,
    /// Frames on the air that carry content the receiver reads (the ones `--tamper` counts).
    sent: usize,
    /// Simulated time, µs: the TSF of every AP follows it.
    now_us: u64,
}

/// Width of the "who" column of the trace.
const WHO: usize = 16;

impl World {
    fn line(&mut self, text: String, elapsed: Option<Duration>) {
        self.lines.push(Line { text, key: false, elapsed });
    }

    fn section(&mut self, title: &str) {
        self.line(String::new(), None);
        self.line(format!("== {title} =="), None);
    }

    /// A step one party takes.
    fn act(&mut self, who: &str, text: impl AsRef<str>) {
        self.line(format!("  {who:<WHO$}{}", text.as_ref()), None);
    }

    /// A timed step.
    fn timed(&mut self, who: &str, text: impl AsRef<str>, t: Instant) {
        let elapsed = t.elapsed();
        self.line(format!("  {who:<WHO$}{}", text.as_ref()), Some(elapsed));
    }

    /// Key bytes, recorded only when asked for.
    fn key(&mut self, name: &str, bytes: &[u8]) {
        if self.show_keys {
            let text = format!("  {:<WHO$}  {name:<7} {}", "", hex(bytes));
            self.lines.push(Line { text, key: true, elapsed: None });
        }
    }

    /// A frame on the air whose content the receiver reads: returns it as received.
    fn send(&mut self, from: &str, to: &str, what: &str, mut frame: Vec<u8>) -> Vec<u8> {
        self.frames += 1;
        self.sent += 1;
        let arrow = format!("{from} -> {to}");
        let mut text = format!("  {arrow:<WHO$}{what} ({} octets)", frame.len());
        if self.tamper == Some(self.sent) {
            if let Some(last) = frame.last_mut() {
                *last ^= 1;
                text.push_str("  << TAMPERED: low bit of the last octet flipped");
            }
        }
        self.line(text, None);
        frame
    }

    /// A frame on the air whose content this demonstration does not model (Open System
    /// authentication, a status-only response).
    fn note(&mut self, from: &str, to: &str, what: &str) {
        self.frames += 1;
        let arrow = format!("{from} -> {to}");
        self.line(format!("  {arrow:<WHO$}{what}"), None);
    }

    fn wait_ms(&mut self, ms: u64) {
        self.now_us += ms * 1000;
    }
}

/// The suite of an association with `akm` and the example's pairwise cipher.
fn suite_of(akm: Akm) -> Suite {
    Suite::new(akm, CIPHER, akm.pmk_len()).expect("every AKM of the example combines with CCMP-128")
}

fn mic_name(alg: MicAlgorithm) -> &'static str {
    alg.name()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The first four octets of a nonce, for the trace.
fn short(n: &Nonce) -> String {
    format!("{}..", hex(&n.as_bytes()[..4]))
}

// ---------------------------------------------------------------------------------------------
// Elements (IEEE 802.11 9.4.2) and KDEs, built and read byte by byte.

const RSNE_ID: u8 = 48;
const MDE_ID: u8 = 54;
const FTE_ID: u8 = 55;
const CCKM_ID: u8 = ieee80211_keys::cckm::ELEMENT_ID;
/// KDE data types (12.7.2, Table 12-10).
const KDE_GTK: u8 = 1;
const KDE_PMKID: u8 = 4;
/// FTE subelement IDs (9.4.2.46).
const SUB_R1KH_ID: u8 = 1;
const SUB_GTK: u8 = 2;
const SUB_R0KH_ID: u8 = 3;
/// Every network here: CCMP-128 for pairwise and group traffic.
const CIPHER: Cipher = Cipher::Ccmp128;

fn element(id: u8, body: &[u8]) -> Vec<u8> {
    let len = u8::try_from(body.len()).expect("element bodies here are short");
    let mut e = vec![id, len];
    e.extend_from_slice(body);
    e
}

/// An RSNE: version 1, CCMP-128 group and pairwise, one AKM, no capabilities, PMKIDs if any.
fn rsne(akm: Akm, pmkids: &[PmkId]) -> Vec<u8> {
    let mut body = vec![1, 0];
    body.extend(CIPHER.selector());
    body.extend([1, 0]);
    body.extend(CIPHER.selector());
    body.extend([1, 0]);
    body.extend(akm.selector());
    body.extend([0, 0]);
    if !pmkids.is_empty() {
        body.extend((pmkids.len() as u16).to_le_bytes());
        for p in pmkids {
            body.extend(p.as_bytes());
        }
    }
    element(RSNE_ID, &body)
}

/// What an AP reads from a station's RSNE.
struct RsnInfo {
    akm: Akm,
    pairwise: Cipher,
    pmkids: Vec<PmkId>,
}

fn take<'a>(rest: &mut &'a [u8], n: usize) -> Result<&'a [u8], Error> {
    let (head, tail) = rest
        .split_at_checked(n)
        .ok_or(Error::MalformedElement { reason: "RSNE: truncated field" })?;
    *rest = tail;
    Ok(head)
}

fn count(rest: &mut &[u8]) -> Result<usize, Error> {
    let c = take(rest, 2)?;
    Ok(usize::from(u16::from_le_bytes([c[0], c[1]])))
}

/// Reads an RSNE with one pairwise cipher and one AKM (all a station may send).
fn parse_rsne(e: &[u8]) -> Result<RsnInfo, Error> {
    let malformed = |reason| Error::MalformedElement { reason };
    let mut rest = match e {
        [RSNE_ID, len, body @ ..] if usize::from(*len) == body.len() => body,
        _ => return Err(malformed("not an RSNE")),
    };
    if take(&mut rest, 2)? != [1, 0] {
        return Err(malformed("RSNE: version is not 1"));
    }
    Cipher::from_selector(take(&mut rest, 4)?)?;
    if count(&mut rest)? != 1 {
        return Err(malformed("RSNE: a station selects exactly one pairwise cipher"));
    }
    let pairwise = Cipher::from_selector(take(&mut rest, 4)?)?;
    if count(&mut rest)? != 1 {
        return Err(malformed("RSNE: a station selects exactly one AKM"));
    }
    let akm = Akm::from_selector(take(&mut rest, 4)?)?;
    take(&mut rest, 2)?; // RSN Capabilities
    let mut pmkids = Vec::new();
    if !rest.is_empty() {
        for _ in 0..count(&mut rest)? {
            pmkids.push(PmkId::from_slice(take(&mut rest, 16)?)?);
        }
    }
    Ok(RsnInfo { akm, pairwise, pmkids })
}

/// Where the first element with this ID is (header included) in a list of elements.
fn find_range(ies: &[u8], id: u8) -> Option<Range<usize>> {
    let mut at = 0;
    while let Some(&[eid, len]) = ies.get(at..at + 2) {
        let end = at + 2 + usize::from(len);
        if end > ies.len() {
            return None;
        }
        if eid == id {
            return Some(at..end);
        }
        at = end;
    }
    None
}

/// The whole element (header included) with this ID in a list of elements.
fn find(ies: &[u8], id: u8) -> Option<&[u8]> {
    find_range(ies, id).and_then(|r| ies.get(r))
}

/// An element that must be there.
fn need<'a>(ies: &'a [u8], id: u8, what: &str) -> Outcome<&'a [u8]> {
    find(ies, id).ok_or(Failure { step: what.to_owned(), cause: Cause::Mismatch })
}

fn kde(data_type: u8, data: &[u8]) -> Vec<u8> {
    let mut body = IEEE_OUI.to_vec();
    body.push(data_type);
    body.extend_from_slice(data);
    element(0xdd, &body)
}

/// The PMKID KDE of message 1's Key Data, read with the library's KDE iterator.
fn find_pmkid_kde(key_data: &[u8]) -> Result<Option<PmkId>, Error> {
    for item in Kdes::new(key_data) {
        if let KeyDataItem::Kde { oui: IEEE_OUI, data_type: KDE_PMKID, data } = item? {
            return PmkId::from_slice(data).map(Some);
        }
    }
    Ok(None)
}

/// A Mobility Domain element: the MDID, and FT over the air only (capability octet 0).
fn mde(mdid: MobilityDomainId) -> Vec<u8> {
    let m = mdid.as_bytes();
    element(MDE_ID, &[m[0], m[1], 0x00])
}

/// The fields of a Fast BSS Transition element (9.4.2.46) this demonstration fills in.
#[derive(Default)]
struct FteFields<'a> {
    /// MIC Control's Element Count: 3 (RSNE, MDE, FTE) when the FTE carries a MIC.
    element_count: u8,
    anonce: Option<&'a Nonce>,
    snonce: Option<&'a Nonce>,
    r1kh_id: Option<&'a MacAddr>,
    gtk: Option<&'a [u8]>,
    r0kh_id: Option<&'a R0khId>,
}

/// An FTE with its MIC field zero (the MIC is written in place afterwards).
fn fte(akm: Akm, f: &FteFields<'_>) -> Outcome<Vec<u8>> {
    let mic_len = akm.fte_mic_algorithm().at("FTE MIC length")?.mic_len();
    let zero = Nonce::new([0; 32]);
    let mut body = vec![0, f.element_count];
    body.resize(2 + mic_len, 0);
    body.extend(f.anonce.unwrap_or(&zero).as_bytes());
    body.extend(f.snonce.unwrap_or(&zero).as_bytes());
    if let Some(id) = f.r1kh_id {
        body.extend(element(SUB_R1KH_ID, id.as_bytes()));
    }
    if let Some(gtk) = f.gtk {
        body.extend(element(SUB_GTK, gtk));
    }
    if let Some(id) = f.r0kh_id {
        body.extend(element(SUB_R0KH_ID, id.as_bytes()));
    }
    Ok(element(FTE_ID, &body))
}

/// What the FTE MIC covers (13.8.4, 13.8.5): the RSNE, MDE and FTE of a frame's elements.
fn fte_mic_input<'a>(
    sta: &'a MacAddr,
    bssid: &'a MacAddr,
    transaction_seq: u8,
    ies: &'a [u8],
) -> Outcome<FteMicInput<'a>> {
    Ok(FteMicInput {
        sta_addr: sta,
        bssid,
        transaction_seq,
        rsne: need(ies, RSNE_ID, "the frame has an RSNE")?,
        mde: need(ies, MDE_ID, "the frame has an MDE")?,
        fte: need(ies, FTE_ID, "the frame has an FTE")?,
        ric: None,
        rsnxe: None,
    })
}

/// The sender's side: computes the FTE MIC over the frame's elements and writes it in place.
fn sign_fte(
    akm: Akm,
    kck: &Kck,
    sta: &MacAddr,
    bssid: &MacAddr,
    transaction_seq: u8,
    ies: &mut [u8],
) -> Outcome<()> {
    let mic = ft::fte_mic(&suite_of(akm), kck, &fte_mic_input(sta, bssid, transaction_seq, ies)?)
        .at("computing the FTE MIC")?;
    let at = find_range(ies, FTE_ID).unwrap_or_default();
    ft::write_fte_mic(&suite_of(akm), &mut ies[at], &mic).at("writing the FTE MIC")
}

// ---------------------------------------------------------------------------------------------
// EAPOL-Key frames (12.7.2), built here, read and checked with the library.

/// The fields of an EAPOL-Key frame; the MIC field is left zero for `eapol::write_mic`.
struct KeyFrame<'a> {
    info: u16,
    key_len: u16,
    replay: u64,
    nonce: Option<&'a Nonce>,
    rsc: [u8; 8],
    key_data: &'a [u8],
}

impl KeyFrame<'_> {
    fn build(&self, akm: Akm) -> Vec<u8> {
        let body_len = 77 + akm.mic_len() + 2 + self.key_data.len();
        let mut f = vec![2, 3]; // 802.1X-2004, EAPOL-Key
        f.extend((body_len as u16).to_be_bytes());
        f.push(2); // Descriptor Type: IEEE 802.11
        f.extend(self.info.to_be_bytes());
        f.extend(self.key_len.to_be_bytes());
        f.extend(self.replay.to_be_bytes());
        f.extend(self.nonce.map_or([0; 32], |n| *n.as_bytes()));
        f.extend([0; 16]); // EAPOL-Key IV
        f.extend(self.rsc);
        f.extend([0; 8]); // reserved
        debug_assert_eq!(f.len(), eapol::MIC_OFFSET);
        f.resize(eapol::MIC_OFFSET + akm.mic_len(), 0);
        f.extend((self.key_data.len() as u16).to_be_bytes());
        f.extend(self.key_data);
        f
    }
}

/// Parses a received EAPOL-Key frame and checks its Key Information bits.
fn receive<'a>(akm: Akm, frame: &'a [u8], info: u16, what: &str) -> Outcome<EapolKeyFrame<'a>> {
    let f = EapolKeyFrame::parse(&suite_of(akm), frame).at(&format!("parsing {what}"))?;
    ensure(f.key_info() == KeyInfo::from_bits(info), &format!("Key Information of {what}"))?;
    Ok(f)
}

// ---------------------------------------------------------------------------------------------
// The parties.

/// An access point: its BSSID, the RSNE of its Beacons, its group key and its TSF.
struct Ap {
    name: &'static str,
    bssid: MacAddr,
    rsne: Vec<u8>,
    gtk: Gtk,
    gtk_id: u8,
    rsc: [u8; 8],
    tsf_base: u64,
}

impl Ap {
    /// An AP of a network whose BSSIDs share `prefix`; its GTK from its GMK (12.7.1.4).
    fn new(w: &mut World, name: &'static str, prefix: [u8; 3], akm: Akm) -> Outcome<Ap> {
        let tail: [u8; 3] = w.rng.bytes();
        let bssid =
            MacAddr::new([prefix[0], prefix[1], prefix[2], tail[0], tail[1], tail[2] & 0xf0]);
        let gmk = Gmk::from_bytes(&w.rng.bytes::<32>()).at("GMK")?;
        let gtk = Gtk::derive(&gmk, CIPHER, &bssid, &w.rng.nonce()).at("GTK from the GMK")?;
        let pn = w.rng.below(1 << 20).to_le_bytes();
        Ok(Ap {
            name,
            bssid,
            rsne: rsne(akm, &[]),
            gtk,
            gtk_id: 1,
            rsc: pn,
            tsf_base: 1_000_000_000 + w.rng.below(1 << 40),
        })
    }

    /// Its TSF (µs) at simulated time `now_us`.
    fn tsf(&self, now_us: u64) -> u64 {
        self.tsf_base + now_us
    }
}

/// Makes the APs of one network: the same OUI-like prefix, different BSSIDs.
fn network<const N: usize>(w: &mut World, akm: Akm) -> Outcome<[Ap; N]> {
    let mut prefix: [u8; 3] = w.rng.bytes();
    prefix[0] = (prefix[0] & 0xfc) | 0x02;
    let names = ["AP1", "AP2", "AP3", "AP4"];
    let mut aps = Vec::with_capacity(N);
    for name in &names[..N] {
        aps.push(Ap::new(w, name, prefix, akm)?);
    }
    Ok(aps.try_into().unwrap_or_else(|_| unreachable!()))
}

fn describe_net(w: &mut World, ssid: &str, akm: Akm, sta: &MacAddr, aps: &[Ap]) {
    let list: Vec<String> = aps.iter().map(|a| format!("{} {}", a.name, a.bssid)).collect();
    w.act("", format!("SSID \"{ssid}\", AKM {akm}, pairwise and group cipher {CIPHER}"));
    w.act("", format!("STA {sta}; {}", list.join(", ")));
}

/// Open System authentication and the (re)association request: the request's elements as
/// the AP received them.
fn join(w: &mut World, ap: &Ap, ies: Vec<u8>, reassoc: bool, what: &str) -> Vec<u8> {
    w.note("STA", ap.name, "Authentication (Open System, seq 1)");
    w.note(ap.name, "STA", "Authentication (Open System, seq 2, success)");
    let kind = if reassoc { "Reassociation Request" } else { "Association Request" };
    w.send("STA", ap.name, &format!("{kind}: {what}"), ies)
}

fn joined(w: &mut World, ap: &Ap, reassoc: bool) {
    let kind = if reassoc { "Reassociation Response" } else { "Association Response" };
    w.note(ap.name, "STA", &format!("{kind} (success)"));
}

/// The 802.1X/EAP exchange, which this demonstration does not model: an MSK that the station
/// and the authentication server share (the server sends it to the AP in its Access-Accept).
fn eap(w: &mut World, akm: Akm) -> Outcome<(Msk, Msk)> {
    let mut bytes: [u8; 64] = w.rng.bytes();
    let sta = Msk::from_bytes(&bytes).at("MSK")?;
    let ap = Msk::from_bytes(&bytes).at("MSK")?;
    bytes.zeroize();
    w.act(
        "STA <-> AS",
        format!("802.1X/EAP (e.g. EAP-TLS, not modelled): MSK 64 octets for {akm}"),
    );
    w.key("MSK", sta.as_bytes());
    Ok((sta, ap))
}

// ---------------------------------------------------------------------------------------------
// The 4-way handshake (12.7.6), both sides.

/// Where one side's PTK comes from.
#[derive(Clone, Copy)]
enum Root<'a> {
    /// Pairwise key expansion from a PMK (PSK, 802.1X, OKC).
    Pmk(&'a Pmk),
    /// The FT PTK from a PMK-R1.
    Ft(&'a PmkR1),
    /// CCKM: base keys from the NSK, then the PTK for rekey number 1.
    Cckm(&'a Pmk),
}

/// One side's keys after message 1 (station) or 2 (AP).
struct Keys {
    ptk: Ptk,
    ptk_name: Option<PtkName>,
    base: Option<BaseKeys>,
}

impl Root<'_> {
    fn derive(
        &self,
        akm: Akm,
        aa: &MacAddr,
        spa: &MacAddr,
        anonce: &Nonce,
        snonce: &Nonce,
    ) -> Result<Keys, Error> {
        Ok(match *self {
            Root::Pmk(pmk) => Keys {
                ptk: Suite::new(akm, CIPHER, pmk.len()).and_then(|suite| {
                    Ptk::derive(
                        pmk,
                        &suite,
                        &Pairwise { aa: *aa, spa: *spa, anonce: *anonce, snonce: *snonce },
                    )
                })?,
                ptk_name: None,
                base: None,
            },
            Root::Ft(r1) => {
                let (ptk, name) = r1
                    .derive_ptk(
                        CIPHER,
                        &Pairwise { aa: *aa, spa: *spa, anonce: *anonce, snonce: *snonce },
                    )?
                    .into_parts();
                Keys { ptk, ptk_name: Some(name), base: None }
            }
            Root::Cckm(nsk) => {
                let base = BaseKeys::derive(
                    nsk,
                    &Pairwise { aa: *aa, spa: *spa, anonce: *anonce, snonce: *snonce },
                )?;
                let ptk = base.btk().ptk(RekeyNumber::INITIAL, aa, CIPHER)?;
                Keys { ptk, ptk_name: None, base: Some(base) }
            }
        })
    }

    /// What was derived, for the trace: one line, or two.
    fn describe(&self, keys: &Keys) -> (String, Option<String>) {
        let p = &keys.ptk;
        let (kck, kek, tk) = (p.kck().len(), p.kek().len(), p.tk().len());
        let ptk = format!("{} octets (KCK {kck} | KEK {kek} | TK {tk})", p.len());
        match (self, &keys.ptk_name) {
            (Root::Ft(_), Some(name)) => (
                format!("FT PTK {ptk} = KDF-SHA256(PMK-R1, \"FT-PTK\", SNonce, ANonce, ..)"),
                Some(format!("PTKName {name}")),
            ),
            (Root::Cckm(_), _) => (
                "KRK 16 | BTK 32 = PRF-384(NSK, \"Fast-Roam Generate Base Key\", ..)".to_owned(),
                Some(format!("PTK {ptk} = CCKM-PRF(BTK, RN 1, BSSID)")),
            ),
            _ => (
                format!("PTK {ptk} = PRF-{}(PMK, \"Pairwise key expansion\", ..)", p.len() * 8),
                None,
            ),
        }
    }
}

fn show_ptk(w: &mut World, keys: &Keys) {
    if let Some(base) = &keys.base {
        w.key("KRK", base.krk().as_bytes());
        w.key("BTK", base.btk().as_bytes());
    }
    w.key("KCK", keys.ptk.kck().as_bytes());
    w.key("KEK", keys.ptk.kek().as_bytes());
    w.key("TK", keys.ptk.tk().as_bytes());
}

/// Both sides of a 4-way handshake.
struct FourWay<'a> {
    akm: Akm,
    ap: &'a Ap,
    sta: &'a MacAddr,
    /// The elements of the (re)association request as the AP received them.
    assoc_ies: &'a [u8],
    /// The supplicant: the PMKID it expects in message 1, the elements of message 2.
    station: Side<'a>,
    /// The authenticator: the PMKID of message 1, the elements of message 3 (before the GTK).
    authenticator: Side<'a>,
}

/// What one side brings to a 4-way handshake.
struct Side<'a> {
    root: Root<'a>,
    pmkid: Option<PmkId>,
    /// The elements it sends: RSNE (FT: and MDE, FTE).
    ies: Vec<u8>,
    /// FT: the PMKR1Name the other side's RSNE must carry.
    r1_name: Option<PmkR1Name>,
}

impl<'a> Side<'a> {
    fn new(root: Root<'a>, pmkid: Option<PmkId>, ies: Vec<u8>) -> Side<'a> {
        Side { root, pmkid, ies, r1_name: None }
    }
}

/// What a handshake established: both sides' keys (equal, checked).
struct Session {
    sta: Keys,
    ap: Keys,
}

fn four_way(w: &mut World, hs: FourWay<'_>) -> Outcome<Session> {
    use KeyInfo as K;
    let (akm, ap, sta) = (hs.akm, hs.ap, hs.sta);
    let (name, aa) = (ap.name, &ap.bssid);
    let version = akm.descriptor_version(CIPHER);
    let mic_alg = akm.mic_algorithm(version).at("MIC algorithm")?;
    let v = u16::from(version);
    let key_len = CIPHER.tk_len() as u16;

    // Message 1: ANonce, and the PMKID of the PMK the AP will use.
    let anonce = w.rng.nonce();
    let kd1 = hs.authenticator.pmkid.map(|p| kde(KDE_PMKID, p.as_bytes())).unwrap_or_default();
    let m1 = KeyFrame {
        info: v | K::PAIRWISE | K::ACK,
        key_len,
        replay: 1,
        nonce: Some(&anonce),
        rsc: [0; 8],
        key_data: &kd1,
    };
    let what = match hs.authenticator.pmkid {
        Some(p) => format!("EAPOL-Key 1/4: ANonce {}, PMKID KDE {p}", short(&anonce)),
        None => format!("EAPOL-Key 1/4: ANonce {}", short(&anonce)),
    };
    let m1 = w.send(name, "STA", &what, m1.build(akm));

    // Station: reads the ANonce, checks the PMKID, derives the PTK.
    let t = Instant::now();
    let f1 = receive(akm, &m1, v | K::PAIRWISE | K::ACK, "message 1/4")?;
    let got = find_pmkid_kde(f1.key_data()).at("STA reads the PMKID KDE of message 1/4")?;
    ensure(got == hs.station.pmkid, "STA: the PMKID in message 1/4 is the one it computed")?;
    let snonce = w.rng.nonce();
    let sta_keys =
        hs.station.root.derive(akm, aa, sta, &f1.nonce(), &snonce).at("STA derives the PTK")?;
    if let Some(p) = got {
        w.act("STA", format!("PMKID {p} is the one it computed for {name}"));
    }
    let (derived, more) = hs.station.root.describe(&sta_keys);
    w.timed("STA", derived, t);
    if let Some(more) = more {
        w.act("STA", more);
    }
    show_ptk(w, &sta_keys);

    // Message 2: SNonce and the station's elements, MIC under the KCK (CCKM: the KRK).
    let t = Instant::now();
    let mut m2 = KeyFrame {
        info: v | K::PAIRWISE | K::MIC,
        key_len: 0,
        replay: f1.replay_counter(),
        nonce: Some(&snonce),
        rsc: [0; 8],
        key_data: &hs.station.ies,
    }
    .build(akm);
    let mic_key = match &sta_keys.base {
        Some(base) => {
            eapol::write_mic(&suite_of(akm), base.krk(), &mut m2)
                .at("STA writes the MIC of 2/4")?;
            "KRK"
        }
        None => {
            eapol::write_mic(&suite_of(akm), sta_keys.ptk.kck(), &mut m2)
                .at("STA writes the MIC of 2/4")?;
            "KCK"
        }
    };
    let elements = if akm.is_ft() { "RSNE (PMKR1Name), MDE, FTE" } else { "RSNE" };
    let what = format!(
        "EAPOL-Key 2/4: SNonce {}, {elements}, MIC ({}, {mic_key})",
        short(&snonce),
        mic_name(mic_alg)
    );
    let m2 = w.send("STA", name, &what, m2);

    // AP: derives the PTK from the SNonce, verifies the MIC, checks the station's elements.
    let f2 = receive(akm, &m2, v | K::PAIRWISE | K::MIC, "message 2/4")?;
    ensure(f2.replay_counter() == 1, "AP: the replay counter of 2/4 is that of 1/4")?;
    let ap_keys = hs
        .authenticator
        .root
        .derive(akm, aa, sta, &anonce, &f2.nonce())
        .at("AP derives the PTK")?;
    match &ap_keys.base {
        Some(base) => eapol::verify_mic(&suite_of(akm), base.krk(), &m2),
        None => eapol::verify_mic(&suite_of(akm), ap_keys.ptk.kck(), &m2),
    }
    .at(&format!("{name} verifies the MIC of message 2/4"))?;
    let kd2 = f2.key_data();
    let rsne2 = need(kd2, RSNE_ID, "AP: message 2/4 carries an RSNE")?;
    match &hs.authenticator.r1_name {
        None => ensure(
            find(hs.assoc_ies, RSNE_ID) == Some(rsne2),
            "AP: the RSNE of 2/4 is the one of the (Re)Association Request",
        )?,
        Some(r1_name) => {
            let info = parse_rsne(rsne2).at("AP reads the RSNE of 2/4")?;
            ensure(info.akm == akm && info.pairwise == CIPHER, "AP: AKM and cipher of 2/4")?;
            ensure(
                info.pmkids.iter().any(|p| r1_name.matches(p)),
                "AP: the RSNE of 2/4 names the PMK-R1 (PMKR1Name)",
            )?;
            ensure(
                find(kd2, MDE_ID) == find(hs.assoc_ies, MDE_ID),
                "AP: the MDE of 2/4 is the one of the Association Request",
            )?;
        }
    }
    let names = if akm.is_ft() { "PMKR1Name, MDE" } else { "RSNE" };
    w.timed(name, format!("PTK derived on its own; MIC of 2/4 ok; {names} as in the request"), t);

    // Message 3: Install, the AP's elements and the GTK KDE, wrapped with the KEK.
    let t = Instant::now();
    let mut plain = hs.authenticator.ies.clone();
    let mut gtk_kde = vec![ap.gtk_id & 0x03, 0];
    gtk_kde.extend_from_slice(ap.gtk.as_bytes());
    plain.extend(kde(KDE_GTK, &gtk_kde));
    gtk_kde.zeroize();
    let mut buf = vec![0u8; 2 * plain.len() + 32]; // ciphertext, then padding scratch
    let wrapped = eapol::wrap_key_data(
        &suite_of(akm),
        version,
        &[0; 16],
        ap_keys.ptk.kek(),
        &plain,
        &mut buf,
    )
    .at("AP wraps the Key Data of 3/4")?
    .to_vec();
    plain.zeroize();
    buf.zeroize();
    let info3 = v | K::PAIRWISE | K::INSTALL | K::ACK | K::MIC | K::SECURE | K::ENCRYPTED_KEY_DATA;
    let mut m3 = KeyFrame {
        info: info3,
        key_len,
        replay: 2,
        nonce: Some(&anonce),
        rsc: ap.rsc,
        key_data: &wrapped,
    }
    .build(akm);
    eapol::write_mic(&suite_of(akm), ap_keys.ptk.kck(), &mut m3).at("AP writes the MIC of 3/4")?;
    let inside = if akm.is_ft() { "RSNE, MDE, FTE, GTK KDE" } else { "RSNE, GTK KDE" };
    let what = format!("EAPOL-Key 3/4: Install, Key Data AES-key-wrapped with the KEK ({inside})");
    let m3 = w.send(name, "STA", &what, m3);

    // Station: MIC, same ANonce, unwraps the Key Data, checks the RSNE, takes the GTK.
    let f3 = receive(akm, &m3, info3, "message 3/4")?;
    eapol::verify_mic(&suite_of(akm), sta_keys.ptk.kck(), &m3)
        .at("STA verifies the MIC of message 3/4")?;
    ensure(f3.nonce() == f1.nonce(), "STA: the ANonce of 3/4 is that of 1/4")?;
    ensure(f3.replay_counter() > f1.replay_counter(), "STA: the replay counter grew")?;
    let mut out = vec![0u8; f3.key_data().len()];
    let kd3 = f3
        .unwrap_key_data(&suite_of(akm), sta_keys.ptk.kek(), &mut out)
        .at("STA unwraps the Key Data of 3/4")?;
    let rsne3 = need(kd3, RSNE_ID, "STA: message 3/4 carries the AP's RSNE")?;
    match &hs.station.r1_name {
        None => ensure(rsne3 == ap.rsne, "STA: the RSNE of 3/4 is the one of the AP's Beacon")?,
        Some(r1_name) => {
            let info = parse_rsne(rsne3).at("STA reads the RSNE of 3/4")?;
            ensure(
                info.akm == akm && info.pmkids.iter().any(|p| r1_name.matches(p)),
                "STA: the RSNE of 3/4 has the AKM of the Beacon and its PMKR1Name",
            )?;
        }
    }
    let rsne_check = if akm.is_ft() { "PMKR1Name" } else { "RSNE as in the Beacon" };
    let kde = eapol::find_gtk(kd3).at("STA reads the GTK KDE")?;
    let kde =
        kde.ok_or(Failure { step: "STA: 3/4 carries a GTK KDE".into(), cause: Cause::Mismatch })?;
    let gtk = kde.gtk().at("STA takes the GTK")?;
    ensure(kde.key_id() == ap.gtk_id, "STA: the GTK's key ID")?;
    out.zeroize();
    ensure(bool::from(gtk.ct_eq(&ap.gtk)), "STA: the GTK it unwrapped is the AP's")?;
    w.timed(
        "STA",
        format!(
            "MIC of 3/4 ok; Key Data unwrapped: {rsne_check}, GTK {} octets = {name}'s",
            gtk.len()
        ),
        t,
    );
    w.key("GTK", gtk.as_bytes());

    // Message 4, and both sides install the TK.
    let t = Instant::now();
    let info4 = v | K::PAIRWISE | K::MIC | K::SECURE;
    let mut m4 = KeyFrame {
        info: info4,
        key_len: 0,
        replay: f3.replay_counter(),
        nonce: None,
        rsc: [0; 8],
        key_data: &[],
    }
    .build(akm);
    eapol::write_mic(&suite_of(akm), sta_keys.ptk.kck(), &mut m4)
        .at("STA writes the MIC of 4/4")?;
    let m4 = w.send("STA", name, "EAPOL-Key 4/4", m4);
    let f4 = receive(akm, &m4, info4, "message 4/4")?;
    ensure(f4.replay_counter() == 2, "AP: the replay counter of 4/4 is that of 3/4")?;
    eapol::verify_mic(&suite_of(akm), ap_keys.ptk.kck(), &m4)
        .at(&format!("{name} verifies the MIC of message 4/4"))?;
    ensure(
        bool::from(sta_keys.ptk.tk().ct_eq(ap_keys.ptk.tk())),
        "both sides install the same TK",
    )?;
    ensure(sta_keys.ptk_name == ap_keys.ptk_name, "both sides hold the same PTKName")?;
    w.timed(name, "MIC of 4/4 ok; both sides install the same TK", t);
    Ok(Session { sta: sta_keys, ap: ap_keys })
}

// ---------------------------------------------------------------------------------------------
// 1. WPA2-PSK.

fn wpa2_psk(w: &mut World) -> Outcome<Method> {
    w.section(
        "1. WPA2-PSK: PSK from the passphrase, 4-way handshake, GTK; a roam with a new handshake",
    );
    let akm = Akm::Psk;
    let sta = w.rng.station_mac();
    let aps: [Ap; 2] = network(w, akm)?;
    let ssid_text = "Cafe-WPA2";
    describe_net(w, ssid_text, akm, &sta, &aps);
    let ssid = Ssid::new(ssid_text.as_bytes()).at("SSID")?;
    let passphrase = "espresso and four-way handshakes";

    // The station derives the PSK when the user types the passphrase, the APs when configured.
    let t = Instant::now();
    let sta_pmk = Pmk::from_psk(&Psk::from_passphrase(passphrase, &ssid).at("STA: PSK")?);
    w.timed("STA", "PSK = PBKDF2-SHA1(passphrase, SSID, 4096, 256 bits); PMK = PSK", t);
    let ap_pmk = Pmk::from_psk(&Psk::from_passphrase(passphrase, &ssid).at("AP: PSK")?);
    w.act("AP1, AP2", "the same PSK, from their configured passphrase");
    w.key("PMK", sta_pmk.as_bytes());

    let t = Instant::now();
    psk_handshake(w, akm, &aps[0], &sta, &sta_pmk, &ap_pmk, false)?;
    let initial = t.elapsed();

    w.act("STA", format!("moves towards {}: reassociates there, same PMK", aps[1].name));
    let (mark, t) = (w.frames, Instant::now());
    psk_handshake(w, akm, &aps[1], &sta, &sta_pmk, &ap_pmk, true)?;
    let roam = Roam { to: aps[1].name, frames: w.frames - mark, time: t.elapsed() };
    w.line(format!("  roam to {}: {} frames", roam.to, roam.frames), Some(roam.time));
    Ok(Method {
        name: "WPA2-PSK (new 4-way)",
        akm,
        keys_per_roam: "PMKID, PTK; GTK in EAPOL 3/4",
        initial,
        roams: vec![roam],
    })
}

fn psk_handshake(
    w: &mut World,
    akm: Akm,
    ap: &Ap,
    sta: &MacAddr,
    sta_pmk: &Pmk,
    ap_pmk: &Pmk,
    reassoc: bool,
) -> Outcome<Session> {
    let req = rsne(akm, &[]);
    let received = join(w, ap, req.clone(), reassoc, "RSNE (PSK, CCMP-128)");
    joined(w, ap, reassoc);
    let sta_pmkid = sta_pmk.pmkid(akm, &ap.bssid, sta).at("STA: PMKID")?;
    let ap_pmkid = ap_pmk.pmkid(akm, &ap.bssid, sta).at("AP: PMKID")?;
    four_way(
        w,
        FourWay {
            akm,
            ap,
            sta,
            assoc_ies: &received,
            station: Side::new(Root::Pmk(sta_pmk), Some(sta_pmkid), req),
            authenticator: Side::new(Root::Pmk(ap_pmk), Some(ap_pmkid), ap.rsne.clone()),
        },
    )
}

// ---------------------------------------------------------------------------------------------
// 2. 802.1X and a PMKID-cache (opportunistic key caching) roam.

/// The controller's PMK cache, shared by its APs (OKC): one PMK per station.
struct PmkCache {
    entries: Vec<(MacAddr, Pmk)>,
}

impl PmkCache {
    /// Finds the PMK that one of the station's PMKIDs names for this AP: each cached PMK of
    /// the station gives `PMKID = HMAC-SHA1-128(PMK, "PMK Name" || BSSID || STA)`, compared in
    /// constant time.
    fn lookup(
        &self,
        akm: Akm,
        bssid: &MacAddr,
        sta: &MacAddr,
        pmkids: &[PmkId],
    ) -> Result<Option<(PmkId, &Pmk)>, Error> {
        for (addr, pmk) in self.entries.iter().filter(|(addr, _)| addr == sta) {
            let mine = pmk.pmkid(akm, bssid, addr)?;
            if pmkids.contains(&mine) {
                return Ok(Some((mine, pmk)));
            }
        }
        Ok(None)
    }
}

fn okc(w: &mut World) -> Outcome<Method> {
    w.section("2. 802.1X: PMK from the MSK, 4-way handshake; a PMKID-cache (OKC) roam, no 802.1X");
    let akm = Akm::Ieee8021x;
    let sta = w.rng.station_mac();
    let aps: [Ap; 2] = network(w, akm)?;
    describe_net(w, "Campus", akm, &sta, &aps);

    let t = Instant::now();
    let req = rsne(akm, &[]);
    let received = join(w, &aps[0], req.clone(), false, "RSNE (802.1X, CCMP-128, no PMKID)");
    joined(w, &aps[0], false);
    let (sta_msk, ap_msk) = eap(w, akm)?;
    let sta_pmk = Pmk::from_msk(akm, &sta_msk).at("STA: PMK from the MSK")?;
    let ap_pmk = Pmk::from_msk(akm, &ap_msk).at("AP: PMK from the MSK")?;
    let sta_pmkid = sta_pmk.pmkid(akm, &aps[0].bssid, &sta).at("STA: PMKID")?;
    let ap_pmkid = ap_pmk.pmkid(akm, &aps[0].bssid, &sta).at("AP: PMKID")?;
    w.act("STA, AP1", format!("PMK = first 256 bits of the MSK; PMKID {ap_pmkid}"));
    w.key("PMK", sta_pmk.as_bytes());
    four_way(
        w,
        FourWay {
            akm,
            ap: &aps[0],
            sta: &sta,
            assoc_ies: &received,
            station: Side::new(Root::Pmk(&sta_pmk), Some(sta_pmkid), req),
            authenticator: Side::new(Root::Pmk(&ap_pmk), Some(ap_pmkid), aps[0].rsne.clone()),
        },
    )?;
    let initial = t.elapsed();

    // The controller caches the PMKSA for every AP of the network (and holds other clients').
    let mut cache = PmkCache { entries: Vec::new() };
    for _ in 0..3 {
        let other = w.rng.station_mac();
        let pmk = Pmk::from_bytes(&w.rng.bytes::<32>()).at("another client's PMK")?;
        cache.entries.push((other, pmk));
    }
    cache.entries.insert(1, (sta, ap_pmk));
    w.act(
        "controller",
        format!("caches the PMK for {sta}, next to {} other clients'", cache.entries.len() - 1),
    );

    // Roam: the station names the cached PMK for the new BSSID.
    let ap = &aps[1];
    w.act(
        "STA",
        format!("moves towards {}: names the cached PMK by its PMKID for that BSSID", ap.name),
    );
    let (mark, t) = (w.frames, Instant::now());
    let pmkid = sta_pmk.pmkid(akm, &ap.bssid, &sta).at("STA: PMKID for the new AP")?;
    let req = rsne(akm, &[pmkid]);
    let received = join(w, ap, req.clone(), true, &format!("RSNE with PMKID {pmkid}"));
    let info = parse_rsne(need(&received, RSNE_ID, "AP2: the request has an RSNE")?)
        .at("AP2 reads the RSNE")?;
    ensure(info.akm == akm && info.pairwise == CIPHER, "AP2: AKM and cipher of the request")?;
    let found =
        cache.lookup(akm, &ap.bssid, &sta, &info.pmkids).at("AP2 looks up the PMK cache")?;
    let (found_pmkid, cached) = found.ok_or(Failure {
        step: format!("{}: a cached PMK matches the PMKID {pmkid}", ap.name),
        cause: Cause::Mismatch,
    })?;
    w.act(ap.name, format!("PMKID {found_pmkid} = HMAC-SHA1-128(cached PMK, \"PMK Name\", {}, STA): cache hit, no 802.1X", ap.name));
    joined(w, ap, true);
    four_way(
        w,
        FourWay {
            akm,
            ap,
            sta: &sta,
            assoc_ies: &received,
            station: Side::new(Root::Pmk(&sta_pmk), Some(pmkid), req),
            authenticator: Side::new(Root::Pmk(cached), Some(found_pmkid), ap.rsne.clone()),
        },
    )?;
    let roam = Roam { to: ap.name, frames: w.frames - mark, time: t.elapsed() };
    w.line(format!("  roam to {}: {} frames, no EAP", roam.to, roam.frames), Some(roam.time));
    Ok(Method {
        name: "802.1X + OKC (PMKID)",
        akm,
        keys_per_roam: "PMKID, PTK; GTK in EAPOL 3/4",
        initial,
        roams: vec![roam],
    })
}

// ---------------------------------------------------------------------------------------------
// 3. 802.11r Fast BSS Transition, over the air.

/// The R0 key holder (here AP1, named by its NAS-Identifier): keeps the PMK-R0 and hands out
/// PMK-R1s to the R1 key holders of the mobility domain.
struct R0kh {
    id: R0khId,
    sta: MacAddr,
    r0: PmkR0,
}

impl R0kh {
    /// An R1KH asks for the PMK-R1 of `sta` under `r0_name`: the R0KH derives it for the R1KH
    /// and sends key and name over the (protected) backhaul.
    fn pmk_r1_for(
        &self,
        sta: &MacAddr,
        r0_name: &PmkId,
        r1kh_id: &MacAddr,
    ) -> Result<Option<(Vec<u8>, PmkR1Name)>, Error> {
        if self.sta != *sta || !self.r0.name().matches(r0_name) {
            return Ok(None);
        }
        let r1 = self.r0.derive_r1(r1kh_id, sta)?;
        Ok(Some((r1.key().as_bytes().to_vec(), *r1.name())))
    }
}

fn fast_transition(w: &mut World) -> Outcome<Method> {
    w.section("3. 802.11r FT-802.1X: PMK-R0 at the R0KH, PMK-R1 per AP, FT 4-way; an over-the-air FT roam");
    let akm = Akm::FtIeee8021x;
    let sta = w.rng.station_mac();
    let aps: [Ap; 2] = network(w, akm)?;
    let ssid_text = "Campus-FT";
    describe_net(w, ssid_text, akm, &sta, &aps);
    let ssid = Ssid::new(ssid_text.as_bytes()).at("SSID")?;
    let mdid = MobilityDomainId::new(w.rng.bytes());
    let mde = mde(mdid);
    let r0kh_id = R0khId::new(b"ap1.campus.example").at("R0KH-ID")?;
    w.act(
        "",
        format!(
            "mobility domain {}, R0KH-ID \"ap1.campus.example\" (AP1); R1KH-ID = BSSID",
            hex(mdid.as_bytes())
        ),
    );

    // Initial mobility domain association: RSNE and MDE; the AP answers with MDE and FTE
    // naming its key holders.
    let t = Instant::now();
    let mut req = rsne(akm, &[]);
    req.extend(&mde);
    let received = join(w, &aps[0], req, false, "RSNE (FT-802.1X, CCMP-128), MDE");
    ensure(
        find(&received, MDE_ID) == Some(mde.as_slice()),
        "AP1: the station's MDE names its mobility domain",
    )?;
    let ids =
        FteFields { r1kh_id: Some(&aps[0].bssid), r0kh_id: Some(&r0kh_id), ..FteFields::default() };
    let mut resp = mde.clone();
    resp.extend(fte(akm, &ids)?);
    let resp = w.send(
        aps[0].name,
        "STA",
        "Association Response (success): MDE, FTE (R1KH-ID, R0KH-ID)",
        resp,
    );
    let resp_fte = Fte::parse(&suite_of(akm), need(&resp, FTE_ID, "STA: the response has an FTE")?)
        .at("STA reads the FTE")?;
    let (sta_r0kh, sta_r1kh) = match (resp_fte.r0kh_id(), resp_fte.r1kh_id()) {
        (Some(r0), Some(r1)) => (r0, r1),
        _ => {
            return Err(Failure {
                step: "STA: the FTE names R0KH and R1KH".into(),
                cause: Cause::Mismatch,
            })
        }
    };
    let (sta_msk, ap_msk) = eap(w, akm)?;

    let t_keys = Instant::now();
    let sta_r0 = PmkR0::derive(
        akm,
        &XxKey::from_msk(akm, &sta_msk).at("STA: XXKey")?,
        &ssid,
        mdid,
        &sta_r0kh,
        &sta,
    )
    .at("STA: PMK-R0")?;
    let sta_r1 = sta_r0.derive_r1(&sta_r1kh, &sta).at("STA: PMK-R1")?;
    w.timed(
        "STA",
        format!(
            "XXKey = MSK[32..64]; PMK-R0 = KDF-SHA256(XXKey, \"FT-R0\", ..), PMKR0Name {}",
            sta_r0.name(),
        ),
        t_keys,
    );
    w.act(
        "STA",
        format!("PMK-R1 = KDF-SHA256(PMK-R0, \"FT-R1\", AP1, STA), PMKR1Name {}", sta_r1.name()),
    );
    w.key("PMK-R0", sta_r0.key().as_bytes());
    w.key("PMK-R1", sta_r1.key().as_bytes());
    let ap_r0 = PmkR0::derive(
        akm,
        &XxKey::from_msk(akm, &ap_msk).at("R0KH: XXKey")?,
        &ssid,
        mdid,
        &r0kh_id,
        &sta,
    )
    .at("R0KH: PMK-R0")?;
    let r0kh = R0kh { id: r0kh_id, sta, r0: ap_r0 };
    let ap1_r1 = r0kh.r0.derive_r1(&aps[0].bssid, &sta).at("R0KH: PMK-R1 for AP1")?;
    ensure(r0kh.r0.name() == sta_r0.name(), "R0KH and STA hold the same PMKR0Name")?;
    w.act(
        "AP1 (R0KH)",
        format!(
            "the same PMK-R0 from the MSK of the AS; PMK-R1 for itself, PMKR1Name {}",
            ap1_r1.name()
        ),
    );

    let sta_fte = fte(akm, &ids)?;
    let mut msg2_ies = rsne(akm, &[PmkId::from(*sta_r1.name())]);
    msg2_ies.extend(&mde);
    msg2_ies.extend(&sta_fte);
    let mut msg3_ies = rsne(akm, &[PmkId::from(*ap1_r1.name())]);
    msg3_ies.extend(&mde);
    msg3_ies.extend(fte(akm, &ids)?);
    let s = four_way(
        w,
        FourWay {
            akm,
            ap: &aps[0],
            sta: &sta,
            assoc_ies: &received,
            station: Side {
                r1_name: Some(*sta_r1.name()),
                ..Side::new(Root::Ft(&sta_r1), None, msg2_ies)
            },
            authenticator: Side {
                r1_name: Some(*ap1_r1.name()),
                ..Side::new(Root::Ft(&ap1_r1), None, msg3_ies)
            },
        },
    )?;
    let initial = t.elapsed();
    if let Some(name) = &s.sta.ptk_name {
        w.act("STA, AP1", format!("PTKName {name} on both sides"));
    }

    // The roam: FT Authentication, then Reassociation, four frames in all.
    let ap = &aps[1];
    w.act("STA", format!("moves towards {}: FT over the air, no 4-way handshake", ap.name));
    let (mark, t) = (w.frames, Instant::now());
    let snonce = w.rng.nonce();
    let mut auth1 = rsne(akm, &[PmkId::from(*sta_r0.name())]);
    auth1.extend(&mde);
    auth1.extend(fte(
        akm,
        &FteFields { snonce: Some(&snonce), r0kh_id: Some(&sta_r0kh), ..FteFields::default() },
    )?);
    let what = format!(
        "Authentication (FT, seq 1): RSNE (PMKR0Name), MDE, FTE (SNonce {}, R0KH-ID)",
        short(&snonce)
    );
    let auth1 = w.send("STA", ap.name, &what, auth1);

    // Target AP: fetches its PMK-R1 from the R0KH, picks the ANonce, derives the PTK.
    let fte1 =
        Fte::parse(&suite_of(akm), need(&auth1, FTE_ID, "AP2: FT Authentication has an FTE")?)
            .at("AP2 reads the FTE")?;
    let info1 = parse_rsne(need(&auth1, RSNE_ID, "AP2: FT Authentication has an RSNE")?)
        .at("AP2 reads the RSNE")?;
    ensure(find(&auth1, MDE_ID) == Some(mde.as_slice()), "AP2: the MDE names its mobility domain")?;
    ensure(
        fte1.r0kh_id().as_ref() == Some(&r0kh.id),
        "AP2: the R0KH-ID names a key holder it knows",
    )?;
    let r0_name = info1.pmkids.first().ok_or(Failure {
        step: "AP2: the RSNE carries PMKR0Name".into(),
        cause: Cause::Mismatch,
    })?;
    let t_r1 = Instant::now();
    let pulled = r0kh.pmk_r1_for(&sta, r0_name, &ap.bssid).at("R0KH derives PMK-R1 for AP2")?;
    let (key, r1_name) = pulled.ok_or(Failure {
        step: "R0KH: the PMKR0Name is its PMK-R0's".into(),
        cause: Cause::Mismatch,
    })?;
    let ap2_r1 = PmkR1::from_parts(akm, PmkR1Key::from_bytes(&key).at("AP2: PMK-R1")?, r1_name)
        .at("AP2: PMK-R1")?;
    w.timed(
        "R0KH -> AP2",
        format!(
            "PMK-R1 {} octets for R1KH-ID {}, PMKR1Name {r1_name} (backhaul)",
            key.len(),
            ap.bssid
        ),
        t_r1,
    );
    let anonce = w.rng.nonce();
    let ap_ptk = ap2_r1
        .derive_ptk(CIPHER, &Pairwise { aa: ap.bssid, spa: sta, anonce, snonce: *fte1.snonce() })
        .at("AP2: FT PTK")?;
    w.act(ap.name, format!("FT PTK from PMK-R1, SNonce, ANonce; PTKName {}", ap_ptk.name()));
    let mut auth2 = rsne(akm, &[*r0_name]);
    auth2.extend(&mde);
    let ap_ids = FteFields {
        anonce: Some(&anonce),
        snonce: Some(fte1.snonce()),
        r1kh_id: Some(&ap.bssid),
        r0kh_id: Some(&r0kh.id),
        ..FteFields::default()
    };
    auth2.extend(fte(akm, &ap_ids)?);
    let what = format!(
        "Authentication (FT, seq 2, success): RSNE, MDE, FTE (ANonce {}, SNonce, R1KH-ID, R0KH-ID)",
        short(&anonce)
    );
    let auth2 = w.send(ap.name, "STA", &what, auth2);

    // Station: PMK-R1 for the R1KH-ID the AP gave, then the PTK.
    let fte2 =
        Fte::parse(&suite_of(akm), need(&auth2, FTE_ID, "STA: FT Authentication has an FTE")?)
            .at("STA reads the FTE")?;
    ensure(*fte2.snonce() == snonce, "STA: the AP echoes its SNonce")?;
    ensure(fte2.r0kh_id().as_ref() == Some(&sta_r0kh), "STA: the R0KH-ID is its PMK-R0's")?;
    let target_r1kh = fte2
        .r1kh_id()
        .ok_or(Failure { step: "STA: the FTE names the R1KH".into(), cause: Cause::Mismatch })?;
    let sta2_r1 = sta_r0.derive_r1(&target_r1kh, &sta).at("STA: PMK-R1 for AP2")?;
    let sta_ptk = sta2_r1
        .derive_ptk(CIPHER, &Pairwise { aa: ap.bssid, spa: sta, anonce: *fte2.anonce(), snonce })
        .at("STA: FT PTK")?;
    w.act(
        "STA",
        format!(
            "PMK-R1 for {}, PMKR1Name {}; FT PTK, PTKName {}",
            ap.name,
            sta2_r1.name(),
            sta_ptk.name()
        ),
    );
    w.key("PMK-R1", sta2_r1.key().as_bytes());
    w.key("KCK", sta_ptk.kck().as_bytes());
    w.key("KEK", sta_ptk.kek().as_bytes());
    w.key("TK", sta_ptk.tk().as_bytes());

    // Reassociation Request: RSNE (PMKR1Name), MDE, FTE with the MIC (transaction sequence 5).
    let (req_seq, resp_seq) =
        (ft::TRANSACTION_SEQ_REASSOC_REQUEST, ft::TRANSACTION_SEQ_REASSOC_RESPONSE);
    let sta_ids = FteFields {
        element_count: 3,
        anonce: Some(fte2.anonce()),
        snonce: Some(&snonce),
        r1kh_id: Some(&target_r1kh),
        r0kh_id: Some(&sta_r0kh),
        ..FteFields::default()
    };
    let mut req = rsne(akm, &[PmkId::from(*sta2_r1.name())]);
    req.extend(&mde);
    req.extend(fte(akm, &sta_ids)?);
    sign_fte(akm, sta_ptk.kck(), &sta, &ap.bssid, req_seq, &mut req)?;
    let what = "Reassociation Request: RSNE (PMKR1Name), MDE, FTE (MIC, seq 5)";
    let reassoc = w.send("STA", ap.name, what, req);

    // Target AP: PMKR1Name, nonces, MIC.
    let input = fte_mic_input(&sta, &ap.bssid, req_seq, &reassoc)?;
    let info3 = parse_rsne(input.rsne).at("AP2 reads the RSNE")?;
    ensure(
        info3.pmkids.iter().any(|p| ap2_r1.name().matches(p)),
        "AP2: the RSNE names its PMK-R1",
    )?;
    let fte3 = Fte::parse(&suite_of(akm), input.fte).at("AP2 reads the FTE")?;
    ensure(*fte3.anonce() == anonce && *fte3.snonce() == *fte1.snonce(), "AP2: the FTE's nonces")?;
    ft::verify_fte_mic(&suite_of(akm), ap_ptk.kck(), &input)
        .at("AP2 verifies the FTE MIC of the Reassociation Request")?;
    w.act(ap.name, "PMKR1Name matches; FTE MIC ok (AES-128-CMAC, KCK, seq 5)");

    // Reassociation Response: the same elements, the GTK in the FTE, the MIC (sequence 6).
    // GTK subelement: Key Info (key ID), Key Length, RSC, the GTK AES-key-wrapped with the KEK.
    let mut gtk_sub = vec![ap.gtk_id & 0x03, 0, CIPHER.gtk_len() as u8];
    gtk_sub.extend(ap.rsc);
    let version = akm.descriptor_version(CIPHER);
    let mut buf = [0u8; 64];
    let wrapped = eapol::wrap_key_data(
        &suite_of(akm),
        version,
        &[0; 16],
        ap_ptk.kek(),
        ap.gtk.as_bytes(),
        &mut buf,
    )
    .at("AP2 wraps the GTK")?;
    gtk_sub.extend_from_slice(wrapped);
    buf.zeroize();
    let mut resp = rsne(akm, &[PmkId::from(*ap2_r1.name())]);
    resp.extend(&mde);
    resp.extend(fte(akm, &FteFields { element_count: 3, gtk: Some(&gtk_sub), ..ap_ids })?);
    sign_fte(akm, ap_ptk.kck(), &sta, &ap.bssid, resp_seq, &mut resp)?;
    let what = "Reassociation Response (success): RSNE, MDE, FTE (MIC, seq 6, GTK wrapped)";
    let resp = w.send(ap.name, "STA", what, resp);

    // Station: MIC, then the GTK.
    let input = fte_mic_input(&sta, &ap.bssid, resp_seq, &resp)?;
    ft::verify_fte_mic(&suite_of(akm), sta_ptk.kck(), &input)
        .at("STA verifies the FTE MIC of the Reassociation Response")?;
    let fte4 = Fte::parse(&suite_of(akm), input.fte).at("STA reads the FTE")?;
    let sub = fte4
        .subelement(SUB_GTK)
        .ok_or(Failure { step: "STA: the FTE carries the GTK".into(), cause: Cause::Mismatch })?;
    let (head, wrapped) = sub
        .split_at_checked(11)
        .ok_or(Failure { step: "STA: GTK subelement length".into(), cause: Cause::Mismatch })?;
    let mut out = [0u8; 64];
    let plain =
        eapol::unwrap_key_data(&suite_of(akm), version, &[0; 16], sta_ptk.kek(), wrapped, &mut out)
            .at("STA unwraps the GTK")?;
    let gtk = Gtk::from_bytes(plain.get(..usize::from(head[2])).unwrap_or(plain)).at("STA: GTK")?;
    out.zeroize();
    ensure(bool::from(gtk.ct_eq(&ap.gtk)), "STA: the GTK it unwrapped is AP2's")?;
    ensure(sta_ptk.name() == ap_ptk.name(), "both sides hold the same PTKName")?;
    ensure(bool::from(sta_ptk.tk().ct_eq(ap_ptk.tk())), "both sides install the same TK")?;
    w.act(
        "STA",
        format!(
            "FTE MIC ok (seq 6); GTK {} octets (key ID {}) = {}'s; PTKName {} on both sides",
            gtk.len(),
            head[0] & 0x03,
            ap.name,
            sta_ptk.name()
        ),
    );
    let roam = Roam { to: ap.name, frames: w.frames - mark, time: t.elapsed() };
    w.line(
        format!("  roam to {}: {} frames, no EAP, no 4-way handshake", roam.to, roam.frames),
        Some(roam.time),
    );
    Ok(Method {
        name: "802.11r FT (over the air)",
        akm,
        keys_per_roam: "PMK-R1, PTK, PTKName; GTK in FTE",
        initial,
        roams: vec![roam],
    })
}

// ---------------------------------------------------------------------------------------------
// 4. Cisco CCKM.

/// How far a request's timestamp may be from the AP's TSF (µs): about a second, as the
/// public sources suggest.
const TSF_TOLERANCE: u64 = 1_000_000;

/// The wireless LAN controller: the base keys of the station's NSK and the replay guard.
struct Controller {
    base: BaseKeys,
    guard: RekeyGuard,
}

fn cckm(w: &mut World, refusals: &mut Vec<(String, Error)>) -> Outcome<Method> {
    w.section(
        "4. Cisco CCKM: KRK and BTK from the NSK, RN 1; three roams with rising rekey numbers",
    );
    let akm = Akm::Cckm;
    let protocol = Protocol::Rsn;
    let sta = w.rng.station_mac();
    let aps: [Ap; 3] = network(w, akm)?;
    describe_net(w, "Warehouse", akm, &sta, &aps);

    let t = Instant::now();
    let sta_rsne = rsne(akm, &[]);
    let received = join(w, &aps[0], sta_rsne.clone(), false, "RSNE (CCKM 00-40-96:0, CCMP-128)");
    joined(w, &aps[0], false);
    let (sta_msk, ap_msk) = eap(w, akm)?;
    let sta_nsk = Pmk::from_msk(akm, &sta_msk).at("STA: NSK")?;
    let wlc_nsk = Pmk::from_msk(akm, &ap_msk).at("controller: NSK")?;
    w.act("STA, WLC", "NSK = first 256 bits of the MSK (the PMK of the 4-way handshake)");
    w.key("NSK", sta_nsk.as_bytes());
    let s = four_way(
        w,
        FourWay {
            akm,
            ap: &aps[0],
            sta: &sta,
            assoc_ies: &received,
            station: Side::new(Root::Cckm(&sta_nsk), None, sta_rsne.clone()),
            authenticator: Side::new(Root::Cckm(&wlc_nsk), None, aps[0].rsne.clone()),
        },
    )?;
    let initial = t.elapsed();
    let missing =
        || Failure { step: "CCKM handshake gives base keys".into(), cause: Cause::Mismatch };
    let sta_base = s.sta.base.ok_or_else(missing)?;
    let mut wlc = Controller { base: s.ap.base.ok_or_else(missing)?, guard: RekeyGuard::new() };
    ensure(bool::from(sta_base.krk().ct_eq(wlc.base.krk())), "STA and WLC hold the same KRK")?;
    w.act(
        "STA, WLC",
        "keep KRK and BTK for the NSK's lifetime; RN 1 used; the WLC's guard expects RN >= 2",
    );

    let mut rn = RekeyNumber::INITIAL;
    let mut roams = Vec::new();
    let mut captured: Vec<(usize, Vec<u8>)> = Vec::new();
    for target in [1, 2, 0] {
        let ap = &aps[target];
        let pause = 2_000 + w.rng.below(20_000);
        w.wait_ms(pause);
        // The station heard the AP's Beacon a little while ago and advances its TSF since.
        let age = 5_000 + w.rng.below(95_000);
        let drift = w.rng.below(800);
        let estimate = ap.tsf(w.now_us.saturating_sub(age)) + age + drift - 400;
        let (mark, t) = (w.frames, Instant::now());
        let sent = rn.advance().at("STA advances the rekey number")?;
        let what = format!(
            "moves towards {}: RN {sent}, timestamp = its TSF from the last Beacon",
            ap.name
        );
        w.act("STA", what);
        let req = ReassocRequest::build(
            protocol,
            sta_base.krk(),
            &sta,
            &ap.bssid,
            &sta_rsne,
            estimate,
            sent,
        )
        .at("STA builds the CCKM request element")?;
        let mut ies = sta_rsne.clone();
        ies.extend(req.to_bytes());
        let what = format!("RSNE, CCKM element (TSF, RN {sent}, MIC {})", req.mic());
        let received = join(w, ap, ies, true, &what);
        captured.push((target, received.clone()));
        let (granted, ap_ptk) = cckm_admit(w, &mut wlc, ap, &sta, &received)?;
        // The AP's response: RN, the GTK encrypted with the new KEK, MIC with the new KCK.
        let group = GroupKey { gtk: &ap.gtk, key_id: ap.gtk_id, rsc: ap.rsc };
        let mut element = [0u8; ieee80211_keys::cckm::RESPONSE_MAX_LEN];
        let n = ReassocResponse::build(
            protocol,
            &ap_ptk,
            &sta,
            &ap.rsne,
            granted,
            &group,
            &mut element,
        )
        .at("AP builds the CCKM response element")?;
        let resp = w.send(
            ap.name,
            "STA",
            &format!(
                "Reassociation Response (success): CCKM element (RN {granted}, GTK wrapped, MIC)"
            ),
            element[..n].to_vec(),
        );
        element.zeroize();

        // Station: the same PTK from the BTK; checks RN and MIC, unwraps the GTK.
        let sta_ptk = sta_base.btk().ptk(sent, &ap.bssid, CIPHER).at("STA: PTK from the BTK")?;
        let parsed = ReassocResponse::parse(&resp).at("STA parses the CCKM response element")?;
        let gtk = parsed
            .verify_and_decrypt(protocol, &sta_ptk, &sta, &ap.rsne, sent, CIPHER)
            .at("STA verifies the CCKM response (RN, MIC) and unwraps the GTK")?;
        ensure(bool::from(gtk.ct_eq(&ap.gtk)), "STA: the GTK is the AP's")?;
        ensure(bool::from(sta_ptk.tk().ct_eq(ap_ptk.tk())), "both sides install the same TK")?;
        w.act("STA", format!("PTK from the BTK with RN {sent}; RN and MIC of the response ok; GTK {} octets = {}'s", gtk.len(), ap.name));
        w.key("KCK", sta_ptk.kck().as_bytes());
        w.key("TK", sta_ptk.tk().as_bytes());
        let roam = Roam { to: ap.name, frames: w.frames - mark, time: t.elapsed() };
        w.line(
            format!(
                "  roam to {} with RN {sent}: {} frames, no EAP, no 4-way handshake",
                roam.to, roam.frames
            ),
            Some(roam.time),
        );
        roams.push(roam);
    }

    // Replays: the last request again at once (its RN is no longer fresh), and the first one
    // much later (its timestamp is stale). The MICs verify: only the guard stops them.
    w.act("attacker", "replays captured Reassociation Requests");
    let (last_ap, last) = captured.last().cloned().unwrap_or_default();
    let (first_ap, first) = captured.first().cloned().unwrap_or_default();
    w.wait_ms(1);
    let replays = [
        (last_ap, last, 0, "the last request again at once"),
        (first_ap, first, 40_000, "the first request 40 s later"),
    ];
    for (target, frame, delay_ms, what) in replays {
        let ap = &aps[target];
        w.wait_ms(delay_ms);
        let received =
            w.send("attacker", ap.name, &format!("Reassociation Request: {what}"), frame);
        match cckm_admit(w, &mut wlc, ap, &sta, &received) {
            Ok((rn, _)) => {
                return Err(Failure {
                    step: format!("{}: a replayed request (RN {rn}) is refused", ap.name),
                    cause: Cause::Mismatch,
                });
            }
            Err(Failure {
                cause:
                    Cause::Library(e @ (Error::RekeyNumberNotFresh { .. } | Error::TimestampNotFresh)),
                ..
            }) => {
                w.act(ap.name, format!("refuses it: {e}"));
                refusals.push((format!("CCKM replay of {what}"), e));
            }
            Err(other) => return Err(other),
        }
    }
    Ok(Method {
        name: "Cisco CCKM",
        akm,
        keys_per_roam: "PTK from BTK + RN; GTK in element",
        initial,
        roams,
    })
}

/// AP side of a CCKM reassociation: verify the request element with the KRK, admit it with
/// the guard (fresh TSF, larger RN), and derive the PTK for this BSSID.
fn cckm_admit(
    w: &mut World,
    wlc: &mut Controller,
    ap: &Ap,
    sta: &MacAddr,
    ies: &[u8],
) -> Outcome<(RekeyNumber, Ptk)> {
    let step = format!("{} verifies the CCKM request element", ap.name);
    let rsne = need(ies, RSNE_ID, "AP: the request has an RSNE")?;
    let element = need(ies, CCKM_ID, "AP: the request has a CCKM element")?;
    let req = ReassocRequest::parse(element).at(&step)?;
    let verified = req.verify(Protocol::Rsn, wlc.base.krk(), sta, &ap.bssid, rsne).at(&step)?;
    let ap_tsf = ap.tsf(w.now_us);
    let rn = wlc
        .guard
        .accept(&verified, ap_tsf, TSF_TOLERANCE)
        .at(&format!("{} admits the request", ap.name))?;
    let ptk = wlc.base.btk().ptk(rn, &ap.bssid, CIPHER).at("AP: PTK from the BTK")?;
    let skew = i128::from(verified.timestamp()) - i128::from(ap_tsf);
    w.act(ap.name, format!("MIC ok (HMAC-SHA1, KRK); timestamp {skew:+} us from its TSF; RN {rn} > last; PTK from the BTK"));
    Ok((rn, ptk))
}
