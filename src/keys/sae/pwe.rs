//! The password element: hunting-and-pecking (IEEE 802.11-2020 12.4.4.2.2) and
//! hash-to-element (12.4.4.2.3: the PT from SSID, password and identifier, then the PWE from
//! the PT and the two MAC addresses).

use elliptic_curve::ff::PrimeField;
use elliptic_curve::subtle::{Choice, ConditionallySelectable};
use zeroize::Zeroizing;

use super::group::{
    decompress, field_mod_p, point_from_bytes, prime_bytes, scalar_mod_r_minus_1_plus_1,
    with_curve, write_point, Affine, Curve, Group, Point, MAX_PRIME_LEN,
};
use crate::error::{Error, Result};
use crate::prf::{hkdf_expand, hkdf_extract, kdf_bits};
use crate::secret::{scratch, secret_type};
use crate::suite::{HashAlg, Kdf};
use crate::types::{MacAddr, Ssid};

use p256::elliptic_curve;

secret_type!(
    /// An SAE password: any octet string of 1 to 256 octets (IEEE 802.11-2020 12.4.3 sets no
    /// character rules, unlike the WPA2 passphrase).
    Password,
    capacity = 256,
    lengths = 1..=256,
    what = "SAE password"
);

secret_type!(
    /// The password element of hash-to-element (12.4.4.2.3), x || y of its group: derived once
    /// from SSID, password and identifier, it can be stored instead of the password. Its group
    /// follows from its length (64, 96 or 132 octets).
    Pt,
    capacity = 132,
    lengths = 64 | 96 | 132,
    what = "SAE PT"
);

secret_type!(
    /// The coordinates x || y of a PWE (see [`Pwe`]), 64, 96 or 132 octets by group.
    PweElement,
    capacity = 132,
    lengths = 64 | 96 | 132,
    what = "SAE PWE"
);

/// How the PWE was derived. It decides the status code of the commit (0 or 126), the hash of
/// the keys for AKM 8 and 9 (SHA-256 after hunting-and-pecking, the group's hash after
/// hash-to-element) and whether a Rejected Groups list salts the keyseed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PweMethod {
    /// Hunting-and-pecking (12.4.4.2.2), status code 0 in the commit.
    HuntingAndPecking,
    /// Hash-to-element (12.4.4.2.3), status code 126 (SAE_HASH_TO_ELEMENT).
    HashToElement,
}

/// A password identifier (12.4.3; the Password Identifier element, 9.4.2.216): 1 to 254
/// octets, sent in the clear. Not a secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PasswordId<'a>(&'a [u8]);

impl<'a> PasswordId<'a> {
    /// Takes the identifier; refuses an empty one and one longer than an element holds.
    ///
    /// ```
    /// use ieee80211_keys::sae::PasswordId;
    /// assert_eq!(PasswordId::new(b"psk4internet")?.as_bytes(), b"psk4internet");
    /// assert!(PasswordId::new(b"").is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn new(id: &'a [u8]) -> Result<Self> {
        if id.is_empty() || id.len() > 254 {
            return Err(Error::InvalidLength { what: "SAE password identifier", len: id.len() });
        }
        Ok(PasswordId(id))
    }

    /// The identifier's octets.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.0
    }
}

/// The password element PWE of one SAE exchange (a secret point of the group) and how it was
/// derived. Zeroized on drop; its `Debug` shows neither coordinate.
#[derive(Clone, Debug)]
pub struct Pwe {
    element: PweElement,
    method: PweMethod,
}

impl zeroize::ZeroizeOnDrop for Pwe {}

/// `max(a, b) || min(a, b)` (the standard's MAX/MIN of two addresses).
fn max_min(a: &MacAddr, b: &MacAddr) -> [u8; 12] {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    let mut out = [0u8; 12];
    out[..6].copy_from_slice(hi.as_bytes());
    out[6..].copy_from_slice(lo.as_bytes());
    out
}

/// Hunting-and-pecking runs at least this many rounds whatever the password (12.4.4.2.2; the
/// value hostap and the standard's note use).
pub const MIN_HUNTING_ROUNDS: u8 = 40;

impl Pt {
    /// Derives the PT of `group` (12.4.4.2.3):
    /// `pwd-seed = HKDF-Extract(SSID, password [|| identifier])`, `u1` and `u2` the
    /// `len(p) + len(p)/2` octets of HKDF-Expand with the labels "SAE Hash to Element u1 P1"
    /// and "... u2 P2" reduced mod p, `PT = SSWU(u1) + SSWU(u2)`, with the group's hash.
    ///
    /// Costs two simplified-SWU maps (each about one field exponentiation and one inversion)
    /// and a point addition; no scalar multiplication.
    ///
    /// ```
    /// use ieee80211_keys::sae::{Group, Password, PasswordId, Pt};
    /// use ieee80211_keys::Ssid;
    ///
    /// let pt = Pt::derive(
    ///     Group::P256,
    ///     &Ssid::new(b"byteme")?,
    ///     &Password::from_bytes(b"mekmitasdigoat")?,
    ///     Some(&PasswordId::new(b"psk4internet")?),
    /// )?;
    /// assert_eq!(pt.group(), Group::P256);
    /// assert_eq!(pt.as_bytes()[..4], [0xb6, 0xe3, 0x8c, 0x98]); // iwd's test_pt_pwe vector
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn derive(
        group: Group,
        ssid: &Ssid,
        password: &Password,
        id: Option<&PasswordId<'_>>,
    ) -> Result<Pt> {
        let hash = group.hash();
        with_curve!(group, C => derive_pt::<C>(hash, ssid, password, id))
    }

    /// The group of this PT.
    pub fn group(&self) -> Group {
        // The lengths the type admits are exactly the three groups' element lengths.
        Group::from_element_len(self.len()).unwrap_or(Group::P256)
    }
}

fn derive_pt<C: Curve>(
    hash: HashAlg,
    ssid: &Ssid,
    password: &Password,
    id: Option<&PasswordId<'_>>,
) -> Result<Pt> {
    let hash_len = hash.output_len();
    let mut seed = scratch::<64>();
    let id = id.map(|i| i.as_bytes()).unwrap_or(&[]);
    hkdf_extract(hash, ssid.as_bytes(), &[password.as_bytes(), id], &mut seed.0[..hash_len])?;
    let len = C::GROUP.prime_len();
    let n = len + len.div_ceil(2);
    let mut u = scratch::<128>();
    let mut map = |label: &[u8]| -> Result<Point<C>> {
        hkdf_expand(hash, &seed.0[..hash_len], &[label], &mut u.0[..n])?;
        Ok(C::map_to_curve(field_mod_p::<C>(&u.0[..n])))
    };
    let p1 = map(b"SAE Hash to Element u1 P1")?;
    let p2 = map(b"SAE Hash to Element u2 P2")?;
    let pt = Zeroizing::new(Affine::<C>::from(p1 + p2));
    Pt::fill_with(C::GROUP.element_len(), |out| {
        write_point::<C>(&pt, out);
        Ok(())
    })
}

impl Pwe {
    /// The PWE of hash-to-element (12.4.4.2.3) from a PT and the two MAC addresses (in either
    /// order): `val = HKDF-Extract(0^n, max(a, b) || min(a, b)) mod (r - 1) + 1`,
    /// `PWE = val * PT`. One scalar multiplication.
    ///
    /// ```
    /// use ieee80211_keys::sae::{Group, Password, PasswordId, Pt, Pwe, PweMethod};
    /// use ieee80211_keys::{MacAddr, Ssid};
    ///
    /// let pt = Pt::derive(
    ///     Group::P256,
    ///     &Ssid::new(b"byteme")?,
    ///     &Password::from_bytes(b"mekmitasdigoat")?,
    ///     Some(&PasswordId::new(b"psk4internet")?),
    /// )?;
    /// let sta: MacAddr = "00:09:5b:66:ec:1e".parse()?;
    /// let ap: MacAddr = "00:0b:6b:d9:02:46".parse()?;
    /// let pwe = Pwe::from_pt(&pt, &sta, &ap)?;
    /// assert_eq!(pwe.method(), PweMethod::HashToElement);
    /// // Both sides get the same PWE, whatever the order of the addresses.
    /// assert!(bool::from(subtle::ConstantTimeEq::ct_eq(
    ///     pwe.element(),
    ///     Pwe::from_pt(&pt, &ap, &sta)?.element()
    /// )));
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_pt(pt: &Pt, a: &MacAddr, b: &MacAddr) -> Result<Pwe> {
        let group = pt.group();
        let hash = group.hash();
        let element = with_curve!(group, C => pwe_from_pt::<C>(hash, pt, a, b))?;
        Ok(Pwe { element, method: PweMethod::HashToElement })
    }

    /// The PWE by hunting-and-pecking (12.4.4.2.2) for `group`, from the password, the optional
    /// identifier and the two MAC addresses (in either order).
    ///
    /// For counter = 1, 2, ...: `pwd-seed = HMAC-SHA-256(max || min, password [|| id] ||
    /// counter)`, `pwd-value = KDF-SHA-256-len(p)(pwd-seed, "SAE Hunting and Pecking", p)`, a
    /// candidate x if below p with `x^3 + ax + b` a square; the first candidate wins, `y` the
    /// root whose parity is that of the pwd-seed.
    ///
    /// Side channels: the loop runs [`MIN_HUNTING_ROUNDS`] rounds whatever the password (more
    /// only in the ~2^-40 case that none of them found a point), every round does the same work
    /// (HMAC, KDF, a constant-time square root), and the winner is kept with constant-time
    /// selections, so neither timing nor memory access depends on the round that found it.
    ///
    /// ```
    /// use ieee80211_keys::sae::{Group, Password, Pwe, PweMethod};
    /// use ieee80211_keys::MacAddr;
    ///
    /// let sta: MacAddr = "4d:3f:2f:ff:e3:87".parse()?;
    /// let ap: MacAddr = "a5:d8:aa:95:8e:3c".parse()?;
    /// let password = Password::from_bytes(b"mekmitasdigoat")?;
    /// let pwe = Pwe::hunting_and_pecking(Group::P256, &password, None, &sta, &ap)?;
    /// assert_eq!((pwe.group(), pwe.method()), (Group::P256, PweMethod::HuntingAndPecking));
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn hunting_and_pecking(
        group: Group,
        password: &Password,
        id: Option<&PasswordId<'_>>,
        a: &MacAddr,
        b: &MacAddr,
    ) -> Result<Pwe> {
        let element = with_curve!(group, C => hunt::<C>(password, id, a, b))?;
        Ok(Pwe { element, method: PweMethod::HuntingAndPecking })
    }

    /// A PWE from stored coordinates and the method that derived them. Refuses a point that is
    /// not on a supported curve.
    ///
    /// ```
    /// use ieee80211_keys::sae::{Group, Password, Pwe, PweElement, PweMethod};
    /// use ieee80211_keys::MacAddr;
    /// let (a, b): (MacAddr, MacAddr) = ("02:00:00:00:00:01".parse()?, "02:00:00:00:00:02".parse()?);
    /// let pwe = Pwe::hunting_and_pecking(Group::P256, &Password::from_bytes(b"pw")?, None, &a, &b)?;
    /// let stored = PweElement::from_bytes(pwe.element().as_bytes())?;
    /// assert!(Pwe::from_element(stored, PweMethod::HuntingAndPecking).is_ok());
    /// assert!(Pwe::from_element(PweElement::from_bytes(&[1; 64])?, PweMethod::HuntingAndPecking).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_element(element: PweElement, method: PweMethod) -> Result<Pwe> {
        let group = Group::from_element_len(element.len())?;
        let valid = with_curve!(group, C => bool::from(point_from_bytes::<C>(element.as_bytes()).is_some()));
        if !valid {
            return Err(Error::InvalidCommit { reason: "PWE is not a point of its group" });
        }
        Ok(Pwe { element, method })
    }

    /// The group of this PWE.
    pub fn group(&self) -> Group {
        Group::from_element_len(self.element.len()).unwrap_or(Group::P256)
    }

    /// How it was derived.
    pub fn method(&self) -> PweMethod {
        self.method
    }

    /// Its coordinates x || y.
    pub fn element(&self) -> &PweElement {
        &self.element
    }

    /// The PWE as a point of `C` (valid by construction).
    pub(crate) fn point<C: Curve>(&self) -> Result<Affine<C>> {
        Option::from(point_from_bytes::<C>(self.element.as_bytes()))
            .ok_or(Error::InvalidCommit { reason: "PWE is not a point of its group" })
    }
}

fn pwe_from_pt<C: Curve>(hash: HashAlg, pt: &Pt, a: &MacAddr, b: &MacAddr) -> Result<PweElement> {
    let pt = Zeroizing::new(
        Option::<Affine<C>>::from(point_from_bytes::<C>(pt.as_bytes()))
            .ok_or(Error::InvalidCommit { reason: "PT is not a point of its group" })?,
    );
    let hash_len = hash.output_len();
    let mut val = scratch::<64>();
    let zeros = [0u8; 64];
    hkdf_extract(hash, &zeros[..hash_len], &[&max_min(a, b)], &mut val.0[..hash_len])?;
    let val = Zeroizing::new(scalar_mod_r_minus_1_plus_1::<C>(&val.0[..hash_len]));
    let pwe = Zeroizing::new(Affine::<C>::from(Point::<C>::from(*pt) * *val));
    PweElement::fill_with(C::GROUP.element_len(), |out| {
        write_point::<C>(&pwe, out);
        Ok(())
    })
}

fn hunt<C: Curve>(
    password: &Password,
    id: Option<&PasswordId<'_>>,
    a: &MacAddr,
    b: &MacAddr,
) -> Result<PweElement> {
    let len = C::GROUP.prime_len();
    let bits = C::PRIME_BITS_FOR_HUNTING;
    let addrs = max_min(a, b);
    let mut prime = [0u8; MAX_PRIME_LEN];
    prime_bytes::<C>(&mut prime[..len]);
    let id = id.map(|i| i.as_bytes()).unwrap_or(&[]);
    let mut found = Choice::from(0);
    let mut pwe = Zeroizing::new(Affine::<C>::default());
    let mut seed = scratch::<32>();
    let mut value = scratch::<MAX_PRIME_LEN>();
    let mut counter: u8 = 1;
    loop {
        // pwd-seed = H(max || min, password [|| identifier] || counter), H = HMAC-SHA-256 (the
        // crypto layer's HMAC, keyed each round: two compressions, nothing beside the KDF and
        // the square root).
        let parts = [password.as_bytes(), id, &[counter]];
        hkdf_extract(HashAlg::Sha256, &addrs, &parts, &mut seed.0)?;
        // pwd-value = KDF-z(pwd-seed, "SAE Hunting and Pecking", p), z = len(p) in bits; the
        // leftmost z bits as a number (P-521: shifted right by 7).
        let v = &mut value.0[..len];
        kdf_bits(Kdf::Sha256, &seed.0, b"SAE Hunting and Pecking", &[&prime[..len]], bits, v)?;
        shift_right(v, (8 - bits % 8) % 8);
        // x = pwd-value if below p and x^3 + ax + b is a square; y of the seed's parity.
        let odd = Choice::from(seed.0[31] & 1);
        let candidate = decompress::<C>(v, odd);
        let hit = candidate.is_some() & !found;
        let point = Zeroizing::new(candidate.unwrap_or(Affine::<C>::default()));
        pwe.conditional_assign(&point, hit);
        found |= hit;
        if counter >= MIN_HUNTING_ROUNDS && bool::from(found) {
            break;
        }
        // The counter is one octet: 255 rounds without a point (probability 2^-255) is an
        // error, never a wrap.
        counter = counter
            .checked_add(1)
            .ok_or(Error::Unsupported { what: "SAE hunting-and-pecking found no PWE" })?;
    }
    PweElement::fill_with(C::GROUP.element_len(), |out| {
        write_point::<C>(&pwe, out);
        Ok(())
    })
}

/// Shifts a big-endian number right by `shift` (< 8) bits.
fn shift_right(v: &mut [u8], shift: usize) {
    if shift == 0 {
        return;
    }
    let mut carry = 0u8;
    for b in v.iter_mut() {
        let next = *b << (8 - shift);
        *b = (*b >> shift) | carry;
        carry = next;
    }
}

/// Bit length of the prime, the `Length` of the hunting-and-pecking KDF.
pub(crate) trait PrimeBits {
    const PRIME_BITS_FOR_HUNTING: usize;
}

impl<C: Curve> PrimeBits for C {
    const PRIME_BITS_FOR_HUNTING: usize = <super::group::Fe<C> as PrimeField>::NUM_BITS as usize;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift() {
        let mut v = [0xff, 0x80];
        shift_right(&mut v, 7);
        assert_eq!(v, [0x01, 0xff]);
    }

    #[test]
    fn prime_bits() {
        assert_eq!(<p256::NistP256 as PrimeBits>::PRIME_BITS_FOR_HUNTING, 256);
        assert_eq!(<p521::NistP521 as PrimeBits>::PRIME_BITS_FOR_HUNTING, 521);
    }
}
