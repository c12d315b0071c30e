//! The Cisco CCKM reassociation request and response elements, and the AP's rekey guard.
//! Public as [`crate::cckm`], with the CCKM keys of `keys/cckm.rs`.

use crate::crypto::keywrap;
use crate::crypto::mic::{self, Mic};
use crate::error::{Error, Result};
use crate::keys::cckm::{Krk, RekeyNumber};
use crate::keys::ptk::{Gtk, Kek, Ptk};
use crate::suite::{Cipher, KeyWrap, Protocol, PtkDerivation, CISCO_OUI};
use crate::types::MacAddr;

/// Element ID of both CCKM elements (156; `cckm.md` §6, §7 and §9 item 6: 802.11ad later gave
/// the same number to a DMG element, so the OUI and type below tell them apart).
pub const ELEMENT_ID: u8 = 0x9c;
/// OUI type after [`crate::suite::CISCO_OUI`] in both CCKM elements.
pub const OUI_TYPE: u8 = 0x00;
/// Length of the element MICs: the first 8 octets of the HMAC.
pub const MIC_LEN: usize = 8;
/// Length of the whole reassociation request element (ID and length octets included).
pub const REQUEST_ELEMENT_LEN: usize = 26;
/// The request element's Length field.
pub const REQUEST_BODY_LEN: u8 = 24;
/// Length of the reassociation response element before the encrypted GTK (ID and length octets
/// included); the Length field is `RESPONSE_FIXED_LEN - 2 + KeyLen`.
pub const RESPONSE_FIXED_LEN: usize = 30;
/// The longest response element: a Length field of 255.
pub const RESPONSE_MAX_LEN: usize = 257;

/// Element header and OUI, OUI type (6 octets).
const HEADER_LEN: usize = 6;
/// Response octets `RN || UcastKeyID || McastKeyID || RSC || KeyLen`, which its MIC covers.
const RESPONSE_MIC_FIELDS: core::ops::Range<usize> = 6..22;
/// Response octets of the MIC.
const RESPONSE_MIC: core::ops::Range<usize> = 22..30;

/// The AP side's replay protection for one NSK: remembers the last rekey number accepted and
/// admits a reassociation request only if its MIC verified, its timestamp is fresh and its
/// rekey number is strictly larger. No number is larger than `u32::MAX`, so the count never
/// wraps around.
///
/// `cckm.md` §9 item 5: no public source states the AP's rules; these are the least an AP must
/// check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RekeyGuard {
    last: RekeyNumber,
}

impl Default for RekeyGuard {
    fn default() -> Self {
        Self::new()
    }
}

impl RekeyGuard {
    /// The guard of a fresh NSK, after its initial association used [`RekeyNumber::INITIAL`]:
    /// the first roam must bring 2 or more.
    pub const fn new() -> RekeyGuard {
        RekeyGuard { last: RekeyNumber::INITIAL }
    }

    /// A guard restored from a stored last accepted number (e.g. handed between controllers).
    pub const fn resume(last: RekeyNumber) -> RekeyGuard {
        RekeyGuard { last }
    }

    /// The last rekey number accepted.
    pub const fn last(&self) -> RekeyNumber {
        self.last
    }

    /// Admits a verified request: its timestamp must be within `tolerance` of `ap_tsf` (both
    /// in TSF microseconds; [`Error::TimestampNotFresh`] otherwise), and its rekey number must
    /// be larger than the last accepted one ([`Error::RekeyNumberNotFresh`] otherwise). On
    /// success the number is recorded and returned, for [`Btk::ptk`](crate::cckm::Btk::ptk); on failure the guard is
    /// unchanged.
    ///
    /// `ap_tsf` is the AP's own TSF when the request arrived. The tolerance is the AP's policy;
    /// the sources suggest about a second (`cckm.md` §6).
    pub fn accept(
        &mut self,
        request: &VerifiedRequest,
        ap_tsf: u64,
        tolerance: u64,
    ) -> Result<RekeyNumber> {
        if request.timestamp.abs_diff(ap_tsf) > tolerance {
            return Err(Error::TimestampNotFresh);
        }
        if request.rn <= self.last {
            return Err(Error::RekeyNumberNotFresh {
                received: request.rn.get(),
                last: self.last.get(),
            });
        }
        self.last = request.rn;
        Ok(request.rn)
    }
}

/// A CCKM reassociation request element (`cckm.md` §6), sent by the station to the AP it roams
/// to:
///
/// ```text
/// 9C 18 | 00 40 96 | 00 | TSF (8, LE) | RN (4, LE) | MIC (8)
/// MIC = Trunc-8(HMAC-SHA1 (RSN) or HMAC-MD5 (WPA) (KRK,
///                STA || BSSID || STA's RSN or WPA element || TSF || RN))
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReassocRequest {
    timestamp: u64,
    rn: RekeyNumber,
    mic: Mic,
}

/// A reassociation request whose MIC verified ([`ReassocRequest::verify`]); the only thing a
/// [`RekeyGuard`] admits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "admit it with RekeyGuard::accept, which also checks the timestamp and rekey number"]
pub struct VerifiedRequest {
    timestamp: u64,
    rn: RekeyNumber,
}

impl VerifiedRequest {
    /// The request's timestamp.
    pub fn timestamp(&self) -> u64 {
        self.timestamp
    }

    /// The request's rekey number.
    pub fn rekey_number(&self) -> RekeyNumber {
        self.rn
    }
}

impl ReassocRequest {
    /// Station side: builds the request for a roam to `bssid`.
    ///
    /// `sta_rsne` is the station's own RSN element (for [`Protocol::Rsn`]) or WPA element (for
    /// [`Protocol::Wpa`]) exactly as it sends it in the same reassociation request, ID and
    /// length octets included. `timestamp` is the target AP's TSF from its last Beacon or Probe
    /// Response, advanced by the time elapsed since (µs). `rn` is the already incremented rekey
    /// number ([`RekeyNumber::advance`]).
    pub fn build(
        protocol: Protocol,
        krk: &Krk,
        sta: &MacAddr,
        bssid: &MacAddr,
        sta_rsne: &[u8],
        timestamp: u64,
        rn: RekeyNumber,
    ) -> Result<ReassocRequest> {
        let (ts, rn_le) = (timestamp.to_le_bytes(), rn.to_le_bytes());
        let data = request_mic_data(sta, bssid, sta_rsne, &ts, &rn_le);
        let mic = mic::compute(protocol.cckm_mic_algorithm(), krk.as_bytes(), &data, MIC_LEN)?;
        Ok(ReassocRequest { timestamp, rn, mic })
    }

    /// The element's 26 octets, ready for the reassociation request frame.
    pub fn to_bytes(&self) -> [u8; REQUEST_ELEMENT_LEN] {
        let mut out = [0u8; REQUEST_ELEMENT_LEN];
        let (header, rest) = out.split_at_mut(HEADER_LEN);
        header.copy_from_slice(&element_header(REQUEST_BODY_LEN));
        let (ts, rest) = rest.split_at_mut(8);
        let (rn, mic) = rest.split_at_mut(4);
        ts.copy_from_slice(&self.timestamp.to_le_bytes());
        rn.copy_from_slice(&self.rn.to_le_bytes());
        mic.copy_from_slice(self.mic.as_bytes());
        out
    }

    /// Parses the element from exactly its 26 octets (ID and length included), checking the
    /// ID, the Length field, the OUI and the OUI type.
    pub fn parse(bytes: &[u8]) -> Result<ReassocRequest> {
        let body = element_body(bytes)?;
        let malformed = Error::MalformedElement {
            reason: "CCKM reassociation request: the Length field must be 24",
        };
        if bytes.len() != REQUEST_ELEMENT_LEN {
            return Err(malformed);
        }
        let (ts, rest) = body.split_first_chunk::<8>().ok_or(malformed)?;
        let (rn, mic) = rest.split_first_chunk::<4>().ok_or(malformed)?;
        Ok(ReassocRequest {
            timestamp: u64::from_le_bytes(*ts),
            rn: RekeyNumber::from_le_bytes(*rn),
            mic: Mic::from_slice(mic)?,
        })
    }

    /// AP side: verifies the MIC (in constant time) for the station `sta` roaming to `bssid`,
    /// with the station's RSN or WPA element `sta_rsne` as received in the same reassociation
    /// request (whole element). On success, admit the request with [`RekeyGuard::accept`].
    pub fn verify(
        &self,
        protocol: Protocol,
        krk: &Krk,
        sta: &MacAddr,
        bssid: &MacAddr,
        sta_rsne: &[u8],
    ) -> Result<VerifiedRequest> {
        let (ts, rn_le) = (self.timestamp.to_le_bytes(), self.rn.to_le_bytes());
        let data = request_mic_data(sta, bssid, sta_rsne, &ts, &rn_le);
        mic::verify(protocol.cckm_mic_algorithm(), krk.as_bytes(), &data, self.mic.as_bytes())?;
        Ok(VerifiedRequest { timestamp: self.timestamp, rn: self.rn })
    }

    /// The timestamp (the target AP's TSF as the station estimates it, µs).
    pub fn timestamp(&self) -> u64 {
        self.timestamp
    }

    /// The rekey number.
    pub fn rekey_number(&self) -> RekeyNumber {
        self.rn
    }

    /// The MIC as received or built.
    pub fn mic(&self) -> &Mic {
        &self.mic
    }
}

/// The request MIC's data: `STA || BSSID || RSNIE_STA || TSF || RN` (`cckm.md` §6).
fn request_mic_data<'a>(
    sta: &'a MacAddr,
    bssid: &'a MacAddr,
    sta_rsne: &'a [u8],
    timestamp: &'a [u8; 8],
    rn: &'a [u8; 4],
) -> [&'a [u8]; 5] {
    [sta.as_bytes(), bssid.as_bytes(), sta_rsne, timestamp, rn]
}

/// The group key an AP hands to a roaming station in its reassociation response.
#[derive(Clone, Copy, Debug)]
pub struct GroupKey<'a> {
    /// The current GTK (16 or 32 octets, by the group cipher).
    pub gtk: &'a Gtk,
    /// Its key ID (the Multicast Key ID field).
    pub key_id: u8,
    /// Its receive sequence counter as the RSC field carries it (the first 6 octets are the
    /// TKIP or CCMP packet number).
    pub rsc: [u8; 8],
}

/// A CCKM reassociation response element (`cckm.md` §7), sent by the AP to the roaming
/// station, borrowed from the frame:
///
/// ```text
/// 9C len | 00 40 96 | 00 | RN (4, LE) | UcastKeyID | McastKeyID | RSC (8) | KeyLen (2, LE)
///        | MIC (8) | EGTK (KeyLen)                                 len = 28 + KeyLen
/// MIC = Trunc-8(HMAC-SHA1 (RSN) or HMAC-MD5 (WPA) (KCK,
///                STA || AP's RSN or WPA element || RN .. KeyLen || EGTK))
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ReassocResponse<'a> {
    element: &'a [u8],
    rn: RekeyNumber,
    unicast_key_id: u8,
    multicast_key_id: u8,
    rsc: [u8; 8],
    mic: Mic,
}

impl<'a> ReassocResponse<'a> {
    /// AP side: writes the response element into `out` and returns its length
    /// ([`RESPONSE_FIXED_LEN`] + the EGTK's length; at most [`RESPONSE_MAX_LEN`]).
    ///
    /// `ptk` is the new PTK ([`Btk::ptk`](crate::cckm::Btk::ptk) with `rn` and this AP's BSSID): its KEK encrypts the
    /// GTK (as [`Protocol::cckm_gtk_wrap`] says: RC4 keyed with `LE32(RN) || KEK`, the first
    /// 256 keystream octets dropped, under WPA; AES Key Wrap under RSN) and its KCK keys the
    /// MIC. `ap_rsne` is the AP's RSN or WPA element as in its Beacon and Probe Response (whole
    /// element). `rn` is the accepted request's number. The Unicast Key ID is 0.
    pub fn build(
        protocol: Protocol,
        ptk: &Ptk,
        sta: &MacAddr,
        ap_rsne: &[u8],
        rn: RekeyNumber,
        group: &GroupKey<'_>,
        out: &mut [u8],
    ) -> Result<usize> {
        check_ptk(ptk)?;
        let wrap = protocol.cckm_gtk_wrap();
        let gtk = group.gtk.as_bytes();
        let key_len = gtk.len() + wrap.overhead();
        let total = RESPONSE_FIXED_LEN + key_len;
        let body_len = u8::try_from(total - 2)
            .map_err(|_| Error::InvalidLength { what: "CCKM encrypted GTK", len: key_len })?;
        let have = out.len();
        let out = out.get_mut(..total).ok_or(Error::BufferSize { needed: total, len: have })?;
        let (fixed, egtk) = out.split_at_mut(RESPONSE_FIXED_LEN);
        fixed.fill(0);
        let (header, fields) = fixed.split_at_mut(HEADER_LEN);
        header.copy_from_slice(&element_header(body_len));
        let (rn_f, rest) = fields.split_at_mut(4);
        let (ids, rest) = rest.split_at_mut(2);
        let (rsc, rest) = rest.split_at_mut(8);
        let (len_f, _mic) = rest.split_at_mut(2);
        rn_f.copy_from_slice(&rn.to_le_bytes());
        ids.copy_from_slice(&[0, group.key_id]);
        rsc.copy_from_slice(&group.rsc);
        len_f.copy_from_slice(&(key_len as u16).to_le_bytes());
        seal_gtk(wrap, ptk.kek(), rn, gtk, egtk)?;
        let mic = response_mic(protocol, ptk, sta, ap_rsne, fixed, egtk)?;
        fixed
            .get_mut(RESPONSE_MIC)
            .ok_or(Error::BufferSize { needed: total, len: have })?
            .copy_from_slice(mic.as_bytes());
        Ok(total)
    }

    /// Parses the element from exactly its octets (ID and length included), checking the ID,
    /// the OUI and OUI type, and that the Length field and KeyLen agree with the octets given.
    pub fn parse(bytes: &'a [u8]) -> Result<ReassocResponse<'a>> {
        let body = element_body(bytes)?;
        let short = Error::MalformedElement { reason: "CCKM reassociation response too short" };
        let (rn, rest) = body.split_first_chunk::<4>().ok_or(short)?;
        let (&[unicast_key_id, multicast_key_id], rest) =
            rest.split_first_chunk::<2>().ok_or(short)?;
        let (rsc, rest) = rest.split_first_chunk::<8>().ok_or(short)?;
        let (key_len, rest) = rest.split_first_chunk::<2>().ok_or(short)?;
        let (mic, egtk) = rest.split_first_chunk::<MIC_LEN>().ok_or(short)?;
        if usize::from(u16::from_le_bytes(*key_len)) != egtk.len() {
            return Err(Error::MalformedElement {
                reason: "CCKM reassociation response: KeyLen disagrees with the element length",
            });
        }
        Ok(ReassocResponse {
            element: bytes,
            rn: RekeyNumber::from_le_bytes(*rn),
            unicast_key_id,
            multicast_key_id,
            rsc: *rsc,
            mic: Mic::from_slice(mic)?,
        })
    }

    /// Station side: checks the response to the request it sent with `expected_rn` and returns
    /// the GTK, in the order of `cckm.md` §7:
    /// 1. the rekey number must equal `expected_rn` ([`Error::RekeyNumberMismatch`]);
    /// 2. the MIC, keyed with the new PTK's KCK, must verify (constant time; `ap_rsne` is the
    ///    AP's RSN or WPA element from its Beacon or Probe Response, whole element);
    /// 3. the EGTK must have the length of a `group_cipher` GTK plus the wrap's overhead, by
    ///    [`Protocol::cckm_gtk_unwrap`] (`cckm.md` §9 items 1 and 2), and decrypt with the KEK.
    pub fn verify_and_decrypt(
        &self,
        protocol: Protocol,
        ptk: &Ptk,
        sta: &MacAddr,
        ap_rsne: &[u8],
        expected_rn: RekeyNumber,
        group_cipher: Cipher,
    ) -> Result<Gtk> {
        check_ptk(ptk)?;
        if self.rn != expected_rn {
            return Err(Error::RekeyNumberMismatch {
                expected: expected_rn.get(),
                received: self.rn.get(),
            });
        }
        let (fixed, egtk) = self.split();
        let data = response_mic_data(sta, ap_rsne, fixed, egtk);
        mic::verify(
            protocol.cckm_mic_algorithm(),
            ptk.kck().as_bytes(),
            &data,
            self.mic.as_bytes(),
        )?;
        let gtk_len = group_cipher.gtk_len();
        let wrap =
            protocol.cckm_gtk_unwrap(gtk_len, egtk.len()).ok_or(Error::MalformedElement {
                reason: "CCKM reassociation response: KeyLen does not fit the group cipher's GTK",
            })?;
        Gtk::fill_with(gtk_len, |out| open_gtk(wrap, ptk.kek(), self.rn, egtk, out))
    }

    /// The rekey number.
    pub fn rekey_number(&self) -> RekeyNumber {
        self.rn
    }

    /// The Unicast Key ID field (0 in practice).
    pub fn unicast_key_id(&self) -> u8 {
        self.unicast_key_id
    }

    /// The Multicast Key ID field: the GTK's key ID.
    pub fn multicast_key_id(&self) -> u8 {
        self.multicast_key_id
    }

    /// The RSC field: the GTK's receive sequence counter.
    pub fn rsc(&self) -> &[u8; 8] {
        &self.rsc
    }

    /// The MIC as received.
    pub fn mic(&self) -> &Mic {
        &self.mic
    }

    /// The encrypted GTK as received.
    pub fn encrypted_gtk(&self) -> &'a [u8] {
        self.split().1
    }

    /// The whole element as parsed.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.element
    }

    /// The first [`RESPONSE_FIXED_LEN`] octets and the EGTK. `parse` checked the length.
    fn split(&self) -> (&'a [u8], &'a [u8]) {
        self.element.split_at_checked(RESPONSE_FIXED_LEN).unwrap_or((self.element, &[]))
    }
}

/// A CCKM element's header: ID, Length, OUI and OUI type.
fn element_header(body_len: u8) -> [u8; HEADER_LEN] {
    [ELEMENT_ID, body_len, CISCO_OUI[0], CISCO_OUI[1], CISCO_OUI[2], OUI_TYPE]
}

/// Checks a CCKM element's ID, Length field (against the octets given), OUI and OUI type, and
/// returns what follows the OUI type.
fn element_body(bytes: &[u8]) -> Result<&[u8]> {
    let (header, body) = bytes
        .split_first_chunk::<HEADER_LEN>()
        .ok_or(Error::MalformedElement { reason: "CCKM element shorter than its header" })?;
    let [id, len, oui @ .., oui_type] = *header;
    if id != ELEMENT_ID {
        return Err(Error::MalformedElement {
            reason: "not a CCKM element (element ID is not 156)",
        });
    }
    if usize::from(len) + 2 != bytes.len() {
        return Err(Error::MalformedElement {
            reason: "CCKM element: the Length field disagrees with the octets given",
        });
    }
    if oui != CISCO_OUI || oui_type != OUI_TYPE {
        return Err(Error::MalformedElement {
            reason: "not a CCKM element (OUI and type are not 00-40-96:0)",
        });
    }
    Ok(body)
}

/// The response MIC's data: `STA || RSNIE_AP || RN .. KeyLen || EGTK` (`cckm.md` §7); `fixed`
/// is the element up to the EGTK.
fn response_mic_data<'a>(
    sta: &'a MacAddr,
    ap_rsne: &'a [u8],
    fixed: &'a [u8],
    egtk: &'a [u8],
) -> [&'a [u8]; 4] {
    [sta.as_bytes(), ap_rsne, fixed.get(RESPONSE_MIC_FIELDS).unwrap_or(&[]), egtk]
}

/// The response MIC, keyed with the new PTK's KCK.
fn response_mic(
    protocol: Protocol,
    ptk: &Ptk,
    sta: &MacAddr,
    ap_rsne: &[u8],
    fixed: &[u8],
    egtk: &[u8],
) -> Result<Mic> {
    let data = response_mic_data(sta, ap_rsne, fixed, egtk);
    mic::compute(protocol.cckm_mic_algorithm(), ptk.kck().as_bytes(), &data, MIC_LEN)
}

/// The response's keys come from a CCKM PTK ([`Btk::ptk`](crate::cckm::Btk::ptk)), never from another AKM's.
fn check_ptk(ptk: &Ptk) -> Result<()> {
    match ptk.akm().ptk_derivation() {
        PtkDerivation::Cckm => Ok(()),
        _ => Err(Error::NotForAkm { akm: ptk.akm(), operation: "a CCKM reassociation response" }),
    }
}

/// Encrypts the GTK into `egtk` (exactly the GTK length plus the wrap's overhead; `cckm.md` §8).
fn seal_gtk(wrap: KeyWrap, kek: &Kek, rn: RekeyNumber, gtk: &[u8], egtk: &mut [u8]) -> Result<()> {
    match wrap {
        KeyWrap::Rc4 => {
            egtk.copy_from_slice(gtk);
            keywrap::rc4_skip256(&[&rn.to_le_bytes(), kek.as_bytes()], egtk)
        }
        KeyWrap::AesKeyWrap => keywrap::aes_wrap(kek, gtk, egtk).map(|_| ()),
    }
}

/// Decrypts the EGTK into `gtk` (`cckm.md` §8).
fn open_gtk(wrap: KeyWrap, kek: &Kek, rn: RekeyNumber, egtk: &[u8], gtk: &mut [u8]) -> Result<()> {
    match wrap {
        KeyWrap::Rc4 => {
            let have = gtk.len();
            gtk.get_mut(..egtk.len())
                .ok_or(Error::BufferSize { needed: egtk.len(), len: have })?
                .copy_from_slice(egtk);
            keywrap::rc4_skip256(&[&rn.to_le_bytes(), kek.as_bytes()], gtk)
        }
        KeyWrap::AesKeyWrap => keywrap::aes_unwrap(kek, egtk, gtk).map(|_| ()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::cckm::BaseKeys;
    use crate::keys::pmk::Pmk;
    use crate::keys::ptk::{MicKey, Pairwise};
    use crate::suite::Akm;
    use crate::types::Nonce;
    use hmac::{Hmac, KeyInit, Mac};

    /// The initial association's message 2/4 MIC keyed with the KRK, through the crate's MIC
    /// dispatch, against plain HMAC calls (HMAC-SHA1-128 for v2, HMAC-MD5 for v1).
    #[test]
    fn krk_keys_the_message_2_mic() {
        let nsk = Pmk::from_bytes(&[0x5a; 32]).unwrap();
        let (ap, sta) = (MacAddr::new([2, 0, 0, 0, 0, 1]), MacAddr::new([2, 0, 0, 0, 0, 2]));
        let base = {
            let (anonce, snonce) = (Nonce::new([2; 32]), Nonce::new([1; 32]));
            BaseKeys::derive(&nsk, &Pairwise { aa: ap, spa: sta, anonce, snonce }).unwrap()
        };
        let frame = [0x01u8, 0x03, 0x00, 0x5f, 0x02, 0x01, 0x0a, 0x00, 0x10];
        let key = base.krk().mic_key_bytes();
        assert_eq!(key, base.krk().as_bytes());

        let v2 = mic::compute(Akm::Cckm.mic_algorithm(2).unwrap(), key, &[&frame], 16).unwrap();
        let mut h = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(key).unwrap();
        h.update(&frame);
        assert_eq!(v2.as_bytes(), &h.finalize().into_bytes()[..16]);

        let v1 = mic::compute(Akm::Cckm.mic_algorithm(1).unwrap(), key, &[&frame], 16).unwrap();
        let mut h = <Hmac<md5::Md5> as KeyInit>::new_from_slice(key).unwrap();
        h.update(&frame);
        assert_eq!(v1.as_bytes(), &h.finalize().into_bytes()[..]);
    }

    #[test]
    fn gtk_unwrap_choice_by_length() {
        use KeyWrap::*;
        assert_eq!(Protocol::Rsn.cckm_gtk_unwrap(16, 24), Some(AesKeyWrap));
        assert_eq!(Protocol::Rsn.cckm_gtk_unwrap(32, 32), Some(Rc4));
        assert_eq!(Protocol::Wpa.cckm_gtk_unwrap(32, 32), Some(Rc4));
        assert_eq!(Protocol::Wpa.cckm_gtk_unwrap(16, 24), Some(AesKeyWrap));
        assert_eq!(Protocol::Wpa.cckm_gtk_unwrap(16, 17), None);
        assert_eq!(Protocol::Wpa.cckm_gtk_unwrap(usize::MAX, 7), None);
    }
}
