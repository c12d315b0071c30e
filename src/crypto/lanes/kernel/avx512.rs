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

use super::{
    Chains, DerivedKeyMac, KeyRows, Message, SharedBlock, IPAD, K, LANES, OPAD, PAD_WORDS, SHA1_IV,
};

/// One word of every lane.
type V = __m512i;

/// Feature set of every function in this module.
macro_rules! avx512_features {
    ($($item:item)*) => {$(
        #[target_feature(enable = "avx512f")]
        $item
    )*};
}

/// Round `$i` of every lane: `$e += rotl5($a) + f($b, $c, $d) + K + W`, `$b = rotl30($b)`.
/// `ring $w`: `W` from the ring of sixteen words `$w` (computed there from round 16 on);
/// `given $wk`: `W + K` from the schedule `$wk` (80 words, computed beforehand, the same for
/// every lane). The round function is one `vpternlogd`: Ch (0xca), Parity (0x96), Maj (0xe8),
/// FIPS 180-4 §4.1.1.
macro_rules! round {
    (ring $w:ident, $i:expr, $a:ident, $b:ident, $c:ident, $d:ident, $e:ident) => {
        if $i >= 16 {
            let x = _mm512_ternarylogic_epi32::<0x96>(
                $w[($i + 13) % 16],
                $w[($i + 8) % 16],
                $w[($i + 2) % 16],
            );
            $w[$i % 16] = _mm512_rol_epi32::<1>(_mm512_xor_si512(x, $w[$i % 16]));
        }
        let kw = _mm512_add_epi32($w[$i % 16], _mm512_set1_epi32(K[$i / 20] as i32));
        round!(kw, $i, $a, $b, $c, $d, $e);
    };
    (given $wk:ident, $i:expr, $a:ident, $b:ident, $c:ident, $d:ident, $e:ident) => {
        let kw = _mm512_set1_epi32($wk[$i] as i32);
        round!(kw, $i, $a, $b, $c, $d, $e);
    };
    ($kw:ident, $i:expr, $a:ident, $b:ident, $c:ident, $d:ident, $e:ident) => {
        let f = match $i / 20 {
            0 => _mm512_ternarylogic_epi32::<0xca>($b, $c, $d),
            2 => _mm512_ternarylogic_epi32::<0xe8>($b, $c, $d),
            _ => _mm512_ternarylogic_epi32::<0x96>($b, $c, $d),
        };
        $e = _mm512_add_epi32(
            _mm512_add_epi32(_mm512_rol_epi32::<5>($a), f),
            _mm512_add_epi32($e, $kw),
        );
        $b = _mm512_rol_epi32::<30>($b);
    };
}

/// Five rounds from each of `$i...`, the working variables renamed instead of moved (`$how`:
/// `ring` or `given`, as [`round!`]).
macro_rules! five {
    ($how:ident $w:ident, $a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $($i:expr),*) => {$(
        round!($how $w, $i, $a, $b, $c, $d, $e);
        round!($how $w, $i + 1, $e, $a, $b, $c, $d);
        round!($how $w, $i + 2, $d, $e, $a, $b, $c);
        round!($how $w, $i + 3, $c, $d, $e, $a, $b);
        round!($how $w, $i + 4, $b, $c, $d, $e, $a);
    )*};
}

/// The SHA-1 compression function on every lane (FIPS 180-4 §6.1.2): `$state` (five words)
/// absorbs the block `$block` (sixteen), the schedule computed in a ring of sixteen words. A
/// macro, not a function: written into each caller (which has the target features), nothing
/// goes through memory.
macro_rules! compress {
    ($state:expr, $block:expr) => {{
        let state: &mut [V; 5] = $state;
        let mut w: [V; 16] = $block;
        let [mut a, mut b, mut c, mut d, mut e] = *state;
        five!(ring w, a, b, c, d, e, 0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75);
        for (s, v) in state.iter_mut().zip([a, b, c, d, e]) {
            *s = _mm512_add_epi32(*s, v);
        }
    }};
}

/// [`compress!`] with a block the same for every lane, given as its schedule with the round
/// constants added (`W_t + K_t`, 80 words, public): the rounds alone.
macro_rules! compress_scheduled {
    ($state:expr, $wk:expr) => {{
        let state: &mut [V; 5] = $state;
        let wk: &[u32; 80] = $wk;
        let [mut a, mut b, mut c, mut d, mut e] = *state;
        five!(given wk, a, b, c, d, e, 0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75);
        for (s, v) in state.iter_mut().zip([a, b, c, d, e]) {
            *s = _mm512_add_epi32(*s, v);
        }
    }};
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
        let mut v = [_mm512_setzero_si512(); W];
        for (v, w) in v.iter_mut().zip(w) {
            *v = load(w);
        }
        v
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
        let p = PAD_WORDS.map(|w| w as i32);
        [
            d[0],
            d[1],
            d[2],
            d[3],
            d[4],
            _mm512_set1_epi32(p[0]),
            _mm512_set1_epi32(p[1]),
            _mm512_set1_epi32(p[2]),
            _mm512_set1_epi32(p[3]),
            _mm512_set1_epi32(p[4]),
            _mm512_set1_epi32(p[5]),
            _mm512_set1_epi32(p[6]),
            _mm512_set1_epi32(p[7]),
            _mm512_set1_epi32(p[8]),
            _mm512_set1_epi32(p[9]),
            _mm512_set1_epi32(p[10]),
        ]
    }

    /// Every lane's state absorbs its block of `message`.
    pub(super) fn compress_lanes(state: &mut [[u32; LANES]; 5], message: Message<'_>) {
        let mut s = load_all(state);
        let w = match message {
            Message::Lanes(blocks) => load_all(&blocks.0 .0),
            Message::Padded(blocks, pad) => {
                let mut w = load_all(&blocks.0 .0);
                let pad = _mm512_set1_epi32(pad as i32);
                for w in &mut w {
                    *w = _mm512_xor_si512(*w, pad);
                }
                w
            }
            Message::Shared(words) => {
                let mut w = [_mm512_setzero_si512(); 16];
                for (w, &x) in w.iter_mut().zip(words) {
                    *w = _mm512_set1_epi32(x as i32);
                }
                w
            }
            Message::Digest(states) => digest_block(&load_all(&states.0 .0)),
        };
        compress!(&mut s, w);
        store_all(&s, state);
        s.zeroize();
    }

    /// `HMAC-SHA1(K_l, message)` for every lane `l`, `key` its key block (`K0`), `message`
    /// the inner blocks after the ipad block, the same for every lane.
    #[inline]
    fn hmac_shared(key: &[V; 16], message: &[SharedBlock]) -> [V; 5] {
        let iv = SHA1_IV.map(|w| _mm512_set1_epi32(w as i32));
        let (mut inner, mut outer) = (iv, iv);
        let mut block = *key;
        let ipad = _mm512_set1_epi32(IPAD as i32);
        for b in &mut block {
            *b = _mm512_xor_si512(*b, ipad);
        }
        compress!(&mut inner, block);
        let opad = _mm512_set1_epi32(OPAD as i32);
        for (b, k) in block.iter_mut().zip(key) {
            *b = _mm512_xor_si512(*k, opad);
        }
        compress!(&mut outer, block);
        block.zeroize();
        for m in message {
            compress_scheduled!(&mut inner, &m.scheduled);
        }
        compress!(&mut outer, digest_block(&inner));
        inner.zeroize();
        outer
    }

    /// [`DerivedKeyMac`] on the sixteen lanes of `keys`, the MACs into `out`: the derived keys
    /// (masked digests) never leave the registers.
    pub(super) fn derived_key_mac(
        job: &DerivedKeyMac<'_>,
        keys: &KeyRows,
        out: &mut [[u32; LANES]; 5],
    ) {
        // Word `w` of every lane: element `16 l + w` of the rows, gathered.
        let rows = _mm512_setr_epi32(
            0, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240,
        );
        let mut key = [_mm512_setzero_si512(); 16];
        for (w, k) in key.iter_mut().enumerate() {
            let at = _mm512_add_epi32(rows, _mm512_set1_epi32(w as i32));
            // SAFETY: `keys.0` is a valid reference to 16 x 16 `u32` (256 elements of 4
            // octets, the scale), and every index `16 l + w` is below 256.
            *k = unsafe { _mm512_i32gather_epi32::<4>(at, keys.0.as_ptr().cast()) };
        }
        let mut derived = hmac_shared(&key, job.first.blocks());
        key = [_mm512_setzero_si512(); 16];
        for ((k, d), mask) in key.iter_mut().zip(&derived).zip(job.key_mask) {
            *k = _mm512_and_si512(*d, _mm512_set1_epi32(mask as i32));
        }
        derived.zeroize();
        let mut mac = hmac_shared(&key, job.second.blocks());
        key.zeroize();
        store_all(&mac, out);
        mac.zeroize();
    }

    /// `steps` PBKDF2-HMAC-SHA1 iterations (RFC 8018 §5.2) on the sixteen chains of `c`, every
    /// value in registers: `U = HMAC(P, U)`, `T ^= U`.
    pub(super) fn pbkdf2(c: &mut Chains, steps: u32) {
        let (mut inner, mut outer) = (load_all(&c.inner), load_all(&c.outer));
        let (mut u, mut t) = (load_all(&c.u), load_all(&c.t));
        for _ in 0..steps {
            let mut h = inner;
            compress!(&mut h, digest_block(&u));
            u = outer;
            compress!(&mut u, digest_block(&h));
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
