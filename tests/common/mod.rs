//! Helpers shared by the integration tests: reading the vector files and decoding byte strings.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

/// Loads `test-vectors/<name>`.
pub fn load(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-vectors").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Decodes a byte string of a vector file: `hex:..`, `ascii:..` or `repeat:XX*N`.
pub fn bytes(spec: &str) -> Vec<u8> {
    if let Some(h) = spec.strip_prefix("hex:") {
        hex::decode(h).expect("hex")
    } else if let Some(a) = spec.strip_prefix("ascii:") {
        a.as_bytes().to_vec()
    } else if let Some(r) = spec.strip_prefix("repeat:") {
        let (b, n) = r.split_once('*').expect("repeat:XX*N");
        vec![u8::from_str_radix(b, 16).expect("octet"); n.parse().expect("count")]
    } else {
        panic!("unknown byte string form: {spec}")
    }
}

/// Decodes plain hex.
pub fn hx(s: &str) -> Vec<u8> {
    hex::decode(s).expect("hex")
}

/// Field `key` of `v` as a string.
pub fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("missing string field {key} in {v}"))
}

/// Field `key` of `v` as an integer.
pub fn n(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("missing integer field {key} in {v}"))
}

/// Every vector in `file` under `list`, each checked to name its source.
pub fn vectors(file: &str, list: &str) -> Vec<Value> {
    let doc = load(file);
    let vs = doc[list].as_array().unwrap_or_else(|| panic!("{file}: no list {list}")).clone();
    assert!(!vs.is_empty(), "{file}: {list} is empty");
    for v in &vs {
        assert!(
            v["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{file}: vector without a source: {v}"
        );
    }
    vs
}

pub fn mac(s: &str) -> ieee80211_keys::MacAddr {
    ieee80211_keys::MacAddr::from_slice(&hx(s)).unwrap()
}

pub fn nonce(s: &str) -> ieee80211_keys::Nonce {
    ieee80211_keys::Nonce::from_slice(&hx(s)).unwrap()
}

/// An AKM from its 00-0F-AC suite type.
pub fn akm(t: u64) -> ieee80211_keys::Akm {
    ieee80211_keys::Akm::from_selector(&[0x00, 0x0f, 0xac, t as u8]).unwrap()
}

/// A cipher from its 00-0F-AC suite type.
pub fn cipher(t: u64) -> ieee80211_keys::Cipher {
    ieee80211_keys::Cipher::from_selector(&[0x00, 0x0f, 0xac, t as u8]).unwrap()
}

/// The one naive second transcription, shared with the fuzz targets (fuzz/harness includes it).
pub mod naive;

mod rebuild;
mod suites;
#[allow(unused_imports)]
pub use rebuild::rebuild_fte;
#[allow(unused_imports)]
pub use suites::{suite_mic, suite_of};
