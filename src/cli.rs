//! The command line, as clap sees it.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "atelier",
    version,
    about = "Animer une concertation en direct : propositions, axes, votes, fiches actions.",
    long_about = "atelier runs live concertation workshops (Pacte des solidarités) from a \
                  projected terminal: capture proposals, tag them by axis, dot-vote, draft \
                  action sheets, export. Without a command it opens the app."
)]
pub struct Cli {
    /// Folder of the workshops (default: $ATELIER_HOME/sessions, ./sessions, or the data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Language: fr (default) or en.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new workshop.
    New {
        title: String,
        #[arg(long)]
        territory: Option<String>,
        /// 2024-03-14 or 14/03/2024.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        place: Option<String>,
        #[arg(long)]
        facilitator: Option<String>,
    },
    /// Open a workshop in the app.
    Open {
        file: PathBuf,
        /// Open without editing (when another atelier has it open).
        #[arg(long)]
        read_only: bool,
        /// Let the room's phones vote, on this address (e.g.
        /// 192.168.1.23:8080): phone voting then opens by itself whenever
        /// a round is open.
        #[arg(long, value_name = "ADDR:PORT")]
        listen: Option<std::net::SocketAddr>,
    },
    /// List the workshops of the folder.
    List,
    /// Check a workshop file and print its summary.
    Check { file: PathBuf },
    /// List the backups of a workshop.
    Backups { file: PathBuf },
    /// Restore a backup (its number in `atelier backups`, or its path).
    Restore { file: PathBuf, backup: String },
    /// Export a workshop: Markdown, HTML, Word and OpenDocument reports, CSV and workbooks (.xlsx, .ods), action sheets (TOML, Word, OpenDocument).
    /// The workshop itself is only read.
    Export {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "all")]
        format: crate::export::Format,
        /// Output folder (default: beside the workshop, in <name>/export).
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: Option<PathBuf>,
        /// Organisations and collèges instead of people's names.
        #[arg(long)]
        anonymous: bool,
        /// CSV as RFC 4180 (`,`, no BOM, decimal point) rather than for
        /// French spreadsheets (`;`, BOM, decimal comma).
        #[arg(long)]
        csv_standard: bool,
    },
    /// Combine workshops of one territory into one synthesis workshop.
    Merge {
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Title of the synthesis (default: "Synthèse — <territory>").
        #[arg(long)]
        title: Option<String>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the proposals that look alike, best first: both numbers, the
    /// workshop each comes from, the score and the shared words. Several
    /// files (or a synthesis) are compared together. Only reads.
    Similar {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Tab-separated values, for a spreadsheet.
        #[arg(long)]
        tsv: bool,
    },
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
}
