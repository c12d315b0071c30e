//! Batch throughput, for timing from outside (the process's CPU time) on a shared machine:
//!
//! ```text
//! cargo run --release --example throughput -- psk      PATH COUNT [REPS]
//! cargo run --release --example throughput -- identify PATH CANDIDATES ROUNDS
//! cargo run --release --example throughput -- kernel shani|avx512|portable K
//! ```
//!
//! `psk` derives COUNT PSKs for one SSID with `Psk::from_passphrases`; `identify` runs
//! `eapol::identify_pmk` ROUNDS times over CANDIDATES candidate PMKs, the right one last. PATH
//! is `fastest` (what the CPU has: AVX-512, else the SHA extensions), `no-avx512` (AVX-512
//! switched off, so an AVX-512 machine shows what others run), `sequential` (one derivation
//! after the other, `Psk::from_passphrase`; for `psk` only) or `parallel` (the fastest path on
//! every core, `Psk::from_passphrases_parallel`; `psk` only, built with `--features std`). The path taken is
//! printed; divide COUNT (or CANDIDATES x ROUNDS) by the CPU seconds for the throughput. `psk`
//! also prints the wall-clock rate of each of REPS rounds (median and best): on a busy machine
//! the best is the one least disturbed.

use std::hint::black_box;
use std::time::Instant;

use ieee80211_keys::{eapol, Akm, Cipher, MacAddr, Nonce, Pmk, Psk, Ssid, Suite};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (what, path) = (args.first().map_or("psk", String::as_str), args.get(1));
    let path = path.map_or("fastest", String::as_str);
    ieee80211_keys::__bench::allow_avx512(path != "no-avx512");
    let taken = match path {
        "sequential" => "sequential",
        _ => ieee80211_keys::__bench::batch_path(),
    };
    match what {
        "psk" => {
            let (count, reps) = (arg(2, 1024), arg(3, 1));
            let ssid = Ssid::new(b"ieee80211-keys").unwrap();
            let words: Vec<String> =
                (0..count).map(|i| format!("passphrase number {i:06}")).collect();
            let (mut rates, mut cpu_rates) = (Vec::new(), Vec::new());
            for _ in 0..reps {
                let (start, cpu) = (Instant::now(), cpu_seconds());
                if path == "sequential" {
                    for w in &words {
                        black_box(Psk::from_passphrase(w, &ssid).unwrap());
                    }
                } else if path == "parallel" {
                    parallel(&ssid, &words);
                } else {
                    Psk::from_passphrases(&ssid, black_box(&words), |i, psk| {
                        black_box((i, psk.unwrap()));
                    });
                }
                rates.push(count as f64 / start.elapsed().as_secs_f64());
                cpu_rates.push(count as f64 / (cpu_seconds() - cpu));
            }
            let median = |r: &mut Vec<f64>| {
                r.sort_by(f64::total_cmp);
                r[r.len() / 2]
            };
            let (wall, cpu) = (median(&mut rates), median(&mut cpu_rates));
            println!(
                "psk {count} x {reps} via {taken}: median {cpu:.0} PMK/s per CPU second \
                 (of the process: all its threads), {wall:.0} PMK/s wall clock"
            );
        }
        "identify" => {
            let (count, rounds) = (arg(2, 1000), arg(3, 100));
            // iwd's WPA2-PSK message 2/4 (the bench's MSG2) and its PSK, last of the candidates.
            let msg2 = hex(concat!(
                "0103007502010a000000000000000000003289e91565094f329a9cd54a4a090d2cf4344683bf",
                "50efee3608b64856800e84000000000000000000000000000000000000000000000000000000",
                "000000000001c31b82ff62a379b08dd1fc82c2f768001630140100000fac040100000fac0401",
                "00000fac020000",
            ));
            let psk = "bf9aa3155300125e7a5ebb2a549f8cd4edab8ee12e94bfc24b3357ad049665d9";
            let psk = Psk::from_hex(psk).unwrap();
            let mut pmks: Vec<Pmk> =
                (0..count - 1).map(|i| Pmk::from_bytes(&[i as u8 ^ 0x5a; 32]).unwrap()).collect();
            pmks.push(Pmk::from_psk(&psk));
            let aa: MacAddr = "24:a2:e1:ec:17:04".parse().unwrap();
            let spa: MacAddr = "a0:a8:cd:1c:7e:c9".parse().unwrap();
            let an = "c2bb57ab588f92ebbd44e811094f601c087986030c3ac749cc61d63e33832e50";
            let an = Nonce::new(hex(an).try_into().unwrap());
            let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, 32).unwrap();
            for _ in 0..rounds {
                let found = eapol::identify_pmk(&suite, &aa, &spa, &an, &msg2, &pmks);
                assert_eq!(black_box(found), Ok(Some(count - 1)));
            }
            println!("identify {count} x {rounds} via {taken}");
        }
        "kernel" => {
            // `kernel PATH K`: 24 million compressions on K lanes (PATH `shani`, `avx512` or
            // `portable`): the cost of a compression with K independent streams.
            use ieee80211_keys::__bench::{pbkdf2_lanes, Path};
            let p = match path {
                "shani" => Path::ShaNi,
                "avx512" => Path::Avx512,
                _ => Path::Portable,
            };
            let k = arg(2, 4);
            let steps = (12_000_000 / k) as u32;
            let r = pbkdf2_lanes(p, k, steps).expect("this CPU lacks that path");
            println!("kernel {path} {k} lanes: {r:08x}");
        }
        _ => panic!("psk, identify or kernel"),
    }
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
}

/// `Psk::from_passphrases_parallel` (built with `--features std`).
#[cfg(feature = "std")]
fn parallel(ssid: &Ssid, words: &[String]) {
    Psk::from_passphrases_parallel(ssid, black_box(words), |i, psk| {
        black_box((i, psk.unwrap()));
    });
}

#[cfg(not(feature = "std"))]
fn parallel(_: &Ssid, _: &[String]) {
    panic!("the parallel batch needs --features std");
}

/// CPU seconds used by this process so far (all threads), from `/proc/self/stat` (Linux; in
/// clock ticks of 10 ms: time rounds of a second or more). Elsewhere 0.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields 14 and 15 (utime, stime) after the command name in parentheses.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 =
        fields.get(11..13).map_or(0.0, |f| f.iter().filter_map(|x| x.parse::<f64>().ok()).sum());
    ticks / 100.0
}
