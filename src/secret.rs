//! The one mechanism that holds key bytes.
//!
//! Every secret type of the crate ([`Psk`], [`Pmk`], [`Kck`], ...) is a newtype over
//! [`SecretBytes`], declared with the `secret_type!` macro below, so that the rules are written
//! once:
//! - the bytes live in a fixed-capacity array (no allocation) with a length;
//! - they are zeroized when the value is dropped;
//! - equality is [`ConstantTimeEq`] only: there is no `PartialEq`, no `Copy`;
//! - `Debug` prints the type name and the length, never a key byte.
//!
//! Key bytes leave a secret only through `as_bytes`, which callers need to install keys.

use core::fmt;

use subtle::{Choice, ConstantTimeEq};
use zeroize::{DefaultIsZeroes, Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Error, Result};

/// `N` octets that [`Zeroize`] wipes as one value: a single volatile write of the whole array,
/// which the compiler emits as a few wide stores. (`zeroize` on a plain `[u8; N]` writes one
/// octet at a time, which costs about as much as a third of a hash compression per 64 octets.)
/// Every buffer of the crate that holds key material is one of these.
#[derive(Clone, Copy)]
pub(crate) struct Octets<const N: usize>(pub(crate) [u8; N]);

impl<const N: usize> Default for Octets<N> {
    fn default() -> Self {
        Octets([0; N])
    }
}

impl<const N: usize> DefaultIsZeroes for Octets<N> {}

impl<const N: usize> AsRef<[u8]> for Octets<N> {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl<const N: usize> AsMut<[u8]> for Octets<N> {
    fn as_mut(&mut self) -> &mut [u8] {
        &mut self.0
    }
}

/// A zeroed scratch buffer for key material, wiped (as one value) when dropped.
pub(crate) fn scratch<const N: usize>() -> Zeroizing<Octets<N>> {
    Zeroizing::new(Octets::default())
}

/// Fixed-capacity secret storage: `len` octets used out of `N`.
#[derive(Clone)]
pub(crate) struct SecretBytes<const N: usize> {
    bytes: Octets<N>,
    len: usize,
}

impl<const N: usize> SecretBytes<N> {
    /// Creates `len` zero octets and lets `fill` write them. The buffer is zeroized on drop even
    /// if `fill` fails.
    #[inline]
    pub(crate) fn fill_with(
        len: usize,
        fill: impl FnOnce(&mut [u8]) -> Result<()>,
    ) -> Result<Self> {
        if len > N {
            return Err(Error::OutputTooLong { requested: len, max: N });
        }
        let mut s = SecretBytes { bytes: Octets::default(), len };
        fill(&mut s.bytes.0[..len])?;
        Ok(s)
    }

    /// Copies another secret's bytes, truncated to `N` (crate-internal conversions between
    /// secret types whose allowed lengths nest, e.g. PSK into PMK).
    #[allow(dead_code)]
    pub(crate) fn copy_of<const M: usize>(src: &SecretBytes<M>) -> Self {
        Self::from_prefix(src.as_bytes())
    }

    /// The first `N` octets of `src` (all of them when the caller checked the length): built in
    /// place, with no `Result` around it to be moved out of (a derivation that splits its
    /// output into several secrets checks their lengths first, then builds them with this).
    #[inline]
    pub(crate) fn from_prefix(src: &[u8]) -> Self {
        let len = src.len().min(N);
        let mut s = SecretBytes { bytes: Octets::default(), len };
        s.bytes.0[..len].copy_from_slice(&src[..len]);
        s
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        // `len <= N` is an invariant of every constructor.
        self.bytes.0.get(..self.len).unwrap_or(&[])
    }
}

impl<const N: usize> ConstantTimeEq for SecretBytes<N> {
    fn ct_eq(&self, other: &Self) -> Choice {
        // Lengths are public (they follow from the suite); contents are compared in constant time.
        if self.len != other.len {
            return Choice::from(0);
        }
        self.as_bytes().ct_eq(other.as_bytes())
    }
}

impl<const N: usize> Drop for SecretBytes<N> {
    fn drop(&mut self) {
        self.bytes.zeroize();
        self.len = 0;
    }
}

impl<const N: usize> ZeroizeOnDrop for SecretBytes<N> {}

/// Writes the redacted form shared by every secret type.
pub(crate) fn fmt_redacted(f: &mut fmt::Formatter<'_>, name: &str, len: usize) -> fmt::Result {
    write!(f, "{name}({len} octets, redacted)")
}

/// Declares a secret newtype over [`SecretBytes`].
///
/// `lengths` is a pattern of the octet lengths the standard allows for the value; `from_bytes`
/// refuses every other length.
macro_rules! secret_type {
    (
        $(#[$meta:meta])*
        $name:ident, capacity = $cap:literal, lengths = $($len:pat_param)|+, what = $what:literal
    ) => {
        $(#[$meta])*
        ///
        /// Zeroized on drop; compared only in constant time ([`subtle::ConstantTimeEq`]); its
        /// `Debug` shows the length, never the key bytes.
        #[derive(Clone)]
        pub struct $name($crate::secret::SecretBytes<$cap>);

        impl $name {
            /// Takes the key bytes. Refuses a length the standard does not allow for this key.
            pub fn from_bytes(bytes: &[u8]) -> $crate::Result<Self> {
                Self::fill_with(bytes.len(), |out| {
                    out.copy_from_slice(bytes);
                    Ok(())
                })
            }

            /// The key bytes, e.g. to install the key in a driver. Handle with care: the copy
            /// you make is not zeroized for you.
            pub fn as_bytes(&self) -> &[u8] {
                self.0.as_bytes()
            }

            /// Length in octets.
            #[allow(clippy::len_without_is_empty)]
            pub fn len(&self) -> usize {
                self.0.as_bytes().len()
            }

            /// Whether the standard allows `len` octets for this key.
            pub(crate) fn allows(len: usize) -> bool {
                matches!(len, $($len)|+)
            }

            /// The key from `bytes`, whose length the caller checked with `allows` (a longer
            /// one would be truncated to the capacity, never accepted whole).
            #[allow(dead_code)]
            #[inline]
            pub(crate) fn from_checked(bytes: &[u8]) -> Self {
                Self($crate::secret::SecretBytes::from_prefix(bytes))
            }

            /// Creates the key with `len` octets written by `fill` (crate-internal: derivations
            /// write straight into the secret's storage).
            #[allow(dead_code)]
            pub(crate) fn fill_with(
                len: usize,
                fill: impl FnOnce(&mut [u8]) -> $crate::Result<()>,
            ) -> $crate::Result<Self> {
                if !Self::allows(len) {
                    return Err($crate::Error::InvalidLength { what: $what, len });
                }
                $crate::secret::SecretBytes::fill_with(len, fill).map(Self)
            }
        }

        impl subtle::ConstantTimeEq for $name {
            fn ct_eq(&self, other: &Self) -> subtle::Choice {
                self.0.ct_eq(&other.0)
            }
        }

        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                $crate::secret::fmt_redacted(f, stringify!($name), self.len())
            }
        }

        impl zeroize::ZeroizeOnDrop for $name {}
    };
}

pub(crate) use secret_type;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_refuses_over_capacity() {
        assert!(SecretBytes::<4>::fill_with(5, |_| Ok(())).is_err());
        let s = SecretBytes::<4>::fill_with(3, |o| {
            o.copy_from_slice(&[1, 2, 3]);
            Ok(())
        })
        .unwrap();
        assert_eq!(s.as_bytes(), &[1, 2, 3]);
    }

    #[test]
    fn ct_eq_compares_length_and_content() {
        let a = SecretBytes::<4>::fill_with(2, |o| {
            o.copy_from_slice(&[1, 2]);
            Ok(())
        })
        .unwrap();
        let b = SecretBytes::<4>::fill_with(3, |o| {
            o.copy_from_slice(&[1, 2, 0]);
            Ok(())
        })
        .unwrap();
        assert!(!bool::from(a.ct_eq(&b)));
        assert!(bool::from(a.ct_eq(&a.clone())));
    }
}
