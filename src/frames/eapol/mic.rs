//! The Key MIC of an EAPOL-Key frame: computed, verified and written in place, and multi-PSK
//! identification, which verifies it under many candidate PMKs.

use super::frame::{EapolKeyFrame, MIC_OFFSET};
use crate::crypto::mic::{self, Mic, MicCheck};
use crate::error::{Error, Result};
use crate::keys::pmk::Pmk;
use crate::keys::ptk::{pairwise_kdf, Kck, MicKey, Pairwise};
use crate::suite::Suite;
use crate::types::{MacAddr, Nonce};

/// Computes the Key MIC of `frame` (from the EAPOL header) for `suite`: the algorithm follows
/// from the frame's Key Descriptor Version and the suite ([`Suite::mic_for_version`]), the
/// length from the suite. The MIC covers the whole EAPOL PDU with the MIC field taken as zero,
/// whatever it holds (12.7.2; the 802.11i-2004 erratum); the frame is not copied.
///
/// ```
/// use ieee80211_keys::eapol::compute_mic;
/// // iwd's WPA2-PSK handshake (unit/test-eapol.c eapol_4way_test): PSK, addresses, nonces,
/// // frames.
/// # use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
/// # let psk = Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
/// # let aa: MacAddr = "24:a2:e1:ec:17:04".parse()?;
/// # let spa: MacAddr = "a0:a8:cd:1c:7e:c9".parse()?;
/// # let anonce: Nonce =
/// #     "c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50".parse()?;
/// # let snonce: Nonce =
/// #     "3289e91565094f329a9cd54a4a090d2cf4344683bf50efee3608b64856800e84".parse()?;
/// # let pmk = Pmk::from_psk(&psk);
/// # let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())?;
/// # let ptk = Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce })?;
/// # let msg2 = hex::decode(concat!(
/// #     "0103007502010a000000000000000000003289e91565094f329a9cd54a4a090d2cf4344683bf50ef",
/// #     "ee3608b64856800e8400000000000000000000000000000000000000000000000000000000000000",
/// #     "0001c31b82ff62a379b08dd1fc82c2f768001630140100000fac040100000fac040100000fac0200",
/// #     "00",
/// # )).unwrap();
///
/// // Message 2/4 (eapol_key_data_4), MIC'd with the KCK: the published MIC.
/// let mic = compute_mic(&suite, ptk.kck(), &msg2)?;
/// assert_eq!(mic.as_bytes(), hex::decode("01c31b82ff62a379b08dd1fc82c2f768").unwrap());
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn compute_mic(suite: &Suite, key: &impl MicKey, frame: &[u8]) -> Result<Mic> {
    let view = EapolKeyFrame::parse(suite, frame)?;
    let key = key.mic_key_bytes();
    let alg = view.mic_algorithm(suite, key.len())?;
    mic::compute(alg, key, &view.mic_input(), suite.mic_len())
}

/// Verifies the Key MIC of `frame` in constant time. A wrong MIC is [`Error::MicMismatch`] and
/// nothing more; a malformed frame or a descriptor version the AKM does not use is its own
/// error. The Key MIC bit is not consulted: a frame sent without a MIC does not verify.
///
/// ```
/// use ieee80211_keys::{eapol::verify_mic, Error};
/// // iwd's WPA2-PSK handshake (unit/test-eapol.c eapol_4way_test): PSK, addresses, nonces,
/// // frames.
/// # use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
/// # let psk = Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
/// # let aa: MacAddr = "24:a2:e1:ec:17:04".parse()?;
/// # let spa: MacAddr = "a0:a8:cd:1c:7e:c9".parse()?;
/// # let anonce: Nonce =
/// #     "c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50".parse()?;
/// # let snonce: Nonce =
/// #     "3289e91565094f329a9cd54a4a090d2cf4344683bf50efee3608b64856800e84".parse()?;
/// # let pmk = Pmk::from_psk(&psk);
/// # let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())?;
/// # let ptk = Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce })?;
/// # let msg2 = hex::decode(concat!(
/// #     "0103007502010a000000000000000000003289e91565094f329a9cd54a4a090d2cf4344683bf50ef",
/// #     "ee3608b64856800e8400000000000000000000000000000000000000000000000000000000000000",
/// #     "0001c31b82ff62a379b08dd1fc82c2f768001630140100000fac040100000fac040100000fac0200",
/// #     "00",
/// # )).unwrap();
///
/// verify_mic(&suite, ptk.kck(), &msg2)?;
/// // One bit changed anywhere in the PDU, and the MIC does not verify.
/// let mut changed = msg2.clone();
/// changed[100] ^= 1;
/// assert_eq!(verify_mic(&suite, ptk.kck(), &changed), Err(Error::MicMismatch));
/// // A truncated frame is its own error, not a MIC mismatch.
/// let truncated = verify_mic(&suite, ptk.kck(), &msg2[..90]);
/// assert!(matches!(truncated, Err(e) if e != Error::MicMismatch));
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn verify_mic(suite: &Suite, key: &impl MicKey, frame: &[u8]) -> Result<()> {
    let view = EapolKeyFrame::parse(suite, frame)?;
    let key = key.mic_key_bytes();
    let alg = view.mic_algorithm(suite, key.len())?;
    mic::verify(alg, key, &view.mic_input(), view.mic_field())
}

/// Computes the Key MIC of the frame in `frame` (as [`compute_mic`]) and writes it into the
/// frame's Key MIC field. Whatever the field held before does not matter.
///
/// ```
/// use ieee80211_keys::eapol::{write_mic, MIC_OFFSET};
/// // iwd's WPA2-PSK handshake (unit/test-eapol.c eapol_4way_test): PSK, addresses, nonces,
/// // frames.
/// # use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
/// # let psk = Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
/// # let aa: MacAddr = "24:a2:e1:ec:17:04".parse()?;
/// # let spa: MacAddr = "a0:a8:cd:1c:7e:c9".parse()?;
/// # let anonce: Nonce =
/// #     "c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50".parse()?;
/// # let snonce: Nonce =
/// #     "3289e91565094f329a9cd54a4a090d2cf4344683bf50efee3608b64856800e84".parse()?;
/// # let pmk = Pmk::from_psk(&psk);
/// # let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())?;
/// # let ptk = Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce })?;
/// # let msg2 = hex::decode(concat!(
/// #     "0103007502010a000000000000000000003289e91565094f329a9cd54a4a090d2cf4344683bf50ef",
/// #     "ee3608b64856800e8400000000000000000000000000000000000000000000000000000000000000",
/// #     "0001c31b82ff62a379b08dd1fc82c2f768001630140100000fac040100000fac040100000fac0200",
/// #     "00",
/// # )).unwrap();
///
/// // The supplicant builds message 2/4 with a zero MIC field, then writes the MIC into it.
/// let mut frame = msg2.clone();
/// frame[MIC_OFFSET..MIC_OFFSET + 16].fill(0);
/// write_mic(&suite, ptk.kck(), &mut frame)?;
/// assert_eq!(frame, msg2);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn write_mic(suite: &Suite, key: &impl MicKey, frame: &mut [u8]) -> Result<()> {
    let mic = compute_mic(suite, key, frame)?;
    let len = frame.len();
    frame
        .get_mut(MIC_OFFSET..MIC_OFFSET + mic.len())
        .ok_or(Error::BufferSize { needed: MIC_OFFSET + mic.len(), len })?
        .copy_from_slice(mic.as_bytes());
    Ok(())
}

/// Multi-PSK identification: which of `candidates` the station used, from its message 2/4.
///
/// An access point that gives each station (or group of stations) its own passphrase learns
/// which one a station holds only from the station's message 2/4: for each candidate PMK it
/// derives the KCK of the PTK (`aa`, `spa`, `anonce` as sent in message 1/4, the SNonce and MIC
/// from `msg2`) and checks the MIC. Returns the index of the first candidate whose MIC verifies,
/// or `None`. A malformed frame, or a suite the frame or a candidate does not fit, is an error.
///
/// Only the KCK is derived, not the whole PTK: for AKM 2 one SHA-1 PRF block (5 compressions:
/// 2 for the HMAC key, 2 for the 100-octet message, 1 outer), then the HMAC-SHA1 MIC over the
/// frame (6 for a 121-octet message 2: 2 + 3 + 1). On x86-64 with AVX-512, for the AKMs whose
/// KCK comes from the SHA-1 PRF (1 and 2), sixteen candidates go through these compressions
/// side by side in vector registers (see the README for the speed); the result is the same.
/// Nothing is allocated; each KCK is wiped. The PMKs are not compared with each other: the time
/// taken tells only how many candidates were tried.
///
/// ```
/// use ieee80211_keys::{eapol::identify_pmk, Ssid};
/// // iwd's WPA2-PSK handshake (unit/test-eapol.c eapol_4way_test): PSK, addresses, nonces,
/// // frames.
/// # use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Suite};
/// # let psk = Psk::from_hex("bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9")?;
/// # let aa: MacAddr = "24:a2:e1:ec:17:04".parse()?;
/// # let spa: MacAddr = "a0:a8:cd:1c:7e:c9".parse()?;
/// # let anonce: Nonce =
/// #     "c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50".parse()?;
/// # let snonce: Nonce =
/// #     "3289e91565094f329a9cd54a4a090d2cf4344683bf50efee3608b64856800e84".parse()?;
/// # let pmk = Pmk::from_psk(&psk);
/// # let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())?;
/// # let ptk = Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce })?;
/// # let msg2 = hex::decode(concat!(
/// #     "0103007502010a000000000000000000003289e91565094f329a9cd54a4a090d2cf4344683bf50ef",
/// #     "ee3608b64856800e8400000000000000000000000000000000000000000000000000000000000000",
/// #     "0001c31b82ff62a379b08dd1fc82c2f768001630140100000fac040100000fac040100000fac0200",
/// #     "00",
/// # )).unwrap();
///
/// // An AP with one passphrase per station: which one did this station use?
/// let ssid = Ssid::new(b"TestWPA")?;
/// let candidates = [
///     Pmk::from_psk(&Psk::from_passphrase("not the passphrase", &ssid)?),
///     Pmk::from_psk(&Psk::from_passphrase("EasilyGuessedPassword", &ssid)?),
///     Pmk::from_psk(&Psk::from_passphrase("nor this one", &ssid)?),
/// ];
/// assert_eq!(identify_pmk(&suite, &aa, &spa, &anonce, &msg2, &candidates)?, Some(1));
/// assert_eq!(identify_pmk(&suite, &aa, &spa, &anonce, &msg2, &candidates[2..])?, None);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn identify_pmk(
    suite: &Suite,
    aa: &MacAddr,
    spa: &MacAddr,
    anonce: &Nonce,
    msg2: &[u8],
    candidates: &[Pmk],
) -> Result<Option<usize>> {
    let view = EapolKeyFrame::parse(suite, msg2)?;
    let pairwise = Pairwise { aa: *aa, spa: *spa, anonce: *anonce, snonce: view.nonce() };
    identify_in(&view, suite, &pairwise, candidates, Kck::first_verifying)
}

/// The first candidate that verifies `view`'s MIC, with `run` (the keys layer's identification,
/// or in the tests one on a chosen backend). No candidate: `None`, whatever the suite.
pub(crate) fn identify_in(
    view: &EapolKeyFrame<'_>,
    suite: &Suite,
    pairwise: &Pairwise,
    candidates: &[Pmk],
    run: impl FnOnce(&[Pmk], &Suite, &Pairwise, MicCheck<'_>) -> Result<Option<usize>>,
) -> Result<Option<usize>> {
    if candidates.is_empty() {
        return Ok(None);
    }
    // An FT or CCKM suite is refused as such before its frame's descriptor version.
    pairwise_kdf(suite)?;
    let alg = view.mic_algorithm(suite, suite.kck_len())?;
    let parts = view.mic_input();
    let check = MicCheck { alg, parts: &parts, received: view.mic_field() };
    run(candidates, suite, pairwise, check)
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use crate::suite::MicAlgorithm;

    fn hex(s: &str) -> std::vec::Vec<u8> {
        (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
    }

    mod identify {
        use super::*;
        use crate::crypto::lanes::Backend;
        use crate::frames::eapol::frame::NONCE_OFFSET;
        use crate::keys::ptk::Ptk;
        use crate::suite::{Akm, Cipher};
        use proptest::prelude::*;
        use std::vec::Vec;

        /// iwd's message 2/4 (unit/test-eapol.c eapol_4way_test, eapol_key_data_4) made into a
        /// frame of descriptor `version` with `extra` more octets of Key Data, its MIC keyed with
        /// the PTK of `pmk`.
        fn message2(
            (akm, cipher): (Akm, Cipher),
            version: u8,
            extra: &[u8],
            pmk: &Pmk,
            pairwise: &Pairwise,
        ) -> Vec<u8> {
            let v: serde_json::Value =
                serde_json::from_str(include_str!("../../../test-vectors/eapol.json")).unwrap();
            let frame = v["handshakes"][0]["frames"][1]["frame"].as_str().unwrap();
            let mut f = hex(frame.trim_start_matches("hex:"));
            f[6] = (f[6] & !7) | version;
            f[NONCE_OFFSET..NONCE_OFFSET + 32].copy_from_slice(pairwise.snonce.as_bytes());
            f.extend_from_slice(extra);
            let body = u16::from_be_bytes([f[2], f[3]]) + extra.len() as u16;
            f[2..4].copy_from_slice(&body.to_be_bytes());
            let at = MIC_OFFSET + 16;
            let data = u16::from_be_bytes([f[at], f[at + 1]]) + extra.len() as u16;
            f[at..at + 2].copy_from_slice(&data.to_be_bytes());
            let suite = Suite::new(akm, cipher, pmk.len()).unwrap();
            if let Ok(ptk) = Ptk::derive(pmk, &suite, pairwise) {
                // A version the AKM does not use leaves the MIC as it was (an error below).
                let _ = write_mic(&suite, ptk.kck(), &mut f);
            }
            f
        }

        fn pmk() -> impl Strategy<Value = Pmk> {
            (prop::sample::select(std::vec![32usize, 48, 64]), any::<[u8; 64]>())
                .prop_map(|(len, k)| Pmk::from_bytes(&k[..len]).unwrap())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(48))]

            /// The lanes (every backend) and the sequential loop give the same answer, the first
            /// candidate equal to the one that keyed the MIC: at the first or last position, at
            /// any other (in a full group, in a partial last group, in a last group too small
            /// for the lanes), twice, or nowhere; v1 (HMAC-MD5 with the lanes' KCKs) and v2
            /// (HMAC-SHA1 on the lanes) frames, short and long; and the same errors.
            #[test]
            fn lanes_and_sequential_agree(
                suite in prop::sample::select(std::vec![
                    (Akm::Psk, Cipher::Ccmp128, 2u8),
                    (Akm::Psk, Cipher::Tkip, 1u8),
                    (Akm::Ieee8021x, Cipher::Gcmp256, 2u8),
                    (Akm::Ieee8021x, Cipher::Tkip, 1u8),
                    // A version AKM 2 does not use: an error on both paths.
                    (Akm::Psk, Cipher::Ccmp128, 3u8),
                ]),
                mut pmks in prop::collection::vec(pmk(), 0..52),
                right in pmk(),
                place in 0usize..5,
                at in any::<prop::sample::Index>(),
                twice in any::<Option<prop::sample::Index>>(),
                extra in prop::collection::vec(any::<u8>(), 0..150),
                addrs in any::<([u8; 6], [u8; 6])>(),
                nonces in any::<([u8; 32], [u8; 32])>(),
            ) {
                let (akm, cipher, version) = suite;
                let (aa, spa) = (MacAddr::new(addrs.0), MacAddr::new(addrs.1));
                let (anonce, snonce) = (Nonce::new(nonces.0), Nonce::new(nonces.1));
                let n = pmks.len();
                match place {
                    0 => pmks.insert(0, right.clone()),
                    1 => pmks.push(right.clone()),
                    2 | 3 => pmks.insert(at.index(n + 1), right.clone()),
                    _ => {}
                }
                if let (Some(dup), true) = (twice, place < 4) {
                    let len = pmks.len();
                    pmks.insert(dup.index(len + 1), right.clone());
                }
                let pairwise = Pairwise { aa, spa, anonce, snonce };
                let msg2 = message2((akm, cipher), version, &extra, &right, &pairwise);
                // The candidates' lengths vary: the suite's lengths do not depend on them here.
                let suite = Suite::new(akm, cipher, 32).unwrap();
                let view = EapolKeyFrame::parse(&suite, &msg2).unwrap();
                let on = |backend: Option<Backend>| {
                    identify_in(&view, &suite, &pairwise, &pmks, |p, s, pw, c| {
                        Kck::first_verifying_on(backend, p, s, pw, c)
                    })
                };
                let want = on(None);
                if version == 3 && !pmks.is_empty() {
                    let refused = matches!(want, Err(Error::DescriptorVersion { .. }));
                    prop_assert!(refused);
                } else {
                    let first = pmks.iter().position(|p| p.as_bytes() == right.as_bytes());
                    prop_assert_eq!(want, Ok(first));
                }
                for backend in Backend::available() {
                    prop_assert_eq!(on(Some(backend)), want, "{:?}", backend);
                }
                prop_assert_eq!(identify_pmk(&suite, &aa, &spa, &anonce, &msg2, &pmks), want);
            }
        }

        /// Every candidate count around the group boundaries (16k - 1 to 16k + 3 for k = 1 to
        /// 3) with the right PMK at every position, and once more with a second copy of it
        /// later on: the lanes of every backend return exactly the index of the first copy
        /// (a wrong group offset or lane index would name another PMK).
        #[test]
        fn lanes_name_the_right_index_at_every_group_boundary() {
            use crate::crypto::lanes::LANES;
            let pairwise = Pairwise {
                aa: MacAddr::new([2, 0, 0, 0, 0, 1]),
                spa: MacAddr::new([2, 0, 0, 0, 0, 2]),
                anonce: Nonce::new([0x11; 32]),
                snonce: Nonce::new([0x22; 32]),
            };
            let pmks: Vec<Pmk> =
                (0..3 * LANES + 3).map(|i| Pmk::from_bytes(&[i as u8 + 1; 32]).unwrap()).collect();
            for (akm, cipher, version) in
                [(Akm::Psk, Cipher::Ccmp128, 2u8), (Akm::Ieee8021x, Cipher::Tkip, 1u8)]
            {
                let right = Pmk::from_bytes(&[0xee; 32]).unwrap();
                let msg2 = message2((akm, cipher), version, &[], &right, &pairwise);
                let suite = Suite::new(akm, cipher, 32).unwrap();
                let view = EapolKeyFrame::parse(&suite, &msg2).unwrap();
                for backend in Backend::available() {
                    let on = |list: &[Pmk]| {
                        identify_in(&view, &suite, &pairwise, list, |p, s, pw, c| {
                            Kck::first_verifying_on(Some(backend), p, s, pw, c)
                        })
                    };
                    for k in 1..=3 {
                        for n in k * LANES - 1..=k * LANES + 3 {
                            let mut list = pmks[..n].to_vec();
                            for at in 0..n {
                                list[at] = right.clone();
                                assert_eq!(on(&list), Ok(Some(at)), "{backend:?} {n} {at}");
                                if at + 1 < n {
                                    let later = n - 1 - (at * 7) % (n - at - 1).max(1);
                                    let keep = core::mem::replace(&mut list[later], right.clone());
                                    let got = on(&list);
                                    assert_eq!(got, Ok(Some(at)), "{backend:?} {n} {at} {later}");
                                    list[later] = keep;
                                }
                                list[at] = pmks[at].clone();
                            }
                            assert_eq!(on(&list), Ok(None), "{backend:?} {n}");
                        }
                    }
                }
            }
        }

        /// The lanes keep the sequential errors and answers: the FT and CCKM AKMs are refused on
        /// every backend as without one, TKIP with an AKM that excludes it has no suite, and an
        /// AKM whose KCK is not from the SHA-1 PRF runs sequentially on every backend.
        #[test]
        fn lanes_keep_the_sequential_errors() {
            let pairwise = Pairwise {
                aa: MacAddr::new([2; 6]),
                spa: MacAddr::new([4; 6]),
                anonce: Nonce::new([6; 32]),
                snonce: Nonce::new([8; 32]),
            };
            let pmks = [Pmk::from_bytes(&[1; 32]).unwrap()];
            let check =
                MicCheck { alg: MicAlgorithm::AesCmac, parts: &[b"frame"], received: &[1; 16] };
            assert_eq!(
                Suite::new(Akm::PskSha256, Cipher::Tkip, 32),
                Err(Error::UnsupportedCombination { akm: Akm::PskSha256, cipher: Cipher::Tkip })
            );
            for (akm, cipher) in [
                (Akm::FtPsk, Cipher::Ccmp128),
                (Akm::Cckm, Cipher::Ccmp128),
                (Akm::PskSha256, Cipher::Ccmp128),
            ] {
                let suite = Suite::new(akm, cipher, 32).unwrap();
                let single = Kck::first_verifying_on(None, &pmks, &suite, &pairwise, check);
                if akm != Akm::PskSha256 {
                    assert!(matches!(single, Err(Error::NotForAkm { .. })), "{akm:?}");
                } else {
                    assert_eq!(single, Ok(None));
                }
                for b in Backend::available() {
                    let got = Kck::first_verifying_on(Some(b), &pmks, &suite, &pairwise, check);
                    assert_eq!(got, single, "{akm:?} {b:?}");
                }
            }
        }
    }
}
