//! Every published vector in `test-vectors/`, run against the library.

mod common;

use common::*;
use ieee80211_keys::{prf, Pmk, Psk, Ptk, Ssid};
use ieee80211_keys::{Pairwise, Suite};

#[test]
fn sha1_prf_published_vectors() {
    for v in vectors("prf_sha1.json", "vectors") {
        let want = hx(s(&v, "output"));
        assert_eq!(want.len() * 8, n(&v, "bits") as usize, "{}", s(&v, "name"));
        let mut out = vec![0u8; want.len()];
        prf::prf_sha1(
            &bytes(s(&v, "key")),
            s(&v, "label").as_bytes(),
            &[&bytes(s(&v, "data"))],
            &mut out,
        )
        .unwrap();
        assert_eq!(hex::encode(&out), hex::encode(&want), "{}", s(&v, "name"));
    }
}

#[test]
fn kdf_published_vectors() {
    for v in vectors("kdf.json", "vectors") {
        let want = hx(s(&v, "output"));
        let mut out = vec![0u8; want.len()];
        let kdf = match s(&v, "hash") {
            "sha256" => ieee80211_keys::suite::Kdf::Sha256,
            "sha384" => ieee80211_keys::suite::Kdf::Sha384,
            h => panic!("hash {h}"),
        };
        let ctx = bytes(s(&v, "context"));
        prf::kdf_bits(
            kdf,
            &bytes(s(&v, "key")),
            s(&v, "label").as_bytes(),
            &[&ctx],
            n(&v, "bits") as usize,
            &mut out,
        )
        .unwrap();
        assert_eq!(hex::encode(&out), hex::encode(&want), "{}", s(&v, "name"));
    }
}

#[test]
fn psk_published_vectors() {
    for v in vectors("psk.json", "psk") {
        let ssid = Ssid::new(&bytes(s(&v, "ssid"))).unwrap();
        let psk = Psk::from_passphrase(s(&v, "passphrase"), &ssid).unwrap();
        assert_eq!(hex::encode(psk.as_bytes()), s(&v, "psk"), "{}", s(&v, "name"));
        // The same PSK given as 64 hex digits.
        let again = Psk::from_hex(s(&v, "psk")).unwrap();
        assert!(bool::from(subtle::ConstantTimeEq::ct_eq(&psk, &again)));
    }
}

#[test]
fn pbkdf2_published_vectors() {
    for v in vectors("psk.json", "pbkdf2_hmac_sha1") {
        let want = hx(s(&v, "output"));
        let mut out = vec![0u8; want.len()];
        prf::pbkdf2_sha1(
            &bytes(s(&v, "password")),
            &bytes(s(&v, "salt")),
            n(&v, "iterations") as u32,
            &mut out,
        )
        .unwrap();
        assert_eq!(hex::encode(&out), hex::encode(&want), "{}", s(&v, "name"));
    }
}

#[test]
fn ptk_published_vectors() {
    for v in vectors("ptk.json", "vectors") {
        let name = s(&v, "name");
        let pmk = Pmk::from_bytes(&hx(s(&v, "pmk"))).unwrap();
        let (akm, cipher) = (akm(n(&v, "akm")), cipher(n(&v, "cipher")));
        let (aa, spa) = (mac(s(&v, "aa")), mac(s(&v, "spa")));
        let (anonce, snonce) = (nonce(s(&v, "anonce")), nonce(s(&v, "snonce")));
        let kdk_len = n(&v, "kdk_len") as usize;
        let ptk = Suite::new(akm, cipher, pmk.len())
            .and_then(|suite| suite.with_kdk(kdk_len))
            .and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce }))
            .unwrap();
        assert_eq!(hex::encode(ptk.kck().as_bytes()), s(&v, "kck"), "{name}: KCK");
        assert_eq!(hex::encode(ptk.kek().as_bytes()), s(&v, "kek"), "{name}: KEK");
        assert_eq!(hex::encode(ptk.tk().as_bytes()), s(&v, "tk"), "{name}: TK");
        match v["kdk"].as_str() {
            Some(kdk) => assert_eq!(hex::encode(ptk.kdk().unwrap().as_bytes()), kdk, "{name}: KDK"),
            None => assert!(ptk.kdk().is_none()),
        }
    }
}

#[test]
fn ptk_kdf_length_is_an_input() {
    // J.13: with Length = 640 bits (KDK included) every part differs from the 384-bit PTK.
    let v = vectors("ptk.json", "vectors").into_iter().find(|v| v["kdk"].is_string()).unwrap();
    let pmk = Pmk::from_bytes(&hx(s(&v, "pmk"))).unwrap();
    let ptk = Suite::new(akm(n(&v, "akm")), cipher(n(&v, "cipher")), pmk.len())
        .and_then(|suite| {
            Ptk::derive(
                &pmk,
                &suite,
                &Pairwise {
                    aa: mac(s(&v, "aa")),
                    spa: mac(s(&v, "spa")),
                    anonce: nonce(s(&v, "anonce")),
                    snonce: nonce(s(&v, "snonce")),
                },
            )
        })
        .unwrap();
    assert_ne!(hex::encode(ptk.kck().as_bytes()), s(&v, "kck"));
}

#[test]
fn pmkid_published_vectors() {
    for v in vectors("pmkid.json", "vectors") {
        let pmk = match v["pmk"].as_str() {
            Some(p) => Pmk::from_bytes(&hx(p)).unwrap(),
            None => {
                let ssid = Ssid::new(&bytes(s(&v, "ssid"))).unwrap();
                Pmk::from_psk(&Psk::from_passphrase(s(&v, "passphrase"), &ssid).unwrap())
            }
        };
        let id = pmk.pmkid(akm(n(&v, "akm")), &mac(s(&v, "aa")), &mac(s(&v, "spa"))).unwrap();
        assert_eq!(id.to_string(), s(&v, "pmkid"), "{}", s(&v, "name"));
    }
}

/// The PMKID of FT-802.1X (AKM 3) and FT-PSK (AKM 4) as hostapd and wpa_supplicant compute it
/// and send it in message 1/4: HMAC-SHA-1 over "PMK Name" || AA || SPA (their `rsn_pmkid`
/// keys with SHA-256 only for the AKMs of `wpa_key_mgmt_sha256`, which holds neither FT AKM).
/// The expected values come from the `hmac` crate over that input, not from the library; for
/// contrast, AKM 5 (802.1X-SHA256) takes HMAC-SHA-256.
#[test]
fn ft_pmkids_are_hmac_sha1_as_deployed() {
    use hmac::{Hmac, KeyInit, Mac};
    use ieee80211_keys::{Akm, MacAddr};
    let pmk_bytes: Vec<u8> = (0u8..32).map(|i| i.wrapping_mul(29) ^ 0x6c).collect();
    let pmk = Pmk::from_bytes(&pmk_bytes).unwrap();
    let (aa, spa) = ([0x02, 0x11, 0x22, 0x33, 0x44, 0x55], [0x02, 0x66, 0x77, 0x88, 0x99, 0xaa]);
    let input = [&b"PMK Name"[..], &aa, &spa].concat();
    let mut sha1 = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(&pmk_bytes).unwrap();
    sha1.update(&input);
    let sha1 = sha1.finalize().into_bytes();
    let mut sha256 = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&pmk_bytes).unwrap();
    sha256.update(&input);
    let sha256 = sha256.finalize().into_bytes();
    for (akm, want) in [
        (Akm::FtIeee8021x, &sha1[..16]),
        (Akm::FtPsk, &sha1[..16]),
        (Akm::Ieee8021xSha256, &sha256[..16]),
    ] {
        let got = pmk.pmkid(akm, &MacAddr::new(aa), &MacAddr::new(spa)).unwrap();
        assert_eq!(got.as_bytes(), want, "{akm}");
    }
}
