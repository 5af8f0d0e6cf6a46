//! The time axis: the shown events as marks along a horizontal line of
//! time, one lane per thread or per country pair.
//!
//! Three stages, each done again only when what it rests on changed:
//!
//! 1. [`Span`]s: each shown event's days (what its date says, its
//!    approximate margins, its open ends) and its lane, built when the
//!    view, the data or the lane mode change. O(events shown).
//! 2. The window: the first day shown and the days per column, from the
//!    zoom level, the width and the selection (kept in view when it moves).
//! 3. The lanes' [`Cell`]s: one per column, binned when the window, the
//!    spans or the size change. O(events shown + lanes × columns): bars,
//!    margins and fades are added to difference arrays, so a long bar
//!    costs two additions whatever its length.
//!
//! The painter (`ui/axis.rs`) maps cells to glyphs and nothing more.

use chrono::{Datelike, NaiveDate};
use ratatui::layout::{Position, Rect};

use super::styled::{Role, Run, StyledLine};
use super::{App, Effect, Focus, Mode};
use crate::action::Action;
use crate::model::{Dataset, Date, Point, Qualifier, Str};
use crate::query::filter::Filter;
use crate::text::{sanitize_line, truncate, width};

/// One event on a single day, or a date narrower than a column.
pub const POINT: &str = "●";
/// The first column of a bar (a month, a year, an interval), or the
/// known start of an open end.
pub const START: &str = "┣";
/// The last column of a bar, and the end of "before X".
pub const END: &str = "┫";
/// The middle of a bar.
pub const BAR: &str = "━";
/// An approximate or uncertain date's margin.
pub const APPROX: &str = "┄";
/// An open start or end, fading out towards the pane's edge.
pub const FADE: &str = "░";
/// Ten or more marks in one cell (two to nine show their count).
pub const MANY: &str = "◆";
/// Under the selected event's mark.
pub const CARET: &str = "▲";

const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// The glyphs and what they mean, for the pane's legend.
pub const LEGEND: &[(&str, &str)] = &[
    (POINT, "a day"),
    ("┣━┫", "a month, year or interval"),
    (APPROX, "approximate or uncertain"),
    (FADE, "open end"),
    ("░┫", "before a date"),
    ("2-9", "events in one cell"),
    (MANY, "ten or more"),
    (CARET, "selected"),
];

/// Days per column of the zoom levels below the whole span: decades,
/// years, quarters, months, weeks, days.
const LADDER: [i64; 12] = [3652, 1826, 730, 365, 182, 91, 61, 30, 14, 7, 3, 1];

/// The widest lane label.
const LABEL_MAX: usize = 18;

/// What the lanes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lanes {
    /// One lane per thread, and one for the events of no thread.
    #[default]
    Thread,
    /// One lane per set of parties (`CN–KR`), whatever their order.
    Pair,
}

impl Lanes {
    pub fn name(self) -> &'static str {
        match self {
            Lanes::Thread => "by thread",
            Lanes::Pair => "by country pair",
        }
    }
}

/// An event's days, as day numbers from the Common Era.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    /// The first and last day its date says (the known end of an open date).
    lo: i64,
    hi: i64,
    /// Days of approximate or uncertain margin before `lo` and after `hi`.
    before: i64,
    after: i64,
    /// `../X` or `/X`: it runs on from earlier (a fade before it).
    open_start: bool,
    /// `X/..` or `X/`: it runs on later (a fade after it).
    open_end: bool,
    lane: u32,
}

impl Span {
    /// Where the event's mark goes: its start, or the end of "before X".
    fn mark_day(&self) -> i64 {
        if self.open_start { self.hi } else { self.lo }
    }
}

/// What a cell shows when no mark is in it, least telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Piece {
    #[default]
    Empty,
    Fade,
    Approx,
    Bar,
    /// The last column of a bar.
    Cap,
}

/// The shape of a mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mark {
    #[default]
    Point,
    Start,
    End,
}

/// One column of one lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cell {
    pub piece: Piece,
    /// How many events have their mark in this cell.
    pub marks: u32,
    /// The first of them: its mark's shape and its view position.
    pub mark: Mark,
    pub event: u32,
}

impl Cell {
    pub fn glyph(self) -> &'static str {
        match self.marks {
            0 => match self.piece {
                Piece::Empty => " ",
                Piece::Fade => FADE,
                Piece::Approx => APPROX,
                Piece::Bar => BAR,
                Piece::Cap => END,
            },
            1 => match self.mark {
                Mark::Point => POINT,
                Mark::Start => START,
                Mark::End => END,
            },
            n @ 2..=9 => DIGITS[n as usize],
            _ => MANY,
        }
    }
}

/// One row of the axis: a lane's label and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    /// Sanitized and cut to the label column.
    pub label: String,
    pub cells: Vec<Cell>,
}

/// Where each part of the axis goes inside its pane. Columns of the
/// ruler, ticks and caret rows line up with the plot's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rects {
    pub ruler: Rect,
    pub ticks: Rect,
    /// The lane labels, with a column for the selection marker first.
    pub labels: Rect,
    /// The lanes' cells: one row per lane, one column per cell.
    pub plot: Rect,
    pub caret: Rect,
    pub info: Rect,
    pub legend: Rect,
}

/// The selected event's place on the axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected {
    /// Its lane's row.
    pub row: u16,
    /// The columns it covers (its margins included), when any is shown.
    pub cols: Option<(u16, u16)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct SpansKey {
    data: u64,
    filter: Filter,
    lanes: Lanes,
    shown: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct GridKey {
    spans: u64,
    start: i64,
    per_col: i64,
    plot: Rect,
    label: u16,
}

/// The time axis's state and laid-out content.
#[derive(Debug, Default)]
pub struct Axis {
    pub lanes_by: Lanes,
    /// Steps zoomed in from the whole span.
    pub zoom: usize,
    /// The first day shown (days from the Common Era), and days per column.
    pub start: i64,
    pub per_col: i64,
    /// The first and last day of the shown events' dates.
    pub first_day: i64,
    pub last_day: i64,
    index: DataIndex,
    spans: Vec<Span>,
    lane_labels: Vec<String>,
    /// The widest lane label, in columns.
    widest_label: usize,
    spans_key: Option<SpansKey>,
    spans_built: u64,
    /// The event the window last made sure to show, and the plot's width
    /// then: when either changes, the window moves to show the selection
    /// (a pan changes neither, so it is not undone).
    followed: Option<(Option<usize>, u16)>,
    pub rects: Rects,
    /// The lanes shown, binned; when there are more lanes than rows, the
    /// last row holds every lane that does not fit.
    pub lanes: Vec<Lane>,
    /// How many lanes the last row holds (0: every lane has its row).
    pub folded: usize,
    grid_key: Option<GridKey>,
    pub ruler: StyledLine,
    pub ticks: StyledLine,
    pub caret: StyledLine,
    pub info: StyledLine,
    pub legend: Vec<StyledLine>,
    pub selected: Option<Selected>,
    pub title: String,
}

/// Years beyond chrono's range (EDTF `Y` years, which have no month or
/// day) sit at its ends.
fn ymd(y: impl Into<i64>, m: u32, d: u32) -> NaiveDate {
    let y = y.into().clamp(-262_000, 262_000) as i32;
    NaiveDate::from_ymd_opt(y, m, d).expect("points are valid dates")
}

fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn first_day(p: Point) -> i64 {
    day(ymd(p.year(), p.month().unwrap_or(1), p.day().unwrap_or(1)))
}

fn last_day(p: Point) -> i64 {
    let y = p.year();
    match (p.month(), p.day()) {
        (Some(m), Some(d)) => day(ymd(y, m, d)),
        (Some(12), None) | (None, _) => day(ymd(y, 12, 31)),
        (Some(m), None) => day(ymd(y, m + 1, 1)) - 1,
    }
}

/// How far an approximate or uncertain point reaches beyond what it says:
/// a week for a day, a month for a month, a year for a year.
fn margin(p: Point) -> i64 {
    if p.qualifier() == Qualifier::None {
        return 0;
    }
    match (p.month(), p.day()) {
        (_, Some(_)) => 7,
        (Some(_), None) => 30,
        _ => 365,
    }
}

fn span(date: &Date, lane: u32) -> Span {
    let (lo_p, hi_p, open_start, open_end) = match (date.start(), date.end()) {
        (Some(s), Some(e)) => (s, e, false, false),
        (None, Some(e)) => (e, e, true, false),
        (Some(s), None) => (s, s, false, true),
        (None, None) => unreachable!("a parsed date has at least one known end"),
    };
    Span {
        lo: first_day(lo_p),
        hi: last_day(hi_p),
        before: margin(lo_p),
        after: margin(hi_p),
        open_start,
        open_end,
        lane,
    }
}

/// `CN–KR`: an event's parties sorted, so that an event of KR and CN and
/// one of CN and KR share a lane.
fn pair_key(parties: &[Str<'_>]) -> String {
    let mut p: Vec<&str> = parties.iter().map(Str::as_str).collect();
    p.sort_unstable();
    p.dedup();
    p.join(crate::model::PARTY_SEPARATOR)
}

/// The zoom levels' days per column for a span of `days` over `cols`
/// columns: the whole span first, then every rung of the ladder finer.
fn levels(days: i64, cols: usize) -> impl Iterator<Item = i64> {
    let whole = (days.max(1) + cols.max(1) as i64 - 1) / cols.max(1) as i64;
    let whole = whole.max(1);
    std::iter::once(whole).chain(LADDER.into_iter().filter(move |&d| d < whole))
}

/// The zoom level's name for a title.
fn zoom_name(per_col: i64) -> &'static str {
    match per_col {
        1826.. => "decades",
        182.. => "years",
        61.. => "quarters",
        14.. => "months",
        3.. => "weeks",
        _ => "days",
    }
}

const MONTH: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn date_of(d: i64) -> NaiveDate {
    let d = d.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
    NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(if d < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// A day as the title writes it at this zoom: a year, or a month and year.
fn when(d: i64, per_col: i64) -> String {
    let date = date_of(d);
    if per_col >= 182 {
        date.year().to_string()
    } else {
        format!("{} {}", MONTH[date.month0() as usize], date.year())
    }
}

/// No lane (no thread, no parties).
const NONE: u32 = u32::MAX;

/// Every event's days and lane keys, built once per dataset the first
/// time the axis is shown: a filter or a lane toggle then only looks up.
#[derive(Debug, Default)]
pub(super) struct DataIndex {
    /// The generation of the data it was built from.
    data: Option<u64>,
    /// Per event of the dataset: its days (the lane unset).
    spans: Vec<Span>,
    /// Per event: its thread's number, or [`NONE`]; and the threads' titles.
    thread: Vec<u32>,
    thread_labels: Vec<String>,
    /// Per event: its country pair's number, or [`NONE`]; and the pairs.
    pair: Vec<u32>,
    pair_labels: Vec<String>,
}

impl DataIndex {
    /// Keys are borrowed from the events; a pair's sorted key is made once
    /// per distinct list of parties as written.
    fn build(data: &Dataset, generation: u64) -> DataIndex {
        use std::collections::HashMap;
        let events = data.events();
        let mut by_thread: HashMap<&str, u32> = HashMap::new();
        let mut by_written: HashMap<&[Str<'_>], u32> = HashMap::new();
        let mut by_pair: HashMap<String, u32> = HashMap::new();
        let mut ix = DataIndex {
            data: Some(generation),
            spans: Vec::with_capacity(events.len()),
            thread: Vec::with_capacity(events.len()),
            pair: Vec::with_capacity(events.len()),
            ..DataIndex::default()
        };
        for e in events {
            ix.spans.push(span(e.date(), 0));
            let thread_labels = &mut ix.thread_labels;
            ix.thread.push(match e.thread.as_deref() {
                None => NONE,
                Some(t) => *by_thread.entry(t).or_insert_with(|| {
                    let title = data.thread(t).map_or(t, |th| th.title.as_str());
                    thread_labels.push(sanitize_line(title).into_owned());
                    thread_labels.len() as u32 - 1
                }),
            });
            let pair_labels = &mut ix.pair_labels;
            ix.pair.push(if e.parties.is_empty() {
                NONE
            } else {
                *by_written.entry(e.parties.as_slice()).or_insert_with(|| {
                    *by_pair.entry(pair_key(&e.parties)).or_insert_with_key(|k| {
                        pair_labels.push(sanitize_line(k).into_owned());
                        pair_labels.len() as u32 - 1
                    })
                })
            });
        }
        ix
    }
}

impl Axis {
    /// Days in the shown events' span.
    fn days(&self) -> i64 {
        self.last_day - self.first_day + 1
    }

    fn cols(&self) -> usize {
        self.rects.plot.width as usize
    }

    /// The column a day falls in (may be off the plot).
    fn col(&self, d: i64) -> i64 {
        (d - self.start).div_euclid(self.per_col.max(1))
    }

    fn levels(&self) -> impl Iterator<Item = i64> {
        levels(self.days(), self.cols())
    }

    /// Days per column at the current zoom (the zoom clamped to the levels
    /// this width has).
    fn resolve_zoom(&mut self) {
        let levels: Vec<i64> = self.levels().collect();
        self.zoom = self.zoom.min(levels.len() - 1);
        self.per_col = levels[self.zoom];
    }

    /// Keeps the window inside the span: the whole span when it fits.
    fn clamp_start(&mut self) {
        let window = self.cols() as i64 * self.per_col;
        self.start = if window >= self.days() {
            self.first_day
        } else {
            self.start.clamp(self.first_day, self.last_day + 1 - window)
        };
    }

    /// Puts a day in the middle column.
    fn centre_on(&mut self, d: i64) {
        self.start = d - (self.cols() as i64 / 2) * self.per_col;
        self.clamp_start();
    }

    /// Builds each shown event's span and lane from the dataset's index:
    /// lanes are numbered in the order they first appear in the view.
    fn build_spans(&mut self, index: &DataIndex, shown: &[u32]) {
        let (of, names) = match self.lanes_by {
            Lanes::Thread => (&index.thread, &index.thread_labels),
            Lanes::Pair => (&index.pair, &index.pair_labels),
        };
        let mut labels: Vec<String> = Vec::new();
        let mut remap = vec![NONE; names.len()];
        let mut rest = false;
        let mut spans: Vec<Span> = Vec::with_capacity(shown.len());
        for &i in shown {
            let mut s = index.spans[i as usize];
            let g = of[i as usize];
            s.lane = if g == NONE {
                rest = true;
                NONE
            } else {
                let l = &mut remap[g as usize];
                if *l == NONE {
                    *l = labels.len() as u32;
                    labels.push(names[g as usize].clone());
                }
                *l
            };
            spans.push(s);
        }
        // Events without a thread (or parties) get their lane last.
        if rest {
            let last = labels.len() as u32;
            labels.push(match self.lanes_by {
                Lanes::Thread => "no thread".into(),
                Lanes::Pair => "no parties".into(),
            });
            for s in spans.iter_mut().filter(|s| s.lane == NONE) {
                s.lane = last;
            }
        }
        self.first_day = spans.iter().map(|s| s.lo).min().unwrap_or(0);
        self.last_day = spans.iter().map(|s| s.hi).max().unwrap_or(0);
        self.widest_label = labels.iter().map(|l| width(l)).max().unwrap_or(0);
        self.spans = spans;
        self.lane_labels = labels;
        self.spans_built += 1;
        self.grid_key = None;
    }

    /// Where the parts go in a pane of `body`, the legend wrapped to it.
    fn lay_out(&mut self, body: Rect) {
        let legend = legend_lines(body.width as usize);
        // By need: a lane, the ruler, the caret, the line naming the
        // selection, the other lanes, the legend, the ticks.
        let mut left = body.height;
        let take = |n: u16, left: &mut u16| {
            let t = n.min(*left);
            *left -= t;
            t
        };
        let first_lane = take(1, &mut left);
        let ruler = take(1, &mut left);
        let caret = take(1, &mut left);
        let info = take(1, &mut left);
        let total = self.lane_labels.len().max(1) as u16;
        let lanes = first_lane + take(total - 1, &mut left);
        // The legend's first lines when not all fit, a row kept for the ticks.
        let legend_rows = take((legend.len() as u16).min(left.saturating_sub(1)), &mut left);
        let ticks = take(1, &mut left);
        let label_w = self
            .widest_label
            .max(if lanes < total { 9 } else { 0 })
            .min(LABEL_MAX)
            .min(body.width as usize / 4) as u16;
        let label_col = if label_w == 0 { 1 } else { label_w + 2 };
        let label_col = label_col.min(body.width);
        let plot_x = body.x + label_col;
        let plot_w = body.width - label_col;
        let row = |y: u16, h: u16, x: u16, w: u16| Rect::new(x, y, w, h);
        let mut y = body.y;
        let ruler_r = row(y, ruler, plot_x, plot_w);
        y += ruler;
        let ticks_r = row(y, ticks, plot_x, plot_w);
        y += ticks;
        let labels = row(y, lanes, body.x, label_col);
        let plot = row(y, lanes, plot_x, plot_w);
        y += lanes;
        let caret_r = row(y, caret, plot_x, plot_w);
        y += caret;
        let info_r = row(y, info, body.x, body.width);
        let legend_r = row(
            body.y + body.height - legend_rows,
            legend_rows,
            body.x,
            body.width,
        );
        self.rects = Rects {
            ruler: ruler_r,
            ticks: ticks_r,
            labels,
            plot,
            caret: caret_r,
            info: info_r,
            legend: legend_r,
        };
        self.legend = legend;
        self.legend.truncate(legend_rows as usize);
    }

    /// Bins every shown event into the lanes' cells.
    fn bin(&mut self) {
        let cols = self.cols();
        let rows = self.rects.plot.height as usize;
        let total = self.lane_labels.len();
        let shown = total.min(rows);
        self.folded = if total > rows && rows > 0 {
            total - rows + 1
        } else {
            0
        };
        let label_w = self.rects.labels.width.saturating_sub(2) as usize;
        let mut lanes: Vec<Lane> = (0..shown)
            .map(|r| {
                let label = if self.folded > 0 && r + 1 == shown {
                    format!("+{} more", self.folded)
                } else {
                    self.lane_labels[r].clone()
                };
                Lane {
                    label: truncate(&label, label_w).into_owned(),
                    cells: vec![Cell::default(); cols],
                }
            })
            .collect();
        self.ruler_lines();
        if cols == 0 || shown == 0 {
            self.lanes = lanes;
            return;
        }
        let (start, per_col) = (self.start, self.per_col.max(1));
        let col = |d: i64| (d - start).div_euclid(per_col);
        // An open end fades out over an eighth of the width: long enough
        // to read as "and on", short enough to leave gaps as gaps.
        let fade = (cols as i64 / 8).max(3);
        // Per lane, four difference arrays (fade, approx, bar, cap) of
        // cols + 1 entries.
        let stride = cols + 1;
        let mut diff = vec![0i32; shown * 4 * stride];
        let last = cols as i64 - 1;
        let mut add = |row: usize, piece: Piece, a: i64, b: i64| {
            let (a, b) = (a.max(0), b.min(last));
            if a <= b {
                let base = (row * 4 + piece as usize - 1) * stride;
                diff[base + a as usize] += 1;
                diff[base + b as usize + 1] -= 1;
            }
        };
        for (pos, s) in self.spans.iter().enumerate() {
            let row = (s.lane as usize).min(shown - 1);
            let (a, b) = (col(s.lo), col(s.hi));
            let from = if s.before > 0 {
                col(s.lo - s.before).min(a - 1)
            } else {
                a
            };
            let to = if s.after > 0 {
                col(s.hi + s.after).max(b + 1)
            } else {
                b
            };
            if from < a {
                add(row, Piece::Approx, from, a - 1);
            }
            if to > b {
                add(row, Piece::Approx, b + 1, to);
            }
            if s.open_start {
                add(row, Piece::Fade, from - fade, from - 1);
            }
            if s.open_end {
                add(row, Piece::Fade, to + 1, to + fade);
            }
            let (at, mark) = if a == b {
                let mark = match (s.open_start, s.open_end) {
                    (true, _) => Mark::End,
                    (_, true) => Mark::Start,
                    _ => Mark::Point,
                };
                (a, mark)
            } else if s.open_start {
                add(row, Piece::Bar, a, b - 1);
                (b, Mark::End)
            } else {
                add(row, Piece::Bar, a + 1, b);
                if !s.open_end {
                    add(row, Piece::Cap, b, b);
                }
                (a, Mark::Start)
            };
            if (0..=last).contains(&at) {
                let cell = &mut lanes[row].cells[at as usize];
                cell.marks += 1;
                if cell.marks == 1 {
                    cell.mark = mark;
                    cell.event = pos as u32;
                }
            }
        }
        for (row, lane) in lanes.iter_mut().enumerate() {
            let mut run = [0i32; 4];
            for (c, cell) in lane.cells.iter_mut().enumerate() {
                for (k, r) in run.iter_mut().enumerate() {
                    *r += diff[(row * 4 + k) * stride + c];
                }
                cell.piece = match run.iter().rposition(|&r| r > 0) {
                    Some(3) => Piece::Cap,
                    Some(2) => Piece::Bar,
                    Some(1) => Piece::Approx,
                    Some(_) => Piece::Fade,
                    None => Piece::Empty,
                };
            }
        }
        self.lanes = lanes;
    }

    /// The ruler's labels (years, or months at fine zooms; each starts at
    /// the column of its first day) and the tick row under them.
    fn ruler_lines(&mut self) {
        let cols = self.cols();
        let mut text = vec![' '; cols];
        let mut ticks = vec!['─'; cols];
        let per_col = self.per_col.max(1);
        let end = self.start + cols as i64 * per_col;
        let (first, last) = (date_of(self.start), date_of(end));
        // Steps in months: the smallest whose labels are six columns apart.
        let step: i32 = [1, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 6000]
            .into_iter()
            .find(|&m| i64::from(m) * 30 >= 6 * per_col)
            .unwrap_or(12_000);
        let mut next_free = 0i64;
        let mut y = first.year();
        let mut m = 0u32;
        if step >= 12 {
            let years = step / 12;
            y -= y.rem_euclid(years);
        }
        while y <= last.year() {
            let d = day(ymd(y, m + 1, 1));
            let c = self.col(d);
            if c >= cols as i64 {
                break;
            }
            if c >= next_free && (0..cols as i64).contains(&c) {
                let label = if m == 0 {
                    y.to_string()
                } else {
                    MONTH[m as usize].to_string()
                };
                let c = c as usize;
                if c + label.len() <= cols {
                    for (i, ch) in label.chars().enumerate() {
                        text[c + i] = ch;
                    }
                    ticks[c] = '┬';
                    next_free = (c + label.len() + 1) as i64;
                }
            }
            let months = m as i32 + step;
            y += months / 12;
            m = (months % 12) as u32;
        }
        self.ruler = StyledLine::one(text.into_iter().collect::<String>(), Role::Label);
        self.ticks = StyledLine::one(ticks.into_iter().collect::<String>(), Role::Dim);
    }

    /// The selected event's row and columns, the caret under it (or an
    /// arrow to the side it is on), the line naming it, and the title.
    fn lay_out_selection(&mut self, data: &Dataset, shown: &[u32], selected: usize) {
        let cols = self.cols() as i64;
        self.selected = None;
        self.caret = StyledLine::default();
        self.info = StyledLine::default();
        let shown_days = (
            self.start.max(self.first_day),
            (self.start + cols * self.per_col - 1).min(self.last_day),
        );
        self.title = format!(
            " Time axis · {} · {}–{} · {} ",
            self.lanes_by.name(),
            when(shown_days.0, self.per_col),
            when(shown_days.1, self.per_col),
            zoom_name(self.per_col)
        );
        let (Some(s), Some(&idx)) = (self.spans.get(selected), shown.get(selected)) else {
            return;
        };
        let row = (s.lane as usize).min(self.lanes.len().saturating_sub(1)) as u16;
        let lo = self.col(s.lo - s.before).min(self.col(s.lo));
        let hi = self.col(s.hi + s.after).max(self.col(s.hi));
        let cols_covered =
            (hi >= 0 && lo < cols).then(|| (lo.max(0) as u16, hi.min(cols - 1) as u16));
        self.selected = Some(Selected {
            row,
            cols: cols_covered.filter(|_| cols > 0),
        });
        let at = self.col(s.mark_day());
        let mut caret = String::new();
        if at < 0 {
            caret.push_str("◀ earlier (h)");
        } else if at >= cols {
            let text = "later (l) ▶";
            let pad = (cols as usize).saturating_sub(width(text));
            caret = format!("{}{text}", " ".repeat(pad));
        } else {
            caret = format!("{}{CARET}", " ".repeat(at as usize));
        }
        self.caret = StyledLine::one(caret, Role::Key);
        let e = &data.events()[idx as usize];
        let mut line = vec![
            Run::new(format!("{CARET} "), Role::Key),
            Run::new(e.date().display(), Role::Label),
            Run::new(" · ", Role::Dim),
            Run::new(sanitize_line(&e.title).into_owned(), Role::Title),
        ];
        let here = self
            .lanes
            .get(row as usize)
            .and_then(|l| l.cells.get(usize::try_from(at).ok()?))
            .map_or(0, |c| c.marks);
        if here > 1 {
            line.push(Run::new(
                format!(" · {here} events in this cell (j/k)"),
                Role::Dim,
            ));
        }
        self.info = StyledLine(line);
    }
}

/// The legend's items, filled into lines of `width` columns.
fn legend_lines(width_cols: usize) -> Vec<StyledLine> {
    let mut out: Vec<StyledLine> = Vec::new();
    let mut line: Vec<Run> = Vec::new();
    let mut used = 0;
    for (glyph, words) in LEGEND {
        let w = width(glyph) + 1 + width(words);
        let gap = if line.is_empty() { 0 } else { 2 };
        if !line.is_empty() && used + gap + w > width_cols {
            out.push(StyledLine(std::mem::take(&mut line)));
            used = 0;
        }
        if !line.is_empty() {
            line.push(Run::new("  ", Role::Plain));
            used += 2;
        }
        line.push(Run::new(*glyph, Role::Key));
        line.push(Run::new(format!(" {words}"), Role::Dim));
        used += w;
    }
    if !line.is_empty() {
        out.push(StyledLine(line));
    }
    out
}

impl App {
    /// Keys in the time axis.
    pub(super) fn update_axis(
        &mut self,
        action: Action,
        n: usize,
        count: Option<u32>,
    ) -> Option<Effect> {
        if matches!(
            action,
            Action::Down | Action::Up | Action::First | Action::Last
        ) {
            // A move shows the selection even when it stays (j on the last).
            self.axis.followed = None;
        }
        match action {
            Action::Down => self.select(self.selected.saturating_add(n)),
            Action::Up => self.select(self.selected.saturating_sub(n)),
            Action::First | Action::Last => match count {
                Some(c) => self.select(c as usize - 1),
                None if action == Action::First => self.select(0),
                None => self.select(usize::MAX),
            },
            Action::Left | Action::Right => self.pan(action == Action::Right, n),
            Action::ZoomIn | Action::ZoomOut => self.zoom(action == Action::ZoomIn, n),
            Action::Lanes => {
                self.axis.lanes_by = match self.axis.lanes_by {
                    Lanes::Thread => Lanes::Pair,
                    Lanes::Pair => Lanes::Thread,
                };
                self.status = Some(format!("Lanes {}", self.axis.lanes_by.name()));
            }
            Action::Open => {
                if self.view.is_empty() {
                    self.status = Some("No event selected".into());
                } else {
                    self.mode = Mode::Normal;
                    self.focus = Focus::Details;
                }
            }
            Action::Help => self.open_help(),
            Action::Back | Action::Quit => {
                self.mode = Mode::Normal;
                self.focus = Focus::Timeline;
            }
            Action::Click { col, row } => self.click_axis(col, row),
            Action::Wheel { down, .. } => self.pan(down, 1),
            _ => {}
        }
        None
    }

    /// `t`: the axis, showing the selected event.
    pub(super) fn open_axis(&mut self) {
        self.mode = Mode::Axis;
        self.axis.followed = None;
    }

    fn pan(&mut self, later: bool, n: usize) {
        if self.view.is_empty() {
            return;
        }
        let a = &mut self.axis;
        let step = (a.cols() as i64 / 4).max(1) * a.per_col.max(1);
        let by = step.saturating_mul(n.min(100_000) as i64);
        let before = a.start;
        a.start = if later {
            a.start.saturating_add(by)
        } else {
            a.start.saturating_sub(by)
        };
        a.clamp_start();
        if a.start == before {
            self.status = Some(if a.zoom == 0 {
                "The whole span is shown: + zooms in".into()
            } else if later {
                "This is the end of the span".into()
            } else {
                "This is the start of the span".into()
            });
        }
    }

    fn zoom(&mut self, inward: bool, n: usize) {
        if self.view.is_empty() || self.axis.cols() == 0 {
            return;
        }
        let a = &mut self.axis;
        let top = a.levels().count() - 1;
        let to = if inward {
            a.zoom.saturating_add(n).min(top)
        } else {
            a.zoom.saturating_sub(n)
        };
        if to == a.zoom {
            self.status = Some(if inward {
                "Zoomed in as far as it goes: a day per column".into()
            } else {
                "The whole span is shown".into()
            });
            return;
        }
        a.zoom = to;
        a.resolve_zoom();
        if let Some(s) = a.spans.get(self.selected) {
            let d = s.mark_day();
            a.centre_on(d);
        }
    }

    fn click_axis(&mut self, col: u16, row: u16) {
        let plot = self.axis.rects.plot;
        if !plot.contains(Position::new(col, row)) {
            return;
        }
        let cell = self
            .axis
            .lanes
            .get((row - plot.y) as usize)
            .and_then(|l| l.cells.get((col - plot.x) as usize))
            .copied()
            .unwrap_or_default();
        if cell.marks > 0 {
            self.select(cell.event as usize);
            if cell.marks > 1 {
                self.status = Some(format!(
                    "{} events in this cell: j/k step through them",
                    cell.marks
                ));
            }
        }
    }

    /// Lays the axis out when it is shown: spans when the view changed,
    /// the window, the cells when the window changed, the selection.
    pub(super) fn lay_out_axis(&mut self) {
        let base = if self.mode == Mode::Help {
            self.help_return
        } else {
            self.mode
        };
        let body = self.areas.axis_body;
        let a = &mut self.axis;
        if base != Mode::Axis || body.is_empty() {
            a.rects = Rects::default();
            a.lanes.clear();
            a.grid_key = None;
            return;
        }
        let fresh = a.spans_key.as_ref().is_some_and(|k| {
            k.data == self.generation
                && k.filter == self.filter
                && k.lanes == a.lanes_by
                && k.shown == self.view.len()
        });
        if !fresh {
            if a.index.data != Some(self.generation) {
                a.index = DataIndex::build(&self.data, self.generation);
            }
            let index = std::mem::take(&mut a.index);
            a.build_spans(&index, &self.view.events);
            a.index = index;
            a.spans_key = Some(SpansKey {
                data: self.generation,
                filter: self.filter.clone(),
                lanes: a.lanes_by,
                shown: self.view.len(),
            });
            a.followed = None;
        }
        a.lay_out(body);
        a.resolve_zoom();
        a.clamp_start();
        let selected = self.view.events.get(self.selected).map(|&i| i as usize);
        let follow = Some((selected, a.rects.plot.width));
        if follow != a.followed {
            if let Some(s) = a.spans.get(self.selected) {
                let at = a.col(s.mark_day());
                if !(0..a.cols() as i64).contains(&at) {
                    a.centre_on(s.mark_day());
                }
            }
            a.followed = follow;
        }
        let key = GridKey {
            spans: a.spans_built,
            start: a.start,
            per_col: a.per_col,
            plot: a.rects.plot,
            label: a.rects.labels.width,
        };
        if a.grid_key != Some(key) {
            a.bin();
            a.grid_key = Some(key);
        }
        a.lay_out_selection(&self.data, &self.view.events, self.selected);
    }
}

#[cfg(test)]
mod tests;
