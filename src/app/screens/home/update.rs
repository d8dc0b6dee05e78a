//! Home: the workshops of the folder; open one, or create one. What
//! opening does to the app (the lock, a crash's temp file, read-only
//! access) is the router's (`app/opening.rs`), asked by an effect.

use super::state::{HomeState, Item, info};
use crate::app::cx::Cx;
use crate::app::effect::{Effect, Fx};
use crate::app::form::{Form, Purpose};
use crate::app::keys::command::Command;
use crate::app::{Action, Overlay};
use crate::i18n::{Lang, Localize, io_reason};
use crate::store::{self, Access};

/// Reads the folder again.
pub fn refresh(home: &mut HomeState, lang: Lang, height: usize) {
    match store::list(&home.dir) {
        Ok(listed) => {
            home.problem = None;
            home.items = listed
                .into_iter()
                .map(|l| Item {
                    info: l.workshop.as_ref().map(info).map_err(|e| e.localize(lang)),
                    path: l.path,
                })
                .collect();
        }
        // A missing folder is what a fresh machine has: it is made on the
        // first save; until then the list is empty.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            home.items.clear();
            home.problem = None;
        }
        Err(e) => {
            home.items.clear();
            home.problem = Some(lang.tf(
                "home.folder_problem",
                &[
                    ("dir", &home.dir.display()),
                    ("reason", &io_reason(lang, &e)),
                ],
            ));
        }
    }
    home.list.fit(home.items.len(), height);
}

/// A key on the home screen: move in the list, open the workshop under
/// the cursor (an effect: opening changes the whole app), or ask for a new
/// one.
pub fn on_action(st: &mut HomeState, cx: &Cx, action: Action) -> Fx {
    let mut fx = Fx::none();
    let Action::Command(cmd) = action else {
        return fx;
    };
    let h = cx.home_list();
    if st.list.navigate(cmd, st.items.len(), h) {
        return fx;
    }
    match cmd {
        Command::Confirm | Command::ReadOnly => {
            let Some(item) = st.items.get(st.list.selected).cloned() else {
                return fx;
            };
            if let Err(why) = item.info {
                fx.error(why);
            } else {
                let access = if cmd == Command::ReadOnly {
                    Access::ReadOnly
                } else {
                    Access::ReadWrite
                };
                fx.push(Effect::OpenWorkshop(item.path, access));
            }
        }
        Command::New => {
            // The app's clock, never the wall clock: tests fix the day.
            let today = cx.now.0.date().format("%d/%m/%Y").to_string();
            fx.open(Overlay::Form(Form::new(
                Purpose::NewWorkshop,
                "home.new_title",
                vec![
                    Form::text("setup.title", ""),
                    Form::text("setup.territory", ""),
                    Form::suggested("setup.date", &today),
                    Form::text("setup.place", ""),
                    Form::text("setup.facilitator", ""),
                ],
            )));
        }
        Command::Refresh => refresh(st, cx.lang, h),
        _ => {}
    }
    fx
}
