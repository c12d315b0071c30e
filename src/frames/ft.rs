//! The Fast BSS Transition element (FTE, 9.4.2.46) and its MIC (13.8.4, 13.8.5). Public as
//! [`crate::ft`], with the FT key hierarchy of `keys/ft.rs`.

use crate::crypto::mic::{self, Mic};
use crate::error::{Error, Result};
use crate::keys::ptk::Kck;
use crate::suite::{MicAlgorithm, Suite};
use crate::types::{MacAddr, Nonce, R0khId, R1khId};

/// Element IDs (9.4.2).
const RSNE_ID: u8 = 48;
const MDE_ID: u8 = 54;
const FTE_ID: u8 = 55;
const RSNXE_ID: u8 = 244;

/// FTE subelement IDs (9.4.2.46).
const SUB_R1KH_ID: u8 = 1;
const SUB_R0KH_ID: u8 = 3;

/// Offset of the MIC in an FTE: element ID, length, MIC Control (2 octets).
const FTE_MIC_OFFSET: usize = 4;

/// Transaction sequence number of the FTE MIC in a (Re)association Request (13.8.4).
pub const TRANSACTION_SEQ_REASSOC_REQUEST: u8 = 5;
/// Transaction sequence number of the FTE MIC in a (Re)association Response (13.8.5).
pub const TRANSACTION_SEQ_REASSOC_RESPONSE: u8 = 6;

/// Checks an element's header: the ID, and a length octet equal to the octets that follow.
/// Returns the element's body.
fn element<'a>(bytes: &'a [u8], id: u8, wrong_id: &'static str) -> Result<&'a [u8]> {
    let [got_id, len, body @ ..] = bytes else {
        return Err(Error::MalformedElement { reason: "element shorter than its 2-octet header" });
    };
    if *got_id != id {
        return Err(Error::MalformedElement { reason: wrong_id });
    }
    if usize::from(*len) != body.len() {
        return Err(Error::MalformedElement {
            reason: "element length octet does not match the element's size",
        });
    }
    Ok(body)
}

/// Walks a sequence of TLVs (one-octet ID, one-octet length, data): elements, or an FTE's
/// subelements. Yields `(id, data)`, or one error if a TLV does not fit in what is left.
fn tlvs<'a>(
    mut bytes: &'a [u8],
    overrun: &'static str,
) -> impl Iterator<Item = Result<(u8, &'a [u8])>> + 'a {
    core::iter::from_fn(move || {
        let (&id, rest) = bytes.split_first()?;
        let fits =
            rest.split_first().and_then(|(&len, rest)| rest.split_at_checked(usize::from(len)));
        match fits {
            Some((data, rest)) => {
                bytes = rest;
                Some(Ok((id, data)))
            }
            None => {
                bytes = &[];
                Some(Err(Error::MalformedElement { reason: overrun }))
            }
        }
    })
}

/// Checks that a RIC is a sequence of whole elements, at least one.
fn check_ric(ric: &[u8]) -> Result<()> {
    if ric.is_empty() {
        return Err(Error::MalformedElement { reason: "RIC given but empty" });
    }
    tlvs(ric, "RIC: an element overruns the RIC").try_for_each(|t| t.map(drop))
}

/// A checked view of a Fast BSS Transition element (FTE, 9.4.2.46) of an FT AKM:
/// element ID 55, length, MIC Control (2), MIC (16 or 24 octets by AKM), ANonce (32),
/// SNonce (32), subelements.
///
/// Parsing checks the header, that MIC Control's MIC Length subfield agrees with the suite
/// ([`Suite::check_fte_mic_len_subfield`]), that the fixed fields fit, that the subelements
/// are whole, and that an R1KH-ID subelement has 6 octets and an R0KH-ID subelement 1 to 48.
#[derive(Clone, Copy, Debug)]
pub struct Fte<'a> {
    mic_control: [u8; 2],
    mic: &'a [u8],
    anonce: Nonce,
    snonce: Nonce,
    subelements: &'a [u8],
}

const FTE_SUBELEMENT_OVERRUN: &str = "FTE: a subelement overruns the element";

impl<'a> Fte<'a> {
    /// Parses an FTE (with its 2-octet header) for an FT AKM, which fixes the MIC length.
    ///
    /// ```
    /// use ieee80211_keys::ft::Fte;
    /// use ieee80211_keys::{Akm, Cipher, Suite};
    ///
    /// // The FTE of message 2/4 in iwd's FT-PSK test (unit/test-eapol.c eapol_ft_handshake_test):
    /// // no MIC yet, R1KH-ID 02:00:00:00:00:00 and R0KH-ID "dummy0".
    /// let bytes = hex::decode(concat!(
    ///     "3762", "0000", "00000000000000000000000000000000",
    ///     "0000000000000000000000000000000000000000000000000000000000000000",
    ///     "0000000000000000000000000000000000000000000000000000000000000000",
    ///     "0106020000000000", "030664756d6d7930",
    /// )).unwrap();
    /// let suite = Suite::new(Akm::FtPsk, Cipher::Ccmp128, 32)?;
    /// let fte = Fte::parse(&suite, &bytes)?;
    /// assert_eq!(fte.mic().len(), 16); // AES-128-CMAC for FT-PSK
    /// assert_eq!(fte.r1kh_id().map(|id| id.to_string()), Some("02:00:00:00:00:00".into()));
    /// assert_eq!(fte.r0kh_id().map(|id| id.as_bytes().to_vec()), Some(b"dummy0".to_vec()));
    /// assert_eq!(fte.subelement(2), None); // no GTK subelement
    ///
    /// // A non-FT suite has no FTE; a truncated FTE is an error.
    /// assert!(Fte::parse(&Suite::new(Akm::Psk, Cipher::Ccmp128, 32)?, &bytes).is_err());
    /// assert!(Fte::parse(&suite, &bytes[..80]).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn parse(suite: &Suite, bytes: &'a [u8]) -> Result<Fte<'a>> {
        let mic_len = suite.fte_mic()?.mic_len();
        let body = element(bytes, FTE_ID, "FTE: element ID is not 55")?;
        let short =
            Error::MalformedElement { reason: "FTE: too short for MIC Control, MIC and nonces" };
        let (mic_control, rest) = body.split_first_chunk::<2>().ok_or(short)?;
        // MIC Control bits 1 to 3: the MIC length, which must agree with the suite's.
        suite.check_fte_mic_len_subfield((mic_control[0] >> 1) & 0b111)?;
        let (mic, rest) = rest.split_at_checked(mic_len).ok_or(short)?;
        let (anonce, rest) = rest.split_first_chunk::<32>().ok_or(short)?;
        let (snonce, subelements) = rest.split_first_chunk::<32>().ok_or(short)?;
        for sub in tlvs(subelements, FTE_SUBELEMENT_OVERRUN) {
            let bad = match sub? {
                (SUB_R1KH_ID, d) if d.len() != R1khId::LEN => {
                    "FTE: R1KH-ID subelement is not 6 octets"
                }
                (SUB_R0KH_ID, d) if !(1..=R0khId::MAX_LEN).contains(&d.len()) => {
                    "FTE: R0KH-ID subelement is not 1 to 48 octets"
                }
                _ => continue,
            };
            return Err(Error::MalformedElement { reason: bad });
        }
        Ok(Fte {
            mic_control: *mic_control,
            mic,
            anonce: Nonce::new(*anonce),
            snonce: Nonce::new(*snonce),
            subelements,
        })
    }

    /// The MIC Control field (2 octets, as on the air).
    pub fn mic_control(&self) -> [u8; 2] {
        self.mic_control
    }

    /// The Element Count of the MIC Control field (its second octet): how many elements the
    /// MIC protects.
    pub fn element_count(&self) -> u8 {
        self.mic_control[1]
    }

    /// The MIC field, in place (16 or 24 octets by AKM).
    pub fn mic(&self) -> &'a [u8] {
        self.mic
    }

    /// The ANonce field.
    pub fn anonce(&self) -> &Nonce {
        &self.anonce
    }

    /// The SNonce field.
    pub fn snonce(&self) -> &Nonce {
        &self.snonce
    }

    /// The optional parameters (subelements), whole.
    pub fn subelements(&self) -> &'a [u8] {
        self.subelements
    }

    /// The data of the first subelement with this ID (1 R1KH-ID, 2 GTK, 3 R0KH-ID, ...).
    pub fn subelement(&self, id: u8) -> Option<&'a [u8]> {
        tlvs(self.subelements, FTE_SUBELEMENT_OVERRUN)
            .filter_map(|t| t.ok())
            .find_map(|(i, d)| (i == id).then_some(d))
    }

    /// The R1KH-ID subelement, if present.
    pub fn r1kh_id(&self) -> Option<R1khId> {
        self.subelement(SUB_R1KH_ID).and_then(|d| R1khId::from_slice(d).ok())
    }

    /// The R0KH-ID subelement, if present.
    pub fn r0kh_id(&self) -> Option<R0khId> {
        self.subelement(SUB_R0KH_ID).and_then(|d| R0khId::new(d).ok())
    }
}

/// What the FTE MIC covers (13.8.4, 13.8.5), in the order it is computed over:
/// `STA-ADDR || BSSID || TransactionSeq || RSNE || MDE || FTE (MIC field zero) || [RIC] ||
/// [RSNXE]`. Every element is given whole, with its 2-octet header.
#[derive(Clone, Copy, Debug)]
pub struct FteMicInput<'a> {
    /// The non-AP station's MAC address.
    pub sta_addr: &'a MacAddr,
    /// The target AP's BSSID (AP-ADDR).
    pub bssid: &'a MacAddr,
    /// [`TRANSACTION_SEQ_REASSOC_REQUEST`] (5) or [`TRANSACTION_SEQ_REASSOC_RESPONSE`] (6).
    pub transaction_seq: u8,
    /// The RSNE (element ID 48).
    pub rsne: &'a [u8],
    /// The Mobility Domain element (element ID 54, 3 octets of body).
    pub mde: &'a [u8],
    /// The FTE (element ID 55). Its MIC field is taken as zero, whatever it holds.
    pub fte: &'a [u8],
    /// The RIC (a sequence of elements), when present.
    pub ric: Option<&'a [u8]>,
    /// The RSNXE (element ID 244), when present.
    pub rsnxe: Option<&'a [u8]>,
}

impl<'a> FteMicInput<'a> {
    /// What the FTE MIC covers in a frame whose elements are `ies` (the elements of an FT
    /// Reassociation Request or Response, after its fixed fields): the first RSNE, MDE and FTE,
    /// and the RSNXE when the frame carries one (13.8.4, 13.8.5; hostap `wpa_ft_mic` takes the
    /// RSNXE whenever it is present). No RIC: set [`FteMicInput::ric`] for a frame with one. A
    /// missing RSNE, MDE or FTE is [`Error::MalformedElement`] naming it; a malformed element
    /// list is an error too.
    ///
    /// ```
    /// use ieee80211_keys::ft::{FteMicInput, TRANSACTION_SEQ_REASSOC_REQUEST};
    /// use ieee80211_keys::MacAddr;
    ///
    /// let (sta, ap): (MacAddr, MacAddr) = ("02:00:00:00:00:01".parse()?, "02:00:00:00:00:02".parse()?);
    /// // SSID, RSNE, MDE, FTE (bodies shortened: only the element list matters here).
    /// let ies = [0, 1, b'x', 48, 2, 1, 0, 54, 3, 0x12, 0x34, 0, 55, 1, 0];
    /// let input = FteMicInput::from_elements(&sta, &ap, TRANSACTION_SEQ_REASSOC_REQUEST, &ies)?;
    /// assert_eq!((input.rsne, input.mde, input.fte), (&ies[3..7], &ies[7..12], &ies[12..]));
    /// assert_eq!((input.ric, input.rsnxe), (None, None));
    /// // Without an MDE there is nothing to compute the MIC over.
    /// assert!(FteMicInput::from_elements(&sta, &ap, 5, &ies[..7]).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn from_elements(
        sta_addr: &'a MacAddr,
        bssid: &'a MacAddr,
        transaction_seq: u8,
        ies: &'a [u8],
    ) -> Result<FteMicInput<'a>> {
        let need = |id, missing| {
            crate::elements::find(ies, id)?.ok_or(Error::MalformedElement { reason: missing })
        };
        Ok(FteMicInput {
            sta_addr,
            bssid,
            transaction_seq,
            rsne: need(RSNE_ID, "RSNE: missing from the FT frame")?,
            mde: need(MDE_ID, "MDE: missing from the FT frame")?,
            fte: need(FTE_ID, "FTE: missing from the FT frame")?,
            ric: None,
            rsnxe: crate::elements::find(ies, RSNXE_ID)?,
        })
    }
}

/// What an FTE MIC is computed over and checked against.
struct FteMicParts<'a> {
    alg: MicAlgorithm,
    /// The MIC's input, in pieces (13.8.4).
    parts: [&'a [u8]; 10],
    /// The FTE's MIC field (only its slice: the parsed FTE, nonces and all, would be moved out
    /// for nothing).
    received: &'a [u8],
}

/// Checks every element and the KCK, and lays out the MIC's input pieces.
fn fte_mic_parts<'a>(
    suite: &Suite,
    kck: &Kck,
    input: &FteMicInput<'a>,
    seq: &'a [u8; 1],
) -> Result<FteMicParts<'a>> {
    let alg = suite.fte_mic()?;
    if kck.len() != suite.kck_len() {
        return Err(Error::InvalidLength { what: "KCK for this AKM's FTE MIC", len: kck.len() });
    }
    element(input.rsne, RSNE_ID, "RSNE: element ID is not 48")?;
    let mde = element(input.mde, MDE_ID, "MDE: element ID is not 54")?;
    if mde.len() != 3 {
        return Err(Error::MalformedElement { reason: "MDE: body is not 3 octets" });
    }
    let fte = Fte::parse(suite, input.fte)?;
    let ric = match input.ric {
        Some(ric) => {
            check_ric(ric)?;
            ric
        }
        None => &[],
    };
    let rsnxe = match input.rsnxe {
        Some(rsnxe) => {
            element(rsnxe, RSNXE_ID, "RSNXE: element ID is not 244")?;
            rsnxe
        }
        None => &[],
    };
    let mic_len = fte.mic.len();
    let mic_end = FTE_MIC_OFFSET + mic_len;
    let (head, tail) = match (input.fte.get(..FTE_MIC_OFFSET), input.fte.get(mic_end..)) {
        (Some(h), Some(t)) => (h, t),
        _ => return Err(Error::MalformedElement { reason: "FTE: too short for its MIC" }),
    };
    let zeros = mic::zeroed_field(mic_len);
    let parts = [
        input.sta_addr.as_bytes().as_slice(),
        input.bssid.as_bytes(),
        seq,
        input.rsne,
        input.mde,
        head,
        zeros,
        tail,
        ric,
        rsnxe,
    ];
    Ok(FteMicParts { alg, parts, received: fte.mic })
}

/// Computes the FTE MIC (13.8.4, Table 12-10): AES-128-CMAC with the 16-octet KCK for
/// AKMs 3, 4, 9; HMAC-SHA-384 truncated to 24 octets with the 24-octet KCK for AKMs 13, 19.
/// The FTE's MIC field is taken as zero without being copied.
///
/// Malformed elements return [`Error::MalformedElement`]; a KCK of the wrong length for the AKM
/// returns [`Error::InvalidLength`].
///
/// ```
/// // An FT-PSK roam (the setup of the `ft` module's example): its PTK, RSNE, MDE and an FTE.
/// # use ieee80211_keys::ft::{self, FteMicInput, PmkR0, XxKey};
/// # use ieee80211_keys::{Akm, Cipher, MacAddr, MobilityDomainId, Nonce, Pairwise, Psk};
/// # use ieee80211_keys::{R0khId, Ssid};
/// # let akm = Akm::FtPsk;
/// # let psk = Psk::from_hex("bccd1798ef6cb87f2b5475fb980657d2ea026ce368ef3fcada3148543fee94f0")?;
/// # let sta: MacAddr = "02:00:00:00:02:00".parse()?;
/// # let ap: MacAddr = "02:00:00:00:00:00".parse()?;
/// # let (ssid, mdid) = (Ssid::new(b"TestFT")?, MobilityDomainId::new([0x12, 0x34]));
/// # let r0kh_id = R0khId::new(b"dummy0")?;
/// # let r0 = PmkR0::derive(akm, &XxKey::from_psk(akm, &psk)?, &ssid, mdid, &r0kh_id, &sta)?;
/// # let (snonce, anonce) = (Nonce::new([1; 32]), Nonce::new([2; 32]));
/// # let p = Pairwise { aa: ap, spa: sta, anonce, snonce };
/// # let ptk = r0.derive_r1(&ap, &sta)?.derive_ptk(Cipher::Ccmp128, &p)?;
/// # let suite = ptk.ptk().suite();
/// # let rsne =
/// #     [0x30, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 0,
/// #     0];
/// # let mde = [0x36, 3, 0x12, 0x34, 1];
/// # let mut fte = [0u8; 84];
/// # fte[..4].copy_from_slice(&[0x37, 82, 0, 3]);
/// # fte[20..52].copy_from_slice(anonce.as_bytes());
/// # fte[52..84].copy_from_slice(snonce.as_bytes());
/// let input = FteMicInput {
///     sta_addr: &sta,
///     bssid: &ap,
///     transaction_seq: ft::TRANSACTION_SEQ_REASSOC_REQUEST,
///     rsne: &rsne,
///     mde: &mde,
///     fte: &fte,
///     ric: None,
///     rsnxe: None,
/// };
///
/// let mic = ft::fte_mic(suite, ptk.kck(), &input)?;
/// assert_eq!(mic.len(), 16);
/// // The MIC field's content does not matter: it is taken as zero.
/// let mut filled = fte;
/// filled[4..20].fill(0xff);
/// assert_eq!(ft::fte_mic(suite, ptk.kck(), &FteMicInput { fte: &filled, ..input })?, mic);
/// // Every covered element changes it, even the transaction sequence number.
/// let response = FteMicInput { transaction_seq: ft::TRANSACTION_SEQ_REASSOC_RESPONSE, ..input };
/// assert_ne!(ft::fte_mic(suite, ptk.kck(), &response)?, mic);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn fte_mic(suite: &Suite, kck: &Kck, input: &FteMicInput<'_>) -> Result<Mic> {
    let seq = [input.transaction_seq];
    let m = fte_mic_parts(suite, kck, input, &seq)?;
    mic::compute(m.alg, kck.as_bytes(), &m.parts, m.received.len())
}

/// Verifies the MIC that the FTE of `input` carries, in constant time. Says only
/// [`Error::MicMismatch`] when it does not verify.
///
/// ```
/// use ieee80211_keys::Error;
/// // An FT-PSK roam (the setup of the `ft` module's example): its PTK, RSNE, MDE and an FTE.
/// # use ieee80211_keys::ft::{self, FteMicInput, PmkR0, XxKey};
/// # use ieee80211_keys::{Akm, Cipher, MacAddr, MobilityDomainId, Nonce, Pairwise, Psk};
/// # use ieee80211_keys::{R0khId, Ssid};
/// # let akm = Akm::FtPsk;
/// # let psk = Psk::from_hex("bccd1798ef6cb87f2b5475fb980657d2ea026ce368ef3fcada3148543fee94f0")?;
/// # let sta: MacAddr = "02:00:00:00:02:00".parse()?;
/// # let ap: MacAddr = "02:00:00:00:00:00".parse()?;
/// # let (ssid, mdid) = (Ssid::new(b"TestFT")?, MobilityDomainId::new([0x12, 0x34]));
/// # let r0kh_id = R0khId::new(b"dummy0")?;
/// # let r0 = PmkR0::derive(akm, &XxKey::from_psk(akm, &psk)?, &ssid, mdid, &r0kh_id, &sta)?;
/// # let (snonce, anonce) = (Nonce::new([1; 32]), Nonce::new([2; 32]));
/// # let p = Pairwise { aa: ap, spa: sta, anonce, snonce };
/// # let ptk = r0.derive_r1(&ap, &sta)?.derive_ptk(Cipher::Ccmp128, &p)?;
/// # let suite = ptk.ptk().suite();
/// # let rsne =
/// #     [0x30, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 0,
/// #     0];
/// # let mde = [0x36, 3, 0x12, 0x34, 1];
/// # let mut fte = [0u8; 84];
/// # fte[..4].copy_from_slice(&[0x37, 82, 0, 3]);
/// # fte[20..52].copy_from_slice(anonce.as_bytes());
/// # fte[52..84].copy_from_slice(snonce.as_bytes());
/// let input = FteMicInput {
///     sta_addr: &sta,
///     bssid: &ap,
///     transaction_seq: ft::TRANSACTION_SEQ_REASSOC_REQUEST,
///     rsne: &rsne,
///     mde: &mde,
///     fte: &fte,
///     ric: None,
///     rsnxe: None,
/// };
///
/// // The station writes the MIC; the AP, with the same PTK, verifies it in the received FTE.
/// let mut sent = fte;
/// ft::write_fte_mic(suite, &mut sent, &ft::fte_mic(suite, ptk.kck(), &input)?)?;
/// ft::verify_fte_mic(suite, ptk.kck(), &FteMicInput { fte: &sent, ..input })?;
/// // Another RSNE (a downgrade) does not verify.
/// let mut other_rsne = rsne;
/// other_rsne[19] = 2;
/// let tampered = FteMicInput { fte: &sent, rsne: &other_rsne, ..input };
/// assert_eq!(ft::verify_fte_mic(suite, ptk.kck(), &tampered), Err(Error::MicMismatch));
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn verify_fte_mic(suite: &Suite, kck: &Kck, input: &FteMicInput<'_>) -> Result<()> {
    let seq = [input.transaction_seq];
    let m = fte_mic_parts(suite, kck, input, &seq)?;
    mic::verify(m.alg, kck.as_bytes(), &m.parts, m.received)
}

/// Writes a MIC (from [`fte_mic`]) into the MIC field of an FTE buffer, after checking the
/// element and that the MIC has the AKM's length.
///
/// ```
/// use ieee80211_keys::ft::Fte;
/// use ieee80211_keys::Mic;
/// // An FT-PSK roam (the setup of the `ft` module's example): its PTK, RSNE, MDE and an FTE.
/// # use ieee80211_keys::ft::{self, FteMicInput, PmkR0, XxKey};
/// # use ieee80211_keys::{Akm, Cipher, MacAddr, MobilityDomainId, Nonce, Pairwise, Psk};
/// # use ieee80211_keys::{R0khId, Ssid};
/// # let akm = Akm::FtPsk;
/// # let psk = Psk::from_hex("bccd1798ef6cb87f2b5475fb980657d2ea026ce368ef3fcada3148543fee94f0")?;
/// # let sta: MacAddr = "02:00:00:00:02:00".parse()?;
/// # let ap: MacAddr = "02:00:00:00:00:00".parse()?;
/// # let (ssid, mdid) = (Ssid::new(b"TestFT")?, MobilityDomainId::new([0x12, 0x34]));
/// # let r0kh_id = R0khId::new(b"dummy0")?;
/// # let r0 = PmkR0::derive(akm, &XxKey::from_psk(akm, &psk)?, &ssid, mdid, &r0kh_id, &sta)?;
/// # let (snonce, anonce) = (Nonce::new([1; 32]), Nonce::new([2; 32]));
/// # let p = Pairwise { aa: ap, spa: sta, anonce, snonce };
/// # let ptk = r0.derive_r1(&ap, &sta)?.derive_ptk(Cipher::Ccmp128, &p)?;
/// # let suite = ptk.ptk().suite();
/// # let rsne =
/// #     [0x30, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 0,
/// #     0];
/// # let mde = [0x36, 3, 0x12, 0x34, 1];
/// # let mut fte = [0u8; 84];
/// # fte[..4].copy_from_slice(&[0x37, 82, 0, 3]);
/// # fte[20..52].copy_from_slice(anonce.as_bytes());
/// # fte[52..84].copy_from_slice(snonce.as_bytes());
/// let input = FteMicInput {
///     sta_addr: &sta,
///     bssid: &ap,
///     transaction_seq: ft::TRANSACTION_SEQ_REASSOC_REQUEST,
///     rsne: &rsne,
///     mde: &mde,
///     fte: &fte,
///     ric: None,
///     rsnxe: None,
/// };
///
/// let mic = ft::fte_mic(suite, ptk.kck(), &input)?;
/// let mut sent = fte;
/// ft::write_fte_mic(suite, &mut sent, &mic)?;
/// assert_eq!(Fte::parse(suite, &sent)?.mic(), mic.as_bytes());
/// // A MIC of another length than the AKM's is refused.
/// assert!(ft::write_fte_mic(suite, &mut sent, &Mic::from_slice(&[0; 24])?).is_err());
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn write_fte_mic(suite: &Suite, fte: &mut [u8], mic: &Mic) -> Result<()> {
    let mic_len = Fte::parse(suite, fte)?.mic().len();
    if mic.len() != mic_len {
        return Err(Error::InvalidLength { what: "FTE MIC for this AKM", len: mic.len() });
    }
    let field = fte
        .get_mut(FTE_MIC_OFFSET..FTE_MIC_OFFSET + mic_len)
        .ok_or(Error::MalformedElement { reason: "FTE: too short for its MIC" })?;
    field.copy_from_slice(mic.as_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_headers() {
        assert!(element(&[48, 0], 48, "x").is_ok());
        assert!(element(&[48], 48, "x").is_err());
        assert!(element(&[49, 0], 48, "x").is_err());
        assert!(element(&[48, 1], 48, "x").is_err());
        assert!(element(&[48, 0, 0], 48, "x").is_err());
        assert!(check_ric(&[1, 0, 2, 1, 9]).is_ok());
        assert!(check_ric(&[]).is_err());
        assert!(check_ric(&[1, 2, 0]).is_err());
        assert!(check_ric(&[1, 0, 2]).is_err());
    }
}
