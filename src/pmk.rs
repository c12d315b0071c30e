//! The root of the hierarchy: PSK from a passphrase, PMK from a PSK or an MSK, and the PMKID.

use zeroize::Zeroize;

use crate::engine::{Hmac, Sha1};
use crate::error::{Error, Result};
use crate::lanes::{Backend, Chains, LANES};
use crate::secret::scratch;
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
        // Two groups of lanes per turn: few enough turns to balance, none below a vector pass.
        const TURN: usize = 2 * PER_GROUP;
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

/// Passphrases per group of lanes: two PBKDF2 chains each.
const PER_GROUP: usize = LANES / 2;

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
        Psk::fill_with(32, |out| crate::prf::pbkdf2_sha1(p, ssid.as_bytes(), iterations, out))
    }

    /// The batch: on the lanes where the CPU has them, else one after the other.
    fn derive_batch<P: AsRef<[u8]>>(
        self,
        ssid: &Ssid,
        passphrases: &[P],
        each: &mut dyn FnMut(usize, Result<Psk>),
    ) {
        match Backend::detect() {
            Some(backend) => psk_lanes(backend, self, ssid, passphrases, PSK_ITERATIONS, each),
            None => passphrases
                .iter()
                .enumerate()
                .for_each(|(i, p)| each(i, self.derive(p.as_ref(), ssid, PSK_ITERATIONS))),
        }
    }
}

/// [`Psk::from_passphrases`] with the multi-buffer SHA-1 of `backend`, for passphrases that
/// `rule` accepts, with `iterations` PBKDF2 iterations (4096 but in the tests).
pub(crate) fn psk_lanes<P: AsRef<[u8]>>(
    backend: Backend,
    rule: Passphrase,
    ssid: &Ssid,
    passphrases: &[P],
    iterations: u32,
    each: &mut dyn FnMut(usize, Result<Psk>),
) {
    let mut chains = Chains::new();
    let mut group = [0usize; PER_GROUP];
    let mut used = 0;
    let mut todo = passphrases.iter().enumerate().peekable();
    while let Some((i, p)) = todo.next() {
        match rule.check(p.as_ref()) {
            Err(e) => each(i, Err(e)),
            Ok(p) => {
                // Keyed once; U1 of both output blocks (SSID || INT(1), SSID || INT(2)).
                let mac = Hmac::<Sha1>::new(p);
                let (mut inner, mut outer) = mac.states();
                let mut u1 = scratch::<40>();
                let index = |b: usize| (b as u32 + 1).to_be_bytes();
                mac.expand(|_| [], &[&[ssid.as_bytes()]], index, &mut u1.0);
                let (first, second) = u1.0.split_at(20);
                chains.load(2 * used, &inner, &outer, first);
                chains.load(2 * used + 1, &inner, &outer, second);
                inner.zeroize();
                outer.zeroize();
                group[used] = i;
                used += 1;
            }
        }
        if used == PER_GROUP || (todo.peek().is_none() && used > 0) {
            if used < backend.fewest_for_lanes() {
                // Too few for a vector pass: one after the other.
                for &i in &group[..used] {
                    each(i, rule.derive(passphrases[i].as_ref(), ssid, iterations));
                }
            } else {
                chains.run(backend, 2 * used, iterations - 1);
                for (k, &i) in group[..used].iter().enumerate() {
                    each(
                        i,
                        Psk::fill_with(32, |out| {
                            let (first, second) = out.split_at_mut(20);
                            chains.read(2 * k, first);
                            chains.read(2 * k + 1, second);
                            Ok(())
                        }),
                    );
                }
            }
            used = 0;
        }
    }
}

impl Pmk {
    /// For the PSK AKMs the PMK is the PSK (12.7.1.3).
    pub fn from_psk(psk: &Psk) -> Pmk {
        Pmk(SecretBytes::copy_of(&psk.0))
    }

    /// The PMK from an 802.1X MSK: its first 256 bits, or first 384 bits for the SHA-384 AKMs
    /// (12.7.1.3; hostap `INITPMK`). For CCKM this is the NSK. An AKM that does not use an MSK
    /// (PSK, SAE) is an error, and so is an MSK shorter than the PMK.
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
    crate::prf::hmac_truncated(hash, key, &[b"PMK Name", aa.as_bytes(), spa.as_bytes()], &mut id)?;
    Ok(PmkId::new(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use subtle::ConstantTimeEq;

    /// The batch with every backend this CPU runs (the plain-Rust body included) against the
    /// single derivation; a group of five takes a vector pass.
    #[test]
    fn psk_lanes_with_every_backend() {
        let ssid = Ssid::new(b"lanes").unwrap();
        let list =
            ["first passphrase", "bad", "another one here", "12345678", "~~~~~~~~~~", "x y z w v"];
        for backend in Backend::available() {
            let mut seen = 0;
            psk_lanes(backend, Passphrase::Ascii, &ssid, &list, PSK_ITERATIONS, &mut |i, got| {
                seen += 1;
                match (got, Psk::from_passphrase(list[i], &ssid)) {
                    (Ok(a), Ok(b)) => assert!(bool::from(a.ct_eq(&b)), "{backend:?} {i}"),
                    (Err(a), Err(b)) => assert_eq!(a, b),
                    _ => panic!("{backend:?} {i}"),
                }
            });
            assert_eq!(seen, list.len());
        }
    }

    /// Every batch size around the group boundaries (8k - 1 to 8k + 3 passphrases for k = 1 to
    /// 4, eight to a vector pass), with every backend this CPU runs: each result belongs to its
    /// own index, every index is reported once, invalid passphrases keep their error. Two
    /// PBKDF2 iterations instead of 4096 (the grouping does not depend on the count), checked
    /// against the single derivation with the same count.
    #[test]
    fn psk_lanes_at_every_group_boundary() {
        extern crate std;
        use std::{format, string::String, vec::Vec};
        const MOST: usize = 4 * PER_GROUP + 3;
        let ssid = Ssid::new(b"boundaries").unwrap();
        let mut list: Vec<String> = (0..MOST).map(|i| format!("passphrase {i:03}")).collect();
        list[11] = String::from("bad");
        let single: Vec<Result<Psk>> =
            list.iter().map(|p| Passphrase::Ascii.derive(p.as_bytes(), &ssid, 2)).collect();
        for backend in Backend::available() {
            for k in 1..=4 {
                for n in k * PER_GROUP - 1..=k * PER_GROUP + 3 {
                    let mut seen = [false; MOST];
                    psk_lanes(backend, Passphrase::Ascii, &ssid, &list[..n], 2, &mut |i, got| {
                        assert!(!seen[i], "{backend:?} {n}: index {i} twice");
                        seen[i] = true;
                        match (got, &single[i]) {
                            (Ok(a), Ok(b)) => {
                                assert!(bool::from(a.ct_eq(b)), "{backend:?} {n} {i}")
                            }
                            (Err(a), Err(b)) => assert_eq!(&a, b),
                            _ => panic!("{backend:?} {n} {i}"),
                        }
                    });
                    assert!(seen[..n].iter().all(|&s| s), "{backend:?} {n}: an index missing");
                }
            }
        }
    }

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
