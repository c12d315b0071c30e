//! Naive second transcriptions that the differential targets compare the library against:
//! one RustCrypto call per MAC or hash, inputs concatenated into `Vec`s, a suite table written
//! out again from IEEE 802.11-2020 (12.7.1, 12.7.2, Tables 9-151 and 12-10; hostap where it differs), RFC 3394 and RC4
//! written out from their definitions over the AES block function. Slow and obvious on purpose.

use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt};
use hmac::{Hmac, KeyInit, Mac};
use ieee80211_keys::suite::HashAlg;
use ieee80211_keys::{Akm, Cipher};
use sha2::Digest;

/// A hash function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum H {
    Md5,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

/// A MAC algorithm with its output length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MacAlg {
    Hmac(H, usize),
    Cmac,
}

pub fn hmac(h: H, key: &[u8], data: &[u8]) -> Vec<u8> {
    fn run<M: Mac + KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut m = <M as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
        m.update(data);
        m.finalize().into_bytes().to_vec()
    }
    match h {
        H::Md5 => run::<Hmac<md5::Md5>>(key, data),
        H::Sha1 => run::<Hmac<sha1::Sha1>>(key, data),
        H::Sha256 => run::<Hmac<sha2::Sha256>>(key, data),
        H::Sha384 => run::<Hmac<sha2::Sha384>>(key, data),
        H::Sha512 => run::<Hmac<sha2::Sha512>>(key, data),
    }
}

/// AES-128-CMAC; `None` unless the key has 16 octets.
pub fn cmac(key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let mut m = <cmac::Cmac<aes::Aes128> as KeyInit>::new_from_slice(key).ok()?;
    m.update(data);
    Some(m.finalize().into_bytes().to_vec())
}

/// A MAC truncated to its length; `None` when the key does not fit the algorithm.
pub fn mac(alg: MacAlg, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    match alg {
        MacAlg::Hmac(h, len) => Some(hmac(h, key, data)[..len].to_vec()),
        MacAlg::Cmac => cmac(key, data),
    }
}

pub fn hash(h: H, data: &[u8]) -> Vec<u8> {
    match h {
        H::Md5 => md5::Md5::digest(data).to_vec(),
        H::Sha1 => sha1::Sha1::digest(data).to_vec(),
        H::Sha256 => sha2::Sha256::digest(data).to_vec(),
        H::Sha384 => sha2::Sha384::digest(data).to_vec(),
        H::Sha512 => sha2::Sha512::digest(data).to_vec(),
    }
}

/// The SHA-1 PRF: `HMAC-SHA1(K, A || 0 || B || i)`, i one octet from 0 (IEEE 802.11-2020 12.7.1.2).
pub fn prf(key: &[u8], label: &[u8], data: &[u8], len: usize) -> Vec<u8> {
    let mut prefix = label.to_vec();
    prefix.push(0);
    prefix.extend_from_slice(data);
    counter_expansion(key, &prefix, len)
}

/// CCKM's expansion: `HMAC-SHA1(K, B || i)`, no label, no separator (docs/cckm.md §4).
pub fn cckm_prf(key: &[u8], data: &[u8], len: usize) -> Vec<u8> {
    counter_expansion(key, data, len)
}

fn counter_expansion(key: &[u8], prefix: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0u8;
    while out.len() < len {
        let mut block = prefix.to_vec();
        block.push(i);
        out.extend(hmac(H::Sha1, key, &block));
        i = i.wrapping_add(1);
    }
    out.truncate(len);
    out
}

/// KDF-Hash-Length with `bits` output bits: `HMAC(K, LE16(i) || label || context ||
/// LE16(bits))`, i from 1; the unused low bits of the last octet cleared (IEEE 802.11-2020
/// 12.7.1.6.2).
pub fn kdf(h: H, key: &[u8], label: &[u8], context: &[u8], bits: u16) -> Vec<u8> {
    let len = usize::from(bits).div_ceil(8);
    let mut out = Vec::new();
    let mut i = 1u16;
    while out.len() < len {
        let mut block = i.to_le_bytes().to_vec();
        block.extend_from_slice(label);
        block.extend_from_slice(context);
        block.extend_from_slice(&bits.to_le_bytes());
        out.extend(hmac(h, key, &block));
        i += 1;
    }
    out.truncate(len);
    if !bits.is_multiple_of(8) {
        *out.last_mut().expect("bits > 0") &= 0xff << (8 - bits % 8);
    }
    out
}

/// RC4 keyed with `key`, the first 256 keystream octets dropped, applied to `data`.
pub fn rc4_skip256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255).collect();
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, usize::from(j));
    }
    let (mut i, mut j) = (0u8, 0u8);
    let mut keystream = std::iter::from_fn(|| {
        i = i.wrapping_add(1);
        j = j.wrapping_add(s[usize::from(i)]);
        s.swap(usize::from(i), usize::from(j));
        Some(s[usize::from(s[usize::from(i)].wrapping_add(s[usize::from(j)]))])
    });
    keystream.by_ref().take(256).for_each(drop);
    data.iter().zip(keystream).map(|(d, k)| d ^ k).collect()
}

enum Aes {
    K128(aes::Aes128),
    K256(aes::Aes256),
}

impl Aes {
    fn new(kek: &[u8]) -> Option<Aes> {
        match kek.len() {
            16 => Some(Aes::K128(aes::Aes128::new_from_slice(kek).ok()?)),
            32 => Some(Aes::K256(aes::Aes256::new_from_slice(kek).ok()?)),
            _ => None,
        }
    }

    fn encrypt(&self, b: [u8; 16]) -> [u8; 16] {
        let mut block = aes::Block::from(b);
        match self {
            Aes::K128(c) => c.encrypt_block(&mut block),
            Aes::K256(c) => c.encrypt_block(&mut block),
        }
        block.into()
    }

    fn decrypt(&self, b: [u8; 16]) -> [u8; 16] {
        let mut block = aes::Block::from(b);
        match self {
            Aes::K128(c) => c.decrypt_block(&mut block),
            Aes::K256(c) => c.decrypt_block(&mut block),
        }
        block.into()
    }
}

const RFC3394_IV: [u8; 8] = [0xa6; 8];

fn concat16(a: &[u8], b: &[u8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(a);
    out[8..].copy_from_slice(b);
    out
}

/// RFC 3394 §2.2.1 (index-based form) with the default IV. `None` for a KEK other than 16 or
/// 32 octets, or a plaintext not a multiple of 8 of at least 16 octets.
pub fn aes_wrap(kek: &[u8], plaintext: &[u8]) -> Option<Vec<u8>> {
    let aes = Aes::new(kek)?;
    if plaintext.len() < 16 || !plaintext.len().is_multiple_of(8) {
        return None;
    }
    let n = plaintext.len() / 8;
    let mut a = RFC3394_IV.to_vec();
    let mut r: Vec<Vec<u8>> = plaintext.chunks(8).map(<[u8]>::to_vec).collect();
    for j in 0..6 {
        for (i, ri) in r.iter_mut().enumerate() {
            let b = aes.encrypt(concat16(&a, ri));
            let t = (n * j + i + 1) as u64;
            a = b[..8].iter().zip(t.to_be_bytes()).map(|(x, y)| x ^ y).collect();
            *ri = b[8..].to_vec();
        }
    }
    Some([a, r.concat()].concat())
}

/// RFC 3394 §2.2.2 with the integrity check of §2.2.3. `None` on any failure.
pub fn aes_unwrap(kek: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
    let aes = Aes::new(kek)?;
    if ciphertext.len() < 24 || !ciphertext.len().is_multiple_of(8) {
        return None;
    }
    let n = ciphertext.len() / 8 - 1;
    let mut a = ciphertext[..8].to_vec();
    let mut r: Vec<Vec<u8>> = ciphertext[8..].chunks(8).map(<[u8]>::to_vec).collect();
    for j in (0..6).rev() {
        for i in (0..n).rev() {
            let t = (n * j + i + 1) as u64;
            let x: Vec<u8> = a.iter().zip(t.to_be_bytes()).map(|(x, y)| x ^ y).collect();
            let b = aes.decrypt(concat16(&x, &r[i]));
            a = b[..8].to_vec();
            r[i] = b[8..].to_vec();
        }
    }
    (a == RFC3394_IV).then(|| r.concat())
}

/// One row of the per-AKM table (IEEE 802.11-2020 Table 9-151, Table 12-10, 12.7.2; AKMs 19 and 20,
/// which the table does not list, as the SHA-384 PSK counterparts of 4 and 6).
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub suite_type: u8,
    /// Hash of the key hierarchy (PTK PRF/KDF, FT names).
    pub hash: H,
    pub ft: bool,
    pub cckm: bool,
    pub kck: usize,
    pub kek: usize,
    pub mic_len: usize,
    /// Where the PMK or XXKey comes from: 'm' MSK, 'p' PSK, 's' SAE.
    pub source: char,
}

pub fn row(akm: Akm) -> Row {
    let sel = akm.selector();
    let cckm = sel == [0x00, 0x40, 0x96, 0];
    let t = if cckm { 0 } else { sel[3] };
    let sha384 = matches!(t, 12 | 13 | 19 | 20 | 23);
    // OWE (18), SAE-EXT-KEY (24), FT-SAE-EXT-KEY (25) follow the PMK length (by_pmk_len); this
    // row is theirs with a 32-octet PMK.
    let hash = match t {
        _ if cckm => H::Sha1,
        1 | 2 => H::Sha1,
        _ if sha384 => H::Sha384,
        _ => H::Sha256,
    };
    Row {
        suite_type: t,
        hash,
        ft: matches!(t, 3 | 4 | 9 | 13 | 19 | 25),
        cckm,
        kck: if sha384 { 24 } else { 16 },
        kek: if sha384 { 32 } else { 16 },
        mic_len: if sha384 { 24 } else { 16 },
        source: match t {
            2 | 4 | 6 | 19 | 20 => 'p',
            8 | 9 | 24 | 25 => 's',
            18 => 'o',
            _ => 'm',
        },
    }
}

/// The EAPOL-Key MIC algorithm for a descriptor version (IEEE 802.11-2020 12.7.2, Key Descriptor
/// Version); `None` when the AKM does not use that version.
pub fn eapol_mic(akm: Akm, version: u8) -> Option<MacAlg> {
    let r = row(akm);
    let legacy = r.cckm || matches!(r.suite_type, 1 | 2);
    match version {
        1 if legacy => Some(MacAlg::Hmac(H::Md5, 16)),
        2 if legacy => Some(MacAlg::Hmac(H::Sha1, 16)),
        3 if matches!(r.suite_type, 3..=6) && !r.cckm => Some(MacAlg::Cmac),
        0 if !legacy && !matches!(r.suite_type, 3..=6) => Some(match r.suite_type {
            8 | 9 => MacAlg::Cmac,
            11 | 18 | 24 | 25 => MacAlg::Hmac(H::Sha256, 16),
            _ => MacAlg::Hmac(H::Sha384, 24),
        }),
        _ => None,
    }
}

/// Whether Key Data of this version is RC4-encrypted (else AES Key Wrap); `None` as above.
pub fn key_data_rc4(akm: Akm, version: u8) -> Option<bool> {
    eapol_mic(akm, version).map(|alg| alg == MacAlg::Hmac(H::Md5, 16))
}

/// TK length (IEEE 802.11-2020 Table 12-7, Cipher suite key lengths).
pub fn tk_len(cipher: Cipher) -> usize {
    match cipher.selector()[3] {
        4 | 8 => 16,
        _ => 32,
    }
}

/// Whether the AKM and pairwise cipher combine: TKIP only with AKMs 1 to 4 and CCKM; CCKM only
/// with TKIP and CCMP-128.
pub fn combines(akm: Akm, cipher: Cipher) -> bool {
    let r = row(akm);
    let t = cipher.selector()[3];
    if r.cckm {
        return matches!(t, 2 | 4);
    }
    t != 2 || matches!(r.suite_type, 1..=4)
}

/// The PMKID's hash and whether it is keyed with the KCK (IEEE 802.11-2020 12.7.1.3); `None` for
/// SAE.
pub fn pmkid(akm: Akm) -> Option<(H, bool)> {
    let r = row(akm);
    match r.suite_type {
        8 | 9 | 18 | 24 | 25 if !r.cckm => None,
        11 => Some((H::Sha256, true)),
        12 => Some((H::Sha384, true)),
        // hostapd's wpa_key_mgmt_sha256 set leaves FT-802.1X (3) and FT-PSK (4) on SHA-1.
        3 | 4 => Some((H::Sha1, false)),
        _ => Some((r.hash, false)),
    }
}

/// OWE (18), SAE-EXT-KEY (24) and FT-SAE-EXT-KEY (25) with a PMK of `pmk_len` octets, as
/// hostap's `wpa_kck_len`, `wpa_kek_len`, `wpa_mic_len` (`rsn_mic_len_hash`) and the PRF of
/// `wpa_pmk_to_ptk` (src/common/wpa_common.c): `(hash, KCK, KEK, MIC)`, `None` for another
/// AKM or a PMK length hostap refuses.
pub fn by_pmk_len(akm: Akm, pmk_len: usize) -> Option<(H, usize, usize, usize)> {
    if akm.selector()[..3] != [0x00, 0x0f, 0xac] || !matches!(akm.selector()[3], 18 | 24 | 25) {
        return None;
    }
    let (hash, mic) = match pmk_len {
        32 => (H::Sha256, 16),
        48 => (H::Sha384, 24),
        64 => (H::Sha512, 32),
        _ => return None,
    };
    Some((hash, pmk_len / 2, if pmk_len <= 32 { 16 } else { 32 }, mic))
}

/// [`row`] for a PMK (for FT, an XXKey) of `pmk_len` octets: the rows of AKMs 18, 24 and 25
/// take their hash and lengths from [`by_pmk_len`]; the others do not depend on it.
pub fn row_for(akm: Akm, pmk_len: usize) -> Row {
    let mut row = row(akm);
    if let Some((hash, kck, kek, mic_len)) = by_pmk_len(akm, pmk_len) {
        (row.hash, row.kck, row.kek, row.mic_len) = (hash, kck, kek, mic_len);
    }
    row
}

/// Output length of a hash in octets.
pub fn hash_len(h: H) -> usize {
    match h {
        H::Md5 => 16,
        H::Sha1 => 20,
        H::Sha256 => 32,
        H::Sha384 => 48,
        H::Sha512 => 64,
    }
}

/// OWE (RFC 8110 section 4.4) from z: `PMK = HKDF-Expand(HKDF-Extract(C | A | LE16(group), z),
/// "OWE Key Generation", n)` with the `hkdf` crate, and `PMKID = Truncate-128(Hash(C | A))`;
/// SHA-256/384/512 for groups 19/20/21, `None` for any other group.
pub fn owe(group: u16, c: &[u8], a: &[u8], z: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    fn run<D: hkdf::hmac::EagerHash>(salt: &[u8], z: &[u8], n: usize) -> Vec<u8> {
        let mut pmk = vec![0u8; n];
        hkdf::Hkdf::<D>::new(Some(salt), z)
            .expand(b"OWE Key Generation", &mut pmk)
            .expect("one block");
        pmk
    }
    let salt = cat(&[c, a, &group.to_le_bytes()]);
    let (pmk, h) = match group {
        19 => (run::<sha2::Sha256>(&salt, z, 32), H::Sha256),
        20 => (run::<sha2::Sha384>(&salt, z, 48), H::Sha384),
        21 => (run::<sha2::Sha512>(&salt, z, 64), H::Sha512),
        _ => return None,
    };
    Some((pmk, hash(h, &cat(&[c, a]))[..16].to_vec()))
}

/// The naive enum of a library hash (the one mapping between the two).
pub fn of_hash(h: HashAlg) -> H {
    match h {
        HashAlg::Sha1 => H::Sha1,
        HashAlg::Sha256 => H::Sha256,
        HashAlg::Sha384 => H::Sha384,
        HashAlg::Sha512 => H::Sha512,
        _ => unreachable!("a variant this check does not know yet"),
    }
}

/// The pairwise key expansion (IEEE 802.11-2020 12.7.1.3): `Min(AA,SPA) || Max(AA,SPA) ||
/// Min(ANonce,SNonce) || Max(ANonce,SNonce)` under the SHA-1 PRF or KDF-Hash of the row, for
/// KCK + KEK + TK + `kdk_len` octets. `None` for the FT and CCKM AKMs, a cipher the AKM does
/// not take and a KDK length outside 16 to 64 (0: none).
pub fn ptk(
    pmk: &[u8],
    akm: Akm,
    cipher: Cipher,
    (aa, spa): ([u8; 6], [u8; 6]),
    (an, sn): ([u8; 32], [u8; 32]),
    kdk_len: usize,
) -> Option<Vec<u8>> {
    let r = row_for(akm, pmk.len());
    let kdk_ok = kdk_len == 0 || (16..=64).contains(&kdk_len);
    if r.ft || r.cckm || !combines(akm, cipher) || !kdk_ok {
        return None;
    }
    let b = cat(&[&aa.min(spa), &aa.max(spa), &an.min(sn), &an.max(sn)]);
    let len = r.kck + r.kek + tk_len(cipher) + kdk_len;
    let label = b"Pairwise key expansion";
    Some(match r.hash {
        H::Sha1 => prf(pmk, label, &b, len),
        h => kdf(h, pmk, label, &b, (len * 8) as u16),
    })
}

/// Concatenation of pieces.
pub fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// Lower-case hex, for checking that no Debug or Display output carries key bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Asserts that `text` shows neither the key's hex (either case) nor its octets as a decimal or
/// hex list, for keys of at least 4 octets (shorter ones can occur by chance).
pub fn assert_no_key(text: &str, key: &[u8], what: &str) {
    if key.len() < 4 {
        return;
    }
    let h = hex(key);
    let lower = text.to_lowercase();
    assert!(!lower.contains(&h), "{what}: key bytes in {text:?}");
    let w = &key[..4];
    for list in [format!("{w:?}"), format!("{w:02x?}")] {
        assert!(!lower.contains(&list[1..list.len() - 1]), "{what}: key bytes in {text:?}");
    }
}
