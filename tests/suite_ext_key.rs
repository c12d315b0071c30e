//! The suite rows whose lengths and hash follow the PMK length: OWE (AKM 18), SAE-EXT-KEY
//! (AKM 24) and FT-SAE-EXT-KEY (AKM 25), against hostap's length functions (transcribed below
//! with their source), with properties over every row and PMK length, and the errors.

use ieee80211_keys::eapol::{self, EapolKeyFrame};
use ieee80211_keys::ft::{self, FteMicInput, PmkR0, PmkR0Key, PmkR0Name, XxKey};
use ieee80211_keys::suite::{HashAlg, Kdf, MicAlgorithm, PtkDerivation, Suite};
use ieee80211_keys::{
    Akm, Cipher, Error, Kck, MacAddr, MobilityDomainId, Nonce, Pairwise, Pmk, Ptk, R0khId, Ssid,
};
use proptest::prelude::*;

mod common;
use common::naive;
use naive::H;

/// hostap `src/common/wpa_common.c` (w1.fi hostap as mirrored in 1g4-mirror/hostap, commit
/// 10bfe98bf4f53be7280f82191e37ccd00bdebcb1), for `WPA_KEY_MGMT_OWE`, `_SAE_EXT_KEY` and
/// `_FT_SAE_EXT_KEY`:
/// - `wpa_kck_len(akmp, pmk_len)`: `pmk_len / 2`;
/// - `wpa_kek_len(akmp, pmk_len)`: `pmk_len <= 32 ? 16 : 32`;
/// - `wpa_mic_len(akmp, pmk_len, hash)` = `rsn_mic_len_hash`: 16, 24, 32 for SHA-256, -384,
///   -512;
/// - the PTK's PRF (`wpa_pmk_to_ptk`; `wpa_pmk_r1_to_ptk` for AKM 25, by the PMK-R1 length):
///   SHA-256 for a 32-octet PMK, SHA-384 for 48, SHA-512 for 64, any other length refused
///   ("Unknown PMK length");
/// - the EAPOL-Key MIC (`rsn_eapol_key_mic_hash`, AKM-defined, descriptor version 0):
///   HMAC-SHA-256/384/512 truncated to the MIC length;
/// - the FTE MIC (`wpa_ft_mic`) for AKM 25: HMAC-SHA-256 truncated to 16 with a 16-octet KCK
///   (not AES-CMAC), HMAC-SHA-384 to 24, HMAC-SHA-512 to 32.
struct Hostap {
    kck: usize,
    kek: usize,
    mic: usize,
    hash: HashAlg,
}

fn hostap(pmk_len: usize) -> Option<Hostap> {
    let hash = match pmk_len {
        32 => HashAlg::Sha256,
        48 => HashAlg::Sha384,
        64 => HashAlg::Sha512,
        _ => return None,
    };
    let mic = match hash {
        HashAlg::Sha256 => 16,
        HashAlg::Sha384 => 24,
        _ => 32,
    };
    Some(Hostap { kck: pmk_len / 2, kek: if pmk_len <= 32 { 16 } else { 32 }, mic, hash })
}

const NEW: [Akm; 3] = [Akm::Owe, Akm::SaeExtKey, Akm::FtSaeExtKey];

/// The naive transcription's hash for a hostap hash.
fn h(hash: HashAlg) -> H {
    match hash {
        HashAlg::Sha256 => H::Sha256,
        HashAlg::Sha384 => H::Sha384,
        _ => H::Sha512,
    }
}

#[test]
fn rows_match_hostap_length_functions() {
    for akm in NEW {
        for pmk_len in [32, 48, 64] {
            let want = hostap(pmk_len).unwrap();
            for cipher in [Cipher::Ccmp128, Cipher::Gcmp128, Cipher::Ccmp256, Cipher::Gcmp256] {
                let s = Suite::new(akm, cipher, pmk_len).unwrap();
                let what = format!("{akm} PMK {pmk_len}");
                assert_eq!(
                    (s.kck_len(), s.kek_len(), s.mic_len(), s.hash()),
                    (want.kck, want.kek, want.mic, want.hash),
                    "{what}"
                );
                assert_eq!(s.ptk_len(), want.kck + want.kek + cipher.tk_len(), "{what}");
                assert_eq!(s.descriptor_version(), 0, "{what}");
                let mic = match want.hash {
                    HashAlg::Sha256 => MicAlgorithm::HmacSha256_128,
                    HashAlg::Sha384 => MicAlgorithm::HmacSha384_192,
                    _ => MicAlgorithm::HmacSha512_256,
                };
                assert_eq!((s.mic(), s.mic().mic_len()), (mic, want.mic), "{what}");
                assert_eq!(s.mic_for_version(0), Ok(mic));
                assert!(s.mic_for_version(2).is_err() && s.mic_for_version(3).is_err());
                assert!(s.pmkid_key().is_err(), "{what}: no HMAC PMKID");
                let kdf = match want.hash {
                    HashAlg::Sha256 => Kdf::Sha256,
                    HashAlg::Sha384 => Kdf::Sha384,
                    _ => Kdf::Sha512,
                };
                if akm == Akm::FtSaeExtKey {
                    assert_eq!(s.derivation(), PtkDerivation::Ft(kdf));
                    // hostap wpa_ft_mic: HMAC of the hash, as long as the KCK (not AES-CMAC).
                    assert_eq!(s.fte_mic(), Ok(mic), "{what}");
                } else {
                    assert_eq!(s.derivation(), PtkDerivation::PairwiseKeyExpansion(kdf));
                    assert!(s.fte_mic().is_err());
                }
                // The same answers from the shared naive table.
                let (nh, kck, kek, mic_len) = naive::by_pmk_len(akm, pmk_len).unwrap();
                assert_eq!(
                    (h(s.hash()), s.kck_len(), s.kek_len(), s.mic_len()),
                    (nh, kck, kek, mic_len)
                );
            }
        }
        assert_eq!(Akm::from_selector(&[0, 0x0f, 0xac, akm.selector()[3]]), Ok(akm));
        assert_eq!(akm.name().parse::<Akm>(), Ok(akm));
    }
    assert_eq!(
        [Akm::Owe.selector()[3], Akm::SaeExtKey.selector()[3], Akm::FtSaeExtKey.selector()[3]],
        [18, 24, 25]
    );
}

#[test]
fn invalid_pmk_lengths_and_tkip_are_errors() {
    for akm in NEW {
        for pmk_len in [0, 16, 31, 33, 40, 47, 63, 65, 128] {
            assert!(hostap(pmk_len).is_none());
            assert_eq!(
                Suite::new(akm, Cipher::Ccmp128, pmk_len),
                Err(Error::InvalidLength { what: "PMK for this AKM", len: pmk_len }),
                "{akm} {pmk_len}"
            );
            assert!(akm.hash_for(pmk_len).is_err());
        }
        assert_eq!(
            Suite::new(akm, Cipher::Tkip, 32),
            Err(Error::UnsupportedCombination { akm, cipher: Cipher::Tkip })
        );
    }
}

fn sorted<'a>(a: &'a [u8], b: &'a [u8]) -> [&'a [u8]; 2] {
    if a <= b {
        [a, b]
    } else {
        [b, a]
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// OWE and SAE-EXT-KEY: the PTK against the naive KDF of the PMK length's hash, both roles
    /// alike, and a one-bit change of the PMK, an address or a nonce changes every part.
    #[test]
    fn pairwise_ptk_per_pmk_length(
        a in 0usize..2,
        len in prop::sample::select(vec![32usize, 48, 64]),
        c in 0usize..4,
        pmk in prop::collection::vec(any::<u8>(), 64),
        aa in any::<[u8; 6]>(), spa in any::<[u8; 6]>(),
        an in any::<[u8; 32]>(), sn in any::<[u8; 32]>(),
        which in 0usize..5, bit in 0usize..256,
    ) {
        let akm = [Akm::Owe, Akm::SaeExtKey][a];
        let cipher = [Cipher::Ccmp128, Cipher::Gcmp128, Cipher::Ccmp256, Cipher::Gcmp256][c];
        let suite = Suite::new(akm, cipher, len).unwrap();
        let p = Pmk::from_bytes(&pmk[..len]).unwrap();
        let roles = Pairwise {
            aa: MacAddr::new(aa), spa: MacAddr::new(spa), anonce: Nonce::new(an), snonce: Nonce::new(sn),
        };
        let ptk = Ptk::derive(&p, &suite, &roles).unwrap();
        let data = naive::cat(&[sorted(&aa, &spa).concat().as_slice(), &sorted(&an, &sn).concat()]);
        let (nh, kck, kek, _) = naive::by_pmk_len(akm, len).unwrap();
        let total = kck + kek + cipher.tk_len();
        let want = naive::kdf(nh, &pmk[..len], b"Pairwise key expansion", &data, (total * 8) as u16);
        prop_assert_eq!(ptk.kck().as_bytes(), &want[..kck]);
        prop_assert_eq!(ptk.kek().as_bytes(), &want[kck..kck + kek]);
        prop_assert_eq!(ptk.tk().as_bytes(), &want[kck + kek..]);
        // One bit of one input.
        let (mut pmk2, mut aa2, mut spa2, mut an2, mut sn2) = (pmk.clone(), aa, spa, an, sn);
        match which {
            0 => pmk2[(bit / 8) % len] ^= 1 << (bit % 8),
            1 => aa2[(bit / 8) % 6] ^= 1 << (bit % 8),
            2 => spa2[(bit / 8) % 6] ^= 1 << (bit % 8),
            3 => an2[bit / 8] ^= 1 << (bit % 8),
            _ => sn2[bit / 8] ^= 1 << (bit % 8),
        }
        let other = Ptk::derive(
            &Pmk::from_bytes(&pmk2[..len]).unwrap(),
            &suite,
            &Pairwise {
                aa: MacAddr::new(aa2), spa: MacAddr::new(spa2), anonce: Nonce::new(an2), snonce: Nonce::new(sn2),
            },
        )
        .unwrap();
        prop_assert_ne!(other.kck().as_bytes(), ptk.kck().as_bytes());
        prop_assert_ne!(other.kek().as_bytes(), ptk.kek().as_bytes());
        prop_assert_ne!(other.tk().as_bytes(), ptk.tk().as_bytes());
    }

    /// FT-SAE-EXT-KEY: the whole FT hierarchy with Q and the hash the XXKey's length selects,
    /// against the naive transcription, PTKName in SHA-256, the FTE MIC in the HMAC of the
    /// hash; a one-bit change of the XXKey changes every key and name.
    #[test]
    fn ft_sae_ext_key_per_pmk_length(
        len in prop::sample::select(vec![32usize, 48, 64]),
        xx in prop::collection::vec(any::<u8>(), 64),
        ssid in prop::collection::vec(any::<u8>(), 0..=32),
        mdid in any::<[u8; 2]>(),
        r0kh in prop::collection::vec(any::<u8>(), 1..=48),
        ap in any::<[u8; 6]>(), sta in any::<[u8; 6]>(),
        an in any::<[u8; 32]>(), sn in any::<[u8; 32]>(),
        bit in 0usize..512,
    ) {
        let akm = Akm::FtSaeExtKey;
        let (nh, kck, kek, mic_len) = naive::by_pmk_len(akm, len).unwrap();
        let chain = |xx: &[u8]| {
            let pmk = Pmk::from_bytes(xx).unwrap();
            let x = XxKey::from_sae_pmk(akm, &pmk).unwrap();
            let r0 = PmkR0::derive(
                akm, &x, &Ssid::new(&ssid).unwrap(), MobilityDomainId::new(mdid),
                &R0khId::new(&r0kh).unwrap(), &MacAddr::new(sta),
            )
            .unwrap();
            let r1 = r0.derive_r1(&MacAddr::new(ap), &MacAddr::new(sta)).unwrap();
            let roles = Pairwise {
                aa: MacAddr::new(ap), spa: MacAddr::new(sta), anonce: Nonce::new(an), snonce: Nonce::new(sn),
            };
            let ptk = r1.derive_ptk(Cipher::Gcmp256, &roles).unwrap();
            (r0, r1, ptk)
        };
        let (r0, r1, ptk) = chain(&xx[..len]);
        let context = naive::cat(&[
            &[ssid.len() as u8], &ssid, &mdid, &[r0kh.len() as u8], &r0kh, &sta,
        ]);
        let r0_data = naive::kdf(nh, &xx[..len], b"FT-R0", &context, ((len + 16) * 8) as u16);
        let (pmk_r0, salt) = r0_data.split_at(len);
        let r0_name = naive::hash(nh, &naive::cat(&[b"FT-R0N", salt]))[..16].to_vec();
        prop_assert_eq!(r0.key().as_bytes(), pmk_r0);
        prop_assert_eq!(&r0.name().as_bytes()[..], &r0_name[..]);
        let pmk_r1 = naive::kdf(nh, pmk_r0, b"FT-R1", &naive::cat(&[&ap, &sta]), (len * 8) as u16);
        let r1_name = naive::hash(nh, &naive::cat(&[b"FT-R1N", &r0_name, &ap, &sta]))[..16].to_vec();
        prop_assert_eq!(r1.key().as_bytes(), &pmk_r1[..]);
        prop_assert_eq!(&r1.name().as_bytes()[..], &r1_name[..]);
        let data = naive::cat(&[&sn, &an, &ap, &sta]);
        let total = kck + kek + 32;
        let want = naive::kdf(nh, &pmk_r1, b"FT-PTK", &data, (total * 8) as u16);
        prop_assert_eq!(ptk.kck().as_bytes(), &want[..kck]);
        prop_assert_eq!(ptk.kek().as_bytes(), &want[kck..kck + kek]);
        prop_assert_eq!(ptk.tk().as_bytes(), &want[kck + kek..]);
        let ptk_name = naive::hash(H::Sha256, &naive::cat(&[&r1_name, b"FT-PTKN", &data]))[..16].to_vec();
        prop_assert_eq!(&ptk.name().as_bytes()[..], &ptk_name[..]);

        // The FTE MIC: HMAC of the hash over the covered elements, as long as the KCK.
        let suite = Suite::new(akm, Cipher::Gcmp256, len).unwrap();
        let rsne = [0x30u8, 0x14, 1, 0, 0, 0x0f, 0xac, 9, 1, 0, 0, 0x0f, 0xac, 9, 1, 0, 0, 0x0f, 0xac, 25, 0, 0];
        let mde = [0x36u8, 3, mdid[0], mdid[1], 1];
        let mut fte = vec![0x37u8, (2 + mic_len + 64) as u8, (((mic_len / 8) - 2) << 1) as u8, 3];
        fte.extend(vec![0u8; mic_len]);
        fte.extend_from_slice(&an);
        fte.extend_from_slice(&sn);
        let (sta_a, ap_a) = (MacAddr::new(sta), MacAddr::new(ap));
        let input = FteMicInput {
            sta_addr: &sta_a, bssid: &ap_a, transaction_seq: ft::TRANSACTION_SEQ_REASSOC_REQUEST,
            rsne: &rsne, mde: &mde, fte: &fte, ric: None, rsnxe: None,
        };
        let mic = ft::fte_mic(&suite, ptk.kck(), &input).unwrap();
        let covered = naive::cat(&[&sta, &ap, &[5], &rsne, &mde, &fte]);
        prop_assert_eq!(mic.as_bytes(), &naive::hmac(nh, &want[..kck], &covered)[..mic_len]);
        let mut sent = fte.clone();
        ft::write_fte_mic(&suite, &mut sent, &mic).unwrap();
        let received = FteMicInput { fte: &sent, ..input };
        prop_assert!(ft::verify_fte_mic(&suite, ptk.kck(), &received).is_ok());

        // One bit of the XXKey.
        let mut xx2 = xx.clone();
        xx2[(bit / 8) % len] ^= 1 << (bit % 8);
        let (r0b, r1b, ptkb) = chain(&xx2[..len]);
        prop_assert_ne!(r0b.key().as_bytes(), r0.key().as_bytes());
        prop_assert_ne!(r0b.name(), r0.name());
        prop_assert_ne!(r1b.key().as_bytes(), r1.key().as_bytes());
        prop_assert_ne!(r1b.name(), r1.name());
        prop_assert_ne!(ptkb.kck().as_bytes(), ptk.kck().as_bytes());
        prop_assert_ne!(ptkb.name(), ptk.name());
    }
}

#[test]
fn ft_sae_ext_key_errors() {
    let akm = Akm::FtSaeExtKey;
    // The XXKey of AKM 25 is a PMK of 32, 48 or 64 octets; AKM 9 takes only 32.
    for len in [32, 48, 64] {
        let pmk = Pmk::from_bytes(&[7; 64][..len]).unwrap();
        assert_eq!(XxKey::from_sae_pmk(akm, &pmk).unwrap().len(), len);
        assert_eq!(akm.hash_for(len).unwrap().output_len(), len);
    }
    assert!(XxKey::from_sae_pmk(Akm::FtSae, &Pmk::from_bytes(&[7; 64]).unwrap()).is_err());
    // A PMK-R0 or PMK-R1 of a length the rule does not cover.
    assert!(PmkR0Key::from_bytes(&[7; 40]).is_err());
    assert!(XxKey::from_bytes(&[7; 40]).is_err());
    // Restored parts: any of the three lengths, each with its own hash.
    for len in [32, 48, 64] {
        let r0 = PmkR0::from_parts(
            akm,
            PmkR0Key::from_bytes(&[7; 64][..len]).unwrap(),
            PmkR0Name::new([1; 16]),
        );
        assert!(r0.is_ok());
    }
    // The FTE MIC refuses a KCK of another suite's length.
    let suite = Suite::new(akm, Cipher::Ccmp128, 64).unwrap();
    assert_eq!(suite.fte_mic(), Ok(MicAlgorithm::HmacSha512_256));
    let kck16 = Kck::from_bytes(&[1; 16]).unwrap();
    let (sta, ap) = (MacAddr::new([2; 6]), MacAddr::new([4; 6]));
    let fte = [0u8; 2 + 2 + 32 + 64];
    let input = FteMicInput {
        sta_addr: &sta,
        bssid: &ap,
        transaction_seq: 5,
        rsne: &[0x30, 0],
        mde: &[0x36, 3, 1, 2, 1],
        fte: &fte,
        ric: None,
        rsnxe: None,
    };
    assert!(ft::fte_mic(&suite, &kck16, &input).is_err());
}

/// The EAPOL-Key MIC of the new rows follows the suite: HMAC-SHA-256/384/512 truncated to
/// 16/24/32 octets in a Key MIC field of that length (descriptor version 0), against the naive
/// HMAC; a one-bit change of the frame fails verification.
#[test]
fn eapol_key_mic_per_pmk_length() {
    for akm in NEW {
        for len in [32usize, 48, 64] {
            let suite = Suite::new(akm, Cipher::Gcmp256, len).unwrap();
            let (nh, kck_len, _, mic_len) = naive::by_pmk_len(akm, len).unwrap();
            let kck = Kck::from_bytes(&[0x3c; 32][..kck_len]).unwrap();
            // Message 2/4 shape: header, Key Information (version 0, MIC, pairwise), the fields,
            // a zeroed Key MIC of the suite's length, 22 octets of Key Data (an RSNE).
            let key_data = [
                0x30u8,
                0x14,
                1,
                0,
                0,
                0x0f,
                0xac,
                9,
                1,
                0,
                0,
                0x0f,
                0xac,
                9,
                1,
                0,
                0,
                0x0f,
                0xac,
                akm.selector()[3],
                0,
                0,
            ];
            // EAPOL header 4, fields 77, Key MIC, Key Data Length 2, Key Data.
            let body = 4 + 77 + mic_len + 2 + key_data.len();
            let mut frame = vec![2u8, 3];
            frame.extend_from_slice(&((body - 4) as u16).to_be_bytes());
            frame.push(2);
            frame.extend_from_slice(&0x0108u16.to_be_bytes());
            frame.extend_from_slice(&[0, 0]);
            frame.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 1]);
            frame.extend_from_slice(&[0x5a; 32]);
            frame.extend_from_slice(&[0; 16 + 8 + 8]);
            frame.extend(vec![0u8; mic_len]);
            frame.extend_from_slice(&(key_data.len() as u16).to_be_bytes());
            frame.extend_from_slice(&key_data);
            assert_eq!(frame.len(), body, "{akm} {len}");
            let want = naive::hmac(nh, kck.as_bytes(), &frame)[..mic_len].to_vec();
            eapol::write_mic(&suite, &kck, &mut frame).unwrap();
            assert_eq!(&frame[81..81 + mic_len], &want[..], "{akm} PMK {len}");
            assert!(eapol::verify_mic(&suite, &kck, &frame).is_ok());
            assert_eq!(EapolKeyFrame::parse(&suite, &frame).unwrap().key_data(), &key_data[..]);
            frame[90] ^= 1;
            assert_eq!(eapol::verify_mic(&suite, &kck, &frame), Err(Error::MicMismatch));
        }
    }
}

/// The FTE of FT-SAE-EXT-KEY carries a MIC as long as the KCK and says so in MIC Control's MIC
/// Length subfield (bits 1 to 3: 0, 1, 2 for 16, 24, 32 octets), which hostap reads for AKM 25;
/// a MIC computed over it verifies in place.
#[test]
fn fte_of_ft_sae_ext_key_says_its_mic_length() {
    use ieee80211_keys::ft_elements::FteBuilder;
    let (an, sn) = (Nonce::new([1; 32]), Nonce::new([2; 32]));
    for (len, code) in [(32usize, 0u8), (48, 1), (64, 2)] {
        let suite = Suite::new(Akm::FtSaeExtKey, Cipher::Ccmp128, len).unwrap();
        let mut fte = [0u8; 255];
        let n =
            FteBuilder::new(&suite, &an, &sn).unwrap().element_count(3).write(&mut fte).unwrap();
        let mic_len = suite.fte_mic().unwrap().mic_len();
        assert_eq!((n, (fte[2] >> 1) & 7, fte[3]), (2 + 2 + mic_len + 64, code, 3));
        let kck = Kck::from_bytes(&[9; 32][..len / 2]).unwrap();
        let (sta, ap) = (MacAddr::new([2; 6]), MacAddr::new([4; 6]));
        let rsne = [0x30u8, 2, 1, 0];
        let input = FteMicInput {
            sta_addr: &sta,
            bssid: &ap,
            transaction_seq: 5,
            rsne: &rsne,
            mde: &[0x36, 3, 1, 2, 1],
            fte: &fte[..n],
            ric: None,
            rsnxe: None,
        };
        let mic = ft::fte_mic(&suite, &kck, &input).unwrap();
        assert_eq!(mic.len(), mic_len);
        let mut sent = fte;
        ft::write_fte_mic(&suite, &mut sent[..n], &mic).unwrap();
        let received = FteMicInput { fte: &sent[..n], ..input };
        assert!(ft::verify_fte_mic(&suite, &kck, &received).is_ok());
    }
}

/// Message 2/4 of the 4-way handshake built and read back for every new row and PMK length:
/// the Key MIC field is the suite's (16, 24 or 32 octets) and its MIC verifies.
#[test]
fn message_2_of_4_per_pmk_length() {
    use ieee80211_keys::eapol_key::{Builder, Received};
    let sn = Nonce::new([7; 32]);
    let rsne = [
        0x30u8, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 24, 0, 0,
    ];
    for akm in NEW {
        for len in [32usize, 48, 64] {
            let suite = Suite::new(akm, Cipher::Ccmp128, len).unwrap();
            let kck = Kck::from_bytes(&[5; 32][..suite.kck_len()]).unwrap();
            let mut frame = [0u8; 256];
            let n = Builder::message2(&suite, 1, &sn, &rsne, &kck).write(&mut frame).unwrap();
            assert_eq!(n, 4 + 77 + suite.mic_len() + 2 + rsne.len(), "{akm} {len}");
            assert!(eapol::verify_mic(&suite, &kck, &frame[..n]).is_ok());
            assert!(Received::parse(&suite, &frame[..n]).is_ok(), "{akm} {len}");
        }
    }
}
