//! 802.11r: the FT element view and the FTE MIC, and the FT key hierarchy.

use super::suites::suite_of;
use ieee80211_keys::ft::{self, Fte, FteMicInput, PmkR0, PmkR1, XxKey};
use ieee80211_keys::Pairwise;
use ieee80211_keys::{
    Akm, Cipher, Error, Kck, MacAddr, Mic, MobilityDomainId, Msk, Nonce, Pmk, PmkId, Psk, R0khId,
    Ssid,
};

use super::input::{fuzz_input, Rest};
use super::naive::{self, MacAlg, H};

fuzz_input!(
    /// An FTE and the other elements its MIC covers, an AKM, a KCK of any length.
    FteInput {
        akm: Akm,
        kck: &'a [u8],
        sta: [u8; 6],
        bssid: [u8; 6],
        seq: u8,
        rsne: &'a [u8],
        mde: &'a [u8],
        ric: Option<&'a [u8]>,
        rsnxe: Option<&'a [u8]>,
        fte: Rest<'a>,
    }
);

/// A whole element with this ID whose length octet matches its size.
fn naive_element(e: &[u8], id: u8) -> bool {
    e.len() >= 2 && e[0] == id && usize::from(e[1]) == e.len() - 2
}

/// Whether `tlvs` is a sequence of whole one-octet-ID, one-octet-length items.
fn naive_tlvs(mut tlvs: &[u8], mut each: impl FnMut(u8, &[u8]) -> bool) -> bool {
    while !tlvs.is_empty() {
        if tlvs.len() < 2 || tlvs.len() < 2 + usize::from(tlvs[1]) {
            return false;
        }
        let (id, len) = (tlvs[0], usize::from(tlvs[1]));
        if !each(id, &tlvs[2..2 + len]) {
            return false;
        }
        tlvs = &tlvs[2 + len..];
    }
    true
}

/// The FTE MIC's algorithm, by IEEE 802.11-2020 13.8.4 and Table 12-10; `None` for a non-FT AKM.
fn naive_fte_alg(akm: Akm) -> Option<MacAlg> {
    let row = naive::row(akm);
    // FT-SAE-EXT-KEY (25): the HMAC of the hash, as long as the KCK, never CMAC (hostap
    // `wpa_ft_mic`); its row here is the one of a 32-octet PMK.
    row.ft.then_some(match (row.suite_type, row.hash) {
        (25, h) => MacAlg::Hmac(h, row.kck),
        (_, H::Sha384) => MacAlg::Hmac(H::Sha384, 24),
        _ => MacAlg::Cmac,
    })
}

/// The length of a MAC's output.
fn mac_len(alg: MacAlg) -> usize {
    match alg {
        MacAlg::Cmac => 16,
        MacAlg::Hmac(_, len) => len,
    }
}

/// 9.4.2.46 by hand: the MIC length's worth of fields, then whole subelements with a 6-octet
/// R1KH-ID and a 1- to 48-octet R0KH-ID.
fn naive_fte_ok(akm: Akm, fte: &[u8]) -> bool {
    let Some(alg) = naive_fte_alg(akm) else { return false };
    let mic_len = mac_len(alg);
    // MIC Control bits 1 to 3 state the MIC length (0: 16, 1: 24, 2: 32 octets); the AKMs
    // whose length is fixed (all but 25) also take 0, as older senders leave it.
    let stated = (mic_len / 8 - 2) as u8;
    let fixed = naive::row(akm).suite_type != 25;
    naive_element(fte, 55)
        && fte.len() >= 4
        && ((fte[2] >> 1) & 7 == stated || ((fte[2] >> 1) & 7 == 0 && fixed))
        && fte.len() >= 4 + mic_len + 64
        && naive_tlvs(&fte[4 + mic_len + 64..], |id, d| match id {
            1 => d.len() == 6,
            3 => (1..=48).contains(&d.len()),
            _ => true,
        })
}

/// The FTE MIC, naively: every check of 13.8.4 done by hand, the data concatenated with the
/// FTE's MIC field zeroed in a copy (IEEE 802.11-2020 13.8.4).
fn naive_fte_mic(i: &FteInput<'_>) -> Option<Vec<u8>> {
    let alg = naive_fte_alg(i.akm)?;
    let mic_len = mac_len(alg);
    let fte = i.fte.0;
    let ok = i.kck.len() == naive::row(i.akm).kck
        && naive_element(i.rsne, 48)
        && naive_element(i.mde, 54)
        && i.mde.len() == 5
        && naive_fte_ok(i.akm, fte)
        && i.ric.is_none_or(|r| !r.is_empty() && naive_tlvs(r, |_, _| true))
        && i.rsnxe.is_none_or(|r| naive_element(r, 244));
    if !ok {
        return None;
    }
    let mut zeroed = fte.to_vec();
    zeroed[4..4 + mic_len].fill(0);
    let data = naive::cat(&[
        &i.sta,
        &i.bssid,
        &[i.seq],
        i.rsne,
        i.mde,
        &zeroed,
        i.ric.unwrap_or_default(),
        i.rsnxe.unwrap_or_default(),
    ]);
    naive::mac(alg, i.kck, &data)
}

/// `Fte::parse`, its accessors, and the FTE MIC compute, verify and write, against the naive
/// transcription, for every AKM.
pub fn fte(data: &[u8]) {
    let i = FteInput::read(data);
    let (akm, fte) = (i.akm, i.fte.0);

    let parsed = Fte::parse(&suite_of(akm), fte);
    assert_eq!(parsed.is_ok(), naive_fte_ok(akm, fte), "{akm}: Fte::parse");
    if let Ok(view) = parsed {
        let mic_len = view.mic().len();
        assert_eq!(view.mic_control(), [fte[2], fte[3]]);
        assert_eq!(view.element_count(), fte[3]);
        assert_eq!(view.mic(), &fte[4..4 + mic_len]);
        assert_eq!(view.anonce().as_bytes(), &fte[4 + mic_len..36 + mic_len]);
        assert_eq!(view.snonce().as_bytes(), &fte[36 + mic_len..68 + mic_len]);
        assert_eq!(view.subelements(), &fte[68 + mic_len..]);
        for id in [0, 1, 2, 3, 4, 5, 255] {
            let mut first = None;
            naive_tlvs(view.subelements(), |sid, d| {
                if sid == id && first.is_none() {
                    first = Some(d.to_vec());
                }
                true
            });
            assert_eq!(view.subelement(id).map(<[u8]>::to_vec), first);
        }
        assert_eq!(
            view.r1kh_id().map(|r| r.as_bytes().to_vec()),
            view.subelement(1).map(Vec::from)
        );
        assert_eq!(
            view.r0kh_id().map(|r| r.as_bytes().to_vec()),
            view.subelement(3).map(Vec::from)
        );
        let _ = format!("{view:?}");
    }

    let Ok(kck) = Kck::from_bytes(i.kck) else { return };
    let (sta, bssid) = (MacAddr::new(i.sta), MacAddr::new(i.bssid));
    let input = FteMicInput {
        sta_addr: &sta,
        bssid: &bssid,
        transaction_seq: i.seq,
        rsne: i.rsne,
        mde: i.mde,
        fte,
        ric: i.ric,
        rsnxe: i.rsnxe,
    };
    let expected = naive_fte_mic(&i);
    let computed = ft::fte_mic(&suite_of(akm), &kck, &input);
    let verified = ft::verify_fte_mic(&suite_of(akm), &kck, &input);
    match (computed, expected) {
        (Ok(mic), Some(naive)) => {
            assert_eq!(mic.as_bytes(), &naive[..], "{akm}: FTE MIC differs from the naive one");
            let received = &fte[4..4 + mic.len()];
            assert_eq!(verified.is_ok(), received == &naive[..], "{akm}: verify disagrees");
            if let Err(e) = verified {
                assert_eq!(e, Error::MicMismatch);
            }
            let mut sent = fte.to_vec();
            ft::write_fte_mic(&suite_of(akm), &mut sent, &mic)
                .expect("write into an FTE that parsed");
            assert_eq!(
                ft::verify_fte_mic(&suite_of(akm), &kck, &FteMicInput { fte: &sent, ..input }),
                Ok(())
            );
            // A MIC of another length is refused and leaves the element alone.
            let other = Mic::from_slice(&naive[..8]).expect("8 octets");
            let before = sent.clone();
            assert!(ft::write_fte_mic(&suite_of(akm), &mut sent, &other).is_err());
            assert_eq!(sent, before);
        }
        (Err(e), None) => {
            assert_eq!(verified, Err(e));
            naive::assert_no_key(&format!("{e} {e:?}"), i.kck, "FTE MIC error");
        }
        (c, n) => panic!("{akm}: library {c:?}, naive {n:?}"),
    }
}

fuzz_input!(
    /// Every input of the FT hierarchy, each of any length.
    FtInput {
        akm: Akm,
        source: u8,
        key: &'a [u8],
        ssid: &'a [u8],
        mdid: [u8; 2],
        r0kh_id: &'a [u8],
        s0kh_id: [u8; 6],
        r1kh_id: [u8; 6],
        s1kh_id: [u8; 6],
        cipher: Cipher,
        snonce: [u8; 32],
        anonce: [u8; 32],
        bssid: [u8; 6],
        sta: [u8; 6],
        rest: Rest<'a>,
    }
);

/// The XXKey by IEEE 802.11-2020 12.7.1.7.3; `None` where the library must refuse.
fn naive_xxkey(akm: Akm, source: u8, key: &[u8]) -> Option<Vec<u8>> {
    let row = naive::row(akm);
    if !row.ft {
        return None;
    }
    let q = if row.hash == H::Sha384 { 48 } else { 32 };
    match (source % 3, row.source, row.suite_type) {
        // An MSK of 1 to 64 octets, long enough for the cut.
        _ if source.is_multiple_of(3) && key.len() > 64 => None,
        (0, 'm', 3) => key.get(32..64).map(<[u8]>::to_vec),
        (0, 'm', 13) => key.get(..48).map(<[u8]>::to_vec),
        // A PSK from a passphrase has 32 octets; a given one may have 48 for AKM 19.
        (1, 'p', _) if key.len() == q || key.len() == 32 => Some(key.to_vec()),
        (2, 's', 25) if matches!(key.len(), 32 | 48 | 64) => Some(key.to_vec()),
        (2, 's', _) if key.len() == q => Some(key.to_vec()),
        _ => None,
    }
}

/// The whole FT chain against IEEE 802.11-2020 12.7.1.7 transcribed naively, from every key source.
pub fn derive_ft(data: &[u8]) {
    let i = FtInput::read(data);
    let akm = i.akm;
    let xx = match i.source % 3 {
        0 => Msk::from_bytes(i.key).and_then(|m| XxKey::from_msk(akm, &m)),
        1 => Psk::from_bytes(i.key).and_then(|p| XxKey::from_psk(akm, &p)),
        _ => Pmk::from_bytes(i.key).and_then(|p| XxKey::from_sae_pmk(akm, &p)),
    };
    let naive_xx = naive_xxkey(akm, i.source, i.key);
    let xx = match (xx, naive_xx) {
        (Ok(xx), Some(n)) => {
            assert_eq!(xx.as_bytes(), &n[..]);
            naive::assert_no_key(&format!("{xx:?}"), &n, "XxKey Debug");
            xx
        }
        (Err(e), None) => {
            naive::assert_no_key(&format!("{e} {e:?}"), i.key, "XXKey error");
            // The chain refuses a non-FT AKM whatever XXKey it is given.
            if !naive::row(akm).ft {
                let psk = Psk::from_bytes(&[7; 32]).expect("32 octets");
                let xx = XxKey::from_psk(Akm::FtPsk, &psk).expect("FT-PSK");
                let (ssid, r0kh) = (Ssid::new(b"x").unwrap(), R0khId::new(b"r").unwrap());
                let mdid = MobilityDomainId::new(i.mdid);
                let r0 = PmkR0::derive(akm, &xx, &ssid, mdid, &r0kh, &MacAddr::new(i.s0kh_id));
                assert!(matches!(r0, Err(Error::NotForAkm { .. })), "{akm}");
            }
            return;
        }
        (x, n) => panic!("{akm} source {}: library {x:?}, naive {n:?}", i.source % 3),
    };

    let ssid = Ssid::new(i.ssid);
    let r0kh = R0khId::new(i.r0kh_id);
    assert_eq!(ssid.is_ok(), i.ssid.len() <= 32);
    assert_eq!(r0kh.is_ok(), (1..=48).contains(&i.r0kh_id.len()));
    let (Ok(ssid), Ok(r0kh)) = (ssid, r0kh) else { return };
    let mdid = MobilityDomainId::new(i.mdid);
    let s0kh = MacAddr::new(i.s0kh_id);
    let r0 = PmkR0::derive(akm, &xx, &ssid, mdid, &r0kh, &s0kh).expect("an FT AKM and its XXKey");

    // Q and the hash: the AKM's, or for AKM 25 the XXKey length's.
    let h = naive::row_for(akm, xx.len()).hash;
    let q = naive::hash_len(h);
    let context = naive::cat(&[
        &[i.ssid.len() as u8],
        i.ssid,
        &i.mdid,
        &[i.r0kh_id.len() as u8],
        i.r0kh_id,
        &i.s0kh_id,
    ]);
    let r0_key_data = naive::kdf(h, xx.as_bytes(), b"FT-R0", &context, (q as u16 + 16) * 8);
    assert_eq!(r0.key().as_bytes(), &r0_key_data[..q]);
    let r0_name = naive::hash(h, &naive::cat(&[b"FT-R0N", &r0_key_data[q..]]));
    assert_eq!(r0.name().as_bytes(), &r0_name[..16]);
    assert!(r0.name().matches(&PmkId::from(*r0.name())));
    naive::assert_no_key(&format!("{r0:?}"), r0.key().as_bytes(), "PmkR0 Debug");

    let (r1kh, s1kh) = (MacAddr::new(i.r1kh_id), MacAddr::new(i.s1kh_id));
    let r1 = r0.derive_r1(&r1kh, &s1kh).expect("derive_r1");
    let ids = naive::cat(&[&i.r1kh_id, &i.s1kh_id]);
    assert_eq!(
        r1.key().as_bytes(),
        &naive::kdf(h, r0.key().as_bytes(), b"FT-R1", &ids, q as u16 * 8)[..]
    );
    let r1_name = naive::hash(h, &naive::cat(&[b"FT-R1N", r0.name().as_bytes(), &ids]));
    assert_eq!(r1.name().as_bytes(), &r1_name[..16]);
    naive::assert_no_key(&format!("{r1:?}"), r1.key().as_bytes(), "PmkR1 Debug");

    // Rebuilding from parts keeps everything; another AKM's length is refused.
    let again = PmkR1::from_parts(akm, r1.key().clone(), *r1.name()).expect("from_parts");
    assert_eq!(again.name(), r1.name());
    for other in Akm::ALL {
        let ok = PmkR1::from_parts(other, r1.key().clone(), *r1.name()).is_ok();
        let row = naive::row_for(other, q);
        assert_eq!(ok, row.ft && naive::hash_len(row.hash) == q, "{other}");
        let ok = PmkR0::from_parts(other, r0.key().clone(), *r0.name()).is_ok();
        assert_eq!(ok, row.ft && naive::hash_len(row.hash) == q, "{other}");
    }

    let (snonce, anonce) = (Nonce::new(i.snonce), Nonce::new(i.anonce));
    let (bssid, sta) = (MacAddr::new(i.bssid), MacAddr::new(i.sta));
    let ptk = r1.derive_ptk(i.cipher, &Pairwise { aa: bssid, spa: sta, anonce, snonce });
    if !naive::combines(akm, i.cipher) {
        assert!(matches!(ptk, Err(Error::UnsupportedCombination { .. })));
        return;
    }
    let ptk = ptk.expect("an FT PTK");
    let row = naive::row_for(akm, q);
    let len = row.kck + row.kek + naive::tk_len(i.cipher);
    let data = naive::cat(&[&i.snonce, &i.anonce, &i.bssid, &i.sta]);
    let expected = naive::kdf(h, r1.key().as_bytes(), b"FT-PTK", &data, len as u16 * 8);
    let p = ptk.ptk();
    assert_eq!(p.kck().as_bytes(), &expected[..row.kck]);
    assert_eq!(p.kek().as_bytes(), &expected[row.kck..row.kck + row.kek]);
    assert_eq!(p.tk().as_bytes(), &expected[row.kck + row.kek..]);
    let name = naive::hash(H::Sha256, &naive::cat(&[r1.name().as_bytes(), b"FT-PTKN", &data]));
    assert_eq!(ptk.name().as_bytes(), &name[..16]);
    let debug = format!("{ptk:?}");
    for part in [
        &expected[..row.kck],
        &expected[row.kck..row.kck + row.kek],
        &expected[row.kck + row.kek..],
    ] {
        naive::assert_no_key(&debug, part, "FtPtk Debug");
    }
}
