//! What opening, creating and recovering a workshop does to the app as a
//! whole: the lock taken first, a crash's temp file offered, read-only
//! access when another atelier holds it, then the session and the
//! screens made. The home screen asks for it by an effect.

use super::doc::Doc;
use super::form::Form;
use super::{App, Confirm, ConfirmKind, Overlay};
use crate::domain::{Date, Details, Phase, Workshop};
use crate::i18n::{Localize, io_reason};
use crate::store::{self, Access, StoreError, recover};
use std::path::Path;

/// Reads the folder again.
pub fn refresh(app: &mut App) {
    let h = super::layout::home_list_height(app);
    crate::app::screens::home::refresh(&mut app.home, app.lang, h);
}

/// The new-workshop form was submitted. False keeps it open.
pub fn create(app: &mut App, form: &Form) -> bool {
    let lang = app.lang;
    let title = crate::domain::proposal::clean_optional(&form.value(0));
    if title.is_empty() {
        app.error(lang.t("err.empty_title"));
        return false;
    }
    let date_text = form.value(2);
    let date = match date_text.trim() {
        "" => None,
        t => {
            if let Some(d) = Date::parse(t) {
                Some(d)
            } else {
                app.error(lang.tf("cli.bad_date", &[("date", &t)]));
                return false;
            }
        }
    };
    let details = Details {
        title,
        territory: form.value(1).trim().to_string(),
        date,
        place: form.value(3).trim().to_string(),
        facilitator: form.value(4).trim().to_string(),
        question: String::new(),
    };
    let dir = app.home.dir.clone();
    if let Err(e) = std::fs::create_dir_all(&dir) {
        app.error(lang.tf(
            "store.cannot_write",
            &[("path", &dir.display()), ("reason", &io_reason(lang, &e))],
        ));
        return false;
    }
    let path = store::paths::new_workshop_path(&dir, &details.title);
    // Create, then open through the usual path (lock, backups, writer).
    match store::write(&path, &Workshop::new(details)) {
        Ok(()) => {
            refresh(app);
            open(app, &path, Access::ReadWrite);
            if let Some(doc) = app.doc.as_mut() {
                app.screens.setup.section = crate::app::layout::Section::Details;
                doc.show(Phase::Setup);
            }
            true
        }
        Err(e) => {
            app.error(e.localize(lang));
            false
        }
    }
}

/// Opens a workshop: first its lock, then what a crash left — only the
/// lock's holder may recover a temp file, or another copy of atelier that
/// has the workshop open would lose its changes to it.
pub fn open(app: &mut App, path: &Path, access: Access) {
    let lang = app.lang;
    app.close_doc();
    app.home.held = None;
    if access == Access::ReadOnly {
        return open_now(app, path, access);
    }
    match store::take_lock(path) {
        Ok(lock) => app.home.held = Some((path.to_path_buf(), lock)),
        Err(StoreError::Locked { holder, .. }) => return ask_read_only(app, path, holder),
        // The usual open says why (a folder that cannot hold the lock).
        Err(_) => return open_now(app, path, access),
    }
    let orphans = recover::orphans(path);
    let (complete, partial): (Vec<_>, Vec<_>) = orphans.into_iter().partition(|o| o.complete);
    for o in &partial {
        // Cut short by the crash: kept in the backups, out of the way.
        let _ = recover::set_aside(o, path);
    }
    if let Some(newest) = complete.first() {
        let when =
            chrono::DateTime::<chrono::Local>::from(newest.modified).format("%d/%m/%Y %H:%M:%S");
        app.overlay = Some(Overlay::Confirm(Confirm {
            kind: ConfirmKind::Recover(path.to_path_buf()),
            title: lang.t("home.recover_title").to_string(),
            body: lang.tf(
                "home.recover_body",
                &[("when", &when), ("path", &newest.path.display())],
            ),
            choices: vec![
                lang.t("home.recover_yes").to_string(),
                lang.t("home.recover_no").to_string(),
            ],
            selected: None,
        }));
        return;
    }
    open_now(app, path, access);
}

/// The recovery dialog's answer, given with the lock still held.
pub fn recover(app: &mut App, path: &Path, adopt: bool) {
    let lang = app.lang;
    if app.home.held.as_ref().is_none_or(|(p, _)| p != path) {
        // The lock went (the dialog outlived it): start again from it.
        return open(app, path, Access::ReadWrite);
    }
    let complete: Vec<_> = recover::orphans(path)
        .into_iter()
        .filter(|o| o.complete)
        .collect();
    let mut result = Ok(());
    for (i, o) in complete.iter().enumerate() {
        result = result.and(if adopt && i == 0 {
            recover::adopt(o, path)
        } else {
            recover::set_aside(o, path).map(|_| ())
        });
    }
    match result {
        Ok(()) if adopt => app.info(lang.t("home.recovered")),
        Ok(()) => app.info(lang.t("home.recovery_declined")),
        Err(e) => app.error(io_reason(lang, &e)),
    }
    open_now(app, path, Access::ReadWrite);
}

/// The workshop is open in another process: offer to read it.
fn ask_read_only(app: &mut App, path: &Path, holder: Option<store::lock::Holder>) {
    let lang = app.lang;
    let err = StoreError::Locked {
        path: path.to_path_buf(),
        holder,
    };
    app.overlay = Some(Overlay::Confirm(Confirm {
        kind: ConfirmKind::OpenReadOnly(path.to_path_buf()),
        title: lang.t("home.locked_title").to_string(),
        body: format!(
            "{}\n\n{}",
            err.localize(lang),
            lang.t("home.locked_question")
        ),
        choices: vec![
            lang.t("home.read_only_yes").to_string(),
            lang.t("home.read_only_no").to_string(),
        ],
        selected: None,
    }));
}

pub fn open_now(app: &mut App, path: &Path, access: Access) {
    let lang = app.lang;
    app.close_doc();
    let held = app
        .home
        .held
        .take()
        .filter(|(p, _)| p == path && access == Access::ReadWrite)
        .map(|(_, lock)| lock);
    match Doc::open_with(path, access, held, app.save_mode, app.notify.clone(), lang) {
        Ok(mut doc) => {
            let restored = doc.restored_draft;
            let put_back = doc.restored.len();
            let recovered = doc.recovered.clone();
            let read_only = doc.read_only;
            app.screens = crate::app::screens::Screens::opened(&mut doc, lang);
            app.doc = Some(doc);
            let index = app.similar.index();
            if let Some(doc) = app.doc.as_mut() {
                doc.set_similarity(index);
            }
            if let Some(doc) = app.doc.as_mut() {
                doc.show(Phase::Capture);
            }
            app.fit_all();
            // Phones that took part when the app last ran are served again.
            if let Some(doc) = app.doc.as_mut() {
                crate::app::phones::resume(&mut app.phones, doc, lang);
            }
            if read_only {
                app.info(lang.t("home.opened_read_only"));
            } else if put_back > 0 {
                app.info(crate::i18n::tnf(lang, "draft.restored", put_back, &[]));
            } else if restored {
                app.info(lang.t("capture.draft_restored"));
            } else {
                app.message = None;
            }
            if !recovered.is_empty() {
                let mut text = lang.t("draft.recovered_body").to_string();
                for r in &recovered {
                    text.push_str(&format!("\n\n{} :\n{}", r.label, r.text));
                }
                app.overlay = Some(Overlay::Viewer {
                    title: lang.t("draft.recovered_title").to_string(),
                    text,
                    scroll: 0,
                });
            }
        }
        Err(StoreError::Locked { holder, .. }) => ask_read_only(app, path, holder),
        Err(e) => app.error(e.localize(lang)),
    }
}
