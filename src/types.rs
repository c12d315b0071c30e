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

/// The one mechanism of the crate's variable-length public values ([`Ssid`], [`R0khId`],
/// [`crate::Mic`]): up to `N` octets in a zero-padded array with their length, checked once
/// when made. Each type wraps one and keeps its own bounds, error, equality and formatting.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct BoundedBytes<const N: usize> {
    bytes: [u8; N],
    len: u8,
}

impl<const N: usize> BoundedBytes<N> {
    /// Takes `min` to `N` octets (`N` is at most 255); another length is the error `bad` makes.
    pub(crate) fn new(bytes: &[u8], min: usize, bad: impl FnOnce(usize) -> Error) -> Result<Self> {
        Self::check(bytes.len(), min, bad)?;
        Ok(Self::prefix(bytes))
    }

    /// The bounds of [`BoundedBytes::new`] alone: for a caller that keeps a checked slice and
    /// makes the value only when asked for it.
    pub(crate) fn check(len: usize, min: usize, bad: impl FnOnce(usize) -> Error) -> Result<()> {
        if len < min || len > N {
            return Err(bad(len));
        }
        Ok(())
    }

    /// Takes the first `N` octets of `bytes` (all of them when shorter), whatever its length.
    pub(crate) fn prefix(bytes: &[u8]) -> Self {
        const { assert!(N <= u8::MAX as usize) };
        let len = bytes.len().min(N);
        let mut b = BoundedBytes { bytes: [0; N], len: len as u8 };
        b.bytes[..len].copy_from_slice(&bytes[..len]);
        b
    }

    /// Fills the first `len` octets (at most `N`) with `fill`, the rest stay zero.
    pub(crate) fn fill_with(
        len: usize,
        fill: impl FnOnce(&mut [u8; N]) -> Result<()>,
    ) -> Result<Self> {
        let mut b = BoundedBytes { bytes: [0; N], len: len.min(N) as u8 };
        fill(&mut b.bytes)?;
        Ok(b)
    }

    /// The octets.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// The whole zero-padded array (octets after the length are zero).
    pub(crate) fn padded(&self) -> &[u8; N] {
        &self.bytes
    }

    /// Length in octets.
    pub(crate) fn len(&self) -> usize {
        usize::from(self.len)
    }
}

/// Writes the octets as text when every one is printable ASCII, else as hex.
fn write_text_or_hex(f: &mut fmt::Formatter<'_>, b: &[u8]) -> fmt::Result {
    if b.iter().all(|c| (0x20..0x7f).contains(c)) {
        b.iter().try_for_each(|&c| write!(f, "{}", c as char))
    } else {
        write_hex(f, b)
    }
}

/// Parses exactly `2 * N` hexadecimal digits.
pub(crate) fn parse_hex<const N: usize>(s: &str, what: &'static str) -> Result<[u8; N]> {
    let h = s.as_bytes();
    let bad = Error::InvalidHex { what };
    if h.len() != 2 * N {
        return Err(bad);
    }
    let mut out = [0u8; N];
    for (o, pair) in out.iter_mut().zip(h.chunks_exact(2)) {
        *o = hex_octet(pair[0], pair[1]).ok_or(bad)?;
    }
    Ok(out)
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

        impl core::str::FromStr for $name {
            type Err = Error;

            /// Parses the hexadecimal form that `Display` writes.
            ///
            /// ```
            /// # use ieee80211_keys::{ft::*, types::*};
            #[doc = concat!("let hex = \"5a\".repeat(", stringify!($len), ");")]
            #[doc = concat!("let value: ", stringify!($name), " = hex.parse()?;")]
            #[doc = concat!("assert_eq!(value.as_bytes(), &[0x5a; ", stringify!($len), "]);")]
            /// assert_eq!(value.to_string(), hex);
            #[doc = concat!("assert!(hex[2..].parse::<", stringify!($name), ">().is_err());")]
            /// let not_hex = hex.replace('a', "x");
            #[doc = concat!("assert!(not_hex.parse::<", stringify!($name), ">().is_err());")]
            /// # Ok::<(), ieee80211_keys::Error>(())
            /// ```
            fn from_str(s: &str) -> Result<Self> {
                $crate::types::parse_hex::<$len>(s, $what).map(Self)
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
    #[derive(PartialEq, Eq, Hash)]
    /// An IEEE MAC address (AA, SPA, BSSID, STA address, R1KH-ID ...), ordered as an unsigned
    /// big-endian number, as the standard's Min/Max compare it.
    MacAddr,
    6,
    "MAC address"
);

/// Compared as the unsigned big-endian number of its octets (as `[u8; 6]` compares, without a
/// call to `memcmp`: the key expansions sort addresses on every derivation).
impl Ord for MacAddr {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        let n = |a: &[u8; 6]| u64::from_be_bytes([0, 0, a[0], a[1], a[2], a[3], a[4], a[5]]);
        n(&self.0).cmp(&n(&other.0))
    }
}

impl PartialOrd for MacAddr {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

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
    ///
    /// ```
    /// use ieee80211_keys::MacAddr;
    ///
    /// let a: MacAddr = "02:00:00:00:02:00".parse()?;
    /// assert_eq!(a.as_bytes(), &[2, 0, 0, 0, 2, 0]);
    /// assert_eq!("02-00-00-00-02-00".parse::<MacAddr>()?, a);
    /// assert_eq!("020000000200".parse::<MacAddr>()?, a);
    /// assert_eq!(a.to_string().parse::<MacAddr>()?, a);
    /// assert!("02:00:00:00:02".parse::<MacAddr>().is_err());
    /// assert!("02:00:00:00:02:0g".parse::<MacAddr>().is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
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
    #[derive(PartialEq, Eq, Hash)]
    /// A 32-octet EAPOL-Key nonce (ANonce, SNonce, GNonce), ordered as an unsigned big-endian
    /// number.
    Nonce,
    32,
    "nonce"
);

/// Compared as the unsigned big-endian number of its octets (as `[u8; 32]` compares, without a
/// call to `memcmp`: the key expansions sort nonces on every derivation).
impl Ord for Nonce {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        let n = |a: &[u8; 32]| -> [u64; 4] {
            core::array::from_fn(|i| {
                let mut w = [0u8; 8];
                w.copy_from_slice(&a[8 * i..8 * i + 8]);
                u64::from_be_bytes(w)
            })
        };
        n(&self.0).cmp(&n(&other.0))
    }
}

impl PartialOrd for Nonce {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Nonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex(f, &self.0)
    }
}
impl FromStr for Nonce {
    type Err = Error;

    /// Parses 64 hexadecimal digits, the form `Display` writes.
    ///
    /// ```
    /// use ieee80211_keys::Nonce;
    ///
    /// let s = "c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50";
    /// let n: Nonce = s.parse()?;
    /// assert_eq!(n.as_bytes()[..2], [0xc2, 0xbb]);
    /// assert_eq!(n.to_string(), s);
    /// assert!(s[..62].parse::<Nonce>().is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        parse_hex::<32>(s, "nonce").map(Nonce)
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
pub struct Ssid(BoundedBytes<32>);

impl Ssid {
    /// The longest SSID, in octets.
    pub const MAX_LEN: usize = 32;

    /// Takes 0 to 32 octets.
    ///
    /// ```
    /// use ieee80211_keys::Ssid;
    ///
    /// let ssid = Ssid::new(b"Caf\xc3\xa9")?; // raw octets, here UTF-8
    /// assert_eq!(ssid.len(), 5);
    /// assert!(Ssid::new(b"")?.is_empty());
    /// assert!(Ssid::new(&[b'x'; 33]).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn new(bytes: &[u8]) -> Result<Self> {
        BoundedBytes::new(bytes, 0, |len| Error::SsidTooLong { len }).map(Ssid)
    }

    /// The SSID octets.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Length in octets.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the SSID is empty (the wildcard SSID).
    pub fn is_empty(&self) -> bool {
        self.0.len() == 0
    }
}

impl fmt::Display for Ssid {
    /// The SSID as text when it is printable ASCII, else as hex.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_text_or_hex(f, self.as_bytes())
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

/// The R0 key holder identifier (R0KH-ID): 1 to 48 octets (IEEE 802.11 9.4.2.47), usually
/// an FQDN or a NAS-Identifier.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct R0khId(BoundedBytes<48>);

impl R0khId {
    /// The longest R0KH-ID, in octets.
    pub const MAX_LEN: usize = 48;

    /// Takes 1 to 48 octets.
    ///
    /// ```
    /// use ieee80211_keys::R0khId;
    ///
    /// assert_eq!(R0khId::new(b"r0kh.example.net")?.len(), 16);
    /// assert!(R0khId::new(b"").is_err());
    /// assert!(R0khId::new(&[b'x'; 49]).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn new(bytes: &[u8]) -> Result<Self> {
        BoundedBytes::new(bytes, 1, |len| Error::InvalidLength { what: "R0KH-ID", len }).map(R0khId)
    }

    /// The identifier's octets.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Length in octets (1 to 48).
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Display for R0khId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex(f, self.as_bytes())
    }
}

/// The identifier as text when it is printable ASCII (an FQDN), else as hex.
impl fmt::Debug for R0khId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "R0khId(\"")?;
        write_text_or_hex(f, self.as_bytes())?;
        write!(f, "\")")
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
    use std::ops::Add;

    proptest::proptest! {
        /// Addresses and nonces order as their octet arrays do (lexicographically, an unsigned
        /// big-endian number), including equal prefixes of any length.
        #[test]
        fn order_is_the_octet_order(
            a in proptest::array::uniform32(0u8..4),
            b in proptest::array::uniform32(0u8..4),
        ) {
            let (ma, mb) = (MacAddr::new(a[..6].try_into().unwrap()), MacAddr::new(b[..6].try_into().unwrap()));
            proptest::prop_assert_eq!(ma.cmp(&mb), a[..6].cmp(&b[..6]));
            proptest::prop_assert_eq!(ma.partial_cmp(&mb), Some(a[..6].cmp(&b[..6])));
            proptest::prop_assert_eq!(Nonce::new(a).cmp(&Nonce::new(b)), a.cmp(&b));
            proptest::prop_assert_eq!(Nonce::new(a).partial_cmp(&Nonce::new(b)), Some(a.cmp(&b)));
        }
    }

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
        assert_eq!(
            format!("{:?}", R0khId::new(b"r0kh.example.com").unwrap()),
            "R0khId(\"r0kh.example.com\")"
        );
        assert_eq!(format!("{:?}", R0khId::new(&[0, 1]).unwrap()), "R0khId(\"0001\")");
    }

    #[test]
    fn hex_values_parse() {
        let n: Nonce = "00".repeat(31).add("ff").parse().unwrap();
        assert_eq!(n.as_bytes()[31], 0xff);
        assert_eq!(format!("{n}").parse::<Nonce>().unwrap(), n);
        let id: PmkId = "dece50a09ef08c4ebef2f1dbe967b4d4".parse().unwrap();
        assert_eq!(format!("{id}"), "dece50a09ef08c4ebef2f1dbe967b4d4");
        for bad in ["", "dece50a09ef08c4ebef2f1dbe967b4d", "gece50a09ef08c4ebef2f1dbe967b4d4"] {
            assert_eq!(bad.parse::<PmkId>(), Err(Error::InvalidHex { what: "PMKID" }));
        }
    }
}
