//! Writes the synthetic captures the tool's tests are judged on, so that the tool can be run on
//! them by hand:
//!
//! ```text
//! cargo run -p wifi-keycheck --example synthetic -- DIR          # psk, okc, ft, cckm, tampered
//! cargo run -p wifi-keycheck --example synthetic -- DIR --large N  # also large.pcap, N roams
//! cargo run -p wifi-keycheck -- check DIR/ft.pcap -k DIR/keys.txt
//! ```
//!
//! Every frame is played by the library on both sides (tests/common/mod.rs), written behind
//! radiotap with plausible timestamps. `keys.txt` is in Wireshark's 80211_keys format.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;

use common::*;
use ieee80211_keys::Msk;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "captures".into()));
    let large: Option<usize> = match (args.next().as_deref(), args.next()) {
        (Some("--large"), Some(n)) => n.parse().ok(),
        _ => None,
    };
    std::fs::create_dir_all(&dir).expect("create the directory");
    let msk = Msk::from_bytes(&[0x4d; 64]).expect("MSK");
    let write = |name: &str, w: &World| {
        let p = dir.join(name);
        std::fs::write(&p, w.pcap()).expect("write");
        println!("{} ({} frames)", p.display(), w.frames.len());
    };
    let mut w = World::new(1);
    psk_roam(&mut w, "correct horse battery", b"HomeNet");
    write("psk.pcap", &w);
    let third_eapol = w
        .frames
        .iter()
        .enumerate()
        .filter(|(_, (_, f))| f.len() > 32 && f[24..32] == [0xaa, 0xaa, 3, 0, 0, 0, 0x88, 0x8e])
        .nth(2)
        .map(|(i, _)| i + 1);
    w.tamper = third_eapol;
    write("tampered.pcap", &w);
    let mut w = World::new(2);
    okc_roam(&mut w, &msk, b"Corp");
    write("okc.pcap", &w);
    let mut w = World::new(3);
    ft_roam(&mut w, "mobility domain pw", b"FTNet");
    write("ft.pcap", &w);
    let mut w = World::new(4);
    cckm_roam(&mut w, &msk, b"Voice");
    write("cckm.pcap", &w);
    let hex: String = msk.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    let keys = format!(
        "# Wireshark 80211_keys format\n\"wpa-pwd\",\"correct horse battery:HomeNet\"\n\"wpa-pwd\",\"mobility domain pw:FTNet\"\n\"msk\",\"{hex}\"\n"
    );
    std::fs::write(dir.join("keys.txt"), keys).expect("write keys");
    println!("{}", dir.join("keys.txt").display());
    if let Some(n) = large {
        // Many PSK roams with long data phases: the read-and-verify speed capture.
        let mut w = World::new(5);
        for _ in 0..n {
            psk_roam_data(&mut w, "correct horse battery", b"HomeNet", 200);
        }
        write("large.pcap", &w);
    }
}
