//! A WPA3-Personal section for the roam demonstration, both sides of every step:
//!
//! 1. SAE with hash-to-element on group 19: the PT from SSID and password (stored by both
//!    sides), PWE, commits and confirms as Authentication frame bodies on the air;
//! 2. the 4-way handshake's PTK from the SAE PMK (AKM 8), with the PMKID the AP caches;
//! 3. an FT-SAE roam (AKM 9): the SAE PMK as XXKey, PMK-R0 and PMK-R1, the FT PTK with the
//!    target AP.
//!
//! Written as one function over the example's air (`examples/capture/air.rs`) so that the roam
//! example can call it where it fits: the SAE frames go through `Air::exchange` (numbered,
//! traced, altered when `Air::tamper` names one), the trace through `Air::note`, the PMK to the
//! keys file; `tests/sae_example.rs` runs it. Any mismatch is an error.

use ieee80211_keys::ft::{PmkR0, XxKey};
use ieee80211_keys::rsne::{Rsne, Selector};
use ieee80211_keys::sae::frame::{AuthFrame, CommitFrame, ConfirmFrame};
use ieee80211_keys::sae::{AkmFamily, Committed, Group, Password, Pt, Pwe};
use ieee80211_keys::{
    Akm, Cipher, Error, Gtk, MacAddr, MobilityDomainId, Nonce, Pairwise, PmkId, Ptk, R0khId,
    R1khId, Ssid, Suite,
};
use subtle::ConstantTimeEq;

use super::air::{Air, Body, Dir, FourWay};

/// What the section established, for a summary line.
#[derive(Debug)]
pub struct SaeSummary {
    /// The PMKID both sides agree on.
    pub pmkid: PmkId,
    /// Octets on the air for the four SAE frames.
    pub sae_octets: usize,
    /// The PTK's TK length (AKM 8) and the FT PTK's (AKM 9).
    pub tk_lens: (usize, usize),
}

/// A small deterministic generator for the demonstration (a real station draws from the
/// operating system's generator).
pub struct DemoRng(pub u64);

impl rand_core::TryRng for DemoRng {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(self.try_next_u64()? as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Ok(z ^ (z >> 31))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let v = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        Ok(())
    }
}

impl rand_core::TryCryptoRng for DemoRng {}

fn ensure(holds: bool, what: &'static str) -> Result<(), Error> {
    if holds {
        Ok(())
    } else {
        Err(Error::MalformedFrame { reason: what })
    }
}

/// Runs the section with the given seed on `capture`: one trace line per step, every frame.
pub fn wpa3_sae_section(seed: u64, capture: &mut Air) -> Result<SaeSummary, Error> {
    let mut rng = DemoRng(seed);
    let mut addr = |last: u8| {
        let mut a = [0u8; 6];
        rand_core::Rng::fill_bytes(&mut rng, &mut a);
        a[0] = 0x02; // locally administered, unicast
        a[5] = last;
        MacAddr::new(a)
    };
    let (sta, ap1, ap2) = (addr(1), addr(2), addr(3));
    let ssid = Ssid::new(b"wpa3-home")?;
    let password = Password::from_bytes(b"correct horse battery staple")?;

    // Both sides store the PT, not the password (12.4.4.2.3).
    let pt = Pt::derive(Group::P256, &ssid, &password, None)?;
    capture.note(format!("SAE   PT for {} derived from SSID and password (stored)", Group::P256));

    let mut octets = 0usize;
    let (sta_mac, ap_mac) = (*sta.as_bytes(), *ap1.as_bytes());
    // On the air first: the AP's Beacon (SSID, RSNE with AKM 8).
    let rsne = {
        let (pairwise, akms) = ([Selector::from(Cipher::Ccmp128)], [Selector::from(Akm::Sae)]);
        let r = Rsne::new(Cipher::Ccmp128.into(), &pairwise, &akms);
        let mut out = vec![0u8; r.len()];
        r.write(&mut out)?;
        out
    };
    let beacon = [&[0, 9][..], b"wpa3-home", &rsne].concat();
    capture.play(Dir::ToSta, sta_mac, ap_mac, Body::Beacon, &beacon);
    // An SAE frame on the air, as the peer receives it.
    let mut air = |capture: &mut Air, dir: Dir, frame: &[u8], what: &str| {
        let received = capture.exchange(dir, sta_mac, ap_mac, Body::Authentication, what, frame);
        octets += received.len();
        received
    };

    // Commits, each side with its own random scalars.
    let sta_side = Committed::new(&Pwe::from_pt(&pt, &sta, &ap1)?, &mut rng)?;
    let ap_side = Committed::new(&Pwe::from_pt(&pt, &ap1, &sta)?, &mut rng)?;
    let mut buf = [0u8; 256];
    let n = CommitFrame::new(sta_side.commit(), sta_side.method()).write(&mut buf)?;
    let f = air(capture, Dir::ToAp, &buf[..n], "SAE commit (status 126, hash-to-element)");
    let AuthFrame::Commit(at_ap) = AuthFrame::parse(&f, 0)? else {
        return Err(Error::MalformedFrame { reason: "expected a commit" });
    };
    let ap_keys = ap_side.process(&at_ap.commit()?, AkmFamily::Sae, None)?;
    let n = CommitFrame::new(ap_side.commit(), ap_side.method()).write(&mut buf)?;
    let f = air(capture, Dir::ToSta, &buf[..n], "SAE commit");
    let AuthFrame::Commit(at_sta) = AuthFrame::parse(&f, 0)? else {
        return Err(Error::MalformedFrame { reason: "expected a commit" });
    };
    let sta_keys = sta_side.process(&at_sta.commit()?, AkmFamily::Sae, None)?;

    // Confirms: each side's PMK is released only when the other's confirm verifies.
    let n = ConfirmFrame::new(&sta_keys.confirm(1)).write(&mut buf)?;
    let f = air(capture, Dir::ToAp, &buf[..n], "SAE confirm");
    let AuthFrame::Confirm(c) = AuthFrame::parse(&f, 0)? else {
        return Err(Error::MalformedFrame { reason: "expected a confirm" });
    };
    let ap_accepted = ap_keys.verify(&c.confirm()?)?;
    let n = ConfirmFrame::new(&ap_keys.confirm(1)).write(&mut buf)?;
    let f = air(capture, Dir::ToSta, &buf[..n], "SAE confirm");
    let AuthFrame::Confirm(c) = AuthFrame::parse(&f, 0)? else {
        return Err(Error::MalformedFrame { reason: "expected a confirm" });
    };
    let sta_accepted = sta_keys.verify(&c.confirm()?)?;
    ensure(sta_accepted.pmkid() == ap_accepted.pmkid(), "PMKIDs differ")?;
    capture.note(format!("SAE   accepted on both sides, PMKID {}", sta_accepted.pmkid()));

    // The 4-way handshake's PTK (AKM 8) from the SAE PMK.
    let mut nonce = || {
        let mut n = [0u8; 32];
        rand_core::Rng::fill_bytes(&mut rng, &mut n);
        Nonce::new(n)
    };
    let (anonce, snonce) = (nonce(), nonce());
    let suite = Suite::new(Akm::Sae, Cipher::Ccmp128, sta_accepted.pmk().len())?;
    let pairwise = Pairwise { aa: ap1, spa: sta, anonce, snonce };
    let ptk_sta = Ptk::derive(sta_accepted.pmk(), &suite, &pairwise)?;
    let ptk_ap = Ptk::derive(ap_accepted.pmk(), &suite, &pairwise)?;
    ensure(bool::from(ptk_sta.tk().ct_eq(ptk_ap.tk())), "PTKs differ")?;
    // SAE's PMKID is the one the exchange made (not an HMAC of the PMK): it names the PMKSA.
    capture.note(format!(
        "4-way PTK for AKM 8 on both sides; PMKSA cached under PMKID {}",
        sta_accepted.pmkid()
    ));
    // On the air: the association (RSNE with AKM 8) and the 4-way handshake, each side's
    // messages under its own PTK. A monitor cannot derive the SAE PMK (it takes a side's
    // private scalar), so the keys file holds it for the capture tool.
    let hex: String = sta_accepted.pmk().as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    capture.key("pmk", &hex);
    capture.play(Dir::ToAp, sta_mac, ap_mac, Body::AssocRequest, &rsne);
    capture.play(Dir::ToSta, sta_mac, ap_mac, Body::AssocResponse, &[]);
    let gtk = Gtk::from_bytes(&nonce().as_bytes()[..16])?;
    capture.four_way(&FourWay {
        suite: &suite,
        sta: (sta_mac, &ptk_sta),
        ap: (ap_mac, &ptk_ap),
        nonces: (&anonce, &snonce),
        pmkid: Some(&ap_accepted.pmkid()),
        ies: (&rsne, &rsne),
        gtk: &gtk,
    })?;

    // FT-SAE roam to the second AP (AKM 9): the SAE PMK is the XXKey.
    let mdid = MobilityDomainId::new([0x5a, 0xa5]);
    let r0kh = R0khId::new(b"r0kh.wpa3-home.example")?;
    let r1kh = R1khId::new(*ap2.as_bytes());
    let r0_sta = PmkR0::derive(
        Akm::FtSae,
        &XxKey::from_sae_pmk(Akm::FtSae, sta_accepted.pmk())?,
        &ssid,
        mdid,
        &r0kh,
        &sta,
    )?;
    let r0_net = PmkR0::derive(
        Akm::FtSae,
        &XxKey::from_sae_pmk(Akm::FtSae, ap_accepted.pmk())?,
        &ssid,
        mdid,
        &r0kh,
        &sta,
    )?;
    ensure(r0_sta.name() == r0_net.name(), "PMKR0Names differ")?;
    let (anonce2, snonce2) = (nonce(), nonce());
    let roam = Pairwise { aa: ap2, spa: sta, anonce: anonce2, snonce: snonce2 };
    let ft_sta = r0_sta.derive_r1(&r1kh, &sta)?.derive_ptk(Cipher::Ccmp128, &roam)?;
    let ft_ap = r0_net.derive_r1(&r1kh, &sta)?.derive_ptk(Cipher::Ccmp128, &roam)?;
    ensure(ft_sta.name() == ft_ap.name(), "PTKNames differ")?;
    ensure(bool::from(ft_sta.tk().ct_eq(ft_ap.tk())), "FT PTKs differ")?;
    capture.note(format!("FT    roam to {ap2} with FT-SAE (AKM 9): PMKR0Name {}", r0_sta.name()));

    Ok(SaeSummary {
        pmkid: sta_accepted.pmkid(),
        sae_octets: octets,
        tk_lens: (ptk_sta.tk().len(), ft_sta.tk().len()),
    })
}
