//! EAPOL-Key frames: the published handshakes of `test-vectors/eapol.json`, tampering, malformed
//! frames and Key Data, and property tests against a naive second transcription.

mod common;

use common::*;
use ieee80211_keys::eapol::{
    self, find_gtk, find_igtk, DescriptorType, EapolKeyFrame, Kdes, KeyDataItem, KeyInfo,
    MIC_OFFSET,
};
use ieee80211_keys::{Akm, Cipher, Error, Kck, Kek, Pairwise, Pmk, Psk, Ptk, Ssid, Suite};
use proptest::prelude::*;
use serde_json::Value;

/// The KCK and KEK of a handshake vector: from the passphrase or PSK through the PTK, or given.
fn handshake_keys(h: &Value) -> (Kck, Kek) {
    let (akm, cipher) = (akm(n(h, "akm")), cipher(n(h, "cipher")));
    if h["kck"].is_string() {
        return (
            Kck::from_bytes(&hx(s(h, "kck"))).unwrap(),
            Kek::from_bytes(&hx(s(h, "kek"))).unwrap(),
        );
    }
    let psk = match h["passphrase"].as_str() {
        Some(pass) => {
            let ssid = Ssid::new(&bytes(s(h, "ssid"))).unwrap();
            let psk = Psk::from_passphrase(pass, &ssid).unwrap();
            assert_eq!(hex::encode(psk.as_bytes()), s(h, "psk"), "{}", s(h, "name"));
            psk
        }
        None => Psk::from_hex(s(h, "psk")).unwrap(),
    };
    let ptk = Suite::new(akm, cipher, Pmk::len(&Pmk::from_psk(&psk)))
        .and_then(|suite| {
            Ptk::derive(
                &Pmk::from_psk(&psk),
                &suite,
                &Pairwise {
                    aa: mac(s(h, "aa")),
                    spa: mac(s(h, "spa")),
                    anonce: nonce(s(h, "anonce")),
                    snonce: nonce(s(h, "snonce")),
                },
            )
        })
        .unwrap();
    (ptk.kck().clone(), ptk.kek().clone())
}

#[test]
fn single_frame_mic_vectors() {
    let mut checked = 0;
    for v in vectors("eapol.json", "single_frame_mics") {
        // The HMAC-MD5 vector is over a frame whose version bits say 2: see src/eapol.rs tests.
        if s(&v, "algorithm") != "hmac-sha1" {
            continue;
        }
        let kck = Kck::from_bytes(&hx(s(&v, "kck"))).unwrap();
        let frame = bytes(s(&v, "frame"));
        let mic = eapol::compute_mic(&suite_of(akm(n(&v, "akm"))), &kck, &frame).unwrap();
        assert_eq!(hex::encode(mic.as_bytes()), s(&v, "mic"), "{}", s(&v, "name"));
        checked += 1;
    }
    assert_eq!(checked, 1);
}

#[test]
fn published_handshakes() {
    let mut mics = 0;
    let mut key_datas = 0;
    for h in vectors("eapol.json", "handshakes") {
        let akm = akm(n(&h, "akm"));
        let (kck, kek) = handshake_keys(&h);
        for f in h["frames"].as_array().unwrap() {
            let name = format!("{} {}", s(&h, "name"), s(f, "name"));
            let frame = bytes(s(f, "frame"));
            let view = EapolKeyFrame::parse(&suite_of(akm), &frame).unwrap();
            assert_eq!(view.descriptor_type(), DescriptorType::Rsn, "{name}");
            let info = view.key_info();
            assert_eq!(format!("{:04x}", info.bits()), s(f, "key_info"), "{name}");
            assert_eq!(u64::from(info.descriptor_version()), n(f, "descriptor_version"), "{name}");
            assert_eq!(view.replay_counter(), n(f, "replay_counter"), "{name}");
            assert_eq!(view.key_data().len() as u64, n(f, "key_data_len"), "{name}");
            assert_eq!(view.as_bytes(), &frame[..], "{name}");
            if let Some(iv) = f["iv"].as_str() {
                assert_eq!(hex::encode(view.iv()), iv, "{name}");
            }

            let Some(want) = f["mic"].as_str() else {
                assert!(!info.mic(), "{name}: a frame without a published MIC has the MIC bit");
                continue;
            };
            assert!(info.mic(), "{name}");
            assert_eq!(hex::encode(view.mic().as_bytes()), want, "{name}");
            let mic = eapol::compute_mic(&suite_of(akm), &kck, &frame).unwrap();
            assert_eq!(hex::encode(mic.as_bytes()), want, "{name}");
            assert_eq!(eapol::verify_mic(&suite_of(akm), &kck, &frame), Ok(()), "{name}");
            // write_mic into the frame with its MIC field cleared restores the published frame.
            let mut rebuilt = frame.clone();
            rebuilt[MIC_OFFSET..MIC_OFFSET + 16].fill(0);
            eapol::write_mic(&suite_of(akm), &kck, &mut rebuilt).unwrap();
            assert_eq!(rebuilt, frame, "{name}");
            // Tampering any single octet, MIC included, fails verification.
            for i in 0..frame.len() {
                let mut bad = frame.clone();
                bad[i] ^= 0x01;
                assert!(
                    eapol::verify_mic(&suite_of(akm), &kck, &bad).is_err(),
                    "{name}: octet {i}"
                );
            }
            mics += 1;

            if let Some(kd) = f.get("key_data") {
                check_key_data(&name, akm, &view, &kek, kd);
                key_datas += 1;
            }
        }
    }
    assert_eq!((mics, key_datas), (14, 4));
}

fn check_key_data(name: &str, akm: Akm, view: &EapolKeyFrame<'_>, kek: &Kek, kd: &Value) {
    assert!(view.key_info().encrypted_key_data(), "{name}");
    let mut buf = [0u8; 512];
    let plain = view.unwrap_key_data(&suite_of(akm), kek, &mut buf).unwrap().to_vec();
    assert_eq!(plain.len() as u64, n(kd, "plaintext_len"), "{name}");
    let items: Vec<_> = Kdes::new(&plain).collect::<Result<_, _>>().unwrap();
    assert_eq!(items.len() as u64, n(kd, "items"), "{name}: {items:?}");
    let gtk = find_gtk(&plain).unwrap();
    assert_eq!(gtk.is_some(), kd["gtk_kde"].as_bool().unwrap(), "{name}");
    if let (Some(gtk), Some(len)) = (gtk, kd["gtk_len"].as_u64()) {
        assert_eq!(gtk.gtk_bytes().len() as u64, len, "{name}");
        assert_eq!(gtk.gtk().unwrap().len() as u64, len, "{name}");
    }
    let igtk = find_igtk(&plain).unwrap();
    assert_eq!(igtk.is_some(), kd["igtk_kde"].as_bool().unwrap(), "{name}");
    if let Some(igtk) = igtk {
        assert!(matches!(igtk.key_id(), 4 | 5), "{name}: IGTK key ID {}", igtk.key_id());
        assert_eq!(igtk.igtk().unwrap().len(), igtk.igtk_bytes().len());
    }

    // Encrypting the plaintext again under the same KEK (and IV) gives the published Key Data.
    let version = view.key_info().descriptor_version();
    let mut again = [0u8; 512];
    let ct =
        eapol::wrap_key_data(&suite_of(akm), version, &view.iv(), kek, &plain, &mut again).unwrap();
    assert_eq!(ct, view.key_data(), "{name}");

    let mut out = [0u8; 512];
    if akm.key_wrap(version).unwrap() == ieee80211_keys::suite::KeyWrap::AesKeyWrap {
        // Integrity: any changed octet or another KEK fails the unwrap.
        for i in 0..view.key_data().len() {
            let mut bad = view.key_data().to_vec();
            bad[i] ^= 0x80;
            let r =
                eapol::unwrap_key_data(&suite_of(akm), version, &view.iv(), kek, &bad, &mut out);
            assert_eq!(r, Err(Error::UnwrapFailed), "{name}: octet {i}");
        }
        let other = Kek::from_bytes(&[0x5a; 16]).unwrap();
        let r = view.unwrap_key_data(&suite_of(akm), &other, &mut out);
        assert_eq!(r, Err(Error::UnwrapFailed), "{name}");
        assert!(out.iter().all(|&b| b == 0), "{name}: a failed unwrap leaves its output zeroed");
    }
}

#[test]
fn rfc3394_vectors_through_the_key_data_api() {
    let mut checked = 0;
    for v in vectors("eapol.json", "aes_key_wrap") {
        let name = s(&v, "name");
        let (kek, data, want) = (hx(s(&v, "kek")), hx(s(&v, "data")), hx(s(&v, "ciphertext")));
        let Ok(kek) = Kek::from_bytes(&kek) else {
            // 802.11 KEKs have 16 or 32 octets; the 192-bit RFC KEKs are refused.
            assert_eq!(kek.len(), 24, "{name}");
            continue;
        };
        // An AKM whose KEK has this length, with its AES key wrap descriptor version.
        let akm = Akm::ALL.into_iter().find(|a| a.kek_len() == kek.len()).unwrap();
        let version = akm.descriptor_version(Cipher::Ccmp128);
        let mut out = [0u8; 64];
        let ct =
            eapol::wrap_key_data(&suite_of(akm), version, &[0; 16], &kek, &data, &mut out).unwrap();
        assert_eq!(hex::encode(ct), hex::encode(&want), "{name}");
        let mut pt = [0u8; 64];
        let got = eapol::unwrap_key_data(&suite_of(akm), version, &[0; 16], &kek, &want, &mut pt)
            .unwrap();
        assert_eq!(got, &data[..], "{name}");
        checked += 1;
    }
    assert_eq!(checked, 4);
}

/// The iwd §8 msg 2/4 frame.
fn msg2() -> Vec<u8> {
    let h = &vectors("eapol.json", "handshakes")[0];
    bytes(s(&h["frames"][1], "frame"))
}

#[test]
fn the_body_length_bounds_the_frame() {
    let frame = msg2();
    let kck = Kck::from_bytes(&[0x11; 16]).unwrap();
    let mut signed = frame.clone();
    eapol::write_mic(&suite_of(Akm::Psk), &kck, &mut signed).unwrap();
    // Ethernet padding after the body is ignored, by the view and by the MIC.
    let mut padded = signed.clone();
    padded.extend_from_slice(&[0xee; 20]);
    assert_eq!(EapolKeyFrame::parse(&suite_of(Akm::Psk), &padded).unwrap().as_bytes(), &signed[..]);
    assert_eq!(eapol::verify_mic(&suite_of(Akm::Psk), &kck, &padded), Ok(()));
    // A body length beyond the buffer is an error.
    assert!(matches!(
        EapolKeyFrame::parse(&suite_of(Akm::Psk), &signed[..signed.len() - 1]),
        Err(Error::MalformedFrame { .. })
    ));
    // Body octets after the Key Data are kept and covered by the MIC.
    let mut longer = frame.clone();
    longer.extend_from_slice(&[1, 2, 3]);
    let body = u16::from_be_bytes([longer[2], longer[3]]) + 3;
    longer[2..4].copy_from_slice(&body.to_be_bytes());
    eapol::write_mic(&suite_of(Akm::Psk), &kck, &mut longer).unwrap();
    assert_eq!(eapol::verify_mic(&suite_of(Akm::Psk), &kck, &longer), Ok(()));
    let last = longer.len() - 1;
    longer[last] ^= 1;
    assert_eq!(eapol::verify_mic(&suite_of(Akm::Psk), &kck, &longer), Err(Error::MicMismatch));
}

#[test]
fn malformed_frames_are_errors() {
    let frame = msg2();
    let parse = |f: &[u8]| EapolKeyFrame::parse(&suite_of(Akm::Psk), f).map(|_| ());
    assert!(parse(&frame).is_ok());
    for len in 0..frame.len() {
        assert!(parse(&frame[..len]).is_err(), "truncated to {len}");
    }
    let mut f = frame.clone();
    f[1] = 0; // EAP packet, not EAPOL-Key
    assert!(parse(&f).is_err());
    let mut f = frame.clone();
    f[4] = 3; // descriptor type
    assert!(parse(&f).is_err());
    let mut f = frame.clone();
    f[4] = 254;
    assert_eq!(
        EapolKeyFrame::parse(&suite_of(Akm::Psk), &f).unwrap().descriptor_type(),
        DescriptorType::Wpa
    );
    let mut f = frame.clone();
    f[97..99].copy_from_slice(&23u16.to_be_bytes()); // Key Data Length one beyond the body
    assert!(matches!(parse(&f), Err(Error::MalformedFrame { .. })));
    // A 24-octet MIC field does not fit this body.
    assert!(EapolKeyFrame::parse(&suite_of(Akm::PskSha384), &frame).is_err());
    for bad in [0, 8, 20, 32] {
        assert_eq!(
            parse_len(&frame, bad),
            Err(Error::InvalidLength { what: "EAPOL-Key MIC", len: bad })
        );
    }
    // The suite decides the MIC: a version the AKM does not use, a KCK of the wrong length.
    let kck = Kck::from_bytes(&[0x11; 16]).unwrap();
    let mut v3 = frame.clone();
    v3[6] = (v3[6] & !7) | 3;
    assert_eq!(
        eapol::compute_mic(&suite_of(Akm::Psk), &kck, &v3),
        Err(Error::DescriptorVersion { akm: Akm::Psk, version: 3 })
    );
    let long = Kck::from_bytes(&[0x11; 24]).unwrap();
    assert!(matches!(
        eapol::compute_mic(&suite_of(Akm::Psk), &long, &frame),
        Err(Error::InvalidLength { .. })
    ));
    // A SHA-384 AKM expects a 24-octet MIC field (this 16-octet frame is then too short).
    assert!(eapol::verify_mic(&suite_of(Akm::SuiteB192), &long, &frame).is_err());
    let mut short = frame.clone();
    assert!(eapol::write_mic(&suite_of(Akm::Psk), &kck, &mut short[..98]).is_err());
}

fn parse_len(frame: &[u8], mic_len: usize) -> Result<(), Error> {
    suite_mic(mic_len).and_then(|suite| EapolKeyFrame::parse(&suite, frame)).map(|_| ())
}

#[test]
fn key_info_bits() {
    // 0x13ca: message 3/4 of a v2 handshake.
    let k = KeyInfo::from_bits(0x13ca);
    assert_eq!(k.descriptor_version(), 2);
    assert!(k.pairwise() && k.install() && k.ack() && k.mic() && k.secure());
    assert!(k.encrypted_key_data() && !k.error() && !k.request() && !k.smk_message());
    let k = KeyInfo::from_bits(0x2c30 | 1);
    assert_eq!(k.descriptor_version(), 1);
    assert_eq!(k.key_index(), 3);
    assert!(k.error() && k.request() && k.smk_message() && !k.pairwise() && !k.mic());
    assert_eq!(format!("{:?}", KeyInfo::from_bits(0x010a)), "KeyInfo(0x010a: v2 pairwise mic)");
}

#[test]
fn aes_key_data_padding() {
    let kek = Kek::from_bytes(&[0x42; 16]).unwrap();
    let mut out = [0u8; 128];
    // Padded plaintexts need scratch space after the ciphertext: 24 + 16 octets here.
    assert_eq!(
        eapol::wrap_key_data(&suite_of(Akm::Psk), 2, &[0; 16], &kek, &[1; 10], &mut out[..39]),
        Err(Error::BufferSize { needed: 40, len: 39 })
    );
    for (len, padded) in
        [(0, 16), (1, 16), (8, 16), (15, 16), (16, 16), (17, 24), (22, 24), (23, 24)]
    {
        let pt: Vec<u8> = (1..=len as u8).collect();
        let ct = eapol::wrap_key_data(&suite_of(Akm::Psk), 2, &[0; 16], &kek, &pt, &mut out)
            .unwrap()
            .to_vec();
        assert_eq!(ct.len(), padded + 8, "{len}");
        assert!(out[ct.len()..].iter().all(|&b| b == 0), "scratch is zeroized");
        let mut back = [0u8; 64];
        let got =
            eapol::unwrap_key_data(&suite_of(Akm::Psk), 2, &[0; 16], &kek, &ct, &mut back).unwrap();
        assert_eq!(&got[..len], &pt[..]);
        if padded > len {
            assert_eq!(got[len], 0xdd);
            assert!(got[len + 1..].iter().all(|&b| b == 0));
        }
    }
    // The KEK must have the suite's length; the version must be one the AKM uses.
    let kek32 = Kek::from_bytes(&[0x42; 32]).unwrap();
    assert!(
        eapol::wrap_key_data(&suite_of(Akm::Psk), 2, &[0; 16], &kek32, &[0; 16], &mut out).is_err()
    );
    assert!(
        eapol::wrap_key_data(&suite_of(Akm::Psk), 3, &[0; 16], &kek, &[0; 16], &mut out).is_err()
    );
    assert!(
        eapol::unwrap_key_data(&suite_of(Akm::Psk), 2, &[0; 16], &kek, &[0; 20], &mut out).is_err()
    );
    assert!(eapol::unwrap_key_data(
        &suite_of(Akm::Psk),
        2,
        &[0; 16],
        &kek,
        &[0; 24],
        &mut out[..15]
    )
    .is_err());
}

/// A GTK KDE, an IGTK KDE and an RSNE in one Key Data.
fn sample_key_data(gtk: &[u8], igtk: &[u8]) -> Vec<u8> {
    let mut kd = vec![0x30, 0x02, 0x01, 0x00];
    kd.extend_from_slice(&[0xdd, 6 + gtk.len() as u8, 0x00, 0x0f, 0xac, 0x01, 0x06, 0x00]);
    kd.extend_from_slice(gtk);
    kd.extend_from_slice(&[0xdd, 12 + igtk.len() as u8, 0x00, 0x0f, 0xac, 0x09, 0x04, 0x00]);
    kd.extend_from_slice(&[1, 2, 3, 4, 5, 6]);
    kd.extend_from_slice(igtk);
    kd
}

#[test]
fn kde_helpers() {
    let kd = sample_key_data(&[0xaa; 16], &[0xbb; 16]);
    let gtk = find_gtk(&kd).unwrap().unwrap();
    assert_eq!((gtk.key_id(), gtk.tx(), gtk.gtk_bytes()), (2, true, &[0xaa; 16][..]));
    assert_eq!(format!("{gtk:?}"), "GtkKde(key ID 2, tx true, 16 octets, redacted)");
    let igtk = find_igtk(&kd).unwrap().unwrap();
    assert_eq!(
        (igtk.key_id(), igtk.ipn(), igtk.igtk_bytes()),
        (4, [1, 2, 3, 4, 5, 6], &[0xbb; 16][..])
    );
    assert!(!format!("{:?}", Kdes::new(&kd).nth(1).unwrap().unwrap()).contains("aa"));
    // Padding ends the list: a lone 0xdd, or 0xdd 0x00 and zeros.
    for pad in [&[0xdd][..], &[0xdd, 0], &[0xdd, 0, 0, 0, 0, 0, 0]] {
        let mut p = kd.clone();
        p.extend_from_slice(pad);
        assert_eq!(Kdes::new(&p).count(), 3);
        assert!(find_gtk(&p).unwrap().is_some());
    }
    assert!(find_gtk(&[]).unwrap().is_none());
    assert!(find_igtk(&[0x30, 0x00]).unwrap().is_none());
    // A 5-octet (WEP-40) GTK is accepted as present but is not a `Gtk` of a supported cipher.
    let wep = sample_key_data(&[1; 5], &[2; 32]);
    assert_eq!(find_gtk(&wep).unwrap().unwrap().gtk_bytes().len(), 5);
    assert!(find_gtk(&wep).unwrap().unwrap().gtk().is_err());
    assert_eq!(find_igtk(&wep).unwrap().unwrap().igtk().unwrap().len(), 32);

    let malformed = |kd: &[u8]| matches!(find_gtk(kd), Err(Error::MalformedElement { .. }));
    let mut trailing = kd.clone();
    trailing.extend_from_slice(&[0xdd, 0, 0, 1]);
    assert!(malformed(&trailing), "non-zero after the padding");
    assert!(malformed(&kd[..kd.len() - 1]), "element beyond the end");
    assert!(malformed(&[0x30]), "lone element ID");
    assert!(malformed(&[0xdd, 3, 0, 0x0f, 0xac]), "KDE without a data type");
    assert!(malformed(&sample_key_data(&[1; 4], &[2; 16])), "GTK of 4 octets");
    assert!(malformed(&sample_key_data(&[1; 33], &[2; 16])), "GTK of 33 octets");
    assert!(malformed(&[0xdd, 5, 0, 0x0f, 0xac, 1, 0]), "GTK KDE of 1 octet");
    let mut twice = kd.clone();
    twice.extend_from_slice(&kd[4..4 + 24]);
    assert!(malformed(&twice), "two GTK KDEs");
    assert!(matches!(
        find_igtk(&sample_key_data(&[1; 16], &[2; 20])),
        Err(Error::MalformedElement { .. })
    ));
    // After an error, the iterator ends.
    let mut it = Kdes::new(&[0x30]);
    assert!(it.next().unwrap().is_err());
    assert!(it.next().is_none());
    let Some(Ok(KeyDataItem::Kde { oui, data_type, data })) = Kdes::new(&kd[4..]).next() else {
        panic!("KDE expected")
    };
    assert_eq!((oui, data_type, data.len()), ([0x00, 0x0f, 0xac], 1, 18));
}

// ---- A naive second transcription, and properties over every suite ----

/// The MIC as a plain transcription of IEEE 802.11-2020 12.7.2: copy the PDU, zero the MIC field,
/// one RustCrypto MAC call chosen by an independent reading of Table 12-10.
fn naive_mic(akm: Akm, version: u8, kck: &[u8], frame: &[u8]) -> Vec<u8> {
    use hmac::{Hmac, KeyInit, Mac};
    let body = u16::from_be_bytes([frame[2], frame[3]]) as usize;
    let mut pdu = frame[..4 + body].to_vec();
    let mic_len = if matches!(akm.selector()[3], 12 | 13 | 19 | 20 | 23) { 24 } else { 16 };
    pdu[81..81 + mic_len].fill(0);
    fn mac<M: Mac + KeyInit>(k: &[u8], d: &[u8]) -> Vec<u8> {
        let mut m = <M as KeyInit>::new_from_slice(k).unwrap();
        m.update(d);
        m.finalize().into_bytes().to_vec()
    }
    let full = match (version, akm.selector()[3]) {
        (1, _) => mac::<Hmac<md5::Md5>>(kck, &pdu),
        (2, _) => mac::<Hmac<sha1::Sha1>>(kck, &pdu),
        (3, _) | (0, 8 | 9) => mac::<cmac::Cmac<aes::Aes128>>(kck, &pdu),
        (0, 11 | 18 | 24 | 25) if mic_len == 16 => mac::<Hmac<sha2::Sha256>>(kck, &pdu),
        (0, 18 | 24 | 25) if mic_len == 32 => mac::<Hmac<sha2::Sha512>>(kck, &pdu),
        (0, 18 | 24 | 25) => mac::<Hmac<sha2::Sha384>>(kck, &pdu),
        (0, 12 | 13 | 19 | 20 | 23) => mac::<Hmac<sha2::Sha384>>(kck, &pdu),
        other => panic!("no MIC for {other:?}"),
    };
    full[..mic_len].to_vec()
}

/// Builds an EAPOL-Key frame around random fields for an AKM and descriptor version.
fn build_frame(
    akm: Akm,
    version: u8,
    fields: &[u8; 77],
    mic_field: &[u8; 24],
    key_data: &[u8],
    trailing: &[u8],
) -> Vec<u8> {
    let mic_len = akm.mic_len();
    let body = 77 + mic_len + 2 + key_data.len() + trailing.len();
    let mut f = vec![fields[0] % 3 + 1, 3];
    f.extend_from_slice(&(body as u16).to_be_bytes());
    f.extend_from_slice(&fields[..77]);
    f[4] = if fields[1] & 1 == 0 { 2 } else { 254 };
    f[6] = (f[6] & !7) | version;
    f.extend_from_slice(&mic_field[..mic_len]);
    f.extend_from_slice(&(key_data.len() as u16).to_be_bytes());
    f.extend_from_slice(key_data);
    f.extend_from_slice(trailing);
    f
}

/// Every AKM and pairwise cipher the suite combines, with the descriptor version it uses.
fn suites() -> Vec<(Akm, Cipher, u8)> {
    let mut v = Vec::new();
    for a in Akm::ALL {
        for c in Cipher::ALL {
            if a.combines_with(c) {
                v.push((a, c, a.descriptor_version(c)));
            }
        }
    }
    v
}

fn suite() -> impl Strategy<Value = (Akm, Cipher, u8)> {
    proptest::sample::select(suites())
}

fn array<const N: usize>() -> impl Strategy<Value = [u8; N]> {
    proptest::collection::vec(any::<u8>(), N).prop_map(|v| v.try_into().unwrap())
}

#[test]
fn every_descriptor_version_is_covered() {
    let versions: std::collections::BTreeSet<u8> = suites().iter().map(|s| s.2).collect();
    assert_eq!(versions.into_iter().collect::<Vec<_>>(), [0, 1, 2, 3]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn write_then_verify_and_naive_agree(
        (akm, _cipher, version) in suite(),
        kck in array::<24>(),
        fields in array::<77>(),
        mic_field in array::<24>(),
        key_data in proptest::collection::vec(any::<u8>(), 0..300),
        trailing in proptest::collection::vec(any::<u8>(), 0..4),
        padding in proptest::collection::vec(any::<u8>(), 0..8),
        flip in any::<proptest::sample::Index>(),
    ) {
        let kck_bytes = &kck[..akm.kck_len()];
        let key = Kck::from_bytes(kck_bytes).unwrap();
        let mut frame = build_frame(akm, version, &fields, &mic_field, &key_data, &trailing);
        let pdu_len = frame.len();
        frame.extend_from_slice(&padding);

        let mic = eapol::compute_mic(&suite_of(akm), &key, &frame).unwrap();
        prop_assert_eq!(mic.len(), akm.mic_len());
        prop_assert_eq!(mic.as_bytes(), &naive_mic(akm, version, kck_bytes, &frame)[..]);
        // The MIC field's content does not enter the MIC.
        let mut other = frame.clone();
        other[MIC_OFFSET] ^= 0xff;
        prop_assert_eq!(eapol::compute_mic(&suite_of(akm), &key, &other).unwrap(), mic);

        eapol::write_mic(&suite_of(akm), &key, &mut frame).unwrap();
        prop_assert_eq!(&frame[MIC_OFFSET..MIC_OFFSET + mic.len()], mic.as_bytes());
        prop_assert_eq!(eapol::verify_mic(&suite_of(akm), &key, &frame), Ok(()));
        let view = EapolKeyFrame::parse(&suite_of(akm), &frame).unwrap();
        prop_assert_eq!(view.key_info().descriptor_version(), version);
        prop_assert_eq!(view.key_data(), &key_data[..]);
        prop_assert_eq!(view.as_bytes().len(), pdu_len);

        // One changed octet of the PDU fails; the Ethernet padding does not count.
        let i = flip.index(frame.len());
        let mut bad = frame.clone();
        bad[i] ^= 0x04;
        let r = eapol::verify_mic(&suite_of(akm), &key, &bad);
        if i < pdu_len {
            prop_assert!(r.is_err());
        } else {
            prop_assert_eq!(r, Ok(()));
        }
        // Another key fails with a mismatch and nothing more.
        let mut k2 = kck;
        k2[0] ^= 1;
        let r = eapol::verify_mic(&suite_of(akm), &Kck::from_bytes(&k2[..akm.kck_len()]).unwrap(), &frame);
        prop_assert_eq!(r, Err(Error::MicMismatch));
    }

    #[test]
    fn wrap_unwrap_round_trip_and_naive_agree(
        (akm, _cipher, version) in suite(),
        kek in array::<32>(),
        iv in array::<16>(),
        plaintext in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let kek_bytes = &kek[..akm.kek_len()];
        let key = Kek::from_bytes(kek_bytes).unwrap();
        let mut out = vec![0u8; 2 * plaintext.len() + 64];
        let ct = eapol::wrap_key_data(&suite_of(akm), version, &iv, &key, &plaintext, &mut out).unwrap().to_vec();
        let mut back = vec![0u8; ct.len()];
        let pt = eapol::unwrap_key_data(&suite_of(akm), version, &iv, &key, &ct, &mut back).unwrap();
        prop_assert_eq!(&pt[..plaintext.len()], &plaintext[..]);

        // Naive: pad in a Vec and call aes-kw, or RC4 with IV || KEK and 256 octets dropped.
        let naive = if version == 1 {
            use rc4::{KeyInit, StreamCipher};
            let rc4_key: Vec<u8> = iv.iter().chain(kek_bytes).copied().collect();
            let mut rc4 = rc4::Rc4::new_from_slice(&rc4_key).unwrap();
            let mut data = [vec![0u8; 256], plaintext.clone()].concat();
            rc4.apply_keystream(&mut data);
            data[256..].to_vec()
        } else {
            use aes_kw::cipher::KeyInit;
            let mut p = plaintext.clone();
            if p.len() % 8 != 0 || p.len() < 16 {
                p.push(0xdd);
            }
            while p.len() % 8 != 0 || p.len() < 16 {
                p.push(0);
            }
            let mut c = vec![0u8; p.len() + 8];
            match kek_bytes.len() {
                16 => aes_kw::KwAes128::new_from_slice(kek_bytes).unwrap().wrap_key(&p, &mut c).unwrap(),
                _ => aes_kw::KwAes256::new_from_slice(kek_bytes).unwrap().wrap_key(&p, &mut c).unwrap(),
            };
            prop_assert_eq!(pt, &p[..]);
            c
        };
        prop_assert_eq!(&ct, &naive);
    }

    #[test]
    fn parser_never_panics(
        data in proptest::collection::vec(any::<u8>(), 0..400),
        mic_len in prop_oneof![Just(16usize), Just(24), any::<usize>()],
    ) {
        if let Ok(f) = suite_mic(mic_len).and_then(|suite| EapolKeyFrame::parse(&suite, &data)) {
            let _ = (f.key_info(), f.nonce(), f.iv(), f.rsc(), f.mic(), f.key_data(), f.key_length());
            prop_assert!(f.as_bytes().len() <= data.len());
        }
        let kck = Kck::from_bytes(&[7; 16]).unwrap();
        let _ = eapol::verify_mic(&suite_of(Akm::Psk), &kck, &data);
        let _ = Kdes::new(&data).count();
        let _ = (find_gtk(&data), find_igtk(&data));
    }

    #[test]
    fn mutated_frames_never_panic(
        edits in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<proptest::sample::Index>(),
    ) {
        let mut frame = msg2();
        for (i, b) in edits {
            let at = i.index(frame.len());
            frame[at] = b;
        }
        let frame = &frame[..cut.index(frame.len() + 1)];
        let kck = Kck::from_bytes(&[7; 16]).unwrap();
        let kek = Kek::from_bytes(&[7; 16]).unwrap();
        let _ = eapol::verify_mic(&suite_of(Akm::Psk), &kck, frame);
        if let Ok(f) = EapolKeyFrame::parse(&suite_of(Akm::Psk), frame) {
            let mut out = [0u8; 128];
            let _ = f.unwrap_key_data(&suite_of(Akm::Psk), &kek, &mut out);
        }
    }

    #[test]
    fn kdes_of_built_lists(
        elements in proptest::collection::vec((any::<u8>(), proptest::collection::vec(any::<u8>(), 4..40)), 0..6),
        pad in 0usize..8,
    ) {
        let mut kd = Vec::new();
        for (id, body) in &elements {
            kd.push(*id);
            kd.push(body.len() as u8);
            kd.extend_from_slice(body);
        }
        if pad > 0 {
            kd.push(0xdd);
            kd.extend(std::iter::repeat_n(0, pad - 1));
        }
        let items: Vec<_> = Kdes::new(&kd).collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(items.len(), elements.len());
        for (item, (id, body)) in items.iter().zip(&elements) {
            match item {
                KeyDataItem::Element { id: i, body: b } => {
                    prop_assert!(*id != 0xdd);
                    prop_assert_eq!((i, *b), (id, &body[..]));
                }
                KeyDataItem::Kde { oui, data_type, data } => {
                    prop_assert_eq!(*id, 0xdd);
                    prop_assert_eq!(&oui[..], &body[..3]);
                    prop_assert_eq!(*data_type, body[3]);
                    prop_assert_eq!(*data, &body[4..]);
                }
            }
        }
    }
}
