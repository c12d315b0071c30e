//! OWE (RFC 8110): the published vector, both sides against each other on every group, the
//! naive transcription (the `hkdf` and `sha2` crates), one-bit changes, and every error.

mod common;
use common::naive;

use common::{hx, load, n, s};
use ieee80211_keys::owe::{pmkid, Group, OweKeyPair, OweKeys, OwePublicKey, OwePublicValues, OweZ};
use ieee80211_keys::Error;
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::SeedableRng;
use subtle::ConstantTimeEq;

fn same(a: &ieee80211_keys::Pmk, b: &ieee80211_keys::Pmk) -> bool {
    a.ct_eq(b).into()
}

#[test]
fn published_vectors() {
    let file = load("owe.json");
    for v in file["vectors"].as_array().unwrap() {
        let group = Group::from_id(n(v, "group") as u16).unwrap();
        let client = OweKeyPair::from_private_bytes(group, &hx(s(v, "client_private"))).unwrap();
        assert_eq!(client.public_key().as_bytes(), &hx(s(v, "client_public"))[..], "{v}");
        let ap = OwePublicKey::from_bytes(group, &hx(s(v, "ap_public"))).unwrap();
        let keys = client.client_keys(&ap).unwrap();
        assert_eq!(keys.pmk().as_bytes(), &hx(s(v, "pmk"))[..], "{v}");
        // The same PMK through the z route, and the naive transcription of the PMKID.
        let z = client.shared_secret(&ap).unwrap();
        let values = OwePublicValues { client: client.public_key(), ap: &ap };
        assert!(same(OweKeys::derive(&z, &values).unwrap().pmk(), keys.pmk()));
        let (_, naive_pmkid) =
            naive::owe(group.id(), client.public_key().as_bytes(), ap.as_bytes(), z.as_bytes())
                .unwrap();
        assert_eq!(keys.pmkid().as_bytes()[..], naive_pmkid[..]);
    }
}

/// `d*G` and `(r-d)*G = -(d*G)` have the same x-coordinate, so the same public value: the
/// scalar decoding and the point arithmetic against each curve's order r (SEC 2, FIPS 186-4
/// D.1.2). The scalars 0, 1 and r are refused.
#[test]
fn scalar_and_its_negation_share_the_public_value() {
    let orders = [
        "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
        "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
        "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
    ];
    for (group, order) in Group::ALL.into_iter().zip(orders) {
        let r = hx(order);
        let mut d = vec![0u8; r.len()];
        *d.last_mut().unwrap() = 7;
        // r - 7, big-endian.
        let mut neg = r.clone();
        let mut borrow = 7u16;
        for b in neg.iter_mut().rev() {
            let v = *b as i32 - borrow as i32;
            *b = v.rem_euclid(256) as u8;
            borrow = u16::from(v < 0);
        }
        let a = OweKeyPair::from_private_bytes(group, &d).unwrap();
        let b = OweKeyPair::from_private_bytes(group, &neg).unwrap();
        assert_eq!(a.public_key(), b.public_key(), "{group}");
        // r itself and 0 are no scalars; 1 is refused.
        assert_eq!(
            OweKeyPair::from_private_bytes(group, &r).unwrap_err(),
            Error::InvalidPrivateKey { group: group.id() }
        );
        let mut one = vec![0u8; r.len()];
        *one.last_mut().unwrap() = 1;
        assert!(OweKeyPair::from_private_bytes(group, &one).is_err());
        assert!(OweKeyPair::from_private_bytes(group, &vec![0u8; r.len()]).is_err());
    }
}

#[test]
fn both_sides_agree_on_every_group() {
    let mut rng = StdRng::seed_from_u64(18);
    for group in Group::ALL {
        for _ in 0..8 {
            let client = OweKeyPair::generate(group, &mut rng);
            let ap = OweKeyPair::generate(group, &mut rng);
            let c = client.client_keys(ap.public_key()).unwrap();
            let a = ap.ap_keys(client.public_key()).unwrap();
            assert!(same(c.pmk(), a.pmk()), "{group}");
            assert_eq!(c.pmkid(), a.pmkid());
            assert_eq!(c.pmk().len(), group.pmk_len());
            assert_eq!(client.public_key().as_bytes().len(), group.prime_len());
            // The naive transcription, from the z both sides share.
            let z = client.shared_secret(ap.public_key()).unwrap();
            assert_eq!(z.len(), group.prime_len());
            let (pmk, id) = naive::owe(
                group.id(),
                client.public_key().as_bytes(),
                ap.public_key().as_bytes(),
                z.as_bytes(),
            )
            .unwrap();
            assert_eq!(c.pmk().as_bytes(), &pmk[..]);
            assert_eq!(c.pmkid().as_bytes()[..], id[..]);
            let values = OwePublicValues { client: client.public_key(), ap: ap.public_key() };
            assert_eq!(pmkid(&values).unwrap(), c.pmkid());
        }
    }
}

fn z_for(group: Group, seed: &[u8]) -> Vec<u8> {
    seed.iter().cycle().take(group.prime_len()).copied().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The z route against the naive transcription on any z, and one-bit changes of z, C and A.
    #[test]
    fn from_z_matches_naive_and_every_bit_counts(
        seed in any::<u64>(),
        zseed in proptest::collection::vec(any::<u8>(), 1..8),
        g in 0usize..3,
        bit in any::<usize>(),
    ) {
        let group = Group::ALL[g];
        let mut rng = StdRng::seed_from_u64(seed);
        let c = OweKeyPair::generate(group, &mut rng);
        let a = OweKeyPair::generate(group, &mut rng);
        let zb = z_for(group, &zseed);
        let z = OweZ::from_bytes(&zb).unwrap();
        let values = OwePublicValues { client: c.public_key(), ap: a.public_key() };
        let keys = OweKeys::derive(&z, &values).unwrap();
        let (pmk, id) =
            naive::owe(group.id(), c.public_key().as_bytes(), a.public_key().as_bytes(), &zb)
                .unwrap();
        prop_assert_eq!(keys.pmk().as_bytes(), &pmk[..]);
        let id_lib = keys.pmkid();
        prop_assert_eq!(&id_lib.as_bytes()[..], &id[..]);

        // z with one bit flipped: another PMK, the same PMKID.
        let mut flipped = zb.clone();
        flipped[(bit / 8) % zb.len()] ^= 1 << (bit % 8);
        let other = OweKeys::derive(&OweZ::from_bytes(&flipped).unwrap(), &values).unwrap();
        prop_assert!(!same(other.pmk(), keys.pmk()));
        prop_assert_eq!(other.pmkid(), keys.pmkid());

        // C and A swapped: both change.
        let swapped =
            OweKeys::derive(&z, &OwePublicValues { client: a.public_key(), ap: c.public_key() })
                .unwrap();
        prop_assert!(!same(swapped.pmk(), keys.pmk()));
        prop_assert_ne!(swapped.pmkid(), keys.pmkid());

        // C with one bit flipped, where that is still a point (about half the x values are).
        let mut x = c.public_key().as_bytes().to_vec();
        let at = (bit / 8) % x.len();
        x[at] ^= 1 << (bit % 8);
        if let Ok(c2) = OwePublicKey::from_bytes(group, &x) {
            let k2 = OweKeys::derive(&z, &OwePublicValues { client: &c2, ap: a.public_key() })
                .unwrap();
            prop_assert!(!same(k2.pmk(), keys.pmk()));
            prop_assert_ne!(k2.pmkid(), keys.pmkid());
        }
    }
}

#[test]
fn invalid_public_values_are_errors() {
    for group in Group::ALL {
        let g = group.id();
        let len = group.prime_len();
        // Wrong length: one octet short, one long, empty, and the SEC 1 identity encoding.
        for bad in [vec![1u8; len - 1], vec![1u8; len + 1], vec![], vec![0u8]] {
            assert_eq!(
                OwePublicKey::from_bytes(group, &bad).unwrap_err(),
                Error::InvalidPublicKey {
                    group: g,
                    reason: "length is not the prime length of the group"
                }
            );
        }
        // Not below p: all ones (for P-521 the top 7 bits are beyond p's 521 bits).
        let all_ones = vec![0xffu8; len];
        assert!(matches!(
            OwePublicKey::from_bytes(group, &all_ones),
            Err(Error::InvalidPublicKey { group: gg, .. }) if gg == g
        ));
        // Off the curve: some x has no y; find the first small one.
        let off = (0u8..=255)
            .map(|i| {
                let mut x = vec![0u8; len];
                x[len - 1] = i;
                x
            })
            .find(|x| OwePublicKey::from_bytes(group, x).is_err())
            .expect("about half of all x values have no point");
        assert_eq!(
            OwePublicKey::from_bytes(group, &off).unwrap_err(),
            Error::InvalidPublicKey {
                group: g,
                reason: "not the x-coordinate of a point on the curve"
            }
        );
    }
}

#[test]
fn wrong_group_is_an_error() {
    let mut rng = StdRng::seed_from_u64(20);
    let p256 = OweKeyPair::generate(Group::P256, &mut rng);
    let p384 = OweKeyPair::generate(Group::P384, &mut rng);
    let mismatch = Error::GroupMismatch { expected: 19, received: 20 };
    assert_eq!(p256.shared_secret(p384.public_key()).unwrap_err(), mismatch);
    assert_eq!(p256.client_keys(p384.public_key()).unwrap_err(), mismatch);
    assert_eq!(p256.ap_keys(p384.public_key()).unwrap_err(), mismatch);
    let values = OwePublicValues { client: p256.public_key(), ap: p384.public_key() };
    assert_eq!(pmkid(&values).unwrap_err(), mismatch);
    let z = OweZ::from_bytes(&[1u8; 32]).unwrap();
    assert_eq!(OweKeys::derive(&z, &values).unwrap_err(), mismatch);
    // A P-256 x-coordinate read as P-384 has the wrong length.
    assert!(OwePublicKey::from_bytes(Group::P384, p256.public_key().as_bytes()).is_err());
    // z of another group's length.
    let same_group = OwePublicValues { client: p256.public_key(), ap: p256.public_key() };
    let z48 = OweZ::from_bytes(&[1u8; 48]).unwrap();
    assert_eq!(
        OweKeys::derive(&z48, &same_group).unwrap_err(),
        Error::InvalidLength { what: "OWE z for the group", len: 48 }
    );
    // Unknown group numbers, and z and private keys of no group's length.
    for g in [0u16, 1, 14, 15, 18, 22, 28, 29, 30, 256, 19 << 8] {
        assert_eq!(Group::from_id(g), Err(Error::UnsupportedGroup { group: g }));
    }
    assert!(OweZ::from_bytes(&[1u8; 64]).is_err());
    assert!(OweKeyPair::from_private_bytes(Group::P256, &[1u8; 48]).is_err());
    assert!(OweKeyPair::from_private_bytes(Group::P256, &[1u8; 31]).is_err());
}

#[test]
fn debug_shows_no_secret() {
    let mut rng = StdRng::seed_from_u64(21);
    let client = OweKeyPair::generate(Group::P256, &mut rng);
    let ap = OweKeyPair::generate(Group::P256, &mut rng);
    let z = client.shared_secret(ap.public_key()).unwrap();
    let keys = client.client_keys(ap.public_key()).unwrap();
    let text = format!("{client:?} {z:?} {keys:?}");
    naive::assert_no_key(&text, z.as_bytes(), "OWE z");
    naive::assert_no_key(&text, keys.pmk().as_bytes(), "OWE PMK");
    assert!(text.contains("redacted"));
}

/// hostap's `owe_ptk_workaround`: the PTK with KDF-SHA-256 whatever the group, the KCK, KEK
/// and MIC still by PMK length. Against the naive transcription of the pairwise key expansion
/// with SHA-256, on an exchange of every group; group 19 is unchanged.
#[test]
fn the_owe_ptk_workaround_derives_with_sha256() {
    use ieee80211_keys::suite::{Kdf, MicAlgorithm};
    use ieee80211_keys::{Akm, Cipher, Nonce, Pairwise, Ptk, Suite};
    let mut rng = StdRng::seed_from_u64(18);
    let (aa, spa) = ([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2]);
    let (an, sn) = ([0x11; 32], [0x22; 32]);
    let p = Pairwise {
        aa: ieee80211_keys::MacAddr::new(aa),
        spa: ieee80211_keys::MacAddr::new(spa),
        anonce: Nonce::new(an),
        snonce: Nonce::new(sn),
    };
    for group in Group::ALL {
        let (c, a) = (OweKeyPair::generate(group, &mut rng), OweKeyPair::generate(group, &mut rng));
        let keys = c.client_keys(a.public_key()).unwrap();
        let pmk = keys.pmk();
        let standard = Suite::new(Akm::Owe, Cipher::Ccmp128, pmk.len()).unwrap();
        let old_ap = Suite::owe_ptk_workaround(Cipher::Ccmp128, pmk.len()).unwrap();
        assert_eq!(old_ap.kdf(), Kdf::Sha256, "{group}");
        let same_lengths = (old_ap.kck_len(), old_ap.kek_len(), old_ap.mic_len(), old_ap.mic());
        assert_eq!(
            same_lengths,
            (standard.kck_len(), standard.kek_len(), standard.mic_len(), standard.mic())
        );
        let ptk = Ptk::derive(pmk, &old_ap, &p).unwrap();
        let bits = (old_ap.ptk_len() * 8) as u16;
        let b = naive::cat(&[&aa, &spa, &an, &sn]);
        let expected =
            naive::kdf(naive::H::Sha256, pmk.as_bytes(), b"Pairwise key expansion", &b, bits);
        let got = [ptk.kck().as_bytes(), ptk.kek().as_bytes(), ptk.tk().as_bytes()].concat();
        assert_eq!(got, expected, "{group}");
        let other = Ptk::derive(pmk, &standard, &p).unwrap();
        if group == Group::P256 {
            assert_eq!(old_ap, standard);
        } else {
            assert_ne!(old_ap, standard);
            assert!(!bool::from(ptk.kck().ct_eq(other.kck())), "{group}");
            assert!(old_ap.to_string().contains("owe_ptk_workaround"));
        }
        if group == Group::P521 {
            assert_eq!(old_ap.mic(), MicAlgorithm::HmacSha512_256);
        }
    }
}

/// The AP's side of the workaround, as hostapd does it: message 2/4 of a station that uses it
/// does not verify under the standard PTK, and does under the workaround's.
#[test]
fn an_ap_verifies_a_workaround_station_on_its_second_try() {
    use ieee80211_keys::eapol_key::{Builder, Received};
    use ieee80211_keys::{Akm, Cipher, Error, Nonce, Pairwise, Ptk, Suite};
    let mut rng = StdRng::seed_from_u64(20);
    let (c, a) =
        (OweKeyPair::generate(Group::P384, &mut rng), OweKeyPair::generate(Group::P384, &mut rng));
    let (on_sta, on_ap) =
        (c.client_keys(a.public_key()).unwrap(), a.ap_keys(c.public_key()).unwrap());
    let p = Pairwise {
        aa: "02:00:00:00:00:01".parse().unwrap(),
        spa: "02:00:00:00:00:02".parse().unwrap(),
        anonce: Nonce::new([3; 32]),
        snonce: Nonce::new([4; 32]),
    };
    let workaround = Suite::owe_ptk_workaround(Cipher::Ccmp128, 48).unwrap();
    let sta_ptk = Ptk::derive(on_sta.pmk(), &workaround, &p).unwrap();
    let rsne = [
        48u8, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 18, 0xc0, 0,
    ];
    let b = Builder::message2(&workaround, 1, &p.snonce, &rsne, sta_ptk.kck());
    let mut m2 = vec![0u8; b.frame_len().unwrap()];
    b.write(&mut m2).unwrap();

    let standard = Suite::new(Akm::Owe, Cipher::Ccmp128, 48).unwrap();
    let f2 = Received::parse(&standard, &m2).unwrap();
    let first = Ptk::derive(on_ap.pmk(), &standard, &p).unwrap();
    assert_eq!(f2.verify_mic(first.kck()), Err(Error::MicMismatch));
    let second = Ptk::derive(on_ap.pmk(), &workaround, &p).unwrap();
    f2.verify_mic(second.kck()).unwrap();
    assert!(bool::from(second.tk().ct_eq(sta_ptk.tk())));
}
