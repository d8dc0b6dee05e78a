//! The phone's page: one self-contained HTML document (inline style and a
//! little script, both under a per-page nonce; no asset, no framework),
//! readable at 360 px in sunlight, with large touch targets. Without
//! scripts it is a plain form of number fields; the script only adds the
//! buttons for one more or one less, and keeps "dots left" and the
//! button's label current. Every text is escaped and its control characters made visible.

use crate::app::remote::{
    NameChoice, Outcome, PhoneProposal, PhoneScreen, PhoneView, Refusal, RoundInfo,
};
use crate::domain::ProposalId;
use crate::domain::round::PhoneVoters;
use crate::export::html::escape;
use crate::i18n::{Lang, Localize, tnf};
use axum::http::StatusCode;
use std::collections::BTreeMap;
use std::fmt::Write;

pub struct Html {
    pub body: String,
    pub nonce: String,
}

fn nonce() -> String {
    let mut b = [0u8; 12];
    let _ = getrandom::fill(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

const STYLE: &str = "
*{box-sizing:border-box}
html{font-size:112.5%}
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5;background:#fff;color:#111}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;line-height:1.25;margin:.2rem 0 .6rem}
h2{font-size:1.15rem}
:focus{outline:3px solid #0b57d0;outline-offset:2px}
.step{display:flex;flex-wrap:wrap;align-items:center;margin:.2rem 0}
.step h1{flex:1 1 8rem;min-width:0}
h1,h2,p,legend,label,button{overflow-wrap:break-word}
.picto{width:3.5rem;height:3.5rem;flex:none;margin-right:.8rem}
.rules,.help{margin:0 0 .8rem}
.note{padding:.8rem 1rem;border-radius:.6rem;margin:0 0 1rem;font-weight:600}
.ok{background:#e3f5e1;color:#0b4d12;border:2px solid #2e7d32}
.bad{background:#fdecea;color:#7a1010;border:2px solid #c62828}
ol{list-style:none;margin:0;padding:0}
li{border-bottom:1px solid #767676;padding:.8rem 0}
li p{margin:.3rem 0 .5rem;white-space:pre-wrap;overflow-wrap:anywhere}
.num{font-weight:700;margin-right:.5rem}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.4rem;font-weight:700;border:1px solid #111}
.count{display:flex;flex-wrap:wrap;align-items:center}
.count>*{margin:.2rem .5rem .2rem 0}
.count input{width:4.5rem;min-height:2.75rem;font-size:1.3rem;padding:.3rem;text-align:center;border:2px solid #111;border-radius:.5rem}
button{font:inherit;min-height:2.75rem;min-width:2.75rem;cursor:pointer}
.count button{display:none;width:3.2rem;height:3.2rem;font-size:1.6rem;line-height:1;border:2px solid #111;border-radius:.6rem;background:#f2f2f2;color:#111}
.js .count button{display:inline-block}
.bar{position:sticky;bottom:0;background:#111;color:#fff;padding:.7rem 1rem;margin:1rem -1rem 0;display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between}
.bar span{font-weight:600;margin:.2rem 1rem .2rem 0}
.main{max-width:100%;padding:.6rem 1.2rem;font-size:1.15rem;font-weight:700;border:2px solid #111;border-radius:.6rem;background:#ffd400;color:#111}
.main:disabled{background:#595959;color:#fff;border-color:#595959}
.names button{display:block;width:100%;margin:.4rem 0;text-align:left;padding:.5rem 1rem;border:2px solid #111;border-radius:.6rem;background:#f7f7f7;color:#111}
.names button:disabled{color:#595959;border-color:#767676}
label{display:block}
.field{display:block;width:100%;font-size:1.5rem;padding:.6rem;letter-spacing:.2rem;text-transform:uppercase;border:2px solid #111;border-radius:.6rem;margin:.4rem 0 1rem}
textarea,.author{display:block;width:100%;font:inherit;padding:.6rem;border:2px solid #111;border-radius:.6rem;margin:.3rem 0}
fieldset{border:0;padding:0;margin:1rem 0;min-width:0}
legend{font-weight:600;max-width:100%;white-space:normal}
.axis{display:flex;align-items:center;overflow-wrap:anywhere;min-height:2.75rem;margin:.3rem 0;padding:.3rem .6rem;border-radius:.6rem;font-weight:700;border:1px solid #111}
.axis input{width:1.6rem;height:1.6rem;margin:0 .6rem 0 0;flex:none}
.hint{margin:0 0 .3rem}
.sent li{padding:.6rem 0}.sent .state{font-weight:700}
.ico{width:1.4em;height:1.4em;vertical-align:middle;margin-right:.3em}
.count .ico{margin:0}
.speak{margin:0 0 1rem;padding:.4rem 1rem;border:2px solid #111;border-radius:.6rem;background:#fff;color:#111}
.js .count .speak{margin-left:auto}
[hidden]{display:none!important}
";

/// The script: + and −, dots left and what the button says; reading
/// aloud where the browser can speak; following the meeting without
/// reloading under a slow reader. Plain ES5, so a phone from years ago
/// runs it; without it the page is a plain form that still works.
const SCRIPT: &str = "(function(){
document.documentElement.classList.add('js');
var f=document.getElementById('ballot');
if(f){
var dots=+f.dataset.dots,cap=+f.dataset.cap,left=document.getElementById('left'),go=document.getElementById('go');
var ins=[].slice.call(f.querySelectorAll('input[type=number]'));
function fill(t,k){return t.replace('{n}',k)}
function up(){var s=0,over=false;ins.forEach(function(i){s+=n(i);if(n(i)>cap)over=true});
var l=dots-s,t=l<0?fill(f.dataset.over,s):f.dataset.left.split('|')[l];if(left.textContent!==t)left.textContent=t;
if(s==0){go.disabled=true;go.textContent=f.dataset.none}
else if(l<0){go.disabled=true;go.textContent=fill(f.dataset.over,s)}
else if(over){go.disabled=true;go.textContent=f.dataset.capMsg}
else{go.disabled=false;go.textContent=f.dataset.cast}}
f.addEventListener('click',function(e){var b=e.target.closest('button[data-step]');if(!b)return;
var i=b.parentNode.querySelector('input');var v=n(i)+(+b.dataset.step);if(v<0)v=0;if(v>cap)v=cap;i.value=v;up()});
f.addEventListener('input',up);
f.addEventListener('submit',function(){setTimeout(function(){go.disabled=true},0)});
up()}
function n(i){var v=parseInt(i.value,10);return isNaN(v)||v<0?0:v}
var note=document.querySelector('.note');if(note){note.setAttribute('tabindex','-1');note.focus()}
var synth=window.speechSynthesis,m=document.querySelector('main');
function txt(e){return (e.getAttribute('aria-label')||e.textContent||'').replace(/\\s+/g,' ').trim()}
function item(li){var d=m.dataset,b=li.querySelector('.badge'),p=li.querySelector('p'),i=li.querySelector('input');
return sentences([txt(li.querySelector('.num')),b?txt(b):'',p?txt(p):'',i?f.dataset.said.split('|')[n(i)]||'':'',d.sayPlus,d.sayMinus])}
function sentences(parts){return parts.filter(function(t){return t}).map(function(t){return /[.!?…:]$/.test(t)?t:t+'.'}).join(' ')}
function page(){var out=[];[].forEach.call(m.querySelectorAll('h1,h2,p,legend,label,li,button'),function(e){
if(e.closest('[hidden]')||e.hasAttribute('data-speak'))return;var li=e.closest('li');
if(li&&e!==li)return;if(e.tagName=='LI'&&e.dataset.id){out.push(item(e));return}if(e.closest('.count'))return;
out.push(e.tagName=='BUTTON'?m.dataset.sayButton+' : '+txt(e):txt(e))});return sentences(out)}
if(synth&&window.SpeechSynthesisUtterance){
[].forEach.call(document.querySelectorAll('[data-speak]'),function(b){b.hidden=false});
document.addEventListener('click',function(e){var b=e.target.closest('[data-speak]');if(!b)return;
var u=new SpeechSynthesisUtterance(b.dataset.speak=='page'?page():item(b.closest('li')));
u.lang=document.documentElement.lang;u.rate=.9;synth.cancel();synth.speak(u)})}
function get(fn){if(!window.fetch)return;fetch(location.href,{credentials:'same-origin'}).then(function(r){return r.text()})
.then(function(h){h=h.replace(/<style[\\s\\S]*?<\\/style>/g,'').replace(/<script[\\s\\S]*?<\\/script>/g,'');
fn(new DOMParser().parseFromString(h,'text/html'))}).catch(function(){})}
if(document.body.dataset.wait){setInterval(function(){get(function(d){
var t=document.querySelector('textarea');if(t&&t.value.trim())return;
if(d.body&&d.body.dataset.screen!==document.body.dataset.screen)location.reload()})},5000)}
var sent=document.getElementById('sent');
if(sent){setInterval(function(){get(function(d){var n=d.getElementById('sent'),o=document.getElementById('sent');
if(n&&o&&n.innerHTML!==o.innerHTML)o.innerHTML=n.innerHTML})},5000)}
})();";

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

/// A pictogram for a step: a simple line drawing with its words for a
/// screen reader.
fn picto(lang: Lang, step: Step) -> String {
    let (key, shape) = match step {
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
    };
    let label = escape(lang.t(key));
    format!(
        "<svg class=\"picto\" viewBox=\"0 0 64 64\" role=\"img\" aria-label=\"{label}\" fill=\"none\" \
stroke=\"#111\" stroke-width=\"4\" stroke-linecap=\"round\" stroke-linejoin=\"round\"><title>{label}</title>{shape}</svg>"
    )
}

/// A page's title with its pictogram, and the button that reads the page
/// aloud (shown only where the browser can speak).
fn title(lang: Lang, step: Step, text: &str) -> String {
    format!(
        "<div class=\"step\">{}<h1>{}</h1></div>\
<button type=\"button\" class=\"speak\" data-speak=\"page\" hidden>{SPEAKER}{}</button>",
        picto(lang, step),
        escape(text),
        escape(lang.t("phone.speak_page")),
    )
}

/// A loudspeaker, drawn (an emoji is a box on phones without the font);
/// defined once, used by every "listen" button.
const SPEAKER: &str = "<svg class=\"ico\" viewBox=\"0 0 24 24\" aria-hidden=\"true\"><symbol id=\"spk\" viewBox=\"0 0 24 24\">\
<path d=\"M3 9v6h4l6 5V4L7 9z\" fill=\"#111\"/><path d=\"M16 8a5 5 0 0 1 0 8M19 5a9 9 0 0 1 0 14\" fill=\"none\" stroke=\"#111\" \
stroke-width=\"2\" stroke-linecap=\"round\"/></symbol><use href=\"#spk\"/></svg>";

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

fn frame(lang: Lang, screen: Screen, title: &str, body: &str) -> Html {
    let nonce = nonce();
    let t = |k: &str| escape(lang.t(k));
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>{title}</title><style nonce=\"{nonce}\">{STYLE}</style></head>\
<body data-screen=\"{screen}\"{wait}><main data-say-button=\"{button}\" \
data-say-plus=\"{plus}\" data-say-minus=\"{minus}\">{body}</main><script nonce=\"{nonce}\">{SCRIPT}</script></body></html>",
        lang = lang.code(),
        title = escape(title),
        screen = screen.name(),
        wait = if screen.waits() {
            " data-wait=\"1\""
        } else {
            ""
        },
        button = t("phone.speak_button"),
        plus = t("phone.speak_plus"),
        minus = t("phone.speak_minus"),
    );
    Html { body: html, nonce }
}

/// A page that only says something (an error, a closed vote).
pub fn message(lang: Lang, key: &str) -> Html {
    let text = lang.t(key);
    frame(
        lang,
        Screen::Message,
        text,
        &format!("<h1>{}</h1>", escape(text)),
    )
}

fn problem_note(body: &mut String, problem: Option<&str>) {
    if let Some(p) = problem {
        let _ = write!(
            body,
            "<p class=\"note bad\" role=\"alert\">{}</p>",
            escape(p)
        );
    }
}

/// Where a phone types the code shown on the wall.
pub fn enter(lang: Lang, problem: Option<&str>) -> Html {
    let mut body = title(lang, Step::Join, lang.t("phone.enter_title"));
    problem_note(&mut body, problem);
    let _ = write!(
        body,
        "<p class=\"help\">{help}</p><form method=\"get\" action=\"/go\">\
<label for=\"code\">{label}</label><input class=\"field\" id=\"code\" name=\"code\" \
autocomplete=\"off\" autocapitalize=\"characters\" maxlength=\"12\" required>\
<button class=\"main\" type=\"submit\">{go}</button></form>",
        help = escape(lang.t("phone.enter_help")),
        label = escape(lang.t("phone.enter_label")),
        go = escape(lang.t("phone.go")),
    );
    frame(lang, Screen::Enter, lang.t("phone.enter_title"), &body)
}

/// The page for an answer, and its HTTP status.
pub fn render(
    lang: Lang,
    code: &str,
    view: &PhoneView,
    prefill: Option<&str>,
) -> (StatusCode, Html) {
    let refusal = match &view.outcome {
        Some(Outcome::Refused(r)) => Some(r),
        _ => None,
    };
    let status = match (&view.screen, refusal) {
        (PhoneScreen::Unknown, _) => StatusCode::FORBIDDEN,
        (_, Some(Refusal::Locked | Refusal::UnknownPersonalCode)) => StatusCode::FORBIDDEN,
        (PhoneScreen::Closed { .. }, _) => StatusCode::CONFLICT,
        (_, Some(Refusal::NameTaken | Refusal::CaptureClosed)) => StatusCode::CONFLICT,
        (_, Some(Refusal::Rules(crate::domain::DomainError::RoundClosed(_)))) => {
            StatusCode::CONFLICT
        }
        (_, Some(Refusal::Rules(_))) => StatusCode::BAD_REQUEST,
        (_, Some(Refusal::NotSaved)) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::OK,
    };
    let problem = refusal.map(|r| refusal_text(lang, r));
    let html = match &view.screen {
        PhoneScreen::Unknown => enter(lang, Some(lang.t("phone.unknown"))),
        PhoneScreen::Closed { round } => {
            let mut body = title(lang, Step::Done, round);
            problem_note(&mut body, problem.as_deref());
            let _ = write!(
                body,
                "<p class=\"note ok\" role=\"status\">{}</p><p>{}</p>",
                escape(lang.t("phone.closed")),
                escape(lang.t("phone.closed_hint"))
            );
            frame(lang, Screen::Closed, round, &body)
        }
        PhoneScreen::Wait => {
            let mut body = title(lang, Step::Wait, lang.t("phone.wait"));
            problem_note(&mut body, problem.as_deref());
            let _ = write!(body, "<p>{}</p>", escape(lang.t("phone.wait_hint")));
            frame(lang, Screen::Wait, lang.t("phone.wait"), &body)
        }
        PhoneScreen::Propose {
            axes,
            max_chars,
            sent,
            draft,
        } => propose(
            lang,
            code,
            axes,
            *max_chars,
            sent,
            draft,
            problem.as_deref(),
        ),
        PhoneScreen::Join { round, names } => {
            join(lang, code, round, names, problem.as_deref(), prefill)
        }
        PhoneScreen::Vote {
            round,
            voter,
            proposals,
            ballot,
            stored,
        } => vote(
            lang,
            code,
            round,
            voter.as_deref(),
            proposals,
            ballot,
            *stored && problem.is_none(),
            problem.as_deref(),
        ),
    };
    (status, html)
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

fn join(
    lang: Lang,
    code: &str,
    round: &RoundInfo,
    names: &[NameChoice],
    problem: Option<&str>,
    prefill: Option<&str>,
) -> Html {
    let step = if round.voters == PhoneVoters::Codes {
        Step::Join
    } else {
        Step::Choose
    };
    let mut body = title(lang, step, &round.name);
    let _ = write!(
        body,
        "<p class=\"rules\">{}</p>",
        escape(&rules(lang, round))
    );
    problem_note(&mut body, problem);
    let action = format!("/{}", escape(code));
    if round.voters == PhoneVoters::Codes {
        let _ = write!(
            body,
            "<form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"action\" value=\"join\">\
<p class=\"help\">{hint}</p><label for=\"personal\">{label}</label><input class=\"field\" id=\"personal\" name=\"personal\" \
value=\"{value}\" autocomplete=\"off\" autocapitalize=\"characters\" maxlength=\"12\" required>\
<button class=\"main\" type=\"submit\">{go}</button></form>",
            label = escape(lang.t("phone.personal_code")),
            hint = escape(lang.t("phone.personal_code_hint")),
            go = escape(lang.t("phone.join")),
            value = escape(&crate::domain::vote_rules::normalize_code(
                prefill.unwrap_or_default()
            )),
        );
    } else {
        let _ = write!(
            body,
            "<h2>{}</h2><p class=\"help\">{}</p><form class=\"names\" method=\"post\" action=\"{action}\">\
<input type=\"hidden\" name=\"action\" value=\"join\">",
            escape(lang.t("phone.pick_name")),
            escape(lang.t("phone.pick_name_hint")),
        );
        for n in names {
            let org = if n.organisation.is_empty() {
                String::new()
            } else {
                format!(" · {}", escape(&n.organisation))
            };
            let taken = if n.taken {
                format!(" ({})", escape(lang.t("phone.taken")))
            } else {
                String::new()
            };
            let _ = write!(
                body,
                "<button type=\"submit\" name=\"name\" value=\"{}\"{}>{}{org}{taken}</button>",
                n.id,
                if n.taken { " disabled" } else { "" },
                escape(&n.name),
            );
        }
        body.push_str("</form>");
    }
    frame(lang, Screen::Join, &round.name, &body)
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
/// the text black or white, whichever contrasts more.
fn axis_css(axes: impl Iterator<Item = (crate::domain::AxisKey, crate::domain::Rgb)>) -> String {
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

fn with_css(mut html: Html, css: &str) -> Html {
    if !css.is_empty() {
        html.body = html.body.replacen("</style>", &format!("{css}</style>"), 1);
    }
    html
}

#[allow(clippy::too_many_arguments)]
fn vote(
    lang: Lang,
    code: &str,
    round: &RoundInfo,
    voter: Option<&str>,
    proposals: &[PhoneProposal],
    ballot: &BTreeMap<ProposalId, u32>,
    stored: bool,
    problem: Option<&str>,
) -> Html {
    let step = if stored { Step::Done } else { Step::Vote };
    let mut body = title(lang, step, &round.name);
    problem_note(&mut body, problem);
    if stored {
        let _ = write!(
            body,
            "<p class=\"note ok\" role=\"status\">{}</p><p>{}</p>",
            escape(lang.t("phone.recorded")),
            escape(lang.t("phone.change_hint"))
        );
    }
    if let Some(name) = voter {
        let _ = write!(
            body,
            "<p>{}</p>",
            escape(&lang.tf("phone.you_are", &[("name", &name)]))
        );
    }
    // Instructions before the actions.
    let _ = write!(
        body,
        "<p class=\"rules\">{}</p><p class=\"help\">{}</p>",
        escape(&rules(lang, round)),
        escape(lang.t(if stored {
            "phone.vote_help_change"
        } else {
            "phone.vote_help"
        }))
    );
    let css = axis_css(
        proposals
            .iter()
            .filter_map(|p| p.axis.as_ref().map(|(k, _, c)| (*k, *c))),
    );
    let spent: u32 = ballot.values().sum();
    let left = round.dots_per_voter.saturating_sub(spent);
    let t = |k: &str| escape(lang.t(k));
    let _ = write!(
        body,
        "<form id=\"ballot\" method=\"post\" action=\"/{code}\" data-dots=\"{dots}\" data-cap=\"{cap}\" \
data-left=\"{left_forms}\" data-said=\"{said}\" data-over=\"{over}\" data-none=\"{none}\" data-cap-msg=\"{capmsg}\" data-cast=\"{cast}\">\
<input type=\"hidden\" name=\"action\" value=\"vote\"><ol>",
        code = escape(code),
        dots = round.dots_per_voter,
        cap = round.max_per_proposal,
        left_forms = escape(
            &(0..=round.dots_per_voter)
                .map(|n| tnf(lang, "phone.left", n as usize, &[]))
                .collect::<Vec<_>>()
                .join("|")
        ),
        said = escape(
            &(0..=round.max_per_proposal)
                .map(|n| crate::i18n::tn(lang, "n.dots", n as usize))
                .collect::<Vec<_>>()
                .join("|")
        ),
        over = escape(&lang.tf(
            "phone.over",
            &[("spent", &"{n}"), ("dots", &round.dots_per_voter)]
        )),
        none = t("phone.none"),
        capmsg = escape(&lang.tf("phone.cap", &[("cap", &round.max_per_proposal)])),
        cast = t(if stored { "phone.change" } else { "phone.cast" }),
    );
    for p in proposals {
        proposal_item(
            &mut body,
            lang,
            round,
            p,
            ballot.get(&p.id).copied().unwrap_or(0),
        );
    }
    let left_text = if spent > round.dots_per_voter {
        lang.tf(
            "phone.over",
            &[("spent", &spent), ("dots", &round.dots_per_voter)],
        )
    } else {
        tnf(lang, "phone.left", left as usize, &[])
    };
    let _ = write!(
        body,
        "</ol><div class=\"bar\"><span id=\"left\" role=\"status\" aria-live=\"polite\">{}</span>\
<button id=\"go\" class=\"main\" type=\"submit\">{}</button></div></form>",
        escape(&left_text),
        t(if stored { "phone.change" } else { "phone.cast" }),
    );
    with_css(frame(lang, Screen::Vote, &round.name, &body), &css)
}

/// One proposal of the ballot: its number, axis (with its number, never
/// the colour alone), text, and − count + with labels that name it.
fn proposal_item(body: &mut String, lang: Lang, round: &RoundInfo, p: &PhoneProposal, n: u32) {
    let badge = match &p.axis {
        Some((key, short, _)) => format!(
            "<span class=\"badge a{key}\">{key} {}</span>",
            escape(short)
        ),
        None => format!(
            "<span class=\"badge\">{}</span>",
            escape(lang.t("phone.no_axis"))
        ),
    };
    let id = p.id.to_string();
    let gist = gist(&p.text);
    let named = |key: &str| escape(&lang.tf(key, &[("id", &id), ("text", &gist)]));
    let _ = write!(
        body,
        "<li data-id=\"{id}\"><span class=\"num\">{number}</span>{badge}<p>{text}</p><div class=\"count\">\
<button type=\"button\" data-step=\"-1\" aria-label=\"{minus}\">−</button>\
<input type=\"number\" name=\"p{id}\" value=\"{n}\" min=\"0\" max=\"{cap}\" aria-label=\"{count}\">\
<button type=\"button\" data-step=\"1\" aria-label=\"{plus}\">+</button>\
<button type=\"button\" class=\"speak\" data-speak=\"one\" hidden aria-label=\"{listen}\"><svg class=\"ico\" aria-hidden=\"true\"><use href=\"#spk\"/></svg></button></div></li>",
        number = escape(&lang.tf("phone.number", &[("id", &id)])),
        text = escape(&p.text),
        cap = round.max_per_proposal,
        minus = named("phone.minus"),
        plus = named("phone.plus"),
        count = escape(&lang.tf("phone.count", &[("id", &id)])),
        listen = escape(&lang.tf("phone.speak_one", &[("id", &id)])),
    );
}

/// Capture: a proposal to send, then what became of those sent.
fn propose(
    lang: Lang,
    code: &str,
    axes: &[(crate::domain::AxisKey, String, crate::domain::Rgb)],
    max_chars: usize,
    sent: &[crate::app::remote::SentItem],
    draft: &str,
    problem: Option<&str>,
) -> Html {
    use crate::domain::received::ReceivedState;
    let t = |k: &str| escape(lang.t(k));
    let mut body = title(lang, Step::Write, lang.t("phone.propose_title"));
    problem_note(&mut body, problem);
    let css = axis_css(axes.iter().map(|(k, _, c)| (*k, *c)));
    let _ = write!(
        body,
        "<p class=\"help\">{help}</p><form method=\"post\" action=\"/{code}\"><input type=\"hidden\" name=\"action\" value=\"propose\">\
<label for=\"text\">{label}</label><p class=\"hint\" id=\"limit\">{limit}</p>\
<textarea id=\"text\" name=\"text\" rows=\"4\" maxlength=\"{max_chars}\" aria-describedby=\"limit\" required>{draft}</textarea>\
<fieldset><legend>{axis}</legend>",
        help = t("phone.propose_help"),
        code = escape(code),
        label = t("phone.your_proposal"),
        limit = escape(&lang.tf("phone.limit", &[("max", &max_chars)])),
        axis = t("phone.axis"),
        draft = escape(draft),
    );
    for (key, short, _) in axes {
        let _ = write!(
            body,
            "<label class=\"axis a{key}\"><input type=\"radio\" name=\"axis\" value=\"{key}\">{key} {}</label>",
            escape(short)
        );
    }
    let _ = write!(
        body,
        "<label class=\"axis\"><input type=\"radio\" name=\"axis\" value=\"\" checked>{}</label></fieldset>\
<label for=\"author\">{}</label><input class=\"author\" id=\"author\" name=\"author\" maxlength=\"120\" autocomplete=\"organization\">\
<p><button class=\"main\" type=\"submit\">{}</button></p></form>",
        t("phone.no_axis_known"),
        t("phone.author"),
        t("phone.send"),
    );
    let _ = write!(body, "<section id=\"sent\" aria-live=\"polite\">");
    if !sent.is_empty() {
        let _ = write!(body, "<h2>{}</h2><ol class=\"sent\">", t("phone.sent"));
        for item in sent {
            let state = match &item.state {
                ReceivedState::Pending => lang.t("phone.state_pending").to_string(),
                ReceivedState::Accepted { .. } => lang.t("phone.state_accepted").to_string(),
                ReceivedState::Merged { into } => lang.tf("phone.state_merged", &[("id", into)]),
                ReceivedState::SetAside { .. } => lang.t("phone.state_aside").to_string(),
            };
            let _ = write!(
                body,
                "<li><p>{}</p><span class=\"state\">{}</span></li>",
                escape(&item.text),
                escape(&state)
            );
        }
        body.push_str("</ol>");
    }
    body.push_str("</section>");
    with_css(
        frame(lang, Screen::Propose, lang.t("phone.propose_title"), &body),
        &css,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::remote::{PhoneScreen, PhoneView};

    /// Every text of the phone pages, placeholders filled, in `lang`.
    fn phone_texts(lang: Lang) -> Vec<(String, String)> {
        let source = match lang {
            Lang::Fr => include_str!("../i18n/fr.toml"),
            Lang::En => include_str!("../i18n/en.toml"),
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
        render(lang, "ABC123", &view, None).1.body
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
            "aria-label=\"Ajouter une gommette à la proposition 12 : Des permanences d&#39;accès aux droits dans…\""
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
