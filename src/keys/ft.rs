//! Fast BSS Transition (802.11r): the FT key hierarchy and the MIC of the FT element.
//!
//! ```text
//! MSK, PSK or SAE PMK --> XxKey --> PmkR0 (+PMKR0Name) --> PmkR1 (+PMKR1Name) --> FtPtk (+PTKName)
//! ```
//!
//! The R0 key holder (R0KH) derives the PMK-R0 from the XXKey and one PMK-R1 per R1 key holder
//! (R1KH, an AP); the R1KH derives the PTK for each association. The station is S0KH and S1KH at
//! once: both identifiers are its MAC address. Formulas: IEEE 802.11 12.7.1.7 as transcribed in
//! `shared/spec/formulas.md` §4, §10 and §11 (hostap `wpa_derive_pmk_r0`,
//! `wpa_derive_pmk_r1`, `wpa_pmk_r1_to_ptk`, `wpa_ft_mic`).
//!
//! FT sorts nothing: the PTK takes `SNonce || ANonce || BSSID || STA-ADDR` in that order.
//! The SHA-256 FT AKMs (3, 4, 9) use KDF-SHA-256 and SHA-256 names; the SHA-384 ones (13, 19)
//! use KDF-SHA-384 and SHA-384 names, except PTKName, which is SHA-256 for every AKM.
//!
//! # Example: an FT-PSK roam
//!
//! The inputs of iwd's `eapol_ft_handshake_test`, whose published PMKR1Name this reproduces.
//!
//! ```
//! use ieee80211_keys::ft::{self, FteMicInput, PmkR0, XxKey};
//! use ieee80211_keys::{Akm, Cipher, MacAddr, MobilityDomainId, Nonce, PmkId, Psk, R0khId, Ssid};
//!
//! # fn main() -> Result<(), ieee80211_keys::Error> {
//! let akm = Akm::FtPsk;
//! let psk = Psk::from_hex("bccd1798ef6cb87f2b5475fb980657d2ea026ce368ef3fcada3148543fee94f0")?;
//! let sta: MacAddr = "02:00:00:00:02:00".parse()?; // S0KH-ID = S1KH-ID
//! let ap: MacAddr = "02:00:00:00:00:00".parse()?; // R1KH-ID and BSSID
//! let mdid = MobilityDomainId::new([0x12, 0x34]); // from the MDE 36 03 12 34 01
//!
//! let xxkey = XxKey::from_psk(akm, &psk)?;
//! let (ssid, r0kh_id) = (Ssid::new(b"TestFT")?, R0khId::new(b"dummy0")?);
//! let r0 = PmkR0::derive(akm, &xxkey, &ssid, mdid, &r0kh_id, &sta)?;
//! let r1 = r0.derive_r1(&ap, &sta)?;
//! assert_eq!(r1.name().to_string(), "dece50a09ef08c4ebef2f1dbe967b4d4");
//! // The AP finds the PMKR1Name in the station's RSNE PMKID list (constant-time compare).
//! assert!(r1.name().matches(&PmkId::from(*r1.name())));
//!
//! let (snonce, anonce) = (Nonce::new([1; 32]), Nonce::new([2; 32]));
//! let ptk = r1.derive_ptk(Cipher::Ccmp128, &snonce, &anonce, &ap, &sta)?;
//!
//! // The station protects its Reassociation Request: RSNE, MDE and FTE under the KCK.
//! let rsne = [
//!     0x30, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 0, 0,
//! ];
//! let mde = [0x36, 3, 0x12, 0x34, 1];
//! let mut fte = [0u8; 2 + 2 + 16 + 64];
//! fte[..4].copy_from_slice(&[0x37, 82, 0, 3]); // element ID, length, MIC Control (3 elements)
//! fte[20..52].copy_from_slice(anonce.as_bytes());
//! fte[52..84].copy_from_slice(snonce.as_bytes());
//! let input = FteMicInput {
//!     sta_addr: &sta,
//!     bssid: &ap,
//!     transaction_seq: ft::TRANSACTION_SEQ_REASSOC_REQUEST,
//!     rsne: &rsne,
//!     mde: &mde,
//!     fte: &fte,
//!     ric: None,
//!     rsnxe: None,
//! };
//! let mic = ft::fte_mic(akm, ptk.kck(), &input)?;
//! let mut sent = fte;
//! ft::write_fte_mic(akm, &mut sent, &mic)?;
//! // The AP, holding the same PTK, verifies the MIC in place in the received FTE.
//! ft::verify_fte_mic(akm, ptk.kck(), &FteMicInput { fte: &sent, ..input })?;
//! # Ok(())
//! # }
//! ```

use core::fmt;

use subtle::{Choice, ConstantTimeEq};
use zeroize::ZeroizeOnDrop;

use crate::crypto::mic::{self, Mic};
use crate::crypto::prf::{self, hash_truncated};
use crate::error::{Error, Result};
use crate::keys::pmk::{Msk, Pmk, Psk};
use crate::keys::ptk::{Kck, Kek, Ptk, Tk};
use crate::secret::{scratch, secret_type};
use crate::suite::{Akm, Cipher, HashAlg, Kdf, KeySource, MicAlgorithm, PtkDerivation};
use crate::types::{
    checked_octets, octets, write_hex, MacAddr, MobilityDomainId, Nonce, PmkId, R0khId, R1khId,
    Ssid,
};

secret_type!(
    /// The root of the FT hierarchy (12.7.1.7.3): the second 256 bits of the MSK (AKM 3), the
    /// first 384 bits of the MSK (AKM 13), the PSK (AKMs 4, 19) or the SAE PMK (AKM 9).
    XxKey,
    capacity = 48,
    lengths = 32 | 48,
    what = "XXKey"
);

secret_type!(
    /// The PMK-R0 key: the first Q bits of R0-Key-Data (Q = 256, or 384 for AKMs 13, 19).
    PmkR0Key,
    capacity = 48,
    lengths = 32 | 48,
    what = "PMK-R0"
);

secret_type!(
    /// The PMK-R1 key that an R0 key holder sends to one R1 key holder (Q bits).
    PmkR1Key,
    capacity = 48,
    lengths = 32 | 48,
    what = "PMK-R1"
);

checked_octets!(
    /// PMKR0Name: `Truncate-128(Hash("FT-R0N" || PMK-R0Name-Salt))`. Carried as a PMKID in the
    /// RSNE of the FT initial mobility domain association.
    PmkR0Name,
    16,
    "PMKR0Name"
);

checked_octets!(
    /// PMKR1Name: `Truncate-128(Hash("FT-R1N" || PMKR0Name || R1KH-ID || S1KH-ID))`. Carried as
    /// the PMKID in the RSNE of an FT reassociation and of EAPOL-Key messages 2 and 3.
    PmkR1Name,
    16,
    "PMKR1Name"
);

checked_octets!(
    /// PTKName: `Truncate-128(SHA-256(PMKR1Name || "FT-PTKN" || SNonce || ANonce || BSSID ||
    /// STA-ADDR))`, SHA-256 for every FT AKM.
    PtkName,
    16,
    "PTKName"
);

/// The names that appear in an RSNE's PMKID list convert to and from [`PmkId`] and compare
/// with one in constant time.
macro_rules! pmkid_name {
    ($name:ident) => {
        impl $name {
            /// Whether a PMKID (e.g. from a received RSNE) is this name. Constant time.
            pub fn matches(&self, pmkid: &PmkId) -> bool {
                self.as_bytes().ct_eq(pmkid.as_bytes()).into()
            }
        }

        impl From<$name> for PmkId {
            fn from(name: $name) -> PmkId {
                PmkId::new(*name.as_bytes())
            }
        }

        impl From<PmkId> for $name {
            fn from(pmkid: PmkId) -> $name {
                $name::new(*pmkid.as_bytes())
            }
        }
    };
}

pmkid_name!(PmkR0Name);
pmkid_name!(PmkR1Name);

/// Labels (12.7.1.7), without terminators.
const R0_LABEL: &[u8] = b"FT-R0";
const R0_NAME_LABEL: &[u8] = b"FT-R0N";
const R1_LABEL: &[u8] = b"FT-R1";
const R1_NAME_LABEL: &[u8] = b"FT-R1N";
const PTK_LABEL: &[u8] = b"FT-PTK";
const PTK_NAME_LABEL: &[u8] = b"FT-PTKN";

/// Length of the PMK-R0 name salt that follows PMK-R0 in R0-Key-Data.
const SALT_LEN: usize = 16;

/// The KDF and hash of an FT AKM's key hierarchy; an error for non-FT AKMs.
fn ft_suite(akm: Akm) -> Result<(Kdf, HashAlg)> {
    match akm.ptk_derivation() {
        PtkDerivation::Ft(kdf) => Ok((kdf, akm.hash())),
        _ => Err(Error::NotForAkm { akm, operation: "the FT key hierarchy (FT AKMs only)" }),
    }
}

/// Q, the PMK-R0 and PMK-R1 length in octets: the hash output of the AKM (formulas.md §10).
fn q_len(hash: HashAlg) -> usize {
    hash.output_len()
}

impl XxKey {
    /// The XXKey from an MSK: `L(MSK, 256, 256)` for FT-802.1X (3), `L(MSK, 0, 384)` for
    /// FT-802.1X-SHA384 (13). Other AKMs and an MSK too short for the cut are errors.
    pub fn from_msk(akm: Akm, msk: &Msk) -> Result<XxKey> {
        let (offset, len) = akm.xxkey_from_msk().ok_or(Error::NotForAkm {
            akm,
            operation: "an XXKey from an MSK (FT-802.1X AKMs 3 and 13 only)",
        })?;
        let m = msk.as_bytes();
        let part = m
            .get(offset..offset + len)
            .ok_or(Error::MskTooShort { needed: offset + len, len: m.len() })?;
        XxKey::fill_with(len, |out| {
            out.copy_from_slice(part);
            Ok(())
        })
    }

    /// The XXKey of the FT-PSK AKMs (4, 19): the PSK itself.
    pub fn from_psk(akm: Akm, psk: &Psk) -> Result<XxKey> {
        XxKey::whole(akm, KeySource::Psk, psk.as_bytes(), "an XXKey from a PSK (AKMs 4 and 19)")
    }

    /// The XXKey of FT-SAE (9): the PMK that SAE established.
    pub fn from_sae_pmk(akm: Akm, pmk: &Pmk) -> Result<XxKey> {
        XxKey::whole(akm, KeySource::Sae, pmk.as_bytes(), "an XXKey from an SAE PMK (AKM 9)")
    }

    /// A whole key as XXKey, for an FT AKM with that key source and a length it allows.
    fn whole(akm: Akm, source: KeySource, key: &[u8], operation: &'static str) -> Result<XxKey> {
        if !akm.is_ft() || akm.key_source() != source {
            return Err(Error::NotForAkm { akm, operation });
        }
        check_xxkey_len(akm, key.len())?;
        XxKey::fill_with(key.len(), |out| {
            out.copy_from_slice(key);
            Ok(())
        })
    }
}

fn check_xxkey_len(akm: Akm, len: usize) -> Result<()> {
    if akm.xxkey_lengths().contains(&len) {
        Ok(())
    } else {
        Err(Error::InvalidLength { what: "XXKey for this AKM", len })
    }
}

/// A PMK-R0 with its name, held by the R0 key holder and the station.
///
/// Zeroized on drop; no `PartialEq`; its `Debug` shows the AKM and the name, never key bytes.
#[derive(Clone)]
pub struct PmkR0 {
    key: PmkR0Key,
    name: PmkR0Name,
    akm: Akm,
}

impl PmkR0 {
    /// Derives PMK-R0 and PMKR0Name (12.7.1.7.3):
    ///
    /// ```text
    /// R0-Key-Data = KDF-Hash-(Q+128)(XXKey, "FT-R0",
    ///               SSIDlength || SSID || MDID || R0KHlength || R0KH-ID || S0KH-ID)
    /// PMK-R0 = L(R0-Key-Data, 0, Q);   PMK-R0Name-Salt = L(R0-Key-Data, Q, 128)
    /// PMKR0Name = Truncate-128(Hash("FT-R0N" || PMK-R0Name-Salt))
    /// ```
    ///
    /// `s0kh_id` is the station's MAC address; `mdid` the two octets as in the MDE. The XXKey
    /// must have a length the AKM allows ([`Akm::xxkey_lengths`]).
    pub fn derive(
        akm: Akm,
        xxkey: &XxKey,
        ssid: &Ssid,
        mdid: MobilityDomainId,
        r0kh_id: &R0khId,
        s0kh_id: &MacAddr,
    ) -> Result<PmkR0> {
        let (kdf, hash) = ft_suite(akm)?;
        check_xxkey_len(akm, xxkey.len())?;
        let q = q_len(hash);
        // Both lengths are bounded by their types: SSID <= 32, R0KH-ID <= 48 octets.
        let ssid_len = [ssid.len() as u8];
        let r0kh_len = [r0kh_id.len() as u8];
        let context: [&[u8]; 6] = [
            &ssid_len,
            ssid.as_bytes(),
            mdid.as_bytes(),
            &r0kh_len,
            r0kh_id.as_bytes(),
            s0kh_id.as_bytes(),
        ];
        let mut buf = scratch::<{ 48 + SALT_LEN }>();
        let r0_key_data = buf
            .0
            .get_mut(..q + SALT_LEN)
            .ok_or(Error::OutputTooLong { requested: q + SALT_LEN, max: 48 + SALT_LEN })?;
        prf::expand(kdf, xxkey.as_bytes(), R0_LABEL, &context, r0_key_data)?;
        let (pmk_r0, salt) = r0_key_data.split_at(q);
        let mut name = [0u8; 16];
        hash_truncated(hash, &[R0_NAME_LABEL, salt], &mut name);
        let key = PmkR0Key::fill_with(q, |out| {
            out.copy_from_slice(pmk_r0);
            Ok(())
        })?;
        Ok(PmkR0 { key, name: PmkR0Name::new(name), akm })
    }

    /// A PMK-R0 known from elsewhere (e.g. restored from the R0KH's store). The key must have
    /// the AKM's length Q.
    pub fn from_parts(akm: Akm, key: PmkR0Key, name: PmkR0Name) -> Result<PmkR0> {
        let (_, hash) = ft_suite(akm)?;
        if key.len() != q_len(hash) {
            return Err(Error::InvalidLength { what: "PMK-R0 for this AKM", len: key.len() });
        }
        Ok(PmkR0 { key, name, akm })
    }

    /// Derives the PMK-R1 and PMKR1Name for one R1 key holder (12.7.1.7.4):
    ///
    /// ```text
    /// PMK-R1    = KDF-Hash-Q(PMK-R0, "FT-R1", R1KH-ID || S1KH-ID)
    /// PMKR1Name = Truncate-128(Hash("FT-R1N" || PMKR0Name || R1KH-ID || S1KH-ID))
    /// ```
    ///
    /// `s1kh_id` is the station's MAC address.
    pub fn derive_r1(&self, r1kh_id: &R1khId, s1kh_id: &MacAddr) -> Result<PmkR1> {
        let (kdf, hash) = ft_suite(self.akm)?;
        let ids: [&[u8]; 2] = [r1kh_id.as_bytes(), s1kh_id.as_bytes()];
        let key = PmkR1Key::fill_with(self.key.len(), |out| {
            prf::expand(kdf, self.key.as_bytes(), R1_LABEL, &ids, out)
        })?;
        let mut name = [0u8; 16];
        hash_truncated(hash, &[R1_NAME_LABEL, self.name.as_bytes(), ids[0], ids[1]], &mut name);
        Ok(PmkR1 { key, name: PmkR1Name::new(name), akm: self.akm })
    }

    /// The PMK-R0 key.
    pub fn key(&self) -> &PmkR0Key {
        &self.key
    }

    /// PMKR0Name.
    pub fn name(&self) -> &PmkR0Name {
        &self.name
    }

    /// The AKM it was derived for.
    pub fn akm(&self) -> Akm {
        self.akm
    }
}

/// A PMK-R1 with its name, held by one R1 key holder (an AP) and the station.
///
/// Zeroized on drop; no `PartialEq`; its `Debug` shows the AKM and the name, never key bytes.
#[derive(Clone)]
pub struct PmkR1 {
    key: PmkR1Key,
    name: PmkR1Name,
    akm: Akm,
}

impl PmkR1 {
    /// A PMK-R1 received from the R0 key holder, with its name. The key must have the AKM's
    /// length Q.
    pub fn from_parts(akm: Akm, key: PmkR1Key, name: PmkR1Name) -> Result<PmkR1> {
        let (_, hash) = ft_suite(akm)?;
        if key.len() != q_len(hash) {
            return Err(Error::InvalidLength { what: "PMK-R1 for this AKM", len: key.len() });
        }
        Ok(PmkR1 { key, name, akm })
    }

    /// Derives the FT PTK and PTKName (12.7.1.7.5):
    ///
    /// ```text
    /// PTK     = KDF-Hash-PTKlen(PMK-R1, "FT-PTK", SNonce || ANonce || BSSID || STA-ADDR)
    /// PTKName = Truncate-128(SHA-256(PMKR1Name || "FT-PTKN" ||
    ///                                SNonce || ANonce || BSSID || STA-ADDR))
    /// ```
    ///
    /// Nothing is sorted. The PTK's length and split come from the AKM and the pairwise cipher.
    pub fn derive_ptk(
        &self,
        cipher: Cipher,
        snonce: &Nonce,
        anonce: &Nonce,
        bssid: &MacAddr,
        sta_addr: &MacAddr,
    ) -> Result<FtPtk> {
        let (kdf, _) = ft_suite(self.akm)?;
        let data: [&[u8]; 4] =
            [snonce.as_bytes(), anonce.as_bytes(), bssid.as_bytes(), sta_addr.as_bytes()];
        let ptk = Ptk::from_expansion(self.akm, cipher, 0, |out| {
            prf::expand(kdf, self.key.as_bytes(), PTK_LABEL, &data, out)
        })?;
        let mut name = [0u8; 16];
        // PTKName is SHA-256 for every FT AKM (hostap `wpa_pmk_r1_to_ptk`; formulas.md §10).
        hash_truncated(
            HashAlg::Sha256,
            &[self.name.as_bytes(), PTK_NAME_LABEL, data[0], data[1], data[2], data[3]],
            &mut name,
        );
        Ok(FtPtk { ptk, name: PtkName::new(name) })
    }

    /// The PMK-R1 key (the R0 key holder sends it to the R1 key holder).
    pub fn key(&self) -> &PmkR1Key {
        &self.key
    }

    /// PMKR1Name.
    pub fn name(&self) -> &PmkR1Name {
        &self.name
    }

    /// The AKM it was derived for.
    pub fn akm(&self) -> Akm {
        self.akm
    }
}

/// An FT PTK with its PTKName.
///
/// Zeroized on drop; no `PartialEq`; its `Debug` shows the suite, lengths and name only.
#[derive(Clone)]
pub struct FtPtk {
    ptk: Ptk,
    name: PtkName,
}

impl FtPtk {
    /// The PTK (KCK, KEK, TK) as every other PTK of the crate.
    pub fn ptk(&self) -> &Ptk {
        &self.ptk
    }

    /// PTKName.
    pub fn name(&self) -> &PtkName {
        &self.name
    }

    /// The key confirmation key: keys the FTE MIC and the EAPOL-Key MIC.
    pub fn kck(&self) -> &Kck {
        self.ptk.kck()
    }

    /// The key encryption key.
    pub fn kek(&self) -> &Kek {
        self.ptk.kek()
    }

    /// The temporal key.
    pub fn tk(&self) -> &Tk {
        self.ptk.tk()
    }

    /// Splits into the PTK and its name.
    pub fn into_parts(self) -> (Ptk, PtkName) {
        (self.ptk, self.name)
    }
}

impl fmt::Debug for PmkR0 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PmkR0 { key, name, akm } = self;
        f.debug_struct("PmkR0").field("akm", akm).field("name", name).field("key", key).finish()
    }
}

impl fmt::Debug for PmkR1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PmkR1 { key, name, akm } = self;
        f.debug_struct("PmkR1").field("akm", akm).field("name", name).field("key", key).finish()
    }
}

impl fmt::Debug for FtPtk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FtPtk").field("name", &self.name).field("ptk", &self.ptk).finish()
    }
}

impl ZeroizeOnDrop for PmkR0 {}
impl ZeroizeOnDrop for PmkR1 {}
impl ZeroizeOnDrop for FtPtk {}

// ---------------------------------------------------------------------------------------------
// The FT element and its MIC.

/// Element IDs (9.4.2).
const RSNE_ID: u8 = 48;
const MDE_ID: u8 = 54;
const FTE_ID: u8 = 55;
const RSNXE_ID: u8 = 244;

/// FTE subelement IDs (9.4.2.46).
const SUB_R1KH_ID: u8 = 1;
const SUB_R0KH_ID: u8 = 3;

/// Offset of the MIC in an FTE: element ID, length, MIC Control (2 octets).
const FTE_MIC_OFFSET: usize = 4;

/// Transaction sequence number of the FTE MIC in a (Re)association Request (13.8.4).
pub const TRANSACTION_SEQ_REASSOC_REQUEST: u8 = 5;
/// Transaction sequence number of the FTE MIC in a (Re)association Response (13.8.5).
pub const TRANSACTION_SEQ_REASSOC_RESPONSE: u8 = 6;

/// Checks an element's header: the ID, and a length octet equal to the octets that follow.
/// Returns the element's body.
fn element<'a>(bytes: &'a [u8], id: u8, wrong_id: &'static str) -> Result<&'a [u8]> {
    let [got_id, len, body @ ..] = bytes else {
        return Err(Error::MalformedElement { reason: "element shorter than its 2-octet header" });
    };
    if *got_id != id {
        return Err(Error::MalformedElement { reason: wrong_id });
    }
    if usize::from(*len) != body.len() {
        return Err(Error::MalformedElement {
            reason: "element length octet does not match the element's size",
        });
    }
    Ok(body)
}

/// Walks a sequence of TLVs (one-octet ID, one-octet length, data): elements, or an FTE's
/// subelements. Yields `(id, data)`, or one error if a TLV does not fit in what is left.
fn tlvs<'a>(
    mut bytes: &'a [u8],
    overrun: &'static str,
) -> impl Iterator<Item = Result<(u8, &'a [u8])>> + 'a {
    core::iter::from_fn(move || {
        let (&id, rest) = bytes.split_first()?;
        let fits =
            rest.split_first().and_then(|(&len, rest)| rest.split_at_checked(usize::from(len)));
        match fits {
            Some((data, rest)) => {
                bytes = rest;
                Some(Ok((id, data)))
            }
            None => {
                bytes = &[];
                Some(Err(Error::MalformedElement { reason: overrun }))
            }
        }
    })
}

/// Checks that a RIC is a sequence of whole elements, at least one.
fn check_ric(ric: &[u8]) -> Result<()> {
    if ric.is_empty() {
        return Err(Error::MalformedElement { reason: "RIC given but empty" });
    }
    tlvs(ric, "RIC: an element overruns the RIC").try_for_each(|t| t.map(drop))
}

/// A checked view of a Fast BSS Transition element (FTE, 9.4.2.46) of an FT AKM:
/// element ID 55, length, MIC Control (2), MIC (16 or 24 octets by AKM), ANonce (32),
/// SNonce (32), subelements.
///
/// Parsing checks the header, that the fixed fields fit, that the subelements are whole, and
/// that an R1KH-ID subelement has 6 octets and an R0KH-ID subelement 1 to 48.
#[derive(Clone, Copy, Debug)]
pub struct Fte<'a> {
    mic_control: [u8; 2],
    mic: &'a [u8],
    anonce: Nonce,
    snonce: Nonce,
    subelements: &'a [u8],
}

const FTE_SUBELEMENT_OVERRUN: &str = "FTE: a subelement overruns the element";

impl<'a> Fte<'a> {
    /// Parses an FTE (with its 2-octet header) for an FT AKM, which fixes the MIC length.
    pub fn parse(akm: Akm, bytes: &'a [u8]) -> Result<Fte<'a>> {
        let mic_len = akm.fte_mic_algorithm()?.mic_len();
        let body = element(bytes, FTE_ID, "FTE: element ID is not 55")?;
        let short =
            Error::MalformedElement { reason: "FTE: too short for MIC Control, MIC and nonces" };
        let (mic_control, rest) = body.split_first_chunk::<2>().ok_or(short)?;
        let (mic, rest) = rest.split_at_checked(mic_len).ok_or(short)?;
        let (anonce, rest) = rest.split_first_chunk::<32>().ok_or(short)?;
        let (snonce, subelements) = rest.split_first_chunk::<32>().ok_or(short)?;
        for sub in tlvs(subelements, FTE_SUBELEMENT_OVERRUN) {
            let bad = match sub? {
                (SUB_R1KH_ID, d) if d.len() != R1khId::LEN => {
                    "FTE: R1KH-ID subelement is not 6 octets"
                }
                (SUB_R0KH_ID, d) if !(1..=R0khId::MAX_LEN).contains(&d.len()) => {
                    "FTE: R0KH-ID subelement is not 1 to 48 octets"
                }
                _ => continue,
            };
            return Err(Error::MalformedElement { reason: bad });
        }
        Ok(Fte {
            mic_control: *mic_control,
            mic,
            anonce: Nonce::new(*anonce),
            snonce: Nonce::new(*snonce),
            subelements,
        })
    }

    /// The MIC Control field (2 octets, as on the air).
    pub fn mic_control(&self) -> [u8; 2] {
        self.mic_control
    }

    /// The Element Count of the MIC Control field (its second octet): how many elements the
    /// MIC protects.
    pub fn element_count(&self) -> u8 {
        self.mic_control[1]
    }

    /// The MIC field, in place (16 or 24 octets by AKM).
    pub fn mic(&self) -> &'a [u8] {
        self.mic
    }

    /// The ANonce field.
    pub fn anonce(&self) -> &Nonce {
        &self.anonce
    }

    /// The SNonce field.
    pub fn snonce(&self) -> &Nonce {
        &self.snonce
    }

    /// The optional parameters (subelements), whole.
    pub fn subelements(&self) -> &'a [u8] {
        self.subelements
    }

    /// The data of the first subelement with this ID (1 R1KH-ID, 2 GTK, 3 R0KH-ID, ...).
    pub fn subelement(&self, id: u8) -> Option<&'a [u8]> {
        tlvs(self.subelements, FTE_SUBELEMENT_OVERRUN)
            .filter_map(|t| t.ok())
            .find_map(|(i, d)| (i == id).then_some(d))
    }

    /// The R1KH-ID subelement, if present.
    pub fn r1kh_id(&self) -> Option<R1khId> {
        self.subelement(SUB_R1KH_ID).and_then(|d| R1khId::from_slice(d).ok())
    }

    /// The R0KH-ID subelement, if present.
    pub fn r0kh_id(&self) -> Option<R0khId> {
        self.subelement(SUB_R0KH_ID).and_then(|d| R0khId::new(d).ok())
    }
}

/// What the FTE MIC covers (13.8.4, 13.8.5), in the order it is computed over:
/// `STA-ADDR || BSSID || TransactionSeq || RSNE || MDE || FTE (MIC field zero) || [RIC] ||
/// [RSNXE]`. Every element is given whole, with its 2-octet header.
#[derive(Clone, Copy, Debug)]
pub struct FteMicInput<'a> {
    /// The non-AP station's MAC address.
    pub sta_addr: &'a MacAddr,
    /// The target AP's BSSID (AP-ADDR).
    pub bssid: &'a MacAddr,
    /// [`TRANSACTION_SEQ_REASSOC_REQUEST`] (5) or [`TRANSACTION_SEQ_REASSOC_RESPONSE`] (6).
    pub transaction_seq: u8,
    /// The RSNE (element ID 48).
    pub rsne: &'a [u8],
    /// The Mobility Domain element (element ID 54, 3 octets of body).
    pub mde: &'a [u8],
    /// The FTE (element ID 55). Its MIC field is taken as zero, whatever it holds.
    pub fte: &'a [u8],
    /// The RIC (a sequence of elements), when present.
    pub ric: Option<&'a [u8]>,
    /// The RSNXE (element ID 244), when present.
    pub rsnxe: Option<&'a [u8]>,
}

/// Checks every element and the KCK, and lays out the MIC's input pieces.
fn fte_mic_parts<'a>(
    akm: Akm,
    kck: &Kck,
    input: &FteMicInput<'a>,
    seq: &'a [u8; 1],
) -> Result<(MicAlgorithm, [&'a [u8]; 10], Fte<'a>)> {
    let alg = akm.fte_mic_algorithm()?;
    if kck.len() != akm.kck_len() {
        return Err(Error::InvalidLength { what: "KCK for this AKM's FTE MIC", len: kck.len() });
    }
    element(input.rsne, RSNE_ID, "RSNE: element ID is not 48")?;
    let mde = element(input.mde, MDE_ID, "MDE: element ID is not 54")?;
    if mde.len() != 3 {
        return Err(Error::MalformedElement { reason: "MDE: body is not 3 octets" });
    }
    let fte = Fte::parse(akm, input.fte)?;
    let ric = match input.ric {
        Some(ric) => {
            check_ric(ric)?;
            ric
        }
        None => &[],
    };
    let rsnxe = match input.rsnxe {
        Some(rsnxe) => {
            element(rsnxe, RSNXE_ID, "RSNXE: element ID is not 244")?;
            rsnxe
        }
        None => &[],
    };
    let mic_len = fte.mic.len();
    let mic_end = FTE_MIC_OFFSET + mic_len;
    let (head, tail) = match (input.fte.get(..FTE_MIC_OFFSET), input.fte.get(mic_end..)) {
        (Some(h), Some(t)) => (h, t),
        _ => return Err(Error::MalformedElement { reason: "FTE: too short for its MIC" }),
    };
    let zeros = mic::zeroed_field(mic_len);
    let parts = [
        input.sta_addr.as_bytes().as_slice(),
        input.bssid.as_bytes(),
        seq,
        input.rsne,
        input.mde,
        head,
        zeros,
        tail,
        ric,
        rsnxe,
    ];
    Ok((alg, parts, fte))
}

/// Computes the FTE MIC (13.8.4; formulas.md §11): AES-128-CMAC with the 16-octet KCK for
/// AKMs 3, 4, 9; HMAC-SHA-384 truncated to 24 octets with the 24-octet KCK for AKMs 13, 19.
/// The FTE's MIC field is taken as zero without being copied.
///
/// Malformed elements return [`Error::MalformedElement`]; a KCK of the wrong length for the AKM
/// returns [`Error::InvalidLength`].
pub fn fte_mic(akm: Akm, kck: &Kck, input: &FteMicInput<'_>) -> Result<Mic> {
    let seq = [input.transaction_seq];
    let (alg, parts, fte) = fte_mic_parts(akm, kck, input, &seq)?;
    mic::compute(alg, kck.as_bytes(), &parts, fte.mic().len())
}

/// Verifies the MIC that the FTE of `input` carries, in constant time. Says only
/// [`Error::MicMismatch`] when it does not verify.
pub fn verify_fte_mic(akm: Akm, kck: &Kck, input: &FteMicInput<'_>) -> Result<()> {
    let seq = [input.transaction_seq];
    let (alg, parts, fte) = fte_mic_parts(akm, kck, input, &seq)?;
    mic::verify(alg, kck.as_bytes(), &parts, fte.mic())
}

/// Writes a MIC (from [`fte_mic`]) into the MIC field of an FTE buffer, after checking the
/// element and that the MIC has the AKM's length.
pub fn write_fte_mic(akm: Akm, fte: &mut [u8], mic: &Mic) -> Result<()> {
    let mic_len = Fte::parse(akm, fte)?.mic().len();
    if mic.len() != mic_len {
        return Err(Error::InvalidLength { what: "FTE MIC for this AKM", len: mic.len() });
    }
    let field = fte
        .get_mut(FTE_MIC_OFFSET..FTE_MIC_OFFSET + mic_len)
        .ok_or(Error::MalformedElement { reason: "FTE: too short for its MIC" })?;
    field.copy_from_slice(mic.as_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_headers() {
        assert!(element(&[48, 0], 48, "x").is_ok());
        assert!(element(&[48], 48, "x").is_err());
        assert!(element(&[49, 0], 48, "x").is_err());
        assert!(element(&[48, 1], 48, "x").is_err());
        assert!(element(&[48, 0, 0], 48, "x").is_err());
        assert!(check_ric(&[1, 0, 2, 1, 9]).is_ok());
        assert!(check_ric(&[]).is_err());
        assert!(check_ric(&[1, 2, 0]).is_err());
        assert!(check_ric(&[1, 0, 2]).is_err());
    }
}
