//! A readable chronology in Markdown: year headings, each event with its
//! quotes as block quotes, then the list of sources.

use std::io::{self, Write};

use crate::model::Dataset;
use crate::text::{sanitize_line, sanitize_text};

/// Writes the chronology, an event at a time.
pub fn write(w: &mut dyn Write, dataset: &Dataset, events: &[usize]) -> io::Result<()> {
    let mut out = format!(
        "# {}\n\n{}\n",
        inline(dataset.title()),
        inline(dataset.description())
    );
    let mut year = None;
    for &i in events {
        w.write_all(out.as_bytes())?;
        out.clear();
        let e = &dataset.events()[i];
        if year != Some(e.date().year()) {
            year = Some(e.date().year());
            out.push_str(&format!("\n## {}\n", e.date().year()));
        }
        out.push_str(&format!(
            "\n### {} — {}\n\n",
            inline(&e.date().display()),
            inline(&e.title)
        ));
        let mut facts = vec![e.kind.as_str().to_string()];
        if !e.parties.is_empty() {
            let names: Vec<String> = e
                .parties
                .iter()
                .map(|c| inline(dataset.country_name(c)))
                .collect();
            let label = inline(&crate::model::parties_label(&e.parties));
            facts.push(format!("{label} ({})", names.join(", ")));
        }
        if let Some(place) = &e.place {
            facts.push(inline(place));
        }
        if let Some(t) = e.thread.as_deref().and_then(|t| dataset.thread(t)) {
            facts.push(format!("thread: {}", inline(&t.title)));
        }
        out.push_str(&format!("*{}* · `{}`\n\n", facts.join(" · "), e.id));
        out.push_str(&inline(&e.summary));
        out.push('\n');
        if let Some(note) = &e.date_note {
            out.push_str(&format!(
                "\nDate ({}): {}\n",
                e.date_basis.as_str(),
                inline(note)
            ));
        }
        for q in &e.quotes {
            out.push('\n');
            for line in inline(&q.text).lines() {
                out.push_str(&format!("> {line}\n"));
            }
            let credit = match dataset.source(&q.source) {
                Some(s) => format!("{} [{}]", inline(&s.attribution()), q.source),
                None => format!("[{}]", q.source),
            };
            out.push_str(&format!(">\n> — {credit}\n"));
        }
        for (l, m) in dataset.event_milestones(i) {
            out.push_str(&format!(
                "\nMilestone: {} · {}\n",
                inline(&l.name),
                m.status.as_str()
            ));
        }
        for d in dataset.event_disputes(i) {
            out.push_str(&format!("\n**Sources disagree: {}**\n", inline(&d.title)));
            for r in &d.readings {
                out.push('\n');
                for line in inline(&r.quote).lines() {
                    out.push_str(&format!("> {line}\n"));
                }
                let publisher = dataset
                    .source(&r.source)
                    .map_or(r.source.as_str(), |s| s.publisher.as_str());
                out.push_str(&format!(">\n> — {} [{}]\n", inline(publisher), r.source));
                out.push_str(&format!("\nReading: {}\n", inline(&r.reading)));
            }
        }
    }
    out.push_str("\n## Sources\n\n");
    let counts = dataset.event_counts();
    for (s, n) in dataset.sources().iter().zip(counts) {
        out.push_str(&format!("- **[{}]** {}", s.id, inline(&s.attribution())));
        if let Some(url) = &s.url {
            // an autolink: its text is not escaped, so it is kept to one safe line
            let url = sanitize_line(url).replace(['<', '>', ' '], "");
            out.push_str(&format!(", <{url}>"));
        }
        out.push_str(&format!(
            " — quoted by {} {}.\n",
            n,
            if n == 1 { "event" } else { "events" }
        ));
    }
    w.write_all(out.as_bytes())
}

/// Dataset text made safe for Markdown: control characters become visible,
/// and characters Markdown would read as markup are escaped, so the text
/// renders exactly as written.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in sanitize_text(s).split('\n') {
        if !out.is_empty() {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        let lead = &line[..line.len() - trimmed.len()];
        out.push_str(lead);
        if trimmed.starts_with(['#', '-', '+', '=']) {
            out.push('\\');
        }
        let digits = ordered_marker(trimmed);
        for (i, c) in trimmed.chars().enumerate() {
            if digits == Some(i) {
                out.push('\\');
            }
            if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// "12. " or "3) " at the start of a line would start a list: the position
/// of the `.` or `)` to escape.
fn ordered_marker(s: &str) -> Option<usize> {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && matches!(s[digits..].chars().next(), Some('.' | ')'))).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            inline("a *b* _c_ [d](e) <f>"),
            "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\>"
        );
        assert_eq!(
            inline("# not a heading\n1. not a list"),
            "\\# not a heading\n1\\. not a list"
        );
        assert_eq!(inline("esc\u{1b}"), "esc␛");
    }
}
