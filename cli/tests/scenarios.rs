//! The tool on captures the tests make: both sides of each handshake and roam played with the
//! library, every frame written behind radiotap. The expected method and verdict of each
//! connection are the roles played, not the tool's output.

mod common;

use common::*;
use ieee80211_keys::{Akm, Cipher, Msk, Pmk};
use wifi_keycheck::analyze::{self, Options, Outcome, Report};
use wifi_keycheck::api;
use wifi_keycheck::keys::KeyBook;

fn run(w: &World, keys: &KeyBook) -> Vec<Report> {
    let pcap = w.pcap();
    let (a, r) = analyze::run(&pcap[..], keys, Options::default());
    r.unwrap();
    assert!(a.notes.is_empty(), "{:?}", a.notes);
    a.reports
}

fn assert_all_verified(r: &Report) {
    assert_eq!(r.verdict, "verified", "{r:#?}");
    assert!(r.checks.iter().all(|c| c.outcome == Outcome::Verified), "{r:#?}");
    assert!(r.data.protected > 0 && r.data.decrypted == r.data.protected, "{r:#?}");
}

#[test]
fn psk_association_and_roam() {
    let mut w = World::new(1);
    psk_roam(&mut w, "correct horse battery", b"HomeNet");
    let mut keys = KeyBook::new();
    keys.add_passphrase("pw".into(), "correct horse battery:HomeNet").unwrap();
    let r = run(&w, &keys);
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!((r[0].kind, r[1].kind), ("association", "roam"));
    for r in &r {
        assert_eq!(r.method, "PSK");
        assert_all_verified(r);
        let names: Vec<&str> = r.checks.iter().map(|c| c.what.as_str()).collect();
        for want in [
            "PMKID in message 1/4",
            "message 2/4 MIC",
            "message 3/4 MIC",
            "message 3/4 Key Data (GTK)",
            "message 4/4 MIC",
        ] {
            assert!(names.contains(&want), "{want} in {names:?}");
        }
    }
    assert_eq!(r[1].from_bssid.as_deref(), Some("02:a0:00:00:01:01"));
    let t = &r[1].timeline;
    assert!(t.total_ms > 40.0 && t.key_handshake_ms > 0.0 && t.authentication_ms > 0.0, "{t:?}");
    assert!(
        (t.authentication_ms + t.eap_ms + t.key_handshake_ms + t.rest_ms - t.total_ms).abs() < 1e-6
    );
}

#[test]
fn wrong_passphrase_fails_and_no_key_is_unchecked() {
    let mut w = World::new(2);
    psk_roam(&mut w, "correct horse battery", b"HomeNet");
    let mut keys = KeyBook::new();
    keys.add_passphrase("pw".into(), "incorrect horse battery").unwrap();
    for r in run(&w, &keys) {
        assert_eq!(r.verdict, "failed");
        let c = r.checks.iter().find(|c| c.what == "message 2/4 MIC").unwrap();
        assert!(c.detail.as_deref().unwrap().starts_with("wrong key"), "{c:?}");
    }
    for r in run(&w, &KeyBook::new()) {
        assert_eq!(r.verdict, "unchecked", "{r:#?}");
    }
}

#[test]
fn tampered_message_3_fails_its_mic() {
    let mut w = World::new(3);
    psk_roam(&mut w, "correct horse battery", b"HomeNet");
    // The third EAPOL-Key frame on the air: message 3/4 of the first handshake.
    let idx = w
        .frames
        .iter()
        .enumerate()
        .filter(|(_, (_, f))| f.len() > 32 && f[24..32] == [0xaa, 0xaa, 3, 0, 0, 0, 0x88, 0x8e])
        .nth(2)
        .unwrap()
        .0;
    w.tamper = Some(idx + 1);
    let mut keys = KeyBook::new();
    keys.add_passphrase("pw".into(), "correct horse battery:HomeNet").unwrap();
    let r = run(&w, &keys);
    assert_eq!(r[0].verdict, "failed");
    let c = r[0].checks.iter().find(|c| c.what == "message 3/4 MIC").unwrap();
    assert_eq!(c.outcome, Outcome::Failed);
    assert!(c.detail.as_deref().unwrap().contains("frame altered"), "{c:?}");
    assert_eq!(r[1].verdict, "verified");
}

#[test]
fn ieee8021x_then_okc_roam() {
    let mut w = World::new(4);
    let msk = Msk::from_bytes(&w.bytes::<64>()).unwrap();
    okc_roam(&mut w, &msk, b"Corp");
    let mut keys = KeyBook::new();
    keys.add_hex("msk".into(), "msk", &hex(msk.as_bytes())).unwrap();
    let r = run(&w, &keys);
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!(r[0].method, "802.1X/EAP");
    assert_eq!(r[0].eap.as_ref().unwrap().outcome, "success");
    assert!(r[0].timeline.eap_ms > 50.0);
    assert_eq!((r[1].kind, r[1].method.as_str()), ("roam", "OKC"));
    assert_eq!(r[1].timeline.eap_ms, 0.0);
    for r in &r {
        assert_all_verified(r);
    }
    assert!(r[1].checks.iter().any(|c| c.what == "PMKID in the (Re)Association Request"));
}

/// Wireshark's `wpa-psk` line is the PMK itself for an 802.1X handshake (how its decryption
/// suite opens `wpa-eap-tls.pcap.gz`): the same handshakes verify with the PMK given that way.
#[test]
fn ieee8021x_with_the_pmk_as_a_wireshark_wpa_psk_line() {
    let mut w = World::new(4);
    let msk = Msk::from_bytes(&w.bytes::<64>()).unwrap();
    okc_roam(&mut w, &msk, b"Corp");
    let pmk = ieee80211_keys::Pmk::from_msk(ieee80211_keys::Akm::Ieee8021x, &msk).unwrap();
    let mut keys = KeyBook::new();
    let file = format!("\"wpa-psk\",\"{}\"\n", hex(pmk.as_bytes()));
    assert!(keys.add_file("80211_keys", &file).is_empty());
    let r = run(&w, &keys);
    assert_eq!(r.len(), 2, "{r:#?}");
    for r in &r {
        assert_all_verified(r);
    }
    // Without it, nothing opens them.
    let r = run(&w, &KeyBook::new());
    assert!(r.iter().all(|r| r.verdict == "unchecked"), "{r:#?}");
}

#[test]
fn ft_initial_association_and_roam_over_the_air() {
    let mut w = World::new(5);
    ft_roam(&mut w, "mobility domain pw", b"FTNet");
    let mut keys = KeyBook::new();
    keys.add_passphrase("pw".into(), "mobility domain pw").unwrap();
    let r = run(&w, &keys);
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!(r[0].method, "FT initial mobility domain association (PSK)");
    assert_eq!((r[1].kind, r[1].method.as_str()), ("roam", "FT over the air"));
    for r in &r {
        assert_all_verified(r);
    }
    let names: Vec<&str> = r[1].checks.iter().map(|c| c.what.as_str()).collect();
    assert_eq!(
        names,
        [
            "PMKR0Name in the FT request",
            "PMKR1Name in the Reassociation Request",
            "FTE MIC of the Reassociation Request",
            "FTE MIC of the Reassociation Response",
            "FTE GTK subelement (unwrapped with the KEK)"
        ]
    );
    assert_eq!(r[1].timeline.key_handshake_ms, 0.0);
}

#[test]
fn cckm_initial_association_and_fast_roam() {
    let mut w = World::new(6);
    let msk = Msk::from_bytes(&w.bytes::<64>()).unwrap();
    cckm_roam(&mut w, &msk, b"Voice");
    let mut keys = KeyBook::new();
    keys.add_hex("msk".into(), "msk", &hex(msk.as_bytes())).unwrap();
    let r = run(&w, &keys);
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!(r[0].method, "CCKM initial association (802.1X/EAP)");
    assert_eq!((r[1].kind, r[1].method.as_str()), ("roam", "CCKM fast roam"));
    for r in &r {
        assert_all_verified(r);
    }
    let names: Vec<&str> = r[1].checks.iter().map(|c| c.what.as_str()).collect();
    assert_eq!(names, ["CCKM request MIC", "CCKM rekey number", "CCKM response MIC and GTK"]);
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn ft_roam_over_the_ds() {
    let mut w = World::new(7);
    ft_roam_via(&mut w, "mobility domain pw", b"FTNet", true);
    let mut keys = KeyBook::new();
    keys.add_passphrase("pw".into(), "mobility domain pw").unwrap();
    let r = run(&w, &keys);
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!((r[1].kind, r[1].method.as_str()), ("roam", "FT over the DS"));
    assert_all_verified(&r[1]);
    assert!(r[1].checks.iter().any(|c| c.what == "PMKR0Name in the FT request"));
    // The FT Action exchange through the old AP counts as authentication time.
    assert!(r[1].timeline.authentication_ms > 4.0, "{:?}", r[1].timeline);
}

#[test]
fn sae_is_identified_and_checked_with_its_pmk() {
    let mut w = World::new(8);
    let pmk = ieee80211_keys::Pmk::from_bytes(&w.bytes::<32>()).unwrap();
    sae_association(&mut w, &pmk, b"WPA3");
    let r = run(&w, &KeyBook::new());
    assert_eq!((r[0].method.as_str(), r[0].verdict), ("SAE", "unchecked"));
    let mut keys = KeyBook::new();
    keys.add_hex("sae pmk".into(), "pmk", &hex(pmk.as_bytes())).unwrap();
    let r = run(&w, &keys);
    assert_eq!(r[0].method, "SAE");
    assert_all_verified(&r[0]);
}

#[test]
fn decrypted_pcap_and_json() {
    let mut w = World::new(9);
    psk_roam(&mut w, "correct horse battery", b"HomeNet");
    let mut keys = KeyBook::new();
    keys.add_passphrase("pw".into(), "correct horse battery:HomeNet").unwrap();
    let path = std::env::temp_dir().join(format!("wifi-keycheck-test-{}.pcap", std::process::id()));
    let file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let opts = Options {
        decrypted_out: Some(
            wifi_keycheck::pcapwrite::PcapWriter::new(
                file,
                wifi_keycheck::pcapwrite::LinkType::Ieee80211,
            )
            .unwrap(),
        ),
        ..Default::default()
    };
    let pcap = w.pcap();
    let (a, _) = analyze::run(&pcap[..], &keys, opts);
    let decrypted: u64 = a.reports.iter().map(|r| r.data.decrypted).sum();
    let out = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let mut n = 0;
    wifi_keycheck::capture::read(&out[..], |p| {
        n += 1;
        let f = wifi_keycheck::frame::parse_wlan(p.data).unwrap();
        assert_eq!(f.kind, wifi_keycheck::frame::Kind::Data, "Protected bit cleared");
        assert_eq!(&p.data[24..30], &[0xaa, 0xaa, 3, 0, 0, 0], "LLC/SNAP in the clear");
    })
    .unwrap();
    assert_eq!((n, decrypted), (12, 12));
    let json = wifi_keycheck::report::json_lines(&a.reports);
    assert_eq!(a.verdicts.get("verified"), Some(&2));
    let objs: Vec<serde_json::Value> =
        json.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(objs.len(), 2);
    assert_eq!(objs[1]["kind"], "roam");
    assert_eq!(objs[1]["verdict"], "verified");
    assert_eq!(objs[1]["checks"][1]["what"], "message 2/4 MIC");
    assert!(objs[1]["timeline"]["total_ms"].as_f64().unwrap() > 0.0);
}

#[test]
fn owe_is_identified() {
    let mut w = World::new(11);
    // RSNE with AKM 00-0F-AC:18 (OWE), which the library has no row for, and an OWE
    // Diffie-Hellman Parameter element (extension 32, group 19).
    let mut r =
        vec![48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 18];
    r.extend_from_slice(&[0x8c, 0]);
    r[1] = (r.len() - 2) as u8;
    let mut dh = vec![255, 0, 32, 19, 0];
    dh.extend_from_slice(&w.bytes::<32>());
    dh[1] = (dh.len() - 2) as u8;
    beacon(&mut w, AP1, b"Cafe", &r, &[]);
    open_auth(&mut w, STA, AP1);
    let mut ies = r.clone();
    ies.extend_from_slice(&dh);
    associate(&mut w, STA, AP1, None, &ies, &dh);
    let rep = run(&w, &KeyBook::new());
    assert_eq!(rep.len(), 1);
    assert_eq!((rep[0].method.as_str(), rep[0].akm.as_deref()), ("OWE", Some("OWE")));
    assert_eq!(rep[0].verdict, "incomplete", "{:#?}", rep[0]);
}

#[test]
fn message_2_answers_an_earlier_message_1() {
    // The AP resends message 1/4 (new replay counter, new ANonce) while the station's message
    // 2/4 answering the first is on its way: the handshake still verifies.
    let mut w = World::new(12);
    psk_roam(&mut w, "correct horse battery", b"HomeNet");
    let first_m1 = w
        .frames
        .iter()
        .position(|(_, f)| f.len() > 32 && f[24..32] == [0xaa, 0xaa, 3, 0, 0, 0, 0x88, 0x8e])
        .unwrap();
    let t = w.frames[first_m1].0 + 500;
    let anonce = ieee80211_keys::Nonce::new([0x77; 32]);
    let resent = eapol_key(ieee80211_keys::eapol_key::Builder::message1(
        &suite(ieee80211_keys::Akm::Psk, ieee80211_keys::Cipher::Ccmp128),
        2,
        &anonce,
    ));
    w.frames.insert(
        first_m1 + 1,
        (t, wifi_keycheck::pcapwrite::frames::eapol(false, STA, AP1, &resent)),
    );
    let mut keys = KeyBook::new();
    keys.add_passphrase("pw".into(), "correct horse battery:HomeNet").unwrap();
    let r = run(&w, &keys);
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_all_verified(&r[0]);
}

/// Wireshark's `tk` line: a TK opens the data frames of a connection whose handshake is not in
/// the capture (the cipher guessed from the TK's length when no RSNE names it), says so in a
/// note, and checks nothing; a wrong TK opens none.
#[test]
fn a_given_tk_decrypts_data_without_a_handshake() {
    let mut w = World::new(11);
    let (akm, cipher) = (Akm::Psk, Cipher::Ccmp128);
    open_auth(&mut w, STA, AP1);
    associate(&mut w, STA, AP1, None, &rsne(akm, cipher, &[]), &[]);
    let pmk = Pmk::from_bytes(&w.bytes::<32>()).unwrap();
    let (anonce, snonce) = (w.nonce(), w.nonce());
    let ptk = api::ptk(&pmk, akm, cipher, &m(AP1), &m(STA), &anonce, &snonce).unwrap();
    w.data(STA, AP1, &ptk, 6);

    let with = |tk: &[u8]| {
        let mut keys = KeyBook::new();
        let file = format!("\"tk\",\"{}\"\n", hex(tk));
        assert!(keys.add_file("80211_keys", &file).is_empty());
        let r = run(&w, &keys);
        assert_eq!(r.len(), 1, "{r:#?}");
        r.into_iter().next().unwrap()
    };
    let r = with(ptk.tk().as_bytes());
    assert_eq!((r.data.protected, r.data.decrypted, r.data.failed), (6, 6, 0), "{r:#?}");
    assert_ne!(r.verdict, "verified");
    assert!(r.notes.iter().any(|n| n.contains("decrypted with the TK of 80211_keys line 1")));
    let mut wrong = ptk.tk().as_bytes().to_vec();
    wrong[0] ^= 1;
    let r = with(&wrong);
    assert_eq!((r.data.protected, r.data.decrypted), (6, 0), "{r:#?}");
    let r = run(&w, &KeyBook::new());
    assert_eq!((r[0].data.protected, r[0].data.decrypted), (6, 0), "{r:#?}");
}
