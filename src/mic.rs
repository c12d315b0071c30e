//! Message integrity codes: the one place that turns a [`MicAlgorithm`] into a MAC.
//!
//! Used by the EAPOL-Key MIC, the FTE MIC and CCKM's element MICs. The data is given in pieces
//! (never concatenated), the output is truncated to the caller's length, and verification is
//! constant time.

use core::fmt;

use aes::Aes128;
use cmac::{Cmac, KeyInit, Mac};
use subtle::{Choice, ConstantTimeEq};
use zeroize::Zeroize;

use crate::engine::{Hmac, Md5};
use crate::error::{Error, Result};
use crate::lanes::{Backend, LaneBlocks, LaneHmac, LaneStates, LANES};
use crate::prf::hmac_truncated;
use crate::secret::scratch;
use crate::suite::{HashAlg, MicAlgorithm};

/// The longest MIC: 24 octets (HMAC-SHA-384-192).
pub const MIC_MAX_LEN: usize = 24;

/// A received or computed MIC (8, 16 or 24 octets). Public, but compared in constant time.
#[derive(Clone, Copy)]
pub struct Mic {
    bytes: [u8; MIC_MAX_LEN],
    len: u8,
}

impl Mic {
    /// Takes 1 to 24 octets.
    pub fn from_slice(bytes: &[u8]) -> Result<Mic> {
        let len = bytes.len();
        if len == 0 || len > MIC_MAX_LEN {
            return Err(Error::InvalidLength { what: "MIC", len });
        }
        let mut m = Mic { bytes: [0; MIC_MAX_LEN], len: len as u8 };
        m.bytes[..len].copy_from_slice(bytes);
        Ok(m)
    }

    /// The MIC octets.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// Length in octets.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }
}

impl ConstantTimeEq for Mic {
    fn ct_eq(&self, other: &Self) -> Choice {
        if self.len != other.len {
            return Choice::from(0);
        }
        self.as_bytes().ct_eq(other.as_bytes())
    }
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
    let mut m = Mic { bytes: [0; MIC_MAX_LEN], len: 0 };
    let out = m.bytes.get_mut(..len).ok_or(Error::InvalidLength { what: "MIC", len })?;
    match alg {
        // HMAC-MD5 (descriptor version 1, legacy), on the engine like the SHA HMACs.
        MicAlgorithm::HmacMd5 => Hmac::<Md5>::new(key).mac_into(parts, out),
        MicAlgorithm::HmacSha1_128 => hmac_truncated(HashAlg::Sha1, key, parts, out)?,
        MicAlgorithm::HmacSha256_128 => hmac_truncated(HashAlg::Sha256, key, parts, out)?,
        MicAlgorithm::HmacSha384_192 => hmac_truncated(HashAlg::Sha384, key, parts, out)?,
        MicAlgorithm::AesCmac => {
            // AES-128-CMAC (RFC 4493): the RustCrypto `cmac` crate.
            let mut mac = <Cmac<Aes128> as KeyInit>::new_from_slice(key)
                .map_err(|_| Error::InvalidLength { what: "AES-128-CMAC key", len: key.len() })?;
            for p in parts {
                mac.update(p);
            }
            let full = mac.finalize();
            let full = full.as_bytes();
            let n = out.len().min(full.len());
            out[..n].copy_from_slice(&full[..n]);
        }
    }
    m.len = len as u8;
    Ok(m)
}

/// Recomputes the MIC over `parts` and compares it with `received` in constant time. Says only
/// [`Error::MicMismatch`] when they differ.
pub(crate) fn verify(
    alg: MicAlgorithm,
    key: &[u8],
    parts: &[&[u8]],
    received: &[u8],
) -> Result<()> {
    let mut expected = compute(alg, key, parts, received.len())?;
    let equal = bool::from(expected.as_bytes().ct_eq(received));
    // The MIC a forged frame should have carried is a forger's prize: leave no copy of it.
    expected.bytes.zeroize();
    if equal {
        Ok(())
    } else {
        Err(Error::MicMismatch)
    }
}

/// [`verify`] for many keys at once: the keys are the first `key_len` octets of the digests of
/// the first `count` lanes of `keys` (the KCKs of [`crate::Kck::derive_pairwise_lanes`]).
/// Returns the first lane whose MIC over `parts` is `received`, or `None`; each lane's MIC is
/// compared in constant time.
///
/// HMAC-SHA1 runs on the lanes of `backend`: two compressions for the keys, then the message
/// blocks and one outer block, each once for all lanes. Every other algorithm (HMAC-MD5 of
/// descriptor version 1...) verifies lane after lane with [`verify`].
pub(crate) fn first_verifying_lane(
    alg: MicAlgorithm,
    backend: Backend,
    keys: &LaneStates,
    key_len: usize,
    count: usize,
    parts: &[&[u8]],
    received: &[u8],
) -> Result<Option<usize>> {
    let count = count.min(LANES);
    // At most one SHA-1 output: a KCK from one PRF block, a MIC truncated from one HMAC.
    let sha1_len = HashAlg::Sha1.output_len();
    if alg == MicAlgorithm::HmacSha1_128 && key_len <= sha1_len && received.len() <= sha1_len {
        let mac = LaneHmac::new(backend, &LaneBlocks::keys_from_digests(keys, key_len));
        return Ok(mac.mac(backend, &[parts]).first_digest_eq(count, received));
    }
    let mut buf = scratch::<20>();
    let key =
        buf.0.get_mut(..key_len).ok_or(Error::InvalidLength { what: "MIC key", len: key_len })?;
    for lane in 0..count {
        keys.digest(lane, key);
        match verify(alg, key, parts, received) {
            Ok(()) => return Ok(Some(lane)),
            Err(Error::MicMismatch) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_hex as h;

    #[test]
    fn rfc_vectors_through_the_dispatch() {
        // RFC 2202 test case 2 and RFC 4493 example 2 (shared/spec/vectors.md §13).
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
        assert!(Mic::from_slice(&[]).is_err());
    }
}
