//! Values taken from the outside: suite selectors and the suite table, frame header octets,
//! every secret's `from_bytes`, public identifiers, MAC address and hex PSK text, passphrases.

use ieee80211_keys::cckm::{Btk, Krk, Protocol};
use ieee80211_keys::eapol::{DescriptorType, KeyInfo};
use ieee80211_keys::ft::{PmkR0Key, PmkR1Key, XxKey};
use ieee80211_keys::suite::{KeySource, KeyWrap, MicAlgorithm, PmkIdKey};
use ieee80211_keys::Suite;
use ieee80211_keys::{
    Akm, Cipher, Error, Gmk, Gtk, Igtk, Kck, Kdk, Kek, MacAddr, Mic, MobilityDomainId, Msk, Nonce,
    Pmk, PmkId, Psk, Ptk, R0khId, Ssid, Tk,
};
use subtle::ConstantTimeEq;

use super::input::{fuzz_input, Rest};
use super::naive::{self, MacAlg, H};

fuzz_input!(
    /// A selector of any length, and header octets.
    SelectorInput {
        version: u8,
        key_info: u16,
        descriptor_type: u8,
        gtk_len: u64,
        egtk_len: u64,
        selector: Rest<'a>,
    }
);

fn naive_alg(m: MicAlgorithm) -> MacAlg {
    match m {
        MicAlgorithm::HmacMd5 => MacAlg::Hmac(H::Md5, 16),
        MicAlgorithm::HmacSha1_128 => MacAlg::Hmac(H::Sha1, 16),
        MicAlgorithm::AesCmac => MacAlg::Cmac,
        MicAlgorithm::HmacSha256_128 => MacAlg::Hmac(H::Sha256, 16),
        MicAlgorithm::HmacSha384_192 => MacAlg::Hmac(H::Sha384, 24),
        _ => unreachable!("a variant this check does not know yet"),
    }
}

/// The AKM of a selector (IEEE 802.11 Table 9-151, WPA's 00-50-F2:1/2, Cisco 00-40-96:0).
fn naive_akm(s: &[u8]) -> Option<[u8; 4]> {
    match *s {
        [0x00, 0x0f, 0xac, t @ (1..=6 | 8 | 9 | 11..=13 | 18..=20 | 23..=25)] => {
            Some([0x00, 0x0f, 0xac, t])
        }
        [0x00, 0x50, 0xf2, t @ (1 | 2)] => Some([0x00, 0x0f, 0xac, t]),
        [0x00, 0x40, 0x96, 0] => Some([0x00, 0x40, 0x96, 0]),
        _ => None,
    }
}

/// The cipher of a selector (Table 9-149, WPA's 00-50-F2:2/4).
fn naive_cipher(s: &[u8]) -> Option<[u8; 4]> {
    match *s {
        [0x00, 0x0f, 0xac, t @ (2 | 4 | 8 | 9 | 10)] => Some([0x00, 0x0f, 0xac, t]),
        [0x00, 0x50, 0xf2, t @ (2 | 4)] => Some([0x00, 0x0f, 0xac, t]),
        _ => None,
    }
}

/// Selector parsing and every answer of the suite table against the naive table; the
/// descriptor type octet, the Key Information bits and CCKM's EGTK length rule.
pub fn selectors(data: &[u8]) {
    let i = SelectorInput::read(data);
    let s = i.selector.0;

    let akm = Akm::from_selector(s);
    assert_eq!(akm.map(Akm::selector).ok(), naive_akm(s), "Akm::from_selector");
    if let Err(e) = akm {
        let expected =
            if s.len() == 4 { "unknown AKM suite selector" } else { "AKM suite selector" };
        assert!(e.to_string().contains(expected), "{e}");
    }
    let cipher = Cipher::from_selector(s);
    assert_eq!(cipher.map(Cipher::selector).ok(), naive_cipher(s), "Cipher::from_selector");

    if let Ok(akm) = akm {
        check_table(akm, i.version);
    }
    if let Ok(cipher) = cipher {
        assert_eq!(cipher.tk_len(), naive::tk_len(cipher));
        assert_eq!(cipher.gtk_len(), cipher.tk_len());
        assert!(!cipher.to_string().is_empty());
    }

    let d = DescriptorType::from_octet(i.descriptor_type);
    assert_eq!(d.is_ok(), matches!(i.descriptor_type, 2 | 254));
    if let Ok(d) = d {
        assert_eq!(d.octet(), i.descriptor_type);
    }

    let k = KeyInfo::from_bits(i.key_info);
    let bit = |n: u16| i.key_info & (1 << n) != 0;
    assert_eq!(k.bits(), i.key_info);
    assert_eq!(u16::from(k.descriptor_version()), i.key_info & 7);
    assert_eq!(u16::from(k.key_index()), (i.key_info >> 4) & 3);
    let flags = [
        k.pairwise(),
        k.install(),
        k.ack(),
        k.mic(),
        k.secure(),
        k.error(),
        k.request(),
        k.encrypted_key_data(),
        k.smk_message(),
    ];
    let naive_flags = [bit(3), bit(6), bit(7), bit(8), bit(9), bit(10), bit(11), bit(12), bit(13)];
    assert_eq!(flags, naive_flags);
    let _ = format!("{k:?}");

    for protocol in [Protocol::Wpa, Protocol::Rsn] {
        let (gtk, egtk) = (i.gtk_len as usize, i.egtk_len as usize);
        let (own, other) = match protocol {
            Protocol::Wpa => ((KeyWrap::Rc4, 0), (KeyWrap::AesKeyWrap, 8)),
            Protocol::Rsn => ((KeyWrap::AesKeyWrap, 8), (KeyWrap::Rc4, 0)),
            _ => unreachable!("a variant this check does not know yet"),
        };
        let expected = if gtk.checked_add(own.1) == Some(egtk) {
            Some(own.0)
        } else if gtk.checked_add(other.1) == Some(egtk) {
            Some(other.0)
        } else {
            None
        };
        assert_eq!(protocol.cckm_gtk_unwrap(gtk, egtk), expected);
    }
}

/// Every method of the suite table for one AKM, against the naive table.
fn check_table(akm: Akm, version: u8) {
    let row = naive::row(akm);
    assert_eq!(naive::of_hash(akm.hash()), row.hash, "{akm}: hash");
    assert_eq!(akm.is_ft(), row.ft, "{akm}: is_ft");
    assert_eq!(
        (akm.kck_len(), akm.kek_len(), akm.mic_len()),
        (row.kck, row.kek, row.mic_len),
        "{akm}"
    );
    assert_eq!(akm.pmk_len(), if row.hash == H::Sha384 { 48 } else { 32 }, "{akm}: pmk_len");
    let source = match akm.key_source() {
        KeySource::Msk => 'm',
        KeySource::Psk => 'p',
        KeySource::Sae => 's',
        KeySource::Owe => 'o',
        _ => unreachable!("a variant this check does not know yet"),
    };
    assert_eq!(source, row.source, "{akm}: key source");
    let pmkid = akm.pmkid_algorithm().ok().map(|(h, k)| (naive::of_hash(h), k == PmkIdKey::Kck));
    assert_eq!(pmkid, naive::pmkid(akm), "{akm}: PMKID");
    for v in (0..8).chain([version]) {
        let alg = akm.mic_algorithm(v);
        assert_eq!(alg.map(naive_alg).ok(), naive::eapol_mic(akm, v), "{akm} v{v}: MIC");
        if let Ok(alg) = alg {
            assert_eq!(alg.mic_len(), row.mic_len);
        } else {
            assert_eq!(alg, Err(Error::DescriptorVersion { akm, version: v }));
        }
        let wrap = akm.key_wrap(v).ok().map(|w| w == KeyWrap::Rc4);
        assert_eq!(wrap, naive::key_data_rc4(akm, v), "{akm} v{v}: key wrap");
    }
    assert_eq!(akm.fte_mic_algorithm().is_ok(), row.ft);
    // IEEE 802.11-2020 12.7.1.7.3: the second 256 bits for AKM 3, the first 384 for AKM 13.
    let cut = match row.suite_type {
        3 => Some((32, 32)),
        13 => Some((0, 48)),
        _ => None,
    };
    assert_eq!(akm.xxkey_from_msk(), cut, "{akm}: XXKey from the MSK");
    let lengths = akm.xxkey_lengths();
    assert_eq!(lengths.is_empty(), !row.ft);
    for cipher in Cipher::ALL {
        assert_eq!(akm.combines_with(cipher), naive::combines(akm, cipher), "{akm} {cipher}");
        assert_eq!(akm.check_cipher(cipher).is_ok(), akm.combines_with(cipher));
        assert_eq!(akm.ptk_len(cipher), row.kck + row.kek + naive::tk_len(cipher));
        if akm.combines_with(cipher) {
            let v = akm.descriptor_version(cipher);
            assert!(naive::eapol_mic(akm, v).is_some(), "{akm} {cipher}: version {v} unusable");
            assert_eq!(v == 1, cipher == Cipher::Tkip && !row.ft, "{akm} {cipher}: v1 is TKIP's");
        }
    }
    let shown = akm.to_string();
    assert!(shown.contains(akm.name()), "{shown}");
}

fuzz_input!(
    /// Octets offered as a secret, an identifier or text; an SSID for passphrases.
    SecretInput {
        op: u8,
        ssid: &'a [u8],
        bytes: Rest<'a>,
    }
);

/// Checks one secret type: the lengths it takes, its bytes, its Debug, its equality.
macro_rules! check_secret {
    ($bytes:expr, $($t:ty: $lengths:pat),* $(,)?) => {$(
        match <$t>::from_bytes($bytes) {
            Ok(k) => {
                assert!(matches!($bytes.len(), $lengths), "{} took {} octets", stringify!($t), $bytes.len());
                assert_eq!(k.as_bytes(), $bytes);
                assert_eq!(k.len(), $bytes.len());
                let shown = format!("{k:?}");
                assert!(shown.contains("redacted"), "{shown}");
                naive::assert_no_key(&shown, $bytes, stringify!($t));
                assert!(bool::from(k.ct_eq(&k.clone())));
            }
            Err(e) => {
                assert!(!matches!($bytes.len(), $lengths), "{} refused {} octets", stringify!($t), $bytes.len());
                assert_eq!(e, Error::InvalidLength { what: what_of(&e), len: $bytes.len() });
                naive::assert_no_key(&format!("{e} {e:?}"), $bytes, "secret length error");
            }
        }
    )*};
}

fn what_of(e: &Error) -> &'static str {
    match e {
        Error::InvalidLength { what, .. } => what,
        _ => "",
    }
}

/// `aa:bb:cc:dd:ee:ff`, `aa-bb-cc-dd-ee-ff` or `aabbccddeeff`, any case.
fn naive_mac(s: &str) -> Option<[u8; 6]> {
    let digits: String = match s.len() {
        12 => s.to_string(),
        17 => {
            let sep = s.as_bytes()[2];
            if !matches!(sep, b':' | b'-') {
                return None;
            }
            let b = s.as_bytes();
            if (0..17).any(|i| (i % 3 == 2) != (b[i] == sep)) {
                return None;
            }
            s.chars().filter(|&c| c != sep as char).collect()
        }
        _ => return None,
    };
    naive_hex(&digits).and_then(|v| v.try_into().ok())
}

fn naive_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

/// Every secret's `from_bytes`, the public identifiers, MAC address and PSK hex text, the
/// passphrase mapping (against the `pbkdf2` crate) and `Ptk::from_bytes`.
pub fn secrets(data: &[u8]) {
    let i = SecretInput::read(data);
    let b = i.bytes.0;
    check_secret!(b,
        Psk: 32 | 48, Pmk: 32 | 48 | 64, Msk: 1..=64, Kck: 16 | 24 | 32, Kek: 16 | 32,
        Tk: 16 | 32, Kdk: 16..=64, Gmk: 16..=64, Gtk: 16 | 32, Igtk: 16 | 32,
        XxKey: 32 | 48 | 64, PmkR0Key: 32 | 48 | 64, PmkR1Key: 32 | 48 | 64, Krk: 16, Btk: 32,
    );

    match Mic::from_slice(b) {
        Ok(m) => {
            assert!((1..=32).contains(&b.len()));
            assert_eq!(m.as_bytes(), b);
            assert_eq!(m.to_string(), naive::hex(b));
            assert!(m == Mic::from_slice(b).unwrap());
        }
        Err(_) => assert!(!(1..=32).contains(&b.len())),
    }
    assert_eq!(
        PmkId::from_slice(b).map(|p| p.to_string()).ok(),
        (b.len() == 16).then(|| naive::hex(b))
    );
    assert_eq!(
        Nonce::from_slice(b).map(|n| n.as_bytes().to_vec()).ok(),
        (b.len() == 32).then(|| b.to_vec())
    );
    assert_eq!(
        MacAddr::from_slice(b).map(|m| m.as_bytes().to_vec()).ok(),
        (b.len() == 6).then(|| b.to_vec())
    );
    assert_eq!(
        MobilityDomainId::from_slice(b).map(|m| m.to_string()).ok(),
        (b.len() == 2).then(|| naive::hex(b))
    );
    assert_eq!(
        R0khId::new(b).map(|r| r.as_bytes().to_vec()).ok(),
        (1..=48).contains(&b.len()).then(|| b.to_vec())
    );
    let ssid = Ssid::new(b);
    assert_eq!(ssid.map(|s| s.as_bytes().to_vec()).ok(), (b.len() <= 32).then(|| b.to_vec()));
    if let Ok(ssid) = ssid {
        let shown = ssid.to_string();
        if b.iter().all(|c| (0x20..0x7f).contains(c)) {
            assert_eq!(shown.as_bytes(), b);
        } else {
            assert_eq!(shown, naive::hex(b));
        }
    }

    let text = String::from_utf8_lossy(b);
    let mac = text.parse::<MacAddr>();
    assert_eq!(mac.map(|m| *m.as_bytes()).ok(), naive_mac(&text), "MAC address {text:?}");
    if let Ok(m) = mac {
        assert_eq!(m.to_string().parse::<MacAddr>(), Ok(m));
    }
    let psk = Psk::from_hex(&text);
    let naive_psk = naive_hex(&text).filter(|v| matches!(v.len(), 32 | 48));
    assert_eq!(psk.as_ref().map(|p| p.as_bytes().to_vec()).ok(), naive_psk, "PSK hex");
    if let Err(e) = psk {
        assert_eq!(e, Error::InvalidHex { what: "PSK" });
    }

    // The passphrase mapping is 8192 compressions: one input in eight.
    if i.op.is_multiple_of(8) {
        if let Ok(ssid) = Ssid::new(i.ssid) {
            let psk = Psk::from_passphrase(b, &ssid);
            let valid = (8..=63).contains(&b.len()) && b.iter().all(|c| (32..=126).contains(c));
            assert_eq!(psk.is_ok(), valid, "passphrase {b:?}");
            if let Ok(psk) = psk {
                let mut expected = [0u8; 32];
                pbkdf2::pbkdf2_hmac::<sha1::Sha1>(b, i.ssid, 4096, &mut expected);
                assert_eq!(psk.as_bytes(), expected);
            }
        }
    }

    let akm = Akm::ALL[usize::from(i.op) % Akm::ALL.len()];
    let cipher = Cipher::ALL[usize::from(i.op / 16) % Cipher::ALL.len()];
    let ptk = Suite::new(akm, cipher, akm.pmk_len()).and_then(|suite| Ptk::from_bytes(&suite, b));
    let row = naive::row(akm);
    let len = row.kck + row.kek + naive::tk_len(cipher);
    let kdk = b.len().checked_sub(len);
    let valid = naive::combines(akm, cipher) && matches!(kdk, Some(0 | 16..=64));
    assert_eq!(
        ptk.is_ok(),
        valid,
        "Suite::new({akm}, {cipher}, {akm}.pmk_len()).and_then(|suite| Ptk::from_bytes(&suite, {} octets))",
        b.len()
    );
    if let Ok(ptk) = ptk {
        let joined = naive::cat(&[
            ptk.kck().as_bytes(),
            ptk.kek().as_bytes(),
            ptk.tk().as_bytes(),
            ptk.kdk().map_or(&[], Kdk::as_bytes),
        ]);
        assert_eq!(joined, b);
        assert_eq!(ptk.len(), b.len());
        assert_eq!((ptk.kck().len(), ptk.kek().len()), (row.kck, row.kek));
        let shown = format!("{ptk:?}");
        naive::assert_no_key(&shown, &b[..row.kck], "Ptk Debug");
        naive::assert_no_key(&shown, &b[row.kck..row.kck + row.kek], "Ptk Debug");
        naive::assert_no_key(&shown, &b[row.kck + row.kek..], "Ptk Debug");
        match ptk.tkip_keys() {
            Some(t) => {
                assert_eq!(cipher, Cipher::Tkip);
                let tk = ptk.tk().as_bytes();
                assert_eq!(t.temporal_key(), &tk[..16]);
                assert_eq!(t.michael_authenticator_tx(), &tk[16..24]);
                assert_eq!(t.michael_authenticator_rx(), &tk[24..]);
                naive::assert_no_key(&format!("{t:?}"), tk, "TkipKeys Debug");
            }
            None => assert_ne!(cipher, Cipher::Tkip),
        }
    }
}
