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

use super::{lane_of, set_lane, Chains, Message, LANES, PAD_WORDS};

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
    #[inline]
    fn compress<const N: usize>(state: &mut [State; N], block: [[uint32x4_t; 4]; N]) {
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
    #[inline]
    fn compress_shared<const N: usize>(state: &mut [State; N], block: [uint32x4_t; 4]) {
        compress(state, [block; N]);
    }

    /// Lanes `first..first + N` of `state`, each absorbing its block of `message`.
    pub(super) fn compress_lanes<const N: usize>(
        state: &mut [[u32; LANES]; 5],
        message: Message<'_>,
        first: usize,
    ) {
        let mut st: [State; N] = core::array::from_fn(|s| load_state(&lane_of(state, first + s)));
        let block = core::array::from_fn(|s| match message {
            Message::Lanes(b) => load_block(&lane_of(&b.0 .0, first + s)),
            Message::Padded(b, pad) => load_block(&lane_of(&b.0 .0, first + s).map(|w| w ^ pad)),
            Message::Shared(w) => load_block(w),
            Message::Digest(d) => digest_block(load_state(&lane_of(&d.0 .0, first + s))),
        });
        compress(&mut st, block);
        for (s, v) in st.iter().enumerate() {
            set_lane(state, first + s, &store_state(*v));
        }
        st.zeroize();
    }

    /// `steps` PBKDF2-HMAC-SHA1 iterations (RFC 8018 §5.2) on lanes `first..first + N` of `c`,
    /// side by side, every value in registers: `U = HMAC(P, U)`, `T ^= U`.
    pub(super) fn pbkdf2_lanes<const N: usize>(c: &mut Chains, first: usize, steps: u32) {
        let load = |w: &[[u32; LANES]; 5], s: usize| load_state(&lane_of(w, first + s));
        let mut inner: [State; N] = core::array::from_fn(|s| load(&c.inner, s));
        let mut outer: [State; N] = core::array::from_fn(|s| load(&c.outer, s));
        let mut u: [State; N] = core::array::from_fn(|s| load(&c.u, s));
        let mut t: [State; N] = core::array::from_fn(|s| load(&c.t, s));
        for _ in 0..steps {
            let mut h = inner;
            compress(&mut h, core::array::from_fn(|s| digest_block(u[s])));
            u = outer;
            compress(&mut u, core::array::from_fn(|s| digest_block(h[s])));
            for s in 0..N {
                t[s].abcd = veorq_u32(t[s].abcd, u[s].abcd);
                t[s].e ^= u[s].e;
            }
        }
        for s in 0..N {
            set_lane(&mut c.u, first + s, &store_state(u[s]));
            set_lane(&mut c.t, first + s, &store_state(t[s]));
        }
        inner.zeroize();
        outer.zeroize();
        u.zeroize();
        t.zeroize();
    }
}

stream_derived_key_mac!(#[target_feature(enable = "sha2")]);
stream_counter_blocks!(#[target_feature(enable = "sha2")]);
