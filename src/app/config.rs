//! The user's config file: language, theme, voting defaults, workshops
//! folder, key overrides. A broken file gives a clear message and the app
//! starts with the defaults.

use super::keys::keymap::RawTables;
use crate::store::format::line_column;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `fr` or `en`.
    pub lang: Option<String>,
    /// `dark` or `light`.
    pub theme: Option<String>,
    /// Dots per voter for new rounds; absent: a third of the proposals,
    /// between 3 and 10.
    pub default_dots: Option<u32>,
    /// Cap per proposal for new rounds (3 when absent).
    pub default_cap: Option<u32>,
    pub sessions_dir: Option<PathBuf>,
    /// Ring the terminal bell when a timer ends (on when absent).
    pub bell: Option<bool>,
    /// Warn two minutes before a timer ends (on when absent).
    pub timer_warning: Option<bool>,
    /// Keep the author after saving a proposal (off when absent: the next
    /// proposal usually comes from someone else).
    pub keep_author: Option<bool>,
    /// Measures of the référentiel offered in the sheet's form, after the
    /// shipped ones (`domain::sheet::REFERENTIEL`).
    #[serde(default)]
    pub referentiel: Vec<String>,
    /// How similar proposals are found.
    #[serde(default)]
    pub similar: SimilarConfig,
    #[serde(default)]
    pub keys: RawTables,
}

/// `[similar]`: the suggestions' threshold and weights, and the
/// département's own synonyms (each list's forms count as one word).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimilarConfig {
    /// A pair at or above this score (0 to 1) is suggested.
    pub threshold: Option<f32>,
    /// The words' share of the score (0 to 1); the letters have the rest.
    pub word_weight: Option<f32>,
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
}

impl SimilarConfig {
    /// The index these settings make; a value outside 0–1 keeps the
    /// measured default.
    pub fn index(&self) -> crate::domain::similar::Index {
        use crate::domain::similar::{Analyser, Index, Params};
        let d = Params::default();
        let within =
            |v: Option<f32>, default| v.filter(|v| (0.0..=1.0).contains(v)).unwrap_or(default);
        let params = Params {
            threshold: within(self.threshold, d.threshold),
            word_weight: within(self.word_weight, d.word_weight),
        };
        Index::new(Analyser::new(&self.synonyms), params)
    }
}

/// What is wrong with a config file, worded once the language is known
/// (the language itself may come from the file).
#[derive(Debug)]
pub enum Problem {
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Bad {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

impl Problem {
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Problem::Read { path, error } => lang.tf(
                "store.cannot_read",
                &[
                    ("path", &path.display()),
                    ("reason", &crate::i18n::io_reason(lang, error)),
                ],
            ),
            Problem::Bad {
                path,
                line,
                column,
                message,
            } => format!(
                "{}:{line}:{column} : {}",
                path.display(),
                crate::i18n::parser::parser_message(lang, message)
            ),
        }
    }
}

/// A config file and what went wrong reading it, if anything.
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Config,
    /// Worded for the facilitator: file, line, column, what.
    pub problem: Option<Problem>,
}

impl Config {
    pub fn load(path: Option<&Path>) -> Loaded {
        let Some(path) = path else {
            return Loaded::default();
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::default(),
            Err(e) => {
                return Loaded {
                    config: Config::default(),
                    problem: Some(Problem::Read {
                        path: path.to_path_buf(),
                        error: e,
                    }),
                };
            }
        };
        match toml::from_str::<Config>(&text) {
            Ok(config) => Loaded {
                config,
                problem: None,
            },
            Err(e) => {
                let (line, col) = e.span().map_or((1, 1), |s| line_column(&text, s.start));
                Loaded {
                    config: Config::default(),
                    problem: Some(Problem::Bad {
                        path: path.to_path_buf(),
                        line,
                        column: col,
                        message: e.message().to_string(),
                    }),
                }
            }
        }
    }

    pub fn default_cap(&self) -> u32 {
        self.default_cap
            .unwrap_or(crate::domain::round::DEFAULT_CAP)
            .max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_config_is_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = Config::load(Some(&dir.path().join("config.toml")));
        assert!(loaded.problem.is_none());
        assert_eq!(loaded.config.default_cap(), 3);
    }

    #[test]
    fn a_broken_config_is_reported_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "lang = \"en\"\ndefault_cap = \"trois\"\n").unwrap();
        let loaded = Config::load(Some(&path));
        let problem = loaded.problem.unwrap().describe(crate::i18n::Lang::Fr);
        assert!(
            problem.ends_with(
                "config.toml:2:15 : type inattendu : le texte « trois » ; attendu : un nombre entier positif."
            ),
            "{problem}"
        );
        assert_eq!(loaded.config.lang, None, "defaults are used");
    }

    #[test]
    fn the_similar_settings_extend_the_synonyms_and_move_the_threshold() {
        use crate::domain::ProposalId;
        let config: Config = toml::from_str(
            "[similar]\nthreshold = 0.3\nword_weight = 7\nsynonyms = [[\"PLIE\", \"plan local pour l'insertion et l'emploi\"]]\n",
        )
        .unwrap();
        let mut index = config.similar.index();
        let d = crate::domain::similar::Params::default();
        assert!((index.params.threshold - 0.3).abs() < 1e-6);
        assert!(
            (index.params.word_weight - d.word_weight).abs() < 1e-6,
            "out of 0–1: the default"
        );
        index.upsert(ProposalId(1), "Renforcer le PLIE à Valence");
        index.upsert(
            ProposalId(2),
            "Le plan local pour l'insertion et l'emploi de Valence",
        );
        assert_eq!(index.like(ProposalId(2))[0].other, ProposalId(1));
        assert!(toml::from_str::<Config>("[similar]\ntreshold = 0.3\n").is_err());
    }

    #[test]
    fn a_good_config_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "lang = \"en\"\ntheme = \"light\"\ndefault_cap = 2\n[[keys.global]]\non = [\"ctrl-u\"]\nrun = \"undo\"\ndesc = \"key.undo\"\n").unwrap();
        let loaded = Config::load(Some(&path));
        assert!(loaded.problem.is_none(), "{:?}", loaded.problem);
        assert_eq!(loaded.config.lang.as_deref(), Some("en"));
        assert_eq!(loaded.config.default_cap(), 2);
        assert_eq!(loaded.config.keys["global"].len(), 1);
    }
}
