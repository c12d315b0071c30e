//! Properties of the core derivations, and a naive second transcription of every formula
//! (one HMAC per block, concatenated buffers, an independent copy of the length table) checked
//! against the library on random inputs.

use ieee80211_keys::suite::{HashAlg, Kdf};
use ieee80211_keys::{prf, Akm, Cipher, Error, Gmk, Gtk, MacAddr, Msk, Nonce, Pmk, Psk, Ptk, Ssid};
use ieee80211_keys::{Pairwise, Suite};
use proptest::prelude::*;

mod common;
use common::naive;

// The naive second transcriptions (tests/common/naive.rs, shared with the fuzz harness).

fn naive_hmac(hash: HashAlg, key: &[u8], data: &[u8]) -> Vec<u8> {
    naive::hmac(naive::of_hash(hash), key, data)
}

fn naive_kdf(hash: HashAlg, key: &[u8], label: &[u8], context: &[u8], len: usize) -> Vec<u8> {
    naive::kdf(naive::of_hash(hash), key, label, context, (len * 8) as u16)
}

fn akm_of(t: u8) -> Akm {
    Akm::from_selector(&[0x00, 0x0f, 0xac, t]).unwrap()
}

/// AKMs that use the pairwise key expansion, with their PMK lengths.
fn pairwise_akms() -> impl Strategy<Value = u8> {
    prop::sample::select(vec![1u8, 2, 5, 6, 8, 11, 12, 20, 23])
}

fn any_cipher() -> impl Strategy<Value = Cipher> {
    prop::sample::select(Cipher::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn sha1_prf_matches_naive(key in prop::collection::vec(any::<u8>(), 0..100),
                              label in prop::collection::vec(any::<u8>(), 0..40),
                              data in prop::collection::vec(any::<u8>(), 0..150),
                              split in 0usize..150,
                              len in 0usize..300) {
        let mut out = vec![0u8; len];
        let (d1, d2) = data.split_at(split.min(data.len()));
        prf::prf_sha1(&key, &label, &[d1, d2], &mut out).unwrap();
        prop_assert_eq!(out, naive::prf(&key, &label, &data, len));
    }

    #[test]
    fn sha1_prf_shorter_output_is_a_prefix(key in prop::collection::vec(any::<u8>(), 1..64),
                                           len in 1usize..100) {
        let mut long = [0u8; 100];
        let mut short = vec![0u8; len];
        prf::prf_sha1(&key, b"L", &[b"D"], &mut long).unwrap();
        prf::prf_sha1(&key, b"L", &[b"D"], &mut short).unwrap();
        prop_assert_eq!(&long[..len], &short[..]);
    }

    #[test]
    fn kdf_matches_naive(key in prop::collection::vec(any::<u8>(), 0..150),
                         label in prop::collection::vec(any::<u8>(), 0..40),
                         ctx in prop::collection::vec(any::<u8>(), 0..200),
                         len in 1usize..260,
                         which in 0usize..3) {
        let hash = [HashAlg::Sha256, HashAlg::Sha384, HashAlg::Sha512][which];
        let mut out = vec![0u8; len];
        prf::expand(hash.kdf(), &key, &label, &[&ctx], &mut out).unwrap();
        prop_assert_eq!(out, naive_kdf(hash, &key, &label, &ctx, len));
    }

    #[test]
    // At least 16 octets compared, so a chance collision (2^-128) cannot fail the test.
    fn kdf_length_is_an_input(key in prop::collection::vec(any::<u8>(), 1..64), len in 16usize..64) {
        let mut a = vec![0u8; len];
        let mut b = vec![0u8; len + 1];
        prf::kdf_sha256(&key, b"L", &[b"C"], &mut a).unwrap();
        prf::kdf_sha256(&key, b"L", &[b"C"], &mut b).unwrap();
        prop_assert_ne!(&a[..], &b[..len]);
    }

    #[test]
    fn ptk_matches_naive_for_every_pairwise_akm_and_cipher(
        akm_type in pairwise_akms(), cipher in any_cipher(),
        pmk48 in any::<[u8; 48]>(), use48 in any::<bool>(),
        aa in any::<[u8; 6]>(), spa in any::<[u8; 6]>(),
        an in any::<[u8; 32]>(), sn in any::<[u8; 32]>()) {
        let akm = akm_of(akm_type);
        let pmk_bytes = if use48 { &pmk48[..] } else { &pmk48[..32] };
        let pmk = Pmk::from_bytes(pmk_bytes).unwrap();
        let got = Suite::new(akm, cipher, pmk.len()).and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa: MacAddr::new(aa), spa: MacAddr::new(spa), anonce: Nonce::new(an), snonce: Nonce::new(sn) }));
        if !akm.combines_with(cipher) {
            prop_assert_eq!(got.unwrap_err(), Error::UnsupportedCombination { akm, cipher });
            return Ok(());
        }
        let ptk = got.unwrap();
        let want = naive::ptk(pmk_bytes, akm, cipher, (aa, spa), (an, sn), 0).unwrap();
        let (kck, kek) = (naive::row(akm).kck, naive::row(akm).kek);
        prop_assert_eq!(ptk.kck().as_bytes(), &want[..kck]);
        prop_assert_eq!(ptk.kek().as_bytes(), &want[kck..kck + kek]);
        prop_assert_eq!(ptk.tk().as_bytes(), &want[kck + kek..]);
        prop_assert_eq!(ptk.len(), want.len());
        prop_assert_eq!(ptk.len(), akm.ptk_len(cipher));
    }

    #[test]
    fn ptk_ignores_which_side_is_which(
        akm_type in pairwise_akms(), pmk in any::<[u8; 32]>(),
        aa in any::<[u8; 6]>(), spa in any::<[u8; 6]>(),
        an in any::<[u8; 32]>(), sn in any::<[u8; 32]>()) {
        let akm = akm_of(akm_type);
        let pmk = Pmk::from_bytes(&pmk).unwrap();
        let (aa, spa, an, sn) = (MacAddr::new(aa), MacAddr::new(spa), Nonce::new(an), Nonce::new(sn));
        let one = Suite::new(akm, Cipher::Ccmp128, pmk.len()).and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: an, snonce: sn })).unwrap();
        let two = Suite::new(akm, Cipher::Ccmp128, pmk.len()).and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa: spa, spa: aa, anonce: sn, snonce: an })).unwrap();
        prop_assert_eq!(one.kck().as_bytes(), two.kck().as_bytes());
        prop_assert_eq!(one.kek().as_bytes(), two.kek().as_bytes());
        prop_assert_eq!(one.tk().as_bytes(), two.tk().as_bytes());
    }

    #[test]
    fn ptk_changes_with_any_bit_of_any_input(
        akm_type in pairwise_akms(), pmk in any::<[u8; 32]>(),
        aa in any::<[u8; 6]>(), spa in any::<[u8; 6]>(),
        an in any::<[u8; 32]>(), sn in any::<[u8; 32]>(),
        which in 0usize..5, bit in 0usize..256) {
        let akm = akm_of(akm_type);
        let derive = |pmk: &[u8; 32], aa, spa, an, sn| {
            let p = Suite::new(akm, Cipher::Gcmp256, Pmk::len(&Pmk::from_bytes(pmk).unwrap())).and_then(|suite| Ptk::derive(&Pmk::from_bytes(pmk).unwrap(), &suite, &Pairwise { aa: MacAddr::new(aa), spa: MacAddr::new(spa), anonce: Nonce::new(an), snonce: Nonce::new(sn) })).unwrap();
            [p.kck().as_bytes(), p.kek().as_bytes(), p.tk().as_bytes()].concat()
        };
        let base = derive(&pmk, aa, spa, an, sn);
        let (mut pmk2, mut aa2, mut spa2, mut an2, mut sn2) = (pmk, aa, spa, an, sn);
        match which {
            0 => pmk2[bit / 8] ^= 1 << (bit % 8),
            1 => aa2[(bit / 8) % 6] ^= 1 << (bit % 8),
            2 => spa2[(bit / 8) % 6] ^= 1 << (bit % 8),
            3 => an2[bit / 8] ^= 1 << (bit % 8),
            _ => sn2[bit / 8] ^= 1 << (bit % 8),
        }
        // Flipping a bit can only leave the PTK unchanged if it swaps the two roles exactly.
        let swapped_roles = (aa2 == spa && spa2 == aa) || (an2 == sn && sn2 == an);
        prop_assume!(!swapped_roles);
        prop_assert_ne!(base, derive(&pmk2, aa2, spa2, an2, sn2));
    }

    #[test]
    fn pmkid_matches_naive(akm_type in prop::sample::select(vec![1u8, 2, 3, 4, 5, 6, 13, 19, 20, 23]),
                           pmk in any::<[u8; 48]>(), aa in any::<[u8; 6]>(), spa in any::<[u8; 6]>()) {
        // 12.7.1.3: SHA-256 for 5, 6; SHA-384 for 13, 19, 20, 23; SHA-1 otherwise. FT-802.1X
        // (3) and FT-PSK (4) stay on SHA-1, as hostapd computes and sends them.
        let hash = match akm_type {
            5 | 6 => HashAlg::Sha256,
            13 | 19 | 20 | 23 => HashAlg::Sha384,
            _ => HashAlg::Sha1,
        };
        let pmk_bytes = if hash == HashAlg::Sha384 { &pmk[..] } else { &pmk[..32] };
        let id = Pmk::from_bytes(pmk_bytes).unwrap()
            .pmkid(akm_of(akm_type), &MacAddr::new(aa), &MacAddr::new(spa)).unwrap();
        let want = naive_hmac(hash, pmk_bytes, &[&b"PMK Name"[..], &aa, &spa].concat());
        prop_assert_eq!(&id.as_bytes()[..], &want[..16]);
    }

    #[test]
    fn suite_b_pmkid_is_kck_keyed(pmk in any::<[u8; 48]>(), aa in any::<[u8; 6]>(),
                                  spa in any::<[u8; 6]>(), an in any::<[u8; 32]>(),
                                  sn in any::<[u8; 32]>(), b192 in any::<bool>()) {
        let (akm, hash, pmk_bytes) = if b192 { (Akm::SuiteB192, HashAlg::Sha384, &pmk[..]) }
                                     else { (Akm::SuiteB, HashAlg::Sha256, &pmk[..32]) };
        let pmk = Pmk::from_bytes(pmk_bytes).unwrap();
        let (aa, spa) = (MacAddr::new(aa), MacAddr::new(spa));
        let refused = matches!(pmk.pmkid(akm, &aa, &spa), Err(Error::NotForAkm { .. }));
        prop_assert!(refused);
        let ptk = Suite::new(akm, Cipher::Gcmp256, pmk.len()).and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: Nonce::new(an), snonce: Nonce::new(sn) })).unwrap();
        let id = ptk.kck().pmkid(akm, &aa, &spa).unwrap();
        let want = naive_hmac(hash, ptk.kck().as_bytes(), &[&b"PMK Name"[..], aa.as_bytes(), spa.as_bytes()].concat());
        prop_assert_eq!(&id.as_bytes()[..], &want[..16]);
        prop_assert!(ptk.kck().pmkid(Akm::Psk, &aa, &spa).is_err());
    }

    #[test]
    fn gtk_matches_naive(gmk in any::<[u8; 32]>(), aa in any::<[u8; 6]>(), gn in any::<[u8; 32]>(),
                         cipher in any_cipher()) {
        let gtk = Gtk::derive(&Gmk::from_bytes(&gmk).unwrap(), cipher, &MacAddr::new(aa), &Nonce::new(gn)).unwrap();
        let want = naive::prf(&gmk, b"Group key expansion", &[&aa[..], &gn].concat(), naive::tk_len(cipher));
        prop_assert_eq!(gtk.as_bytes(), &want[..]);
    }

    #[test]
    fn pmk_from_msk_takes_the_first_bits(msk in prop::collection::vec(any::<u8>(), 1..=64),
                                         akm_type in prop::sample::select(vec![1u8, 3, 5, 11, 12, 13, 23])) {
        let akm = akm_of(akm_type);
        let needed = if matches!(akm_type, 12 | 13 | 23) { 48 } else { 32 };
        let got = Pmk::from_msk(akm, &Msk::from_bytes(&msk).unwrap());
        if msk.len() < needed {
            prop_assert_eq!(got.unwrap_err(), Error::MskTooShort { needed, len: msk.len() });
        } else {
            let pmk = got.unwrap();
            prop_assert_eq!(pmk.as_bytes(), &msk[..needed]);
        }
    }

    #[test]
    fn passphrase_rules(p in prop::collection::vec(any::<u8>(), 0..80)) {
        let ssid = Ssid::new(b"x").unwrap();
        let valid = (8..=63).contains(&p.len()) && p.iter().all(|c| (32..=126).contains(c));
        match Psk::from_passphrase(&p, &ssid) {
            Ok(psk) => { prop_assert!(valid); prop_assert_eq!(psk.len(), 32); }
            Err(Error::PassphraseLength { len }) => { prop_assert!(!valid); prop_assert_eq!(len, p.len()); }
            Err(Error::PassphraseCharacter { position }) => {
                prop_assert!(!valid);
                prop_assert!(!(32..=126).contains(&p[position]));
            }
            Err(e) => prop_assert!(false, "unexpected {e}"),
        }
    }

    #[test]
    fn selectors_never_panic(s in prop::collection::vec(any::<u8>(), 0..8)) {
        if let Ok(a) = Akm::from_selector(&s) { prop_assert_eq!(a.selector()[3], s[3]); }
        if let Ok(c) = Cipher::from_selector(&s) { prop_assert_eq!(c.selector()[3], s[3]); }
    }

    #[test]
    fn secret_lengths_are_checked(b in prop::collection::vec(any::<u8>(), 0..80)) {
        prop_assert_eq!(Pmk::from_bytes(&b).is_ok(), matches!(b.len(), 32 | 48 | 64));
        prop_assert_eq!(Psk::from_bytes(&b).is_ok(), matches!(b.len(), 32 | 48));
        prop_assert_eq!(Msk::from_bytes(&b).is_ok(), (1..=64).contains(&b.len()));
        prop_assert_eq!(Gmk::from_bytes(&b).is_ok(), (16..=64).contains(&b.len()));
    }

    #[test]
    fn ptk_from_bytes_splits_like_derive(akm_type in pairwise_akms(), cipher in any_cipher(),
                                         bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let akm = akm_of(akm_type);
        match Suite::new(akm, cipher, akm.pmk_len()).and_then(|suite| Ptk::from_bytes(&suite, &bytes)) {
            Ok(p) => {
                prop_assert_eq!([p.kck().as_bytes(), p.kek().as_bytes(), p.tk().as_bytes(),
                                 p.kdk().map_or(&[][..], |k| k.as_bytes())].concat(), bytes.clone());
            }
            Err(_) => {
                let base = akm.ptk_len(cipher);
                let kdk = bytes.len().saturating_sub(base);
                prop_assert!(!akm.combines_with(cipher) || bytes.len() < base || !(16..=64).contains(&kdk));
            }
        }
    }
}

#[test]
fn ft_and_cckm_refuse_the_pairwise_expansion() {
    let pmk = Pmk::from_bytes(&[1u8; 32]).unwrap();
    let (a, n) = (MacAddr::new([1; 6]), Nonce::new([2; 32]));
    for akm in Akm::ALL {
        let r = Suite::new(akm, Cipher::Ccmp128, pmk.len()).and_then(|suite| {
            Ptk::derive(&pmk, &suite, &Pairwise { aa: a, spa: a, anonce: n, snonce: n })
        });
        let refused = matches!(r, Err(Error::NotForAkm { .. }));
        assert_eq!(refused, akm.is_ft() || akm == Akm::Cckm, "{akm}");
    }
}

#[test]
fn tkip_keys_in_authenticator_order() {
    // J.7.2 TKIP TK (vectors.md §3.1): TK || Michael A->S || Michael S->A.
    let pmk = Pmk::from_bytes(
        &hex::decode("0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af").unwrap(),
    )
    .unwrap();
    let aa: MacAddr = "a0a1a1a3a4a5".parse().unwrap();
    let spa: MacAddr = "b0b1b2b3b4b5".parse().unwrap();
    let an = Nonce::from_slice(
        &hex::decode("e0e1e2e3e4e5e6e7e8e9f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405").unwrap(),
    )
    .unwrap();
    let sn = Nonce::from_slice(
        &hex::decode("c0c1c2c3c4c5c6c7c8c9d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5").unwrap(),
    )
    .unwrap();
    let ptk = Suite::new(Akm::Psk, Cipher::Tkip, pmk.len())
        .and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: an, snonce: sn }))
        .unwrap();
    let t = ptk.tkip_keys().unwrap();
    assert_eq!(hex::encode(t.temporal_key()), "b2360c79e9710fdd58bea93deaf06599");
    assert_eq!(hex::encode(t.michael_authenticator_tx()), "db980afbc29c1528");
    assert_eq!(hex::encode(t.michael_authenticator_rx()), "55740a6ce5ae3827");
    let ccmp = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())
        .and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: an, snonce: sn }))
        .unwrap();
    assert!(ccmp.tkip_keys().is_none());
}

#[test]
fn kdk_lengths() {
    let pmk = Pmk::from_bytes(&[3u8; 32]).unwrap();
    let (a, n) = (MacAddr::new([1; 6]), Nonce::new([2; 32]));
    let d = |k| {
        Suite::new(Akm::Sae, Cipher::Ccmp128, pmk.len())
            .and_then(|suite| suite.with_kdk(k))
            .and_then(|suite| {
                Ptk::derive(&pmk, &suite, &Pairwise { aa: a, spa: a, anonce: n, snonce: n })
            })
    };
    assert!(d(0).unwrap().kdk().is_none());
    assert_eq!(d(32).unwrap().kdk().unwrap().len(), 32);
    assert_eq!(d(48).unwrap().len(), 48 + 48);
    assert!(matches!(d(8), Err(Error::InvalidLength { what: "KDK", len: 8 })));
    assert!(d(65).is_err());
}

#[test]
fn kdf_sha1_bits_is_unsupported() {
    let mut out = [0u8; 4];
    assert!(prf::kdf_bits(Kdf::Sha1Prf, b"k", b"l", &[], 32, &mut out).is_err());
}
