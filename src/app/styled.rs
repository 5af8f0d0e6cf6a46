//! Laid-out text as state: lines of runs, each run tagged with what it is
//! (a title, a label, a search match) rather than how it looks. The painter
//! maps each [`Role`] to a style through the theme.

use std::fmt;

use crate::model::Kind;
use crate::query::search::Matcher;

use crate::text::wrap::wrap;

/// What a run of text is; the theme decides how it looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// No style of its own (indents and leads).
    Plain,
    /// Body text.
    Base,
    Title,
    /// A field label ("Date", "Parties").
    Label,
    /// A key, or a mark drawn in the key colour (the quote bar).
    Key,
    /// Secondary text (attributions).
    Dim,
    /// A search match.
    Matched,
    /// A message (the problems of a broken save).
    Status,
    /// A line that works: opened or used, a forecast met.
    Live,
    /// A line on its way: proposed, agreed or planned.
    Pending,
    /// A line suspended or closed.
    Stopped,
    /// A forecast missed.
    Warning,
    /// The selected milestone on the board (also marked by a glyph).
    Cursor,
    /// A year heading of the timeline.
    Year,
    /// The kind glyph of an event, coloured by kind where there is colour.
    Kind(Kind),
}

/// A run of text in one role. The text is already sanitized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub role: Role,
}

impl Run {
    pub fn new(text: impl Into<String>, role: Role) -> Run {
        Run {
            text: text.into(),
            role,
        }
    }
}

/// One line of a pane, as runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StyledLine(pub Vec<Run>);

impl StyledLine {
    pub fn one(text: impl Into<String>, role: Role) -> StyledLine {
        StyledLine(vec![Run::new(text, role)])
    }
}

impl fmt::Display for StyledLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|r| f.write_str(&r.text))
    }
}

/// Runs of `text` with the matches of `m` as [`Role::Matched`] and the rest
/// in `role`. `text` must already be sanitized.
pub fn highlight(text: &str, m: Option<&Matcher>, role: Role) -> Vec<Run> {
    let ranges = m.map(|m| m.find_all(text)).unwrap_or_default();
    if ranges.is_empty() {
        return vec![Run::new(text, role)];
    }
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            out.push(Run::new(&text[at..r.start], role));
        }
        out.push(Run::new(&text[r.clone()], Role::Matched));
        at = r.end;
    }
    if at < text.len() {
        out.push(Run::new(&text[at..], role));
    }
    out
}

/// Sanitized `text` wrapped to `width` after an indent: `first` leads the
/// first line (it should be as wide as the indent), `indent` the others.
pub fn wrapped(
    text: &str,
    width: usize,
    first: Run,
    indent: Run,
    role: Role,
    m: Option<&Matcher>,
) -> Vec<StyledLine> {
    let clean = crate::text::sanitize_text(text);
    let room = width
        .saturating_sub(crate::text::width(&indent.text))
        .max(1);
    let mut out = Vec::new();
    let mut first = Some(first);
    for r in wrap(&clean, room) {
        let lead = first.take().unwrap_or_else(|| indent.clone());
        let mut runs = vec![lead];
        runs.extend(highlight(&clean[r], m, role));
        out.push(StyledLine(runs));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_become_their_own_runs() {
        let m = Matcher::new("hot");
        let runs = highlight("a hotline, hot", m.as_ref(), Role::Base);
        let roles: Vec<(&str, Role)> = runs.iter().map(|r| (r.text.as_str(), r.role)).collect();
        assert_eq!(
            roles,
            [
                ("a ", Role::Base),
                ("hot", Role::Matched),
                ("line, ", Role::Base),
                ("hot", Role::Matched),
            ]
        );
        assert_eq!(
            highlight("cold", m.as_ref(), Role::Title),
            [Run::new("cold", Role::Title)]
        );
    }

    #[test]
    fn wrapped_lines_lead_with_the_first_run_then_the_indent() {
        let lines = wrapped(
            "one two three",
            10,
            Run::new("A  ", Role::Label),
            Run::new("   ", Role::Plain),
            Role::Base,
            None,
        );
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, ["A  one two", "   three"]);
        assert_eq!(lines[0].0[0].role, Role::Label);
        assert_eq!(lines[1].0[0].role, Role::Plain);
    }
}
