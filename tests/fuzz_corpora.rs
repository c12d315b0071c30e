//! Replays the committed fuzz corpora on stable: every file of `fuzz/corpus/<target>/` and
//! `fuzz/regressions/<target>/` goes through the same harness function as the cargo-fuzz target
//! (`fuzz/harness/`), so CI without nightly still runs them.
//!
//! `cargo test --test fuzz_corpora -- --ignored write_seed_corpora` rewrites the seed corpora
//! from the published vectors in `test-vectors/`.

// Both include the one file of suites the harness and the tests share.
#[allow(clippy::duplicate_mod)]
mod common;
#[allow(dead_code)]
#[path = "../fuzz/harness/mod.rs"]
mod harness;

use std::fs;
use std::path::{Path, PathBuf};

use harness::input::Rest;
use ieee80211_keys::cckm::{
    BaseKeys, GroupKey, Protocol, ReassocRequest, ReassocResponse, RekeyNumber,
};
use ieee80211_keys::ft::{self, FteMicInput, PmkR0, XxKey};
use ieee80211_keys::Pairwise;
use ieee80211_keys::Suite;
use ieee80211_keys::{
    eapol, Akm, Cipher, Gtk, MacAddr, MobilityDomainId, Pmk, Psk, Ptk, R0khId, Ssid,
};

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.expect("directory entry").path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

#[test]
fn every_target_has_a_fuzz_target_file() {
    for (name, _) in harness::TARGETS {
        let target = fuzz_dir().join("fuzz_targets").join(format!("{name}.rs"));
        let text =
            fs::read_to_string(&target).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        assert!(
            text.contains(&format!("harness::{name}(data)")),
            "{} calls another harness",
            target.display()
        );
    }
    let listed = fs::read_dir(fuzz_dir().join("fuzz_targets")).unwrap().count();
    assert_eq!(listed, harness::TARGETS.len(), "a fuzz target missing from harness::TARGETS");
}

#[test]
fn replay_corpora_and_regressions() {
    let mut failures = Vec::new();
    for (name, run) in harness::TARGETS {
        let corpus = files(&fuzz_dir().join("corpus").join(name));
        assert!(!corpus.is_empty(), "no seed corpus for {name}: run write_seed_corpora");
        let regressions = files(&fuzz_dir().join("regressions").join(name));
        for file in corpus.iter().chain(&regressions) {
            let data = fs::read(file).unwrap();
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                failures.push(format!("{name}: {}", file.display()));
            }
        }
    }
    assert!(failures.is_empty(), "inputs that fail:\n{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Seed corpora from the published vectors.

/// Writes `fuzz/corpus/<target>/seed-<n>`, replacing earlier seeds of that target.
fn write(target: &str, seeds: &[Vec<u8>]) {
    let dir = fuzz_dir().join("corpus").join(target);
    fs::create_dir_all(&dir).unwrap();
    for old in files(&dir) {
        if old.file_name().unwrap().to_string_lossy().starts_with("seed-") {
            fs::remove_file(old).unwrap();
        }
    }
    for (n, seed) in seeds.iter().enumerate() {
        fs::write(dir.join(format!("seed-{n:03}")), seed).unwrap();
    }
}

/// A published EAPOL-Key frame: its AKM, the KCK and KEK of its handshake (the KEK empty when
/// not known), the frame.
type PublishedFrame = (Akm, Vec<u8>, Vec<u8>, Vec<u8>);

fn eapol_frames() -> Vec<PublishedFrame> {
    use common::*;
    let mut out = Vec::new();
    for v in vectors("eapol.json", "single_frame_mics") {
        out.push((akm(n(&v, "akm")), hx(s(&v, "kck")), Vec::new(), bytes(s(&v, "frame"))));
    }
    for h in vectors("eapol.json", "handshakes") {
        let (akm, cipher) = (akm(n(&h, "akm")), cipher(n(&h, "cipher")));
        let (kck, kek) = if h["kck"].is_string() {
            (hx(s(&h, "kck")), hx(s(&h, "kek")))
        } else {
            let psk = Psk::from_hex(s(&h, "psk")).unwrap();
            let ptk = Suite::new(akm, cipher, Pmk::len(&Pmk::from_psk(&psk)))
                .and_then(|suite| {
                    Ptk::derive(
                        &Pmk::from_psk(&psk),
                        &suite,
                        &Pairwise {
                            aa: mac(s(&h, "aa")),
                            spa: mac(s(&h, "spa")),
                            anonce: nonce(s(&h, "anonce")),
                            snonce: nonce(s(&h, "snonce")),
                        },
                    )
                })
                .unwrap();
            (ptk.kck().as_bytes().to_vec(), ptk.kek().as_bytes().to_vec())
        };
        for f in h["frames"].as_array().unwrap() {
            out.push((akm, kck.clone(), kek.clone(), bytes(s(f, "frame"))));
        }
    }
    let ft = vectors("ft.json", "vectors").remove(0);
    let kck = hx(ft["intermediate"]["kck"].as_str().unwrap());
    for m in ft["eapol_mics"].as_array().unwrap() {
        out.push((akm(n(&ft, "akm")), kck.clone(), Vec::new(), hx(s(m, "frame"))));
    }
    out
}

#[test]
#[ignore = "writes fuzz/corpus; run by hand after changing the harness input formats"]
fn write_seed_corpora() {
    use common::*;
    use harness::{cckm as c, derive as d, eapol as e, ft as f, values as v};

    let frames = eapol_frames();
    write(
        "eapol_frame",
        &frames
            .iter()
            .flat_map(|(akm, kck, kek, frame)| {
                let key_for = |key: &[u8]| {
                    e::EapolFrameInput {
                        akm: *akm,
                        key,
                        mic_len: akm.mic_len() as u8,
                        frame: Rest(frame),
                    }
                    .to_bytes()
                };
                let mut seeds = vec![key_for(kck)];
                if !kek.is_empty() {
                    seeds.push(key_for(kek));
                }
                seeds
            })
            .collect::<Vec<_>>(),
    );

    // Key Data: the published frames' encrypted Key Data, and RFC 3394's wrapped keys.
    let mut key_data = Vec::new();
    let mut plain = Vec::new();
    for (akm, _, kek, frame) in &frames {
        let Ok(view) = eapol::EapolKeyFrame::parse(&suite_of(*akm), frame) else {
            continue;
        };
        if kek.is_empty() || view.key_data().is_empty() {
            continue;
        }
        let version = view.key_info().descriptor_version();
        key_data.push(
            e::KeyDataInput {
                akm: *akm,
                version,
                kek,
                iv: view.iv(),
                out_len: 512,
                data: Rest(view.key_data()),
            }
            .to_bytes(),
        );
        if view.key_info().encrypted_key_data() {
            let k = ieee80211_keys::Kek::from_bytes(kek).unwrap();
            let mut buf = vec![0u8; view.key_data().len()];
            if let Ok(p) = view.unwrap_key_data(&suite_of(*akm), &k, &mut buf) {
                plain.push(p.to_vec());
            }
        } else {
            plain.push(view.key_data().to_vec());
        }
    }
    for w in vectors("eapol.json", "aes_key_wrap") {
        let (kek, ct) = (hx(s(&w, "kek")), hx(s(&w, "ciphertext")));
        let akm = if kek.len() == 32 { Akm::SuiteB192 } else { Akm::Psk };
        let version = akm.descriptor_version(Cipher::Ccmp128);
        key_data.push(
            e::KeyDataInput { akm, version, kek: &kek, iv: [0; 16], out_len: 64, data: Rest(&ct) }
                .to_bytes(),
        );
    }
    write("eapol_key_data", &key_data);
    write(
        "kdes",
        &plain.iter().map(|p| e::KdesInput { key_data: Rest(p) }.to_bytes()).collect::<Vec<_>>(),
    );

    // Identification: every published frame, re-signed by a candidate in the first group (with
    // a duplicate after it), by one in a short last group, or by none.
    let mut identify = Vec::new();
    for (akm, _, _, frame) in &frames {
        for (count, signer) in [(20, 5 | 0x80), (35, 33), (16, 0x7f)] {
            identify.push(
                e::IdentifyInput {
                    akm: *akm,
                    cipher: Cipher::Ccmp128,
                    aa: [0x02, 0, 0, 0, 0, 1],
                    spa: [0x02, 0, 0, 0, 0, 2],
                    anonce: [0x11; 32],
                    seed: *b"multipsk",
                    count,
                    pmk_len: 0,
                    signer,
                    frame: Rest(frame),
                }
                .to_bytes(),
            );
        }
    }
    write("identify", &identify);

    // FT: the published FT-PSK inputs through a whole roam, and the FTE its MIC protects.
    let ftv = vectors("ft.json", "vectors").remove(0);
    let (sta, ap) = (mac(s(&ftv, "sta_addr")), mac(s(&ftv, "bssid")));
    let (anonce, snonce) = (nonce(s(&ftv, "anonce")), nonce(s(&ftv, "snonce")));
    let mdid: [u8; 2] = hx(s(&ftv, "mdid")).try_into().unwrap();
    let (ssid, r0kh) = (bytes(s(&ftv, "ssid")), bytes(s(&ftv, "r0kh_id")));
    let psk = hx(s(&ftv, "psk"));
    let mut ft_seeds = Vec::new();
    for (akm, source, key) in [
        (Akm::FtPsk, 1u8, psk.clone()),
        (Akm::FtPskSha384, 1, psk.clone()),
        (Akm::FtIeee8021x, 0, [psk.clone(), psk.clone()].concat()),
        (Akm::FtSae, 2, psk.clone()),
        (Akm::FtIeee8021xSha384, 0, [psk.clone(), psk[..16].to_vec()].concat()),
    ] {
        ft_seeds.push(
            f::FtInput {
                akm,
                source,
                key: &key,
                ssid: &ssid,
                mdid,
                r0kh_id: &r0kh,
                s0kh_id: *sta.as_bytes(),
                r1kh_id: *ap.as_bytes(),
                s1kh_id: *sta.as_bytes(),
                cipher: Cipher::Ccmp128,
                snonce: *snonce.as_bytes(),
                anonce: *anonce.as_bytes(),
                bssid: *ap.as_bytes(),
                sta: *sta.as_bytes(),
                rest: Rest(&[]),
            }
            .to_bytes(),
        );
    }
    write("derive_ft", &ft_seeds);

    let rsne =
        [0x30, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 0, 0];
    let mde = hx(s(&ftv, "mde"));
    let mut fte_seeds = Vec::new();
    for akm in [Akm::FtPsk, Akm::FtPskSha384] {
        let xx = XxKey::from_psk(akm, &Psk::from_bytes(&psk).unwrap()).unwrap();
        let r0 = PmkR0::derive(
            akm,
            &xx,
            &Ssid::new(&ssid).unwrap(),
            MobilityDomainId::new(mdid),
            &R0khId::new(&r0kh).unwrap(),
            &sta,
        )
        .unwrap();
        let ptk = r0
            .derive_r1(&ap, &sta)
            .unwrap()
            .derive_ptk(Cipher::Ccmp128, &Pairwise { aa: ap, spa: sta, anonce, snonce })
            .unwrap();
        let mic_len = akm.fte_mic_algorithm().unwrap().mic_len();
        let mut fte = vec![55, 0, 0, 3];
        fte.extend(vec![0; mic_len]);
        fte.extend_from_slice(anonce.as_bytes());
        fte.extend_from_slice(snonce.as_bytes());
        fte.extend_from_slice(&[1, 6]);
        fte.extend_from_slice(ap.as_bytes());
        fte.extend_from_slice(&[3, r0kh.len() as u8]);
        fte.extend_from_slice(&r0kh);
        fte[1] = (fte.len() - 2) as u8;
        let input = FteMicInput {
            sta_addr: &sta,
            bssid: &ap,
            transaction_seq: 5,
            rsne: &rsne,
            mde: &mde,
            fte: &fte,
            ric: None,
            rsnxe: None,
        };
        let mic = ft::fte_mic(&suite_of(akm), ptk.kck(), &input).unwrap();
        ft::write_fte_mic(&suite_of(akm), &mut fte, &mic).unwrap();
        for (ric, rsnxe) in [(None, None), (Some(&[221u8, 1, 0][..]), Some(&[244u8, 1, 0x20][..]))]
        {
            fte_seeds.push(
                f::FteInput {
                    akm,
                    kck: ptk.kck().as_bytes(),
                    sta: *sta.as_bytes(),
                    bssid: *ap.as_bytes(),
                    seq: 5,
                    rsne: &rsne,
                    mde: &mde,
                    ric,
                    rsnxe,
                    fte: Rest(&fte),
                }
                .to_bytes(),
            );
        }
    }
    write("fte", &fte_seeds);

    // CCKM: a two-party roam under both protocols with the published FT-PSK nonces and
    // addresses (CCKM has no published vector).
    let nsk = Pmk::from_bytes(&psk).unwrap();
    let base = BaseKeys::derive(&nsk, &Pairwise { aa: ap, spa: sta, anonce, snonce }).unwrap();
    let mut requests = Vec::new();
    let mut responses = Vec::new();
    let mut derivations = Vec::new();
    for (protocol, pairwise, gtk_len) in
        [(Protocol::Rsn, Cipher::Ccmp128, 16), (Protocol::Wpa, Cipher::Tkip, 32)]
    {
        let rn = RekeyNumber::new(2);
        let req =
            ReassocRequest::build(protocol, base.krk(), &sta, &ap, &rsne, 1_000_000, rn).unwrap();
        requests.push(
            c::RequestInput {
                protocol,
                krk: base.krk().as_bytes(),
                sta: *sta.as_bytes(),
                bssid: *ap.as_bytes(),
                sta_rsne: &rsne,
                ap_tsf: 1_000_100,
                tolerance: 1_000_000,
                last_rn: 1,
                element: Rest(&req.to_bytes()),
            }
            .to_bytes(),
        );
        let ptk = base.btk().ptk(rn, &ap, pairwise).unwrap();
        let ptk_bytes = [ptk.kck().as_bytes(), ptk.kek().as_bytes(), ptk.tk().as_bytes()].concat();
        let gtk_bytes = vec![0x42; gtk_len];
        let gtk = Gtk::from_bytes(&gtk_bytes).unwrap();
        let mut out = [0u8; 257];
        let group = GroupKey { gtk: &gtk, key_id: 1, rsc: [1, 0, 0, 0, 0, 0, 0, 0] };
        let len =
            ReassocResponse::build(protocol, &ptk, &sta, &rsne, rn, &group, &mut out).unwrap();
        let group_cipher = if gtk_len == 16 { Cipher::Ccmp128 } else { Cipher::Tkip };
        responses.push(
            c::ResponseInput {
                protocol,
                ptk_akm: Akm::Cckm,
                pairwise,
                ptk: &ptk_bytes,
                sta: *sta.as_bytes(),
                ap_rsne: &rsne,
                expected_rn: 2,
                group_cipher,
                gtk: &gtk_bytes,
                key_id: 1,
                rsc: [1, 0, 0, 0, 0, 0, 0, 0],
                out_len: 257,
                element: Rest(&out[..len]),
            }
            .to_bytes(),
        );
        derivations.push(
            c::CckmDeriveInput {
                nsk: &psk,
                bssid: *ap.as_bytes(),
                sta: *sta.as_bytes(),
                snonce: *snonce.as_bytes(),
                anonce: *anonce.as_bytes(),
                rn: 2,
                new_bssid: *ap.as_bytes(),
                cipher: pairwise,
                rest: Rest(&[]),
            }
            .to_bytes(),
        );
    }
    write("cckm_request", &requests);
    write("cckm_response", &responses);
    write("derive_cckm", &derivations);

    // Selectors: every suite's, the WPA ones, and a few header octets.
    let mut sels: Vec<Vec<u8>> = Akm::ALL
        .iter()
        .map(|a| a.selector().to_vec())
        .chain(Cipher::ALL.iter().map(|c| c.selector().to_vec()))
        .chain([
            vec![0, 0x50, 0xf2, 1],
            vec![0, 0x50, 0xf2, 2],
            vec![0, 0x50, 0xf2, 4],
            vec![0, 0x0f, 0xac, 7],
        ])
        .collect();
    sels.push(Vec::new());
    write(
        "selectors",
        &sels
            .iter()
            .enumerate()
            .map(|(n, sel)| {
                v::SelectorInput {
                    version: (n % 4) as u8,
                    key_info: 0x010a,
                    descriptor_type: 2,
                    gtk_len: 16,
                    egtk_len: 24,
                    selector: Rest(sel),
                }
                .to_bytes()
            })
            .collect::<Vec<_>>(),
    );

    // Secrets and values: the published passphrases, PSKs, PMKs, addresses, MACs as text.
    let mut secrets = Vec::new();
    for p in vectors("psk.json", "psk") {
        let ssid = bytes(s(&p, "ssid"));
        secrets.push(
            v::SecretInput { op: 0, ssid: &ssid, bytes: Rest(s(&p, "passphrase").as_bytes()) }
                .to_bytes(),
        );
        secrets.push(
            v::SecretInput { op: 1, ssid: &ssid, bytes: Rest(s(&p, "psk").as_bytes()) }.to_bytes(),
        );
        secrets
            .push(v::SecretInput { op: 1, ssid: &ssid, bytes: Rest(&hx(s(&p, "psk"))) }.to_bytes());
    }
    for t in vectors("ptk.json", "vectors") {
        let ptk = [hx(s(&t, "kck")), hx(s(&t, "kek")), hx(s(&t, "tk"))].concat();
        let op = Akm::ALL.iter().position(|a| *a == akm(n(&t, "akm"))).unwrap() as u8
            + 16 * Cipher::ALL.iter().position(|c| *c == cipher(n(&t, "cipher"))).unwrap() as u8;
        secrets.push(v::SecretInput { op, ssid: &[], bytes: Rest(&ptk) }.to_bytes());
        secrets.push(
            v::SecretInput { op: 3, ssid: &[], bytes: Rest(s(&t, "aa").as_bytes()) }.to_bytes(),
        );
        secrets.push(
            v::SecretInput {
                op: 3,
                ssid: &[],
                bytes: Rest(MacAddr::from_slice(&hx(s(&t, "spa"))).unwrap().to_string().as_bytes()),
            }
            .to_bytes(),
        );
    }
    write("secrets", &secrets);

    // Pairwise derivations: the published PTK inputs (Annex J.7, J.13, hostap's).
    let mut pairwise = Vec::new();
    for t in vectors("ptk.json", "vectors") {
        let pmk = hx(s(&t, "pmk"));
        pairwise.push(
            d::PairwiseInput {
                akm: akm(n(&t, "akm")),
                cipher: cipher(n(&t, "cipher")),
                pmk: &pmk,
                aa: hx(s(&t, "aa")).try_into().unwrap(),
                spa: hx(s(&t, "spa")).try_into().unwrap(),
                anonce: hx(s(&t, "anonce")).try_into().unwrap(),
                snonce: hx(s(&t, "snonce")).try_into().unwrap(),
                kdk_len: t["kdk_len"].as_u64().unwrap_or(0),
                msk: &[pmk.clone(), pmk.clone()].concat()[..64],
                gmk: &pmk,
                group_cipher: Cipher::Ccmp128,
                gnonce: [0x5a; 32],
                rest: Rest(&[]),
            }
            .to_bytes(),
        );
    }
    for p in vectors("pmkid.json", "vectors") {
        let pmk = match p["pmk"].as_str() {
            Some(pmk) => hx(pmk),
            None => {
                let ssid = Ssid::new(&bytes(s(&p, "ssid"))).unwrap();
                Psk::from_passphrase(s(&p, "passphrase"), &ssid).unwrap().as_bytes().to_vec()
            }
        };
        pairwise.push(
            d::PairwiseInput {
                akm: akm(n(&p, "akm")),
                cipher: Cipher::Ccmp128,
                pmk: &pmk,
                aa: hx(s(&p, "aa")).try_into().unwrap(),
                spa: hx(s(&p, "spa")).try_into().unwrap(),
                anonce: [1; 32],
                snonce: [2; 32],
                kdk_len: 0,
                msk: &[],
                gmk: &[],
                group_cipher: Cipher::Tkip,
                gnonce: [0; 32],
                rest: Rest(&[]),
            }
            .to_bytes(),
        );
    }
    write("derive_pairwise", &pairwise);

    // PRF and KDF: the published vectors (the data as one piece).
    let mut prfs = Vec::new();
    for t in vectors("prf_sha1.json", "vectors") {
        let (key, label, data) =
            (bytes(s(&t, "key")), s(&t, "label").as_bytes().to_vec(), bytes(s(&t, "data")));
        let len = (n(&t, "bits") / 8) as u16;
        prfs.push(
            d::PrfInput {
                which: 0,
                key: &key,
                label: &label,
                out_len: len,
                bits: 0,
                pieces: 0,
                data: Rest(&data),
            }
            .to_bytes(),
        );
    }
    for t in vectors("kdf.json", "vectors") {
        let (key, label, data) =
            (bytes(s(&t, "key")), s(&t, "label").as_bytes().to_vec(), bytes(s(&t, "context")));
        let bits = n(&t, "bits") as u16;
        let which = if s(&t, "hash") == "sha384" { 3 } else { 2 };
        prfs.push(
            d::PrfInput {
                which,
                key: &key,
                label: &label,
                out_len: bits / 8,
                bits,
                pieces: 1,
                data: Rest(&data),
            }
            .to_bytes(),
        );
        prfs.push(
            d::PrfInput {
                which: 4,
                key: &key,
                label: &label,
                out_len: 0,
                bits,
                pieces: 1,
                data: Rest(&data),
            }
            .to_bytes(),
        );
    }
    write("prf_kdf", &prfs);

    let mut pb = Vec::new();
    for t in vectors("psk.json", "pbkdf2_hmac_sha1") {
        let iterations = n(&t, "iterations");
        if iterations > 255 {
            continue;
        }
        let (password, salt) = (bytes(s(&t, "password")), bytes(s(&t, "salt")));
        let out_len = hx(s(&t, "output")).len() as u8;
        pb.push(
            d::Pbkdf2Input {
                iterations: iterations as u8,
                out_len,
                password: &password,
                salt: Rest(&salt),
            }
            .to_bytes(),
        );
    }
    pb.push(
        d::Pbkdf2Input {
            iterations: 3,
            out_len: 50,
            password: &[0x61; 100],
            salt: Rest(b"long password"),
        }
        .to_bytes(),
    );
    write("pbkdf2_diff", &pb);

    // OWE: the published vector's public values as elements and bare values, and scalars of
    // every group (a leading zero octet keeps them below P-521's order).
    let mut owe_seeds = Vec::new();
    for v in load("owe.json")["vectors"].as_array().unwrap() {
        for (i, key) in ["client_public", "ap_public"].into_iter().enumerate() {
            let x = hx(s(v, key));
            let mut element = vec![255, 3 + x.len() as u8, 32];
            element.extend_from_slice(&(n(v, "group") as u16).to_le_bytes());
            element.extend_from_slice(&x);
            let private = hx(s(v, "client_private"));
            for bytes in [&element[..], &x[..]] {
                owe_seeds.push(
                    harness::owe::OweInput {
                        group: 0,
                        scalar1: &private,
                        scalar2: &[i as u8 + 2; 32],
                        bytes: Rest(bytes),
                    }
                    .to_bytes(),
                );
            }
        }
    }
    for (g, group) in ieee80211_keys::owe::Group::ALL.into_iter().enumerate() {
        let len = group.prime_len();
        let scalar = |k: u8| [vec![0u8], vec![k; len - 1]].concat();
        let peer = ieee80211_keys::owe::OweKeyPair::from_private_bytes(group, &scalar(9)).unwrap();
        let element =
            [&[255, 3 + len as u8, 32, group.id() as u8, 0][..], peer.public_key().as_bytes()]
                .concat();
        owe_seeds.push(
            harness::owe::OweInput {
                group: g as u8,
                scalar1: &scalar(3),
                scalar2: &scalar(5),
                bytes: Rest(&element),
            }
            .to_bytes(),
        );
    }
    write("owe", &owe_seeds);
    // SAE: the published commits and confirms (with their Authentication frame fields, and
    // bare), frames with every optional part, and the peer commits to process for each group.
    sae_seeds();

    // Every seed must run clean.
    for (name, run) in harness::TARGETS {
        for file in files(&fuzz_dir().join("corpus").join(name)) {
            run(&fs::read(file).unwrap());
        }
    }
}

/// The seeds of the frames layer's targets (`rsne`, `kde_typed`, `ft_elements`, `eapol_key`):
/// every published EAPOL-Key frame with its suite and keys, the elements and KDEs of its Key
/// Data, and elements built with every field and subelement.
#[test]
#[ignore = "writes fuzz/corpus; run by hand after changing the harness input formats"]
fn write_frames_seed_corpora() {
    use common::*;
    use harness::frames as fr;
    use ieee80211_keys::eapol_key::Received;
    use ieee80211_keys::ft_elements::{FteBuilder, Mde, TimeoutInterval};
    use ieee80211_keys::kde::{KdeWriter, TransitionDisable};
    use ieee80211_keys::oci::Oci;
    use ieee80211_keys::rsne::{RsnCapabilities, Rsne, Rsnxe, Selector};
    use ieee80211_keys::{Bigtk, Igtk, Kck, Kek, Nonce, PmkId};

    let (mut frames, mut elements, mut key_datas, mut ft) = (vec![], vec![], vec![], vec![]);
    for h in vectors("eapol.json", "handshakes") {
        let (akm, cipher) = (akm(n(&h, "akm")), cipher(n(&h, "cipher")));
        let (kck, kek) = if h["kck"].is_string() {
            (hx(s(&h, "kck")), hx(s(&h, "kek")))
        } else {
            let pmk = Pmk::from_psk(&Psk::from_hex(s(&h, "psk")).unwrap());
            let pairwise = Pairwise {
                aa: mac(s(&h, "aa")),
                spa: mac(s(&h, "spa")),
                anonce: nonce(s(&h, "anonce")),
                snonce: nonce(s(&h, "snonce")),
            };
            let suite = Suite::new(akm, cipher, pmk.len()).unwrap();
            let ptk = Ptk::derive(&pmk, &suite, &pairwise).unwrap();
            (ptk.kck().as_bytes().to_vec(), ptk.kek().as_bytes().to_vec())
        };
        let suite = Suite::new(akm, cipher, akm.pmk_len()).unwrap();
        for f in h["frames"].as_array().unwrap() {
            let frame = bytes(s(f, "frame"));
            frames.push(
                fr::EapolKeyInput { akm, cipher, kck: &kck, kek: &kek, frame: Rest(&frame) }
                    .to_bytes(),
            );
            let got = Received::parse(&suite, &frame).unwrap();
            let mut plain = [0u8; 512];
            let kd = got.key_data(&Kek::from_bytes(&kek).unwrap(), &mut plain).unwrap();
            key_datas.push(fr::KdeInput { key_data: Rest(kd) }.to_bytes());
            for item in eapol::Kdes::new(kd).flatten() {
                let whole = match item {
                    eapol::KeyDataItem::Element { id, body } => {
                        [&[id, body.len() as u8][..], body].concat()
                    }
                    eapol::KeyDataItem::Kde { oui, data_type, data } => {
                        [&[0xdd, data.len() as u8 + 4][..], &oui, &[data_type], data].concat()
                    }
                };
                elements.push(fr::ElementInput { element: Rest(&whole) }.to_bytes());
                ft.push(
                    fr::FtElementsInput { akm: Akm::FtPsk, kek: &kek, element: Rest(&whole) }
                        .to_bytes(),
                );
            }
        }
    }
    // Built elements: an RSNE with every field, a WPA element, an RSNXE.
    let (p, a) = ([Selector::from(Cipher::Ccmp128)], [Selector::from(Akm::Sae)]);
    let ids = [PmkId::new([1; 16])];
    let mut out = [0u8; 300];
    let rsne = Rsne::new(Cipher::Ccmp128.into(), &p, &a)
        .with_capabilities(RsnCapabilities::from_bits(0x40c0))
        .with_pmkids(&ids)
        .with_group_management_cipher(Selector::BIP_CMAC_128);
    let mut full = [0u8; 64];
    let full_len = rsne.write(&mut full).unwrap();
    elements.push(fr::ElementInput { element: Rest(&full[..full_len]) }.to_bytes());
    let (wp, wa) = ([Selector::WPA_PSK_OR_TKIP], [Selector::WPA_PSK_OR_TKIP]);
    let n = Rsne::new_wpa(Selector::WPA_PSK_OR_TKIP, &wp, &wa).write(&mut out).unwrap();
    elements.push(fr::ElementInput { element: Rest(&out[..n]) }.to_bytes());
    let n = Rsnxe::write(&[Rsnxe::SAE_H2E, Rsnxe::SECURE_LTF], &mut out).unwrap();
    elements.push(fr::ElementInput { element: Rest(&out[..n]) }.to_bytes());
    write("rsne", &elements);

    // Every KDE.
    let (gtk, igtk, bigtk) = (
        Gtk::from_bytes(&[1; 16]).unwrap(),
        Igtk::from_bytes(&[2; 16]).unwrap(),
        Bigtk::from_bytes(&[3; 32]).unwrap(),
    );
    let m = MacAddr::new([2, 0, 0, 0, 0, 1]);
    let mut kd = [0u8; 400];
    let mut w = KdeWriter::new(&mut kd);
    w.gtk(1, true, &gtk).unwrap();
    w.igtk(4, [1; 6], &igtk).unwrap().bigtk(7, [2; 6], &bigtk).unwrap();
    w.pmkid(&ids[0]).unwrap().mac_address(&m).unwrap().key_id(1).unwrap();
    w.oci(&Oci::new(81, 6, 0)).unwrap().lifetime(3600).unwrap();
    w.transition_disable(TransitionDisable(1)).unwrap();
    w.mlo_link(2, &m, Some(&full[..full_len]), Some(&out[..n])).unwrap();
    w.mlo_gtk(2, 1, false, [3; 6], &gtk).unwrap();
    w.mlo_igtk(2, 5, [4; 6], &igtk).unwrap().mlo_bigtk(2, 6, [5; 6], &bigtk).unwrap();
    let len = w.len();
    key_datas.push(fr::KdeInput { key_data: Rest(&kd[..len]) }.to_bytes());
    write("kde_typed", &key_datas);

    // MDE, TIE, OCI element, FTEs with every subelement in both MIC layouts.
    let mut e = [0u8; 300];
    let n =
        Mde { mdid: MobilityDomainId::new([0x12, 0x34]), ft_capability: 1 }.write(&mut e).unwrap();
    ft.push(fr::FtElementsInput { akm: Akm::FtPsk, kek: &[], element: Rest(&e[..n]) }.to_bytes());
    let n = TimeoutInterval { interval_type: 2, value: 3600 }.write(&mut e).unwrap();
    ft.push(fr::FtElementsInput { akm: Akm::FtPsk, kek: &[], element: Rest(&e[..n]) }.to_bytes());
    let n = Oci::new(128, 36, 0).write_element(&mut e).unwrap();
    ft.push(fr::FtElementsInput { akm: Akm::FtPsk, kek: &[], element: Rest(&e[..n]) }.to_bytes());
    let (an, sn) = (Nonce::new([6; 32]), Nonce::new([7; 32]));
    let r0 = R0khId::new(b"r0kh.example").unwrap();
    for (akm, kek_len) in [(Akm::FtPsk, 16), (Akm::FtIeee8021xSha384, 32)] {
        let kek = Kek::from_bytes(&vec![8; kek_len]).unwrap();
        let suite = Suite::new(akm, Cipher::Ccmp128, akm.pmk_len()).unwrap();
        let n = FteBuilder::new(&suite, &an, &sn)
            .unwrap()
            .element_count(3)
            .r1kh_id(&m)
            .r0kh_id(&r0)
            .gtk(&kek, 1, [0; 8], &gtk)
            .igtk(&kek, 4, [0; 6], &igtk)
            .bigtk(&kek, 6, [0; 6], &bigtk)
            .oci(Oci::new(81, 1, 0))
            .write(&mut e)
            .unwrap();
        ft.push(
            fr::FtElementsInput { akm, kek: kek.as_bytes(), element: Rest(&e[..n]) }.to_bytes(),
        );
        let n = FteBuilder::new(&suite, &an, &sn).unwrap().r1kh_id(&m).r0kh_id(&r0).write(&mut e);
        ft.push(fr::FtElementsInput { akm, kek: &[], element: Rest(&e[..n.unwrap()]) }.to_bytes());
    }
    let _ = Kck::from_bytes(&[0; 16]);
    write("ft_elements", &ft);
    write("eapol_key", &frames);
}

/// The SAE targets' seeds, from `test-vectors/sae.json` and frames built with every optional
/// part.
fn sae_seeds() {
    use common::*;
    use harness::sae::{SaeFrameInput, SaeProcessInput};
    use ieee80211_keys::sae::frame::{write_token_container, AuthFrame, CommitFrame};
    use ieee80211_keys::sae::{Commit, Group, PasswordId, PweMethod, RejectedGroups};

    let frame =
        |token_len: u8, body: &[u8]| SaeFrameInput { token_len, body: Rest(body) }.to_bytes();
    let mut commits = Vec::new();
    let mut confirms = Vec::new();
    let mut process = Vec::new();
    for v in vectors("sae.json", "exchanges") {
        for key in ["own_commit", "peer_commit"] {
            let fields = hx(s(&v, key));
            commits.push(frame(0, &[&[3, 0, 1, 0, 0, 0][..], &fields].concat()));
            commits.push(frame(0, &[&[0, 0][..], &fields].concat()));
            for h2e in [false, true] {
                process.push(
                    SaeProcessInput { group: 0, h2e, ext_key: false, fields: Rest(&fields) }
                        .to_bytes(),
                );
            }
        }
        for key in ["own_confirm", "peer_confirm"] {
            if let Some(c) = v[key].as_str() {
                confirms.push(frame(0, &[&[3, 0, 2, 0, 0, 0][..], &hx(c)].concat()));
                confirms.push(frame(0, &hx(c)));
            }
        }
    }
    // Every group and method, with a token, an identifier and rejected groups; status 76/77.
    let mut buf = [0u8; 1024];
    for (g, group) in Group::ALL.into_iter().enumerate() {
        let len = group.prime_len();
        let commit = Commit::new(group, &vec![0x42; len], &vec![0x24; 2 * len]).unwrap();
        let id = PasswordId::new(b"psk4internet").unwrap();
        let list = RejectedGroups::new(&[20, 0, 21, 0]).unwrap();
        let token = [0xaa; 32];
        let hnp = CommitFrame::new(&commit, PweMethod::HuntingAndPecking)
            .with_token(&token)
            .with_password_id(id);
        let n = hnp.write(&mut buf).unwrap();
        commits.push(frame(32, &buf[..n]));
        let h2e = CommitFrame::new(&commit, PweMethod::HashToElement)
            .with_password_id(id)
            .with_rejected_groups(list)
            .with_token(&token);
        let n = h2e.write(&mut buf).unwrap();
        commits.push(frame(0, &buf[..n]));
        // A valid peer commit of our own fuzz side, for each group.
        let ours = harness::sae::our_side(group, PweMethod::HashToElement).commit();
        let mut fields = group.id().to_le_bytes().to_vec();
        fields.extend_from_slice(ours.scalar());
        fields.extend_from_slice(ours.element());
        let peer = harness::sae::our_side(group, PweMethod::HuntingAndPecking).commit();
        let mut peer_fields = group.id().to_le_bytes().to_vec();
        peer_fields.extend_from_slice(peer.scalar());
        peer_fields.extend_from_slice(peer.element());
        for f in [&fields, &peer_fields] {
            process.push(
                SaeProcessInput { group: g as u8, h2e: false, ext_key: g == 1, fields: Rest(f) }
                    .to_bytes(),
            );
            process.push(
                SaeProcessInput { group: g as u8, h2e: true, ext_key: false, fields: Rest(f) }
                    .to_bytes(),
            );
        }
        let mut container = [0u8; 64];
        let c = write_token_container(&token, &mut container).unwrap();
        for token_field in [&token[..], &container[..c]] {
            let f = AuthFrame::AntiCloggingRequired { group: group.id(), token_field };
            let n = f.write(&mut buf).unwrap();
            commits.push(frame(0, &buf[..n]));
        }
        let n = AuthFrame::UnsupportedGroup { group: Some(group.id()) }.write(&mut buf).unwrap();
        commits.push(frame(0, &buf[..n]));
        let mut body = vec![3, 0, 2, 0, 0, 0, 2, 0];
        body.extend_from_slice(&vec![0x5c; group.hash().output_len()]);
        confirms.push(frame(0, &body));
    }
    write("sae_commit", &commits);
    write("sae_confirm", &confirms);
    write("sae_process", &process);
}
