//! The dataset file behind the interface: taking in a reloaded dataset (or
//! the problems of a broken save), and asking for an editor on the file.
//!
//! Plain state, like the rest of the app: `e` returns an [`Effect::Edit`],
//! the terminal loop runs the editor and says when it closed; that, or a
//! change seen by the watcher, returns an [`Effect::Load`]; the loop reads
//! the file on a worker thread, and the result comes back as a
//! [`super::Msg::Loaded`]. One load runs at a time: a change while one runs
//! asks for one more after it, and the result of the load it supersedes is
//! dropped, so the last data on screen is always that of the last change.
//!
//! A reload is read as the start reads ([`Dataset::load_unchecked`]): the
//! new data shows once parsed, checked but for its quotes, and sorted, and
//! taking it in returns an [`Effect::Check`] for its quotes (see
//! [`super::check`]), which supersedes any check of the data it replaced.

use std::path::PathBuf;

use crate::model::{Dataset, LoadError, Origin, Problem, QuoteCheck};
use crate::text;

use super::check::Checking;
use super::filter_menu::menu_items;
use super::reader::Reader;
use super::view::{self, View};
use super::{App, CheckRequest, DEFAULT_WIDTH, Effect, Mode};

/// What the terminal loop should open in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRequest {
    /// The dataset file.
    pub file: PathBuf,
    /// The event to put the cursor on.
    pub event_id: String,
    /// Where the event's JSON object starts in the file, in bytes.
    pub offset: Option<usize>,
}

/// Whether the dataset file is being read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// No load is under way.
    Idle,
    /// A load is under way, and its result will be taken.
    Running,
    /// A load is under way, but the files changed after it started: its
    /// result will be dropped and the file read once more.
    RunningThenAgain,
}

/// The status shown for `e` on the dataset built into the program.
pub const EMBEDDED_EDIT: &str = "Editing needs a dataset file: run hotlines FILE";

impl App {
    /// Asks the terminal loop to open the selected event in an editor.
    pub(super) fn request_edit(&mut self) -> Option<Effect> {
        let Origin::File(file) = &self.data.origin() else {
            self.status = Some(EMBEDDED_EDIT.into());
            return None;
        };
        let event = self
            .reader
            .as_ref()
            .filter(|_| self.mode == Mode::Reader)
            .map(|r| r.event)
            .or(self.selected_index())
            .and_then(|i| self.data.events().get(i));
        Some(Effect::Edit(EditRequest {
            file: file.clone(),
            event_id: event.map_or_else(String::new, |e| e.id.to_string()),
            offset: event.map(|e| e.span().start),
        }))
    }

    /// The file changed (or the editor closed): reads it again, or, when a
    /// load is under way, once more after it.
    pub(super) fn want_reload(&mut self) -> Option<Effect> {
        let Origin::File(file) = &self.data.origin() else {
            return None;
        };
        match self.loading {
            Loading::Idle => {
                self.loading = Loading::Running;
                Some(Effect::Load(file.clone()))
            }
            Loading::Running | Loading::RunningThenAgain => {
                self.loading = Loading::RunningThenAgain;
                None
            }
        }
    }

    /// Takes the result of a load: shown (and its quotes' check asked
    /// for), unless the files changed while it ran, in which case it is
    /// dropped and the file read again.
    pub(super) fn loaded(
        &mut self,
        result: Result<(Dataset, Option<QuoteCheck>), LoadError>,
    ) -> Option<Effect> {
        if self.loading == Loading::RunningThenAgain {
            self.loading = Loading::Idle;
            drop(result);
            return self.want_reload();
        }
        self.loading = Loading::Idle;
        self.reloaded(result)
    }

    /// What the header says while the file is read again.
    pub fn loading_status(&self) -> Option<String> {
        if self.loading == Loading::Idle {
            return None;
        }
        let name = match &self.data.origin() {
            Origin::File(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Origin::Embedded => self.data.origin().display_name(),
        };
        Some(format!("Reloading {name}…"))
    }

    /// Takes the result of reloading the dataset file: a new dataset
    /// replaces the old one (and the check of its quotes, if it came with
    /// one, is asked for), or the problems of a broken save are kept (and
    /// shown) while the old data stays on screen, its check (if one runs)
    /// going on.
    pub(super) fn reloaded(
        &mut self,
        result: Result<(Dataset, Option<QuoteCheck>), LoadError>,
    ) -> Option<Effect> {
        self.generation += 1;
        match result {
            Ok((data, check)) => {
                self.replace_dataset(data, check.is_some());
                let check = check?;
                Some(Effect::Check(CheckRequest {
                    id: self.generation,
                    check,
                }))
            }
            Err(LoadError::Invalid(problems)) => {
                self.problems = problems;
                self.check_failed = false;
                self.status = None;
                None
            }
            Err(LoadError::Io { file, message }) => {
                self.problems = vec![Problem {
                    file,
                    line: 1,
                    column: 1,
                    path: "$".into(),
                    message,
                }];
                self.check_failed = false;
                self.status = None;
                None
            }
        }
    }

    /// Replaces the dataset, keeping the selected event by id (or, when it
    /// is gone, the nearest position), the filters that still name
    /// something, the search query, and the reader when its event remains.
    /// With `check`, its quotes are still to be located: the check of this
    /// generation is awaited, and that of the data it replaces, if one
    /// runs, superseded (its messages are dropped).
    fn replace_dataset(&mut self, data: Dataset, check: bool) {
        self.checking = check.then(|| Checking {
            check: self.generation,
            done: 0,
            total: data.quote_total(),
        });
        self.check_failed = false;
        let selected_id = self.selected_event().map(|e| e.id.to_string());
        let old_pos = self.selected;
        let reader = self.reader.as_ref().map(|r| {
            (
                self.data.events()[r.event].id.to_string(),
                r.quote,
                r.scroll,
            )
        });

        // The old dataset goes when the last export writing it is done.
        self.data = std::sync::Arc::new(data);
        self.problems.clear();
        self.filter
            .parties
            .retain(|c| self.data.countries().contains_key(c));
        let data = &self.data;
        self.filter.threads.retain(|t| data.thread(t).is_some());
        self.filter_items = menu_items(&self.data);
        self.filter_cursor = self
            .filter_cursor
            .min(self.filter_items.len().saturating_sub(1));
        self.facts = view::facts(&self.data);
        self.view = View::build(&self.data, &self.facts, &self.filter);

        let kept = selected_id
            .and_then(|id| self.data.event_index(&id))
            .and_then(|i| self.view.position(i));
        let pos = kept.unwrap_or(old_pos.min(self.view.len().saturating_sub(1)));
        if kept.is_none() || pos != old_pos {
            self.details_scroll = 0;
            self.quote = 0;
        }
        self.selected = pos;
        if let Some(e) = self.selected_event() {
            self.quote = self.quote.min(e.quotes.len().saturating_sub(1));
        }
        self.search.origin = self.search.origin.min(self.view.len().saturating_sub(1));
        self.search.recompute(&self.data, &self.view.events);

        self.reader = reader.and_then(|(id, quote, scroll)| {
            let e = self.data.event_index(&id)?;
            let quotes = self.data.events()[e].quotes.len();
            (quotes > 0).then(|| {
                let w = match self.areas.reader_body.width as usize {
                    0 => DEFAULT_WIDTH,
                    w => w,
                };
                let mut r = Reader::new(&self.data, e, quote.min(quotes - 1), w);
                r.scroll = scroll.min(r.lines.len().saturating_sub(1));
                r.to_quote_when_located = false;
                r
            })
        });
        if self.reader.is_none() {
            if self.mode == Mode::Reader {
                self.mode = Mode::Normal;
            }
            if self.help_return == Mode::Reader {
                self.help_return = Mode::Normal;
            }
        }
        self.keep_selection_visible();
        self.status = Some(format!("Reloaded: {} events", self.data.events().len()));
    }

    /// The footer's line while the file on disk is broken: the first
    /// problem (without the file name when it is the dataset file itself),
    /// and how many more there are.
    pub fn problem_status(&self) -> Option<String> {
        let first = self.problems.first()?;
        let dataset = self.data.origin().display_name();
        let place = if first.file == dataset {
            format!("{}:{}", first.line, first.column)
        } else {
            format!("{}:{}:{}", first.file, first.line, first.column)
        };
        let more = match self.problems.len() - 1 {
            0 => String::new(),
            k => format!(" (+{k} more: ? lists them)"),
        };
        let head = if self.check_failed {
            format!("Fails its checks: {place}: {}: ", first.path)
        } else {
            format!("Not reloaded: {place}: {}: ", first.path)
        };
        // Cut the message, not the count, to fit the footer.
        let width = match self.areas.footer.width as usize {
            0 => usize::MAX,
            w => w,
        };
        let room = width.saturating_sub(text::width(&head) + text::width(&more));
        let message = text::truncate(&first.message, room.max(1));
        Some(format!("{head}{message}{more}"))
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde_json::Value;

    use super::*;
    use crate::action::Action;
    use crate::app::Msg;

    fn fixture() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json")
    }

    /// The fixture's JSON, changed by `edit`, loaded as if saved in its place.
    fn saved(edit: impl FnOnce(&mut Value)) -> Result<(Dataset, Option<QuoteCheck>), LoadError> {
        let text = std::fs::read_to_string(fixture()).unwrap();
        let mut json: Value = serde_json::from_str(&text).unwrap();
        edit(&mut json);
        parse(&serde_json::to_string_pretty(&json).unwrap())
    }

    /// As a reload gives it: a dataset checked in full comes with no
    /// check to run.
    fn parse(text: &str) -> Result<(Dataset, Option<QuoteCheck>), LoadError> {
        let dir = fixture().parent().unwrap().to_path_buf();
        let read = |f: &str| std::fs::read_to_string(dir.join(f));
        Dataset::parse(text, Origin::File(fixture()), &read).map(|d| (d, None))
    }

    fn remove_event(json: &mut Value, id: &str) {
        let events = json["events"].as_array_mut().unwrap();
        events.retain(|e| e["id"] != id);
    }

    fn retitle(json: &mut Value, id: &str, title: &str) {
        let events = json["events"].as_array_mut().unwrap();
        let e = events.iter_mut().find(|e| e["id"] == id).unwrap();
        e["title"] = Value::from(title);
    }

    fn app(data: Dataset, w: u16) -> App {
        let mut app = App::new(data);
        app.update(Msg::Resize(w, 24));
        app
    }

    fn select_id(app: &mut App, id: &str) {
        let i = app.data.event_index(id).unwrap();
        let pos = app.view.position(i).unwrap();
        app.select(pos);
    }

    fn id(app: &App) -> &str {
        app.selected_event().map_or("", |e| e.id.as_str())
    }

    /// The footer's message (the painter shows the status first, then the
    /// first problem).
    fn footer(app: &App) -> String {
        app.status
            .clone()
            .or(app.problem_status())
            .unwrap_or_default()
    }

    #[test]
    fn a_reload_keeps_the_selected_event_by_id() {
        let mut app = app(Dataset::load(&fixture()).unwrap(), 120);
        select_id(&mut app, "call-2015");
        let before = app.selected;
        // An earlier event goes away and the selected one is retitled: the
        // selection follows the id, one row up.
        app.update(Msg::Loaded(saved(|j| {
            remove_event(j, "talks-2011");
            retitle(j, "call-2015", "First call, retitled");
        })));
        assert_eq!(id(&app), "call-2015");
        assert_eq!(app.selected, before - 1);
        assert_eq!(app.selected_event().unwrap().title, "First call, retitled");
        // The reloaded events' strings point into the reloaded text, which
        // the new dataset owns: the old one is gone with its text.
        let text = app.data.text();
        let start = text.as_ptr() as usize;
        let title = &app.selected_event().unwrap().title;
        assert!(title.is_borrowed());
        assert!((start..start + text.len()).contains(&(title.as_ptr() as usize)));
        assert_eq!(app.status.as_deref(), Some("Reloaded: 7 events"));
        assert!(app.problems.is_empty());
        assert!(footer(&app).contains("Reloaded: 7 events"));
    }

    #[test]
    fn a_vanished_event_leaves_the_selection_at_the_nearest_position() {
        let mut app = app(Dataset::load(&fixture()).unwrap(), 120);
        select_id(&mut app, "summit-2014");
        let before = app.selected;
        let next = app.data.events()[app.view.events[before + 1] as usize]
            .id
            .to_string();
        app.update(Msg::Loaded(saved(|j| remove_event(j, "summit-2014"))));
        assert_eq!(app.selected, before);
        assert_eq!(id(&app), next);
        // The last event vanishing leaves the new last one selected.
        app.select(usize::MAX);
        let last = id(&app).to_string();
        app.update(Msg::Loaded(saved(|j| {
            remove_event(j, "summit-2014");
            remove_event(j, &last);
        })));
        assert_eq!(app.selected, app.view.len() - 1);
        assert_eq!(app.view.len(), 6);
    }

    #[test]
    fn a_reload_keeps_the_filter_and_the_search() {
        let mut app = app(Dataset::load(&fixture()).unwrap(), 120);
        app.filter.threads.push("kr-cn-hotline".into());
        app.filter.parties.push("KR".into());
        app.search.query = "hotline".into();
        app.update(Msg::Loaded(saved(|j| {
            retitle(j, "call-2015", "Another title")
        })));
        assert_eq!(app.filter.threads, ["kr-cn-hotline"]);
        assert_eq!(app.filter.parties, ["KR"]);
        assert!(app.view.len() < app.data.events().len());
        assert_eq!(app.search.query, "hotline");
        assert!(!app.search.matches.is_empty());
        // A filter naming a thread the new save no longer has is dropped.
        app.update(Msg::Loaded(saved(|j| {
            j["threads"] = Value::Array(Vec::new());
            for e in j["events"].as_array_mut().unwrap() {
                e.as_object_mut().unwrap().remove("thread");
            }
        })));
        assert!(app.filter.threads.is_empty());
        assert_eq!(app.filter.parties, ["KR"]);
    }

    #[test]
    fn a_broken_save_keeps_the_old_data_and_shows_the_first_problem() {
        let mut app = app(Dataset::load(&fixture()).unwrap(), 80);
        select_id(&mut app, "call-2015");
        // A missing comma, and (in another save) two problems at once.
        let text = std::fs::read_to_string(fixture()).unwrap();
        let broken = text.replacen(
            "\"title\": \"First call on the hotline\",",
            "\"title\": \"First call on the hotline\"",
            1,
        );
        let err = parse(&broken).unwrap_err();
        let first = err.problems()[0].clone();
        app.update(Msg::Loaded(Err(err)));
        assert_eq!(app.data.events().len(), 8);
        assert_eq!(id(&app), "call-2015");
        assert_eq!(
            app.selected_event().unwrap().title,
            "First call on the hotline"
        );
        let shown = footer(&app);
        let place = format!(
            "Not reloaded: {}:{}: {}:",
            first.line, first.column, first.path
        );
        assert!(shown.contains(&place), "{shown}");
        // A key press does not hide it while the file stays broken.
        app.update(Action::Down);
        assert!(footer(&app).contains(&place));

        let two = saved(|j| {
            for e in ["call-2015", "open-2015"] {
                let events = j["events"].as_array_mut().unwrap();
                let e = events.iter_mut().find(|x| x["id"] == e).unwrap();
                e["quotes"][0]["text"] = Value::from("words no source has");
            }
        });
        let n = two.as_ref().unwrap_err().problems().len();
        assert!(n >= 2);
        app.update(Msg::Loaded(two));
        let shown = footer(&app);
        assert!(shown.starts_with("Not reloaded: "), "{shown}");
        assert!(
            shown
                .trim_end()
                .ends_with(&format!("(+{} more: ? lists them)", n - 1)),
            "{shown}"
        );
        // The help overlay lists them all.
        app.update(Action::Help);
        let text: Vec<String> = app.help_lines.iter().map(|l| l.to_string()).collect();
        assert!(text[0].contains(&format!("{n} problems")), "{text:?}");

        // A good save again: the problems go, the new data comes.
        app.update(Action::Back);
        let selected = id(&app).to_string();
        app.update(Msg::Loaded(saved(|j| retitle(j, &selected, "Fixed"))));
        assert!(app.problems.is_empty());
        assert_eq!(app.selected_event().unwrap().title, "Fixed");
    }

    #[test]
    fn the_reader_stays_open_on_its_event_or_closes_when_it_is_gone() {
        let mut app = app(Dataset::load(&fixture()).unwrap(), 120);
        select_id(&mut app, "call-2015");
        app.update(Action::Open);
        assert_eq!(app.mode, Mode::Reader);
        app.update(Msg::Loaded(saved(|j| remove_event(j, "talks-2011"))));
        assert_eq!(app.mode, Mode::Reader);
        let r = app.reader.as_ref().unwrap();
        assert_eq!(app.data.events()[r.event].id, "call-2015");
        app.update(Msg::Loaded(saved(|j| remove_event(j, "call-2015"))));
        assert_eq!(app.mode, Mode::Normal);
        assert!(app.reader.is_none());
    }

    #[test]
    fn edit_asks_for_the_file_at_the_selected_event() {
        let mut app = app(Dataset::load(&fixture()).unwrap(), 120);
        select_id(&mut app, "open-2015");
        let effects = app.update(Action::Edit);
        let e = app.data.event("open-2015").unwrap();
        assert_eq!(
            effects,
            [Effect::Edit(EditRequest {
                file: fixture(),
                event_id: "open-2015".into(),
                offset: Some(e.span().start),
            })]
        );
        assert_eq!(app.status, None);
    }

    #[test]
    fn edit_on_the_embedded_dataset_says_it_needs_a_file() {
        let mut app = app(Dataset::embedded().unwrap(), 120);
        assert_eq!(app.update(Action::Edit), []);
        assert_eq!(app.status.as_deref(), Some(EMBEDDED_EDIT));
    }
}
