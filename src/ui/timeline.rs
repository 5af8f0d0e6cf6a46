//! The timeline pane: paints the rows the state laid out
//! ([`crate::app::timeline`]), the selected one in the selection style.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget};

use crate::app::styled::{Role, StyledLine};
use crate::app::view::Row;
use crate::app::{App, Focus};
use crate::text::truncate;

use super::theme::Theme;
use super::{fit_line, pane_block, styled_line};

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
    let rows = app.view.rows.iter().skip(app.offset);
    for (i, (line, row)) in app.timeline_lines.iter().zip(rows).enumerate() {
        let r = Rect {
            y: list.y + i as u16,
            height: 1,
            ..list
        };
        let selected = matches!(*row, Row::Event(pos) if pos as usize == app.selected);
        if selected {
            buf.set_style(r, t.selected);
        }
        fit_line(painted(line, selected, t), list.width as usize).render(r, buf);
    }
}

/// A row as spans: each run in its role's style, or all but the search
/// matches in the selection style when the row is selected.
fn painted<'a>(line: &'a StyledLine, selected: bool, t: &Theme) -> ratatui::text::Line<'a> {
    if !selected {
        return styled_line(line, t);
    }
    ratatui::text::Line::from(
        line.0
            .iter()
            .map(|r| {
                let style = match r.role {
                    Role::Matched => t.matched,
                    _ => t.selected,
                };
                ratatui::text::Span::styled(r.text.as_str(), style)
            })
            .collect::<Vec<_>>(),
    )
    .style(Style::new())
}
