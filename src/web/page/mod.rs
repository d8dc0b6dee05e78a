//! The phone's page: one self-contained HTML document (inline style and a
//! little script, both under a per-page nonce; no asset, no framework),
//! readable at 360 px in sunlight, with large touch targets. Without
//! scripts it is a plain form of number fields; the script only adds the
//! buttons for one more or one less, and keeps "dots left" and the
//! button's label current.
//!
//! Pages are written with `maud`: every value put in a page is escaped by
//! the builder, so no text from a phone or a file can become markup, and
//! the finished document has its control and bidi characters made visible
//! (`neutralise`), whichever value they came in.

use crate::app::remote::{
    NameChoice, Outcome, PhoneProposal, PhoneScreen, PhoneView, Refusal, RoundInfo, SentItem,
};
use crate::domain::round::PhoneVoters;
use crate::domain::{AxisKey, ProposalId, Rgb};
use crate::i18n::{Lang, Localize, tnf};
use axum::http::StatusCode;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::BTreeMap;

pub struct Html {
    pub body: String,
    pub nonce: String,
}

/// What every page of one answer is drawn with, besides the phone's view.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    pub lang: Lang,
    /// The meeting's code, which every form posts back to.
    pub code: &'a str,
    /// The device's form token, carried by every form: a form made
    /// elsewhere cannot have it.
    pub token: &'a str,
    /// A personal code from a QR code, filled in for the phone to confirm.
    pub prefill: Option<&'a str>,
}

fn nonce() -> String {
    let mut b = [0u8; 12];
    let _ = getrandom::fill(&mut b);
    crate::domain::text::hex(&b)
}

/// The page's style: large type, high contrast, big touch targets.
const STYLE: &str = include_str!("style.css");

/// The script: + and −, dots left and what the button says; reading
/// aloud where the browser can speak; following the meeting without
/// reloading under a slow reader. Plain ES5, so a phone from years ago
/// runs it; without it the page is a plain form that still works.
const SCRIPT: &str = include_str!("script.js");

/// The step a page stands for, drawn beside its title.
#[derive(Clone, Copy)]
enum Step {
    Join,
    Choose,
    Write,
    Vote,
    Done,
    Wait,
}

impl Step {
    /// Its words for a screen reader, and its drawing (constant SVG).
    fn picture(self) -> (&'static str, &'static str) {
        match self {
            Step::Join => (
                "phone.step_join",
                "<rect x='24' y='6' width='30' height='52' rx='5'/><path d='M4 32h26m-9-9 9 9-9 9'/>",
            ),
            Step::Choose => (
                "phone.step_choose",
                "<circle cx='32' cy='20' r='11'/><path d='M11 58c0-13 9-21 21-21s21 8 21 21'/>",
            ),
            Step::Write => (
                "phone.step_write",
                "<path d='M12 52l4-14 30-30 10 10-30 30z'/><path d='M40 14l10 10M8 58h48'/>",
            ),
            Step::Vote => (
                "phone.step_vote",
                "<circle cx='14' cy='32' r='8' fill='#111'/><circle cx='32' cy='32' r='8' fill='#111'/><circle cx='50' cy='32' r='8'/>",
            ),
            Step::Done => (
                "phone.step_done",
                "<circle cx='32' cy='32' r='26'/><path d='M19 33l9 9 17-19'/>",
            ),
            Step::Wait => (
                "phone.step_wait",
                "<path d='M16 6h32M16 58h32M20 6c0 16 24 18 24 26S20 42 20 58M44 6c0 16-24 18-24 26s24 10 24 26'/>",
            ),
        }
    }
}

/// A pictogram for a step: a simple line drawing with its words for a
/// screen reader.
fn picto(lang: Lang, step: Step) -> Markup {
    let (key, shape) = step.picture();
    let label = lang.t(key);
    html! {
        svg.picto viewBox="0 0 64 64" role="img" aria-label=(label) fill="none" stroke="#111"
            stroke-width="4" stroke-linecap="round" stroke-linejoin="round" {
            title { (label) }
            (PreEscaped(shape))
        }
    }
}

/// A loudspeaker, drawn (an emoji is a box on phones without the font);
/// defined once, used by every "listen" button.
const SPEAKER: &str = "<svg class=\"ico\" viewBox=\"0 0 24 24\" aria-hidden=\"true\"><symbol id=\"spk\" viewBox=\"0 0 24 24\">\
<path d=\"M3 9v6h4l6 5V4L7 9z\" fill=\"#111\"/><path d=\"M16 8a5 5 0 0 1 0 8M19 5a9 9 0 0 1 0 14\" fill=\"none\" stroke=\"#111\" \
stroke-width=\"2\" stroke-linecap=\"round\"/></symbol><use href=\"#spk\"/></svg>";

/// The loudspeaker again, where the page already defined it.
const SPEAKER_AGAIN: &str = "<svg class=\"ico\" aria-hidden=\"true\"><use href=\"#spk\"/></svg>";

/// A page's title with its pictogram, and the button that reads the page
/// aloud (shown only where the browser can speak).
fn title(lang: Lang, step: Step, text: &str) -> Markup {
    html! {
        div.step { (picto(lang, step)) h1 { (text) } }
        button.speak type="button" data-speak="page" hidden {
            (PreEscaped(SPEAKER)) (lang.t("phone.speak_page"))
        }
    }
}

/// What a page is, for the script that follows the meeting: a page whose
/// kind changes is reloaded; one that stays the same is left alone.
#[derive(Clone, Copy)]
enum Screen {
    Message,
    Enter,
    Join,
    Vote,
    Propose,
    Wait,
    Closed,
}

impl Screen {
    fn name(self) -> &'static str {
        match self {
            Screen::Message => "message",
            Screen::Enter => "enter",
            Screen::Join => "join",
            Screen::Vote => "vote",
            Screen::Propose => "propose",
            Screen::Wait => "wait",
            Screen::Closed => "closed",
        }
    }

    /// It follows the meeting: reloads when the phase moves on (the
    /// proposal page too, unless something is being typed in it).
    fn waits(self) -> bool {
        matches!(self, Screen::Wait | Screen::Closed | Screen::Propose)
    }
}

/// The document around a page's body. `css` adds rules of the page's own
/// (its axis colours: the policy allows no style attribute).
fn frame(lang: Lang, screen: Screen, title: &str, css: &str, body: &Markup) -> Html {
    let nonce = nonce();
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width,initial-scale=1";
                title { (title) }
                style nonce=(nonce) { (PreEscaped(STYLE)) (PreEscaped(css)) }
            }
            body data-screen=(screen.name()) data-wait=[screen.waits().then_some("1")] {
                main data-say-button=(lang.t("phone.speak_button"))
                    data-say-plus=(lang.t("phone.speak_plus"))
                    data-say-minus=(lang.t("phone.speak_minus")) {
                    (body)
                }
                script nonce=(nonce) { (PreEscaped(SCRIPT)) }
            }
        }
    };
    let body = crate::domain::text::neutralise(&page.into_string()).into_owned();
    Html { body, nonce }
}

/// A page that only says something (an error, a closed vote).
pub fn message(lang: Lang, key: &str) -> Html {
    let text = lang.t(key);
    frame(lang, Screen::Message, text, "", &html! { h1 { (text) } })
}

fn problem_note(problem: Option<&str>) -> Markup {
    html! {
        @if let Some(p) = problem { p.note.bad role="alert" { (p) } }
    }
}

/// The hidden fields every form posts: the device's token and what the
/// form does.
fn form_fields(page: &Page, action: &str) -> Markup {
    html! {
        @if !page.token.is_empty() { input type="hidden" name="t" value=(page.token); }
        input type="hidden" name="action" value=(action);
    }
}

/// Where a phone types the code shown on the wall.
pub fn enter(lang: Lang, problem: Option<&str>) -> Html {
    let heading = lang.t("phone.enter_title");
    let body = html! {
        (title(lang, Step::Join, heading))
        (problem_note(problem))
        p.help { (lang.t("phone.enter_help")) }
        form method="get" action="/go" {
            label for="code" { (lang.t("phone.enter_label")) }
            input.field id="code" name="code" autocomplete="off" autocapitalize="characters"
                maxlength="12" required;
            button.main type="submit" { (lang.t("phone.go")) }
        }
    };
    frame(lang, Screen::Enter, heading, "", &body)
}

/// The HTTP status of an answer.
pub fn status(view: &PhoneView) -> StatusCode {
    let refusal = match &view.outcome {
        Some(Outcome::Refused(r)) => Some(r),
        _ => None,
    };
    match (&view.screen, refusal) {
        (PhoneScreen::Unknown, _) | (_, Some(Refusal::Locked | Refusal::UnknownPersonalCode)) => {
            StatusCode::FORBIDDEN
        }
        (PhoneScreen::Closed { .. }, _)
        | (
            _,
            Some(
                Refusal::NameTaken
                | Refusal::CaptureClosed
                | Refusal::Rules(crate::domain::DomainError::RoundClosed(_)),
            ),
        ) => StatusCode::CONFLICT,
        (_, Some(Refusal::Rules(_))) => StatusCode::BAD_REQUEST,
        (_, Some(Refusal::NotSaved)) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::OK,
    }
}

/// The page for an answer, and its HTTP status.
pub fn render(page: &Page, view: &PhoneView) -> (StatusCode, Html) {
    let lang = page.lang;
    let problem = match &view.outcome {
        Some(Outcome::Refused(r)) => Some(refusal_text(lang, r)),
        _ => None,
    };
    let problem = problem.as_deref();
    let html = match &view.screen {
        PhoneScreen::Unknown => enter(lang, Some(lang.t("phone.unknown"))),
        PhoneScreen::Closed { round } => {
            let body = html! {
                (title(lang, Step::Done, round))
                (problem_note(problem))
                p.note.ok role="status" { (lang.t("phone.closed")) }
                p { (lang.t("phone.closed_hint")) }
            };
            frame(lang, Screen::Closed, round, "", &body)
        }
        PhoneScreen::Wait => {
            let body = html! {
                (title(lang, Step::Wait, lang.t("phone.wait")))
                (problem_note(problem))
                p { (lang.t("phone.wait_hint")) }
            };
            frame(lang, Screen::Wait, lang.t("phone.wait"), "", &body)
        }
        PhoneScreen::Propose {
            axes,
            max_chars,
            sent,
            draft,
        } => propose(
            page,
            &Proposing {
                axes,
                max_chars: *max_chars,
                sent,
                draft,
            },
            problem,
        ),
        PhoneScreen::Join { round, names } => join(page, round, names, problem),
        PhoneScreen::Vote {
            round,
            voter,
            proposals,
            ballot,
            stored,
        } => vote(
            page,
            &Ballot {
                round,
                voter: voter.as_deref(),
                proposals,
                dots: ballot,
                stored: *stored && problem.is_none(),
            },
            problem,
        ),
    };
    (status(view), html)
}

fn refusal_text(lang: Lang, r: &Refusal) -> String {
    match r {
        Refusal::Rules(e) => e.localize(lang),
        Refusal::Locked => lang.t("phone.locked").to_string(),
        Refusal::NameTaken => lang.t("phone.name_taken").to_string(),
        Refusal::UnknownPersonalCode => lang.t("phone.bad_personal_code").to_string(),
        Refusal::NotSaved => lang.t("phone.not_saved").to_string(),
        Refusal::CaptureClosed => lang.t("phone.capture_closed").to_string(),
    }
}

fn rules(lang: Lang, round: &RoundInfo) -> String {
    tnf(
        lang,
        "phone.rules",
        round.dots_per_voter as usize,
        &[("cap", &round.max_per_proposal)],
    )
}

fn join(page: &Page, round: &RoundInfo, names: &[NameChoice], problem: Option<&str>) -> Html {
    let lang = page.lang;
    let by_code = round.voters == PhoneVoters::Codes;
    let step = if by_code { Step::Join } else { Step::Choose };
    let action = format!("/{}", page.code);
    let body = html! {
        (title(lang, step, &round.name))
        p.rules { (rules(lang, round)) }
        (problem_note(problem))
        @if by_code {
            form method="post" action=(action) {
                (form_fields(page, "join"))
                p.help { (lang.t("phone.personal_code_hint")) }
                label for="personal" { (lang.t("phone.personal_code")) }
                input.field id="personal" name="personal"
                    value=(crate::domain::vote_rules::normalize_code(page.prefill.unwrap_or_default()))
                    autocomplete="off" autocapitalize="characters" maxlength="12" required;
                button.main type="submit" { (lang.t("phone.join")) }
            }
        } @else {
            h2 { (lang.t("phone.pick_name")) }
            p.help { (lang.t("phone.pick_name_hint")) }
            form.names method="post" action=(action) {
                (form_fields(page, "join"))
                @for n in names {
                    button type="submit" name="name" value=(n.id) disabled[n.taken] {
                        (n.name)
                        @if !n.organisation.is_empty() { " · " (n.organisation) }
                        @if n.taken { " (" (lang.t("phone.taken")) ")" }
                    }
                }
            }
        }
    };
    frame(lang, Screen::Join, &round.name, "", &body)
}

/// The start of a proposal, for the labels of its buttons: enough to know
/// which one, short enough to hear quickly.
fn gist(text: &str) -> String {
    const WORDS: usize = 6;
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= WORDS {
        words.join(" ")
    } else {
        format!("{}…", words[..WORDS].join(" "))
    }
}

/// Axis colours as classes (the page's policy allows no style attribute),
/// the text black or white, whichever contrasts more. Made of numbers and
/// colours only: nothing typed reaches the style sheet.
fn axis_css(axes: impl Iterator<Item = (AxisKey, Rgb)>) -> String {
    let mut css = String::new();
    for (key, color) in axes {
        let fg = if color.is_light() { "#000" } else { "#fff" };
        let rule = format!(".a{key}{{background:{color};color:{fg}}}");
        if !css.contains(&rule) {
            css.push_str(&rule);
        }
    }
    css
}

/// What the ballot page shows.
struct Ballot<'a> {
    round: &'a RoundInfo,
    voter: Option<&'a str>,
    proposals: &'a [PhoneProposal],
    dots: &'a BTreeMap<ProposalId, u32>,
    /// The ballot is recorded (and nothing was refused).
    stored: bool,
}

impl Ballot<'_> {
    fn spent(&self) -> u32 {
        self.dots.values().sum()
    }

    /// What the bar says of the dots left (or spent over the budget).
    fn left_text(&self, lang: Lang) -> String {
        let (spent, dots) = (self.spent(), self.round.dots_per_voter);
        if spent > dots {
            lang.tf("phone.over", &[("spent", &spent), ("dots", &dots)])
        } else {
            tnf(lang, "phone.left", (dots - spent) as usize, &[])
        }
    }
}

fn vote(page: &Page, b: &Ballot, problem: Option<&str>) -> Html {
    let lang = page.lang;
    let round = b.round;
    let step = if b.stored { Step::Done } else { Step::Vote };
    let css = axis_css(
        b.proposals
            .iter()
            .filter_map(|p| p.axis.as_ref().map(|(k, _, c)| (*k, *c))),
    );
    let cast = lang.t(if b.stored {
        "phone.change"
    } else {
        "phone.cast"
    });
    // The texts the script shows, every form of them computed here.
    let left_forms = (0..=round.dots_per_voter)
        .map(|n| tnf(lang, "phone.left", n as usize, &[]))
        .collect::<Vec<_>>()
        .join("|");
    let said = (0..=round.max_per_proposal)
        .map(|n| crate::i18n::tn(lang, "n.dots", n as usize))
        .collect::<Vec<_>>()
        .join("|");
    let over = lang.tf(
        "phone.over",
        &[("spent", &"{n}"), ("dots", &round.dots_per_voter)],
    );
    let body = html! {
        (title(lang, step, &round.name))
        (problem_note(problem))
        @if b.stored {
            p.note.ok role="status" { (lang.t("phone.recorded")) }
            p { (lang.t("phone.change_hint")) }
        }
        @if let Some(name) = b.voter { p { (lang.tf("phone.you_are", &[("name", &name)])) } }
        // Instructions before the actions.
        p.rules { (rules(lang, round)) }
        p.help { (lang.t(if b.stored { "phone.vote_help_change" } else { "phone.vote_help" })) }
        form #ballot method="post" action={ "/" (page.code) } data-dots=(round.dots_per_voter)
            data-cap=(round.max_per_proposal) data-left=(left_forms) data-said=(said)
            data-over=(over) data-none=(lang.t("phone.none"))
            data-cap-msg=(lang.tf("phone.cap", &[("cap", &round.max_per_proposal)]))
            data-cast=(cast) {
            (form_fields(page, "vote"))
            ol {
                @for p in b.proposals {
                    (proposal_item(lang, round, p, b.dots.get(&p.id).copied().unwrap_or(0)))
                }
            }
            div.bar {
                span #left role="status" aria-live="polite" { (b.left_text(lang)) }
                button #go .main type="submit" { (cast) }
            }
        }
    };
    frame(lang, Screen::Vote, &round.name, &css, &body)
}

/// One proposal of the ballot: its number, axis (with its number, never
/// the colour alone), text, and − count + with labels that name it.
fn proposal_item(lang: Lang, round: &RoundInfo, p: &PhoneProposal, n: u32) -> Markup {
    let id = p.id.to_string();
    let gist = gist(&p.text);
    let named = |key: &str| lang.tf(key, &[("id", &id), ("text", &gist)]);
    html! {
        li data-id=(id) {
            span.num { (lang.tf("phone.number", &[("id", &id)])) }
            @match &p.axis {
                Some((key, short, _)) => span class={ "badge a" (key) } { (key) " " (short) },
                None => span.badge { (lang.t("phone.no_axis")) },
            }
            p { (p.text) }
            div.count {
                button type="button" data-step="-1" aria-label=(named("phone.minus")) { "−" }
                input type="number" name={ "p" (id) } value=(n) min="0" max=(round.max_per_proposal)
                    aria-label=(lang.tf("phone.count", &[("id", &id)]));
                button type="button" data-step="1" aria-label=(named("phone.plus")) { "+" }
                button.speak type="button" data-speak="one" hidden
                    aria-label=(lang.tf("phone.speak_one", &[("id", &id)])) {
                    (PreEscaped(SPEAKER_AGAIN))
                }
            }
        }
    }
}

/// What the proposal page shows.
struct Proposing<'a> {
    axes: &'a [(AxisKey, String, Rgb)],
    max_chars: usize,
    sent: &'a [SentItem],
    /// What was typed, when it was refused.
    draft: &'a str,
}

/// Capture: a proposal to send, then what became of those sent.
fn propose(page: &Page, p: &Proposing, problem: Option<&str>) -> Html {
    let lang = page.lang;
    let heading = lang.t("phone.propose_title");
    let css = axis_css(p.axes.iter().map(|(k, _, c)| (*k, *c)));
    let body = html! {
        (title(lang, Step::Write, heading))
        (problem_note(problem))
        p.help { (lang.t("phone.propose_help")) }
        form method="post" action={ "/" (page.code) } {
            (form_fields(page, "propose"))
            label for="text" { (lang.t("phone.your_proposal")) }
            p.hint #limit { (lang.tf("phone.limit", &[("max", &p.max_chars)])) }
            textarea #text name="text" rows="4" maxlength=(p.max_chars) aria-describedby="limit"
                required { (p.draft) }
            fieldset {
                legend { (lang.t("phone.axis")) }
                @for (key, short, _) in p.axes {
                    label class={ "axis a" (key) } {
                        input type="radio" name="axis" value=(key);
                        (key) " " (short)
                    }
                }
                label.axis {
                    input type="radio" name="axis" value="" checked;
                    (lang.t("phone.no_axis_known"))
                }
            }
            label for="author" { (lang.t("phone.author")) }
            input.author #author name="author" maxlength="120" autocomplete="organization";
            p { button.main type="submit" { (lang.t("phone.send")) } }
        }
        section #sent aria-live="polite" { (sent_list(lang, p.sent)) }
    };
    frame(lang, Screen::Propose, heading, &css, &body)
}

/// What became of the proposals this phone sent.
fn sent_list(lang: Lang, sent: &[SentItem]) -> Markup {
    use crate::domain::received::ReceivedState;
    let state = |item: &SentItem| match &item.state {
        ReceivedState::Pending => lang.t("phone.state_pending").to_string(),
        ReceivedState::Accepted { .. } => lang.t("phone.state_accepted").to_string(),
        ReceivedState::Merged { into } => lang.tf("phone.state_merged", &[("id", into)]),
        ReceivedState::SetAside { .. } => lang.t("phone.state_aside").to_string(),
    };
    html! {
        @if !sent.is_empty() {
            h2 { (lang.t("phone.sent")) }
            ol.sent {
                @for item in sent { li { p { (item.text) } span.state { (state(item)) } } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::remote::{PhoneScreen, PhoneView};

    /// Every text of the phone pages, placeholders filled, in `lang`.
    fn phone_texts(lang: Lang) -> Vec<(String, String)> {
        let source = match lang {
            Lang::Fr => include_str!("../../i18n/fr.toml"),
            Lang::En => include_str!("../../i18n/en.toml"),
        };
        let mut keys: Vec<String> = crate::i18n::parse_catalogue(source)
            .into_keys()
            .filter(|k| k.starts_with("phone."))
            .collect();
        keys.sort();
        keys.into_iter()
            .map(|k| {
                let args: [(&str, &dyn std::fmt::Display); 9] = [
                    ("n", &6),
                    ("cap", &3),
                    ("dots", &6),
                    ("spent", &8),
                    ("max", &400),
                    ("id", &12),
                    ("text", &"Un accueil le samedi matin"),
                    ("name", &"Nadia Benali"),
                    ("round", &"Tour 1"),
                ];
                let text = lang.tf(&k, &args);
                (k, text)
            })
            .collect()
    }

    /// The FALC rules a machine can check (README, "Phone pages"): short
    /// sentences, no capitals shouting, no abbreviation, no semicolon or
    /// brackets, numbers in digits.
    #[test]
    fn the_phone_pages_words_follow_the_easy_to_read_rules() {
        const MAX_WORDS: usize = 15;
        let abbreviations = [
            "n°", "etc", "ex.", "cf.", "svp", "env.", "max", "min", "nb", "tél", "e.g", "i.e",
            "no.", "approx",
        ];
        let number_words = [
            "deux", "trois", "quatre", "cinq", "sept", "huit", "neuf", "dix", "onze", "douze",
            "quinze", "vingt", "trente", "cent", "mille", "two", "three", "four", "five", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "twenty", "hundred", "thousand",
        ];
        let mut broken = Vec::new();
        for lang in [Lang::Fr, Lang::En] {
            let texts = phone_texts(lang);
            assert!(texts.len() > 50, "{} texts", texts.len());
            for (key, text) in texts {
                for sentence in text.split(['.', '!', '?']) {
                    let words = sentence.split_whitespace().count();
                    if words > MAX_WORDS {
                        broken.push(format!("{key}: {words} words in « {sentence} »"));
                    }
                }
                if text.contains([';', '(', ')']) {
                    broken.push(format!("{key}: a semicolon or brackets in « {text} »"));
                }
                for word in text.split(|c: char| !c.is_alphanumeric() && c != '°' && c != '.') {
                    let bare = word.trim_end_matches('.');
                    let letters: Vec<char> = bare.chars().filter(|c| c.is_alphabetic()).collect();
                    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
                        broken.push(format!("{key}: capitals « {bare} »"));
                    }
                    let lower = word.to_lowercase();
                    let abbreviated = |a: &&str| {
                        if a.ends_with('.') {
                            lower.starts_with(a)
                        } else {
                            lower.trim_end_matches('.') == *a
                        }
                    };
                    if abbreviations.iter().any(abbreviated) {
                        broken.push(format!("{key}: abbreviation « {word} »"));
                    }
                    if number_words.contains(&bare.to_lowercase().as_str()) {
                        broken.push(format!("{key}: a number in words « {word} »"));
                    }
                }
            }
        }
        assert!(broken.is_empty(), "{}", broken.join("\n"));
    }

    /// The script runs on a phone from years ago: plain ES5, nothing a
    /// five-year-old browser lacks without a check first.
    #[test]
    fn the_script_is_plain_es5_and_checks_what_it_uses() {
        for modern in [
            "=>", "let ", "const ", "`", "?.", "??", "async ", "await ", "class ",
        ] {
            assert!(!SCRIPT.contains(modern), "{modern} in the script");
        }
        assert!(SCRIPT.contains("if(!window.fetch)return"));
        assert!(SCRIPT.contains("if(synth&&window.SpeechSynthesisUtterance)"));
        // Without a voice, the buttons stay hidden: they are hidden in the page.
        assert!(!SPEAKER.is_empty());
        let page = message(Lang::Fr, "phone.wait").body;
        assert!(page.len() < 12 * 1024, "{} bytes", page.len());
    }

    fn rendered(lang: Lang, screen: PhoneScreen) -> String {
        let view = PhoneView {
            screen,
            outcome: None,
        };
        let page = Page {
            lang,
            code: "ABC123",
            token: "",
            prefill: None,
        };
        render(&page, &view).1.body
    }

    /// A ballot of 40 proposals of 180 characters weighs under 30 KB over
    /// the wire (gzipped, as the server sends it to any browser that
    /// asks, which every browser does).
    #[test]
    fn a_ballot_of_forty_long_proposals_weighs_under_30_kb() {
        let proposals: Vec<PhoneProposal> = (1..=40)
            .map(|i| PhoneProposal {
                id: ProposalId(i),
                text: "Des permanences d'accès aux droits dans chaque épicerie sociale du département, \
avec la CAF, la CPAM et France Travail, un samedi par mois et sans rendez-vous"
                    .into(),
                axis: Some((3, "Accès aux droits".into(), crate::domain::axis::OKABE_ITO[2])),
            })
            .collect();
        let page = rendered(
            Lang::Fr,
            PhoneScreen::Vote {
                round: RoundInfo {
                    name: "Tour 1 — priorités".into(),
                    dots_per_voter: 6,
                    max_per_proposal: 3,
                    voters: PhoneVoters::Anonymous,
                },
                voter: None,
                proposals,
                ballot: BTreeMap::new(),
                stored: false,
            },
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, page.as_bytes()).unwrap();
        let sent = gz.finish().unwrap().len();
        assert!(
            sent < 30 * 1024,
            "{sent} bytes gzipped, {} bytes",
            page.len()
        );
        assert!(page.len() < 64 * 1024, "{} bytes", page.len());
        // Each proposal's buttons say which proposal they act on.
        assert!(page.contains(
            "aria-label=\"Ajouter une gommette à la proposition 12 : Des permanences d'accès aux droits dans…\""
        ));
        assert!(
            page.contains("data-speak=\"one\" hidden"),
            "hidden until a voice is found"
        );
    }

    /// Every page has its step drawn with words for a screen reader, and
    /// the instructions come before the controls they explain.
    #[test]
    fn every_step_has_a_pictogram_and_its_instructions_first() {
        let enter = enter(Lang::Fr, None).body;
        let wait = rendered(Lang::Fr, PhoneScreen::Wait);
        for (page, step) in [(&enter, "entrer avec le code"), (&wait, "attendre")] {
            assert!(
                page.contains(&format!("role=\"img\" aria-label=\"Étape : {step}\"")),
                "{step}"
            );
        }
        let help = enter.find("Tapez le code").unwrap();
        assert!(help < enter.find("<input class=\"field\"").unwrap());
    }
}
