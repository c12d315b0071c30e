//! Every derivation and check the tool asks of the library whose signature names the suite, in
//! one place. The analysis, the hashcat module and the test captures call these with the AKM
//! and cipher they read from the frames; this file resolves the library's [`Suite`] from them
//! and gathers the pairwise inputs into a [`Pairwise`].

use ieee80211_keys::cckm::BaseKeys;
use ieee80211_keys::eapol::{self, EapolKeyFrame, MicKey};
use ieee80211_keys::ft::{self, FtPtk, Fte, FteMicInput, PmkR1};
use ieee80211_keys::{
    Akm, Cipher, Error, Kck, MacAddr, Mic, Nonce, Pairwise, Pmk, Ptk, Result, Suite,
};

/// The suite of `akm` with `cipher`, for the AKM's usual PMK length, or another length the AKM
/// takes (SAE-EXT-KEY, the SHA-384 rows).
fn suite(akm: Akm, cipher: Cipher) -> Result<Suite> {
    let mut last = Error::UnsupportedCombination { akm, cipher };
    for len in [akm.pmk_len(), 32, 48, 64] {
        match Suite::new(akm, cipher, len) {
            Ok(s) => return Ok(s),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// A suite of `akm` to read frames with, whatever the pairwise cipher (the MIC and FTE lengths
/// do not depend on it); with `pmk_len` when known (the AKMs whose MIC length follows the PMK
/// length: OWE, SAE-EXT-KEY).
fn frame_suite(akm: Akm, pmk_len: Option<usize>) -> Result<Suite> {
    pmk_len
        .ok_or(Error::UnsupportedCombination { akm, cipher: Cipher::Ccmp128 })
        .and_then(|len| Suite::new(akm, Cipher::Ccmp128, len))
        .or_else(|_| suite(akm, Cipher::Ccmp128))
        .or_else(|_| suite(akm, Cipher::Tkip))
        .or_else(|_| suite(akm, Cipher::Gcmp256))
}

fn pairwise(aa: &MacAddr, spa: &MacAddr, anonce: &Nonce, snonce: &Nonce) -> Pairwise {
    Pairwise { aa: *aa, spa: *spa, anonce: *anonce, snonce: *snonce }
}

/// The PTK of the pairwise key expansion (PSK, 802.1X, SAE, OWE AKMs).
pub fn ptk(
    pmk: &Pmk,
    akm: Akm,
    cipher: Cipher,
    aa: &MacAddr,
    spa: &MacAddr,
    anonce: &Nonce,
    snonce: &Nonce,
) -> Result<Ptk> {
    let suite = Suite::new(akm, cipher, pmk.len())?;
    Ptk::derive(pmk, &suite, &pairwise(aa, spa, anonce, snonce))
}

/// A checked view of an EAPOL-Key frame; the MIC length is the AKM's (for its PMK length, when
/// known), or 16 octets (every AKM but the SHA-384 ones) when the AKM is not known yet.
pub fn key_frame(
    akm: Option<Akm>,
    pmk_len: Option<usize>,
    pdu: &[u8],
) -> Result<EapolKeyFrame<'_>> {
    EapolKeyFrame::parse(&frame_suite(akm.unwrap_or(Akm::Psk), pmk_len)?, pdu)
}

/// A checked view of an EAPOL-Key frame whose MIC field has `mic_len` octets (16, or 24 for
/// the SHA-384 AKMs), as a hashcat line gives it.
pub fn key_frame_mic_len(mic_len: usize, pdu: &[u8]) -> Result<EapolKeyFrame<'_>> {
    let akm = if mic_len == 24 { Akm::PskSha384 } else { Akm::Psk };
    EapolKeyFrame::parse(&frame_suite(akm, None)?, pdu)
}

/// Verifies an EAPOL-Key frame's MIC under `akm` and the pairwise `cipher` (which, for AKMs 1,
/// 2 and CCKM, decides the descriptor version).
pub fn verify_mic(akm: Akm, cipher: Cipher, key: &impl MicKey, pdu: &[u8]) -> Result<()> {
    eapol::verify_mic(&suite(akm, cipher)?, key, pdu)
}

/// Verifies an EAPOL-Key frame's MIC under a PTK's KCK, in the PTK's suite (its AKM, cipher
/// and PMK length).
pub fn verify_ptk_mic(ptk: &Ptk, pdu: &[u8]) -> Result<()> {
    eapol::verify_mic(ptk.suite(), ptk.kck(), pdu)
}

/// Which of `pmks` keyed message 2/4 (the library's multi-PMK identification).
pub fn identify(
    akm: Akm,
    cipher: Cipher,
    aa: &MacAddr,
    spa: &MacAddr,
    anonce: &Nonce,
    msg2: &[u8],
    pmks: &[Pmk],
) -> Result<Option<usize>> {
    let len = pmks.first().map_or(akm.pmk_len(), |p| p.len());
    eapol::identify_pmk(&Suite::new(akm, cipher, len)?, aa, spa, anonce, msg2, pmks)
}

/// Decrypts a frame's Key Data with a PTK's KEK, in the PTK's suite.
pub fn unwrap_ptk_key_data<'o>(
    frame: &EapolKeyFrame<'_>,
    ptk: &Ptk,
    out: &'o mut [u8],
) -> Result<&'o [u8]> {
    frame.unwrap_key_data(ptk.suite(), ptk.kek(), out)
}

/// A checked view of an FTE under an FT AKM, in its suite for `pmk_len` when known. Unknown
/// (a roam whose SAE exchange is not on this BSS), the PMK lengths of the AKM are tried in
/// turn: the MIC Control field states the MIC length (FT-SAE-EXT-KEY: 16 octets for a 32-octet
/// PMK, 24 for a 48- or 64-octet one; 9.4.2.47), which only its suite's reading accepts.
pub fn fte(akm: Akm, pmk_len: Option<usize>, element: &[u8]) -> Result<Fte<'_>> {
    let first = Fte::parse(&frame_suite(akm, pmk_len)?, element);
    if first.is_ok() || pmk_len.is_some() {
        return first;
    }
    [32, 48, 64]
        .into_iter()
        .filter_map(|len| Suite::new(akm, Cipher::Ccmp128, len).ok())
        .find_map(|s| Fte::parse(&s, element).ok())
        .map_or(first, Ok)
}

/// Verifies the MIC an FTE carries under a PTK's KCK, in the PTK's suite (its AKM, cipher and
/// PMK length: the FTE MIC's algorithm and length follow them).
pub fn verify_fte_mic(ptk: &Ptk, input: &FteMicInput<'_>) -> Result<()> {
    ft::verify_fte_mic(ptk.suite(), ptk.kck(), input)
}

/// Computes an FTE MIC and writes it into the FTE of `input` (the test captures).
pub fn sign_fte(akm: Akm, kck: &Kck, input: &FteMicInput<'_>, fte: &mut [u8]) -> Result<()> {
    let suite = frame_suite(akm, None)?;
    let mic: Mic = ft::fte_mic(&suite, kck, input)?;
    ft::write_fte_mic(&suite, fte, &mic)
}

/// The FT PTK from a PMK-R1 (nothing sorted: SNonce, ANonce, BSSID, STA).
pub fn ft_ptk(
    r1: &PmkR1,
    cipher: Cipher,
    snonce: &Nonce,
    anonce: &Nonce,
    bssid: &MacAddr,
    sta: &MacAddr,
) -> Result<FtPtk> {
    r1.derive_ptk(cipher, &pairwise(bssid, sta, anonce, snonce))
}

/// CCKM base keys (KRK, BTK) from the NSK and the initial association's 4-way handshake.
pub fn cckm_base_keys(
    nsk: &Pmk,
    bssid: &MacAddr,
    sta: &MacAddr,
    snonce: &Nonce,
    anonce: &Nonce,
) -> Result<BaseKeys> {
    BaseKeys::derive(nsk, &pairwise(bssid, sta, anonce, snonce))
}
