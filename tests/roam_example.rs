//! The main demonstration, `examples/roam.rs`, run as a test so that it cannot rot: every
//! method succeeds on both sides, replays are refused, the trace depends only on the seed, key
//! bytes appear only when asked for, and a flipped bit in any frame on the air fails the run.

#[allow(dead_code)]
#[path = "../examples/roam.rs"]
mod roam;

use ieee80211_keys::{Akm, Error};
use roam::{run, Cause, Line, Options, Summary};

fn options(seed: u64) -> Options {
    Options { seed, ..Options::default() }
}

fn succeed(opts: &Options) -> (Vec<Line>, Summary) {
    let (lines, result) = run(opts);
    let summary = result.unwrap_or_else(|f| panic!("seed {}: {f}", opts.seed));
    (lines, summary)
}

fn texts(lines: &[Line]) -> Vec<&str> {
    lines.iter().map(|l| l.text.as_str()).collect()
}

#[test]
fn every_method_succeeds_and_replays_are_refused() {
    for seed in [0, 1, 7, 0xdead_beef, u64::MAX] {
        let (_, summary) = succeed(&options(seed));
        let akms: Vec<Akm> = summary.methods.iter().map(|m| m.akm).collect();
        assert_eq!(akms, [Akm::Psk, Akm::Ieee8021x, Akm::FtIeee8021x, Akm::Cckm]);
        let frames: Vec<Vec<usize>> =
            summary.methods.iter().map(|m| m.roams.iter().map(|r| r.frames).collect()).collect();
        // Open System authentication (2), reassociation (2), and a 4-way handshake (4) for
        // PSK and OKC; FT authentication (2) and reassociation (2); CCKM: 2 + 2, three times.
        assert_eq!(frames, [vec![8], vec![8], vec![4], vec![4, 4, 4]]);
        let cckm_targets: Vec<&str> = summary.methods[3].roams.iter().map(|r| r.to).collect();
        assert_eq!(cckm_targets, ["AP2", "AP3", "AP1"]);
        let refusals: Vec<Error> = summary.refusals.iter().map(|(_, e)| *e).collect();
        assert_eq!(
            refusals,
            [Error::RekeyNumberNotFresh { received: 4, last: 4 }, Error::TimestampNotFresh]
        );
        assert!(summary.checked_frames < summary.frames);
    }
}

#[test]
fn the_same_seed_gives_the_same_trace() {
    let (a, _) = succeed(&options(42));
    let (b, _) = succeed(&options(42));
    let (c, _) = succeed(&options(43));
    assert_eq!(texts(&a), texts(&b));
    assert_ne!(texts(&a), texts(&c));
    // Addresses, nonces and PMKIDs differ; the shape of the trace does not.
    assert_eq!(a.len(), c.len());
}

#[test]
fn key_bytes_only_with_show_keys() {
    let (plain, _) = succeed(&options(5));
    let (shown, _) = succeed(&Options { show_keys: true, ..options(5) });
    assert!(plain.iter().all(|l| !l.key));
    let keys: Vec<&str> =
        shown.iter().filter(|l| l.key).filter_map(|l| l.text.split_whitespace().last()).collect();
    // PMK, MSK, KCK/KEK/TK of every handshake and roam, KRK, BTK, PMK-R0, PMK-R1, GTKs.
    assert!(keys.len() >= 40, "{} key lines", keys.len());
    let plain_text = texts(&plain).join("\n");
    for key in keys {
        assert!(key.len() >= 32 && key.bytes().all(|c| c.is_ascii_hexdigit()), "{key}");
        assert!(!plain_text.contains(key), "key bytes {key} printed without --show-keys");
    }
    // Apart from the key lines, the same trace.
    let without: Vec<&str> = shown.iter().filter(|l| !l.key).map(|l| l.text.as_str()).collect();
    assert_eq!(without, texts(&plain));
}

#[test]
fn a_flipped_bit_in_any_checked_frame_fails_the_run() {
    let (_, summary) = succeed(&options(3));
    for n in 1..=summary.checked_frames {
        let (lines, result) = run(&Options { tamper: Some(n), ..options(3) });
        let failure = match result {
            Ok(_) => panic!("frame {n} was tampered with, yet the run succeeded"),
            Err(f) => f,
        };
        assert!(
            lines.iter().any(|l| l.text.contains("TAMPERED")),
            "frame {n}: the trace shows the tampered frame"
        );
        // The tampered frame is refused by a check, never by a panic.
        match failure.cause {
            Cause::Library(_) | Cause::Mismatch => {}
        }
    }
    // Past the last frame nothing is tampered with.
    succeed(&Options { tamper: Some(summary.checked_frames + 1), ..options(3) });
}

/// `main` runs the WPA3 sections after the four networks on the same air: their frames number
/// on, so `--tamper` reaches each section (SAE, OWE, FT-SAE-EXT-KEY), and the run fails.
#[test]
fn tamper_reaches_the_wpa3_sections_of_main() {
    let opts = Options { quiet: true, ..options(3) };
    let (_, summary) = succeed(&opts);
    let first = summary.checked_frames + 1;
    let last = first + 4 + 8 + 14 - 1;
    let failure = format!("{:?}", std::process::ExitCode::FAILURE);
    for (n, fails) in [(first, true), (first + 4, true), (first + 12, true), (last, true)]
        .into_iter()
        .chain([(last + 1, false)])
    {
        let opts = Options { tamper: Some(n), ..opts.clone() };
        let (lines, result, mut air) = roam::run_on_air(&opts);
        let code = roam::report(&opts, &lines, result, &mut air);
        assert_eq!(format!("{code:?}") == failure, fails, "--tamper {n}");
        let line = format!("frame {n}: ");
        let shown = air.log.iter().any(|l| l.starts_with(&line) && l.contains("TAMPERED"));
        assert_eq!(shown, fails, "--tamper {n}: {:?}", air.log);
    }
}

// ---------------------------------------------------------------------------------------------
// The WPA3 sections beyond SAE (examples/wpa3/): OWE and FT-SAE-EXT-KEY, run as the example's
// `main` runs them, on the example's one air: every frame their receivers check goes through
// `Air::exchange`, which `Air::tamper` alters.

use ieee80211_keys::eapol_key::{Message, Received};
use ieee80211_keys::ft::Fte;
use ieee80211_keys::ft_elements::FTE_ID;
use ieee80211_keys::suite::MicAlgorithm;
use ieee80211_keys::{elements, Cipher, Suite};
use roam::air::Air;
use roam::wpa3::ft_sae_ext_section::wpa3_ft_sae_ext_section;
use roam::wpa3::owe_section::wpa3_owe_section;

/// The management frame subtype (IEEE 802.11-2020 9.2.4.1.3) of each frame on the air, or 0x88
/// for a data frame (0x48 protected), and its body after the 24-octet MAC header.
fn played(air: &Air) -> Vec<(u8, &[u8])> {
    air.frames
        .iter()
        .map(|(_, f)| match f[0] {
            0x08 => (if f[1] & 0x40 != 0 { 0x48 } else { 0x88 }, &f[24..]),
            fc => (fc >> 4, &f[24..]),
        })
        .collect()
}

const AUTH: u8 = 11;
const BEACON: u8 = 8;
const EAPOL: u8 = 0x88;
const DATA: u8 = 0x48;

#[test]
fn the_owe_section_associates_and_verifies_every_mic() {
    for seed in [0, 7, u64::MAX] {
        let mut air = Air::new(seed);
        let s = wpa3_owe_section(seed, &mut air).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert_eq!((s.group.id(), s.pmk_len, s.mic), (19, 32, MicAlgorithm::HmacSha256_128));
        let frames = played(&air);
        let kinds: Vec<u8> = frames.iter().map(|f| f.0).collect();
        // Beacon, Open System authentication, association, the 4-way handshake, the first
        // protected data frame each way.
        assert_eq!(kinds, [BEACON, AUTH, AUTH, 0, 1, EAPOL, EAPOL, EAPOL, EAPOL, DATA, DATA]);
        assert_eq!(air.exchanged, 8);
        // The four EAPOL-Key frames (after LLC/SNAP) are what the suite of AKM 18 reads.
        let suite = Suite::new(ieee80211_keys::Akm::Owe, Cipher::Ccmp128, 32).unwrap();
        let messages: Vec<Message> = frames[5..9]
            .iter()
            .map(|f| Received::parse(&suite, &f.1[8..]).unwrap().message())
            .collect();
        let expected =
            [Message::Pairwise1, Message::Pairwise2, Message::Pairwise3, Message::Pairwise4];
        assert_eq!(messages, expected);
        // Both public values went over the air in the OWE DH Parameter element (group 19 LE).
        for (kind, body) in &frames[3..5] {
            let dh = [255u8, 35, 32, 19, 0];
            assert!(body.windows(5).any(|w| w == dh), "{kind}: no OWE DH Parameter");
        }
        // The PMK, for the capture tool.
        assert_eq!(air.keys.len(), 1);
        assert!(air.keys[0].starts_with("\"pmk\",\"") && air.keys[0].len() == 8 + 2 * 32);
        let lines = &air.log;
        assert!(lines.iter().any(|l| l.contains("HMAC-SHA256-128 of 4/4 verified")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains(&format!("PMKID {}", s.pmkid))), "{lines:?}");
    }
}

#[test]
fn the_ft_sae_ext_key_section_roams_with_the_hash_of_its_pmk() {
    for seed in [0, 7] {
        let mut air = Air::new(seed);
        let s =
            wpa3_ft_sae_ext_section(seed, &mut air).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        // SAE on group 20: a 48-octet PMK, so SHA-384 everywhere, a 24-octet KCK and FTE MIC.
        assert_eq!((s.group.id(), s.pmk_len, s.kck_len), (20, 48, 24));
        assert_eq!(s.fte_mic, MicAlgorithm::HmacSha384_192);
        let frames = played(&air);
        let kinds: Vec<u8> = frames.iter().map(|f| f.0).collect();
        let expected = [
            &[BEACON][..],
            &[AUTH; 4],
            &[0, 1],
            &[EAPOL; 4],
            &[DATA, DATA, BEACON],
            &[AUTH, AUTH, 2, 3, DATA, DATA],
        ]
        .concat();
        assert_eq!(kinds, expected);
        assert_eq!(air.exchanged, 14);
        // The FTE of the Reassociation Request: a 24-octet MIC, which MIC Control states
        // (MIC Length subfield 1), over a Reassociation Request naming AP1 as the current AP.
        let suite = Suite::new(ieee80211_keys::Akm::FtSaeExtKey, Cipher::Ccmp128, 48).unwrap();
        let ap1 = &air.frames[0].1[16..22];
        let reassoc = frames[16].1;
        assert_eq!(&reassoc[4..10], ap1);
        let fte = elements::find(&reassoc[10..], FTE_ID).unwrap().unwrap();
        let fte = Fte::parse(&suite, fte).unwrap();
        assert_eq!((fte.mic().len(), (fte.mic_control()[0] >> 1) & 7), (24, 1));
        assert!(fte.mic().iter().any(|&b| b != 0), "the MIC is written");
        // The SAE PMK (the XXKey), for the capture tool.
        assert_eq!(air.keys.len(), 1);
        assert!(air.keys[0].starts_with("\"pmk\",\"") && air.keys[0].len() == 8 + 2 * 48);
        let lines = &air.log;
        assert!(lines.iter().any(|l| l.contains("FTE MIC of the Reassociation Request verified")));
        assert!(lines.iter().any(|l| l.contains(&format!("PTKName {}", s.ptk_name))));
    }
}

#[test]
fn a_flipped_bit_in_any_wpa3_frame_fails_its_section() {
    type Section = fn(u64, &mut Air) -> bool;
    let sections: [(&str, usize, Section); 2] = [
        ("OWE", 8, |seed, air| wpa3_owe_section(seed, air).is_ok()),
        ("FT-SAE-EXT-KEY", 14, |seed, air| wpa3_ft_sae_ext_section(seed, air).is_ok()),
    ];
    for (name, frames, section) in sections {
        for n in 1..=frames {
            let mut air = Air::new(3);
            air.tamper = Some(n);
            assert!(!section(3, &mut air), "{name}: frame {n} tampered, yet it passed");
            // The trace shows it, and the capture holds the altered frame, last.
            let last = air.log.iter().rfind(|l| l.starts_with("frame ")).unwrap();
            assert!(last.contains("TAMPERED"), "{name}: frame {n}: {last}");
            let mut clean = Air::new(3);
            section(3, &mut clean);
            let at = air.frames.len() - 1;
            assert_ne!(air.frames[at].1, clean.frames[at].1, "{name}: frame {n}");
        }
        // Untouched, it passes; past its last frame nothing is altered.
        let mut air = Air::new(3);
        air.tamper = Some(frames + 1);
        assert!(section(3, &mut air), "{name}");
        assert_eq!(air.exchanged, frames);
    }
}

/// What the example's `main` runs after the SAE section: both sections on the one air
/// (8 OWE frames, then 14 FT-SAE-EXT-KEY frames, numbered on), each adding its PMK.
#[test]
fn main_plays_both_wpa3_sections_on_one_air() {
    let mut air = Air::new(11);
    assert!(roam::wpa3::run(11, true, &mut air));
    assert_eq!(air.exchanged, 8 + 14);
    assert_eq!(air.keys.len(), 2);
    let numbered: Vec<&String> = air.log.iter().filter(|l| l.starts_with("frame ")).collect();
    assert_eq!(numbered.len(), 22);
    assert!(numbered[21].starts_with("frame 22: "), "{}", numbered[21]);
    // A refused frame makes `run` report the failure: here the OWE Association Request.
    let mut air = Air::new(11);
    air.tamper = Some(3);
    assert!(!roam::wpa3::run(11, true, &mut air));
}
