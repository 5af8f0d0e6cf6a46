//! Loading a dataset: parse, validate everything in one pass, sort, index.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::Ordering;

use memchr::memmem;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::Thread;
use super::embedded;
use super::files::{self, DATASET_LIMIT, Refusal};
use super::locate::{LineScan, Step, offset_in, offset_of_position, positions, value_offset};
use super::lookup::{KeySet, Lookup, by_id};
use super::order;
use super::plain::serde_message;
use super::quote::{Folded, Passage, Sentences, closest_passage_within, exact_find};
use super::quote::{PASSAGE_BUDGET, PASSAGE_QUOTE_CAP};
use super::raw::{self, RawTop};
use super::{
    Dataset, Date, DateBasis, Event, Kind, Origin, Parts, Person, Problem, Quote, Source, Store,
    Str,
};
use super::{Dispute, Line, Milestone, Reading, Status};

/// Why a dataset could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The dataset file itself could not be read.
    Io { file: String, message: String },
    /// The file was read, and has these problems (at least one).
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// The problems, if the file could be read.
    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Io { .. } => &[],
            LoadError::Invalid(p) => p,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { file, message } => write!(f, "{file}: {message}"),
            LoadError::Invalid(problems) => {
                for p in problems {
                    writeln!(f, "{p}")?;
                }
                let n = problems.len();
                write!(f, "{n} problem{}", if n == 1 { "" } else { "s" })
            }
        }
    }
}

impl std::error::Error for LoadError {}

impl Dataset {
    /// Loads and validates a dataset file; source files are read relative to
    /// it. A TimelineJS file (recognized from its content) is converted.
    ///
    /// The dataset and its sources must be regular files of at most
    /// [`DATASET_LIMIT`] and [`files::SOURCE_LIMIT`] bytes, and every source
    /// must lie inside the dataset file's folder; nothing else is opened.
    pub fn load(path: &Path) -> Result<Dataset, LoadError> {
        Dataset::load_with(path, false).map(|(d, _)| d)
    }

    /// Loads a dataset file as [`Dataset::load`] does, but leaves the
    /// events' quotes to be found in their sources later, by the
    /// [`QuoteCheck`] returned beside it (the slow part of a load at scale):
    /// every other check is made, and the events are sorted. A file with
    /// any other problem is checked in full, and its problems are those
    /// [`Dataset::load`] gives. A TimelineJS file is checked in full, and
    /// comes with no check to run.
    pub fn load_unchecked(path: &Path) -> Result<(Dataset, Option<QuoteCheck>), LoadError> {
        Dataset::load_with(path, true)
    }

    fn load_with(path: &Path, defer: bool) -> Result<(Dataset, Option<QuoteCheck>), LoadError> {
        let (text, origin, dir) = match read_dataset(path)? {
            Opened::TimelineJs(d) => return Ok((*d, None)),
            Opened::Ours { text, origin, dir } => (text, origin, dir),
        };
        let read = |file: &str| files::read_source(&dir, file);
        let full = |text, origin| {
            Dataset::parse_owned(text, origin, &read, false)
                .map(|d| (d, None))
                .map_err(|(_, e)| e)
        };
        if !defer {
            return full(text, origin);
        }
        match Dataset::parse_owned(text, origin.clone(), &read, true) {
            Ok(d) => Ok((d, Some(QuoteCheck { _made_by_load: () }))),
            // Problems are reported as `validate` reports them: all of them.
            Err((text, _)) => full(text, origin),
        }
    }

    /// The dataset built into the binary.
    pub fn embedded() -> Result<Dataset, LoadError> {
        let read = |file: &str| {
            embedded::source(file)
                .map(str::to_string)
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
        };
        Dataset::parse(embedded::EVENTS_JSON, Origin::Embedded, &read)
    }

    /// Parses and validates dataset text. `read_source` reads a source file
    /// by the path the dataset gives for it.
    pub fn parse(
        text: &str,
        origin: Origin,
        read_source: &dyn Fn(&str) -> std::io::Result<String>,
    ) -> Result<Dataset, LoadError> {
        Dataset::parse_owned(text.to_string(), origin, read_source, false).map_err(|(_, e)| e)
    }

    /// [`Dataset::parse`] of a text the dataset keeps (its events borrow
    /// their strings from it); with `defer_quotes`, the events' quotes are
    /// not looked for (each is at `0..0` until [`QuoteCheck::run`] finds
    /// it). A text with problems is given back with them.
    fn parse_owned(
        text: String,
        origin: Origin,
        read_source: &dyn Fn(&str) -> std::io::Result<String>,
        defer_quotes: bool,
    ) -> Result<Dataset, (String, LoadError)> {
        let name = origin.display_name();
        let mut parts = None;
        let store = Store::try_new_or_recover(text, |text| {
            let mut check = Checker::new(text, defer_quotes, true);
            match check.run(read_source) {
                Some((rest, events)) if !check.failed() => {
                    parts = Some(rest);
                    Ok(events)
                }
                _ => Err(LoadError::Invalid(check.into_problems(&name))),
            }
        })?;
        let parts = parts.expect("the parts come with the events");
        let d = Dataset::new(parts, store, origin);
        d.quotes_located.store(!defer_quotes, Ordering::Relaxed);
        Ok(d)
    }
}

/// A dataset file, read: a TimelineJS file converted, or the text of one
/// in our format with the folder its sources are read from.
enum Opened {
    TimelineJs(Box<Dataset>),
    Ours {
        text: String,
        origin: Origin,
        dir: std::path::PathBuf,
    },
}

/// Reads the dataset file at `path` (see [`Dataset::load`] for what is
/// refused).
fn read_dataset(path: &Path) -> Result<Opened, LoadError> {
    let io = |e: std::io::Error| LoadError::Io {
        file: path.display().to_string(),
        message: e.to_string(),
    };
    let bytes = files::read_bytes(path, DATASET_LIMIT).map_err(io)?;
    let text = files::text(bytes).map_err(|refusal| {
        let Refusal::InvalidUtf8 { byte, line, column } = refusal else {
            unreachable!("text() refuses only invalid UTF-8")
        };
        LoadError::Invalid(vec![Problem {
            file: path.display().to_string(),
            line,
            column,
            path: "$".into(),
            message: format!("invalid UTF-8 (byte 0x{byte:02X})"),
        }])
    })?;
    if super::timelinejs::detect(&text) {
        return super::timelinejs::open(&text, path).map(|d| Opened::TimelineJs(Box::new(d)));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let dir = dir.canonicalize().map_err(io)?;
    Ok(Opened::Ours {
        text,
        origin: Origin::File(path.to_path_buf()),
        dir,
    })
}

/// Checks a dataset file as [`Dataset::load`] does, with the same
/// problems, but keeps nothing of it: each event is checked and let go
/// (only its id and date stay, for the checks between events), so that
/// checking a large file takes little more memory than the file. A
/// TimelineJS file is loaded and checked in full. Gives the number of
/// events of a valid file; the problems of another in the file's order.
pub fn check(path: &Path) -> Result<usize, LoadError> {
    let mut problems = Vec::new();
    let checked = check_streaming(path, &mut |batch| problems.extend(batch))?;
    if problems.is_empty() {
        return Ok(checked.events);
    }
    problems.sort_by_key(|p| (p.line, p.column));
    Err(LoadError::Invalid(problems))
}

/// What [`check_streaming`] found in a file it could read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    /// The number of events, when there is no problem.
    pub events: usize,
    /// How many problems were given.
    pub problems: usize,
}

/// [`check`], giving the problems to `emit` as they are found, a batch at
/// a time, each batch in the order of the file: first those of the parts
/// before the events (sources, people, threads, disputes, lines), then
/// the events' own, every 1,024 events, then those found
/// between items once all are read (repeated ids, `after`s, what
/// disputes and lines say of events). A large file with problems is read
/// twice: on every core, and again on one thread when a problem is found,
/// which is the pass that gives them. A file that cannot be read, or
/// whose problems are found before any check (not UTF-8, a TimelineJS
/// file that does not convert), is an error, as for [`check`].
pub fn check_streaming(
    path: &Path,
    emit: &mut dyn FnMut(Vec<Problem>),
) -> Result<Checked, LoadError> {
    // The check runs on a thread of its own and sends each batch here.
    let (send, batches) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let checking = scope.spawn(move || check_sending(path, send));
        for batch in batches {
            emit(batch);
        }
        checking
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// [`check_streaming`], sending each batch of problems to `send`.
fn check_sending(
    path: &Path,
    send: std::sync::mpsc::Sender<Vec<Problem>>,
) -> Result<Checked, LoadError> {
    let (text, origin, dir) = match read_dataset(path)? {
        Opened::TimelineJs(d) => {
            return Ok(Checked {
                events: d.events().len(),
                problems: 0,
            });
        }
        Opened::Ours { text, origin, dir } => (text, origin, dir),
    };
    let read = |file: &str| files::read_source(&dir, file);
    let mut check = Checker::new(&text, false, false);
    check.stream = Some(Stream {
        file: origin.display_name(),
        send,
        written: 0,
        scan: LineScan::default(),
    });
    check.run(&read);
    check.flush();
    let checked = Checked {
        events: check.checked,
        problems: check.stream.as_ref().map_or(0, |s| s.written),
    };
    drop(check);
    // The text is left for the OS to free at exit, as a loaded dataset
    // is: freeing it holds up the exit.
    std::mem::forget(text);
    Ok(checked)
}

/// How many events [`check_streaming`] reads between two batches of
/// problems (a few milliseconds' reading).
const STREAM_EVERY: usize = 1024;

/// Where a check sends its problems as it finds them (see
/// [`check_streaming`]).
struct Stream {
    file: String,
    send: std::sync::mpsc::Sender<Vec<Problem>>,
    /// How many problems were given.
    written: usize,
    /// Where the last problem given lies, for the line of the next.
    scan: LineScan,
}

/// From how many events a load reads them on more than one thread.
const PARALLEL_FROM: usize = 20_000;
/// The most threads a load reads events on.
const MAX_THREADS: usize = 8;

/// A problem waiting for its line and column.
struct Pending {
    offset: usize,
    path: String,
    message: String,
}

struct Checker<'t> {
    text: &'t str,
    pending: Vec<Pending>,
    search: QuoteSearch,
    /// Whether the events' quotes are left for a [`QuoteCheck`].
    defer_quotes: bool,
    /// What each event with `after` or `outcome` refers to, checked once
    /// every event is read.
    orders: Vec<Order<'t>>,
    /// The dates of events that have other problems, by position in the
    /// file, for checking `after`s against them.
    failed_dates: HashMap<usize, Date>,
    /// Whether the checked items are kept to make a dataset of; when not,
    /// each event is let go once checked (see [`check`]).
    keep: bool,
    /// How many events were checked without a problem.
    checked: usize,
    /// How many threads read the events (when not worked out from the
    /// machine and the list's length): for the tests of the split.
    threads: Option<usize>,
    /// Where problems go as they are found, if anywhere (else they wait
    /// in `pending` for the end).
    stream: Option<Stream>,
}

impl<'t> Checker<'t> {
    fn new(text: &'t str, defer_quotes: bool, keep: bool) -> Checker<'t> {
        Checker {
            text,
            pending: Vec::new(),
            search: QuoteSearch::default(),
            orders: Vec::new(),
            failed_dates: HashMap::new(),
            defer_quotes,
            keep,
            checked: 0,
            threads: None,
            stream: None,
        }
    }
}

/// The events as read: when kept, each checked event (or its id, when it
/// has problems) with its date's sort key; else what the checks after the
/// events need of each ([`Seen`]).
#[derive(Default)]
struct Read<'t> {
    events: Vec<Slot<'t>>,
    keys: Vec<u64>,
    seen: Vec<Seen<'t>>,
}

/// What the checks after the events need of an event that was let go:
/// its id (when it could be read), its date (when it parsed), and, when a
/// line's milestone names it, the event itself.
struct Seen<'t> {
    id: Option<Str<'t>>,
    date: Option<Date>,
    event: Option<Box<Event<'t>>>,
}

/// The references of an event to other events, as written.
struct Order<'t> {
    /// The event's position in the file.
    item: usize,
    date: Option<Date>,
    after: Vec<Str<'t>>,
    outcome: Option<Str<'t>>,
}

/// A source made ready for quotes that differ from it in whitespace, and
/// for the closest passage to a misquote.
struct Prepared {
    folded: Folded,
    sentences: Sentences,
}

impl<'t> Checker<'t> {
    fn report(&mut self, offset: usize, path: String, message: String) {
        self.pending.push(Pending {
            offset,
            path,
            message,
        });
    }

    /// Reports a problem at a field of an item (`base` is the item's offset).
    fn at(&mut self, base: usize, item: Item<'_>, steps: &[Step<'_>], message: String) {
        let offset = value_offset(self.text, base, steps);
        let mut path = item.to_string();
        for s in steps {
            match s {
                Step::Key(k) => {
                    path.push('.');
                    path.push_str(k);
                }
                Step::Index(i) => path.push_str(&format!("[{i}]")),
            }
        }
        self.report(offset, path, message);
    }

    fn into_problems(self, file: &str) -> Vec<Problem> {
        problems_at(self.text, self.pending, file)
    }

    /// Whether any problem was found.
    fn failed(&self) -> bool {
        !self.pending.is_empty() || self.stream.as_ref().is_some_and(|s| s.written > 0)
    }

    /// Gives the problems found since the last batch to the stream, if
    /// there is one, in the order of the file. Called between items only
    /// (an item's checks count its problems in `pending`).
    fn flush(&mut self) {
        let Some(stream) = self.stream.as_mut() else {
            return;
        };
        if self.pending.is_empty() {
            return;
        }
        let mut batch = std::mem::take(&mut self.pending);
        batch.sort_by_key(|p| p.offset);
        let text = self.text;
        let problems: Vec<Problem> = batch
            .into_iter()
            .map(|p| {
                let (line, column) = stream.scan.at(text, p.offset);
                Problem {
                    file: stream.file.clone(),
                    line,
                    column,
                    path: p.path,
                    message: p.message,
                }
            })
            .collect();
        stream.written += problems.len();
        // Should the receiver be gone, the check ends all the same.
        let _ = stream.send.send(problems);
    }
}

/// The problems waiting in `pending`, located in `text`, in the file's order.
fn problems_at(text: &str, pending: Vec<Pending>, file: &str) -> Vec<Problem> {
    let offsets: Vec<usize> = pending.iter().map(|p| p.offset).collect();
    let pos = positions(text, &offsets);
    let mut problems: Vec<Problem> = pending
        .into_iter()
        .zip(pos)
        .map(|(p, (line, column))| Problem {
            file: file.to_string(),
            line,
            column,
            path: p.path,
            message: p.message,
        })
        .collect();
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

impl<'t> Checker<'t> {
    /// Deserializes one item of a list, reporting a type error at its place.
    /// Deserializes one item of a list, reporting a type error at its place.
    /// The fast path is plain serde_json; only a failing item is read again
    /// with serde_path_to_error, which allocates for every key it passes.
    fn item<T: Deserialize<'t>>(
        &mut self,
        raw: &'t RawValue,
        path: impl Fn() -> String,
    ) -> Option<T> {
        if let Ok(v) = serde_json::from_str(raw.get()) {
            return Some(v);
        }
        let base = offset_in(self.text, raw.get());
        let mut de = serde_json::Deserializer::from_str(raw.get());
        let e = serde_path_to_error::deserialize::<_, T>(&mut de).err()?;
        let inner = e.inner();
        let offset = base + offset_of_position(raw.get(), inner.line(), inner.column());
        let sub = e.path().to_string();
        let path = path();
        let full = if sub == "." {
            path
        } else {
            format!("{path}.{sub}")
        };
        let full = full.replace(".[", "[");
        let message = serde_message(inner, &full);
        self.report(offset, full, message);
        None
    }

    /// Checks the dataset; when it has no problem, gives its parts and its
    /// events in the file's order (when it is kept, see [`Checker::keep`]).
    fn run(
        &mut self,
        read_source: &dyn Fn(&str) -> std::io::Result<String>,
    ) -> Option<(Parts, super::EventList<'t>)> {
        let text = self.text;
        let first = text.trim_start().chars().next();
        if first.is_some_and(|c| c != '{') {
            let offset = text.len() - text.trim_start().len();
            self.report(
                offset,
                "$".into(),
                "the dataset must be a JSON object with title, description, countries, sources, people, threads and events".into(),
            );
            return None;
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let top: RawTop<'t> = match serde_path_to_error::deserialize(&mut de) {
            Ok(top) => top,
            Err(e) => {
                let inner = e.inner();
                let offset = offset_of_position(text, inner.line(), inner.column());
                let path = match e.path().to_string() {
                    p if p == "." || p == "?" => "$".to_string(),
                    p => p,
                };
                let message = serde_message(inner, &path);
                self.report(offset, path, message);
                return None;
            }
        };
        if let Err(e) = de.end() {
            let offset = offset_of_position(text, e.line(), e.column());
            self.report(offset, "$".into(), serde_message(&e, "$"));
            return None;
        }

        for code in top.countries.keys() {
            if !(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())) {
                let base = value_offset(text, 0, &[Step::Key("countries")]);
                self.report(
                    base,
                    format!("countries.{code}"),
                    format!("`{code}` is not an ISO 3166-1 alpha-2 code (two capital letters)"),
                );
            }
        }

        let (sources, read) = self.sources(&top.sources, read_source);
        self.search = QuoteSearch::new(sources.len());
        let people: Vec<Option<Person>> = self.list(&top.people, "people");
        let threads: Vec<Option<Thread>> = self.list(&top.threads, "threads");
        self.unique_ids(
            &top.people,
            "people",
            people.iter().map(|p| p.as_ref().map(|p| p.id.as_str())),
        );
        self.unique_ids(
            &top.threads,
            "threads",
            threads.iter().map(|t| t.as_ref().map(|t| t.id.as_str())),
        );

        let source_ids: Lookup<'_, usize> = sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|s| (s.id.as_str(), i)))
            .collect();
        let person_ids: KeySet<'_> = people.iter().flatten().map(|p| p.id.as_str()).collect();
        let thread_ids: KeySet<'_> = threads.iter().flatten().map(|t| t.id.as_str()).collect();

        if top.events.is_empty() {
            let base = value_offset(text, 0, &[Step::Key("events")]);
            self.report(base, "events".into(), "the dataset has no events".into());
        }
        let refs = Refs {
            countries: &top.countries,
            sources: &sources,
            read: &read,
            source_ids: &source_ids,
            people: &person_ids,
            threads: &thread_ids,
        };
        // Disputes and lines are read first: when events are let go once
        // checked, those a line's milestone names are kept for its check.
        let disputes: Vec<Option<raw::Dispute>> = self.list(&top.disputes, "disputes");
        let lines: Vec<Option<raw::Line>> = self.list(&top.lines, "lines");
        let milestone_events: KeySet<'_> = lines
            .iter()
            .flatten()
            .flat_map(|l| &l.milestones)
            .map(|m| m.event.as_str())
            .collect();

        // What is found so far goes out before the events are read.
        self.flush();
        let Read { events, keys, seen } = self.read_events(&top.events, &refs, &milestone_events);
        drop(milestone_events);
        let ids: Vec<Option<&str>> = if self.keep {
            events.iter().map(slot_id).collect()
        } else {
            seen.iter().map(|s| s.id.as_deref()).collect()
        };
        let events_by_id = self.unique_ids(&top.events, "events", ids.iter().copied());

        let failed_dates = std::mem::take(&mut self.failed_dates);
        let date_of = |i: usize| match events.get(i) {
            Some(Ok(e)) => Some(e.date()),
            Some(Err(_)) => failed_dates.get(&i),
            None => seen[i].date.as_ref(),
        };
        self.check_order(&top.events, &ids, &date_of);

        // Disputes and lines refer to events: an event with problems is
        // known by its id (its problems are reported already), and a line's
        // parties are checked only against the events that loaded.
        let linked = !top.disputes.is_empty() || !top.lines.is_empty();
        let known: Lookup<'_, Option<&Event>> = if !linked {
            Lookup::default()
        } else if self.keep {
            events
                .iter()
                .filter_map(|slot| match slot {
                    Ok(e) => Some((e.id.as_str(), Some(&**e))),
                    Err(Some(id)) => Some((id.as_str(), None)),
                    Err(None) => None,
                })
                .collect()
        } else {
            seen.iter()
                .filter_map(|s| Some((s.id.as_deref()?, s.event.as_deref())))
                .collect()
        };
        self.unique_ids(
            &top.disputes,
            "disputes",
            disputes.iter().map(|d| d.as_ref().map(|d| d.id.as_str())),
        );
        let disputes: Vec<Option<Dispute>> = disputes
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let base = offset_in(text, top.disputes[i].get());
                self.dispute(d?, base, Item("disputes", i), &refs, &known)
            })
            .collect();
        self.unique_ids(
            &top.lines,
            "lines",
            lines.iter().map(|l| l.as_ref().map(|l| l.id.as_str())),
        );
        let lines: Vec<Option<Line>> = lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let base = offset_in(text, top.lines[i].get());
                self.line(l?, base, Item("lines", i), &refs, &known)
            })
            .collect();
        drop(known);

        if self.failed() || !self.keep {
            return None;
        }
        let sources: Vec<Source> = sources.into_iter().flatten().collect();
        // Every slot holds an event here (there is no problem); the list of
        // boxes is a few bytes an event.
        let events: Vec<Box<Event<'t>>> = events.into_iter().filter_map(Result::ok).collect();
        let parts = Parts {
            title: top.title,
            description: top.description,
            countries: top.countries,
            sources,
            people: people.into_iter().flatten().collect(),
            threads: threads.into_iter().flatten().collect(),
            disputes: disputes.into_iter().flatten().collect(),
            lines: lines.into_iter().flatten().collect(),
            extra: top.extra,
            // Every event loaded (there is no problem), so this is the
            // order of all of them by id, and a key for each.
            events_by_id: Some(events_by_id),
            sort_keys: Some(keys),
        };
        Some((parts, events))
    }

    fn list<T: Deserialize<'t>>(&mut self, raws: &[&'t RawValue], name: &str) -> Vec<Option<T>> {
        raws.iter()
            .enumerate()
            .map(|(i, raw)| self.item(raw, || format!("{name}[{i}]")))
            .collect()
    }

    fn unique_ids<'a>(
        &mut self,
        raws: &[&RawValue],
        name: &str,
        ids: impl Iterator<Item = Option<&'a str>>,
    ) -> Vec<u32> {
        let ids: Vec<Option<&str>> = ids.collect();
        for (i, id) in ids.iter().enumerate() {
            let Some(id) = id else { continue };
            if id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                let base = offset_in(self.text, raws[i].get());
                self.at(
                    base,
                    Item(name, i),
                    &[Step::Key("id")],
                    format!("id `{id}` must be lowercase letters, digits and hyphens"),
                );
            }
        }
        let (sorted, repeats) = by_id(ids.iter().copied());
        for (i, first) in repeats {
            let id = ids[i].unwrap_or_default();
            let base = offset_in(self.text, raws[i].get());
            self.at(
                base,
                Item(name, i),
                &[Step::Key("id")],
                format!("duplicate id `{id}` (first used by {name}[{first}])"),
            );
        }
        sorted
    }

    /// The sources, and for each whether its file was read.
    fn sources(
        &mut self,
        raws: &[&'t RawValue],
        read_source: &dyn Fn(&str) -> std::io::Result<String>,
    ) -> (Vec<Option<Source>>, Vec<bool>) {
        let sources: Vec<Option<raw::Source>> = self.list(raws, "sources");
        self.unique_ids(
            raws,
            "sources",
            sources.iter().map(|s| s.as_ref().map(|s| s.id.as_str())),
        );
        let mut read = vec![false; sources.len()];
        let mut checked = Vec::with_capacity(sources.len());
        for (i, (raw, source)) in raws.iter().zip(sources).enumerate() {
            let Some(source) = source else {
                checked.push(None);
                continue;
            };
            let base = offset_in(self.text, raw.get());
            let item = Item("sources", i);
            let text = match read_source(&source.file) {
                Ok(t) => {
                    read[i] = true;
                    t
                }
                Err(e) => {
                    let file = &source.file;
                    let message = match files::refusal(&e) {
                        Some(refusal) => format!("source file `{file}` is {refusal}"),
                        None => format!("cannot read source file `{file}`: {e}"),
                    };
                    self.at(base, item, &[Step::Key("file")], message);
                    String::new()
                }
            };
            let mut published = None;
            if let Some(raw_date) = &source.published {
                match Date::parse(raw_date) {
                    Ok(d) => published = Some(d),
                    Err(e) => self.at(base, item, &[Step::Key("published")], e.message),
                }
                if source.published_basis.is_none() {
                    self.at(
                        base,
                        item,
                        &[Step::Key("published_basis")],
                        "a source with a `published` date needs a `published_basis`".into(),
                    );
                }
            }
            // A source with a problem is kept (without its date) so that
            // the quotes of its events are still checked against its text.
            checked.push(Some(Source::new(source, published, text)));
        }
        (checked, read)
    }

    /// Checks an event. `after[s]` is where the last quote found in source
    /// `s` ends: a quote is looked for from there first, so quotes that
    /// follow their source in order (an import's) are found in one pass.
    /// The checked event, or (when it has problems, which are reported)
    /// its id. `span` is the event's place in the text.
    fn event(
        &mut self,
        mut event: raw::Event<'t>,
        span: Range<usize>,
        item: Item<'_>,
        refs: &Refs<'_>,
        after: &mut [usize],
    ) -> Slot<'t> {
        let problems = self.pending.len();
        let base = span.start;
        let id = event.id.as_str();
        let date = match Date::parse(&event.date) {
            Ok(d) => Some(d),
            Err(e) => {
                self.at(
                    base,
                    item,
                    &[Step::Key("date")],
                    format!("event `{id}`: {}", e.message),
                );
                None
            }
        };
        let expected = self.expected(&event, base, item);
        let order_note_empty = event
            .order_note
            .as_deref()
            .is_none_or(|n| n.trim().is_empty());
        if !event.after.is_empty() && order_note_empty {
            self.at(
                base,
                item,
                &[Step::Key("after")],
                format!(
                    "event `{id}`: `after` needs an `order_note` saying why, with the words it rests on"
                ),
            );
        }
        for (j, other) in event.after.iter().enumerate() {
            if other == id {
                self.at(
                    base,
                    item,
                    &[Step::Key("after"), Step::Index(j)],
                    format!("event `{id}` cannot be after itself"),
                );
            }
        }
        if !event.after.is_empty() || event.outcome.is_some() {
            self.orders.push(Order {
                item: item.1,
                date: date.clone(),
                after: event.after.clone(),
                outcome: event.outcome.clone(),
            });
        }
        let note_empty = event
            .date_note
            .as_deref()
            .is_none_or(|n| n.trim().is_empty());
        if event.date_basis != DateBasis::Stated && note_empty {
            self.at(
                base,
                item,
                &[Step::Key("date_basis")],
                format!(
                    "event `{id}`: a {} date needs a `date_note` giving the reasoning and the words it rests on",
                    event.date_basis.as_str()
                ),
            );
        }
        for (j, code) in event.parties.iter().enumerate() {
            if !refs.countries.contains_key(code.as_str()) {
                self.at(
                    base,
                    item,
                    &[Step::Key("parties"), Step::Index(j)],
                    format!("event `{id}`: unknown country `{code}` (not in `countries`)"),
                );
            }
        }
        for (j, person) in event.people.iter().enumerate() {
            if !refs.people.contains(person.as_str()) {
                self.at(
                    base,
                    item,
                    &[Step::Key("people"), Step::Index(j)],
                    format!("event `{id}`: unknown person `{person}` (not in `people`)"),
                );
            }
        }
        if let Some(thread) = event
            .thread
            .as_deref()
            .filter(|t| !refs.threads.contains(t))
        {
            self.at(
                base,
                item,
                &[Step::Key("thread")],
                format!("event `{id}`: unknown thread `{thread}` (not in `threads`)"),
            );
        }
        if event.quotes.is_empty() {
            self.at(
                base,
                item,
                &[Step::Key("quotes")],
                format!("event `{id}` has no quote: every event quotes its source"),
            );
        }
        // The quotes are moved out, each made a checked quote once found.
        let raw_quotes = std::mem::take(&mut event.quotes);
        let count = raw_quotes.len();
        let mut quotes = Vec::with_capacity(count);
        for (j, quote) in raw_quotes.into_iter().enumerate() {
            let Some(&si) = refs.source_ids.get(quote.source.as_str()) else {
                self.at(
                    base,
                    item,
                    &[Step::Key("quotes"), Step::Index(j), Step::Key("source")],
                    format!(
                        "event `{id}`: unknown source `{}` (not in `sources`)",
                        quote.source
                    ),
                );
                continue;
            };
            let Some(source) = &refs.sources[si] else {
                continue;
            };
            if !refs.read[si] {
                continue; // the unreadable file is already reported
            }
            if quote.text.trim().is_empty() {
                self.at(
                    base,
                    item,
                    &[Step::Key("quotes"), Step::Index(j), Step::Key("text")],
                    format!("event `{id}`: quote is empty"),
                );
                continue;
            }
            if self.defer_quotes {
                quotes.push(Quote::new(quote, 0..0));
                continue;
            }
            let from = after[si];
            let found = exact_find(&source.text[from..], &quote.text)
                .map(|r| Ok(r.start + from..r.end + from))
                .unwrap_or_else(|| self.search.quote_in(si, source, &quote.text));
            match found {
                Ok(range) => {
                    after[si] = range.end;
                    quotes.push(Quote::new(quote, range));
                }
                Err(message) => self.at(
                    base,
                    item,
                    &[Step::Key("quotes"), Step::Index(j), Step::Key("text")],
                    format!("event `{id}`: {message}"),
                ),
            }
        }
        match date {
            // A quote of a source with a problem is passed over unfound.
            Some(date) if self.pending.len() == problems && quotes.len() == count => {
                Ok(Box::new(Event::new(event, date, expected, quotes, span)))
            }
            Some(date) => {
                self.failed_dates.insert(item.1, date);
                Err(Some(event.id))
            }
            None => Err(Some(event.id)),
        }
    }
}

impl<'t> Checker<'t> {
    /// Reads and checks the events, on as many threads as the machine has
    /// (up to [`MAX_THREADS`]) when there are enough of them to be worth
    /// it; see [`Checker::read_events_in`].
    fn read_events(
        &mut self,
        raws: &[&'t RawValue],
        refs: &Refs<'_>,
        milestone_events: &KeySet<'_>,
    ) -> Read<'t> {
        // A kept event's quotes are placed where they are first found
        // after the source's previous quote (see [`Checker::event`]): that
        // makes one pass over the file, so a load that places them reads
        // on one thread. Checking alone (found or not) and deferring the
        // quotes to a [`QuoteCheck`] do not depend on the order.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let split = raws.len() >= PARALLEL_FROM && (!self.keep || self.defer_quotes);
        let threads = if split { threads.min(MAX_THREADS) } else { 1 };
        let threads = self.threads.unwrap_or(threads);
        self.read_events_in(raws, refs, milestone_events, threads)
    }

    /// Reads and checks the events in `threads` runs of the list, each on
    /// a thread of its own with a checker of its own; the runs' results
    /// are joined in the file's order. Should any run find a problem, the
    /// events are read again on this thread alone, so that the problems
    /// are exactly those of one pass (the closest-passage budget is spent
    /// in the file's order).
    fn read_events_in(
        &mut self,
        raws: &[&'t RawValue],
        refs: &Refs<'_>,
        milestone_events: &KeySet<'_>,
        threads: usize,
    ) -> Read<'t> {
        if threads <= 1 || raws.len() < 2 {
            return self.read_run(raws, 0, refs, milestone_events);
        }
        let size = raws.len().div_ceil(threads);
        let mut runs: Vec<(Checker<'t>, usize, &[&'t RawValue])> = raws
            .chunks(size)
            .enumerate()
            .map(|(k, run)| {
                (
                    Checker::new(self.text, self.defer_quotes, self.keep),
                    k * size,
                    run,
                )
            })
            .collect();
        let results: Vec<Read<'t>> = std::thread::scope(|scope| {
            let handles: Vec<_> = runs
                .iter_mut()
                .map(|(checker, first, run)| {
                    scope.spawn(move || checker.read_run(run, *first, refs, milestone_events))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        if runs.iter().any(|(c, ..)| !c.pending.is_empty()) {
            return self.read_run(raws, 0, refs, milestone_events);
        }
        // The first run's lists grow to take the others' (a large list
        // grows in place), so its items are not moved again.
        let mut all: Option<Read<'t>> = None;
        for ((checker, ..), read) in runs.into_iter().zip(results) {
            self.orders.extend(checker.orders);
            self.failed_dates.extend(checker.failed_dates);
            self.checked += checker.checked;
            match all.as_mut() {
                None => all = Some(read),
                Some(all) => {
                    all.events.extend(read.events);
                    all.keys.extend(read.keys);
                    all.seen.extend(read.seen);
                }
            }
        }
        all.unwrap_or_default()
    }

    /// Reads and checks a run of the events, the first of which is
    /// `events[first]`: each is read, checked and made in turn, its
    /// strings moved from what the file says into the checked event (or,
    /// when nothing is kept, let go).
    fn read_run(
        &mut self,
        raws: &[&'t RawValue],
        first: usize,
        refs: &Refs<'_>,
        milestone_events: &KeySet<'_>,
    ) -> Read<'t> {
        let text = self.text;
        let mut after = vec![0; refs.sources.len()];
        let kept = if self.keep { raws.len() } else { 0 };
        let mut events: Vec<Slot<'t>> = Vec::with_capacity(kept);
        let mut keys: Vec<u64> = Vec::with_capacity(kept);
        let mut seen: Vec<Seen<'t>> = Vec::with_capacity(raws.len() - kept);
        for (k, raw) in raws.iter().enumerate() {
            if k.is_multiple_of(STREAM_EVERY) {
                self.flush();
            }
            let i = first + k;
            let item = Item("events", i);
            let slot = match self.item::<raw::Event>(raw, || item.to_string()) {
                Some(event) => {
                    let base = offset_in(text, raw.get());
                    let span = base..base + raw.get().len();
                    self.event(event, span, item, refs, &mut after)
                }
                None => Err(None),
            };
            if self.keep {
                // The story sort's key, worked out while the event is at hand.
                keys.push(slot.as_ref().map_or(0, |e| e.date.sort_number()));
                events.push(slot);
                continue;
            }
            seen.push(match slot {
                Ok(e) => {
                    self.checked += 1;
                    if milestone_events.contains(&e.id) {
                        Seen {
                            id: Some(e.id.clone()),
                            date: Some(e.date.clone()),
                            event: Some(e),
                        }
                    } else {
                        Seen {
                            id: Some(e.id),
                            date: Some(e.date),
                            event: None,
                        }
                    }
                }
                Err(id) => Seen {
                    id,
                    date: self.failed_dates.remove(&i),
                    event: None,
                },
            });
        }
        self.flush();
        Read { events, keys, seen }
    }
}

impl Checker<'_> {
    /// The `expected` date of a plan, with its `outcome`; a problem when
    /// either is on another kind of event, when the date does not parse,
    /// or when an `outcome` has no `expected` to be measured against.
    fn expected(&mut self, event: &raw::Event, base: usize, item: Item<'_>) -> Option<Date> {
        let id = event.id.as_str();
        let kind = event.kind.as_str();
        let not_plan = |field: &str| {
            format!(
                "event `{id}`: `{field}` is only for plans (kind `plan`), and this is a `{kind}`"
            )
        };
        if event.outcome.is_some() && event.kind != Kind::Plan {
            self.at(base, item, &[Step::Key("outcome")], not_plan("outcome"));
        } else if event.outcome.is_some() && event.expected.is_none() {
            self.at(
                base,
                item,
                &[Step::Key("outcome")],
                format!(
                    "event `{id}`: an `outcome` needs an `expected` date to be measured against"
                ),
            );
        }
        if event.outcome.as_deref() == Some(id) {
            self.at(
                base,
                item,
                &[Step::Key("outcome")],
                format!(
                    "event `{id}`: `outcome` names the plan itself; it names the event that shows what came of it"
                ),
            );
        }
        let raw = event.expected.as_deref()?;
        if event.kind != Kind::Plan {
            self.at(base, item, &[Step::Key("expected")], not_plan("expected"));
            return None;
        }
        match Date::parse(raw) {
            Ok(d) => Some(d),
            Err(e) => {
                let message = format!("event `{id}`: `expected`: {}", e.message);
                self.at(base, item, &[Step::Key("expected")], message);
                None
            }
        }
    }

    /// Checks what events say of each other, once all are read: each id in
    /// `after` and `outcome` names an event; no `after` contradicts the
    /// dates (an event that certainly ended before the other began); and
    /// the `after`s make no cycle. Costs nothing when no event has either.
    fn check_order<'e>(
        &mut self,
        raws: &[&RawValue],
        events: &[Option<&str>],
        date_of: &dyn Fn(usize) -> Option<&'e Date>,
    ) {
        if self.orders.is_empty() {
            return;
        }
        let orders = std::mem::take(&mut self.orders);
        let text = self.text;
        let ids: Lookup<'_, usize> = events
            .iter()
            .enumerate()
            .filter_map(|(i, id)| id.map(|id| (id, i)))
            .collect();
        // (event, entry of its `after`, the event it is after)
        let mut edges: Vec<(usize, usize, usize)> = Vec::new();
        for order in &orders {
            let i = order.item;
            let base = offset_in(text, raws[i].get());
            let item = Item("events", i);
            let id = events[i].unwrap_or_default();
            for (j, other) in order.after.iter().enumerate() {
                if other == id {
                    continue; // reported with the event
                }
                let at = [Step::Key("after"), Step::Index(j)];
                let Some(&k) = ids.get(other.as_str()) else {
                    let message = format!("event `{id}`: `after` names no event `{other}`");
                    self.at(base, item, &at, message);
                    continue;
                };
                edges.push((i, j, k));
                if let (Some(mine), Some(theirs)) = (&order.date, date_of(k))
                    && mine.certainly_before(theirs)
                {
                    let message = format!(
                        "event `{id}` ({}) cannot be after `{other}` ({}): it ended before that began",
                        mine.display(),
                        theirs.display()
                    );
                    self.at(base, item, &at, message);
                }
            }
            if let Some(outcome) = &order.outcome
                && !ids.contains(outcome.as_str())
            {
                let message = format!("event `{id}`: `outcome` names no event `{outcome}`");
                self.at(base, item, &[Step::Key("outcome")], message);
            }
        }
        let pairs: Vec<(usize, usize)> = edges.iter().map(|&(i, _, k)| (i, k)).collect();
        for cycle in order::cycles(events.len(), &pairs) {
            let (first, next) = (cycle[0], cycle[1 % cycle.len()]);
            let names: Vec<String> = cycle
                .iter()
                .chain(&cycle[..1])
                .map(|&i| format!("`{}`", events[i].unwrap_or_default()))
                .collect();
            let j = edges
                .iter()
                .find(|&&(i, _, k)| i == first && k == next)
                .map_or(0, |&(_, j, _)| j);
            let base = offset_in(text, raws[first].get());
            self.at(
                base,
                Item("events", first),
                &[Step::Key("after"), Step::Index(j)],
                format!("`after` runs in a cycle: {}", names.join(" after ")),
            );
        }
    }
}

/// The id of an event as the loader leaves it, if it could be read.
fn slot_id<'s>(slot: &'s Slot<'_>) -> Option<&'s str> {
    match slot {
        Ok(e) => Some(&e.id),
        Err(id) => id.as_deref(),
    }
}

/// An event as the loader leaves it: checked, or (with problems) its id if
/// it could be read, kept for the check that ids are unique.
type Slot<'t> = Result<Box<Event<'t>>, Option<Str<'t>>>;

impl Checker<'_> {
    /// Checks a dispute: its readings' sources and quotes, its events, and
    /// that it has two readings at least. The checked dispute, if it has
    /// no problem.
    fn dispute(
        &mut self,
        mut dispute: raw::Dispute,
        base: usize,
        item: Item<'_>,
        refs: &Refs<'_>,
        known: &Lookup<'_, Option<&Event>>,
    ) -> Option<Dispute> {
        let problems = self.pending.len();
        let id = dispute.id.to_string();
        if dispute.readings.len() < 2 {
            let n = dispute.readings.len();
            self.at(
                base,
                item,
                &[Step::Key("readings")],
                format!(
                    "dispute `{id}` has {n} reading{}: a dispute sets two readings or more side by side",
                    if n == 1 { "" } else { "s" }
                ),
            );
        }
        let raw_readings = std::mem::take(&mut dispute.readings);
        let mut readings = Vec::with_capacity(raw_readings.len());
        for (j, reading) in raw_readings.into_iter().enumerate() {
            let at = |k| [Step::Key("readings"), Step::Index(j), Step::Key(k)];
            let Some(&si) = refs.source_ids.get(reading.source.as_str()) else {
                self.at(
                    base,
                    item,
                    &at("source"),
                    format!(
                        "dispute `{id}`: unknown source `{}` (not in `sources`)",
                        reading.source
                    ),
                );
                continue;
            };
            let Some(source) = &refs.sources[si] else {
                continue;
            };
            if !refs.read[si] {
                continue; // the unreadable file is already reported
            }
            if reading.quote.trim().is_empty() {
                self.at(
                    base,
                    item,
                    &at("quote"),
                    format!("dispute `{id}`: quote is empty"),
                );
                continue;
            }
            match self.search.quote_in(si, source, &reading.quote) {
                Ok(range) => readings.push(Reading::new(reading, range)),
                Err(message) => {
                    self.at(
                        base,
                        item,
                        &at("quote"),
                        format!("dispute `{id}`: {message}"),
                    );
                }
            }
        }
        for (j, event) in dispute.events.iter().enumerate() {
            if !known.contains(event.as_str()) {
                self.at(
                    base,
                    item,
                    &[Step::Key("events"), Step::Index(j)],
                    format!("dispute `{id}`: unknown event `{event}` (not in `events`)"),
                );
            }
        }
        (self.pending.len() == problems).then(|| Dispute::new(dispute, readings))
    }

    /// Checks a line: its parties, and each milestone's status and event,
    /// which must involve every party of the line. The checked line, if it
    /// has no problem.
    fn line(
        &mut self,
        mut line: raw::Line,
        base: usize,
        item: Item<'_>,
        refs: &Refs<'_>,
        known: &Lookup<'_, Option<&Event>>,
    ) -> Option<Line> {
        let problems = self.pending.len();
        let id = line.id.as_str();
        for (j, code) in line.parties.iter().enumerate() {
            if !refs.countries.contains_key(code) {
                self.at(
                    base,
                    item,
                    &[Step::Key("parties"), Step::Index(j)],
                    format!("line `{id}`: unknown country `{code}` (not in `countries`)"),
                );
            }
        }
        let raw_milestones = std::mem::take(&mut line.milestones);
        let mut milestones = Vec::with_capacity(raw_milestones.len());
        for (j, milestone) in raw_milestones.into_iter().enumerate() {
            let at = |k| [Step::Key("milestones"), Step::Index(j), Step::Key(k)];
            let status = Status::parse(&milestone.status);
            if status.is_none() {
                let allowed: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                self.at(
                    base,
                    item,
                    &at("status"),
                    format!(
                        "line `{id}`: unknown status `{}` (one of {})",
                        milestone.status,
                        allowed.join(", ")
                    ),
                );
            }
            match known.get(milestone.event.as_str()) {
                None => self.at(
                    base,
                    item,
                    &at("event"),
                    format!(
                        "line `{id}`: unknown event `{}` (not in `events`)",
                        milestone.event
                    ),
                ),
                Some(Some(event)) => {
                    let missing: Vec<&str> = line
                        .parties
                        .iter()
                        .filter(|p| !event.parties.iter().any(|q| q == *p))
                        .map(String::as_str)
                        .collect();
                    if !missing.is_empty() {
                        self.at(
                            base,
                            item,
                            &at("event"),
                            format!(
                                "line `{id}`: event `{}` does not involve {} (its parties are {}); a milestone's event has every party of its line",
                                event.id,
                                missing.join(", "),
                                if event.parties.is_empty() {
                                    "none".to_string()
                                } else {
                                    event.parties.join(", ")
                                }
                            ),
                        );
                    }
                }
                Some(None) => {} // the event's own problems are reported
            }
            if let Some(status) = status {
                milestones.push(Milestone::new(milestone, status));
            }
        }
        (self.pending.len() == problems).then(|| Line::new(line, milestones))
    }
}

/// Finding quotes in the sources of one dataset: each source made ready
/// for whitespace-folded search and closest passages once, when a quote is
/// first not found in it as it stands, and one budget for the closest
/// passages of all misquotes, spent in the file's order.
struct QuoteSearch {
    /// Per source, made at its first quote not found as it stands.
    prepared: Vec<Option<Prepared>>,
    /// Bytes left to compare in the search for closest passages.
    passage_budget: usize,
}

impl Default for QuoteSearch {
    fn default() -> QuoteSearch {
        QuoteSearch::new(0)
    }
}

impl QuoteSearch {
    fn new(sources: usize) -> QuoteSearch {
        QuoteSearch {
            prepared: (0..sources).map(|_| None).collect(),
            passage_budget: PASSAGE_BUDGET,
        }
    }

    /// Where `quote` is in the source `si`, or (as the end of a problem's
    /// message) that it is not there, with the closest passage.
    fn quote_in(
        &mut self,
        si: usize,
        source: &Source,
        quote: &str,
    ) -> Result<Range<usize>, String> {
        if let Some(range) = self.find_quote(si, &source.text, quote) {
            return Ok(range);
        }
        let hint = self.hint(si, &source.text, quote);
        Err(format!(
            "quote not found verbatim in source `{}` ({}){hint}",
            source.id, source.file
        ))
    }

    /// Where `quote` is in the source `si` (whose text is `text`): as it
    /// stands, or with whitespace runs folded.
    fn find_quote(&mut self, si: usize, text: &str, quote: &str) -> Option<Range<usize>> {
        exact_find(text, quote).or_else(|| self.prepared(si, text).folded.find(quote))
    }

    /// The closest passage to a misquote of the source `si`, or why there
    /// is none, as the end of the problem's message.
    fn hint(&mut self, si: usize, text: &str, quote: &str) -> String {
        let sentences = self.prepared(si, text).sentences;
        match closest_passage_within(text, sentences, quote, &mut self.passage_budget) {
            Passage::Found(p) => format!("; closest passage: \"{p}\""),
            Passage::Nothing => String::new(),
            Passage::TooLong => format!(
                "; no closest passage: the source is too long to search (over {PASSAGE_QUOTE_CAP} bytes to compare)"
            ),
            Passage::Spent => format!(
                "; no closest passage: earlier misquotes used up the search's budget of {PASSAGE_BUDGET} bytes"
            ),
        }
    }

    fn prepared(&mut self, si: usize, text: &str) -> &Prepared {
        self.prepared[si].get_or_insert_with(|| Prepared {
            folded: Folded::new(text),
            sentences: Sentences::of(text),
        })
    }
}

/// An item of a top-level list, named in problems as `list[index]`.
#[derive(Clone, Copy)]
struct Item<'a>(&'a str, usize);

impl fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

struct Refs<'a> {
    countries: &'a BTreeMap<String, String>,
    sources: &'a [Option<Source>],
    /// Whether each source's file was read.
    read: &'a [bool],
    source_ids: &'a Lookup<'a, usize>,
    people: &'a KeySet<'a>,
    threads: &'a KeySet<'a>,
}

/// The events' quotes of a dataset from [`Dataset::load_unchecked`], still
/// to be found in their sources: the last check of the load, which the
/// interface runs on a worker thread while the timeline is already shown.
/// It keeps the dataset's text, to locate the problems it finds.
pub struct QuoteCheck {
    /// Made only by a load.
    _made_by_load: (),
}

impl fmt::Debug for QuoteCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QuoteCheck")
    }
}

/// What a [`QuoteCheck`] found: where each quote is (in the order of the
/// dataset's events and their quotes; `None` for one not in its source),
/// and the problems, as [`Dataset::load`] reports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotesLocated {
    ranges: Vec<Option<Range<usize>>>,
    pub problems: Vec<Problem>,
}

impl QuotesLocated {
    /// The result of a check that could not run (`why`): no quote located,
    /// and one problem saying so.
    pub fn not_run(file: &str, why: String) -> QuotesLocated {
        QuotesLocated {
            ranges: Vec::new(),
            problems: vec![Problem {
                file: file.to_string(),
                line: 1,
                column: 1,
                path: "$".into(),
                message: format!("the quotes could not be checked: {why}"),
            }],
        }
    }
}

/// How many quotes are looked for between two calls of a check's progress.
const PROGRESS_EVERY: usize = 4096;

impl QuoteCheck {
    /// Finds every event's quote of `data` (the dataset it came with) in
    /// its source. The quotes are grouped by source, and each source's
    /// quotes are looked for in the file's order, each from where the last
    /// one found ended first, as the loader does; the closest passages of
    /// misquotes are then found in the file's order, so the problems and
    /// their words are those of [`Dataset::load`]. `progress(done, total)`
    /// is called every few thousand quotes, and at the end.
    pub fn run(self, data: &Dataset, progress: &mut dyn FnMut(usize, usize)) -> QuotesLocated {
        let events = data.events();
        // The events in the file's order: `events[rank]` in problems.
        let mut order: Vec<u32> = (0..events.len() as u32).collect();
        order.sort_unstable_by_key(|&i| events[i as usize].span().start);
        let mut first = Vec::with_capacity(events.len());
        let mut total = 0;
        for e in events {
            first.push(total);
            total += e.quotes.len();
        }
        // Per source: (rank in the file, event, quote), in the file's order.
        let mut by_source: Vec<Vec<(u32, u32, u32)>> = vec![Vec::new(); data.sources.len()];
        for (rank, &i) in order.iter().enumerate() {
            for (j, q) in events[i as usize].quotes.iter().enumerate() {
                let si = data
                    .source_index(&q.source)
                    .expect("the loader checked every quote's source");
                by_source[si].push((rank as u32, i, j as u32));
            }
        }
        drop(order);
        let mut ranges: Vec<Option<Range<usize>>> = vec![None; total];
        let mut search = QuoteSearch::new(data.sources.len());
        let mut misses = Vec::new();
        let mut done = 0;
        progress(0, total);
        for (si, quotes) in by_source.iter().enumerate() {
            let text = data.sources[si].text();
            let mut after = 0;
            for &(rank, i, j) in quotes {
                let quote = events[i as usize].quotes[j as usize].text.as_str();
                let finder = memmem::Finder::new(quote.as_bytes());
                let at = |from: usize| {
                    finder
                        .find(&text.as_bytes()[from..])
                        .map(|s| from + s..from + s + quote.len())
                };
                let found = at(after)
                    .or_else(|| at(0))
                    .or_else(|| search.prepared(si, text).folded.find(quote));
                match found {
                    Some(r) => {
                        after = r.end;
                        ranges[first[i as usize] + j as usize] = Some(r);
                    }
                    None => misses.push((rank, j, i, si)),
                }
                done += 1;
                if done % PROGRESS_EVERY == 0 {
                    progress(done, total);
                }
            }
        }
        drop(by_source);
        misses.sort_unstable();
        let mut pending = Vec::with_capacity(misses.len());
        for (rank, j, i, si) in misses {
            let event = &events[i as usize];
            let source = &data.sources[si];
            let quote = &event.quotes[j as usize].text;
            let Err(message) = search.quote_in(si, source, quote) else {
                unreachable!("a quote not found is not found again")
            };
            let steps = [
                Step::Key("quotes"),
                Step::Index(j as usize),
                Step::Key("text"),
            ];
            pending.push(Pending {
                offset: value_offset(data.text(), event.span().start, &steps),
                path: format!("events[{rank}].quotes[{j}].text"),
                message: format!("event `{}`: {message}", event.id),
            });
        }
        let problems = problems_at(data.text(), pending, &data.origin().display_name());
        progress(total, total);
        QuotesLocated { ranges, problems }
    }
}

impl Dataset {
    /// Whether every quote's place in its source is known: false from
    /// [`Dataset::load_unchecked`] until [`Dataset::set_located`].
    pub fn quotes_located(&self) -> bool {
        self.quotes_located.load(Ordering::Relaxed)
    }

    /// How many quotes the events have.
    pub fn quote_total(&self) -> usize {
        self.events().iter().map(|e| e.quotes.len()).sum()
    }

    /// Takes in what the [`QuoteCheck`] of this dataset found: each quote
    /// at its place (a quote not found stays at `0..0`). The end of the
    /// load: the dataset is not changed after.
    pub fn set_located(&self, located: &QuotesLocated) {
        let mut ranges = located.ranges.iter();
        for e in self.events() {
            for q in &e.quotes {
                if let Some(Some(r)) = ranges.next() {
                    q.range.set(r.clone());
                }
            }
        }
        self.quotes_located.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a load or a check of `text` on `threads` threads gives: the
    /// events' ids in the story's order (when kept), the problems, and
    /// how many events were checked without one.
    fn read_on(text: &str, threads: usize, keep: bool) -> (Vec<String>, Vec<Problem>, usize) {
        let read = |_: &str| Ok(super::super::synthetic::SOURCE_TEXT.to_string());
        let mut check = Checker::new(text, keep, keep);
        check.threads = Some(threads);
        let data = check.run(&read);
        let ids = data.map_or_else(Vec::new, |(_, events)| {
            events.iter().map(|e| e.id.to_string()).collect()
        });
        let checked = check.checked;
        (ids, check.into_problems("events.json"), checked)
    }

    /// A check gives its problems as it finds them, a batch at a time,
    /// each in the file's order: those before the events, the events'
    /// own a batch every [`STREAM_EVERY`] events, those between items
    /// last. Together they are the problems [`check`] gives. The file is
    /// large enough to be read on several threads first, then again on
    /// one, which is the pass that gives them.
    #[test]
    fn a_check_gives_its_problems_in_batches_as_it_finds_them() {
        let n = PARALLEL_FROM + 3 * STREAM_EVERY;
        let far = 2 * STREAM_EVERY + 7;
        let mut json = super::super::synthetic::dataset_json(n);
        let mut spoil = |event: usize, from: &str, to: &str| {
            let id = format!("\"id\": \"event-{event:07}\"");
            let at = json.find(&id).unwrap();
            let end = at + json[at..].find('\n').unwrap();
            let line = json[at..end].replacen(from, to, 1);
            assert_ne!(line, json[at..end]);
            json.replace_range(at..end, &line);
        };
        spoil(0, "\"derived\"", "\"guessed\"");
        spoil(far, "\"derived\"", "\"guessed\"");
        spoil(n - 1, &format!("event-{:07}", n - 1), "event-0000001");
        let json = json.replacen("\"countries\": {", "\"countries\": {\"Korea\": \"KR\", ", 1);
        let dir = tempfile::tempdir().unwrap();
        let path = super::super::synthetic::write_folder(dir.path(), 0).unwrap();
        std::fs::write(&path, &json).unwrap();

        let mut batches: Vec<Vec<Problem>> = Vec::new();
        let checked = check_streaming(&path, &mut |b| batches.push(b)).unwrap();
        let paths: Vec<Vec<&str>> = batches
            .iter()
            .map(|b| b.iter().map(|p| p.path.as_str()).collect())
            .collect();
        assert_eq!(
            paths,
            [
                vec!["countries.Korea"],
                vec!["events[0].date_basis"],
                vec![format!("events[{far}].date_basis").as_str()],
                vec![format!("events[{}].id", n - 1).as_str()],
            ],
        );
        assert!(
            batches[3][0].message.contains("duplicate id"),
            "{:?}",
            batches[3]
        );
        assert_eq!(checked.problems, 4);
        let all: Vec<Problem> = batches.concat();
        let Err(LoadError::Invalid(sorted)) = check(&path) else {
            panic!("the check finds the problems")
        };
        let mut given = all.clone();
        given.sort_by_key(|p| (p.line, p.column));
        assert_eq!(given, sorted);
        // The countries are on line 4, the first event on line 9.
        assert_eq!(
            sorted.iter().map(|p| p.line).collect::<Vec<_>>(),
            [4, 9, 9 + far, 9 + n - 1]
        );
    }

    #[test]
    fn events_read_on_several_threads_are_those_read_on_one() {
        let good = super::super::synthetic::dataset_json(301);
        // Problems in the first, a middle and the last run.
        let bad = good
            .replacen("\"kind\": \"meeting\"", "\"kind\": \"meting\"", 1)
            .replace("\"id\": \"event-0000150\"", "\"id\": \"event-0000149\"")
            .replace(
                "\"id\": \"event-0000300\",",
                "\"id\": \"event-0000300\", \"after\": [\"nope\"],",
            );
        assert_ne!(bad, good);
        for text in [&good, &bad] {
            for keep in [true, false] {
                let one = read_on(text, 1, keep);
                for threads in [2, 3, 7] {
                    assert_eq!(
                        read_on(text, threads, keep),
                        one,
                        "{threads} threads, keep {keep}"
                    );
                }
                if text == &good {
                    assert!(one.1.is_empty(), "{:?}", one.1);
                    assert_eq!(one.0.len(), if keep { 301 } else { 0 });
                    assert_eq!(one.2, if keep { 0 } else { 301 });
                } else {
                    assert!(one.1.len() >= 3, "{:?}", one.1);
                }
            }
        }
    }

    #[test]
    fn an_event_stays_small() {
        // What every event holds (its rare fields apart) stays small: a
        // million of them are held, and read per view.
        assert!(size_of::<Event>() <= 300, "{}", size_of::<Event>());
    }
}
