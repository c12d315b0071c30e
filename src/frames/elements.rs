//! A list of elements as carried in a management frame body (IEEE 802.11-2020 9.4.2): walked
//! one element at a time, each whole with its header, and searched by ID.
//!
//! ```
//! use ieee80211_keys::elements::{self, Elements};
//! use ieee80211_keys::rsne::{Rsne, RSNE_ID};
//!
//! # fn main() -> Result<(), ieee80211_keys::Error> {
//! // SSID "ab", then an RSNE with only its version, then an MDE.
//! let ies = [0, 2, b'a', b'b', 48, 2, 1, 0, 54, 3, 0x12, 0x34, 0];
//! assert_eq!(Elements::new(&ies).count(), 3);
//! let rsne = elements::find(&ies, RSNE_ID)?.expect("an RSNE");
//! assert_eq!(Rsne::parse(rsne)?.version(), 1);
//! assert!(elements::find(&ies[..6], RSNE_ID).is_err()); // cut inside the RSNE
//! # Ok(())
//! # }
//! ```

use crate::error::{Error, Result};

/// Iterates the elements of `ies`: each item is a whole element (ID, length, body), or one
/// error that ends the walk when an element overruns the list.
///
/// ```
/// use ieee80211_keys::elements::Elements;
///
/// let ies = [0, 0, 1, 1, 0x82, 3, 1, 6];
/// let ids: Vec<u8> = Elements::new(&ies).map(|e| e.map(|e| e[0])).collect::<Result<_, _>>()?;
/// assert_eq!(ids, [0, 1, 3]);
/// assert!(Elements::new(&ies[..7]).any(|e| e.is_err()));
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone)]
pub struct Elements<'a> {
    rest: &'a [u8],
}

/// Shows how many octets are left, never their contents (a caller may walk decrypted Key
/// Data with it).
impl core::fmt::Debug for Elements<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Elements({} octets left, redacted)", self.rest.len())
    }
}

impl<'a> Elements<'a> {
    /// Walks `ies`.
    pub fn new(ies: &'a [u8]) -> Elements<'a> {
        Elements { rest: ies }
    }
}

impl<'a> Iterator for Elements<'a> {
    type Item = Result<&'a [u8]>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = core::mem::take(&mut self.rest);
        let len = match rest {
            [] => return None,
            [_, len, ..] => 2 + usize::from(*len),
            [_] => usize::MAX,
        };
        match rest.split_at_checked(len) {
            Some((element, later)) => {
                self.rest = later;
                Some(Ok(element))
            }
            None => Some(Err(Error::MalformedElement {
                reason: "element list: an element overruns the list",
            })),
        }
    }
}

impl core::iter::FusedIterator for Elements<'_> {}

/// The first element with this ID, whole; the list must be well formed up to it.
///
/// ```
/// use ieee80211_keys::elements;
///
/// let ies = [0, 2, b'a', b'b', 54, 3, 0x12, 0x34, 0];
/// assert_eq!(elements::find(&ies, 54)?, Some(&ies[4..]));
/// assert_eq!(elements::find(&ies, 48)?, None);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn find(ies: &[u8], id: u8) -> Result<Option<&[u8]>> {
    for element in Elements::new(ies) {
        let element = element?;
        if element[0] == id {
            return Ok(Some(element));
        }
    }
    Ok(None)
}

/// The first vendor-specific element (ID 221) whose body starts with these OUI and type octets
/// (e.g. 00-50-F2:1, the WPA element), whole.
///
/// ```
/// use ieee80211_keys::elements;
///
/// let ies = [221, 6, 0, 0x50, 0xf2, 1, 1, 0, 48, 2, 1, 0];
/// assert_eq!(elements::find_vendor(&ies, [0, 0x50, 0xf2, 1])?, Some(&ies[..8]));
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn find_vendor(ies: &[u8], oui_type: [u8; 4]) -> Result<Option<&[u8]>> {
    for element in Elements::new(ies) {
        let element = element?;
        if element[0] == 221 && element.get(2..6) == Some(&oui_type[..]) {
            return Ok(Some(element));
        }
    }
    Ok(None)
}
