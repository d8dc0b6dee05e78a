//! Properties of the store over workshops the domain can build.

use super::format::{parse, to_toml};
use super::*;
use crate::domain::History;
use crate::domain::tests::{gesture, perform, workshop};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

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
            crate::domain::Stamp::now(),
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
    assert!(message.contains("Rien n'est perdu"), "{message}");
}
