//! HMAC at the level of the hash's compression function: the crate's speed floor.
//!
//! Every derivation of the key hierarchy is a handful of HMAC blocks, so the cost that matters
//! is the number of compressions. This module keys an HMAC once (two compressions: the ipad and
//! opad blocks), hands out streaming inner hashers that start from the keyed state, and finishes
//! each with exactly one outer compression. Nothing is allocated and no input is concatenated.
//!
//! What a call costs besides its compressions is kept to a few wide moves:
//! - key-derived values live in words (the chaining states) or in [`Octets`] blocks, which are
//!   wiped with one volatile write each (a few wide stores), not one store per octet;
//! - the outer block of an HMAC and the running block of a PBKDF2 chain start from a constant
//!   that already holds their padding and length, so only the digest is written into them;
//! - a piece of input that fits in the current block is one copy; whole blocks are compressed
//!   as they fill;
//! - a key's only MAC, or only pair of MACs (most keys of the hierarchy), hands its pads to the
//!   same call as its message and outer blocks ([`MacStart::Pads`]): on the SHA extensions the
//!   states then stay in registers from the pads to the MACs.
//!
//! The compression functions themselves come from RustCrypto (`sha1::block_api::compress`,
//! `sha2::block_api::compress256/compress512`, `md5::block_api::compress`), which pick the CPU's
//! SHA extensions at run time. HMAC is RFC 2104; the padding is FIPS 180-4 §5.1 (RFC 1321 §3.2
//! for MD5, whose length field and digest are little-endian).

use core::cell::Cell;

use zeroize::Zeroize;

use crate::crypto::lanes;
use crate::secret::Octets;

/// A Merkle-Damgård hash reached through its compression function.
pub(crate) trait BlockHash {
    /// The chaining state.
    type State: Copy + Zeroize;
    /// One message block.
    type Block: Copy + Zeroize + AsRef<[u8]> + AsMut<[u8]>;
    /// Block length in octets.
    const BLOCK: usize;
    /// Digest length in octets.
    const OUT: usize;
    /// Octets of the message-length field at the end of the last block.
    const LEN_FIELD: usize;
    /// Byte order of the length field and of the digest: big-endian (SHA) or little (MD5).
    const BIG_ENDIAN: bool;
    /// The initial state (FIPS 180-4 §5.3, RFC 1321 §3.3).
    const IV: Self::State;
    /// A block of zeros.
    const ZERO: Self::Block;
    /// The last block of a message that is one keyed block and then one digest long: octets
    /// `[0, OUT)` are for the digest, the padding and length follow. It is the outer block of an
    /// HMAC and the running block of a PBKDF2 chain.
    const DIGEST_BLOCK: Self::Block;
    /// Applies the compression function to one block.
    fn compress(state: &mut Self::State, block: &Self::Block);
    /// Two independent compressions: `a` absorbs `block_a`, `b` absorbs `block_b`. SHA-1 and
    /// SHA-256 run them interleaved on the SHA extensions where the CPU has them
    /// ([`crate::crypto::lanes::sha1_pair`]): one compression alone leaves the SHA unit waiting
    /// on its own results. The others run one after the other.
    fn compress_pair(
        a: &mut Self::State,
        block_a: &Self::Block,
        b: &mut Self::State,
        block_b: &Self::Block,
    ) {
        Self::compress(a, block_a);
        Self::compress(b, block_b);
    }
    /// The end of an HMAC, from `start`: its message blocks from the inner state, then the
    /// outer compression of their digest; the result in `mac`. SHA-1 and SHA-256 keep it in
    /// registers throughout where the CPU has the SHA extensions
    /// ([`crate::crypto::lanes::sha1_mac`], [`crate::crypto::lanes::sha256_mac`]): no digest
    /// written out and read back, and a key's pads compressed in the same call.
    fn mac(start: MacStart<'_, Self>, blocks: &[Self::Block], mac: &mut Self::State) {
        mac_in_turn::<Self>(start, blocks, mac);
    }
    /// The ends of two HMACs of one key side by side: `a` is the MAC of `blocks_a`, `b` of
    /// `blocks_b` (as many blocks each), both from `start`: [`BlockHash::mac`] twice, the
    /// compressions in pairs (SHA-256 in registers throughout:
    /// [`crate::crypto::lanes::sha256_mac_pair`]).
    fn mac_pair(
        start: MacStart<'_, Self>,
        blocks_a: &[Self::Block],
        a: &mut Self::State,
        blocks_b: &[Self::Block],
        b: &mut Self::State,
    ) {
        mac_pair_in_turn::<Self>(start, blocks_a, a, blocks_b, b);
    }
    /// Writes the first `out.len()` (at most [`Self::OUT`]) octets of the digest of `state`.
    fn digest(state: &Self::State, out: &mut [u8]);
}

/// Where an HMAC's end starts ([`BlockHash::mac`], [`BlockHash::mac_pair`]).
pub(crate) enum MacStart<'a, H: BlockHash + ?Sized> {
    /// The state the message blocks start from (after the ipad block, and any blocks before
    /// them) and the state after the opad block.
    States(&'a H::State, &'a H::State),
    /// A key's only MAC (or pair of MACs), its blocks straight after the ipad block: the ipad
    /// and opad blocks, compressed side by side in the same call (RFC 2104). The states after
    /// them are not kept.
    Pads(&'a H::Block, &'a H::Block),
}

impl<H: BlockHash + ?Sized> MacStart<'_, H> {
    /// The inner and outer states on the compression function: the pads compressed as a pair
    /// ([`BlockHash::compress_pair`]) if they are not yet. Key material: the caller wipes them.
    fn states(self) -> (H::State, H::State) {
        match self {
            MacStart::States(inner, outer) => (*inner, *outer),
            MacStart::Pads(ipad, opad) => {
                let (mut inner, mut outer) = (H::IV, H::IV);
                H::compress_pair(&mut inner, ipad, &mut outer, opad);
                (inner, outer)
            }
        }
    }
}

/// [`BlockHash::mac`] on the compression function: the inner blocks, the digest written into a
/// [`BlockHash::DIGEST_BLOCK`], the outer compression.
fn mac_in_turn<H: BlockHash + ?Sized>(
    start: MacStart<'_, H>,
    blocks: &[H::Block],
    mac: &mut H::State,
) {
    let (mut inner, mut outer) = start.states();
    *mac = inner;
    inner.zeroize();
    for block in blocks {
        H::compress(mac, block);
    }
    let mut block = H::DIGEST_BLOCK;
    H::digest(mac, &mut block.as_mut()[..H::OUT]);
    *mac = outer;
    H::compress(mac, &block);
    block.zeroize();
    outer.zeroize();
}

/// [`BlockHash::mac_pair`] on [`BlockHash::compress_pair`].
fn mac_pair_in_turn<H: BlockHash + ?Sized>(
    start: MacStart<'_, H>,
    blocks_a: &[H::Block],
    a: &mut H::State,
    blocks_b: &[H::Block],
    b: &mut H::State,
) {
    let (mut inner, mut outer) = start.states();
    (*a, *b) = (inner, inner);
    inner.zeroize();
    for (block_a, block_b) in blocks_a.iter().zip(blocks_b) {
        H::compress_pair(a, block_a, b, block_b);
    }
    let mut blocks = [H::DIGEST_BLOCK; 2];
    let [block_a, block_b] = &mut blocks;
    H::digest(a, &mut block_a.as_mut()[..H::OUT]);
    H::digest(b, &mut block_b.as_mut()[..H::OUT]);
    (*a, *b) = (outer, outer);
    H::compress_pair(a, block_a, b, block_b);
    blocks.iter_mut().for_each(Zeroize::zeroize);
    outer.zeroize();
}

/// SHA-1 (FIPS 180-4 §6.1).
pub(crate) enum Sha1 {}
/// SHA-256 (FIPS 180-4 §6.2).
pub(crate) enum Sha256 {}
/// SHA-384 (FIPS 180-4 §6.5): the SHA-512 compression with its own IV, 48-octet digest.
pub(crate) enum Sha384 {}
/// SHA-512 (FIPS 180-4 §6.4): SAE and OWE on group 21, SAE-EXT-KEY with a 64-octet PMK.
pub(crate) enum Sha512 {}
/// MD5 (RFC 1321), for the legacy HMAC-MD5 MICs only.
pub(crate) enum Md5 {}

/// The message length in bits as the last 8 octets of a padded block: big-endian for SHA (the
/// upper half of SHA-384's 16-octet field stays zero), little-endian for MD5.
const fn length_octets(bits: u64, big_endian: bool) -> [u8; 8] {
    if big_endian {
        bits.to_be_bytes()
    } else {
        bits.to_le_bytes()
    }
}

/// [`BlockHash::DIGEST_BLOCK`] of a hash with `N`-octet blocks and `out`-octet digests.
const fn digest_block<const N: usize>(out: usize, big_endian: bool) -> Octets<N> {
    let mut b = [0u8; N];
    b[out] = 0x80;
    let len = length_octets(((N + out) * 8) as u64, big_endian);
    let mut i = 0;
    while i < 8 {
        b[N - 8 + i] = len[i];
        i += 1;
    }
    Octets(b)
}

/// Writes the octets of `words` (each as `octets` gives them) to `out`, truncated to
/// `out.len()`. Whole words are fixed-size copies (a call to `memcpy` per word would cost more
/// than the rest of the digest); only a truncated last word is copied by length.
fn write_words<W: Copy, const N: usize>(
    words: &[W],
    octets: impl Fn(W) -> [u8; N],
    out: &mut [u8],
) {
    let done = out.len() / N;
    let mut chunks = out.chunks_exact_mut(N);
    for (chunk, &w) in (&mut chunks).zip(words) {
        chunk.copy_from_slice(&octets(w));
    }
    let rest = chunks.into_remainder();
    if let (false, Some(&w)) = (rest.is_empty(), words.get(done)) {
        rest.copy_from_slice(&octets(w)[..rest.len()]);
    }
}

impl BlockHash for Sha1 {
    type State = [u32; 5];
    type Block = Octets<64>;
    const BLOCK: usize = 64;
    const OUT: usize = 20;
    const LEN_FIELD: usize = 8;
    const BIG_ENDIAN: bool = true;
    const IV: [u32; 5] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0];
    const ZERO: Octets<64> = Octets([0; 64]);
    const DIGEST_BLOCK: Octets<64> = digest_block::<64>(20, true);
    fn compress(state: &mut [u32; 5], block: &Octets<64>) {
        sha1::block_api::compress(state, core::slice::from_ref(&block.0));
    }
    fn compress_pair(a: &mut [u32; 5], ba: &Octets<64>, b: &mut [u32; 5], bb: &Octets<64>) {
        lanes::sha1_pair(a, &ba.0, b, &bb.0);
    }
    fn mac(start: MacStart<'_, Self>, blocks: &[Octets<64>], mac: &mut [u32; 5]) {
        if let Err(start) = lanes::sha1_mac(start, blocks, mac) {
            mac_in_turn::<Self>(start, blocks, mac);
        }
    }
    fn digest(state: &[u32; 5], out: &mut [u8]) {
        write_words(state, u32::to_be_bytes, out);
    }
}

impl BlockHash for Sha256 {
    type State = [u32; 8];
    type Block = Octets<64>;
    const BLOCK: usize = 64;
    const OUT: usize = 32;
    const LEN_FIELD: usize = 8;
    const BIG_ENDIAN: bool = true;
    const IV: [u32; 8] = [
        0x6a09_e667,
        0xbb67_ae85,
        0x3c6e_f372,
        0xa54f_f53a,
        0x510e_527f,
        0x9b05_688c,
        0x1f83_d9ab,
        0x5be0_cd19,
    ];
    const ZERO: Octets<64> = Octets([0; 64]);
    const DIGEST_BLOCK: Octets<64> = digest_block::<64>(32, true);
    fn compress(state: &mut [u32; 8], block: &Octets<64>) {
        sha2::block_api::compress256(state, core::slice::from_ref(&block.0));
    }
    fn compress_pair(a: &mut [u32; 8], ba: &Octets<64>, b: &mut [u32; 8], bb: &Octets<64>) {
        lanes::sha256_pair(a, &ba.0, b, &bb.0);
    }
    fn mac(start: MacStart<'_, Self>, blocks: &[Octets<64>], mac: &mut [u32; 8]) {
        if let Err(start) = lanes::sha256_mac(start, blocks, mac) {
            mac_in_turn::<Self>(start, blocks, mac);
        }
    }
    fn mac_pair(
        start: MacStart<'_, Self>,
        blocks_a: &[Octets<64>],
        a: &mut [u32; 8],
        blocks_b: &[Octets<64>],
        b: &mut [u32; 8],
    ) {
        if let Err(start) = lanes::sha256_mac_pair(start, blocks_a, a, blocks_b, b) {
            mac_pair_in_turn::<Self>(start, blocks_a, a, blocks_b, b);
        }
    }
    fn digest(state: &[u32; 8], out: &mut [u8]) {
        write_words(state, u32::to_be_bytes, out);
    }
}

impl BlockHash for Sha384 {
    type State = [u64; 8];
    type Block = Octets<128>;
    const BLOCK: usize = 128;
    const OUT: usize = 48;
    const LEN_FIELD: usize = 16;
    const BIG_ENDIAN: bool = true;
    const IV: [u64; 8] = [
        0xcbbb_9d5d_c105_9ed8,
        0x629a_292a_367c_d507,
        0x9159_015a_3070_dd17,
        0x152f_ecd8_f70e_5939,
        0x6733_2667_ffc0_0b31,
        0x8eb4_4a87_6858_1511,
        0xdb0c_2e0d_64f9_8fa7,
        0x47b5_481d_befa_4fa4,
    ];
    const ZERO: Octets<128> = Octets([0; 128]);
    const DIGEST_BLOCK: Octets<128> = digest_block::<128>(48, true);
    fn compress(state: &mut [u64; 8], block: &Octets<128>) {
        sha2::block_api::compress512(state, core::slice::from_ref(&block.0));
    }
    fn digest(state: &[u64; 8], out: &mut [u8]) {
        write_words(state, u64::to_be_bytes, out);
    }
}

impl BlockHash for Sha512 {
    type State = [u64; 8];
    type Block = Octets<128>;
    const BLOCK: usize = 128;
    const OUT: usize = 64;
    const LEN_FIELD: usize = 16;
    const BIG_ENDIAN: bool = true;
    const IV: [u64; 8] = [
        0x6a09_e667_f3bc_c908,
        0xbb67_ae85_84ca_a73b,
        0x3c6e_f372_fe94_f82b,
        0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1,
        0x9b05_688c_2b3e_6c1f,
        0x1f83_d9ab_fb41_bd6b,
        0x5be0_cd19_137e_2179,
    ];
    const ZERO: Octets<128> = Octets([0; 128]);
    const DIGEST_BLOCK: Octets<128> = digest_block::<128>(64, true);
    fn compress(state: &mut [u64; 8], block: &Octets<128>) {
        sha2::block_api::compress512(state, core::slice::from_ref(&block.0));
    }
    fn digest(state: &[u64; 8], out: &mut [u8]) {
        write_words(state, u64::to_be_bytes, out);
    }
}

impl BlockHash for Md5 {
    type State = [u32; 4];
    type Block = Octets<64>;
    const BLOCK: usize = 64;
    const OUT: usize = 16;
    const LEN_FIELD: usize = 8;
    const BIG_ENDIAN: bool = false;
    const IV: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
    const ZERO: Octets<64> = Octets([0; 64]);
    const DIGEST_BLOCK: Octets<64> = digest_block::<64>(16, false);
    fn compress(state: &mut [u32; 4], block: &Octets<64>) {
        md5::block_api::compress(state, core::slice::from_ref(&block.0));
    }
    fn digest(state: &[u32; 4], out: &mut [u8]) {
        write_words(state, u32::to_le_bytes, out);
    }
}

/// The blocks of a message, formed as its pieces come and padded at the end (FIPS 180-4 §5.1):
/// each full block is handed to the caller's compression. [`Hasher`] runs it with one chaining
/// state; the multi-buffer SHA-1 of [`crate::crypto::lanes`] with sixteen. The block may hold key
/// material (a long HMAC key): it is wiped on drop.
pub(crate) struct MessageBlocks<H: BlockHash> {
    block: H::Block,
    /// Octets in `block`, always less than a block between calls.
    fill: usize,
    /// Octets hashed so far, including the `prefix_blocks` whole blocks before the message.
    len: u64,
}

impl<H: BlockHash> Clone for MessageBlocks<H> {
    fn clone(&self) -> Self {
        MessageBlocks { block: self.block, fill: self.fill, len: self.len }
    }
}

impl<H: BlockHash> MessageBlocks<H> {
    /// A message that follows `prefix_blocks` whole blocks already compressed (1 for the inner
    /// hash of an HMAC: the ipad block).
    pub(crate) fn after(prefix_blocks: u64) -> Self {
        MessageBlocks { block: H::ZERO, fill: 0, len: prefix_blocks * H::BLOCK as u64 }
    }

    /// Absorbs `data`, handing each block to `compress` as it fills.
    pub(crate) fn update(&mut self, mut data: &[u8], mut compress: impl FnMut(&H::Block)) {
        self.len += data.len() as u64;
        loop {
            let room = H::BLOCK - self.fill;
            let Some((now, rest)) = data.split_at_checked(room) else {
                self.block.as_mut()[self.fill..self.fill + data.len()].copy_from_slice(data);
                self.fill += data.len();
                return;
            };
            self.block.as_mut()[self.fill..].copy_from_slice(now);
            compress(&self.block);
            self.fill = 0;
            data = rest;
        }
    }

    /// Pads the message and hands its last block (or two) to `compress`. Nothing may be added
    /// afterwards.
    pub(crate) fn finish(&mut self, mut compress: impl FnMut(&H::Block)) {
        let bits = self.len.wrapping_mul(8);
        let block = self.block.as_mut();
        block[self.fill] = 0x80;
        block[self.fill + 1..].fill(0);
        if self.fill + 1 > H::BLOCK - H::LEN_FIELD {
            compress(&self.block);
            self.block = H::ZERO;
        }
        self.block.as_mut()[H::BLOCK - 8..].copy_from_slice(&length_octets(bits, H::BIG_ENDIAN));
        compress(&self.block);
    }
}

impl<H: BlockHash> Drop for MessageBlocks<H> {
    fn drop(&mut self) {
        self.block.zeroize();
    }
}

/// A streaming hash from some chaining state, for messages too long to lay out (see
/// [`Layout`]). Its state and its block buffer (which may hold key material: a long HMAC key)
/// are wiped on drop.
pub(crate) struct Hasher<H: BlockHash> {
    state: H::State,
    blocks: MessageBlocks<H>,
}

impl<H: BlockHash> Clone for Hasher<H> {
    fn clone(&self) -> Self {
        Hasher { state: self.state, blocks: self.blocks.clone() }
    }
}

impl<H: BlockHash> Hasher<H> {
    /// Starts from `state`, which has absorbed `prefix_blocks` whole blocks.
    fn resume(state: H::State, prefix_blocks: u64) -> Self {
        Hasher { state, blocks: MessageBlocks::after(prefix_blocks) }
    }

    /// A plain hash from the IV.
    pub(crate) fn new() -> Self {
        Self::resume(H::IV, 0)
    }

    /// Absorbs `data`, compressing each block as it fills.
    pub(crate) fn update(&mut self, data: &[u8]) {
        let state = &mut self.state;
        self.blocks.update(data, |block| H::compress(state, block));
    }

    /// Absorbs every piece of `parts`.
    pub(crate) fn update_parts(&mut self, parts: &[&[u8]]) {
        for p in parts {
            self.update(p);
        }
    }

    /// Pads (FIPS 180-4 §5.1) and writes the first `out.len()` octets of the digest.
    pub(crate) fn finish_into(self, out: &mut [u8]) {
        let mut state = self.finish_state();
        H::digest(&state, out);
        state.zeroize();
    }

    /// Pads (FIPS 180-4 §5.1) and returns the final state. Key material when the hash is an
    /// HMAC's inner one: the caller wipes it.
    fn finish_state(mut self) -> H::State {
        let state = &mut self.state;
        self.blocks.finish(|block| H::compress(state, block));
        self.state
    }
}

impl<H: BlockHash> Drop for Hasher<H> {
    fn drop(&mut self) {
        self.state.zeroize();
    }
}

/// Blocks of a [`Layout`]: enough for every fixed-size message of the key hierarchy (a PRF or
/// KDF block, a PMKID, a key name, the MIC of an EAPOL-Key message 2).
const LAYOUT_BLOCKS: usize = 3;

/// A short message written out in full, padded, before any of its blocks is compressed.
///
/// This is what keeps a derivation at its floor: a block written with small stores and read at
/// once by the compression with wide loads stalls the CPU for about a third of a compression
/// (store-to-load forwarding fails). Written ahead, each block has long left the store buffer
/// when its turn comes.
///
/// Not wiped on drop: the message of every HMAC of the crate is public (labels, addresses,
/// nonces, SSIDs, frames). The plain hashes ([`hash_into`]), which may hash key-derived octets,
/// wipe theirs.
pub(crate) struct Layout<H: BlockHash> {
    pub(crate) blocks: [H::Block; LAYOUT_BLOCKS],
    /// Octets written.
    len: usize,
}

impl<H: BlockHash> Layout<H> {
    /// Whether a message of `len` octets fits with its padding.
    pub(crate) const fn fits(len: usize) -> bool {
        len < LAYOUT_BLOCKS * H::BLOCK - H::LEN_FIELD
    }

    pub(crate) fn new() -> Self {
        Layout { blocks: [H::ZERO; LAYOUT_BLOCKS], len: 0 }
    }

    /// Writes `data` at octet `at`. The caller has checked the length with [`Layout::fits`].
    fn write_at(&mut self, mut at: usize, mut data: &[u8]) {
        while !data.is_empty() {
            let (block, offset) = (at / H::BLOCK, at % H::BLOCK);
            let (now, rest) = data.split_at((H::BLOCK - offset).min(data.len()));
            self.blocks[block].as_mut()[offset..offset + now.len()].copy_from_slice(now);
            at += now.len();
            data = rest;
        }
    }

    /// Appends `data`.
    pub(crate) fn put(&mut self, data: &[u8]) {
        let (block, offset) = (self.len / H::BLOCK, self.len % H::BLOCK);
        match self.blocks[block].as_mut().get_mut(offset..offset + data.len()) {
            // The common case: the piece fits in the current block.
            Some(dst) => dst.copy_from_slice(data),
            None => self.write_at(self.len, data),
        }
        self.len += data.len();
    }

    /// Writes the padding (FIPS 180-4 §5.1) for a message that follows `prefix` octets already
    /// hashed (whole blocks), and returns the number of blocks to compress.
    pub(crate) fn pad(&mut self, prefix: u64) -> usize {
        let blocks = (self.len + 1 + H::LEN_FIELD).div_ceil(H::BLOCK);
        self.write_at(self.len, &[0x80]);
        let bits = (prefix + self.len as u64).wrapping_mul(8);
        self.write_at(blocks * H::BLOCK - 8, &length_octets(bits, H::BIG_ENDIAN));
        blocks
    }

    /// Compresses `blocks` into `state`.
    pub(crate) fn compress(&self, state: &mut H::State, blocks: core::ops::Range<usize>) {
        for block in &self.blocks[blocks] {
            H::compress(state, block);
        }
    }

    /// A copy of the message, to change a few octets of.
    fn copy(&self) -> Self {
        Layout { blocks: self.blocks, len: self.len }
    }
}

/// `Hash(parts...)` truncated to `out.len()` octets (at most [`BlockHash::OUT`]).
pub(crate) fn hash_into<H: BlockHash>(parts: &[&[u8]], out: &mut [u8]) {
    let len = parts.iter().map(|p| p.len()).sum();
    if !Layout::<H>::fits(len) {
        let mut h = Hasher::<H>::new();
        h.update_parts(parts);
        return h.finish_into(out);
    }
    let mut m = Layout::<H>::new();
    parts.iter().for_each(|p| m.put(p));
    let n = m.pad(0);
    let mut state = H::IV;
    m.compress(&mut state, 0..n);
    H::digest(&state, out);
    state.zeroize();
    m.blocks.iter_mut().for_each(Zeroize::zeroize);
}

/// An HMAC key (RFC 2104) as its ipad and opad blocks, and the states after them.
///
/// The two compressions are independent: they run side by side ([`BlockHash::compress_pair`]).
/// Most keys of the hierarchy make one MAC or one pair of MACs (a PMKID, a MIC, a KDF of two
/// output blocks): then the pads are compressed in the same call as the message and the outer
/// block ([`MacStart::Pads`]), which on the SHA extensions keeps every state in registers
/// (a KDF-SHA-256 of 384 bits took 30 ns less than with the pads compressed first and kept,
/// on an AMD EPYC, Zen 4). A key of more MACs keeps the states after its pads ([`Hmac::key`]).
/// Wiped on drop.
pub(crate) struct Hmac<H: BlockHash> {
    ipad: H::Block,
    opad: H::Block,
    inner: Cell<Option<H::State>>,
    outer: Cell<Option<H::State>>,
}

/// The HMAC key as one block, before the ipad and opad (RFC 2104): the key padded with zeros,
/// or its hash when it is longer than a block. Key material: the caller wipes it.
pub(crate) fn key_block<H: BlockHash>(key: &[u8]) -> H::Block {
    let mut k0 = H::ZERO;
    if key.len() > H::BLOCK {
        hash_into::<H>(&[key], &mut k0.as_mut()[..H::OUT]);
    } else {
        k0.as_mut()[..key.len()].copy_from_slice(key);
    }
    k0
}

impl<H: BlockHash> Hmac<H> {
    /// Keys the HMAC: builds the ipad and opad blocks (a key longer than a block is hashed).
    pub(crate) fn new(key: &[u8]) -> Self {
        let mut ipad = key_block::<H>(key);
        let mut opad = ipad;
        ipad.as_mut().iter_mut().for_each(|b| *b ^= 0x36);
        opad.as_mut().iter_mut().for_each(|b| *b ^= 0x5c);
        Hmac { ipad, opad, inner: Cell::new(None), outer: Cell::new(None) }
    }

    /// The states after the ipad and after the opad block, both compressed on first use, side
    /// by side ([`BlockHash::compress_pair`]).
    fn keyed(&self) -> (H::State, H::State) {
        if let (Some(i), Some(o)) = (self.inner.get(), self.outer.get()) {
            return (i, o);
        }
        let (mut i, mut o) = (H::IV, H::IV);
        H::compress_pair(&mut i, &self.ipad, &mut o, &self.opad);
        self.inner.set(Some(i));
        self.outer.set(Some(o));
        (i, o)
    }

    /// Compresses the pads now and keeps the states after them: for a key of several MACs,
    /// whose first MAC would otherwise compress them in its own call and not keep them
    /// ([`MacStart::Pads`]).
    pub(crate) fn key(&self) {
        let (mut inner, mut outer) = self.keyed();
        inner.zeroize();
        outer.zeroize();
    }

    /// The state after the ipad block.
    fn inner(&self) -> H::State {
        self.keyed().0
    }

    /// The state after the opad block.
    fn outer(&self) -> H::State {
        self.keyed().1
    }

    /// An inner hasher that has absorbed the ipad block: feed it the message.
    pub(crate) fn start(&self) -> Hasher<H> {
        Hasher::resume(self.inner(), 1)
    }

    /// Runs `end` from [`MacStart`]: the keyed states, the inner one after the ipad block or
    /// `from`, a state after more blocks of the message; or, for a key not yet keyed, its pads,
    /// compressed in the same call as the rest and not kept (a key for several MACs is keyed
    /// first: [`Hmac::key`]).
    fn with_start<R>(&self, from: Option<&H::State>, end: impl FnOnce(MacStart<'_, H>) -> R) -> R {
        if from.is_none() && self.inner.get().is_none() {
            return end(MacStart::Pads(&self.ipad, &self.opad));
        }
        let (mut inner, mut outer) = self.keyed();
        let r = end(MacStart::States(from.unwrap_or(&inner), &outer));
        inner.zeroize();
        outer.zeroize();
        r
    }

    /// The MAC whose last blocks are `blocks`, from the inner state after the ipad block, or
    /// from `from` after more blocks ([`Hmac::with_start`], [`BlockHash::mac`]): writes its first
    /// `out.len()` octets.
    fn finish_blocks(&self, from: Option<&H::State>, blocks: &[H::Block], out: &mut [u8]) {
        let mut mac = H::IV;
        self.with_start(from, |start| H::mac(start, blocks, &mut mac));
        H::digest(&mac, out);
        mac.zeroize();
    }

    /// Finishes an inner hasher from [`Hmac::start`] with one outer compression
    /// ([`BlockHash::mac`], no block left) and writes the first `out.len()` octets of the MAC.
    pub(crate) fn finish_into(&self, inner: Hasher<H>, out: &mut [u8]) {
        let mut state = inner.finish_state();
        self.finish_blocks(Some(&state), &[], out);
        state.zeroize();
    }

    /// `HMAC(key, parts...)` truncated to `out.len()` octets.
    pub(crate) fn mac_into(&self, parts: &[&[u8]], out: &mut [u8]) {
        let len = parts.iter().map(|p| p.len()).sum();
        if !Layout::<H>::fits(len) {
            let mut h = self.start();
            h.update_parts(parts);
            return self.finish_into(h, out);
        }
        let mut m = Layout::<H>::new();
        parts.iter().for_each(|p| m.put(p));
        let n = m.pad(H::BLOCK as u64);
        self.finish_blocks(None, &m.blocks[..n], out);
    }

    /// Fills `out` with consecutive MACs of `OUT` octets (the last one truncated): MAC `i` is
    /// over `head(i) || middle... || tail(i)`, `middle` given as lists of pieces. This is the
    /// shape of every expansion: the SHA-1 PRF (empty head, the counter as tail), the KDF (the
    /// counter as head), the first PBKDF2 block of each chain.
    ///
    /// With an empty head the whole blocks of `middle` are compressed once for all MACs. The
    /// MACs are independent chains: they run two at a time, side by side
    /// ([`BlockHash::compress_pair`]), each message written before a compression reads it.
    pub(crate) fn expand<const HEAD: usize, const TAIL: usize>(
        &self,
        head: impl Fn(usize) -> [u8; HEAD],
        middle: &[&[&[u8]]],
        tail: impl Fn(usize) -> [u8; TAIL],
        out: &mut [u8],
    ) {
        let pieces = || middle.iter().flat_map(|parts| parts.iter());
        let middle_len: usize = pieces().map(|p| p.len()).sum();
        if !Layout::<H>::fits(HEAD + middle_len + TAIL) {
            // Long messages are streamed, the middle hashed once when it comes first.
            let mut base = self.start();
            if HEAD == 0 {
                pieces().for_each(|p| base.update(p));
            }
            for (i, chunk) in out.chunks_mut(H::OUT).enumerate() {
                let mut h = base.clone();
                if HEAD != 0 {
                    h.update(&head(i));
                    pieces().for_each(|p| h.update(p));
                }
                h.update(&tail(i));
                self.finish_into(h, chunk);
            }
            return;
        }
        // The message of MAC 0 in full, written before any compression (on a key's first use
        // the pads are compressed with the blocks after them: [`Hmac::with_start`]); the others
        // differ from it only in their head and tail.
        let mut m = Layout::<H>::new();
        m.put(&head(0));
        pieces().for_each(|p| m.put(p));
        let tail_at = m.len;
        m.put(&tail(0));
        let n = m.pad(H::BLOCK as u64);
        let shared = if HEAD == 0 { middle_len / H::BLOCK } else { 0 };
        let mut base = (shared > 0).then(|| {
            let mut base = self.inner();
            m.compress(&mut base, 0..shared);
            base
        });
        let count = out.len().div_ceil(H::OUT);
        if count > 2 {
            // More than one pair: the states after the pads are needed again.
            self.key();
        }
        if count == 1 {
            // One MAC (a GTK, the KCK of a PTK): nothing to pipeline.
            self.finish_blocks(base.as_ref(), &m.blocks[shared..n], out);
            if let Some(base) = base.as_mut() {
                base.zeroize();
            }
            return;
        }
        let patch = |m: &mut Layout<H>, i: usize| {
            m.write_at(0, &head(i));
            m.write_at(tail_at, &tail(i));
        };
        // MACs two at a time, their compressions side by side: `m` holds MAC i, `next` MAC
        // i + 1. The next pair's messages are written after this pair's MACs.
        let mut next = m.copy();
        patch(&mut next, 1);
        let mut chunks = out.chunks_mut(H::OUT);
        let mut i = 0;
        while let Some(first) = chunks.next() {
            let Some(second) = chunks.next() else {
                // An odd count: the last MAC alone.
                self.finish_blocks(base.as_ref(), &m.blocks[shared..n], first);
                break;
            };
            let mut macs = [H::IV; 2];
            let [a, b] = &mut macs;
            let (blocks_a, blocks_b) = (&m.blocks[shared..n], &next.blocks[shared..n]);
            self.with_start(base.as_ref(), |start| H::mac_pair(start, blocks_a, a, blocks_b, b));
            H::digest(a, first);
            H::digest(b, second);
            if i + 2 < count {
                patch(&mut m, i + 2);
            }
            if i + 3 < count {
                patch(&mut next, i + 3);
            }
            macs.iter_mut().for_each(Zeroize::zeroize);
            i += 2;
        }
        if let Some(base) = base.as_mut() {
            base.zeroize();
        }
    }

    /// `steps` PBKDF2 iterations (RFC 8018 §5.2) on each of `L` independent chains of this key:
    /// each `u` holds `U_j` in its first `OUT` octets (laid out as [`BlockHash::DIGEST_BLOCK`])
    /// and becomes `U_{j+steps}`; each `t` accumulates the XOR of the new `U`s in its first
    /// `OUT` octets. Exactly two compressions per chain and step; with two chains or more, one
    /// chain's digest is written while another's block is compressed.
    pub(crate) fn chain_steps<const L: usize>(
        &self,
        u: &mut [H::Block; L],
        t: &mut [H::Block; L],
        steps: u32,
    ) {
        let (mut inner, mut outer) = (self.inner(), self.outer());
        let mut states = [inner; L];
        for _ in 0..steps {
            for (s, u) in states.iter_mut().zip(u.iter_mut()) {
                *s = inner;
                H::compress(s, u);
                H::digest(s, &mut u.as_mut()[..H::OUT]);
            }
            for (s, u) in states.iter_mut().zip(u.iter_mut()) {
                *s = outer;
                H::compress(s, u);
                H::digest(s, &mut u.as_mut()[..H::OUT]);
            }
            for (t, u) in t.iter_mut().zip(u.iter()) {
                let (t, u) = (&mut t.as_mut()[..H::OUT], &u.as_ref()[..H::OUT]);
                t.iter_mut().zip(u).for_each(|(t, u)| *t ^= u);
            }
        }
        states.iter_mut().for_each(Zeroize::zeroize);
        inner.zeroize();
        outer.zeroize();
    }

    /// The keyed states `(inner, outer)`, for the multi-buffer PBKDF2 of [`crate::crypto::lanes`].
    /// Copies of key material: the caller wipes them.
    #[allow(dead_code)]
    pub(crate) fn states(&self) -> (H::State, H::State) {
        (self.inner(), self.outer())
    }
}

impl<H: BlockHash> Drop for Hmac<H> {
    fn drop(&mut self) {
        self.ipad.zeroize();
        self.opad.zeroize();
        if let Some(s) = self.inner.get_mut() {
            s.zeroize();
        }
        if let Some(s) = self.outer.get_mut() {
            s.zeroize();
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use hmac::{KeyInit, Mac};
    use std::vec::Vec;

    fn reference<M: Mac + KeyInit>(key: &[u8], msg: &[u8]) -> Vec<u8> {
        let mut m = <M as KeyInit>::new_from_slice(key).unwrap();
        m.update(msg);
        m.finalize().into_bytes().to_vec()
    }

    fn ours<H: BlockHash>(key: &[u8], msg: &[u8]) -> Vec<u8> {
        let mut out = std::vec![0u8; H::OUT];
        let (a, b) = msg.split_at(msg.len() / 3);
        Hmac::<H>::new(key).mac_into(&[a, b], &mut out);
        out
    }

    #[test]
    fn agrees_with_the_hmac_crate_on_every_length() {
        // Message lengths around every padding boundary, keys shorter and longer than a block.
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for key_len in [0usize, 1, 20, 63, 64, 65, 128, 129, 200] {
            let key = &data[..key_len];
            for msg_len in 0..=260 {
                let msg = &data[40..40 + msg_len];
                assert_eq!(ours::<Sha1>(key, msg), reference::<hmac::Hmac<sha1::Sha1>>(key, msg));
                assert_eq!(
                    ours::<Sha256>(key, msg),
                    reference::<hmac::Hmac<sha2::Sha256>>(key, msg)
                );
                assert_eq!(
                    ours::<Sha384>(key, msg),
                    reference::<hmac::Hmac<sha2::Sha384>>(key, msg)
                );
                assert_eq!(
                    ours::<Sha512>(key, msg),
                    reference::<hmac::Hmac<sha2::Sha512>>(key, msg)
                );
                assert_eq!(ours::<Md5>(key, msg), reference::<hmac::Hmac<md5::Md5>>(key, msg));
            }
        }
    }

    /// `expand` against one reference HMAC per output, around every layout and block boundary,
    /// for 1 to 9 outputs (the pipeline's odd and even counts, a truncated last output).
    fn expand_case<H: BlockHash, M: Mac + KeyInit + Clone>(middle: &[u8], out_len: usize) {
        let key = [0x0bu8; 20];
        let (a, b) = middle.split_at(middle.len() / 2);
        let mut ours = std::vec![0u8; out_len];
        let mac = Hmac::<H>::new(&key);
        mac.expand(|i| [i as u8, 0xa5], &[&[a], &[b]], |i| [0x5a, i as u8, 7], &mut ours);
        let mut plain = std::vec![0u8; out_len];
        mac.expand(|_| [], &[&[a, b]], |i| [i as u8], &mut plain);
        for (i, (o, p)) in ours.chunks(H::OUT).zip(plain.chunks(H::OUT)).enumerate() {
            let msg = [&[i as u8, 0xa5][..], middle, &[0x5a, i as u8, 7]].concat();
            assert_eq!(o, &reference::<M>(&key, &msg)[..o.len()], "{} {i}", middle.len());
            let msg = [middle, &[i as u8][..]].concat();
            assert_eq!(p, &reference::<M>(&key, &msg)[..p.len()], "{} {i}", middle.len());
        }
    }

    #[test]
    fn expand_matches_one_hmac_per_output() {
        let data: Vec<u8> = (0..400u32).map(|i| (i * 13 + 1) as u8).collect();
        for len in (0..=400).step_by(7).chain([55, 56, 63, 64, 65, 119, 120, 180, 181, 182, 183]) {
            for outputs in [1usize, 2, 3, 4, 5, 9] {
                let middle = &data[..len];
                expand_case::<Sha1, hmac::Hmac<sha1::Sha1>>(middle, outputs * 20 - 3);
                expand_case::<Sha256, hmac::Hmac<sha2::Sha256>>(middle, outputs * 32);
                expand_case::<Sha384, hmac::Hmac<sha2::Sha384>>(middle, outputs * 48 - 1);
                expand_case::<Sha512, hmac::Hmac<sha2::Sha512>>(middle, outputs * 64 - 5);
            }
        }
    }

    #[test]
    fn plain_hash_matches() {
        use sha2::Digest;
        for len in
            [0usize, 55, 56, 63, 64, 111, 112, 127, 128, 129, 183, 184, 239, 240, 300, 370, 400]
        {
            let msg: Vec<u8> = (0..len).map(|i| i as u8).collect();
            let mut a = [0u8; 48];
            let mut h = Hasher::<Sha384>::new();
            h.update(&msg);
            h.finish_into(&mut a);
            assert_eq!(a[..], sha2::Sha384::digest(&msg)[..]);
            let (x, y) = msg.split_at(len / 3);
            hash_into::<Sha384>(&[x, y], &mut a);
            assert_eq!(a[..], sha2::Sha384::digest(&msg)[..]);
            let mut d = [0u8; 64];
            hash_into::<Sha512>(&[x, y], &mut d);
            assert_eq!(d[..], sha2::Sha512::digest(&msg)[..]);
            let mut b = [0u8; 20];
            let mut h = Hasher::<Sha1>::new();
            h.update(&msg);
            h.finish_into(&mut b);
            assert_eq!(b[..], sha1::Sha1::digest(&msg)[..]);
            let mut c = [0u8; 16];
            let mut h = Hasher::<Md5>::new();
            h.update(&msg);
            h.finish_into(&mut c);
            assert_eq!(c[..], md5::Md5::digest(&msg)[..]);
        }
    }
}
