//! Home: the workshops of the folder.

use super::widgets::{fit, truncate, wrap};
use super::{layout, rows, titled};
use crate::app::cx::Cx;
use crate::app::screens::home::HomeState;
use crate::i18n::tn;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, st: &HomeState, cx: &Cx, body: Rect) {
    let t = &cx.theme;
    let h = st;
    let a = layout::home(body);
    let title = cx.lang.tf("home.list_title", &[("dir", &h.dir.display())]);
    let title = super::widgets::fit_paths(&title, a.list_block.width.saturating_sub(3) as usize);
    frame.render_widget(titled(format!(" {title} "), true, &cx.theme), a.list_block);
    if let Some(problem) = &h.problem {
        let lines: Vec<Line> = wrap(problem, a.list.width as usize - 2)
            .into_iter()
            .map(|l| Line::from(Span::styled(format!(" {l}"), t.error())))
            .collect();
        frame.render_widget(Paragraph::new(lines), a.list);
    } else if h.items.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(format!("  {}", cx.t("home.empty")), t.dim())),
            a.list,
        );
    } else {
        let w = a.list.width as usize;
        let name_w = (w / 3).clamp(12, 34);
        let window = h.list.window(h.items.len(), a.list.height as usize);
        let selected = h.list.selected.checked_sub(window.start);
        let lines = h.items[window]
            .iter()
            .map(|item| {
                let name = crate::store::paths::file_name(&item.path);
                let name = Span::styled(fit(&format!("  {name}"), name_w), t.dim());
                let rest = w.saturating_sub(name_w + 1);
                match &item.info {
                    Ok(i) => Line::from(vec![
                        name,
                        Span::raw(" "),
                        Span::styled(fit(&i.heading, rest), t.text()),
                    ]),
                    Err(_) => Line::from(vec![
                        name,
                        Span::raw(" "),
                        Span::styled(
                            fit(&format!("⚠ {}", cx.t("home.unreadable")), rest),
                            t.error(),
                        ),
                    ]),
                }
            })
            .collect();
        rows(frame, a.list, lines, selected, &cx.theme);
    }
    detail(frame, st, cx, a.detail_block, a.detail);
}

fn detail(frame: &mut Frame, st: &HomeState, cx: &Cx, block: Rect, area: Rect) {
    let t = &cx.theme;
    let Some(item) = st.items.get(st.list.selected) else {
        frame.render_widget(titled("", false, &cx.theme), block);
        return;
    };
    let path = super::widgets::fit_paths(
        &item.path.display().to_string(),
        block.width.saturating_sub(3) as usize,
    );
    frame.render_widget(titled(format!(" {path} "), false, &cx.theme), block);
    let width = area.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = match &item.info {
        Ok(i) => {
            let counts = [
                tn(cx.lang, "n.proposals", i.proposals),
                tn(cx.lang, "n.participants", i.participants),
                tn(cx.lang, "n.rounds", i.rounds),
                tn(cx.lang, "n.sheets", i.sheets),
            ]
            .join(" · ");
            vec![
                Line::from(Span::styled(
                    format!(" {}", truncate(&i.title, width)),
                    t.accent(),
                )),
                Line::from(format!(" {counts}")),
            ]
        }
        Err(why) => wrap(why, width)
            .into_iter()
            .map(|l| Line::from(Span::styled(format!(" {l}"), t.error())))
            .collect(),
    };
    frame.render_widget(Paragraph::new(lines), area);
}
