#![no_main]

// The capture tool's frame walker (cli/src/fuzzing.rs): capture files and packets of every
// link type it reads, through the whole analysis. Its corpus is replayed by cli/tests/hostile.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| wifi_keycheck::fuzzing::capture_walker(data));
