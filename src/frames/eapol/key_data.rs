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

/// RC4 with 256 keystream octets skipped, keyed with `EAPOL-Key IV || KEK` (IEEE 802.11-2020
/// 12.7.2), from `input` into `out`. Encryption and decryption are the same.
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
///
/// ```
/// use ieee80211_keys::eapol::{find_gtk, unwrap_key_data, wrap_key_data};
/// use ieee80211_keys::{Akm, Cipher, Kek, Suite};
///
/// let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, 32)?;
/// let kek = Kek::from_bytes(&[0x47; 16])?;
/// // A GTK KDE: dd, length 22, 00-0F-AC:1, key ID 1, reserved, a 16-octet GTK (24 octets).
/// let mut kde = [0x5a; 24];
/// kde[..8].copy_from_slice(&[0xdd, 22, 0x00, 0x0f, 0xac, 1, 0x01, 0x00]);
/// let mut out = [0u8; 32];
/// let ciphertext = wrap_key_data(&suite, 2, &[0; 16], &kek, &kde, &mut out)?.to_vec();
/// assert_eq!(ciphertext.len(), 32); // RFC 3394 adds 8 octets
///
/// // A plaintext of 21 octets is padded with dd 00 00 to 24: the ciphertext is the same length,
/// // and `out` needs 24 more octets of scratch space.
/// let mut out = [0u8; 32 + 24];
/// assert_eq!(wrap_key_data(&suite, 2, &[0; 16], &kek, &kde[..21], &mut out)?.len(), 32);
///
/// // The receiver's side: the plaintext comes back with its padding; find_gtk reads it.
/// let mut plain = [0u8; 24];
/// let plain = unwrap_key_data(&suite, 2, &[0; 16], &kek, &ciphertext, &mut plain)?;
/// assert_eq!(plain, kde);
/// assert_eq!(find_gtk(plain)?.map(|g| (g.key_id(), g.gtk_bytes().len())), Some((1, 16)));
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
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
///
/// ```
/// use ieee80211_keys::eapol::{find_gtk, unwrap_key_data, EapolKeyFrame, Kdes};
/// // iwd's WPA2-PSK handshake (unit/test-eapol.c eapol_4way_test): PSK, addresses, nonces,
/// // frames.
/// # use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
/// # let psk = Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
/// # let aa: MacAddr = "24:a2:e1:ec:17:04".parse()?;
/// # let spa: MacAddr = "a0:a8:cd:1c:7e:c9".parse()?;
/// # let anonce: Nonce =
/// #     "c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50".parse()?;
/// # let snonce: Nonce =
/// #     "3289e91565094f329a9cd54a4a090d2cf4344683bf50efee3608b64856800e84".parse()?;
/// # let pmk = Pmk::from_psk(&psk);
/// # let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())?;
/// # let ptk = Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce })?;
/// # let msg3 = hex::decode(concat!(
/// #     "020300970213ca00100000000000000001c2bb57ab588f92ebbd44e811094f601c087986030c3ac7",
/// #     "49cc61d63e33832e5000000000000000000000000000000000000000000000000000000000000000",
/// #     "00f535d91809731a1d290894705e919c8e00381918df1ef0e7696652e257938034e17038b98b4c45",
/// #     "a923b7b6fa8c33e37bdcd47feab11c226a2c5e38d5ad799405d610a69551d60be60a5b",
/// # )).unwrap();
///
/// // Message 3/4 (eapol_key_data_5): 56 octets of AES-wrapped Key Data under the KEK.
/// let frame = EapolKeyFrame::parse(&suite, &msg3)?;
/// let version = frame.key_info().descriptor_version();
/// let mut out = [0u8; 56];
/// let (iv, key_data) = (frame.iv(), frame.key_data());
/// let plain = unwrap_key_data(&suite, version, &iv, ptk.kek(), key_data, &mut out)?;
/// assert_eq!(plain.len(), 48); // RSNE, GTK KDE, dd 00 padding
/// assert_eq!(Kdes::new(plain).count(), 2);
/// assert!(find_gtk(plain)?.is_some());
///
/// // The wrong KEK fails AES Key Wrap's integrity check.
/// let other = ieee80211_keys::Kek::from_bytes(&[0; 16])?;
/// assert!(unwrap_key_data(&suite, version, &iv, &other, key_data, &mut out).is_err());
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
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
