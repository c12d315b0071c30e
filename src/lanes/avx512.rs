//! SHA-1 on sixteen lanes with AVX-512: one 512-bit register per word of the state and of the
//! message schedule, written with the vector operations themselves (`vprold` rotations,
//! `vpternlogd` round functions), so that no build profile (`codegen-units = 1`, fat LTO) can
//! turn the schedule back into scalar code lane by lane, as LLVM's loop vectoriser did with the
//! plain-Rust body.
//!
//! Every function here is `#[target_feature(enable = "avx512f")]`: [`super::Backend::run`]
//! calls them only after detecting it.

#[cfg(target_arch = "x86")]
use core::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use core::arch::x86_64::*;

use zeroize::Zeroize;

use super::{Chains, Message, K, LANES, PAD_WORDS};

/// One word of every lane.
type V = __m512i;

/// Feature set of every function in this module.
macro_rules! avx512_features {
    ($($item:item)*) => {$(
        #[target_feature(enable = "avx512f")]
        $item
    )*};
}

avx512_features! {
    /// Word `w` of every lane.
    #[inline]
    fn load(w: &[u32; LANES]) -> V {
        // SAFETY: `w` is a valid reference to 64 octets, what the unaligned load reads.
        unsafe { _mm512_loadu_si512(w.as_ptr().cast()) }
    }

    /// Stores word `v` of every lane into `w`.
    #[inline]
    fn store(v: V, w: &mut [u32; LANES]) {
        // SAFETY: `w` is a valid, exclusive reference to 64 octets, what the unaligned store
        // writes.
        unsafe { _mm512_storeu_si512(w.as_mut_ptr().cast(), v) }
    }

    /// Words of every lane.
    #[inline]
    fn load_all<const W: usize>(w: &[[u32; LANES]; W]) -> [V; W] {
        core::array::from_fn(|i| load(&w[i]))
    }

    /// Stores words of every lane.
    #[inline]
    fn store_all<const W: usize>(v: &[V; W], w: &mut [[u32; LANES]; W]) {
        for (v, w) in v.iter().zip(w) {
            store(*v, w);
        }
    }

    /// The block of a 20-octet message after one keyed block: the digest `d` of every lane,
    /// then the padding ([`PAD_WORDS`]).
    #[inline]
    fn digest_block(d: &[V; 5]) -> [V; 16] {
        core::array::from_fn(|i| match i {
            0..5 => d[i],
            _ => _mm512_set1_epi32(PAD_WORDS[i - 5] as i32),
        })
    }

    /// The SHA-1 compression function on every lane (FIPS 180-4 §6.1.2): `state` absorbs `w`.
    /// The 80 rounds are written out with the five working variables renamed instead of moved,
    /// and the schedule computed in a ring of sixteen words.
    #[inline]
    fn compress(state: &mut [V; 5], mut w: [V; 16]) {
        let [mut a, mut b, mut c, mut d, mut e] = *state;
        // Round `$i`: `$e += rotl5($a) + f($b, $c, $d) + K + W`, `$b = rotl30($b)`. The round
        // function is one `vpternlogd`: Ch (0xca), Parity (0x96), Maj (0xe8), FIPS 180-4 §4.1.1.
        macro_rules! round {
            ($i:expr, $a:ident, $b:ident, $c:ident, $d:ident, $e:ident) => {
                if $i >= 16 {
                    let x = _mm512_ternarylogic_epi32::<0x96>(
                        w[($i + 13) % 16],
                        w[($i + 8) % 16],
                        w[($i + 2) % 16],
                    );
                    w[$i % 16] = _mm512_rol_epi32::<1>(_mm512_xor_si512(x, w[$i % 16]));
                }
                let f = match $i / 20 {
                    0 => _mm512_ternarylogic_epi32::<0xca>($b, $c, $d),
                    2 => _mm512_ternarylogic_epi32::<0xe8>($b, $c, $d),
                    _ => _mm512_ternarylogic_epi32::<0x96>($b, $c, $d),
                };
                let kw = _mm512_add_epi32(w[$i % 16], _mm512_set1_epi32(K[$i / 20] as i32));
                $e = _mm512_add_epi32(
                    _mm512_add_epi32(_mm512_rol_epi32::<5>($a), f),
                    _mm512_add_epi32($e, kw),
                );
                $b = _mm512_rol_epi32::<30>($b);
            };
        }
        macro_rules! five {
            ($($i:expr),*) => {$(
                round!($i, a, b, c, d, e);
                round!($i + 1, e, a, b, c, d);
                round!($i + 2, d, e, a, b, c);
                round!($i + 3, c, d, e, a, b);
                round!($i + 4, b, c, d, e, a);
            )*};
        }
        five!(0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75);
        for (s, v) in state.iter_mut().zip([a, b, c, d, e]) {
            *s = _mm512_add_epi32(*s, v);
        }
    }

    /// Every lane's state absorbs its block of `message`.
    pub(super) fn compress_lanes(state: &mut [[u32; LANES]; 5], message: Message<'_>) {
        let mut s = load_all(state);
        let w = match message {
            Message::Lanes(blocks) => load_all(&blocks.0 .0),
            Message::Digest(states) => digest_block(&load_all(&states.0 .0)),
        };
        compress(&mut s, w);
        store_all(&s, state);
        s.zeroize();
    }

    /// `steps` PBKDF2-HMAC-SHA1 iterations (RFC 8018 §5.2) on the sixteen chains of `c`, every
    /// value in registers: `U = HMAC(P, U)`, `T ^= U`.
    pub(super) fn pbkdf2(c: &mut Chains, steps: u32) {
        let (mut inner, mut outer) = (load_all(&c.inner), load_all(&c.outer));
        let (mut u, mut t) = (load_all(&c.u), load_all(&c.t));
        for _ in 0..steps {
            let mut h = inner;
            compress(&mut h, digest_block(&u));
            u = outer;
            compress(&mut u, digest_block(&h));
            for (t, u) in t.iter_mut().zip(&u) {
                *t = _mm512_xor_si512(*t, *u);
            }
        }
        store_all(&u, &mut c.u);
        store_all(&t, &mut c.t);
        inner.zeroize();
        outer.zeroize();
        u.zeroize();
        t.zeroize();
    }
}
