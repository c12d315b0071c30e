//! Batch PSK derivation ([`Psk::from_passphrases`]): the published PSKs, every valid passphrase
//! length, batch sizes around the lane count, invalid passphrases mixed in, and random batches,
//! each against the single derivation.

mod common;

use common::{bytes, s, vectors};
use ieee80211_keys::{Error, Psk, Ssid};
use proptest::prelude::*;
use subtle::ConstantTimeEq;

/// Runs the batch and checks that every index is reported exactly once.
fn batch<P: AsRef<[u8]>>(ssid: &Ssid, passphrases: &[P]) -> Vec<Result<Psk, Error>> {
    let mut out: Vec<Option<Result<Psk, Error>>> = (0..passphrases.len()).map(|_| None).collect();
    Psk::from_passphrases(ssid, passphrases, |i, r| {
        assert!(out[i].is_none(), "index {i} reported twice");
        out[i] = Some(r);
    });
    out.into_iter().enumerate().map(|(i, r)| r.unwrap_or_else(|| panic!("{i} missing"))).collect()
}

fn same(a: &Result<Psk, Error>, b: &Result<Psk, Error>) -> bool {
    match (a, b) {
        (Ok(a), Ok(b)) => bool::from(a.ct_eq(b)),
        (Err(a), Err(b)) => a == b,
        _ => false,
    }
}

/// A printable passphrase of `len` octets, different for each `seed`.
fn passphrase(len: usize, seed: usize) -> String {
    (0..len).map(|i| char::from(32 + ((i * 7 + seed * 13 + len) % 95) as u8)).collect()
}

#[test]
fn published_psks_in_batches() {
    // Each published passphrase in a batch of 10 (a vector pass of eight and a rest of two,
    // which goes one after the other), at a different position each time: the first, middle
    // and last lanes of the vector pass and the rest.
    for (k, v) in vectors("psk.json", "psk").iter().enumerate() {
        let ssid = Ssid::new(&bytes(s(v, "ssid"))).unwrap();
        let at = [0, 7, 4, 9, 2][k % 5];
        let mut list: Vec<String> = (0..10).map(|i| passphrase(8 + i, i)).collect();
        list[at] = s(v, "passphrase").to_string();
        let got = batch(&ssid, &list);
        assert_eq!(
            hex::encode(got[at].as_ref().unwrap().as_bytes()),
            s(v, "psk"),
            "{}",
            s(v, "name")
        );
    }
}

#[test]
fn every_valid_length_matches_the_single_derivation() {
    let ssid = Ssid::new(b"every length").unwrap();
    let list: Vec<String> = (8..=63).map(|len| passphrase(len, len)).collect();
    for (p, got) in list.iter().zip(batch(&ssid, &list)) {
        assert!(same(&got, &Psk::from_passphrase(p, &ssid)), "length {}", p.len());
    }
}

#[test]
fn invalid_passphrases_get_their_error_and_the_batch_goes_on() {
    let ssid = Ssid::new(b"mixed").unwrap();
    let list: Vec<Vec<u8>> = vec![
        b"short".to_vec(),
        passphrase(12, 1).into_bytes(),
        vec![b'a'; 64],
        passphrase(20, 2).into_bytes(),
        b"tab\tinside here".to_vec(),
        passphrase(63, 3).into_bytes(),
        Vec::new(),
        passphrase(8, 4).into_bytes(),
        passphrase(9, 5).into_bytes(),
        passphrase(30, 6).into_bytes(),
    ];
    let got = batch(&ssid, &list);
    assert_eq!(got[0].as_ref().unwrap_err(), &Error::PassphraseLength { len: 5 });
    assert_eq!(got[2].as_ref().unwrap_err(), &Error::PassphraseLength { len: 64 });
    assert_eq!(got[4].as_ref().unwrap_err(), &Error::PassphraseCharacter { position: 3 });
    assert_eq!(got[6].as_ref().unwrap_err(), &Error::PassphraseLength { len: 0 });
    for (p, g) in list.iter().zip(&got) {
        assert!(same(g, &Psk::from_passphrase(p, &ssid)));
    }
    // Nothing to do is fine.
    assert!(batch::<&str>(&ssid, &[]).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, ..ProptestConfig::default() })]

    #[test]
    fn random_batches_match_the_single_derivation(
        ssid in proptest::collection::vec(any::<u8>(), 0..=32),
        list in proptest::collection::vec("[ -~]{6,65}", 0..=12),
    ) {
        let ssid = Ssid::new(&ssid).unwrap();
        for (p, got) in list.iter().zip(batch(&ssid, &list)) {
            prop_assert!(same(&got, &Psk::from_passphrase(p, &ssid)));
        }
    }
}

/// The parallel batch (`std` feature): every index once, each result the single derivation's,
/// invalid passphrases included, over several turns of the workers.
#[cfg(feature = "std")]
#[test]
fn parallel_batch_matches_the_single_derivation() {
    use std::sync::Mutex;
    let ssid = Ssid::new(b"parallel").unwrap();
    let mut list: Vec<String> = (0..37).map(|i| passphrase(8 + i % 50, i)).collect();
    list[5] = "short".into();
    list[33] = "\u{1}nvalid passphrase".into();
    let out: Mutex<Vec<Option<Result<Psk, Error>>>> =
        Mutex::new((0..list.len()).map(|_| None).collect());
    Psk::from_passphrases_parallel(&ssid, &list, |i, r| {
        let mut out = out.lock().unwrap();
        assert!(out[i].is_none(), "index {i} reported twice");
        out[i] = Some(r);
    });
    for (i, (p, got)) in list.iter().zip(out.into_inner().unwrap()).enumerate() {
        let got = got.unwrap_or_else(|| panic!("{i} missing"));
        assert!(same(&got, &Psk::from_passphrase(p, &ssid)), "{i}");
    }
}

/// Passphrases of any octets (UTF-8, control characters, 0xff) outside Annex J.4.1: the single
/// and the batch entry points against the `pbkdf2` crate's PBKDF2-HMAC-SHA1 over the same
/// octets, batch sizes around the lane groups, lengths 7 and 64 refused.
#[test]
fn byte_passphrases_match_the_pbkdf2_crate() {
    let ssid = Ssid::new("Café ☕".as_bytes()).unwrap();
    let mut list: Vec<Vec<u8>> = (0..19)
        .map(|i| {
            let mut p = format!("ключ-{i}-пароль").into_bytes();
            p.push(0xff);
            p.push(i as u8);
            p
        })
        .collect();
    list[3] = vec![0x80; 7];
    list[12] = vec![0x01; 64];
    let expected: Vec<[u8; 32]> = list
        .iter()
        .map(|p| {
            let mut out = [0u8; 32];
            pbkdf2::pbkdf2_hmac::<sha1::Sha1>(p, ssid.as_bytes(), 4096, &mut out);
            out
        })
        .collect();
    let reference = |p: &Vec<u8>| expected[list.iter().position(|q| q == p).unwrap()];
    // A rest too small for the lanes, a group and a rest of one, two groups and a rest of three.
    for n in [2usize, 9, 19] {
        let mut seen = 0;
        Psk::from_passphrases_bytes(&ssid, &list[..n], |i, got| {
            seen += 1;
            match list[i].len() {
                7 | 64 => {
                    assert_eq!(got.err(), Some(Error::PassphraseLength { len: list[i].len() }))
                }
                _ => assert_eq!(got.unwrap().as_bytes(), expected[i], "{n} {i}"),
            }
        });
        assert_eq!(seen, n);
    }
    for p in &list {
        match Psk::from_passphrase_bytes(p, &ssid) {
            Ok(psk) => assert_eq!(psk.as_bytes(), reference(p)),
            Err(e) => assert_eq!(e, Error::PassphraseLength { len: p.len() }),
        }
        // The ASCII entry point keeps Annex J.4.1.
        assert!(Psk::from_passphrase(p, &ssid).is_err());
    }
}
