//! Public values of the key hierarchy: addresses, nonces, SSIDs, identifiers and names.
//!
//! None of these is secret. Those that are checked against a received value (PMKID, key names,
//! MICs) compare in constant time all the same, so that a check never leaks how much matched.

use core::fmt;
use core::str::FromStr;

use subtle::{Choice, ConstantTimeEq};

use crate::error::{Error, Result};

pub(crate) fn write_hex(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    for b in bytes {
        write!(f, "{b:02x}")?;
    }
    Ok(())
}

/// Declares a fixed-length public octet string.
macro_rules! octets {
    ($(#[$meta:meta])* $name:ident, $len:literal, $what:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy)]
        pub struct $name([u8; $len]);

        impl $name {
            /// Length in octets.
            pub const LEN: usize = $len;

            /// Wraps the octets.
            pub const fn new(bytes: [u8; $len]) -> Self {
                Self(bytes)
            }

            /// Parses from a slice of exactly [`Self::LEN`] octets.
            pub fn from_slice(bytes: &[u8]) -> Result<Self> {
                <[u8; $len]>::try_from(bytes)
                    .map(Self)
                    .map_err(|_| Error::InvalidLength { what: $what, len: bytes.len() })
            }

            /// The octets, in transmission order.
            pub const fn as_bytes(&self) -> &[u8; $len] {
                &self.0
            }
        }

        impl From<[u8; $len]> for $name {
            fn from(bytes: [u8; $len]) -> Self {
                Self(bytes)
            }
        }

        impl TryFrom<&[u8]> for $name {
            type Error = Error;
            fn try_from(bytes: &[u8]) -> Result<Self> {
                Self::from_slice(bytes)
            }
        }

        impl AsRef<[u8]> for $name {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }
    };
}

/// Adds constant-time equality (also behind `==`) and hex formatting.
macro_rules! checked_octets {
    ($(#[$meta:meta])* $name:ident, $len:literal, $what:literal) => {
        octets!($(#[$meta])* $name, $len, $what);

        impl ConstantTimeEq for $name {
            fn ct_eq(&self, other: &Self) -> Choice {
                self.0.ct_eq(&other.0)
            }
        }

        /// Constant time: a check never leaks how many octets matched.
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.ct_eq(other).into()
            }
        }

        impl Eq for $name {}

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_hex(f, &self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "("))?;
                write_hex(f, &self.0)?;
                write!(f, ")")
            }
        }
    };
}

octets!(
    #[derive(PartialEq, Eq, PartialOrd, Ord, Hash)]
    /// An IEEE MAC address (AA, SPA, BSSID, STA address, R1KH-ID ...), ordered as an unsigned
    /// big-endian number, as the standard's Min/Max compare it.
    MacAddr,
    6,
    "MAC address"
);

impl fmt::Display for MacAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = &self.0;
        write!(f, "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", b[0], b[1], b[2], b[3], b[4], b[5])
    }
}

impl fmt::Debug for MacAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MacAddr({self})")
    }
}

impl FromStr for MacAddr {
    type Err = Error;

    /// Parses `aa:bb:cc:dd:ee:ff`, `aa-bb-cc-dd-ee-ff` or `aabbccddeeff`.
    fn from_str(s: &str) -> Result<Self> {
        let bad = Error::InvalidHex { what: "MAC address" };
        let mut out = [0u8; 6];
        let b = s.as_bytes();
        let sep = match b.len() {
            12 => None,
            17 => Some(b[2]),
            _ => return Err(bad),
        };
        let stride = if sep.is_some() { 3 } else { 2 };
        for (i, o) in out.iter_mut().enumerate() {
            let at = i * stride;
            if let Some(sep) = sep {
                if i > 0 && b[at - 1] != sep || !(sep == b':' || sep == b'-') {
                    return Err(bad);
                }
            }
            *o = hex_octet(b[at], b[at + 1]).ok_or(bad)?;
        }
        Ok(MacAddr(out))
    }
}

/// Decodes two ASCII hex digits.
pub(crate) fn hex_octet(hi: u8, lo: u8) -> Option<u8> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    Some(nibble(hi)? << 4 | nibble(lo)?)
}

octets!(
    #[derive(PartialEq, Eq, PartialOrd, Ord, Hash)]
    /// A 32-octet EAPOL-Key nonce (ANonce, SNonce, GNonce), ordered as an unsigned big-endian
    /// number.
    Nonce,
    32,
    "nonce"
);

impl fmt::Display for Nonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex(f, &self.0)
    }
}
impl fmt::Debug for Nonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nonce(")?;
        write_hex(f, &self.0)?;
        write!(f, ")")
    }
}

checked_octets!(
    /// A 16-octet PMK identifier (IEEE 802.11 12.7.1.3), as carried in the RSNE PMKID list
    /// and the PMKID KDE.
    PmkId,
    16,
    "PMKID"
);

/// An SSID: 0 to 32 raw octets (not necessarily UTF-8).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ssid {
    bytes: [u8; 32],
    len: u8,
}

impl Ssid {
    /// The longest SSID, in octets.
    pub const MAX_LEN: usize = 32;

    /// Takes 0 to 32 octets.
    pub fn new(bytes: &[u8]) -> Result<Self> {
        let len = bytes.len();
        if len > Self::MAX_LEN {
            return Err(Error::SsidTooLong { len });
        }
        let mut s = Ssid { bytes: [0; 32], len: len as u8 };
        s.bytes[..len].copy_from_slice(bytes);
        Ok(s)
    }

    /// The SSID octets.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// Length in octets.
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Whether the SSID is empty (the wildcard SSID).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl fmt::Display for Ssid {
    /// The SSID as text when it is printable ASCII, else as hex.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.as_bytes();
        if b.iter().all(|c| (0x20..0x7f).contains(c)) {
            for &c in b {
                write!(f, "{}", c as char)?;
            }
            Ok(())
        } else {
            write_hex(f, b)
        }
    }
}

impl fmt::Debug for Ssid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ssid(\"{self}\")")
    }
}

octets!(
    #[derive(PartialEq, Eq, Hash)]
    /// The Mobility Domain Identifier (MDID): the 2 octets as they appear in the Mobility Domain
    /// element (MDE `36 03 12 34 01` has MDID octets `12 34`).
    MobilityDomainId,
    2,
    "MDID"
);

impl fmt::Display for MobilityDomainId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex(f, &self.0)
    }
}
impl fmt::Debug for MobilityDomainId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MobilityDomainId({self})")
    }
}

/// The R1 key holder identifier: 6 octets (an AP's MAC address by convention).
pub type R1khId = MacAddr;

/// The R0 key holder identifier (R0KH-ID): 1 to 48 octets (IEEE 802.11 9.4.2.47).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct R0khId {
    bytes: [u8; 48],
    len: u8,
}

impl R0khId {
    /// The longest R0KH-ID, in octets.
    pub const MAX_LEN: usize = 48;

    /// Takes 1 to 48 octets.
    pub fn new(bytes: &[u8]) -> Result<Self> {
        let len = bytes.len();
        if !(1..=Self::MAX_LEN).contains(&len) {
            return Err(Error::InvalidLength { what: "R0KH-ID", len });
        }
        let mut r = R0khId { bytes: [0; 48], len: len as u8 };
        r.bytes[..len].copy_from_slice(bytes);
        Ok(r)
    }

    /// The identifier's octets.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// Length in octets (1 to 48).
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }
}

impl fmt::Display for R0khId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex(f, self.as_bytes())
    }
}

impl fmt::Debug for R0khId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "R0khId({self})")
    }
}

// For the other modules' public names (PMKR0Name, MICs ...).
#[allow(unused_imports)]
pub(crate) use {checked_octets, octets};

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::format;

    #[test]
    fn mac_parse_and_display() {
        let m: MacAddr = "a0:a1:a1:a3:a4:a5".parse().unwrap();
        assert_eq!(m.as_bytes(), &[0xa0, 0xa1, 0xa1, 0xa3, 0xa4, 0xa5]);
        assert_eq!(format!("{m}"), "a0:a1:a1:a3:a4:a5");
        assert_eq!("A0-A1-A1-A3-A4-A5".parse::<MacAddr>().unwrap(), m);
        assert_eq!("a0a1a1a3a4a5".parse::<MacAddr>().unwrap(), m);
        for bad in
            ["", "a0:a1:a1:a3:a4", "a0:a1:a1:a3:a4:g5", "a0:a1-a1:a3:a4:a5", "a0.a1.a1.a3.a4.a5"]
        {
            assert!(bad.parse::<MacAddr>().is_err(), "{bad}");
        }
    }

    #[test]
    fn ssid_bounds() {
        assert!(Ssid::new(&[0u8; 32]).is_ok());
        assert_eq!(Ssid::new(&[0u8; 33]), Err(Error::SsidTooLong { len: 33 }));
        assert_eq!(format!("{}", Ssid::new(b"IEEE").unwrap()), "IEEE");
        assert_eq!(format!("{}", Ssid::new(&[0xff, 0]).unwrap()), "ff00");
    }

    #[test]
    fn r0kh_bounds() {
        assert!(R0khId::new(b"").is_err());
        assert!(R0khId::new(&[1u8; 48]).is_ok());
        assert!(R0khId::new(&[1u8; 49]).is_err());
    }
}
