//! Secret hygiene, enforced: no secret type is `Copy`, comparable with `==`, hashable or
//! printable with `Display`; every one zeroizes on drop; its `Debug` never shows a key byte
//! (checked with known key bytes for every type); MICs, PMKIDs and key names compare in
//! constant time, `==` included.

use std::fmt::Debug;

use ieee80211_keys::cckm::{BaseKeys, Btk, Krk, ReassocRequest};
use ieee80211_keys::eapol::{self, find_gtk, find_igtk, GtkKde, IgtkKde, Kdes, KeyDataItem};
use ieee80211_keys::ft::{
    FtPtk, PmkR0, PmkR0Key, PmkR0Name, PmkR1, PmkR1Key, PmkR1Name, PtkName, XxKey,
};
use ieee80211_keys::{
    Akm, Cipher, Gmk, Gtk, Igtk, Kck, Kdk, Kek, MacAddr, Mic, Msk, Nonce, Pmk, PmkId, Psk, Ptk, Tk,
    TkipKeys,
};
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
secret!(Psk, Pmk, Msk, Kck, Kek, Tk, Kdk, Gmk, Gtk, Igtk, Ptk);
secret!(XxKey, PmkR0Key, PmkR1Key, PmkR0, PmkR1, FtPtk);
secret!(Krk, Btk, BaseKeys);

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
assert_impl_all!(XxKey: ConstantTimeEq);
assert_impl_all!(PmkR0Key: ConstantTimeEq);
assert_impl_all!(PmkR1Key: ConstantTimeEq);
assert_impl_all!(Krk: ConstantTimeEq);
assert_impl_all!(Btk: ConstantTimeEq);

// Views of key bytes borrowed from the caller's buffer: no comparison, no Display.
assert_not_impl_any!(GtkKde<'static>: PartialEq, std::fmt::Display);
assert_not_impl_any!(IgtkKde<'static>: PartialEq, std::fmt::Display);
assert_not_impl_any!(KeyDataItem<'static>: PartialEq, std::fmt::Display);
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
        Igtk: 32, XxKey: 48, PmkR0Key: 48, PmkR1Key: 48, Krk: 16, Btk: 32,
    );
}

#[test]
fn debug_of_composite_secrets_hides_their_bytes() {
    // A PTK with a KDK, from known octets.
    let bytes = key(24 + 32 + 32 + 64);
    let ptk = Ptk::from_bytes(Akm::SuiteB192, Cipher::Gcmp256, &bytes).unwrap();
    assert_eq!(ptk.kdk().unwrap().as_bytes(), &bytes[88..]);
    check(&ptk, &bytes, "Ptk");

    // TKIP's parts.
    let tkip = key(64);
    let ptk = Ptk::from_bytes(Akm::Psk, Cipher::Tkip, &tkip).unwrap();
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
    let ft_ptk =
        r1.derive_ptk(Cipher::Ccmp128, &Nonce::new([1; 32]), &Nonce::new([2; 32]), &a, &b).unwrap();
    let p = ft_ptk.ptk();
    let ft_bytes = [p.kck().as_bytes(), p.kek().as_bytes(), p.tk().as_bytes()].concat();
    check(&ft_ptk, &ft_bytes, "FtPtk");

    // CCKM base keys.
    let base = BaseKeys::derive(
        &Pmk::from_bytes(&key(32)).unwrap(),
        &a,
        &b,
        &Nonce::new([1; 32]),
        &Nonce::new([2; 32]),
    )
    .unwrap();
    let base_bytes = [base.krk().as_bytes(), base.btk().as_bytes()].concat();
    check(&base, &base_bytes, "BaseKeys");
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

/// `==` on the checked public values must be their constant-time comparison: a source check
/// that each hand-written `PartialEq` goes through `ct_eq`, and that none of them derives it.
#[test]
fn equality_of_mics_pmkids_and_names_is_constant_time() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut impls = 0;
    // Every source file, in the folders too.
    let mut files = vec![src.clone()];
    let mut i = 0;
    while let Some(dir) = files.get(i).filter(|p| p.is_dir()).cloned() {
        files.remove(i);
        files.extend(std::fs::read_dir(dir).unwrap().map(|f| f.unwrap().path()));
        i = files.iter().position(|p| p.is_dir()).unwrap_or(files.len());
    }
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("impl PartialEq for ") {
            let body = &rest[at..];
            let end = body.find("\n}").expect("end of impl");
            assert!(body[..end].contains("ct_eq"), "{}: {}", path.display(), &body[..end]);
            impls += 1;
            rest = &body[end..];
        }
    }
    // checked_octets! (PmkId, PmkR0Name, PmkR1Name, PtkName) and Mic.
    assert_eq!(impls, 2, "a new hand-written PartialEq: check it and update this count");
    for (file, ty) in [("types.rs", "PmkId"), ("mic.rs", "pub struct Mic"), ("ft.rs", "PmkR0Name")]
    {
        let text = std::fs::read_to_string(src.join(file)).unwrap();
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
