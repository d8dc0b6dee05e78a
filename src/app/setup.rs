//! Setup: the workshop details, its axes and its participants. Each item
//! is edited in a small form; a pasted list adds participants at once.

use super::command::Command;
use super::form::{Form, Purpose};
use super::{Action, App, Confirm, ConfirmKind, Overlay};
use crate::domain::axis::{Axis, OKABE_ITO, free_color, free_key};
use crate::domain::participant::{College, parse_participant_list};
use crate::domain::{Date, Op};

pub use super::layout::Section;
pub use super::state::setup::{DETAIL_FIELDS, SetupState, detail_value};

fn height(app: &App, section: Section) -> usize {
    crate::app::layout::setup_list_height(app, section)
}

fn list_len(app: &App, section: Section) -> usize {
    let Some(doc) = &app.doc else { return 0 };
    match section {
        Section::Details => DETAIL_FIELDS.len(),
        Section::Axes => doc.w.axes().len(),
        Section::Agenda => crate::domain::Phase::ALL.len(),
        Section::Participants => doc.w.participants().len(),
    }
}

pub fn on_action(app: &mut App, action: Action) {
    match action {
        Action::Command(cmd) => command(app, cmd),
        Action::Paste(text) => pasted(app, &text),
        _ => {}
    }
}

fn command(app: &mut App, cmd: Command) {
    let Some(doc) = app.doc.as_ref() else { return };
    let section = doc.setup.section;
    let len = list_len(app, section);
    let h = height(app, section);
    let Some(doc) = app.doc.as_mut() else { return };
    let s = &mut doc.setup;
    let list = match section {
        Section::Details => &mut s.details,
        Section::Axes => &mut s.axes,
        Section::Agenda => &mut s.agenda,
        Section::Participants => &mut s.participants,
    };
    if list.navigate(cmd, len, h) {
        return;
    }
    match cmd {
        Command::NextSection | Command::PrevSection => {
            let at = Section::ALL.iter().position(|x| *x == section).unwrap_or(0) as isize;
            let d = if cmd == Command::NextSection { 1 } else { -1 };
            s.section = Section::ALL[(at + d).rem_euclid(Section::ALL.len() as isize) as usize];
        }
        Command::Edit => edit(app, section),
        Command::Add => add(app, section),
        Command::Delete => delete(app, section),
        Command::MoveUp => move_axis(app, -1),
        Command::MoveDown => move_axis(app, 1),
        Command::Colour => recolour(app),
        Command::Theme => {
            use crate::app::theme::{Theme, ThemeName};
            let colour = app.theme.colour;
            app.theme = match app.theme.name {
                ThemeName::Dark => Theme::light(),
                ThemeName::Light => Theme::dark(),
            };
            app.theme.colour = colour;
            let key = if app.theme.name == ThemeName::Light {
                "setup.theme_light"
            } else {
                "setup.theme_dark"
            };
            let text = app.t(key);
            app.info(text);
        }
        Command::PasteHint => {
            let text = app.t("setup.paste_hint");
            app.info(text);
        }
        _ => {}
    }
}

fn college_options(app: &App) -> Vec<String> {
    let mut options = vec![app.t("college.none").to_string()];
    options.extend(
        College::ALL
            .iter()
            .map(|c| app.t(c.label_key()).to_string()),
    );
    options
}

fn edit(app: &mut App, section: Section) {
    let Some(doc) = app.doc.as_ref() else { return };
    let s = &doc.setup;
    let form = match section {
        Section::Details => {
            let i = s.details.selected.min(DETAIL_FIELDS.len() - 1);
            Form::new(
                Purpose::Detail(i),
                "setup.edit_detail",
                vec![Form::text(
                    DETAIL_FIELDS[i],
                    &detail_value(doc.w.details(), i),
                )],
            )
        }
        Section::Axes => {
            let Some(a) = doc.w.axes().get(s.axes.selected) else {
                return;
            };
            Form::new(
                Purpose::Axis(Some(a.key)),
                "setup.edit_axis",
                vec![
                    Form::text("setup.axis_title", &a.title),
                    Form::text("setup.axis_short", &a.short),
                ],
            )
        }
        Section::Agenda => {
            let phase = crate::domain::Phase::ALL[s.agenda.selected.min(5)];
            let minutes = doc.planned(phase).as_secs() / 60;
            Form::new(
                Purpose::Agenda(phase),
                "setup.edit_agenda",
                vec![Form::text("setup.minutes", &minutes.to_string())],
            )
        }
        Section::Participants => {
            let Some(p) = doc.w.participants().get(s.participants.selected) else {
                return;
            };
            let college = p
                .college
                .and_then(|c| College::ALL.iter().position(|x| *x == c))
                .map_or(0, |i| i + 1);
            let options = college_options(app);
            Form::new(
                Purpose::Participant(Some(p.id)),
                "setup.edit_participant",
                vec![
                    Form::text("setup.name", &p.name),
                    Form::text("setup.organisation", &p.organisation),
                    Form::choice("setup.college", options, college),
                ],
            )
        }
    };
    app.overlay = Some(Overlay::Form(form));
}

fn add(app: &mut App, section: Section) {
    let form = match section {
        Section::Details | Section::Agenda => return edit(app, section),
        Section::Axes => Form::new(
            Purpose::Axis(None),
            "setup.new_axis",
            vec![
                Form::text("setup.axis_title", ""),
                Form::text("setup.axis_short", ""),
            ],
        ),
        Section::Participants => Form::new(
            Purpose::Participant(None),
            "setup.new_participant",
            vec![
                Form::text("setup.name", ""),
                Form::text("setup.organisation", ""),
                Form::choice("setup.college", college_options(app), 0),
            ],
        ),
    };
    app.overlay = Some(Overlay::Form(form));
}

/// A setup form was submitted. Returns false to keep it open (bad input).
pub fn submit(app: &mut App, form: &Form) -> bool {
    if app.doc.is_none() {
        return true;
    }
    let op = match &form.purpose {
        Purpose::Detail(i) => detail_op(app, form, *i),
        Purpose::Axis(key) => app.doc.as_ref().map(|doc| axis_op(&doc.w, form, *key)),
        Purpose::Participant(id) => app
            .doc
            .as_mut()
            .map(|doc| participant_op(&mut doc.w, form, *id)),
        Purpose::Agenda(phase) => agenda_op(app, form, *phase),
        Purpose::NewWorkshop
        | Purpose::Round(_)
        | Purpose::TopPerAxis
        | Purpose::Sheet(..)
        | Purpose::Export
        | Purpose::Import(_)
        | Purpose::MergeReceived(_)
        | Purpose::SetAside(_) => {
            return true;
        }
    };
    // `None`: refused, and said why; the form stays open.
    op.is_some_and(|op| app.run_op(op))
}

/// One detail of the workshop, typed; `None` when the date is not one.
fn detail_op(
    app: &mut App,
    form: &Form,
    i: usize,
) -> Option<Result<Op, crate::domain::DomainError>> {
    let lang = app.lang;
    let value = form.value(0).trim().to_string();
    let mut d = app.doc.as_ref()?.w.details().clone();
    match i {
        0 => d.title = value,
        1 => d.territory = value,
        2 if value.is_empty() => d.date = None,
        2 => {
            if let Some(date) = Date::parse(&value) {
                d.date = Some(date);
            } else {
                app.error(lang.tf("cli.bad_date", &[("date", &value)]));
                return None;
            }
        }
        3 => d.place = value,
        4 => d.facilitator = value,
        _ => d.question = value,
    }
    Some(Ok(Op::SetDetails(Box::new(d))))
}

/// An axis changed, or a new one with a free number and colour.
fn axis_op(
    w: &crate::domain::Workshop,
    form: &Form,
    key: Option<crate::domain::AxisKey>,
) -> Result<Op, crate::domain::DomainError> {
    let title = form.value(0).trim().to_string();
    let mut short = form.value(1).trim().to_string();
    if short.is_empty() {
        short = title.chars().take(16).collect();
    }
    let mut axes = w.axes().to_vec();
    if let Some(a) = key.and_then(|k| axes.iter_mut().find(|a| a.key == k)) {
        a.title = title;
        a.short = short;
        Ok(Op::SetAxes(axes))
    } else if let Some(k) = free_key(&axes) {
        let color = free_color(&axes);
        axes.push(Axis {
            key: k,
            title,
            short,
            color,
        });
        Ok(Op::SetAxes(axes))
    } else {
        Err(crate::domain::DomainError::TooManyAxes)
    }
}

/// A participant changed, or a new one.
fn participant_op(
    w: &mut crate::domain::Workshop,
    form: &Form,
    id: Option<crate::domain::ParticipantId>,
) -> Result<Op, crate::domain::DomainError> {
    let college = form.choice_index(2).checked_sub(1).map(|i| College::ALL[i]);
    let (name, org) = (form.value(0), form.value(1));
    match id.and_then(|id| w.participant(id)).cloned() {
        Some(mut p) => {
            p.name = crate::domain::proposal::clean_optional(&name);
            p.organisation = crate::domain::proposal::clean_optional(&org);
            p.college = college;
            Ok(Op::ReplaceParticipant(p))
        }
        None => w.op_add_participant(&name, &org, college),
    }
}

/// A phase's timebox in minutes; the running timer follows at once.
/// `None` when the minutes are not a number from 1 to 600.
fn agenda_op(
    app: &mut App,
    form: &Form,
    phase: crate::domain::Phase,
) -> Option<Result<Op, crate::domain::DomainError>> {
    let lang = app.lang;
    let value = form.value(0);
    let minutes = match value.trim().parse::<u32>() {
        Ok(m) if (1..=600).contains(&m) => m,
        _ => {
            app.error(lang.tf("setup.bad_minutes", &[("value", &value.trim())]));
            return None;
        }
    };
    let now = app.instant();
    let doc = app.doc.as_mut()?;
    // One item per phase, in phase order: the agenda stays whole.
    let agenda: Vec<crate::domain::workshop::AgendaItem> = crate::domain::Phase::ALL
        .iter()
        .map(|p| crate::domain::workshop::AgendaItem {
            phase: *p,
            minutes: if *p == phase {
                minutes
            } else {
                (doc.planned(*p).as_secs() / 60) as u32
            },
        })
        .collect();
    if doc.timer.phase == phase {
        doc.timer.planned = std::time::Duration::from_secs(u64::from(minutes) * 60);
        doc.timer.add_minutes(0, now);
    }
    Some(Ok(Op::SetAgenda(agenda)))
}

fn delete(app: &mut App, section: Section) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_ref() else { return };
    let op = match section {
        Section::Details | Section::Agenda => return,
        Section::Axes => {
            let mut axes = doc.w.axes().to_vec();
            if doc.setup.axes.selected >= axes.len() {
                return;
            }
            axes.remove(doc.setup.axes.selected);
            Op::SetAxes(axes)
        }
        Section::Participants => match doc.w.participants().get(doc.setup.participants.selected) {
            Some(p) => Op::RemoveParticipant(p.id),
            None => return,
        },
    };
    let label = op.label_key();
    if app.run_op(Ok(op)) {
        app.info(lang.tf("setup.deleted", &[("what", &lang.t(label))]));
        let len = list_len(app, section);
        let h = height(app, section);
        if let Some(doc) = app.doc.as_mut() {
            match section {
                Section::Axes => doc.setup.axes.fit(len, h),
                Section::Participants => doc.setup.participants.fit(len, h),
                Section::Details | Section::Agenda => {}
            }
        }
    }
}

fn move_axis(app: &mut App, delta: isize) {
    let Some(doc) = app.doc.as_ref() else { return };
    if doc.setup.section != Section::Axes {
        return;
    }
    let from = doc.setup.axes.selected;
    let to = from as isize + delta;
    if to < 0 || to as usize >= doc.w.axes().len() {
        return;
    }
    let mut axes = doc.w.axes().to_vec();
    axes.swap(from, to as usize);
    let len = axes.len();
    let h = height(app, Section::Axes);
    if app.run_op(Ok(Op::SetAxes(axes)))
        && let Some(doc) = app.doc.as_mut()
    {
        doc.setup.axes.select(to as usize, len, h);
    }
}

fn recolour(app: &mut App) {
    let Some(doc) = app.doc.as_ref() else { return };
    if doc.setup.section != Section::Axes {
        return;
    }
    let mut axes = doc.w.axes().to_vec();
    let Some(a) = axes.get_mut(doc.setup.axes.selected) else {
        return;
    };
    let at = OKABE_ITO
        .iter()
        .position(|c| *c == a.color)
        .map_or(0, |i| i + 1);
    a.color = OKABE_ITO[at % OKABE_ITO.len()];
    app.run_op(Ok(Op::SetAxes(axes)));
}

fn pasted(app: &mut App, text: &str) {
    let lang = app.lang;
    let lines = parse_participant_list(text);
    if lines.is_empty() {
        return;
    }
    let mut body = String::new();
    for l in lines.iter().take(12) {
        let college = match (&l.college, &l.unknown_college) {
            (Some(c), _) => lang.t(c.label_key()).to_string(),
            (None, Some(raw)) => lang.tf("setup.unknown_college", &[("college", raw)]),
            (None, None) => String::new(),
        };
        // What is known, without empty slots ("Joël Tanguy · Personnes concernées").
        let parts = [l.name.as_str(), l.organisation.as_str(), college.as_str()];
        let known: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        body.push_str(&known.join(" · "));
        body.push('\n');
    }
    if lines.len() > 12 {
        body.push_str(&format!("… (+{})\n", lines.len() - 12));
    }
    app.overlay = Some(Overlay::Confirm(Confirm {
        title: crate::i18n::tnf(lang, "setup.add_participants", lines.len(), &[]),
        kind: ConfirmKind::AddParticipants(lines),
        body,
        choices: Vec::new(),
        selected: None,
    }));
}

/// The pasted list was confirmed.
pub fn add_participants(app: &mut App, lines: Vec<crate::domain::participant::ParticipantLine>) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_mut() else { return };
    let people: Vec<_> = lines
        .iter()
        .map(|l| (l.name.clone(), l.organisation.clone(), l.college))
        .collect();
    let op = doc.w.op_add_participants(&people);
    if app.run_op(op) {
        app.info(crate::i18n::tnf(lang, "setup.added", lines.len(), &[]));
    }
}

pub fn click_row(app: &mut App, section: Section, row_in_list: usize) {
    let len = list_len(app, section);
    let h = height(app, section);
    if let Some(doc) = app.doc.as_mut() {
        doc.setup.section = section;
        let list = match section {
            Section::Details => &mut doc.setup.details,
            Section::Axes => &mut doc.setup.axes,
            Section::Agenda => &mut doc.setup.agenda,
            Section::Participants => &mut doc.setup.participants,
        };
        let target = list.offset + row_in_list;
        if target < len {
            list.select(target, len, h);
        }
    }
}
