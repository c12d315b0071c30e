//! The pairwise transient key and its parts (KCK, KEK, TK, KDK), and the group temporal key.

use core::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::engine::{key_block, Sha1};
use crate::error::{Error, Result};
use crate::lanes::{Backend, LaneBlocks, LaneHmac, LaneStates, DIGEST_LEN, LANES};
use crate::pmk::{pmkid, Pmk};
use crate::prf;
use crate::secret::secret_type;
use crate::suite::{Akm, Cipher, Kdf, PmkIdKey, PtkDerivation};
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

/// The "Pairwise key expansion" label (12.7.1.3), 22 octets, no terminator.
const PAIRWISE_LABEL: &[u8] = b"Pairwise key expansion";
/// The "Group key expansion" label (12.7.1.4), 19 octets.
const GROUP_LABEL: &[u8] = b"Group key expansion";

/// The longest PTK: KCK 32 + KEK 32 + TK 32 + KDK 64.
const PTK_MAX_LEN: usize = 160;
/// Every PTK without a KDK but the SHA-384 ones with a 256-bit TK fits this.
const SHORT_PTK_LEN: usize = 64;

/// The expansion of the pairwise key expansion for `akm`, after checking that `cipher` goes
/// with it; the FT and CCKM AKMs derive their PTKs elsewhere.
fn pairwise_kdf(akm: Akm, cipher: Cipher) -> Result<Kdf> {
    match akm.ptk_derivation() {
        PtkDerivation::PairwiseKeyExpansion(kdf) => akm.check_cipher(cipher).map(|()| kdf),
        PtkDerivation::Ft(_) => Err(Error::NotForAkm {
            akm,
            operation:
                "the pairwise key expansion (FT PTKs come from PMK-R1: ft::PmkR1::derive_ptk)",
        }),
        PtkDerivation::Cckm => Err(Error::NotForAkm {
            akm,
            operation: "the pairwise key expansion (CCKM PTKs come from the BTK: cckm::Btk::ptk)",
        }),
    }
}

/// `Min(AA,SPA) || Max(AA,SPA) || Min(ANonce,SNonce) || Max(ANonce,SNonce)` (12.7.1.3).
fn pairwise_data<'a>(
    aa: &'a MacAddr,
    spa: &'a MacAddr,
    anonce: &'a Nonce,
    snonce: &'a Nonce,
) -> [&'a [u8]; 4] {
    let (a_lo, a_hi) = if aa <= spa { (aa, spa) } else { (spa, aa) };
    let (n_lo, n_hi) = if anonce <= snonce { (anonce, snonce) } else { (snonce, anonce) };
    [a_lo.as_bytes(), a_hi.as_bytes(), n_lo.as_bytes(), n_hi.as_bytes()]
}

/// A pairwise transient key, split into its parts by the AKM and cipher that derived it.
///
/// Zeroized on drop; no `PartialEq` (compare parts with [`subtle::ConstantTimeEq`]); its `Debug`
/// shows the suite and lengths only.
#[derive(Clone)]
pub struct Ptk {
    kck: Kck,
    kek: Kek,
    tk: Tk,
    kdk: Option<Kdk>,
    akm: Akm,
    cipher: Cipher,
}

impl Ptk {
    /// Pairwise key expansion (12.7.1.3) for the non-FT, non-CCKM AKMs:
    ///
    /// `PTK = PRF(PMK, "Pairwise key expansion", Min(AA,SPA) || Max(AA,SPA) || Min(ANonce,SNonce)
    /// || Max(ANonce,SNonce))`, with the SHA-1 PRF or KDF-SHA-256/384 as the AKM says, and a
    /// length of KCK + KEK + TK.
    ///
    /// The authenticator and supplicant roles are separate parameters; the function sorts them
    /// as the standard does, so both sides call it with the same arguments.
    pub fn derive(
        pmk: &Pmk,
        akm: Akm,
        cipher: Cipher,
        aa: &MacAddr,
        spa: &MacAddr,
        anonce: &Nonce,
        snonce: &Nonce,
    ) -> Result<Ptk> {
        Self::derive_with_kdk(pmk, akm, cipher, aa, spa, anonce, snonce, 0)
    }

    /// [`Ptk::derive`] with a KDK of `kdk_len` octets appended (802.11az; Annex J.13). The KDF's
    /// Length input grows with it, so every part differs from the PTK derived without a KDK.
    /// `kdk_len = 0` means no KDK.
    #[allow(clippy::too_many_arguments)]
    pub fn derive_with_kdk(
        pmk: &Pmk,
        akm: Akm,
        cipher: Cipher,
        aa: &MacAddr,
        spa: &MacAddr,
        anonce: &Nonce,
        snonce: &Nonce,
        kdk_len: usize,
    ) -> Result<Ptk> {
        let kdf = pairwise_kdf(akm, cipher)?;
        let data = pairwise_data(aa, spa, anonce, snonce);
        Ptk::from_expansion(akm, cipher, kdk_len, |out| {
            prf::expand(kdf, pmk.as_bytes(), PAIRWISE_LABEL, &data, out)
        })
    }

    /// Runs `expand` into a buffer of the suite's PTK length (plus `kdk_len`) and splits it.
    /// Shared by every PTK derivation of the crate (pairwise, FT, CCKM); the intermediate
    /// buffer is zeroized.
    pub(crate) fn from_expansion(
        akm: Akm,
        cipher: Cipher,
        kdk_len: usize,
        expand: impl FnOnce(&mut [u8]) -> Result<()>,
    ) -> Result<Ptk> {
        akm.check_cipher(cipher)?;
        // Validate the KDK length before spending the derivation, and before adding it to the
        // PTK length: any `usize` may come in.
        if kdk_len != 0 {
            Kdk::fill_with(kdk_len, |_| Ok(()))?;
        }
        let len = akm.ptk_len(cipher) + kdk_len;
        // Most PTKs fit 64 octets: a smaller buffer is less to clear and to wipe.
        if len <= SHORT_PTK_LEN {
            Ptk::expand_in::<SHORT_PTK_LEN>(akm, cipher, kdk_len, len, expand)
        } else {
            Ptk::expand_in::<PTK_MAX_LEN>(akm, cipher, kdk_len, len, expand)
        }
    }

    /// [`Ptk::from_expansion`] in a wiped buffer of `N` octets.
    #[inline]
    fn expand_in<const N: usize>(
        akm: Akm,
        cipher: Cipher,
        kdk_len: usize,
        len: usize,
        expand: impl FnOnce(&mut [u8]) -> Result<()>,
    ) -> Result<Ptk> {
        let mut buf = crate::secret::scratch::<N>();
        let out = buf.0.get_mut(..len).ok_or(Error::OutputTooLong { requested: len, max: N })?;
        expand(out)?;
        Ptk::split(akm, cipher, out, kdk_len)
    }

    /// Splits PTK octets as `KCK || KEK || TK [|| KDK]` with the suite's lengths.
    #[inline]
    fn split(akm: Akm, cipher: Cipher, bytes: &[u8], kdk_len: usize) -> Result<Ptk> {
        let (kck_len, kek_len, tk_len) = (akm.kck_len(), akm.kek_len(), cipher.tk_len());
        let needed = kck_len + kek_len + tk_len + kdk_len;
        if bytes.len() != needed {
            return Err(Error::InvalidLength { what: "PTK", len: bytes.len() });
        }
        let (kck, rest) = bytes.split_at(kck_len);
        let (kek, rest) = rest.split_at(kek_len);
        let (tk, kdk) = rest.split_at(tk_len);
        Ok(Ptk {
            kck: Kck::from_bytes(kck)?,
            kek: Kek::from_bytes(kek)?,
            tk: Tk::from_bytes(tk)?,
            kdk: if kdk.is_empty() { None } else { Some(Kdk::from_bytes(kdk)?) },
            akm,
            cipher,
        })
    }

    /// A PTK from known octets (e.g. in an analyser), split by the suite: exactly
    /// KCK + KEK + TK octets, or more with the rest taken as the KDK.
    pub fn from_bytes(akm: Akm, cipher: Cipher, bytes: &[u8]) -> Result<Ptk> {
        akm.check_cipher(cipher)?;
        let kdk_len = bytes.len().saturating_sub(akm.ptk_len(cipher));
        Ptk::split(akm, cipher, bytes, kdk_len)
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

    /// The AKM this PTK was derived for.
    pub fn akm(&self) -> Akm {
        self.akm
    }

    /// The pairwise cipher this PTK was derived for.
    pub fn cipher(&self) -> Cipher {
        self.cipher
    }

    /// Length of the PTK in octets (KCK + KEK + TK + KDK).
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.kck.len() + self.kek.len() + self.tk.len() + self.kdk.as_ref().map_or(0, Kdk::len)
    }

    /// For TKIP, the TK's three parts in the authenticator's order; `None` for other ciphers.
    pub fn tkip_keys(&self) -> Option<TkipKeys<'_>> {
        match self.cipher {
            Cipher::Tkip => Some(TkipKeys { tk: self.tk.as_bytes() }),
            _ => None,
        }
    }
}

impl fmt::Debug for Ptk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ptk")
            .field("akm", &self.akm)
            .field("cipher", &self.cipher)
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
    /// The KCK that [`Ptk::derive`] would give, and nothing more: only the PRF or KDF blocks
    /// that cover the KCK are computed (one block for the SHA-1 PRF and KDF-SHA-256/384: the
    /// KCK is at most one hash output long). The KDF's Length input is still the whole PTK's.
    /// For finding which of many PMKs a station used ([`crate::eapol::identify_pmk`]).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn derive_pairwise(
        pmk: &Pmk,
        akm: Akm,
        cipher: Cipher,
        aa: &MacAddr,
        spa: &MacAddr,
        anonce: &Nonce,
        snonce: &Nonce,
    ) -> Result<Kck> {
        let kdf = pairwise_kdf(akm, cipher)?;
        let data = pairwise_data(aa, spa, anonce, snonce);
        Kck::fill_with(akm.kck_len(), |out| {
            prf::expand_prefix(kdf, pmk.as_bytes(), PAIRWISE_LABEL, &data, akm.ptk_len(cipher), out)
        })
    }

    /// [`Kck::derive_pairwise`] for up to [`LANES`] PMKs at once on the multi-buffer SHA-1 of
    /// `backend`: lane `l`'s first [`Akm::kck_len`] octets ([`LaneStates::digest`]) are the
    /// KCK of `pmks[l]`. Same checks and errors as the single derivation; only for an AKM whose
    /// pairwise key expansion is the SHA-1 PRF (its KCK is the first PRF block), any other is
    /// [`Error::Unsupported`], and so are more than [`LANES`] PMKs. Five compressions per
    /// lane: 2 for the PMK pads, 2 inner (100 octets), 1 outer.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn derive_pairwise_lanes(
        backend: Backend,
        pmks: &[Pmk],
        akm: Akm,
        cipher: Cipher,
        aa: &MacAddr,
        spa: &MacAddr,
        anonce: &Nonce,
        snonce: &Nonce,
    ) -> Result<LaneStates> {
        let kdf = pairwise_kdf(akm, cipher)?;
        if kdf != Kdf::Sha1Prf || akm.kck_len() > DIGEST_LEN || pmks.len() > LANES {
            return Err(Error::Unsupported {
                what: "KCKs on the lanes other than up to 16 SHA-1 PRF blocks",
            });
        }
        let mut keys = LaneBlocks::new();
        for (lane, pmk) in pmks.iter().enumerate() {
            let mut k0 = key_block::<Sha1>(pmk.as_bytes());
            keys.load(lane, &k0);
            k0.zeroize();
        }
        let mac = LaneHmac::new(backend, &keys);
        let data = pairwise_data(aa, spa, anonce, snonce);
        Ok(prf::prf_sha1_first_block_lanes(backend, &mac, PAIRWISE_LABEL, &data))
    }

    /// The PMKID of the Suite B AKMs (11, 12), which is keyed with the KCK (12.7.1.3):
    /// `Truncate-128(HMAC-SHA-256/384(KCK, "PMK Name" || AA || SPA))`. Other AKMs key their
    /// PMKID with the PMK ([`Pmk::pmkid`]) and are an error here.
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
    pub fn derive(gmk: &Gmk, group_cipher: Cipher, aa: &MacAddr, gnonce: &Nonce) -> Result<Gtk> {
        Gtk::fill_with(group_cipher.gtk_len(), |out| {
            prf::prf_sha1(gmk.as_bytes(), GROUP_LABEL, &[aa.as_bytes(), gnonce.as_bytes()], out)
        })
    }
}
