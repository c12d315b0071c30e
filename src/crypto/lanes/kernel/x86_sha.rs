//! SHA-1 on the x86 SHA extensions (`sha1rnds4`, `sha1nexte`, `sha1msg1`, `sha1msg2`), `K`
//! independent streams interleaved round group by round group.
//!
//! One stream keeps the SHA unit waiting: each `sha1rnds4` needs the result of the one before.
//! Independent streams fill those gaps, so `K` compressions side by side cost less than `K`
//! one after the other (see the README for the measured cost per compression and `K`).
//!
//! Register form (Intel SHA extensions reference): a state is `abcd` with `A` in the highest
//! 32-bit lane and `e` with `E` in the highest lane and zeros below; a block is four registers,
//! words `W4i..W4i+3` from the highest lane down. A digest in that form is already the first
//! five words of the next block, which is what keeps a PBKDF2 chain in registers.
//!
//! Every function here is `#[target_feature]`: [`super::Backend::run`] calls them only after
//! detecting the features.

#[cfg(target_arch = "x86")]
use core::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use core::arch::x86_64::*;

use zeroize::Zeroize;

use super::{LANES, PAD_WORDS};
use crate::crypto::engine::{BlockHash, MacStart, Sha1};
use crate::secret::Octets;

/// Feature set of every function in this module.
macro_rules! sha_features {
    ($($item:item)*) => {$(
        #[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
        $item
    )*};
}

/// One SHA-1 state in register form.
#[derive(Clone, Copy)]
struct State {
    abcd: __m128i,
    e: __m128i,
}

impl Zeroize for State {
    fn zeroize(&mut self) {
        self.abcd.zeroize();
        self.e.zeroize();
    }
}

sha_features! {
    /// A state from its five words.
    #[inline]
    fn load_state(s: &[u32; 5]) -> State {
        State {
            abcd: _mm_set_epi32(s[0] as i32, s[1] as i32, s[2] as i32, s[3] as i32),
            e: _mm_set_epi32(s[4] as i32, 0, 0, 0),
        }
    }

    /// The five words of a state.
    #[inline]
    fn store_state(s: State) -> [u32; 5] {
        [
            _mm_extract_epi32::<3>(s.abcd) as u32,
            _mm_extract_epi32::<2>(s.abcd) as u32,
            _mm_extract_epi32::<1>(s.abcd) as u32,
            _mm_extract_epi32::<0>(s.abcd) as u32,
            _mm_extract_epi32::<3>(s.e) as u32,
        ]
    }

    /// A block from its sixteen words.
    #[inline]
    fn load_block(w: &[u32; 16]) -> [__m128i; 4] {
        core::array::from_fn(|i| {
            let w = &w[4 * i..4 * i + 4];
            _mm_set_epi32(w[0] as i32, w[1] as i32, w[2] as i32, w[3] as i32)
        })
    }

    /// `block` with `value` OR-ed into its word `word` (0 to 15), in registers.
    #[inline]
    fn or_word(block: [__m128i; 4], word: usize, value: u32) -> [__m128i; 4] {
        core::array::from_fn(|r| {
            let first = 4 * r as i32;
            let lanes = _mm_set_epi32(first, first + 1, first + 2, first + 3);
            let at = _mm_cmpeq_epi32(lanes, _mm_set1_epi32(word as i32));
            _mm_or_si128(block[r], _mm_and_si128(at, _mm_set1_epi32(value as i32)))
        })
    }

    /// The block of a 20-octet message after one keyed block: the digest `d`, then the padding
    /// ([`PAD_WORDS`]).
    #[inline]
    fn digest_block(d: State) -> [__m128i; 4] {
        let pad = |i: usize| PAD_WORDS[i - 5] as i32;
        [
            d.abcd,
            _mm_or_si128(d.e, _mm_set_epi32(0, pad(5), pad(6), pad(7))),
            _mm_set_epi32(pad(8), pad(9), pad(10), pad(11)),
            _mm_set_epi32(pad(12), pad(13), pad(14), pad(15)),
        ]
    }

    /// `t ^= u`: a PBKDF2 chain's `T` takes in its new `U`.
    #[inline]
    fn xor_state(t: &mut State, u: &State) {
        t.abcd = _mm_xor_si128(t.abcd, u.abcd);
        t.e = _mm_xor_si128(t.e, u.e);
    }
}

/// `K` compressions, one per stream: `state[s]` absorbs `block[s]` ([`rounds`]).
///
/// Up to three streams the rounds are inlined into the caller, so that its states stay in
/// registers from one compression to the next; an outlined copy shared by several callers
/// passes them through memory, which cost one PBKDF2 with its two chains 13% and three streams
/// 11% on an AMD EPYC (Zen 4). Four streams' states and message words do not fit the sixteen
/// XMM registers either way, and there one outlined copy ([`rounds_apart`]) measured 5% faster
/// than inlined ones (the batch PSK and identification).
///
/// # Safety
/// The CPU has the SHA extensions, SSE2, SSSE3 and SSE4.1.
#[inline(always)]
unsafe fn compress<const K: usize>(state: &mut [State; K], block: [[__m128i; 4]; K]) {
    // SAFETY: the caller guarantees the CPU features.
    unsafe {
        if K <= 3 {
            rounds(state, block);
        } else {
            rounds_apart(state, block);
        }
    }
}

sha_features! {
    /// [`rounds`] in a function of its own, for four streams ([`compress`]).
    #[inline(never)]
    fn rounds_apart<const K: usize>(state: &mut [State; K], block: [[__m128i; 4]; K]) {
        // SAFETY: this function's features are the rounds'.
        unsafe { rounds(state, block) };
    }

    /// [`shared_rounds`] in a function of its own, for four streams ([`compress_shared`]).
    #[inline(never)]
    fn shared_rounds_apart<const K: usize>(state: &mut [State; K], block: [__m128i; 4]) {
        // SAFETY: this function's features are the rounds'.
        unsafe { shared_rounds(state, block) };
    }
}

/// `K` compressions of one block shared by the streams ([`shared_rounds`]), inlined or not as
/// [`compress`].
///
/// # Safety
/// The CPU has the SHA extensions, SSE2, SSSE3 and SSE4.1.
#[inline(always)]
unsafe fn compress_shared<const K: usize>(state: &mut [State; K], block: [__m128i; 4]) {
    // SAFETY: the caller guarantees the CPU features.
    unsafe {
        if K <= 3 {
            shared_rounds(state, block);
        } else {
            shared_rounds_apart(state, block);
        }
    }
}

/// `K` compressions, one per stream: `state[s]` absorbs `block[s]`. The rounds of the
/// streams alternate group by group (FIPS 180-4 §6.1.2, four rounds per `sha1rnds4`).
/// `unsafe` and without `#[target_feature]` so that it can be `#[inline(always)]` into the
/// functions that have the features.
///
/// # Safety
/// The CPU has the SHA extensions, SSE2, SSSE3 and SSE4.1.
#[inline(always)]
unsafe fn rounds<const K: usize>(state: &mut [State; K], block: [[__m128i; 4]; K]) {
    // SAFETY: the caller guarantees the CPU features these intrinsics need.
    unsafe {
        let mut w: [[__m128i; 5]; K] = core::array::from_fn(|s| {
            [block[s][0], block[s][1], block[s][2], block[s][3], block[s][0]]
        });
        let mut h0: [__m128i; K] = core::array::from_fn(|s| state[s].abcd);
        let mut h1: [__m128i; K] = core::array::from_fn(|s| _mm_add_epi32(state[s].e, w[s][0]));
        // Four rounds on every stream: `$to = rounds(from $from, message $w + E from $to)`.
        macro_rules! rounds4 {
            ($from:ident, $to:ident, first, $f:literal) => {
                for s in 0..K {
                    $to[s] = _mm_sha1rnds4_epu32($from[s], $to[s], $f);
                }
            };
            ($from:ident, $to:ident, $wi:literal, $f:literal) => {
                for s in 0..K {
                    $to[s] =
                        _mm_sha1rnds4_epu32($from[s], _mm_sha1nexte_epu32($to[s], w[s][$wi]), $f);
                }
            };
        }
        // The next four message words into slot `$d` from the slots `$a, $b, $c, $e` (the
        // four before it), then four rounds with them.
        macro_rules! schedule_rounds4 {
            ($from:ident, $to:ident, $a:literal, $b:literal, $c:literal, $e:literal, $d:literal, $f:literal) => {
                for s in 0..K {
                    let x = _mm_xor_si128(_mm_sha1msg1_epu32(w[s][$a], w[s][$b]), w[s][$c]);
                    w[s][$d] = _mm_sha1msg2_epu32(x, w[s][$e]);
                }
                rounds4!($from, $to, $d, $f);
            };
        }
        // Rounds 0..20
        rounds4!(h0, h1, first, 0);
        rounds4!(h1, h0, 1, 0);
        rounds4!(h0, h1, 2, 0);
        rounds4!(h1, h0, 3, 0);
        schedule_rounds4!(h0, h1, 0, 1, 2, 3, 4, 0);
        // Rounds 20..40
        schedule_rounds4!(h1, h0, 1, 2, 3, 4, 0, 1);
        schedule_rounds4!(h0, h1, 2, 3, 4, 0, 1, 1);
        schedule_rounds4!(h1, h0, 3, 4, 0, 1, 2, 1);
        schedule_rounds4!(h0, h1, 4, 0, 1, 2, 3, 1);
        schedule_rounds4!(h1, h0, 0, 1, 2, 3, 4, 1);
        // Rounds 40..60
        schedule_rounds4!(h0, h1, 1, 2, 3, 4, 0, 2);
        schedule_rounds4!(h1, h0, 2, 3, 4, 0, 1, 2);
        schedule_rounds4!(h0, h1, 3, 4, 0, 1, 2, 2);
        schedule_rounds4!(h1, h0, 4, 0, 1, 2, 3, 2);
        schedule_rounds4!(h0, h1, 0, 1, 2, 3, 4, 2);
        // Rounds 60..80
        schedule_rounds4!(h1, h0, 1, 2, 3, 4, 0, 3);
        schedule_rounds4!(h0, h1, 2, 3, 4, 0, 1, 3);
        schedule_rounds4!(h1, h0, 3, 4, 0, 1, 2, 3);
        schedule_rounds4!(h0, h1, 4, 0, 1, 2, 3, 3);
        schedule_rounds4!(h1, h0, 0, 1, 2, 3, 4, 3);
        for s in 0..K {
            state[s].abcd = _mm_add_epi32(state[s].abcd, h0[s]);
            state[s].e = _mm_sha1nexte_epu32(h1[s], state[s].e);
        }
    }
}

/// `K` compressions of one block shared by the streams: its message schedule computed
/// once (`sha1msg1`, `sha1msg2`: it depends on the block alone), then the rounds of the
/// streams group by group, as [`rounds`].
///
/// # Safety
/// The CPU has the SHA extensions, SSE2, SSSE3 and SSE4.1.
#[inline(always)]
unsafe fn shared_rounds<const K: usize>(state: &mut [State; K], block: [__m128i; 4]) {
    // SAFETY: the caller guarantees the CPU features these intrinsics need.
    unsafe {
        let mut w = [block[0]; 20];
        w[..4].copy_from_slice(&block);
        for g in 4..20 {
            let x = _mm_xor_si128(_mm_sha1msg1_epu32(w[g - 4], w[g - 3]), w[g - 2]);
            w[g] = _mm_sha1msg2_epu32(x, w[g - 1]);
        }
        let mut h0: [__m128i; K] = core::array::from_fn(|s| state[s].abcd);
        let mut h1: [__m128i; K] = core::array::from_fn(|s| _mm_add_epi32(state[s].e, w[0]));
        // Round group `$g` on every stream, from `h0` into `h1` (even groups) or back.
        macro_rules! group {
            (h1, $g:literal, $f:literal) => {
                for s in 0..K {
                    h1[s] = _mm_sha1rnds4_epu32(h0[s], _mm_sha1nexte_epu32(h1[s], w[$g]), $f);
                }
            };
            (h0, $g:literal, $f:literal) => {
                for s in 0..K {
                    h0[s] = _mm_sha1rnds4_epu32(h1[s], _mm_sha1nexte_epu32(h0[s], w[$g]), $f);
                }
            };
        }
        for s in 0..K {
            h1[s] = _mm_sha1rnds4_epu32(h0[s], h1[s], 0);
        }
        group!(h0, 1, 0);
        group!(h1, 2, 0);
        group!(h0, 3, 0);
        group!(h1, 4, 0);
        group!(h0, 5, 1);
        group!(h1, 6, 1);
        group!(h0, 7, 1);
        group!(h1, 8, 1);
        group!(h0, 9, 1);
        group!(h1, 10, 2);
        group!(h0, 11, 2);
        group!(h1, 12, 2);
        group!(h0, 13, 2);
        group!(h1, 14, 2);
        group!(h0, 15, 3);
        group!(h1, 16, 3);
        group!(h0, 17, 3);
        group!(h1, 18, 3);
        group!(h0, 19, 3);
        for s in 0..K {
            state[s].abcd = _mm_add_epi32(state[s].abcd, h0[s]);
            state[s].e = _mm_sha1nexte_epu32(h1[s], state[s].e);
        }
    }
}

stream_lanes!(#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]);
stream_derived_key_mac!(#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]);
stream_counter_blocks!(#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]);

sha_features! {
    /// A 64-octet block in register form: each 16 octets reversed whole, which puts `W4i`
    /// (big-endian) in the highest lane.
    #[inline]
    fn load_block_octets(b: &[u8; 64]) -> [__m128i; 4] {
        let reverse = _mm_set_epi64x(0x0001_0203_0405_0607, 0x0809_0a0b_0c0d_0e0f);
        core::array::from_fn(|i| {
            // SAFETY: the 16 octets at `16 * i` are inside the borrowed 64-octet array, and an
            // unaligned load has no alignment requirement.
            let v = unsafe { _mm_loadu_si128(b.as_ptr().add(16 * i).cast()) };
            _mm_shuffle_epi8(v, reverse)
        })
    }

    /// The end of one HMAC from `start` ([`BlockHash::mac`]): the message blocks from the
    /// inner state, then the outer hash of their digest, without leaving the registers (the
    /// digest is already the first words of the outer block: [`digest_block`]).
    pub(super) fn mac(start: MacStart<'_, Sha1>, blocks: &[Octets<64>], mac: &mut [u32; 5]) {
        // One body for both starts: split in two as in `super::x86_sha256`, it measured the
        // same here (PMKID SHA-1, AMD EPYC, Zen 4).
        let mut keys = match start {
            MacStart::States(inner, outer) => [load_state(inner), load_state(outer)],
            MacStart::Pads(ipad, opad) => {
                let iv = load_state(&Sha1::IV);
                let mut pads = [iv, iv];
                let blocks = [load_block_octets(&ipad.0), load_block_octets(&opad.0)];
                // SAFETY: this function's features are the rounds'.
                unsafe { compress(&mut pads, blocks) };
                pads
            }
        };
        let mut st = [keys[0]];
        for block in blocks {
            // SAFETY: this function's features are the rounds'.
            unsafe { compress(&mut st, [load_block_octets(&block.0)]) };
        }
        let mut message = [digest_block(st[0])];
        st = [keys[1]];
        // SAFETY: this function's features are the rounds'.
        unsafe { compress(&mut st, message) };
        *mac = store_state(st[0]);
        st.zeroize();
        message.zeroize();
        keys.zeroize();
    }

    /// Two compressions side by side: `a` absorbs `block_a`, `b` absorbs `block_b`.
    pub(super) fn compress_pair(
        a: &mut [u32; 5],
        block_a: &[u8; 64],
        b: &mut [u32; 5],
        block_b: &[u8; 64],
    ) {
        let mut st = [load_state(a), load_state(b)];
        // SAFETY: this function's features are the rounds'.
        unsafe { compress(&mut st, [load_block_octets(block_a), load_block_octets(block_b)]) };
        *a = store_state(st[0]);
        *b = store_state(st[1]);
        st.zeroize();
    }
}
