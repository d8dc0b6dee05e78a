//! `atelier`: parse the command line and dispatch. No logic lives here.

use atelier::cli::{Cli, Command};
use atelier::store::Access;
use atelier::subcommands::{self, Failure, NewWorkshop};
use clap::{CommandFactory, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let setup = subcommands::setup(cli.dir.as_deref(), cli.lang.as_deref());
    let lang = setup.lang;
    let dir = setup.dir.clone();
    // Whatever a file holds, printing it cannot act on the terminal.
    let mut out = subcommands::Neutral(std::io::stdout().lock());
    let outcome = match cli.command {
        None => subcommands::app(&mut out, setup, None, None),
        Some(Command::Open {
            file,
            read_only,
            listen,
        }) => {
            let access = if read_only {
                Access::ReadOnly
            } else {
                Access::ReadWrite
            };
            let path = subcommands::resolve(&dir, &file);
            subcommands::app(&mut out, setup, Some((path, access)), listen)
        }
        Some(Command::List) => subcommands::list(&mut out, lang, &dir),
        Some(Command::New {
            title,
            territory,
            date,
            place,
            facilitator,
        }) => subcommands::new(
            &mut out,
            lang,
            &dir,
            NewWorkshop {
                title,
                territory,
                date,
                place,
                facilitator,
            },
        ),
        Some(Command::Check { file }) => {
            subcommands::check(&mut out, lang, &subcommands::resolve(&dir, &file))
        }
        Some(Command::Similar { files, tsv }) => {
            let files: Vec<_> = files
                .iter()
                .map(|f| subcommands::resolve(&dir, f))
                .collect();
            subcommands::similar(&mut out, lang, &files, tsv, setup.config.similar.index())
        }
        Some(Command::Backups { file }) => {
            subcommands::backups(&mut out, lang, &subcommands::resolve(&dir, &file))
        }
        Some(Command::Restore { file, backup }) => {
            subcommands::restore(&mut out, lang, &subcommands::resolve(&dir, &file), &backup)
        }
        Some(Command::Export {
            file,
            format,
            output,
            anonymous,
            csv_standard,
        }) => {
            let mut options = atelier::export::Options::new(lang);
            options.anonymous = anonymous;
            if csv_standard {
                options.csv = atelier::export::CsvStyle::Standard;
            }
            let path = subcommands::resolve(&dir, &file);
            subcommands::export(&mut out, lang, &path, format, &options, output.as_deref())
        }
        Some(Command::Merge {
            files,
            output,
            title,
            force,
        }) => {
            let paths: Vec<_> = files
                .iter()
                .map(|f| subcommands::resolve(&dir, f))
                .collect();
            subcommands::merge(&mut out, lang, &paths, &output, title, force)
        }
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "atelier", &mut out);
            Ok(())
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            let message = lang.tf("cli.error", &[("message", &message)]);
            eprintln!("{}", atelier::domain::text::neutralise(&message));
            ExitCode::FAILURE
        }
    }
}
