//! The details pane: everything about the selected event, its quotes and
//! their attribution. Only the selected event's text is wrapped.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::wrap::wrap;
use crate::app::{App, Focus};
use crate::model::Event;
use crate::search::Matcher;
use crate::text::{sanitize_line, sanitize_text};

use super::theme::Theme;
use super::{fit_line, highlight, pane_block};

/// Width of the field labels ("Date", "Parties").
const LABEL: usize = 9;

/// Text wrapped to `width` after `indent` columns; `first` is drawn before
/// the first line (it should be `indent` columns wide).
fn wrapped<'a>(
    text: &str,
    width: usize,
    first: Span<'a>,
    indent: &'a str,
    style: Style,
    m: Option<&Matcher>,
    hl: Style,
) -> Vec<Line<'a>> {
    let clean = sanitize_text(text);
    let room = width.saturating_sub(crate::text::width(indent)).max(1);
    let mut out = Vec::new();
    let mut first = Some(first);
    for r in wrap(&clean, room) {
        let lead = first.take().unwrap_or_else(|| Span::raw(indent));
        let mut spans = vec![lead];
        spans.extend(highlight(clean[r].to_string().into(), m, style, hl));
        out.push(Line::from(spans));
    }
    out
}

fn field<'a>(
    out: &mut Vec<Line<'a>>,
    label: &'a str,
    text: &str,
    width: usize,
    t: &Theme,
    m: Option<&Matcher>,
) {
    let lead = Span::styled(format!("{label:<LABEL$}"), t.label);
    out.extend(wrapped(
        text,
        width,
        lead,
        "         ",
        t.base,
        m,
        t.matched,
    ));
}

/// The pane's lines for one event at one width.
pub fn lines<'a>(app: &'a App, e: &'a Event, width: usize) -> Vec<Line<'a>> {
    let t = &app.theme;
    let data = &app.data;
    let m = app.search.matcher();
    let m = m.as_ref();
    let mut out = Vec::new();
    out.extend(wrapped(
        &e.title,
        width,
        Span::raw(""),
        "",
        t.title,
        m,
        t.matched,
    ));
    out.push(Line::default());
    let date = format!(
        "{} · {} · {}",
        e.date.display(),
        e.date.precision().name(),
        e.date_basis.description()
    );
    field(&mut out, "Date", &date, width, t, None);
    if let Some(note) = &e.date_note {
        field(&mut out, "Basis", note, width, t, m);
    }
    field(&mut out, "Kind", e.kind.as_str(), width, t, None);
    if !e.parties.is_empty() {
        let parties: Vec<String> = e
            .parties
            .iter()
            .map(|c| format!("{} ({c})", data.country_name(c)))
            .collect();
        field(&mut out, "Parties", &parties.join(", "), width, t, None);
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
            None => id.clone(),
        };
        field(&mut out, label, &text, width, t, m);
    }
    if let Some(place) = &e.place {
        field(&mut out, "Place", place, width, t, m);
    }
    if let Some(th) = &e.thread {
        let title = data.thread(th).map_or(th.as_str(), |t| t.title.as_str());
        let pos = app
            .selected_index()
            .and_then(|i| data.thread_position(i))
            .map_or(String::new(), |(p, n)| format!(" · {p} of {n}"));
        field(&mut out, "Thread", &format!("{title}{pos}"), width, t, None);
    }
    out.push(Line::default());
    out.extend(wrapped(
        &e.summary,
        width,
        Span::raw(""),
        "",
        t.base,
        m,
        t.matched,
    ));
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        format!("Quotes ({})", e.quotes.len()),
        t.title,
    )));
    for (i, q) in e.quotes.iter().enumerate() {
        out.push(Line::default());
        let mark = if i == app.quote && e.quotes.len() > 1 {
            Theme::CURRENT_QUOTE
        } else {
            Theme::QUOTE_BAR
        };
        let lead = Span::styled(format!("{mark} "), t.key);
        let bar: &'a str = "▌ ";
        let mut quote = wrapped(&q.text, width, lead, bar, t.base, m, t.matched);
        for l in quote.iter_mut().skip(1) {
            if let Some(s) = l.spans.first_mut() {
                s.style = t.key;
            }
        }
        out.extend(quote);
        let attribution = match data.source(&q.source) {
            Some(s) => format!(
                "— {}, \"{}\", {}",
                s.publisher,
                s.headline,
                s.published
                    .as_ref()
                    .map_or_else(|| "undated".to_string(), |d| d.display())
            ),
            None => format!("— {}", q.source),
        };
        out.extend(wrapped(
            &attribution,
            width,
            Span::raw("  "),
            "    ",
            t.dim,
            None,
            t.matched,
        ));
    }
    out
}

/// Draws the pane; returns how many lines its text has.
pub fn render(app: &App, buf: &mut Buffer) -> usize {
    let area = app.areas.details;
    if area.is_empty() {
        return 0;
    }
    pane_block(" Details ", app.focus == Focus::Details, &app.theme).render(area, buf);
    let body = app.areas.details_body;
    if body.is_empty() {
        return 0;
    }
    let Some(e) = app.selected_event() else {
        let msg = sanitize_line("No event selected.").into_owned();
        fit_line(Line::from(msg), body.width as usize).render(body, buf);
        return 1;
    };
    super::render_scrolled(
        lines(app, e, body.width as usize),
        app.details_scroll,
        body,
        buf,
    )
}
