//! 802.11r Fast BSS Transition: the published FT-PSK vector (iwd), a naive second transcription
//! of every FT formula cross-checked on random inputs for every FT AKM, and properties.

mod common;

use common::naive::{self, H};
use common::*;
use ieee80211_keys::ft::{
    self, Fte, FteMicInput, PmkR0, PmkR0Key, PmkR0Name, PmkR1, PmkR1Key, PmkR1Name, XxKey,
};
use ieee80211_keys::Pairwise;
use ieee80211_keys::{
    Akm, Cipher, Error, Kck, MacAddr, MobilityDomainId, Msk, Nonce, Pmk, PmkId, Psk, R0khId, Ssid,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Naive transcription of IEEE 802.11-2020 12.7.1.7 and 13.8.4: plain RustCrypto calls, concatenated
// buffers, one HMAC per KDF block, and its own per-AKM table (not the library's suite).

/// Hash, KCK and KEK lengths of an FT AKM, from the naive table (not the library's suite).
fn naive_table(akm_type: u8) -> (H, usize, usize) {
    let row = naive::row(akm(u64::from(akm_type)));
    assert!(row.ft, "not an FT AKM: {akm_type}");
    (row.hash, row.kck, row.kek)
}

fn naive_tk_len(cipher_type: u8) -> usize {
    naive::tk_len(Cipher::from_selector(&[0x00, 0x0f, 0xac, cipher_type]).unwrap())
}

/// KDF-Hash-Length of the naive transcription, with `len` octets of output.
fn naive_kdf(h: H, key: &[u8], label: &str, context: &[u8], len: usize) -> Vec<u8> {
    naive::kdf(h, key, label.as_bytes(), context, (len * 8) as u16)
}

#[derive(Debug, Clone)]
struct Inputs {
    akm_type: u8,
    cipher_type: u8,
    xxkey: Vec<u8>,
    ssid: Vec<u8>,
    mdid: [u8; 2],
    r0kh_id: Vec<u8>,
    r1kh_id: [u8; 6],
    sta: [u8; 6],
    bssid: [u8; 6],
    snonce: [u8; 32],
    anonce: [u8; 32],
}

#[derive(Debug, PartialEq)]
struct Outputs {
    pmk_r0: Vec<u8>,
    pmk_r0_name: Vec<u8>,
    pmk_r1: Vec<u8>,
    pmk_r1_name: Vec<u8>,
    kck: Vec<u8>,
    kek: Vec<u8>,
    tk: Vec<u8>,
    ptk_name: Vec<u8>,
}

fn naive_r0_context(i: &Inputs) -> Vec<u8> {
    let mut c = vec![i.ssid.len() as u8];
    c.extend_from_slice(&i.ssid);
    c.extend_from_slice(&i.mdid);
    c.push(i.r0kh_id.len() as u8);
    c.extend_from_slice(&i.r0kh_id);
    c.extend_from_slice(&i.sta);
    c
}

fn naive_chain(i: &Inputs) -> Outputs {
    let (h, kck_len, kek_len) = naive_table(i.akm_type);
    let q = naive::hash(h, b"").len();
    let r0_key_data = naive_kdf(h, &i.xxkey, "FT-R0", &naive_r0_context(i), q + 16);
    let pmk_r0 = r0_key_data[..q].to_vec();
    let salt = &r0_key_data[q..];
    let pmk_r0_name = naive::hash(h, &[b"FT-R0N".as_slice(), salt].concat())[..16].to_vec();
    let ids = [i.r1kh_id.as_slice(), &i.sta].concat();
    let pmk_r1 = naive_kdf(h, &pmk_r0, "FT-R1", &ids, q);
    let pmk_r1_name =
        naive::hash(h, &[b"FT-R1N".as_slice(), &pmk_r0_name, &ids].concat())[..16].to_vec();
    let ptk_data = [i.snonce.as_slice(), &i.anonce, &i.bssid, &i.sta].concat();
    let tk_len = naive_tk_len(i.cipher_type);
    let ptk = naive_kdf(h, &pmk_r1, "FT-PTK", &ptk_data, kck_len + kek_len + tk_len);
    let ptk_name =
        naive::hash(H::Sha256, &[pmk_r1_name.as_slice(), b"FT-PTKN", &ptk_data].concat())[..16]
            .to_vec();
    Outputs {
        pmk_r0,
        pmk_r0_name,
        pmk_r1,
        pmk_r1_name,
        kck: ptk[..kck_len].to_vec(),
        kek: ptk[kck_len..kck_len + kek_len].to_vec(),
        tk: ptk[kck_len + kek_len..].to_vec(),
        ptk_name,
    }
}

/// The same chain through the library.
fn library_chain(i: &Inputs) -> Result<(PmkR0, PmkR1, ft::FtPtk), Error> {
    let akm = akm(u64::from(i.akm_type));
    let xx = XxKey::from_bytes(&i.xxkey)?;
    let r0 = PmkR0::derive(
        akm,
        &xx,
        &Ssid::new(&i.ssid)?,
        MobilityDomainId::new(i.mdid),
        &R0khId::new(&i.r0kh_id)?,
        &MacAddr::new(i.sta),
    )?;
    let r1 = r0.derive_r1(&MacAddr::new(i.r1kh_id), &MacAddr::new(i.sta))?;
    let ptk = r1.derive_ptk(
        cipher(u64::from(i.cipher_type)),
        &Pairwise {
            aa: MacAddr::new(i.bssid),
            spa: MacAddr::new(i.sta),
            anonce: Nonce::new(i.anonce),
            snonce: Nonce::new(i.snonce),
        },
    )?;
    Ok((r0, r1, ptk))
}

fn outputs(r0: &PmkR0, r1: &PmkR1, ptk: &ft::FtPtk) -> Outputs {
    Outputs {
        pmk_r0: r0.key().as_bytes().to_vec(),
        pmk_r0_name: r0.name().as_bytes().to_vec(),
        pmk_r1: r1.key().as_bytes().to_vec(),
        pmk_r1_name: r1.name().as_bytes().to_vec(),
        kck: ptk.kck().as_bytes().to_vec(),
        kek: ptk.kek().as_bytes().to_vec(),
        tk: ptk.tk().as_bytes().to_vec(),
        ptk_name: ptk.name().as_bytes().to_vec(),
    }
}

/// The EAPOL-Key MIC of a descriptor-version-3 frame, naively: zero octets 81..97, CMAC.
fn naive_eapol_cmac(kck: &[u8], frame: &[u8]) -> Vec<u8> {
    let mut f = frame.to_vec();
    f[81..97].fill(0);
    naive::cmac(kck, &f).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The published vector.

fn published() -> (serde_json::Value, Inputs) {
    let v = vectors("ft.json", "vectors").remove(0);
    let r1kh: [u8; 6] = hx(s(&v, "r1kh_id")).try_into().unwrap();
    let i = Inputs {
        akm_type: n(&v, "akm") as u8,
        cipher_type: n(&v, "cipher") as u8,
        xxkey: hx(s(&v, "psk")),
        ssid: bytes(s(&v, "ssid")),
        mdid: hx(s(&v, "mdid")).try_into().unwrap(),
        r0kh_id: bytes(s(&v, "r0kh_id")),
        r1kh_id: r1kh,
        sta: hx(s(&v, "sta_addr")).try_into().unwrap(),
        bssid: hx(s(&v, "bssid")).try_into().unwrap(),
        snonce: hx(s(&v, "snonce")).try_into().unwrap(),
        anonce: hx(s(&v, "anonce")).try_into().unwrap(),
    };
    (v, i)
}

#[test]
fn iwd_ft_psk_published_vector() {
    let (v, _) = published();
    let akm = akm(n(&v, "akm"));
    assert_eq!(akm, Akm::FtPsk);
    // Through the typed API, from the PSK as the station and the R0KH would.
    let psk = Psk::from_hex(s(&v, "psk")).unwrap();
    let xx = XxKey::from_psk(akm, &psk).unwrap();
    let mde = hx(s(&v, "mde"));
    let mdid = MobilityDomainId::from_slice(&mde[2..4]).unwrap();
    assert_eq!(mdid.as_bytes().as_slice(), hx(s(&v, "mdid")));
    let sta = mac(s(&v, "sta_addr"));
    let r0 = PmkR0::derive(
        akm,
        &xx,
        &Ssid::new(&bytes(s(&v, "ssid"))).unwrap(),
        mdid,
        &R0khId::new(&bytes(s(&v, "r0kh_id"))).unwrap(),
        &sta,
    )
    .unwrap();
    let r1 = r0.derive_r1(&mac(s(&v, "r1kh_id")), &sta).unwrap();
    // Published: PMKR1Name.
    assert_eq!(r1.name().to_string(), s(&v, "pmk_r1_name"));
    let ptk = r1
        .derive_ptk(
            cipher(n(&v, "cipher")),
            &Pairwise {
                aa: mac(s(&v, "bssid")),
                spa: sta,
                anonce: nonce(s(&v, "anonce")),
                snonce: nonce(s(&v, "snonce")),
            },
        )
        .unwrap();

    // Published: the three EAPOL-Key MICs, keyed with the FT PTK's KCK.
    for m in v["eapol_mics"].as_array().unwrap() {
        let frame = hx(s(m, "frame"));
        let want = s(m, "mic");
        assert_eq!(hex::encode(&frame[81..97]), want, "the frame carries its published MIC");
        let got = naive_eapol_cmac(ptk.kck().as_bytes(), &frame);
        assert_eq!(hex::encode(got), want, "message {}", n(m, "message"));
    }

    // PMKR1Name is the PMKID in the RSNE of messages 2 and 3 (plaintext key data in message 2).
    let msg2 = hx(s(&v["eapol_mics"][0], "frame"));
    let key_data = &msg2[99..];
    assert_eq!(usize::from(u16::from_be_bytes([msg2[97], msg2[98]])), key_data.len());
    let mut elements = Vec::new();
    let mut rest = key_data;
    while rest.len() >= 2 {
        let (e, tail) = rest.split_at(2 + usize::from(rest[1]));
        elements.push(e);
        rest = tail;
    }
    let (rsne, mde2, fte) = (elements[0], elements[1], elements[2]);
    let pmkid = PmkId::from_slice(&rsne[rsne.len() - 16..]).unwrap();
    assert!(r1.name().matches(&pmkid));
    assert!(!r0.name().matches(&pmkid));
    assert_eq!(PmkR1Name::from(pmkid), *r1.name());
    assert_eq!(mde2, mde.as_slice());
    // The FTE of message 2 names the key holders.
    let parsed = Fte::parse(&suite_of(akm), fte).unwrap();
    assert_eq!(parsed.r1kh_id(), Some(mac(s(&v, "r1kh_id"))));
    assert_eq!(parsed.r0kh_id().unwrap().as_bytes(), bytes(s(&v, "r0kh_id")).as_slice());
    assert_eq!(parsed.mic().len(), 16);

    // Intermediate values: reproduced by an independent implementation, not published.
    let iv = &v["intermediate"];
    assert!(s(iv, "source").contains("not published"));
    assert_eq!(hex::encode(r0.key().as_bytes()), s(iv, "pmk_r0"));
    assert_eq!(r0.name().to_string(), s(iv, "pmk_r0_name"));
    assert_eq!(hex::encode(r1.key().as_bytes()), s(iv, "pmk_r1"));
    assert_eq!(hex::encode(ptk.kck().as_bytes()), s(iv, "kck"));
    assert_eq!(hex::encode(ptk.kek().as_bytes()), s(iv, "kek"));
    assert_eq!(hex::encode(ptk.tk().as_bytes()), s(iv, "tk"));
    assert_eq!(ptk.name().to_string(), s(iv, "ptk_name"));
}

#[test]
fn naive_transcription_reproduces_the_published_vector() {
    // The second transcription is itself checked against the published values before it is
    // used to cross-check the library on random inputs.
    let (v, i) = published();
    let iv = &v["intermediate"];
    assert_eq!(hex::encode(naive_r0_context(&i)), s(iv, "r0_context"));
    let o = naive_chain(&i);
    assert_eq!(hex::encode(&o.pmk_r1_name), s(&v, "pmk_r1_name"));
    let q = o.pmk_r0.len();
    let r0_key_data = naive_kdf(H::Sha256, &i.xxkey, "FT-R0", &naive_r0_context(&i), q + 16);
    assert_eq!(hex::encode(&r0_key_data[q..]), s(iv, "pmk_r0_name_salt"));
    for m in v["eapol_mics"].as_array().unwrap() {
        assert_eq!(hex::encode(naive_eapol_cmac(&o.kck, &hx(s(m, "frame")))), s(m, "mic"));
    }
    let (r0, r1, ptk) = library_chain(&i).unwrap();
    assert_eq!(outputs(&r0, &r1, &ptk), o);
}

// ---------------------------------------------------------------------------------------------
// XXKey per AKM, and errors.

#[test]
fn xxkey_from_msk_per_akm() {
    let msk_bytes: Vec<u8> = (0u8..64).collect();
    let msk = Msk::from_bytes(&msk_bytes).unwrap();
    // AKM 3: the second 256 bits; AKM 13: the first 384 bits (IEEE 802.11-2020 12.7.1.7.3).
    let x3 = XxKey::from_msk(Akm::FtIeee8021x, &msk).unwrap();
    assert_eq!(x3.as_bytes(), &msk_bytes[32..64]);
    let x13 = XxKey::from_msk(Akm::FtIeee8021xSha384, &msk).unwrap();
    assert_eq!(x13.as_bytes(), &msk_bytes[..48]);
    // The PMK of the same MSK is the first 256 bits, not the XXKey.
    let pmk = Pmk::from_msk(Akm::FtIeee8021x, &msk).unwrap();
    assert_ne!(pmk.as_bytes(), x3.as_bytes());

    let short = Msk::from_bytes(&msk_bytes[..63]).unwrap();
    assert_eq!(
        XxKey::from_msk(Akm::FtIeee8021x, &short).unwrap_err(),
        Error::MskTooShort { needed: 64, len: 63 }
    );
    let short = Msk::from_bytes(&msk_bytes[..47]).unwrap();
    assert_eq!(
        XxKey::from_msk(Akm::FtIeee8021xSha384, &short).unwrap_err(),
        Error::MskTooShort { needed: 48, len: 47 }
    );
    for a in [Akm::FtPsk, Akm::FtSae, Akm::FtPskSha384, Akm::Ieee8021x, Akm::Ieee8021xSha384] {
        assert!(matches!(XxKey::from_msk(a, &msk), Err(Error::NotForAkm { .. })), "{a}");
    }
}

#[test]
fn xxkey_from_psk_and_sae_per_akm() {
    let psk32 = Psk::from_bytes(&[7; 32]).unwrap();
    let psk48 = Psk::from_bytes(&[7; 48]).unwrap();
    assert_eq!(XxKey::from_psk(Akm::FtPsk, &psk32).unwrap().as_bytes(), &[7; 32]);
    assert!(matches!(XxKey::from_psk(Akm::FtPsk, &psk48), Err(Error::InvalidLength { .. })));
    // FT-PSK-SHA384 takes the PSK as given: 32 octets from a passphrase, or 48.
    assert_eq!(XxKey::from_psk(Akm::FtPskSha384, &psk32).unwrap().len(), 32);
    assert_eq!(XxKey::from_psk(Akm::FtPskSha384, &psk48).unwrap().len(), 48);
    for a in [Akm::FtIeee8021x, Akm::FtSae, Akm::Psk, Akm::PskSha256] {
        assert!(matches!(XxKey::from_psk(a, &psk32), Err(Error::NotForAkm { .. })), "{a}");
    }
    let pmk = Pmk::from_bytes(&[9; 32]).unwrap();
    assert_eq!(XxKey::from_sae_pmk(Akm::FtSae, &pmk).unwrap().as_bytes(), &[9; 32]);
    assert!(XxKey::from_sae_pmk(Akm::Sae, &pmk).is_err());
    assert!(XxKey::from_sae_pmk(Akm::FtPsk, &pmk).is_err());
    assert!(XxKey::from_sae_pmk(Akm::FtSae, &Pmk::from_bytes(&[9; 48]).unwrap()).is_err());
}

#[test]
fn derivation_errors() {
    let ssid = Ssid::new(b"x").unwrap();
    let mdid = MobilityDomainId::new([1, 2]);
    let r0kh = R0khId::new(b"r0").unwrap();
    let sta = MacAddr::new([2; 6]);
    let xx32 = XxKey::from_bytes(&[1; 32]).unwrap();
    let xx48 = XxKey::from_bytes(&[1; 48]).unwrap();
    for a in [Akm::Psk, Akm::Sae, Akm::SuiteB192, Akm::Cckm] {
        assert!(matches!(
            PmkR0::derive(a, &xx32, &ssid, mdid, &r0kh, &sta),
            Err(Error::NotForAkm { .. })
        ));
    }
    // An XXKey of a length the AKM does not use.
    assert!(PmkR0::derive(Akm::FtPsk, &xx48, &ssid, mdid, &r0kh, &sta).is_err());
    assert!(PmkR0::derive(Akm::FtIeee8021xSha384, &xx32, &ssid, mdid, &r0kh, &sta).is_err());
    assert!(PmkR0::derive(Akm::FtPskSha384, &xx32, &ssid, mdid, &r0kh, &sta).is_ok());
    assert!(R0khId::new(&[0; 49]).is_err() && R0khId::new(&[]).is_err());
    // TKIP does not combine with the SHA-384 FT AKM.
    let r1 = PmkR0::derive(Akm::FtIeee8021xSha384, &xx48, &ssid, mdid, &r0kh, &sta)
        .unwrap()
        .derive_r1(&sta, &sta)
        .unwrap();
    let n = Nonce::new([0; 32]);
    assert!(r1
        .derive_ptk(Cipher::Tkip, &Pairwise { aa: sta, spa: sta, anonce: n, snonce: n })
        .is_err());
    // Parts of the wrong length for the AKM.
    let k32 = PmkR1Key::from_bytes(&[0; 32]).unwrap();
    let name = PmkR1Name::new([0; 16]);
    assert!(PmkR1::from_parts(Akm::FtIeee8021xSha384, k32.clone(), name).is_err());
    assert!(PmkR1::from_parts(Akm::Psk, k32.clone(), name).is_err());
    assert!(PmkR1::from_parts(Akm::FtSae, k32, name).is_ok());
    let k48 = PmkR0Key::from_bytes(&[0; 48]).unwrap();
    assert!(PmkR0::from_parts(Akm::FtPsk, k48.clone(), PmkR0Name::new([0; 16])).is_err());
    assert!(PmkR0::from_parts(Akm::FtPskSha384, k48, PmkR0Name::new([0; 16])).is_ok());
}

#[test]
fn debug_never_shows_key_bytes() {
    let (_, i) = published();
    let (r0, r1, ptk) = library_chain(&i).unwrap();
    for (dbg, key) in [
        (format!("{r0:?}"), hex::encode(r0.key().as_bytes())),
        (format!("{r1:?}"), hex::encode(r1.key().as_bytes())),
        (format!("{ptk:?}"), hex::encode(ptk.kck().as_bytes())),
    ] {
        assert!(!dbg.contains(&key[..8]), "{dbg}");
        assert!(dbg.contains("redacted"), "{dbg}");
    }
    assert!(format!("{r1:?}").contains(&r1.name().to_string()));
}

// ---------------------------------------------------------------------------------------------
// Random inputs.

const FT_AKMS: [u8; 5] = [3, 4, 9, 13, 19];

fn inputs() -> impl Strategy<Value = Inputs> {
    (
        prop::sample::select(FT_AKMS.to_vec()),
        prop::sample::select(vec![2u8, 4, 8, 9, 10]),
        prop::collection::vec(any::<u8>(), 48),
        prop::collection::vec(any::<u8>(), 0..=32),
        any::<[u8; 2]>(),
        prop::collection::vec(any::<u8>(), 1..=48),
        any::<[u8; 6]>(),
        any::<[u8; 6]>(),
        any::<[u8; 6]>(),
        any::<[u8; 32]>(),
        any::<[u8; 32]>(),
        any::<bool>(),
    )
        .prop_map(|(a, c, mut xx, ssid, mdid, r0kh, r1kh, sta, bssid, sn, an, short_psk)| {
            // The XXKey length the AKM uses (AKM 19 also takes a 32-octet PSK).
            let xx_len = match a {
                13 => 48,
                19 if !short_psk => 48,
                _ => 32,
            };
            xx.truncate(xx_len);
            // TKIP only with the pre-PMF FT AKMs 3 and 4.
            let c = if c == 2 && !matches!(a, 3 | 4) { 4 } else { c };
            Inputs {
                akm_type: a,
                cipher_type: c,
                xxkey: xx,
                ssid,
                mdid,
                r0kh_id: r0kh,
                r1kh_id: r1kh,
                sta,
                bssid,
                snonce: sn,
                anonce: an,
            }
        })
}

/// Flips bit `bit` of input number `which` (0 xxkey, 1 ssid, 2 mdid, 3 r0kh, 4 r1kh, 5 sta,
/// 6 bssid, 7 snonce, 8 anonce). Returns false if that input is empty.
fn flip(i: &mut Inputs, which: usize, bit: usize) -> bool {
    let field: &mut [u8] = match which {
        0 => &mut i.xxkey,
        1 => &mut i.ssid,
        2 => &mut i.mdid,
        3 => &mut i.r0kh_id,
        4 => &mut i.r1kh_id,
        5 => &mut i.sta,
        6 => &mut i.bssid,
        7 => &mut i.snonce,
        _ => &mut i.anonce,
    };
    if field.is_empty() {
        return false;
    }
    let bit = bit % (field.len() * 8);
    field[bit / 8] ^= 0x80 >> (bit % 8);
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// The library agrees with the naive transcription for every FT AKM and cipher, and the
    /// lengths follow the AKM: Q = 32/48, KCK 16/24, KEK 16/32.
    #[test]
    fn library_matches_naive_transcription(i in inputs()) {
        let (r0, r1, ptk) = library_chain(&i).unwrap();
        let o = outputs(&r0, &r1, &ptk);
        prop_assert_eq!(&o, &naive_chain(&i));
        let sha384 = matches!(i.akm_type, 13 | 19);
        prop_assert_eq!(o.pmk_r0.len(), if sha384 { 48 } else { 32 });
        prop_assert_eq!(o.pmk_r1.len(), o.pmk_r0.len());
        prop_assert_eq!(o.kck.len(), if sha384 { 24 } else { 16 });
        prop_assert_eq!(o.kek.len(), if sha384 { 32 } else { 16 });
        prop_assert_eq!(ptk.ptk().akm(), akm(u64::from(i.akm_type)));
    }

    /// Every key holder gets the same keys: the station derives all of it; the R1KH receives
    /// PMK-R1 and PMKR1Name from the R0KH and derives the same PTK and PTKName.
    #[test]
    fn key_holders_agree(i in inputs()) {
        let (_, r1_sta, ptk_sta) = library_chain(&i).unwrap();
        let (_, r1_r0kh, _) = library_chain(&i).unwrap();
        let sent = (r1_r0kh.key().as_bytes().to_vec(), *r1_r0kh.name());
        let at_r1kh = PmkR1::from_parts(
            r1_r0kh.akm(),
            PmkR1Key::from_bytes(&sent.0).unwrap(),
            sent.1,
        ).unwrap();
        let ptk_ap = at_r1kh.derive_ptk(cipher(u64::from(i.cipher_type)), &Pairwise { aa: MacAddr::new(i.bssid), spa: MacAddr::new(i.sta), anonce: Nonce::new(i.anonce), snonce: Nonce::new(i.snonce) }).unwrap();
        prop_assert!(bool::from(subtle::ConstantTimeEq::ct_eq(r1_sta.key(), at_r1kh.key())));
        prop_assert_eq!(ptk_sta.name(), ptk_ap.name());
        prop_assert_eq!(ptk_sta.kck().as_bytes(), ptk_ap.kck().as_bytes());
        prop_assert_eq!(ptk_sta.tk().as_bytes(), ptk_ap.tk().as_bytes());
        // The name round-trips through the RSNE's PMKID list.
        let pmkid = PmkId::from(*r1_sta.name());
        prop_assert!(at_r1kh.name().matches(&pmkid));
    }

    /// Distinct R1KH-IDs give distinct PMK-R1s and PMKR1Names from one PMK-R0.
    #[test]
    fn distinct_r1_key_holders(i in inputs(), other in any::<[u8; 6]>()) {
        prop_assume!(other != i.r1kh_id);
        let (r0, r1, _) = library_chain(&i).unwrap();
        let r1b = r0.derive_r1(&MacAddr::new(other), &MacAddr::new(i.sta)).unwrap();
        prop_assert_ne!(r1.key().as_bytes(), r1b.key().as_bytes());
        prop_assert_ne!(r1.name(), r1b.name());
        prop_assert!(!r1b.name().matches(&PmkId::from(*r1.name())));
    }

    /// A one-bit change in any input changes every output that depends on it, and only those.
    #[test]
    fn one_bit_changes_the_outputs(i in inputs(), which in 0usize..9, bit in any::<usize>()) {
        let mut j = i.clone();
        prop_assume!(flip(&mut j, which, bit));
        let a = outputs_of(&i);
        let b = outputs_of(&j);
        // PTK-level inputs (BSSID, SNonce, ANonce) leave the R0 and R1 levels alone.
        let level = match which { 0..=3 => 0, 4 | 5 => 1, 6..=8 => 2, _ => unreachable!() };
        let sta = which == 5;
        prop_assert_eq!(a.pmk_r0 == b.pmk_r0, level > 0 && !sta);
        prop_assert_eq!(a.pmk_r0_name == b.pmk_r0_name, level > 0 && !sta);
        prop_assert_eq!(a.pmk_r1 == b.pmk_r1, level > 1);
        prop_assert_eq!(a.pmk_r1_name == b.pmk_r1_name, level > 1);
        prop_assert_ne!(&a.kck, &b.kck);
        prop_assert_ne!(&a.tk, &b.tk);
        prop_assert_ne!(&a.ptk_name, &b.ptk_name);
    }
}

fn outputs_of(i: &Inputs) -> Outputs {
    let (r0, r1, ptk) = library_chain(i).unwrap();
    outputs(&r0, &r1, &ptk)
}

// ---------------------------------------------------------------------------------------------
// FTE MIC.

#[derive(Debug, Clone)]
struct MicCase {
    akm_type: u8,
    kck: Vec<u8>,
    sta: MacAddr,
    bssid: MacAddr,
    seq: u8,
    rsne: Vec<u8>,
    mde: Vec<u8>,
    fte: Vec<u8>,
    ric: Option<Vec<u8>>,
    rsnxe: Option<Vec<u8>>,
}

fn element(id: u8, body: &[u8]) -> Vec<u8> {
    [&[id, body.len() as u8], body].concat()
}

fn mic_cases() -> impl Strategy<Value = MicCase> {
    (
        prop::sample::select(FT_AKMS.to_vec()),
        prop::collection::vec(any::<u8>(), 24),
        (any::<[u8; 6]>(), any::<[u8; 6]>(), prop::sample::select(vec![5u8, 6])),
        prop::collection::vec(any::<u8>(), 2..=60),
        any::<[u8; 3]>(),
        (any::<[u8; 2]>(), prop::collection::vec(any::<u8>(), 24), any::<[u8; 64]>()),
        (any::<[u8; 6]>(), prop::collection::vec(any::<u8>(), 1..=48)),
        prop::option::of(prop::collection::vec(prop::collection::vec(any::<u8>(), 0..=8), 1..=3)),
        prop::option::of(prop::collection::vec(any::<u8>(), 1..=4)),
    )
        .prop_map(|(a, mut kck, (sta, bssid, seq), rsne, mde, fixed, ids, ric, rsnxe)| {
            let (mut mic_control, mut mic, nonces) = fixed;
            let mic_len = if matches!(a, 13 | 19) { 24 } else { 16 };
            // MIC Control's MIC Length subfield (bits 1 to 3) agrees with the AKM: 0 for 16
            // octets; 1 for 24, or 0 as senders from before the subfield write it (chosen by
            // the random bit 4).
            let legacy = mic_control[0] & 0x10 != 0;
            let subfield = if mic_len == 24 && !legacy { 1 } else { 0 };
            mic_control[0] = (mic_control[0] & !0b1110) | (subfield << 1);
            kck.truncate(mic_len);
            mic.truncate(mic_len);
            let subs = [element(1, &ids.0), element(3, &ids.1)].concat();
            let fte = element(55, &[&mic_control[..], &mic, &nonces, &subs].concat());
            MicCase {
                akm_type: a,
                kck,
                sta: MacAddr::new(sta),
                bssid: MacAddr::new(bssid),
                seq,
                rsne: element(48, &rsne),
                mde: element(54, &mde),
                fte,
                ric: ric.map(|es| es.iter().flat_map(|e| element(57, e)).collect()),
                rsnxe: rsnxe.map(|b| element(244, &b)),
            }
        })
}

impl MicCase {
    fn input(&self) -> FteMicInput<'_> {
        FteMicInput {
            sta_addr: &self.sta,
            bssid: &self.bssid,
            transaction_seq: self.seq,
            rsne: &self.rsne,
            mde: &self.mde,
            fte: &self.fte,
            ric: self.ric.as_deref(),
            rsnxe: self.rsnxe.as_deref(),
        }
    }

    fn akm(&self) -> Akm {
        akm(u64::from(self.akm_type))
    }

    fn kck(&self) -> Kck {
        Kck::from_bytes(&self.kck).unwrap()
    }

    /// The FTE MIC, naively: concatenate, zero the MIC field in a copy of the FTE, MAC, truncate.
    fn naive(&self) -> Vec<u8> {
        let (h, _, _) = naive_table(self.akm_type);
        let (alg, mic_len) = match h {
            H::Sha384 => (naive::MacAlg::Hmac(H::Sha384, 24), 24),
            _ => (naive::MacAlg::Cmac, 16),
        };
        let mut fte = self.fte.clone();
        fte[4..4 + mic_len].fill(0);
        let data = [
            self.sta.as_bytes().as_slice(),
            self.bssid.as_bytes(),
            &[self.seq],
            &self.rsne,
            &self.mde,
            &fte,
            self.ric.as_deref().unwrap_or_default(),
            self.rsnxe.as_deref().unwrap_or_default(),
        ]
        .concat();
        naive::mac(alg, &self.kck, &data).unwrap()
    }

    /// Computes the MIC and writes it into the FTE, as a sender does.
    fn sign(&mut self) {
        let mic = ft::fte_mic(&suite_of(self.akm()), &self.kck(), &self.input()).unwrap();
        let (akm, mut fte) = (self.akm(), self.fte.clone());
        ft::write_fte_mic(&suite_of(akm), &mut fte, &mic).unwrap();
        self.fte = fte;
    }

    /// XORs `x` into octet `k` of the covered input, taken as one list (addresses, sequence
    /// number, RSNE, MDE, FTE, RIC, RSNXE).
    fn tamper(&mut self, k: usize, x: u8) {
        let (mut sta, mut bssid) = (*self.sta.as_bytes(), *self.bssid.as_bytes());
        if let Some(o) = self.octet(&mut sta, &mut bssid, k) {
            *o ^= x;
        }
        (self.sta, self.bssid) = (MacAddr::new(sta), MacAddr::new(bssid));
    }

    fn covered_len(&self) -> usize {
        6 + 6
            + 1
            + self.rsne.len()
            + self.mde.len()
            + self.fte.len()
            + self.ric.as_ref().map_or(0, Vec::len)
            + self.rsnxe.as_ref().map_or(0, Vec::len)
    }

    fn octet<'a>(
        &'a mut self,
        sta: &'a mut [u8; 6],
        bssid: &'a mut [u8; 6],
        mut k: usize,
    ) -> Option<&'a mut u8> {
        let mut fields: Vec<&mut [u8]> = vec![
            sta,
            bssid,
            std::slice::from_mut(&mut self.seq),
            &mut self.rsne,
            &mut self.mde,
            &mut self.fte,
        ];
        if let Some(r) = self.ric.as_mut() {
            fields.push(r);
        }
        if let Some(r) = self.rsnxe.as_mut() {
            fields.push(r);
        }
        for f in fields {
            if k < f.len() {
                return Some(&mut f[k]);
            }
            k -= f.len();
        }
        None
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The library's FTE MIC equals the naive one, is written where the FTE's MIC field is,
    /// and verifies; the MIC field's content does not enter the computation.
    #[test]
    fn fte_mic_matches_naive_and_verifies(mut c in mic_cases()) {
        let akm = c.akm();
        let mic = ft::fte_mic(&suite_of(akm), &c.kck(), &c.input()).unwrap();
        let naive = c.naive();
        prop_assert_eq!(mic.as_bytes(), naive.as_slice());
        prop_assert_eq!(mic.len(), if matches!(c.akm_type, 13 | 19) { 24 } else { 16 });
        // The random MIC field does not verify (a chance of 2^-128 that it does).
        prop_assert_eq!(ft::verify_fte_mic(&suite_of(akm), &c.kck(), &c.input()), Err(Error::MicMismatch));
        c.sign();
        prop_assert_eq!(&c.fte[4..4 + mic.len()], mic.as_bytes());
        prop_assert_eq!(Fte::parse(&suite_of(akm), &c.fte).unwrap().mic(), mic.as_bytes());
        prop_assert!(ft::verify_fte_mic(&suite_of(akm), &c.kck(), &c.input()).is_ok());
        // Recomputed over the signed FTE: the MIC field is taken as zero.
        prop_assert_eq!(ft::fte_mic(&suite_of(akm), &c.kck(), &c.input()).unwrap(), mic);
    }

    /// Changing any covered octet, the transaction sequence, or the KCK fails verification.
    #[test]
    fn fte_mic_tampering_fails(mut c in mic_cases(), k in any::<usize>(), x in 1u8..=255) {
        c.sign();
        let mut t = c.clone();
        t.tamper(k % c.covered_len(), x);
        prop_assert!(ft::verify_fte_mic(&suite_of(t.akm()), &t.kck(), &t.input()).is_err());
        let mut t = c.clone();
        let at = k % t.kck.len();
        t.kck[at] ^= x;
        prop_assert_eq!(ft::verify_fte_mic(&suite_of(t.akm()), &t.kck(), &t.input()), Err(Error::MicMismatch));
        // Dropping an optional element, or adding one, fails too.
        let mut t = c.clone();
        t.rsnxe = match t.rsnxe { Some(_) => None, None => Some(element(244, &[1])) };
        prop_assert_eq!(ft::verify_fte_mic(&suite_of(t.akm()), &t.kck(), &t.input()), Err(Error::MicMismatch));
    }

    /// Random bytes in place of any element, or a truncated element, give errors, never panics.
    #[test]
    fn malformed_elements_are_errors(
        c in mic_cases(),
        junk in prop::collection::vec(any::<u8>(), 0..300),
        which in 0usize..5,
        cut in any::<usize>(),
    ) {
        let akm = c.akm();
        let _ = Fte::parse(&suite_of(akm), &junk);
        let mut t = c.clone();
        match which {
            0 => t.rsne = junk.clone(),
            1 => t.mde = junk.clone(),
            2 => t.fte = junk.clone(),
            3 => t.ric = Some(junk.clone()),
            _ => t.rsnxe = Some(junk.clone()),
        }
        let _ = ft::fte_mic(&suite_of(akm), &t.kck(), &t.input());
        let _ = ft::verify_fte_mic(&suite_of(akm), &t.kck(), &t.input());
        let mut buf = junk.clone();
        let zero = ieee80211_keys::Mic::from_slice(&[0; 16]).unwrap();
        let _ = ft::write_fte_mic(&suite_of(akm), &mut buf, &zero);
        // A strict prefix of a well-formed element is malformed.
        let mut t = c.clone();
        let field = match which {
            0 => &mut t.rsne,
            1 => &mut t.mde,
            2 => &mut t.fte,
            // One element: a prefix of several could end on an element boundary.
            3 => t.ric.insert(element(57, &[1, 2])),
            _ => t.rsnxe.get_or_insert_with(|| element(244, &[1])),
        };
        field.truncate(cut % field.len());
        let r = ft::fte_mic(&suite_of(akm), &t.kck(), &t.input());
        prop_assert!(matches!(r, Err(Error::MalformedElement { .. })), "{:?}", r);
        prop_assert!(Fte::parse(&suite_of(akm), &c.fte[..cut % c.fte.len()]).is_err());
    }
}

#[test]
fn fte_mic_argument_errors() {
    // An AKM 4 FTE: MIC Control with Element Count 3, a 16-octet MIC field, nonces, R1KH-ID.
    let body = [&[0u8, 3][..], &[0; 16], &[0x11; 64], &element(1, &[2; 6])].concat();
    let c = MicCase {
        akm_type: 4,
        kck: vec![0x42; 16],
        sta: MacAddr::new([2, 0, 0, 0, 2, 0]),
        bssid: MacAddr::new([2, 0, 0, 0, 0, 0]),
        seq: ft::TRANSACTION_SEQ_REASSOC_REQUEST,
        rsne: element(48, &[1, 0]),
        mde: element(54, &[0x12, 0x34, 1]),
        fte: element(55, &body),
        ric: None,
        rsnxe: None,
    };
    let input = c.input();
    assert!(ft::fte_mic(&suite_of(Akm::FtPsk), &c.kck(), &input).is_ok());
    // Not an FT AKM.
    assert!(matches!(
        ft::fte_mic(&suite_of(Akm::Psk), &c.kck(), &input),
        Err(Error::NotForAkm { .. })
    ));
    // A 24-octet KCK with a CMAC AKM, a 16-octet KCK with a SHA-384 AKM.
    let k24 = Kck::from_bytes(&[1; 24]).unwrap();
    assert!(matches!(
        ft::fte_mic(&suite_of(Akm::FtPsk), &k24, &input),
        Err(Error::InvalidLength { .. })
    ));
    assert!(ft::fte_mic(&suite_of(Akm::FtPskSha384), &c.kck(), &input).is_err());
    // Without subelements, the same FTE read with a 24-octet MIC field is too short.
    let bare = element(55, &body[..82]);
    assert!(Fte::parse(&suite_of(Akm::FtPsk), &bare).is_ok());
    assert!(matches!(
        Fte::parse(&suite_of(Akm::FtPskSha384), &bare),
        Err(Error::MalformedElement { .. })
    ));
    // Bad subelements.
    let bad_r1kh = element(55, &[&body[..82], &element(1, &[2; 5])].concat());
    assert!(Fte::parse(&suite_of(Akm::FtPsk), &bad_r1kh).is_err());
    let bad_r0kh = element(55, &[&body[..82], &element(3, &[])].concat());
    assert!(Fte::parse(&suite_of(Akm::FtPsk), &bad_r0kh).is_err());
    let overrun = element(55, &[&body[..82], &[3, 9, 1]].concat());
    assert!(Fte::parse(&suite_of(Akm::FtPsk), &overrun).is_err());
    let fte = Fte::parse(&suite_of(Akm::FtPsk), &c.fte).unwrap();
    assert_eq!(fte.element_count(), 3);
    assert_eq!(fte.anonce(), &Nonce::new([0x11; 32]));
    assert_eq!(fte.r1kh_id(), Some(MacAddr::new([2; 6])));
    assert_eq!(fte.r0kh_id(), None);
    // Writing a MIC of the wrong length.
    let mut fte_buf = c.fte.clone();
    let m24 = ieee80211_keys::Mic::from_slice(&[0; 24]).unwrap();
    assert!(ft::write_fte_mic(&suite_of(Akm::FtPsk), &mut fte_buf, &m24).is_err());
    // An MDE whose body is not 3 octets, an empty RIC.
    let mut t = c.clone();
    t.mde = element(54, &[1, 2]);
    assert!(ft::fte_mic(&suite_of(Akm::FtPsk), &t.kck(), &t.input()).is_err());
    let mut t = c.clone();
    t.ric = Some(Vec::new());
    assert!(ft::fte_mic(&suite_of(Akm::FtPsk), &t.kck(), &t.input()).is_err());
    // Element IDs.
    let mut t = c.clone();
    t.rsne[0] = 221;
    assert!(ft::fte_mic(&suite_of(Akm::FtPsk), &t.kck(), &t.input()).is_err());
}

#[test]
fn suite_answers_for_ft() {
    use ieee80211_keys::suite::MicAlgorithm;
    for a in Akm::ALL {
        // FT-SAE-EXT-KEY (25) has its own tests (tests/suite_ext_key.rs).
        let ft = FT_AKMS.iter().any(|&t| akm(u64::from(t)) == a) || a == Akm::FtSaeExtKey;
        assert_eq!(a.is_ft(), ft, "{a}");
        assert_eq!(a.xxkey_lengths().is_empty(), !ft, "{a}");
        assert_eq!(a.fte_mic_algorithm().is_ok(), ft, "{a}");
        if let Ok(alg) = a.fte_mic_algorithm() {
            // IEEE 802.11-2020 13.8.4 and Table 12-10: the FTE MIC is as long as the KCK that keys
            // it.
            assert_eq!(alg.mic_len(), a.kck_len(), "{a}");
        }
    }
    assert_eq!(Akm::FtSae.fte_mic_algorithm(), Ok(MicAlgorithm::AesCmac));
    assert_eq!(Akm::FtIeee8021xSha384.fte_mic_algorithm(), Ok(MicAlgorithm::HmacSha384_192));
    assert_eq!(Akm::FtPskSha384.fte_mic_algorithm(), Ok(MicAlgorithm::HmacSha384_192));
    assert_eq!(Akm::FtIeee8021x.xxkey_from_msk(), Some((32, 32)));
    assert_eq!(Akm::FtIeee8021xSha384.xxkey_from_msk(), Some((0, 48)));
    assert_eq!(Akm::FtPsk.xxkey_from_msk(), None);
    assert_eq!(Akm::FtPskSha384.xxkey_lengths(), &[32, 48]);
    assert_eq!(Akm::FtIeee8021xSha384.xxkey_lengths(), &[48]);
    assert_eq!(Akm::FtSae.xxkey_lengths(), &[32]);
}

/// A received FTE's MIC Length subfield (MIC Control bits 1 to 3) must agree with the suite's
/// FTE MIC length, for every FT suite and every value of the subfield; the AKMs whose length is
/// fixed also take 0 (senders from before the subfield). The builder writes the suite's value.
#[test]
fn the_mic_length_subfield_agrees_with_the_suite() {
    let ft_suites = ieee80211_keys::Akm::ALL.into_iter().filter(|a| a.is_ft()).flat_map(|akm| {
        [32, 48, 64]
            .into_iter()
            .filter_map(move |pmk| ieee80211_keys::Suite::new(akm, Cipher::Ccmp128, pmk).ok())
    });
    let mut checked = 0;
    for suite in ft_suites {
        let mic_len = suite.fte_mic().unwrap().mic_len();
        let own = match mic_len {
            16 => 0,
            24 => 1,
            32 => 2,
            _ => unreachable!(),
        };
        let fixed = suite.akm() != ieee80211_keys::Akm::FtSaeExtKey;
        let nonce = Nonce::new([7; 32]);
        let mut built = [0u8; 255];
        let n = ieee80211_keys::ft_elements::FteBuilder::new(&suite, &nonce, &nonce)
            .unwrap()
            .write(&mut built)
            .unwrap();
        assert_eq!((built[2] >> 1) & 7, own, "{suite}: the builder states the MIC length");
        for subfield in 0u8..8 {
            let mut fte = built[..n].to_vec();
            // Bit 0 (RSNXE Used) and bits 4 to 7 set: only bits 1 to 3 are read here.
            fte[2] = 0xf1 | (subfield << 1);
            let parsed = Fte::parse(&suite, &fte);
            if subfield == own || (subfield == 0 && fixed) {
                assert_eq!(parsed.unwrap().mic().len(), mic_len, "{suite}, subfield {subfield}");
            } else {
                let e = parsed.unwrap_err();
                assert!(
                    matches!(e, Error::MalformedElement { reason } if reason.starts_with("FTE: the MIC Length subfield")),
                    "{suite}, subfield {subfield}: {e:?}"
                );
            }
            checked += 1;
        }
    }
    // FT AKMs 3, 4, 9, 13 with their PMK lengths, 19 with 48 and 64, 25 with 32, 48 and 64.
    assert!(checked >= 8 * 8, "{checked} cases");
}

/// `FteMicInput::from_elements` finds RSNE, MDE, FTE and an RSNXE in a frame's elements, in
/// any order among others, and the MIC over it is the one over the elements given one by one.
#[test]
fn mic_input_from_a_frames_elements() {
    let suite = suite_of(ieee80211_keys::Akm::FtPsk);
    let kck = ieee80211_keys::Kck::from_bytes(&[9; 16]).unwrap();
    let (sta, ap) = (MacAddr::new([2, 0, 0, 0, 0, 1]), MacAddr::new([2, 0, 0, 0, 0, 2]));
    let rsne = [48u8, 2, 1, 0];
    let mde = [54u8, 3, 0x12, 0x34, 0];
    let mut fte = vec![55u8, 82, 0, 4];
    fte.extend([0; 16 + 64]);
    let rsnxe = [244u8, 1, 0x20];
    let ies =
        [&[0u8, 2, b'a', b'p'][..], &rsnxe, &rsne, &[221, 3, 0, 0x50, 0xf2], &mde, &fte].concat();
    let found = FteMicInput::from_elements(&sta, &ap, 5, &ies).unwrap();
    assert_eq!(
        (found.rsne, found.mde, found.fte, found.rsnxe),
        (&rsne[..], &mde[..], &fte[..], Some(&rsnxe[..]))
    );
    // The elements given one by one (addresses, sequence number and no RIC as found).
    let given = FteMicInput { rsne: &rsne, mde: &mde, fte: &fte, rsnxe: Some(&rsnxe), ..found };
    assert_eq!(
        ft::fte_mic(&suite, &kck, &found).unwrap(),
        ft::fte_mic(&suite, &kck, &given).unwrap()
    );
    // Without an FTE there is nothing to compute over; the error names it.
    let without = [&rsne[..], &mde].concat();
    assert_eq!(
        FteMicInput::from_elements(&sta, &ap, 5, &without).unwrap_err(),
        Error::MalformedElement { reason: "FTE: missing from the FT frame" }
    );
}
