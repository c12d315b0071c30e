//! Cisco CCKM: no published vector exists (`docs/cckm.md`), so these tests
//! - drive a station and an AP as two parties through a chain of roams and check that they agree
//!   on every key;
//! - transcribe every formula and element a second, naive way (plain hmac/sha1/md5/aes calls,
//!   concatenated `Vec`s, one HMAC per block, a textbook RC4 and RFC 3394 loop) and compare on
//!   random inputs;
//! - tamper with every octet of both elements, replay and reorder rekey numbers, and feed random
//!   bytes to the parsers.

mod common;

use common::suite_of;
use ieee80211_keys::cckm::{
    self, BaseKeys, GroupKey, Protocol, ReassocRequest, ReassocResponse, RekeyGuard, RekeyNumber,
};
use ieee80211_keys::{prf, Akm, Cipher, Error, Gtk, MacAddr, Nonce, Pmk, Ptk};
use ieee80211_keys::{Pairwise, Suite};
use proptest::prelude::*;
use subtle::ConstantTimeEq;

/// The second transcription of `docs/cckm.md`, written from the spec text without the library.
mod naive {
    use aes::cipher::{BlockCipherEncrypt, KeyInit};
    use hmac::{Hmac, Mac};

    pub fn hmac_sha1(key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut m = <Hmac<sha1::Sha1> as hmac::KeyInit>::new_from_slice(key).unwrap();
        m.update(data);
        m.finalize().into_bytes().to_vec()
    }

    pub fn hmac_md5(key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut m = <Hmac<md5::Md5> as hmac::KeyInit>::new_from_slice(key).unwrap();
        m.update(data);
        m.finalize().into_bytes().to_vec()
    }

    /// 802.11 PRF: HMAC-SHA1(K, label || 0x00 || data || i), one HMAC per block.
    pub fn prf_sha1(key: &[u8], label: &[u8], data: &[u8], len: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0u8;
        while out.len() < len {
            let mut input = label.to_vec();
            input.push(0);
            input.extend_from_slice(data);
            input.push(i);
            out.extend(hmac_sha1(key, &input));
            i += 1;
        }
        out.truncate(len);
        out
    }

    /// CCKM's expansion: HMAC-SHA1(K, data || i), no label, no separator.
    pub fn cckm_prf(key: &[u8], data: &[u8], len: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0u8;
        while out.len() < len {
            let mut input = data.to_vec();
            input.push(i);
            out.extend(hmac_sha1(key, &input));
            i += 1;
        }
        out.truncate(len);
        out
    }

    /// (KRK, BTK) = PRF-384(NSK, "Fast-Roam Generate Base Key", BSSID|STA|SNonce|ANonce).
    pub fn base_keys(
        nsk: &[u8],
        bssid: &[u8],
        sta: &[u8],
        snonce: &[u8],
        anonce: &[u8],
    ) -> (Vec<u8>, Vec<u8>) {
        let data = [bssid, sta, snonce, anonce].concat();
        let out = prf_sha1(nsk, b"Fast-Roam Generate Base Key", &data, 48);
        (out[..16].to_vec(), out[16..].to_vec())
    }

    /// PTK = PRF'(BTK, LE32(RN) | BSSID), 48 octets for CCMP, 64 for TKIP.
    pub fn ptk(btk: &[u8], rn: u32, bssid: &[u8], tkip: bool) -> Vec<u8> {
        let data = [&rn.to_le_bytes()[..], bssid].concat();
        cckm_prf(btk, &data, if tkip { 64 } else { 48 })
    }

    fn mic8(rsn: bool, key: &[u8], data: &[u8]) -> Vec<u8> {
        let full = if rsn { hmac_sha1(key, data) } else { hmac_md5(key, data) };
        full[..8].to_vec()
    }

    /// The 26-octet request element.
    pub fn request(
        rsn: bool,
        krk: &[u8],
        sta: &[u8],
        bssid: &[u8],
        sta_rsne: &[u8],
        tsf: u64,
        rn: u32,
    ) -> Vec<u8> {
        let mic_data =
            [sta, bssid, sta_rsne, &tsf.to_le_bytes()[..], &rn.to_le_bytes()[..]].concat();
        let mut e = vec![156, 24, 0x00, 0x40, 0x96, 0x00];
        e.extend_from_slice(&tsf.to_le_bytes());
        e.extend_from_slice(&rn.to_le_bytes());
        e.extend(mic8(rsn, krk, &mic_data));
        e
    }

    /// Textbook RC4 with the first 256 keystream octets dropped.
    pub fn rc4_drop256(key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut s: Vec<u8> = (0..=255).collect();
        let mut j = 0u8;
        for i in 0..256 {
            j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
            s.swap(i, j as usize);
        }
        let (mut i, mut j) = (0u8, 0u8);
        let mut keystream = Vec::new();
        while keystream.len() < 256 + data.len() {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            keystream.push(s[s[i as usize].wrapping_add(s[j as usize]) as usize]);
        }
        data.iter().zip(&keystream[256..]).map(|(d, k)| d ^ k).collect()
    }

    /// RFC 3394 §2.2.1 key wrap with the default IV, AES-128 KEK.
    pub fn aes_wrap(kek: &[u8], p: &[u8]) -> Vec<u8> {
        let aes = aes::Aes128::new_from_slice(kek).unwrap();
        let n = p.len() / 8;
        let mut a = [0xa6u8; 8];
        let mut r: Vec<[u8; 8]> = p.chunks(8).map(|c| c.try_into().unwrap()).collect();
        for j in 0..6 {
            for (i, ri) in r.iter_mut().enumerate() {
                let mut b = [0u8; 16];
                b[..8].copy_from_slice(&a);
                b[8..].copy_from_slice(ri);
                let mut block = aes::Block::from(b);
                aes.encrypt_block(&mut block);
                let t = (n * j + i + 1) as u64;
                for (k, x) in t.to_be_bytes().iter().enumerate() {
                    a[k] = block[k] ^ x;
                }
                ri.copy_from_slice(&block[8..]);
            }
        }
        [a.to_vec(), r.concat()].concat()
    }

    /// The response element. `aes_kw` chooses the GTK encryption; the keys, the addressing
    /// and the group key come as the three pairs and triples of the element's roles.
    pub fn response(
        rsn: bool,
        aes_kw: bool,
        (kck, kek): (&[u8], &[u8]),
        (sta, ap_rsne): (&[u8], &[u8]),
        rn: u32,
        (mcast_key_id, rsc, gtk): (u8, &[u8; 8], &[u8]),
    ) -> Vec<u8> {
        let egtk = if aes_kw {
            aes_wrap(kek, gtk)
        } else {
            rc4_drop256(&[&rn.to_le_bytes()[..], kek].concat(), gtk)
        };
        let mut fields = rn.to_le_bytes().to_vec();
        fields.push(0);
        fields.push(mcast_key_id);
        fields.extend_from_slice(rsc);
        fields.extend_from_slice(&(egtk.len() as u16).to_le_bytes());
        let mic = mic8(rsn, kck, &[sta, ap_rsne, &fields, &egtk].concat());
        let mut e = vec![156, (28 + egtk.len()) as u8, 0x00, 0x40, 0x96, 0x00];
        e.extend(fields);
        e.extend(mic);
        e.extend(egtk);
        e
    }
}

fn ptk_bytes(p: &Ptk) -> Vec<u8> {
    [p.kck().as_bytes(), p.kek().as_bytes(), p.tk().as_bytes()].concat()
}

fn same_ptk(a: &Ptk, b: &Ptk) -> bool {
    bool::from(a.kck().ct_eq(b.kck()) & a.kek().ct_eq(b.kek()) & a.tk().ct_eq(b.tk()))
}

fn mac(last: u8) -> MacAddr {
    MacAddr::new([0x02, 0x11, 0x22, 0x33, 0x44, last])
}

/// An RSN element with the CCKM AKM, or a WPA element with it.
fn element(protocol: Protocol, pairwise: u8) -> Vec<u8> {
    match protocol {
        Protocol::Rsn => vec![
            0x30, 0x14, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, pairwise, 1, 0, 0x00,
            0x40, 0x96, 0x00, 0x28, 0x00,
        ],
        Protocol::Wpa => vec![
            0xdd, 0x16, 0x00, 0x50, 0xf2, 1, 1, 0, 0x00, 0x50, 0xf2, 2, 1, 0, 0x00, 0x50, 0xf2,
            pairwise, 1, 0, 0x00, 0x40, 0x96, 0x00,
        ],
        _ => unreachable!("a variant this check does not know yet"),
    }
}

const TOLERANCE: u64 = 1_000_000;

struct Station {
    sta: MacAddr,
    base: BaseKeys,
    rn: RekeyNumber,
    rsne: Vec<u8>,
}

struct Ap {
    bssid: MacAddr,
    rsne: Vec<u8>,
    gtk: Gtk,
    key_id: u8,
}

/// The infrastructure side (WLC): the base keys and the guard of one NSK.
struct Controller {
    base: BaseKeys,
    guard: RekeyGuard,
}

/// The station and the controller each derive from their own copy of the inputs, then roam
/// through four more APs with RN 2, 3, 4, 5; at every step both PTKs, the GTK and the PTK of
/// the naive transcription agree.
#[test]
fn station_and_ap_agree_through_a_chain_of_roams() {
    for protocol in [Protocol::Wpa, Protocol::Rsn] {
        for (cipher, group) in [
            (Cipher::Ccmp128, Cipher::Ccmp128),
            (Cipher::Tkip, Cipher::Tkip),
            (Cipher::Ccmp128, Cipher::Tkip),
        ] {
            let suite_type = if cipher == Cipher::Tkip { 2 } else { 4 };
            let aps: Vec<Ap> = (0..5u8)
                .map(|i| Ap {
                    bssid: MacAddr::new([0x00, 0x40, 0x96, 0xa0, 0x00, i]),
                    rsne: element(protocol, suite_type),
                    gtk: Gtk::from_bytes(&vec![0x30 + i; group.gtk_len()]).unwrap(),
                    key_id: 1 + i % 2,
                })
                .collect();
            let nsk_bytes = [0x6bu8; 32];
            let (snonce, anonce) = (Nonce::new([0x51; 32]), Nonce::new([0xa1; 32]));

            // Initial association with aps[0]: full 802.1X, then both derive the base keys.
            let sta = mac(0x01);
            let mut station = Station {
                sta,
                base: BaseKeys::derive(
                    &Pmk::from_bytes(&nsk_bytes).unwrap(),
                    &Pairwise { aa: aps[0].bssid, spa: sta, anonce, snonce },
                )
                .unwrap(),
                rn: RekeyNumber::INITIAL,
                rsne: element(protocol, suite_type),
            };
            let mut wlc = Controller {
                base: BaseKeys::derive(
                    &Pmk::from_bytes(&nsk_bytes).unwrap(),
                    &Pairwise { aa: aps[0].bssid, spa: sta, anonce, snonce },
                )
                .unwrap(),
                guard: RekeyGuard::new(),
            };
            let (krk, btk) = naive::base_keys(
                &nsk_bytes,
                aps[0].bssid.as_bytes(),
                sta.as_bytes(),
                snonce.as_bytes(),
                anonce.as_bytes(),
            );
            assert_eq!(station.base.krk().as_bytes(), &krk[..]);
            assert_eq!(station.base.btk().as_bytes(), &btk[..]);
            assert!(bool::from(station.base.krk().ct_eq(wlc.base.krk())));

            let first = station.base.btk().ptk(station.rn, &aps[0].bssid, cipher).unwrap();
            let ap_first = wlc.base.btk().ptk(RekeyNumber::INITIAL, &aps[0].bssid, cipher).unwrap();
            assert!(same_ptk(&first, &ap_first));
            let tkip = cipher == Cipher::Tkip;
            assert_eq!(ptk_bytes(&first), naive::ptk(&btk, 1, aps[0].bssid.as_bytes(), tkip));

            let mut seen = vec![ptk_bytes(&first)];
            for (step, ap) in aps.iter().enumerate().skip(1) {
                let tsf = 5_000_000 * step as u64 + 123;
                // Station.
                let rn = station.rn.advance().unwrap();
                assert_eq!(rn.get(), step as u32 + 1);
                let req = ReassocRequest::build(
                    protocol,
                    station.base.krk(),
                    &station.sta,
                    &ap.bssid,
                    &station.rsne,
                    tsf,
                    rn,
                )
                .unwrap();
                let req_bytes = req.to_bytes();
                assert_eq!(
                    req_bytes.to_vec(),
                    naive::request(
                        protocol == Protocol::Rsn,
                        &krk,
                        sta.as_bytes(),
                        ap.bssid.as_bytes(),
                        &station.rsne,
                        tsf,
                        rn.get()
                    )
                );

                // AP with the controller's keys.
                let got = ReassocRequest::parse(&req_bytes).unwrap();
                assert_eq!(got, req);
                let verified = got.verify(protocol, wlc.base.krk(), &sta, &ap.bssid, &station.rsne);
                let ap_rn = wlc.guard.accept(&verified.unwrap(), tsf + 800, TOLERANCE).unwrap();
                assert_eq!(ap_rn, rn);
                let ap_ptk = wlc.base.btk().ptk(ap_rn, &ap.bssid, cipher).unwrap();
                let rsc = [step as u8, 0, 0, 0, 0, 0, 0, 0];
                let group_key = GroupKey { gtk: &ap.gtk, key_id: ap.key_id, rsc };
                let mut buf = [0u8; cckm::RESPONSE_MAX_LEN];
                let n = ReassocResponse::build(
                    protocol, &ap_ptk, &sta, &ap.rsne, ap_rn, &group_key, &mut buf,
                )
                .unwrap();
                let rsn = protocol == Protocol::Rsn;
                assert_eq!(
                    buf[..n].to_vec(),
                    naive::response(
                        rsn,
                        rsn,
                        (ap_ptk.kck().as_bytes(), ap_ptk.kek().as_bytes()),
                        (sta.as_bytes(), &ap.rsne),
                        rn.get(),
                        (ap.key_id, &rsc, ap.gtk.as_bytes()),
                    )
                );

                // Station.
                let ptk = station.base.btk().ptk(rn, &ap.bssid, cipher).unwrap();
                assert!(same_ptk(&ptk, &ap_ptk), "{protocol:?} {cipher} step {step}");
                assert_eq!(ptk.len(), Akm::Cckm.ptk_len(cipher));
                let resp = ReassocResponse::parse(&buf[..n]).unwrap();
                assert_eq!(resp.multicast_key_id(), ap.key_id);
                assert_eq!(resp.unicast_key_id(), 0);
                assert_eq!(resp.rsc(), &rsc);
                let gtk = resp
                    .verify_and_decrypt(protocol, &ptk, &station.sta, &ap.rsne, rn, group)
                    .unwrap();
                assert!(bool::from(gtk.ct_eq(&ap.gtk)));
                assert_ne!(resp.encrypted_gtk(), ap.gtk.as_bytes());

                let b = ptk_bytes(&ptk);
                assert!(!seen.contains(&b), "each roam gives a fresh PTK");
                seen.push(b);
            }
            assert_eq!(wlc.guard.last(), RekeyNumber::new(5));
        }
    }
}

struct Fixture {
    protocol: Protocol,
    base: BaseKeys,
    sta: MacAddr,
    bssid: MacAddr,
    rsne: Vec<u8>,
    ap_rsne: Vec<u8>,
    rn: RekeyNumber,
    ptk: Ptk,
    gtk: Gtk,
}

fn fixture(protocol: Protocol) -> Fixture {
    let nsk = Pmk::from_bytes(&[0x11; 32]).unwrap();
    let (sta, bssid) = (mac(1), mac(2));
    let base = BaseKeys::derive(
        &nsk,
        &Pairwise {
            aa: mac(3),
            spa: sta,
            anonce: Nonce::new([5; 32]),
            snonce: Nonce::new([4; 32]),
        },
    )
    .unwrap();
    let rn = RekeyNumber::new(7);
    let ptk = base.btk().ptk(rn, &bssid, Cipher::Ccmp128).unwrap();
    let mut ap_rsne = element(protocol, 4);
    ap_rsne.push(0); // the AP's element differs from the station's
    *ap_rsne.get_mut(1).unwrap() += 1;
    Fixture {
        protocol,
        base,
        sta,
        bssid,
        rsne: element(protocol, 4),
        ap_rsne,
        rn,
        ptk,
        gtk: Gtk::from_bytes(&[0x77; 16]).unwrap(),
    }
}

impl Fixture {
    fn request(&self) -> [u8; 26] {
        ReassocRequest::build(
            self.protocol,
            self.base.krk(),
            &self.sta,
            &self.bssid,
            &self.rsne,
            99,
            self.rn,
        )
        .unwrap()
        .to_bytes()
    }

    fn check_request(&self, bytes: &[u8]) -> Result<(), Error> {
        ReassocRequest::parse(bytes)?
            .verify(self.protocol, self.base.krk(), &self.sta, &self.bssid, &self.rsne)
            .map(|_| ())
    }

    fn response(&self) -> Vec<u8> {
        let mut buf = [0u8; 300];
        let group = GroupKey { gtk: &self.gtk, key_id: 2, rsc: [1, 2, 3, 4, 5, 6, 0, 0] };
        let n = ReassocResponse::build(
            self.protocol,
            &self.ptk,
            &self.sta,
            &self.ap_rsne,
            self.rn,
            &group,
            &mut buf,
        )
        .unwrap();
        buf[..n].to_vec()
    }

    fn check_response(&self, bytes: &[u8]) -> Result<Gtk, Error> {
        ReassocResponse::parse(bytes)?.verify_and_decrypt(
            self.protocol,
            &self.ptk,
            &self.sta,
            &self.ap_rsne,
            self.rn,
            Cipher::Ccmp128,
        )
    }
}

#[test]
fn every_tampered_request_octet_fails() {
    for protocol in [Protocol::Wpa, Protocol::Rsn] {
        let f = fixture(protocol);
        let good = f.request();
        assert_eq!(f.check_request(&good), Ok(()));
        for i in 0..good.len() {
            for flip in [0x01u8, 0x80, 0xff] {
                let mut bad = good;
                bad[i] ^= flip;
                assert!(f.check_request(&bad).is_err(), "{protocol:?} octet {i} ^ {flip:#x}");
            }
        }
        // Every octet of the station's element is covered, and so are the addresses, the key
        // and the protocol.
        let req = ReassocRequest::parse(&good).unwrap();
        for i in 0..f.rsne.len() {
            let mut rsne = f.rsne.clone();
            rsne[i] ^= 0x01;
            assert_eq!(
                req.verify(protocol, f.base.krk(), &f.sta, &f.bssid, &rsne),
                Err(Error::MicMismatch)
            );
        }
        assert!(req.verify(protocol, f.base.krk(), &f.bssid, &f.sta, &f.rsne).is_err());
        assert!(req.verify(protocol, f.base.krk(), &f.sta, &mac(9), &f.rsne).is_err());
        assert!(req.verify(protocol, f.base.krk(), &f.sta, &f.bssid, &f.rsne[2..]).is_err());
        let other = if protocol == Protocol::Rsn { Protocol::Wpa } else { Protocol::Rsn };
        assert!(req.verify(other, f.base.krk(), &f.sta, &f.bssid, &f.rsne).is_err());
        let krk = cckm::Krk::from_bytes(&[0; 16]).unwrap();
        assert!(req.verify(protocol, &krk, &f.sta, &f.bssid, &f.rsne).is_err());
        // Truncated or extended elements are refused by the parser.
        assert!(ReassocRequest::parse(&good[..25]).is_err());
        assert!(ReassocRequest::parse(&[&good[..], &[0]].concat()).is_err());
    }
}

#[test]
fn every_tampered_response_octet_fails() {
    for protocol in [Protocol::Wpa, Protocol::Rsn] {
        let f = fixture(protocol);
        let good = f.response();
        assert_eq!(good.len(), 30 + if protocol == Protocol::Rsn { 24 } else { 16 });
        assert!(bool::from(f.check_response(&good).unwrap().ct_eq(&f.gtk)));
        for i in 0..good.len() {
            for flip in [0x01u8, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[i] ^= flip;
                assert!(f.check_response(&bad).is_err(), "{protocol:?} octet {i} ^ {flip:#x}");
            }
        }
        let resp = ReassocResponse::parse(&good).unwrap();
        for i in 0..f.ap_rsne.len() {
            let mut ap_rsne = f.ap_rsne.clone();
            ap_rsne[i] ^= 0x01;
            assert_eq!(
                resp.verify_and_decrypt(protocol, &f.ptk, &f.sta, &ap_rsne, f.rn, Cipher::Ccmp128)
                    .map(|_| ()),
                Err(Error::MicMismatch)
            );
        }
        // The station's own element in place of the AP's, another station, the old PTK.
        let check = |ptk: &Ptk, sta: &MacAddr, rsne: &[u8]| {
            resp.verify_and_decrypt(protocol, ptk, sta, rsne, f.rn, Cipher::Ccmp128).map(|_| ())
        };
        assert_eq!(check(&f.ptk, &f.sta, &f.rsne), Err(Error::MicMismatch));
        assert_eq!(check(&f.ptk, &mac(9), &f.ap_rsne), Err(Error::MicMismatch));
        let old = f.base.btk().ptk(RekeyNumber::new(6), &f.bssid, Cipher::Ccmp128).unwrap();
        assert_eq!(check(&old, &f.sta, &f.ap_rsne), Err(Error::MicMismatch));
        assert!(ReassocResponse::parse(&good[..good.len() - 1]).is_err());
        assert!(ReassocResponse::parse(&[&good[..], &[0]].concat()).is_err());
    }
}

#[test]
fn rekey_numbers_only_move_forward() {
    // Station side: 1, then 2, 3, ...; refuses to wrap.
    let mut rn = RekeyNumber::INITIAL;
    assert_eq!(rn.get(), 1);
    assert_eq!(rn.advance(), Ok(RekeyNumber::new(2)));
    assert_eq!(rn.advance(), Ok(RekeyNumber::new(3)));
    assert_eq!(rn, RekeyNumber::new(3));
    let mut last = RekeyNumber::new(u32::MAX - 1);
    assert_eq!(last.advance(), Ok(RekeyNumber::new(u32::MAX)));
    assert_eq!(last.advance(), Err(Error::RekeyNumberExhausted));
    assert_eq!(last, RekeyNumber::new(u32::MAX));
    assert_eq!(RekeyNumber::new(0x0a0b0c0d).to_le_bytes(), [0x0d, 0x0c, 0x0b, 0x0a]);
    assert_eq!(RekeyNumber::from_le_bytes([1, 0, 0, 0]), RekeyNumber::INITIAL);

    // AP side.
    let f = fixture(Protocol::Rsn);
    let verified = |rn: u32, tsf: u64| {
        ReassocRequest::build(
            f.protocol,
            f.base.krk(),
            &f.sta,
            &f.bssid,
            &f.rsne,
            tsf,
            RekeyNumber::new(rn),
        )
        .unwrap()
        .verify(f.protocol, f.base.krk(), &f.sta, &f.bssid, &f.rsne)
        .unwrap()
    };
    let mut guard = RekeyGuard::new();
    assert_eq!(guard.last(), RekeyNumber::INITIAL);
    // RN 1 belongs to the initial association: a roam must bring more.
    assert_eq!(
        guard.accept(&verified(1, 0), 0, TOLERANCE),
        Err(Error::RekeyNumberNotFresh { received: 1, last: 1 })
    );
    assert_eq!(
        guard.accept(&verified(0, 0), 0, TOLERANCE),
        Err(Error::RekeyNumberNotFresh { received: 0, last: 1 })
    );
    let req2 = verified(2, 10);
    assert_eq!(guard.accept(&req2, 10, TOLERANCE), Ok(RekeyNumber::new(2)));
    // Replay of the same request.
    assert_eq!(
        guard.accept(&req2, 10, TOLERANCE),
        Err(Error::RekeyNumberNotFresh { received: 2, last: 2 })
    );
    // Gaps are allowed, going back is not.
    assert_eq!(guard.accept(&verified(9, 20), 20, TOLERANCE), Ok(RekeyNumber::new(9)));
    assert_eq!(
        guard.accept(&verified(5, 30), 30, TOLERANCE),
        Err(Error::RekeyNumberNotFresh { received: 5, last: 9 })
    );
    assert_eq!(guard.last(), RekeyNumber::new(9));

    // Timestamps: within the tolerance on either side, and not one microsecond beyond. A stale
    // request leaves the guard untouched, so the station can retry with the same RN.
    let base_tsf = 50_000_000;
    let req = verified(10, base_tsf);
    assert_eq!(
        guard.accept(&req, base_tsf + TOLERANCE + 1, TOLERANCE),
        Err(Error::TimestampNotFresh)
    );
    assert_eq!(
        guard.accept(&req, base_tsf - TOLERANCE - 1, TOLERANCE),
        Err(Error::TimestampNotFresh)
    );
    assert_eq!(guard.last(), RekeyNumber::new(9));
    assert_eq!(guard.accept(&req, base_tsf - TOLERANCE, TOLERANCE), Ok(RekeyNumber::new(10)));
    assert_eq!(
        guard.accept(&verified(11, base_tsf), base_tsf + TOLERANCE, TOLERANCE),
        Ok(RekeyNumber::new(11))
    );
    assert_eq!(
        guard.accept(&verified(12, u64::MAX), 0, u64::MAX - 1),
        Err(Error::TimestampNotFresh)
    );

    // No wrap-around: after u32::MAX nothing is fresh.
    let mut guard = RekeyGuard::resume(RekeyNumber::new(u32::MAX - 1));
    assert_eq!(guard.accept(&verified(u32::MAX, 0), 0, 0), Ok(RekeyNumber::new(u32::MAX)));
    for rn in [0, 1, 2, u32::MAX] {
        assert_eq!(
            guard.accept(&verified(rn, 0), 0, 0),
            Err(Error::RekeyNumberNotFresh { received: rn, last: u32::MAX })
        );
    }

    // Station side of the response: the RN must be the one sent, checked before the MIC.
    let good = f.response();
    let resp = ReassocResponse::parse(&good).unwrap();
    assert_eq!(resp.rekey_number(), f.rn);
    for expected in [6, 8, 0, u32::MAX] {
        assert_eq!(
            resp.verify_and_decrypt(
                f.protocol,
                &f.ptk,
                &f.sta,
                &f.ap_rsne,
                RekeyNumber::new(expected),
                Cipher::Ccmp128
            )
            .map(|_| ()),
            Err(Error::RekeyNumberMismatch { expected, received: 7 })
        );
    }
}

#[test]
fn element_layouts_byte_by_byte() {
    // Expected octets written from docs/cckm.md §6 and §7 by hand: LE TSF, LE RN, LE KeyLen.
    let f = fixture(Protocol::Rsn);
    let req = ReassocRequest::build(
        Protocol::Rsn,
        f.base.krk(),
        &f.sta,
        &f.bssid,
        &f.rsne,
        0x0102_0304_0506_0708,
        RekeyNumber::new(0x0a0b_0c0d),
    )
    .unwrap();
    let b = req.to_bytes();
    assert_eq!(
        b[..18],
        [
            0x9c, 0x18, 0x00, 0x40, 0x96, 0x00, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
            0x0d, 0x0c, 0x0b, 0x0a
        ]
    );
    assert_eq!(&b[18..], req.mic().as_bytes());
    assert_eq!(req.timestamp(), 0x0102_0304_0506_0708);
    assert_eq!(req.rekey_number().get(), 0x0a0b_0c0d);

    let r = f.response();
    assert_eq!(r[..6], [0x9c, 28 + 24, 0x00, 0x40, 0x96, 0x00]);
    assert_eq!(r[6..10], [7, 0, 0, 0]);
    assert_eq!(r[10..12], [0, 2]);
    assert_eq!(r[12..20], [1, 2, 3, 4, 5, 6, 0, 0]);
    assert_eq!(r[20..22], [24, 0]);
    let resp = ReassocResponse::parse(&r).unwrap();
    assert_eq!(resp.mic().as_bytes(), &r[22..30]);
    assert_eq!(resp.encrypted_gtk(), &r[30..]);
    assert_eq!(resp.as_bytes(), &r[..]);

    assert_eq!(cckm::ELEMENT_ID, 156);
    assert_eq!(cckm::REQUEST_ELEMENT_LEN, 26);
    assert_eq!(cckm::RESPONSE_FIXED_LEN, 30);
}

#[test]
fn the_label_less_prf_is_not_the_802_11_prf() {
    let (key, data) = ([0x0bu8; 32], [[1u8, 0, 0, 0].as_slice(), &[2u8; 6]]);
    let mut with_empty_label = [0u8; 64];
    let mut cckm_out = [0u8; 64];
    prf::prf_sha1(&key, b"", &data, &mut with_empty_label).unwrap();
    prf::cckm_prf(&key, &data, &mut cckm_out).unwrap();
    assert_ne!(with_empty_label, cckm_out);
    // The difference is exactly the 0x00 separator.
    let mut with_separator = [0u8; 64];
    prf::cckm_prf(&key, &[&[0], data[0], data[1]], &mut with_separator).unwrap();
    assert_eq!(with_separator, with_empty_label);
    assert_eq!(cckm_out.to_vec(), naive::cckm_prf(&key, &data.concat(), 64));
    assert_eq!(with_empty_label.to_vec(), naive::prf_sha1(&key, b"", &data.concat(), 64));
}

#[test]
fn lengths_and_refusals() {
    assert_eq!(Akm::Cckm.ptk_len(Cipher::Ccmp128), 48);
    assert_eq!(Akm::Cckm.ptk_len(Cipher::Tkip), 64);
    let f = fixture(Protocol::Wpa);
    assert_eq!(f.base.krk().len(), 16);
    assert_eq!(f.base.btk().len(), 32);
    assert!(format!("{:?}", f.base).contains("redacted"));
    let tkip = f.base.btk().ptk(f.rn, &f.bssid, Cipher::Tkip).unwrap();
    assert_eq!((tkip.kck().len(), tkip.kek().len(), tkip.tk().len()), (16, 16, 32));
    assert!(tkip.tkip_keys().is_some());
    // CCKM knows no later cipher.
    for c in [Cipher::Gcmp128, Cipher::Gcmp256, Cipher::Ccmp256] {
        assert_eq!(
            f.base.btk().ptk(f.rn, &f.bssid, c).map(|_| ()),
            Err(Error::UnsupportedCombination { akm: Akm::Cckm, cipher: c })
        );
    }
    // The response needs a CCKM PTK.
    let psk_ptk = Suite::new(Akm::Psk, Cipher::Ccmp128, Akm::Psk.pmk_len())
        .and_then(|suite| Ptk::from_bytes(&suite, &ptk_bytes(&f.ptk)))
        .unwrap();
    let group = GroupKey { gtk: &f.gtk, key_id: 1, rsc: [0; 8] };
    let mut buf = [0u8; 64];
    assert!(matches!(
        ReassocResponse::build(f.protocol, &psk_ptk, &f.sta, &f.ap_rsne, f.rn, &group, &mut buf),
        Err(Error::NotForAkm { .. })
    ));
    let good = f.response();
    let resp = ReassocResponse::parse(&good).unwrap();
    assert!(matches!(
        resp.verify_and_decrypt(f.protocol, &psk_ptk, &f.sta, &f.ap_rsne, f.rn, Cipher::Ccmp128),
        Err(Error::NotForAkm { .. })
    ));
    // Output buffer one octet short.
    let mut small = [0u8; 45];
    assert_eq!(
        ReassocResponse::build(f.protocol, &f.ptk, &f.sta, &f.ap_rsne, f.rn, &group, &mut small),
        Err(Error::BufferSize { needed: 46, len: 45 })
    );
    // A 16-octet GTK where the group cipher says 32 (and the other way round) is refused.
    assert!(matches!(
        resp.verify_and_decrypt(f.protocol, &f.ptk, &f.sta, &f.ap_rsne, f.rn, Cipher::Tkip),
        Err(Error::MalformedElement { .. })
    ));
    let g = Fixture { gtk: Gtk::from_bytes(&[9; 32]).unwrap(), ..fixture(Protocol::Rsn) };
    let resp32 = g.response();
    assert_eq!(resp32.len(), 30 + 40);
    assert!(matches!(g.check_response(&resp32), Err(Error::MalformedElement { .. })));
    // Wrong element IDs, OUIs, types and lengths.
    let req = f.request();
    for (i, v) in [(0, 0xdd), (2, 0x01), (4, 0x97), (5, 0x01), (1, 25)] {
        let mut bad = req;
        bad[i] = v;
        assert!(matches!(ReassocRequest::parse(&bad), Err(Error::MalformedElement { .. })));
    }
    // A response whose KeyLen disagrees with its Length field.
    let mut bad = good.clone();
    bad[20] += 1;
    assert!(matches!(ReassocResponse::parse(&bad), Err(Error::MalformedElement { .. })));
    assert!(ReassocResponse::parse(&good[..29]).is_err());
    assert!(ReassocResponse::parse(&[]).is_err());
}

fn protocol_strategy() -> impl Strategy<Value = Protocol> {
    prop_oneof![Just(Protocol::Wpa), Just(Protocol::Rsn)]
}

fn cipher_strategy() -> impl Strategy<Value = Cipher> {
    prop_oneof![Just(Cipher::Tkip), Just(Cipher::Ccmp128)]
}

fn nsk_strategy() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 32),
        prop::collection::vec(any::<u8>(), 48),
        prop::collection::vec(any::<u8>(), 64)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The library against the naive transcription on random inputs: base keys, PTK, both
    /// elements built by the library, and naive elements accepted by the library.
    #[test]
    fn library_matches_the_naive_transcription(
        nsk in nsk_strategy(),
        addrs in any::<[[u8; 6]; 3]>(),
        nonces in any::<[[u8; 32]; 2]>(),
        rn in any::<u32>(),
        tsf in any::<u64>(),
        sta_rsne in prop::collection::vec(any::<u8>(), 0..64),
        ap_rsne in prop::collection::vec(any::<u8>(), 0..64),
        protocol in protocol_strategy(),
        cipher in cipher_strategy(),
        group in cipher_strategy(),
        gtk_seed in any::<[u8; 32]>(),
        key_id in any::<u8>(),
        rsc in any::<[u8; 8]>(),
    ) {
        let [first_bssid, sta, bssid] = addrs.map(MacAddr::new);
        let [snonce, anonce] = nonces.map(Nonce::new);
        let pmk = Pmk::from_bytes(&nsk).unwrap();
        let base = BaseKeys::derive(&pmk, &Pairwise { aa: first_bssid, spa: sta, anonce, snonce }).unwrap();
        let (krk, btk) =
            naive::base_keys(&nsk, &addrs[0], &addrs[1], &nonces[0], &nonces[1]);
        prop_assert_eq!(base.krk().as_bytes(), &krk[..]);
        prop_assert_eq!(base.btk().as_bytes(), &btk[..]);

        let rn_t = RekeyNumber::new(rn);
        let ptk = base.btk().ptk(rn_t, &bssid, cipher).unwrap();
        let naive_ptk = naive::ptk(&btk, rn, &addrs[2], cipher == Cipher::Tkip);
        prop_assert_eq!(ptk_bytes(&ptk), naive_ptk.clone());

        let rsn = protocol == Protocol::Rsn;
        let req = ReassocRequest::build(protocol, base.krk(), &sta, &bssid, &sta_rsne, tsf, rn_t)
            .unwrap();
        let naive_req = naive::request(rsn, &krk, &addrs[1], &addrs[2], &sta_rsne, tsf, rn);
        prop_assert_eq!(req.to_bytes().to_vec(), naive_req.clone());
        let parsed = ReassocRequest::parse(&naive_req).unwrap();
        let verified = parsed.verify(protocol, base.krk(), &sta, &bssid, &sta_rsne).unwrap();
        prop_assert_eq!(verified.rekey_number(), rn_t);
        prop_assert_eq!(verified.timestamp(), tsf);

        let gtk_bytes = &gtk_seed[..group.gtk_len()];
        let gtk = Gtk::from_bytes(gtk_bytes).unwrap();
        let mut buf = [0u8; cckm::RESPONSE_MAX_LEN];
        let group_key = GroupKey { gtk: &gtk, key_id, rsc };
        let n = ReassocResponse::build(protocol, &ptk, &sta, &ap_rsne, rn_t, &group_key, &mut buf)
            .unwrap();
        let (kck, kek) = (&naive_ptk[..16], &naive_ptk[16..32]);
        let naive_resp =
            naive::response(rsn, rsn, (kck, kek), (&addrs[1], &ap_rsne), rn, (key_id, &rsc, gtk_bytes));
        prop_assert_eq!(buf[..n].to_vec(), naive_resp);

        // Both GTK encryptions are accepted under both protocols when the length says which
        // (docs/cckm.md §9 items 1 and 2), e.g. the AES-wrapped GTK of WPA with a CCMP group.
        for aes_kw in [false, true] {
            let resp = naive::response(rsn, aes_kw, (kck, kek), (&addrs[1], &ap_rsne), rn, (key_id, &rsc, gtk_bytes));
            let got = ReassocResponse::parse(&resp).unwrap()
                .verify_and_decrypt(protocol, &ptk, &sta, &ap_rsne, rn_t, group)
                .unwrap();
            prop_assert_eq!(got.as_bytes(), gtk_bytes);
        }
    }

    /// Nothing is sorted: swapping the addresses or the nonces changes both base keys, and a
    /// one-bit change of any input changes the KRK, the BTK and the PTK.
    #[test]
    fn every_input_bit_matters(
        nsk in prop::collection::vec(any::<u8>(), 32),
        addrs in any::<[[u8; 6]; 2]>(),
        nonces in any::<[[u8; 32]; 2]>(),
        rn in any::<u32>(),
        which in 0usize..6,
        bit in 0usize..8,
        pos in any::<prop::sample::Index>(),
    ) {
        let derive = |nsk: &[u8], a: &[[u8; 6]; 2], n: &[[u8; 32]; 2], rn: u32| {
            let base = BaseKeys::derive(&Pmk::from_bytes(nsk).unwrap(), &Pairwise { aa: MacAddr::new(a[0]), spa: MacAddr::new(a[1]), anonce: Nonce::new(n[1]), snonce: Nonce::new(n[0]) })
            .unwrap();
            let ptk = base
                .btk()
                .ptk(RekeyNumber::new(rn), &MacAddr::new(a[0]), Cipher::Ccmp128)
                .unwrap();
            (base.krk().as_bytes().to_vec(), base.btk().as_bytes().to_vec(), ptk_bytes(&ptk))
        };
        let good = derive(&nsk, &addrs, &nonces, rn);
        if addrs[0] != addrs[1] {
            let swapped = derive(&nsk, &[addrs[1], addrs[0]], &nonces, rn);
            prop_assert_ne!(&swapped.0, &good.0);
        }
        if nonces[0] != nonces[1] {
            let swapped = derive(&nsk, &addrs, &[nonces[1], nonces[0]], rn);
            prop_assert_ne!(&swapped.0, &good.0);
        }
        let (mut k, mut a, mut n, mut r) = (nsk.clone(), addrs, nonces, rn);
        let m = 1u8 << bit;
        match which {
            0 => { let i = pos.index(k.len()); k[i] ^= m; }
            1 => a[0][pos.index(6)] ^= m,
            2 => a[1][pos.index(6)] ^= m,
            3 => n[0][pos.index(32)] ^= m,
            4 => n[1][pos.index(32)] ^= m,
            _ => r ^= 1 << (bit + 8 * pos.index(4)),
        }
        let changed = derive(&k, &a, &n, r);
        if which < 5 {
            prop_assert_ne!(&changed.0, &good.0);
            prop_assert_ne!(&changed.1, &good.1);
        }
        prop_assert_ne!(&changed.2, &good.2);
    }

    /// The label-less PRF and the 802.11 PRF with an empty label differ on random inputs, and
    /// each matches its naive transcription.
    #[test]
    fn cckm_prf_differs_from_prf_sha1(
        key in prop::collection::vec(any::<u8>(), 1..80),
        data in prop::collection::vec(any::<u8>(), 0..80),
        len in 1usize..100,
    ) {
        let mut a = vec![0u8; len];
        let mut b = vec![0u8; len];
        prf::cckm_prf(&key, &[&data], &mut a).unwrap();
        prf::prf_sha1(&key, b"", &[&data], &mut b).unwrap();
        // Short outputs may collide by chance; from 16 octets on a collision is 2^-128.
        if len >= 16 {
            prop_assert_ne!(&a, &b);
        }
        prop_assert_eq!(a, naive::cckm_prf(&key, &data, len));
        prop_assert_eq!(b, naive::prf_sha1(&key, b"", &data, len));
    }

    /// The parsers never panic, on random bytes and on random bodies behind a valid header.
    #[test]
    fn parsers_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
        body in prop::collection::vec(any::<u8>(), 0..260),
        protocol in protocol_strategy(),
        cipher in cipher_strategy(),
    ) {
        let f = fixture(protocol);
        let mut framed = vec![0x9c, body.len().wrapping_add(4) as u8, 0x00, 0x40, 0x96, 0x00];
        framed.extend_from_slice(&body);
        for b in [&bytes[..], &framed[..]] {
            if let Ok(req) = ReassocRequest::parse(b) {
                prop_assert_eq!(b.len(), 26);
                let _ = req.verify(protocol, f.base.krk(), &f.sta, &f.bssid, &f.rsne);
            }
            if let Ok(resp) = ReassocResponse::parse(b) {
                prop_assert_eq!(resp.encrypted_gtk().len() + 30, b.len());
                let _ = resp.verify_and_decrypt(protocol, &f.ptk, &f.sta, &f.ap_rsne, resp.rekey_number(), cipher);
            }
        }
    }
}

/// docs/cckm.md §5: message 2/4 of the initial association is MIC'd with the KRK, through the same
/// EAPOL functions as every other frame (the KRK is a `MicKey`); 3/4 and 4/4 use the KCK.
#[test]
fn message_2_of_4_is_keyed_with_the_krk() {
    use hmac::{Hmac, KeyInit, Mac};
    use ieee80211_keys::eapol::{compute_mic, verify_mic, write_mic};
    // The layout of a message 2/4 (key descriptor v2, RSN, 16-octet MIC), from iwd
    // unit/test-eapol.c eapol_4way_test, eapol_key_data_4.
    let template = hex::decode(
        "0103007502010a000000000000000000003289e91565094f329a9cd54a4a090d2cf4344683bf50efee3608b64856800e84000000000000000000000000000000000000000000000000000000000000000001c31b82ff62a379b08dd1fc82c2f768001630140100000fac040100000fac040100000fac020000",
    )
    .unwrap();
    let nsk = Pmk::from_bytes(&[0x5a; 32]).unwrap();
    let (ap, sta) = (mac(0xa0), mac(0x51));
    let (snonce, anonce) = (Nonce::new([0x11; 32]), Nonce::new([0x22; 32]));
    let base = BaseKeys::derive(&nsk, &Pairwise { aa: ap, spa: sta, anonce, snonce }).unwrap();
    let ptk = base.btk().ptk(RekeyNumber::INITIAL, &ap, Cipher::Ccmp128).unwrap();

    let mut frame = template.clone();
    write_mic(&suite_of(Akm::Cckm), base.krk(), &mut frame).unwrap();
    // Naive: HMAC-SHA1 (descriptor v2) over the frame with the MIC zeroed, keyed with the KRK.
    let mut zeroed = frame.clone();
    zeroed[81..97].fill(0);
    let mut m = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(base.krk().as_bytes()).unwrap();
    m.update(&zeroed);
    assert_eq!(&frame[81..97], &m.finalize().into_bytes()[..16]);
    assert_eq!(
        compute_mic(&suite_of(Akm::Cckm), base.krk(), &frame).unwrap().as_bytes(),
        &frame[81..97]
    );
    assert!(verify_mic(&suite_of(Akm::Cckm), base.krk(), &frame).is_ok());
    assert_eq!(verify_mic(&suite_of(Akm::Cckm), ptk.kck(), &frame), Err(Error::MicMismatch));
}
