//! The WPA3 sections of the roam demonstration beyond SAE (`sae_section.rs`): an Enhanced
//! Open (OWE) association and an FT-SAE-EXT-KEY roam. Each section plays its frames through
//! one hook ([`air::Hook`]), whole frame bodies with their addresses, for the trace, a capture
//! or a tampering test.

pub mod air;
pub mod ft_sae_ext_section;
pub mod handshake;
pub mod owe_section;

/// Runs both sections for the roam demonstration's `main`: one line per step unless `quiet`,
/// a summary line for each, every frame through `hook`. Returns whether both verified.
pub fn run(seed: u64, quiet: bool, hook: air::Hook<'_>) -> bool {
    let mut trace = |line: String| {
        if !quiet {
            println!("  {line}");
        }
    };
    let mut frame = 0;
    let mut hook = |f: &mut air::Played| {
        frame += 1;
        if !quiet {
            let arrow = format!("{} -> {}", f.from, f.to);
            println!("  frame {frame:>2}: {arrow}  {} ({} octets)", f.what, f.body.len());
        }
        hook(f);
    };
    println!("\nEnhanced Open (OWE, group 19) and an FT-SAE-EXT-KEY roam (SAE on group 20)");
    let owe = owe_section::wpa3_owe_section(seed, &mut trace, &mut hook);
    let owe = match owe {
        Ok(s) => {
            println!(
                "  OWE checked on both sides: {}, PMK {} octets, PMKID {}, {} MICs; {} frames, {} octets",
                s.group,
                s.pmk_len,
                s.pmkid,
                s.mic.name(),
                s.frames,
                s.octets
            );
            true
        }
        Err(e) => {
            eprintln!("\nFAILED: OWE: {e}");
            false
        }
    };
    let ft = ft_sae_ext_section::wpa3_ft_sae_ext_section(seed, &mut trace, &mut hook);
    let ft = match ft {
        Ok(s) => {
            println!(
                "  FT-SAE-EXT-KEY checked on both sides: {}, PMK {} octets, KCK {}, FTE MIC {}, \
                 PTKName {}; {} frames, {} octets",
                s.group,
                s.pmk_len,
                s.kck_len,
                s.fte_mic.name(),
                s.ptk_name,
                s.frames,
                s.octets
            );
            true
        }
        Err(e) => {
            eprintln!("\nFAILED: FT-SAE-EXT-KEY: {e}");
            false
        }
    };
    owe && ft
}
