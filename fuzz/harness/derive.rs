//! The core derivations with inputs of every length: PMK, PMKID, PTK (with and without a KDK),
//! GTK; and the PRF, KDF and PBKDF2 against naive transcriptions.

use ieee80211_keys::prf::{self, KDF_MAX_LEN, SHA1_PRF_MAX_LEN};
use ieee80211_keys::suite::Kdf;
use ieee80211_keys::{Akm, Cipher, Error, Gmk, Gtk, MacAddr, Msk, Nonce, Pmk, Psk, Ptk};
use ieee80211_keys::{Pairwise, Suite};

use super::input::{fuzz_input, Rest};
use super::naive::{self, H};

fuzz_input!(
    /// Every input of the pairwise and group derivations.
    PairwiseInput {
        akm: Akm,
        cipher: Cipher,
        pmk: &'a [u8],
        aa: [u8; 6],
        spa: [u8; 6],
        anonce: [u8; 32],
        snonce: [u8; 32],
        kdk_len: u64,
        msk: &'a [u8],
        gmk: &'a [u8],
        group_cipher: Cipher,
        gnonce: [u8; 32],
        rest: Rest<'a>,
    }
);

/// The PTK by IEEE 802.11-2020 12.7.1.3; `None` where the library must refuse.
fn naive_ptk(i: &PairwiseInput<'_>, kdk_len: u64) -> Option<Vec<u8>> {
    let kdk_len = usize::try_from(kdk_len).ok()?;
    naive::ptk(i.pmk, i.akm, i.cipher, (i.aa, i.spa), (i.anonce, i.snonce), kdk_len)
}

/// PMK (from bytes, a PSK or an MSK), PMKIDs keyed with the PMK or the KCK, the PTK with any KDK
/// length and both role orders, and the GTK, each against IEEE 802.11-2020 12.7.1.3 and 12.7.1.4
/// transcribed naively.
pub fn derive_pairwise(data: &[u8]) {
    let i = PairwiseInput::read(data);
    let akm = i.akm;
    let row = naive::row_for(akm, i.pmk.len());
    let (aa, spa) = (MacAddr::new(i.aa), MacAddr::new(i.spa));

    // The PMK from an MSK: the first 32 or 48 octets, for the MSK AKMs.
    if let Ok(msk) = Msk::from_bytes(i.msk) {
        let needed = if row.hash == H::Sha384 { 48 } else { 32 };
        let expected = (row.source == 'm').then(|| i.msk.get(..needed)).flatten();
        let got = Pmk::from_msk(akm, &msk);
        assert_eq!(got.as_ref().map(Pmk::as_bytes).ok(), expected, "{akm}: PMK from MSK");
        if let Err(e) = got {
            naive::assert_no_key(&format!("{e} {e:?}"), i.msk, "PMK from MSK error");
        }
    }

    if let Ok(gmk) = Gmk::from_bytes(i.gmk) {
        let gtk = Gtk::derive(&gmk, i.group_cipher, &aa, &Nonce::new(i.gnonce)).expect("GTK");
        let data = naive::cat(&[&i.aa, &i.gnonce]);
        let expected =
            naive::prf(i.gmk, b"Group key expansion", &data, naive::tk_len(i.group_cipher));
        assert_eq!(gtk.as_bytes(), &expected[..]);
    }

    let Ok(pmk) = Pmk::from_bytes(i.pmk) else { return };
    if let Ok(psk) = Psk::from_bytes(i.pmk) {
        assert_eq!(Pmk::from_psk(&psk).as_bytes(), i.pmk);
    }
    let pmkid = pmk.pmkid(akm, &aa, &spa);
    let pmkid_data = naive::cat(&[b"PMK Name", &i.aa, &i.spa]);
    match naive::pmkid(akm) {
        Some((h, false)) => {
            let expected = naive::hmac(h, i.pmk, &pmkid_data);
            assert_eq!(pmkid.expect("a PMK-keyed PMKID").as_bytes(), &expected[..16]);
        }
        _ => assert!(matches!(pmkid, Err(Error::NotForAkm { .. }))),
    }

    // A KDK length of any size: small ones mostly, near usize::MAX or any u64 sometimes.
    let kdk_len = match i.kdk_len >> 62 {
        3 => usize::MAX as u64 - (i.kdk_len & 0xff),
        2 => i.kdk_len,
        _ => i.kdk_len % 80,
    };
    let (anonce, snonce) = (Nonce::new(i.anonce), Nonce::new(i.snonce));
    // A length that does not fit this target's usize (32-bit) reaches the library as the
    // largest usize: refused either way, as the naive side refuses the u64.
    let kdk_arg = usize::try_from(kdk_len).unwrap_or(usize::MAX);
    let ptk = Suite::new(akm, i.cipher, pmk.len())
        .and_then(|suite| suite.with_kdk(kdk_arg))
        .and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce }));
    let expected = naive_ptk(&i, kdk_len);
    let ptk = match (ptk, expected) {
        (Ok(ptk), Some(e)) => {
            let (kck, kek) = (row.kck, row.kek);
            let tk = naive::tk_len(i.cipher);
            assert_eq!(ptk.kck().as_bytes(), &e[..kck], "{akm} {}: KCK", i.cipher);
            assert_eq!(ptk.kek().as_bytes(), &e[kck..kck + kek]);
            assert_eq!(ptk.tk().as_bytes(), &e[kck + kek..kck + kek + tk]);
            assert_eq!(
                ptk.kdk().map(|k| k.as_bytes()),
                (kdk_len > 0).then(|| &e[kck + kek + tk..])
            );
            assert_eq!((ptk.akm(), ptk.cipher(), ptk.len()), (akm, i.cipher, e.len()));
            let shown = format!("{ptk:?}");
            for part in e.chunks(8) {
                naive::assert_no_key(&shown, part, "Ptk Debug");
            }
            // The roles are parameters; swapping both pairs gives the same keys.
            let swapped = Suite::new(akm, i.cipher, pmk.len())
                .and_then(|suite| suite.with_kdk(kdk_arg))
                .and_then(|suite| {
                    Ptk::derive(
                        &pmk,
                        &suite,
                        &Pairwise { aa: spa, spa: aa, anonce: snonce, snonce: anonce },
                    )
                })
                .expect("the same derivation with the roles swapped");
            assert_eq!(
                naive::cat(&[
                    swapped.kck().as_bytes(),
                    swapped.kek().as_bytes(),
                    swapped.tk().as_bytes()
                ]),
                e[..kck + kek + tk]
            );
            ptk
        }
        (Err(e), None) => {
            naive::assert_no_key(&format!("{e} {e:?}"), i.pmk, "PTK error");
            return;
        }
        (p, e) => panic!("{akm} {} KDK {kdk_len}: library {p:?}, naive {e:?}", i.cipher),
    };
    if kdk_len == 0 {
        let plain = Suite::new(akm, i.cipher, pmk.len())
            .and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce }))
            .expect("derive");
        assert_eq!(plain.kck().as_bytes(), ptk.kck().as_bytes());
    }
    let kck_pmkid = ptk.kck().pmkid(akm, &aa, &spa);
    match naive::pmkid(akm) {
        Some((h, true)) => {
            let expected = naive::hmac(h, ptk.kck().as_bytes(), &pmkid_data);
            assert_eq!(kck_pmkid.expect("a KCK-keyed PMKID").as_bytes(), &expected[..16]);
        }
        _ => assert!(matches!(kck_pmkid, Err(Error::NotForAkm { .. }))),
    }
}

fuzz_input!(
    /// A key, a label and up to four data pieces of any length, an output length and a bit
    /// count.
    PrfInput {
        which: u8,
        key: &'a [u8],
        label: &'a [u8],
        out_len: u16,
        bits: u16,
        pieces: u8,
        data: Rest<'a>,
    }
);

/// Splits `data` into `n` pieces at points derived from its own octets.
fn pieces(data: &[u8], n: u8) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    for k in 0..n % 5 {
        let at =
            usize::from(rest.first().copied().unwrap_or(0).wrapping_mul(k + 1)) % (rest.len() + 1);
        let (a, b) = rest.split_at(at);
        out.push(a);
        rest = b;
    }
    out.push(rest);
    out
}

/// `prf_sha1`, `cckm_prf`, `kdf_sha256`, `kdf_sha384`, `kdf_bits` and `expand` with any key,
/// label, data pieces and output length, against the naive transcriptions.
pub fn prf_kdf(data: &[u8]) {
    let i = PrfInput::read(data);
    let parts = pieces(i.data.0, i.pieces);
    let whole = i.data.0;
    // Lengths around the limits sometimes, short ones mostly.
    let len = if i.which & 0x80 != 0 {
        usize::from(i.out_len) % 8300
    } else {
        usize::from(i.out_len) % 600
    };
    let mut out = vec![0u8; len];
    match i.which % 6 {
        0 => {
            let r = prf::prf_sha1(i.key, i.label, &parts, &mut out);
            assert_eq!(r.is_ok(), len <= SHA1_PRF_MAX_LEN);
            if r.is_ok() {
                assert_eq!(out, naive::prf(i.key, i.label, whole, len));
            }
        }
        1 => {
            let r = prf::cckm_prf(i.key, &parts, &mut out);
            assert_eq!(r.is_ok(), len <= SHA1_PRF_MAX_LEN);
            if r.is_ok() {
                assert_eq!(out, naive::cckm_prf(i.key, whole, len));
            }
        }
        w @ (2 | 3) => {
            let (h, r) = if w == 2 {
                (H::Sha256, prf::kdf_sha256(i.key, i.label, &parts, &mut out))
            } else {
                (H::Sha384, prf::kdf_sha384(i.key, i.label, &parts, &mut out))
            };
            assert_eq!(r.is_ok(), len * 8 <= usize::from(u16::MAX) && len <= KDF_MAX_LEN);
            if r.is_ok() {
                assert_eq!(out, naive::kdf(h, i.key, i.label, whole, (len * 8) as u16));
            }
        }
        4 => {
            // Any bit count, into a buffer of exactly its octets or of the fuzzer's length.
            let kdf =
                [Kdf::Sha1Prf, Kdf::Sha256, Kdf::Sha384, Kdf::Sha512][usize::from(i.pieces) % 4];
            let bits = usize::from(i.bits);
            let exact = bits.div_ceil(8);
            let mut buf = vec![0xa5u8; if i.which & 0x40 != 0 { len } else { exact }];
            let r = prf::kdf_bits(kdf, i.key, i.label, &parts, bits, &mut buf);
            let h = match kdf {
                Kdf::Sha1Prf => {
                    assert!(matches!(r, Err(Error::Unsupported { .. })));
                    return;
                }
                Kdf::Sha256 => H::Sha256,
                Kdf::Sha384 => H::Sha384,
                Kdf::Sha512 => H::Sha512,
                _ => unreachable!("a variant this check does not know yet"),
            };
            if buf.len() != exact {
                assert!(r.is_err());
                return;
            }
            r.expect("any 16-bit Length fits the KDF");
            assert_eq!(buf, naive::kdf(h, i.key, i.label, whole, i.bits));
        }
        _ => {
            let kdf =
                [Kdf::Sha1Prf, Kdf::Sha256, Kdf::Sha384, Kdf::Sha512][usize::from(i.pieces) % 4];
            let len = len.min(600);
            let mut out = vec![0u8; len];
            prf::expand(kdf, i.key, i.label, &parts, &mut out).expect("expand");
            let expected = match kdf {
                Kdf::Sha1Prf => naive::prf(i.key, i.label, whole, len),
                Kdf::Sha256 => naive::kdf(H::Sha256, i.key, i.label, whole, (len * 8) as u16),
                Kdf::Sha384 => naive::kdf(H::Sha384, i.key, i.label, whole, (len * 8) as u16),
                Kdf::Sha512 => naive::kdf(H::Sha512, i.key, i.label, whole, (len * 8) as u16),
                _ => unreachable!("a variant this check does not know yet"),
            };
            assert_eq!(out, expected);
        }
    }
}

fuzz_input!(
    /// PBKDF2's password, salt, iteration count and output length.
    Pbkdf2Input {
        iterations: u8,
        out_len: u8,
        password: &'a [u8],
        salt: Rest<'a>,
    }
);

/// `pbkdf2_sha1` against the `pbkdf2` crate, with small iteration counts, any password (also
/// longer than a SHA-1 block), salt and output length.
pub fn pbkdf2_diff(data: &[u8]) {
    let i = Pbkdf2Input::read(data);
    let iterations = u32::from(i.iterations);
    let mut out = vec![0u8; usize::from(i.out_len)];
    let r = prf::pbkdf2_sha1(i.password, i.salt.0, iterations, &mut out);
    if iterations == 0 {
        assert!(matches!(r, Err(Error::Unsupported { .. })));
        return;
    }
    r.expect("PBKDF2");
    let mut expected = vec![0u8; out.len()];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(i.password, i.salt.0, iterations, &mut expected);
    assert_eq!(out, expected);
}
