//! wifi-keycheck: every handshake and roam in a Wi-Fi capture, its keys checked with the
//! `ieee80211-keys` library, its time explained.
//!
//! The binary is a thin shell over these modules: [`capture`] reads pcap/pcapng as a stream,
//! [`link`] removes the capture headers, [`frame`] walks each 802.11 frame, [`analyze`] follows
//! every station through authentication, EAP, the 4-way handshake and its roams and checks
//! every MIC, PMKID and name with the library, [`decrypt`] opens the data frames, [`hashcat`]
//! reads and writes hashcat's 22000 lines, [`report`] prints the verdicts.

pub mod analyze;
pub mod api;
pub mod capture;
pub mod decrypt;
pub mod frame;
pub mod fuzzing;
pub mod hashcat;
pub mod keys;
pub mod link;
/// The pcap writer the roam example writes its capture with: one file, shared.
#[path = "../../examples/capture/pcapwrite.rs"]
pub mod pcapwrite;
pub mod report;
pub mod rsn;
pub mod tkip;
#[cfg(test)]
mod vectors;
