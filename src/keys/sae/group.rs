//! The curve arithmetic under the SAE groups (IEEE 802.11-2020 12.4.4.2; the group type itself,
//! shared with OWE, is `keys/group.rs`).
//!
//! Values cross the public API as octets (x || y for points, big-endian integers of `len(p)`
//! octets for scalars, as the Authentication frames carry them); inside, each operation
//! decodes them into the RustCrypto curve types of its group ([`Curve`]) through the dispatch
//! macro [`with_curve!`]. Everything here that touches a secret is constant time: field and
//! scalar arithmetic, point multiplication, selection and decoding come from the curve crates,
//! and the two reductions below use `crypto-bigint`'s constant-time remainder.

use elliptic_curve::bigint::{NonZero, U1024};
use elliptic_curve::ff::{Field, PrimeField};
use elliptic_curve::point::AffineCoordinates;
use elliptic_curve::subtle::{Choice, ConditionallySelectable, ConstantTimeEq, CtOption};
use elliptic_curve::FieldBytes;
use hash2curve::MapToCurve;
use primeorder::PrimeCurveParams;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::secret::Octets;

use p256::elliptic_curve;

pub use crate::keys::group::{Group, MAX_PRIME_LEN};

/// Longest encoded element (x || y) in octets.
pub const MAX_ELEMENT_LEN: usize = 2 * MAX_PRIME_LEN;

impl Group {
    /// The group whose encoded elements have `len` octets (the secret point types carry no
    /// other tag).
    pub(crate) fn from_element_len(len: usize) -> Result<Group> {
        Group::ALL
            .into_iter()
            .find(|g| g.element_len() == len)
            .ok_or(Error::InvalidLength { what: "SAE element", len })
    }
}

/// A curve of an SAE group, as the RustCrypto crates give it: short Weierstrass, prime order
/// (cofactor 1, so every point on the curve but the identity generates the group), with the
/// simplified SWU map of RFC 9380 (whose `Z` is the one 12.4.4.2.3 names: -10, -12, -4).
pub(crate) trait Curve:
    PrimeCurveParams
    + MapToCurve<FieldElement = <Self as elliptic_curve::hazmat::FieldArithmetic>::FieldElement>
{
    /// The group this curve is.
    const GROUP: Group;

    /// `a * p + b * q` in constant time, as one double-scalar multiplication (the curve
    /// crates' `lincomb`, interleaving both; written per curve, where the types are concrete).
    fn double_mul(
        p: &Point<Self>,
        a: &Scalar<Self>,
        q: &Point<Self>,
        b: &Scalar<Self>,
    ) -> Point<Self>;
}

macro_rules! curve {
    ($curve:ty, $krate:ident, $group:expr) => {
        impl Curve for $curve {
            const GROUP: Group = $group;

            fn double_mul(
                p: &$krate::ProjectivePoint,
                a: &$krate::Scalar,
                q: &$krate::ProjectivePoint,
                b: &$krate::Scalar,
            ) -> $krate::ProjectivePoint {
                use elliptic_curve::ops::LinearCombination;
                $krate::ProjectivePoint::lincomb(&[(*p, *a), (*q, *b)])
            }
        }
    };
}

curve!(p256::NistP256, p256, Group::P256);
curve!(p384::NistP384, p384, Group::P384);
curve!(p521::NistP521, p521, Group::P521);

pub(crate) type Fe<C> = <C as elliptic_curve::hazmat::FieldArithmetic>::FieldElement;
pub(crate) type Scalar<C> = <C as elliptic_curve::CurveArithmetic>::Scalar;
pub(crate) type Point<C> = <C as elliptic_curve::CurveArithmetic>::ProjectivePoint;
pub(crate) type Affine<C> = <C as elliptic_curve::CurveArithmetic>::AffinePoint;

/// Runs `$body` with `$c` the curve type of `$group`.
macro_rules! with_curve {
    ($group:expr, $c:ident => $body:expr) => {
        match $group {
            $crate::sae::Group::P256 => {
                type $c = p256::NistP256;
                $body
            }
            $crate::sae::Group::P384 => {
                type $c = p384::NistP384;
                $body
            }
            $crate::sae::Group::P521 => {
                type $c = p521::NistP521;
                $body
            }
        }
    };
}
pub(crate) use with_curve;

/// `len(p)` octets as the curve's field-element representation. The caller has checked the
/// length.
pub(crate) fn field_bytes<C: Curve>(bytes: &[u8]) -> FieldBytes<C> {
    let mut out = FieldBytes::<C>::default();
    out.copy_from_slice(bytes);
    out
}

/// A scalar from `len(p)` big-endian octets, if it is below the order.
pub(crate) fn scalar_from_bytes<C: Curve>(bytes: &[u8]) -> CtOption<Scalar<C>> {
    Scalar::<C>::from_repr(field_bytes::<C>(bytes))
}

/// A point from x || y, if both coordinates are below p and it is on the curve (then it is not
/// the identity, which has no affine coordinates).
pub(crate) fn point_from_bytes<C: Curve>(bytes: &[u8]) -> CtOption<Affine<C>> {
    let (x, y) = bytes.split_at(C::GROUP.prime_len());
    Affine::<C>::from_coordinates(&field_bytes::<C>(x), &field_bytes::<C>(y))
}

/// Writes an affine point as x || y into `out` (`element_len` octets).
pub(crate) fn write_point<C: Curve>(p: &Affine<C>, out: &mut [u8]) {
    let (x, y) = out.split_at_mut(C::GROUP.prime_len());
    let mut xb = Zeroizing::new(p.x());
    let mut yb = Zeroizing::new(p.y());
    x.copy_from_slice(&xb);
    y.copy_from_slice(&yb);
    xb.fill(0);
    yb.fill(0);
}

/// `p - 1` or `r - 1` (from `-1` in the field or the scalars) as a 1024-bit integer.
fn minus_one(repr: &[u8]) -> U1024 {
    let mut wide = [0u8; 128];
    wide[128 - repr.len()..].copy_from_slice(repr);
    U1024::from_be_slice(&wide)
}

/// An integer of up to 128 big-endian octets, zero-extended, wiped after use.
fn wide(value: &[u8]) -> U1024 {
    let mut buf = Zeroizing::new(Octets::<128>::default());
    buf.0[128 - value.len()..].copy_from_slice(value);
    U1024::from_be_slice(&buf.0)
}

/// The last `len(p)` octets of `v` as the curve's representation.
fn low_octets<C: Curve>(v: &U1024) -> Zeroizing<FieldBytes<C>> {
    let bytes = Zeroizing::new(Octets(v.to_be_bytes().as_ref().try_into().unwrap_or([0; 128])));
    let len = C::GROUP.prime_len();
    Zeroizing::new(field_bytes::<C>(&bytes.0[128 - len..]))
}

/// `value mod p` as a field element, for a big-endian integer of any length (the `u1`, `u2`
/// of hash-to-element, 12.4.4.2.3, are `len(p) + len(p)/2` octets). Horner's rule over chunks
/// of `len(p) - 1` octets, each below p: one field multiplication and one addition per chunk
/// after the first (two chunks for every group), constant time in `value`.
pub(crate) fn field_mod_p<C: Curve>(value: &[u8]) -> Fe<C> {
    let len = C::GROUP.prime_len();
    let chunk = len - 1;
    // 2^(8 * chunk), below p: a one followed by `chunk` zero octets.
    let mut radix = FieldBytes::<C>::default();
    radix[0] = 1;
    let radix = Fe::<C>::from_repr(radix).unwrap_or(Fe::<C>::ZERO);
    let first = match value.len() % chunk {
        0 => chunk.min(value.len()),
        n => n,
    };
    let mut acc = Fe::<C>::ZERO;
    let (head, rest) = value.split_at(first);
    for piece in core::iter::once(head).chain(rest.chunks(chunk)) {
        let mut bytes = Zeroizing::new(FieldBytes::<C>::default());
        bytes[len - piece.len()..].copy_from_slice(piece);
        // A chunk of len(p) - 1 octets is below p.
        let c = Fe::<C>::from_repr(*bytes).unwrap_or(Fe::<C>::ZERO);
        acc = acc * radix + c;
    }
    acc
}

/// [`field_mod_p`] by a constant-time long division (the test's second transcription).
#[cfg(test)]
fn field_mod_p_by_division<C: Curve>(value: &[u8]) -> Fe<C> {
    let p = minus_one(&(-Fe::<C>::ONE).to_repr()).wrapping_add(&U1024::ONE);
    let p = NonZero::new(p).unwrap_or(NonZero::<U1024>::ONE);
    let reduced = wide(value).rem(&p);
    Fe::<C>::from_repr(*low_octets::<C>(&reduced)).unwrap_or(Fe::<C>::ZERO)
}

/// `(value mod (r - 1)) + 1` as a scalar, in `[1, r - 1]`: the `val` of the PWE from PT
/// (12.4.4.2.3). Constant time in `value`.
pub(crate) fn scalar_mod_r_minus_1_plus_1<C: Curve>(value: &[u8]) -> Scalar<C> {
    let r1 = minus_one(&(-Scalar::<C>::ONE).to_repr());
    let r1 = NonZero::new(r1).unwrap_or(NonZero::<U1024>::ONE);
    let reduced = wide(value).rem(&r1).wrapping_add(&U1024::ONE);
    Scalar::<C>::from_repr(*low_octets::<C>(&reduced)).unwrap_or(Scalar::<C>::ONE)
}

/// The prime p as `len(p)` big-endian octets (the context of the hunting-and-pecking KDF).
pub(crate) fn prime_bytes<C: Curve>(out: &mut [u8]) {
    // p - 1 is even, so adding one changes only its last octet.
    out.copy_from_slice(&(-Fe::<C>::ONE).to_repr());
    if let Some(last) = out.last_mut() {
        *last |= 1;
    }
}

/// The point with x-coordinate `x` (`len(p)` octets) and the square root `y` of
/// `x^3 + ax + b` of parity `odd`, if `x < p` and that is a square: hunting-and-pecking's
/// candidate. Constant time.
pub(crate) fn decompress<C: Curve>(x: &[u8], odd: Choice) -> CtOption<Affine<C>> {
    Fe::<C>::from_repr(field_bytes::<C>(x)).and_then(|x| {
        let alpha = x.square() * x + C::EQUATION_A * x + C::EQUATION_B;
        alpha.sqrt().and_then(|beta| {
            let y = Fe::<C>::conditional_select(&-beta, &beta, beta.is_odd().ct_eq(&odd));
            Affine::<C>::from_coordinates(&x.to_repr(), &y.to_repr())
        })
    })
}

/// Whether a point is the identity.
pub(crate) fn is_identity<C: Curve>(p: &Affine<C>) -> bool {
    bool::from(p.is_identity())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_unknown_groups_are_named() {
        for g in Group::ALL {
            assert_eq!(Group::from_id(g.id()), Ok(g));
            assert_eq!(Group::from_element_len(g.element_len()), Ok(g));
        }
        for id in [0u16, 1, 2, 5, 14, 15, 16, 22, 25, 26, 28, 29, 30, 0xffff] {
            assert_eq!(Group::from_id(id), Err(Error::UnsupportedGroup { group: id }));
        }
    }

    #[test]
    fn primes_are_the_published_ones() {
        let mut p = [0u8; 32];
        prime_bytes::<p256::NistP256>(&mut p);
        assert_eq!(
            p[..],
            crate::test_hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff")
                [..32]
        );
        let mut p = [0u8; 66];
        prime_bytes::<p521::NistP521>(&mut p);
        assert_eq!(p[0], 0x01);
        assert!(p[1..].iter().all(|&b| b == 0xff));
    }

    #[test]
    fn reductions() {
        type C = p256::NistP256;
        // p reduces to 0, 256 * p + 5 to 5.
        let mut v = [0u8; 48];
        prime_bytes::<C>(&mut v[16..]);
        assert_eq!(field_mod_p::<C>(&v), Fe::<C>::ZERO);
        let mut v = [0u8; 48];
        prime_bytes::<C>(&mut v[15..47]);
        v[47] = 5;
        assert_eq!(field_mod_p::<C>(&v), Fe::<C>::from(5u64));
        let r1 = (-Scalar::<C>::ONE).to_repr();
        assert_eq!(scalar_mod_r_minus_1_plus_1::<C>(&r1), Scalar::<C>::ONE);
        assert_eq!(scalar_mod_r_minus_1_plus_1::<C>(&[7]), Scalar::<C>::from(8u64));
    }

    /// Horner's reduction against the long division, every group, every length up to 128
    /// octets, on octets that exercise carries (all ones, and a pattern).
    #[test]
    fn horner_reduction_agrees_with_division() {
        fn check<C: Curve>() {
            for n in 0..=128usize {
                let ones = [0xffu8; 128];
                let pattern: [u8; 128] =
                    core::array::from_fn(|i| (i as u8).wrapping_mul(151) ^ 0x3c);
                for v in [&ones[..n], &pattern[..n]] {
                    assert_eq!(field_mod_p::<C>(v), field_mod_p_by_division::<C>(v), "{n}");
                }
            }
        }
        check::<p256::NistP256>();
        check::<p384::NistP384>();
        check::<p521::NistP521>();
    }
}
