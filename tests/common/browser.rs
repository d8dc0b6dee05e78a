//! A real browser on a phone's screen: Debian's headless Chromium driven
//! through chromedriver (WebDriver, with fantoccini), in French or
//! English, at a phone's width; and axe-core, the accessibility checker,
//! injected into the page.

use super::phones::{free_port, wait_listening};
use fantoccini::{ClientBuilder, Locator};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver, or `None` when it is not installed (a failure under
/// `CI=true`: `.ci/run` installs Debian's `chromium` and `chromium-driver`).
pub fn browser() -> Option<(Driver, u16)> {
    let port = free_port();
    let found = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()
        .map(|child| {
            let driver = Driver(child);
            wait_listening(&format!("http://127.0.0.1:{port}"));
            (driver, port)
        });
    if found.is_none() {
        fail_under_ci("chromium and chromium-driver must be installed (.ci/run installs them)");
        eprintln!("skipped: no chromedriver (apt-get install chromium chromium-driver)");
    }
    found
}

fn fail_under_ci(what: &str) {
    assert!(
        std::env::var("CI").ok().as_deref() != Some("true"),
        "CI=true: {what}"
    );
}

/// A phone's screen: its size in CSS pixels and the text size its owner
/// chose (100 = the browser's default, 200 = twice as large).
#[derive(Debug, Clone, Copy)]
pub struct Phone {
    pub width: u32,
    pub height: u32,
    pub text_percent: u32,
}

/// A phone's browser: `lang` is `fr` or `en`.
fn capabilities(lang: &str, phone: Phone) -> serde_json::Map<String, serde_json::Value> {
    let Phone {
        width,
        height,
        text_percent,
    } = phone;
    let accept = if lang == "en" { "en-GB,en" } else { "fr-FR,fr" };
    let options = serde_json::json!({
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 format!("--lang={}", accept.split(',').next().unwrap()),
                 format!("--window-size={width},{height}")],
        "mobileEmulation": {
            "deviceMetrics": { "width": width, "height": height, "pixelRatio": 3.0, "touch": true },
            "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
        },
        "prefs": {
            "intl.accept_languages": accept,
            "webkit": { "webprefs": { "default_font_size": 16 * text_percent / 100 } }
        }
    });
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    caps
}

pub async fn session(port: u16, lang: &str, width: u32) -> fantoccini::Client {
    let phone = Phone {
        width,
        height: 844,
        text_percent: 100,
    };
    session_on(port, lang, phone).await
}

pub async fn session_on(port: u16, lang: &str, phone: Phone) -> fantoccini::Client {
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities(lang, phone))
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session")
}

pub async fn click(client: &fantoccini::Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
}

/// Presses « Voter » and waits for the answer page; when it asks about
/// dots left, says "vote like this" (the ballot as placed is what the test
/// means to cast) and waits for that answer too.
pub async fn cast(client: &fantoccini::Client) {
    for round in 0..2 {
        client
            .execute("window.beforeCast = true;", vec![])
            .await
            .unwrap();
        click(client, "#go").await;
        let mut state = String::new();
        for _ in 0..100 {
            let now = client
                .execute(
                    "return window.beforeCast ? '' : document.querySelector('.note.ask') ? 'ask'
                       : document.querySelector('.note') ? 'done' : '';",
                    vec![],
                )
                .await
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            if !now.is_empty() {
                state = now;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        match state.as_str() {
            "done" => return,
            "ask" if round == 0 => {}
            other => panic!("the ballot was neither cast nor asked about: {other:?}"),
        }
    }
}

pub async fn text(client: &fantoccini::Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

/// The proposals of the ballot page, top to bottom: this phone's own
/// order (each input is named `p<number>`).
pub async fn ballot_order(client: &fantoccini::Client) -> Vec<atelier::domain::ProposalId> {
    let names = client
        .execute(
            "return Array.from(document.querySelectorAll('li input[name^=p]')).map(i => i.name);",
            vec![],
        )
        .await
        .unwrap();
    names
        .as_array()
        .unwrap()
        .iter()
        .map(|n| atelier::domain::ProposalId(n.as_str().unwrap()[1..].parse().unwrap()))
        .collect()
}

/// The axe-core version the checks run: pinned, so a new rule never turns
/// the suite red by itself.
const AXE: &str = "axe-core@4.10.3";

/// axe-core's script, from the npm registry on first use (kept under
/// `target/`); `None` without npm, which fails under `CI=true`.
pub fn axe_source() -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("axe");
    let file = dir.join("node_modules/axe-core/axe.min.js");
    if !file.is_file() {
        let _ = std::fs::create_dir_all(&dir);
        let installed = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(AXE)
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !installed {
            fail_under_ci("npm must be able to install axe-core");
            eprintln!("skipped the accessibility check: npm could not install {AXE}");
            return None;
        }
    }
    std::fs::read_to_string(file).ok()
}

/// The WCAG 2.2 A and AA violations axe-core finds in the page as it is,
/// one line each with the elements concerned; empty when it passes.
pub async fn axe_violations(client: &fantoccini::Client, axe: &str) -> Vec<String> {
    client
        .execute(&format!("{axe}\n;return true;"), vec![])
        .await
        .expect("axe-core loads");
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
               .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
                   + v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary).join(' | '))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    serde_json::from_value(found).expect("a list of violations")
}
