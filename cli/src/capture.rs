//! Streaming pcap and pcapng input on `pcap-parser`: one packet at a time, in a buffer of fixed
//! size, so that memory does not grow with the capture. A gzip-compressed capture (`.pcap.gz`,
//! `.pcapng.gz`, as Wireshark reads them and ships its test captures) is decompressed on the
//! way, by `flate2`.

use std::io::{BufRead, BufReader, Read};

use flate2::read::MultiGzDecoder;

use pcap_parser::pcapng::Block;
use pcap_parser::{create_reader, PcapBlockOwned, PcapError};

/// The reader's buffer: the largest block it can hold (a 802.11 frame is at most ~12 kB; an
/// A-MSDU behind radiotap stays well below this).
const BUFFER: usize = 1 << 20;

/// One captured packet.
#[derive(Clone, Copy, Debug)]
pub struct Packet<'a> {
    /// 1-based number of the packet in the capture, as Wireshark counts.
    pub number: u64,
    /// Capture time, microseconds since the Unix epoch.
    pub ts_us: i64,
    /// The link type of its interface (105, 127, 119, 192, 1, ...).
    pub linktype: u32,
    /// The captured octets.
    pub data: &'a [u8],
    /// The length on the wire (larger than `data` when the capture cut the packet).
    pub orig_len: u32,
}

/// Why the capture could not be read (any further).
#[derive(Debug)]
pub enum CaptureError {
    /// Neither a pcap nor a pcapng header.
    NotACapture,
    /// The file could not be read.
    Io(std::io::Error),
    /// The container is damaged at this packet: reading stopped there.
    Damaged {
        /// Packets read before.
        after: u64,
        /// What the reader said.
        what: String,
    },
}

impl std::fmt::Display for CaptureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CaptureError::NotACapture => f.write_str("neither a pcap nor a pcapng file"),
            CaptureError::Io(e) => write!(f, "read error: {e}"),
            CaptureError::Damaged { after, what } => {
                write!(f, "capture damaged after packet {after}: {what}; the rest is not read")
            }
        }
    }
}

impl std::error::Error for CaptureError {}

/// An interface of a pcapng section: link type and time base.
#[derive(Clone, Copy)]
struct Interface {
    linktype: u32,
    /// Units per second.
    resolution: u64,
    /// Seconds added to every timestamp.
    offset: i64,
}

/// Converts `units` at `resolution` per second (plus `offset` seconds) to microseconds,
/// saturating instead of overflowing.
fn to_us(units: u64, resolution: u64, offset: i64) -> i64 {
    let resolution = resolution.max(1);
    let secs = (units / resolution) as i128 + offset as i128;
    let frac = (units % resolution) as i128 * 1_000_000 / resolution as i128;
    (secs * 1_000_000 + frac).clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// Reads until `buf` is full or the source ends: the pcap reader takes a short read of its
/// first block as a file that is not a capture.
struct Fill<R>(R);

impl<R: Read> Read for Fill<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            match self.0.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if n == 0 => return Err(e),
                Err(_) => break,
            }
        }
        Ok(n)
    }
}

/// Reads every packet of a pcap or pcapng stream and hands it to `each`. Stops at the end, or
/// with an error at a damaged container (the packets before it have been handed over). A
/// truncated last packet is the end, reported as [`CaptureError::Damaged`].
pub fn read<R: Read + Send>(input: R, each: impl FnMut(&Packet<'_>)) -> Result<u64, CaptureError> {
    let mut input = BufReader::new(input);
    // The gzip magic (RFC 1952 2.3.1): 1f 8b.
    let gzip = input.fill_buf().map(|b| b.starts_with(&[0x1f, 0x8b])).unwrap_or(false);
    if gzip {
        read_plain(MultiGzDecoder::new(input), each)
    } else {
        read_plain(input, each)
    }
}

/// [`read`] on an uncompressed stream.
fn read_plain<R: Read + Send>(
    input: R,
    mut each: impl FnMut(&Packet<'_>),
) -> Result<u64, CaptureError> {
    let mut reader = match create_reader(BUFFER, Fill(input)) {
        Ok(r) => r,
        Err(PcapError::Eof) | Err(PcapError::HeaderNotRecognized) => {
            return Err(CaptureError::NotACapture)
        }
        Err(PcapError::ReadError) => {
            return Err(CaptureError::Io(std::io::Error::other("read failed")))
        }
        Err(_) => return Err(CaptureError::NotACapture),
    };
    let mut number = 0u64;
    let mut legacy: Option<(u32, bool)> = None; // link type, nanosecond timestamps
    let mut interfaces: Vec<Interface> = Vec::new();
    // Refills in a row without a block: a reader that hands out a few octets at a time needs
    // several; a source that never completes a block ends the read.
    let mut stalled = 0u32;
    loop {
        match reader.next() {
            Ok((offset, block)) => {
                stalled = 0;
                match block {
                    PcapBlockOwned::LegacyHeader(h) => {
                        let nanos = h.magic_number == 0xa1b2_3c4d || h.magic_number == 0x4d3c_b2a1;
                        legacy = Some((h.network.0 as u32, nanos));
                    }
                    PcapBlockOwned::Legacy(b) => {
                        number += 1;
                        let (linktype, nanos) = legacy.unwrap_or((0, false));
                        let frac = if nanos { b.ts_usec as i64 / 1000 } else { b.ts_usec as i64 };
                        let data = b.data.get(..b.caplen as usize).unwrap_or(b.data);
                        each(&Packet {
                            number,
                            ts_us: b.ts_sec as i64 * 1_000_000 + frac,
                            linktype,
                            data,
                            orig_len: b.origlen,
                        });
                    }
                    PcapBlockOwned::NG(Block::SectionHeader(_)) => interfaces.clear(),
                    PcapBlockOwned::NG(Block::InterfaceDescription(idb)) => {
                        // A 16-bit link type; an interface table bounded by what u32 IDs name
                        // is not a memory risk in practice, but cap it anyway.
                        if interfaces.len() < 4096 {
                            interfaces.push(Interface {
                                linktype: idb.linktype.0 as u32,
                                resolution: idb.ts_resolution().unwrap_or(1_000_000),
                                offset: idb.ts_offset(),
                            });
                        }
                    }
                    PcapBlockOwned::NG(Block::EnhancedPacket(epb)) => {
                        number += 1;
                        let iface = interfaces.get(epb.if_id as usize).copied();
                        let iface = iface.unwrap_or(Interface {
                            linktype: 0,
                            resolution: 1_000_000,
                            offset: 0,
                        });
                        let units = (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low);
                        let data = epb.data.get(..epb.caplen as usize).unwrap_or(epb.data);
                        each(&Packet {
                            number,
                            ts_us: to_us(units, iface.resolution, iface.offset),
                            linktype: iface.linktype,
                            data,
                            orig_len: epb.origlen,
                        });
                    }
                    PcapBlockOwned::NG(Block::SimplePacket(spb)) => {
                        number += 1;
                        let linktype = interfaces.first().map_or(0, |i| i.linktype);
                        let data = spb.data.get(..spb.origlen as usize).unwrap_or(spb.data);
                        each(&Packet { number, ts_us: 0, linktype, data, orig_len: spb.origlen });
                    }
                    PcapBlockOwned::NG(_) => {}
                }
                reader.consume(offset);
            }
            Err(PcapError::Eof) => return Ok(number),
            Err(PcapError::Incomplete(_)) => {
                if stalled > 64 {
                    return Err(CaptureError::Damaged {
                        after: number,
                        what: "the last block is truncated".into(),
                    });
                }
                stalled += 1;
                if reader.refill().is_err() {
                    return Err(CaptureError::Damaged {
                        after: number,
                        what: "read error while refilling".into(),
                    });
                }
            }
            Err(PcapError::UnexpectedEof) => {
                return Err(CaptureError::Damaged {
                    after: number,
                    what: "the last block is truncated".into(),
                })
            }
            Err(PcapError::BufferTooSmall) => {
                return Err(CaptureError::Damaged {
                    after: number,
                    what: "a block claims more than 1 MiB".into(),
                })
            }
            Err(e) => {
                let what = match e {
                    PcapError::NomError(_, k) => format!("unparsable block ({k:?})"),
                    PcapError::OwnedNomError(_, k) => format!("unparsable block ({k:?})"),
                    _ => "unparsable block".into(),
                };
                return Err(CaptureError::Damaged { after: number, what });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_convert_without_overflow() {
        assert_eq!(to_us(1_500_000, 1_000_000, 0), 1_500_000);
        assert_eq!(to_us(1_500_000_000, 1_000_000_000, 0), 1_500_000);
        assert_eq!(to_us(3, 2, 10), 11_500_000);
        assert_eq!(to_us(u64::MAX, 1, i64::MAX), i64::MAX);
        assert_eq!(to_us(5, 0, 0), 5_000_000);
    }
}
