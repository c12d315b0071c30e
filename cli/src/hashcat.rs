//! hashcat's mode 22000 lines (`WPA*01*` PMKID, `WPA*02*` EAPOL message pair) and the older
//! hccapx records: written from a capture, read back, checked against keys and searched with a
//! wordlist on the library's batch PSK and `identify_pmk`, with hashcat's nonce error
//! correction (the last four octets of the ANonce, taken little- or big-endian, plus or minus a
//! few: routers that count their ANonce while the client answered an earlier one).

use ieee80211_keys::eapol::{EapolKeyFrame, MIC_OFFSET};

use crate::api;
use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pmk, PmkId, Psk, Ssid};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len() / 2).map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()).collect()
}

/// A `WPA*01*` line for a PMKID from message 1/4.
pub fn pmkid_line(pmkid: &PmkId, ap: &[u8; 6], sta: &[u8; 6], essid: &[u8]) -> String {
    format!("WPA*01*{}*{}*{}*{}***", hex(pmkid.as_bytes()), hex(ap), hex(sta), hex(essid))
}

/// A `WPA*02*` line for message 2/4 with the ANonce of message 1/4 (message pair 0: M1+M2,
/// EAPOL of M2); `counters_match` sets bit 7 (the replay counters agree: no nonce error
/// correction needed).
pub fn eapol_line(
    m2: &EapolKeyFrame<'_>,
    anonce: &Nonce,
    ap: &[u8; 6],
    sta: &[u8; 6],
    essid: &[u8],
    counters_match: bool,
) -> String {
    let mut e = m2.as_bytes().to_vec();
    let mic = m2.mic();
    let mic = mic.as_bytes();
    if let Some(f) = e.get_mut(MIC_OFFSET..MIC_OFFSET + mic.len()) {
        f.fill(0);
    }
    let mp = if counters_match { 0x80u8 } else { 0 };
    format!(
        "WPA*02*{}*{}*{}*{}*{}*{}*{:02x}",
        hex(mic),
        hex(ap),
        hex(sta),
        hex(essid),
        hex(anonce.as_bytes()),
        hex(&e),
        mp
    )
}

/// What a line or record holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HashKind {
    /// A PMKID (`WPA*01*`).
    Pmkid([u8; 16]),
    /// An EAPOL message pair (`WPA*02*`): the MIC, the ANonce, the EAPOL frame with its MIC
    /// field zeroed, the message pair octet.
    Eapol {
        /// The MIC.
        mic: Vec<u8>,
        /// The ANonce.
        anonce: [u8; 32],
        /// The EAPOL frame (MIC zeroed).
        eapol: Vec<u8>,
        /// hashcat's message pair octet.
        message_pair: u8,
    },
}

/// One hash to check or search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hash {
    /// The AP's address.
    pub ap: [u8; 6],
    /// The station's address.
    pub sta: [u8; 6],
    /// The ESSID.
    pub essid: Vec<u8>,
    /// PMKID or EAPOL.
    pub kind: HashKind,
}

/// Parses a 22000 line.
pub fn parse_line(line: &str) -> Result<Hash, &'static str> {
    let f: Vec<&str> = line.trim().split('*').collect();
    if f.len() < 6 || f[0] != "WPA" {
        return Err("not a WPA*01 or WPA*02 line");
    }
    let mac = |s: &str| -> Result<[u8; 6], &'static str> {
        unhex(s).and_then(|v| v.try_into().ok()).ok_or("bad MAC address field")
    };
    let (ap, sta) = (mac(f[3])?, mac(f[4])?);
    let essid = unhex(f[5]).filter(|e| e.len() <= 32).ok_or("bad ESSID field")?;
    let first = unhex(f[2]).ok_or("bad PMKID/MIC field")?;
    let kind = match f[1] {
        "01" => HashKind::Pmkid(first.try_into().map_err(|_| "a PMKID has 16 octets")?),
        "02" => {
            if f.len() < 9 {
                return Err("WPA*02 line has fewer than 9 fields");
            }
            let anonce = unhex(f[6]).and_then(|v| v.try_into().ok()).ok_or("bad ANonce field")?;
            let eapol = unhex(f[7]).ok_or("bad EAPOL field")?;
            let message_pair =
                u8::from_str_radix(f[8], 16).map_err(|_| "bad message pair field")?;
            if !matches!(first.len(), 16 | 24) {
                return Err("a MIC has 16 or 24 octets");
            }
            api::key_frame_mic_len(first.len(), &eapol)
                .map_err(|_| "EAPOL field is not an EAPOL-Key frame")?;
            HashKind::Eapol { mic: first, anonce, eapol, message_pair }
        }
        _ => return Err("hash type is neither 01 nor 02"),
    };
    Ok(Hash { ap, sta, essid, kind })
}

/// Length of an hccapx record.
pub const HCCAPX_LEN: usize = 393;

/// Parses hccapx records (hashcat mode 2500's format: "HCPX", version 4).
pub fn parse_hccapx(data: &[u8]) -> Vec<Result<Hash, &'static str>> {
    data.chunks(HCCAPX_LEN)
        .map(|r| {
            if r.len() != HCCAPX_LEN || &r[..4] != b"HCPX" {
                return Err("not an hccapx record");
            }
            let message_pair = r[8];
            let essid_len = usize::from(r[9]).min(32);
            let essid = r[10..10 + essid_len].to_vec();
            let mic = r[43..59].to_vec();
            let ap: [u8; 6] = r[59..65].try_into().map_err(|_| "record")?;
            let anonce: [u8; 32] = r[65..97].try_into().map_err(|_| "record")?;
            let sta: [u8; 6] = r[97..103].try_into().map_err(|_| "record")?;
            let len = usize::from(u16::from_le_bytes([r[135], r[136]]));
            let eapol = r.get(137..137 + len).ok_or("hccapx EAPOL length exceeds 256")?.to_vec();
            api::key_frame(None, None, &eapol)
                .map_err(|_| "EAPOL field is not an EAPOL-Key frame")?;
            Ok(Hash { ap, sta, essid, kind: HashKind::Eapol { mic, anonce, eapol, message_pair } })
        })
        .collect()
}

/// The ANonces to try for a message pair: the one given, then, unless bit 7 says the replay
/// counters matched, its last four octets as a little- and big-endian counter plus and minus
/// up to `correction` (hashcat's `--nonce-error-corrections`).
pub fn anonce_variants(anonce: &[u8; 32], message_pair: u8, correction: u32) -> Vec<[u8; 32]> {
    let mut out = vec![*anonce];
    if message_pair & 0x80 != 0 || correction == 0 {
        return out;
    }
    let le = message_pair & 0x20 != 0;
    let be = message_pair & 0x40 != 0;
    let (try_le, try_be) = if le || be { (le, be) } else { (true, true) };
    let tail: [u8; 4] = anonce[28..].try_into().expect("4 octets");
    for d in 1..=correction {
        for (on, from, to) in [
            (
                try_le,
                u32::from_le_bytes as fn([u8; 4]) -> u32,
                u32::to_le_bytes as fn(u32) -> [u8; 4],
            ),
            (try_be, u32::from_be_bytes, u32::to_be_bytes),
        ] {
            if !on {
                continue;
            }
            for v in [from(tail).wrapping_add(d), from(tail).wrapping_sub(d)] {
                let mut a = *anonce;
                a[28..].copy_from_slice(&to(v));
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
    }
    out
}

/// The AKM hashcat's line stands for: descriptor version 3 frames are PSK-SHA256 (AES-CMAC),
/// 1 and 2 are PSK (HMAC-MD5, HMAC-SHA1).
fn akm_of(eapol: &[u8], mic_len: usize) -> Option<(Akm, Cipher)> {
    let v = api::key_frame_mic_len(mic_len, eapol).ok()?;
    match v.key_info().descriptor_version() {
        1 => Some((Akm::Psk, Cipher::Tkip)),
        2 => Some((Akm::Psk, Cipher::Ccmp128)),
        3 => Some((Akm::PskSha256, Cipher::Ccmp128)),
        _ => None,
    }
}

/// Which of `pmks` opens `hash` (with nonce error correction for EAPOL pairs): the index, and
/// for EAPOL the ANonce variant that worked (0: as given).
pub fn find(hash: &Hash, pmks: &[Pmk], correction: u32) -> Option<(usize, usize)> {
    let (aa, spa) = (MacAddr::new(hash.ap), MacAddr::new(hash.sta));
    match &hash.kind {
        HashKind::Pmkid(id) => {
            let id = PmkId::new(*id);
            pmks.iter()
                .position(|p| p.pmkid(Akm::Psk, &aa, &spa).is_ok_and(|x| x == id))
                .map(|i| (i, 0))
        }
        HashKind::Eapol { mic, anonce, eapol, message_pair } => {
            let (akm, cipher) = akm_of(eapol, mic.len())?;
            let mut frame = eapol.clone();
            frame.get_mut(MIC_OFFSET..MIC_OFFSET + mic.len())?.copy_from_slice(mic);
            for (k, a) in anonce_variants(anonce, *message_pair, correction).iter().enumerate() {
                let found = api::identify(akm, cipher, &aa, &spa, &Nonce::new(*a), &frame, pmks);
                if let Ok(Some(i)) = found {
                    return Some((i, k));
                }
            }
            None
        }
    }
}

/// Searches `hashes` with passphrases from `words`, in batches on the library's batch PSK.
/// `progress(n)` is told how many passphrases (PMKs) each batch derived. Returns, per hash,
/// the passphrase that opens it.
pub fn search(
    hashes: &[Hash],
    words: impl Iterator<Item = String>,
    correction: u32,
    mut progress: impl FnMut(u64),
) -> Vec<Option<String>> {
    let mut found: Vec<Option<String>> = vec![None; hashes.len()];
    let mut essids: Vec<Vec<u8>> = hashes.iter().map(|h| h.essid.clone()).collect();
    essids.sort();
    essids.dedup();
    let essids: Vec<(Vec<u8>, Ssid)> =
        essids.into_iter().filter_map(|e| Ssid::new(&e).ok().map(|s| (e, s))).collect();
    let mut batch: Vec<String> = Vec::with_capacity(BATCH);
    let mut words = words.filter(|w| (8..=63).contains(&w.len())).peekable();
    while words.peek().is_some() && found.iter().any(|f| f.is_none()) {
        batch.clear();
        batch.extend(words.by_ref().take(BATCH));
        for (raw, ssid) in &essids {
            let open: Vec<usize> = (0..hashes.len())
                .filter(|&i| found[i].is_none() && &hashes[i].essid == raw)
                .collect();
            if open.is_empty() {
                continue;
            }
            let pmks = derive_parallel(ssid, &batch);
            let (idx, pmks): (Vec<usize>, Vec<Pmk>) =
                pmks.into_iter().enumerate().filter_map(|(i, p)| p.map(|p| (i, p))).unzip();
            progress(pmks.len() as u64);
            for i in open {
                if let Some((k, _)) = find(&hashes[i], &pmks, correction) {
                    found[i] = Some(batch[idx[k]].clone());
                }
            }
        }
    }
    found
}

/// The PMKs of `batch` for `ssid` on the library's batch PSK, the batch split over the CPUs.
fn derive_parallel(ssid: &Ssid, batch: &[String]) -> Vec<Option<Pmk>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 16);
    let chunk = batch.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = batch
            .chunks(chunk)
            .map(|part| {
                let h = scope.spawn(move || {
                    let mut pmks: Vec<Option<Pmk>> = vec![None; part.len()];
                    Psk::from_passphrases_bytes(ssid, part, |i, r| {
                        if let Ok(psk) = r {
                            pmks[i] = Some(Pmk::from_psk(&psk));
                        }
                    });
                    pmks
                });
                (part.len(), h)
            })
            .collect();
        // A part whose thread failed gives no PMKs, and keeps the others in place.
        handles.into_iter().flat_map(|(n, h)| h.join().unwrap_or_else(|_| vec![None; n])).collect()
    })
}

/// Passphrases per batch of the wordlist search.
const BATCH: usize = 512;

#[cfg(test)]
mod tests {
    use super::*;

    use crate::vectors::{load, s};

    /// hashcat's own mode 22000 lines of `test-vectors/hashcat.json`, of `kind` "pmkid" or
    /// "eapol", and the passphrase that opens it.
    fn published(kind: &str) -> (String, String) {
        let v = load("hashcat.json", "lines").into_iter().find(|v| v["kind"] == kind).unwrap();
        (s(&v, "line").to_string(), s(&v, "passphrase").to_string())
    }

    #[test]
    fn hashcat_examples_open_with_their_passphrase() {
        for (line, pass) in [published("pmkid"), published("eapol")] {
            let h = parse_line(&line).unwrap();
            let words = ["wrongpassword".to_string(), pass.clone(), "alsowrong".into()];
            let found = search(std::slice::from_ref(&h), words.into_iter(), 8, |_| {});
            assert_eq!(found, vec![Some(pass.clone())], "{line}");
            let words = ["wrongpassword".to_string(), format!("{pass}?")];
            assert_eq!(search(&[h], words.into_iter(), 8, |_| {}), vec![None]);
        }
    }

    #[test]
    fn nonce_error_correction_finds_a_shifted_anonce() {
        let (line, pass) = published("eapol");
        let mut h = parse_line(&line).unwrap();
        let ssid = Ssid::new(&h.essid).unwrap();
        let pmk = Pmk::from_psk(&Psk::from_passphrase(&pass, &ssid).unwrap());
        if let HashKind::Eapol { anonce, message_pair, .. } = &mut h.kind {
            // The router's counter moved on by 3 (little-endian) since the nonce the client used.
            let v = u32::from_le_bytes(anonce[28..].try_into().unwrap()).wrapping_add(3);
            anonce[28..].copy_from_slice(&v.to_le_bytes());
            *message_pair = 0x00;
        }
        assert_eq!(find(&h, std::slice::from_ref(&pmk), 2), None);
        assert!(matches!(find(&h, &[pmk], 8), Some((0, k)) if k > 0));
    }

    #[test]
    fn lines_round_trip_and_refuse_garbage() {
        let (pmkid, _) = published("pmkid");
        let (eapol_line_published, _) = published("eapol");
        let h = parse_line(&pmkid).unwrap();
        let HashKind::Pmkid(id) = h.kind else { panic!() };
        assert_eq!(pmkid_line(&PmkId::new(id), &h.ap, &h.sta, &h.essid), pmkid);
        for bad in [
            "",
            "WPA*03*00*00*00*00",
            "WPA*01*zz*fc690c158264*f4747f87f9f4*00***",
            "WPA*02*00*fc690c158264*f4747f87f9f4*00*",
        ] {
            assert!(parse_line(bad).is_err(), "{bad}");
        }
        let e = parse_line(&eapol_line_published).unwrap();
        let HashKind::Eapol { mic, anonce, eapol, .. } = &e.kind else { panic!() };
        let mut frame = eapol.clone();
        frame[MIC_OFFSET..MIC_OFFSET + 16].copy_from_slice(mic);
        let view = api::key_frame(None, None, &frame).unwrap();
        let line = eapol_line(&view, &Nonce::new(*anonce), &e.ap, &e.sta, &e.essid, true);
        let published_pair = eapol_line_published.rsplit_once('*').unwrap().0;
        assert_eq!(line.rsplit_once('*').unwrap().0, published_pair);
    }

    #[test]
    fn hccapx_record() {
        let (line, pass) = published("eapol");
        let e = parse_line(&line).unwrap();
        let HashKind::Eapol { mic, anonce, eapol, .. } = &e.kind else { panic!() };
        let mut r = vec![0u8; HCCAPX_LEN];
        r[..4].copy_from_slice(b"HCPX");
        r[4] = 4;
        r[8] = 0x80;
        r[9] = e.essid.len() as u8;
        r[10..10 + e.essid.len()].copy_from_slice(&e.essid);
        r[42] = 2;
        r[43..59].copy_from_slice(mic);
        r[59..65].copy_from_slice(&e.ap);
        r[65..97].copy_from_slice(anonce);
        r[97..103].copy_from_slice(&e.sta);
        r[135..137].copy_from_slice(&(eapol.len() as u16).to_le_bytes());
        r[137..137 + eapol.len()].copy_from_slice(eapol);
        let got = parse_hccapx(&r);
        assert_eq!(got.len(), 1);
        let h = got[0].clone().unwrap();
        let words = [pass.clone()];
        assert_eq!(search(&[h], words.into_iter(), 0, |_| {}), vec![Some(pass)]);
        assert!(parse_hccapx(&r[..100])[0].is_err());
    }
}
