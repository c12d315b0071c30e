//! An Enhanced Open (OWE, AKM 00-0F-AC:18; RFC 8110) association, both sides of every step:
//!
//! 1. Open System authentication;
//! 2. the Association Request with the client's public value C in the OWE Diffie-Hellman
//!    Parameter element, the AP's checks (AKM, management frame protection, group, point), its
//!    own key pair, the ECDH on P-256 (group 19) and the PMK and PMKID; the Association Response
//!    with A and the PMKID in the RSNE; the client's ECDH and the same PMK and PMKID;
//! 3. the 4-way handshake on that PMK: the suite of AKM 18 with a 32-octet PMK (KDF-SHA-256,
//!    16-octet KCK and KEK, HMAC-SHA-256-128 MICs, AKM-defined descriptor version 0), every
//!    frame built with `eapol_key::Builder` and verified by the peer.
//!
//! Every frame its receiver checks is played with `Air::exchange` on the example's one air
//! (traced, captured, altered when a test or `--tamper` names it), after a Beacon; the PMK is
//! recorded with `Air::key` for the capture tool (a monitor cannot compute the ECDH). Any
//! mismatch is an error.

use ieee80211_keys::owe::{Group, OweKeyPair};
use ieee80211_keys::owe_element::{self, OweDhParameter};
use ieee80211_keys::rsne::{RsnCapabilities, Rsne, Selector, RSNE_ID};
use ieee80211_keys::suite::MicAlgorithm;
use ieee80211_keys::{elements, Akm, Cipher, Error, Pairwise, PmkId, Ptk, Suite};

use super::super::air::{elements_of, status_and_rest, Air, Body, Dir};
use super::super::pcapwrite::frames::element;
use super::handshake::{four_way, FourWay, GroupKeys, Side};
use super::{ensure, find, hex, DemoRng, Draw};

/// What the section established, for a summary line.
#[derive(Debug)]
pub struct OweSummary {
    /// The group of the exchange.
    pub group: Group,
    /// The PMKID both sides agree on (Truncate-128(SHA-256(C | A))).
    pub pmkid: PmkId,
    /// The PMK length.
    pub pmk_len: usize,
    /// The EAPOL-Key MIC of the 4-way handshake.
    pub mic: MicAlgorithm,
}

const SSID: &[u8] = b"Enhanced-Open-Cafe";
const CIPHER: Cipher = Cipher::Ccmp128;

/// The RSNE of an OWE network: CCMP-128, AKM 18, management frame protection required (OWE
/// requires it), BIP-CMAC-128; the PMKID list when given.
fn rsne(pmkids: &[PmkId]) -> Result<Vec<u8>, Error> {
    let (pairwise, akms) = ([Selector::from(CIPHER)], [Selector::from(Akm::Owe)]);
    let caps = RsnCapabilities::from_bits(RsnCapabilities::MFPC | RsnCapabilities::MFPR);
    let r = Rsne::new(CIPHER.into(), &pairwise, &akms)
        .with_capabilities(caps)
        .with_pmkids(pmkids)
        .with_group_management_cipher(Selector::BIP_CMAC_128);
    let mut out = vec![0u8; r.len()];
    r.write(&mut out)?;
    Ok(out)
}

/// The OWE Diffie-Hellman Parameter element among `ies` (Element ID 255, extension 32).
fn find_owe_dh(ies: &[u8]) -> Result<OweDhParameter<'_>, Error> {
    for e in elements::Elements::new(ies) {
        let e = e?;
        if e.first() == Some(&owe_element::ELEMENT_ID)
            && e.get(2) == Some(&owe_element::ELEMENT_ID_EXTENSION)
        {
            return OweDhParameter::parse(e);
        }
    }
    Err(Error::MalformedFrame { reason: "no OWE Diffie-Hellman Parameter element" })
}

/// Runs the section with the given seed on `air`: one trace line per step, every frame.
pub fn wpa3_owe_section(seed: u64, air: &mut Air) -> Result<OweSummary, Error> {
    let mut rng = DemoRng(seed ^ 0x0e0e_0e0e_0e0e_0e0e);
    let (sta, ap) = (rng.mac(0x11), rng.mac(0x12));
    let (s, a) = (*sta.as_bytes(), *ap.as_bytes());
    let group = Group::P256;
    air.note(format!("OWE   SSID \"Enhanced-Open-Cafe\" (no password), AP {ap}, STA {sta}"));
    air.play(Dir::ToSta, s, a, Body::Beacon, &[element(0, SSID), rsne(&[])?].concat());

    // Open System authentication.
    let open = |seq| Body::Auth { algorithm: 0, seq, status: 0 };
    let a1 = air.exchange(Dir::ToAp, s, a, open(1), "Authentication (Open System, seq 1)", &[]);
    ensure(a1 == [0, 0, 1, 0, 0, 0], "AP: Open System, sequence 1, status 0")?;
    let a2 = air.exchange(Dir::ToSta, s, a, open(2), "Authentication (Open System, seq 2)", &[]);
    ensure(a2.get(..4) == Some(&[0, 0, 2, 0]), "STA: Open System, sequence 2")?;
    ensure(status_and_rest(open(2), &a2)?.0 == 0, "STA: authenticated")?;

    // The client's key pair; C in the Association Request.
    let client = OweKeyPair::generate(group, &mut rng);
    let mut dh = [0u8; 2 + 255];
    let n = OweDhParameter::new(client.public_key()).write(&mut dh)?;
    let sta_rsne = rsne(&[])?;
    let ies = [element(0, SSID), sta_rsne.clone(), dh[..n].to_vec()].concat();
    let what =
        format!("Association Request: SSID, RSNE (OWE, MFPR), OWE DH Parameter ({group}, C)");
    let req = air.exchange(Dir::ToAp, s, a, Body::AssocRequest, &what, &ies);

    // AP: the AKM and MFP, the group and C (a point of the curve), its own pair, the keys.
    let req_ies = elements_of(Body::AssocRequest, &req)?;
    let ssid = find(req_ies, 0, "AP: the request has an SSID")?;
    ensure(ssid == element(0, SSID), "AP: the request names its SSID")?;
    let req_rsne = find(req_ies, RSNE_ID, "AP: the request has an RSNE")?;
    let offered = Rsne::parse(req_rsne)?;
    ensure(offered.akms().any(|s| s.akm() == Some(Akm::Owe)), "AP: the STA chose OWE")?;
    ensure(
        offered.capabilities().is_some_and(|c| c.mfpc()),
        "AP: the STA protects management frames",
    )?;
    let c = find_owe_dh(req_ies)?.public_key()?;
    let ap_pair = OweKeyPair::generate(c.group(), &mut rng);
    let on_ap = ap_pair.ap_keys(&c)?;
    air.note(format!(
        "OWE   AP: C is a point of {}; ECDH z, PMK {} octets (HKDF-SHA-256), PMKID {}",
        c.group(),
        on_ap.pmk().len(),
        on_ap.pmkid()
    ));

    // A and the PMKID in the Association Response.
    let n = OweDhParameter::new(ap_pair.public_key()).write(&mut dh)?;
    let ap_pmkid = [on_ap.pmkid()];
    let ies = [rsne(&ap_pmkid)?, dh[..n].to_vec()].concat();
    let what = "Association Response (success): RSNE (PMKID), OWE DH Parameter (A)";
    let resp = air.exchange(Dir::ToSta, s, a, Body::AssocResponse, what, &ies);

    // Client: A, the keys, and the AP's PMKID must be its own.
    let (status, resp_ies) = status_and_rest(Body::AssocResponse, &resp)?;
    ensure(status == 0, "STA: association accepted")?;
    let a = find_owe_dh(resp_ies)?.public_key()?;
    ensure(a.group() == group, "STA: the AP answered in its group")?;
    let on_sta = client.client_keys(&a)?;
    let named = Rsne::parse(find(resp_ies, RSNE_ID, "STA: the response has an RSNE")?)?;
    ensure(named.pmkids().contains(&on_sta.pmkid()), "STA: the AP's PMKID is its own")?;
    air.note(format!(
        "OWE   STA: ECDH with A; the same PMK; PMKID {} as the AP named",
        on_sta.pmkid()
    ));
    // A monitor cannot compute z (it takes a side's private key): the network's owner hands
    // the capture tool the PMK.
    air.key("pmk", &hex(on_sta.pmk().as_bytes()));

    // The 4-way handshake on the OWE PMK (AKM 18, suite by PMK length).
    let suite = Suite::new(Akm::Owe, CIPHER, on_sta.pmk().len())?;
    let group_keys = GroupKeys::generate(&mut rng, &ap)?;
    let pairwise =
        |anonce: &_, snonce: &_| Pairwise { aa: ap, spa: sta, anonce: *anonce, snonce: *snonce };
    let (sta_pmk, ap_pmk) = (on_sta.pmk(), on_ap.pmk());
    let ap_rsne = rsne(&[])?;
    let established = four_way(
        FourWay {
            suite,
            sta,
            ap,
            pmkid: Some(on_ap.pmkid()),
            station: Side {
                derive: &|an, sn| Ptk::derive(sta_pmk, &suite, &pairwise(an, sn)),
                elements: &sta_rsne,
                // The AP's RSNE in 3/4 is the one it advertises.
                check: &|kd| {
                    ieee80211_keys::rsne::check_same_rsne(find(kd, RSNE_ID, "3/4: RSNE")?, &ap_rsne)
                },
            },
            authenticator: Side {
                derive: &|an, sn| Ptk::derive(ap_pmk, &suite, &pairwise(an, sn)),
                elements: &ap_rsne,
                // The station's RSNE in 2/4 is the one of its Association Request.
                check: &|kd| {
                    ieee80211_keys::rsne::check_same_rsne(find(kd, RSNE_ID, "2/4: RSNE")?, req_rsne)
                },
            },
            group: &group_keys,
        },
        &mut rng,
        air,
    )?;
    ensure(established.sta.len() == suite.ptk_len(), "the PTK has the suite's length")?;
    Ok(OweSummary { group, pmkid: on_sta.pmkid(), pmk_len: on_sta.pmk().len(), mic: suite.mic() })
}
