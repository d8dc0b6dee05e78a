//! A proposal shown whole, with its author and the originals merged into
//! it: what "read whole" opens on every screen.

use super::Overlay;
use crate::domain::{ProposalId, Workshop};
use crate::i18n::Lang;

pub fn proposal(w: &Workshop, lang: Lang, id: ProposalId) -> Option<Overlay> {
    let p = w.proposal(id)?;
    let mut text = p.text.clone();
    if !p.author.is_empty() {
        text.push_str(&format!("\n\n— {}", p.author));
    }
    let originals: Vec<_> = w.merged_into(id).collect();
    if !originals.is_empty() {
        text.push_str(&format!("\n\n{}\n", lang.t("tag.originals")));
        for o in originals {
            text.push_str(&format!("\nn° {} — {}", o.id, o.text));
            if !o.author.is_empty() {
                text.push_str(&format!(" ({})", o.author));
            }
        }
    }
    Some(Overlay::Viewer {
        title: lang.tf("capture.proposal_n", &[("id", &id)]),
        text,
        scroll: 0,
    })
}
