//! SAE: the Authentication frame bodies (commit, confirm, status 76/77/other) and the
//! processing of a peer's commit.

use std::sync::OnceLock;

use ieee80211_keys::sae::frame::AuthFrame;
use ieee80211_keys::sae::{
    AkmFamily, Commit, Committed, Confirm, Group, Mask, Password, Pt, Pwe, PweMethod, Rand,
};
use ieee80211_keys::{Error, MacAddr, Ssid};

use super::input::{fuzz_input, Rest};

fuzz_input!(
    /// An SAE Authentication frame body and the token length the receiver asked for.
    SaeFrameInput {
        token_len: u8,
        body: Rest<'a>,
    }
);

/// Every frame that parses writes back to a body that parses to the same frame; its parts
/// are consistent (a commit's scalar and element have its group's lengths, a confirm's value a
/// hash length).
fn frame_properties(frame: &AuthFrame<'_>, token_len: usize, body_len: usize) {
    let _ = format!("{frame:?}");
    // Written back, a frame is never longer than the body it was read from (unknown elements
    // are dropped, nothing is added).
    let mut out = vec![0u8; body_len];
    let n = frame.write(&mut out).expect("a parsed frame writes back");
    let again = AuthFrame::parse(&out[..n], token_len).expect("what is written parses");
    assert_eq!(&again, frame, "write then parse");
    match frame {
        AuthFrame::Commit(c) => {
            let commit = c.commit().expect("a parsed commit has its group's lengths");
            assert_eq!(commit.scalar().len(), c.group().prime_len());
            assert_eq!(commit.element().len(), c.group().element_len());
            if let Some(list) = c.rejected_groups() {
                assert_eq!(list.groups().count() * 2, list.as_bytes().len());
            }
        }
        AuthFrame::Confirm(c) => {
            let confirm = c.confirm().expect("a parsed confirm has a hash length");
            assert_eq!(confirm.send_confirm(), c.send_confirm());
        }
        AuthFrame::AntiCloggingRequired { token_field, .. } => {
            for method in [PweMethod::HuntingAndPecking, PweMethod::HashToElement] {
                if let Some(Ok(token)) = frame.token(method) {
                    assert!(!token.is_empty() && token.len() <= token_field.len());
                }
            }
        }
        _ => {}
    }
}

/// `AuthFrame::parse` on any body, read as a commit (sequence 1) whatever its first octets.
pub fn sae_commit(data: &[u8]) {
    let i = SaeFrameInput::read(data);
    let token_len = usize::from(i.token_len);
    let mut body = [3u8, 0, 1, 0].to_vec();
    body.extend_from_slice(i.body.0);
    for candidate in [i.body.0, &body[..]] {
        match AuthFrame::parse(candidate, token_len) {
            Ok(frame) => frame_properties(&frame, token_len, candidate.len()),
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
}

/// `AuthFrame::parse` on any body, read as a confirm (sequence 2, status 0) too.
pub fn sae_confirm(data: &[u8]) {
    let i = SaeFrameInput::read(data);
    let mut body = [3u8, 0, 2, 0, 0, 0].to_vec();
    body.extend_from_slice(i.body.0);
    for candidate in [i.body.0, &body[..]] {
        if let Ok(frame) = AuthFrame::parse(candidate, 0) {
            frame_properties(&frame, 0, candidate.len());
            if let AuthFrame::Confirm(c) = frame {
                let confirm = c.confirm().unwrap();
                assert_eq!(confirm, Confirm::new(c.send_confirm(), confirm.value()).unwrap());
            }
        }
    }
}

fuzz_input!(
    /// Our side (group, method) and a peer commit's fields (group, scalar, element, elements).
    SaeProcessInput {
        group: u8,
        h2e: bool,
        ext_key: bool,
        fields: Rest<'a>,
    }
);

/// Our side for a group and method: a fixed password, addresses, rand and mask (PWE derivation
/// is the slow part: made once per process).
pub fn our_side(group: Group, method: PweMethod) -> &'static Committed {
    static SIDES: OnceLock<Vec<(Group, PweMethod, Committed)>> = OnceLock::new();
    let sides = SIDES.get_or_init(|| {
        let (a, b) = (MacAddr::new([2, 0, 0, 0, 0, 1]), MacAddr::new([2, 0, 0, 0, 0, 2]));
        let pw = Password::from_bytes(b"fuzzing password").unwrap();
        let mut out = Vec::new();
        for g in Group::ALL {
            for m in [PweMethod::HuntingAndPecking, PweMethod::HashToElement] {
                let pwe = match m {
                    PweMethod::HuntingAndPecking => {
                        Pwe::hunting_and_pecking(g, &pw, None, &a, &b).unwrap()
                    }
                    _ => {
                        let pt = Pt::derive(g, &Ssid::new(b"fuzz").unwrap(), &pw, None).unwrap();
                        Pwe::from_pt(&pt, &a, &b).unwrap()
                    }
                };
                let len = g.prime_len();
                let (mut rand, mut mask) = (vec![0x11u8; len], vec![0x22u8; len]);
                if g == Group::P521 {
                    rand[0] = 1;
                    mask[0] = 0;
                }
                let rand = Rand::from_bytes(&rand).unwrap();
                let mask = Mask::from_bytes(&mask).unwrap();
                out.push((g, m, Committed::with_rand_mask(&pwe, &rand, &mask).unwrap()));
            }
        }
        out
    });
    &sides.iter().find(|(g, m, _)| *g == group && *m == method).unwrap().2
}

/// What the standard requires of a peer commit, checked a second way: the scalar as an integer
/// against the order (octet comparison with r), the element through the curve crate's SEC1
/// decoding (`0x04 || x || y`), reflection by comparing octets.
fn naive_valid(ours: &Commit, peer: &Commit) -> bool {
    use p256::elliptic_curve::sec1::FromSec1Point;
    let (s, e) = (peer.scalar(), peer.element());
    let len = peer.group().prime_len();
    let order: &[u8] = match peer.group() {
        Group::P256 => &ORDER_P256,
        Group::P384 => &ORDER_P384,
        _ => &ORDER_P521,
    };
    let mut one = vec![0u8; len];
    one[len - 1] = 1;
    let scalar_ok = s > &one[..] && s < order;
    let sec1 = [&[4u8][..], e].concat();
    let element_ok = match peer.group() {
        Group::P256 => p256::Sec1Point::from_bytes(&sec1)
            .ok()
            .is_some_and(|p| bool::from(p256::AffinePoint::from_sec1_point(&p).is_some())),
        Group::P384 => p384::Sec1Point::from_bytes(&sec1)
            .ok()
            .is_some_and(|p| bool::from(p384::AffinePoint::from_sec1_point(&p).is_some())),
        _ => p521::Sec1Point::from_bytes(&sec1)
            .ok()
            .is_some_and(|p| bool::from(p521::AffinePoint::from_sec1_point(&p).is_some())),
    };
    let reflection = peer.scalar() == ours.scalar() && peer.element() == ours.element();
    peer.group() == ours.group() && scalar_ok && element_ok && !reflection
}

/// The group orders (SEC 2 / FIPS 186-4), big-endian.
const ORDER_P256: [u8; 32] =
    hex32("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
const ORDER_P384: [u8; 48] = hex48(
    "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
);
const ORDER_P521: [u8; 66] = hex66(
    "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
);

const fn nibble(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        _ => c - b'a' + 10,
    }
}

macro_rules! const_hex {
    ($name:ident, $n:literal) => {
        const fn $name(s: &str) -> [u8; $n] {
            let b = s.as_bytes();
            let mut out = [0u8; $n];
            let mut i = 0;
            while i < $n {
                out[i] = nibble(b[2 * i]) << 4 | nibble(b[2 * i + 1]);
                i += 1;
            }
            out
        }
    };
}
const_hex!(hex32, 32);
const_hex!(hex48, 48);
const_hex!(hex66, 66);

/// `Committed::process` on a peer commit of any content: it succeeds exactly when the commit
/// passes the checks of 12.4.5.4 as [`naive_valid`] makes them (or fails for K the identity,
/// which only a peer that knows the password can cause); on success our own confirm does not
/// verify as the peer's.
pub fn sae_process(data: &[u8]) {
    let i = SaeProcessInput::read(data);
    let group = Group::ALL[usize::from(i.group) % 3];
    let method = if i.h2e { PweMethod::HashToElement } else { PweMethod::HuntingAndPecking };
    let akm = if i.ext_key { AkmFamily::SaeExtKey } else { AkmFamily::Sae };
    let ours = our_side(group, method);
    // The fields as a commit message carries them: group, scalar, element.
    let f = i.fields.0;
    let Some((g, rest)) = f.split_first_chunk::<2>() else { return };
    let Ok(peer_group) = Group::from_id(u16::from_le_bytes(*g)) else {
        return;
    };
    let len = peer_group.prime_len();
    if rest.len() < 3 * len {
        return;
    }
    let peer = Commit::new(peer_group, &rest[..len], &rest[len..3 * len]).unwrap();
    let valid = naive_valid(ours.commit(), &peer);
    match ours.process(&peer, akm, None) {
        Ok(keys) => {
            assert!(valid, "accepted a commit that fails the checks: {peer:?}");
            let own = keys.confirm(1);
            assert_eq!(keys.verify(&own).unwrap_err(), Error::ConfirmMismatch);
            let _ = format!("{keys:?}");
        }
        Err(Error::InvalidCommit { reason: "K is the identity" }) => assert!(valid),
        Err(e) => {
            assert!(!valid, "refused a valid commit: {e}");
            assert!(matches!(e, Error::InvalidCommit { .. }), "{e:?}");
        }
    }
}
