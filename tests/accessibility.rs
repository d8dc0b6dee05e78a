//! Every phone page, in a real browser, checked by a machine: headless
//! Chromium at 320 and 390 px, in French and in English, on every page a
//! phone can meet (the code to type, a wrong code, a page that does not
//! exist, names to pick, a personal code, the ballot before and after
//! casting, the proposal form before and after sending, waiting, a closed
//! vote). On each: axe-core finds no WCAG 2.1 A or AA violation, the page
//! weighs under 30 KB, nothing scrolls sideways (also with the text twice
//! as large), and every control is at least 44×44 px. The "read aloud"
//! button says the proposal and the buttons, in the page's language.
//!
//! Needs Chromium and chromedriver (`.ci/run` installs them) and npm (for
//! axe-core, fetched once under `target/`).
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

mod common;

use atelier::domain::round::PhoneVoters;
use common::browser::{axe_source, axe_violations, browser, click, session, text};
use common::phones::{Room, capture_room, room};
use fantoccini::{Client, Locator};
use std::time::Duration;

/// The heaviest page a phone may download.
const MAX_WEIGHT: f64 = 30.0 * 1024.0;

/// What is wrong with the page as it is now, each line naming the page.
async fn problems(client: &Client, axe: &str, page: &str, width: u32) -> Vec<String> {
    let mut found: Vec<String> = axe_violations(client, axe)
        .await
        .into_iter()
        .map(|v| format!("{page}: {v}"))
        .collect();
    let measures = client
        .execute(
            "const nav = performance.getEntriesByType('navigation')[0];
             const small = [...document.querySelectorAll('button, input:not([type=hidden]):not([type=radio]):not(label.tick > input), textarea, label.axis, label.tick, a')]
               .filter(e => e.offsetParent !== null)
               .map(e => [e, e.getBoundingClientRect()])
               .filter(([e, r]) => r.width < 44 || r.height < 44)
               .map(([e, r]) => e.outerHTML.slice(0, 60) + ' ' + Math.round(r.width) + '×' + Math.round(r.height));
             const wide = document.documentElement.scrollWidth;
             document.documentElement.style.fontSize = '225%';
             const wideLarge = document.documentElement.scrollWidth;
             const culprits = [...document.querySelectorAll('body, body *')]
               .filter(e => e.getBoundingClientRect().right > arguments[0] + 1 || e.scrollWidth > e.clientWidth + 1)
               .slice(-3).map(e => e.outerHTML.slice(0, 80) + ' ' + e.scrollWidth + '/' + e.clientWidth);
             document.documentElement.style.fontSize = '';
             return { weight: nav ? nav.encodedBodySize : -1, raw: nav ? nav.decodedBodySize : -1, wide, wideLarge, small, culprits };",
            vec![serde_json::json!(width)],
        )
        .await
        .unwrap();
    let weight = measures["weight"].as_f64().unwrap();
    println!("{page}: {weight} bytes sent, {} bytes", measures["raw"]);
    if !(0.0..=MAX_WEIGHT).contains(&weight) {
        found.push(format!("{page}: weighs {weight} bytes"));
    }
    for key in ["wide", "wideLarge"] {
        let w = measures[key].as_f64().unwrap();
        if w > f64::from(width) {
            found.push(format!(
                "{page}: {w} px wide on a {width} px screen ({key}): {}",
                measures["culprits"]
            ));
        }
    }
    for small in measures["small"].as_array().unwrap() {
        found.push(format!("{page}: target under 44×44 px: {small}"));
    }
    found
}

async fn visit(client: &Client, url: &str) {
    client.goto(url).await.unwrap();
}

/// Opens `url` until the app serves the `screen` page (the app may take
/// a moment to move on).
async fn visit_until(client: &Client, url: &str, screen: &str) {
    for _ in 0..50 {
        visit(client, url).await;
        let now = client
            .execute("return document.body.dataset.screen;", vec![])
            .await
            .unwrap();
        if now == screen {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{url} never showed the {screen} page");
}

async fn wait_for(client: &Client, css: &str) {
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
}

/// The rooms a phone can meet: a round for anyone, one by name, one by
/// personal code, and the capture.
struct Rooms {
    anonymous: Room,
    named: Room,
    codes: Room,
    capture: Room,
    judgment: Room,
}

/// Every page before the meeting moves on, for one phone.
async fn first_pages(client: &Client, rooms: &Urls, axe: &str, width: u32) -> Vec<String> {
    let mut found = Vec::new();
    let base = &rooms.base;
    visit(client, &format!("{base}/")).await;
    found.extend(problems(client, axe, "the code to type", width).await);
    visit(client, &format!("{base}/ZZZZZZ")).await;
    found.extend(problems(client, axe, "a wrong code", width).await);
    visit(client, &format!("{base}/x/y")).await;
    found.extend(problems(client, axe, "no such page", width).await);
    visit(client, &format!("{base}/accessibilite?code=ABC123")).await;
    found.extend(problems(client, axe, "the accessibility statement", width).await);

    visit(client, &rooms.anonymous).await;
    found.extend(problems(client, axe, "the ballot", width).await);
    click(client, "li:first-child button[data-step='1']").await;
    found.extend(problems(client, axe, "the ballot, a dot placed", width).await);
    click(client, "#go").await;
    wait_for(client, ".note.ask").await;
    found.extend(problems(client, axe, "the ballot, asked about dots left", width).await);
    click(client, "#go").await;
    wait_for(client, ".note.ok").await;
    found.extend(problems(client, axe, "the ballot, cast", width).await);

    visit(client, &rooms.named).await;
    found.extend(problems(client, axe, "names to pick", width).await);
    click(client, ".names a").await;
    wait_for(client, "button.main[name='name']").await;
    found.extend(problems(client, axe, "a name to confirm", width).await);
    click(client, "button.main[name='name']").await;
    wait_for(client, "#ballot").await;
    found.extend(problems(client, axe, "the ballot under a name", width).await);

    visit(client, &rooms.codes).await;
    found.extend(problems(client, axe, "a personal code to type", width).await);

    visit(client, &rooms.judgment).await;
    found.extend(problems(client, axe, "grades to give", width).await);
    click(client, "li:first-child label.g1").await;
    click(client, "#go").await;
    wait_for(client, ".note.ask").await;
    found.extend(problems(client, axe, "grades, asked about the ones left", width).await);
    click(client, "#go").await;
    wait_for(client, ".note.ok").await;
    found.extend(problems(client, axe, "grades, cast", width).await);

    visit(client, &rooms.capture).await;
    found.extend(problems(client, axe, "a proposal to write", width).await);
    client
        .find(Locator::Css("textarea[name='text']"))
        .await
        .unwrap()
        .send_keys("Un accueil sans rendez-vous le samedi matin")
        .await
        .unwrap();
    click(client, "button.main").await;
    wait_for(client, "#sent .state").await;
    found.extend(problems(client, axe, "a proposal sent", width).await);
    found
}

/// The pages once the vote is closed and the capture is over.
async fn last_pages(client: &Client, rooms: &Urls, axe: &str, width: u32) -> Vec<String> {
    let mut found = Vec::new();
    visit_until(client, &rooms.anonymous, "closed").await;
    found.extend(problems(client, axe, "a closed vote", width).await);
    visit_until(client, &rooms.capture, "wait").await;
    found.extend(problems(client, axe, "waiting", width).await);
    found
}

/// A picture of the page under `target/tmp/`, to look at.
async fn screenshot(client: &Client, name: &str) {
    if let Ok(shot) = client.screenshot().await {
        let _ = std::fs::write(
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name),
            shot,
        );
    }
}

struct Urls {
    base: String,
    anonymous: String,
    named: String,
    codes: String,
    capture: String,
    judgment: String,
}

/// Read aloud: what the page's button and a proposal's button would say,
/// caught by replacing the browser's voice.
async fn read_aloud(client: &Client, url: &str) {
    visit(client, url).await;
    let speaks = client
        .execute("return !!window.speechSynthesis;", vec![])
        .await
        .unwrap();
    let shown = client
        .execute(
            "return [...document.querySelectorAll('[data-speak]')].every(b => !b.hidden);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        shown, speaks,
        "the buttons show exactly where the browser can speak"
    );
    if speaks != serde_json::Value::Bool(true) {
        return;
    }
    client
        .execute(
            "window.said = []; speechSynthesis.speak = u => said.push(u.lang + '|' + u.text);",
            vec![],
        )
        .await
        .unwrap();
    click(client, "button[data-speak='page']").await;
    click(client, "li:first-child button[data-speak='one']").await;
    let said: Vec<String> =
        serde_json::from_value(client.execute("return said;", vec![]).await.unwrap()).unwrap();
    assert_eq!(said.len(), 2, "{said:?}");
    // A second press stops the reading; the page's button says how.
    let label = || async { text(client, "button[data-speak='page'] .label").await };
    click(client, "button[data-speak='page']").await;
    assert_eq!(label().await, "Arrêter la lecture");
    click(client, "button[data-speak='page']").await;
    assert_eq!(label().await, "Écouter la page");
    let heard = client.execute("return said.length;", vec![]).await.unwrap();
    assert_eq!(heard, 3, "stopping reads nothing more");
    let first = client
        .find(Locator::Css("li:first-child p.text"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let go = client
        .find(Locator::Id("go"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for (i, text) in said.iter().enumerate() {
        assert!(text.starts_with("fr|"), "in French: {text}");
        assert!(text.contains(&first), "the proposal is read: {text}");
        assert!(text.contains("Bouton plus"), "the buttons are read: {text}");
        if i == 0 {
            assert!(
                text.contains(&format!("Bouton : {go}")),
                "the page's button: {text}"
            );
            assert!(!text.contains(".."), "one stop between sentences: {text}");
            assert!(text.contains("Appuyez sur +"), "the instructions: {text}");
        }
    }
}

#[test]
fn every_phone_page_passes_axe_core_at_320_and_390_px_in_french_and_english() {
    let Some(axe) = axe_source() else { return };
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut rooms = Rooms {
        anonymous: room(PhoneVoters::Anonymous),
        named: room(PhoneVoters::Named),
        codes: room(PhoneVoters::Codes),
        capture: capture_room(),
        judgment: common::phones::judgment_room(),
    };
    let urls = Urls {
        base: rooms.anonymous.base.clone(),
        anonymous: rooms.anonymous.url(),
        named: rooms.named.url(),
        codes: rooms.codes.url(),
        capture: rooms.capture.url(),
        judgment: rooms.judgment.url(),
    };
    let runtime = common::phones::rt();
    let phones = [("fr", 320), ("fr", 390), ("en", 320), ("en", 390)];
    let mut found = Vec::new();
    let mut clients = Vec::new();
    runtime.block_on(async {
        for (lang, width) in phones {
            let client = session(port, lang, width).await;
            let mut seen = first_pages(&client, &urls, &axe, width).await;
            for p in &mut seen { *p = format!("{lang} {width} px, {p}"); }
            found.extend(seen);
            clients.push((client, lang, width));
        }
        read_aloud(&clients[1].0, &urls.anonymous).await;
        // The checker itself finds what is wrong: an image with no text.
        let probe = &clients[0].0;
        visit(probe, &urls.anonymous).await;
        screenshot(probe, "phone-320-ballot.png").await;
        probe
            .execute("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">');", vec![])
            .await
            .unwrap();
        let caught = axe_violations(probe, &axe).await;
        assert!(caught.iter().any(|v| v.starts_with("image-alt")), "{caught:?}");
        // The meeting moves on: the vote closes, the capture ends (F4).
        rooms.anonymous.close_round();
        rooms.capture.app.send("\x1bOS");
        for (client, lang, width) in &clients {
            let seen = last_pages(client, &urls, &axe, *width).await;
            found.extend(seen.into_iter().map(|p| format!("{lang} {width} px, {p}")));
        }
        screenshot(&clients[0].0, "phone-320-waiting.png").await;
        for (client, ..) in clients {
            client.close().await.unwrap();
        }
    });
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
    for room in [
        &mut rooms.anonymous,
        &mut rooms.named,
        &mut rooms.codes,
        &mut rooms.capture,
        &mut rooms.judgment,
    ] {
        room.app.quit();
    }
}

/// How much of the screen the vote bar takes where it stands now: its
/// share of the screen while the ballot scrolls above it, 0 when it only
/// ends the page; and every focus stop hidden while tabbing through the
/// whole ballot (with how many were cut in part).
async fn bar_and_focus(client: &Client) -> (f64, Vec<String>, usize) {
    let covering = client
        .execute(
            "const bar = document.querySelector('.bar'), list = document.querySelector('.scroll');
             window.scrollTo(0, 0); list.scrollTop = 0; document.activeElement.blur();
             const shell = getComputedStyle(list).overflowY === 'auto';
             return shell ? bar.offsetHeight / innerHeight : 0;",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    let (mut hidden, mut cut) = (Vec::new(), 0);
    for _ in 0..140 {
        client
            .active_element()
            .await
            .unwrap()
            .send_keys("\u{E004}")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(30)).await;
        let seen = client
            .execute(
                "const e = document.activeElement, bar = document.querySelector('.bar'), list = document.querySelector('.scroll');
                 if (!e || e === document.body) return 'end';
                 if (e.id === 'go') return 'go';
                 const r = e.getBoundingClientRect(), b = bar.getBoundingClientRect();
                 const shell = getComputedStyle(list).overflowY === 'auto';
                 const box = shell ? list.getBoundingClientRect() : { top: 0, bottom: innerHeight };
                 const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
                 const shown = Math.min(r.bottom, bottom) - Math.max(r.top, top);
                 if (shown >= r.height - 1) return 'shown';
                 if (shown > 0) return 'cut';
                 return e.outerHTML.slice(0, 70) + ' at ' + Math.round(r.top) + '–' + Math.round(r.bottom)
                   + ', bar from ' + Math.round(b.top) + ' of ' + innerHeight;",
                vec![],
            )
            .await
            .unwrap();
        match seen.as_str().unwrap() {
            "end" | "go" => break,
            "shown" => {}
            "cut" => cut += 1,
            other => hidden.push(other.to_string()),
        }
    }
    (covering, hidden, cut)
}

/// WCAG 2.2 beyond the checker, on the ballot (29 proposals): with text up
/// to twice as large, on small and large phones upright and sideways, the
/// vote bar never covers more than a quarter of the screen (also over
/// the budget and after casting), no focus stop is hidden under it, and
/// the focus ring on « Voter » stands out from the black bar (3:1).
#[test]
fn the_vote_bar_stays_small_and_never_hides_the_focus_at_any_text_size() {
    use common::browser::{Phone, session_on};
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut room = room(PhoneVoters::Anonymous);
    let url = room.url();
    let phones = [
        (390, 844, 100),
        (390, 740, 100),
        (320, 568, 100),
        (390, 844, 150),
        (390, 844, 200),
        (320, 568, 200),
        (568, 320, 100),
    ];
    let mut found = Vec::new();
    let runtime = common::phones::rt();
    runtime.block_on(async {
        for (width, height, text_percent) in phones {
            let phone = Phone {
                width,
                height,
                text_percent,
            };
            let client = session_on(port, "fr", phone).await;
            let at = format!("{width}×{height}, text {text_percent} %");
            visit(&client, &url).await;
            let font = client
                .execute("return parseFloat(getComputedStyle(document.documentElement).fontSize);", vec![])
                .await
                .unwrap()
                .as_f64()
                .unwrap();
            assert!(
                (font - 18.0 * f64::from(text_percent) / 100.0).abs() < 0.5,
                "{at}: the text size is applied ({font} px)"
            );
            let (covering, hidden, cut) = bar_and_focus(&client).await;
            println!(
                "{at}: the bar takes {:.0} % of the screen; {} focus stops hidden, {cut} cut in part",
                covering * 100.0,
                hidden.len()
            );
            if covering > 0.25 {
                found.push(format!("{at}: the bar covers {:.0} %", covering * 100.0));
            }
            found.extend(hidden.into_iter().map(|h| format!("{at}: focus hidden: {h}")));
            let ring = client
                .execute(
                    "const go = document.getElementById('go'); go.focus();
                     const rgb = c => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
                     const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                     const a = lum(getComputedStyle(go).outlineColor), b = lum(getComputedStyle(go.parentNode).backgroundColor);
                     return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);",
                    vec![],
                )
                .await
                .unwrap()
                .as_f64()
                .unwrap();
            if ring < 3.0 {
                found.push(format!("{at}: the focus ring on « Voter » is {ring:.2}:1"));
            }
            // Over the budget: every + of the first proposals pressed.
            client
                .execute(
                    "[...document.querySelectorAll('button[data-step=\"1\"]')].slice(0, 4)
                       .forEach(b => { b.click(); b.click(); });",
                    vec![],
                )
                .await
                .unwrap();
            let (over, ..) = bar_and_focus(&client).await;
            if over > 0.25 {
                found.push(format!("{at}, over the budget: the bar covers {:.0} %", over * 100.0));
            }
            client.close().await.unwrap();
        }
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
    room.app.quit();
}

/// A proposal sent is said at the top of the page, with the focus on it:
/// a screen reader reads it, a sighted person sees it without scrolling.
#[test]
fn a_sent_proposal_is_said_where_the_person_is() {
    use common::browser::{Phone, session_on};
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut room = capture_room();
    let url = room.url();
    let runtime = common::phones::rt();
    runtime.block_on(async {
        let phone = Phone {
            width: 320,
            height: 568,
            text_percent: 200,
        };
        let client = session_on(port, "fr", phone).await;
        visit(&client, &url).await;
        client
            .find(Locator::Css("textarea[name='text']"))
            .await
            .unwrap()
            .send_keys("Un référent unique pour les allocataires du RSA")
            .await
            .unwrap();
        let counter = common::browser::text(&client, "#count").await;
        assert_eq!(counter, "Il reste 353 lettres ou espaces.");
        client
            .find(Locator::Id("author"))
            .await
            .unwrap()
            .send_keys("Secours populaire")
            .await
            .unwrap();
        click(&client, "button.main").await;
        wait_for(&client, ".note.ok").await;
        screenshot(&client, "phone-320-sent-200.png").await;
        let focused = client
            .execute(
                "const e = document.activeElement, r = e.getBoundingClientRect();
                 return [e.className, e.textContent, r.top >= 0 && r.bottom <= innerHeight];",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            focused,
            serde_json::json!([
                "note ok",
                "Votre proposition est envoyée. Elle attend l'animateur.",
                true
            ])
        );
        // Nobody types their name twice.
        let author = client
            .find(Locator::Id("author"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(author.as_deref(), Some("Secours populaire"));
        client.close().await.unwrap();
    });
    room.app.quit();
}

/// A fiche's page, as its group meets it: the form, a field saved, a text
/// kept beside the later one, and once drafting is closed the fiche to
/// read. At a phone's width and a laptop's, in French and in English.
#[test]
fn the_fiche_page_passes_axe_core_at_320_and_1280_px_in_french_and_english() {
    let Some(axe) = axe_source() else { return };
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut room = common::phones::fiches_room();
    let url = format!("{}/{}", room.base, common::phones::FICHE_CODES[0]);
    // The facilitator keeps the title (F7, Enter, Ctrl+K on the first row):
    // the page shows it to read.
    room.app.send("\x1b[18~");
    room.app.wait_for("fiches actions");
    room.app.send("\r");
    room.app.send("\x0b");
    room.app.wait_for("Champ gardé");
    room.app.send("\x1b");
    room.app.wait_for("Entrée ouvrir");
    let runtime = common::phones::rt();
    let mut found = Vec::new();
    runtime.block_on(async {
        // Two pages wrote the same field: the other text is kept.
        let (mut a, mut b) = (common::phones::Phone::new(), common::phones::Phone::new());
        a.get(&url).await;
        b.get(&url).await;
        for (phone, text) in [
            (&mut a, "Constat de la table A"),
            (&mut b, "Constat de la table B"),
        ] {
            let answer = phone
                .post(
                    &url,
                    &[("action", "write"), ("constat", text), ("base_constat", "")],
                )
                .await;
            assert_eq!(
                answer.status,
                reqwest::StatusCode::SEE_OTHER,
                "{}",
                answer.body
            );
        }
        let mut clients = Vec::new();
        for (lang, width) in [("fr", 320), ("fr", 1280), ("en", 320), ("en", 1280)] {
            let client = session(port, lang, width).await;
            visit(&client, &url).await;
            let mut seen = problems(&client, &axe, "a fiche to write", width).await;
            client
                .find(Locator::Css("textarea[name='evaluation']"))
                .await
                .unwrap()
                .send_keys(" Bilan à six mois.")
                .await
                .unwrap();
            click(&client, "button.main").await;
            wait_for(&client, ".note.ok").await;
            seen.extend(problems(&client, &axe, "a fiche saved", width).await);
            click(&client, "details.other summary").await;
            seen.extend(problems(&client, &axe, "another text opened", width).await);
            found.extend(seen.into_iter().map(|p| format!("{lang} {width} px, {p}")));
            clients.push((client, lang, width));
        }
        screenshot(&clients[0].0, "fiche-320.png").await;
        // Alt+T on the list: drafting closes; the page shows the fiche to read.
        room.app.send("\x1bt");
        room.app.wait_for("Rédaction close");
        for (client, lang, width) in &clients {
            visit_until(client, &url, "fiche").await;
            wait_for(client, "dl.fiche").await;
            let seen = problems(client, &axe, "a fiche to read", *width).await;
            found.extend(seen.into_iter().map(|p| format!("{lang} {width} px, {p}")));
        }
        screenshot(&clients[1].0, "fiche-1280-closed.png").await;
        for (client, ..) in clients {
            client.close().await.unwrap();
        }
    });
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
    room.app.quit();
}
