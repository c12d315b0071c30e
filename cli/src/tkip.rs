//! TKIP (IEEE 802.11-2020 12.5.2): the two-phase per-packet key mixing, RC4 (the RustCrypto
//! `rc4` crate) with the CRC-32 ICV, and the Michael MIC over the MSDU, checked.
//!
//! The TK is the 32-octet TKIP TK as the PTK (or the TKIP GTK) carries it: the temporal key,
//! then the Michael key of frames from the authenticator, then that of frames to it.

use rc4::{KeyInit, Rc4, StreamCipher};

use crate::decrypt::Failure;
use crate::link::crc32;

/// The AES S-box, computed: the multiplicative inverse in GF(2^8) and the affine map.
const AES_SBOX: [u8; 256] = {
    const fn mul(mut a: u8, mut b: u8) -> u8 {
        let mut p = 0u8;
        while b != 0 {
            if b & 1 != 0 {
                p ^= a;
            }
            let hi = a & 0x80;
            a <<= 1;
            if hi != 0 {
                a ^= 0x1b;
            }
            b >>= 1;
        }
        p
    }
    let mut s = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        // a^254 = a^-1 (0 maps to 0).
        let a = i as u8;
        let mut inv = 1u8;
        let mut k = 0;
        while k < 254 {
            inv = mul(inv, a);
            k += 1;
        }
        if a == 0 {
            inv = 0;
        }
        let b = inv;
        s[i] = b ^ b.rotate_left(1) ^ b.rotate_left(2) ^ b.rotate_left(3) ^ b.rotate_left(4) ^ 0x63;
        i += 1;
    }
    s
};

/// TKIP's 16-bit S-box (12.5.2.5): for the AES S-box value `s`, `(2·s) << 8 | 3·s`.
const TKIP_SBOX: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let s = AES_SBOX[i];
        let x2 = (s << 1) ^ if s & 0x80 != 0 { 0x1b } else { 0 };
        t[i] = ((x2 as u16) << 8) | (x2 ^ s) as u16;
        i += 1;
    }
    t
};

fn s(v: u16) -> u16 {
    TKIP_SBOX[usize::from(v as u8)] ^ TKIP_SBOX[usize::from((v >> 8) as u8)].swap_bytes()
}

fn mk16(hi: u8, lo: u8) -> u16 {
    u16::from(hi) << 8 | u16::from(lo)
}

/// Phase 1: TTAK from the temporal key, the transmitter address and IV32.
pub fn phase1(tk: &[u8; 16], ta: &[u8; 6], iv32: u32) -> [u16; 5] {
    let mut p = [
        iv32 as u16,
        (iv32 >> 16) as u16,
        mk16(ta[1], ta[0]),
        mk16(ta[3], ta[2]),
        mk16(ta[5], ta[4]),
    ];
    for i in 0..8u16 {
        let j = 2 * usize::from(i & 1);
        p[0] = p[0].wrapping_add(s(p[4] ^ mk16(tk[1 + j], tk[j])));
        p[1] = p[1].wrapping_add(s(p[0] ^ mk16(tk[5 + j], tk[4 + j])));
        p[2] = p[2].wrapping_add(s(p[1] ^ mk16(tk[9 + j], tk[8 + j])));
        p[3] = p[3].wrapping_add(s(p[2] ^ mk16(tk[13 + j], tk[12 + j])));
        p[4] = p[4].wrapping_add(s(p[3] ^ mk16(tk[1 + j], tk[j]))).wrapping_add(i);
    }
    p
}

/// Phase 2: the 16-octet RC4 key (WEP seed) from TTAK, the temporal key and IV16.
pub fn phase2(ttak: &[u16; 5], tk: &[u8; 16], iv16: u16) -> [u8; 16] {
    let tk16 = |i: usize| mk16(tk[2 * i + 1], tk[2 * i]);
    let mut p = [ttak[0], ttak[1], ttak[2], ttak[3], ttak[4], ttak[4].wrapping_add(iv16)];
    p[0] = p[0].wrapping_add(s(p[5] ^ tk16(0)));
    p[1] = p[1].wrapping_add(s(p[0] ^ tk16(1)));
    p[2] = p[2].wrapping_add(s(p[1] ^ tk16(2)));
    p[3] = p[3].wrapping_add(s(p[2] ^ tk16(3)));
    p[4] = p[4].wrapping_add(s(p[3] ^ tk16(4)));
    p[5] = p[5].wrapping_add(s(p[4] ^ tk16(5)));
    p[0] = p[0].wrapping_add((p[5] ^ tk16(6)).rotate_right(1));
    p[1] = p[1].wrapping_add((p[0] ^ tk16(7)).rotate_right(1));
    p[2] = p[2].wrapping_add(p[1].rotate_right(1));
    p[3] = p[3].wrapping_add(p[2].rotate_right(1));
    p[4] = p[4].wrapping_add(p[3].rotate_right(1));
    p[5] = p[5].wrapping_add(p[4].rotate_right(1));
    let mut k = [0u8; 16];
    k[0] = (iv16 >> 8) as u8;
    k[1] = ((iv16 >> 8) as u8 | 0x20) & 0x7f;
    k[2] = iv16 as u8;
    k[3] = ((p[5] ^ tk16(0)) >> 1) as u8;
    for i in 0..6 {
        k[4 + 2 * i] = p[i] as u8;
        k[5 + 2 * i] = (p[i] >> 8) as u8;
    }
    k
}

/// Michael (12.5.2.3) keyed with 8 octets over `parts`, padded with 0x5a and zeros.
pub fn michael(key: &[u8; 8], parts: &[&[u8]]) -> [u8; 8] {
    let mut l = u32::from_le_bytes([key[0], key[1], key[2], key[3]]);
    let mut r = u32::from_le_bytes([key[4], key[5], key[6], key[7]]);
    let mut block = |m: u32| {
        l ^= m;
        r ^= l.rotate_left(17);
        l = l.wrapping_add(r);
        r ^= ((l & 0xff00_ff00) >> 8) | ((l & 0x00ff_00ff) << 8);
        l = l.wrapping_add(r);
        r ^= l.rotate_left(3);
        l = l.wrapping_add(r);
        r ^= l.rotate_right(2);
        l = l.wrapping_add(r);
    };
    let mut word = [0u8; 4];
    let mut n = 0;
    for &b in parts.iter().flat_map(|p| p.iter()).chain([0x5a, 0, 0, 0, 0].iter()) {
        word[n] = b;
        n += 1;
        if n == 4 {
            block(u32::from_le_bytes(word));
            n = 0;
        }
    }
    if n != 0 {
        word[n..].fill(0);
        block(u32::from_le_bytes(word));
    }
    let mut out = [0u8; 8];
    out[..4].copy_from_slice(&l.to_le_bytes());
    out[4..].copy_from_slice(&r.to_le_bytes());
    out
}

/// DA, SA, priority and the Michael key of a frame.
type MichaelInputs<'k> = ([u8; 6], [u8; 6], u8, &'k [u8]);

/// DA, SA, priority and the Michael key for a frame's direction.
fn michael_inputs<'k>(key: &'k [u8], h: &[u8]) -> Option<MichaelInputs<'k>> {
    let (fc0, fc1) = (*h.first()?, *h.get(1)?);
    let a = |at: usize| -> Option<[u8; 6]> { h.get(at..at + 6)?.try_into().ok() };
    let (to_ds, from_ds) = (fc1 & 1 != 0, fc1 & 2 != 0);
    let (da, sa) = match (to_ds, from_ds) {
        (false, false) => (a(4)?, a(10)?),
        (true, false) => (a(16)?, a(10)?),
        (false, true) => (a(4)?, a(16)?),
        (true, true) => (a(16)?, a(24)?),
    };
    let qos = fc0 & 0x0c == 0x08 && fc0 & 0x80 != 0;
    let at = if to_ds && from_ds { 30 } else { 24 };
    let prio = if qos { h.get(at)? & 0x0f } else { 0 };
    // From the AP (FromDS): the authenticator's transmit key; otherwise the other one.
    let mkey = if from_ds && !to_ds { key.get(16..24)? } else { key.get(24..32)? };
    Some((da, sa, prio, mkey))
}

fn split_key(key: &[u8]) -> Result<[u8; 16], Failure> {
    if key.len() != 32 {
        return Err(Failure::Key);
    }
    key[..16].try_into().map_err(|_| Failure::Key)
}

/// Decrypts a TKIP body (IV, Extended IV, data, MIC, ICV): checks the ICV and the Michael MIC.
/// Returns the plaintext without the MIC, and the TSC (TSC0 first).
pub fn decrypt(key: &[u8], h: &[u8], body: &[u8]) -> Result<(Vec<u8>, [u8; 6]), Failure> {
    let tk = split_key(key)?;
    let short = Failure::Malformed("shorter than the TKIP IV, MIC and ICV");
    let (iv, rest) = body.split_first_chunk::<8>().ok_or(short)?;
    if iv[3] & 0x20 == 0 {
        return Err(Failure::Malformed("Extended IV bit clear: not TKIP"));
    }
    if rest.len() < 12 {
        return Err(short);
    }
    let tsc = [iv[2], iv[0], iv[4], iv[5], iv[6], iv[7]];
    let ta: [u8; 6] = h.get(10..16).ok_or(short)?.try_into().map_err(|_| short)?;
    let iv16 = u16::from_le_bytes([tsc[0], tsc[1]]);
    let iv32 = u32::from_le_bytes([tsc[2], tsc[3], tsc[4], tsc[5]]);
    let rc4_key = phase2(&phase1(&tk, &ta, iv32), &tk, iv16);
    let mut buf = rest.to_vec();
    Rc4::new_from_slice(&rc4_key).map_err(|_| Failure::Key)?.apply_keystream(&mut buf);
    let (data, icv) = buf.split_at(buf.len() - 4);
    if crc32(data).to_le_bytes() != icv {
        return Err(Failure::Mic);
    }
    let (msdu, mic) = data.split_at(data.len() - 8);
    let (da, sa, prio, mkey) = michael_inputs(key, h).ok_or(short)?;
    let mkey: [u8; 8] = mkey.try_into().map_err(|_| Failure::Key)?;
    let want = michael(&mkey, &[&da, &sa, &[prio, 0, 0, 0], msdu]);
    if !bool::from(subtle::ConstantTimeEq::ct_eq(&want[..], mic)) {
        return Err(Failure::Mic);
    }
    Ok((msdu.to_vec(), tsc))
}

/// Encrypts an MSDU (the inverse of [`decrypt`]); `tsc` TSC0 first, key ID 0.
pub fn encrypt(key: &[u8], h: &[u8], tsc: [u8; 6], msdu: &[u8]) -> Result<Vec<u8>, Failure> {
    let tk = split_key(key)?;
    let short = Failure::Malformed("MAC header truncated");
    let ta: [u8; 6] = h.get(10..16).ok_or(short)?.try_into().map_err(|_| short)?;
    let (da, sa, prio, mkey) = michael_inputs(key, h).ok_or(short)?;
    let mkey: [u8; 8] = mkey.try_into().map_err(|_| Failure::Key)?;
    let mut data = msdu.to_vec();
    data.extend_from_slice(&michael(&mkey, &[&da, &sa, &[prio, 0, 0, 0], msdu]));
    let icv = crc32(&data).to_le_bytes();
    data.extend_from_slice(&icv);
    let iv16 = u16::from_le_bytes([tsc[0], tsc[1]]);
    let iv32 = u32::from_le_bytes([tsc[2], tsc[3], tsc[4], tsc[5]]);
    let rc4_key = phase2(&phase1(&tk, &ta, iv32), &tk, iv16);
    Rc4::new_from_slice(&rc4_key).map_err(|_| Failure::Key)?.apply_keystream(&mut data);
    let mut out =
        vec![tsc[1], (tsc[1] | 0x20) & 0x7f, tsc[0], 0x20, tsc[2], tsc[3], tsc[4], tsc[5]];
    out.extend_from_slice(&data);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sbox_matches_its_first_published_entries() {
        // AES S-box (FIPS 197): 63 7c 77 7b; TKIP's table (12.5.2.5) begins C6A5 F884 EE99.
        assert_eq!(&AES_SBOX[..4], &[0x63, 0x7c, 0x77, 0x7b]);
        assert_eq!(&TKIP_SBOX[..3], &[0xc6a5, 0xf884, 0xee99]);
    }

    /// The TGi key mixing known answers of `test-vectors/tkip.json`: TK, TA, IV32, IV16, the
    /// TTAK (phase 1) and the RC4 key (phase 2).
    #[test]
    fn key_mixing_published_vectors() {
        use crate::vectors::{bytes, load, s};
        let all = load("tkip.json", "key_mixing");
        assert_eq!(all.len(), 6);
        for v in all {
            let tk: [u8; 16] = bytes(&v, "tk").try_into().unwrap();
            let ta: [u8; 6] = bytes(&v, "ta").try_into().unwrap();
            let iv32 = u32::from_str_radix(s(&v, "iv32"), 16).unwrap();
            let iv16 = u16::from_str_radix(s(&v, "iv16"), 16).unwrap();
            let ttak: Vec<u16> =
                bytes(&v, "ttak").chunks(2).map(|w| u16::from_be_bytes([w[0], w[1]])).collect();
            let got = phase1(&tk, &ta, iv32);
            assert_eq!(got.to_vec(), ttak, "{}", s(&v, "name"));
            assert_eq!(phase2(&got, &tk, iv16).to_vec(), bytes(&v, "rc4_key"), "{}", s(&v, "name"));
        }
    }

    /// The Michael chain of `test-vectors/tkip.json`: each result keys the next over a longer
    /// prefix of "Michael".
    #[test]
    fn michael_published_chain() {
        use crate::vectors::{bytes, load, s};
        let all = load("tkip.json", "michael");
        assert_eq!(all.len(), 4);
        for v in all {
            let key: [u8; 8] = bytes(&v, "key").try_into().unwrap();
            let (msg, want) = (bytes(&v, "message"), bytes(&v, "mic"));
            assert_eq!(michael(&key, &[&msg]).to_vec(), want, "{}", s(&v, "name"));
            // Split anywhere, the same.
            if msg.len() > 1 {
                assert_eq!(michael(&key, &[&msg[..1], &msg[1..]]).to_vec(), want);
            }
        }
    }

    #[test]
    fn round_trip_and_tamper() {
        // hostap's TKIP test frame (wlantest test_vector_tkip): TK, header, LLC + IP payload.
        let key: Vec<u8> = (0..32).map(|i| [0x12, 0x34, 0x56, 0x78, 0x90][i % 5]).collect();
        let h = [
            0x08, 0x42, 0x2c, 0x00, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08, 0x02, 0x03, 0x04, 0x05,
            0x06, 0x07, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xd0, 0x02,
        ];
        let msdu = b"\xaa\xaa\x03\x00\x00\x00\x08\x00hello TKIP";
        let body = encrypt(&key, &h, [1, 0, 0, 0, 0, 0], msdu).unwrap();
        assert_eq!(&body[..4], &[0x00, 0x20, 0x01, 0x20]);
        assert_eq!(decrypt(&key, &h, &body).unwrap(), (msdu.to_vec(), [1, 0, 0, 0, 0, 0]));
        for i in 8..body.len() {
            let mut bad = body.clone();
            bad[i] ^= 0x80;
            assert_eq!(decrypt(&key, &h, &bad), Err(Failure::Mic), "octet {i}");
        }
        for n in 0..body.len() {
            assert!(decrypt(&key, &h, &body[..n]).is_err());
        }
    }
}
