//! SAE (IEEE 802.11-2020 12.4) against the published vectors of `test-vectors/sae.json`, the
//! PMK handed to the PTK and FT hierarchies, and every invalid peer value refused.

mod common;

use common::{bytes, hx, mac, s, vectors};
use hmac::{KeyInit, Mac};
use ieee80211_keys::ft::{PmkR0, XxKey};
use ieee80211_keys::sae::frame::{AuthFrame, CommitFrame, ConfirmFrame};
use ieee80211_keys::sae::{
    Accepted, AkmFamily, Commit, Committed, Confirm, Group, Mask, Password, PasswordId, Pt, Pwe,
    PweMethod, Rand,
};
use ieee80211_keys::{
    Akm, Cipher, Error, MacAddr, MobilityDomainId, Nonce, Pairwise, Ptk, R0khId, R1khId, Ssid,
    Suite,
};
use proptest::prelude::*;
use subtle::ConstantTimeEq;

/// The Authentication frame fields before an SAE commit: algorithm 3, sequence 1, status.
fn commit_body(status: u16, fields: &[u8]) -> Vec<u8> {
    [&[3, 0, 1, 0][..], &status.to_le_bytes(), fields].concat()
}

#[test]
fn hunting_and_pecking_exchanges() {
    for v in vectors("sae.json", "exchanges") {
        let name = s(&v, "name");
        let group = Group::from_id(common::n(&v, "group") as u16).unwrap();
        let (own, peer) = (mac(s(&v, "own_mac")), mac(s(&v, "peer_mac")));
        let password = Password::from_bytes(&bytes(s(&v, "password"))).unwrap();
        let id_bytes = v["password_id"].as_str().map(bytes);
        let id = id_bytes.as_deref().map(|b| PasswordId::new(b).unwrap());
        let pwe = Pwe::hunting_and_pecking(group, &password, id.as_ref(), &own, &peer).unwrap();
        let rand = Rand::from_bytes(&hx(s(&v, "rand"))).unwrap();
        let mask = Mask::from_bytes(&hx(s(&v, "mask"))).unwrap();
        let ours = Committed::with_rand_mask(&pwe, &rand, &mask).unwrap();

        // Our commit message, to the octet.
        let mut frame = CommitFrame::new(ours.commit(), PweMethod::HuntingAndPecking);
        if let Some(id) = id {
            frame = frame.with_password_id(id);
        }
        let mut buf = [0u8; 512];
        let n = frame.write(&mut buf).unwrap();
        assert_eq!(hex::encode(&buf[6..n]), s(&v, "own_commit"), "{name}: own commit");

        // The peer's commit, parsed and processed.
        let body = commit_body(0, &hx(s(&v, "peer_commit")));
        let AuthFrame::Commit(received) = AuthFrame::parse(&body, 0).unwrap() else {
            panic!("{name}: not a commit")
        };
        assert_eq!(received.password_id(), id, "{name}");
        let peer_commit = received.commit().unwrap();
        let keys = ours.process(&peer_commit, AkmFamily::Sae, None).unwrap();
        assert_eq!(hex::encode(keys.kck().as_bytes()), s(&v, "kck"), "{name}: KCK");
        assert_eq!(keys.pmkid().to_string(), s(&v, "pmkid"), "{name}: PMKID");
        // A passive observer's PMKID, from the two commits on the air.
        let observed = ours.commit().pmkid(&peer_commit).unwrap();
        assert_eq!(observed.to_string(), s(&v, "pmkid"), "{name}: observed PMKID");

        // Confirms: ours to the octet where published, the peer's verified, and only then the PMK.
        let peer_confirm = match v["peer_confirm"].as_str() {
            Some(c) => {
                let own_confirm = keys.confirm(1);
                let mut ours_on_air = own_confirm.send_confirm().to_le_bytes().to_vec();
                ours_on_air.extend_from_slice(own_confirm.value());
                assert_eq!(hex::encode(ours_on_air), s(&v, "own_confirm"), "{name}: confirm");
                let c = hx(c);
                Confirm::new(u16::from_le_bytes([c[0], c[1]]), &c[2..]).unwrap()
            }
            None => {
                // What the peer sends (12.4.5.5), from the published KCK with the hmac crate.
                let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(&hx(s(&v, "kck"))).unwrap();
                m.update(&1u16.to_le_bytes());
                m.update(peer_commit.scalar());
                m.update(peer_commit.element());
                m.update(ours.commit().scalar());
                m.update(ours.commit().element());
                Confirm::new(1, &m.finalize().into_bytes()).unwrap()
            }
        };
        let accepted = keys.verify(&peer_confirm).unwrap();
        assert_eq!(hex::encode(accepted.pmk().as_bytes()), s(&v, "pmk"), "{name}: PMK");
        assert_eq!(accepted.pmkid(), keys.pmkid());
    }
}

#[test]
fn hash_to_element_pt_and_pwe() {
    for v in vectors("sae.json", "hash_to_element") {
        let name = s(&v, "name");
        let group = Group::from_id(common::n(&v, "group") as u16).unwrap();
        let ssid = Ssid::new(&bytes(s(&v, "ssid"))).unwrap();
        let password = Password::from_bytes(&bytes(s(&v, "password"))).unwrap();
        let id_bytes = v["password_id"].as_str().map(bytes);
        let id = id_bytes.as_deref().map(|b| PasswordId::new(b).unwrap());
        let pt = Pt::derive(group, &ssid, &password, id.as_ref()).unwrap();
        assert_eq!(hex::encode(pt.as_bytes()), s(&v, "pt"), "{name}: PT");
        let (a, b) = (mac(s(&v, "mac1")), mac(s(&v, "mac2")));
        for (x, y) in [(&a, &b), (&b, &a)] {
            let pwe = Pwe::from_pt(&pt, x, y).unwrap();
            assert_eq!(hex::encode(pwe.element().as_bytes()), s(&v, "pwe"), "{name}: PWE");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Every invalid peer value refused (12.4.5.4), each on its own.

/// The order r and the prime p of P-256 (SEC 2 / FIPS 186-4).
const P256_R: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const P256_P: &str = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";

/// Our side (group 19, hunting-and-pecking), and a valid peer commit made with the same PWE.
fn sides() -> (Committed, Commit, Pwe) {
    let (a, b) = (mac("020000000001"), mac("020000000002"));
    let pw = Password::from_bytes(b"password").unwrap();
    let pwe = Pwe::hunting_and_pecking(Group::P256, &pw, None, &a, &b).unwrap();
    let ours = Committed::new(&pwe, &mut TestRng::new(10)).unwrap();
    let peer = *Committed::new(&pwe, &mut TestRng::new(11)).unwrap().commit();
    assert!(ours.process(&peer, AkmFamily::Sae, None).is_ok(), "the valid commit is accepted");
    (ours, peer, pwe)
}

fn refused(ours: &Committed, scalar: &[u8], element: &[u8], what: &str) {
    let peer = Commit::new(Group::P256, scalar, element).unwrap();
    match ours.process(&peer, AkmFamily::Sae, None) {
        Err(Error::InvalidCommit { reason }) => assert!(!reason.is_empty(), "{what}"),
        other => panic!("{what}: {other:?}"),
    }
}

#[test]
fn peer_scalar_zero_is_refused() {
    let (ours, peer, _) = sides();
    refused(&ours, &[0; 32], peer.element(), "scalar 0");
}

#[test]
fn peer_scalar_one_is_refused() {
    let (ours, peer, _) = sides();
    let mut one = [0; 32];
    one[31] = 1;
    refused(&ours, &one, peer.element(), "scalar 1");
}

#[test]
fn peer_scalar_r_is_refused() {
    let (ours, peer, _) = sides();
    refused(&ours, &hx(P256_R), peer.element(), "scalar r");
}

#[test]
fn peer_scalar_above_r_is_refused() {
    let (ours, peer, _) = sides();
    refused(&ours, &[0xff; 32], peer.element(), "scalar 2^256 - 1");
}

#[test]
fn peer_element_x_not_below_p_is_refused() {
    let (ours, peer, _) = sides();
    let mut e = peer.element().to_vec();
    e[..32].copy_from_slice(&hx(P256_P));
    refused(&ours, peer.scalar(), &e, "x = p");
}

#[test]
fn peer_element_y_not_below_p_is_refused() {
    let (ours, peer, _) = sides();
    // y = p: not a canonical coordinate.
    let mut e = peer.element().to_vec();
    e[32..].copy_from_slice(&hx(P256_P));
    refused(&ours, peer.scalar(), &e, "y = p");
}

#[test]
fn peer_element_off_the_curve_is_refused() {
    let (ours, peer, _) = sides();
    let mut e = peer.element().to_vec();
    e[63] ^= 1;
    refused(&ours, peer.scalar(), &e, "y with its last bit flipped");
}

#[test]
fn peer_element_of_zeros_is_refused() {
    // (0, 0) is how some encodings write the identity; it is not on the curve.
    let (ours, peer, _) = sides();
    refused(&ours, peer.scalar(), &[0; 64], "(0, 0)");
}

#[test]
fn reflected_commit_is_refused() {
    let (ours, _, _) = sides();
    let own = *ours.commit();
    refused(&ours, own.scalar(), own.element(), "our own commit");
}

#[test]
fn commit_of_another_group_is_refused() {
    let (ours, _, _) = sides();
    let other = Commit::new(Group::P384, &[1; 48], &[2; 96]).unwrap();
    assert!(matches!(ours.process(&other, AkmFamily::Sae, None), Err(Error::InvalidCommit { .. })));
}

#[test]
fn peer_commit_making_k_the_identity_is_refused() {
    // PEER-COMMIT-ELEMENT = -(peer-scalar * PWE): then peer-scalar * PWE + element is the
    // identity, and so is K. A peer that knows the password can send it.
    use p256::elliptic_curve::ff::PrimeField;
    use p256::elliptic_curve::point::AffineCoordinates;
    let (ours, peer, pwe) = sides();
    let e = pwe.element().as_bytes();
    let field = |b: &[u8]| p256::FieldBytes::try_from(b).unwrap();
    let point = p256::AffinePoint::from_coordinates(&field(&e[..32]), &field(&e[32..])).unwrap();
    let s = p256::Scalar::from_repr(field(peer.scalar())).unwrap();
    let minus = p256::AffinePoint::from(-(p256::ProjectivePoint::from(point) * s));
    let element = [minus.x().to_vec(), minus.y().to_vec()].concat();
    refused(&ours, peer.scalar(), &element, "element = -(scalar * PWE)");
}

#[test]
fn unknown_groups_are_errors_that_name_them() {
    for id in [15u16, 16, 22, 28, 0xffff] {
        assert_eq!(Group::from_id(id), Err(Error::UnsupportedGroup { group: id }));
        let body = commit_body(0, &[&id.to_le_bytes()[..], &[0; 96]].concat());
        assert_eq!(AuthFrame::parse(&body, 0), Err(Error::UnsupportedGroup { group: id }));
        assert!(Error::UnsupportedGroup { group: id }.to_string().contains(&id.to_string()));
    }
}

#[test]
fn wrong_confirms_are_refused() {
    let (ours, peer, pwe) = sides();
    let keys = ours.process(&peer, AkmFamily::Sae, None).unwrap();
    // The peer's side, to make its true confirm.
    let theirs = Committed::new(&pwe, &mut TestRng::new(11)).unwrap();
    let their_keys = theirs.process(ours.commit(), AkmFamily::Sae, None).unwrap();
    let good = their_keys.confirm(1);
    assert!(keys.verify(&good).is_ok());
    let mut bad = good.value().to_vec();
    bad[0] ^= 0x80;
    assert_eq!(keys.verify(&Confirm::new(1, &bad).unwrap()).unwrap_err(), Error::ConfirmMismatch);
    // Another send-confirm than the one the value was made with.
    assert!(keys.verify(&Confirm::new(2, good.value()).unwrap()).is_err());
    // A value of another length.
    assert!(keys.verify(&Confirm::new(1, &[0; 48]).unwrap()).is_err());
    // Rand or mask outside (1, r), and a commit-scalar of 0.
    let r = hx(P256_R);
    let mut r_minus_3 = r.clone();
    r_minus_3[31] -= 3;
    let three = {
        let mut t = [0u8; 32];
        t[31] = 3;
        t
    };
    for (rand, mask) in [(&r[..], &three[..]), (&three[..], &r[..]), (&r_minus_3[..], &three[..])] {
        let made = Committed::with_rand_mask(
            &pwe,
            &Rand::from_bytes(rand).unwrap(),
            &Mask::from_bytes(mask).unwrap(),
        );
        assert!(matches!(made, Err(Error::InvalidCommit { .. })), "{made:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Both sides agree.

/// A deterministic generator for the tests (SHA-256 in counter mode over a seed): the library
/// takes any `rand_core::CryptoRng`.
struct TestRng {
    seed: [u8; 32],
    counter: u64,
}

impl TestRng {
    fn new(seed: u64) -> Self {
        let mut s = [0u8; 32];
        s[..8].copy_from_slice(&seed.to_le_bytes());
        TestRng { seed: s, counter: 0 }
    }
}

impl rand_core::TryRng for TestRng {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(self.try_next_u64()? as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        use sha2::Digest;
        for chunk in dst.chunks_mut(32) {
            self.counter += 1;
            let block = sha2::Sha256::new()
                .chain_update(self.seed)
                .chain_update(self.counter.to_le_bytes())
                .finalize();
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
        Ok(())
    }
}

impl rand_core::TryCryptoRng for TestRng {}

/// One exchange's inputs.
struct Case<'a> {
    group: Group,
    method: PweMethod,
    akm: AkmFamily,
    password: &'a [u8],
    id: Option<&'a [u8]>,
    sta: MacAddr,
    ap: MacAddr,
    seed: u64,
}

/// Runs a whole exchange between a station and an AP and checks that they agree; returns the
/// station's accepted keys.
fn exchange(case: Case<'_>) -> Accepted {
    let Case { group, method, akm, password, id, sta, ap, seed } = case;
    let mut rng = TestRng::new(seed);
    let password = Password::from_bytes(password).unwrap();
    let id = id.map(|i| PasswordId::new(i).unwrap());
    let pwe = |a: &MacAddr, b: &MacAddr| match method {
        PweMethod::HashToElement => {
            let pt = Pt::derive(group, &Ssid::new(b"ssid").unwrap(), &password, id.as_ref());
            Pwe::from_pt(&pt.unwrap(), a, b).unwrap()
        }
        _ => Pwe::hunting_and_pecking(group, &password, id.as_ref(), a, b).unwrap(),
    };
    let sta_side = Committed::new(&pwe(&sta, &ap), &mut rng).unwrap();
    let ap_side = Committed::new(&pwe(&ap, &sta), &mut rng).unwrap();
    assert_eq!(sta_side.method(), method);

    // Through the frames, with the identifier where there is one.
    let mut buf = [0u8; 512];
    let mut frame = CommitFrame::new(sta_side.commit(), method);
    if let Some(id) = id {
        frame = frame.with_password_id(id);
    }
    let n = frame.write(&mut buf).unwrap();
    let AuthFrame::Commit(at_ap) = AuthFrame::parse(&buf[..n], 0).unwrap() else { panic!() };
    assert_eq!(at_ap.password_id(), id);
    let ap_keys = ap_side.process(&at_ap.commit().unwrap(), akm, None).unwrap();
    let sta_keys = sta_side.process(ap_side.commit(), akm, None).unwrap();
    assert!(bool::from(sta_keys.kck().ct_eq(ap_keys.kck())));
    assert_eq!(sta_keys.pmkid(), ap_keys.pmkid());

    let n = ConfirmFrame::new(&sta_keys.confirm(1)).write(&mut buf).unwrap();
    let AuthFrame::Confirm(c) = AuthFrame::parse(&buf[..n], 0).unwrap() else { panic!() };
    let ap_accepted = ap_keys.verify(&c.confirm().unwrap()).unwrap();
    let sta_accepted = sta_keys.verify(&ap_keys.confirm(1)).unwrap();
    assert!(bool::from(sta_accepted.pmk().ct_eq(ap_accepted.pmk())));
    // Our own confirm is not the peer's (the roles are in the MAC input).
    assert!(sta_keys.verify(&sta_keys.confirm(1)).is_err());
    sta_accepted
}

fn any_mac() -> impl Strategy<Value = MacAddr> {
    any::<[u8; 6]>().prop_map(MacAddr::new)
}

proptest! {
    // Scalar multiplications are slow in debug builds: few cases, every group and method.
    #![proptest_config(ProptestConfig::with_cases(3))]

    #[test]
    fn both_sides_agree(
        password in proptest::collection::vec(any::<u8>(), 1..80),
        id in proptest::option::of(proptest::collection::vec(any::<u8>(), 1..40)),
        sta in any_mac(),
        ap in any_mac(),
        seed in any::<u64>(),
    ) {
        prop_assume!(sta != ap);
        for group in Group::ALL {
            for method in [PweMethod::HuntingAndPecking, PweMethod::HashToElement] {
                let accepted = exchange(Case {
                    group, method, akm: AkmFamily::Sae, password: &password, id: id.as_deref(),
                    sta, ap, seed,
                });
                prop_assert_eq!(accepted.pmk().len(), 32);
            }
        }
    }
}

#[test]
fn sae_ext_key_pmk_has_the_hash_length() {
    let (sta, ap) = (mac("020000000001"), mac("020000000002"));
    let case = |method, seed| Case {
        group: Group::P384,
        method,
        akm: AkmFamily::SaeExtKey,
        password: b"pw",
        id: None,
        sta,
        ap,
        seed,
    };
    let a = exchange(case(PweMethod::HashToElement, 1));
    assert_eq!(a.pmk().len(), 48);
    // Hunting-and-pecking keeps SHA-256 (hostap sae_derive_keys), so 32 octets.
    let a = exchange(case(PweMethod::HuntingAndPecking, 2));
    assert_eq!(a.pmk().len(), 32);
}

#[test]
fn pmk_hands_over_to_the_ptk_and_the_ft_hierarchy() {
    let (sta, ap) = (mac("020000000001"), mac("020000000002"));
    let accepted = exchange(Case {
        group: Group::P256,
        method: PweMethod::HashToElement,
        akm: AkmFamily::Sae,
        password: b"pw",
        id: None,
        sta,
        ap,
        seed: 3,
    });
    let (anonce, snonce) = (Nonce::new([1; 32]), Nonce::new([2; 32]));
    // AKM 8: the 4-way handshake's PTK from the SAE PMK, and the PMKID the AP caches.
    let suite = Suite::new(Akm::Sae, Cipher::Ccmp128, accepted.pmk().len()).unwrap();
    let pairwise = Pairwise { aa: ap, spa: sta, anonce, snonce };
    let ptk = Ptk::derive(accepted.pmk(), &suite, &pairwise).unwrap();
    assert_eq!((ptk.kck().len(), ptk.kek().len(), ptk.tk().len()), (16, 16, 16));
    // AKM 9: FT-SAE from the same PMK as XXKey, to the FT PTK of a roam.
    let xxkey = XxKey::from_sae_pmk(Akm::FtSae, accepted.pmk()).unwrap();
    let r0 = PmkR0::derive(
        Akm::FtSae,
        &xxkey,
        &Ssid::new(b"ssid").unwrap(),
        MobilityDomainId::new([0x34, 0x12]),
        &R0khId::new(b"r0kh.example").unwrap(),
        &sta,
    )
    .unwrap();
    let r1 = r0.derive_r1(&R1khId::new([2, 0, 0, 0, 0, 3]), &sta).unwrap();
    let ft = r1.derive_ptk(Cipher::Ccmp128, &pairwise).unwrap();
    assert_eq!(ft.tk().len(), 16);
    assert!(!bool::from(ft.tk().ct_eq(ptk.tk())));
}

// ---------------------------------------------------------------------------------------------
// Frames: the optional fields, both token forms, status 76 and 77, malformed bodies.

#[test]
fn commit_frames_with_token_identifier_and_rejected_groups() {
    use ieee80211_keys::sae::frame::write_token_container;
    use ieee80211_keys::sae::RejectedGroups;
    let commit = Commit::new(Group::P256, &[7; 32], &[9; 64]).unwrap();
    let token = [0xaa; 32];
    let id = PasswordId::new(b"id").unwrap();
    let list = RejectedGroups::new(&[20, 0, 21, 0]).unwrap();
    let mut buf = [0u8; 512];

    // Hunting-and-pecking: the token is a bare field between the group and the scalar.
    let f = CommitFrame::new(&commit, PweMethod::HuntingAndPecking).with_token(&token);
    let f = f.with_password_id(id);
    let n = f.write(&mut buf).unwrap();
    assert_eq!(&buf[..8], &[3, 0, 1, 0, 0, 0, 19, 0]);
    assert_eq!(&buf[8..40], &token);
    let AuthFrame::Commit(p) = AuthFrame::parse(&buf[..n], 32).unwrap() else { panic!() };
    assert_eq!((p.token(), p.password_id()), (Some(&token[..]), Some(id)));
    assert_eq!(p.commit().unwrap(), commit);
    // Read without knowing of the token, the lengths do not add up to a commit.
    assert!(AuthFrame::parse(&buf[..n], 0).is_err());
    // Rejected Groups are for hash-to-element only.
    let bad = CommitFrame::new(&commit, PweMethod::HuntingAndPecking).with_rejected_groups(list);
    assert!(bad.write(&mut buf).is_err());

    // Hash-to-element: status 126, the token in its container after the Rejected Groups.
    let f = CommitFrame::new(&commit, PweMethod::HashToElement)
        .with_password_id(id)
        .with_rejected_groups(list)
        .with_token(&token);
    let n = f.write(&mut buf).unwrap();
    assert_eq!(&buf[4..6], &126u16.to_le_bytes());
    let tail = &buf[8 + 96..n];
    assert_eq!(&tail[..5], &[255, 3, 33, b'i', b'd']);
    assert_eq!(&tail[5..12], &[255, 5, 92, 20, 0, 21, 0]);
    let mut container = [0u8; 40];
    let c = write_token_container(&token, &mut container).unwrap();
    assert_eq!(&tail[12..], &container[..c]);
    let AuthFrame::Commit(p) = AuthFrame::parse(&buf[..n], 0).unwrap() else { panic!() };
    assert_eq!(p, f);
    assert_eq!(p.method(), PweMethod::HashToElement);
    assert!(p.rejected_groups().unwrap().groups().eq([20, 21]));
}

#[test]
fn anti_clogging_and_group_rejection_round_trip() {
    use ieee80211_keys::sae::frame::write_token_container;
    let mut buf = [0u8; 64];
    let token = [0x55; 16];
    // Hunting-and-pecking: the token follows the group.
    let f = AuthFrame::AntiCloggingRequired { group: 19, token_field: &token };
    let n = f.write(&mut buf).unwrap();
    let parsed = AuthFrame::parse(&buf[..n], 0).unwrap();
    assert_eq!(parsed, f);
    assert_eq!(parsed.token(PweMethod::HuntingAndPecking).unwrap().unwrap(), &token);
    // Hash-to-element: in its container element.
    let mut container = [0u8; 32];
    let c = write_token_container(&token, &mut container).unwrap();
    let f = AuthFrame::AntiCloggingRequired { group: 19, token_field: &container[..c] };
    let n = f.write(&mut buf).unwrap();
    let parsed = AuthFrame::parse(&buf[..n], 0).unwrap();
    assert_eq!(parsed.token(PweMethod::HashToElement).unwrap().unwrap(), &token);
    // A bare token read as a container is an error, not a panic.
    let bare = AuthFrame::AntiCloggingRequired { group: 19, token_field: &token };
    assert!(bare.token(PweMethod::HashToElement).unwrap().is_err());
    // Status 77 with and without the group; another status is a failure, passed on.
    for group in [Some(21u16), None] {
        let n = AuthFrame::UnsupportedGroup { group }.write(&mut buf).unwrap();
        assert_eq!(AuthFrame::parse(&buf[..n], 0).unwrap(), AuthFrame::UnsupportedGroup { group });
    }
    assert_eq!(
        AuthFrame::parse(&[3, 0, 1, 0, 123, 0], 0).unwrap(),
        AuthFrame::Failure { sequence: 1, status: 123 }
    );
}

#[test]
fn malformed_bodies_are_errors() {
    let commit = Commit::new(Group::P256, &[7; 32], &[9; 64]).unwrap();
    let mut buf = [0u8; 256];
    let n = CommitFrame::new(&commit, PweMethod::HashToElement)
        .with_password_id(PasswordId::new(b"id").unwrap())
        .write(&mut buf)
        .unwrap();
    // Every truncation of a commit (the identifier element cut short, or the fixed fields).
    for cut in 0..n {
        if cut != 8 + 96 {
            assert!(AuthFrame::parse(&buf[..cut], 0).is_err(), "cut at {cut}");
        }
    }
    // Not SAE; a sequence number that is neither 1 nor 2.
    assert!(AuthFrame::parse(&[0, 0, 1, 0, 0, 0], 0).is_err());
    assert!(AuthFrame::parse(&[3, 0, 3, 0, 0, 0], 0).is_err());
    // An odd Rejected Groups list; elements out of order; an empty token container.
    let base = commit_body(126, &[&[19, 0][..], &[7; 32], &[9; 64]].concat());
    for tail in [
        &[255, 4, 92, 20, 0, 21][..],
        &[255, 5, 92, 20, 0, 21, 0, 255, 3, 33, b'i', b'd'][..],
        &[255, 1, 93][..],
        &[255, 0][..],
    ] {
        let body = [&base[..], tail].concat();
        assert!(AuthFrame::parse(&body, 0).is_err(), "{tail:?}");
    }
    // Confirms whose value is not a hash length.
    assert!(AuthFrame::parse(&[3, 0, 2, 0, 0, 0, 1, 0, 1, 2, 3], 0).is_err());
    // Writing into a buffer too small.
    assert!(CommitFrame::new(&commit, PweMethod::HashToElement).write(&mut buf[..50]).is_err());
}

// ---------------------------------------------------------------------------------------------
// Hunting-and-pecking transcribed a second, naive way (12.4.4.2.2): the published vectors cover
// group 19 only, and P-521's 521-bit pwd-value (shifted right by 7) has no vector at all.

/// The primes (FIPS 186-4 D.1.2), big-endian, `len(p)` octets.
const PRIMES: [&str; 3] = [
    P256_P,
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
    "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
];

/// x || y of the point with this x and y parity, through the curve crate's SEC1 decompression.
fn decompress_sec1(group: Group, x: &[u8], odd: bool) -> Option<Vec<u8>> {
    use p256::elliptic_curve::sec1::{FromSec1Point, ToSec1Point};
    let sec1 = [&[if odd { 3u8 } else { 2 }][..], x].concat();
    macro_rules! via {
        ($k:ident) => {{
            let p = $k::Sec1Point::from_bytes(&sec1).ok()?;
            let a: Option<$k::AffinePoint> = $k::AffinePoint::from_sec1_point(&p).into();
            a.map(|a| a.to_sec1_point(false).as_bytes()[1..].to_vec())
        }};
    }
    match group {
        Group::P256 => via!(p256),
        Group::P384 => via!(p384),
        _ => via!(p521),
    }
}

fn naive_hunting_and_pecking(
    group: Group,
    password: &[u8],
    id: &[u8],
    a: &MacAddr,
    b: &MacAddr,
) -> Vec<u8> {
    let p = hx(PRIMES[Group::ALL.iter().position(|g| *g == group).unwrap()]);
    let len = p.len();
    let bits = match group {
        Group::P521 => 521,
        _ => 8 * len,
    };
    let (hi, lo) = if a.as_bytes() > b.as_bytes() { (a, b) } else { (b, a) };
    let addrs = [hi.as_bytes().as_slice(), lo.as_bytes()].concat();
    let mut found: Option<Vec<u8>> = None;
    for counter in 1u8..=255 {
        if counter > 40 && found.is_some() {
            break;
        }
        let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(&addrs).unwrap();
        m.update(&[password, id, &[counter]].concat());
        let seed = m.finalize().into_bytes().to_vec();
        // KDF-SHA-256 (12.7.1.6.2), `bits` bits: the blocks concatenated, then the leftmost
        // `bits` bits as a number.
        let mut stream = Vec::new();
        for i in 1u16.. {
            if stream.len() * 8 >= bits {
                break;
            }
            let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(&seed).unwrap();
            m.update(
                &[
                    &i.to_le_bytes()[..],
                    b"SAE Hunting and Pecking",
                    &p,
                    &(bits as u16).to_le_bytes(),
                ]
                .concat(),
            );
            stream.extend_from_slice(&m.finalize().into_bytes());
        }
        // As a big integer: the first `bits` bits of the stream.
        let mut value = vec![0u8; len];
        for bit in 0..bits {
            let set = stream[bit / 8] >> (7 - bit % 8) & 1;
            let at = len * 8 - bits + bit;
            value[at / 8] |= set << (7 - at % 8);
        }
        if found.is_none() && value < p {
            found = decompress_sec1(group, &value, seed[31] & 1 == 1);
        }
    }
    found.expect("a PWE within 255 rounds")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]

    #[test]
    fn hunting_and_pecking_matches_the_naive_transcription(
        password in proptest::collection::vec(any::<u8>(), 1..40),
        id in proptest::option::of(proptest::collection::vec(any::<u8>(), 1..20)),
        a in any_mac(),
        b in any_mac(),
    ) {
        let pw = Password::from_bytes(&password).unwrap();
        let pid = id.as_deref().map(|i| PasswordId::new(i).unwrap());
        for group in Group::ALL {
            let pwe = Pwe::hunting_and_pecking(group, &pw, pid.as_ref(), &a, &b).unwrap();
            let naive = naive_hunting_and_pecking(group, &password, id.as_deref().unwrap_or(&[]), &a, &b);
            prop_assert_eq!(pwe.element().as_bytes(), &naive[..], "{}", group);
        }
    }
}

#[test]
fn akm_family_from_the_suite_table() {
    assert_eq!(AkmFamily::try_from(Akm::Sae), Ok(AkmFamily::Sae));
    assert_eq!(AkmFamily::try_from(Akm::FtSae), Ok(AkmFamily::Sae));
    assert_eq!(AkmFamily::try_from(Akm::SaeExtKey), Ok(AkmFamily::SaeExtKey));
    assert_eq!(AkmFamily::try_from(Akm::FtSaeExtKey), Ok(AkmFamily::SaeExtKey));
    for akm in [Akm::Psk, Akm::FtPsk, Akm::Ieee8021x, Akm::SuiteB192, Akm::Cckm, Akm::Owe] {
        assert!(AkmFamily::try_from(akm).is_err(), "{akm}");
    }
}
