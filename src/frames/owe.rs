//! The OWE Diffie-Hellman Parameter element (RFC 8110 section 4.3; IEEE 802.11-2020 9.4.2.243):
//! the public value of the client in its (Re)Association Request and of the AP in its
//! (Re)Association Response.
//!
//! ```text
//! Element ID (255) | Length | Element ID Extension (32) | Group (2, LE) | Public Key (len(p))
//! ```
//!
//! [`OweDhParameter::parse`] reads any group number, so that an AP can answer a group it does
//! not support with the right status code; [`OweDhParameter::public_key`] then checks the
//! group and the point.

use crate::error::{Error, Result};
use crate::owe::{Group, OwePublicKey};

/// Element ID of every extended element.
pub const ELEMENT_ID: u8 = 255;
/// Element ID Extension of the OWE Diffie-Hellman Parameter element.
pub const ELEMENT_ID_EXTENSION: u8 = 32;
/// Octets before the public key: ID, Length, ID Extension, Group.
const HEADER: usize = 5;

/// An OWE Diffie-Hellman Parameter element, read from a frame or made to be written into one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OweDhParameter<'a> {
    group: u16,
    public_key: &'a [u8],
}

impl<'a> OweDhParameter<'a> {
    /// Reads one whole element (header included, nothing after it). Any group number and any
    /// public key length are accepted here; [`OweDhParameter::public_key`] checks them.
    ///
    /// ```
    /// use ieee80211_keys::owe_element::OweDhParameter;
    /// # fn main() -> Result<(), ieee80211_keys::Error> {
    /// let mut element = vec![255, 35, 32, 19, 0];
    /// element.extend(hex::decode("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296").unwrap());
    /// let dh = OweDhParameter::parse(&element)?;
    /// assert_eq!(dh.group_number(), 19);
    /// assert_eq!(dh.public_key()?.as_bytes(), &element[5..]);
    /// assert!(OweDhParameter::parse(&element[..20]).is_err()); // truncated
    /// # Ok(())
    /// # }
    /// ```
    pub fn parse(element: &'a [u8]) -> Result<OweDhParameter<'a>> {
        let bad = |reason| Err(Error::MalformedElement { reason });
        let [id, len, rest @ ..] = element else {
            return bad("OWE DH Parameter: shorter than an element header");
        };
        if *id != ELEMENT_ID {
            return bad("OWE DH Parameter: element ID is not 255");
        }
        if usize::from(*len) != rest.len() {
            return bad("OWE DH Parameter: Length does not match the element's octets");
        }
        let [extension, g0, g1, public_key @ ..] = rest else {
            return bad("OWE DH Parameter: too short for the extension ID and the group");
        };
        if *extension != ELEMENT_ID_EXTENSION {
            return bad("OWE DH Parameter: element ID extension is not 32");
        }
        Ok(OweDhParameter { group: u16::from_le_bytes([*g0, *g1]), public_key })
    }

    /// The element that carries our public value.
    ///
    /// ```
    /// use ieee80211_keys::owe::{Group, OweKeyPair};
    /// use ieee80211_keys::owe_element::OweDhParameter;
    /// # fn main() -> Result<(), ieee80211_keys::Error> {
    /// let pair = OweKeyPair::generate(Group::P256, &mut rand::rng());
    /// let mut buf = [0u8; 64];
    /// let n = OweDhParameter::new(pair.public_key()).write(&mut buf)?;
    /// assert_eq!(&buf[..5], &[255, 35, 32, 19, 0]);
    /// assert_eq!(OweDhParameter::parse(&buf[..n])?.public_key()?, *pair.public_key());
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(public_key: &'a OwePublicKey) -> OweDhParameter<'a> {
        OweDhParameter { group: public_key.group().id(), public_key: public_key.as_bytes() }
    }

    /// The group number as carried (19, 20, 21 or one this crate does not support).
    pub const fn group_number(&self) -> u16 {
        self.group
    }

    /// The public key field as carried, unchecked.
    pub const fn public_key_bytes(&self) -> &'a [u8] {
        self.public_key
    }

    /// The group, if supported ([`Error::UnsupportedGroup`] otherwise).
    pub fn group(&self) -> Result<Group> {
        Group::from_id(self.group)
    }

    /// The public value, checked: a supported group, `len(p)` octets, a point on the curve.
    pub fn public_key(&self) -> Result<OwePublicKey> {
        OwePublicKey::from_bytes(self.group()?, self.public_key)
    }

    /// The element's length on the air, header included.
    #[allow(clippy::len_without_is_empty)]
    pub const fn len(&self) -> usize {
        HEADER + self.public_key.len()
    }

    /// Writes the element into `out` and returns its length. A buffer shorter than
    /// [`OweDhParameter::len`] is [`Error::BufferSize`]; a public key too long for the 1-octet
    /// Length (never one of a supported group) is [`Error::OutputTooLong`].
    pub fn write(&self, out: &mut [u8]) -> Result<usize> {
        let n = self.len();
        let length = u8::try_from(n - 2)
            .map_err(|_| Error::OutputTooLong { requested: n, max: 2 + usize::from(u8::MAX) })?;
        let len = out.len();
        let out = out.get_mut(..n).ok_or(Error::BufferSize { needed: n, len })?;
        let (header, key) = out.split_at_mut(HEADER);
        let [g0, g1] = self.group.to_le_bytes();
        header.copy_from_slice(&[ELEMENT_ID, length, ELEMENT_ID_EXTENSION, g0, g1]);
        key.copy_from_slice(self.public_key);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_elements_are_errors() {
        let good = [255u8, 5, 32, 20, 0, 1, 2];
        assert!(OweDhParameter::parse(&good).is_ok());
        for (bad, why) in [
            (&[][..], "shorter than an element header"),
            (&[255][..], "shorter than an element header"),
            (&[221, 5, 32, 20, 0, 1, 2][..], "element ID is not 255"),
            (&[255, 6, 32, 20, 0, 1, 2][..], "Length does not match"),
            (&[255, 4, 32, 20, 0, 1, 2][..], "Length does not match"),
            (&[255, 2, 32, 20][..], "too short for the extension ID"),
            (&[255, 5, 33, 20, 0, 1, 2][..], "element ID extension is not 32"),
        ] {
            match OweDhParameter::parse(bad) {
                Err(Error::MalformedElement { reason }) => {
                    assert!(reason.starts_with("OWE DH Parameter: ") && reason.contains(why))
                }
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        // Parsed, but the group is unknown or the key is not a point of it.
        let unknown = OweDhParameter::parse(&[255, 5, 32, 14, 0, 1, 2]).unwrap();
        assert_eq!(unknown.group_number(), 14);
        assert_eq!(unknown.public_key(), Err(Error::UnsupportedGroup { group: 14 }));
        assert!(OweDhParameter::parse(&good).unwrap().public_key().is_err());
    }

    #[test]
    fn write_checks_the_buffer() {
        let dh = OweDhParameter { group: 19, public_key: &[7; 32] };
        let mut buf = [0u8; 37];
        assert_eq!(dh.write(&mut buf[..36]), Err(Error::BufferSize { needed: 37, len: 36 }));
        assert_eq!(dh.write(&mut buf), Ok(37));
        assert_eq!(OweDhParameter::parse(&buf), Ok(dh));
        let long = OweDhParameter { group: 19, public_key: &[7; 254] };
        assert!(matches!(long.write(&mut [0u8; 300]), Err(Error::OutputTooLong { .. })));
    }
}
