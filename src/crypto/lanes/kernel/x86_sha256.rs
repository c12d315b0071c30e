//! SHA-256 on the x86 SHA extensions (`sha256rnds2`, `sha256msg1`, `sha256msg2`), `K`
//! independent compressions interleaved round group by round group.
//!
//! As with SHA-1 ([`super::x86_sha`]), each `sha256rnds2` waits on the one before it, so one
//! compression leaves the SHA unit idle much of the time; a second, independent one fills those
//! gaps. The derivations that use this have exactly such pairs: the ipad and opad blocks of an
//! HMAC key, and the output blocks of a KDF (IEEE 802.11-2020 12.7.1.7.2).
//!
//! Register form (Intel SHA extensions reference): a state is two registers, `abef` (A in the
//! highest 32-bit lane, then B, E, F) and `cdgh`; a block is four registers of four big-endian
//! message words, `W4i` in the lowest lane. FIPS 180-4 §6.2.2.
//!
//! Every function here is `#[target_feature]` (or, for the rounds, `unsafe` and inlined into
//! one that is): [`super::sha256_pair`], [`super::sha256_mac`] and [`super::sha256_mac_pair`]
//! call them only after detecting the features.

#[cfg(target_arch = "x86")]
use core::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use core::arch::x86_64::*;

use zeroize::Zeroize;

use crate::crypto::engine::{BlockHash, MacStart, Sha256};
use crate::secret::Octets;

/// The SHA-256 constants `K0..K63` (FIPS 180-4 §4.2.2).
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// One SHA-256 state in register form.
#[derive(Clone, Copy)]
struct State {
    abef: __m128i,
    cdgh: __m128i,
}

impl Zeroize for State {
    fn zeroize(&mut self) {
        self.abef.zeroize();
        self.cdgh.zeroize();
    }
}

/// Feature set of every function in this module.
macro_rules! sha_features {
    ($($item:item)*) => {$(
        #[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
        $item
    )*};
}

sha_features! {
    /// A state from its eight words `a..h`.
    #[inline]
    fn load_state(s: &[u32; 8]) -> State {
        let w = |i: usize| s[i] as i32;
        State {
            abef: _mm_set_epi32(w(0), w(1), w(4), w(5)),
            cdgh: _mm_set_epi32(w(2), w(3), w(6), w(7)),
        }
    }

    /// The eight words of a state.
    #[inline]
    fn store_state(s: State) -> [u32; 8] {
        [
            _mm_extract_epi32::<3>(s.abef) as u32,
            _mm_extract_epi32::<2>(s.abef) as u32,
            _mm_extract_epi32::<3>(s.cdgh) as u32,
            _mm_extract_epi32::<2>(s.cdgh) as u32,
            _mm_extract_epi32::<1>(s.abef) as u32,
            _mm_extract_epi32::<0>(s.abef) as u32,
            _mm_extract_epi32::<1>(s.cdgh) as u32,
            _mm_extract_epi32::<0>(s.cdgh) as u32,
        ]
    }

    /// A 64-octet block as four registers of big-endian words: each word's octets reversed
    /// in place, `W4i` in the lowest lane.
    #[inline]
    fn load_block(b: &[u8; 64]) -> [__m128i; 4] {
        let swap = _mm_set_epi64x(0x0c0d_0e0f_0809_0a0b, 0x0405_0607_0001_0203);
        core::array::from_fn(|i| {
            // SAFETY: the 16 octets at `16 * i` are inside the borrowed 64-octet array, and an
            // unaligned load has no alignment requirement.
            let v = unsafe { _mm_loadu_si128(b.as_ptr().add(16 * i).cast()) };
            _mm_shuffle_epi8(v, swap)
        })
    }

    /// The block an HMAC's outer hash compresses after its opad block: the inner digest of
    /// `s` as words 0 to 7, then the padding for 64 + 32 octets (FIPS 180-4 §5.1.1), built in
    /// registers. A digest's octets are its words big-endian, as a block's are: the words carry
    /// over unchanged.
    #[inline]
    fn digest_block(s: State) -> [__m128i; 4] {
        // `unpackhi(cdgh, abef)` is (d, c, b, a) from the lowest lane up; reversed, (a, b, c, d).
        let abcd = _mm_shuffle_epi32(_mm_unpackhi_epi64(s.cdgh, s.abef), 0x1b);
        let efgh = _mm_shuffle_epi32(_mm_unpacklo_epi64(s.cdgh, s.abef), 0x1b);
        let bits: i32 = (64 + 32) * 8;
        [abcd, efgh, _mm_set_epi32(0, 0, 0, 0x8000_0000_u32 as i32), _mm_set_epi32(bits, 0, 0, 0)]
    }

    /// The end of one HMAC from `start` ([`BlockHash::mac`]): the message blocks from the
    /// inner state, then the outer hash of their digest, without leaving the registers.
    pub(super) fn mac(start: MacStart<'_, Sha256>, blocks: &[Octets<64>], mac: &mut [u32; 8]) {
        let (inner, outer) = match start {
            MacStart::States(inner, outer) => (load_state(inner), load_state(outer)),
            MacStart::Pads(ipad, opad) => return pads_mac(ipad, opad, blocks, mac),
        };
        let mut st = [inner];
        for block in blocks {
            // SAFETY: this function's features are `compress`'s.
            unsafe { compress(&mut st, [load_block(&block.0)]) };
        }
        // Moved into `compress`, whose schedule overwrites it word by word and is wiped there.
        // (A wipe of this copy as well only gives it a stack slot: 8 to 20 ns more per MAC.)
        let message = [digest_block(st[0])];
        st = [outer];
        // SAFETY: as above.
        unsafe { compress(&mut st, message) };
        *mac = store_state(st[0]);
        st.zeroize();
    }

    /// [`mac`] from a key's pads ([`MacStart::Pads`]), compressed side by side first (a
    /// function of its own: see [`pads_mac_pair`]).
    #[inline(never)]
    fn pads_mac(ipad: &Octets<64>, opad: &Octets<64>, blocks: &[Octets<64>], mac: &mut [u32; 8]) {
        let iv = load_state(&Sha256::IV);
        let mut pads = [iv, iv];
        // SAFETY: this function's features are `compress`'s.
        unsafe { compress(&mut pads, [load_block(&ipad.0), load_block(&opad.0)]) };
        let mut st = [pads[0]];
        for block in blocks {
            // SAFETY: as above.
            unsafe { compress(&mut st, [load_block(&block.0)]) };
        }
        // Wiped inside `compress`, as in `mac`.
        let message = [digest_block(st[0])];
        st = [pads[1]];
        // SAFETY: as above.
        unsafe { compress(&mut st, message) };
        *mac = store_state(st[0]);
        st.zeroize();
        pads.zeroize();
    }

    /// The ends of two HMACs of one key side by side from `start` ([`BlockHash::mac_pair`]):
    /// `a` the MAC of `blocks_a`, `b` of `blocks_b` (as many each). The states stay in
    /// registers from the pads to the MACs.
    pub(super) fn mac_pair(
        start: MacStart<'_, Sha256>,
        blocks_a: &[Octets<64>],
        a: &mut [u32; 8],
        blocks_b: &[Octets<64>],
        b: &mut [u32; 8],
    ) {
        let (inner, outer) = match start {
            MacStart::States(inner, outer) => (load_state(inner), load_state(outer)),
            MacStart::Pads(ipad, opad) => return pads_mac_pair(ipad, opad, blocks_a, a, blocks_b, b),
        };
        let mut st = [inner, inner];
        for (block_a, block_b) in blocks_a.iter().zip(blocks_b) {
            // SAFETY: this function's features are `compress`'s.
            unsafe { compress(&mut st, [load_block(&block_a.0), load_block(&block_b.0)]) };
        }
        // Wiped inside `compress`, as in `mac`.
        let message = [digest_block(st[0]), digest_block(st[1])];
        st = [outer, outer];
        // SAFETY: this function's features are `compress`'s.
        unsafe { compress(&mut st, message) };
        *a = store_state(st[0]);
        *b = store_state(st[1]);
        st.zeroize();
    }

    /// [`mac_pair`] from a key's pads ([`MacStart::Pads`]), compressed side by side first.
    ///
    /// A function of its own, its end written out again rather than shared with
    /// [`mac_pair`]: with both starts in one function, or the end in a shared inlined one,
    /// the compiler computed the pads' message schedule ahead of their rounds and kept it on
    /// the stack, and a KDF's pair of MACs took about 20 ns more (AMD EPYC, Zen 4). [`mac`]
    /// and [`pads_mac`] are split the same way.
    #[inline(never)]
    fn pads_mac_pair(
        ipad: &Octets<64>,
        opad: &Octets<64>,
        blocks_a: &[Octets<64>],
        a: &mut [u32; 8],
        blocks_b: &[Octets<64>],
        b: &mut [u32; 8],
    ) {
        let iv = load_state(&Sha256::IV);
        let mut pads = [iv, iv];
        // SAFETY: this function's features are `compress`'s.
        unsafe { compress(&mut pads, [load_block(&ipad.0), load_block(&opad.0)]) };
        let mut st = [pads[0], pads[0]];
        for (block_a, block_b) in blocks_a.iter().zip(blocks_b) {
            // SAFETY: this function's features are `compress`'s.
            unsafe { compress(&mut st, [load_block(&block_a.0), load_block(&block_b.0)]) };
        }
        let message = [digest_block(st[0]), digest_block(st[1])];
        st = [pads[1], pads[1]];
        // SAFETY: this function's features are `compress`'s.
        unsafe { compress(&mut st, message) };
        *a = store_state(st[0]);
        *b = store_state(st[1]);
        st.zeroize();
        pads.zeroize();
    }

    /// Two compressions side by side: `a` absorbs `block_a`, `b` absorbs `block_b`.
    pub(super) fn compress_pair(
        a: &mut [u32; 8],
        block_a: &[u8; 64],
        b: &mut [u32; 8],
        block_b: &[u8; 64],
    ) {
        let mut st = [load_state(a), load_state(b)];
        // SAFETY: this function's features are `compress`'s.
        unsafe { compress(&mut st, [load_block(block_a), load_block(block_b)]) };
        *a = store_state(st[0]);
        *b = store_state(st[1]);
        st.zeroize();
    }
}

/// `N` compressions, one per stream: `state[s]` absorbs `block[s]`, the rounds of the
/// streams alternating four by four.
///
/// Not `#[target_feature]` itself, so that it can be `#[inline(always)]`: every caller is, and
/// each has its own copy of the rounds with the states in registers (an outlined copy shared by
/// two callers passes them through memory, about 9 ns per pair on an AMD EPYC, Zen 4).
///
/// # Safety
/// The CPU has the SHA extensions, SSE2, SSSE3 and SSE4.1.
#[inline(always)]
unsafe fn compress<const N: usize>(state: &mut [State; N], block: [[__m128i; 4]; N]) {
    // SAFETY: the caller guarantees the CPU features these intrinsics need.
    unsafe {
        let mut w = block;
        let mut abef: [__m128i; N] = core::array::from_fn(|s| state[s].abef);
        let mut cdgh: [__m128i; N] = core::array::from_fn(|s| state[s].cdgh);
        // Rounds 4g..4g+4 on every stream with message group `w[s][$i]` (two `sha256rnds2`,
        // each two rounds: the upper half of `W + K` moved down for the second).
        macro_rules! rounds4 {
            ($g:literal, $i:literal) => {
                let k = _mm_set_epi32(
                    K[4 * $g + 3] as i32,
                    K[4 * $g + 2] as i32,
                    K[4 * $g + 1] as i32,
                    K[4 * $g] as i32,
                );
                for s in 0..N {
                    let wk = _mm_add_epi32(w[s][$i], k);
                    cdgh[s] = _mm_sha256rnds2_epu32(cdgh[s], abef[s], wk);
                    abef[s] = _mm_sha256rnds2_epu32(abef[s], cdgh[s], _mm_shuffle_epi32(wk, 0x0e));
                }
            };
        }
        // The next four message words (FIPS 180-4 §6.2.2 step 1) into slot `$d`, from the four
        // groups before it in slots `$d, $a, $b, $c`, then their rounds.
        macro_rules! schedule_rounds4 {
            ($g:literal, $d:literal, $a:literal, $b:literal, $c:literal) => {
                for s in 0..N {
                    let x = _mm_sha256msg1_epu32(w[s][$d], w[s][$a]);
                    let x = _mm_add_epi32(x, _mm_alignr_epi8(w[s][$c], w[s][$b], 4));
                    w[s][$d] = _mm_sha256msg2_epu32(x, w[s][$c]);
                }
                rounds4!($g, $d);
            };
        }
        rounds4!(0, 0);
        rounds4!(1, 1);
        rounds4!(2, 2);
        rounds4!(3, 3);
        schedule_rounds4!(4, 0, 1, 2, 3);
        schedule_rounds4!(5, 1, 2, 3, 0);
        schedule_rounds4!(6, 2, 3, 0, 1);
        schedule_rounds4!(7, 3, 0, 1, 2);
        schedule_rounds4!(8, 0, 1, 2, 3);
        schedule_rounds4!(9, 1, 2, 3, 0);
        schedule_rounds4!(10, 2, 3, 0, 1);
        schedule_rounds4!(11, 3, 0, 1, 2);
        schedule_rounds4!(12, 0, 1, 2, 3);
        schedule_rounds4!(13, 1, 2, 3, 0);
        schedule_rounds4!(14, 2, 3, 0, 1);
        schedule_rounds4!(15, 3, 0, 1, 2);
        for s in 0..N {
            state[s].abef = _mm_add_epi32(state[s].abef, abef[s]);
            state[s].cdgh = _mm_add_epi32(state[s].cdgh, cdgh[s]);
        }
        w.zeroize();
    }
}
