//! The tool on the capture the library's roam example writes (`cargo run --example roam --
//! --pcap FILE`): the example is included here and run in-process, every frame it plays on
//! both sides recorded. The expected method, kind and checks of each connection are the roles
//! the example played (its summary), never the tool's output.

#[allow(dead_code)]
#[path = "../../examples/roam.rs"]
mod roam;

use roam::{run_on_air, Options, Summary};
use wifi_keycheck::analyze::{self, Outcome, Report};
use wifi_keycheck::keys::KeyBook;

/// Runs the example with `opts` and the tool on its capture, with the keys the example wrote.
fn tool_on_example(opts: &Options) -> (Result<Summary, String>, Vec<Report>) {
    let (_, result, air) = run_on_air(opts);
    let mut keys = KeyBook::new();
    let notes = keys.add_file("roam.pcap.keys", &air.keys_file());
    assert!(notes.is_empty(), "{notes:?}");
    let pcap = air.pcap();
    let (a, r) = analyze::run(&pcap[..], &keys, analyze::Options::default());
    assert_eq!(r.unwrap(), air.frames.len() as u64);
    assert!(a.notes.is_empty(), "{:?}", a.notes);
    (result.map_err(|f| f.to_string()), a.reports)
}

fn check_names(r: &Report) -> Vec<&str> {
    r.checks.iter().map(|c| c.what.as_str()).collect()
}

fn verified(r: &Report) {
    assert_eq!(r.verdict, "verified", "{r:#?}");
    assert!(r.checks.iter().all(|c| c.outcome == Outcome::Verified), "{r:#?}");
    // The example's first data frames, each way, CCMP-128 under the TK it installed.
    assert_eq!((r.data.protected, r.data.decrypted, r.data.failed), (2, 2, 0), "{r:#?}");
    let t = &r.timeline;
    let sum = t.authentication_ms + t.eap_ms + t.key_handshake_ms + t.rest_ms;
    assert!((sum - t.total_ms).abs() < 1e-6, "{t:?}");
    assert_eq!(t.to, "first protected data frame");
}

const FOUR_WAY: [&str; 5] = [
    "PMKID in message 1/4",
    "message 2/4 MIC",
    "message 3/4 MIC",
    "message 3/4 Key Data (GTK)",
    "message 4/4 MIC",
];

#[test]
fn every_roam_method_of_the_example_gets_its_verdict() {
    for seed in [0, 7, 0xdead_beef] {
        let (summary, mut reports) = tool_on_example(&Options { seed, ..Options::default() });
        let summary = summary.unwrap();
        reports.sort_by_key(|r| r.first_frame);
        // Per network, the SSID the example gave it, in the order played: the initial
        // association and then each roam of the summary.
        let ssids = ["Cafe-WPA2", "Campus", "Campus-FT", "Warehouse"];
        let by_ssid = |s: &str| -> Vec<&Report> {
            reports.iter().filter(|r| r.ssid.as_deref() == Some(s)).collect()
        };
        for (method, ssid) in summary.methods.iter().zip(ssids) {
            let got = by_ssid(ssid);
            // The association, the roams, then (CCKM) the two replays the AP refused.
            let replays = if ssid == "Warehouse" { 2 } else { 0 };
            assert_eq!(got.len(), 1 + method.roams.len() + replays, "{ssid}: {got:#?}");
            assert_eq!(got[0].kind, "association");
            for r in &got[1..=method.roams.len()] {
                assert_eq!(r.kind, "roam", "{r:#?}");
                assert_ne!(r.from_bssid.as_deref(), Some(r.bssid.as_str()));
                verified(r);
                // From the last frame on the old BSS: at least the 30 ms scan the example
                // leaves before a station's first frame on another BSS.
                assert!(r.timeline.total_ms >= 30.0, "{:?}", r.timeline);
                assert_eq!(r.timeline.from, "last frame on the old BSS");
            }
            verified(got[0]);
        }
        let [psk, okc, ft, cckm] = [0, 1, 2, 3].map(|i| by_ssid(ssids[i]));

        // 1. WPA2-PSK: a 4-way handshake on each AP, the PMKID in message 1/4 both times.
        for r in &psk {
            assert_eq!((r.method.as_str(), r.akm.as_deref()), ("PSK", Some("PSK")));
            assert_eq!(check_names(r), FOUR_WAY);
            assert_eq!(r.timeline.eap_ms, 0.0);
        }
        // 2. 802.1X (EAP seen) and the OKC roam: the PMKID the station names in its
        // Reassociation Request, then the 4-way handshake; no EAP.
        assert_eq!(okc[0].method, "802.1X/EAP");
        assert_eq!(okc[0].eap.as_ref().unwrap().outcome, "success");
        // The example leaves 80 ms for the EAP method's rounds.
        assert!(okc[0].timeline.eap_ms >= 80.0, "{:?}", okc[0].timeline);
        assert_eq!(check_names(okc[0]), FOUR_WAY);
        assert_eq!(okc[1].method, "OKC");
        assert_eq!(okc[1].from_bssid.as_deref(), Some(okc[0].bssid.as_str()));
        let mut want = vec!["PMKID in the (Re)Association Request"];
        want.extend(FOUR_WAY);
        assert_eq!(check_names(okc[1]), want);
        assert_eq!(okc[1].timeline.eap_ms, 0.0);
        assert!(okc[1].eap.is_none());
        // 3. FT-802.1X: the initial mobility domain association (its 4-way handshake under
        // PMK-R1, PMKR1Name in message 2/4), then FT over the air: names and FTE MICs, no 4-way
        // handshake.
        assert_eq!(ft[0].method, "FT initial mobility domain association (802.1X/EAP)");
        assert_eq!(
            check_names(ft[0]),
            [
                "message 2/4 MIC",
                "PMKR1Name in message 2/4",
                "message 3/4 MIC",
                "message 3/4 Key Data (GTK)",
                "message 4/4 MIC"
            ]
        );
        assert_eq!(
            (ft[1].method.as_str(), ft[1].akm.as_deref()),
            ("FT over the air", Some("FT-802.1X"))
        );
        assert_eq!(
            check_names(ft[1]),
            [
                "PMKR0Name in the FT request",
                "PMKR1Name in the Reassociation Request",
                "FTE MIC of the Reassociation Request",
                "FTE MIC of the Reassociation Response",
                "FTE GTK subelement (unwrapped with the KEK)"
            ]
        );
        assert_eq!(ft[1].timeline.key_handshake_ms, 0.0);
        assert!(ft[1].timeline.authentication_ms > 0.0);
        // 4. CCKM: the initial association (message 2/4 under the KRK), three fast roams with
        // rising rekey numbers to the APs the summary names, then the two replays, refused.
        assert_eq!(cckm[0].method, "CCKM initial association (802.1X/EAP)");
        assert_eq!(
            check_names(cckm[0]),
            [
                "message 2/4 MIC (KRK)",
                "message 3/4 MIC",
                "message 3/4 Key Data (GTK)",
                "message 4/4 MIC"
            ]
        );
        let targets: Vec<&str> = summary.methods[3].roams.iter().map(|r| r.to).collect();
        assert_eq!(targets, ["AP2", "AP3", "AP1"], "the example's plan");
        assert_eq!(cckm[3].bssid, cckm[0].bssid, "back to AP1");
        for (i, r) in cckm[1..4].iter().enumerate() {
            assert_eq!(r.method, "CCKM fast roam");
            assert_eq!(
                check_names(r),
                ["CCKM request MIC", "CCKM rekey number", "CCKM response MIC and GTK"]
            );
            let rn = r.checks[1].detail.as_deref().unwrap();
            assert_eq!(rn, format!("{} after {}", i + 2, i + 1));
            assert_eq!(r.timeline.key_handshake_ms, 0.0);
        }
        for r in &cckm[4..] {
            assert_eq!(r.verdict, "failed", "{r:#?}");
            let c = &r.checks[1];
            assert_eq!((c.what.as_str(), c.outcome), ("CCKM rekey number", Outcome::Failed));
            assert!(c.detail.as_deref().unwrap().starts_with("replayed counter"), "{c:?}");
        }
        assert_eq!(reports.len(), 2 + 2 + 2 + 6, "no other connection");
    }
}

/// The number (1-based, as `--tamper` counts them) of the first frame on the air whose trace
/// line starts with `what`.
fn sent_index(what: &str) -> usize {
    let (lines, result, _) = run_on_air(&Options { seed: 3, ..Options::default() });
    result.unwrap();
    let sent: Vec<&str> =
        lines.iter().map(|l| l.text.as_str()).filter(|t| t.ends_with(" octets)")).collect();
    // "  {from -> to, in 16 columns}{what} ({n} octets)"
    let at = sent.iter().position(|t| t.get(18..).is_some_and(|w| w.starts_with(what)));
    1 + at.unwrap()
}

#[test]
fn a_tampered_message_3_is_reported_as_altered() {
    let n = sent_index("EAPOL-Key 3/4");
    let (summary, reports) =
        tool_on_example(&Options { seed: 3, tamper: Some(n), ..Options::default() });
    // The example's station refuses it, and so the run stops there.
    assert!(summary.unwrap_err().contains("message 3/4"));
    assert_eq!(reports.len(), 1, "{reports:#?}");
    let r = &reports[0];
    assert_eq!((r.method.as_str(), r.verdict), ("PSK", "failed"));
    let outcomes: Vec<(&str, Outcome)> =
        r.checks.iter().map(|c| (c.what.as_str(), c.outcome)).collect();
    assert_eq!(
        outcomes,
        [
            ("PMKID in message 1/4", Outcome::Verified),
            ("message 2/4 MIC", Outcome::Verified),
            ("message 3/4 MIC", Outcome::Failed)
        ]
    );
    assert!(r.checks[2].detail.as_deref().unwrap().contains("frame altered"), "{:?}", r.checks[2]);
    assert_eq!(r.missing, ["message 4/4"]);
}

#[test]
fn a_tampered_ft_reassociation_response_fails_its_fte_mic() {
    let n = sent_index("Reassociation Response (success): RSNE, MDE, FTE");
    let (summary, reports) =
        tool_on_example(&Options { seed: 3, tamper: Some(n), ..Options::default() });
    assert!(summary.unwrap_err().contains("FTE MIC of the Reassociation Response"));
    let r = reports.iter().find(|r| r.kind == "roam" && r.method == "FT over the air").unwrap();
    assert_eq!(r.verdict, "failed", "{r:#?}");
    let c = r.checks.iter().find(|c| c.what == "FTE MIC of the Reassociation Response").unwrap();
    assert_eq!(c.outcome, Outcome::Failed, "{c:?}");
    // The request's MIC verified under the same PTK: the response was altered.
    let req = r.checks.iter().find(|c| c.what == "FTE MIC of the Reassociation Request").unwrap();
    assert_eq!(req.outcome, Outcome::Verified);
    let why = c.detail.as_deref().unwrap();
    assert!(why.contains("verified the Reassociation Request: frame altered"), "{why}");
}

/// The example's capture with its WPA3-Personal section after the four networks, and the tool's
/// report on the SAE association.
fn sae_report(with_keys: bool) -> Report {
    let (_, result, mut air) = run_on_air(&Options { seed: 5, ..Options::default() });
    result.unwrap();
    roam::sae_section::wpa3_sae_section(5, &mut air).unwrap();
    let mut keys = KeyBook::new();
    if with_keys {
        assert!(keys.add_file("roam.pcap.keys", &air.keys_file()).is_empty());
    }
    let pcap = air.pcap();
    let (a, r) = analyze::run(&pcap[..], &keys, analyze::Options::default());
    r.unwrap();
    assert!(a.notes.is_empty(), "{:?}", a.notes);
    let mut sae: Vec<Report> = a.reports.into_iter().filter(|r| r.method == "SAE").collect();
    assert_eq!(sae.len(), 1, "{sae:#?}");
    sae.pop().unwrap()
}

#[test]
fn the_sae_association_is_verified_with_its_pmk() {
    // A passive observer cannot derive the SAE PMK (it takes a side's private scalar): the
    // keys file the example writes holds it as a "pmk" line, and the tool verifies the 4-way
    // handshake with it. The PMKID of message 1/4 is checked against the two commits on the
    // air, without any key.
    let r = sae_report(true);
    assert_eq!(
        (r.kind, r.akm.as_deref(), r.ssid.as_deref()),
        ("association", Some("SAE"), Some("wpa3-home"))
    );
    verified(&r);
    let mut want = vec!["PMKID in message 1/4 (SAE commits)"];
    want.extend(&FOUR_WAY[1..]);
    assert_eq!(check_names(&r), want);
    assert!(r.notes.is_empty(), "status 126 (hash-to-element) is no refusal: {:?}", r.notes);

    let r = sae_report(false);
    assert_eq!(r.checks[0].outcome, Outcome::Verified, "{r:#?}");
    assert!(r.checks[1..].iter().all(|c| c.outcome == Outcome::NotChecked), "{r:#?}");
    assert_eq!(r.verdict, "unchecked", "{r:#?}");
}

/// An OWE association played with the library on both sides (each side's Diffie-Hellman,
/// the 4-way handshake on the roam example's capture air, `Air::four_way`); the tool
/// given the PMK as a Wireshark `wpa-psk` line.
fn owe_report(group: ieee80211_keys::owe::Group, give_key: bool) -> Report {
    use ieee80211_keys::owe::OweKeyPair;
    use ieee80211_keys::owe_element::OweDhParameter;
    use ieee80211_keys::rsne::{Rsne, Selector};
    use ieee80211_keys::{Akm, Cipher, Gtk, Nonce, Pairwise, Ptk, Suite};
    use roam::air::{Air, Body, Dir, FourWay};

    let (sta, ap) = ([0x02, 0x11, 0, 0, 0, 1], [0x02, 0xa0, 0, 0, 0, 2]);
    let len = group.prime_len();
    // Fixed private scalars below every group's order (its first octet zero).
    let scalar = |b: u8| [&[0][..], &vec![b; len - 1]].concat();
    let client = OweKeyPair::from_private_bytes(group, &scalar(0x11)).unwrap();
    let access_point = OweKeyPair::from_private_bytes(group, &scalar(0x22)).unwrap();
    let dh = |k: &OweKeyPair| {
        let mut out = [0u8; 80];
        let n = OweDhParameter::new(k.public_key()).write(&mut out).unwrap();
        out[..n].to_vec()
    };
    let (akms, pairwise) = ([Selector::from(Akm::Owe)], [Selector::from(Cipher::Ccmp128)]);
    let r = Rsne::new(Cipher::Ccmp128.into(), &pairwise, &akms);
    let mut rsne = vec![0u8; r.len()];
    r.write(&mut rsne).unwrap();

    let mut air = Air::new(1);
    air.play(Dir::ToSta, sta, ap, Body::Beacon, &[&[0, 8][..], b"Cafe-OWE", &rsne].concat());
    let open = |seq| Body::Auth { algorithm: 0, seq, status: 0 };
    air.play(Dir::ToAp, sta, ap, open(1), &[]);
    air.play(Dir::ToSta, sta, ap, open(2), &[]);
    air.play(Dir::ToAp, sta, ap, Body::AssocRequest, &[rsne.clone(), dh(&client)].concat());
    air.play(Dir::ToSta, sta, ap, Body::AssocResponse, &[rsne.clone(), dh(&access_point)].concat());
    let on_client = client.client_keys(access_point.public_key()).unwrap();
    let on_ap = access_point.ap_keys(client.public_key()).unwrap();
    let suite = Suite::new(Akm::Owe, Cipher::Ccmp128, on_client.pmk().len()).unwrap();
    let (anonce, snonce) = (Nonce::new([0xa0; 32]), Nonce::new([0x5e; 32]));
    let p = Pairwise { aa: ap.into(), spa: sta.into(), anonce, snonce };
    let (sta_ptk, ap_ptk) = (
        Ptk::derive(on_client.pmk(), &suite, &p).unwrap(),
        Ptk::derive(on_ap.pmk(), &suite, &p).unwrap(),
    );
    air.four_way(&FourWay {
        suite: &suite,
        sta: (sta, &sta_ptk),
        ap: (ap, &ap_ptk),
        nonces: (&anonce, &snonce),
        pmkid: Some(&on_ap.pmkid()),
        ies: (&rsne, &rsne),
        gtk: &Gtk::from_bytes(&[0x6b; 16]).unwrap(),
    })
    .unwrap();

    let mut keys = KeyBook::new();
    if give_key {
        let hex: String = on_client.pmk().as_bytes().iter().map(|b| format!("{b:02x}")).collect();
        assert!(keys.add_file("owe.keys", &format!("\"wpa-psk\",\"{hex}\"\n")).is_empty());
    }
    let pcap = air.pcap();
    let (a, r) = analyze::run(&pcap[..], &keys, analyze::Options::default());
    r.unwrap();
    assert!(a.notes.is_empty(), "{:?}", a.notes);
    assert_eq!(a.reports.len(), 1, "{:#?}", a.reports);
    a.reports.into_iter().next().unwrap()
}

#[test]
fn an_owe_association_is_verified_with_its_pmk() {
    use ieee80211_keys::owe::Group;
    // Groups 19, 20 and 21: 32-, 48- and 64-octet PMKs, 16- and 24-octet MICs (the tool takes
    // the PMK length from the group of the OWE DH Parameter element).
    for group in Group::ALL {
        let r = owe_report(group, true);
        assert_eq!((r.method.as_str(), r.akm.as_deref()), ("OWE", Some("OWE")), "{r:#?}");
        assert_eq!(r.ssid.as_deref(), Some("Cafe-OWE"));
        verified(&r);
        let mut want = vec!["PMKID in message 1/4 (OWE public values)"];
        want.extend(&FOUR_WAY[1..]);
        assert_eq!(check_names(&r), want, "{group:?}");

        // Without the PMK: the PMKID still checks (it needs no key), the MICs cannot.
        let r = owe_report(group, false);
        assert_eq!(r.checks[0].outcome, Outcome::Verified, "{r:#?}");
        assert_eq!(r.verdict, "unchecked", "{r:#?}");
    }
}

/// SAE-EXT-KEY (AKM 24) on group 20: both sides played with the library (fixed rand and mask),
/// the commits and confirms on the air, then the 4-way handshake with `Air::four_way`. The
/// PMK is 48 octets and the MIC 24: the tool takes the PMK length from the commits' group.
#[test]
fn an_sae_ext_key_association_on_group_20_is_verified() {
    use ieee80211_keys::rsne::{Rsne, Selector};
    use ieee80211_keys::sae::frame::{CommitFrame, ConfirmFrame};
    use ieee80211_keys::sae::{AkmFamily, Committed, Group, Mask, Password, Pt, Pwe, Rand};
    use ieee80211_keys::{Akm, Cipher, Gtk, MacAddr, Nonce, Pairwise, Ptk, Ssid, Suite};
    use roam::air::{Air, Body, Dir, FourWay};

    let (sta, ap) = ([0x02, 0x11, 0, 0, 0, 3], [0x02, 0xa0, 0, 0, 0, 4]);
    let (sta_addr, ap_addr) = (MacAddr::new(sta), MacAddr::new(ap));
    let ssid = Ssid::new(b"ext-key").unwrap();
    let pt =
        Pt::derive(Group::P384, &ssid, &Password::from_bytes(b"a long password").unwrap(), None)
            .unwrap();
    let side = |own: &MacAddr, peer: &MacAddr, r: u8, m: u8| {
        let scalar = |b: u8| [&[0][..], &[b; 47][..]].concat();
        let pwe = Pwe::from_pt(&pt, own, peer).unwrap();
        let (rand, mask) =
            (Rand::from_bytes(&scalar(r)).unwrap(), Mask::from_bytes(&scalar(m)).unwrap());
        Committed::with_rand_mask(&pwe, &rand, &mask).unwrap()
    };
    let (on_sta, on_ap) =
        (side(&sta_addr, &ap_addr, 0x31, 0x42), side(&ap_addr, &sta_addr, 0x53, 0x64));
    let sta_keys = on_sta.process(on_ap.commit(), AkmFamily::SaeExtKey, None).unwrap();
    let ap_keys = on_ap.process(on_sta.commit(), AkmFamily::SaeExtKey, None).unwrap();
    let ap_accepted = ap_keys.verify(&sta_keys.confirm(1)).unwrap();
    let sta_accepted = sta_keys.verify(&ap_keys.confirm(1)).unwrap();
    assert_eq!(sta_accepted.pmk().len(), 48);

    let (akms, pairwise) = ([Selector::from(Akm::SaeExtKey)], [Selector::from(Cipher::Ccmp128)]);
    let r = Rsne::new(Cipher::Ccmp128.into(), &pairwise, &akms);
    let mut rsne = vec![0u8; r.len()];
    r.write(&mut rsne).unwrap();
    let mut air = Air::new(2);
    air.play(Dir::ToSta, sta, ap, Body::Beacon, &[&[0, 7][..], b"ext-key", &rsne].concat());
    let mut buf = [0u8; 256];
    for (dir, committed) in [(Dir::ToAp, &on_sta), (Dir::ToSta, &on_ap)] {
        let n = CommitFrame::new(committed.commit(), committed.method()).write(&mut buf).unwrap();
        air.play(dir, sta, ap, Body::Authentication, &buf[..n]);
    }
    for (dir, keys) in [(Dir::ToAp, &sta_keys), (Dir::ToSta, &ap_keys)] {
        let n = ConfirmFrame::new(&keys.confirm(1)).write(&mut buf).unwrap();
        air.play(dir, sta, ap, Body::Authentication, &buf[..n]);
    }
    air.play(Dir::ToAp, sta, ap, Body::AssocRequest, &rsne);
    air.play(Dir::ToSta, sta, ap, Body::AssocResponse, &[]);
    let suite = Suite::new(Akm::SaeExtKey, Cipher::Ccmp128, 48).unwrap();
    let (anonce, snonce) = (Nonce::new([0xa1; 32]), Nonce::new([0x5f; 32]));
    let p = Pairwise { aa: ap_addr, spa: sta_addr, anonce, snonce };
    let sta_ptk = Ptk::derive(sta_accepted.pmk(), &suite, &p).unwrap();
    let ap_ptk = Ptk::derive(ap_accepted.pmk(), &suite, &p).unwrap();
    air.four_way(&FourWay {
        suite: &suite,
        sta: (sta, &sta_ptk),
        ap: (ap, &ap_ptk),
        nonces: (&anonce, &snonce),
        pmkid: Some(&ap_accepted.pmkid()),
        ies: (&rsne, &rsne),
        gtk: &Gtk::from_bytes(&[0x6b; 16]).unwrap(),
    })
    .unwrap();

    let hex: String = sta_accepted.pmk().as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    let mut keys = KeyBook::new();
    assert!(keys.add_file("ext.keys", &format!("\"wpa-psk\",\"{hex}\"\n")).is_empty());
    let pcap = air.pcap();
    let (a, res) = analyze::run(&pcap[..], &keys, analyze::Options::default());
    res.unwrap();
    assert!(a.notes.is_empty(), "{:?}", a.notes);
    let r = &a.reports[0];
    assert_eq!(
        (a.reports.len(), r.method.as_str(), r.akm.as_deref()),
        (1, "SAE", Some("SAE-EXT-KEY")),
        "{r:#?}"
    );
    verified(r);
    let mut want = vec!["PMKID in message 1/4 (SAE commits)"];
    want.extend(&FOUR_WAY[1..]);
    assert_eq!(check_names(r), want);
}

#[test]
fn hashcat_lines_only_for_the_passphrase_network() {
    // hashcat's mode 22000 searches passphrases: of the example's five networks only the
    // WPA2-PSK one gets lines (a PMKID and a message pair for each of its two handshakes); the
    // 802.1X, FT-802.1X, CCKM and SAE handshakes get none.
    let (_, result, mut air) = run_on_air(&Options { seed: 9, ..Options::default() });
    result.unwrap();
    roam::sae_section::wpa3_sae_section(9, &mut air).unwrap();
    let (pcap, keys) = (air.pcap(), KeyBook::new());
    let (a, r) = analyze::run(&pcap[..], &keys, analyze::Options::default());
    r.unwrap();
    let essid: String = b"Cafe-WPA2".iter().map(|b| format!("{b:02x}")).collect();
    let kinds: Vec<&str> = a.hashes.iter().map(|l| &l[..6]).collect();
    assert_eq!(kinds, ["WPA*01", "WPA*02", "WPA*01", "WPA*02"], "{:?}", a.hashes);
    assert!(a.hashes.iter().all(|l| l.split('*').nth(5) == Some(essid.as_str())));
}

/// The example's capture as `main` writes it with `--pcap`: the four networks, the SAE section,
/// then the OWE and FT-SAE-EXT-KEY sections on the same air, the exchanged frame `tamper` of
/// those two altered. Whether both sections verified, and the tool's reports on them.
fn wpa3_reports(seed: u64, tamper: Option<usize>) -> (bool, Vec<Report>, Vec<String>) {
    let (_, result, mut air) = run_on_air(&Options { seed, ..Options::default() });
    result.unwrap();
    roam::sae_section::wpa3_sae_section(seed, &mut air).unwrap();
    air.tamper = tamper;
    let ok = roam::wpa3::run(seed, true, &mut air);
    let mut keys = KeyBook::new();
    assert!(keys.add_file("roam.pcap.keys", &air.keys_file()).is_empty());
    let pcap = air.pcap();
    let (a, r) = analyze::run(&pcap[..], &keys, analyze::Options::default());
    assert_eq!(r.unwrap(), air.frames.len() as u64);
    assert!(a.notes.is_empty(), "{:?}", a.notes);
    let ssids = [Some("Enhanced-Open-Cafe"), Some("wpa7-campus")];
    let mut reports: Vec<Report> =
        a.reports.into_iter().filter(|r| ssids.contains(&r.ssid.as_deref())).collect();
    reports.sort_by_key(|r| r.first_frame);
    (ok, reports, air.log)
}

/// The number (as `Air::tamper` counts them) of the `nth` frame of the WPA3 sections whose
/// trace line names `what`.
fn wpa3_frame(seed: u64, what: &str, nth: usize) -> usize {
    let (_, _, log) = wpa3_reports(seed, None);
    let line = log.iter().filter(|l| l.starts_with("frame ") && l.contains(what)).nth(nth);
    // "frame NN: from -> to  what (n octets)"
    let number = line.and_then(|l| l[6..].split(':').next()).map(str::trim);
    number.and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{what}: {log:?}"))
}

#[test]
fn the_owe_and_ft_sae_ext_key_sections_are_verified_with_their_pmks() {
    for seed in [0, 7] {
        let (ok, reports, _) = wpa3_reports(seed, None);
        assert!(ok);
        // The OWE association, then the FT-SAE-EXT-KEY initial mobility domain association
        // with AP1 and the FT roam to AP2, in the order the sections play them.
        assert_eq!(reports.len(), 3, "{reports:#?}");
        let [owe, ft0, ft1] = [&reports[0], &reports[1], &reports[2]];
        reports.iter().for_each(verified);

        // OWE: the PMK from the keys file (a monitor cannot compute the ECDH); the PMKID of
        // message 1/4 checked against the two public values on the air.
        assert_eq!((owe.kind, owe.ssid.as_deref()), ("association", Some("Enhanced-Open-Cafe")));
        assert_eq!((owe.method.as_str(), owe.akm.as_deref()), ("OWE", Some("OWE")));
        let mut want = vec!["PMKID in message 1/4 (OWE public values)"];
        want.extend(&FOUR_WAY[1..]);
        assert_eq!(check_names(owe), want);

        // FT-SAE-EXT-KEY on group 20: the 48-octet SAE PMK (the XXKey) from the keys file,
        // PMK-R0 and PMK-R1 with SHA-384, 24-octet MICs; PMKR1Name in message 2/4.
        assert_eq!((ft0.kind, ft0.ssid.as_deref()), ("association", Some("wpa7-campus")));
        assert_eq!(
            (ft0.method.as_str(), ft0.akm.as_deref()),
            ("FT initial mobility domain association (SAE)", Some("FT-SAE-EXT-KEY"))
        );
        assert_eq!(
            check_names(ft0),
            [
                "message 2/4 MIC",
                "PMKR1Name in message 2/4",
                "message 3/4 MIC",
                "message 3/4 Key Data (GTK)",
                "message 4/4 MIC"
            ]
        );
        // The roam to AP2 over the air: names and the FTE MICs (HMAC-SHA-384-192), no 4-way
        // handshake.
        assert_eq!((ft1.kind, ft1.ssid.as_deref()), ("roam", Some("wpa7-campus")));
        assert_eq!(ft1.from_bssid.as_deref(), Some(ft0.bssid.as_str()));
        assert_eq!(
            (ft1.method.as_str(), ft1.akm.as_deref()),
            ("FT over the air", Some("FT-SAE-EXT-KEY"))
        );
        assert_eq!(
            check_names(ft1),
            [
                "PMKR0Name in the FT request",
                "PMKR1Name in the Reassociation Request",
                "FTE MIC of the Reassociation Request",
                "FTE MIC of the Reassociation Response",
                "FTE GTK subelement (unwrapped with the KEK)"
            ]
        );
        assert_eq!(ft1.timeline.key_handshake_ms, 0.0);
    }
}

#[test]
fn a_tampered_frame_in_the_wpa3_sections_is_reported_as_failed() {
    let seed = 3;
    // (the section's report, the frame altered, its check that fails, the reports in all: the
    // FT-SAE-EXT-KEY section stops at a refused frame, so no roam follows a refused 3/4)
    let cases = [
        (0, wpa3_frame(seed, "EAPOL-Key 3/4", 0), "message 3/4 MIC", 3),
        (1, wpa3_frame(seed, "EAPOL-Key 3/4", 1), "message 3/4 MIC", 2),
        (
            2,
            wpa3_frame(seed, "Reassociation Response", 0),
            "FTE MIC of the Reassociation Response",
            3,
        ),
    ];
    for (i, n, what, count) in cases {
        let (ok, reports, log) = wpa3_reports(seed, Some(n));
        // The example's receiver refuses it ...
        assert!(!ok, "frame {n}");
        let line = format!("frame {n:>2}:");
        assert!(log.iter().any(|l| l.starts_with(&line) && l.contains("TAMPERED")), "{log:?}");
        // ... and the tool finds that frame altered; the other reports stand.
        assert_eq!(reports.len(), count, "frame {n}: {reports:#?}");
        let r = &reports[i];
        assert_eq!(r.verdict, "failed", "{r:#?}");
        let c = r.checks.iter().find(|c| c.what == what).unwrap_or_else(|| panic!("{r:#?}"));
        assert_eq!(c.outcome, Outcome::Failed, "{c:?}");
        assert!(c.detail.as_deref().unwrap().contains("frame altered"), "{c:?}");
        for (_, o) in reports.iter().enumerate().filter(|&(j, _)| j != i) {
            assert_eq!(o.verdict, "verified", "frame {n}: {o:#?}");
        }
    }
}
