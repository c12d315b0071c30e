//! The pairwise transient key and its parts (KCK, KEK, TK, KDK), and the group temporal key.

use core::fmt;

use zeroize::ZeroizeOnDrop;

use crate::crypto::lanes::{self, Backend, KckMicJob};
use crate::crypto::mic::MicCheck;
use crate::crypto::prf;
use crate::error::{Error, Result};
use crate::keys::pmk::{pmkid, Pmk};
use crate::secret::secret_type;
use crate::suite::{Akm, Cipher, Kdf, PmkIdKey, PtkDerivation, Suite};
use crate::types::{MacAddr, Nonce, PmkId};

secret_type!(
    /// The key confirmation key: keys the EAPOL-Key MIC, the FTE MIC and the CCKM response MIC.
    Kck,
    capacity = 32,
    lengths = 16 | 24 | 32,
    what = "KCK"
);

secret_type!(
    /// The key encryption key: wraps the EAPOL-Key Key Data and CCKM's encrypted GTK.
    Kek,
    capacity = 32,
    lengths = 16 | 32,
    what = "KEK"
);

secret_type!(
    /// The temporal key installed for the pairwise cipher. For TKIP its 32 octets are the
    /// 16-octet temporal key and the two Michael keys (see [`Ptk::tkip_keys`]).
    Tk,
    capacity = 32,
    lengths = 16 | 32,
    what = "TK"
);

secret_type!(
    /// The key derivation key (802.11az), appended to the PTK when asked for.
    Kdk,
    capacity = 64,
    lengths = 16..=64,
    what = "KDK"
);

secret_type!(
    /// The group master key an authenticator derives its GTKs from.
    Gmk,
    capacity = 64,
    lengths = 16..=64,
    what = "GMK"
);

secret_type!(
    /// A group temporal key: 16 octets (CCMP-128, GCMP-128) or 32 (TKIP, CCMP-256, GCMP-256).
    Gtk,
    capacity = 32,
    lengths = 16 | 32,
    what = "GTK"
);

secret_type!(
    /// An integrity group temporal key (BIP, protecting group-addressed management frames):
    /// 16 octets (BIP-CMAC-128, BIP-GMAC-128) or 32 (BIP-CMAC-256, BIP-GMAC-256).
    Igtk,
    capacity = 32,
    lengths = 16 | 32,
    what = "IGTK"
);

secret_type!(
    /// A beacon integrity group temporal key (beacon protection, IEEE 802.11-2020 12.7.1.5):
    /// 16 or 32 octets, as the IGTK of the same group management cipher.
    Bigtk,
    capacity = 32,
    lengths = 16 | 32,
    what = "BIGTK"
);

/// A key that can key an EAPOL-Key MIC: the PTK's [`Kck`], or, for message 2/4 of a CCKM
/// initial association, the KRK (`docs/cckm.md` §5). Sealed: only the crate's key types implement
/// it.
pub trait MicKey: private::Sealed {
    /// The key octets.
    fn mic_key_bytes(&self) -> &[u8];
}

impl MicKey for Kck {
    fn mic_key_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

pub(crate) mod private {
    /// Seals [`super::MicKey`].
    pub trait Sealed {}
    impl Sealed for super::Kck {}
    impl Sealed for crate::keys::cckm::Krk {}
}

/// The "Pairwise key expansion" label (12.7.1.3), 22 octets, no terminator.
const PAIRWISE_LABEL: &[u8] = b"Pairwise key expansion";
/// The "Group key expansion" label (12.7.1.4), 19 octets.
const GROUP_LABEL: &[u8] = b"Group key expansion";

/// The longest PTK: KCK 32 + KEK 32 + TK 32 + KDK 64.
const PTK_MAX_LEN: usize = 160;
/// Every PTK without a KDK but the SHA-384 ones with a 256-bit TK fits this.
const SHORT_PTK_LEN: usize = 64;

/// The two parties of a 4-way handshake, by role: the authenticator's address (AA) and nonce
/// (ANonce), the supplicant's address (SPA) and nonce (SNonce). The derivations sort or order
/// them as the standard does: sorted for the pairwise key expansion (12.7.1.3), `SNonce ||
/// ANonce || BSSID || STA-ADDR` for FT (12.7.1.7.5, where AA is the target AP's BSSID and SPA
/// the station's address), `BSSID || STA || SNonce || ANonce` for CCKM's base keys. Named
/// fields: a swap reads wrong on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pairwise {
    /// The authenticator's MAC address (AA; the BSSID).
    pub aa: MacAddr,
    /// The supplicant's MAC address (SPA; the station's address).
    pub spa: MacAddr,
    /// The authenticator's nonce (ANonce, EAPOL-Key message 1/4 or the FTE).
    pub anonce: Nonce,
    /// The supplicant's nonce (SNonce, EAPOL-Key message 2/4 or the FTE).
    pub snonce: Nonce,
}

impl Pairwise {
    /// `Min(AA,SPA) || Max(AA,SPA) || Min(ANonce,SNonce) || Max(ANonce,SNonce)` (12.7.1.3).
    fn sorted(&self) -> [&[u8]; 4] {
        let (aa, spa, an, sn) = (&self.aa, &self.spa, &self.anonce, &self.snonce);
        let (a_lo, a_hi) = if aa <= spa { (aa, spa) } else { (spa, aa) };
        let (n_lo, n_hi) = if an <= sn { (an, sn) } else { (sn, an) };
        [a_lo.as_bytes(), a_hi.as_bytes(), n_lo.as_bytes(), n_hi.as_bytes()]
    }
}

/// The expansion of the pairwise key expansion for `suite`; the FT and CCKM AKMs derive their
/// PTKs elsewhere.
pub(crate) fn pairwise_kdf(suite: &Suite) -> Result<Kdf> {
    let akm = suite.akm();
    match suite.derivation() {
        PtkDerivation::PairwiseKeyExpansion(kdf) => Ok(kdf),
        PtkDerivation::Ft(_) => Err(Error::NotForAkm {
            akm,
            operation:
                "the pairwise key expansion (FT PTKs come from PMK-R1: ft::PmkR1::derive_ptk)",
        }),
        _ => Err(Error::NotForAkm {
            akm,
            operation: "the pairwise key expansion (CCKM PTKs come from the BTK: cckm::Btk::ptk)",
        }),
    }
}

/// A pairwise transient key, split into its parts by the suite that derived it.
///
/// Zeroized on drop; no `PartialEq` (compare parts with [`subtle::ConstantTimeEq`]); its `Debug`
/// shows the suite and lengths only.
#[derive(Clone)]
pub struct Ptk {
    kck: Kck,
    kek: Kek,
    tk: Tk,
    kdk: Option<Kdk>,
    suite: Suite,
}

impl Ptk {
    /// Pairwise key expansion (12.7.1.3) for the non-FT, non-CCKM AKMs:
    ///
    /// `PTK = PRF(PMK, "Pairwise key expansion", Min(AA,SPA) || Max(AA,SPA) || Min(ANonce,SNonce)
    /// || Max(ANonce,SNonce))`, with the SHA-1 PRF or KDF-SHA-256/384 as the suite says, and a
    /// length of KCK + KEK + TK (+ KDK, [`Suite::with_kdk`]).
    ///
    /// The authenticator and supplicant roles are named fields of [`Pairwise`]; the function
    /// sorts them as the standard does, so both sides call it with the same arguments. The PMK
    /// must have the suite's PMK length.
    ///
    /// ```
    /// use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Ptk, Suite};
    /// use subtle::ConstantTimeEq;
    ///
    /// // IEEE 802.11-2016 Annex J.7.2 (TKIP): the PMK of J.4.2 test case 2 and the printed inputs.
    /// let pmk = Pmk::from_bytes(&hex::decode(
    ///     "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af",
    /// ).unwrap())?;
    /// let p = Pairwise {
    ///     aa: "a0:a1:a1:a3:a4:a5".parse()?,
    ///     spa: "b0:b1:b2:b3:b4:b5".parse()?,
    ///     anonce: "e0e1e2e3e4e5e6e7e8e9f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405".parse()?,
    ///     snonce: "c0c1c2c3c4c5c6c7c8c9d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5".parse()?,
    /// };
    /// let suite = Suite::new(Akm::Psk, Cipher::Tkip, pmk.len())?;
    /// let ptk = Ptk::derive(&pmk, &suite, &p)?;
    /// assert_eq!(ptk.len(), 64);
    /// assert_eq!(ptk.kck().as_bytes(), hex::decode("379f9852d0199236b94e407ce4c00ec8").unwrap());
    /// assert_eq!(ptk.kek().as_bytes(), hex::decode("47c9edc01c2c6e5b4910caddfb3e51a7").unwrap());
    /// assert_eq!(ptk.tk().as_bytes(), hex::decode(
    ///     "b2360c79e9710fdd58bea93deaf06599db980afbc29c152855740a6ce5ae3827",
    /// ).unwrap());
    ///
    /// // TKIP's TK carries the temporal key and the two Michael keys (authenticator's view).
    /// let tkip = ptk.tkip_keys().expect("a TKIP PTK");
    /// assert_eq!(tkip.temporal_key(), &ptk.tk().as_bytes()[..16]);
    /// assert_eq!(tkip.michael_authenticator_tx(), hex::decode("db980afbc29c1528").unwrap());
    /// assert_eq!(tkip.michael_authenticator_rx(), hex::decode("55740a6ce5ae3827").unwrap());
    ///
    /// // Another station (other SPA and SNonce) gets other keys.
    /// let q = Pairwise { spa: "b0:b1:b2:b3:b4:b6".parse()?, snonce: Nonce::new([7; 32]), ..p };
    /// assert!(!bool::from(Ptk::derive(&pmk, &suite, &q)?.kck().ct_eq(ptk.kck())));
    /// # let _: MacAddr = p.aa;
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn derive(pmk: &Pmk, suite: &Suite, pairwise: &Pairwise) -> Result<Ptk> {
        let kdf = pairwise_kdf(suite)?;
        if pmk.len() != suite.pmk_len() {
            return Err(Error::InvalidLength { what: "PMK for this suite", len: pmk.len() });
        }
        let data = pairwise.sorted();
        Ptk::from_expansion(suite, |out| {
            prf::expand(kdf, pmk.as_bytes(), PAIRWISE_LABEL, &data, out)
        })
    }

    /// Runs `expand` into a buffer of the suite's PTK length and splits it. Shared by every PTK
    /// derivation of the crate (pairwise, FT, CCKM); the intermediate buffer is zeroized.
    pub(crate) fn from_expansion(
        suite: &Suite,
        expand: impl FnOnce(&mut [u8]) -> Result<()>,
    ) -> Result<Ptk> {
        let len = suite.ptk_len();
        // Most PTKs fit 64 octets: a smaller buffer is less to clear and to wipe.
        if len <= SHORT_PTK_LEN {
            Ptk::expand_in::<SHORT_PTK_LEN>(suite, len, expand)
        } else {
            Ptk::expand_in::<PTK_MAX_LEN>(suite, len, expand)
        }
    }

    /// [`Ptk::from_expansion`] in a wiped buffer of `N` octets.
    #[inline]
    fn expand_in<const N: usize>(
        suite: &Suite,
        len: usize,
        expand: impl FnOnce(&mut [u8]) -> Result<()>,
    ) -> Result<Ptk> {
        let mut buf = crate::secret::scratch::<N>();
        let out = buf.0.get_mut(..len).ok_or(Error::OutputTooLong { requested: len, max: N })?;
        expand(out)?;
        Ptk::from_bytes(suite, out)
    }

    /// A PTK from known octets (e.g. in an analyser), split by the suite as
    /// `KCK || KEK || TK [|| KDK]`: KCK + KEK + TK octets, or more with the rest taken as the
    /// KDK (the PTK's suite then has that KDK length, [`Suite::with_kdk`]).
    ///
    /// ```
    /// use ieee80211_keys::{Akm, Cipher, Ptk, Suite};
    ///
    /// // A 48-octet CCMP-128 PTK as an analyser knows it: KCK 16 || KEK 16 || TK 16.
    /// let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, 32)?;
    /// let octets: [u8; 48] = core::array::from_fn(|i| i as u8);
    /// let ptk = Ptk::from_bytes(&suite, &octets)?;
    /// assert_eq!(ptk.kck().as_bytes(), &octets[..16]);
    /// assert_eq!(ptk.kek().as_bytes(), &octets[16..32]);
    /// assert_eq!(ptk.tk().as_bytes(), &octets[32..]);
    /// assert!(ptk.kdk().is_none());
    ///
    /// // Octets past the TK are the KDK, and the PTK's suite says how long it is.
    /// let with_kdk: [u8; 80] = core::array::from_fn(|i| i as u8);
    /// let ptk = Ptk::from_bytes(&suite, &with_kdk)?;
    /// assert_eq!(ptk.kdk().map(|k| k.len()), Some(32));
    /// assert_eq!(ptk.suite().kdk_len(), 32);
    /// assert!(Ptk::from_bytes(&suite, &octets[..47]).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_bytes(suite: &Suite, bytes: &[u8]) -> Result<Ptk> {
        let (kck_len, kek_len, tk_len) = (suite.kck_len(), suite.kek_len(), suite.tk_len());
        let Some(kdk_len) = bytes.len().checked_sub(kck_len + kek_len + tk_len) else {
            return Err(Error::InvalidLength { what: "PTK", len: bytes.len() });
        };
        let suite = suite.with_kdk(kdk_len)?;
        let (kck, rest) = bytes.split_at(kck_len);
        let (kek, rest) = rest.split_at(kek_len);
        let (tk, kdk) = rest.split_at(tk_len);
        // Every length checked first, then each key built in place.
        for (allowed, what, len) in [
            (Kck::allows(kck_len), "KCK", kck_len),
            (Kek::allows(kek_len), "KEK", kek_len),
            (Tk::allows(tk_len), "TK", tk_len),
            (kdk.is_empty() || Kdk::allows(kdk_len), "KDK", kdk_len),
        ] {
            if !allowed {
                return Err(Error::InvalidLength { what, len });
            }
        }
        Ok(Ptk {
            kck: Kck::from_checked(kck),
            kek: Kek::from_checked(kek),
            tk: Tk::from_checked(tk),
            kdk: if kdk.is_empty() { None } else { Some(Kdk::from_checked(kdk)) },
            suite,
        })
    }

    /// The key confirmation key.
    pub fn kck(&self) -> &Kck {
        &self.kck
    }

    /// The key encryption key.
    pub fn kek(&self) -> &Kek {
        &self.kek
    }

    /// The temporal key.
    pub fn tk(&self) -> &Tk {
        &self.tk
    }

    /// The key derivation key, when one was derived.
    pub fn kdk(&self) -> Option<&Kdk> {
        self.kdk.as_ref()
    }

    /// The suite this PTK was derived for.
    pub fn suite(&self) -> &Suite {
        &self.suite
    }

    /// The AKM this PTK was derived for.
    pub fn akm(&self) -> Akm {
        self.suite.akm()
    }

    /// The pairwise cipher this PTK was derived for.
    pub fn cipher(&self) -> Cipher {
        self.suite.cipher()
    }

    /// Length of the PTK in octets (KCK + KEK + TK + KDK).
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.kck.len() + self.kek.len() + self.tk.len() + self.kdk.as_ref().map_or(0, Kdk::len)
    }

    /// For TKIP, the TK's three parts in the authenticator's order; `None` for other ciphers.
    pub fn tkip_keys(&self) -> Option<TkipKeys<'_>> {
        match self.cipher() {
            Cipher::Tkip => Some(TkipKeys { tk: self.tk.as_bytes() }),
            _ => None,
        }
    }
}

impl fmt::Debug for Ptk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ptk")
            .field("suite", &self.suite)
            .field("kck", &self.kck)
            .field("kek", &self.kek)
            .field("tk", &self.tk)
            .field("kdk", &self.kdk)
            .finish()
    }
}

impl ZeroizeOnDrop for Ptk {}

/// The parts of a TKIP TK, in the order the PTK carries them (the authenticator's view):
/// temporal key (16), Michael key for authenticator-to-supplicant frames (8), Michael key for
/// supplicant-to-authenticator frames (8). A supplicant installs the two Michael keys swapped.
pub struct TkipKeys<'a> {
    tk: &'a [u8],
}

impl<'a> TkipKeys<'a> {
    /// The 16-octet TKIP temporal key (TK octets 0..16).
    pub fn temporal_key(&self) -> &'a [u8] {
        self.tk.get(..16).unwrap_or(&[])
    }

    /// The Michael key for frames from the authenticator to the supplicant (TK octets 16..24,
    /// "Tx" in the authenticator's view).
    pub fn michael_authenticator_tx(&self) -> &'a [u8] {
        self.tk.get(16..24).unwrap_or(&[])
    }

    /// The Michael key for frames from the supplicant to the authenticator (TK octets 24..32,
    /// "Rx" in the authenticator's view).
    pub fn michael_authenticator_rx(&self) -> &'a [u8] {
        self.tk.get(24..32).unwrap_or(&[])
    }
}

impl fmt::Debug for TkipKeys<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TkipKeys(redacted)")
    }
}

impl Kck {
    /// Multi-PSK identification: the index of the first of `pmks` whose KCK for `suite` and
    /// `pairwise` keys `check`, or `None`. Only the KCK of each candidate is derived: the PRF
    /// or KDF blocks that cover it (one for the SHA-1 PRF and KDF-SHA-256/384), with the KDF's
    /// Length input still the whole PTK's; sixteen candidates at a time on the CPU's vector
    /// backend for the SHA-1 PRF ([`crate::crypto::lanes`]).
    pub(crate) fn first_verifying(
        pmks: &[Pmk],
        suite: &Suite,
        pairwise: &Pairwise,
        check: MicCheck<'_>,
    ) -> Result<Option<usize>> {
        Kck::first_verifying_on(Backend::detect(), pmks, suite, pairwise, check)
    }

    /// [`Kck::first_verifying`] on `backend`, or one candidate after the other without one.
    pub(crate) fn first_verifying_on(
        backend: Option<Backend>,
        pmks: &[Pmk],
        suite: &Suite,
        pairwise: &Pairwise,
        check: MicCheck<'_>,
    ) -> Result<Option<usize>> {
        // A candidate of another length than the suite's PMK gives a KCK of the suite's length
        // all the same, which does not verify: no candidate is refused for its length.
        let kdf = pairwise_kdf(suite)?;
        let data = pairwise.sorted();
        let job = KckMicJob {
            kdf,
            label: PAIRWISE_LABEL,
            data: &data,
            total: suite.ptk_len(),
            kck_len: suite.kck_len(),
            check,
        };
        lanes::first_verifying_key(backend, &job, pmks, Pmk::as_bytes)
    }

    /// The PMKID of the Suite B AKMs (11, 12), which is keyed with the KCK (12.7.1.3):
    /// `Truncate-128(HMAC-SHA-256/384(KCK, "PMK Name" || AA || SPA))`. Other AKMs key their
    /// PMKID with the PMK ([`Pmk::pmkid`]) and are an error here.
    ///
    /// ```
    /// use hmac::{Hmac, KeyInit, Mac};
    /// use ieee80211_keys::{Akm, Kck, MacAddr};
    ///
    /// let kck = Kck::from_bytes(&[0x11; 16])?;
    /// let aa: MacAddr = "02:00:00:00:00:01".parse()?;
    /// let spa: MacAddr = "02:00:00:00:00:02".parse()?;
    /// let pmkid = kck.pmkid(Akm::SuiteB, &aa, &spa)?;
    ///
    /// // Truncate-128(HMAC-SHA-256(KCK, "PMK Name" || AA || SPA)), computed with RustCrypto.
    /// let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&[0x11; 16]).unwrap();
    /// mac.update(b"PMK Name");
    /// mac.update(aa.as_bytes());
    /// mac.update(spa.as_bytes());
    /// assert_eq!(pmkid.as_bytes()[..], mac.finalize().into_bytes()[..16]);
    /// // A PSK AKM keys its PMKID with the PMK (`Pmk::pmkid`).
    /// assert!(kck.pmkid(Akm::Psk, &aa, &spa).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn pmkid(&self, akm: Akm, aa: &MacAddr, spa: &MacAddr) -> Result<PmkId> {
        match akm.pmkid_algorithm()? {
            (hash, PmkIdKey::Kck) => pmkid(hash, self.as_bytes(), aa, spa),
            (_, PmkIdKey::Pmk) => Err(Error::NotForAkm {
                akm,
                operation: "a KCK-keyed PMKID (this AKM keys it with the PMK: Pmk::pmkid)",
            }),
        }
    }
}

impl Gtk {
    /// Group key expansion as the standard's example gives it (12.7.1.4):
    /// `GTK = PRF-X(GMK, "Group key expansion", AA || GNonce)`, X the group cipher's key length.
    ///
    /// Only the authenticator derives a GTK, so any good random GTK interoperates; this is the
    /// standard's recipe for it.
    ///
    /// ```
    /// use ieee80211_keys::prf::prf_sha1;
    /// use ieee80211_keys::{Cipher, Gmk, Gtk, MacAddr, Nonce};
    ///
    /// let gmk = Gmk::from_bytes(&[0x33; 32])?;
    /// let aa: MacAddr = "02:00:00:00:00:01".parse()?;
    /// let gnonce = Nonce::new([0x44; 32]);
    /// // As long as the group cipher's key: 16 octets for CCMP-128, 32 for TKIP.
    /// let gtk = Gtk::derive(&gmk, Cipher::Ccmp128, &aa, &gnonce)?;
    /// assert_eq!(gtk.len(), 16);
    /// assert_eq!(Gtk::derive(&gmk, Cipher::Tkip, &aa, &gnonce)?.len(), 32);
    ///
    /// // PRF-128(GMK, "Group key expansion", AA || GNonce).
    /// let mut expected = [0u8; 16];
    /// let data = [&aa.as_bytes()[..], gnonce.as_bytes()];
    /// prf_sha1(&[0x33; 32], b"Group key expansion", &data, &mut expected)?;
    /// assert_eq!(gtk.as_bytes(), expected);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn derive(gmk: &Gmk, group_cipher: Cipher, aa: &MacAddr, gnonce: &Nonce) -> Result<Gtk> {
        Gtk::fill_with(group_cipher.gtk_len(), |out| {
            prf::prf_sha1(gmk.as_bytes(), GROUP_LABEL, &[aa.as_bytes(), gnonce.as_bytes()], out)
        })
    }
}
