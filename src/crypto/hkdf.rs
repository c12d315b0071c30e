//! HKDF (RFC 5869) on the crate's HMAC engine: Extract and Expand, for OWE's PMK (RFC 8110
//! section 4.4) and any later user of the same construction.
//!
//! This module knows no keys by name. Extract is one HMAC; Expand keys the HMAC once with the
//! PRK and chains `T(i) = HMAC(PRK, T(i-1) || info || i)`, writing straight into the output.

use crate::crypto::engine::{BlockHash, Hmac, Sha256, Sha384, Sha512};
use crate::error::{Error, Result};
use crate::secret::scratch;
use crate::suite::HashAlg;

/// The largest Expand output RFC 5869 allows for a hash of `out_len` octets: 255 blocks.
const fn max_len(hash_len: usize) -> usize {
    255 * hash_len
}

/// HKDF-Extract (RFC 5869 section 2.2): `PRK = HMAC-Hash(salt, IKM)`, the IKM given in pieces,
/// into `prk`, which must be the hash length.
pub(crate) fn extract(hash: HashAlg, salt: &[u8], ikm: &[&[u8]], prk: &mut [u8]) -> Result<()> {
    check_prk(hash, prk.len())?;
    match hash {
        HashAlg::Sha256 => Hmac::<Sha256>::new(salt).mac_into(ikm, prk),
        HashAlg::Sha384 => Hmac::<Sha384>::new(salt).mac_into(ikm, prk),
        HashAlg::Sha512 => Hmac::<Sha512>::new(salt).mac_into(ikm, prk),
        HashAlg::Sha1 => return Err(Error::Unsupported { what: "HKDF with SHA-1" }),
    }
    Ok(())
}

/// HKDF-Expand (RFC 5869 section 2.3): `out.len()` octets (at most 255 hash lengths) from a
/// PRK of at least the hash length.
pub(crate) fn expand(hash: HashAlg, prk: &[u8], info: &[u8], out: &mut [u8]) -> Result<()> {
    if prk.len() < hash.output_len() {
        return Err(Error::InvalidLength { what: "HKDF PRK", len: prk.len() });
    }
    let max = max_len(hash.output_len());
    if out.len() > max {
        return Err(Error::OutputTooLong { requested: out.len(), max });
    }
    match hash {
        HashAlg::Sha256 => expand_with::<Sha256>(prk, info, out),
        HashAlg::Sha384 => expand_with::<Sha384>(prk, info, out),
        HashAlg::Sha512 => expand_with::<Sha512>(prk, info, out),
        HashAlg::Sha1 => return Err(Error::Unsupported { what: "HKDF with SHA-1" }),
    }
    Ok(())
}

fn check_prk(hash: HashAlg, len: usize) -> Result<()> {
    if len != hash.output_len() || matches!(hash, HashAlg::Sha1) {
        return Err(Error::BufferSize { needed: hash.output_len(), len });
    }
    Ok(())
}

/// `T(1) || T(2) || ...` truncated to `out`; `out.len() <= 255 * H::OUT` was checked.
fn expand_with<H: BlockHash>(prk: &[u8], info: &[u8], out: &mut [u8]) {
    let mac = Hmac::<H>::new(prk);
    // T(i - 1), wiped on drop; 64 octets hold the longest digest.
    let mut previous = scratch::<64>();
    let mut previous_len = 0;
    for (i, block) in out.chunks_mut(H::OUT).enumerate() {
        // i < 255: checked by the caller.
        let counter = [(i + 1) as u8];
        let mut t = scratch::<64>();
        mac.mac_into(&[&previous.0[..previous_len], info, &counter], &mut t.0[..H::OUT]);
        *previous = *t;
        previous_len = H::OUT;
        block.copy_from_slice(&previous.0[..block.len()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 5869 Appendix A.1 (Test Case 1, SHA-256).
    #[test]
    fn rfc5869_test_case_1() {
        let ikm = [0x0bu8; 22];
        let salt = crate::test_hex("000102030405060708090a0b0c");
        let info = crate::test_hex("f0f1f2f3f4f5f6f7f8f9");
        let mut prk = [0u8; 32];
        extract(HashAlg::Sha256, &salt[..13], &[&ikm], &mut prk).unwrap();
        let expected_prk =
            crate::test_hex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assert_eq!(prk, expected_prk[..32]);
        let mut okm = [0u8; 42];
        expand(HashAlg::Sha256, &prk, &info[..10], &mut okm).unwrap();
        let expected = crate::test_hex(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        );
        assert_eq!(okm, expected[..42]);
    }

    /// Against the `hkdf` crate: every hash, salts and IKMs around the block length, outputs of
    /// one octet to three blocks and more.
    #[test]
    fn agrees_with_the_hkdf_crate() {
        fn theirs<D: hkdf::hmac::EagerHash>(
            salt: &[u8],
            ikm: &[u8],
            info: &[u8],
            n: usize,
        ) -> Vec<u8> {
            let mut out = vec![0u8; n];
            hkdf::Hkdf::<D>::new(Some(salt), ikm).expand(info, &mut out).unwrap();
            out
        }
        extern crate std;
        use std::vec;
        use std::vec::Vec;
        let bytes: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for hash in [HashAlg::Sha256, HashAlg::Sha384, HashAlg::Sha512] {
            let h = hash.output_len();
            for salt_len in [0, 13, 63, 64, 65, 127, 128, 129, 134] {
                for n in [1, h - 1, h, h + 1, 3 * h + 5] {
                    let (salt, ikm, info) = (&bytes[..salt_len], &bytes[7..7 + h], &bytes[40..58]);
                    let mut prk = [0u8; 64];
                    extract(hash, salt, &[&ikm[..3], &ikm[3..]], &mut prk[..h]).unwrap();
                    let mut ours = vec![0u8; n];
                    expand(hash, &prk[..h], info, &mut ours).unwrap();
                    let expected = match hash {
                        HashAlg::Sha256 => theirs::<sha2::Sha256>(salt, ikm, info, n),
                        HashAlg::Sha384 => theirs::<sha2::Sha384>(salt, ikm, info, n),
                        _ => theirs::<sha2::Sha512>(salt, ikm, info, n),
                    };
                    assert_eq!(ours, expected, "{hash:?} salt {salt_len} out {n}");
                }
            }
        }
    }

    #[test]
    fn limits() {
        let mut prk = [0u8; 31];
        assert!(extract(HashAlg::Sha256, b"s", &[b"k"], &mut prk).is_err());
        assert!(expand(HashAlg::Sha256, &prk, b"", &mut [0u8; 16]).is_err());
        let mut big = [0u8; 255 * 32 + 1];
        assert!(expand(HashAlg::Sha256, &[0u8; 32], b"", &mut big).is_err());
        assert!(expand(HashAlg::Sha256, &[0u8; 32], b"", &mut big[..255 * 32]).is_ok());
        assert!(extract(HashAlg::Sha1, b"s", &[b"k"], &mut [0u8; 20]).is_err());
    }
}
