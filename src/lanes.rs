//! Multi-buffer SHA-1 for PBKDF2: sixteen independent chains compressed side by side in vector
//! registers, for deriving many PSKs at once ([`crate::Psk::from_passphrases`]).
//!
//! The SHA extensions compress one block at a time and are busy the whole time: two chains
//! interleaved on them go no faster than one after the other. A vector unit, though, runs the
//! same SHA-1 round on sixteen 32-bit words at once (AVX-512). So the states and message words
//! of 16 chains are kept transposed (`[u32; LANES]` per word), and one plain-Rust compression
//! body, written as loops over the lanes with every round spelled out, is compiled twice:
//! inside an `avx512f,avx512vl` function, where LLVM turns each lane loop into one vector
//! instruction (`rotate_left` becomes `vprold`, the round functions `vpternlogd`), and without
//! target features (for the tests: the reference the vector build is checked against).
//!
//! AVX2 is not used: with eight lanes per 256-bit register LLVM keeps the rotations (which AVX2
//! lacks as vector instructions) in scalar code, and that build is slower than the SHA
//! extensions. CPUs without AVX-512, and other architectures, run the sequential PBKDF2 on the
//! compression function ([`crate::prf::pbkdf2_sha1`]).
//!
//! Which build runs is decided at run time with `cpufeatures`. Calling a `#[target_feature]`
//! function is `unsafe` (the caller promises the CPU has the features): this module is the only
//! place in the crate where that happens, right after the detection that makes it sound.
//!
//! Every word here is key material (keyed states, `U_j`, `T`): [`Chains`] and its working
//! copies are wiped. FIPS 180-4 §6.1.2 (SHA-1), RFC 8018 §5.2 (PBKDF2).
#![allow(unsafe_code)]

use zeroize::Zeroize;

/// Chains run side by side.
pub(crate) const LANES: usize = 16;

/// The octets an HMAC-SHA1 inner or outer hash adds after its keyed block in a PBKDF2 step:
/// one 20-octet digest, then the padding for 64 + 20 octets (FIPS 180-4 §5.1.1), as words 5 to
/// 15 of the block.
const PAD_WORDS: [u32; 11] = [0x8000_0000, 0, 0, 0, 0, 0, 0, 0, 0, 0, (64 + 20) * 8];

/// A compression body to run the chains with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend {
    /// The body compiled without target features (scalar or baseline vector code).
    #[cfg_attr(not(test), allow(dead_code))]
    Generic,
    /// Compiled for AVX-512 (F and VL): 16 lanes per 512-bit register, `vprold` rotations.
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    Avx512,
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
cpufeatures::new!(avx512_cpuid, "avx512f", "avx512vl");

impl Backend {
    /// The vector body this CPU supports, if any: then the lanes beat the sequential path.
    pub(crate) fn detect() -> Option<Backend> {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        {
            if avx512_cpuid::get() {
                return Some(Backend::Avx512);
            }
        }
        None
    }

    /// Every body this CPU can run (for the tests).
    #[cfg(test)]
    pub(crate) fn available() -> impl Iterator<Item = Backend> {
        let mut all = [Some(Backend::Generic), None];
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        {
            all[1] = avx512_cpuid::get().then_some(Backend::Avx512);
        }
        all.into_iter().flatten()
    }
}

/// `LANES` PBKDF2-HMAC-SHA1 chains, transposed: word `w` of lane `l` is `[w][l]`. Each lane has
/// its own key (keyed inner and outer states), its running `U_j` and its `T`. Wiped on drop.
pub(crate) struct Chains {
    inner: [[u32; LANES]; 5],
    outer: [[u32; LANES]; 5],
    u: [[u32; LANES]; 5],
    t: [[u32; LANES]; 5],
}

impl Chains {
    /// Sixteen empty lanes (all zero: unused lanes compute garbage that nobody reads).
    pub(crate) fn new() -> Chains {
        let zero = [[0; LANES]; 5];
        Chains { inner: zero, outer: zero, u: zero, t: zero }
    }

    /// Loads lane `lane` with a key's states after its ipad and opad blocks and with `U_1`
    /// (20 octets); `T` starts as `U_1`.
    pub(crate) fn load(&mut self, lane: usize, inner: &[u32; 5], outer: &[u32; 5], u1: &[u8]) {
        for (w, word) in u1.chunks_exact(4).enumerate().take(5) {
            let v = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
            self.u[w][lane] = v;
            self.t[w][lane] = v;
            self.inner[w][lane] = inner[w];
            self.outer[w][lane] = outer[w];
        }
    }

    /// Writes the first `out.len()` (at most 20) octets of lane `lane`'s `T`.
    pub(crate) fn read(&self, lane: usize, out: &mut [u8]) {
        for (chunk, t) in out.chunks_mut(4).zip(&self.t) {
            chunk.copy_from_slice(&t[lane].to_be_bytes()[..chunk.len()]);
        }
    }

    /// Runs `steps` PBKDF2 iterations on every lane with `backend`: `U = HMAC(P, U)`,
    /// `T ^= U`, two compressions per lane and step.
    pub(crate) fn run(&mut self, backend: Backend, steps: u32) {
        match backend {
            Backend::Generic => steps_generic(self, steps),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::Avx512 => {
                if avx512_cpuid::get() {
                    // SAFETY: the CPU has AVX-512 F and VL, checked just above.
                    unsafe { steps_avx512(self, steps) }
                } else {
                    steps_generic(self, steps)
                }
            }
        }
    }
}

impl Drop for Chains {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
        self.u.zeroize();
        self.t.zeroize();
    }
}

/// All sixteen lanes at once: one 512-bit register per word.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[target_feature(enable = "avx512f,avx512vl")]
fn steps_avx512(c: &mut Chains, steps: u32) {
    on_lanes::<LANES>(c, 0, steps);
}

/// Without target features (the reference for the tests), eight lanes at a time.
#[cfg_attr(not(test), allow(dead_code))]
fn steps_generic(c: &mut Chains, steps: u32) {
    on_lanes::<8>(c, 0, steps);
    on_lanes::<8>(c, 8, steps);
}

/// The round constants of FIPS 180-4 §4.2.1, by groups of 20 rounds.
const K: [u32; 4] = [0x5a82_7999, 0x6ed9_eba1, 0x8f1b_bcdc, 0xca62_c1d6];

/// One round on every lane, the five working variables named in their rotated roles: `e`
/// becomes the new `a` (`T`), and `b` is rotated (FIPS 180-4 §6.1.2 step 3, with the renaming
/// instead of the moves). From round 16 on, `W_i` is computed in the ring of 16 first. Plain
/// loops over the lanes (no closures): they must inline into the `#[target_feature]` callers.
#[inline(always)]
fn round<const N: usize>(
    i: usize,
    w: &mut [[u32; N]; 16],
    a: &[u32; N],
    b: &mut [u32; N],
    c: &[u32; N],
    d: &[u32; N],
    e: &mut [u32; N],
) {
    if i >= 16 {
        let (x, y, z) = (w[(i + 13) % 16], w[(i + 8) % 16], w[(i + 2) % 16]);
        for (l, v) in w[i % 16].iter_mut().enumerate() {
            *v = (x[l] ^ y[l] ^ z[l] ^ *v).rotate_left(1);
        }
    }
    for l in 0..N {
        let (x, y, z) = (b[l], c[l], d[l]);
        // FIPS 180-4 §4.1.1: Ch, Parity, Maj, Parity.
        let f = match i / 20 {
            0 => (x & y) | (!x & z),
            2 => (x & y) | (x & z) | (y & z),
            _ => x ^ y ^ z,
        };
        e[l] = a[l]
            .rotate_left(5)
            .wrapping_add(f)
            .wrapping_add(e[l])
            .wrapping_add(K[i / 20])
            .wrapping_add(w[i % 16][l]);
        b[l] = x.rotate_left(30);
    }
}

/// The SHA-1 compression function on every lane: `state` absorbs the block `w` (16 words). The
/// 80 rounds are written out, five at a time, so that every index is a constant and the words
/// stay in registers.
#[inline(always)]
fn compress<const N: usize>(state: &mut [[u32; N]; 5], mut w: [[u32; N]; 16]) {
    let [mut a, mut b, mut c, mut d, mut e] = *state;
    macro_rules! five {
        ($($i:expr),*) => {$(
            round($i, &mut w, &a, &mut b, &c, &d, &mut e);
            round($i + 1, &mut w, &e, &mut a, &b, &c, &mut d);
            round($i + 2, &mut w, &d, &mut e, &a, &b, &mut c);
            round($i + 3, &mut w, &c, &mut d, &e, &a, &mut b);
            round($i + 4, &mut w, &b, &mut c, &d, &e, &mut a);
        )*};
    }
    five!(0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75);
    for (s, v) in state.iter_mut().zip([a, b, c, d, e]) {
        for (s, v) in s.iter_mut().zip(v) {
            *s = s.wrapping_add(v);
        }
    }
}

/// The message block of a PBKDF2 step: a 20-octet digest (five words), then its padding.
#[inline(always)]
fn digest_block<const N: usize>(digest: &[[u32; N]; 5]) -> [[u32; N]; 16] {
    let mut w = [[0; N]; 16];
    w[..5].copy_from_slice(digest);
    for (w, pad) in w[5..].iter_mut().zip(PAD_WORDS) {
        *w = [pad; N];
    }
    w
}

/// `N` chains (a copy of some of the lanes of [`Chains`]).
struct Group<const N: usize> {
    inner: [[u32; N]; 5],
    outer: [[u32; N]; 5],
    u: [[u32; N]; 5],
    t: [[u32; N]; 5],
}

/// The PBKDF2 iterations, written once for every backend.
#[inline(always)]
fn steps_body<const N: usize>(c: &mut Group<N>, steps: u32) {
    for _ in 0..steps {
        let mut inner = c.inner;
        compress(&mut inner, digest_block(&c.u));
        let mut outer = c.outer;
        compress(&mut outer, digest_block(&inner));
        for (t, u) in c.t.iter_mut().zip(&outer) {
            for (t, u) in t.iter_mut().zip(u) {
                *t ^= u;
            }
        }
        c.u = outer;
    }
}

/// Runs `steps` iterations on lanes `first..first + N` of `c`, as a [`Group`] of `N`.
#[inline(always)]
fn on_lanes<const N: usize>(c: &mut Chains, first: usize, steps: u32) {
    let take = |words: &[[u32; LANES]; 5]| -> [[u32; N]; 5] {
        let mut out = [[0; N]; 5];
        for (o, w) in out.iter_mut().zip(words) {
            o.copy_from_slice(&w[first..first + N]);
        }
        out
    };
    let mut g =
        Group { inner: take(&c.inner), outer: take(&c.outer), u: take(&c.u), t: take(&c.t) };
    steps_body(&mut g, steps);
    for (w, o) in c.u.iter_mut().zip(&g.u) {
        w[first..first + N].copy_from_slice(o);
    }
    for (w, o) in c.t.iter_mut().zip(&g.t) {
        w[first..first + N].copy_from_slice(o);
    }
    g.inner.zeroize();
    g.outer.zeroize();
    g.u.zeroize();
    g.t.zeroize();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{BlockHash, Hmac, Sha1};

    /// Every backend against the engine's sequential chain, on sixteen different keys.
    #[test]
    fn every_backend_matches_the_sequential_chain() {
        let mut chains = [Chains::new(), Chains::new(), Chains::new()];
        let mut expected = [[0u8; 20]; LANES];
        for (lane, want) in expected.iter_mut().enumerate() {
            let key: [u8; 13] = core::array::from_fn(|i| (i * 31 + lane * 7) as u8);
            let mac = Hmac::<Sha1>::new(&key);
            let (inner, outer) = mac.states();
            let u1: [u8; 20] = core::array::from_fn(|i| (i * 5 + lane) as u8);
            for c in &mut chains {
                c.load(lane, &inner, &outer, &u1);
            }
            let (mut u, mut t) = ([Sha1::DIGEST_BLOCK], [Sha1::ZERO]);
            u[0].0[..20].copy_from_slice(&u1);
            t[0].0[..20].copy_from_slice(&u1);
            mac.chain_steps(&mut u, &mut t, 37);
            want.copy_from_slice(&t[0].0[..20]);
        }
        for (backend, c) in Backend::available().zip(&mut chains) {
            c.run(backend, 37);
            for (lane, want) in expected.iter().enumerate() {
                let mut got = [0u8; 20];
                c.read(lane, &mut got);
                assert_eq!(&got, want, "{backend:?} lane {lane}");
            }
        }
    }
}
