//! Drawing. Each pane is a function of `&App` that changes nothing; the
//! layout is computed first ([`layout::areas`]) and recorded in the app so
//! keys and the mouse know what the frame showed.

pub mod details;
pub mod filter_menu;
pub mod help;
pub mod layout;
pub mod reader;
pub mod status;
pub mod theme;
pub mod timeline;

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use crate::app::{App, Drawn, Mode};
use crate::search::Matcher;

/// Draws a whole frame into the areas the app recorded.
pub fn render(app: &App, frame: &mut Frame) -> Drawn {
    let areas = app.areas;
    let buf = frame.buffer_mut();
    if areas.too_small {
        let area = buf.area;
        if area.width > 0 && area.height > 0 {
            let msg = crate::text::truncate("terminal too small", area.width as usize);
            Paragraph::new(msg.into_owned()).render(area, buf);
        }
        return Drawn::default();
    }
    let mut drawn = Drawn::default();
    status::render_header(app, areas.header, buf);
    let base = if app.mode == Mode::Help {
        app.help_return
    } else {
        app.mode
    };
    if base == Mode::Reader {
        reader::render(app, buf);
    } else {
        timeline::render(app, buf);
        drawn.details_lines = details::render(app, buf);
    }
    match app.mode {
        Mode::Filter => filter_menu::render(app, buf),
        Mode::Help => drawn.help_lines = help::render(app, buf),
        _ => {}
    }
    status::render_footer(app, areas.footer, buf);
    drawn
}

/// The block around a pane, thick when focused (not only a colour).
pub fn pane_block<'a>(title: &'a str, focused: bool, theme: &theme::Theme) -> Block<'a> {
    let (style, kind) = if focused {
        (theme.border_focus, BorderType::Thick)
    } else {
        (theme.border, BorderType::Plain)
    };
    Block::bordered()
        .border_type(kind)
        .border_style(style)
        .title(Span::styled(title, style))
}

/// Spans of `text` with the matches of `m` in `hl` and the rest in `base`.
/// `text` must already be sanitized.
pub fn highlight<'a>(
    text: Cow<'a, str>,
    m: Option<&Matcher>,
    base: Style,
    hl: Style,
) -> Vec<Span<'a>> {
    let ranges = m.map(|m| m.find_all(&text)).unwrap_or_default();
    if ranges.is_empty() {
        return vec![Span::styled(text, base)];
    }
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            out.push(Span::styled(text[at..r.start].to_string(), base));
        }
        out.push(Span::styled(text[r.clone()].to_string(), hl));
        at = r.end;
    }
    if at < text.len() {
        out.push(Span::styled(text[at..].to_string(), base));
    }
    out
}

/// Draws `lines` into `body`, one per row, cut to its width, from line
/// `scroll` (clamped so the last line can reach the bottom, no further).
/// Returns how many lines there are, for the next update's scroll limit.
pub fn render_scrolled(
    lines: Vec<Line<'_>>,
    scroll: usize,
    body: ratatui::layout::Rect,
    buf: &mut ratatui::buffer::Buffer,
) -> usize {
    let len = lines.len();
    let height = body.height as usize;
    let scroll = scroll.min(crate::app::viewport::max_scroll(len, height));
    for (i, line) in lines.into_iter().skip(scroll).take(height).enumerate() {
        let row = ratatui::layout::Rect {
            y: body.y + i as u16,
            height: 1,
            ..body
        };
        fit_line(line, body.width as usize).render(row, buf);
    }
    len
}

/// A line cut to `width` columns.
pub fn fit_line(line: Line<'_>, width: usize) -> Line<'_> {
    let mut left = width;
    let mut spans = Vec::new();
    let style = line.style;
    for s in line.spans {
        if left == 0 {
            break;
        }
        let w = crate::text::width(&s.content);
        if w <= left {
            left -= w;
            spans.push(s);
        } else {
            let cut = crate::text::truncate(&s.content, left).into_owned();
            left = 0;
            spans.push(Span::styled(cut, s.style));
        }
    }
    Line::from(spans).style(style)
}
