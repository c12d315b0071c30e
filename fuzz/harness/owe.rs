//! OWE: the Diffie-Hellman Parameter element and the public values read from the air, and the
//! exchange on fuzzed private scalars.

use ieee80211_keys::owe::{Group, OweKeyPair, OwePublicKey};
use ieee80211_keys::owe_element::OweDhParameter;
use ieee80211_keys::Error;
use subtle::ConstantTimeEq;

use super::input::{fuzz_input, Rest};
use super::naive;

fuzz_input!(
    /// A group, two private scalars of any length, and octets read both as a whole element and
    /// as a bare public value of the group.
    OweInput {
        group: u8,
        scalar1: &'a [u8],
        scalar2: &'a [u8],
        bytes: Rest<'a>,
    }
);

/// The element read the obvious way: ID 255, Length = the octets after it, extension ID 32,
/// the group little-endian, the rest the public key.
fn naive_element(e: &[u8]) -> Option<(u16, &[u8])> {
    if e.len() < 5 || e[0] != 255 || usize::from(e[1]) != e.len() - 2 || e[2] != 32 {
        return None;
    }
    Some((u16::from_le_bytes([e[3], e[4]]), &e[5..]))
}

/// `OweDhParameter::parse` against the naive reading and parse, write, parse round trips;
/// `OwePublicKey::from_bytes` on any octets; both sides of the exchange on any scalars, against
/// the naive transcription; and `x(k1 * x(k2 * P)) = x(k2 * x(k1 * P))` for a fuzzed point P.
pub fn owe(data: &[u8]) {
    let i = OweInput::read(data);
    let group = Group::ALL[usize::from(i.group) % Group::ALL.len()];
    let bytes = i.bytes.0;

    let parsed = OweDhParameter::parse(bytes);
    assert_eq!(
        parsed.as_ref().ok().map(|d| (d.group_number(), d.public_key_bytes())),
        naive_element(bytes)
    );
    if let Ok(dh) = parsed {
        let mut out = [0u8; 300];
        let n = dh.write(&mut out).expect("a parsed element fits its Length");
        assert_eq!(&out[..n], bytes);
        assert_eq!(dh.len(), n);
        assert!(dh.write(&mut out[..n - 1]).is_err());
        match dh.public_key() {
            Ok(public) => assert_eq!(OweDhParameter::new(&public), dh),
            Err(Error::UnsupportedGroup { group }) => assert_eq!(group, dh.group_number()),
            Err(Error::InvalidPublicKey { group, .. }) => assert_eq!(group, dh.group_number()),
            Err(e) => panic!("{e:?}"),
        }
    }

    let public = OwePublicKey::from_bytes(group, bytes);
    match &public {
        Ok(p) => {
            assert_eq!(p.as_bytes(), bytes);
            assert_eq!(p.group(), group);
        }
        Err(Error::InvalidPublicKey { group: g, .. }) => assert_eq!(*g, group.id()),
        Err(e) => panic!("{e:?}"),
    }

    let pair = |s: &[u8]| OweKeyPair::from_private_bytes(group, s);
    let (Ok(a), Ok(b)) = (pair(i.scalar1), pair(i.scalar2)) else { return };
    let on_client = a.client_keys(b.public_key()).expect("same group");
    let on_ap = b.ap_keys(a.public_key()).expect("same group");
    assert!(bool::from(on_client.pmk().ct_eq(on_ap.pmk())));
    assert_eq!(on_client.pmkid(), on_ap.pmkid());
    let z = a.shared_secret(b.public_key()).expect("same group");
    let (c, ap) = (a.public_key().as_bytes(), b.public_key().as_bytes());
    let (pmk, pmkid) = naive::owe(group.id(), c, ap, z.as_bytes()).expect("a group");
    assert_eq!(on_client.pmk().as_bytes(), &pmk[..]);
    assert_eq!(on_client.pmkid().as_bytes()[..], pmkid[..]);
    let text = format!("{a:?} {z:?} {on_client:?}");
    naive::assert_no_key(&text, z.as_bytes(), "OWE z");
    naive::assert_no_key(&text, on_client.pmk().as_bytes(), "OWE PMK");

    if let Ok(p) = public {
        let (za, zb) = (a.shared_secret(&p).expect("group"), b.shared_secret(&p).expect("group"));
        let pa = OwePublicKey::from_bytes(group, za.as_bytes()).expect("z is a point's x");
        let pb = OwePublicKey::from_bytes(group, zb.as_bytes()).expect("z is a point's x");
        let (x1, x2) = (b.shared_secret(&pa).expect("group"), a.shared_secret(&pb).expect("group"));
        assert!(bool::from(x1.ct_eq(&x2)));
    }
}
