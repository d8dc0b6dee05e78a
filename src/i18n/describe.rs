//! How a round is worded, the same on screen and in the exports.

use super::Lang;
use crate::domain::{Mode, Round, Scope, Tally, Workshop};

/// `12 bulletins · 72 gommettes posées sur 72`, or the paper count.
pub fn participation(lang: Lang, r: &Round, tally: &Tally) -> String {
    let dots = tally.dots_spent;
    match r.mode {
        Mode::Ballots => lang.tf(
            "vote.participation",
            &[
                ("ballots", &tally.voters),
                ("dots", &dots),
                ("available", &tally.dots_available),
            ],
        ),
        Mode::Tally => lang.tf("vote.participation_tally", &[("dots", &dots)]),
    }
}

/// `Toutes les propositions`, `Axe 2 Emploi`, `Sélection de 4 propositions`.
pub fn scope(lang: Lang, w: &Workshop, scope: &Scope) -> String {
    match scope {
        Scope::All => lang.t("vote.scope_all").to_string(),
        Scope::Axis(k) => {
            let short = w.axis(*k).map_or("?", |a| a.short.as_str());
            lang.tf("vote.scope_axis", &[("axis", k), ("short", &short)])
        }
        Scope::Shortlist(ids) => lang.tf("vote.scope_list", &[("n", &ids.len())]),
    }
}
