//! The binary itself: its commands, flags and exit status on captures the tests write.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("wifi-keycheck-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn tool(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wifi-keycheck")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_hashcat_and_wordlist_from_the_command_line() {
    let d = dir("cli");
    let mut w = World::new(21);
    psk_roam(&mut w, "correct horse battery", b"HomeNet");
    let cap = d.join("psk.pcap");
    std::fs::write(&cap, w.pcap()).unwrap();
    let cap = cap.to_str().unwrap();

    // The right passphrase: verified, exit 0.
    let (code, out, _) = tool(&["check", cap, "-p", "correct horse battery:HomeNet"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("[VERIFIED]") && out.contains("2 verified, 0 failed"), "{out}");

    // A wrong one: failed, exit 1; JSON lines parse.
    let (code, out, _) = tool(&["check", cap, "-p", "wrong horse battery", "--json"]);
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["verdict"] == "failed"));

    // Export the hashcat lines, then search them and the capture with a wordlist.
    let hc = d.join("psk.22000");
    let words = d.join("words.txt");
    std::fs::write(&words, "nope nope nope\nstill wrong!\ncorrect horse battery\n").unwrap();
    let (code, _, err) = tool(&["check", cap, "--hashcat", hc.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(err.contains("4 hashcat lines"), "{err}");
    let (code, out, err) = tool(&["hashes", hc.to_str().unwrap(), "-w", words.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches("opened by wordlist: correct horse battery").count(), 4, "{out}");
    let (code, out, err) = tool(&["check", cap, "-w", words.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("PMK/s") && err.contains("found: correct horse battery"), "{err}");
    assert!(out.contains("2 verified"), "{out}");

    // Not a capture: exit 0 with a message on stderr, nothing verified.
    let junk = d.join("junk.pcap");
    std::fs::write(&junk, b"not a capture").unwrap();
    let (_, out, err) = tool(&["check", junk.to_str().unwrap()]);
    assert!(err.contains("neither a pcap nor a pcapng"), "{err}");
    assert!(out.contains("0 reports"), "{out}");
    // A missing file: exit 2.
    assert_eq!(tool(&["check", d.join("absent.pcap").to_str().unwrap()]).0, 2);
    std::fs::remove_dir_all(&d).unwrap();
}
