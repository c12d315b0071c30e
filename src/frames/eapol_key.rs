//! EAPOL-Key frames of the 4-way and group key handshakes (IEEE 802.11-2020 12.7.6, 12.7.7):
//! a builder that writes each message into the caller's buffer, and a typed read of a received
//! frame with the checks a receiver makes.
//!
//! The builder sets the Key Information bits each message needs, the Key Length of the
//! pairwise cipher, the replay counter, nonce, IV and RSC, pads and encrypts the Key Data, and
//! writes the MIC last, all by the resolved suite ([`Suite::descriptor_version`],
//! [`Suite::mic_len`], [`Suite::key_wrap`]). Defaults follow hostap (`__wpa_send_eapol`,
//! `wpa_supplicant_send_2_of_4`): Key Length 0 in messages 2/4 and 4/4 and in RSN group
//! messages, EAPOL protocol version 2; each can be set to reproduce another implementation's
//! frames.
//!
//! ```
//! use ieee80211_keys::eapol_key::{Builder, Message, Received};
//! use ieee80211_keys::kde::{self, KdeWriter};
//! use ieee80211_keys::{Akm, Cipher, Gtk, MacAddr, Nonce, Pairwise, Pmk, Ptk, Suite};
//!
//! # fn main() -> Result<(), ieee80211_keys::Error> {
//! let pmk = Pmk::from_bytes(&[7; 32])?;
//! let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())?;
//! let (aa, spa): (MacAddr, MacAddr) = ("02:00:00:00:00:01".parse()?, "02:00:00:00:00:02".parse()?);
//! let (anonce, snonce) = (Nonce::new([1; 32]), Nonce::new([2; 32]));
//! let ptk = Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce })?;
//! let rsne = [48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0, 0];
//!
//! // The AP's message 3/4: its RSNE and the GTK, encrypted; the MIC written last.
//! let gtk = Gtk::from_bytes(&[9; 16])?;
//! let mut plain = [0u8; 64];
//! let mut w = KdeWriter::new(&mut plain);
//! w.element(&rsne)?.gtk(1, false, &gtk)?;
//! let n = w.len();
//! let mut frame = [0u8; 256];
//! let len = Builder::message3(&suite, 2, &anonce, &plain[..n], ptk.kck(), ptk.kek())
//!     .write(&mut frame)?;
//!
//! // The station reads it: message 3/4, flags, Key Length and replay counter checked.
//! let m3 = Received::parse(&suite, &frame[..len])?;
//! assert_eq!(m3.message(), Message::Pairwise3);
//! m3.check_replay(Some(1))?;
//! m3.verify_mic(ptk.kck())?;
//! let mut out = [0u8; 128];
//! let key_data = m3.key_data(ptk.kek(), &mut out)?;
//! assert_eq!(kde::find_gtk(key_data)?.unwrap().gtk()?.as_bytes(), gtk.as_bytes());
//! # Ok(())
//! # }
//! ```

use crate::eapol::{
    self, aes_padded_len, DescriptorType, EapolKeyFrame, KeyInfo, MicKey, MIC_OFFSET,
};
use crate::error::{Error, Result};
use crate::ptk::{Kck, Kek};
use crate::secret::scratch;
use crate::suite::{KeyWrap, Suite};
use crate::types::Nonce;

/// EAPOL packet type of an EAPOL-Key frame.
const PACKET_TYPE_KEY: u8 = 3;
/// Offsets from the first octet of the EAPOL header (12.7.2, Figure 12-32).
const KEY_INFO_AT: usize = 5;
const KEY_LENGTH_AT: usize = 7;
const REPLAY_AT: usize = 9;
const NONCE_AT: usize = 17;
const IV_AT: usize = 49;
const RSC_AT: usize = 65;
/// Octets of stack scratch for padding Key Data when the caller's buffer has no room after
/// the frame.
const STACK_SCRATCH: usize = 1024;

/// Which message of which handshake a frame is.
///
/// ```
/// use ieee80211_keys::eapol_key::Message;
///
/// assert!(Message::Pairwise3.from_authenticator() && Message::Pairwise3.has_mic());
/// assert!(!Message::Pairwise1.has_mic());
/// assert_eq!(Message::Group2.name(), "EAPOL-Key group message 2/2");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Message {
    /// 4-way handshake message 1/4 (AP to station: ANonce).
    Pairwise1,
    /// Message 2/4 (station to AP: SNonce, RSNE, MIC).
    Pairwise2,
    /// Message 3/4 (AP to station: ANonce, RSNE, GTK, MIC, Install).
    Pairwise3,
    /// Message 4/4 (station to AP: MIC, Secure).
    Pairwise4,
    /// Group key handshake message 1/2 (AP to station: GTK).
    Group1,
    /// Group key handshake message 2/2 (station to AP).
    Group2,
}

impl Message {
    /// Whether the authenticator sends it (Key Ack set).
    pub const fn from_authenticator(self) -> bool {
        matches!(self, Message::Pairwise1 | Message::Pairwise3 | Message::Group1)
    }

    /// Whether it carries a MIC.
    pub const fn has_mic(self) -> bool {
        !matches!(self, Message::Pairwise1)
    }

    /// A short name, e.g. "message 3/4".
    pub const fn name(self) -> &'static str {
        match self {
            Message::Pairwise1 => "EAPOL-Key message 1/4",
            Message::Pairwise2 => "EAPOL-Key message 2/4",
            Message::Pairwise3 => "EAPOL-Key message 3/4",
            Message::Pairwise4 => "EAPOL-Key message 4/4",
            Message::Group1 => "EAPOL-Key group message 1/2",
            Message::Group2 => "EAPOL-Key group message 2/2",
        }
    }
}

/// Builds one EAPOL-Key message into the caller's buffer. The constructors take what each
/// message needs (the KCK for a MIC, the KEK to encrypt Key Data); the setters change the
/// defaults. `K` is the MIC key: the KCK, or for message 2/4 of a CCKM association the KRK.
///
/// ```
/// use ieee80211_keys::eapol_key::Builder;
/// use ieee80211_keys::{Akm, Cipher, Error, Kck, Nonce, Suite};
///
/// # fn main() -> Result<(), Error> {
/// // Message 2/4 of WPA2-PSK: 99 octets of fields and MIC, the 22-octet RSNE.
/// let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, 32)?;
/// let kck = Kck::from_bytes(&[1; 16])?;
/// let snonce = Nonce::new([2; 32]);
/// let rsne = [48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0, 0];
/// let m2 = Builder::message2(&suite, 1, &snonce, &rsne, &kck);
/// assert_eq!(m2.frame_len()?, 121);
/// let mut small = [0u8; 100];
/// assert_eq!(m2.write(&mut small), Err(Error::BufferSize { needed: 121, len: 100 }));
/// let mut frame = [0u8; 121];
/// m2.write(&mut frame)?;
/// assert_eq!(&frame[5..7], [0x01, 0x0a]); // Key Information: MIC, pairwise, version 2
/// # Ok(())
/// # }
/// ```
pub struct Builder<'a, K: MicKey = Kck> {
    suite: Suite,
    message: Message,
    descriptor_type: DescriptorType,
    eapol_version: u8,
    key_length: Option<u16>,
    extra_info: u16,
    replay_counter: u64,
    nonce: Option<&'a Nonce>,
    iv: [u8; 16],
    rsc: [u8; 8],
    key_data: &'a [u8],
    kck: Option<&'a K>,
    kek: Option<&'a Kek>,
}

impl<K: MicKey> Clone for Builder<'_, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: MicKey> Copy for Builder<'_, K> {}

impl<K: MicKey> core::fmt::Debug for Builder<'_, K> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Builder")
            .field("suite", &self.suite)
            .field("message", &self.message)
            .field("replay_counter", &self.replay_counter)
            .field("key_data_len", &self.key_data.len())
            .field("key_data_and_keys", &"redacted")
            .finish_non_exhaustive()
    }
}

impl<'a> Builder<'a> {
    /// Message 1/4: the ANonce; Key Data empty (add a PMKID KDE with [`Builder::key_data`]).
    pub fn message1(suite: &Suite, replay_counter: u64, anonce: &'a Nonce) -> Self {
        Builder { nonce: Some(anonce), ..Builder::new(suite, Message::Pairwise1, replay_counter) }
    }

    /// Message 3/4: the ANonce, the plaintext Key Data (RSNE, GTK KDE, ...; the WPA element
    /// alone for WPA), encrypted with `kek` (RSN), the MIC under `kck`.
    pub fn message3(
        suite: &Suite,
        replay_counter: u64,
        anonce: &'a Nonce,
        key_data: &'a [u8],
        kck: &'a Kck,
        kek: &'a Kek,
    ) -> Self {
        Builder {
            nonce: Some(anonce),
            key_data,
            kck: Some(kck),
            kek: Some(kek),
            ..Builder::new(suite, Message::Pairwise3, replay_counter)
        }
    }

    /// Message 4/4: the replay counter of message 3/4, the MIC under `kck`. Under WPA
    /// ([`Builder::wpa`]) it carries no Key Data: without the Secure bit, Key Data would make
    /// it read as message 2/4, so [`Builder::write`] refuses it.
    ///
    /// ```
    /// use ieee80211_keys::eapol_key::Builder;
    /// // iwd's WPA2-PSK 4-way and group key handshake (unit/test-eapol.c
    /// // eapol_wpa2_handshake_test): the PTK from its PSK, addresses and nonces.
    /// # use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
    /// # let psk =
    /// #     Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
    /// # let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, 32)?;
    /// # let aa: MacAddr = "02:00:00:00:00:00".parse()?;
    /// # let spa: MacAddr = "02:00:00:00:01:00".parse()?;
    /// # let anonce: Nonce =
    /// #     "2b5852b88e4ca34dc599ed202c63957c535e3efa9289873411127cbaf3588425".parse()?;
    /// # let snonce: Nonce =
    /// #     "727c656c5ed642d7f47f484351d808945118da6a4933ac7e293f2f2ac088348c".parse()?;
    /// # let p = Pairwise { aa, spa, anonce, snonce };
    /// # let ptk = Ptk::derive(&Pmk::from_psk(&psk), &suite, &p)?;
    ///
    /// // Message 4/4 (eapol_key_data_10), rebuilt octet for octet: replay counter 2, MIC under
    /// // the KCK.
    /// let published = hex::decode(concat!(
    ///     "0203005f02030a000000000000000000020000000000000000000000000000000000000000000000",
    ///     "00000000000000000000000000000000000000000000000000000000000000000000000000000000",
    ///     "008b0f342349f08503e5fc54b72cb532660000",
    /// )).unwrap();
    /// let mut frame = [0u8; 99];
    /// Builder::message4(&suite, 2, ptk.kck()).write(&mut frame)?;
    /// assert_eq!(frame[..], published[..]);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn message4(suite: &Suite, replay_counter: u64, kck: &'a Kck) -> Self {
        Builder { kck: Some(kck), ..Builder::new(suite, Message::Pairwise4, replay_counter) }
    }

    /// Group message 1/2: the plaintext Key Data (the GTK KDE, ...; the bare GTK for WPA),
    /// encrypted with `kek`, the MIC under `kck`.
    ///
    /// ```
    /// use ieee80211_keys::eapol_key::{Builder, Message, Received};
    /// use ieee80211_keys::eapol::find_gtk;
    /// // iwd's WPA2-PSK 4-way and group key handshake (unit/test-eapol.c
    /// // eapol_wpa2_handshake_test): the PTK from its PSK, addresses and nonces.
    /// # use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
    /// # let psk =
    /// #     Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
    /// # let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, 32)?;
    /// # let aa: MacAddr = "02:00:00:00:00:00".parse()?;
    /// # let spa: MacAddr = "02:00:00:00:01:00".parse()?;
    /// # let anonce: Nonce =
    /// #     "2b5852b88e4ca34dc599ed202c63957c535e3efa9289873411127cbaf3588425".parse()?;
    /// # let snonce: Nonce =
    /// #     "727c656c5ed642d7f47f484351d808945118da6a4933ac7e293f2f2ac088348c".parse()?;
    /// # let p = Pairwise { aa, spa, anonce, snonce };
    /// # let ptk = Ptk::derive(&Pmk::from_psk(&psk), &suite, &p)?;
    ///
    /// // Group message 1/2 (eapol_key_data_11): the station verifies it and reads the GTK KDE.
    /// let published = hex::decode(concat!(
    ///     "0203007f02138200100000000000000003ef6dc20c5727e82507751e67369dc91ef1718eb135b212",
    ///     "df9fcb0a65a2d5671d00000000000000000000000000000000000000000000000000000000000000",
    ///     "000f6ab075bc8ed19211cdc3b0e2d67ecf0020e9965b4685d58b88bd574857e4f0dfddf72a7aa8eb",
    ///     "68a9ef4404a66faa48511b",
    /// )).unwrap();
    /// let received = Received::parse(&suite, &published)?;
    /// assert_eq!(received.message(), Message::Group1);
    /// received.verify_mic(ptk.kck())?;
    /// let mut plain = [0u8; 32];
    /// let key_data = received.key_data(ptk.kek(), &mut plain)?;
    /// assert!(find_gtk(key_data)?.is_some());
    ///
    /// // The authenticator's side: the same plaintext, GNonce and Key Length give the same frame.
    /// let gnonce = received.view().nonce();
    /// let mut frame = [0u8; 131];
    /// Builder::group1(&suite, 3, key_data, ptk.kck(), ptk.kek())
    ///     .nonce(&gnonce)
    ///     .key_length(16)
    ///     .write(&mut frame)?;
    /// assert_eq!(frame[..], published[..]);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn group1(
        suite: &Suite,
        replay_counter: u64,
        key_data: &'a [u8],
        kck: &'a Kck,
        kek: &'a Kek,
    ) -> Self {
        Builder {
            key_data,
            kck: Some(kck),
            kek: Some(kek),
            ..Builder::new(suite, Message::Group1, replay_counter)
        }
    }

    /// Group message 2/2: the replay counter of group message 1/2, the MIC under `kck`.
    ///
    /// ```
    /// use ieee80211_keys::eapol_key::Builder;
    /// // iwd's WPA2-PSK 4-way and group key handshake (unit/test-eapol.c
    /// // eapol_wpa2_handshake_test): the PTK from its PSK, addresses and nonces.
    /// # use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
    /// # let psk =
    /// #     Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
    /// # let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, 32)?;
    /// # let aa: MacAddr = "02:00:00:00:00:00".parse()?;
    /// # let spa: MacAddr = "02:00:00:00:01:00".parse()?;
    /// # let anonce: Nonce =
    /// #     "2b5852b88e4ca34dc599ed202c63957c535e3efa9289873411127cbaf3588425".parse()?;
    /// # let snonce: Nonce =
    /// #     "727c656c5ed642d7f47f484351d808945118da6a4933ac7e293f2f2ac088348c".parse()?;
    /// # let p = Pairwise { aa, spa, anonce, snonce };
    /// # let ptk = Ptk::derive(&Pmk::from_psk(&psk), &suite, &p)?;
    ///
    /// // Group message 2/2 (eapol_key_data_12), rebuilt octet for octet: replay counter 3.
    /// let published = hex::decode(concat!(
    ///     "0203005f020302000000000000000000030000000000000000000000000000000000000000000000",
    ///     "00000000000000000000000000000000000000000000000000000000000000000000000000000000",
    ///     "00c9bd17f154b732cfbc01db0c37e6339f0000",
    /// )).unwrap();
    /// let mut frame = [0u8; 99];
    /// Builder::group2(&suite, 3, ptk.kck()).write(&mut frame)?;
    /// assert_eq!(frame[..], published[..]);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn group2(suite: &Suite, replay_counter: u64, kck: &'a Kck) -> Self {
        Builder { kck: Some(kck), ..Builder::new(suite, Message::Group2, replay_counter) }
    }
}

impl<'a, K: MicKey> Builder<'a, K> {
    fn new(suite: &Suite, message: Message, replay_counter: u64) -> Self {
        Builder {
            suite: *suite,
            message,
            descriptor_type: DescriptorType::Rsn,
            eapol_version: 2,
            key_length: None,
            extra_info: 0,
            replay_counter,
            nonce: None,
            iv: [0; 16],
            rsc: [0; 8],
            key_data: &[],
            kck: None,
            kek: None,
        }
    }

    /// Message 2/4: the SNonce and the station's RSNE (or WPA element), the replay counter of
    /// message 1/4, the MIC under `kck`.
    pub fn message2(
        suite: &Suite,
        replay_counter: u64,
        snonce: &'a Nonce,
        rsne: &'a [u8],
        kck: &'a K,
    ) -> Self {
        Builder {
            nonce: Some(snonce),
            key_data: rsne,
            kck: Some(kck),
            ..Builder::new(suite, Message::Pairwise2, replay_counter)
        }
    }

    /// The WPA (v1) descriptor, type 254, instead of RSN's 2. Message 3/4's Key Data is then
    /// sent in the clear, and group message 1/2 sets the Key Index to `group_key_index`.
    ///
    /// ```
    /// use ieee80211_keys::eapol::{DescriptorType, EapolKeyFrame};
    /// use ieee80211_keys::eapol_key::{Builder, Message, Received};
    /// use ieee80211_keys::{Akm, Cipher, Gtk, Kck, Kek, Suite};
    ///
    /// // WPA (v1) with TKIP: group message 1/2 with the bare GTK, Key Index 1, EAPOL version 1.
    /// let suite = Suite::new(Akm::Psk, Cipher::Tkip, 32)?;
    /// let (kck, kek) = (Kck::from_bytes(&[1; 16])?, Kek::from_bytes(&[2; 16])?);
    /// let gtk = [7u8; 32];
    /// let mut frame = [0u8; 131];
    /// let builder = Builder::group1(&suite, 5, &gtk, &kck, &kek).wpa(1).eapol_version(1);
    /// let n = builder.write(&mut frame)?;
    /// let view = EapolKeyFrame::parse(&suite, &frame[..n])?;
    /// assert_eq!((view.protocol_version(), view.descriptor_type()), (1, DescriptorType::Wpa));
    /// assert_eq!(view.key_info().key_index(), 1);
    /// let received = Received::parse(&suite, &frame[..n])?;
    /// assert_eq!(received.message(), Message::Group1);
    /// received.verify_mic(&kck)?;
    /// let mut plain = [0u8; 32];
    /// assert_eq!(received.key_data(&kek, &mut plain)?, gtk); // RC4 under WPA with TKIP
    /// # let _ = Gtk::from_bytes(&gtk)?;
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn wpa(self, group_key_index: u8) -> Self {
        let extra = self.extra_info | (u16::from(group_key_index & 3) << 4);
        Builder { descriptor_type: DescriptorType::Wpa, extra_info: extra, ..self }
    }

    /// The EAPOL protocol version octet (default 2).
    pub fn eapol_version(self, version: u8) -> Self {
        Builder { eapol_version: version, ..self }
    }

    /// The Key Length field, instead of the default for the message.
    pub fn key_length(self, key_length: u16) -> Self {
        Builder { key_length: Some(key_length), ..self }
    }

    /// Plaintext Key Data (e.g. a PMKID KDE in message 1/4).
    pub fn key_data(self, key_data: &'a [u8]) -> Self {
        Builder { key_data, ..self }
    }

    /// The Key Nonce (e.g. the GNonce of group message 1/2); zero by default in messages 4/4
    /// and 2/2.
    pub fn nonce(self, nonce: &'a Nonce) -> Self {
        Builder { nonce: Some(nonce), ..self }
    }

    /// The EAPOL-Key IV: with descriptor version 1 the RC4 key is `IV || KEK`, so it must be
    /// fresh for every frame; zero (the default) otherwise.
    pub fn iv(self, iv: [u8; 16]) -> Self {
        Builder { iv, ..self }
    }

    /// The Key RSC: the GTK's receive sequence counter in message 3/4 and group message 1/2.
    pub fn rsc(self, rsc: [u8; 8]) -> Self {
        Builder { rsc, ..self }
    }

    /// Sets the Secure bit in message 1/4 (a PTK rekey, 12.7.6.2).
    pub fn secure(self) -> Self {
        Builder { extra_info: self.extra_info | KeyInfo::SECURE, ..self }
    }

    /// The Key Information field of the message (12.7.6.2 to 12.7.6.5, 12.7.7).
    fn key_info(&self) -> u16 {
        let version = u16::from(self.suite.descriptor_version());
        let rsn = self.descriptor_type == DescriptorType::Rsn;
        let encrypted = if rsn && self.encrypts() { KeyInfo::ENCRYPTED_KEY_DATA } else { 0 };
        let (p, i, a, m, s) =
            (KeyInfo::PAIRWISE, KeyInfo::INSTALL, KeyInfo::ACK, KeyInfo::MIC, KeyInfo::SECURE);
        let bits = match self.message {
            Message::Pairwise1 => p | a,
            Message::Pairwise2 => p | m,
            Message::Pairwise3 if rsn => p | i | a | m | s,
            Message::Pairwise3 => p | i | a | m,
            Message::Pairwise4 if rsn => p | m | s,
            Message::Pairwise4 => p | m,
            Message::Group1 => a | m | s,
            Message::Group2 => m | s,
        };
        let extra = match self.message {
            Message::Group1 if !rsn => self.extra_info,
            Message::Pairwise1 => self.extra_info & KeyInfo::SECURE,
            _ => 0,
        };
        version | bits | encrypted | extra
    }

    /// Whether the Key Data is encrypted: message 3/4 under RSN, group message 1/2 always.
    fn encrypts(&self) -> bool {
        match self.message {
            Message::Pairwise3 => self.descriptor_type == DescriptorType::Rsn,
            Message::Group1 => true,
            _ => false,
        }
    }

    /// The Key Length field: the pairwise key length in messages 1/4 and 3/4 (and 2/4 under
    /// WPA), the GTK length in WPA group message 1/2, else 0 (hostap).
    fn key_length_field(&self) -> u16 {
        let wpa = self.descriptor_type == DescriptorType::Wpa;
        self.key_length.unwrap_or(match self.message {
            Message::Pairwise1 | Message::Pairwise3 => self.suite.tk_len() as u16,
            Message::Pairwise2 if wpa => self.suite.tk_len() as u16,
            Message::Group1 if wpa => self.key_data.len() as u16,
            _ => 0,
        })
    }

    /// The length of the Key Data field as sent.
    fn key_data_field_len(&self) -> Result<usize> {
        let len = self.key_data.len();
        if !self.encrypts() {
            return Ok(len);
        }
        Ok(match self.suite.key_wrap() {
            KeyWrap::Rc4 => len,
            KeyWrap::AesKeyWrap => aes_padded_len(len) + 8,
        })
    }

    /// The frame's length, from the EAPOL header to the last Key Data octet: the buffer size
    /// [`Builder::write`] needs.
    pub fn frame_len(&self) -> Result<usize> {
        Ok(MIC_OFFSET + self.suite.mic_len() + 2 + self.key_data_field_len()?)
    }

    /// Writes the frame into `out` and returns its length. A buffer shorter than the frame is
    /// [`Error::BufferSize`] naming the length needed. Key Data is padded (`0xdd` then zeros
    /// to a multiple of 8, at least 16 octets) and AES-wrapped, or RC4-encrypted for
    /// descriptor version 1; the padding is staged after the frame in `out` when there is room,
    /// else on the stack (at most 1024 octets of Key Data). The MIC is written last.
    pub fn write(&self, out: &mut [u8]) -> Result<usize> {
        // Under WPA, message 4/4 has no Secure bit: Key Data is all that tells it from 2/4.
        if self.message == Message::Pairwise4
            && self.descriptor_type == DescriptorType::Wpa
            && !self.key_data.is_empty()
        {
            return Err(Error::Refused {
                element: "EAPOL-Key message 4/4",
                reason: "Key Data under WPA: the frame would read as message 2/4",
            });
        }
        let version = self.suite.descriptor_version();
        let len = self.frame_len()?;
        let mic_len = self.suite.mic_len();
        let body = len - 4;
        if body > usize::from(u16::MAX) {
            return Err(Error::InvalidLength { what: "EAPOL-Key body", len: body });
        }
        let have = out.len();
        if have < len {
            return Err(Error::BufferSize { needed: len, len: have });
        }
        let frame = &mut out[..len];
        frame.fill(0);
        frame[0] = self.eapol_version;
        frame[1] = PACKET_TYPE_KEY;
        frame[2..4].copy_from_slice(&(body as u16).to_be_bytes());
        frame[4] = self.descriptor_type.octet();
        frame[KEY_INFO_AT..KEY_INFO_AT + 2].copy_from_slice(&self.key_info().to_be_bytes());
        frame[KEY_LENGTH_AT..KEY_LENGTH_AT + 2]
            .copy_from_slice(&self.key_length_field().to_be_bytes());
        frame[REPLAY_AT..REPLAY_AT + 8].copy_from_slice(&self.replay_counter.to_be_bytes());
        if let Some(nonce) = self.nonce {
            frame[NONCE_AT..NONCE_AT + 32].copy_from_slice(nonce.as_bytes());
        }
        frame[IV_AT..IV_AT + 16].copy_from_slice(&self.iv);
        frame[RSC_AT..RSC_AT + 8].copy_from_slice(&self.rsc);
        let kd_at = MIC_OFFSET + mic_len + 2;
        let kd_len = len - kd_at;
        frame[kd_at - 2..kd_at].copy_from_slice(&(kd_len as u16).to_be_bytes());
        if self.encrypts() {
            let kek =
                self.kek.ok_or(Error::Unsupported { what: "encrypted Key Data without a KEK" })?;
            self.encrypt(version, kek, &mut out[kd_at..], kd_len)?;
        } else {
            out[kd_at..len].copy_from_slice(self.key_data);
        }
        if let Some(kck) = self.kck {
            eapol::write_mic(&self.suite, kck, &mut out[..len])?;
        }
        Ok(len)
    }

    /// Encrypts the Key Data into the first `n` octets of `dst` (`n` its encrypted length).
    /// When AES Key Wrap needs padding, [`eapol::wrap_key_data`] stages the padded plaintext
    /// after the ciphertext and wipes it: in `dst` itself (the caller's buffer after the frame)
    /// when it is long enough, else in a stack buffer whose ciphertext is then copied.
    fn encrypt(&self, version: u8, kek: &Kek, dst: &mut [u8], n: usize) -> Result<()> {
        let (iv, kd) = (&self.iv, self.key_data);
        let padded = aes_padded_len(kd.len());
        let staged = self.suite.key_wrap() == KeyWrap::AesKeyWrap && padded != kd.len();
        if !staged || dst.len() >= n + padded {
            eapol::wrap_key_data(&self.suite, version, iv, kek, kd, dst)?;
            return Ok(());
        }
        let mut stack = scratch::<{ 2 * STACK_SCRATCH + 8 }>();
        if n + padded > stack.0.len() {
            return Err(Error::BufferSize { needed: n + padded, len: dst.len() });
        }
        let c = eapol::wrap_key_data(&self.suite, version, iv, kek, kd, &mut stack.0)?;
        let have = dst.len();
        dst.get_mut(..n).ok_or(Error::BufferSize { needed: n, len: have })?.copy_from_slice(c);
        Ok(())
    }
}

/// A received EAPOL-Key frame, classified and checked: which message it is, its Key
/// Information bits consistent with that message, the descriptor version the suite uses, the
/// Key Length and the Key Data length.
///
/// ```
/// use ieee80211_keys::eapol_key::{Builder, Message, Received};
/// use ieee80211_keys::{Akm, Cipher, Error, Nonce, Suite};
///
/// # fn main() -> Result<(), Error> {
/// let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, 32)?;
/// let anonce = Nonce::new([3; 32]);
/// let mut frame = [0u8; 99];
/// Builder::message1(&suite, 7, &anonce).write(&mut frame)?;
/// let m1 = Received::parse(&suite, &frame)?;
/// assert_eq!(m1.message(), Message::Pairwise1);
/// assert_eq!(m1.check_replay(Some(7)), Err(Error::ReplayCounterNotFresh { received: 7, last: 7 }));
/// // A station that negotiated CCMP-256 refuses the 16-octet Key Length.
/// assert!(Received::parse(&Suite::new(Akm::Psk, Cipher::Ccmp256, 32)?, &frame).is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Received<'a> {
    view: EapolKeyFrame<'a>,
    message: Message,
    suite: Suite,
}

fn refuse(message: Message, reason: &'static str) -> Error {
    Error::Refused { element: message.name(), reason }
}

impl<'a> Received<'a> {
    /// Parses and classifies `frame` (from the EAPOL header) for the association's AKM and
    /// pairwise cipher. Request and Error frames, SMK messages and flags that fit no message
    /// are refused; so is a descriptor version other than the suite's, a Key Length other than
    /// the pairwise cipher's in message 1/4 and 3/4 (0 or a GTK length in group message 1/2),
    /// encrypted Key Data that cannot be AES-wrapped data, and missing Key Data where the
    /// message needs it.
    pub fn parse(suite: &Suite, frame: &'a [u8]) -> Result<Received<'a>> {
        let view = EapolKeyFrame::parse(suite, frame)?;
        let info = view.key_info();
        let message = classify(&view)?;
        let version = suite.descriptor_version();
        if info.descriptor_version() != version {
            let akm = suite.akm();
            return Err(Error::DescriptorVersion { akm, version: info.descriptor_version() });
        }
        let rsn = view.descriptor_type() == DescriptorType::Rsn;
        let bad = |reason| Err(refuse(message, reason));
        let kd = view.key_data();
        let key_length = view.key_length();
        match message {
            Message::Pairwise1 | Message::Pairwise3
                if usize::from(key_length) != suite.tk_len() =>
            {
                return bad("Key Length is not the pairwise cipher's key length");
            }
            Message::Group1 if !matches!(key_length, 0 | 5 | 13 | 16 | 32) => {
                return bad("Key Length is neither 0 nor a group key length");
            }
            _ => {}
        }
        match message {
            Message::Pairwise3 if rsn && !(info.install() && info.secure()) => {
                return bad("Install and Secure must be set");
            }
            Message::Pairwise3 | Message::Group1 if rsn && !info.encrypted_key_data() => {
                return bad("Encrypted Key Data must be set");
            }
            Message::Pairwise2 | Message::Pairwise3 | Message::Group1 if kd.is_empty() => {
                return bad("Key Data is empty");
            }
            Message::Pairwise1 | Message::Pairwise2 | Message::Pairwise4 | Message::Group2
                if info.encrypted_key_data() =>
            {
                return bad("Encrypted Key Data is set");
            }
            Message::Group1 if !info.secure() => return bad("Secure must be set"),
            _ => {}
        }
        if (info.encrypted_key_data() || (message == Message::Group1 && !rsn))
            && suite.key_wrap() == KeyWrap::AesKeyWrap
            && (kd.len() < 24 || !kd.len().is_multiple_of(8))
        {
            return bad("encrypted Key Data is not a multiple of 8 octets of at least 24");
        }
        Ok(Received { view, message, suite: *suite })
    }

    /// Which message it is.
    pub fn message(&self) -> Message {
        self.message
    }

    /// The validated view of the frame.
    pub fn view(&self) -> &EapolKeyFrame<'a> {
        &self.view
    }

    /// The Key Replay Counter.
    pub fn replay_counter(&self) -> u64 {
        self.view.replay_counter()
    }

    /// The station's check of a frame from the authenticator (12.7.2): its replay counter must
    /// be larger than `last`, the last one accepted (`None` before the first).
    pub fn check_replay(&self, last: Option<u64>) -> Result<()> {
        match last {
            Some(last) if self.replay_counter() <= last => {
                Err(Error::ReplayCounterNotFresh { received: self.replay_counter(), last })
            }
            _ => Ok(()),
        }
    }

    /// The authenticator's check of a station's answer: it carries the replay counter of the
    /// message it answers.
    ///
    /// ```
    /// use ieee80211_keys::eapol_key::Received;
    /// // iwd's WPA2-PSK 4-way and group key handshake (unit/test-eapol.c
    /// // eapol_wpa2_handshake_test): the PTK from its PSK, addresses and nonces.
    /// # use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
    /// # let psk =
    /// #     Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
    /// # let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, 32)?;
    /// # let aa: MacAddr = "02:00:00:00:00:00".parse()?;
    /// # let spa: MacAddr = "02:00:00:00:01:00".parse()?;
    /// # let anonce: Nonce =
    /// #     "2b5852b88e4ca34dc599ed202c63957c535e3efa9289873411127cbaf3588425".parse()?;
    /// # let snonce: Nonce =
    /// #     "727c656c5ed642d7f47f484351d808945118da6a4933ac7e293f2f2ac088348c".parse()?;
    /// # let p = Pairwise { aa, spa, anonce, snonce };
    /// # let ptk = Ptk::derive(&Pmk::from_psk(&psk), &suite, &p)?;
    ///
    /// // Message 4/4 (eapol_key_data_10) answers message 3/4, sent with replay counter 2.
    /// let msg4 = hex::decode(concat!(
    ///     "0203005f02030a000000000000000000020000000000000000000000000000000000000000000000",
    ///     "00000000000000000000000000000000000000000000000000000000000000000000000000000000",
    ///     "008b0f342349f08503e5fc54b72cb532660000",
    /// )).unwrap();
    /// let m4 = Received::parse(&suite, &msg4)?;
    /// m4.check_answers(2)?;
    /// m4.verify_mic(ptk.kck())?;
    /// assert!(m4.check_answers(1).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn check_answers(&self, sent: u64) -> Result<()> {
        if self.replay_counter() == sent {
            Ok(())
        } else {
            Err(refuse(self.message, "the replay counter is not that of the message answered"))
        }
    }

    /// Verifies the MIC in constant time ([`eapol::verify_mic`]) under the KCK (or, for
    /// message 2/4 of a CCKM association, the KRK).
    pub fn verify_mic(&self, kck: &impl MicKey) -> Result<()> {
        eapol::verify_mic(&self.suite, kck, self.view.as_bytes())
    }

    /// The plaintext Key Data: decrypted with `kek` into `out` when the frame encrypts it
    /// (padding kept; [`crate::eapol::Kdes`] reads it), else copied. Verify the MIC first.
    pub fn key_data<'o>(&self, kek: &Kek, out: &'o mut [u8]) -> Result<&'o [u8]> {
        let wpa_group =
            self.message == Message::Group1 && self.view.descriptor_type() == DescriptorType::Wpa;
        if self.view.key_info().encrypted_key_data() || wpa_group {
            return self.view.unwrap_key_data(&self.suite, kek, out);
        }
        let kd = self.view.key_data();
        let len = out.len();
        let out = out.get_mut(..kd.len()).ok_or(Error::BufferSize { needed: kd.len(), len })?;
        out.copy_from_slice(kd);
        Ok(out)
    }
}

/// Which message the Key Information bits say (12.7.6, 12.7.7; hostap `wpa_receive` and
/// `wpa_sm_rx_eapol`): Request, Error and SMK frames and flag sets that fit no message are
/// refused.
fn classify(view: &EapolKeyFrame<'_>) -> Result<Message> {
    let info = view.key_info();
    let bad = |reason| Error::Refused { element: "EAPOL-Key frame", reason };
    if info.request() || info.error() || info.smk_message() {
        return Err(bad("Request, Error or SMK Message set: not a handshake message"));
    }
    Ok(match (info.pairwise(), info.ack(), info.mic()) {
        (true, true, false) => {
            if info.install() {
                return Err(bad("Install set without a MIC"));
            }
            Message::Pairwise1
        }
        (true, true, true) => {
            if !info.install() && view.descriptor_type() == DescriptorType::Rsn {
                return Err(bad("Ack and MIC without Install"));
            }
            Message::Pairwise3
        }
        (true, false, true) => {
            if info.install() {
                return Err(bad("Install set by the station"));
            }
            if info.secure() || view.key_data().is_empty() {
                Message::Pairwise4
            } else {
                Message::Pairwise2
            }
        }
        (false, true, true) => {
            if info.install() && view.descriptor_type() == DescriptorType::Rsn {
                return Err(bad("Install set in a group message"));
            }
            Message::Group1
        }
        (false, false, true) => Message::Group2,
        (_, false, false) => return Err(bad("neither Ack nor MIC")),
        (false, true, false) => return Err(bad("group message without a MIC")),
    })
}
