//! Secret hygiene, enforced: no secret type is `Copy`, comparable with `==`, hashable or
//! printable with `Display`; every one zeroizes on drop; its `Debug` never shows a key byte
//! (checked with known key bytes for every type); MICs, PMKIDs and key names compare in
//! constant time, `==` included.

mod common;

use std::fmt::Debug;

use common::suite_of;
use ieee80211_keys::cckm::{BaseKeys, Btk, Krk, ReassocRequest};
use ieee80211_keys::eapol::{self, find_gtk, find_igtk, GtkKde, IgtkKde, Kdes, KeyDataItem};
use ieee80211_keys::eapol_key::{Builder, Received};
use ieee80211_keys::elements::Elements;
use ieee80211_keys::ft::{
    FtPtk, PmkR0, PmkR0Key, PmkR0Name, PmkR1, PmkR1Key, PmkR1Name, PtkName, XxKey,
};
use ieee80211_keys::ft_elements::FteBuilder;
use ieee80211_keys::kde::{self as kdes, BigtkKde, Kde, KdeWriter, MloGtkKde, MloIntegrityKde};
use ieee80211_keys::owe::{OweKeyPair, OweKeys, OwePrivateKey, OwePublicValues, OweZ};
use ieee80211_keys::sae::{
    Accepted, AkmFamily, Committed, Confirm, Group, Keyseed, Mask, Password, Pt, Pwe, PweElement,
    Rand, SaeKck, SharedSecret, Unconfirmed,
};
use ieee80211_keys::{
    Akm, Bigtk, Cipher, Gmk, Gtk, Igtk, Kck, Kdk, Kek, MacAddr, Mic, Msk, Nonce, Pmk, PmkId, Psk,
    Ptk, Tk, TkipKeys,
};
use ieee80211_keys::{Pairwise, Suite};
use proptest::prelude::*;
use static_assertions::{assert_impl_all, assert_not_impl_any};
use subtle::ConstantTimeEq;
use zeroize::ZeroizeOnDrop;

/// Every secret type: never copied, compared, hashed or displayed; zeroized on drop; Debug.
macro_rules! secret {
    ($($t:ty),* $(,)?) => {$(
        assert_not_impl_any!($t: Copy, PartialEq, Eq, PartialOrd, Ord, std::hash::Hash, std::fmt::Display);
        assert_impl_all!($t: ZeroizeOnDrop, Debug, Clone);
    )*};
}
secret!(Psk, Pmk, Msk, Kck, Kek, Tk, Kdk, Gmk, Gtk, Igtk, Bigtk, Ptk);
secret!(XxKey, PmkR0Key, PmkR1Key, PmkR0, PmkR1, FtPtk);
secret!(Krk, Btk, BaseKeys);
secret!(Password, Pt, PweElement, Pwe, Rand, Mask, SharedSecret, Keyseed, SaeKck);
secret!(Committed, Unconfirmed, Accepted);

// The single keys compare in constant time (the composites through their parts).
assert_impl_all!(Psk: ConstantTimeEq);
assert_impl_all!(Pmk: ConstantTimeEq);
assert_impl_all!(Msk: ConstantTimeEq);
assert_impl_all!(Kck: ConstantTimeEq);
assert_impl_all!(Kek: ConstantTimeEq);
assert_impl_all!(Tk: ConstantTimeEq);
assert_impl_all!(Kdk: ConstantTimeEq);
assert_impl_all!(Gmk: ConstantTimeEq);
assert_impl_all!(Gtk: ConstantTimeEq);
assert_impl_all!(Igtk: ConstantTimeEq);
assert_impl_all!(Bigtk: ConstantTimeEq);
assert_impl_all!(XxKey: ConstantTimeEq);
assert_impl_all!(PmkR0Key: ConstantTimeEq);
assert_impl_all!(PmkR1Key: ConstantTimeEq);
assert_impl_all!(Krk: ConstantTimeEq);
assert_impl_all!(Btk: ConstantTimeEq);
assert_impl_all!(Password: ConstantTimeEq);
assert_impl_all!(Pt: ConstantTimeEq);
assert_impl_all!(PweElement: ConstantTimeEq);
assert_impl_all!(Rand: ConstantTimeEq);
assert_impl_all!(Mask: ConstantTimeEq);
assert_impl_all!(SharedSecret: ConstantTimeEq);
assert_impl_all!(Keyseed: ConstantTimeEq);
assert_impl_all!(SaeKck: ConstantTimeEq);
// The SAE confirm is a public value checked against a received one: constant-time `==`.
assert_impl_all!(Confirm: PartialEq, Eq);
assert_not_impl_any!(Confirm: PartialOrd, std::hash::Hash);

// Views of key bytes borrowed from the caller's buffer: no comparison, no Display.
assert_not_impl_any!(GtkKde<'static>: PartialEq, std::fmt::Display);
assert_not_impl_any!(IgtkKde<'static>: PartialEq, std::fmt::Display);
assert_not_impl_any!(KeyDataItem<'static>: PartialEq, std::fmt::Display);
assert_not_impl_any!(BigtkKde<'static>: PartialEq, std::fmt::Display);
assert_not_impl_any!(MloGtkKde<'static>: PartialEq, std::fmt::Display);
assert_not_impl_any!(MloIntegrityKde<'static>: PartialEq, std::fmt::Display);
assert_not_impl_any!(Kde<'static>: PartialEq, std::fmt::Display);
assert_not_impl_any!(Builder<'static>: PartialEq, std::fmt::Display);
assert_not_impl_any!(FteBuilder<'static>: PartialEq, std::fmt::Display);
assert_not_impl_any!(TkipKeys<'static>: Copy, Clone, PartialEq, std::fmt::Display);

// Public values checked against received ones: constant-time `==` (see below).
assert_impl_all!(Mic: ConstantTimeEq, PartialEq, Eq);
assert_impl_all!(PmkId: ConstantTimeEq, PartialEq, Eq);
assert_impl_all!(PmkR0Name: ConstantTimeEq, PartialEq, Eq);
assert_impl_all!(PmkR1Name: ConstantTimeEq, PartialEq, Eq);
assert_impl_all!(PtkName: ConstantTimeEq, PartialEq, Eq);
assert_not_impl_any!(Mic: PartialOrd, std::hash::Hash);
assert_not_impl_any!(PmkId: PartialOrd, std::hash::Hash);
assert_not_impl_any!(PmkR0Name: PartialOrd, std::hash::Hash);
assert_not_impl_any!(PmkR1Name: PartialOrd, std::hash::Hash);
assert_not_impl_any!(PtkName: PartialOrd, std::hash::Hash);

/// Recognizable key bytes: no run of them occurs by chance in a Debug string.
fn key(len: usize) -> Vec<u8> {
    (0..len).map(|i| (0xc3 ^ (i as u8).wrapping_mul(37)).wrapping_add(0x5b)).collect()
}

/// Asserts that `shown` holds no 4-octet window of `key` as hex (either case) or as a decimal
/// or hex list, and says what it is.
fn assert_redacted(shown: &str, key: &[u8], what: &str) {
    let lower = shown.to_lowercase();
    for w in key.windows(4) {
        let hex: String = w.iter().map(|b| format!("{b:02x}")).collect();
        assert!(!lower.contains(&hex), "{what}: key bytes {hex} in {shown}");
        for list in [format!("{w:?}"), format!("{w:02x?}"), format!("{w:#04x?}")] {
            let list = &list[1..list.len() - 1];
            assert!(!lower.contains(list), "{what}: key bytes {list} in {shown}");
        }
    }
}

/// Debug and pretty Debug of a value, checked against its key bytes.
fn check<T: Debug>(value: &T, key: &[u8], what: &str) {
    for shown in [format!("{value:?}"), format!("{value:#?}")] {
        assert!(shown.contains("redacted"), "{what}: {shown}");
        assert_redacted(&shown, key, what);
    }
}

macro_rules! debug_of_single_keys {
    ($($t:ty: $len:expr),* $(,)?) => {$({
        let k = key($len);
        let secret = <$t>::from_bytes(&k).unwrap();
        assert_eq!(secret.as_bytes(), &k[..]);
        check(&secret, &k, stringify!($t));
    })*};
}

#[test]
fn debug_of_every_single_key_hides_its_bytes() {
    debug_of_single_keys!(
        Psk: 48, Pmk: 64, Msk: 64, Kck: 32, Kek: 32, Tk: 32, Kdk: 64, Gmk: 64, Gtk: 32,
        Igtk: 32, Bigtk: 32, XxKey: 48, PmkR0Key: 48, PmkR1Key: 48, Krk: 16, Btk: 32,
        Password: 256, Pt: 132, PweElement: 132, Rand: 66, Mask: 66, SharedSecret: 66,
        Keyseed: 64, SaeKck: 64, OweZ: 66, OwePrivateKey: 66,
    );
}

/// The SAE values that hold secrets (PWE, rand, KCK, PMK) print none of them.
#[test]
fn debug_of_sae_exchange_values_hides_their_secrets() {
    let (a, b) = (MacAddr::new([2, 0, 0, 0, 0, 1]), MacAddr::new([2, 0, 0, 0, 0, 2]));
    let password = key(20);
    let pw = Password::from_bytes(&password).unwrap();
    check(&pw, &password, "Password");
    let pwe = Pwe::hunting_and_pecking(Group::P256, &pw, None, &a, &b).unwrap();
    let pwe_bytes = pwe.element().as_bytes().to_vec();
    check(&pwe, &pwe_bytes, "Pwe");
    let rand = key(32);
    let mask: Vec<u8> = key(32).iter().map(|b| b ^ 0x5a).collect();
    let ours = Committed::with_rand_mask(
        &pwe,
        &Rand::from_bytes(&rand).unwrap(),
        &Mask::from_bytes(&mask).unwrap(),
    )
    .unwrap();
    for secret in [&rand, &mask, &pwe_bytes, &password] {
        check(&ours, secret, "Committed");
    }
    let theirs = Committed::with_rand_mask(
        &pwe,
        &Rand::from_bytes(&mask).unwrap(),
        &Mask::from_bytes(&rand).unwrap(),
    )
    .unwrap();
    let keys = ours.process(theirs.commit(), AkmFamily::Sae, None).unwrap();
    let their_keys = theirs.process(ours.commit(), AkmFamily::Sae, None).unwrap();
    let accepted = keys.verify(&their_keys.confirm(1)).unwrap();
    let (kck, pmk) = (keys.kck().as_bytes().to_vec(), accepted.pmk().as_bytes().to_vec());
    for secret in [&kck, &pmk, &rand, &pwe_bytes] {
        check(&keys, secret, "Unconfirmed");
        check(&accepted, secret, "Accepted");
    }
    // No error of the exchange carries key bytes either.
    let wrong = Confirm::new(1, &kck).unwrap();
    let e = keys.verify(&wrong).unwrap_err();
    assert_redacted(&format!("{e} {e:?}"), &kck, "ConfirmMismatch");
}

/// The SAE confirm's `==` (its `ct_eq` is checked with the others above) on equal and
/// different values.
#[test]
fn sae_confirm_equality() {
    let (a, b) = (Confirm::new(1, &[7; 32]).unwrap(), Confirm::new(1, &[7; 32]).unwrap());
    assert!(a == b);
    assert!(a != Confirm::new(1, &[8; 32]).unwrap() && a != Confirm::new(2, &[7; 32]).unwrap());
}

#[test]
fn debug_of_composite_secrets_hides_their_bytes() {
    // A PTK with a KDK, from known octets.
    let bytes = key(24 + 32 + 32 + 64);
    let ptk = Suite::new(Akm::SuiteB192, Cipher::Gcmp256, Akm::SuiteB192.pmk_len())
        .and_then(|suite| Ptk::from_bytes(&suite, &bytes))
        .unwrap();
    assert_eq!(ptk.kdk().unwrap().as_bytes(), &bytes[88..]);
    check(&ptk, &bytes, "Ptk");

    // TKIP's parts.
    let tkip = key(64);
    let ptk = Suite::new(Akm::Psk, Cipher::Tkip, Akm::Psk.pmk_len())
        .and_then(|suite| Ptk::from_bytes(&suite, &tkip))
        .unwrap();
    let parts = ptk.tkip_keys().unwrap();
    assert_eq!(parts.temporal_key(), &tkip[32..48]);
    check(&parts, &tkip, "TkipKeys");

    // FT: PMK-R0 and PMK-R1 from known keys, the FT PTK derived from them.
    let r0 = PmkR0::from_parts(
        Akm::FtIeee8021xSha384,
        PmkR0Key::from_bytes(&key(48)).unwrap(),
        PmkR0Name::new([1; 16]),
    )
    .unwrap();
    check(&r0, &key(48), "PmkR0");
    let r1 = PmkR1::from_parts(
        Akm::FtIeee8021xSha384,
        PmkR1Key::from_bytes(&key(48)).unwrap(),
        PmkR1Name::new([2; 16]),
    )
    .unwrap();
    check(&r1, &key(48), "PmkR1");
    let (a, b) = (MacAddr::new([2, 0, 0, 0, 0, 1]), MacAddr::new([2, 0, 0, 0, 0, 2]));
    let ft_ptk = r1
        .derive_ptk(
            Cipher::Ccmp128,
            &Pairwise { aa: a, spa: b, anonce: Nonce::new([2; 32]), snonce: Nonce::new([1; 32]) },
        )
        .unwrap();
    let p = ft_ptk.ptk();
    let ft_bytes = [p.kck().as_bytes(), p.kek().as_bytes(), p.tk().as_bytes()].concat();
    check(&ft_ptk, &ft_bytes, "FtPtk");

    // CCKM base keys.
    let base = BaseKeys::derive(
        &Pmk::from_bytes(&key(32)).unwrap(),
        &Pairwise { aa: a, spa: b, anonce: Nonce::new([2; 32]), snonce: Nonce::new([1; 32]) },
    )
    .unwrap();
    let base_bytes = [base.krk().as_bytes(), base.btk().as_bytes()].concat();
    check(&base, &base_bytes, "BaseKeys");

    // OWE: a key pair from a known scalar, and the PMK from a known z.
    let pair = OweKeyPair::from_private_bytes(Group::P256, &key(32)).unwrap();
    check(&pair, &key(32), "OweKeyPair");
    let z = OweZ::from_bytes(&key(32)).unwrap();
    let values = OwePublicValues { client: pair.public_key(), ap: pair.public_key() };
    let keys = OweKeys::derive(&z, &values).unwrap();
    check(&keys, keys.pmk().as_bytes(), "OweKeys");
    check(&keys, &key(32), "OweKeys");
}

#[test]
fn debug_of_kde_views_hides_key_bytes() {
    let (gtk, igtk) = (key(32), key(32).iter().map(|b| b ^ 0xff).collect::<Vec<u8>>());
    let mut kd = vec![0xdd, 6 + 32, 0x00, 0x0f, 0xac, 1, 0x02, 0];
    kd.extend_from_slice(&gtk);
    kd.extend_from_slice(&[0xdd, 12 + 32, 0x00, 0x0f, 0xac, 9, 4, 0, 1, 0, 0, 0, 0, 0]);
    kd.extend_from_slice(&igtk);
    // An element whose body happens to be key bytes (as when the bare GTK of a WPA group
    // message is walked as a list).
    kd.extend_from_slice(&[0x30, 32]);
    kd.extend_from_slice(&gtk);

    let g = find_gtk(&kd).unwrap().unwrap();
    assert_eq!(g.gtk_bytes(), &gtk[..]);
    check(&g, &gtk, "GtkKde");
    let i = find_igtk(&kd).unwrap().unwrap();
    assert_eq!(i.igtk_bytes(), &igtk[..]);
    check(&i, &igtk, "IgtkKde");
    for item in Kdes::new(&kd) {
        let item = item.unwrap();
        for shown in [format!("{item:?}"), format!("{item:#?}")] {
            assert_redacted(&shown, &gtk, "KeyDataItem");
            assert_redacted(&shown, &igtk, "KeyDataItem");
        }
    }
}

#[test]
fn debug_of_typed_kdes_and_builders_hides_key_bytes() {
    let (g, i, b) = (key(32), key(16).iter().map(|b| b ^ 0x5a).collect::<Vec<u8>>(), key(32));
    let b: Vec<u8> = b.iter().map(|x| x ^ 0xa5).collect();
    let (gtk, igtk, bigtk) = (
        Gtk::from_bytes(&g).unwrap(),
        Igtk::from_bytes(&i).unwrap(),
        Bigtk::from_bytes(&b).unwrap(),
    );
    let mut kd = [0u8; 400];
    let mut w = KdeWriter::new(&mut kd);
    w.gtk(1, false, &gtk)
        .unwrap()
        .igtk(4, [0; 6], &igtk)
        .unwrap()
        .bigtk(6, [0; 6], &bigtk)
        .unwrap();
    w.mlo_gtk(1, 1, false, [0; 6], &gtk).unwrap().mlo_igtk(1, 5, [0; 6], &igtk).unwrap();
    w.mlo_bigtk(1, 7, [0; 6], &bigtk).unwrap();
    let n = w.len();
    let mut seen = 0;
    for kde in kdes::kdes(&kd[..n]) {
        let kde = kde.unwrap();
        for k in [&g, &i, &b] {
            check(&kde, k, "Kde");
        }
        seen += 1;
    }
    assert_eq!(seen, 6);
    let bk = kdes::find_bigtk(&kd[..n]).unwrap().unwrap();
    assert_eq!(bk.bigtk_bytes(), &b[..]);
    check(&bk, &b, "BigtkKde");

    // The builders hold keys and plaintext Key Data by reference: their Debug shows neither.
    let (kck, kek) = (Kck::from_bytes(&key(16)).unwrap(), Kek::from_bytes(&key(16)).unwrap());
    let an = Nonce::new([1; 32]);
    let psk = ieee80211_keys::Suite::new(Akm::Psk, Cipher::Ccmp128, 32).unwrap();
    let ft_psk = ieee80211_keys::Suite::new(Akm::FtPsk, Cipher::Ccmp128, 32).unwrap();
    let m3 = Builder::message3(&psk, 1, &an, &kd[..n], &kck, &kek);
    for k in [&g, &i, &b, &key(16)] {
        check(&m3, k, "eapol_key::Builder");
    }
    let fte = FteBuilder::new(&ft_psk, &an, &an).unwrap().gtk(&kek, 1, [0; 8], &gtk);
    for k in [&g, &key(16)] {
        check(&fte, k, "FteBuilder");
    }
    // The frame built, read back and decrypted: the typed read shows no key bytes, nor does
    // an element walk over the plaintext.
    let mut frame = [0u8; 512];
    let len = m3.write(&mut frame).unwrap();
    let got = Received::parse(&psk, &frame[..len]).unwrap();
    let mut plain = [0u8; 512];
    let opened = got.key_data(&kek, &mut plain).unwrap();
    assert_eq!(&opened[..n], &kd[..n]);
    for k in [&g, &i, &b] {
        assert_redacted(&format!("{got:?}{got:#?}"), k, "Received");
    }
    let mut walk = Elements::new(opened);
    walk.next();
    for k in [&g, &i, &b] {
        check(&walk, k, "Elements");
    }
}

/// `==` on the checked public values must be their constant-time comparison: a source check
/// that each hand-written `PartialEq` goes through `ct_eq`, and that none of them derives it.
#[test]
fn equality_of_mics_pmkids_and_names_is_constant_time() {
    let mut impls = 0;
    for (path, text) in rust_sources() {
        let mut rest = text.as_str();
        while let Some(at) = rest.find("impl PartialEq for ") {
            let body = &rest[at..];
            let end = body.find("\n}").expect("end of impl");
            assert!(body[..end].contains("ct_eq"), "{}: {}", path.display(), &body[..end]);
            impls += 1;
            rest = &body[end..];
        }
    }
    // checked_octets! (PmkId, PmkR0Name, PmkR1Name, PtkName), Mic, OwePublicKey and the SAE
    // Confirm.
    assert_eq!(impls, 4, "a new hand-written PartialEq: check it and update this count");
    for ty in ["checked_octets!", "pub struct Mic", "PmkR0Name,"] {
        let sources = rust_sources();
        let (_, text) = sources.iter().find(|(_, text)| text.contains(ty)).expect(ty);
        let at = text.find(ty).unwrap();
        let before = &text[text[..at].rfind("\n\n").unwrap_or(0)..at];
        assert!(!before.contains("PartialEq"), "{ty} derives PartialEq: {before}");
    }
}

proptest! {
    /// `==` agrees with `ct_eq` on equal values and on values differing in any one octet.
    #[test]
    fn eq_is_ct_eq(a in any::<[u8; 16]>(), at in 0usize..24, bit in 0u8..8, len in 1usize..=24) {
        let mut b = a;
        b[at % 16] ^= 1 << bit;
        let (x, y) = (PmkId::new(a), PmkId::new(b));
        prop_assert_eq!(x == y, bool::from(x.ct_eq(&y)));
        prop_assert!(x == PmkId::new(a) && x != y);
        let (x, y) = (PmkR1Name::new(a), PmkR1Name::new(b));
        prop_assert!(x == PmkR1Name::new(a) && x != y && bool::from(x.ct_eq(&PmkR1Name::new(a))));
        let mut m = [0u8; 24];
        m[..16].copy_from_slice(&a);
        let mic = Mic::from_slice(&m[..len]).unwrap();
        let mut m2 = m;
        m2[at % len] ^= 1 << bit;
        let other = Mic::from_slice(&m2[..len]).unwrap();
        prop_assert!(mic == Mic::from_slice(&m[..len]).unwrap() && mic != other);
        prop_assert_eq!(mic == other, bool::from(mic.ct_eq(&other)));
        // A shorter prefix is a different MIC.
        if len > 1 {
            prop_assert!(mic != Mic::from_slice(&m[..len - 1]).unwrap());
        }
    }
}

/// A received CCKM request compares through its MIC's constant-time `==`, and the secret
/// comparisons of the key types say "equal" only for equal bytes.
#[test]
fn key_comparisons() {
    let (a, b) = (key(16), {
        let mut k = key(16);
        k[15] ^= 1;
        k
    });
    let (ka, kb) = (Kck::from_bytes(&a).unwrap(), Kck::from_bytes(&b).unwrap());
    assert!(bool::from(ka.ct_eq(&ka.clone())) && !bool::from(ka.ct_eq(&kb)));
    let long = Kck::from_bytes(&key(24)).unwrap();
    assert!(!bool::from(ka.ct_eq(&long)), "keys of different lengths are different");
    let krk = Krk::from_bytes(&a).unwrap();
    let (sta, ap) = (MacAddr::new([2, 0, 0, 0, 0, 1]), MacAddr::new([2, 0, 0, 0, 0, 2]));
    let p = ieee80211_keys::Protocol::Rsn;
    let r1 = ReassocRequest::build(
        p,
        &krk,
        &sta,
        &ap,
        &[0x30, 0],
        7,
        ieee80211_keys::cckm::RekeyNumber::new(2),
    )
    .unwrap();
    let r2 = ReassocRequest::parse(&r1.to_bytes()).unwrap();
    assert_eq!(r1, r2);
    let mut tampered = r1.to_bytes();
    tampered[25] ^= 1;
    assert_ne!(ReassocRequest::parse(&tampered).unwrap(), r1);
    let _ = eapol::MIC_OFFSET;
}

/// Every `.rs` file under `src/`, at any depth, with its text.
fn rust_sources() -> Vec<(std::path::PathBuf, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

/// The public types whose `Debug` can meet secret or decrypted bytes; each is formatted over
/// known key bytes by [`debug_after_real_decryptions_hides_key_bytes`] or the tests above.
const FORMATTED: &[&str] = &[
    "OweKeyPair",
    "OweKeys",
    "Kdes",
    "KeyDataItem",
    "GtkKde",
    "IgtkKde",
    "EapolKeyFrame",
    "Ptk",
    "TkipKeys",
    "PmkR0",
    "PmkR1",
    "FtPtk",
    "BaseKeys",
    "GroupKey",
    "Pwe",
    "Committed",
    "Unconfirmed",
    "Accepted",
    "BigtkKde",
    "MloGtkKde",
    "MloIntegrityKde",
    "Kde",
    "Builder",
    "FteBuilder",
    "Received",
    "Elements",
];

/// The public types with a `Debug` that hold no secret and no decrypted octets, and why.
const NO_SECRETS: &[(&str, &str)] = &[
    ("OwePublicKey", "a public value sent in the clear"),
    ("OwePublicValues", "the two public values of an exchange"),
    ("OweDhParameter", "a public element"),
    ("Akm", "a suite selector"),
    ("Cipher", "a suite selector"),
    ("HashAlg", "an algorithm choice"),
    ("Kdf", "an algorithm choice"),
    ("PtkDerivation", "an algorithm choice"),
    ("KeySource", "an algorithm choice"),
    ("PmkIdKey", "an algorithm choice"),
    ("MicAlgorithm", "an algorithm choice"),
    ("KeyWrap", "an algorithm choice"),
    ("Protocol", "WPA or RSN"),
    ("Suite", "the resolved suite: AKM, cipher, lengths and algorithm choices"),
    ("Pairwise", "public addresses and nonces"),
    ("DescriptorType", "a frame field"),
    ("KeyInfo", "the Key Information bits"),
    ("Error", "names what was wrong, never key bytes (tests/errors.rs)"),
    ("Fte", "a received element: MIC, nonces, and subelements whose keys are still wrapped"),
    ("FteMicInput", "public elements and addresses the FTE MIC covers"),
    ("RekeyNumber", "a public counter"),
    ("RekeyGuard", "a public counter"),
    ("ReassocRequest", "a public element: timestamp, rekey number, MIC"),
    ("VerifiedRequest", "a public element after its MIC verified"),
    ("ReassocResponse", "a public element whose GTK is still encrypted"),
    ("MacAddr", "a public address"),
    ("Nonce", "a public nonce"),
    ("Ssid", "a public network name"),
    ("MobilityDomainId", "a public identifier"),
    ("R0khId", "a public identifier"),
    ("Mic", "a public check value"),
    ("Path", "the name of a multi-buffer body (the benches' hidden switch)"),
    ("Group", "an ECC group number (SAE and OWE)"),
    ("PweMethod", "an algorithm choice"),
    ("AkmFamily", "an AKM choice"),
    ("PasswordId", "a public identifier, sent in the clear"),
    ("RejectedGroups", "a public list of group numbers"),
    ("Commit", "a public commit-scalar and element, as sent"),
    ("Confirm", "a public confirm value, as sent"),
    ("AuthFrame", "a public SAE Authentication frame body"),
    ("CommitFrame", "a public SAE commit message"),
    ("ConfirmFrame", "a public SAE confirm message"),
    ("Message", "which handshake message a frame is"),
    ("Mde", "a public element"),
    ("TimeoutInterval", "a public element"),
    ("GtkSubelement", "a received FTE subelement whose GTK is still wrapped"),
    ("IntegritySubelement", "a received FTE subelement whose IGTK or BIGTK is still wrapped"),
    ("Selector", "a suite selector"),
    ("Selectors", "a list of suite selectors"),
    ("PmkIds", "a list of public PMKIDs"),
    ("RsnCapabilities", "capability bits"),
    ("RsnElementKind", "RSNE or WPA element"),
    ("Rsne", "a public element"),
    ("Negotiated", "the suites two parties chose"),
    ("Rsnxe", "a public element"),
    ("Oci", "a public operating channel"),
    ("TransitionDisable", "public policy bits"),
    ("MloLinkKde", "a link ID, a MAC address and public elements"),
];

/// Every public type with a `Debug` (derived or written) is either formatted over known key
/// bytes in this file or listed as holding none: a new type that can meet key bytes cannot
/// slip through unchecked. (The key types of `secret_type!` and `checked_octets!` are covered
/// by the tests above, which format every one of them.)
#[test]
fn every_public_debug_is_checked_or_known_to_hold_no_secret() {
    let mut unlisted = Vec::new();
    for (path, text) in rust_sources() {
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            let name = if let Some(rest) =
                t.strip_prefix("pub struct ").or_else(|| t.strip_prefix("pub enum "))
            {
                let derives_debug = lines[..n]
                    .iter()
                    .rev()
                    .take_while(|l| {
                        l.trim_start().starts_with("#[") || l.trim_start().starts_with("///")
                    })
                    .any(|l| l.contains("derive(") && l.contains("Debug"));
                derives_debug.then_some(rest)
            } else if t.starts_with("impl") && t.contains("Debug for ") {
                t.split("Debug for ").nth(1)
            } else {
                None
            };
            let Some(rest) = name else { continue };
            let ty: String =
                rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if ty.is_empty() || ty == "name" || ty.starts_with('$') {
                continue; // a macro's type parameter: covered by the key-type tests
            }
            let known =
                FORMATTED.contains(&ty.as_str()) || NO_SECRETS.iter().any(|(t, _)| *t == ty);
            if !known {
                unlisted.push(format!("{ty} ({}:{})", path.display(), n + 1));
            }
        }
    }
    assert!(
        unlisted.is_empty(),
        "public types with a Debug that this file neither formats over key bytes nor lists as \
         holding none (add each to FORMATTED with a check, or to NO_SECRETS with a reason): {unlisted:?}"
    );
}

/// Key Data as a real handshake carries it (a GTK and an IGTK KDE, AES key wrapped by the
/// KEK, inside message 3/4), unwrapped through the public API; then `{:?}` of every view over
/// the plaintext, while iterating and after, and of the frame and group-key values.
#[test]
fn debug_after_real_decryptions_hides_key_bytes() {
    let (gtk, igtk) = (key(16), key(32).iter().map(|b| b ^ 0x5a).collect::<Vec<u8>>());
    let kek = Kek::from_bytes(&key(16).iter().map(|b| b ^ 0xa5).collect::<Vec<u8>>()).unwrap();
    let mut plain = vec![0xdd, 6 + 16, 0x00, 0x0f, 0xac, 1, 0x01, 0];
    plain.extend_from_slice(&gtk);
    plain.extend_from_slice(&[0xdd, 12 + 16, 0x00, 0x0f, 0xac, 9, 4, 0, 1, 0, 0, 0, 0, 0]);
    plain.extend_from_slice(&igtk[..16]);
    let mut wrapped = [0u8; 256];
    let wrapped =
        eapol::wrap_key_data(&suite_of(Akm::Psk), 2, &[0; 16], &kek, &plain, &mut wrapped)
            .unwrap()
            .to_vec();
    let mut out = [0u8; 256];
    let opened =
        eapol::unwrap_key_data(&suite_of(Akm::Psk), 2, &[0; 16], &kek, &wrapped, &mut out).unwrap();
    let secrets: [&[u8]; 2] = [&gtk, &igtk[..16]];
    let all = |shown: &str, what: &str| {
        for k in secrets {
            assert_redacted(shown, k, what);
        }
    };
    let mut kdes = Kdes::new(opened);
    all(&format!("{kdes:?}{kdes:#?}"), "Kdes");
    while let Some(item) = kdes.next() {
        let item = item.unwrap();
        all(&format!("{item:?}{item:#?}"), "KeyDataItem");
        all(&format!("{kdes:?}{kdes:#?}"), "Kdes (iterating)");
    }
    let g = find_gtk(opened).unwrap().unwrap();
    assert_eq!(g.gtk_bytes(), &gtk[..]);
    all(&format!("{g:?}{g:#?}"), "GtkKde");
    let i = find_igtk(opened).unwrap().unwrap();
    all(&format!("{i:?}{i:#?}"), "IgtkKde");
    let gtk_key = g.gtk().unwrap();
    let group = ieee80211_keys::cckm::GroupKey { gtk: &gtk_key, key_id: 1, rsc: [0; 8] };
    all(&format!("{group:?}{group:#?}"), "GroupKey");

    // The frame view of a message 3/4 carrying the plaintext itself as Key Data (as a frame
    // given to the view after an in-place decryption would): its Debug shows no Key Data.
    let mut frame = vec![1u8, 3, 0, 0, 2, 0x13, 0xca, 0, 16, 0, 0, 0, 0, 0, 0, 0, 2];
    frame.extend_from_slice(&[0x11; 32 + 16 + 8 + 8]);
    frame.extend_from_slice(&[0; 16]);
    frame.extend_from_slice(&(opened.len() as u16).to_be_bytes());
    frame.extend_from_slice(opened);
    let body = (frame.len() - 4) as u16;
    frame[2..4].copy_from_slice(&body.to_be_bytes());
    let view = eapol::EapolKeyFrame::parse(&suite_of(Akm::Psk), &frame).unwrap();
    all(&format!("{view:?}{view:#?}"), "EapolKeyFrame");
}
