//! The FT key hierarchy (IEEE 802.11-2020 12.7.1.7): XXKey, PMK-R0 and PMKR0Name, PMK-R1 and
//! PMKR1Name, the FT PTK and PTKName. Public as [`crate::ft`], with the FT element of
//! `frames/ft.rs`.

use core::fmt;

use subtle::{Choice, ConstantTimeEq};
use zeroize::ZeroizeOnDrop;

use crate::crypto::prf::{self, hash_truncated};
use crate::error::{Error, Result};
use crate::keys::pmk::{Msk, Pmk, Psk};
use crate::keys::ptk::{Kck, Kek, Pairwise, Ptk, Tk};
use crate::secret::{scratch, secret_type};
use crate::suite::{Akm, Cipher, HashAlg, Kdf, KeySource, PtkDerivation, Suite};
use crate::types::{
    checked_octets, octets, write_hex, MacAddr, MobilityDomainId, PmkId, R0khId, R1khId, Ssid,
};

secret_type!(
    /// The root of the FT hierarchy (12.7.1.7.3): the second 256 bits of the MSK (AKM 3), the
    /// first 384 bits of the MSK (AKM 13), the PSK (AKMs 4, 19) or the SAE PMK (AKMs 9, 25;
    /// 32, 48 or 64 octets for AKM 25).
    XxKey,
    capacity = 64,
    lengths = 32 | 48 | 64,
    what = "XXKey"
);

secret_type!(
    /// The PMK-R0 key: the first Q bits of R0-Key-Data (Q = 256, or 384 for AKMs 13, 19; for
    /// AKM 25 the XXKey's length: 256, 384 or 512).
    PmkR0Key,
    capacity = 64,
    lengths = 32 | 48 | 64,
    what = "PMK-R0"
);

secret_type!(
    /// The PMK-R1 key that an R0 key holder sends to one R1 key holder (Q bits).
    PmkR1Key,
    capacity = 64,
    lengths = 32 | 48 | 64,
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

/// The KDF and hash of an FT AKM's key hierarchy for a key (XXKey, PMK-R0 or PMK-R1) of
/// `key_len` octets: the AKM's hash, or for FT-SAE-EXT-KEY (25) the one the length selects
/// (hostap `wpa_derive_pmk_r0`, `wpa_derive_pmk_r1`, `wpa_pmk_r1_to_ptk`). An error for non-FT
/// AKMs and for a length the AKM's rule does not cover.
fn ft_suite(akm: Akm, key_len: usize) -> Result<(Kdf, HashAlg)> {
    if !matches!(akm.ptk_derivation(), PtkDerivation::Ft(_)) {
        return Err(Error::NotForAkm { akm, operation: "the FT key hierarchy (FT AKMs only)" });
    }
    let hash = akm.hash_for(key_len)?;
    Ok((hash.kdf(), hash))
}

/// Q, the PMK-R0 and PMK-R1 length in octets: the hash output of the AKM (IEEE 802.11-2020
/// 12.7.1.7).
fn q_len(hash: HashAlg) -> usize {
    hash.output_len()
}

impl XxKey {
    /// The XXKey from an MSK: `L(MSK, 256, 256)` for FT-802.1X (3), `L(MSK, 0, 384)` for
    /// FT-802.1X-SHA384 (13). Other AKMs and an MSK too short for the cut are errors.
    ///
    /// ```
    /// use ieee80211_keys::{ft::XxKey, Akm, Msk};
    ///
    /// let octets: [u8; 64] = core::array::from_fn(|i| i as u8);
    /// let msk = Msk::from_bytes(&octets)?;
    /// // FT-802.1X: the second 256 bits; FT-802.1X-SHA384: the first 384 bits.
    /// assert_eq!(XxKey::from_msk(Akm::FtIeee8021x, &msk)?.as_bytes(), &octets[32..]);
    /// assert_eq!(XxKey::from_msk(Akm::FtIeee8021xSha384, &msk)?.as_bytes(), &octets[..48]);
    /// assert!(XxKey::from_msk(Akm::Ieee8021x, &msk).is_err()); // not an FT AKM
    /// assert!(XxKey::from_msk(Akm::FtIeee8021x, &Msk::from_bytes(&octets[..48])?).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
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
    ///
    /// ```
    /// use ieee80211_keys::{ft::XxKey, Akm, Psk};
    ///
    /// let psk = Psk::from_bytes(&[0x21; 32])?;
    /// assert_eq!(XxKey::from_psk(Akm::FtPsk, &psk)?.as_bytes(), psk.as_bytes());
    /// assert!(XxKey::from_psk(Akm::Psk, &psk).is_err()); // not an FT AKM
    /// assert!(XxKey::from_psk(Akm::FtIeee8021x, &psk).is_err()); // keyed from an MSK
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_psk(akm: Akm, psk: &Psk) -> Result<XxKey> {
        XxKey::whole(akm, KeySource::Psk, psk.as_bytes(), "an XXKey from a PSK (AKMs 4 and 19)")
    }

    /// The XXKey of FT-SAE (9): the PMK that SAE established.
    ///
    /// ```
    /// use ieee80211_keys::{ft::XxKey, Akm, Pmk};
    ///
    /// let pmk = Pmk::from_bytes(&[0x22; 32])?;
    /// assert_eq!(XxKey::from_sae_pmk(Akm::FtSae, &pmk)?.as_bytes(), pmk.as_bytes());
    /// assert!(XxKey::from_sae_pmk(Akm::FtPsk, &pmk).is_err()); // FT-PSK's XXKey is the PSK
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
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
    ///
    /// ```
    /// use ieee80211_keys::ft::{PmkR0, XxKey};
    /// use ieee80211_keys::{Akm, MacAddr, MobilityDomainId, Psk, R0khId, Ssid};
    ///
    /// // iwd's FT-PSK test (unit/test-eapol.c eapol_ft_handshake_test): PSK, SSID, MDID, R0KH-ID.
    ///
    /// let akm = Akm::FtPsk;
    /// let psk =
    ///     Psk::from_hex("bccd1798ef6cb87f2b5475fb980657d2ea026ce368ef3fcada3148543fee94f0")?;
    /// let sta: MacAddr = "02:00:00:00:02:00".parse()?; // S0KH-ID
    /// let (ssid, mdid) = (Ssid::new(b"TestFT")?, MobilityDomainId::new([0x12, 0x34]));
    /// let r0kh_id = R0khId::new(b"dummy0")?;
    /// let r0 = PmkR0::derive(akm, &XxKey::from_psk(akm, &psk)?, &ssid, mdid, &r0kh_id, &sta)?;
    /// assert_eq!(r0.key().len(), 32);
    /// // The published PMKR1Name depends on PMK-R0 and PMKR0Name.
    /// let ap: MacAddr = "02:00:00:00:00:00".parse()?;
    /// assert_eq!(r0.derive_r1(&ap, &sta)?.name().to_string(), "dece50a09ef08c4ebef2f1dbe967b4d4");
    ///
    /// // Another mobility domain gives another PMK-R0.
    /// let other = PmkR0::derive(akm, &XxKey::from_psk(akm, &psk)?, &ssid,
    ///     MobilityDomainId::new([0x12, 0x35]), &r0kh_id, &sta)?;
    /// assert_ne!(other.name(), r0.name());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn derive(
        akm: Akm,
        xxkey: &XxKey,
        ssid: &Ssid,
        mdid: MobilityDomainId,
        r0kh_id: &R0khId,
        s0kh_id: &MacAddr,
    ) -> Result<PmkR0> {
        let (kdf, hash) = ft_suite(akm, xxkey.len())?;
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
        let mut buf = scratch::<{ 64 + SALT_LEN }>();
        let r0_key_data = buf
            .0
            .get_mut(..q + SALT_LEN)
            .ok_or(Error::OutputTooLong { requested: q + SALT_LEN, max: 64 + SALT_LEN })?;
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
    ///
    /// ```
    /// use ieee80211_keys::ft::{PmkR0Key, PmkR1Key};
    /// // iwd's FT-PSK test (unit/test-eapol.c eapol_ft_handshake_test): PSK, SSID, MDID, R0KH-ID.
    /// # use ieee80211_keys::ft::{PmkR0, XxKey};
    /// # use ieee80211_keys::{Akm, MacAddr, MobilityDomainId, Psk, R0khId, Ssid};
    /// # let akm = Akm::FtPsk;
    /// # let psk =
    /// #     Psk::from_hex("bccd1798ef6cb87f2b5475fb980657d2ea026ce368ef3fcada3148543fee94f0")?;
    /// # let sta: MacAddr = "02:00:00:00:02:00".parse()?;
    /// # let ap: MacAddr = "02:00:00:00:00:00".parse()?;
    /// # let (ssid, mdid) = (Ssid::new(b"TestFT")?, MobilityDomainId::new([0x12, 0x34]));
    /// # let r0kh_id = R0khId::new(b"dummy0")?;
    /// # let r0 = PmkR0::derive(akm, &XxKey::from_psk(akm, &psk)?, &ssid, mdid, &r0kh_id, &sta)?;
    ///
    /// // The R0KH restores a stored PMK-R0: it derives the same PMK-R1 as before.
    /// let key = PmkR0Key::from_bytes(r0.key().as_bytes())?;
    /// let stored = PmkR0::from_parts(akm, key, *r0.name())?;
    /// let r1 = stored.derive_r1(&ap, &sta)?;
    /// assert_eq!(r1.name().to_string(), "dece50a09ef08c4ebef2f1dbe967b4d4");
    /// // The key must have the AKM's length Q (32 octets for FT-PSK).
    /// assert!(PmkR0::from_parts(akm, PmkR0Key::from_bytes(&[0; 48])?, *r0.name()).is_err());
    /// # let _ = PmkR1Key::from_bytes(&[0; 32])?;
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_parts(akm: Akm, key: PmkR0Key, name: PmkR0Name) -> Result<PmkR0> {
        let (_, hash) = ft_suite(akm, key.len())?;
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
    ///
    /// ```
    /// use ieee80211_keys::PmkId;
    /// // iwd's FT-PSK test (unit/test-eapol.c eapol_ft_handshake_test): PSK, SSID, MDID, R0KH-ID.
    /// # use ieee80211_keys::ft::{PmkR0, XxKey};
    /// # use ieee80211_keys::{Akm, MacAddr, MobilityDomainId, Psk, R0khId, Ssid};
    /// # let akm = Akm::FtPsk;
    /// # let psk =
    /// #     Psk::from_hex("bccd1798ef6cb87f2b5475fb980657d2ea026ce368ef3fcada3148543fee94f0")?;
    /// # let sta: MacAddr = "02:00:00:00:02:00".parse()?;
    /// # let ap: MacAddr = "02:00:00:00:00:00".parse()?;
    /// # let (ssid, mdid) = (Ssid::new(b"TestFT")?, MobilityDomainId::new([0x12, 0x34]));
    /// # let r0kh_id = R0khId::new(b"dummy0")?;
    /// # let r0 = PmkR0::derive(akm, &XxKey::from_psk(akm, &psk)?, &ssid, mdid, &r0kh_id, &sta)?;
    ///
    /// // One PMK-R1 per R1 key holder (AP); iwd publishes this PMKR1Name.
    /// let r1 = r0.derive_r1(&ap, &sta)?;
    /// assert_eq!(r1.name().to_string(), "dece50a09ef08c4ebef2f1dbe967b4d4");
    /// // The AP finds it in the station's RSNE PMKID list, compared in constant time.
    /// assert!(r1.name().matches(&PmkId::from(*r1.name())));
    /// let other_ap: MacAddr = "02:00:00:00:01:00".parse()?;
    /// assert_ne!(r0.derive_r1(&other_ap, &sta)?.name(), r1.name());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn derive_r1(&self, r1kh_id: &R1khId, s1kh_id: &MacAddr) -> Result<PmkR1> {
        let (kdf, hash) = ft_suite(self.akm, self.key.len())?;
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
    ///
    /// ```
    /// use ieee80211_keys::ft::{PmkR1, PmkR1Key};
    /// use ieee80211_keys::{Cipher, Nonce, Pairwise};
    /// use subtle::ConstantTimeEq;
    /// // iwd's FT-PSK test (unit/test-eapol.c eapol_ft_handshake_test): PSK, SSID, MDID, R0KH-ID.
    /// # use ieee80211_keys::ft::{PmkR0, XxKey};
    /// # use ieee80211_keys::{Akm, MacAddr, MobilityDomainId, Psk, R0khId, Ssid};
    /// # let akm = Akm::FtPsk;
    /// # let psk =
    /// #     Psk::from_hex("bccd1798ef6cb87f2b5475fb980657d2ea026ce368ef3fcada3148543fee94f0")?;
    /// # let sta: MacAddr = "02:00:00:00:02:00".parse()?;
    /// # let ap: MacAddr = "02:00:00:00:00:00".parse()?;
    /// # let (ssid, mdid) = (Ssid::new(b"TestFT")?, MobilityDomainId::new([0x12, 0x34]));
    /// # let r0kh_id = R0khId::new(b"dummy0")?;
    /// # let r0 = PmkR0::derive(akm, &XxKey::from_psk(akm, &psk)?, &ssid, mdid, &r0kh_id, &sta)?;
    ///
    /// // The AP receives PMK-R1 and PMKR1Name from the R0KH and derives the station's PTK.
    /// let at_r0kh = r0.derive_r1(&ap, &sta)?;
    /// let key = PmkR1Key::from_bytes(at_r0kh.key().as_bytes())?;
    /// let at_ap = PmkR1::from_parts(akm, key, *at_r0kh.name())?;
    /// let (anonce, snonce) = (Nonce::new([2; 32]), Nonce::new([1; 32]));
    /// let p = Pairwise { aa: ap, spa: sta, anonce, snonce };
    /// let a = at_r0kh.derive_ptk(Cipher::Ccmp128, &p)?;
    /// let b = at_ap.derive_ptk(Cipher::Ccmp128, &p)?;
    /// assert!(bool::from(a.kck().ct_eq(b.kck())) && bool::from(a.tk().ct_eq(b.tk())));
    /// assert_eq!(a.name(), b.name());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_parts(akm: Akm, key: PmkR1Key, name: PmkR1Name) -> Result<PmkR1> {
        let (_, hash) = ft_suite(akm, key.len())?;
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
    /// Nothing is sorted: the roles come from [`Pairwise`], whose AA is the target AP's BSSID
    /// and whose SPA is the station's address (STA-ADDR). The PTK's length and split come from
    /// the suite of the AKM, the pairwise cipher and the PMK-R1's length.
    ///
    /// ```
    /// use ieee80211_keys::{eapol, Cipher, Nonce, Pairwise};
    /// // iwd's FT-PSK test (unit/test-eapol.c eapol_ft_handshake_test): PSK, SSID, MDID, R0KH-ID.
    /// # use ieee80211_keys::ft::{PmkR0, XxKey};
    /// # use ieee80211_keys::{Akm, MacAddr, MobilityDomainId, Psk, R0khId, Ssid};
    /// # let akm = Akm::FtPsk;
    /// # let psk =
    /// #     Psk::from_hex("bccd1798ef6cb87f2b5475fb980657d2ea026ce368ef3fcada3148543fee94f0")?;
    /// # let sta: MacAddr = "02:00:00:00:02:00".parse()?;
    /// # let ap: MacAddr = "02:00:00:00:00:00".parse()?;
    /// # let (ssid, mdid) = (Ssid::new(b"TestFT")?, MobilityDomainId::new([0x12, 0x34]));
    /// # let r0kh_id = R0khId::new(b"dummy0")?;
    /// # let r0 = PmkR0::derive(akm, &XxKey::from_psk(akm, &psk)?, &ssid, mdid, &r0kh_id, &sta)?;
    ///
    /// // The nonces of iwd's FT initial mobility domain association.
    /// let anonce: Nonce =
    ///     "33b274a0aec9e85d61118f1b6b97774e5b7508374577dc1408a5f180c5d2e9fd".parse()?;
    /// let snonce: Nonce =
    ///     "ac1eb2c70b208ce60ae207b2389e441fff39863d449f81246fe36ede0f1f56ce".parse()?;
    /// let p = Pairwise { aa: ap, spa: sta, anonce, snonce };
    /// let ptk = r0.derive_r1(&ap, &sta)?.derive_ptk(Cipher::Ccmp128, &p)?;
    ///
    /// // Its KCK keys the published MIC of EAPOL-Key message 4/4 (AES-128-CMAC).
    /// let msg4 = hex::decode(concat!(
    ///     "0203005f02030b0000000000000000000200000000000000000000000000000000000000000000000000",
    ///     "0000000000000000000000000000000000000000000000000000000000000000000000000000003e853a",
    ///     "3c83714a94e430dfb20665a1d40000",
    /// )).unwrap();
    /// eapol::verify_mic(ptk.ptk().suite(), ptk.kck(), &msg4)?;
    /// assert_eq!(ptk.name().as_bytes().len(), 16);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn derive_ptk(&self, cipher: Cipher, pairwise: &Pairwise) -> Result<FtPtk> {
        let (kdf, _) = ft_suite(self.akm, self.key.len())?;
        let suite = Suite::new(self.akm, cipher, self.key.len())?;
        let Pairwise { aa: bssid, spa: sta_addr, anonce, snonce } = pairwise;
        let data: [&[u8]; 4] =
            [snonce.as_bytes(), anonce.as_bytes(), bssid.as_bytes(), sta_addr.as_bytes()];
        let ptk = Ptk::from_expansion(&suite, |out| {
            prf::expand(kdf, self.key.as_bytes(), PTK_LABEL, &data, out)
        })?;
        let mut name = [0u8; 16];
        // PTKName is SHA-256 for every FT AKM (hostap `wpa_pmk_r1_to_ptk`; IEEE 802.11-2020
        // 12.7.1.7).
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
