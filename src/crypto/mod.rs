//! Primitives and speed: the HMAC engine, the multi-buffer hashing, PRF/KDF/PBKDF2, MIC dispatch
//! and key wrap. This layer knows no keys by name: it expands and authenticates bytes.

pub(crate) mod aes_cmac;
pub(crate) mod engine;
pub(crate) mod keywrap;
pub(crate) mod lanes;
pub mod mic;
pub mod prf;
