//! Painting. Each pane is a function of `&App` and the theme that changes
//! nothing: the layout, the wrapped texts and the scroll positions were all
//! worked out by `update` ([`crate::app::layout`]); painting only maps them
//! to cells and each text's roles to styles.

pub(crate) mod axis;
pub(crate) mod board;
pub(crate) mod details;
pub(crate) mod filter_menu;
pub(crate) mod help;
pub(crate) mod reader;
pub(crate) mod status;
pub mod theme;
pub(crate) mod timeline;

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use crate::app::styled::StyledLine;
use crate::app::{App, Mode};

use theme::Theme;

/// Paints a whole frame into the areas the app laid out. A frame whose size
/// the app has not been told of (no [`crate::app::Msg::Resize`] yet) is
/// left blank rather than painted with another size's layout.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let areas = app.areas;
    let buf = frame.buffer_mut();
    if buf.area != app.size {
        return;
    }
    if areas.too_small {
        let area = buf.area;
        if area.width > 0 && area.height > 0 {
            let msg = crate::text::truncate("terminal too small", area.width as usize);
            Paragraph::new(msg.into_owned()).render(area, buf);
        }
        return;
    }
    status::render_header(app, theme, areas.header, buf);
    let base = if app.mode == Mode::Help {
        app.help_return
    } else {
        app.mode
    };
    if base == Mode::Board {
        board::render(app, theme, buf);
    } else if base == Mode::Reader {
        reader::render(app, theme, buf);
    } else if base == Mode::Axis {
        axis::render(app, theme, buf);
    } else {
        timeline::render(app, theme, buf);
        details::render(app, theme, buf);
    }
    match app.mode {
        Mode::Filter => filter_menu::render(app, theme, buf),
        Mode::Help => help::render(app, theme, buf),
        _ => {}
    }
    status::render_footer(app, theme, areas.footer, buf);
}

/// The block around a pane, thick when focused (not only a colour).
pub fn pane_block<'a>(title: &'a str, focused: bool, theme: &Theme) -> Block<'a> {
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

/// A laid-out line as spans, each run in its role's style.
pub fn styled_line<'a>(line: &'a StyledLine, theme: &Theme) -> Line<'a> {
    Line::from(
        line.0
            .iter()
            .map(|r| Span::styled(r.text.as_str(), theme.style(r.role)))
            .collect::<Vec<_>>(),
    )
}

/// Paints `lines` into `body`, one per row, cut to its width, from line
/// `scroll` (which the state has already clamped).
pub fn render_scrolled(
    lines: &[StyledLine],
    scroll: usize,
    body: ratatui::layout::Rect,
    theme: &Theme,
    buf: &mut ratatui::buffer::Buffer,
) {
    let height = body.height as usize;
    for (i, line) in lines.iter().skip(scroll).take(height).enumerate() {
        let row = ratatui::layout::Rect {
            y: body.y + i as u16,
            height: 1,
            ..body
        };
        fit_line(styled_line(line, theme), body.width as usize).render(row, buf);
    }
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
