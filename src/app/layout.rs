//! Where each pane goes: a pure function of the terminal size, the mode
//! and the focus. `update` calls it, so keys, the mouse and the painter all
//! use the same rectangles.

use ratatui::layout::{Constraint, Layout, Rect};

use super::{Focus, Mode};

/// Where each pane goes, for the painter, paging, scrolling and the mouse.
/// Empty rects are panes not shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The timeline pane with its border, and its rows inside.
    pub timeline: Rect,
    pub timeline_list: Rect,
    /// The details pane with its border, and its text inside.
    pub details: Rect,
    pub details_body: Rect,
    /// The reader pane, and its article text.
    pub reader: Rect,
    pub reader_body: Rect,
    /// The board of lines with its border, its column headings (the first
    /// row inside) and its rows below them.
    pub board: Rect,
    pub board_head: Rect,
    pub board_list: Rect,
    /// The selected line beneath the board, and its text inside.
    pub board_details: Rect,
    pub board_details_body: Rect,
    /// The time axis pane, and its inside.
    pub axis: Rect,
    pub axis_body: Rect,
    /// An overlay (help or filter menu) and its inside.
    pub popup: Rect,
    pub popup_body: Rect,
    pub footer: Rect,
    /// Too small to draw panes: only a short message is shown.
    pub too_small: bool,
}

/// Below this, only "terminal too small" is drawn.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From this width, the timeline and details sit side by side.
pub const SIDE_BY_SIDE: u16 = 100;
/// Side by side, the details pane is at least this wide, and takes every
/// column beyond what the timeline's rows can use: at 120 columns the
/// timeline has 81 (room for most titles whole), from 125 on the details
/// grow (59 of 144, 115 of 200).
pub const DETAILS_MIN: u16 = 39;
pub const TIMELINE_MAX: u16 = 85;
/// Below this body height (and narrow), one pane shows at a time.
pub const STACK_MIN_HEIGHT: u16 = 14;
/// From this body height, the selected line's details show beneath the board.
pub const BOARD_DETAILS_MIN_HEIGHT: u16 = 16;

fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// A centred rectangle of at most `w` x `h` inside `r`.
pub fn centered(r: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(r.width);
    let h = h.min(r.height);
    Rect {
        x: r.x + (r.width - w) / 2,
        y: r.y + (r.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The panes for a terminal of `area` in `mode` (help opened over
/// `help_return`), with `focus`, and a filter menu of `filter_items` items.
pub fn areas(
    area: Rect,
    mode: Mode,
    help_return: Mode,
    focus: Focus,
    filter_items: usize,
) -> Areas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut a = Areas {
        header,
        footer,
        ..Areas::default()
    };
    let base = if mode == Mode::Help {
        help_return
    } else {
        mode
    };
    if base == Mode::Board {
        let board = if body.height >= BOARD_DETAILS_MIN_HEIGHT {
            let [b, d] =
                Layout::vertical([Constraint::Length(body.height * 3 / 5), Constraint::Min(0)])
                    .areas(body);
            a.board_details = d;
            a.board_details_body = inner(d);
            b
        } else {
            body
        };
        let i = inner(board);
        a.board = board;
        a.board_head = Rect {
            height: i.height.min(1),
            ..i
        };
        a.board_list = Rect {
            y: i.y.saturating_add(1),
            height: i.height.saturating_sub(1),
            ..i
        };
    } else if base == Mode::Reader {
        let i = inner(body);
        a.reader = body;
        a.reader_body = Rect {
            x: i.x.saturating_add(2),
            y: i.y.saturating_add(2),
            width: i.width.saturating_sub(2),
            height: i.height.saturating_sub(2),
        };
    } else if base == Mode::Axis {
        a.axis = body;
        a.axis_body = inner(body);
    } else if body.width >= SIDE_BY_SIDE {
        let details = DETAILS_MIN.max(body.width.saturating_sub(TIMELINE_MAX));
        let [t, d] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(details)]).areas(body);
        a.timeline = t;
        a.details = d;
    } else if body.height >= STACK_MIN_HEIGHT {
        let t = body.height * 9 / 20;
        let [t, d] = Layout::vertical([Constraint::Length(t), Constraint::Min(0)]).areas(body);
        a.timeline = t;
        a.details = d;
    } else if focus == Focus::Details {
        a.details = body;
    } else {
        a.timeline = body;
    }
    a.timeline_list = inner(a.timeline);
    a.details_body = inner(a.details);
    match mode {
        Mode::Help => {
            a.popup = centered(body, 76, body.height.saturating_sub(2).max(6));
            a.popup_body = inner(a.popup);
        }
        Mode::Filter => {
            let rows = (filter_items as u16).saturating_add(6 + 2);
            a.popup = centered(body, 48, rows);
            a.popup_body = inner(a.popup);
        }
        _ => {}
    }
    a
}
