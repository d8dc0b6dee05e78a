//! A real browser on a phone's screen: headless Chromium at 390×844
//! (through chromedriver and WebDriver) opens the round's page from the
//! real binary, taps +, casts, sees "Vote enregistré", and the app's file
//! and screen show the ballot.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs
//! them). Without them the test says it was skipped; under `CI=true` a
//! missing browser fails.

mod common;

use atelier::domain::round::PhoneVoters;
use fantoccini::{ClientBuilder, Locator};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromedriver() -> Option<(Driver, u16)> {
    let port = common::phones::free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let driver = Driver(child);
    common::phones::wait_listening(&format!("http://127.0.0.1:{port}"));
    Some((driver, port))
}

fn capabilities() -> serde_json::Map<String, serde_json::Value> {
    let options = serde_json::json!({
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--lang=fr-FR", "--window-size=390,844"],
        "mobileEmulation": {
            "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 3.0, "touch": true },
            "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
        },
        "prefs": { "intl.accept_languages": "fr-FR,fr" }
    });
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    caps
}

/// chromedriver, or `None` when it is not installed (a failure under
/// `CI=true`).
fn browser() -> Option<(Driver, u16)> {
    let found = chromedriver();
    if found.is_none() {
        assert!(
            std::env::var("CI").ok().as_deref() != Some("true"),
            "CI=true: chromium and chromium-driver must be installed (.ci/run installs them)"
        );
        eprintln!("skipped: no chromedriver (apt-get install chromium chromium-driver)");
    }
    found
}

async fn session(port: u16) -> fantoccini::Client {
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities())
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session")
}

async fn click(client: &fantoccini::Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
}

async fn text(client: &fantoccini::Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

#[test]
fn a_phone_browser_taps_plus_casts_and_sees_its_vote_recorded() {
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut room = common::phones::room(PhoneVoters::Anonymous);
    let url = room.url();
    let runtime = common::phones::rt();
    runtime.block_on(async {
        let client = session(port).await;
        client.goto(&url).await.unwrap();
        let title = client
            .find(Locator::Css("h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(title, "Tour des téléphones");
        // The page fits the phone: nothing wider than its screen.
        let width = client
            .execute("return document.documentElement.scrollWidth;", vec![])
            .await
            .unwrap();
        assert!(
            width.as_f64().unwrap() <= 390.0,
            "scrolls sideways: {width}"
        );
        // + twice on the first proposal: the count follows.
        let plus = client
            .find(Locator::Css("li:first-child button[data-step='1']"))
            .await
            .unwrap();
        plus.click().await.unwrap();
        plus.click().await.unwrap();
        let left = client
            .find(Locator::Id("left"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(left, "4 gommettes à placer");
        let go = client.find(Locator::Id("go")).await.unwrap();
        assert_eq!(go.text().await.unwrap(), "Voter");
        go.click().await.unwrap();
        let note = client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(".note.ok"))
            .await
            .expect("the answer page");
        assert_eq!(note.text().await.unwrap(), "Vote enregistré ✓");
        // The stored ballot is shown back.
        let value = client
            .find(Locator::Css("input[name='p1']"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(value.as_deref(), Some("2"));
        client.close().await.unwrap();
    });
    let w = room.on_disk();
    let round = w.rounds().last().unwrap();
    let ballots: Vec<_> = round.counted_ballots().collect();
    assert_eq!(ballots.len(), 1);
    assert!(ballots[0].device.is_some());
    assert_eq!(
        ballots[0].dots.get(&atelier::domain::ProposalId(1)),
        Some(&2)
    );
    // The app's vote screen counts it.
    room.app.send("\x1b[15~");
    room.app.wait_for("1 bulletin par téléphone");
    room.app.quit();
}

/// During capture: the phone types a proposal, picks an axis, sends it,
/// reads "en attente"; the facilitator accepts it in the app; the phone's
/// page shows "Retenue" by itself.
#[test]
fn a_phone_browser_sends_a_proposal_and_sees_it_accepted() {
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut room = common::phones::capture_room();
    let url = room.url();
    let runtime = common::phones::rt();
    let client = runtime.block_on(async {
        let client = session(port).await;
        client.goto(&url).await.unwrap();
        let title = client
            .find(Locator::Css("h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(title, "Proposer");
        client
            .find(Locator::Css("textarea[name='text']"))
            .await
            .unwrap()
            .send_keys("Des ateliers cuisine anti-gaspi dans les épiceries solidaires")
            .await
            .unwrap();
        click(&client, "input[name='axis'][value='4']").await;
        click(&client, "button.main").await;
        let state = client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("#sent .state"))
            .await
            .expect("what was sent, listed");
        assert_eq!(
            state.text().await.unwrap(),
            "Reçue — en attente de validation"
        );
        client
    });
    room.app.send("\x1br");
    room.app.wait_for("Entrée retenir");
    room.app.send("\r");
    room.app.wait_for("retenue : n° 30");
    runtime.block_on(async {
        // The page refreshes its list by itself.
        let mut state = String::new();
        for _ in 0..40 {
            state = text(&client, "#sent .state").await;
            if state == "Retenue" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        assert_eq!(state, "Retenue");
        client.close().await.unwrap();
    });
    let w = room.on_disk();
    let p = w.proposal(atelier::domain::ProposalId(30)).unwrap();
    assert!(p.from_phone && p.axes == [4]);
    room.app.quit();
}
