//! The AKM and cipher suites, and every length and algorithm choice they imply.
//!
//! This module is the crate's one table: one constant row per AKM ([`Akm`]), resolved once per
//! association into a [`Suite`] from the AKM, the pairwise cipher and the PMK length. Derivation
//! and frame code asks the [`Suite`] which hash, which KDF, which lengths and which MIC to use;
//! it never matches on AKM values itself. A new AKM is a new variant and a new row.
//!
//! Sources: IEEE Std 802.11-2020 Tables 9-151 (AKM suite selectors) and 12-10 (KCK, KEK and MIC
//! lengths), 12.7.1.3 (PMK, PMKID, PTK), 12.7.2 (descriptor versions), 12.7.1.7 and 13.8.4
//! (FT); hostap `wpa_common.c` and `defs.h` where deployed code and the text differ.
//!
//! A row's lengths may depend on the PMK length. OWE (AKM 18), SAE-EXT-KEY (24) and
//! FT-SAE-EXT-KEY (25) are the rows `kck: HalfPmk, kek: UpTo32(16, 32), mic_len: HalfPmk,
//! hash: ByPmkLen` with `eapol_mic: AkmDefinedHmac` (hostap `wpa_kck_len`, `wpa_kek_len`,
//! `wpa_mic_len` taking the PMK length): a PMK of 32, 48 or 64 octets selects SHA-256, SHA-384
//! or SHA-512, and any other length is an error.
//!
//! ```
//! use ieee80211_keys::suite::{HashAlg, MicAlgorithm, Suite};
//! use ieee80211_keys::{Akm, Cipher};
//!
//! let s = Suite::new(Akm::SaeExtKey, Cipher::Gcmp256, 64)?;
//! assert_eq!((s.hash(), s.kck_len(), s.kek_len(), s.mic_len()), (HashAlg::Sha512, 32, 32, 32));
//! assert_eq!((s.mic(), s.descriptor_version()), (MicAlgorithm::HmacSha512_256, 0));
//! let s = Suite::new(Akm::Owe, Cipher::Ccmp128, 32)?;
//! assert_eq!((s.hash(), s.kck_len(), s.kek_len(), s.ptk_len()), (HashAlg::Sha256, 16, 16, 48));
//! assert!(Suite::new(Akm::FtSaeExtKey, Cipher::Ccmp128, 40).is_err());
//! # Ok::<(), ieee80211_keys::Error>(())
//! ```

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, Result};

/// The IEEE 802.11 OUI, 00-0F-AC.
pub const IEEE_OUI: [u8; 3] = [0x00, 0x0f, 0xac];
/// The Microsoft OUI used by the WPA (v1) vendor element, 00-50-F2.
pub const WPA_OUI: [u8; 3] = [0x00, 0x50, 0xf2];
/// The Cisco OUI, 00-40-96.
pub const CISCO_OUI: [u8; 3] = [0x00, 0x40, 0x96];

/// An authentication and key management (AKM) suite.
///
/// ```
/// use ieee80211_keys::suite::{HashAlg, KeyWrap, MicAlgorithm, PmkIdKey};
/// use ieee80211_keys::{Akm, Cipher};
///
/// // What the suite table says about an AKM, before a cipher and PMK are known.
/// let akm: Akm = "00-0f-ac:4".parse()?; // FT-PSK
/// assert!(akm.is_ft());
/// assert_eq!(akm.fte_mic_algorithm()?, MicAlgorithm::AesCmac);
/// assert_eq!(akm.pmkid_algorithm()?, (HashAlg::Sha1, PmkIdKey::Pmk)); // as hostapd sends it
/// assert_eq!(akm.mic_algorithm(3)?, MicAlgorithm::AesCmac); // descriptor version 3
/// assert_eq!(akm.key_wrap(3)?, KeyWrap::AesKeyWrap);
/// assert!(akm.mic_algorithm(1).is_err()); // no HMAC-MD5 frames under FT
/// assert!(akm.check_cipher(Cipher::Ccmp128).is_ok());
/// assert!(Akm::SuiteB192.check_cipher(Cipher::Tkip).is_err());
/// assert_eq!(Akm::SuiteB192.kck_len(), 24);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Akm {
    /// 00-0F-AC:1, 802.1X with PMKSA caching (WPA2-Enterprise).
    Ieee8021x,
    /// 00-0F-AC:2, PSK (WPA2-Personal).
    Psk,
    /// 00-0F-AC:3, FT authentication over 802.1X (SHA-256).
    FtIeee8021x,
    /// 00-0F-AC:4, FT authentication using PSK (SHA-256).
    FtPsk,
    /// 00-0F-AC:5, 802.1X with SHA-256 key derivation.
    Ieee8021xSha256,
    /// 00-0F-AC:6, PSK with SHA-256 key derivation.
    PskSha256,
    /// 00-0F-AC:8, SAE (WPA3-Personal).
    Sae,
    /// 00-0F-AC:9, FT authentication over SAE.
    FtSae,
    /// 00-0F-AC:11, Suite B 802.1X with SHA-256.
    SuiteB,
    /// 00-0F-AC:12, Suite B 192-bit 802.1X with SHA-384.
    SuiteB192,
    /// 00-0F-AC:13, FT authentication over 802.1X with SHA-384.
    FtIeee8021xSha384,
    /// 00-0F-AC:18, Opportunistic Wireless Encryption (OWE, RFC 8110): hash and lengths by PMK
    /// length.
    Owe,
    /// 00-0F-AC:19, FT authentication using PSK with SHA-384.
    FtPskSha384,
    /// 00-0F-AC:20, PSK with SHA-384.
    PskSha384,
    /// 00-0F-AC:23, 802.1X with SHA-384.
    Ieee8021xSha384,
    /// 00-0F-AC:24, SAE with the group's hash (SAE-EXT-KEY): hash and lengths by PMK length.
    SaeExtKey,
    /// 00-0F-AC:25, FT authentication over SAE-EXT-KEY: hash and lengths by PMK length.
    FtSaeExtKey,
    /// 00-40-96:0, Cisco Centralized Key Management (CCKM).
    Cckm,
}

/// A pairwise or group data cipher suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cipher {
    /// 00-0F-AC:2, TKIP.
    Tkip,
    /// 00-0F-AC:4, CCMP-128.
    Ccmp128,
    /// 00-0F-AC:8, GCMP-128.
    Gcmp128,
    /// 00-0F-AC:9, GCMP-256.
    Gcmp256,
    /// 00-0F-AC:10, CCMP-256.
    Ccmp256,
}

/// A hash function of the key hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HashAlg {
    /// SHA-1 (20-octet output).
    Sha1,
    /// SHA-256 (32-octet output).
    Sha256,
    /// SHA-384 (48-octet output).
    Sha384,
    /// SHA-512 (64-octet output): SAE and OWE on group 21, SAE-EXT-KEY with a 64-octet PMK.
    Sha512,
}

impl HashAlg {
    /// Output length in octets.
    pub const fn output_len(self) -> usize {
        match self {
            HashAlg::Sha1 => 20,
            HashAlg::Sha256 => 32,
            HashAlg::Sha384 => 48,
            HashAlg::Sha512 => 64,
        }
    }

    /// The key expansion built on this hash: the SHA-1 PRF (12.7.1.2) or KDF-Hash-Length
    /// (12.7.1.6.2).
    pub const fn kdf(self) -> Kdf {
        match self {
            HashAlg::Sha1 => Kdf::Sha1Prf,
            HashAlg::Sha256 => Kdf::Sha256,
            HashAlg::Sha384 => Kdf::Sha384,
            HashAlg::Sha512 => Kdf::Sha512,
        }
    }
}

/// A key expansion function (see [`crate::crypto::prf`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kdf {
    /// The SHA-1 PRF: `HMAC-SHA1(K, label || 0x00 || data || i)`, i from 0.
    Sha1Prf,
    /// KDF-SHA-256: `HMAC-SHA256(K, LE16(i) || label || context || LE16(bits))`, i from 1.
    Sha256,
    /// KDF-SHA-384: as KDF-SHA-256 with HMAC-SHA-384.
    Sha384,
    /// KDF-SHA-512: as KDF-SHA-256 with HMAC-SHA-512.
    Sha512,
}

/// How an AKM derives its PTK.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PtkDerivation {
    /// "Pairwise key expansion" from the PMK with sorted addresses and nonces (12.7.1.3).
    PairwiseKeyExpansion(Kdf),
    /// The FT key hierarchy: XXKey, PMK-R0, PMK-R1, "FT-PTK" (12.7.1.7), with this KDF.
    Ft(Kdf),
    /// Cisco CCKM: KRK and BTK from the NSK, the PTK from the BTK and rekey number.
    Cckm,
}

/// Where the AKM's root key comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeySource {
    /// An MSK from 802.1X/EAP.
    Msk,
    /// A pre-shared key (from a passphrase or given directly).
    Psk,
    /// The PMK that SAE establishes.
    Sae,
    /// The PMK of an OWE Diffie-Hellman exchange (RFC 8110; [`crate::owe`]).
    Owe,
}

/// The key an AKM's PMKID is computed with (12.7.1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PmkIdKey {
    /// `HMAC(PMK, "PMK Name" || AA || SPA)`.
    Pmk,
    /// `HMAC(KCK, "PMK Name" || AA || SPA)`: the Suite B AKMs 11 and 12.
    Kck,
}

/// An EAPOL-Key MIC algorithm (12.7.2, Table 12-10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MicAlgorithm {
    /// Descriptor version 1: HMAC-MD5, 16 octets.
    HmacMd5,
    /// Descriptor version 2: HMAC-SHA1 truncated to 16 octets.
    HmacSha1_128,
    /// Descriptor version 3 and AKM-defined for SAE: AES-128-CMAC, 16 octets.
    AesCmac,
    /// AKM-defined for AKM 11: HMAC-SHA-256 truncated to 16 octets.
    HmacSha256_128,
    /// AKM-defined for the SHA-384 AKMs: HMAC-SHA-384 truncated to 24 octets.
    HmacSha384_192,
    /// AKM-defined for OWE, SAE-EXT-KEY and FT-SAE-EXT-KEY with a 64-octet PMK: HMAC-SHA-512
    /// truncated to 32 octets (hostap `rsn_eapol_key_mic_hash`; the FTE MIC of AKM 25 too).
    HmacSha512_256,
}

impl MicAlgorithm {
    /// MIC length in octets.
    pub const fn mic_len(self) -> usize {
        match self {
            MicAlgorithm::HmacSha384_192 => 24,
            MicAlgorithm::HmacSha512_256 => 32,
            _ => 16,
        }
    }

    /// The algorithm's name, e.g. "HMAC-SHA1-128" or "AES-128-CMAC".
    pub const fn name(self) -> &'static str {
        match self {
            MicAlgorithm::HmacMd5 => "HMAC-MD5",
            MicAlgorithm::HmacSha1_128 => "HMAC-SHA1-128",
            MicAlgorithm::AesCmac => "AES-128-CMAC",
            MicAlgorithm::HmacSha256_128 => "HMAC-SHA256-128",
            MicAlgorithm::HmacSha384_192 => "HMAC-SHA384-192",
            MicAlgorithm::HmacSha512_256 => "HMAC-SHA512-256",
        }
    }

    /// How Key Data is encrypted alongside this EAPOL-Key MIC (12.7.2): RC4 with HMAC-MD5
    /// (descriptor version 1), AES Key Wrap with every other.
    pub const fn key_wrap(self) -> KeyWrap {
        match self {
            MicAlgorithm::HmacMd5 => KeyWrap::Rc4,
            _ => KeyWrap::AesKeyWrap,
        }
    }
}

/// How EAPOL-Key Key Data is encrypted (12.7.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyWrap {
    /// Descriptor version 1: RC4 keyed with EAPOL-Key IV || KEK, 256 octets skipped.
    Rc4,
    /// Every other version: AES Key Wrap (RFC 3394).
    AesKeyWrap,
}

impl KeyWrap {
    /// Octets the wrapping adds to the key it protects: 8 for AES Key Wrap (the encrypted
    /// integrity block), none for RC4.
    pub const fn overhead(self) -> usize {
        match self {
            KeyWrap::Rc4 => 0,
            KeyWrap::AesKeyWrap => 8,
        }
    }
}

/// The security protocol of an association: WPA (v1, the 00-50-F2:1 vendor element) or RSN
/// (WPA2, the RSN element). Cisco CCKM chooses its element MICs and its GTK encryption by the
/// protocol, not by the cipher (see the CCKM notes in `docs/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// WPA (v1): the association carries the WPA vendor element.
    Wpa,
    /// RSN (WPA2): the association carries the RSN element.
    Rsn,
}

impl Protocol {
    /// The MAC of the CCKM reassociation request and response elements, truncated to 8 octets
    /// by the caller: HMAC-MD5 under WPA, HMAC-SHA1 under RSN (`docs/cckm.md` §6, §7).
    pub const fn cckm_mic_algorithm(self) -> MicAlgorithm {
        match self {
            Protocol::Wpa => MicAlgorithm::HmacMd5,
            Protocol::Rsn => MicAlgorithm::HmacSha1_128,
        }
    }

    /// How a CCKM AP encrypts the GTK of its reassociation response (`docs/cckm.md` §8, §9 item 1,
    /// Broadcom's rule): RC4 keyed with `LE32(RN) || KEK` under WPA, AES Key Wrap under the
    /// KEK under RSN.
    pub const fn cckm_gtk_wrap(self) -> KeyWrap {
        match self {
            Protocol::Wpa => KeyWrap::Rc4,
            Protocol::Rsn => KeyWrap::AesKeyWrap,
        }
    }

    /// How a CCKM station decrypts an EGTK of `egtk_len` octets that must carry a GTK of
    /// `gtk_len` octets, by the length rule of `docs/cckm.md` §9 items 1 and 2: the protocol's own
    /// method ([`Protocol::cckm_gtk_wrap`]) when `egtk_len` is the GTK length plus its overhead,
    /// else the other method when the length fits that one (APs disagree for WPA with a CCMP
    /// group cipher), else `None`. The two never collide: their overheads differ.
    ///
    /// ```
    /// use ieee80211_keys::suite::{KeyWrap, Protocol};
    ///
    /// // Each protocol's own method; then a 16-octet GTK: 16 octets of RC4 (WPA's own method)
    /// // or 24 of AES Key Wrap.
    /// assert_eq!((Protocol::Wpa.cckm_gtk_wrap(), Protocol::Rsn.cckm_gtk_wrap()),
    ///     (KeyWrap::Rc4, KeyWrap::AesKeyWrap));
    /// assert_eq!(Protocol::Wpa.cckm_gtk_unwrap(16, 16), Some(KeyWrap::Rc4));
    /// assert_eq!(Protocol::Wpa.cckm_gtk_unwrap(16, 24), Some(KeyWrap::AesKeyWrap));
    /// assert_eq!(Protocol::Rsn.cckm_gtk_unwrap(16, 24), Some(KeyWrap::AesKeyWrap));
    /// assert_eq!(Protocol::Rsn.cckm_gtk_unwrap(16, 20), None);
    /// ```
    pub const fn cckm_gtk_unwrap(self, gtk_len: usize, egtk_len: usize) -> Option<KeyWrap> {
        let own = self.cckm_gtk_wrap();
        let other = match own {
            KeyWrap::Rc4 => KeyWrap::AesKeyWrap,
            KeyWrap::AesKeyWrap => KeyWrap::Rc4,
        };
        if fits(gtk_len, own.overhead(), egtk_len) {
            Some(own)
        } else if fits(gtk_len, other.overhead(), egtk_len) {
            Some(other)
        } else {
            None
        }
    }
}

/// Whether `len + overhead == total`, where a sum that overflows equals nothing (a saturated sum
/// would wrongly equal `usize::MAX`).
const fn fits(len: usize, overhead: usize, total: usize) -> bool {
    match len.checked_add(overhead) {
        Some(sum) => sum == total,
        None => false,
    }
}

/// A length of the key hierarchy, as a rule that may depend on the PMK length (hostap
/// `wpa_kck_len(akmp, pmk_len)` and friends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum LenRule {
    /// The same length for every PMK.
    Fixed(usize),
    /// Half the PMK length (SAE-EXT-KEY's KCK and MIC: 16, 24 or 32 octets).
    HalfPmk,
    /// `.0` octets for a PMK of up to 32 octets, `.1` for a longer one (SAE-EXT-KEY's KEK).
    UpTo32(usize, usize),
}

impl LenRule {
    const fn resolve(self, pmk_len: usize) -> usize {
        match self {
            LenRule::Fixed(n) => n,
            LenRule::HalfPmk => pmk_len / 2,
            LenRule::UpTo32(short, long) => {
                if pmk_len <= 32 {
                    short
                } else {
                    long
                }
            }
        }
    }
}

/// The hash of an AKM's key hierarchy, as a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum HashRule {
    /// The same hash for every PMK.
    Fixed(HashAlg),
    /// Chosen by the PMK length: SHA-256 for 32 octets, SHA-384 for 48, SHA-512 for 64
    /// (SAE-EXT-KEY). Another length is an error.
    ByPmkLen,
}

impl HashRule {
    const fn resolve(self, pmk_len: usize) -> Option<HashAlg> {
        match self {
            HashRule::Fixed(h) => Some(h),
            HashRule::ByPmkLen => match pmk_len {
                32 => Some(HashAlg::Sha256),
                48 => Some(HashAlg::Sha384),
                64 => Some(HashAlg::Sha512),
                _ => None,
            },
        }
    }
}

/// The family of the AKM's PTK derivation; its KDF follows from the resolved hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Family {
    /// The pairwise key expansion (12.7.1.3).
    Pairwise,
    /// The FT key hierarchy (12.7.1.7).
    Ft,
    /// Cisco CCKM.
    Cckm,
}

/// How EAPOL-Key frames of the AKM choose their Key Descriptor Version and MIC (12.7.2,
/// Table 12-10; hostap `wpa_auth.c`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum EapolMic {
    /// Version 1 (HMAC-MD5, RC4) with TKIP, version 2 (HMAC-SHA1-128, AES Key Wrap) with the
    /// other ciphers; a frame may carry either.
    ByCipher,
    /// Version 3: AES-128-CMAC.
    Cmac,
    /// Version 0 (AKM-defined), with this algorithm.
    AkmDefined(MicAlgorithm),
    /// Version 0 (AKM-defined), with the HMAC of the resolved hash truncated to the MIC length
    /// (OWE, SAE-EXT-KEY, FT-SAE-EXT-KEY: HMAC-SHA-256/384/512 by PMK length).
    AkmDefinedHmac,
}

/// The MIC of the Fast BSS Transition element (13.8.4; hostap `wpa_ft_mic`), and what a
/// received FTE's MIC Length subfield (MIC Control bits 1 to 3: 0 for 16 octets, 1 for 24, 2
/// for 32; IEEE 802.11-2020 9.4.2.46 as amended for the 24- and 32-octet MICs) may say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum FteMic {
    /// This algorithm whatever the PMK. The subfield states its length, or is 0: deployed and
    /// the amended text differ here. The bits were reserved before the subfield was defined,
    /// and implementations of that time (hostap before FT-SAE-EXT-KEY, whose FTE writer left
    /// them zero with the 24-octet MIC of AKMs 13 and 19) still send 0; hostap reads the
    /// length of these AKMs from the AKM and ignores the subfield. Accept 0, refuse any other
    /// disagreement.
    Fixed(MicAlgorithm),
    /// The HMAC of the resolved hash, truncated to the KCK length (FT-SAE-EXT-KEY:
    /// HMAC-SHA-256-128, not AES-CMAC, with a 16-octet KCK; HMAC-SHA-384-192; HMAC-SHA-512-256).
    /// The subfield must state that length exactly: it is how hostap's reader
    /// (`wpa_ft_parse_fte`) finds the MIC of AKM 25.
    HmacOfHash,
}

/// One row of the suite table: everything an AKM decides, as data. Lengths and the hash may
/// depend on the PMK length; [`Suite::new`] resolves them.
#[derive(Clone, Copy, Debug)]
struct AkmRow {
    akm: Akm,
    oui: [u8; 3],
    suite_type: u8,
    name: &'static str,
    key_source: KeySource,
    family: Family,
    hash: HashRule,
    /// The PMK lengths the AKM takes. The pairwise key expansion is keyed with the PMK as it
    /// is, so the rows whose lengths do not depend on it take every length a [`crate::Pmk`]
    /// holds, as hostap does; the standard's PMK of 256 (or 384) bits is `msk_pmk_len`.
    pmk_lens: &'static [usize],
    /// The PMK cut from an MSK: `L(MSK, 0, msk_pmk_len * 8)` (12.7.1.3; hostap `INITPMK`).
    msk_pmk_len: usize,
    kck: LenRule,
    kek: LenRule,
    mic_len: LenRule,
    eapol_mic: EapolMic,
    /// The FTE MIC (13.8.4), for the FT AKMs.
    fte_mic: Option<FteMic>,
    /// FT: which octets of the MSK are the XXKey, as `(offset, len)` (12.7.1.7.3).
    xxkey_from_msk: Option<(usize, usize)>,
    /// FT: the XXKey lengths the AKM takes.
    xxkey_lens: &'static [usize],
    /// The PMKID's HMAC and key (12.7.1.3; hostap `rsn_pmkid*`); `None` when the PMKID is not
    /// an HMAC (SAE's comes from the commit scalars).
    pmkid: Option<(HashAlg, PmkIdKey)>,
    /// The pairwise ciphers the AKM combines with.
    ciphers: &'static [Cipher],
}

/// Every PMK length a [`crate::Pmk`] holds.
const ANY_PMK: &[usize] = &[32, 48, 64];
/// Every cipher: the AKMs that require management frame protection, which excludes TKIP.
const NO_TKIP: &[Cipher] = &[Cipher::Ccmp128, Cipher::Gcmp128, Cipher::Gcmp256, Cipher::Ccmp256];
/// The pre-PMF AKMs 1 to 4 take TKIP too.
const ALL_CIPHERS: &[Cipher] = &Cipher::ALL;

/// The AKM row every other row starts from: AKM 2, PSK with the SHA-1 PRF.
const BASE: AkmRow = AkmRow {
    akm: Akm::Psk,
    oui: IEEE_OUI,
    suite_type: 2,
    name: "PSK",
    key_source: KeySource::Psk,
    family: Family::Pairwise,
    hash: HashRule::Fixed(HashAlg::Sha1),
    pmk_lens: ANY_PMK,
    msk_pmk_len: 32,
    kck: LenRule::Fixed(16),
    kek: LenRule::Fixed(16),
    mic_len: LenRule::Fixed(16),
    eapol_mic: EapolMic::ByCipher,
    fte_mic: None,
    xxkey_from_msk: None,
    xxkey_lens: &[],
    pmkid: Some((HashAlg::Sha1, PmkIdKey::Pmk)),
    ciphers: ALL_CIPHERS,
};

/// The SHA-384 rows: KCK 24, KEK 32, MIC 24 (Table 12-10), PMK 384 bits from an MSK.
const SHA384: AkmRow = AkmRow {
    hash: HashRule::Fixed(HashAlg::Sha384),
    msk_pmk_len: 48,
    kck: LenRule::Fixed(24),
    kek: LenRule::Fixed(32),
    mic_len: LenRule::Fixed(24),
    eapol_mic: EapolMic::AkmDefined(MicAlgorithm::HmacSha384_192),
    pmkid: Some((HashAlg::Sha384, PmkIdKey::Pmk)),
    ciphers: NO_TKIP,
    ..BASE
};

/// The SHA-256 rows with descriptor version 3 (AKMs 3 to 6).
const SHA256_V3: AkmRow = AkmRow {
    hash: HashRule::Fixed(HashAlg::Sha256),
    eapol_mic: EapolMic::Cmac,
    pmkid: Some((HashAlg::Sha256, PmkIdKey::Pmk)),
    ciphers: NO_TKIP,
    ..BASE
};

/// The rows whose hash and lengths follow the PMK length: OWE (18), SAE-EXT-KEY (24) and
/// FT-SAE-EXT-KEY (25). PMK of 32, 48 or 64 octets with SHA-256, SHA-384 or SHA-512; KCK and
/// MIC half the PMK; KEK 16 octets for a 32-octet PMK, else 32; AKM-defined descriptor version
/// 0 with the HMAC of the hash truncated to the MIC length; no HMAC PMKID (SAE's comes from the
/// exchange, OWE's from the public values). As hostap's `wpa_kck_len`, `wpa_kek_len` and
/// `wpa_mic_len` (taking the PMK length), `wpa_pmk_to_ptk` and `rsn_eapol_key_mic_hash`.
const BY_PMK_LEN: AkmRow = AkmRow {
    hash: HashRule::ByPmkLen,
    pmk_lens: ANY_PMK,
    kck: LenRule::HalfPmk,
    kek: LenRule::UpTo32(16, 32),
    mic_len: LenRule::HalfPmk,
    eapol_mic: EapolMic::AkmDefinedHmac,
    pmkid: None,
    ciphers: NO_TKIP,
    ..BASE
};

/// The suite table: one row per AKM, in the order of [`Akm`]'s variants (checked at compile
/// time below). A new AKM is a new variant and a new row; nothing else in the crate decides a
/// length, a hash or a MIC by AKM.
const TABLE: [AkmRow; 18] = [
    AkmRow {
        akm: Akm::Ieee8021x,
        suite_type: 1,
        name: "802.1X",
        key_source: KeySource::Msk,
        ..BASE
    },
    BASE,
    AkmRow {
        akm: Akm::FtIeee8021x,
        suite_type: 3,
        name: "FT-802.1X",
        key_source: KeySource::Msk,
        family: Family::Ft,
        fte_mic: Some(FteMic::Fixed(MicAlgorithm::AesCmac)),
        // The second 256 bits of the MSK (12.7.1.7.3).
        xxkey_from_msk: Some((32, 32)),
        xxkey_lens: &[32],
        // Deployed, not the standard's text: 12.7.1.3 would key the PMKID of an AKM whose key
        // derivation uses SHA-256 with HMAC-SHA-256, but hostapd and wpa_supplicant
        // (`rsn_pmkid`, selecting by `wpa_key_mgmt_sha256`, a set that contains neither FT AKM)
        // compute the PMKID of FT-802.1X (3) and FT-PSK (4) with HMAC-SHA-1, and so does the
        // message 1/4 they send. Follow the traffic.
        pmkid: Some((HashAlg::Sha1, PmkIdKey::Pmk)),
        ciphers: ALL_CIPHERS,
        ..SHA256_V3
    },
    AkmRow {
        akm: Akm::FtPsk,
        suite_type: 4,
        name: "FT-PSK",
        family: Family::Ft,
        fte_mic: Some(FteMic::Fixed(MicAlgorithm::AesCmac)),
        xxkey_lens: &[32],
        // HMAC-SHA-1, as for FT-802.1X above (hostap `rsn_pmkid`).
        pmkid: Some((HashAlg::Sha1, PmkIdKey::Pmk)),
        ciphers: ALL_CIPHERS,
        ..SHA256_V3
    },
    AkmRow {
        akm: Akm::Ieee8021xSha256,
        suite_type: 5,
        name: "802.1X-SHA256",
        key_source: KeySource::Msk,
        ..SHA256_V3
    },
    AkmRow { akm: Akm::PskSha256, suite_type: 6, name: "PSK-SHA256", ..SHA256_V3 },
    AkmRow {
        akm: Akm::Sae,
        suite_type: 8,
        name: "SAE",
        key_source: KeySource::Sae,
        eapol_mic: EapolMic::AkmDefined(MicAlgorithm::AesCmac),
        pmkid: None,
        ..SHA256_V3
    },
    AkmRow {
        akm: Akm::FtSae,
        suite_type: 9,
        name: "FT-SAE",
        key_source: KeySource::Sae,
        family: Family::Ft,
        eapol_mic: EapolMic::AkmDefined(MicAlgorithm::AesCmac),
        fte_mic: Some(FteMic::Fixed(MicAlgorithm::AesCmac)),
        xxkey_lens: &[32],
        pmkid: None,
        ..SHA256_V3
    },
    AkmRow {
        akm: Akm::SuiteB,
        suite_type: 11,
        name: "802.1X-SuiteB",
        key_source: KeySource::Msk,
        eapol_mic: EapolMic::AkmDefined(MicAlgorithm::HmacSha256_128),
        pmkid: Some((HashAlg::Sha256, PmkIdKey::Kck)),
        ..SHA256_V3
    },
    AkmRow {
        akm: Akm::SuiteB192,
        suite_type: 12,
        name: "802.1X-SuiteB-192",
        key_source: KeySource::Msk,
        pmkid: Some((HashAlg::Sha384, PmkIdKey::Kck)),
        ..SHA384
    },
    AkmRow {
        akm: Akm::FtIeee8021xSha384,
        suite_type: 13,
        name: "FT-802.1X-SHA384",
        key_source: KeySource::Msk,
        family: Family::Ft,
        fte_mic: Some(FteMic::Fixed(MicAlgorithm::HmacSha384_192)),
        // The first 384 bits of the MSK (12.7.1.7.3).
        xxkey_from_msk: Some((0, 48)),
        xxkey_lens: &[48],
        ..SHA384
    },
    // Deployed and the standard differ for groups 20 and 21: early OWE implementations derived
    // the PTK with SHA-256 whatever the group (hostap keeps that behind `owe_ptk_workaround`,
    // while its KCK, KEK and MIC lengths still follow the PMK). This row follows the PMK
    // length, as the standard and hostap by default do; `Suite::owe_ptk_workaround` is the
    // other, asked for explicitly (a station configured for such an AP, or an AP's second try
    // when the MIC of message 2/4 does not verify, as hostapd does). Older hostap releases
    // gave OWE a 16-octet MIC in every group.
    AkmRow { akm: Akm::Owe, suite_type: 18, name: "OWE", key_source: KeySource::Owe, ..BY_PMK_LEN },
    AkmRow {
        akm: Akm::FtPskSha384,
        suite_type: 19,
        name: "FT-PSK-SHA384",
        family: Family::Ft,
        fte_mic: Some(FteMic::Fixed(MicAlgorithm::HmacSha384_192)),
        // The PSK as given: 32 octets from a passphrase, 48 given directly.
        xxkey_lens: &[32, 48],
        ..SHA384
    },
    AkmRow { akm: Akm::PskSha384, suite_type: 20, name: "PSK-SHA384", ..SHA384 },
    AkmRow {
        akm: Akm::Ieee8021xSha384,
        suite_type: 23,
        name: "802.1X-SHA384",
        key_source: KeySource::Msk,
        ..SHA384
    },
    AkmRow {
        akm: Akm::SaeExtKey,
        suite_type: 24,
        name: "SAE-EXT-KEY",
        key_source: KeySource::Sae,
        ..BY_PMK_LEN
    },
    AkmRow {
        akm: Akm::FtSaeExtKey,
        suite_type: 25,
        name: "FT-SAE-EXT-KEY",
        key_source: KeySource::Sae,
        family: Family::Ft,
        fte_mic: Some(FteMic::HmacOfHash),
        // The XXKey is the SAE PMK: Q (the PMK-R0 and PMK-R1 length) and the hash of the FT
        // hierarchy follow its length (hostap `wpa_derive_pmk_r0`, `wpa_pmk_r1_to_ptk`).
        xxkey_lens: ANY_PMK,
        ..BY_PMK_LEN
    },
    AkmRow {
        akm: Akm::Cckm,
        oui: CISCO_OUI,
        suite_type: 0,
        name: "CCKM",
        key_source: KeySource::Msk,
        family: Family::Cckm,
        // CCKM is defined only for TKIP and CCMP-128 (no CCKM implementation knows the later
        // ciphers).
        ciphers: &[Cipher::Tkip, Cipher::Ccmp128],
        ..BASE
    },
];

// The table is in the order of the variants: `Akm::row` indexes it.
const _: () = {
    let mut i = 0;
    while i < TABLE.len() {
        assert!(TABLE[i].akm as usize == i, "suite TABLE out of the order of Akm's variants");
        i += 1;
    }
};

/// A suite resolved once for an association: AKM, pairwise cipher and PMK length, and every
/// length, hash, KDF, MIC, PMKID rule and key wrap they imply (IEEE 802.11-2020 Tables 9-151
/// and 12-8; hostap `wpa_common.c`).
///
/// Derivation and frame code asks the suite; nothing else decides by AKM.
///
/// ```
/// use ieee80211_keys::suite::{HashAlg, MicAlgorithm, Suite};
/// use ieee80211_keys::{Akm, Cipher};
///
/// let suite = Suite::new(Akm::PskSha384, Cipher::Gcmp256, 48)?;
/// assert_eq!((suite.kck_len(), suite.kek_len(), suite.tk_len()), (24, 32, 32));
/// assert_eq!((suite.ptk_len(), suite.mic_len()), (88, 24));
/// assert_eq!((suite.hash(), suite.mic()), (HashAlg::Sha384, MicAlgorithm::HmacSha384_192));
/// // TKIP needs an AKM without management frame protection; a PMK has 32, 48 or 64 octets.
/// assert!(Suite::new(Akm::PskSha384, Cipher::Tkip, 48).is_err());
/// assert!(Suite::new(Akm::Psk, Cipher::Ccmp128, 40).is_err());
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Suite {
    akm: Akm,
    cipher: Cipher,
    pmk_len: u8,
    hash: HashAlg,
    /// The KDF of the PTK: the hash's, except for OWE with [`Suite::owe_ptk_workaround`].
    ptk_kdf: Kdf,
    kck_len: u8,
    kek_len: u8,
    tk_len: u8,
    kdk_len: u8,
    mic_len: u8,
    mic: MicAlgorithm,
    descriptor_version: u8,
    family: Family,
    key_source: KeySource,
    eapol_mic: EapolMic,
    pmkid: Option<(HashAlg, PmkIdKey)>,
    fte_mic: Option<MicAlgorithm>,
    /// FT: whether a received FTE may leave MIC Control's MIC Length subfield 0 whatever the
    /// MIC length (the rows whose FTE MIC length is fixed; see [`FteMic`]).
    fte_mic_len_zero_ok: bool,
}

impl Suite {
    /// Resolves the suite of `akm` with pairwise `cipher` and a PMK of `pmk_len` octets. A
    /// cipher the AKM does not combine with and a PMK length the AKM does not take are errors.
    // Inlined, with `resolve`: a `Result<Suite>` returned through memory is written field by
    // field and read back whole at once, which stalls on store forwarding (CCKM's rekey, which
    // resolves its suite for every PTK, took 20 ns less on an AMD EPYC, Zen 4).
    #[inline]
    pub fn new(akm: Akm, cipher: Cipher, pmk_len: usize) -> Result<Suite> {
        Suite::resolve(akm.row(), cipher, pmk_len)
    }

    #[inline]
    fn resolve(row: &AkmRow, cipher: Cipher, pmk_len: usize) -> Result<Suite> {
        let akm = row.akm;
        if !contains(row.ciphers, cipher) {
            return Err(Error::UnsupportedCombination { akm, cipher });
        }
        let bad_pmk = Error::InvalidLength { what: "PMK for this AKM", len: pmk_len };
        if !row.pmk_lens.contains(&pmk_len) {
            return Err(bad_pmk);
        }
        let hash = row.hash.resolve(pmk_len).ok_or(bad_pmk)?;
        let mic_len = row.mic_len.resolve(pmk_len);
        let descriptor_version = match row.eapol_mic {
            EapolMic::ByCipher if matches!(cipher, Cipher::Tkip) => 1,
            EapolMic::ByCipher => 2,
            EapolMic::Cmac => 3,
            EapolMic::AkmDefined(_) | EapolMic::AkmDefinedHmac => 0,
        };
        let mic = match mic_for(row.eapol_mic, hash, descriptor_version) {
            Some(mic) => mic,
            None => return Err(Error::DescriptorVersion { akm, version: descriptor_version }),
        };
        // Every length is at most 64 octets: a u8 holds it.
        Ok(Suite {
            akm,
            cipher,
            pmk_len: pmk_len as u8,
            hash,
            ptk_kdf: hash.kdf(),
            kck_len: row.kck.resolve(pmk_len) as u8,
            kek_len: row.kek.resolve(pmk_len) as u8,
            tk_len: cipher.tk_len() as u8,
            kdk_len: 0,
            mic_len: mic_len as u8,
            mic,
            descriptor_version,
            family: row.family,
            key_source: row.key_source,
            eapol_mic: row.eapol_mic,
            pmkid: row.pmkid,
            fte_mic: fte_mic_for(row.fte_mic, hash),
            fte_mic_len_zero_ok: matches!(row.fte_mic, Some(FteMic::Fixed(_))),
        })
    }

    /// This suite with a KDK of `kdk_len` octets appended to the PTK (802.11az; Annex J.13):
    /// 16 to 64 octets, or 0 for none. The KDF's Length input grows with it, so every part of
    /// the PTK differs from the one derived without a KDK.
    ///
    /// ```
    /// use ieee80211_keys::{Akm, Cipher, Pairwise, Pmk, Ptk, Suite};
    /// use subtle::ConstantTimeEq;
    ///
    /// let suite = Suite::new(Akm::PskSha256, Cipher::Ccmp128, 32)?;
    /// let with_kdk = suite.with_kdk(32)?;
    /// assert_eq!((suite.ptk_len(), with_kdk.ptk_len()), (48, 80));
    /// assert!(suite.with_kdk(8).is_err());
    ///
    /// // KDF-SHA-256's Length input grows, so even the KCK differs.
    /// let pmk = Pmk::from_bytes(&[1; 32])?;
    /// let p = Pairwise {
    ///     aa: "02:00:00:00:00:01".parse()?, spa: "02:00:00:00:00:02".parse()?,
    ///     anonce: ieee80211_keys::Nonce::new([3; 32]),
    ///     snonce: ieee80211_keys::Nonce::new([4; 32]),
    /// };
    /// let (a, b) = (Ptk::derive(&pmk, &suite, &p)?, Ptk::derive(&pmk, &with_kdk, &p)?);
    /// assert_eq!(b.kdk().map(|k| k.len()), Some(32));
    /// assert!(!bool::from(a.kck().ct_eq(b.kck())));
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn with_kdk(self, kdk_len: usize) -> Result<Suite> {
        if kdk_len != 0 && !(16..=64).contains(&kdk_len) {
            return Err(Error::InvalidLength { what: "KDK", len: kdk_len });
        }
        Ok(Suite { kdk_len: kdk_len as u8, ..self })
    }

    /// OWE (AKM 18) as an old AP derives its PTK: KDF-SHA-256 whatever the group, where the
    /// standard (IEEE 802.11-2020 12.7.1.3 with RFC 8110) and [`Suite::new`] take the hash of
    /// the PMK length (SHA-384 for group 20, SHA-512 for group 21). Everything else is the
    /// standard row's: the KCK, KEK and MIC lengths and the MIC follow the PMK length.
    ///
    /// This is hostap's `owe_ptk_workaround`: wpa_supplicant's network option derives the PTK
    /// this way for a PMK longer than 32 octets (for APs that shipped it), and hostapd with
    /// the option set first tries the standard PTK on message 2/4 and, when its MIC does not
    /// verify, this one (`wpa_derive_ptk` with `WPA_KEY_MGMT_PSK_SHA256` added to the AKM,
    /// `wpa_pmk_to_ptk`). With a 32-octet PMK (group 19) it is [`Suite::new`]'s suite.
    ///
    /// ```
    /// use ieee80211_keys::suite::{Kdf, MicAlgorithm};
    /// use ieee80211_keys::{Akm, Cipher, Nonce, Pairwise, Pmk, Ptk, Suite};
    /// use subtle::ConstantTimeEq;
    ///
    /// // An OWE PMK of group 20: 48 octets.
    /// let standard = Suite::new(Akm::Owe, Cipher::Ccmp128, 48)?;
    /// let old_ap = Suite::owe_ptk_workaround(Cipher::Ccmp128, 48)?;
    /// assert_eq!((standard.kdf(), old_ap.kdf()), (Kdf::Sha384, Kdf::Sha256));
    /// // Only the KDF differs: KCK 24, KEK 32, HMAC-SHA-384-192 MICs either way.
    /// assert_eq!((old_ap.kck_len(), old_ap.kek_len(), old_ap.mic()), (24, 32, MicAlgorithm::HmacSha384_192));
    ///
    /// // An AP that meets a station it cannot verify with the standard PTK tries this one.
    /// let pmk = Pmk::from_bytes(&[0x42; 48])?;
    /// let p = Pairwise {
    ///     aa: "02:00:00:00:00:01".parse()?, spa: "02:00:00:00:00:02".parse()?,
    ///     anonce: Nonce::new([1; 32]), snonce: Nonce::new([2; 32]),
    /// };
    /// let (a, b) = (Ptk::derive(&pmk, &standard, &p)?, Ptk::derive(&pmk, &old_ap, &p)?);
    /// assert!(!bool::from(a.kck().ct_eq(b.kck())));
    /// // Group 19: the same suite.
    /// assert_eq!(Suite::owe_ptk_workaround(Cipher::Ccmp128, 32)?, Suite::new(Akm::Owe, Cipher::Ccmp128, 32)?);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn owe_ptk_workaround(cipher: Cipher, pmk_len: usize) -> Result<Suite> {
        let standard = Suite::new(Akm::Owe, cipher, pmk_len)?;
        Ok(Suite { ptk_kdf: Kdf::Sha256, ..standard })
    }

    /// The AKM.
    pub const fn akm(&self) -> Akm {
        self.akm
    }

    /// The pairwise cipher.
    pub const fn cipher(&self) -> Cipher {
        self.cipher
    }

    /// The PMK length in octets.
    pub const fn pmk_len(&self) -> usize {
        self.pmk_len as usize
    }

    /// The hash of the key hierarchy.
    pub const fn hash(&self) -> HashAlg {
        self.hash
    }

    /// The key expansion of the PTK: the SHA-1 PRF or KDF-SHA-256/384/512, the one of
    /// [`Suite::hash`] (KDF-SHA-256 for OWE with [`Suite::owe_ptk_workaround`]).
    pub const fn kdf(&self) -> Kdf {
        self.ptk_kdf
    }

    /// How the PTK is derived.
    pub const fn derivation(&self) -> PtkDerivation {
        match self.family {
            Family::Pairwise => PtkDerivation::PairwiseKeyExpansion(self.kdf()),
            Family::Ft => PtkDerivation::Ft(self.kdf()),
            Family::Cckm => PtkDerivation::Cckm,
        }
    }

    /// Where the root key comes from.
    pub const fn key_source(&self) -> KeySource {
        self.key_source
    }

    /// KCK length in octets.
    pub const fn kck_len(&self) -> usize {
        self.kck_len as usize
    }

    /// KEK length in octets.
    pub const fn kek_len(&self) -> usize {
        self.kek_len as usize
    }

    /// TK length in octets: the pairwise cipher's ([`Cipher::tk_len`]).
    pub const fn tk_len(&self) -> usize {
        self.tk_len as usize
    }

    /// KDK length in octets, 0 without a KDK ([`Suite::with_kdk`]).
    pub const fn kdk_len(&self) -> usize {
        self.kdk_len as usize
    }

    /// PTK length in octets: KCK + KEK + TK + KDK.
    pub const fn ptk_len(&self) -> usize {
        self.kck_len() + self.kek_len() + self.tk_len() + self.kdk_len()
    }

    /// The EAPOL-Key MIC length in octets, which is also the Key MIC field's length.
    pub const fn mic_len(&self) -> usize {
        self.mic_len as usize
    }

    /// The Key Descriptor Version this suite sends: 0 (AKM-defined), 1, 2 or 3.
    pub const fn descriptor_version(&self) -> u8 {
        self.descriptor_version
    }

    /// The EAPOL-Key MIC algorithm of the frames this suite sends.
    pub const fn mic(&self) -> MicAlgorithm {
        self.mic
    }

    /// The EAPOL-Key MIC algorithm for a received frame of `descriptor_version`: AKMs 1, 2 and
    /// CCKM accept version 1 and 2 frames whatever the cipher. A version the AKM does not use
    /// is [`Error::DescriptorVersion`].
    ///
    /// ```
    /// use ieee80211_keys::suite::{KeyWrap, MicAlgorithm};
    /// use ieee80211_keys::{Akm, Cipher, Suite};
    ///
    /// // WPA2-PSK with TKIP sends version 1 frames (HMAC-MD5, RC4), but version 2 is accepted.
    /// let suite = Suite::new(Akm::Psk, Cipher::Tkip, 32)?;
    /// assert_eq!(suite.mic_for_version(1)?, MicAlgorithm::HmacMd5);
    /// assert_eq!(suite.mic_for_version(2)?, MicAlgorithm::HmacSha1_128);
    /// assert_eq!(suite.key_wrap_for_version(1)?, KeyWrap::Rc4);
    /// assert_eq!(suite.key_wrap_for_version(2)?, KeyWrap::AesKeyWrap);
    /// // SAE uses only the AKM-defined version 0.
    /// let sae = Suite::new(Akm::Sae, Cipher::Ccmp128, 32)?;
    /// assert!(sae.mic_for_version(2).is_err());
    /// assert_eq!(sae.key_wrap_for_version(0)?, KeyWrap::AesKeyWrap);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn mic_for_version(&self, descriptor_version: u8) -> Result<MicAlgorithm> {
        mic_for(self.eapol_mic, self.hash, descriptor_version)
            .ok_or(Error::DescriptorVersion { akm: self.akm(), version: descriptor_version })
    }

    /// How this suite's Key Data is encrypted.
    pub const fn key_wrap(&self) -> KeyWrap {
        self.mic.key_wrap()
    }

    /// How the Key Data of a received frame of `descriptor_version` is encrypted.
    pub fn key_wrap_for_version(&self, descriptor_version: u8) -> Result<KeyWrap> {
        self.mic_for_version(descriptor_version).map(MicAlgorithm::key_wrap)
    }

    /// The hash and key of the PMKID (12.7.1.3). SAE's PMKID is not an HMAC (it comes from
    /// the commit scalars): an error.
    ///
    /// ```
    /// use ieee80211_keys::suite::{HashAlg, PmkIdKey};
    /// use ieee80211_keys::{Akm, Cipher, Suite};
    ///
    /// let psk = Suite::new(Akm::PskSha256, Cipher::Ccmp128, 32)?;
    /// assert_eq!(psk.pmkid_key()?, (HashAlg::Sha256, PmkIdKey::Pmk));
    /// let suite_b = Suite::new(Akm::SuiteB192, Cipher::Gcmp256, 48)?;
    /// assert_eq!(suite_b.pmkid_key()?, (HashAlg::Sha384, PmkIdKey::Kck));
    /// // SAE's PMKID comes from the SAE exchange, not from an HMAC.
    /// assert!(Suite::new(Akm::Sae, Cipher::Ccmp128, 32)?.pmkid_key().is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn pmkid_key(&self) -> Result<(HashAlg, PmkIdKey)> {
        self.pmkid.ok_or(Error::NotForAkm {
            akm: self.akm(),
            operation: "an HMAC PMKID (SAE's PMKID comes from the SAE exchange, OWE's from the public values)",
        })
    }

    /// FT only: the algorithm of the MIC in the Fast BSS Transition element (13.8.4), whose
    /// [`MicAlgorithm::mic_len`] is also the FTE's MIC field length. An error for other AKMs.
    ///
    /// ```
    /// use ieee80211_keys::suite::MicAlgorithm;
    /// use ieee80211_keys::{Akm, Cipher, Suite};
    ///
    /// let ft = Suite::new(Akm::FtPsk, Cipher::Ccmp128, 32)?;
    /// assert_eq!((ft.fte_mic()?, ft.fte_mic()?.mic_len()), (MicAlgorithm::AesCmac, 16));
    /// let ft384 = Suite::new(Akm::FtIeee8021xSha384, Cipher::Gcmp256, 48)?;
    /// assert_eq!(ft384.fte_mic()?.mic_len(), 24);
    /// assert!(Suite::new(Akm::Psk, Cipher::Ccmp128, 32)?.fte_mic().is_err()); // not FT
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn fte_mic(&self) -> Result<MicAlgorithm> {
        self.fte_mic
            .ok_or(Error::NotForAkm { akm: self.akm(), operation: "an FTE MIC (FT AKMs only)" })
    }

    /// FT only: the MIC Length subfield (MIC Control bits 1 to 3, IEEE 802.11-2020 9.4.2.46 as
    /// amended) that states this suite's FTE MIC length: 0 for 16 octets, 1 for 24, 2 for 32.
    /// An error for other AKMs.
    ///
    /// ```
    /// use ieee80211_keys::{Akm, Cipher, Suite};
    ///
    /// assert_eq!(Suite::new(Akm::FtSae, Cipher::Ccmp128, 32)?.fte_mic_len_subfield()?, 0);
    /// assert_eq!(Suite::new(Akm::FtPskSha384, Cipher::Ccmp128, 48)?.fte_mic_len_subfield()?, 1);
    /// assert_eq!(Suite::new(Akm::FtSaeExtKey, Cipher::Ccmp128, 64)?.fte_mic_len_subfield()?, 2);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn fte_mic_len_subfield(&self) -> Result<u8> {
        // 16, 24 or 32 octets: 0, 1 or 2.
        Ok((self.fte_mic()?.mic_len() / 8 - 2) as u8)
    }

    /// FT only: checks the MIC Length subfield of a received FTE (MIC Control bits 1 to 3)
    /// against this suite's FTE MIC length. The subfield must state the suite's length; for
    /// the AKMs whose FTE MIC length is fixed (3, 4, 9: 16 octets; 13, 19: 24) it may also be
    /// 0, as implementations written before the subfield existed send it (see the FT rows of
    /// the suite table). A disagreement is [`Error::MalformedElement`] naming the FTE.
    ///
    /// ```
    /// use ieee80211_keys::{Akm, Cipher, Suite};
    ///
    /// // FT-SAE-EXT-KEY with a 48-octet PMK: a 24-octet MIC, subfield 1 and nothing else.
    /// let ext = Suite::new(Akm::FtSaeExtKey, Cipher::Ccmp128, 48)?;
    /// assert!(ext.check_fte_mic_len_subfield(1).is_ok());
    /// assert!(ext.check_fte_mic_len_subfield(0).is_err());
    /// // FT-802.1X-SHA384: 24 octets, stated (1) or left 0 by an older sender.
    /// let ft384 = Suite::new(Akm::FtIeee8021xSha384, Cipher::Ccmp128, 48)?;
    /// assert!(ft384.check_fte_mic_len_subfield(1).is_ok() && ft384.check_fte_mic_len_subfield(0).is_ok());
    /// assert!(ft384.check_fte_mic_len_subfield(2).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn check_fte_mic_len_subfield(&self, subfield: u8) -> Result<()> {
        if subfield == self.fte_mic_len_subfield()? || (subfield == 0 && self.fte_mic_len_zero_ok) {
            Ok(())
        } else {
            Err(Error::MalformedElement {
                reason: "FTE: the MIC Length subfield of MIC Control disagrees with the AKM's FTE MIC length",
            })
        }
    }
}

/// The EAPOL-Key MIC of a row's `rule` for a frame of `version`, `None` for a version it does not use.
const fn mic_for(rule: EapolMic, hash: HashAlg, version: u8) -> Option<MicAlgorithm> {
    match (rule, version) {
        (EapolMic::ByCipher, 1) => Some(MicAlgorithm::HmacMd5),
        (EapolMic::ByCipher, 2) => Some(MicAlgorithm::HmacSha1_128),
        (EapolMic::Cmac, 3) => Some(MicAlgorithm::AesCmac),
        (EapolMic::AkmDefined(alg), 0) => Some(alg),
        (EapolMic::AkmDefinedHmac, 0) => match hash {
            HashAlg::Sha1 => None,
            HashAlg::Sha256 => Some(MicAlgorithm::HmacSha256_128),
            HashAlg::Sha384 => Some(MicAlgorithm::HmacSha384_192),
            HashAlg::Sha512 => Some(MicAlgorithm::HmacSha512_256),
        },
        _ => None,
    }
}

/// The FTE MIC of a row's `rule` with the resolved `hash`; `None` for the non-FT rows.
const fn fte_mic_for(rule: Option<FteMic>, hash: HashAlg) -> Option<MicAlgorithm> {
    match rule {
        Some(FteMic::Fixed(alg)) => Some(alg),
        Some(FteMic::HmacOfHash) => mic_for(EapolMic::AkmDefinedHmac, hash, 0),
        None => None,
    }
}

const fn contains(ciphers: &[Cipher], cipher: Cipher) -> bool {
    let mut i = 0;
    while i < ciphers.len() {
        if ciphers[i] as usize == cipher as usize {
            return true;
        }
        i += 1;
    }
    false
}

impl fmt::Display for Suite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {} / PMK {}", self.akm().name(), self.cipher, self.pmk_len)?;
        if self.ptk_kdf as usize != self.hash.kdf() as usize {
            f.write_str(" / PTK with KDF-SHA-256 (owe_ptk_workaround)")?;
        }
        Ok(())
    }
}

impl Akm {
    /// Every AKM the crate supports.
    pub const ALL: [Akm; 18] = {
        let mut all = [Akm::Psk; 18];
        let mut i = 0;
        while i < TABLE.len() {
            all[i] = TABLE[i].akm;
            i += 1;
        }
        all
    };

    /// The AKM's row of the suite table.
    const fn row(self) -> &'static AkmRow {
        &TABLE[self as usize]
    }

    /// The AKM's suite resolved with the length of the PMK the row's lengths assume (32
    /// octets; 48 for the SHA-384 AKMs), for the thin wrappers below.
    const fn default_pmk_len(self) -> usize {
        self.row().msk_pmk_len
    }

    /// The 4-octet suite selector (OUI and type) as carried in the RSNE.
    pub const fn selector(self) -> [u8; 4] {
        let r = self.row();
        [r.oui[0], r.oui[1], r.oui[2], r.suite_type]
    }

    /// Parses a 4-octet suite selector. Accepts the RSNE selectors 00-0F-AC:n, the WPA (v1)
    /// selectors 00-50-F2:1 and :2 (802.1X and PSK), and Cisco CCKM 00-40-96:0.
    ///
    /// ```
    /// use ieee80211_keys::Akm;
    ///
    /// assert_eq!(Akm::from_selector(&[0x00, 0x0f, 0xac, 2])?, Akm::Psk);
    /// assert_eq!(Akm::from_selector(&[0x00, 0x50, 0xf2, 2])?, Akm::Psk); // WPA (v1)
    /// assert_eq!(Akm::from_selector(&Akm::FtSae.selector())?, Akm::FtSae);
    /// assert!(Akm::from_selector(&[0x00, 0x0f, 0xac, 0]).is_err()); // reserved
    /// assert!(Akm::from_selector(&[0x00, 0x0f, 0xac]).is_err()); // not 4 octets
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_selector(selector: &[u8]) -> Result<Akm> {
        let s: [u8; 4] = selector.try_into().map_err(|_| Error::InvalidLength {
            what: "AKM suite selector",
            len: selector.len(),
        })?;
        let unknown = Error::UnknownAkm { selector: s };
        let (oui, t) = ([s[0], s[1], s[2]], s[3]);
        if oui == WPA_OUI {
            // WPA (v1) names the two AKMs of its time by the IEEE types.
            return match t {
                1 | 2 => Akm::from_selector(&[IEEE_OUI[0], IEEE_OUI[1], IEEE_OUI[2], t]),
                _ => Err(unknown),
            };
        }
        Akm::ALL.into_iter().find(|a| a.selector() == s).ok_or(unknown)
    }

    /// The hash of the AKM's key hierarchy: SHA-1 for AKMs 1, 2 and CCKM; SHA-384 for 12, 13,
    /// 19, 20, 23; SHA-256 for the rest (hostap `wpa_key_mgmt_sha256/sha384`).
    pub const fn hash(self) -> HashAlg {
        match self.row().hash.resolve(self.default_pmk_len()) {
            Some(h) => h,
            None => HashAlg::Sha256,
        }
    }

    /// Whether this is a Fast BSS Transition (802.11r) AKM.
    pub const fn is_ft(self) -> bool {
        matches!(self.row().family, Family::Ft)
    }

    /// How the PTK is derived ([`Suite::derivation`]).
    pub const fn ptk_derivation(self) -> PtkDerivation {
        match self.row().family {
            Family::Pairwise => PtkDerivation::PairwiseKeyExpansion(self.hash().kdf()),
            Family::Ft => PtkDerivation::Ft(self.hash().kdf()),
            Family::Cckm => PtkDerivation::Cckm,
        }
    }

    /// FT only: which octets of the MSK are the XXKey (12.7.1.7.3), as `(offset, len)`: the
    /// **second** 256 bits for FT-802.1X (3), the first 384 bits for FT-802.1X-SHA384 (13).
    /// `None` for every AKM whose XXKey does not come from an MSK.
    pub const fn xxkey_from_msk(self) -> Option<(usize, usize)> {
        self.row().xxkey_from_msk
    }

    /// FT only: the octet lengths the AKM's XXKey may have (12.7.1.7.3). 32 for the SHA-256 FT
    /// AKMs (3, 4, 9), 48 for FT-802.1X-SHA384 (13); FT-PSK-SHA384 (19) takes the PSK as given,
    /// 32 octets from a passphrase or 48 given directly. Empty for non-FT AKMs.
    pub const fn xxkey_lengths(self) -> &'static [usize] {
        self.row().xxkey_lens
    }

    /// FT only: the algorithm of the MIC in the Fast BSS Transition element ([`Suite::fte_mic`]).
    pub fn fte_mic_algorithm(self) -> Result<MicAlgorithm> {
        fte_mic_for(self.row().fte_mic, self.hash())
            .ok_or(Error::NotForAkm { akm: self, operation: "an FTE MIC (FT AKMs only)" })
    }

    /// The hash of the AKM's key hierarchy for a PMK (for FT, an XXKey) of `key_len` octets:
    /// the row's own hash, or the one the length selects for the AKMs whose hash follows it
    /// (OWE, SAE-EXT-KEY, FT-SAE-EXT-KEY: 32, 48, 64 octets for SHA-256, -384, -512). A
    /// length the rule does not cover is an error.
    ///
    /// ```
    /// use ieee80211_keys::{suite::HashAlg, Akm};
    /// assert_eq!(Akm::SaeExtKey.hash_for(48), Ok(HashAlg::Sha384));
    /// assert_eq!(Akm::FtSaeExtKey.hash_for(64), Ok(HashAlg::Sha512));
    /// assert_eq!(Akm::PskSha256.hash_for(48), Ok(HashAlg::Sha256)); // fixed by the AKM
    /// assert!(Akm::Owe.hash_for(40).is_err());
    /// ```
    pub fn hash_for(self, key_len: usize) -> Result<HashAlg> {
        self.row()
            .hash
            .resolve(key_len)
            .ok_or(Error::InvalidLength { what: "PMK for this AKM", len: key_len })
    }

    /// Where the root key comes from.
    pub const fn key_source(self) -> KeySource {
        self.row().key_source
    }

    /// PMK length in octets when the PMK comes from an MSK: `L(MSK, 0, 256)`, or `L(MSK, 0, 384)`
    /// for the SHA-384 AKMs (hostap `PMK_LEN_SUITE_B_192`).
    pub const fn pmk_len(self) -> usize {
        self.row().msk_pmk_len
    }

    /// KCK length in octets for the AKM's usual PMK ([`Suite::kck_len`]).
    pub const fn kck_len(self) -> usize {
        self.row().kck.resolve(self.default_pmk_len())
    }

    /// KEK length in octets for the AKM's usual PMK ([`Suite::kek_len`]).
    pub const fn kek_len(self) -> usize {
        self.row().kek.resolve(self.default_pmk_len())
    }

    /// EAPOL-Key MIC length in octets for the AKM's usual PMK ([`Suite::mic_len`]).
    pub const fn mic_len(self) -> usize {
        self.row().mic_len.resolve(self.default_pmk_len())
    }

    /// Whether the AKM can be used with this pairwise cipher. TKIP combines only with the
    /// pre-PMF AKMs 1 to 4 and CCKM; every other AKM requires management frame protection,
    /// which excludes TKIP. CCKM is defined only for TKIP and CCMP-128.
    pub const fn combines_with(self, cipher: Cipher) -> bool {
        contains(self.row().ciphers, cipher)
    }

    /// Checks [`Akm::combines_with`], as a `Result`.
    pub fn check_cipher(self, cipher: Cipher) -> Result<()> {
        if self.combines_with(cipher) {
            Ok(())
        } else {
            Err(Error::UnsupportedCombination { akm: self, cipher })
        }
    }

    /// PTK length in octets for a pairwise cipher and the AKM's usual PMK: KCK + KEK + TK
    /// (without a KDK; [`Suite::ptk_len`]).
    pub const fn ptk_len(self, cipher: Cipher) -> usize {
        self.kck_len() + self.kek_len() + cipher.tk_len()
    }

    /// The hash and key of the AKM's PMKID ([`Suite::pmkid_key`]).
    pub fn pmkid_algorithm(self) -> Result<(HashAlg, PmkIdKey)> {
        self.row().pmkid.ok_or(Error::NotForAkm {
            akm: self,
            operation: "an HMAC PMKID (SAE's PMKID comes from the SAE exchange, OWE's from the public values)",
        })
    }

    /// The Key Descriptor Version used with a pairwise cipher ([`Suite::descriptor_version`]).
    pub const fn descriptor_version(self, pairwise: Cipher) -> u8 {
        match self.row().eapol_mic {
            EapolMic::ByCipher if matches!(pairwise, Cipher::Tkip) => 1,
            EapolMic::ByCipher => 2,
            EapolMic::Cmac => 3,
            EapolMic::AkmDefined(_) | EapolMic::AkmDefinedHmac => 0,
        }
    }

    /// The EAPOL-Key MIC algorithm for a frame of this Key Descriptor Version
    /// ([`Suite::mic_for_version`]). A version the AKM does not use is an error.
    pub fn mic_algorithm(self, descriptor_version: u8) -> Result<MicAlgorithm> {
        mic_for(self.row().eapol_mic, self.hash(), descriptor_version)
            .ok_or(Error::DescriptorVersion { akm: self, version: descriptor_version })
    }

    /// How Key Data is encrypted for a Key Descriptor Version.
    pub fn key_wrap(self, descriptor_version: u8) -> Result<KeyWrap> {
        self.mic_algorithm(descriptor_version).map(MicAlgorithm::key_wrap)
    }

    /// A short name from the standard, e.g. "PSK" or "FT-802.1X-SHA384".
    pub const fn name(self) -> &'static str {
        self.row().name
    }
}

impl fmt::Display for Akm {
    /// The name and the selector, e.g. `PSK (00-0f-ac:2)`; [`str::parse`] reads it back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.selector();
        write!(f, "{} ({:02x}-{:02x}-{:02x}:{})", self.name(), s[0], s[1], s[2], s[3])
    }
}

impl FromStr for Akm {
    type Err = Error;

    /// Parses a name, case-insensitively (`psk`, `ft-802.1x-sha384`, `sae`), a selector
    /// (`00-0f-ac:2`, `00:0f:ac:2`, `00-40-96:0`), or both as [`Akm`]'s `Display` writes them
    /// (`PSK (00-0f-ac:2)`, where they must agree).
    ///
    /// ```
    /// use ieee80211_keys::Akm;
    /// assert_eq!("psk".parse::<Akm>()?, Akm::Psk);
    /// assert_eq!("00-0f-ac:8".parse::<Akm>()?, Akm::Sae);
    /// assert_eq!(Akm::FtPsk.to_string().parse::<Akm>()?, Akm::FtPsk);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Akm> {
        parse_suite(s, "AKM suite", Akm::ALL.as_slice(), Akm::name, |sel| Akm::from_selector(&sel))
    }
}

impl FromStr for Cipher {
    type Err = Error;

    /// Parses a name, case-insensitively (`ccmp-128`, `CCMP`, `gcmp-256`, `tkip`) or a
    /// selector (`00-0f-ac:4`).
    ///
    /// ```
    /// use ieee80211_keys::Cipher;
    /// assert_eq!("ccmp-128".parse::<Cipher>()?, Cipher::Ccmp128);
    /// assert_eq!("00-0f-ac:9".parse::<Cipher>()?, Cipher::Gcmp256);
    /// assert_eq!(Cipher::Tkip.to_string().parse::<Cipher>()?, Cipher::Tkip);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Cipher> {
        // "CCMP" is the usual short name of CCMP-128 (hostap's `pairwise=CCMP`).
        if s.trim().eq_ignore_ascii_case("ccmp") {
            return Ok(Cipher::Ccmp128);
        }
        parse_suite(s, "cipher suite", Cipher::ALL.as_slice(), Cipher::name, |sel| {
            Cipher::from_selector(&sel)
        })
    }
}

/// Reads `name`, `oo-oo-oo:t`, or `name (oo-oo-oo:t)` with both naming the same suite.
fn parse_suite<T: Copy + PartialEq>(
    s: &str,
    what: &'static str,
    all: &[T],
    name: fn(T) -> &'static str,
    by_selector: fn([u8; 4]) -> Result<T>,
) -> Result<T> {
    let bad = Error::InvalidText { what };
    let s = s.trim();
    if let Some((n, rest)) = s.split_once(" (") {
        let sel = rest.strip_suffix(')').ok_or(bad)?;
        let (a, b) = (parse_suite(n, what, all, name, by_selector)?, by_selector(selector(sel)?)?);
        return if a == b { Ok(a) } else { Err(bad) };
    }
    if let Some(&t) = all.iter().find(|&&t| name(t).eq_ignore_ascii_case(s)) {
        return Ok(t);
    }
    by_selector(selector(s).map_err(|_| bad)?)
}

/// Reads a selector written `00-0f-ac:2` or `00:0f:ac:2` (the type in decimal).
fn selector(s: &str) -> Result<[u8; 4]> {
    let bad = Error::InvalidText { what: "suite selector" };
    let (oui, t) = s.rsplit_once(':').ok_or(bad)?;
    let o = oui.as_bytes();
    if o.len() != 8 || !(o[2] == o[5] && (o[2] == b'-' || o[2] == b':')) {
        return Err(bad);
    }
    let octet = |i: usize| crate::types::hex_octet(o[i], o[i + 1]).ok_or(bad);
    let t = t.parse::<u8>().map_err(|_| bad)?;
    Ok([octet(0)?, octet(3)?, octet(6)?, t])
}

impl Cipher {
    /// Every cipher the crate supports.
    pub const ALL: [Cipher; 5] =
        [Cipher::Tkip, Cipher::Ccmp128, Cipher::Gcmp128, Cipher::Gcmp256, Cipher::Ccmp256];

    /// The 4-octet suite selector as carried in the RSNE.
    pub const fn selector(self) -> [u8; 4] {
        let t = match self {
            Cipher::Tkip => 2,
            Cipher::Ccmp128 => 4,
            Cipher::Gcmp128 => 8,
            Cipher::Gcmp256 => 9,
            Cipher::Ccmp256 => 10,
        };
        [IEEE_OUI[0], IEEE_OUI[1], IEEE_OUI[2], t]
    }

    /// Parses a 4-octet suite selector: 00-0F-AC:n, or the WPA (v1) 00-50-F2:2 (TKIP) and
    /// 00-50-F2:4 (CCMP).
    ///
    /// ```
    /// use ieee80211_keys::Cipher;
    ///
    /// assert_eq!(Cipher::from_selector(&[0x00, 0x0f, 0xac, 4])?, Cipher::Ccmp128);
    /// assert_eq!(Cipher::from_selector(&[0x00, 0x50, 0xf2, 2])?, Cipher::Tkip); // WPA (v1)
    /// assert!(Cipher::from_selector(&[0x00, 0x0f, 0xac, 1]).is_err()); // WEP-40: not supported
    /// assert!(Cipher::from_selector(&[0x00, 0x0f, 0xac, 4, 0]).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_selector(selector: &[u8]) -> Result<Cipher> {
        let s: [u8; 4] = selector.try_into().map_err(|_| Error::InvalidLength {
            what: "cipher suite selector",
            len: selector.len(),
        })?;
        let unknown = Error::UnknownCipher { selector: s };
        let (oui, t) = ([s[0], s[1], s[2]], s[3]);
        if oui == WPA_OUI {
            return match t {
                2 => Ok(Cipher::Tkip),
                4 => Ok(Cipher::Ccmp128),
                _ => Err(unknown),
            };
        }
        if oui != IEEE_OUI {
            return Err(unknown);
        }
        Cipher::ALL.into_iter().find(|c| c.selector()[3] == t).ok_or(unknown)
    }

    /// Temporal key length in octets (hostap `wpa_cipher_key_len`). TKIP's 32 octets are the
    /// 16-octet temporal key and the two 8-octet Michael keys.
    pub const fn tk_len(self) -> usize {
        match self {
            Cipher::Ccmp128 | Cipher::Gcmp128 => 16,
            Cipher::Tkip | Cipher::Ccmp256 | Cipher::Gcmp256 => 32,
        }
    }

    /// Group temporal key length in octets: the same as [`Cipher::tk_len`].
    pub const fn gtk_len(self) -> usize {
        self.tk_len()
    }

    /// The name from the standard, e.g. "CCMP-128".
    pub const fn name(self) -> &'static str {
        match self {
            Cipher::Tkip => "TKIP",
            Cipher::Ccmp128 => "CCMP-128",
            Cipher::Gcmp128 => "GCMP-128",
            Cipher::Gcmp256 => "GCMP-256",
            Cipher::Ccmp256 => "CCMP-256",
        }
    }
}

impl fmt::Display for Cipher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_round_trip() {
        for a in Akm::ALL {
            assert_eq!(Akm::from_selector(&a.selector()), Ok(a));
        }
        for c in Cipher::ALL {
            assert_eq!(Cipher::from_selector(&c.selector()), Ok(c));
        }
        assert_eq!(Akm::from_selector(&[0, 0x50, 0xf2, 2]), Ok(Akm::Psk));
        assert_eq!(Cipher::from_selector(&[0, 0x50, 0xf2, 4]), Ok(Cipher::Ccmp128));
        assert_eq!(
            Akm::from_selector(&[0, 0x0f, 0xac, 7]),
            Err(Error::UnknownAkm { selector: [0, 0x0f, 0xac, 7] })
        );
        assert!(Akm::from_selector(&[0, 0x0f, 0xac]).is_err());
        assert!(Cipher::from_selector(&[0, 0x0f, 0xac, 1]).is_err());
    }

    #[test]
    fn table_rows() {
        // IEEE 802.11-2020 Table 9-151 and Table 12-10, with 12.7.1.3 and 12.7.2.
        assert_eq!(Akm::Psk.ptk_len(Cipher::Ccmp128), 48);
        assert_eq!(Akm::Psk.ptk_len(Cipher::Tkip), 64);
        assert_eq!(Akm::SuiteB192.ptk_len(Cipher::Gcmp256), 88);
        assert_eq!(Akm::FtIeee8021xSha384.ptk_len(Cipher::Ccmp128), 72);
        assert_eq!(Akm::SuiteB.mic_algorithm(0), Ok(MicAlgorithm::HmacSha256_128));
        assert_eq!(Akm::Sae.mic_algorithm(0), Ok(MicAlgorithm::AesCmac));
        assert_eq!(Akm::PskSha256.mic_algorithm(3), Ok(MicAlgorithm::AesCmac));
        assert_eq!(Akm::Psk.mic_algorithm(1), Ok(MicAlgorithm::HmacMd5));
        assert_eq!(Akm::Cckm.mic_algorithm(2), Ok(MicAlgorithm::HmacSha1_128));
        assert_eq!(Akm::Ieee8021xSha384.mic_algorithm(0), Ok(MicAlgorithm::HmacSha384_192));
        assert!(Akm::Psk.mic_algorithm(3).is_err());
        assert!(Akm::Sae.mic_algorithm(2).is_err());
        for a in Akm::ALL {
            for c in Cipher::ALL {
                if a.combines_with(c) {
                    let v = a.descriptor_version(c);
                    assert_eq!(a.mic_algorithm(v).unwrap().mic_len(), a.mic_len(), "{a} {c}");
                }
            }
        }
    }
    #[test]
    fn suites_resolve_from_the_rows() {
        let s = Suite::new(Akm::Psk, Cipher::Tkip, 32).unwrap();
        assert_eq!(
            (s.kck_len(), s.kek_len(), s.tk_len(), s.ptk_len(), s.mic_len()),
            (16, 16, 32, 64, 16)
        );
        assert_eq!(
            (s.mic(), s.key_wrap(), s.descriptor_version()),
            (MicAlgorithm::HmacMd5, KeyWrap::Rc4, 1)
        );
        assert_eq!(s.mic_for_version(2), Ok(MicAlgorithm::HmacSha1_128));
        assert_eq!(s.derivation(), PtkDerivation::PairwiseKeyExpansion(Kdf::Sha1Prf));
        let s = Suite::new(Akm::FtPskSha384, Cipher::Gcmp256, 48).unwrap();
        assert_eq!(
            (s.ptk_len(), s.mic_len(), s.fte_mic()),
            (88, 24, Ok(MicAlgorithm::HmacSha384_192))
        );
        assert_eq!(s.with_kdk(32).unwrap().ptk_len(), 120);
        assert!(s.with_kdk(8).is_err());
        assert_eq!(
            Suite::new(Akm::Sae, Cipher::Tkip, 32),
            Err(Error::UnsupportedCombination { akm: Akm::Sae, cipher: Cipher::Tkip })
        );
        assert_eq!(
            Suite::new(Akm::Psk, Cipher::Ccmp128, 33),
            Err(Error::InvalidLength { what: "PMK for this AKM", len: 33 })
        );
        // Every suite agrees with the AKM's thin wrappers for the AKM's usual PMK.
        for a in Akm::ALL {
            for c in Cipher::ALL {
                let Ok(s) = Suite::new(a, c, a.pmk_len()) else {
                    assert!(!a.combines_with(c), "{a} {c}");
                    continue;
                };
                assert_eq!((s.akm(), s.cipher(), s.hash()), (a, c, a.hash()));
                assert_eq!(
                    (s.kck_len(), s.kek_len(), s.mic_len()),
                    (a.kck_len(), a.kek_len(), a.mic_len())
                );
                assert_eq!(s.ptk_len(), a.ptk_len(c));
                assert_eq!(s.mic().mic_len(), s.mic_len(), "{a} {c}");
                assert_eq!(Ok(s.mic()), a.mic_algorithm(a.descriptor_version(c)));
                assert_eq!(s.pmkid_key(), a.pmkid_algorithm());
                assert_eq!(s.derivation(), a.ptk_derivation());
            }
        }
    }

    /// A made-up row in the shape of SAE-EXT-KEY (AKM 24): its lengths, hash and MIC follow
    /// the PMK length, and a PMK length the rule does not cover is an error. Adding such an
    /// AKM is this row and a variant, nothing else.
    #[test]
    fn a_row_whose_lengths_follow_the_pmk() {
        // The length rules of the real rows (BY_PMK_LEN), under a made-up name.
        static EXT: AkmRow = AkmRow {
            suite_type: 24,
            name: "SAE-EXT-KEY (made up here)",
            key_source: KeySource::Sae,
            ..BY_PMK_LEN
        };
        let s = Suite::resolve(&EXT, Cipher::Gcmp256, 32).unwrap();
        assert_eq!((s.kck_len(), s.kek_len(), s.mic_len(), s.ptk_len()), (16, 16, 16, 64));
        assert_eq!(
            (s.hash(), s.kdf(), s.mic()),
            (HashAlg::Sha256, Kdf::Sha256, MicAlgorithm::HmacSha256_128)
        );
        let s = Suite::resolve(&EXT, Cipher::Gcmp256, 48).unwrap();
        assert_eq!((s.kck_len(), s.kek_len(), s.mic_len(), s.ptk_len()), (24, 32, 24, 88));
        assert_eq!(
            (s.hash(), s.mic(), s.descriptor_version()),
            (HashAlg::Sha384, MicAlgorithm::HmacSha384_192, 0)
        );
        assert!(Suite::resolve(&EXT, Cipher::Gcmp256, 40).is_err());
        assert!(Suite::resolve(&EXT, Cipher::Tkip, 32).is_err());
        assert!(s.pmkid_key().is_err());
    }

    #[test]
    fn names_and_selectors_parse() {
        extern crate std;
        use std::string::ToString;
        for a in Akm::ALL {
            assert_eq!(a.to_string().parse::<Akm>(), Ok(a));
            assert_eq!(a.name().to_ascii_lowercase().parse::<Akm>(), Ok(a));
        }
        for c in Cipher::ALL {
            assert_eq!(c.to_string().parse::<Cipher>(), Ok(c));
            let s = c.selector();
            assert_eq!(
                std::format!("{:02x}-{:02x}-{:02x}:{}", s[0], s[1], s[2], s[3]).parse(),
                Ok(c)
            );
        }
        assert_eq!("00:0f:ac:13".parse::<Akm>(), Ok(Akm::FtIeee8021xSha384));
        assert_eq!("00-40-96:0".parse::<Akm>(), Ok(Akm::Cckm));
        assert_eq!("ccmp".parse::<Cipher>(), Ok(Cipher::Ccmp128));
        assert_eq!(
            "00-0f-ac:7".parse::<Akm>(),
            Err(Error::UnknownAkm { selector: [0, 0x0f, 0xac, 7] })
        );
        for bad in ["", "wpa", "PSK (00-0f-ac:8)", "00-0f-ac", "000fac:2", "00-0f-ac:x"] {
            assert!(bad.parse::<Akm>().is_err(), "{bad}");
        }
    }
}
