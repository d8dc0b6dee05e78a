//! The questions asked about a round, from the vote screen and the
//! results screen alike: show its results, hide them, settle a tie.

use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::effect::Fx;
use crate::app::{Confirm, ConfirmKind, Overlay};
use crate::domain::{Mode, Round, RoundId};
use crate::i18n::{Lang, Localize};

/// Asks before showing a round's results to the room, and before hiding
/// them again; the question names the round.
pub fn ask_reveal(cx: &Cx, fx: &mut Fx, r: &Round) {
    let lang = cx.lang;
    let (kind, title, body) = if r.state() == crate::domain::RoundState::Revealed {
        (
            ConfirmKind::Hide(r.id),
            lang.tf("vote.hide_title", &[("name", &r.name)]),
            lang.t("vote.hide_body").to_string(),
        )
    } else {
        (
            ConfirmKind::Reveal(r.id),
            lang.tf("vote.reveal_title", &[("name", &r.name)]),
            counted(lang, r),
        )
    };
    fx.open(Overlay::Confirm(Confirm {
        kind,
        title,
        body,
        choices: Vec::new(),
        selected: None,
    }));
}

/// Asks before a runoff, saying which proposals compete for how many
/// places.
pub fn ask_runoff(doc: &Doc, cx: &Cx, fx: &mut Fx, round: RoundId) {
    let lang = cx.lang;
    let Some(r) = doc.w.round(round) else { return };
    match doc.w.tie_to_settle(round) {
        Err(crate::domain::DomainError::EmptyShortlist) => fx.info(lang.t("vote.no_tie")),
        Err(e) => fx.error(e.localize(lang)),
        Ok((tied, places)) => {
            let ids: Vec<String> = tied.iter().map(|id| format!("n° {id}")).collect();
            fx.open(Overlay::Confirm(Confirm {
                kind: ConfirmKind::Runoff(round),
                title: lang.tf("vote.runoff_title", &[("name", &r.name)]),
                body: lang.tf(
                    "vote.runoff_body",
                    &[
                        ("ids", &ids.join(", ")),
                        ("n", &tied.len()),
                        ("places", &places),
                    ],
                ),
                choices: Vec::new(),
                selected: None,
            }));
        }
    }
}

/// What a reveal will show and what was counted: ballots, or the paper
/// stickers with who typed them.
fn counted(lang: Lang, r: &Round) -> String {
    match r.mode {
        Mode::Ballots => lang.tf("vote.reveal_body", &[("n", &r.counted_ballots().count())]),
        Mode::Paper => {
            let dots: u32 = r.tallies.iter().map(|e| e.dots).sum();
            let mut by: Vec<&str> = r
                .tallies
                .iter()
                .map(|e| e.by.trim())
                .filter(|b| !b.is_empty())
                .collect();
            by.sort_unstable();
            by.dedup();
            let by = if by.is_empty() {
                lang.t("vote.by_facilitator").to_string()
            } else {
                by.join(", ")
            };
            lang.tf(
                "vote.reveal_body_tally",
                &[("dots", &dots), ("n", &r.tallies.len()), ("by", &by)],
            )
        }
    }
}
