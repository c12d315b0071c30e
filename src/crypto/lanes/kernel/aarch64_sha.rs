//! SHA-1 on the Armv8 SHA-1 instructions (`sha1c`, `sha1p`, `sha1m`, `sha1h`, `sha1su0`,
//! `sha1su1`), `K` independent streams interleaved round group by round group, as
//! [`super::x86_sha`] does on x86.
//!
//! Register form (Arm A64 instruction set, SHA1C and friends): a state is `abcd` with `A` in
//! lane 0 and `E` as a plain word; a block is four registers, word `W4i+j` in lane `j` of
//! register `i`. A digest in that form is already the first five words of the next block.
//!
//! Every function here is `#[target_feature(enable = "sha2")]` (the Arm feature name that
//! covers the SHA-1 and SHA-256 instructions): [`super::Backend::run`] calls them only after
//! detecting it.

use core::arch::aarch64::*;

use zeroize::Zeroize;

use super::{LANES, PAD_WORDS};

/// The round constants of FIPS 180-4 §4.2.1.
const K: [u32; 4] = [0x5a82_7999, 0x6ed9_eba1, 0x8f1b_bcdc, 0xca62_c1d6];

/// The round constant of round group `g` (rounds `4g..4g + 4`); past the last group, the
/// last one.
const fn constant_of(g: usize) -> usize {
    if g >= 15 {
        3
    } else {
        g / 5
    }
}

/// One SHA-1 state in register form.
#[derive(Clone, Copy)]
struct State {
    abcd: uint32x4_t,
    e: u32,
}

impl Zeroize for State {
    fn zeroize(&mut self) {
        self.abcd.zeroize();
        self.e.zeroize();
    }
}

/// Feature set of every function in this module.
macro_rules! sha_features {
    ($($item:item)*) => {$(
        #[target_feature(enable = "sha2")]
        $item
    )*};
}

sha_features! {
    /// A register from four words, word `j` in lane `j`.
    #[inline]
    fn vector(w: &[u32; 4]) -> uint32x4_t {
        // SAFETY: `w` is a valid reference to four `u32`, the 16 octets `vld1q_u32` reads.
        unsafe { vld1q_u32(w.as_ptr()) }
    }

    /// A state from its five words.
    #[inline]
    fn load_state(s: &[u32; 5]) -> State {
        State { abcd: vector(&[s[0], s[1], s[2], s[3]]), e: s[4] }
    }

    /// The five words of a state.
    #[inline]
    fn store_state(s: State) -> [u32; 5] {
        [
            vgetq_lane_u32::<0>(s.abcd),
            vgetq_lane_u32::<1>(s.abcd),
            vgetq_lane_u32::<2>(s.abcd),
            vgetq_lane_u32::<3>(s.abcd),
            s.e,
        ]
    }

    /// A block from its sixteen words.
    #[inline]
    fn load_block(w: &[u32; 16]) -> [uint32x4_t; 4] {
        core::array::from_fn(|i| vector(&[w[4 * i], w[4 * i + 1], w[4 * i + 2], w[4 * i + 3]]))
    }

    /// A 64-octet block: each word's four octets reversed (the words are big-endian).
    #[inline]
    fn load_block_octets(b: &[u8; 64]) -> [uint32x4_t; 4] {
        core::array::from_fn(|i| {
            // SAFETY: the 16 octets at `16 * i` are inside the borrowed 64-octet array, the
            // 16 octets `vld1q_u8` reads.
            let v = unsafe { vld1q_u8(b.as_ptr().add(16 * i)) };
            vreinterpretq_u32_u8(vrev32q_u8(v))
        })
    }

    /// `block` with `value` OR-ed into its word `word` (0 to 15), in registers.
    #[inline]
    fn or_word(block: [uint32x4_t; 4], word: usize, value: u32) -> [uint32x4_t; 4] {
        core::array::from_fn(|r| {
            let first = 4 * r as u32;
            let lanes = vector(&[first, first + 1, first + 2, first + 3]);
            let at = vceqq_u32(lanes, vdupq_n_u32(word as u32));
            vorrq_u32(block[r], vandq_u32(at, vdupq_n_u32(value)))
        })
    }

    /// The block of a 20-octet message after one keyed block: the digest `d`, then the padding
    /// ([`PAD_WORDS`]).
    #[inline]
    fn digest_block(d: State) -> [uint32x4_t; 4] {
        let p = PAD_WORDS;
        [
            d.abcd,
            vector(&[d.e, p[0], p[1], p[2]]),
            vector(&[p[3], p[4], p[5], p[6]]),
            vector(&[p[7], p[8], p[9], p[10]]),
        ]
    }

    /// `K` compressions, one per stream: `state[s]` absorbs `block[s]`. The rounds of the
    /// streams alternate group by group (FIPS 180-4 §6.1.2, four rounds per instruction).
    ///
    /// `unsafe` only to share the call sites of the x86 body, whose rounds must be an `unsafe`
    /// function to be inlined into every caller (Arm's intrinsics are always inlined and need
    /// the features on the function itself, so this one keeps them).
    ///
    /// # Safety
    /// None beyond the target feature: a safe call from a function that has it.
    #[inline]
    unsafe fn compress<const N: usize>(state: &mut [State; N], block: [[uint32x4_t; 4]; N]) {
        let k = K.map(|k| vdupq_n_u32(k));
        let mut msg = block;
        let mut abcd: [uint32x4_t; N] = core::array::from_fn(|s| state[s].abcd);
        // `e[g % 2]` is the E of round group `g`; `tmp[g % 2]` its message words plus K.
        let mut e: [[u32; N]; 2] = [core::array::from_fn(|s| state[s].e), [0; N]];
        let mut tmp: [[uint32x4_t; N]; 2] = [
            core::array::from_fn(|s| vaddq_u32(msg[s][0], k[0])),
            core::array::from_fn(|s| vaddq_u32(msg[s][1], k[0])),
        ];
        // Round group `g` (rounds 4g..4g + 4) on every stream, with the message schedule
        // for the groups two and more ahead.
        macro_rules! group {
            ($($g:literal)*) => {$(
                for s in 0..N {
                    e[($g + 1) % 2][s] = vsha1h_u32(vgetq_lane_u32::<0>(abcd[s]));
                    let (x, w) = (e[$g % 2][s], tmp[$g % 2][s]);
                    abcd[s] = match $g / 5 {
                        0 => vsha1cq_u32(abcd[s], x, w),
                        2 => vsha1mq_u32(abcd[s], x, w),
                        _ => vsha1pq_u32(abcd[s], x, w),
                    };
                    if $g + 2 < 20 {
                        tmp[$g % 2][s] = vaddq_u32(msg[s][($g + 2) % 4], k[constant_of($g + 2)]);
                    }
                    if $g >= 1 && $g <= 16 {
                        let m = &mut msg[s];
                        m[($g + 3) % 4] = vsha1su1q_u32(m[($g + 3) % 4], m[($g + 2) % 4]);
                    }
                    if $g <= 15 {
                        let m = &mut msg[s];
                        m[$g % 4] = vsha1su0q_u32(m[$g % 4], m[($g + 1) % 4], m[($g + 2) % 4]);
                    }
                }
            )*};
        }
        group!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19);
        for s in 0..N {
            state[s].abcd = vaddq_u32(state[s].abcd, abcd[s]);
            state[s].e = state[s].e.wrapping_add(e[0][s]);
        }
    }

    /// `N` compressions of one block shared by the streams (the x86 body computes its
    /// schedule once; here each stream computes its own, as [`compress`]).
    ///
    /// # Safety
    /// As [`compress`].
    #[inline]
    unsafe fn compress_shared<const N: usize>(state: &mut [State; N], block: [uint32x4_t; 4]) {
        // SAFETY: this function has the target feature, which is all `compress` needs.
        unsafe { compress(state, [block; N]) };
    }

    /// `t ^= u`: a PBKDF2 chain's `T` takes in its new `U`.
    #[inline]
    fn xor_state(t: &mut State, u: &State) {
        t.abcd = veorq_u32(t.abcd, u.abcd);
        t.e ^= u.e;
    }
}

stream_lanes!(#[target_feature(enable = "sha2")]);
stream_derived_key_mac!(#[target_feature(enable = "sha2")]);
stream_counter_blocks!(#[target_feature(enable = "sha2")]);
