//! One criterion group per derivation, each next to its floor: the bare compression function of
//! its hash (RustCrypto `block_api`), or the AES-128 key schedule and block operations (`aes`),
//! run the derivation's minimal number of times, each part as many streams as the derivation
//! has independent chains there, and priced on the cheapest way this CPU has to run that many
//! streams ([`time_part`]). `python3 benches/table.py` turns the results into the README's
//! table.
//!
//! The minimal count of every derivation is written next to it, with its reasoning. Notation:
//! "2 (pads)" is the ipad and opad blocks of an HMAC key; an HMAC over `m` octets then costs
//! `ceil((m + 9) / 64)` inner compressions (`+ 17` and `/ 128` for SHA-384) and one outer.

use std::hint::black_box;
use std::time::{Duration, Instant};

use aes::cipher::consts::U16;
use aes::cipher::{
    BlockCipherDecBackend, BlockCipherDecClosure, BlockCipherDecrypt, BlockCipherEncBackend,
    BlockCipherEncClosure, BlockCipherEncrypt, BlockSizeUser, KeyInit,
};
use criterion::{criterion_group, criterion_main, Criterion};
use ieee80211_keys::__bench::Path;
use ieee80211_keys::cckm::{BaseKeys, Protocol, ReassocRequest, RekeyNumber};
use ieee80211_keys::eapol;
use ieee80211_keys::ft::{self, FteMicInput, PmkR0, XxKey};
use ieee80211_keys::owe::{Group, OweKeyPair, OweKeys, OwePublicKey, OwePublicValues, OweZ};
use ieee80211_keys::{
    prf, Akm, Cipher, Gmk, Gtk, Kck, MacAddr, MobilityDomainId, Nonce, Pmk, Psk, Ptk, R0khId, Ssid,
};
use ieee80211_keys::{Pairwise, Suite};

#[path = "../tests/common/suites.rs"]
#[allow(dead_code)]
mod suites;
use suites::suite_of;

/// The unit a floor counts.
#[derive(Clone, Copy)]
enum Unit {
    /// A SHA-1 compression on one of the crate's multi-buffer bodies with this many lanes in
    /// use (the PBKDF2 chains of `ieee80211_keys::__bench::pbkdf2_lanes`): the per-core limit
    /// of a batch on that body.
    Sha1Lanes(Path, usize),
    Sha1,
    Sha256,
    Sha512,
    Md5,
    /// An AES-128 block encryption.
    Aes128,
    /// An AES-128 block decryption.
    Aes128Dec,
    /// An AES-128 key schedule for encryption (`Aes128Enc::new`; wiped on drop, as the crate's
    /// ciphers are). Every AES derivation keys a fresh cipher with a fresh KCK or KEK.
    Aes128Key,
    /// An AES-128 key schedule for decryption (`Aes128Dec::new`: the encryption schedule, then
    /// its inverse for the decryption rounds).
    Aes128DecKey,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::Sha1Lanes(Path::Avx512, _) => "SHA-1 (AVX-512 lanes)",
            Unit::Sha1Lanes(Path::ShaNi, _) => "SHA-1 (SHA-NI streams)",
            Unit::Sha1Lanes(..) => "SHA-1 (portable lanes)",
            Unit::Sha1 => "SHA-1",
            Unit::Sha256 => "SHA-256",
            Unit::Sha512 => "SHA-512",
            Unit::Md5 => "MD5",
            Unit::Aes128 => "AES-128 blocks",
            Unit::Aes128Dec => "AES-128 block decryptions",
            Unit::Aes128Key => "AES-128 key schedule",
            Unit::Aes128DecKey => "AES-128 decryption key schedule",
        }
    }
}

/// `n` dependent AES-128 block encryptions or decryptions in one pass of the `aes` crate's
/// backend (a call per block would set the backend up each time, which costs more than the
/// block).
struct AesChain(usize);

impl BlockSizeUser for AesChain {
    type BlockSize = U16;
}

impl BlockCipherDecClosure for AesChain {
    fn call<B: BlockCipherDecBackend<BlockSize = U16>>(self, backend: &B) {
        let mut block = aes::Block::default();
        for _ in 0..self.0 {
            backend.decrypt_block(black_box(&mut block).into());
        }
        black_box(block);
    }
}

impl BlockCipherEncClosure for AesChain {
    fn call<B: BlockCipherEncBackend<BlockSize = U16>>(self, backend: &B) {
        let mut block = aes::Block::default();
        for _ in 0..self.0 {
            backend.encrypt_block(black_box(&mut block).into());
        }
        black_box(block);
    }
}

/// Runs `n` units as `k` independent streams, each unit depending on the one before it in its
/// stream (as in a derivation with `k` independent chains): the streams take turns, so the CPU
/// can overlap them as it overlaps a derivation's chains.
fn run(unit: Unit, n: usize, k: usize, aes: &aes::Aes128) {
    let block64 = [[0x5au8; 64]];
    let block128 = [[0x5au8; 128]];
    let k = k.clamp(1, 4);
    macro_rules! streams {
        ($iv:expr, $compress:expr, $block:expr) => {{
            let mut st = [$iv; 4];
            for _ in 0..n / k {
                for s in &mut st[..k] {
                    $compress(s, black_box($block));
                }
            }
            for s in &mut st[..n % k] {
                $compress(s, black_box($block));
            }
            black_box(st);
        }};
    }
    match unit {
        Unit::Sha1Lanes(path, lanes) => {
            let steps = (n / (2 * lanes)) as u32;
            black_box(ieee80211_keys::__bench::pbkdf2_lanes(path, lanes, steps));
        }
        Unit::Sha1 => streams!(
            [0x67452301u32, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0],
            sha1::block_api::compress,
            &block64
        ),
        // Two SHA-256 streams: the SHA-NI pair where the CPU has it, cheaper per compression
        // than two calls of the crate (the `SHA-1 streams` group times both).
        Unit::Sha256 if k == 2 => {
            let mut st = [[0u32; 8]; 2];
            let [s0, s1] = &mut st;
            for _ in 0..n / 2 {
                ieee80211_keys::__bench::sha256_pair(s0, black_box(&block64[0]), s1, &block64[0]);
            }
            if n % 2 == 1 {
                sha2::block_api::compress256(s0, black_box(&block64));
            }
            black_box(st);
        }
        Unit::Sha256 => streams!([0u32; 8], sha2::block_api::compress256, &block64),
        Unit::Sha512 => streams!([0u64; 8], sha2::block_api::compress512, &block128),
        Unit::Md5 => streams!(
            [0x67452301u32, 0xefcdab89, 0x98badcfe, 0x10325476],
            md5::block_api::compress,
            &block64
        ),
        Unit::Aes128 => aes.encrypt_with_backend(AesChain(n)),
        Unit::Aes128Dec => aes.decrypt_with_backend(AesChain(n)),
        Unit::Aes128Key => {
            for _ in 0..n {
                black_box(aes::Aes128Enc::new(black_box(&[7u8; 16]).into()));
            }
        }
        Unit::Aes128DecKey => {
            for _ in 0..n {
                black_box(aes::Aes128Dec::new(black_box(&[7u8; 16]).into()));
            }
        }
    }
}

/// A derivation's group with a floor of one chain: [`bench_streams`] with every unit in one
/// stream.
fn bench(c: &mut Criterion, name: &str, units: &[(Unit, usize)], f: impl FnMut()) {
    let units: Vec<(Unit, usize, usize)> = units.iter().map(|&(u, n)| (u, n, 1)).collect();
    bench_streams(c, name, &units, f);
}

/// A derivation's group: the derivation, and its floor: `(unit, n, k)` is `n` units run as `k`
/// independent streams (the derivation's independent chains: the ipad and opad blocks of a
/// key, the output blocks of a PRF or KDF after their shared prefix, PBKDF2's output blocks).
fn bench_streams(
    c: &mut Criterion,
    name: &str,
    units: &[(Unit, usize, usize)],
    mut f: impl FnMut(),
) {
    let aes = aes::Aes128::new(&[7u8; 16].into());
    let total: usize = units.iter().map(|u| u.1).sum();
    let part = |&(u, n, k): &(Unit, usize, usize)| match k {
        1 => format!("{n} {}", u.name()),
        _ => format!("{n} {} in {k} streams", u.name()),
    };
    let what = match units {
        [(Unit::Sha1Lanes(Path::ShaNi, lanes), n, _)] => {
            format!("{n} SHA-1 compressions in {lanes} SHA-NI streams")
        }
        [(Unit::Sha1Lanes(Path::Avx512, lanes), n, _)] => {
            format!("{n} SHA-1 compressions on {lanes} AVX-512 lanes")
        }
        [(Unit::Sha1Lanes(_, lanes), n, _)] => {
            format!("{n} SHA-1 compressions on {lanes} portable lanes")
        }
        [(u @ (Unit::Sha1 | Unit::Sha256 | Unit::Sha512 | Unit::Md5), n, 1)] => {
            format!("{n} {} compressions", u.name())
        }
        [(u, n, _)] if u.name().starts_with("AES") => format!("{n} {}", u.name()),
        [(u, n, k)] => format!("{n} {} compressions in {k} streams", u.name()),
        _ => {
            let parts: Vec<String> = units.iter().map(part).collect();
            if units.iter().any(|(u, ..)| u.name().starts_with("AES")) {
                parts.join(" + ")
            } else {
                format!("{total} compressions: {}", parts.join(" + "))
            }
        }
    };
    let mut g = c.benchmark_group(name);
    g.bench_function("derivation", |b| b.iter(&mut f));
    g.bench_function(format!("floor ({what})"), |b| {
        b.iter_custom(|iters| units.iter().map(|part| time_part(part, iters, &aes)).sum())
    });
    g.finish();
}

/// The time of `iters` runs of one part of a floor, `n` units as `k` streams: `iters * n` units
/// as one run of `k` streams ([`run`]), each unit depending on the one before it in its stream
/// across the iterations too, so that every part costs what `k` streams cost (the iterations of
/// a loop of short runs would overlap one another as if there were more streams).
///
/// Two to four SHA-1 streams are priced on whichever is cheaper: the `sha1` crate's
/// compressions in turn, or the crate's own SHA-NI stream body with its chains in registers
/// (the PBKDF2 of `__bench::pbkdf2_lanes`), as two SHA-256 streams are priced on the pair. A
/// floor never gets easier because the crate got faster.
fn time_part(&(u, n, k): &(Unit, usize, usize), iters: u64, aes: &aes::Aes128) -> Duration {
    let units = n * iters as usize;
    let start = Instant::now();
    run(u, units, k, aes);
    let in_turn = start.elapsed();
    if !matches!(u, Unit::Sha1) || !(2..=4).contains(&k) {
        return in_turn;
    }
    let steps = units.div_ceil(2 * k);
    let start = Instant::now();
    let Some(word) = ieee80211_keys::__bench::pbkdf2_lanes(Path::ShaNi, k, steps as u32) else {
        return in_turn;
    };
    black_box(word);
    let streams = start.elapsed().mul_f64(units as f64 / (steps * 2 * k) as f64);
    in_turn.min(streams)
}

fn hex<const N: usize>(s: &str) -> [u8; N] {
    core::array::from_fn(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
}

fn hexv(s: &str) -> Vec<u8> {
    (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
}

fn inputs() -> (Pmk, MacAddr, MacAddr, Nonce, Nonce) {
    (
        Pmk::from_bytes(&[0x42; 48]).unwrap(),
        MacAddr::new([0x02, 0, 0, 0, 0, 1]),
        MacAddr::new([0x02, 0, 0, 0, 0, 2]),
        Nonce::new([0x11; 32]),
        Nonce::new([0x22; 32]),
    )
}

/// The floor of a SHA-1 PRF of three output blocks (PRF-384): the ipad and opad blocks (two
/// streams), the shared first block, then three independent chains of one inner and one outer
/// compression.
fn prf3(u: Unit) -> [(Unit, usize, usize); 3] {
    [(u, 2, 2), (u, 1, 1), (u, 6, 3)]
}

/// The floor of a KDF of two output blocks of `inner` inner compressions each: the pads (two
/// streams), then two independent chains of `inner + 1` compressions.
fn kdf2(u: Unit, inner: usize) -> [(Unit, usize, usize); 2] {
    [(u, 2, 2), (u, 2 * (inner + 1), 2)]
}

/// The floor of one HMAC of `inner` inner compressions: the pads (two streams), then one chain.
fn hmac1(u: Unit, inner: usize) -> [(Unit, usize, usize); 2] {
    [(u, 2, 2), (u, inner + 1, 1)]
}

fn core(c: &mut Criterion) {
    let key = [0x42u8; 32];
    let data = [0x33u8; 76];
    // PRF-384: 2 (pads) + 1 (the first block of label|0x00|data, 99 octets, shared by the three
    // counters) + 3 x (1 inner: the other 35 octets, the counter, padding + 1 outer) = 9.
    bench_streams(c, "SHA-1 PRF-384", &prf3(Unit::Sha1), || {
        let mut out = [0u8; 48];
        prf::prf_sha1(black_box(&key), b"Pairwise key expansion", &[&data], &mut out).unwrap();
        black_box(out);
    });
    // KDF-SHA-256-384: 2 (pads) + 2 blocks x (2 inner: 2 + 22 + 76 + 2 = 102 octets + 9 of
    // padding > 64 + 1 outer) = 8. The counter comes first, so nothing is shared.
    bench_streams(c, "KDF-SHA-256-384", &kdf2(Unit::Sha256, 2), || {
        let mut out = [0u8; 48];
        prf::kdf_sha256(black_box(&key), b"Pairwise key expansion", &[&data], &mut out).unwrap();
        black_box(out);
    });
    // KDF-SHA-384-704: 2 (pads) + 2 blocks x (1 inner: 102 + 17 <= 128 + 1 outer) = 6.
    bench_streams(c, "KDF-SHA-384-704", &kdf2(Unit::Sha512, 1), || {
        let mut out = [0u8; 88];
        prf::kdf_sha384(black_box(&key), b"Pairwise key expansion", &[&data], &mut out).unwrap();
        black_box(out);
    });
    let ssid = Ssid::new(b"IEEE").unwrap();
    // PBKDF2-HMAC-SHA1, 256 bits: 2 (pads) + 2 output blocks x 4096 iterations x (1 inner +
    // 1 outer) = 16,386. (U1 is one of the 4096: SSID || INT(i) fits one inner block.) The two
    // output blocks are independent chains: two streams.
    bench_streams(c, "PSK from passphrase", &[(Unit::Sha1, 16386, 2)], || {
        black_box(Psk::from_passphrase(black_box("password"), &ssid).unwrap());
    });
    let (pmk, aa, spa, an, sn) = inputs();
    let pmk32 = Pmk::from_bytes(&[0x42; 32]).unwrap();
    // PMKID: 2 (pads) + 1 inner ("PMK Name" || AA || SPA = 20 octets) + 1 outer = 4.
    for (name, akm, unit, p) in [
        ("PMKID SHA-1", Akm::Psk, Unit::Sha1, &pmk32),
        ("PMKID SHA-256", Akm::PskSha256, Unit::Sha256, &pmk32),
        ("PMKID SHA-384", Akm::Ieee8021xSha384, Unit::Sha512, &pmk),
    ] {
        bench_streams(c, name, &hmac1(unit, 1), || {
            black_box(p.pmkid(akm, black_box(&aa), &spa).unwrap());
        });
    }
    // PTKs: the PRF/KDF counts above for 48, 48 and 88 octets (9, 8, 6).
    let (sha1, sha256, sha512) =
        (prf3(Unit::Sha1).to_vec(), kdf2(Unit::Sha256, 2).to_vec(), kdf2(Unit::Sha512, 1).to_vec());
    for (name, akm, cipher, floor, p) in [
        ("PTK PSK/CCMP-128", Akm::Psk, Cipher::Ccmp128, &sha1, &pmk32),
        ("PTK PSK-SHA256/CCMP-128", Akm::PskSha256, Cipher::Ccmp128, &sha256, &pmk32),
        ("PTK SuiteB-192/GCMP-256", Akm::SuiteB192, Cipher::Gcmp256, &sha512, &pmk),
    ] {
        let suite = Suite::new(akm, cipher, p.len()).unwrap();
        bench_streams(c, name, floor, || {
            let pairwise = Pairwise { aa: *black_box(&aa), spa, anonce: an, snonce: sn };
            black_box(Ptk::derive(p, &suite, &pairwise).unwrap());
        });
    }
    // SAE-EXT-KEY (AKM 24) PTKs with GCMP-256, hash and lengths by PMK length. PMK 32:
    // KDF-SHA-256 of 16 + 16 + 32 = 64 octets, 2 blocks x (2 inner: 102 + 9 > 64, 1 outer) + 2
    // (pads) = 8. PMK 48: KDF-SHA-384 of 24 + 32 + 32 = 88 octets, 2 blocks x (1 inner: 102 + 17
    // <= 128, 1 outer) + 2 = 6. PMK 64: KDF-SHA-512 of 32 + 32 + 32 = 96 octets, 2 blocks, 6.
    for (len, unit, count) in [(32, Unit::Sha256, 8), (48, Unit::Sha512, 6), (64, Unit::Sha512, 6)]
    {
        let p = Pmk::from_bytes(&[0x42; 64][..len]).unwrap();
        let suite = Suite::new(Akm::SaeExtKey, Cipher::Gcmp256, len).unwrap();
        let floor = kdf2(unit, if matches!(unit, Unit::Sha256) { 2 } else { 1 });
        assert_eq!(floor.iter().map(|u| u.1).sum::<usize>(), count);
        bench_streams(c, &format!("PTK SAE-EXT-KEY PMK {len}/GCMP-256"), &floor, || {
            let pairwise = Pairwise { aa: *black_box(&aa), spa, anonce: an, snonce: sn };
            black_box(Ptk::derive(&p, &suite, &pairwise).unwrap());
        });
    }
    // GTK (CCMP, 16 octets): 2 (pads) + 2 inner ("Group key expansion" || 0 || AA || GNonce ||
    // counter = 59 octets + 9 of padding > 64) + 1 outer = 5.
    let gmk = Gmk::from_bytes(&[7; 32]).unwrap();
    bench_streams(c, "GTK CCMP-128", &hmac1(Unit::Sha1, 2), || {
        black_box(Gtk::derive(&gmk, Cipher::Ccmp128, black_box(&aa), &an).unwrap());
    });
}

/// Message 2/4 of iwd's WPA2-PSK handshake (iwd unit/test-eapol.c eapol_4way_test,
/// eapol_key_data_4): 121 octets.
const MSG2: &str = concat!(
    "0103007502010a000000000000000000003289e91565094f329a9cd54a4a090d2cf4344683bf50efee3608b6",
    "4856800e84000000000000000000000000000000000000000000000000000000000000000001c31b82ff62a3",
    "79b08dd1fc82c2f768001630140100000fac040100000fac040100000fac020000",
);
/// The Key Data of message 3/4 of the same handshake: 56 octets, AES-wrapped with the KEK.
const MSG3_KEY_DATA: &str = concat!(
    "1918df1ef0e7696652e257938034e17038b98b4c45a923b7b6fa8c33e37bdcd47feab11c226a2c5e38d5ad79",
    "9405d610a69551d60be60a5b",
);

fn iwd_ptk() -> Ptk {
    let psk =
        Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9").unwrap();
    let aa: MacAddr = "24:a2:e1:ec:17:04".parse().unwrap();
    let spa: MacAddr = "a0:a8:cd:1c:7e:c9".parse().unwrap();
    let an = Nonce::new(hex("c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50"));
    let sn = Nonce::new(hex("3289e91565094f329a9cd54a4a090d2cf4344683bf50efee3608b64856800e84"));
    let pmk = Pmk::from_psk(&psk);
    Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())
        .and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: an, snonce: sn }))
        .unwrap()
}

fn eapol(c: &mut Criterion) {
    let msg2 = hexv(MSG2);
    assert_eq!(msg2.len(), 121);
    let kck = Kck::from_bytes(&[0x5c; 16]).unwrap();
    // The same frame with the MIC written for descriptor versions 1, 2 and 3 (key information
    // octet 6), and, for an AKM-defined 24-octet MIC, with the MIC field widened (129 octets).
    let frame = |version: u8, akm: Akm, key: &Kck| {
        let mut f = msg2.clone();
        f[6] = (f[6] & !7) | version;
        if akm.mic_len() == 24 {
            f.splice(97..97, [0u8; 8]);
            f[3] += 8;
        }
        eapol::write_mic(&suite_of(akm), key, &mut f).unwrap();
        f
    };
    let kck24 = Kck::from_bytes(&[0x5c; 24]).unwrap();
    // HMAC over 121 octets: 2 (pads) + 3 inner (121 + 9 > 128) + 1 outer = 6.
    let units: [&[(Unit, usize, usize)]; 4] = [
        &hmac1(Unit::Md5, 3),
        &hmac1(Unit::Sha1, 3),
        // AES-CMAC over 121 octets: the key schedule, then 1 block (the subkey, E(K, 0)) + 8
        // blocks (ceil(121 / 16)) = 9.
        &[(Unit::Aes128Key, 1, 1), (Unit::Aes128, 9, 1)],
        // HMAC-SHA-384 over 129 octets: 2 (pads) + 2 inner (129 + 17 <= 256) + 1 outer = 5.
        &hmac1(Unit::Sha512, 2),
    ];
    for ((name, version, akm, key), units) in [
        ("EAPOL MIC verify v1 HMAC-MD5", 1, Akm::Psk, &kck),
        ("EAPOL MIC verify v2 HMAC-SHA1", 2, Akm::Psk, &kck),
        ("EAPOL MIC verify v3 AES-CMAC", 3, Akm::PskSha256, &kck),
        ("EAPOL MIC verify AKM-defined HMAC-SHA-384", 0, Akm::PskSha384, &kck24),
    ]
    .into_iter()
    .zip(units)
    {
        let f = frame(version, akm, key);
        let suite = suite_of(akm);
        bench_streams(c, name, units, || {
            eapol::verify_mic(&suite, key, black_box(&f)).unwrap();
        });
    }
    // AES key unwrap (RFC 3394) of 56 octets: the decryption key schedule, then n = 6 blocks of
    // 64 bits, 6n = 36 AES block decryptions.
    let ptk = iwd_ptk();
    let key_data = hexv(MSG3_KEY_DATA);
    let units = [(Unit::Aes128DecKey, 1), (Unit::Aes128Dec, 36)];
    let suite = suite_of(Akm::Psk);
    bench(c, "Key Data unwrap AES-KW 56 octets", &units, || {
        let mut out = [0u8; 48];
        let iv = [0u8; 16];
        let n = eapol::unwrap_key_data(&suite, 2, &iv, ptk.kek(), black_box(&key_data), &mut out)
            .unwrap()
            .len();
        black_box((out, n));
    });
}

fn fte_input<'a>(
    sta: &'a MacAddr,
    bssid: &'a MacAddr,
    rsne: &'a [u8],
    mde: &'a [u8],
    fte: &'a [u8],
) -> FteMicInput<'a> {
    FteMicInput {
        sta_addr: sta,
        bssid,
        transaction_seq: ft::TRANSACTION_SEQ_REASSOC_REQUEST,
        rsne,
        mde,
        fte,
        ric: None,
        rsnxe: None,
    }
}

fn fast_transition(c: &mut Criterion) {
    let (_, _, sta, an, sn) = inputs();
    let bssid = MacAddr::new([0x02, 0, 0, 0, 0, 3]);
    let ssid = Ssid::new(b"ieee80211-keys").unwrap();
    let mdid = MobilityDomainId::new([0x34, 0x12]);
    let r0kh = R0khId::new(b"r0kh.example.net").unwrap();
    let r1kh = MacAddr::new([0x02, 0, 0, 0, 0, 4]);
    for (akm, psk, unit, tag) in [
        (Akm::FtPsk, Psk::from_bytes(&[9; 32]).unwrap(), Unit::Sha256, "SHA-256"),
        (Akm::FtPskSha384, Psk::from_bytes(&[9; 48]).unwrap(), Unit::Sha512, "SHA-384"),
    ] {
        let xx = XxKey::from_psk(akm, &psk).unwrap();
        // PMK-R0: KDF of Q + 128 bits (384 for SHA-256, 512 for SHA-384, two blocks either
        // way) over 2 + "FT-R0" + 1 + 14 + 2 + 1 + 16 + 6 + 2 = 49 octets (one inner block):
        // 2 (pads) + 2 x (1 + 1) = 6, and PMKR0Name = Hash("FT-R0N" || salt): 1. Total 7.
        // The KDF's two blocks are independent chains; the name hash is a third.
        let r0 = [(unit, 2, 2), (unit, 4, 2), (unit, 1, 1)];
        bench_streams(c, &format!("FT PMK-R0 {tag}"), &r0, || {
            black_box(PmkR0::derive(akm, &xx, black_box(&ssid), mdid, &r0kh, &sta).unwrap());
        });
        let r0 = PmkR0::derive(akm, &xx, &ssid, mdid, &r0kh, &sta).unwrap();
        // PMK-R1: one KDF block over 2 + "FT-R1" + 6 + 6 + 2 = 21 octets: 2 + 1 + 1 = 4, and
        // PMKR1Name = Hash("FT-R1N" || PMKR0Name || R1KH-ID || S1KH-ID) (34 octets): 1. Total 5.
        bench_streams(c, &format!("FT PMK-R1 {tag}"), &[(unit, 2, 2), (unit, 3, 1)], || {
            black_box(r0.derive_r1(black_box(&r1kh), &sta).unwrap());
        });
        let r1 = r0.derive_r1(&r1kh, &sta).unwrap();
        // FT PTK (CCMP-128: 48 octets with SHA-256, 72 with SHA-384's 24-octet KCK; two KDF
        // blocks either way) over 2 + "FT-PTK" + 76 + 2 = 86 octets: 2 inner blocks with
        // SHA-256 (86 + 9 > 64), 1 with SHA-384. Then PTKName = SHA-256(PMKR1Name || "FT-PTKN"
        // || SNonce || ANonce || BSSID || STA-ADDR), 99 octets: 2 SHA-256 compressions.
        let units: &[(Unit, usize, usize)] = match unit {
            Unit::Sha256 => &[(Unit::Sha256, 2, 2), (Unit::Sha256, 2 * 3, 2), (Unit::Sha256, 2, 1)],
            _ => &[(Unit::Sha512, 2, 2), (Unit::Sha512, 2 * 2, 2), (Unit::Sha256, 2, 1)],
        };
        bench_streams(c, &format!("FT PTK {tag}/CCMP-128"), units, || {
            black_box(
                r1.derive_ptk(
                    Cipher::Ccmp128,
                    &Pairwise { aa: bssid, spa: sta, anonce: an, snonce: *black_box(&sn) },
                )
                .unwrap(),
            );
        });
        // FTE MIC over STA || AP || 5 || RSNE (40) || MDE (5) || FTE (106, or 114 with a
        // 24-octet MIC) = 163 or 171 octets. AES-CMAC: the key schedule, then 1 (subkey) + 11
        // blocks = 12.
        // HMAC-SHA-384: 2 (pads) + 2 inner (171 + 17 <= 256) + 1 outer = 5.
        let ptk = r1
            .derive_ptk(Cipher::Ccmp128, &Pairwise { aa: bssid, spa: sta, anonce: an, snonce: sn })
            .unwrap();
        let mic_len = akm.fte_mic_algorithm().unwrap().mic_len();
        let mut rsne = vec![48, 38, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f];
        rsne.extend_from_slice(&[0xac, akm.selector()[3], 0, 0, 1, 0]);
        rsne.extend_from_slice(r1.name().as_bytes());
        let mde = [54, 3, 0x34, 0x12, 1];
        let mut fte = vec![55, 0, 0, 3];
        fte.extend(std::iter::repeat_n(0, mic_len));
        fte.extend_from_slice(an.as_bytes());
        fte.extend_from_slice(sn.as_bytes());
        fte.extend_from_slice(&[1, 6]);
        fte.extend_from_slice(r1kh.as_bytes());
        fte.extend_from_slice(&[3, 16]);
        fte.extend_from_slice(r0kh.as_bytes());
        fte[1] = (fte.len() - 2) as u8;
        let mic = {
            let input = fte_input(&sta, &bssid, &rsne, &mde, &fte);
            ft::fte_mic(&suite_of(akm), ptk.kck(), &input).unwrap()
        };
        ft::write_fte_mic(&suite_of(akm), &mut fte, &mic).unwrap();
        let input = fte_input(&sta, &bssid, &rsne, &mde, &fte);
        let units: &[(Unit, usize, usize)] = match unit {
            Unit::Sha256 => &[(Unit::Aes128Key, 1, 1), (Unit::Aes128, 12, 1)],
            _ => &hmac1(Unit::Sha512, 2),
        };
        let suite = suite_of(akm);
        bench_streams(c, &format!("FTE MIC verify {tag}"), units, || {
            ft::verify_fte_mic(&suite, ptk.kck(), black_box(&input)).unwrap();
        });
    }
}

fn cckm(c: &mut Criterion) {
    let (_, bssid, sta, an, sn) = inputs();
    let nsk = Pmk::from_bytes(&[0x42; 32]).unwrap();
    // Base keys: PRF-384 over "Fast-Roam Generate Base Key" || 0 || BSSID || STA || SNonce ||
    // ANonce (104 octets): 2 (pads) + 1 (shared first block) + 3 x (1 + 1) = 9.
    bench_streams(c, "CCKM base keys", &prf3(Unit::Sha1), || {
        black_box(
            BaseKeys::derive(
                &nsk,
                &Pairwise { aa: *black_box(&bssid), spa: sta, anonce: an, snonce: sn },
            )
            .unwrap(),
        );
    });
    let base =
        BaseKeys::derive(&nsk, &Pairwise { aa: bssid, spa: sta, anonce: an, snonce: sn }).unwrap();
    let new_ap = MacAddr::new([0x02, 0, 0, 0, 0, 9]);
    // Rekey PTK (CCMP-128, 48 octets): HMAC-SHA1(BTK, RN || BSSID || i), 11 octets, one inner
    // block per output: 2 (pads) + 3 x (1 + 1) = 8.
    bench_streams(c, "CCKM rekey PTK CCMP-128", &[(Unit::Sha1, 2, 2), (Unit::Sha1, 6, 3)], || {
        black_box(
            base.btk().ptk(RekeyNumber::new(2), black_box(&new_ap), Cipher::Ccmp128).unwrap(),
        );
    });
    // Reassociation request verify: HMAC over STA || BSSID || RSNE (22) || timestamp || RN
    // (46 octets): 2 (pads) + 1 inner + 1 outer = 4 (SHA-1 under RSN, MD5 under WPA).
    let rsne = [
        0x30, 0x14, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x40, 0x96,
        0x00, 0x28, 0x00,
    ];
    for (protocol, unit, tag) in
        [(Protocol::Rsn, Unit::Sha1, "RSN"), (Protocol::Wpa, Unit::Md5, "WPA")]
    {
        let rn = RekeyNumber::new(2);
        let req =
            ReassocRequest::build(protocol, base.krk(), &sta, &new_ap, &rsne, 123_456, rn).unwrap();
        bench_streams(c, &format!("CCKM request verify {tag}"), &hmac1(unit, 1), || {
            let verified = req.verify(protocol, base.krk(), black_box(&sta), &new_ap, &rsne);
            black_box(verified.unwrap().rekey_number());
        });
    }
}

/// The curve operations one side of an OWE exchange cannot avoid, on the RustCrypto curve
/// itself: a random scalar, `k * G` and its x-coordinate, the peer's point from its
/// x-coordinate (a square root), and `k * P`.
fn owe_curve_floor<C>(rng: &mut rand::rngs::StdRng, peer_x: &[u8])
where
    C: p256::elliptic_curve::CurveArithmetic,
    p256::elliptic_curve::AffinePoint<C>: p256::elliptic_curve::point::DecompressPoint<C>
        + p256::elliptic_curve::point::AffineCoordinates<
            FieldRepr = p256::elliptic_curve::FieldBytes<C>,
        >,
{
    use p256::elliptic_curve::point::{AffineCoordinates, DecompressPoint};
    use p256::elliptic_curve::{
        ecdh, AffinePoint, CurveGroup, FieldBytes, Generate, Group, NonZeroScalar, ProjectivePoint,
    };
    let k = NonZeroScalar::<C>::generate_from_rng(rng);
    let own = ProjectivePoint::<C>::mul_by_generator(k.as_ref()).to_affine();
    black_box(own.x());
    let mut x = FieldBytes::<C>::default();
    x.copy_from_slice(peer_x);
    let peer = AffinePoint::<C>::decompress(&x, 0.into()).unwrap();
    black_box(ecdh::diffie_hellman(k, peer).raw_secret_bytes());
}

/// OWE (RFC 8110): the PMK and PMKID from z, and one side's whole exchange, per group.
fn owe(c: &mut Criterion) {
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(18);
    // From z, PMK and PMKID. Group 19 (SHA-256): Extract keyed with C | A | group, 66 octets >
    // 64, so the key is hashed (2: 66 + 9 > 64), 2 (pads), 1 inner (z, 32 octets), 1 outer;
    // Expand: 2 (pads), 1 inner ("OWE Key Generation" || 0x01), 1 outer; PMKID: SHA-256 of C | A,
    // 64 octets (2). 12. Group 20 (SHA-384): the 98-octet salt fits a block, 2 + 1 + 1; Expand
    // 4; PMKID 96 + 17 <= 128 (1). 9. Group 21 (SHA-512): the 134-octet salt is hashed (2), 2 + 1
    // + 1; Expand 4; PMKID 132 + 17 > 128 (2). 12.
    for (group, unit, count) in [
        (Group::P256, Unit::Sha256, 12),
        (Group::P384, Unit::Sha512, 9),
        (Group::P521, Unit::Sha512, 12),
    ] {
        let client = OweKeyPair::generate(group, &mut rng);
        let ap = OweKeyPair::generate(group, &mut rng);
        let z = OweZ::from_bytes(&vec![0x5a; group.prime_len()]).unwrap();
        let values = OwePublicValues { client: client.public_key(), ap: ap.public_key() };
        bench(c, &format!("OWE PMK from z, group {}", group.id()), &[(unit, count)], || {
            black_box(OweKeys::derive(black_box(&z), &values).unwrap());
        });
    }
    // HKDF on the crate's HMAC engine against the `hkdf` and `sha2` crates (the reason to keep
    // our own: measured here; prf.rs tests it against RFC 5869 and the hmac crate): the group-19
    // PMK and PMKID both ways.
    {
        use sha2::Digest;
        let client = OweKeyPair::generate(Group::P256, &mut rng);
        let ap = OweKeyPair::generate(Group::P256, &mut rng);
        let z = OweZ::from_bytes(&[0x5a; 32]).unwrap();
        let values = OwePublicValues { client: client.public_key(), ap: ap.public_key() };
        let (cx, ax) = (client.public_key().as_bytes(), ap.public_key().as_bytes());
        let mut g = c.benchmark_group("OWE PMK from z, group 19, engine vs hkdf crate");
        g.bench_function("engine (OweKeys::derive)", |b| {
            b.iter(|| black_box(OweKeys::derive(black_box(&z), &values).unwrap()))
        });
        g.bench_function("hkdf + sha2 crates", |b| {
            b.iter(|| {
                let salt = [cx, ax, &19u16.to_le_bytes()].concat();
                let mut pmk = [0u8; 32];
                hkdf::Hkdf::<sha2::Sha256>::new(Some(&salt), black_box(z.as_bytes()))
                    .expand(b"OWE Key Generation", &mut pmk)
                    .unwrap();
                let pmkid = sha2::Sha256::new().chain_update(cx).chain_update(ax).finalize();
                black_box((pmk, pmkid));
            })
        });
        g.finish();
    }
    // One side's exchange (a client): a key pair from the RNG, the AP's public value checked,
    // the Diffie-Hellman, the PMK and PMKID. Floor: the same curve operations on the curve
    // crate (owe_curve_floor) and the compressions above.
    for (group, unit, count) in [
        (Group::P256, Unit::Sha256, 12),
        (Group::P384, Unit::Sha512, 9),
        (Group::P521, Unit::Sha512, 12),
    ] {
        let ap = OweKeyPair::generate(group, &mut rng);
        let a = ap.public_key().as_bytes().to_vec();
        let aes = aes::Aes128::new(&[7u8; 16].into());
        let mut g = c.benchmark_group(format!("OWE exchange, group {}", group.id()));
        g.bench_function("derivation", |b| {
            b.iter(|| {
                let pair = OweKeyPair::generate(group, &mut rng);
                let peer = OwePublicKey::from_bytes(group, black_box(&a)).unwrap();
                black_box(pair.client_keys(&peer).unwrap());
            })
        });
        g.bench_function(
            format!("floor (curve crate + {count} {} compressions)", unit.name()),
            |b| {
                b.iter(|| {
                    match group {
                        Group::P256 => owe_curve_floor::<p256::NistP256>(&mut rng, black_box(&a)),
                        Group::P384 => owe_curve_floor::<p384::NistP384>(&mut rng, black_box(&a)),
                        _ => owe_curve_floor::<p521::NistP521>(&mut rng, black_box(&a)),
                    }
                    run(unit, count, 1, &aes);
                })
            },
        );
        g.finish();
    }
}

/// Throughput groups (no floor): many PSKs at once against one after the other, and the
/// identification of a multi-PSK station among many candidates.
/// The unit of a batch on the multi-buffer path the crate takes now: SHA-1 compressions on that
/// body's lanes, as many lanes as the body runs at once (the per-core limit of a batch).
fn lanes_unit() -> Unit {
    let path = ieee80211_keys::__bench::batch_path();
    if path.starts_with("AVX-512") {
        Unit::Sha1Lanes(Path::Avx512, 16)
    } else if path.starts_with("SHA-NI") {
        Unit::Sha1Lanes(Path::ShaNi, 4)
    } else {
        Unit::Sha1
    }
}

/// Throughput groups, once per multi-buffer path this CPU has (AVX-512, then the SHA extensions
/// with AVX-512 switched off): many PSKs at once, and the identification of a multi-PSK station
/// among many candidates. Their floors are the same compressions on that path's lanes.
fn batch(c: &mut Criterion) {
    let ssid = Ssid::new(b"ieee80211-keys").unwrap();
    let words: Vec<String> = (0..64).map(|i| format!("passphrase number {i:03}")).collect();
    // Multi-PSK identification among 1,000 candidate PMKs, the right one last (iwd's message
    // 2/4): per candidate, the KCK (one SHA-1 PRF block: 2 (pads) + 2 inner (100 octets + 9 of
    // padding > 64) + 1 outer = 5) and the MIC over 121 octets (2 + 3 + 1 = 6): 11 compressions,
    // 11,000 in all, every candidate independent of the others.
    let psk =
        Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9").unwrap();
    let mut candidates: Vec<Pmk> =
        (0..999u32).map(|i| Pmk::from_bytes(&[i as u8 ^ 0x5a; 32]).unwrap()).collect();
    candidates.push(Pmk::from_psk(&psk));
    let aa: MacAddr = "24:a2:e1:ec:17:04".parse().unwrap();
    let spa: MacAddr = "a0:a8:cd:1c:7e:c9".parse().unwrap();
    let an = Nonce::new(hex("c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50"));
    let msg2 = hexv(MSG2);
    let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, 32).unwrap();
    for avx512 in [true, false] {
        ieee80211_keys::__bench::allow_avx512(avx512);
        let path = ieee80211_keys::__bench::batch_path();
        if !avx512 && path.starts_with("AVX-512") {
            continue;
        }
        // 64 x 16,386 compressions (the PSK row's count), all 128 chains independent.
        bench_streams(
            c,
            &format!("PSK batch of 64, {path}"),
            &[(lanes_unit(), 64 * 16386, 1)],
            || {
                Psk::from_passphrases(&ssid, black_box(&words), |i, psk| {
                    black_box((i, psk.unwrap()));
                })
            },
        );
        let name = format!("Identify PMK among 1000 (AKM 2), {path}");
        bench_streams(c, &name, &[(lanes_unit(), 11_000, 1)], || {
            let found = eapol::identify_pmk(&suite, &aa, &spa, &an, &msg2, &candidates);
            assert_eq!(black_box(found), Ok(Some(999)));
        });
    }
    ieee80211_keys::__bench::allow_avx512(true);
    // One after the other: each passphrase's two chains side by side, no more.
    bench_streams(c, "PSK batch of 64, one at a time", &[(Unit::Sha1, 64 * 16386, 2)], || {
        for w in black_box(&words) {
            black_box(Psk::from_passphrase(w, &ssid).unwrap());
        }
    });
}

/// The cost of one SHA-1 compression when `k` independent streams are interleaved: the unit
/// that prices a derivation's independent chains. Each bench runs 2,400 compressions: the
/// `sha1` crate's compression function (the SHA extensions on x86-64 CPUs that have them) on
/// `k` states in turn, and the crate's multi-buffer bodies running PBKDF2 chains. The same for
/// SHA-256: the `sha2` crate on one and two states in turn; and the crate's SHA-NI pairs. A
/// floor's SHA-256 streams are priced on the pair, SHA-1's on the crate in turn: in this loop
/// each is the cheaper of the two.
fn streams(c: &mut Criterion) {
    use ieee80211_keys::__bench::{pbkdf2_lanes, Path};
    const TOTAL: usize = 2400;
    let mut g = c.benchmark_group("SHA-1 streams");
    let block = [[0x5au8; 64]];
    for k in 1..=4 {
        g.bench_function(format!("sha1 crate, {k} streams ({TOTAL} compressions)"), |b| {
            let mut st = [[0x67452301u32, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]; 4];
            b.iter(|| {
                for _ in 0..TOTAL / k {
                    for s in &mut st[..k] {
                        sha1::block_api::compress(s, black_box(&block));
                    }
                }
                black_box(&st);
            })
        });
    }
    g.bench_function(format!("sha1_pair, 2 streams ({TOTAL} compressions)"), |b| {
        let mut st = [[0x67452301u32, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]; 2];
        b.iter(|| {
            let [s0, s1] = &mut st;
            for _ in 0..TOTAL / 2 {
                ieee80211_keys::__bench::sha1_pair(s0, black_box(&block[0]), s1, &block[0]);
            }
            black_box(&st);
        })
    });
    for k in 1..=2 {
        g.bench_function(format!("sha2 crate SHA-256, {k} streams ({TOTAL} compressions)"), |b| {
            let mut st = [[0u32; 8]; 2];
            b.iter(|| {
                for _ in 0..TOTAL / k {
                    for s in &mut st[..k] {
                        sha2::block_api::compress256(s, black_box(&block));
                    }
                }
                black_box(&st);
            })
        });
    }
    g.bench_function(format!("sha256_pair, 2 streams ({TOTAL} compressions)"), |b| {
        let mut st = [[0u32; 8]; 2];
        b.iter(|| {
            let [s0, s1] = &mut st;
            for _ in 0..TOTAL / 2 {
                ieee80211_keys::__bench::sha256_pair(s0, black_box(&block[0]), s1, &block[0]);
            }
            black_box(&st);
        })
    });
    for k in 1..=4 {
        if pbkdf2_lanes(Path::ShaNi, k, 1).is_some() {
            let steps = (TOTAL / (2 * k)) as u32;
            g.bench_function(format!("SHA-NI kernel, {k} streams ({TOTAL} compressions)"), |b| {
                b.iter(|| black_box(pbkdf2_lanes(Path::ShaNi, black_box(k), steps)))
            });
        }
    }
    for (path, name) in [(Path::Avx512, "AVX-512"), (Path::Portable, "portable")] {
        if pbkdf2_lanes(path, 16, 1).is_some() {
            let steps = (TOTAL / 32) as u32;
            g.bench_function(format!("{name} body, 16 lanes ({TOTAL} compressions)"), |b| {
                b.iter(|| black_box(pbkdf2_lanes(path, 16, steps)))
            });
        }
    }
    g.finish();
}

/// The frames layer: building messages 2/4 and 3/4 (fields, Key Data padded and wrapped, MIC
/// last) against the MIC's (and the wrap's) floor, and parsing a typical RSNE (no floor: no
/// cryptography).
fn frames(c: &mut Criterion) {
    use ieee80211_keys::eapol_key::Builder;
    use ieee80211_keys::kde::KdeWriter;
    use ieee80211_keys::rsne::Rsne;
    let (kck, kek) =
        (Kck::from_bytes(&[1; 16]).unwrap(), ieee80211_keys::Kek::from_bytes(&[2; 16]).unwrap());
    let (sn, an) = (Nonce::new([3; 32]), Nonce::new([4; 32]));
    let suite = ieee80211_keys::Suite::new(Akm::Psk, Cipher::Ccmp128, 32).unwrap();
    let rsne = [
        0x30, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0x80, 0,
    ];
    let mut out = [0u8; 256];
    // 121 octets, HMAC-SHA1-128: 2 (pads) + 3 (inner) + 1 (outer).
    bench(c, "Build EAPOL-Key 2/4 with its MIC (AKM 2)", &[(Unit::Sha1, 6)], || {
        let b = Builder::message2(&suite, 1, &sn, &rsne, &kck);
        black_box(b.write(black_box(&mut out)).unwrap());
    });
    // Key Data: RSNE (22) and GTK KDE (24), padded to 48 and AES-key-wrapped (6 x 6 block
    // encryptions, one key schedule); the 155-octet frame's MIC: 2 + 3 + 1 SHA-1.
    let gtk = Gtk::from_bytes(&[5; 16]).unwrap();
    let mut kd = [0u8; 64];
    let mut w = KdeWriter::new(&mut kd);
    w.element(&rsne).unwrap().gtk(1, false, &gtk).unwrap();
    let n = w.len();
    bench(
        c,
        "Build EAPOL-Key 3/4: wrap and MIC (AKM 2)",
        &[(Unit::Sha1, 6), (Unit::Aes128, 36), (Unit::Aes128Key, 1)],
        || {
            let b = Builder::message3(&suite, 2, &an, &kd[..n], &kck, &kek);
            black_box(b.write(black_box(&mut out)).unwrap());
        },
    );
    // A WPA3-transition AP's RSNE: CCMP, PSK and SAE, MFPC, one PMKID, BIP-CMAC-128.
    let full = [
        0x30, 0x2e, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 2, 0, 0, 0x0f, 0xac, 2, 0,
        0x0f, 0xac, 8, 0x80, 0, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0,
        0x0f, 0xac, 6,
    ];
    let mut g = c.benchmark_group("Parse an RSNE (2 AKMs, 1 PMKID, group management cipher)");
    g.bench_function("parse", |b| {
        b.iter(|| {
            let r = Rsne::parse(black_box(&full)).unwrap();
            black_box((r.akms().count(), r.capabilities(), r.pmkids().len()))
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(300))
        .measurement_time(std::time::Duration::from_secs(1))
        .sample_size(30);
    targets = core, eapol, fast_transition, cckm, owe, batch, frames, streams
}
criterion_main!(benches);
