//! The crate's one error type.
//!
//! Every variant names what was wrong with the input. None carries key bytes: a variant holds only
//! lengths, positions, public suite identifiers and fixed descriptions.

use core::fmt;

use crate::suite::{Akm, Cipher};

/// What went wrong. Returned by every fallible function of the crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A passphrase must have 8 to 63 characters (IEEE 802.11 Annex J.4.1).
    PassphraseLength {
        /// The length that was given, in octets.
        len: usize,
    },
    /// A passphrase character is outside printable ASCII (codes 32 to 126).
    PassphraseCharacter {
        /// Zero-based octet position of the first offending character.
        position: usize,
    },
    /// A hexadecimal key string has the wrong length or a character that is not a hex digit.
    InvalidHex {
        /// What the string was meant to be, e.g. "PSK".
        what: &'static str,
    },
    /// An SSID has more than 32 octets.
    SsidTooLong {
        /// The length that was given.
        len: usize,
    },
    /// A value was given with a length the standard does not allow.
    InvalidLength {
        /// The value, e.g. "PMK", "MAC address", "R0KH-ID".
        what: &'static str,
        /// The length that was given, in octets.
        len: usize,
    },
    /// Text that does not name what it should (an AKM or cipher name or selector, an address,
    /// a hexadecimal value).
    InvalidText {
        /// What the text was meant to be, e.g. "AKM suite".
        what: &'static str,
    },
    /// An AKM suite selector the crate does not know.
    UnknownAkm {
        /// The 4-octet selector (OUI and suite type).
        selector: [u8; 4],
    },
    /// A cipher suite selector the crate does not know.
    UnknownCipher {
        /// The 4-octet selector (OUI and suite type).
        selector: [u8; 4],
    },
    /// The AKM and the pairwise cipher do not combine.
    UnsupportedCombination {
        /// The AKM.
        akm: Akm,
        /// The cipher.
        cipher: Cipher,
    },
    /// The operation is not defined for this AKM (e.g. the standard PTK for an FT AKM, or a
    /// PMK-keyed PMKID for Suite B).
    NotForAkm {
        /// The AKM.
        akm: Akm,
        /// What was asked for.
        operation: &'static str,
    },
    /// The EAPOL-Key descriptor version is not valid for the AKM.
    DescriptorVersion {
        /// The AKM.
        akm: Akm,
        /// The Key Descriptor Version (Key Information bits 0 to 2).
        version: u8,
    },
    /// The MSK is too short for the AKM's PMK or XXKey.
    MskTooShort {
        /// Octets the AKM needs.
        needed: usize,
        /// Octets given.
        len: usize,
    },
    /// A requested output is longer than the PRF or KDF can produce, or than the buffer holds.
    OutputTooLong {
        /// Octets requested.
        requested: usize,
        /// The most that is possible.
        max: usize,
    },
    /// An output buffer has the wrong size.
    BufferSize {
        /// Octets needed.
        needed: usize,
        /// Octets given.
        len: usize,
    },
    /// A frame (e.g. an EAPOL-Key frame) is truncated or inconsistent.
    MalformedFrame {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An information element (RSNE, FTE, CCKM element, KDE ...) is truncated or inconsistent.
    MalformedElement {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A MIC did not verify.
    MicMismatch,
    /// AES key unwrap failed its integrity check.
    UnwrapFailed,
    /// A CCKM rekey number is not larger than the last one accepted (replay or reuse).
    RekeyNumberNotFresh {
        /// The number received.
        received: u32,
        /// The last number accepted for this NSK.
        last: u32,
    },
    /// A CCKM rekey number in a response does not equal the one sent in the request.
    RekeyNumberMismatch {
        /// The number sent.
        expected: u32,
        /// The number received.
        received: u32,
    },
    /// The CCKM rekey number cannot be incremented further; a full authentication is needed.
    RekeyNumberExhausted,
    /// A CCKM timestamp is outside the allowed tolerance.
    TimestampNotFresh,
    /// Two values of one Diffie-Hellman exchange belong to different groups.
    GroupMismatch {
        /// The group of our side (or of the first value).
        expected: u16,
        /// The group of the other.
        received: u16,
    },
    /// A peer's public value is not an element of its group.
    InvalidPublicKey {
        /// The group number.
        group: u16,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A private scalar is outside `[2, r-1]` for its group.
    InvalidPrivateKey {
        /// The group number.
        group: u16,
    },
    /// A request the crate does not support.
    Unsupported {
        /// What was asked for.
        what: &'static str,
    },
    /// A finite cyclic (Diffie-Hellman) group the crate does not support: SAE and OWE take the
    /// ECC groups 19, 20 and 21 (FFC groups and unknown numbers are refused; for SAE, the case
    /// for status code 77).
    UnsupportedGroup {
        /// The IANA group number.
        group: u16,
    },
    /// An SAE commit (ours or the peer's) failed a check of IEEE 802.11-2020 12.4.5.
    InvalidCommit {
        /// Which check.
        reason: &'static str,
    },
    /// The peer's SAE confirm did not verify.
    ConfirmMismatch,
    /// A well-formed element, KDE or frame that a check of the receiver refuses (IEEE
    /// 802.11-2020 12.6.3, 12.7.6): a suite the peer did not offer, an RSNE in message 3/4 that
    /// differs from the Beacon's, a PMKID not in the list, a key ID out of its range, another
    /// operating channel, Key Information bits that do not fit the message.
    Refused {
        /// The element, KDE or frame, e.g. "RSNE", "OCI KDE", "EAPOL-Key message 3/4".
        element: &'static str,
        /// Which check failed.
        reason: &'static str,
    },
    /// An EAPOL-Key Key Replay Counter that is not larger than the last one accepted (12.7.2).
    ReplayCounterNotFresh {
        /// The counter received.
        received: u64,
        /// The last counter accepted.
        last: u64,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::PassphraseLength { len } => {
                write!(f, "passphrase has {len} characters; 8 to 63 are required")
            }
            Error::PassphraseCharacter { position } => write!(
                f,
                "passphrase character at position {position} is not printable ASCII (32..=126)"
            ),
            Error::InvalidHex { what } => write!(f, "{what}: not a valid hexadecimal string"),
            Error::SsidTooLong { len } => write!(f, "SSID has {len} octets; at most 32 allowed"),
            Error::InvalidLength { what, len } => {
                write!(f, "{what}: length {len} octets is not allowed")
            }
            Error::InvalidText { what } => write!(f, "{what}: text not recognised"),
            Error::UnknownAkm { selector } => {
                write!(f, "unknown AKM suite selector ")?;
                write_selector(f, selector)
            }
            Error::UnknownCipher { selector } => {
                write!(f, "unknown cipher suite selector ")?;
                write_selector(f, selector)
            }
            Error::UnsupportedCombination { akm, cipher } => {
                write!(f, "AKM {akm} does not combine with pairwise cipher {cipher}")
            }
            Error::NotForAkm { akm, operation } => {
                write!(f, "{operation} is not defined for AKM {akm}")
            }
            Error::DescriptorVersion { akm, version } => {
                write!(f, "EAPOL-Key descriptor version {version} is not valid for AKM {akm}")
            }
            Error::MskTooShort { needed, len } => {
                write!(f, "MSK has {len} octets; this AKM needs at least {needed}")
            }
            Error::OutputTooLong { requested, max } => {
                write!(f, "requested output of {requested} octets exceeds the maximum of {max}")
            }
            Error::BufferSize { needed, len } => {
                write!(f, "buffer has {len} octets; {needed} are needed")
            }
            Error::MalformedFrame { reason } => write!(f, "malformed frame: {reason}"),
            Error::MalformedElement { reason } => write!(f, "malformed element: {reason}"),
            Error::MicMismatch => write!(f, "MIC mismatch"),
            Error::UnwrapFailed => write!(f, "AES key unwrap integrity check failed"),
            Error::RekeyNumberNotFresh { received, last } => {
                write!(f, "rekey number {received} is not larger than the last accepted {last}")
            }
            Error::RekeyNumberMismatch { expected, received } => {
                write!(f, "rekey number {received} does not match the {expected} that was sent")
            }
            Error::RekeyNumberExhausted => {
                write!(f, "rekey number cannot be incremented; re-authenticate")
            }
            Error::TimestampNotFresh => write!(f, "timestamp outside the allowed tolerance"),
            Error::GroupMismatch { expected, received } => {
                write!(f, "public value of group {received} where group {expected} is in use")
            }
            Error::InvalidPublicKey { group, reason } => {
                write!(f, "invalid public value for group {group}: {reason}")
            }
            Error::InvalidPrivateKey { group } => {
                write!(f, "private scalar for group {group} is not in [2, r-1]")
            }
            Error::Unsupported { what } => write!(f, "not supported: {what}"),
            Error::UnsupportedGroup { group } => {
                write!(f, "finite cyclic group {group} is not supported (SAE, OWE: 19, 20, 21)")
            }
            Error::InvalidCommit { reason } => write!(f, "invalid SAE commit: {reason}"),
            Error::ConfirmMismatch => write!(f, "SAE confirm mismatch"),
            Error::Refused { element, reason } => write!(f, "{element} refused: {reason}"),
            Error::ReplayCounterNotFresh { received, last } => {
                write!(f, "replay counter {received} is not larger than the last accepted {last}")
            }
        }
    }
}

fn write_selector(f: &mut fmt::Formatter<'_>, s: &[u8; 4]) -> fmt::Result {
    write!(f, "{:02x}-{:02x}-{:02x}:{}", s[0], s[1], s[2], s[3])
}

impl core::error::Error for Error {}

/// The crate's result type.
pub type Result<T> = core::result::Result<T, Error>;
