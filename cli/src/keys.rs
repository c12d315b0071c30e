//! The keys an engineer holds: passphrases (per SSID or for any), PSKs, PMKs and MSKs, from the
//! command line, from a file, or from Wireshark's `80211_keys` preferences file. Every
//! derivation is the library's.

use std::cell::RefCell;
use std::collections::HashMap;

use ieee80211_keys::ft::XxKey;
use ieee80211_keys::suite::KeySource;
use ieee80211_keys::{Akm, Msk, Pmk, Psk, Ssid, Tk};

/// One key as given.
pub enum KeySpec {
    /// A passphrase, for one SSID or (None) for whichever the handshake's BSS has.
    Passphrase {
        /// The passphrase.
        pass: String,
        /// The SSID it is for.
        ssid: Option<Vec<u8>>,
    },
    /// A PSK (64 hex digits).
    Psk(Psk),
    /// A PMK (for any AKM; for FT-PSK it is taken as the PSK, for FT-SAE as the SAE PMK).
    Pmk(Pmk),
    /// An MSK from an EAP method.
    Msk(Msk),
    /// A temporal key (Wireshark's `tk`): decrypts the data frames of a connection whose
    /// handshake is not in the capture or not opened by any other key; checks nothing.
    Tk(Tk),
}

/// PSKs of passphrase entries, by entry and SSID (`None`: not a valid passphrase or SSID).
type PskCache = HashMap<(usize, Vec<u8>), Option<Psk>>;

/// A named key.
pub struct Entry {
    /// How the reports name it ("passphrase #1", "MSK line 4 of keys.txt"); never key bytes.
    pub label: String,
    /// The key.
    pub key: KeySpec,
}

/// Every key given, with the PSKs of passphrases computed once per SSID.
#[derive(Default)]
pub struct KeyBook {
    /// The keys, in the order given.
    pub entries: Vec<Entry>,
    psks: RefCell<PskCache>,
}

fn hex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len() / 2).map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()).collect()
}

/// Decodes Wireshark's percent-encoding of `passphrase:ssid` parts (`%3a` for `:`).
fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

impl KeyBook {
    /// An empty book.
    pub fn new() -> KeyBook {
        KeyBook::default()
    }

    /// Adds a passphrase given as `PASSPHRASE` or `PASSPHRASE:SSID` (Wireshark's `wpa-pwd`
    /// form: the last `:` separates the SSID; `%3a` encodes a `:` inside either part).
    pub fn add_passphrase(&mut self, label: String, text: &str) -> Result<(), String> {
        let (pass, ssid) = match text.rsplit_once(':') {
            Some((p, s)) => (percent_decode(p), Some(percent_decode(s))),
            None => (percent_decode(text), None),
        };
        let pass = String::from_utf8(pass).map_err(|_| format!("{label}: passphrase not UTF-8"))?;
        if let Some(s) = &ssid {
            Ssid::new(s).map_err(|e| format!("{label}: {e}"))?;
        }
        if !(8..=63).contains(&pass.len()) {
            return Err(format!("{label}: a passphrase has 8 to 63 characters"));
        }
        self.entries.push(Entry { label, key: KeySpec::Passphrase { pass, ssid } });
        Ok(())
    }

    /// Adds a key given in hex: `psk`, `pmk`, `msk` or `tk`.
    pub fn add_hex(&mut self, label: String, kind: &str, text: &str) -> Result<(), String> {
        let bytes = hex(text).ok_or_else(|| format!("{label}: not hexadecimal"))?;
        let key = match kind {
            "psk" => KeySpec::Psk(Psk::from_bytes(&bytes).map_err(|e| format!("{label}: {e}"))?),
            "pmk" => KeySpec::Pmk(Pmk::from_bytes(&bytes).map_err(|e| format!("{label}: {e}"))?),
            "msk" => KeySpec::Msk(Msk::from_bytes(&bytes).map_err(|e| format!("{label}: {e}"))?),
            "tk" => KeySpec::Tk(Tk::from_bytes(&bytes).map_err(|e| format!("{label}: {e}"))?),
            _ => return Err(format!("{label}: unknown key kind {kind}")),
        };
        self.entries.push(Entry { label, key });
        Ok(())
    }

    /// Reads a keys file: Wireshark's `80211_keys` (`"wpa-pwd","pass:ssid"`, `"wpa-psk","hex"`,
    /// `"msk","hex"`, `"tk","hex"`; WEP lines are skipped with a note) or the same lines without
    /// quotes, plus `pmk,hex`. A line that is a bare hex string of 64 digits is a PMK; any other
    /// bare line a passphrase. `#` starts a comment.
    pub fn add_file(&mut self, name: &str, text: &str) -> Vec<String> {
        let mut notes = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let label = format!("{name} line {}", n + 1);
            let unquote = |s: &str| s.trim().trim_matches('"').to_string();
            let res = match line.split_once(',') {
                Some((kind, value)) => {
                    let (kind, value) = (unquote(kind).to_ascii_lowercase(), unquote(value));
                    match kind.as_str() {
                        "wpa-pwd" => self.add_passphrase(label.clone(), &value),
                        // 64 hex digits: a PSK (the PMK of SAE and OWE too); 96 or 128: a
                        // longer PMK (SAE-EXT-KEY, OWE on groups 20 and 21).
                        "wpa-psk" if value.trim().len() == 64 => {
                            self.add_hex(label.clone(), "psk", &value)
                        }
                        "wpa-psk" => self.add_hex(label.clone(), "pmk", &value),
                        "msk" | "pmk" | "psk" | "tk" => self.add_hex(label.clone(), &kind, &value),
                        other => Err(format!("{label}: key type {other} not used, skipped")),
                    }
                }
                None if line.len() == 64 && hex(line).is_some() => {
                    self.add_hex(label.clone(), "pmk", line)
                }
                None => self.add_passphrase(label.clone(), line),
            };
            if let Err(e) = res {
                notes.push(e);
            }
        }
        notes
    }

    /// The temporal keys given (`tk` lines), by entry index.
    pub fn tks(&self) -> impl Iterator<Item = (usize, &Tk)> {
        self.entries.iter().enumerate().filter_map(|(i, e)| match &e.key {
            KeySpec::Tk(tk) => Some((i, tk)),
            _ => None,
        })
    }

    /// The TK of entry `i`, if it is one.
    pub fn tk(&self, i: usize) -> Option<&Tk> {
        match self.entries.get(i).map(|e| &e.key) {
            Some(KeySpec::Tk(tk)) => Some(tk),
            _ => None,
        }
    }

    /// Whether no key was given.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The PSK of passphrase entry `i` for `ssid`, computed once.
    fn psk(&self, i: usize, pass: &str, ssid: &[u8]) -> Option<Psk> {
        let mut cache = self.psks.borrow_mut();
        cache
            .entry((i, ssid.to_vec()))
            .or_insert_with(|| {
                Ssid::new(ssid).ok().and_then(|s| Psk::from_passphrase_bytes(pass, &s).ok())
            })
            .clone()
    }

    /// The PSK-side roots for `ssid`: every passphrase for it (or for any SSID), every PSK.
    fn psks(&self, ssid: Option<&[u8]>) -> Vec<(String, Psk)> {
        let mut out = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            match &e.key {
                KeySpec::Passphrase { pass, ssid: want } => {
                    let s = match (want, ssid) {
                        (Some(w), Some(s)) if w.as_slice() != s => continue,
                        (Some(w), _) => w.as_slice(),
                        (None, Some(s)) => s,
                        (None, None) => continue,
                    };
                    if let Some(psk) = self.psk(i, pass, s) {
                        out.push((e.label.clone(), psk));
                    }
                }
                KeySpec::Psk(p) => out.push((e.label.clone(), p.clone())),
                _ => {}
            }
        }
        out
    }

    /// The candidate PMKs of a non-FT handshake under `akm` in the BSS named `ssid`: from
    /// passphrases and PSKs for the PSK AKMs, from MSKs for the 802.1X AKMs (and CCKM's NSK),
    /// and every PMK as given. SAE and OWE PMKs cannot be derived from what is on the air (each
    /// takes a side's private scalar): they are given as PMKs, or as Wireshark's `wpa-psk`
    /// lines, which Wireshark takes as the PMK for these AKMs and for 802.1X (a PMK exported
    /// from the authenticator or supplicant).
    pub fn pmks(&self, akm: Akm, ssid: Option<&[u8]>) -> Vec<(String, Pmk)> {
        let mut out = Vec::new();
        if akm.key_source() == KeySource::Psk {
            out.extend(self.psks(ssid).into_iter().map(|(l, p)| (l, Pmk::from_psk(&p))));
        }
        for e in &self.entries {
            match &e.key {
                KeySpec::Pmk(p) => out.push((e.label.clone(), p.clone())),
                // Wireshark's `wpa-psk` is the PMK itself wherever there is no passphrase to
                // derive it from: SAE, OWE, and an 802.1X handshake whose PMK was exported.
                KeySpec::Psk(p)
                    if matches!(
                        akm.key_source(),
                        KeySource::Sae | KeySource::Owe | KeySource::Msk
                    ) =>
                {
                    if let Ok(p) = Pmk::from_bytes(p.as_bytes()) {
                        out.push((e.label.clone(), p));
                    }
                }
                KeySpec::Msk(m) if akm.key_source() == KeySource::Msk => {
                    if let Ok(p) = Pmk::from_msk(akm, m) {
                        out.push((e.label.clone(), p));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The candidate XXKeys of an FT AKM: from passphrases and PSKs (FT-PSK), MSKs (FT-802.1X),
    /// PMKs (as the SAE PMK for FT-SAE, as the PSK for FT-PSK).
    pub fn xxkeys(&self, akm: Akm, ssid: Option<&[u8]>) -> Vec<(String, XxKey)> {
        let mut out = Vec::new();
        match akm.key_source() {
            KeySource::Psk => {
                for (l, p) in self.psks(ssid) {
                    if let Ok(x) = XxKey::from_psk(akm, &p) {
                        out.push((l, x));
                    }
                }
            }
            KeySource::Msk => {
                for e in &self.entries {
                    if let KeySpec::Msk(m) = &e.key {
                        if let Ok(x) = XxKey::from_msk(akm, m) {
                            out.push((e.label.clone(), x));
                        }
                    }
                }
            }
            _ => {}
        }
        for e in &self.entries {
            if let KeySpec::Pmk(p) = &e.key {
                let x = match akm.key_source() {
                    KeySource::Sae => XxKey::from_sae_pmk(akm, p).ok(),
                    KeySource::Psk => Psk::from_bytes(p.as_bytes())
                        .ok()
                        .and_then(|k| XxKey::from_psk(akm, &k).ok()),
                    _ => None,
                };
                if let Some(x) = x {
                    out.push((e.label.clone(), x));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wireshark_keys_file() {
        let mut b = KeyBook::new();
        let notes = b.add_file(
            "k",
            "# comment\n\"wpa-pwd\",\"Induction:Coherer\"\nwpa-psk,bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9\n\"wep\",\"0102030405\"\nmsk,0102\npass%3aword:ssid\n",
        );
        b.add_hex("msk".into(), "msk", &"01".repeat(64)).unwrap();
        assert_eq!(b.entries.len(), 5);
        assert_eq!(notes.len(), 1);
        match &b.entries[3].key {
            KeySpec::Passphrase { pass, ssid } => {
                assert_eq!((pass.as_str(), ssid.as_deref()), ("pass:word", Some(&b"ssid"[..])));
            }
            _ => panic!(),
        }
        // A passphrase for another SSID gives no PMK for this one.
        assert_eq!(b.pmks(Akm::Psk, Some(b"Coherer")).len(), 2);
        assert_eq!(b.pmks(Akm::Psk, Some(b"other")).len(), 1);
        // The MSK, and the wpa-psk line taken as an exported PMK.
        assert_eq!(b.pmks(Akm::Ieee8021x, Some(b"Coherer")).len(), 2);
    }
}
