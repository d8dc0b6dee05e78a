//! Writing a fiche field by field: what a field holds, a group's change
//! applied (the other text kept when two wrote the same field), and how
//! far the fiche is.

use super::drafting::{Drafting, FieldEdit, FieldKey, KeptVersion, Written};
use super::items::{Item, ItemEdit};
use super::sheet::{ListKind, NatureKind, PriorityPublic, Reinforcement, Sheet, Tick};
use super::{DomainError, Stamp};

impl FieldKey {
    /// The page's part `list` is (objectives are one text there).
    pub fn of_list(list: ListKind) -> Option<FieldKey> {
        FieldKey::ALL.into_iter().find(|f| f.list() == Some(list))
    }

    /// The list this part is, when it is written item by item.
    pub fn list(self) -> Option<ListKind> {
        match self {
            FieldKey::Partenaires => Some(ListKind::Partenaires),
            FieldKey::Jalons => Some(ListKind::Jalons),
            FieldKey::Budget => Some(ListKind::Budget),
            FieldKey::Indicateurs => Some(ListKind::Indicateurs),
            _ => None,
        }
    }
    /// The field's text in `sheet` (objectives one per line).
    pub fn text(self, sheet: &Sheet) -> String {
        match self {
            FieldKey::Title => sheet.title.clone(),
            FieldKey::Axis => sheet.axis.map(|k| k.to_string()).unwrap_or_default(),
            FieldKey::Nature => sheet.nature.kind.key().to_string(),
            FieldKey::Renforcement => ticks_text(&sheet.nature.renforcement),
            FieldKey::Prioritaires => ticks_text(&sheet.public_cible.prioritaires),
            FieldKey::Referentiel => sheet.referentiel.clone(),
            FieldKey::Priorite => sheet.priorite.clone(),
            FieldKey::Constat => sheet.constat.clone(),
            FieldKey::Objectifs => sheet.objectifs.join("\n"),
            FieldKey::Public => sheet.public_cible.description.clone(),
            FieldKey::Territoire => sheet.territoire.clone(),
            FieldKey::Description => sheet.description.clone(),
            FieldKey::Pilote => sheet.pilote.institution.clone(),
            FieldKey::Contact => sheet.pilote.contact.clone(),
            FieldKey::Gouvernance => sheet.gouvernance.clone(),
            FieldKey::Debut => sheet.calendrier.debut.clone(),
            FieldKey::Fin => sheet.calendrier.fin.clone(),
            FieldKey::Evaluation => sheet.evaluation.clone(),
            FieldKey::Participation => sheet.participation.clone(),
            // A list reads one item a line.
            FieldKey::Partenaires | FieldKey::Jalons | FieldKey::Budget | FieldKey::Indicateurs => {
                self.list()
                    .map(|l| l.items(sheet))
                    .unwrap_or_default()
                    .iter()
                    .map(super::items::Item::line)
                    .collect::<Vec<_>>()
                    .join("\n")
            }
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
            FieldKey::Renforcement => ticks_clean::<Reinforcement>(&text),
            FieldKey::Prioritaires => ticks_clean::<PriorityPublic>(&text),
            f if f.multiline() => text.trim().to_string(),
            _ => text.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }

    /// Whether `text` is one of the field's choices (or no choice); any
    /// text is for the others. Which axes exist is the workshop's to say.
    pub fn offers(self, text: &str) -> bool {
        let text = self.clean(text);
        match self {
            FieldKey::Axis => text.is_empty() || text.parse::<super::ids::AxisKey>().is_ok(),
            FieldKey::Nature => NatureKind::from_key(&text).is_some(),
            FieldKey::Renforcement => ticked::<Reinforcement>(&text).is_some(),
            FieldKey::Prioritaires => ticked::<PriorityPublic>(&text).is_some(),
            _ => true,
        }
    }

    /// `text`, cleaned, put in `sheet`; a list is written item by item
    /// (`item_edited`), never from a text.
    pub fn set(self, sheet: &mut Sheet, text: &str) {
        let text = self.clean(text);
        let slot = match self {
            FieldKey::Objectifs => {
                sheet.objectifs = text.lines().map(String::from).collect();
                return;
            }
            FieldKey::Partenaires | FieldKey::Jalons | FieldKey::Budget | FieldKey::Indicateurs => {
                return;
            }
            FieldKey::Axis => {
                sheet.axis = text.parse().ok();
                return;
            }
            FieldKey::Nature => {
                sheet.nature.kind = NatureKind::from_key(&text).unwrap_or_default();
                return;
            }
            FieldKey::Renforcement => {
                sheet.nature.renforcement = ticked(&text).unwrap_or_default();
                return;
            }
            FieldKey::Prioritaires => {
                sheet.public_cible.prioritaires = ticked(&text).unwrap_or_default();
                return;
            }
            FieldKey::Pilote => &mut sheet.pilote.institution,
            FieldKey::Contact => &mut sheet.pilote.contact,
            FieldKey::Debut => &mut sheet.calendrier.debut,
            FieldKey::Fin => &mut sheet.calendrier.fin,
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

/// Ticks as a field's text: the keys of those ticked, in the template's
/// order, with commas.
fn ticks_text<T: Tick>(ticked: &[T]) -> String {
    T::ALL
        .iter()
        .filter(|t| ticked.contains(t))
        .map(|t| t.key())
        .collect::<Vec<_>>()
        .join(",")
}

/// The ticks a field's text names, in the template's order; none if it
/// names one that is not offered.
fn ticked<T: Tick>(text: &str) -> Option<Vec<T>> {
    let names: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    if names.iter().any(|n| T::ALL.iter().all(|t| t.key() != *n)) {
        return None;
    }
    Some(
        T::ALL
            .iter()
            .copied()
            .filter(|t| names.contains(&t.key()))
            .collect(),
    )
}

/// A ticks text as the field keeps it: each once, in the template's order
/// (one not offered is left for `offers` to refuse).
fn ticks_clean<T: Tick>(text: &str) -> String {
    ticked::<T>(text).map_or_else(|| text.trim().to_string(), |t| ticks_text(&t))
}

/// Who wrote a field nobody wrote from a page: the facilitator, in the
/// terminal.
pub const FACILITATOR: &str = "animation";

/// `sheet` with `edit` applied, or why it may not be: the fiche must be
/// open, shown, and the field not locked. A change from a text the field
/// no longer holds keeps the field's current text as a `KeptVersion`.
pub fn edited(sheet: &Sheet, edit: &FieldEdit) -> Result<Sheet, DomainError> {
    let d = writable(sheet, edit.field)?;
    if edit.field.list().is_some() {
        return Err(DomainError::ItemMismatch);
    }
    if !edit.field.offers(&edit.text) {
        return Err(DomainError::NotAChoice);
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
    mark_written(&mut out, edit.field, &edit.by, edit.at);
    Ok(out)
}

/// The drafting of `sheet` if its page may write `field` now: open, shown,
/// and the field not kept by the facilitator.
fn writable(sheet: &Sheet, field: FieldKey) -> Result<&Drafting, DomainError> {
    let d = sheet.drafting.as_ref().ok_or(DomainError::DraftingClosed)?;
    if d.closed || d.hidden {
        return Err(DomainError::DraftingClosed);
    }
    if d.locked.contains(&field) {
        return Err(DomainError::FieldLocked);
    }
    Ok(d)
}

fn mark_written(sheet: &mut Sheet, field: FieldKey, by: &str, at: Stamp) {
    let d = sheet.drafting.get_or_insert_with(Drafting::default);
    d.written.retain(|w| w.field != field);
    d.written.push(Written {
        field,
        by: by.to_string(),
        at,
    });
}

/// `sheet` with `edit` applied to one of its lists, or why it may not be.
/// The item is found by what it held; when another device changed it
/// meanwhile, a change is added beside theirs (both kept) and a removal
/// leaves theirs alone.
pub fn item_edited(sheet: &Sheet, edit: &ItemEdit) -> Result<Sheet, DomainError> {
    writable(sheet, edit.list)?;
    let list = edit.list.list().ok_or(DomainError::ItemMismatch)?;
    let fits = |i: &Option<Item>| i.as_ref().is_none_or(|i| i.list() == list);
    if !fits(&edit.base) || !fits(&edit.item) {
        return Err(DomainError::ItemMismatch);
    }
    let mut items = list.items(sheet);
    let found = edit.base.as_ref().and_then(|base| {
        let same = |i: &Item| i.values() == base.values();
        edit.index
            .filter(|i| items.get(*i).is_some_and(same))
            .or_else(|| items.iter().position(same))
    });
    match (found, edit.item.clone()) {
        (Some(at), Some(item)) => items[at] = item,
        (Some(at), None) => {
            items.remove(at);
        }
        (None, Some(_)) if repeated_add(sheet, edit, &items) => return Ok(sheet.clone()),
        (None, Some(item)) => items.push(item),
        (None, None) => return Ok(sheet.clone()),
    }
    if items == list.items(sheet) {
        return Ok(sheet.clone());
    }
    let mut out = sheet.clone();
    put_items(&mut out, list, items);
    mark_written(&mut out, edit.list, &edit.by, edit.at);
    Ok(out)
}

/// How long an item added again by the same device counts as the same
/// press: a double tap, or a form the browser sent again after a lost
/// answer.
const REPEAT_SECONDS: i64 = 30;

/// Whether `edit` adds, to the end of the list, the very item the same
/// device added there moments ago: then it is already done.
fn repeated_add(sheet: &Sheet, edit: &ItemEdit, items: &[Item]) -> bool {
    edit.base.is_none()
        && edit.item.is_some()
        && items.last() == edit.item.as_ref()
        && sheet.drafting.as_ref().is_some_and(|d| {
            d.written.iter().any(|w| {
                w.field == edit.list
                    && w.by == edit.by
                    && (edit.at.0 - w.at.0).num_seconds() <= REPEAT_SECONDS
            })
        })
}

/// `items` as `sheet`'s list (each of the list's kind; others dropped).
fn put_items(sheet: &mut Sheet, list: ListKind, items: Vec<Item>) {
    match list {
        ListKind::Objectifs => {}
        ListKind::Partenaires => {
            sheet.partenaires = items
                .into_iter()
                .filter_map(|i| match i {
                    Item::Partner(p) => Some(p),
                    _ => None,
                })
                .collect();
        }
        ListKind::Jalons => {
            sheet.calendrier.jalons = items
                .into_iter()
                .filter_map(|i| match i {
                    Item::Milestone(m) => Some(m),
                    _ => None,
                })
                .collect();
        }
        ListKind::Budget => {
            sheet.budget = items
                .into_iter()
                .filter_map(|i| match i {
                    Item::Budget(b) => Some(b),
                    _ => None,
                })
                .collect();
        }
        ListKind::Indicateurs => {
            sheet.indicateurs = items
                .into_iter()
                .filter_map(|i| match i {
                    Item::Indicator(x) => Some(x),
                    _ => None,
                })
                .collect();
        }
    }
}

/// How far a fiche is: the fields written, and those left "à compléter".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub left: Vec<FieldKey>,
}

impl Progress {
    /// The fields counted: all but the ticks, where none is an answer.
    pub fn all(&self) -> usize {
        self.done + self.left.len()
    }
}

pub fn progress(sheet: &Sheet) -> Progress {
    let counted = || FieldKey::ALL.into_iter().filter(|f| !f.ticks());
    let left: Vec<FieldKey> = counted()
        .filter(|f| f.text(sheet).trim().is_empty())
        .collect();
    Progress {
        done: counted().count() - left.len(),
        left,
    }
}

/// The device that wrote last on `sheet`'s page, and when.
pub fn last_writer(sheet: &Sheet) -> Option<&Written> {
    sheet.drafting.as_ref()?.written.iter().max_by_key(|w| w.at)
}
