//! SAE Authentication frame bodies (IEEE 802.11-2020 9.3.3.12, 9.4.1.9, 12.4.7): the commit and
//! confirm messages, the anti-clogging token request (status 76) and the group rejection
//! (status 77), with the Password Identifier, Rejected Groups and Anti-Clogging Token
//! Container elements.
//!
//! A body starts with the Authentication Algorithm Number (3 for SAE), the Authentication
//! Transaction Sequence Number (1 commit, 2 confirm) and the Status Code, each 2 octets
//! little-endian. Then, for a commit: the Finite Cyclic Group, the Anti-Clogging Token
//! (hunting-and-pecking only, when the AP asked for one), the scalar, the element (x || y), and
//! the elements in this order: Password Identifier, Rejected Groups and Anti-Clogging Token
//! Container (the last two with hash-to-element only). For a confirm: the Send-Confirm counter
//! and the confirm value.
//!
//! Parsing never panics: every length is checked, and a malformed body is an `Error` that
//! names what was wrong.

use crate::error::{Error, Result};
use crate::keys::sae::{Commit, Confirm, Group, PasswordId, PweMethod, RejectedGroups};

/// The Authentication Algorithm Number of SAE.
pub const SAE_ALGORITHM: u16 = 3;
/// Transaction sequence number of a commit message.
pub const COMMIT_SEQUENCE: u16 = 1;
/// Transaction sequence number of a confirm message.
pub const CONFIRM_SEQUENCE: u16 = 2;

/// The status codes of SAE Authentication frames (IEEE 802.11-2020 Table 9-50).
pub mod status {
    /// Success: a commit by hunting-and-pecking, or a confirm.
    pub const SUCCESS: u16 = 0;
    /// The AP asks for the commit again with its anti-clogging token.
    pub const ANTI_CLOGGING_TOKEN_REQUIRED: u16 = 76;
    /// The finite cyclic group of the commit is not supported.
    pub const UNSUPPORTED_GROUP: u16 = 77;
    /// The password identifier is not known.
    pub const UNKNOWN_PASSWORD_IDENTIFIER: u16 = 123;
    /// A commit by hash-to-element (SAE_HASH_TO_ELEMENT).
    pub const HASH_TO_ELEMENT: u16 = 126;
}

/// The Element ID of the extension elements.
const EXTENSION: u8 = 255;
/// Element ID Extension of the Password Identifier element.
const PASSWORD_IDENTIFIER: u8 = 33;
/// Element ID Extension of the Rejected Groups element.
const REJECTED_GROUPS: u8 = 92;
/// Element ID Extension of the Anti-Clogging Token Container element.
const TOKEN_CONTAINER: u8 = 93;

/// A parsed SAE Authentication frame body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthFrame<'a> {
    /// A commit message (sequence 1, status 0 or 126).
    Commit(CommitFrame<'a>),
    /// A confirm message (sequence 2, status 0).
    Confirm(ConfirmFrame<'a>),
    /// The AP's request for an anti-clogging token (sequence 1, status 76): the group and the
    /// rest of the body, the token itself (hunting-and-pecking) or its container element
    /// (hash-to-element): see [`AuthFrame::token`].
    AntiCloggingRequired {
        /// The finite cyclic group of the refused commit.
        group: u16,
        /// The body after the group.
        token_field: &'a [u8],
    },
    /// The peer does not support the group of our commit (sequence 1, status 77). The group
    /// is echoed when the body carries it.
    UnsupportedGroup {
        /// The refused group, if the body carries it.
        group: Option<u16>,
    },
    /// Any other status: the exchange failed (e.g. 123, unknown password identifier).
    Failure {
        /// The transaction sequence number.
        sequence: u16,
        /// The status code.
        status: u16,
    },
}

/// Splits `n` octets off the front of `data`, or names `what` as truncated.
fn take<'a>(data: &mut &'a [u8], n: usize, what: &'static str) -> Result<&'a [u8]> {
    let Some((head, rest)) = data.split_at_checked(n) else {
        return Err(Error::MalformedFrame { reason: what });
    };
    *data = rest;
    Ok(head)
}

fn le16(data: &mut &[u8], what: &'static str) -> Result<u16> {
    let b = take(data, 2, what)?;
    Ok(u16::from_le_bytes([b[0], b[1]]))
}

impl<'a> AuthFrame<'a> {
    /// Parses an SAE Authentication frame body (from the Authentication Algorithm Number on).
    ///
    /// `token_len` is the length of the anti-clogging token this side asked for, 0 if none:
    /// with hunting-and-pecking the token sits between the group and the scalar with no length
    /// of its own (with hash-to-element it is in its container element and `token_len` is not
    /// used). An unsupported group in a commit is [`Error::UnsupportedGroup`] naming it (answer
    /// with status 77).
    ///
    /// ```
    /// use ieee80211_keys::sae::frame::AuthFrame;
    /// // A confirm message: algorithm 3, sequence 2, status 0, send-confirm 1, 32 octets.
    /// let mut body = [0u8; 40];
    /// body[..8].copy_from_slice(&[3, 0, 2, 0, 0, 0, 1, 0]);
    /// let AuthFrame::Confirm(c) = AuthFrame::parse(&body, 0)? else { panic!() };
    /// assert_eq!(c.send_confirm(), 1);
    /// assert!(AuthFrame::parse(&body[..20], 0).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn parse(body: &'a [u8], token_len: usize) -> Result<AuthFrame<'a>> {
        let mut data = body;
        let algorithm = le16(&mut data, "Authentication frame shorter than its fixed fields")?;
        let sequence = le16(&mut data, "Authentication frame shorter than its fixed fields")?;
        let status = le16(&mut data, "Authentication frame shorter than its fixed fields")?;
        if algorithm != SAE_ALGORITHM {
            return Err(Error::MalformedFrame { reason: "not an SAE Authentication frame" });
        }
        match (sequence, status) {
            (COMMIT_SEQUENCE, status::SUCCESS) => {
                CommitFrame::parse(data, PweMethod::HuntingAndPecking, token_len)
                    .map(AuthFrame::Commit)
            }
            (COMMIT_SEQUENCE, status::HASH_TO_ELEMENT) => {
                CommitFrame::parse(data, PweMethod::HashToElement, 0).map(AuthFrame::Commit)
            }
            (COMMIT_SEQUENCE, status::ANTI_CLOGGING_TOKEN_REQUIRED) => {
                let group = le16(&mut data, "SAE anti-clogging request without a group")?;
                if data.is_empty() {
                    return Err(Error::MalformedFrame {
                        reason: "SAE anti-clogging request without a token",
                    });
                }
                Ok(AuthFrame::AntiCloggingRequired { group, token_field: data })
            }
            (COMMIT_SEQUENCE, status::UNSUPPORTED_GROUP) => {
                let group = match data.len() {
                    0 => None,
                    _ => Some(le16(&mut data, "SAE group rejection with a truncated group")?),
                };
                Ok(AuthFrame::UnsupportedGroup { group })
            }
            (CONFIRM_SEQUENCE, status::SUCCESS) => {
                ConfirmFrame::parse(data).map(AuthFrame::Confirm)
            }
            (COMMIT_SEQUENCE | CONFIRM_SEQUENCE, status) => {
                Ok(AuthFrame::Failure { sequence, status })
            }
            _ => Err(Error::MalformedFrame {
                reason: "SAE transaction sequence number is neither 1 nor 2",
            }),
        }
    }

    /// The token of an anti-clogging request, read as `method` carries it: the whole field
    /// with hunting-and-pecking, the body of the Anti-Clogging Token Container element with
    /// hash-to-element. `None` for the other frames.
    ///
    /// ```
    /// use ieee80211_keys::sae::frame::{write_token_container, AuthFrame};
    /// use ieee80211_keys::sae::PweMethod;
    /// // An AP's request with hash-to-element: status 76, group 19, the token in its container.
    /// let mut body = vec![3, 0, 1, 0, 76, 0, 19, 0];
    /// let mut container = [0u8; 16];
    /// let n = write_token_container(b"token", &mut container)?;
    /// body.extend_from_slice(&container[..n]);
    /// let request = AuthFrame::parse(&body, 0)?;
    /// assert_eq!(request.token(PweMethod::HashToElement).unwrap()?, b"token");
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn token(&self, method: PweMethod) -> Option<Result<&'a [u8]>> {
        let AuthFrame::AntiCloggingRequired { token_field, .. } = *self else { return None };
        Some(match method {
            PweMethod::HuntingAndPecking => Ok(token_field),
            _ => match Elements::new(token_field).next() {
                Some(Ok((TOKEN_CONTAINER, token))) if !token.is_empty() => Ok(token),
                Some(Err(e)) => Err(e),
                _ => Err(Error::MalformedElement {
                    reason: "Anti-Clogging Token Container missing or empty",
                }),
            },
        })
    }

    /// Writes this body into `out` and returns its length. For commits and confirms see
    /// [`CommitFrame::write`] and [`ConfirmFrame::write`]; the anti-clogging request writes
    /// `token_field` as given (a token, or a container element made with
    /// [`write_token_container`]).
    ///
    /// ```
    /// use ieee80211_keys::sae::frame::AuthFrame;
    /// let mut out = [0u8; 16];
    /// let n = AuthFrame::UnsupportedGroup { group: Some(21) }.write(&mut out)?;
    /// assert_eq!(out[..n], [3, 0, 1, 0, 77, 0, 21, 0]);
    /// assert_eq!(AuthFrame::parse(&out[..n], 0)?, AuthFrame::UnsupportedGroup { group: Some(21) });
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn write(&self, out: &mut [u8]) -> Result<usize> {
        match self {
            AuthFrame::Commit(c) => c.write(out),
            AuthFrame::Confirm(c) => c.write(out),
            AuthFrame::AntiCloggingRequired { group, token_field } => {
                let mut w = Writer::new(out);
                w.header(COMMIT_SEQUENCE, status::ANTI_CLOGGING_TOKEN_REQUIRED)?;
                w.put(&group.to_le_bytes())?;
                w.put(token_field)?;
                Ok(w.len)
            }
            AuthFrame::UnsupportedGroup { group } => {
                let mut w = Writer::new(out);
                w.header(COMMIT_SEQUENCE, status::UNSUPPORTED_GROUP)?;
                if let Some(g) = group {
                    w.put(&g.to_le_bytes())?;
                }
                Ok(w.len)
            }
            AuthFrame::Failure { sequence, status } => {
                let mut w = Writer::new(out);
                w.header(*sequence, *status)?;
                Ok(w.len)
            }
        }
    }
}

/// Writes an Anti-Clogging Token Container element (hash-to-element's form of the token) into
/// `out`; returns its length. The token must be 1 to 254 octets.
///
/// ```
/// use ieee80211_keys::sae::frame::write_token_container;
/// let mut out = [0u8; 8];
/// let n = write_token_container(&[0xaa, 0xbb], &mut out)?;
/// assert_eq!(out[..n], [255, 3, 93, 0xaa, 0xbb]); // Extension, length, ID 93, token
/// # Ok::<(), ieee80211_keys::Error>(())
/// ```
pub fn write_token_container(token: &[u8], out: &mut [u8]) -> Result<usize> {
    let mut w = Writer::new(out);
    w.element(TOKEN_CONTAINER, token, "Anti-Clogging Token Container")?;
    Ok(w.len)
}

/// A commit message's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommitFrame<'a> {
    method: PweMethod,
    group: Group,
    token: Option<&'a [u8]>,
    scalar: &'a [u8],
    element: &'a [u8],
    password_id: Option<PasswordId<'a>>,
    rejected_groups: Option<RejectedGroups<'a>>,
}

impl<'a> CommitFrame<'a> {
    /// The commit message for `commit`, its status from `method` (0 or 126), with no token,
    /// identifier or rejected groups (add them with the `with_` methods).
    pub fn new(commit: &'a Commit, method: PweMethod) -> CommitFrame<'a> {
        CommitFrame {
            method,
            group: commit.group(),
            token: None,
            scalar: commit.scalar(),
            element: commit.element(),
            password_id: None,
            rejected_groups: None,
        }
    }

    /// With the anti-clogging token the AP asked for.
    ///
    /// ```
    /// use ieee80211_keys::sae::frame::{AuthFrame, CommitFrame};
    /// use ieee80211_keys::sae::{Commit, Group, PweMethod};
    ///
    /// // Hunting-and-pecking: the token sits between the group and the scalar, with no length.
    /// let commit = Commit::new(Group::P256, &[1; 32], &[2; 64])?;
    /// let frame = CommitFrame::new(&commit, PweMethod::HuntingAndPecking).with_token(b"token");
    /// let mut out = [0u8; 128];
    /// let n = frame.write(&mut out)?;
    /// assert_eq!(out[..13], [3, 0, 1, 0, 0, 0, 19, 0, b't', b'o', b'k', b'e', b'n']);
    /// // The AP that asked for a 5-octet token reads the same frame back.
    /// assert_eq!(AuthFrame::parse(&out[..n], 5)?, AuthFrame::Commit(frame));
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn with_token(self, token: &'a [u8]) -> Self {
        CommitFrame { token: Some(token), ..self }
    }

    /// With a Password Identifier element.
    pub fn with_password_id(self, id: PasswordId<'a>) -> Self {
        CommitFrame { password_id: Some(id), ..self }
    }

    /// With a Rejected Groups element (hash-to-element only).
    ///
    /// ```
    /// use ieee80211_keys::sae::frame::{AuthFrame, CommitFrame};
    /// use ieee80211_keys::sae::{Commit, Group, PweMethod, RejectedGroups};
    ///
    /// // After an AP rejected group 20, the station says so in its next hash-to-element commit.
    /// let commit = Commit::new(Group::P256, &[1; 32], &[2; 64])?;
    /// let frame = CommitFrame::new(&commit, PweMethod::HashToElement)
    ///     .with_rejected_groups(RejectedGroups::new(&[20, 0])?);
    /// let mut out = [0u8; 128];
    /// let n = frame.write(&mut out)?;
    /// assert_eq!(out[n - 5..n], [255, 3, 92, 20, 0]); // Extension, length, ID 92, group 20
    /// assert_eq!(AuthFrame::parse(&out[..n], 0)?, AuthFrame::Commit(frame));
    /// // Hunting-and-pecking has no Rejected Groups element.
    /// let hnp = CommitFrame::new(&commit, PweMethod::HuntingAndPecking)
    ///     .with_rejected_groups(RejectedGroups::new(&[20, 0])?);
    /// assert!(hnp.write(&mut out).is_err());
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn with_rejected_groups(self, list: RejectedGroups<'a>) -> Self {
        CommitFrame { rejected_groups: Some(list), ..self }
    }

    fn parse(mut data: &'a [u8], method: PweMethod, token_len: usize) -> Result<CommitFrame<'a>> {
        let group = Group::from_id(le16(&mut data, "SAE commit without a group")?)?;
        let len = group.prime_len();
        let token = match (method, token_len) {
            (PweMethod::HuntingAndPecking, n) if n > 0 => {
                Some(take(&mut data, n, "SAE commit shorter than the expected token")?)
            }
            _ => None,
        };
        let scalar = take(&mut data, len, "SAE commit shorter than its scalar")?;
        let element = take(&mut data, 2 * len, "SAE commit shorter than its element")?;
        let mut frame = CommitFrame {
            method,
            group,
            token,
            scalar,
            element,
            password_id: None,
            rejected_groups: None,
        };
        let h2e = method == PweMethod::HashToElement;
        let mut last = 0u8;
        for item in Elements::new(data) {
            let (id, body) = item?;
            // Known elements come once and in order (9.3.3.12); others are skipped.
            let rank = match id {
                PASSWORD_IDENTIFIER => 1,
                REJECTED_GROUPS if h2e => 2,
                TOKEN_CONTAINER if h2e => 3,
                _ => continue,
            };
            if rank <= last {
                return Err(Error::MalformedElement {
                    reason: "SAE commit elements repeated or out of order",
                });
            }
            last = rank;
            match id {
                PASSWORD_IDENTIFIER => frame.password_id = Some(PasswordId::new(body)?),
                REJECTED_GROUPS => frame.rejected_groups = Some(RejectedGroups::new(body)?),
                _ if body.is_empty() => {
                    return Err(Error::MalformedElement {
                        reason: "Anti-Clogging Token Container is empty",
                    })
                }
                _ => frame.token = Some(body),
            }
        }
        Ok(frame)
    }

    /// How the PWE was derived (from the status code).
    pub fn method(&self) -> PweMethod {
        self.method
    }

    /// The group.
    pub fn group(&self) -> Group {
        self.group
    }

    /// The anti-clogging token (in the field or in its container).
    pub fn token(&self) -> Option<&'a [u8]> {
        self.token
    }

    /// The Password Identifier, if present.
    pub fn password_id(&self) -> Option<PasswordId<'a>> {
        self.password_id
    }

    /// The Rejected Groups list, if present (hash-to-element).
    pub fn rejected_groups(&self) -> Option<RejectedGroups<'a>> {
        self.rejected_groups
    }

    /// The scalar and element as a [`Commit`] to process.
    pub fn commit(&self) -> Result<Commit> {
        Commit::new(self.group, self.scalar, self.element)
    }

    /// Writes the commit message (from the Authentication Algorithm Number on) into `out` and
    /// returns its length.
    ///
    /// ```
    /// use ieee80211_keys::sae::frame::{AuthFrame, CommitFrame};
    /// use ieee80211_keys::sae::{Commit, Group, PasswordId, PweMethod};
    /// let commit = Commit::new(Group::P256, &[1; 32], &[2; 64])?;
    /// let frame = CommitFrame::new(&commit, PweMethod::HuntingAndPecking)
    ///     .with_password_id(PasswordId::new(b"psk4internet")?);
    /// let mut out = [0u8; 200];
    /// let n = frame.write(&mut out)?;
    /// assert_eq!(n, 6 + 2 + 32 + 64 + 3 + 12);
    /// assert_eq!(AuthFrame::parse(&out[..n], 0)?, AuthFrame::Commit(frame));
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn write(&self, out: &mut [u8]) -> Result<usize> {
        let h2e = self.method == PweMethod::HashToElement;
        if !h2e && self.rejected_groups.is_some() {
            return Err(Error::Unsupported {
                what: "a Rejected Groups element with hunting-and-pecking",
            });
        }
        let mut w = Writer::new(out);
        let status = if h2e { status::HASH_TO_ELEMENT } else { status::SUCCESS };
        w.header(COMMIT_SEQUENCE, status)?;
        w.put(&self.group.id().to_le_bytes())?;
        if let (false, Some(t)) = (h2e, self.token) {
            w.put(t)?;
        }
        w.put(self.scalar)?;
        w.put(self.element)?;
        if let Some(id) = self.password_id {
            w.element(PASSWORD_IDENTIFIER, id.as_bytes(), "Password Identifier")?;
        }
        if let Some(list) = self.rejected_groups {
            w.element(REJECTED_GROUPS, list.as_bytes(), "Rejected Groups")?;
        }
        if let (true, Some(t)) = (h2e, self.token) {
            w.element(TOKEN_CONTAINER, t, "Anti-Clogging Token Container")?;
        }
        Ok(w.len)
    }
}

/// A confirm message's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConfirmFrame<'a> {
    send_confirm: u16,
    value: &'a [u8],
}

impl<'a> ConfirmFrame<'a> {
    /// The confirm message for `confirm`.
    pub fn new(confirm: &'a Confirm) -> ConfirmFrame<'a> {
        ConfirmFrame { send_confirm: confirm.send_confirm(), value: confirm.value() }
    }

    fn parse(mut data: &'a [u8]) -> Result<ConfirmFrame<'a>> {
        let send_confirm = le16(&mut data, "SAE confirm without its send-confirm counter")?;
        if !matches!(data.len(), 32 | 48 | 64) {
            return Err(Error::MalformedFrame {
                reason: "SAE confirm value is not 32, 48 or 64 octets",
            });
        }
        Ok(ConfirmFrame { send_confirm, value: data })
    }

    /// The send-confirm counter.
    pub fn send_confirm(&self) -> u16 {
        self.send_confirm
    }

    /// The fields as a [`Confirm`] to verify.
    pub fn confirm(&self) -> Result<Confirm> {
        Confirm::new(self.send_confirm, self.value)
    }

    /// Writes the confirm message into `out` and returns its length.
    ///
    /// ```
    /// use ieee80211_keys::sae::frame::{AuthFrame, ConfirmFrame};
    /// use ieee80211_keys::sae::Confirm;
    /// let confirm = Confirm::new(1, &[0x11; 32])?;
    /// let mut out = [0u8; 64];
    /// let n = ConfirmFrame::new(&confirm).write(&mut out)?;
    /// assert_eq!(out[..8], [3, 0, 2, 0, 0, 0, 1, 0]); // SAE, sequence 2, success, send-confirm 1
    /// let AuthFrame::Confirm(c) = AuthFrame::parse(&out[..n], 0)? else { unreachable!() };
    /// assert_eq!(c.confirm()?, confirm);
    /// # Ok::<(), ieee80211_keys::Error>(())
    /// ```
    pub fn write(&self, out: &mut [u8]) -> Result<usize> {
        let mut w = Writer::new(out);
        w.header(CONFIRM_SEQUENCE, status::SUCCESS)?;
        w.put(&self.send_confirm.to_le_bytes())?;
        w.put(self.value)?;
        Ok(w.len)
    }
}

/// The extension elements of a body: `(Element ID Extension, body)` for each, an error for a
/// truncated one; elements that are not extension elements come with ID 0.
struct Elements<'a>(&'a [u8]);

impl<'a> Elements<'a> {
    fn new(data: &'a [u8]) -> Self {
        Elements(data)
    }
}

impl<'a> Iterator for Elements<'a> {
    type Item = Result<(u8, &'a [u8])>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.0.is_empty() {
            return None;
        }
        let truncated = Error::MalformedElement { reason: "element truncated in an SAE frame" };
        let parsed = (|| {
            let [id, len, rest @ ..] = self.0 else { return Err(truncated) };
            let (body, after) = rest.split_at_checked(usize::from(*len)).ok_or(truncated)?;
            self.0 = after;
            match (id, body) {
                (&EXTENSION, [ext, body @ ..]) => Ok((*ext, body)),
                (&EXTENSION, []) => Err(Error::MalformedElement {
                    reason: "extension element without its Element ID Extension",
                }),
                _ => Ok((0, body)),
            }
        })();
        if parsed.is_err() {
            self.0 = &[];
        }
        Some(parsed)
    }
}

/// Writes into a caller's buffer, refusing to overrun it.
struct Writer<'o> {
    out: &'o mut [u8],
    len: usize,
}

impl<'o> Writer<'o> {
    fn new(out: &'o mut [u8]) -> Self {
        Writer { out, len: 0 }
    }

    fn put(&mut self, data: &[u8]) -> Result<()> {
        let end = self.len + data.len();
        let available = self.out.len();
        let dst = self
            .out
            .get_mut(self.len..end)
            .ok_or(Error::BufferSize { needed: end, len: available })?;
        dst.copy_from_slice(data);
        self.len = end;
        Ok(())
    }

    fn header(&mut self, sequence: u16, status: u16) -> Result<()> {
        self.put(&SAE_ALGORITHM.to_le_bytes())?;
        self.put(&sequence.to_le_bytes())?;
        self.put(&status.to_le_bytes())
    }

    fn element(&mut self, ext: u8, body: &[u8], what: &'static str) -> Result<()> {
        let len = u8::try_from(body.len() + 1)
            .map_err(|_| Error::InvalidLength { what, len: body.len() })?;
        self.put(&[EXTENSION, len, ext])?;
        self.put(body)
    }
}
