//! Opportunistic Wireless Encryption (OWE, AKM 00-0F-AC:18; RFC 8110, IEEE 802.11-2020 12.4
//! and 12.7.1.3): the PMK and PMKID from an elliptic-curve Diffie-Hellman exchange in the
//! (Re)Association Request and Response.
//!
//! The client sends its public value C, the AP answers with A, both in the OWE Diffie-Hellman
//! Parameter element ([`crate::owe_element`]). For the ECC groups a public value is the
//! x-coordinate of the point, `len(p)` octets (RFC 8110 section 4.3, the compact
//! representation of RFC 6090), and z is the x-coordinate of the shared point. Then (RFC 8110
//! section 4.4):
//!
//! ```text
//! prk   = HKDF-Extract(C | A | group, z)           group: 2 octets, little-endian
//! PMK   = HKDF-Expand(prk, "OWE Key Generation", n)
//! PMKID = Truncate-128(Hash(C | A))
//! ```
//!
//! with SHA-256 and n = 32 for group 19 (P-256), SHA-384 and n = 48 for group 20 (P-384),
//! SHA-512 and n = 64 for group 21 (P-521). C always comes first, whichever side computes.
//!
//! Two ways in: [`OweKeys::derive`] from a z the caller computed elsewhere, or an
//! [`OweKeyPair`] from the caller's RNG that runs the Diffie-Hellman itself on the RustCrypto
//! `p256`/`p384`/`p521` crates and refuses a peer value that is not a point of the group.
//!
//! # Example: an OWE association, both sides
//!
//! ```
//! use ieee80211_keys::owe::{Group, OweKeyPair};
//! use ieee80211_keys::owe_element::OweDhParameter;
//! use ieee80211_keys::{Akm, Cipher, Nonce, Pairwise, Ptk, Suite};
//!
//! # fn main() -> Result<(), ieee80211_keys::Error> {
//! let mut rng = rand::rng();
//! // The client puts its public value C in its Association Request.
//! let client = OweKeyPair::generate(Group::P256, &mut rng);
//! let mut request = [0u8; 80];
//! let n = OweDhParameter::new(client.public_key()).write(&mut request)?;
//!
//! // The AP reads it (an unsupported group or a value off the curve is an error), answers
//! // with A in its Association Response, and has its PMK and PMKID.
//! let c = OweDhParameter::parse(&request[..n])?.public_key()?;
//! let ap = OweKeyPair::generate(c.group(), &mut rng);
//! let on_ap = ap.ap_keys(&c)?;
//! let mut response = [0u8; 80];
//! let n = OweDhParameter::new(ap.public_key()).write(&mut response)?;
//!
//! // The client reads A and derives the same keys; the 4-way handshake follows.
//! let a = OweDhParameter::parse(&response[..n])?.public_key()?;
//! let on_client = client.client_keys(&a)?;
//! assert_eq!(on_client.pmkid(), on_ap.pmkid());
//! assert!(bool::from(subtle::ConstantTimeEq::ct_eq(on_client.pmk(), on_ap.pmk())));
//!
//! // The 4-way handshake's suite follows from AKM 18 and the PMK length (here 32: SHA-256,
//! // 16-octet KCK, KEK and HMAC-SHA-256-128 MIC; 48 and 64 octets for groups 20 and 21).
//! let suite = Suite::new(Akm::Owe, Cipher::Ccmp128, on_client.pmk().len())?;
//! let pairwise = Pairwise {
//!     aa: "02:00:00:00:00:01".parse()?,
//!     spa: "02:00:00:00:00:02".parse()?,
//!     anonce: Nonce::new([1; 32]),
//!     snonce: Nonce::new([2; 32]),
//! };
//! let ptk = Ptk::derive(on_client.pmk(), &suite, &pairwise)?;
//! assert_eq!((ptk.kck().len(), suite.mic_len()), (16, 16));
//! # Ok(())
//! # }
//! ```
//!
//! Interoperability: hostap zero-pads z and its own public value to `len(p)` octets (its
//! `owe_process_assoc_req`, `owe_process_assoc_resp`); here both are always exactly `len(p)`
//! octets, so the transcripts agree. The peer's x-coordinate is lifted to the point with the
//! even y, as hostap does; either point gives the same z.

use core::fmt;

use p256::elliptic_curve::ecdh::diffie_hellman;
use p256::elliptic_curve::point::{AffineCoordinates, DecompressPoint};
use p256::elliptic_curve::subtle::Choice;
use p256::elliptic_curve::{
    AffinePoint, CurveArithmetic, CurveGroup, Field, FieldBytes, Generate, Group as _,
    NonZeroScalar, ProjectivePoint, Scalar,
};
use rand_core::CryptoRng;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::pmk::Pmk;
use crate::prf::{hash_truncated, hkdf_expand, hkdf_extract};
use crate::secret::{scratch, secret_type};
use crate::types::{write_hex, PmkId};

/// The info of HKDF-Expand for the OWE PMK (RFC 8110 section 4.4).
const PMK_LABEL: &[u8] = b"OWE Key Generation";

pub use crate::keys::group::{Group, MAX_PRIME_LEN};

secret_type!(
    /// OWE's z: the x-coordinate of the shared Diffie-Hellman point, `len(p)` octets (32, 48
    /// or 66 for groups 19, 20, 21).
    OweZ,
    capacity = 66,
    lengths = 32 | 48 | 66,
    what = "OWE z"
);

secret_type!(
    /// An OWE ephemeral private key: the scalar as `len(r)` big-endian octets (32, 48 or 66).
    OwePrivateKey,
    capacity = 66,
    lengths = 32 | 48 | 66,
    what = "OWE private key"
);

/// A public value of the exchange (C of the client, A of the AP): a point of the group, kept as
/// its x-coordinate of `len(p)` octets as the element carries it. Every value of this type has
/// been checked to be a point of its group; it is never the identity (which has no
/// x-coordinate).
#[derive(Clone)]
pub struct OwePublicKey {
    group: Group,
    x: [u8; MAX_PRIME_LEN],
    point: Point,
}

/// The point of a public value, on its curve.
#[derive(Clone, Copy)]
enum Point {
    P256(p256::AffinePoint),
    P384(p384::AffinePoint),
    P521(p521::AffinePoint),
}

impl OwePublicKey {
    /// Checks a public value received in a Diffie-Hellman Parameter element: exactly `len(p)`
    /// octets, an x-coordinate below p with a point on the curve.
    ///
    /// ```
    /// use ieee80211_keys::owe::{Group, OwePublicKey};
    /// // The x-coordinate of the P-256 generator is a valid public value; one above p is not.
    /// let g = hex::decode("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296")
    ///     .unwrap();
    /// assert!(OwePublicKey::from_bytes(Group::P256, &g).is_ok());
    /// assert!(OwePublicKey::from_bytes(Group::P256, &[0xff; 32]).is_err());
    /// assert!(OwePublicKey::from_bytes(Group::P384, &g).is_err()); // wrong length
    /// ```
    pub fn from_bytes(group: Group, x: &[u8]) -> Result<OwePublicKey> {
        let number = group.id();
        if x.len() != group.prime_len() {
            return Err(Error::InvalidPublicKey {
                group: number,
                reason: "length is not the prime length of the group",
            });
        }
        let not_a_point = Error::InvalidPublicKey {
            group: number,
            reason: "not the x-coordinate of a point on the curve",
        };
        let point = match group {
            Group::P256 => Point::P256(lift::<p256::NistP256>(x).ok_or(not_a_point)?),
            Group::P384 => Point::P384(lift::<p384::NistP384>(x).ok_or(not_a_point)?),
            Group::P521 => Point::P521(lift::<p521::NistP521>(x).ok_or(not_a_point)?),
        };
        let mut bytes = [0; MAX_PRIME_LEN];
        bytes[..x.len()].copy_from_slice(x);
        Ok(OwePublicKey { group, x: bytes, point })
    }

    /// The group.
    pub const fn group(&self) -> Group {
        self.group
    }

    /// The x-coordinate, `len(p)` octets, as carried in the element.
    pub fn as_bytes(&self) -> &[u8] {
        &self.x[..self.group.prime_len()]
    }
}

impl PartialEq for OwePublicKey {
    fn eq(&self, other: &Self) -> bool {
        // Public values, compared in constant time all the same, as the crate's checks are.
        self.group == other.group && bool::from(self.as_bytes().ct_eq(other.as_bytes()))
    }
}

impl Eq for OwePublicKey {}

impl fmt::Debug for OwePublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OwePublicKey({}, ", self.group.id())?;
        write_hex(f, self.as_bytes())?;
        write!(f, ")")
    }
}

/// The point with x-coordinate `x` and an even y (hostap's choice; the other point gives the
/// same z), or `None` when `x` is not below p or no point has it.
fn lift<C>(x: &[u8]) -> Option<AffinePoint<C>>
where
    C: CurveArithmetic,
    AffinePoint<C>: DecompressPoint<C>,
{
    let mut bytes = FieldBytes::<C>::default();
    if bytes.len() != x.len() {
        return None;
    }
    bytes.copy_from_slice(x);
    AffinePoint::<C>::decompress(&bytes, Choice::from(0)).into()
}

/// The two public values of one exchange, named by role: the transcript puts the client's
/// first whichever side computes it.
#[derive(Clone, Copy, Debug)]
pub struct OwePublicValues<'a> {
    /// C: the public value in the client's (Re)Association Request.
    pub client: &'a OwePublicKey,
    /// A: the public value in the AP's (Re)Association Response.
    pub ap: &'a OwePublicKey,
}

impl OwePublicValues<'_> {
    /// The group of the exchange; the two values must share it.
    ///
    /// ```
    /// use ieee80211_keys::owe::{Group, OweKeyPair, OwePublicValues};
    /// let mut rng = rand::rng();
    /// let c = OweKeyPair::generate(Group::P256, &mut rng);
    /// let a = OweKeyPair::generate(Group::P384, &mut rng);
    /// let values = OwePublicValues { client: c.public_key(), ap: a.public_key() };
    /// assert!(values.group().is_err()); // group 19 against group 20
    /// ```
    pub fn group(&self) -> Result<Group> {
        let (c, a) = (self.client.group, self.ap.group);
        if c != a {
            return Err(Error::GroupMismatch { expected: c.id(), received: a.id() });
        }
        Ok(c)
    }
}

/// What OWE establishes: the PMK and its PMKID, for the 4-way handshake and PMKSA caching.
pub struct OweKeys {
    pmk: Pmk,
    pmkid: PmkId,
}

impl OweKeys {
    /// The PMK and PMKID from z and the two public values (RFC 8110 section 4.4). z must be
    /// `len(p)` octets of the public values' group.
    ///
    /// ```
    /// use ieee80211_keys::owe::{Group, OweKeys, OwePublicKey, OwePublicValues, OweZ};
    /// # fn main() -> Result<(), ieee80211_keys::Error> {
    /// # let h = |s: &str| hex::decode(s).unwrap();
    /// // z as computed by the caller's own Diffie-Hellman, and the two x-coordinates.
    /// let z = OweZ::from_bytes(&h("26859c1bb5a42d35e9aab87d5da4dc8fdc3a71f0f12be68a3ff5ae8ff1f4a1e3"))?;
    /// let c = OwePublicKey::from_bytes(Group::P256, &h("4abf7c206407893a1c8b27a7b9b2c1dc6e3d7038fed9ad7ae2250d03dc18e080"))?;
    /// let a = OwePublicKey::from_bytes(Group::P256, &h("40ac0ba500964f5872fb969e673d0c83869dd8976c688cec46fe4ba4b140e7ef"))?;
    /// let keys = OweKeys::derive(&z, &OwePublicValues { client: &c, ap: &a })?;
    /// assert_eq!(keys.pmk().len(), 32);
    /// # Ok(())
    /// # }
    /// ```
    pub fn derive(z: &OweZ, values: &OwePublicValues<'_>) -> Result<OweKeys> {
        let group = values.group()?;
        if z.len() != group.prime_len() {
            return Err(Error::InvalidLength { what: "OWE z for the group", len: z.len() });
        }
        let (c, a) = (values.client.as_bytes(), values.ap.as_bytes());
        let hash = group.hash();
        // salt = C | A | group (LE16): public, at most 66 + 66 + 2 octets.
        let mut salt = [0u8; 2 * MAX_PRIME_LEN + 2];
        let n = c.len() + a.len();
        salt[..c.len()].copy_from_slice(c);
        salt[c.len()..n].copy_from_slice(a);
        salt[n..n + 2].copy_from_slice(&group.id().to_le_bytes());
        let mut prk = scratch::<64>();
        let prk = &mut prk.0[..hash.output_len()];
        hkdf_extract(hash, &salt[..n + 2], &[z.as_bytes()], prk)?;
        let pmk = Pmk::fill_with(group.pmk_len(), |out| hkdf_expand(hash, prk, &[PMK_LABEL], out))?;
        Ok(OweKeys { pmk, pmkid: pmkid(values)? })
    }

    /// The PMK (32, 48 or 64 octets by group).
    pub fn pmk(&self) -> &Pmk {
        &self.pmk
    }

    /// The PMKID.
    pub fn pmkid(&self) -> PmkId {
        self.pmkid
    }

    /// The PMK and PMKID, to keep.
    pub fn into_parts(self) -> (Pmk, PmkId) {
        (self.pmk, self.pmkid)
    }
}

impl fmt::Debug for OweKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OweKeys").field("pmk", &self.pmk).field("pmkid", &self.pmkid).finish()
    }
}

/// `PMKID = Truncate-128(Hash(C | A))` (RFC 8110 section 4.4), the hash of the group. It needs
/// no secret: a client offers it for PMKSA caching before any exchange.
///
/// ```
/// use ieee80211_keys::owe::{pmkid, Group, OwePublicKey, OwePublicValues};
/// # fn main() -> Result<(), ieee80211_keys::Error> {
/// # let h = |s: &str| hex::decode(s).unwrap();
/// let c = OwePublicKey::from_bytes(Group::P256, &h("4abf7c206407893a1c8b27a7b9b2c1dc6e3d7038fed9ad7ae2250d03dc18e080"))?;
/// let a = OwePublicKey::from_bytes(Group::P256, &h("40ac0ba500964f5872fb969e673d0c83869dd8976c688cec46fe4ba4b140e7ef"))?;
/// let id = pmkid(&OwePublicValues { client: &c, ap: &a })?;
/// assert_ne!(id, pmkid(&OwePublicValues { client: &a, ap: &c })?); // the order matters
/// # Ok(())
/// # }
/// ```
pub fn pmkid(values: &OwePublicValues<'_>) -> Result<PmkId> {
    let group = values.group()?;
    let mut id = [0u8; 16];
    hash_truncated(group.hash(), &[values.client.as_bytes(), values.ap.as_bytes()], &mut id);
    Ok(PmkId::new(id))
}

/// An ephemeral key pair of one exchange: the private scalar (a secret) and its public value.
/// Use it once: OWE's keys are ephemeral (RFC 8110 section 4.4).
#[derive(Clone)]
pub struct OweKeyPair {
    private: OwePrivateKey,
    public: OwePublicKey,
}

impl fmt::Debug for OweKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OweKeyPair")
            .field("private", &self.private)
            .field("public", &self.public)
            .finish()
    }
}

impl OweKeyPair {
    /// A fresh key pair from the caller's cryptographic RNG: a scalar uniform in `[2, r-1]`.
    ///
    /// ```
    /// use ieee80211_keys::owe::{Group, OweKeyPair};
    /// let mut rng = rand::rng();
    /// let pair = OweKeyPair::generate(Group::P384, &mut rng);
    /// assert_eq!(pair.public_key().as_bytes().len(), 48);
    /// ```
    pub fn generate<R: CryptoRng + ?Sized>(group: Group, rng: &mut R) -> OweKeyPair {
        loop {
            let private = match group {
                Group::P256 => random_scalar::<p256::NistP256, R>(rng),
                Group::P384 => random_scalar::<p384::NistP384, R>(rng),
                Group::P521 => random_scalar::<p521::NistP521, R>(rng),
            };
            // Fails only for the scalar one (a chance of about 2^-255), refused for the reason
            // `from_private_bytes` gives: draw again.
            if let Ok(pair) = private.and_then(|p| OweKeyPair::from_private(group, p)) {
                return pair;
            }
        }
    }

    /// The key pair of a given private scalar, `len(r)` big-endian octets (reproducible
    /// exchanges: test vectors, captures replayed with a known key). The scalar must be in
    /// `[2, r-1]`: zero is no key, and one makes the public value the generator itself.
    ///
    /// ```
    /// use ieee80211_keys::owe::{Group, OweKeyPair};
    /// # fn main() -> Result<(), ieee80211_keys::Error> {
    /// # let h = |s: &str| hex::decode(s).unwrap();
    /// let pair = OweKeyPair::from_private_bytes(
    ///     Group::P256,
    ///     &h("5d6edb96f46993e0fb7621f93e5d3450813eb8c63ece17ecbf45376c574debb2"),
    /// )?;
    /// assert_eq!(
    ///     pair.public_key().as_bytes(),
    ///     &h("4abf7c206407893a1c8b27a7b9b2c1dc6e3d7038fed9ad7ae2250d03dc18e080")[..]
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_private_bytes(group: Group, scalar: &[u8]) -> Result<OweKeyPair> {
        OweKeyPair::from_private(group, OwePrivateKey::from_bytes(scalar)?)
    }

    /// The key pair of a private key: refuses a scalar outside `[2, r-1]` or of another length.
    fn from_private(group: Group, private: OwePrivateKey) -> Result<OweKeyPair> {
        let scalar = private.as_bytes();
        let mut x = [0u8; MAX_PRIME_LEN];
        let point = match group {
            Group::P256 => public_point::<p256::NistP256>(scalar, &mut x).map(Point::P256),
            Group::P384 => public_point::<p384::NistP384>(scalar, &mut x).map(Point::P384),
            Group::P521 => public_point::<p521::NistP521>(scalar, &mut x).map(Point::P521),
        };
        let point = point.ok_or(Error::InvalidPrivateKey { group: group.id() })?;
        // Our own point needs no check: it is `scalar * G`.
        Ok(OweKeyPair { private, public: OwePublicKey { group, x, point } })
    }

    /// The public value to send (C as a client, A as an AP).
    pub fn public_key(&self) -> &OwePublicKey {
        &self.public
    }

    /// The Diffie-Hellman: z, the x-coordinate of the private scalar times the peer's point.
    /// The peer's value must belong to this pair's group.
    ///
    /// ```
    /// use ieee80211_keys::owe::{Group, OweKeyPair};
    /// # fn main() -> Result<(), ieee80211_keys::Error> {
    /// let mut rng = rand::rng();
    /// let client = OweKeyPair::generate(Group::P256, &mut rng);
    /// let ap = OweKeyPair::generate(Group::P256, &mut rng);
    /// let z = client.shared_secret(ap.public_key())?;
    /// assert!(bool::from(subtle::ConstantTimeEq::ct_eq(&z, &ap.shared_secret(client.public_key())?)));
    /// # Ok(())
    /// # }
    /// ```
    pub fn shared_secret(&self, peer: &OwePublicKey) -> Result<OweZ> {
        let group = self.public.group;
        if peer.group != group {
            return Err(Error::GroupMismatch { expected: group.id(), received: peer.group.id() });
        }
        let scalar = self.private.as_bytes();
        OweZ::fill_with(group.prime_len(), |z| {
            let ok = match peer.point {
                Point::P256(p) => shared_x::<p256::NistP256>(scalar, &p, z),
                Point::P384(p) => shared_x::<p384::NistP384>(scalar, &p, z),
                Point::P521(p) => shared_x::<p521::NistP521>(scalar, &p, z),
            };
            if ok {
                Ok(())
            } else {
                Err(Error::InvalidPrivateKey { group: group.id() })
            }
        })
    }

    /// The client's side: z with the AP's public value A, then the PMK and PMKID with C = our
    /// own public value.
    ///
    /// ```
    /// use ieee80211_keys::owe::{Group, OweKeyPair};
    /// # fn main() -> Result<(), ieee80211_keys::Error> {
    /// let mut rng = rand::rng();
    /// let client = OweKeyPair::generate(Group::P256, &mut rng);
    /// let ap = OweKeyPair::generate(Group::P256, &mut rng);
    /// // Each side has its own pair and the peer's public value from the element.
    /// let on_client = client.client_keys(ap.public_key())?;
    /// let on_ap = ap.ap_keys(client.public_key())?;
    /// assert_eq!(on_client.pmkid(), on_ap.pmkid());
    /// assert!(bool::from(subtle::ConstantTimeEq::ct_eq(on_client.pmk(), on_ap.pmk())));
    /// # Ok(())
    /// # }
    /// ```
    pub fn client_keys(&self, ap: &OwePublicKey) -> Result<OweKeys> {
        let z = self.shared_secret(ap)?;
        OweKeys::derive(&z, &OwePublicValues { client: &self.public, ap })
    }

    /// The AP's side: z with the client's public value C, then the PMK and PMKID with A = our
    /// own public value.
    ///
    /// ```
    /// use ieee80211_keys::owe::{pmkid, Group, OweKeyPair, OwePublicValues};
    /// # fn main() -> Result<(), ieee80211_keys::Error> {
    /// let mut rng = rand::rng();
    /// let (client, ap) = (OweKeyPair::generate(Group::P521, &mut rng), OweKeyPair::generate(Group::P521, &mut rng));
    /// let keys = ap.ap_keys(client.public_key())?;
    /// assert_eq!(keys.pmk().len(), 64);
    /// // The PMKID puts the client's value first on both sides.
    /// let values = OwePublicValues { client: client.public_key(), ap: ap.public_key() };
    /// assert_eq!(keys.pmkid(), pmkid(&values)?);
    /// # Ok(())
    /// # }
    /// ```
    pub fn ap_keys(&self, client: &OwePublicKey) -> Result<OweKeys> {
        let z = self.shared_secret(client)?;
        OweKeys::derive(&z, &OwePublicValues { client, ap: &self.public })
    }
}

/// A uniformly random nonzero scalar of `C` from the caller's RNG, as a private key.
fn random_scalar<C, R>(rng: &mut R) -> Result<OwePrivateKey>
where
    C: CurveArithmetic,
    R: CryptoRng + ?Sized,
{
    let scalar = Zeroizing::new(NonZeroScalar::<C>::generate_from_rng(rng));
    let repr = Zeroizing::new(FieldBytes::<C>::from(&*scalar));
    OwePrivateKey::from_bytes(&repr)
}

/// Nonzero scalar from big-endian octets, or `None` (wrong length, zero, or not below r).
fn scalar_from<C: CurveArithmetic>(bytes: &[u8]) -> Option<Zeroizing<NonZeroScalar<C>>> {
    let mut repr = Zeroizing::new(FieldBytes::<C>::default());
    if repr.len() != bytes.len() {
        return None;
    }
    repr.copy_from_slice(bytes);
    Option::from(NonZeroScalar::<C>::from_repr(*repr)).map(Zeroizing::new)
}

/// `scalar * G`, its x-coordinate written into `x`; `None` unless the scalar is in `[2, r-1]`.
fn public_point<C>(scalar: &[u8], x: &mut [u8]) -> Option<AffinePoint<C>>
where
    C: CurveArithmetic,
    AffinePoint<C>: AffineCoordinates<FieldRepr = FieldBytes<C>>,
{
    let s = scalar_from::<C>(scalar)?;
    let scalar: &Scalar<C> = (*s).as_ref();
    if *scalar == Scalar::<C>::ONE {
        return None;
    }
    let point = ProjectivePoint::<C>::mul_by_generator(scalar).to_affine();
    let px = point.x();
    x.get_mut(..px.len())?.copy_from_slice(&px);
    Some(point)
}

/// z = x(scalar * peer) into `z`; `false` if the scalar is not valid (never for a pair built
/// by this module).
fn shared_x<C>(scalar: &[u8], peer: &AffinePoint<C>, z: &mut [u8]) -> bool
where
    C: CurveArithmetic,
{
    let Some(s) = scalar_from::<C>(scalar) else { return false };
    // A point of a prime-order curve times a nonzero scalar below r is never the identity.
    // By reference: a copy of the scalar would not be wiped.
    #[allow(clippy::needless_borrows_for_generic_args)]
    let shared = diffie_hellman(&*s, peer);
    let x = shared.raw_secret_bytes();
    if x.len() != z.len() {
        return false;
    }
    z.copy_from_slice(x);
    true
}
