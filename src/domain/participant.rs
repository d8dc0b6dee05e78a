//! The people in the room, and the *collège* they speak for.

use super::ids::ParticipantId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub college: Option<College>,
    /// The personal code this participant votes with from a phone, when a
    /// round asks for codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The groups whose voices a concertation balances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum College {
    /// State services, local authorities, CAF, CPAM, France Travail…
    Institutions,
    Associations,
    /// People with lived experience of poverty.
    PersonnesConcernees,
    /// Employers, social economy, anyone else.
    Autres,
}

impl College {
    pub const ALL: [College; 4] = [
        College::Institutions,
        College::Associations,
        College::PersonnesConcernees,
        College::Autres,
    ];

    /// The key of its label in the translation catalogue.
    pub fn label_key(self) -> &'static str {
        match self {
            College::Institutions => "college.institutions",
            College::Associations => "college.associations",
            College::PersonnesConcernees => "college.personnes_concernees",
            College::Autres => "college.autres",
        }
    }

    /// The key of its short label (a column heading).
    pub fn short_key(self) -> &'static str {
        match self {
            College::Institutions => "college.short_institutions",
            College::Associations => "college.short_associations",
            College::PersonnesConcernees => "college.short_personnes_concernees",
            College::Autres => "college.short_autres",
        }
    }

    /// Understands what a facilitator types or pastes, in French or English,
    /// with or without accents.
    pub fn parse(text: &str) -> Option<College> {
        let t = fold(text);
        let t = t.trim();
        if t.is_empty() {
            return None;
        }
        if t.starts_with("instit") || t == "etat" {
            Some(College::Institutions)
        } else if t.starts_with("asso") {
            Some(College::Associations)
        } else if t.starts_with("personne") || t.starts_with("people") || t == "pc" {
            Some(College::PersonnesConcernees)
        } else if t.starts_with("autre") || t.starts_with("other") || t.starts_with("entreprise") {
            Some(College::Autres)
        } else {
            None
        }
    }
}

/// Lower case without French accents, for lenient matching.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// One line of a pasted participant list: `Name ; Organisation ; Collège`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantLine {
    pub name: String,
    pub organisation: String,
    pub college: Option<College>,
    /// The third column was filled but not understood.
    pub unknown_college: Option<String>,
}

/// Parses a pasted list, one participant per line; blank lines are skipped.
/// Tabs are accepted as separators too (a column copied from a spreadsheet).
pub fn parse_participant_list(text: &str) -> Vec<ParticipantLine> {
    super::text::filled_lines(text)
        .iter()
        .map(|line| {
            let sep = if line.contains(';') { ';' } else { '\t' };
            let mut cols = line.split(sep).map(str::trim);
            let name = cols.next().unwrap_or_default().to_string();
            let organisation = cols.next().unwrap_or_default().to_string();
            let college_text = cols.next().unwrap_or_default();
            let college = College::parse(college_text);
            let unknown_college =
                (college.is_none() && !college_text.is_empty()).then(|| college_text.to_string());
            ParticipantLine {
                name,
                organisation,
                college,
                unknown_college,
            }
        })
        .filter(|p| !p.name.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colleges_are_recognised_with_or_without_accents() {
        assert_eq!(
            College::parse("Personnes concernées"),
            Some(College::PersonnesConcernees)
        );
        assert_eq!(
            College::parse(" ASSOCIATIONS "),
            Some(College::Associations)
        );
        assert_eq!(College::parse("Institution"), Some(College::Institutions));
        assert_eq!(College::parse("inconnu"), None);
        assert_eq!(College::parse(""), None);
    }

    #[test]
    fn a_pasted_list_gives_one_participant_per_line() {
        let list = "Marie Dupont ; CAF de la Drôme ; Institutions\n\n  Karim B. ; ; personnes concernées\nLéa\tSecours populaire\tassociations\nJean ; X ; ???\n";
        let lines = parse_participant_list(list);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0].name, "Marie Dupont");
        assert_eq!(lines[0].organisation, "CAF de la Drôme");
        assert_eq!(lines[1].organisation, "");
        assert_eq!(lines[1].college, Some(College::PersonnesConcernees));
        assert_eq!(lines[2].college, Some(College::Associations));
        assert_eq!(lines[3].unknown_college.as_deref(), Some("???"));
    }
}
