//! The workshop file: TOML text to and from a [`Workshop`], with every
//! problem located at a line and column, and old formats migrated.

use crate::domain::validate::{Invalid, PathSeg, validate};
use crate::domain::workshop::{FORMAT, Workshop};
use toml::de::{DeTable, DeValue};

/// What is wrong with a workshop text, and where (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub column: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not TOML, or not the shape of a workshop (a wrong type, a missing or
    /// unknown field), as the parser words it.
    Syntax(String),
    /// Well-formed, but inconsistent (a duplicate id, a missing reference).
    Invalid(Invalid),
    /// Written by a newer atelier.
    TooNew { found: i64 },
    /// Not UTF-8 text (a file saved in Latin-1, or not text at all).
    NotUtf8,
}

const HEADER: &str = "# atelier — one concertation workshop. Hand edits are welcome: \
atelier checks them on load\n# and tells the line and column of any mistake. See README.md, \"File format\".\n\n";

/// Every domain type is designed to serialise (no NaN, no `Option` in a
/// list); should one ever fail, the save is refused and the file untouched.
pub fn to_toml(w: &Workshop) -> Result<String, toml::ser::Error> {
    to_toml_with(&mut super::text::TextCache::default(), w)
}

/// The file's text, reusing what `cache` remembers of earlier saves.
pub fn to_toml_with(
    cache: &mut super::text::TextCache,
    w: &Workshop,
) -> Result<String, toml::ser::Error> {
    cache.write(HEADER, w)
}

/// The file's bytes as text: UTF-8 (a leading BOM, which some Windows
/// editors add, is skipped); otherwise the line and column of the first
/// byte that is not.
pub fn utf8(bytes: &[u8]) -> Result<&str, Located> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let (line, column) = line_column(valid, valid.len());
        Located {
            line,
            column,
            problem: Problem::NotUtf8,
        }
    })
}

/// Parses and checks a workshop file's text.
pub fn parse(text: &str) -> Result<Workshop, Located> {
    match toml::from_str::<Workshop>(text) {
        Ok(w) if w.format() == FORMAT => checked(text, w),
        Ok(w) if w.format() > FORMAT => Err(too_new(text, w.format().into())),
        Ok(_) => migrate_from_table(text),
        Err(e) => match declared_format(text) {
            // The shape may be an older one: migrate before judging it.
            Some(Some(f)) if f < i64::from(FORMAT) => migrate_from_table(text),
            Some(None) => migrate_from_table(text),
            Some(Some(f)) if f > i64::from(FORMAT) => Err(too_new(text, f)),
            _ => Err(syntax(text, &e)),
        },
    }
}

fn checked(text: &str, mut w: Workshop) -> Result<Workshop, Located> {
    if let Err(invalid) = validate(&w) {
        let (line, column) = locate(text, &invalid.path).unwrap_or((1, 1));
        return Err(Located {
            line,
            column,
            problem: Problem::Invalid(invalid),
        });
    }
    w.repair_counters();
    Ok(w)
}

/// `None` when the text is not even TOML; `Some(None)` when it has no
/// `format` key (the first drafts of the format).
#[allow(clippy::option_option)] // Three answers: not TOML, no key, a number.
fn declared_format(text: &str) -> Option<Option<i64>> {
    let table = text.parse::<toml::Table>().ok()?;
    Some(table.get("format").and_then(toml::Value::as_integer))
}

fn too_new(text: &str, found: i64) -> Located {
    let (line, column) = locate(text, &[PathSeg::from("format")]).unwrap_or((1, 1));
    Located {
        line,
        column,
        problem: Problem::TooNew { found },
    }
}

fn syntax(text: &str, e: &toml::de::Error) -> Located {
    let (line, column) = e
        .span()
        .map_or((1, 1), |span| line_column(text, span.start));
    Located {
        line,
        column,
        problem: Problem::Syntax(e.message().to_string()),
    }
}

/// Format 0, the drafts before `format` existed, tagged a proposal with a
/// single `axis = N`; format 1 has `axes = [N, …]`.
fn migrate_from_table(text: &str) -> Result<Workshop, Located> {
    let mut table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| syntax(text, &e))?;
    let from = table
        .get("format")
        .and_then(toml::Value::as_integer)
        .unwrap_or(0);
    if from < 1 {
        migrate_0_to_1(&mut table);
    }
    table.insert("format".into(), toml::Value::Integer(FORMAT.into()));
    let w: Workshop = toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| {
            // Spans are lost in the migrated tree: point at the top, say what.
            Located {
                line: 1,
                column: 1,
                problem: Problem::Syntax(format!(
                    "after migrating from format {from}: {}",
                    e.message()
                )),
            }
        })?;
    checked(text, w)
}

fn migrate_0_to_1(table: &mut toml::Table) {
    let Some(toml::Value::Array(proposals)) = table.get_mut("proposals") else {
        return;
    };
    for p in proposals.iter_mut().filter_map(toml::Value::as_table_mut) {
        if let Some(axis) = p.remove("axis") {
            p.insert("axes".into(), toml::Value::Array(vec![axis]));
        }
    }
}

/// The line and column of the value at `path`, found in a spanned parse.
/// Only called on the error path, so the second parse costs nothing usual.
pub fn locate(text: &str, path: &[PathSeg]) -> Option<(usize, usize)> {
    let root = DeTable::parse(text).ok()?;
    let mut span = root.span();
    let table = DeValue::Table(root.into_inner());
    let mut node = &table;
    for seg in path {
        let child = match seg {
            PathSeg::Key(k) => node.get(k.as_str()),
            PathSeg::Index(i) => node.get(*i),
        };
        match child {
            Some(c) => {
                span = c.span();
                node = c.get_ref();
            }
            None => break,
        }
    }
    Some(line_column(text, span.start))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DomainError;
    use crate::domain::sample::generated;

    #[test]
    fn a_workshop_reads_back_equal() {
        let w = generated(30, 5);
        assert_eq!(parse(&to_toml(&w).unwrap()).unwrap(), w);
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, text.find('=').unwrap()), (1, 3));
        assert_eq!(line_column(text, text.rfind('=').unwrap()), (2, 4));
    }

    #[test]
    fn format_0_files_are_migrated() {
        let old = "[workshop]\ntitle = \"Ancien\"\n\n[[axes]]\nkey = 1\ntitle = \"A\"\nshort = \"A\"\ncolor = \"#E69F00\"\n\n[[proposals]]\nid = 1\ntext = \"x\"\naxis = 1\n";
        let w = parse(old).unwrap();
        assert_eq!(w.format(), FORMAT);
        assert_eq!(w.proposals()[0].axes, vec![1]);
    }

    #[test]
    fn newer_formats_are_refused_with_their_number() {
        let text = "format = 7\n[workshop]\ntitle = \"Futur\"\nnew_thing = 1\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.problem, Problem::TooNew { found: 7 });
        assert_eq!((err.line, err.column), (1, 10));
    }

    #[test]
    fn semantic_problems_are_located() {
        let w = generated(3, 0);
        let text = to_toml(&w).unwrap().replace("id = 3\n", "id = 2\n");
        let err = parse(&text).unwrap_err();
        let expected_line = text[..text.rfind("id = 2").unwrap()].matches('\n').count() + 1;
        assert_eq!((err.line, err.column), (expected_line, 6));
        match err.problem {
            Problem::Invalid(i) => assert_eq!(
                i.error,
                DomainError::DuplicateProposal(crate::domain::ProposalId(2))
            ),
            other => panic!("{other:?}"),
        }
    }
}
