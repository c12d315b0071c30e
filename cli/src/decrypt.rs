//! Decryption of protected data frames with a TK or GTK: CCMP-128/256 (IEEE 802.11-2020
//! 12.5.3) on RustCrypto `ccm`, GCMP-128/256 (12.5.5) on RustCrypto `aes-gcm`, and TKIP
//! (12.5.2: RC4 with the per-packet key mixing, Michael MIC checked) in [`crate::tkip`].
//! This module builds the nonce and the additional authentication data from the MAC header;
//! the AEADs are the crates'.

use aes::{Aes128, Aes256};
use aes_gcm::aead::consts::{U13, U16, U8};
use aes_gcm::aead::{AeadInOut, KeyInit, Nonce, Tag};
use aes_gcm::{Aes128Gcm, Aes256Gcm};
use ccm::Ccm;
use ieee80211_keys::Cipher;

type Ccmp128 = Ccm<Aes128, U8, U13>;
type Ccmp256 = Ccm<Aes256, U16, U13>;

/// Why a frame did not decrypt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Too short for the security header and MIC, or the Extended IV bit is clear.
    Malformed(&'static str),
    /// The MIC (or ICV) did not verify: another key, or an altered frame.
    Mic,
    /// The key has the wrong length for the cipher.
    Key,
}

/// The packet number of a CCMP/GCMP header, PN0 first (the header's octets 0, 1, 4..8).
fn pn(header: &[u8; 8]) -> [u8; 6] {
    [header[0], header[1], header[4], header[5], header[6], header[7]]
}

/// The CCMP/GCMP additional authentication data (12.5.3.3.3): the frame control with the
/// subtype, Retry, PwrMgt and MoreData bits masked (Order masked in QoS data frames), the
/// Protected bit set; A1, A2, A3; the sequence control with the sequence number masked; A4;
/// the QoS control with only the TID.
fn aad(mac_header: &[u8]) -> Option<Vec<u8>> {
    let fc0 = *mac_header.first()?;
    let fc1 = *mac_header.get(1)?;
    let qos = fc0 & 0x0c == 0x08 && fc0 & 0x80 != 0;
    let a4 = fc1 & 0x03 == 0x03;
    let mut a = Vec::with_capacity(32);
    let fc0 = if fc0 & 0x0c == 0x08 { fc0 & 0x8f } else { fc0 };
    let mut fc1 = (fc1 & !(0x08 | 0x10 | 0x20)) | 0x40;
    if qos {
        fc1 &= 0x7f;
    }
    a.extend_from_slice(&[fc0, fc1]);
    a.extend_from_slice(mac_header.get(4..22)?);
    a.extend_from_slice(&[mac_header.get(22)? & 0x0f, 0]);
    let mut at = 24;
    if a4 {
        a.extend_from_slice(mac_header.get(24..30)?);
        at = 30;
    }
    if qos {
        a.extend_from_slice(&[mac_header.get(at)? & 0x0f, 0]);
    }
    Some(a)
}

/// The TID of a QoS data frame, 0 otherwise.
fn priority(mac_header: &[u8]) -> u8 {
    let (fc0, fc1) = (mac_header[0], mac_header[1]);
    let qos = fc0 & 0x0c == 0x08 && fc0 & 0x80 != 0;
    let at = if fc1 & 0x03 == 0x03 { 30 } else { 24 };
    if qos {
        mac_header.get(at).map_or(0, |q| q & 0x0f)
    } else {
        0
    }
}

/// The CCMP nonce (12.5.3.3.4: priority, A2, PN5..PN0) or the GCMP nonce (12.5.5.3.4: A2,
/// PN5..PN0).
fn nonce(cipher: Cipher, mac_header: &[u8], pn: &[u8; 6]) -> Option<Vec<u8>> {
    let a2 = mac_header.get(10..16)?;
    let mut n = Vec::with_capacity(13);
    if matches!(cipher, Cipher::Ccmp128 | Cipher::Ccmp256) {
        n.push(priority(mac_header));
    }
    n.extend_from_slice(a2);
    n.extend(pn.iter().rev());
    Some(n)
}

/// The MIC length of a cipher's MPDUs.
fn tag_len(cipher: Cipher) -> usize {
    match cipher {
        Cipher::Ccmp128 => 8,
        _ => 16,
    }
}

/// Opens `buf` in place with AEAD `A`: the crate checks the tag.
fn open<A: AeadInOut + KeyInit>(
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    tag: &[u8],
) -> Result<(), Failure> {
    let c = A::new_from_slice(key).map_err(|_| Failure::Key)?;
    let nonce = Nonce::<A>::try_from(nonce).map_err(|_| Failure::Key)?;
    let tag = Tag::<A>::try_from(tag).map_err(|_| Failure::Malformed("MIC length"))?;
    c.decrypt_inout_detached(&nonce, aad, buf.into(), &tag).map_err(|_| Failure::Mic)
}

/// Seals `buf` in place with AEAD `A`, returning the tag.
fn seal<A: AeadInOut + KeyInit>(
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
    buf: &mut [u8],
) -> Result<Vec<u8>, Failure> {
    let c = A::new_from_slice(key).map_err(|_| Failure::Key)?;
    let nonce = Nonce::<A>::try_from(nonce).map_err(|_| Failure::Key)?;
    Ok(c.encrypt_inout_detached(&nonce, aad, buf.into()).map_err(|_| Failure::Key)?.to_vec())
}

/// Decrypts the body of a protected data frame (security header, ciphertext, MIC) with `key`
/// under `cipher`. `mac_header` is the frame's header through the QoS Control field. Returns
/// the plaintext (the LLC header onward) and the packet number, PN0 first.
pub fn decrypt(
    cipher: Cipher,
    key: &[u8],
    mac_header: &[u8],
    body: &[u8],
) -> Result<(Vec<u8>, [u8; 6]), Failure> {
    if cipher == Cipher::Tkip {
        return crate::tkip::decrypt(key, mac_header, body);
    }
    let malformed = Failure::Malformed("shorter than the security header and MIC");
    let (hdr, rest) = body.split_first_chunk::<8>().ok_or(malformed)?;
    if hdr[3] & 0x20 == 0 {
        return Err(Failure::Malformed("Extended IV bit clear: not CCMP or GCMP"));
    }
    let pn = pn(hdr);
    let header = Failure::Malformed("MAC header truncated");
    let aad = aad(mac_header).ok_or(header)?;
    let nonce = nonce(cipher, mac_header, &pn).ok_or(header)?;
    let at = rest.len().checked_sub(tag_len(cipher)).ok_or(malformed)?;
    let (ct, tag) = rest.split_at(at);
    let mut buf = ct.to_vec();
    match cipher {
        Cipher::Ccmp128 => open::<Ccmp128>(key, &nonce, &aad, &mut buf, tag),
        Cipher::Ccmp256 => open::<Ccmp256>(key, &nonce, &aad, &mut buf, tag),
        Cipher::Gcmp128 => open::<Aes128Gcm>(key, &nonce, &aad, &mut buf, tag),
        Cipher::Gcmp256 => open::<Aes256Gcm>(key, &nonce, &aad, &mut buf, tag),
        _ => Err(Failure::Malformed("cipher not decrypted here")),
    }?;
    Ok((buf, pn))
}

/// Encrypts `plaintext` for a frame with `mac_header` (the inverse of [`decrypt`], for the
/// synthetic captures of the tests and the decrypted-pcap round trip): returns the body,
/// security header first. Key ID 0.
pub fn encrypt(
    cipher: Cipher,
    key: &[u8],
    mac_header: &[u8],
    pn: [u8; 6],
    plaintext: &[u8],
) -> Result<Vec<u8>, Failure> {
    if cipher == Cipher::Tkip {
        return crate::tkip::encrypt(key, mac_header, pn, plaintext);
    }
    let header = Failure::Malformed("MAC header truncated");
    let aad = aad(mac_header).ok_or(header)?;
    let nonce = nonce(cipher, mac_header, &pn).ok_or(header)?;
    let mut buf = plaintext.to_vec();
    let tag = match cipher {
        Cipher::Ccmp128 => seal::<Ccmp128>(key, &nonce, &aad, &mut buf),
        Cipher::Ccmp256 => seal::<Ccmp256>(key, &nonce, &aad, &mut buf),
        Cipher::Gcmp128 => seal::<Aes128Gcm>(key, &nonce, &aad, &mut buf),
        Cipher::Gcmp256 => seal::<Aes256Gcm>(key, &nonce, &aad, &mut buf),
        _ => Err(Failure::Malformed("cipher not encrypted here")),
    }?;
    let mut out = vec![pn[0], pn[1], 0, 0x20, pn[2], pn[3], pn[4], pn[5]];
    out.extend_from_slice(&buf);
    out.extend_from_slice(&tag);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
    }

    /// CCMP test MPDUs 1 (data, no QoS) and 6 (QoS data, TID 13) of IEEE P802.11i/D7.0 I.7.4
    /// (the CCMP vectors of the standard's annex), as transcribed in FreeBSD's net80211 CCMP
    /// test module: TK, encrypted MPDU without FCS, and the plaintext data.
    #[test]
    fn ccmp_published_mpdus() {
        let cases = [
            (
                "c97c1f67ce371185514a8a19f2bdd52f",
                "08 48 c3 2c 0f d2 e1 28 a5 7c 50 30 f1 84 44 08 ab ae a5 b8 fc ba 80 33
                 0c e7 00 20 76 97 03 b5 f3 d0 a2 fe 9a 3d bf 23 42 a6 43 e4 32 46 e8 0c
                 3c 04 d0 19 78 45 ce 0b 16 f9 76 23",
                24,
                "f8 ba 1a 55 d0 2f 85 ae 96 7b b6 2f b6 cd a8 eb 7e 78 a0 50",
                "b5039776e70c",
            ),
            (
                "f71eea4e1f58804b9717230ad0614641",
                "88 52 e1 1f 5a f2 84 30 fd ab bf f9 43 b9 f9 a6 ab 1d 98 c7 fe 73 50 71 3d 6a
                 89 89 00 60 a4 ec 81 6b 9a 70 9b 60 a3 9d 40 b1 df b6 12 e1 8b 5f 11 4b ad b6
                 cc 86 30 9a 8d 5c 46 6b bb 71",
                26,
                "ab fd a2 2d 3a 0b fc 9c c1 fc 07 93 63 c2 fc a1 43 e6 eb 1d",
                "6b81eca48989",
            ),
        ];
        for (tk, mpdu, hdr_len, plain, pn_hex) in cases {
            let (tk, mpdu, plain) = (hex(tk), hex(mpdu), hex(plain));
            let (h, body) = mpdu.split_at(hdr_len);
            let (got, pn) = decrypt(Cipher::Ccmp128, &tk, h, body).unwrap();
            assert_eq!(got, plain);
            let mut pn_be = pn;
            pn_be.reverse();
            assert_eq!(pn_be.to_vec(), hex(pn_hex));
            // And back.
            let mut again = encrypt(Cipher::Ccmp128, &tk, h, pn, &plain).unwrap();
            again[3] = body[3]; // the vector's key ID; encrypt writes key ID 0
            assert_eq!(again, body);
            // One flipped bit anywhere in the body or the protected header fails the MIC.
            let mut bad = body.to_vec();
            bad[10] ^= 1;
            assert_eq!(decrypt(Cipher::Ccmp128, &tk, h, &bad), Err(Failure::Mic));
            let mut bad_h = h.to_vec();
            bad_h[4] ^= 1; // A1
            assert_eq!(decrypt(Cipher::Ccmp128, &tk, &bad_h, body), Err(Failure::Mic));
            // Masked header bits (Retry) do not matter.
            let mut retry = h.to_vec();
            retry[1] ^= 0x08;
            assert!(decrypt(Cipher::Ccmp128, &tk, &retry, body).is_ok());
        }
    }

    /// hostap's wlantest test vectors (`wlantest/test_vectors.c`), which carry the expected
    /// output of the standard's annex vectors: GCMP test MPDU #2 of IEEE Std 802.11ad-2012
    /// M.11.1 (QoS data, TID 3), the GCMP-256 and CCMP-256 vectors of IEEE P802.11ac/D7.0
    /// M.11.1 and M.6.4. Each published MPDU decrypts to the plaintext, and the plaintext
    /// encrypts to it.
    #[test]
    fn gcmp_and_256_bit_published_mpdus() {
        let tk128 = "c97c1f67ce371185514a8a19f2bdd52f";
        let tk256 = "c97c1f67ce371185514a8a19f2bdd52f000102030405060708090a0b0c0d0e0f";
        let qos_hdr =
            "88 48 0b 00 0f d2 e1 28 a5 7c 50 30 f1 84 44 08 50 30 f1 84 44 08 80 33 03 00";
        let qos_plain = "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17
                         18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27";
        let data_hdr = "08 48 c3 2c 0f d2 e1 28 a5 7c 50 30 f1 84 44 08 ab ae a5 b8 fc ba 80 33";
        let data_plain = "f8 ba 1a 55 d0 2f 85 ae 96 7b b6 2f b6 cd a8 eb 7e 78 a0 50";
        let cases = [
            (
                Cipher::Gcmp128,
                tk128,
                qos_hdr,
                qos_plain,
                [0x08, 0x2b, 0x5f, 0x5f, 0x89, 0x00],
                "08 2b 00 20 5f 5f 89 00
                 60 e9 70 0c c4 d4 0a c6 d2 88 b2 01 c3 8f 5b f0 8b 80 74 42 64 0a 15 96
                 e5 db da d4 1d 1f 36 23 f4 5d 7a 12 db 7a fb 23
                 de f6 19 c2 a3 74 b6 df 66 ff a5 3b 6c 69 d7 9e",
            ),
            (
                Cipher::Gcmp256,
                tk256,
                qos_hdr,
                qos_plain,
                [0x08, 0x2b, 0x5f, 0x5f, 0x89, 0x00],
                "08 2b 00 20 5f 5f 89 00 65 83 43 c8 b1 44 47 d9 21 1d ef d4 6a d8 9c 71 0c 6f
                 c3 33 33 23 6e 39 97 b9 17 6a 5a 8b e7 79 b2 12 66 55 5e 70 ad 79 11 43 16 85
                 90 95 47 3d 5b 1b d5 96 b3 de a3 bf",
            ),
            (
                Cipher::Ccmp256,
                tk256,
                data_hdr,
                data_plain,
                [0x0c, 0xe7, 0x76, 0x97, 0x03, 0xb5],
                "0c e7 00 20 76 97 03 b5 6d 15 5d 88 32 66 82 56 d6 a9 2b 78 e1 1d 8e 54 49 5d
                 d1 74 80 aa 56 c9 49 2e 88 2b 97 64 2f 80 d5 0f e9 7b",
            ),
        ];
        for (cipher, tk, h, plain, pn, body) in cases {
            let (tk, h, plain, body) = (hex(tk), hex(h), hex(plain), hex(body));
            assert_eq!(decrypt(cipher, &tk, &h, &body), Ok((plain.clone(), pn)), "{cipher:?}");
            assert_eq!(encrypt(cipher, &tk, &h, pn, &plain).unwrap(), body, "{cipher:?}");
            let mut bad = body.clone();
            bad[9] ^= 0x10;
            assert_eq!(decrypt(cipher, &tk, &h, &bad), Err(Failure::Mic));
        }
    }

    #[test]
    fn every_cipher_round_trips_and_refuses_short_bodies() {
        let h = [
            0x88u8, 0x41, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0x10, 0, 5, 0,
        ];
        for (cipher, len) in [
            (Cipher::Ccmp128, 16),
            (Cipher::Ccmp256, 32),
            (Cipher::Gcmp128, 16),
            (Cipher::Gcmp256, 32),
        ] {
            let key = vec![0x5a; len];
            let body = encrypt(cipher, &key, &h, [1, 0, 0, 0, 0, 0], b"hello, world").unwrap();
            assert_eq!(decrypt(cipher, &key, &h, &body).unwrap().0, b"hello, world");
            for n in 0..body.len() {
                assert!(decrypt(cipher, &key, &h, &body[..n]).is_err());
            }
            assert_eq!(decrypt(cipher, &[0; 5], &h, &body), Err(Failure::Key));
        }
    }
}
