//! The key hierarchy: PSK, PMK and PMKID; PTK and GTK; the FT keys; the CCKM keys; SAE.

pub mod cckm;
pub mod ft;
pub mod owe;
pub mod pmk;
pub mod ptk;
pub mod sae;
