//! `hotlines show ID`: one event in full.

use std::path::Path;

use serde_json::{Value, json};

use super::{Fail, OK, PROBLEMS, Result, Sink, emit, open_dataset, output_width};
use crate::cli::{ShowArgs, ShowFormat};
use crate::model::{Dataset, Event, parties_label};
use crate::text::{escape_json, fill, sanitize_line, sanitize_text};

pub fn run(path: Option<&Path>, args: &ShowArgs) -> Result<u8> {
    let dataset = open_dataset(path)?;
    let Some(event) = dataset.event(&args.id) else {
        return Err(Fail::new(PROBLEMS, unknown_id(&dataset, &args.id)));
    };
    let out = match args.format {
        ShowFormat::Text => text(&dataset, event, output_width()),
        ShowFormat::Json => {
            let s = serde_json::to_string_pretty(&json_value(&dataset, event))
                .expect("an event serializes");
            format!("{}\n", escape_json(&s))
        }
    };
    emit(&Sink::Stdout, out.as_bytes())?;
    Ok(OK)
}

/// "no event `x`", with the closest ids.
fn unknown_id(dataset: &Dataset, id: &str) -> String {
    let close = closest_ids(dataset, id, SUGGESTIONS);
    let shown = sanitize_line(id);
    if close.is_empty() {
        format!("no event `{shown}`; `hotlines list --columns id,title` lists the ids")
    } else {
        let close: Vec<_> = close.into_iter().map(sanitize_line).collect();
        format!("no event `{shown}`; did you mean: {}", close.join(", "))
    }
}

/// How many ids an unknown id is answered with, at most.
const SUGGESTIONS: usize = 5;

/// The ids most like `id` (case ignored), at most `n`: first those that
/// begin with it, then those that contain it, each in id order; then those
/// a few edits away (at most a third of its length, and at least 2),
/// nearest first.
pub fn closest_ids<'a>(dataset: &'a Dataset, id: &str, n: usize) -> Vec<&'a str> {
    let wanted = id.to_lowercase();
    if wanted.is_empty() {
        return Vec::new();
    }
    let most = (wanted.chars().count() / 3).max(2);
    // An id is at most 80 characters: a longer text is no typo of one, and
    // is not compared letter by letter.
    let edits = wanted.len() <= 2 * 80;
    // (group, distance, id): 0 prefix, 1 substring, 2 edit distance.
    let mut found: Vec<(u8, usize, &str)> = dataset
        .events()
        .iter()
        .filter_map(|e| {
            let id = e.id.as_str();
            if id.starts_with(&wanted) {
                Some((0, 0, id))
            } else if id.contains(&wanted) {
                Some((1, 0, id))
            } else if edits {
                let d = strsim::levenshtein(&wanted, id);
                (d <= most).then_some((2, d, id))
            } else {
                None
            }
        })
        .collect();
    found.sort_unstable();
    found.into_iter().take(n).map(|(_, _, id)| id).collect()
}

fn text(dataset: &Dataset, event: &Event, width: usize) -> String {
    let width = width.max(40);
    let mut out = String::new();
    let line = |s: &str| sanitize_line(s).into_owned();
    let wrap = |s: &str, indent: &str| -> String {
        let mut w = fill(&sanitize_text(s), width, indent, indent);
        w.push('\n');
        w
    };

    out.push_str(&wrap(&event.title, ""));
    out.push('\n');
    let mut field = |name: &str, value: String| {
        if !value.is_empty() {
            let lead = format!("  {name:<8} ");
            out.push_str(&fill(&value, width, &lead, "           "));
            out.push('\n');
        }
    };
    field("id", line(&event.id));
    let expected = event
        .expected()
        .map(|x| format!("expected {} · said ", line(&x.display())))
        .unwrap_or_default();
    let expected_edtf = event
        .expected()
        .map(|x| format!(", expected EDTF {}", line(&x.to_string())))
        .unwrap_or_default();
    field(
        "date",
        format!(
            "{expected}{}  (EDTF {}, {}{expected_edtf})",
            line(&event.date().display()),
            line(&event.date().to_string()),
            event.date_basis.as_str()
        ),
    );
    if let Some((verdict, outcome)) = dataset.forecast(event) {
        field(
            "outcome",
            format!(
                "{}: {} ({}, {})",
                verdict.describe(),
                line(&outcome.title),
                line(&outcome.date().display()),
                line(&outcome.id)
            ),
        );
    }
    field("kind", event.kind.as_str().to_string());
    if !event.parties.is_empty() {
        let names: Vec<String> = event
            .parties
            .iter()
            .map(|c| line(dataset.country_name(c)))
            .collect();
        let label = line(&parties_label(&event.parties));
        field("parties", format!("{label} ({})", names.join(", ")));
    }
    let people: Vec<String> = event
        .people
        .iter()
        .map(|p| line(dataset.person(p).map_or(p.as_str(), |p| p.name.as_str())))
        .collect();
    field("people", people.join(", "));
    field(
        "place",
        event.place.as_deref().map(line).unwrap_or_default(),
    );
    let index = dataset.event_index(&event.id);
    for (l, m) in index.into_iter().flat_map(|i| dataset.event_milestones(i)) {
        field("line", format!("{} · {}", line(&l.name), m.status.as_str()));
    }
    if let Some(thread) = &event.thread {
        let title = dataset.thread(thread).map_or(thread.as_str(), |t| &t.title);
        let position = dataset
            .event_index(&event.id)
            .and_then(|i| dataset.thread_position(i))
            .map(|(n, of)| format!(" ({n} of {of})"))
            .unwrap_or_default();
        field("thread", format!("{}{position}", line(title)));
    }
    let tags: Vec<String> = event.tags.iter().map(|t| line(t)).collect();
    field("tags", tags.join(", "));
    let after: Vec<String> = event.after().iter().map(|a| line(a)).collect();
    field("after", after.join(", "));
    out.push('\n');
    out.push_str(&wrap(&event.summary, ""));
    if let Some(note) = event.date_note.as_deref().filter(|n| !n.trim().is_empty()) {
        out.push('\n');
        out.push_str(&wrap(&format!("Date note: {note}"), ""));
    }
    if let Some(reasoning) = event.date_reasoning() {
        out.push('\n');
        out.push_str(&wrap(&format!("Date reasoning: {reasoning}"), ""));
    }
    if let Some(note) = event.order_note() {
        out.push('\n');
        out.push_str(&wrap(&format!("Order note: {note}"), ""));
    }
    out.push('\n');
    out.push_str(if event.quotes.len() == 1 {
        "Quote\n"
    } else {
        "Quotes\n"
    });
    for q in &event.quotes {
        out.push('\n');
        out.push_str(&wrap(&q.text, "  │ "));
        match dataset.source(&q.source) {
            Some(source) => {
                let credit = source.credit();
                out.push_str(&wrap(&format!("— {}", credit.attribution()), "    "));
                if let Some(url) = credit.url {
                    out.push_str(&format!("      {}\n", line(url)));
                }
            }
            None => out.push_str(&format!("    — {}\n", line(&q.source))),
        }
    }
    for dispute in index.into_iter().flat_map(|i| dataset.event_disputes(i)) {
        out.push('\n');
        out.push_str(&wrap(&format!("Sources disagree: {}", dispute.title), ""));
        out.push('\n');
        out.push_str(&wrap(&dispute.summary, "  "));
        for r in &dispute.readings {
            out.push('\n');
            out.push_str(&wrap(&r.quote, "  │ "));
            let publisher = dataset
                .source(&r.source)
                .map_or(r.source.as_str(), |s| s.publisher.as_str());
            out.push_str(&wrap(&format!("— {publisher} [{}]", r.source), "    "));
            out.push_str(&wrap(&format!("Reading: {}", r.reading), "    "));
        }
    }
    out
}

/// The event in our JSON format, with `display_date` and, for each quote, the
/// attribution of its source.
pub fn json_value(dataset: &Dataset, event: &Event) -> Value {
    let mut v = serde_json::to_value(event).expect("an event serializes");
    let obj = v.as_object_mut().expect("an event is an object");
    obj.insert("display_date".into(), json!(event.date().display()));
    let quotes: Vec<Value> = event
        .quotes
        .iter()
        .map(|q| {
            let source = dataset.source(&q.source);
            json!({
                "source": q.source,
                "text": q.text,
                "attribution": source.map(|s| {
                    let credit = s.credit();
                    json!({
                        "publisher": credit.publisher,
                        "headline": credit.headline,
                        "published": s.published().map(ToString::to_string),
                        "published_display": credit.date,
                        "byline": credit.byline,
                        "url": credit.url,
                        "text": credit.attribution(),
                    })
                }),
            })
        })
        .collect();
    obj.insert("quotes".into(), Value::Array(quotes));
    let index = dataset.event_index(&event.id);
    let milestones: Vec<Value> = index
        .into_iter()
        .flat_map(|i| dataset.event_milestones(i))
        .map(|(l, m)| json!({"line": l.id, "name": l.name, "status": m.status}))
        .collect();
    if !milestones.is_empty() {
        obj.insert("milestones".into(), Value::Array(milestones));
    }
    let disputes: Vec<Value> = index
        .into_iter()
        .flat_map(|i| dataset.event_disputes(i))
        .map(|d| {
            let readings: Vec<Value> = d
                .readings
                .iter()
                .map(|r| {
                    json!({
                        "source": r.source,
                        "publisher": dataset.source(&r.source).map(|s| &s.publisher),
                        "quote": r.quote,
                        "reading": r.reading,
                    })
                })
                .collect();
            json!({"id": d.id, "title": d.title, "summary": d.summary, "readings": readings})
        })
        .collect();
    if !disputes.is_empty() {
        obj.insert("disputes".into(), Value::Array(disputes));
    }
    v
}
