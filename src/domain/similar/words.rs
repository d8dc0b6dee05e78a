//! From a proposal's text to what is compared: its content words, each
//! reduced to a French stem (or to its synonym group), and the letter
//! trigrams of those words, which survive typos and word forms.

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

/// The synonym groups shipped with atelier.
const SHIPPED: &str = include_str!("synonyms.toml");

/// Function words, and the action verbs nearly every proposal starts
/// with ("mettre en place", "développer"): they say how, not what.
const STOP: &[&str] = &[
    "a",
    "au",
    "aux",
    "avec",
    "c",
    "ce",
    "ces",
    "cet",
    "cette",
    "d",
    "dans",
    "de",
    "des",
    "du",
    "elle",
    "elles",
    "en",
    "entre",
    "est",
    "et",
    "etre",
    "il",
    "ils",
    "j",
    "je",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lui",
    "m",
    "ma",
    "mais",
    "me",
    "mes",
    "meme",
    "moins",
    "mon",
    "n",
    "ne",
    "nos",
    "notre",
    "nous",
    "on",
    "ont",
    "ou",
    "par",
    "pas",
    "pour",
    "plus",
    "qu",
    "que",
    "qui",
    "s",
    "sa",
    "sans",
    "se",
    "ses",
    "si",
    "son",
    "sont",
    "sur",
    "t",
    "ta",
    "te",
    "tes",
    "ton",
    "tous",
    "tout",
    "toute",
    "toutes",
    "tres",
    "tu",
    "un",
    "une",
    "vers",
    "vos",
    "votre",
    "vous",
    "y",
    "afin",
    "chaque",
    "ainsi",
    "etc",
    "lors",
    "dont",
    "cela",
    "ceux",
    "celles",
    "mettre",
    "place",
    "creer",
    "creation",
    "developper",
    "developpement",
    "renforcer",
    "renforcement",
    "favoriser",
    "ameliorer",
    "amelioration",
    "permettre",
    "proposer",
    "faciliter",
    "mieux",
    "faire",
    "aider",
    "soutenir",
    "besoin",
    "besoins",
    "mise",
    "oeuvre",
    "dispositif",
    "dispositifs",
    "action",
    "actions",
    "personnes",
    "personne",
    "public",
    "publics",
    "lutter",
    "contre",
    "generaliser",
    "augmenter",
    "reduire",
    "financer",
    "financement",
    "organiser",
    "ouvrir",
    "tenir",
    "accompagner",
    "offre",
    // The words of every proposal in a solidarity workshop.
    "solidaire",
    "solidaires",
    "social",
    "sociale",
    "sociaux",
    "sociales",
];

#[derive(Deserialize)]
struct Groups {
    #[serde(default)]
    group: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    forms: Vec<String>,
}

/// What a text is compared by.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysed {
    /// The terms, in order: a stem, or `=n` for the synonym group `n`.
    pub terms: Vec<String>,
    /// The word each term was read from, in lower case with its accents:
    /// what a person is shown as the shared words.
    pub words: Vec<String>,
    /// The letters each term is compared by (its folded word, or its
    /// synonym group's name).
    pub letters: Vec<String>,
    /// The letter trigrams of the content words, hashed, sorted, once each.
    pub grams: Vec<u32>,
}

/// Reads French texts: folds, drops the function words, stems, and puts
/// each synonym group's forms under one term.
pub struct Analyser {
    stemmer: Stemmer,
    /// Each form as its folded words, with its group; longest first, so
    /// "revenu de solidarité active" wins over a shorter form.
    phrases: Vec<(Vec<String>, usize)>,
    /// Each group's first form, folded: the letters its forms are
    /// compared by, so "SIAE" and its long form share their trigrams.
    names: Vec<String>,
}

impl std::fmt::Debug for Analyser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyser")
            .field("phrases", &self.phrases.len())
            .finish_non_exhaustive()
    }
}

impl Default for Analyser {
    fn default() -> Analyser {
        Analyser::new(&[])
    }
}

impl Analyser {
    /// The shipped synonyms, with `extra` groups (the config's) after them.
    pub fn new(extra: &[Vec<String>]) -> Analyser {
        let shipped: Groups = toml::from_str(SHIPPED).unwrap_or(Groups { group: Vec::new() });
        let groups = shipped
            .group
            .into_iter()
            .map(|g| g.forms)
            .chain(extra.iter().cloned());
        let mut phrases = Vec::new();
        let mut names = Vec::new();
        for (n, forms) in groups.enumerate() {
            names.push(forms.first().map(|f| fold(f)).unwrap_or_default());
            for form in forms {
                let words = split(&fold(&form));
                if !words.is_empty() {
                    phrases.push((words, n));
                }
            }
        }
        phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        Analyser {
            stemmer: Stemmer::create(Algorithm::French),
            phrases,
            names,
        }
    }

    pub fn analyse(&self, text: &str) -> Analysed {
        let lower: Vec<String> = split(&text.to_lowercase());
        let folded: Vec<String> = lower.iter().map(|w| fold(w)).collect();
        let mut out = Analysed::default();
        let mut letters = Vec::new();
        let mut i = 0;
        while i < lower.len() {
            if let Some((len, group)) = self.phrase_at(&folded[i..]) {
                out.terms.push(format!("={group}"));
                out.words.push(lower[i..i + len].join(" "));
                letters.push(self.names[group].clone());
                i += len;
                continue;
            }
            let word = &folded[i];
            if !STOP.contains(&word.as_str()) && !is_elided(word) {
                let stem = fold(&self.stemmer.stem(&lower[i]));
                out.terms.push(stem);
                out.words.push(lower[i].clone());
                letters.push(word.clone());
            }
            i += 1;
        }
        out.grams = trigrams(&letters);
        out.letters = letters;
        out
    }

    fn phrase_at(&self, words: &[String]) -> Option<(usize, usize)> {
        self.phrases.iter().find_map(|(form, group)| {
            (words.len() >= form.len() && words[..form.len()] == form[..])
                .then_some((form.len(), *group))
        })
    }
}

/// One letter on its own is an elision (l', d') or an initial: no content.
fn is_elided(word: &str) -> bool {
    word.chars().count() < 2 && !word.chars().all(|c| c.is_ascii_digit())
}

/// The words of `text`: letters and digits, cut at everything else
/// (apostrophes included, so "l'accès" gives "l" and "accès").
fn split(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Lower case, French accents and ligatures folded.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' => out.push('y'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            other => out.push(other),
        }
    }
    out
}

/// The trigrams of each word padded with a space on both sides, hashed.
pub(super) fn trigrams(words: &[String]) -> Vec<u32> {
    let mut grams = Vec::new();
    for word in words {
        let chars: Vec<char> = std::iter::once(' ')
            .chain(word.chars())
            .chain(std::iter::once(' '))
            .collect();
        for w in chars.windows(3) {
            grams.push(hash(w));
        }
    }
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// FNV-1a: stable across runs and platforms, plenty for trigrams.
fn hash(chars: &[char]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in chars {
        for b in (*c as u32).to_le_bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_stemmed_and_their_elisions_dropped() {
        let a = Analyser::default();
        let got = a.analyse("L'accès aux crèches, d'abord pour les familles !");
        assert_eq!(got.words, ["accès", "crèches", "abord", "familles"]);
        assert_eq!(got.terms, ["acces", "crech", "abord", "famill"]);
    }

    #[test]
    fn the_forms_of_a_synonym_group_are_one_term() {
        let a = Analyser::default();
        let long = a.analyse("Les bénéficiaires du revenu de solidarité active");
        let short = a.analyse("les allocataires du RSA");
        assert_eq!(long.terms, short.terms);
        assert_eq!(long.words[1], "revenu de solidarité active");
        let ft = a.analyse("inscription à Pôle emploi");
        assert_eq!(ft.terms, a.analyse("inscription France Travail").terms);
    }

    #[test]
    fn digits_are_kept_and_a_config_group_extends_the_shipped_ones() {
        let a = Analyser::new(&[vec!["PLIE".into(), "plan local pour l'insertion".into()]]);
        assert_eq!(
            a.analyse("le PLIE").terms,
            a.analyse("plan local pour l'insertion").terms
        );
        assert!(
            a.analyse("cantine à 1 € en 2025")
                .words
                .contains(&"2025".into())
        );
    }

    #[test]
    fn empty_emoji_and_punctuation_give_nothing_to_compare() {
        let a = Analyser::default();
        assert_eq!(a.analyse(""), Analysed::default());
        assert!(a.analyse("🙂 !!! … « »").terms.is_empty());
    }
}
