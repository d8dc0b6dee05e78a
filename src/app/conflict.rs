//! When someone else changes the workshop file while it is open (a hand
//! edit, a shared drive syncing, another workshop renamed over it), the
//! writer stops saving over it: their version goes to the backups, ours to
//! a copy beside the file, and the facilitator chooses — load theirs, keep
//! ours, or compare first. A deleted file is simply written again.

use super::doc::{Doc, Notice};
use super::effect::{Effect, Fx};
use super::{Confirm, ConfirmKind, Overlay};
use crate::domain::compare::{ProposalChange, compare};
use crate::i18n::Lang;
use crate::i18n::Localize;

/// Tells the facilitator what a report from the writer means.
pub fn tell(doc: &Doc, lang: Lang, notice: Notice) -> Fx {
    let mut fx = Fx::none();
    match notice {
        Notice::Conflict => fx.extend(ask(doc, lang)),
        Notice::Recreated => fx.info(lang.t("conflict.recreated")),
        Notice::Reloaded(mine) => {
            fx.info(lang.tf("conflict.reloaded", &[("mine", &mine.display())]));
            fx.push(Effect::Refit);
        }
        Notice::KeptMine(theirs) => {
            fx.info(lang.tf("conflict.kept_mine", &[("theirs", &theirs.display())]));
        }
        Notice::Error(e) => fx.error(e),
    }
    fx
}

/// Asks which version to keep; while another dialog or form is open, the
/// status line says it and the question comes back at the next change.
pub fn ask(doc: &Doc, lang: Lang) -> Fx {
    let Some(c) = doc.conflict.clone() else {
        return Fx::none();
    };
    let name = doc
        .path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let question = Overlay::Confirm(Confirm {
        kind: ConfirmKind::FileConflict,
        title: lang.tf("conflict.title", &[("name", &name)]),
        // File names only: the folder is the workshop's, and a path that
        // fills the dialog hides what it says.
        body: lang.tf(
            "conflict.body",
            &[
                ("theirs", &file_name(&c.theirs)),
                ("mine", &file_name(&c.mine)),
            ],
        ),
        choices: vec![
            lang.t("conflict.load_theirs").to_string(),
            lang.t("conflict.keep_mine").to_string(),
            lang.t("conflict.compare").to_string(),
        ],
        selected: None,
    });
    Effect::Offer(question, lang.tf("conflict.status", &[("name", &name)])).into()
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// The facilitator's choice: 1 load theirs, 2 keep ours, 3 compare.
pub fn chosen(doc: &mut Doc, lang: Lang, choice: u8) -> Fx {
    match choice {
        1 | 2 => match doc.resolve(choice == 2, lang) {
            Some(n) => tell(doc, lang, n),
            None => Fx::none(),
        },
        3 => show_differences(doc, lang),
        _ => Fx::none(),
    }
}

/// Lists what differs between our version and theirs, in a viewer; the
/// question comes back when it is closed.
fn show_differences(doc: &Doc, lang: Lang) -> Fx {
    let text = match crate::store::load(&doc.path) {
        Err(e) => lang.tf(
            "conflict.theirs_unreadable",
            &[("error", &e.localize(lang))],
        ),
        Ok(theirs) => {
            let d = compare(&doc.w, &theirs);
            if d.is_empty() {
                lang.t("conflict.same").to_string()
            } else {
                let mut out = Vec::new();
                if let Some((ours, theirs)) = &d.title {
                    out.push(lang.tf("conflict.diff_title", &[("ours", ours), ("theirs", theirs)]));
                }
                for c in &d.proposals {
                    out.push(match c {
                        ProposalChange::OnlyOurs { id, text } => {
                            lang.tf("conflict.only_ours", &[("id", id), ("text", text)])
                        }
                        ProposalChange::OnlyTheirs { id, text } => {
                            lang.tf("conflict.only_theirs", &[("id", id), ("text", text)])
                        }
                        ProposalChange::Changed { id, ours, theirs } => lang.tf(
                            "conflict.changed",
                            &[("id", id), ("ours", ours), ("theirs", theirs)],
                        ),
                    });
                }
                for (n, key) in [
                    (d.participants, "conflict.diff_participants"),
                    (d.rounds, "conflict.diff_rounds"),
                    (d.sheets, "conflict.diff_sheets"),
                ] {
                    if n > 0 {
                        out.push(lang.tf(key, &[("n", &n)]));
                    }
                }
                out.join("\n\n")
            }
        }
    };
    Effect::Open(Overlay::Viewer {
        title: lang.t("conflict.compare_title").to_string(),
        text,
        scroll: 0,
    })
    .into()
}
