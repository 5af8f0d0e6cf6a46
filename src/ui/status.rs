//! The header (what is shown, and a reload under way) and the footer (keys and messages).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{Action, App, Mode, export};
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
    if let Some(checking) = app.checking_status() {
        s.push_str(" │ ");
        s.push_str(&checking);
    } else if app.check_failed && !app.problems.is_empty() {
        s.push_str(" │ fails its checks");
    }
    if !app.filter.is_empty() {
        s.push_str(" │ filter: ");
        s.push_str(&sanitize_line(&app.filter.describe()));
    }
    if app.search.is_searching() {
        s.push_str(&format!(
            " │ /{} searching…",
            sanitize_line(&app.search.query)
        ));
    } else if app.search.is_active() {
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
    let width = area.width as usize;
    let line = if app.mode == Mode::Search {
        let mut spans = vec![
            Span::styled("/", t.key),
            Span::styled(sanitize_line(&app.search.query).into_owned(), t.base),
            Span::styled("▏", t.key),
            Span::raw("  "),
        ];
        if app.search.is_searching() {
            spans.push(Span::styled("searching…  ", t.status));
        } else if app.search.is_active() && app.search.matches.is_empty() {
            spans.push(Span::styled("no match  ", t.status));
        }
        let used: usize = spans.iter().map(|s| crate::text::width(&s.content)).sum();
        spans.extend(hint_spans(t, Mode::Search, width.saturating_sub(used)));
        Line::from(spans)
    } else if let Some(line) = prompt_line(app, t, width) {
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
        let used: usize = spans.iter().map(|s| crate::text::width(&s.content)).sum();
        spans.extend(hint_spans(t, app.mode, width.saturating_sub(used)));
        Line::from(spans)
    };
    Paragraph::new(fit_line(line, width))
        .style(t.base)
        .render(area, buf);
}

/// Between two hints.
const SEP: &str = " · ";

/// The hints of a mode that fit in `width` columns: help and the way out
/// (quit, back, close) always, then the others in the table's order
/// until one does not fit; shown in the table's order, help first.
pub fn fitted_hints(mode: Mode, width: usize) -> Vec<(String, &'static str)> {
    let all = keymap::hints(mode);
    let essential: Vec<bool> = all
        .iter()
        .map(|(key, word)| {
            keymap::BINDINGS.iter().any(|b| {
                b.modes.contains(&mode)
                    && b.hint == Some(*word)
                    && keymap::label(b.key) == *key
                    && matches!(b.action, Action::Help | Action::Quit | Action::Back)
            })
        })
        .collect();
    let sep = crate::text::width(SEP);
    let cost =
        |(key, word): &(String, &str)| crate::text::width(key) + 1 + crate::text::width(word);
    let mut keep = essential;
    let kept = keep.iter().filter(|&&k| k).count();
    let mut used: usize = all
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(h, _)| cost(h))
        .sum::<usize>()
        + sep * kept.saturating_sub(1);
    for (i, h) in all.iter().enumerate() {
        if keep[i] {
            continue;
        }
        let more = used + cost(h) + if used > 0 { sep } else { 0 };
        if more > width {
            break;
        }
        used = more;
        keep[i] = true;
    }
    all.into_iter()
        .zip(keep)
        .filter_map(|(h, k)| k.then_some(h))
        .collect()
}

/// The footer of the `:` and `x` prompts: what is typed, a cursor, and
/// the keys; a message (a name without a format) before the keys.
fn prompt_line(app: &App, t: &Theme, width: usize) -> Option<Line<'static>> {
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
    let used: usize = spans.iter().map(|s| crate::text::width(&s.content)).sum();
    spans.extend(hint_spans(t, app.mode, width.saturating_sub(used)));
    Some(Line::from(spans))
}

fn hint_spans(t: &Theme, mode: Mode, width: usize) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, (key, word)) in fitted_hints(mode, width).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(SEP, t.dim));
        }
        spans.push(Span::styled(key, t.key));
        spans.push(Span::styled(format!(" {word}"), t.base));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(mode: Mode, width: usize) -> String {
        fitted_hints(mode, width)
            .iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect::<Vec<_>>()
            .join(SEP)
    }

    #[test]
    fn help_and_the_way_out_always_fit_and_the_rest_drop_from_the_end() {
        let wide = shown(Mode::Normal, 200);
        assert!(wide.starts_with("? help · j move"), "{wide}");
        assert!(wide.ends_with("y cite · t axis · q quit"), "{wide}");
        for w in [80, 40, 20, 0] {
            let s = shown(Mode::Normal, w);
            assert!(s.starts_with("? help") && s.ends_with("q quit"), "{w}: {s}");
            if w >= 15 {
                assert!(s.chars().count() <= w, "{w}: {s}");
            }
        }
        assert_eq!(
            shown(Mode::Normal, 40),
            "? help · j move · Tab focus · q quit"
        );
        // What drops is the end of the list, not the middle.
        let s80 = shown(Mode::Normal, 80);
        assert!(!s80.contains("y cite") && s80.contains("f filter"), "{s80}");
        let reader = shown(Mode::Reader, 30);
        assert!(
            reader.contains("? help") && reader.contains("Esc back"),
            "{reader}"
        );
    }
}
