//! The validating, zero-copy view of an EAPOL-Key frame (12.7.2, Figure 12-32).

use core::fmt;

use super::key_data::unwrap_key_data;
use super::key_info::{DescriptorType, KeyInfo};
use super::malformed;
use crate::crypto::mic::{self, Mic};
use crate::error::{Error, Result};
use crate::keys::ptk::Kek;
use crate::suite::{MicAlgorithm, Suite};
use crate::types::Nonce;

/// EAPOL header: protocol version, packet type, body length (802.1X-2010 11.3).
const EAPOL_HEADER_LEN: usize = 4;
/// EAPOL packet type of an EAPOL-Key frame.
const PACKET_TYPE_KEY: u8 = 3;
/// Offset of the Key MIC field from the first octet of the EAPOL header (IEEE 802.11-2020 12.7.2);
/// every field before it has a fixed length.
pub const MIC_OFFSET: usize = 81;
/// Offsets of the Key Information, Key Length, Key Replay Counter and Key Nonce fields.
const KEY_INFO_OFFSET: usize = 5;
const KEY_LENGTH_OFFSET: usize = 7;
const REPLAY_COUNTER_OFFSET: usize = 9;
pub(crate) const NONCE_OFFSET: usize = 17;
/// Offset of the EAPOL-Key IV field.
const IV_OFFSET: usize = 49;
/// Offset of the Key RSC field.
const RSC_OFFSET: usize = 65;

/// A validated, zero-copy view of an EAPOL-Key frame, from the first octet of the EAPOL header.
///
/// [`EapolKeyFrame::parse`] checks every length before anything is read: the EAPOL body length
/// must fit in the buffer (octets after it, such as Ethernet padding, are ignored), the body
/// must hold every fixed field and the MIC, and the Key Data Length must fit in the body.
/// Octets of the body after the Key Data are kept: the MIC covers them, as hostap computes it.
#[derive(Clone, Copy)]
pub struct EapolKeyFrame<'a> {
    /// The EAPOL PDU: header and body, without what follows the body.
    pdu: &'a [u8],
    /// Octets 0 to 80: every field before the Key MIC.
    head: &'a [u8; MIC_OFFSET],
    /// The Key MIC field (the suite's MIC length: 16, 24 or 32 octets). Kept as a slice: a
    /// `Mic` copy of it would be made, and moved out with the view, on every parse.
    mic: &'a [u8],
    /// Everything after the Key MIC: Key Data Length, Key Data and any trailing body octets.
    after_mic: &'a [u8],
    key_data: &'a [u8],
    descriptor_type: DescriptorType,
}

impl<'a> EapolKeyFrame<'a> {
    /// Parses `frame` (starting at the EAPOL header) with the Key MIC field of `suite`
    /// ([`Suite::mic_len`]: 16 octets, 24 for the SHA-384 AKMs). Any truncated or inconsistent
    /// frame, a packet type other than EAPOL-Key (3) and a descriptor type other than 2 or 254
    /// are errors.
    ///
    /// ```
    /// use ieee80211_keys::eapol::{DescriptorType, EapolKeyFrame};
    /// // iwd's WPA2-PSK handshake (unit/test-eapol.c eapol_4way_test): PSK, addresses, nonces,
    /// // frames.
    /// # use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
    /// # let psk =
    /// #     Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
    /// # let aa: MacAddr = "24:a2:e1:ec:17:04".parse()?;
    /// # let spa: MacAddr = "a0:a8:cd:1c:7e:c9".parse()?;
    /// # let anonce: Nonce =
    /// #     "c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50".parse()?;
    /// # let snonce: Nonce =
    /// #     "3289e91565094f329a9cd54a4a090d2cf4344683bf50efee3608b64856800e84".parse()?;
    /// # let pmk = Pmk::from_psk(&psk);
    /// # let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())?;
    /// # let ptk = Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce })?;
    /// # let msg3 = hex::decode(concat!(
    /// #     "020300970213ca00100000000000000001c2bb57ab588f92ebbd44e811094f601c087986030c3ac7",
    /// #     "49cc61d63e33832e5000000000000000000000000000000000000000000000000000000000000000",
    /// #     "00f535d91809731a1d290894705e919c8e00381918df1ef0e7696652e257938034e17038b98b4c45",
    /// #     "a923b7b6fa8c33e37bdcd47feab11c226a2c5e38d5ad799405d610a69551d60be60a5b",
    /// # )).unwrap();
    ///
    /// // Message 3/4 (eapol_key_data_5).
    /// let frame = EapolKeyFrame::parse(&suite, &msg3)?;
    /// assert_eq!(frame.descriptor_type(), DescriptorType::Rsn);
    /// assert_eq!(frame.key_info().bits(), 0x13ca);
    /// let info = frame.key_info();
    /// assert!(info.pairwise() && info.install() && info.ack());
    /// assert_eq!(frame.key_info().descriptor_version(), 2);
    /// assert_eq!(frame.replay_counter(), 1);
    /// assert_eq!(frame.nonce(), anonce);
    /// let mic = hex::decode("f535d91809731a1d290894705e919c8e").unwrap();
    /// assert_eq!(frame.mic().as_bytes(), mic);
    /// assert_eq!(frame.key_data().len(), 56);
    ///
    /// // Every length is checked: a frame cut short anywhere is an error, never a panic.
    /// for len in 0..msg3.len() {
    ///     assert!(EapolKeyFrame::parse(&suite, &msg3[..len]).is_err());
    /// }
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn parse(suite: &Suite, frame: &'a [u8]) -> Result<EapolKeyFrame<'a>> {
        let mic_len = suite.mic_len();
        let (header, _) = frame
            .split_first_chunk::<EAPOL_HEADER_LEN>()
            .ok_or(malformed("shorter than the 4-octet EAPOL header"))?;
        if header[1] != PACKET_TYPE_KEY {
            return Err(malformed("EAPOL packet type is not 3 (EAPOL-Key)"));
        }
        let body_len = usize::from(u16::from_be_bytes([header[2], header[3]]));
        let pdu = frame
            .get(..EAPOL_HEADER_LEN + body_len)
            .ok_or(malformed("EAPOL body length exceeds the frame"))?;
        let truncated = malformed("EAPOL body too short for the EAPOL-Key fields and MIC");
        let (head, rest) = pdu.split_first_chunk::<MIC_OFFSET>().ok_or(truncated)?;
        let (mic, after_mic) = rest.split_at_checked(mic_len).ok_or(truncated)?;
        Mic::check_len(mic.len())?;
        let (key_data_len, rest) = after_mic.split_first_chunk::<2>().ok_or(truncated)?;
        let key_data = rest
            .get(..usize::from(u16::from_be_bytes(*key_data_len)))
            .ok_or(malformed("Key Data Length exceeds the EAPOL body"))?;
        Ok(EapolKeyFrame {
            pdu,
            head,
            mic,
            after_mic,
            key_data,
            descriptor_type: DescriptorType::from_octet(head[4])?,
        })
    }

    /// The fixed-length field of `N` octets at offset `AT` (checked at compile time).
    fn field<const AT: usize, const N: usize>(&self) -> [u8; N] {
        const { assert!(AT + N <= MIC_OFFSET) };
        core::array::from_fn(|i| self.head[AT + i])
    }

    /// The EAPOL PDU the view covers: header and body, without trailing padding.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.pdu
    }

    /// The EAPOL protocol version (octet 0): 1, 2 or 3.
    pub fn protocol_version(&self) -> u8 {
        self.head[0]
    }

    /// The descriptor type: RSN (2) or WPA (254).
    pub fn descriptor_type(&self) -> DescriptorType {
        self.descriptor_type
    }

    /// The Key Information field.
    pub fn key_info(&self) -> KeyInfo {
        KeyInfo::from_bits(u16::from_be_bytes(self.field::<KEY_INFO_OFFSET, 2>()))
    }

    /// The Key Length field: the pairwise cipher's key length in message 1/4 and 3/4.
    pub fn key_length(&self) -> u16 {
        u16::from_be_bytes(self.field::<KEY_LENGTH_OFFSET, 2>())
    }

    /// The Key Replay Counter (big-endian).
    pub fn replay_counter(&self) -> u64 {
        u64::from_be_bytes(self.field::<REPLAY_COUNTER_OFFSET, 8>())
    }

    /// The Key Nonce (ANonce, SNonce or GNonce; zero when unused).
    pub fn nonce(&self) -> Nonce {
        Nonce::new(self.field::<NONCE_OFFSET, 32>())
    }

    /// The EAPOL-Key IV: half of the RC4 key in descriptor version 1, zero otherwise.
    pub fn iv(&self) -> [u8; 16] {
        self.field::<IV_OFFSET, 16>()
    }

    /// The Key RSC, as transmitted (the receive sequence counter, least significant octet
    /// first).
    pub fn rsc(&self) -> [u8; 8] {
        self.field::<RSC_OFFSET, 8>()
    }

    /// The Key MIC field as received (zero in frames without a MIC).
    pub fn mic(&self) -> Mic {
        Mic::from_field(self.mic)
    }

    /// The Key MIC field's octets, as a slice of the frame.
    pub(crate) fn mic_field(&self) -> &'a [u8] {
        self.mic
    }

    /// The Key Data, as carried: plaintext, or encrypted when
    /// [`KeyInfo::encrypted_key_data`] is set (and in WPA group messages). Decrypt it with
    /// [`EapolKeyFrame::unwrap_key_data`].
    pub fn key_data(&self) -> &'a [u8] {
        self.key_data
    }

    /// The MIC algorithm for this frame under `suite` (by its Key Descriptor Version), after
    /// checking the MIC field and key lengths against the suite.
    pub(crate) fn mic_algorithm(&self, suite: &Suite, key_len: usize) -> Result<MicAlgorithm> {
        if self.mic.len() != suite.mic_len() {
            return Err(Error::InvalidLength { what: "EAPOL-Key MIC", len: self.mic.len() });
        }
        if key_len != suite.kck_len() {
            return Err(Error::InvalidLength { what: "EAPOL-Key MIC key", len: key_len });
        }
        suite.mic_for_version(self.key_info().descriptor_version())
    }

    /// The MIC input: the whole PDU with the MIC field as zeros, in three pieces.
    pub(crate) fn mic_input(&self) -> [&'a [u8]; 3] {
        [self.head, mic::zeroed_field(self.mic.len()), self.after_mic]
    }

    /// Decrypts this frame's Key Data with `kek` into `out` (see [`unwrap_key_data`]), using
    /// the frame's descriptor version and EAPOL-Key IV.
    ///
    /// ```
    /// use ieee80211_keys::eapol::{find_gtk, EapolKeyFrame};
    /// // iwd's WPA2-PSK handshake (unit/test-eapol.c eapol_4way_test): PSK, addresses, nonces,
    /// // frames.
    /// # use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
    /// # let psk =
    /// #     Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
    /// # let aa: MacAddr = "24:a2:e1:ec:17:04".parse()?;
    /// # let spa: MacAddr = "a0:a8:cd:1c:7e:c9".parse()?;
    /// # let anonce: Nonce =
    /// #     "c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50".parse()?;
    /// # let snonce: Nonce =
    /// #     "3289e91565094f329a9cd54a4a090d2cf4344683bf50efee3608b64856800e84".parse()?;
    /// # let pmk = Pmk::from_psk(&psk);
    /// # let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())?;
    /// # let ptk = Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce })?;
    /// # let msg3 = hex::decode(concat!(
    /// #     "020300970213ca00100000000000000001c2bb57ab588f92ebbd44e811094f601c087986030c3ac7",
    /// #     "49cc61d63e33832e5000000000000000000000000000000000000000000000000000000000000000",
    /// #     "00f535d91809731a1d290894705e919c8e00381918df1ef0e7696652e257938034e17038b98b4c45",
    /// #     "a923b7b6fa8c33e37bdcd47feab11c226a2c5e38d5ad799405d610a69551d60be60a5b",
    /// # )).unwrap();
    ///
    /// // Message 3/4 (eapol_key_data_5): its version and IV come from the frame.
    /// let frame = EapolKeyFrame::parse(&suite, &msg3)?;
    /// let mut out = [0u8; 56];
    /// let plain = frame.unwrap_key_data(&suite, ptk.kek(), &mut out)?;
    /// let gtk = find_gtk(plain)?.expect("message 3/4 carries the GTK");
    /// assert_eq!((gtk.key_id(), gtk.gtk()?.len()), (2, 16));
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn unwrap_key_data<'o>(
        &self,
        suite: &Suite,
        kek: &Kek,
        out: &'o mut [u8],
    ) -> Result<&'o [u8]> {
        let version = self.key_info().descriptor_version();
        unwrap_key_data(suite, version, &self.iv(), kek, self.key_data, out)
    }
}

impl fmt::Debug for EapolKeyFrame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EapolKeyFrame")
            .field("descriptor_type", &self.descriptor_type)
            .field("key_info", &self.key_info())
            .field("replay_counter", &self.replay_counter())
            .field("nonce", &self.nonce())
            .field("mic", &self.mic())
            .field("key_data_len", &self.key_data.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    extern crate std;

    use super::*;

    fn hex(s: &str) -> std::vec::Vec<u8> {
        (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
    }

    /// iwd's published message 2/4 (test-vectors/eapol.json), as a frame.
    pub(crate) fn iwd_message2() -> std::vec::Vec<u8> {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../../../test-vectors/eapol.json")).unwrap();
        let frame = v["handshakes"][0]["frames"][1]["frame"].as_str().unwrap();
        hex(frame.trim_start_matches("hex:"))
    }

    #[test]
    fn hmac_md5_over_a_v2_frame() {
        // iwd unit/test-eapol.c eapol_key_mic_test_1: the published HMAC-MD5 MIC is over a frame
        // whose version bits say 2, so the public API (which follows the bits) computes
        // HMAC-SHA1 there; this checks the MD5 value through the same MIC input.
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../../../test-vectors/eapol.json")).unwrap();
        let t = v["single_frame_mics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["algorithm"] == "hmac-md5")
            .unwrap();
        let frame = hex(t["frame"].as_str().unwrap().trim_start_matches("hex:"));
        let kck = hex(t["kck"].as_str().unwrap());
        let suite = Suite::new(crate::suite::Akm::Psk, crate::suite::Cipher::Ccmp128, 32).unwrap();
        let view = EapolKeyFrame::parse(&suite, &frame).unwrap();
        let mic = mic::compute(MicAlgorithm::HmacMd5, &kck, &view.mic_input(), 16).unwrap();
        assert_eq!(mic.as_bytes(), hex(t["mic"].as_str().unwrap()));
    }
}
