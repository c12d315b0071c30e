//! Operating channel validation (IEEE 802.11-2020 12.2.9): the Operating Channel Information
//! (OCI) that the OCI KDE, the OCI element (9.4.2.264) and the FTE's OCI subelement carry, and
//! the check a receiver makes against its own channel.
//!
//! The check follows hostap's `ocv_verify_tx_params`, which is what deployed stations and APs
//! enforce: the primary channel must be the receiver's, the receiver must not transmit wider
//! than the sender's channel, the secondary channel of a 40 MHz 2.4 GHz channel must agree, and
//! so must the second segment of an 80+80 MHz channel. Operating classes are the global ones of
//! IEEE 802.11-2020 Annex E, Table E-4.
//!
//! ```
//! use ieee80211_keys::oci::Oci;
//!
//! # fn main() -> Result<(), ieee80211_keys::Error> {
//! // An AP on channel 36, 80 MHz (operating class 128, centre channel 42 left in segment 0).
//! let ap = Oci::new(128, 36, 0);
//! // The station's OCI, as received in message 2/4's OCI KDE: 20 MHz on channel 36.
//! let sta = Oci::parse(&[115, 36, 0])?;
//! // The AP transmits 80 MHz wide: wider than the station reported. Refused.
//! assert!(sta.verify(&ap).is_err());
//! // The station, on 20 MHz, checks the AP's OCI: same primary channel, not wider. Accepted.
//! ap.verify(&sta)?;
//! # Ok(())
//! # }
//! ```

use crate::error::{Error, Result};

/// Element ID Extension of the OCI element (with Element ID 255).
pub const OCI_ELEMENT_ID_EXTENSION: u8 = 54;
/// Element ID of an element with an Element ID Extension.
pub const EXTENSION_ID: u8 = 255;

/// Operating Channel Information (9.4.2.264): operating class, primary channel number, and the
/// channel number of the second 80 MHz segment (0 unless 80+80 MHz).
///
/// ```
/// use ieee80211_keys::oci::Oci;
///
/// let oci = Oci::parse_element(&[255, 4, 54, 128, 36, 0])?;
/// assert_eq!(oci, Oci::new(128, 36, 0));
/// assert_eq!(oci.to_bytes(), [128, 36, 0]);
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Oci {
    /// The global operating class (Annex E).
    pub operating_class: u8,
    /// The primary channel number.
    pub primary_channel: u8,
    /// Frequency Segment 1 Channel Number: the centre channel of the second 80 MHz segment of an
    /// 80+80 MHz channel, else 0.
    pub segment1_channel: u8,
}

/// Band of an operating class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Band {
    Ghz2,
    Ghz5,
    Ghz6,
}

/// What an operating class says: band, width in MHz (80+80 counts as 160), where the secondary
/// 20 MHz channel of a 40 MHz channel lies (+1 above, -1 below, 0 none), and whether a second
/// segment is used (80+80).
struct Class {
    band: Band,
    width: u16,
    secondary: i8,
    two_segments: bool,
}

const fn class(op_class: u8) -> Option<Class> {
    use Band::*;
    let (band, width, secondary) = match op_class {
        81 | 82 => (Ghz2, 20, 0),
        83 => (Ghz2, 40, 1),
        84 => (Ghz2, 40, -1),
        115 | 118 | 121 | 124 | 125 => (Ghz5, 20, 0),
        116 | 119 | 122 | 126 => (Ghz5, 40, 1),
        117 | 120 | 123 | 127 => (Ghz5, 40, -1),
        128 => (Ghz5, 80, 0),
        129 | 130 => (Ghz5, 160, 0),
        131 | 136 => (Ghz6, 20, 0),
        132 => (Ghz6, 40, 0),
        133 => (Ghz6, 80, 0),
        134 | 135 => (Ghz6, 160, 0),
        137 => (Ghz6, 320, 0),
        _ => return None,
    };
    Some(Class { band, width, secondary, two_segments: matches!(op_class, 130 | 135) })
}

fn refuse(reason: &'static str) -> Error {
    Error::Refused { element: "OCI", reason }
}

impl Oci {
    /// The OCI of a channel.
    pub const fn new(operating_class: u8, primary_channel: u8, segment1_channel: u8) -> Oci {
        Oci { operating_class, primary_channel, segment1_channel }
    }

    /// Reads the 3-octet OCI field (the data of an OCI KDE or FTE subelement). Another length
    /// is an error.
    pub fn parse(field: &[u8]) -> Result<Oci> {
        match field {
            &[operating_class, primary_channel, segment1_channel] => {
                Ok(Oci { operating_class, primary_channel, segment1_channel })
            }
            _ => Err(Error::MalformedElement { reason: "OCI: the field is not 3 octets" }),
        }
    }

    /// The 3-octet field.
    pub const fn to_bytes(&self) -> [u8; 3] {
        [self.operating_class, self.primary_channel, self.segment1_channel]
    }

    /// Parses an OCI element: ID 255, length 4, Element ID Extension 54, the OCI field.
    pub fn parse_element(element: &[u8]) -> Result<Oci> {
        match element {
            [EXTENSION_ID, 4, OCI_ELEMENT_ID_EXTENSION, field @ ..] => Oci::parse(field),
            [EXTENSION_ID, len, ..] if usize::from(*len) + 2 != element.len() => {
                Err(Error::MalformedElement {
                    reason: "OCI element: length octet does not match the element's size",
                })
            }
            _ => Err(Error::MalformedElement {
                reason: "OCI element: not ID 255, length 4, extension 54",
            }),
        }
    }

    /// Writes the OCI element into `out`; returns its length (6).
    pub fn write_element(&self, out: &mut [u8]) -> Result<usize> {
        let len = out.len();
        let out = out.get_mut(..6).ok_or(Error::BufferSize { needed: 6, len })?;
        out[..3].copy_from_slice(&[EXTENSION_ID, 4, OCI_ELEMENT_ID_EXTENSION]);
        out[3..].copy_from_slice(&self.to_bytes());
        Ok(6)
    }

    /// The receiver's check of this OCI, received from the peer, against `own`, the channel
    /// the receiver operates on and transmits with (12.2.9; hostap `ocv_verify_tx_params`):
    ///
    /// * both operating classes are known global ones;
    /// * the same band and primary channel;
    /// * `own` is not wider than this OCI's channel;
    /// * on a 40 MHz 2.4 GHz channel, the secondary channel on the same side;
    /// * on an 80+80 MHz channel, the same second segment.
    ///
    /// A failed check is [`Error::Refused`] with the reason.
    pub fn verify(&self, own: &Oci) -> Result<()> {
        let theirs = class(self.operating_class)
            .ok_or(refuse("the received operating class is not a known global one"))?;
        let ours = class(own.operating_class)
            .ok_or(refuse("the receiver's operating class is not a known global one"))?;
        if theirs.band != ours.band || self.primary_channel != own.primary_channel {
            return Err(refuse("primary channel mismatch"));
        }
        if ours.width > theirs.width {
            return Err(refuse("the receiver's channel is wider than the sender's"));
        }
        if ours.width == 40 && ours.band == Band::Ghz2 && ours.secondary != theirs.secondary {
            return Err(refuse("secondary channel mismatch"));
        }
        if ours.two_segments && self.segment1_channel != own.segment1_channel {
            return Err(refuse("frequency segment 1 mismatch"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_round_trip_and_errors() {
        let oci = Oci::new(81, 6, 0);
        let mut e = [0u8; 6];
        assert_eq!(oci.write_element(&mut e), Ok(6));
        assert_eq!(e, [255, 4, 54, 81, 6, 0]);
        assert_eq!(Oci::parse_element(&e), Ok(oci));
        assert!(Oci::parse_element(&e[..5]).is_err());
        assert!(Oci::parse_element(&[255, 4, 55, 81, 6, 0]).is_err());
        assert!(Oci::parse(&[1, 2]).is_err());
        assert_eq!(oci.write_element(&mut [0; 5]), Err(Error::BufferSize { needed: 6, len: 5 }));
    }

    #[test]
    fn the_receiver_checks() {
        let ch6 = Oci::new(81, 6, 0);
        assert_eq!(ch6.verify(&ch6), Ok(()));
        assert!(Oci::new(81, 11, 0).verify(&ch6).is_err());
        // 40 MHz above vs below on 2.4 GHz.
        assert!(Oci::new(83, 6, 0).verify(&Oci::new(84, 6, 0)).is_err());
        assert_eq!(Oci::new(83, 6, 0).verify(&Oci::new(83, 6, 0)), Ok(()));
        // Same channel number in another band.
        assert!(Oci::new(131, 37, 0).verify(&Oci::new(115, 37, 0)).is_err());
        // 80+80: the second segment must agree.
        assert!(Oci::new(130, 36, 155).verify(&Oci::new(130, 36, 171)).is_err());
        assert_eq!(Oci::new(130, 36, 155).verify(&Oci::new(130, 36, 155)), Ok(()));
        assert!(Oci::new(1, 36, 0).verify(&ch6).is_err());
    }
}
