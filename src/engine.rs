//! HMAC at the level of the hash's compression function: the crate's speed floor.
//!
//! Every derivation of the key hierarchy is a handful of HMAC blocks, so the cost that matters
//! is the number of compressions. This module keys an HMAC once (two compressions: the ipad and
//! opad blocks), hands out streaming inner hashers that start from the keyed state, and finishes
//! each with exactly one outer compression. Nothing is allocated, no input is concatenated, and
//! the per-block bookkeeping is a copy into one block buffer.
//!
//! The compression functions themselves come from RustCrypto (`sha1::block_api::compress`,
//! `sha2::block_api::compress256/compress512`), which pick the CPU's SHA extensions at run time.
//! HMAC is RFC 2104; the padding is FIPS 180-4 §5.1.

use zeroize::Zeroize;

/// A Merkle-Damgård hash reached through its compression function.
pub(crate) trait BlockHash {
    /// The chaining state.
    type State: Copy + Zeroize;
    /// One message block.
    type Block: Copy + AsRef<[u8]> + AsMut<[u8]>;
    /// Block length in octets.
    const BLOCK: usize;
    /// Digest length in octets.
    const OUT: usize;
    /// Octets of the message-length field at the end of the last block.
    const LEN_FIELD: usize;
    /// The initial state (FIPS 180-4 §5.3).
    const IV: Self::State;
    /// A block of zeros.
    const ZERO: Self::Block;
    /// Applies the compression function to one block.
    fn compress(state: &mut Self::State, block: &Self::Block);
    /// Writes the first `out.len()` (at most [`Self::OUT`]) octets of the digest of `state`.
    fn digest(state: &Self::State, out: &mut [u8]);
}

/// SHA-1 (FIPS 180-4 §6.1).
pub(crate) enum Sha1 {}
/// SHA-256 (FIPS 180-4 §6.2).
pub(crate) enum Sha256 {}
/// SHA-384 (FIPS 180-4 §6.5): the SHA-512 compression with its own IV, 48-octet digest.
pub(crate) enum Sha384 {}

fn write_be32(words: &[u32], out: &mut [u8]) {
    for (chunk, w) in out.chunks_mut(4).zip(words) {
        let b = w.to_be_bytes();
        chunk.copy_from_slice(&b[..chunk.len()]);
    }
}

impl BlockHash for Sha1 {
    type State = [u32; 5];
    type Block = [u8; 64];
    const BLOCK: usize = 64;
    const OUT: usize = 20;
    const LEN_FIELD: usize = 8;
    const IV: [u32; 5] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0];
    const ZERO: [u8; 64] = [0; 64];
    fn compress(state: &mut [u32; 5], block: &[u8; 64]) {
        sha1::block_api::compress(state, core::slice::from_ref(block));
    }
    fn digest(state: &[u32; 5], out: &mut [u8]) {
        write_be32(state, out);
    }
}

impl BlockHash for Sha256 {
    type State = [u32; 8];
    type Block = [u8; 64];
    const BLOCK: usize = 64;
    const OUT: usize = 32;
    const LEN_FIELD: usize = 8;
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
    const ZERO: [u8; 64] = [0; 64];
    fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
        sha2::block_api::compress256(state, core::slice::from_ref(block));
    }
    fn digest(state: &[u32; 8], out: &mut [u8]) {
        write_be32(state, out);
    }
}

impl BlockHash for Sha384 {
    type State = [u64; 8];
    type Block = [u8; 128];
    const BLOCK: usize = 128;
    const OUT: usize = 48;
    const LEN_FIELD: usize = 16;
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
    const ZERO: [u8; 128] = [0; 128];
    fn compress(state: &mut [u64; 8], block: &[u8; 128]) {
        sha2::block_api::compress512(state, core::slice::from_ref(block));
    }
    fn digest(state: &[u64; 8], out: &mut [u8]) {
        for (chunk, w) in out.chunks_mut(8).zip(state) {
            let b = w.to_be_bytes();
            chunk.copy_from_slice(&b[..chunk.len()]);
        }
    }
}

/// A streaming hash from some chaining state. Its state is zeroized on drop; its block buffer
/// holds message octets, which the callers zeroize where they are secret.
pub(crate) struct Hasher<H: BlockHash> {
    state: H::State,
    block: H::Block,
    fill: usize,
    /// Octets hashed so far, including the blocks behind `state`.
    len: u64,
}

impl<H: BlockHash> Clone for Hasher<H> {
    fn clone(&self) -> Self {
        Hasher { state: self.state, block: self.block, fill: self.fill, len: self.len }
    }
}

impl<H: BlockHash> Hasher<H> {
    /// Starts from `state`, which has absorbed `prefix_blocks` whole blocks.
    fn resume(state: H::State, prefix_blocks: u64) -> Self {
        Hasher { state, block: H::ZERO, fill: 0, len: prefix_blocks * H::BLOCK as u64 }
    }

    /// A plain hash from the IV.
    pub(crate) fn new() -> Self {
        Self::resume(H::IV, 0)
    }

    /// Absorbs `data`, compressing each block as it fills.
    pub(crate) fn update(&mut self, mut data: &[u8]) {
        self.len += data.len() as u64;
        while !data.is_empty() {
            let room = H::BLOCK - self.fill;
            let (now, rest) = data.split_at(room.min(data.len()));
            self.block.as_mut()[self.fill..self.fill + now.len()].copy_from_slice(now);
            self.fill += now.len();
            data = rest;
            if self.fill == H::BLOCK {
                H::compress(&mut self.state, &self.block);
                self.fill = 0;
            }
        }
    }

    /// Absorbs every piece of `parts`.
    pub(crate) fn update_parts(&mut self, parts: &[&[u8]]) {
        for p in parts {
            self.update(p);
        }
    }

    /// Pads (FIPS 180-4 §5.1) and writes the first `out.len()` octets of the digest.
    pub(crate) fn finish_into(mut self, out: &mut [u8]) {
        self.finish(out);
    }

    /// [`Hasher::finish_into`] for a secret message: also wipes the block buffer, which still
    /// holds the message's last octets. (The state is wiped on drop in every case; the public
    /// messages of the PRFs and MICs skip this.)
    pub(crate) fn finish_secret_into(mut self, out: &mut [u8]) {
        self.finish(out);
        self.block.as_mut().zeroize();
    }

    fn finish(&mut self, out: &mut [u8]) {
        let bits = self.len.wrapping_mul(8);
        let block = self.block.as_mut();
        block[self.fill] = 0x80;
        block[self.fill + 1..].fill(0);
        if self.fill + 1 > H::BLOCK - H::LEN_FIELD {
            H::compress(&mut self.state, &self.block);
            self.block = H::ZERO;
        }
        let block = self.block.as_mut();
        block[H::BLOCK - 8..].copy_from_slice(&bits.to_be_bytes());
        H::compress(&mut self.state, &self.block);
        H::digest(&self.state, out);
    }
}

impl<H: BlockHash> Drop for Hasher<H> {
    fn drop(&mut self) {
        self.state.zeroize();
    }
}

/// An HMAC key schedule (RFC 2104): the states after the ipad and the opad blocks.
/// Zeroized on drop.
pub(crate) struct Hmac<H: BlockHash> {
    inner: H::State,
    outer: H::State,
}

impl<H: BlockHash> Hmac<H> {
    /// Keys the HMAC: two compressions (plus the hash of a key longer than a block).
    pub(crate) fn new(key: &[u8]) -> Self {
        // K0 || 0^(B - len) XOR ipad, built in place (a key longer than a block is hashed).
        let mut pad = H::ZERO;
        if key.len() > H::BLOCK {
            let mut h = Hasher::<H>::new();
            h.update(key);
            h.finish_secret_into(&mut pad.as_mut()[..H::OUT]);
        } else {
            pad.as_mut()[..key.len()].copy_from_slice(key);
        }
        pad.as_mut().iter_mut().for_each(|b| *b ^= 0x36);
        let mut inner = H::IV;
        H::compress(&mut inner, &pad);
        // ipad XOR opad = 0x36 XOR 0x5c = 0x6a turns the ipad block into the opad block.
        pad.as_mut().iter_mut().for_each(|b| *b ^= 0x36 ^ 0x5c);
        let mut outer = H::IV;
        H::compress(&mut outer, &pad);
        pad.as_mut().zeroize();
        Hmac { inner, outer }
    }

    /// An inner hasher that has absorbed the ipad block: feed it the message.
    pub(crate) fn start(&self) -> Hasher<H> {
        Hasher::resume(self.inner, 1)
    }

    /// Finishes an inner hasher from [`Hmac::start`] with one outer compression and writes the
    /// first `out.len()` octets of the MAC.
    pub(crate) fn finish_into(&self, inner: Hasher<H>, out: &mut [u8]) {
        let mut outer = Hasher::<H>::resume(self.outer, 1);
        inner.finish_into(&mut outer.block.as_mut()[..H::OUT]);
        outer.fill = H::OUT;
        outer.len += H::OUT as u64;
        outer.finish(out);
        // The inner digest stays in the first OUT octets of the outer block (the padding comes
        // after it, in the same block): wipe it.
        outer.block.as_mut()[..H::OUT].zeroize();
    }

    /// A block laid out for a message exactly one digest long (the running value of a PBKDF2
    /// chain): octets `[0, OUT)` are the message, then its padding for a total length of one
    /// keyed block plus one digest.
    pub(crate) fn chain_block() -> H::Block {
        let mut block = H::ZERO;
        let b = block.as_mut();
        b[H::OUT] = 0x80;
        let bits = ((H::BLOCK + H::OUT) as u64) * 8;
        b[H::BLOCK - 8..].copy_from_slice(&bits.to_be_bytes());
        block
    }

    /// One PBKDF2 step in place on each of `L` independent chains: replaces the message of each
    /// [`Hmac::chain_block`] with its HMAC, in exactly two compressions per chain. Each
    /// compression is issued for every chain before the next one, so the CPU can overlap them.
    pub(crate) fn chain_steps<const L: usize>(&self, blocks: &mut [H::Block; L]) {
        let mut states = [self.inner; L];
        for (s, b) in states.iter_mut().zip(blocks.iter()) {
            H::compress(s, b);
        }
        for (s, b) in states.iter().zip(blocks.iter_mut()) {
            H::digest(s, &mut b.as_mut()[..H::OUT]);
        }
        states = [self.outer; L];
        for (s, b) in states.iter_mut().zip(blocks.iter()) {
            H::compress(s, b);
        }
        for (s, b) in states.iter().zip(blocks.iter_mut()) {
            H::digest(s, &mut b.as_mut()[..H::OUT]);
        }
        states.iter_mut().for_each(Zeroize::zeroize);
    }

    /// `HMAC(key, parts...)` truncated to `out.len()` octets.
    pub(crate) fn mac_into(&self, parts: &[&[u8]], out: &mut [u8]) {
        let mut h = self.start();
        h.update_parts(parts);
        self.finish_into(h, out);
    }
}

impl<H: BlockHash> Drop for Hmac<H> {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
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
            }
        }
    }

    #[test]
    fn plain_hash_matches() {
        use sha2::Digest;
        for len in [0usize, 55, 56, 63, 64, 111, 112, 127, 128, 129] {
            let msg: Vec<u8> = (0..len).map(|i| i as u8).collect();
            let mut a = [0u8; 48];
            let mut h = Hasher::<Sha384>::new();
            h.update(&msg);
            h.finish_into(&mut a);
            assert_eq!(a[..], sha2::Sha384::digest(&msg)[..]);
            let mut b = [0u8; 20];
            let mut h = Hasher::<Sha1>::new();
            h.update(&msg);
            h.finish_into(&mut b);
            assert_eq!(b[..], sha1::Sha1::digest(&msg)[..]);
        }
    }
}
