//! What a key can ask for. Keymaps name commands as text (`"tag 3"`,
//! `"phase capture"`), so bindings are plain data.

use crate::domain::Phase;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Help,
    Quit,
    Undo,
    Redo,
    Home,
    Phase(Phase),
    NextPhase,
    PrevPhase,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Confirm,
    Cancel,
    NextField,
    PrevField,
    NextSection,
    PrevSection,
    ChoicePrev,
    ChoiceNext,
    Choice(u8),
    Newline,
    Edit,
    Delete,
    Add,
    New,
    MoveUp,
    MoveDown,
    Search,
    View,
    FocusInput,
    Tag(u8),
    Secondary(u8),
    ClearAxes,
    NextUntagged,
    /// The tag screen's suggestions: similar proposals, likely axes.
    Suggest,
    FilterNext,
    FilterPrev,
    Group,
    /// The results' support across collèges, beside the ranking.
    Consensus,
    Mark,
    Merge,
    Unmerge,
    Colour,
    PasteHint,
    Refresh,
    ReadOnly,
    /// A digit typed where numbers are expected (dots, counts): 0 to 9.
    Digit(u8),
    More,
    Less,
    Backspace,
    Close,
    Reveal,
    Runoff,
    Ballots,
    /// Phone voting on or off for the selected round.
    Phones,
    /// The queue of proposals sent from phones.
    Received,
    /// Merge the proposal just saved into the one it looks like.
    MergeSimilar,
    /// Keep the proposal just saved apart from the one it looks like.
    KeepBoth,
    /// The next network the phones reach the laptop on.
    PhonesNetwork,
    /// Joining locked or open again.
    PhonesLock,
    /// Who votes from phones: anonymous, named, personal codes.
    PhonesVoters,
    /// The page of personal codes, to print.
    PhonesCodes,
    /// The sheets: open every fiche to its group's page, or close them.
    Drafting,
    /// A fiche's field: kept by the facilitator, or given back to its group.
    Lock,
    /// A fiche's page: hidden from its group, or shown again.
    HidePage,
    /// A fiche's page: a new code (the old one no longer opens it).
    NewCode,
    TopN,
    TopPerAxis,
    Write,
    Read,
    TimerToggle,
    TimerReset,
    TimerPlus,
    TimerMinus,
    Projection,
    Focus,
    Theme,
    Export,
    Import,
}

/// The commands that take no argument, by their name in the keymap.
const NAMED: &[(&str, Command)] = &[
    ("help", Command::Help),
    ("quit", Command::Quit),
    ("undo", Command::Undo),
    ("redo", Command::Redo),
    ("home", Command::Home),
    ("next_phase", Command::NextPhase),
    ("prev_phase", Command::PrevPhase),
    ("up", Command::Up),
    ("down", Command::Down),
    ("page_up", Command::PageUp),
    ("page_down", Command::PageDown),
    ("top", Command::Top),
    ("bottom", Command::Bottom),
    ("confirm", Command::Confirm),
    ("cancel", Command::Cancel),
    ("next_field", Command::NextField),
    ("prev_field", Command::PrevField),
    ("next_section", Command::NextSection),
    ("prev_section", Command::PrevSection),
    ("choice_prev", Command::ChoicePrev),
    ("choice_next", Command::ChoiceNext),
    ("newline", Command::Newline),
    ("edit", Command::Edit),
    ("delete", Command::Delete),
    ("add", Command::Add),
    ("new", Command::New),
    ("move_up", Command::MoveUp),
    ("move_down", Command::MoveDown),
    ("search", Command::Search),
    ("view", Command::View),
    ("focus_input", Command::FocusInput),
    ("clear_axes", Command::ClearAxes),
    ("next_untagged", Command::NextUntagged),
    ("suggest", Command::Suggest),
    ("filter_next", Command::FilterNext),
    ("filter_prev", Command::FilterPrev),
    ("group", Command::Group),
    ("consensus", Command::Consensus),
    ("mark", Command::Mark),
    ("merge", Command::Merge),
    ("unmerge", Command::Unmerge),
    ("colour", Command::Colour),
    ("paste_hint", Command::PasteHint),
    ("refresh", Command::Refresh),
    ("read_only", Command::ReadOnly),
    ("more", Command::More),
    ("less", Command::Less),
    ("backspace", Command::Backspace),
    ("close", Command::Close),
    ("reveal", Command::Reveal),
    ("runoff", Command::Runoff),
    ("ballots", Command::Ballots),
    ("phones", Command::Phones),
    ("received", Command::Received),
    ("merge_similar", Command::MergeSimilar),
    ("keep_both", Command::KeepBoth),
    ("phones_network", Command::PhonesNetwork),
    ("phones_lock", Command::PhonesLock),
    ("phones_voters", Command::PhonesVoters),
    ("phones_codes", Command::PhonesCodes),
    ("drafting", Command::Drafting),
    ("lock", Command::Lock),
    ("hide_page", Command::HidePage),
    ("new_code", Command::NewCode),
    ("top_n", Command::TopN),
    ("top_per_axis", Command::TopPerAxis),
    ("write", Command::Write),
    ("read", Command::Read),
    ("timer", Command::TimerToggle),
    ("timer_reset", Command::TimerReset),
    ("timer_plus", Command::TimerPlus),
    ("timer_minus", Command::TimerMinus),
    ("projection", Command::Projection),
    ("focus", Command::Focus),
    ("theme", Command::Theme),
    ("export", Command::Export),
    ("import", Command::Import),
];

impl FromStr for Command {
    type Err = String;

    /// A command as the keymap names it: `undo`, `tag 3`, `phase vote`.
    fn from_str(text: &str) -> Result<Self, String> {
        let mut words = text.split_whitespace();
        let name = words.next().unwrap_or_default();
        let arg = words.next();
        let digit = |range: std::ops::RangeInclusive<u8>| -> Result<u8, String> {
            arg.and_then(|a| a.parse::<u8>().ok())
                .filter(|d| range.contains(d))
                .ok_or_else(|| {
                    format!(
                        "{name} needs a digit from {} to {}",
                        range.start(),
                        range.end()
                    )
                })
        };
        Ok(match name {
            "phase" => {
                let a = arg.unwrap_or_default();
                let phase = Phase::ALL.into_iter().find(|p| p.key() == a);
                Command::Phase(phase.ok_or_else(|| format!("unknown phase {a:?}"))?)
            }
            "choice" => Command::Choice(digit(1..=9)?),
            "tag" => Command::Tag(digit(1..=9)?),
            "secondary" => Command::Secondary(digit(1..=9)?),
            "digit" => Command::Digit(digit(0..=9)?),
            other => NAMED
                .iter()
                .find(|(n, _)| *n == other)
                .map(|(_, c)| *c)
                .ok_or_else(|| format!("unknown command {other:?}"))?,
        })
    }
}
