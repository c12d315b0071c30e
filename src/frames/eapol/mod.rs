//! EAPOL-Key frames (IEEE 802.11-2020 12.7.2): a validating, zero-copy view of a frame, the Key
//! MIC computed and verified in place, Key Data encryption, and the KDEs of decrypted Key Data.
//!
//! Which MIC algorithm and which Key Data encryption a frame uses is the suite's decision
//! ([`Suite::mic_for_version`](crate::Suite::mic_for_version),
//! [`Suite::key_wrap_for_version`](crate::Suite::key_wrap_for_version)), taken from the frame's
//! Key Descriptor Version; this module only applies it. Offsets and rules: `shared/spec/formulas.md` §8 and §9.
//!
//! ```
//! use ieee80211_keys::eapol::{self, EapolKeyFrame};
//! use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
//!
//! # fn main() -> Result<(), ieee80211_keys::Error> {
//! // Message 4/4 of iwd's WPA2-PSK handshake (shared/spec/vectors.md §8).
//! let psk = Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
//! let aa: MacAddr = "24:a2:e1:ec:17:04".parse()?;
//! let spa: MacAddr = "a0:a8:cd:1c:7e:c9".parse()?;
//! let anonce = Nonce::new(hex("c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50"));
//! let snonce = Nonce::new(hex("3289e91565094f329a9cd54a4a090d2cf4344683bf50efee3608b64856800e84"));
//! let pmk = Pmk::from_psk(&psk);
//! let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())?;
//! let ptk = Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce })?;
//! let msg4: [u8; 99] = hex(concat!(
//!     "0103005f02030a0000000000000000000100000000000000000000000000000000000000000000000000",
//!     "0000000000000000000000000000000000000000000000000000000000000000000000000000009e57",
//!     "a4c09bafb3375e46d386cf8727530000"));
//!
//! // The view checks every length; the MIC is recomputed in place, in constant time.
//! let frame = EapolKeyFrame::parse(&suite, &msg4)?;
//! assert!(frame.key_info().mic() && frame.key_info().secure());
//! eapol::verify_mic(&suite, ptk.kck(), &msg4)?;
//!
//! // The sender's side: write the MIC into a frame buffer.
//! let mut out = msg4;
//! out[eapol::MIC_OFFSET] ^= 0xff;
//! assert_eq!(eapol::verify_mic(&suite, ptk.kck(), &out), Err(ieee80211_keys::Error::MicMismatch));
//! eapol::write_mic(&suite, ptk.kck(), &mut out)?;
//! assert_eq!(out, msg4);
//! # Ok(())
//! # }
//! # fn hex<const N: usize>(s: &str) -> [u8; N] {
//! #     core::array::from_fn(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
//! # }
//! ```

pub(crate) mod frame;
mod kde;
mod key_data;
mod key_info;
mod mic;

pub use crate::frames::eapol_key::{Builder, Message, Received};
pub use crate::keys::ptk::MicKey;
pub use frame::{EapolKeyFrame, MIC_OFFSET};
pub(crate) use kde::find_kde;
pub use kde::{find_gtk, find_igtk, GtkKde, IgtkKde, Kdes, KeyDataItem};
pub(crate) use key_data::aes_padded_len;
pub use key_data::{unwrap_key_data, wrap_key_data};
pub use key_info::{DescriptorType, KeyInfo};
pub use mic::{compute_mic, identify_pmk, verify_mic, write_mic};

use crate::error::Error;

fn malformed(reason: &'static str) -> Error {
    Error::MalformedFrame { reason }
}

fn malformed_element(reason: &'static str) -> Error {
    Error::MalformedElement { reason }
}
