//! Multi-buffer SHA-1: sixteen independent SHA-1 computations compressed side by side in vector
//! registers. Two users: the PBKDF2 chains of many passphrases at once
//! ([`crate::Psk::from_passphrases`]), and multi-PSK identification
//! ([`crate::frames::eapol::identify_pmk`]), which runs the KCK derivation and the MIC of sixteen
//! candidate PMKs at once as HMACs on the lanes ([`LaneHmac`]).
//!
//! The SHA extensions compress one block at a time and are busy the whole time: two chains
//! interleaved on them go no faster than one after the other. A vector unit, though, runs the
//! same SHA-1 round on sixteen 32-bit words at once (AVX-512). So the states and message words
//! of 16 lanes are kept transposed (`[u32; LANES]` per word), and one plain-Rust compression
//! body, written as loops over the lanes with every round spelled out, is compiled twice:
//! inside an `avx512f,avx512vl` function, where LLVM turns each lane loop into one vector
//! instruction (`rotate_left` becomes `vprold`, the round functions `vpternlogd`), and without
//! target features (for the tests: the reference the vector build is checked against). Both
//! the PBKDF2 steps ([`Chains`]) and the general compression ([`LaneStates::compress`], of one
//! block per lane or of one block shared by every lane) run that one body.
//!
//! AVX2 is not used: with eight lanes per 256-bit register LLVM keeps the rotations (which AVX2
//! lacks as vector instructions) in scalar code, and that build is slower than the SHA
//! extensions. CPUs without AVX-512, and other architectures, run the sequential code on the
//! compression function ([`crate::crypto::prf::pbkdf2_sha1`], the engine's HMAC).
//!
//! Which build runs is decided at run time with `cpufeatures`. Calling a `#[target_feature]`
//! function is `unsafe` (the caller promises the CPU has the features): this module is the only
//! place in the crate where that happens, in one call ([`Backend::run`]), right after the
//! detection that makes it sound.
//!
//! Every word here may be key material (keyed states, `U_j`, `T`, HMAC key blocks, KCKs, MICs):
//! [`Chains`], [`LaneStates`], [`LaneBlocks`] are wiped on drop, and so is the lane group a
//! PBKDF2 run copies them into. What is not wiped: the working copies inside the vector body (a
//! step's keyed-state copies, a compression's block, working variables and message-schedule
//! ring), which live in vector registers and in whatever stack slots the compiler spills them
//! to. Wiping them, even once per job, makes them addressable, so the compiler keeps them in
//! memory for the whole body: measured on an AMD EPYC (Zen 4, AVX-512), the 64-PSK batch went
//! from 35 to 75-88 ms and identifying one PMK among 1,000 from 0.63 to 5-6.5 ms (criterion,
//! interleaved runs), so those wipes were taken out again. Rust gives no way to clear registers
//! or a returned frame. FIPS 180-4 §6.1.2 (SHA-1), RFC 2104 (HMAC), RFC 8018 §5.2
//! (PBKDF2).

use subtle::ConstantTimeEq;
use zeroize::{DefaultIsZeroes, Zeroize};

use crate::crypto::engine::{BlockHash, MessageBlocks, Sha1};
use crate::secret::Octets;

/// Chains run side by side.
pub(crate) const LANES: usize = 16;

/// A lane's digest: one SHA-1 output, the longest KCK or MIC a lane can give.
pub(crate) const DIGEST_LEN: usize = <Sha1 as BlockHash>::OUT;

/// The big-endian word of four octets, as SHA-1 reads its blocks and writes its digest.
fn be_word(four: &[u8]) -> u32 {
    u32::from_be_bytes([four[0], four[1], four[2], four[3]])
}

/// The octets an HMAC-SHA1 outer hash (and the inner one in a PBKDF2 step) adds after its keyed
/// block: one 20-octet digest, then the padding for 64 + 20 octets (FIPS 180-4 §5.1.1), as
/// words 5 to 15 of the block.
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

    /// Runs `job` with this body. The one place where a `#[target_feature]` function is called.
    fn run(self, job: Job<'_>) {
        #[cfg(test)]
        tests::RAN.with(|ran| ran.set(ran.get() | self.bit()));
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
        }
    }

    /// This body's bit in the tests' record of which bodies ran.
    #[cfg(test)]
    fn bit(self) -> u8 {
        match self {
            Backend::Generic => 1,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::Avx512 => 2,
        }
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

    /// Runs `steps` PBKDF2 iterations on every lane with `backend`: `U = HMAC(P, U)`,
    /// `T ^= U`, two compressions per lane and step.
    pub(crate) fn run(&mut self, backend: Backend, steps: u32) {
        backend.run(Job::Steps(self, steps));
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

/// Writes the first `out.len()` (at most 20) octets of lane `lane` of the five words `words`
/// (big-endian, as a SHA-1 digest).
fn read_lane(words: &[[u32; LANES]; 5], lane: usize, out: &mut [u8]) {
    let mut digest = words.map(|w| w.get(lane).copied().unwrap_or(0));
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

/// SHA-1 chaining states of the sixteen lanes, transposed. Keyed states, MACs, KCKs: wiped on
/// drop.
#[derive(Clone)]
pub(crate) struct LaneStates(Words<5>);

impl LaneStates {
    /// Every lane at the SHA-1 initial value (FIPS 180-4 §5.3.1).
    pub(crate) fn iv() -> LaneStates {
        LaneStates(Words(Sha1::IV.map(|w| [w; LANES])))
    }

    /// Every lane's state absorbs its block of `message`, with the body of `backend`.
    pub(crate) fn compress(&mut self, backend: Backend, message: Message<'_>) {
        backend.run(Job::Compress(&mut self.0 .0, message));
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

/// One 64-octet message block per lane, transposed, each word big-endian as SHA-1 reads it.
/// Holds HMAC keys: wiped on drop.
pub(crate) struct LaneBlocks(Words<16>);

impl LaneBlocks {
    /// Sixteen blocks of zeros.
    pub(crate) fn new() -> LaneBlocks {
        LaneBlocks(Words::default())
    }

    /// Sets lane `lane`'s block (a lane past the last one is ignored).
    pub(crate) fn load(&mut self, lane: usize, block: &Octets<64>) {
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
        let mut keys = LaneBlocks::new();
        for (i, (k, s)) in keys.0 .0.iter_mut().zip(&states.0 .0).enumerate() {
            let mask = prefix_mask(len, i);
            for (k, s) in k.iter_mut().zip(s) {
                *k = s & mask;
            }
        }
        keys
    }

    /// The same block in every lane: the message of an HMAC keyed differently in each. (Formed
    /// here, outside the vector body: inside it LLVM would scatter the words to memory.)
    pub(crate) fn broadcast(block: &Octets<64>) -> LaneBlocks {
        let mut out = LaneBlocks::new();
        for (o, word) in out.0 .0.iter_mut().zip(block.0.chunks_exact(4)) {
            *o = [be_word(word); LANES];
        }
        out
    }

    /// Every word XOR `pad`: `K0 XOR ipad` or `K0 XOR opad`.
    fn xor(&self, pad: u32) -> LaneBlocks {
        let mut out = LaneBlocks::new();
        for (o, w) in out.0 .0.iter_mut().zip(&self.0 .0) {
            for (o, w) in o.iter_mut().zip(w) {
                *o = w ^ pad;
            }
        }
        out
    }
}

impl Drop for LaneBlocks {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// The block the lanes compress (a message shared by every lane is a
/// [`LaneBlocks::broadcast`]).
#[derive(Clone, Copy)]
pub(crate) enum Message<'a> {
    /// Each lane its own block.
    Lanes(&'a LaneBlocks),
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
        let (mut inner, mut outer) = (LaneStates::iv(), LaneStates::iv());
        inner.compress(backend, Message::Lanes(&keys.xor(0x3636_3636)));
        outer.compress(backend, Message::Lanes(&keys.xor(0x5c5c_5c5c)));
        LaneHmac { inner, outer }
    }

    /// `HMAC(K_l, parts...)` for every lane `l`, the pieces of `parts` in order (the message is
    /// not copied but block by block): one compression per inner block and one outer. Returns
    /// the outer states: lane `l`'s MAC is its [`LaneStates::digest`].
    pub(crate) fn mac(&self, backend: Backend, parts: &[&[&[u8]]]) -> LaneStates {
        let mut inner = self.inner.clone();
        let mut blocks = MessageBlocks::<Sha1>::after(1);
        let mut compress = |block: &Octets<64>| {
            inner.compress(backend, Message::Lanes(&LaneBlocks::broadcast(block)));
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

/// What a backend runs.
enum Job<'a> {
    /// `steps` PBKDF2 iterations on every chain.
    Steps(&'a mut Chains, u32),
    /// One compression of every lane's state.
    Compress(&'a mut [[u32; LANES]; 5], Message<'a>),
}

/// All sixteen lanes at once: one 512-bit register per word.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[target_feature(enable = "avx512f,avx512vl")]
fn job_avx512(job: Job<'_>) {
    match job {
        Job::Steps(c, steps) => on_lanes::<LANES>(c, 0, steps),
        Job::Compress(state, message) => compress_message(state, message),
    }
}

/// Without target features (the reference for the tests); the chains eight lanes at a time.
#[cfg_attr(not(test), allow(dead_code))]
fn job_generic(job: Job<'_>) {
    match job {
        Job::Steps(c, steps) => {
            on_lanes::<8>(c, 0, steps);
            on_lanes::<8>(c, 8, steps);
        }
        Job::Compress(state, message) => compress_message(state, message),
    }
}

/// One compression of every lane, its block formed from `message`.
#[inline(always)]
fn compress_message(state: &mut [[u32; LANES]; 5], message: Message<'_>) {
    let w = match message {
        Message::Lanes(blocks) => blocks.0 .0,
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
    extern crate std;
    use super::*;
    use crate::crypto::engine::{key_block, Hmac};
    use proptest::prelude::*;
    use std::vec::Vec;

    std::thread_local! {
        /// The bodies [`Backend::run`] ran on this thread, one bit each ([`Backend::bit`]).
        pub(super) static RAN: core::cell::Cell<u8> = const { core::cell::Cell::new(0) };
    }

    /// The public batch functions take the vector path exactly when the CPU has AVX-512 F and
    /// VL, and then really run its body: a fast path disabled by mistake (a wrong detection, a
    /// threshold, a dispatch that falls back) fails here, not only in a benchmark. On a CPU
    /// without AVX-512 this says so, and the portable body is what the other lane tests run.
    #[test]
    fn the_batch_functions_run_the_vector_body_where_the_cpu_has_it() {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        let has_avx512 =
            std::is_x86_feature_detected!("avx512f") && std::is_x86_feature_detected!("avx512vl");
        #[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
        let has_avx512 = false;
        assert_eq!(Backend::detect().is_some(), has_avx512);
        if !has_avx512 {
            std::eprintln!("no AVX-512 on this CPU: the lane tests run the portable body only");
        }
        let vector = Backend::detect().map_or(0, Backend::bit);

        let ssid = crate::Ssid::new(b"which path").unwrap();
        let list = ["passphrase one", "passphrase two", "passphrase three", "passphrase four"];
        RAN.with(|ran| ran.set(0));
        crate::Psk::from_passphrases(&ssid, &list, |_, psk| assert!(psk.is_ok()));
        assert_eq!(RAN.with(|ran| ran.get()), vector, "batch PSK");

        let (aa, spa) = (crate::MacAddr::new([2; 6]), crate::MacAddr::new([4; 6]));
        let anonce = crate::Nonce::new([6; 32]);
        let msg2 = crate::frames::eapol::frame::tests::iwd_message2();
        let pmks: Vec<crate::Pmk> =
            (1..=20u8).map(|i| crate::Pmk::from_bytes(&[i; 32]).unwrap()).collect();
        RAN.with(|ran| ran.set(0));
        let suite = crate::Suite::new(crate::Akm::Psk, crate::Cipher::Ccmp128, 32).unwrap();
        let found = crate::eapol::identify_pmk(&suite, &aa, &spa, &anonce, &msg2, &pmks);
        assert_eq!(found, Ok(None));
        assert_eq!(RAN.with(|ran| ran.get()), vector, "identify_pmk");
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
        LaneStates(Words(core::array::from_fn(|w| core::array::from_fn(|l| states[l][w]))))
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
