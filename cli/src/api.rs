//! Every derivation and check the tool asks of the library whose signature names the suite, in
//! one place. The analysis, the hashcat module and the test captures call these; when the
//! library's API moves (the resolved suite passed instead of AKM and cipher, the pairwise
//! inputs as one value), this file is the one that follows it.

use ieee80211_keys::cckm::BaseKeys;
use ieee80211_keys::eapol::{self, EapolKeyFrame, MicKey};
use ieee80211_keys::ft::{self, FtPtk, Fte, FteMicInput, PmkR1};
use ieee80211_keys::{Akm, Cipher, Kck, Kek, MacAddr, Mic, Nonce, Pmk, Ptk, Result};

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
    Ptk::derive(pmk, akm, cipher, aa, spa, anonce, snonce)
}

/// A checked view of an EAPOL-Key frame; the MIC length is the AKM's, or 16 octets (every AKM
/// but the SHA-384 ones) when the AKM is not known yet.
pub fn key_frame(akm: Option<Akm>, pdu: &[u8]) -> Result<EapolKeyFrame<'_>> {
    EapolKeyFrame::parse(pdu, akm.map_or(16, |a| a.mic_len()))
}

/// A checked view of an EAPOL-Key frame whose MIC field has `mic_len` octets (16, or 24 for
/// the SHA-384 AKMs), as a hashcat line gives it.
pub fn key_frame_mic_len(mic_len: usize, pdu: &[u8]) -> Result<EapolKeyFrame<'_>> {
    EapolKeyFrame::parse(pdu, mic_len)
}

/// Verifies an EAPOL-Key frame's MIC under `akm` and the pairwise `cipher` (which, for AKMs 1,
/// 2 and CCKM, decides the descriptor version).
pub fn verify_mic(akm: Akm, _cipher: Cipher, key: &impl MicKey, pdu: &[u8]) -> Result<()> {
    eapol::verify_mic(akm, key, pdu)
}

/// Writes an EAPOL-Key frame's MIC (the test captures).
pub fn write_mic(akm: Akm, _cipher: Cipher, key: &impl MicKey, pdu: &mut [u8]) -> Result<()> {
    eapol::write_mic(akm, key, pdu)
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
    eapol::identify_pmk(akm, cipher, aa, spa, anonce, msg2, pmks)
}

/// Decrypts a frame's Key Data with the KEK into `out`.
pub fn unwrap_key_data<'o>(
    frame: &EapolKeyFrame<'_>,
    akm: Akm,
    _cipher: Cipher,
    kek: &Kek,
    out: &'o mut [u8],
) -> Result<&'o [u8]> {
    frame.unwrap_key_data(akm, kek, out)
}

/// Encrypts Key Data for a frame of `version` (the test captures).
pub fn wrap_key_data(akm: Akm, version: u8, kek: &Kek, data: &[u8]) -> Result<Vec<u8>> {
    let mut out = vec![0u8; data.len() + 64];
    let n = eapol::wrap_key_data(akm, version, &[0; 16], kek, data, &mut out)?.len();
    out.truncate(n);
    Ok(out)
}

/// A checked view of an FTE under an FT AKM.
pub fn fte(akm: Akm, element: &[u8]) -> Result<Fte<'_>> {
    Fte::parse(akm, element)
}

/// Verifies the MIC an FTE carries.
pub fn verify_fte_mic(akm: Akm, _cipher: Cipher, kck: &Kck, input: &FteMicInput<'_>) -> Result<()> {
    ft::verify_fte_mic(akm, kck, input)
}

/// Computes an FTE MIC and writes it into the FTE of `input` (the test captures).
pub fn sign_fte(akm: Akm, kck: &Kck, input: &FteMicInput<'_>, fte: &mut [u8]) -> Result<()> {
    let mic: Mic = ft::fte_mic(akm, kck, input)?;
    ft::write_fte_mic(akm, fte, &mic)
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
    r1.derive_ptk(cipher, snonce, anonce, bssid, sta)
}

/// CCKM base keys (KRK, BTK) from the NSK and the initial association's 4-way handshake.
pub fn cckm_base_keys(
    nsk: &Pmk,
    bssid: &MacAddr,
    sta: &MacAddr,
    snonce: &Nonce,
    anonce: &Nonce,
) -> Result<BaseKeys> {
    BaseKeys::derive(nsk, bssid, sta, snonce, anonce)
}
