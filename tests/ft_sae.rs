//! FT-SAE (AKM 00-0F-AC:9) end to end: the PMK that SAE establishes is the XXKey
//! (IEEE 802.11-2020 12.7.1.7.3; hostap keeps the SAE PMK as `xxkey` for FT-SAE), then PMK-R0,
//! PMK-R1, the FT PTK, PTKName, the FTE MIC (AES-128-CMAC) and the EAPOL-Key MIC of the
//! initial mobility domain association (AKM-defined, AES-128-CMAC). No FT-SAE vector is
//! published; every step is checked against the naive transcription.

mod common;
use common::naive;

use ieee80211_keys::ft::{self, FteMicInput, PmkR0, XxKey};
use ieee80211_keys::suite::{MicAlgorithm, Suite};
use ieee80211_keys::{Akm, Cipher, MacAddr, MobilityDomainId, Nonce, Pairwise, Pmk, R0khId, Ssid};
use naive::{MacAlg, H};

/// The SAE PMK of hostap's `sae_tests` (src/common/common_module_tests.c, citing IEEE
/// P802.11-REVmd/D2.1 Annex J.10), group 19: the key an FT-SAE association starts from.
const SAE_PMK: &str = "7aead86fba4c3221fc437f5f14d70d854ea5d5aac1690116793081eda4d557c5";

#[test]
fn ft_sae_from_the_sae_pmk() {
    let akm = Akm::FtSae;
    let pmk = Pmk::from_bytes(&hex::decode(SAE_PMK).unwrap()).unwrap();
    let xxkey = XxKey::from_sae_pmk(akm, &pmk).unwrap();
    assert_eq!(xxkey.as_bytes(), pmk.as_bytes());

    let ssid = Ssid::new(b"ft-sae").unwrap();
    let mdid = MobilityDomainId::new([0xa1, 0xb2]);
    let r0kh = R0khId::new(b"r0kh.example.org").unwrap();
    let sta: MacAddr = "02:00:00:00:01:00".parse().unwrap();
    let ap: MacAddr = "02:00:00:00:02:00".parse().unwrap();
    let (snonce, anonce) = (Nonce::new([0x51; 32]), Nonce::new([0xa5; 32]));

    let r0 = PmkR0::derive(akm, &xxkey, &ssid, mdid, &r0kh, &sta).unwrap();
    let r1 = r0.derive_r1(&ap, &sta).unwrap();
    let pairwise = Pairwise { aa: ap, spa: sta, anonce, snonce };
    let ptk = r1.derive_ptk(Cipher::Ccmp128, &pairwise).unwrap();

    // Naive: Q = 256, KDF-SHA-256 and SHA-256 names (12.7.1.7.3 to 12.7.1.7.5).
    let context = naive::cat(&[
        &[ssid.len() as u8],
        ssid.as_bytes(),
        mdid.as_bytes(),
        &[r0kh.len() as u8],
        r0kh.as_bytes(),
        sta.as_bytes(),
    ]);
    let r0_data = naive::kdf(H::Sha256, pmk.as_bytes(), b"FT-R0", &context, 384);
    let (pmk_r0, salt) = r0_data.split_at(32);
    let r0_name = &naive::hash(H::Sha256, &naive::cat(&[b"FT-R0N", salt]))[..16];
    assert_eq!(r0.key().as_bytes(), pmk_r0);
    assert_eq!(r0.name().as_bytes(), r0_name);
    let ids = naive::cat(&[ap.as_bytes(), sta.as_bytes()]);
    let pmk_r1 = naive::kdf(H::Sha256, pmk_r0, b"FT-R1", &ids, 256);
    let r1_name =
        &naive::hash(H::Sha256, &naive::cat(&[b"FT-R1N", r0_name, ap.as_bytes(), sta.as_bytes()]))
            [..16];
    assert_eq!(r1.key().as_bytes(), &pmk_r1[..]);
    assert_eq!(r1.name().as_bytes(), r1_name);
    let data = naive::cat(&[snonce.as_bytes(), anonce.as_bytes(), ap.as_bytes(), sta.as_bytes()]);
    let ptk_bytes = naive::kdf(H::Sha256, &pmk_r1, b"FT-PTK", &data, 48 * 8);
    assert_eq!(ptk.kck().as_bytes(), &ptk_bytes[..16]);
    assert_eq!(ptk.kek().as_bytes(), &ptk_bytes[16..32]);
    assert_eq!(ptk.tk().as_bytes(), &ptk_bytes[32..48]);
    let ptk_name = &naive::hash(H::Sha256, &naive::cat(&[r1_name, b"FT-PTKN", &data]))[..16];
    assert_eq!(ptk.name().as_bytes(), ptk_name);

    // The FTE MIC of the Reassociation Request: AES-128-CMAC under the KCK.
    let rsne = [0x30, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 9];
    let rsne = [&rsne[..], &[0, 0]].concat();
    let mde = [0x36, 3, 0xa1, 0xb2, 1];
    let mut fte = [0u8; 2 + 2 + 16 + 64];
    fte[..4].copy_from_slice(&[0x37, 82, 0, 3]);
    fte[20..52].copy_from_slice(anonce.as_bytes());
    fte[52..84].copy_from_slice(snonce.as_bytes());
    let input = FteMicInput {
        sta_addr: &sta,
        bssid: &ap,
        transaction_seq: ft::TRANSACTION_SEQ_REASSOC_REQUEST,
        rsne: &rsne,
        mde: &mde,
        fte: &fte,
        ric: None,
        rsnxe: None,
    };
    let suite = Suite::new(akm, Cipher::Ccmp128, 32).unwrap();
    let mic = ft::fte_mic(&suite, ptk.kck(), &input).unwrap();
    let covered = naive::cat(&[sta.as_bytes(), ap.as_bytes(), &[5], &rsne, &mde, &fte]);
    assert_eq!(mic.as_bytes(), &naive::mac(MacAlg::Cmac, &ptk_bytes[..16], &covered).unwrap()[..]);

    // The 4-way handshake of the initial mobility domain association: AKM-defined (version 0)
    // AES-128-CMAC, 16-octet MIC.
    assert_eq!(suite.descriptor_version(), 0);
    assert_eq!(suite.mic(), MicAlgorithm::AesCmac);
    assert_eq!(suite.mic_len(), 16);
    assert_eq!(suite.fte_mic(), Ok(MicAlgorithm::AesCmac));
}
