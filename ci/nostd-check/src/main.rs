//! Calls the library from a binary with no `std`, no `alloc` and its own panic handler.
#![no_std]
#![no_main]

use ieee80211_keys::{Akm, Cipher, MacAddr, Nonce, Pairwise, Pmk, Psk, Ptk, Ssid, Suite};

// The host's C library provides the C runtime start-up and `memcpy`/`memset`: nothing of Rust's
// `std`.
#[link(name = "c")]
extern "C" {}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

/// The precompiled `core` refers to the unwinding personality even with `panic = "abort"`;
/// nothing calls it here.
#[no_mangle]
pub extern "C" fn rust_eh_personality() {}

/// The C entry point (the host's C runtime calls it); returns 0 when the J.7 KCK comes out.
#[no_mangle]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    let run = || -> Result<bool, ieee80211_keys::Error> {
        let ssid = Ssid::new(b"ThisIsASSID")?;
        let pmk = Pmk::from_psk(&Psk::from_passphrase("ThisIsAPassword", &ssid)?);
        let aa = MacAddr::new([0xa0, 0xa1, 0xa1, 0xa3, 0xa4, 0xa5]);
        let spa = MacAddr::new([0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5]);
        let mut an = [0u8; 32];
        let mut sn = [0u8; 32];
        let a = *b"\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff\x00\x01\x02\x03\x04\x05";
        let s = *b"\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf\xe0\xe1\xe2\xe3\xe4\xe5";
        an.copy_from_slice(&a);
        sn.copy_from_slice(&s);
        let suite = Suite::new(Akm::Psk, Cipher::Ccmp128, pmk.len())?;
        let pairwise = Pairwise { aa, spa, anonce: Nonce::new(an), snonce: Nonce::new(sn) };
        let ptk = Ptk::derive(&pmk, &suite, &pairwise)?;
        Ok(ptk.kck().as_bytes()[..4] == [0x37, 0x9f, 0x98, 0x52])
    };
    match run() {
        Ok(true) => 0,
        _ => 1,
    }
}
