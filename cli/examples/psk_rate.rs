//! The wordlist search against the bare batch PSK it runs on, interleaved (A B A B), to show
//! what the search adds: `cargo run --release -p wifi-keycheck --example psk_rate -- N`.

use std::time::Instant;

use ieee80211_keys::{Pmk, Psk, Ssid};
use wifi_keycheck::hashcat;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(8192);
    let words: Vec<String> = (0..n).map(|i| format!("candidate-{i:08}")).collect();
    // hashcat's own PMKID example (test-vectors/hashcat.json): ESSID "hashcat-essid"; no
    // candidate opens it.
    let published: serde_json::Value =
        serde_json::from_str(include_str!("../../test-vectors/hashcat.json")).expect("JSON");
    let line = published["lines"]
        .as_array()
        .and_then(|l| l.iter().find(|v| v["kind"] == "pmkid"))
        .and_then(|v| v["line"].as_str())
        .expect("the PMKID line");
    let hash = hashcat::parse_line(line).expect("example line");
    let ssid = Ssid::new(&hash.essid).expect("ESSID");
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    let mut psk_rates = Vec::new();
    let mut search_rates = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        std::thread::scope(|s| {
            for part in words.chunks(n.div_ceil(threads)) {
                let ssid = &ssid;
                s.spawn(move || {
                    let mut k = 0usize;
                    Psk::from_passphrases_bytes(ssid, part, |_, r| {
                        if let Ok(p) = r {
                            let _ = Pmk::from_psk(&p);
                            k += 1;
                        }
                    });
                    k
                });
            }
        });
        psk_rates.push(n as f64 / t.elapsed().as_secs_f64());
        let t = Instant::now();
        let found = hashcat::search(std::slice::from_ref(&hash), words.iter().cloned(), 0, |_| {});
        assert_eq!(found, vec![None]);
        search_rates.push(n as f64 / t.elapsed().as_secs_f64());
    }
    psk_rates.sort_by(f64::total_cmp);
    search_rates.sort_by(f64::total_cmp);
    println!(
        "{threads} threads, {n} passphrases: batch PSK {:.0} PSK/s, wordlist search {:.0} PMK/s (medians of 3, interleaved); ratio {:.2}",
        psk_rates[1],
        search_rates[1],
        search_rates[1] / psk_rates[1]
    );
}
