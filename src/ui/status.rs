//! The header (what is shown, and a reload under way) and the footer (keys and messages).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{App, Mode, export};
use crate::keymap;
use crate::text::sanitize_line;

use super::fit_line;
use super::theme::Theme;

/// The header's text: title, counts, filters, search.
pub fn header_text(app: &App) -> String {
    let mut s = format!(
        "{} │ {} of {} events",
        sanitize_line(app.data.title()),
        app.view.len(),
        app.data.events().len()
    );
    if let Some(loading) = app.loading_status() {
        s.push_str(" │ ");
        s.push_str(&sanitize_line(&loading));
    }
    if !app.filter.is_empty() {
        s.push_str(" │ filter: ");
        s.push_str(&sanitize_line(&app.filter.describe()));
    }
    if app.search.is_active() {
        let rank = app
            .search
            .rank(app.selected)
            .map_or(String::new(), |r| format!("{r}/"));
        s.push_str(&format!(
            " │ /{} {}{} matches",
            sanitize_line(&app.search.query),
            rank,
            app.search.matches.len()
        ));
    }
    s
}

pub fn render_header(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let line = Line::from(format!(" {}", header_text(app)));
    Paragraph::new(fit_line(line, area.width as usize))
        .style(t.header)
        .render(area, buf);
}

pub fn render_footer(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let line = if app.mode == Mode::Search {
        let mut spans = vec![
            Span::styled("/", t.key),
            Span::styled(sanitize_line(&app.search.query).into_owned(), t.base),
            Span::styled("▏", t.key),
            Span::raw("  "),
        ];
        if app.search.is_active() && app.search.matches.is_empty() {
            spans.push(Span::styled("no match  ", t.status));
        }
        spans.extend(hint_spans(t, Mode::Search));
        Line::from(spans)
    } else if let Some(line) = prompt_line(app, t) {
        line
    } else if let Some(msg) = &app.status {
        Line::from(Span::styled(sanitize_line(msg).into_owned(), t.status))
    } else if let Some(msg) = app.problem_status() {
        Line::from(Span::styled(sanitize_line(&msg).into_owned(), t.status))
    } else {
        let mut spans = Vec::new();
        if let Some(c) = app.count {
            spans.push(Span::styled(format!("{c} "), t.key));
        }
        spans.extend(hint_spans(t, app.mode));
        Line::from(spans)
    };
    Paragraph::new(fit_line(line, area.width as usize))
        .style(t.base)
        .render(area, buf);
}

/// The footer of the `:` and `x` prompts: what is typed, a cursor, and
/// the keys; a message (a name without a format) before the keys.
fn prompt_line(app: &App, t: &Theme) -> Option<Line<'static>> {
    let text = |s: &str| sanitize_line(s).into_owned();
    let mut spans = match app.mode {
        Mode::Goto => vec![
            Span::styled("Go to date: ", t.key),
            Span::styled(text(&app.goto), t.base),
            Span::styled("▏", t.key),
            Span::raw("  "),
        ],
        Mode::Export if app.export.confirm => {
            return Some(Line::from(vec![
                Span::styled(text(&app.export.path), t.base),
                Span::styled(" exists: replace it? ", t.status),
                Span::styled("y", t.key),
                Span::styled(" or ", t.base),
                Span::styled("Enter", t.key),
                Span::styled(" replaces · ", t.base),
                Span::styled("Esc", t.key),
                Span::styled(" edits the name", t.base),
            ]));
        }
        Mode::Export => {
            let format =
                export::format_of(&app.export.path).map_or("no format", export::format_name);
            vec![
                Span::styled("Write view to: ", t.key),
                Span::styled(text(&app.export.path), t.base),
                Span::styled("▏", t.key),
                Span::styled(format!(" ({format})  "), t.dim),
            ]
        }
        _ => return None,
    };
    if let Some(msg) = &app.status {
        spans.push(Span::styled(format!("{}  ", text(msg)), t.status));
    }
    spans.extend(hint_spans(t, app.mode));
    Some(Line::from(spans))
}

fn hint_spans(t: &Theme, mode: Mode) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, (key, word)) in keymap::hints(mode).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", t.dim));
        }
        spans.push(Span::styled(key, t.key));
        spans.push(Span::styled(format!(" {word}"), t.base));
    }
    spans
}
