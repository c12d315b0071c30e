//! The root of the hierarchy: PSK from a passphrase, PMK from a PSK or an MSK, and the PMKID.

use crate::error::{Error, Result};
use crate::secret::{secret_type, SecretBytes};
use crate::suite::{Akm, HashAlg, KeySource, PmkIdKey};
use crate::types::{hex_octet, MacAddr, PmkId, Ssid};

secret_type!(
    /// A pre-shared key: 32 octets from a passphrase or 64 hex digits, or 48 octets for the
    /// SHA-384 PSK AKMs when given directly.
    Psk,
    capacity = 48,
    lengths = 32 | 48,
    what = "PSK"
);

secret_type!(
    /// A pairwise master key: 32 octets, 48 for the SHA-384 AKMs, up to 64 as SAE-EXT-KEY allows.
    Pmk,
    capacity = 64,
    lengths = 32 | 48 | 64,
    what = "PMK"
);

secret_type!(
    /// A master session key exported by an EAP method (up to 64 octets are used here). The PMK
    /// and the FT XXKey are cut from it per AKM.
    Msk,
    capacity = 64,
    lengths = 1..=64,
    what = "MSK"
);

/// PBKDF2 iterations of the passphrase-to-PSK mapping (Annex J.4.1).
pub const PSK_ITERATIONS: u32 = 4096;

impl Psk {
    /// The passphrase-to-PSK mapping (Annex J.4.1):
    /// `PSK = PBKDF2(HMAC-SHA1, passphrase, SSID, 4096, 256 bits)`.
    ///
    /// The passphrase must have 8 to 63 characters, each printable ASCII (32 to 126).
    ///
    /// ```
    /// use ieee80211_keys::{Psk, Ssid};
    ///
    /// // IEEE 802.11 Annex J.4.2, test case 1.
    /// let psk = Psk::from_passphrase("password", &Ssid::new(b"IEEE")?)?;
    /// assert_eq!(psk.as_bytes(), hex::decode(
    ///     "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e",
    /// ).unwrap());
    /// assert!(Psk::from_passphrase("7 chars", &Ssid::new(b"IEEE")?).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_passphrase(passphrase: impl AsRef<[u8]>, ssid: &Ssid) -> Result<Psk> {
        Passphrase::Ascii.derive(passphrase.as_ref(), ssid, PSK_ITERATIONS)
    }

    /// The same mapping for a passphrase of 8 to 63 octets of any value, such as UTF-8 text.
    ///
    /// Annex J.4.1 allows only printable ASCII, but hostapd's `wpa_passphrase`, wpa_supplicant,
    /// hashcat and many configuration screens accept any 8 to 63 octets (in practice UTF-8)
    /// and run the same PBKDF2 over them: use this to interoperate with such networks or to
    /// audit them. For printable ASCII the result equals [`Psk::from_passphrase`].
    ///
    /// ```
    /// use ieee80211_keys::{Psk, Ssid};
    /// let ssid = Ssid::new(b"Caf\xc3\xa9")?;
    /// let psk = Psk::from_passphrase_bytes("mot de passe déjà vu".as_bytes(), &ssid)?;
    /// assert!(Psk::from_passphrase("mot de passe déjà vu", &ssid).is_err()); // not J.4.1
    /// # let _ = psk;
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_passphrase_bytes(passphrase: impl AsRef<[u8]>, ssid: &Ssid) -> Result<Psk> {
        Passphrase::Octets.derive(passphrase.as_ref(), ssid, PSK_ITERATIONS)
    }

    /// The passphrase-to-PSK mapping of [`Psk::from_passphrase`] for many passphrases and one
    /// SSID: a PSK database, a multi-PSK access point, an audit. `each(i, result)` is called
    /// once for every passphrase `i`, in no particular order: an invalid passphrase gets its
    /// error, and the others go on.
    ///
    /// The PBKDF2 chains of several passphrases (two per passphrase, one per output block) run
    /// side by side on the widest SHA-1 the CPU has, chosen at run time: sixteen in vector
    /// registers with AVX-512, a few interleaved on the SHA extensions of x86-64 or the SHA-1
    /// instructions of AArch64 (see the README for the speed of each); on other CPUs one
    /// derivation after the other. The results are the same. Nothing is allocated.
    ///
    /// ```
    /// use ieee80211_keys::{Psk, Ssid};
    /// use subtle::ConstantTimeEq;
    ///
    /// let ssid = Ssid::new(b"IEEE")?;
    /// let list = ["password", "too short", "short", "another passphrase"];
    /// let mut ok = [false; 4];
    /// Psk::from_passphrases(&ssid, &list, |i, psk| {
    ///     ok[i] = psk.is_ok();
    ///     if let Ok(psk) = psk {
    ///         // The same PSK as one derivation at a time (Annex J.4.2 test case 1 for
    ///         // "password").
    ///         assert!(bool::from(psk.ct_eq(&Psk::from_passphrase(list[i], &ssid).unwrap())));
    ///     }
    /// });
    /// assert_eq!(ok, [true, true, false, true]);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_passphrases<P: AsRef<[u8]>>(
        ssid: &Ssid,
        passphrases: &[P],
        mut each: impl FnMut(usize, Result<Psk>),
    ) {
        Passphrase::Ascii.derive_batch(ssid, passphrases, &mut each);
    }

    /// [`Psk::from_passphrases`] for passphrases of 8 to 63 octets of any value, as
    /// [`Psk::from_passphrase_bytes`] takes them (outside Annex J.4.1).
    ///
    /// ```
    /// use ieee80211_keys::{Psk, Ssid};
    /// let ssid = Ssid::new(b"home")?;
    /// let list: [&[u8]; 2] = ["pässwörter".as_bytes(), b"short"];
    /// Psk::from_passphrases_bytes(&ssid, &list, |i, psk| assert_eq!(psk.is_ok(), i == 0));
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_passphrases_bytes<P: AsRef<[u8]>>(
        ssid: &Ssid,
        passphrases: &[P],
        mut each: impl FnMut(usize, Result<Psk>),
    ) {
        Passphrase::Octets.derive_batch(ssid, passphrases, &mut each);
    }

    /// [`Psk::from_passphrases`] spread over the CPU's cores (the `std` feature): worker
    /// threads (`std::thread::scope`, as many as `std::thread::available_parallelism`) take
    /// groups of passphrases in turn and run the batch on each. `each(i, result)` is called once
    /// for every passphrase `i`, in no particular order, from the worker threads. Nothing is
    /// allocated but the threads.
    ///
    /// ```
    /// # use ieee80211_keys::{Psk, Ssid};
    /// use std::sync::Mutex;
    /// let ssid = Ssid::new(b"office").unwrap();
    /// let passphrases = ["correct horse", "battery staple", "short"];
    /// let found = Mutex::new(Vec::new());
    /// Psk::from_passphrases_parallel(&ssid, &passphrases, |i, psk| {
    ///     found.lock().unwrap().push((i, psk.is_ok()));
    /// });
    /// let mut found = found.into_inner().unwrap();
    /// found.sort();
    /// assert_eq!(found, [(0, true), (1, true), (2, false)]);
    /// ```
    #[cfg(feature = "std")]
    pub fn from_passphrases_parallel<P: AsRef<[u8]> + Sync>(
        ssid: &Ssid,
        passphrases: &[P],
        each: impl Fn(usize, Result<Psk>) + Sync,
    ) {
        use core::sync::atomic::{AtomicUsize, Ordering};
        // Two groups of lanes per turn (8 passphrases a group): few enough turns to balance,
        // none below a vector pass.
        const TURN: usize = crate::crypto::lanes::LANES;
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let workers = workers.min(passphrases.len().div_ceil(TURN));
        let next = AtomicUsize::new(0);
        let work = || loop {
            let start = next.fetch_add(TURN, Ordering::Relaxed);
            let Some(turn) = passphrases.get(start..(start + TURN).min(passphrases.len())) else {
                return;
            };
            if turn.is_empty() {
                return;
            }
            Psk::from_passphrases(ssid, turn, |i, r| each(start + i, r));
        };
        std::thread::scope(|scope| {
            for _ in 1..workers {
                scope.spawn(work);
            }
            work();
        });
    }

    /// A PSK given as 64 hexadecimal digits (or 96 for a 48-octet PSK), as in a
    /// `wpa_supplicant.conf` `psk=` line.
    ///
    /// ```
    /// use ieee80211_keys::{Psk, Ssid};
    /// use subtle::ConstantTimeEq;
    ///
    /// // The PSK of Annex J.4.2 test case 2, as a `psk=` line gives it.
    /// let hex = "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af";
    /// let psk = Psk::from_hex(hex)?;
    /// let same = Psk::from_passphrase("ThisIsAPassword", &Ssid::new(b"ThisIsASSID")?)?;
    /// assert!(bool::from(psk.ct_eq(&same))); // secrets compare in constant time only
    /// assert!(Psk::from_hex(&hex[..62]).is_err());
    /// assert!(Psk::from_hex(&hex.replace('0', "g")).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_hex(hex: &str) -> Result<Psk> {
        let h = hex.as_bytes();
        let bad = Error::InvalidHex { what: "PSK" };
        if h.len() != 64 && h.len() != 96 {
            return Err(bad);
        }
        Psk::fill_with(h.len() / 2, |out| {
            for (o, pair) in out.iter_mut().zip(h.chunks_exact(2)) {
                *o = hex_octet(pair[0], pair[1]).ok_or(bad)?;
            }
            Ok(())
        })
    }
}

/// Which passphrases a mapping takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Passphrase {
    /// 8 to 63 printable ASCII characters (Annex J.4.1).
    Ascii,
    /// 8 to 63 octets of any value (deployed implementations; UTF-8 networks).
    Octets,
}

impl Passphrase {
    /// Checks a passphrase: 8 to 63 octets, each printable ASCII for [`Passphrase::Ascii`].
    pub(crate) fn check(self, p: &[u8]) -> Result<&[u8]> {
        if !(8..=63).contains(&p.len()) {
            return Err(Error::PassphraseLength { len: p.len() });
        }
        if self == Passphrase::Ascii {
            if let Some(position) = p.iter().position(|c| !(32..=126).contains(c)) {
                return Err(Error::PassphraseCharacter { position });
            }
        }
        Ok(p)
    }

    /// `PBKDF2(HMAC-SHA1, passphrase, SSID, iterations, 256 bits)` after the check.
    fn derive(self, passphrase: &[u8], ssid: &Ssid, iterations: u32) -> Result<Psk> {
        let p = self.check(passphrase)?;
        Psk::fill_with(32, |out| {
            crate::crypto::prf::pbkdf2_sha1(p, ssid.as_bytes(), iterations, out)
        })
    }

    /// The batch: on the lanes where the CPU has them, else one after the other.
    fn derive_batch<P: AsRef<[u8]>>(
        self,
        ssid: &Ssid,
        passphrases: &[P],
        each: &mut dyn FnMut(usize, Result<Psk>),
    ) {
        crate::crypto::lanes::pbkdf2_sha1_32_many(
            ssid.as_bytes(),
            PSK_ITERATIONS,
            passphrases,
            |p| self.check(p.as_ref()),
            &mut |i, psk| each(i, psk.and_then(|k| Psk::from_bytes(k))),
        );
    }
}

impl Pmk {
    /// For the PSK AKMs the PMK is the PSK (12.7.1.3).
    ///
    /// ```
    /// use ieee80211_keys::{Akm, Pmk, Psk};
    ///
    /// let psk = Psk::from_bytes(&[0x5a; 32])?;
    /// let pmk = Pmk::from_psk(&psk);
    /// assert_eq!(pmk.as_bytes(), psk.as_bytes());
    /// assert_eq!(pmk.len(), Akm::Psk.pmk_len());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_psk(psk: &Psk) -> Pmk {
        Pmk(SecretBytes::copy_of(&psk.0))
    }

    /// The PMK from an 802.1X MSK: its first 256 bits, or first 384 bits for the SHA-384 AKMs
    /// (12.7.1.3; hostap `INITPMK`). For CCKM this is the NSK. An AKM that does not use an MSK
    /// (PSK, SAE) is an error, and so is an MSK shorter than the PMK.
    ///
    /// ```
    /// use ieee80211_keys::{Akm, Msk, Pmk};
    ///
    /// let octets: [u8; 64] = core::array::from_fn(|i| i as u8);
    /// let msk = Msk::from_bytes(&octets)?;
    /// // 802.1X (AKM 1): the first 256 bits; Suite B 192 (AKM 12): the first 384 bits.
    /// assert_eq!(Pmk::from_msk(Akm::Ieee8021x, &msk)?.as_bytes(), &octets[..32]);
    /// assert_eq!(Pmk::from_msk(Akm::SuiteB192, &msk)?.as_bytes(), &octets[..48]);
    /// // A PSK AKM has no MSK, and an MSK shorter than the PMK is refused.
    /// assert!(Pmk::from_msk(Akm::Psk, &msk).is_err());
    /// assert!(Pmk::from_msk(Akm::SuiteB192, &Msk::from_bytes(&octets[..32])?).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_msk(akm: Akm, msk: &Msk) -> Result<Pmk> {
        if akm.key_source() != KeySource::Msk {
            return Err(Error::NotForAkm { akm, operation: "a PMK from an MSK" });
        }
        let needed = akm.pmk_len();
        let m = msk.as_bytes();
        let head = m.get(..needed).ok_or(Error::MskTooShort { needed, len: m.len() })?;
        Pmk::fill_with(needed, |out| {
            out.copy_from_slice(head);
            Ok(())
        })
    }

    /// The PMKID of this PMK for an authenticator (AA) and a supplicant (SPA) (12.7.1.3):
    /// `Truncate-128(HMAC-Hash(PMK, "PMK Name" || AA || SPA))`, the hash chosen by the AKM.
    ///
    /// The Suite B AKMs (11, 12) key their PMKID with the KCK: use [`crate::Kck::pmkid`]. SAE's
    /// PMKID is not derived from the PMK. Both are errors here.
    ///
    /// ```
    /// use ieee80211_keys::{Akm, MacAddr, Pmk};
    ///
    /// // hashcat's mode 22001 self-test: the PMK, AA and SPA of a captured message 1/4, and its
    /// // PMKID.
    /// let pmk = Pmk::from_bytes(&hex::decode(
    ///     "88f43854ae7b1624fc2ab7724859e795130f4843c7535729e819cf92f39535dc",
    /// ).unwrap())?;
    /// let aa: MacAddr = "27:46:2d:a3:50:ac".parse()?;
    /// let spa: MacAddr = "ac:cd:10:fb:46:4e".parse()?;
    /// let pmkid = pmk.pmkid(Akm::Psk, &aa, &spa)?;
    /// assert_eq!(pmkid.to_string(), "5ce7ebe97a1bbfeb2822ae627b726d5b");
    /// // Suite B keys its PMKID with the KCK (`Kck::pmkid`).
    /// assert!(pmk.pmkid(Akm::SuiteB, &aa, &spa).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn pmkid(&self, akm: Akm, aa: &MacAddr, spa: &MacAddr) -> Result<PmkId> {
        match akm.pmkid_algorithm()? {
            (hash, PmkIdKey::Pmk) => pmkid(hash, self.as_bytes(), aa, spa),
            (_, PmkIdKey::Kck) => Err(Error::NotForAkm {
                akm,
                operation: "a PMK-keyed PMKID (this AKM keys it with the KCK: Kck::pmkid)",
            }),
        }
    }
}

/// `Truncate-128(HMAC-Hash(key, "PMK Name" || AA || SPA))`. AA first, then SPA: not sorted.
pub(crate) fn pmkid(hash: HashAlg, key: &[u8], aa: &MacAddr, spa: &MacAddr) -> Result<PmkId> {
    let mut id = [0u8; 16];
    crate::crypto::prf::hmac_truncated(
        hash,
        key,
        &[b"PMK Name", aa.as_bytes(), spa.as_bytes()],
        &mut id,
    )?;
    Ok(PmkId::new(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte rule takes any octets; the ASCII rule refuses the first non-printable one.
    #[test]
    fn passphrase_rules() {
        let utf8 = "contraseña segura".as_bytes();
        assert!(Passphrase::Octets.check(utf8).is_ok());
        assert_eq!(Passphrase::Ascii.check(utf8), Err(Error::PassphraseCharacter { position: 8 }));
        assert_eq!(Passphrase::Octets.check(&[0; 7]), Err(Error::PassphraseLength { len: 7 }));
        assert_eq!(Passphrase::Octets.check(&[0xff; 64]), Err(Error::PassphraseLength { len: 64 }));
        assert!(Passphrase::Octets.check(&[0; 63]).is_ok());
    }
}
