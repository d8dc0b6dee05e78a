//! A fiche's page, for the group that writes it: every part of the fiche,
//! in the template's order, in one form that works without script: texts,
//! and lists whose items are added, changed and taken out one by one. A
//! part the facilitator keeps is shown, not editable; a text written over
//! by a later one is one tap away. Once drafting is closed, the fiche as
//! it will be exported.

use super::fiche_lists::label;
use super::{
    Html, Page, Problem, Screen, Step, form_fields, frame, problem_note, statement_link, title,
};
use crate::app::remote::{FicheField, FicheView};
use crate::domain::drafting::FieldKey;
use crate::domain::sheet::{NatureKind, PriorityPublic, Reinforcement, Tick};
use crate::i18n::Lang;
use maud::{Markup, html};

pub(super) fn page(page: &Page, fiche: &FicheView, problem: Option<&Problem>) -> Html {
    let lang = page.lang;
    let heading = lang.tf(
        "phone.fiche_title",
        &[("id", &fiche.id), ("title", &fiche.title)],
    );
    let body = html! {
        (problem_note(problem))
        @if page.sent && problem.is_none() {
            p.note.ok role="status" { (lang.t("phone.fiche_saved")) }
        }
        (title(lang, if fiche.open { Step::WriteFiche } else { Step::Done }, &heading))
        @if fiche.open {
            // With the script each field saves itself; without, the button.
            p.help data-js hidden { (lang.t("phone.fiche_help_typed")) }
            p.help.nojs { (lang.t("phone.fiche_help")) }
            form #fiche method="post" action={ "/" (page.code) }
                data-saving=(lang.t("phone.fiche_saving")) data-saved=(lang.t("phone.fiche_field_saved"))
                data-failed=(lang.t("phone.fiche_not_saved")) {
                (form_fields(page, "write"))
                @for f in &fiche.fields {
                    @if let Some(list) = f.key.list() {
                        (super::fiche_lists::list(lang, fiche, f, list, problem.map(|p| p.text.as_str())))
                    } @else {
                        (field(lang, fiche, f))
                    }
                }
                p { button.main type="submit" { (lang.t("phone.fiche_save")) } }
            }
        } @else {
            p.note.ok role="status" { (lang.t("phone.fiche_closed")) }
            dl.fiche {
                @for f in &fiche.fields {
                    dt { (lang.t(&label(f.key))) }
                    dd { @if f.text.is_empty() && !f.key.ticks() { (lang.t("phone.fiche_empty")) } @else { (shown(lang, fiche, f.key, &f.text)) } }
                }
                @if fiche.budget.total > 0 {
                    dt { (lang.t("sheet.total")) }
                    dd { (super::fiche_lists::budget_words(lang, fiche)) }
                }
            }
        }
        (statement_link(lang, Some(page.code)))
    };
    frame(lang, Screen::Fiche, &heading, "", &body)
}

/// Who wrote a text, in the page's words: a device by its name, the
/// facilitator as such.
fn who(lang: Lang, by: &str) -> String {
    if by == crate::domain::writing::FACILITATOR {
        lang.t("phone.fiche_facilitator").to_string()
    } else {
        by.to_string()
    }
}

/// One field: its label, its text to write (or to read, when kept by the
/// facilitator), and the other versions kept.
fn field(lang: Lang, fiche: &FicheView, f: &FicheField) -> Markup {
    let key = f.key.key();
    let hint = format!("{key}-hint");
    html! {
        div.entry {
            @if f.locked {
                // Read, not written: a heading and its text, no label.
                h2.label #(key) { (lang.t(&label(f.key))) }
                p.hint #(hint) { (lang.t("phone.fiche_locked")) }
                p.kept { (shown(lang, fiche, f.key, &f.text)) }
            } @else if f.key.ticks() {
                (ticks(lang, fiche, f))
            } @else {
                label for=(key) { (lang.t(&label(f.key))) }
                input type="hidden" name={ "base_" (key) } value=(f.text);
                @if f.key.choice() {
                    select #(key) name=(key) {
                        @for (value, words) in choices(lang, fiche, f.key) {
                            option value=(value) selected[value == f.text] { (words) }
                        }
                    }
                } @else if f.key.multiline() {
                    textarea #(key) name=(key) rows="4" maxlength="4000" { (f.text) }
                } @else {
                    input #(key) name=(key) maxlength="300" value=(f.text);
                }
                // Said as each field is saved by itself (with the script).
                span.state #{ (key) "-state" } role="status" {}
            }
            // The texts kept beside this one, kept up to date by the script.
            div.others #{ (key) "-others" } {
                @for (by, text) in &f.kept {
                    details.other {
                        summary { (lang.tf("phone.fiche_other", &[("by", &who(lang, by))])) }
                        p { (shown(lang, fiche, f.key, text)) }
                    }
                }
            }
        }
    }
}

/// Boxes to tick, none or several. An empty value goes first, so a form
/// sent with none ticked still says the boxes were there.
fn ticks(lang: Lang, fiche: &FicheView, f: &FicheField) -> Markup {
    let key = f.key.key();
    let ticked: Vec<&str> = f.text.split(',').collect();
    html! {
        fieldset.ticks aria-describedby={ (key) "-hint" } {
            legend { (lang.t(&label(f.key))) }
            p.hint #{ (key) "-hint" } { (lang.t("phone.fiche_ticks_hint")) }
            input type="hidden" name={ "base_" (key) } value=(f.text);
            input type="hidden" name=(key) value="";
            @for (value, words) in choices(lang, fiche, f.key) {
                label.tick {
                    input type="checkbox" name=(key) value=(value) checked[ticked.contains(&value.as_str())];
                    (words)
                }
            }
        }
        span.state #{ (key) "-state" } role="status" {}
    }
}

/// A choice's words: an axis by its digit and title, a nature by its
/// name, ticks by theirs ("aucun" for none); any other text as written.
fn shown(lang: Lang, fiche: &FicheView, key: FieldKey, text: &str) -> String {
    let offered = choices(lang, fiche, key);
    let words = |text: &str| {
        offered
            .iter()
            .find(|(value, _)| !value.is_empty() && value == text)
            .map_or_else(|| text.to_string(), |(_, words)| words.clone())
    };
    if !key.ticks() {
        return words(text);
    }
    if text.is_empty() {
        return lang.t("phone.fiche_none").to_string();
    }
    text.split(',').map(words).collect::<Vec<_>>().join(", ")
}

/// The answers a choice field offers, "to be chosen" first.
fn choices(lang: Lang, fiche: &FicheView, key: FieldKey) -> Vec<(String, String)> {
    let none = (String::new(), lang.t("phone.fiche_choose").to_string());
    match key {
        FieldKey::Axis => std::iter::once(none)
            .chain(
                fiche
                    .axes
                    .iter()
                    .map(|(k, title)| (k.to_string(), format!("{k} · {title}"))),
            )
            .collect(),
        FieldKey::Nature => NatureKind::ALL
            .into_iter()
            .map(|k| match k {
                NatureKind::APreciser => none.clone(),
                _ => (k.key().to_string(), lang.t(k.label_key()).to_string()),
            })
            .collect(),
        FieldKey::Prioritaires => words_of::<PriorityPublic>(lang),
        FieldKey::Renforcement => words_of::<Reinforcement>(lang),
        _ => Vec::new(),
    }
}

/// Each box's name and words.
fn words_of<T: Tick>(lang: Lang) -> Vec<(String, String)> {
    T::ALL
        .iter()
        .map(|t| (t.key().to_string(), lang.t(t.label_key()).to_string()))
        .collect()
}
