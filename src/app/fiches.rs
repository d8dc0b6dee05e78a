//! The fiches the room writes: a group's page asks for its fiche or sends
//! the fields it changed. Each change goes through the one writer as one
//! undo step the facilitator can take back, and the page hears
//! "enregistré" only once it is on disk.

use super::doc::Doc;
use super::remote::{
    FicheField, FicheView, FieldWrite, ItemWrite, Outcome, PhoneScreen, PhoneView, Refusal, Request,
};
use crate::domain::drafting::{FieldEdit, FieldKey};
use crate::domain::items::{Item, ItemEdit, ItemError};
use crate::domain::{Op, Sheet, Stamp, Workshop};
use crate::i18n::Lang;
use tokio::sync::oneshot::Sender;

/// A request under fiche `sheet`'s code.
pub fn handle(
    doc: &mut Doc,
    device: &str,
    sheet: &str,
    request: Request,
    now: Stamp,
    lang: Lang,
    reply: Sender<PhoneView>,
) {
    let Request::Write { edits, items, .. } = request else {
        let _ = reply.send(page(doc, sheet, None, None));
        return;
    };
    if doc.read_only {
        let _ = reply.send(page(doc, sheet, Some(Refusal::NotSaved), None));
        return;
    }
    let by = writer(device);
    let mut ops: Vec<Op> = edits
        .into_iter()
        .map(|FieldWrite { field, base, text }| Op::EditSheetField {
            sheet: sheet.to_string(),
            edit: Box::new(FieldEdit {
                field,
                base,
                text,
                by: by.clone(),
                at: now,
            }),
        })
        .collect();
    let mut refused: Option<(Refusal, Option<ItemWrite>)> = None;
    for write in items {
        match item_op(sheet, &write, &by, now) {
            Ok(Some(op)) => ops.push(op),
            Ok(None) => {}
            Err(e) => refused = refused.or(Some((Refusal::Item(e), Some(write)))),
        }
    }
    // Each change by itself, one undo step each: one refused (an empty
    // title) never takes the others' words with it.
    for op in ops {
        if !crate::domain::ops::changes_a_sheet(&doc.w, &op) {
            continue;
        }
        if let Err(e) = doc.run(op, lang) {
            refused = refused.or(Some((Refusal::Rules(e), None)));
        }
    }
    let (refusal, typed) = refused.map_or((None, None), |(r, t)| (Some(r), t));
    let outcome = match refusal {
        Some(r) => Outcome::Refused(r),
        None => Outcome::Recorded,
    };
    let answer = PhoneView {
        outcome: Some(outcome),
        ..page(doc, sheet, None, typed)
    };
    // Also when nothing changed: what the page then shows (the same item
    // another press just added) is said saved only once it is on disk.
    doc.ack_when_saved(reply, answer);
}

/// The change an item sent by a page asks for, checked as the terminal
/// checks it; nothing when it asks none (an empty new row).
fn item_op(sheet: &str, write: &ItemWrite, by: &str, at: Stamp) -> Result<Option<Op>, ItemError> {
    let Some(list) = write.list.list() else {
        return Ok(None);
    };
    let read = |values: &[String]| {
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        Item::read(list, &values)
    };
    let item = write.values.as_deref().map(read).transpose()?;
    // What the page showed reads back as it was shown; a base that does
    // not (a forged form) is no item, and the change adds rather than
    // replaces.
    let base = write.base.as_deref().and_then(|b| read(b).ok());
    if item.is_none() && base.is_none() {
        return Ok(None);
    }
    Ok(Some(Op::EditSheetItem {
        sheet: sheet.to_string(),
        edit: Box::new(ItemEdit {
            list: write.list,
            index: write.index,
            base,
            item,
            by: by.to_string(),
            at,
        }),
    }))
}

/// How the wall and the kept versions name a device: short, stable.
pub fn writer(device: &str) -> String {
    let short: String = device.chars().take(4).collect();
    format!("appareil {short}")
}

/// The fiche's page now, with `refused` if the request changed nothing
/// and the item it `typed` that could not be kept.
fn page(doc: &Doc, sheet: &str, refused: Option<Refusal>, typed: Option<ItemWrite>) -> PhoneView {
    let screen = doc
        .w
        .sheet(sheet)
        .filter(|s| s.drafting.as_ref().is_some_and(|d| !d.hidden))
        .map_or(PhoneScreen::Wait, |s| {
            PhoneScreen::Fiche(Box::new(FicheView {
                typed,
                ..view(&doc.w, s)
            }))
        });
    PhoneView {
        screen,
        outcome: refused.map(Outcome::Refused),
    }
}

/// What a group's page shows of `sheet`, one of `w`'s.
pub fn view(w: &Workshop, sheet: &Sheet) -> FicheView {
    let d = sheet.drafting.clone().unwrap_or_default();
    FicheView {
        id: sheet.id.clone(),
        title: sheet.title.clone(),
        open: !d.closed,
        fields: FieldKey::ALL
            .into_iter()
            .map(|key| FicheField {
                key,
                text: key.text(sheet),
                locked: d.locked.contains(&key),
                kept: sheet
                    .kept
                    .iter()
                    .filter(|k| k.field == key)
                    .map(|k| (k.by.clone(), k.text.clone()))
                    .collect(),
                rows: key
                    .list()
                    .map(|l| l.items(sheet).iter().map(Item::values).collect())
                    .unwrap_or_default(),
            })
            .collect(),
        axes: w.axes().iter().map(|a| (a.key, a.title.clone())).collect(),
        budget: sheet.budget_summary(),
        typed: None,
    }
}
