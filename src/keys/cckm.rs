//! Cisco CCKM keys: the base keys (KRK, BTK) of an NSK, the per-roam PTK and the rekey number.
//! Public as [`crate::cckm`], with the reassociation elements of `frames/cckm.rs`.

use core::fmt;

use zeroize::ZeroizeOnDrop;

use crate::crypto::prf;
use crate::error::{Error, Result};
use crate::keys::pmk::Pmk;
use crate::keys::ptk::{MicKey, Pairwise, Ptk};
use crate::secret::{scratch, secret_type};
use crate::suite::{Akm, Cipher, Suite};
use crate::types::MacAddr;

secret_type!(
    /// The CCKM key request key: keys the reassociation request MIC and, at the initial
    /// association, the MIC of EAPOL-Key message 2/4 (`cckm.md` §5), for which it is a
    /// [`MicKey`].
    Krk,
    capacity = 16,
    lengths = 16,
    what = "KRK"
);

secret_type!(
    /// The CCKM base transient key: every PTK of the NSK's lifetime is expanded from it with a
    /// rekey number and a BSSID ([`Btk::ptk`]).
    Btk,
    capacity = 32,
    lengths = 32,
    what = "BTK"
);

/// KRK length in octets.
pub const KRK_LEN: usize = 16;
/// BTK length in octets.
pub const BTK_LEN: usize = 32;
/// The base-key label (`cckm.md` §3), 27 octets, no terminator.
const BASE_KEY_LABEL: &[u8] = b"Fast-Roam Generate Base Key";

/// The KRK and the BTK: the keys a CCKM station and its infrastructure keep for the lifetime of
/// an NSK.
#[derive(Clone, Debug)]
pub struct BaseKeys {
    krk: Krk,
    btk: Btk,
}

impl ZeroizeOnDrop for BaseKeys {}

impl BaseKeys {
    /// Derives the base keys after the initial 802.1X authentication (`cckm.md` §3):
    /// `KRK || BTK = PRF-384(NSK, "Fast-Roam Generate Base Key", BSSID || STA || SNonce ||
    /// ANonce)` with the SHA-1 PRF. The order is fixed: unlike the pairwise key expansion,
    /// nothing is sorted.
    ///
    /// `nsk` is the PMK the 4-way handshake would otherwise use; the roles come from
    /// [`Pairwise`]: AA is the BSSID of the AP of the initial association, SPA the station's
    /// address, ANonce from EAPOL-Key message 1/4.
    pub fn derive(nsk: &Pmk, pairwise: &Pairwise) -> Result<BaseKeys> {
        let Pairwise { aa: bssid, spa: sta, anonce, snonce } = pairwise;
        let mut out = scratch::<{ KRK_LEN + BTK_LEN }>();
        let data: [&[u8]; 4] =
            [bssid.as_bytes(), sta.as_bytes(), snonce.as_bytes(), anonce.as_bytes()];
        prf::prf_sha1(nsk.as_bytes(), BASE_KEY_LABEL, &data, &mut out.0)?;
        let (krk, btk) = out.0.split_at(KRK_LEN);
        Ok(BaseKeys { krk: Krk::from_bytes(krk)?, btk: Btk::from_bytes(btk)? })
    }

    /// The key request key.
    pub fn krk(&self) -> &Krk {
        &self.krk
    }

    /// The base transient key.
    pub fn btk(&self) -> &Btk {
        &self.btk
    }
}

impl Btk {
    /// The PTK for rekey number `rn` with the AP `bssid` (`cckm.md` §4):
    /// `PTK = HMAC-SHA1(BTK, LE32(RN) || BSSID || i)` for `i = 0, 1, ...`, truncated to the
    /// PTK length of the cipher (48 octets for CCMP-128, 64 for TKIP) and split as
    /// `KCK || KEK || TK`.
    ///
    /// This is [`prf::cckm_prf`]: no label and no 0x00 separator, unlike the 802.11 PRF.
    /// `rn` is [`RekeyNumber::INITIAL`] with the AP of the initial association, and the
    /// incremented number with the new AP on each roam.
    pub fn ptk(&self, rn: RekeyNumber, bssid: &MacAddr, cipher: Cipher) -> Result<Ptk> {
        let rn = rn.to_le_bytes();
        let suite = Suite::new(Akm::Cckm, cipher, Akm::Cckm.pmk_len())?;
        Ptk::from_expansion(&suite, |out| {
            prf::cckm_prf(self.as_bytes(), &[&rn, bssid.as_bytes()], out)
        })
    }
}

/// The KRK keys the MIC of EAPOL-Key message 2/4 of a CCKM initial association, with the MIC
/// algorithm of the frame's descriptor version (`cckm.md` §5 and §9 item 7).
impl MicKey for Krk {
    fn mic_key_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// A CCKM rekey number: 32 bits, little-endian wherever it is sent or hashed.
///
/// 1 for the initial association of a fresh NSK ([`RekeyNumber::INITIAL`]); the station
/// increments it before each fast roam ([`RekeyNumber::advance`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RekeyNumber(u32);

impl RekeyNumber {
    /// The number of the initial association: 1 (`cckm.md` §5).
    pub const INITIAL: RekeyNumber = RekeyNumber(1);

    /// Wraps a number.
    pub const fn new(n: u32) -> RekeyNumber {
        RekeyNumber(n)
    }

    /// The number.
    pub const fn get(self) -> u32 {
        self.0
    }

    /// The four octets as sent and hashed: little-endian.
    pub const fn to_le_bytes(self) -> [u8; 4] {
        self.0.to_le_bytes()
    }

    /// Reads the little-endian wire form.
    pub const fn from_le_bytes(bytes: [u8; 4]) -> RekeyNumber {
        RekeyNumber(u32::from_le_bytes(bytes))
    }

    /// The station's step before each fast roam: increments the number and returns the new
    /// value, which the request and the new PTK use. At `u32::MAX` it refuses with
    /// [`Error::RekeyNumberExhausted`] and stays unchanged: the station must authenticate
    /// in full again, which gives a fresh NSK.
    pub fn advance(&mut self) -> Result<RekeyNumber> {
        self.0 = self.0.checked_add(1).ok_or(Error::RekeyNumberExhausted)?;
        Ok(*self)
    }
}

impl fmt::Display for RekeyNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}
