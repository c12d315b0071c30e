//! A synthetic capture writer: plays both sides of real handshakes and roams with the library
//! (station and access points each derive their own keys and MIC their own frames), and
//! writes every frame behind radiotap with plausible timestamps. The tool is then judged on
//! what it finds in them. Expected values come from the roles played here, never from the
//! tool.
#![allow(dead_code)]

use ieee80211_keys::cckm::{GroupKey, ReassocRequest, ReassocResponse, RekeyNumber};
use ieee80211_keys::eapol::MicKey;
use ieee80211_keys::eapol_key::Builder;
use ieee80211_keys::ft::{self, FteMicInput, PmkR0, XxKey};
use ieee80211_keys::kde::KdeWriter;
use ieee80211_keys::rsne::{RsnCapabilities, Rsne, Selector};
use ieee80211_keys::{
    Akm, Cipher, Gtk, MacAddr, MobilityDomainId, Msk, Nonce, Pmk, PmkId, Protocol, Psk, Ptk,
    R0khId, Ssid, Suite,
};
use wifi_keycheck::pcapwrite::{frames, LinkType, PcapWriter};
use wifi_keycheck::{api, decrypt};

pub type Mac = [u8; 6];

/// Frames on the air, in order, with their times.
pub struct World {
    pub frames: Vec<(u64, Vec<u8>)>,
    pub now: u64,
    seed: u64,
    /// Flip the low bit of the last octet of the n-th frame (1-based) when writing.
    pub tamper: Option<usize>,
    pn: u64,
}

impl World {
    pub fn new(seed: u64) -> World {
        World { frames: Vec::new(), now: 1_700_000_000_000_000, seed, tamper: None, pn: 1 }
    }

    fn next(&mut self) -> u64 {
        // splitmix64
        self.seed = self.seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
        core::array::from_fn(|_| self.next() as u8)
    }

    pub fn nonce(&mut self) -> Nonce {
        Nonce::new(self.bytes())
    }

    /// Sends a frame `ms` milliseconds after the last one.
    pub fn send(&mut self, ms: u64, f: Vec<u8>) {
        self.now += ms * 1000 + self.next() % 300;
        self.frames.push((self.now, f));
    }

    /// The capture: radiotap + 802.11.
    pub fn pcap(&self) -> Vec<u8> {
        let mut w = PcapWriter::new(Vec::new(), LinkType::Radiotap).unwrap();
        for (i, (t, f)) in self.frames.iter().enumerate() {
            let mut f = f.clone();
            if self.tamper == Some(i + 1) {
                *f.last_mut().unwrap() ^= 1;
            }
            w.write_frame(*t, &f).unwrap();
        }
        w.into_inner()
    }

    /// A few protected data frames each way, CCMP/GCMP/TKIP with the TK.
    pub fn data(&mut self, sta: Mac, ap: Mac, ptk: &Ptk, n: usize) {
        for i in 0..n {
            let to_ds = i % 2 == 0;
            let h = frames::data_header(to_ds, sta, ap, true);
            let pn = self.pn.to_le_bytes();
            self.pn += 1;
            let mut payload = vec![0xaa, 0xaa, 3, 0, 0, 0, 0x08, 0x00];
            payload.extend_from_slice(&self.bytes::<40>());
            let body = decrypt::encrypt(
                ptk.cipher(),
                ptk.tk().as_bytes(),
                &h,
                [pn[0], pn[1], pn[2], pn[3], pn[4], pn[5]],
                &payload,
            )
            .unwrap();
            let mut f = h;
            f.extend_from_slice(&body);
            self.send(3, f);
        }
    }
}

pub fn element(id: u8, body: &[u8]) -> Vec<u8> {
    frames::element(id, body)
}

/// An RSNE from the library's builder: version 1, group CCMP-128, one pairwise cipher, one
/// AKM, no capabilities, PMKIDs.
pub fn rsne(akm: Akm, cipher: Cipher, pmkids: &[[u8; 16]]) -> Vec<u8> {
    let (pairwise, akms) = ([Selector::from(cipher)], [Selector::from(akm)]);
    let ids: Vec<PmkId> = pmkids.iter().map(|p| PmkId::new(*p)).collect();
    let mut r = Rsne::new(Cipher::Ccmp128.into(), &pairwise, &akms)
        .with_capabilities(RsnCapabilities::default());
    if !ids.is_empty() {
        r = r.with_pmkids(&ids);
    }
    let mut out = vec![0u8; r.len()];
    r.write(&mut out).unwrap();
    out
}

/// The suite the frames of a handshake under `akm` and `cipher` are built in.
pub fn suite(akm: Akm, cipher: Cipher) -> Suite {
    Suite::new(akm, cipher, akm.pmk_len()).unwrap()
}

/// An EAPOL-Key frame from the library's builder.
pub fn eapol_key<K: MicKey>(b: Builder<'_, K>) -> Vec<u8> {
    let mut out = vec![0u8; b.frame_len().unwrap()];
    b.write(&mut out).unwrap();
    out
}

/// What the four messages of a handshake are keyed with.
pub enum MsgKeys<'a> {
    /// The PTK's KCK for every MIC.
    Ptk(&'a Ptk),
    /// CCKM: the KRK for message 2/4, the PTK for 3/4 and 4/4.
    Cckm(&'a ieee80211_keys::cckm::Krk, &'a Ptk),
}

pub struct FourWay<'a> {
    pub akm: Akm,
    pub cipher: Cipher,
    pub sta: Mac,
    pub ap: Mac,
    pub anonce: Nonce,
    pub snonce: Nonce,
    pub keys: MsgKeys<'a>,
    pub pmkid: Option<[u8; 16]>,
    pub sta_ies: Vec<u8>,
    pub gtk: &'a Gtk,
    pub rc: u64,
}

/// The 4-way handshake, each side building and MICing its messages with the library's
/// EAPOL-Key builder and its own keys.
pub fn four_way(w: &mut World, h: &FourWay<'_>) {
    let suite = suite(h.akm, h.cipher);
    let ptk: &Ptk = match &h.keys {
        MsgKeys::Ptk(p) => p,
        MsgKeys::Cckm(_, p) => p,
    };
    // 1/4: Ack, ANonce, the PMKID KDE.
    let mut kd1 = [0u8; 22];
    let n = match h.pmkid {
        Some(p) => KdeWriter::new(&mut kd1).pmkid(&PmkId::new(p)).unwrap().len(),
        None => 0,
    };
    let m1 = eapol_key(Builder::message1(&suite, h.rc, &h.anonce).key_data(&kd1[..n]));
    w.send(2, frames::eapol(false, h.sta, h.ap, &m1));
    // 2/4: MIC, SNonce, the station's RSNE.
    let m2 = match &h.keys {
        MsgKeys::Ptk(p) => {
            eapol_key(Builder::message2(&suite, h.rc, &h.snonce, &h.sta_ies, p.kck()))
        }
        MsgKeys::Cckm(krk, _) => {
            eapol_key(Builder::message2(&suite, h.rc, &h.snonce, &h.sta_ies, *krk))
        }
    };
    w.send(3, frames::eapol(true, h.sta, h.ap, &m2));
    // 3/4: Install, Ack, MIC, Secure, Encrypted Key Data: RSNE and GTK KDE.
    let mut plain = [0u8; 256];
    let mut kw = KdeWriter::new(&mut plain);
    kw.element(&rsne(h.akm, h.cipher, &[])).unwrap();
    let n = kw.gtk(1, false, h.gtk).unwrap().len();
    let m3 = Builder::message3(&suite, h.rc + 1, &h.anonce, &plain[..n], ptk.kck(), ptk.kek());
    w.send(2, frames::eapol(false, h.sta, h.ap, &eapol_key(m3)));
    // 4/4: MIC, Secure.
    let m4 = eapol_key(Builder::message4(&suite, h.rc + 1, ptk.kck()));
    w.send(2, frames::eapol(true, h.sta, h.ap, &m4));
}

pub fn beacon(w: &mut World, ap: Mac, ssid: &[u8], rsne: &[u8], extra: &[u8]) {
    let mut ies = element(0, ssid);
    ies.extend_from_slice(rsne);
    ies.extend_from_slice(extra);
    w.send(1, frames::management(frames::BEACON, [0xff; 6], ap, ap, &frames::beacon_body(0, &ies)));
}

pub fn open_auth(w: &mut World, sta: Mac, ap: Mac) {
    w.send(2, frames::management(frames::AUTH, ap, sta, ap, &frames::auth_body(0, 1, 0, &[])));
    w.send(1, frames::management(frames::AUTH, sta, ap, ap, &frames::auth_body(0, 2, 0, &[])));
}

pub fn associate(
    w: &mut World,
    sta: Mac,
    ap: Mac,
    reassoc: Option<Mac>,
    req_ies: &[u8],
    resp_ies: &[u8],
) {
    let (sub_req, sub_resp) = if reassoc.is_some() {
        (frames::REASSOC_REQ, frames::REASSOC_RESP)
    } else {
        (frames::ASSOC_REQ, frames::ASSOC_RESP)
    };
    w.send(2, frames::management(sub_req, ap, sta, ap, &frames::assoc_req_body(reassoc, req_ies)));
    w.send(2, frames::management(sub_resp, sta, ap, ap, &frames::assoc_resp_body(0, 1, resp_ies)));
}

/// An EAP exchange as the AP relays it: Identity, a few method rounds, Success.
pub fn eap(w: &mut World, sta: Mac, ap: Mac) {
    let eap = |code: u8, id: u8, ty: Option<u8>| {
        let mut e = vec![code, id, 0, 0];
        if let Some(t) = ty {
            e.push(t);
            e.extend_from_slice(&[0; 10]);
        }
        let l = e.len() as u16;
        e[2..4].copy_from_slice(&l.to_be_bytes());
        let mut p = vec![2, 0];
        p.extend_from_slice(&l.to_be_bytes());
        p.extend_from_slice(&e);
        p
    };
    w.send(2, frames::eapol(true, sta, ap, &[2, 1, 0, 0]));
    w.send(2, frames::eapol(false, sta, ap, &eap(1, 1, Some(1))));
    w.send(3, frames::eapol(true, sta, ap, &eap(2, 1, Some(1))));
    for i in 2..6 {
        w.send(15, frames::eapol(false, sta, ap, &eap(1, i, Some(25))));
        w.send(5, frames::eapol(true, sta, ap, &eap(2, i, Some(25))));
    }
    w.send(20, frames::eapol(false, sta, ap, &eap(3, 6, None)));
}

pub const STA: Mac = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];
pub const AP1: Mac = [0x02, 0xa0, 0x00, 0x00, 0x01, 0x01];
pub const AP2: Mac = [0x02, 0xa0, 0x00, 0x00, 0x02, 0x01];

pub fn m(a: Mac) -> MacAddr {
    MacAddr::new(a)
}

/// WPA2-PSK: association with AP1 (PMKID in message 1), data, roam to AP2 with a new 4-way
/// handshake, data.
pub fn psk_roam(w: &mut World, passphrase: &str, ssid: &[u8]) {
    psk_roam_data(w, passphrase, ssid, 6)
}

/// [`psk_roam`] with `data` protected data frames on each AP.
pub fn psk_roam_data(w: &mut World, passphrase: &str, ssid: &[u8], data: usize) {
    let s = Ssid::new(ssid).unwrap();
    let pmk = Pmk::from_psk(&Psk::from_passphrase(passphrase, &s).unwrap());
    let (akm, cipher) = (Akm::Psk, Cipher::Ccmp128);
    let gtk = Gtk::from_bytes(&w.bytes::<16>()).unwrap();
    for (i, ap) in [AP1, AP2].into_iter().enumerate() {
        beacon(w, ap, ssid, &rsne(akm, cipher, &[]), &[]);
        if i == 1 {
            // Scanning: a broadcast Probe Request and AP2's answer (not frames on a BSS).
            let ies = element(0, ssid);
            w.send(20, frames::management(4, [0xff; 6], STA, [0xff; 6], &ies));
            w.send(20, frames::management(5, STA, ap, ap, &frames::beacon_body(0, &ies)));
        }
        open_auth(w, STA, ap);
        let ies = rsne(akm, cipher, &[]);
        associate(w, STA, ap, (i == 1).then_some(AP1), &ies, &[]);
        let (anonce, snonce) = (w.nonce(), w.nonce());
        let ptk = api::ptk(&pmk, akm, cipher, &m(ap), &m(STA), &anonce, &snonce).unwrap();
        let pmkid = *pmk.pmkid(akm, &m(ap), &m(STA)).unwrap().as_bytes();
        four_way(
            w,
            &FourWay {
                akm,
                cipher,
                sta: STA,
                ap,
                anonce,
                snonce,
                keys: MsgKeys::Ptk(&ptk),
                pmkid: Some(pmkid),
                sta_ies: ies,
                gtk: &gtk,
                rc: 1,
            },
        );
        w.data(STA, ap, &ptk, data);
    }
}

/// 802.1X: full EAP with AP1, then an OKC roam to AP2: the station names the PMK in its
/// Reassociation Request RSNE, no EAP.
pub fn okc_roam(w: &mut World, msk: &Msk, ssid: &[u8]) {
    let (akm, cipher) = (Akm::Ieee8021x, Cipher::Ccmp128);
    let pmk = Pmk::from_msk(akm, msk).unwrap();
    let gtk = Gtk::from_bytes(&w.bytes::<16>()).unwrap();
    for (i, ap) in [AP1, AP2].into_iter().enumerate() {
        beacon(w, ap, ssid, &rsne(akm, cipher, &[]), &[]);
        open_auth(w, STA, ap);
        let pmkids: Vec<[u8; 16]> = if i == 1 {
            vec![*pmk.pmkid(akm, &m(ap), &m(STA)).unwrap().as_bytes()]
        } else {
            vec![]
        };
        let ies = rsne(akm, cipher, &pmkids);
        associate(w, STA, ap, (i == 1).then_some(AP1), &ies, &[]);
        if i == 0 {
            eap(w, STA, ap);
        }
        let (anonce, snonce) = (w.nonce(), w.nonce());
        let ptk = api::ptk(&pmk, akm, cipher, &m(ap), &m(STA), &anonce, &snonce).unwrap();
        four_way(
            w,
            &FourWay {
                akm,
                cipher,
                sta: STA,
                ap,
                anonce,
                snonce,
                keys: MsgKeys::Ptk(&ptk),
                pmkid: None,
                sta_ies: ies,
                gtk: &gtk,
                rc: 1,
            },
        );
        w.data(STA, ap, &ptk, 4);
    }
}

pub fn mde(mdid: [u8; 2]) -> Vec<u8> {
    element(54, &[mdid[0], mdid[1], 1])
}

/// An FTE of an FT AKM with a 16-octet MIC: MIC Control (element count), MIC, ANonce, SNonce,
/// R1KH-ID, R0KH-ID.
pub fn fte(count: u8, anonce: &Nonce, snonce: &Nonce, r1kh: Option<Mac>, r0kh: &[u8]) -> Vec<u8> {
    let mut b = vec![0, count];
    b.extend_from_slice(&[0; 16]);
    b.extend_from_slice(anonce.as_bytes());
    b.extend_from_slice(snonce.as_bytes());
    if let Some(r1) = r1kh {
        b.extend_from_slice(&element(1, &r1));
    }
    b.extend_from_slice(&element(3, r0kh));
    element(55, &b)
}

/// FT-PSK: the initial mobility domain association with AP1 (4-way handshake under the
/// PMK-R1 of AP1), then an FT roam over the air to AP2 (FT Authentication, Reassociation with
/// FTE MICs), data on both.
pub fn ft_roam(w: &mut World, passphrase: &str, ssid: &[u8]) {
    ft_roam_via(w, passphrase, ssid, false)
}

/// [`ft_roam`], over the air or (`over_ds`) over the DS: FT Action request and response
/// through AP1 instead of FT Authentication with AP2.
pub fn ft_roam_via(w: &mut World, passphrase: &str, ssid: &[u8], over_ds: bool) {
    let (akm, cipher) = (Akm::FtPsk, Cipher::Ccmp128);
    let s = Ssid::new(ssid).unwrap();
    let psk = Psk::from_passphrase(passphrase, &s).unwrap();
    let mdid = [0x12, 0x34];
    let r0kh = b"r0kh.example";
    let xx = XxKey::from_psk(akm, &psk).unwrap();
    let r0 = PmkR0::derive(
        akm,
        &xx,
        &s,
        MobilityDomainId::new(mdid),
        &R0khId::new(r0kh).unwrap(),
        &m(STA),
    )
    .unwrap();
    let gtk = Gtk::from_bytes(&w.bytes::<16>()).unwrap();
    // Initial mobility domain association with AP1.
    beacon(w, AP1, ssid, &rsne(akm, cipher, &[]), &mde(mdid));
    open_auth(w, STA, AP1);
    let mut req = rsne(akm, cipher, &[]);
    req.extend_from_slice(&mde(mdid));
    let mut resp = mde(mdid);
    resp.extend_from_slice(&fte(0, &Nonce::new([0; 32]), &Nonce::new([0; 32]), Some(AP1), r0kh));
    associate(w, STA, AP1, None, &req, &resp);
    let r1 = r0.derive_r1(&m(AP1), &m(STA)).unwrap();
    let (anonce, snonce) = (w.nonce(), w.nonce());
    let ptk = api::ft_ptk(&r1, cipher, &snonce, &anonce, &m(AP1), &m(STA)).unwrap();
    let mut m2_ies = rsne(akm, cipher, &[*r1.name().as_bytes()]);
    m2_ies.extend_from_slice(&mde(mdid));
    m2_ies.extend_from_slice(&fte(0, &Nonce::new([0; 32]), &Nonce::new([0; 32]), Some(AP1), r0kh));
    four_way(
        w,
        &FourWay {
            akm,
            cipher,
            sta: STA,
            ap: AP1,
            anonce,
            snonce,
            keys: MsgKeys::Ptk(ptk.ptk()),
            pmkid: None,
            sta_ies: m2_ies,
            gtk: &gtk,
            rc: 1,
        },
    );
    w.data(STA, AP1, ptk.ptk(), 4);
    // FT over the air to AP2.
    beacon(w, AP2, ssid, &rsne(akm, cipher, &[]), &mde(mdid));
    let (anonce, snonce) = (w.nonce(), w.nonce());
    let zero = Nonce::new([0; 32]);
    let mut a1 = rsne(akm, cipher, &[*r0.name().as_bytes()]);
    a1.extend_from_slice(&mde(mdid));
    a1.extend_from_slice(&fte(0, &zero, &snonce, None, r0kh));
    let r1b = r0.derive_r1(&m(AP2), &m(STA)).unwrap();
    let mut a2 = rsne(akm, cipher, &[*r0.name().as_bytes()]);
    a2.extend_from_slice(&mde(mdid));
    a2.extend_from_slice(&fte(0, &anonce, &snonce, Some(AP2), r0kh));
    if over_ds {
        // FT Action (category 6) request and response through the current AP (9.6.8.2, 9.6.8.3).
        let mut req = vec![6, 1];
        req.extend_from_slice(&STA);
        req.extend_from_slice(&AP2);
        req.extend_from_slice(&a1);
        w.send(30, frames::management(frames::ACTION, AP1, STA, AP1, &req));
        let mut resp = vec![6, 2];
        resp.extend_from_slice(&STA);
        resp.extend_from_slice(&AP2);
        resp.extend_from_slice(&[0, 0]);
        resp.extend_from_slice(&a2);
        w.send(4, frames::management(frames::ACTION, STA, AP1, AP1, &resp));
    } else {
        w.send(
            30,
            frames::management(frames::AUTH, AP2, STA, AP2, &frames::auth_body(2, 1, 0, &a1)),
        );
        w.send(
            2,
            frames::management(frames::AUTH, STA, AP2, AP2, &frames::auth_body(2, 2, 0, &a2)),
        );
    }
    let ptk2 = api::ft_ptk(&r1b, cipher, &snonce, &anonce, &m(AP2), &m(STA)).unwrap();
    let rs = rsne(akm, cipher, &[*r1b.name().as_bytes()]);
    let md = mde(mdid);
    let mut f = fte(3, &anonce, &snonce, Some(AP2), r0kh);
    for (seq, sub) in [
        (ft::TRANSACTION_SEQ_REASSOC_REQUEST, frames::REASSOC_REQ),
        (ft::TRANSACTION_SEQ_REASSOC_RESPONSE, frames::REASSOC_RESP),
    ] {
        if sub == frames::REASSOC_RESP {
            // The AP's FTE also carries the GTK, wrapped with the KEK (13.8.5), built with the
            // library's FTE builder.
            let suite = ieee80211_keys::Suite::new(akm, cipher, 32).unwrap();
            let (r1kh_id, r0kh_id) = (m(AP2), R0khId::new(r0kh).unwrap());
            let mut out = [0u8; 255];
            let n = ieee80211_keys::ft_elements::FteBuilder::new(&suite, &anonce, &snonce)
                .unwrap()
                .element_count(3)
                .r1kh_id(&r1kh_id)
                .r0kh_id(&r0kh_id)
                .gtk(ptk2.kek(), 1, [0; 8], &gtk)
                .write(&mut out)
                .unwrap();
            f = out[..n].to_vec();
        }
        let unsigned = f.clone();
        let input = FteMicInput {
            sta_addr: &m(STA),
            bssid: &m(AP2),
            transaction_seq: seq,
            rsne: &rs,
            mde: &md,
            fte: &unsigned,
            ric: None,
            rsnxe: None,
        };
        api::sign_fte(akm, ptk2.kck(), &input, &mut f).unwrap();
        let mut ies = rs.clone();
        ies.extend_from_slice(&md);
        ies.extend_from_slice(&f);
        let body = if sub == frames::REASSOC_REQ {
            frames::assoc_req_body(Some(AP1), &ies)
        } else {
            frames::assoc_resp_body(0, 1, &ies)
        };
        let (da, sa) = if sub == frames::REASSOC_REQ { (AP2, STA) } else { (STA, AP2) };
        w.send(2, frames::management(sub, da, sa, AP2, &body));
    }
    w.data(STA, AP2, ptk2.ptk(), 4);
}

/// Cisco CCKM: 802.1X and a 4-way handshake (message 2/4 under the KRK) with AP1, then a fast
/// roam to AP2 with the CCKM request and response elements.
pub fn cckm_roam(w: &mut World, msk: &Msk, ssid: &[u8]) {
    let (akm, cipher) = (Akm::Cckm, Cipher::Ccmp128);
    let nsk = Pmk::from_msk(akm, msk).unwrap();
    let gtk = Gtk::from_bytes(&w.bytes::<16>()).unwrap();
    let sta_rsne = rsne(akm, cipher, &[]);
    beacon(w, AP1, ssid, &sta_rsne, &[]);
    open_auth(w, STA, AP1);
    associate(w, STA, AP1, None, &sta_rsne, &[]);
    eap(w, STA, AP1);
    let (anonce, snonce) = (w.nonce(), w.nonce());
    let base = api::cckm_base_keys(&nsk, &m(AP1), &m(STA), &snonce, &anonce).unwrap();
    let ptk = base.btk().ptk(RekeyNumber::INITIAL, &m(AP1), cipher).unwrap();
    four_way(
        w,
        &FourWay {
            akm,
            cipher,
            sta: STA,
            ap: AP1,
            anonce,
            snonce,
            keys: MsgKeys::Cckm(base.krk(), &ptk),
            pmkid: None,
            sta_ies: sta_rsne.clone(),
            gtk: &gtk,
            rc: 1,
        },
    );
    w.data(STA, AP1, &ptk, 4);
    // Fast roam to AP2, rekey number 2.
    beacon(w, AP2, ssid, &sta_rsne, &[]);
    let rn = RekeyNumber::new(2);
    let tsf = 123_456_789;
    let req =
        ReassocRequest::build(Protocol::Rsn, base.krk(), &m(STA), &m(AP2), &sta_rsne, tsf, rn)
            .unwrap();
    let mut ies = sta_rsne.clone();
    ies.extend_from_slice(&req.to_bytes());
    w.send(
        30,
        frames::management(
            frames::REASSOC_REQ,
            AP2,
            STA,
            AP2,
            &frames::assoc_req_body(Some(AP1), &ies),
        ),
    );
    let ptk2 = base.btk().ptk(rn, &m(AP2), cipher).unwrap();
    let mut el = [0u8; 257];
    let n = ReassocResponse::build(
        Protocol::Rsn,
        &ptk2,
        &m(STA),
        &sta_rsne,
        rn,
        &GroupKey { gtk: &gtk, key_id: 1, rsc: [0; 8] },
        &mut el,
    )
    .unwrap();
    let mut ies = sta_rsne.clone();
    ies.extend_from_slice(&el[..n]);
    w.send(
        2,
        frames::management(
            frames::REASSOC_RESP,
            STA,
            AP2,
            AP2,
            &frames::assoc_resp_body(0, 1, &ies),
        ),
    );
    w.data(STA, AP2, &ptk2, 4);
}

/// SAE (identified, not run): commit and confirm each way, association with AKM 8, the 4-way
/// handshake under the PMK that SAE would have given (`pmk`), data.
pub fn sae_association(w: &mut World, pmk: &Pmk, ssid: &[u8]) {
    let (akm, cipher) = (Akm::Sae, Cipher::Ccmp128);
    let gtk = Gtk::from_bytes(&w.bytes::<16>()).unwrap();
    beacon(w, AP1, ssid, &rsne(akm, cipher, &[]), &[]);
    let commit = w.bytes::<98>();
    w.send(
        2,
        frames::management(frames::AUTH, AP1, STA, AP1, &frames::auth_body(3, 1, 0, &commit)),
    );
    w.send(
        2,
        frames::management(frames::AUTH, STA, AP1, AP1, &frames::auth_body(3, 1, 0, &commit)),
    );
    let confirm = w.bytes::<34>();
    w.send(
        2,
        frames::management(frames::AUTH, AP1, STA, AP1, &frames::auth_body(3, 2, 0, &confirm)),
    );
    w.send(
        2,
        frames::management(frames::AUTH, STA, AP1, AP1, &frames::auth_body(3, 2, 0, &confirm)),
    );
    let ies = rsne(akm, cipher, &[]);
    associate(w, STA, AP1, None, &ies, &[]);
    let (anonce, snonce) = (w.nonce(), w.nonce());
    let ptk = api::ptk(pmk, akm, cipher, &m(AP1), &m(STA), &anonce, &snonce).unwrap();
    four_way(
        w,
        &FourWay {
            akm,
            cipher,
            sta: STA,
            ap: AP1,
            anonce,
            snonce,
            keys: MsgKeys::Ptk(&ptk),
            pmkid: None,
            sta_ies: ies,
            gtk: &gtk,
            rc: 1,
        },
    );
    w.data(STA, AP1, &ptk, 2);
}
