//! Event dates in Extended Date/Time Format (EDTF, ISO 8601-2), levels 0 and 1.
//!
//! Accepted forms, nothing else:
//!
//! - a single date: `2015-02-04` (day), `2014-07` (month), `2013` (year), years `0000..=9999`;
//! - a negative (BCE) year of four digits, to the day: `-0300`, `-0044-03-15`; shown as
//!   `300 BCE`, `15 Mar 44 BCE` (year `-N` is N BCE, as TimelineJS shows it: no year zero
//!   shift);
//! - a year of more than four digits, EDTF level 1's `Y` form, year alone: `Y170002`,
//!   `Y-13800000000` (at most eleven digits), shown with thousands separated:
//!   `170,002`, `13,800,000,000 BCE`;
//! - an interval of two dates of any precision: `1950/1953`, `2015-01/2015-06`, `2015-01-01/2015-06-30`;
//! - an interval with one open end (`../2012-07-31`, `2012/..`) or one unknown end
//!   (`/2015`, `2015/`); at least one end must be a date;
//! - a qualifier after a whole date or an interval end: `?` uncertain, `~` approximate,
//!   `%` both (`2015-11~`, `2011?`, `2004-06%`, `2015-11~/2016`).
//!
//! Dates must exist (`2015-02-29` is rejected, `2016-02-29` accepted), and an interval must
//! not end before it starts.
//!
//! The `edtf` crate is not used: its level 1 parser also accepts seasons, `X` masks and
//! date-times, does not check that an interval is in order, and reports failures only as
//! "invalid" or "out of range".
//!
//! Days are compared as (year, month, day) keys ([`DayKey`]), so years beyond what
//! `chrono` holds (about 262,000 either side) still sort and compare; the
//! [`NaiveDate`]s that [`Date::earliest`] and [`Date::latest`] give are clamped to
//! chrono's range.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

/// A validated EDTF date or interval.
///
/// `Display` writes the canonical EDTF string (which is the accepted input, unchanged);
/// [`Date::display`] gives the human form shown in the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    repr: Repr,
}

/// What a [`Date`] says, from most to least precise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A single day: `2015-02-04`.
    Day,
    /// A single month: `2014-07`.
    Month,
    /// A single year: `2013`.
    Year,
    /// An interval with both ends known: `1950/1953`.
    Interval,
    /// An interval with one end open or unknown: `../2012-07-31`, `2015/`.
    Open,
}

impl Precision {
    /// The precision in words ("day", "open interval").
    pub fn name(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Interval => "interval",
            Precision::Open => "open interval",
        }
    }
}

/// The EDTF qualifier of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// No qualifier.
    None,
    /// `?`: the source is not sure of the date.
    Uncertain,
    /// `~`: the date is approximate.
    Approximate,
    /// `%`: both uncertain and approximate.
    Both,
}

/// Why a string is not an accepted date, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Repr {
    Single(Point),
    Interval(Bound, Bound),
}

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Bound {
    Known(Point),
    /// `..`: the interval runs on without limit.
    Open,
    /// empty: the end exists but is not known.
    Unknown,
}

/// A validated year, year-month or year-month-day, with its qualifier: a
/// single date, or one known end of an interval ([`Date::start`],
/// [`Date::end`]). `month` and `day` are 0 when absent. The year is held in
/// 40 bits (`year_hi` and `year_lo`) so that a [`Date`] stays 16 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Point {
    year_lo: u32,
    year_hi: i8,
    month: u8,
    day: u8,
    qualifier: Qualifier,
}

/// A day as an ordered key: (year, month, day), month and day counted from 1.
/// Orders days of any year, including those beyond chrono's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayKey {
    pub year: i64,
    pub month: u8,
    pub day: u8,
}

/// The largest year magnitude accepted: eleven digits.
pub const MAX_YEAR: i64 = 99_999_999_999;

/// The years chrono's `NaiveDate` holds, with a margin.
const CHRONO_YEARS: std::ops::RangeInclusive<i64> = -262_000..=262_000;

/// A year as people read it: `2015`, `300 BCE`, `170,002`,
/// `13,800,000,000 BCE`. Year `-N` is N BCE.
pub fn year_text(year: i64) -> String {
    let n = year.unsigned_abs();
    let digits = n.to_string();
    let grouped = if n >= 10_000 {
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        digits
    };
    if year < 0 {
        format!("{grouped} BCE")
    } else {
        grouped
    }
}

const FORMS: &str = "expected EDTF like 2015-02-04, 2014-07, 2013, 1950/1953 or ../2012-07-31";

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTH_NAME: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn error(message: String) -> DateError {
    DateError { message }
}

fn shape_error(input: &str) -> DateError {
    error(format!("{FORMS}, found {input:?}"))
}

fn is_leap(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

impl Qualifier {
    fn from_char(c: u8) -> Option<Qualifier> {
        match c {
            b'?' => Some(Qualifier::Uncertain),
            b'~' => Some(Qualifier::Approximate),
            b'%' => Some(Qualifier::Both),
            _ => None,
        }
    }

    fn edtf(self) -> &'static str {
        match self {
            Qualifier::None => "",
            Qualifier::Uncertain => "?",
            Qualifier::Approximate => "~",
            Qualifier::Both => "%",
        }
    }

    fn union(self, other: Qualifier) -> Qualifier {
        use Qualifier::*;
        match (self, other) {
            (None, q) | (q, None) => q,
            (Uncertain, Uncertain) => Uncertain,
            (Approximate, Approximate) => Approximate,
            _ => Both,
        }
    }
}

/// Why a piece of text is not a [`Point`].
enum PointError {
    /// Not of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with an optional qualifier.
    Shape,
    /// Well formed, but no such month or day; the message names the fault.
    NotReal(String),
}

impl Point {
    fn new(year: i64, month: u8, day: u8, qualifier: Qualifier) -> Point {
        Point {
            // The low 32 bits and the rest: years are within 40 bits.
            year_lo: year as u32,
            year_hi: (year >> 32) as i8,
            month,
            day,
            qualifier,
        }
    }

    /// The year: negative for BCE (`-300` is 300 BCE), of up to eleven digits.
    pub fn year(self) -> i64 {
        (i64::from(self.year_hi) << 32) | i64::from(self.year_lo)
    }

    /// The month (1 to 12), when the point gives one.
    pub fn month(self) -> Option<u32> {
        (self.month != 0).then_some(u32::from(self.month))
    }

    /// The day of the month, when the point gives one.
    pub fn day(self) -> Option<u32> {
        (self.day != 0).then_some(u32::from(self.day))
    }

    /// The day, when the point is precise to a day.
    pub fn as_day(self) -> Option<NaiveDate> {
        (self.day != 0 && CHRONO_YEARS.contains(&self.year()))
            .then(|| Point::date(self.earliest_key()))
    }

    /// The point's qualifier (`~`, `?`, `%`, or none).
    pub fn qualifier(self) -> Qualifier {
        self.qualifier
    }

    /// True when the point has no qualifier.
    fn is_exact(self) -> bool {
        self.qualifier == Qualifier::None
    }

    fn parse(s: &str) -> Result<Point, PointError> {
        let bytes = s.as_bytes();
        let (body, qualifier) = match bytes.last().copied().and_then(Qualifier::from_char) {
            Some(q) => (&bytes[..bytes.len() - 1], q),
            None => (bytes, Qualifier::None),
        };
        let number = |part: &[u8]| -> Option<i64> {
            if !part.is_empty() && part.iter().all(u8::is_ascii_digit) {
                Some(part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
            } else {
                None
            }
        };
        // `Y170002`, `Y-13800000000`: more than four digits, no leading zero,
        // the year alone.
        if let Some(rest) = body.strip_prefix(b"Y") {
            let (negative, digits) = match rest.strip_prefix(b"-") {
                Some(d) => (true, d),
                None => (false, rest),
            };
            if !(5..=11).contains(&digits.len()) || digits[0] == b'0' {
                return Err(PointError::Shape);
            }
            let year = number(digits).ok_or(PointError::Shape)?;
            let year = if negative { -year } else { year };
            return Ok(Point::new(year, 0, 0, qualifier));
        }
        let (negative, core) = match body.strip_prefix(b"-") {
            Some(c) => (true, c),
            None => (false, body),
        };
        let digits = |range: std::ops::Range<usize>| core.get(range).and_then(number);
        let (year, month, day) = match core.len() {
            4 => (digits(0..4), Some(0), Some(0)),
            7 if core[4] == b'-' => (digits(0..4), digits(5..7), Some(0)),
            10 if core[4] == b'-' && core[7] == b'-' => (digits(0..4), digits(5..7), digits(8..10)),
            _ => return Err(PointError::Shape),
        };
        let (Some(year), Some(month), Some(day)) = (year, month, day) else {
            return Err(PointError::Shape);
        };
        // There is no year minus zero.
        if negative && year == 0 {
            return Err(PointError::Shape);
        }
        let year = if negative { -year } else { year };
        // Both fit in a u8: they are two decimal digits.
        let (month, day) = (month as u8, day as u8);
        let text = std::str::from_utf8(body).unwrap_or(s);
        if core.len() >= 7 && !(1..=12).contains(&month) {
            return Err(PointError::NotReal(format!(
                "{text} is not a real date (months run from 01 to 12)"
            )));
        }
        if core.len() == 10 {
            let last = days_in_month(year, month);
            if day == 0 {
                return Err(PointError::NotReal(format!(
                    "{text} is not a real date (days start at 01)"
                )));
            }
            if day > last {
                let name = MONTH_NAME[usize::from(month - 1)];
                let year = year_text(year);
                return Err(PointError::NotReal(format!(
                    "{text} is not a real date ({name} {year} has {last} days)"
                )));
            }
        }
        Ok(Point::new(year, month, day, qualifier))
    }

    fn precision(self) -> Precision {
        if self.day != 0 {
            Precision::Day
        } else if self.month != 0 {
            Precision::Month
        } else {
            Precision::Year
        }
    }

    /// The day as chrono holds it, clamped to chrono's range.
    fn date(key: DayKey) -> NaiveDate {
        if key.year < *CHRONO_YEARS.start() {
            return NaiveDate::MIN;
        }
        if key.year > *CHRONO_YEARS.end() {
            return NaiveDate::MAX;
        }
        // Within CHRONO_YEARS, so within an i32.
        NaiveDate::from_ymd_opt(key.year as i32, u32::from(key.month), u32::from(key.day))
            .expect("points are validated when parsed")
    }

    fn earliest_key(self) -> DayKey {
        DayKey {
            year: self.year(),
            month: self.month.max(1),
            day: self.day.max(1),
        }
    }

    fn latest_key(self) -> DayKey {
        let month = if self.month == 0 { 12 } else { self.month };
        let day = if self.day == 0 {
            days_in_month(self.year(), month)
        } else {
            self.day
        };
        DayKey {
            year: self.year(),
            month,
            day,
        }
    }

    fn earliest(self) -> NaiveDate {
        Point::date(self.earliest_key())
    }

    fn latest(self) -> NaiveDate {
        Point::date(self.latest_key())
    }

    /// `4 Feb`, `Feb` or empty: the part of the human form before the year.
    fn day_month(self) -> String {
        match self.precision() {
            Precision::Day => format!("{} {}", self.day, MONTH_ABBR[usize::from(self.month - 1)]),
            Precision::Month => MONTH_ABBR[usize::from(self.month - 1)].to_string(),
            _ => String::new(),
        }
    }

    /// `4 Feb 2015`, `Jul 2014`, `2013`, with `c. ` before when approximate and `?` after
    /// when uncertain.
    fn human(self) -> String {
        let year = year_text(self.year());
        let plain = match self.precision() {
            Precision::Year => year,
            _ => format!("{} {year}", self.day_month()),
        };
        match self.qualifier {
            Qualifier::None => plain,
            Qualifier::Uncertain => format!("{plain}?"),
            Qualifier::Approximate => format!("c. {plain}"),
            Qualifier::Both => format!("c. {plain}?"),
        }
    }
}

impl Point {
    /// The compact form: as [`Point::human`] with `~` for `c. `.
    fn compact(self) -> String {
        let plain = Point {
            qualifier: Qualifier::None,
            ..self
        };
        qualified(&plain.human(), self.qualifier)
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.year();
        if year.abs() > 9999 {
            write!(f, "Y{year}")?;
        } else if year < 0 {
            write!(f, "-{:04}", -year)?;
        } else {
            write!(f, "{year:04}")?;
        }
        if self.month != 0 {
            write!(f, "-{:02}", self.month)?;
        }
        if self.day != 0 {
            write!(f, "-{:02}", self.day)?;
        }
        f.write_str(self.qualifier.edtf())
    }
}

impl Bound {
    fn parse(s: &str, input: &str) -> Result<Bound, DateError> {
        match s {
            ".." => Ok(Bound::Open),
            "" => Ok(Bound::Unknown),
            _ => Point::parse(s).map(Bound::Known).map_err(|e| match e {
                PointError::Shape => shape_error(input),
                PointError::NotReal(message) => error(message),
            }),
        }
    }

    fn point(self) -> Option<Point> {
        match self {
            Bound::Known(p) => Some(p),
            Bound::Open | Bound::Unknown => None,
        }
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bound::Known(p) => p.fmt(f),
            Bound::Open => f.write_str(".."),
            Bound::Unknown => Ok(()),
        }
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.repr {
            Repr::Single(p) => p.fmt(f),
            Repr::Interval(start, end) => write!(f, "{start}/{end}"),
        }
    }
}

/// A date serializes as its canonical EDTF string: the text it was read from.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Date {
    /// Parses an EDTF string of the forms listed in the module documentation.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let Some((left, right)) = s.split_once('/') else {
            return match Point::parse(s) {
                Ok(p) => Ok(Date {
                    repr: Repr::Single(p),
                }),
                Err(PointError::Shape) => Err(shape_error(s)),
                Err(PointError::NotReal(message)) => Err(error(message)),
            };
        };
        if right.contains('/') {
            return Err(shape_error(s));
        }
        let start = Bound::parse(left, s)?;
        let end = Bound::parse(right, s)?;
        match (start.point(), end.point()) {
            (None, None) => Err(error(format!(
                "interval {s:?} has no known end; give at least one date, \
                 like ../2012-07-31 or 2012/.."
            ))),
            (Some(a), Some(b)) if a.earliest_key() > b.latest_key() => Err(error(format!(
                "interval {s} ends before it starts ({b} is earlier than {a})"
            ))),
            _ => Ok(Date {
                repr: Repr::Interval(start, end),
            }),
        }
    }

    /// Day, Month or Year for a single date; Interval when both ends are dates; Open when
    /// one end is open (`..`) or unknown (empty).
    pub fn precision(&self) -> Precision {
        match self.repr {
            Repr::Single(p) => p.precision(),
            Repr::Interval(Bound::Known(_), Bound::Known(_)) => Precision::Interval,
            Repr::Interval(..) => Precision::Open,
        }
    }

    /// The qualifier of a single date. For an interval, the qualifiers of its ends put
    /// together: `2015-11~/2016` is Approximate, `2015~/2016?` is Both, `1950/1953` None.
    pub fn qualifier(&self) -> Qualifier {
        match self.repr {
            Repr::Single(p) => p.qualifier,
            Repr::Interval(start, end) => {
                let q = |b: Bound| b.point().map_or(Qualifier::None, |p| p.qualifier);
                q(start).union(q(end))
            }
        }
    }

    /// The first day the date can mean; None when the start is open or unknown.
    pub fn earliest(&self) -> Option<NaiveDate> {
        match self.repr {
            Repr::Single(p) => Some(p.earliest()),
            Repr::Interval(start, _) => start.point().map(Point::earliest),
        }
    }

    /// The last day the date can mean (`2014-07` gives 2014-07-31); None when the end is
    /// open or unknown.
    pub fn latest(&self) -> Option<NaiveDate> {
        match self.repr {
            Repr::Single(p) => Some(p.latest()),
            Repr::Interval(_, end) => end.point().map(Point::latest),
        }
    }

    /// The day used for sorting: [`Date::earliest`] if known, else [`Date::latest`].
    pub fn anchor(&self) -> NaiveDate {
        self.earliest()
            .or_else(|| self.latest())
            .expect("a parsed date has at least one known end")
    }

    /// The year of [`Date::anchor`], used for year headings: negative for
    /// BCE, beyond chrono's range for `Y` years.
    pub fn year(&self) -> i64 {
        self.anchor_key().year
    }

    /// [`Date::anchor`] as a key, never clamped.
    fn anchor_key(&self) -> DayKey {
        self.start()
            .map(Point::earliest_key)
            .or_else(|| self.end().map(Point::latest_key))
            .expect("a parsed date has at least one known end")
    }

    /// Events sort by this, then by id. First the anchor day; on the same
    /// day, what may have happened before it (`../2012-07-31`, an open or
    /// unknown start) comes first and what goes on after it (`2012/..`)
    /// last; between them, more precise dates first.
    pub fn sort_key(&self) -> (DayKey, u8, Precision) {
        let side = match (self.start(), self.end()) {
            (None, _) => 0,
            (Some(_), None) => 2,
            (Some(_), Some(_)) => 1,
        };
        (self.anchor_key(), side, self.precision())
    }

    /// [`Date::sort_key`] as one integer, ordered as the key is: a sort
    /// compares machine words, not tuples worked out at every comparison.
    pub fn sort_number(&self) -> u64 {
        let (day, side, precision) = self.sort_key();
        // Years lie within ±MAX_YEAR (38 bits once shifted to be positive),
        // then 4 bits of month, 5 of day, 2 of side and 3 of precision.
        let year = (day.year + MAX_YEAR) as u64;
        (year << 14)
            | (u64::from(day.month) << 10)
            | (u64::from(day.day) << 5)
            | (u64::from(side) << 3)
            | precision as u64
    }

    /// True for an interval (`1950/1953`, `2012/..`), false for a single date.
    pub fn is_interval(&self) -> bool {
        matches!(self.repr, Repr::Interval(..))
    }

    /// Where the date starts, to the precision it is written: the date
    /// itself when single, the first end of an interval; None when that
    /// end is open or unknown.
    pub fn start(&self) -> Option<Point> {
        match self.repr {
            Repr::Single(p) => Some(p),
            Repr::Interval(start, _) => start.point(),
        }
    }

    /// Where the date ends, as [`Date::start`]: the date itself when
    /// single, the last end of an interval.
    pub fn end(&self) -> Option<Point> {
        match self.repr {
            Repr::Single(p) => Some(p),
            Repr::Interval(_, end) => end.point(),
        }
    }

    /// Whether this date certainly ends before `other` begins: the last
    /// day it can mean is before the first day `other` can mean. An open or
    /// unknown end, or an approximate or uncertain one (`~`, `?`, `%`),
    /// is never certain.
    pub fn certainly_before(&self, other: &Date) -> bool {
        match (self.end(), other.start()) {
            (Some(a), Some(b)) if a.is_exact() && b.is_exact() => a.latest_key() < b.earliest_key(),
            _ => false,
        }
    }

    /// Whether every day this date can mean certainly lies within `outer`.
    /// An open or unknown end of `outer` bounds nothing on that side; an
    /// approximate or uncertain end, on either date, is never certain.
    pub fn certainly_within(&self, outer: &Date) -> bool {
        let from = match outer.start() {
            None => true,
            Some(o) => self.start().is_some_and(|s| {
                s.is_exact() && o.is_exact() && s.earliest_key() >= o.earliest_key()
            }),
        };
        let to = match outer.end() {
            None => true,
            Some(o) => self
                .end()
                .is_some_and(|e| e.is_exact() && o.is_exact() && e.latest_key() <= o.latest_key()),
        };
        from && to
    }

    /// The human form: `4 Feb 2015`, `Jul 2014`, `c. 2011`, `2011?`, `1950–1953`,
    /// `H1 2015`, `Q3 2015`, `4 Feb–6 Mar 2015`, `before 31 Jul 2012`, `by 2015`,
    /// `from 2012`.
    pub fn display(&self) -> String {
        match self.repr {
            Repr::Single(p) => p.human(),
            Repr::Interval(Bound::Known(a), Bound::Known(b)) => interval_human(a, b),
            Repr::Interval(Bound::Open, Bound::Known(b)) => format!("before {}", b.human()),
            Repr::Interval(Bound::Unknown, Bound::Known(b)) => format!("by {}", b.human()),
            Repr::Interval(Bound::Known(a), _) => format!("from {}", a.human()),
            Repr::Interval(..) => unreachable!("a parsed interval has at least one known end"),
        }
    }
}

impl Date {
    /// The short form for the timeline's date column, as honest as
    /// [`Date::display`] and narrower: `~` before an approximate date
    /// (`~Nov 2015`), `?` after an uncertain one, `≤` before the end of an
    /// open or unknown start (`≤31 Jul 2012`: on or before), `–` after the
    /// start of an open or unknown end (`2013–`). An interval whose ends
    /// carry qualifiers is shown with their union over the whole
    /// (`~4–5 Feb 2015` for `2015-02-04/2015-02-05~`), which claims no
    /// more than the date does.
    pub fn compact(&self) -> String {
        match self.repr {
            Repr::Single(p) => p.compact(),
            Repr::Interval(Bound::Known(a), Bound::Known(b)) => {
                let q = a.qualifier.union(b.qualifier);
                let plain = Point {
                    qualifier: Qualifier::None,
                    ..a
                };
                let plain_b = Point {
                    qualifier: Qualifier::None,
                    ..b
                };
                qualified(&interval_human(plain, plain_b), q)
            }
            Repr::Interval(_, Bound::Known(b)) => format!("≤{}", b.compact()),
            Repr::Interval(Bound::Known(a), _) => format!("{}–", a.compact()),
            Repr::Interval(..) => unreachable!("a parsed interval has at least one known end"),
        }
    }
}

/// `text` with the compact marks of a qualifier: `~` before, `?` after.
fn qualified(text: &str, q: Qualifier) -> String {
    match q {
        Qualifier::None => text.to_string(),
        Qualifier::Uncertain => format!("{text}?"),
        Qualifier::Approximate => format!("~{text}"),
        Qualifier::Both => format!("~{text}?"),
    }
}

/// `1950–1953`, `H1 2015`, `Q2 2015`, `Mar–Jun 2015`, `4–6 Feb 2015`, `4 Feb–6 Mar 2015`,
/// `Mar 2014–Jun 2015`. Ends in the same year share it only when neither is qualified.
fn interval_human(a: Point, b: Point) -> String {
    let plain = a.qualifier == Qualifier::None && b.qualifier == Qualifier::None;
    let same_year = a.year() == b.year();
    if plain && same_year && a.precision() == b.precision() {
        let year = year_text(a.year());
        match a.precision() {
            Precision::Month => {
                let name = match (a.month, b.month) {
                    (1, 6) => Some("H1"),
                    (7, 12) => Some("H2"),
                    (1, 3) => Some("Q1"),
                    (4, 6) => Some("Q2"),
                    (7, 9) => Some("Q3"),
                    (10, 12) => Some("Q4"),
                    _ => None,
                };
                if let Some(name) = name {
                    return format!("{name} {year}");
                }
                return format!("{}–{} {year}", a.day_month(), b.day_month());
            }
            Precision::Day if a.month == b.month => {
                let month = MONTH_ABBR[usize::from(a.month - 1)];
                return format!("{}–{} {month} {year}", a.day, b.day);
            }
            Precision::Day => {
                return format!("{}–{} {year}", a.day_month(), b.day_month());
            }
            _ => {}
        }
    }
    format!("{}–{}", a.human(), b.human())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    fn ymd(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const VALID: &[&str] = &[
        "2015-02-04",
        "2014-07",
        "2013",
        "0000",
        "9999-12-31",
        "1950/1953",
        "2015-01/2015-06",
        "2015-01-01/2015-06-30",
        "2014-03/2015",
        "2015/2015-03-01",
        "2015/2015",
        "../2012-07-31",
        "2012/..",
        "/2015",
        "2015/",
        "2015-11~",
        "2011?",
        "2004-06%",
        "2015-11~/2016",
        "2015?/2016%",
        "../2011~",
        "2016-02-29",
        "2000-02-29",
        "0000-02-29",
        "2015-02-28",
        "2015-04-30",
        "2015-12-31",
        "-2015",
        "-0300",
        "-0044-03-15",
        "-0044-03",
        "-0300~",
        "-0400-02-29",
        "Y12345",
        "Y170002",
        "Y-13800000000",
        "Y-99999999999",
        "-0500/-0300",
        "Y-13800000000/-0300",
        "../-0044-03-15",
    ];

    #[test]
    fn compact_forms_keep_every_qualifier_and_open_end() {
        let cases = [
            ("2015-02-04", "4 Feb 2015"),
            ("2014-07", "Jul 2014"),
            ("2013", "2013"),
            ("1950/1953", "1950–1953"),
            ("2015-01/2015-06", "H1 2015"),
            ("2021-12-27/2021-12-31", "27–31 Dec 2021"),
            ("../2012-07-31", "≤31 Jul 2012"),
            ("/2015", "≤2015"),
            ("2013/..", "2013–"),
            ("2015/", "2015–"),
            ("2015-11~", "~Nov 2015"),
            ("2012-07-31~", "~31 Jul 2012"),
            ("2011?", "2011?"),
            ("2011%", "~2011?"),
            ("2015-02-04/2015-02-05~", "~4–5 Feb 2015"),
            ("2015-11~/2016", "~Nov 2015–2016"),
            ("../2011~", "≤~2011"),
        ];
        for (edtf, compact) in cases {
            assert_eq!(d(edtf).compact(), compact, "{edtf}");
        }
    }

    #[test]
    fn valid_forms_parse_and_round_trip() {
        for s in VALID {
            let date = d(s);
            assert_eq!(date.to_string(), *s, "round trip of {s}");
            assert_eq!(s.parse::<Date>().as_ref(), Ok(&date), "FromStr of {s}");
        }
    }

    #[test]
    fn invalid_forms_are_rejected() {
        let invalid = [
            "",
            " ",
            " 2015",
            "2015 ",
            "2015-2-4",
            "2015-02-4",
            "15",
            "20150",
            "-0000",
            "-015",
            "-20150",
            "--2015",
            "Feb 2015",
            "2015/02/04",
            "2015-02-04T10:00",
            "2015-21",
            "2015-XX",
            "201X",
            "Y1234",
            "Y01234",
            "Y-01234",
            "Y123456789012",
            "Y12345-01",
            "Y",
            "Y-",
            "-0300-02-29",
            "2015~?",
            "~2015",
            "2015-02-04-01",
            "2015-02-30",
            "2015-02-29",
            "1900-02-29",
            "2015-04-31",
            "2015-13",
            "2015-00",
            "2015-01-00",
            "2015-01-32",
            "../..",
            "/",
            "../",
            "/..",
            "2016/2015",
            "2015-02-04/2015-02-03",
            "2015-07/2015-06-30",
            "1950/1953/1955",
            "../2015~/..",
            "..~/2015",
            "2015/...",
            "٢٠١٥",
            "2015-02-30/2016",
        ];
        for s in invalid {
            assert!(Date::parse(s).is_err(), "{s:?} should be rejected");
        }
    }

    #[test]
    fn error_messages_say_what_is_wrong() {
        let cases = [
            (
                "2015-02-30",
                "2015-02-30 is not a real date (February 2015 has 28 days)",
            ),
            (
                "2015-02-29",
                "2015-02-29 is not a real date (February 2015 has 28 days)",
            ),
            (
                "1900-02-29",
                "1900-02-29 is not a real date (February 1900 has 28 days)",
            ),
            (
                "2015-04-31~",
                "2015-04-31 is not a real date (April 2015 has 30 days)",
            ),
            (
                "2015-13",
                "2015-13 is not a real date (months run from 01 to 12)",
            ),
            (
                "2015-00",
                "2015-00 is not a real date (months run from 01 to 12)",
            ),
            (
                "2015-01-00",
                "2015-01-00 is not a real date (days start at 01)",
            ),
            (
                "Feb 2015",
                "expected EDTF like 2015-02-04, 2014-07, 2013, 1950/1953 or ../2012-07-31, \
                 found \"Feb 2015\"",
            ),
            (
                "",
                "expected EDTF like 2015-02-04, 2014-07, 2013, 1950/1953 or ../2012-07-31, \
                 found \"\"",
            ),
            (
                "2015-2-4/2016",
                "expected EDTF like 2015-02-04, 2014-07, 2013, 1950/1953 or ../2012-07-31, \
                 found \"2015-2-4/2016\"",
            ),
            (
                "../..",
                "interval \"../..\" has no known end; give at least one date, \
                 like ../2012-07-31 or 2012/..",
            ),
            (
                "2016/2015",
                "interval 2016/2015 ends before it starts (2015 is earlier than 2016)",
            ),
        ];
        for (input, message) in cases {
            let err = Date::parse(input).expect_err(input);
            assert_eq!(err.message, message, "message for {input:?}");
            assert_eq!(err.to_string(), message, "Display for {input:?}");
        }
    }

    #[test]
    fn precision_and_qualifier() {
        use Precision as P;
        use Qualifier as Q;
        let cases = [
            ("2015-02-04", P::Day, Q::None),
            ("2014-07", P::Month, Q::None),
            ("2013", P::Year, Q::None),
            ("1950/1953", P::Interval, Q::None),
            ("2015-01-01/2015-06-30", P::Interval, Q::None),
            ("../2012-07-31", P::Open, Q::None),
            ("2012/..", P::Open, Q::None),
            ("/2015", P::Open, Q::None),
            ("2015/", P::Open, Q::None),
            ("2015-11~", P::Month, Q::Approximate),
            ("2011?", P::Year, Q::Uncertain),
            ("2004-06%", P::Month, Q::Both),
            ("2015-02-04~", P::Day, Q::Approximate),
            ("2015-11~/2016", P::Interval, Q::Approximate),
            ("2015?/2016~", P::Interval, Q::Both),
            ("2015?/2016?", P::Interval, Q::Uncertain),
            ("../2011%", P::Open, Q::Both),
        ];
        for (s, precision, qualifier) in cases {
            let date = d(s);
            assert_eq!(date.precision(), precision, "precision of {s}");
            assert_eq!(date.qualifier(), qualifier, "qualifier of {s}");
        }
    }

    #[test]
    fn earliest_latest_anchor_year() {
        let cases = [
            ("2015-02-04", Some(ymd(2015, 2, 4)), Some(ymd(2015, 2, 4))),
            ("2014-07", Some(ymd(2014, 7, 1)), Some(ymd(2014, 7, 31))),
            ("2016-02", Some(ymd(2016, 2, 1)), Some(ymd(2016, 2, 29))),
            ("2015-02", Some(ymd(2015, 2, 1)), Some(ymd(2015, 2, 28))),
            ("2013", Some(ymd(2013, 1, 1)), Some(ymd(2013, 12, 31))),
            ("2011?", Some(ymd(2011, 1, 1)), Some(ymd(2011, 12, 31))),
            ("1950/1953", Some(ymd(1950, 1, 1)), Some(ymd(1953, 12, 31))),
            (
                "2015-01/2015-06",
                Some(ymd(2015, 1, 1)),
                Some(ymd(2015, 6, 30)),
            ),
            ("../2012-07-31", None, Some(ymd(2012, 7, 31))),
            ("/2015", None, Some(ymd(2015, 12, 31))),
            ("2012/..", Some(ymd(2012, 1, 1)), None),
            ("2015-03/", Some(ymd(2015, 3, 1)), None),
        ];
        for (s, earliest, latest) in cases {
            let date = d(s);
            assert_eq!(date.earliest(), earliest, "earliest of {s}");
            assert_eq!(date.latest(), latest, "latest of {s}");
            let anchor = earliest.or(latest).unwrap();
            assert_eq!(date.anchor(), anchor, "anchor of {s}");
            assert_eq!(date.year(), i64::from(anchor.year()), "year of {s}");
        }
        assert_eq!(d("../2012-07-31").anchor(), ymd(2012, 7, 31));
        assert_eq!(d("/2015").year(), 2015);
    }

    #[test]
    fn display_forms() {
        let cases = [
            ("2015-02-04", "4 Feb 2015"),
            ("2015-12-25", "25 Dec 2015"),
            ("2014-07", "Jul 2014"),
            ("2013", "2013"),
            ("0900", "900"),
            ("1950/1953", "1950–1953"),
            ("2015-01/2015-06", "H1 2015"),
            ("2015-07/2015-12", "H2 2015"),
            ("2015-01/2015-03", "Q1 2015"),
            ("2015-04/2015-06", "Q2 2015"),
            ("2015-07/2015-09", "Q3 2015"),
            ("2015-10/2015-12", "Q4 2015"),
            ("2015-03/2015-06", "Mar–Jun 2015"),
            ("2014-03/2015-06", "Mar 2014–Jun 2015"),
            ("2015-02-04/2015-03-06", "4 Feb–6 Mar 2015"),
            ("2015-02-04/2015-02-06", "4–6 Feb 2015"),
            ("2014-12-30/2015-01-02", "30 Dec 2014–2 Jan 2015"),
            ("2014-03/2015", "Mar 2014–2015"),
            ("2015-01~/2015-06", "c. Jan 2015–Jun 2015"),
            ("2015-11~/2016", "c. Nov 2015–2016"),
            ("../2012-07-31", "before 31 Jul 2012"),
            ("/2015", "by 2015"),
            ("2012/..", "from 2012"),
            ("2012-05/", "from May 2012"),
            ("2011~", "c. 2011"),
            ("2015-11~", "c. Nov 2015"),
            ("2011?", "2011?"),
            ("2011%", "c. 2011?"),
            ("2004-06%", "c. Jun 2004?"),
            ("../2011~", "before c. 2011"),
        ];
        for (s, shown) in cases {
            assert_eq!(d(s).display(), shown, "display of {s}");
        }
    }

    #[test]
    fn ends_to_the_precision_written() {
        let ymd = |p: Point| (p.year(), p.month(), p.day());
        let day = NaiveDate::from_ymd_opt(2015, 2, 4);
        let single = d("2015-02-04~");
        assert!(!single.is_interval());
        assert_eq!(single.start().map(ymd), Some((2015, Some(2), Some(4))));
        assert_eq!(single.end().and_then(Point::as_day), day);
        let month = d("2014-07");
        assert_eq!(month.start().map(ymd), Some((2014, Some(7), None)));
        assert_eq!(month.start().and_then(Point::as_day), None);
        let interval = d("2013/2015-02-04");
        assert!(interval.is_interval());
        assert_eq!(interval.start().map(ymd), Some((2013, None, None)));
        assert_eq!(interval.end().and_then(Point::as_day), day);
        let open = d("../2015-02-04");
        assert_eq!(open.start(), None);
        assert_eq!(open.end().and_then(Point::as_day), day);
        assert_eq!(d("2012/").end(), None);
    }

    #[test]
    fn sort_key_orders_by_anchor_then_side_then_precision() {
        let sorted = [
            "../2012-07-31",
            "2012-07-31",
            "2012-07-31/..",
            "2013",
            "2014-07",
            "2014-07-01/2014-08-01",
            "../2015-01-01",
            "2015-01-01",
            "2015-01",
            "2015",
            "2015-01/2015-06",
            "2015/..",
            "2015-02-04",
            "/2015",
            "2016-02-29",
        ];
        let mut shuffled: Vec<Date> = [7, 2, 11, 0, 14, 9, 4, 1, 13, 10, 5, 3, 12, 8, 6]
            .iter()
            .map(|&i| d(sorted[i]))
            .collect();
        shuffled.sort_by_key(Date::sort_key);
        let got: Vec<String> = shuffled.iter().map(Date::to_string).collect();
        assert_eq!(got, sorted);
        assert!(d("2015-01-01").sort_key() < d("2015").sort_key());
    }

    #[test]
    fn sort_number_orders_as_sort_key_does() {
        let dates: Vec<Date> = [
            "../2012-07-31",
            "2012-07-31",
            "2012-07-31/..",
            "2012-07-31?",
            "2012-12",
            "2012-12-31/2013",
            "-0044-03-15",
            "-0300",
            "Y-13800000000",
            "Y99999999999",
            "Y-99999999999",
            "0001",
            "/2015",
            "2015~/2016",
            "2016-02-29",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        for a in &dates {
            for b in &dates {
                assert_eq!(
                    a.sort_number().cmp(&b.sort_number()),
                    a.sort_key().cmp(&b.sort_key()),
                    "{a} against {b}"
                );
            }
        }
    }

    #[test]
    fn equal_dates_hash_alike_and_stay_small() {
        use std::collections::HashSet;
        let set: HashSet<Date> = ["2015", "2015", "2015~", "2015/"]
            .iter()
            .map(|s| d(s))
            .collect();
        assert_eq!(set.len(), 3);
        assert!(std::mem::size_of::<Date>() <= 16);
    }
}

#[cfg(test)]
mod bce_and_long_years {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    #[test]
    fn bce_and_long_years_display_compact_and_round_trip() {
        let cases = [
            ("-0300", "300 BCE", "300 BCE"),
            ("-0044-03-15", "15 Mar 44 BCE", "15 Mar 44 BCE"),
            ("-0044-03", "Mar 44 BCE", "Mar 44 BCE"),
            ("-0300~", "c. 300 BCE", "~300 BCE"),
            ("-0500/-0300", "500 BCE–300 BCE", "500 BCE–300 BCE"),
            ("Y170002", "170,002", "170,002"),
            ("Y12345", "12,345", "12,345"),
            ("Y-13800000000", "13,800,000,000 BCE", "13,800,000,000 BCE"),
            ("../-0044-03-15", "before 15 Mar 44 BCE", "≤15 Mar 44 BCE"),
            (
                "-0044-03-01/-0044-03-15",
                "1–15 Mar 44 BCE",
                "1–15 Mar 44 BCE",
            ),
        ];
        for (edtf, display, compact) in cases {
            let date = d(edtf);
            assert_eq!(date.to_string(), edtf, "round trip of {edtf}");
            assert_eq!(date.display(), display, "display of {edtf}");
            assert_eq!(date.compact(), compact, "compact of {edtf}");
        }
        assert_eq!(year_text(-13_800_000_000), "13,800,000,000 BCE");
        assert_eq!(year_text(9999), "9999");
        assert_eq!(year_text(0), "0");
    }

    #[test]
    fn bce_and_long_years_sort_and_compare() {
        let sorted = [
            "Y-13800000000",
            "Y-12345",
            "-0500",
            "-0300/-0200",
            "-0044-03-15",
            "-0044-03-16",
            "0000",
            "2015",
            "Y170002",
        ];
        let mut dates: Vec<Date> = sorted.iter().rev().map(|s| d(s)).collect();
        dates.sort_by_key(Date::sort_key);
        let got: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(got, sorted);
        assert!(d("-0044-03-15").certainly_before(&d("-0044-03-16")));
        assert!(d("Y-13800000000").certainly_before(&d("-0300")));
        assert!(!d("-0300").certainly_before(&d("Y-13800000000")));
        assert!(d("-0300").certainly_within(&d("Y-13800000000/2015")));
        assert_eq!(d("Y-13800000000").year(), -13_800_000_000);
        assert_eq!(d("-0044-03-15").year(), -44);
        // chrono's days are clamped, never a panic.
        assert_eq!(d("Y-13800000000").earliest(), Some(NaiveDate::MIN));
        assert_eq!(
            d("Y170002").latest().map(|x| x.to_string()),
            Some("+170002-12-31".into())
        );
        assert_eq!(
            d("-0044-03-15").start().and_then(Point::as_day),
            NaiveDate::from_ymd_opt(-44, 3, 15)
        );
        assert_eq!(d("Y-13800000000").start().and_then(Point::as_day), None);
    }

    #[test]
    fn bce_intervals_in_order_and_leap_years() {
        assert!(Date::parse("-0300/-0500").is_err());
        assert!(Date::parse("2015/Y-13800000000").is_err());
        // -0400 is a leap year (divisible by 400), -0300 is not.
        assert!(Date::parse("-0400-02-29").is_ok());
        assert_eq!(
            Date::parse("-0300-02-29").unwrap_err().message,
            "-0300-02-29 is not a real date (February 300 BCE has 28 days)"
        );
    }
}

#[cfg(test)]
mod certainty_tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn only_exact_known_ends_are_certainly_before() {
        let cases = [
            ("2012-06", "2012-07-31", true),
            ("2012-07", "2012-07-31", false),
            ("2012-07-30", "2012-07-31", true),
            ("2012-07-31", "2012-07-31", false),
            ("2012-06~", "2012-07-31", false),
            ("2012-06", "2012-07-31?", false),
            ("2012/..", "2015", false),
            ("../2012", "2015", true),
            ("2015", "../2016", false),
            ("2013", "2015-01/2015-06", true),
        ];
        for (a, b, want) in cases {
            assert_eq!(d(a).certainly_before(&d(b)), want, "{a} before {b}");
        }
    }

    #[test]
    fn within_needs_both_ends_inside_and_exact() {
        let cases = [
            ("2015-12-31", "2015-01/2015-06", false),
            ("2015-03-01", "2015-01/2015-06", true),
            ("2015-06", "2015-01/2015-06", true),
            ("2015", "2015-01/2015-06", false),
            ("2015-03~", "2015-01/2015-06", false),
            ("2030-01-01", "2021-11-11/..", true),
            ("2021-11-10", "2021-11-11/..", false),
            ("2014-01-01", "/2015", true),
        ];
        for (a, b, want) in cases {
            assert_eq!(d(a).certainly_within(&d(b)), want, "{a} within {b}");
        }
    }
}
