//! The main demonstration: a client's roaming life on a secured WLAN, both sides of every step.
//!
//! ```text
//! cargo run --example roam                       # a fresh seed from the clock
//! cargo run --example roam -- --seed 7           # the same addresses, nonces and keys every time
//! cargo run --example roam -- --show-keys        # also print the key bytes
//! cargo run --example roam -- --tamper 12        # flip one bit of frame 12 on the air: a check fails
//! cargo run --example roam -- --pcap roam.pcap    # also write every frame played, and the keys
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
//! The station and the access points derive every key independently with the library, and
//! build and read every frame and element with it (RSNE, MDE, FTE, KDEs, EAPOL-Key frames, the
//! CCKM elements), checking each other's MICs. Any mismatch ends the run with an error and a
//! non-zero exit status: the demonstration is also a self-check (`tests/roam_example.rs`).

use std::path::PathBuf;
use std::process::ExitCode;

/// Every frame played, as a capture.
#[path = "capture/air.rs"]
pub mod air;
/// The one pcap writer of the workspace (the capture tool includes it too); not all of it is
/// used here.
#[allow(dead_code)]
#[path = "capture/pcapwrite.rs"]
mod pcapwrite;
use air::{Air, Body, Dir};

/// WPA3-Personal: SAE with hash-to-element, its 4-way handshake and an FT-SAE roam.
#[path = "wpa3/sae_section.rs"]
pub mod sae_section;
/// WPA3 beyond SAE: an OWE association and an FT-SAE-EXT-KEY roam, from examples/wpa3/.
#[path = "wpa3/mod.rs"]
pub mod wpa3;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ieee80211_keys::cckm::{
    BaseKeys, GroupKey, ReassocRequest, ReassocResponse, RekeyGuard, RekeyNumber,
};
use ieee80211_keys::eapol::MicKey;
use ieee80211_keys::eapol_key::{Builder, Message, Received};
use ieee80211_keys::elements::{self, Elements};
use ieee80211_keys::ft::{self, Fte, FteMicInput, PmkR0, PmkR1, PmkR1Key, PmkR1Name, XxKey};
use ieee80211_keys::ft_elements::{FteBuilder, Mde, FTE_ID, MDE_ID};
use ieee80211_keys::kde::{self, KdeWriter};
use ieee80211_keys::rsne::{self, PmkIds, RsnCapabilities, Rsne, Selector, RSNE_ID};
use ieee80211_keys::{
    Akm, Cipher, Error, Gmk, Gtk, MacAddr, MobilityDomainId, Msk, Nonce, Pairwise, Pmk, PmkId,
    Protocol, Psk, Ptk, R0khId, Ssid, Suite,
};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

// ---------------------------------------------------------------------------------------------
// Command line, and what a run returns.

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
    /// Write every frame played to this pcap file (radiotap + 802.11), and the networks' keys
    /// to the same name with `.keys` appended.
    pub pcap: Option<PathBuf>,
}

const HELP: &str = "\
roam: a client's roaming life on a secured WLAN, both sides, every fast-secure-roaming method

USAGE: cargo run --example roam [-- --seed N] [--show-keys] [--quiet] [--tamper N] [--pcap FILE]

  --seed N       seed addresses, nonces, MSKs and GTKs (default: the clock); same seed, same trace
  --show-keys    also print the key bytes (PMK, KCK, KEK, TK, KRK, BTK, PMK-R0, PMK-R1, GTK)
  --quiet        print only the summary table
  --tamper N     flip one bit in the N-th frame on the air, to watch a check refuse it
  --pcap FILE    write every frame played to FILE (pcap, radiotap + 802.11, plausible times)
                 and the networks' keys to FILE.keys (Wireshark 80211_keys lines), for
                 wifi-keycheck (cli/): cargo run -p wifi-keycheck -- check FILE -k FILE.keys

Every MIC, key name and key is checked on both sides; any mismatch exits with status 1.";

fn main() -> ExitCode {
    let mut opts = Options { seed: seed_from_clock(), ..Options::default() };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let number = match arg.as_str() {
            "--seed" | "--tamper" => args.next().and_then(|v| v.parse::<u64>().ok()),
            _ => None,
        };
        match (arg.as_str(), number) {
            ("--show-keys", _) => opts.show_keys = true,
            ("--quiet", _) => opts.quiet = true,
            ("--seed", Some(n)) => opts.seed = n,
            ("--tamper", Some(n)) => opts.tamper = Some(n as usize),
            ("--pcap", _) => match args.next() {
                Some(file) => opts.pcap = Some(PathBuf::from(file)),
                None => {
                    eprintln!("roam: --pcap needs a file name");
                    return ExitCode::from(2);
                }
            },
            ("-h" | "--help", _) => {
                println!("{HELP}");
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("roam: '{arg}' is not an option, or lacks its number (see --help)");
                return ExitCode::from(2);
            }
        }
    }
    let (lines, result, mut air) = run_on_air(&opts);
    println!("seed {} (run again with --seed {} for the same trace)", opts.seed, opts.seed);
    let status = report(&opts, &lines, result, &mut air);
    match &opts.pcap {
        Some(path) => write_capture(path, &air).unwrap_or(status),
        None => status,
    }
}

/// Writes the capture and the keys file; what went wrong, if anything.
fn write_capture(path: &std::path::Path, air: &Air) -> Option<ExitCode> {
    let keys = PathBuf::from(format!("{}.keys", path.display()));
    let written =
        std::fs::write(path, air.pcap()).and_then(|()| std::fs::write(&keys, air.keys_file()));
    match written {
        Ok(()) => {
            let n = air.frames.len();
            println!("{n} frames written to {} (keys: {})", path.display(), keys.display());
            None
        }
        Err(e) => {
            eprintln!("roam: cannot write {}: {e}", path.display());
            Some(ExitCode::from(2))
        }
    }
}

/// Prints the trace and the summary, then runs the WPA3 sections on `air` too: their frames
/// number on from the four networks' (as `--tamper` counts them).
pub fn report(opts: &Options, lines: &[Line], result: Outcome<Summary>, air: &mut Air) -> ExitCode {
    if !opts.quiet {
        lines.iter().for_each(|line| println!("{line}"));
    }
    let summary = match result {
        Ok(summary) => summary,
        Err(failure) => {
            eprintln!("\nFAILED: {failure}");
            return ExitCode::FAILURE;
        }
    };
    print!("{summary}");
    // WPA3-Personal on a fifth WLAN: SAE (hash-to-element) instead of a PSK, then the 4-way
    // handshake on its PMK and an FT-SAE roam.
    println!("\nWPA3-Personal (SAE, hash-to-element; then an FT-SAE roam)");
    (air.exchanged, air.tamper) = (summary.checked_frames, opts.tamper);
    let from = air.log.len();
    let sae = sae_section::wpa3_sae_section(opts.seed, air);
    if !opts.quiet {
        air.log[from..].iter().for_each(|line| println!("  {line}"));
    }
    match sae {
        Ok(s) => println!(
            "  SAE and FT-SAE checked on both sides: PMKID {}, TKs of {} and {} octets, {} \
             octets of SAE frames",
            s.pmkid, s.tk_lens.0, s.tk_lens.1, s.sae_octets
        ),
        Err(e) => {
            eprintln!("\nFAILED: WPA3-Personal: {e}");
            return ExitCode::FAILURE;
        }
    }
    // OWE and FT-SAE-EXT-KEY, on the same air.
    if wpa3::run(opts.seed, opts.quiet, air) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn seed_from_clock() -> u64 {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    (now.as_nanos() % 1_000_000) as u64 // short enough to type back with --seed
}

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
    holds.then_some(()).ok_or(Failure { step: what.to_owned(), cause: Cause::Mismatch })
}

/// A value that must be there.
fn need<T>(value: Option<T>, what: &str) -> Outcome<T> {
    value.ok_or(Failure { step: what.to_owned(), cause: Cause::Mismatch })
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
        let row = |f: &mut std::fmt::Formatter<'_>, c: [&str; 7]| {
            let [a, b, r, n, k, i, p] = c;
            writeln!(f, "{a:<26} {b:<10} {r:>5} {n:>7}  {k:<37} {i:>9} {p:>9}")
        };
        writeln!(f, "\n== Summary: four ways to roam ==")?;
        row(
            f,
            ["method", "AKM", "roams", "frames", "derived at each roam", "initial", "per roam"],
        )?;
        for m in &self.methods {
            let mean = m.roams.iter().map(|r| r.time).sum::<Duration>() / m.roams.len() as u32;
            let lo = m.roams.iter().map(|r| r.frames).min().unwrap_or(0);
            let hi = m.roams.iter().map(|r| r.frames).max().unwrap_or(0);
            let frames = if lo == hi { lo.to_string() } else { format!("{lo}-{hi}") };
            let (count, initial) = (m.roams.len().to_string(), ms(m.initial));
            let c = [m.name, m.akm.name(), &count, &frames, m.keys_per_roam, &initial, &ms(mean)];
            row(f, c)?;
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
    let (lines, result, _) = run_on_air(opts);
    (lines, result)
}

/// [`run`], and every frame played (up to the failure, if one): the capture.
pub fn run_on_air(opts: &Options) -> (Vec<Line>, Outcome<Summary>, Air) {
    let mut w = World {
        rng: Rng(opts.seed),
        show_keys: opts.show_keys,
        tamper: opts.tamper,
        lines: Vec::new(),
        frames: 0,
        sent: 0,
        now_us: 0,
        air: Air::new(opts.seed ^ 0xa1a1),
        net: Vec::new(),
    };
    let mut refusals = Vec::new();
    let result = (|| {
        let methods = vec![
            wpa2_psk(&mut w)?,
            okc(&mut w)?,
            fast_transition(&mut w)?,
            cckm(&mut w, &mut refusals)?,
        ];
        Ok(Summary { methods, refusals, frames: w.frames, checked_frames: w.sent })
    })();
    (w.lines, result, w.air)
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
            chunk.copy_from_slice(&self.next_u64().to_le_bytes()[..chunk.len()]);
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
    /// Every frame played, with its time. Its clock runs on its own (turnarounds and scans):
    /// the walks between APs, which the TSF above follows, are left out of the capture.
    air: Air,
    /// The parties of the current network and their addresses ("STA", "AP1", ...).
    net: Vec<(&'static str, MacAddr)>,
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
        self.line(format!("  {who:<WHO$}{}", text.as_ref()), Some(t.elapsed()));
    }

    /// Key bytes, recorded only when asked for.
    fn key(&mut self, name: &str, bytes: &[u8]) {
        if self.show_keys {
            let text = format!("  {:<WHO$}  {name:<7} {}", "", hex(bytes));
            self.lines.push(Line { text, key: true, elapsed: None });
        }
    }

    /// The station's and an AP's address in the current network.
    fn addresses(&self, ap: &str) -> Option<([u8; 6], [u8; 6])> {
        let addr = |name: &str| self.net.iter().find(|(n, _)| *n == name).map(|(_, a)| a);
        Some((*addr("STA")?.as_bytes(), *addr(ap)?.as_bytes()))
    }

    /// Plays a frame between the station and an AP of the current network (an attacker sends
    /// with the station's address).
    fn play(&mut self, from: &str, to: &str, body: Body, content: &[u8]) {
        let (dir, ap) =
            if from == "STA" || from == "attacker" { (Dir::ToAp, to) } else { (Dir::ToSta, from) };
        if let Some((sta, bssid)) = self.addresses(ap) {
            self.air.play(dir, sta, bssid, body, content);
        }
    }

    /// The first traffic after the keys are installed, on the air only: a CCMP-128 protected
    /// data frame each way under the TK, packet number 1.
    fn data(&mut self, ap: &str, tk: &[u8]) {
        if let (Some((sta, bssid)), Ok(tk)) = (self.addresses(ap), <&[u8; 16]>::try_from(tk)) {
            self.air.protected_data(Dir::ToAp, sta, bssid, tk, 1);
            self.air.protected_data(Dir::ToSta, sta, bssid, tk, 1);
        }
    }

    /// A frame on the air whose content the receiver reads: returns it as received.
    fn send(
        &mut self,
        from: &str,
        to: &str,
        body: Body,
        what: &str,
        mut frame: Vec<u8>,
    ) -> Vec<u8> {
        self.frames += 1;
        self.sent += 1;
        let arrow = format!("{from} -> {to}");
        let mut text = format!("  {arrow:<WHO$}{what} ({} octets)", frame.len());
        if let (Some(last), true) = (frame.last_mut(), self.tamper == Some(self.sent)) {
            *last ^= 1;
            text.push_str("  << TAMPERED: low bit of the last octet flipped");
        }
        self.line(text, None);
        self.play(from, to, body, &frame);
        frame
    }

    /// A frame on the air whose content this demonstration does not model (Open System
    /// authentication, a status-only response, EAP): played with `content`.
    fn note(&mut self, from: &str, to: &str, body: Body, what: &str, content: &[u8]) {
        self.frames += 1;
        self.play(from, to, body, content);
        self.line(format!("  {:<WHO$}{what}", format!("{from} -> {to}")), None);
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The first four octets of a nonce, for the trace.
fn short(n: &Nonce) -> String {
    format!("{}..", hex(&n.as_bytes()[..4]))
}

// ---------------------------------------------------------------------------------------------
// Elements and frames, all built and read by the library.

/// Every network here: CCMP-128 for pairwise and group traffic.
const CIPHER: Cipher = Cipher::Ccmp128;

/// The suite of an association with `akm` and the example's cipher.
fn suite_of(akm: Akm) -> Suite {
    Suite::new(akm, CIPHER, akm.pmk_len()).expect("every AKM of the example combines with CCMP-128")
}

/// An RSNE: version 1, CCMP-128 group and pairwise, one AKM, no capabilities, PMKIDs if any.
fn rsne(akm: Akm, pmkids: &[PmkId]) -> Vec<u8> {
    let (pairwise, akms) = ([Selector::from(CIPHER)], [Selector::from(akm)]);
    let mut r =
        Rsne::new(CIPHER.into(), &pairwise, &akms).with_capabilities(RsnCapabilities::default());
    if !pmkids.is_empty() {
        r = r.with_pmkids(pmkids);
    }
    let mut out = vec![0u8; r.len()];
    r.write(&mut out).expect("the buffer has the element's length");
    out
}

/// The first element with this ID in a list of elements; a malformed list is an error.
fn find<'a>(ies: &'a [u8], id: u8, what: &str) -> Outcome<&'a [u8]> {
    need(elements::find(ies, id).at(what)?, what)
}

/// An FTE from the builder.
fn fte(b: FteBuilder<'_>) -> Outcome<Vec<u8>> {
    let mut out = [0u8; 257];
    let n = b.write(&mut out).at("building the FTE")?;
    Ok(out[..n].to_vec())
}

/// An EAPOL-Key frame from the builder.
fn eapol<K: MicKey>(b: Builder<'_, K>, what: &str) -> Outcome<Vec<u8>> {
    let mut out = vec![0u8; b.frame_len().at(what)?];
    b.write(&mut out).at(what)?;
    Ok(out)
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
        rsne: find(ies, RSNE_ID, "the frame has an RSNE")?,
        mde: find(ies, MDE_ID, "the frame has an MDE")?,
        fte: find(ies, FTE_ID, "the frame has an FTE")?,
        ric: None,
        rsnxe: None,
    })
}

/// The sender's side of the FTE MIC: RSNE, MDE and an FTE whose MIC is computed over the three
/// and written in place; the frame's elements in that order.
fn signed(ptk: &ft::FtPtk, ids: (&MacAddr, &MacAddr, u8), parts: [&[u8]; 3]) -> Outcome<Vec<u8>> {
    let (sta, bssid, seq) = ids;
    let [rsne, mde, fte] = parts;
    let input = FteMicInput {
        sta_addr: sta,
        bssid,
        transaction_seq: seq,
        rsne,
        mde,
        fte,
        ric: None,
        rsnxe: None,
    };
    let suite = ptk.ptk().suite();
    let mic = ft::fte_mic(suite, ptk.kck(), &input).at("computing the FTE MIC")?;
    let mut fte = fte.to_vec();
    ft::write_fte_mic(suite, &mut fte, &mic).at("writing the FTE MIC")?;
    Ok([rsne, mde, &fte].concat())
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
    /// Its TSF (µs) at simulated time `now_us`.
    fn tsf(&self, now_us: u64) -> u64 {
        self.tsf_base + now_us
    }
}

/// The APs of one network: the same OUI-like prefix, different BSSIDs; each GTK from its GMK
/// (12.7.1.4).
fn network<const N: usize>(w: &mut World, akm: Akm) -> Outcome<[Ap; N]> {
    let mut prefix: [u8; 3] = w.rng.bytes();
    prefix[0] = (prefix[0] & 0xfc) | 0x02;
    let mut aps = Vec::with_capacity(N);
    for name in &["AP1", "AP2", "AP3", "AP4"][..N] {
        let t: [u8; 3] = w.rng.bytes();
        let bssid = MacAddr::new([prefix[0], prefix[1], prefix[2], t[0], t[1], t[2] & 0xf0]);
        let gmk = Gmk::from_bytes(&w.rng.bytes::<32>()).at("GMK")?;
        let gtk = Gtk::derive(&gmk, CIPHER, &bssid, &w.rng.nonce()).at("GTK from the GMK")?;
        let rsc = w.rng.below(1 << 20).to_le_bytes();
        let tsf_base = 1_000_000_000 + w.rng.below(1 << 40);
        aps.push(Ap { name, bssid, rsne: rsne(akm, &[]), gtk, gtk_id: 1, rsc, tsf_base });
    }
    Ok(aps.try_into().unwrap_or_else(|_| unreachable!()))
}

fn describe_net(w: &mut World, ssid: &str, akm: Akm, sta: &MacAddr, aps: &[Ap]) {
    let list: Vec<String> = aps.iter().map(|a| format!("{} {}", a.name, a.bssid)).collect();
    // On the air: the parties' addresses, and a Beacon of each AP (SSID, RSNE).
    w.net = [("STA", *sta)].into_iter().chain(aps.iter().map(|a| (a.name, a.bssid))).collect();
    w.air.wait(1_000_000);
    for ap in aps {
        let ies = [&[0, ssid.len() as u8][..], ssid.as_bytes(), &ap.rsne].concat();
        w.play(ap.name, "", Body::Beacon, &ies);
    }
    w.act("", format!("SSID \"{ssid}\", AKM {akm}, pairwise and group cipher {CIPHER}"));
    w.act("", format!("STA {sta}; {}", list.join(", ")));
}

/// Open System authentication and the (re)association request: the request's elements as
/// the AP received them.
fn join(w: &mut World, ap: &Ap, ies: Vec<u8>, reassoc: bool, what: &str) -> Vec<u8> {
    let open = |seq| Body::Auth { algorithm: 0, seq, status: 0 };
    w.note("STA", ap.name, open(1), "Authentication (Open System, seq 1)", &[]);
    w.note(ap.name, "STA", open(2), "Authentication (Open System, seq 2, success)", &[]);
    let (kind, body) = if reassoc {
        ("Reassociation Request", Body::ReassocRequest)
    } else {
        ("Association Request", Body::AssocRequest)
    };
    w.send("STA", ap.name, body, &format!("{kind}: {what}"), ies)
}

fn joined(w: &mut World, ap: &Ap, reassoc: bool) {
    let (kind, body) = if reassoc {
        ("Reassociation Response", Body::ReassocResponse)
    } else {
        ("Association Response", Body::AssocResponse)
    };
    w.note(ap.name, "STA", body, &format!("{kind} (success)"), &[]);
}

/// The 802.1X/EAP exchange, which this demonstration does not model: an MSK that the station
/// and the authentication server share (the server sends it to the AP in its Access-Accept).
/// On the air (not counted as frames of the demonstration): EAP-Request/Identity, the
/// station's Response/Identity, a pause for the method's rounds, EAP-Success (RFC 3748).
fn eap(w: &mut World, akm: Akm, ap: &str) -> Outcome<(Msk, Msk)> {
    let eapol = |code: u8, id: u8, data: &[u8]| {
        let len = (4 + data.len()) as u16;
        [&[2, 0][..], &len.to_be_bytes(), &[code, id], &len.to_be_bytes(), data].concat()
    };
    w.play(ap, "STA", Body::Eapol, &eapol(1, 1, &[1]));
    w.play("STA", ap, Body::Eapol, &eapol(2, 1, b"\x01station@example.org"));
    w.air.wait(80_000);
    w.play(ap, "STA", Body::Eapol, &eapol(3, 2, &[]));
    let mut bytes: [u8; 64] = w.rng.bytes();
    w.air.key("msk", &hex(&bytes));
    let (sta, ap) = (Msk::from_bytes(&bytes).at("MSK")?, Msk::from_bytes(&bytes).at("MSK")?);
    bytes.zeroize();
    w.act("STA <-> AS", format!("802.1X/EAP (not modelled): a 64-octet MSK for {akm}"));
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
    ptk_name: Option<ft::PtkName>,
    base: Option<BaseKeys>,
}

impl Root<'_> {
    fn derive(
        &self,
        akm: Akm,
        aa: &MacAddr,
        spa: &MacAddr,
        an: &Nonce,
        sn: &Nonce,
    ) -> Result<Keys, Error> {
        let pairwise = Pairwise { aa: *aa, spa: *spa, anonce: *an, snonce: *sn };
        Ok(match *self {
            Root::Pmk(pmk) => {
                let ptk = Ptk::derive(pmk, &suite_of(akm), &pairwise)?;
                Keys { ptk, ptk_name: None, base: None }
            }
            Root::Ft(r1) => {
                let (ptk, name) = r1.derive_ptk(CIPHER, &pairwise)?.into_parts();
                Keys { ptk, ptk_name: Some(name), base: None }
            }
            Root::Cckm(nsk) => {
                let base = BaseKeys::derive(nsk, &pairwise)?;
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

fn side(root: Root<'_>, pmkid: Option<PmkId>, ies: Vec<u8>) -> Side<'_> {
    Side { root, pmkid, ies, r1_name: None }
}

/// What a handshake established: both sides' keys (equal, checked).
struct Session {
    sta: Keys,
    ap: Keys,
}

/// The checks of an RSNE received in message 2/4 or 3/4 (12.7.6.3, 12.7.6.4): without FT,
/// octet for octet the one of the request (or the Beacon); with FT, the AKM and cipher on
/// offer and the PMKR1Name in its PMKID list.
fn check_rsne(
    received: &[u8],
    reference: &[u8],
    beacon: &[u8],
    r1_name: Option<&PmkR1Name>,
    who: &str,
) -> Outcome<()> {
    let Some(r1_name) = r1_name else {
        return rsne::check_same_rsne(received, reference).at(&format!("{who} compares the RSNE"));
    };
    let got = Rsne::parse(received).at(&format!("{who} reads the RSNE"))?;
    Rsne::parse(beacon).and_then(|b| b.check_choice(&got)).at(&format!("{who}: AKM and cipher"))?;
    ensure(got.pmkids().contains(&PmkId::from(*r1_name)), &format!("{who}: PMKR1Name"))
}

fn four_way(w: &mut World, hs: FourWay<'_>) -> Outcome<Session> {
    let (akm, ap, sta) = (hs.akm, hs.ap, hs.sta);
    let (name, aa, suite) = (ap.name, &ap.bssid, suite_of(akm));
    let mic =
        format!("{:?}", akm.mic_algorithm(akm.descriptor_version(CIPHER)).at("MIC algorithm")?);

    // Message 1: ANonce, and the PMKID KDE of the PMK the AP will use.
    let anonce = w.rng.nonce();
    let mut kd1 = [0u8; 22];
    let n = match &hs.authenticator.pmkid {
        Some(p) => KdeWriter::new(&mut kd1).pmkid(p).at("PMKID KDE")?.len(),
        None => 0,
    };
    let kd1 = &kd1[..n];
    let m1 = eapol(Builder::message1(&suite, 1, &anonce).key_data(kd1), "AP builds 1/4")?;
    let pmkid = hs.authenticator.pmkid.map(|p| format!(", PMKID KDE {p}")).unwrap_or_default();
    let m1 = w.send(
        name,
        "STA",
        Body::Eapol,
        &format!("EAPOL-Key 1/4: ANonce {}{pmkid}", short(&anonce)),
        m1,
    );

    // Station: reads message 1, checks the PMKID, derives the PTK.
    let t = Instant::now();
    let f1 = Received::parse(&suite, &m1).at("STA reads message 1/4")?;
    ensure(f1.message() == Message::Pairwise1, "STA: message 1/4 is message 1/4")?;
    let got = kde::find_pmkid(f1.view().key_data()).at("STA reads the PMKID KDE of 1/4")?;
    ensure(got == hs.station.pmkid, "STA: the PMKID in message 1/4 is the one it computed")?;
    let snonce = w.rng.nonce();
    let sta_keys = hs
        .station
        .root
        .derive(akm, aa, sta, &f1.view().nonce(), &snonce)
        .at("STA derives the PTK")?;
    if let Some(p) = got {
        w.act("STA", format!("PMKID {p} is the one it computed for {name}"));
    }
    let (derived, more) = hs.station.root.describe(&sta_keys);
    w.timed("STA", derived, t);
    if let Some(more) = more {
        w.act("STA", more);
    }
    if let Some(base) = &sta_keys.base {
        w.key("KRK", base.krk().as_bytes());
        w.key("BTK", base.btk().as_bytes());
    }
    w.key("KCK", sta_keys.ptk.kck().as_bytes());
    w.key("KEK", sta_keys.ptk.kek().as_bytes());
    w.key("TK", sta_keys.ptk.tk().as_bytes());

    // Message 2: SNonce and the station's elements, MIC under the KCK (CCKM: the KRK).
    let t = Instant::now();
    let (replay, ies) = (f1.replay_counter(), &hs.station.ies[..]);
    let (m2, key) = match &sta_keys.base {
        Some(b) => (
            eapol(Builder::message2(&suite, replay, &snonce, ies, b.krk()), "STA builds 2/4")?,
            "KRK",
        ),
        None => (
            eapol(
                Builder::message2(&suite, replay, &snonce, ies, sta_keys.ptk.kck()),
                "STA builds 2/4",
            )?,
            "KCK",
        ),
    };
    let elements = if akm.is_ft() { "RSNE (PMKR1Name), MDE, FTE" } else { "RSNE" };
    let what = format!("EAPOL-Key 2/4: SNonce {}, {elements}, MIC ({mic}, {key})", short(&snonce));
    let m2 = w.send("STA", name, Body::Eapol, &what, m2);

    // AP: reads message 2, derives the PTK from the SNonce, verifies the MIC and the elements.
    let f2 = Received::parse(&suite, &m2).at("AP reads message 2/4")?;
    ensure(f2.message() == Message::Pairwise2, "AP: message 2/4 is message 2/4")?;
    f2.check_answers(1).at("AP checks the replay counter of 2/4")?;
    let ap_keys = hs
        .authenticator
        .root
        .derive(akm, aa, sta, &anonce, &f2.view().nonce())
        .at("AP derives the PTK")?;
    match &ap_keys.base {
        Some(base) => f2.verify_mic(base.krk()),
        None => f2.verify_mic(ap_keys.ptk.kck()),
    }
    .at(&format!("{name} verifies the MIC of message 2/4"))?;
    let kd2 = f2.view().key_data();
    let rsne2 = find(kd2, RSNE_ID, "AP: message 2/4 carries an RSNE")?;
    let request_rsne = find(hs.assoc_ies, RSNE_ID, "AP: the request has an RSNE")?;
    check_rsne(rsne2, request_rsne, &ap.rsne, hs.authenticator.r1_name.as_ref(), name)?;
    if akm.is_ft() {
        let (mde2, mde1) = (
            find(kd2, MDE_ID, "2/4 has an MDE")?,
            find(hs.assoc_ies, MDE_ID, "the request has an MDE")?,
        );
        ensure(mde2 == mde1, "AP: the MDE of 2/4 is the one of the Association Request")?;
    }
    let names = if akm.is_ft() { "PMKR1Name, MDE" } else { "RSNE" };
    w.timed(name, format!("PTK derived on its own; MIC of 2/4 ok; {names} as in the request"), t);

    // Message 3: Install, the AP's elements and the GTK KDE, wrapped with the KEK.
    let t = Instant::now();
    let mut plain = [0u8; 512];
    let mut kw = KdeWriter::new(&mut plain);
    for e in Elements::new(&hs.authenticator.ies) {
        kw.element(e.at("the AP's elements")?).at("Key Data of 3/4")?;
    }
    kw.gtk(ap.gtk_id, false, &ap.gtk).at("GTK KDE")?;
    let n = kw.len();
    let (kck, kek) = (ap_keys.ptk.kck(), ap_keys.ptk.kek());
    let m3 = Builder::message3(&suite, 2, &anonce, &plain[..n], kck, kek).rsc(ap.rsc);
    let m3 = eapol(m3, "AP builds 3/4");
    plain.zeroize();
    let inside = if akm.is_ft() { "RSNE, MDE, FTE, GTK KDE" } else { "RSNE, GTK KDE" };
    let what = format!("EAPOL-Key 3/4: Install, Key Data AES-key-wrapped with the KEK ({inside})");
    let m3 = w.send(name, "STA", Body::Eapol, &what, m3?);

    // Station: message 3, MIC, the same ANonce, Key Data unwrapped, the RSNE checked, the GTK.
    let f3 = Received::parse(&suite, &m3).at("STA reads message 3/4")?;
    ensure(f3.message() == Message::Pairwise3, "STA: message 3/4 is message 3/4")?;
    f3.check_replay(Some(f1.replay_counter())).at("STA checks the replay counter of 3/4")?;
    f3.verify_mic(sta_keys.ptk.kck()).at("STA verifies the MIC of message 3/4")?;
    ensure(f3.view().nonce() == f1.view().nonce(), "STA: the ANonce of 3/4 is that of 1/4")?;
    let mut out = [0u8; 512];
    let kd3 = f3.key_data(sta_keys.ptk.kek(), &mut out).at("STA unwraps the Key Data of 3/4")?;
    let rsne3 = find(kd3, RSNE_ID, "STA: message 3/4 carries the AP's RSNE")?;
    check_rsne(rsne3, &ap.rsne, &ap.rsne, hs.station.r1_name.as_ref(), "STA")?;
    let gtk_kde =
        need(kde::find_gtk(kd3).at("STA reads the GTK KDE")?, "STA: 3/4 carries a GTK KDE")?;
    let gtk = gtk_kde.gtk().at("STA takes the GTK")?;
    ensure(gtk_kde.key_id() == ap.gtk_id, "STA: the GTK's key ID")?;
    out.zeroize();
    ensure(bool::from(gtk.ct_eq(&ap.gtk)), "STA: the GTK it unwrapped is the AP's")?;
    let rsne_check = if akm.is_ft() { "PMKR1Name" } else { "RSNE as in the Beacon" };
    w.timed("STA", format!("MIC of 3/4 ok; Key Data unwrapped: {rsne_check}, {name}'s GTK"), t);
    w.key("GTK", gtk.as_bytes());

    // Message 4, and both sides install the TK.
    let t = Instant::now();
    let m4 = eapol(
        Builder::message4(&suite, f3.replay_counter(), sta_keys.ptk.kck()),
        "STA builds 4/4",
    )?;
    let m4 = w.send("STA", name, Body::Eapol, "EAPOL-Key 4/4", m4);
    let f4 = Received::parse(&suite, &m4).at("AP reads message 4/4")?;
    ensure(f4.message() == Message::Pairwise4, "AP: message 4/4 is message 4/4")?;
    f4.check_answers(2).at("AP checks the replay counter of 4/4")?;
    f4.verify_mic(ap_keys.ptk.kck()).at(&format!("{name} verifies the MIC of message 4/4"))?;
    ensure(bool::from(sta_keys.ptk.tk().ct_eq(ap_keys.ptk.tk())), "the same TK on both sides")?;
    ensure(sta_keys.ptk_name == ap_keys.ptk_name, "both sides hold the same PTKName")?;
    w.timed(name, "MIC of 4/4 ok; both sides install the same TK", t);
    w.data(name, sta_keys.ptk.tk().as_bytes());
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
    describe_net(w, "Cafe-WPA2", akm, &sta, &aps);
    let ssid = Ssid::new(b"Cafe-WPA2").at("SSID")?;
    let passphrase = "espresso and four-way handshakes";
    w.air.key("wpa-pwd", &format!("{passphrase}:Cafe-WPA2"));

    // The station derives the PSK when the user types the passphrase, the APs when configured.
    let t = Instant::now();
    let sta_pmk = Pmk::from_psk(&Psk::from_passphrase(passphrase, &ssid).at("STA: PSK")?);
    w.timed("STA", "PSK = PBKDF2-SHA1(passphrase, SSID, 4096, 256 bits); PMK = PSK", t);
    let ap_pmk = Pmk::from_psk(&Psk::from_passphrase(passphrase, &ssid).at("AP: PSK")?);
    w.act("AP1, AP2", "the same PSK, from their configured passphrase");
    w.key("PMK", sta_pmk.as_bytes());

    let mut times = Vec::new();
    for (ap, reassoc) in [(&aps[0], false), (&aps[1], true)] {
        if reassoc {
            w.act("STA", format!("moves towards {}: reassociates there, same PMK", ap.name));
        }
        let (mark, t) = (w.frames, Instant::now());
        let req = rsne(akm, &[]);
        let received = join(w, ap, req.clone(), reassoc, "RSNE (PSK, CCMP-128)");
        joined(w, ap, reassoc);
        let sta_pmkid = sta_pmk.pmkid(akm, &ap.bssid, &sta).at("STA: PMKID")?;
        let ap_pmkid = ap_pmk.pmkid(akm, &ap.bssid, &sta).at("AP: PMKID")?;
        let station = side(Root::Pmk(&sta_pmk), Some(sta_pmkid), req);
        let authenticator = side(Root::Pmk(&ap_pmk), Some(ap_pmkid), ap.rsne.clone());
        four_way(w, FourWay { akm, ap, sta: &sta, assoc_ies: &received, station, authenticator })?;
        times.push((w.frames - mark, t.elapsed()));
    }
    let roam = Roam { to: aps[1].name, frames: times[1].0, time: times[1].1 };
    w.line(format!("  roam to {}: {} frames", roam.to, roam.frames), Some(roam.time));
    let keys_per_roam = "PMKID, PTK; GTK in EAPOL 3/4";
    Ok(Method {
        name: "WPA2-PSK (new 4-way)",
        akm,
        keys_per_roam,
        initial: times[0].1,
        roams: vec![roam],
    })
}

// ---------------------------------------------------------------------------------------------
// 2. 802.1X and a PMKID-cache (opportunistic key caching) roam.

/// The controller's PMK cache, shared by its APs (OKC): one PMK per station. A lookup computes
/// `PMKID = HMAC-SHA1-128(PMK, "PMK Name" || BSSID || STA)` for each cached PMK of the station
/// and finds it in the RSNE's PMKID list (constant-time comparisons).
fn lookup<'c>(
    cache: &'c [(MacAddr, Pmk)],
    akm: Akm,
    bssid: &MacAddr,
    sta: &MacAddr,
    pmkids: PmkIds<'_>,
) -> Result<Option<(PmkId, &'c Pmk)>, Error> {
    for (addr, pmk) in cache.iter().filter(|(addr, _)| addr == sta) {
        let mine = pmk.pmkid(akm, bssid, addr)?;
        if pmkids.contains(&mine) {
            return Ok(Some((mine, pmk)));
        }
    }
    Ok(None)
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
    let (sta_msk, ap_msk) = eap(w, akm, aps[0].name)?;
    let sta_pmk = Pmk::from_msk(akm, &sta_msk).at("STA: PMK from the MSK")?;
    let ap_pmk = Pmk::from_msk(akm, &ap_msk).at("AP: PMK from the MSK")?;
    let sta_pmkid = sta_pmk.pmkid(akm, &aps[0].bssid, &sta).at("STA: PMKID")?;
    let ap_pmkid = ap_pmk.pmkid(akm, &aps[0].bssid, &sta).at("AP: PMKID")?;
    w.act("STA, AP1", format!("PMK = first 256 bits of the MSK; PMKID {ap_pmkid}"));
    w.key("PMK", sta_pmk.as_bytes());
    let station = side(Root::Pmk(&sta_pmk), Some(sta_pmkid), req);
    let authenticator = side(Root::Pmk(&ap_pmk), Some(ap_pmkid), aps[0].rsne.clone());
    four_way(
        w,
        FourWay { akm, ap: &aps[0], sta: &sta, assoc_ies: &received, station, authenticator },
    )?;
    let initial = t.elapsed();

    // The controller caches the PMKSA for every AP of the network (and holds other clients').
    let mut cache = Vec::new();
    for _ in 0..3 {
        let other = w.rng.station_mac();
        cache.push((other, Pmk::from_bytes(&w.rng.bytes::<32>()).at("another client's PMK")?));
    }
    cache.insert(1, (sta, ap_pmk));
    w.act("controller", format!("caches the PMK for {sta} (and 3 other clients')"));

    // Roam: the station names the cached PMK for the new BSSID; the AP reads its RSNE.
    let ap = &aps[1];
    w.act("STA", format!("moves towards {}: names the cached PMK by its PMKID there", ap.name));
    let (mark, t) = (w.frames, Instant::now());
    let pmkid = sta_pmk.pmkid(akm, &ap.bssid, &sta).at("STA: PMKID for the new AP")?;
    let req = rsne(akm, &[pmkid]);
    let received = join(w, ap, req.clone(), true, &format!("RSNE with PMKID {pmkid}"));
    let request = Rsne::parse(find(&received, RSNE_ID, "AP2: the request has an RSNE")?)
        .at("AP2 reads the RSNE")?;
    let beacon = Rsne::parse(&ap.rsne).at("AP2's RSNE")?;
    beacon.check_choice(&request).at("AP2 checks the AKM and cipher of the request")?;
    let found =
        lookup(&cache, akm, &ap.bssid, &sta, request.pmkids()).at("AP2 looks up the PMK cache")?;
    let (found_pmkid, cached) =
        need(found, &format!("{}: a cached PMK matches the PMKID {pmkid}", ap.name))?;
    w.act(ap.name, format!("PMKID {found_pmkid} = HMAC-SHA1-128(cached PMK, \"PMK Name\", {}, STA): cache hit, no 802.1X", ap.name));
    joined(w, ap, true);
    let station = side(Root::Pmk(&sta_pmk), Some(pmkid), req);
    let authenticator = side(Root::Pmk(cached), Some(found_pmkid), ap.rsne.clone());
    four_way(w, FourWay { akm, ap, sta: &sta, assoc_ies: &received, station, authenticator })?;
    let roam = Roam { to: ap.name, frames: w.frames - mark, time: t.elapsed() };
    w.line(format!("  roam to {}: {} frames, no EAP", roam.to, roam.frames), Some(roam.time));
    let keys_per_roam = "PMKID, PTK; GTK in EAPOL 3/4";
    Ok(Method { name: "802.1X + OKC (PMKID)", akm, keys_per_roam, initial, roams: vec![roam] })
}

// ---------------------------------------------------------------------------------------------
// 3. 802.11r Fast BSS Transition, over the air.

/// The R0 key holder (here AP1, named by its NAS-Identifier): keeps the PMK-R0 and hands out
/// PMK-R1s to the R1 key holders of the mobility domain, over the (protected) backhaul.
struct R0kh {
    id: R0khId,
    sta: MacAddr,
    r0: PmkR0,
}

impl R0kh {
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
    let (akm, suite) = (Akm::FtIeee8021x, suite_of(Akm::FtIeee8021x));
    let sta = w.rng.station_mac();
    let aps: [Ap; 2] = network(w, akm)?;
    describe_net(w, "Campus-FT", akm, &sta, &aps);
    let ssid = Ssid::new(b"Campus-FT").at("SSID")?;
    let mdid = MobilityDomainId::new(w.rng.bytes());
    let mut mde = [0u8; 5];
    Mde { mdid, ft_capability: 0 }.write(&mut mde).at("MDE")?;
    let r0kh_id = R0khId::new(b"ap1.campus.example").at("R0KH-ID")?;
    w.act("", format!("mobility domain {mdid}, R0KH-ID ap1.campus.example, R1KH-ID = BSSID"));
    let (zero, ap1) = (Nonce::new([0; 32]), &aps[0]);
    // The FTE naming AP1's key holders, as the Association Response and messages 2/4 and 3/4
    // carry it.
    let ids_fte = fte(FteBuilder::new(&suite, &zero, &zero)
        .at("FTE")?
        .r1kh_id(&ap1.bssid)
        .r0kh_id(&r0kh_id))?;

    // Initial mobility domain association: RSNE and MDE; the AP answers with MDE and FTE
    // naming its key holders.
    let t = Instant::now();
    let received = join(
        w,
        ap1,
        [rsne(akm, &[]), mde.to_vec()].concat(),
        false,
        "RSNE (FT-802.1X, CCMP-128), MDE",
    );
    ensure(find(&received, MDE_ID, "AP1: an MDE")? == mde, "AP1: the MDE is its domain's")?;
    let resp = [&mde[..], &ids_fte].concat();
    let resp = w.send(
        ap1.name,
        "STA",
        Body::AssocResponse,
        "Association Response (success): MDE, FTE (R1KH-ID, R0KH-ID)",
        resp,
    );
    let resp_fte = Fte::parse(&suite, find(&resp, FTE_ID, "STA: the response has an FTE")?)
        .at("STA reads the FTE")?;
    let sta_r0kh = need(resp_fte.r0kh_id(), "STA: the FTE names the R0KH")?;
    let sta_r1kh = need(resp_fte.r1kh_id(), "STA: the FTE names the R1KH")?;
    let (sta_msk, ap_msk) = eap(w, akm, ap1.name)?;

    let t_keys = Instant::now();
    let xxkey = XxKey::from_msk(akm, &sta_msk).at("STA: XXKey")?;
    let sta_r0 = PmkR0::derive(akm, &xxkey, &ssid, mdid, &sta_r0kh, &sta).at("STA: PMK-R0")?;
    let sta_r1 = sta_r0.derive_r1(&sta_r1kh, &sta).at("STA: PMK-R1")?;
    let r0_name = sta_r0.name();
    w.timed("STA", format!("XXKey = MSK[32..64]; PMK-R0, PMKR0Name {r0_name}"), t_keys);
    w.act("STA", format!("PMK-R1 for AP1, PMKR1Name {}", sta_r1.name()));
    w.key("PMK-R0", sta_r0.key().as_bytes());
    w.key("PMK-R1", sta_r1.key().as_bytes());
    let xxkey = XxKey::from_msk(akm, &ap_msk).at("R0KH: XXKey")?;
    let r0 = PmkR0::derive(akm, &xxkey, &ssid, mdid, &r0kh_id, &sta).at("R0KH: PMK-R0")?;
    let r0kh = R0kh { id: r0kh_id, sta, r0 };
    let ap1_r1 = r0kh.r0.derive_r1(&ap1.bssid, &sta).at("R0KH: PMK-R1 for AP1")?;
    ensure(r0kh.r0.name() == sta_r0.name(), "R0KH and STA hold the same PMKR0Name")?;
    w.act("AP1 (R0KH)", format!("the same PMK-R0 from the AS's MSK; PMK-R1 {}", ap1_r1.name()));

    let msg2_ies =
        [rsne(akm, &[PmkId::from(*sta_r1.name())]), mde.to_vec(), ids_fte.clone()].concat();
    let msg3_ies = [rsne(akm, &[PmkId::from(*ap1_r1.name())]), mde.to_vec(), ids_fte].concat();
    let station = Side { r1_name: Some(*sta_r1.name()), ..side(Root::Ft(&sta_r1), None, msg2_ies) };
    let authenticator =
        Side { r1_name: Some(*ap1_r1.name()), ..side(Root::Ft(&ap1_r1), None, msg3_ies) };
    let s = four_way(
        w,
        FourWay { akm, ap: ap1, sta: &sta, assoc_ies: &received, station, authenticator },
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
    let auth1_fte = fte(FteBuilder::new(&suite, &zero, &snonce).at("FTE")?.r0kh_id(&sta_r0kh))?;
    let auth1 = [rsne(akm, &[PmkId::from(*sta_r0.name())]), mde.to_vec(), auth1_fte].concat();
    let what = format!(
        "Authentication (FT, seq 1): RSNE (PMKR0Name), MDE, FTE (SNonce {}, R0KH-ID)",
        short(&snonce)
    );
    let ft_auth = |seq| Body::Auth { algorithm: 2, seq, status: 0 };
    let auth1 = w.send("STA", ap.name, ft_auth(1), &what, auth1);

    // Target AP: fetches its PMK-R1 from the R0KH, picks the ANonce, derives the PTK.
    let fte1 = Fte::parse(&suite, find(&auth1, FTE_ID, "AP2: FT Authentication has an FTE")?)
        .at("AP2 reads the FTE")?;
    let rsne1 = Rsne::parse(find(&auth1, RSNE_ID, "AP2: FT Authentication has an RSNE")?)
        .at("AP2 reads the RSNE")?;
    ensure(find(&auth1, MDE_ID, "AP2: an MDE")? == mde, "AP2: the MDE is its domain's")?;
    ensure(fte1.r0kh_id().as_ref() == Some(&r0kh.id), "AP2: a known R0KH-ID")?;
    let r0_name = need(rsne1.pmkids().iter().next(), "AP2: the RSNE carries PMKR0Name")?;
    let t_r1 = Instant::now();
    let pulled = r0kh.pmk_r1_for(&sta, &r0_name, &ap.bssid).at("R0KH derives PMK-R1 for AP2")?;
    let (key, r1_name) = need(pulled, "R0KH: the PMKR0Name is its PMK-R0's")?;
    let ap2_r1 = PmkR1::from_parts(akm, PmkR1Key::from_bytes(&key).at("AP2: PMK-R1")?, r1_name)
        .at("AP2: PMK-R1")?;
    w.timed("R0KH -> AP2", format!("PMK-R1 for R1KH-ID {}, PMKR1Name {r1_name}", ap.bssid), t_r1);
    let anonce = w.rng.nonce();
    let ap_ptk = ap2_r1
        .derive_ptk(CIPHER, &Pairwise { aa: ap.bssid, spa: sta, anonce, snonce: *fte1.snonce() })
        .at("AP2: FT PTK")?;
    w.act(ap.name, format!("FT PTK from PMK-R1, SNonce, ANonce; PTKName {}", ap_ptk.name()));
    let ap_ids = FteBuilder::new(&suite, &anonce, fte1.snonce())
        .at("FTE")?
        .r1kh_id(&ap.bssid)
        .r0kh_id(&r0kh.id);
    let auth2 = [rsne(akm, &[r0_name]), mde.to_vec(), fte(ap_ids)?].concat();
    let what = format!(
        "Authentication (FT, seq 2, success): RSNE, MDE, FTE (ANonce {}, SNonce, R1KH-ID, R0KH-ID)",
        short(&anonce)
    );
    let auth2 = w.send(ap.name, "STA", ft_auth(2), &what, auth2);

    // Station: PMK-R1 for the R1KH-ID the AP gave, then the PTK.
    let fte2 = Fte::parse(&suite, find(&auth2, FTE_ID, "STA: FT Authentication has an FTE")?)
        .at("STA reads the FTE")?;
    ensure(*fte2.snonce() == snonce, "STA: the AP echoes its SNonce")?;
    ensure(fte2.r0kh_id().as_ref() == Some(&sta_r0kh), "STA: the R0KH-ID is its PMK-R0's")?;
    let target_r1kh = need(fte2.r1kh_id(), "STA: the FTE names the R1KH")?;
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
    let sta_fte = FteBuilder::new(&suite, fte2.anonce(), &snonce).at("FTE")?.element_count(3);
    let sta_fte = fte(sta_fte.r1kh_id(&target_r1kh).r0kh_id(&sta_r0kh))?;
    let req_rsne = rsne(akm, &[PmkId::from(*sta2_r1.name())]);
    let req = signed(&sta_ptk, (&sta, &ap.bssid, req_seq), [&req_rsne, &mde, &sta_fte])?;
    let reassoc = w.send(
        "STA",
        ap.name,
        Body::ReassocRequest,
        "Reassociation Request: RSNE (PMKR1Name), MDE, FTE (MIC, seq 5)",
        req,
    );

    // Target AP: PMKR1Name, nonces, MIC.
    let input = fte_mic_input(&sta, &ap.bssid, req_seq, &reassoc)?;
    let rsne3 = Rsne::parse(input.rsne).at("AP2 reads the RSNE")?;
    ensure(rsne3.pmkids().contains(&PmkId::from(*ap2_r1.name())), "AP2: PMKR1Name")?;
    let fte3 = Fte::parse(&suite, input.fte).at("AP2 reads the FTE")?;
    ensure(*fte3.anonce() == anonce && fte3.snonce() == fte1.snonce(), "AP2: the FTE's nonces")?;
    ft::verify_fte_mic(&suite, ap_ptk.kck(), &input)
        .at("AP2 verifies the FTE MIC of the Reassociation Request")?;
    w.act(ap.name, "PMKR1Name matches; FTE MIC ok (AES-128-CMAC, KCK, seq 5)");

    // Reassociation Response: the same elements, the GTK wrapped with the KEK in the FTE, the
    // MIC (sequence 6).
    let resp_fte = ap_ids.element_count(3).gtk(ap_ptk.kek(), ap.gtk_id, ap.rsc, &ap.gtk);
    let resp_rsne = rsne(akm, &[PmkId::from(*ap2_r1.name())]);
    let resp = signed(&ap_ptk, (&sta, &ap.bssid, resp_seq), [&resp_rsne, &mde, &fte(resp_fte)?])?;
    let resp = w.send(
        ap.name,
        "STA",
        Body::ReassocResponse,
        "Reassociation Response (success): RSNE, MDE, FTE (MIC, seq 6, GTK wrapped)",
        resp,
    );

    // Station: MIC, then the GTK.
    let input = fte_mic_input(&sta, &ap.bssid, resp_seq, &resp)?;
    ft::verify_fte_mic(&suite, sta_ptk.kck(), &input)
        .at("STA verifies the FTE MIC of the Reassociation Response")?;
    let fte4 = Fte::parse(&suite, input.fte).at("STA reads the FTE")?;
    let sub = need(
        fte4.gtk_subelement().at("STA reads the GTK subelement")?,
        "STA: the FTE carries the GTK",
    )?;
    let gtk = sub.unwrap(sta_ptk.kek()).at("STA unwraps the GTK")?;
    ensure(bool::from(gtk.ct_eq(&ap.gtk)), "STA: the GTK it unwrapped is AP2's")?;
    ensure(sta_ptk.name() == ap_ptk.name(), "both sides hold the same PTKName")?;
    ensure(bool::from(sta_ptk.tk().ct_eq(ap_ptk.tk())), "both sides install the same TK")?;
    w.data(ap.name, sta_ptk.tk().as_bytes());
    let (len, id, name) = (gtk.len(), sub.key_id(), sta_ptk.name());
    w.act("STA", format!("FTE MIC ok (seq 6); GTK {len} octets (key ID {id}) = {}'s; PTKName {name} on both sides", ap.name));
    let roam = Roam { to: ap.name, frames: w.frames - mark, time: t.elapsed() };
    w.line(
        format!("  roam to {}: {} frames, no EAP, no 4-way handshake", roam.to, roam.frames),
        Some(roam.time),
    );
    let keys_per_roam = "PMK-R1, PTK, PTKName; GTK in FTE";
    Ok(Method { name: "802.11r FT (over the air)", akm, keys_per_roam, initial, roams: vec![roam] })
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
    let (akm, protocol) = (Akm::Cckm, Protocol::Rsn);
    let sta = w.rng.station_mac();
    let aps: [Ap; 3] = network(w, akm)?;
    describe_net(w, "Warehouse", akm, &sta, &aps);

    let t = Instant::now();
    let sta_rsne = rsne(akm, &[]);
    let received = join(w, &aps[0], sta_rsne.clone(), false, "RSNE (CCKM 00-40-96:0, CCMP-128)");
    joined(w, &aps[0], false);
    let (sta_msk, ap_msk) = eap(w, akm, aps[0].name)?;
    let sta_nsk = Pmk::from_msk(akm, &sta_msk).at("STA: NSK")?;
    let wlc_nsk = Pmk::from_msk(akm, &ap_msk).at("controller: NSK")?;
    w.act("STA, WLC", "NSK = first 256 bits of the MSK (the PMK of the 4-way handshake)");
    w.key("NSK", sta_nsk.as_bytes());
    let station = side(Root::Cckm(&sta_nsk), None, sta_rsne.clone());
    let authenticator = side(Root::Cckm(&wlc_nsk), None, aps[0].rsne.clone());
    let s = four_way(
        w,
        FourWay { akm, ap: &aps[0], sta: &sta, assoc_ies: &received, station, authenticator },
    )?;
    let initial = t.elapsed();
    let sta_base = need(s.sta.base, "CCKM handshake gives base keys")?;
    let mut wlc = Controller {
        base: need(s.ap.base, "CCKM handshake gives base keys")?,
        guard: RekeyGuard::new(),
    };
    ensure(bool::from(sta_base.krk().ct_eq(wlc.base.krk())), "STA and WLC hold the same KRK")?;
    w.act("STA, WLC", "keep KRK and BTK; RN 1 used, the WLC's guard expects RN >= 2");

    let (mut rn, mut roams, mut captured) = (RekeyNumber::INITIAL, Vec::new(), Vec::new());
    for target in [1, 2, 0] {
        let ap = &aps[target];
        w.now_us += (2_000 + w.rng.below(20_000)) * 1000;
        // The station heard the AP's Beacon a little while ago and advances its TSF since.
        let age = 5_000 + w.rng.below(95_000);
        let drift = w.rng.below(800);
        let estimate = ap.tsf(w.now_us.saturating_sub(age)) + age + drift - 400;
        let (mark, t) = (w.frames, Instant::now());
        let sent = rn.advance().at("STA advances the rekey number")?;
        w.act(
            "STA",
            format!(
                "moves towards {}: RN {sent}, timestamp = its TSF from the last Beacon",
                ap.name
            ),
        );
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
        let what = format!("RSNE, CCKM element (TSF, RN {sent}, MIC {})", req.mic());
        let received =
            join(w, ap, [sta_rsne.clone(), req.to_bytes().to_vec()].concat(), true, &what);
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
        let what = format!(
            "Reassociation Response (success): CCKM element (RN {granted}, GTK wrapped, MIC)"
        );
        let resp = w.send(ap.name, "STA", Body::ReassocResponse, &what, element[..n].to_vec());
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
        w.data(ap.name, sta_ptk.tk().as_bytes());
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
    w.now_us += 1000;
    let replays = [
        (last_ap, last, 0, "the last request again at once"),
        (first_ap, first, 40_000, "the first request 40 s later"),
    ];
    for (target, frame, delay_ms, what) in replays {
        let ap = &aps[target];
        w.now_us += delay_ms * 1000;
        let what = format!("Reassociation Request: {what}");
        let received = w.send("attacker", ap.name, Body::ReassocRequest, &what, frame);
        match cckm_admit(w, &mut wlc, ap, &sta, &received) {
            Ok((rn, _)) => {
                let step = format!("{}: a replayed request (RN {rn}) is refused", ap.name);
                return Err(Failure { step, cause: Cause::Mismatch });
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
    let keys_per_roam = "PTK from BTK + RN; GTK in element";
    Ok(Method { name: "Cisco CCKM", akm, keys_per_roam, initial, roams })
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
    let rsne = find(ies, RSNE_ID, "AP: the request has an RSNE")?;
    let element =
        find(ies, ieee80211_keys::cckm::ELEMENT_ID, "AP: the request has a CCKM element")?;
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
