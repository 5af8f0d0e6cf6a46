//! The filter menu: kinds, countries, threads, date bases and disputed
//! events to toggle. Its rows were laid out by `update`
//! ([`crate::app::filter_menu::lines`]); this paints them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::app::App;

use super::theme::Theme;
use super::{fit_line, pane_block, styled_line};

pub fn render(app: &App, t: &Theme, buf: &mut Buffer) {
    let area = app.areas.popup;
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    pane_block(" Filter · Space toggles · F clears · Esc closes ", true, t).render(area, buf);
    let body = app.areas.popup_body;
    for (i, line) in app
        .filter_lines
        .iter()
        .enumerate()
        .take(body.height as usize)
    {
        let r = Rect {
            y: body.y + i as u16,
            height: 1,
            ..body
        };
        let here = app.filter_offset + i == app.filter_cursor_row;
        let line = if here {
            let spans = line
                .0
                .iter()
                .map(|r| Span::styled(r.text.as_str(), t.selected));
            Line::from(spans.collect::<Vec<_>>())
        } else {
            styled_line(line, t)
        };
        if here {
            buf.set_style(r, t.selected);
        }
        fit_line(line, body.width as usize).render(r, buf);
    }
}
