//! The time axis pane: paints the ruler, the lanes' cells, the caret, the
//! line naming the selection and the legend that the state laid out
//! ([`crate::app::axis`]). Each cell is one glyph; the selected event's
//! cells take the selection style, its lane the marker, its mark the caret
//! below, so the selection shows without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::app::App;
use crate::app::axis::{Cell, Piece};
use crate::app::styled::StyledLine;
use crate::text::{fit, truncate};

use super::theme::Theme;
use super::{fit_line, pane_block, styled_line};

/// What the pane says when no event is shown.
pub const NO_EVENTS: &str = "The dataset has no events.";
pub const FILTERED_OUT: &str = "No event matches the filter: Esc, then F clears it.";

fn line_at(line: &StyledLine, r: Rect, t: &Theme, buf: &mut Buffer) {
    if r.is_empty() {
        return;
    }
    fit_line(styled_line(line, t), r.width as usize).render(Rect { height: 1, ..r }, buf);
}

fn cell_style(cell: Cell, t: &Theme) -> Style {
    if cell.marks > 0 {
        return t.key;
    }
    match cell.piece {
        Piece::Bar | Piece::Cap => t.base,
        Piece::Empty | Piece::Approx | Piece::Fade => t.dim,
    }
}

pub fn render(app: &App, t: &Theme, buf: &mut Buffer) {
    let area = app.areas.axis;
    if area.is_empty() {
        return;
    }
    let a = &app.axis;
    let title = truncate(&a.title, area.width.saturating_sub(2) as usize);
    pane_block(&title, true, t).render(area, buf);
    let body = app.areas.axis_body;
    if body.is_empty() {
        return;
    }
    if app.view.is_empty() {
        let msg = if app.data.events().is_empty() {
            NO_EVENTS
        } else {
            FILTERED_OUT
        };
        Paragraph::new(Line::from(truncate(msg, body.width as usize).into_owned()))
            .style(t.dim)
            .render(body, buf);
        return;
    }
    let r = a.rects;
    line_at(&a.ruler, r.ruler, t, buf);
    line_at(&a.ticks, r.ticks, t, buf);
    let label_w = r.labels.width.saturating_sub(2) as usize;
    for (i, lane) in a.lanes.iter().enumerate() {
        let y = r.plot.y + i as u16;
        let selected = a.selected.filter(|s| s.row as usize == i);
        if r.labels.width > 0 {
            let marker = if selected.is_some() {
                Theme::MARKER
            } else {
                " "
            };
            let style = if selected.is_some() {
                t.selected
            } else {
                t.label
            };
            let text = format!("{marker}{} ", fit(&lane.label, label_w));
            let row = Rect::new(r.labels.x, y, r.labels.width, 1);
            fit_line(Line::styled(text, style), r.labels.width as usize).render(row, buf);
        }
        for (c, cell) in lane.cells.iter().enumerate() {
            let x = r.plot.x + c as u16;
            let on = selected
                .and_then(|s| s.cols)
                .is_some_and(|(from, to)| (from as usize..=to as usize).contains(&c));
            let style = if on { t.selected } else { cell_style(*cell, t) };
            if let Some(b) = buf.cell_mut(Position::new(x, y)) {
                b.set_symbol(cell.glyph()).set_style(style);
            }
        }
    }
    line_at(&a.caret, r.caret, t, buf);
    line_at(&a.info, r.info, t, buf);
    for (i, line) in a.legend.iter().enumerate() {
        let row = Rect {
            y: r.legend.y + i as u16,
            height: 1,
            ..r.legend
        };
        line_at(line, row, t, buf);
    }
}
