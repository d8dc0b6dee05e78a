//! Properties of the store over workshops the domain can build.

use super::format::{parse, to_toml};
use super::*;
use crate::domain::History;
use crate::domain::tests::{gesture, perform, workshop};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// A synthesis of any sizes saves and loads back equal.
    #[test]
    fn a_synthesis_saves_and_loads_back_equal(
        sizes in prop::collection::vec((0usize..15, 0usize..6), 2..5)
    ) {
        use crate::domain::synthesis::{Input, combine};
        let tags = ["a", "bb", "ccc", "dddd", "eeeee"];
        let ws: Vec<(String, crate::domain::Workshop)> = sizes
            .iter()
            .enumerate()
            .map(|(i, (p, v))| {
                (format!("{}.toml", tags[i]), crate::domain::sample::generated_for(tags[i], *p, *v))
            })
            .collect();
        let inputs: Vec<Input> = ws.iter().map(|(file, workshop)| Input { file, workshop }).collect();
        let details = crate::domain::Details {
            title: "Synthèse".into(),
            ..crate::domain::Details::default()
        };
        let s = combine(&inputs, details).unwrap();
        prop_assert_eq!(parse(&to_toml(&s).unwrap()).unwrap(), s);
    }

    /// The text kept record by record between saves is the text written
    /// afresh, whatever the changes and undos in between.
    #[test]
    fn cached_text_is_the_text_written_afresh(steps in prop::collection::vec(gesture(), 0..60)) {
        let mut w = workshop();
        let mut h = History::default();
        let mut cache = text::TextCache::default();
        for g in steps {
            perform(&mut w, &mut h, g);
            prop_assert_eq!(format::to_toml_with(&mut cache, &w).unwrap(), to_toml(&w).unwrap());
        }
    }

    /// Any workshop the domain can build saves and loads back equal.
    #[test]
    fn any_workshop_saves_and_loads_back_equal(steps in prop::collection::vec(gesture(), 0..60)) {
        let mut w = workshop();
        let mut h = History::default();
        for g in steps {
            perform(&mut w, &mut h, g);
        }
        let text = to_toml(&w).unwrap();
        prop_assert_eq!(parse(&text).unwrap(), w);
    }
}

#[test]
fn a_session_saves_to_disk_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    let mut w = workshop();
    let mut s = Session::create(&path, &w).unwrap();
    let op = w
        .op_add_proposal(
            "Un référent unique 🤝",
            vec![2],
            "France Travail",
            crate::clock::Clock::System.now(),
        )
        .unwrap();
    crate::domain::apply(&mut w, op).unwrap();
    s.save(&w).unwrap();
    drop(s);
    let (_, back) = Session::open(&path, Access::ReadWrite).unwrap();
    assert_eq!(back, w);
}

#[test]
fn a_second_session_is_refused_then_may_open_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    let _first = Session::create(&path, &workshop()).unwrap();
    match Session::open(&path, Access::ReadWrite) {
        Err(StoreError::Locked {
            holder: Some(h), ..
        }) => assert_eq!(h.pid, std::process::id()),
        other => panic!("expected Locked, got {other:?}"),
    }
    let (mut ro, w) = Session::open(&path, Access::ReadOnly).unwrap();
    assert!(ro.is_read_only());
    assert!(matches!(ro.save(&w), Err(StoreError::ReadOnly { .. })));
}

#[test]
fn a_missing_folder_gives_a_clear_error_and_keeps_the_workshop_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    let mut s = Session::create(&path, &workshop()).unwrap();
    std::fs::remove_file(&path).unwrap();
    std::fs::remove_dir_all(dir.path()).unwrap();
    let w = workshop();
    let err = s.save(&w).unwrap_err();
    let message = crate::i18n::Localize::localize(&err, crate::i18n::Lang::Fr);
    assert!(message.contains("enregistrement impossible"), "{message}");
    assert!(message.contains("introuvable"), "{message}");
    // What is kept is the app's to say (it keeps it); a command that
    // stops says only what failed.
    assert!(!message.contains("Rien n'est perdu"), "{message}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// Many voters, random ballots (some refused): every kept ballot fits
    /// the rules, the count is the sum of the stored ballots whatever their
    /// order, and saving then loading keeps every ballot.
    #[test]
    fn ballots_fit_the_rules_sum_up_in_any_order_and_survive_a_save(
        dots in 1u32..8,
        cap in 1u32..4,
        casts in prop::collection::vec((0usize..14, prop::collection::vec((0usize..20, 0u32..5), 0..6)), 0..40),
        seed in any::<u64>(),
    ) {
        use crate::domain::{ParticipantId, ProposalId, RoundSettings, Scope, Mode, Tally, Voter, apply};
        let mut w = crate::domain::sample::generated(20, 14);
        w.rounds_mut().clear();
        let settings = RoundSettings {
            name: "Tour".into(),
            scope: Scope::All,
            mode: Mode::Ballots,
            method: crate::domain::round::Method::Dots,
            dots_per_voter: dots,
            max_per_proposal: cap.min(dots),
            winners: 3,
            shuffled: true,
        };
        let op = w.op_new_round(settings, crate::clock::Clock::System.now()).unwrap();
        apply(&mut w, op).unwrap();
        let round = w.rounds()[0].id;
        for (voter, picks) in casts {
            let d = picks.iter().map(|(p, n)| (ProposalId(*p as u32 + 1), *n)).collect();
            let voter = Voter::Participant(ParticipantId(voter as u32 + 1));
            if let Ok(op) = w.op_cast_ballot(round, voter, &d, crate::clock::Clock::System.now()) {
                let _ = apply(&mut w, op);
            }
        }
        let r = w.round(round).unwrap().clone();
        for b in r.counted_ballots() {
            prop_assert!(b.spent() <= r.dots_per_voter && b.spent() > 0);
            prop_assert!(b.dots.values().all(|n| *n <= r.max_per_proposal));
        }
        let tally = Tally::compute(&w, &r);
        let stored: u32 = r.counted_ballots().map(super::super::domain::round::Ballot::spent).sum();
        prop_assert_eq!(tally.dots_spent, stored);
        prop_assert_eq!(tally.voters, r.counted_ballots().count());
        // Any order of the same ballots gives the same count.
        let mut shuffled = r.clone();
        let mut state = seed;
        for i in (1..shuffled.ballots.len()).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            shuffled.ballots.swap(i, (state >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(Tally::compute(&w, &shuffled), tally);
        let back = parse(&to_toml(&w).unwrap()).unwrap();
        prop_assert_eq!(&back.round(round).unwrap().ballots, &r.ballots);
    }
}

/// The umask of this process, read from /proc (Linux).
#[cfg(target_os = "linux")]
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line.split_whitespace().nth(1).unwrap(), 8).unwrap()
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn a_symlinked_workshop_is_written_through_and_keeps_its_mode() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("x");
    let ws = dir.path().join("ws");
    std::fs::create_dir_all(&real_dir).unwrap();
    std::fs::create_dir_all(&ws).unwrap();
    let real = real_dir.join("real.toml");
    let mut w = workshop();
    write(&real, &w).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = ws.join("lien.toml");
    symlink(&real, &link).unwrap();

    let (mut s, _) = Session::open(&link, Access::ReadWrite).unwrap();
    assert!(lock::lock_path(&real).exists(), "the target is locked");
    w.details_mut().title = "Changé par le lien".into();
    s.save(&w).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&real).unwrap().details().title, "Changé par le lien");
    assert_eq!(mode(&real), 0o640, "the target keeps its mode");
    // Its backups live beside the target, not beside the link.
    assert!(real_dir.join(".atelier-backups").exists());
    drop(s);
    // A relative link, and a link to a link, work the same.
    let rel = ws.join("relatif.toml");
    symlink("../x/real.toml", &rel).unwrap();
    let chain = ws.join("chaine.toml");
    symlink(&rel, &chain).unwrap();
    let (mut s, _) = Session::open(&chain, Access::ReadWrite).unwrap();
    w.details_mut().title = "Par deux liens".into();
    s.save(&w).unwrap();
    assert_eq!(load(&real).unwrap().details().title, "Par deux liens");
    assert!(
        std::fs::symlink_metadata(&chain)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn new_files_get_the_default_mode_never_0777() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("neuf.toml");
    let _s = Session::create(&path, &workshop()).unwrap();
    assert_eq!(mode(&path), 0o666 & !umask());
    // Drafts, sheets and exports go through the same write.
    let export = dir.path().join("rapport.md");
    atomic::write(&export, b"x").unwrap();
    assert_eq!(mode(&export), 0o666 & !umask());
}

#[test]
fn a_file_that_is_not_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.toml");
    let mut bytes = b"format = 1\n[workshop]\ntitle = \"Cr".to_vec();
    bytes.push(0xE9); // é in Latin-1
    bytes.extend_from_slice(b"che\"\n");
    std::fs::write(&path, bytes).unwrap();
    match load(&path) {
        Err(StoreError::Bad { located, .. }) => {
            assert_eq!((located.line, located.column), (3, 12));
            assert_eq!(located.problem, format::Problem::NotUtf8);
        }
        other => panic!("expected a located error, got {other:?}"),
    }
    // A UTF-8 BOM, as some Windows editors write, is accepted.
    let text = to_toml(&workshop()).unwrap();
    std::fs::write(
        &path,
        [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    )
    .unwrap();
    assert_eq!(load(&path).unwrap(), workshop());
}

/// What phones bring — the join code, proposals received in every state
/// — is written and read back like the rest.
#[test]
fn the_join_code_and_received_proposals_round_trip() {
    use crate::domain::moderation::{Sent, op_accept, op_merge, op_receive, op_set_aside};
    use crate::domain::{Op, Stamp, apply};
    let mut w = workshop();
    let now = Stamp::from_ymd_hms(2024, 3, 14, 10, 0, 0).unwrap();
    let op = w.op_add_proposal("Sur le mur", vec![1], "", now).unwrap();
    apply(&mut w, op).unwrap();
    apply(&mut w, Op::SetJoin(Some("K7MHQX".into()))).unwrap();
    for (i, text) in ["retenue", "fusionnée", "écartée", "en attente"]
        .iter()
        .enumerate()
    {
        let sent = Sent {
            text: format!("Reçue {text}"),
            axis: Some(2),
            author: "CCAS".into(),
        };
        let op = op_receive(&w, &format!("d{i}"), sent, now)
            .unwrap()
            .unwrap();
        apply(&mut w, op).unwrap();
    }
    let ids: Vec<_> = w.received().iter().map(|r| r.id).collect();
    let op = op_accept(&w, ids[0], Some("Reçue, corrigée"), now).unwrap();
    apply(&mut w, op).unwrap();
    let into = w.proposals()[0].id;
    let op = op_merge(&w, ids[1], into, now).unwrap();
    apply(&mut w, op).unwrap();
    let op = op_set_aside(&w, ids[2], "hors sujet").unwrap();
    apply(&mut w, op).unwrap();
    let text = to_toml(&w).unwrap();
    assert!(text.contains("join = \"K7MHQX\""), "{text}");
    assert!(text.contains("[[received]]"), "{text}");
    assert_eq!(parse(&text).unwrap(), w);
    let accepted = w
        .proposals()
        .iter()
        .find(|p| p.text == "Reçue, corrigée")
        .unwrap();
    assert!(accepted.from_phone && accepted.author == "CCAS" && accepted.axes == [2]);
}
