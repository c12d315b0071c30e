//! Message integrity codes: the one place that turns a [`MicAlgorithm`] into a MAC.
//!
//! Used by the EAPOL-Key MIC, the FTE MIC and CCKM's element MICs. The data is given in pieces
//! (never concatenated), the output is truncated to the caller's length, and verification is
//! constant time.

use core::fmt;

use subtle::{Choice, ConstantTimeEq};
use zeroize::Zeroize;

use crate::crypto::aes_cmac::aes128_cmac;
use crate::crypto::engine::{Hmac, Md5};
use crate::crypto::prf::hmac_truncated;
use crate::error::{Error, Result};
use crate::secret::Octets;
use crate::suite::{HashAlg, MicAlgorithm};
use crate::types::BoundedBytes;

/// The longest MIC: 32 octets (HMAC-SHA-512-256, SAE-EXT-KEY with a 64-octet PMK).
pub const MIC_MAX_LEN: usize = 32;

/// A received or computed MIC: 1 to 32 octets (8 for CCKM's elements; 16, 24 or 32 for the
/// EAPOL-Key and FTE MICs). Public, but compared in constant time.
#[derive(Clone, Copy)]
pub struct Mic(BoundedBytes<MIC_MAX_LEN>);

impl Mic {
    /// Takes 1 to 32 octets ([`MIC_MAX_LEN`]).
    ///
    /// ```
    /// use ieee80211_keys::Mic;
    ///
    /// let mic = Mic::from_slice(&hex::decode("01c31b82ff62a379b08dd1fc82c2f768").unwrap())?;
    /// assert_eq!(mic.len(), 16);
    /// assert_eq!(mic, Mic::from_slice(mic.as_bytes())?); // compared in constant time
    /// assert!(Mic::from_slice(&[]).is_err());
    /// assert!(Mic::from_slice(&[0; 33]).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Mic> {
        BoundedBytes::new(bytes, 1, Mic::bad_len).map(Mic)
    }

    /// The bounds of [`Mic::from_slice`], for a MIC field kept as a slice of its frame.
    pub(crate) fn check_len(len: usize) -> Result<()> {
        BoundedBytes::<MIC_MAX_LEN>::check(len, 1, Mic::bad_len)
    }

    /// A MIC field that passed [`Mic::check_len`] (another is cut to [`MIC_MAX_LEN`] octets).
    pub(crate) fn from_field(bytes: &[u8]) -> Mic {
        Mic(BoundedBytes::prefix(bytes))
    }

    fn bad_len(len: usize) -> Error {
        Error::InvalidLength { what: "MIC", len }
    }

    /// The MIC octets.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Length in octets.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl ConstantTimeEq for Mic {
    fn ct_eq(&self, other: &Self) -> Choice {
        if self.len() != other.len() {
            return Choice::from(0);
        }
        // The octets after the length are zero in every `Mic`.
        ct_eq_words(self.0.padded(), other.0.padded())
    }
}

/// Constant-time equality of two zero-padded MIC buffers: the differences of their 64-bit
/// words OR-ed together without a branch, then one comparison with zero in `subtle` (one
/// optimisation barrier for the whole MIC rather than one per word or octet); four words since
/// HMAC-SHA-512-256.
fn ct_eq_words(a: &[u8; MIC_MAX_LEN], b: &[u8; MIC_MAX_LEN]) -> Choice {
    let word = |x: &[u8; MIC_MAX_LEN], i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&x[8 * i..8 * i + 8]);
        u64::from_ne_bytes(w)
    };
    let diff = (0..MIC_MAX_LEN / 8).fold(0, |d, i| d | (word(a, i) ^ word(b, i)));
    diff.ct_eq(&0)
}

/// Constant time.
impl PartialEq for Mic {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for Mic {}

impl fmt::Display for Mic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.as_bytes() {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Mic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mic({self})")
    }
}

/// Zero octets that stand in for a MIC field while the MIC over its frame or element is computed
/// (EAPOL-Key, FTE), so the frame is never copied.
static ZERO_FIELD: [u8; MIC_MAX_LEN] = [0; MIC_MAX_LEN];

/// `len` zero octets for a MIC field of that length (at most [`MIC_MAX_LEN`]).
pub(crate) fn zeroed_field(len: usize) -> &'static [u8] {
    ZERO_FIELD.get(..len).unwrap_or(&ZERO_FIELD)
}

/// Computes `alg` keyed with `key` over the concatenation of `parts`, truncated to `len` octets
/// (at most the algorithm's own output).
pub(crate) fn compute(alg: MicAlgorithm, key: &[u8], parts: &[&[u8]], len: usize) -> Result<Mic> {
    BoundedBytes::fill_with(len, |buf| compute_into(alg, key, buf, parts, len)).map(Mic)
}

/// [`compute`] into the first `len` octets (1 to [`MIC_MAX_LEN`]) of `buf`.
fn compute_into(
    alg: MicAlgorithm,
    key: &[u8],
    buf: &mut [u8; MIC_MAX_LEN],
    parts: &[&[u8]],
    len: usize,
) -> Result<()> {
    // A MIC is a truncation: never longer than the algorithm's own MIC length.
    let out = match buf.get_mut(..len) {
        Some(out) if len > 0 && len <= alg.mic_len() => out,
        _ => return Err(Error::InvalidLength { what: "MIC", len }),
    };
    match alg {
        // HMAC-MD5 (descriptor version 1, legacy), on the engine like the SHA HMACs.
        MicAlgorithm::HmacMd5 => Hmac::<Md5>::new(key).mac_into(parts, out),
        MicAlgorithm::HmacSha1_128 => hmac_truncated(HashAlg::Sha1, key, parts, out)?,
        MicAlgorithm::HmacSha256_128 => hmac_truncated(HashAlg::Sha256, key, parts, out)?,
        MicAlgorithm::HmacSha384_192 => hmac_truncated(HashAlg::Sha384, key, parts, out)?,
        MicAlgorithm::HmacSha512_256 => hmac_truncated(HashAlg::Sha512, key, parts, out)?,
        MicAlgorithm::AesCmac => {
            let key = <&[u8; 16]>::try_from(key)
                .map_err(|_| Error::InvalidLength { what: "AES-128-CMAC key", len: key.len() })?;
            // The whole tag goes into a local that is wiped: on the verify path it is the MIC
            // a forged frame should have carried.
            let mut full = Octets([0u8; 16]);
            aes128_cmac(key, parts, &mut full.0);
            out.copy_from_slice(&full.0[..out.len()]);
            full.zeroize();
        }
    }
    Ok(())
}

/// Recomputes the MIC over `parts` and compares it with `received` in constant time. Says only
/// [`Error::MicMismatch`] when they differ.
pub(crate) fn verify(
    alg: MicAlgorithm,
    key: &[u8],
    parts: &[&[u8]],
    received: &[u8],
) -> Result<()> {
    let len = received.len();
    let mut expected = [0u8; MIC_MAX_LEN];
    compute_into(alg, key, &mut expected, parts, len)?;
    let mut got = [0u8; MIC_MAX_LEN];
    got[..len].copy_from_slice(received);
    let equal = bool::from(ct_eq_words(&expected, &got));
    // The MIC a forged frame should have carried is a forger's prize: leave no copy of it.
    expected.zeroize();
    if equal {
        Ok(())
    } else {
        Err(Error::MicMismatch)
    }
}

/// A MIC to check: `alg` over the concatenation of `parts`, which must equal `received`.
#[derive(Clone, Copy)]
pub(crate) struct MicCheck<'a> {
    /// The algorithm.
    pub(crate) alg: MicAlgorithm,
    /// What the MIC covers, in pieces.
    pub(crate) parts: &'a [&'a [u8]],
    /// The MIC received.
    pub(crate) received: &'a [u8],
}

impl MicCheck<'_> {
    /// [`verify`] keyed with `key`.
    pub(crate) fn verify(&self, key: &[u8]) -> Result<()> {
        verify(self.alg, key, self.parts, self.received)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_hex as h;

    #[test]
    fn rfc_vectors_through_the_dispatch() {
        // RFC 2202 §2 and §3, test case 2; RFC 4493 §4, Example 2.
        let data = b"what do ya want for nothing?";
        let md5 = compute(MicAlgorithm::HmacMd5, b"Jefe", &[&data[..10], &data[10..]], 16).unwrap();
        assert_eq!(md5.as_bytes(), &h("750c783e6ab0b503eaa86e310a5db738")[..16]);
        let sha1 = compute(MicAlgorithm::HmacSha1_128, b"Jefe", &[data], 16).unwrap();
        assert_eq!(sha1.as_bytes(), &h("effcdf6ae5eb2fa2d27416d5f184df9c")[..16]);
        let sha384 = compute(MicAlgorithm::HmacSha384_192, b"Jefe", &[data], 24).unwrap();
        assert_eq!(sha384.as_bytes(), &h("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47")[..24]);
        let key = &h("2b7e151628aed2a6abf7158809cf4f3c")[..16];
        let msg = &h("6bc1bee22e409f96e93d7e117393172a")[..16];
        let cmac = compute(MicAlgorithm::AesCmac, key, &[&msg[..3], &msg[3..]], 16).unwrap();
        assert_eq!(cmac.as_bytes(), &h("070a16b46b4d4144f79bdd9dd04a287c")[..16]);
        assert!(verify(MicAlgorithm::AesCmac, key, &[msg], cmac.as_bytes()).is_ok());
        let mut bad = *cmac.as_bytes().first_chunk::<16>().unwrap();
        bad[15] ^= 1;
        assert_eq!(verify(MicAlgorithm::AesCmac, key, &[msg], &bad), Err(Error::MicMismatch));
    }

    #[test]
    fn bad_lengths() {
        assert!(compute(MicAlgorithm::HmacMd5, b"k", &[], 25).is_err());
        assert!(compute(MicAlgorithm::AesCmac, b"short", &[], 16).is_err());
        // An empty MIC is never "equal": it is refused.
        for alg in [MicAlgorithm::HmacSha1_128, MicAlgorithm::AesCmac] {
            let empty = Error::InvalidLength { what: "MIC", len: 0 };
            assert_eq!(verify(alg, &[1; 16], &[b"frame"], &[]), Err(empty));
            assert_eq!(compute(alg, &[1; 16], &[b"frame"], 0).err(), Some(empty));
        }
        assert!(Mic::from_slice(&[]).is_err());
    }
}
