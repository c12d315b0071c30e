//! Key wrapping primitives shared by EAPOL-Key Key Data and CCKM's encrypted GTK: AES Key Wrap
//! (RFC 3394, default IV) under a KEK, and RC4 with the first 256 keystream octets discarded.
//!
//! The framing rules on top (0xdd padding, which IV or rekey number keys RC4) belong to the
//! callers; this module only applies the primitives, from the RustCrypto `aes-kw` and `rc4`
//! crates.

use aes::{Aes128Dec, Aes128Enc, Aes256Dec, Aes256Enc};
use aes_kw::AesKw;
use rc4::{KeyInit, Rc4, StreamCipher};

use crate::error::{Error, Result};
use crate::keys::ptk::Kek;
use crate::secret::scratch;

/// The octets AES Key Wrap adds to its input.
pub const AES_WRAP_OVERHEAD: usize = 8;

/// RFC 3394 wrap of `plaintext` (a multiple of 8 octets, at least 16) into `out`, which must
/// hold `plaintext.len() + 8` octets. Returns the ciphertext length.
pub(crate) fn aes_wrap(kek: &Kek, plaintext: &[u8], out: &mut [u8]) -> Result<usize> {
    let len = plaintext.len();
    if len < 16 || !len.is_multiple_of(8) {
        return Err(Error::InvalidLength { what: "AES key wrap plaintext", len });
    }
    let needed = len + AES_WRAP_OVERHEAD;
    let have = out.len();
    let out = out.get_mut(..needed).ok_or(Error::BufferSize { needed, len: have })?;
    let done = match kek.len() {
        16 => kw::<Aes128Enc>(kek)?.wrap_key(plaintext, out).is_ok(),
        32 => kw::<Aes256Enc>(kek)?.wrap_key(plaintext, out).is_ok(),
        len => return Err(Error::InvalidLength { what: "KEK", len }),
    };
    if done {
        Ok(needed)
    } else {
        Err(Error::InvalidLength { what: "AES key wrap plaintext", len })
    }
}

/// RFC 3394 unwrap of `ciphertext` (a multiple of 8 octets, at least 24) into `out`, which must
/// hold `ciphertext.len() - 8` octets. An integrity failure is [`Error::UnwrapFailed`], and
/// leaves `out` zeroed. Returns the plaintext length.
pub(crate) fn aes_unwrap(kek: &Kek, ciphertext: &[u8], out: &mut [u8]) -> Result<usize> {
    let len = ciphertext.len();
    if len < 24 || !len.is_multiple_of(8) {
        return Err(Error::InvalidLength { what: "AES key wrap ciphertext", len });
    }
    let needed = len - AES_WRAP_OVERHEAD;
    let have = out.len();
    let out = out.get_mut(..needed).ok_or(Error::BufferSize { needed, len: have })?;
    let ok = match kek.len() {
        16 => kw::<Aes128Dec>(kek)?.unwrap_key(ciphertext, out).is_ok(),
        32 => kw::<Aes256Dec>(kek)?.unwrap_key(ciphertext, out).is_ok(),
        len => return Err(Error::InvalidLength { what: "KEK", len }),
    };
    if ok {
        Ok(needed)
    } else {
        out.fill(0);
        Err(Error::UnwrapFailed)
    }
}

/// The key wrap keyed with the KEK (its length was checked by the caller's match), on the
/// one-direction cipher it needs: wrapping only encrypts and unwrapping only decrypts, so only
/// one key schedule is computed.
fn kw<C: aes_kw::cipher::KeyInit>(kek: &Kek) -> Result<AesKw<C>> {
    <AesKw<C> as aes_kw::cipher::KeyInit>::new_from_slice(kek.as_bytes())
        .map_err(|_| Error::InvalidLength { what: "KEK", len: kek.len() })
}

/// RC4 keyed with the concatenation of `key_parts` (1 to 64 octets in all), the first 256
/// keystream octets discarded, applied in place to `data` (encryption and decryption are the
/// same operation).
pub(crate) fn rc4_skip256(key_parts: &[&[u8]], data: &mut [u8]) -> Result<()> {
    let mut key = scratch::<64>();
    let mut len = 0;
    for part in key_parts {
        let end = len + part.len();
        key.0
            .get_mut(len..end)
            .ok_or(Error::InvalidLength { what: "RC4 key", len: end })?
            .copy_from_slice(part);
        len = end;
    }
    let mut rc4 = Rc4::new_from_slice(&key.0[..len])
        .map_err(|_| Error::InvalidLength { what: "RC4 key", len })?;
    // The dropped keystream octets are key-derived: wiped with the buffer.
    let mut skip = scratch::<256>();
    rc4.apply_keystream(&mut skip.0);
    rc4.apply_keystream(data);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_hex as h;

    #[test]
    fn rfc3394_4_1_round_trip() {
        // RFC 3394 §4.1 (shared/spec/vectors.md §12): 128-bit KEK, 128-bit data.
        let kek = Kek::from_bytes(&h("000102030405060708090a0b0c0d0e0f")[..16]).unwrap();
        let data = &h("00112233445566778899aabbccddeeff")[..16];
        let mut ct = [0u8; 24];
        assert_eq!(aes_wrap(&kek, data, &mut ct), Ok(24));
        assert_eq!(ct[..], h("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5")[..24]);
        let mut pt = [0u8; 16];
        assert_eq!(aes_unwrap(&kek, &ct, &mut pt), Ok(16));
        assert_eq!(&pt, data);
        ct[3] ^= 1;
        assert_eq!(aes_unwrap(&kek, &ct, &mut pt), Err(Error::UnwrapFailed));
        assert_eq!(pt, [0u8; 16]);
    }

    #[test]
    fn bad_lengths_are_errors() {
        let kek = Kek::from_bytes(&[7u8; 16]).unwrap();
        let mut out = [0u8; 64];
        assert!(aes_wrap(&kek, &[0u8; 8], &mut out).is_err());
        assert!(aes_wrap(&kek, &[0u8; 17], &mut out).is_err());
        assert!(aes_wrap(&kek, &[0u8; 16], &mut out[..23]).is_err());
        assert!(aes_unwrap(&kek, &[0u8; 16], &mut out).is_err());
        assert!(aes_unwrap(&kek, &[0u8; 25], &mut out).is_err());
        assert!(rc4_skip256(&[], &mut out).is_err());
        assert!(rc4_skip256(&[&[0u8; 65]], &mut out).is_err());
    }

    #[test]
    fn rc4_is_an_involution() {
        let mut d = *b"sixteen octets!!";
        rc4_skip256(&[b"iv", b"kek"], &mut d).unwrap();
        assert_ne!(&d, b"sixteen octets!!");
        rc4_skip256(&[b"ivk", b"ek"], &mut d).unwrap();
        assert_eq!(&d, b"sixteen octets!!");
    }
}
