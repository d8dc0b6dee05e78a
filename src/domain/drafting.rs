//! The room drafts its fiches: each drafted sheet can be opened to a
//! sub-group, under its own short code, and written field by field from a
//! phone or a laptop. A change names the field, the text the writer
//! started from (`base`) and the new text: never a whole-fiche overwrite.
//! When two write the same field, the later text stands and the other is
//! kept beside it, so nothing typed is lost.

use super::Stamp;
use serde::{Deserialize, Serialize};

/// The parts of a fiche a group writes from its page, in the template's
/// order: texts written whole, and lists (partners, milestones, budget,
/// indicators) written item by item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKey {
    Title,
    /// The Pacte axis, chosen among the workshop's (its key's digit).
    Axis,
    /// New or reinforced (`nouvelle`, `renforcee`), empty while undecided.
    Nature,
    /// How a reinforced action is: the ticked ones' keys, with commas.
    Renforcement,
    Referentiel,
    Priorite,
    Constat,
    /// One objective per line.
    Objectifs,
    Public,
    /// The priority publics ticked, their keys with commas.
    Prioritaires,
    Territoire,
    Description,
    /// The institution that leads the action.
    Pilote,
    Contact,
    Partenaires,
    Gouvernance,
    Debut,
    Fin,
    Jalons,
    Budget,
    Indicateurs,
    Evaluation,
    Participation,
}

impl FieldKey {
    pub const ALL: [FieldKey; 23] = [
        FieldKey::Title,
        FieldKey::Axis,
        FieldKey::Nature,
        FieldKey::Renforcement,
        FieldKey::Referentiel,
        FieldKey::Priorite,
        FieldKey::Constat,
        FieldKey::Objectifs,
        FieldKey::Public,
        FieldKey::Prioritaires,
        FieldKey::Territoire,
        FieldKey::Description,
        FieldKey::Pilote,
        FieldKey::Contact,
        FieldKey::Partenaires,
        FieldKey::Gouvernance,
        FieldKey::Debut,
        FieldKey::Fin,
        FieldKey::Jalons,
        FieldKey::Budget,
        FieldKey::Indicateurs,
        FieldKey::Evaluation,
        FieldKey::Participation,
    ];

    /// Its name in a form and in the file.
    pub fn key(self) -> &'static str {
        match self {
            FieldKey::Title => "title",
            FieldKey::Axis => "axis",
            FieldKey::Nature => "nature",
            FieldKey::Renforcement => "renforcement",
            FieldKey::Referentiel => "referentiel",
            FieldKey::Priorite => "priorite",
            FieldKey::Constat => "constat",
            FieldKey::Objectifs => "objectifs",
            FieldKey::Public => "public",
            FieldKey::Prioritaires => "prioritaires",
            FieldKey::Territoire => "territoire",
            FieldKey::Description => "description",
            FieldKey::Pilote => "pilote",
            FieldKey::Contact => "contact",
            FieldKey::Partenaires => "partenaires",
            FieldKey::Gouvernance => "gouvernance",
            FieldKey::Debut => "debut",
            FieldKey::Fin => "fin",
            FieldKey::Jalons => "jalons",
            FieldKey::Budget => "budget",
            FieldKey::Indicateurs => "indicateurs",
            FieldKey::Evaluation => "evaluation",
            FieldKey::Participation => "participation",
        }
    }

    pub fn from_key(key: &str) -> Option<FieldKey> {
        FieldKey::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Whether the field is one of a few choices (a select on the page),
    /// its text the chosen one's key.
    pub fn choice(self) -> bool {
        matches!(self, FieldKey::Axis | FieldKey::Nature)
    }

    /// Whether the field is ticks (boxes on the page), none or several;
    /// none ticked is an answer, so it is never "à compléter".
    pub fn ticks(self) -> bool {
        matches!(self, FieldKey::Prioritaires | FieldKey::Renforcement)
    }

    /// Whether the text keeps its line breaks (the others are one line).
    pub fn multiline(self) -> bool {
        !matches!(
            self,
            FieldKey::Title
                | FieldKey::Axis
                | FieldKey::Nature
                | FieldKey::Renforcement
                | FieldKey::Prioritaires
                | FieldKey::Referentiel
                | FieldKey::Priorite
                | FieldKey::Territoire
                | FieldKey::Pilote
                | FieldKey::Contact
                | FieldKey::Debut
                | FieldKey::Fin
                | FieldKey::Partenaires
                | FieldKey::Jalons
                | FieldKey::Budget
                | FieldKey::Indicateurs
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

/// A group's change to one text: the text its page started from and the
/// text it has now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldEdit {
    pub field: FieldKey,
    pub base: String,
    pub text: String,
    pub by: String,
    pub at: Stamp,
}
