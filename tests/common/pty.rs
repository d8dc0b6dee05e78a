//! The real binary in a pseudo-terminal, read back through a terminal
//! emulator (vt100): what a facilitator would see and do.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

pub const ROWS: u16 = 34;
pub const COLS: u16 = 120;

pub struct Session {
    master: Box<dyn portable_pty::MasterPty + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<(Instant, Vec<u8>)>,
    screen: vt100::Parser,
}

/// atelier running in a pseudo-terminal, raw: what it prints arrives on
/// `output` with the instant it was read (the latency bench times frames
/// by it).
pub struct Spawned {
    pub master: Box<dyn portable_pty::MasterPty + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub writer: Box<dyn Write + Send>,
    pub output: Receiver<(Instant, Vec<u8>)>,
}

/// Starts atelier (with a private home, in French) in a `rows`×`cols`
/// pseudo-terminal.
pub fn spawn(home: &Path, args: &[&str], rows: u16, cols: u16) -> Spawned {
    spawn_with_env(home, args, rows, cols, &[])
}

/// The same, with more environment variables set.
pub fn spawn_with_env(
    home: &Path,
    args: &[&str],
    rows: u16,
    cols: u16,
    env: &[(&str, &str)],
) -> Spawned {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_atelier"));
    cmd.args(args);
    spawn_command(cmd, home, rows, cols, env)
}

/// atelier started by `sh` with at most `nofile` open files (`ulimit -n`),
/// as on a laptop whose shell starts at 1,024.
pub fn spawn_limited(home: &Path, args: &[&str], nofile: u32) -> Spawned {
    let mut cmd = CommandBuilder::new("sh");
    cmd.arg("-c");
    cmd.arg(format!("ulimit -n {nofile} && exec \"$0\" \"$@\""));
    cmd.arg(env!("CARGO_BIN_EXE_atelier"));
    cmd.args(args);
    spawn_command(cmd, home, ROWS, COLS, &[])
}

fn spawn_command(
    mut cmd: CommandBuilder,
    home: &Path,
    rows: u16,
    cols: u16,
    env: &[(&str, &str)],
) -> Spawned {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    for var in super::LOCALE_VARS {
        cmd.env_remove(var);
    }
    cmd.env("ATELIER_HOME", home);
    cmd.env("LANG", "fr_FR.UTF-8");
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let (tx, output) = channel();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    Spawned {
        master: pair.master,
        child,
        writer,
        output,
    }
}

impl Session {
    pub fn start(home: &Path, args: &[&str]) -> Session {
        Session::start_sized(home, args, ROWS, COLS)
    }

    pub fn start_sized(home: &Path, args: &[&str], rows: u16, cols: u16) -> Session {
        Session::start_with_env(home, args, rows, cols, &[])
    }

    /// With at most `nofile` open files: see [`spawn_limited`].
    pub fn start_limited(home: &Path, args: &[&str], nofile: u32) -> Session {
        Session::from_spawned(spawn_limited(home, args, nofile), ROWS, COLS)
    }

    fn from_spawned(spawned: Spawned, rows: u16, cols: u16) -> Session {
        let Spawned {
            master,
            child,
            writer,
            output,
        } = spawned;
        Session {
            master,
            child,
            writer,
            output,
            screen: vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0),
        }
    }

    pub fn start_with_env(
        home: &Path,
        args: &[&str],
        rows: u16,
        cols: u16,
        env: &[(&str, &str)],
    ) -> Session {
        Session::from_spawned(spawn_with_env(home, args, rows, cols, env), rows, cols)
    }

    pub fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Reads what has arrived so far, without waiting.
    pub fn pump(&mut self) {
        while let Ok((_, bytes)) = self.output.try_recv() {
            self.screen.process(&bytes);
        }
    }

    /// Reads until the screen shows `needle`, or fails after a while.
    pub fn wait_for(&mut self, needle: &str) {
        self.wait_until(needle, |s| s.contains(needle));
    }

    /// Reads until `done` holds for the screen, or fails after a while.
    pub fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if done(&self.contents()) {
                return;
            }
            if let Ok((_, bytes)) = self.output.recv_timeout(Duration::from_millis(50)) {
                self.screen.process(&bytes);
            }
        }
        panic!(
            "the screen never showed {what:?}; it shows:\n{}",
            self.contents()
        );
    }

    /// Lets the app answer for a moment, reading what it draws.
    pub fn settle(&mut self, for_: Duration) {
        let deadline = Instant::now() + for_;
        while Instant::now() < deadline {
            if let Ok((_, bytes)) = self.output.recv_timeout(Duration::from_millis(20)) {
                self.screen.process(&bytes);
            }
        }
    }

    /// Resizes the terminal, as dragging the window would.
    pub fn resize(&mut self, rows: u16, cols: u16) {
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

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Pastes `text` as a terminal with bracketed paste sends it.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            // Keep draining output so the child never blocks on a full pty.
            self.pump();
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "atelier did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `kill -9`: no signal handler, no destructor, no flush. (The pty
    /// crate's own `kill` sends SIGHUP first, which atelier handles as a
    /// normal stop.)
    pub fn kill9(&mut self) {
        let pid = self.child.process_id().expect("a running child") as i32;
        // SAFETY: kill only sends a signal to the process we started.
        let sent = unsafe { libc::kill(pid, libc::SIGKILL) };
        assert_eq!(sent, 0, "SIGKILL sent");
        self.wait_exit();
    }

    /// Ctrl+Q, and a clean exit.
    pub fn quit(&mut self) {
        self.send("\x11");
        assert!(self.wait_exit().success(), "atelier quits cleanly");
    }
}

/// A test that fails must not leave the app running.
impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
