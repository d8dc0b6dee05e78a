//! Action sheets: the list, and the editor for one sheet. Text fields are
//! edited in place; lists (objectives, partners, milestones, budget lines,
//! indicators) are added to, edited, reordered and removed item by item.
//! A missing field is shown "à compléter" and never blocks anything; every
//! edit is one undoable change.

use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::effect::{Effect, Fx, Taken};
use crate::app::field::Field;
use crate::app::form::{Form, Purpose};
use crate::app::keys::command::Command;
use crate::app::{Action, Overlay};
use crate::domain::items::{self, ItemError};
use crate::domain::sheet::{
    BudgetLine, FunderKind, IndicatorKind, NatureKind, PriorityPublic, Reinforcement, format_yearly,
};
use crate::domain::{Op, Sheet};
use crate::export::sheets as files;
use crate::i18n::{Lang, Localize, io_reason, tnf};

use super::state::{Focus, SheetsState};
use crate::domain::drafting::FieldKey;
use crate::domain::sheet::{ListKind, SheetPart};

/// A line of the sheet editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Title,
    Axis,
    Nature,
    Referentiel,
    Priorite,
    Constat,
    /// A list's heading: Enter adds an item.
    List(ListKind),
    Item(ListKind, usize),
    PublicCible,
    Prioritaires,
    Territoire,
    Description,
    Pilote,
    Gouvernance,
    Calendrier,
    Evaluation,
    Participation,
    Origin,
}

/// The editor's lines for a sheet, in the order of the fiche action.
pub fn rows(s: &Sheet) -> Vec<Row> {
    let mut out = vec![
        Row::Title,
        Row::Axis,
        Row::Nature,
        Row::Referentiel,
        Row::Priorite,
        Row::Constat,
    ];
    let list = |out: &mut Vec<Row>, kind, n: usize| {
        out.push(Row::List(kind));
        out.extend((0..n).map(|i| Row::Item(kind, i)));
    };
    list(&mut out, ListKind::Objectifs, s.objectifs.len());
    out.extend([
        Row::PublicCible,
        Row::Prioritaires,
        Row::Territoire,
        Row::Description,
        Row::Pilote,
    ]);
    list(&mut out, ListKind::Partenaires, s.partenaires.len());
    out.extend([Row::Gouvernance, Row::Calendrier]);
    list(&mut out, ListKind::Jalons, s.calendrier.jalons.len());
    list(&mut out, ListKind::Budget, s.budget.len());
    list(&mut out, ListKind::Indicateurs, s.indicateurs.len());
    out.extend([Row::Evaluation, Row::Participation, Row::Origin]);
    out
}

/// The text a row edits in place, if it is a text row (and whether it
/// takes several lines).
pub fn text_of(s: &Sheet, row: Row) -> Option<(String, bool)> {
    Some(match row {
        Row::Title => (s.title.clone(), false),
        Row::Territoire => (s.territoire.clone(), false),
        Row::Referentiel => (s.referentiel.clone(), false),
        Row::Priorite => (s.priorite.clone(), true),
        Row::Constat => (s.constat.clone(), true),
        Row::PublicCible => (s.public_cible.description.clone(), true),
        Row::Description => (s.description.clone(), true),
        Row::Gouvernance => (s.gouvernance.clone(), true),
        Row::Evaluation => (s.evaluation.clone(), true),
        Row::Participation => (s.participation.clone(), true),
        _ => return None,
    })
}

fn with_text(mut s: Sheet, row: Row, text: String) -> Sheet {
    match row {
        Row::Title => s.title = text,
        Row::Territoire => s.territoire = text,
        Row::Referentiel => s.referentiel = text,
        Row::Priorite => s.priorite = text,
        Row::Constat => s.constat = text,
        Row::PublicCible => s.public_cible.description = text,
        Row::Description => s.description = text,
        Row::Gouvernance => s.gouvernance = text,
        Row::Evaluation => s.evaluation = text,
        Row::Participation => s.participation = text,
        _ => {}
    }
    s
}

fn list_len(s: &Sheet, kind: ListKind) -> usize {
    match kind {
        ListKind::Objectifs => s.objectifs.len(),
        ListKind::Partenaires => s.partenaires.len(),
        ListKind::Jalons => s.calendrier.jalons.len(),
        ListKind::Budget => s.budget.len(),
        ListKind::Indicateurs => s.indicateurs.len(),
    }
}

fn current(st: &SheetsState, doc: &Doc) -> Option<Sheet> {
    doc.w.sheets().get(st.list.selected).cloned()
}

fn current_row(st: &SheetsState, doc: &Doc) -> Option<(Sheet, Row)> {
    let sheet = current(st, doc)?;
    let rows = rows(&sheet);
    let row = *rows.get(st.row.min(rows.len().saturating_sub(1)))?;
    Some((sheet, row))
}

fn replace(doc: &mut Doc, cx: &Cx, sheet: Sheet, fx: &mut Fx) -> bool {
    doc.apply(Ok(Op::ReplaceSheet(Box::new(sheet))), cx.lang, fx)
}

pub fn on_action(st: &mut SheetsState, doc: &mut Doc, cx: &Cx, action: Action) -> Fx {
    let mut fx = Fx::none();
    if st.editing.is_some() {
        editing(st, doc, cx, action, &mut fx);
        return fx;
    }
    match (st.focus, action) {
        (Focus::List, Action::Command(cmd)) => list(st, doc, cx, cmd, &mut fx),
        (Focus::Fields, Action::Command(cmd)) => fields(st, doc, cx, cmd, &mut fx),
        _ => {}
    }
    fx
}

fn list(st: &mut SheetsState, doc: &mut Doc, cx: &Cx, cmd: Command, fx: &mut Fx) {
    let lang = cx.lang;
    let h = cx.sheets_list();
    let n = doc.w.sheets().len();
    if st.list.navigate(cmd, n, h) {
        return;
    }
    match cmd {
        Command::Confirm | Command::Edit | Command::NextField if n > 0 => {
            st.focus = Focus::Fields;
            st.row = 0;
        }
        Command::New | Command::Add => {
            let axes = doc
                .w
                .axes()
                .iter()
                .map(|a| format!("{} {}", a.key, a.short))
                .chain([lang.t("sheet.to_complete").to_string()])
                .collect();
            fx.open(Overlay::Form(Form::new(
                Purpose::Sheet(String::new(), SheetPart::New),
                "sheet.new_title",
                vec![
                    Form::text("sheet.title", ""),
                    Form::choice("sheet.axis", axes, 0),
                ],
            )));
        }
        Command::Delete => {
            if let Some(s) = current(st, doc)
                && doc.apply(Ok(Op::RemoveSheet(s.id.clone())), lang, fx)
            {
                fx.info(lang.tf("sheet.deleted", &[("id", &s.id)]));
                let n = doc.w.sheets().len();
                st.list.fit(n, h);
            }
        }
        // The room writes: the phones' server opens each fiche's page.
        Command::Drafting => fx.push(Effect::Phones(cmd, None)),
        Command::HidePage | Command::NewCode => {
            if let Some(s) = current(st, doc) {
                moderate_page(doc, cx, s, cmd, fx);
            }
        }
        Command::Write => write_files(doc, cx, fx),
        Command::Read => read_files(doc, cx, fx),
        _ => {}
    }
}

fn fields(st: &mut SheetsState, doc: &mut Doc, cx: &Cx, cmd: Command, fx: &mut Fx) {
    let lang = cx.lang;
    let Some((sheet, row)) = current_row(st, doc) else {
        return;
    };
    let rows = rows(&sheet);
    let s = &mut *st;
    let last = rows.len().saturating_sub(1);
    match cmd {
        Command::Up => s.row = s.row.saturating_sub(1),
        Command::Down => s.row = (s.row + 1).min(last),
        Command::PageUp => s.row = s.row.saturating_sub(8),
        Command::PageDown => s.row = (s.row + 8).min(last),
        Command::Top => s.row = 0,
        Command::Bottom => s.row = last,
        Command::Cancel | Command::PrevField => s.focus = Focus::List,
        Command::Confirm | Command::Edit => edit(st, doc, cx, &sheet, row, fx),
        Command::Add => match row {
            Row::List(kind) | Row::Item(kind, _) => item_form(cx, &sheet, kind, None, fx),
            _ => {}
        },
        Command::ChoiceNext | Command::ChoicePrev | Command::FilterNext | Command::FilterPrev => {
            let forward = matches!(cmd, Command::ChoiceNext | Command::FilterNext);
            cycle(doc, cx, sheet, row, forward, fx);
        }
        Command::Digit(d) => toggle(doc, cx, sheet, row, d, fx),
        Command::Lock => lock(doc, cx, &sheet, row, fx),
        Command::Delete => {
            if let Row::Item(kind, i) = row {
                let mut s = sheet;
                match kind {
                    ListKind::Objectifs => drop(s.objectifs.remove(i)),
                    ListKind::Partenaires => drop(s.partenaires.remove(i)),
                    ListKind::Jalons => drop(s.calendrier.jalons.remove(i)),
                    ListKind::Budget => drop(s.budget.remove(i)),
                    ListKind::Indicateurs => drop(s.indicateurs.remove(i)),
                }
                if replace(doc, cx, s, fx) {
                    fx.info(lang.t("sheet.item_deleted"));
                }
            }
        }
        Command::MoveUp | Command::MoveDown => {
            if let Row::Item(kind, i) = row {
                let j = if cmd == Command::MoveUp {
                    i.checked_sub(1)
                } else {
                    Some(i + 1)
                };
                let Some(j) = j.filter(|j| *j < list_len(&sheet, kind)) else {
                    return;
                };
                let mut s = sheet;
                match kind {
                    ListKind::Objectifs => s.objectifs.swap(i, j),
                    ListKind::Partenaires => s.partenaires.swap(i, j),
                    ListKind::Jalons => s.calendrier.jalons.swap(i, j),
                    ListKind::Budget => s.budget.swap(i, j),
                    ListKind::Indicateurs => s.indicateurs.swap(i, j),
                }
                if replace(doc, cx, s, fx) {
                    // The cursor follows the item it moved.
                    st.row = st.row + j - i;
                }
            }
        }
        _ => {}
    }
}

/// The parts of the group's page a row shows (the pilot's row both its
/// institution and contact, the calendar's its start and end).
pub fn page_fields(row: Row) -> &'static [FieldKey] {
    match row {
        Row::Title => &[FieldKey::Title],
        Row::Axis => &[FieldKey::Axis],
        Row::Nature => &[FieldKey::Nature, FieldKey::Renforcement],
        Row::Referentiel => &[FieldKey::Referentiel],
        Row::Priorite => &[FieldKey::Priorite],
        Row::Constat => &[FieldKey::Constat],
        Row::List(ListKind::Objectifs) | Row::Item(ListKind::Objectifs, _) => {
            &[FieldKey::Objectifs]
        }
        Row::PublicCible => &[FieldKey::Public],
        Row::Prioritaires => &[FieldKey::Prioritaires],
        Row::Territoire => &[FieldKey::Territoire],
        Row::Description => &[FieldKey::Description],
        Row::Pilote => &[FieldKey::Pilote, FieldKey::Contact],
        Row::List(ListKind::Partenaires) | Row::Item(ListKind::Partenaires, _) => {
            &[FieldKey::Partenaires]
        }
        Row::Gouvernance => &[FieldKey::Gouvernance],
        Row::Calendrier => &[FieldKey::Debut, FieldKey::Fin],
        Row::List(ListKind::Jalons) | Row::Item(ListKind::Jalons, _) => &[FieldKey::Jalons],
        Row::List(ListKind::Budget) | Row::Item(ListKind::Budget, _) => &[FieldKey::Budget],
        Row::List(ListKind::Indicateurs) | Row::Item(ListKind::Indicateurs, _) => {
            &[FieldKey::Indicateurs]
        }
        Row::Evaluation => &[FieldKey::Evaluation],
        Row::Participation => &[FieldKey::Participation],
        Row::Origin => &[],
    }
}

/// Ctrl+K on a field: the facilitator keeps it (the group's page shows it,
/// not editable), or gives it back.
fn lock(doc: &mut Doc, cx: &Cx, sheet: &Sheet, row: Row, fx: &mut Fx) {
    let lang = cx.lang;
    let fields = page_fields(row);
    if fields.is_empty() {
        fx.info(lang.t("sheet.lock_not_on_page"));
        return;
    }
    let Some(d) = &sheet.drafting else {
        fx.info(lang.t("sheet.lock_not_open"));
        return;
    };
    let locked = !fields.iter().all(|f| d.locked.contains(f));
    if doc.apply(doc.w.op_lock_fields(&sheet.id, fields, locked), lang, fx) {
        fx.info(lang.t(if locked {
            "sheet.locked"
        } else {
            "sheet.unlocked"
        }));
    }
}

/// Alt+H: a fiche's page hidden from its group (or shown again); Alt+K:
/// a new code, the old one no longer opening it.
fn moderate_page(doc: &mut Doc, cx: &Cx, mut sheet: Sheet, cmd: Command, fx: &mut Fx) {
    let lang = cx.lang;
    let Some(d) = sheet.drafting.as_mut() else {
        fx.info(lang.t("sheet.lock_not_open"));
        return;
    };
    let said = if cmd == Command::HidePage {
        d.hidden = !d.hidden;
        if d.hidden {
            "sheet.page_hidden"
        } else {
            "sheet.page_shown"
        }
    } else {
        d.code = doc.w.fresh_page_code(&mut || {
            crate::domain::vote_rules::code_from(crate::app::phones::random6())
        });
        "sheet.page_new_code"
    };
    let code = d.code.clone();
    if doc.apply(Ok(Op::ReplaceSheet(Box::new(sheet))), lang, fx) {
        fx.info(lang.tf(said, &[("code", &code)]));
    }
}

/// Enter on a row: edit its text in place, open its form, or turn its choice.
fn edit(st: &mut SheetsState, doc: &mut Doc, cx: &Cx, sheet: &Sheet, row: Row, fx: &mut Fx) {
    let lang = cx.lang;
    if let Some((text, multi)) = text_of(sheet, row) {
        let field = if multi {
            Field::multi(&text)
        } else {
            Field::single(&text)
        };
        st.editing = Some(Box::new(field));
        return;
    }
    match row {
        Row::Axis | Row::Nature => cycle(doc, cx, sheet.clone(), row, true, fx),
        Row::Prioritaires => fx.info(lang.t("sheet.toggle_hint")),
        Row::Pilote => fx.open(Overlay::Form(Form::new(
            Purpose::Sheet(sheet.id.clone(), SheetPart::Pilote),
            "sheet.pilote",
            vec![
                Form::text("sheet.institution", &sheet.pilote.institution),
                Form::text("sheet.contact", &sheet.pilote.contact),
            ],
        ))),
        Row::Calendrier => fx.open(Overlay::Form(Form::new(
            Purpose::Sheet(sheet.id.clone(), SheetPart::Calendar),
            "sheet.calendrier",
            vec![
                Form::text("sheet.debut", &sheet.calendrier.debut),
                Form::text("sheet.fin", &sheet.calendrier.fin),
            ],
        ))),
        Row::List(kind) => item_form(cx, sheet, kind, None, fx),
        Row::Item(kind, i) => item_form(cx, sheet, kind, Some(i), fx),
        Row::Origin => fx.open(origin(lang, sheet)),
        _ => {}
    }
}

/// Where the sheet comes from: the workshop, the votes and the proposals.
fn origin(lang: Lang, sheet: &Sheet) -> Overlay {
    let mut text = lang.tf(
        "sheet.origin_text",
        &[
            ("workshop", &sheet.origin.workshop),
            ("votes", &sheet.origin.votes),
        ],
    );
    for p in &sheet.origin.proposals {
        text.push_str(&format!("\n\nn° {} — {}", p.id, p.text));
        if !p.author.is_empty() {
            text.push_str(&format!(" ({})", p.author));
        }
    }
    Overlay::Viewer {
        title: lang.t("sheet.origin").to_string(),
        text,
        scroll: 0,
    }
}

fn cycle(doc: &mut Doc, cx: &Cx, mut sheet: Sheet, row: Row, forward: bool, fx: &mut Fx) {
    match row {
        Row::Axis => {
            // The axes, then "à compléter" (none), round and round.
            let mut keys: Vec<Option<u8>> = doc.w.axes().iter().map(|a| Some(a.key)).collect();
            keys.push(None);
            let at = keys.iter().position(|k| *k == sheet.axis).unwrap_or(0) as isize;
            let d = if forward { 1 } else { -1 };
            sheet.axis = keys[(at + d).rem_euclid(keys.len() as isize) as usize];
        }
        Row::Referentiel => {
            sheet.referentiel =
                crate::domain::sheet::cycle_text(&cx.referentiel, &sheet.referentiel, forward);
        }
        Row::Nature => {
            sheet.nature.kind = match sheet.nature.kind {
                NatureKind::APreciser | NatureKind::Renforcee => NatureKind::Nouvelle,
                NatureKind::Nouvelle => NatureKind::Renforcee,
            };
        }
        _ => return,
    }
    replace(doc, cx, sheet, fx);
}

/// Digits tick the priority publics, or the kinds of reinforcement.
fn toggle(doc: &mut Doc, cx: &Cx, mut sheet: Sheet, row: Row, digit: u8, fx: &mut Fx) {
    let i = usize::from(digit).wrapping_sub(1);
    match row {
        Row::Prioritaires => {
            let Some(p) = PriorityPublic::ALL.get(i).copied() else {
                return;
            };
            let list = &mut sheet.public_cible.prioritaires;
            match list.iter().position(|x| *x == p) {
                Some(k) => drop(list.remove(k)),
                None => list.push(p),
            }
        }
        Row::Nature => {
            let Some(r) = Reinforcement::ALL.get(i).copied() else {
                return;
            };
            let list = &mut sheet.nature.renforcement;
            match list.iter().position(|x| *x == r) {
                Some(k) => drop(list.remove(k)),
                None => list.push(r),
            }
            if !list.is_empty() {
                sheet.nature.kind = NatureKind::Renforcee;
            }
        }
        _ => return,
    }
    replace(doc, cx, sheet, fx);
}

fn item_form(cx: &Cx, sheet: &Sheet, kind: ListKind, index: Option<usize>, fx: &mut Fx) {
    let lang = cx.lang;
    let purpose = Purpose::Sheet(sheet.id.clone(), SheetPart::Item(kind, index));
    let (title, fields) = match kind {
        ListKind::Objectifs => {
            let value = index
                .and_then(|i| sheet.objectifs.get(i))
                .cloned()
                .unwrap_or_default();
            ("sheet.objectif", vec![Form::text("sheet.objectif", &value)])
        }
        ListKind::Partenaires => {
            let p = index
                .and_then(|i| sheet.partenaires.get(i))
                .cloned()
                .unwrap_or_default();
            (
                "sheet.partenaire",
                vec![
                    Form::text("sheet.partner_name", &p.name),
                    Form::text("sheet.role", &p.role),
                    Form::text("sheet.contribution", &p.contribution),
                ],
            )
        }
        ListKind::Jalons => {
            let m = index
                .and_then(|i| sheet.calendrier.jalons.get(i))
                .cloned()
                .unwrap_or_default();
            (
                "sheet.jalon",
                vec![
                    Form::text("sheet.date", &m.date),
                    Form::text("sheet.label", &m.label),
                ],
            )
        }
        ListKind::Budget => {
            let b = index
                .and_then(|i| sheet.budget.get(i))
                .cloned()
                .unwrap_or(BudgetLine {
                    year: 2025,
                    funder: String::new(),
                    kind: Some(FunderKind::Etat),
                    amount: 0,
                });
            let amount = if index.is_some() {
                b.amount.to_string()
            } else {
                String::new()
            };
            // The kind decides the State's share: chosen, like the axis.
            let kinds: Vec<String> = FunderKind::ALL
                .iter()
                .map(|k| lang.t(k.key()).to_string())
                .collect();
            let kind = b.kind().unwrap_or(FunderKind::Autre);
            let selected = FunderKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
            (
                "sheet.budget_line",
                vec![
                    Form::text("sheet.year", &b.year.to_string()),
                    Form::choice("sheet.funder_kind", kinds, selected),
                    Form::text("sheet.funder", &b.funder),
                    Form::text("sheet.amount", &amount),
                ],
            )
        }
        ListKind::Indicateurs => {
            let ind = index
                .and_then(|i| sheet.indicateurs.get(i))
                .cloned()
                .unwrap_or_default();
            let kinds = vec![
                lang.t("sheet.realisation").to_string(),
                lang.t("sheet.resultat").to_string(),
            ];
            (
                "sheet.indicateur",
                vec![
                    Form::text("sheet.label", &ind.label),
                    Form::choice(
                        "sheet.kind",
                        kinds,
                        usize::from(ind.kind == IndicatorKind::Resultat),
                    ),
                    Form::text("sheet.baseline", &ind.baseline),
                    Form::text("sheet.target", &ind.target),
                    Form::text("sheet.yearly", &format_yearly(&ind.yearly)),
                ],
            )
        }
    };
    fx.open(Overlay::Form(Form::new(purpose, title, fields)));
}

/// A sheet form was submitted. False keeps it open (bad input).
pub fn submit(
    st: &mut SheetsState,
    doc: &mut Doc,
    cx: &Cx,
    form: &Form,
    id: &str,
    part: SheetPart,
) -> Taken {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let v = |i: usize| form.value(i).trim().to_string();
    if part == SheetPart::New {
        return new_sheet(st, doc, cx, form);
    }
    let Some(mut sheet) = doc.w.sheet(id).cloned() else {
        return (true, fx);
    };
    match part {
        SheetPart::New => {}
        SheetPart::Pilote => {
            sheet.pilote.institution = v(0);
            sheet.pilote.contact = v(1);
        }
        SheetPart::Calendar => {
            sheet.calendrier.debut = v(0);
            sheet.calendrier.fin = v(1);
        }
        SheetPart::Item(kind, index) => {
            if let Err(message) = put_item(&mut sheet, form, kind, index, lang) {
                fx.error(message);
                return (false, fx);
            }
        }
    }
    let warning = crate::i18n::state_warning(lang, &sheet.budget_summary());
    if !replace(doc, cx, sheet, &mut fx) {
        return (false, fx);
    }
    if let Some(w) = warning.filter(|_| matches!(part, SheetPart::Item(ListKind::Budget, _))) {
        fx.error(w);
    }
    (true, fx)
}

/// A new blank sheet, from its title and axis.
fn new_sheet(st: &mut SheetsState, doc: &mut Doc, cx: &Cx, form: &Form) -> Taken {
    let mut fx = Fx::none();
    let v = |i: usize| form.value(i).trim().to_string();
    // Past the axes: "à compléter".
    let axis = doc.w.axes().get(form.choice_index(1)).map(|a| a.key);
    let number = doc.w.free_sheet_number();
    let mut sheet = Sheet::blank(number, v(0), axis);
    sheet.territoire.clone_from(&doc.w.details().territory);
    sheet.origin.workshop.clone_from(&doc.w.details().title);
    let index = doc.w.sheets().len();
    let op = Op::InsertSheet {
        index,
        sheet: Box::new(sheet),
    };
    let done = doc.apply(Ok(op), cx.lang, &mut fx);
    if done {
        st.list.select(index, index + 1, cx.sheets_list());
    }
    (done, fx)
}

/// Puts the item of a list form in `sheet` (a new one, or in place of
/// the one at `index`); what is wrong with the input otherwise.
fn put_item(
    sheet: &mut Sheet,
    form: &Form,
    kind: ListKind,
    index: Option<usize>,
    lang: Lang,
) -> Result<(), String> {
    let v = |i: usize| form.value(i).trim().to_string();
    let wrong = |e: ItemError| e.localize(lang);
    match kind {
        ListKind::Objectifs => {
            if v(0).is_empty() {
                return Err(lang.t("err.empty_text").to_string());
            }
            place(&mut sheet.objectifs, index, v(0));
        }
        ListKind::Partenaires => {
            let p = items::read_partner(&v(0), &v(1), &v(2)).map_err(wrong)?;
            place(&mut sheet.partenaires, index, p);
        }
        ListKind::Jalons => {
            // A milestone may be a date alone, or a step not yet dated.
            let m = items::read_milestone(&v(0), &v(1)).map_err(wrong)?;
            place(&mut sheet.calendrier.jalons, index, m);
        }
        ListKind::Budget => {
            let kind = FunderKind::ALL.get(form.choice_index(1)).copied();
            let line = items::read_budget_line(&v(0), kind, &v(2), &v(3)).map_err(wrong)?;
            place(&mut sheet.budget, index, line);
        }
        ListKind::Indicateurs => {
            let kind = if form.choice_index(1) == 1 {
                IndicatorKind::Resultat
            } else {
                IndicatorKind::Realisation
            };
            let ind = items::read_indicator(&v(0), kind, &v(2), &v(3), &v(4)).map_err(wrong)?;
            place(&mut sheet.indicateurs, index, ind);
        }
    }
    Ok(())
}

/// Puts `item` at `index` in `list` if there is one there, else at the end.
fn place<T>(list: &mut Vec<T>, index: Option<usize>, item: T) {
    match index.filter(|i| *i < list.len()) {
        Some(i) => list[i] = item,
        None => list.push(item),
    }
}

fn editing(st: &mut SheetsState, doc: &mut Doc, cx: &Cx, action: Action, fx: &mut Fx) {
    let Some((sheet, row)) = current_row(st, doc) else {
        return;
    };
    let Some(field) = st.editing.as_mut() else {
        return;
    };
    match action {
        Action::Command(Command::Cancel) => st.editing = None,
        Action::Command(Command::Newline) => field.newline(),
        Action::Command(Command::Confirm) => {
            let multi = text_of(&sheet, row).is_some_and(|(_, m)| m);
            let raw = field.text();
            let text = if multi { raw.trim_end() } else { raw.trim() }.to_string();
            let edited = with_text(sheet.clone(), row, text);
            // A refused edit (an empty title, a text too long) keeps its
            // text in the field, with the reason in the message line.
            if edited == sheet || replace(doc, cx, edited, fx) {
                st.editing = None;
            }
        }
        Action::Key(key) => {
            field.key(key);
        }
        Action::Paste(text) => field.insert(&text),
        _ => {}
    }
}

fn write_files(doc: &Doc, cx: &Cx, fx: &mut Fx) {
    let lang = cx.lang;
    let dir = files::default_dir(&doc.path);
    match files::write_all(&doc.w, &dir) {
        Ok(written) => fx.info(tnf(
            lang,
            "sheet.written",
            written.len(),
            &[("dir", &dir.display())],
        )),
        Err(e) => fx.error(lang.tf(
            "store.cannot_write",
            &[
                ("path", &e.path.display()),
                ("reason", &io_reason(lang, &e.source)),
            ],
        )),
    }
}

/// Reads the sheet files back: hand edits come into the workshop as one
/// undoable change; a bad file is named with its line and column.
fn read_files(doc: &mut Doc, cx: &Cx, fx: &mut Fx) {
    let lang = cx.lang;
    let dir = files::default_dir(&doc.path);
    let read = match files::read_dir(&dir, &doc.w) {
        Ok(r) => r,
        Err(e) => {
            return fx.error(lang.tf(
                "store.cannot_read",
                &[("path", &dir.display()), ("reason", &io_reason(lang, &e))],
            ));
        }
    };
    let mut sheets = Vec::new();
    let mut problems = Vec::new();
    for (path, r) in read {
        match r {
            files::Read::Sheet(s) => sheets.push(*s),
            files::Read::Bad(located) => {
                problems.push(crate::store::StoreError::Bad { path, located }.localize(lang));
            }
            files::Read::Io(e) => problems.push(lang.tf(
                "store.cannot_read",
                &[("path", &path.display()), ("reason", &io_reason(lang, &e))],
            )),
        }
    }
    let (changed, n) = match files::import(&doc.w, sheets) {
        Some(op) => {
            let n = match &op {
                Op::Batch(ops) => ops.len(),
                _ => 1,
            };
            (doc.apply(Ok(op), lang, fx), n)
        }
        None => (false, 0),
    };
    match (problems.first(), changed) {
        (Some(p), _) => fx.error(p.clone()),
        (None, true) => fx.info(tnf(lang, "sheet.read_back", n, &[])),
        (None, false) => fx.info(lang.t("sheet.nothing_changed")),
    }
}
