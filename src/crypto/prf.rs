//! Key expansion: the 802.11 SHA-1 PRF, KDF-SHA-256/384/512, and CCKM's label-less expansion.
//!
//! This module knows no keys by name: it turns a key and public inputs into output octets.
//! Inputs are fed to the HMAC piecewise (`data` is a list of slices, never concatenated), and the
//! output goes straight into the caller's buffer.
//!
//! Speed: the HMAC is keyed once per call (two compressions for the pads, side by side) and its
//! state is cloned for each output block. In the SHA-1 PRF the counter is the last input octet,
//! so the whole blocks of `label || 0x00 || data` are hashed once; the counter blocks after them
//! are independent chains, run as interleaved streams of the SHA instructions where the CPU has
//! them (`crypto::lanes`), one after the other on the engine otherwise. A KDF's output blocks
//! are independent too: the engine runs them two at a time, as pairs.

use zeroize::Zeroize;

use crate::crypto::engine::{hash_into, BlockHash, Hmac, Sha1, Sha256, Sha384, Sha512};
use crate::crypto::lanes;
use crate::error::{Error, Result};
use crate::secret::scratch;
use crate::suite::{HashAlg, Kdf};

/// Largest SHA-1 PRF output in octets: the counter is one octet, so 256 blocks of 20.
pub const SHA1_PRF_MAX_LEN: usize = 256 * 20;

/// Largest whole-octet KDF output: the Length field is 16 bits, so at most 65535 bits
/// ([`kdf_bits`] reaches one octet more, with its low bit cleared).
pub const KDF_MAX_LEN: usize = u16::MAX as usize / 8;

/// The IEEE 802.11 SHA-1 PRF (12.7.1.2): `PRF-Len(K, A, B)`, with `Len = 8 * out.len()`.
///
/// `R = HMAC-SHA1(K, A || 0x00 || B || i)` for `i = 0, 1, ...` (one octet), truncated to
/// `out.len()`. `label` is A without a terminator; `data` is B, given in pieces. The output
/// length is not an input: a shorter output is a prefix of a longer one.
///
/// ```
/// use ieee80211_keys::prf::prf_sha1;
///
/// // IEEE 802.11 Annex J.3.2, test case 1: PRF-512(0x0b * 20, "prefix", "Hi There").
/// let mut out = [0u8; 64];
/// prf_sha1(&[0x0b; 20], b"prefix", &[b"Hi ", b"There"], &mut out)?;
/// assert_eq!(out[..], hex::decode(concat!(
///     "bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606e17d8da35402ffee",
///     "75df78c3d31e0f889f012120c0862beb67753e7439ae242edb8373698356cf5a",
/// )).unwrap()[..]);
///
/// // A shorter output is a prefix of a longer one.
/// let mut short = [0u8; 16];
/// prf_sha1(&[0x0b; 20], b"prefix", &[b"Hi There"], &mut short)?;
/// assert_eq!(short, out[..16]);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn prf_sha1(key: &[u8], label: &[u8], data: &[&[u8]], out: &mut [u8]) -> Result<()> {
    check_sha1_prf_len(out.len())?;
    counter_suffix(key, &[&[label, &[0]], data], out);
    Ok(())
}

/// Cisco CCKM's expansion of the BTK (`docs/cckm.md` §4): the SHA-1 PRF **without** a
/// label and **without** the 0x00 separator, `HMAC-SHA1(K, B || i)` for `i = 0, 1, ...`.
///
/// ```
/// use ieee80211_keys::prf::{cckm_prf, prf_sha1};
///
/// // With the label and the 0x00 separator moved into the data, it is the 802.11 PRF.
/// let (key, data) = ([0x42; 32], [7u8; 10]);
/// let (mut a, mut b) = ([0u8; 48], [0u8; 48]);
/// cckm_prf(&key, &[b"label", &[0], &data], &mut a)?;
/// prf_sha1(&key, b"label", &[&data], &mut b)?;
/// assert_eq!(a, b);
/// // Without them the output is unrelated.
/// cckm_prf(&key, &[&data], &mut a)?;
/// assert_ne!(a, b);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn cckm_prf(key: &[u8], data: &[&[u8]], out: &mut [u8]) -> Result<()> {
    check_sha1_prf_len(out.len())?;
    counter_suffix(key, &[data], out);
    Ok(())
}

fn check_sha1_prf_len(len: usize) -> Result<()> {
    if len > SHA1_PRF_MAX_LEN {
        return Err(Error::OutputTooLong { requested: len, max: SHA1_PRF_MAX_LEN });
    }
    Ok(())
}

/// `HMAC-SHA1(key, message || i)` for `i = 0, 1, ...` (one octet) into `out`: the message is
/// hashed once for all counters.
fn counter_suffix(key: &[u8], message: &[&[&[u8]]], out: &mut [u8]) {
    // i < 256: the length was checked against SHA1_PRF_MAX_LEN. Two blocks or more: the
    // counter blocks as interleaved streams where the CPU has the SHA instructions.
    let mac = Hmac::<Sha1>::new(key);
    if !lanes::sha1_counter_blocks(&mac, message, out) {
        mac.expand(|_| [], message, |i| [i as u8], out);
    }
}

/// KDF-Hash-Length (12.7.1.6.2) with an output of `bits` bits written to `out`, which must be
/// exactly `ceil(bits / 8)` octets. Unused low bits of the last octet are cleared.
///
/// `R = HMAC-Hash(K, LE16(i) || label || context || LE16(bits))` for `i = 1, 2, ...`. The label
/// has no terminator and no separator. `bits` is an input, so outputs of different lengths are
/// unrelated, not prefixes of one another.
///
/// ```
/// use ieee80211_keys::prf::{kdf_bits, kdf_sha256};
/// use ieee80211_keys::suite::Kdf;
///
/// // iwd's KDF-SHA-256 test case 1 (unit/test-kdf-sha256.c): 256 bits.
/// let mut out = [0u8; 32];
/// kdf_bits(Kdf::Sha256, b"abc", b"KDF test", &[b"data"], 256, &mut out)?;
/// assert_eq!(out[..], hex::decode(
///     "9efd6eb02758cb7370a86f8a305375d41f8f21c2e47447f584f7d2291143d4d4",
/// ).unwrap()[..]);
///
/// // 252 bits: Length is an input, so the output differs, and its last 4 bits are cleared.
/// let mut odd = [0u8; 32];
/// kdf_bits(Kdf::Sha256, b"abc", b"KDF test", &[b"data"], 252, &mut odd)?;
/// assert_ne!(odd[..31], out[..31]);
/// assert_eq!(odd[31] & 0x0f, 0);
///
/// // The SHA-1 PRF has no Length input.
/// assert!(kdf_bits(Kdf::Sha1Prf, b"abc", b"KDF test", &[b"data"], 256, &mut out).is_err());
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
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
        Kdf::Sha512 => kdf_hash::<Sha512>(key, label, context, bits, out),
    }
}

/// KDF-SHA-256 with `Length = 8 * out.len()` bits.
///
/// ```
/// use ieee80211_keys::prf::kdf_sha256;
///
/// // iwd's KDF-SHA-256 test case 1 (unit/test-kdf-sha256.c); the context may come in pieces.
/// let mut out = [0u8; 32];
/// kdf_sha256(b"abc", b"KDF test", &[b"da", b"ta"], &mut out)?;
/// assert_eq!(out[..], hex::decode(
///     "9efd6eb02758cb7370a86f8a305375d41f8f21c2e47447f584f7d2291143d4d4",
/// ).unwrap()[..]);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn kdf_sha256(key: &[u8], label: &[u8], context: &[&[u8]], out: &mut [u8]) -> Result<()> {
    kdf_hash::<Sha256>(key, label, context, out.len().saturating_mul(8), out)
}

/// KDF-SHA-384 with `Length = 8 * out.len()` bits.
///
/// ```
/// use ieee80211_keys::prf::{kdf_bits, kdf_sha384};
/// use ieee80211_keys::suite::Kdf;
///
/// // KDF-SHA-384-704 (a PTK of KCK 24 + KEK 32 + TK 32), the same as the bit-length form.
/// let (mut a, mut b) = ([0u8; 88], [0u8; 88]);
/// kdf_sha384(&[1; 48], b"Pairwise key expansion", &[&[2; 76]], &mut a)?;
/// kdf_bits(Kdf::Sha384, &[1; 48], b"Pairwise key expansion", &[&[2; 76]], 704, &mut b)?;
/// assert_eq!(a, b);
/// // Length is an input: the first 48 octets of a 384-bit output are different.
/// let mut c = [0u8; 48];
/// kdf_sha384(&[1; 48], b"Pairwise key expansion", &[&[2; 76]], &mut c)?;
/// assert_ne!(c[..], a[..48]);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn kdf_sha384(key: &[u8], label: &[u8], context: &[&[u8]], out: &mut [u8]) -> Result<()> {
    kdf_hash::<Sha384>(key, label, context, out.len().saturating_mul(8), out)
}

/// KDF-SHA-512 with `Length = 8 * out.len()` bits.
///
/// ```
/// use ieee80211_keys::prf::{kdf_bits, kdf_sha512};
/// use ieee80211_keys::suite::Kdf;
///
/// let (mut a, mut b) = ([0u8; 64], [0u8; 64]);
/// kdf_sha512(&[1; 64], b"label", &[b"context"], &mut a)?;
/// kdf_bits(Kdf::Sha512, &[1; 64], b"label", &[b"context"], 512, &mut b)?;
/// assert_eq!(a, b);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn kdf_sha512(key: &[u8], label: &[u8], context: &[&[u8]], out: &mut [u8]) -> Result<()> {
    kdf_hash::<Sha512>(key, label, context, out.len().saturating_mul(8), out)
}

/// The expansion a suite names ([`Kdf`]), with `8 * out.len()` output bits: the SHA-1 PRF or
/// KDF-SHA-256/384. This is what the typed derivations call.
///
/// ```
/// use ieee80211_keys::prf::{expand, kdf_sha256, prf_sha1};
/// use ieee80211_keys::suite::Kdf;
/// use ieee80211_keys::{Akm, Cipher, Suite};
///
/// // A suite names its expansion: the SHA-1 PRF for AKM 2, KDF-SHA-256 for AKM 6.
/// let psk = Suite::new(Akm::Psk, Cipher::Ccmp128, 32)?;
/// let psk_sha256 = Suite::new(Akm::PskSha256, Cipher::Ccmp128, 32)?;
/// assert_eq!(psk.kdf(), Kdf::Sha1Prf);
/// assert_eq!(psk_sha256.kdf(), Kdf::Sha256);
///
/// let (mut a, mut b) = ([0u8; 48], [0u8; 48]);
/// expand(psk.kdf(), &[9; 32], b"label", &[b"data"], &mut a)?;
/// prf_sha1(&[9; 32], b"label", &[b"data"], &mut b)?;
/// assert_eq!(a, b);
/// expand(psk_sha256.kdf(), &[9; 32], b"label", &[b"data"], &mut a)?;
/// kdf_sha256(&[9; 32], b"label", &[b"data"], &mut b)?;
/// assert_eq!(a, b);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn expand(kdf: Kdf, key: &[u8], label: &[u8], data: &[&[u8]], out: &mut [u8]) -> Result<()> {
    expand_prefix(kdf, key, label, data, out.len(), out)
}

/// The first `out.len()` octets of the expansion `kdf` names for an output of `total` octets:
/// only the blocks that cover them are computed. For the SHA-1 PRF that is a shorter output; the
/// KDF takes the total length as an input (the Length field), so a KCK-only derivation must
/// say how long the whole PTK is.
pub(crate) fn expand_prefix(
    kdf: Kdf,
    key: &[u8],
    label: &[u8],
    data: &[&[u8]],
    total: usize,
    out: &mut [u8],
) -> Result<()> {
    if out.len() > total {
        return Err(Error::BufferSize { needed: total, len: out.len() });
    }
    match kdf {
        Kdf::Sha1Prf => {
            check_sha1_prf_len(total)?;
            prf_sha1(key, label, data, out)
        }
        Kdf::Sha256 => kdf_prefix::<Sha256>(key, label, data, total.saturating_mul(8), out),
        Kdf::Sha384 => kdf_prefix::<Sha384>(key, label, data, total.saturating_mul(8), out),
        Kdf::Sha512 => kdf_prefix::<Sha512>(key, label, data, total.saturating_mul(8), out),
    }
}

fn kdf_hash<H: BlockHash>(
    key: &[u8],
    label: &[u8],
    context: &[&[u8]],
    bits: usize,
    out: &mut [u8],
) -> Result<()> {
    let needed = bits.div_ceil(8);
    if out.len() != needed && bits <= usize::from(u16::MAX) {
        return Err(Error::BufferSize { needed, len: out.len() });
    }
    kdf_prefix::<H>(key, label, context, bits, out)
}

/// The first `out.len()` octets of KDF-Hash-`bits`.
fn kdf_prefix<H: BlockHash>(
    key: &[u8],
    label: &[u8],
    context: &[&[u8]],
    bits: usize,
    out: &mut [u8],
) -> Result<()> {
    // Length is a 16-bit field: up to 65535 bits, whose last octet is partial (KDF_MAX_LEN is
    // the longest whole-octet output).
    let needed = bits.div_ceil(8);
    if bits > usize::from(u16::MAX) {
        return Err(Error::OutputTooLong { requested: needed, max: KDF_MAX_LEN });
    }
    if out.len() > needed {
        return Err(Error::BufferSize { needed, len: out.len() });
    }
    let length = (bits as u16).to_le_bytes();
    // i + 1 <= KDF_MAX_LEN / 20 + 1, far below u16::MAX.
    let counter = |i: usize| ((i + 1) as u16).to_le_bytes();
    Hmac::<H>::new(key).expand(counter, &[&[label], context], |_| length, out);
    if !bits.is_multiple_of(8) && out.len() == needed {
        if let Some(last) = out.last_mut() {
            *last &= 0xffu8 << (8 - bits % 8);
        }
    }
    Ok(())
}

/// PBKDF2-HMAC-SHA1 (RFC 8018), the primitive under the passphrase mapping
/// ([`crate::Psk::from_passphrase`]). `iterations` must be at least 1.
///
/// Each iteration is exactly two SHA-1 compressions (the HMAC is keyed once, and the running
/// value is hashed in a pre-padded block).
///
/// ```
/// use ieee80211_keys::prf::pbkdf2_sha1;
///
/// // RFC 6070 §2, test case 2: P = "password", S = "salt", c = 2, dkLen = 20.
/// let mut dk = [0u8; 20];
/// pbkdf2_sha1(b"password", b"salt", 2, &mut dk)?;
/// assert_eq!(dk[..], hex::decode("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957").unwrap()[..]);
/// assert!(pbkdf2_sha1(b"password", b"salt", 0, &mut dk).is_err());
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn pbkdf2_sha1(password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) -> Result<()> {
    if iterations == 0 {
        return Err(Error::Unsupported { what: "PBKDF2 with zero iterations" });
    }
    // The block index INT(i) is 32 bits (RFC 8018 §5.2): at most 2^32 - 1 blocks, more than a
    // 32-bit target can address, so this limit only bites where usize is wider.
    if u32::try_from(out.len().div_ceil(20)).is_err() {
        let max = usize::try_from(u64::from(u32::MAX) * 20).unwrap_or(usize::MAX);
        return Err(Error::OutputTooLong { requested: out.len(), max });
    }
    let mac = Hmac::<Sha1>::new(password);
    // Keyed once for U1 and every iteration after it.
    mac.key();
    // The output blocks are independent chains: run them two at a time (on the SHA instructions
    // streams when the CPU has them).
    let mut index = 1u32;
    for pair in out.chunks_mut(40) {
        // U1 = HMAC(P, S || INT(i)), i from 1, big-endian, for both chains at once.
        let mut u1 = scratch::<40>();
        let int = |i: usize| index.wrapping_add(i as u32).to_be_bytes();
        mac.expand(|_| [], &[&[salt]], int, &mut u1.0);
        // Both chains in registers, interleaved on the CPU's SHA instructions, if it has them.
        if lanes::pbkdf2_sha1_pair(&mac, &u1.0, iterations - 1, pair) {
            index = index.wrapping_add(2);
            continue;
        }
        let (mut u, mut t) = ([Sha1::DIGEST_BLOCK; 2], [Sha1::ZERO; 2]);
        for ((u, t), u1) in u.iter_mut().zip(&mut t).zip(u1.0.chunks_exact(20)) {
            u.0[..20].copy_from_slice(u1);
            t.0[..20].copy_from_slice(u1);
        }
        mac.chain_steps(&mut u, &mut t, iterations - 1);
        let (a, b) = pair.split_at_mut(pair.len().min(20));
        a.copy_from_slice(&t[0].0[..a.len()]);
        b.copy_from_slice(&t[1].0[..b.len()]);
        t.zeroize();
        u.zeroize();
        index = index.wrapping_add(2);
    }
    Ok(())
}

/// `Truncate-N(HMAC-Hash(key, parts...))` into `out` (N = `8 * out.len()`), for PMKIDs and names.
pub(crate) fn hmac_truncated(
    hash: HashAlg,
    key: &[u8],
    parts: &[&[u8]],
    out: &mut [u8],
) -> Result<()> {
    match hash {
        HashAlg::Sha1 => Hmac::<Sha1>::new(key).mac_into(parts, out),
        HashAlg::Sha256 => Hmac::<Sha256>::new(key).mac_into(parts, out),
        HashAlg::Sha384 => Hmac::<Sha384>::new(key).mac_into(parts, out),
        HashAlg::Sha512 => Hmac::<Sha512>::new(key).mac_into(parts, out),
    }
    Ok(())
}

/// `Truncate-N(Hash(parts...))` into `out` (N = `8 * out.len()`): a plain hash, not an HMAC,
/// fed piecewise. For the FT key names (PMKR0Name, PMKR1Name, PTKName).
pub(crate) fn hash_truncated(hash: HashAlg, parts: &[&[u8]], out: &mut [u8]) {
    match hash {
        HashAlg::Sha1 => hash_into::<Sha1>(parts, out),
        HashAlg::Sha256 => hash_into::<Sha256>(parts, out),
        HashAlg::Sha384 => hash_into::<Sha384>(parts, out),
        HashAlg::Sha512 => hash_into::<Sha512>(parts, out),
    }
}

/// HKDF-Extract (RFC 5869 §2.2): `PRK = HMAC-Hash(salt, IKM)`, with the IKM given in pieces,
/// into `out` (the hash length, or a prefix of it).
pub(crate) fn hkdf_extract(
    hash: HashAlg,
    salt: &[u8],
    ikm: &[&[u8]],
    out: &mut [u8],
) -> Result<()> {
    hmac_truncated(hash, salt, ikm, out)
}

/// HKDF-Expand (RFC 5869 §2.3): `T(i) = HMAC-Hash(PRK, T(i-1) || info || i)`, `i` from 1 (one
/// octet), into `out` (at most 255 hash lengths). The HMAC is keyed once.
pub(crate) fn hkdf_expand(hash: HashAlg, prk: &[u8], info: &[&[u8]], out: &mut [u8]) -> Result<()> {
    let max = 255 * hash.output_len();
    if out.len() > max {
        return Err(Error::OutputTooLong { requested: out.len(), max });
    }
    match hash {
        HashAlg::Sha1 => hkdf_expand_with::<Sha1>(prk, info, out),
        HashAlg::Sha256 => hkdf_expand_with::<Sha256>(prk, info, out),
        HashAlg::Sha384 => hkdf_expand_with::<Sha384>(prk, info, out),
        HashAlg::Sha512 => hkdf_expand_with::<Sha512>(prk, info, out),
    }
    Ok(())
}

fn hkdf_expand_with<H: BlockHash>(prk: &[u8], info: &[&[u8]], out: &mut [u8]) {
    let mac = Hmac::<H>::new(prk);
    let mut previous = scratch::<64>();
    let mut previous_len = 0;
    for (i, chunk) in out.chunks_mut(H::OUT).enumerate() {
        let mut h = mac.start();
        h.update(&previous.0[..previous_len]);
        h.update_parts(info);
        // i < 255: the length was checked.
        h.update(&[(i + 1) as u8]);
        mac.finish_into(h, &mut previous.0[..H::OUT]);
        previous_len = H::OUT;
        chunk.copy_from_slice(&previous.0[..chunk.len()]);
    }
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

    /// RFC 5869 Appendix A.1 (SHA-256, basic) and A.3 (zero-length salt and info).
    #[test]
    fn hkdf_rfc5869_vectors() {
        let ikm = [0x0bu8; 22];
        let salt = crate::test_hex("000102030405060708090a0b0c");
        let info = crate::test_hex("f0f1f2f3f4f5f6f7f8f9");
        let mut prk = [0u8; 32];
        hkdf_extract(HashAlg::Sha256, &salt[..13], &[&ikm], &mut prk).unwrap();
        assert_eq!(
            prk[..],
            crate::test_hex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5")
                [..32]
        );
        let mut okm = [0u8; 42];
        hkdf_expand(HashAlg::Sha256, &prk, &[&info[..4], &info[4..10]], &mut okm).unwrap();
        let expected = crate::test_hex(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        );
        assert_eq!(okm[..], expected[..42]);
        hkdf_extract(HashAlg::Sha256, &[], &[&ikm], &mut prk).unwrap();
        hkdf_expand(HashAlg::Sha256, &prk, &[], &mut okm).unwrap();
        let expected = crate::test_hex(
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
        );
        assert_eq!(okm[..], expected[..42]);
        let mut big = [0u8; 255 * 32 + 1];
        assert!(hkdf_expand(HashAlg::Sha256, &prk, &[], &mut big).is_err());
    }

    /// HKDF-Expand with every hash against RFC 5869's chain written out with the hmac crate,
    /// for outputs around the block boundaries.
    #[test]
    fn hkdf_expand_matches_the_chain_with_every_hash() {
        extern crate std;
        use hmac::{KeyInit, Mac};
        use std::vec::Vec;
        fn chain<M: Mac + KeyInit>(prk: &[u8], info: &[u8], len: usize) -> Vec<u8> {
            let (mut okm, mut t) = (Vec::new(), Vec::new());
            for i in 1u8.. {
                if okm.len() >= len {
                    break;
                }
                let mut m = <M as KeyInit>::new_from_slice(prk).unwrap();
                m.update(&t);
                m.update(info);
                m.update(&[i]);
                t = m.finalize().into_bytes().to_vec();
                okm.extend_from_slice(&t);
            }
            okm.truncate(len);
            okm
        }
        let prk: Vec<u8> = (0..70u8).collect();
        let info = b"SAE Hash to Element u1 P1";
        for len in [1usize, 31, 32, 33, 48, 64, 65, 99, 130] {
            for (hash, expected) in [
                (HashAlg::Sha1, chain::<hmac::Hmac<sha1::Sha1>>(&prk, info, len)),
                (HashAlg::Sha256, chain::<hmac::Hmac<sha2::Sha256>>(&prk, info, len)),
                (HashAlg::Sha384, chain::<hmac::Hmac<sha2::Sha384>>(&prk, info, len)),
                (HashAlg::Sha512, chain::<hmac::Hmac<sha2::Sha512>>(&prk, info, len)),
            ] {
                let mut out = std::vec![0u8; len];
                hkdf_expand(hash, &prk, &[&info[..5], &info[5..]], &mut out).unwrap();
                assert_eq!(out, expected, "{hash:?} {len}");
            }
        }
    }
}
