//! What each command does. Output goes to any writer so tests can read it;
//! errors come back as text in the chosen language.

use crate::app::App;
use crate::app::config::Config;
use crate::app::keys::keymap::Keymap;
use crate::app::theme::Theme;
use crate::domain::ProposalId;
use crate::domain::{Date, Details, Workshop};
use crate::event_loop::Launch;
use crate::i18n::{Lang, Localize, tn, tnf};
use crate::store::{self, backup, recover};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A writer that neutralises what passes through it: every command's
/// output can show text from a file (a title, a name), which must not act
/// on the terminal (see `domain::text::neutralise`).
pub struct Neutral<W: Write>(pub W);

impl<W: Write> Write for Neutral<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0
            .write_all(crate::domain::text::neutralise(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// A command's failure, already worded for the facilitator.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: Localize> From<(Lang, E)> for Failure {
    fn from((lang, e): (Lang, E)) -> Self {
        Failure(e.localize(lang))
    }
}

type Outcome = Result<(), Failure>;

/// A file named on the command line: as given, or in the workshops folder
/// (with or without `.toml`).
pub fn resolve(dir: &Path, file: &Path) -> PathBuf {
    if file.exists() || file.components().count() > 1 {
        return file.to_path_buf();
    }
    let in_dir = dir.join(file);
    if in_dir.exists() {
        return in_dir;
    }
    let with_ext = dir.join(format!("{}.toml", file.display()));
    if with_ext.exists() {
        with_ext
    } else {
        file.to_path_buf()
    }
}

pub struct NewWorkshop {
    pub title: String,
    pub territory: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    pub facilitator: Option<String>,
}

pub fn new(out: &mut dyn Write, lang: Lang, dir: &Path, args: NewWorkshop) -> Outcome {
    let date = match args.date.as_deref() {
        None => Some(crate::clock::Clock::System.today()),
        Some(text) => Some(
            Date::parse(text)
                .ok_or_else(|| Failure(lang.tf("cli.bad_date", &[("date", &text)])))?,
        ),
    };
    let details = Details {
        title: crate::domain::proposal::clean_optional(&args.title),
        territory: args.territory.unwrap_or_default(),
        date,
        place: args.place.unwrap_or_default(),
        facilitator: args.facilitator.unwrap_or_default(),
        question: String::new(),
    };
    if details.title.is_empty() {
        return Err((lang, crate::domain::DomainError::EmptyTitle).into());
    }
    let path = store::paths::new_workshop_path(dir, &details.title);
    store::Session::create(&path, &Workshop::new(details)).map_err(|e| Failure::from((lang, e)))?;
    let _ = writeln!(
        out,
        "{}",
        lang.tf("cli.created", &[("path", &path.display())])
    );
    Ok(())
}

pub fn list(out: &mut dyn Write, lang: Lang, dir: &Path) -> Outcome {
    let listed = match store::list(dir) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            return Err(Failure(lang.tf(
                "store.cannot_read",
                &[
                    ("path", &dir.display()),
                    ("reason", &crate::i18n::io_reason(lang, &e)),
                ],
            )));
        }
    };
    if listed.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.tf("cli.no_workshops", &[("dir", &dir.display())])
        );
        return Ok(());
    }
    let _ = writeln!(
        out,
        "{}",
        lang.tf("cli.list_header", &[("dir", &dir.display())])
    );
    for item in listed {
        let name = crate::store::paths::file_name(&item.path);
        match item.workshop {
            Ok(w) => {
                let _ = writeln!(out, "  {name:<40} {}", one_line(lang, &w));
            }
            Err(e) => {
                let _ = writeln!(
                    out,
                    "  {name:<40} [{}] {}",
                    lang.t("cli.list_broken"),
                    e.localize(lang)
                );
            }
        }
    }
    Ok(())
}

/// `Title — Territory — 2024-03-14 — 28 propositions, 3 fiches actions`
pub fn one_line(lang: Lang, w: &Workshop) -> String {
    format!(
        "{} — {}, {}",
        w.details().heading(),
        tn(lang, "n.proposals", w.live_proposals().count()),
        tn(lang, "n.sheets", w.sheets().len())
    )
}

/// Ballots kept in the file that break their round's rules (a hand edit,
/// or rules changed after voting): told, never refused or trimmed.
pub fn ballot_warnings(lang: Lang, w: &Workshop) -> Vec<String> {
    use crate::domain::round::{BallotFlag, Voter};
    let mut out = Vec::new();
    for r in w.rounds() {
        for (i, flag) in r.flagged_ballots() {
            let voter = match r.ballots[i].voter {
                Voter::Participant(id) => w
                    .participant(id)
                    .map_or_else(|| format!("p{id}"), |p| p.name.clone()),
                Voter::Anonymous(n) => lang.tf("vote.anonymous_n", &[("n", &n)]),
            };
            let base = [
                ("round", &r.name as &dyn std::fmt::Display),
                ("voter", &voter),
            ];
            out.push(match flag {
                BallotFlag::OverBudget { spent, budget } => lang.tf(
                    "cli.ballot_over_budget",
                    &[base[0], base[1], ("spent", &spent), ("budget", &budget)],
                ),
                BallotFlag::OverCap {
                    proposal,
                    dots,
                    cap,
                } => lang.tf(
                    "cli.ballot_over_cap",
                    &[
                        base[0],
                        base[1],
                        ("id", &proposal),
                        ("dots", &dots),
                        ("cap", &cap),
                    ],
                ),
            });
        }
    }
    out
}

/// Budget lines whose kind of funder is neither chosen nor plain from
/// their label (files made before kinds existed): the State's share does
/// not count them, and the facilitator is told which to choose.
pub fn funder_warnings(lang: Lang, w: &Workshop) -> Vec<String> {
    let off_calendar = w.sheets().iter().filter_map(|s| {
        let years = s.budget_years_off_calendar();
        (!years.is_empty()).then(|| crate::i18n::off_calendar(lang, s))
    });
    w.sheets()
        .iter()
        .flat_map(|s| s.budget.iter().map(move |l| (s, l)))
        .filter(|(_, l)| l.kind().is_none())
        .map(|(s, l)| {
            lang.tf(
                "cli.funder_unplaced",
                &[
                    ("sheet", &s.id as &dyn std::fmt::Display),
                    ("funder", &l.funder),
                    ("year", &l.year),
                    ("amount", &crate::i18n::euros(lang, l.amount)),
                ],
            )
        })
        .chain(off_calendar)
        .collect()
}

/// The summary `check` prints: proposals per axis, rounds, sheets.
pub fn summary_text(lang: Lang, w: &Workshop) -> String {
    let mut s = String::new();
    s.push_str(&one_line(lang, w));
    s.push('\n');
    let live = w.live_proposals().count();
    let merged = w.proposals().len() - live;
    s.push_str(&lang.tf(
        "cli.summary_proposals",
        &[("n", &live), ("merged", &tn(lang, "n.merged", merged))],
    ));
    s.push('\n');
    let (per_axis, untagged) = w.counts_per_axis();
    for (key, count) in per_axis {
        let short = w.axis(key).map_or("", |a| a.short.as_str());
        s.push_str(&format!("  {key}  {short:<24} {count:>5}\n"));
    }
    s.push_str(&format!(
        "  -  {:<24} {untagged:>5}\n",
        lang.t("cli.untagged")
    ));
    s.push_str(&lang.tf(
        "cli.summary_participants",
        &[("n", &w.participants().len())],
    ));
    s.push('\n');
    let closed = w.rounds().iter().filter(|r| !r.open).count();
    let ballots: usize = w.rounds().iter().map(|r| r.counted_ballots().count()).sum();
    s.push_str(&lang.tf(
        "cli.summary_rounds",
        &[
            ("n", &w.rounds().len()),
            ("closed", &closed),
            ("ballots", &tn(lang, "n.ballots", ballots)),
        ],
    ));
    s.push('\n');
    s.push_str(&lang.tf("cli.summary_sheets", &[("n", &w.sheets().len())]));
    s.push('\n');
    s
}

pub fn check(out: &mut dyn Write, lang: Lang, path: &Path) -> Outcome {
    let w = store::load(path).map_err(|e| Failure::from((lang, e)))?;
    let _ = write!(out, "{}", summary_text(lang, &w));
    for warning in ballot_warnings(lang, &w)
        .into_iter()
        .chain(funder_warnings(lang, &w))
    {
        let _ = writeln!(out, "⚠ {warning}");
    }
    for orphan in recover::orphans(path) {
        let state = lang.t(if orphan.complete {
            "cli.orphan_complete"
        } else {
            "cli.orphan_partial"
        });
        let _ = writeln!(
            out,
            "{}\n{}",
            lang.tf(
                "cli.orphan_found",
                &[("path", &orphan.path.display()), ("state", &state)]
            ),
            lang.t("cli.orphan_hint")
        );
    }
    let _ = writeln!(out, "{}", lang.t("cli.valid"));
    Ok(())
}

/// One proposal compared by `similar`: where it comes from.
struct Compared {
    workshop: String,
    id: u32,
    text: String,
}

/// `atelier similar FILE…`: the pairs of proposals that look alike across
/// the files, best first, as a table or as TSV. Reads only.
pub fn similar(
    out: &mut dyn Write,
    lang: Lang,
    files: &[PathBuf],
    tsv: bool,
    mut index: crate::domain::similar::Index,
) -> Outcome {
    let mut compared = Vec::new();
    for path in files {
        let w = store::load(path).map_err(|e| Failure::from((lang, e)))?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        for p in w.live_proposals() {
            // In a synthesis, each proposal names the workshop it came from.
            let (workshop, id) = match &p.origin {
                Some(o) => (o.workshop.clone(), o.id),
                None => (stem.clone(), p.id.0),
            };
            compared.push(Compared {
                workshop,
                id,
                text: p.text.clone(),
            });
            index.upsert(ProposalId(compared.len() as u32), &p.text);
        }
    }
    let at = |id: ProposalId| &compared[id.0 as usize - 1];
    // The shared words as the first of each pair writes them (the index
    // keeps a word as first seen, maybe in another workshop's form).
    let pairs: Vec<_> = index
        .pairs()
        .into_iter()
        .map(|(a, b, score, _)| (a, b, score, index.words_shared_with(&at(a).text, b)))
        .collect();
    if tsv {
        let _ = writeln!(out, "{}", lang.t("cli.similar_tsv_header"));
        for (a, b, score, shared) in &pairs {
            let (a, b) = (at(*a), at(*b));
            let clean = |t: &str| t.replace(['\t', '\n', '\r'], " ");
            let _ = writeln!(
                out,
                "{score:.2}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                clean(&a.workshop),
                a.id,
                clean(&b.workshop),
                b.id,
                shared.join(", "),
                clean(&a.text),
                clean(&b.text)
            );
        }
        return Ok(());
    }
    let several = files.len() > 1 || compared.iter().any(|c| c.workshop != compared[0].workshop);
    let name = |c: &Compared| {
        if several {
            format!("n° {} ({})", c.id, c.workshop)
        } else {
            format!("n° {}", c.id)
        }
    };
    let head = if pairs.is_empty() {
        lang.tf("cli.similar_none", &[("proposals", &compared.len())])
    } else {
        tnf(
            lang,
            "cli.similar_found",
            pairs.len(),
            &[("proposals", &compared.len())],
        )
    };
    let _ = writeln!(out, "{head}");
    for (a, b, score, shared) in &pairs {
        let (a, b) = (at(*a), at(*b));
        let _ = writeln!(
            out,
            "\n{score:.2}  {} ≈ {}  ({})",
            name(a),
            name(b),
            shared.join(", ")
        );
        for c in [a, b] {
            let text = crate::ui::widgets::truncate(&crate::ui::widgets::one_line(&c.text), 100);
            let _ = writeln!(out, "      {text}");
        }
    }
    Ok(())
}

pub fn backups(out: &mut dyn Write, lang: Lang, path: &Path) -> Outcome {
    let list = backup::list(path).map_err(|e| Failure(crate::i18n::io_reason(lang, &e)))?;
    if list.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.tf("cli.backups_none", &[("path", &path.display())])
        );
        return Ok(());
    }
    let _ = writeln!(
        out,
        "{}",
        lang.tf("cli.backups_header", &[("path", &path.display())])
    );
    for (i, b) in list.iter().enumerate() {
        let kind = lang.t(match b.kind {
            backup::Kind::Opened => "cli.backup_opened",
            backup::Kind::Snapshot => "cli.backup_snapshot",
            backup::Kind::SetAside => "cli.backup_aside",
            backup::Kind::External => "cli.backup_external",
        });
        let when = format!(
            "{}/{}/{} {}:{}:{}",
            &b.stamp[6..8],
            &b.stamp[4..6],
            &b.stamp[0..4],
            &b.stamp[9..11],
            &b.stamp[11..13],
            &b.stamp[13..15]
        );
        let _ = writeln!(
            out,
            "  {:>2}. {when}  {kind:<14} {:>8} o  {}",
            i + 1,
            b.bytes,
            b.path.display()
        );
    }
    Ok(())
}

/// Restores a backup over the workshop, after checking it loads, and keeps
/// the replaced version. Refused while the workshop is open elsewhere.
pub fn restore(out: &mut dyn Write, lang: Lang, path: &Path, which: &str) -> Outcome {
    let list = backup::list(path).map_err(|e| Failure(crate::i18n::io_reason(lang, &e)))?;
    let chosen = match which.parse::<usize>() {
        Ok(n) if n >= 1 && n <= list.len() => list[n - 1].path.clone(),
        _ => {
            let p = PathBuf::from(which);
            if !p.exists() {
                return Err(Failure(
                    lang.tf("cli.backup_unknown", &[("backup", &which)]),
                ));
            }
            p
        }
    };
    let w = store::load(&chosen).map_err(|e| Failure::from((lang, e)))?;
    // Only the lock is needed: a broken workshop is what a restore is for.
    let lock = store::take_lock(path).map_err(|e| Failure::from((lang, e)))?;
    if let Ok(bytes) = std::fs::read(path) {
        backup::write_backup(path, backup::Kind::SetAside, &bytes)
            .map_err(|e| Failure(crate::i18n::io_reason(lang, &e)))?;
    }
    store::write(path, &w).map_err(|e| Failure::from((lang, e)))?;
    drop(lock);
    let _ = writeln!(
        out,
        "{}",
        lang.tf(
            "cli.restored",
            &[("path", &path.display()), ("backup", &chosen.display())]
        )
    );
    Ok(())
}

/// What the command line settles before anything runs.
pub struct Setup {
    pub lang: Lang,
    pub dir: PathBuf,
    pub config: Config,
    /// Problems with the config file or its key bindings, in words.
    pub config_problem: Option<String>,
}

/// Reads the config and settles language and folder.
pub fn setup(cli_dir: Option<&Path>, cli_lang: Option<&str>) -> Setup {
    let loaded = Config::load(store::paths::config_file().as_deref());
    let lang = Lang::choose(
        cli_lang,
        loaded.config.lang.as_deref(),
        Lang::env_locale().as_deref(),
    );
    let dir = store::paths::sessions_dir(cli_dir, loaded.config.sessions_dir.as_deref());
    Setup {
        lang,
        dir,
        config: loaded.config,
        config_problem: loaded.problem.map(|p| p.describe(lang)),
    }
}

/// Runs the terminal app, on the home screen or on `open`.
pub fn app(
    out: &mut dyn Write,
    setup: Setup,
    open: Option<(PathBuf, store::Access)>,
    listen: Option<std::net::SocketAddr>,
) -> Outcome {
    use std::io::IsTerminal;
    let Setup {
        lang,
        dir,
        mut config,
        config_problem,
    } = setup;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        // Piped or scripted: there is no screen to draw on.
        return match open {
            Some((path, _)) => check(out, lang, &path),
            None => list(out, lang, &dir),
        };
    }
    let (keymap, key_problems) = Keymap::with_overrides(std::mem::take(&mut config.keys));
    let mut problems: Vec<String> = config_problem.into_iter().collect();
    problems.extend(key_problems.iter().map(|p| p.describe(lang)));
    let size = ratatui::layout::Size::new(80, 24);
    let mut app = App::new(lang, keymap, dir, size);
    app.theme = Theme::choose(
        config.theme.as_deref(),
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    );
    app.default_cap = config.default_cap();
    app.phones.listen = listen;
    app.bell_on = config.bell.unwrap_or(true);
    app.warning_on = config.timer_warning.unwrap_or(true);
    app.keep_author = config.keep_author.unwrap_or(false);
    app.similar = std::sync::Arc::new(std::mem::take(&mut config.similar));
    for measure in &config.referentiel {
        if !measure.trim().is_empty() && !app.referentiel.contains(measure) {
            app.referentiel.push(measure.trim().to_string());
        }
    }
    let launch = Launch {
        app,
        open,
        config_problem: (!problems.is_empty()).then(|| problems.join(" ; ")),
    };
    crate::event_loop::run(launch)
        .map_err(|e| Failure(lang.tf("app.terminal_error", &[("error", &e)])))
}

/// `atelier export`: every file of `format` into `output` (or the folder
/// beside the workshop). The workshop is only read.
pub fn export(
    out: &mut dyn Write,
    lang: Lang,
    path: &Path,
    format: crate::export::Format,
    options: &crate::export::Options,
    output: Option<&Path>,
) -> Outcome {
    let w = store::load(path).map_err(|e| Failure::from((lang, e)))?;
    let dir = output.map_or_else(|| crate::export::default_dir(path), Path::to_path_buf);
    let written =
        crate::export::write(&w, format, options, &dir).map_err(|e| Failure::from((lang, e)))?;
    let _ = writeln!(
        out,
        "{}",
        lang.tf(
            "export.done",
            &[("n", &written.len()), ("dir", &dir.display())]
        )
    );
    for file in &written {
        let shown = file.strip_prefix(&dir).unwrap_or(file);
        let _ = writeln!(out, "  {}", shown.display());
    }
    Ok(())
}

/// Names for the origin of each workshop: the file name, or the path as
/// given when two files share a name (one per laptop, all "atelier.toml").
fn labels(paths: &[PathBuf]) -> Vec<String> {
    let name = |p: &PathBuf| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    paths
        .iter()
        .map(|p| {
            let n = name(p);
            if paths.iter().filter(|q| name(q) == n).count() > 1 {
                p.display().to_string()
            } else {
                n
            }
        })
        .collect()
}

/// The synthesis' details: one territory if they share it, the latest date,
/// the question if they share it.
fn synthesis_details(lang: Lang, ws: &[Workshop], title: Option<String>) -> Details {
    let mut territories: Vec<&str> = ws
        .iter()
        .map(|w| w.details().territory.trim())
        .filter(|t| !t.is_empty())
        .collect();
    territories.dedup();
    let territory = territories.join(", ");
    let question = match ws.first() {
        Some(first)
            if ws
                .iter()
                .all(|w| w.details().question == first.details().question) =>
        {
            first.details().question.clone()
        }
        _ => String::new(),
    };
    let title = title
        .map(|t| crate::domain::proposal::clean_optional(&t))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            if territory.is_empty() {
                lang.t("synthesis.title_plain").to_string()
            } else {
                lang.tf("synthesis.title", &[("territory", &territory)])
            }
        });
    Details {
        title,
        territory,
        date: ws.iter().filter_map(|w| w.details().date).max(),
        place: String::new(),
        facilitator: String::new(),
        question,
    }
}

/// `atelier merge A B … -o synthese.toml`.
pub fn merge(
    out: &mut dyn Write,
    lang: Lang,
    paths: &[PathBuf],
    output: &Path,
    title: Option<String>,
    force: bool,
) -> Outcome {
    use crate::domain::synthesis::{Input, SynthesisError, combine, summary};
    let canonical: Vec<PathBuf> = paths
        .iter()
        .map(|p| p.canonicalize().unwrap_or_else(|_| p.clone()))
        .collect();
    let labels = labels(paths);
    for (i, a) in canonical.iter().enumerate() {
        if let Some(j) = canonical[i + 1..].iter().position(|b| b == a) {
            let e = SynthesisError::SameWorkshop {
                a: labels[i].clone(),
                b: labels[i + 1 + j].clone(),
            };
            return Err((lang, e).into());
        }
    }
    let target = output.canonicalize().ok();
    if target.as_ref().is_some_and(|t| canonical.contains(t)) {
        return Err(Failure(
            lang.tf("synthesis.output_is_input", &[("path", &output.display())]),
        ));
    }
    if output.exists() && !force {
        return Err(Failure(
            lang.tf("synthesis.output_exists", &[("path", &output.display())]),
        ));
    }
    let workshops = paths
        .iter()
        .map(|p| store::load(p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::from((lang, e)))?;
    let inputs: Vec<Input> = labels
        .iter()
        .zip(&workshops)
        .map(|(file, workshop)| Input { file, workshop })
        .collect();
    let details = synthesis_details(lang, &workshops, title);
    let synthesis = combine(&inputs, details).map_err(|e| Failure::from((lang, e)))?;
    store::write(output, &synthesis).map_err(|e| Failure::from((lang, e)))?;
    let _ = writeln!(
        out,
        "{}",
        lang.tf("synthesis.written", &[("path", &output.display())])
    );
    let sum = summary(&synthesis);
    let _ = writeln!(out, "{}", lang.t("synthesis.per_workshop"));
    for (file, c) in &sum.per_workshop {
        let counts = lang.tf(
            "synthesis.counts",
            &[
                ("proposals", &tn(lang, "n.proposals", c.proposals)),
                ("rounds", &tn(lang, "n.rounds", c.rounds)),
                ("ballots", &tn(lang, "n.ballots", c.ballots)),
                ("sheets", &tn(lang, "n.sheets", c.sheets)),
            ],
        );
        let _ = writeln!(out, "  {file:<32} {counts}");
    }
    let _ = write!(out, "{}", summary_text(lang, &synthesis));
    // What the territory said twice, across its workshops: pointed at,
    // never merged here.
    let origin = |id| {
        synthesis
            .proposal(id)
            .and_then(|p| p.origin.as_ref())
            .map(|o| &o.file)
    };
    let across = crate::domain::similar::Index::of(&synthesis)
        .pairs()
        .into_iter()
        .filter(|(a, b, _, _)| origin(*a) != origin(*b))
        .count();
    if across > 0 {
        let _ = writeln!(
            out,
            "{}",
            tnf(
                lang,
                "synthesis.similar",
                across,
                &[("path", &output.display())]
            )
        );
    }
    Ok(())
}
