//! Key expansion: the 802.11 SHA-1 PRF, KDF-SHA-256/384, and CCKM's label-less expansion.
//!
//! This module knows no keys by name: it turns a key and public inputs into output octets.
//! Inputs are fed to the HMAC piecewise (`data` is a list of slices, never concatenated), and the
//! output goes straight into the caller's buffer.
//!
//! Speed: the HMAC is keyed once per call (two compressions for the pads) and its state is cloned
//! for each output block. In the SHA-1 PRF the counter is the last input octet, so
//! `label || 0x00 || data` is hashed once and that state is cloned for each counter value.

use hmac::digest::block_api::EagerHash;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384};

use crate::error::{Error, Result};
use crate::suite::Kdf;

/// Largest SHA-1 PRF output in octets: the counter is one octet, so 256 blocks of 20.
pub const SHA1_PRF_MAX_LEN: usize = 256 * 20;

/// Largest KDF output in octets: the Length field is 16 bits.
pub const KDF_MAX_LEN: usize = u16::MAX as usize / 8;

/// Keys an HMAC. HMAC accepts keys of every length, so this never fails in practice.
pub(crate) fn hmac<D: EagerHash>(key: &[u8]) -> Result<Hmac<D>>
where
    Hmac<D>: KeyInit,
{
    <Hmac<D> as KeyInit>::new_from_slice(key)
        .map_err(|_| Error::InvalidLength { what: "HMAC key", len: key.len() })
}

/// Finishes a MAC into `out`, which may be shorter than the MAC (truncation). The full output
/// is zeroized when dropped.
pub(crate) fn finish_into<M: Mac>(mac: M, out: &mut [u8]) {
    let full = mac.finalize();
    let full = full.as_bytes();
    let n = out.len().min(full.len());
    out[..n].copy_from_slice(&full[..n]);
}

/// Feeds every slice of `parts` to the MAC.
fn feed<M: Mac>(mac: &mut M, parts: &[&[u8]]) {
    for p in parts {
        mac.update(p);
    }
}

/// The IEEE 802.11 SHA-1 PRF (12.7.1.2): `PRF-Len(K, A, B)`, with `Len = 8 * out.len()`.
///
/// `R = HMAC-SHA1(K, A || 0x00 || B || i)` for `i = 0, 1, ...` (one octet), truncated to
/// `out.len()`. `label` is A without a terminator; `data` is B, given in pieces. The output
/// length is not an input: a shorter output is a prefix of a longer one.
pub fn prf_sha1(key: &[u8], label: &[u8], data: &[&[u8]], out: &mut [u8]) -> Result<()> {
    let mut mac = hmac::<Sha1>(key)?;
    mac.update(label);
    mac.update(&[0]);
    feed(&mut mac, data);
    counter_suffix(&mac, out)
}

/// Cisco CCKM's expansion of the BTK (`shared/spec/cckm.md` §4): the SHA-1 PRF **without** a
/// label and **without** the 0x00 separator, `HMAC-SHA1(K, B || i)` for `i = 0, 1, ...`.
pub fn cckm_prf(key: &[u8], data: &[&[u8]], out: &mut [u8]) -> Result<()> {
    let mut mac = hmac::<Sha1>(key)?;
    feed(&mut mac, data);
    counter_suffix(&mac, out)
}

/// Appends a one-octet counter from 0 to a prepared HMAC-SHA1 state, one clone per block.
fn counter_suffix(prefix: &Hmac<Sha1>, out: &mut [u8]) -> Result<()> {
    if out.len() > SHA1_PRF_MAX_LEN {
        return Err(Error::OutputTooLong { requested: out.len(), max: SHA1_PRF_MAX_LEN });
    }
    for (i, block) in out.chunks_mut(20).enumerate() {
        let mut mac = prefix.clone();
        mac.update(&[i as u8]);
        finish_into(mac, block);
    }
    Ok(())
}

/// KDF-Hash-Length (12.7.1.6.2) with an output of `bits` bits written to `out`, which must be
/// exactly `ceil(bits / 8)` octets. Unused low bits of the last octet are cleared.
///
/// `R = HMAC-Hash(K, LE16(i) || label || context || LE16(bits))` for `i = 1, 2, ...`. The label
/// has no terminator and no separator. `bits` is an input, so outputs of different lengths are
/// unrelated, not prefixes of one another.
pub fn kdf_bits(
    kdf: Kdf,
    key: &[u8],
    label: &[u8],
    context: &[&[u8]],
    bits: usize,
    out: &mut [u8],
) -> Result<()> {
    match kdf {
        Kdf::Sha1Prf => Err(Error::Unsupported {
            what: "a bit-length output from the SHA-1 PRF (it has no Length input)",
        }),
        Kdf::Sha256 => kdf_hash::<Sha256>(key, label, context, bits, out),
        Kdf::Sha384 => kdf_hash::<Sha384>(key, label, context, bits, out),
    }
}

/// KDF-SHA-256 with `Length = 8 * out.len()` bits.
pub fn kdf_sha256(key: &[u8], label: &[u8], context: &[&[u8]], out: &mut [u8]) -> Result<()> {
    kdf_hash::<Sha256>(key, label, context, out.len().saturating_mul(8), out)
}

/// KDF-SHA-384 with `Length = 8 * out.len()` bits.
pub fn kdf_sha384(key: &[u8], label: &[u8], context: &[&[u8]], out: &mut [u8]) -> Result<()> {
    kdf_hash::<Sha384>(key, label, context, out.len().saturating_mul(8), out)
}

/// The expansion a suite names ([`Kdf`]), with `8 * out.len()` output bits: the SHA-1 PRF or
/// KDF-SHA-256/384. This is what the typed derivations call.
pub fn expand(kdf: Kdf, key: &[u8], label: &[u8], data: &[&[u8]], out: &mut [u8]) -> Result<()> {
    match kdf {
        Kdf::Sha1Prf => prf_sha1(key, label, data, out),
        Kdf::Sha256 => kdf_sha256(key, label, data, out),
        Kdf::Sha384 => kdf_sha384(key, label, data, out),
    }
}

fn kdf_hash<D: EagerHash>(
    key: &[u8],
    label: &[u8],
    context: &[&[u8]],
    bits: usize,
    out: &mut [u8],
) -> Result<()>
where
    Hmac<D>: KeyInit + Clone,
{
    let needed = bits.div_ceil(8);
    if needed > KDF_MAX_LEN || bits > usize::from(u16::MAX) {
        return Err(Error::OutputTooLong { requested: needed, max: KDF_MAX_LEN });
    }
    if out.len() != needed {
        return Err(Error::BufferSize { needed, len: out.len() });
    }
    let keyed = hmac::<D>(key)?;
    let length = (bits as u16).to_le_bytes();
    let hash_len = <D as hmac::digest::OutputSizeUser>::output_size();
    for (i, block) in out.chunks_mut(hash_len).enumerate() {
        let mut mac = keyed.clone();
        // i + 1 <= KDF_MAX_LEN / 20 + 1, far below u16::MAX.
        mac.update(&((i + 1) as u16).to_le_bytes());
        mac.update(label);
        feed(&mut mac, context);
        mac.update(&length);
        finish_into(mac, block);
    }
    if bits % 8 != 0 {
        if let Some(last) = out.last_mut() {
            *last &= 0xffu8 << (8 - bits % 8);
        }
    }
    Ok(())
}

/// PBKDF2-HMAC-SHA1 (RFC 8018), the primitive under the passphrase-to-PSK mapping
/// ([`crate::Psk::from_passphrase`]). `iterations` must be at least 1.
pub fn pbkdf2_sha1(password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) -> Result<()> {
    if iterations == 0 {
        return Err(Error::Unsupported { what: "PBKDF2 with zero iterations" });
    }
    pbkdf2::pbkdf2::<Hmac<Sha1>>(password, salt, iterations, out)
        .map_err(|_| Error::InvalidLength { what: "PBKDF2 password", len: password.len() })
}

/// `Truncate-N(HMAC-Hash(key, parts...))` into `out` (N = `8 * out.len()`), for PMKIDs and names.
pub(crate) fn hmac_truncated(
    hash: crate::suite::HashAlg,
    key: &[u8],
    parts: &[&[u8]],
    out: &mut [u8],
) -> Result<()> {
    use crate::suite::HashAlg;
    match hash {
        HashAlg::Sha1 => hmac_parts::<Sha1>(key, parts, out),
        HashAlg::Sha256 => hmac_parts::<Sha256>(key, parts, out),
        HashAlg::Sha384 => hmac_parts::<Sha384>(key, parts, out),
    }
}

/// `Truncate-N(Hash(parts...))` into `out` (N = `8 * out.len()`): a plain hash, not an HMAC,
/// fed piecewise. For the FT key names (PMKR0Name, PMKR1Name, PTKName).
pub(crate) fn hash_truncated(hash: crate::suite::HashAlg, parts: &[&[u8]], out: &mut [u8]) {
    use crate::suite::HashAlg;
    match hash {
        HashAlg::Sha1 => hash_parts::<Sha1>(parts, out),
        HashAlg::Sha256 => hash_parts::<Sha256>(parts, out),
        HashAlg::Sha384 => hash_parts::<Sha384>(parts, out),
    }
}

fn hash_parts<D: Digest>(parts: &[&[u8]], out: &mut [u8]) {
    let mut h = D::new();
    for p in parts {
        h.update(p);
    }
    let full = h.finalize();
    let n = out.len().min(full.len());
    out[..n].copy_from_slice(&full[..n]);
}

fn hmac_parts<D: EagerHash>(key: &[u8], parts: &[&[u8]], out: &mut [u8]) -> Result<()>
where
    Hmac<D>: KeyInit,
{
    let mut mac = hmac::<D>(key)?;
    feed(&mut mac, parts);
    finish_into(mac, out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha1_prf_limits() {
        let mut big = [0u8; SHA1_PRF_MAX_LEN + 1];
        assert!(prf_sha1(b"k", b"l", &[], &mut big).is_err());
        assert!(prf_sha1(b"k", b"l", &[], &mut big[..SHA1_PRF_MAX_LEN]).is_ok());
        assert!(cckm_prf(b"k", &[], &mut big).is_err());
    }

    #[test]
    fn kdf_limits_and_masking() {
        let mut out = [0xffu8; 2];
        kdf_bits(Kdf::Sha256, b"k", b"l", &[], 12, &mut out).unwrap();
        assert_eq!(out[1] & 0x0f, 0);
        assert!(kdf_bits(Kdf::Sha256, b"k", b"l", &[], 17, &mut out).is_err());
        assert!(kdf_bits(Kdf::Sha1Prf, b"k", b"l", &[], 16, &mut out).is_err());
        let mut big = [0u8; KDF_MAX_LEN + 1];
        assert!(kdf_sha384(b"k", b"l", &[], &mut big).is_err());
        assert!(kdf_sha384(b"k", b"l", &[], &mut big[..KDF_MAX_LEN]).is_ok());
    }
}
