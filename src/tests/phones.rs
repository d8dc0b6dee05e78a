//! Phone voting on the facilitator's screens: the QR code read back from
//! the cells drawn, the panel and the projection. (What phones do over
//! HTTP is tested against the real binary: `tests/phones.rs`.)

use crate::domain::Scope;
use crate::i18n::Lang;
use crate::ui::tests::example;

/// The example with a second round, open, selected on the vote screen,
/// phone voting opened on wlan0 192.168.1.23 with the server running;
/// `join`: the join code to give first (else one is drawn).
fn voting_by_phone(name: &str, join: Option<&str>) -> crate::app::App {
    use crate::app::phones::Server;
    use ratatui::crossterm::event::KeyCode;
    let mut app = example(name, Lang::Fr);
    let now = app.clock.now();
    let doc = app.doc.as_mut().unwrap();
    let settings = doc.w.default_round_settings(Scope::All, 3, "Tour 2".into());
    let op = doc.w.op_new_round(settings, now);
    assert!(app.run_op(op));
    if let Some(code) = join {
        assert!(app.run_op(Ok(crate::domain::Op::SetJoin(Some(code.into())))));
    }
    crate::app::drive::code(&mut app, KeyCode::F(5));
    crate::app::drive::code(&mut app, KeyCode::End);
    app.phones.networks = vec![crate::app::phones::Network {
        name: "wlan0".into(),
        ip: "192.168.1.23".parse().unwrap(),
    }];
    crate::app::drive::press(
        &mut app,
        crossterm::event::KeyEvent::new(KeyCode::Char('t'), crossterm::event::KeyModifiers::NONE),
    );
    assert!(app.phones.on());
    app.phones.server = Server::Running("192.168.1.23:8080".parse().unwrap());
    crate::app::phones::ensure_join_code(app.doc.as_mut().unwrap(), app.lang);
    app
}

/// The texts of the QR codes drawn in `buf`, read by a QR decoder from
/// the cells (half blocks in the code's two colours).
fn decode(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    use ratatui::style::Color;
    let dark = |c: Color| c == Color::Indexed(16);
    let area = buf.area;
    let cells: Vec<(u16, u16)> = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let c = &buf[(x, y)];
            c.symbol() == "▀"
                && matches!(c.fg, Color::Indexed(16 | 231))
                && matches!(c.bg, Color::Indexed(16 | 231))
        })
        .collect();
    let Some(x0) = cells.iter().map(|c| c.0).min() else {
        return Vec::new();
    };
    let x1 = cells.iter().map(|c| c.0).max().unwrap();
    let y0 = cells.iter().map(|c| c.1).min().unwrap();
    let y1 = cells.iter().map(|c| c.1).max().unwrap();
    let (w, h) = ((x1 - x0 + 1) as usize, (y1 - y0 + 1) as usize * 2);
    let scale = 6;
    let module = |x: usize, y: usize| -> bool {
        let c = &buf[(x0 + x as u16, y0 + (y / 2) as u16)];
        if y.is_multiple_of(2) {
            dark(c.fg)
        } else {
            dark(c.bg)
        }
    };
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w * scale, h * scale, |x, y| {
        if module(x / scale, y / scale) { 0 } else { 255 }
    });
    img.detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

/// The QR code on the vote screen and on the projection, read back by a
/// QR decoder from the cells drawn: it is the URL shown beside it.
#[test]
fn the_qr_code_on_screen_reads_back_as_the_url_shown() {
    use ratatui::crossterm::event::KeyCode;
    let mut app = voting_by_phone("phones-qr", None);
    let url = app.phones.url(&app.doc.as_ref().unwrap().w).unwrap();
    assert!(
        url.starts_with("http://192.168.1.23:8080/") && url.len() == 31,
        "{url}"
    );
    assert_eq!(
        decode(&crate::ui::memory::render(&app)),
        std::slice::from_ref(&url)
    );
    let screen = crate::ui::memory::screen(&app);
    assert!(screen.contains(&url), "{screen}");
    // The projection, at a projector's size.
    crate::app::drive::code(&mut app, KeyCode::F(9));
    crate::app::drive::resize(&mut app, 160, 45);
    assert_eq!(
        decode(&crate::ui::memory::render(&app)),
        std::slice::from_ref(&url)
    );
    assert!(crate::ui::memory::screen(&app).contains(&url));
}

/// While the groups write, the fiche selected on the sheets screen has
/// its QR code above the list's address, and on the projection beside the
/// fiches: read back, it is the fiche's page (in capitals, which make the
/// square smaller and open the same page).
#[test]
fn the_selected_fiches_qr_code_reads_back_as_its_page() {
    use crate::app::phones::Server;
    use ratatui::crossterm::event::KeyCode;
    let mut app = example("fiche-qr", Lang::Fr);
    let mut n = 0u8;
    let op = app.doc.as_ref().unwrap().w.op_set_drafting(true, &mut || {
        n += 1;
        crate::domain::vote_rules::code_from([n, 7, 3, 13, 5, 9])
    });
    assert!(app.run_op(op));
    app.phones.server = Server::Running("192.168.1.23:8080".parse().unwrap());
    crate::app::drive::code(&mut app, KeyCode::F(7));
    crate::app::drive::code(&mut app, KeyCode::Down);
    let w = &app.doc.as_ref().unwrap().w;
    let code = w.sheets()[1].drafting.as_ref().unwrap().code.clone();
    let url = format!("HTTP://192.168.1.23:8080/{code}");
    assert_eq!(
        decode(&crate::ui::memory::render(&app)),
        std::slice::from_ref(&url)
    );
    insta::assert_snapshot!("sheets_fiche_qr_120x34", crate::ui::memory::screen(&app));
    // Too small a screen for it: the address alone, as before.
    crate::app::drive::resize(&mut app, 80, 24);
    assert!(decode(&crate::ui::memory::render(&app)).is_empty());
    assert!(crate::ui::memory::screen(&app).contains("http://192.168.1.23:8080/"));
    crate::app::drive::code(&mut app, KeyCode::F(9));
    crate::app::drive::resize(&mut app, 160, 45);
    assert_eq!(
        decode(&crate::ui::memory::render(&app)),
        std::slice::from_ref(&url)
    );
    let wall = crate::ui::memory::screen(&app);
    assert!(
        wall.contains(&format!("FA-02 : scannez, ou tapez le code {code}")),
        "{wall}"
    );
    // Beside the code, the address for all the room is whole, wrapped.
    crate::app::drive::resize(&mut app, 120, 35);
    let wall = crate::ui::memory::screen(&app);
    assert!(
        wall.contains("Les groupes écrivent leur fiche : http://192.168.1.23:8080/ suivi de")
            && wall.contains("    son code.  "),
        "{wall}"
    );
}

/// The vote screen while phones vote, at both sizes: the QR code, the
/// address, the code and the counts (80×24 has no room for the QR: the
/// projection shows it).
#[test]
fn the_phone_panel_on_the_vote_screen() {
    let mut app = voting_by_phone("phones-panel", Some("K7MHQX"));
    for (w, h) in [(80, 24), (120, 34)] {
        crate::app::drive::resize(&mut app, w, h);
        insta::assert_snapshot!(
            format!("phones_panel_{w}x{h}"),
            crate::ui::memory::screen(&app)
        );
    }
}

/// `Alt+T` (phones propose) and `t` (phones vote in the round selected)
/// each say and do one thing: the facilitator who opened the capture to
/// phones, then follows the README's step 2, opens phone voting.
#[test]
fn the_phone_toggles_each_do_one_thing() {
    use ratatui::crossterm::event::KeyCode;
    let mut app = example("phones-toggles", Lang::Fr);
    app.phones.networks = vec![crate::app::phones::Network {
        name: "wlan0".into(),
        ip: "192.168.1.23".parse().unwrap(),
    }];
    crate::app::drive::alt(&mut app, 't');
    assert!(app.phones.proposing);
    let msg = |app: &crate::app::App| app.message.as_ref().unwrap().text.clone();
    assert!(msg(&app).starts_with("Téléphones ouverts"), "{}", msg(&app));
    // The vote screen, a new round selected, `t`.
    let now = app.clock.now();
    let doc = app.doc.as_mut().unwrap();
    let settings = doc.w.default_round_settings(Scope::All, 3, "Tour 2".into());
    let op = doc.w.op_new_round(settings, now);
    assert!(app.run_op(op));
    crate::app::drive::code(&mut app, KeyCode::F(5));
    crate::app::drive::code(&mut app, KeyCode::End);
    crate::app::drive::type_text(&mut app, "t");
    let round = app.doc.as_ref().unwrap().w.rounds().last().unwrap().id;
    assert_eq!(app.phones.round, Some(round), "{}", msg(&app));
    assert!(msg(&app).contains("Tour 2"), "{}", msg(&app));
    assert!(app.phones.proposing, "proposing is Alt+T's");
    // Kept in the file, for a restart.
    let kept = crate::store::load(&app.doc.as_ref().unwrap().path).unwrap();
    assert!(kept.phone_settings().proposing);
    assert_eq!(kept.phone_settings().voting, Some(round));
    assert!(kept.phone_settings().key.is_some());
    // `t` again on the same round: its phone voting stops, nothing else.
    crate::app::drive::type_text(&mut app, "t");
    assert_eq!(app.phones.round, None);
    assert!(app.phones.proposing);
    assert!(
        msg(&app).contains("arrêté pour « Tour 2 »"),
        "{}",
        msg(&app)
    );
}

/// A minute with the server running and no phone: the panel suspects the
/// firewall (Windows asks an administrator) or an isolating Wi-Fi.
#[test]
fn a_server_no_phone_reaches_says_why_after_a_minute() {
    use crate::app::{Action, update};
    let mut app = voting_by_phone("phones-nobody", Some("K7MHQX"));
    let t0 = app.instant();
    let addr = "192.168.1.23:8080".parse().unwrap();
    update(
        &mut app,
        Action::Server(crate::app::phones::ServerEvent::Started(addr)),
    );
    let shown = |app: &crate::app::App| crate::ui::memory::screen(app).replace('\n', " ");
    assert!(!shown(&app).contains("Aucun téléphone"));
    update(
        &mut app,
        Action::Tick(t0 + std::time::Duration::from_secs(61)),
    );
    assert!(shown(&app).contains("Aucun téléphone"), "{}", shown(&app));
    app.phones.joined.insert("un téléphone".into());
    assert!(!shown(&app).contains("Aucun téléphone"));
}
