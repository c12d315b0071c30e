//! The elliptic-curve groups of SAE and OWE: ECC groups 19, 20 and 21 of the IANA "Group
//! Description" registry (IEEE 802.11-2020 12.4.4.2; RFC 8110 section 4.2), each with its
//! curve, its lengths and its hash. One type for both: [`crate::sae::Group`] and
//! [`crate::owe::Group`] are this one.

use core::fmt;

use crate::error::{Error, Result};
use crate::suite::HashAlg;

/// Longest prime (and order) of the supported groups in octets: P-521's 66.
pub const MAX_PRIME_LEN: usize = 66;

/// An ECC group of SAE and OWE: the curve, `len(p)`, and the hash the group selects (SAE's
/// hash-to-element and SAE-EXT-KEY, 12.4.2; OWE's HKDF and PMKID, RFC 8110 section 4.4).
///
/// ```
/// use ieee80211_keys::sae::Group;
///
/// let g = Group::from_id(20)?;
/// assert_eq!((g, g.id(), g.prime_len()), (Group::P384, 20, 48));
/// assert_eq!(g.to_string(), "group 20 (P-384)");
/// // An FFC group or an unknown one is an error that names it.
/// assert_eq!(
///     Group::from_id(15).unwrap_err(),
///     ieee80211_keys::Error::UnsupportedGroup { group: 15 }
/// );
/// // OWE's group is the same type.
/// assert_eq!(ieee80211_keys::owe::Group::P521, Group::P521);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Group {
    /// Group 19: NIST P-256, SHA-256.
    P256,
    /// Group 20: NIST P-384, SHA-384.
    P384,
    /// Group 21: NIST P-521, SHA-512.
    P521,
}

impl Group {
    /// Every supported group.
    pub const ALL: [Group; 3] = [Group::P256, Group::P384, Group::P521];

    /// The group for an IANA group number, as the SAE Finite Cyclic Group field and the OWE
    /// Diffie-Hellman Parameter element carry it. FFC groups and unknown numbers are
    /// [`Error::UnsupportedGroup`] (SAE's status 77 case).
    pub const fn from_id(id: u16) -> Result<Group> {
        match id {
            19 => Ok(Group::P256),
            20 => Ok(Group::P384),
            21 => Ok(Group::P521),
            group => Err(Error::UnsupportedGroup { group }),
        }
    }

    /// The IANA group number: 19, 20 or 21.
    pub const fn id(self) -> u16 {
        match self {
            Group::P256 => 19,
            Group::P384 => 20,
            Group::P521 => 21,
        }
    }

    /// `len(p)`: octets of the prime, of a scalar, of each coordinate, of an OWE public value
    /// (an x-coordinate) and of OWE's z. The order of these curves has as many octets as the
    /// prime.
    pub const fn prime_len(self) -> usize {
        match self {
            Group::P256 => 32,
            Group::P384 => 48,
            Group::P521 => MAX_PRIME_LEN,
        }
    }

    /// Octets of an encoded SAE element, x || y.
    pub const fn element_len(self) -> usize {
        2 * self.prime_len()
    }

    /// The hash of the group (12.4.2: SHA-256 for primes up to 256 bits, SHA-384 up to 384,
    /// SHA-512 above): SAE's with hash-to-element and SAE-EXT-KEY, OWE's HKDF and PMKID.
    pub const fn hash(self) -> HashAlg {
        match self {
            Group::P256 => HashAlg::Sha256,
            Group::P384 => HashAlg::Sha384,
            Group::P521 => HashAlg::Sha512,
        }
    }

    /// The PMK length of OWE (and of SAE-EXT-KEY) on this group: the hash length, 32, 48 or
    /// 64 octets.
    pub const fn pmk_len(self) -> usize {
        self.hash().output_len()
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let curve = match self {
            Group::P256 => "P-256",
            Group::P384 => "P-384",
            Group::P521 => "P-521",
        };
        write!(f, "group {} ({curve})", self.id())
    }
}
