//! WPA3-Personal: SAE, the Dragonfly key exchange of IEEE 802.11-2020 12.4, on the ECC groups
//! 19 (P-256), 20 (P-384) and 21 (P-521), with both ways to the password element:
//! hunting-and-pecking (12.4.4.2.2) and hash-to-element (12.4.4.2.3).
//!
//! Pure functions over small typed values: no state machine, no timers, no allocation. The
//! caller keeps the protocol instance (12.4.8) and calls, for each peer:
//!
//! 1. the PWE: [`Pwe::from_pt`] from a [`Pt`] (hash-to-element; the PT is derived once per SSID,
//!    password and identifier with [`Pt::derive`], and may be stored instead of the password),
//!    or [`Pwe::hunting_and_pecking`];
//! 2. [`Committed::new`] with a random generator: our [`Commit`], sent in a commit message
//!    ([`frame::CommitFrame`], status 0 or 126 by [`PweMethod`]);
//! 3. on the peer's commit: [`frame::AuthFrame::parse`], then [`Committed::process`], which
//!    checks it (same group, no reflection, scalar in (1, r), element on the curve) and derives
//!    the keys ([`Unconfirmed`]: KCK, PMKID, and the PMK sealed);
//! 4. [`Unconfirmed::confirm`] with our send-confirm counter: sent in a confirm message;
//! 5. on the peer's confirm: [`Unconfirmed::verify`], constant time, which alone releases the PMK
//!    ([`Accepted`]); hand it to [`crate::Ptk::derive`] (AKM 8) or
//!    [`crate::ft::XxKey::from_sae_pmk`] (FT-SAE, AKM 9).
//!
//! Retransmissions, the anti-clogging token (status 76), group negotiation (status 77) and the
//! counters' limits stay with the caller; the frame module reads and writes what they carry.
//!
//! # Example: a complete exchange with hash-to-element, then the 4-way handshake's PTK
//!
//! ```
//! use ieee80211_keys::sae::frame::{AuthFrame, CommitFrame, ConfirmFrame};
//! use ieee80211_keys::sae::{AkmFamily, Committed, Group, Password, Pt, Pwe};
//! use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Ptk, Ssid, Suite};
//! # struct Rng(u64);
//! # impl rand_core::TryRng for Rng {
//! #     type Error = core::convert::Infallible;
//! #     fn try_next_u32(&mut self) -> Result<u32, Self::Error> { Ok(self.try_next_u64()? as u32) }
//! #     fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
//! #         self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
//! #         Ok(self.0 ^ (self.0 >> 29))
//! #     }
//! #     fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
//! #         for b in dst { *b = self.try_next_u64()? as u8 } Ok(())
//! #     }
//! # }
//! # impl rand_core::TryCryptoRng for Rng {}
//! # let mut rng = Rng(1); // a test generator: use the operating system's
//!
//! let sta: MacAddr = "02:00:00:00:00:01".parse()?;
//! let ap: MacAddr = "02:00:00:00:00:02".parse()?;
//! let pt = Pt::derive(Group::P256, &Ssid::new(b"home")?, &Password::from_bytes(b"secret")?, None)?;
//!
//! // Each side: PWE and commit.
//! let sta_side = Committed::new(&Pwe::from_pt(&pt, &sta, &ap)?, &mut rng)?;
//! let ap_side = Committed::new(&Pwe::from_pt(&pt, &ap, &sta)?, &mut rng)?;
//!
//! // The station's commit message on the air, and the AP reading it.
//! let mut buf = [0u8; 512];
//! let n = CommitFrame::new(sta_side.commit(), sta_side.method()).write(&mut buf)?;
//! let AuthFrame::Commit(received) = AuthFrame::parse(&buf[..n], 0)? else { unreachable!() };
//! let ap_keys = ap_side.process(&received.commit()?, AkmFamily::Sae, None)?;
//! let sta_keys = sta_side.process(ap_side.commit(), AkmFamily::Sae, None)?;
//!
//! // Confirms both ways; each PMK is released only by the peer's verified confirm.
//! let n = ConfirmFrame::new(&sta_keys.confirm(1)).write(&mut buf)?;
//! let AuthFrame::Confirm(c) = AuthFrame::parse(&buf[..n], 0)? else { unreachable!() };
//! let ap_accepted = ap_keys.verify(&c.confirm()?)?;
//! let sta_accepted = sta_keys.verify(&ap_keys.confirm(1))?;
//! assert_eq!(sta_accepted.pmkid(), ap_accepted.pmkid());
//!
//! // The 4-way handshake from the SAE PMK (AKM 8).
//! let (anonce, snonce) = (Nonce::new([1; 32]), Nonce::new([2; 32]));
//! let suite = Suite::new(Akm::Sae, Cipher::Ccmp128, sta_accepted.pmk().len())?;
//! let pairwise = Pairwise { aa: ap, spa: sta, anonce, snonce };
//! let ptk_sta = Ptk::derive(sta_accepted.pmk(), &suite, &pairwise)?;
//! let ptk_ap = Ptk::derive(ap_accepted.pmk(), &suite, &pairwise)?;
//! assert!(bool::from(subtle::ConstantTimeEq::ct_eq(ptk_sta.tk(), ptk_ap.tk())));
//! # Ok::<(), ieee80211_keys::Error>(())
//! ```
//!
//! # Speed
//!
//! Measured in scalar multiplications of the group (the curve crates' constant-time ones):
//! PWE from PT one, commit one, processing the peer's commit one double-scalar multiplication;
//! the PT two simplified-SWU maps; hunting-and-pecking at least 40 square roots. The benches
//! (`benches/sae.rs`) put each next to that floor.

mod commit;
mod confirm;
/// The SAE Authentication frame bodies (they live in the frames layer, `frames/sae.rs`).
pub use crate::frames::sae as frame;
mod group;
mod pwe;

pub use commit::{AkmFamily, Commit, Committed, Mask, Rand, RejectedGroups};
pub use confirm::{Accepted, Confirm, Keyseed, SaeKck, SharedSecret, Unconfirmed};
pub use group::{Group, MAX_ELEMENT_LEN, MAX_PRIME_LEN};
pub use pwe::{Password, PasswordId, Pt, Pwe, PweElement, PweMethod, MIN_HUNTING_ROUNDS};
