//! The details pane's text: everything about the selected event, its
//! quotes and their attribution, the lines it is a milestone of and the
//! disputes it is in, wrapped to the pane's width. Built when
//! the selection, the width, the query, the quote or the data change; only
//! the selected event's text is wrapped.

use crate::action::{Action, Mode};
use crate::keymap;
use crate::model::Event;
use crate::query::search::Matcher;

use super::App;
use super::styled::{Role, Run, StyledLine, wrapped};

/// Width of the field labels ("Date", "Parties").
const LABEL: usize = 9;

/// Marks the lines of a quote whatever the colours.
pub const QUOTE_BAR: &str = "▌";
/// Marks the quote that `y` and the reader use, when there are several.
pub const CURRENT_QUOTE: &str = "▸";

/// Heads each dispute the event is in.
pub const DISAGREE: &str = "Sources disagree";

/// Heads the list of the sources quoted, each with its headline.
pub const SOURCES: &str = "Sources";

/// What the pane says with no event selected.
pub const NO_EVENT: &str = "No event selected.";

fn field(out: &mut Vec<StyledLine>, label: &str, text: &str, width: usize, m: Option<&Matcher>) {
    let lead = Run::new(format!("{label:<LABEL$}"), Role::Label);
    let indent = Run::new(" ".repeat(LABEL), Role::Plain);
    out.extend(wrapped(text, width, lead, indent, Role::Base, m));
}

fn unindented(text: &str, width: usize, role: Role, m: Option<&Matcher>) -> Vec<StyledLine> {
    let none = Run::new("", Role::Plain);
    wrapped(text, width, none.clone(), none, role, m)
}

/// The date reasoning, open: a heading saying which key folds it, and
/// the text indented below. Folded, it is one line low in the pane
/// ([`folded_reasoning`]).
fn reasoning_lines(out: &mut Vec<StyledLine>, text: &str, width: usize, m: Option<&Matcher>) {
    let key = fold_key();
    let label = Run::new("Reasoning", Role::Label);
    let hint = Run::new(format!(" ({key} to fold)"), Role::Dim);
    out.push(StyledLine(vec![label, hint]));
    let indent = Run::new(" ".repeat(LABEL), Role::Plain);
    out.extend(wrapped(text, width, indent.clone(), indent, Role::Base, m));
}

/// The folded reasoning: one line saying which key opens it.
fn folded_reasoning(out: &mut Vec<StyledLine>) {
    let label = Run::new("Reasoning", Role::Label);
    let hint = Run::new(format!(" … ({} to read)", fold_key()), Role::Dim);
    out.push(StyledLine(vec![label, hint]));
}

/// The key that opens and folds the date notes.
fn fold_key() -> String {
    keymap::key_for(Action::ToggleReasoning, Mode::Normal).unwrap_or_default()
}

/// The basis note: whole when open or when it fits on one line; folded,
/// one line cut short with the key that opens it, so that the first
/// quote stays on the pane's first screen.
fn basis_lines(
    out: &mut Vec<StyledLine>,
    note: &str,
    open: bool,
    width: usize,
    m: Option<&Matcher>,
) {
    let clean = crate::text::sanitize_line(note);
    let room = width.saturating_sub(LABEL);
    if open || crate::text::width(&clean) <= room {
        field(out, "Basis", note, width, m);
        return;
    }
    let hint = format!(" ({})", fold_key());
    let keep = room.saturating_sub(crate::text::width(&hint));
    let cut = crate::text::truncate(&clean, keep).into_owned();
    let mut runs = vec![Run::new(format!("{:<LABEL$}", "Basis"), Role::Label)];
    runs.extend(super::styled::highlight(&cut, m, Role::Base));
    runs.push(Run::new(hint, Role::Dim));
    out.push(StyledLine(runs));
}

/// The pane's lines for the selected event at `width` columns.
pub fn lines(app: &App, width: usize) -> Vec<StyledLine> {
    let Some(e) = app.selected_event() else {
        return vec![StyledLine::one(NO_EVENT, Role::Plain)];
    };
    event_lines(app, e, width)
}

fn event_lines(app: &App, e: &Event, width: usize) -> Vec<StyledLine> {
    let data = &app.data;
    let m = app.search.matcher();
    let m = m.as_ref();
    let open = app.reasoning_open;
    // First what the event is, when, and how that is known; then the
    // quotes, so that the first is on the first screen; then the rest.
    let mut out = unindented(&e.title, width, Role::Title, m);
    let said = match e.expected() {
        Some(expected) => format!("expected {} · said ", expected.display()),
        None => String::new(),
    };
    let date = format!(
        "{said}{} · {} · {}",
        e.date().display(),
        e.date().precision().name(),
        e.date_basis.description()
    );
    field(&mut out, "Date", &date, width, None);
    if let Some((verdict, outcome)) = data.forecast(e) {
        let text = format!(
            "{}: {} ({})",
            verdict.describe(),
            outcome.title,
            outcome.date().display()
        );
        field(&mut out, "Outcome", &text, width, m);
    }
    if let Some(note) = &e.date_note {
        basis_lines(&mut out, note, open, width, m);
    }
    if let Some(reasoning) = e.date_reasoning()
        && open
    {
        reasoning_lines(&mut out, reasoning, width, m);
    }
    let mut sources: Vec<&str> = Vec::new();
    for (i, q) in e.quotes.iter().enumerate() {
        out.push(StyledLine::default());
        let mark = if i == app.quote && e.quotes.len() > 1 {
            CURRENT_QUOTE
        } else {
            QUOTE_BAR
        };
        let lead = Run::new(format!("{mark} "), Role::Key);
        let bar = Run::new(format!("{QUOTE_BAR} "), Role::Key);
        out.extend(wrapped(&q.text, width, lead, bar, Role::Base, m));
        let attribution = match data.source(&q.source) {
            Some(s) => format!("— {}", s.credit().trimmed().brief()),
            None => format!("— {}", q.source),
        };
        out.extend(wrapped(
            &attribution,
            width,
            Run::new("  ", Role::Plain),
            Run::new("    ", Role::Plain),
            Role::Dim,
            None,
        ));
        if !sources.contains(&q.source.as_str()) {
            sources.push(&q.source);
        }
    }
    out.push(StyledLine::default());
    out.extend(unindented(&e.summary, width, Role::Base, m));
    out.push(StyledLine::default());
    if e.date_reasoning().is_some() && !open {
        folded_reasoning(&mut out);
    }
    let kind = format!("{} {}", e.kind.glyph(), e.kind.as_str());
    field(&mut out, "Kind", &kind, width, None);
    if !e.parties.is_empty() {
        let parties: Vec<String> = e
            .parties
            .iter()
            .map(|c| format!("{} ({c})", data.country_name(c)))
            .collect();
        field(&mut out, "Parties", &parties.join(", "), width, None);
    }
    for (i, id) in e.people.iter().enumerate() {
        let label = if i == 0 { "People" } else { "" };
        let text = match data.person(id) {
            Some(p) => {
                let mut s = p.name.clone();
                if !p.roles.is_empty() {
                    s.push_str(&format!(" — {}", p.roles.join("; ")));
                }
                if !p.aliases.is_empty() {
                    let a: Vec<String> = p.aliases.iter().map(|a| format!("\"{a}\"")).collect();
                    s.push_str(&format!(" (also spelled {})", a.join(", ")));
                }
                s
            }
            None => id.to_string(),
        };
        field(&mut out, label, &text, width, m);
    }
    if let Some(place) = &e.place {
        field(&mut out, "Place", place, width, m);
    }
    if let Some(th) = &e.thread {
        let title = data.thread(th).map_or(th.as_str(), |t| t.title.as_str());
        let pos = app
            .selected_index()
            .and_then(|i| data.thread_position(i))
            .map_or(String::new(), |(p, n)| format!(" · {p} of {n}"));
        field(&mut out, "Thread", &format!("{title}{pos}"), width, None);
    }
    let index = app.selected_index();
    for (line, milestone) in index.into_iter().flat_map(|i| data.event_milestones(i)) {
        let text = format!("{} · {}", line.name, milestone.status.as_str());
        // The lead and the indent are as wide, so wrapping keeps to `width`.
        let lead = Run::new("Milestone: ", Role::Label);
        let indent = Run::new(" ".repeat(lead.text.chars().count()), Role::Plain);
        out.extend(wrapped(&text, width, lead, indent, Role::Base, m));
    }
    // The id, to reach the event with `hotlines show ID` or in the file.
    field(&mut out, "Id", &e.id, width, None);
    for dispute in index.into_iter().flat_map(|i| data.event_disputes(i)) {
        out.push(StyledLine::default());
        let heading = format!("{DISAGREE}: {}", dispute.title);
        out.extend(unindented(&heading, width, Role::Title, m));
        for r in &dispute.readings {
            out.push(StyledLine::default());
            let bar = Run::new(format!("{QUOTE_BAR} "), Role::Key);
            out.extend(wrapped(&r.quote, width, bar.clone(), bar, Role::Base, m));
            let publisher = data
                .source(&r.source)
                .map_or(r.source.as_str(), |s| s.publisher.as_str());
            out.extend(wrapped(
                &format!("— {publisher}"),
                width,
                Run::new("  ", Role::Plain),
                Run::new("    ", Role::Plain),
                Role::Dim,
                None,
            ));
            out.extend(wrapped(
                &format!("Reading: {}", r.reading),
                width,
                Run::new("  ", Role::Plain),
                Run::new("  ", Role::Plain),
                Role::Base,
                m,
            ));
        }
    }
    // Each source quoted, once, with its headline.
    out.push(StyledLine::default());
    out.push(StyledLine::one(SOURCES, Role::Title));
    for id in sources {
        let text = match data.source(id) {
            Some(s) => s.credit().trimmed().short(),
            None => id.to_string(),
        };
        out.extend(wrapped(
            &text,
            width,
            Run::new("  ", Role::Plain),
            Run::new("    ", Role::Plain),
            Role::Dim,
            None,
        ));
    }
    out
}
