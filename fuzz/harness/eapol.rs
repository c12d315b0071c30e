//! EAPOL-Key frames: the view, the MIC under every AKM and descriptor version, Key Data
//! encryption (AES Key Wrap and RC4), and the KDE search.

use super::suites::{suite_mic, suite_of};
use ieee80211_keys::eapol::{
    self, find_gtk, find_igtk, DescriptorType, EapolKeyFrame, Kdes, KeyDataItem, MIC_OFFSET,
};
use ieee80211_keys::{cckm::Krk, Akm, Cipher, Error, Kck, Kek, MacAddr, Nonce, Pmk, Ptk};
use ieee80211_keys::{Pairwise, Suite};

use super::input::{fuzz_input, Rest};
use super::naive;

fuzz_input!(
    /// A frame, an AKM and a key of any length (the KCK, and the KEK when it has one's length).
    EapolFrameInput {
        akm: Akm,
        key: &'a [u8],
        mic_len: u8,
        frame: Rest<'a>,
    }
);

/// The MIC field's length under `akm`, and where the frame's PDU, MIC and Key Data are, by an
/// independent reading of IEEE 802.11-2020 12.7.2; `None` for a frame the library must refuse.
fn naive_layout(frame: &[u8], mic_len: usize) -> Option<(&[u8], &[u8], &[u8])> {
    if frame.len() < 4 || frame[1] != 3 {
        return None;
    }
    let body = usize::from(u16::from_be_bytes([frame[2], frame[3]]));
    let pdu = frame.get(..4 + body)?;
    if pdu.len() < 81 + mic_len + 2 || !matches!(pdu[4], 2 | 254) {
        return None;
    }
    let at = 81 + mic_len;
    let kd_len = usize::from(u16::from_be_bytes([pdu[at], pdu[at + 1]]));
    let key_data = pdu.get(at + 2..at + 2 + kd_len)?;
    Some((pdu, &pdu[81..at], key_data))
}

/// The Key MIC by IEEE 802.11-2020 12.7.2: `None` where the library must return an error.
fn naive_mic(akm: Akm, key: &[u8], frame: &[u8]) -> Option<Vec<u8>> {
    let row = naive::row(akm);
    let (pdu, _, _) = naive_layout(frame, row.mic_len)?;
    let alg = naive::eapol_mic(akm, pdu[6] & 7)?;
    if key.len() != row.kck {
        return None;
    }
    let mut zeroed = pdu.to_vec();
    zeroed[81..81 + row.mic_len].fill(0);
    naive::mac(alg, key, &zeroed)
}

/// The view, its accessors and MIC compute, verify and write for one AKM, against
/// [`naive_mic`]; a KEK-length key also unwraps the frame's Key Data.
pub fn eapol_frame(data: &[u8]) {
    let input = EapolFrameInput::read(data);
    let frame = input.frame.0;
    for mic_len in [16, 24, usize::from(input.mic_len)] {
        let parsed = suite_mic(mic_len).and_then(|suite| EapolKeyFrame::parse(&suite, frame));
        let naive = matches!(mic_len, 16 | 24).then(|| naive_layout(frame, mic_len)).flatten();
        assert_eq!(parsed.is_ok(), naive.is_some(), "parse with a {mic_len}-octet MIC");
        if let (Ok(view), Some((pdu, mic, key_data))) = (parsed, naive) {
            check_view(&view, pdu, mic, key_data);
        }
    }

    let akm = input.akm;
    let expected = naive_mic(akm, input.key, frame);
    let Ok(kck) = Kck::from_bytes(input.key) else {
        assert!(expected.is_none() || !matches!(input.key.len(), 16 | 24 | 32));
        return;
    };
    let computed = eapol::compute_mic(&suite_of(akm), &kck, frame);
    let verified = eapol::verify_mic(&suite_of(akm), &kck, frame);
    match (&computed, &expected) {
        (Ok(mic), Some(naive)) => {
            assert_eq!(mic.as_bytes(), &naive[..], "{akm}: MIC differs from the naive one");
            // verify = compute, then compare with the received field.
            let received = &frame[MIC_OFFSET..MIC_OFFSET + mic.len()];
            assert_eq!(verified.is_ok(), received == &naive[..], "{akm}: verify disagrees");
            if let Err(e) = verified {
                assert_eq!(e, Error::MicMismatch);
            }
            let mut sent = frame.to_vec();
            eapol::write_mic(&suite_of(akm), &kck, &mut sent)
                .expect("write_mic on a frame compute_mic took");
            assert_eq!(
                eapol::verify_mic(&suite_of(akm), &kck, &sent),
                Ok(()),
                "{akm}: own MIC refused"
            );
            assert_eq!(sent[..MIC_OFFSET], frame[..MIC_OFFSET]);
            assert_eq!(sent[MIC_OFFSET + mic.len()..], frame[MIC_OFFSET + mic.len()..]);
        }
        (Err(e), None) => {
            assert_eq!(verified, Err(*e), "{akm}: verify and compute fail differently");
            let mut copy = frame.to_vec();
            assert_eq!(eapol::write_mic(&suite_of(akm), &kck, &mut copy), Err(*e));
            assert_eq!(copy, frame, "write_mic changed a frame it refused");
            assert_no_key_in_error(e, input.key);
        }
        (c, n) => panic!("{akm}: library {c:?}, naive {n:?}"),
    }

    // CCKM's message 2/4 is keyed with the KRK through the same functions.
    if let Ok(krk) = Krk::from_bytes(input.key) {
        assert_eq!(eapol::verify_mic(&suite_of(akm), &krk, frame), verified);
        assert_eq!(eapol::compute_mic(&suite_of(akm), &krk, frame), computed);
    }

    if let (Ok(kek), Ok(view)) =
        (Kek::from_bytes(input.key), EapolKeyFrame::parse(&suite_of(Akm::Psk), frame))
    {
        let mut out = vec![0u8; view.key_data().len()];
        let opened = view.unwrap_key_data(&suite_of(akm), &kek, &mut out);
        let naive = naive_unwrap(
            akm,
            view.key_info().descriptor_version(),
            &view.iv(),
            input.key,
            view.key_data(),
        );
        assert_eq!(opened.ok().map(<[u8]>::to_vec), naive.ok());
    }
}

fn assert_no_key_in_error(e: &Error, key: &[u8]) {
    naive::assert_no_key(&format!("{e} {e:?}"), key, "error");
}

fn check_view(view: &EapolKeyFrame<'_>, pdu: &[u8], mic: &[u8], key_data: &[u8]) {
    assert_eq!(view.as_bytes(), pdu);
    assert_eq!(view.mic().as_bytes(), mic);
    assert_eq!(view.key_data(), key_data);
    assert_eq!(view.protocol_version(), pdu[0]);
    assert_eq!(view.descriptor_type().octet(), pdu[4]);
    assert_eq!(DescriptorType::from_octet(pdu[4]), Ok(view.descriptor_type()));
    let info = view.key_info();
    assert_eq!(info.bits(), u16::from_be_bytes([pdu[5], pdu[6]]));
    assert_eq!(info.descriptor_version(), pdu[6] & 7);
    assert_eq!(view.key_length(), u16::from_be_bytes([pdu[7], pdu[8]]));
    assert_eq!(view.replay_counter().to_be_bytes(), pdu[9..17]);
    assert_eq!(view.nonce().as_bytes(), &pdu[17..49]);
    assert_eq!(view.iv(), pdu[49..65]);
    assert_eq!(view.rsc(), pdu[65..73]);
    let _ = format!("{view:?} {info:?}");
}

/// Key Data decryption by IEEE 802.11-2020 12.7.2, with the naive RC4 and RFC 3394.
fn naive_unwrap(
    akm: Akm,
    version: u8,
    iv: &[u8; 16],
    kek: &[u8],
    key_data: &[u8],
) -> Result<Vec<u8>, ()> {
    let rc4 = naive::key_data_rc4(akm, version).ok_or(())?;
    if kek.len() != naive::row(akm).kek {
        return Err(());
    }
    if rc4 {
        Ok(naive::rc4_skip256(&naive::cat(&[iv, kek]), key_data))
    } else {
        naive::aes_unwrap(kek, key_data).ok_or(())
    }
}

/// Key Data as AES Key Wrap takes it: `0xdd` then zeros up to a multiple of 8, at least 16.
fn naive_pad(plaintext: &[u8]) -> Vec<u8> {
    let mut p = plaintext.to_vec();
    if p.len() < 16 || !p.len().is_multiple_of(8) {
        p.push(0xdd);
        while p.len() < 16 || !p.len().is_multiple_of(8) {
            p.push(0);
        }
    }
    p
}

fuzz_input!(
    /// Key Data to wrap or unwrap under an AKM, a descriptor version, a KEK and an IV, into
    /// an output buffer of a chosen size.
    KeyDataInput {
        akm: Akm,
        version: u8,
        kek: &'a [u8],
        iv: [u8; 16],
        out_len: u16,
        data: Rest<'a>,
    }
);

/// `unwrap_key_data` and `wrap_key_data` against the naive RC4 and RFC 3394, every output size.
pub fn eapol_key_data(data: &[u8]) {
    let input = KeyDataInput::read(data);
    let (akm, version) = (input.akm, input.version);
    let Ok(kek) = Kek::from_bytes(input.kek) else { return };
    let payload = input.data.0;
    let mut out = vec![0u8; usize::from(input.out_len) % 1024];

    let naive = naive_unwrap(akm, version, &input.iv, input.kek, payload);
    let opened =
        eapol::unwrap_key_data(&suite_of(akm), version, &input.iv, &kek, payload, &mut out);
    match (opened, naive) {
        (Ok(plain), Ok(expected)) => {
            assert_eq!(plain, &expected[..]);
            walk_kdes(plain);
        }
        (Err(Error::BufferSize { needed, len }), Ok(expected)) => {
            assert_eq!(needed, expected.len());
            assert!(len < needed);
        }
        (Err(e), Err(())) => {
            assert_no_key_in_error(&e, input.kek);
            if matches!(e, Error::UnwrapFailed) {
                assert!(out.iter().all(|&b| b == 0), "a failed unwrap left plaintext behind");
            }
        }
        (got, naive) => panic!("unwrap: library {got:?}, naive {naive:?}"),
    }

    // Wrap: the ciphertext must be the naive one over the padded plaintext, and unwrap back.
    let Some(rc4) = naive::key_data_rc4(akm, version) else {
        assert!(eapol::wrap_key_data(&suite_of(akm), version, &input.iv, &kek, payload, &mut out)
            .is_err());
        return;
    };
    let kek_ok = input.kek.len() == naive::row(akm).kek;
    let expected = match (kek_ok, rc4) {
        (false, _) => None,
        (true, true) => Some(naive::rc4_skip256(&naive::cat(&[&input.iv, input.kek]), payload)),
        (true, false) => naive::aes_wrap(input.kek, &naive_pad(payload)),
    };
    let mut big = vec![0u8; 2 * payload.len() + 64];
    let wrapped = eapol::wrap_key_data(&suite_of(akm), version, &input.iv, &kek, payload, &mut big);
    match (wrapped, &expected) {
        (Ok(c), Some(e)) => {
            assert_eq!(c, &e[..]);
            let ct = c.to_vec();
            let mut back = vec![0u8; ct.len()];
            let plain =
                eapol::unwrap_key_data(&suite_of(akm), version, &input.iv, &kek, &ct, &mut back)
                    .expect("unwrap of our own wrap");
            let padded = if rc4 { payload.to_vec() } else { naive_pad(payload) };
            assert_eq!(plain, &padded[..]);
        }
        (Err(_), None) => {}
        (got, e) => panic!("wrap: library {got:?}, naive {e:?}"),
    }
    // The same into the fuzzer's buffer size: the same ciphertext or a size error.
    let size = out.len();
    let small = eapol::wrap_key_data(&suite_of(akm), version, &input.iv, &kek, payload, &mut out);
    match (small, &expected) {
        (Ok(c), Some(e)) => assert_eq!(c, &e[..]),
        (Err(Error::BufferSize { .. }), Some(_)) | (Err(_), None) => {}
        (got, e) => panic!("wrap into {size} octets: library {got:?}, naive {e:?}"),
    }
}

/// One naive TLV item: an element, a KDE, or an error that ends the list.
#[derive(Debug, PartialEq)]
enum NaiveItem {
    Element(u8, Vec<u8>),
    Kde([u8; 3], u8, Vec<u8>),
    Error,
}

/// Walks Key Data as 12.7.2 describes it: elements and KDEs up to `dd 00..` padding or a lone
/// final `dd`.
fn naive_items(mut d: &[u8]) -> Vec<NaiveItem> {
    let mut items = Vec::new();
    loop {
        match d {
            [] | [0xdd] => return items,
            [0xdd, 0, pad @ ..] => {
                if pad.iter().any(|&b| b != 0) {
                    items.push(NaiveItem::Error);
                }
                return items;
            }
            [_] => {
                items.push(NaiveItem::Error);
                return items;
            }
            [id, len, rest @ ..] => {
                let len = usize::from(*len);
                if rest.len() < len {
                    items.push(NaiveItem::Error);
                    return items;
                }
                let body = &rest[..len];
                if *id == 0xdd {
                    if len < 4 {
                        items.push(NaiveItem::Error);
                        return items;
                    }
                    items.push(NaiveItem::Kde(
                        [body[0], body[1], body[2]],
                        body[3],
                        body[4..].to_vec(),
                    ));
                } else {
                    items.push(NaiveItem::Element(*id, body.to_vec()));
                }
                d = &rest[len..];
            }
        }
    }
}

fn walk_kdes(key_data: &[u8]) -> Vec<NaiveItem> {
    let items: Vec<NaiveItem> = Kdes::new(key_data)
        .map(|item| match item {
            Ok(KeyDataItem::Element { id, body }) => NaiveItem::Element(id, body.to_vec()),
            Ok(k @ KeyDataItem::Kde { oui, data_type, data }) => {
                naive::assert_no_key(&format!("{k:?}"), data, "KDE Debug");
                NaiveItem::Kde(oui, data_type, data.to_vec())
            }
            Err(e) => {
                assert!(matches!(e, Error::MalformedElement { .. }), "{e:?}");
                NaiveItem::Error
            }
        })
        .collect();
    let naive = naive_items(key_data);
    assert_eq!(items, naive, "Kdes disagrees with the naive walk");
    items
}

fuzz_input!(
    /// Decrypted Key Data.
    KdesInput { key_data: Rest<'a> }
);

/// `Kdes`, `find_gtk` and `find_igtk` against a naive walk of the same Key Data.
pub fn kdes(data: &[u8]) {
    let key_data = KdesInput::read(data).key_data.0;
    let items = walk_kdes(key_data);
    let broken = items.last() == Some(&NaiveItem::Error);
    let of_type = |t: u8| -> Vec<&Vec<u8>> {
        items
            .iter()
            .filter_map(|i| match i {
                NaiveItem::Kde([0x00, 0x0f, 0xac], dt, d) if *dt == t => Some(d),
                _ => None,
            })
            .collect()
    };

    let gtks = of_type(1);
    match find_gtk(key_data) {
        Ok(None) => assert!(!broken && gtks.is_empty()),
        Ok(Some(kde)) => {
            assert!(!broken && gtks.len() == 1);
            let d = gtks[0];
            assert!(d.len() >= 2 + 5 && d.len() <= 2 + 32);
            assert_eq!(kde.key_id(), d[0] & 3);
            assert_eq!(kde.tx(), d[0] & 4 != 0);
            assert_eq!(kde.gtk_bytes(), &d[2..]);
            let gtk = kde.gtk();
            assert_eq!(gtk.is_ok(), matches!(d.len() - 2, 16 | 32));
            naive::assert_no_key(&format!("{kde:?} {gtk:?}"), &d[2..], "GTK KDE Debug");
        }
        Err(e) => {
            let bad_len = gtks.len() == 1 && !(7..=34).contains(&gtks[0].len());
            assert!(broken || gtks.len() > 1 || bad_len, "find_gtk: {e}");
            assert!(matches!(e, Error::MalformedElement { .. }));
        }
    }

    let igtks = of_type(9);
    match find_igtk(key_data) {
        Ok(None) => assert!(!broken && igtks.is_empty()),
        Ok(Some(kde)) => {
            assert!(!broken && igtks.len() == 1);
            let d = igtks[0];
            assert!(matches!(d.len(), 24 | 40));
            assert!(matches!(kde.key_id(), 4 | 5), "IGTK key ID outside 4 and 5");
            assert_eq!(kde.key_id(), u16::from_le_bytes([d[0], d[1]]));
            assert_eq!(kde.ipn(), d[2..8]);
            assert_eq!(kde.igtk_bytes(), &d[8..]);
            let igtk = kde.igtk().expect("16 or 32 octets");
            assert_eq!(igtk.as_bytes(), &d[8..]);
            naive::assert_no_key(&format!("{kde:?} {igtk:?}"), &d[8..], "IGTK KDE Debug");
        }
        Err(e) => {
            let bad_len = igtks.len() == 1
                && (!matches!(igtks[0].len(), 24 | 40)
                    || !matches!(u16::from_le_bytes([igtks[0][0], igtks[0][1]]), 4 | 5));
            assert!(broken || igtks.len() > 1 || bad_len, "find_igtk: {e}");
            assert!(matches!(e, Error::MalformedElement { .. }));
        }
    }
}

fuzz_input!(
    /// Multi-PSK identification: the suite and message 1/4's values, candidate PMKs made from a
    /// seed, which candidate (if any) re-signs message 2/4 before the search, and the frame.
    IdentifyInput {
        akm: Akm,
        cipher: Cipher,
        aa: [u8; 6],
        spa: [u8; 6],
        anonce: [u8; 32],
        seed: [u8; 8],
        count: u8,
        pmk_len: u8,
        signer: u8,
        frame: Rest<'a>,
    }
);

/// `identify_pmk` (on the lanes where the CPU has them) against the plain search: the first
/// candidate whose whole PTK's KCK verifies the frame's MIC; an error where the library must
/// refuse, with no key bytes in it.
pub fn identify(data: &[u8]) {
    let i = IdentifyInput::read(data);
    let count = usize::from(i.count % 41);
    let len = [32, 48, 64][usize::from(i.pmk_len % 3)];
    let pmks: Vec<Pmk> = (0..count)
        .map(|j| {
            let bytes: Vec<u8> =
                (0..len).map(|k| i.seed[k % 8] ^ (j as u8).wrapping_mul(37) ^ k as u8).collect();
            Pmk::from_bytes(&bytes).expect("a PMK length")
        })
        .collect();
    let (aa, spa, anonce) = (MacAddr::new(i.aa), MacAddr::new(i.spa), Nonce::new(i.anonce));
    // One suite for every candidate, resolved with the candidates' PMK length (the length
    // decides the KCK, the KDF and the MIC under OWE and SAE-EXT-KEY).
    let suite = Suite::new(i.akm, i.cipher, len);
    let ptk = |suite: &Suite, pmk: &Pmk, snonce: &Nonce| {
        Ptk::derive(pmk, suite, &Pairwise { aa, spa, anonce, snonce: *snonce })
    };
    // The signer (bit 7: with a duplicate right after it, so that the first index must win).
    let mut frame = i.frame.0.to_vec();
    let mut pmks = pmks;
    let signer = usize::from(i.signer & 0x7f);
    if let (true, Ok(suite)) = (signer < count, &suite) {
        if i.signer & 0x80 != 0 && signer + 1 < count {
            pmks[signer + 1] = pmks[signer].clone();
        }
        let view = EapolKeyFrame::parse(suite, &frame).map(|v| v.nonce());
        if let Ok(Ok(ptk)) = view.map(|snonce| ptk(suite, &pmks[signer], &snonce)) {
            let _ = eapol::write_mic(suite, ptk.kck(), &mut frame);
        }
    }

    let got =
        suite.and_then(|suite| eapol::identify_pmk(&suite, &aa, &spa, &anonce, &frame, &pmks));
    let naive = suite.and_then(|suite| {
        let view = EapolKeyFrame::parse(&suite, &frame)?;
        let snonce = view.nonce();
        for (j, pmk) in pmks.iter().enumerate() {
            match eapol::verify_mic(&suite, ptk(&suite, pmk, &snonce)?.kck(), &frame) {
                Ok(()) => return Ok(Some(j)),
                Err(Error::MicMismatch) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(None)
    });
    match (&got, &naive) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{} {}: a different candidate", i.akm, i.cipher),
        (Err(e), Err(_)) => {
            for pmk in &pmks {
                assert_no_key_in_error(e, pmk.as_bytes());
            }
        }
        _ => panic!("{} {}: identify {got:?}, the plain search {naive:?}", i.akm, i.cipher),
    }
}
