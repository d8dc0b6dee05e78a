//! What goes in and out of an open workshop: exporting (reports, CSV,
//! sheets) at any moment, and importing the proposals of another workshop.

use super::cx::Cx;
use super::doc::Doc;
use super::effect::{Effect, Fx, Taken};
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
pub fn export_form(doc: &Doc, cx: &Cx) -> Fx {
    let lang = cx.lang;
    // Shown from the workshop's folder, where a typed folder is taken from.
    let dir = export::default_dir(&doc.path);
    let dir = doc
        .path
        .parent()
        .and_then(|folder| dir.strip_prefix(folder).ok())
        .map_or(dir.clone(), Path::to_path_buf);
    let t = |k: &str| lang.t(k).to_string();
    Effect::Open(super::Overlay::Form(Form::new(
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
    )))
    .into()
}

/// The export form was submitted: the export to make, from a copy of
/// the workshop (the router runs it away from the screen, and says where
/// the files went or gives the form back with the reason).
pub fn export_submit(doc: &Doc, cx: &Cx, form: &Form) -> Taken {
    let format = FORMATS[form.choice_index(0).min(FORMATS.len() - 1)].0;
    let options = Options {
        lang: cx.lang,
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
    let job = ExportJob {
        w: doc.w.clone(),
        format,
        options,
        dir,
        form: form.clone(),
    };
    (true, Effect::Export(Box::new(job)).into())
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

pub use super::input::{ExportJob, Exported};

/// Says what an export did. On a failure the form comes back (`reopen`,
/// when nothing else is open) with the reason, so another folder can be
/// chosen.
pub fn exported(done: Exported, lang: crate::i18n::Lang) -> Fx {
    let mut fx = Fx::none();
    match done.result {
        Ok(n) => fx.info(lang.tf("export.done", &[("n", &n), ("dir", &done.dir.display())])),
        Err(e) => {
            let why = e.localize(lang);
            fx.error(why.clone());
            fx.push(Effect::Offer(super::Overlay::Form(done.form), why));
        }
    }
    fx
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

pub fn import_form(doc: &Doc, cx: &Cx) -> Fx {
    let lang = cx.lang;
    let found = neighbours(&doc.path);
    let labels: Vec<String> = if found.is_empty() {
        vec![lang.t("synthesis.import_none_short").to_string()]
    } else {
        found.iter().map(|(_, l)| l.clone()).collect()
    };
    let paths = found.into_iter().map(|(p, _)| p).collect();
    Effect::Open(super::Overlay::Form(Form::new(
        Purpose::Import(paths),
        "synthesis.import_title",
        vec![
            Form::choice("synthesis.import_file", labels, 0),
            Form::text("synthesis.import_path", ""),
        ],
    )))
    .into()
}

/// The import form was submitted: a typed path wins over the list.
pub fn import_submit(doc: &mut Doc, cx: &Cx, form: &Form, paths: &[PathBuf]) -> Taken {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let typed = form.value(1);
    let path = if typed.trim().is_empty() {
        if let Some(p) = paths.get(form.choice_index(0)) {
            p.clone()
        } else {
            fx.error(lang.t("synthesis.import_none"));
            return (false, fx);
        }
    } else {
        PathBuf::from(typed.trim())
    };
    let other = match crate::store::load(&path) {
        Ok(w) => w,
        Err(e) => {
            fx.error(e.localize(lang));
            return (false, fx);
        }
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
            fx.error(e.localize(lang));
            return (false, fx);
        }
    };
    let Some(op) = imported.op else {
        fx.info(lang.tf(
            "synthesis.nothing_new",
            &[("skipped", &imported.skipped), ("file", &file)],
        ));
        return (true, fx);
    };
    if doc.apply(Ok(op), lang, &mut fx) {
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
        fx.info(text);
    }
    (true, fx)
}
