//! The fiches the room writes: a group's page asks for its fiche or sends
//! the fields it changed. Each change goes through the one writer as one
//! undo step the facilitator can take back, and the page hears
//! "enregistré" only once it is on disk.

use super::doc::Doc;
use super::remote::{
    FicheField, FicheView, FieldWrite, Outcome, PhoneScreen, PhoneView, Refusal, Request,
};
use crate::domain::drafting::{FieldEdit, FieldKey};
use crate::domain::{DomainError, Op, Sheet, Stamp};
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
    let Request::Write { edits, .. } = request else {
        let _ = reply.send(page(doc, sheet, None));
        return;
    };
    if doc.read_only {
        let _ = reply.send(page(doc, sheet, Some(Refusal::NotSaved)));
        return;
    }
    let by = writer(device);
    let ops: Vec<Op> = edits
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
    let result = match ops.len() {
        0 => Ok(()),
        1 => run(doc, ops.into_iter().next(), lang),
        _ => run(doc, Some(Op::Batch(ops)), lang),
    };
    match result {
        Ok(()) => {
            let answer = page(doc, sheet, None);
            let answer = PhoneView {
                outcome: Some(Outcome::Recorded),
                ..answer
            };
            doc.ack_when_saved(reply, answer);
        }
        Err(e) => {
            let _ = reply.send(page(doc, sheet, Some(Refusal::Rules(e))));
        }
    }
}

fn run(doc: &mut Doc, op: Option<Op>, lang: Lang) -> Result<(), DomainError> {
    match op {
        // One undo step each: the facilitator can take a group's change back.
        Some(op) => doc.run(op, lang).map(|_| ()),
        None => Ok(()),
    }
}

/// How the wall and the kept versions name a device: short, stable.
pub fn writer(device: &str) -> String {
    let short: String = device.chars().take(4).collect();
    format!("appareil {short}")
}

/// The fiche's page now, with `refused` if the request changed nothing.
fn page(doc: &Doc, sheet: &str, refused: Option<Refusal>) -> PhoneView {
    let screen = doc
        .w
        .sheet(sheet)
        .filter(|s| s.drafting.as_ref().is_some_and(|d| !d.hidden))
        .map_or(PhoneScreen::Wait, |s| PhoneScreen::Fiche(Box::new(view(s))));
    PhoneView {
        screen,
        outcome: refused.map(Outcome::Refused),
    }
}

/// What a group's page shows of `sheet`.
pub fn view(sheet: &Sheet) -> FicheView {
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
            })
            .collect(),
    }
}
