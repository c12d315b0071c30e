//! The frames layer's parsers: RSNE, WPA element and RSNXE; typed KDEs and the KDE writer; the
//! MDE, TIE, OCI element and the FTE's typed subelements with the FTE builder; the typed read
//! of an EAPOL-Key frame with the builder. Each parses any bytes (an error or a value, never a
//! panic), builds again from what it parsed and parses that: the same values, and where the
//! element is carried whole, the same octets.

use ieee80211_keys::eapol::KeyDataItem;
use ieee80211_keys::eapol_key::{Builder, Message, Received};
use ieee80211_keys::ft::Fte;
use ieee80211_keys::ft_elements::{Mde, TimeoutInterval};
use ieee80211_keys::kde::{self, Kde, KdeWriter};
use ieee80211_keys::oci::Oci;
use ieee80211_keys::rsne::{Rsne, Rsnxe};
use ieee80211_keys::{Akm, Cipher, Error, Kck, Kek, Suite};

use super::input::{fuzz_input, Rest};
use super::naive;

fuzz_input!(
    /// An element's bytes, whole (ID and length included, perhaps wrong).
    ElementInput {
        element: Rest<'a>,
    }
);

/// RSNE, WPA element and RSNXE: parse, build, parse; the AP's check of one element against
/// another parsed from the same bytes, shifted.
pub fn rsne(data: &[u8]) {
    let e = ElementInput::read(data).element.0;
    let mut out = [0u8; 300];
    for parsed in [Rsne::parse(e), Rsne::parse_wpa(e)] {
        let Ok(r) = parsed else { continue };
        let n = r.write(&mut out).expect("a parsed element builds");
        assert_eq!(&out[..n], e, "parse then build gives the element");
        let again = Rsne::parse_wpa(&out[..n]).or_else(|_| Rsne::parse(&out[..n])).unwrap();
        assert_eq!(again.len(), r.len());
        assert!(again.akms().eq(r.akms()) && again.pairwise_ciphers().eq(r.pairwise_ciphers()));
        assert_eq!(again.capabilities(), r.capabilities());
        assert!(again.pmkids().iter().eq(r.pmkids().iter()));
        // The AP's check against itself: no panic; when it accepts, the choice is on offer.
        if let Ok(n) = r.check_choice(&again) {
            assert!(r.offers(n.akm, n.pairwise));
        }
        assert_eq!(r.write(&mut out[..n - 1]), Err(Error::BufferSize { needed: n, len: n - 1 }));
    }
    if let Ok(x) = Rsnxe::parse(e) {
        let n = x.write_to(&mut out).unwrap();
        assert_eq!(&out[..n], e);
        let body = &e[2..];
        for bit in 0..(8 * body.len() as u16 + 8) {
            let octet = body.get(usize::from(bit / 8)).copied().unwrap_or(0);
            assert_eq!(x.bit(bit), bit >= 4 && octet & (1 << (bit % 8)) != 0);
        }
    }
}

fuzz_input!(
    /// Decrypted Key Data.
    KdeInput {
        key_data: Rest<'a>,
    }
);

/// Typed KDEs: every known KDE that parses is written again by the KDE writer from its typed
/// value, giving the same octets; no key bytes in Debug.
pub fn kde_typed(data: &[u8]) {
    let kd = KdeInput::read(data).key_data.0;
    let mut raw = ieee80211_keys::eapol::Kdes::new(kd);
    let mut out = [0u8; 300];
    for typed in kde::kdes(kd) {
        let item = raw.next().expect("the typed walk follows the plain one");
        let Ok(kde) = typed else {
            break;
        };
        let item = item.expect("a typed item is a well-formed item");
        let (want, secret): (Vec<u8>, &[u8]) = match item {
            KeyDataItem::Element { id, body } => {
                ([&[id, body.len() as u8][..], body].concat(), &[])
            }
            KeyDataItem::Kde { oui, data_type, data } => {
                ([&[0xdd, data.len() as u8 + 4][..], &oui, &[data_type], data].concat(), data)
            }
        };
        let keyed = matches!(
            kde,
            Kde::Gtk(_)
                | Kde::Igtk(_)
                | Kde::Bigtk(_)
                | Kde::MloGtk(_)
                | Kde::MloIgtk(_)
                | Kde::MloBigtk(_)
        );
        if keyed {
            naive::assert_no_key(&format!("{kde:?}"), secret, "typed KDE Debug");
        }
        let mut w = KdeWriter::new(&mut out);
        let written = match kde {
            // The writer sets reserved bits to zero (12.7.2): compare only where they are.
            Kde::Gtk(_) if secret[0] & 0xf8 != 0 || secret[1] != 0 => None,
            Kde::Gtk(g) => g.gtk().ok().map(|k| w.gtk(g.key_id(), g.tx(), &k).map(drop)),
            Kde::Igtk(g) => g.igtk().ok().map(|k| w.igtk(g.key_id(), g.ipn(), &k).map(drop)),
            Kde::Bigtk(g) => g.bigtk().ok().map(|k| w.bigtk(g.key_id(), g.bipn(), &k).map(drop)),
            Kde::PmkId(p) => Some(w.pmkid(&p).map(drop)),
            Kde::MacAddress(m) => Some(w.mac_address(&m).map(drop)),
            Kde::Lifetime(l) => Some(w.lifetime(l).map(drop)),
            Kde::Oci(o) => Some(w.oci(&o).map(drop)),
            Kde::MloLink(l) => Some(w.mlo_link(l.link_id, &l.mac, l.rsne, l.rsnxe).map(drop)),
            Kde::MloGtk(_) if secret[0] & 0x08 != 0 => None,
            Kde::MloGtk(g) => g
                .gtk()
                .ok()
                .map(|k| w.mlo_gtk(g.link_id(), g.key_id(), g.tx(), g.pn(), &k).map(drop)),
            Kde::MloIgtk(g) => {
                g.igtk().ok().map(|k| w.mlo_igtk(g.link_id(), g.key_id(), g.pn(), &k).map(drop))
            }
            Kde::MloBigtk(g) => {
                g.bigtk().ok().map(|k| w.mlo_bigtk(g.link_id(), g.key_id(), g.pn(), &k).map(drop))
            }
            // Reserved bits and a longer bitmap are not kept by these two.
            Kde::KeyId(_) | Kde::TransitionDisable(_) => None,
            Kde::Other(_) => None,
            _ => None,
        };
        if let Some(result) = written {
            result.expect("a parsed KDE is written again");
            let n = w.len();
            assert_eq!(&out[..n], &want[..], "KDE rebuilt from its typed value");
            let again: Vec<_> = kde::kdes(&out[..n]).collect();
            assert!(again.len() == 1 && again[0].is_ok());
        }
    }
    let _ = (kde::find_pmkid(kd), kde::find_bigtk(kd));
    let _ = kde::verify_oci(kd, &Oci::new(81, 6, 0));
}

fuzz_input!(
    /// An FT AKM, a KEK, an element.
    FtElementsInput {
        akm: Akm,
        kek: &'a [u8],
        element: Rest<'a>,
    }
);

/// MDE, TIE and OCI element round trips; the FTE's typed subelements, unwrapped with any KEK;
/// an FTE of nonces and key holder IDs only rebuilt by the FTE builder to the same octets.
pub fn ft_elements(data: &[u8]) {
    let i = FtElementsInput::read(data);
    let e = i.element.0;
    let mut out = [0u8; 300];
    if let Ok(m) = Mde::parse(e) {
        let n = m.write(&mut out).unwrap();
        assert_eq!(&out[..n], e);
    }
    if let Ok(t) = TimeoutInterval::parse(e) {
        let n = t.write(&mut out).unwrap();
        assert_eq!(&out[..n], e);
    }
    if let Ok(o) = Oci::parse_element(e) {
        let n = o.write_element(&mut out).unwrap();
        assert_eq!(&out[..n], e);
    }
    let Ok(suite) = Suite::new(i.akm, Cipher::Ccmp128, i.akm.pmk_len()) else { return };
    let Ok(fte) = Fte::parse(&suite, e) else { return };
    let kek = Kek::from_bytes(i.kek).ok();
    if let (Ok(Some(g)), Some(kek)) = (fte.gtk_subelement(), &kek) {
        match g.unwrap(kek) {
            // The subelement holds only the wrapped key (public); the GTK's own Debug is checked.
            Ok(gtk) => naive::assert_no_key(&format!("{gtk:?}"), gtk.as_bytes(), "GTK"),
            Err(e) => assert!(matches!(e, Error::UnwrapFailed | Error::InvalidLength { .. })),
        }
    }
    for sub in [fte.igtk_subelement(), fte.bigtk_subelement()] {
        if let (Ok(Some(s)), Some(kek)) = (sub, &kek) {
            let _ = (s.unwrap_igtk(kek), s.unwrap_bigtk(kek));
        }
    }
    let _ = fte.oci();
    // Subelements the builder writes from values alone: R1KH-ID then R0KH-ID, nothing else.
    let subs: Vec<(u8, &[u8])> = {
        let mut v = Vec::new();
        let mut rest = fte.subelements();
        while let [id, len, tail @ ..] = rest {
            let (d, r) = tail.split_at(usize::from(*len));
            v.push((*id, d));
            rest = r;
        }
        v
    };
    let ids: Vec<u8> = subs.iter().map(|s| s.0).collect();
    if ![&[][..], &[1], &[3], &[1, 3]].contains(&&ids[..]) {
        return;
    }
    let n = super::rebuild::rebuild_fte(&suite, &fte, &mut out);
    // MIC Control: the builder keeps RSNXE Used and writes the MIC Length subfield (bits 1 to
    // 3: 0, 1, 2 for a 16-, 24-, 32-octet MIC); the other bits are not kept.
    let mut want = e.to_vec();
    want[2] = (want[2] & 1) | (((fte.mic().len() / 8 - 2) as u8) << 1);
    assert_eq!(&out[..n], &want[..], "FTE rebuilt");
}

fuzz_input!(
    /// A suite, a KCK and a KEK of any length, a frame.
    EapolKeyInput {
        akm: Akm,
        cipher: Cipher,
        kck: &'a [u8],
        kek: &'a [u8],
        frame: Rest<'a>,
    }
);

/// The typed read of an EAPOL-Key frame, then the builder from what it read (plaintext Key
/// Data, decrypted where a KEK is given), then the typed read of that: the same message, replay
/// counter, nonce and Key Data, and a MIC that verifies.
pub fn eapol_key(data: &[u8]) {
    let i = EapolKeyInput::read(data);
    let (akm, cipher) = (i.akm, i.cipher);
    let Ok(suite) = Suite::new(akm, cipher, akm.pmk_len()) else { return };
    let Ok(got) = Received::parse(&suite, i.frame.0) else { return };
    let (Ok(kck), Ok(kek)) = (Kck::from_bytes(i.kck), Kek::from_bytes(i.kek)) else { return };
    if kck.len() != akm.kck_len() || kek.len() != akm.kek_len() {
        return;
    }
    let view = *got.view();
    let mut plain = [0u8; 1100];
    let Ok(kd) = got.key_data(&kek, &mut plain) else { return };
    let kd: Vec<u8> = kd.to_vec();
    let (replay, nonce, wpa) =
        (view.replay_counter(), view.nonce(), view.descriptor_type().octet() == 254);
    let b = match got.message() {
        Message::Pairwise1 => Builder::message1(&suite, replay, &nonce).key_data(&kd),
        Message::Pairwise2 => Builder::message2(&suite, replay, &nonce, &kd, &kck),
        Message::Pairwise3 => Builder::message3(&suite, replay, &nonce, &kd, &kck, &kek),
        Message::Pairwise4 => Builder::message4(&suite, replay, &kck).key_data(&kd).nonce(&nonce),
        Message::Group1 => Builder::group1(&suite, replay, &kd, &kck, &kek).nonce(&nonce),
        Message::Group2 => Builder::group2(&suite, replay, &kck).key_data(&kd).nonce(&nonce),
    };
    let b = if wpa { b.wpa(view.key_info().key_index()) } else { b };
    let b = b.iv(view.iv()).rsc(view.rsc()).key_length(view.key_length());
    let mut out = vec![0u8; 2200];
    let n = match b.write(&mut out) {
        Ok(n) => n,
        // Key Data too long for one frame after padding and wrapping.
        Err(Error::InvalidLength { .. } | Error::BufferSize { .. }) => return,
        // A WPA message 4/4 read by its Secure bit, with Key Data: rebuilt without Secure
        // (as WPA sends it) it would read as message 2/4.
        Err(Error::Refused { element: "EAPOL-Key message 4/4", .. }) => return,
        Err(e) => panic!("a parsed frame does not build: {e}"),
    };
    let again = Received::parse(&suite, &out[..n]).expect("a built frame parses");
    assert_eq!(again.message(), got.message());
    assert_eq!(again.replay_counter(), replay);
    assert_eq!(again.view().nonce(), nonce);
    if got.message().has_mic() {
        again.verify_mic(&kck).expect("the builder's MIC verifies");
    }
    let mut plain2 = [0u8; 1100];
    let kd2 = again.key_data(&kek, &mut plain2).expect("the built Key Data decrypts");
    // AES Key Wrap adds padding the first frame's plaintext may not have had.
    assert_eq!(&kd2[..kd.len()], &kd[..]);
}
