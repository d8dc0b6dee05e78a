//! The event loop: terminal events, ticks, save reports and the room's
//! requests arrive on one channel (`Input`), become actions, go through
//! `update`; the screen is drawn after each batch. The terminal is
//! restored on exit, on error and on panic.

use crate::app::input::{Input, Inputs};
use crate::app::{Action, App, keypress, update};
use crate::store::Access;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    MouseButton, MouseEventKind,
};
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::unbounded_channel;

/// What to open at start, if anything.
pub struct Launch {
    pub app: App,
    pub open: Option<(PathBuf, Access)>,
    /// A problem with the config file, shown once the screen is up.
    pub config_problem: Option<String>,
}

pub fn run(launch: Launch) -> io::Result<()> {
    // The phones' connections must never starve the workshop's own files.
    let _ = crate::platform::raise_file_limit();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run_async(launch))
}

/// Turns off what ratatui's own restore does not know about.
fn restore_extras() {
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
}

/// The terminal the app draws on. Frames are built in a buffer as large as
/// a frame and leave in one write, wrapped in a synchronized update (terminals
/// that know it show the frame whole, never half drawn on the projector;
/// the others ignore it). `Stdout` alone flushes every kilobyte.
pub type Screen = ratatui::Terminal<ratatui::backend::CrosstermBackend<io::BufWriter<io::Stdout>>>;

fn open_terminal() -> io::Result<Screen> {
    // Restore the terminal before a panic message prints: raw mode off, the
    // normal screen back, mouse and bracketed paste off.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_extras();
        ratatui::restore();
        previous(info);
    }));
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    let out = io::BufWriter::with_capacity(1 << 18, io::stdout());
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(out))
}

/// Draws one frame, whole.
fn draw(terminal: &mut Screen, app: &App) -> io::Result<()> {
    use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
    crossterm::queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| crate::ui::draw(f, app))?;
    crossterm::queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    use std::io::Write;
    terminal.backend_mut().flush()
}

async fn run_async(launch: Launch) -> io::Result<()> {
    let mut terminal = open_terminal()?;
    let result = match crossterm::execute!(io::stdout(), EnableBracketedPaste, EnableMouseCapture) {
        Ok(()) => event_loop(&mut terminal, launch).await,
        Err(e) => Err(e),
    };
    restore_extras();
    // Quietly: when the terminal is gone there is nobody to tell, and
    // printing to it would fail.
    let _ = ratatui::try_restore();
    result
}

/// Reads terminal events on a thread of its own. crossterm spins without
/// returning when its terminal disappears under it (end of file); on its
/// own thread that cannot freeze the loop, which then notices the terminal
/// is gone (see the tick) and stops after saving.
fn read_events(inputs: Inputs) {
    let spawned = std::thread::Builder::new()
        .name("atelier-input".into())
        .spawn({
            let inputs = inputs.clone();
            move || {
                loop {
                    let input = match crossterm::event::read() {
                        Ok(event) => Input::Terminal(event),
                        Err(e) => Input::TerminalLost(e),
                    };
                    let lost = matches!(input, Input::TerminalLost(_));
                    if inputs.send(input).is_err() || lost {
                        break;
                    }
                }
            }
        });
    if let Err(e) = spawned {
        // Without input there is no app: say so through the channel.
        let _ = inputs.send(Input::TerminalLost(e));
    }
}

/// A tick every 250 ms: the timer, the clock, the window's size.
fn tick(inputs: Inputs) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_millis(250));
        loop {
            let now = every.tick().await;
            if inputs.send(Input::Tick(now.into_std())).is_err() {
                break;
            }
        }
    });
}

fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => keypress::translate(app, key),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(w, h) => Some(Action::Resize(ratatui::layout::Size::new(w, h))),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Scroll(1)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(-1)),
            _ => None,
        },
        _ => None,
    }
}

/// Starts, moves or stops the phones' server to match what the app wants.
pub(crate) fn serve(app: &mut App, server: &mut Option<crate::web::Running>, inputs: &Inputs) {
    let wanted = app.phones.wanted(app.doc.as_ref().map(|d| &d.w));
    if server.as_ref().map(|s| s.requested) == wanted {
        return;
    }
    if let Some(mut old) = server.take() {
        old.stop();
    }
    if let Some(addr) = wanted {
        let _ = inputs.send(Input::Server(crate::app::phones::ServerEvent::Starting));
        // The workshop's key first: phones must be signed with the one
        // the file keeps, or a restart would not know them.
        if let Some(doc) = app.doc.as_mut() {
            crate::app::phones::ensure_join_code(doc, app.lang);
        }
        let key = app
            .doc
            .as_ref()
            .and_then(|d| d.w.phone_settings().key.clone());
        *server = Some(crate::web::start(addr, inputs.clone(), key.as_deref()));
    }
}

/// What an input means for `update`, read against the current state.
pub(crate) fn action_of(app: &App, input: Input) -> Option<Action> {
    match input {
        Input::Terminal(event) => to_action(app, event),
        Input::Tick(now) => Some(Action::Tick(now)),
        Input::Saved(report) => Some(Action::Saved(report)),
        Input::Remote(remote) => Some(Action::Remote(remote)),
        Input::Server(event) => Some(Action::Server(event)),
        Input::Exported(done) => Some(Action::Exported(done)),
        Input::TerminalLost(_) => None,
    }
}

async fn event_loop(terminal: &mut Screen, launch: Launch) -> io::Result<()> {
    let Launch {
        mut app,
        open,
        config_problem,
    } = launch;
    let (inputs, mut received) = unbounded_channel::<Input>();
    let saved = inputs.clone();
    app.notify = Some(Arc::new(move |r| {
        let _ = saved.send(Input::Saved(r));
    }));
    app.inputs = Some(inputs.clone());
    app.size = terminal.size()?;
    crate::app::opening::refresh(&mut app);
    if let Some((path, access)) = open {
        crate::app::opening::open(&mut app, &path, access);
    }
    if let Some(problem) = config_problem {
        let text = app.lang.tf("app.config_problem", &[("problem", &problem)]);
        app.error(text);
    }
    app.phones.networks = crate::app::phones::networks();
    read_events(inputs.clone());
    tick(inputs.clone());
    let mut server: Option<crate::web::Running> = None;
    let mut stop = crate::platform::Stop::new()?;
    draw(terminal, &app)?;
    loop {
        let mut batch: Vec<Input> = Vec::new();
        let stop = tokio::select! {
            input = received.recv() => match input {
                Some(input) => { batch.push(input); false }
                None => true,
            },
            () = stop.wait() => true,
        };
        if stop {
            // Every change is already on disk or on its way: wait for it.
            app.close_doc();
            return Ok(());
        }
        // Whatever else is ready joins the batch: one draw for a burst.
        while let Ok(input) = received.try_recv() {
            batch.push(input);
        }
        if let Some(lost) = batch.iter_mut().find_map(|i| match i {
            Input::TerminalLost(e) => Some(std::mem::replace(e, io::Error::other("lost"))),
            _ => None,
        }) {
            app.close_doc();
            return Err(lost);
        }
        // A resize can be lost when it comes in the same instant as a key
        // (crossterm returns the key and drops the signal): check the size
        // on every tick, so the screen always follows the window. When the
        // terminal itself is gone (the window closed without a hang-up),
        // asking its size fails: save and stop.
        if batch.iter().any(|i| matches!(i, Input::Tick(_))) {
            match terminal.size() {
                Ok(size) if size != app.size => {
                    batch.push(Input::Terminal(Event::Resize(size.width, size.height)));
                }
                Ok(_) => {}
                Err(_) => {
                    app.close_doc();
                    return Ok(());
                }
            }
        }
        let mut redraw = false;
        for input in batch {
            // Each input is read against the state the previous one left.
            if let Some(action) = action_of(&app, input) {
                redraw |= update(&mut app, action);
            }
            if app.should_quit {
                return Ok(());
            }
        }
        serve(&mut app, &mut server, &inputs);
        if redraw {
            draw(terminal, &app)?;
        }
        if std::mem::take(&mut app.bell) {
            use std::io::Write;
            let mut out = io::stdout();
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
        // After the frame: the facilitator sees the change before the
        // snapshot for the writer is taken.
        app.flush_saves();
    }
}
