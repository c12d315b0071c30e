//! EAPOL-Key frames: MIC computation and verification, Key Data encryption.

use crate::ptk::Kck;

/// A key that can key an EAPOL-Key MIC: the PTK's [`Kck`], or, for message 2/4 of a CCKM
/// initial association, the KRK (`cckm.md` §5). Sealed: only the crate's key types implement it.
pub trait MicKey: private::Sealed {
    /// The key octets.
    fn mic_key_bytes(&self) -> &[u8];
}

impl MicKey for Kck {
    fn mic_key_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

pub(crate) mod private {
    /// Seals [`super::MicKey`].
    pub trait Sealed {}
    impl Sealed for crate::ptk::Kck {}
}
