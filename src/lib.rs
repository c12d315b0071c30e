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

pub mod cckm;
pub mod eapol;
mod engine;
pub mod error;
pub mod ft;
#[path = "crypto/hkdf.rs"]
mod hkdf;
mod keywrap;
mod lanes;
pub mod mic;
#[path = "keys/owe.rs"]
pub mod owe;
#[path = "frames/owe.rs"]
pub mod owe_element;
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
