//! A parsed FTE built again with the library's `FteBuilder`, for the round trips of the tests
//! and the fuzz targets (one copy, included by both).

/// Writes into `out` the FTE the builder makes from `fte`'s nonces, R1KH-ID and R0KH-ID,
/// element count and RSNXE Used bit, with `fte`'s MIC copied into the MIC field (the builder
/// leaves it zero); returns the length.
pub fn rebuild_fte(
    suite: &ieee80211_keys::Suite,
    fte: &ieee80211_keys::ft::Fte<'_>,
    out: &mut [u8],
) -> usize {
    let (r1, r0) = (fte.r1kh_id(), fte.r0kh_id());
    let mut b = ieee80211_keys::ft_elements::FteBuilder::new(suite, fte.anonce(), fte.snonce())
        .unwrap()
        .element_count(fte.element_count())
        .rsnxe_used(fte.rsnxe_used());
    if let Some(r1) = &r1 {
        b = b.r1kh_id(r1);
    }
    if let Some(r0) = &r0 {
        b = b.r0kh_id(r0);
    }
    let n = b.write(out).unwrap();
    out[4..4 + fte.mic().len()].copy_from_slice(fte.mic());
    n
}
