//! What the analysis keeps of an RSNE or WPA (v1) element, read with the library's parser
//! ([`ieee80211_keys::rsne::Rsne`]): the station's chosen suites and the PMKIDs it names, as
//! owned values a connection holds across frames. Selectors the library has no row for (OWE,
//! SAE-EXT-KEY) are kept raw.

use ieee80211_keys::rsne::Rsne;
use ieee80211_keys::Result;

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
    /// PMKIDs (in an FT reassociation: PMKR0Name or PMKR1Name).
    pub pmkids: Vec<[u8; 16]>,
}

/// Parses an RSNE (ID 48) or a WPA vendor element (ID 221, 00-50-F2:1), header included.
pub fn parse(element: &[u8]) -> Result<RsnInfo> {
    let wpa1 = element.first() == Some(&221);
    let r = if wpa1 { Rsne::parse_wpa(element)? } else { Rsne::parse(element)? };
    Ok(RsnInfo {
        wpa1,
        group: r.group_data_cipher().map(|s| *s.as_bytes()),
        pairwise: r.pairwise_ciphers().map(|s| *s.as_bytes()).collect(),
        akms: r.akms().map(|s| *s.as_bytes()).collect(),
        pmkids: r.pmkids().iter().map(|p| *p.as_bytes()).collect(),
    })
}

/// The AKM suite type of 00-0F-AC:18, OWE.
pub const AKM_OWE: Selector = [0x00, 0x0f, 0xac, 18];

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
        assert_eq!(r.pmkids, vec![[7; 16]]);
        let mut t = e[..e.len() - 1].to_vec();
        t[1] -= 1;
        assert!(parse(&t).is_err());
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
