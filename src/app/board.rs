//! The board of lines (`b`): one row per hotline, sorted by country pair,
//! with the date of each of its milestones in a column per status, its
//! current status in words, and what came of a forecast. j/k choose a
//! line, h/l (or Tab) one of its milestones, Enter goes to that
//! milestone's event in the timeline.
//!
//! A line is shown when the filter shows at least one of its milestones'
//! events (or, with no filter, always); the dates of milestones whose
//! events the filter hides stay, in brackets and dimmed. The rows and
//! their text are laid out in `settle` when the size, the filter, the data
//! or the selection change, never while painting. Where the columns do not
//! fit (below about 100 columns) each line folds to one row: its parties,
//! status word and latest date, with the selected milestone beneath the
//! selected line.

use crate::model::{Dataset, Status, Step, statuses_used};
use crate::query::filter::Filter;
use crate::text::{fit, sanitize_line, width};

use super::styled::{Role, Run, StyledLine, wrapped};
use super::view::View;
use super::{App, Focus, Mode, viewport};

/// The narrowest parties column the full board is drawn with; below it,
/// each line folds to one row.
const MIN_PARTIES: usize = 16;
/// The widest a date column gets.
const MAX_DATE: usize = 22;
/// Width of the field labels in the details beneath the board.
const LABEL: usize = 9;

/// Marks the selected milestone whatever the colours.
pub const STEP_MARK: &str = "▸";

/// What the board says with no line to show.
pub const NO_LINES: &str = "The dataset has no lines.";
pub const NO_MATCH: &str = "No line matches the filter (Esc, then F clears it).";
/// Explains the bracketed dates, under the rows when there are any.
pub const HIDDEN_NOTE: &str = "(date): the filter hides that milestone's event";

/// What the rows were chosen from: when it changes, they are chosen again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RowsKey {
    filter: Filter,
    data: u64,
}

/// What the board's text was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TextKey {
    rows: RowsKey,
    selected: usize,
    step: usize,
    width: u16,
    details_width: u16,
}

/// The board's state and its laid-out text.
#[derive(Debug, Clone, Default)]
pub struct Board {
    /// The lines shown, as positions in [`Dataset::lines`], in the board's
    /// order.
    pub rows: Vec<usize>,
    /// The selected row: a position in `rows`.
    pub selected: usize,
    /// The selected milestone: a position in the selected line's
    /// milestones in the events' order ([`Dataset::line_steps`]); a line
    /// newly selected starts at its latest.
    pub step: usize,
    /// The first laid-out row shown.
    pub offset: usize,
    /// Whether the lines are folded to one row each (too narrow for the
    /// columns).
    pub folded: bool,
    /// The column headings.
    pub head: StyledLine,
    /// The laid-out rows, and for each the row (a position in `rows`) it
    /// belongs to; `None` for the note under them.
    pub lines: Vec<StyledLine>,
    pub line_row: Vec<Option<usize>>,
    /// The selected line's text beneath the board, scrolled to keep the
    /// selected milestone in view.
    pub details: Vec<StyledLine>,
    pub details_scroll: usize,
    /// The details line of the selected milestone.
    details_focus: usize,
    /// All lines in the board's order, for the data of `order_data`.
    order: Vec<usize>,
    order_data: Option<u64>,
    rows_key: Option<RowsKey>,
    text_key: Option<TextKey>,
}

impl Board {
    /// Drops the laid-out text of a board not shown (its rows and
    /// selection stay).
    fn clear_text(&mut self) {
        self.lines.clear();
        self.line_row.clear();
        self.details.clear();
        self.head = StyledLine::default();
        self.text_key = None;
    }

    /// The selected line's position in [`Dataset::lines`].
    pub fn selected_line(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// The laid-out rows of the selected line: the first and the last.
    fn selected_span(&self) -> Option<(usize, usize)> {
        let first = self
            .line_row
            .iter()
            .position(|r| *r == Some(self.selected))?;
        let len = self.line_row[first..]
            .iter()
            .take_while(|r| **r == Some(self.selected))
            .count();
        Some((first, first + len - 1))
    }
}

/// Whether the filter shows a line: it shows one of its milestones'
/// events, or there is no filter.
fn shown(steps: &[Step], view: &View, filter: &Filter) -> bool {
    filter.is_empty() || steps.iter().any(|s| view.position(s.event).is_some())
}

/// A step's date as shown, in brackets when the filter hides its event.
fn date_text(data: &Dataset, view: &View, step: Step) -> (String, bool) {
    let date = data.events()[step.event].date().display();
    if view.position(step.event).is_some() {
        (date, false)
    } else {
        (format!("({date})"), true)
    }
}

/// The role a status word is shown in.
pub fn status_role(s: Status) -> Role {
    match s {
        Status::Opened | Status::Used => Role::Live,
        Status::Proposed | Status::Agreed | Status::Planned => Role::Pending,
        Status::Suspended | Status::Closed => Role::Stopped,
    }
}

/// "Proposed".
fn heading(s: Status) -> String {
    let w = s.as_str();
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl App {
    /// Opens the board on the line last chosen there.
    pub(super) fn open_board(&mut self) {
        self.mode = Mode::Board;
    }

    pub(super) fn update_board(&mut self, action: super::Action, n: usize) {
        use super::Action;
        let len = self.board.rows.len();
        let per = if self.board.folded { 1 } else { 2 };
        let page = (self.areas.board_list.height as usize / per).max(1);
        if let Some(to) = viewport::motion(
            self.board.selected,
            action,
            n,
            page,
            len.saturating_sub(1),
            1,
        ) {
            self.select_board_row(to);
            return;
        }
        match action {
            Action::Left => self.board.step = self.board.step.saturating_sub(n),
            Action::Right => self.board.step = self.board.step.saturating_add(n),
            Action::Open => self.go_to_milestone(),
            Action::Help => self.open_help(),
            Action::Back | Action::Quit => self.mode = Mode::Normal,
            Action::Click { col, row } => {
                let list = self.areas.board_list;
                if list.contains(ratatui::layout::Position::new(col, row)) {
                    let at = self.board.offset + (row - list.y) as usize;
                    if let Some(Some(r)) = self.board.line_row.get(at) {
                        self.select_board_row(*r);
                    }
                }
            }
            _ => {}
        }
    }

    fn select_board_row(&mut self, row: usize) {
        if row != self.board.selected {
            self.board.selected = row;
            self.board.step = usize::MAX;
        }
    }

    /// Enter: the selected milestone's event, selected in the timeline; if
    /// the filter hides it, the board stays and says so.
    fn go_to_milestone(&mut self) {
        let Some(l) = self.board.selected_line() else {
            self.status = Some("No line to go to".into());
            return;
        };
        let line = &self.data.lines()[l];
        let Some(step) = self.data.line_steps(line).get(self.board.step).copied() else {
            self.status = Some("This line has no milestone".into());
            return;
        };
        let Some(pos) = self.view.position(step.event) else {
            self.status =
                Some("The filter hides this milestone's event: F in the timeline clears it".into());
            return;
        };
        let status = format!("{} · {}", sanitize_line(&line.name), step.status.as_str());
        self.mode = Mode::Normal;
        self.focus = Focus::Timeline;
        self.select(pos);
        self.status = Some(status);
    }

    /// Chooses the rows again when the filter or the data changed, lays
    /// the board out again when anything it shows changed, and keeps the
    /// selected line and milestone in view. Only while the board is shown.
    pub(super) fn lay_out_board(&mut self) {
        let on = self.mode == Mode::Board
            || (self.mode == Mode::Help && self.help_return == Mode::Board);
        if !on {
            self.board.clear_text();
            return;
        }
        let rows_key = RowsKey {
            filter: self.filter.clone(),
            data: self.generation,
        };
        if self.board.rows_key.as_ref() != Some(&rows_key) {
            self.choose_rows();
            self.board.rows_key = Some(rows_key.clone());
        }
        let b = &mut self.board;
        b.selected = b.selected.min(b.rows.len().saturating_sub(1));
        let steps = b
            .selected_line()
            .map_or(0, |l| self.data.line_steps(&self.data.lines()[l]).len());
        b.step = b.step.min(steps.saturating_sub(1));
        if self.areas.board.is_empty() {
            b.clear_text();
            return;
        }
        let key = TextKey {
            rows: rows_key,
            selected: b.selected,
            step: b.step,
            width: self.areas.board_list.width,
            details_width: self.areas.board_details_body.width,
        };
        if self.board.text_key.as_ref() != Some(&key) {
            self.lay_out_board_text();
            self.board.text_key = Some(key);
        }
        let b = &mut self.board;
        let h = self.areas.board_list.height as usize;
        let (top, last) = b.selected_span().unwrap_or((0, 0));
        // A window shorter than the line shows its first row.
        let last = last.min(top + h.max(1) - 1);
        b.offset = viewport::scroll_to(
            b.offset.min(viewport::max_scroll(b.lines.len(), h)),
            top,
            last,
            h,
        );
        let dh = self.areas.board_details_body.height as usize;
        b.details_scroll = viewport::scroll_to(
            b.details_scroll
                .min(viewport::max_scroll(b.details.len(), dh)),
            0,
            b.details_focus,
            dh,
        );
    }

    /// The lines the filter shows, in the board's order, keeping the
    /// selected line when it is still shown.
    fn choose_rows(&mut self) {
        let b = &mut self.board;
        let kept = b.selected_line();
        if b.order_data != Some(self.generation) {
            b.order = self.data.board_order();
            b.order_data = Some(self.generation);
        }
        let data = &self.data;
        b.rows = b
            .order
            .iter()
            .copied()
            .filter(|&l| shown(&data.line_steps(&data.lines()[l]), &self.view, &self.filter))
            .collect();
        match kept.and_then(|l| b.rows.iter().position(|&r| r == l)) {
            Some(p) => b.selected = p,
            None => {
                b.selected = b.selected.min(b.rows.len().saturating_sub(1));
                b.step = usize::MAX;
            }
        }
    }

    fn lay_out_board_text(&mut self) {
        let data = &self.data;
        let view = &self.view;
        let b = &self.board;
        let steps: Vec<Vec<Step>> = b
            .rows
            .iter()
            .map(|&l| data.line_steps(&data.lines()[l]))
            .collect();
        let selected_step = steps.get(b.selected).and_then(|s| s.get(b.step)).copied();
        let w = self.areas.board_list.width as usize;
        let layout = Columns::measure(data, view, &b.rows, &steps, w);
        let mut lines = Vec::new();
        let mut line_row = Vec::new();
        let mut hidden = false;
        for (r, &l) in b.rows.iter().enumerate() {
            let sel = (r == b.selected).then_some(selected_step).flatten();
            let rows = if layout.folded {
                layout.folded_rows(data, view, l, &steps[r], r == b.selected, sel)
            } else {
                layout
                    .wide_rows(data, view, l, &steps[r], r == b.selected, sel)
                    .to_vec()
            };
            hidden |= steps[r].iter().any(|s| view.position(s.event).is_none());
            for row in rows {
                lines.push(row);
                line_row.push(Some(r));
            }
        }
        if hidden && !b.rows.is_empty() {
            lines.push(StyledLine::default());
            line_row.push(None);
            lines.push(StyledLine::one(HIDDEN_NOTE, Role::Dim));
            line_row.push(None);
        }
        let head = if b.rows.is_empty() {
            StyledLine::default()
        } else {
            layout.head()
        };
        let dw = self.areas.board_details_body.width as usize;
        let (details, focus) = match b.selected_line() {
            Some(l) if dw > 0 => details(data, view, l, &steps[b.selected], selected_step, dw),
            _ => (Vec::new(), 0),
        };
        let b = &mut self.board;
        b.folded = layout.folded;
        b.head = head;
        b.lines = lines;
        b.line_row = line_row;
        b.details = details;
        b.details_focus = focus;
    }
}

/// The milestone a status column shows for a line (the first whose event
/// the filter shows, else the first), and how many the line has of it.
fn first_of(steps: &[Step], status: Status, view: &View) -> (Option<Step>, usize) {
    let mut of = steps.iter().filter(|s| s.status == status);
    let count = of.clone().count();
    let first = of
        .clone()
        .find(|s| view.position(s.event).is_some())
        .or_else(|| of.next())
        .copied();
    (first, count)
}

/// A cell's text: the date as shown and ` +N` for the others of its status.
fn cell_text(data: &Dataset, view: &View, step: Step, count: usize) -> (String, String, bool) {
    let (date, hidden) = date_text(data, view, step);
    let more = match count {
        0 | 1 => String::new(),
        n => format!(" +{}", n - 1),
    };
    (date, more, hidden)
}

/// The widths of the board's columns at a width.
struct Columns {
    folded: bool,
    /// Columns between two cells (the last holds the milestone mark).
    gap: usize,
    /// Width of the parties (and endpoints) column.
    parties: usize,
    status: usize,
    /// The status columns and their widths (the full board).
    dates: Vec<(Status, usize)>,
    /// Width of the latest date (the folded board; 0: not shown).
    latest: usize,
    /// Width of the endpoints after it (the folded board; 0: not shown).
    ends: usize,
}

impl Columns {
    fn measure(
        data: &Dataset,
        view: &View,
        rows: &[usize],
        steps: &[Vec<Step>],
        w: usize,
    ) -> Columns {
        let status = steps
            .iter()
            .filter_map(|s| s.last())
            .map(|s| s.status.as_str().len())
            .chain([width("Status")])
            .max()
            .unwrap_or(0);
        // Each column as wide as what it shows unselected; a longer date
        // selected in it is cut (the details beneath give it whole).
        let dates: Vec<(Status, usize)> = statuses_used(steps.iter().flatten())
            .into_iter()
            .map(|st| {
                let widest = steps
                    .iter()
                    .filter_map(|line| match first_of(line, st, view) {
                        (Some(s), n) => {
                            let (d, m, _) = cell_text(data, view, s, n);
                            Some(width(&d) + width(&m))
                        }
                        _ => None,
                    })
                    .chain([width(&heading(st))])
                    .max()
                    .unwrap_or(0);
                (st, widest.min(MAX_DATE))
            })
            .collect();
        let widest_party = rows
            .iter()
            .map(|&l| width(&data.line_pair(&data.lines()[l])))
            .chain([width("Parties")])
            .max()
            .unwrap_or(0);
        let cells =
            |gap: usize| 2 + gap + status + dates.iter().map(|(_, c)| gap + c).sum::<usize>();
        if !dates.is_empty() {
            for gap in [2, 1] {
                let parties = w.saturating_sub(cells(gap));
                if parties >= widest_party.min(MIN_PARTIES.max(widest_party.min(24))) {
                    return Columns {
                        folded: false,
                        gap,
                        parties,
                        status,
                        dates,
                        latest: 0,
                        ends: 0,
                    };
                }
            }
        }
        let latest = steps
            .iter()
            .filter_map(|s| s.last())
            .map(|s| width(&date_text(data, view, *s).0))
            .chain([width("Since")])
            .max()
            .unwrap_or(0)
            .min(MAX_DATE);
        let room = w.saturating_sub(2 + 1 + status);
        // The latest date gives way before the parties get too narrow.
        let latest = if room >= latest + 1 + 10.min(widest_party) {
            latest
        } else {
            0
        };
        let room = room.saturating_sub(if latest > 0 { latest + 1 } else { 0 });
        let parties = room.min(widest_party);
        let rest = room - parties;
        let ends = if rest >= 10 { rest - 1 } else { 0 };
        Columns {
            folded: true,
            gap: 1,
            parties: room.saturating_sub(if ends > 0 { ends + 1 } else { 0 }),
            status,
            dates: Vec::new(),
            latest,
            ends,
        }
    }

    fn head(&self) -> StyledLine {
        let gap = " ".repeat(self.gap);
        let mut runs = vec![
            Run::new("  ", Role::Plain),
            Run::new(fit("Parties", self.parties), Role::Label),
            Run::new(gap.clone(), Role::Plain),
            Run::new(fit("Status", self.status), Role::Label),
        ];
        if self.folded {
            if self.latest > 0 {
                runs.push(Run::new(" ", Role::Plain));
                runs.push(Run::new(fit("Since", self.latest), Role::Label));
            }
            if self.ends > 0 {
                runs.push(Run::new(" ", Role::Plain));
                runs.push(Run::new("Ends", Role::Label));
            }
        } else {
            for &(st, c) in &self.dates {
                runs.push(Run::new(gap.clone(), Role::Plain));
                runs.push(Run::new(fit(&heading(st), c), Role::Label));
            }
        }
        StyledLine(runs)
    }

    /// The first runs of a line's row: its mark, parties and status.
    fn lead(&self, data: &Dataset, line: usize, steps: &[Step], selected: bool) -> Vec<Run> {
        let l = &data.lines()[line];
        let mark = if selected { "▶ " } else { "  " };
        let pair = sanitize_line(&data.line_pair(l)).into_owned();
        let (word, role) = match steps.last() {
            Some(s) => (s.status.as_str(), status_role(s.status)),
            None => ("none", Role::Dim),
        };
        vec![
            Run::new(mark, Role::Key),
            Run::new(fit(&pair, self.parties), Role::Title),
            Run::new(" ".repeat(self.gap), Role::Plain),
            Run::new(fit(word, self.status), role),
        ]
    }

    /// Two rows: parties, status and a date per status column; then the
    /// endpoints, and under the plans' column what a forecast expected
    /// and what came of it.
    fn wide_rows(
        &self,
        data: &Dataset,
        view: &View,
        line: usize,
        steps: &[Step],
        selected: bool,
        sel: Option<Step>,
    ) -> [StyledLine; 2] {
        let mut first = self.lead(data, line, steps, selected);
        let mut at = 2 + self.parties + self.gap + self.status;
        let mut plan_at = None;
        for &(st, c) in &self.dates {
            if st == Status::Planned {
                plan_at = Some(at + self.gap);
            }
            at += self.gap + c;
            let (first_shown, count) = first_of(steps, st, view);
            let Some(shown) = sel.filter(|s| s.status == st).or(first_shown) else {
                first.push(Run::new(" ".repeat(self.gap + c), Role::Plain));
                continue;
            };
            let is_sel = sel == Some(shown);
            let (date, more, hidden) = cell_text(data, view, shown, count);
            let role = if is_sel {
                Role::Cursor
            } else if hidden {
                Role::Dim
            } else {
                Role::Base
            };
            let lead = " ".repeat(self.gap - 1);
            let mark = if is_sel { STEP_MARK } else { " " };
            first.push(Run::new(format!("{lead}{mark}"), Role::Key));
            let text = fit(&format!("{date}{more}"), c);
            let used = width(&date) + width(&more);
            if used < c {
                // The cell's style covers the date, not the padding after it.
                let (d, pad) = split_at_width(&text, used);
                first.push(Run::new(d, role));
                first.push(Run::new(pad, Role::Plain));
            } else {
                first.push(Run::new(text, role));
            }
        }
        let l = &data.lines()[line];
        let mut second = vec![
            Run::new("  ", Role::Plain),
            Run::new(fit(&sanitize_line(&l.endpoints), self.parties), Role::Dim),
        ];
        if let (Some(col), Some(e)) = (plan_at, data.line_expectation(steps, sel)) {
            let pad = col.saturating_sub(2 + self.parties);
            second.push(Run::new(" ".repeat(pad), Role::Plain));
            second.push(Run::new(
                format!("expected {} · ", e.expected.display()),
                Role::Dim,
            ));
            second.push(Run::new(e.word(), verdict_role(e.word())));
        }
        [StyledLine(first), StyledLine(second)]
    }

    /// One row: parties, status word, latest date and the endpoints as
    /// room allows; the selected line has a second row with its selected
    /// milestone.
    fn folded_rows(
        &self,
        data: &Dataset,
        view: &View,
        line: usize,
        steps: &[Step],
        selected: bool,
        sel: Option<Step>,
    ) -> Vec<StyledLine> {
        let mut first = self.lead(data, line, steps, selected);
        if self.latest > 0 {
            let (date, hidden) = match steps.last() {
                Some(&last) => date_text(data, view, last),
                None => (String::new(), false),
            };
            first.push(Run::new(" ", Role::Plain));
            first.push(Run::new(
                fit(&date, self.latest),
                if hidden { Role::Dim } else { Role::Base },
            ));
        }
        if self.ends > 0 {
            let ends = sanitize_line(&data.lines()[line].endpoints).into_owned();
            first.push(Run::new(" ", Role::Plain));
            first.push(Run::new(
                crate::text::truncate(&ends, self.ends).into_owned(),
                Role::Dim,
            ));
        }
        let mut out = vec![StyledLine(first)];
        if let (true, Some(step)) = (selected, sel) {
            let k = steps.iter().position(|s| *s == step).unwrap_or(0);
            let (date, hidden) = date_text(data, view, step);
            let mut runs = vec![
                Run::new(format!("    {STEP_MARK} "), Role::Key),
                Run::new(step.status.as_str(), status_role(step.status)),
                Run::new(" ", Role::Plain),
                Run::new(date, if hidden { Role::Dim } else { Role::Cursor }),
                Run::new(format!(" ({} of {})", k + 1, steps.len()), Role::Dim),
            ];
            if let Some(e) = data
                .line_expectation(steps, Some(step))
                .filter(|e| e.step == step)
            {
                runs.push(Run::new(
                    format!(" · expected {} · ", e.expected.display()),
                    Role::Dim,
                ));
                runs.push(Run::new(e.word(), verdict_role(e.word())));
            }
            out.push(StyledLine(runs));
        } else if selected {
            out.push(StyledLine::one("    no milestone", Role::Dim));
        }
        out
    }
}

/// The role of a forecast's verdict word.
fn verdict_role(word: &str) -> Role {
    match word {
        "met" => Role::Live,
        "missed" | "early" => Role::Warning,
        _ => Role::Dim,
    }
}

/// `s` (padded text) split after `cols` columns.
fn split_at_width(s: &str, cols: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        if used >= cols {
            return (s[..i].to_string(), s[i..].to_string());
        }
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    (s.to_string(), String::new())
}

/// The selected line beneath the board: its name, parties, ends and
/// status, each milestone with its date and event (the selected one
/// marked, a forecast under its plan), then its summary. Also the index of
/// the selected milestone's line.
fn details(
    data: &Dataset,
    view: &View,
    line: usize,
    steps: &[Step],
    sel: Option<Step>,
    w: usize,
) -> (Vec<StyledLine>, usize) {
    let l = &data.lines()[line];
    let none = Run::new("", Role::Plain);
    let mut out = wrapped(&l.name, w, none.clone(), none.clone(), Role::Title, None);
    let field = |out: &mut Vec<StyledLine>, label: &str, text: &str| {
        let lead = Run::new(format!("{label:<LABEL$}"), Role::Label);
        let indent = Run::new(" ".repeat(LABEL), Role::Plain);
        out.extend(wrapped(text, w, lead, indent, Role::Base, None));
    };
    let parties: Vec<String> = l
        .parties
        .iter()
        .map(|c| format!("{} ({c})", data.country_name(c)))
        .collect();
    field(&mut out, "Parties", &parties.join(", "));
    field(&mut out, "Ends", &l.endpoints);
    if let Some(&last) = steps.last() {
        let since = data.events()[last.event].date().display();
        field(
            &mut out,
            "Status",
            &format!("{} since {since}", last.status.as_str()),
        );
    }
    let date_w = steps
        .iter()
        .map(|s| width(&data.events()[s.event].date().display()))
        .max()
        .unwrap_or(0);
    let mut focus = 0;
    for &s in steps {
        let e = &data.events()[s.event];
        let is_sel = sel == Some(s);
        if is_sel {
            focus = out.len();
        }
        let mark = if is_sel {
            format!("{STEP_MARK} ")
        } else {
            "  ".into()
        };
        let hidden = view.position(s.event).is_none();
        let mut runs = vec![
            Run::new(mark, Role::Key),
            Run::new(fit(s.status.as_str(), 10), status_role(s.status)),
            Run::new(
                fit(&e.date().display(), date_w),
                if is_sel { Role::Cursor } else { Role::Base },
            ),
            Run::new(" ", Role::Plain),
            Run::new(
                sanitize_line(&e.title).into_owned(),
                if hidden { Role::Dim } else { Role::Base },
            ),
        ];
        if hidden {
            runs.push(Run::new(" (hidden by the filter)", Role::Dim));
        }
        out.push(StyledLine(runs));
        if let Some(x) = data
            .line_expectation(steps, Some(s))
            .filter(|x| x.step == s)
        {
            let mut text = format!("expected {} · ", x.expected.display());
            let outcome = e
                .outcome()
                .and_then(|id| data.event(id))
                .map(|o| format!(": {} ({})", sanitize_line(&o.title), o.date().display()));
            let mut runs = vec![Run::new(" ".repeat(12), Role::Plain)];
            runs.push(Run::new(std::mem::take(&mut text), Role::Dim));
            runs.push(Run::new(x.word(), verdict_role(x.word())));
            if let Some(o) = outcome {
                runs.push(Run::new(o, Role::Dim));
            }
            out.push(StyledLine(runs));
        }
    }
    out.push(StyledLine::default());
    out.extend(wrapped(&l.summary, w, none.clone(), none, Role::Base, None));
    (out, focus)
}

#[cfg(test)]
mod tests;
