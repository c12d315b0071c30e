//! Key Data Encapsulations (KDEs, IEEE 802.11-2020 12.7.2, Table 12-9, and IEEE 802.11be
//! 12.7.2 for the MLO KDEs): typed parsing of each KDE of decrypted Key Data, and a writer that
//! puts KDEs and elements into the caller's buffer.
//!
//! Parsing rides on [`crate::eapol::Kdes`], the crate's one walk over Key Data: [`Kde::parse`]
//! gives one of its items a type, [`kdes`] walks Key Data typed, and `find_*` look for the one
//! KDE of a kind. Layouts (OUI 00-0F-AC unless noted; hostap `wpa_common.h`):
//!
//! | KDE | type | data |
//! | --- | --- | --- |
//! | GTK | 1 | Key ID (bits 0-1), Tx (bit 2); reserved; GTK |
//! | MAC address | 3 | 6 octets |
//! | PMKID | 4 | 16 octets |
//! | Lifetime | 7 | 4 octets, big-endian seconds (as hostap writes it) |
//! | IGTK | 9 | Key ID (2, little-endian: 4 or 5); IPN (6); IGTK |
//! | Key ID | 10 | Key ID (bits 0-1); reserved |
//! | OCI | 13 | operating class, primary channel, segment 1 channel |
//! | BIGTK | 14 | Key ID (2: 6 or 7); BIPN (6); BIGTK |
//! | MLO GTK | 16 | Key ID (bits 0-1), Tx (bit 2), link ID (bits 4-7); PN (6); GTK |
//! | MLO IGTK | 17 | Key ID (2); IPN (6); link ID (bits 4-7); IGTK |
//! | MLO BIGTK | 18 | Key ID (2); BIPN (6); link ID (bits 4-7); BIGTK |
//! | MLO Link | 19 | link ID (bits 0-3), RSNE (bit 4), RSNXE (bit 5); MAC (6); RSNE if set; RSNXE if set |
//! | Transition Disable | 50-6F-9A:0x20 | bitmap (1 octet) |
//!
//! ```
//! use ieee80211_keys::kde::{self, Kde, KdeWriter};
//! use ieee80211_keys::{Gtk, Igtk, MacAddr, PmkId};
//!
//! # fn main() -> Result<(), ieee80211_keys::Error> {
//! // The AP's message 3/4 Key Data: its RSNE, the GTK and the IGTK.
//! let rsne = [48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0x80, 0];
//! let (gtk, igtk) = (Gtk::from_bytes(&[0x11; 16])?, Igtk::from_bytes(&[0x22; 16])?);
//! let mut key_data = [0u8; 128];
//! let mut w = KdeWriter::new(&mut key_data);
//! w.element(&rsne)?.gtk(1, false, &gtk)?.igtk(4, [1, 0, 0, 0, 0, 0], &igtk)?;
//! let n = w.len();
//!
//! // The station, after unwrapping, finds them again.
//! let kd = &key_data[..n];
//! assert_eq!(kde::find_gtk(kd)?.unwrap().key_id(), 1);
//! assert_eq!(kde::find_igtk(kd)?.unwrap().key_id(), 4);
//! assert_eq!(kde::kdes(kd).filter(|k| matches!(k, Ok(Kde::Gtk(_)))).count(), 1);
//! assert_eq!(kde::find_pmkid(kd)?, None);
//! # Ok(())
//! # }
//! ```

use core::fmt;

use crate::eapol::{find_kde, GtkKde, IgtkKde, Kdes, KeyDataItem};
use crate::error::{Error, Result};
use crate::oci::Oci;
use crate::ptk::{Bigtk, Gtk, Igtk};
use crate::rsne::{RSNE_ID, RSNXE_ID};
use crate::suite::IEEE_OUI;
use crate::types::{MacAddr, PmkId};

pub use crate::eapol::{find_gtk, find_igtk};

/// Element ID of a KDE (that of a vendor-specific element).
pub const KDE_ID: u8 = 0xdd;
/// The Wi-Fi Alliance OUI, 50-6F-9A, of the Transition Disable KDE.
pub const WFA_OUI: [u8; 3] = [0x50, 0x6f, 0x9a];

/// KDE data types under 00-0F-AC (Table 12-9).
pub mod data_type {
    /// GTK KDE.
    pub const GTK: u8 = 1;
    /// MAC address KDE.
    pub const MAC_ADDRESS: u8 = 3;
    /// PMKID KDE.
    pub const PMKID: u8 = 4;
    /// Lifetime KDE.
    pub const LIFETIME: u8 = 7;
    /// IGTK KDE.
    pub const IGTK: u8 = 9;
    /// Key ID KDE.
    pub const KEY_ID: u8 = 10;
    /// OCI KDE.
    pub const OCI: u8 = 13;
    /// BIGTK KDE.
    pub const BIGTK: u8 = 14;
    /// MLO GTK KDE (802.11be).
    pub const MLO_GTK: u8 = 16;
    /// MLO IGTK KDE (802.11be).
    pub const MLO_IGTK: u8 = 17;
    /// MLO BIGTK KDE (802.11be).
    pub const MLO_BIGTK: u8 = 18;
    /// MLO Link KDE (802.11be).
    pub const MLO_LINK: u8 = 19;
    /// Transition Disable KDE, under the Wi-Fi Alliance OUI 50-6F-9A.
    pub const TRANSITION_DISABLE: u8 = 0x20;
}

fn malformed(reason: &'static str) -> Error {
    Error::MalformedElement { reason }
}

/// The key ID range of each integrity key (12.7.2): IGTK 4 or 5, BIGTK 6 or 7.
const fn key_id_ok(first: u16, key_id: u16) -> bool {
    key_id == first || key_id == first + 1
}

/// The four KDEs that carry an integrity key, for their checks and error messages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum IntegrityKde {
    Igtk,
    Bigtk,
    MloIgtk,
    MloBigtk,
}

impl IntegrityKde {
    /// The first of the two key IDs (12.7.2): IGTK 4 or 5, BIGTK 6 or 7.
    const fn first_id(self) -> u16 {
        match self {
            IntegrityKde::Igtk | IntegrityKde::MloIgtk => 4,
            IntegrityKde::Bigtk | IntegrityKde::MloBigtk => 6,
        }
    }

    /// Too short, key length, key ID.
    const fn reasons(self) -> [&'static str; 3] {
        match self {
            IntegrityKde::Igtk => [
                "IGTK KDE shorter than 8 octets",
                "IGTK KDE: IGTK is not 16 or 32 octets",
                "IGTK KDE: key ID is not 4 or 5",
            ],
            IntegrityKde::Bigtk => [
                "BIGTK KDE shorter than 8 octets",
                "BIGTK KDE: BIGTK is not 16 or 32 octets",
                "BIGTK KDE: key ID is not 6 or 7",
            ],
            IntegrityKde::MloIgtk => [
                "MLO IGTK KDE shorter than 9 octets",
                "MLO IGTK KDE: IGTK is not 16 or 32 octets",
                "MLO IGTK KDE: key ID is not 4 or 5",
            ],
            IntegrityKde::MloBigtk => [
                "MLO BIGTK KDE shorter than 9 octets",
                "MLO BIGTK KDE: BIGTK is not 16 or 32 octets",
                "MLO BIGTK KDE: key ID is not 6 or 7",
            ],
        }
    }

    /// Checks the key length and the key ID.
    fn check(self, key_id: u16, key: &[u8]) -> Result<()> {
        let [_, len, id] = self.reasons();
        if !matches!(key.len(), 16 | 32) {
            return Err(malformed(len));
        }
        if !key_id_ok(self.first_id(), key_id) {
            return Err(malformed(id));
        }
        Ok(())
    }
}

/// Reads `Key ID (2) || PN (6) || key` of an IGTK or BIGTK KDE: a key of 16 or 32 octets, a key
/// ID in the KDE's range.
pub(crate) fn integrity_key_fields(
    data: &[u8],
    kind: IntegrityKde,
) -> Result<(u16, [u8; 6], &[u8])> {
    let (&[k0, k1, p0, p1, p2, p3, p4, p5], key) =
        data.split_first_chunk::<8>().ok_or(malformed(kind.reasons()[0]))?;
    let key_id = u16::from_le_bytes([k0, k1]);
    kind.check(key_id, key)?;
    Ok((key_id, [p0, p1, p2, p3, p4, p5], key))
}

/// A BIGTK KDE (00-0F-AC:14): key ID (6 or 7), BIPN and the BIGTK, borrowed from the decrypted
/// Key Data.
///
/// ```
/// use ieee80211_keys::kde::{self, KdeWriter};
/// use ieee80211_keys::Bigtk;
///
/// # fn main() -> Result<(), ieee80211_keys::Error> {
/// let mut kd = [0u8; 64];
/// let mut w = KdeWriter::new(&mut kd);
/// w.bigtk(6, [9, 0, 0, 0, 0, 0], &Bigtk::from_bytes(&[0x33; 16])?)?;
/// let n = w.len();
/// let kde = kde::find_bigtk(&kd[..n])?.unwrap();
/// assert_eq!((kde.key_id(), kde.bipn()), (6, [9, 0, 0, 0, 0, 0]));
/// assert_eq!(kde.bigtk()?.as_bytes(), [0x33; 16]);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct BigtkKde<'a> {
    key_id: u16,
    bipn: [u8; 6],
    bigtk: &'a [u8],
}

impl<'a> BigtkKde<'a> {
    /// Reads the data of a BIGTK KDE (after OUI and type).
    pub fn parse(data: &'a [u8]) -> Result<BigtkKde<'a>> {
        let (key_id, bipn, bigtk) = integrity_key_fields(data, IntegrityKde::Bigtk)?;
        Ok(BigtkKde { key_id, bipn, bigtk })
    }

    /// The key ID: 6 or 7.
    pub fn key_id(&self) -> u16 {
        self.key_id
    }

    /// The BIPN (beacon integrity packet number), 6 octets, least significant first.
    pub fn bipn(&self) -> [u8; 6] {
        self.bipn
    }

    /// The BIGTK octets, borrowed from the caller's Key Data buffer. Secret: prefer
    /// [`BigtkKde::bigtk`], and zeroize the buffer.
    pub fn bigtk_bytes(&self) -> &'a [u8] {
        self.bigtk
    }

    /// The BIGTK as a secret [`Bigtk`].
    pub fn bigtk(&self) -> Result<Bigtk> {
        Bigtk::from_bytes(self.bigtk)
    }
}

impl fmt::Debug for BigtkKde<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BigtkKde(key ID {}, {} octets, redacted)", self.key_id, self.bigtk.len())
    }
}

/// The Transition Disable bitmap (Wi-Fi Alliance WPA3 specification; hostap
/// `TRANSITION_DISABLE_*`): each set bit tells the station to stop using the transition mode
/// of that network.
///
/// ```
/// use ieee80211_keys::kde::TransitionDisable;
///
/// let t = TransitionDisable(TransitionDisable::WPA3_PERSONAL | TransitionDisable::ENHANCED_OPEN);
/// assert!(t.wpa3_personal() && t.enhanced_open() && !t.sae_pk());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TransitionDisable(pub u8);

impl TransitionDisable {
    /// Bit 0: WPA3-Personal (no more WPA2-PSK).
    pub const WPA3_PERSONAL: u8 = 1 << 0;
    /// Bit 1: SAE-PK.
    pub const SAE_PK: u8 = 1 << 1;
    /// Bit 2: WPA3-Enterprise.
    pub const WPA3_ENTERPRISE: u8 = 1 << 2;
    /// Bit 3: Enhanced Open (no more open).
    pub const ENHANCED_OPEN: u8 = 1 << 3;

    /// WPA3-Personal transition disabled.
    pub const fn wpa3_personal(self) -> bool {
        self.0 & Self::WPA3_PERSONAL != 0
    }

    /// SAE-PK transition disabled.
    pub const fn sae_pk(self) -> bool {
        self.0 & Self::SAE_PK != 0
    }

    /// WPA3-Enterprise transition disabled.
    pub const fn wpa3_enterprise(self) -> bool {
        self.0 & Self::WPA3_ENTERPRISE != 0
    }

    /// Enhanced Open transition disabled.
    pub const fn enhanced_open(self) -> bool {
        self.0 & Self::ENHANCED_OPEN != 0
    }
}

/// An MLO Link KDE (00-0F-AC:19): one affiliated link's ID and MAC address, and that link's
/// RSNE and RSNXE when present.
///
/// ```
/// use ieee80211_keys::kde::{self, Kde, KdeWriter};
/// use ieee80211_keys::{Bigtk, Gtk, Igtk, MacAddr};
///
/// # fn main() -> Result<(), ieee80211_keys::Error> {
/// // Message 3/4 of a multi-link association: per link, its address and its group keys.
/// let (gtk, igtk, bigtk) =
///     (Gtk::from_bytes(&[1; 16])?, Igtk::from_bytes(&[2; 16])?, Bigtk::from_bytes(&[3; 16])?);
/// let mut kd = [0u8; 256];
/// let mut w = KdeWriter::new(&mut kd);
/// for link in [0u8, 1] {
///     w.mlo_link(link, &MacAddr::new([2, 0, 0, 0, 1, link]), None, None)?;
///     w.mlo_gtk(link, 1, false, [0; 6], &gtk)?;
///     w.mlo_igtk(link, 4, [0; 6], &igtk)?.mlo_bigtk(link, 6, [0; 6], &bigtk)?;
/// }
/// let n = w.len();
/// let mut links = 0;
/// for item in kde::kdes(&kd[..n]) {
///     match item? {
///         Kde::MloLink(l) => links += usize::from(l.link_id) + 1,
///         Kde::MloGtk(g) => assert_eq!(g.gtk()?.as_bytes(), gtk.as_bytes()),
///         Kde::MloIgtk(g) => assert_eq!(g.key_id(), 4),
///         Kde::MloBigtk(g) => assert_eq!(g.bigtk()?.as_bytes(), bigtk.as_bytes()),
///         _ => unreachable!(),
///     }
/// }
/// assert_eq!(links, 3);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MloLinkKde<'a> {
    /// The link ID (0 to 15).
    pub link_id: u8,
    /// The link's MAC address.
    pub mac: MacAddr,
    /// The link's RSNE, whole, when the RSNE Info bit is set.
    pub rsne: Option<&'a [u8]>,
    /// The link's RSNXE, whole, when the RSNXE Info bit is set.
    pub rsnxe: Option<&'a [u8]>,
}

impl<'a> MloLinkKde<'a> {
    /// Reads the data of an MLO Link KDE: each element its info bit announces must be there,
    /// whole, with the right ID, and nothing else may follow.
    pub fn parse(data: &'a [u8]) -> Result<MloLinkKde<'a>> {
        let (&[info, m0, m1, m2, m3, m4, m5], mut rest) =
            data.split_first_chunk::<7>().ok_or(malformed("MLO Link KDE shorter than 7 octets"))?;
        let mut element = |present: bool, id: u8, reason: &'static str| -> Result<_> {
            if !present {
                return Ok(None);
            }
            match rest {
                [got, len, body @ ..] if *got == id && usize::from(*len) <= body.len() => {
                    let (e, r) = rest.split_at(2 + usize::from(*len));
                    rest = r;
                    Ok(Some(e))
                }
                _ => Err(malformed(reason)),
            }
        };
        let rsne = element(info & 0x10 != 0, RSNE_ID, "MLO Link KDE: RSNE announced, not there")?;
        let rsnxe =
            element(info & 0x20 != 0, RSNXE_ID, "MLO Link KDE: RSNXE announced, not there")?;
        if !rest.is_empty() {
            return Err(malformed("MLO Link KDE: octets after its elements"));
        }
        if info & 0xc0 != 0 {
            return Err(malformed("MLO Link KDE: reserved link information bits set"));
        }
        Ok(MloLinkKde {
            link_id: info & 0x0f,
            mac: MacAddr::new([m0, m1, m2, m3, m4, m5]),
            rsne,
            rsnxe,
        })
    }
}

/// An MLO GTK KDE (00-0F-AC:16): one link's GTK with its key ID, Tx bit and PN, borrowed from
/// the decrypted Key Data.
///
/// ```
/// use ieee80211_keys::kde::MloGtkKde;
///
/// // Link 2, key ID 1, Tx; PN 5; a 16-octet GTK.
/// let data = [&[0x25, 5, 0, 0, 0, 0, 0][..], &[9; 16]].concat();
/// let g = MloGtkKde::parse(&data)?;
/// assert_eq!((g.link_id(), g.key_id(), g.tx(), g.pn()[0]), (2, 1, true, 5));
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct MloGtkKde<'a> {
    info: u8,
    pn: [u8; 6],
    gtk: &'a [u8],
}

impl<'a> MloGtkKde<'a> {
    /// Reads the data of an MLO GTK KDE (a GTK of 5 to 32 octets).
    pub fn parse(data: &'a [u8]) -> Result<MloGtkKde<'a>> {
        let (&[info, p0, p1, p2, p3, p4, p5], gtk) =
            data.split_first_chunk::<7>().ok_or(malformed("MLO GTK KDE shorter than 7 octets"))?;
        if !(5..=32).contains(&gtk.len()) {
            return Err(malformed("MLO GTK KDE: GTK is not 5 to 32 octets"));
        }
        Ok(MloGtkKde { info, pn: [p0, p1, p2, p3, p4, p5], gtk })
    }

    /// The link ID (0 to 15).
    pub fn link_id(&self) -> u8 {
        self.info >> 4
    }

    /// The key ID (0 to 3).
    pub fn key_id(&self) -> u8 {
        self.info & 0x03
    }

    /// The Tx bit.
    pub fn tx(&self) -> bool {
        self.info & 0x04 != 0
    }

    /// The PN (the group key's receive sequence counter), least significant octet first.
    pub fn pn(&self) -> [u8; 6] {
        self.pn
    }

    /// The GTK as a secret [`Gtk`] (16 or 32 octets; another length is an error).
    pub fn gtk(&self) -> Result<Gtk> {
        Gtk::from_bytes(self.gtk)
    }
}

impl fmt::Debug for MloGtkKde<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (l, k, n) = (self.link_id(), self.key_id(), self.gtk.len());
        write!(f, "MloGtkKde(link {l}, key ID {k}, {n} octets, redacted)")
    }
}

/// An MLO IGTK or MLO BIGTK KDE (00-0F-AC:17 and :18): one link's integrity key with its key
/// ID and packet number, borrowed from the decrypted Key Data.
///
/// ```
/// use ieee80211_keys::kde::MloIntegrityKde;
///
/// // Key ID 7, BIPN 1, link 3; a 16-octet BIGTK. As an MLO IGTK KDE the key ID is refused.
/// let data = [&[7, 0, 1, 0, 0, 0, 0, 0, 0x30][..], &[9; 16]].concat();
/// assert_eq!(MloIntegrityKde::parse(&data, true)?.link_id(), 3);
/// assert!(MloIntegrityKde::parse(&data, false).is_err());
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct MloIntegrityKde<'a> {
    key_id: u16,
    pn: [u8; 6],
    link_id: u8,
    key: &'a [u8],
}

impl<'a> MloIntegrityKde<'a> {
    /// Reads the data of an MLO IGTK KDE (`bigtk` false: key ID 4 or 5) or MLO BIGTK KDE
    /// (`bigtk` true: key ID 6 or 7).
    pub fn parse(data: &'a [u8], bigtk: bool) -> Result<MloIntegrityKde<'a>> {
        let kind = if bigtk { IntegrityKde::MloBigtk } else { IntegrityKde::MloIgtk };
        let (&[k0, k1, p0, p1, p2, p3, p4, p5, link], key) =
            data.split_first_chunk::<9>().ok_or(malformed(kind.reasons()[0]))?;
        let key_id = u16::from_le_bytes([k0, k1]);
        kind.check(key_id, key)?;
        if link & 0x0f != 0 {
            return Err(malformed(if bigtk {
                "MLO BIGTK KDE: reserved bits of the link octet set"
            } else {
                "MLO IGTK KDE: reserved bits of the link octet set"
            }));
        }
        Ok(MloIntegrityKde { key_id, pn: [p0, p1, p2, p3, p4, p5], link_id: link >> 4, key })
    }

    /// The link ID (0 to 15).
    pub fn link_id(&self) -> u8 {
        self.link_id
    }

    /// The key ID: 4 or 5 (IGTK), 6 or 7 (BIGTK).
    pub fn key_id(&self) -> u16 {
        self.key_id
    }

    /// The IPN or BIPN, least significant octet first.
    pub fn pn(&self) -> [u8; 6] {
        self.pn
    }

    /// The key as a secret [`Igtk`] (of an MLO IGTK KDE).
    pub fn igtk(&self) -> Result<Igtk> {
        Igtk::from_bytes(self.key)
    }

    /// The key as a secret [`Bigtk`] (of an MLO BIGTK KDE).
    pub fn bigtk(&self) -> Result<Bigtk> {
        Bigtk::from_bytes(self.key)
    }
}

impl fmt::Debug for MloIntegrityKde<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (l, k, n) = (self.link_id, self.key_id, self.key.len());
        write!(f, "MloIntegrityKde(link {l}, key ID {k}, {n} octets, redacted)")
    }
}

/// One KDE of decrypted Key Data, typed. KDEs the crate does not know (and elements) stay as
/// the [`KeyDataItem`] they were.
///
/// ```
/// use ieee80211_keys::eapol::Kdes;
/// use ieee80211_keys::kde::Kde;
///
/// // A Lifetime KDE and a Key ID KDE.
/// let kd = [0xdd, 8, 0, 0x0f, 0xac, 7, 0, 0, 0x0e, 0x10, 0xdd, 6, 0, 0x0f, 0xac, 10, 1, 0];
/// let typed: Vec<_> = Kdes::new(&kd).map(|i| Kde::parse(i?)).collect::<Result<_, _>>()?;
/// assert!(matches!(typed[..], [Kde::Lifetime(3600), Kde::KeyId(1)]));
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Kde<'a> {
    /// GTK KDE.
    Gtk(GtkKde<'a>),
    /// MAC address KDE.
    MacAddress(MacAddr),
    /// PMKID KDE.
    PmkId(PmkId),
    /// Lifetime KDE: seconds.
    Lifetime(u32),
    /// IGTK KDE.
    Igtk(IgtkKde<'a>),
    /// Key ID KDE: the key ID (0 or 1 for the extended key ID of individually addressed
    /// frames).
    KeyId(u8),
    /// OCI KDE.
    Oci(Oci),
    /// BIGTK KDE.
    Bigtk(BigtkKde<'a>),
    /// MLO GTK KDE.
    MloGtk(MloGtkKde<'a>),
    /// MLO IGTK KDE.
    MloIgtk(MloIntegrityKde<'a>),
    /// MLO BIGTK KDE.
    MloBigtk(MloIntegrityKde<'a>),
    /// MLO Link KDE.
    MloLink(MloLinkKde<'a>),
    /// Transition Disable KDE.
    TransitionDisable(TransitionDisable),
    /// Any other item: an element, or a KDE the crate does not type.
    Other(KeyDataItem<'a>),
}

impl<'a> Kde<'a> {
    /// Types one item of [`Kdes`]: a KDE of a known OUI and type must have its layout, else it
    /// is an error that names the KDE.
    pub fn parse(item: KeyDataItem<'a>) -> Result<Kde<'a>> {
        use data_type as t;
        let KeyDataItem::Kde { oui, data_type, data } = item else {
            return Ok(Kde::Other(item));
        };
        if oui == WFA_OUI && data_type == t::TRANSITION_DISABLE {
            return match data {
                [bits, ..] => Ok(Kde::TransitionDisable(TransitionDisable(*bits))),
                [] => Err(malformed("Transition Disable KDE: no bitmap")),
            };
        }
        if oui != IEEE_OUI {
            return Ok(Kde::Other(item));
        }
        Ok(match data_type {
            t::GTK => Kde::Gtk(GtkKde::parse(data)?),
            t::MAC_ADDRESS => Kde::MacAddress(
                MacAddr::from_slice(data)
                    .map_err(|_| malformed("MAC address KDE: not 6 octets"))?,
            ),
            t::PMKID => Kde::PmkId(
                PmkId::from_slice(data).map_err(|_| malformed("PMKID KDE: not 16 octets"))?,
            ),
            t::LIFETIME => Kde::Lifetime(u32::from_be_bytes(
                data.try_into().map_err(|_| malformed("Lifetime KDE: not 4 octets"))?,
            )),
            t::IGTK => Kde::Igtk(IgtkKde::parse(data)?),
            t::KEY_ID => match data {
                &[id, _reserved] => Kde::KeyId(id & 0x03),
                _ => return Err(malformed("Key ID KDE: not 2 octets")),
            },
            t::OCI => Kde::Oci(Oci::parse(data).map_err(|_| malformed("OCI KDE: not 3 octets"))?),
            t::BIGTK => Kde::Bigtk(BigtkKde::parse(data)?),
            t::MLO_GTK => Kde::MloGtk(MloGtkKde::parse(data)?),
            t::MLO_IGTK => Kde::MloIgtk(MloIntegrityKde::parse(data, false)?),
            t::MLO_BIGTK => Kde::MloBigtk(MloIntegrityKde::parse(data, true)?),
            t::MLO_LINK => Kde::MloLink(MloLinkKde::parse(data)?),
            _ => Kde::Other(item),
        })
    }
}

/// Walks decrypted Key Data as [`Kdes`] does, each item typed by [`Kde::parse`]. The first
/// error ends the walk.
///
/// ```
/// use ieee80211_keys::kde::{self, Kde};
///
/// // An OCI KDE, then a KDE cut short: the walk ends with the error.
/// let kd = [0xdd, 7, 0, 0x0f, 0xac, 13, 81, 6, 0, 0xdd, 9, 0];
/// let mut walk = kde::kdes(&kd);
/// assert!(matches!(walk.next(), Some(Ok(Kde::Oci(o))) if o.primary_channel == 6));
/// assert!(matches!(walk.next(), Some(Err(_))));
/// assert!(walk.next().is_none());
/// ```
pub fn kdes(key_data: &[u8]) -> impl Iterator<Item = Result<Kde<'_>>> {
    let mut failed = false;
    Kdes::new(key_data).map_while(move |item| {
        if failed {
            return None;
        }
        let kde = item.and_then(Kde::parse);
        failed = kde.is_err();
        Some(kde)
    })
}

/// Finds the PMKID KDE (message 1/4 of a handshake with a cached PMKSA). The whole Key Data
/// must be well formed; a second PMKID KDE and one of other than 16 octets are errors.
///
/// ```
/// use ieee80211_keys::kde::{self, KdeWriter};
/// use ieee80211_keys::PmkId;
///
/// # fn main() -> Result<(), ieee80211_keys::Error> {
/// let mut kd = [0u8; 22];
/// KdeWriter::new(&mut kd).pmkid(&PmkId::new([5; 16]))?;
/// assert_eq!(kde::find_pmkid(&kd)?, Some(PmkId::new([5; 16])));
/// # Ok(())
/// # }
/// ```
pub fn find_pmkid(key_data: &[u8]) -> Result<Option<PmkId>> {
    find_kde(key_data, data_type::PMKID, "more than one PMKID KDE")?
        .map(|d| PmkId::from_slice(d).map_err(|_| malformed("PMKID KDE: not 16 octets")))
        .transpose()
}

/// Finds the BIGTK KDE. The whole Key Data must be well formed; a second BIGTK KDE, a BIGTK of
/// other than 16 or 32 octets and a key ID other than 6 or 7 are errors.
///
/// ```
/// use ieee80211_keys::kde;
///
/// // A BIGTK KDE with key ID 5 (an IGTK's): refused.
/// let kd = [&[0xdd, 28, 0, 0x0f, 0xac, 14, 5, 0, 0, 0, 0, 0, 0, 0][..], &[1; 16]].concat();
/// assert!(kde::find_bigtk(&kd).is_err());
/// assert_eq!(kde::find_bigtk(&[])?.map(|k| k.key_id()), None);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn find_bigtk(key_data: &[u8]) -> Result<Option<BigtkKde<'_>>> {
    find_kde(key_data, data_type::BIGTK, "more than one BIGTK KDE")?
        .map(BigtkKde::parse)
        .transpose()
}

/// Finds the OCI KDE and checks it against the receiver's own channel ([`Oci::verify`]). A
/// missing OCI KDE is [`Error::Refused`]: call this only when both sides are OCV capable
/// ([`crate::rsne::RsnCapabilities::ocvc`]).
///
/// ```
/// use ieee80211_keys::kde::{self, KdeWriter};
/// use ieee80211_keys::oci::Oci;
///
/// let mut kd = [0u8; 16];
/// let n = KdeWriter::new(&mut kd).oci(&Oci::new(81, 6, 0))?.len();
/// assert_eq!(kde::verify_oci(&kd[..n], &Oci::new(81, 6, 0))?, Oci::new(81, 6, 0));
/// assert!(kde::verify_oci(&kd[..n], &Oci::new(81, 11, 0)).is_err()); // another channel
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn verify_oci(key_data: &[u8], own: &Oci) -> Result<Oci> {
    let data = find_kde(key_data, data_type::OCI, "more than one OCI KDE")?
        .ok_or(Error::Refused { element: "OCI KDE", reason: "missing, though OCV is in use" })?;
    let oci = Oci::parse(data).map_err(|_| malformed("OCI KDE: not 3 octets"))?;
    oci.verify(own)?;
    Ok(oci)
}

/// Writes KDEs and elements one after the other into the caller's buffer, for the Key Data of
/// an EAPOL-Key frame (before padding and encryption). Nothing is allocated; a buffer too short
/// is [`Error::BufferSize`]. The buffer then holds key material: zeroize it when done.
///
/// ```
/// use ieee80211_keys::kde::{self, KdeWriter};
/// use ieee80211_keys::{MacAddr, oci::Oci};
///
/// # fn main() -> Result<(), ieee80211_keys::Error> {
/// let mut kd = [0u8; 64];
/// let mut w = KdeWriter::new(&mut kd);
/// w.mlo_link(1, &MacAddr::new([2, 0, 0, 0, 1, 0]), None, None)?.oci(&Oci::new(81, 6, 0))?;
/// let n = w.len();
/// assert_eq!(&kd[..2], [0xdd, 11]);
/// assert_eq!(kde::kdes(&kd[..n]).count(), 2);
/// # Ok(())
/// # }
/// ```
pub struct KdeWriter<'o> {
    out: &'o mut [u8],
    at: usize,
}

impl<'o> KdeWriter<'o> {
    /// A writer at the start of `out`.
    pub fn new(out: &'o mut [u8]) -> KdeWriter<'o> {
        KdeWriter { out, at: 0 }
    }

    /// The octets written so far.
    pub fn len(&self) -> usize {
        self.at
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.at == 0
    }

    /// Appends the concatenation of `parts`.
    fn put(&mut self, parts: &[&[u8]]) -> Result<&mut Self> {
        let n: usize = parts.iter().map(|p| p.len()).sum();
        let (needed, len) = (self.at + n, self.out.len());
        let mut dst = self.out.get_mut(self.at..needed).ok_or(Error::BufferSize { needed, len })?;
        for p in parts {
            let (now, rest) = dst.split_at_mut(p.len());
            now.copy_from_slice(p);
            dst = rest;
        }
        self.at = needed;
        Ok(self)
    }

    /// Appends a whole element (e.g. the RSNE of message 3/4), after checking its header.
    pub fn element(&mut self, element: &[u8]) -> Result<&mut Self> {
        match element {
            [_, len, body @ ..] if usize::from(*len) == body.len() => self.put(&[element]),
            _ => Err(malformed("Key Data element: length octet does not match its size")),
        }
    }

    /// Appends a KDE of any OUI and type with the concatenation of `data` as its data.
    ///
    /// ```
    /// use ieee80211_keys::kde::{self, Kde, KdeWriter, TransitionDisable};
    /// use ieee80211_keys::MacAddr;
    ///
    /// let mut kd = [0u8; 64];
    /// let mut w = KdeWriter::new(&mut kd);
    /// let sta: MacAddr = "02:00:00:00:01:00".parse()?;
    /// w.mac_address(&sta)?
    ///     .lifetime(43_200)?
    ///     .transition_disable(TransitionDisable(TransitionDisable::WPA3_PERSONAL))?
    ///     .kde([0x00, 0x10, 0x18], 1, &[&[1, 2], &[3]])?; // a vendor's KDE, data in two pieces
    /// let n = w.len();
    /// assert_eq!(&kd[..8], [0xdd, 10, 0x00, 0x0f, 0xac, 3, 0x02, 0x00]); // MAC address KDE
    /// let typed: Vec<_> = kde::kdes(&kd[..n]).collect::<Result<_, _>>()?;
    /// assert!(matches!(typed[..], [
    ///     Kde::MacAddress(mac),
    ///     Kde::Lifetime(43_200),
    ///     Kde::TransitionDisable(td),
    ///     Kde::Other(_),
    /// ] if mac == sta && td.wpa3_personal() && !td.wpa3_enterprise()));
    /// // A KDE that does not fit the buffer is an error.
    /// assert!(KdeWriter::new(&mut [0u8; 8]).mac_address(&sta).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn kde(&mut self, oui: [u8; 3], data_type: u8, data: &[&[u8]]) -> Result<&mut Self> {
        let n: usize = 4 + data.iter().map(|p| p.len()).sum::<usize>();
        let len = u8::try_from(n).map_err(|_| Error::InvalidLength { what: "KDE data", len: n })?;
        self.put(&[&[KDE_ID, len], &oui, &[data_type]])?.put(data)
    }

    fn ieee(&mut self, data_type: u8, data: &[&[u8]]) -> Result<&mut Self> {
        self.kde(IEEE_OUI, data_type, data)
    }

    /// Appends a GTK KDE: key ID 0 to 3, the Tx bit, the GTK.
    pub fn gtk(&mut self, key_id: u8, tx: bool, gtk: &Gtk) -> Result<&mut Self> {
        if key_id > 3 {
            return Err(Error::Refused { element: "GTK KDE", reason: "key ID is not 0 to 3" });
        }
        self.ieee(data_type::GTK, &[&[key_id | u8::from(tx) << 2, 0], gtk.as_bytes()])
    }

    /// Appends an IGTK KDE: key ID 4 or 5, IPN, IGTK.
    pub fn igtk(&mut self, key_id: u16, ipn: [u8; 6], igtk: &Igtk) -> Result<&mut Self> {
        if !key_id_ok(4, key_id) {
            return Err(Error::Refused { element: "IGTK KDE", reason: "key ID is not 4 or 5" });
        }
        self.ieee(data_type::IGTK, &[&key_id.to_le_bytes(), &ipn, igtk.as_bytes()])
    }

    /// Appends a BIGTK KDE: key ID 6 or 7, BIPN, BIGTK.
    pub fn bigtk(&mut self, key_id: u16, bipn: [u8; 6], bigtk: &Bigtk) -> Result<&mut Self> {
        if !key_id_ok(6, key_id) {
            return Err(Error::Refused { element: "BIGTK KDE", reason: "key ID is not 6 or 7" });
        }
        self.ieee(data_type::BIGTK, &[&key_id.to_le_bytes(), &bipn, bigtk.as_bytes()])
    }

    /// Appends a PMKID KDE.
    pub fn pmkid(&mut self, pmkid: &PmkId) -> Result<&mut Self> {
        self.ieee(data_type::PMKID, &[pmkid.as_bytes()])
    }

    /// Appends a MAC address KDE.
    pub fn mac_address(&mut self, mac: &MacAddr) -> Result<&mut Self> {
        self.ieee(data_type::MAC_ADDRESS, &[mac.as_bytes()])
    }

    /// Appends a Key ID KDE (key ID 0 or 1 of the extended key ID; 0 to 3 accepted).
    pub fn key_id(&mut self, key_id: u8) -> Result<&mut Self> {
        if key_id > 3 {
            return Err(Error::Refused { element: "Key ID KDE", reason: "key ID is not 0 to 3" });
        }
        self.ieee(data_type::KEY_ID, &[&[key_id, 0]])
    }

    /// Appends an OCI KDE.
    pub fn oci(&mut self, oci: &Oci) -> Result<&mut Self> {
        self.ieee(data_type::OCI, &[&oci.to_bytes()])
    }

    /// Appends a Lifetime KDE (seconds).
    pub fn lifetime(&mut self, seconds: u32) -> Result<&mut Self> {
        self.ieee(data_type::LIFETIME, &[&seconds.to_be_bytes()])
    }

    /// Appends a Transition Disable KDE.
    pub fn transition_disable(&mut self, bits: TransitionDisable) -> Result<&mut Self> {
        self.kde(WFA_OUI, data_type::TRANSITION_DISABLE, &[&[bits.0]])
    }

    /// Appends an MLO Link KDE: link ID 0 to 15, the link's MAC address, and its RSNE and
    /// RSNXE (whole elements) when given.
    pub fn mlo_link(
        &mut self,
        link_id: u8,
        mac: &MacAddr,
        rsne: Option<&[u8]>,
        rsnxe: Option<&[u8]>,
    ) -> Result<&mut Self> {
        check_link_id(link_id, "MLO Link KDE")?;
        for (e, id) in [(rsne, RSNE_ID), (rsnxe, RSNXE_ID)] {
            if let Some(e) = e {
                match e {
                    [got, len, body @ ..] if *got == id && usize::from(*len) == body.len() => {}
                    _ => return Err(malformed("MLO Link KDE: an element given is not whole")),
                }
            }
        }
        let info = link_id | u8::from(rsne.is_some()) << 4 | u8::from(rsnxe.is_some()) << 5;
        let (r, x) = (rsne.unwrap_or_default(), rsnxe.unwrap_or_default());
        self.ieee(data_type::MLO_LINK, &[&[info], mac.as_bytes(), r, x])
    }

    /// Appends an MLO GTK KDE for one link.
    pub fn mlo_gtk(
        &mut self,
        link_id: u8,
        key_id: u8,
        tx: bool,
        pn: [u8; 6],
        gtk: &Gtk,
    ) -> Result<&mut Self> {
        check_link_id(link_id, "MLO GTK KDE")?;
        if key_id > 3 {
            return Err(Error::Refused { element: "MLO GTK KDE", reason: "key ID is not 0 to 3" });
        }
        let info = key_id | u8::from(tx) << 2 | link_id << 4;
        self.ieee(data_type::MLO_GTK, &[&[info], &pn, gtk.as_bytes()])
    }

    /// Appends an MLO IGTK KDE for one link (key ID 4 or 5).
    pub fn mlo_igtk(
        &mut self,
        link_id: u8,
        key_id: u16,
        ipn: [u8; 6],
        igtk: &Igtk,
    ) -> Result<&mut Self> {
        check_link_id(link_id, "MLO IGTK KDE")?;
        if !key_id_ok(4, key_id) {
            return Err(Error::Refused { element: "MLO IGTK KDE", reason: "key ID is not 4 or 5" });
        }
        let info = [link_id << 4];
        self.ieee(data_type::MLO_IGTK, &[&key_id.to_le_bytes(), &ipn, &info, igtk.as_bytes()])
    }

    /// Appends an MLO BIGTK KDE for one link (key ID 6 or 7).
    pub fn mlo_bigtk(
        &mut self,
        link_id: u8,
        key_id: u16,
        bipn: [u8; 6],
        bigtk: &Bigtk,
    ) -> Result<&mut Self> {
        check_link_id(link_id, "MLO BIGTK KDE")?;
        if !key_id_ok(6, key_id) {
            return Err(Error::Refused {
                element: "MLO BIGTK KDE",
                reason: "key ID is not 6 or 7",
            });
        }
        let info = [link_id << 4];
        self.ieee(data_type::MLO_BIGTK, &[&key_id.to_le_bytes(), &bipn, &info, bigtk.as_bytes()])
    }
}

fn check_link_id(link_id: u8, element: &'static str) -> Result<()> {
    if link_id > 15 {
        return Err(Error::Refused { element, reason: "link ID is not 0 to 15" });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kde_round_trips() {
        let (gtk, igtk, bigtk) = (
            Gtk::from_bytes(&[1; 16]).unwrap(),
            Igtk::from_bytes(&[2; 32]).unwrap(),
            Bigtk::from_bytes(&[3; 16]).unwrap(),
        );
        let mac = MacAddr::new([2, 0, 0, 0, 0, 1]);
        let rsne = [48, 2, 1, 0];
        let mut kd = [0u8; 512];
        let mut w = KdeWriter::new(&mut kd);
        w.gtk(2, true, &gtk).unwrap();
        w.igtk(5, [1; 6], &igtk).unwrap();
        w.bigtk(7, [2; 6], &bigtk).unwrap();
        w.pmkid(&PmkId::new([4; 16])).unwrap();
        w.mac_address(&mac).unwrap();
        w.key_id(1).unwrap();
        w.oci(&Oci::new(81, 1, 0)).unwrap();
        w.lifetime(43200).unwrap();
        w.transition_disable(TransitionDisable(1)).unwrap();
        w.mlo_link(3, &mac, Some(&rsne), None).unwrap();
        w.mlo_gtk(3, 1, false, [5; 6], &gtk).unwrap();
        w.mlo_igtk(3, 4, [6; 6], &igtk).unwrap();
        w.mlo_bigtk(3, 6, [7; 6], &bigtk).unwrap();
        let n = w.len();
        let got: std::vec::Vec<Kde<'_>> = kdes(&kd[..n]).map(|k| k.unwrap()).collect();
        assert_eq!(got.len(), 13);
        assert!(matches!(got[0], Kde::Gtk(g) if g.key_id() == 2 && g.tx()));
        assert!(matches!(got[1], Kde::Igtk(g) if g.key_id() == 5 && g.ipn() == [1; 6]));
        assert!(matches!(got[2], Kde::Bigtk(g) if g.key_id() == 7));
        assert!(matches!(got[3], Kde::PmkId(p) if p == PmkId::new([4; 16])));
        assert!(matches!(got[4], Kde::MacAddress(m) if m == mac));
        assert!(matches!(got[5], Kde::KeyId(1)));
        assert!(matches!(got[6], Kde::Oci(o) if o == Oci::new(81, 1, 0)));
        assert!(matches!(got[7], Kde::Lifetime(43200)));
        assert!(matches!(got[8], Kde::TransitionDisable(TransitionDisable(1))));
        assert!(
            matches!(got[9], Kde::MloLink(l) if l.link_id == 3 && l.rsne == Some(&rsne[..]) && l.rsnxe.is_none())
        );
        assert!(matches!(got[10], Kde::MloGtk(g) if g.link_id() == 3 && g.key_id() == 1));
        assert!(matches!(got[11], Kde::MloIgtk(g) if g.link_id() == 3 && g.key_id() == 4));
        assert!(matches!(got[12], Kde::MloBigtk(g) if g.link_id() == 3 && g.key_id() == 6));
        assert_eq!(find_pmkid(&kd[..n]), Ok(Some(PmkId::new([4; 16]))));
        assert_eq!(find_bigtk(&kd[..n]).unwrap().unwrap().bipn(), [2; 6]);
    }

    extern crate std;

    #[test]
    fn key_ids_are_checked() {
        let igtk = Igtk::from_bytes(&[2; 16]).unwrap();
        let mut kd = [0u8; 64];
        assert!(KdeWriter::new(&mut kd).igtk(6, [0; 6], &igtk).is_err());
        let mut data = [0u8; 24];
        data[0] = 6;
        assert!(IgtkKde::parse(&data).is_err());
        data[0] = 5;
        assert!(IgtkKde::parse(&data).is_ok());
        assert!(BigtkKde::parse(&data).is_err());
        data[0] = 7;
        assert!(BigtkKde::parse(&data).is_ok());
    }
}
