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
use crate::domain::judgment::GRADE_KEYS;
use crate::domain::round::{Method, PhoneVoters};
use crate::domain::{AxisKey, ProposalId, Rgb};
use crate::i18n::{Lang, Localize, tnf};
mod fiche;
mod fiche_lists;

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
    /// A name tapped in the list, for the phone to confirm it is theirs.
    pub picked: Option<u32>,
    /// The page follows a proposal just sent: it says so.
    pub sent: bool,
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
    /// A group writing its fiche.
    WriteFiche,
    Vote,
    Done,
    Wait,
}

/// A pencil, for writing a proposal or a fiche.
const PENCIL: &str = "<path d='M12 52l4-14 30-30 10 10-30 30z'/><path d='M40 14l10 10M8 58h48'/>";

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
            Step::Write => ("phone.step_write", PENCIL),
            Step::WriteFiche => ("phone.step_write_fiche", PENCIL),
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
            (PreEscaped(SPEAKER)) span.label { (lang.t("phone.speak_page")) }
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
    Fiche,
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
            Screen::Fiche => "fiche",
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
                    data-say-minus=(lang.t("phone.speak_minus"))
                    data-say-stop=(lang.t("phone.speak_stop")) {
                    (body)
                }
                script nonce=(nonce) { (PreEscaped(SCRIPT)) }
            }
        }
    };
    let body = crate::domain::text::neutralise(&page.into_string()).into_owned();
    Html { body, nonce }
}

/// A page that only says something (an error, a page that does not
/// exist), with a way back to the start.
pub fn message(lang: Lang, key: &str) -> Html {
    let text = lang.t(key);
    let body = html! {
        h1 { (text) }
        p { a.back href="/" { (lang.t("phone.home")) } }
        (statement_link(lang, None))
    };
    frame(lang, Screen::Message, text, "", &body)
}

/// What went wrong, or what the phone is asked before going on: at the
/// very top of the page, where the script puts the focus.
fn problem_note(problem: Option<&Problem>) -> Markup {
    html! {
        @if let Some(p) = problem {
            p class={ "note " (if p.asks { "ask" } else { "bad" }) } role="alert" { (p.text) }
        }
    }
}

/// A refusal's words, and whether it is a question rather than an error.
struct Problem {
    text: String,
    asks: bool,
}

/// The hidden fields every form posts: the device's token and what the
/// form does.
fn form_fields(page: &Page, action: &str) -> Markup {
    html! {
        @if !page.token.is_empty() { input type="hidden" name="t" value=(page.token); }
        input type="hidden" name="action" value=(action);
    }
}

/// The way to the accessibility statement, on every page (as the RGAA
/// asks), which leads back to the meeting's page it was opened from.
fn statement_link(lang: Lang, code: Option<&str>) -> Markup {
    html! {
        p.statement {
            a href={ "/accessibilite" @if let Some(c) = code { "?code=" (c) } } {
                (lang.t("declaration.link"))
            }
        }
    }
}

/// The accessibility statement of the phone pages, in the RGAA's form:
/// status, what was tested and how, what does not conform yet, contact
/// and remedy. `code` is the meeting's page to go back to.
pub fn statement(lang: Lang, code: Option<&str>) -> Html {
    let heading = lang.t("declaration.title");
    let back = code.map_or_else(|| "/".to_string(), |c| format!("/{c}"));
    let back_text = if code.is_some() {
        "declaration.back"
    } else {
        "phone.home"
    };
    let t = |key: &str| lang.t(key);
    let body = html! {
        h1 { (heading) }
        p { (t("declaration.intro")) }
        h2 { (t("declaration.status_title")) }
        p { (t("declaration.status")) }
        h2 { (t("declaration.tests_title")) }
        p { (t("declaration.tests_auto")) }
        p { (t("declaration.tests_script")) }
        h2 { (t("declaration.known_title")) }
        ul.summary {
            li { (t("declaration.known_audit")) }
            li { (t("declaration.known_falc")) }
            li { (t("declaration.known_voice")) }
        }
        h2 { (t("declaration.contact_title")) }
        p { (t("declaration.contact")) }
        h2 { (t("declaration.remedy_title")) }
        p { (t("declaration.remedy")) }
        p { (t("declaration.date")) }
        p { a.back href=(back) { (t(back_text)) } }
    };
    frame(lang, Screen::Message, heading, "", &body)
}

/// Where a phone types the code shown on the wall.
pub fn enter(lang: Lang, problem: Option<&str>) -> Html {
    let heading = lang.t("phone.enter_title");
    let problem = problem.map(|text| Problem {
        text: text.to_string(),
        asks: false,
    });
    let body = html! {
        (problem_note(problem.as_ref()))
        (title(lang, Step::Join, heading))
        p.help { (lang.t("phone.enter_help")) }
        form method="get" action="/go" {
            label for="code" { (lang.t("phone.enter_label")) }
            input.field id="code" name="code" autocomplete="off" autocapitalize="characters"
                maxlength="12" required;
            button.main type="submit" { (lang.t("phone.go")) }
        }
        (statement_link(lang, None))
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
        (_, Some(Refusal::Rules(_) | Refusal::Item(_))) => StatusCode::BAD_REQUEST,
        (_, Some(Refusal::NotSaved)) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::OK,
    }
}

/// The page for an answer, and its HTTP status.
pub fn render(page: &Page, view: &PhoneView) -> (StatusCode, Html) {
    let lang = page.lang;
    let on_ballot = matches!(view.screen, PhoneScreen::Vote { .. });
    let judged =
        matches!(&view.screen, PhoneScreen::Vote { round, .. } if round.method == Method::Judgment);
    let problem = match &view.outcome {
        Some(Outcome::Refused(Refusal::DotsLeft(n))) if judged => Some(Problem {
            text: tnf(lang, "phone.ask_ungraded", *n as usize, &[]),
            asks: true,
        }),
        Some(Outcome::Refused(r)) => Some(Problem {
            text: refusal_text(lang, r, on_ballot),
            asks: matches!(r, Refusal::DotsLeft(_)),
        }),
        _ => None,
    };
    let problem = problem.as_ref();
    let html = match &view.screen {
        PhoneScreen::Unknown => enter(lang, Some(lang.t("phone.unknown"))),
        PhoneScreen::Closed { round } => {
            let body = html! {
                (problem_note(problem))
                (title(lang, Step::Done, round))
                p.note.ok role="status" { (lang.t("phone.closed")) }
                p { (lang.t("phone.closed_hint")) }
                (statement_link(lang, Some(page.code)))
            };
            frame(lang, Screen::Closed, round, "", &body)
        }
        PhoneScreen::Wait => {
            let body = html! {
                (problem_note(problem))
                (title(lang, Step::Wait, lang.t("phone.wait")))
                p { (lang.t("phone.wait_hint")) }
                (statement_link(lang, Some(page.code)))
            };
            frame(lang, Screen::Wait, lang.t("phone.wait"), "", &body)
        }
        PhoneScreen::Propose {
            axes,
            max_chars,
            sent,
            draft,
            author,
        } => propose(
            page,
            &Proposing {
                axes,
                max_chars: *max_chars,
                sent,
                draft,
                author,
            },
            problem,
        ),
        PhoneScreen::Join { round, names } => join(page, round, names, problem),
        PhoneScreen::Fiche(fiche) => fiche::page(page, fiche, problem),
        PhoneScreen::Vote {
            round,
            voter,
            proposals,
            ballot,
            stored,
        } => (if round.method == Method::Judgment {
            judge
        } else {
            vote
        })(
            page,
            &Ballot {
                round,
                voter: voter.as_deref(),
                proposals,
                dots: ballot,
                stored: *stored && problem.is_none(),
                asking: problem.is_some_and(|p| p.asks),
            },
            problem,
        ),
    };
    (status(view), html)
}

/// A refusal in the phone's words; on a ballot, it first says the vote
/// was not counted.
fn refusal_text(lang: Lang, r: &Refusal, on_ballot: bool) -> String {
    match r {
        Refusal::Rules(e) if on_ballot => {
            format!("{} {}", lang.t("phone.not_counted"), e.localize(lang))
        }
        Refusal::Rules(e) => e.localize(lang),
        Refusal::VoteOver => lang.t("phone.vote_too_late").to_string(),
        Refusal::DotsLeft(n) => tnf(lang, "phone.ask_left", *n as usize, &[]),
        Refusal::Locked => lang.t("phone.locked").to_string(),
        Refusal::NameTaken => lang.t("phone.name_taken").to_string(),
        Refusal::UnknownPersonalCode => lang.t("phone.bad_personal_code").to_string(),
        Refusal::NotSaved => lang.t("phone.not_saved").to_string(),
        Refusal::CaptureClosed => lang.t("phone.capture_closed").to_string(),
        Refusal::Item(e) => e.localize(lang),
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

fn join(page: &Page, round: &RoundInfo, names: &[NameChoice], problem: Option<&Problem>) -> Html {
    let lang = page.lang;
    let by_code = round.voters == PhoneVoters::Codes;
    let step = if by_code { Step::Join } else { Step::Choose };
    let action = format!("/{}", page.code);
    let picked = page
        .picked
        .and_then(|id| names.iter().find(|n| n.id.0 == id && !n.taken));
    let body = html! {
        (problem_note(problem))
        (title(lang, step, &round.name))
        p.rules { (rules(lang, round)) }
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
        } @else if let Some(n) = picked {
            // A name is kept for the whole vote: one tap only shows it.
            h2 { (lang.tf("phone.is_it_you", &[("name", &display_name(n))])) }
            p.help { (lang.t("phone.keep_name")) }
            form method="post" action=(action) {
                (form_fields(page, "join"))
                button.main type="submit" name="name" value=(n.id) { (lang.t("phone.yes_me")) }
            }
            p { a.back href=(action) { (lang.t("phone.not_me")) } }
        } @else {
            h2 { (lang.t("phone.pick_name")) }
            p.help { (lang.t("phone.pick_name_hint")) }
            ul.names {
                @for n in names {
                    li {
                        @if n.taken {
                            span.taken { (display_name(n)) br; (lang.t("phone.taken")) }
                        } @else {
                            a href={ (action) "?name=" (n.id) } { (display_name(n)) }
                        }
                    }
                }
            }
        }
        (statement_link(lang, Some(page.code)))
    };
    frame(lang, Screen::Join, &round.name, "", &body)
}

/// A participant as the list shows them: name, then organisation.
fn display_name(n: &NameChoice) -> String {
    if n.organisation.is_empty() {
        n.name.clone()
    } else {
        format!("{} · {}", n.name, n.organisation)
    }
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
    /// The phone is asked whether to cast it with dots left: the next
    /// press casts it as it is.
    asking: bool,
}

impl Ballot<'_> {
    /// What both kinds of ballot page start from: the step shown, the
    /// colours of the axes on it, and the words of its button.
    fn frame(&self, lang: Lang) -> (Step, String, &'static str) {
        let step = if self.stored { Step::Done } else { Step::Vote };
        let css = axis_css(
            self.proposals
                .iter()
                .filter_map(|p| p.axis.as_ref().map(|(k, _, c)| (*k, *c))),
        );
        let cast = lang.t(match (self.asking, self.stored) {
            (true, _) => "phone.cast_anyway",
            (false, true) => "phone.change",
            (false, false) => "phone.cast",
        });
        (step, css, cast)
    }

    fn spent(&self) -> u32 {
        self.dots.values().sum()
    }

    /// What the bar says of the dots left (or spent over the budget).
    fn left_text(&self, lang: Lang) -> String {
        let (spent, dots) = (self.spent(), self.round.dots_per_voter);
        if spent > dots {
            let extra = spent - dots;
            lang.tf("phone.over", &[("extra", &extra)])
        } else {
            tnf(lang, "phone.left", (dots - spent) as usize, &[])
        }
    }
}

fn vote(page: &Page, b: &Ballot, problem: Option<&Problem>) -> Html {
    let lang = page.lang;
    let round = b.round;
    let (step, css, cast) = b.frame(lang);
    let (help, plain) = if b.stored {
        ("phone.vote_help_change", "phone.vote_help_plain_change")
    } else {
        ("phone.vote_help", "phone.vote_help_plain")
    };
    // On a screen tall enough for it, the ballot scrolls above the bar
    // instead of under it: the bar never hides a proposal or the focus.
    let body = html! {
        div.scroll {
            (problem_note(problem))
            @if b.stored { p.note.ok role="status" { (lang.t("phone.recorded")) } }
            (title(lang, step, &round.name))
            @if b.stored {
                (placed(lang, b))
                p { (lang.t("phone.change_hint")) }
            }
            @if let Some(name) = b.voter { p { (lang.tf("phone.you_are", &[("name", &name)])) } }
            // Instructions before the actions, in the words of what is
            // shown: buttons with the script, number fields without.
            p.rules { (rules(lang, round)) }
            p.help data-js hidden { (lang.t(help)) }
            p.help.nojs { (lang.t(plain)) }
            form #ballot method="post" action={ "/" (page.code) } data-dots=(round.dots_per_voter)
                data-cap=(round.max_per_proposal) data-left=(left_forms(lang, round))
                data-said=(said_forms(lang, round))
                data-over=(lang.tf("phone.over", &[("extra", &"{x}")]))
                data-over-one=(lang.tf("phone.over", &[("extra", &1)]))
                data-none=(lang.t("phone.none"))
                data-cap-msg=(lang.tf("phone.cap", &[("cap", &round.max_per_proposal)]))
                data-cap-reached=(lang.tf("phone.cap_reached", &[("cap", &round.max_per_proposal)])) {
                (form_fields(page, "vote"))
                @if !b.asking { input type="hidden" name="check" value="1"; }
                ol {
                    @for p in b.proposals {
                        (proposal_item(lang, round, p, b.dots.get(&p.id).copied().unwrap_or(0)))
                    }
                }
            }
            (statement_link(lang, Some(page.code)))
        }
        div.bar {
            span #left role="status" aria-live="polite" data-js hidden { (b.left_text(lang)) }
            span.nojs { (tnf(lang, "phone.budget", round.dots_per_voter as usize, &[])) }
            button #go .main type="submit" form="ballot" { (cast) }
        }
    };
    frame(lang, Screen::Vote, &round.name, &css, &body)
}

/// A ballot by majority judgment: each proposal is a group of seven
/// radio buttons, one per grade, best first. Plain HTML: it works the same
/// without the script, and the ballot's own script leaves it alone.
fn judge(page: &Page, b: &Ballot, problem: Option<&Problem>) -> Html {
    let lang = page.lang;
    let round = b.round;
    let (step, css, cast) = b.frame(lang);
    let graded = b
        .proposals
        .iter()
        .filter(|p| b.dots.get(&p.id).is_some_and(|m| *m > 0))
        .count();
    let left = b.proposals.len() - graded;
    let body = html! {
        div.scroll {
            (problem_note(problem))
            @if b.stored { p.note.ok role="status" { (lang.t("phone.recorded")) } }
            (title(lang, step, &round.name))
            @if b.stored { p { (lang.t("phone.change_hint")) } }
            @if let Some(name) = b.voter { p { (lang.tf("phone.you_are", &[("name", &name)])) } }
            p.rules { (lang.t("phone.grade_rules")) }
            form #grades method="post" action={ "/" (page.code) } {
                (form_fields(page, "vote"))
                @if !b.asking { input type="hidden" name="check" value="1"; }
                ol.grades {
                    @for p in b.proposals {
                        (graded_item(lang, p, b.dots.get(&p.id).copied().unwrap_or(0)))
                    }
                }
            }
            (statement_link(lang, Some(page.code)))
        }
        div.bar {
            span role="status" { (tnf(lang, "phone.ungraded", left, &[])) }
            button #go .main type="submit" form="grades" { (cast) }
        }
    };
    frame(lang, Screen::Vote, &round.name, &css, &body)
}

/// One proposal to grade: its number and text name the group of grades
/// (a screen reader says them before each choice).
fn graded_item(lang: Lang, p: &PhoneProposal, mark: u32) -> Markup {
    let id = p.id.to_string();
    html! {
        li {
            fieldset {
                legend {
                    span.num { (lang.tf("phone.number", &[("id", &id)])) }
                    " "
                    @match &p.axis {
                        Some((key, short, _)) => span class={ "badge a" (key) } {
                            (theme(lang, *key, short))
                        },
                        None => span.badge { (lang.t("phone.no_axis")) },
                    }
                    span.text { (p.text) }
                }
                @for (i, key) in GRADE_KEYS.iter().enumerate() {
                    @let value = i as u32 + 1;
                    label class={ "grade g" (i) } {
                        input type="radio" name={ "p" (id) } value=(value) checked[mark == value];
                        " " (lang.t(key))
                    }
                }
            }
        }
    }
}

/// "3 dots left" for every count the script may show.
fn left_forms(lang: Lang, round: &RoundInfo) -> String {
    (0..=round.dots_per_voter)
        .map(|n| tnf(lang, "phone.left", n as usize, &[]))
        .collect::<Vec<_>>()
        .join("|")
}

/// "2 dots" for every count a proposal may get, read aloud.
fn said_forms(lang: Lang, round: &RoundInfo) -> String {
    (0..=round.max_per_proposal)
        .map(|n| crate::i18n::tn(lang, "n.dots", n as usize))
        .collect::<Vec<_>>()
        .join("|")
}

/// Where the recorded ballot's dots went, said after casting.
fn placed(lang: Lang, b: &Ballot) -> Markup {
    html! {
        h2 { (lang.t("phone.your_dots")) }
        ul.summary {
            @for p in b.proposals {
                @if let Some(n) = b.dots.get(&p.id).filter(|n| **n > 0) {
                    li { (lang.tf("phone.dots_on", &[("id", &p.id), ("dots", &crate::i18n::tn(lang, "n.dots", *n as usize))])) }
                }
            }
        }
    }
}

/// One proposal of the ballot under its own heading: its number, axis
/// (with its number, never the colour alone), text, and − count + with
/// names that start with what the buttons show.
fn proposal_item(lang: Lang, round: &RoundInfo, p: &PhoneProposal, n: u32) -> Markup {
    let id = p.id.to_string();
    let gist = gist(&p.text);
    let named = |key: &str| lang.tf(key, &[("id", &id), ("text", &gist)]);
    let field = format!("n{id}");
    html! {
        li data-id=(id) {
            h2.num { (lang.tf("phone.number", &[("id", &id)])) }
            p.theme {
                @match &p.axis {
                    Some((key, short, _)) => span class={ "badge a" (key) } {
                        (theme(lang, *key, short))
                    },
                    None => span.badge { (lang.t("phone.no_axis")) },
                }
            }
            p.text { (p.text) }
            div.count {
                label for=(field) {
                    (lang.t("phone.count")) span.sr { " " (lang.tf("phone.count_for", &[("id", &id)])) }
                }
                button type="button" data-step="-1" aria-label=(named("phone.minus")) { "−" }
                input #(field) type="number" name={ "p" (id) } value=(n) min="0" max=(round.max_per_proposal);
                button type="button" data-step="1" aria-label=(named("phone.plus")) { "+" }
                button.speak type="button" data-speak="one" hidden
                    aria-label=(lang.tf("phone.speak_one", &[("id", &id)])) {
                    (PreEscaped(SPEAKER_AGAIN))
                }
            }
        }
    }
}

/// An axis as the pages name it: "Thème 3 : Accès aux droits".
fn theme(lang: Lang, key: AxisKey, name: &str) -> String {
    lang.tf("phone.theme", &[("key", &key), ("name", &name)])
}

/// What the proposal page shows.
struct Proposing<'a> {
    axes: &'a [(AxisKey, String, Rgb)],
    max_chars: usize,
    sent: &'a [SentItem],
    /// What was typed, when it was refused.
    draft: &'a str,
    /// The name last signed with, offered again.
    author: &'a str,
}

/// Capture: a proposal to send, then what became of those sent.
fn propose(page: &Page, p: &Proposing, problem: Option<&Problem>) -> Html {
    let lang = page.lang;
    let heading = lang.t("phone.propose_title");
    let css = axis_css(p.axes.iter().map(|(k, _, c)| (*k, *c)));
    // The script's templates, "{n}" filled in as the text grows.
    let left = |form: &str| lang.tf(&format!("phone.chars_left.{form}"), &[("n", &"{n}")]);
    let body = html! {
        (problem_note(problem))
        @if page.sent && problem.is_none() {
            p.note.ok role="status" { (lang.t("phone.sent_note")) }
        }
        (title(lang, Step::Write, heading))
        p.help { (lang.t("phone.propose_help")) }
        form method="post" action={ "/" (page.code) } {
            (form_fields(page, "propose"))
            label for="text" { (lang.t("phone.your_proposal")) }
            p.hint #limit { (lang.tf("phone.limit", &[("max", &p.max_chars)])) }
            textarea #text name="text" rows="4" maxlength=(p.max_chars)
                aria-describedby="limit count" required { (p.draft) }
            p.hint #count data-js hidden data-one=(left("one")) data-other=(left("other"))
                data-full=(lang.t("phone.chars_full")) {
                (tnf(lang, "phone.chars_left", p.max_chars, &[]))
            }
            span.sr #count-say aria-live="polite" {}
            fieldset {
                legend { (lang.t("phone.axis")) }
                @for (key, short, _) in p.axes {
                    label class={ "axis a" (key) } {
                        input type="radio" name="axis" value=(key);
                        (theme(lang, *key, short))
                    }
                }
                label.axis {
                    input type="radio" name="axis" value="" checked;
                    (lang.t("phone.no_axis_known"))
                }
            }
            label for="author" { (lang.t("phone.author")) }
            input.author #author name="author" maxlength="120" autocomplete="organization"
                value=(p.author);
            p { button.main type="submit" { (lang.t("phone.send")) } }
        }
        section #sent aria-live="polite" { (sent_list(lang, p.sent)) }
        (statement_link(lang, Some(page.code)))
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
        // The smallest page carries the whole style and script (the fiche's
        // saving, its lists' included): under 16 KB, about 6 KB once
        // compressed.
        let page = message(Lang::Fr, "phone.wait").body;
        assert!(page.len() < 16 * 1024, "{} bytes", page.len());
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
            picked: None,
            sent: false,
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
                    method: Method::Dots,
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
            "aria-label=\"Plus, une gommette pour la proposition 12 : Des permanences d'accès aux droits dans…\""
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

    fn round() -> RoundInfo {
        RoundInfo {
            name: "Tour 1 — priorités".into(),
            method: Method::Dots,
            dots_per_voter: 5,
            max_per_proposal: 3,
            voters: PhoneVoters::Named,
        }
    }

    fn proposals() -> Vec<PhoneProposal> {
        vec![
            PhoneProposal {
                id: ProposalId(29),
                text: "Un accueil sans rendez-vous le samedi matin".into(),
                axis: None,
            },
            PhoneProposal {
                id: ProposalId(30),
                text: "Des places en crèche pour les parents en formation".into(),
                axis: Some((1, "Enfance".into(), crate::domain::axis::OKABE_ITO[0])),
            },
        ]
    }

    fn names() -> Vec<NameChoice> {
        vec![
            NameChoice {
                id: crate::domain::ParticipantId(1),
                name: "Nadia Benali".into(),
                organisation: "CAF".into(),
                taken: false,
            },
            NameChoice {
                id: crate::domain::ParticipantId(2),
                name: "Paul Morel".into(),
                organisation: String::new(),
                taken: true,
            },
        ]
    }

    fn vote_screen(stored: bool) -> PhoneScreen {
        PhoneScreen::Vote {
            round: round(),
            voter: None,
            proposals: proposals(),
            ballot: BTreeMap::from([(ProposalId(30), 2)]),
            stored,
        }
    }

    /// Every state a phone page can be in, by name, in `lang`.
    fn every_page(lang: Lang) -> Vec<(&'static str, String)> {
        let page = |picked: Option<u32>, sent: bool| Page {
            lang,
            code: "ABC123",
            token: "tok",
            prefill: None,
            picked,
            sent,
        };
        let with = |p: &Page, screen: PhoneScreen, outcome: Option<Outcome>| {
            render(p, &PhoneView { screen, outcome }).1.body
        };
        let plain = page(None, false);
        let propose = |draft: &str| PhoneScreen::Propose {
            axes: vec![(1, "Enfance".into(), crate::domain::axis::OKABE_ITO[0])],
            max_chars: 400,
            sent: vec![SentItem {
                text: "Un référent unique".into(),
                state: crate::domain::received::ReceivedState::Pending,
            }],
            draft: draft.into(),
            author: "CAF".into(),
        };
        let join = |voters| PhoneScreen::Join {
            round: RoundInfo { voters, ..round() },
            names: names(),
        };
        let refused = |r| Some(Outcome::Refused(r));
        vec![
            ("enter", enter(lang, None).body),
            (
                "wrong code",
                enter(lang, Some(lang.t("phone.unknown"))).body,
            ),
            ("not found", message(lang, "phone.not_found").body),
            (
                "the accessibility statement",
                statement(lang, Some("ABC123")).body,
            ),
            ("wait", with(&plain, PhoneScreen::Wait, None)),
            (
                "closed",
                with(
                    &plain,
                    PhoneScreen::Closed {
                        round: "Tour 1".into(),
                    },
                    None,
                ),
            ),
            (
                "closed before the ballot",
                with(
                    &plain,
                    PhoneScreen::Closed {
                        round: "Tour 1".into(),
                    },
                    refused(Refusal::VoteOver),
                ),
            ),
            ("propose", with(&plain, propose(""), None)),
            (
                "propose, sent",
                with(&page(None, true), propose(""), Some(Outcome::Recorded)),
            ),
            (
                "propose, refused",
                with(&plain, propose("Un texte"), refused(Refusal::CaptureClosed)),
            ),
            ("names", with(&plain, join(PhoneVoters::Named), None)),
            (
                "a name tapped",
                with(&page(Some(1), false), join(PhoneVoters::Named), None),
            ),
            (
                "a personal code",
                with(&plain, join(PhoneVoters::Codes), None),
            ),
            ("ballot", with(&plain, vote_screen(false), None)),
            (
                "ballot, cast",
                with(&plain, vote_screen(true), Some(Outcome::Recorded)),
            ),
            (
                "ballot, dots left",
                with(&plain, vote_screen(false), refused(Refusal::DotsLeft(3))),
            ),
            (
                "ballot, over budget",
                with(
                    &plain,
                    vote_screen(false),
                    refused(Refusal::Rules(crate::domain::DomainError::OverBudget {
                        spent: 6,
                        budget: 5,
                    })),
                ),
            ),
        ]
    }

    /// What a person meets on a page: its text as a screen reader runs it
    /// together (inline elements joined, blocks apart), and the names and
    /// texts its attributes and script give.
    fn heard(html: &str) -> Vec<String> {
        const INLINE: [&str; 6] = ["span", "a", "b", "strong", "em", "abbr"];
        let html = html.split("<script").next().unwrap_or(html);
        let mut out = vec![String::new()];
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            out.last_mut().unwrap().push_str(&rest[..open]);
            let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
            let tag = &rest[open + 1..close.saturating_sub(1)];
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if name == "style" || name == "title" && out.len() == 1 {
                let end = rest[close..].find('<').map_or(rest.len(), |e| close + e);
                rest = &rest[end..];
                continue;
            }
            for attr in ["aria-label=\"", "data-"] {
                for (at, _) in tag.match_indices(attr) {
                    let value = &tag[at..];
                    if let Some(q) = value.find('"') {
                        let v = &value[q + 1..];
                        let v = &v[..v.find('"').unwrap_or(v.len())];
                        if v.chars().any(char::is_alphabetic) {
                            out.push(v.split('|').collect::<Vec<_>>().join(" / "));
                        }
                    }
                }
            }
            if !INLINE.contains(&name.as_str()) {
                out.push(String::new());
            }
            rest = &rest[close..];
        }
        out.into_iter()
            .map(|t| {
                t.replace("&amp;", "&")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
            })
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// What the easy-to-read rules forbid in a page as a person meets it,
    /// beyond the catalogue's words: brackets, a number run into a word
    /// ("Proposition 29Sans thème"), and jargon.
    fn rule_breaks(text: &str) -> Vec<&'static str> {
        const JARGON: [&str; 8] = [
            "signe",
            "caractère",
            "character",
            "cookie",
            "session",
            "token",
            "valider",
            "submit",
        ];
        let mut broken = Vec::new();
        if text.contains(['(', ')', '[', ']']) {
            broken.push("brackets");
        }
        let chars: Vec<char> = text.chars().collect();
        if chars
            .windows(2)
            .any(|w| w[0].is_ascii_digit() && w[1].is_alphabetic())
        {
            broken.push("a number run into a word");
        }
        let lower = text.to_lowercase();
        if JARGON.iter().any(|j| lower.contains(j)) {
            broken.push("jargon");
        }
        broken
    }

    #[test]
    fn the_checker_catches_brackets_run_together_numbers_and_jargon() {
        assert_eq!(rule_breaks("Nadia (déjà choisi)"), ["brackets"]);
        assert_eq!(
            rule_breaks("Proposition 29Sans thème"),
            ["a number run into a word"]
        );
        assert_eq!(rule_breaks("400 signes au plus."), ["jargon"]);
        assert!(rule_breaks("Thème 1 : Enfance. Il reste 400 lettres.").is_empty());
        let run =
            heard("<li><h2>Proposition 29</h2><p><span>1</span><span>Enfance</span></p></li>");
        assert_eq!(run, ["Proposition 29", "1Enfance"]);
    }

    /// The RGAA asks for the statement to be reachable from every page; it
    /// leads back to where it was opened.
    #[test]
    fn every_page_leads_to_the_accessibility_statement_and_back() {
        for lang in [Lang::Fr, Lang::En] {
            for (name, html) in every_page(lang) {
                if name == "the accessibility statement" {
                    assert!(html.contains("href=\"/ABC123\""), "{name}: the way back");
                    continue;
                }
                assert!(html.contains("href=\"/accessibilite"), "{lang:?} {name}");
            }
        }
        let fr = statement(Lang::Fr, None).body;
        // Help stays where it was (WCAG 3.2.6): "listen" right after the
        // title of every page that has one; nothing is dragged (2.5.7).
        for (name, html) in every_page(Lang::Fr) {
            if let Some(at) = html.find("<div class=\"step\">") {
                let after = &html[at..];
                let title_end = after.find("</div>").unwrap() + "</div>".len();
                assert!(
                    after[title_end..]
                        .starts_with("<button class=\"speak\" type=\"button\" data-speak=\"page\""),
                    "{name}"
                );
            }
            assert!(!html.contains("draggable"), "{name}");
        }
        for said in [
            "partiellement conformes",
            "axe-core",
            "Aucun audit par une personne",
            "Défenseur des droits",
        ] {
            assert!(fr.contains(said), "{said}");
        }
        assert!(fr.contains("<a class=\"back\" href=\"/\">Revenir au début</a>"));
    }

    #[test]
    fn every_page_as_a_person_meets_it_follows_the_easy_to_read_rules() {
        let mut broken = Vec::new();
        for lang in [Lang::Fr, Lang::En] {
            for (name, html) in every_page(lang) {
                for text in heard(&html) {
                    for rule in rule_breaks(&text) {
                        broken.push(format!("{lang:?} {name}: {rule} in « {text} »"));
                    }
                }
            }
        }
        assert!(broken.is_empty(), "{}", broken.join("\n"));
    }

    /// The ballot as a screen reader and voice control meet it: one
    /// heading per proposal, buttons named by what they show, a visible
    /// label per number field, help that matches what is shown.
    #[test]
    fn each_proposal_has_its_heading_and_buttons_named_by_what_they_show() {
        let page = rendered(Lang::Fr, vote_screen(false));
        assert_eq!(page.matches("<h2 class=\"num\">").count(), 2, "{page}");
        assert!(page.contains("<h2 class=\"num\">Proposition 29</h2>"));
        assert!(page.contains(">Thème 1 : Enfance</span>"));
        assert!(page.contains("aria-label=\"Plus, une gommette pour la proposition 30 :"));
        assert!(
            page.contains("aria-label=\"Moins, une gommette de moins pour la proposition 30 :")
        );
        assert!(page.contains(
            "<label for=\"n30\">Gommettes<span class=\"sr\"> pour la proposition 30</span></label>"
        ));
        assert!(page.contains("<input id=\"n30\""));
        // Without the script: the words of number fields, the budget, no
        // "+"; the script swaps them.
        assert!(page.contains("<p class=\"help nojs\">Sous chaque proposition, tapez un nombre"));
        assert!(page.contains("<p class=\"help\" data-js hidden>Appuyez sur +"));
        assert!(page.contains("<span class=\"nojs\">Vous avez 5 gommettes.</span>"));
        // The page's form asks before casting with dots left.
        assert!(page.contains("name=\"check\" value=\"1\""));
        let body = &page[page.find("<body").unwrap()..];
        let markup = body.split("<script").next().unwrap();
        assert!(
            !markup.contains("disabled"),
            "« Voter » can always be reached"
        );
    }

    #[test]
    fn a_ballot_with_dots_left_is_asked_about_and_a_cast_one_says_where_the_dots_went() {
        let page = Page {
            lang: Lang::Fr,
            code: "ABC123",
            token: "",
            prefill: None,
            picked: None,
            sent: false,
        };
        let asked = PhoneView {
            screen: vote_screen(false),
            outcome: Some(Outcome::Refused(Refusal::DotsLeft(3))),
        };
        let (status, html) = render(&page, &asked);
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.body
                .contains("<p class=\"note ask\" role=\"alert\">Il vous reste 3 gommettes.")
        );
        assert!(html.body.contains(">Voter comme ça</button>"));
        assert!(
            !html.body.contains("name=\"check\""),
            "the next press casts"
        );
        let cast = rendered(Lang::Fr, vote_screen(true));
        let summary = cast.find("<h2>Vos gommettes</h2>").expect("a summary");
        assert!(cast[summary..].starts_with("<h2>Vos gommettes</h2><ul class=\"summary\"><li>Proposition 30 : 2 gommettes</li></ul>"), "{cast}");
    }

    #[test]
    fn a_refused_ballot_says_it_was_not_counted() {
        let page = Page {
            lang: Lang::Fr,
            code: "ABC123",
            token: "",
            prefill: None,
            picked: None,
            sent: false,
        };
        let too_late = PhoneView {
            screen: PhoneScreen::Closed {
                round: "Tour 1".into(),
            },
            outcome: Some(Outcome::Refused(Refusal::VoteOver)),
        };
        let (_, html) = render(&page, &too_late);
        assert!(
            html.body.contains(
                "role=\"alert\">Votre vote n'est pas compté. Le vote était déjà fini.</p>"
            )
        );
        let over = PhoneView {
            screen: vote_screen(false),
            outcome: Some(Outcome::Refused(Refusal::Rules(
                crate::domain::DomainError::OverBudget {
                    spent: 6,
                    budget: 5,
                },
            ))),
        };
        let (status, html) = render(&page, &over);
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            html.body
                .contains("role=\"alert\">Votre vote n'est pas compté. "),
            "{}",
            html.body
        );
    }

    #[test]
    fn a_name_is_confirmed_before_it_is_kept_and_a_taken_one_says_so_in_words() {
        let list = rendered(
            Lang::Fr,
            PhoneScreen::Join {
                round: round(),
                names: names(),
            },
        );
        assert!(
            list.contains("<a href=\"/ABC123?name=1\">Nadia Benali · CAF</a>"),
            "{list}"
        );
        assert!(list.contains("<span class=\"taken\">Paul Morel<br>Déjà pris</span>"));
        let page = Page {
            lang: Lang::Fr,
            code: "ABC123",
            token: "",
            prefill: None,
            picked: Some(1),
            sent: false,
        };
        let view = PhoneView {
            screen: PhoneScreen::Join {
                round: round(),
                names: names(),
            },
            outcome: None,
        };
        let asked = render(&page, &view).1.body;
        assert!(asked.contains("<h2>Vous êtes Nadia Benali · CAF ?</h2>"));
        assert!(asked.contains("name=\"name\" value=\"1\">Oui, c'est moi</button>"));
        assert!(
            asked.contains(
                "<a class=\"back\" href=\"/ABC123\">Non, revenir à la liste des noms</a>"
            )
        );
        // A taken name cannot be confirmed from a link typed by hand.
        let taken = Page {
            picked: Some(2),
            ..page
        };
        assert!(!render(&taken, &view).1.body.contains("Oui, c'est moi"));
    }

    #[test]
    fn a_sent_proposal_is_said_at_the_top_and_the_author_is_offered_again() {
        let page = Page {
            lang: Lang::Fr,
            code: "ABC123",
            token: "",
            prefill: None,
            picked: None,
            sent: true,
        };
        let view = PhoneView {
            screen: PhoneScreen::Propose {
                axes: Vec::new(),
                max_chars: 400,
                sent: Vec::new(),
                draft: String::new(),
                author: "Secours populaire".into(),
            },
            outcome: None,
        };
        let html = render(&page, &view).1.body;
        let note = html.find("<p class=\"note ok\" role=\"status\">Votre proposition est envoyée. Elle attend l'animateur.</p>").expect("the note");
        assert!(note < html.find("<form").unwrap(), "said before the form");
        assert!(html.contains("value=\"Secours populaire\""));
        assert!(html.contains("data-full=\"Votre texte a la longueur la plus grande."));
        assert!(
            message(Lang::Fr, "phone.not_found")
                .body
                .contains("<a class=\"back\" href=\"/\">Revenir au début</a>")
        );
    }
}
