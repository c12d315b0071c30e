//! What travels on the air: EAPOL-Key frames, their Key Data and KDEs.

pub mod cckm;
pub mod eapol;
pub mod ft;
