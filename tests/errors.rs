//! Every error path of the public API, triggered: the error is the one that names the problem,
//! its `Display` says so, and neither its `Display` nor its `Debug` carries key material (every
//! key, passphrase and key-derived buffer below is made of recognizable octets that are looked
//! for in both).
//!
//! Paths that no public input reaches (internal invariants, kept as errors instead of panics)
//! are listed at the end.

mod common;

use std::cell::RefCell;
use std::collections::BTreeSet;

use common::suite_of;
use hmac::{Hmac, KeyInit, Mac};
use ieee80211_keys::cckm::{
    BaseKeys, Btk, GroupKey, Krk, ReassocRequest, ReassocResponse, RekeyGuard, RekeyNumber,
};
use ieee80211_keys::eapol::{self, find_gtk, find_igtk, DescriptorType, EapolKeyFrame, Kdes};
use ieee80211_keys::ft::{
    self, Fte, FteMicInput, PmkR0, PmkR0Key, PmkR0Name, PmkR1, PmkR1Key, PmkR1Name, PtkName, XxKey,
};
use ieee80211_keys::owe::{Group, OweKeyPair, OweKeys, OwePublicKey, OwePublicValues, OweZ};
use ieee80211_keys::owe_element::OweDhParameter;
use ieee80211_keys::prf;
use ieee80211_keys::suite::Kdf;
use ieee80211_keys::{
    Akm, Cipher, Error, Gmk, Gtk, Igtk, Kck, Kdk, Kek, MacAddr, Mic, MobilityDomainId, Msk, Nonce,
    Pmk, PmkId, Protocol, Psk, Ptk, R0khId, Ssid, Tk,
};
use ieee80211_keys::{Pairwise, Suite};

/// Recognizable key octets (never all equal, so a 4-octet window is distinctive).
fn key(len: usize) -> Vec<u8> {
    (0..len).map(|i| 0xe1 ^ (i as u8).wrapping_mul(29)).collect()
}

/// The checks every case goes through, and the variants seen.
struct Checker {
    secrets: Vec<Vec<u8>>,
    seen: RefCell<BTreeSet<String>>,
}

impl Checker {
    fn new() -> Self {
        let mut secrets: Vec<Vec<u8>> = (1..=80).map(key).collect();
        secrets.push(PASSPHRASE.to_vec());
        Checker { secrets, seen: RefCell::default() }
    }

    /// `r` must be an error that `want` accepts and whose Display contains `says`.
    #[track_caller]
    fn case<T: std::fmt::Debug>(
        &self,
        r: Result<T, Error>,
        want: impl Fn(&Error) -> bool,
        says: &str,
    ) {
        let e = match r {
            Ok(v) => panic!("expected an error saying {says:?}, got Ok({v:?})"),
            Err(e) => e,
        };
        assert!(want(&e), "unexpected error: {e:?}");
        let (shown, debug) = (e.to_string(), format!("{e:?}"));
        assert!(shown.contains(says), "{shown:?} does not say {says:?}");
        assert!(!shown.is_empty() && shown.len() < 200, "{shown:?}");
        for s in &self.secrets {
            for w in s.windows(4) {
                let hex: String = w.iter().map(|b| format!("{b:02x}")).collect();
                for text in [&shown, &debug] {
                    let lower = text.to_lowercase();
                    assert!(!lower.contains(&hex), "key bytes in {text}");
                    let list = format!("{w:?}");
                    assert!(!text.contains(&list[1..list.len() - 1]), "key bytes in {text}");
                }
            }
        }
        // And the passphrase as text.
        for w in PASSPHRASE.windows(4) {
            let text = String::from_utf8_lossy(w);
            assert!(!shown.contains(&*text) && !debug.contains(&*text), "passphrase in {shown}");
        }
        let variant = debug.split(|c: char| !c.is_alphanumeric()).next().unwrap().to_string();
        self.seen.borrow_mut().insert(variant);
    }
}

const PASSPHRASE: &[u8] = b"Zq9WvK\x7f#jX8mQ";

fn mac(last: u8) -> MacAddr {
    MacAddr::new([2, 0, 0, 0, 0, last])
}

/// An EAPOL-Key frame: version bits, MIC field length, Key Data.
fn frame(version: u8, mic_len: usize, key_data: &[u8]) -> Vec<u8> {
    let body = 95 + mic_len - 16 + key_data.len();
    let mut f = vec![2, 3];
    f.extend_from_slice(&(body as u16).to_be_bytes());
    f.push(2);
    f.extend_from_slice(&(0x0108u16 | u16::from(version)).to_be_bytes());
    f.extend_from_slice(&[0; 74]);
    f.extend(vec![0; mic_len]);
    f.extend_from_slice(&(key_data.len() as u16).to_be_bytes());
    f.extend_from_slice(key_data);
    f
}

/// An FTE for a 16-octet MIC, with subelements.
fn fte(subelements: &[u8]) -> Vec<u8> {
    let mut f = vec![55, 0, 0, 3];
    f.extend(vec![0; 16 + 64]);
    f.extend_from_slice(subelements);
    f[1] = (f.len() - 2) as u8;
    f
}

fn is_len(what: &'static str) -> impl Fn(&Error) -> bool {
    move |e| matches!(e, Error::InvalidLength { what: w, .. } if *w == what)
}

fn elem(reason_part: &'static str) -> impl Fn(&Error) -> bool {
    move |e| matches!(e, Error::MalformedElement { reason } if reason.contains(reason_part))
}

fn frm(reason_part: &'static str) -> impl Fn(&Error) -> bool {
    move |e| matches!(e, Error::MalformedFrame { reason } if reason.contains(reason_part))
}

fn not_for(e: &Error) -> bool {
    matches!(e, Error::NotForAkm { .. })
}

#[test]
fn every_error_path_names_its_problem_without_key_material() {
    let c = Checker::new();

    // ---- public values
    c.case(MacAddr::from_slice(&key(5)), is_len("MAC address"), "MAC address: length 5 octets");
    c.case(
        "02:00:00:00:00".parse::<MacAddr>(),
        |e| *e == Error::InvalidHex { what: "MAC address" },
        "MAC address: not a valid hexadecimal",
    );
    c.case(Nonce::from_slice(&key(31)), is_len("nonce"), "nonce: length 31");
    c.case(PmkId::from_slice(&key(15)), is_len("PMKID"), "PMKID: length 15");
    c.case(PmkR0Name::from_slice(&key(17)), is_len("PMKR0Name"), "PMKR0Name");
    c.case(PmkR1Name::from_slice(&key(17)), is_len("PMKR1Name"), "PMKR1Name");
    c.case(PtkName::from_slice(&key(17)), is_len("PTKName"), "PTKName");
    c.case(MobilityDomainId::from_slice(&key(3)), is_len("MDID"), "MDID: length 3");
    c.case(Ssid::new(&key(33)), |e| *e == Error::SsidTooLong { len: 33 }, "SSID has 33 octets");
    c.case(R0khId::new(&[]), is_len("R0KH-ID"), "R0KH-ID: length 0");
    c.case(R0khId::new(&key(49)), is_len("R0KH-ID"), "R0KH-ID: length 49");
    c.case(Mic::from_slice(&key(33)), is_len("MIC"), "MIC: length 33");
    c.case(Mic::from_slice(&[]), is_len("MIC"), "MIC: length 0");

    // ---- every secret's from_bytes, with key octets of a refused length
    c.case(Psk::from_bytes(&key(33)), is_len("PSK"), "PSK: length 33");
    c.case(Pmk::from_bytes(&key(40)), is_len("PMK"), "PMK: length 40");
    c.case(Msk::from_bytes(&key(65)), is_len("MSK"), "MSK: length 65");
    c.case(Msk::from_bytes(&[]), is_len("MSK"), "MSK: length 0");
    c.case(Kck::from_bytes(&key(20)), is_len("KCK"), "KCK: length 20");
    c.case(Kek::from_bytes(&key(24)), is_len("KEK"), "KEK: length 24");
    c.case(Tk::from_bytes(&key(5)), is_len("TK"), "TK: length 5");
    c.case(Kdk::from_bytes(&key(15)), is_len("KDK"), "KDK: length 15");
    c.case(Gmk::from_bytes(&key(65)), is_len("GMK"), "GMK: length 65");
    c.case(Gtk::from_bytes(&key(13)), is_len("GTK"), "GTK: length 13");
    c.case(Igtk::from_bytes(&key(24)), is_len("IGTK"), "IGTK: length 24");
    c.case(XxKey::from_bytes(&key(40)), is_len("XXKey"), "XXKey: length 40");
    c.case(PmkR0Key::from_bytes(&key(65)), is_len("PMK-R0"), "PMK-R0: length 65");
    c.case(PmkR1Key::from_bytes(&key(16)), is_len("PMK-R1"), "PMK-R1: length 16");
    c.case(Krk::from_bytes(&key(32)), is_len("KRK"), "KRK: length 32");
    c.case(Btk::from_bytes(&key(16)), is_len("BTK"), "BTK: length 16");

    // ---- PSK, PMK, PMKID
    let ssid = Ssid::new(b"net").unwrap();
    c.case(
        Psk::from_passphrase(&PASSPHRASE[..7], &ssid),
        |e| *e == Error::PassphraseLength { len: 7 },
        "passphrase has 7 characters",
    );
    c.case(
        Psk::from_passphrase([b'a'; 64], &ssid),
        |e| *e == Error::PassphraseLength { len: 64 },
        "passphrase has 64",
    );
    c.case(
        Psk::from_passphrase(PASSPHRASE, &ssid),
        |e| *e == Error::PassphraseCharacter { position: 6 },
        "position 6 is not printable",
    );
    c.case(
        Psk::from_hex("00"),
        |e| *e == Error::InvalidHex { what: "PSK" },
        "PSK: not a valid hexadecimal",
    );
    c.case(Psk::from_hex(&"g".repeat(64)), |e| *e == Error::InvalidHex { what: "PSK" }, "PSK");
    let msk = Msk::from_bytes(&key(40)).unwrap();
    c.case(Pmk::from_msk(Akm::Psk, &msk), not_for, "a PMK from an MSK is not defined for AKM PSK");
    c.case(
        Pmk::from_msk(Akm::SuiteB192, &msk),
        |e| *e == Error::MskTooShort { needed: 48, len: 40 },
        "MSK has 40 octets; this AKM needs at least 48",
    );
    let pmk = Pmk::from_bytes(&key(32)).unwrap();
    c.case(pmk.pmkid(Akm::SuiteB, &mac(1), &mac(2)), not_for, "keys it with the KCK");
    c.case(pmk.pmkid(Akm::Sae, &mac(1), &mac(2)), not_for, "SAE's PMKID");

    // ---- PTK, KCK PMKID
    let (aa, spa, an, sn) = (mac(1), mac(2), Nonce::new([1; 32]), Nonce::new([2; 32]));
    c.case(
        Suite::new(Akm::FtPsk, Cipher::Ccmp128, pmk.len()).and_then(|suite| {
            Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: an, snonce: sn })
        }),
        not_for,
        "FT PTKs come from PMK-R1",
    );
    c.case(
        Suite::new(Akm::Cckm, Cipher::Ccmp128, pmk.len()).and_then(|suite| {
            Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: an, snonce: sn })
        }),
        not_for,
        "CCKM PTKs come from the BTK",
    );
    c.case(
        Suite::new(Akm::Sae, Cipher::Tkip, pmk.len()).and_then(|suite| {
            Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: an, snonce: sn })
        }),
        |e| matches!(e, Error::UnsupportedCombination { .. }),
        "does not combine with pairwise cipher TKIP",
    );
    c.case(
        Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())
            .and_then(|suite| suite.with_kdk(65))
            .and_then(|suite| {
                Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: an, snonce: sn })
            }),
        is_len("KDK"),
        "KDK: length 65",
    );
    c.case(
        Suite::new(Akm::Psk, Cipher::Ccmp128, Akm::Psk.pmk_len())
            .and_then(|suite| Ptk::from_bytes(&suite, &key(47))),
        is_len("PTK"),
        "PTK: length 47",
    );
    c.case(
        Suite::new(Akm::Psk, Cipher::Ccmp128, Akm::Psk.pmk_len())
            .and_then(|suite| Ptk::from_bytes(&suite, &key(56))),
        is_len("KDK"),
        "KDK: length 8",
    );
    c.case(
        Suite::new(Akm::SuiteB, Cipher::Tkip, Akm::SuiteB.pmk_len())
            .and_then(|suite| Ptk::from_bytes(&suite, &key(64))),
        |e| matches!(e, Error::UnsupportedCombination { .. }),
        "does not combine",
    );
    let ptk = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())
        .and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: an, snonce: sn }))
        .unwrap();
    c.case(ptk.kck().pmkid(Akm::Psk, &aa, &spa), not_for, "a KCK-keyed PMKID");

    // ---- suite table
    c.case(
        Akm::from_selector(&[0, 0x0f, 0xac]),
        is_len("AKM suite selector"),
        "AKM suite selector: length 3",
    );
    c.case(
        Akm::from_selector(&[0, 0x0f, 0xac, 7]),
        |e| matches!(e, Error::UnknownAkm { .. }),
        "unknown AKM suite selector 00-0f-ac:7",
    );
    c.case(
        "wep-40".parse::<Cipher>(),
        |e| matches!(e, Error::InvalidText { what: "cipher suite" }),
        "cipher suite: text not recognised",
    );
    c.case(
        Cipher::from_selector(&[0; 5]),
        is_len("cipher suite selector"),
        "cipher suite selector: length 5",
    );
    c.case(
        Cipher::from_selector(&[0, 0x50, 0xf2, 9]),
        |e| matches!(e, Error::UnknownCipher { .. }),
        "unknown cipher suite selector 00-50-f2:9",
    );
    c.case(Akm::Psk.fte_mic_algorithm(), not_for, "an FTE MIC (FT AKMs only)");
    c.case(
        Akm::Cckm.check_cipher(Cipher::Gcmp256),
        |e| matches!(e, Error::UnsupportedCombination { .. }),
        "CCKM",
    );
    c.case(Akm::FtSae.pmkid_algorithm(), not_for, "SAE");
    c.case(
        Akm::Psk.mic_algorithm(3),
        |e| *e == Error::DescriptorVersion { akm: Akm::Psk, version: 3 },
        "descriptor version 3 is not valid for AKM PSK",
    );
    c.case(
        Akm::Sae.key_wrap(2),
        |e| matches!(e, Error::DescriptorVersion { .. }),
        "descriptor version 2",
    );

    // ---- PRF, KDF, PBKDF2
    let mut big = vec![0u8; 8200];
    c.case(
        prf::prf_sha1(&key(32), b"l", &[], &mut big[..5121]),
        |e| *e == Error::OutputTooLong { requested: 5121, max: 5120 },
        "5121 octets exceeds the maximum of 5120",
    );
    c.case(
        prf::cckm_prf(&key(32), &[], &mut big[..5121]),
        |e| matches!(e, Error::OutputTooLong { .. }),
        "exceeds",
    );
    c.case(
        prf::kdf_sha256(&key(32), b"l", &[], &mut big[..8192]),
        |e| matches!(e, Error::OutputTooLong { .. }),
        "8192 octets exceeds the maximum of 8191",
    );
    c.case(
        prf::kdf_sha384(&key(32), b"l", &[], &mut big[..8200]),
        |e| matches!(e, Error::OutputTooLong { .. }),
        "exceeds",
    );
    c.case(
        prf::kdf_bits(Kdf::Sha1Prf, &key(32), b"l", &[], 128, &mut big[..16]),
        |e| matches!(e, Error::Unsupported { .. }),
        "not supported: a bit-length output from the SHA-1 PRF",
    );
    c.case(
        prf::kdf_bits(Kdf::Sha256, &key(32), b"l", &[], 65536, &mut big[..8192]),
        |e| matches!(e, Error::OutputTooLong { .. }),
        "exceeds",
    );
    c.case(
        prf::kdf_bits(Kdf::Sha384, &key(32), b"l", &[], 129, &mut big[..16]),
        |e| *e == Error::BufferSize { needed: 17, len: 16 },
        "buffer has 16 octets; 17 are needed",
    );
    c.case(
        prf::pbkdf2_sha1(PASSPHRASE, b"salt", 0, &mut big[..32]),
        |e| matches!(e, Error::Unsupported { .. }),
        "zero iterations",
    );

    // ---- EAPOL-Key frames
    let kck = Kck::from_bytes(&key(16)).unwrap();
    let kek = Kek::from_bytes(&key(16)).unwrap();
    let good = frame(2, 16, &[]);
    c.case(
        DescriptorType::from_octet(3),
        frm("descriptor type"),
        "malformed frame: descriptor type is neither 2",
    );
    c.case(
        EapolKeyFrame::parse(&suite_of(Akm::Psk), &good[..3]),
        frm("4-octet EAPOL header"),
        "shorter than the 4-octet EAPOL header",
    );
    let mut wrong_type = good.clone();
    wrong_type[1] = 0;
    c.case(
        EapolKeyFrame::parse(&suite_of(Akm::Psk), &wrong_type),
        frm("packet type"),
        "packet type is not 3",
    );
    c.case(
        EapolKeyFrame::parse(&suite_of(Akm::Psk), &good[..good.len() - 1]),
        frm("body length exceeds"),
        "EAPOL body length exceeds the frame",
    );
    c.case(
        EapolKeyFrame::parse(&suite_of(Akm::PskSha384), &good),
        frm("too short"),
        "EAPOL body too short",
    );
    let mut long_kd = good.clone();
    long_kd[98] = 1;
    c.case(
        EapolKeyFrame::parse(&suite_of(Akm::Psk), &long_kd),
        frm("Key Data Length"),
        "Key Data Length exceeds the EAPOL body",
    );
    let mut wrong_desc = good.clone();
    wrong_desc[4] = 1;
    c.case(
        EapolKeyFrame::parse(&suite_of(Akm::Psk), &wrong_desc),
        frm("descriptor type"),
        "descriptor type",
    );
    let kck24 = Kck::from_bytes(&key(24)).unwrap();
    c.case(
        eapol::compute_mic(&suite_of(Akm::Psk), &kck24, &good),
        is_len("EAPOL-Key MIC key"),
        "EAPOL-Key MIC key: length 24",
    );
    c.case(
        eapol::verify_mic(&suite_of(Akm::Psk), &kck, &frame(3, 16, &[])),
        |e| matches!(e, Error::DescriptorVersion { .. }),
        "descriptor version 3",
    );
    c.case(
        eapol::verify_mic(&suite_of(Akm::Psk), &kck, &good),
        |e| *e == Error::MicMismatch,
        "MIC mismatch",
    );
    let mut short_out = [0u8; 8];
    c.case(
        eapol::write_mic(&suite_of(Akm::Psk), &kck, &mut good[..50].to_vec()),
        frm("body length"),
        "malformed frame",
    );
    let kek32 = Kek::from_bytes(&key(32)).unwrap();
    let iv = [0u8; 16];
    c.case(
        eapol::wrap_key_data(&suite_of(Akm::Psk), 2, &iv, &kek32, &key(16), &mut big),
        is_len("KEK"),
        "KEK: length 32",
    );
    c.case(
        eapol::wrap_key_data(&suite_of(Akm::Psk), 0, &iv, &kek, &key(16), &mut big),
        |e| matches!(e, Error::DescriptorVersion { .. }),
        "descriptor version 0",
    );
    c.case(
        eapol::wrap_key_data(&suite_of(Akm::Psk), 2, &iv, &kek, &key(16), &mut short_out),
        |e| *e == Error::BufferSize { needed: 24, len: 8 },
        "buffer has 8 octets; 24 are needed",
    );
    c.case(
        eapol::wrap_key_data(&suite_of(Akm::Psk), 2, &iv, &kek, &key(10), &mut big[..30]),
        |e| *e == Error::BufferSize { needed: 40, len: 30 },
        "40 are needed",
    );
    c.case(
        eapol::wrap_key_data(&suite_of(Akm::Psk), 1, &iv, &kek, &key(10), &mut short_out),
        |e| *e == Error::BufferSize { needed: 10, len: 8 },
        "10 are needed",
    );
    c.case(
        eapol::unwrap_key_data(&suite_of(Akm::Psk), 2, &iv, &kek, &key(17), &mut big),
        is_len("AES key wrap ciphertext"),
        "AES key wrap ciphertext: length 17",
    );
    c.case(
        eapol::unwrap_key_data(&suite_of(Akm::Psk), 2, &iv, &kek, &key(24), &mut short_out),
        |e| *e == Error::BufferSize { needed: 16, len: 8 },
        "16 are needed",
    );
    c.case(
        eapol::unwrap_key_data(&suite_of(Akm::Psk), 2, &iv, &kek, &key(24), &mut big),
        |e| *e == Error::UnwrapFailed,
        "AES key unwrap integrity check failed",
    );
    c.case(
        eapol::unwrap_key_data(&suite_of(Akm::Psk), 1, &iv, &kek, &key(24), &mut short_out),
        |e| matches!(e, Error::BufferSize { .. }),
        "buffer has 8",
    );
    c.case(
        eapol::unwrap_key_data(&suite_of(Akm::Psk), 2, &iv, &kek32, &key(24), &mut big),
        is_len("KEK"),
        "KEK: length 32",
    );
    let view = EapolKeyFrame::parse(&suite_of(Akm::Psk), &good).unwrap();
    c.case(
        view.unwrap_key_data(&suite_of(Akm::Psk), &kek, &mut big),
        is_len("AES key wrap ciphertext"),
        "length 0",
    );

    // ---- Key Data and KDEs
    let first_err = |kd: &[u8]| Kdes::new(kd).find_map(Result::err).map_or(Ok(()), Err);
    c.case(
        first_err(&[0xdd, 0, 0, 1]),
        elem("after the Key Data padding"),
        "malformed element: non-zero octets after the Key Data padding",
    );
    c.case(
        first_err(&[0x30]),
        elem("inside an element header"),
        "Key Data ends inside an element header",
    );
    c.case(
        first_err(&[0x30, 5, 1]),
        elem("longer than the Key Data"),
        "element longer than the Key Data",
    );
    c.case(
        first_err(&[0xdd, 3, 0, 0x0f, 0xac]),
        elem("KDE shorter than OUI"),
        "KDE shorter than OUI and type",
    );
    let gtk_kde = |gtk: &[u8]| {
        let mut k = vec![0xdd, 6 + gtk.len() as u8, 0, 0x0f, 0xac, 1, 1, 0];
        k.extend_from_slice(gtk);
        k
    };
    c.case(
        find_gtk(&[gtk_kde(&key(16)), gtk_kde(&key(16))].concat()),
        elem("more than one GTK"),
        "more than one GTK KDE",
    );
    c.case(
        find_gtk(&[0xdd, 5, 0, 0x0f, 0xac, 1, 1]),
        elem("GTK KDE shorter than 2"),
        "GTK KDE shorter than 2 octets",
    );
    c.case(find_gtk(&gtk_kde(&key(4))), elem("GTK is not 5 to 32"), "GTK is not 5 to 32 octets");
    c.case(find_gtk(&[0x30]), elem("inside an element header"), "element header");
    c.case(find_gtk(&gtk_kde(&key(5))).unwrap().unwrap().gtk(), is_len("GTK"), "GTK: length 5");
    let igtk_kde = |igtk: &[u8]| {
        let mut k = vec![0xdd, 12 + igtk.len() as u8, 0, 0x0f, 0xac, 9, 4, 0, 0, 0, 0, 0, 0, 0];
        k.extend_from_slice(igtk);
        k
    };
    c.case(
        find_igtk(&[igtk_kde(&key(16)), igtk_kde(&key(16))].concat()),
        elem("more than one IGTK"),
        "more than one IGTK KDE",
    );
    c.case(
        find_igtk(&[0xdd, 7, 0, 0x0f, 0xac, 9, 4, 0, 0]),
        elem("IGTK KDE shorter than 8"),
        "IGTK KDE shorter than 8 octets",
    );
    c.case(
        find_igtk(&igtk_kde(&key(24))),
        elem("IGTK is not 16 or 32"),
        "IGTK is not 16 or 32 octets",
    );

    // ---- FT hierarchy
    let msk = Msk::from_bytes(&key(48)).unwrap();
    c.case(XxKey::from_msk(Akm::FtPsk, &msk), not_for, "an XXKey from an MSK");
    c.case(
        XxKey::from_msk(Akm::FtIeee8021x, &msk),
        |e| *e == Error::MskTooShort { needed: 64, len: 48 },
        "MSK has 48 octets; this AKM needs at least 64",
    );
    let psk48 = Psk::from_bytes(&key(48)).unwrap();
    c.case(XxKey::from_psk(Akm::Psk, &psk48), not_for, "an XXKey from a PSK");
    c.case(
        XxKey::from_psk(Akm::FtPsk, &psk48),
        is_len("XXKey for this AKM"),
        "XXKey for this AKM: length 48",
    );
    c.case(
        XxKey::from_sae_pmk(Akm::FtSae, &Pmk::from_bytes(&key(64)).unwrap()),
        is_len("XXKey for this AKM"),
        "length 64",
    );
    c.case(XxKey::from_sae_pmk(Akm::Sae, &pmk), not_for, "an XXKey from an SAE PMK");
    let xx32 = XxKey::from_bytes(&key(32)).unwrap();
    let (r0kh, mdid) = (R0khId::new(b"r0kh").unwrap(), MobilityDomainId::new([1, 2]));
    c.case(
        PmkR0::derive(Akm::Psk, &xx32, &ssid, mdid, &r0kh, &aa),
        not_for,
        "the FT key hierarchy",
    );
    c.case(
        PmkR0::derive(Akm::FtIeee8021xSha384, &xx32, &ssid, mdid, &r0kh, &aa),
        is_len("XXKey for this AKM"),
        "length 32",
    );
    let r0key = PmkR0Key::from_bytes(&key(32)).unwrap();
    c.case(
        PmkR0::from_parts(Akm::FtPskSha384, r0key.clone(), PmkR0Name::new([0; 16])),
        is_len("PMK-R0 for this AKM"),
        "PMK-R0 for this AKM: length 32",
    );
    c.case(PmkR0::from_parts(Akm::Sae, r0key, PmkR0Name::new([0; 16])), not_for, "FT AKMs only");
    let r1key = PmkR1Key::from_bytes(&key(48)).unwrap();
    c.case(
        PmkR1::from_parts(Akm::FtSae, r1key.clone(), PmkR1Name::new([0; 16])),
        is_len("PMK-R1 for this AKM"),
        "PMK-R1 for this AKM: length 48",
    );
    c.case(
        PmkR1::from_parts(Akm::Ieee8021x, r1key, PmkR1Name::new([0; 16])),
        not_for,
        "FT AKMs only",
    );
    let r1 = PmkR1::from_parts(
        Akm::FtSae,
        PmkR1Key::from_bytes(&key(32)).unwrap(),
        PmkR1Name::new([0; 16]),
    )
    .unwrap();
    c.case(
        r1.derive_ptk(Cipher::Tkip, &Pairwise { aa, spa, anonce: an, snonce: sn }),
        |e| matches!(e, Error::UnsupportedCombination { .. }),
        "TKIP",
    );

    // ---- FT element and MIC
    c.case(Fte::parse(&suite_of(Akm::Psk), &fte(&[])), not_for, "an FTE MIC (FT AKMs only)");
    c.case(
        Fte::parse(&suite_of(Akm::FtPsk), &[55]),
        elem("2-octet header"),
        "element shorter than its 2-octet header",
    );
    c.case(
        Fte::parse(&suite_of(Akm::FtPsk), &[54, 0]),
        elem("element ID is not 55"),
        "FTE: element ID is not 55",
    );
    c.case(
        Fte::parse(&suite_of(Akm::FtPsk), &[55, 1]),
        elem("length octet does not match"),
        "element length octet does not match",
    );
    c.case(
        Fte::parse(&suite_of(Akm::FtPskSha384), &fte(&[])),
        elem("too short for MIC Control"),
        "FTE: too short for MIC Control, MIC and nonces",
    );
    c.case(
        Fte::parse(&suite_of(Akm::FtPsk), &fte(&[1, 6, 0])),
        elem("subelement overruns"),
        "FTE: a subelement overruns the element",
    );
    c.case(
        Fte::parse(&suite_of(Akm::FtPsk), &fte(&[1, 1, 0])),
        elem("R1KH-ID subelement"),
        "R1KH-ID subelement is not 6 octets",
    );
    c.case(
        Fte::parse(&suite_of(Akm::FtPsk), &fte(&[3, 0])),
        elem("R0KH-ID subelement"),
        "R0KH-ID subelement is not 1 to 48 octets",
    );
    // MIC Control's MIC Length subfield (bits 1 to 3) says 24 octets, FT-PSK's MIC has 16.
    let mut says_24 = fte(&[]);
    says_24[2] = 1 << 1;
    c.case(
        Fte::parse(&suite_of(Akm::FtPsk), &says_24),
        elem("MIC Length subfield"),
        "FTE: the MIC Length subfield of MIC Control disagrees with the AKM's FTE MIC length",
    );
    c.case(
        Suite::new(Akm::FtSaeExtKey, Cipher::Ccmp128, 64).unwrap().check_fte_mic_len_subfield(0),
        elem("MIC Length subfield"),
        "disagrees with the AKM's FTE MIC length",
    );
    c.case(
        FteMicInput::from_elements(&spa, &aa, 5, &[48, 2, 1, 0, 55, 0]),
        elem("MDE: missing"),
        "MDE: missing from the FT frame",
    );
    let (rsne, mde, the_fte) = ([48u8, 2, 1, 0], [54u8, 3, 1, 2, 1], fte(&[]));
    let input = FteMicInput {
        sta_addr: &spa,
        bssid: &aa,
        transaction_seq: 5,
        rsne: &rsne,
        mde: &mde,
        fte: &the_fte,
        ric: None,
        rsnxe: None,
    };
    c.case(
        ft::fte_mic(&suite_of(Akm::FtPsk), &kck24, &input),
        is_len("KCK for this AKM's FTE MIC"),
        "KCK for this AKM's FTE MIC: length 24",
    );
    c.case(
        ft::fte_mic(&suite_of(Akm::FtPsk), &kck, &FteMicInput { rsne: &[49, 0], ..input }),
        elem("RSNE"),
        "RSNE: element ID is not 48",
    );
    c.case(
        ft::fte_mic(&suite_of(Akm::FtPsk), &kck, &FteMicInput { rsne: &[48, 3], ..input }),
        elem("length octet"),
        "length octet",
    );
    c.case(
        ft::fte_mic(&suite_of(Akm::FtPsk), &kck, &FteMicInput { mde: &[55, 3, 1, 2, 3], ..input }),
        elem("MDE: element ID"),
        "MDE: element ID is not 54",
    );
    c.case(
        ft::fte_mic(&suite_of(Akm::FtPsk), &kck, &FteMicInput { mde: &[54, 2, 1, 2], ..input }),
        elem("MDE: body"),
        "MDE: body is not 3 octets",
    );
    c.case(
        ft::fte_mic(&suite_of(Akm::FtPsk), &kck, &FteMicInput { ric: Some(&[]), ..input }),
        elem("RIC given but empty"),
        "RIC given but empty",
    );
    c.case(
        ft::fte_mic(&suite_of(Akm::FtPsk), &kck, &FteMicInput { ric: Some(&[1, 2, 0]), ..input }),
        elem("RIC: an element overruns"),
        "RIC: an element overruns the RIC",
    );
    c.case(
        ft::fte_mic(&suite_of(Akm::FtPsk), &kck, &FteMicInput { rsnxe: Some(&[245, 0]), ..input }),
        elem("RSNXE"),
        "RSNXE: element ID is not 244",
    );
    c.case(
        ft::verify_fte_mic(&suite_of(Akm::FtPsk), &kck, &input),
        |e| *e == Error::MicMismatch,
        "MIC mismatch",
    );
    let mut sent = the_fte.clone();
    c.case(
        ft::write_fte_mic(&suite_of(Akm::FtPsk), &mut sent, &Mic::from_slice(&key(24)).unwrap()),
        is_len("FTE MIC for this AKM"),
        "FTE MIC for this AKM: length 24",
    );
    c.case(
        ft::write_fte_mic(
            &suite_of(Akm::FtPsk),
            &mut sent[..10],
            &Mic::from_slice(&key(16)).unwrap(),
        ),
        elem("length octet"),
        "malformed element",
    );

    // ---- CCKM
    let mut rn = RekeyNumber::new(u32::MAX);
    c.case(
        rn.advance(),
        |e| *e == Error::RekeyNumberExhausted,
        "rekey number cannot be incremented",
    );
    let krk = Krk::from_bytes(&key(16)).unwrap();
    let sta_rsne = [48u8, 2, 1, 0];
    let req = ReassocRequest::build(
        Protocol::Rsn,
        &krk,
        &spa,
        &aa,
        &sta_rsne,
        1_000,
        RekeyNumber::new(2),
    )
    .unwrap();
    let verified = req.verify(Protocol::Rsn, &krk, &spa, &aa, &sta_rsne).unwrap();
    c.case(
        RekeyGuard::new().accept(&verified, 5_000, 100),
        |e| *e == Error::TimestampNotFresh,
        "timestamp outside the allowed tolerance",
    );
    c.case(
        RekeyGuard::resume(RekeyNumber::new(2)).accept(&verified, 1_000, 100),
        |e| *e == Error::RekeyNumberNotFresh { received: 2, last: 2 },
        "rekey number 2 is not larger than the last accepted 2",
    );
    c.case(
        req.verify(Protocol::Wpa, &krk, &spa, &aa, &sta_rsne),
        |e| *e == Error::MicMismatch,
        "MIC mismatch",
    );
    let bytes = req.to_bytes();
    c.case(
        ReassocRequest::parse(&bytes[..5]),
        elem("shorter than its header"),
        "CCKM element shorter than its header",
    );
    let mut not_cckm = bytes;
    not_cckm[0] = 0xdd;
    c.case(ReassocRequest::parse(&not_cckm), elem("element ID is not 156"), "not a CCKM element");
    c.case(
        ReassocRequest::parse(&bytes[..25]),
        elem("Length field disagrees"),
        "the Length field disagrees",
    );
    let mut wrong_oui = bytes;
    wrong_oui[4] = 0x97;
    c.case(
        ReassocRequest::parse(&wrong_oui),
        elem("OUI and type"),
        "OUI and type are not 00-40-96:0",
    );
    let mut long_req = bytes.to_vec();
    long_req.push(0);
    long_req[1] = 25;
    c.case(ReassocRequest::parse(&long_req), elem("must be 24"), "the Length field must be 24");

    let base = BaseKeys::derive(&pmk, &Pairwise { aa, spa, anonce: an, snonce: sn }).unwrap();
    let cckm_ptk = base.btk().ptk(RekeyNumber::new(2), &aa, Cipher::Ccmp128).unwrap();
    c.case(
        base.btk().ptk(RekeyNumber::new(2), &aa, Cipher::Gcmp128),
        |e| matches!(e, Error::UnsupportedCombination { .. }),
        "does not combine",
    );
    let gtk = Gtk::from_bytes(&key(16)).unwrap();
    let group = GroupKey { gtk: &gtk, key_id: 1, rsc: [0; 8] };
    let mut out = [0u8; 257];
    c.case(
        ReassocResponse::build(
            Protocol::Rsn,
            &ptk,
            &spa,
            &sta_rsne,
            RekeyNumber::new(2),
            &group,
            &mut out,
        ),
        not_for,
        "a CCKM reassociation response",
    );
    c.case(
        ReassocResponse::build(
            Protocol::Rsn,
            &cckm_ptk,
            &spa,
            &sta_rsne,
            RekeyNumber::new(2),
            &group,
            &mut out[..40],
        ),
        |e| *e == Error::BufferSize { needed: 54, len: 40 },
        "54 are needed",
    );
    let n = ReassocResponse::build(
        Protocol::Rsn,
        &cckm_ptk,
        &spa,
        &sta_rsne,
        RekeyNumber::new(2),
        &group,
        &mut out,
    )
    .unwrap();
    let element = out[..n].to_vec();
    let mut short = element[..29].to_vec();
    short[1] = 27;
    c.case(
        ReassocResponse::parse(&short),
        elem("too short"),
        "CCKM reassociation response too short",
    );
    let mut bad_len = element.clone();
    bad_len[20] = 23;
    c.case(
        ReassocResponse::parse(&bad_len),
        elem("KeyLen disagrees"),
        "KeyLen disagrees with the element length",
    );
    let resp = ReassocResponse::parse(&element).unwrap();
    let rn2 = RekeyNumber::new(2);
    c.case(
        resp.verify_and_decrypt(Protocol::Rsn, &ptk, &spa, &sta_rsne, rn2, Cipher::Ccmp128),
        not_for,
        "CCKM reassociation response",
    );
    c.case(
        resp.verify_and_decrypt(
            Protocol::Rsn,
            &cckm_ptk,
            &spa,
            &sta_rsne,
            RekeyNumber::new(3),
            Cipher::Ccmp128,
        ),
        |e| *e == Error::RekeyNumberMismatch { expected: 3, received: 2 },
        "rekey number 2 does not match the 3 that was sent",
    );
    c.case(
        resp.verify_and_decrypt(Protocol::Wpa, &cckm_ptk, &spa, &sta_rsne, rn2, Cipher::Ccmp128),
        |e| *e == Error::MicMismatch,
        "MIC mismatch",
    );
    c.case(
        resp.verify_and_decrypt(Protocol::Rsn, &cckm_ptk, &spa, &sta_rsne, rn2, Cipher::Gcmp256),
        elem("does not fit the group cipher"),
        "KeyLen does not fit the group cipher's GTK",
    );
    // A corrupted EGTK under a MIC that verifies (recomputed by hand): the unwrap refuses it.
    let mut forged = element.clone();
    forged[35] ^= 1;
    let mut m = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(cckm_ptk.kck().as_bytes()).unwrap();
    m.update(&[spa.as_bytes().as_slice(), &sta_rsne, &forged[6..22], &forged[30..]].concat());
    forged[22..30].copy_from_slice(&m.finalize().into_bytes()[..8]);
    let resp = ReassocResponse::parse(&forged).unwrap();
    c.case(
        resp.verify_and_decrypt(Protocol::Rsn, &cckm_ptk, &spa, &sta_rsne, rn2, Cipher::Ccmp128),
        |e| *e == Error::UnwrapFailed,
        "integrity check failed",
    );

    // OWE (RFC 8110): groups, public values, private scalars, z and the DH Parameter element.
    c.case(
        Group::from_id(14),
        |e| *e == Error::UnsupportedGroup { group: 14 },
        "group 14 is not supported",
    );
    c.case(
        OwePublicKey::from_bytes(Group::P256, &[0xff; 32]),
        |e| matches!(e, Error::InvalidPublicKey { group: 19, .. }),
        "not the x-coordinate of a point on the curve",
    );
    c.case(
        OwePublicKey::from_bytes(Group::P384, &[7; 32]),
        |e| matches!(e, Error::InvalidPublicKey { group: 20, .. }),
        "length is not the prime length",
    );
    c.case(
        OweKeyPair::from_private_bytes(Group::P256, &[0; 32]),
        |e| *e == Error::InvalidPrivateKey { group: 19 },
        "not in [2, r-1]",
    );
    c.case(
        OweKeyPair::from_private_bytes(Group::P256, &key(31)),
        is_len("OWE private key"),
        "OWE private key",
    );
    let p256 = OweKeyPair::from_private_bytes(Group::P256, &key(32)).unwrap();
    let p384 = OweKeyPair::from_private_bytes(Group::P384, &key(48)).unwrap();
    c.case(
        p256.shared_secret(p384.public_key()),
        |e| *e == Error::GroupMismatch { expected: 19, received: 20 },
        "public value of group 20 where group 19 is in use",
    );
    let same = OwePublicValues { client: p256.public_key(), ap: p256.public_key() };
    c.case(
        OweKeys::derive(&OweZ::from_bytes(&key(48)).unwrap(), &same),
        is_len("OWE z for the group"),
        "OWE z for the group",
    );
    c.case(OweZ::from_bytes(&key(64)), is_len("OWE z"), "OWE z");
    c.case(OweDhParameter::parse(&[255, 2, 32, 19]), elem("OWE DH Parameter"), "OWE DH Parameter");
    c.case(
        OweDhParameter::parse(&[255, 5, 32, 14, 0, 1, 2]).unwrap().public_key(),
        |e| *e == Error::UnsupportedGroup { group: 14 },
        "group 14",
    );

    // The frames layer: malformed elements and KDEs name the element; the receivers' checks
    // are Refused with the reason; a stale replay counter names both counters.
    use ieee80211_keys::eapol_key::{Builder, Received};
    use ieee80211_keys::kde::{self as kdes, KdeWriter};
    use ieee80211_keys::oci::Oci;
    use ieee80211_keys::rsne::{self, RsnCapabilities, Rsne, Selector};
    let refused = |part: &'static str| move |e: &Error| matches!(e, Error::Refused { reason, .. } if reason.contains(part));
    let psk_rsne =
        [48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0, 0];
    let mut bad = psk_rsne;
    bad[8] = 9; // nine pairwise ciphers
    c.case(Rsne::parse(&bad), elem("pairwise cipher list overruns"), "RSNE: pairwise cipher list");
    bad = psk_rsne;
    bad[2] = 2;
    c.case(Rsne::parse(&bad), elem("version is not 1"), "RSNE: version is not 1");
    c.case(Rsne::parse(&psk_rsne[..21]), elem("length octet"), "RSNE: length octet");
    c.case(Rsne::parse_wpa(&psk_rsne), elem("ID is not 221"), "WPA element");
    let ap = Rsne::parse(&psk_rsne).unwrap();
    let (p, a) = ([Selector::from(Cipher::Ccmp128)], [Selector::from(Akm::Sae)]);
    let sta = Rsne::new(Cipher::Ccmp128.into(), &p, &a);
    c.case(ap.check_choice(&sta), refused("AKM is not one the AP offers"), "RSNE refused");
    let (p2, a2) = ([Selector::from(Cipher::Ccmp128)], [Selector::from(Akm::Psk)]);
    let mfpr = ap.with_capabilities(RsnCapabilities::from_bits(
        RsnCapabilities::MFPR | RsnCapabilities::MFPC,
    ));
    let plain_sta = Rsne::new(Cipher::Ccmp128.into(), &p2, &a2);
    c.case(
        mfpr.check_choice(&plain_sta),
        refused("requires management frame protection"),
        "frame protection",
    );
    c.case(
        rsne::check_same_rsne(&bad, &psk_rsne),
        refused("differs"),
        "differs from the one advertised",
    );
    let mut kd = [0u8; 64];
    c.case(
        KdeWriter::new(&mut kd).igtk(6, [0; 6], &Igtk::from_bytes(&key(16)).unwrap()).map(drop),
        refused("key ID is not 4 or 5"),
        "IGTK KDE refused: key ID is not 4 or 5",
    );
    c.case(
        KdeWriter::new(&mut kd[..10]).pmkid(&PmkId::new([0; 16])).map(drop),
        |e| *e == Error::BufferSize { needed: 22, len: 10 },
        "22 are needed",
    );
    c.case(
        kdes::find_pmkid(&[0xdd, 5, 0, 0x0f, 0xac, 4, 1]),
        elem("PMKID KDE: not 16"),
        "PMKID KDE",
    );
    c.case(
        kdes::find_bigtk(&[&[0xdd, 28, 0, 0x0f, 0xac, 14, 4, 0][..], &[0; 22]].concat()),
        elem("key ID is not 6 or 7"),
        "BIGTK KDE: key ID",
    );
    c.case(
        Oci::new(81, 1, 0).verify(&Oci::new(81, 6, 0)),
        refused("primary channel"),
        "OCI refused",
    );
    c.case(kdes::verify_oci(&[], &Oci::new(81, 6, 0)), refused("missing"), "OCI KDE refused");
    let an = Nonce::new([1; 32]);
    let psk_suite = ieee80211_keys::Suite::new(Akm::Psk, Cipher::Ccmp128, 32).unwrap();
    let mut frame = [0u8; 128];
    let n = Builder::message1(&psk_suite, 7, &an).write(&mut frame).unwrap();
    let m1 = Received::parse(&psk_suite, &frame[..n]).unwrap();
    c.case(
        m1.check_replay(Some(9)),
        |e| *e == Error::ReplayCounterNotFresh { received: 7, last: 9 },
        "replay counter 7 is not larger than the last accepted 9",
    );
    c.case(
        Builder::message1(&psk_suite, 7, &an).write(&mut frame[..98]),
        |e| *e == Error::BufferSize { needed: 99, len: 98 },
        "99 are needed",
    );

    // Every variant of Error was triggered at least once.
    let all = [
        "PassphraseLength",
        "PassphraseCharacter",
        "InvalidHex",
        "InvalidText",
        "SsidTooLong",
        "InvalidLength",
        "UnknownAkm",
        "UnknownCipher",
        "UnsupportedCombination",
        "NotForAkm",
        "DescriptorVersion",
        "MskTooShort",
        "OutputTooLong",
        "BufferSize",
        "MalformedFrame",
        "MalformedElement",
        "MicMismatch",
        "UnwrapFailed",
        "RekeyNumberNotFresh",
        "RekeyNumberMismatch",
        "RekeyNumberExhausted",
        "TimestampNotFresh",
        "UnsupportedGroup",
        "GroupMismatch",
        "InvalidPublicKey",
        "InvalidPrivateKey",
        "Unsupported",
        "Refused",
        "ReplayCounterNotFresh",
    ];
    let seen = c.seen.borrow();
    let missing: Vec<_> = all.iter().filter(|v| !seen.contains(**v)).collect();
    assert!(missing.is_empty(), "variants never triggered: {missing:?}");
    assert_eq!(seen.len(), all.len(), "a new variant: add it to the list and trigger it");
}

// Error paths no public input reaches (each guards an invariant another check already
// enforces, and returns an error rather than panic if that check were ever removed):
// - secret.rs `SecretBytes::fill_with` OutputTooLong: every caller's length is checked against
//   the type's allowed lengths first, all within capacity;
// - ptk.rs `from_expansion` OutputTooLong: the longest PTK (88 octets) plus the longest KDK
//   (64) fits the 160-octet buffer; `split` InvalidLength PTK after an expansion;
// - ft.rs PmkR0::derive OutputTooLong (Q + 16 <= 64); `fte_mic_parts` and `write_fte_mic`
//   "FTE: too short for its MIC" after `Fte::parse` accepted the element;
// - eapol.rs `mic_algorithm` InvalidLength EAPOL-Key MIC (the frame is parsed with the AKM's
//   MIC length), `write_mic` BufferSize (the parse checked the MIC field), the final
//   BufferSize of `wrap_key_data` and `unwrap_key_data` (checked before wrapping);
// - keywrap.rs: the RC4 key-length errors (IV/RN and a 16-octet KEK) and the wrap's internal
//   errors (lengths checked by the callers); mic.rs: an HMAC-MD5 or CMAC key refused (every
//   MIC key's length is checked against the AKM first);
// - cckm.rs `build` InvalidLength of the encrypted GTK (at most 40 octets) and its last
//   BufferSize, `open_gtk` BufferSize (the EGTK length was chosen for the GTK);
// - prf.rs `pbkdf2_sha1` OutputTooLong (more than 80 GiB of output).
