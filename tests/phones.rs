//! The room votes from phones, against the real binary: atelier in a
//! pseudo-terminal with `--listen 127.0.0.1:PORT` and a round open to
//! phones, and HTTP requests as phones make them. What reaches the disk is
//! read back from the file, right after each answer.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

mod common;

use atelier::domain::round::PhoneVoters;
use common::phones::{Phone, room, rt};
use reqwest::StatusCode;

#[test]
fn a_phone_joins_votes_changes_its_vote_and_a_retry_counts_once() {
    let mut room = room(PhoneVoters::Anonymous);
    let url = room.url();
    rt().block_on(async {
        let mut phone = Phone::new();
        let page = phone.get(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Tour des téléphones"), "{}", page.body);
        assert!(page.body.contains(
            "Vous avez 6 gommettes. Vous pouvez mettre 3 gommettes au plus sur une proposition."
        ));
        assert!(page.body.contains("name=\"p1\""), "every proposal in scope");
        assert!(phone.cookie.is_some(), "the phone gets its token");
        let vote = phone
            .post(&url, &[("action", "vote"), ("p1", "2"), ("p3", "1")])
            .await;
        assert_eq!(vote.status, StatusCode::SEE_OTHER, "{}", vote.body);
        // On disk before the answer: read right after it.
        let w = room.on_disk();
        let round = w.rounds().last().unwrap();
        assert_eq!(round.counted_ballots().count(), 1);
        let shown = phone.get(&url).await;
        assert!(shown.body.contains("Votre vote est enregistré"));
        assert!(
            shown.body.contains("name=\"p1\" value=\"2\""),
            "the ballot shown back"
        );
        // A double tap: the same ballot again changes nothing.
        phone
            .post(&url, &[("action", "vote"), ("p1", "2"), ("p3", "1")])
            .await;
        assert_eq!(room.on_disk().rounds().last().unwrap().ballots.len(), 1);
        // Changed: the latest counts, the first stays on record, voided.
        phone.post(&url, &[("action", "vote"), ("p2", "3")]).await;
        let w = room.on_disk();
        let round = w.rounds().last().unwrap();
        assert_eq!(round.ballots.len(), 2);
        assert!(round.ballots[0].void);
        let counted: Vec<_> = round.counted_ballots().collect();
        assert_eq!(counted.len(), 1);
        assert_eq!(
            counted[0].dots.get(&atelier::domain::ProposalId(2)),
            Some(&3)
        );
        // Another phone is another voter.
        let mut other = Phone::new();
        other.get(&url).await;
        other.post(&url, &[("action", "vote"), ("p4", "1")]).await;
        assert_eq!(
            room.on_disk()
                .rounds()
                .last()
                .unwrap()
                .counted_ballots()
                .count(),
            2
        );
    });
}

#[test]
fn every_refusal_has_its_status_and_says_why_in_the_phones_language() {
    let mut room = room(PhoneVoters::Anonymous);
    let url = room.url();
    rt().block_on(async {
        let mut phone = Phone::new();
        phone.get(&url).await;
        // A wrong code.
        let wrong = phone.get(&format!("{}/ACDEFG", room.base)).await;
        assert_eq!(wrong.status, StatusCode::FORBIDDEN);
        assert!(
            wrong.body.contains("Ce code ne marche pas"),
            "{}",
            wrong.body
        );
        // Over the budget, over the cap: 400 with the reason.
        let over = phone
            .post(
                &url,
                &[("action", "vote"), ("p1", "3"), ("p2", "3"), ("p3", "1")],
            )
            .await;
        assert_eq!(over.status, StatusCode::BAD_REQUEST);
        assert!(over.body.contains("gommettes"), "{}", over.body);
        let cap = phone.post(&url, &[("action", "vote"), ("p1", "4")]).await;
        assert_eq!(cap.status, StatusCode::BAD_REQUEST);
        // Not a form this page makes.
        let odd = phone.post(&url, &[("action", "vote"), ("p1", "-2")]).await;
        assert_eq!(odd.status, StatusCode::BAD_REQUEST);
        assert!(odd.body.contains("ne comprend pas"));
        // Too big: 413, in French too.
        let big = "9".repeat(5000);
        let huge = phone.post(&url, &[("action", "vote"), ("p1", &big)]).await;
        assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(huge.body.contains("trop long"), "{}", huge.body);
        // Unknown page, in English for an English phone.
        let mut english = Phone::new().english();
        let lost = english.get(&format!("{}/x/y", room.base)).await;
        assert_eq!(lost.status, StatusCode::NOT_FOUND);
        assert!(
            lost.body.contains("This page does not exist"),
            "{}",
            lost.body
        );
        // Too fast: 429, keyed on the phone's token, not on its address.
        let mut statuses = Vec::new();
        for _ in 0..12 {
            statuses.push(
                phone
                    .post(&url, &[("action", "vote"), ("p1", "1")])
                    .await
                    .status,
            );
        }
        assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
        let mut fresh = Phone::new();
        fresh.get(&url).await;
        let ok = fresh.post(&url, &[("action", "vote"), ("p1", "1")]).await;
        assert_eq!(
            ok.status,
            StatusCode::SEE_OTHER,
            "another phone on the same address"
        );
        // Closed round: 409 "Le vote est fermé", for the page and a form.
        room.close_round();
        assert!(!room.on_disk().rounds().last().unwrap().open);
        let closed = fresh.get(&url).await;
        assert_eq!(closed.status, StatusCode::CONFLICT);
        assert!(closed.body.contains("Le vote est fini"), "{}", closed.body);
        let late = fresh.post(&url, &[("action", "vote"), ("p2", "1")]).await;
        assert_eq!(late.status, StatusCode::CONFLICT);
    });
}

#[test]
fn no_page_leaves_the_laptop_without_its_guards() {
    let mut room = room(PhoneVoters::Anonymous);
    let url = room.url();
    rt().block_on(async {
        let client = reqwest::Client::new();
        let res = client.get(&url).send().await.unwrap();
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'nonce-"));
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["cache-control"], "no-store");
        let cookie = h["set-cookie"].to_str().unwrap();
        // Lax: a link from elsewhere still brings the phone's own identity
        // (a form from elsewhere does not, and needs its token anyway).
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        let body = res.text().await.unwrap();
        assert!(
            !body.contains("<link") && !body.contains("src=\"http"),
            "no asset from outside"
        );
        // A form without the phone's cookie: sent to the page first.
        let bare = client
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("action=vote&p1=1")
            .send()
            .await
            .unwrap();
        assert_eq!(bare.status(), StatusCode::FORBIDDEN);
        // The accessibility statement, under the same guards, in the
        // phone's language; a code in its address only as a code.
        let base = url.rsplit_once('/').unwrap().0;
        let statement = client
            .get(format!("{base}/accessibilite?code=ab<script>12"))
            .header("accept-language", "en-GB,en")
            .send()
            .await
            .unwrap();
        assert_eq!(statement.status(), StatusCode::OK);
        assert!(
            statement.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("default-src 'none'")
        );
        let body = statement.text().await.unwrap();
        assert!(body.contains("<h1>Accessibility statement</h1>"), "{body}");
        assert!(body.contains("href=\"/ABSCRIPT12\""), "{body}");
    });
}

/// The page's form asks before casting with dots left (« Entrée » in a
/// number field casts nothing by surprise); "vote like this" casts; a
/// ballot sent after the round closed says it was not counted.
#[test]
fn a_ballot_with_dots_left_is_asked_about_and_one_too_late_is_not_counted() {
    let mut room = room(PhoneVoters::Anonymous);
    let url = room.url();
    let mut phone = Phone::new();
    rt().block_on(async {
        phone.get(&url).await;
        let asked = phone
            .post(&url, &[("action", "vote"), ("check", "1"), ("p1", "2")])
            .await;
        assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
        assert!(
            asked.body.contains("Il vous reste 4 gommettes."),
            "{}",
            asked.body
        );
        assert!(
            asked.body.contains("name=\"p1\" value=\"2\""),
            "the dots kept"
        );
        assert_eq!(room.on_disk().rounds().last().unwrap().ballots.len(), 0);
        // All the dots placed: cast at once, no question.
        let full = phone
            .post(
                &url,
                &[("action", "vote"), ("check", "1"), ("p1", "3"), ("p2", "3")],
            )
            .await;
        assert_eq!(full.status, StatusCode::SEE_OTHER, "{}", full.body);
        // Fewer dots, then "vote like this": cast.
        phone
            .post(&url, &[("action", "vote"), ("check", "1"), ("p1", "1")])
            .await;
        let cast = phone.post(&url, &[("action", "vote"), ("p1", "1")]).await;
        assert_eq!(cast.status, StatusCode::SEE_OTHER, "{}", cast.body);
        let shown = phone.get(&url).await;
        assert!(
            shown.body.contains("<li>Proposition 1 : 1 gommette</li>"),
            "where the dots went: {}",
            shown.body
        );
    });
    room.close_round();
    rt().block_on(async {
        // The page was open before the close: its ballot comes too late.
        let refused = phone.post(&url, &[("action", "vote"), ("p2", "1")]).await;
        assert!(
            refused
                .body
                .contains("Votre vote n'est pas compté. Le vote était déjà fini."),
            "{}",
            refused.body
        );
    });
    let w = room.on_disk();
    let counted: Vec<_> = w.rounds().last().unwrap().counted_ballots().collect();
    assert_eq!(counted.len(), 1, "the late ballot is not counted");
    assert_eq!(counted[0].dots.get(&atelier::domain::ProposalId(2)), None);
    room.app.quit();
}

#[test]
fn a_named_round_takes_each_name_once_and_counts_by_college() {
    let mut room = room(PhoneVoters::Named);
    let url = room.url();
    let w = room.on_disk();
    let (first, second) = (&w.participants()[0], &w.participants()[1]);
    rt().block_on(async {
        let mut a = Phone::new();
        let page = a.get(&url).await;
        assert!(page.body.contains("Qui êtes-vous"), "{}", page.body);
        assert!(
            page.body
                .contains(&atelier::export::html::escape(&first.name))
        );
        // A tap on a name asks "is it you?"; the answer keeps it.
        let ask = a.get(&format!("{url}?name={}", first.id)).await;
        assert!(ask.body.contains("Oui, c'est moi"), "{}", ask.body);
        let joined = a
            .post(&url, &[("action", "join"), ("name", &first.id.to_string())])
            .await;
        assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
        let page = a.get(&url).await;
        assert!(
            page.body.contains("Vous votez avec le nom"),
            "{}",
            page.body
        );
        a.post(&url, &[("action", "vote"), ("p1", "2")]).await;
        // The same name from another phone: refused; another name: fine.
        let mut b = Phone::new();
        b.get(&format!("{url}?name={}", second.id)).await;
        let taken = b
            .post(&url, &[("action", "join"), ("name", &first.id.to_string())])
            .await;
        assert_eq!(taken.status, StatusCode::CONFLICT);
        assert!(taken.body.contains("déjà choisi"), "{}", taken.body);
        b.post(
            &url,
            &[("action", "join"), ("name", &second.id.to_string())],
        )
        .await;
        b.post(&url, &[("action", "vote"), ("p2", "1")]).await;
    });
    let w = room.on_disk();
    let round = w.rounds().last().unwrap();
    let voters: Vec<_> = round.counted_ballots().map(|b| b.voter).collect();
    assert_eq!(
        voters,
        [
            atelier::domain::Voter::Participant(first.id),
            atelier::domain::Voter::Participant(second.id)
        ]
    );
    // Results by collège know who voted.
    let tally = atelier::domain::Tally::compute(&w, round);
    let row = tally
        .rows
        .iter()
        .find(|r| r.proposal == atelier::domain::ProposalId(1))
        .unwrap();
    assert_eq!(row.by_college, [(first.college, 2)]);
}

/// The proposals of a ballot page, top to bottom (inputs `p<number>`).
fn ballot_order(html: &str) -> Vec<u32> {
    html.split("name=\"p")
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

#[test]
fn a_personal_code_votes_once_from_whichever_phone() {
    let mut room = room(PhoneVoters::Codes);
    let url = room.url();
    let w = room.on_disk();
    let p = &w.participants()[2];
    let code = p.code.clone().expect("codes were given");
    rt().block_on(async {
        let mut a = Phone::new();
        let page = a.get(&url).await;
        assert!(page.body.contains("Votre code personnel"), "{}", page.body);
        let wrong = a
            .post(&url, &[("action", "join"), ("personal", "ACDEFG")])
            .await;
        assert_eq!(wrong.status, StatusCode::FORBIDDEN);
        assert!(
            wrong.body.contains("Ce code ne marche pas"),
            "{}",
            wrong.body
        );
        // Typed loosely: lower case, a space.
        let typed = format!("{} {}", &code[..3].to_lowercase(), &code[3..]);
        a.post(&url, &[("action", "join"), ("personal", &typed)])
            .await;
        let order_a = ballot_order(&a.get(&url).await.body);
        a.post(&url, &[("action", "vote"), ("p1", "1")]).await;
        // The same code on another phone: its ballot replaces the first.
        let mut b = Phone::new();
        b.get(&url).await;
        b.post(&url, &[("action", "join"), ("personal", &code)])
            .await;
        let page = b.get(&url).await;
        assert!(
            page.body.contains("name=\"p1\" value=\"1\""),
            "the code's ballot is shown"
        );
        // The participant keeps their own order from the other phone: the
        // one an audit replays for them from the file.
        assert_eq!(ballot_order(&page.body), order_a);
        let key =
            atelier::domain::order::OrderKey::Voter(atelier::domain::Voter::Participant(p.id));
        let round = w.rounds().last().unwrap();
        let theirs: Vec<u32> = atelier::domain::order::proposals_for(&w, round, &key)
            .iter()
            .map(|i| w.proposals()[*i].id.0)
            .collect();
        assert_eq!(order_a, theirs);
        b.post(&url, &[("action", "vote"), ("p3", "2")]).await;
    });
    let w = room.on_disk();
    let round = w.rounds().last().unwrap();
    let counted: Vec<_> = round.counted_ballots().collect();
    assert_eq!(counted.len(), 1);
    assert_eq!(counted[0].voter, atelier::domain::Voter::Participant(p.id));
    assert_eq!(
        counted[0].dots.get(&atelier::domain::ProposalId(3)),
        Some(&2)
    );
    // The page of codes to print: every participant, no script.
    let html = atelier::export::codes::page(
        &w,
        atelier::i18n::Lang::Fr,
        Some("http://192.168.1.23:8080/ABCDEF"),
    );
    for part in w.participants() {
        assert!(html.contains(part.code.as_deref().unwrap()));
    }
    assert!(html.contains("<svg") && !html.contains("<script"));
    // No export carries a personal code, nor a phone's key.
    let opts = atelier::export::Options::new(atelier::i18n::Lang::Fr);
    for f in atelier::export::render(&w, atelier::export::Format::All, &opts).unwrap() {
        let text = String::from_utf8_lossy(&f.bytes);
        assert!(
            !text.contains(&code),
            "{} shows a personal code",
            f.path.display()
        );
        let device = counted[0].device.as_deref().unwrap();
        assert!(
            !text.contains(device),
            "{} shows a phone's key",
            f.path.display()
        );
    }
}

/// Forty phones vote at once; right after the last answer the app is
/// killed (SIGKILL: no destructor, no flush). Every acknowledged ballot is
/// in the file, and a phone that comes back after the restart finds its
/// ballot.
#[test]
fn every_acknowledged_ballot_survives_a_kill_9() {
    const PHONES: usize = 40;
    let mut room = room(PhoneVoters::Anonymous);
    let url = room.url();
    let runtime = rt();
    let phones: Vec<Phone> = runtime.block_on(async {
        let tasks: Vec<_> = (0..PHONES)
            .map(|i| {
                let url = url.clone();
                tokio::spawn(async move {
                    let mut phone = Phone::new();
                    phone.get(&url).await;
                    let field = format!("p{}", i % 8 + 1);
                    let answer = phone.post(&url, &[("action", "vote"), (&field, "2")]).await;
                    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
                    phone
                })
            })
            .collect();
        let mut phones = Vec::new();
        for t in tasks {
            phones.push(t.await.unwrap());
        }
        phones
    });
    room.app.kill9();
    let w = room.on_disk();
    let round = w.rounds().last().unwrap();
    let from_phones = round
        .counted_ballots()
        .filter(|b| b.device.is_some())
        .count();
    assert_eq!(from_phones, PHONES, "every acknowledged ballot is on disk");
    assert!(
        w.phone_settings().key.is_some(),
        "the key phones are signed with is in the file"
    );

    // Restarted: a phone finds its ballot.
    let mut again = room.restart();
    let mut phone = phones.into_iter().next().unwrap();
    runtime.block_on(async {
        let page = phone.get(&url).await;
        assert!(
            page.body.contains("Votre vote est enregistré"),
            "{}",
            page.body
        );
        assert!(page.body.contains("name=\"p1\" value=\"2\""));
    });
    again.quit();
}

/// During capture the same address takes proposals: sent once however
/// often it is sent, kept on disk before "reçu", refused when too long,
/// too fast or once capture is over.
#[test]
fn a_phone_proposes_during_capture_and_sees_what_became_of_it() {
    let mut room = common::phones::capture_room();
    let url = room.url();
    rt().block_on(async {
        let mut phone = Phone::new();
        let page = phone.get(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Proposer"), "{}", page.body);
        assert!(
            page.body.contains("maxlength=\"400\""),
            "the limit is on the page"
        );
        let send = [
            ("action", "propose"),
            (
                "text",
                "Une navette solidaire vers les rendez-vous médicaux 🚐",
            ),
            ("axis", "3"),
            ("author", "Secours catholique"),
        ];
        let sent = phone.post(&url, &send).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        // On disk before the answer.
        let w = room.on_disk();
        assert_eq!(w.received().len(), 1);
        assert_eq!(w.received()[0].axis, Some(3));
        // Sent again (a double tap): counted once.
        phone.post(&url, &send).await;
        assert_eq!(room.on_disk().received().len(), 1);
        let page = phone.get(&url).await;
        assert!(
            page.body.contains("Reçue. Elle attend l'animateur."),
            "{}",
            page.body
        );
        // Not on the wall: the proposals are the same 29 until accepted.
        assert_eq!(room.on_disk().proposals().len(), 29);
        // Too long: 400, with the limit said.
        let long = "mot ".repeat(110);
        let refused = phone
            .post(&url, &[("action", "propose"), ("text", &long)])
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.body.contains("400"), "{}", refused.body);
        // Empty: 400.
        let empty = phone
            .post(&url, &[("action", "propose"), ("text", "  ")])
            .await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST);
        // Too fast: 429 for this phone only.
        let mut statuses = Vec::new();
        for i in 0..10 {
            let text = format!("Idée {i}");
            statuses.push(
                phone
                    .post(&url, &[("action", "propose"), ("text", &text)])
                    .await
                    .status,
            );
        }
        assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
    });
    // The facilitator accepts the first sent (the queue is newest first:
    // Alt+R, End, Enter).
    room.app.send("\x1br");
    room.app.wait_for("Entrée retenir");
    room.app.send("\x1b[F");
    room.app.send("\r");
    room.app.wait_for("retenue : n° 30");
    rt().block_on(async {
        let mut phone = Phone::new();
        phone.get(&url).await;
        // Capture over (the tag screen): a proposal sent from the page
        // left open is kept in the queue, never dropped.
        room.app.send("\x1bOS");
        room.app.wait_for("Propositions par axe");
        std::thread::sleep(std::time::Duration::from_millis(100));
        let late = phone
            .post(
                &url,
                &[("action", "propose"), ("text", "Envoyée en retard")],
            )
            .await;
        assert_eq!(late.status, StatusCode::SEE_OTHER, "{}", late.body);
        let page = phone.get(&url).await;
        assert!(page.body.contains("Attendez la suite"), "{}", page.body);
    });
    let w = room.on_disk();
    let accepted = w.proposal(atelier::domain::ProposalId(30)).unwrap();
    assert!(accepted.from_phone);
    assert_eq!(accepted.author, "Secours catholique");
    assert!(accepted.text.ends_with("🚐"));
    assert!(
        w.received()
            .iter()
            .any(|r| r.text == "Envoyée en retard" && r.is_pending()),
        "the late proposal waits in the queue"
    );
}

/// Twenty phones send a proposal each; right after the last "reçu" the
/// app is killed: every one is in the queue on restart.
#[test]
fn every_received_proposal_survives_a_kill_9() {
    const PHONES: usize = 20;
    let mut room = common::phones::capture_room();
    let url = room.url();
    rt().block_on(async {
        let tasks: Vec<_> = (0..PHONES)
            .map(|i| {
                let url = url.clone();
                tokio::spawn(async move {
                    let mut phone = Phone::new();
                    phone.get(&url).await;
                    let text = format!("Proposition venue du téléphone {i}");
                    let answer = phone
                        .post(&url, &[("action", "propose"), ("text", &text)])
                        .await;
                    assert_eq!(answer.status, StatusCode::SEE_OTHER);
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
    });
    room.app.kill9();
    let w = room.on_disk();
    assert_eq!(w.received().len(), PHONES);
    assert!(
        w.received()
            .iter()
            .all(atelier::domain::received::Received::is_pending)
    );
}

/// A round by majority judgment from phones: a grade per proposal from
/// radio buttons (no script needed), a ballot with grades left out asked
/// about first, a grade off the scale refused, every acknowledged ballot
/// on disk after a kill -9, and a phone finding its grades again.
#[test]
fn phones_grade_a_judgment_round_and_every_acknowledged_ballot_survives_a_kill_9() {
    const PHONES: usize = 12;
    let mut room = common::phones::judgment_room();
    let url = room.url();
    let runtime = rt();
    let mut first = Phone::new();
    runtime.block_on(async {
        let page = first.get(&url).await;
        assert!(
            page.body.contains("type=\"radio\" name=\"p1\" value=\"1\""),
            "{}",
            page.body
        );
        assert!(
            page.body
                .contains("Choisissez une mention pour chaque proposition.")
        );
        // Grades left out: asked first, nothing cast.
        let asked = first
            .post(&url, &[("action", "vote"), ("check", "1"), ("p1", "2")])
            .await;
        assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
        assert!(
            asked.body.contains("n'ont pas de mention"),
            "{}",
            asked.body
        );
        assert!(asked.body.contains("value=\"2\" checked"), "the grade kept");
        // Off the scale: refused, with the reason.
        let off = first.post(&url, &[("action", "vote"), ("p1", "9")]).await;
        assert!(off.body.contains("n'est pas sur l'échelle"), "{}", off.body);
    });
    assert_eq!(room.on_disk().rounds().last().unwrap().ballots.len(), 0);
    let phones: Vec<Phone> = runtime.block_on(async {
        let tasks: Vec<_> = (0..PHONES)
            .map(|i| {
                let url = url.clone();
                tokio::spawn(async move {
                    let mut phone = Phone::new();
                    phone.get(&url).await;
                    let g1 = (i % 7 + 1).to_string();
                    let answer = phone
                        .post(&url, &[("action", "vote"), ("p1", &g1), ("p2", "3")])
                        .await;
                    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
                    phone
                })
            })
            .collect();
        let mut phones = Vec::new();
        for t in tasks {
            phones.push(t.await.unwrap());
        }
        phones
    });
    room.app.kill9();
    let w = room.on_disk();
    let round = w.rounds().last().unwrap();
    assert_eq!(
        round.counted_ballots().count(),
        PHONES,
        "every acknowledged ballot"
    );
    let tally = atelier::domain::Tally::compute(&w, round);
    let two = tally
        .rows
        .iter()
        .find(|r| r.proposal == atelier::domain::ProposalId(2))
        .unwrap();
    // Everyone gave n° 2 "Bien".
    assert_eq!(two.merit.unwrap().majority_grade(), Some(2));
    let mut again = room.restart();
    let mut phone = phones.into_iter().nth(3).unwrap();
    runtime.block_on(async {
        let page = phone.get(&url).await;
        assert!(
            page.body.contains("Votre vote est enregistré"),
            "{}",
            page.body
        );
        assert!(
            page.body.contains("name=\"p1\" value=\"4\" checked"),
            "the phone finds its grade: {}",
            page.body
        );
    });
    again.quit();
}
