//! What travels on the air: EAPOL-Key frames (the view, the builder, the typed read), their Key
//! Data and KDEs, the RSNE and its kin, the FT elements, the CCKM elements, the SAE Authentication frame bodies.

pub mod cckm;
pub mod eapol;
pub mod eapol_key;
pub mod elements;
pub mod ft;
pub mod ft_elements;
pub mod kde;
pub mod oci;
pub mod owe;
pub mod rsne;
pub mod sae;
