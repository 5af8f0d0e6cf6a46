//! TimelineJS3 JSON files: their types, how to recognize one, and conversion
//! both ways.
//!
//! Export ([`from_dataset`]): one slide per event, with `unique_id` the event id,
//! `start_date`/`end_date` down to the precision the EDTF date gives,
//! `display_date` our display form, `text.headline` the title and `text.text`
//! the summary followed, for each quote, by a `<blockquote>` and a `<cite>` with
//! its attribution; `group` is the title of the event's thread. TimelineJS has
//! no open intervals and no qualifiers: an interval with one open or unknown end
//! becomes its known end, and `?`/`~` survive only in `display_date`.
//!
//! Import ([`import`]): TimelineJS has no sources, kinds or parties, so
//! - every slide becomes an event of kind `background`, with no parties, its
//!   date `stated` (the file states it): `start_date` alone gives a single
//!   date, `start_date` and `end_date` an interval, to the precision given;
//! - one source is generated for the whole file: its text holds the plain text
//!   of every slide, so that each quote is a verbatim passage of it;
//! - each `<blockquote>` of a slide becomes a quote; a slide without one is
//!   quoted whole (its plain text, or its headline when it has no text);
//! - `group` becomes a thread; `unique_id` the event id when it is a valid id
//!   (else one is made from the headline);
//! - HTML markup is removed (whitespace runs become one space; `<cite>` text is
//!   kept in the source but not in the summary); media, backgrounds, eras and
//!   times of day are not carried over. Each loss is reported in
//!   [`Imported::notes`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Value, json};

use super::date::Point;
use super::locate::positions;
use super::{Dataset, Date, Event, LoadError, Origin, Problem};

/// A TimelineJS3 file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Slide>,
    pub events: Vec<Slide>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eras: Vec<Value>,
}

/// A slide: an event, or the title slide.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Slide {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<TlDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<TlDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TlText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A TimelineJS date. Numbers may also be written as strings, as spreadsheet
/// exports do; an empty string counts as absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TlDate {
    #[serde(deserialize_with = "number")]
    pub year: i64,
    #[serde(
        default,
        deserialize_with = "optional_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub month: Option<i64>,
    #[serde(
        default,
        deserialize_with = "optional_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub day: Option<i64>,
    #[serde(
        default,
        deserialize_with = "optional_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub hour: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_date: Option<String>,
}

/// A date field: a whole number, or a string of digits (spreadsheet exports
/// write `"2015"`, and sometimes `2015.0`); empty strings and `null` are absent.
struct DateNumber;

impl<'de> serde::de::Visitor<'de> for DateNumber {
    type Value = Option<i64>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a number or a string of digits")
    }
    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Some(n))
    }
    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Self::Value, E> {
        i64::try_from(n)
            .map(Some)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(n), &self))
    }
    fn visit_f64<E: serde::de::Error>(self, x: f64) -> Result<Self::Value, E> {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            Ok(Some(x as i64))
        } else {
            Err(E::invalid_value(serde::de::Unexpected::Float(x), &self))
        }
    }
    fn visit_str<E: serde::de::Error>(self, t: &str) -> Result<Self::Value, E> {
        let t = t.trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse()
            .map(Some)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(t), &self))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

fn number<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    optional_number(d)?.ok_or_else(|| {
        serde::de::Error::custom("`year` is required: a number or a string of digits")
    })
}

fn optional_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    d.deserialize_any(DateNumber)
}

/// Whether `text` is a TimelineJS file rather than one of ours: a top-level
/// `events` array whose items have `start_date` objects (ours have `date`).
pub fn detect(text: &str) -> bool {
    // Reads the file once without building it: each event becomes two flags.
    #[derive(Deserialize)]
    struct Probe {
        events: Vec<ProbeEvent>,
    }
    #[derive(Deserialize)]
    struct ProbeEvent {
        start_date: Option<Value>,
        date: Option<serde::de::IgnoredAny>,
    }
    let Ok(probe) = serde_json::from_str::<Probe>(text) else {
        return false;
    };
    probe
        .events
        .iter()
        .any(|e| e.start_date.as_ref().is_some_and(Value::is_object))
        && probe.events.iter().all(|e| e.date.is_none())
}

/// A TimelineJS date for one end of a date, to its precision.
fn tl_date(p: Point) -> TlDate {
    TlDate {
        year: i64::from(p.year()),
        month: p.month().map(i64::from),
        day: p.day().map(i64::from),
        ..TlDate::default()
    }
}

/// TimelineJS's `start_date` and `end_date` for a date: an interval with one
/// open or unknown end becomes its known end alone.
pub fn tl_dates(date: &Date) -> (TlDate, Option<TlDate>) {
    match (date.start(), date.end()) {
        (Some(a), Some(b)) if date.is_interval() => (tl_date(a), Some(tl_date(b))),
        (Some(p), _) | (None, Some(p)) => (tl_date(p), None),
        (None, None) => unreachable!("a parsed date has a known end"),
    }
}

/// The dataset (only the given events) as a TimelineJS3 timeline.
pub fn from_dataset(dataset: &Dataset, events: &[usize]) -> Timeline {
    Timeline {
        title: Some(title_slide(dataset)),
        events: events
            .iter()
            .map(|&i| slide(dataset, &dataset.events[i]))
            .collect(),
        eras: Vec::new(),
    }
}

/// Writes [`from_dataset`]'s timeline as pretty JSON with a final newline,
/// making each slide only as it is written.
pub fn write(out: &mut dyn Write, dataset: &Dataset, events: &[usize]) -> io::Result<()> {
    /// The slides of the given events, made one at a time.
    struct Slides<'a>(&'a Dataset, &'a [usize]);
    impl Serialize for Slides<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let Slides(dataset, events) = *self;
            s.collect_seq(events.iter().map(|&i| slide(dataset, &dataset.events[i])))
        }
    }
    /// [`Timeline`] with a title and no eras, as it serializes.
    #[derive(Serialize)]
    struct Written<'a> {
        title: Slide,
        events: Slides<'a>,
    }
    let written = Written {
        title: title_slide(dataset),
        events: Slides(dataset, events),
    };
    serde_json::to_writer_pretty(&mut *out, &written)?;
    out.write_all(b"\n")
}

fn title_slide(dataset: &Dataset) -> Slide {
    Slide {
        text: Some(TlText {
            headline: Some(escape(&dataset.title)),
            text: Some(format!("<p>{}</p>", escape(&dataset.description))),
        }),
        ..Slide::default()
    }
}

fn slide(dataset: &Dataset, e: &Event) -> Slide {
    let (start, end) = tl_dates(&e.date);
    let mut html = format!("<p>{}</p>", escape(&e.summary));
    for q in &e.quotes {
        html.push_str(&format!("<blockquote>{}</blockquote>", escape(&q.text)));
        if let Some(s) = dataset.source(&q.source) {
            let attribution = s.attribution();
            html.push_str(&format!("<p><cite>— {}</cite></p>", escape(&attribution)));
        }
    }
    Slide {
        unique_id: Some(e.id.clone()),
        start_date: Some(start),
        end_date: end,
        display_date: Some(e.date.display()),
        text: Some(TlText {
            headline: Some(escape(&e.title)),
            text: Some(html),
        }),
        group: e.thread.as_deref().map(|t| {
            dataset
                .thread(t)
                .map_or(t, |t| t.title.as_str())
                .to_string()
        }),
        ..Slide::default()
    }
}

/// Escapes text for HTML.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

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
            let offset = offset_at(text, inner.line(), inner.column());
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
                let offset = base + offset_at(raw_slide.get(), inner.line(), inner.column());
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

/// Opens a TimelineJS file as a dataset, converting it in memory.
pub fn open(text: &str, path: &Path) -> Result<Dataset, LoadError> {
    let imported = import(text, &path.display().to_string()).map_err(LoadError::Invalid)?;
    let read = |f: &str| {
        if f == imported.source_file {
            Ok(imported.source_text.clone())
        } else {
            Err(std::io::Error::from(std::io::ErrorKind::NotFound))
        }
    };
    Dataset::parse(
        &imported.dataset_json(),
        Origin::File(path.to_path_buf()),
        &read,
    )
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

/// Text recovered from TimelineJS HTML.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// Text outside block quotes and citations, one entry per block.
    pub paragraphs: Vec<String>,
    /// The text of each `<blockquote>`.
    pub quotes: Vec<String>,
    /// The text of each `<cite>`.
    pub cites: Vec<String>,
    /// Whether there was any markup.
    pub markup: bool,
    /// How many `<a href>` links there were.
    pub links: usize,
}

impl HtmlText {
    /// All the text outside quotes and citations, on one line.
    pub fn plain(&self) -> String {
        self.paragraphs.join(" ")
    }
}

/// Removes HTML markup: tags go, entities are decoded, whitespace runs become
/// one space; block elements separate paragraphs; `<blockquote>` and `<cite>`
/// are gathered apart; `<script>` and `<style>` are dropped whole.
pub fn html_to_text(html: &str) -> HtmlText {
    #[derive(Default)]
    struct State {
        out: HtmlText,
        buf: String,
        quote: usize,
        cite: usize,
        skip: usize,
    }
    impl State {
        fn flush(&mut self) {
            let text = self.buf.split_whitespace().collect::<Vec<_>>().join(" ");
            self.buf.clear();
            if text.is_empty() {
                return;
            }
            if self.cite > 0 {
                self.out.cites.push(text);
            } else if self.quote > 0 {
                self.out.quotes.push(text);
            } else {
                self.out.paragraphs.push(text);
            }
        }
        fn boundary(&mut self) {
            if self.quote > 0 || self.cite > 0 {
                self.buf.push(' ');
            } else {
                self.flush();
            }
        }
    }
    let mut st = State::default();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            st.out.markup = true;
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        if rest.starts_with('<') {
            let tag_body = &rest[1..];
            let closing = tag_body.starts_with('/');
            let name: String = tag_body
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            if let (false, Some(end)) = (name.is_empty(), rest.find('>')) {
                let attrs = &rest[1..end];
                rest = &rest[end + 1..];
                st.out.markup = true;
                match name.as_str() {
                    "blockquote" | "cite" => {
                        st.flush();
                        let depth = if name == "cite" {
                            &mut st.cite
                        } else {
                            &mut st.quote
                        };
                        *depth = if closing {
                            depth.saturating_sub(1)
                        } else {
                            *depth + 1
                        };
                    }
                    "script" | "style" => {
                        st.skip = if closing {
                            st.skip.saturating_sub(1)
                        } else {
                            st.skip + 1
                        };
                    }
                    "p" | "div" | "br" | "li" | "ul" | "ol" | "tr" | "h1" | "h2" | "h3" | "h4"
                    | "h5" | "h6" | "hr" => st.boundary(),
                    "a" if !closing && attrs.contains("href") => st.out.links += 1,
                    _ => {}
                }
                continue;
            }
            if st.skip == 0 {
                st.buf.push('<');
            }
            rest = &rest[1..];
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        if st.skip == 0 {
            st.buf.push_str(&decode_entities(&rest[..next]));
        }
        rest = &rest[next..];
    }
    st.flush();
    st.out
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..].find(';').filter(|&i| i <= 10).and_then(|i| {
            let name = &rest[1..=i];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "hellip" => Some('…'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            }?;
            Some((c, i + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What is wrong at `path`, in the words of the TimelineJS format rather
/// than of the parser: "`year` must be a number or a string of digits, not
/// true". Syntax errors keep serde_json's words, without its position.
fn plain_message(path: &str, e: &serde_json::Error) -> String {
    let full = e.to_string();
    let message = full.rfind(" at line ").map_or(&full[..], |i| &full[..i]);
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
    match found {
        "map" => return "an object".to_string(),
        "sequence" => return "a list".to_string(),
        "null" | "unit value" => return "null".to_string(),
        _ => {}
    }
    if let Some(text) = found.strip_prefix("string ") {
        return text.to_string();
    }
    for kind in ["boolean ", "integer ", "floating point "] {
        if let Some(v) = found.strip_prefix(kind) {
            return v.trim_matches('`').to_string();
        }
    }
    found.to_string()
}

/// The byte offset of `part`, a slice of `text`, within it.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// The byte offset of a 1-based line and column as serde_json reports them
/// (the column counts bytes; it points at or just past the fault).
fn offset_at(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut offset = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_timeline_is_the_timeline_serialized() {
        let d = Dataset::embedded().unwrap();
        let all: Vec<usize> = (0..d.events.len()).collect();
        for events in [&all[..], &all[..1], &[]] {
            let mut out = Vec::new();
            write(&mut out, &d, events).unwrap();
            let whole = serde_json::to_string_pretty(&from_dataset(&d, events)).unwrap() + "\n";
            assert_eq!(String::from_utf8(out).unwrap(), whole);
        }
    }

    const TL: &str = r#"{
  "title": {"text": {"headline": "A <b>timeline</b>", "text": "<p>About it</p>"}},
  "events": [
    {"unique_id": "first", "start_date": {"year": "2015", "month": "2", "day": "4"},
     "text": {"headline": "Ministers &amp; aides meet", "text": "<p>They met.</p><blockquote>We agreed, \"finally\".</blockquote><p><cite>— Paper</cite></p>"},
     "group": "Talks", "media": {"url": "x.jpg"}},
    {"start_date": {"year": 2014, "month": 7}, "end_date": {"year": 2015},
     "text": {"headline": "Long talks", "text": "Talks <a href=\"x\">went on</a>."}, "group": "Talks"},
    {"unique_id": "Bad Id", "start_date": {"year": 1950}, "text": {"headline": ""}}
  ],
  "eras": [{"start_date": {"year": 1950}, "end_date": {"year": 1953}}]
}"#;

    #[test]
    fn detection_looks_at_the_events() {
        assert!(detect(TL));
        assert!(!detect(
            r#"{"events": [{"date": "2015", "start_date": {}}]}"#
        ));
        assert!(!detect(r#"{"events": []}"#));
        assert!(!detect("not json"));
    }

    #[test]
    fn html_becomes_text_with_quotes_and_citations_apart() {
        let h = html_to_text(
            "<p>One &amp; <i>two</i></p>\n<blockquote><p>Said</p><p>so.</p></blockquote>\
             <cite>— X</cite><script>bad()</script>a &lt; b &#x2014; &#8212; &bogus; 3 < 4",
        );
        assert_eq!(h.paragraphs, ["One & two", "a < b — — &bogus; 3 < 4"]);
        assert_eq!(h.quotes, ["Said so."]);
        assert_eq!(h.cites, ["— X"]);
        assert!(h.markup);
        assert!(!html_to_text("plain").markup);
    }

    #[test]
    fn import_makes_a_valid_dataset_and_says_what_is_lost() {
        let imported = import(TL, "my timeline.json").unwrap();
        assert_eq!(imported.source_file, "sources/my-timeline.txt");
        let read = |_: &str| Ok(imported.source_text.clone());
        let d = Dataset::parse(&imported.dataset_json(), Origin::Embedded, &read)
            .unwrap_or_else(|e| panic!("{e}\n{}", imported.dataset_json()));
        assert_eq!(d.title, "A timeline");
        let ids: Vec<&str> = d.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["slide-3", "long-talks", "first"]);
        let first = d.event("first").unwrap();
        assert_eq!(first.date().to_string(), "2015-02-04");
        assert_eq!(first.title, "Ministers & aides meet");
        assert_eq!(first.summary, "They met.");
        assert_eq!(first.quotes[0].text, "We agreed, \"finally\".");
        assert_eq!(first.thread.as_deref(), Some("talks"));
        assert_eq!(
            d.event("long-talks").unwrap().date().to_string(),
            "2014-07/2015"
        );
        assert_eq!(
            d.event("long-talks").unwrap().quotes[0].text,
            "Talks went on."
        );
        assert_eq!(d.event("slide-3").unwrap().quotes[0].text, "Slide 3");
        let notes = imported.notes.join("\n");
        for lost in [
            "media",
            "HTML markup removed from 2 slides",
            "1 link target",
            "1 era",
            "2 slides had no usable unique_id",
        ] {
            assert!(notes.contains(lost), "{lost} not in {notes}");
        }
    }

    #[test]
    fn bad_slides_are_reported_at_their_place() {
        let text = "{\"events\": [\n  {\"start_date\": {\"year\": 2015}},\n  {\"start_date\": {\"year\": 2015, \"month\": 13}},\n  {\"start_date\": {\"year\": 2016}, \"end_date\": {\"year\": 2015}},\n  {\"text\": {}},\n  {\"start_date\": {\"year\": \"x\"}}\n]}";
        let problems = import(text, "t.json").unwrap_err();
        let got: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{}: {}", p.line, p.column, p.path))
            .collect();
        assert_eq!(
            got,
            [
                "3:4: events[1].start_date",
                "4:34: events[2].end_date",
                "5:3: events[3].start_date",
                "6:29: events[4].start_date.year",
            ]
        );
        assert!(
            problems[0].message.contains("month"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn dates_go_to_timelinejs_to_their_precision() {
        let d = |s: &str| tl_dates(&Date::parse(s).unwrap());
        let (s, e) = d("2015-02-04");
        assert_eq!((s.year, s.month, s.day, e), (2015, Some(2), Some(4), None));
        let (s, e) = d("2014-07~");
        assert_eq!((s.year, s.month, s.day, e), (2014, Some(7), None, None));
        let (s, e) = d("1950/1953");
        assert_eq!((s.year, s.month, e.unwrap().year), (1950, None, 1953));
        let (s, e) = d("../2012-07-31");
        assert_eq!((s.year, s.month, s.day, e), (2012, Some(7), Some(31), None));
        let (s, e) = d("2013/..");
        assert_eq!((s.year, s.month, s.day, e), (2013, None, None, None));
        let (s, e) = d("2014-07/2015-02-04");
        let e = e.unwrap();
        assert_eq!((s.year, s.month, s.day), (2014, Some(7), None));
        assert_eq!((e.year, e.month, e.day), (2015, Some(2), Some(4)));
    }

    proptest::proptest! {
        #[test]
        fn html_to_text_takes_any_input(s in "[<>&;#x/a-z!\\- \"=0-9서]{0,60}") {
            let h = html_to_text(&s);
            for text in h.paragraphs.iter().chain(&h.quotes).chain(&h.cites) {
                proptest::prop_assert!(!text.is_empty());
                proptest::prop_assert_eq!(text.trim(), text.as_str());
            }
        }
    }
}
