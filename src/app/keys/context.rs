//! Where the keys are read: one table of bindings per context. The names
//! are the keymap's (`[[capture_list]]` in `keymap.toml` and in the
//! user's config); a misspelt one in the config is a problem said at
//! start, never a table nobody reads.

use std::fmt;
use std::str::FromStr;

macro_rules! contexts {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// A table of key bindings, in the order the help and the README
        /// present them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Context {
            $($variant),*
        }

        impl Context {
            pub const ALL: &'static [Context] = &[$(Context::$variant),*];

            /// The name in the keymap and in the catalogue (`help.table_…`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Context::$variant => $name),*
                }
            }
        }
    };
}

contexts! {
    Global => "global",
    Doc => "doc",
    Nav => "nav",
    Ends => "ends",
    Home => "home",
    Capture => "capture",
    CaptureList => "capture_list",
    CaptureReceived => "capture_received",
    Search => "search",
    Tag => "tag",
    TagSuggest => "tag_suggest",
    Setup => "setup",
    Form => "form",
    FormChoice => "form_choice",
    Dialog => "dialog",
    Unbidden => "unbidden",
    Viewer => "viewer",
    Vote => "vote",
    VoteBallots => "vote_ballots",
    VoteTally => "vote_tally",
    VotePicker => "vote_picker",
    VoteBallot => "vote_ballot",
    VoteGrades => "vote_grades",
    VoteTallyGrades => "vote_tally_grades",
    VoteThanks => "vote_thanks",
    Results => "results",
    Sheets => "sheets",
    SheetFields => "sheet_fields",
    SheetEdit => "sheet_edit",
}

impl Context {
    /// The catalogue key of the table's heading in the help.
    pub fn heading_key(self) -> String {
        format!("help.table_{}", self.name())
    }
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Context {
    type Err = String;

    fn from_str(s: &str) -> Result<Context, String> {
        Context::ALL
            .iter()
            .copied()
            .find(|c| c.name() == s)
            .ok_or_else(|| format!("unknown key table [{s}]"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back_as_its_context() {
        for c in Context::ALL {
            assert_eq!(c.name().parse::<Context>(), Ok(*c));
        }
        assert_eq!(Context::ALL.len(), 29);
        assert!("captur".parse::<Context>().is_err());
    }
}
