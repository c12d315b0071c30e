//! Every multi-buffer path of the crate, and the only module that allows `unsafe`: the
//! compression kernels ([`kernel`]: sixteen SHA-1 computations side by side, the run-time
//! dispatch) and, here, what runs on them.
#![allow(unsafe_code)]

mod kernel;

pub(crate) use kernel::*;
