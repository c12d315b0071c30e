//! The frames layer against published frames: every EAPOL-Key frame of iwd's handshakes in
//! `test-vectors/eapol.json` is read with the typed parsers (message, elements, KDEs, FTE) and
//! built again from what was read with the builders (RSNE, MDE, FTE, TIE, KDEs, EAPOL-Key
//! frame, padding, encryption, MIC); the result must be the published frame, octet for octet.
//! Plus round trips of the element builders and parsers over generated values.

mod common;

use common::*;
use ieee80211_keys::eapol::KeyDataItem;
use ieee80211_keys::eapol_key::{Builder, Message, Received};
use ieee80211_keys::ft::Fte;
use ieee80211_keys::ft_elements::{Mde, TimeoutInterval};
use ieee80211_keys::kde::{self, Kde, KdeWriter};
use ieee80211_keys::rsne::{PmkIds, RsnCapabilities, Rsne, Selector};
use ieee80211_keys::{
    Akm, Cipher, Error, Kck, Kek, Nonce, Pairwise, Pmk, PmkId, Psk, Ptk, R0khId, Suite,
};
use proptest::prelude::*;

/// The suite of `akm` and `cipher` with the AKM's usual PMK length.
fn suite_of(akm: Akm, cipher: Cipher) -> Suite {
    Suite::new(akm, cipher, akm.pmk_len()).unwrap()
}

/// Rebuilds an element of decrypted Key Data from its typed parse.
fn rebuild_element(akm: Akm, id: u8, body: &[u8], w: &mut KdeWriter<'_>) {
    let mut whole = vec![id, body.len() as u8];
    whole.extend_from_slice(body);
    let mut out = [0u8; 257];
    let n = match id {
        48 => Rsne::parse(&whole).unwrap().write(&mut out).unwrap(),
        54 => Mde::parse(&whole).unwrap().write(&mut out).unwrap(),
        56 => TimeoutInterval::parse(&whole).unwrap().write(&mut out).unwrap(),
        55 => {
            let suite = suite_of(akm, Cipher::Ccmp128);
            let fte = Fte::parse(&suite, &whole).unwrap();
            // The MIC field is zero in what the builder writes; the published one is kept.
            rebuild_fte(&suite, &fte, &mut out)
        }
        _ => panic!("element {id} in Key Data"),
    };
    assert_eq!(&out[..n], &whole[..], "element {id} rebuilt");
    w.element(&out[..n]).unwrap();
}

/// The plaintext Key Data rebuilt from its typed parse, without padding.
fn rebuild_key_data(akm: Akm, plain: &[u8], out: &mut [u8]) -> usize {
    let mut w = KdeWriter::new(out);
    for item in kde::kdes(plain) {
        match item.unwrap() {
            Kde::Gtk(g) => {
                w.gtk(g.key_id(), g.tx(), &g.gtk().unwrap()).unwrap();
            }
            Kde::Igtk(g) => {
                w.igtk(g.key_id(), g.ipn(), &g.igtk().unwrap()).unwrap();
            }
            Kde::Other(KeyDataItem::Element { id, body }) => rebuild_element(akm, id, body, &mut w),
            Kde::Other(KeyDataItem::Kde { oui: [0x00, 0x50, 0xf2], data_type: 1, data }) => {
                let mut whole = vec![221, data.len() as u8 + 4, 0x00, 0x50, 0xf2, 1];
                whole.extend_from_slice(data);
                let mut e = [0u8; 257];
                let n = Rsne::parse_wpa(&whole).unwrap().write(&mut e).unwrap();
                assert_eq!(&e[..n], &whole[..], "WPA element rebuilt");
                w.element(&e[..n]).unwrap();
            }
            other => panic!("unexpected Key Data item {other:?}"),
        }
    }
    w.len()
}

/// Every published frame, read typed and built again, octet for octet.
#[test]
fn iwd_frames_are_rebuilt_octet_for_octet() {
    let mut rebuilt = 0;
    for h in vectors("eapol.json", "handshakes") {
        let (akm, cipher) = (akm(n(&h, "akm")), cipher(n(&h, "cipher")));
        let (kck, kek) = if h["kck"].is_string() {
            (
                Kck::from_bytes(&hx(s(&h, "kck"))).unwrap(),
                Kek::from_bytes(&hx(s(&h, "kek"))).unwrap(),
            )
        } else {
            let pmk = Pmk::from_psk(&Psk::from_hex(s(&h, "psk")).unwrap());
            let pairwise = Pairwise {
                aa: mac(s(&h, "aa")),
                spa: mac(s(&h, "spa")),
                anonce: nonce(s(&h, "anonce")),
                snonce: nonce(s(&h, "snonce")),
            };
            let ptk = Ptk::derive(&pmk, &suite_of(akm, cipher), &pairwise).unwrap();
            (ptk.kck().clone(), ptk.kek().clone())
        };
        let suite = suite_of(akm, cipher);
        let mut last_from_ap = None;
        for f in h["frames"].as_array().unwrap() {
            let frame = bytes(s(f, "frame"));
            let name = s(f, "name");
            let got = Received::parse(&suite, &frame).unwrap_or_else(|e| panic!("{name}: {e}"));
            let want = match name {
                "msg 1/4" => Message::Pairwise1,
                "msg 2/4" => Message::Pairwise2,
                "msg 3/4" => Message::Pairwise3,
                "msg 4/4" => Message::Pairwise4,
                "group msg 1/2" => Message::Group1,
                "group msg 2/2" => Message::Group2,
                _ => panic!("{name}"),
            };
            assert_eq!(got.message(), want, "{name}");
            let view = *got.view();
            let replay = view.replay_counter();
            if want.from_authenticator() {
                got.check_replay(last_from_ap).unwrap();
                assert!(got.check_replay(Some(replay)).is_err());
                last_from_ap = Some(replay);
            } else {
                got.check_answers(last_from_ap.unwrap()).unwrap();
            }
            if want.has_mic() {
                got.verify_mic(&kck).unwrap();
            }
            let nonce = view.nonce();
            let mut plain = [0u8; 512];
            let mut data = [0u8; 512];
            let b = match want {
                Message::Pairwise1 => Builder::message1(&suite, replay, &nonce),
                Message::Pairwise2 => {
                    let n = rebuild_key_data(akm, view.key_data(), &mut data);
                    let data = &data[..n];
                    Builder::message2(&suite, replay, &nonce, data, &kck).key_data(data)
                }
                Message::Pairwise3 | Message::Group1 => {
                    let kd = got.key_data(&kek, &mut plain).unwrap();
                    let n = rebuild_key_data(akm, kd, &mut data);
                    let b = if want == Message::Group1 {
                        // iwd's group message 1/2 carries Key Length 16 (the CCMP GTK's), as
                        // older hostap did; hostap now sends 0 for RSN.
                        Builder::group1(&suite, replay, &data[..n], &kck, &kek)
                            .nonce(&nonce)
                            .key_length(view.key_length())
                    } else {
                        Builder::message3(&suite, replay, &nonce, &data[..n], &kck, &kek)
                    };
                    b.iv(view.iv()).rsc(view.rsc())
                }
                Message::Pairwise4 => Builder::message4(&suite, replay, &kck),
                Message::Group2 => Builder::group2(&suite, replay, &kck),
            };
            let b = b.eapol_version(view.protocol_version());
            let mut out = vec![0u8; b.frame_len().unwrap()];
            let len = b.write(&mut out).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(hex::encode(&out[..len]), hex::encode(&frame), "{}: {name}", s(&h, "name"));
            rebuilt += 1;
        }
    }
    assert_eq!(rebuilt, 18);
}

/// The builder's buffer checks: the size needed is named, and a buffer with room after the
/// frame gives the same frame as one without.
#[test]
fn short_buffers_name_the_size_needed() {
    let (kck, kek) = (Kck::from_bytes(&[1; 16]).unwrap(), Kek::from_bytes(&[2; 16]).unwrap());
    let anonce = Nonce::new([3; 32]);
    let kd = [0xdd, 3, 0, 0x0f, 0xac]; // padded to 16 octets, wrapped to 24
    let suite = suite_of(Akm::Psk, Cipher::Ccmp128);
    let b = Builder::message3(&suite, 1, &anonce, &kd, &kck, &kek);
    let len = b.frame_len().unwrap();
    assert_eq!(len, 99 + 24);
    let mut exact = vec![0u8; len];
    assert_eq!(
        b.write(&mut exact[..len - 1]),
        Err(Error::BufferSize { needed: len, len: len - 1 })
    );
    b.write(&mut exact).unwrap();
    let mut roomy = vec![0u8; len + 64];
    b.write(&mut roomy).unwrap();
    assert_eq!(&roomy[..len], &exact[..]);
    assert!(roomy[len..].iter().all(|&b| b == 0), "the staged padding is wiped");
}

/// The receiver's checks refuse what does not fit the message.
#[test]
fn receiver_checks() {
    let (kck, kek) = (Kck::from_bytes(&[1; 16]).unwrap(), Kek::from_bytes(&[2; 16]).unwrap());
    let n = Nonce::new([3; 32]);
    let suite = suite_of(Akm::Psk, Cipher::Ccmp128);
    let mut f = [0u8; 200];
    let len = Builder::message1(&suite, 5, &n).write(&mut f).unwrap();
    let m1 = Received::parse(&suite_of(Akm::Psk, Cipher::Ccmp128), &f[..len]).unwrap();
    assert_eq!(
        m1.check_replay(Some(5)),
        Err(Error::ReplayCounterNotFresh { received: 5, last: 5 })
    );
    // The pairwise cipher the station negotiated is 256-bit: Key Length 16 is refused.
    assert!(matches!(
        Received::parse(&suite_of(Akm::Psk, Cipher::Ccmp256), &f[..len]),
        Err(Error::Refused { .. })
    ));
    // Descriptor version of another suite.
    assert!(matches!(
        Received::parse(&suite_of(Akm::PskSha256, Cipher::Ccmp128), &f[..len]),
        Err(Error::DescriptorVersion { .. })
    ));
    // Message 3/4 without Install.
    let kd = [0xdd, 0];
    let len = Builder::message3(&suite, 6, &n, &kd, &kck, &kek).write(&mut f).unwrap();
    f[6] &= !0x40;
    assert!(matches!(
        Received::parse(&suite_of(Akm::Psk, Cipher::Ccmp128), &f[..len]),
        Err(Error::Refused { .. })
    ));
    // A Request frame is not a handshake message.
    f[5] |= 0x08;
    assert!(Received::parse(&suite_of(Akm::Psk, Cipher::Ccmp128), &f[..len]).is_err());
}

/// Under WPA, message 4/4 has no Secure bit, so Key Data is all that tells it from message
/// 2/4: the builder refuses a WPA message 4/4 with Key Data instead of writing a frame that
/// reads as 2/4, and writes one without Key Data that reads as 4/4.
#[test]
fn wpa_message4_with_key_data_is_refused() {
    let kck = Kck::from_bytes(&[1; 16]).unwrap();
    let suite = suite_of(Akm::Psk, Cipher::Tkip);
    let wpa_ie = [0xdd, 6, 0x00, 0x50, 0xf2, 1, 1, 0];
    let mut f = [0u8; 200];
    let refused = Builder::message4(&suite, 2, &kck).key_data(&wpa_ie).wpa(0).write(&mut f);
    assert!(
        matches!(refused, Err(Error::Refused { element: "EAPOL-Key message 4/4", .. })),
        "{refused:?}"
    );
    // The same Key Data under RSN (Secure set) is message 4/4.
    let len = Builder::message4(&suite, 2, &kck).key_data(&wpa_ie).write(&mut f).unwrap();
    assert_eq!(Received::parse(&suite, &f[..len]).unwrap().message(), Message::Pairwise4);
    let len = Builder::message4(&suite, 2, &kck).wpa(0).write(&mut f).unwrap();
    assert_eq!(Received::parse(&suite, &f[..len]).unwrap().message(), Message::Pairwise4);
}

fn selector() -> impl Strategy<Value = Selector> {
    prop_oneof![
        prop::sample::select(Cipher::ALL.to_vec()).prop_map(Selector::from),
        prop::sample::select(Akm::ALL.to_vec()).prop_map(Selector::from),
        any::<[u8; 4]>().prop_map(Selector::new),
    ]
}

proptest! {
    /// Any RSNE built from typed values parses back to the same values and rebuilds to the
    /// same octets; every shorter length octet is an error or a shorter valid element.
    #[test]
    fn rsne_round_trip(
        group in selector(),
        pairwise in prop::collection::vec(selector(), 0..5),
        akms in prop::collection::vec(selector(), 0..5),
        caps in any::<Option<u16>>(),
        pmkids in prop::option::of(prop::collection::vec(any::<[u8; 16]>(), 0..4)),
        gm in prop::option::of(selector()),
    ) {
        let pmkids: Option<Vec<PmkId>> = pmkids.map(|v| v.into_iter().map(PmkId::new).collect());
        let mut r = Rsne::new(group, &pairwise, &akms);
        if let Some(c) = caps {
            r = r.with_capabilities(RsnCapabilities::from_bits(c));
        }
        if let Some(p) = &pmkids {
            r = r.with_pmkids(p);
        }
        if let Some(g) = gm {
            r = r.with_group_management_cipher(g);
        }
        let mut out = [0u8; 300];
        let n = r.write(&mut out).unwrap();
        let p = Rsne::parse(&out[..n]).unwrap();
        prop_assert_eq!(p.group_data_cipher(), Some(group));
        prop_assert!(p.pairwise_ciphers().eq(pairwise.iter().copied()));
        prop_assert!(p.akms().eq(akms.iter().copied()));
        if let Some(c) = caps {
            prop_assert_eq!(p.capabilities().unwrap().bits(), c);
        }
        let want: Vec<PmkId> = pmkids.clone().unwrap_or_default();
        prop_assert!(p.pmkids().iter().eq(want.iter().copied()));
        for id in &want {
            prop_assert!(p.pmkids().contains(id));
        }
        prop_assert_eq!(p.group_management_cipher(), gm);
        let mut again = [0u8; 300];
        let m = p.write(&mut again).unwrap();
        prop_assert_eq!(&again[..m], &out[..n]);
        let _ = PmkIds::from(&want[..]);
    }

    /// Any bytes: the RSNE, WPA element, RSNXE, MDE, TIE, OCI, FTE and KDE parsers return an
    /// error or a value that rebuilds to the same octets; none panics.
    #[test]
    fn parsers_on_any_bytes(body in prop::collection::vec(any::<u8>(), 0..80), id in any::<u8>()) {
        let mut e = vec![id, body.len() as u8];
        e.extend_from_slice(&body);
        let mut out = [0u8; 300];
        if let Ok(r) = Rsne::parse(&e) {
            let n = r.write(&mut out).unwrap();
            prop_assert_eq!(&out[..n], &e[..]);
        }
        if let Ok(r) = Rsne::parse_wpa(&e) {
            let n = r.write(&mut out).unwrap();
            prop_assert_eq!(&out[..n], &e[..]);
        }
        for item in kde::kdes(&body) {
            let _ = item;
        }
        let _ = (Mde::parse(&e), TimeoutInterval::parse(&e), kde::find_pmkid(&body));
        let _ = (kde::find_bigtk(&body), kde::find_gtk(&body), kde::find_igtk(&body));
        for akm in [Akm::FtPsk, Akm::FtIeee8021xSha384] {
            if let Ok(f) = Fte::parse(&suite_of(akm, Cipher::Ccmp128), &e) {
                let _ = (f.gtk_subelement(), f.igtk_subelement(), f.bigtk_subelement(), f.oci());
            }
        }
        let _ = R0khId::new(&body);
    }
}

/// Every AKM the builder serves, with every cipher it combines with: the suite's descriptor
/// version (1, 2, 3 or AKM-defined), MIC length (16 or 24) and Key Data encryption (RC4 or AES
/// Key Wrap).
fn suites() -> Vec<(Akm, Cipher)> {
    let mut v = Vec::new();
    for akm in Akm::ALL {
        for cipher in Cipher::ALL {
            if akm.combines_with(cipher) {
                v.push((akm, cipher));
            }
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every message of both handshakes, for every suite: built, then read as the message it
    /// is, the MIC verifying under the right key only, the Key Data decrypting to what was put
    /// in (AES Key Wrap adds its `0xdd 00..` padding after it).
    #[test]
    fn every_message_of_every_suite_round_trips(
        pair in prop::sample::select(suites()),
        key in any::<[u8; 32]>(),
        replay in any::<u64>(),
        nonce in any::<[u8; 32]>(),
        iv in any::<[u8; 16]>(),
        rsc in any::<[u8; 8]>(),
        kd in prop::collection::vec(any::<u8>(), 1..200),
    ) {
        let (akm, cipher) = pair;
        let suite = suite_of(akm, cipher);
        let kck = Kck::from_bytes(&key[..akm.kck_len()]).unwrap();
        let kek = Kek::from_bytes(&key[..akm.kek_len()]).unwrap();
        let other = Kck::from_bytes(&[0x5a; 32][..akm.kck_len()]).unwrap();
        let n = Nonce::new(nonce);
        let builders = [
            (Message::Pairwise1, Builder::message1(&suite, replay, &n).key_data(&kd)),
            (Message::Pairwise2, Builder::message2(&suite, replay, &n, &kd, &kck)),
            (Message::Pairwise3, Builder::message3(&suite, replay, &n, &kd, &kck, &kek)),
            (Message::Pairwise4, Builder::message4(&suite, replay, &kck)),
            (Message::Group1, Builder::group1(&suite, replay, &kd, &kck, &kek)),
            (Message::Group2, Builder::group2(&suite, replay, &kck)),
        ];
        for (message, b) in builders {
            let b = b.iv(iv).rsc(rsc);
            let mut out = vec![0u8; b.frame_len().unwrap() + 300];
            let len = b.write(&mut out).unwrap();
            prop_assert_eq!(len, b.frame_len().unwrap());
            let got = Received::parse(&suite, &out[..len]).unwrap();
            prop_assert_eq!(got.message(), message);
            prop_assert_eq!(got.replay_counter(), replay);
            prop_assert_eq!(got.view().key_info().descriptor_version(), akm.descriptor_version(cipher));
            prop_assert_eq!(got.view().rsc(), rsc);
            if message.has_mic() {
                prop_assert!(got.verify_mic(&kck).is_ok());
                prop_assert_eq!(got.verify_mic(&other), Err(Error::MicMismatch));
            }
            let mut plain = [0u8; 512];
            let opened = got.key_data(&kek, &mut plain).unwrap();
            let want: &[u8] = match message {
                Message::Pairwise1 | Message::Pairwise2 | Message::Pairwise3 | Message::Group1 => &kd,
                _ => &[],
            };
            prop_assert_eq!(&opened[..want.len()], want);
            // Padding only: 0xdd then zeros.
            let pad = &opened[want.len()..];
            prop_assert!(pad.is_empty() || (pad[0] == 0xdd && pad[1..].iter().all(|&b| b == 0)));
        }
    }

    /// The KDE writer and the typed walk agree, for any keys, IDs and counters.
    #[test]
    fn kde_writer_round_trip(
        key in any::<[u8; 32]>(),
        gtk_id in 0u8..4,
        tx in any::<bool>(),
        pn in any::<[u8; 6]>(),
        link in 0u8..16,
        mac in any::<[u8; 6]>(),
        lifetime in any::<u32>(),
    ) {
        use ieee80211_keys::{Bigtk, Gtk, Igtk, MacAddr};
        let (gtk, igtk, bigtk) = (
            Gtk::from_bytes(&key).unwrap(),
            Igtk::from_bytes(&key[..16]).unwrap(),
            Bigtk::from_bytes(&key).unwrap(),
        );
        let mac = MacAddr::new(mac);
        let mut kd = [0u8; 400];
        let mut w = KdeWriter::new(&mut kd);
        w.gtk(gtk_id, tx, &gtk).unwrap().igtk(4 + u16::from(tx), pn, &igtk).unwrap();
        w.bigtk(7, pn, &bigtk).unwrap().lifetime(lifetime).unwrap();
        w.mlo_link(link, &mac, None, None).unwrap().mlo_gtk(link, gtk_id, tx, pn, &gtk).unwrap();
        let n = w.len();
        let all: Vec<Kde<'_>> = kde::kdes(&kd[..n]).collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(all.len(), 6);
        prop_assert!(matches!(all[0], Kde::Gtk(g) if g.key_id() == gtk_id && g.tx() == tx));
        prop_assert!(matches!(all[1], Kde::Igtk(g) if g.ipn() == pn));
        prop_assert!(matches!(all[2], Kde::Bigtk(g) if g.key_id() == 7 && g.bipn() == pn));
        prop_assert!(matches!(all[3], Kde::Lifetime(l) if l == lifetime));
        prop_assert!(matches!(all[4], Kde::MloLink(l) if l.link_id == link && l.mac == mac));
        prop_assert!(matches!(all[5], Kde::MloGtk(g) if g.link_id() == link && g.pn() == pn));
        prop_assert_eq!(kde::find_gtk(&kd[..n]).unwrap().unwrap().gtk_bytes(), &key[..]);
    }
}
