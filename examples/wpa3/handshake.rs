//! The 4-way handshake (IEEE 802.11-2020 12.7.6) of the WPA3 sections, both sides: every frame
//! built with `eapol_key::Builder`, read with `eapol_key::Received`, its MIC verified by the
//! peer; message 3/4 carries the GTK, IGTK and BIGTK KDEs wrapped with the KEK.

use ieee80211_keys::eapol::find_igtk;
use ieee80211_keys::eapol_key::{Builder, Message, Received};
use ieee80211_keys::elements::Elements;
use ieee80211_keys::kde::{self, KdeWriter};
use ieee80211_keys::{Bigtk, Cipher, Error, Gmk, Gtk, Igtk, MacAddr, Nonce, PmkId, Ptk, Suite};
use subtle::ConstantTimeEq;

use super::super::air::{Air, Body, Dir};
use super::{ensure, DemoRng, Draw};

/// The AP's group keys, handed out in message 3/4.
pub struct GroupKeys {
    /// GTK, key ID 1.
    pub gtk: Gtk,
    /// IGTK, key ID 4 (management frame protection, required by OWE and SAE).
    pub igtk: Igtk,
    /// BIGTK, key ID 6 (beacon protection).
    pub bigtk: Bigtk,
}

impl GroupKeys {
    /// An AP's group keys: the GTK from a GMK (12.7.1.4), IGTK and BIGTK drawn.
    pub fn generate(rng: &mut DemoRng, ap: &MacAddr) -> Result<GroupKeys, Error> {
        let gmk = Gmk::from_bytes(&rng.bytes::<32>())?;
        Ok(GroupKeys {
            gtk: Gtk::derive(&gmk, Cipher::Ccmp128, ap, &rng.nonce())?,
            igtk: Igtk::from_bytes(&rng.bytes::<16>())?,
            bigtk: Bigtk::from_bytes(&rng.bytes::<16>())?,
        })
    }
}

/// One side's PTK from the two nonces (ANonce, SNonce).
pub type DerivePtk<'a> = &'a dyn Fn(&Nonce, &Nonce) -> Result<Ptk, Error>;
/// A check of the elements the peer sent in message 2/4 (the AP's) or 3/4 (the station's).
pub type CheckElements<'a> = &'a dyn Fn(&[u8]) -> Result<(), Error>;

/// What one side brings.
pub struct Side<'a> {
    /// Its PTK from the nonces.
    pub derive: DerivePtk<'a>,
    /// The elements it sends (RSNE; FT: and MDE, FTE).
    pub elements: &'a [u8],
    /// Its check of the elements the other side sent.
    pub check: CheckElements<'a>,
}

/// A handshake between `sta` and `ap` on the air.
pub struct FourWay<'a> {
    /// The suite of the association.
    pub suite: Suite,
    /// Station and AP addresses.
    pub sta: MacAddr,
    /// The AP's BSSID.
    pub ap: MacAddr,
    /// The PMKID the AP names in message 1/4, if any; the station checks it.
    pub pmkid: Option<PmkId>,
    /// The station.
    pub station: Side<'a>,
    /// The AP.
    pub authenticator: Side<'a>,
    /// The AP's group keys.
    pub group: &'a GroupKeys,
}

/// The two PTKs, equal.
pub struct Established {
    /// The station's PTK.
    pub sta: Ptk,
    /// The AP's PTK.
    pub ap: Ptk,
}

fn eapol(b: Builder<'_>) -> Result<Vec<u8>, Error> {
    let mut out = vec![0u8; b.frame_len()?];
    b.write(&mut out)?;
    Ok(out)
}

/// Plays the four messages; every MIC is verified by its receiver, the Key Data of 3/4
/// unwrapped by the station and its group keys compared with the AP's.
pub fn four_way(hs: FourWay<'_>, rng: &mut DemoRng, air: &mut Air) -> Result<Established, Error> {
    let (suite, sta, ap) = (&hs.suite, *hs.sta.as_bytes(), *hs.ap.as_bytes());
    let mic = suite.mic().name();

    // Message 1: ANonce and the PMKID KDE.
    let anonce = rng.nonce();
    let mut kd1 = [0u8; 22];
    let n = match &hs.pmkid {
        Some(p) => KdeWriter::new(&mut kd1).pmkid(p)?.len(),
        None => 0,
    };
    let m1 = eapol(Builder::message1(suite, 1, &anonce).key_data(&kd1[..n]))?;
    let m1 =
        air.exchange(Dir::ToSta, sta, ap, Body::Eapol, "EAPOL-Key 1/4: ANonce, PMKID KDE", &m1);
    let f1 = Received::parse(suite, &m1)?;
    ensure(f1.message() == Message::Pairwise1, "STA: message 1/4 is message 1/4")?;
    ensure(kde::find_pmkid(f1.view().key_data())? == hs.pmkid, "STA: the PMKID of 1/4")?;
    let snonce = rng.nonce();
    let sta_ptk = (hs.station.derive)(&f1.view().nonce(), &snonce)?;
    air.note(format!(
        "4-way STA: PTK {} octets (KCK {} | KEK {} | TK {}) with the KDF of {:?}",
        sta_ptk.len(),
        sta_ptk.kck().len(),
        sta_ptk.kek().len(),
        sta_ptk.tk().len(),
        suite.hash()
    ));

    // Message 2: SNonce and the station's elements, MIC under the KCK.
    let b2 =
        Builder::message2(suite, f1.replay_counter(), &snonce, hs.station.elements, sta_ptk.kck());
    let what = format!("EAPOL-Key 2/4: SNonce, elements, MIC ({mic})");
    let m2 = air.exchange(Dir::ToAp, sta, ap, Body::Eapol, &what, &eapol(b2)?);
    let f2 = Received::parse(suite, &m2)?;
    ensure(f2.message() == Message::Pairwise2, "AP: message 2/4 is message 2/4")?;
    f2.check_answers(1)?;
    let ap_ptk = (hs.authenticator.derive)(&anonce, &f2.view().nonce())?;
    f2.verify_mic(ap_ptk.kck())?;
    (hs.authenticator.check)(f2.view().key_data())?;
    air.note(format!("4-way AP: PTK derived on its own; {mic} of 2/4 verified; elements checked"));

    // Message 3: Install; the AP's elements and the group keys, wrapped with the KEK.
    let g = hs.group;
    let (rsc, ipn, bipn) = ([1, 0, 0, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0], [3, 0, 0, 0, 0, 0]);
    let mut plain = [0u8; 512];
    let mut kw = KdeWriter::new(&mut plain);
    for e in Elements::new(hs.authenticator.elements) {
        kw.element(e?)?;
    }
    kw.gtk(1, false, &g.gtk)?.igtk(4, ipn, &g.igtk)?.bigtk(6, bipn, &g.bigtk)?;
    let n = kw.len();
    let b3 = Builder::message3(suite, 2, &anonce, &plain[..n], ap_ptk.kck(), ap_ptk.kek()).rsc(rsc);
    let m3 = eapol(b3);
    zeroize::Zeroize::zeroize(&mut plain);
    let what = "EAPOL-Key 3/4: Install, Key Data wrapped (elements, GTK, IGTK, BIGTK KDEs)";
    let m3 = air.exchange(Dir::ToSta, sta, ap, Body::Eapol, what, &m3?);
    let f3 = Received::parse(suite, &m3)?;
    ensure(f3.message() == Message::Pairwise3, "STA: message 3/4 is message 3/4")?;
    f3.check_replay(Some(f1.replay_counter()))?;
    f3.verify_mic(sta_ptk.kck())?;
    ensure(f3.view().nonce() == f1.view().nonce(), "STA: the ANonce of 3/4 is that of 1/4")?;
    let mut out = [0u8; 512];
    let kd3 = f3.key_data(sta_ptk.kek(), &mut out)?;
    (hs.station.check)(kd3)?;
    let gtk = kde::find_gtk(kd3)?.ok_or(Error::MalformedFrame { reason: "3/4 lacks a GTK" })?;
    let igtk = find_igtk(kd3)?.ok_or(Error::MalformedFrame { reason: "3/4 lacks an IGTK" })?;
    let bigtk =
        kde::find_bigtk(kd3)?.ok_or(Error::MalformedFrame { reason: "3/4 lacks a BIGTK" })?;
    ensure(bool::from(gtk.gtk()?.ct_eq(&g.gtk)) && gtk.key_id() == 1, "STA: the GTK")?;
    ensure(bool::from(igtk.igtk()?.ct_eq(&g.igtk)) && igtk.key_id() == 4, "STA: the IGTK")?;
    ensure(bool::from(bigtk.bigtk()?.ct_eq(&g.bigtk)) && bigtk.key_id() == 6, "STA: the BIGTK")?;
    zeroize::Zeroize::zeroize(&mut out);
    air.note(format!(
        "4-way STA: {mic} of 3/4 verified; KEK unwrapped the GTK, IGTK (4), BIGTK (6)"
    ));

    // Message 4, and both sides install the same TK.
    let m4 = eapol(Builder::message4(suite, f3.replay_counter(), sta_ptk.kck()))?;
    let m4 = air.exchange(Dir::ToAp, sta, ap, Body::Eapol, "EAPOL-Key 4/4", &m4);
    let f4 = Received::parse(suite, &m4)?;
    ensure(f4.message() == Message::Pairwise4, "AP: message 4/4 is message 4/4")?;
    f4.check_answers(2)?;
    f4.verify_mic(ap_ptk.kck())?;
    ensure(bool::from(sta_ptk.tk().ct_eq(ap_ptk.tk())), "the same TK on both sides")?;
    air.note(format!("4-way AP: {mic} of 4/4 verified; both sides install the same TK"));
    // The first traffic under the TK (CCMP-128), where a capture's time line ends.
    if let Ok(tk) = <&[u8; 16]>::try_from(sta_ptk.tk().as_bytes()) {
        air.protected_data(Dir::ToAp, sta, ap, tk, 1);
        air.protected_data(Dir::ToSta, sta, ap, tk, 1);
    }
    Ok(Established { sta: sta_ptk, ap: ap_ptk })
}
