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

    use crate::vectors::{bytes, load, s};

    fn cipher(name: &str) -> Cipher {
        match name {
            "CCMP-128" => Cipher::Ccmp128,
            "CCMP-256" => Cipher::Ccmp256,
            "GCMP-128" => Cipher::Gcmp128,
            "GCMP-256" => Cipher::Gcmp256,
            other => panic!("cipher {other}"),
        }
    }

    /// The published CCMP-128/256 and GCMP-128/256 MPDUs of `test-vectors/mpdu.json` (the
    /// standard's annexes): each decrypts to its plaintext and packet number, the plaintext
    /// encrypts back to it, and a flipped bit fails the MIC.
    #[test]
    fn published_mpdus() {
        let all = load("mpdu.json", "mpdus");
        assert_eq!(all.len(), 5);
        for v in all {
            let (name, cipher) = (s(&v, "name"), cipher(s(&v, "cipher")));
            let (tk, h, body) = (bytes(&v, "tk"), bytes(&v, "header"), bytes(&v, "body"));
            let plain = bytes(&v, "plaintext");
            let mut pn: [u8; 6] = bytes(&v, "pn").try_into().unwrap();
            pn.reverse(); // PN0 first, as decrypt gives it
            assert_eq!(decrypt(cipher, &tk, &h, &body), Ok((plain.clone(), pn)), "{name}");
            // And back (encrypt writes key ID 0; the vector's key ID is in octet 3).
            let mut again = encrypt(cipher, &tk, &h, pn, &plain).unwrap();
            again[3] = body[3];
            assert_eq!(again, body, "{name}");
            // One flipped bit in the body or the protected header fails the MIC.
            let mut bad = body.clone();
            bad[10] ^= 1;
            assert_eq!(decrypt(cipher, &tk, &h, &bad), Err(Failure::Mic), "{name}");
            let mut bad_h = h.clone();
            bad_h[4] ^= 1; // A1
            assert_eq!(decrypt(cipher, &tk, &bad_h, &body), Err(Failure::Mic), "{name}");
            // Masked header bits (Retry) do not matter.
            let mut retry = h.clone();
            retry[1] ^= 0x08;
            assert!(decrypt(cipher, &tk, &retry, &body).is_ok(), "{name}");
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
