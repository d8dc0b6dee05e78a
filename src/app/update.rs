//! The one place where state changes: `update(app, action)`.

use super::command::Command;
use super::{
    Action, App, Confirm, ConfirmKind, MESSAGE_FOR, Overlay, PHASES, Screen, capture, home,
    results, setup, sheets, tag, vote,
};
use crate::domain::{DomainError, Op, Phase};
use crate::i18n::Localize;

impl App {
    /// Runs an op on the open workshop; a refusal becomes the message.
    /// Returns whether it was applied.
    pub fn run_op(&mut self, op: Result<Op, DomainError>) -> bool {
        let lang = self.lang;
        let Some(doc) = self.doc.as_mut() else {
            return false;
        };
        if doc.read_only {
            // Nothing would reach the disk: say so rather than pretend.
            let text = lang.tf("store.read_only", &[("path", &doc.path.display())]);
            self.error(text);
            return false;
        }
        match op.and_then(|op| doc.run(op, lang)) {
            Ok(_) => true,
            Err(e) => {
                self.error(e.localize(lang));
                false
            }
        }
    }
}

/// Applies an action. Returns whether the screen may have changed.
pub fn update(app: &mut App, action: Action) -> bool {
    let before = app
        .doc
        .as_ref()
        .map(|d| (d.generation, d.w.next().proposal, app.typing()));
    let changed = apply_action(app, action);
    keep_typed(app, before);
    tell_notices(app);
    changed
}

/// Nothing typed is lost: what a change just made data (a proposal
/// entered, a form or field submitted) stays in the draft until its save
/// is reported on disk, and what is being typed is written at once.
fn keep_typed(app: &mut App, before: Option<(u64, u32, Vec<crate::store::draft::FormText>)>) {
    let typing = app.typing();
    let Some(doc) = app.doc.as_mut() else { return };
    if let Some((generation, next, typed)) = before
        && doc.generation > generation
    {
        let entered: Vec<_> = doc
            .w
            .proposals()
            .iter()
            .rev()
            .take_while(|p| p.id.0 >= next)
            .map(|p| (**p).clone())
            .collect();
        for p in entered.into_iter().rev() {
            doc.entered(super::doc::Pending::Proposal(p));
        }
        let submitted: Vec<_> = typed.into_iter().filter(|t| !typing.contains(t)).collect();
        if !submitted.is_empty() {
            doc.entered(super::doc::Pending::Fields(submitted));
        }
    }
    doc.keep_typed(typing);
}

/// What saves made along the way have to tell the facilitator.
pub fn tell_notices(app: &mut App) {
    let notices = app
        .doc
        .as_mut()
        .map(|d| std::mem::take(&mut d.notices))
        .unwrap_or_default();
    for n in notices {
        super::conflict::tell(app, n);
    }
}

fn apply_action(app: &mut App, action: Action) -> bool {
    // One place for every paste: CR and CRLF line breaks become LF.
    let action = match action {
        Action::Paste(text) => {
            Action::Paste(crate::domain::text::normalize_newlines(&text).into_owned())
        }
        other => other,
    };
    // The room's requests never wait for the facilitator's screen.
    let action = match action {
        Action::Remote(remote) => {
            let before = app.phones.received_new;
            super::phones::handle(app, remote);
            let now = app.phones.received_new;
            if now > before {
                let text = app.lang.tf("received.new", &[("n", &now)]);
                app.info(text);
            }
            return true;
        }
        Action::Server(event) => {
            super::phones::on_server(app, event);
            return true;
        }
        Action::Exported(done) => {
            super::exchange::exported(app, done, true);
            return true;
        }
        other => other,
    };
    // A window too small to show the screens (a projector renegotiating
    // its resolution) shows how to enlarge it and the line being typed:
    // keys go on as usual, only pointing at a place on screen is lost.
    if app.too_small() && matches!(action, Action::Click { .. } | Action::Scroll(_)) {
        return false;
    }
    match action {
        Action::Tick(now) => tick(app, now),
        Action::Saved(report) => {
            let lang = app.lang;
            let notice = app.doc.as_mut().and_then(|d| d.on_report(report, lang));
            if let Some(n) = notice {
                super::conflict::tell(app, n);
            }
            true
        }
        Action::Resize(size) => {
            app.size = size;
            app.fit_all();
            true
        }
        Action::Click { column, row } => {
            click(app, column, row);
            true
        }
        Action::Scroll(delta) => {
            scroll(app, delta as isize * 3);
            true
        }
        action if app.overlay.is_some() => {
            overlay(app, action);
            true
        }
        Action::Command(cmd) if global(app, cmd) => true,
        action => {
            screen_action(app, action);
            true
        }
    }
}

/// An action for the screen itself.
fn screen_action(app: &mut App, action: Action) {
    match app.screen {
        Screen::Home => home::on_action(app, action),
        Screen::Phase(Phase::Capture) => capture::on_action(app, action),
        Screen::Phase(Phase::Tag) => tag::on_action(app, action),
        Screen::Phase(Phase::Setup) => setup::on_action(app, action),
        Screen::Phase(Phase::Vote) => vote::on_action(app, action),
        Screen::Phase(Phase::Results) => results::on_action(app, action),
        Screen::Phase(Phase::Sheets) => sheets::on_action(app, action),
    }
}

/// Time passes: messages expire, the timer warns and ends (once each).
/// Returns whether the screen changes (every tick while the timer runs).
fn tick(app: &mut App, now: std::time::Instant) -> bool {
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
    let screen = app.screen;
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
fn global(app: &mut App, cmd: Command) -> bool {
    let lang = app.lang;
    match cmd {
        Command::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Command::Quit => quit(app, false),
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
                Some(Ok(label)) => app.info(lang.tf(done, &[("what", &lang.t(label))])),
                Some(Err(e)) => app.error(e.localize(lang)),
                None => app.info(lang.t(nothing)),
            }
            app.fit_all();
        }
        Command::Home => go_home(app),
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
        Command::Export => super::exchange::export_form(app),
        Command::Import => super::exchange::import_form(app),
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
        Command::Phase(p) => go_phase(app, p),
        Command::NextPhase | Command::PrevPhase => {
            let Screen::Phase(now) = app.screen else {
                return false;
            };
            let at = PHASES.iter().position(|p| *p == now).unwrap_or(0) as isize;
            let d = if cmd == Command::NextPhase { 1 } else { -1 };
            go_phase(
                app,
                PHASES[(at + d).rem_euclid(PHASES.len() as isize) as usize],
            );
        }
        _ => return false,
    }
    true
}

fn go_phase(app: &mut App, p: Phase) {
    if app.doc.is_none() {
        app.info(app.t("app.open_first"));
        return;
    }
    if PHASES.contains(&p) {
        // A message belongs to the screen it was said on.
        if app.screen != Screen::Phase(p) {
            app.message = None;
        }
        app.screen = Screen::Phase(p);
        if let Some(doc) = app.doc.as_mut() {
            doc.show(p);
        }
        app.fit_all();
    }
}

fn go_home(app: &mut App) {
    app.close_doc();
    app.message = None;
    app.screen = Screen::Home;
    home::refresh(app);
}

/// Quits, unless the last save failed: then the facilitator decides.
fn quit(app: &mut App, confirmed: bool) {
    let lang = app.lang;
    if !confirmed && let Some(reason) = app.doc.as_ref().and_then(|d| d.save_error.clone()) {
        app.overlay = Some(Overlay::Confirm(Confirm {
            kind: ConfirmKind::QuitUnsaved,
            title: lang.t("app.quit_unsaved_title").to_string(),
            body: lang.tf("app.quit_unsaved_body", &[("reason", &reason)]),
            choices: Vec::new(),
            selected: None,
        }));
        return;
    }
    // Read-only, nothing typed can be kept, not even in the draft.
    let typed = app
        .doc
        .as_ref()
        .is_some_and(|d| d.read_only && (!d.capture.text.is_blank() || !app.typing().is_empty()));
    if !confirmed && typed {
        app.overlay = Some(Overlay::Confirm(Confirm {
            kind: ConfirmKind::QuitWithDraft,
            title: lang.t("app.quit_draft_title").to_string(),
            body: lang.t("app.quit_draft_body").to_string(),
            choices: Vec::new(),
            selected: None,
        }));
        return;
    }
    app.close_doc();
    app.should_quit = true;
}

fn overlay(app: &mut App, action: Action) {
    let Some(mut overlay) = app.overlay.take() else {
        return;
    };
    let keep = match (&mut overlay, action) {
        (Overlay::Help { scroll } | Overlay::Viewer { scroll, .. }, Action::Command(cmd)) => {
            scroll_text(scroll, cmd)
        }
        (Overlay::Form(form), Action::Command(cmd)) => form_command(app, form, cmd),
        (Overlay::Form(form), Action::Key(key)) => {
            form_key(form, key);
            true
        }
        (Overlay::Form(form), Action::Paste(text)) => {
            if let Some(field) = form.focused_text() {
                field.insert(&text);
            }
            true
        }
        (Overlay::Confirm(confirm), Action::Command(cmd)) if confirm.kind.unbidden() => {
            unbidden(app, confirm, cmd)
        }
        // A dialog that opened by itself takes no typing: the text goes on
        // into the field underneath.
        (Overlay::Confirm(confirm), action @ (Action::Key(_) | Action::Paste(_)))
            if confirm.kind.unbidden() =>
        {
            screen_action(app, action);
            true
        }
        (Overlay::Confirm(confirm), Action::Command(cmd)) => {
            let kind = confirm.kind.clone();
            match cmd {
                Command::Confirm | Command::Choice(1) => {
                    confirmed(app, kind);
                    false
                }
                Command::Cancel => {
                    declined(app, kind);
                    false
                }
                _ => true,
            }
        }
        (Overlay::Paste { lines, text }, Action::Command(cmd)) => {
            paste_command(app, lines, text, cmd)
        }
        _ => true,
    };
    closed_overlay(app, overlay, keep);
}

/// A text shown whole (help, a viewer) scrolls; Esc or Enter closes it.
/// Whether it stays open.
fn scroll_text(scroll: &mut u16, cmd: Command) -> bool {
    match cmd {
        Command::Up => *scroll = scroll.saturating_sub(1),
        Command::Down => *scroll = scroll.saturating_add(1),
        Command::PageUp => *scroll = scroll.saturating_sub(10),
        Command::PageDown => *scroll = scroll.saturating_add(10),
        Command::Cancel | Command::Confirm => return false,
        _ => {}
    }
    true
}

/// A command in a form: move among fields, change a choice, cancel, or
/// submit. Whether the form stays open.
fn form_command(app: &mut App, form: &mut super::form::Form, cmd: Command) -> bool {
    match cmd {
        Command::Cancel => return false,
        Command::NextField => {
            form.next(1);
        }
        Command::PrevField => {
            form.next(-1);
        }
        Command::ChoiceNext => {
            form.cycle(1);
        }
        Command::ChoicePrev => {
            form.cycle(-1);
        }
        Command::Confirm => {
            let said_before = app.message.as_ref().map(|m| m.at);
            let done = submit(app, form);
            // A refusal said earlier does not outlive the value that
            // fixed it.
            let unchanged = app.message.as_ref().map(|m| m.at) == said_before;
            if done
                && unchanged
                && app
                    .message
                    .as_ref()
                    .is_some_and(|m| m.level == super::Level::Error)
            {
                app.message = None;
            }
            return !done;
        }
        _ => {}
    }
    true
}

/// What submitting a form does, by what it is for: one line per purpose,
/// none forgotten. Whether it was taken (the form then closes).
fn submit(app: &mut App, form: &super::form::Form) -> bool {
    use super::form::Purpose;
    match &form.purpose {
        Purpose::NewWorkshop => home::create(app, form),
        Purpose::Participant(_) | Purpose::Axis(_) | Purpose::Detail(_) | Purpose::Agenda(_) => {
            setup::submit(app, form)
        }
        Purpose::Round(round) => vote::submit(app, form, *round),
        Purpose::TopPerAxis => results::top_per_axis(app, form),
        Purpose::Sheet(id, part) => sheets::submit(app, form, id, *part),
        Purpose::Export => super::exchange::export_submit(app, form),
        Purpose::Import(paths) => super::exchange::import_submit(app, form, paths),
        Purpose::MergeReceived(id) => super::received::merge_submit(app, form, *id),
        Purpose::SetAside(id) => super::received::aside_submit(app, form, *id),
    }
}

/// A key no table binds, in a form: typed into the focused text field,
/// or moving the focused choice.
fn form_key(form: &mut super::form::Form, key: ratatui::crossterm::event::KeyEvent) {
    use ratatui::crossterm::event::KeyCode;
    if let Some(field) = form.focused_text() {
        field.key(key);
    } else if matches!(key.code, KeyCode::Left | KeyCode::Char(' ')) {
        form.cycle(if key.code == KeyCode::Left { -1 } else { 1 });
    } else if key.code == KeyCode::Right {
        form.cycle(1);
    }
}

/// Several lines pasted: one proposal per line (1, Enter), all as one (2),
/// or nothing (Esc). Whether the question stays open.
fn paste_command(app: &mut App, lines: &mut Vec<String>, text: &mut String, cmd: Command) -> bool {
    match cmd {
        Command::Confirm | Command::Choice(1) => {
            capture::paste_choice(app, std::mem::take(lines), std::mem::take(text), true);
            false
        }
        Command::Choice(2) => {
            capture::paste_choice(app, Vec::new(), std::mem::take(text), false);
            false
        }
        Command::Cancel => false,
        _ => true,
    }
}

/// After an overlay handled its action: kept, replaced by the one its
/// handler opened, or closed (with what closing it means).
fn closed_overlay(app: &mut App, overlay: Overlay, keep: bool) {
    let was_viewer = matches!(overlay, Overlay::Viewer { .. });
    // A handler may have opened another overlay (a dialog after a form).
    if keep && app.overlay.is_none() {
        app.overlay = Some(overlay);
    }
    // Texts recovered after a crash are kept until their viewer is read.
    if !keep
        && was_viewer
        && let Some(doc) = app.doc.as_mut()
    {
        doc.recovered.clear();
    }
    // Closing the comparison brings the unsettled question back.
    if !keep
        && was_viewer
        && app.overlay.is_none()
        && app.doc.as_ref().is_some_and(|d| d.conflict.is_some())
    {
        super::conflict::ask(app);
    }
}

/// A dialog that opened by itself: arrows move among its choices (none is
/// chosen at first), Enter takes the one shown, Esc puts it off. Whether
/// the dialog stays open.
fn unbidden(app: &mut App, confirm: &mut Confirm, cmd: Command) -> bool {
    let n = confirm.choices.len().max(1);
    match cmd {
        Command::Up => {
            confirm.selected = Some(confirm.selected.map_or(n - 1, |s| (s + n - 1) % n));
            true
        }
        Command::Down => {
            confirm.selected = Some(confirm.selected.map_or(0, |s| (s + 1) % n));
            true
        }
        Command::Confirm => match confirm.selected {
            Some(i) => {
                let kind = confirm.kind.clone();
                match kind {
                    ConfirmKind::FileConflict => super::conflict::chosen(app, i as u8 + 1),
                    kind if i == 0 => confirmed(app, kind),
                    kind => declined(app, kind),
                }
                false
            }
            None => true,
        },
        Command::Cancel => {
            declined(app, confirm.kind.clone());
            false
        }
        _ => true,
    }
}

fn confirmed(app: &mut App, kind: ConfirmKind) {
    match kind {
        ConfirmKind::Merge => tag::merge(app),
        ConfirmKind::QuitWithDraft | ConfirmKind::QuitUnsaved => quit(app, true),
        ConfirmKind::OpenReadOnly(path) => {
            home::open_now(app, &path, crate::store::Access::ReadOnly);
        }
        ConfirmKind::Recover(path) => home::recover(app, &path, true),
        ConfirmKind::AddParticipants(lines) => setup::add_participants(app, lines),
        ConfirmKind::Reveal(round) => vote::reveal(app, round, true),
        ConfirmKind::Hide(round) => vote::reveal(app, round, false),
        ConfirmKind::Runoff(round) => vote::runoff(app, round),
        ConfirmKind::CastBallot => vote::cast(app),
        ConfirmKind::DraftSheets => results::draft(app),
        ConfirmKind::FileConflict => {}
    }
}

fn declined(app: &mut App, kind: ConfirmKind) {
    if let ConfirmKind::Recover(path) = kind {
        home::recover(app, &path, false);
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    if app.overlay.is_some() || app.too_small() {
        return;
    }
    use crate::app::layout::{self, Hit};
    match layout::hit(app, column, row) {
        Some(Hit::Tab(p)) => go_phase(app, p),
        Some(Hit::HomeRow(r)) => {
            let h = layout::home_list_height(app);
            let len = app.home.items.len();
            let target = app.home.list.offset + r;
            if target < len {
                app.home.list.select(target, len, h);
            }
        }
        Some(Hit::CaptureRow(r)) => capture::click_row(app, r),
        Some(Hit::TagRow(r)) => tag::click_row(app, r),
        Some(Hit::SetupRow(section, r)) => setup::click_row(app, section, r),
        None => {}
    }
}

fn scroll(app: &mut App, delta: isize) {
    match &mut app.overlay {
        Some(Overlay::Help { scroll } | Overlay::Viewer { scroll, .. }) => {
            *scroll = (*scroll as isize + delta).max(0) as u16;
            return;
        }
        Some(_) => return,
        None => {}
    }
    match app.screen {
        Screen::Phase(Phase::Capture) => capture::scroll(app, delta),
        Screen::Phase(Phase::Tag) => tag::scroll(app, delta),
        Screen::Home => {
            let h = crate::app::layout::home_list_height(app);
            let len = app.home.items.len();
            app.home.list.scroll(delta, len, h);
        }
        Screen::Phase(_) => {}
    }
}
