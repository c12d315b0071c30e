//! The elements and KDEs of decrypted Key Data (12.7.2, Table 12-9), and the GTK and IGTK
//! KDEs.

use core::fmt;

use super::malformed_element;
use crate::error::Result;
use crate::keys::ptk::{Gtk, Igtk};
use crate::suite::IEEE_OUI;

/// Element ID of a KDE (and of a vendor-specific element).
pub(crate) const KDE_ID: u8 = 0xdd;
/// KDE data type of the GTK KDE (00-0F-AC:1, 12.7.2 Table 12-9).
const KDE_GTK: u8 = 1;
/// KDE data type of the IGTK KDE (00-0F-AC:9).
const KDE_IGTK: u8 = 9;

/// One item of decrypted Key Data: an information element, or a KDE (element ID `0xdd`).
#[derive(Clone, Copy)]
pub enum KeyDataItem<'a> {
    /// An information element (RSNE, MDE, FTE, TIE, ...): its ID and body.
    Element {
        /// Element ID.
        id: u8,
        /// The element body, without ID and length.
        body: &'a [u8],
    },
    /// A KDE, or a vendor-specific element of the same shape (such as the WPA element): OUI,
    /// data type and data. The data of the GTK, IGTK and similar KDEs is key material.
    Kde {
        /// The OUI, e.g. 00-0F-AC ([`IEEE_OUI`]).
        oui: [u8; 3],
        /// The data type (for 00-0F-AC: 1 GTK, 4 PMKID, 9 IGTK, ...).
        data_type: u8,
        /// The data after OUI and type.
        data: &'a [u8],
    },
}

/// Shows IDs, OUIs, types and lengths, never contents: KDE data may hold keys, and so may what
/// looks like an element when Key Data is not a list of elements (WPA group messages carry the
/// bare GTK).
impl fmt::Debug for KeyDataItem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyDataItem::Element { id, body } => write!(f, "Element({id}, {} octets)", body.len()),
            KeyDataItem::Kde { oui, data_type, data } => write!(
                f,
                "Kde({:02x}-{:02x}-{:02x}:{data_type}, {} octets)",
                oui[0],
                oui[1],
                oui[2],
                data.len()
            ),
        }
    }
}

/// Iterates the elements and KDEs of decrypted Key Data, up to the `0xdd 0x00...` padding
/// (or a lone `0xdd` as the last octet). Every item is `Ok` or, once, an `Err` that ends the
/// iteration: an element longer than the data, a truncated element header, a KDE shorter
/// than its OUI and type, or non-zero octets after the padding mark.
#[derive(Clone)]
pub struct Kdes<'a> {
    rest: &'a [u8],
}

/// Shows how many octets are left, never the (decrypted) octets themselves.
impl fmt::Debug for Kdes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Kdes").field("remaining", &self.rest.len()).finish_non_exhaustive()?;
        f.write_str(" (redacted)")
    }
}

impl<'a> Kdes<'a> {
    /// Iterates `key_data` (plaintext, as [`unwrap_key_data`](super::unwrap_key_data) returns it).
    ///
    /// ```
    /// use ieee80211_keys::eapol::{KeyDataItem, Kdes};
    ///
    /// // An RSNE (ID 48), a PMKID KDE (00-0F-AC:4), then dd 00 padding.
    /// let mut key_data = [0u8; 48];
    /// key_data[..4].copy_from_slice(&[48, 2, 1, 0]);
    /// key_data[4..10].copy_from_slice(&[0xdd, 20, 0x00, 0x0f, 0xac, 4]);
    /// key_data[26] = 0xdd;
    /// let items: Vec<_> = Kdes::new(&key_data).collect::<Result<_, _>>()?;
    /// assert!(matches!(items[..], [
    ///     KeyDataItem::Element { id: 48, body: [1, 0] },
    ///     KeyDataItem::Kde { oui: [0x00, 0x0f, 0xac], data_type: 4, data },
    /// ] if data.len() == 16));
    ///
    /// // Non-zero octets after the padding, or an element longer than the Key Data, are errors.
    /// key_data[40] = 1;
    /// assert!(Kdes::new(&key_data).any(|item| item.is_err()));
    /// assert!(Kdes::new(&[48, 9, 1, 0]).any(|item| item.is_err()));
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn new(key_data: &'a [u8]) -> Kdes<'a> {
        Kdes { rest: key_data }
    }

    fn item(&mut self) -> Result<Option<KeyDataItem<'a>>> {
        let Some((&id, rest)) = self.rest.split_first() else { return Ok(None) };
        let (len, rest) = match rest.split_first() {
            None if id == KDE_ID => return Ok(None),
            Some((0, padding)) if id == KDE_ID => {
                return if padding.iter().all(|&b| b == 0) {
                    Ok(None)
                } else {
                    Err(malformed_element("non-zero octets after the Key Data padding"))
                };
            }
            None => return Err(malformed_element("Key Data ends inside an element header")),
            Some((&len, rest)) => (len, rest),
        };
        let (body, rest) = rest
            .split_at_checked(usize::from(len))
            .ok_or(malformed_element("element longer than the Key Data"))?;
        self.rest = rest;
        if id != KDE_ID {
            return Ok(Some(KeyDataItem::Element { id, body }));
        }
        let (&[o0, o1, o2, data_type], data) = body
            .split_first_chunk::<4>()
            .ok_or(malformed_element("KDE shorter than OUI and type"))?;
        Ok(Some(KeyDataItem::Kde { oui: [o0, o1, o2], data_type, data }))
    }
}

impl<'a> Iterator for Kdes<'a> {
    type Item = Result<KeyDataItem<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.item();
        if !matches!(item, Ok(Some(_))) {
            self.rest = &[];
        }
        item.transpose()
    }
}

impl core::iter::FusedIterator for Kdes<'_> {}

/// The data of the one 00-0F-AC KDE of `data_type` in `key_data`, after checking that the
/// whole list is well formed. A second such KDE is an error.
pub(crate) fn find_kde<'a>(
    key_data: &'a [u8],
    data_type: u8,
    duplicate: &'static str,
) -> Result<Option<&'a [u8]>> {
    let mut found = None;
    for item in Kdes::new(key_data) {
        if let KeyDataItem::Kde { oui: IEEE_OUI, data_type: t, data } = item? {
            if t == data_type {
                if found.is_some() {
                    return Err(malformed_element(duplicate));
                }
                found = Some(data);
            }
        }
    }
    Ok(found)
}

/// A GTK KDE (00-0F-AC:1, 12.7.2 Figure 12-36): key ID, Tx bit and the GTK, borrowed from the
/// decrypted Key Data.
#[derive(Clone, Copy)]
pub struct GtkKde<'a> {
    flags: u8,
    gtk: &'a [u8],
}

impl<'a> GtkKde<'a> {
    /// The key ID (0 to 3).
    pub fn key_id(&self) -> u8 {
        self.flags & 0x03
    }

    /// The Tx bit: the GTK is also used for transmission by the supplicant.
    pub fn tx(&self) -> bool {
        self.flags & 0x04 != 0
    }

    /// The GTK octets as present (5 to 32), borrowed from the caller's Key Data buffer. Secret:
    /// prefer [`GtkKde::gtk`], and zeroize the buffer.
    pub fn gtk_bytes(&self) -> &'a [u8] {
        self.gtk
    }

    /// The GTK as a secret [`Gtk`] (16 or 32 octets; another length is an error).
    pub fn gtk(&self) -> Result<Gtk> {
        Gtk::from_bytes(self.gtk)
    }
}

impl fmt::Debug for GtkKde<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (id, tx, len) = (self.key_id(), self.tx(), self.gtk.len());
        write!(f, "GtkKde(key ID {id}, tx {tx}, {len} octets, redacted)")
    }
}

/// Finds the GTK KDE in decrypted Key Data. The whole list must be well formed; a second GTK
/// KDE and a GTK outside 5 to 32 octets are errors. In WPA (descriptor type 254) group
/// messages the Key Data is the bare GTK, not a KDE.
///
/// ```
/// use ieee80211_keys::eapol::find_gtk;
///
/// // A GTK KDE: key ID 2, Tx bit set, a 16-octet GTK.
/// let mut key_data = [0x77; 24];
/// key_data[..8].copy_from_slice(&[0xdd, 22, 0x00, 0x0f, 0xac, 1, 0x06, 0x00]);
/// let gtk = find_gtk(&key_data)?.expect("a GTK KDE");
/// assert_eq!((gtk.key_id(), gtk.tx()), (2, true));
/// assert_eq!(gtk.gtk()?.as_bytes(), [0x77; 16]);
///
/// assert!(find_gtk(&[48, 2, 1, 0])?.is_none());
/// // Two GTK KDEs are an error.
/// let twice = [key_data, key_data].concat();
/// assert!(find_gtk(&twice).is_err());
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn find_gtk(key_data: &[u8]) -> Result<Option<GtkKde<'_>>> {
    find_kde(key_data, KDE_GTK, "more than one GTK KDE")?.map(GtkKde::parse).transpose()
}

impl<'a> GtkKde<'a> {
    /// Reads the data of a GTK KDE (after OUI and type).
    pub(crate) fn parse(data: &'a [u8]) -> Result<GtkKde<'a>> {
        let (&[flags, _reserved], gtk) = data
            .split_first_chunk::<2>()
            .ok_or(malformed_element("GTK KDE shorter than 2 octets"))?;
        if !(5..=32).contains(&gtk.len()) {
            return Err(malformed_element("GTK KDE: GTK is not 5 to 32 octets"));
        }
        Ok(GtkKde { flags, gtk })
    }
}

/// An IGTK KDE (00-0F-AC:9, 12.7.2 Figure 12-42): key ID, IPN and the IGTK, borrowed from the
/// decrypted Key Data.
#[derive(Clone, Copy)]
pub struct IgtkKde<'a> {
    key_id: u16,
    ipn: [u8; 6],
    igtk: &'a [u8],
}

impl<'a> IgtkKde<'a> {
    /// The key ID (4 or 5 in a conforming frame; little-endian in the KDE).
    pub fn key_id(&self) -> u16 {
        self.key_id
    }

    /// The IPN (BIP packet number), as transmitted: 6 octets, least significant first.
    pub fn ipn(&self) -> [u8; 6] {
        self.ipn
    }

    /// The IGTK octets (16 or 32), borrowed from the caller's Key Data buffer. Secret: prefer
    /// [`IgtkKde::igtk`], and zeroize the buffer.
    pub fn igtk_bytes(&self) -> &'a [u8] {
        self.igtk
    }

    /// The IGTK as a secret [`Igtk`].
    pub fn igtk(&self) -> Result<Igtk> {
        Igtk::from_bytes(self.igtk)
    }
}

impl fmt::Debug for IgtkKde<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IgtkKde(key ID {}, {} octets, redacted)", self.key_id, self.igtk.len())
    }
}

/// Finds the IGTK KDE in decrypted Key Data. The whole list must be well formed; a second IGTK
/// KDE, an IGTK of other than 16 or 32 octets and a key ID other than 4 or 5 (12.7.2) are
/// errors.
///
/// ```
/// use ieee80211_keys::eapol::find_igtk;
///
/// // An IGTK KDE: key ID 4 (LE16), IPN 1 (LE48), a 16-octet IGTK.
/// let mut key_data = [0x99; 30];
/// key_data[..14].copy_from_slice(&[0xdd, 28, 0x00, 0x0f, 0xac, 9, 4, 0, 1, 0, 0, 0, 0, 0]);
/// let igtk = find_igtk(&key_data)?.expect("an IGTK KDE");
/// assert_eq!(igtk.key_id(), 4);
/// assert_eq!(igtk.ipn(), [1, 0, 0, 0, 0, 0]);
/// assert_eq!(igtk.igtk()?.as_bytes(), [0x99; 16]);
/// let mut bad_id = key_data;
/// bad_id[6] = 6; // the key ID must be 4 or 5
/// assert!(find_igtk(&bad_id).is_err());
/// // An IGTK of 15 octets is an error.
/// key_data[1] = 27;
/// assert!(find_igtk(&key_data[..29]).is_err());
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn find_igtk(key_data: &[u8]) -> Result<Option<IgtkKde<'_>>> {
    find_kde(key_data, KDE_IGTK, "more than one IGTK KDE")?.map(IgtkKde::parse).transpose()
}

impl<'a> IgtkKde<'a> {
    /// Reads the data of an IGTK KDE (after OUI and type).
    pub(crate) fn parse(data: &'a [u8]) -> Result<IgtkKde<'a>> {
        let (key_id, ipn, igtk) =
            crate::frames::kde::integrity_key_fields(data, crate::frames::kde::IntegrityKde::Igtk)?;
        Ok(IgtkKde { key_id, ipn, igtk })
    }
}
