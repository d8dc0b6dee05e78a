//! How a round is worded, the same on screen and in the exports.

use super::Lang;
use crate::domain::{Mode, Participation, RoundState, Scope, Workshop};

/// `12 bulletins · 72 gommettes posées sur 72`, or the paper count.
pub fn participation(lang: Lang, p: &Participation) -> String {
    let dots = p.dots_spent;
    let judged = p.method == crate::domain::round::Method::Judgment;
    let key = if judged {
        "vote.participation_judged"
    } else {
        "vote.participation"
    };
    let paper = if judged {
        "vote.participation_tally_judged"
    } else {
        "vote.participation_tally"
    };
    match p.mode {
        Mode::Ballots => lang.tf(
            key,
            &[
                ("ballots", &p.ballots),
                ("dots", &dots),
                ("available", &p.dots_available),
            ],
        ),
        Mode::Paper => lang.tf(paper, &[("dots", &dots)]),
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

/// `ouvert`, `clos`, `révélé`.
pub fn status(lang: Lang, state: RoundState) -> &'static str {
    match state {
        RoundState::Open => lang.t("vote.status_open"),
        RoundState::Closed => lang.t("vote.status_closed"),
        RoundState::Revealed => lang.t("vote.status_revealed"),
    }
}

/// How a round's dots reach atelier, and whether each voter sees their
/// own order: "Bulletins : au clavier ou par téléphone · ordre mélangé par
/// votant".
pub fn mode(lang: Lang, r: &crate::domain::Round) -> String {
    let mode = match r.mode {
        crate::domain::Mode::Ballots => lang.t("vote.mode_ballots"),
        crate::domain::Mode::Paper => lang.t("vote.mode_tally"),
    };
    if crate::domain::order::shuffles(r) {
        format!("{mode} · {}", lang.t("vote.order_shuffled_short"))
    } else {
        mode.to_string()
    }
}

/// A round's rules in one line: the dots and their cap, or the grades of
/// majority judgment; then how many are kept.
pub fn rules(lang: Lang, r: &crate::domain::Round) -> String {
    match r.method {
        crate::domain::round::Method::Dots => lang.tf(
            "vote.rules",
            &[
                ("dots", &r.dots_per_voter),
                ("cap", &r.max_per_proposal),
                ("winners", &r.winners),
            ],
        ),
        crate::domain::round::Method::Judgment => {
            lang.tf("vote.rules_judged", &[("winners", &r.winners)])
        }
    }
}

/// A budget in words: `Total : 120 000 € dont État 60 000 € (50,0 %)`, and
/// what its State share calls for, if anything.
pub fn budget(
    lang: Lang,
    label: &str,
    s: crate::domain::sheet::BudgetSummary,
) -> (String, Option<&'static str>) {
    let share = s
        .state_permille()
        .map_or(String::new(), |p| super::percent(lang, p));
    let text = lang.tf(
        "sheet.budget_summary",
        &[
            ("label", &label),
            ("total", &super::euros(lang, s.total)),
            ("state", &super::euros(lang, s.state)),
            ("share", &share),
        ],
    );
    let warned = s.warning().map(|w| match w {
        crate::domain::sheet::StateWarning::OverHalf => lang.t("sheet.over_half"),
        crate::domain::sheet::StateWarning::NoState => lang.t("sheet.no_state_short"),
    });
    (text, warned)
}

/// How a reinforced action is reinforced, in words; none for a new one.
pub fn reinforced(lang: Lang, nature: &crate::domain::sheet::Nature) -> Vec<&'static str> {
    nature
        .reinforcements()
        .into_iter()
        .map(|r| lang.t(r.label_key()))
        .collect()
}
