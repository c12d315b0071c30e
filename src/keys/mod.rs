//! The key hierarchy: PSK, PMK and PMKID; PTK and GTK; the FT keys; the CCKM keys.

pub mod cckm;
pub mod ft;
pub mod pmk;
pub mod ptk;
