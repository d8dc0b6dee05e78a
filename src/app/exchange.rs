//! What goes in and out of an open workshop: exporting (reports, CSV,
//! sheets) at any moment, and importing the proposals of another workshop.

use super::App;

use super::form::{Form, Purpose};
use crate::domain::synthesis::{Input, import};
use crate::export::{self, CsvStyle, Format, Options};
use crate::i18n::Localize;
use std::path::{Path, PathBuf};

/// The formats offered, in the order of the form's choice.
const FORMATS: [(Format, &str); 9] = [
    (Format::All, "export.all"),
    (Format::Md, "export.md"),
    (Format::Html, "export.html"),
    (Format::Csv, "export.csv"),
    (Format::Sheets, "export.sheets"),
    (Format::Xlsx, "export.xlsx"),
    (Format::Docx, "export.docx"),
    (Format::Ods, "export.ods"),
    (Format::Odt, "export.odt"),
];

/// Opens the export form: everything, names shown, French CSV, into the
/// folder beside the workshop. Enter at once does the usual thing.
pub fn export_form(app: &mut App) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_ref() else {
        app.info(app.t("app.open_first"));
        return;
    };
    // Shown from the workshop's folder, where a typed folder is taken from.
    let dir = export::default_dir(&doc.path);
    let dir = doc
        .path
        .parent()
        .and_then(|folder| dir.strip_prefix(folder).ok())
        .map_or(dir.clone(), Path::to_path_buf);
    let t = |k: &str| lang.t(k).to_string();
    app.overlay = Some(super::Overlay::Form(Form::new(
        Purpose::Export,
        "export.title",
        vec![
            Form::choice(
                "export.format",
                FORMATS.iter().map(|(_, k)| t(k)).collect(),
                0,
            ),
            Form::choice(
                "export.anonymous",
                vec![t("export.names_shown"), t("export.names_hidden")],
                0,
            ),
            Form::choice(
                "export.csv_style",
                vec![t("export.csv_french"), t("export.csv_standard")],
                0,
            ),
            Form::text("export.dir", &dir.display().to_string()),
        ],
    )));
}

/// The export form was submitted: writes the files, says where. Returns
/// whether the form may close (not when the folder could not be written,
/// so another one can be typed).
pub fn export_submit(app: &mut App, form: &Form) -> bool {
    let lang = app.lang;
    let Some(doc) = app.doc.as_ref() else {
        return true;
    };
    let format = FORMATS[form.choice_index(0).min(FORMATS.len() - 1)].0;
    let options = Options {
        lang,
        anonymous: form.choice_index(1) == 1,
        csv: if form.choice_index(2) == 1 {
            CsvStyle::Standard
        } else {
            CsvStyle::French
        },
    };
    let typed = form.value(3);
    let dir = if typed.trim().is_empty() {
        export::default_dir(&doc.path)
    } else {
        beside_the_workshop(&doc.path, typed.trim())
    };
    let form = form.clone();
    if let Some(inputs) = app.inputs.clone() {
        // Away from the screen: a synthesis of thousands of proposals takes
        // most of a second, and the projector must not freeze meanwhile.
        // The export reads its own copy; the workshop goes on changing.
        let w = doc.w.clone();
        app.info(app.t("export.running"));
        std::thread::spawn(move || {
            let result = export::write(&w, format, &options, &dir).map(|files| files.len());
            let _ = inputs.send(super::input::Input::Exported(Exported {
                dir,
                result,
                form,
            }));
        });
        return true;
    }
    // Without the loop (tests): at once, the form kept open on a failure.
    let result = export::write(&doc.w, format, &options, &dir).map(|files| files.len());
    exported(app, Exported { dir, result, form }, false)
}

/// A folder typed in the export form: a relative one is taken from the
/// workshop's folder, not from wherever the app was started (a shortcut
/// on a Windows desktop starts it in a folder nobody looks in).
fn beside_the_workshop(workshop: &Path, typed: &str) -> PathBuf {
    let typed = PathBuf::from(typed);
    match workshop.parent() {
        Some(folder) if typed.is_relative() => folder.join(typed),
        _ => typed,
    }
}

pub use super::input::Exported;

/// Says what an export did. On a failure the form comes back (`reopen`,
/// when nothing else is open) with the reason, so another folder can be
/// chosen. Returns whether it succeeded.
pub fn exported(app: &mut App, done: Exported, reopen: bool) -> bool {
    let lang = app.lang;
    match done.result {
        Ok(n) => {
            let text = lang.tf("export.done", &[("n", &n), ("dir", &done.dir.display())]);
            app.info(text);
            true
        }
        Err(e) => {
            app.error(e.localize(lang));
            if reopen && app.overlay.is_none() {
                app.overlay = Some(super::Overlay::Form(done.form));
            }
            false
        }
    }
}

/// The other workshops of the folder, as the import form lists them.
fn neighbours(own: &Path) -> Vec<(PathBuf, String)> {
    let dir = own.parent().unwrap_or(Path::new("."));
    let own = own.canonicalize().unwrap_or_else(|_| own.to_path_buf());
    crate::store::list(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|l| l.path.canonicalize().unwrap_or_else(|_| l.path.clone()) != own)
        .filter_map(|l| {
            let w = l.workshop.ok()?;
            let name = l.path.file_name()?.to_string_lossy().into_owned();
            Some((l.path, format!("{name} — {}", w.details().title)))
        })
        .collect()
}

pub fn import_form(app: &mut App) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_ref() else {
        app.info(app.t("app.open_first"));
        return;
    };
    let found = neighbours(&doc.path);
    let labels: Vec<String> = if found.is_empty() {
        vec![lang.t("synthesis.import_none_short").to_string()]
    } else {
        found.iter().map(|(_, l)| l.clone()).collect()
    };
    let paths = found.into_iter().map(|(p, _)| p).collect();
    app.overlay = Some(super::Overlay::Form(Form::new(
        Purpose::Import(paths),
        "synthesis.import_title",
        vec![
            Form::choice("synthesis.import_file", labels, 0),
            Form::text("synthesis.import_path", ""),
        ],
    )));
}

/// The import form was submitted: a typed path wins over the list.
pub fn import_submit(app: &mut App, form: &Form, paths: &[PathBuf]) -> bool {
    let lang = app.lang;
    let typed = form.value(1);
    let path = if typed.trim().is_empty() {
        if let Some(p) = paths.get(form.choice_index(0)) {
            p.clone()
        } else {
            app.error(lang.t("synthesis.import_none"));
            return false;
        }
    } else {
        PathBuf::from(typed.trim())
    };
    let other = match crate::store::load(&path) {
        Ok(w) => w,
        Err(e) => {
            app.error(e.localize(lang));
            return false;
        }
    };
    let Some(doc) = app.doc.as_mut() else {
        return true;
    };
    let name = |p: &Path| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    let own_file = name(&doc.path);
    // The origin's name: the file name, or the whole path when another
    // folder's file has this workshop's name (the same file keeps it, and
    // is refused as such).
    let same_file = path.canonicalize().ok() == doc.path.canonicalize().ok();
    let file = if same_file || name(&path) != own_file {
        name(&path)
    } else {
        path.display().to_string()
    };
    let input = Input {
        file: &file,
        workshop: &other,
    };
    let imported = match import(&doc.w, &own_file, input) {
        Ok(i) => i,
        Err(e) => {
            app.error(e.localize(lang));
            return false;
        }
    };
    let Some(op) = imported.op else {
        app.info(lang.tf(
            "synthesis.nothing_new",
            &[("skipped", &imported.skipped), ("file", &file)],
        ));
        return true;
    };
    if app.run_op(Ok(op)) {
        let text = if imported.skipped == 0 {
            lang.tf(
                "synthesis.imported",
                &[("n", &imported.added), ("file", &file)],
            )
        } else {
            lang.tf(
                "synthesis.imported_skipped",
                &[
                    ("n", &imported.added),
                    ("file", &file),
                    ("skipped", &imported.skipped),
                ],
            )
        };
        app.info(text);
    }
    true
}
