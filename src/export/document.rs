//! A report as a small document model — headings, paragraphs, lists,
//! tables, charts — built once from the workshop and written out as
//! Markdown or HTML, so both always say the same thing.

use crate::domain::{AxisKey, Rgb};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
    Em(String),
    /// A field nobody has filled yet ("à compléter"): emphasised, and
    /// highlighted where the format can.
    Missing(String),
    /// An axis: its number and short name, and its colour where colour
    /// shows (never the colour alone).
    Badge {
        key: AxisKey,
        label: String,
        color: Rgb,
    },
}

/// A list item, with the items under it (merged proposals under the one
/// they were merged into).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Item {
    pub content: Vec<Inline>,
    pub children: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns of numbers, aligned right.
    pub numeric: Vec<bool>,
}

/// A horizontal bar chart; its text alternative lists every value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chart {
    pub title: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// Short, for the axis: `n° 12`.
    pub label: String,
    pub value: u32,
    /// Above the cut line.
    pub kept: bool,
    /// What a screen reader says for it.
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
        anchor: String,
    },
    Para(Vec<Inline>),
    List(Vec<Item>),
    Table(Table),
    Chart(Chart),
    /// Labelled values, such as a sheet's title block: a two-column table
    /// where the format has tables of its own, `Label : value` lines
    /// elsewhere.
    Fields(Vec<(String, Vec<Inline>)>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub lang: crate::i18n::Lang,
    pub blocks: Vec<Block>,
    /// Who made it (the facilitator; nobody when anonymous), the territory
    /// and the workshop's date: the office files' properties and header.
    pub author: String,
    pub territory: String,
    pub date: Option<crate::domain::Date>,
}

/// What an office file says about itself (title, author, language, date).
#[derive(Debug, Clone, Default)]
pub struct Properties {
    pub title: String,
    pub author: String,
    /// `fr-FR` or `en-GB`.
    pub language: &'static str,
    /// `2024-03-14`, when known.
    pub date: Option<String>,
}

impl Document {
    pub fn new(title: String, lang: crate::i18n::Lang) -> Document {
        Document {
            title,
            lang,
            blocks: Vec::new(),
            author: String::new(),
            territory: String::new(),
            date: None,
        }
    }

    /// A document about workshop `w`: its territory and date, and its
    /// facilitator as author unless names are left out.
    pub fn about(
        title: String,
        lang: crate::i18n::Lang,
        w: &crate::domain::Workshop,
        anonymous: bool,
    ) -> Document {
        let d = w.details();
        Document {
            author: if anonymous {
                String::new()
            } else {
                d.facilitator.clone()
            },
            territory: d.territory.clone(),
            date: d.date,
            ..Document::new(title, lang)
        }
    }

    pub fn properties(&self) -> Properties {
        Properties {
            title: self.title.clone(),
            author: self.author.clone(),
            language: match self.lang {
                crate::i18n::Lang::Fr => "fr-FR",
                crate::i18n::Lang::En => "en-GB",
            },
            date: self.date.map(|d| d.to_string()),
        }
    }

    /// The line atop every page: the territory and the title.
    pub fn running_head(&self) -> String {
        if self.territory.is_empty() {
            self.title.clone()
        } else {
            format!("{} — {}", self.territory, self.title)
        }
    }

    /// A heading with an anchor made from `anchor` (for the table of
    /// contents of the HTML report).
    pub fn heading(&mut self, level: u8, text: impl Into<String>, anchor: &str) {
        self.blocks.push(Block::Heading {
            level,
            text: text.into(),
            anchor: anchor.to_string(),
        });
    }

    pub fn para(&mut self, inlines: Vec<Inline>) {
        if !inlines.is_empty() {
            self.blocks.push(Block::Para(inlines));
        }
    }

    pub fn text(&mut self, text: impl Into<String>) {
        self.para(vec![Inline::Text(text.into())]);
    }

    /// `Label : value` as a paragraph, the label in bold; `Label :` alone
    /// when a list or a table follows.
    pub fn field(&mut self, label: &str, value: Vec<Inline>) {
        self.para(field_line(self.lang, label, value));
    }

    pub fn list(&mut self, items: Vec<Item>) {
        if !items.is_empty() {
            self.blocks.push(Block::List(items));
        }
    }

    pub fn table(&mut self, mut table: Table) {
        if table.rows.is_empty() {
            return;
        }
        for cell in table.rows.iter_mut().flatten() {
            if let Some(kept) = unbreakable_number(cell) {
                *cell = kept;
            }
        }
        self.blocks.push(Block::Table(table));
    }
}

/// `Label : value`, the label in bold, the colon in the language's way.
pub fn field_line(lang: crate::i18n::Lang, label: &str, value: Vec<Inline>) -> Vec<Inline> {
    let colon = match (lang, value.is_empty()) {
        (crate::i18n::Lang::Fr, true) => " :",
        (crate::i18n::Lang::Fr, false) => " : ",
        (crate::i18n::Lang::En, true) => ":",
        (crate::i18n::Lang::En, false) => ": ",
    };
    let mut inlines = vec![
        Inline::Strong(label.to_string()),
        Inline::Text(colon.into()),
    ];
    inlines.extend(value);
    inlines
}

impl Item {
    pub fn new(content: Vec<Inline>) -> Item {
        Item {
            content,
            children: Vec::new(),
        }
    }
}

/// The lines of a text as typed, blank ones dropped.
pub fn typed_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.is_empty())
}

/// A text's paragraphs as typed: one per line, blank lines dropped, each
/// keeping the look of the inlines it came from. Word and OpenDocument
/// make a real paragraph of each (a line break would glue them).
pub fn paragraphs(content: &[Inline]) -> Vec<Vec<Inline>> {
    let mut out: Vec<Vec<Inline>> = vec![Vec::new()];
    for inline in content {
        let text = match inline {
            Inline::Text(t) | Inline::Strong(t) | Inline::Em(t) | Inline::Missing(t) => t,
            Inline::Badge { .. } => {
                push_to_last(&mut out, inline.clone());
                continue;
            }
        };
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push(Vec::new());
            }
            let line = line.trim_end_matches('\r');
            if line.is_empty() {
                continue;
            }
            let piece = match inline {
                Inline::Text(_) => Inline::Text(line.to_string()),
                Inline::Strong(_) => Inline::Strong(line.to_string()),
                Inline::Em(_) => Inline::Em(line.to_string()),
                _ => Inline::Missing(line.to_string()),
            };
            push_to_last(&mut out, piece);
        }
    }
    out.retain(|p| !p.is_empty());
    if out.is_empty() {
        out.push(Vec::new());
    }
    out
}

fn push_to_last(paragraphs: &mut [Vec<Inline>], inline: Inline) {
    if let Some(last) = paragraphs.last_mut() {
        last.push(inline);
    }
}

/// A number as typed ("3 000", "12 500 €", "50 %") with its spaces made
/// non-breaking, so a narrow column never splits it across lines; `None`
/// for anything else.
pub fn unbreakable_number(text: &str) -> Option<String> {
    let numeric = text.chars().any(|c| c.is_ascii_digit())
        && text.contains(' ')
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " ,.€%+-\u{a0}\u{202f}".contains(c));
    numeric.then(|| text.replace(' ', "\u{a0}"))
}
