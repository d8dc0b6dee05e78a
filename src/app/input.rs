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
    Server(super::phones::ServerEvent),
    /// An export finished on its own thread.
    Exported(super::exchange::Exported),
}

/// Where a source sends its inputs.
pub type Inputs = UnboundedSender<Input>;
