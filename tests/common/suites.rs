//! Suites for the tests, benches and fuzz targets that check frames under an AKM.

/// The suite of `akm` for frame checks: the cipher and the PMK length do not change an EAPOL-Key
/// or FTE MIC, a Key Data wrap or a frame's layout.
pub fn suite_of(akm: ieee80211_keys::Akm) -> ieee80211_keys::Suite {
    ieee80211_keys::Suite::new(akm, ieee80211_keys::Cipher::Ccmp128, akm.pmk_len()).unwrap()
}

/// A suite whose EAPOL-Key MIC field has `mic_len` octets: 16 (PSK) or 24 (PSK-SHA384). The
/// parser takes its MIC length from a suite, and no suite has another.
pub fn suite_mic(mic_len: usize) -> Result<ieee80211_keys::Suite, ieee80211_keys::Error> {
    use ieee80211_keys::{Akm, Error};
    match mic_len {
        16 => Ok(suite_of(Akm::Psk)),
        24 => Ok(suite_of(Akm::PskSha384)),
        len => Err(Error::InvalidLength { what: "EAPOL-Key MIC", len }),
    }
}
