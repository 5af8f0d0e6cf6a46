//! Tables for people, and CSV/TSV/JSON for programs, from the same rows.

use crate::text::{fit, sanitize_line, truncate, width};

/// A table column: its header, its widest allowed width, and whether it takes
/// the room the other columns leave.
pub struct Column {
    pub header: &'static str,
    pub max: usize,
    pub flex: bool,
}

/// The columns between two cells.
const GAP: &str = "  ";
/// The flexible column never gets narrower than this.
const MIN_FLEX: usize = 12;

/// Lays `rows` out in columns fitted to `total` terminal columns. Every cell is
/// sanitized to one line and measured by display width; cells wider than their
/// column end with `…`. Lines carry no trailing spaces.
pub fn render(columns: &[Column], rows: &[Vec<String>], total: usize) -> String {
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

/// CSV with a header row; fields are written in full and quoted as needed.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let write = |w: &mut csv::Writer<Vec<u8>>| -> csv::Result<()> {
        w.write_record(headers)?;
        for r in rows {
            w.write_record(r)?;
        }
        w.flush()?;
        Ok(())
    };
    write(&mut w).expect("writing CSV to memory cannot fail");
    let bytes = w.into_inner().expect("flushed above");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

/// TSV with a header row. Inside a field, backslash, tab, newline and carriage
/// return are written as `\\`, `\t`, `\n` and `\r`, so every record is one line
/// with exactly one tab between fields.
pub fn tsv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = headers.join("\t");
    out.push('\n');
    for r in rows {
        let fields: Vec<String> = r.iter().map(|f| tsv_escape(f)).collect();
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

pub fn tsv_escape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
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
        }

        #[test]
        fn tsv_fields_are_one_line_and_unescape_exactly(field in "\\PC*|[\\t\\n\\r\\\\a]{0,10}") {
            let escaped = tsv_escape(&field);
            proptest::prop_assert!(!escaped.contains(['\t', '\n', '\r']));
            proptest::prop_assert_eq!(tsv_unescape(&escaped), field);
        }
    }
}
