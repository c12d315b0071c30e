//! One test per defect the fuzz targets found (`fuzz/README.md`), on the public API. The inputs
//! that found them are in `fuzz/regressions/<target>/` and replayed by `tests/fuzz_corpora.rs`.

use hmac::{Hmac, KeyInit, Mac};
use ieee80211_keys::prf::{self, KDF_MAX_LEN};
use ieee80211_keys::suite::{Kdf, KeyWrap};
use ieee80211_keys::{Akm, Cipher, Error, MacAddr, Nonce, Pmk, Protocol, Ptk};
use ieee80211_keys::{Pairwise, Suite};

/// `selectors`: the CCKM EGTK length rule added lengths with `saturating_add`, so at the top
/// of `usize` a saturated sum "equalled" a length it does not equal and the wrong unwrap
/// method came back (AES Key Wrap for an EGTK as long as the GTK).
#[test]
fn cckm_gtk_unwrap_does_not_saturate() {
    assert_eq!(Protocol::Rsn.cckm_gtk_unwrap(usize::MAX, usize::MAX), Some(KeyWrap::Rc4));
    assert_eq!(Protocol::Wpa.cckm_gtk_unwrap(usize::MAX, usize::MAX), Some(KeyWrap::Rc4));
    for p in [Protocol::Rsn, Protocol::Wpa] {
        assert_eq!(p.cckm_gtk_unwrap(usize::MAX - 3, usize::MAX), None);
        assert_eq!(p.cckm_gtk_unwrap(usize::MAX - 8, usize::MAX), Some(KeyWrap::AesKeyWrap));
    }
}

/// `derive_pairwise`: `Ptk::derive_with_kdk` added the KDK length to the PTK length before
/// checking it, which overflows (a panic with overflow checks, a wrapped length without) for a
/// KDK length near `usize::MAX`. Now the KDK length is refused first.
#[test]
fn huge_kdk_lengths_are_refused_without_overflow() {
    let pmk = Pmk::from_bytes(&[0x11; 32]).unwrap();
    let (aa, spa) = (MacAddr::new([0, 1, 2, 3, 4, 5]), MacAddr::new([6, 7, 8, 9, 10, 11]));
    let (an, sn) = (Nonce::new([0xa0; 32]), Nonce::new([0xb0; 32]));
    for kdk_len in [usize::MAX, usize::MAX - 47, usize::MAX - 48, usize::MAX / 2 + 1, 65, 161] {
        for akm in [Akm::Psk, Akm::PskSha256, Akm::SuiteB192] {
            let r = Suite::new(akm, Cipher::Ccmp128, pmk.len())
                .and_then(|suite| suite.with_kdk(kdk_len))
                .and_then(|suite| {
                    Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: an, snonce: sn })
                });
            assert_eq!(r.err(), Some(Error::InvalidLength { what: "KDK", len: kdk_len }), "{akm}");
        }
    }
    let ok = Suite::new(Akm::SuiteB192, Cipher::Gcmp256, pmk.len())
        .and_then(|suite| suite.with_kdk(64))
        .and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce: an, snonce: sn }));
    assert_eq!(ok.unwrap().len(), 88 + 64);
}

/// `prf_kdf`: KDF-Hash-Length refused Length values of 65529 to 65535 bits, which its 16-bit
/// Length field carries (they need 8192 octets, one more than the longest whole-octet output).
#[test]
fn kdf_takes_every_16_bit_length() {
    for bits in [65529usize, 65534, 65535] {
        let mut out = vec![0u8; bits.div_ceil(8)];
        prf::kdf_bits(Kdf::Sha256, b"key", b"label", &[b"context"], bits, &mut out).unwrap();
        // The last block, by hand: HMAC-SHA256(K, LE16(i) || label || context || LE16(bits)).
        let blocks = out.len().div_ceil(32);
        let mut m = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(b"key").unwrap();
        m.update(&(blocks as u16).to_le_bytes());
        m.update(b"labelcontext");
        m.update(&(bits as u16).to_le_bytes());
        let last = m.finalize().into_bytes();
        let tail = out.len() - (blocks - 1) * 32;
        let mut expected = last[..tail].to_vec();
        *expected.last_mut().unwrap() &= 0xff << (8 - bits % 8);
        assert_eq!(&out[(blocks - 1) * 32..], &expected[..], "{bits} bits");
    }
    let mut out = vec![0u8; 8192];
    let too_long = prf::kdf_bits(Kdf::Sha384, b"key", b"label", &[], 65536, &mut out);
    assert_eq!(too_long, Err(Error::OutputTooLong { requested: 8192, max: KDF_MAX_LEN }));
    assert!(prf::kdf_sha256(b"key", b"label", &[], &mut out).is_err());
}
