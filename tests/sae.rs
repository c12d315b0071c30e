//! SAE (IEEE 802.11-2020 12.4) against the published vectors of `test-vectors/sae.json`, the
//! PMK handed to the PTK and FT hierarchies, and every invalid peer value refused.

mod common;

use common::{bytes, hx, mac, s, vectors};
use hmac::{KeyInit, Mac};
use ieee80211_keys::sae::frame::{AuthFrame, CommitFrame};
use ieee80211_keys::sae::{
    AkmFamily, Commit, Committed, Confirm, Group, Mask, Password, PasswordId, Pt, Pwe, PweMethod,
    Rand,
};
use ieee80211_keys::Ssid;

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

#[test]
fn commit_of_another_group_is_refused() {
    let (a, b) = (mac("020000000001"), mac("020000000002"));
    let pw = Password::from_bytes(b"password").unwrap();
    let pwe = Pwe::hunting_and_pecking(Group::P256, &pw, None, &a, &b).unwrap();
    let ours = Committed::with_rand_mask(
        &pwe,
        &Rand::from_bytes(&[3; 32]).unwrap(),
        &Mask::from_bytes(&[5; 32]).unwrap(),
    )
    .unwrap();
    let other = Commit::new(Group::P384, &[1; 48], &[2; 96]).unwrap();
    assert!(ours.process(&other, AkmFamily::Sae, None).is_err());
}
