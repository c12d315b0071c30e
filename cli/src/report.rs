//! Printing the verdicts: a table for people, one JSON object per line for scripts.

use std::fmt::Write as _;

use crate::analyze::{Analyzer, Outcome, Report};

/// The human table: one block per association, roam or handshake, then the summary.
pub fn table(a: &Analyzer<'_>) -> String {
    let mut s: String = a.reports.iter().map(block).collect();
    s.push_str(&summary(a));
    s
}

/// One report as a block of the table.
pub fn block(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "#{:<6} {:<11} {} -> {}{}  {}  [{}]",
        r.first_frame,
        r.kind,
        r.sta,
        r.bssid,
        r.from_bssid.as_ref().map(|f| format!(" (from {f})")).unwrap_or_default(),
        r.ssid.as_deref().map(|x| format!("\"{x}\"")).unwrap_or_else(|| "(SSID unknown)".into()),
        r.verdict.to_uppercase(),
    );
    let _ = writeln!(
        s,
        "        method {}{}{}{}",
        r.method,
        r.akm.as_ref().map(|x| format!(", AKM {x}")).unwrap_or_default(),
        r.cipher.as_ref().map(|x| format!(", {x}")).unwrap_or_default(),
        r.key.as_ref().map(|k| format!(", key: {k}")).unwrap_or_default(),
    );
    for c in &r.checks {
        let mark = match c.outcome {
            Outcome::Verified => "ok  ",
            Outcome::Failed => "FAIL",
            Outcome::NotChecked => "--  ",
        };
        let _ = writeln!(
            s,
            "        {mark} {:<42} frame {}{}",
            c.what,
            c.frame,
            c.detail.as_ref().map(|d| format!(": {d}")).unwrap_or_default()
        );
    }
    if !r.missing.is_empty() {
        let _ = writeln!(s, "        missing: {}", r.missing.join(", "));
    }
    let t = &r.timeline;
    let _ = writeln!(
        s,
        "        time {:.1} ms = authentication {:.1} + EAP {:.1} + key handshake {:.1} + rest {:.1}  ({} -> {})",
        t.total_ms, t.authentication_ms, t.eap_ms, t.key_handshake_ms, t.rest_ms, t.from, t.to
    );
    if let Some(e) = &r.eap {
        let _ = writeln!(
            s,
            "        EAP: {} packets, {}{}",
            e.packets,
            e.outcome,
            e.method_type.map(|t| format!(", method type {t}")).unwrap_or_default()
        );
    }
    if r.data.protected > 0 {
        let _ = writeln!(
            s,
            "        data: {} protected, {} decrypted, {} failed",
            r.data.protected, r.data.decrypted, r.data.failed
        );
    }
    if r.group_handshakes > 0 {
        let _ = writeln!(s, "        group key handshakes: {}", r.group_handshakes);
    }
    for n in &r.notes {
        let _ = writeln!(s, "        note: {n}");
    }
    s
}

/// The closing line: frames, reports by verdict, notes.
pub fn summary(a: &Analyzer<'_>) -> String {
    let count = |v: &str| a.verdicts.get(v).copied().unwrap_or(0);
    let total: u64 = a.verdicts.values().sum();
    format!(
        "{} frames, {} reports: {} verified, {} failed, {} incomplete, {} unchecked; {} frame notes\n",
        a.frames,
        total,
        count("verified"),
        count("failed"),
        count("incomplete"),
        count("unchecked"),
        a.notes.len() as u64 + a.notes_dropped
    )
}

/// One report as a JSON line.
pub fn json_line(r: &Report) -> String {
    serde_json::to_string(r)
        .map(|mut j| {
            j.push('\n');
            j
        })
        .unwrap_or_default()
}

/// One JSON object per report, one per line.
pub fn json_lines(reports: &[Report]) -> String {
    reports.iter().map(json_line).collect()
}
