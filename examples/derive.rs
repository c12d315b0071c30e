//! Derives a WPA2-Personal PTK from the IEEE 802.11 Annex J.7 inputs and prints what came out.
//!
//! `cargo run --example derive` prints names and lengths; `-- --show-keys` adds the key bytes.

use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pmk, Psk, Ptk, Ssid};
use ieee80211_keys::{Pairwise, Suite};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn nonce(s: &str) -> Nonce {
    let b: Vec<u8> =
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect();
    Nonce::from_slice(&b).unwrap()
}

fn main() -> Result<(), ieee80211_keys::Error> {
    let show = std::env::args().any(|a| a == "--show-keys");
    // Annex J.4.2 test case 2 gives the PSK that Annex J.7 uses as its PMK.
    let ssid = Ssid::new(b"ThisIsASSID")?;
    let psk = Psk::from_passphrase("ThisIsAPassword", &ssid)?;
    let pmk = Pmk::from_psk(&psk);
    let aa: MacAddr = "a0:a1:a1:a3:a4:a5".parse()?; // sic: the AA as Annex J.7 prints it
    let spa: MacAddr = "b0:b1:b2:b3:b4:b5".parse()?;
    let anonce = nonce("e0e1e2e3e4e5e6e7e8e9f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405");
    let snonce = nonce("c0c1c2c3c4c5c6c7c8c9d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5");

    println!("SSID {ssid}, AA {aa}, SPA {spa}");
    println!("PMKID ({}) {}", Akm::Psk, pmk.pmkid(Akm::Psk, &aa, &spa)?);
    for cipher in [Cipher::Ccmp128, Cipher::Tkip] {
        let ptk = Suite::new(Akm::Psk, cipher, pmk.len())
            .and_then(|suite| Ptk::derive(&pmk, &suite, &Pairwise { aa, spa, anonce, snonce }))?;
        println!("PTK for {} / {cipher}: {} octets", Akm::Psk, ptk.len());
        for (name, bytes) in [
            ("KCK", ptk.kck().as_bytes()),
            ("KEK", ptk.kek().as_bytes()),
            ("TK", ptk.tk().as_bytes()),
        ] {
            if show {
                println!("  {name:3} {:2} octets  {}", bytes.len(), hex(bytes));
            } else {
                println!("  {name:3} {:2} octets", bytes.len());
            }
        }
    }
    if !show {
        println!("(run with --show-keys to print the key bytes)");
    }
    Ok(())
}
