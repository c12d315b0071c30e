//! The confirm exchange (IEEE 802.11-2020 12.4.5.5 and 12.4.5.6) and the keys it guards.
//!
//! [`Unconfirmed`] holds the KCK and, sealed, the PMK. The PMK leaves it only inside an
//! [`Accepted`], which only [`Unconfirmed::verify`] makes, after the peer's confirm verified:
//! a caller cannot install a PMK whose peer has not proved the password.

use core::fmt;

use subtle::ConstantTimeEq;

use super::commit::Commit;
use crate::error::{Error, Result};
use crate::pmk::Pmk;
use crate::prf::hkdf_extract;
use crate::secret::{scratch, secret_type};
use crate::suite::HashAlg;
use crate::types::{write_hex, PmkId};

secret_type!(
    /// The shared secret `k = x(K)` of an SAE exchange (12.4.5.4), `len(p)` octets.
    SharedSecret,
    capacity = 66,
    lengths = 32 | 48 | 66,
    what = "SAE k"
);

secret_type!(
    /// `keyseed = HMAC-H(salt, k)` (12.4.5.4), the hash length.
    Keyseed,
    capacity = 64,
    lengths = 32 | 48 | 64,
    what = "SAE keyseed"
);

secret_type!(
    /// SAE's key confirmation key (12.4.5.4), the hash length: it keys the confirm values.
    /// (Not the EAPOL-Key KCK of the PTK, [`crate::Kck`].)
    SaeKck,
    capacity = 64,
    lengths = 32 | 48 | 64,
    what = "SAE KCK"
);

/// A confirm message's fields: the send-confirm counter and the confirm value (the hash
/// length). Public values.
#[derive(Clone, Copy)]
pub struct Confirm {
    send_confirm: u16,
    value: [u8; 64],
    len: usize,
}

impl Confirm {
    /// A confirm from its fields, as received. The value must be 32, 48 or 64 octets.
    ///
    /// ```
    /// use ieee80211_keys::sae::Confirm;
    /// let c = Confirm::new(1, &[0xab; 32])?;
    /// assert_eq!((c.send_confirm(), c.value().len()), (1, 32));
    /// assert!(Confirm::new(1, &[0xab; 20]).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn new(send_confirm: u16, value: &[u8]) -> Result<Confirm> {
        if !matches!(value.len(), 32 | 48 | 64) {
            return Err(Error::InvalidLength { what: "SAE confirm", len: value.len() });
        }
        let mut c = Confirm { send_confirm, value: [0; 64], len: value.len() };
        c.value[..value.len()].copy_from_slice(value);
        Ok(c)
    }

    /// The send-confirm counter.
    pub fn send_confirm(&self) -> u16 {
        self.send_confirm
    }

    /// The confirm value.
    pub fn value(&self) -> &[u8] {
        &self.value[..self.len]
    }
}

/// Constant time: a check never leaks how many octets matched.
impl PartialEq for Confirm {
    fn eq(&self, other: &Self) -> bool {
        self.send_confirm == other.send_confirm && bool::from(self.value().ct_eq(other.value()))
    }
}

impl Eq for Confirm {}

impl fmt::Debug for Confirm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Confirm(send-confirm {}, ", self.send_confirm)?;
        write_hex(f, self.value())?;
        write!(f, ")")
    }
}

/// The keys of an SAE exchange whose confirm has not yet verified: it makes our confirms and
/// verifies the peer's. The PMK inside is released only by [`Unconfirmed::verify`].
#[derive(Clone)]
pub struct Unconfirmed {
    hash: HashAlg,
    kck: SaeKck,
    pmk: Pmk,
    pmkid: PmkId,
    own: Commit,
    peer: Commit,
}

impl zeroize::ZeroizeOnDrop for Unconfirmed {}

impl fmt::Debug for Unconfirmed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unconfirmed")
            .field("kck", &self.kck)
            .field("pmk", &self.pmk)
            .field("pmkid", &self.pmkid)
            .finish_non_exhaustive()
    }
}

impl Unconfirmed {
    pub(crate) fn new(
        hash: HashAlg,
        kck: SaeKck,
        pmk: Pmk,
        pmkid: PmkId,
        own: Commit,
        peer: Commit,
    ) -> Unconfirmed {
        Unconfirmed { hash, kck, pmk, pmkid, own, peer }
    }

    /// Our confirm with counter `send_confirm` (12.4.5.5):
    /// `HMAC-H(KCK, send-confirm || scalar || element || peer-scalar || peer-element)`,
    /// the counter 2 octets little-endian.
    ///
    /// ```
    /// use ieee80211_keys::sae::{AkmFamily, Committed, Group, Mask, Password, Pwe, Rand};
    /// use ieee80211_keys::{Error, MacAddr};
    ///
    /// let (sta, ap): (MacAddr, MacAddr) = ("02:00:00:00:00:01".parse()?, "02:00:00:00:00:02".parse()?);
    /// let pw = Password::from_bytes(b"pw")?;
    /// let side = |a, b, r: u8, m: u8| -> Result<Committed, Error> {
    ///     let pwe = Pwe::hunting_and_pecking(Group::P256, &pw, None, a, b)?;
    ///     Committed::with_rand_mask(&pwe, &Rand::from_bytes(&[r; 32])?, &Mask::from_bytes(&[m; 32])?)
    /// };
    /// let (sta_side, ap_side) = (side(&sta, &ap, 3, 5)?, side(&ap, &sta, 7, 9)?);
    /// let keys = sta_side.process(ap_side.commit(), AkmFamily::Sae, None)?;
    /// let (first, again) = (keys.confirm(1), keys.confirm(2));
    /// assert_eq!((first.send_confirm(), first.value().len()), (1, 32)); // SHA-256 after H&P
    /// assert_ne!(first.value(), again.value()); // a retransmission has a new counter and value
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn confirm(&self, send_confirm: u16) -> Confirm {
        self.cn(send_confirm, &self.own, &self.peer)
    }

    /// Verifies the peer's confirm (12.4.5.6), in constant time, and on success releases the
    /// PMK and PMKID. A wrong value, or one of another length, is [`Error::ConfirmMismatch`].
    ///
    /// ```
    /// use ieee80211_keys::sae::{AkmFamily, Committed, Confirm, Group, Mask, Password, Pwe, Rand};
    /// use ieee80211_keys::{Error, MacAddr};
    ///
    /// let (sta, ap): (MacAddr, MacAddr) = ("02:00:00:00:00:01".parse()?, "02:00:00:00:00:02".parse()?);
    /// let pw = Password::from_bytes(b"pw")?;
    /// let side = |a, b, r: u8, m: u8| -> Result<Committed, Error> {
    ///     let pwe = Pwe::hunting_and_pecking(Group::P256, &pw, None, a, b)?;
    ///     Committed::with_rand_mask(&pwe, &Rand::from_bytes(&[r; 32])?, &Mask::from_bytes(&[m; 32])?)
    /// };
    /// let (sta_side, ap_side) = (side(&sta, &ap, 3, 5)?, side(&ap, &sta, 7, 9)?);
    /// let sta_keys = sta_side.process(ap_side.commit(), AkmFamily::Sae, None)?;
    /// let ap_keys = ap_side.process(sta_side.commit(), AkmFamily::Sae, None)?;
    ///
    /// let accepted = sta_keys.verify(&ap_keys.confirm(1))?;
    /// assert_eq!(accepted.pmk().len(), 32);
    /// // A forged confirm releases nothing.
    /// let forged = Confirm::new(1, &[0; 32])?;
    /// assert_eq!(sta_keys.verify(&forged).unwrap_err(), Error::ConfirmMismatch);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn verify(&self, peer: &Confirm) -> Result<Accepted> {
        let expected = self.cn(peer.send_confirm, &self.peer, &self.own);
        if !bool::from(expected.value().ct_eq(peer.value())) {
            return Err(Error::ConfirmMismatch);
        }
        Ok(Accepted { pmk: self.pmk.clone(), pmkid: self.pmkid })
    }

    /// The SAE KCK (published vectors give it; the confirm values are all it keys).
    pub fn kck(&self) -> &SaeKck {
        &self.kck
    }

    /// The PMKID: the first 16 octets of `(scalar + peer-scalar) mod r`. Public (it names the
    /// PMKSA in association requests).
    pub fn pmkid(&self) -> PmkId {
        self.pmkid
    }

    /// `CN(KCK, sc, first scalar and element, second scalar and element)`.
    fn cn(&self, send_confirm: u16, first: &Commit, second: &Commit) -> Confirm {
        let len = self.hash.output_len();
        let mut out = scratch::<64>();
        let sc = send_confirm.to_le_bytes();
        let parts = [&sc[..], first.scalar(), first.element(), second.scalar(), second.element()];
        // The KCK has the hash's length by construction, so this cannot fail.
        let _ = hkdf_extract(self.hash, self.kck.as_bytes(), &parts, &mut out.0[..len]);
        Confirm::new(send_confirm, &out.0[..len]).unwrap_or(Confirm {
            send_confirm,
            value: [0; 64],
            len: 0,
        })
    }
}

/// The result of an SAE exchange whose peer confirm verified: the PMK (hand it to
/// [`crate::Ptk::derive`] for AKM 8, or to [`crate::ft::XxKey::from_sae_pmk`] for FT-SAE) and
/// the PMKID. Zeroized on drop.
#[derive(Clone)]
pub struct Accepted {
    pmk: Pmk,
    pmkid: PmkId,
}

impl zeroize::ZeroizeOnDrop for Accepted {}

impl fmt::Debug for Accepted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Accepted").field("pmk", &self.pmk).field("pmkid", &self.pmkid).finish()
    }
}

impl Accepted {
    /// The PMK.
    pub fn pmk(&self) -> &Pmk {
        &self.pmk
    }

    /// The PMKID.
    pub fn pmkid(&self) -> PmkId {
        self.pmkid
    }

    /// The PMK, moved out.
    pub fn into_pmk(self) -> Pmk {
        self.pmk
    }
}
