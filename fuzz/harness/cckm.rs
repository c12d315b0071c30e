//! Cisco CCKM: the reassociation request and response elements (parse, verify, decrypt,
//! build), the rekey-number guard, and the base-key and per-roam PTK derivations.

use ieee80211_keys::cckm::{
    BaseKeys, GroupKey, Krk, Protocol, ReassocRequest, ReassocResponse, RekeyGuard, RekeyNumber,
};
use ieee80211_keys::{Akm, Cipher, Error, Gtk, MacAddr, Nonce, Pmk, Ptk};
use ieee80211_keys::{Pairwise, Suite};

use super::input::{fuzz_input, Rest};
use super::naive::{self, H};

const HEADER: [u8; 4] = [0x00, 0x40, 0x96, 0x00];

/// The element's MIC hash by protocol (cckm.md §6, §7).
fn naive_hash(protocol: Protocol) -> H {
    match protocol {
        Protocol::Wpa => H::Md5,
        Protocol::Rsn => H::Sha1,
        _ => unreachable!("a variant this check does not know yet"),
    }
}

/// A CCKM element's header: ID 156, a length octet that matches, OUI 00-40-96 and type 0.
fn naive_header_ok(e: &[u8]) -> bool {
    e.len() >= 6 && e[0] == 0x9c && usize::from(e[1]) + 2 == e.len() && e[2..6] == HEADER
}

fuzz_input!(
    /// A request element and what the AP verifies it with, and its replay state.
    RequestInput {
        protocol: Protocol,
        krk: &'a [u8],
        sta: [u8; 6],
        bssid: [u8; 6],
        sta_rsne: &'a [u8],
        ap_tsf: u64,
        tolerance: u64,
        last_rn: u32,
        element: Rest<'a>,
    }
);

/// `ReassocRequest` parse, round trip, verify and build against the naive MIC, and the
/// `RekeyGuard` rules.
pub fn cckm_request(data: &[u8]) {
    let i = RequestInput::read(data);
    let e = i.element.0;
    let parsed = ReassocRequest::parse(e);
    assert_eq!(parsed.is_ok(), naive_header_ok(e) && e.len() == 26, "request parse");
    let (sta, bssid) = (MacAddr::new(i.sta), MacAddr::new(i.bssid));
    let krk = Krk::from_bytes(i.krk);
    assert_eq!(krk.is_ok(), i.krk.len() == 16);

    if let Ok(req) = parsed {
        assert_eq!(req.to_bytes(), e, "request round trip");
        assert_eq!(req.timestamp().to_le_bytes(), e[6..14]);
        assert_eq!(req.rekey_number().to_le_bytes(), e[14..18]);
        assert_eq!(req.mic().as_bytes(), &e[18..26]);
        let _ = format!("{req:?}");
        if let Ok(krk) = &krk {
            let data = naive::cat(&[&i.sta, &i.bssid, i.sta_rsne, &e[6..18]]);
            let expected = naive::hmac(naive_hash(i.protocol), i.krk, &data);
            let verified = req.verify(i.protocol, krk, &sta, &bssid, i.sta_rsne);
            assert_eq!(verified.is_ok(), expected[..8] == e[18..26], "request verify");
            match verified {
                Ok(v) => guard(&i, v),
                Err(err) => assert_eq!(err, Error::MicMismatch),
            }
        }
    }

    // The station's side: build, serialise, parse and verify; the MIC is the naive one.
    let Ok(krk) = krk else { return };
    let rn = RekeyNumber::new(i.last_rn);
    let req = ReassocRequest::build(i.protocol, &krk, &sta, &bssid, i.sta_rsne, i.ap_tsf, rn)
        .expect("build");
    let bytes = req.to_bytes();
    let data =
        naive::cat(&[&i.sta, &i.bssid, i.sta_rsne, &i.ap_tsf.to_le_bytes(), &rn.to_le_bytes()]);
    assert_eq!(req.mic().as_bytes(), &naive::hmac(naive_hash(i.protocol), i.krk, &data)[..8]);
    let again = ReassocRequest::parse(&bytes).expect("parse of a built request");
    assert_eq!(again, req);
    assert!(again.verify(i.protocol, &krk, &sta, &bssid, i.sta_rsne).is_ok());
    let other = match i.protocol {
        Protocol::Wpa => Protocol::Rsn,
        Protocol::Rsn => Protocol::Wpa,
        _ => unreachable!("a variant this check does not know yet"),
    };
    assert_eq!(again.verify(other, &krk, &sta, &bssid, i.sta_rsne).err(), Some(Error::MicMismatch));

    let mut station = rn;
    match station.advance() {
        Ok(next) => assert_eq!(next.get(), i.last_rn + 1),
        Err(e) => {
            assert_eq!(e, Error::RekeyNumberExhausted);
            assert_eq!(station, rn);
        }
    }
}

/// The AP's replay rules for a verified request: fresh timestamp, strictly larger RN.
fn guard(i: &RequestInput<'_>, v: ieee80211_keys::cckm::VerifiedRequest) {
    let mut g = RekeyGuard::resume(RekeyNumber::new(i.last_rn));
    let before = g;
    let fresh = v.timestamp().abs_diff(i.ap_tsf) <= i.tolerance;
    let larger = v.rekey_number().get() > i.last_rn;
    match g.accept(&v, i.ap_tsf, i.tolerance) {
        Ok(rn) => {
            assert!(fresh && larger);
            assert_eq!(rn, v.rekey_number());
            assert_eq!(g.last(), rn);
            // The same request again is a replay.
            assert!(matches!(
                g.accept(&v, i.ap_tsf, i.tolerance),
                Err(Error::RekeyNumberNotFresh { .. })
            ));
        }
        Err(Error::TimestampNotFresh) => {
            assert!(!fresh);
            assert_eq!(g, before);
        }
        Err(Error::RekeyNumberNotFresh { received, last }) => {
            assert!(fresh && !larger);
            assert_eq!((received, last), (v.rekey_number().get(), i.last_rn));
            assert_eq!(g, before);
        }
        Err(e) => panic!("guard: {e}"),
    }
}

fuzz_input!(
    /// A response element, the PTK and the station's expectations; a GTK to build one.
    ResponseInput {
        protocol: Protocol,
        ptk_akm: Akm,
        pairwise: Cipher,
        ptk: &'a [u8],
        sta: [u8; 6],
        ap_rsne: &'a [u8],
        expected_rn: u32,
        group_cipher: Cipher,
        gtk: &'a [u8],
        key_id: u8,
        rsc: [u8; 8],
        out_len: u16,
        element: Rest<'a>,
    }
);

/// The EGTK decrypted by cckm.md §8 and §9 items 1 and 2: the protocol's own method when the
/// length fits it, else the other one.
fn naive_open(
    protocol: Protocol,
    kek: &[u8],
    rn: [u8; 4],
    gtk_len: usize,
    egtk: &[u8],
) -> Option<Vec<u8>> {
    let rc4_first = protocol == Protocol::Wpa;
    let (first, second) = if rc4_first { (0, 8) } else { (8, 0) };
    let rc4 = if egtk.len() == gtk_len + first {
        rc4_first
    } else if egtk.len() == gtk_len + second {
        !rc4_first
    } else {
        return None;
    };
    if rc4 {
        Some(naive::rc4_skip256(&naive::cat(&[&rn, kek]), egtk))
    } else {
        naive::aes_unwrap(kek, egtk)
    }
}

/// `ReassocResponse` parse, verify-and-decrypt and build against the naive MIC and decryption.
pub fn cckm_response(data: &[u8]) {
    let i = ResponseInput::read(data);
    let e = i.element.0;
    let parsed = ReassocResponse::parse(e);
    let naive_ok = naive_header_ok(e)
        && e.len() >= 30
        && usize::from(u16::from_le_bytes([e[20], e[21]])) == e.len() - 30;
    assert_eq!(parsed.is_ok(), naive_ok, "response parse");
    let sta = MacAddr::new(i.sta);
    let ptk = Suite::new(i.ptk_akm, i.pairwise, i.ptk_akm.pmk_len())
        .and_then(|suite| Ptk::from_bytes(&suite, i.ptk));

    if let Ok(resp) = &parsed {
        assert_eq!(resp.as_bytes(), e);
        assert_eq!(resp.rekey_number().to_le_bytes(), e[6..10]);
        assert_eq!([resp.unicast_key_id(), resp.multicast_key_id()], e[10..12]);
        assert_eq!(resp.rsc(), &e[12..20]);
        assert_eq!(resp.mic().as_bytes(), &e[22..30]);
        assert_eq!(resp.encrypted_gtk(), &e[30..]);
        let _ = format!("{resp:?}");
        if let Ok(ptk) = &ptk {
            let rn = RekeyNumber::new(i.expected_rn);
            let got = resp.verify_and_decrypt(i.protocol, ptk, &sta, i.ap_rsne, rn, i.group_cipher);
            let expected = naive_verify_and_decrypt(&i, ptk, e);
            match (got, expected) {
                (Ok(gtk), Ok(n)) => {
                    assert_eq!(gtk.as_bytes(), &n[..]);
                    naive::assert_no_key(&format!("{gtk:?}"), &n, "Gtk Debug");
                }
                (Err(a), Err(b)) => {
                    assert_eq!(std::mem::discriminant(&a), std::mem::discriminant(&b), "{a} / {b}")
                }
                (a, b) => panic!("verify_and_decrypt: library {a:?}, naive {b:?}"),
            }
        }
    }

    // The AP's side: build into a buffer of the fuzzer's size, then the station opens it.
    let (Ok(ptk), Ok(gtk)) = (ptk, Gtk::from_bytes(i.gtk)) else { return };
    let rn = RekeyNumber::new(i.expected_rn);
    let group = GroupKey { gtk: &gtk, key_id: i.key_id, rsc: i.rsc };
    let mut out = vec![0u8; usize::from(i.out_len) % 300];
    let built = ReassocResponse::build(i.protocol, &ptk, &sta, i.ap_rsne, rn, &group, &mut out);
    let wrap_overhead = if i.protocol == Protocol::Rsn { 8 } else { 0 };
    let total = 30 + i.gtk.len() + wrap_overhead;
    match built {
        Ok(n) => {
            assert_eq!(ptk.akm(), Akm::Cckm);
            assert_eq!(n, total);
            let element = &out[..n];
            let resp = ReassocResponse::parse(element).expect("parse of a built response");
            let opened = resp
                .verify_and_decrypt(
                    i.protocol,
                    &ptk,
                    &sta,
                    i.ap_rsne,
                    rn,
                    group_cipher_of(i.gtk.len()),
                )
                .expect("the station opens what the AP built");
            assert_eq!(opened.as_bytes(), i.gtk);
            let mic_data = naive::cat(&[&i.sta, i.ap_rsne, &element[6..22], &element[30..]]);
            let mic = naive::hmac(naive_hash(i.protocol), ptk.kck().as_bytes(), &mic_data);
            assert_eq!(&element[22..30], &mic[..8]);
            let egtk = naive_open(
                i.protocol,
                ptk.kek().as_bytes(),
                rn.to_le_bytes(),
                i.gtk.len(),
                &element[30..],
            );
            assert_eq!(egtk.as_deref(), Some(i.gtk));
            let egtk = &element[30..];
            assert!(!egtk.windows(i.gtk.len()).any(|w| w == i.gtk), "the GTK in clear");
        }
        Err(Error::NotForAkm { .. }) => assert_ne!(ptk.akm(), Akm::Cckm),
        Err(Error::BufferSize { needed, len }) => assert!(needed == total && len < total),
        Err(err) => panic!("build: {err}"),
    }
}

/// A group cipher with a GTK of this many octets.
fn group_cipher_of(len: usize) -> Cipher {
    if len == 16 {
        Cipher::Ccmp128
    } else {
        Cipher::Tkip
    }
}

fn naive_verify_and_decrypt(i: &ResponseInput<'_>, ptk: &Ptk, e: &[u8]) -> Result<Vec<u8>, Error> {
    if ptk.akm() != Akm::Cckm {
        return Err(Error::NotForAkm { akm: ptk.akm(), operation: "" });
    }
    let rn = u32::from_le_bytes([e[6], e[7], e[8], e[9]]);
    if rn != i.expected_rn {
        return Err(Error::RekeyNumberMismatch { expected: i.expected_rn, received: rn });
    }
    let data = naive::cat(&[&i.sta, i.ap_rsne, &e[6..22], &e[30..]]);
    if naive::hmac(naive_hash(i.protocol), ptk.kck().as_bytes(), &data)[..8] != e[22..30] {
        return Err(Error::MicMismatch);
    }
    let gtk_len = naive::tk_len(i.group_cipher);
    let egtk = &e[30..];
    let own = if i.protocol == Protocol::Wpa { 0 } else { 8 };
    if egtk.len() != gtk_len + own && egtk.len() != gtk_len + (8 - own) {
        return Err(Error::MalformedElement { reason: "" });
    }
    naive_open(i.protocol, ptk.kek().as_bytes(), rn.to_le_bytes(), gtk_len, egtk)
        .ok_or(Error::UnwrapFailed)
}

fuzz_input!(
    /// The base keys' inputs and one roam.
    CckmDeriveInput {
        nsk: &'a [u8],
        bssid: [u8; 6],
        sta: [u8; 6],
        snonce: [u8; 32],
        anonce: [u8; 32],
        rn: u32,
        new_bssid: [u8; 6],
        cipher: Cipher,
        rest: Rest<'a>,
    }
);

/// `BaseKeys::derive` and `Btk::ptk` against cckm.md §3 and §4 transcribed naively.
pub fn derive_cckm(data: &[u8]) {
    let i = CckmDeriveInput::read(data);
    let nsk = Pmk::from_bytes(i.nsk);
    assert_eq!(nsk.is_ok(), matches!(i.nsk.len(), 32 | 48 | 64));
    let Ok(nsk) = nsk else { return };
    let (bssid, sta) = (MacAddr::new(i.bssid), MacAddr::new(i.sta));
    let base = BaseKeys::derive(
        &nsk,
        &Pairwise {
            aa: bssid,
            spa: sta,
            anonce: Nonce::new(i.anonce),
            snonce: Nonce::new(i.snonce),
        },
    )
    .expect("base keys from any PMK");
    let expected = naive::prf(
        i.nsk,
        b"Fast-Roam Generate Base Key",
        &naive::cat(&[&i.bssid, &i.sta, &i.snonce, &i.anonce]),
        48,
    );
    assert_eq!(base.krk().as_bytes(), &expected[..16]);
    assert_eq!(base.btk().as_bytes(), &expected[16..]);
    let debug = format!("{base:?}");
    naive::assert_no_key(&debug, &expected[..16], "BaseKeys Debug");
    naive::assert_no_key(&debug, &expected[16..], "BaseKeys Debug");

    let rn = RekeyNumber::new(i.rn);
    let new_bssid = MacAddr::new(i.new_bssid);
    let ptk = base.btk().ptk(rn, &new_bssid, i.cipher);
    if !naive::combines(Akm::Cckm, i.cipher) {
        assert!(matches!(ptk, Err(Error::UnsupportedCombination { .. })));
        return;
    }
    let ptk = ptk.expect("a CCKM PTK");
    let len = 32 + naive::tk_len(i.cipher);
    let expected =
        naive::cckm_prf(&expected[16..], &naive::cat(&[&i.rn.to_le_bytes(), &i.new_bssid]), len);
    assert_eq!(ptk.kck().as_bytes(), &expected[..16]);
    assert_eq!(ptk.kek().as_bytes(), &expected[16..32]);
    assert_eq!(ptk.tk().as_bytes(), &expected[32..]);
    assert_eq!((ptk.akm(), ptk.cipher()), (Akm::Cckm, i.cipher));
}
