//! The elements of a Fast BSS Transition (IEEE 802.11-2020 13.8): the Mobility Domain element
//! (MDE, 9.4.2.45), the Timeout Interval element (TIE, 9.4.2.48), and the FT element (FTE,
//! 9.4.2.46) built with every subelement and read typed, the GTK, IGTK and BIGTK subelements
//! wrapped and unwrapped with the KEK.
//!
//! The FTE is read by [`crate::ft::Fte`] (its MIC by [`crate::ft::fte_mic`]); this module adds
//! the typed subelements to that view and the builder. Subelement IDs and layouts follow hostap
//! (`wpa_common.h`, `wpa_auth_ft.c`): R1KH-ID 1 (6 octets), GTK 2 (Key Info 2, Key Length 1,
//! RSC 8, Wrapped Key), R0KH-ID 3 (1 to 48), IGTK 4 (Key ID 2, IPN 6, Key Length 1, Wrapped
//! Key), OCI 5 (3), BIGTK 6 (Key ID 2, BIPN 6, Key Length 1, Wrapped Key). The builder writes
//! them in hostap's order: R1KH-ID, R0KH-ID, GTK, IGTK, BIGTK, OCI.
//!
//! # Example: the AP's FTE of a Reassociation Response, and the station reading it
//!
//! ```
//! use ieee80211_keys::ft::{self, Fte, FteMicInput};
//! use ieee80211_keys::ft_elements::{FteBuilder, Mde};
//! use ieee80211_keys::{Akm, Cipher, Gtk, Kck, Kek, MacAddr, MobilityDomainId, Nonce, R0khId, Suite};
//!
//! # fn main() -> Result<(), ieee80211_keys::Error> {
//! let suite = Suite::new(Akm::FtPsk, Cipher::Ccmp128, 32)?;
//! let (kck, kek) = (Kck::from_bytes(&[1; 16])?, Kek::from_bytes(&[2; 16])?);
//! let (anonce, snonce) = (Nonce::new([3; 32]), Nonce::new([4; 32]));
//! let ap: MacAddr = "02:00:00:00:01:00".parse()?;
//! let sta: MacAddr = "02:00:00:00:02:00".parse()?;
//! let gtk = Gtk::from_bytes(&[5; 16])?;
//!
//! let mut mde = [0u8; 5];
//! Mde { mdid: MobilityDomainId::new([0x12, 0x34]), ft_capability: 0 }.write(&mut mde)?;
//! let rsne = [48, 2, 1, 0];
//! let mut fte = [0u8; 255];
//! let n = FteBuilder::new(&suite, &anonce, &snonce)?
//!     .element_count(3)
//!     .r1kh_id(&ap)
//!     .r0kh_id(&R0khId::new(b"r0kh.example")?)
//!     .gtk(&kek, 1, [0; 8], &gtk)
//!     .write(&mut fte)?;
//! let input = FteMicInput {
//!     sta_addr: &sta, bssid: &ap, transaction_seq: ft::TRANSACTION_SEQ_REASSOC_RESPONSE,
//!     rsne: &rsne, mde: &mde, fte: &fte[..n], ric: None, rsnxe: None,
//! };
//! let mic = ft::fte_mic(&suite, &kck, &input)?;
//! let mut sent = fte;
//! ft::write_fte_mic(&suite, &mut sent[..n], &mic)?;
//!
//! // The station verifies the MIC, then unwraps the GTK.
//! ft::verify_fte_mic(&suite, &kck, &FteMicInput { fte: &sent[..n], ..input })?;
//! let view = Fte::parse(&suite, &sent[..n])?;
//! let sub = view.gtk_subelement()?.expect("a GTK subelement");
//! assert_eq!(sub.key_id(), 1);
//! assert_eq!(sub.unwrap(&kek)?.as_bytes(), gtk.as_bytes());
//! # Ok(())
//! # }
//! ```

use core::fmt;

use crate::crypto::keywrap::{self, AES_WRAP_OVERHEAD};
use crate::error::{Error, Result};
use crate::ft::Fte;
use crate::keys::ptk::{Bigtk, Gtk, Igtk, Kek};
use crate::oci::Oci;
use crate::secret::scratch;
use crate::suite::Suite;
use crate::types::{MacAddr, MobilityDomainId, Nonce, R0khId, R1khId};

/// Element ID of the Mobility Domain element.
pub const MDE_ID: u8 = 54;
/// Element ID of the FT element.
pub const FTE_ID: u8 = 55;
/// Element ID of the Timeout Interval element.
pub const TIE_ID: u8 = 56;

/// FTE subelement IDs (9.4.2.46, Table 9-213).
pub mod subelement {
    /// R1KH-ID.
    pub const R1KH_ID: u8 = 1;
    /// GTK.
    pub const GTK: u8 = 2;
    /// R0KH-ID.
    pub const R0KH_ID: u8 = 3;
    /// IGTK.
    pub const IGTK: u8 = 4;
    /// OCI.
    pub const OCI: u8 = 5;
    /// BIGTK.
    pub const BIGTK: u8 = 6;
}

fn malformed(reason: &'static str) -> Error {
    Error::MalformedElement { reason }
}

/// The Mobility Domain element: the MDID and the FT Capability and Policy field.
///
/// ```
/// use ieee80211_keys::ft_elements::Mde;
///
/// # fn main() -> Result<(), ieee80211_keys::Error> {
/// let mde = Mde::parse(&[0x36, 3, 0x12, 0x34, 1])?;
/// assert_eq!(mde.mdid.as_bytes(), &[0x12, 0x34]);
/// assert!(mde.ft_over_ds());
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mde {
    /// The mobility domain identifier, as carried.
    pub mdid: MobilityDomainId,
    /// FT Capability and Policy: bit 0 FT over DS, bit 1 Resource Request Protocol Capability.
    pub ft_capability: u8,
}

impl Mde {
    /// Bit 0 of FT Capability and Policy: Fast BSS Transition over DS.
    pub const FT_OVER_DS: u8 = 1 << 0;
    /// Bit 1: Resource Request Protocol Capability.
    pub const RESOURCE_REQUEST: u8 = 1 << 1;

    /// Parses an MDE (with its header): ID 54, a 3-octet body.
    pub fn parse(element: &[u8]) -> Result<Mde> {
        match element {
            [MDE_ID, 3, a, b, cap] => {
                Ok(Mde { mdid: MobilityDomainId::new([*a, *b]), ft_capability: *cap })
            }
            [MDE_ID, ..] => Err(malformed("MDE: body is not 3 octets")),
            _ => Err(malformed("MDE: element ID is not 54")),
        }
    }

    /// FT over DS.
    pub fn ft_over_ds(&self) -> bool {
        self.ft_capability & Self::FT_OVER_DS != 0
    }

    /// Writes the element (5 octets); returns its length.
    pub fn write(&self, out: &mut [u8]) -> Result<usize> {
        let len = out.len();
        let out = out.get_mut(..5).ok_or(Error::BufferSize { needed: 5, len })?;
        let [a, b] = *self.mdid.as_bytes();
        out.copy_from_slice(&[MDE_ID, 3, a, b, self.ft_capability]);
        Ok(5)
    }
}

/// The Timeout Interval element: an interval type and a 32-bit value.
///
/// ```
/// use ieee80211_keys::ft_elements::TimeoutInterval;
///
/// # fn main() -> Result<(), ieee80211_keys::Error> {
/// let tie = TimeoutInterval { interval_type: TimeoutInterval::REASSOCIATION_DEADLINE, value: 1000 };
/// let mut e = [0u8; 7];
/// tie.write(&mut e)?;
/// assert_eq!(e, [56, 5, 1, 0xe8, 0x03, 0, 0]);
/// assert_eq!(TimeoutInterval::parse(&e)?, tie);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeoutInterval {
    /// 1 reassociation deadline (TUs), 2 key lifetime (seconds), 3 association comeback time
    /// (TUs).
    pub interval_type: u8,
    /// The interval, little-endian on the air.
    pub value: u32,
}

impl TimeoutInterval {
    /// Reassociation deadline, in TUs.
    pub const REASSOCIATION_DEADLINE: u8 = 1;
    /// Key lifetime, in seconds.
    pub const KEY_LIFETIME: u8 = 2;
    /// Association comeback time, in TUs.
    pub const ASSOCIATION_COMEBACK: u8 = 3;

    /// Parses a TIE (with its header): ID 56, a 5-octet body.
    pub fn parse(element: &[u8]) -> Result<TimeoutInterval> {
        match element {
            [TIE_ID, 5, t, v0, v1, v2, v3] => Ok(TimeoutInterval {
                interval_type: *t,
                value: u32::from_le_bytes([*v0, *v1, *v2, *v3]),
            }),
            [TIE_ID, ..] => Err(malformed("Timeout Interval element: body is not 5 octets")),
            _ => Err(malformed("Timeout Interval element: element ID is not 56")),
        }
    }

    /// Writes the element (7 octets); returns its length.
    pub fn write(&self, out: &mut [u8]) -> Result<usize> {
        let len = out.len();
        let out = out.get_mut(..7).ok_or(Error::BufferSize { needed: 7, len })?;
        let [v0, v1, v2, v3] = self.value.to_le_bytes();
        out.copy_from_slice(&[TIE_ID, 5, self.interval_type, v0, v1, v2, v3]);
        Ok(7)
    }
}

/// A GTK subelement of an FTE, as carried: key ID, RSC and the GTK wrapped with the KEK.
///
/// ```
/// use ieee80211_keys::ft_elements::GtkSubelement;
///
/// // Key ID 1, Key Length 16, RSC 0, and a Wrapped Key too short for 16 octets.
/// let data = [&[1, 0, 16][..], &[0; 8], &[0; 16]].concat();
/// assert!(GtkSubelement::parse(&data).is_err());
/// let data = [&[1, 0, 16][..], &[0; 8], &[0; 24]].concat();
/// assert_eq!(GtkSubelement::parse(&data)?.key_id(), 1);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct GtkSubelement<'a> {
    key_info: u16,
    key_len: u8,
    rsc: [u8; 8],
    wrapped: &'a [u8],
}

impl<'a> GtkSubelement<'a> {
    /// Reads the subelement's data: the Key Length must be 5 to 32 and the Wrapped Key a
    /// multiple of 8 octets, 24 to 40, long enough for it.
    pub fn parse(data: &'a [u8]) -> Result<GtkSubelement<'a>> {
        let (&[i0, i1, key_len, r0, r1, r2, r3, r4, r5, r6, r7], wrapped) = data
            .split_first_chunk::<11>()
            .ok_or(malformed("FTE GTK subelement shorter than 11 octets"))?;
        if !(5..=32).contains(&key_len) {
            return Err(malformed("FTE GTK subelement: Key Length is not 5 to 32"));
        }
        check_wrapped(wrapped, key_len, "FTE GTK subelement: Wrapped Key length is not valid")?;
        Ok(GtkSubelement {
            key_info: u16::from_le_bytes([i0, i1]),
            key_len,
            rsc: [r0, r1, r2, r3, r4, r5, r6, r7],
            wrapped,
        })
    }

    /// The key ID (Key Info bits 0 and 1).
    pub fn key_id(&self) -> u8 {
        (self.key_info & 0x03) as u8
    }

    /// The Key Length field: the GTK's length.
    pub fn key_len(&self) -> usize {
        usize::from(self.key_len)
    }

    /// The RSC, least significant octet first.
    pub fn rsc(&self) -> [u8; 8] {
        self.rsc
    }

    /// Unwraps the GTK with the KEK (AES Key Wrap, padding removed by the Key Length). A wrong
    /// KEK or a modified subelement is [`Error::UnwrapFailed`].
    pub fn unwrap(&self, kek: &Kek) -> Result<Gtk> {
        unwrap_key(kek, self.wrapped, self.key_len(), Gtk::from_bytes)
    }
}

/// An IGTK or BIGTK subelement of an FTE, as carried: key ID, packet number and the key wrapped
/// with the KEK.
///
/// ```
/// use ieee80211_keys::ft_elements::{FteBuilder, IntegritySubelement};
/// use ieee80211_keys::ft::Fte;
/// use ieee80211_keys::{Akm, Cipher, Igtk, Kek, Nonce, Suite};
///
/// # fn main() -> Result<(), ieee80211_keys::Error> {
/// let suite = Suite::new(Akm::FtPsk, Cipher::Ccmp128, 32)?;
/// let (kek, igtk, n) = (Kek::from_bytes(&[1; 16])?, Igtk::from_bytes(&[2; 16])?, Nonce::new([0; 32]));
/// let mut fte = [0u8; 255];
/// let len = FteBuilder::new(&suite, &n, &n)?.igtk(&kek, 5, [7, 0, 0, 0, 0, 0], &igtk).write(&mut fte)?;
/// let sub = Fte::parse(&suite, &fte[..len])?.igtk_subelement()?.unwrap();
/// assert_eq!((sub.key_id(), sub.pn()[0]), (5, 7));
/// assert_eq!(sub.unwrap_igtk(&kek)?.as_bytes(), igtk.as_bytes());
/// assert!(IntegritySubelement::parse(&[5, 0, 0, 0, 0, 0, 0, 0, 16], false).is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct IntegritySubelement<'a> {
    key_id: u16,
    pn: [u8; 6],
    key_len: u8,
    wrapped: &'a [u8],
}

impl<'a> IntegritySubelement<'a> {
    /// Reads an IGTK (`bigtk` false: key ID 4 or 5) or BIGTK (`bigtk` true: key ID 6 or 7)
    /// subelement's data: Key Length 16 or 32, Wrapped Key 8 octets longer.
    pub fn parse(data: &'a [u8], bigtk: bool) -> Result<IntegritySubelement<'a>> {
        let [short, len, id] = if bigtk {
            [
                "FTE BIGTK subelement shorter than 9 octets",
                "FTE BIGTK subelement: Key Length or Wrapped Key length is not valid",
                "FTE BIGTK subelement: key ID is not 6 or 7",
            ]
        } else {
            [
                "FTE IGTK subelement shorter than 9 octets",
                "FTE IGTK subelement: Key Length or Wrapped Key length is not valid",
                "FTE IGTK subelement: key ID is not 4 or 5",
            ]
        };
        let (&[k0, k1, p0, p1, p2, p3, p4, p5, key_len], wrapped) =
            data.split_first_chunk::<9>().ok_or(malformed(short))?;
        if !matches!(key_len, 16 | 32) || wrapped.len() != usize::from(key_len) + 8 {
            return Err(malformed(len));
        }
        let key_id = u16::from_le_bytes([k0, k1]);
        let first = if bigtk { 6 } else { 4 };
        if key_id != first && key_id != first + 1 {
            return Err(malformed(id));
        }
        Ok(IntegritySubelement { key_id, pn: [p0, p1, p2, p3, p4, p5], key_len, wrapped })
    }

    /// The key ID.
    pub fn key_id(&self) -> u16 {
        self.key_id
    }

    /// The IPN or BIPN, least significant octet first.
    pub fn pn(&self) -> [u8; 6] {
        self.pn
    }

    /// Unwraps an IGTK with the KEK.
    pub fn unwrap_igtk(&self, kek: &Kek) -> Result<Igtk> {
        unwrap_key(kek, self.wrapped, usize::from(self.key_len), Igtk::from_bytes)
    }

    /// Unwraps a BIGTK with the KEK.
    ///
    /// ```
    /// use ieee80211_keys::ft::Fte;
    /// use ieee80211_keys::ft_elements::FteBuilder;
    /// use ieee80211_keys::ptk::Bigtk;
    /// use ieee80211_keys::{Akm, Cipher, Kek, Nonce, Suite};
    ///
    /// // An FT Reassociation Response carries the BIGTK (key ID 6) wrapped with the KEK.
    /// let suite = Suite::new(Akm::FtPsk, Cipher::Ccmp128, 32)?;
    /// let (kek, bigtk) = (Kek::from_bytes(&[1; 16])?, Bigtk::from_bytes(&[3; 16])?);
    /// let n = Nonce::new([0; 32]);
    /// let mut fte = [0u8; 255];
    /// let builder = FteBuilder::new(&suite, &n, &n)?.bigtk(&kek, 6, [9, 0, 0, 0, 0, 0], &bigtk);
    /// let len = builder.write(&mut fte)?;
    /// let sub = Fte::parse(&suite, &fte[..len])?.bigtk_subelement()?.expect("a BIGTK subelement");
    /// assert_eq!((sub.key_id(), sub.pn()[0]), (6, 9));
    /// assert_eq!(sub.unwrap_bigtk(&kek)?.as_bytes(), bigtk.as_bytes());
    /// // Another KEK fails AES Key Wrap's integrity check.
    /// assert!(sub.unwrap_bigtk(&Kek::from_bytes(&[2; 16])?).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn unwrap_bigtk(&self, kek: &Kek) -> Result<Bigtk> {
        unwrap_key(kek, self.wrapped, usize::from(self.key_len), Bigtk::from_bytes)
    }
}

/// A Wrapped Key field must be a whole number of 8-octet blocks, 24 to 40 octets, holding at
/// least `key_len` octets after unwrapping.
fn check_wrapped(wrapped: &[u8], key_len: u8, reason: &'static str) -> Result<()> {
    let n = wrapped.len();
    if !n.is_multiple_of(8) || !(24..=40).contains(&n) || n - AES_WRAP_OVERHEAD < key_len.into() {
        return Err(malformed(reason));
    }
    Ok(())
}

/// Unwraps `wrapped` into a scratch buffer and makes a key of its first `key_len` octets.
fn unwrap_key<K>(
    kek: &Kek,
    wrapped: &[u8],
    key_len: usize,
    make: impl FnOnce(&[u8]) -> Result<K>,
) -> Result<K> {
    let mut buf = scratch::<40>();
    let n = keywrap::aes_unwrap(kek, wrapped, &mut buf.0)?;
    let key = buf.0.get(..key_len.min(n)).ok_or(Error::UnwrapFailed)?;
    make(key)
}

/// The padded length of a key before AES Key Wrap: a multiple of 8, at least 16 (hostap
/// `wpa_ft_gtk_subelem` pads with 0xdd then zeros).
const fn padded(len: usize) -> usize {
    if len < 16 {
        16
    } else {
        len.next_multiple_of(8)
    }
}

/// Wraps `key` (padded with 0xdd then zeros) into `out`; returns the wrapped length.
fn wrap_key(kek: &Kek, key: &[u8], out: &mut [u8]) -> Result<usize> {
    let mut buf = scratch::<40>();
    let p = padded(key.len());
    let plain = buf.0.get_mut(..p).ok_or(Error::InvalidLength { what: "key", len: key.len() })?;
    plain[..key.len()].copy_from_slice(key);
    if p > key.len() {
        plain[key.len()] = 0xdd;
    }
    keywrap::aes_wrap(kek, plain, out)
}

/// Views of an FTE's typed subelements.
impl<'a> Fte<'a> {
    /// The RSNXE Used bit of MIC Control (bit 0).
    pub fn rsnxe_used(&self) -> bool {
        self.mic_control()[0] & 1 != 0
    }

    /// The GTK subelement, if present.
    pub fn gtk_subelement(&self) -> Result<Option<GtkSubelement<'a>>> {
        self.subelement(subelement::GTK).map(GtkSubelement::parse).transpose()
    }

    /// The IGTK subelement, if present.
    pub fn igtk_subelement(&self) -> Result<Option<IntegritySubelement<'a>>> {
        self.subelement(subelement::IGTK).map(|d| IntegritySubelement::parse(d, false)).transpose()
    }

    /// The BIGTK subelement, if present.
    pub fn bigtk_subelement(&self) -> Result<Option<IntegritySubelement<'a>>> {
        self.subelement(subelement::BIGTK).map(|d| IntegritySubelement::parse(d, true)).transpose()
    }

    /// The OCI subelement, if present.
    pub fn oci(&self) -> Result<Option<Oci>> {
        self.subelement(subelement::OCI)
            .map(|d| Oci::parse(d).map_err(|_| malformed("FTE OCI subelement: not 3 octets")))
            .transpose()
    }
}

/// Builds an FTE into the caller's buffer, with its MIC field zero (compute and write the MIC
/// afterwards with [`crate::ft::fte_mic`] and [`crate::ft::write_fte_mic`], over the finished
/// elements). The MIC field is 16 octets, or 24 for the SHA-384 FT AKMs; the GTK, IGTK and
/// BIGTK are wrapped with the KEK as they are written.
///
/// ```
/// use ieee80211_keys::ft::Fte;
/// use ieee80211_keys::ft_elements::FteBuilder;
/// use ieee80211_keys::{Akm, Cipher, Nonce, R0khId, Suite};
///
/// # fn main() -> Result<(), ieee80211_keys::Error> {
/// let suite = Suite::new(Akm::FtIeee8021xSha384, Cipher::Ccmp128, 48)?;
/// // The station's FTE of FT Authentication: SNonce and R0KH-ID, a 24-octet MIC field (AKM 13).
/// let (zero, snonce) = (Nonce::new([0; 32]), Nonce::new([5; 32]));
/// let r0kh = R0khId::new(b"r0kh.example")?;
/// let mut out = [0u8; 255];
/// let n = FteBuilder::new(&suite, &zero, &snonce)?.r0kh_id(&r0kh).write(&mut out)?;
/// assert_eq!(n, 2 + 2 + 24 + 64 + 2 + 12);
/// assert_eq!(Fte::parse(&suite, &out[..n])?.r0kh_id(), Some(r0kh));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct FteBuilder<'a> {
    mic_len: usize,
    mic_control: [u8; 2],
    anonce: &'a Nonce,
    snonce: &'a Nonce,
    r1kh_id: Option<&'a R1khId>,
    r0kh_id: Option<&'a R0khId>,
    gtk: Option<(&'a Kek, u8, [u8; 8], &'a Gtk)>,
    igtk: Option<(&'a Kek, u16, [u8; 6], &'a Igtk)>,
    bigtk: Option<(&'a Kek, u16, [u8; 6], &'a Bigtk)>,
    oci: Option<Oci>,
}

impl fmt::Debug for FteBuilder<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FteBuilder")
            .field("mic_len", &self.mic_len)
            .field("mic_control", &self.mic_control)
            .field("r1kh_id", &self.r1kh_id)
            .field("r0kh_id", &self.r0kh_id)
            .field("gtk", &self.gtk.map(|g| g.1))
            .field("igtk", &self.igtk.map(|g| g.1))
            .field("bigtk", &self.bigtk.map(|g| g.1))
            .field("oci", &self.oci)
            .field("keys", &"redacted")
            .finish_non_exhaustive()
    }
}

impl<'a> FteBuilder<'a> {
    /// An FTE for the suite of an FT AKM (which fixes the MIC length), with the two nonces; a
    /// non-FT suite is an error. MIC Control's MIC Length subfield (bits 1 to 3) says the MIC
    /// length: 0 for 16 octets, 1 for 24, 2 for 32, as hostap writes it (`wpa_ft_gen_req_ies`)
    /// and reads it for FT-SAE-EXT-KEY (AKM 25), whose MIC length follows the PMK.
    pub fn new(suite: &Suite, anonce: &'a Nonce, snonce: &'a Nonce) -> Result<FteBuilder<'a>> {
        let mic_len = suite.fte_mic()?.mic_len();
        Ok(FteBuilder {
            mic_len,
            mic_control: [suite.fte_mic_len_subfield()? << 1, 0],
            anonce,
            snonce,
            r1kh_id: None,
            r0kh_id: None,
            gtk: None,
            igtk: None,
            bigtk: None,
            oci: None,
        })
    }

    /// The Element Count of MIC Control: how many elements the MIC covers.
    pub fn element_count(self, count: u8) -> Self {
        FteBuilder { mic_control: [self.mic_control[0], count], ..self }
    }

    /// The RSNXE Used bit of MIC Control.
    pub fn rsnxe_used(self, used: bool) -> Self {
        let c0 = (self.mic_control[0] & !1) | u8::from(used);
        FteBuilder { mic_control: [c0, self.mic_control[1]], ..self }
    }

    /// An R1KH-ID subelement.
    pub fn r1kh_id(self, id: &'a MacAddr) -> Self {
        FteBuilder { r1kh_id: Some(id), ..self }
    }

    /// An R0KH-ID subelement.
    pub fn r0kh_id(self, id: &'a R0khId) -> Self {
        FteBuilder { r0kh_id: Some(id), ..self }
    }

    /// A GTK subelement: key ID (0 to 3), RSC, the GTK wrapped with `kek`.
    pub fn gtk(self, kek: &'a Kek, key_id: u8, rsc: [u8; 8], gtk: &'a Gtk) -> Self {
        FteBuilder { gtk: Some((kek, key_id, rsc, gtk)), ..self }
    }

    /// An IGTK subelement: key ID (4 or 5), IPN, the IGTK wrapped with `kek`.
    pub fn igtk(self, kek: &'a Kek, key_id: u16, ipn: [u8; 6], igtk: &'a Igtk) -> Self {
        FteBuilder { igtk: Some((kek, key_id, ipn, igtk)), ..self }
    }

    /// A BIGTK subelement: key ID (6 or 7), BIPN, the BIGTK wrapped with `kek`.
    pub fn bigtk(self, kek: &'a Kek, key_id: u16, bipn: [u8; 6], bigtk: &'a Bigtk) -> Self {
        FteBuilder { bigtk: Some((kek, key_id, bipn, bigtk)), ..self }
    }

    /// An OCI subelement.
    pub fn oci(self, oci: Oci) -> Self {
        FteBuilder { oci: Some(oci), ..self }
    }

    /// Writes the FTE with its header into `out`; returns its length. A key ID out of its
    /// range is [`Error::Refused`]; an element over 255 octets and a short buffer are errors.
    pub fn write(&self, out: &mut [u8]) -> Result<usize> {
        let mut body = [0u8; 257];
        let mut at = 2;
        let mut put = |bytes: &[u8]| -> Result<()> {
            let end = at + bytes.len();
            body.get_mut(at..end)
                .ok_or(Error::InvalidLength { what: "FTE body", len: end - 2 })?
                .copy_from_slice(bytes);
            at = end;
            Ok(())
        };
        put(&self.mic_control)?;
        // The MIC field, zero until the MIC is written (up to 32 octets: FT-SAE-EXT-KEY).
        put(crate::crypto::mic::zeroed_field(self.mic_len))?;
        put(self.anonce.as_bytes())?;
        put(self.snonce.as_bytes())?;
        if let Some(id) = self.r1kh_id {
            put(&[subelement::R1KH_ID, 6])?;
            put(id.as_bytes())?;
        }
        if let Some(id) = self.r0kh_id {
            // 1 to 48 octets by its type.
            put(&[subelement::R0KH_ID, id.len() as u8])?;
            put(id.as_bytes())?;
        }
        let mut wrapped = scratch::<48>();
        if let Some((kek, key_id, rsc, gtk)) = self.gtk {
            if key_id > 3 {
                return Err(Error::Refused {
                    element: "FTE GTK subelement",
                    reason: "key ID is not 0 to 3",
                });
            }
            let n = wrap_key(kek, gtk.as_bytes(), &mut wrapped.0)?;
            put(&[subelement::GTK, (11 + n) as u8, key_id, 0, gtk.len() as u8])?;
            put(&rsc)?;
            put(&wrapped.0[..n])?;
        }
        for (sub, first, key) in [
            (subelement::IGTK, 4, self.igtk.map(|(k, id, pn, key)| (k, id, pn, key.as_bytes()))),
            (subelement::BIGTK, 6, self.bigtk.map(|(k, id, pn, key)| (k, id, pn, key.as_bytes()))),
        ] {
            if let Some((kek, key_id, pn, key)) = key {
                if key_id != first && key_id != first + 1 {
                    return Err(Error::Refused {
                        element: if first == 4 {
                            "FTE IGTK subelement"
                        } else {
                            "FTE BIGTK subelement"
                        },
                        reason: if first == 4 {
                            "key ID is not 4 or 5"
                        } else {
                            "key ID is not 6 or 7"
                        },
                    });
                }
                let n = wrap_key(kek, key, &mut wrapped.0)?;
                put(&[sub, (9 + n) as u8])?;
                put(&key_id.to_le_bytes())?;
                put(&pn)?;
                put(&[key.len() as u8])?;
                put(&wrapped.0[..n])?;
            }
        }
        if let Some(oci) = self.oci {
            put(&[subelement::OCI, 3])?;
            put(&oci.to_bytes())?;
        }
        let body_len = at - 2;
        if body_len > 255 {
            return Err(Error::InvalidLength { what: "FTE body", len: body_len });
        }
        body[0] = FTE_ID;
        body[1] = body_len as u8;
        let have = out.len();
        let dst = out.get_mut(..at).ok_or(Error::BufferSize { needed: at, len: have })?;
        dst.copy_from_slice(&body[..at]);
        Ok(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subelements_round_trip_in_both_mic_layouts() {
        let (anonce, snonce) = (Nonce::new([1; 32]), Nonce::new([2; 32]));
        let kek16 = Kek::from_bytes(&[3; 16]).unwrap();
        let kek32 = Kek::from_bytes(&[4; 32]).unwrap();
        let gtk = Gtk::from_bytes(&[5; 32]).unwrap();
        let igtk = Igtk::from_bytes(&[6; 16]).unwrap();
        let bigtk = Bigtk::from_bytes(&[7; 32]).unwrap();
        let r1 = MacAddr::new([2, 0, 0, 0, 0, 1]);
        let r0 = R0khId::new(b"r0").unwrap();
        for (akm, kek, mic_len) in
            [(crate::Akm::FtPsk, &kek16, 16), (crate::Akm::FtIeee8021xSha384, &kek32, 24)]
        {
            let mut out = [0u8; 300];
            let suite = Suite::new(akm, crate::Cipher::Ccmp128, akm.pmk_len()).unwrap();
            let n = FteBuilder::new(&suite, &anonce, &snonce)
                .unwrap()
                .element_count(3)
                .rsnxe_used(true)
                .r1kh_id(&r1)
                .r0kh_id(&r0)
                .gtk(kek, 2, [9; 8], &gtk)
                .igtk(kek, 5, [8; 6], &igtk)
                .bigtk(kek, 6, [7; 6], &bigtk)
                .oci(Oci::new(81, 6, 0))
                .write(&mut out)
                .unwrap();
            let fte = Fte::parse(&suite, &out[..n]).unwrap();
            assert_eq!(fte.mic().len(), mic_len);
            assert_eq!(fte.element_count(), 3);
            assert!(fte.rsnxe_used());
            assert_eq!(fte.r1kh_id(), Some(r1));
            assert_eq!(fte.r0kh_id(), Some(r0));
            let g = fte.gtk_subelement().unwrap().unwrap();
            assert_eq!((g.key_id(), g.rsc(), g.key_len()), (2, [9; 8], 32));
            assert_eq!(g.unwrap(kek).unwrap().as_bytes(), gtk.as_bytes());
            let i = fte.igtk_subelement().unwrap().unwrap();
            assert_eq!((i.key_id(), i.pn()), (5, [8; 6]));
            assert_eq!(i.unwrap_igtk(kek).unwrap().as_bytes(), igtk.as_bytes());
            let b = fte.bigtk_subelement().unwrap().unwrap();
            assert_eq!(b.unwrap_bigtk(kek).unwrap().as_bytes(), bigtk.as_bytes());
            assert_eq!(fte.oci(), Ok(Some(Oci::new(81, 6, 0))));
            let other = Kek::from_bytes(&[0x55; 16]).unwrap();
            if kek.len() == 16 {
                assert_eq!(g.unwrap(&other).err(), Some(Error::UnwrapFailed));
            }
        }
    }
}
