//! The board of lines: paints the rows and the selected line's details
//! that the state laid out ([`crate::app::board`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::App;
use crate::app::board::{NO_LINES, NO_MATCH};
use crate::app::styled::{Role, StyledLine};
use crate::text::truncate;

use super::theme::Theme;
use super::{fit_line, pane_block, render_scrolled, styled_line};

pub fn render(app: &App, t: &Theme, buf: &mut Buffer) {
    let area = app.areas.board;
    if area.is_empty() {
        return;
    }
    let b = &app.board;
    let total = app.data.lines().len();
    let title = if b.rows.len() == total {
        format!(" Board of lines ({total}) ")
    } else {
        format!(" Board of lines ({} of {total}) ", b.rows.len())
    };
    pane_block(&title, true, t).render(area, buf);
    let head = app.areas.board_head;
    let list = app.areas.board_list;
    if b.rows.is_empty() {
        let msg = if total == 0 { NO_LINES } else { NO_MATCH };
        let inside = Rect {
            height: head.height + list.height,
            ..head
        };
        Paragraph::new(truncate(msg, inside.width as usize).into_owned())
            .style(t.dim)
            .render(inside, buf);
    } else if !head.is_empty() {
        fit_line(styled_line(&b.head, t), head.width as usize).render(head, buf);
    }
    for (i, (line, row)) in b
        .lines
        .iter()
        .zip(&b.line_row)
        .skip(b.offset)
        .take(list.height as usize)
        .enumerate()
    {
        let r = Rect {
            y: list.y + i as u16,
            height: 1,
            ..list
        };
        if *row == Some(b.selected) {
            buf.set_style(r, t.selected);
            fit_line(selected_line(line, t), r.width as usize).render(r, buf);
        } else {
            fit_line(styled_line(line, t), r.width as usize).render(r, buf);
        }
    }
    let details = app.areas.board_details;
    if !details.is_empty() {
        pane_block(" Line ", false, t).render(details, buf);
        render_scrolled(
            &b.details,
            b.details_scroll,
            app.areas.board_details_body,
            t,
            buf,
        );
    }
}

/// The selected line's rows: the row's style throughout, but the selected
/// milestone in its own.
fn selected_line<'a>(line: &'a StyledLine, t: &Theme) -> Line<'a> {
    Line::from(
        line.0
            .iter()
            .map(|r| {
                let style = if r.role == Role::Cursor {
                    t.style(Role::Cursor)
                } else {
                    t.selected
                };
                Span::styled(r.text.as_str(), style)
            })
            .collect::<Vec<_>>(),
    )
}
