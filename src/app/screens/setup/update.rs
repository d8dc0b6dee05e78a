//! Setup: the workshop details, its axes and its participants. Each item
//! is edited in a small form; a pasted list adds participants at once.

use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::effect::{Effect, Fx, Taken};
use crate::app::form::{Form, Purpose};
use crate::app::keys::command::Command;
use crate::app::list::ListState;
use crate::app::{Action, Confirm, ConfirmKind, Overlay};
use crate::domain::axis::{Axis, OKABE_ITO, free_color, free_key};
use crate::domain::participant::{College, parse_participant_list};
use crate::domain::{Date, Op};

use super::state::{DETAIL_FIELDS, SetupState, detail_value};
use crate::app::layout::Section;

fn list_len(doc: &Doc, section: Section) -> usize {
    match section {
        Section::Details => DETAIL_FIELDS.len(),
        Section::Axes => doc.w.axes().len(),
        Section::Agenda => crate::domain::Phase::ALL.len(),
        Section::Participants => doc.w.participants().len(),
    }
}

/// A section's list.
fn list_of(s: &mut SetupState, section: Section) -> &mut ListState {
    match section {
        Section::Details => &mut s.details,
        Section::Axes => &mut s.axes,
        Section::Agenda => &mut s.agenda,
        Section::Participants => &mut s.participants,
    }
}

pub fn on_action(st: &mut SetupState, doc: &mut Doc, cx: &Cx, action: Action) -> Fx {
    match action {
        Action::Command(cmd) => command(st, doc, cx, cmd),
        Action::Paste(text) => pasted(cx, &text),
        _ => Fx::none(),
    }
}

fn command(st: &mut SetupState, doc: &mut Doc, cx: &Cx, cmd: Command) -> Fx {
    let mut fx = Fx::none();
    let section = st.section;
    let len = list_len(doc, section);
    let h = cx.setup_list(&doc.w, section);
    let s = &mut *st;
    if list_of(s, section).navigate(cmd, len, h) {
        return fx;
    }
    match cmd {
        Command::NextSection | Command::PrevSection => {
            let at = Section::ALL.iter().position(|x| *x == section).unwrap_or(0) as isize;
            let d = if cmd == Command::NextSection { 1 } else { -1 };
            s.section = Section::ALL[(at + d).rem_euclid(Section::ALL.len() as isize) as usize];
        }
        Command::Edit => return edit(st, doc, cx, section),
        Command::Add => return add(st, doc, cx, section),
        Command::Delete => return delete(st, doc, cx, section),
        Command::MoveUp => return move_axis(st, doc, cx, -1),
        Command::MoveDown => return move_axis(st, doc, cx, 1),
        Command::Colour => return recolour(st, doc, cx),
        Command::Theme => return theme(cx),
        Command::PasteHint => fx.info(cx.t("setup.paste_hint")),
        _ => {}
    }
    fx
}

/// The other theme, keeping the colour setting.
fn theme(cx: &Cx) -> Fx {
    use crate::app::theme::{Theme, ThemeName};
    let mut theme = match cx.theme.name {
        ThemeName::Dark => Theme::light(),
        ThemeName::Light => Theme::dark(),
    };
    theme.colour = cx.theme.colour;
    let key = if theme.name == ThemeName::Light {
        "setup.theme_light"
    } else {
        "setup.theme_dark"
    };
    let mut fx = Fx::from(Effect::Theme(theme));
    fx.info(cx.t(key));
    fx
}

fn college_options(cx: &Cx) -> Vec<String> {
    let mut options = vec![cx.t("college.none").to_string()];
    options.extend(College::ALL.iter().map(|c| cx.t(c.label_key()).to_string()));
    options
}

fn edit(st: &SetupState, doc: &Doc, cx: &Cx, section: Section) -> Fx {
    let s = &st;
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
                return Fx::none();
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
                return Fx::none();
            };
            let college = p
                .college
                .and_then(|c| College::ALL.iter().position(|x| *x == c))
                .map_or(0, |i| i + 1);
            let options = college_options(cx);
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
    Effect::Open(Overlay::Form(form)).into()
}

fn add(st: &SetupState, doc: &Doc, cx: &Cx, section: Section) -> Fx {
    let form = match section {
        Section::Details | Section::Agenda => return edit(st, doc, cx, section),
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
                Form::choice("setup.college", college_options(cx), 0),
            ],
        ),
    };
    Effect::Open(Overlay::Form(form)).into()
}

/// Runs a submitted form's change; `None`: refused, and said why. The
/// form closes only on a change applied.
fn taken(
    doc: &mut Doc,
    cx: &Cx,
    op: Option<Result<Op, crate::domain::DomainError>>,
    fx: Fx,
) -> Taken {
    let mut fx = fx;
    let done = op.is_some_and(|op| doc.apply(op, cx.lang, &mut fx));
    (done, fx)
}

/// One detail of the workshop, typed; refused when the date is not one.
pub fn detail_submit(doc: &mut Doc, cx: &Cx, form: &Form, i: usize) -> Taken {
    let mut fx = Fx::none();
    let value = form.value(0).trim().to_string();
    let mut d = doc.w.details().clone();
    match i {
        0 => d.title = value,
        1 => d.territory = value,
        2 if value.is_empty() => d.date = None,
        2 => {
            if let Some(date) = Date::parse(&value) {
                d.date = Some(date);
            } else {
                fx.error(cx.lang.tf("cli.bad_date", &[("date", &value)]));
                return (false, fx);
            }
        }
        3 => d.place = value,
        4 => d.facilitator = value,
        _ => d.question = value,
    }
    taken(doc, cx, Some(Ok(Op::SetDetails(Box::new(d)))), fx)
}

pub fn axis_submit(
    doc: &mut Doc,
    cx: &Cx,
    form: &Form,
    key: Option<crate::domain::AxisKey>,
) -> Taken {
    let op = axis_op(&doc.w, form, key);
    taken(doc, cx, Some(op), Fx::none())
}

pub fn participant_submit(
    doc: &mut Doc,
    cx: &Cx,
    form: &Form,
    id: Option<crate::domain::ParticipantId>,
) -> Taken {
    let op = participant_op(&mut doc.w, form, id);
    taken(doc, cx, Some(op), Fx::none())
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
/// Refused when the minutes are not a number from 1 to 600.
pub fn agenda_submit(doc: &mut Doc, cx: &Cx, form: &Form, phase: crate::domain::Phase) -> Taken {
    let mut fx = Fx::none();
    let value = form.value(0);
    let minutes = match value.trim().parse::<u32>() {
        Ok(m) if (1..=600).contains(&m) => m,
        _ => {
            fx.error(cx.lang.tf("setup.bad_minutes", &[("value", &value.trim())]));
            return (false, fx);
        }
    };
    let now = cx.instant;
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
    taken(doc, cx, Some(Ok(Op::SetAgenda(agenda))), fx)
}

fn delete(st: &mut SetupState, doc: &mut Doc, cx: &Cx, section: Section) -> Fx {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let op = match section {
        Section::Details | Section::Agenda => return fx,
        Section::Axes => {
            let mut axes = doc.w.axes().to_vec();
            if st.axes.selected >= axes.len() {
                return fx;
            }
            axes.remove(st.axes.selected);
            Op::SetAxes(axes)
        }
        Section::Participants => match doc.w.participants().get(st.participants.selected) {
            Some(p) => Op::RemoveParticipant(p.id),
            None => return fx,
        },
    };
    let label = op.label_key();
    if doc.apply(Ok(op), lang, &mut fx) {
        fx.info(lang.tf("setup.deleted", &[("what", &lang.t(label))]));
        let len = list_len(doc, section);
        let h = cx.setup_list(&doc.w, section);
        list_of(st, section).fit(len, h);
    }
    fx
}

fn move_axis(st: &mut SetupState, doc: &mut Doc, cx: &Cx, delta: isize) -> Fx {
    let mut fx = Fx::none();
    if st.section != Section::Axes {
        return fx;
    }
    let from = st.axes.selected;
    let to = from as isize + delta;
    if to < 0 || to as usize >= doc.w.axes().len() {
        return fx;
    }
    let mut axes = doc.w.axes().to_vec();
    axes.swap(from, to as usize);
    let len = axes.len();
    let h = cx.setup_list(&doc.w, Section::Axes);
    if doc.apply(Ok(Op::SetAxes(axes)), cx.lang, &mut fx) {
        st.axes.select(to as usize, len, h);
    }
    fx
}

fn recolour(st: &mut SetupState, doc: &mut Doc, cx: &Cx) -> Fx {
    let mut fx = Fx::none();
    if st.section != Section::Axes {
        return fx;
    }
    let mut axes = doc.w.axes().to_vec();
    let Some(a) = axes.get_mut(st.axes.selected) else {
        return fx;
    };
    let at = OKABE_ITO
        .iter()
        .position(|c| *c == a.color)
        .map_or(0, |i| i + 1);
    a.color = OKABE_ITO[at % OKABE_ITO.len()];
    doc.apply(Ok(Op::SetAxes(axes)), cx.lang, &mut fx);
    fx
}

fn pasted(cx: &Cx, text: &str) -> Fx {
    let lang = cx.lang;
    let lines = parse_participant_list(text);
    if lines.is_empty() {
        return Fx::none();
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
    Effect::Open(Overlay::Confirm(Confirm {
        title: crate::i18n::tnf(lang, "setup.add_participants", lines.len(), &[]),
        kind: ConfirmKind::AddParticipants(lines),
        body,
        choices: Vec::new(),
        selected: None,
    }))
    .into()
}

/// The pasted list was confirmed.
pub fn add_participants(
    doc: &mut Doc,
    cx: &Cx,
    lines: &[crate::domain::participant::ParticipantLine],
) -> Fx {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let people: Vec<_> = lines
        .iter()
        .map(|l| (l.name.clone(), l.organisation.clone(), l.college))
        .collect();
    let op = doc.w.op_add_participants(&people);
    if doc.apply(op, lang, &mut fx) {
        fx.info(crate::i18n::tnf(lang, "setup.added", lines.len(), &[]));
    }
    fx
}

pub fn click_row(
    st: &mut SetupState,
    doc: &mut Doc,
    cx: &Cx,
    section: Section,
    row_in_list: usize,
) {
    let len = list_len(doc, section);
    let h = cx.setup_list(&doc.w, section);
    st.section = section;
    let list = list_of(st, section);
    let target = list.offset + row_in_list;
    if target < len {
        list.select(target, len, h);
    }
}
