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
body{margin:0;font:18px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#fff;color:#111}
main{max-width:40rem;margin:0 auto;padding:1rem 1rem 7rem}
h1{font-size:1.4rem;margin:.2rem 0 .4rem}
.rules{margin:0 0 1rem;color:#333}
.note{padding:.8rem 1rem;border-radius:.6rem;margin:0 0 1rem;font-weight:600}
.ok{background:#e3f5e1;color:#0b4d12;border:2px solid #2e7d32}
.bad{background:#fdecea;color:#7a1010;border:2px solid #c62828}
ol{list-style:none;margin:0;padding:0}
li{border-bottom:1px solid #ccc;padding:.8rem 0}
li p{margin:.3rem 0 .5rem;white-space:pre-wrap;overflow-wrap:anywhere}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.4rem;font-weight:700;font-size:.9rem}
.count{display:flex;align-items:center;gap:.5rem}
.count input{width:4.2rem;font-size:1.3rem;padding:.4rem;text-align:center;border:2px solid #555;border-radius:.5rem}
.count button{display:none;width:3.2rem;height:3.2rem;font-size:1.6rem;border:2px solid #111;border-radius:.6rem;background:#f2f2f2;color:#111}
.js .count button{display:inline-block}
.bar{position:fixed;left:0;right:0;bottom:0;background:#111;color:#fff;padding:.7rem 1rem;display:flex;gap:1rem;align-items:center;justify-content:space-between}
.bar span{font-weight:600}
.main{min-height:3.2rem;padding:.6rem 1.2rem;font-size:1.15rem;font-weight:700;border:0;border-radius:.6rem;background:#ffd400;color:#111}
.main:disabled{background:#777;color:#eee}
.names button{display:block;width:100%;min-height:3.2rem;margin:.4rem 0;font-size:1.1rem;text-align:left;padding:.5rem 1rem;border:2px solid #111;border-radius:.6rem;background:#f7f7f7;color:#111}
.names button:disabled{color:#777;border-color:#aaa}
.field{width:100%;font-size:1.5rem;padding:.6rem;letter-spacing:.2rem;text-transform:uppercase;border:2px solid #111;border-radius:.6rem;margin:.4rem 0 1rem}
textarea,.author{width:100%;font:inherit;padding:.6rem;border:2px solid #111;border-radius:.6rem;margin:.3rem 0}
fieldset{border:0;padding:0;margin:1rem 0}
.axis{display:flex;align-items:center;gap:.6rem;min-height:3rem;margin:.3rem 0;padding:.3rem .6rem;border-radius:.6rem;font-weight:700}
.axis input{width:1.6rem;height:1.6rem}
.hint{color:#444;font-size:.95rem;margin:0}
.sent li{padding:.6rem 0}.sent .state{font-weight:700}
";

/// The script: + and −, dots left, what the button says.
const SCRIPT: &str = "
document.documentElement.classList.add('js');
var f=document.getElementById('ballot');
if(f){
var dots=+f.dataset.dots,cap=+f.dataset.cap,left=document.getElementById('left'),go=document.getElementById('go');
var ins=[].slice.call(f.querySelectorAll('input[type=number]'));
function n(i){var v=parseInt(i.value,10);return isNaN(v)||v<0?0:v}
function fill(t,k){return t.replace('{n}',k)}
function up(){var s=0,over=false;ins.forEach(function(i){s+=n(i);if(n(i)>cap)over=true});
var l=dots-s;left.textContent=l<0?fill(f.dataset.over,s):f.dataset.left.split('|')[l];
if(s==0){go.disabled=true;go.textContent=f.dataset.none}
else if(l<0){go.disabled=true;go.textContent=fill(f.dataset.over,s)}
else if(over){go.disabled=true;go.textContent=f.dataset.capMsg}
else{go.disabled=false;go.textContent=f.dataset.cast}}
f.addEventListener('click',function(e){var b=e.target.closest('button[data-step]');if(!b)return;
var i=b.parentNode.querySelector('input');var v=n(i)+(+b.dataset.step);if(v<0)v=0;if(v>cap)v=cap;i.value=v;up()});
f.addEventListener('input',up);
f.addEventListener('submit',function(){setTimeout(function(){go.disabled=true},0)});
up()}
var w=document.body.dataset.wait,sent=document.getElementById('sent');
if(w){setTimeout(function(){location.reload()},5000)}
if(sent){setInterval(function(){fetch(location.pathname,{credentials:'same-origin'}).then(function(r){return r.text()}).then(function(h){
var n=new DOMParser().parseFromString(h,'text/html').getElementById('sent');var o=document.getElementById('sent');if(n&&o)o.replaceWith(n)}).catch(function(){})},5000)}
";

fn frame(lang: Lang, title: &str, body: &str) -> Html {
    frame_with(lang, title, body, false)
}

/// A page; `wait`: it reloads itself every few seconds, so a phone left
/// on it follows the meeting (a vote opens, capture starts).
fn frame_with(lang: Lang, title: &str, body: &str, wait: bool) -> Html {
    let nonce = nonce();
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>{title}</title><style nonce=\"{nonce}\">{STYLE}</style></head>\
<body{wait}><main>{body}</main><script nonce=\"{nonce}\">{SCRIPT}</script></body></html>",
        lang = lang.code(),
        title = escape(title),
        wait = if wait { " data-wait=\"1\"" } else { "" },
    );
    Html { body: html, nonce }
}

/// A page that only says something (an error, a closed vote).
pub fn message(lang: Lang, key: &str) -> Html {
    let text = lang.t(key);
    frame(lang, text, &format!("<h1>{}</h1>", escape(text)))
}

/// Where a phone types the code shown on the wall.
pub fn enter(lang: Lang, problem: Option<&str>) -> Html {
    let mut body = format!("<h1>{}</h1>", escape(lang.t("phone.enter_title")));
    if let Some(p) = problem {
        let _ = write!(body, "<p class=\"note bad\">{}</p>", escape(p));
    }
    let _ = write!(
        body,
        "<form method=\"get\" action=\"/go\"><label>{label}<input class=\"field\" name=\"code\" \
autocomplete=\"off\" autocapitalize=\"characters\" maxlength=\"12\" required></label>\
<button class=\"main\" type=\"submit\">{go}</button></form>",
        label = escape(lang.t("phone.enter_label")),
        go = escape(lang.t("phone.go")),
    );
    frame(lang, lang.t("phone.enter_title"), &body)
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
            let mut body = format!("<h1>{}</h1>", escape(round));
            if let Some(p) = &problem {
                let _ = write!(body, "<p class=\"note bad\">{}</p>", escape(p));
            }
            let _ = write!(
                body,
                "<p class=\"note ok\">{}</p><p>{}</p>",
                escape(lang.t("phone.closed")),
                escape(lang.t("phone.closed_hint"))
            );
            frame_with(lang, round, &body, true)
        }
        PhoneScreen::Wait => {
            let mut body = String::new();
            if let Some(p) = &problem {
                let _ = write!(body, "<p class=\"note bad\">{}</p>", escape(p));
            }
            let _ = write!(
                body,
                "<h1>{}</h1><p>{}</p>",
                escape(lang.t("phone.wait")),
                escape(lang.t("phone.wait_hint"))
            );
            frame_with(lang, lang.t("phone.wait"), &body, true)
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
    let mut body = format!(
        "<h1>{}</h1><p class=\"rules\">{}</p>",
        escape(&round.name),
        escape(&rules(lang, round))
    );
    if let Some(p) = problem {
        let _ = write!(body, "<p class=\"note bad\">{}</p>", escape(p));
    }
    let action = format!("/{}", escape(code));
    if round.voters == PhoneVoters::Codes {
        let _ = write!(
            body,
            "<form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"action\" value=\"join\">\
<label>{label}<input class=\"field\" name=\"personal\" value=\"{value}\" autocomplete=\"off\" autocapitalize=\"characters\" maxlength=\"12\" required></label>\
<p>{hint}</p><button class=\"main\" type=\"submit\">{go}</button></form>",
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
            "<h2>{}</h2><p>{}</p><form class=\"names\" method=\"post\" action=\"{action}\">\
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
    frame(lang, &round.name, &body)
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
    let mut body = format!(
        "<h1>{}</h1><p class=\"rules\">{}</p>",
        escape(&round.name),
        escape(&rules(lang, round))
    );
    if let Some(name) = voter {
        let _ = write!(
            body,
            "<p>{}</p>",
            escape(&lang.tf("phone.you_are", &[("name", &name)]))
        );
    }
    if let Some(p) = problem {
        let _ = write!(
            body,
            "<p class=\"note bad\" role=\"alert\">{}</p>",
            escape(p)
        );
    }
    if stored {
        let _ = write!(
            body,
            "<p class=\"note ok\" role=\"status\">{}</p><p>{}</p>",
            escape(lang.t("phone.recorded")),
            escape(lang.t("phone.change_hint"))
        );
    }
    // Axis colours as classes: the policy allows no style attribute.
    let mut css = String::new();
    for (key, _, color) in proposals.iter().filter_map(|p| p.axis.as_ref()) {
        let fg = if color.is_light() { "#000" } else { "#fff" };
        let rule = format!(".a{key}{{background:{color};color:{fg}}}");
        if !css.contains(&rule) {
            css.push_str(&rule);
        }
    }
    let spent: u32 = ballot.values().sum();
    let left = round.dots_per_voter.saturating_sub(spent);
    let t = |k: &str| escape(lang.t(k));
    let _ = write!(
        body,
        "<form id=\"ballot\" method=\"post\" action=\"/{code}\" data-dots=\"{dots}\" data-cap=\"{cap}\" \
data-left=\"{left_forms}\" data-over=\"{over}\" data-none=\"{none}\" data-cap-msg=\"{capmsg}\" data-cast=\"{cast}\">\
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
        over = escape(&lang.tf(
            "phone.over",
            &[("spent", &"{n}"), ("dots", &round.dots_per_voter)]
        )),
        none = t("phone.none"),
        capmsg = escape(&lang.tf("phone.cap", &[("cap", &round.max_per_proposal)])),
        cast = t(if stored { "phone.change" } else { "phone.cast" }),
    );
    for p in proposals {
        let badge = match &p.axis {
            Some((key, short, _)) => format!(
                "<span class=\"badge a{key}\">{key} {}</span>",
                escape(short)
            ),
            None => format!("<span class=\"badge\">{}</span>", t("phone.no_axis")),
        };
        let n = ballot.get(&p.id).copied().unwrap_or(0);
        let _ = write!(
            body,
            "<li>{badge}<p>{text}</p><div class=\"count\">\
<button type=\"button\" data-step=\"-1\" aria-label=\"{minus}\">−</button>\
<input type=\"number\" name=\"p{id}\" value=\"{n}\" min=\"0\" max=\"{cap}\" inputmode=\"numeric\" aria-label=\"n° {id}\">\
<button type=\"button\" data-step=\"1\" aria-label=\"{plus}\">+</button></div></li>",
            text = escape(&p.text),
            id = p.id,
            cap = round.max_per_proposal,
            minus = t("phone.minus"),
            plus = t("phone.plus"),
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
        "</ol><div class=\"bar\"><span id=\"left\" aria-live=\"polite\">{}</span>\
<button id=\"go\" class=\"main\" type=\"submit\">{}</button></div></form>",
        escape(&left_text),
        t(if stored { "phone.change" } else { "phone.cast" }),
    );
    let mut html = frame(lang, &round.name, &body);
    if !css.is_empty() {
        html.body = html.body.replacen("</style>", &format!("{css}</style>"), 1);
    }
    html
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
    let mut body = format!("<h1>{}</h1>", t("phone.propose_title"));
    if let Some(p) = problem {
        let _ = write!(
            body,
            "<p class=\"note bad\" role=\"alert\">{}</p>",
            escape(p)
        );
    }
    let mut css = String::new();
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/{code}\"><input type=\"hidden\" name=\"action\" value=\"propose\">\
<label>{label}<textarea name=\"text\" rows=\"4\" maxlength=\"{max_chars}\" required>{draft}</textarea></label>\
<p class=\"hint\">{limit}</p><fieldset><legend>{axis}</legend>",
        code = escape(code),
        label = t("phone.your_proposal"),
        limit = escape(&lang.tf("phone.limit", &[("max", &max_chars)])),
        axis = t("phone.axis"),
        draft = escape(draft),
    );
    for (key, short, color) in axes {
        let fg = if color.is_light() { "#000" } else { "#fff" };
        let _ = write!(css, ".a{key}{{background:{color};color:{fg}}}");
        let _ = write!(
            body,
            "<label class=\"axis a{key}\"><input type=\"radio\" name=\"axis\" value=\"{key}\"> {key} {}</label>",
            escape(short)
        );
    }
    let _ = write!(
        body,
        "<label class=\"axis\"><input type=\"radio\" name=\"axis\" value=\"\" checked> {}</label></fieldset>\
<label>{}<input class=\"author\" name=\"author\" maxlength=\"120\" autocomplete=\"organization\"></label>\
<p><button class=\"main\" type=\"submit\">{}</button></p></form>",
        t("phone.no_axis_known"),
        t("phone.author"),
        t("phone.send"),
    );
    let _ = write!(body, "<section id=\"sent\">");
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
    let mut html = frame(lang, lang.t("phone.propose_title"), &body);
    html.body = html.body.replacen("</style>", &format!("{css}</style>"), 1);
    html
}
