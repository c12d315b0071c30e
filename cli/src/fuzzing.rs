//! The frame walker's fuzz target logic (`fuzz/cli_targets/capture_walker.rs`), here so that the
//! stable tests replay the committed corpus through the same function.

use crate::analyze::{self, Analyzer, Options};
use crate::capture::Packet;
use crate::keys::KeyBook;

/// Link types the packet mode draws from.
const LINKTYPES: [u32; 7] = [105, 127, 119, 163, 192, 1, 0];

/// A fixed PMK, MSK and TKs, so that key checks run (and fail or pass) on fuzzed handshakes without a
/// PBKDF2 per input.
fn keys() -> KeyBook {
    let mut k = KeyBook::new();
    k.add_hex("fuzz PMK".into(), "pmk", &"5a".repeat(32)).expect("valid PMK");
    k.add_hex("fuzz MSK".into(), "msk", &"a5".repeat(64)).expect("valid MSK");
    // TKs of both lengths: the given-TK path runs on every protected frame without a PTK.
    k.add_hex("fuzz TK".into(), "tk", &"3c".repeat(16)).expect("valid TK");
    k.add_hex("fuzz TK 256".into(), "tk", &"c3".repeat(32)).expect("valid TK");
    k
}

/// Input: first octet even, the rest is a capture file read by the streaming reader; odd, the
/// rest is packets, each `[link type selector][length: 2 octets, big-endian][octets]`, fed to
/// one analysis. No input may panic; every report must serialize and carry a known verdict.
pub fn capture_walker(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else { return };
    let keys = keys();
    let a = if mode & 1 == 0 {
        analyze::run(rest, &keys, Options::default()).0
    } else {
        let mut a = Analyzer::new(&keys, Options::default());
        let mut rest = rest;
        let mut number = 0u64;
        while let [sel, hi, lo, tail @ ..] = rest {
            let len = usize::from(u16::from_be_bytes([*hi, *lo]));
            let (body, next) = tail.split_at(len.min(tail.len()));
            number += 1;
            a.packet(&Packet {
                number,
                ts_us: number as i64 * 1000,
                linktype: LINKTYPES[usize::from(*sel) % LINKTYPES.len()],
                data: body,
                orig_len: body.len() as u32,
            });
            rest = next;
        }
        a.finish_all();
        a
    };
    for r in &a.reports {
        assert!(matches!(r.verdict, "verified" | "failed" | "incomplete" | "unchecked"));
        assert!(serde_json::to_string(r).is_ok());
        let t = &r.timeline;
        assert!(t.total_ms >= 0.0 && t.rest_ms >= 0.0);
    }
    assert!(a.notes.len() <= analyze::NOTES_MAX);
}
