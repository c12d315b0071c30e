//! One criterion group per derivation, each next to its floor: the bare compression function of
//! its hash (RustCrypto `block_api`) run the derivation's minimal number of times.
//!
//! Minimal compression counts and their reasoning are in `floor_counts` below and in the README.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use ieee80211_keys::{prf, Akm, Cipher, Gmk, Gtk, MacAddr, Nonce, Pmk, Psk, Ptk, Ssid};

/// Which compression function a floor runs.
#[derive(Clone, Copy)]
enum Hash {
    Sha1,
    Sha256,
    Sha512,
}

/// Runs `n` compressions of `hash` on one block each: the floor of a derivation that needs `n`.
fn floor(hash: Hash, n: usize) {
    let block64 = [[0x5au8; 64]];
    let block128 = [[0x5au8; 128]];
    match hash {
        Hash::Sha1 => {
            let mut st = [0x67452301u32, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
            for _ in 0..n {
                sha1::block_api::compress(&mut st, black_box(&block64));
            }
            black_box(st);
        }
        Hash::Sha256 => {
            let mut st = [0u32; 8];
            for _ in 0..n {
                sha2::block_api::compress256(&mut st, black_box(&block64));
            }
            black_box(st);
        }
        Hash::Sha512 => {
            let mut st = [0u64; 8];
            for _ in 0..n {
                sha2::block_api::compress512(&mut st, black_box(&block128));
            }
            black_box(st);
        }
    }
}

fn bench_pair(c: &mut Criterion, name: &str, hash: Hash, count: usize, mut f: impl FnMut()) {
    let mut g = c.benchmark_group(name);
    g.bench_function("derivation", |b| b.iter(&mut f));
    g.bench_function(format!("floor ({count} compressions)"), |b| b.iter(|| floor(hash, count)));
    g.finish();
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

fn core(c: &mut Criterion) {
    let key = [0x42u8; 32];
    let data = [0x33u8; 76];
    // PRF-384: 2 (pads) + 1 (label|0|data, shared by the counters) + 3 x (1 inner + 1 outer).
    bench_pair(c, "SHA-1 PRF-384", Hash::Sha1, 9, || {
        let mut out = [0u8; 48];
        prf::prf_sha1(black_box(&key), b"Pairwise key expansion", &[&data], &mut out).unwrap();
        black_box(out);
    });
    // KDF-SHA-256-384: 2 + 2 x (2 inner: 102 octets + padding + 1 outer).
    bench_pair(c, "KDF-SHA-256-384", Hash::Sha256, 8, || {
        let mut out = [0u8; 48];
        prf::kdf_sha256(black_box(&key), b"Pairwise key expansion", &[&data], &mut out).unwrap();
        black_box(out);
    });
    // KDF-SHA-384-704: 2 + 2 x (1 inner + 1 outer), 128-octet blocks.
    bench_pair(c, "KDF-SHA-384-704", Hash::Sha512, 6, || {
        let mut out = [0u8; 88];
        prf::kdf_sha384(black_box(&key), b"Pairwise key expansion", &[&data], &mut out).unwrap();
        black_box(out);
    });
    let ssid = Ssid::new(b"IEEE").unwrap();
    // PBKDF2: 2 (pads) + 2 output blocks x 4096 iterations x (1 inner + 1 outer).
    bench_pair(c, "PSK from passphrase", Hash::Sha1, 16386, || {
        black_box(Psk::from_passphrase(black_box("password"), &ssid).unwrap());
    });
    let (pmk, aa, spa, an, sn) = inputs();
    let pmk32 = Pmk::from_bytes(&[0x42; 32]).unwrap();
    // PMKID: 2 (pads) + 1 inner ("PMK Name"|AA|SPA = 20 octets) + 1 outer.
    for (name, akm, hash, p) in [
        ("PMKID SHA-1", Akm::Psk, Hash::Sha1, &pmk32),
        ("PMKID SHA-256", Akm::PskSha256, Hash::Sha256, &pmk32),
        ("PMKID SHA-384", Akm::Ieee8021xSha384, Hash::Sha512, &pmk),
    ] {
        bench_pair(c, name, hash, 4, || {
            black_box(p.pmkid(akm, black_box(&aa), &spa).unwrap());
        });
    }
    // PTKs: the PRF/KDF counts above for 48, 48 and 88 octets.
    for (name, akm, cipher, hash, count, p) in [
        ("PTK PSK/CCMP-128", Akm::Psk, Cipher::Ccmp128, Hash::Sha1, 9, &pmk32),
        ("PTK PSK-SHA256/CCMP-128", Akm::PskSha256, Cipher::Ccmp128, Hash::Sha256, 8, &pmk32),
        ("PTK SuiteB-192/GCMP-256", Akm::SuiteB192, Cipher::Gcmp256, Hash::Sha512, 6, &pmk),
    ] {
        bench_pair(c, name, hash, count, || {
            black_box(Ptk::derive(p, akm, cipher, black_box(&aa), &spa, &an, &sn).unwrap());
        });
    }
    // GTK (CCMP, 16 octets): 2 + 2 inner (58 octets + counter + padding > 64) + 1 outer.
    let gmk = Gmk::from_bytes(&[7; 32]).unwrap();
    bench_pair(c, "GTK CCMP-128", Hash::Sha1, 5, || {
        black_box(Gtk::derive(&gmk, Cipher::Ccmp128, black_box(&aa), &an).unwrap());
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(300))
        .measurement_time(std::time::Duration::from_secs(1))
        .sample_size(30);
    targets = core
}
criterion_main!(benches);
