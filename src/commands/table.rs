//! Tables for people, and CSV/TSV/JSON for programs, from the same rows.

use std::borrow::Cow;
use std::io::{self, Write};

use super::csv_io_error;
use crate::text::{fit, sanitize_line, truncate, width};

/// A table column: its header, its widest allowed width, and whether it takes
/// the room the other columns leave.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    pub max: usize,
    pub flex: bool,
}

/// The columns between two cells.
const GAP: &str = "  ";
/// The flexible column never gets narrower than this.
const MIN_FLEX: usize = 12;

/// A table width without a limit: to a pipe or a file, nothing is cut.
pub const UNLIMITED: usize = usize::MAX;

/// The width of each column of a table, found by a first pass that measures
/// the rows and keeps nothing of them, so that the rows can then be written
/// one by one.
pub struct Layout<'c> {
    columns: &'c [Column],
    widths: Vec<usize>,
}

impl<'c> Layout<'c> {
    /// Fits `columns` to `total` terminal columns: each as wide as its widest
    /// cell (sanitized, by display width) up to its maximum, the flexible one
    /// taking the room the others leave. When even that is too wide, the
    /// widest columns give up room first, down to one column each. With
    /// [`UNLIMITED`], every column is as wide as its widest cell.
    pub fn measure<R, C>(
        columns: &'c [Column],
        rows: impl IntoIterator<Item = R>,
        total: usize,
    ) -> Layout<'c>
    where
        R: IntoIterator<Item = C>,
        C: AsRef<str>,
    {
        let mut natural: Vec<usize> = columns.iter().map(|c| width(c.header)).collect();
        for row in rows {
            for (n, cell) in natural.iter_mut().zip(row) {
                *n = (*n).max(width(&sanitize_line(cell.as_ref())));
            }
        }
        if total == UNLIMITED {
            return Layout {
                columns,
                widths: natural,
            };
        }
        let mut widths: Vec<usize> = columns
            .iter()
            .zip(&natural)
            .map(|(c, &n)| n.min(c.max))
            .collect();
        let gaps = GAP.len() * columns.len().saturating_sub(1);
        if let Some(flex) = columns.iter().position(|c| c.flex) {
            let fixed: usize = widths
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != flex)
                .map(|(_, w)| w)
                .sum();
            let room = total.saturating_sub(fixed + gaps).max(MIN_FLEX);
            widths[flex] = natural[flex].min(room);
        }
        let budget = total.saturating_sub(gaps);
        if widths.iter().sum::<usize>() > budget {
            let level = level(&widths, budget);
            for w in &mut widths {
                *w = (*w).min(level);
            }
        }
        Layout { columns, widths }
    }

    /// Writes the header line.
    pub fn write_header(&self, out: &mut dyn Write) -> io::Result<()> {
        self.write_line(out, self.columns.iter().map(|c| c.header), false)
    }

    /// Writes one row: every cell sanitized to one line and fitted to its
    /// column (ending with `…` when cut), without trailing spaces.
    pub fn write_row<C: AsRef<str>>(
        &self,
        out: &mut dyn Write,
        row: impl IntoIterator<Item = C>,
    ) -> io::Result<()> {
        self.write_line(out, row, true)
    }

    fn write_line<C: AsRef<str>>(
        &self,
        out: &mut dyn Write,
        row: impl IntoIterator<Item = C>,
        sanitize: bool,
    ) -> io::Result<()> {
        let mut line = String::new();
        let last = self.widths.len().saturating_sub(1);
        for (i, (cell, &w)) in row.into_iter().zip(&self.widths).enumerate() {
            let cell = cell.as_ref();
            let cell = if sanitize {
                sanitize_line(cell)
            } else {
                Cow::Borrowed(cell)
            };
            if i > 0 {
                line.push_str(GAP);
            }
            if i == last {
                line.push_str(&truncate(&cell, w));
            } else {
                line.push_str(&fit(&cell, w));
            }
        }
        out.write_all(line.trim_end().as_bytes())?;
        out.write_all(b"\n")
    }
}

/// The widest a column may be for the columns to fit `budget` together:
/// the largest level L at which the widths cut to L sum to at most
/// `budget` (at least 1). A binary search over the level.
fn level(widths: &[usize], budget: usize) -> usize {
    let fits = |l: usize| widths.iter().map(|&w| w.min(l)).sum::<usize>() <= budget;
    let (mut lo, mut hi) = (1, widths.iter().copied().max().unwrap_or(1));
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// Writes a table of the rows `rows()` yields, fitted to `total` terminal
/// columns (see [`Layout`]). `rows` is called twice, to measure and then to
/// write, so the rows are never all held at once.
pub fn write<I, R, C>(
    out: &mut dyn Write,
    columns: &[Column],
    rows: impl Fn() -> I,
    total: usize,
) -> io::Result<()>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let layout = Layout::measure(columns, rows(), total);
    layout.write_header(out)?;
    for row in rows() {
        layout.write_row(out, row)?;
    }
    Ok(())
}

/// [`write`] into a string, for tables small enough to hold.
pub fn render(columns: &[Column], rows: &[Vec<String>], total: usize) -> String {
    let mut out = Vec::new();
    write(&mut out, columns, || rows, total).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("a table of UTF-8 strings is UTF-8")
}

/// Writes CSV with a header row, a record at a time; fields are written in
/// full and quoted as needed.
pub fn write_csv<R, C>(
    out: &mut dyn Write,
    headers: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut w = csv::Writer::from_writer(out);
    w.write_record(headers).map_err(csv_io_error)?;
    for r in rows {
        for field in r {
            w.write_field(field.as_ref()).map_err(csv_io_error)?;
        }
        w.write_record(None::<&[u8]>).map_err(csv_io_error)?;
    }
    w.flush()
}

/// Writes TSV with a header row, a record at a time. Inside a field,
/// backslash, tab, newline and carriage return are written as `\\`, `\t`,
/// `\n` and `\r`, so every record is one line with exactly one tab between
/// fields.
pub fn write_tsv<R, C>(
    out: &mut dyn Write,
    headers: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    // Escaped fields hold no tab or line break, so nothing is ever quoted.
    let mut w = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Never)
        .from_writer(out);
    w.write_record(headers).map_err(csv_io_error)?;
    for r in rows {
        for field in r {
            w.write_field(tsv_escape(field.as_ref()).as_bytes())
                .map_err(csv_io_error)?;
        }
        w.write_record(None::<&[u8]>).map_err(csv_io_error)?;
    }
    w.flush()
}

/// [`write_csv`] into a string.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    write_csv(&mut out, headers, rows).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("CSV of UTF-8 strings is UTF-8")
}

/// [`write_tsv`] into a string.
pub fn tsv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    write_tsv(&mut out, headers, rows).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("TSV of UTF-8 strings is UTF-8")
}

/// A field with backslash, tab, newline and carriage return escaped.
pub fn tsv_escape(field: &str) -> Cow<'_, str> {
    if !field.contains(['\\', '\t', '\n', '\r']) {
        return Cow::Borrowed(field);
    }
    let mut out = String::with_capacity(field.len() + 8);
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: [Column; 2] = [
        Column {
            header: "A",
            max: 6,
            flex: false,
        },
        Column {
            header: "TITLE",
            max: usize::MAX,
            flex: true,
        },
    ];

    #[test]
    fn the_flexible_column_takes_the_rest_and_is_cut_by_width() {
        let rows = vec![
            vec!["abcdefgh".into(), "서울 Seoul Beijing hotline".into()],
            vec!["x".into(), "short".into()],
        ];
        let out = render(&COLS, &rows, 20);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "A       TITLE");
        assert_eq!(lines[1], "abcde…  서울 Seoul …");
        assert_eq!(lines[2], "x       short");
        assert!(lines.iter().all(|l| width(l) <= 20));
    }

    /// The renderer from before tables were written in two passes: it held
    /// every sanitized cell, then the whole text.
    fn old_render(columns: &[Column], rows: &[Vec<String>], total: usize) -> String {
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| sanitize_line(c).into_owned()).collect())
            .collect();
        let natural: Vec<usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                cells
                    .iter()
                    .map(|r| width(&r[i]))
                    .chain([width(c.header)])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut widths: Vec<usize> = columns
            .iter()
            .zip(&natural)
            .map(|(c, &n)| n.min(c.max))
            .collect();
        let gaps = GAP.len() * columns.len().saturating_sub(1);
        if let Some(flex) = columns.iter().position(|c| c.flex) {
            let fixed: usize = widths
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != flex)
                .map(|(_, w)| w)
                .sum();
            let room = total.saturating_sub(fixed + gaps).max(MIN_FLEX);
            widths[flex] = natural[flex].min(room);
        }
        let mut out = String::new();
        let header: Vec<String> = columns.iter().map(|c| c.header.to_string()).collect();
        for row in std::iter::once(&header).chain(&cells) {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    line.push_str(GAP);
                }
                if i + 1 == row.len() {
                    line.push_str(&truncate(cell, widths[i]));
                } else {
                    line.push_str(&fit(cell, widths[i]));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    use super::super::list::TABLE as FOUR;

    #[test]
    fn two_passes_write_the_text_the_old_renderer_held() {
        let rows: Vec<Vec<String>> = [
            [
                "4 Feb 2015",
                "meeting",
                "KR–CN",
                "Defense ministers agree on a hotline",
            ],
            [
                "about 2013",
                "background",
                "KP–CN–KR–RU–JP–US",
                "A very long title that will not fit in any narrow terminal at all",
            ],
            [
                "1950 – 1953",
                "plan",
                "",
                "서울 Seoul\tBeijing\nhotline \u{1b}[2J",
            ],
            ["", "", "", ""],
            [
                "between 12 March 2014 and sometime in 2016",
                "statement-of-intent",
                "KR",
                "  padded  ",
            ],
        ]
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
        for total in [0, 20, 40, 80, 100, 200] {
            for n in 0..=rows.len() {
                let new = render(&FOUR, &rows[..n], total);
                let old = old_render(&FOUR, &rows[..n], total);
                if old.lines().all(|l| width(l) <= total) {
                    assert_eq!(new, old, "{n} rows at {total} columns");
                } else if total >= 20 {
                    // The old renderer overflowed: the new one fits.
                    assert!(
                        new.lines().all(|l| width(l) <= total),
                        "{n} at {total}:\n{new}"
                    );
                    assert_eq!(new.lines().count(), n + 1);
                }
            }
        }
    }

    #[test]
    fn unlimited_cuts_nothing_and_a_narrow_total_shrinks_the_widest_first() {
        let long = "A very long title that will not fit in any narrow terminal at all";
        let rows = vec![vec![
            "between 12 March 2014 and sometime in 2016".into(),
            "statement-of-intent".into(),
            "KP–CN–KR–RU–JP–US".into(),
            long.into(),
        ]];
        let out = render(&FOUR, &rows, UNLIMITED);
        let line = out.lines().nth(1).unwrap();
        assert!(line.ends_with(long), "{line}");
        assert!(line.starts_with(
            "between 12 March 2014 and sometime in 2016  statement-of-intent  KP–CN–KR–RU–JP–US"
        ));
        assert!(!out.contains('…'));
        // 30 columns: 24 for the cells; the widest give up room first.
        let narrow = render(&FOUR, &rows, 30);
        for l in narrow.lines() {
            assert!(width(l) <= 30, "{l}");
        }
        assert_eq!(
            narrow.lines().nth(1).unwrap(),
            "betwe…  state…  KP–CN…  A ver…"
        );
    }

    #[test]
    fn the_level_is_the_widest_that_fits() {
        // A plain search for the oracle: the largest level that fits.
        let cases: [(&[usize], usize); 5] = [
            (&[10, 10, 10], 30),
            (&[24, 10, 14, 40], 50),
            (&[5, 1, 30], 12),
            (&[3, 3], 1),
            (&[], 5),
        ];
        for (widths, budget) in cases {
            let top = widths.iter().copied().max().unwrap_or(1);
            let plain = (1..=top)
                .filter(|&l| widths.iter().map(|&w| w.min(l)).sum::<usize>() <= budget)
                .max()
                .unwrap_or(1);
            assert_eq!(level(widths, budget), plain, "{widths:?} in {budget}");
        }
    }

    #[test]
    fn cells_are_sanitized() {
        let rows = vec![vec!["a\u{1b}[2J".into(), "two\nlines".into()]];
        let out = render(&COLS, &rows, 80);
        assert!(out.contains("a␛[2J"), "{out}");
        assert!(out.contains("two␊lines"), "{out}");
        assert!(!out.contains('\u{1b}'));
    }

    #[test]
    fn tsv_escapes_separators_and_csv_quotes() {
        let rows = vec![vec!["a\tb".into(), "c\nd\\e".into()]];
        assert_eq!(tsv(&["x", "y"], &rows), "x\ty\na\\tb\tc\\nd\\\\e\n");
        assert_eq!(csv(&["x", "y"], &rows), "x,y\na\tb,\"c\nd\\e\"\n");
    }

    fn tsv_unescape(field: &str) -> String {
        let mut out = String::new();
        let mut chars = field.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('t') => out.push('\t'),
                    Some('n') => out.push('\n'),
                    Some('r') => out.push('\r'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tables_never_overflow_or_leak_controls(
            cells in proptest::collection::vec(("\\PC{0,12}|[\\x00-\\x1f]{0,3}", "[a-z서울\\t\\n\\x1b ]{0,40}"), 0..6),
            total in 20usize..120,
        ) {
            let rows: Vec<Vec<String>> = cells.into_iter().map(|(a, b)| vec![a, b]).collect();
            let out = render(&COLS, &rows, total);
            for line in out.lines() {
                proptest::prop_assert!(width(line) <= total, "{line:?} wider than {total}");
                proptest::prop_assert!(!line.chars().any(char::is_control));
            }
            proptest::prop_assert_eq!(out.lines().count(), rows.len() + 1);
            proptest::prop_assert_eq!(out, old_render(&COLS, &rows, total));
        }

        #[test]
        fn tsv_fields_are_one_line_and_unescape_exactly(field in "\\PC*|[\\t\\n\\r\\\\a]{0,10}") {
            let escaped = tsv_escape(&field);
            proptest::prop_assert!(!escaped.contains(['\t', '\n', '\r']));
            proptest::prop_assert_eq!(tsv_unescape(&escaped), field);
        }
    }
}
