//! What means the same on every screen: help, quit, undo, home, the
//! projection, the timer, the phases; and time passing.

use super::apply::on_open_doc;
use super::keys::command::Command;
use super::{App, MESSAGE_FOR, Overlay, PHASES, Screen};
use crate::i18n::Localize;

/// Time passes: messages expire, the timer warns and ends (once each).
/// Returns whether the screen changes (every tick while the timer runs).
pub fn tick(app: &mut App, now: std::time::Instant) -> bool {
    if matches!(app.clock, super::Clock::Fixed(_)) {
        app.fake_now = now;
    }
    let lang = app.lang;
    let expired = app
        .message
        .as_ref()
        .is_some_and(|m| now.duration_since(m.at) >= MESSAGE_FOR);
    if expired {
        app.message = None;
    }
    let instant = app.instant();
    let Some(doc) = app.doc.as_mut() else {
        return expired;
    };
    doc.warm_similar();
    let phase = lang.t(&format!("phase.{}", doc.timer.phase.key()));
    let running = doc.timer.is_running();
    if doc.time_to_keep(instant, KEEP_TIME_EVERY) {
        doc.keep_time(instant, lang);
    }
    for event in doc.timer.tick(instant) {
        match event {
            super::timer::Event::Warning if app.warning_on => {
                app.info(lang.tf("timer.warning", &[("phase", &phase)]));
            }
            super::timer::Event::End => {
                app.error(lang.tf("timer.end", &[("phase", &phase)]));
                app.bell = app.bell_on;
            }
            super::timer::Event::Warning => {}
        }
    }
    expired || running
}

/// How often a running timer's time spent reaches the disk: a crash loses
/// at most this much of it.
const KEEP_TIME_EVERY: std::time::Duration = std::time::Duration::from_secs(15);

/// F8: the timer runs for the phase on screen; pressing again pauses it.
fn timer_toggle(app: &mut App) {
    let lang = app.lang;
    let now = app.instant();
    let screen = app.screen();
    let Some(doc) = app.doc.as_mut() else { return };
    let phase = match screen {
        Screen::Phase(p) => p,
        Screen::Home => doc.timer.phase,
    };
    let name = lang.t(&format!("phase.{}", phase.key()));
    // A running clock always pauses first, whatever the screen: F8 must
    // silence the room's timer without surprises.
    if doc.timer.is_running() {
        doc.timer.pause(now);
        app.info(lang.t("timer.paused"));
    } else if doc.timer.phase != phase || !doc.timer.is_used() {
        let planned = doc.planned(phase);
        doc.timer.switch(phase, planned, now);
        doc.timer.start(now);
        let left = super::timer::clock(doc.timer.remaining(now));
        app.info(lang.tf("timer.started", &[("phase", &name), ("left", &left)]));
    } else {
        doc.timer.start(now);
        app.info(lang.t("timer.resumed"));
    }
    app.keep_time();
}

/// Commands that mean the same on every screen. Returns whether handled.
pub fn command(app: &mut App, cmd: Command) -> bool {
    let lang = app.lang;
    match cmd {
        Command::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Command::Quit => super::apply::quit(app, false),
        Command::Undo | Command::Redo => {
            let Some(doc) = app.doc.as_mut() else {
                return true;
            };
            if doc.read_only {
                return true;
            }
            let (done, nothing, result) = if cmd == Command::Undo {
                ("app.undone", "app.nothing_to_undo", doc.undo(lang))
            } else {
                ("app.redone", "app.nothing_to_redo", doc.redo(lang))
            };
            match result {
                Some(Ok(what)) => app.info(lang.tf(done, &[("what", &what)])),
                Some(Err(e)) => app.error(e.localize(lang)),
                None => app.info(lang.t(nothing)),
            }
            app.fit_all();
        }
        Command::Home => super::apply::go_home(app),
        Command::Projection => {
            app.projection = !app.projection;
            let key = if app.projection {
                "app.projection_on"
            } else {
                "app.projection_off"
            };
            app.info(lang.t(key));
            app.fit_all();
        }
        Command::TimerToggle => timer_toggle(app),
        Command::Export => on_open_doc(app, |d, cx| super::exchange::export_form(d, cx)),
        Command::Import => on_open_doc(app, |d, cx| super::exchange::import_form(d, cx)),
        Command::TimerReset | Command::TimerPlus | Command::TimerMinus => {
            let now = app.instant();
            let Some(doc) = app.doc.as_mut() else {
                return true;
            };
            match cmd {
                Command::TimerReset => doc.timer.reset(now),
                Command::TimerPlus => doc.timer.add_minutes(1, now),
                _ => doc.timer.add_minutes(-1, now),
            }
            doc.keep_time(now, lang);
            let left = super::timer::clock(doc.timer.remaining(now));
            app.info(lang.tf("timer.left", &[("left", &left)]));
        }
        Command::Phase(p) => super::apply::go_phase(app, p),
        Command::NextPhase | Command::PrevPhase => {
            let Screen::Phase(now) = app.screen() else {
                return false;
            };
            let at = PHASES.iter().position(|p| *p == now).unwrap_or(0) as isize;
            let d = if cmd == Command::NextPhase { 1 } else { -1 };
            super::apply::go_phase(
                app,
                PHASES[(at + d).rem_euclid(PHASES.len() as isize) as usize],
            );
        }
        _ => return false,
    }
    true
}
