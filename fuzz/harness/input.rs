//! How a fuzz input becomes typed arguments, and back.
//!
//! Each target declares its arguments once with [`fuzz_input!`]; the macro writes both the
//! reader (fuzz bytes to arguments, never failing: a short input reads as zeros and empty
//! slices) and the writer (arguments to bytes, for the seed corpora). Encodings:
//! integers little-endian; a suite or a protocol one octet modulo the number of choices; a
//! byte string (`&[u8]`) one length octet then the octets; `Option<T>` one flag octet (odd:
//! present) then `T`; [`Rest`] whatever is left (last field only).

use ieee80211_keys::{cckm::Protocol, Akm, Cipher};

/// A cursor over the fuzz input.
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Input { data }
    }

    /// Up to `n` octets (fewer when the input runs out).
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let (now, rest) = self.data.split_at(n.min(self.data.len()));
        self.data = rest;
        now
    }

    /// The next octet, or 0.
    pub fn byte(&mut self) -> u8 {
        self.take(1).first().copied().unwrap_or(0)
    }

    /// The next `N` octets, zero-padded.
    pub fn array<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        let got = self.take(N);
        out[..got.len()].copy_from_slice(got);
        out
    }

    pub fn rest(&mut self) -> &'a [u8] {
        core::mem::take(&mut self.data)
    }
}

/// One argument of a target: read from the fuzz input, written back for a seed.
pub trait Field<'a>: Sized {
    fn read(r: &mut Input<'a>) -> Self;
    fn write(&self, w: &mut Vec<u8>);
}

macro_rules! int_field {
    ($($t:ty),*) => {$(
        impl<'a> Field<'a> for $t {
            fn read(r: &mut Input<'a>) -> Self {
                <$t>::from_le_bytes(r.array())
            }
            fn write(&self, w: &mut Vec<u8>) {
                w.extend_from_slice(&self.to_le_bytes());
            }
        }
    )*};
}
int_field!(u8, u16, u32, u64);

impl<'a> Field<'a> for bool {
    fn read(r: &mut Input<'a>) -> Self {
        r.byte() & 1 == 1
    }
    fn write(&self, w: &mut Vec<u8>) {
        w.push(u8::from(*self));
    }
}

impl<'a, const N: usize> Field<'a> for [u8; N] {
    fn read(r: &mut Input<'a>) -> Self {
        r.array()
    }
    fn write(&self, w: &mut Vec<u8>) {
        w.extend_from_slice(self);
    }
}

/// A byte string of 0 to 255 octets, after its length octet.
impl<'a> Field<'a> for &'a [u8] {
    fn read(r: &mut Input<'a>) -> Self {
        let n = r.byte();
        r.take(usize::from(n))
    }
    fn write(&self, w: &mut Vec<u8>) {
        let n = u8::try_from(self.len()).expect("a byte string field holds at most 255 octets");
        w.push(n);
        w.extend_from_slice(self);
    }
}

impl<'a, T: Field<'a>> Field<'a> for Option<T> {
    fn read(r: &mut Input<'a>) -> Self {
        bool::read(r).then(|| T::read(r))
    }
    fn write(&self, w: &mut Vec<u8>) {
        match self {
            None => w.push(0),
            Some(t) => {
                w.push(1);
                t.write(w);
            }
        }
    }
}

/// Everything after the other fields.
#[derive(Clone, Copy, Debug, Default)]
pub struct Rest<'a>(pub &'a [u8]);

impl<'a> Field<'a> for Rest<'a> {
    fn read(r: &mut Input<'a>) -> Self {
        Rest(r.rest())
    }
    fn write(&self, w: &mut Vec<u8>) {
        w.extend_from_slice(self.0);
    }
}

/// A closed set of values chosen by one octet.
macro_rules! choice_field {
    ($t:ty, $all:expr) => {
        impl<'a> Field<'a> for $t {
            fn read(r: &mut Input<'a>) -> Self {
                let all = $all;
                all[usize::from(r.byte()) % all.len()]
            }
            fn write(&self, w: &mut Vec<u8>) {
                let i = $all.iter().position(|x| x == self).expect("a listed value");
                w.push(i as u8);
            }
        }
    };
}
choice_field!(Akm, Akm::ALL);
choice_field!(Cipher, Cipher::ALL);
choice_field!(Protocol, [Protocol::Wpa, Protocol::Rsn]);

/// Declares a target's arguments: a struct, its reader `read(&[u8])` and its writer
/// `to_bytes()`.
macro_rules! fuzz_input {
    ($(#[$meta:meta])* $name:ident { $($field:ident: $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        pub struct $name<'a> {
            $(pub $field: $ty,)*
        }

        impl<'a> $name<'a> {
            pub fn read(data: &'a [u8]) -> Self {
                let mut r = $crate::harness::input::Input::new(data);
                $name { $($field: $crate::harness::input::Field::read(&mut r),)* }
            }

            pub fn to_bytes(&self) -> Vec<u8> {
                let mut w = Vec::new();
                $($crate::harness::input::Field::write(&self.$field, &mut w);)*
                w
            }
        }
    };
}
pub(crate) use fuzz_input;
