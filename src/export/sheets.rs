//! Action sheets as TOML files of their own (`FA-01.toml`), which any TOML
//! parser reads, and which can be edited by hand and read back into the
//! workshop with a clear error on bad input.

use crate::domain::validate::{Invalid, PathSeg};
use crate::domain::{Op, Sheet, Workshop};
use crate::store::atomic;
use crate::store::format::{Located, Problem, line_column, locate};
use std::io;
use std::path::{Path, PathBuf};

/// `sessions/exemple-drome/fiches` for `sessions/exemple-drome.toml`.
pub fn default_dir(workshop: &Path) -> PathBuf {
    let stem = workshop.file_stem().unwrap_or_default();
    workshop.with_file_name(stem).join("fiches")
}

/// A file name from a sheet id, safe on every system: `FA-01.toml`.
pub fn file_name(sheet: &Sheet) -> String {
    let safe: String = sheet
        .id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.toml")
}

pub fn to_toml(sheet: &Sheet, w: &Workshop) -> Result<String, toml::ser::Error> {
    let axis = sheet
        .axis
        .and_then(|k| w.axis(k))
        .map_or(String::new(), |a| format!(" — axe {} {}", a.key, a.short));
    // The comment lines carry text from the workshop: one line each, and
    // nothing that could act on a terminal that shows the file.
    let comment = |t: &str| crate::domain::text::neutralise(&t.replace('\n', " ")).into_owned();
    Ok(format!(
        "# Fiche action {}{}\n# {}\n# Written by atelier. Edit it freely: Ctrl+L in the sheet screen reads it back.\n\n{}",
        comment(&sheet.id),
        comment(&axis),
        comment(&w.details().title),
        crate::store::escape::escape_active(&toml::to_string(&as_document(sheet))?)
    ))
}

/// The fiche as a document: without its page's code and the versions its
/// group set aside, which stay in the workshop (an import keeps them).
fn as_document(sheet: &Sheet) -> Sheet {
    Sheet {
        drafting: None,
        kept: Vec::new(),
        ..sheet.clone()
    }
}

#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// Writes every sheet into `dir` (created if needed), each atomically.
pub fn write_all(w: &Workshop, dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
    std::fs::create_dir_all(dir).map_err(|source| WriteError {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::with_capacity(w.sheets().len());
    for sheet in w.sheets() {
        let path = dir.join(file_name(sheet));
        let text = to_toml(sheet, w).map_err(|e| WriteError {
            path: path.clone(),
            source: io::Error::new(io::ErrorKind::InvalidData, e.to_string()),
        })?;
        atomic::write(&path, text.as_bytes()).map_err(|source| WriteError {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// Reads a sheet file: its syntax, then what the workshop must agree with
/// (the axis exists, the title is not empty), each located.
pub fn parse(text: &str, w: &Workshop) -> Result<Sheet, Located> {
    let sheet: Sheet = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
        Located {
            line,
            column,
            problem: Problem::Syntax(e.message().to_string()),
        }
    })?;
    let invalid = |field: &str, error| {
        let path = [PathSeg::from(field)];
        let (line, column) = locate(text, &path).unwrap_or((1, 1));
        Located {
            line,
            column,
            problem: Problem::Invalid(Invalid {
                path: path.to_vec(),
                error,
            }),
        }
    };
    if let Some(axis) = sheet.axis
        && w.axis(axis).is_none()
    {
        return Err(invalid(
            "axis",
            crate::domain::DomainError::UnknownAxis(axis),
        ));
    }
    if sheet.title.trim().is_empty() {
        return Err(invalid("title", crate::domain::DomainError::EmptyTitle));
    }
    Ok(sheet)
}

/// A sheet file read back, or why not (worded by the caller).
#[derive(Debug)]
pub enum Read {
    Sheet(Box<Sheet>),
    Bad(Located),
    Io(io::Error),
}

/// Reads every `*.toml` of `dir`, in name order.
pub fn read_dir(dir: &Path, w: &Workshop) -> io::Result<Vec<(PathBuf, Read)>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|path| {
            let read = match std::fs::read_to_string(&path) {
                Ok(text) => match parse(&text, w) {
                    Ok(s) => Read::Sheet(Box::new(s)),
                    Err(l) => Read::Bad(l),
                },
                Err(e) => Read::Io(e),
            };
            (path, read)
        })
        .collect())
}

/// The op that brings read sheets into the workshop: a changed sheet
/// replaces its namesake, a new id is added; unchanged ones are skipped.
/// `None` when nothing changes.
pub fn import(w: &Workshop, sheets: Vec<Sheet>) -> Option<Op> {
    let mut ops = Vec::new();
    let mut added = 0;
    for mut sheet in sheets {
        if let Some(existing) = w.sheet(&sheet.id) {
            // The fiche's page and what its group set aside stay.
            if sheet.drafting.is_none() {
                sheet.drafting.clone_from(&existing.drafting);
            }
            if sheet.kept.is_empty() {
                sheet.kept.clone_from(&existing.kept);
            }
            if *existing != sheet {
                ops.push(Op::ReplaceSheet(Box::new(sheet)));
            }
        } else {
            ops.push(Op::InsertSheet {
                index: w.sheets().len() + added,
                sheet: Box::new(sheet),
            });
            added += 1;
        }
    }
    (!ops.is_empty()).then_some(Op::Batch(ops))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DomainError;

    fn example() -> Workshop {
        crate::store::load(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sessions/exemple-drome.toml"
        )))
        .unwrap()
    }

    #[test]
    fn sheets_round_trip_through_their_files() {
        let w = example();
        let dir = tempfile::tempdir().unwrap();
        let written = write_all(&w, dir.path()).unwrap();
        assert_eq!(written.len(), 3);
        assert!(written[0].ends_with("FA-01.toml"));
        let read = read_dir(dir.path(), &w).unwrap();
        let sheets: Vec<Sheet> = read
            .into_iter()
            .map(|(_, r)| match r {
                Read::Sheet(s) => *s,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(sheets, w.sheets());
        assert_eq!(
            import(&w, sheets),
            None,
            "nothing changed, nothing to import"
        );
    }

    #[test]
    fn a_hand_edited_sheet_comes_back_and_a_bad_one_is_located() {
        let w = example();
        let text = to_toml(&w.sheets()[1], &w).unwrap();
        let edited = text.replace(
            "Une tournée hebdomadaire dans 40 communes",
            "Une tournée dans 45 communes",
        );
        let sheet = parse(&edited, &w).unwrap();
        assert_eq!(sheet.objectifs[0], "Une tournée dans 45 communes");
        assert!(
            matches!(import(&w, vec![sheet]), Some(Op::Batch(ops)) if matches!(ops[0], Op::ReplaceSheet(_)))
        );

        let unknown_axis = text.replace("axis = 3", "axis = 7");
        let err = parse(&unknown_axis, &w).unwrap_err();
        let line = unknown_axis.lines().position(|l| l == "axis = 7").unwrap() + 1;
        assert_eq!((err.line, err.column), (line, 8));
        assert!(matches!(
            err.problem,
            Problem::Invalid(Invalid {
                error: DomainError::UnknownAxis(7),
                ..
            })
        ));

        let letters = text.replace("amount = 90000", "amount = \"quatre-vingt-dix mille\"");
        let err = parse(&letters, &w).unwrap_err();
        let line = letters
            .lines()
            .position(|l| l.starts_with("amount = \"quatre"))
            .unwrap()
            + 1;
        assert_eq!((err.line, err.column), (line, 10));

        let negative = text.replace("amount = 90000", "amount = -90000");
        assert!(
            parse(&negative, &w).is_err(),
            "an amount cannot be negative"
        );
    }
}
