//! The key hierarchy: PSK, PMK and PMKID; PTK and GTK; the FT keys; the CCKM keys; SAE and OWE, and their ECC groups.

pub mod cckm;
pub mod ft;
pub mod group;
pub mod owe;
pub mod pmk;
pub mod ptk;
pub mod sae;
