use super::*;
use crate::domain::{History, Op, Stamp};

fn workshop_of(texts: &[&str]) -> (Workshop, History) {
    let mut w = crate::domain::tests::workshop();
    let mut h = History::default();
    let at = Stamp::from_ymd_hms(2024, 3, 14, 9, 0, 0).unwrap();
    for t in texts {
        let op = w.op_add_proposal(t, Vec::new(), "", at).unwrap();
        h.run(&mut w, op).unwrap();
    }
    (w, h)
}

const ROOM: &[&str] = &[
    "Un référent unique pour les allocataires du RSA",
    "Créer des places en crèche pour les familles monoparentales",
    "Former les assistantes maternelles aux horaires atypiques",
    "Un seul interlocuteur pour les bénéficiaires du RSA",
    "Des petits déjeuners gratuits dans les écoles des quartiers prioritaires",
    "Aller vers les personnes à la rue avec des maraudes mixtes",
    "Lutter contre la précarité énergétique des ménages modestes",
];

#[test]
fn a_paraphrase_is_found_and_a_near_miss_is_not() {
    let (w, _) = workshop_of(ROOM);
    let index = Index::of(&w);
    let like = index.like(ProposalId(4));
    assert_eq!(
        like.first().map(|m| m.other),
        Some(ProposalId(1)),
        "{like:?}"
    );
    assert!(like[0].shared.contains(&"rsa".to_string()), "{like:?}");
    // Same families, other action: never suggested.
    assert!(
        index
            .like(ProposalId(2))
            .iter()
            .all(|m| m.other != ProposalId(3))
    );
    assert!(index.like(ProposalId(5)).is_empty());
}

#[test]
fn typos_and_word_forms_still_match() {
    let (w, _) = workshop_of(&[
        "Développer les maraudes sociales en milieu rural",
        "developer les maraude social en millieu rural",
        "Organiser un forum de l'emploi",
    ]);
    let index = Index::of(&w);
    assert_eq!(index.like(ProposalId(2))[0].other, ProposalId(1));
}

#[test]
fn the_index_follows_edits_merges_and_undo_in_place() {
    let (mut w, mut h) = workshop_of(ROOM);
    let mut index = Index::of(&w);
    assert_eq!(index.len(), 7);
    h.run(
        &mut w,
        Op::Merge {
            into: ProposalId(1),
            sources: vec![ProposalId(4)],
        },
    )
    .unwrap();
    index.sync(&w);
    assert_eq!(index.len(), 6);
    assert!(index.like(ProposalId(1)).is_empty(), "the merged one left");
    h.undo(&mut w).unwrap().unwrap();
    index.sync(&w);
    assert_eq!(index.like(ProposalId(1))[0].other, ProposalId(4));
    // An edit is read again: the two no longer say the same thing.
    let mut p = (*w.proposal(ProposalId(4)).unwrap()).clone();
    p.text = "Un forum des métiers du numérique".into();
    h.run(&mut w, Op::ReplaceProposal(p)).unwrap();
    index.sync(&w);
    assert!(index.like(ProposalId(1)).is_empty());
    // And the index is what a fresh one would be.
    let fresh = Index::of(&w);
    for id in [1, 2, 3, 4, 5, 6, 7].map(ProposalId) {
        assert_eq!(index.like(id), fresh.like(id), "{id:?}");
    }
}

#[test]
fn groups_join_pairs_and_name_the_shared_words() {
    let (w, _) = workshop_of(&[
        "Un référent unique pour les allocataires du RSA",
        "Un seul interlocuteur pour les bénéficiaires du RSA",
        "Des petits déjeuners gratuits à l'école",
        "Un référent RSA unique par allocataire",
        "Petits-déjeuners gratuits dans les écoles",
        "Former les assistantes maternelles",
    ]);
    let groups = Index::of(&w).groups();
    let members: Vec<Vec<u32>> = groups
        .iter()
        .map(|g| g.members.iter().map(|m| m.0).collect())
        .collect();
    assert!(members.contains(&vec![1, 2, 4]), "{groups:?}");
    assert!(members.contains(&vec![3, 5]), "{groups:?}");
    assert!(groups.iter().all(|g| !g.members.contains(&ProposalId(6))));
    assert!(groups.iter().all(|g| !g.shared.is_empty()));
}

#[test]
fn a_text_not_yet_saved_is_compared_too() {
    let (w, _) = workshop_of(ROOM);
    let index = Index::of(&w);
    let like = index.like_text("Un interlocuteur unique pour chaque bénéficiaire du RSA");
    let ids: Vec<ProposalId> = like.iter().map(|m| m.other).collect();
    assert!(
        ids.starts_with(&[ProposalId(4)]) || ids.starts_with(&[ProposalId(1)]),
        "{like:?}"
    );
    assert!(ids.contains(&ProposalId(1)) && ids.contains(&ProposalId(4)));
    assert!(index.like_text("").is_empty());
}

#[test]
fn suggestions_list_merges_then_axes_and_leave_out_what_was_turned_down() {
    let (mut w, mut h) = workshop_of(ROOM);
    // Two tagged neighbours on the employment axis, then one untagged.
    for (text, axis) in [
        ("Un accompagnement vers l'emploi des allocataires", 2),
        ("Des chantiers d'insertion vers l'emploi durable", 2),
    ] {
        let op = w
            .op_add_proposal(
                text,
                vec![axis],
                "",
                Stamp::from_ymd_hms(2024, 3, 14, 9, 0, 0).unwrap(),
            )
            .unwrap();
        h.run(&mut w, op).unwrap();
    }
    let index = Index::of(&w);
    let all = index.suggestions(&w);
    assert!(
        matches!(&all[0], Suggestion::Merge(g) if g.members == [ProposalId(1), ProposalId(4)]),
        "{all:?}"
    );
    assert!(all.iter().all(|s| s.applies(&w)));
    let axes: Vec<_> = all
        .iter()
        .filter_map(|s| match s {
            Suggestion::Axis(id, g) => Some((*id, g.axis)),
            Suggestion::Merge(_) => None,
        })
        .collect();
    assert!(axes.contains(&(ProposalId(1), 2)), "{all:?}");
    // Turned down, kept in the workshop: not suggested again.
    let dismissed = w
        .dismissed()
        .with_group(&[ProposalId(1), ProposalId(4)])
        .with_axis(ProposalId(1), 2);
    h.run(&mut w, Op::SetDismissed(dismissed)).unwrap();
    let again = Index::of(&w).suggestions(&w);
    assert!(
        !again
            .iter()
            .any(|s| matches!(s, Suggestion::Merge(g) if g.members.contains(&ProposalId(4)))),
        "{again:?}"
    );
    assert!(
        !again
            .iter()
            .any(|s| matches!(s, Suggestion::Axis(id, g) if *id == ProposalId(1) && g.axis == 2))
    );
    h.undo(&mut w).unwrap().unwrap();
    assert_eq!(Index::of(&w).suggestions(&w), all);
}

#[test]
fn turned_down_suggestions_read_back_from_the_file_format() {
    let text = "pairs = [[12, 31]]\naxes = [[29, 4]]\n";
    let d: Dismissed = toml::from_str(text).unwrap();
    assert!(d.pair(ProposalId(31), ProposalId(12)));
    assert!(d.axes.contains(&(ProposalId(29), 4)));
    assert_eq!(toml::to_string(&d).unwrap(), text);
    assert!(toml::from_str::<Dismissed>("pair = [[1, 2]]\n").is_err());
}

#[test]
fn an_index_built_a_little_at_a_time_is_the_whole_one() {
    let (w, _) = workshop_of(ROOM);
    let mut index = Index::default();
    let mut steps = 0;
    while !index.warm(&w, 2) {
        steps += 1;
        assert!(index.len() <= 2 * steps);
    }
    assert_eq!(steps, 3, "7 proposals, 2 a step");
    let whole = Index::of(&w);
    for id in 1..=7 {
        assert_eq!(index.like(ProposalId(id)), whole.like(ProposalId(id)));
    }
}

/// The shipped data reads: a broken file would quietly leave the
/// synonyms or the axes' words out.
#[test]
fn the_shipped_synonyms_and_axis_words_read() {
    let groups: toml::Value = toml::from_str(include_str!("synonyms.toml")).unwrap();
    assert!(groups["group"].as_array().unwrap().len() >= 20);
    let axes: AxisWords = toml::from_str(AXES).unwrap();
    assert_eq!(axes.axis.len(), 4);
    let w = crate::domain::tests::workshop();
    for axis in w.axes() {
        let title = fold(&axis.title);
        assert!(
            axes.axis.iter().any(|a| title.starts_with(&fold(&a.title))),
            "no shipped words for {}",
            axis.title
        );
    }
}

#[test]
fn the_shared_words_are_given_as_the_text_writes_them() {
    let (w, _) = workshop_of(ROOM);
    let index = Index::of(&w);
    // n° 4 says "interlocuteur", n° 1 "référent unique": one synonym group.
    let words = index.words_shared_with(ROOM[3], ProposalId(1));
    assert_eq!(words, ["seul interlocuteur", "bénéficiaires", "rsa"]);
    assert!(index.words_shared_with(ROOM[3], ProposalId(99)).is_empty());
}
