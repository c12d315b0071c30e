//! A minimal private reader of the RSNE (IEEE 802.11-2020 9.4.2.24) and the WPA (v1) vendor
//! element: only what the analysis needs (ciphers, AKMs, PMKIDs), selectors kept raw.
//!
//! TO BE REPLACED by the library's `Rsne` parser once it lands (the frames-and-elements work);
//! until then this is the tool's only element parser for the RSNE.

/// A suite selector: OUI and type.
pub type Selector = [u8; 4];

/// What an RSNE or WPA element says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RsnInfo {
    /// The WPA (v1) vendor element rather than the RSNE.
    pub wpa1: bool,
    /// Group data cipher.
    pub group: Option<Selector>,
    /// Pairwise ciphers.
    pub pairwise: Vec<Selector>,
    /// AKMs.
    pub akms: Vec<Selector>,
    /// RSN Capabilities.
    pub caps: u16,
    /// PMKIDs (in an FT reassociation: PMKR0Name or PMKR1Name).
    pub pmkids: Vec<[u8; 16]>,
}

fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    let (a, b) = rest.split_at_checked(n)?;
    *rest = b;
    Some(a)
}

fn list(rest: &mut &[u8], out: &mut Vec<Selector>) -> Result<(), &'static str> {
    let n = take(rest, 2).ok_or("RSNE: suite count truncated")?;
    let n = usize::from(u16::from_le_bytes([n[0], n[1]]));
    for _ in 0..n {
        let s = take(rest, 4).ok_or("RSNE: suite list truncated")?;
        out.push([s[0], s[1], s[2], s[3]]);
    }
    Ok(())
}

/// Parses an RSNE (ID 48) or a WPA vendor element (ID 221, 00-50-F2:1), header included.
/// Fields after the version are optional, as the standard allows; a truncated one is an error.
pub fn parse(element: &[u8]) -> Result<RsnInfo, &'static str> {
    let [id, len, body @ ..] = element else { return Err("RSNE: shorter than its header") };
    if usize::from(*len) != body.len() {
        return Err("RSNE: length octet does not match");
    }
    let mut rest = body;
    let mut info = RsnInfo::default();
    match id {
        48 => {}
        221 if body.starts_with(&[0x00, 0x50, 0xf2, 1]) => {
            info.wpa1 = true;
            rest = &body[4..];
        }
        _ => return Err("not an RSNE or WPA element"),
    }
    let v = take(&mut rest, 2).ok_or("RSNE: version truncated")?;
    if v != [1, 0] {
        return Err("RSNE: version is not 1");
    }
    if rest.is_empty() {
        return Ok(info);
    }
    let g = take(&mut rest, 4).ok_or("RSNE: group cipher truncated")?;
    info.group = Some([g[0], g[1], g[2], g[3]]);
    if rest.is_empty() {
        return Ok(info);
    }
    list(&mut rest, &mut info.pairwise)?;
    if rest.is_empty() {
        return Ok(info);
    }
    list(&mut rest, &mut info.akms)?;
    if rest.is_empty() || info.wpa1 {
        return Ok(info);
    }
    let c = take(&mut rest, 2).ok_or("RSNE: capabilities truncated")?;
    info.caps = u16::from_le_bytes([c[0], c[1]]);
    if rest.is_empty() {
        return Ok(info);
    }
    let n = take(&mut rest, 2).ok_or("RSNE: PMKID count truncated")?;
    for _ in 0..u16::from_le_bytes([n[0], n[1]]) {
        let p = take(&mut rest, 16).ok_or("RSNE: PMKID list truncated")?;
        let mut id = [0u8; 16];
        id.copy_from_slice(p);
        info.pmkids.push(id);
    }
    Ok(info)
}

/// The AKM suite type of 00-0F-AC:18, OWE, which the library has no row for.
pub const AKM_OWE: Selector = [0x00, 0x0f, 0xac, 18];
/// 00-0F-AC:24, SAE with a group-dependent hash (SAE-EXT-KEY).
pub const AKM_SAE_EXT: Selector = [0x00, 0x0f, 0xac, 24];
/// 00-0F-AC:25, FT over SAE-EXT-KEY.
pub const AKM_FT_SAE_EXT: Selector = [0x00, 0x0f, 0xac, 25];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_rsne_with_a_pmkid() {
        let mut e = vec![48, 0, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0];
        e.extend_from_slice(&[0, 0x0f, 0xac, 2, 0x0c, 0, 1, 0]);
        e.extend_from_slice(&[7; 16]);
        e[1] = (e.len() - 2) as u8;
        let r = parse(&e).unwrap();
        assert_eq!(r.akms, vec![[0, 0x0f, 0xac, 2]]);
        assert_eq!(r.pairwise, vec![[0, 0x0f, 0xac, 4]]);
        assert_eq!((r.caps, r.pmkids.clone()), (0x0c, vec![[7; 16]]));
        for n in 2..e.len() {
            let mut t = e[..n].to_vec();
            t[1] = (n - 2) as u8;
            let _ = parse(&t); // never a panic; prefixes at field boundaries parse
        }
        let mut t = e[..e.len() - 1].to_vec();
        t[1] -= 1;
        assert_eq!(parse(&t), Err("RSNE: PMKID list truncated"));
    }

    #[test]
    fn reads_a_wpa1_element() {
        let e = [
            221, 22, 0, 0x50, 0xf2, 1, 1, 0, 0, 0x50, 0xf2, 2, 1, 0, 0, 0x50, 0xf2, 2, 1, 0, 0,
            0x50, 0xf2, 2,
        ];
        let r = parse(&e).unwrap();
        assert!(r.wpa1);
        assert_eq!(r.akms, vec![[0, 0x50, 0xf2, 2]]);
    }
}
