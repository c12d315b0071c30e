//! The IEEE 802.11 (Wi-Fi) key hierarchy: every key that a secured association, a 4-way
//! handshake and a fast roam derives, exact to the byte, in pure `no_std` Rust without
//! allocation, and without `unsafe` outside the one module that dispatches the multi-buffer
//! SHA-1 (batch PSK derivation, multi-PSK identification) to AVX-512.
//!
//! # Example: WPA2-Personal, from passphrase to PTK
//!
//! Both sides of a 4-way handshake derive the same keys from the passphrase, the SSID, the two
//! addresses and the two nonces. These are the inputs of IEEE 802.11 Annex J.7 (note the
//! published AA `a0:a1:a1:a3:a4:a5`), with the PSK of Annex J.4 test case 2.
//!
//! ```
//! use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pmk, Psk, Ptk, Ssid};
//!
//! # fn main() -> Result<(), ieee80211_keys::Error> {
//! let ssid = Ssid::new(b"ThisIsASSID")?;
//! let psk = Psk::from_passphrase("ThisIsAPassword", &ssid)?;
//! let pmk = Pmk::from_psk(&psk);
//!
//! let aa: MacAddr = "a0:a1:a1:a3:a4:a5".parse()?;
//! let spa: MacAddr = "b0:b1:b2:b3:b4:b5".parse()?;
//! let anonce = Nonce::new(hex("e0e1e2e3e4e5e6e7e8e9f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405"));
//! let snonce = Nonce::new(hex("c0c1c2c3c4c5c6c7c8c9d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5"));
//!
//! // Authenticator and supplicant call the same function with the same roles; it sorts
//! // the addresses and nonces as the standard does.
//! let ptk = Ptk::derive(&pmk, Akm::Psk, Cipher::Ccmp128, &aa, &spa, &anonce, &snonce)?;
//! assert_eq!(ptk.kck().as_bytes(), hex::<16>("379f9852d0199236b94e407ce4c00ec8"));
//! assert_eq!(ptk.tk().as_bytes(), hex::<16>("b2360c79e9710fdd58bea93deaf06599"));
//!
//! // The PMKID an AP puts in message 1, for PMKSA caching.
//! let pmkid = pmk.pmkid(Akm::Psk, &aa, &spa)?;
//! println!("PMKID {pmkid}, KCK {:?}", ptk.kck()); // Debug never shows key bytes
//! # Ok(())
//! # }
//! # fn hex<const N: usize>(s: &str) -> [u8; N] {
//! #     core::array::from_fn(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
//! # }
//! ```
#![no_std]
// No `unsafe` anywhere but in `lanes`, which allows it to call its `#[target_feature]`
// functions after detecting the CPU features they need (one `SAFETY` comment per call).
#![deny(unsafe_code)]
#![deny(missing_docs)]

// The optional `std` feature adds the parallel batch (`Psk::from_passphrases_parallel`).
#[cfg(feature = "std")]
extern crate std;

pub mod cckm;
pub mod eapol;
mod engine;
pub mod error;
pub mod ft;
mod keywrap;
mod lanes;
pub mod mic;
pub mod pmk;
pub mod prf;
pub mod ptk;
mod secret;
pub mod suite;
pub mod types;

pub use error::{Error, Result};
pub use mic::Mic;
pub use pmk::{Msk, Pmk, Psk};
pub use ptk::{Gmk, Gtk, Igtk, Kck, Kdk, Kek, Ptk, Tk, TkipKeys};
pub use suite::{Akm, Cipher, Protocol};
pub use types::{MacAddr, MobilityDomainId, Nonce, PmkId, R0khId, R1khId, Ssid};

/// Test helper shared by the unit tests: hex into a zero-padded 64-octet array.
#[cfg(test)]
pub(crate) fn test_hex(s: &str) -> [u8; 64] {
    let mut o = [0u8; 64];
    for (i, o) in o.iter_mut().enumerate().take(s.len() / 2) {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
    }
    o
}

/// For the crate's own benches: not part of the API, may change in any release.
#[doc(hidden)]
pub mod __bench {
    /// Allows (the default) or forbids the AVX-512 multi-buffer body, so that the other paths
    /// can be timed on an AVX-512 machine. The results are the same either way.
    pub fn allow_avx512(allowed: bool) {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        crate::lanes::allow_avx512(allowed);
        let _ = allowed;
    }

    /// A multi-buffer SHA-1 body.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Path {
        /// Plain Rust, sixteen lanes (the reference of the tests).
        Portable,
        /// AVX-512, sixteen lanes in vector registers.
        Avx512,
        /// The SHA extensions, streams interleaved.
        ShaNi,
    }

    /// Runs `steps` PBKDF2-HMAC-SHA1 iterations (two compressions each) on `lanes` chains with
    /// `path`, and returns a word of the result; `None` if this CPU lacks `path`. For timing
    /// the cost of a compression with `lanes` independent streams.
    pub fn pbkdf2_lanes(path: Path, lanes: usize, steps: u32) -> Option<u32> {
        use crate::lanes::{Backend, Chains};
        let backend = match path {
            Path::Portable => Some(Backend::Generic),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Path::Avx512 => Backend::cpu_has(Backend::Avx512),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Path::ShaNi => Backend::cpu_has(Backend::ShaNi),
            #[allow(unreachable_patterns)]
            _ => None,
        }?;
        let mut c = Chains::new();
        for lane in 0..crate::lanes::LANES {
            let w = [lane as u32; 5];
            c.load(lane, &w, &w, &[lane as u8; 20]);
        }
        c.run(backend, lanes, steps);
        let mut out = [0u8; 4];
        c.read(0, &mut out);
        Some(u32::from_be_bytes(out))
    }

    /// The multi-buffer path that batches and identification take now ("none": one after the
    /// other).
    pub fn batch_path() -> &'static str {
        crate::lanes::Backend::detect().map_or("none", crate::lanes::Backend::name)
    }
}
