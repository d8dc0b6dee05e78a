//! "Now" comes from the app's clock, never from the machine: a test on any
//! day, in any time zone, draws the same screens.

use crate::app::drive::{test_app, type_text};
use crate::app::{Clock, Overlay};
use crate::domain::Stamp;
use crate::i18n::Lang;
use crate::ui::memory::screen;
use ratatui::layout::Size;
use std::path::PathBuf;

fn empty_folder(name: &str) -> PathBuf {
    let dir = PathBuf::from("target/ui-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("sessions")
}

#[test]
fn the_new_workshop_form_dates_from_the_apps_clock() {
    let mut app = test_app(empty_folder("clock_form"), Lang::Fr, Size::new(100, 30));
    app.clock = Clock::Fixed(Stamp::from_ymd_hms(2031, 7, 9, 23, 59, 59).unwrap());
    type_text(&mut app, "n");
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("the new-workshop form opens");
    };
    assert_eq!(form.value(2), "09/07/2031");
    assert!(screen(&app).contains("09/07/2031"), "{}", screen(&app));
}
