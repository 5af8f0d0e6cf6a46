//! The timeline pane: year headings and one row per event. Only the rows
//! in view are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::styled::{Role, highlight};
use crate::app::view::Row;
use crate::app::{App, Focus};
use crate::text::{fit, sanitize_line, truncate};

use super::theme::Theme;
use super::{fit_line, pane_block};

pub fn render(app: &App, t: &Theme, buf: &mut Buffer) {
    let area = app.areas.timeline;
    if area.is_empty() {
        return;
    }
    let focused = app.focus == Focus::Timeline;
    pane_block(" Timeline ", focused, t).render(area, buf);
    let list = app.areas.timeline_list;
    if list.is_empty() {
        return;
    }
    if app.view.is_empty() {
        let msg = if app.data.events().is_empty() {
            "The dataset has no events."
        } else {
            "No event matches the filter: F clears it."
        };
        Paragraph::new(truncate(msg, list.width as usize).into_owned())
            .style(t.dim)
            .render(list, buf);
        return;
    }
    let height = list.height as usize;
    let matcher = app.search.matcher();
    for (i, row) in app
        .view
        .rows
        .iter()
        .skip(app.offset)
        .take(height)
        .enumerate()
    {
        let r = Rect {
            y: list.y + i as u16,
            height: 1,
            ..list
        };
        let line = match *row {
            Row::Year(y) => Line::from(vec![
                Span::styled("── ", t.dim),
                Span::styled(y.to_string(), t.year),
                Span::styled(" ", t.dim),
            ]),
            Row::Event(pos) => {
                event_line(app, t, pos as usize, list.width as usize, matcher.as_ref())
            }
        };
        let style = match *row {
            Row::Event(pos) if pos as usize == app.selected => t.selected,
            _ => Style::new(),
        };
        buf.set_style(r, style);
        fit_line(line, list.width as usize).render(r, buf);
    }
}

fn event_line<'a>(
    app: &'a App,
    t: &Theme,
    pos: usize,
    cols: usize,
    matcher: Option<&crate::query::search::Matcher>,
) -> Line<'a> {
    let selected = pos == app.selected;
    let e = &app.data.events()[app.view.events[pos] as usize];
    let row_style = if selected { t.selected } else { t.base };
    let marker = if selected {
        format!("{} ", Theme::MARKER)
    } else {
        "  ".to_string()
    };
    let date_w = app.date_width.min(cols.saturating_sub(10));
    let mut spans = vec![
        Span::styled(marker, row_style),
        Span::styled(fit(&e.date().display(), date_w), row_style),
        Span::raw(" "),
        Span::styled(
            fit(e.kind.label(), 5),
            if selected { row_style } else { t.kind(e.kind) },
        ),
        Span::raw(" "),
    ];
    let mut used = 2 + date_w + 1 + 5 + 1;
    if cols >= 50 {
        // Room for three parties (KR-CN-KP) on wide panes, two otherwise.
        let w = if cols >= 90 { 11 } else { 8 };
        let parties = sanitize_line(&crate::model::parties_label(&e.parties)).into_owned();
        spans.push(Span::styled(
            fit(&parties, w),
            if selected { row_style } else { t.dim },
        ));
        spans.push(Span::raw(" "));
        used += w + 1;
    }
    let room = cols.saturating_sub(used);
    let title = sanitize_line(&e.title);
    let cut = truncate(&title, room).into_owned();
    let base = if selected { row_style } else { t.base };
    for r in highlight(&cut, matcher, Role::Base) {
        let style = if r.role == Role::Matched {
            t.matched
        } else {
            base
        };
        spans.push(Span::styled(r.text, style));
    }
    Line::from(spans)
}
