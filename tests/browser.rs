//! A real browser on a phone's screen: headless Chromium at 390×844
//! (through chromedriver and WebDriver) opens the round's page from the
//! real binary, taps +, casts, sees "Votre vote est enregistré", and the app's file
//! and screen show the ballot. The fiches' pages are written there too:
//! fields and items saved as typed, two browsers on one field.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs
//! them). Without them the test says it was skipped; under `CI=true` a
//! missing browser fails.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

mod common;

use atelier::domain::round::PhoneVoters;
use common::browser::{ballot_order, browser, cast, click, session, text};
use fantoccini::Locator;
use std::time::Duration;

#[test]
fn a_phone_browser_taps_plus_casts_and_sees_its_vote_recorded() {
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut room = common::phones::room(PhoneVoters::Anonymous);
    let url = room.url();
    let runtime = common::phones::rt();
    let first = runtime.block_on(async {
        let client = session(port, "fr", 390).await;
        client.goto(&url).await.unwrap();
        let title = text(&client, "h1").await;
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
        // + twice on the first proposal of this phone's order: the count
        // follows.
        let first = ballot_order(&client).await[0];
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
        assert_eq!(left, "4 gommettes restantes");
        // At the cap, the + says so instead of doing nothing silently.
        plus.click().await.unwrap();
        plus.click().await.unwrap();
        assert_eq!(
            text(&client, "#left").await,
            "Pas plus de 3 gommettes sur une proposition."
        );
        click(&client, "li:first-child button[data-step='-1']").await;
        assert_eq!(text(&client, "#left").await, "4 gommettes restantes");
        let go = client.find(Locator::Id("go")).await.unwrap();
        assert_eq!(go.text().await.unwrap(), "Voter");
        cast(&client).await;
        let note = client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(".note.ok"))
            .await
            .expect("the answer page");
        assert_eq!(note.text().await.unwrap(), "Votre vote est enregistré ✓");
        // The stored ballot is shown back.
        let value = client
            .find(Locator::Css(&format!("input[name='p{first}']")))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(value.as_deref(), Some("2"));
        client.close().await.unwrap();
        first
    });
    let w = room.on_disk();
    let round = w.rounds().last().unwrap();
    let ballots: Vec<_> = round.counted_ballots().collect();
    assert_eq!(ballots.len(), 1);
    assert!(ballots[0].device.is_some());
    assert_eq!(ballots[0].dots.get(&first), Some(&2));
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
        let client = session(port, "fr", 390).await;
        client.goto(&url).await.unwrap();
        let title = text(&client, "h1").await;
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
            "Reçue. Elle attend l'animateur."
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
            // The list may be replaced between finding and reading it.
            if let Ok(found) = client.find(Locator::Css("#sent .state")).await
                && let Ok(now) = found.text().await
            {
                state = now;
            }
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

/// A link to the ballot from a page served elsewhere (another site:
/// `localhost` is not `127.0.0.1`) brings the phone's own identity: its
/// ballot shows, and voting again still leaves one ballot from one phone.
#[test]
fn a_link_from_another_site_keeps_the_phone_one_voter() {
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut room = common::phones::room(PhoneVoters::Anonymous);
    let url = room.url();
    // The page elsewhere: one link to the ballot.
    let elsewhere = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let other = elsewhere.local_addr().unwrap().port();
    let link = url.clone();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for stream in elsewhere.incoming().take(4) {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 2048];
            let _ = s.read(&mut buf);
            let body = format!("<!doctype html><a id=\"go\" href=\"{link}\">Le vote</a>");
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let runtime = common::phones::rt();
    let first = runtime.block_on(async {
        let client = session(port, "fr", 390).await;
        // What the page says once the ballot is recorded.
        // A page being replaced can hand over a note that goes stale as it
        // is read: read it again from the new page.
        let recorded = |what: &'static str| {
            let client = client.clone();
            async move {
                for _ in 0..20 {
                    let note = client
                        .wait()
                        .at_most(Duration::from_secs(10))
                        .for_element(Locator::Css(".note.ok"))
                        .await
                        .expect(what);
                    if let Ok(text) = note.text().await {
                        return text;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                panic!("{what}: the note never stayed");
            }
        };
        client.goto(&url).await.unwrap();
        let first = ballot_order(&client).await[0];
        click(&client, "li:first-child button[data-step='1']").await;
        cast(&client).await;
        recorded("voted").await;
        client
            .goto(&format!("http://localhost:{other}/"))
            .await
            .unwrap();
        cast(&client).await;
        let shown = recorded("the ballot of this phone shows, not an empty one").await;
        assert_eq!(shown, "Votre vote est enregistré ✓");
        // Voting again from there changes this phone's ballot (the page
        // being replaced, the file says when: the old note is still shown).
        click(&client, "li:first-child button[data-step='1']").await;
        cast(&client).await;
        let changed = |w: &atelier::domain::Workshop| {
            w.rounds()
                .last()
                .unwrap()
                .counted_ballots()
                .any(|b| b.dots.get(&first) == Some(&2))
        };
        for _ in 0..100 {
            if changed(&room.on_disk()) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        client.close().await.unwrap();
        first
    });
    let w = room.on_disk();
    let counted: Vec<_> = w.rounds().last().unwrap().counted_ballots().collect();
    assert_eq!(counted.len(), 1, "one phone, one counted ballot");
    assert_eq!(
        counted[0].dots.get(&first),
        Some(&2),
        "the second vote changed the first one"
    );
    room.app.quit();
}

/// Two phones see the round's proposals in their own orders (the first
/// place's bonus goes to no one proposal), and each ballot counts the
/// proposal its phone tapped, whatever its place.
#[test]
fn two_phones_see_different_orders_and_their_ballots_count_the_right_proposals() {
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut room = common::phones::room(PhoneVoters::Anonymous);
    let url = room.url();
    let runtime = common::phones::rt();
    let (a, b) = runtime.block_on(async {
        let mut firsts = Vec::new();
        let mut orders = Vec::new();
        for _ in 0..2 {
            // Each session is a new browser profile: another phone.
            let client = session(port, "fr", 390).await;
            client.goto(&url).await.unwrap();
            let order = ballot_order(&client).await;
            click(&client, "li:first-child button[data-step='1']").await;
            cast(&client).await;
            client
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::Css(".note.ok"))
                .await
                .expect("the answer page");
            // Back on its page, the phone keeps its order.
            client.goto(&url).await.unwrap();
            assert_eq!(ballot_order(&client).await, order, "stable for the phone");
            firsts.push(order[0]);
            orders.push(order);
            client.close().await.unwrap();
        }
        assert_ne!(orders[0], orders[1], "two phones, two orders");
        let mut sorted = orders[0].clone();
        sorted.sort();
        let mut other = orders[1].clone();
        other.sort();
        assert_eq!(sorted, other, "the same proposals");
        (firsts[0], firsts[1])
    });
    let w = room.on_disk();
    let round = w.rounds().last().unwrap();
    assert!(round.order_seed.is_some(), "the seed is in the file");
    let ballots: Vec<_> = round.counted_ballots().collect();
    assert_eq!(ballots.len(), 2);
    for (ballot, first) in ballots.iter().zip([a, b]) {
        assert_eq!(ballot.dots.iter().collect::<Vec<_>>(), [(&first, &1)]);
        // An audit replays the phone's order from the file.
        let key = atelier::domain::order::OrderKey::Device(ballot.device.clone().unwrap());
        let replayed = atelier::domain::order::proposals_for(&w, round, &key);
        assert_eq!(w.proposals()[replayed[0]].id, first);
    }
    room.app.quit();
}

/// A group's scribe types into a field of its fiche on a laptop: the field
/// saves by itself a moment later ("enregistré", once on disk), without
/// the button; then two fields typed one after the other both reach the
/// file, and pressing Enregistrer afterwards changes nothing more.
#[test]
fn a_fiche_saves_each_field_as_it_is_typed() {
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut room = common::phones::fiches_room();
    let url = format!("{}/{}", room.base, common::phones::FICHE_CODES[1]);
    let runtime = common::phones::rt();
    runtime.block_on(async {
        let client = session(port, "fr", 1280).await;
        client.goto(&url).await.unwrap();
        assert!(text(&client, "h1").await.starts_with("Fiche FA-02"));
        for (field, typed) in [
            ("referentiel", "Mesure 3.1 — aller-vers"),
            (
                "evaluation",
                "Nombre de communes desservies, chaque trimestre.",
            ),
        ] {
            let el = client
                .find(Locator::Css(&format!("[name='{field}']")))
                .await
                .unwrap();
            el.clear().await.unwrap();
            el.send_keys(typed).await.unwrap();
            client
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::XPath(&format!(
                    "//span[@id='{field}-state' and text()='enregistré']"
                )))
                .await
                .unwrap_or_else(|e| panic!("{field} never said enregistré: {e}"));
        }
        // A choice saves itself once chosen, as a text once typed.
        let nature = client.find(Locator::Css("[name='nature']")).await.unwrap();
        nature.select_by_value("renforcee").await.unwrap();
        said(&client, "nature", "enregistré").await;
        // Boxes too: two ticked and one of them unticked, one answer.
        tick(&client, "prioritaires", &["enfants", "femmes", "enfants"]).await;
        said(&client, "prioritaires", "enregistré").await;
        // Another device of the group writes a field this page is not
        // typing in: the page shows it within seconds, without a reload.
        let mut other = common::phones::Phone::new();
        let page = other.get(&url).await.body;
        let base = common::phones::hidden_value(&page, "base_gouvernance");
        let written = "Comité de suivi tous les deux mois, avec les personnes concernées.";
        let answer = other
            .post(
                &url,
                &[
                    ("action", "write"),
                    ("gouvernance", written),
                    ("base_gouvernance", &base),
                ],
            )
            .await;
        assert_eq!(answer.status.as_u16(), 303, "{}", answer.body);
        let mut shown = String::new();
        for _ in 0..50 {
            let value = client
                .execute(
                    "return document.querySelector('[name=gouvernance]').value;",
                    vec![],
                )
                .await
                .unwrap();
            shown = value.as_str().unwrap_or_default().to_string();
            if shown == written {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert_eq!(shown, written, "the other device's text reached this page");
        client.close().await.unwrap();
    });
    // "enregistré" came once on disk.
    let w = room.on_disk();
    let sheet = w.sheet("FA-02").unwrap();
    assert_eq!(sheet.referentiel, "Mesure 3.1 — aller-vers");
    assert_eq!(
        sheet.nature.kind,
        atelier::domain::sheet::NatureKind::Renforcee
    );
    assert_eq!(
        atelier::domain::drafting::FieldKey::Prioritaires.text(sheet),
        "femmes"
    );
    assert_eq!(
        sheet.evaluation,
        "Nombre de communes desservies, chaque trimestre."
    );
    assert!(
        sheet.kept.is_empty(),
        "one writer, no other text kept: {:?}",
        sheet.kept
    );
    room.app.quit();
}

/// Clicks the boxes of `name` with these values, one after the other.
async fn tick(client: &fantoccini::Client, name: &str, values: &[&str]) {
    for value in values {
        let css = format!("[name='{name}'][value='{value}']");
        let box_ = client.find(Locator::Css(&css)).await.unwrap();
        box_.click().await.unwrap();
    }
}

/// Waits until the state beside `id` says `said` (the script's words).
async fn said(client: &fantoccini::Client, id: &str, said: &str) {
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(&format!(
            "//span[@id='{id}-state' and contains(text(), '{said}')]"
        )))
        .await
        .unwrap_or_else(|e| panic!("{id} never said {said}: {e}"));
}

/// A group in a real browser works on its fiche's lists: an item changed
/// saves itself as it is typed, an amount in letters is refused beside its
/// line and nothing is lost, an item added with its button and one taken
/// out land back on the list.
#[test]
fn a_fiches_lists_save_each_item_as_it_is_typed() {
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut room = common::phones::fiches_room();
    let url = format!("{}/{}", room.base, common::phones::FICHE_CODES[0]);
    let before = room.on_disk().sheet("FA-01").unwrap().clone();
    let runtime = common::phones::rt();
    runtime.block_on(async {
        let client = session(port, "fr", 390).await;
        client.goto(&url).await.unwrap();
        let field = |name: &str| Locator::Css(Box::leak(format!("[name='{name}']").into_boxed_str()));
        let amount = client.find(field("budget_0_amount")).await.unwrap();
        amount.clear().await.unwrap();
        amount.send_keys("douze mille").await.unwrap();
        said(&client, "budget_0", "Montant non compris").await;
        amount.clear().await.unwrap();
        amount.send_keys("125 000").await.unwrap();
        said(&client, "budget_0", "enregistré").await;
        // A partner added with its button: the page comes back to its list.
        let name = client.find(field("partenaires_new_name")).await.unwrap();
        name.send_keys("Secours populaire de la Drôme").await.unwrap();
        click(&client, "button[name=add][value=partenaires]").await;
        let mut now = String::new();
        for _ in 0..50 {
            now = client.current_url().await.unwrap().to_string();
            if now.ends_with("?sent=1#partenaires") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert!(now.ends_with("?sent=1#partenaires"), "back to its list: {now}");
        let shown = client
            .execute(
                "return [].map.call(document.querySelectorAll('[name$=_name][name^=partenaires_]'),function(i){return i.value});",
                vec![],
            )
            .await
            .unwrap();
        assert!(shown.to_string().contains("Secours populaire de la Drôme"), "{shown}");
        click(&client, "button[name=remove][value=partenaires_0]").await;
        client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(".note.ok")).await.unwrap();
        client.close().await.unwrap();
    });
    let w = room.on_disk();
    let sheet = w.sheet("FA-01").unwrap();
    assert_eq!(sheet.budget[0].amount, 125_000);
    assert_eq!(
        sheet.budget[1..],
        before.budget[1..],
        "the other lines as they were"
    );
    let names: Vec<&str> = sheet.partenaires.iter().map(|p| p.name.as_str()).collect();
    let mut want: Vec<&str> = before.partenaires[1..]
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    want.push("Secours populaire de la Drôme");
    assert_eq!(names, want);
    room.app.quit();
}

/// The value of the field `name` on `client`'s page, and the text of the
/// versions kept beside it.
async fn field_and_others(client: &fantoccini::Client, name: &str) -> (String, String) {
    let js = format!(
        "return [document.querySelector('[name={name}]').value, document.getElementById('{name}-others').textContent];"
    );
    let v = client.execute(&js, vec![]).await.unwrap();
    let part = |i: usize| v[i].as_str().unwrap_or_default().to_string();
    (part(0), part(1))
}

/// Two scribes of one group, on a phone and on a laptop, write the same
/// field from the same text: the later text stands on both pages, the
/// earlier one is kept beside it on both (« Autre texte, écrit par … »),
/// one tap away, and both are in the file.
#[test]
fn two_browsers_writing_one_field_both_keep_their_text() {
    let Some((_driver, port)) = browser() else {
        return;
    };
    let mut room = common::phones::fiches_room();
    let url = format!("{}/{}", room.base, common::phones::FICHE_CODES[1]);
    let first = "Un comité de pilotage chaque trimestre.";
    let later = "Un comité de suivi chaque mois, avec les personnes concernées.";
    let runtime = common::phones::rt();
    runtime.block_on(async {
        let phone = session(port, "fr", 390).await;
        let laptop = session(port, "fr", 1280).await;
        for c in [&phone, &laptop] {
            c.goto(&url).await.unwrap();
        }
        let field = Locator::Css("[name='gouvernance']");
        // The laptop's scribe is in the field, about to type.
        let on_laptop = laptop.find(field).await.unwrap();
        on_laptop.click().await.unwrap();
        let on_phone = phone.find(field).await.unwrap();
        on_phone.send_keys(first).await.unwrap();
        said(&phone, "gouvernance", "enregistré").await;
        click(&phone, "h1").await;
        on_laptop.send_keys(later).await.unwrap();
        said(&laptop, "gouvernance", "enregistré").await;
        for (who, c) in [("phone", &phone), ("laptop", &laptop)] {
            let mut seen = (String::new(), String::new());
            for _ in 0..60 {
                seen = field_and_others(c, "gouvernance").await;
                if seen.0 == later && seen.1.contains(first) {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            assert_eq!(seen.0, later, "the later text stands on the {who}");
            assert!(
                seen.1.contains("Autre texte, écrit par appareil") && seen.1.contains(first),
                "the earlier one kept beside it on the {who}: {seen:?}"
            );
        }
        // One tap opens it.
        click(&phone, "#gouvernance-others summary").await;
        let shown = phone
            .find(Locator::Css("#gouvernance-others details p"))
            .await
            .unwrap()
            .is_displayed()
            .await
            .unwrap();
        assert!(shown, "the earlier text is read after one tap");
        for c in [phone, laptop] {
            c.close().await.unwrap();
        }
    });
    let w = room.on_disk();
    let sheet = w.sheet("FA-02").unwrap();
    assert_eq!(sheet.gouvernance, later);
    assert!(
        sheet.kept.iter().any(|k| k.text == first),
        "{:?}",
        sheet.kept
    );
    room.app.quit();
}
