//! The room drafts its fiches: each drafted sheet can be opened to a
//! sub-group, under its own short code, and written field by field from a
//! phone or a laptop. A change names the field, the text the writer
//! started from (`base`) and the new text: never a whole-fiche overwrite.
//! When two write the same field, the later text stands and the other is
//! kept beside it, so nothing typed is lost.

use super::Stamp;
use serde::{Deserialize, Serialize};

/// The fields a group writes from its page, in the template's order. The
/// lists with amounts and years (partners, budget, indicators) and the
/// pilot's and calendar's parts are written in the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKey {
    Title,
    Referentiel,
    Priorite,
    Constat,
    /// One objective per line.
    Objectifs,
    Public,
    Territoire,
    Description,
    Gouvernance,
    Evaluation,
    Participation,
}

impl FieldKey {
    pub const ALL: [FieldKey; 11] = [
        FieldKey::Title,
        FieldKey::Referentiel,
        FieldKey::Priorite,
        FieldKey::Constat,
        FieldKey::Objectifs,
        FieldKey::Public,
        FieldKey::Territoire,
        FieldKey::Description,
        FieldKey::Gouvernance,
        FieldKey::Evaluation,
        FieldKey::Participation,
    ];

    /// Its name in a form and in the file.
    pub fn key(self) -> &'static str {
        match self {
            FieldKey::Title => "title",
            FieldKey::Referentiel => "referentiel",
            FieldKey::Priorite => "priorite",
            FieldKey::Constat => "constat",
            FieldKey::Objectifs => "objectifs",
            FieldKey::Public => "public",
            FieldKey::Territoire => "territoire",
            FieldKey::Description => "description",
            FieldKey::Gouvernance => "gouvernance",
            FieldKey::Evaluation => "evaluation",
            FieldKey::Participation => "participation",
        }
    }

    pub fn from_key(key: &str) -> Option<FieldKey> {
        FieldKey::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Whether the field keeps its line breaks (the others are one line).
    pub fn multiline(self) -> bool {
        !matches!(
            self,
            FieldKey::Title | FieldKey::Referentiel | FieldKey::Priorite | FieldKey::Territoire
        )
    }
}

/// A sheet open to a group: its code, and what the facilitator allows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drafting {
    /// The short code its page is opened with (`http://…/R4KX9P`).
    pub code: String,
    /// Drafting is over: the page shows the fiche, read-only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closed: bool,
    /// The page is hidden from the group for now.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// Fields only the facilitator writes (the budget the State will
    /// negotiate, a title agreed on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locked: Vec<FieldKey>,
    /// Who last wrote each field from a page, and when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub written: Vec<Written>,
}

/// A field's last writer from a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Written {
    pub field: FieldKey,
    /// The device that wrote it, as the wall names it.
    pub by: String,
    pub at: Stamp,
}

/// A text that was written over by a later one in the same field: kept,
/// one tap away, never lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeptVersion {
    pub field: FieldKey,
    pub text: String,
    /// Who had written it (a device, or the facilitator).
    pub by: String,
    /// When it was set aside.
    pub at: Stamp,
}

/// A group's change to one field: the text its page started from and the
/// text it has now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldEdit {
    pub field: FieldKey,
    pub base: String,
    pub text: String,
    pub by: String,
    pub at: Stamp,
}
