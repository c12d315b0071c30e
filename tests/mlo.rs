//! 802.11be multi-link operation: between an AP MLD and a non-AP MLD the 4-way handshake runs
//! once for the association, and the PTK is derived with the MLD MAC addresses as AA and SPA,
//! not the addresses of the link that carries the EAPOL-Key frames (IEEE P802.11be 12.7.1.3;
//! hostap passes `sm->own_mld_addr` / `sm->peer_mld_addr` to `wpa_pmk_to_ptk` when ML is set up).
//! No published MLO PTK vector exists: checked against the naive transcription, on both sides.

mod common;

use common::naive;
use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Ptk, Suite};

#[test]
fn the_ptk_between_mlds_uses_the_mld_addresses() {
    let pmk_bytes = [0x5au8; 32];
    let pmk = Pmk::from_bytes(&pmk_bytes).unwrap();
    let ap_mld = [0x02, 0xaa, 0x00, 0x00, 0x00, 0x01];
    let sta_mld = [0x02, 0x55, 0x00, 0x00, 0x00, 0x01];
    // The link (affiliated) addresses on which the handshake's frames travel.
    let ap_link = [0x02, 0xaa, 0x00, 0x00, 0x01, 0x01];
    let sta_link = [0x02, 0x55, 0x00, 0x00, 0x01, 0x01];
    let (an, sn) = ([0x11u8; 32], [0x22u8; 32]);
    for (akm, cipher) in [
        (Akm::Psk, Cipher::Ccmp128),
        (Akm::Sae, Cipher::Gcmp256),
        (Akm::SaeExtKey, Cipher::Gcmp256),
    ] {
        let suite = Suite::new(akm, cipher, 32).unwrap();
        let mld = Pairwise {
            aa: MacAddr::new(ap_mld),
            spa: MacAddr::new(sta_mld),
            anonce: Nonce::new(an),
            snonce: Nonce::new(sn),
        };
        let link = Pairwise { aa: MacAddr::new(ap_link), spa: MacAddr::new(sta_link), ..mld };
        // The AP MLD and the non-AP MLD derive the same keys from the MLD addresses.
        let ptk = Ptk::derive(&pmk, &suite, &mld).unwrap();
        let expected = naive::ptk(&pmk_bytes, akm, cipher, (ap_mld, sta_mld), (an, sn), 0).unwrap();
        let parts = [ptk.kck().as_bytes(), ptk.kek().as_bytes(), ptk.tk().as_bytes()].concat();
        assert_eq!(parts, expected, "{akm}");
        // The link addresses give other keys: a side that used them would fail message 2/4.
        let wrong = Ptk::derive(&pmk, &suite, &link).unwrap();
        assert_ne!(wrong.kck().as_bytes(), ptk.kck().as_bytes(), "{akm}");
        assert_ne!(wrong.tk().as_bytes(), ptk.tk().as_bytes(), "{akm}");
    }
}
