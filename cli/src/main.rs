//! wifi-keycheck: every handshake and roam in a Wi-Fi capture, its keys checked, its time
//! explained. See `wifi-keycheck --help`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use wifi_keycheck::analyze::{self, Options};
use wifi_keycheck::hashcat::{self, Hash};
use wifi_keycheck::keys::KeyBook;
use wifi_keycheck::pcapwrite::{LinkType, PcapWriter};
use wifi_keycheck::report;

#[derive(Parser)]
#[command(
    name = "wifi-keycheck",
    version,
    about = "Every handshake and roam in a Wi-Fi capture: method, keys checked, time explained"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct KeyArgs {
    /// A passphrase, `PASSPHRASE` or `PASSPHRASE:SSID` (Wireshark's wpa-pwd form). Repeatable.
    #[arg(short = 'p', long = "passphrase")]
    passphrases: Vec<String>,
    /// A PSK, 64 hex digits. Repeatable.
    #[arg(long)]
    psk: Vec<String>,
    /// A PMK (for CCKM, the NSK), hex. Repeatable. SAE and OWE sessions need it: a passive
    /// observer cannot derive their PMK (each takes a side's private scalar); take it from
    /// the station's or the AP's debug log (wpa_supplicant or hostapd with -K print it).
    #[arg(long)]
    pmk: Vec<String>,
    /// An MSK from an EAP method, hex. Repeatable.
    #[arg(long)]
    msk: Vec<String>,
    /// A keys file: Wireshark's 80211_keys lines ("wpa-pwd","pass:ssid" / "wpa-psk","hex" /
    /// "msk","hex"; a wpa-psk line is the PMK of SAE and OWE sessions, as in Wireshark),
    /// pmk,hex lines, bare 64-hex-digit PMKs, or bare passphrases.
    #[arg(short = 'k', long = "keys")]
    key_files: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Read a capture (pcap or pcapng, plain or gzip-compressed): every association, roam and handshake with its verdict.
    Check {
        /// The capture.
        capture: PathBuf,
        #[command(flatten)]
        keys: KeyArgs,
        /// A wordlist searched (batch PSK, identify_pmk) for the handshakes no key opened; the
        /// capture is then read again with what it finds.
        #[arg(short = 'w', long)]
        wordlist: Option<PathBuf>,
        /// One JSON object per line, one per association, roam or handshake.
        #[arg(long)]
        json: bool,
        /// Write every decrypted data frame to this pcap (802.11, Protected bit cleared).
        #[arg(long)]
        decrypted: Option<PathBuf>,
        /// Write hashcat 22000 lines (WPA*01 PMKIDs, WPA*02 message pairs) of the PSK networks to
        /// this file.
        #[arg(long)]
        hashcat: Option<PathBuf>,
        /// Also print the per-frame notes (frames that could not be read).
        #[arg(long)]
        notes: bool,
    },
    /// Check or search hashcat 22000 lines (or an .hccapx file) with keys and a wordlist.
    Hashes {
        /// The 22000 file or the .hccapx file.
        file: PathBuf,
        #[command(flatten)]
        keys: KeyArgs,
        /// A wordlist to search.
        #[arg(short = 'w', long)]
        wordlist: Option<PathBuf>,
        /// hashcat's --nonce-error-corrections: ANonce counter offsets tried each way.
        #[arg(long, default_value_t = 8)]
        nonce_error_corrections: u32,
    },
}

fn keybook(k: &KeyArgs) -> Result<KeyBook, String> {
    let mut b = KeyBook::new();
    for (i, p) in k.passphrases.iter().enumerate() {
        b.add_passphrase(format!("passphrase #{}", i + 1), p)?;
    }
    for (kind, list) in [("psk", &k.psk), ("pmk", &k.pmk), ("msk", &k.msk)] {
        for (i, h) in list.iter().enumerate() {
            b.add_hex(format!("{} #{}", kind.to_uppercase(), i + 1), kind, h)?;
        }
    }
    for f in &k.key_files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let name = f.file_name().map_or("keys".into(), |n| n.to_string_lossy().into_owned());
        for note in b.add_file(&name, &text) {
            eprintln!("note: {note}");
        }
    }
    Ok(b)
}

fn words(path: &PathBuf) -> Result<impl Iterator<Item = String>, String> {
    let f = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(BufReader::new(f)
        .lines()
        .map_while(Result::ok)
        .map(|l| l.trim_end_matches('\r').to_string()))
}

fn progress() -> ProgressBar {
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {pos} PMKs derived, {per_sec} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb
}

fn search(hashes: &[Hash], path: &PathBuf, nc: u32) -> Result<Vec<Option<String>>, String> {
    let pb = progress();
    let t = Instant::now();
    let found = hashcat::search(hashes, words(path)?, nc, |n| pb.inc(n));
    let n = pb.position();
    pb.finish_and_clear();
    let secs = t.elapsed().as_secs_f64();
    eprintln!("wordlist: {n} PMKs in {secs:.2} s ({:.0} PMK/s)", n as f64 / secs.max(1e-9));
    Ok(found)
}

fn check(
    capture: &PathBuf,
    keys: &KeyBook,
    json: bool,
    decrypted: Option<&PathBuf>,
    show_notes: bool,
) -> Result<(bool, Vec<String>), String> {
    let open = || File::open(capture).map_err(|e| format!("{}: {e}", capture.display()));
    let mut opts = Options::default();
    if let Some(p) = decrypted {
        let f = File::create(p).map_err(|e| format!("{}: {e}", p.display()))?;
        opts.decrypted_out = Some(
            PcapWriter::new(BufWriter::new(f), LinkType::Ieee80211).map_err(|e| e.to_string())?,
        );
    }
    // Each report is printed as its connection ends: memory does not grow with their number.
    let failed = std::rc::Rc::new(std::cell::Cell::new(false));
    let seen = failed.clone();
    opts.sink = Some(Box::new(move |r| {
        seen.set(seen.get() || r.verdict == "failed");
        let text = if json { report::json_line(&r) } else { report::block(&r) };
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    }));
    let t = Instant::now();
    let (a, r) = analyze::run(BufReader::with_capacity(1 << 20, open()?), keys, opts);
    let secs = t.elapsed().as_secs_f64();
    let mut stdout = std::io::stdout().lock();
    if !json {
        let _ = stdout.write_all(report::summary(&a).as_bytes());
    }
    if show_notes {
        for n in &a.notes {
            let _ = writeln!(stdout, "frame {}: {}", n.frame, n.what);
        }
    }
    if !json {
        let _ = writeln!(
            stdout,
            "read {:.1} MB, {} frames in {:.2} s ({:.1} MB/s, {:.0} frames/s)",
            a.bytes as f64 / 1e6,
            a.frames,
            secs,
            a.bytes as f64 / 1e6 / secs.max(1e-9),
            a.frames as f64 / secs.max(1e-9)
        );
    }
    if let Err(e) = r {
        eprintln!("{}: {e}", capture.display());
    }
    Ok((failed.get(), a.hashes.clone()))
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check { capture, keys, wordlist, json, decrypted, hashcat: hc, notes } => {
            let mut book = keybook(&keys)?;
            let (mut failed, hashes) = check(&capture, &book, json, decrypted.as_ref(), notes)?;
            if let Some(p) = &hc {
                let mut f = File::create(p).map_err(|e| format!("{}: {e}", p.display()))?;
                for h in &hashes {
                    writeln!(f, "{h}").map_err(|e| e.to_string())?;
                }
                eprintln!("{} hashcat lines written to {}", hashes.len(), p.display());
            }
            if let Some(w) = &wordlist {
                let parsed: Vec<Hash> =
                    hashes.iter().filter_map(|l| hashcat::parse_line(l).ok()).collect();
                let found = search(&parsed, w, 8)?;
                let mut any = false;
                for (h, f) in parsed.iter().zip(&found) {
                    if let Some(pass) = f {
                        let ssid = String::from_utf8_lossy(&h.essid);
                        eprintln!("wordlist: passphrase for \"{ssid}\" found: {pass}");
                        let _ = book.add_passphrase(
                            format!("wordlist \"{pass}\""),
                            &format!("{pass}:{ssid}"),
                        );
                        any = true;
                    }
                }
                if any {
                    eprintln!("reading the capture again with the passphrases found");
                    failed = check(&capture, &book, json, decrypted.as_ref(), notes)?.0;
                } else {
                    eprintln!("wordlist: no passphrase found");
                }
            }
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Hashes { file, keys, wordlist, nonce_error_corrections } => {
            let data = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let records: Vec<Result<Hash, &str>> = if data.starts_with(b"HCPX") {
                hashcat::parse_hccapx(&data)
            } else {
                String::from_utf8_lossy(&data)
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(hashcat::parse_line)
                    .collect()
            };
            let mut hashes = Vec::new();
            for (i, r) in records.into_iter().enumerate() {
                match r {
                    Ok(h) => hashes.push(h),
                    Err(e) => eprintln!("record {}: {e}", i + 1),
                }
            }
            let book = keybook(&keys)?;
            let mut opened = vec![None; hashes.len()];
            for (i, h) in hashes.iter().enumerate() {
                let pmks = book.pmks(ieee80211_keys::Akm::Psk, Some(&h.essid));
                if let Some((k, _)) = hashcat::find(
                    h,
                    &pmks.iter().map(|p| p.1.clone()).collect::<Vec<_>>(),
                    nonce_error_corrections,
                ) {
                    opened[i] = Some(pmks[k].0.clone());
                }
            }
            if let Some(w) = &wordlist {
                let rest: Vec<usize> = (0..hashes.len()).filter(|&i| opened[i].is_none()).collect();
                let sub: Vec<Hash> = rest.iter().map(|&i| hashes[i].clone()).collect();
                for (i, f) in rest.into_iter().zip(search(&sub, w, nonce_error_corrections)?) {
                    opened[i] = f.map(|p| format!("wordlist: {p}"));
                }
            }
            for (h, o) in hashes.iter().zip(&opened) {
                let kind = match h.kind {
                    hashcat::HashKind::Pmkid(_) => "PMKID",
                    hashcat::HashKind::Eapol { .. } => "EAPOL",
                };
                println!(
                    "{kind:5} {} -> {} \"{}\": {}",
                    ieee80211_keys::MacAddr::new(h.sta),
                    ieee80211_keys::MacAddr::new(h.ap),
                    String::from_utf8_lossy(&h.essid),
                    o.as_deref().map_or("not opened".to_string(), |k| format!("opened by {k}"))
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("wifi-keycheck: {e}");
            ExitCode::from(2)
        }
    }
}
