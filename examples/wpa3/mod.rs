//! The WPA3 sections of the roam demonstration beyond SAE (`sae_section.rs`): an Enhanced
//! Open (OWE) association and an FT-SAE-EXT-KEY roam. Each section plays its frames on the
//! example's one air (`examples/capture/air.rs`): every frame its receiver checks through
//! [`Air::exchange`] (so a test or `--tamper` can alter it), its trace lines with
//! [`Air::note`], and the PMK the capture tool needs with [`Air::key`].

pub mod ft_sae_ext_section;
pub mod handshake;
pub mod owe_section;

use super::air::Air;
use ieee80211_keys::{elements, Error, MacAddr, Nonce};

/// Runs both sections for the roam demonstration's `main` on `air`: their trace unless
/// `quiet`, and a summary line for each. Returns whether both verified.
pub fn run(seed: u64, quiet: bool, air: &mut Air) -> bool {
    println!("\nEnhanced Open (OWE, group 19) and an FT-SAE-EXT-KEY roam (SAE on group 20)");
    let print = |air: &Air, from: usize| {
        if !quiet {
            air.log[from..].iter().for_each(|line| println!("  {line}"));
        }
    };
    let (from, frames) = (air.log.len(), air.exchanged);
    let owe = owe_section::wpa3_owe_section(seed, air);
    print(air, from);
    let owe = match owe {
        Ok(s) => {
            println!(
                "  OWE checked on both sides: {}, PMK {} octets, PMKID {}, {} MICs; {} frames",
                s.group,
                s.pmk_len,
                s.pmkid,
                s.mic.name(),
                air.exchanged - frames
            );
            true
        }
        Err(e) => {
            eprintln!("\nFAILED: OWE: {e}");
            false
        }
    };
    let (from, frames) = (air.log.len(), air.exchanged);
    let ft = ft_sae_ext_section::wpa3_ft_sae_ext_section(seed, air);
    print(air, from);
    let ft = match ft {
        Ok(s) => {
            println!(
                "  FT-SAE-EXT-KEY checked on both sides: {}, PMK {} octets, KCK {}, FTE MIC {}, \
                 PTKName {}; {} frames",
                s.group,
                s.pmk_len,
                s.kck_len,
                s.fte_mic.name(),
                s.ptk_name,
                air.exchanged - frames
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

/// A check that must hold; the demonstration stops with this reason otherwise.
pub fn ensure(holds: bool, what: &'static str) -> Result<(), Error> {
    if holds {
        Ok(())
    } else {
        Err(Error::MalformedFrame { reason: what })
    }
}

/// The first element with this ID among `ies`; its absence is an error with `what`.
pub fn find<'a>(ies: &'a [u8], id: u8, what: &'static str) -> Result<&'a [u8], Error> {
    elements::find(ies, id)?.ok_or(Error::MalformedFrame { reason: what })
}

/// The lowercase hex of key bytes, for the keys file.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The demonstration's deterministic generator (SplitMix64, shared with the SAE section; a
/// real station draws from its operating system's generator).
pub use super::sae_section::DemoRng;

/// What the sections draw from the generator.
pub trait Draw {
    /// A locally administered unicast address ending in `last`.
    fn mac(&mut self, last: u8) -> MacAddr;
    /// A nonce.
    fn nonce(&mut self) -> Nonce;
    /// `N` random octets.
    fn bytes<const N: usize>(&mut self) -> [u8; N];
}

impl<R: rand_core::Rng> Draw for R {
    fn mac(&mut self, last: u8) -> MacAddr {
        let mut a: [u8; 6] = self.bytes();
        a[0] = 0x02;
        a[5] = last;
        MacAddr::new(a)
    }

    fn nonce(&mut self) -> Nonce {
        Nonce::new(self.bytes())
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut b = [0u8; N];
        self.fill_bytes(&mut b);
        b
    }
}
