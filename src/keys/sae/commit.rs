//! The commit exchange (IEEE 802.11-2020 12.4.5.3 and 12.4.5.4): our commit from the PWE and
//! two random scalars, and the processing of the peer's commit into the keys, with every check
//! the standard makes of a peer commit.

use core::fmt;

use elliptic_curve::ff::{Field, PrimeField};
use elliptic_curve::point::AffineCoordinates;
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use super::confirm::{Keyseed, SaeKck, SharedSecret, Unconfirmed};
use super::group::{
    is_identity, point_from_bytes, scalar_from_bytes, with_curve, write_point, Affine, Curve,
    Group, Point, Scalar, MAX_ELEMENT_LEN, MAX_PRIME_LEN,
};
use super::pwe::{Pwe, PweMethod};
use crate::error::{Error, Result};
use crate::pmk::Pmk;
use crate::prf::{hkdf_extract, kdf_bits};
use crate::secret::{scratch, secret_type};
use crate::suite::{Akm, HashAlg, KeySource};
use crate::types::{write_hex, PmkId};

use p256::elliptic_curve;

secret_type!(
    /// SAE's private random scalar `rand` (12.4.5.3), `1 < rand < r`, `len(r)` octets.
    Rand,
    capacity = 66,
    lengths = 32 | 48 | 66,
    what = "SAE rand"
);

secret_type!(
    /// SAE's private random scalar `mask` (12.4.5.3), `1 < mask < r`, `len(r)` octets.
    Mask,
    capacity = 66,
    lengths = 32 | 48 | 66,
    what = "SAE mask"
);

/// Which SAE AKM the keys are for. It decides the PMK length: 32 octets for AKM 8 (SAE) and 9
/// (FT-SAE), the hash length for AKM 24 (SAE-EXT-KEY) and 25 (FT-SAE-EXT-KEY).
///
/// The hash of the keys follows hostap's `sae_derive_keys`: SHA-256 after
/// hunting-and-pecking, the group's hash after hash-to-element, for every AKM.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AkmFamily {
    /// AKM 8 (SAE) and 9 (FT-SAE): a 32-octet PMK.
    Sae,
    /// AKM 24 (SAE-EXT-KEY) and 25 (FT-SAE-EXT-KEY): a PMK of the hash length.
    SaeExtKey,
}

impl TryFrom<Akm> for AkmFamily {
    type Error = Error;

    /// The AKMs whose suite row takes its key from SAE: those whose hash follows the PMK
    /// length (SAE-EXT-KEY, AKMs 24 and 25) are [`AkmFamily::SaeExtKey`], the others (8 and 9)
    /// [`AkmFamily::Sae`]; every other AKM is not an SAE AKM. The suite rows decide, not a list
    /// of AKM values here.
    fn try_from(akm: Akm) -> Result<AkmFamily> {
        match akm.key_source() {
            KeySource::Sae if akm.hash_for(64) == Ok(crate::suite::HashAlg::Sha512) => {
                Ok(AkmFamily::SaeExtKey)
            }
            KeySource::Sae => Ok(AkmFamily::Sae),
            _ => Err(Error::NotForAkm { akm, operation: "SAE" }),
        }
    }
}

/// A Rejected Groups list (12.4.5.3; the Rejected Groups element, 9.4.2.245): the groups a
/// station tried and the AP refused, each 2 octets little-endian. With hash-to-element it salts
/// the keyseed on both sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RejectedGroups<'a>(&'a [u8]);

impl<'a> RejectedGroups<'a> {
    /// Takes the list's octets (the element body after its Element ID Extension); refuses an
    /// empty list, an odd length and one longer than an element holds.
    ///
    /// ```
    /// use ieee80211_keys::sae::RejectedGroups;
    /// let list = RejectedGroups::new(&[20, 0, 21, 0])?;
    /// assert!(list.groups().eq([20, 21]));
    /// assert!(RejectedGroups::new(&[20]).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn new(list: &'a [u8]) -> Result<Self> {
        if list.is_empty() || !list.len().is_multiple_of(2) || list.len() > 254 {
            return Err(Error::MalformedElement {
                reason: "Rejected Groups: the list must be 1 to 127 groups of 2 octets",
            });
        }
        Ok(RejectedGroups(list))
    }

    /// The list's octets, as carried and as the keyseed salt.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// The group numbers.
    pub fn groups(&self) -> impl Iterator<Item = u16> + 'a {
        self.0.chunks_exact(2).map(|g| u16::from_le_bytes([g[0], g[1]]))
    }
}

/// One side's commit: the group, its commit-scalar and its COMMIT-ELEMENT (x || y), as the
/// SAE commit message carries them. Public values.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Commit {
    group: Group,
    scalar: [u8; MAX_PRIME_LEN],
    element: [u8; MAX_ELEMENT_LEN],
}

impl Commit {
    /// A commit from its fields, as received. Checks the lengths only: the values are checked
    /// when the commit is processed ([`Committed::process`]).
    ///
    /// ```
    /// use ieee80211_keys::sae::{Commit, Group};
    /// let c = Commit::new(Group::P256, &[1; 32], &[2; 64])?;
    /// assert_eq!((c.scalar(), c.element().len()), (&[1u8; 32][..], 64));
    /// assert!(Commit::new(Group::P256, &[1; 48], &[2; 64]).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn new(group: Group, scalar: &[u8], element: &[u8]) -> Result<Commit> {
        let len = group.prime_len();
        if scalar.len() != len {
            return Err(Error::InvalidLength { what: "SAE commit-scalar", len: scalar.len() });
        }
        if element.len() != 2 * len {
            return Err(Error::InvalidLength { what: "SAE commit-element", len: element.len() });
        }
        let mut c = Commit { group, scalar: [0; MAX_PRIME_LEN], element: [0; MAX_ELEMENT_LEN] };
        c.scalar[..len].copy_from_slice(scalar);
        c.element[..2 * len].copy_from_slice(element);
        Ok(c)
    }

    /// The group.
    pub fn group(&self) -> Group {
        self.group
    }

    /// The commit-scalar, `len(r)` octets big-endian.
    pub fn scalar(&self) -> &[u8] {
        &self.scalar[..self.group.prime_len()]
    }

    /// The COMMIT-ELEMENT, x || y.
    pub fn element(&self) -> &[u8] {
        &self.element[..self.group.element_len()]
    }

    /// The PMKID of the exchange of this commit and `peer` (12.4.5.4): the first 128 bits of
    /// `(commit-scalar + peer-commit-scalar) mod r`, the same from either side. Both commits
    /// are on the air, so a passive observer computes it too: it names the PMKSA in message
    /// 1/4 and in a later (re)association's RSNE. The PMK stays out of the observer's reach
    /// (it takes a side's private `rand`).
    ///
    /// ```
    /// use ieee80211_keys::sae::{Commit, Group};
    /// // IEEE 802.11-2020 Annex J.10 as hostap's sae_tests carries it (group 19, hunting and
    /// // pecking): the two commit-scalars and the PMKID.
    /// let own = hex::decode("eb3bab1964e4a0ab05925ddf3339519138bc65d6cdc0f813dd6fd4344eb4bfe4").unwrap();
    /// let peer = hex::decode("5564f045b2ea1e566cf1dd741f70d9be35d2df5b9a5502946ee03cf8dae27e1e").unwrap();
    /// let (own, peer) =
    ///     (Commit::new(Group::P256, &own, &[0; 64])?, Commit::new(Group::P256, &peer, &[0; 64])?);
    /// assert_eq!(own.pmkid(&peer)?.to_string(), "40a09b6017cebf0072843b5352aa2b4f");
    /// assert_eq!(peer.pmkid(&own)?, own.pmkid(&peer)?);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn pmkid(&self, peer: &Commit) -> Result<PmkId> {
        if peer.group != self.group {
            return Err(Error::InvalidCommit { reason: "peer commit is for another group" });
        }
        let mut context = [0u8; MAX_PRIME_LEN];
        let context = &mut context[..self.group.prime_len()];
        with_curve!(self.group, C => scalar_sum::<C>(self.scalar(), peer.scalar(), context))?;
        let mut pmkid = [0u8; 16];
        pmkid.copy_from_slice(&context[..16]);
        Ok(PmkId::new(pmkid))
    }
}

impl fmt::Debug for Commit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Commit({}, scalar ", self.group)?;
        write_hex(f, self.scalar())?;
        write!(f, ", element ")?;
        write_hex(f, self.element())?;
        write!(f, ")")
    }
}

/// Our side after sending a commit: the PWE, our `rand` and our commit. Processing the peer's
/// commit with it gives the keys ([`Unconfirmed`]). Zeroized on drop; its `Debug` shows only
/// the public commit.
#[derive(Clone)]
pub struct Committed {
    pwe: Pwe,
    rand: Rand,
    commit: Commit,
}

impl zeroize::ZeroizeOnDrop for Committed {}

impl fmt::Debug for Committed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Committed")
            .field("pwe", &self.pwe)
            .field("rand", &self.rand)
            .field("commit", &self.commit)
            .finish()
    }
}

impl Committed {
    /// Our commit (12.4.5.3): `rand` and `mask` drawn from `rng` with `1 < rand, mask < r`
    /// and `commit-scalar = (rand + mask) mod r > 1`, `COMMIT-ELEMENT = inverse(mask * PWE)`.
    /// One scalar multiplication.
    ///
    /// ```
    /// use ieee80211_keys::sae::{Committed, Group, Password, Pwe};
    /// use ieee80211_keys::MacAddr;
    /// # struct Rng(u64);
    /// # impl rand_core::TryRng for Rng {
    /// #     type Error = core::convert::Infallible;
    /// #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.try_next_u64()? as u32) }
    /// #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
    /// #         self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    /// #         Ok(self.0 ^ (self.0 >> 29))
    /// #     }
    /// #     fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
    /// #         for b in dst { *b = self.try_next_u64()? as u8 } Ok(())
    /// #     }
    /// # }
    /// # impl rand_core::TryCryptoRng for Rng {}
    /// # let mut rng = Rng(7); // a test generator; use the operating system's
    ///
    /// let (sta, ap): (MacAddr, MacAddr) = ("02:00:00:00:00:01".parse()?, "02:00:00:00:00:02".parse()?);
    /// let password = Password::from_bytes(b"correct horse")?;
    /// let pwe = Pwe::hunting_and_pecking(Group::P256, &password, None, &sta, &ap)?;
    /// let ours = Committed::new(&pwe, &mut rng)?;
    /// assert_eq!(ours.commit().group(), Group::P256);
    /// assert_eq!(ours.commit().element().len(), 64);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn new(pwe: &Pwe, rng: &mut impl CryptoRng) -> Result<Committed> {
        let len = pwe.group().prime_len();
        loop {
            let rand = Rand::fill_with(len, |out| random_scalar(pwe.group(), rng, out))?;
            let mask = Mask::fill_with(len, |out| random_scalar(pwe.group(), rng, out))?;
            match Committed::with_rand_mask(pwe, &rand, &mask) {
                // (rand + mask) mod r <= 1: draw again (12.4.5.3).
                Err(Error::InvalidCommit { reason: SCALAR_TOO_SMALL }) => continue,
                other => return other,
            }
        }
    }

    /// Our commit from given `rand` and `mask` (test vectors, or a caller's own generator).
    /// Refuses `rand` or `mask` outside `(1, r)` and a commit-scalar of 0 or 1.
    ///
    /// ```
    /// use ieee80211_keys::sae::{Committed, Group, Mask, Password, Pwe, Rand};
    /// use ieee80211_keys::MacAddr;
    ///
    /// let (sta, ap): (MacAddr, MacAddr) = ("02:00:00:00:00:01".parse()?, "02:00:00:00:00:02".parse()?);
    /// let pwe = Pwe::hunting_and_pecking(Group::P256, &Password::from_bytes(b"pw")?, None, &sta, &ap)?;
    /// let ours = Committed::with_rand_mask(&pwe, &Rand::from_bytes(&[3; 32])?, &Mask::from_bytes(&[5; 32])?)?;
    /// assert_eq!(ours.commit().scalar(), &[8; 32]);
    /// // rand = 1 is refused.
    /// let mut one = [0; 32];
    /// one[31] = 1;
    /// assert!(Committed::with_rand_mask(&pwe, &Rand::from_bytes(&one)?, &Mask::from_bytes(&[5; 32])?).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn with_rand_mask(pwe: &Pwe, rand: &Rand, mask: &Mask) -> Result<Committed> {
        let group = pwe.group();
        if rand.len() != group.prime_len() || mask.len() != group.prime_len() {
            return Err(Error::InvalidLength { what: "SAE rand or mask", len: rand.len() });
        }
        let commit = with_curve!(group, C => commit_of::<C>(pwe, rand, mask))?;
        Ok(Committed { pwe: pwe.clone(), rand: rand.clone(), commit })
    }

    /// The commit to send.
    pub fn commit(&self) -> &Commit {
        &self.commit
    }

    /// How the PWE was derived (the commit's status code: 0 or 126).
    pub fn method(&self) -> PweMethod {
        self.pwe.method()
    }

    /// Processes the peer's commit (12.4.5.4) into the keys, after every check the standard
    /// makes of it:
    /// - the same group as ours;
    /// - not a reflection of our own commit (the same scalar and element);
    /// - `1 < peer-commit-scalar < r`;
    /// - PEER-COMMIT-ELEMENT's coordinates below p and on the curve (so not the identity);
    /// - `K = rand * (peer-commit-scalar * PWE + PEER-COMMIT-ELEMENT)` not the identity.
    ///
    /// Then `k = x(K)`, `keyseed = HMAC-H(salt, k)` (salt: `rejected_groups` with
    /// hash-to-element when the station sent one, else zeros of the hash length),
    /// `KCK || PMK = KDF-Hash-Length(keyseed, "SAE KCK and PMK", (scalar + peer-scalar) mod r)`,
    /// PMKID its first 16 octets. Two scalar multiplications' worth (one double-scalar
    /// multiplication).
    ///
    /// `rejected_groups` is the list the station's commit carried (hostap concatenates both
    /// sides' lists, higher MAC address first, which is the same whenever one side sends one, as
    /// the standard has it). It is refused with hunting-and-pecking.
    ///
    /// ```
    /// use ieee80211_keys::sae::{AkmFamily, Committed, Group, Mask, Password, Pwe, Rand};
    /// use ieee80211_keys::{Error, MacAddr};
    ///
    /// let (sta, ap): (MacAddr, MacAddr) = ("02:00:00:00:00:01".parse()?, "02:00:00:00:00:02".parse()?);
    /// let pw = Password::from_bytes(b"pw")?;
    /// let side = |a, b, r: u8, m: u8| -> Result<Committed, Error> {
    ///     let pwe = Pwe::hunting_and_pecking(Group::P256, &pw, None, a, b)?;
    ///     Committed::with_rand_mask(&pwe, &Rand::from_bytes(&[r; 32])?, &Mask::from_bytes(&[m; 32])?)
    /// };
    /// let (sta_side, ap_side) = (side(&sta, &ap, 3, 5)?, side(&ap, &sta, 7, 9)?);
    /// let sta_keys = sta_side.process(ap_side.commit(), AkmFamily::Sae, None)?;
    /// let ap_keys = ap_side.process(sta_side.commit(), AkmFamily::Sae, None)?;
    /// assert_eq!(sta_keys.pmkid(), ap_keys.pmkid());
    /// // Our own commit sent back to us is a reflection, refused.
    /// assert!(sta_side.process(sta_side.commit(), AkmFamily::Sae, None).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    ///
    /// See the module documentation for a complete exchange.
    pub fn process(
        &self,
        peer: &Commit,
        akm: AkmFamily,
        rejected_groups: Option<&RejectedGroups<'_>>,
    ) -> Result<Unconfirmed> {
        let group = self.commit.group;
        if peer.group != group {
            return Err(Error::InvalidCommit { reason: "peer commit is for another group" });
        }
        if peer.scalar() == self.commit.scalar() && peer.element() == self.commit.element() {
            return Err(Error::InvalidCommit { reason: "peer commit reflects our own commit" });
        }
        let (hash, pmk_len) = key_lengths(group, self.method(), akm)?;
        if rejected_groups.is_some() && self.method() == PweMethod::HuntingAndPecking {
            return Err(Error::Unsupported {
                what: "a Rejected Groups list with hunting-and-pecking",
            });
        }
        let k = with_curve!(group, C => shared_secret::<C>(&self.pwe, &self.rand, peer))?;
        let hash_len = hash.output_len();
        let zeros = [0u8; 64];
        let salt = rejected_groups.map_or(&zeros[..hash_len], |r| r.as_bytes());
        let keyseed =
            Keyseed::fill_with(hash_len, |out| hkdf_extract(hash, salt, &[k.as_bytes()], out))?;
        let mut context = [0u8; MAX_PRIME_LEN];
        let context = &mut context[..group.prime_len()];
        with_curve!(group, C => scalar_sum::<C>(self.commit.scalar(), peer.scalar(), context))?;
        let mut keys = scratch::<128>();
        let keys = &mut keys.0[..hash_len + pmk_len];
        let label = b"SAE KCK and PMK";
        kdf_bits(hash.kdf(), keyseed.as_bytes(), label, &[context], keys.len() * 8, keys)?;
        let (kck, pmk) = keys.split_at(hash_len);
        let mut pmkid = [0u8; 16];
        pmkid.copy_from_slice(&context[..16]);
        Ok(Unconfirmed::new(
            hash,
            SaeKck::from_bytes(kck)?,
            Pmk::from_bytes(pmk)?,
            PmkId::new(pmkid),
            self.commit,
            *peer,
        ))
    }
}

/// The reason [`Committed::with_rand_mask`] gives for a commit-scalar of 0 or 1.
const SCALAR_TOO_SMALL: &str = "commit-scalar (rand + mask) mod r must be greater than 1";

/// The hash and the PMK length (hostap `sae_derive_keys`).
pub(crate) fn key_lengths(
    group: Group,
    method: PweMethod,
    akm: AkmFamily,
) -> Result<(HashAlg, usize)> {
    let hash = match method {
        PweMethod::HuntingAndPecking => HashAlg::Sha256,
        PweMethod::HashToElement => group.hash(),
    };
    let pmk_len = match akm {
        AkmFamily::Sae => 32,
        AkmFamily::SaeExtKey => hash.output_len(),
    };
    Ok((hash, pmk_len))
}

/// `len` random octets that are a scalar in `(1, r)` (rejection sampling; P-521's top octet
/// keeps only its one significant bit).
fn random_scalar(group: Group, rng: &mut impl CryptoRng, out: &mut [u8]) -> Result<()> {
    loop {
        rng.fill_bytes(out);
        if group == Group::P521 {
            out[0] &= 0x01;
        }
        let ok = with_curve!(group, C => Option::<Scalar<C>>::from(scalar_from_bytes::<C>(out))
            .is_some_and(|s| bool::from(!s.is_zero() & !s.ct_eq_one())));
        if ok {
            return Ok(());
        }
    }
}

/// Constant-time "is one" for scalars.
trait IsOne {
    fn ct_eq_one(&self) -> elliptic_curve::subtle::Choice;
}

impl<F: Field> IsOne for F {
    fn ct_eq_one(&self) -> elliptic_curve::subtle::Choice {
        elliptic_curve::subtle::ConstantTimeEq::ct_eq(self, &F::ONE)
    }
}

/// A scalar in `(1, r)` from octets, or `what` as the error.
fn scalar_in_range<C: Curve>(bytes: &[u8], what: &'static str) -> Result<Scalar<C>> {
    let s: Option<Scalar<C>> = scalar_from_bytes::<C>(bytes).into();
    match s {
        Some(s) if bool::from(!s.is_zero() & !s.ct_eq_one()) => Ok(s),
        _ => Err(Error::InvalidCommit { reason: what }),
    }
}

fn commit_of<C: Curve>(pwe: &Pwe, rand: &Rand, mask: &Mask) -> Result<Commit> {
    let rand = Zeroizing::new(scalar_in_range::<C>(rand.as_bytes(), "rand must be in (1, r)")?);
    let mask = Zeroizing::new(scalar_in_range::<C>(mask.as_bytes(), "mask must be in (1, r)")?);
    let scalar = *rand + *mask;
    if bool::from(scalar.is_zero() | scalar.ct_eq_one()) {
        return Err(Error::InvalidCommit { reason: SCALAR_TOO_SMALL });
    }
    let pwe = Zeroizing::new(pwe.point::<C>()?);
    let element = Affine::<C>::from(-(Point::<C>::from(*pwe) * *mask));
    let mut scalar_bytes = [0u8; MAX_PRIME_LEN];
    let mut element_bytes = [0u8; MAX_ELEMENT_LEN];
    let len = C::GROUP.prime_len();
    scalar_bytes[..len].copy_from_slice(&scalar.to_repr());
    write_point::<C>(&element, &mut element_bytes[..2 * len]);
    Commit::new(C::GROUP, &scalar_bytes[..len], &element_bytes[..2 * len])
}

/// `k = x(rand * (peer-scalar * PWE + PEER-ELEMENT))`, after the checks of the peer's values.
fn shared_secret<C: Curve>(pwe: &Pwe, rand: &Rand, peer: &Commit) -> Result<SharedSecret> {
    let peer_scalar = scalar_in_range::<C>(peer.scalar(), "peer commit-scalar must be in (1, r)")?;
    let peer_element: Affine<C> =
        Option::from(point_from_bytes::<C>(peer.element())).ok_or(Error::InvalidCommit {
            reason: "peer commit-element is not a point of the group",
        })?;
    let rand = Zeroizing::new(
        Option::<Scalar<C>>::from(scalar_from_bytes::<C>(rand.as_bytes()))
            .ok_or(Error::InvalidCommit { reason: "rand must be in (1, r)" })?,
    );
    let pwe = Zeroizing::new(pwe.point::<C>()?);
    // rand * (s * PWE + E) = (rand * s) * PWE + rand * E: one double-scalar multiplication.
    let rs = Zeroizing::new(*rand * peer_scalar);
    let k = C::double_mul(&Point::<C>::from(*pwe), &rs, &Point::<C>::from(peer_element), &rand);
    let k: Zeroizing<Affine<C>> = Zeroizing::new(k.into());
    if is_identity::<C>(&k) {
        return Err(Error::InvalidCommit { reason: "K is the identity" });
    }
    let x = Zeroizing::new(k.x());
    SharedSecret::fill_with(C::GROUP.prime_len(), |out| {
        out.copy_from_slice(&x);
        Ok(())
    })
}

/// `(a + b) mod r` as `len(r)` octets.
fn scalar_sum<C: Curve>(a: &[u8], b: &[u8], out: &mut [u8]) -> Result<()> {
    let bad = Error::InvalidCommit { reason: "commit-scalar must be below r" };
    let a: Scalar<C> = Option::from(scalar_from_bytes::<C>(a)).ok_or(bad)?;
    let b: Scalar<C> = Option::from(scalar_from_bytes::<C>(b)).ok_or(bad)?;
    out.copy_from_slice(&(a + b).to_repr());
    Ok(())
}
