//! The tool on published frames: iwd's WPA2-PSK handshakes (the frames in
//! `test-vectors/eapol.json`, with their sources) carried in 802.11 data frames behind radiotap,
//! in Ethernet frames (the wired side of an AP), and in a pcapng file. Each must come out
//! verified with the published key, and failed with another.

use serde_json::Value;
use wifi_keycheck::analyze::{self, Options, Outcome, Report};
use wifi_keycheck::keys::KeyBook;
use wifi_keycheck::pcapwrite::{frames, LinkType, PcapWriter};

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../test-vectors/eapol.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn hx(s: &str) -> Vec<u8> {
    let s = s.trim_start_matches("hex:");
    (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
}

fn mac(s: &str) -> [u8; 6] {
    hx(s).try_into().unwrap()
}

/// A handshake's frames: (sent by the authenticator, EAPOL PDU).
type Frames = Vec<(bool, Vec<u8>)>;

/// Every published handshake with addresses, and its frames.
fn handshakes() -> Vec<(Value, Frames)> {
    let v = vectors();
    v["handshakes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h.get("aa").is_some())
        .map(|h| {
            let frames = h["frames"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    let pdu = hx(f["frame"].as_str().unwrap());
                    // Key Ack (bit 7 of Key Information) marks the authenticator's frames.
                    (pdu[6] & 0x80 != 0, pdu)
                })
                .collect();
            (h.clone(), frames)
        })
        .collect()
}

fn keys_for(h: &Value, right: bool) -> KeyBook {
    let mut k = KeyBook::new();
    let psk = h["psk"].as_str().unwrap();
    let psk = if right { psk.to_string() } else { psk.replace('b', "c") };
    k.add_hex("published PSK".into(), "psk", &psk).unwrap();
    k
}

fn judge(pcap: &[u8], keys: &KeyBook) -> Vec<Report> {
    let (a, r) = analyze::run(pcap, keys, Options::default());
    r.unwrap();
    assert!(a.notes.is_empty(), "{:?}", a.notes);
    a.reports
}

fn check_verdicts(h: &Value, pcap: &[u8]) {
    let r = judge(pcap, &keys_for(h, true));
    assert_eq!(r.len(), 1, "{r:#?}");
    assert_eq!(r[0].verdict, "verified", "{}: {r:#?}", h["name"]);
    assert!(r[0].checks.iter().all(|c| c.outcome == Outcome::Verified));
    assert!(r[0].checks.iter().any(|c| c.what == "message 4/4 MIC"));
    let groups = h["frames"].as_array().unwrap().len() > 4;
    assert_eq!(r[0].group_handshakes, u32::from(groups));
    let r = judge(pcap, &keys_for(h, false));
    assert_eq!(r[0].verdict, "failed", "{r:#?}");
}

#[test]
fn iwd_handshakes_over_the_air() {
    for (h, frames) in handshakes() {
        let (aa, spa) = (mac(h["aa"].as_str().unwrap()), mac(h["spa"].as_str().unwrap()));
        let mut w = PcapWriter::new(Vec::new(), LinkType::Radiotap).unwrap();
        for (i, (from_ap, pdu)) in frames.iter().enumerate() {
            let f = frames::eapol(!from_ap, spa, aa, pdu);
            w.write_frame(1_600_000_000_000_000 + i as u64 * 1500, &f).unwrap();
        }
        check_verdicts(&h, &w.into_inner());
    }
}

#[test]
fn iwd_handshakes_on_the_wired_side() {
    for (h, frames) in handshakes() {
        let (aa, spa) = (mac(h["aa"].as_str().unwrap()), mac(h["spa"].as_str().unwrap()));
        let mut w = PcapWriter::new(Vec::new(), LinkType::Ethernet).unwrap();
        for (i, (from_ap, pdu)) in frames.iter().enumerate() {
            let (dst, src) = if *from_ap { (spa, aa) } else { (aa, spa) };
            let mut f = dst.to_vec();
            f.extend_from_slice(&src);
            f.extend_from_slice(&[0x88, 0x8e]);
            f.extend_from_slice(pdu);
            w.write_frame(1_600_000_000_000_000 + i as u64 * 1500, &f).unwrap();
        }
        check_verdicts(&h, &w.into_inner());
    }
}

/// A minimal pcapng writer for the test: section header, one interface (radiotap, nanosecond
/// resolution), enhanced packet blocks.
fn pcapng(frames: &[(u64, Vec<u8>)]) -> Vec<u8> {
    fn block(out: &mut Vec<u8>, ty: u32, body: &[u8]) {
        let pad = (4 - body.len() % 4) % 4;
        let len = (12 + body.len() + pad) as u32;
        out.extend_from_slice(&ty.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(&vec![0; pad]);
        out.extend_from_slice(&len.to_le_bytes());
    }
    let mut out = Vec::new();
    let mut shb = 0x1a2b_3c4du32.to_le_bytes().to_vec();
    shb.extend_from_slice(&[1, 0, 0, 0]);
    shb.extend_from_slice(&u64::MAX.to_le_bytes());
    block(&mut out, 0x0a0d_0d0a, &shb);
    let mut idb = vec![127, 0, 0, 0, 0, 0, 4, 0];
    idb.extend_from_slice(&[9, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0]); // if_tsresol = 9, end
    block(&mut out, 1, &idb);
    for (t_ns, f) in frames {
        let mut f2 = vec![0, 0, 8, 0, 0, 0, 0, 0];
        f2.extend_from_slice(f);
        let mut epb = 0u32.to_le_bytes().to_vec();
        epb.extend_from_slice(&((t_ns >> 32) as u32).to_le_bytes());
        epb.extend_from_slice(&(*t_ns as u32).to_le_bytes());
        epb.extend_from_slice(&(f2.len() as u32).to_le_bytes());
        epb.extend_from_slice(&(f2.len() as u32).to_le_bytes());
        epb.extend_from_slice(&f2);
        epb.extend_from_slice(&vec![0; (4 - f2.len() % 4) % 4]);
        block(&mut out, 6, &epb);
    }
    out
}

#[test]
fn iwd_handshakes_in_pcapng() {
    for (h, frames) in handshakes() {
        let (aa, spa) = (mac(h["aa"].as_str().unwrap()), mac(h["spa"].as_str().unwrap()));
        let fs: Vec<(u64, Vec<u8>)> = frames
            .iter()
            .enumerate()
            .map(|(i, (from_ap, pdu))| {
                (
                    1_600_000_000_000_000_000 + i as u64 * 1_500_000,
                    frames::eapol(!from_ap, spa, aa, pdu),
                )
            })
            .collect();
        let pcap = pcapng(&fs);
        check_verdicts(&h, &pcap);
        let r = judge(&pcap, &keys_for(&h, true));
        // Nanosecond timestamps: 1.5 ms between frames, the 4-way handshake took 4.5 ms.
        assert!((r[0].timeline.key_handshake_ms - 4.5).abs() < 1e-9, "{:?}", r[0].timeline);
        assert!((r[0].start - 1_600_000_000.0).abs() < 1e-6);
    }
}

#[test]
fn iwd_passphrase_from_a_wireshark_keys_file() {
    let (h, frames) = handshakes().remove(0);
    let (aa, spa) = (mac(h["aa"].as_str().unwrap()), mac(h["spa"].as_str().unwrap()));
    let mut w = PcapWriter::new(Vec::new(), LinkType::Ieee80211).unwrap();
    // A Beacon names the SSID the passphrase is for.
    let beacon = frames::management(
        frames::BEACON,
        [0xff; 6],
        aa,
        aa,
        &frames::beacon_body(0, &[0, 7, b'T', b'e', b's', b't', b'W', b'P', b'A']),
    );
    w.write_frame(1_600_000_000_000_000, &beacon).unwrap();
    for (i, (from_ap, pdu)) in frames.iter().enumerate() {
        w.write_frame(
            1_600_000_000_000_000 + (i as u64 + 1) * 1500,
            &frames::eapol(!from_ap, spa, aa, pdu),
        )
        .unwrap();
    }
    let mut k = KeyBook::new();
    k.add_file("80211_keys", "\"wpa-pwd\",\"EasilyGuessedPassword:TestWPA\"\n");
    let r = judge(&w.into_inner(), &k);
    assert_eq!(r[0].verdict, "verified", "{r:#?}");
    assert_eq!(r[0].ssid.as_deref(), Some("TestWPA"));
    assert_eq!(r[0].key.as_deref(), Some("80211_keys line 1"));
}
