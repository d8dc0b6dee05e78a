//! Where things go on screen. Pure functions of the terminal size and the
//! state, shared by the views (to draw) and by `update` (to know list
//! heights and what a click hit), so the two always agree.

use crate::app::{App, PHASES, Screen};
use crate::domain::{Phase, Workshop};
use ratatui::layout::{Rect, Size};

pub struct Areas {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

pub fn areas(size: Size) -> Areas {
    let full = Rect::new(0, 0, size.width, size.height);
    let h = full.height;
    Areas {
        header: Rect::new(0, 0, full.width, 1.min(h)),
        body: Rect::new(0, 1.min(h), full.width, h.saturating_sub(3)),
        status: Rect::new(0, h.saturating_sub(2), full.width, u16::from(h >= 2)),
        footer: Rect::new(0, h.saturating_sub(1), full.width, u16::from(h >= 1)),
    }
}

fn body(app: &App) -> Rect {
    areas(app.size).body
}

/// Splits `r` into a top part of `h` rows and the rest.
fn cut_top(r: Rect, h: u16) -> (Rect, Rect) {
    let h = h.min(r.height);
    (
        Rect::new(r.x, r.y, r.width, h),
        Rect::new(r.x, r.y + h, r.width, r.height - h),
    )
}

fn cut_bottom(r: Rect, h: u16) -> (Rect, Rect) {
    let h = h.min(r.height);
    (
        Rect::new(r.x, r.y, r.width, r.height - h),
        Rect::new(r.x, r.y + r.height - h, r.width, h),
    )
}

/// The inside of a block with only a top border.
pub fn below_title(r: Rect) -> Rect {
    cut_top(r, 1).1
}

/// Whether the screen is tall enough for roomier panels.
fn roomy(body: Rect) -> bool {
    body.height >= 28
}

pub struct CaptureAreas {
    pub question: Rect,
    pub list_block: Rect,
    pub list: Rect,
    pub detail_block: Rect,
    pub detail: Rect,
    pub input_block: Rect,
    pub input_text: Rect,
    pub input_meta: Rect,
    /// The proposals sent from phones (empty when there is no queue).
    pub queue_block: Rect,
    pub queue: Rect,
}

/// The capture screen; `queue`: with the proposals sent from phones beside
/// the list (below it, in place of the detail, when narrow).
pub fn capture(body: Rect, question: bool, queue: bool) -> CaptureAreas {
    let (question, rest) = cut_top(body, u16::from(question));
    let text_lines = if roomy(body) { 3 } else { 2 };
    let (rest, input_block) = cut_bottom(rest, text_lines + 3);
    let detail_lines = if roomy(body) { 5 } else { 3 };
    let (rest, queue_block) = match (queue, rest.width >= 100) {
        (false, _) => (rest, Rect::default()),
        (true, true) => {
            let qw = rest.width * 38 / 100;
            (
                Rect::new(rest.x, rest.y, rest.width - qw, rest.height),
                Rect::new(rest.x + rest.width - qw, rest.y, qw, rest.height),
            )
        }
        (true, false) => cut_bottom(rest, detail_lines + 1),
    };
    let (list_block, detail_block) = if queue && rest.width == body.width {
        (rest, Rect::default())
    } else {
        cut_bottom(rest, detail_lines + 1)
    };
    let inner = Rect::new(
        input_block.x + 1,
        input_block.y + 1,
        input_block.width.saturating_sub(2),
        input_block.height.saturating_sub(2),
    );
    let (input_text, input_meta) = cut_bottom(inner, 1);
    CaptureAreas {
        question,
        list: below_title(list_block),
        list_block,
        detail: below_title(detail_block),
        detail_block,
        input_block,
        input_text,
        input_meta,
        queue: below_title(queue_block),
        queue_block,
    }
}

/// Whether the capture screen shows the queue of proposals from phones:
/// while some wait, or while phones take part.
pub fn capture_queue(app: &App) -> bool {
    app.doc.as_ref().is_some_and(|d| {
        crate::domain::moderation::pending(&d.w) > 0 || app.phones.wanted(Some(&d.w)).is_some()
    })
}

/// The capture screen's areas for the app as it is.
pub fn capture_areas(app: &App) -> CaptureAreas {
    let question = app
        .doc
        .as_ref()
        .is_some_and(|d| !d.w.details().question.is_empty());
    capture(body(app), question, capture_queue(app))
}

/// The capture screen's areas for a workshop, in `body`.
pub fn capture_of(body: Rect, w: &Workshop, phones_wanted: bool) -> CaptureAreas {
    let queue = crate::domain::moderation::pending(w) > 0 || phones_wanted;
    capture(body, !w.details().question.is_empty(), queue)
}

pub struct TagAreas {
    pub filters: Rect,
    pub list_block: Rect,
    pub list: Rect,
    pub detail_block: Rect,
    pub detail: Rect,
}

pub fn tag(body: Rect) -> TagAreas {
    let (filters, rest) = cut_top(body, 1);
    let detail_lines = if roomy(body) { 6 } else { 4 };
    let (list_block, detail_block) = cut_bottom(rest, detail_lines + 1);
    TagAreas {
        filters,
        list: below_title(list_block),
        list_block,
        detail: below_title(detail_block),
        detail_block,
    }
}

pub struct HomeAreas {
    pub list_block: Rect,
    pub list: Rect,
    pub detail_block: Rect,
    pub detail: Rect,
}

pub fn home(body: Rect) -> HomeAreas {
    let (list_block, detail_block) = cut_bottom(body, 5);
    HomeAreas {
        list: below_title(list_block),
        list_block,
        detail: below_title(detail_block),
        detail_block,
    }
}

pub fn home_list_height(app: &App) -> usize {
    home(body(app)).list.height as usize
}

pub struct SetupAreas {
    pub details_block: Rect,
    pub details: Rect,
    pub axes_block: Rect,
    pub axes: Rect,
    pub agenda_block: Rect,
    pub agenda: Rect,
    pub participants_block: Rect,
    pub participants: Rect,
}

/// Wide: details, axes and agenda on the left, participants on the right.
/// Narrow: details, then axes beside the agenda, then participants.
pub fn setup(body: Rect, axes: usize) -> SetupAreas {
    let details_h = 7;
    let axes_h = (axes.max(1) as u16 + 1).min(10);
    let agenda_h = 7;
    let (details_block, axes_block, agenda_block, participants_block) = if body.width >= 100 {
        let lw = body.width * 55 / 100;
        let left = Rect::new(body.x, body.y, lw, body.height);
        let right = Rect::new(body.x + lw, body.y, body.width - lw, body.height);
        let (details, rest) = cut_top(left, details_h);
        let (axes, rest) = cut_top(rest, axes_h);
        let (agenda, _) = cut_top(rest, agenda_h);
        (details, axes, agenda, right)
    } else {
        let (details, rest) = cut_top(body, details_h);
        let (row, participants) = cut_top(rest, axes_h.max(agenda_h));
        let half = row.width / 2;
        let axes = Rect::new(row.x, row.y, half, row.height);
        let agenda = Rect::new(row.x + half, row.y, row.width - half, row.height);
        (details, axes, agenda, participants)
    };
    SetupAreas {
        details: below_title(details_block),
        details_block,
        axes: below_title(axes_block),
        axes_block,
        agenda: below_title(agenda_block),
        agenda_block,
        participants: below_title(participants_block),
        participants_block,
    }
}

/// The setup screen's sections, each a list of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    #[default]
    Details,
    Axes,
    Agenda,
    Participants,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Details,
        Section::Axes,
        Section::Agenda,
        Section::Participants,
    ];
}

/// The height of a setup section's list, with `axes` axes.
pub fn setup_height(body: Rect, axes: usize, section: Section) -> usize {
    let s = setup(body, axes);
    match section {
        Section::Details => s.details.height as usize,
        Section::Axes => s.axes.height as usize,
        Section::Agenda => s.agenda.height as usize,
        Section::Participants => s.participants.height as usize,
    }
}

/// The phase tabs of the header, with their label and place.
pub fn tabs(app: &App) -> Vec<(Phase, String, Rect)> {
    if app.screen() == Screen::Home {
        return Vec::new();
    }
    let width = |l: &str| unicode_width::UnicodeWidthStr::width(l) as u16;
    let labels_of = |short: bool| -> Vec<(Phase, String)> {
        PHASES
            .iter()
            .map(|p| {
                let n = 2 + Phase::ALL.iter().position(|x| x == p).unwrap_or(0);
                let active = app.screen() == Screen::Phase(*p);
                let label = match (short, active) {
                    (true, false) => format!(" F{n} "),
                    (true, true) => {
                        format!(" F{n} {} ", app.t(&format!("phase_short.{}", p.key())))
                    }
                    (false, _) => format!(" F{n} {} ", app.t(&format!("phase.{}", p.key()))),
                };
                (*p, label)
            })
            .collect()
    };
    let save_w = save_width(app) + timer_width(app);
    // Every phase named when the workshop's title keeps room to be read
    // (40 columns, or all of it); else only the phase on screen is named.
    let long = labels_of(false);
    let long_total: u16 = long.iter().map(|(_, l)| width(l)).sum();
    let title_w = app.doc.as_ref().map_or(0, |d| {
        width(&format!(" atelier · {} ", d.w.details().title))
    });
    let room = app.size.width.saturating_sub(save_w + long_total);
    let labels = if room >= title_w.min(40) {
        long
    } else {
        labels_of(true)
    };
    let total: u16 = labels.iter().map(|(_, l)| width(l)).sum();
    let right = app.size.width.saturating_sub(save_w);
    let mut x = right.saturating_sub(total);
    labels
        .into_iter()
        .map(|(p, l)| {
            let w = unicode_width::UnicodeWidthStr::width(l.as_str()) as u16;
            let r = Rect::new(x, 0, w, 1);
            x += w;
            (p, l, r)
        })
        .collect()
}

/// Room for the save state in the header: its longest wording, so that
/// "◌ enregistrement…" never runs over the tabs.
pub fn save_width(app: &App) -> u16 {
    [
        "save.saved",
        "save.saving",
        "save.failed",
        "save.read_only",
        "save.conflict",
    ]
    .iter()
    .map(|k| unicode_width::UnicodeWidthStr::width(app.t(k)) as u16 + 4)
    .max()
    .unwrap_or(16)
}

/// Room for the timer in the header, once it has been started.
pub fn timer_width(app: &App) -> u16 {
    if app.doc.as_ref().is_some_and(|d| d.timer.is_used()) {
        10
    } else {
        0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Tab(Phase),
    HomeRow(usize),
    CaptureRow(usize),
    TagRow(usize),
    SetupRow(Section, usize),
}

fn inside(r: Rect, column: u16, row: u16) -> bool {
    column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
}

/// What a click at (`column`, `row`) lands on.
pub fn hit(app: &App, column: u16, row: u16) -> Option<Hit> {
    if let Some((p, _, _)) = tabs(app)
        .into_iter()
        .find(|(_, _, r)| inside(*r, column, row))
    {
        return Some(Hit::Tab(p));
    }
    let body = body(app);
    let row_in = |r: Rect| inside(r, column, row).then(|| (row - r.y) as usize);
    match app.screen() {
        Screen::Home => row_in(home(body).list).map(Hit::HomeRow),
        Screen::Phase(Phase::Capture) => row_in(capture_areas(app).list).map(Hit::CaptureRow),
        Screen::Phase(Phase::Tag) => row_in(tag(body).list).map(Hit::TagRow),
        Screen::Phase(Phase::Setup) => {
            let n = app.doc.as_ref().map_or(4, |d| d.w.axes().len());
            let s = setup(body, n);
            row_in(s.details)
                .map(|r| Hit::SetupRow(Section::Details, r))
                .or_else(|| row_in(s.axes).map(|r| Hit::SetupRow(Section::Axes, r)))
                .or_else(|| row_in(s.agenda).map(|r| Hit::SetupRow(Section::Agenda, r)))
                .or_else(|| row_in(s.participants).map(|r| Hit::SetupRow(Section::Participants, r)))
        }
        Screen::Phase(_) => None,
    }
}

pub struct VoteAreas {
    /// The rounds, or the list the current view works on.
    pub list_block: Rect,
    pub list: Rect,
    /// The selected round's rules and participation, or the booth's header.
    pub side_block: Rect,
    pub side: Rect,
}

/// The list on the left, details on the right when wide; stacked when not.
pub fn vote(body: Rect) -> VoteAreas {
    let (list_block, side_block) = if body.width >= 100 {
        let lw = body.width * 58 / 100;
        (
            Rect::new(body.x, body.y, lw, body.height),
            Rect::new(body.x + lw, body.y, body.width - lw, body.height),
        )
    } else {
        let side_h = (body.height / 2).min(9);
        cut_bottom(body, side_h)
    };
    VoteAreas {
        list: below_title(list_block),
        list_block,
        side: below_title(side_block),
        side_block,
    }
}

pub struct ResultsAreas {
    pub summary: Rect,
    pub list_block: Rect,
    pub list: Rect,
    pub detail_block: Rect,
    pub detail: Rect,
}

pub fn results(body: Rect) -> ResultsAreas {
    let (summary, rest) = cut_top(body, 3);
    let detail_lines = if roomy(body) { 5 } else { 3 };
    let (list_block, detail_block) = cut_bottom(rest, detail_lines + 1);
    ResultsAreas {
        summary,
        list: below_title(list_block),
        list_block,
        detail: below_title(detail_block),
        detail_block,
    }
}

pub struct SheetsAreas {
    pub list_block: Rect,
    pub list: Rect,
    pub sheet_block: Rect,
    pub sheet: Rect,
}

/// The sheets on the left and the sheet on the right when wide; a short
/// list above the sheet otherwise.
pub fn sheets(body: Rect) -> SheetsAreas {
    let (list_block, sheet_block) = if body.width >= 100 {
        let lw = body.width * 32 / 100;
        (
            Rect::new(body.x, body.y, lw, body.height),
            Rect::new(body.x + lw, body.y, body.width - lw, body.height),
        )
    } else {
        cut_top(body, (body.height / 4).clamp(3, 6))
    };
    SheetsAreas {
        list: below_title(list_block),
        list_block,
        sheet: below_title(sheet_block),
        sheet_block,
    }
}
