//! The `?` overlay, built from the key table.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::app::wrap::wrap;
use crate::app::{App, Mode};
use crate::keymap::{MOUSE_HELP, help_entries};
use crate::text::{plural, sanitize_line};

use super::pane_block;


/// The help text, the mode help was opened from first.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut modes = vec![app.help_return];
    modes.extend(
        Mode::ALL
            .into_iter()
            .filter(|m| *m != app.help_return && *m != Mode::Help),
    );
    let mut out = problem_lines(app);
    for mode in modes {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(mode.title(), t.title)));
        for e in help_entries(mode) {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<18}", e.keys), t.key),
                Span::styled(e.help, t.base),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled("Mouse", t.title)));
    for (k, h) in MOUSE_HELP {
        out.push(Line::from(vec![
            Span::styled(format!("  {k:<18}"), t.key),
            Span::styled(*h, t.base),
        ]));
    }
    out
}

/// The problems of a broken save, each wrapped to the overlay's width, so
/// that the whole list can be read while the last good data stays shown.
fn problem_lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    if app.problems.is_empty() {
        return Vec::new();
    }
    let width = match app.areas.popup_body.width as usize {
        0 => 78,
        w => w,
    }
    .saturating_sub(2)
    .max(10);
    let mut out = vec![Line::from(Span::styled(
        format!(
            "The file does not load: {} (the last good data is shown)",
            plural(app.problems.len(), "problem")
        ),
        t.title,
    ))];
    for p in &app.problems {
        let text = sanitize_line(&p.to_string()).into_owned();
        for r in wrap(&text, width) {
            out.push(Line::from(Span::styled(
                format!("  {}", &text[r]),
                t.status,
            )));
        }
    }
    out
}

/// Draws the overlay; returns how many lines the help has.
pub fn render(app: &App, buf: &mut Buffer) -> usize {
    let area = app.areas.popup;
    if area.is_empty() {
        return 0;
    }
    Clear.render(area, buf);
    pane_block(" Keys · ? or Esc closes ", true, &app.theme).render(area, buf);
    let body = app.areas.popup_body;
    super::render_scrolled(lines(app), app.help_scroll, body, buf)
}
