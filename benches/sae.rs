//! SAE (WPA3-Personal) per group, each derivation next to its floor: the curve arithmetic it
//! cannot do without, measured on the same RustCrypto curve crate the library runs on (so the
//! ratio is what this crate adds around the curve).
//!
//! Floors, by the operations each step needs (IEEE 802.11-2020 12.4.4, 12.4.5):
//! - PT (hash-to-element): two simplified-SWU maps (each a square-root-ratio exponentiation and
//!   a field inversion), measured as the curve crate's own map, and `P1 + P2` made affine (one
//!   more inversion);
//! - PWE from PT: one scalar multiplication (`val * PT`);
//! - PWE by hunting-and-pecking: 40 rounds, each a square root (plus an HMAC and a KDF block,
//!   not counted): 40 square roots;
//! - commit: one scalar multiplication (`mask * PWE`);
//! - processing the peer's commit and both confirms: one double-scalar multiplication
//!   (`(rand * s) * PWE + rand * E`, the curve crate's `lincomb`).
//!
//! `python3 benches/table.py` reads these groups as it reads `derivations`' (same names:
//! `derivation` and `floor (...)`).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use ieee80211_keys::sae::{AkmFamily, Committed, Group, Password, Pt, Pwe};
use ieee80211_keys::{MacAddr, Ssid};

/// A fast deterministic generator for the benches (xorshift; the library takes any
/// `rand_core::CryptoRng`, and the cost of the operating system's is not SAE's).
struct BenchRng(u64);

impl rand_core::TryRng for BenchRng {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(self.try_next_u64()? as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Ok(self.0)
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let v = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        Ok(())
    }
}

impl rand_core::TryCryptoRng for BenchRng {}

/// Runs `$body` with `$k` the curve crate and `$c` the curve of a group.
macro_rules! on_curve {
    ($group:expr, $k:ident, $c:ident => $body:expr) => {
        match $group {
            Group::P256 => {
                use p256 as $k;
                type $c = p256::NistP256;
                $body
            }
            Group::P384 => {
                use p384 as $k;
                type $c = p384::NistP384;
                $body
            }
            _ => {
                use p521 as $k;
                type $c = p521::NistP521;
                $body
            }
        }
    };
}

/// The curve crate's operations a floor counts, for one group, on operands that are not
/// special (no small scalars, no identity).
#[derive(Clone, Copy)]
struct Units(Group);

impl Units {
    /// One constant-time scalar multiplication of a point.
    fn mul(self) {
        on_curve!(self.0, k, C => {
            let s = k::Scalar::from(0x1234_5678_9abc_def1u64).square().square().square();
            // The generator as the base: this crate's multiplication has no special path for
            // it (the curve crates' precomputed tables are not enabled).
            let p = k::ProjectivePoint::GENERATOR;
            black_box(black_box(p) * black_box(s));
            let _: Option<C> = None;
        })
    }

    /// One constant-time double-scalar multiplication (`lincomb` of two terms).
    fn double(self) {
        on_curve!(self.0, k, C => {
            use k::elliptic_curve::ops::LinearCombination;
            let s = k::Scalar::from(0x1234_5678_9abc_def1u64).square().square().square();
            let t = s.square();
            let g = k::ProjectivePoint::GENERATOR;
            let p = -g;
            black_box(k::ProjectivePoint::lincomb(&[(black_box(p), black_box(s)), (g, black_box(t))]));
            let _: Option<C> = None;
        })
    }

    /// `n` field square roots.
    fn sqrts(self, n: usize) {
        on_curve!(self.0, k, C => {
            #[allow(unused_imports)]
            use k::elliptic_curve::ff::Field;
            type Fe = <C as k::elliptic_curve::hazmat::FieldArithmetic>::FieldElement;
            let mut x = Fe::from(0x1234_5678u64).square();
            for _ in 0..n {
                x = black_box(black_box(x).sqrt().unwrap_or(x)).square();
            }
            black_box(x);
        })
    }

    /// The PT's floor: the curve crate's simplified-SWU map twice (each a square-root-ratio
    /// exponentiation and an inversion), the addition `P1 + P2` and its conversion to affine
    /// coordinates (an inversion).
    fn pt_floor(self) {
        on_curve!(self.0, k, C => {
            use hash2curve::MapToCurve;
            #[allow(unused_imports)]
            use k::elliptic_curve::ff::Field;
            type Fe = <C as k::elliptic_curve::hazmat::FieldArithmetic>::FieldElement;
            let u1 = Fe::from(0x1234_5678u64).square().square();
            let u2 = u1.square();
            let p1 = <C as MapToCurve>::map_to_curve(black_box(u1));
            let p2 = <C as MapToCurve>::map_to_curve(black_box(u2));
            black_box((p1 + p2).to_affine());
        })
    }
}

fn main_groups(c: &mut Criterion) {
    let (sta, ap) = (MacAddr::new([2, 0, 0, 0, 0, 1]), MacAddr::new([2, 0, 0, 0, 0, 2]));
    let ssid = Ssid::new(b"benchmark").unwrap();
    let password = Password::from_bytes(b"correct horse battery staple").unwrap();
    for group in Group::ALL {
        let id = group.id();
        let units = Units(group);
        let pt = Pt::derive(group, &ssid, &password, None).unwrap();
        let pwe = Pwe::from_pt(&pt, &sta, &ap).unwrap();
        let mut rng = BenchRng(0x9e37_79b9_7f4a_7c15);

        bench(
            c,
            &format!("SAE PT group {id}"),
            "2 SSWU maps + 1 addition + 1 inversion",
            &mut || {
                black_box(Pt::derive(group, &ssid, &password, None).unwrap());
            },
            &mut || units.pt_floor(),
        );
        bench(
            c,
            &format!("SAE PWE from PT group {id}"),
            "1 scalar multiplication",
            &mut || {
                black_box(Pwe::from_pt(black_box(&pt), &sta, &ap).unwrap());
            },
            &mut || units.mul(),
        );
        bench(
            c,
            &format!("SAE PWE hunting-and-pecking group {id}"),
            "40 square roots",
            &mut || {
                black_box(Pwe::hunting_and_pecking(group, &password, None, &sta, &ap).unwrap());
            },
            &mut || units.sqrts(40),
        );
        bench(
            c,
            &format!("SAE commit group {id}"),
            "1 scalar multiplication",
            &mut || {
                black_box(Committed::new(black_box(&pwe), &mut rng).unwrap());
            },
            &mut || units.mul(),
        );
        let ours = Committed::new(&pwe, &mut rng).unwrap();
        let theirs = Committed::new(&Pwe::from_pt(&pt, &ap, &sta).unwrap(), &mut rng).unwrap();
        let their_confirm = theirs.process(ours.commit(), AkmFamily::Sae, None).unwrap().confirm(1);
        bench(
            c,
            &format!("SAE peer commit and confirms group {id}"),
            "1 double-scalar multiplication",
            &mut || {
                let keys = ours.process(black_box(theirs.commit()), AkmFamily::Sae, None).unwrap();
                black_box(keys.confirm(1));
                black_box(keys.verify(black_box(&their_confirm)).unwrap());
            },
            &mut || units.double(),
        );
    }
}

/// A derivation and its floor in one criterion group.
fn bench(c: &mut Criterion, name: &str, floor: &str, f: &mut dyn FnMut(), unit: &mut dyn FnMut()) {
    let mut g = c.benchmark_group(name);
    g.sample_size(20);
    g.warm_up_time(std::time::Duration::from_millis(500));
    g.measurement_time(std::time::Duration::from_secs(2));
    g.bench_function("derivation", |b| b.iter(&mut *f));
    g.bench_function(format!("floor ({floor})"), |b| b.iter(&mut *unit));
    g.finish();
}

criterion_group!(benches, main_groups);
criterion_main!(benches);
