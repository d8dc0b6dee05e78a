use super::*;
use crate::domain::{Tally, apply};
use proptest::prelude::*;

use crate::domain::sample::generated_for as group;

fn inputs(ws: &[(String, Workshop)]) -> Vec<Input<'_>> {
    ws.iter()
        .map(|(file, workshop)| Input { file, workshop })
        .collect()
}

fn details() -> Details {
    Details {
        title: "Synthèse Drôme".into(),
        ..Details::default()
    }
}

fn ballots(w: &Workshop) -> usize {
    w.rounds.iter().map(|r| r.ballots.len()).sum()
}

#[test]
fn three_workshops_keep_every_proposal_ballot_and_result() {
    let ws = vec![
        ("enfance.toml".to_string(), group("enfance", 12, 5)),
        ("emploi.toml".to_string(), group("emploi", 20, 8)),
        ("droits.toml".to_string(), group("droits", 7, 0)),
    ];
    let s = combine(&inputs(&ws), details()).expect("distinct workshops combine");
    crate::domain::validate::validate(&s).expect("the synthesis is a valid workshop");
    assert_eq!(s.proposals.len(), 12 + 20 + 7);
    assert_eq!(s.rounds.len(), 2);
    assert_eq!(ballots(&s), 5 + 8);
    // Every proposal says where it came from, with its number there.
    for (file, w) in &ws {
        for p in &w.proposals {
            let found = s
                .proposals
                .iter()
                .find(|q| {
                    q.origin
                        .as_ref()
                        .is_some_and(|o| o.file == *file && o.id == p.id.0)
                })
                .expect("carried with its origin");
            assert_eq!(
                (&found.text, &found.author, &found.axes),
                (&p.text, &p.author, &p.axes)
            );
        }
    }
    // A carried round counts the same dots for the same proposals.
    for (file, w) in &ws {
        for r in &w.rounds {
            let carried = s
                .rounds
                .iter()
                .find(|c| {
                    c.origin
                        .as_ref()
                        .is_some_and(|o| o.file == *file && o.id == r.id.0)
                })
                .unwrap();
            let before = Tally::compute(w, r);
            let after = Tally::compute(&s, carried);
            let texts = |t: &Tally, w: &Workshop| -> Vec<(String, u32)> {
                t.rows
                    .iter()
                    .map(|row| (w.proposal(row.proposal).unwrap().text.clone(), row.dots))
                    .collect()
            };
            assert_eq!(texts(&before, w), texts(&after, &s));
        }
    }
    let sum = summary(&s);
    let counts: Vec<(&str, usize, usize)> = sum
        .per_workshop
        .iter()
        .map(|(f, c)| (f.as_str(), c.proposals, c.ballots))
        .collect();
    assert_eq!(
        counts,
        [
            ("enfance.toml", 12, 5),
            ("emploi.toml", 20, 8),
            ("droits.toml", 7, 0)
        ]
    );
    assert_eq!(
        sum.per_axis.iter().map(|(_, n)| n).sum::<usize>() + sum.untagged,
        39
    );
}

#[test]
fn a_workshop_merged_with_itself_or_its_copy_is_refused() {
    let a = group("a", 5, 2);
    let same = vec![
        ("a.toml".to_string(), a.clone()),
        ("copie.toml".to_string(), a.clone()),
    ];
    assert!(matches!(
        combine(&inputs(&same), details()),
        Err(SynthesisError::SameWorkshop { .. })
    ));
    let twice = vec![
        ("a.toml".to_string(), a.clone()),
        ("a.toml".to_string(), group("b", 3, 0)),
    ];
    assert!(matches!(
        combine(&inputs(&twice), details()),
        Err(SynthesisError::SameWorkshop { .. })
    ));
    // A copy taken to another laptop, where two more were typed.
    let mut copy = a.clone();
    copy.workshop.title = "Atelier a bis".into();
    let now = crate::domain::Stamp::from_ymd_hms(2024, 3, 14, 11, 0, 0).unwrap();
    let op = copy
        .op_add_proposal("Une de plus", vec![], "", now)
        .unwrap();
    apply(&mut copy, op).unwrap();
    let diverged = vec![
        ("a.toml".to_string(), a.clone()),
        ("a-bis.toml".to_string(), copy),
    ];
    assert_eq!(
        combine(&inputs(&diverged), details()),
        Err(SynthesisError::SharedHistory {
            a: "a.toml".into(),
            b: "a-bis.toml".into(),
            shared: 5
        })
    );
    // A synthesis merged again with one of its sources.
    let ws = vec![
        ("a.toml".to_string(), a.clone()),
        ("b.toml".to_string(), group("b", 3, 0)),
    ];
    let s = combine(&inputs(&ws), details()).unwrap();
    let again = vec![("synthese.toml".to_string(), s), ("a.toml".to_string(), a)];
    assert_eq!(
        combine(&inputs(&again), details()),
        Err(SynthesisError::AlreadyIncluded {
            synthesis: "synthese.toml".into(),
            source: "a.toml".into()
        })
    );
    assert_eq!(
        combine(&inputs(&ws[..1]), details()),
        Err(SynthesisError::TooFew)
    );
}

#[test]
fn axes_that_disagree_are_reported_not_guessed() {
    let a = group("a", 4, 0);
    let mut b = group("b", 4, 0);
    b.axes[2].title = "Logement d'abord".into();
    let ws = vec![("a.toml".to_string(), a.clone()), ("b.toml".to_string(), b)];
    let Err(SynthesisError::AxisConflicts(c)) = combine(&inputs(&ws), details()) else {
        panic!("a conflict on axis 3");
    };
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].key, 3);
    assert_eq!(c[0].titles[1], ("b.toml".into(), "Logement d'abord".into()));
    // Case and accents are not a disagreement; an extra axis is added.
    let mut c2 = group("c", 4, 0);
    c2.axes[0].title = c2.axes[0].title.to_uppercase();
    c2.axes.push(Axis {
        key: 5,
        ..c2.axes[0].clone()
    });
    let ws = vec![("a.toml".to_string(), a), ("c.toml".to_string(), c2)];
    let s = combine(&inputs(&ws), details()).unwrap();
    assert_eq!(
        s.axes.iter().map(|a| a.key).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
}

#[test]
fn carried_sheets_are_renumbered_and_remember_where_they_came_from() {
    let mut a = group("a", 6, 3);
    let mut b = group("b", 6, 3);
    for w in [&mut a, &mut b] {
        let op = w
            .op_draft_sheet(ProposalId(2), Some(RoundId(1)), 3)
            .unwrap();
        apply(w, op).unwrap();
    }
    let ws = vec![("a.toml".to_string(), a), ("b.toml".to_string(), b)];
    let s = combine(&inputs(&ws), details()).unwrap();
    let ids: Vec<_> = s
        .sheets
        .iter()
        .map(|x| {
            (
                x.id.as_str(),
                x.origin.sheet.as_str(),
                x.origin.file.as_str(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [("FA-01", "FA-01", "a.toml"), ("FA-02", "FA-01", "b.toml")]
    );
    // Its source proposal now points at the same text in the synthesis.
    let second = &s.sheets[1];
    let src = &second.origin.proposals[0];
    assert_eq!(s.proposal(src.id).unwrap().text, src.text);
    assert_eq!(
        s.round(second.origin.round.unwrap())
            .unwrap()
            .origin
            .as_ref()
            .unwrap()
            .file,
        "b.toml"
    );
}

#[test]
fn importing_brings_proposals_with_their_merges_once_and_undoes_as_one() {
    let mut here = group("ici", 3, 0);
    let mut there = group("la", 4, 0);
    let merge = Op::Merge {
        into: ProposalId(1),
        sources: vec![ProposalId(2)],
    };
    apply(&mut there, merge).unwrap();
    let before = here.clone();
    let other = Input {
        file: "la.toml",
        workshop: &there,
    };
    let imported = import(&here, "ici.toml", other).unwrap();
    assert_eq!((imported.added, imported.skipped), (4, 0));
    let undo = apply(&mut here, imported.op.unwrap()).unwrap();
    assert_eq!(here.proposals.len(), 7);
    let merged = here.proposals.iter().find(|p| p.is_merged()).unwrap();
    assert_eq!(merged.origin.as_ref().unwrap().id, 2);
    assert_eq!(
        here.proposal(merged.merged_into.unwrap())
            .unwrap()
            .origin
            .as_ref()
            .unwrap()
            .id,
        1
    );
    // Twice: nothing new.
    let again = import(&here, "ici.toml", other).unwrap();
    assert_eq!((again.added, again.skipped, again.op), (0, 4, None));
    // Into an empty workshop, where the new numbers are the old ones.
    let mut empty = Workshop::new(details());
    let first = import(&empty, "vide.toml", other).unwrap();
    apply(&mut empty, first.op.unwrap()).unwrap();
    assert_eq!(import(&empty, "vide.toml", other).unwrap().skipped, 4);
    // Undo takes the whole import back.
    apply(&mut here, undo).unwrap();
    assert_eq!(here.proposals, before.proposals);
    // Oneself, or an axis this workshop lacks: refused with the reason.
    let me = here.clone();
    assert!(matches!(
        import(
            &here,
            "ici.toml",
            Input {
                file: "copie.toml",
                workshop: &me
            }
        ),
        Err(SynthesisError::SameWorkshop { .. })
    ));
    here.axes.retain(|a| a.key != 4);
    here.proposals
        .iter_mut()
        .for_each(|p| Arc::make_mut(p).axes.retain(|k| *k != 4));
    let Err(SynthesisError::AxisConflicts(c)) = import(&here, "ici.toml", other) else {
        panic!("axis 4 is missing here");
    };
    assert_eq!(c[0].key, 4);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever the sizes, a synthesis keeps every proposal and ballot
    /// (the store's tests save and load one back).
    #[test]
    fn a_synthesis_keeps_everything_and_round_trips(
        sizes in proptest::collection::vec((0usize..15, 0usize..6), 2..5)
    ) {
        let tags = ["a", "bb", "ccc", "dddd", "eeeee"];
        let ws: Vec<(String, Workshop)> = sizes
            .iter()
            .enumerate()
            .map(|(i, (p, v))| (format!("{}.toml", tags[i]), group(tags[i], *p, *v)))
            .collect();
        let s = combine(&inputs(&ws), details()).unwrap();
        prop_assert_eq!(s.proposals.len(), ws.iter().map(|(_, w)| w.proposals.len()).sum::<usize>());
        prop_assert_eq!(ballots(&s), ws.iter().map(|(_, w)| ballots(w)).sum::<usize>());
    }
}
