//! Multi-buffer SHA-1: sixteen independent SHA-1 computations compressed side by side in vector
//! registers. Two main users: the PBKDF2 chains of many passphrases at once
//! ([`crate::Psk::from_passphrases`]), and multi-PSK identification
//! ([`crate::frames::eapol::identify_pmk`]), which runs the KCK derivation and the MIC of sixteen
//! candidate PMKs at once as HMACs on the lanes: fused into one pass of a body
//! ([`DerivedKeyMac`]: from the key rows to the MACs, every state in registers, both messages
//! laid out once per search as [`SharedBlocks`], whose schedule the AVX-512 body takes
//! precomputed and the SHA-NI body computes once for all its streams), or as [`LaneHmac`]s one
//! compression at a time for the other MICs and for frames longer than [`MOST_SHARED_BLOCKS`].
//! The stream bodies also run the counter blocks of one SHA-1 PRF expansion side by side
//! ([`CounterBlocks`]), and the independent pairs of any single derivation (an HMAC key's two
//! pads, a KDF's output blocks): [`sha1_pair`], and [`sha256_pair`] on the SHA-256 stream body
//! ([`x86_sha256`]), the one SHA-256 code of the crate's own, which also ends an HMAC, or two
//! side by side, with the states in registers from the last inner blocks to the MAC
//! ([`sha256_mac`], [`sha256_mac_pair`]).
//!
//! The states and message words of 16 lanes are kept transposed (`[u32; LANES]` per word), and
//! one of several bodies compresses them, chosen at run time ([`Backend::detect`]), fastest
//! first:
//! - AVX-512 ([`avx512`]): the sixteen lanes side by side, one 512-bit register per word, the
//!   rounds written with the vector operations themselves so that every build profile keeps
//!   them in vector registers;
//! - the SHA extensions of x86 ([`x86_sha`]) or the SHA-1 instructions of Armv8
//!   ([`aarch64_sha`]): [`STREAMS`] lanes at a time, their compressions interleaved round group
//!   by round group. One SHA-1 compression alone leaves the SHA unit waiting on its own
//!   results; independent ones fill the gaps (about 2.2x the throughput of one stream with four,
//!   on the AMD EPYC the README names);
//! - a plain-Rust body, written as loops over the lanes with every round spelled out
//!   ([`Backend::Generic`]): the reference the others are tested against.
//!
//! A PBKDF2 chain ([`Chains`]) stays in registers for all its iterations on every body: a
//! digest in the register form of each instruction set is already the first words of the next
//! block. CPUs with none of these, and other architectures, run the sequential code on the
//! compression function ([`crate::crypto::prf::pbkdf2_sha1`], the engine's HMAC).
//!
//! Calling a `#[target_feature]` function is `unsafe` (the caller promises the CPU has the
//! features): this module is the only place in the crate where that happens, in one call per
//! body ([`Backend::run`]) and one per pair function, each right after the detection that makes
//! it sound. Its submodules also
//! load and store vector registers through pointers to arrays they borrow.
//!
//! Every word here may be key material (keyed states, `U_j`, `T`, HMAC key blocks, KCKs, MICs):
//! [`Chains`], [`LaneStates`], [`LaneBlocks`] are wiped on drop. The stream bodies and the
//! AVX-512 body also wipe the copies they load (keyed states, `U`, `T`, the lanes of a
//! compression) once per job, after their last compression; with the compression written into
//! the body as a macro this costs nothing measurable (the batch figures in the README are with
//! these wipes). What is not wiped: a compression's working variables and message-schedule
//! ring, which live in vector registers and in whatever stack slots the compiler spills them
//! to. (Wiping the body's per-step copies kept them in memory for the whole body: on an AMD
//! EPYC, Zen 4, the 64-PSK batch went from 35 to 75-88 ms with the earlier plain-Rust body.)
//! Rust gives no way to clear registers or a returned frame. FIPS 180-4 §6.1.2 (SHA-1), RFC
//! 2104 (HMAC), RFC 8018 §5.2 (PBKDF2).
#![allow(unsafe_code)]

#[cfg(test)]
extern crate std;

use subtle::ConstantTimeEq;
use zeroize::{DefaultIsZeroes, Zeroize};

use crate::crypto::engine::{key_block, BlockHash, MacStart, MessageBlocks, Sha1, Sha256};
use crate::secret::Octets;

/// The fused identification body of a stream backend ([`DerivedKeyMac`] on lanes
/// `first..first + K`, every value in registers from the key blocks to the MACs), written once
/// for the x86 and the Arm SHA instructions and expanded in each of their modules, whose
/// `State`, `load_state`, `store_state`, `load_block`, `digest_block`, `compress` and
/// `compress_shared` it uses.
/// `$attr`: the module's target features.
#[cfg(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64"))]
macro_rules! stream_derived_key_mac {
    ($(#[$attr:meta])*) => {
        /// `HMAC-SHA1(K_s, message)` for each of the `K` streams, `key[s]` its key block
        /// (`K0`), `message` its inner blocks after the ipad block (shared by the streams).
        /// Plain loops over the streams and words (no closures, no `map`): everything here
        /// must inline into this function, which has the target features.
        $(#[$attr])*
        #[inline]
        fn hmac_shared<const K: usize>(
            key: &[[u32; 16]; K],
            message: &[super::SharedBlock],
        ) -> [State; K] {
            let iv = load_state(&super::SHA1_IV);
            let (mut inner, mut outer) = ([iv; K], [iv; K]);
            let mut words = [0u32; 16];
            let mut block = [load_block(&words); K];
            for (pad, state) in [(super::IPAD, &mut inner), (super::OPAD, &mut outer)] {
                for s in 0..K {
                    for i in 0..16 {
                        words[i] = key[s][i] ^ pad;
                    }
                    block[s] = load_block(&words);
                }
                // SAFETY: this function has the module's target features, which the rounds need.
                unsafe { compress(state, block) };
            }
            words.zeroize();
            block.zeroize();
            for m in message {
                // SAFETY: this function has the module's target features, which the rounds need.
                unsafe { compress_shared(&mut inner, load_block(&m.words)) };
            }
            let mut block = [digest_block(inner[0]); K];
            for s in 1..K {
                block[s] = digest_block(inner[s]);
            }
            // SAFETY: this function has the module's target features, which the rounds need.
            unsafe { compress(&mut outer, block) };
            inner.zeroize();
            block.zeroize();
            outer
        }

        /// [`super::DerivedKeyMac`] on lanes `first..first + K` of `keys`, the MACs into the
        /// same lanes of `out`.
        $(#[$attr])*
        pub(super) fn derived_key_mac_lanes<const K: usize>(
            job: &super::DerivedKeyMac<'_>,
            keys: &super::KeyRows,
            out: &mut [[u32; LANES]; 5],
            first: usize,
        ) {
            let mut key = [[0u32; 16]; K];
            for (s, k) in key.iter_mut().enumerate() {
                if let Some(row) = keys.0.get(first + s) {
                    *k = *row;
                }
            }
            let mut derived = hmac_shared(&key, job.first.blocks());
            for s in 0..K {
                let mut words = store_state(derived[s]);
                key[s] = [0; 16];
                for i in 0..5 {
                    key[s][i] = words[i] & job.key_mask[i];
                }
                words.zeroize();
            }
            derived.zeroize();
            let mut mac = hmac_shared(&key, job.second.blocks());
            key.zeroize();
            for s in 0..K {
                let words = store_state(mac[s]);
                for i in 0..5 {
                    if let Some(o) = out[i].get_mut(first + s) {
                        *o = words[i];
                    }
                }
            }
            mac.zeroize();
        }
    };
}

/// The lane jobs of a stream backend (one compression of lanes `first..first + K`, and PBKDF2
/// steps on them), written once for the x86 and the Arm SHA instructions like
/// [`stream_derived_key_mac`]; besides that macro's functions they use the module's
/// `xor_state` (`T ^= U`). `$attr`: the module's target features.
#[cfg(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64"))]
macro_rules! stream_lanes {
    ($(#[$attr:meta])*) => {
        /// Lanes `first..first + K` of `state`, each absorbing its block of `message`.
        $(#[$attr])*
        pub(super) fn compress_lanes<const K: usize>(
            state: &mut [[u32; LANES]; 5],
            message: super::Message<'_>,
            first: usize,
        ) {
            use super::{lane_of, set_lane, Message};
            let mut st: [State; K] =
                core::array::from_fn(|s| load_state(&lane_of(state, first + s)));
            let block = core::array::from_fn(|s| match message {
                Message::Lanes(b) => load_block(&lane_of(&b.0 .0, first + s)),
                Message::Padded(b, pad) => {
                    load_block(&lane_of(&b.0 .0, first + s).map(|w| w ^ pad))
                }
                Message::Shared(w) => load_block(w),
                Message::Digest(d) => digest_block(load_state(&lane_of(&d.0 .0, first + s))),
            });
            // SAFETY: this function has the module's target features, which the rounds need.
            unsafe { compress(&mut st, block) };
            for (s, v) in st.iter().enumerate() {
                set_lane(state, first + s, &store_state(*v));
            }
            st.zeroize();
        }

        /// `steps` PBKDF2-HMAC-SHA1 iterations (RFC 8018 §5.2) on lanes `first..first + K` of
        /// `c`, side by side, every value in registers: `U = HMAC(P, U)`, `T ^= U`.
        $(#[$attr])*
        pub(super) fn pbkdf2_lanes<const K: usize>(c: &mut super::Chains, first: usize, steps: u32) {
            use super::{lane_of, set_lane};
            let load = |w: &[[u32; LANES]; 5], s: usize| load_state(&lane_of(w, first + s));
            let mut inner: [State; K] = core::array::from_fn(|s| load(&c.inner, s));
            let mut outer: [State; K] = core::array::from_fn(|s| load(&c.outer, s));
            let mut u: [State; K] = core::array::from_fn(|s| load(&c.u, s));
            let mut t: [State; K] = core::array::from_fn(|s| load(&c.t, s));
            for _ in 0..steps {
                let mut h = inner;
                // SAFETY: this function has the module's target features, which the rounds need.
                unsafe { compress(&mut h, core::array::from_fn(|s| digest_block(u[s]))) };
                u = outer;
                // SAFETY: this function has the module's target features, which the rounds need.
                unsafe { compress(&mut u, core::array::from_fn(|s| digest_block(h[s]))) };
                for s in 0..K {
                    xor_state(&mut t[s], &u[s]);
                }
            }
            for s in 0..K {
                set_lane(&mut c.u, first + s, &store_state(u[s]));
                set_lane(&mut c.t, first + s, &store_state(t[s]));
            }
            inner.zeroize();
            outer.zeroize();
            u.zeroize();
            t.zeroize();
        }
    };
}

/// The counter blocks of one SHA-1 PRF expansion on a stream backend ([`CounterBlocks`] on
/// lanes `first..first + K`), written once for the x86 and the Arm SHA instructions like
/// [`stream_derived_key_mac`]. `$attr`: the module's target features.
#[cfg(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64"))]
macro_rules! stream_counter_blocks {
    ($(#[$attr:meta])*) => {
        /// [`super::CounterBlocks`] on its lanes `first..first + K`, their MACs into the same
        /// entries of `out`: the keyed states loaded once, the `K` chains interleaved, every
        /// value in registers from the last inner block to the MAC.
        $(#[$attr])*
        pub(super) fn counter_blocks_lanes<const K: usize>(
            job: &super::CounterBlocks<'_>,
            out: &mut [[u32; 5]],
            first: usize,
        ) {
            // Each lane's counter is set in registers: a block patched in memory and loaded at
            // once would stall on store forwarding, once per lane.
            let last = load_block_octets(&job.last.0);
            let mut block: [_; K] = core::array::from_fn(|s| {
                let (word, value) = job.counter_word(first + s);
                or_word(last, word, value)
            });
            let mut inner = [load_state(job.inner); K];
            // SAFETY: this function has the module's target features, which the rounds need.
            unsafe { compress(&mut inner, block) };
            if let Some(padding) = job.padding {
                // SAFETY: this function has the module's target features, which the rounds need.
                unsafe { compress_shared(&mut inner, load_block_octets(&padding.0)) };
            }
            for s in 0..K {
                block[s] = digest_block(inner[s]);
            }
            let mut outer = [load_state(job.outer); K];
            // SAFETY: this function has the module's target features, which the rounds need.
            unsafe { compress(&mut outer, block) };
            for s in 0..K {
                if let Some(o) = out.get_mut(first + s) {
                    *o = store_state(outer[s]);
                }
            }
            inner.zeroize();
            outer.zeroize();
            block.zeroize();
        }
    };
}

#[cfg(target_arch = "aarch64")]
mod aarch64_sha;
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod avx512;
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod x86_sha;
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod x86_sha256;

/// Two independent SHA-1 compressions (`a` absorbs `block_a`, `b` absorbs `block_b`), side by
/// side on the SHA extensions when the CPU has them, else one after the other on the `sha1`
/// crate: an HMAC key's ipad and opad blocks. In a loop of many, two calls of the crate in turn
/// overlap as well as this (21 ns per compression on an AMD EPYC, Zen 4), but a key's two pads
/// alone do not: the SHA-1 PRF of a PTK takes about 35 ns less with this pair.
pub(crate) fn sha1_pair(
    a: &mut [u32; 5],
    block_a: &[u8; 64],
    b: &mut [u32; 5],
    block_b: &[u8; 64],
) {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if shani_cpuid::get() {
        // SAFETY: the CPU has the SHA extensions, SSE2, SSSE3 and SSE4.1, checked just above.
        return unsafe { x86_sha::compress_pair(a, block_a, b, block_b) };
    }
    sha1::block_api::compress(a, core::slice::from_ref(block_a));
    sha1::block_api::compress(b, core::slice::from_ref(block_b));
}

/// Two independent SHA-256 compressions, as [`sha1_pair`], else on the `sha2` crate (which picks
/// its own best body): an HMAC key's ipad and opad blocks, two output blocks of a KDF. On an
/// AMD EPYC (Zen 4) two SHA-NI compressions cost 20 ns each this way, 26 ns as two calls of the
/// crate in turn, 40 ns alone.
pub(crate) fn sha256_pair(
    a: &mut [u32; 8],
    block_a: &[u8; 64],
    b: &mut [u32; 8],
    block_b: &[u8; 64],
) {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if shani_cpuid::get() {
        // SAFETY: the CPU has the SHA extensions, SSE2, SSSE3 and SSE4.1, checked just above.
        return unsafe { x86_sha256::compress_pair(a, block_a, b, block_b) };
    }
    sha2::block_api::compress256(a, core::slice::from_ref(block_a));
    sha2::block_api::compress256(b, core::slice::from_ref(block_b));
}

/// The end of one HMAC-SHA1 from `start` ([`BlockHash::mac`]) on the SHA extensions, in
/// registers throughout: a key's pads, the message blocks, the outer compression of their
/// digest. Gives `start` back, `mac` left alone, where the CPU lacks them.
pub(crate) fn sha1_mac<'a>(
    start: MacStart<'a, Sha1>,
    blocks: &[Octets<64>],
    mac: &mut [u32; 5],
) -> Result<(), MacStart<'a, Sha1>> {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if shani_cpuid::get() {
        // SAFETY: the CPU has the SHA extensions, SSE2, SSSE3 and SSE4.1, checked just above.
        unsafe { x86_sha::mac(start, blocks, mac) };
        return Ok(());
    }
    let _ = (blocks, mac);
    Err(start)
}

/// [`sha1_mac`] for SHA-256: no digest written out and read back.
pub(crate) fn sha256_mac<'a>(
    start: MacStart<'a, Sha256>,
    blocks: &[Octets<64>],
    mac: &mut [u32; 8],
) -> Result<(), MacStart<'a, Sha256>> {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if shani_cpuid::get() {
        // SAFETY: the CPU has the SHA extensions, SSE2, SSSE3 and SSE4.1, checked just above.
        unsafe { x86_sha256::mac(start, blocks, mac) };
        return Ok(());
    }
    let _ = (blocks, mac);
    Err(start)
}

/// [`sha256_mac`] for two HMACs of one key side by side ([`BlockHash::mac_pair`]): `a` the MAC
/// of `blocks_a`, `b` of `blocks_b` (as many each), the compressions in pairs.
pub(crate) fn sha256_mac_pair<'a>(
    start: MacStart<'a, Sha256>,
    blocks_a: &[Octets<64>],
    a: &mut [u32; 8],
    blocks_b: &[Octets<64>],
    b: &mut [u32; 8],
) -> Result<(), MacStart<'a, Sha256>> {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if shani_cpuid::get() {
        // SAFETY: the CPU has the SHA extensions, SSE2, SSSE3 and SSE4.1, checked just above.
        unsafe { x86_sha256::mac_pair(start, blocks_a, a, blocks_b, b) };
        return Ok(());
    }
    let _ = (blocks_a, a, blocks_b, b);
    Err(start)
}

/// Chains run side by side.
pub(crate) const LANES: usize = 16;

/// A lane's digest: one SHA-1 output, the longest KCK or MIC a lane can give.
pub(crate) const DIGEST_LEN: usize = <Sha1 as BlockHash>::OUT;

/// The big-endian word of four octets, as SHA-1 reads its blocks and writes its digest.
fn be_word(four: &[u8]) -> u32 {
    u32::from_be_bytes([four[0], four[1], four[2], four[3]])
}

/// A block as its sixteen big-endian words ([`be_word`]).
fn be_words(block: &Octets<64>) -> [u32; 16] {
    core::array::from_fn(|i| be_word(&block.0[4 * i..]))
}

/// The octets an HMAC-SHA1 outer hash (and the inner one in a PBKDF2 step) adds after its keyed
/// block: one 20-octet digest, then the padding for 64 + 20 octets (FIPS 180-4 §5.1.1), as
/// words 5 to 15 of the block.
const PAD_WORDS: [u32; 11] = [0x8000_0000, 0, 0, 0, 0, 0, 0, 0, 0, 0, (64 + 20) * 8];

/// SHA-1's initial value (FIPS 180-4 §5.3.1).
#[cfg(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64"))]
const SHA1_IV: [u32; 5] = <Sha1 as BlockHash>::IV;

/// HMAC's inner and outer pads (RFC 2104), as words.
const IPAD: u32 = 0x3636_3636;
const OPAD: u32 = 0x5c5c_5c5c;

/// Most blocks of a message shared by every lane ([`SharedBlocks`]): up to 631 octets after
/// the keyed block (10 blocks less the padding's 9 octets), an EAPOL-Key frame with a Key Data
/// of some 500 octets. Longer ones take the unfused path; each block takes 384 octets of stack
/// on x86 (its AVX-512 schedule), 64 elsewhere.
pub(crate) const MOST_SHARED_BLOCKS: usize = 10;

/// A compression body to run the chains with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend {
    /// The body compiled without target features (scalar or baseline vector code).
    #[cfg_attr(not(test), allow(dead_code))]
    Generic,
    /// Compiled for AVX-512 (F and VL): 16 lanes per 512-bit register, `vprold` rotations.
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    Avx512,
    /// The x86 SHA extensions, [`STREAMS`] lanes interleaved.
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    ShaNi,
    /// The Armv8 SHA-1 instructions, [`STREAMS`] lanes interleaved.
    #[cfg(target_arch = "aarch64")]
    ArmSha,
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
cpufeatures::new!(avx512_cpuid, "avx512f", "avx512vl");
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
cpufeatures::new!(shani_cpuid, "sha", "sse2", "ssse3", "sse4.1");
#[cfg(target_arch = "aarch64")]
cpufeatures::new!(armsha_hwcap, "sha2");

/// Lanes a stream backend ([`Backend::ShaNi`]) compresses side by side: its SHA unit needs
/// several independent compressions to stay busy (the README gives the cost per compression
/// for 1 to 4 streams).
pub(crate) const STREAMS: usize = 4;

/// Whether the AVX-512 body may be chosen (the benches switch it off to time the other paths
/// on an AVX-512 machine; see [`crate::__bench`]).
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
static AVX512_ALLOWED: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(true);

/// Allows or forbids the AVX-512 body in [`Backend::detect`] (results are the same either way).
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
pub(crate) fn allow_avx512(allowed: bool) {
    AVX512_ALLOWED.store(allowed, core::sync::atomic::Ordering::Relaxed);
}

impl Backend {
    /// The fastest body this CPU supports, if any: then the lanes beat the sequential path.
    /// AVX-512 (sixteen lanes in vector registers) first, then the SHA extensions (several
    /// streams interleaved).
    pub(crate) fn detect() -> Option<Backend> {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        {
            if AVX512_ALLOWED.load(core::sync::atomic::Ordering::Relaxed) && avx512_cpuid::get() {
                return Some(Backend::Avx512);
            }
            if shani_cpuid::get() {
                return Some(Backend::ShaNi);
            }
        }
        #[cfg(target_arch = "aarch64")]
        {
            if armsha_hwcap::get() {
                return Some(Backend::ArmSha);
            }
        }
        None
    }

    /// The stream body this CPU has (the SHA instructions), if any: the fastest for a few
    /// independent chains, such as the two of one PBKDF2 derivation.
    pub(crate) fn streams() -> Option<Backend> {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        {
            if shani_cpuid::get() {
                return Some(Backend::ShaNi);
            }
        }
        #[cfg(target_arch = "aarch64")]
        {
            if armsha_hwcap::get() {
                return Some(Backend::ArmSha);
            }
        }
        None
    }

    /// The body's name, as the benches print it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Backend::Generic => "portable",
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::Avx512 => "AVX-512 (16 lanes)",
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::ShaNi => "SHA-NI (streams)",
            #[cfg(target_arch = "aarch64")]
            Backend::ArmSha => "Arm SHA-1 (streams)",
        }
    }

    /// Below this many passphrases or candidates a group runs sequentially. A vector pass
    /// costs the same for one lane as for sixteen, about as much as three sequential
    /// derivations; the stream backends cost per lane in use, so any group is worth it.
    pub(crate) fn fewest_for_lanes(self) -> usize {
        match self {
            Backend::Generic => super::FEWEST_FOR_LANES,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::Avx512 => super::FEWEST_FOR_LANES,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::ShaNi => 1,
            #[cfg(target_arch = "aarch64")]
            Backend::ArmSha => 1,
        }
    }

    /// Runs `job` with this body. The one place where a `#[target_feature]` function is called.
    fn run(self, job: Job<'_>) {
        #[cfg(test)]
        tests::record(self);
        match self {
            Backend::Generic => job_generic(job),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::Avx512 => {
                if avx512_cpuid::get() {
                    // SAFETY: the CPU has AVX-512 F and VL, checked just above.
                    unsafe { job_avx512(job) }
                } else {
                    job_generic(job)
                }
            }
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::ShaNi => {
                if shani_cpuid::get() {
                    // SAFETY: the CPU has the SHA extensions, SSE2, SSSE3 and SSE4.1, checked
                    // just above.
                    unsafe { job_shani(job) }
                } else {
                    job_generic(job)
                }
            }
            #[cfg(target_arch = "aarch64")]
            Backend::ArmSha => {
                if armsha_hwcap::get() {
                    // SAFETY: the CPU has the Arm SHA-1/SHA-256 instructions, checked just
                    // above.
                    unsafe { job_armsha(job) }
                } else {
                    job_generic(job)
                }
            }
        }
    }

    /// `backend` if this CPU can run it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn cpu_has(backend: Backend) -> Option<Backend> {
        let has = match backend {
            Backend::Generic => true,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::Avx512 => avx512_cpuid::get(),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::ShaNi => shani_cpuid::get(),
            #[cfg(target_arch = "aarch64")]
            Backend::ArmSha => armsha_hwcap::get(),
        };
        has.then_some(backend)
    }

    /// Every body compiled for this architecture.
    #[cfg(test)]
    pub(crate) const ALL: &[Backend] = &[
        Backend::Generic,
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        Backend::Avx512,
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        Backend::ShaNi,
        #[cfg(target_arch = "aarch64")]
        Backend::ArmSha,
    ];

    /// Every body this CPU can run (for the tests). Each one it cannot run is reported on the
    /// test's standard error, which the test harness does not capture: a test that could not
    /// run a body says so instead of passing silently.
    #[cfg(test)]
    pub(crate) fn available() -> impl Iterator<Item = Backend> {
        use std::io::Write;
        Backend::ALL.iter().copied().filter(|&b| {
            let has = Backend::cpu_has(b).is_some();
            if !has {
                let note = std::format!("SKIPPED: the {} body (this CPU lacks it)\n", b.name());
                let _ = std::io::stderr().write_all(note.as_bytes());
            }
            has
        })
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
            let v = be_word(word);
            self.u[w][lane] = v;
            self.t[w][lane] = v;
            self.inner[w][lane] = inner[w];
            self.outer[w][lane] = outer[w];
        }
    }

    /// Writes the first `out.len()` (at most 20) octets of lane `lane`'s `T`.
    pub(crate) fn read(&self, lane: usize, out: &mut [u8]) {
        read_lane(&self.t, lane, out);
    }

    /// Runs `steps` PBKDF2 iterations with `backend` on lanes `0..count` (the vector bodies
    /// run all sixteen): `U = HMAC(P, U)`, `T ^= U`, two compressions per lane and step.
    pub(crate) fn run(&mut self, backend: Backend, count: usize, steps: u32) {
        backend.run(Job::Steps(self, count.min(LANES), steps));
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

/// The words of lane `lane` (a lane past the last one reads as zeros).
fn lane_of<const W: usize>(words: &[[u32; LANES]; W], lane: usize) -> [u32; W] {
    words.map(|w| w.get(lane).copied().unwrap_or(0))
}

/// Sets the words of lane `lane` (a lane past the last one is ignored).
#[cfg_attr(
    not(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64")),
    allow(dead_code)
)]
fn set_lane<const W: usize>(words: &mut [[u32; LANES]; W], lane: usize, value: &[u32; W]) {
    for (w, v) in words.iter_mut().zip(value) {
        if let Some(w) = w.get_mut(lane) {
            *w = *v;
        }
    }
}

/// Writes the first `out.len()` (at most 20) octets of lane `lane` of the five words `words`
/// (big-endian, as a SHA-1 digest).
fn read_lane(words: &[[u32; LANES]; 5], lane: usize, out: &mut [u8]) {
    let mut digest = lane_of(words, lane);
    Sha1::digest(&digest, out);
    digest.zeroize();
}

/// The bits of word `i` (big-endian) that fall in the first `len` octets.
const fn prefix_mask(len: usize, i: usize) -> u32 {
    match len.saturating_sub(4 * i) {
        0 => 0,
        n @ 1..=3 => !(u32::MAX >> (8 * n)),
        _ => u32::MAX,
    }
}

/// `W` words of every lane, transposed: word `w` of lane `l` is `[w][l]`. Wiped as one value
/// (one volatile write, like [`Octets`]), not one word at a time.
#[derive(Clone, Copy)]
struct Words<const W: usize>([[u32; LANES]; W]);

impl<const W: usize> Default for Words<W> {
    fn default() -> Self {
        Words([[0; LANES]; W])
    }
}

impl<const W: usize> DefaultIsZeroes for Words<W> {}

/// SHA-1 chaining states of the sixteen lanes, transposed, and how many lanes are in use (the
/// first ones: the stream backends compress only those). Keyed states, MACs, KCKs: wiped on
/// drop.
#[derive(Clone)]
pub(crate) struct LaneStates(Words<5>, usize);

impl LaneStates {
    /// Every lane at the SHA-1 initial value (FIPS 180-4 §5.3.1), the first `used` in use.
    pub(crate) fn iv(used: usize) -> LaneStates {
        LaneStates(Words(Sha1::IV.map(|w| [w; LANES])), used.min(LANES))
    }

    /// Every lane's state absorbs its block of `message`, with the body of `backend`.
    pub(crate) fn compress(&mut self, backend: Backend, message: Message<'_>) {
        backend.run(Job::Compress(&mut self.0 .0, self.1, message));
    }

    /// Writes the first `out.len()` (at most 20) octets of lane `lane`'s digest.
    pub(crate) fn digest(&self, lane: usize, out: &mut [u8]) {
        read_lane(&self.0 .0, lane, out);
    }

    /// The first of lanes `0..count` whose digest begins with `expected` (at most 20 octets;
    /// a longer one matches none), each lane compared in constant time, word by word, without
    /// writing its digest out.
    pub(crate) fn first_digest_eq(&self, count: usize, expected: &[u8]) -> Option<usize> {
        let mut want = [0u8; DIGEST_LEN];
        want.get_mut(..expected.len())?.copy_from_slice(expected);
        let len = expected.len();
        let want: [u32; 5] = core::array::from_fn(|i| be_word(&want[4 * i..]));
        (0..count.min(LANES)).find(|&lane| {
            let mut diff = 0;
            for (i, (words, want)) in self.0 .0.iter().zip(want).enumerate() {
                diff |= (words[lane] ^ want) & prefix_mask(len, i);
            }
            bool::from(diff.ct_eq(&0))
        })
    }
}

impl Drop for LaneStates {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// One 64-octet message block per lane, transposed, each word big-endian as SHA-1 reads it,
/// and how many lanes are in use (up to the last one loaded). Holds HMAC keys: wiped on drop.
pub(crate) struct LaneBlocks(Words<16>, usize);

impl LaneBlocks {
    /// Sixteen blocks of zeros, none in use.
    pub(crate) fn new() -> LaneBlocks {
        LaneBlocks(Words::default(), 0)
    }

    /// Sets lane `lane`'s block (a lane past the last one is ignored).
    pub(crate) fn load(&mut self, lane: usize, block: &Octets<64>) {
        self.1 = self.1.max(lane + 1).min(LANES);
        for (w, word) in self.0 .0.iter_mut().zip(block.0.chunks_exact(4)) {
            if let Some(w) = w.get_mut(lane) {
                *w = be_word(word);
            }
        }
    }

    /// The HMAC key blocks (RFC 2104 `K0`) whose keys are the first `len` octets (at most 20)
    /// of each lane's digest in `states`, followed by zeros: the KCKs of a PRF on the lanes,
    /// without leaving the transposed words.
    pub(crate) fn keys_from_digests(states: &LaneStates, len: usize) -> LaneBlocks {
        let mut keys = LaneBlocks(Words::default(), states.1);
        for (i, (k, s)) in keys.0 .0.iter_mut().zip(&states.0 .0).enumerate() {
            let mask = prefix_mask(len, i);
            for (k, s) in k.iter_mut().zip(s) {
                *k = s & mask;
            }
        }
        keys
    }

    /// The same block in every lane (the tests' way to write [`Message::Shared`]).
    #[cfg(test)]
    pub(crate) fn broadcast(block: &Octets<64>) -> LaneBlocks {
        let mut out = LaneBlocks(Words::default(), LANES);
        for (o, word) in out.0 .0.iter_mut().zip(block.0.chunks_exact(4)) {
            *o = [be_word(word); LANES];
        }
        out
    }
}

impl Drop for LaneBlocks {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// The HMAC key blocks (RFC 2104 `K0`) of up to sixteen keys, one row of sixteen big-endian
/// words per lane (row `l` is lane `l`'s block: written contiguously, which the transposed
/// [`LaneBlocks`] is not), and how many lanes are in use. The AVX-512 body transposes the rows
/// as it loads them, the stream bodies read their own rows. Wiped on drop.
pub(crate) struct KeyRows([[u32; 16]; LANES], usize);

impl KeyRows {
    /// Sixteen blocks of zeros, none in use.
    pub(crate) fn new() -> KeyRows {
        KeyRows([[0; 16]; LANES], 0)
    }

    /// Sets lane `lane`'s row to the key block of `key` (RFC 2104 `K0`, as [`key_block`]: the
    /// key followed by zeros, or its digest if longer than a block; a lane past the last one
    /// is ignored). A key of a block or less goes straight into the row's words, with no copy
    /// of its octets to wipe.
    pub(crate) fn load_key(&mut self, lane: usize, key: &[u8]) {
        let Some(row) = self.0.get_mut(lane) else {
            return;
        };
        self.1 = self.1.max(lane + 1);
        if key.len() > 64 {
            let mut k0 = key_block::<Sha1>(key);
            for (w, four) in row.iter_mut().zip(k0.0.chunks_exact(4)) {
                *w = be_word(four);
            }
            k0.zeroize();
            return;
        }
        let words = key.chunks_exact(4);
        // The last octets (fewer than four), then zeros.
        let tail = words.remainder().iter().enumerate();
        let last = tail.fold(0, |v, (j, &b)| v | u32::from(b) << (24 - 8 * j));
        let whole = key.len() / 4;
        for (w, four) in row.iter_mut().zip(words) {
            *w = be_word(four);
        }
        for (i, w) in row.iter_mut().enumerate().skip(whole) {
            *w = if i == whole { last } else { 0 };
        }
    }

    /// No lane in use (the rows stay until loaded again; a lane not in use is not read).
    pub(crate) fn reset(&mut self) {
        self.1 = 0;
    }

    /// The same blocks, transposed (for the plain-Rust body).
    fn transposed(&self) -> LaneBlocks {
        let mut out = LaneBlocks(Words::default(), self.1);
        for (lane, row) in self.0.iter().enumerate() {
            for (w, v) in out.0 .0.iter_mut().zip(row) {
                w[lane] = *v;
            }
        }
        out
    }
}

impl Drop for KeyRows {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// The block the lanes compress.
#[derive(Clone, Copy)]
pub(crate) enum Message<'a> {
    /// Each lane its own block (the tests; the crate's users give key blocks padded).
    #[cfg_attr(not(test), allow(dead_code))]
    Lanes(&'a LaneBlocks),
    /// Each lane its own block, every word XOR a pad: `K0 XOR ipad` or `K0 XOR opad`, formed as
    /// the body loads the key blocks (no copy of the keys is written).
    Padded(&'a LaneBlocks, u32),
    /// One block for every lane, as sixteen words (big-endian, as SHA-1 reads them): the
    /// message of an HMAC keyed differently in each lane. Each body spreads the words over the
    /// lanes as it loads them.
    Shared(&'a [u32; 16]),
    /// Each lane's digest, then the padding of a 64 + 20 octet message: the outer block of an
    /// HMAC.
    Digest(&'a LaneStates),
}

/// HMAC-SHA1 (RFC 2104) with a key per lane and one message for all: the states after the ipad
/// and opad blocks. Wiped on drop.
pub(crate) struct LaneHmac {
    inner: LaneStates,
    outer: LaneStates,
}

impl LaneHmac {
    /// Keys every lane with its `K0` from `keys` ([`crate::crypto::engine::key_block`],
    /// [`LaneBlocks::keys_from_digests`]): two compressions.
    pub(crate) fn new(backend: Backend, keys: &LaneBlocks) -> LaneHmac {
        let (mut inner, mut outer) = (LaneStates::iv(keys.1), LaneStates::iv(keys.1));
        inner.compress(backend, Message::Padded(keys, IPAD));
        outer.compress(backend, Message::Padded(keys, OPAD));
        LaneHmac { inner, outer }
    }

    /// `HMAC(K_l, message)` for every lane `l`, the message given as its padded blocks: one
    /// compression per block and one outer. Returns the outer states, as [`LaneHmac::mac`].
    fn mac_blocks(&self, backend: Backend, message: &SharedBlocks) -> LaneStates {
        let mut inner = self.inner.clone();
        for block in message.blocks() {
            inner.compress(backend, Message::Shared(&block.words));
        }
        let mut outer = self.outer.clone();
        outer.compress(backend, Message::Digest(&inner));
        outer
    }

    /// `HMAC(K_l, parts...)` for every lane `l`, the pieces of `parts` in order (the message is
    /// not copied but block by block): one compression per inner block and one outer. Returns
    /// the outer states: lane `l`'s MAC is its [`LaneStates::digest`].
    pub(crate) fn mac(&self, backend: Backend, parts: &[&[&[u8]]]) -> LaneStates {
        let mut inner = self.inner.clone();
        let mut blocks = MessageBlocks::<Sha1>::after(1);
        let mut compress = |block: &Octets<64>| {
            inner.compress(backend, Message::Shared(&be_words(block)));
        };
        for piece in parts.iter().flat_map(|p| p.iter()) {
            blocks.update(piece, &mut compress);
        }
        blocks.finish(&mut compress);
        let mut outer = self.outer.clone();
        outer.compress(backend, Message::Digest(&inner));
        outer
    }
}

/// A message that every lane hashes after one keyed block (an HMAC's inner hash), laid out
/// once as its padded blocks of sixteen big-endian words: public octets (a PRF's label and
/// data, a frame), not wiped.
pub(crate) struct SharedBlocks {
    blocks: [SharedBlock; MOST_SHARED_BLOCKS],
    len: usize,
}

/// One block of a [`SharedBlocks`] message: its words, and its schedule with the round
/// constants added for the AVX-512 body, which then broadcasts them (FIPS 180-4 §6.1.2 step
/// 1: `W_t` depends on the block alone).
#[derive(Clone, Copy)]
struct SharedBlock {
    words: [u32; 16],
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    scheduled: [u32; 80],
}

impl SharedBlock {
    /// Sixteen zero words.
    const EMPTY: SharedBlock = SharedBlock {
        words: [0; 16],
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        scheduled: [0; 80],
    };

    /// The block of these sixteen words.
    fn new(words: [u32; 16]) -> SharedBlock {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        {
            let mut w = [0u32; 80];
            w[..16].copy_from_slice(&words);
            for t in 16..80 {
                w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotate_left(1);
            }
            let scheduled = core::array::from_fn(|t| w[t].wrapping_add(K[t / 20]));
            SharedBlock { words, scheduled }
        }
        #[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
        SharedBlock { words }
    }
}

impl SharedBlocks {
    /// The blocks of the pieces of `parts` in order after one 64-octet block (FIPS 180-4 §5.1.1
    /// padding), or `None` if they are more than [`MOST_SHARED_BLOCKS`].
    pub(crate) fn after_key(parts: &[&[&[u8]]]) -> Option<SharedBlocks> {
        let mut out = SharedBlocks { blocks: [SharedBlock::EMPTY; MOST_SHARED_BLOCKS], len: 0 };
        let mut fits = true;
        let mut push = |block: &Octets<64>| match out.blocks.get_mut(out.len) {
            Some(b) => {
                *b = SharedBlock::new(be_words(block));
                out.len += 1;
            }
            None => fits = false,
        };
        let mut blocks = MessageBlocks::<Sha1>::after(1);
        for piece in parts.iter().flat_map(|p| p.iter()) {
            blocks.update(piece, &mut push);
        }
        blocks.finish(&mut push);
        fits.then_some(out)
    }

    /// The blocks, in order.
    fn blocks(&self) -> &[SharedBlock] {
        &self.blocks[..self.len]
    }
}

/// Two HMAC-SHA1s per lane, the second keyed by the first (RFC 2104): `HMAC(K', second)` with
/// `K'` the first `key_len` octets of `HMAC(K, first)`, `K` the lane's key. Multi-PSK
/// identification's KCK from one PRF block and the MIC it keys, with nothing leaving the
/// registers between the two on the vector and stream bodies.
pub(crate) struct DerivedKeyMac<'a> {
    first: &'a SharedBlocks,
    /// The bits of each digest word that fall in the derived key (for the vector and stream
    /// bodies).
    #[cfg_attr(
        not(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64")),
        allow(dead_code)
    )]
    key_mask: [u32; 5],
    key_len: usize,
    second: &'a SharedBlocks,
}

impl<'a> DerivedKeyMac<'a> {
    /// The job for a derived key of `key_len` octets (at most [`DIGEST_LEN`]; longer ones
    /// are cut there).
    pub(crate) fn new(
        first: &'a SharedBlocks,
        key_len: usize,
        second: &'a SharedBlocks,
    ) -> DerivedKeyMac<'a> {
        let key_len = key_len.min(DIGEST_LEN);
        let key_mask = core::array::from_fn(|i| prefix_mask(key_len, i));
        DerivedKeyMac { first, key_mask, key_len, second }
    }

    /// The MACs of the lanes in use of `keys` (each lane's `K0`, [`KeyRows::load_key`]) with
    /// `backend`: lane `l`'s MAC is the [`LaneStates::digest`] of lane `l`. Eight compressions
    /// per lane and the blocks of both messages.
    pub(crate) fn run(&self, backend: Backend, keys: &KeyRows) -> LaneStates {
        let mut out = LaneStates::iv(keys.1);
        backend.run(Job::DerivedKeyMac(self, keys, &mut out.0 .0, keys.1));
        out
    }

    /// The same on the plain-Rust body, as the composition of [`LaneHmac`]s: the reference
    /// of the fused bodies.
    fn generic(&self, keys: &KeyRows, out: &mut [[u32; LANES]; 5]) {
        let g = Backend::Generic;
        let derived = LaneHmac::new(g, &keys.transposed()).mac_blocks(g, self.first);
        let key = LaneBlocks::keys_from_digests(&derived, self.key_len);
        *out = LaneHmac::new(g, &key).mac_blocks(g, self.second).0 .0;
    }
}

/// The counter blocks of one HMAC-SHA1 expansion (the SHA-1 PRF of IEEE Std 802.11-2020
/// 12.7.1.2, CCKM's): one key, a message whose whole blocks before the counter's are already
/// compressed into `inner`. Lane `l` compresses its last block (`last` with counter
/// `counter + l` at octet `at`), then `padding` when the message takes one more block (the
/// same for every counter), then its outer block: up to [`LANES`] independent chains.
pub(crate) struct CounterBlocks<'a> {
    /// The inner state after the ipad block and the shared blocks.
    pub(crate) inner: &'a [u32; 5],
    /// The outer state after the opad block.
    pub(crate) outer: &'a [u32; 5],
    /// The last block with a zero counter.
    pub(crate) last: &'a Octets<64>,
    /// The counter's octet in the last block (0 to 63).
    pub(crate) at: usize,
    /// The counter of lane 0.
    pub(crate) counter: u8,
    /// The padding block after the last, if the message needs one.
    pub(crate) padding: Option<&'a Octets<64>>,
}

impl CounterBlocks<'_> {
    /// The MAC of each of the first `out.len()` counters (at most [`LANES`]) into `out`, as
    /// SHA-1 states, with `backend`.
    pub(crate) fn run(&self, backend: Backend, out: &mut [[u32; 5]]) {
        let count = out.len().min(LANES);
        backend.run(Job::CounterBlocks(self, &mut out[..count], count));
    }

    /// Where lane `lane`'s counter goes in the last block: the index of its word, and the word
    /// to OR in (the lanes past 255 wrap; none is read).
    #[inline(always)]
    fn counter_word(&self, lane: usize) -> (usize, u32) {
        let counter = u32::from(self.counter.wrapping_add(lane as u8));
        (self.at / 4 % 16, counter << (24 - 8 * (self.at % 4)))
    }

    /// Lane `lane`'s last block, as words: its counter in place.
    fn last_of(&self, lane: usize) -> [u32; 16] {
        let mut w = be_words(self.last);
        let (word, value) = self.counter_word(lane);
        w[word] |= value;
        w
    }

    /// The same, one counter after the other on the plain-Rust compression: the reference of
    /// the stream bodies (the AVX-512 body runs it too: a few chains do not fill its lanes).
    fn generic(&self, out: &mut [[u32; 5]]) {
        for (lane, out) in out.iter_mut().enumerate() {
            let last = self.last_of(lane);
            let mut inner = self.inner.map(|w| [w]);
            compress::<1>(&mut inner, last.map(|w| [w]));
            if let Some(padding) = self.padding {
                compress::<1>(&mut inner, be_words(padding).map(|w| [w]));
            }
            let mut outer = self.outer.map(|w| [w]);
            compress::<1>(&mut outer, digest_block::<1>(&inner));
            *out = outer.map(|[w]| w);
            inner.zeroize();
            outer.zeroize();
        }
    }
}

/// What a backend runs (the counts of lanes in use: for the stream bodies).
#[cfg_attr(
    not(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64")),
    allow(dead_code)
)]
enum Job<'a> {
    /// `steps` PBKDF2 iterations on the first chains (how many).
    Steps(&'a mut Chains, usize, u32),
    /// One compression of every lane's state (the first lanes in use: how many).
    Compress(&'a mut [[u32; LANES]; 5], usize, Message<'a>),
    /// The two HMACs of every lane keyed by the blocks, into the states (lanes in use: how
    /// many).
    DerivedKeyMac(&'a DerivedKeyMac<'a>, &'a KeyRows, &'a mut [[u32; LANES]; 5], usize),
    /// The counter blocks of one expansion, into one state per counter (how many).
    CounterBlocks(&'a CounterBlocks<'a>, &'a mut [[u32; 5]], usize),
}

/// All sixteen lanes at once: one 512-bit register per word.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[target_feature(enable = "avx512f,avx512vl")]
fn job_avx512(job: Job<'_>) {
    match job {
        Job::Steps(c, _, steps) => avx512::pbkdf2(c, steps),
        Job::Compress(state, _, message) => avx512::compress_lanes(state, message),
        Job::DerivedKeyMac(job, keys, out, _) => avx512::derived_key_mac(job, keys, out),
        Job::CounterBlocks(job, out, _) => job.generic(out),
    }
}

/// A stream backend's job: the chains in use, [`STREAMS`] at a time (the last group smaller);
/// every lane's compression, as many at a time. Written once for the x86 and the Arm SHA
/// instructions (`$kernel`: [`x86_sha`], [`aarch64_sha`]).
macro_rules! stream_job {
    ($(#[$attr:meta])* fn $name:ident, $kernel:ident) => {
        $(#[$attr])*
        fn $name(job: Job<'_>) {
            let (steps, count) = match &job {
                Job::Steps(_, count, steps) => (*steps, *count),
                Job::Compress(_, count, _)
                | Job::DerivedKeyMac(.., count)
                | Job::CounterBlocks(.., count) => (0, *count),
            };
            let mut first = 0;
            let mut job = job;
            while first < count {
                let n = (count - first).min(STREAMS);
                match (&mut job, n) {
                    (Job::Steps(c, ..), 1) => $kernel::pbkdf2_lanes::<1>(c, first, steps),
                    (Job::Steps(c, ..), 2) => $kernel::pbkdf2_lanes::<2>(c, first, steps),
                    (Job::Steps(c, ..), 3) => $kernel::pbkdf2_lanes::<3>(c, first, steps),
                    (Job::Steps(c, ..), _) => $kernel::pbkdf2_lanes::<STREAMS>(c, first, steps),
                    (Job::Compress(st, _, m), 1) => $kernel::compress_lanes::<1>(st, *m, first),
                    (Job::Compress(st, _, m), 2) => $kernel::compress_lanes::<2>(st, *m, first),
                    (Job::Compress(st, _, m), 3) => $kernel::compress_lanes::<3>(st, *m, first),
                    (Job::Compress(st, _, m), _) => {
                        $kernel::compress_lanes::<STREAMS>(st, *m, first)
                    }
                    (Job::DerivedKeyMac(j, k, o, _), 1) => {
                        $kernel::derived_key_mac_lanes::<1>(j, k, o, first)
                    }
                    (Job::DerivedKeyMac(j, k, o, _), 2) => {
                        $kernel::derived_key_mac_lanes::<2>(j, k, o, first)
                    }
                    (Job::DerivedKeyMac(j, k, o, _), 3) => {
                        $kernel::derived_key_mac_lanes::<3>(j, k, o, first)
                    }
                    (Job::DerivedKeyMac(j, k, o, _), _) => {
                        $kernel::derived_key_mac_lanes::<STREAMS>(j, k, o, first)
                    }
                    (Job::CounterBlocks(j, o, _), 1) => {
                        $kernel::counter_blocks_lanes::<1>(j, o, first)
                    }
                    (Job::CounterBlocks(j, o, _), 2) => {
                        $kernel::counter_blocks_lanes::<2>(j, o, first)
                    }
                    (Job::CounterBlocks(j, o, _), 3) => {
                        $kernel::counter_blocks_lanes::<3>(j, o, first)
                    }
                    (Job::CounterBlocks(j, o, _), _) => {
                        $kernel::counter_blocks_lanes::<STREAMS>(j, o, first)
                    }
                }
                first += n;
            }
        }
    };
}

const _: () = assert!(STREAMS >= 1 && STREAMS <= 4, "stream_job! has arms for 1 to 4 streams");

stream_job! {
    /// The x86 SHA extensions.
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    #[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
    fn job_shani, x86_sha
}

stream_job! {
    /// The Armv8 SHA-1 instructions.
    #[cfg(target_arch = "aarch64")]
    #[target_feature(enable = "sha2")]
    fn job_armsha, aarch64_sha
}

/// Without target features (the reference for the tests); the chains eight lanes at a time.
#[cfg_attr(not(test), allow(dead_code))]
fn job_generic(job: Job<'_>) {
    match job {
        Job::Steps(c, _, steps) => {
            on_lanes::<8>(c, 0, steps);
            on_lanes::<8>(c, 8, steps);
        }
        Job::Compress(state, _, message) => compress_message(state, message),
        Job::DerivedKeyMac(job, keys, out, _) => job.generic(keys, out),
        Job::CounterBlocks(job, out, _) => job.generic(out),
    }
}

/// One compression of every lane, its block formed from `message`.
#[inline(always)]
fn compress_message(state: &mut [[u32; LANES]; 5], message: Message<'_>) {
    let w = match message {
        Message::Lanes(blocks) => blocks.0 .0,
        Message::Padded(blocks, pad) => blocks.0 .0.map(|w| w.map(|w| w ^ pad)),
        Message::Shared(words) => words.map(|w| [w; LANES]),
        Message::Digest(states) => digest_block(&states.0 .0),
    };
    compress::<LANES>(state, w);
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

/// The message block of a PBKDF2 step and of an HMAC's outer hash: a 20-octet digest (five
/// words), then its padding.
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
    use crate::crypto::engine::Hmac;
    use proptest::prelude::*;
    use std::vec::Vec;

    std::thread_local! {
        /// The backends that ran jobs on this test thread, in order.
        static RAN: core::cell::RefCell<Vec<Backend>> = const { core::cell::RefCell::new(Vec::new()) };
    }

    /// Notes that `backend` ran a job on this thread.
    pub(super) fn record(backend: Backend) {
        RAN.with(|r| r.borrow_mut().push(backend));
    }

    /// The backends that ran jobs on this thread since the last call.
    pub(crate) fn ran() -> Vec<Backend> {
        RAN.with(|r| core::mem::take(&mut *r.borrow_mut()))
    }

    proptest! {
        /// The paired compressions against the `sha1` and `sha2` crates, one block at a time,
        /// on any states and blocks. On x86 they run the SHA extensions when the CPU has them
        /// (the CI log says whether it does).
        #[test]
        fn pairs_match_the_crates(
            words in proptest::array::uniform8(any::<u32>()),
            blocks in proptest::collection::vec(any::<u8>(), 128),
        ) {
            let (ba, bb): ([u8; 64], [u8; 64]) =
                (blocks[..64].try_into().unwrap(), blocks[64..].try_into().unwrap());
            let (mut a, mut b) = (words, words.map(|w| w.rotate_left(7)));
            let (mut ea, mut eb) = (a, b);
            sha256_pair(&mut a, &ba, &mut b, &bb);
            sha2::block_api::compress256(&mut ea, &[ba]);
            sha2::block_api::compress256(&mut eb, &[bb]);
            prop_assert_eq!((a, b), (ea, eb));
            let mut a: [u32; 5] = words[..5].try_into().unwrap();
            let mut b: [u32; 5] = words[3..].try_into().unwrap();
            let (mut ea, mut eb) = (a, b);
            sha1_pair(&mut a, &ba, &mut b, &bb);
            sha1::block_api::compress(&mut ea, &[ba]);
            sha1::block_api::compress(&mut eb, &[bb]);
            prop_assert_eq!((a, b), (ea, eb));
        }
    }

    /// An HMAC's end by hand on a crate's compression `compress` of `W`-word states: `state`
    /// absorbs `blocks`, then its digest (the words big-endian), `0x80` and the bit length of
    /// 64 + 4W octets (FIPS 180-4 §5.1.1) are compressed from `outer`.
    fn mac_by_hand<const W: usize>(
        compress: fn(&mut [u32; W], &[[u8; 64]]),
        state: &mut [u32; W],
        blocks: &[[u8; 64]],
        outer: &[u32; W],
    ) {
        compress(state, blocks);
        let mut last = [0u8; 64];
        for (o, w) in last.chunks_mut(4).zip(state.iter()) {
            o.copy_from_slice(&w.to_be_bytes());
        }
        last[4 * W] = 0x80;
        last[62..].copy_from_slice(&(((64 + 4 * W) * 8) as u16).to_be_bytes());
        *state = *outer;
        compress(state, &[last]);
    }

    proptest! {
        /// The end of one HMAC (SHA-256 and SHA-1) and of two side by side (SHA-256), from
        /// given states and from a key's pads: the pads, the inner blocks, then the outer
        /// compression of the digest, in registers on the SHA extensions, else in turn on the
        /// crates; against the `sha2` and `sha1` crates by hand, for one to three inner blocks.
        #[test]
        fn macs_match_the_crates(
            words in proptest::array::uniform8(any::<u32>()),
            outer in proptest::array::uniform8(any::<u32>()),
            octets in proptest::collection::vec(any::<u8>(), 512),
            n in 1usize..=3,
        ) {
            let block = |i: usize| -> [u8; 64] { octets[64 * i..64 * i + 64].try_into().unwrap() };
            let (blocks_a, blocks_b): (Vec<[u8; 64]>, Vec<[u8; 64]>) =
                ((0..n).map(block).collect(), (3..3 + n).map(block).collect());
            let octets_a: Vec<Octets<64>> = blocks_a.iter().map(|b| Octets(*b)).collect();
            let octets_b: Vec<Octets<64>> = blocks_b.iter().map(|b| Octets(*b)).collect();
            let (ipad, opad) = (Octets(block(6)), Octets(block(7)));

            // SHA-256, from states: `a` and `b` start from `words` and a rotation of them.
            let b_words = words.map(|w| w.rotate_left(7));
            let (mut ea, mut eb) = (words, b_words);
            mac_by_hand(sha2::block_api::compress256, &mut ea, &blocks_a, &outer);
            mac_by_hand(sha2::block_api::compress256, &mut eb, &blocks_b, &outer);
            let mut one = [0; 8];
            Sha256::mac(MacStart::States(&words, &outer), &octets_a, &mut one);
            prop_assert_eq!(one, ea);
            let (mut a, mut b) = ([0; 8], [0; 8]);
            Sha256::mac_pair(MacStart::States(&words, &outer), &octets_a, &mut a, &octets_a, &mut b);
            prop_assert_eq!((a, b), (ea, ea));
            Sha256::mac_pair(MacStart::States(&b_words, &outer), &octets_b, &mut a, &octets_b, &mut b);
            prop_assert_eq!((a, b), (eb, eb));
            // Each of the pair on its own blocks, from one state (a key's later pairs).
            let mut eb = words;
            mac_by_hand(sha2::block_api::compress256, &mut eb, &blocks_b, &outer);
            Sha256::mac_pair(MacStart::States(&words, &outer), &octets_a, &mut a, &octets_b, &mut b);
            prop_assert_eq!((a, b), (ea, eb));

            // SHA-256, from the pads: the states after them by hand from the IV.
            let (mut inner, mut keyed_outer) = (Sha256::IV, Sha256::IV);
            sha2::block_api::compress256(&mut inner, &[ipad.0]);
            sha2::block_api::compress256(&mut keyed_outer, &[opad.0]);
            let (mut ea, mut eb) = (inner, inner);
            mac_by_hand(sha2::block_api::compress256, &mut ea, &blocks_a, &keyed_outer);
            mac_by_hand(sha2::block_api::compress256, &mut eb, &blocks_b, &keyed_outer);
            Sha256::mac(MacStart::Pads(&ipad, &opad), &octets_a, &mut one);
            prop_assert_eq!(one, ea);
            Sha256::mac_pair(MacStart::Pads(&ipad, &opad), &octets_a, &mut a, &octets_b, &mut b);
            prop_assert_eq!((a, b), (ea, eb));

            // SHA-1, from states and from the pads.
            let (start, outer): ([u32; 5], [u32; 5]) =
                (words[..5].try_into().unwrap(), outer[3..].try_into().unwrap());
            let mut ea = start;
            mac_by_hand(sha1::block_api::compress, &mut ea, &blocks_a, &outer);
            let mut one = [0; 5];
            Sha1::mac(MacStart::States(&start, &outer), &octets_a, &mut one);
            prop_assert_eq!(one, ea);
            let (mut inner, mut keyed_outer) = (Sha1::IV, Sha1::IV);
            sha1::block_api::compress(&mut inner, &[ipad.0]);
            sha1::block_api::compress(&mut keyed_outer, &[opad.0]);
            let mut ea = inner;
            mac_by_hand(sha1::block_api::compress, &mut ea, &blocks_a, &keyed_outer);
            Sha1::mac(MacStart::Pads(&ipad, &opad), &octets_a, &mut one);
            prop_assert_eq!(one, ea);
        }
    }

    /// What the CPU has, asked through `std` (not `cpufeatures`): the path that must run.
    fn expected_path() -> Option<Backend> {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        {
            if std::is_x86_feature_detected!("avx512f") && std::is_x86_feature_detected!("avx512vl")
            {
                return Some(Backend::Avx512);
            }
            if std::is_x86_feature_detected!("sha") && std::is_x86_feature_detected!("sse4.1") {
                return Some(Backend::ShaNi);
            }
        }
        #[cfg(target_arch = "aarch64")]
        {
            if std::arch::is_aarch64_feature_detected!("sha2") {
                return Some(Backend::ArmSha);
            }
        }
        None
    }

    /// The stream body the CPU has, asked through `std`.
    fn expected_streams() -> Option<Backend> {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        {
            if std::is_x86_feature_detected!("sha") && std::is_x86_feature_detected!("sse4.1") {
                return Some(Backend::ShaNi);
            }
        }
        #[cfg(target_arch = "aarch64")]
        {
            if std::arch::is_aarch64_feature_detected!("sha2") {
                return Some(Backend::ArmSha);
            }
        }
        None
    }

    /// The batch and identification take the fastest path this CPU has, and only that one: a
    /// fast path silently disabled fails here, not only in a bench. The path is printed.
    #[test]
    fn the_fastest_path_runs() {
        use crate::{eapol, MacAddr, Nonce, Pmk, Psk, Ssid};
        use std::io::Write;
        let expected = expected_path();
        assert_eq!(Backend::detect(), expected);
        let name = expected.map_or("none (one derivation after the other)", Backend::name);
        let _ = writeln!(std::io::stderr(), "multi-buffer path on this CPU: {name}");
        let ssid = Ssid::new(b"path").unwrap();
        ran();
        Psk::from_passphrases(
            &ssid,
            &["passphrase one", "passphrase two", "three", "four four"],
            |_, r| {
                let _ = r;
            },
        );
        let psk_paths = ran();
        // One derivation: its two chains on the stream body, if the CPU has one.
        Psk::from_passphrase("one passphrase", &ssid).unwrap();
        let single = ran();
        let streams = expected_streams();
        assert_eq!(Backend::streams(), streams);
        assert_eq!(single, streams.into_iter().collect::<Vec<_>>(), "single PSK");
        let pmks: Vec<Pmk> = (0..5u8).map(|i| Pmk::from_bytes(&[i; 32]).unwrap()).collect();
        let (aa, spa) = (MacAddr::new([2, 0, 0, 0, 0, 1]), MacAddr::new([2, 0, 0, 0, 0, 2]));
        // iwd's message 2/4, which none of these PMKs signed.
        let frame = crate::frames::eapol::frame::tests::iwd_message2();
        let suite = crate::Suite::new(crate::Akm::Psk, crate::Cipher::Ccmp128, 32).unwrap();
        let found = eapol::identify_pmk(&suite, &aa, &spa, &Nonce::new([1; 32]), &frame, &pmks);
        assert_eq!(found, Ok(None));
        let identify_paths = ran();
        for (what, paths) in [("batch PSK", psk_paths), ("identify", identify_paths)] {
            match expected {
                Some(b) => assert!(
                    !paths.is_empty() && paths.iter().all(|&p| p == b),
                    "{what} ran {paths:?}, expected {b:?}"
                ),
                None => assert!(paths.is_empty(), "{what} ran {paths:?} on a CPU without a path"),
            }
        }
    }

    fn words() -> impl Strategy<Value = [[u32; 5]; LANES]> {
        any::<[[u32; 5]; LANES]>()
    }

    fn blocks() -> impl Strategy<Value = Vec<[u8; 64]>> {
        prop::collection::vec(prop::collection::vec(any::<u8>(), 64), LANES)
            .prop_map(|v| v.into_iter().map(|b| b.try_into().unwrap()).collect())
    }

    /// Lane `lane`'s state, as five plain words.
    fn lane(s: &LaneStates, lane: usize) -> [u32; 5] {
        core::array::from_fn(|w| s.0 .0[w][lane])
    }

    fn load_states(states: &[[u32; 5]; LANES]) -> LaneStates {
        let words = core::array::from_fn(|w| core::array::from_fn(|l| states[l][w]));
        LaneStates(Words(words), LANES)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The general compression of every backend, with a block per lane and with one block
        /// broadcast to all, against `sha1::block_api::compress` on each lane.
        #[test]
        fn compression_matches_sha1_on_every_lane(
            states in words(), per_lane in blocks(), shared in any::<[u8; 64]>(),
        ) {
            let mut blocks = LaneBlocks::new();
            for (l, b) in per_lane.iter().enumerate() {
                blocks.load(l, &Octets(*b));
            }
            for backend in Backend::available() {
                let mut own = load_states(&states);
                own.compress(backend, Message::Lanes(&blocks));
                let mut one = load_states(&states);
                one.compress(backend, Message::Lanes(&LaneBlocks::broadcast(&Octets(shared))));
                let mut shared_words = load_states(&states);
                let words = core::array::from_fn(|i| be_word(&shared[4 * i..]));
                shared_words.compress(backend, Message::Shared(&words));
                for l in 0..LANES {
                    prop_assert_eq!(lane(&shared_words, l), lane(&one, l), "{:?} lane {} shared words", backend, l);
                }
                for l in 0..LANES {
                    let mut want = states[l];
                    sha1::block_api::compress(&mut want, &[per_lane[l]]);
                    prop_assert_eq!(lane(&own, l), want, "{:?} lane {} own block", backend, l);
                    let mut want = states[l];
                    sha1::block_api::compress(&mut want, &[shared]);
                    prop_assert_eq!(lane(&one, l), want, "{:?} lane {} shared block", backend, l);
                }
            }
        }

        /// The constant-time digest comparison against a plain search over the octets: every
        /// prefix length, a lane's own digest (perhaps with one bit flipped) as the expected
        /// value, a duplicate lane.
        #[test]
        fn first_digest_eq_finds_the_first_equal_lane(
            states in words(),
            pick in 0..LANES, copy_to in 0..LANES, count in 0..=LANES, len in 0usize..=20,
            flip in any::<Option<prop::sample::Index>>(),
        ) {
            let mut states = states;
            states[copy_to] = states[pick];
            let s = load_states(&states);
            let mut expected = [0u8; 20];
            s.digest(pick, &mut expected);
            let expected = &mut expected[..len];
            if let (Some(bit), false) = (flip, expected.is_empty()) {
                let bit = bit.index(len * 8);
                expected[bit / 8] ^= 1 << (bit % 8);
            }
            let naive = (0..count).find(|&l| {
                let mut d = [0u8; 20];
                s.digest(l, &mut d);
                d[..len] == *expected
            });
            prop_assert_eq!(s.first_digest_eq(count, expected), naive);
        }

        /// HMAC-SHA1 on the lanes against the engine's HMAC per lane: keys from empty to longer
        /// than a block, messages around every padding boundary, given in pieces; then a MAC
        /// keyed with the first octets of each lane's MAC (as a KCK keys the MIC).
        #[test]
        fn hmac_matches_the_engine_on_every_lane(
            keys in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..100), LANES),
            message in prop::collection::vec(any::<u8>(), 0..300),
            cut in any::<prop::sample::Index>(),
            key_len in 1usize..=20,
        ) {
            let (a, b) = message.split_at(cut.index(message.len() + 1));
            let mut k0 = LaneBlocks::new();
            for (l, key) in keys.iter().enumerate() {
                k0.load(l, &key_block::<Sha1>(key));
            }
            for backend in Backend::available() {
                let macs = LaneHmac::new(backend, &k0).mac(backend, &[&[a], &[b, &[]]]);
                let second = LaneBlocks::keys_from_digests(&macs, key_len);
                let again = LaneHmac::new(backend, &second).mac(backend, &[&[b, a]]);
                for (l, key) in keys.iter().enumerate() {
                    let (mut want, mut got) = ([0u8; 20], [0u8; 20]);
                    Hmac::<Sha1>::new(key).mac_into(&[&message], &mut want);
                    macs.digest(l, &mut got);
                    prop_assert_eq!(got, want, "{:?} lane {}", backend, l);
                    let mut want2 = [0u8; 20];
                    Hmac::<Sha1>::new(&want[..key_len]).mac_into(&[b, a], &mut want2);
                    again.digest(l, &mut got);
                    prop_assert_eq!(got, want2, "{:?} lane {} keyed with {} octets", backend, l, key_len);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// The fused pair of HMACs on every backend against the engine's HMACs per lane, for
        /// every count of lanes in use (the stream bodies run 1 to 4 at a time): keys from
        /// empty to longer than a block, derived keys of 1 to 20 octets, messages from empty
        /// to the most blocks [`SharedBlocks`] holds.
        #[test]
        fn derived_key_mac_matches_the_engine_on_every_lane(
            keys in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..100), 1..=LANES),
            first in prop::collection::vec(any::<u8>(), 0..200),
            second in prop::collection::vec(any::<u8>(), 0..=64 * MOST_SHARED_BLOCKS - 9),
            cut in any::<prop::sample::Index>(),
            key_len in 1usize..=20,
        ) {
            let (a, b) = second.split_at(cut.index(second.len() + 1));
            let first_blocks = SharedBlocks::after_key(&[&[&first]]).unwrap();
            let second_blocks = SharedBlocks::after_key(&[&[a], &[b]]).unwrap();
            let job = DerivedKeyMac::new(&first_blocks, key_len, &second_blocks);
            let mut k0 = KeyRows::new();
            for (l, key) in keys.iter().enumerate() {
                k0.load_key(l, key);
            }
            for backend in Backend::available() {
                let macs = job.run(backend, &k0);
                for (l, key) in keys.iter().enumerate() {
                    let (mut derived, mut want, mut got) = ([0u8; 20], [0u8; 20], [0u8; 20]);
                    Hmac::<Sha1>::new(key).mac_into(&[&first], &mut derived);
                    Hmac::<Sha1>::new(&derived[..key_len]).mac_into(&[&second], &mut want);
                    macs.digest(l, &mut got);
                    prop_assert_eq!(got, want, "{:?} lane {} of {}", backend, l, keys.len());
                }
            }
        }
    }

    proptest! {
        /// A key row is the engine's key block (RFC 2104 `K0`) in words, whatever the key's
        /// length and whatever the row held before.
        #[test]
        fn key_rows_hold_key_blocks(
            key in prop::collection::vec(any::<u8>(), 0..150),
            before in prop::collection::vec(any::<u8>(), 0..150),
            lane in 0..LANES,
        ) {
            let mut rows = KeyRows::new();
            rows.load_key(lane, &before);
            rows.load_key(lane, &key);
            let k0 = key_block::<Sha1>(&key);
            let want: [u32; 16] = core::array::from_fn(|i| be_word(&k0.0[4 * i..]));
            prop_assert_eq!(rows.0[lane], want);
            prop_assert_eq!(rows.1, lane + 1);
        }
    }

    /// A message longer than [`SharedBlocks`] holds is refused (the caller takes the unfused
    /// path); the longest one it holds is not.
    #[test]
    fn shared_blocks_hold_at_most_their_count() {
        let long = [7u8; 64 * MOST_SHARED_BLOCKS];
        assert!(SharedBlocks::after_key(&[&[&long[..64 * MOST_SHARED_BLOCKS - 9]]]).is_some());
        assert!(SharedBlocks::after_key(&[&[&long[..64 * MOST_SHARED_BLOCKS - 8]]]).is_none());
    }

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
            c.run(backend, LANES, 37);
            for (lane, want) in expected.iter().enumerate() {
                let mut got = [0u8; 20];
                c.read(lane, &mut got);
                assert_eq!(&got, want, "{backend:?} lane {lane}");
            }
        }
    }
}
