//! The IEEE 802.11 (Wi-Fi) key hierarchy: every key that a secured association, a 4-way
//! handshake and a fast roam derives, exact to the byte, in pure `no_std` Rust without
//! allocation, and without `unsafe` outside the one module that dispatches the multi-buffer
//! SHA-1 (batch PSK derivation, multi-PSK identification) to AVX-512.
//!
//! # Layers, and where each thing lives
//!
//! ```text
//! frames/   what travels on the air        eapol (key_info, frame, mic, key_data, kde),
//!                                          eapol_key (message builder, typed read), kde
//!                                          (typed KDEs, writer), rsne (RSNE, WPA, RSNXE), oci,
//!                                          ft (the FTE view and MIC), ft_elements (FTE builder,
//!                                          subelements, MDE, TIE), elements, cckm (its elements)
//!   |
//! keys/     the hierarchy                  pmk (PSK, PMK, PMKID), ptk (PTK, GTK, Pairwise),
//!                                          ft (XXKey, PMK-R0/R1, FT PTK), cckm (KRK, BTK)
//!   |
//! crypto/   primitives and speed           engine (HMAC), lanes (every multi-buffer path,
//!                                          the only `unsafe`), prf (PRF/KDF/PBKDF2), mic,
//!                                          keywrap
//!   |
//! ground    error, secret (the one secret mechanism), types (public values), suite (the one
//!           table: a Suite resolved once from AKM, cipher and PMK length)
//! ```
//!
//! Dependencies point down only. The public paths are flat: [`suite`], [`types`], [`prf`],
//! [`mic`], [`pmk`], [`ptk`], [`ft`] and [`cckm`] (keys and frames of each), [`eapol`],
//! [`eapol_key`], [`kde`], [`rsne`], [`oci`], [`ft_elements`], [`elements`], and the common types
//! at the root.
//!
//! # Example: WPA2-Personal, from passphrase to PTK
//!
//! Both sides of a 4-way handshake derive the same keys from the passphrase, the SSID, the two
//! addresses and the two nonces. These are the inputs of IEEE 802.11 Annex J.7 (note the
//! published AA `a0:a1:a1:a3:a4:a5`), with the PSK of Annex J.4 test case 2.
//!
//! ```
//! use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Ssid, Suite};
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
//! // The suite is resolved once: every length, hash and MIC of the association.
//! let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())?;
//! // Authenticator and supplicant call the same function with the same roles; it sorts
//! // the addresses and nonces as the standard does.
//! let ptk = Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce })?;
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
// No `unsafe` anywhere but in `crypto::lanes`, which allows it to call its `#[target_feature]`
// functions after detecting the CPU features they need (one `SAFETY` comment per call).
#![deny(unsafe_code)]
#![deny(missing_docs)]

// The optional `std` feature adds the parallel batch (`Psk::from_passphrases_parallel`).
#[cfg(feature = "std")]
extern crate std;

// The ground floor: errors, the one secret mechanism, public values, the suite table.
pub mod error;
mod secret;
pub mod suite;
pub mod types;

// Then, each on the one below: crypto, keys, frames.
mod crypto;
mod frames;
mod keys;

pub use crypto::{mic, prf};
pub use frames::owe as owe_element;
pub use frames::{eapol, eapol_key, elements, ft_elements, kde, oci, rsne};
pub use keys::{owe, pmk, ptk, sae};

pub mod ft {
    //! Fast BSS Transition (802.11r): the FT key hierarchy and the MIC of the FT element.
    //!
    //! ```text
    //! MSK, PSK or SAE PMK --> XxKey --> PmkR0 (+PMKR0Name) --> PmkR1 (+PMKR1Name) --> FtPtk (+PTKName)
    //! ```
    //!
    //! The R0 key holder (R0KH) derives the PMK-R0 from the XXKey and one PMK-R1 per R1 key holder
    //! (R1KH, an AP); the R1KH derives the PTK for each association. The station is S0KH and S1KH at
    //! once: both identifiers are its MAC address. Formulas: IEEE 802.11-2020 12.7.1.7 (keys) and
    //! 13.8.4 (FTE MIC) (hostap `wpa_derive_pmk_r0`,
    //! `wpa_derive_pmk_r1`, `wpa_pmk_r1_to_ptk`, `wpa_ft_mic`).
    //!
    //! FT sorts nothing: the PTK takes `SNonce || ANonce || BSSID || STA-ADDR` in that order.
    //! The SHA-256 FT AKMs (3, 4, 9) use KDF-SHA-256 and SHA-256 names; the SHA-384 ones (13, 19)
    //! use KDF-SHA-384 and SHA-384 names; FT-SAE-EXT-KEY (25) takes Q and the hash from the
    //! length of its XXKey, the SAE PMK (32, 48 or 64 octets: SHA-256, -384, -512), and an FTE
    //! MIC in the HMAC of that hash. PTKName is SHA-256 for every AKM.
    //!
    //! # Example: an FT-PSK roam
    //!
    //! The inputs of iwd's `eapol_ft_handshake_test`, whose published PMKR1Name this reproduces.
    //!
    //! ```
    //! use ieee80211_keys::ft::{self, FteMicInput, PmkR0, XxKey};
    //! use ieee80211_keys::{Akm, Cipher, MacAddr, MobilityDomainId, Nonce, Pairwise, PmkId, Psk};
    //! use ieee80211_keys::{R0khId, Ssid};
    //!
    //! # fn main() -> Result<(), ieee80211_keys::Error> {
    //! let akm = Akm::FtPsk;
    //! let psk = Psk::from_hex("bccd1798ef6cb87f2b5475fb980657d2ea026ce368ef3fcada3148543fee94f0")?;
    //! let sta: MacAddr = "02:00:00:00:02:00".parse()?; // S0KH-ID = S1KH-ID
    //! let ap: MacAddr = "02:00:00:00:00:00".parse()?; // R1KH-ID and BSSID
    //! let mdid = MobilityDomainId::new([0x12, 0x34]); // from the MDE 36 03 12 34 01
    //!
    //! let xxkey = XxKey::from_psk(akm, &psk)?;
    //! let (ssid, r0kh_id) = (Ssid::new(b"TestFT")?, R0khId::new(b"dummy0")?);
    //! let r0 = PmkR0::derive(akm, &xxkey, &ssid, mdid, &r0kh_id, &sta)?;
    //! let r1 = r0.derive_r1(&ap, &sta)?;
    //! assert_eq!(r1.name().to_string(), "dece50a09ef08c4ebef2f1dbe967b4d4");
    //! // The AP finds the PMKR1Name in the station's RSNE PMKID list (constant-time compare).
    //! assert!(r1.name().matches(&PmkId::from(*r1.name())));
    //!
    //! let (snonce, anonce) = (Nonce::new([1; 32]), Nonce::new([2; 32]));
    //! // FT orders, never sorts: SNonce || ANonce || BSSID || STA-ADDR, from the named roles.
    //! let ptk = r1.derive_ptk(Cipher::Ccmp128, &Pairwise { aa: ap, spa: sta, anonce, snonce })?;
    //!
    //! // The station protects its Reassociation Request: RSNE, MDE and FTE under the KCK.
    //! let rsne = [
    //!     0x30, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 0, 0,
    //! ];
    //! let mde = [0x36, 3, 0x12, 0x34, 1];
    //! let mut fte = [0u8; 2 + 2 + 16 + 64];
    //! fte[..4].copy_from_slice(&[0x37, 82, 0, 3]); // element ID, length, MIC Control (3 elements)
    //! fte[20..52].copy_from_slice(anonce.as_bytes());
    //! fte[52..84].copy_from_slice(snonce.as_bytes());
    //! let input = FteMicInput {
    //!     sta_addr: &sta,
    //!     bssid: &ap,
    //!     transaction_seq: ft::TRANSACTION_SEQ_REASSOC_REQUEST,
    //!     rsne: &rsne,
    //!     mde: &mde,
    //!     fte: &fte,
    //!     ric: None,
    //!     rsnxe: None,
    //! };
    //! let suite = ptk.ptk().suite(); // FT-PSK, CCMP-128: AES-128-CMAC over the elements
    //! let mic = ft::fte_mic(suite, ptk.kck(), &input)?;
    //! let mut sent = fte;
    //! ft::write_fte_mic(suite, &mut sent, &mic)?;
    //! // The AP, holding the same PTK, verifies the MIC in place in the received FTE.
    //! ft::verify_fte_mic(suite, ptk.kck(), &FteMicInput { fte: &sent, ..input })?;
    //! # Ok(())
    //! # }
    //! ```

    pub use crate::frames::ft::*;
    pub use crate::keys::ft::*;
}

pub mod cckm {
    //! Cisco CCKM (CCX Centralized Key Management) fast secure roaming: the base keys, the per-roam
    //! PTK, the rekey number rules and the two reassociation elements.
    //!
    //! No public Cisco specification exists; the formulas and layouts are those on which the public
    //! implementations agree (`docs/cckm.md` in this package, cited by section below).
    //!
    //! ```text
    //! NSK (the PMK of the initial 802.1X authentication)
    //!   --PRF-384(NSK, "Fast-Roam Generate Base Key", BSSID || STA || SNonce || ANonce)-->
    //!      KRK (16) || BTK (32)                                                  [§3]
    //! BTK --HMAC-SHA1(BTK, LE32(RN) || BSSID || i), no label, no 0x00-->  PTK  [§4]
    //! KRK --> the MIC of EAPOL-Key message 2/4 of the initial association,      [§5]
    //!         the MIC of the reassociation request element                       [§6]
    //! KCK, KEK of the new PTK --> the MIC and the encrypted GTK of the response  [§7, §8]
    //! ```
    //!
    //! The rekey number (RN) is 1 for the initial association (full 802.1X and 4-way handshake) and
    //! grows by one before every fast roam. The station keeps a [`RekeyNumber`] and calls
    //! [`RekeyNumber::advance`]; the AP keeps a [`RekeyGuard`] per NSK that admits only verified
    //! requests with a fresh timestamp and a strictly larger RN.
    //!
    //! Only TKIP and CCMP-128 are supported (PTK of 64 and 48 octets). The WEP40, WEP104 and CKIP
    //! unicast ciphers of early CCKM (PTK of 48 octets, `docs/cckm.md` §9 item 3) are not: the
    //! crate has no WEP or CKIP cipher suite.
    //!
    //! # Example: a fast roam, both sides
    //!
    //! ```
    //! use ieee80211_keys::cckm::{BaseKeys, GroupKey, Protocol, ReassocRequest, ReassocResponse,
    //!     RekeyGuard, RekeyNumber};
    //! use ieee80211_keys::{Cipher, Gtk, MacAddr, Nonce, Pairwise, Pmk};
    //!
    //! # fn main() -> Result<(), ieee80211_keys::Error> {
    //! let nsk = Pmk::from_bytes(&[0x42; 32])?; // from the initial 802.1X authentication
    //! let (sta, ap1, ap2): (MacAddr, MacAddr, MacAddr) =
    //!     ("02:00:00:00:00:01".parse()?, "02:00:00:00:01:01".parse()?, "02:00:00:00:02:01".parse()?);
    //! let (snonce, anonce) = (Nonce::new([1; 32]), Nonce::new([2; 32]));
    //! let sta_rsne: &[u8] = &[0x30, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0,
    //!     0x00, 0x40, 0x96, 0x00, 0x00, 0x00];
    //! let ap_rsne = sta_rsne; // the AP's element from its Beacon, as received
    //!
    //! // Initial association with AP 1: both sides hold the base keys, RN = 1.
    //! let base = BaseKeys::derive(&nsk, &Pairwise { aa: ap1, spa: sta, anonce, snonce })?;
    //! let mut rn = RekeyNumber::INITIAL;
    //! let mut guard = RekeyGuard::new();
    //!
    //! // Station: roam to AP 2.
    //! let sent = rn.advance()?; // RN 2
    //! let tsf = 1_000_000; // AP 2's TSF from its Beacon, advanced by the time since
    //! let req = ReassocRequest::build(Protocol::Rsn, base.krk(), &sta, &ap2, sta_rsne, tsf, sent)?;
    //! let request_element = req.to_bytes();
    //!
    //! // AP 2 (with the base keys from the central controller).
    //! let req = ReassocRequest::parse(&request_element)?;
    //! let verified = req.verify(Protocol::Rsn, base.krk(), &sta, &ap2, sta_rsne)?;
    //! let ap_rn = guard.accept(&verified, 1_000_250, 1_000_000)?;
    //! let ap_ptk = base.btk().ptk(ap_rn, &ap2, Cipher::Ccmp128)?;
    //! let gtk = Gtk::from_bytes(&[7; 16])?;
    //! let group = GroupKey { gtk: &gtk, key_id: 1, rsc: [0; 8] };
    //! let mut response_element = [0u8; 257];
    //! let n = ReassocResponse::build(Protocol::Rsn, &ap_ptk, &sta, ap_rsne, ap_rn, &group,
    //!     &mut response_element)?;
    //!
    //! // Station.
    //! let ptk = base.btk().ptk(sent, &ap2, Cipher::Ccmp128)?;
    //! let resp = ReassocResponse::parse(&response_element[..n])?;
    //! let station_gtk =
    //!     resp.verify_and_decrypt(Protocol::Rsn, &ptk, &sta, ap_rsne, sent, Cipher::Ccmp128)?;
    //! assert_eq!(station_gtk.as_bytes(), gtk.as_bytes());
    //! # Ok(())
    //! # }
    //! ```

    pub use crate::frames::cckm::*;
    pub use crate::keys::cckm::*;
    pub use crate::suite::Protocol;
}

pub use error::{Error, Result};
pub use mic::Mic;
pub use pmk::{Msk, Pmk, Psk};
pub use ptk::{Bigtk, Gmk, Gtk, Igtk, Kck, Kdk, Kek, Pairwise, Ptk, Tk, TkipKeys};
pub use suite::{Akm, Cipher, Protocol, Suite};
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
        crate::crypto::lanes::allow_avx512(allowed);
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
        use crate::crypto::lanes::{self, Backend};
        let backend = match path {
            Path::Portable => Some(Backend::Generic),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Path::Avx512 => Backend::cpu_has(Backend::Avx512),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Path::ShaNi => Backend::cpu_has(Backend::ShaNi),
            #[allow(unreachable_patterns)]
            _ => None,
        }?;
        Some(lanes::pbkdf2_for_timing(backend, lanes, steps))
    }

    /// Two independent SHA-1 compressions, side by side on the SHA extensions where the CPU
    /// has them (as an HMAC key's pads run).
    pub fn sha1_pair(a: &mut [u32; 5], block_a: &[u8; 64], b: &mut [u32; 5], block_b: &[u8; 64]) {
        crate::crypto::lanes::sha1_pair(a, block_a, b, block_b);
    }

    /// Two independent SHA-256 compressions, side by side on the SHA extensions where the CPU
    /// has them (as an HMAC key's pads and a KDF's output blocks run).
    pub fn sha256_pair(a: &mut [u32; 8], block_a: &[u8; 64], b: &mut [u32; 8], block_b: &[u8; 64]) {
        crate::crypto::lanes::sha256_pair(a, block_a, b, block_b);
    }

    /// The multi-buffer path that batches and identification take now ("none": one after the
    /// other).
    pub fn batch_path() -> &'static str {
        use crate::crypto::lanes::Backend;
        Backend::detect().map_or("none", Backend::name)
    }
}
