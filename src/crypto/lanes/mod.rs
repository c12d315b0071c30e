//! Every multi-buffer path of the crate, and the only module that allows `unsafe`.
//!
//! Two parts, kept apart:
//! * [`kernel`]: the compression kernels (sixteen SHA-1 computations side by side in vector
//!   registers: PBKDF2 chains, general blocks, HMACs) and their run-time dispatch ([`Backend`]).
//! * here: what runs on them, each behind one narrow function that the key modules call:
//!   the batch passphrase mapping ([`pbkdf2_sha1_32_many`], for `Psk::from_passphrases`),
//!   multi-PSK identification ([`first_verifying_key`], for `Kck::first_verifying`: the KCKs
//!   of sixteen candidate keys and their MICs at once, for `eapol::identify_pmk`), and the
//!   counter blocks of one SHA-1 PRF expansion ([`sha1_counter_blocks`], for
//!   `prf::prf_sha1` and CCKM, on the stream bodies only). The first two decide here whether
//!   a group is worth a vector pass ([`FEWEST_FOR_LANES`]) and fall back to the sequential
//!   code, with the same results, where the CPU has no vector backend or the group is small.
#![allow(unsafe_code)]

mod kernel;

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
pub(crate) use kernel::allow_avx512;
pub(crate) use kernel::{
    sha1_mac, sha1_pair, sha256_mac, sha256_mac_pair, sha256_pair, Backend, LANES,
};
use kernel::{
    Chains, CounterBlocks, DerivedKeyMac, KeyRows, LaneBlocks, LaneHmac, LaneStates, SharedBlocks,
    DIGEST_LEN,
};

use zeroize::Zeroize;

use crate::crypto::engine::{key_block, BlockHash, Hmac, Layout, MessageBlocks, Sha1};
use crate::crypto::mic::MicCheck;
use crate::crypto::prf;
use crate::error::{Error, Result};
use crate::secret::{scratch, Octets};
use crate::suite::{Kdf, MicAlgorithm};

/// Below this many items a group runs sequentially on a vector body: a vector pass costs the
/// same for one item as for a full group, about as much as two or three sequential derivations
/// (eight passphrases' PBKDF2 chains, sixteen candidates' KCKs and MICs). The stream bodies
/// cost per lane in use, so any group is worth it there ([`Backend::fewest_for_lanes`]).
pub(crate) const FEWEST_FOR_LANES: usize = 3;

// ---------------------------------------------------------------------------------------------
// The batch passphrase mapping.

/// Passwords per group of lanes: two PBKDF2 chains (output blocks) each.
const PER_GROUP: usize = LANES / 2;

/// PBKDF2-HMAC-SHA1 (RFC 8018) with a 32-octet output, for many passwords and one salt:
/// `each(i, result)` is called once for every password `i`, in no particular order, with the
/// error of `check` or the 32 octets (in a buffer wiped afterwards). On the CPU's vector backend
/// when it has one; the results are those of [`prf::pbkdf2_sha1`].
pub(crate) fn pbkdf2_sha1_32_many<P>(
    salt: &[u8],
    iterations: u32,
    passwords: &[P],
    check: impl Fn(&P) -> Result<&[u8]>,
    each: &mut dyn FnMut(usize, Result<&[u8; 32]>),
) {
    pbkdf2_sha1_32_on(Backend::detect(), salt, iterations, passwords, check, each)
}

/// [`pbkdf2_sha1_32_many`] on `backend`, or one after the other without one.
fn pbkdf2_sha1_32_on<P>(
    backend: Option<Backend>,
    salt: &[u8],
    iterations: u32,
    passwords: &[P],
    check: impl Fn(&P) -> Result<&[u8]>,
    each: &mut dyn FnMut(usize, Result<&[u8; 32]>),
) {
    let sequential = |i: usize, each: &mut dyn FnMut(usize, Result<&[u8; 32]>)| {
        let mut out = scratch::<32>();
        let r =
            check(&passwords[i]).and_then(|p| prf::pbkdf2_sha1(p, salt, iterations, &mut out.0));
        each(i, r.map(|()| &out.0));
    };
    let Some(backend) = backend.filter(|_| iterations > 0) else {
        return (0..passwords.len()).for_each(|i| sequential(i, each));
    };
    let mut chains = Chains::new();
    let mut group = [0usize; PER_GROUP];
    let mut used = 0;
    let mut todo = passwords.iter().enumerate().peekable();
    while let Some((i, p)) = todo.next() {
        match check(p) {
            Err(e) => each(i, Err(e)),
            Ok(p) => {
                // Keyed once; U1 of both output blocks (salt || INT(1), salt || INT(2)).
                let mac = Hmac::<Sha1>::new(p);
                let (mut inner, mut outer) = mac.states();
                let mut u1 = scratch::<40>();
                let index = |b: usize| (b as u32 + 1).to_be_bytes();
                mac.expand(|_| [], &[&[salt]], index, &mut u1.0);
                let (first, second) = u1.0.split_at(20);
                chains.load(2 * used, &inner, &outer, first);
                chains.load(2 * used + 1, &inner, &outer, second);
                inner.zeroize();
                outer.zeroize();
                group[used] = i;
                used += 1;
            }
        }
        if used == PER_GROUP || (todo.peek().is_none() && used > 0) {
            if used < backend.fewest_for_lanes() {
                // Too few for a vector pass: one after the other.
                group[..used].iter().for_each(|&i| sequential(i, each));
            } else {
                chains.run(backend, 2 * used, iterations - 1);
                for (k, &i) in group[..used].iter().enumerate() {
                    let mut out = scratch::<32>();
                    let (first, second) = out.0.split_at_mut(20);
                    chains.read(2 * k, first);
                    chains.read(2 * k + 1, second);
                    each(i, Ok(&out.0));
                }
            }
            used = 0;
        }
    }
}

/// The two output-block chains of one PBKDF2-HMAC-SHA1 derivation (`out`: up to 40 octets,
/// `u1`: their `U_1`), `steps` more iterations each, on the stream body of the CPU's SHA
/// instructions ([`Backend::streams`]): both chains in registers, interleaved. Returns `false`
/// (and leaves `out` alone) where the CPU has no stream body.
pub(crate) fn pbkdf2_sha1_pair(
    mac: &Hmac<Sha1>,
    u1: &[u8; 40],
    steps: u32,
    out: &mut [u8],
) -> bool {
    let Some(backend) = Backend::streams() else {
        return false;
    };
    let mut chains = Chains::new();
    let (mut inner, mut outer) = mac.states();
    for (lane, u1) in u1.chunks_exact(20).enumerate() {
        chains.load(lane, &inner, &outer, u1);
    }
    inner.zeroize();
    outer.zeroize();
    chains.run(backend, out.len().div_ceil(20), steps);
    let (a, b) = out.split_at_mut(out.len().min(20));
    chains.read(0, a);
    chains.read(1, b);
    true
}

/// `steps` PBKDF2 iterations on `lanes` chains of made-up keys with `backend`, and a word of the
/// result: the benches' measure of a compression's cost with that many streams
/// (`__bench::pbkdf2_lanes`).
pub(crate) fn pbkdf2_for_timing(backend: Backend, lanes: usize, steps: u32) -> u32 {
    let mut c = Chains::new();
    for lane in 0..LANES {
        let w = [lane as u32; 5];
        c.load(lane, &w, &w, &[lane as u8; 20]);
    }
    c.run(backend, lanes, steps);
    let mut out = [0u8; 4];
    c.read(0, &mut out);
    u32::from_be_bytes(out)
}

// ---------------------------------------------------------------------------------------------
// The SHA-1 PRF's counter blocks.

/// `HMAC-SHA1(K, message || i)` for `i = 0, 1, ...` (one octet: `out` at most 256 blocks)
/// into `out`, `mac` keyed with `K`: the counter blocks of the SHA-1 PRF (12.7.1.2) and of
/// CCKM's expansion as interleaved streams on the CPU's stream body ([`Backend::streams`]).
/// Returns `false` (and leaves `out` alone) where the CPU has none or `out` is one block.
pub(crate) fn sha1_counter_blocks(mac: &Hmac<Sha1>, message: &[&[&[u8]]], out: &mut [u8]) -> bool {
    match Backend::streams() {
        Some(backend) if out.len() > DIGEST_LEN => {
            sha1_counter_blocks_on(backend, mac, message, out);
            true
        }
        _ => false,
    }
}

/// [`sha1_counter_blocks`] with `backend`: the message with counter 0 laid out whole and
/// padded (streamed if it is too long for a [`Layout`]), its whole blocks before the counter's
/// compressed once, on the compression function; then, up to [`LANES`] counters at a time,
/// their last blocks (each holding its counter), the padding block after them if there is one,
/// and their outer blocks, as independent chains ([`CounterBlocks`]).
fn sha1_counter_blocks_on(
    backend: Backend,
    mac: &Hmac<Sha1>,
    message: &[&[&[u8]]],
    out: &mut [u8],
) {
    let pieces = || message.iter().flat_map(|p| p.iter());
    let len: usize = pieces().map(|p| p.len()).sum();
    // The last block with counter 0 (the message leaves less than a block unhashed, so the
    // counter falls in the first block after the whole ones), and the padding block after it
    // if there is one, borrowed from `layout` (a short message: written whole before any
    // compression, so the keying's compressions run while its stores drain) or from `tail`.
    let (mut layout, mut tail, mut handed) = (Layout::<Sha1>::new(), [Sha1::ZERO; 2], 0);
    let (mut inner, mut outer);
    let (last, padding) = if Layout::<Sha1>::fits(len + 1) {
        pieces().for_each(|p| layout.put(p));
        layout.put(&[0]);
        let n = layout.pad(Sha1::BLOCK as u64);
        (inner, outer) = mac.states();
        let shared = len / Sha1::BLOCK;
        layout.compress(&mut inner, 0..shared);
        let blocks = &layout.blocks[shared..n];
        (&blocks[0], blocks.get(1))
    } else {
        (inner, outer) = mac.states();
        let mut blocks = MessageBlocks::<Sha1>::after(1);
        pieces().for_each(|p| blocks.update(p, |b| Sha1::compress(&mut inner, b)));
        let mut keep = |block: &Octets<64>| {
            if let Some(t) = tail.get_mut(handed) {
                *t = *block;
            }
            handed += 1;
        };
        blocks.update(&[0], &mut keep);
        blocks.finish(&mut keep);
        (&tail[0], tail.get(1).filter(|_| handed > 1))
    };
    let mut macs = [[0u32; 5]; LANES];
    let mut most = 0;
    for (g, group) in out.chunks_mut(LANES * DIGEST_LEN).enumerate() {
        let used = group.len().div_ceil(DIGEST_LEN);
        most = most.max(used);
        let job = CounterBlocks {
            inner: &inner,
            outer: &outer,
            last,
            at: len % Sha1::BLOCK,
            // g < 16: `out` is at most 256 blocks.
            counter: (g * LANES) as u8,
            padding,
        };
        job.run(backend, &mut macs[..used]);
        for (mac, chunk) in macs.iter().zip(group.chunks_mut(DIGEST_LEN)) {
            Sha1::digest(mac, chunk);
        }
    }
    macs[..most].iter_mut().for_each(Zeroize::zeroize);
    inner.zeroize();
    outer.zeroize();
}

// ---------------------------------------------------------------------------------------------
// Multi-PSK identification.

/// What identification checks for each candidate key: its KCK, the first `kck_len` octets of
/// the expansion `kdf(key, label, data)` of `total` octets (the PTK's length: the KDF takes it
/// as an input), keys the MIC `check`.
pub(crate) struct KckMicJob<'a> {
    /// The PTK's expansion.
    pub(crate) kdf: Kdf,
    /// Its label.
    pub(crate) label: &'a [u8],
    /// Its data, in pieces.
    pub(crate) data: &'a [&'a [u8]],
    /// The whole PTK's length in octets.
    pub(crate) total: usize,
    /// The KCK's length in octets.
    pub(crate) kck_len: usize,
    /// The MIC keyed with the KCK.
    pub(crate) check: MicCheck<'a>,
}

/// The index of the first of `keys` (each read with `key`) whose KCK verifies the job's MIC, or
/// `None`. For the SHA-1 PRF, groups of sixteen candidates run on `backend` (the CPU's vector
/// backend, [`Backend::detect`]); every other expansion, and without a backend, one candidate
/// after the other. With an HMAC-SHA1 MIC (descriptor version 2) and a frame of at most
/// [`kernel::MOST_SHARED_BLOCKS`] blocks, a group's KCKs and MICs are one fused pass of the body
/// ([`DerivedKeyMac`]: 11 compressions per candidate for AKM 2 and a 121-octet message 2/4, the
/// KCKs never leaving the registers); otherwise the KCKs on the lanes, then the MICs. Each KCK
/// is wiped; the keys are not compared with each other.
pub(crate) fn first_verifying_key<K>(
    backend: Option<Backend>,
    job: &KckMicJob<'_>,
    keys: &[K],
    key: impl Fn(&K) -> &[u8],
) -> Result<Option<usize>> {
    // A KCK from one SHA-1 PRF block.
    let on_lanes = job.kdf == Kdf::Sha1Prf && job.kck_len <= DIGEST_LEN;
    let Some(backend) = backend.filter(|_| on_lanes) else {
        return first_verifying_sequential(job, keys, &key);
    };
    // HMAC-SHA1 MICs with both messages laid out once: the KCK and the MIC of a group in one
    // pass of the body. Other MICs (HMAC-MD5...) and longer frames: the KCKs on the lanes,
    // then the MICs.
    let received = job.check.received;
    let fused = (job.check.alg == MicAlgorithm::HmacSha1_128
        && received.len() <= DIGEST_LEN
        && !received.is_empty())
    .then(|| {
        // PRF block 0: HMAC-SHA1(K, A || 0x00 || B || 0) (12.7.1.2).
        let prf = SharedBlocks::after_key(&[&[job.label, &[0]], job.data, &[&[0]]])?;
        Some((prf, SharedBlocks::after_key(&[job.check.parts])?))
    })
    .flatten();
    let fused = fused.as_ref().map(|(prf, mic)| DerivedKeyMac::new(prf, job.kck_len, mic));
    let mut blocks = KeyRows::new();
    for (g, group) in keys.chunks(LANES).enumerate() {
        let found = if group.len() < backend.fewest_for_lanes() {
            // Too few for a vector pass (the last group): one after the other.
            first_verifying_sequential(job, group, &key)?
        } else if let Some(fused) = &fused {
            blocks.reset();
            for (lane, k) in group.iter().enumerate() {
                blocks.load_key(lane, key(k));
            }
            fused.run(backend, &blocks).first_digest_eq(group.len(), received)
        } else {
            first_verifying_lanes(backend, job, group, &key)?
        };
        if let Some(i) = found {
            return Ok(Some(g * LANES + i));
        }
    }
    Ok(None)
}

/// One candidate after the other, on the compression function.
fn first_verifying_sequential<K>(
    job: &KckMicJob<'_>,
    keys: &[K],
    key: &impl Fn(&K) -> &[u8],
) -> Result<Option<usize>> {
    let mut buf = scratch::<64>();
    let kck = buf
        .0
        .get_mut(..job.kck_len)
        .ok_or(Error::InvalidLength { what: "KCK", len: job.kck_len })?;
    for (i, k) in keys.iter().enumerate() {
        prf::expand_prefix(job.kdf, key(k), job.label, job.data, job.total, kck)?;
        match job.check.verify(kck) {
            Ok(()) => return Ok(Some(i)),
            Err(Error::MicMismatch) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// Up to [`LANES`] candidates at once: the first SHA-1 PRF block of every candidate's key, then
/// the MICs. Five compressions per lane for AKM 2's KCK: 2 for the key pads, 2 inner (100
/// octets), 1 outer.
fn first_verifying_lanes<K>(
    backend: Backend,
    job: &KckMicJob<'_>,
    keys: &[K],
    key: &impl Fn(&K) -> &[u8],
) -> Result<Option<usize>> {
    let mut blocks = LaneBlocks::new();
    for (lane, k) in keys.iter().take(LANES).enumerate() {
        let mut k0 = key_block::<Sha1>(key(k));
        blocks.load(lane, &k0);
        k0.zeroize();
    }
    let mac = LaneHmac::new(backend, &blocks);
    // PRF block 0: HMAC-SHA1(K, A || 0x00 || B || 0) (12.7.1.2).
    let kcks = mac.mac(backend, &[&[job.label, &[0]], job.data, &[&[0]]]);
    first_verifying_lane(backend, &kcks, job.kck_len, keys.len(), &job.check)
}

/// The first of the first `count` lanes whose key (the first `key_len` octets of its digest in
/// `keys`) verifies `check`, each compared in constant time.
///
/// HMAC-SHA1 runs on the lanes: two compressions for the keys, then the message blocks and one
/// outer block, each once for all lanes. Every other algorithm (HMAC-MD5 of descriptor version
/// 1...) verifies lane after lane.
fn first_verifying_lane(
    backend: Backend,
    keys: &LaneStates,
    key_len: usize,
    count: usize,
    check: &MicCheck<'_>,
) -> Result<Option<usize>> {
    let received = check.received;
    if received.is_empty() {
        return Err(Error::InvalidLength { what: "MIC", len: 0 });
    }
    let count = count.min(LANES);
    // At most one SHA-1 output: a KCK from one PRF block, a MIC truncated from one HMAC.
    if check.alg == MicAlgorithm::HmacSha1_128
        && key_len <= DIGEST_LEN
        && received.len() <= DIGEST_LEN
    {
        let mac = LaneHmac::new(backend, &LaneBlocks::keys_from_digests(keys, key_len));
        return Ok(mac.mac(backend, &[check.parts]).first_digest_eq(count, received));
    }
    let mut buf = scratch::<DIGEST_LEN>();
    let key =
        buf.0.get_mut(..key_len).ok_or(Error::InvalidLength { what: "MIC key", len: key_len })?;
    for lane in 0..count {
        keys.digest(lane, key);
        match check.verify(key) {
            Ok(()) => return Ok(Some(lane)),
            Err(Error::MicMismatch) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use std::vec::Vec;

    /// The batch with every backend this CPU runs (the plain-Rust body included), and without
    /// one, against the single derivation; a group of five takes a vector pass.
    #[test]
    fn pbkdf2_many_with_every_backend() {
        let list =
            ["first passphrase", "bad", "another one here", "12345678", "~~~~~~~~~~", "x y z w v"];
        fn check<'a>(p: &'a &str) -> Result<&'a [u8]> {
            if p.len() < 8 {
                Err(Error::PassphraseLength { len: p.len() })
            } else {
                Ok(p.as_bytes())
            }
        }
        for backend in Backend::available().map(Some).chain([None]) {
            let mut seen = 0;
            pbkdf2_sha1_32_on(backend, b"lanes", 4096, &list, check, &mut |i, got| {
                seen += 1;
                let mut want = [0u8; 32];
                let single = check(&list[i])
                    .and_then(|p| prf::pbkdf2_sha1(p, b"lanes", 4096, &mut want))
                    .map(|()| want);
                assert_eq!(got.copied(), single, "{backend:?} {i}");
            });
            assert_eq!(seen, list.len());
        }
    }

    /// Every batch size around the group boundaries (8k - 1 to 8k + 3 passwords for k = 1 to 4,
    /// eight to a vector pass), with every backend this CPU runs: each result belongs to its
    /// own index, every index is reported once, refused passwords keep their error. Two PBKDF2
    /// iterations instead of 4096 (the grouping does not depend on the count), checked against
    /// the single derivation with the same count.
    #[test]
    fn pbkdf2_many_at_every_group_boundary() {
        use std::{format, string::String};
        const MOST: usize = 4 * PER_GROUP + 3;
        let mut list: Vec<String> = (0..MOST).map(|i| format!("passphrase {i:03}")).collect();
        list[11] = String::from("bad");
        fn check(p: &String) -> Result<&[u8]> {
            if p.len() < 8 {
                Err(Error::PassphraseLength { len: p.len() })
            } else {
                Ok(p.as_bytes())
            }
        }
        let single: Vec<Result<[u8; 32]>> = list
            .iter()
            .map(|p| {
                let mut out = [0u8; 32];
                check(p).and_then(|p| prf::pbkdf2_sha1(p, b"boundaries", 2, &mut out)).map(|()| out)
            })
            .collect();
        for backend in Backend::available() {
            for k in 1..=4 {
                for n in k * PER_GROUP - 1..=k * PER_GROUP + 3 {
                    let mut seen = [false; MOST];
                    pbkdf2_sha1_32_on(
                        Some(backend),
                        b"boundaries",
                        2,
                        &list[..n],
                        check,
                        &mut |i, got| {
                            assert!(!seen[i], "{backend:?} {n}: index {i} twice");
                            seen[i] = true;
                            assert_eq!(got.copied(), single[i], "{backend:?} {n} {i}");
                        },
                    );
                    assert!(seen[..n].iter().all(|&s| s), "{backend:?} {n}: an index missing");
                }
            }
        }
    }

    proptest::proptest! {
        /// The SHA-1 PRF's counter blocks on every backend this CPU runs (the stream bodies,
        /// the plain-Rust body, AVX-512) equal the engine's expansion and the `hmac` crate's
        /// HMAC per block: key, label and data lengths around the block boundaries (the
        /// counter as the last octet of a block, or followed by a padding block or not), and
        /// outputs of 2 to 40 blocks (more than one group of lanes), truncated or not.
        #[test]
        fn prf_counter_blocks_match_the_engine(
            key in proptest::collection::vec(proptest::num::u8::ANY, 0..80),
            label in proptest::collection::vec(proptest::num::u8::ANY, 0..40),
            data in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
            split in 0usize..200,
            out_len in 21usize..800,
        ) {
            use hmac::{KeyInit, Mac};
            let (a, b) = data.split_at(split.min(data.len()));
            let message: [&[&[u8]]; 2] = [&[&label, &[0]], &[a, b]];
            let mac = Hmac::<Sha1>::new(&key);
            let mut want = std::vec![0u8; out_len];
            mac.expand(|_| [], &message, |i| [i as u8], &mut want);
            for (i, chunk) in want.chunks(DIGEST_LEN).enumerate() {
                let mut h = <hmac::Hmac<sha1::Sha1> as KeyInit>::new_from_slice(&key).unwrap();
                h.update(&label);
                h.update(&[0]);
                h.update(&data);
                h.update(&[i as u8]);
                let full = h.finalize().into_bytes();
                proptest::prop_assert_eq!(chunk, &full[..chunk.len()]);
            }
            for backend in Backend::available() {
                let mut got = std::vec![0u8; out_len];
                sha1_counter_blocks_on(backend, &mac, &message, &mut got);
                proptest::prop_assert_eq!(&got, &want, "{:?}", backend);
            }
        }
    }

    /// Every message length from 0 to 200 octets after the key (the counter in every position
    /// of its block; messages laid out whole and, past 182 octets, streamed) and the most
    /// output (256 blocks, the counter's whole range), on every backend, against the engine's
    /// expansion.
    #[test]
    fn prf_counter_blocks_at_every_split() {
        let mac = Hmac::<Sha1>::new(b"a key");
        let data: [u8; 201] = core::array::from_fn(|i| (i * 7 + 1) as u8);
        for len in 0..=data.len() {
            let message: [&[&[u8]]; 1] = [&[&data[..len]]];
            for out_len in [40, 48, 64, 21 * 20, prf::SHA1_PRF_MAX_LEN] {
                let mut want = std::vec![0u8; out_len];
                mac.expand(|_| [], &message, |i| [i as u8], &mut want);
                for backend in Backend::available() {
                    let mut got = std::vec![0u8; out_len];
                    sha1_counter_blocks_on(backend, &mac, &message, &mut got);
                    assert_eq!(got, want, "{backend:?} {len} {out_len}");
                }
            }
        }
    }

    /// Identification on every backend agrees with the sequential loop, for groups too small
    /// for the lanes, full groups and a partial last group (of 1, 2 and 3 on the stream
    /// bodies), HMAC-SHA1 fused on the lanes (and unfused, for a frame longer than the fused
    /// path takes) and HMAC-MD5 lane after lane, and with the right key anywhere or nowhere.
    #[test]
    fn identification_on_every_backend_agrees() {
        let label = b"Pairwise key expansion";
        let data: [&[u8]; 2] = [&[7; 12], &[9; 64]];
        let (short, long) = ([0x5au8; 121], [0xa5u8; 64 * kernel::MOST_SHARED_BLOCKS]);
        let keys: Vec<[u8; 32]> = (0..40u8).map(|i| [i; 32]).collect();
        let cases = [MicAlgorithm::HmacSha1_128, MicAlgorithm::HmacMd5].map(|a| (a, &short[..]));
        for (alg, frame) in cases.into_iter().chain([(MicAlgorithm::HmacSha1_128, &long[..])]) {
            let pairs =
                [(0, 1), (2, 3), (15, 16), (16, 17), (17, 18), (33, 35), (39, 40), (40, 40)];
            for (right, n) in pairs {
                let mut kck = [0u8; 16];
                let mut mic = [0u8; 16];
                if right < n {
                    prf::expand_prefix(Kdf::Sha1Prf, &keys[right], label, &data, 48, &mut kck)
                        .unwrap();
                    let m = crate::crypto::mic::compute(alg, &kck, &[frame], 16).unwrap();
                    mic.copy_from_slice(m.as_bytes());
                }
                let job = KckMicJob {
                    kdf: Kdf::Sha1Prf,
                    label,
                    data: &data,
                    total: 48,
                    kck_len: 16,
                    check: MicCheck { alg, parts: &[frame], received: &mic },
                };
                let want = (right < n).then_some(right);
                for backend in Backend::available().map(Some).chain([None]) {
                    let got = first_verifying_key(backend, &job, &keys[..n], |k| &k[..]);
                    let len = frame.len();
                    assert_eq!(got, Ok(want), "{alg:?} {backend:?} {right} of {n}, {len} octets");
                }
            }
        }
    }
}
