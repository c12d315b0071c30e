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
