//! Key Data encryption (12.7.2): AES Key Wrap with its padding, or RC4 for descriptor
//! version 1.

use zeroize::Zeroize;

use super::kde::KDE_ID;
use crate::crypto::keywrap;
use crate::error::{Error, Result};
use crate::keys::ptk::Kek;
use crate::suite::{KeyWrap, Suite};

/// The Key Data encryption for `suite` and `descriptor_version`, after checking the KEK length.
fn key_wrap(suite: &Suite, descriptor_version: u8, kek: &Kek) -> Result<KeyWrap> {
    if kek.len() != suite.kek_len() {
        return Err(Error::InvalidLength { what: "KEK", len: kek.len() });
    }
    suite.key_wrap_for_version(descriptor_version)
}

/// RC4 with 256 keystream octets skipped, keyed with `EAPOL-Key IV || KEK` (12.7.2, formulas.md
/// §9), from `input` into `out`. Encryption and decryption are the same.
fn rc4<'o>(key_iv: &[u8; 16], kek: &Kek, input: &[u8], out: &'o mut [u8]) -> Result<&'o [u8]> {
    let (needed, len) = (input.len(), out.len());
    let out = out.get_mut(..needed).ok_or(Error::BufferSize { needed, len })?;
    out.copy_from_slice(input);
    keywrap::rc4_skip256(&[key_iv, kek.as_bytes()], out)?;
    Ok(out)
}

/// The length of AES-wrapped Key Data before wrapping: at least 16 octets and a multiple of 8
/// (12.7.2: pad when shorter than 16 octets or not a multiple of 8).
pub(crate) const fn aes_padded_len(len: usize) -> usize {
    if len < 16 {
        16
    } else {
        len.next_multiple_of(8)
    }
}

/// Encrypts Key Data for a frame of `descriptor_version` under `suite`
/// ([`Suite::key_wrap_for_version`]):
///
/// * AES Key Wrap (RFC 3394) with the KEK, for every version but 1. A plaintext that is shorter
///   than 16 octets or not a multiple of 8 is first padded with `0xdd` and then `0x00` octets
///   up to the next multiple of 8 (at least 16). The ciphertext has 8 octets more than the
///   padded plaintext. When padding is needed, `out` must also hold the padded plaintext after
///   the ciphertext, as scratch space; it is zeroized before returning. `key_iv` is not used
///   (the EAPOL-Key IV field is zero).
/// * RC4 keyed with `key_iv || KEK`, 256 keystream octets skipped, for version 1 (TKIP). No
///   padding; `key_iv` is the EAPOL-Key IV the frame carries.
///
/// Returns the ciphertext, a prefix of `out`.
pub fn wrap_key_data<'o>(
    suite: &Suite,
    descriptor_version: u8,
    key_iv: &[u8; 16],
    kek: &Kek,
    plaintext: &[u8],
    out: &'o mut [u8],
) -> Result<&'o [u8]> {
    if key_wrap(suite, descriptor_version, kek)? == KeyWrap::Rc4 {
        return rc4(key_iv, kek, plaintext, out);
    }
    let (len, have) = (plaintext.len(), out.len());
    let padded = aes_padded_len(len);
    if padded == len {
        let n = keywrap::aes_wrap(kek, plaintext, out)?;
        return out.get(..n).ok_or(Error::BufferSize { needed: n, len: have });
    }
    let wrapped = padded + keywrap::AES_WRAP_OVERHEAD;
    let size = Error::BufferSize { needed: wrapped + padded, len: have };
    let (ciphertext, scratch) = out.split_at_mut_checked(wrapped).ok_or(size)?;
    let scratch = scratch.get_mut(..padded).ok_or(size)?;
    let (data, padding) = scratch.split_at_mut(len);
    data.copy_from_slice(plaintext);
    padding.fill(0);
    if let Some(first) = padding.first_mut() {
        *first = KDE_ID;
    }
    let res = keywrap::aes_wrap(kek, scratch, ciphertext);
    scratch.zeroize();
    let n = res?;
    ciphertext.get(..n).ok_or(size)
}

/// Decrypts Key Data of a frame of `descriptor_version` under `suite` into `out` (the inverse of
/// [`wrap_key_data`]; [`super::EapolKeyFrame::unwrap_key_data`] takes the version, IV and Key Data
/// from a parsed frame).
///
/// AES Key Wrap checks integrity: a wrong KEK or a modified ciphertext is
/// [`Error::UnwrapFailed`] and leaves `out` zeroed. The plaintext keeps its `0xdd 0x00...`
/// padding, which [`super::Kdes`] recognises. RC4 (version 1) has no integrity check: parsing the
/// plaintext with [`super::Kdes`] is the test.
///
/// The plaintext holds key material (GTK, IGTK): zeroize `out` when done with it.
pub fn unwrap_key_data<'o>(
    suite: &Suite,
    descriptor_version: u8,
    key_iv: &[u8; 16],
    kek: &Kek,
    key_data: &[u8],
    out: &'o mut [u8],
) -> Result<&'o [u8]> {
    match key_wrap(suite, descriptor_version, kek)? {
        KeyWrap::Rc4 => rc4(key_iv, kek, key_data, out),
        KeyWrap::AesKeyWrap => {
            let n = keywrap::aes_unwrap(kek, key_data, out)?;
            let len = out.len();
            out.get(..n).ok_or(Error::BufferSize { needed: n, len })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_lengths() {
        assert_eq!(aes_padded_len(0), 16);
        assert_eq!(aes_padded_len(8), 16);
        assert_eq!(aes_padded_len(15), 16);
        assert_eq!(aes_padded_len(16), 16);
        assert_eq!(aes_padded_len(17), 24);
        assert_eq!(aes_padded_len(24), 24);
    }
}
