//! Multi-PSK identification ([`eapol::identify_pmk`]): iwd's published 4-way handshake with the
//! right PSK among wrong ones at every position, and random handshakes for AKMs 2 and 6. (On a
//! CPU with AVX-512 the AKM 2 cases run on the lanes; `src/eapol.rs` checks the lanes of every
//! backend against the sequential path.)

mod common;

use common::suite_of;
use common::{bytes, hx, mac, nonce, s, vectors};
use ieee80211_keys::eapol::{self, MIC_OFFSET};
use ieee80211_keys::{Akm, Cipher, Error, MacAddr, Nonce, Pmk, Psk, Ptk, Ssid};
use ieee80211_keys::{Pairwise, Suite};
use proptest::prelude::*;

/// Offset of the Key Nonce (the SNonce in message 2/4).
const NONCE_OFFSET: usize = 17;

fn wrong_pmks(n: usize, seed: u8) -> Vec<Pmk> {
    (0..n).map(|i| Pmk::from_bytes(&[seed ^ (i as u8).wrapping_mul(37); 32]).unwrap()).collect()
}

#[test]
fn iwd_handshake_right_psk_at_every_position() {
    // shared/spec/vectors.md §8: the passphrase gives the published PSK, whose PTK keys the
    // published MIC of message 2/4.
    let h = &vectors("eapol.json", "handshakes")[0];
    assert_eq!(s(h, "name"), "iwd eapol_4way_test: WPA2-PSK, CCMP, descriptor v2");
    let ssid = Ssid::new(&bytes(s(h, "ssid"))).unwrap();
    let psk = Psk::from_passphrase(s(h, "passphrase"), &ssid).unwrap();
    assert_eq!(hex::encode(psk.as_bytes()), s(h, "psk"));
    let msg2 = bytes(s(&h["frames"][1], "frame"));
    assert_eq!(msg2.len(), 121);
    let (aa, spa, anonce) = (mac(s(h, "aa")), mac(s(h, "spa")), nonce(s(h, "anonce")));
    let identify = |c: &[Pmk]| {
        Suite::new(Akm::Psk, Cipher::Ccmp128, 32)
            .and_then(|suite| eapol::identify_pmk(&suite, &aa, &spa, &anonce, &msg2, c))
    };
    // 41 candidates: two full groups of sixteen and a partial one of nine on the lanes.
    let wrong = wrong_pmks(40, 0x5a);
    for at in 0..=wrong.len() {
        let mut c: Vec<Pmk> = wrong.clone();
        c.insert(at, Pmk::from_psk(&psk));
        assert_eq!(identify(&c), Ok(Some(at)), "position {at}");
    }
    assert_eq!(identify(&wrong), Ok(None));
    assert_eq!(identify(&[]), Ok(None));
    // A tampered frame matches nobody.
    let mut bad = msg2.clone();
    bad[MIC_OFFSET + 3] ^= 1;
    let c = [Pmk::from_psk(&psk)];
    assert_eq!(
        Suite::new(Akm::Psk, Cipher::Ccmp128, 32)
            .and_then(|suite| eapol::identify_pmk(&suite, &aa, &spa, &anonce, &bad, &c)),
        Ok(None)
    );
    // The roles matter: the ANonce must be the authenticator's.
    let other = Nonce::new([0; 32]);
    assert_eq!(
        Suite::new(Akm::Psk, Cipher::Ccmp128, 32)
            .and_then(|suite| eapol::identify_pmk(&suite, &aa, &spa, &other, &msg2, &c)),
        Ok(None)
    );
}

#[test]
fn errors() {
    let h = &vectors("eapol.json", "handshakes")[0];
    let msg2 = hx(s(&h["frames"][1], "frame").trim_start_matches("hex:"));
    let (aa, spa, anonce) = (mac(s(h, "aa")), mac(s(h, "spa")), nonce(s(h, "anonce")));
    let c = wrong_pmks(2, 1);
    let id = |akm, cipher, frame: &[u8]| {
        Suite::new(akm, cipher, 32)
            .and_then(|suite| eapol::identify_pmk(&suite, &aa, &spa, &anonce, frame, &c))
    };
    assert!(matches!(
        id(Akm::Psk, Cipher::Ccmp128, &msg2[..90]),
        Err(Error::MalformedFrame { .. })
    ));
    assert!(matches!(id(Akm::FtPsk, Cipher::Ccmp128, &msg2), Err(Error::NotForAkm { .. })));
    assert!(matches!(id(Akm::Cckm, Cipher::Ccmp128, &msg2), Err(Error::NotForAkm { .. })));
    // Version 2 frames are not AKM 6's (which uses version 3).
    assert!(id(Akm::PskSha256, Cipher::Ccmp128, &msg2).is_err());
}

/// Message 2/4 for `akm` and descriptor `version` with `snonce`, its MIC keyed with the PTK of
/// `pmk`.
fn message2((akm, cipher): (Akm, Cipher), version: u8, pmk: &Pmk, pairwise: &Pairwise) -> Vec<u8> {
    let h = &vectors("eapol.json", "handshakes")[0];
    let mut f = bytes(s(&h["frames"][1], "frame"));
    f[6] = (f[6] & !7) | version;
    f[NONCE_OFFSET..NONCE_OFFSET + 32].copy_from_slice(pairwise.snonce.as_bytes());
    let suite = Suite::new(akm, cipher, pmk.len()).unwrap();
    let ptk = Ptk::derive(pmk, &suite, pairwise).unwrap();
    eapol::write_mic(&suite_of(akm), ptk.kck(), &mut f).unwrap();
    f
}

fn array<const N: usize>() -> impl Strategy<Value = [u8; N]> {
    prop::collection::vec(any::<u8>(), N).prop_map(|v| v.try_into().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn random_handshakes_for_akms_2_and_6(
        suite in prop::sample::select(vec![
            (Akm::Psk, Cipher::Ccmp128, 2u8),
            (Akm::Psk, Cipher::Tkip, 1u8),
            (Akm::PskSha256, Cipher::Ccmp128, 3u8),
            (Akm::PskSha256, Cipher::Gcmp256, 3u8),
        ]),
        aa in array::<6>(), spa in array::<6>(), anonce in array::<32>(), snonce in array::<32>(),
        // Up to three groups of sixteen for the lanes, the last one partial or too small.
        keys in prop::collection::vec(array::<32>(), 1..40),
        pick in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
    ) {
        let (akm, cipher, version) = suite;
        let (aa, spa) = (MacAddr::new(aa), MacAddr::new(spa));
        let (anonce, snonce) = (Nonce::new(anonce), Nonce::new(snonce));
        let pmks: Vec<Pmk> = keys.iter().map(|k| Pmk::from_bytes(k).unwrap()).collect();
        let at = pick.index(pmks.len());
        let frame = message2((akm, cipher), version, &pmks[at], &Pairwise { aa, spa, anonce, snonce });
        let found = Suite::new(akm, cipher, 32).and_then(|suite| eapol::identify_pmk(&suite, &aa, &spa, &anonce, &frame, &pmks)).unwrap();
        // The first candidate equal to the right one (random keys may repeat).
        let first = pmks.iter().position(|p| p.as_bytes() == pmks[at].as_bytes());
        prop_assert_eq!(found, first);
        // Any flipped bit of the frame (MIC, nonce, key data...) matches nobody.
        let mut bad = frame.clone();
        let bit = flip.index(bad.len() * 8);
        bad[bit / 8] ^= 1 << (bit % 8);
        if let Ok(found) = Suite::new(akm, cipher, 32).and_then(|suite| eapol::identify_pmk(&suite, &aa, &spa, &anonce, &bad, &pmks)) {
            prop_assert_eq!(found, None);
        }
    }
}
