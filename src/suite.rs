//! The AKM and cipher suites, and every length and algorithm choice they imply.
//!
//! This module is the crate's one table. Derivation code asks an [`Akm`] or a [`Cipher`] which
//! hash, which PRF, which lengths and which MIC to use; it never matches on suite values itself.
//! Sources: IEEE 802.11-2020 Tables 9-151 and 12-8 as transcribed in `shared/spec/formulas.md`
//! §5.1, §5.2, §5.3, §6, §8.2 and §12 (hostap `wpa_common.c`, `defs.h`).

use core::fmt;

use crate::error::{Error, Result};

/// The IEEE 802.11 OUI, 00-0F-AC.
pub const IEEE_OUI: [u8; 3] = [0x00, 0x0f, 0xac];
/// The Microsoft OUI used by the WPA (v1) vendor element, 00-50-F2.
pub const WPA_OUI: [u8; 3] = [0x00, 0x50, 0xf2];
/// The Cisco OUI, 00-40-96.
pub const CISCO_OUI: [u8; 3] = [0x00, 0x40, 0x96];

/// An authentication and key management (AKM) suite.
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
    /// 00-0F-AC:19, FT authentication using PSK with SHA-384.
    FtPskSha384,
    /// 00-0F-AC:20, PSK with SHA-384.
    PskSha384,
    /// 00-0F-AC:23, 802.1X with SHA-384.
    Ieee8021xSha384,
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

/// A key expansion function (see [`crate::prf`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
pub enum KeySource {
    /// An MSK from 802.1X/EAP.
    Msk,
    /// A pre-shared key (from a passphrase or given directly).
    Psk,
    /// The PMK that SAE establishes.
    Sae,
}

/// The key an AKM's PMKID is computed with (12.7.1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PmkIdKey {
    /// `HMAC(PMK, "PMK Name" || AA || SPA)`.
    Pmk,
    /// `HMAC(KCK, "PMK Name" || AA || SPA)`: the Suite B AKMs 11 and 12.
    Kck,
}

/// An EAPOL-Key MIC algorithm (12.7.2, Table 12-8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
}

impl MicAlgorithm {
    /// MIC length in octets.
    pub const fn mic_len(self) -> usize {
        match self {
            MicAlgorithm::HmacSha384_192 => 24,
            _ => 16,
        }
    }
}

/// How EAPOL-Key Key Data is encrypted (12.7.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
/// protocol, not by the cipher (`shared/spec/cckm.md` §6, §7, §8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// WPA (v1): the association carries the WPA vendor element.
    Wpa,
    /// RSN (WPA2): the association carries the RSN element.
    Rsn,
}

impl Protocol {
    /// The MAC of the CCKM reassociation request and response elements, truncated to 8 octets
    /// by the caller: HMAC-MD5 under WPA, HMAC-SHA1 under RSN (`cckm.md` §6, §7).
    pub const fn cckm_mic_algorithm(self) -> MicAlgorithm {
        match self {
            Protocol::Wpa => MicAlgorithm::HmacMd5,
            Protocol::Rsn => MicAlgorithm::HmacSha1_128,
        }
    }

    /// How a CCKM AP encrypts the GTK of its reassociation response (`cckm.md` §8, §9 item 1,
    /// Broadcom's rule): RC4 keyed with `LE32(RN) || KEK` under WPA, AES Key Wrap under the
    /// KEK under RSN.
    pub const fn cckm_gtk_wrap(self) -> KeyWrap {
        match self {
            Protocol::Wpa => KeyWrap::Rc4,
            Protocol::Rsn => KeyWrap::AesKeyWrap,
        }
    }

    /// How a CCKM station decrypts an EGTK of `egtk_len` octets that must carry a GTK of
    /// `gtk_len` octets, by the length rule of `cckm.md` §9 items 1 and 2: the protocol's own
    /// method ([`Protocol::cckm_gtk_wrap`]) when `egtk_len` is the GTK length plus its overhead,
    /// else the other method when the length fits that one (APs disagree for WPA with a CCMP
    /// group cipher), else `None`. The two never collide: their overheads differ.
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

impl Akm {
    /// Every AKM the crate supports.
    pub const ALL: [Akm; 15] = [
        Akm::Ieee8021x,
        Akm::Psk,
        Akm::FtIeee8021x,
        Akm::FtPsk,
        Akm::Ieee8021xSha256,
        Akm::PskSha256,
        Akm::Sae,
        Akm::FtSae,
        Akm::SuiteB,
        Akm::SuiteB192,
        Akm::FtIeee8021xSha384,
        Akm::FtPskSha384,
        Akm::PskSha384,
        Akm::Ieee8021xSha384,
        Akm::Cckm,
    ];

    /// The 4-octet suite selector (OUI and type) as carried in the RSNE.
    pub const fn selector(self) -> [u8; 4] {
        let t = match self {
            Akm::Ieee8021x => 1,
            Akm::Psk => 2,
            Akm::FtIeee8021x => 3,
            Akm::FtPsk => 4,
            Akm::Ieee8021xSha256 => 5,
            Akm::PskSha256 => 6,
            Akm::Sae => 8,
            Akm::FtSae => 9,
            Akm::SuiteB => 11,
            Akm::SuiteB192 => 12,
            Akm::FtIeee8021xSha384 => 13,
            Akm::FtPskSha384 => 19,
            Akm::PskSha384 => 20,
            Akm::Ieee8021xSha384 => 23,
            Akm::Cckm => return [CISCO_OUI[0], CISCO_OUI[1], CISCO_OUI[2], 0],
        };
        [IEEE_OUI[0], IEEE_OUI[1], IEEE_OUI[2], t]
    }

    /// Parses a 4-octet suite selector. Accepts the RSNE selectors 00-0F-AC:n, the WPA (v1)
    /// selectors 00-50-F2:1 and :2 (802.1X and PSK), and Cisco CCKM 00-40-96:0.
    pub fn from_selector(selector: &[u8]) -> Result<Akm> {
        let s: [u8; 4] = selector.try_into().map_err(|_| Error::InvalidLength {
            what: "AKM suite selector",
            len: selector.len(),
        })?;
        let unknown = Error::UnknownAkm { selector: s };
        let (oui, t) = ([s[0], s[1], s[2]], s[3]);
        if oui == WPA_OUI {
            return match t {
                1 => Ok(Akm::Ieee8021x),
                2 => Ok(Akm::Psk),
                _ => Err(unknown),
            };
        }
        if oui == CISCO_OUI {
            return if t == 0 { Ok(Akm::Cckm) } else { Err(unknown) };
        }
        if oui != IEEE_OUI {
            return Err(unknown);
        }
        Akm::ALL
            .into_iter()
            .find(|a| a.selector()[3] == t && a.selector()[..3] == IEEE_OUI)
            .ok_or(unknown)
    }

    /// The hash of the AKM's key hierarchy: SHA-1 for AKMs 1, 2 and CCKM; SHA-384 for 12, 13,
    /// 19, 20, 23; SHA-256 for the rest (hostap `wpa_key_mgmt_sha256/sha384`).
    pub const fn hash(self) -> HashAlg {
        match self {
            Akm::Ieee8021x | Akm::Psk | Akm::Cckm => HashAlg::Sha1,
            Akm::SuiteB192
            | Akm::FtIeee8021xSha384
            | Akm::FtPskSha384
            | Akm::PskSha384
            | Akm::Ieee8021xSha384 => HashAlg::Sha384,
            Akm::FtIeee8021x
            | Akm::FtPsk
            | Akm::Ieee8021xSha256
            | Akm::PskSha256
            | Akm::Sae
            | Akm::FtSae
            | Akm::SuiteB => HashAlg::Sha256,
        }
    }

    /// Whether this is a Fast BSS Transition (802.11r) AKM.
    pub const fn is_ft(self) -> bool {
        matches!(
            self,
            Akm::FtIeee8021x | Akm::FtPsk | Akm::FtSae | Akm::FtIeee8021xSha384 | Akm::FtPskSha384
        )
    }

    /// How the PTK is derived.
    pub const fn ptk_derivation(self) -> PtkDerivation {
        if matches!(self, Akm::Cckm) {
            PtkDerivation::Cckm
        } else if self.is_ft() {
            PtkDerivation::Ft(self.hash().kdf())
        } else {
            PtkDerivation::PairwiseKeyExpansion(self.hash().kdf())
        }
    }

    /// FT only: which octets of the MSK are the XXKey (12.7.1.7.3; formulas.md §4), as
    /// `(offset, len)`: the **second** 256 bits for FT-802.1X (3), the first 384 bits for
    /// FT-802.1X-SHA384 (13). `None` for every AKM whose XXKey does not come from an MSK.
    pub const fn xxkey_from_msk(self) -> Option<(usize, usize)> {
        match self {
            Akm::FtIeee8021x => Some((32, 32)),
            Akm::FtIeee8021xSha384 => Some((0, 48)),
            _ => None,
        }
    }

    /// FT only: the octet lengths the AKM's XXKey may have (12.7.1.7.3; formulas.md §4). 32 for
    /// the SHA-256 FT AKMs (3, 4, 9), 48 for FT-802.1X-SHA384 (13); FT-PSK-SHA384 (19) takes
    /// the PSK as given, 32 octets from a passphrase or 48 given directly. Empty for non-FT AKMs.
    pub const fn xxkey_lengths(self) -> &'static [usize] {
        match (self.is_ft(), self.xxkey_from_msk(), self.hash()) {
            (false, _, _) => &[],
            // Cut from the MSK: exactly that many octets.
            (true, Some((_, 48)), _) => &[48],
            // A PSK as given, for the SHA-384 PSK AKM.
            (true, None, HashAlg::Sha384) => &[32, 48],
            _ => &[32],
        }
    }

    /// FT only: the algorithm of the MIC in the Fast BSS Transition element (13.8.4; formulas.md
    /// §11): AES-128-CMAC with a 16-octet KCK for the SHA-256 FT AKMs (3, 4, 9), HMAC-SHA-384
    /// truncated to 24 octets with a 24-octet KCK for the SHA-384 FT AKMs (13, 19). Its
    /// [`MicAlgorithm::mic_len`] is also the length of the FTE's MIC field.
    pub fn fte_mic_algorithm(self) -> Result<MicAlgorithm> {
        if !self.is_ft() {
            return Err(Error::NotForAkm { akm: self, operation: "an FTE MIC (FT AKMs only)" });
        }
        Ok(match self.hash() {
            HashAlg::Sha384 => MicAlgorithm::HmacSha384_192,
            _ => MicAlgorithm::AesCmac,
        })
    }

    /// Where the root key comes from.
    pub const fn key_source(self) -> KeySource {
        match self {
            Akm::Psk | Akm::FtPsk | Akm::PskSha256 | Akm::FtPskSha384 | Akm::PskSha384 => {
                KeySource::Psk
            }
            Akm::Sae | Akm::FtSae => KeySource::Sae,
            _ => KeySource::Msk,
        }
    }

    /// PMK length in octets when the PMK comes from an MSK: `L(MSK, 0, 256)`, or `L(MSK, 0, 384)`
    /// for the SHA-384 AKMs (hostap `PMK_LEN_SUITE_B_192`).
    pub const fn pmk_len(self) -> usize {
        match self.hash() {
            HashAlg::Sha384 => 48,
            _ => 32,
        }
    }

    /// KCK length in octets (Table 12-8): 24 for the SHA-384 AKMs, else 16.
    pub const fn kck_len(self) -> usize {
        match self.hash() {
            HashAlg::Sha384 => 24,
            _ => 16,
        }
    }

    /// KEK length in octets (Table 12-8): 32 for the SHA-384 AKMs, else 16.
    pub const fn kek_len(self) -> usize {
        match self.hash() {
            HashAlg::Sha384 => 32,
            _ => 16,
        }
    }

    /// EAPOL-Key MIC length in octets: 24 for the SHA-384 AKMs, else 16.
    pub const fn mic_len(self) -> usize {
        match self.hash() {
            HashAlg::Sha384 => 24,
            _ => 16,
        }
    }

    /// Whether the AKM can be used with this pairwise cipher. TKIP combines only with the
    /// pre-PMF AKMs 1 to 4 and CCKM; every other AKM requires management frame protection,
    /// which excludes TKIP. CCKM is defined only for TKIP and CCMP-128 (`cckm.md` §4: no CCKM
    /// implementation knows the later ciphers).
    pub const fn combines_with(self, cipher: Cipher) -> bool {
        match cipher {
            _ if matches!(self, Akm::Cckm) => matches!(cipher, Cipher::Tkip | Cipher::Ccmp128),
            Cipher::Tkip => matches!(
                self,
                Akm::Ieee8021x | Akm::Psk | Akm::FtIeee8021x | Akm::FtPsk | Akm::Cckm
            ),
            _ => true,
        }
    }

    /// Checks [`Akm::combines_with`], as a `Result`.
    pub fn check_cipher(self, cipher: Cipher) -> Result<()> {
        if self.combines_with(cipher) {
            Ok(())
        } else {
            Err(Error::UnsupportedCombination { akm: self, cipher })
        }
    }

    /// PTK length in octets for a pairwise cipher: KCK + KEK + TK (without a KDK).
    pub const fn ptk_len(self, cipher: Cipher) -> usize {
        self.kck_len() + self.kek_len() + cipher.tk_len()
    }

    /// The hash and key of the AKM's PMKID (12.7.1.3; hostap `rsn_pmkid*`). SAE's PMKID is
    /// not an HMAC (it comes from the commit scalars), so SAE AKMs return an error.
    pub fn pmkid_algorithm(self) -> Result<(HashAlg, PmkIdKey)> {
        match self {
            Akm::Sae | Akm::FtSae => Err(Error::NotForAkm {
                akm: self,
                operation: "an HMAC PMKID (SAE's PMKID comes from the SAE exchange)",
            }),
            Akm::SuiteB => Ok((HashAlg::Sha256, PmkIdKey::Kck)),
            Akm::SuiteB192 => Ok((HashAlg::Sha384, PmkIdKey::Kck)),
            // Deployed, not the standard's text: 12.7.1.3 would key the PMKID of an AKM whose
            // key derivation uses SHA-256 with HMAC-SHA-256, but hostapd and wpa_supplicant
            // (`rsn_pmkid`, selecting by `wpa_key_mgmt_sha256`, a set that contains neither FT
            // AKM) compute the PMKID of FT-802.1X (3) and FT-PSK (4) with HMAC-SHA-1, and so
            // does the message 1/4 they send. Follow the traffic.
            Akm::FtIeee8021x | Akm::FtPsk => Ok((HashAlg::Sha1, PmkIdKey::Pmk)),
            _ => Ok((self.hash(), PmkIdKey::Pmk)),
        }
    }

    /// The Key Descriptor Version used with a pairwise cipher (hostap `wpa_auth.c`):
    /// 0 (AKM-defined) for SAE, Suite B and the SHA-384 AKMs; 3 (AES-128-CMAC) for AKMs 3 to 6;
    /// otherwise 1 (HMAC-MD5, RC4) with TKIP and 2 (HMAC-SHA1, AES key wrap) with the rest.
    pub const fn descriptor_version(self, pairwise: Cipher) -> u8 {
        match self {
            Akm::FtIeee8021x | Akm::FtPsk | Akm::Ieee8021xSha256 | Akm::PskSha256 => 3,
            Akm::Ieee8021x | Akm::Psk | Akm::Cckm => match pairwise {
                Cipher::Tkip => 1,
                _ => 2,
            },
            _ => 0,
        }
    }

    /// The EAPOL-Key MIC algorithm for a frame of this Key Descriptor Version. A version the AKM
    /// does not use is an error.
    pub fn mic_algorithm(self, descriptor_version: u8) -> Result<MicAlgorithm> {
        let bad = Error::DescriptorVersion { akm: self, version: descriptor_version };
        match (self.descriptor_version(Cipher::Tkip), self.descriptor_version(Cipher::Ccmp128)) {
            // AKMs 1, 2 and CCKM: v1 or v2, chosen by the pairwise cipher.
            (1, 2) => match descriptor_version {
                1 => Ok(MicAlgorithm::HmacMd5),
                2 => Ok(MicAlgorithm::HmacSha1_128),
                _ => Err(bad),
            },
            (3, 3) if descriptor_version == 3 => Ok(MicAlgorithm::AesCmac),
            (0, 0) if descriptor_version == 0 => Ok(match self.hash() {
                HashAlg::Sha384 => MicAlgorithm::HmacSha384_192,
                _ if matches!(self, Akm::SuiteB) => MicAlgorithm::HmacSha256_128,
                _ => MicAlgorithm::AesCmac,
            }),
            _ => Err(bad),
        }
    }

    /// How Key Data is encrypted for a Key Descriptor Version.
    pub fn key_wrap(self, descriptor_version: u8) -> Result<KeyWrap> {
        Ok(match self.mic_algorithm(descriptor_version)? {
            MicAlgorithm::HmacMd5 => KeyWrap::Rc4,
            _ => KeyWrap::AesKeyWrap,
        })
    }

    /// A short name from the standard, e.g. "PSK" or "FT-802.1X-SHA384".
    pub const fn name(self) -> &'static str {
        match self {
            Akm::Ieee8021x => "802.1X",
            Akm::Psk => "PSK",
            Akm::FtIeee8021x => "FT-802.1X",
            Akm::FtPsk => "FT-PSK",
            Akm::Ieee8021xSha256 => "802.1X-SHA256",
            Akm::PskSha256 => "PSK-SHA256",
            Akm::Sae => "SAE",
            Akm::FtSae => "FT-SAE",
            Akm::SuiteB => "802.1X-SuiteB",
            Akm::SuiteB192 => "802.1X-SuiteB-192",
            Akm::FtIeee8021xSha384 => "FT-802.1X-SHA384",
            Akm::FtPskSha384 => "FT-PSK-SHA384",
            Akm::PskSha384 => "PSK-SHA384",
            Akm::Ieee8021xSha384 => "802.1X-SHA384",
            Akm::Cckm => "CCKM",
        }
    }
}

impl fmt::Display for Akm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.selector();
        write!(f, "{} ({:02x}-{:02x}-{:02x}:{})", self.name(), s[0], s[1], s[2], s[3])
    }
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
        // formulas.md §12.
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
}
