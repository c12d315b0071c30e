//! The WPA3-Personal section written for the roam demonstration
//! (`examples/wpa3/sae_section.rs`), run as a test so that it cannot rot: it succeeds on both
//! sides for any seed, and a flipped bit in any SAE frame on the air fails it.

#[allow(dead_code)]
#[path = "../examples/wpa3/sae_section.rs"]
mod sae_section;
// What the section plays goes to the roam example's capture.
#[allow(dead_code)]
#[path = "../examples/capture/air.rs"]
mod air;
#[allow(dead_code)]
#[path = "../examples/capture/pcapwrite.rs"]
mod pcapwrite;

use sae_section::wpa3_sae_section;

#[test]
fn succeeds_for_several_seeds() {
    for seed in [0, 7, u64::MAX] {
        let mut air = air::Air::new(seed);
        let summary = wpa3_sae_section(seed, &mut air).unwrap();
        assert_eq!(summary.tk_lens, (16, 16));
        assert!(air.log.len() >= 8, "{:?}", air.log);
        // 6 + 2 + 32 + 64 for each commit, 6 + 2 + 32 for each confirm.
        assert_eq!(summary.sae_octets, 2 * 104 + 2 * 40);
        assert_eq!(air.exchanged, 4);
    }
}

#[test]
fn a_flipped_bit_in_any_sae_frame_fails() {
    for frame in 1..=4 {
        let mut air = air::Air::new(3);
        air.tamper = Some(frame);
        let result = wpa3_sae_section(3, &mut air);
        assert!(result.is_err(), "frame {frame} tampered, yet {result:?}");
        let line = format!("frame {frame:>2}:");
        assert!(air.log.iter().any(|l| l.starts_with(&line) && l.contains("TAMPERED")));
    }
}
