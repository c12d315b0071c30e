//! The published vectors of the workspace's `test-vectors/` directory, for the unit tests: each
//! entry names its source there, and every expected value comes from the file, never from the
//! code under test.

use serde_json::Value;

/// The entries of list `list` in `test-vectors/<file>`.
pub fn load(file: &str, list: &str) -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../test-vectors/").to_string() + file;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let entries = v[list].as_array().unwrap_or_else(|| panic!("{path}: no list {list}")).clone();
    for e in &entries {
        assert!(e["source"].is_string(), "{path}: every entry names its source");
    }
    entries
}

/// A string field.
pub fn s<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field].as_str().unwrap_or_else(|| panic!("{}: no field {field}", v["name"]))
}

/// A field as octets: hex, or `ascii:` text.
pub fn bytes(v: &Value, field: &str) -> Vec<u8> {
    let text = s(v, field);
    if let Some(t) = text.strip_prefix("ascii:") {
        return t.as_bytes().to_vec();
    }
    (0..text.len() / 2)
        .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).expect("hex"))
        .collect()
}
