//! A fiche's lists on its page (partners, milestones, budget lines,
//! indicators): each item its own group of fields with the item it was
//! (`base_…`), a button to take it out, and an empty item to add one.
//! Names: `budget_0_amount` for an item, `budget_new_amount` for the one
//! to add, `remove=budget_0` for the button that takes one out.

use crate::app::remote::{FicheField, FicheView};
use crate::domain::items::{funder_name, indicator_kind_name};
use crate::domain::sheet::{FunderKind, IndicatorKind, ListKind};
use crate::i18n::Lang;
use maud::{Markup, html};

/// The catalogue key of a part's label (the terminal's sheet labels).
pub(super) fn label(key: crate::domain::drafting::FieldKey) -> String {
    match key {
        crate::domain::drafting::FieldKey::Public => "sheet.public_cible".to_string(),
        other => format!("sheet.{}", other.key()),
    }
}

/// The catalogue key of an item's part's label.
fn column_label(list: ListKind, column: &str) -> &'static str {
    match (list, column) {
        (ListKind::Partenaires, "name") => "sheet.partner_name",
        (_, "role") => "sheet.role",
        (_, "contribution") => "sheet.contribution",
        (_, "date") => "sheet.date",
        (_, "year") => "sheet.year",
        (_, "kind") if list == ListKind::Budget => "sheet.funder_kind",
        (_, "kind") => "sheet.kind",
        (_, "funder") => "sheet.funder",
        (_, "amount") => "sheet.amount",
        (_, "baseline") => "sheet.baseline",
        (_, "target") => "sheet.target",
        (_, "yearly") => "sheet.yearly",
        _ => "sheet.label",
    }
}

/// What to type in a part, when it has a form to follow.
fn column_hint(column: &str) -> Option<&'static str> {
    match column {
        "year" => Some("phone.fiche_year_hint"),
        "amount" => Some("phone.fiche_amount_hint"),
        "yearly" => Some("phone.fiche_yearly_hint"),
        _ => None,
    }
}

/// The catalogue key naming one item (`Partenaire`).
fn item_label(list: ListKind) -> &'static str {
    match list {
        ListKind::Partenaires => "sheet.partenaire",
        ListKind::Jalons => "sheet.jalon",
        ListKind::Budget => "sheet.budget_line",
        ListKind::Indicateurs => "sheet.indicateur",
        ListKind::Objectifs => "sheet.objectif",
    }
}

/// The budget in the page's words: totals, the State's share, and what
/// the share calls for.
pub(super) fn budget_words(lang: Lang, fiche: &FicheView) -> String {
    let (text, _) = crate::i18n::describe::budget(lang, lang.t("sheet.total"), fiche.budget);
    match crate::i18n::state_warning(lang, &fiche.budget) {
        Some(w) => format!("{text}. {w}"),
        None => text,
    }
}

/// One list: its items, each to change or take out, and one to add; when
/// the facilitator keeps it, its items to read.
/// `problem` says why the item the page typed was not kept.
pub(super) fn list(
    lang: Lang,
    fiche: &FicheView,
    f: &FicheField,
    list: ListKind,
    problem: Option<&str>,
) -> Markup {
    let key = f.key.key();
    let typed = fiche.typed.as_ref().filter(|t| t.list == f.key);
    let problem = problem.filter(|_| typed.is_some());
    let typed_at = |index: Option<usize>| {
        typed
            .filter(|t| t.index == index)
            .and_then(|t| t.values.clone())
    };
    html! {
        fieldset.entry.list #(key) data-list=(key) {
            legend { (lang.t(&label(f.key))) }
            @if f.locked {
                p.hint { (lang.t("phone.fiche_locked")) }
                (read_items(lang, f))
            } @else {
                div.rows #{ (key) "-rows" } {
                    @if f.rows.is_empty() {
                        p.hint { (lang.t("phone.fiche_no_item")) }
                    }
                    @for (i, row) in f.rows.iter().enumerate() {
                        (item(lang, list, &Slot::Kept(i, row), typed_at(Some(i)).as_deref(),
                            problem.filter(|_| typed_at(Some(i)).is_some())))
                    }
                }
                (item(lang, list, &Slot::New, typed_at(None).as_deref(),
                    problem.filter(|_| typed_at(None).is_some())))
            }
            // Kept up to date by the script as lines come in from others.
            @if list == ListKind::Budget {
                p.total #budget-total role="status" {
                    @if fiche.budget.total > 0 { (budget_words(lang, fiche)) }
                }
            }
        }
    }
}

/// The items of a kept list, to read.
fn read_items(lang: Lang, f: &FicheField) -> Markup {
    html! {
        @if f.text.is_empty() {
            p.kept { (lang.t("phone.fiche_empty")) }
        } @else {
            p.kept { (f.text) }
        }
    }
}

/// An item on the page: one already in the list (its place and what it
/// held), or the empty one that adds.
enum Slot<'a> {
    Kept(usize, &'a [String]),
    New,
}

/// One item's fields. `typed` is what the page had typed there when it
/// could not be kept, shown again as typed with `problem` beside it.
fn item(
    lang: Lang,
    list: ListKind,
    slot: &Slot,
    typed: Option<&[String]>,
    problem: Option<&str>,
) -> Markup {
    let Some(key) = crate::domain::drafting::FieldKey::of_list(list)
        .map(crate::domain::drafting::FieldKey::key)
    else {
        return html! {};
    };
    let (prefix, base, heading) = match slot {
        Slot::Kept(i, row) => (
            format!("{key}_{i}"),
            Some(*row),
            format!("{} {}", lang.t(item_label(list)), i + 1),
        ),
        Slot::New => (
            format!("{key}_new"),
            None,
            lang.tf(
                "phone.fiche_new_item",
                &[("item", &lang.t(item_label(list)))],
            ),
        ),
    };
    let shown = |c: usize| {
        typed
            .or(base)
            .and_then(|v| v.get(c))
            .map_or("", String::as_str)
    };
    let problem_id = format!("{prefix}-problem");
    html! {
        fieldset.item.new[base.is_none()] data-row=(prefix) {
            legend { (heading) }
            @if let Some(p) = problem {
                // Said once, at the top of the page; here beside its item.
                p.note.bad #(problem_id) { (p) }
            }
            @for (c, column) in list.columns().iter().enumerate() {
                @let name = format!("{prefix}_{column}");
                @if let Some(base) = base {
                    input type="hidden" name={ "base_" (name) }
                        value=(base.get(c).map_or("", String::as_str));
                }
                (part(lang, &Part {
                    list,
                    column,
                    name: &name,
                    value: shown(c),
                    // What to type is said where an item is added.
                    hinted: base.is_none(),
                    by_name: (list == ListKind::Budget).then(|| shown(2)),
                    invalid: problem.map(|_| problem_id.as_str()),
                }))
            }
            span.state #{ (prefix) "-state" } role="status" {}
            @match slot {
                Slot::Kept(i, _) => {
                    button.remove type="submit" name="remove" value={ (key) "_" (i) } {
                        (lang.tf("phone.fiche_remove", &[("item", &heading)]))
                    }
                }
                Slot::New => {
                    button.add type="submit" name="add" value=(key) {
                        (lang.tf("phone.fiche_add", &[("item", &lang.t(item_label(list)))]))
                    }
                }
            }
        }
    }
}

/// One part of an item to draw.
struct Part<'a> {
    list: ListKind,
    column: &'a str,
    name: &'a str,
    value: &'a str,
    /// Says what to type (amounts, years), where an item is added.
    hinted: bool,
    /// A budget line's funder, whose name gives its kind when none is
    /// chosen.
    by_name: Option<&'a str>,
    /// The id of the message saying why the item was not kept.
    invalid: Option<&'a str>,
}

/// One part of an item: its label, what to type, and the field.
fn part(lang: Lang, p: &Part) -> Markup {
    let hint = column_hint(p.column).filter(|_| p.hinted);
    let hint_id = format!("{}-hint", p.name);
    let described = match (hint, p.invalid) {
        (Some(_), Some(bad)) => Some(format!("{hint_id} {bad}")),
        (Some(_), None) => Some(hint_id.clone()),
        (None, bad) => bad.map(String::from),
    };
    let numeric = matches!(p.column, "year" | "amount");
    html! {
        label for=(p.name) { (lang.t(column_label(p.list, p.column))) }
        @if let Some(h) = hint {
            p.hint #(hint_id) { (lang.t(h)) }
        }
        @if p.column == "kind" {
            select #(p.name) name=(p.name) aria-describedby=[described] {
                @for (value_of, words) in kinds(lang, p.list, p.by_name) {
                    option value=(value_of) selected[value_of == p.value] { (words) }
                }
            }
        } @else {
            input #(p.name) name=(p.name) maxlength="300" value=(p.value)
                inputmode=[numeric.then_some("numeric")]
                aria-invalid=[p.invalid.map(|_| "true")]
                aria-describedby=[described];
        }
    }
}

/// The choices of an item's kind: the funder's (or "as its name says",
/// with what the name `funder` gives), or the indicator's.
fn kinds(lang: Lang, list: ListKind, funder: Option<&str>) -> Vec<(&'static str, String)> {
    if list == ListKind::Budget {
        let by_name = match funder.and_then(FunderKind::recognise) {
            Some(k) => lang.tf("phone.fiche_kind_named", &[("kind", &lang.t(k.key()))]),
            None => lang.t("phone.fiche_kind_by_name").to_string(),
        };
        let mut out = vec![("", by_name)];
        out.extend(
            FunderKind::ALL
                .into_iter()
                .map(|k| (funder_name(k), lang.t(k.key()).to_string())),
        );
        out
    } else {
        [IndicatorKind::Realisation, IndicatorKind::Resultat]
            .into_iter()
            .map(|k| {
                let words = match k {
                    IndicatorKind::Realisation => lang.t("sheet.realisation"),
                    IndicatorKind::Resultat => lang.t("sheet.resultat"),
                };
                (indicator_kind_name(k), words.to_string())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::remote::{ItemWrite, Outcome, PhoneScreen, PhoneView, Refusal};
    use crate::domain::drafting::FieldKey;

    fn rendered(view: &FicheView, refused: Option<Refusal>) -> String {
        let page = super::super::Page {
            lang: Lang::Fr,
            code: "FKX9PQ",
            token: "",
            prefill: None,
            picked: None,
            sent: false,
        };
        let view = PhoneView {
            screen: PhoneScreen::Fiche(Box::new(view.clone())),
            outcome: refused.map(Outcome::Refused),
        };
        super::super::render(&page, &view).1.body
    }

    fn fiche() -> (crate::domain::Sheet, FicheView) {
        let w = crate::export::tests::example();
        let mut sheet = w.sheets()[0].clone();
        sheet.drafting = Some(crate::domain::drafting::Drafting {
            code: "FKX9PQ".into(),
            locked: vec![FieldKey::Budget],
            ..Default::default()
        });
        let view = crate::app::fiches::view(&w, &sheet);
        (sheet, view)
    }

    #[test]
    fn a_kept_list_is_read_and_the_others_are_written_item_by_item() {
        let (sheet, view) = fiche();
        let html = rendered(&view, None);
        assert!(!html.contains("name=\"budget_"), "the budget is kept");
        assert!(html.contains("L'animateur garde ce champ."));
        assert!(html.contains(&sheet.budget[0].funder), "and shown to read");
        for (i, p) in sheet.partenaires.iter().enumerate() {
            assert!(html.contains(&format!(
                "name=\"base_partenaires_{i}_name\" value=\"{}\"",
                p.name
            )));
            assert!(html.contains(&format!("name=\"remove\" value=\"partenaires_{i}\"")));
        }
        assert!(html.contains("name=\"partenaires_new_name\""));
        assert!(html.contains("<legend>Partenaire à ajouter</legend>"));
        // The help says how the page saves, with the script and without.
        assert!(html.contains("<p class=\"help\" data-js hidden>Écrivez la fiche de votre groupe. Chaque champ est enregistré pendant que vous écrivez"));
        assert!(html.contains(
            "<p class=\"help nojs\">Écrivez la fiche de votre groupe. Appuyez sur Enregistrer"
        ));
    }

    #[test]
    fn an_item_not_kept_is_shown_again_as_typed_with_its_reason() {
        let (_, mut view) = fiche();
        let typed = vec![
            "2026".to_string(),
            String::new(),
            "CAF".into(),
            "douze mille".into(),
        ];
        view.fields.iter_mut().for_each(|f| f.locked = false);
        view.typed = Some(ItemWrite {
            list: FieldKey::Budget,
            index: None,
            base: None,
            values: Some(typed),
        });
        let e =
            crate::domain::items::Item::read(ListKind::Budget, &["2026", "", "CAF", "douze mille"])
                .unwrap_err();
        let html = rendered(&view, Some(Refusal::Item(e)));
        assert!(html.contains("id=\"budget_new_amount\" name=\"budget_new_amount\" maxlength=\"300\" value=\"douze mille\""), "{html}");
        assert!(html.contains("aria-invalid=\"true\""));
        assert!(html.contains("id=\"budget_new-problem\""));
        assert!(html.contains("Montant non compris : « douze mille »"));
    }

    #[test]
    fn the_axis_and_the_nature_are_chosen_from_the_workshops_answers() {
        let (sheet, mut view) = fiche();
        assert_eq!(sheet.axis, Some(2));
        let html = rendered(&view, None);
        assert!(html.contains("aria-label=\"Étape : écrire la fiche du groupe\""));
        let axis = html
            .split("<select id=\"axis\" name=\"axis\">")
            .nth(1)
            .unwrap();
        let axis = axis.split("</select>").next().unwrap();
        assert!(
            axis.starts_with("<option value=\"\">À choisir</option>"),
            "{axis}"
        );
        assert!(axis.contains("<option value=\"2\" selected>2 · Amplifier la politique d'accès à l'emploi pour tous</option>"), "{axis}");
        assert_eq!(axis.matches("<option").count(), 5, "the four axes and none");
        assert!(html.contains("<input type=\"hidden\" name=\"base_axis\" value=\"2\">"));
        assert!(
            html.contains("<option value=\"renforcee\" selected>action renforcée</option>"),
            "{html}"
        );
        // Closed, the fiche reads as it will be exported: words, not keys.
        view.open = false;
        let html = rendered(&view, None);
        assert!(
            html.contains("<dd>2 · Amplifier la politique d'accès à l'emploi pour tous</dd>"),
            "{html}"
        );
        assert!(html.contains("<dd>action renforcée</dd>"));
    }

    #[test]
    fn the_priority_publics_are_boxes_ticked_as_the_fiche_has_them() {
        let (sheet, mut view) = fiche();
        assert_eq!(
            FieldKey::Prioritaires.text(&sheet),
            "familles_monoparentales,travailleurs_pauvres"
        );
        let html = rendered(&view, None);
        let set = html
            .split("<legend>Publics prioritaires</legend>")
            .nth(1)
            .unwrap();
        let set = set.split("</fieldset>").next().unwrap();
        assert!(
            set.contains("<input type=\"hidden\" name=\"prioritaires\" value=\"\">"),
            "{set}"
        );
        assert!(set.contains("<label class=\"tick\"><input type=\"checkbox\" name=\"prioritaires\" value=\"enfants\">Enfants</label>"), "{set}");
        assert!(
            set.contains("value=\"travailleurs_pauvres\" checked>"),
            "{set}"
        );
        assert_eq!(set.matches(" checked>").count(), 2);
        assert!(html.contains("<legend>Si l'action est renforcée : comment</legend>"));
        view.open = false;
        let html = rendered(&view, None);
        assert!(
            html.contains("<dd>Familles monoparentales, Travailleurs pauvres</dd>"),
            "{html}"
        );
    }
}
