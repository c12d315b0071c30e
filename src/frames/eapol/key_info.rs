//! The Descriptor Type and the Key Information field of an EAPOL-Key frame (12.7.2).

use core::fmt;

use super::malformed;
use crate::error::Result;

/// The Descriptor Type octet of an EAPOL-Key frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DescriptorType {
    /// 2: the IEEE 802.11 (RSN) key descriptor.
    Rsn,
    /// 254: the WPA (v1) key descriptor.
    Wpa,
}

impl DescriptorType {
    /// Parses the octet; any value other than 2 or 254 is an error.
    pub fn from_octet(octet: u8) -> Result<DescriptorType> {
        match octet {
            2 => Ok(DescriptorType::Rsn),
            254 => Ok(DescriptorType::Wpa),
            _ => Err(malformed("descriptor type is neither 2 (RSN) nor 254 (WPA)")),
        }
    }

    /// The octet as carried in the frame.
    pub const fn octet(self) -> u8 {
        match self {
            DescriptorType::Rsn => 2,
            DescriptorType::Wpa => 254,
        }
    }
}

/// The Key Information field (12.7.2, Figure 12-33), a big-endian 16-bit field at offset 5.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyInfo(u16);

impl KeyInfo {
    /// Bits 0 to 2: the Key Descriptor Version.
    pub const VERSION_MASK: u16 = 0x0007;
    /// Bit 3: Key Type, set for a pairwise key, clear for a group key.
    pub const PAIRWISE: u16 = 1 << 3;
    /// Bits 4 and 5: Key Index in WPA (v1) group messages; reserved in RSN.
    pub const KEY_INDEX_MASK: u16 = 0x0030;
    /// Bit 6: Install.
    pub const INSTALL: u16 = 1 << 6;
    /// Bit 7: Key Ack.
    pub const ACK: u16 = 1 << 7;
    /// Bit 8: Key MIC, set when the frame carries a MIC.
    pub const MIC: u16 = 1 << 8;
    /// Bit 9: Secure.
    pub const SECURE: u16 = 1 << 9;
    /// Bit 10: Error.
    pub const ERROR: u16 = 1 << 10;
    /// Bit 11: Request.
    pub const REQUEST: u16 = 1 << 11;
    /// Bit 12: Encrypted Key Data.
    pub const ENCRYPTED_KEY_DATA: u16 = 1 << 12;
    /// Bit 13: SMK Message.
    pub const SMK_MESSAGE: u16 = 1 << 13;

    /// Wraps the 16 bits (e.g. `KeyInfo::from_bits(2 | KeyInfo::PAIRWISE | KeyInfo::ACK)`).
    pub const fn from_bits(bits: u16) -> KeyInfo {
        KeyInfo(bits)
    }

    /// The 16 bits.
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// The Key Descriptor Version (bits 0 to 2): 1, 2, 3, or 0 for AKM-defined.
    pub const fn descriptor_version(self) -> u8 {
        (self.0 & Self::VERSION_MASK) as u8
    }

    /// The WPA (v1) Key Index (bits 4 and 5).
    pub const fn key_index(self) -> u8 {
        ((self.0 & Self::KEY_INDEX_MASK) >> 4) as u8
    }

    /// Key Type: pairwise (true) or group (false).
    pub const fn pairwise(self) -> bool {
        self.0 & Self::PAIRWISE != 0
    }

    /// The Install bit.
    pub const fn install(self) -> bool {
        self.0 & Self::INSTALL != 0
    }

    /// The Key Ack bit.
    pub const fn ack(self) -> bool {
        self.0 & Self::ACK != 0
    }

    /// The Key MIC bit.
    pub const fn mic(self) -> bool {
        self.0 & Self::MIC != 0
    }

    /// The Secure bit.
    pub const fn secure(self) -> bool {
        self.0 & Self::SECURE != 0
    }

    /// The Error bit.
    pub const fn error(self) -> bool {
        self.0 & Self::ERROR != 0
    }

    /// The Request bit.
    pub const fn request(self) -> bool {
        self.0 & Self::REQUEST != 0
    }

    /// The Encrypted Key Data bit.
    pub const fn encrypted_key_data(self) -> bool {
        self.0 & Self::ENCRYPTED_KEY_DATA != 0
    }

    /// The SMK Message bit.
    pub const fn smk_message(self) -> bool {
        self.0 & Self::SMK_MESSAGE != 0
    }
}

impl fmt::Debug for KeyInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyInfo({:#06x}: v{}", self.0, self.descriptor_version())?;
        let flags = [
            (self.pairwise(), "pairwise"),
            (self.install(), "install"),
            (self.ack(), "ack"),
            (self.mic(), "mic"),
            (self.secure(), "secure"),
            (self.error(), "error"),
            (self.request(), "request"),
            (self.encrypted_key_data(), "encrypted"),
            (self.smk_message(), "smk"),
        ];
        for (_, name) in flags.iter().filter(|(set, _)| *set) {
            write!(f, " {name}")?;
        }
        write!(f, ")")
    }
}
