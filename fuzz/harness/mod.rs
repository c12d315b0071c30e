//! The fuzz targets' logic, in one place for both users: each `fuzz_targets/<name>.rs` calls
//! `harness::<name>`, and the stable test `tests/fuzz_corpora.rs` replays every file of
//! `fuzz/corpus/<name>/` and `fuzz/regressions/<name>/` through the same function (and writes
//! the seed corpora from the published vectors).
//!
//! A target must not panic on any input: every assertion here is a property of the library
//! (no panic, the same answer as a naive second transcription, verify = compute then compare,
//! no key bytes in Debug or error output), and a failed one is a bug.

pub mod cckm;
pub mod derive;
pub mod eapol;
pub mod frames;
pub mod ft;
pub mod input;
// The naive second transcription and the suites for frame checks, one copy each, shared with
// the stable tests (they live in tests/common, which the package ships).
#[path = "../../tests/common/naive.rs"]
pub mod naive;
pub mod owe;
#[path = "../../tests/common/rebuild.rs"]
pub mod rebuild;
pub mod sae;
#[path = "../../tests/common/suites.rs"]
pub mod suites;
pub mod values;

pub use cckm::{cckm_request, cckm_response, derive_cckm};
pub use derive::{derive_pairwise, pbkdf2_diff, prf_kdf};
pub use eapol::{eapol_frame, eapol_key_data, identify, kdes};
pub use frames::{eapol_key, ft_elements, kde_typed, rsne};
pub use ft::{derive_ft, fte};
pub use owe::owe;
pub use sae::{sae_commit, sae_confirm, sae_process};
pub use values::{secrets, selectors};

/// A target's name (its `fuzz_targets/` file and corpus directory) and function.
pub type Target = (&'static str, fn(&[u8]));

/// Every target.
pub const TARGETS: [Target; 22] = [
    ("eapol_frame", eapol_frame),
    ("eapol_key_data", eapol_key_data),
    ("kdes", kdes),
    ("identify", identify),
    ("fte", fte),
    ("cckm_request", cckm_request),
    ("cckm_response", cckm_response),
    ("selectors", selectors),
    ("secrets", secrets),
    ("derive_pairwise", derive_pairwise),
    ("derive_ft", derive_ft),
    ("derive_cckm", derive_cckm),
    ("prf_kdf", prf_kdf),
    ("pbkdf2_diff", pbkdf2_diff),
    ("sae_commit", sae_commit),
    ("sae_confirm", sae_confirm),
    ("sae_process", sae_process),
    ("rsne", rsne),
    ("kde_typed", kde_typed),
    ("ft_elements", ft_elements),
    ("eapol_key", eapol_key),
    ("owe", owe),
];
