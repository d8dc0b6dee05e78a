//! A fiche written by its group: field by field from its page, two
//! writers of one field both kept, what the facilitator locks or closes
//! refused, every change one undo step, and the file that keeps it all.

use super::drafting::{FieldEdit, FieldKey, KeptVersion};
use super::writing::progress;
use super::*;

fn at(minute: u32) -> Stamp {
    Stamp::from_ymd_hms(2024, 3, 14, 11, minute, 0).unwrap()
}

/// A workshop with two drafted sheets, open to their groups.
fn room() -> Workshop {
    let mut w = super::tests::with_proposals_on_axis_1(3);
    let op = w
        .op_draft_sheets(&[(ProposalId(1), 4), (ProposalId(2), 3)], None)
        .unwrap();
    apply(&mut w, op).unwrap();
    let mut codes = ["R4KX9P", "T7WM3Q"].into_iter().map(String::from);
    let op = w
        .op_set_drafting(true, &mut || codes.next().unwrap())
        .unwrap();
    apply(&mut w, op).unwrap();
    w
}

fn edit(field: FieldKey, base: &str, text: &str, by: &str, minute: u32) -> Op {
    Op::EditSheetField {
        sheet: "FA-01".into(),
        edit: Box::new(FieldEdit {
            field,
            base: base.into(),
            text: text.into(),
            by: by.into(),
            at: at(minute),
        }),
    }
}

fn sheet(w: &Workshop) -> &Sheet {
    w.sheet("FA-01").unwrap()
}

#[test]
fn a_group_writes_a_field_and_the_facilitator_can_undo_it() {
    let mut w = room();
    assert_eq!(
        w.sheet_by_code("R4KX9P").map(|s| s.id.as_str()),
        Some("FA-01")
    );
    assert!(w.drafting_open());
    let mut h = History::default();
    h.run(
        &mut w,
        edit(
            FieldKey::Constat,
            "",
            "  Trop de familles sans mode de garde.  ",
            "tél. A",
            5,
        ),
    )
    .unwrap();
    assert_eq!(sheet(&w).constat, "Trop de familles sans mode de garde.");
    let written = super::writing::last_writer(sheet(&w)).unwrap();
    assert_eq!(
        (written.by.as_str(), written.field),
        ("tél. A", FieldKey::Constat)
    );
    h.undo(&mut w).unwrap().unwrap();
    assert_eq!(sheet(&w).constat, "");
    assert!(super::writing::last_writer(sheet(&w)).is_none());
}

#[test]
fn two_writers_of_one_field_both_keep_their_text() {
    let mut w = room();
    // Both pages started from the empty field.
    apply(
        &mut w,
        edit(FieldKey::Constat, "", "Version de la table 1", "tél. A", 5),
    )
    .unwrap();
    apply(
        &mut w,
        edit(FieldKey::Constat, "", "Version de la table 2", "tél. B", 6),
    )
    .unwrap();
    let s = sheet(&w);
    assert_eq!(s.constat, "Version de la table 2", "the later one shows");
    assert_eq!(
        s.kept,
        vec![KeptVersion {
            field: FieldKey::Constat,
            text: "Version de la table 1".into(),
            by: "tél. A".into(),
            at: at(6),
        }],
        "the other is kept, with who wrote it"
    );
    // Writing on from the text shown is no conflict; sending the same text
    // again changes nothing.
    apply(
        &mut w,
        edit(
            FieldKey::Constat,
            "Version de la table 2",
            "Version commune",
            "tél. A",
            7,
        ),
    )
    .unwrap();
    let before = w.clone();
    apply(
        &mut w,
        edit(
            FieldKey::Constat,
            "Version de la table 2",
            "Version commune",
            "tél. A",
            8,
        ),
    )
    .unwrap();
    assert_eq!(sheet(&w).kept.len(), 1);
    assert_eq!(sheet(&w), before.sheet("FA-01").unwrap());
}

#[test]
fn two_writers_typing_on_keep_one_text_each_not_every_pause() {
    let mut w = room();
    // Both pages keep writing from their own last text: each change finds
    // the other's text in the field.
    let (mut a, mut b) = (String::new(), String::new());
    for k in 1..=5 {
        let text = format!("Table A, version {k}");
        apply(&mut w, edit(FieldKey::Evaluation, &a, &text, "tél. A", k)).unwrap();
        a = text;
        let text = format!("Table B, version {k}");
        apply(&mut w, edit(FieldKey::Evaluation, &b, &text, "tél. B", k)).unwrap();
        b = text;
    }
    let s = sheet(&w);
    assert_eq!(s.evaluation, "Table B, version 5");
    let kept: Vec<(&str, &str)> = s
        .kept
        .iter()
        .map(|k| (k.by.as_str(), k.text.as_str()))
        .collect();
    assert_eq!(
        kept,
        [("tél. A", "Table A, version 5")],
        "the other's latest, once"
    );
}

#[test]
fn what_the_facilitator_keeps_or_closes_is_refused_to_the_page() {
    let mut w = room();
    let op = w.op_lock_fields("FA-01", &[FieldKey::Title], true).unwrap();
    apply(&mut w, op).unwrap();
    let title = sheet(&w).title.clone();
    assert_eq!(
        apply(
            &mut w,
            edit(FieldKey::Title, &title, "Autre titre", "tél. A", 5)
        ),
        Err(DomainError::FieldLocked)
    );
    assert_eq!(sheet(&w).title, title);
    // Closed: every field is read-only, and a fiche never opened too.
    let op = w.op_set_drafting(false, &mut || unreachable!()).unwrap();
    apply(&mut w, op).unwrap();
    assert!(!w.drafting_open());
    assert_eq!(
        apply(
            &mut w,
            edit(FieldKey::Constat, "", "Trop tard", "tél. A", 6)
        ),
        Err(DomainError::DraftingClosed)
    );
    // Opened again: the same codes.
    let op = w.op_set_drafting(true, &mut || unreachable!()).unwrap();
    apply(&mut w, op).unwrap();
    assert_eq!(sheet(&w).drafting.as_ref().unwrap().code, "R4KX9P");
}

#[test]
fn the_fiche_fills_up_field_by_field() {
    let mut w = room();
    let before = progress(sheet(&w));
    assert!(before.left.contains(&FieldKey::Constat));
    apply(
        &mut w,
        edit(
            FieldKey::Objectifs,
            "",
            "Garder les enfants\n\nFormer les parents ",
            "tél. A",
            5,
        ),
    )
    .unwrap();
    assert_eq!(
        sheet(&w).objectifs,
        ["Garder les enfants", "Former les parents"]
    );
    let after = progress(sheet(&w));
    assert_eq!(after.done, before.done + 1);
    assert!(!after.left.contains(&FieldKey::Objectifs));
    // An empty title stays refused, as in the terminal.
    let title = sheet(&w).title.clone();
    assert_eq!(
        apply(&mut w, edit(FieldKey::Title, &title, "   ", "tél. A", 6)),
        Err(DomainError::EmptyTitle)
    );
}

#[test]
fn the_file_keeps_the_pages_and_refuses_a_code_given_twice() {
    let mut w = room();
    apply(&mut w, edit(FieldKey::Constat, "", "Un", "tél. A", 5)).unwrap();
    apply(&mut w, edit(FieldKey::Constat, "", "Deux", "tél. B", 6)).unwrap();
    let text = toml::to_string(&w).unwrap();
    let back: Workshop = toml::from_str(&text).unwrap();
    super::validate::validate(&back).unwrap();
    assert_eq!(back.sheets(), w.sheets());
    let bad: Workshop = toml::from_str(&text.replace("T7WM3Q", "R4KX9P")).unwrap();
    let e = super::validate::validate(&bad).unwrap_err();
    assert_eq!(e.error, DomainError::DuplicateCode("R4KX9P".into()));
    assert!(e.to_string().contains("sheets"), "{e}");
}

fn item_edit(
    list: FieldKey,
    index: Option<usize>,
    base: Option<Item>,
    item: Option<Item>,
    by: &str,
) -> Op {
    Op::EditSheetItem {
        sheet: "FA-01".into(),
        edit: Box::new(super::items::ItemEdit {
            list,
            index,
            base,
            item,
            by: by.into(),
            at: at(7),
        }),
    }
}

fn partner(name: &str) -> Item {
    Item::Partner(super::items::read_partner(name, "", "").unwrap())
}

fn line(funder: &str, amount: &str) -> Item {
    Item::Budget(super::items::read_budget_line("2026", None, funder, amount).unwrap())
}

use super::items::Item;

#[test]
fn a_group_adds_changes_and_removes_items_one_at_a_time() {
    let mut w = room();
    let mut h = History::default();
    let list = FieldKey::Partenaires;
    for name in ["CAF", "Mission locale", "CCAS"] {
        h.run(
            &mut w,
            item_edit(list, None, None, Some(partner(name)), "tél. A"),
        )
        .unwrap();
    }
    // Another page removed "CAF" meanwhile: this page still says index 1.
    h.run(
        &mut w,
        item_edit(list, Some(0), Some(partner("CAF")), None, "tél. B"),
    )
    .unwrap();
    h.run(
        &mut w,
        item_edit(
            list,
            Some(1),
            Some(partner("Mission locale")),
            Some(partner("Mission locale de Valence")),
            "tél. A",
        ),
    )
    .unwrap();
    let names: Vec<&str> = sheet(&w)
        .partenaires
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Mission locale de Valence", "CCAS"],
        "found by what it held"
    );
    assert_eq!(
        super::writing::last_writer(sheet(&w)).map(|w| (w.field, w.by.as_str())),
        Some((list, "tél. A"))
    );
    // Each change is one step the facilitator takes back, naming the page.
    assert_eq!(h.next_undo().and_then(Op::by), Some("tél. A"));
    h.undo(&mut w).unwrap().unwrap();
    assert_eq!(sheet(&w).partenaires[0].name, "Mission locale");
    h.undo(&mut w).unwrap().unwrap();
    assert_eq!(sheet(&w).partenaires.len(), 3);
}

/// « Ajouter » pressed twice, or a form sent again after a lost answer:
/// the one item, and no second step for the facilitator to undo; the same
/// item added again later, or by another device, is added.
#[test]
fn an_item_added_twice_at_once_by_a_page_is_added_once() {
    let mut w = room();
    let list = FieldKey::Partenaires;
    let before = sheet(&w).partenaires.len();
    let add = |by: &str, minute: u32| {
        let mut op = item_edit(list, None, None, Some(partner("CAF de la Drôme")), by);
        if let Op::EditSheetItem { edit, .. } = &mut op {
            edit.at = at(minute);
        }
        op
    };
    apply(&mut w, add("tél. A", 7)).unwrap();
    let again = add("tél. A", 7);
    assert!(!super::ops::changes_a_sheet(&w, &again), "already done");
    apply(&mut w, again).unwrap();
    assert_eq!(sheet(&w).partenaires.len(), before + 1);
    // Another device's, or the same a minute later: meant.
    assert!(super::ops::changes_a_sheet(&w, &add("tél. B", 7)));
    assert!(super::ops::changes_a_sheet(&w, &add("tél. A", 8)));
    // A text sent again is no change either.
    let text = sheet(&w).constat.clone();
    let same = Op::EditSheetField {
        sheet: "FA-01".into(),
        edit: Box::new(FieldEdit {
            field: FieldKey::Constat,
            base: text.clone(),
            text,
            by: "tél. A".into(),
            at: at(9),
        }),
    };
    assert!(!super::ops::changes_a_sheet(&w, &same));
}

#[test]
fn an_item_changed_by_two_pages_keeps_both() {
    let mut w = room();
    let list = FieldKey::Budget;
    apply(
        &mut w,
        item_edit(list, None, None, Some(line("DDETS", "50 000")), "A"),
    )
    .unwrap();
    let base = line("DDETS", "50 000");
    apply(
        &mut w,
        item_edit(
            list,
            Some(0),
            Some(base.clone()),
            Some(line("DDETS", "60 000")),
            "A",
        ),
    )
    .unwrap();
    // B started from the same line: its change stands beside A's.
    apply(
        &mut w,
        item_edit(
            list,
            Some(0),
            Some(base.clone()),
            Some(line("CAF", "50 000")),
            "B",
        ),
    )
    .unwrap();
    let amounts: Vec<u64> = sheet(&w).budget.iter().map(|l| l.amount).collect();
    assert_eq!(amounts, [60_000, 50_000]);
    assert_eq!(
        sheet(&w).budget_summary().state,
        60_000,
        "DDETS is the State"
    );
    // A removal of a line another page changed leaves their line alone.
    apply(&mut w, item_edit(list, Some(0), Some(base), None, "B")).unwrap();
    assert_eq!(sheet(&w).budget.len(), 2);
}

#[test]
fn a_kept_list_an_item_of_another_list_and_a_closed_fiche_are_refused() {
    let mut w = room();
    let op = w
        .op_lock_fields("FA-01", &[FieldKey::Budget], true)
        .unwrap();
    apply(&mut w, op).unwrap();
    assert_eq!(
        apply(
            &mut w,
            item_edit(FieldKey::Budget, None, None, Some(line("CAF", "1")), "A")
        ),
        Err(DomainError::FieldLocked)
    );
    assert_eq!(
        apply(
            &mut w,
            item_edit(
                FieldKey::Partenaires,
                None,
                None,
                Some(line("CAF", "1")),
                "A"
            )
        ),
        Err(DomainError::ItemMismatch)
    );
    assert_eq!(
        apply(&mut w, edit(FieldKey::Jalons, "", "Mars", "A", 5)),
        Err(DomainError::ItemMismatch),
        "a list is not written as a text"
    );
    // The pilot and the calendar's dates are texts of their own.
    apply(
        &mut w,
        edit(FieldKey::Pilote, "", " DDETS  de la Drôme ", "A", 5),
    )
    .unwrap();
    apply(&mut w, edit(FieldKey::Debut, "", "janvier 2026", "A", 5)).unwrap();
    assert_eq!(sheet(&w).pilote.institution, "DDETS de la Drôme");
    assert_eq!(sheet(&w).calendrier.debut, "janvier 2026");
    let op = w.op_set_drafting(false, &mut || unreachable!()).unwrap();
    apply(&mut w, op).unwrap();
    assert_eq!(
        apply(
            &mut w,
            item_edit(FieldKey::Partenaires, None, None, Some(partner("X")), "A")
        ),
        Err(DomainError::DraftingClosed)
    );
}

#[test]
fn a_group_chooses_the_axis_and_the_nature_among_those_offered() {
    let mut w = room();
    let before = progress(sheet(&w));
    assert!(
        before.left.contains(&FieldKey::Nature),
        "undecided is to complete"
    );
    let axis = FieldKey::Axis.text(sheet(&w));
    apply(&mut w, edit(FieldKey::Axis, &axis, "3", "tél. A", 5)).unwrap();
    apply(
        &mut w,
        edit(FieldKey::Nature, "", " renforcee ", "tél. A", 5),
    )
    .unwrap();
    assert_eq!(sheet(&w).axis, Some(3));
    assert_eq!(sheet(&w).nature.kind, sheet::NatureKind::Renforcee);
    assert_eq!(progress(sheet(&w)).done, before.done + 1);
    // Only the answers offered: the workshop's axes, the two natures.
    for (field, base, text, refused) in [
        (FieldKey::Axis, "3", "9", DomainError::UnknownAxis(9)),
        (FieldKey::Axis, "3", "trois", DomainError::NotAChoice),
        (
            FieldKey::Nature,
            "renforcee",
            "ancienne",
            DomainError::NotAChoice,
        ),
    ] {
        assert_eq!(
            apply(&mut w, edit(field, base, text, "tél. B", 6)),
            Err(refused)
        );
    }
    // Undecided again, from the page: no axis, nature to complete.
    apply(&mut w, edit(FieldKey::Axis, "3", "", "tél. B", 7)).unwrap();
    apply(&mut w, edit(FieldKey::Nature, "renforcee", "", "tél. B", 7)).unwrap();
    assert_eq!(sheet(&w).axis, None);
    assert_eq!(sheet(&w).nature.kind, sheet::NatureKind::APreciser);
    assert!(progress(sheet(&w)).left.contains(&FieldKey::Axis));
}

#[test]
fn ticks_are_written_as_a_set_and_none_ticked_is_an_answer() {
    let mut w = room();
    let before = progress(sheet(&w));
    assert!(!before.left.contains(&FieldKey::Prioritaires));
    assert_eq!(
        before.all(),
        FieldKey::ALL.len() - 2,
        "ticks are not counted"
    );
    // In any order, twice or spaced: the template's order, once each.
    let typed = " travailleurs_pauvres,enfants, enfants ";
    apply(&mut w, edit(FieldKey::Prioritaires, "", typed, "tél. A", 5)).unwrap();
    use sheet::PriorityPublic as P;
    assert_eq!(
        sheet(&w).public_cible.prioritaires,
        [P::Enfants, P::TravailleursPauvres]
    );
    assert_eq!(
        FieldKey::Prioritaires.text(sheet(&w)),
        "enfants,travailleurs_pauvres"
    );
    let now = "enfants,travailleurs_pauvres";
    assert_eq!(
        apply(
            &mut w,
            edit(FieldKey::Prioritaires, now, "enfants,seniors", "tél. B", 6)
        ),
        Err(DomainError::NotAChoice)
    );
    apply(
        &mut w,
        edit(FieldKey::Renforcement, "", "nouveaux_publics", "tél. B", 6),
    )
    .unwrap();
    assert_eq!(
        sheet(&w).nature.renforcement,
        [sheet::Reinforcement::NouveauxPublics]
    );
    // Unticked: none is kept, and the fiche is no less complete.
    apply(&mut w, edit(FieldKey::Prioritaires, now, "", "tél. A", 7)).unwrap();
    assert!(sheet(&w).public_cible.prioritaires.is_empty());
    assert_eq!(progress(sheet(&w)).done, before.done);
}
