//! Everything that feeds the one `update`, on one channel: the terminal's
//! events, the clock's ticks, the writer's reports and the room's requests.
//! Each source holds a sender; the event loop reads them in arrival order.

use super::remote::Remote;
use super::saver::Report;
use std::time::Instant;
use tokio::sync::mpsc::UnboundedSender;

#[derive(Debug)]
pub enum Input {
    Terminal(crossterm::event::Event),
    /// The terminal could not be read (it is gone): save and stop.
    TerminalLost(std::io::Error),
    Tick(Instant),
    Saved(Report),
    Remote(Remote),
    Server(super::remote::ServerEvent),
    /// An export finished on its own thread.
    Exported(Exported),
}

/// An export made away from the screen: how many files it wrote, or why
/// it could not, and the form to give back then.
#[derive(Debug)]
pub struct Exported {
    pub dir: std::path::PathBuf,
    pub result: Result<usize, crate::export::ExportError>,
    pub form: super::form::Form,
}

/// Where a source sends its inputs.
pub type Inputs = UnboundedSender<Input>;

/// An export to make: the workshop as it was when asked (it goes on
/// changing meanwhile), what to write and where.
#[derive(Debug)]
pub struct ExportJob {
    pub w: crate::domain::Workshop,
    pub format: crate::export::Format,
    pub options: crate::export::Options,
    pub dir: std::path::PathBuf,
    pub form: super::form::Form,
}

impl ExportJob {
    pub fn run(self) -> Exported {
        let result = crate::export::write(&self.w, self.format, &self.options, &self.dir)
            .map(|files| files.len());
        Exported {
            dir: self.dir,
            result,
            form: self.form,
        }
    }
}
