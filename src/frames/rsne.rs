//! The RSN element (RSNE, IEEE 802.11-2020 9.4.2.24), the RSN Extension element (RSNXE,
//! 9.4.2.241) and the WPA (v1) vendor element that carries the same fields before RSN: typed,
//! zero-copy parsing, building into the caller's buffer, and the checks an AP and a station
//! make on them.
//!
//! Selectors the crate does not know (a new AKM, a vendor cipher) are kept as [`Selector`]s,
//! never dropped, so that what is built from a parsed element is the element, octet for octet.
//!
//! ```
//! use ieee80211_keys::rsne::{RsnCapabilities, Rsne, Selector};
//! use ieee80211_keys::{Akm, Cipher, PmkId};
//!
//! # fn main() -> Result<(), ieee80211_keys::Error> {
//! // An AP's RSNE: CCMP-128, PSK or SAE, management frame protection capable.
//! let pairwise = [Selector::from(Cipher::Ccmp128)];
//! let akms = [Selector::from(Akm::Psk), Selector::from(Akm::Sae)];
//! let beacon = Rsne::new(Cipher::Ccmp128.into(), &pairwise, &akms)
//!     .with_capabilities(RsnCapabilities::from_bits(RsnCapabilities::MFPC));
//! let mut buf = [0u8; 64];
//! let n = beacon.write(&mut buf)?;
//! assert_eq!(&buf[..4], [48, n as u8 - 2, 1, 0]);
//!
//! // The station reads it back, picks SAE and names its cached PMK.
//! let ap = Rsne::parse(&buf[..n])?;
//! assert!(ap.akms().any(|a| a == Akm::Sae));
//! let pmkid = [PmkId::new([7; 16])];
//! let chosen = [Selector::from(Akm::Sae)];
//! let sta = Rsne::new(Cipher::Ccmp128.into(), &pairwise, &chosen)
//!     .with_capabilities(RsnCapabilities::from_bits(RsnCapabilities::MFPC))
//!     .with_pmkids(&pmkid);
//! let mut req = [0u8; 64];
//! let m = sta.write(&mut req)?;
//!
//! // The AP checks the station's choice against what it offered.
//! let choice = ap.check_choice(&Rsne::parse(&req[..m])?)?;
//! assert_eq!(choice.akm, Akm::Sae);
//! assert!(choice.mfp);
//! assert!(Rsne::parse(&req[..m])?.pmkids().contains(&PmkId::new([7; 16])));
//! # Ok(())
//! # }
//! ```

use core::fmt;

use subtle::{Choice, ConstantTimeEq};

use crate::error::{Error, Result};
use crate::suite::{Akm, Cipher, IEEE_OUI, WPA_OUI};
use crate::types::PmkId;

/// Element ID of the RSNE (9.4.2.24).
pub const RSNE_ID: u8 = 48;
/// Element ID of the RSNXE (9.4.2.241).
pub const RSNXE_ID: u8 = 244;
/// Element ID of a vendor-specific element (9.4.2.25), such as the WPA element.
pub const VENDOR_SPECIFIC_ID: u8 = 221;
/// The OUI type of the WPA element under the Microsoft OUI 00-50-F2.
pub const WPA_OUI_TYPE: u8 = 1;
/// The only RSNE and WPA element version (9.4.2.24.1).
pub const VERSION: u16 = 1;

fn malformed(reason: &'static str) -> Error {
    Error::MalformedElement { reason }
}

/// A 4-octet suite selector (OUI and suite type), known to the crate or not.
///
/// ```
/// use ieee80211_keys::rsne::Selector;
/// use ieee80211_keys::{Akm, Cipher};
///
/// let s = Selector::new([0x00, 0x0f, 0xac, 8]);
/// assert_eq!(s, Akm::Sae);
/// assert_eq!(s.akm(), Some(Akm::Sae));
/// assert_eq!(Selector::from(Cipher::Gcmp256).to_string(), "00-0f-ac:9");
/// // A selector the crate does not know is kept as it is.
/// let vendor = Selector::new([0x00, 0x14, 0x72, 1]);
/// assert_eq!((vendor.akm(), vendor.cipher()), (None, None));
/// assert_eq!(vendor.oui(), [0x00, 0x14, 0x72]);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Selector([u8; 4]);

impl Selector {
    /// 00-0F-AC:0 as group data cipher: "use the group cipher suite" (no pairwise cipher).
    pub const USE_GROUP_CIPHER: Selector = Selector::ieee(0);
    /// 00-0F-AC:6, BIP-CMAC-128: the default group management cipher.
    pub const BIP_CMAC_128: Selector = Selector::ieee(6);
    /// 00-0F-AC:7, group addressed traffic not allowed.
    pub const GROUP_ADDRESSED_NOT_ALLOWED: Selector = Selector::ieee(7);
    /// 00-0F-AC:11, BIP-GMAC-128.
    pub const BIP_GMAC_128: Selector = Selector::ieee(11);
    /// 00-0F-AC:12, BIP-GMAC-256.
    pub const BIP_GMAC_256: Selector = Selector::ieee(12);
    /// 00-0F-AC:13, BIP-CMAC-256.
    pub const BIP_CMAC_256: Selector = Selector::ieee(13);
    /// 00-50-F2:1, WPA (v1) 802.1X.
    pub const WPA_IEEE8021X: Selector = Selector::wpa(1);
    /// 00-50-F2:2, WPA (v1) PSK as AKM, TKIP as cipher.
    pub const WPA_PSK_OR_TKIP: Selector = Selector::wpa(2);
    /// 00-50-F2:4, WPA (v1) CCMP.
    pub const WPA_CCMP: Selector = Selector::wpa(4);

    const fn ieee(t: u8) -> Selector {
        Selector([IEEE_OUI[0], IEEE_OUI[1], IEEE_OUI[2], t])
    }

    const fn wpa(t: u8) -> Selector {
        Selector([WPA_OUI[0], WPA_OUI[1], WPA_OUI[2], t])
    }

    /// Wraps the four octets, as carried in the element.
    pub const fn new(bytes: [u8; 4]) -> Selector {
        Selector(bytes)
    }

    /// The four octets.
    pub const fn as_bytes(&self) -> &[u8; 4] {
        &self.0
    }

    /// The OUI (or CID).
    pub const fn oui(&self) -> [u8; 3] {
        [self.0[0], self.0[1], self.0[2]]
    }

    /// The suite type.
    pub const fn suite_type(&self) -> u8 {
        self.0[3]
    }

    /// The AKM, when the crate knows the selector as one (RSN, WPA and CCKM forms).
    pub fn akm(self) -> Option<Akm> {
        Akm::from_selector(&self.0).ok()
    }

    /// The cipher, when the crate knows the selector as one (RSN and WPA forms).
    pub fn cipher(self) -> Option<Cipher> {
        Cipher::from_selector(&self.0).ok()
    }
}

impl From<Akm> for Selector {
    fn from(akm: Akm) -> Selector {
        Selector(akm.selector())
    }
}

impl From<Cipher> for Selector {
    fn from(cipher: Cipher) -> Selector {
        Selector(cipher.selector())
    }
}

/// Whether the selector is this AKM, in any of its forms (e.g. WPA's 00-50-F2:2 is PSK).
impl PartialEq<Akm> for Selector {
    fn eq(&self, akm: &Akm) -> bool {
        self.akm() == Some(*akm)
    }
}

/// Whether the selector is this cipher, in any of its forms (e.g. WPA's 00-50-F2:4 is CCMP).
impl PartialEq<Cipher> for Selector {
    fn eq(&self, cipher: &Cipher) -> bool {
        self.cipher() == Some(*cipher)
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.0;
        write!(f, "{:02x}-{:02x}-{:02x}:{}", s[0], s[1], s[2], s[3])
    }
}

impl fmt::Debug for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Selector({self})")
    }
}

/// A list of selectors: borrowed from a parsed element, or from the caller's `[Selector]`.
///
/// ```
/// use ieee80211_keys::rsne::{Selector, Selectors};
/// use ieee80211_keys::Akm;
///
/// let list = [Selector::from(Akm::Psk), Selector::from(Akm::FtPsk)];
/// let akms = Selectors::from(&list[..]);
/// assert_eq!(akms.len(), 2);
/// assert!(akms.contains(Akm::FtPsk.into()));
/// ```
#[derive(Clone, Copy)]
pub struct Selectors<'a>(SelectorsInner<'a>);

#[derive(Clone, Copy)]
enum SelectorsInner<'a> {
    Wire(&'a [[u8; 4]]),
    Typed(&'a [Selector]),
}

impl<'a> Selectors<'a> {
    /// The number of selectors.
    pub fn len(&self) -> usize {
        match self.0 {
            SelectorsInner::Wire(w) => w.len(),
            SelectorsInner::Typed(t) => t.len(),
        }
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The selectors, in order.
    pub fn iter(&self) -> impl Iterator<Item = Selector> + 'a {
        let (wire, typed) = match self.0 {
            SelectorsInner::Wire(w) => (w, &[][..]),
            SelectorsInner::Typed(t) => (&[][..], t),
        };
        wire.iter().map(|s| Selector(*s)).chain(typed.iter().copied())
    }

    /// Whether the list holds `selector`.
    pub fn contains(&self, selector: Selector) -> bool {
        self.iter().any(|s| s == selector)
    }

    /// The only selector of a one-entry list (what a station's choice must be).
    pub fn only(&self) -> Option<Selector> {
        let mut it = self.iter();
        match (it.next(), it.next()) {
            (Some(s), None) => Some(s),
            _ => None,
        }
    }
}

impl<'a> From<&'a [Selector]> for Selectors<'a> {
    fn from(list: &'a [Selector]) -> Selectors<'a> {
        Selectors(SelectorsInner::Typed(list))
    }
}

impl fmt::Debug for Selectors<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A PMKID list: borrowed from a parsed element, or from the caller's `[PmkId]`.
///
/// ```
/// use ieee80211_keys::rsne::PmkIds;
/// use ieee80211_keys::PmkId;
///
/// let cached = [PmkId::new([1; 16]), PmkId::new([2; 16])];
/// let list = PmkIds::from(&cached[..]);
/// assert!(list.contains(&PmkId::new([2; 16])));
/// assert!(!list.contains(&PmkId::new([3; 16])));
/// ```
#[derive(Clone, Copy)]
pub struct PmkIds<'a>(PmkIdsInner<'a>);

#[derive(Clone, Copy)]
enum PmkIdsInner<'a> {
    Wire(&'a [[u8; 16]]),
    Typed(&'a [PmkId]),
}

impl<'a> PmkIds<'a> {
    /// The number of PMKIDs.
    pub fn len(&self) -> usize {
        match self.0 {
            PmkIdsInner::Wire(w) => w.len(),
            PmkIdsInner::Typed(t) => t.len(),
        }
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The PMKIDs, in order.
    pub fn iter(&self) -> impl Iterator<Item = PmkId> + 'a {
        let (wire, typed) = match self.0 {
            PmkIdsInner::Wire(w) => (w, &[][..]),
            PmkIdsInner::Typed(t) => (&[][..], t),
        };
        wire.iter().map(|p| PmkId::new(*p)).chain(typed.iter().copied())
    }

    /// Whether `pmkid` is in the list. Every entry is compared, each in constant time: the time
    /// taken tells only the length of the list.
    pub fn contains(&self, pmkid: &PmkId) -> bool {
        let mut found = Choice::from(0);
        for p in self.iter() {
            found |= p.ct_eq(pmkid);
        }
        found.into()
    }
}

impl<'a> From<&'a [PmkId]> for PmkIds<'a> {
    fn from(list: &'a [PmkId]) -> PmkIds<'a> {
        PmkIds(PmkIdsInner::Typed(list))
    }
}

impl fmt::Debug for PmkIds<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The number of replay counters each value of a 2-bit Replay Counter subfield means.
const REPLAY_COUNTERS: [u8; 4] = [1, 2, 4, 16];

/// The RSN Capabilities field (9.4.2.24.4), every defined bit.
///
/// ```
/// use ieee80211_keys::rsne::RsnCapabilities;
///
/// let caps = RsnCapabilities::from_bits(0x00cc); // MFPR, MFPC, 16 PTKSA replay counters
/// assert!(caps.mfpr() && caps.mfpc() && !caps.ocvc());
/// assert_eq!(caps.ptksa_replay_counters(), 16);
/// assert_eq!(caps.gtksa_replay_counters(), 1);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RsnCapabilities(u16);

impl RsnCapabilities {
    /// Bit 0: Preauthentication.
    pub const PREAUTH: u16 = 1 << 0;
    /// Bit 1: No Pairwise.
    pub const NO_PAIRWISE: u16 = 1 << 1;
    /// Bits 2 and 3: PTKSA Replay Counter (1, 2, 4 or 16 counters).
    pub const PTKSA_REPLAY_COUNTER_MASK: u16 = 0b11 << 2;
    /// Bits 4 and 5: GTKSA Replay Counter.
    pub const GTKSA_REPLAY_COUNTER_MASK: u16 = 0b11 << 4;
    /// Bit 6: Management Frame Protection Required.
    pub const MFPR: u16 = 1 << 6;
    /// Bit 7: Management Frame Protection Capable.
    pub const MFPC: u16 = 1 << 7;
    /// Bit 8: Joint Multi-Band RSNA.
    pub const JOINT_MULTI_BAND_RSNA: u16 = 1 << 8;
    /// Bit 9: PeerKey Enabled.
    pub const PEERKEY_ENABLED: u16 = 1 << 9;
    /// Bit 10: SPP A-MSDU Capable.
    pub const SPP_AMSDU_CAPABLE: u16 = 1 << 10;
    /// Bit 11: SPP A-MSDU Required.
    pub const SPP_AMSDU_REQUIRED: u16 = 1 << 11;
    /// Bit 12: PBAC (protected block ack agreement capable).
    pub const PBAC: u16 = 1 << 12;
    /// Bit 13: Extended Key ID for Individually Addressed Frames.
    pub const EXTENDED_KEY_ID: u16 = 1 << 13;
    /// Bit 14: OCVC (operating channel validation capable).
    pub const OCVC: u16 = 1 << 14;

    /// Wraps the 16 bits (little-endian on the air).
    pub const fn from_bits(bits: u16) -> RsnCapabilities {
        RsnCapabilities(bits)
    }

    /// The 16 bits.
    pub const fn bits(self) -> u16 {
        self.0
    }

    const fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }

    /// Preauthentication.
    pub const fn preauth(self) -> bool {
        self.has(Self::PREAUTH)
    }

    /// No Pairwise.
    pub const fn no_pairwise(self) -> bool {
        self.has(Self::NO_PAIRWISE)
    }

    /// The number of PTKSA replay counters: 1, 2, 4 or 16.
    pub const fn ptksa_replay_counters(self) -> u8 {
        REPLAY_COUNTERS[((self.0 & Self::PTKSA_REPLAY_COUNTER_MASK) >> 2) as usize]
    }

    /// The number of GTKSA replay counters: 1, 2, 4 or 16.
    pub const fn gtksa_replay_counters(self) -> u8 {
        REPLAY_COUNTERS[((self.0 & Self::GTKSA_REPLAY_COUNTER_MASK) >> 4) as usize]
    }

    /// Management Frame Protection Required.
    pub const fn mfpr(self) -> bool {
        self.has(Self::MFPR)
    }

    /// Management Frame Protection Capable.
    pub const fn mfpc(self) -> bool {
        self.has(Self::MFPC)
    }

    /// Joint Multi-Band RSNA.
    pub const fn joint_multi_band_rsna(self) -> bool {
        self.has(Self::JOINT_MULTI_BAND_RSNA)
    }

    /// PeerKey Enabled.
    pub const fn peerkey_enabled(self) -> bool {
        self.has(Self::PEERKEY_ENABLED)
    }

    /// SPP A-MSDU Capable.
    pub const fn spp_amsdu_capable(self) -> bool {
        self.has(Self::SPP_AMSDU_CAPABLE)
    }

    /// SPP A-MSDU Required.
    pub const fn spp_amsdu_required(self) -> bool {
        self.has(Self::SPP_AMSDU_REQUIRED)
    }

    /// PBAC.
    pub const fn pbac(self) -> bool {
        self.has(Self::PBAC)
    }

    /// Extended Key ID for Individually Addressed Frames.
    pub const fn extended_key_id(self) -> bool {
        self.has(Self::EXTENDED_KEY_ID)
    }

    /// Operating channel validation capable.
    pub const fn ocvc(self) -> bool {
        self.has(Self::OCVC)
    }
}

impl fmt::Debug for RsnCapabilities {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RsnCapabilities({:#06x}", self.0)?;
        let flags = [
            (self.preauth(), "preauth"),
            (self.no_pairwise(), "no-pairwise"),
            (self.mfpr(), "MFPR"),
            (self.mfpc(), "MFPC"),
            (self.joint_multi_band_rsna(), "joint-multi-band"),
            (self.peerkey_enabled(), "peerkey"),
            (self.spp_amsdu_capable(), "SPP-A-MSDU-capable"),
            (self.spp_amsdu_required(), "SPP-A-MSDU-required"),
            (self.pbac(), "PBAC"),
            (self.extended_key_id(), "extended-key-ID"),
            (self.ocvc(), "OCVC"),
        ];
        for (_, name) in flags.iter().filter(|(set, _)| *set) {
            write!(f, " {name}")?;
        }
        write!(f, ")")
    }
}

/// Which element carries the RSN fields.
///
/// ```
/// use ieee80211_keys::rsne::{RsnElementKind, Rsne};
///
/// // hostap's WPA (v1) element: TKIP group and pairwise, PSK.
/// let wpa = [221, 22, 0, 0x50, 0xf2, 1, 1, 0, 0, 0x50, 0xf2, 2, 1, 0, 0, 0x50, 0xf2, 2, 1, 0, 0, 0x50, 0xf2, 2];
/// assert_eq!(Rsne::parse_wpa(&wpa)?.kind(), RsnElementKind::Wpa);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RsnElementKind {
    /// The RSNE, element ID 48.
    Rsne,
    /// The WPA (v1) vendor element: ID 221, 00-50-F2 type 1. It has no PMKID list and no
    /// group management cipher.
    Wpa,
}

/// The fields of an RSNE (or of the WPA element), borrowed from the element or from the
/// caller (9.4.2.24.1):
///
/// ```text
/// Version(2) | Group Data Cipher(4) | Pairwise Count(2) | Pairwise List(4n) | AKM Count(2) |
/// AKM List(4m) | RSN Capabilities(2) | PMKID Count(2) | PMKID List(16s) | Group Mgmt Cipher(4)
/// ```
///
/// Every field after the version may be absent, but only from the end; the value remembers
/// which were present, and any octets after the last field it knows (a later amendment's), so
/// that [`Rsne::write`] rebuilds a parsed element octet for octet.
///
/// ```
/// use ieee80211_keys::rsne::Rsne;
/// use ieee80211_keys::{Akm, Cipher};
///
/// // A WPA2-PSK AP's RSNE, as in a Beacon.
/// let e = [48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0x0c, 0];
/// let rsne = Rsne::parse(&e)?;
/// assert!(rsne.offers(Akm::Psk, Cipher::Ccmp128));
/// assert_eq!(rsne.capabilities().unwrap().ptksa_replay_counters(), 16);
/// let mut out = [0u8; 22];
/// assert_eq!(rsne.write(&mut out)?, 22);
/// assert_eq!(out, e);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Rsne<'a> {
    kind: RsnElementKind,
    version: u16,
    group_data_cipher: Option<Selector>,
    pairwise_ciphers: Option<Selectors<'a>>,
    akms: Option<Selectors<'a>>,
    capabilities: Option<RsnCapabilities>,
    pmkids: Option<PmkIds<'a>>,
    group_management_cipher: Option<Selector>,
    extension: &'a [u8],
}

/// A field's octets from the front of `rest`, or a malformed-element error.
fn take<'a>(rest: &mut &'a [u8], n: usize, reason: &'static str) -> Result<&'a [u8]> {
    let (now, later) = rest.split_at_checked(n).ok_or(malformed(reason))?;
    *rest = later;
    Ok(now)
}

fn take_array<const N: usize>(rest: &mut &[u8], reason: &'static str) -> Result<[u8; N]> {
    let (now, later) = rest.split_first_chunk::<N>().ok_or(malformed(reason))?;
    *rest = later;
    Ok(*now)
}

/// A counted list of `N`-octet entries.
fn take_list<'a, const N: usize>(
    rest: &mut &'a [u8],
    count_reason: &'static str,
    list_reason: &'static str,
) -> Result<&'a [[u8; N]]> {
    let count = u16::from_le_bytes(take_array::<2>(rest, count_reason)?);
    let octets = take(rest, usize::from(count) * N, list_reason)?;
    let (list, none) = octets.as_chunks::<N>();
    debug_assert!(none.is_empty());
    Ok(list)
}

/// The body of an element with the given ID, after checking its header.
pub(crate) fn element_body<'a>(
    bytes: &'a [u8],
    id: u8,
    reason_id: &'static str,
    reason_len: &'static str,
) -> Result<&'a [u8]> {
    let [got, len, body @ ..] = bytes else {
        return Err(malformed(reason_len));
    };
    if *got != id {
        return Err(malformed(reason_id));
    }
    if usize::from(*len) != body.len() {
        return Err(malformed(reason_len));
    }
    Ok(body)
}

impl<'a> Rsne<'a> {
    /// An RSNE with the version, group data cipher, pairwise cipher list and AKM list; add the
    /// later fields with the `with_` methods.
    pub fn new(
        group_data_cipher: Selector,
        pairwise_ciphers: &'a [Selector],
        akms: &'a [Selector],
    ) -> Rsne<'a> {
        Rsne {
            kind: RsnElementKind::Rsne,
            version: VERSION,
            group_data_cipher: Some(group_data_cipher),
            pairwise_ciphers: Some(pairwise_ciphers.into()),
            akms: Some(akms.into()),
            capabilities: None,
            pmkids: None,
            group_management_cipher: None,
            extension: &[],
        }
    }

    /// A WPA (v1) element with these fields (WPA selectors, e.g. [`Selector::WPA_CCMP`]).
    ///
    /// ```
    /// use ieee80211_keys::rsne::{Rsne, Selector};
    ///
    /// // WPA-PSK with CCMP, as a WPA (v1) vendor element: 221, OUI 00-50-F2, type 1, version 1.
    /// let (pairwise, akms) = ([Selector::WPA_CCMP], [Selector::WPA_PSK_OR_TKIP]);
    /// let wpa = Rsne::new_wpa(Selector::WPA_CCMP, &pairwise, &akms);
    /// let mut out = [0u8; 32];
    /// let n = wpa.write(&mut out)?;
    /// assert_eq!(out[..n], [221, 22, 0x00, 0x50, 0xf2, 1, 1, 0, 0x00, 0x50, 0xf2, 4, 1, 0,
    ///     0x00, 0x50, 0xf2, 4, 1, 0, 0x00, 0x50, 0xf2, 2]);
    /// let parsed = Rsne::parse_wpa(&out[..n])?;
    /// assert!(parsed.offers(ieee80211_keys::Akm::Psk, ieee80211_keys::Cipher::Ccmp128));
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn new_wpa(
        group_data_cipher: Selector,
        pairwise_ciphers: &'a [Selector],
        akms: &'a [Selector],
    ) -> Rsne<'a> {
        Rsne { kind: RsnElementKind::Wpa, ..Rsne::new(group_data_cipher, pairwise_ciphers, akms) }
    }

    /// Adds the RSN Capabilities field.
    pub fn with_capabilities(self, capabilities: RsnCapabilities) -> Rsne<'a> {
        Rsne { capabilities: Some(capabilities), ..self }
    }

    /// Adds the PMKID list (and a zero RSN Capabilities field before it, if there was none).
    pub fn with_pmkids(self, pmkids: &'a [PmkId]) -> Rsne<'a> {
        let capabilities = Some(self.capabilities.unwrap_or_default());
        Rsne { capabilities, pmkids: Some(pmkids.into()), ..self }
    }

    /// Adds the group management cipher (and an empty PMKID list and zero capabilities before
    /// it, if there were none).
    ///
    /// ```
    /// use ieee80211_keys::rsne::{Rsne, Selector};
    /// use ieee80211_keys::{Akm, Cipher};
    ///
    /// // WPA3-Personal with BIP-CMAC-256: the empty PMKID list and zero capabilities come first.
    /// let (p, a) = ([Selector::from(Cipher::Ccmp128)], [Selector::from(Akm::Sae)]);
    /// let rsne = Rsne::new(Cipher::Ccmp128.into(), &p, &a)
    ///     .with_group_management_cipher(Selector::BIP_CMAC_256);
    /// let mut out = [0u8; 40];
    /// let n = rsne.write(&mut out)?;
    /// assert_eq!(out[20..n], [0, 0, 0, 0, 0x00, 0x0f, 0xac, 13]); // capabilities, count 0, BIP
    /// assert_eq!(Rsne::parse(&out[..n])?.group_management_cipher(), Some(Selector::BIP_CMAC_256));
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn with_group_management_cipher(self, cipher: Selector) -> Rsne<'a> {
        let capabilities = Some(self.capabilities.unwrap_or_default());
        let pmkids = Some(self.pmkids.unwrap_or(PmkIds(PmkIdsInner::Typed(&[]))));
        Rsne { capabilities, pmkids, group_management_cipher: Some(cipher), ..self }
    }

    /// Parses an RSNE (with its 2-octet header). The version must be 1; a count whose list
    /// overruns the element, and a field cut short, are errors. Fields absent from the end are
    /// absent here; octets after the group management cipher are kept
    /// ([`Rsne::extension`]).
    pub fn parse(element: &'a [u8]) -> Result<Rsne<'a>> {
        let body = element_body(
            element,
            RSNE_ID,
            "RSNE: element ID is not 48",
            "RSNE: length octet does not match the element's size",
        )?;
        Rsne::parse_fields(RsnElementKind::Rsne, body)
    }

    /// Parses a WPA (v1) element: ID 221, OUI 00-50-F2, type 1, then the RSNE's fields up to the
    /// capabilities.
    pub fn parse_wpa(element: &'a [u8]) -> Result<Rsne<'a>> {
        let body = element_body(
            element,
            VENDOR_SPECIFIC_ID,
            "WPA element: element ID is not 221",
            "WPA element: length octet does not match the element's size",
        )?;
        let (oui_type, fields) =
            body.split_first_chunk::<4>().ok_or(malformed("WPA element: shorter than its OUI"))?;
        if *oui_type != [WPA_OUI[0], WPA_OUI[1], WPA_OUI[2], WPA_OUI_TYPE] {
            return Err(malformed("WPA element: OUI and type are not 00-50-F2:1"));
        }
        Rsne::parse_fields(RsnElementKind::Wpa, fields)
    }

    fn parse_fields(kind: RsnElementKind, mut rest: &'a [u8]) -> Result<Rsne<'a>> {
        let (what_version, what_group, pc, pl, ac, al, caps) = match kind {
            RsnElementKind::Rsne => (
                "RSNE: shorter than its version field",
                "RSNE: group data cipher cut short",
                "RSNE: pairwise cipher count cut short",
                "RSNE: pairwise cipher list overruns the element",
                "RSNE: AKM count cut short",
                "RSNE: AKM list overruns the element",
                "RSNE: RSN Capabilities cut short",
            ),
            RsnElementKind::Wpa => (
                "WPA element: shorter than its version field",
                "WPA element: group data cipher cut short",
                "WPA element: pairwise cipher count cut short",
                "WPA element: pairwise cipher list overruns the element",
                "WPA element: AKM count cut short",
                "WPA element: AKM list overruns the element",
                "WPA element: capabilities cut short",
            ),
        };
        let version = u16::from_le_bytes(take_array::<2>(&mut rest, what_version)?);
        if version != VERSION {
            return Err(malformed(match kind {
                RsnElementKind::Rsne => "RSNE: version is not 1",
                RsnElementKind::Wpa => "WPA element: version is not 1",
            }));
        }
        let mut rsne = Rsne {
            kind,
            version,
            group_data_cipher: None,
            pairwise_ciphers: None,
            akms: None,
            capabilities: None,
            pmkids: None,
            group_management_cipher: None,
            extension: &[],
        };
        // Each field is read only when octets remain (9.4.2.24.1: fields are omitted from the
        // end only).
        if !rest.is_empty() {
            rsne.group_data_cipher = Some(Selector(take_array::<4>(&mut rest, what_group)?));
        }
        if !rest.is_empty() {
            let list = take_list::<4>(&mut rest, pc, pl)?;
            rsne.pairwise_ciphers = Some(Selectors(SelectorsInner::Wire(list)));
        }
        if !rest.is_empty() {
            let list = take_list::<4>(&mut rest, ac, al)?;
            rsne.akms = Some(Selectors(SelectorsInner::Wire(list)));
        }
        if !rest.is_empty() {
            let bits = u16::from_le_bytes(take_array::<2>(&mut rest, caps)?);
            rsne.capabilities = Some(RsnCapabilities(bits));
        }
        if kind == RsnElementKind::Rsne {
            if !rest.is_empty() {
                let list = take_list::<16>(
                    &mut rest,
                    "RSNE: PMKID count cut short",
                    "RSNE: PMKID list overruns the element",
                )?;
                rsne.pmkids = Some(PmkIds(PmkIdsInner::Wire(list)));
            }
            if !rest.is_empty() {
                let s = take_array::<4>(&mut rest, "RSNE: group management cipher cut short")?;
                rsne.group_management_cipher = Some(Selector(s));
            }
        }
        rsne.extension = rest;
        Ok(rsne)
    }

    /// Which element this is.
    pub fn kind(&self) -> RsnElementKind {
        self.kind
    }

    /// The version (always 1 once parsed).
    pub fn version(&self) -> u16 {
        self.version
    }

    /// The group data cipher as carried, `None` when absent.
    pub fn group_data_cipher(&self) -> Option<Selector> {
        self.group_data_cipher
    }

    /// The group data cipher in force: as carried, or CCMP-128 for an RSNE without one and TKIP
    /// for a WPA element without one (9.4.2.24.1 defaults).
    pub fn group_data_cipher_or_default(&self) -> Selector {
        self.group_data_cipher.unwrap_or(match self.kind {
            RsnElementKind::Rsne => Cipher::Ccmp128.into(),
            RsnElementKind::Wpa => Selector::WPA_PSK_OR_TKIP,
        })
    }

    /// The default pairwise cipher of an element without the list: CCMP-128 (RSNE), TKIP (WPA).
    fn default_pairwise(&self) -> Selector {
        match self.kind {
            RsnElementKind::Rsne => Cipher::Ccmp128.into(),
            RsnElementKind::Wpa => Selector::WPA_PSK_OR_TKIP,
        }
    }

    /// The default AKM of an element without the list: 802.1X.
    fn default_akm(&self) -> Selector {
        match self.kind {
            RsnElementKind::Rsne => Akm::Ieee8021x.into(),
            RsnElementKind::Wpa => Selector::WPA_IEEE8021X,
        }
    }

    /// The pairwise cipher list as carried, `None` when absent.
    pub fn pairwise_cipher_list(&self) -> Option<Selectors<'a>> {
        self.pairwise_ciphers
    }

    /// The pairwise ciphers (none when the list is absent).
    pub fn pairwise_ciphers(&self) -> impl Iterator<Item = Selector> + 'a {
        self.pairwise_ciphers.into_iter().flat_map(|l| l.iter())
    }

    /// The AKM list as carried, `None` when absent.
    pub fn akm_list(&self) -> Option<Selectors<'a>> {
        self.akms
    }

    /// The AKMs (none when the list is absent).
    pub fn akms(&self) -> impl Iterator<Item = Selector> + 'a {
        self.akms.into_iter().flat_map(|l| l.iter())
    }

    /// The RSN Capabilities as carried, `None` when absent.
    pub fn capabilities(&self) -> Option<RsnCapabilities> {
        self.capabilities
    }

    /// The PMKID list; empty when absent.
    pub fn pmkids(&self) -> PmkIds<'a> {
        self.pmkids.unwrap_or(PmkIds(PmkIdsInner::Typed(&[])))
    }

    /// Whether the element carries a PMKID Count field.
    pub fn has_pmkid_count(&self) -> bool {
        self.pmkids.is_some()
    }

    /// The group management cipher as carried, `None` when absent.
    pub fn group_management_cipher(&self) -> Option<Selector> {
        self.group_management_cipher
    }

    /// The octets after the last field the crate knows, as carried.
    pub fn extension(&self) -> &'a [u8] {
        self.extension
    }

    /// The element's length with its header.
    pub fn len(&self) -> usize {
        let list = |n: usize| 2 + 4 * n;
        2 + match self.kind {
            RsnElementKind::Rsne => 0,
            RsnElementKind::Wpa => 4,
        } + 2
            + self.group_data_cipher.map_or(0, |_| 4)
            + self.pairwise_ciphers.map_or(0, |l| list(l.len()))
            + self.akms.map_or(0, |l| list(l.len()))
            + self.capabilities.map_or(0, |_| 2)
            + self.pmkids.map_or(0, |l| 2 + 16 * l.len())
            + self.group_management_cipher.map_or(0, |_| 4)
            + self.extension.len()
    }

    /// Never: an element has at least its header and version.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Writes the element, header included, into `out`; returns its length. A buffer too short
    /// is [`Error::BufferSize`] naming the length needed; a body over 255 octets, a WPA
    /// element with a PMKID list or group management cipher, and a list of more than 65535
    /// entries are errors.
    pub fn write(&self, out: &mut [u8]) -> Result<usize> {
        let len = self.len();
        if len - 2 > 255 {
            return Err(Error::InvalidLength { what: "RSNE body", len: len - 2 });
        }
        if self.kind == RsnElementKind::Wpa
            && (self.pmkids.is_some() || self.group_management_cipher.is_some())
        {
            return Err(Error::Unsupported {
                what: "a WPA element with a PMKID list or a group management cipher",
            });
        }
        let have = out.len();
        let out = out.get_mut(..len).ok_or(Error::BufferSize { needed: len, len: have })?;
        let mut w = Writer { out, at: 0 };
        match self.kind {
            RsnElementKind::Rsne => w.put(&[RSNE_ID, (len - 2) as u8]),
            RsnElementKind::Wpa => w.put(&[
                VENDOR_SPECIFIC_ID,
                (len - 2) as u8,
                WPA_OUI[0],
                WPA_OUI[1],
                WPA_OUI[2],
                WPA_OUI_TYPE,
            ]),
        }
        w.put(&self.version.to_le_bytes());
        if let Some(g) = self.group_data_cipher {
            w.put(&g.0);
        }
        for list in [self.pairwise_ciphers, self.akms].into_iter().flatten() {
            // At most 255 octets in all: the count fits in 16 bits.
            w.put(&(list.len() as u16).to_le_bytes());
            list.iter().for_each(|s| w.put(&s.0));
        }
        if let Some(c) = self.capabilities {
            w.put(&c.0.to_le_bytes());
        }
        if let Some(list) = self.pmkids {
            w.put(&(list.len() as u16).to_le_bytes());
            list.iter().for_each(|p| w.put(p.as_bytes()));
        }
        if let Some(g) = self.group_management_cipher {
            w.put(&g.0);
        }
        w.put(self.extension);
        Ok(len)
    }

    /// The AP's check of a station's RSNE in its (Re)Association Request, with `self` the RSNE
    /// the AP advertises (12.6.3): exactly one pairwise cipher and one AKM, each from the AP's
    /// lists; the AP's group data cipher; management frame protection required by one side only
    /// when the other is capable of it (12.6.3, MFPR/MFPC); the AP's group
    /// management cipher when the station names one. Returns what was negotiated.
    pub fn check_choice(&self, station: &Rsne<'_>) -> Result<Negotiated> {
        let refuse = |reason| Error::Refused { element: "RSNE", reason };
        let pairwise = match station.pairwise_cipher_list() {
            Some(list) => {
                list.only().ok_or(refuse("the station names other than one pairwise cipher"))?
            }
            None => station.default_pairwise(),
        };
        if !self.pairwise_ciphers().any(|s| s == pairwise) {
            return Err(refuse("the station's pairwise cipher is not one the AP offers"));
        }
        let akm = match station.akm_list() {
            Some(list) => list.only().ok_or(refuse("the station names other than one AKM"))?,
            None => station.default_akm(),
        };
        if !self.akms().any(|s| s == akm) {
            return Err(refuse("the station's AKM is not one the AP offers"));
        }
        let group = self.group_data_cipher_or_default();
        if station.group_data_cipher_or_default() != group {
            return Err(refuse("the station's group data cipher is not the AP's"));
        }
        let (ap_caps, sta_caps) =
            (self.capabilities.unwrap_or_default(), station.capabilities.unwrap_or_default());
        if ap_caps.mfpr() && !sta_caps.mfpc() {
            return Err(refuse(
                "the AP requires management frame protection; the station is not capable",
            ));
        }
        if sta_caps.mfpr() && !ap_caps.mfpc() {
            return Err(refuse(
                "the station requires management frame protection; the AP is not capable",
            ));
        }
        let mfp = ap_caps.mfpc() && sta_caps.mfpc();
        let group_management = if mfp {
            let ap_gm = self.group_management_cipher.unwrap_or(Selector::BIP_CMAC_128);
            match station.group_management_cipher {
                Some(s) if s != ap_gm => {
                    return Err(refuse("the station's group management cipher is not the AP's"))
                }
                _ => Some(ap_gm),
            }
        } else {
            None
        };
        let (akm, pairwise) = (
            akm.akm().ok_or(refuse("the chosen AKM is not one the crate knows"))?,
            pairwise
                .cipher()
                .ok_or(refuse("the chosen pairwise cipher is not one the crate knows"))?,
        );
        Ok(Negotiated { akm, pairwise, group, mfp, group_management })
    }

    /// Whether the AP offers this AKM and pairwise cipher (the station's side of the choice).
    ///
    /// ```
    /// use ieee80211_keys::rsne::Rsne;
    /// use ieee80211_keys::{Akm, Cipher};
    ///
    /// // An AP's RSNE: CCMP-128, AKMs PSK and SAE (WPA3 transition).
    /// let ap = [48, 24, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 2, 0,
    ///     0, 0x0f, 0xac, 2, 0, 0x0f, 0xac, 8, 0x80, 0];
    /// let ap = Rsne::parse(&ap)?;
    /// assert!(ap.offers(Akm::Psk, Cipher::Ccmp128) && ap.offers(Akm::Sae, Cipher::Ccmp128));
    /// assert!(!ap.offers(Akm::FtPsk, Cipher::Ccmp128));
    /// assert!(!ap.offers(Akm::Psk, Cipher::Gcmp256));
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn offers(&self, akm: Akm, pairwise: Cipher) -> bool {
        self.akms().any(|s| s == akm) && self.pairwise_ciphers().any(|s| s == pairwise)
    }
}

/// What an AP and a station agreed on, from [`Rsne::check_choice`].
///
/// ```
/// use ieee80211_keys::rsne::{Rsne, Selector};
/// use ieee80211_keys::{Akm, Cipher, Error};
///
/// let ap = [48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0, 0];
/// let ap = Rsne::parse(&ap)?;
/// let (p, a) = ([Selector::from(Cipher::Ccmp128)], [Selector::from(Akm::Psk)]);
/// let n = ap.check_choice(&Rsne::new(Cipher::Ccmp128.into(), &p, &a))?;
/// assert_eq!((n.akm, n.pairwise, n.mfp), (Akm::Psk, Cipher::Ccmp128, false));
/// let tkip = [Selector::from(Cipher::Tkip)];
/// let refused = ap.check_choice(&Rsne::new(Cipher::Ccmp128.into(), &tkip, &a));
/// assert!(matches!(refused, Err(Error::Refused { .. })));
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Negotiated {
    /// The AKM.
    pub akm: Akm,
    /// The pairwise cipher.
    pub pairwise: Cipher,
    /// The group data cipher (any selector: e.g. "group addressed traffic not allowed").
    pub group: Selector,
    /// Whether management frame protection is in use (both sides MFPC).
    pub mfp: bool,
    /// The group management cipher when management frame protection is in use.
    pub group_management: Option<Selector>,
}

/// The station's check of the RSNE in message 3/4 (12.7.6.4), and the AP's of the RSNE in
/// message 2/4 (12.7.6.3): the element received in the handshake must equal, octet for octet,
/// the one from the Beacon or Probe Response (or the (Re)Association Request). Both are whole
/// elements with their headers. Not constant time: both are public.
///
/// ```
/// use ieee80211_keys::rsne::check_same_rsne;
///
/// let beacon = [48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0, 0];
/// assert!(check_same_rsne(&beacon, &beacon).is_ok());
/// let mut downgraded = beacon;
/// downgraded[13] = 2; // TKIP
/// assert!(check_same_rsne(&downgraded, &beacon).is_err());
/// ```
pub fn check_same_rsne(received: &[u8], advertised: &[u8]) -> Result<()> {
    if received == advertised {
        Ok(())
    } else {
        Err(Error::Refused {
            element: "RSNE",
            reason: "the RSNE in the handshake differs from the one advertised",
        })
    }
}

/// A cursor that writes into a slice already checked to be long enough.
struct Writer<'o> {
    out: &'o mut [u8],
    at: usize,
}

impl Writer<'_> {
    fn put(&mut self, bytes: &[u8]) {
        // Callers size `out` from the same fields first; a miss would only truncate.
        if let Some(dst) = self.out.get_mut(self.at..self.at + bytes.len()) {
            dst.copy_from_slice(bytes);
        }
        self.at += bytes.len();
    }
}

/// The RSN Extension element (RSNXE, 9.4.2.241): the Extended RSN Capabilities field, whose
/// first four bits give its length in octets minus one.
///
/// ```
/// use ieee80211_keys::rsne::Rsnxe;
///
/// # fn main() -> Result<(), ieee80211_keys::Error> {
/// let mut buf = [0u8; 8];
/// let n = Rsnxe::write(&[Rsnxe::SAE_H2E], &mut buf)?;
/// assert_eq!(&buf[..n], [244, 1, 0x20]);
/// let rsnxe = Rsnxe::parse(&buf[..n])?;
/// assert!(rsnxe.sae_h2e() && !rsnxe.sae_pk());
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rsnxe<'a> {
    capabilities: &'a [u8],
}

impl<'a> Rsnxe<'a> {
    /// Bit 4: Protected TWT Operations Support.
    pub const PROTECTED_TWT: u16 = 4;
    /// Bit 5: SAE hash-to-element.
    pub const SAE_H2E: u16 = 5;
    /// Bit 6: SAE-PK.
    pub const SAE_PK: u16 = 6;
    /// Bit 8: Secure LTF.
    pub const SECURE_LTF: u16 = 8;
    /// Bit 9: Secure RTT.
    pub const SECURE_RTT: u16 = 9;
    /// Bit 10: Protection of range negotiation (URNM-MFPR-X20 in hostap's naming).
    pub const PROT_RANGE_NEG: u16 = 10;

    /// Parses an RSNXE (with its header). An empty body is an error. The length subfield is
    /// not required to match the element (hostap reads the bits it knows the same way).
    pub fn parse(element: &'a [u8]) -> Result<Rsnxe<'a>> {
        let body = element_body(
            element,
            RSNXE_ID,
            "RSNXE: element ID is not 244",
            "RSNXE: length octet does not match the element's size",
        )?;
        if body.is_empty() {
            return Err(malformed("RSNXE: no Extended RSN Capabilities field"));
        }
        Ok(Rsnxe { capabilities: body })
    }

    /// The Extended RSN Capabilities octets as carried.
    pub fn capabilities(&self) -> &'a [u8] {
        self.capabilities
    }

    /// The Field Length subfield: the field's length in octets as the element declares it.
    pub fn declared_len(&self) -> usize {
        usize::from(self.capabilities.first().map_or(0, |b| b & 0x0f)) + 1
    }

    /// Whether capability bit `bit` is set (bits past the field are clear).
    pub fn bit(&self, bit: u16) -> bool {
        let octet = self.capabilities.get(usize::from(bit / 8)).copied().unwrap_or(0);
        bit >= 4 && octet & (1 << (bit % 8)) != 0
    }

    /// SAE hash-to-element.
    pub fn sae_h2e(&self) -> bool {
        self.bit(Self::SAE_H2E)
    }

    /// SAE-PK.
    pub fn sae_pk(&self) -> bool {
        self.bit(Self::SAE_PK)
    }

    /// Protected TWT Operations Support.
    pub fn protected_twt(&self) -> bool {
        self.bit(Self::PROTECTED_TWT)
    }

    /// Writes an RSNXE with the given capability bits (4 to 127) set and the length subfield
    /// filled in; returns its length.
    pub fn write(bits: &[u16], out: &mut [u8]) -> Result<usize> {
        let mut field = [0u8; 16];
        let mut n = 1;
        for &bit in bits {
            if !(4..128).contains(&bit) {
                return Err(Error::InvalidLength { what: "RSNXE capability bit", len: bit.into() });
            }
            let i = usize::from(bit / 8);
            field[i] |= 1 << (bit % 8);
            n = n.max(i + 1);
        }
        field[0] |= (n - 1) as u8;
        Rsnxe { capabilities: &field[..n] }.write_to(out)
    }

    /// Writes this element (as parsed) into `out`; returns its length.
    ///
    /// ```
    /// use ieee80211_keys::rsne::Rsnxe;
    ///
    /// // A received RSNXE (H2E and SAE-PK) is written back unchanged, e.g. into message 3/4.
    /// let received = [244, 1, 0x60];
    /// let rsnxe = Rsnxe::parse(&received)?;
    /// assert!(rsnxe.sae_h2e() && rsnxe.sae_pk());
    /// let mut out = [0u8; 8];
    /// let n = rsnxe.write_to(&mut out)?;
    /// assert_eq!(out[..n], received);
    /// assert!(rsnxe.write_to(&mut [0u8; 2]).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn write_to(&self, out: &mut [u8]) -> Result<usize> {
        let n = self.capabilities.len();
        if n > 255 {
            return Err(Error::InvalidLength { what: "RSNXE body", len: n });
        }
        let have = out.len();
        let out = out.get_mut(..n + 2).ok_or(Error::BufferSize { needed: n + 2, len: have })?;
        out[0] = RSNXE_ID;
        out[1] = n as u8;
        out[2..].copy_from_slice(self.capabilities);
        Ok(n + 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// hostap's default WPA2-PSK RSNE (CCMP, PSK, 16 PTKSA replay counters... as in iwd's
    /// handshake vectors): version 1, CCMP group, one CCMP pairwise, one PSK AKM, caps 0.
    const PSK_RSNE: [u8; 22] = [
        0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01,
        0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00,
    ];

    #[test]
    fn parses_and_rebuilds_a_psk_rsne() {
        let r = Rsne::parse(&PSK_RSNE).unwrap();
        assert_eq!(r.group_data_cipher(), Some(Cipher::Ccmp128.into()));
        assert_eq!(
            r.pairwise_ciphers().collect::<std::vec::Vec<_>>(),
            [Selector::from(Cipher::Ccmp128)]
        );
        assert!(r.akms().eq([Selector::from(Akm::Psk)]));
        assert_eq!(r.capabilities(), Some(RsnCapabilities(0)));
        assert!(!r.has_pmkid_count());
        let mut out = [0u8; 40];
        let n = r.write(&mut out).unwrap();
        assert_eq!(&out[..n], PSK_RSNE);
        assert_eq!(r.write(&mut out[..21]), Err(Error::BufferSize { needed: 22, len: 21 }));
    }

    extern crate std;

    #[test]
    fn truncations_are_errors_or_absent_fields() {
        for cut in 2..PSK_RSNE.len() {
            let mut e = PSK_RSNE[..cut].to_vec();
            e[1] = (cut - 2) as u8;
            let r = Rsne::parse(&e);
            // Whole fields only: after the version (4), group (8), pairwise (14), AKM (20).
            if [4, 8, 14, 20].contains(&cut) {
                let r = r.unwrap();
                let mut out = [0u8; 40];
                let n = r.write(&mut out).unwrap();
                assert_eq!(&out[..n], &e[..]);
            } else {
                assert!(matches!(r, Err(Error::MalformedElement { .. })), "{cut}: {r:?}");
            }
        }
    }
}
