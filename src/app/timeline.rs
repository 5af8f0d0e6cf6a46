//! The timeline's rows in view, laid out as text: a heading, or an event
//! as its selection marker, a mark when sources disagree on it, compact
//! date, basis mark, kind glyph, parties
//! and title. Built by `update` after every message (only the rows in view,
//! so the work is bounded by the pane's height, never the dataset's size);
//! the painter maps the roles to styles.

use crate::query::search::Matcher;
use crate::text::{fit, sanitize_line, truncate, width};

use super::App;
use super::styled::{Role, Run, StyledLine, highlight};
use super::view::{Row, parties_label};

/// Marks the selected row whatever the colours.
pub const MARKER: &str = "▶";
/// Beside the marker: sources disagree on this event (the details say
/// how).
pub const DISPUTED: &str = "≠";
/// What heads a heading row.
pub const RULE: &str = "── ";
/// Below this width the parties column is left out.
const PARTIES_FROM: usize = 50;

/// The columns of an event row at a pane `cols` wide: the date's and the
/// parties' widths (0: left out).
pub fn columns(app: &App, cols: usize) -> (usize, usize) {
    let date = app.view.date_width.min(cols.saturating_sub(10));
    let parties = if cols >= PARTIES_FROM {
        app.view.parties_width
    } else {
        0
    };
    (date, parties)
}

/// The rows from `app.offset` that fill `height` rows `cols` wide.
pub fn lines(app: &App, cols: usize, height: usize) -> Vec<StyledLine> {
    let matcher = app.search.matcher();
    app.view
        .rows
        .iter()
        .skip(app.offset)
        .take(height)
        .map(|row| match *row {
            Row::Heading(h) => StyledLine(vec![
                Run::new(RULE, Role::Dim),
                Run::new(h.label(), Role::Year),
            ]),
            Row::Event(pos) => event_line(app, pos as usize, cols, matcher.as_ref()),
        })
        .collect()
}

fn event_line(app: &App, pos: usize, cols: usize, m: Option<&Matcher>) -> StyledLine {
    let e = &app.data.events()[app.view.events[pos] as usize];
    let (date_w, parties_w) = columns(app, cols);
    let index = app.view.events[pos] as usize;
    let marker = if pos == app.selected { MARKER } else { " " };
    let disputed = if app.data.is_disputed(index) {
        DISPUTED
    } else {
        " "
    };
    let date = e.date().compact();
    // Right-aligned, so that the years line up.
    let date = format!(
        "{}{}",
        " ".repeat(date_w.saturating_sub(width(&date))),
        truncate(&date, date_w)
    );
    let mut runs = vec![
        Run::new(format!("{marker}{disputed} "), Role::Base),
        Run::new(date, Role::Base),
        Run::new(e.date_basis.mark(), Role::Base),
        Run::new(" ", Role::Plain),
        Run::new(e.kind.glyph(), Role::Kind(e.kind)),
        Run::new(" ", Role::Plain),
    ];
    let mut used = 3 + date_w + 1 + 1 + 1 + 1;
    if parties_w > 0 {
        runs.push(Run::new(
            fit(&parties_label(&e.parties), parties_w),
            Role::Dim,
        ));
        runs.push(Run::new(" ", Role::Plain));
        used += parties_w + 1;
    }
    let title = sanitize_line(&e.title);
    let cut = truncate(&title, cols.saturating_sub(used));
    runs.extend(highlight(&cut, m, Role::Base));
    StyledLine(runs)
}
