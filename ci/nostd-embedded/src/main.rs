//! A firmware image that derives the Annex J.7 PMK and PMKID at start-up. Linking it proves the
//! library needs neither `std`, `alloc` nor a C library on a microcontroller.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use ieee80211_keys::{Akm, MacAddr, Pmk, Psk, Ssid};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

#[entry]
fn main() -> ! {
    let run = || -> Result<u8, ieee80211_keys::Error> {
        let ssid = Ssid::new(b"ThisIsASSID")?;
        let pmk = Pmk::from_psk(&Psk::from_passphrase("ThisIsAPassword", &ssid)?);
        let aa = MacAddr::new([0xa0, 0xa1, 0xa1, 0xa3, 0xa4, 0xa5]);
        let spa = MacAddr::new([0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5]);
        Ok(pmk.pmkid(Akm::Psk, &aa, &spa)?.as_bytes()[0])
    };
    // Keep the result observable so that nothing is optimised away.
    let first = core::hint::black_box(run());
    core::hint::black_box(&first);
    loop {}
}
