//! What the WPA3 sections of the roam demonstration put on the air, and the small tools they
//! share: every frame goes through one hook (the caller's trace, capture or tamper point), as a
//! whole frame body with its addresses, so that a capture can write it as it was played.

use ieee80211_keys::{elements, Error, MacAddr, Nonce};

/// The kind of a frame, which fixes what its body starts with (IEEE 802.11-2020 9.3.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Authentication: Authentication Algorithm, Transaction Sequence, Status Code (2 octets
    /// each, little-endian), then the algorithm's fields and elements (9.3.3.12).
    Authentication,
    /// Association Request: Capability Information, Listen Interval, elements (9.3.3.6).
    AssociationRequest,
    /// Association Response: Capability Information, Status Code, AID, elements (9.3.3.7).
    AssociationResponse,
    /// Reassociation Request: Capability Information, Listen Interval, Current AP Address,
    /// elements (9.3.3.8).
    ReassociationRequest,
    /// Reassociation Response: as the Association Response (9.3.3.9).
    ReassociationResponse,
    /// An EAPOL frame (here always EAPOL-Key), carried in a Data frame after the LLC/SNAP
    /// header with EtherType 88-8E.
    Eapol,
}

impl Kind {
    /// Octets of fixed fields before the elements (Authentication: before the algorithm's
    /// fields; EAPOL: none, the body is the EAPOL frame).
    pub const fn fixed_len(self) -> usize {
        match self {
            Kind::Authentication => 6,
            Kind::AssociationRequest => 4,
            Kind::AssociationResponse | Kind::ReassociationResponse => 6,
            Kind::ReassociationRequest => 10,
            Kind::Eapol => 0,
        }
    }
}

/// One frame on the air: who sent it to whom in which BSS, its kind, a line for the trace and
/// its body. The hook may change the body (a flipped bit): the receiver reads it as it left.
#[derive(Clone, Debug)]
pub struct Played {
    /// Transmitter.
    pub from: MacAddr,
    /// Receiver.
    pub to: MacAddr,
    /// The BSSID.
    pub bssid: MacAddr,
    /// What the body is.
    pub kind: Kind,
    /// One line for the trace.
    pub what: String,
    /// The frame body (management frames) or the EAPOL frame.
    pub body: Vec<u8>,
}

/// The hook every played frame goes through.
pub type Hook<'a> = &'a mut dyn FnMut(&mut Played);

/// The air of one section: the hook, and what went over it.
pub struct Air<'h> {
    hook: Hook<'h>,
    /// Frames played.
    pub frames: usize,
    /// Octets of their bodies.
    pub octets: usize,
}

impl<'h> Air<'h> {
    /// The air through `hook`.
    pub fn new(hook: Hook<'h>) -> Air<'h> {
        Air { hook, frames: 0, octets: 0 }
    }

    /// Plays a frame; returns its body as received.
    pub fn play(
        &mut self,
        (from, to, bssid): (MacAddr, MacAddr, MacAddr),
        kind: Kind,
        what: String,
        body: Vec<u8>,
    ) -> Vec<u8> {
        let mut frame = Played { from, to, bssid, kind, what, body };
        (self.hook)(&mut frame);
        self.frames += 1;
        self.octets += frame.body.len();
        frame.body
    }
}

/// Capability Information of every frame here: ESS and Privacy (9.4.1.4).
const CAPABILITY: [u8; 2] = [0x11, 0x00];
/// Listen Interval, in Beacon intervals.
const LISTEN_INTERVAL: [u8; 2] = [10, 0];

/// An Authentication frame body.
pub fn authentication(algorithm: u16, seq: u16, status: u16, rest: &[u8]) -> Vec<u8> {
    let head = [algorithm.to_le_bytes(), seq.to_le_bytes(), status.to_le_bytes()].concat();
    [&head[..], rest].concat()
}

/// An Association Request body.
pub fn association_request(ies: &[u8]) -> Vec<u8> {
    [&CAPABILITY[..], &LISTEN_INTERVAL, ies].concat()
}

/// A Reassociation Request body (the Current AP Address is the AP the station leaves).
pub fn reassociation_request(current_ap: &MacAddr, ies: &[u8]) -> Vec<u8> {
    [&CAPABILITY[..], &LISTEN_INTERVAL, current_ap.as_bytes(), ies].concat()
}

/// An (Re)Association Response body: status 0 (success) and the AID.
pub fn association_response(aid: u16, ies: &[u8]) -> Vec<u8> {
    let aid = (aid | 0xc000).to_le_bytes();
    [&CAPABILITY[..], &[0, 0], &aid, ies].concat()
}

/// The Status Code of a received Authentication or (Re)Association Response body, and what
/// follows the fixed fields.
pub fn status_and_rest(kind: Kind, body: &[u8]) -> Result<(u16, &[u8]), Error> {
    let status_at = match kind {
        Kind::Authentication => 4,
        Kind::AssociationResponse | Kind::ReassociationResponse => 2,
        _ => return Err(Error::MalformedFrame { reason: "this frame has no Status Code" }),
    };
    let short = Error::MalformedFrame { reason: "frame body shorter than its fixed fields" };
    let status = body.get(status_at..status_at + 2).ok_or(short)?;
    let rest = body.get(kind.fixed_len()..).ok_or(short)?;
    Ok((u16::from_le_bytes([status[0], status[1]]), rest))
}

/// The elements of a received request body, after its fixed fields.
pub fn request_elements(kind: Kind, body: &[u8]) -> Result<&[u8], Error> {
    body.get(kind.fixed_len()..)
        .ok_or(Error::MalformedFrame { reason: "frame body shorter than its fixed fields" })
}

/// The SSID element.
pub fn ssid_element(ssid: &[u8]) -> Vec<u8> {
    [&[0, ssid.len() as u8][..], ssid].concat()
}

/// A check that must hold; the demonstration stops with this reason otherwise.
pub fn ensure(holds: bool, what: &'static str) -> Result<(), Error> {
    if holds {
        Ok(())
    } else {
        Err(Error::MalformedFrame { reason: what })
    }
}

/// The first element with this ID among `ies`; its absence is an error with `what`.
pub fn find<'a>(ies: &'a [u8], id: u8, what: &'static str) -> Result<&'a [u8], Error> {
    elements::find(ies, id)?.ok_or(Error::MalformedFrame { reason: what })
}

/// The demonstration's deterministic generator (SplitMix64, shared with the SAE section; a
/// real station draws from its operating system's generator).
pub use super::super::sae_section::DemoRng;

/// What the sections draw from the generator.
pub trait Draw {
    /// A locally administered unicast address ending in `last`.
    fn mac(&mut self, last: u8) -> MacAddr;
    /// A nonce.
    fn nonce(&mut self) -> Nonce;
    /// `N` random octets.
    fn bytes<const N: usize>(&mut self) -> [u8; N];
}

impl<R: rand_core::Rng> Draw for R {
    fn mac(&mut self, last: u8) -> MacAddr {
        let mut a: [u8; 6] = self.bytes();
        a[0] = 0x02;
        a[5] = last;
        MacAddr::new(a)
    }

    fn nonce(&mut self) -> Nonce {
        Nonce::new(self.bytes())
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut b = [0u8; N];
        self.fill_bytes(&mut b);
        b
    }
}
