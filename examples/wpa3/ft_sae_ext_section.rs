//! An FT-SAE-EXT-KEY (AKM 00-0F-AC:25) association and roam, both sides of every step:
//!
//! 1. SAE with hash-to-element on group 20 (P-384) for SAE-EXT-KEY: the hash of the group
//!    (SHA-384) and a 48-octet PMK; commits and confirms as Authentication frames;
//! 2. the initial mobility domain association with AP1: the SAE PMK as XXKey, PMK-R0 and
//!    PMK-R1 with KDF-SHA-384 (the hash of the PMK length), the FT 4-way handshake whose
//!    suite follows the PMK length (24-octet KCK, 32-octet KEK, HMAC-SHA-384-192 MICs);
//! 3. an over-the-air FT roam to AP2: FT Authentication (PMKR0Name, R0KH-ID, the nonces), the
//!    PMK-R1 for AP2 from the R0 key holder, the FT PTK on both sides, then Reassociation with
//!    the FTE MIC (HMAC-SHA-384-192 with the KCK, a 24-octet MIC field whose length the MIC
//!    Control field states) checked by the target AP, and the GTK, IGTK and BIGTK wrapped in
//!    the FTE of the response.
//!
//! Every frame its receiver checks is played with `Air::exchange` on the example's one air
//! (traced, captured, altered when a test or `--tamper` names it), after AP1's and AP2's
//! Beacons; the SAE PMK (the XXKey) is recorded with `Air::key` for the capture tool. Any
//! mismatch is an error.

use ieee80211_keys::ft::{self, FtPtk, Fte, FteMicInput, PmkR0, PmkR0Name, PtkName, XxKey};
use ieee80211_keys::ft_elements::{FteBuilder, Mde, FTE_ID, MDE_ID};
use ieee80211_keys::rsne::{RsnCapabilities, Rsne, Selector, RSNE_ID};
use ieee80211_keys::sae::frame::{AuthFrame, CommitFrame, ConfirmFrame};
use ieee80211_keys::sae::{
    Accepted, AkmFamily, Commit, Committed, Confirm, Group, Password, Pt, Pwe,
};
use ieee80211_keys::suite::MicAlgorithm;
use ieee80211_keys::{
    Akm, Cipher, Error, MacAddr, MobilityDomainId, Nonce, Pairwise, PmkId, R0khId, Ssid, Suite,
};
use subtle::ConstantTimeEq;

use super::super::air::{elements_of, status_and_rest, Air, Body, Dir};
use super::super::pcapwrite::frames::element;
use super::handshake::{four_way, FourWay, GroupKeys, Side};
use super::{ensure, find, hex, DemoRng, Draw};

/// What the section established, for a summary line.
#[derive(Debug)]
pub struct FtSaeExtSummary {
    /// The SAE group.
    pub group: Group,
    /// The SAE PMK (and XXKey) length: the hash length of the group.
    pub pmk_len: usize,
    /// The PMK-R0's name.
    pub r0_name: PmkR0Name,
    /// The PTKName of the roam, equal on both sides.
    pub ptk_name: PtkName,
    /// The FTE MIC of the roam.
    pub fte_mic: MicAlgorithm,
    /// The KCK length of the FT PTK.
    pub kck_len: usize,
}

const AKM: Akm = Akm::FtSaeExtKey;
const CIPHER: Cipher = Cipher::Ccmp128;
const GROUP: Group = Group::P384;

/// An RSNE of AKM 25 with CCMP-128, management frame protection required, and PMKIDs.
fn rsne(pmkids: &[PmkId]) -> Result<Vec<u8>, Error> {
    let (pairwise, akms) = ([Selector::from(CIPHER)], [Selector::from(AKM)]);
    let caps = RsnCapabilities::from_bits(RsnCapabilities::MFPC | RsnCapabilities::MFPR);
    let r = Rsne::new(CIPHER.into(), &pairwise, &akms).with_capabilities(caps).with_pmkids(pmkids);
    let mut out = vec![0u8; r.len()];
    r.write(&mut out)?;
    Ok(out)
}

fn fte(b: FteBuilder<'_>) -> Result<Vec<u8>, Error> {
    let mut out = [0u8; 257];
    let n = b.write(&mut out)?;
    Ok(out[..n].to_vec())
}

/// The elements RSNE, MDE and FTE (last) of a frame, the FTE MIC computed over them (with the
/// STA address, the BSSID and the transaction sequence number) and written in place.
fn signed(
    ptk: &FtPtk,
    (sta, bssid): (&MacAddr, &MacAddr),
    seq: u8,
    parts: [&[u8]; 3],
) -> Result<Vec<u8>, Error> {
    let mut ies = parts.concat();
    let suite = ptk.ptk().suite();
    let mic = ft::fte_mic(suite, ptk.kck(), &FteMicInput::from_elements(sta, bssid, seq, &ies)?)?;
    let fte_at = parts[0].len() + parts[1].len();
    ft::write_fte_mic(suite, &mut ies[fte_at..], &mic)?;
    Ok(ies)
}

/// The commit of an SAE Authentication frame body.
fn commit_in(body: &[u8]) -> Result<Commit, Error> {
    match AuthFrame::parse(body, 0)? {
        AuthFrame::Commit(c) => c.commit(),
        _ => Err(Error::MalformedFrame { reason: "expected an SAE commit" }),
    }
}

/// The confirm of an SAE Authentication frame body.
fn confirm_in(body: &[u8]) -> Result<Confirm, Error> {
    match AuthFrame::parse(body, 0)? {
        AuthFrame::Confirm(c) => c.confirm(),
        _ => Err(Error::MalformedFrame { reason: "expected an SAE confirm" }),
    }
}

/// SAE between `sta` and `ap` with the PT both stored: four Authentication frames; each side's
/// PMK once the other's confirm verified.
fn sae(
    pt: &Pt,
    (sta, ap): (MacAddr, MacAddr),
    rng: &mut DemoRng,
    air: &mut Air,
) -> Result<(Accepted, Accepted), Error> {
    let (s, a, auth) = (*sta.as_bytes(), *ap.as_bytes(), Body::Authentication);
    let family = AkmFamily::SaeExtKey;
    let sta_side = Committed::new(&Pwe::from_pt(pt, &sta, &ap)?, rng)?;
    let ap_side = Committed::new(&Pwe::from_pt(pt, &ap, &sta)?, rng)?;
    let mut buf = [0u8; 512];
    let n = CommitFrame::new(sta_side.commit(), sta_side.method()).write(&mut buf)?;
    let what = format!("Authentication (SAE commit, {GROUP}, hash-to-element)");
    let f = air.exchange(Dir::ToAp, s, a, auth, &what, &buf[..n]);
    let ap_keys = ap_side.process(&commit_in(&f)?, family, None)?;
    let n = CommitFrame::new(ap_side.commit(), ap_side.method()).write(&mut buf)?;
    let f = air.exchange(Dir::ToSta, s, a, auth, "Authentication (SAE commit)", &buf[..n]);
    let sta_keys = sta_side.process(&commit_in(&f)?, family, None)?;
    let n = ConfirmFrame::new(&sta_keys.confirm(1)).write(&mut buf)?;
    let f = air.exchange(Dir::ToAp, s, a, auth, "Authentication (SAE confirm)", &buf[..n]);
    let on_ap = ap_keys.verify(&confirm_in(&f)?)?;
    let n = ConfirmFrame::new(&ap_keys.confirm(1)).write(&mut buf)?;
    let f = air.exchange(Dir::ToSta, s, a, auth, "Authentication (SAE confirm)", &buf[..n]);
    let on_sta = sta_keys.verify(&confirm_in(&f)?)?;
    ensure(on_sta.pmkid() == on_ap.pmkid(), "SAE: the PMKIDs differ")?;
    Ok((on_sta, on_ap))
}

/// Runs the section with the given seed on `air`: one trace line per step, every frame.
pub fn wpa3_ft_sae_ext_section(seed: u64, air: &mut Air) -> Result<FtSaeExtSummary, Error> {
    let mut rng = DemoRng(seed ^ 0x2525_2525_2525_2525);
    let (sta, ap1, ap2) = (rng.mac(0x21), rng.mac(0x22), rng.mac(0x23));
    let (s, a1, a2) = (*sta.as_bytes(), *ap1.as_bytes(), *ap2.as_bytes());
    let ssid = Ssid::new(b"wpa7-campus")?;
    let mdid = MobilityDomainId::new(rng.bytes());
    let mut mde = [0u8; 5];
    Mde { mdid, ft_capability: 0 }.write(&mut mde)?;
    let r0kh_id = R0khId::new(b"r0kh.wpa7-campus.example")?;
    air.note(format!("FT-SAE-EXT-KEY  SSID \"wpa7-campus\", mobility domain {mdid}, AP1 {ap1}, AP2 {ap2}, STA {sta}"));

    // SAE-EXT-KEY with AP1 on group 20: PT stored on both sides, PMK of 48 octets.
    let pt =
        Pt::derive(GROUP, &ssid, &Password::from_bytes(b"a longer passphrase for wifi 7")?, None)?;
    let beacon = [element(0, ssid.as_bytes()), rsne(&[])?, mde.to_vec()].concat();
    air.play(Dir::ToSta, s, a1, Body::Beacon, &beacon);
    let (on_sta, on_ap) = sae(&pt, (sta, ap1), &mut rng, air)?;
    let pmk_len = on_sta.pmk().len();
    // A monitor cannot derive the SAE PMK (it takes a side's private scalar): the network's
    // owner hands the capture tool the PMK, from which the FT key hierarchy follows.
    air.key("pmk", &hex(on_sta.pmk().as_bytes()));
    air.note(format!(
        "FT-SAE-EXT-KEY  SAE on {GROUP}: PMK {pmk_len} octets (SHA-384 KCK and PMK), PMKID {}",
        on_sta.pmkid()
    ));

    // The FT key hierarchy from the SAE PMK (XXKey): the hash follows its length.
    let r0_sta =
        PmkR0::derive(AKM, &XxKey::from_sae_pmk(AKM, on_sta.pmk())?, &ssid, mdid, &r0kh_id, &sta)?;
    // AP1 is the R0 key holder of the mobility domain.
    let r0_net =
        PmkR0::derive(AKM, &XxKey::from_sae_pmk(AKM, on_ap.pmk())?, &ssid, mdid, &r0kh_id, &sta)?;
    ensure(r0_sta.name() == r0_net.name(), "PMKR0Names differ")?;
    let r0_name = *r0_sta.name();
    air.note(format!("FT-SAE-EXT-KEY  PMK-R0 (KDF-SHA-384), PMKR0Name {r0_name}, on both sides"));

    // Initial mobility domain association with AP1: RSNE and MDE; MDE and FTE in the answer.
    let ies = [element(0, ssid.as_bytes()), rsne(&[])?, mde.to_vec()].concat();
    let what = "Association Request: SSID, RSNE (AKM 25), MDE";
    let req = air.exchange(Dir::ToAp, s, a1, Body::AssocRequest, what, &ies);
    let req_ies = elements_of(Body::AssocRequest, &req)?;
    let named = find(req_ies, 0, "AP1: the request has an SSID")?;
    ensure(named == element(0, ssid.as_bytes()), "AP1: the request names its SSID")?;
    ensure(find(req_ies, MDE_ID, "AP1: an MDE")? == mde, "AP1: the MDE is its domain's")?;
    let (zero, suite) = (Nonce::new([0; 32]), Suite::new(AKM, CIPHER, pmk_len)?);
    let ids = FteBuilder::new(&suite, &zero, &zero)?.r1kh_id(&ap1).r0kh_id(&r0kh_id);
    let ids_fte = fte(ids)?;
    let resp_ies = [mde.to_vec(), ids_fte.clone()].concat();
    let what = "Association Response (success): MDE, FTE (R1KH-ID, R0KH-ID)";
    let resp = air.exchange(Dir::ToSta, s, a1, Body::AssocResponse, what, &resp_ies);
    let (status, resp_ies) = status_and_rest(Body::AssocResponse, &resp)?;
    ensure(status == 0, "STA: associated")?;
    let named = Fte::parse(&suite, find(resp_ies, FTE_ID, "STA: an FTE")?)?;
    ensure(named.r0kh_id().as_ref() == Some(&r0kh_id), "STA: the R0KH-ID")?;
    let ap1_r1kh = named.r1kh_id().ok_or(Error::MalformedFrame { reason: "STA: no R1KH-ID" })?;

    // The FT 4-way handshake on PMK-R1 for AP1.
    let sta_r1 = r0_sta.derive_r1(&ap1_r1kh, &sta)?;
    let ap1_r1 = r0_net.derive_r1(&ap1, &sta)?;
    let r1_name = PmkId::from(*sta_r1.name());
    let msg2 = [rsne(&[r1_name])?, mde.to_vec(), ids_fte.clone()].concat();
    let msg3 = [rsne(&[PmkId::from(*ap1_r1.name())])?, mde.to_vec(), ids_fte].concat();
    let group_keys = GroupKeys::generate(&mut rng, &ap1)?;
    let pw =
        |aa: MacAddr, an: &Nonce, sn: &Nonce| Pairwise { aa, spa: sta, anonce: *an, snonce: *sn };
    let names_r1 = |kd: &[u8], name: PmkId| -> Result<(), Error> {
        let r = Rsne::parse(find(kd, RSNE_ID, "Key Data: an RSNE")?)?;
        ensure(r.pmkids().contains(&name), "the RSNE names the PMK-R1")?;
        ensure(find(kd, MDE_ID, "Key Data: an MDE")? == mde, "the MDE")
    };
    let established = four_way(
        FourWay {
            suite,
            sta,
            ap: ap1,
            pmkid: None,
            station: Side {
                derive: &|an, sn| Ok(sta_r1.derive_ptk(CIPHER, &pw(ap1, an, sn))?.into_parts().0),
                elements: &msg2,
                check: &|kd| names_r1(kd, r1_name),
            },
            authenticator: Side {
                derive: &|an, sn| Ok(ap1_r1.derive_ptk(CIPHER, &pw(ap1, an, sn))?.into_parts().0),
                elements: &msg3,
                check: &|kd| names_r1(kd, PmkId::from(*ap1_r1.name())),
            },
            group: &group_keys,
        },
        &mut rng,
        air,
    )?;
    let kck_len = established.sta.kck().len();

    // The roam to AP2, over the air: FT Authentication.
    air.play(Dir::ToSta, s, a2, Body::Beacon, &beacon);
    let ft_auth = |seq| Body::Auth { algorithm: 2, seq, status: 0 };
    let snonce = rng.nonce();
    let auth1_ies = [
        rsne(&[PmkId::from(r0_name)])?,
        mde.to_vec(),
        fte(FteBuilder::new(&suite, &zero, &snonce)?.r0kh_id(&r0kh_id))?,
    ]
    .concat();
    let what = "Authentication (FT, seq 1): RSNE (PMKR0Name), MDE, FTE (SNonce, R0KH-ID)";
    let auth1 = air.exchange(Dir::ToAp, s, a2, ft_auth(1), what, &auth1_ies);
    let ies1 = elements_of(ft_auth(1), &auth1)?;
    ensure(auth1.get(..4) == Some(&[2, 0, 1, 0][..]), "AP2: FT authentication, sequence 1")?;
    ensure(find(ies1, MDE_ID, "AP2: an MDE")? == mde, "AP2: the MDE is its domain's")?;
    let fte1 = Fte::parse(&suite, find(ies1, FTE_ID, "AP2: an FTE")?)?;
    ensure(fte1.r0kh_id().as_ref() == Some(&r0kh_id), "AP2: a known R0KH-ID")?;
    let asked = Rsne::parse(find(ies1, RSNE_ID, "AP2: an RSNE")?)?;
    ensure(
        asked.pmkids().iter().next().is_some_and(|n| r0_net.name().matches(&n)),
        "AP2: the PMKR0Name is the R0KH's",
    )?;
    // The R0KH derives PMK-R1 for AP2 and sends it over the backhaul.
    let ap2_r1 = r0_net.derive_r1(&ap2, &sta)?;
    let anonce = rng.nonce();
    let ap_ptk = ap2_r1.derive_ptk(CIPHER, &pw(ap2, &anonce, fte1.snonce()))?;
    let ap_ids = FteBuilder::new(&suite, &anonce, fte1.snonce())?.r1kh_id(&ap2).r0kh_id(&r0kh_id);
    let auth2_ies = [rsne(&[PmkId::from(r0_name)])?, mde.to_vec(), fte(ap_ids)?].concat();
    let what =
        "Authentication (FT, seq 2, success): RSNE, MDE, FTE (ANonce, SNonce, R1KH-ID, R0KH-ID)";
    let auth2 = air.exchange(Dir::ToSta, s, a2, ft_auth(2), what, &auth2_ies);
    ensure(auth2.get(..4) == Some(&[2, 0, 2, 0][..]), "STA: FT authentication, sequence 2")?;
    let (status, ies2) = status_and_rest(ft_auth(2), &auth2)?;
    ensure(status == 0, "STA: FT authentication accepted")?;
    let fte2 = Fte::parse(&suite, find(ies2, FTE_ID, "STA: an FTE")?)?;
    ensure(*fte2.snonce() == snonce, "STA: the AP echoes its SNonce")?;
    ensure(fte2.r0kh_id().as_ref() == Some(&r0kh_id), "STA: the R0KH-ID is its PMK-R0's")?;
    let target = fte2.r1kh_id().ok_or(Error::MalformedFrame { reason: "STA: no R1KH-ID" })?;
    let sta2_r1 = r0_sta.derive_r1(&target, &sta)?;
    let sta_ptk = sta2_r1.derive_ptk(CIPHER, &pw(ap2, fte2.anonce(), &snonce))?;
    air.note(format!(
        "FT-SAE-EXT-KEY  roam to AP2: PMK-R1 {}, FT PTK (KCK {} | KEK {} | TK {}) on both sides",
        sta2_r1.name(),
        sta_ptk.kck().len(),
        sta_ptk.kek().len(),
        sta_ptk.tk().len()
    ));

    // Reassociation Request with the FTE MIC (sequence 5), checked by AP2.
    let (req_seq, resp_seq) =
        (ft::TRANSACTION_SEQ_REASSOC_REQUEST, ft::TRANSACTION_SEQ_REASSOC_RESPONSE);
    let sta_fte = fte(FteBuilder::new(&suite, fte2.anonce(), &snonce)?
        .element_count(3)
        .r1kh_id(&target)
        .r0kh_id(&r0kh_id))?;
    let req_rsne = rsne(&[PmkId::from(*sta2_r1.name())])?;
    let ies = signed(&sta_ptk, (&sta, &ap2), req_seq, [&req_rsne, &mde, &sta_fte])?;
    let fte_mic = sta_ptk.ptk().suite().fte_mic()?;
    let what =
        format!("Reassociation Request: RSNE (PMKR1Name), MDE, FTE ({}, seq 5)", fte_mic.name());
    let req = air.exchange(Dir::ToAp, s, a2, Body::ReassocRequest, &what, &ies);
    ensure(req.get(4..10) == Some(ap1.as_bytes()), "AP2: the current AP is AP1")?;
    let req_ies = elements_of(Body::ReassocRequest, &req)?;
    let input = FteMicInput::from_elements(&sta, &ap2, req_seq, req_ies)?;
    ensure(
        Rsne::parse(input.rsne)?.pmkids().contains(&PmkId::from(*ap2_r1.name())),
        "AP2: PMKR1Name",
    )?;
    let fte3 = Fte::parse(&suite, input.fte)?;
    ensure(*fte3.anonce() == anonce && fte3.snonce() == fte1.snonce(), "AP2: the FTE's nonces")?;
    ft::verify_fte_mic(&suite, ap_ptk.kck(), &input)?;
    air.note(format!("FT-SAE-EXT-KEY  AP2: FTE MIC of the Reassociation Request verified ({}, {}-octet MIC field)", fte_mic.name(), fte3.mic().len()));

    // Reassociation Response: the FTE MIC (sequence 6) and the group keys wrapped in the FTE.
    let g = &GroupKeys::generate(&mut rng, &ap2)?;
    let resp_fte = ap_ids
        .element_count(3)
        .gtk(ap_ptk.kek(), 1, [0; 8], &g.gtk)
        .igtk(ap_ptk.kek(), 4, [0; 6], &g.igtk)
        .bigtk(ap_ptk.kek(), 6, [0; 6], &g.bigtk);
    let resp_rsne = rsne(&[PmkId::from(*ap2_r1.name())])?;
    let ies = signed(&ap_ptk, (&sta, &ap2), resp_seq, [&resp_rsne, &mde, &fte(resp_fte)?])?;
    let what = "Reassociation Response (success): RSNE, MDE, FTE (MIC, seq 6, GTK, IGTK, BIGTK)";
    let resp = air.exchange(Dir::ToSta, s, a2, Body::ReassocResponse, what, &ies);
    let (status, resp_ies) = status_and_rest(Body::ReassocResponse, &resp)?;
    ensure(status == 0, "STA: reassociated")?;
    let input = FteMicInput::from_elements(&sta, &ap2, resp_seq, resp_ies)?;
    ft::verify_fte_mic(&suite, sta_ptk.kck(), &input)?;
    let fte4 = Fte::parse(&suite, input.fte)?;
    let missing = Error::MalformedFrame { reason: "STA: a group key subelement is missing" };
    let gtk = fte4.gtk_subelement()?.ok_or(missing)?.unwrap(sta_ptk.kek())?;
    let igtk = fte4.igtk_subelement()?.ok_or(missing)?.unwrap_igtk(sta_ptk.kek())?;
    let bigtk = fte4.bigtk_subelement()?.ok_or(missing)?.unwrap_bigtk(sta_ptk.kek())?;
    ensure(
        bool::from(gtk.ct_eq(&g.gtk) & igtk.ct_eq(&g.igtk) & bigtk.ct_eq(&g.bigtk)),
        "STA: the group keys are AP2's",
    )?;
    ensure(sta_ptk.name() == ap_ptk.name(), "PTKNames differ")?;
    ensure(bool::from(sta_ptk.tk().ct_eq(ap_ptk.tk())), "TKs differ")?;
    if let Ok(tk) = <&[u8; 16]>::try_from(sta_ptk.tk().as_bytes()) {
        air.protected_data(Dir::ToAp, s, a2, tk, 1);
        air.protected_data(Dir::ToSta, s, a2, tk, 1);
    }
    air.note(format!("FT-SAE-EXT-KEY  STA: FTE MIC of the response verified; GTK, IGTK, BIGTK unwrapped; PTKName {}", sta_ptk.name()));

    Ok(FtSaeExtSummary {
        group: GROUP,
        pmk_len,
        r0_name,
        ptk_name: *sta_ptk.name(),
        fte_mic,
        kck_len,
    })
}
