//! Writing a fiche field by field: what a field holds, a group's change
//! applied (the other text kept when two wrote the same field), and how
//! far the fiche is.

use super::DomainError;
use super::drafting::{Drafting, FieldEdit, FieldKey, KeptVersion, Written};
use super::sheet::Sheet;

impl FieldKey {
    /// The field's text in `sheet` (objectives one per line).
    pub fn text(self, sheet: &Sheet) -> String {
        match self {
            FieldKey::Title => sheet.title.clone(),
            FieldKey::Referentiel => sheet.referentiel.clone(),
            FieldKey::Priorite => sheet.priorite.clone(),
            FieldKey::Constat => sheet.constat.clone(),
            FieldKey::Objectifs => sheet.objectifs.join("\n"),
            FieldKey::Public => sheet.public_cible.description.clone(),
            FieldKey::Territoire => sheet.territoire.clone(),
            FieldKey::Description => sheet.description.clone(),
            FieldKey::Gouvernance => sheet.gouvernance.clone(),
            FieldKey::Evaluation => sheet.evaluation.clone(),
            FieldKey::Participation => sheet.participation.clone(),
        }
    }

    /// `text` as the field keeps it, cleaned as the terminal's forms clean
    /// it: one line for the short fields, trimmed for the others, one
    /// objective per non-empty line. What `text` of the sheet reads back.
    pub fn clean(self, text: &str) -> String {
        let text = super::text::normalize_newlines(text);
        match self {
            FieldKey::Objectifs => text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            f if f.multiline() => text.trim().to_string(),
            _ => text.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }

    /// `text`, cleaned, put in `sheet`.
    pub fn set(self, sheet: &mut Sheet, text: &str) {
        let text = self.clean(text);
        let slot = match self {
            FieldKey::Objectifs => {
                sheet.objectifs = text.lines().map(String::from).collect();
                return;
            }
            FieldKey::Title => &mut sheet.title,
            FieldKey::Referentiel => &mut sheet.referentiel,
            FieldKey::Priorite => &mut sheet.priorite,
            FieldKey::Constat => &mut sheet.constat,
            FieldKey::Public => &mut sheet.public_cible.description,
            FieldKey::Territoire => &mut sheet.territoire,
            FieldKey::Description => &mut sheet.description,
            FieldKey::Gouvernance => &mut sheet.gouvernance,
            FieldKey::Evaluation => &mut sheet.evaluation,
            FieldKey::Participation => &mut sheet.participation,
        };
        *slot = text;
    }
}

/// Who wrote a field nobody wrote from a page: the facilitator, in the
/// terminal.
pub const FACILITATOR: &str = "animation";

/// `sheet` with `edit` applied, or why it may not be: the fiche must be
/// open, shown, and the field not locked. A change from a text the field
/// no longer holds keeps the field's current text as a `KeptVersion`.
pub fn edited(sheet: &Sheet, edit: &FieldEdit) -> Result<Sheet, DomainError> {
    let d = sheet.drafting.as_ref().ok_or(DomainError::DraftingClosed)?;
    if d.closed || d.hidden {
        return Err(DomainError::DraftingClosed);
    }
    if d.locked.contains(&edit.field) {
        return Err(DomainError::FieldLocked);
    }
    let current = edit.field.text(sheet);
    if edit.field.clean(&edit.text) == current {
        return Ok(sheet.clone());
    }
    let clean_base = edit.field.clean(&edit.base);
    let mut out = sheet.clone();
    if clean_base != current && !current.is_empty() {
        let by = d
            .written
            .iter()
            .find(|w| w.field == edit.field)
            .map_or_else(|| FACILITATOR.to_string(), |w| w.by.clone());
        out.kept.push(KeptVersion {
            field: edit.field,
            text: current,
            by,
            at: edit.at,
        });
    }
    // A writer typing on from its own text set aside meanwhile: that text
    // is in what it writes now (one kept per writer, not every pause).
    out.kept
        .retain(|k| !(k.field == edit.field && k.by == edit.by && k.text == clean_base));
    edit.field.set(&mut out, &edit.text);
    let d = out.drafting.get_or_insert_with(Drafting::default);
    d.written.retain(|w| w.field != edit.field);
    d.written.push(Written {
        field: edit.field,
        by: edit.by.clone(),
        at: edit.at,
    });
    Ok(out)
}

/// How far a fiche is: the fields written, and those left "à compléter".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub left: Vec<FieldKey>,
}

pub fn progress(sheet: &Sheet) -> Progress {
    let left: Vec<FieldKey> = FieldKey::ALL
        .into_iter()
        .filter(|f| f.text(sheet).trim().is_empty())
        .collect();
    Progress {
        done: FieldKey::ALL.len() - left.len(),
        left,
    }
}

/// The device that wrote last on `sheet`'s page, and when.
pub fn last_writer(sheet: &Sheet) -> Option<&Written> {
    sheet.drafting.as_ref()?.written.iter().max_by_key(|w| w.at)
}
