//! Proposals: what the room says, captured as it is said.

use super::error::DomainError;
use super::ids::{AxisKey, ProposalId};
use super::time::Stamp;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Longer than anything said in a meeting, short enough to stay readable;
/// a bigger paste is refused with a message rather than cut silently.
pub const MAX_PROPOSAL_CHARS: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    pub id: ProposalId,
    pub text: String,
    /// Primary axis first, then secondary ones. Empty: not tagged yet.
    #[serde(default)]
    pub axes: Vec<AxisKey>,
    /// Who said it: a person or an organisation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Stamp>,
    /// Set when this proposal was merged into another one. It is kept, with
    /// its text and author, so the merge stays traceable and can be undone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<ProposalId>,
    /// Brought in from another workshop (a synthesis or an import).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<super::source::Source>,
    /// Sent from a phone, then accepted by the facilitator.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_phone: bool,
}

impl Proposal {
    pub fn primary_axis(&self) -> Option<AxisKey> {
        self.axes.first().copied()
    }

    pub fn is_merged(&self) -> bool {
        self.merged_into.is_some()
    }
}

/// Cleans what was typed or pasted without changing what was said: outer
/// blank space goes, Windows line endings become `\n`, control characters
/// (which would garble the projected screen) are dropped; accents, emoji and
/// inner line breaks are kept exactly.
pub fn clean_text(text: &str, max_chars: usize) -> Result<String, DomainError> {
    let cleaned: String = super::text::normalize_newlines(text)
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        return Err(DomainError::EmptyText);
    }
    let chars = cleaned.chars().count();
    if chars > max_chars {
        return Err(DomainError::TextTooLong {
            chars,
            max: max_chars,
        });
    }
    Ok(cleaned.to_string())
}

/// Cleans an optional short field (an author, a name): blank is allowed.
pub fn clean_optional(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

/// Follows merges to the proposal that carries a merged one's dots.
pub fn resolve<S: ::std::hash::BuildHasher>(
    map: &HashMap<ProposalId, ProposalId, S>,
    mut id: ProposalId,
) -> ProposalId {
    // A hand-edited loop is refused at load; the bound is belt and braces.
    for _ in 0..64 {
        match map.get(&id) {
            Some(next) => id = *next,
            None => break,
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_is_refused() {
        assert_eq!(clean_text("", 100), Err(DomainError::EmptyText));
        assert_eq!(clean_text("  \n\t ", 100), Err(DomainError::EmptyText));
    }

    #[test]
    fn accents_emoji_and_line_breaks_are_kept_exactly() {
        let text = "Créer un « guichet » unique 🤝\nà Valence\n\nne\u{301}e";
        assert_eq!(clean_text(text, 100).unwrap(), text);
    }

    #[test]
    fn windows_line_endings_and_escape_codes_are_cleaned() {
        assert_eq!(clean_text(" a\r\nb\x1b[31m \n", 100).unwrap(), "a\nb[31m");
    }

    #[test]
    fn oversized_text_is_refused_not_cut() {
        let text = "é".repeat(101);
        assert_eq!(
            clean_text(&text, 100),
            Err(DomainError::TextTooLong {
                chars: 101,
                max: 100
            })
        );
    }
}
