//! The application state and the one function that changes it.
//!
//! Plain Rust: no terminal, no I/O. Everything that happens is a [`Msg`]
//! (a key becomes an [`Action`] in [`crate::keymap`]); [`App::update`]
//! applies it and returns the [`Effect`]s for the terminal loop to carry
//! out. Views, search results, the layout and each pane's laid-out text are
//! computed here when they change, never while drawing.

pub mod axis;
pub mod board;
pub mod check;
pub mod cite;
pub mod details;
pub mod export;
pub mod file;
pub mod filter_menu;
pub mod goto;
pub mod help;
pub mod incremental_search;
pub mod layout;
pub mod msg;
pub mod reader;
pub mod styled;
pub mod timeline;
pub mod view;
pub mod viewport;

use ratatui::layout::{Position, Rect};

pub use crate::action::{Action, Mode};
use crate::model::{Dataset, Event, Problem};
pub use check::Checking;
use check::LOCATING;

use crate::query::filter::Filter;
use export::ExportPrompt;
pub use file::Loading;
use filter_menu::FilterItem;
use incremental_search::Search;
pub use layout::Areas;
pub use msg::{CheckRequest, Effect, ExportRequest, Msg};
use reader::Reader;
use styled::StyledLine;
use view::{Row, View};

/// Which pane j/k act on in [`Mode::Normal`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Timeline,
    Details,
}

/// What the details pane's text was built from: when any of it changes,
/// the text is built again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DetailsKey {
    event: Option<usize>,
    width: u16,
    query: String,
    quote: usize,
    reasoning_open: bool,
    data: u64,
}

/// What the help overlay's text was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct HelpKey {
    from: Mode,
    width: u16,
    data: u64,
}

/// Rows scrolled by one wheel step.
const WHEEL_STEP: usize = 3;
/// Width the reader is first wrapped to when the layout has no reader pane
/// yet (it is opened from the timeline); `update` rewraps it to the pane.
const DEFAULT_WIDTH: usize = 78;

pub struct App {
    pub data: std::sync::Arc<Dataset>,
    /// Counts the datasets and reload problems taken in, so that text
    /// built from the data knows when to be built again.
    generation: u64,
    pub mode: Mode,
    pub focus: Focus,
    /// What the view needs of each event, measured once per dataset.
    facts: Vec<view::Facts>,
    pub view: View,
    /// The selected event, as a position in `view.events`.
    pub selected: usize,
    /// The event last chosen by a move (an index into the dataset's
    /// events): a filter that hides it and is then taken off brings the
    /// selection back to it.
    anchor: Option<usize>,
    /// The first timeline row shown.
    pub offset: usize,
    /// The quote of the selected event that `y` and the reader use.
    pub quote: usize,
    pub details_scroll: usize,
    /// Whether the details pane shows the date reasoning in full, or
    /// folded to one line.
    pub reasoning_open: bool,
    pub filter: Filter,
    pub filter_items: Vec<FilterItem>,
    pub filter_cursor: usize,
    /// The first row of the filter menu shown.
    pub filter_offset: usize,
    /// The filter menu's rows in view, from `filter_offset` (empty when
    /// the menu is shut), and the row of its cursor.
    pub filter_lines: Vec<StyledLine>,
    pub filter_cursor_row: usize,
    pub search: Search,
    /// The date typed at the `:` prompt.
    pub goto: String,
    /// The `x` prompt: the file to write the view to.
    pub export: ExportPrompt,
    pub reader: Option<Reader>,
    pub help_scroll: usize,
    /// The mode help returns to.
    pub help_return: Mode,
    /// A pending count prefix.
    pub count: Option<u32>,
    pub status: Option<String>,
    /// The problems of the last reload that failed, while the data shown is
    /// the last that loaded; empty otherwise.
    pub problems: Vec<Problem>,
    /// Whether the dataset file is being read again.
    pub loading: Loading,
    /// The quotes checked so far while the dataset's quotes are being
    /// located in their sources (`None` once they are, or when the data
    /// came checked).
    pub checking: Option<Checking>,
    /// Whether `problems` are those of that check (the data shown fails
    /// its checks), not of a reload.
    pub check_failed: bool,
    /// The terminal's size, from the last [`Msg::Resize`].
    pub size: Rect,
    /// Where each pane goes at that size, in this mode and focus.
    pub areas: Areas,
    /// The details pane's text at its width (empty when it is not shown).
    pub details_lines: Vec<StyledLine>,
    details_key: Option<DetailsKey>,
    /// The help overlay's text (empty when it is not shown).
    pub help_lines: Vec<StyledLine>,
    help_key: Option<HelpKey>,
    /// The board of lines: its rows, selection and laid-out text.
    pub board: board::Board,
    /// The timeline's rows in view, from `offset` (empty when the pane is
    /// not shown).
    pub timeline_lines: Vec<StyledLine>,
    /// The time axis: its zoom, pan and lanes, and its binned cells.
    pub axis: axis::Axis,
}

impl App {
    /// The state for a dataset, before the first [`Msg::Resize`] (a
    /// terminal of no size: nothing fits).
    pub fn new(data: Dataset) -> App {
        let filter = Filter::default();
        let facts = view::facts(&data);
        let view = View::build(&data, &facts, &filter);
        let filter_items = filter_menu::menu_items(&data);
        let checking = (!data.quotes_located()).then(|| Checking {
            check: 0,
            done: 0,
            total: data.quote_total(),
        });
        let mut app = App {
            data: std::sync::Arc::new(data),
            generation: 0,
            mode: Mode::Normal,
            focus: Focus::Timeline,
            facts,
            view,
            selected: 0,
            anchor: None,
            offset: 0,
            quote: 0,
            details_scroll: 0,
            reasoning_open: false,
            filter,
            filter_items,
            filter_cursor: 0,
            filter_offset: 0,
            filter_lines: Vec::new(),
            filter_cursor_row: 0,
            search: Search::default(),
            goto: String::new(),
            export: ExportPrompt::default(),
            reader: None,
            help_scroll: 0,
            help_return: Mode::Normal,
            count: None,
            status: None,
            problems: Vec::new(),
            loading: Loading::Idle,
            checking,
            check_failed: false,
            size: Rect::default(),
            areas: Areas::default(),
            details_lines: Vec::new(),
            details_key: None,
            help_lines: Vec::new(),
            help_key: None,
            board: board::Board::default(),
            timeline_lines: Vec::new(),
            axis: axis::Axis::default(),
        };
        app.settle();
        app
    }

    /// The selected event's index in `data.events`.
    pub fn selected_index(&self) -> Option<usize> {
        self.view.events.get(self.selected).map(|&i| i as usize)
    }

    pub fn selected_event(&self) -> Option<&Event<'_>> {
        self.selected_index().map(|i| &*self.data.events()[i])
    }

    /// The one place state changes: applies a message, lays the panes out
    /// again, and returns what the terminal loop should do.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        let effect = match msg.into() {
            Msg::Action(action) => self.act(action),
            Msg::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                None
            }
            Msg::FilesChanged | Msg::EditorClosed => self.want_reload(),
            Msg::Loaded(result) => self.loaded(result),
            Msg::EditorFailed { program, error } => {
                self.status = Some(format!("Cannot run the editor {program}: {error}"));
                None
            }
            Msg::Exported(result) => {
                self.exported(result);
                None
            }
            Msg::ExportWouldReplace(path) => {
                self.export_would_replace(path);
                None
            }
            Msg::CheckProgress { check, done, total } => {
                if let Some(c) = self.checking.as_mut().filter(|c| c.check == check) {
                    (c.done, c.total) = (done, total);
                }
                None
            }
            Msg::Checked { check, located } => {
                self.checked(check, located);
                None
            }
            Msg::Searched(result) => {
                self.searched(result);
                None
            }
        };
        let search = self.search.take_request().map(Effect::Search);
        self.settle();
        effect.into_iter().chain(search).collect()
    }

    fn act(&mut self, action: Action) -> Option<Effect> {
        if let Action::Count(d) = action
            && self.mode != Mode::Search
        {
            if d > 0 || self.count.is_some() {
                let c = self.count.unwrap_or(0).saturating_mul(10) + d as u32;
                self.count = Some(c.min(99_999));
            }
            return None;
        }
        let count = self.count.take();
        let n = count.unwrap_or(1) as usize;
        if !matches!(action, Action::Wheel { .. }) {
            self.status = None;
        }
        if action == Action::ForceQuit {
            return Some(Effect::Quit);
        }
        if action == Action::Suspend {
            return Some(Effect::Suspend);
        }
        match self.mode {
            Mode::Normal => self.update_normal(action, n, count),
            Mode::Search => {
                self.update_search(action);
                None
            }
            Mode::Filter => {
                self.update_filter(action, n);
                None
            }
            Mode::Reader => self.update_reader(action, n),
            Mode::Help => {
                self.update_help(action, n);
                None
            }
            Mode::Board => {
                self.update_board(action, n);
                None
            }
            Mode::Goto => {
                self.update_goto(action);
                None
            }
            Mode::Export => self.update_export(action),
            Mode::Axis => self.update_axis(action, n, count),
        }
    }

    /// Brings everything that depends on the size, the mode, the focus,
    /// the selection and the data up to date: the layout, the reader's
    /// wrapping, each pane's text, and every scroll position (clamped here
    /// and nowhere else).
    fn settle(&mut self) {
        self.areas = layout::areas(
            self.size,
            self.mode,
            self.help_return,
            self.focus,
            self.filter_items.len(),
        );
        let body = self.areas.reader_body;
        if let Some(r) = &mut self.reader {
            if body.width > 0 {
                r.rewrap(&self.data, body.width as usize);
            }
            r.scroll = r
                .scroll
                .min(viewport::max_scroll(r.lines.len(), body.height as usize));
        }
        self.keep_selection_visible();
        self.filter_lines.clear();
        if self.mode == Mode::Filter {
            let row = filter_menu::menu_row(&self.filter_items, self.filter_cursor);
            let h = self.areas.popup_body.height as usize;
            self.filter_offset = viewport::scroll_to(0, row, row, h);
            self.filter_cursor_row = row;
            self.filter_lines = filter_menu::lines(self, self.filter_offset, h);
        }
        let list = self.areas.timeline_list;
        self.timeline_lines = timeline::lines(self, list.width as usize, list.height as usize);
        self.lay_out_details();
        self.lay_out_help();
        self.lay_out_board();
        self.lay_out_axis();
        self.details_scroll = self.details_scroll.min(self.details_max());
        self.help_scroll = self.help_scroll.min(self.help_max());
    }

    /// Builds the details pane's text again if what it shows changed.
    fn lay_out_details(&mut self) {
        let width = self.areas.details_body.width;
        if self.areas.details_body.is_empty() {
            self.details_lines.clear();
            self.details_key = None;
            return;
        }
        let key = DetailsKey {
            event: self.selected_index(),
            width,
            query: self.search.query.clone(),
            quote: self.quote,
            reasoning_open: self.reasoning_open,
            data: self.generation,
        };
        if self.details_key.as_ref() != Some(&key) {
            self.details_lines = details::lines(self, width as usize);
            self.details_key = Some(key);
        }
    }

    /// Builds the help overlay's text again if what it shows changed.
    fn lay_out_help(&mut self) {
        if self.mode != Mode::Help || self.areas.popup.is_empty() {
            self.help_lines.clear();
            self.help_key = None;
            return;
        }
        let key = HelpKey {
            from: self.help_return,
            width: self.areas.popup_body.width,
            data: self.generation,
        };
        if self.help_key.as_ref() != Some(&key) {
            self.help_lines = help::lines(
                self.help_return,
                &self.problems,
                self.check_failed,
                key.width as usize,
            );
            self.help_key = Some(key);
        }
    }

    fn update_normal(&mut self, action: Action, n: usize, count: Option<u32>) -> Option<Effect> {
        let on_timeline = self.focus == Focus::Timeline;
        match action {
            Action::Down | Action::Up | Action::PageDown | Action::PageUp if on_timeline => {
                let page = (self.areas.timeline_list.height as usize).max(1);
                let d = n * if matches!(action, Action::PageDown | Action::PageUp) {
                    page
                } else {
                    1
                };
                let to = if matches!(action, Action::Down | Action::PageDown) {
                    self.selected.saturating_add(d)
                } else {
                    self.selected.saturating_sub(d)
                };
                self.select(to);
            }
            Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
                let page = (self.areas.details_body.height as usize).max(1);
                let d = n * if matches!(action, Action::PageDown | Action::PageUp) {
                    page
                } else {
                    1
                };
                self.details_scroll = if matches!(action, Action::Down | Action::PageDown) {
                    (self.details_scroll + d).min(self.details_max())
                } else {
                    self.details_scroll.saturating_sub(d)
                };
            }
            Action::First | Action::Last if on_timeline => match count {
                Some(c) => self.select(c as usize - 1),
                None if action == Action::First => self.select(0),
                None => self.select(usize::MAX),
            },
            Action::First => self.details_scroll = 0,
            Action::Last => self.details_scroll = self.details_max(),
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::Timeline => Focus::Details,
                    Focus::Details => Focus::Timeline,
                }
            }
            Action::Open => self.open_reader(),
            Action::BoardOpen => self.open_board(),
            Action::SearchStart => {
                self.mode = Mode::Search;
                self.search.restart(self.selected);
            }
            Action::SearchNext | Action::SearchPrev => {
                self.search_step(action == Action::SearchNext, n)
            }
            Action::FilterOpen => {
                self.mode = Mode::Filter;
            }
            Action::FilterClear => {
                self.filter = Filter::default();
                self.refilter();
                self.status = Some("Filters cleared".into());
            }
            Action::GotoStart => {
                self.mode = Mode::Goto;
                self.goto.clear();
            }
            Action::ExportStart => self.start_export(),
            Action::ThreadPrev | Action::ThreadNext => {
                self.thread_step(action == Action::ThreadNext, n)
            }
            Action::ToggleReasoning => self.reasoning_open = !self.reasoning_open,
            Action::Copy => return self.copy(self.selected_index(), self.quote),
            Action::Edit => return self.request_edit(),
            Action::Help => self.open_help(),
            Action::AxisOpen => self.open_axis(),
            Action::Back | Action::Quit if self.focus == Focus::Details => {
                self.focus = Focus::Timeline;
            }
            Action::Back if self.search.is_active() => {
                self.search.restart(0);
                self.status = Some("Search cleared".into());
            }
            Action::Quit => return Some(Effect::Quit),
            Action::Click { col, row } => self.click(col, row),
            Action::Wheel { col, row, down } => self.wheel(col, row, down),
            _ => {}
        }
        None
    }

    fn update_search(&mut self, action: Action) {
        match action {
            Action::SearchChar(c) => {
                self.search.push(c, &self.data, &self.view.events);
                self.follow_search();
            }
            Action::SearchBackspace => {
                self.search.pop(&self.data, &self.view.events);
                if self.search.is_active() {
                    self.follow_search();
                } else {
                    self.select(self.search.origin);
                }
            }
            Action::SearchAccept => {
                self.mode = Mode::Normal;
                if !self.search.is_active() {
                    self.search.restart(0);
                } else if self.search.is_searching() {
                    // The answer selects the first match when it comes.
                } else if self.search.matches.is_empty() {
                    self.status = Some(format!("No match for \"{}\"", self.search.query));
                }
            }
            Action::SearchNext | Action::SearchPrev => {
                self.search_step(action == Action::SearchNext, 1)
            }
            Action::Back => {
                self.mode = Mode::Normal;
                self.search.restart(0);
            }
            Action::Click { col, row } => self.click(col, row),
            Action::Wheel { col, row, down } => self.wheel(col, row, down),
            _ => {}
        }
    }

    fn update_filter(&mut self, action: Action, n: usize) {
        let len = self.filter_items.len();
        let last = len.saturating_sub(1);
        let page = (self.areas.popup_body.height as usize).max(1);
        if let Some(to) = viewport::motion(self.filter_cursor, action, n, page, last, 1) {
            self.filter_cursor = to;
            return;
        }
        match action {
            Action::FilterToggle => {
                if let Some(item) = self.filter_items.get(self.filter_cursor).cloned() {
                    item.toggle(&mut self.filter);
                    self.refilter();
                }
            }
            Action::FilterClear => {
                self.filter = Filter::default();
                self.refilter();
                self.status = Some("Filters cleared".into());
            }
            Action::Back | Action::Quit => self.mode = Mode::Normal,
            _ => {}
        }
    }

    fn update_reader(&mut self, action: Action, n: usize) -> Option<Effect> {
        if matches!(action, Action::ThreadNext | Action::ThreadPrev) {
            self.reader_thread_step(action == Action::ThreadNext, n);
            return None;
        }
        let height = (self.areas.reader_body.height as usize).max(1);
        let Some(r) = &mut self.reader else {
            self.mode = Mode::Normal;
            return None;
        };
        let max = viewport::max_scroll(r.lines.len(), height);
        if let Some(to) = viewport::motion(r.scroll, action, n, height, max, WHEEL_STEP) {
            r.scroll = to;
            return None;
        }
        match action {
            Action::NextQuote | Action::PrevQuote => {
                let count = self.data.events()[r.event].quotes.len().max(1);
                let q = if action == Action::NextQuote {
                    (r.quote + n) % count
                } else {
                    (r.quote + count - n % count) % count
                };
                r.set_quote(&self.data, q);
                r.scroll_to_quote(&self.data, height);
                self.quote = q;
                self.status = Some(format!("Quote {} of {count}", q + 1));
            }
            Action::Copy => {
                let (e, q) = (r.event, r.quote);
                return self.copy(Some(e), q);
            }
            Action::Help => self.open_help(),
            Action::Edit => return self.request_edit(),
            Action::Back | Action::Quit => {
                self.reader = None;
                self.mode = Mode::Normal;
            }
            _ => {}
        }
        None
    }

    fn update_help(&mut self, action: Action, n: usize) {
        let page = (self.areas.popup_body.height as usize).max(1);
        let max = self.help_max();
        if let Some(to) = viewport::motion(self.help_scroll, action, n, page, max, WHEEL_STEP) {
            self.help_scroll = to;
            return;
        }
        match action {
            Action::Back | Action::Help | Action::Quit => self.mode = self.help_return,
            _ => {}
        }
    }

    fn details_max(&self) -> usize {
        viewport::max_scroll(
            self.details_lines.len(),
            self.areas.details_body.height as usize,
        )
    }

    fn help_max(&self) -> usize {
        viewport::max_scroll(self.help_lines.len(), self.areas.popup_body.height as usize)
    }

    fn open_help(&mut self) {
        self.help_return = self.mode;
        self.mode = Mode::Help;
        self.help_scroll = 0;
    }

    /// Selects a view position (clamped); a new event starts at its top.
    pub(crate) fn select(&mut self, pos: usize) {
        let pos = pos.min(self.view.len().saturating_sub(1));
        if pos != self.selected {
            self.selected = pos;
            self.details_scroll = 0;
            self.quote = 0;
        }
        self.anchor = self.selected_index();
        self.keep_selection_visible();
    }

    /// The one scroll clamp of the timeline: the selected row (with its
    /// year heading when there is room) in view, and no empty rows below
    /// the last when the rows could fill the pane. A hidden timeline keeps
    /// its offset until it is shown again.
    fn keep_selection_visible(&mut self) {
        if self.view.is_empty() {
            self.selected = 0;
            self.offset = 0;
            return;
        }
        self.selected = self.selected.min(self.view.len() - 1);
        let target = self.view.event_row[self.selected] as usize;
        let top = self.view.top_row(self.selected);
        let height = self.areas.timeline_list.height as usize;
        if height > 0 {
            let offset = self
                .offset
                .min(viewport::max_scroll(self.view.rows.len(), height));
            self.offset = viewport::scroll_to(offset, top, target, height);
        }
    }

    /// Rebuilds the view after the filter changed, keeping the selected
    /// event (or the next one shown) selected.
    /// Rebuilds the view after the filter changed. The selection stays on
    /// the event last chosen whenever the new view shows it; otherwise it
    /// goes to the first shown event after it (or the last before it).
    fn refilter(&mut self) {
        let event = self.anchor.or(self.selected_index());
        self.view = View::build(&self.data, &self.facts, &self.filter);
        self.offset = 0;
        self.selected = match event {
            Some(e) => self
                .view
                .position_at_or_after(e)
                .min(self.view.len().saturating_sub(1)),
            None => 0,
        };
        self.details_scroll = 0;
        self.quote = 0;
        self.search.origin = 0;
        // The same query over the same data: its matches placed in the new view.
        self.search.place(&self.view.events);
        self.keep_selection_visible();
    }

    fn jump_to_match(&mut self) {
        if let Some(p) = self.search.next_from(self.search.origin, true, true) {
            self.select(p);
        }
    }

    /// After a keystroke: the first match selected, now if the results
    /// are in, or when the worker's answer comes (unless the selection
    /// moved meanwhile).
    fn follow_search(&mut self) {
        if self.search.is_searching() {
            self.search.follow = Some(self.selected);
        } else {
            self.search.follow = None;
            self.jump_to_match();
        }
    }

    /// A worker's answer to a search: taken unless a later keystroke, a
    /// new search or a reload superseded it; then the first match is
    /// selected if the selection has not moved since the keystroke.
    fn searched(&mut self, result: incremental_search::SearchResult) {
        if !self.search.take(result, &self.view.events) {
            return;
        }
        if self.search.follow.take() != Some(self.selected) {
            return;
        }
        self.jump_to_match();
        if self.mode == Mode::Normal && self.search.matches.is_empty() {
            self.status = Some(format!("No match for \"{}\"", self.search.query));
        }
    }

    fn search_step(&mut self, forward: bool, n: usize) {
        if !self.search.is_active() {
            self.status = Some("No search: press / to search".into());
            return;
        }
        if self.search.is_searching() {
            self.status = Some(format!("Searching for \"{}\"…", self.search.query));
            return;
        }
        if self.search.matches.is_empty() {
            self.status = Some(format!("No match for \"{}\"", self.search.query));
            return;
        }
        if let Some(pos) = self.search.nth_from(self.selected, forward, false, n) {
            self.select(pos);
        }
        if let Some(rank) = self.search.rank(self.selected) {
            self.status = Some(format!(
                "Match {rank} of {} for \"{}\"",
                self.search.matches.len(),
                self.search.query
            ));
        }
    }

    fn thread_step(&mut self, forward: bool, n: usize) {
        let Some(idx) = self.selected_index() else {
            return;
        };
        let Some(thread) = self.data.events()[idx].thread.clone() else {
            self.status = Some("This event belongs to no thread".into());
            return;
        };
        let list = self.data.thread_events(&thread);
        let Ok(mut at) = list.binary_search(&idx) else {
            return;
        };
        let mut moved = 0;
        let mut hidden = false;
        while moved < n {
            let next = if forward {
                at.checked_add(1).filter(|&a| a < list.len())
            } else {
                at.checked_sub(1)
            };
            let Some(next) = next else { break };
            at = next;
            if self.view.position(list[at]).is_some() {
                moved += 1;
            } else {
                hidden = true;
            }
        }
        let target = list[at];
        match self.view.position(target) {
            Some(p) if moved > 0 => {
                self.select(p);
                let (pos, len) = self.data.thread_position(target).unwrap_or((0, 0));
                self.status = Some(format!("Thread event {pos} of {len}"));
            }
            _ => {
                self.status = Some(match (hidden, forward) {
                    (true, true) => "The filter hides the later events of this thread".into(),
                    (true, false) => "The filter hides the earlier events of this thread".into(),
                    (false, true) => "This is the last event of its thread".into(),
                    (false, false) => "This is the first event of its thread".into(),
                });
            }
        }
    }

    /// `]`/`[` in the reader: the next (previous) event of the thread,
    /// its quote shown in its article; at either end the reader stays and
    /// the status line says why.
    fn reader_thread_step(&mut self, forward: bool, n: usize) {
        let shown = self
            .reader
            .as_ref()
            .and_then(|r| self.view.position(r.event));
        if let Some(p) = shown {
            self.select(p);
        }
        let before = self.selected_index();
        self.thread_step(forward, n);
        if self.selected_index() != before {
            let status = self.status.take();
            self.open_reader();
            self.status = status;
        }
    }

    fn open_reader(&mut self) {
        let Some(e) = self.selected_index() else {
            self.status = Some("No event to read".into());
            return;
        };
        if self.data.events()[e].quotes.is_empty() {
            self.status = Some("This event quotes no source".into());
            return;
        }
        let w = match self.areas.reader_body.width as usize {
            0 => DEFAULT_WIDTH,
            w => w,
        };
        let height = (self.areas.reader_body.height as usize).max(1);
        let quote = self.quote.min(self.data.events()[e].quotes.len() - 1);
        let mut r = Reader::new(&self.data, e, quote, w);
        r.scroll_to_quote(&self.data, height);
        self.reader = Some(r);
        self.mode = Mode::Reader;
        if self.checking.is_some() {
            self.status = Some(LOCATING.into());
        }
    }

    fn copy(&mut self, event: Option<usize>, quote: usize) -> Option<Effect> {
        let Some(e) = event else {
            self.status = Some("Nothing to copy".into());
            return None;
        };
        let ev = &self.data.events()[e];
        let Some(q) = ev.quotes.get(quote).or(ev.quotes.first()) else {
            self.status = Some("This event quotes no source".into());
            return None;
        };
        let Some(source) = self.data.source(&q.source) else {
            self.status = Some("The quote's source is missing".into());
            return None;
        };
        let citation = cite::citation(q, source);
        self.status = Some("Citation copied".into());
        Some(Effect::Copy(citation))
    }

    fn click(&mut self, col: u16, row: u16) {
        let p = Position::new(col, row);
        if self.areas.timeline_list.contains(p) {
            self.focus = Focus::Timeline;
            let r = self.offset + (row - self.areas.timeline_list.y) as usize;
            if let Some(Row::Event(pos)) = self.view.rows.get(r) {
                self.select(*pos as usize);
            }
        } else if self.areas.timeline.contains(p) {
            self.focus = Focus::Timeline;
        } else if self.areas.details.contains(p) {
            self.focus = Focus::Details;
        }
    }

    fn wheel(&mut self, col: u16, row: u16, down: bool) {
        let p = Position::new(col, row);
        if self.areas.timeline.contains(p) {
            let to = if down {
                self.selected.saturating_add(WHEEL_STEP)
            } else {
                self.selected.saturating_sub(WHEEL_STEP)
            };
            self.select(to);
        } else if self.areas.details.contains(p) {
            self.details_scroll = if down {
                (self.details_scroll + WHEEL_STEP).min(self.details_max())
            } else {
                self.details_scroll.saturating_sub(WHEEL_STEP)
            };
        }
    }
}

#[cfg(test)]
mod tests;
