//! Hostile input: garbage, truncated and mutated captures give per-frame notes and the tool
//! goes on; nothing panics. Also replays the committed corpus of the `capture_walker` fuzz
//! target (`fuzz/corpus/capture_walker/`) through the same function as the target.

mod common;

use std::path::PathBuf;

use common::*;
use wifi_keycheck::analyze::{self, Options};
use wifi_keycheck::capture::CaptureError;
use wifi_keycheck::fuzzing::capture_walker;
use wifi_keycheck::keys::KeyBook;

fn capture() -> Vec<u8> {
    let mut w = World::new(9);
    psk_roam(&mut w, "correct horse battery", b"HomeNet");
    w.pcap()
}

#[test]
fn garbage_is_not_a_capture() {
    let keys = KeyBook::new();
    for g in [&b""[..], b"\x00", b"hello world, not a capture at all", &[0xff; 4096]] {
        let (a, r) = analyze::run(g, &keys, Options::default());
        assert!(matches!(r, Err(CaptureError::NotACapture)), "{r:?}");
        assert!(a.reports.is_empty());
    }
}

/// A gzip-compressed capture (as Wireshark ships its test captures) reads as the plain one;
/// a cut or damaged compressed stream ends the read with the frames before it, never a panic.
#[test]
fn gzip_captures_read_as_plain_ones() {
    use std::io::Write;
    let pcap = capture();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&pcap).unwrap();
    let gz = gz.finish().unwrap();
    assert_eq!(&gz[..2], &[0x1f, 0x8b]);
    let mut keys = KeyBook::new();
    keys.add_passphrase("p".into(), "correct horse battery:HomeNet").unwrap();
    let (plain, r) = analyze::run(&pcap[..], &keys, Options::default());
    assert!(r.is_ok(), "{r:?}");
    let (unzipped, r) = analyze::run(&gz[..], &keys, Options::default());
    assert!(r.is_ok(), "{r:?}");
    assert!(plain.frames > 0 && !plain.reports.is_empty());
    assert_eq!(unzipped.frames, plain.frames);
    assert_eq!(
        wifi_keycheck::report::json_lines(&unzipped.reports),
        wifi_keycheck::report::json_lines(&plain.reports)
    );
    for n in [3, gz.len() / 3, gz.len() / 2, gz.len() - 9] {
        let (a, r) = analyze::run(&gz[..n], &keys, Options::default());
        assert!(a.frames <= plain.frames);
        assert!(r.is_err() || a.frames < plain.frames, "{n}: {r:?}");
    }
    let mut bad = gz.clone();
    bad[gz.len() / 2] ^= 0x40;
    let _ = analyze::run(&bad[..], &keys, Options::default());
}

#[test]
fn every_truncation_reads_what_is_whole() {
    let pcap = capture();
    let keys = KeyBook::new();
    let (full, r) = analyze::run(&pcap[..], &keys, Options::default());
    assert!(r.is_ok());
    let step = (pcap.len() / 120).max(1);
    for n in (0..pcap.len()).step_by(step) {
        let (a, r) = analyze::run(&pcap[..n], &keys, Options::default());
        assert!(a.frames <= full.frames);
        if n > 24 && r.is_ok() {
            // A cut on a record boundary: a shorter capture, read whole.
            continue;
        }
        if n > 24 {
            assert!(matches!(r, Err(CaptureError::Damaged { .. })), "{n}: {r:?}");
        }
    }
}

#[test]
fn mutated_frames_give_notes_not_panics() {
    let pcap = capture();
    // The PMK rather than the passphrase: a mutated SSID would cost a PBKDF2 per run.
    let ssid = ieee80211_keys::Ssid::new(b"HomeNet").unwrap();
    let psk = ieee80211_keys::Psk::from_passphrase("correct horse battery", &ssid).unwrap();
    let hex: String = psk.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    let mut keys = KeyBook::new();
    keys.add_hex("pmk".into(), "pmk", &hex).unwrap();
    let mut seed = 0x1234_5678_9abc_def0u64;
    let mut rnd = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut notes = 0;
    for _ in 0..120 {
        let mut p = pcap.clone();
        // Flip octets after the global header, and sometimes overwrite a record length.
        for _ in 0..(1 + rnd() % 8) {
            let i = 24 + (rnd() as usize) % (p.len() - 24);
            p[i] ^= rnd() as u8 | 1;
        }
        let (a, _) = analyze::run(&p[..], &keys, Options::default());
        notes += a.notes.len();
        for r in &a.reports {
            assert!(serde_json::to_string(r).is_ok());
        }
    }
    assert!(notes > 0, "mutations produced no per-frame notes");
}

#[test]
fn per_frame_notes_name_the_frame() {
    // A radiotap header that claims more than the packet, then a good capture.
    let mut w = World::new(10);
    w.send(1, vec![0x80]); // one octet: shorter than a frame control field
    psk_roam(&mut w, "correct horse battery", b"HomeNet");
    let mut pcap = w.pcap();
    // Make the first record's radiotap length 200.
    pcap[24 + 16 + 2] = 200;
    let mut keys = KeyBook::new();
    keys.add_passphrase("pw".into(), "correct horse battery:HomeNet").unwrap();
    let (a, r) = analyze::run(&pcap[..], &keys, Options::default());
    assert!(r.is_ok());
    assert_eq!(a.notes.len(), 1, "{:?}", a.notes);
    assert_eq!(a.notes[0].frame, 1);
    assert_eq!(a.reports.len(), 2);
    assert!(a.reports.iter().all(|r| r.verdict == "verified"));
}

/// A source that hands out a few octets per read (a pipe, a slow disk): every frame is read.
#[test]
fn a_reader_that_trickles() {
    struct Trickle<'a>(&'a [u8]);
    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.0.len()).min(7);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let pcap = capture();
    let keys = KeyBook::new();
    let (whole, r) = analyze::run(&pcap[..], &keys, Options::default());
    assert!(r.is_ok());
    let (slow, r) = analyze::run(Trickle(&pcap), &keys, Options::default());
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(slow.frames, whole.frames);
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/capture_walker")
}

/// The seeds: the synthetic captures whole, and their frames as packets of every link type.
fn seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let ms = Msk::from_bytes(&[0xa5; 64]).unwrap();
    for (i, play) in [
        &(|w: &mut World| psk_roam(w, "correct horse battery", b"HomeNet")) as &dyn Fn(&mut World),
        &|w: &mut World| okc_roam(w, &ms, b"Corp"),
        &|w: &mut World| ft_roam(w, "mobility domain pw", b"FTNet"),
        &|w: &mut World| cckm_roam(w, &ms, b"Voice"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut w = World::new(100 + i as u64);
        play(&mut w);
        let mut whole = vec![0u8];
        whole.extend_from_slice(&w.pcap());
        out.push(whole);
        let mut packets = vec![1u8];
        for (_, f) in &w.frames {
            packets.push(0); // 802.11
            packets.extend_from_slice(&(f.len() as u16).to_be_bytes());
            packets.extend_from_slice(f);
        }
        out.push(packets);
    }
    out
}

use ieee80211_keys::Msk;

#[test]
fn replay_fuzz_corpus_and_seeds() {
    for s in seeds() {
        capture_walker(&s);
        // And every prefix of the packet form, in steps.
        for n in (0..s.len()).step_by(97) {
            capture_walker(&s[..n]);
        }
    }
    let mut n = 0;
    for e in std::fs::read_dir(corpus_dir()).expect("fuzz/corpus/capture_walker") {
        capture_walker(&std::fs::read(e.unwrap().path()).unwrap());
        n += 1;
    }
    assert!(n > 0, "no committed corpus: run write_seed_corpus");
}

#[test]
#[ignore = "writes fuzz/corpus/capture_walker; run by hand after changing the input format"]
fn write_seed_corpus() {
    let dir = corpus_dir();
    std::fs::create_dir_all(&dir).unwrap();
    for (i, s) in seeds().iter().enumerate() {
        std::fs::write(dir.join(format!("seed-{i}")), s).unwrap();
    }
}
