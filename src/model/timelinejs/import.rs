//! A TimelineJS3 file converted to our format.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};

use super::html::html_to_text;
use super::types::{Slide, TlDate};
use crate::model::locate::{offset_in, offset_of_position, positions};
use crate::model::plain::{Found, without_position};
use crate::model::{Date, Problem};

/// A TimelineJS file converted to our format.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The dataset, in our format (written by [`Imported::dataset_json`]).
    dataset: Value,
    /// The path of the generated source, relative to the dataset file.
    pub source_file: String,
    /// The generated source: the plain text of every slide.
    pub source_text: String,
    /// What could not be carried over, one line each.
    pub notes: Vec<String>,
}

impl Imported {
    /// The dataset file, in our format, with a final newline.
    pub fn dataset_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(&self.dataset).expect("JSON values serialize");
        json.push('\n');
        json
    }

    /// Names the generated source `file` (relative to the dataset file), here
    /// and in the dataset.
    pub fn set_source_file(&mut self, file: &str) {
        self.source_file = file.to_string();
        self.dataset["sources"][0]["file"] = json!(file);
    }
}

/// The generated source's file for a dataset written to `out`:
/// `sources/<out's stem>.txt`, the stem made lowercase letters, digits and
/// hyphens.
pub fn source_file_for(out: &Path) -> String {
    let stem = out
        .file_stem()
        .and_then(|s| s.to_str())
        .map(slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "timeline".to_string());
    format!("sources/{stem}.txt")
}

/// The `n`th choice of name for a file: the file itself for 1, then
/// `name-2.txt`, `name-3.txt`, ...
pub fn numbered(file: &str, n: usize) -> String {
    if n <= 1 {
        return file.to_string();
    }
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') => format!("{stem}-{n}.{ext}"),
        _ => format!("{file}-{n}"),
    }
}

#[derive(Deserialize)]
struct RawTimeline<'a> {
    #[serde(default)]
    title: Option<Slide>,
    #[serde(borrow)]
    events: Vec<&'a RawValue>,
    #[serde(default)]
    eras: Vec<Value>,
}

/// Converts TimelineJS text to our format. `file` names the input in problems
/// and in the generated source.
pub fn import(text: &str, file: &str) -> Result<Imported, Vec<Problem>> {
    // Problems wait for their line and column, found for all in one pass.
    let problem = |offset: usize, path: &str, message: String| (offset, path.to_string(), message);
    let into_problems = |pending: Vec<(usize, String, String)>| {
        let offsets: Vec<usize> = pending.iter().map(|p| p.0).collect();
        let mut problems: Vec<Problem> = pending
            .into_iter()
            .zip(positions(text, &offsets))
            .map(|((_, path, message), (line, column))| Problem {
                file: file.to_string(),
                line,
                column,
                path,
                message,
            })
            .collect();
        problems.sort_by_key(|p| (p.line, p.column));
        problems
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: RawTimeline<'_> = match serde_path_to_error::deserialize(&mut de) {
        Ok(r) => r,
        Err(e) => {
            let inner = e.inner();
            let offset = offset_of_position(text, inner.line(), inner.column());
            let path = match e.path().to_string() {
                p if p == "." => "$".to_string(),
                p => p,
            };
            let message = plain_message(&path, inner);
            return Err(into_problems(vec![problem(offset, &path, message)]));
        }
    };
    let mut problems = Vec::new();
    if raw.events.is_empty() {
        problems.push(problem(
            text.find("\"events\"").unwrap_or(0),
            "events",
            "the timeline has no events".into(),
        ));
    }

    let stem = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .map(slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "timeline".to_string());
    let source_id = stem.clone();
    let source_file = format!("sources/{stem}.txt");
    // Where each event's quotes are in the source, as the source is made.
    let mut ranges: Vec<Vec<Range<usize>>> = Vec::new();
    let title_text = raw
        .title
        .as_ref()
        .and_then(|t| t.text.clone())
        .unwrap_or_default();
    let title = title_text
        .headline
        .as_deref()
        .map(|h| html_to_text(h).plain())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| format!("Imported from {file}"));
    let description = title_text
        .text
        .as_deref()
        .map(|t| html_to_text(t).plain())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| format!("Imported from the TimelineJS file {file}."));

    let mut source_text = format!("{title}\n{description}\n");
    let mut ids = HashSet::new();
    let mut threads: BTreeMap<String, String> = BTreeMap::new();
    let mut thread_order: Vec<String> = Vec::new();
    let mut thread_ids: HashSet<String> = HashSet::new();
    let mut events = Vec::new();
    let mut lost = Lost::default();
    if raw.title.as_ref().is_some_and(|t| t.media.is_some()) {
        lost.media += 1;
    }
    if raw.title.as_ref().is_some_and(|t| t.background.is_some()) {
        lost.backgrounds += 1;
    }

    for (i, raw_slide) in raw.events.iter().enumerate() {
        let base = offset_in(text, raw_slide.get());
        let path = format!("events[{i}]");
        let mut de = serde_json::Deserializer::from_str(raw_slide.get());
        let slide: Slide = match serde_path_to_error::deserialize(&mut de) {
            Ok(s) => s,
            Err(e) => {
                let inner = e.inner();
                let offset =
                    base + offset_of_position(raw_slide.get(), inner.line(), inner.column());
                let sub = e.path().to_string();
                let full = if sub == "." {
                    path.clone()
                } else {
                    format!("{path}.{sub}")
                };
                let message = plain_message(&full, inner);
                problems.push(problem(offset, &full, message));
                continue;
            }
        };
        let date = match slide_date(&slide) {
            Ok(d) => d,
            Err((field, message)) => {
                let offset = raw_slide
                    .get()
                    .find(&format!("\"{field}\""))
                    .map_or(base, |o| base + o);
                problems.push(problem(offset, &format!("{path}.{field}"), message));
                continue;
            }
        };

        lost.media += usize::from(slide.media.is_some());
        lost.backgrounds += usize::from(slide.background.is_some());
        let has_time = [&slide.start_date, &slide.end_date]
            .into_iter()
            .flatten()
            .any(|d| d.hour.is_some());
        lost.times += usize::from(has_time);

        let text_html = slide.text.clone().unwrap_or_default();
        let headline = html_to_text(text_html.headline.as_deref().unwrap_or(""));
        let body = html_to_text(text_html.text.as_deref().unwrap_or(""));
        if headline.markup || body.markup {
            lost.markup += 1;
        }
        lost.links += headline.links + body.links;
        let summary = body.paragraphs.join(" ");

        let mut title = headline.plain();
        if title.is_empty() {
            title = crate::text::truncate(&summary, 60).into_owned();
        }
        if title.is_empty() {
            title = format!("Slide {}", i + 1);
        }
        let id = unique_id(slide.unique_id.as_deref(), &title, i, &mut ids, &mut lost);
        let display = slide
            .display_date
            .clone()
            .or_else(|| {
                slide
                    .start_date
                    .as_ref()
                    .and_then(|d| d.display_date.clone())
            })
            .map(|d| html_to_text(&d).plain())
            .unwrap_or_else(|| date.display());

        // The slide's text in the generated source: each quote on its own
        // line, its place noted as it is written.
        source_text.push_str(&format!("\n{id}\n{display}\n"));
        let title_at = source_text.len()..source_text.len() + title.len();
        source_text.push_str(&title);
        source_text.push('\n');
        let summary_at = source_text.len()..source_text.len() + summary.len();
        let mut quote_at = Vec::new();
        for (n, line) in std::iter::once(&summary)
            .chain(&body.quotes)
            .chain(&body.cites)
            .enumerate()
        {
            if (1..=body.quotes.len()).contains(&n) {
                quote_at.push(source_text.len()..source_text.len() + line.len());
            }
            if !line.is_empty() {
                source_text.push_str(line);
                source_text.push('\n');
            }
        }
        let mut quotes: Vec<String> = body.quotes.clone();
        if quotes.is_empty() {
            let (whole, at) = if summary.is_empty() {
                (title.clone(), title_at)
            } else {
                (summary.clone(), summary_at)
            };
            quotes.push(whole);
            quote_at.push(at);
        }
        ranges.push(quote_at);

        let thread = slide.group.as_deref().map(html_to_text).map(|g| g.plain());
        let thread_id = thread.filter(|g| !g.is_empty()).map(|g| {
            let id = threads.entry(g.clone()).or_insert_with(|| {
                let base = match slug(&g) {
                    s if s.is_empty() => "group".to_string(),
                    s => s,
                };
                let mut id = base.clone();
                let mut n = 2;
                while !thread_ids.insert(id.clone()) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                thread_order.push(id.clone());
                id
            });
            id.clone()
        });

        events.push(json!({
            "id": id,
            "title": title,
            "summary": if summary.is_empty() { title.clone() } else { summary },
            "kind": "background",
            "date": date.to_string(),
            "date_basis": "stated",
            "date_note": null,
            "parties": [],
            "people": [],
            "place": null,
            "thread": thread_id,
            "tags": [],
            "quotes": quotes.iter().map(|q| json!({"source": source_id, "text": q})).collect::<Vec<_>>(),
        }));
    }
    if !problems.is_empty() {
        return Err(into_problems(problems));
    }
    // Each quote is where it was written in the source, so it is verbatim;
    // should one not be (it cannot), the event quotes its title instead.
    for (e, at) in events.iter_mut().zip(&ranges) {
        let title = e["title"].clone();
        for (q, range) in e["quotes"].as_array_mut().into_iter().flatten().zip(at) {
            if source_text.get(range.clone()) != q["text"].as_str() {
                q["text"] = title.clone();
            }
        }
    }

    let order: HashMap<&str, usize> = thread_order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let mut thread_list: Vec<(String, String)> =
        threads.into_iter().map(|(t, id)| (id, t)).collect();
    thread_list.sort_by_key(|(id, _)| order.get(id.as_str()).copied());
    let dataset = json!({
        "title": title,
        "description": description,
        "countries": {},
        "sources": [{
            "id": source_id,
            "file": source_file,
            "publisher": "TimelineJS file",
            "headline": title,
            "published": null,
            "published_basis": null,
            "byline": null,
            "url": null,
            "note": format!("Generated by `hotlines import timelinejs` from {file}: the plain text of every slide, so that each quote is verbatim."),
        }],
        "people": [],
        "threads": thread_list.iter().map(|(id, t)| json!({"id": id, "title": t, "summary": ""})).collect::<Vec<_>>(),
        "events": events,
    });
    lost.eras = raw.eras.len();
    Ok(Imported {
        dataset,
        source_file,
        source_text,
        notes: lost.notes(),
    })
}

/// What an import leaves behind, counted.
#[derive(Debug, Default)]
struct Lost {
    media: usize,
    backgrounds: usize,
    markup: usize,
    links: usize,
    times: usize,
    eras: usize,
    ids: usize,
}

impl Lost {
    fn notes(&self) -> Vec<String> {
        let mut notes = vec![
            "every event has kind `background` and no parties or people: TimelineJS has none"
                .to_string(),
        ];
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        if self.media > 0 {
            notes.push(format!(
                "media (images, video, embeds) of {} not carried over",
                n(self.media, "slide", "slides")
            ));
        }
        if self.backgrounds > 0 {
            notes.push(format!(
                "backgrounds of {} not carried over",
                n(self.backgrounds, "slide", "slides")
            ));
        }
        if self.markup > 0 {
            notes.push(format!(
                "HTML markup removed from {} (the text is kept)",
                n(self.markup, "slide", "slides")
            ));
        }
        if self.links > 0 {
            notes.push(format!(
                "{} dropped (their text is kept)",
                n(self.links, "link target", "link targets")
            ));
        }
        if self.times > 0 {
            notes.push(format!(
                "times of day of {} dropped: dates are kept to the day",
                n(self.times, "slide", "slides")
            ));
        }
        if self.eras > 0 {
            notes.push(format!("{} not carried over", n(self.eras, "era", "eras")));
        }
        if self.ids > 0 {
            notes.push(format!(
                "{} had no usable unique_id; ids were made from headlines",
                n(self.ids, "slide", "slides")
            ));
        }
        notes
    }
}

/// The EDTF date of a slide, or the field at fault and why.
fn slide_date(slide: &Slide) -> Result<Date, (&'static str, String)> {
    let start = slide
        .start_date
        .as_ref()
        .ok_or(("start_date", "a slide needs a `start_date`".to_string()))?;
    let a = tl_part(start).map_err(|m| ("start_date", m))?;
    let edtf = match &slide.end_date {
        None => a,
        Some(end) => {
            let b = tl_part(end).map_err(|m| ("end_date", m))?;
            if a == b { a } else { format!("{a}/{b}") }
        }
    };
    Date::parse(&edtf).map_err(|e| {
        let field = if slide.end_date.is_some() && e.message.contains("ends before") {
            "end_date"
        } else {
            "start_date"
        };
        (field, e.message)
    })
}

fn tl_part(d: &TlDate) -> Result<String, String> {
    if !(0..=9999).contains(&d.year) {
        return Err(format!(
            "year {} is outside 0000–9999, which our dates cover",
            d.year
        ));
    }
    Ok(match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{:04}-{m:02}-{day:02}", d.year),
        (Some(m), None) => format!("{:04}-{m:02}", d.year),
        (None, _) => format!("{:04}", d.year),
    })
}

fn unique_id(
    given: Option<&str>,
    title: &str,
    index: usize,
    ids: &mut HashSet<String>,
    lost: &mut Lost,
) -> String {
    let valid = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let base = match given {
        Some(id) if valid(id) => id.to_string(),
        _ => {
            lost.ids += 1;
            match slug(title) {
                s if s.is_empty() => format!("slide-{}", index + 1),
                s => s,
            }
        }
    };
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Lowercase ASCII letters and digits, other runs become one hyphen; at most
/// 60 characters.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(60);
    out.trim_end_matches('-').to_string()
}

/// What is wrong at `path`, in the words of the TimelineJS format rather
/// than of the parser: "`year` must be a number or a string of digits, not
/// true". Syntax errors keep serde_json's words, without its position.
fn plain_message(path: &str, e: &serde_json::Error) -> String {
    let message = &*without_position(e);
    // The field named last in the path: `events[2].start_date.year` → `year`.
    let field = path
        .rsplit('.')
        .next()
        .map(|f| f.split('[').next().unwrap_or(f))
        .filter(|f| !f.is_empty() && *f != "$");
    let subject = match field {
        Some(f) if path.ends_with(']') => format!("each item of `{f}`"),
        Some(f) => format!("`{f}`"),
        None => "a TimelineJS file".to_string(),
    };
    let bad = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|m| m.split_once(", expected "));
    if let Some((found, expected)) = bad {
        return format!(
            "{subject} must be {}, not {}",
            expected_in_words(expected),
            found_in_words(found)
        );
    }
    // An object written as a list: serde reads a struct from a sequence
    // too, and counts its elements.
    if let Some((_, expected)) = message
        .strip_prefix("invalid length ")
        .and_then(|m| m.split_once(", expected "))
    {
        let expected = expected.split(" with ").next().unwrap_or(expected);
        return format!(
            "{subject} must be {}, not a list",
            expected_in_words(expected)
        );
    }
    if let Some(name) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        return format!("{subject} needs `{name}`");
    }
    if let Some(name) = message
        .strip_prefix("duplicate field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        return format!("`{name}` is given twice");
    }
    message.to_string()
}

/// serde's name for what was wanted, as the format says it.
fn expected_in_words(expected: &str) -> &str {
    match expected {
        "struct Slide" => "an object (a slide)",
        "struct TlText" => "an object with `headline` and `text`",
        "struct TlDate" => "an object with `year`, and `month` and `day` if known",
        "struct RawTimeline" => "an object with `events`",
        "a sequence" => "a list",
        "a string" => "a string",
        other => other,
    }
}

/// serde's description of a value found, as JSON says it: `string "x"` →
/// `"x"`, ``boolean `true` `` → `true`, `map` → `an object`.
fn found_in_words(found: &str) -> String {
    match Found::of(found) {
        Found::Object => "an object".to_string(),
        Found::List => "a list".to_string(),
        Found::Null => "null".to_string(),
        Found::Str(v) | Found::Number(v) | Found::Boolean(v) | Found::Other(v) => v.to_string(),
    }
}
