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
use common::browser::{axe_source, axe_violations, browser, click, session};
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
             const small = [...document.querySelectorAll('button, input:not([type=hidden]):not([type=radio]), textarea, label.axis, a')]
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

    visit(client, &rooms.anonymous).await;
    found.extend(problems(client, axe, "the ballot", width).await);
    click(client, "li:first-child button[data-step='1']").await;
    found.extend(problems(client, axe, "the ballot, a dot placed", width).await);
    click(client, "#go").await;
    wait_for(client, ".note.ok").await;
    found.extend(problems(client, axe, "the ballot, cast", width).await);

    visit(client, &rooms.named).await;
    found.extend(problems(client, axe, "names to pick", width).await);
    click(client, ".names button:not([disabled])").await;
    wait_for(client, "#ballot").await;
    found.extend(problems(client, axe, "the ballot under a name", width).await);

    visit(client, &rooms.codes).await;
    found.extend(problems(client, axe, "a personal code to type", width).await);

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
    let first = client
        .find(Locator::Css("li:first-child p"))
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
    };
    let urls = Urls {
        base: rooms.anonymous.base.clone(),
        anonymous: rooms.anonymous.url(),
        named: rooms.named.url(),
        codes: rooms.codes.url(),
        capture: rooms.capture.url(),
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
    ] {
        room.app.quit();
    }
}
