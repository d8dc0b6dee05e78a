//! The mouse: a click selects or goes to a tab, the wheel scrolls.

use super::apply::on_screen;
use super::screens::{capture, setup, tag};
use super::{App, Overlay, Screen};
use crate::domain::Phase;

pub fn click(app: &mut App, column: u16, row: u16) {
    if app.overlay.is_some() || app.too_small() {
        return;
    }
    use crate::app::layout::{self, Hit};
    match layout::hit(app, column, row) {
        Some(Hit::Tab(p)) => super::apply::go_phase(app, p),
        Some(Hit::HomeRow(r)) => {
            let h = layout::home_list_height(app);
            let len = app.home.items.len();
            let target = app.home.list.offset + r;
            if target < len {
                app.home.list.select(target, len, h);
            }
        }
        Some(Hit::CaptureRow(r)) => {
            on_screen(app, |s, d, cx| capture::click_row(&mut s.capture, d, cx, r));
        }
        Some(Hit::TagRow(r)) => on_screen(app, |s, _, cx| tag::click_row(&mut s.tag, cx, r)),
        Some(Hit::SetupRow(section, r)) => {
            on_screen(app, |s, d, cx| {
                setup::click_row(&mut s.setup, d, cx, section, r);
            });
        }
        None => {}
    }
}

pub fn scroll(app: &mut App, delta: isize) {
    match &mut app.overlay {
        Some(Overlay::Help { scroll } | Overlay::Viewer { scroll, .. }) => {
            *scroll = (*scroll as isize + delta).max(0) as u16;
            return;
        }
        Some(_) => return,
        None => {}
    }
    match app.screen() {
        Screen::Phase(Phase::Capture) => on_screen(app, |s, d, cx| {
            capture::scroll(&mut s.capture, d, cx, delta);
        }),
        Screen::Phase(Phase::Tag) => on_screen(app, |s, _, cx| tag::scroll(&mut s.tag, cx, delta)),
        Screen::Home => {
            let h = crate::app::layout::home_list_height(app);
            let len = app.home.items.len();
            app.home.list.scroll(delta, len, h);
        }
        Screen::Phase(_) => {}
    }
}
