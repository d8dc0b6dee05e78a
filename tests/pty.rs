//! The real binary in a pseudo-terminal, read back through a terminal
//! emulator (vt100): what a facilitator would see and do.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const ROWS: u16 = 34;
const COLS: u16 = 120;

struct Session {
    master: Box<dyn portable_pty::MasterPty + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    screen: vt100::Parser,
}

impl Session {
    fn start(home: &Path, args: &[&str]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_atelier"));
        cmd.args(args);
        cmd.env("ATELIER_HOME", home);
        cmd.env("LANG", "fr_FR.UTF-8");
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            master: pair.master,
            child,
            writer,
            output,
            screen: vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0),
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Reads until the screen shows `needle`, or fails after a while.
    fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if self.contents().contains(needle) {
                return;
            }
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
                self.screen.process(&bytes);
            }
        }
        panic!(
            "the screen never showed {needle:?}; it shows:\n{}",
            self.contents()
        );
    }

    /// Resizes the terminal, as dragging the window would.
    fn resize(&mut self, rows: u16, cols: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.screen
            .screen_mut()
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            // Keep draining output so the child never blocks on a full pty.
            while let Ok(bytes) = self.output.try_recv() {
                self.screen.process(&bytes);
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "atelier did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A private home whose workshops folder holds a copy of the example.
fn home_with_example() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("sessions")).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/sessions/exemple-drome.toml"),
        home.path().join("sessions/exemple-drome.toml"),
    )
    .unwrap();
    home
}

/// A test that fails must not leave the app running.
impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn closing_the_terminal_window_keeps_the_proposal_and_the_words_being_typed() {
    let home = home_with_example();
    let file = home.path().join("sessions/exemple-drome.toml");
    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Nouvelle proposition (n° 30)");
    s.send("Dite juste avant la coupure\r");
    s.wait_for("Proposition n° 30 enregistrée");
    s.send("des mots en cours");
    s.wait_for("des mots en cours");
    // What the system does when the window is closed or the link drops.
    let pid = s.child.process_id().unwrap().to_string();
    let hup = std::process::Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .unwrap();
    assert!(hup.success());
    assert!(s.wait_exit().success(), "a hang-up is a normal stop");
    let toml = std::fs::read_to_string(&file).unwrap();
    assert!(
        toml.contains("text = \"Dite juste avant la coupure\""),
        "{toml}"
    );

    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("des mots en cours");
    s.send("\x11");
    assert!(s.wait_exit().success());
}

#[test]
fn type_two_proposals_quit_reopen_and_find_them() {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("sessions");
    let created = std::process::Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(["new", "Atelier PTY", "--territory", "Drôme (26)"])
        .env("ATELIER_HOME", home.path())
        .output()
        .unwrap();
    assert!(created.status.success());
    let file = sessions.join("atelier-pty.toml");

    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Nouvelle proposition (n° 1)");
    s.send("Un référent unique pour le RSA 🤝\r");
    s.wait_for("Proposition n° 1 enregistrée");
    s.send("\x1b2"); // Alt+2: axis 2 for the next one
    s.send("Des places en crèche\r");
    s.wait_for("Proposition n° 2 enregistrée");
    s.wait_for("● enregistré");
    s.send("\x11"); // Ctrl+Q
    assert!(s.wait_exit().success());

    let mut s = Session::start(home.path(), &["open", "atelier-pty"]);
    s.wait_for("2 propositions");
    let screen = s.contents();
    assert!(
        screen.contains("Un référent unique pour le RSA"),
        "{screen}"
    );
    assert!(screen.contains("Des places en crèche"), "{screen}");
    assert!(screen.contains("[2 Emploi]"), "{screen}");
    s.send("\x11");
    assert!(s.wait_exit().success());

    let toml = std::fs::read_to_string(&file).unwrap();
    assert!(
        toml.contains("text = \"Un référent unique pour le RSA 🤝\""),
        "{toml}"
    );
    assert!(
        toml.contains("text = \"Des places en crèche\"\naxes = [2]"),
        "{toml}"
    );
}

#[test]
fn the_home_screen_lists_workshops_and_a_tiny_terminal_is_told_so() {
    let home = home_with_example();
    let mut s = Session::start(home.path(), &[]);
    s.wait_for("exemple-drome.toml");
    s.wait_for("Entrée ouvrir");
    s.send("\r");
    s.wait_for("Nouvelle proposition (n° 30)");
    s.resize(8, 20);
    s.wait_for("Fenêtre trop");
    s.resize(ROWS, COLS);
    s.wait_for("27 propositions");
    s.send("\x11");
    assert!(s.wait_exit().success());
}

/// crossterm can drop a resize that comes in the same instant as a key;
/// the app checks the size on every tick, so the screen still follows.
#[test]
fn a_resize_at_the_same_instant_as_a_key_is_not_lost() {
    let home = home_with_example();
    let mut s = Session::start(home.path(), &["open", "exemple-drome"]);
    s.wait_for("Nouvelle proposition (n° 30)");
    for _ in 0..10 {
        s.send("a");
        s.resize(8, 20);
        s.wait_for("Fenêtre trop");
        s.send("a");
        s.resize(ROWS, COLS);
        s.wait_for("Nouvelle proposition (n° 30)");
    }
    s.send("\x11");
    assert!(s.wait_exit().success());
}
