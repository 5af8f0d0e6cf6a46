//! The `?` overlay's text, built from the key table: the mode help was
//! opened from first, then the others (over the time axis, its marks),
//! then the mouse; above them, the problems of a broken save, wrapped to
//! the overlay's width.

use crate::keymap::{MOUSE_HELP, help_entries};
use crate::model::Problem;
use crate::text::{plural, sanitize_line};

use super::Mode;
use super::styled::{Role, Run, StyledLine};
use crate::text::wrap::wrap;

/// Width used for the problems before the overlay has a width.
const DEFAULT_WIDTH: usize = 78;

/// The help text for help opened over `from`, with the `problems` of the
/// last reload, for an overlay `width` columns wide inside (0: not known).
pub fn lines(from: Mode, problems: &[Problem], width: usize) -> Vec<StyledLine> {
    let mut modes = vec![from];
    modes.extend(
        Mode::ALL
            .into_iter()
            .filter(|m| *m != from && *m != Mode::Help),
    );
    let mut out = problem_lines(problems, width);
    for mode in modes {
        if !out.is_empty() {
            out.push(StyledLine::default());
        }
        out.push(StyledLine::one(mode.title(), Role::Title));
        for e in help_entries(mode) {
            out.push(entry(&e.keys, e.help));
        }
    }
    if from == Mode::Axis {
        out.push(StyledLine::default());
        out.push(StyledLine::one("Time axis marks", Role::Title));
        for (glyph, meaning) in super::axis::LEGEND {
            out.push(entry(glyph, meaning));
        }
    }
    out.push(StyledLine::default());
    out.push(StyledLine::one("Mouse", Role::Title));
    for (k, h) in MOUSE_HELP {
        out.push(entry(k, h));
    }
    out
}

fn entry(keys: &str, help: &str) -> StyledLine {
    StyledLine(vec![
        Run::new(format!("  {keys:<18}"), Role::Key),
        Run::new(help, Role::Base),
    ])
}

/// The problems of a broken save, each wrapped to the overlay's width, so
/// that the whole list can be read while the last good data stays shown.
fn problem_lines(problems: &[Problem], width: usize) -> Vec<StyledLine> {
    if problems.is_empty() {
        return Vec::new();
    }
    let width = match width {
        0 => DEFAULT_WIDTH,
        w => w,
    }
    .saturating_sub(2)
    .max(10);
    let mut out = vec![StyledLine::one(
        format!(
            "The file does not load: {} (the last good data is shown)",
            plural(problems.len(), "problem")
        ),
        Role::Title,
    )];
    for p in problems {
        let text = sanitize_line(&p.to_string()).into_owned();
        for r in wrap(&text, width) {
            out.push(StyledLine::one(format!("  {}", &text[r]), Role::Status));
        }
    }
    out
}
