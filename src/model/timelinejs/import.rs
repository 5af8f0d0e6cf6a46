//! A TimelineJS3 file converted to our format.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};

use super::html::html_to_text;
use super::types::{InDate, InSlide, InTitle, Part, TlText};
use crate::model::date::MAX_YEAR;
use crate::model::locate::{offset_in, offset_of_position, positions};
use crate::model::plain::{Found, without_position};
use crate::model::{Date, Problem, year_text};

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
    #[serde(default, borrow)]
    title: Option<&'a RawValue>,
    #[serde(borrow)]
    events: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    eras: Option<&'a RawValue>,
}

/// Problems, each waiting for its line and column (found for all in one
/// pass at the end).
struct Pending<'t> {
    text: &'t str,
    list: Vec<(usize, String, String)>,
}

impl<'t> Pending<'t> {
    fn at(&mut self, offset: usize, path: &str, message: String) {
        self.list.push((offset, path.to_string(), message));
    }

    /// Reads `raw`, a part of the text at `path`, as a `T`; or reports why
    /// it cannot be read, at its place.
    fn read<'a, T: Deserialize<'a>>(&mut self, raw: &'a RawValue, path: &str) -> Option<T> {
        let base = offset_in(self.text, raw.get());
        let mut de = serde_json::Deserializer::from_str(raw.get());
        match serde_path_to_error::deserialize(&mut de) {
            Ok(v) => Some(v),
            Err(e) => {
                let inner = e.inner();
                let offset = base + offset_of_position(raw.get(), inner.line(), inner.column());
                let sub = e.path().to_string();
                let full = match sub.as_str() {
                    "." => path.to_string(),
                    s if s.starts_with('[') => format!("{path}{s}"),
                    s => format!("{path}.{s}"),
                };
                let message = plain_message(&full, inner);
                self.list.push((offset, full, message));
                None
            }
        }
    }

    fn into_problems(self, file: &str) -> Vec<Problem> {
        let offsets: Vec<usize> = self.list.iter().map(|p| p.0).collect();
        let mut problems: Vec<Problem> = self
            .list
            .into_iter()
            .zip(positions(self.text, &offsets))
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
    }
}

/// Converts TimelineJS text to our format. `file` names the input in problems
/// and in the generated source. Every problem of the file is reported at
/// once, each at its place.
pub fn import(text: &str, file: &str) -> Result<Imported, Vec<Problem>> {
    let mut pending = Pending {
        text,
        list: Vec::new(),
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
            pending.at(offset, &path, message);
            return Err(pending.into_problems(file));
        }
    };

    let stem = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .map(slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "timeline".to_string());
    let source_id = stem.clone();
    let source_file = format!("sources/{stem}.txt");
    let mut lost = Lost::default();
    let mut tl_ids = TlIds::default();

    let title_slide = raw
        .title
        .and_then(|t| read_title(t, &mut pending, &mut lost))
        .unwrap_or_default();
    // TimelineJS gives the title an id first, so no slide may take it.
    tl_ids.assign(tl_candidate(
        title_slide.unique_id.as_ref(),
        title_slide.text.as_ref(),
    ));
    let title_text = title_slide.text.clone().unwrap_or_default();
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
    lost.media += usize::from(title_slide.media.as_ref().is_some_and(non_empty));
    lost.backgrounds += usize::from(title_slide.background.as_ref().is_some_and(non_empty));

    let mut source_text = format!("{title}\n{description}\n");
    // Where each event's quotes are in the source, as the source is made.
    let mut ranges: Vec<Vec<Range<usize>>> = Vec::new();
    let mut ids = HashSet::new();
    let mut threads: BTreeMap<String, String> = BTreeMap::new();
    let mut thread_order: Vec<String> = Vec::new();
    let mut thread_ids: HashSet<String> = HashSet::new();
    let mut events = Vec::new();

    for (i, raw_slide) in raw.events.iter().enumerate() {
        let path = format!("events[{i}]");
        let Some(slide) = pending.read::<InSlide>(raw_slide, &path) else {
            continue;
        };
        // No start date, or one with nothing in it (a spreadsheet's blank
        // row): skipped, as TimelineJS skips a slide without one.
        let Some(start) = slide.start_date.as_ref().filter(|d| !d.is_empty()) else {
            lost.skipped.push(path);
            continue;
        };
        if start.year.is_none() {
            let base = offset_in(text, raw_slide.get());
            let offset = raw_slide
                .get()
                .find("\"start_date\"")
                .map_or(base, |o| base + o);
            pending.at(
                offset,
                &format!("{path}.start_date"),
                "`start_date` needs `year`".to_string(),
            );
            continue;
        }
        // TimelineJS keeps the ids of the slides it keeps (a skipped one
        // takes none), in the file's order.
        let candidate = tl_candidate(slide.unique_id.as_ref(), slide.text.as_ref());
        let from_headline =
            !matches!(&slide.unique_id, Some(Value::String(s)) if !s.trim().is_empty());
        let tl_id = tl_ids.assign(candidate);
        let end = slide.end_date.as_ref().filter(|d| !d.is_empty());
        let mut remarks = Vec::new();
        let (date, shown) = match slide_date(&slide, start, end, &mut remarks, &mut lost) {
            Ok(d) => d,
            Err((field, message)) => {
                let base = offset_in(text, raw_slide.get());
                let offset = raw_slide
                    .get()
                    .find(&format!("\"{field}\""))
                    .map_or(base, |o| base + o);
                pending.at(offset, &format!("{path}.{field}"), message);
                continue;
            }
        };

        lost.backgrounds += usize::from(slide.background.as_ref().is_some_and(non_empty));
        let media = slide.media.as_ref().filter(|m| non_empty(m));
        let media_text = |key: &str| {
            media
                .and_then(|m| m.get(key))
                .and_then(Value::as_str)
                .map(|t| html_to_text(t).plain())
                .filter(|t| !t.is_empty())
        };
        let (caption, credit) = (media_text("caption"), media_text("credit"));
        // A `<blockquote>` given as media is a quote, its credit the attribution.
        let media_quote = media
            .and_then(|m| m.get("url"))
            .and_then(Value::as_str)
            .filter(|u| {
                u.trim_start()
                    .to_ascii_lowercase()
                    .starts_with("<blockquote")
            })
            .map(html_to_text)
            .map(|h| {
                if h.quotes.is_empty() {
                    h.plain()
                } else {
                    h.quotes.join(" ")
                }
            })
            .filter(|q| !q.is_empty());
        if media.is_some() && media_quote.is_none() {
            lost.media += 1;
        }

        let text_html = slide.text.clone().unwrap_or_default();
        let headline = html_to_text(text_html.headline.as_deref().unwrap_or(""));
        let body = html_to_text(text_html.text.as_deref().unwrap_or(""));
        if headline.markup || body.markup {
            lost.markup += 1;
        }
        lost.links += headline.links + body.links;
        let mut summary = body.paragraphs.join(" ");

        let mut title = headline.plain();
        // A slide of media alone: TimelineJS readers see the caption.
        if title.is_empty()
            && summary.is_empty()
            && media_quote.is_none()
            && let Some(c) = caption.clone().or_else(|| credit.clone())
        {
            title = crate::text::truncate(&c, 60).into_owned();
            summary = c;
        }
        if title.is_empty() {
            title = crate::text::truncate(&summary, 60).into_owned();
        }
        if title.is_empty()
            && let Some(q) = &media_quote
        {
            title = crate::text::truncate(q, 60).into_owned();
        }
        if title.is_empty() {
            title = format!("Slide {}", i + 1);
        }
        lost.ids_made += usize::from(from_headline);
        let id = our_id(tl_id.as_deref(), &title, i, &mut ids);
        if tl_id.as_deref().is_some_and(|t| t != id) {
            lost.ids_changed += 1;
        }

        // The slide's text in the generated source: each quote on its own
        // line, its place noted as it is written.
        source_text.push_str(&format!("\n{id}\n{shown}\n"));
        let title_at = source_text.len()..source_text.len() + title.len();
        source_text.push_str(&title);
        source_text.push('\n');
        let summary_at = source_text.len()..source_text.len() + summary.len();
        if !summary.is_empty() {
            source_text.push_str(&summary);
            source_text.push('\n');
        }
        let mut quotes: Vec<String> = Vec::new();
        let mut quote_at = Vec::new();
        let attribution = credit
            .as_ref()
            .filter(|_| media_quote.is_some())
            .map(|c| format!("— {c}"));
        let media_lines = media_quote
            .iter()
            .map(|q| (q, true))
            .chain(attribution.iter().map(|c| (c, false)));
        let body_lines = body
            .quotes
            .iter()
            .map(|q| (q, true))
            .chain(body.cites.iter().map(|c| (c, false)));
        for (line, is_quote) in body_lines.chain(media_lines) {
            if is_quote {
                quotes.push(line.clone());
                quote_at.push(source_text.len()..source_text.len() + line.len());
            }
            source_text.push_str(line);
            source_text.push('\n');
        }
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

        let mut event = json!({
            "id": id,
            "title": title,
            "summary": if summary.is_empty() { title.clone() } else { summary },
            "kind": "background",
            "date": date.to_string(),
            "date_basis": "stated",
            "date_note": if remarks.is_empty() { Value::Null } else { json!(remarks.join("; ")) },
            "parties": [],
            "people": [],
            "place": null,
            "thread": thread_id,
            "tags": [],
            "quotes": quotes.iter().map(|q| json!({"source": source_id, "text": q})).collect::<Vec<_>>(),
        });
        if let Some(tl) = tl_id.filter(|t| *t != id) {
            event["timelinejs_id"] = json!(tl);
        }
        events.push(event);
    }
    if let Some(eras) = raw.eras {
        read_eras(eras, &mut pending, &mut lost);
    }
    if events.is_empty() && pending.list.is_empty() {
        pending.at(
            text.find("\"events\"").unwrap_or(0),
            "events",
            "the timeline has no events with a `start_date`".into(),
        );
    }
    if !pending.list.is_empty() {
        return Err(pending.into_problems(file));
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
    Ok(Imported {
        dataset,
        source_file,
        source_text,
        notes: lost.notes(),
    })
}

/// The title slide: an object, a list whose first item is the title (the
/// rest are noted), or a string taken as its headline.
fn read_title(raw: &RawValue, pending: &mut Pending<'_>, lost: &mut Lost) -> Option<InTitle> {
    let start = raw.get().trim_start();
    if start.starts_with('[') {
        let list: Vec<&RawValue> = pending.read(raw, "title")?;
        lost.title_list = list.len();
        let first = list.first()?;
        return pending.read(first, "title[0]");
    }
    if start.starts_with('"') {
        let headline: String = pending.read(raw, "title")?;
        return Some(InTitle {
            text: Some(TlText {
                headline: Some(headline),
                text: None,
            }),
            ..InTitle::default()
        });
    }
    pending.read(raw, "title")
}

/// Eras are not carried over: each is named in the notes with its dates.
fn read_eras(raw: &RawValue, pending: &mut Pending<'_>, lost: &mut Lost) {
    let Some(list) = pending.read::<Vec<&RawValue>>(raw, "eras") else {
        return;
    };
    for (i, era) in list.iter().enumerate() {
        let Some(era) = pending.read::<InSlide>(era, &format!("eras[{i}]")) else {
            continue;
        };
        let name = era
            .text
            .as_ref()
            .and_then(|t| t.headline.as_deref())
            .map(|h| html_to_text(h).plain())
            .filter(|h| !h.is_empty());
        let mut ignored = Vec::new();
        let mut point = |d: &InDate| {
            tl_point(d, &mut ignored, &mut Lost::default())
                .ok()
                .and_then(|p| Date::parse(&p).ok())
        };
        let start = era.start_date.as_ref().and_then(&mut point);
        let end = era.end_date.as_ref().and_then(&mut point);
        if name.is_none() && start.is_none() && end.is_none() {
            continue;
        }
        let dates = match (start, end) {
            (Some(a), Some(b)) => format!(" ({}–{})", a.display(), b.display()),
            (Some(a), None) | (None, Some(a)) => format!(" ({})", a.display()),
            (None, None) => String::new(),
        };
        let name = name.map_or_else(|| format!("era {}", i + 1), |n| format!("\"{n}\""));
        lost.eras.push(format!("{name}{dates}"));
    }
}

/// Whether a value says anything: not null, not an empty or blank string,
/// not a list or object of such.
fn non_empty(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => a.iter().any(non_empty),
        Value::Object(o) => o.values().any(non_empty),
        Value::Bool(_) | Value::Number(_) => true,
    }
}

/// What an import leaves behind, counted.
#[derive(Debug, Default)]
struct Lost {
    media: usize,
    backgrounds: usize,
    markup: usize,
    links: usize,
    /// Slides with a time of day, kept in their date notes.
    times: usize,
    /// Eras, each named with its dates.
    eras: Vec<String>,
    /// Slides whose id TimelineJS makes from the headline.
    ids_made: usize,
    /// Slides whose TimelineJS id is not an id of ours.
    ids_changed: usize,
    /// Slides without a start date, by path.
    skipped: Vec<String>,
    /// Display dates read as a qualifier, an open end or an interval.
    display_read: usize,
    /// Display dates kept as text in date notes.
    display_noted: usize,
    /// Fractions cut off date numbers.
    truncated: usize,
    /// Month and day of years beyond four digits.
    long_year_parts: usize,
    /// The number of slides of a title given as a list.
    title_list: usize,
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
        if self.title_list > 1 {
            notes.push(format!(
                "title: given as a list of {} slides; the first is the title, the others are not carried over",
                self.title_list
            ));
        }
        if !self.skipped.is_empty() {
            notes.push(format!(
                "{} without a start date (or with an empty one) skipped, as TimelineJS skips them: {}",
                n(self.skipped.len(), "slide", "slides"),
                self.skipped.join(", ")
            ));
        }
        if self.media > 0 {
            notes.push(format!(
                "media: the images, video and embeds of {} not carried over",
                n(self.media, "slide", "slides")
            ));
        }
        if self.backgrounds > 0 {
            notes.push(format!(
                "backgrounds: the backgrounds of {} not carried over",
                n(self.backgrounds, "slide", "slides")
            ));
        }
        if !self.eras.is_empty() {
            notes.push(format!(
                "eras: {} not carried over (our format has none): {}",
                n(self.eras.len(), "era", "eras"),
                self.eras.join(", ")
            ));
        }
        if self.times > 0 {
            notes.push(format!(
                "times: the times of day of {} kept in their date notes (our dates stop at the day)",
                n(self.times, "slide", "slides")
            ));
        }
        if self.display_read > 0 {
            notes.push(format!(
                "display dates: those of {} read as approximate, uncertain, open or an interval",
                n(self.display_read, "slide", "slides")
            ));
        }
        if self.display_noted > 0 {
            notes.push(format!(
                "display dates: those of {} kept as text in their date notes",
                n(self.display_noted, "slide", "slides")
            ));
        }
        if self.truncated > 0 {
            notes.push(format!(
                "dates: fractions cut off {}, as TimelineJS reads them",
                n(self.truncated, "number", "numbers")
            ));
        }
        if self.long_year_parts > 0 {
            notes.push(format!(
                "dates: months and days of {} with years beyond four digits dropped (such years stand alone); kept in their date notes",
                n(self.long_year_parts, "date", "dates")
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
        if self.ids_made > 0 {
            notes.push(format!(
                "ids: {} had no unique_id; ids were made from headlines by TimelineJS's rule",
                n(self.ids_made, "slide", "slides")
            ));
        }
        if self.ids_changed > 0 {
            notes.push(format!(
                "ids: the TimelineJS ids of {} are not lowercase letters, digits and hyphens; each is kept in its event's `timelinejs_id`",
                n(self.ids_changed, "slide", "slides")
            ));
        }
        notes
    }
}

/// The EDTF date of a slide and the date as its readers see it, or the
/// field at fault and why. What the date cannot hold (a time of day, a
/// display date that says more) goes to `remarks`.
fn slide_date(
    slide: &InSlide,
    start: &InDate,
    end: Option<&InDate>,
    remarks: &mut Vec<String>,
    lost: &mut Lost,
) -> Result<(Date, String), (&'static str, String)> {
    let a = tl_point(start, remarks, lost).map_err(|m| ("start_date", m))?;
    let b = match end {
        None => None,
        Some(end) if end.year.is_none() => {
            return Err((
                "end_date",
                "an `end_date` needs a `year` (or leave it out)".to_string(),
            ));
        }
        Some(end) => Some(tl_point(end, remarks, lost).map_err(|m| ("end_date", m))?),
    };
    let times: Vec<String> = [("start", Some(start)), ("end", end)]
        .into_iter()
        .filter_map(|(which, d)| Some((which, d?)))
        .filter(|(_, d)| d.has_time())
        .map(|(which, d)| format!("{which} time {}", time_of(d)))
        .collect();
    if !times.is_empty() {
        lost.times += 1;
        remarks.push(format!("TimelineJS gives the {}", times.join(", ")));
    }
    let b = b.filter(|b| *b != a);
    let edtf = match &b {
        None => a.clone(),
        Some(b) => format!("{a}/{b}"),
    };
    let date = Date::parse(&edtf).map_err(|e| {
        let field = if b.is_some() && e.message.contains("ends before") {
            "end_date"
        } else {
            "start_date"
        };
        (field, e.message)
    })?;
    // What readers see: the slide's display date, or its ends' own.
    let display = slide
        .display_date
        .as_deref()
        .map(|d| html_to_text(d).plain())
        .filter(|d| !d.is_empty())
        .or_else(|| {
            let part = |d: Option<&InDate>| {
                d.and_then(|d| d.display_date.as_deref())
                    .map(|d| html_to_text(d).plain())
                    .filter(|d| !d.is_empty())
            };
            match (part(Some(start)), part(end)) {
                (Some(s), Some(e)) => Some(format!("{s} – {e}")),
                (Some(s), None) => Some(s),
                (None, Some(e)) => Some(format!("– {e}")),
                (None, None) => None,
            }
        });
    let Some(display) = display else {
        let shown = date.display();
        return Ok((date, shown));
    };
    // The text is kept, unless it is just what we show for the date as
    // its fields give it.
    let plain = date.display();
    let date = match read_display(&display, &a, b.as_deref()) {
        Some(read) => {
            lost.display_read += 1;
            read
        }
        None => date,
    };
    if display != plain {
        lost.display_noted += 1;
        remarks.insert(0, format!("TimelineJS shows the date as \"{display}\""));
    }
    Ok((date, display))
}

/// `14:30`, `14:30:05`, `14:30:05.250`: a date's time of day.
fn time_of(d: &InDate) -> String {
    let v = |p: Option<Part>| p.map_or(0, |p| p.value);
    let mut t = format!("{:02}:{:02}", v(d.hour), v(d.minute));
    if d.second.is_some() || d.millisecond.is_some() {
        t.push_str(&format!(":{:02}", v(d.second)));
    }
    if d.millisecond.is_some() {
        t.push_str(&format!(".{:03}", v(d.millisecond)));
    }
    t
}

/// One end of a slide's date in EDTF, to the precision given.
fn tl_point(d: &InDate, remarks: &mut Vec<String>, lost: &mut Lost) -> Result<String, String> {
    let Some(year) = d.year else {
        return Err("a date needs a `year`".to_string());
    };
    lost.truncated += [d.year, d.month, d.day]
        .iter()
        .flatten()
        .filter(|p| p.truncated)
        .count();
    let y = year.value;
    if y.unsigned_abs() > MAX_YEAR.unsigned_abs() {
        return Err(format!(
            "year {y} is beyond the eleven digits our dates hold"
        ));
    }
    let month = d.month.map(|p| p.value);
    let day = d.day.map(|p| p.value);
    if let Some(m) = month.filter(|m| !(1..=12).contains(m)) {
        return Err(format!("month {m} is not a month (1 to 12)"));
    }
    if let Some(day) = day.filter(|d| !(1..=31).contains(d)) {
        return Err(format!("day {day} is not a day of a month (1 to 31)"));
    }
    if y.abs() > 9999 {
        if month.is_some() || day.is_some() {
            lost.long_year_parts += 1;
            remarks.push(format!(
                "TimelineJS gives month {} and day {} of {}",
                month.map_or("-".to_string(), |m| m.to_string()),
                day.map_or("-".to_string(), |d| d.to_string()),
                year_text(y)
            ));
        }
        return Ok(format!("Y{y}"));
    }
    let year = if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    };
    Ok(match (month, day) {
        (Some(m), Some(day)) => format!("{year}-{m:02}-{day:02}"),
        (Some(m), None) => format!("{year}-{m:02}"),
        (None, Some(day)) => {
            remarks.push(format!("TimelineJS gives day {day} without a month"));
            year
        }
        (None, None) => year,
    })
}

/// What a display date says of the date whose ends are `start` and `end`
/// (EDTF, unqualified): first, the date our own display shows so (as our
/// export writes it: `c. Nov 2015`, `before 31 Jul 2012`); else its words:
/// "c.", "circa", "about", "around" make it approximate, a `?` uncertain,
/// "before" opens its start, "after" its end, "between 1678 and 1680"
/// makes it an interval. None when it says nothing of these.
pub(super) fn read_display(display: &str, start: &str, end: Option<&str>) -> Option<Date> {
    let folded = display.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut candidates = Vec::new();
    match end {
        Some(e) => {
            for q in ["", "~", "?", "%"] {
                for r in ["", "~", "?", "%"] {
                    candidates.push(format!("{start}{q}/{e}{r}"));
                }
            }
        }
        None => {
            for q in ["", "~", "?", "%"] {
                candidates.push(format!("{start}{q}"));
                candidates.push(format!("../{start}{q}"));
                candidates.push(format!("/{start}{q}"));
                candidates.push(format!("{start}{q}/.."));
            }
        }
    }
    let plain = candidates.first().cloned();
    if let Some(date) = candidates
        .iter()
        .filter_map(|c| Date::parse(c).ok())
        .find(|d| d.display() == folded)
    {
        return (Some(date.to_string()) != plain).then_some(date);
    }

    let lower = folded.to_lowercase();
    let mut rest = lower.as_str();
    let mut shape = "";
    for word in ["before ", "after ", "between ", "by "] {
        if let Some(r) = rest.strip_prefix(word) {
            shape = word.trim_end();
            rest = r;
            break;
        }
    }
    let approximate = [
        "c.",
        "ca.",
        "circa ",
        "about ",
        "around ",
        "approximately ",
        "approx. ",
        "~",
    ]
    .iter()
    .any(|w| rest.starts_with(w));
    let uncertain = lower.contains('?');
    let q = match (approximate, uncertain) {
        (true, true) => "%",
        (true, false) => "~",
        (false, true) => "?",
        (false, false) => "",
    };
    let edtf = match (shape, end) {
        ("", None) => format!("{start}{q}"),
        ("", Some(e)) | ("between", Some(e)) => format!("{start}{q}/{e}{q}"),
        ("before", _) => format!("../{}{q}", end.unwrap_or(start)),
        ("by", _) => format!("/{}{q}", end.unwrap_or(start)),
        ("after", _) => format!("{start}{q}/.."),
        _ => {
            // "between 1678 and 1680", "Between 1678-1680": the last number
            // ends the interval when it is a later year.
            let first = Date::parse(start).ok()?.year();
            let last: i64 = rest
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| !w.is_empty() && w.len() <= 11)
                .filter_map(|w| w.parse().ok())
                .next_back()?;
            if last <= first || last > MAX_YEAR {
                format!("{start}{q}")
            } else if last > 9999 {
                format!("{start}{q}/Y{last}{q}")
            } else {
                format!("{start}{q}/{last:04}{q}")
            }
        }
    };
    if Some(&edtf) == plain.as_ref() {
        return None;
    }
    Date::parse(&edtf).ok()
}

/// What TimelineJS takes as a slide's id: its `unique_id` when a string
/// with more than spaces (as written), else the slug of its headline
/// (None when empty: TimelineJS then makes a random one).
fn tl_candidate(unique_id: Option<&Value>, text: Option<&TlText>) -> Option<String> {
    match unique_id {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => text
            .and_then(|t| t.headline.as_deref())
            .map(tl_slugify)
            .filter(|s| !s.is_empty()),
    }
}

/// TimelineJS's slug of a headline (raw, markup and all): trimmed and
/// lowercased; common accented letters to plain ones; `·/_,:;` to
/// hyphens; anything but `a-z`, `0-9`, space and hyphen removed; runs of
/// spaces to a hyphen, runs of hyphens to one; a leading digit gets `_`.
pub(super) fn tl_slugify(s: &str) -> String {
    const FROM: &str = "ãàáäâẽèéëêìíïîõòóöôùúüûñç·/_,:;";
    const TO: &str = "aaaaaeeeeeiiiiooooouuuunc------";
    let mut out = String::new();
    for c in s.trim().to_lowercase().chars() {
        let c = FROM
            .chars()
            .position(|f| f == c)
            .and_then(|i| TO.chars().nth(i))
            .unwrap_or(c);
        let c = if c == ' ' { '-' } else { c };
        let kept = c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if kept && !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// TimelineJS's ids as it gives them, so that two slides never share one:
/// a taken id `x` becomes `x-N`, N one more than the ids already `x` or
/// `x-<digits>`, or the first free number from there.
#[derive(Default)]
pub(super) struct TlIds {
    used: HashSet<String>,
    /// How many used ids have each root (`x` for `x` and `x-2`).
    roots: HashMap<String, usize>,
}

impl TlIds {
    pub(super) fn assign(&mut self, candidate: Option<String>) -> Option<String> {
        let c = candidate?;
        let id = if self.used.contains(&c) {
            let similar = self.roots.get(&c).copied().unwrap_or(0);
            let mut id = format!("{c}-{}", similar + 1);
            let mut counter = similar;
            while self.used.contains(&id) {
                id = format!("{c}-{counter}");
                counter += 1;
            }
            id
        } else {
            c
        };
        self.used.insert(id.clone());
        *self.roots.entry(tl_root(&id).to_string()).or_default() += 1;
        Some(id)
    }
}

/// `x` for `x-12`; the id itself when it ends in no hyphen and digits.
fn tl_root(id: &str) -> &str {
    match id.rsplit_once('-') {
        Some((head, tail))
            if !head.is_empty() && !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) =>
        {
            head
        }
        _ => id,
    }
}

/// Our id for a slide whose TimelineJS id is `tl`: the same when it is
/// lowercase letters, digits and hyphens; else its slug; else the slug of
/// the title; `-2`, `-3`, ... when taken.
fn our_id(tl: Option<&str>, title: &str, index: usize, ids: &mut HashSet<String>) -> String {
    let valid = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let base = match tl {
        Some(t) if valid(t) => t.to_string(),
        _ => [tl.map(slug).unwrap_or_default(), slug(title)]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| format!("slide-{}", index + 1)),
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
        "struct Slide" | "struct InSlide" | "struct InTitle" => "an object (a slide)",
        "struct TlText" => "an object with `headline` and `text`",
        "struct TlDate" | "struct InDate" => {
            "an object with `year`, and `month` and `day` if known"
        }
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
