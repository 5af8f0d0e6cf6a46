//! Text from a dataset is untrusted: this is where it is made safe to show,
//! and where it is measured and cut by display width (never by bytes).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

pub mod wrap;

/// Whether a character must not reach a terminal raw: C0 and C1 controls,
/// DEL, and the bidirectional overrides and isolates that reorder what a
/// reader sees.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// A visible stand-in for an unsafe character: the Unicode control picture
/// for C0 controls and DEL (ESC shows as ␛), U+FFFD for the rest.
fn placeholder(c: char) -> char {
    match c as u32 {
        n @ 0x00..=0x1F => char::from_u32(0x2400 + n).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// Makes one line of untrusted text safe: every control character,
/// newlines and tabs included, becomes a visible placeholder.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_unsafe(c) { placeholder(c) } else { c })
            .collect(),
    )
}

/// Makes untrusted multi-line text safe: newlines stay (CRLF becomes LF),
/// tabs become a space, every other control becomes a visible placeholder.
pub fn sanitize_text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\r' if chars.peek() == Some(&'\n') => {}
            c if is_unsafe(c) => out.push(placeholder(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Makes output text safe for a terminal while keeping its layout: newlines
/// and tabs stay, a carriage return stays only before a newline (CRLF), every
/// other unsafe character becomes a visible placeholder.
pub fn sanitize_output(s: &str) -> Cow<'_, str> {
    let kept = |c: char, next: Option<char>| match c {
        '\n' | '\t' => true,
        '\r' => next == Some('\n'),
        c => !is_unsafe(c),
    };
    let mut chars = s.chars().peekable();
    let mut clean = true;
    while let Some(c) = chars.next() {
        if !kept(c, chars.peek().copied()) {
            clean = false;
            break;
        }
    }
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if kept(c, chars.peek().copied()) {
            c
        } else {
            placeholder(c)
        });
    }
    Cow::Owned(out)
}

/// Escapes, in JSON text, the characters that serde_json writes raw but a
/// terminal would obey (DEL, C1 controls, BiDi overrides and isolates), as
/// `\uXXXX`. The JSON parses to the same strings: raw C0 controls are
/// never inside a JSON string, so those left are whitespace between tokens.
pub fn escape_json(s: &str) -> Cow<'_, str> {
    let escaped = |c: char| is_unsafe(c) && c >= ' ';
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escaped(c) {
            // every such character is in the Basic Multilingual Plane
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What a [`SafeWriter`] does to the text passing through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Nothing: the bytes go through exactly.
    Exact,
    /// [`sanitize_output`]: for a terminal.
    Terminal,
    /// [`escape_json`]: for JSON text, wherever it goes.
    Json,
}

/// A writer that filters the UTF-8 text written through it (see [`Filter`]),
/// however the writes cut it: a character split between two writes, or a
/// carriage return whose newline comes in the next write, is held back until
/// it is whole. Bytes that are not UTF-8 become U+FFFD.
pub struct SafeWriter<W: Write> {
    inner: W,
    filter: Filter,
    /// An incomplete character, or a final carriage return.
    held: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W, filter: Filter) -> SafeWriter<W> {
        SafeWriter {
            inner,
            filter,
            held: Vec::new(),
        }
    }

    /// The writer beneath; anything held back is dropped.
    pub fn into_inner(self) -> W {
        self.inner
    }

    /// Writes out what is held back (an incomplete character as U+FFFD) and
    /// returns the writer beneath, unflushed.
    pub fn finish(mut self) -> io::Result<W> {
        let held = std::mem::take(&mut self.held);
        self.pass(&held, true)?;
        Ok(self.inner)
    }

    fn put(&mut self, s: &str) -> io::Result<()> {
        let s = match self.filter {
            Filter::Exact => Cow::Borrowed(s),
            Filter::Terminal => sanitize_output(s),
            Filter::Json => escape_json(s),
        };
        self.inner.write_all(s.as_bytes())
    }

    /// Filters and writes `data`, returning what must wait for the next
    /// write (nothing when `end`).
    fn pass(&mut self, mut data: &[u8], end: bool) -> io::Result<Vec<u8>> {
        loop {
            match std::str::from_utf8(data) {
                Ok(s) => {
                    if !end && s.ends_with('\r') {
                        self.put(&s[..s.len() - 1])?;
                        return Ok(b"\r".to_vec());
                    }
                    self.put(s)?;
                    return Ok(Vec::new());
                }
                Err(e) => {
                    let (good, bad) = data.split_at(e.valid_up_to());
                    self.put(std::str::from_utf8(good).expect("checked to be UTF-8"))?;
                    match e.error_len() {
                        None if !end => return Ok(bad.to_vec()),
                        None => {
                            self.put("\u{FFFD}")?;
                            return Ok(Vec::new());
                        }
                        Some(n) => {
                            self.put("\u{FFFD}")?;
                            data = &bad[n..];
                        }
                    }
                }
            }
        }
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.filter == Filter::Exact {
            return self.inner.write(buf);
        }
        self.held = if self.held.is_empty() {
            self.pass(buf, false)?
        } else {
            let mut data = std::mem::take(&mut self.held);
            data.extend_from_slice(buf);
            self.pass(&data, false)?
        };
        Ok(buf.len())
    }

    /// Flushes the writer beneath; what is held back waits for more.
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The number of terminal columns `s` takes.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Cuts `s` to at most `max` columns, ending with `…` when anything was cut.
/// Wide (CJK) characters are never split.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if s.width() <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let (cut, _) = s.unicode_truncate(max - 1);
    Cow::Owned(format!("{cut}…"))
}

/// Pads or cuts `s` to exactly `cols` columns.
pub fn fit(s: &str, cols: usize) -> String {
    let cut = truncate(s, cols);
    let pad = cols.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(pad))
}

/// "1 event", "2 events".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `text` wrapped to `width` columns as lines joined by newlines, the
/// first line led by `first` and the others by `indent` (both count toward
/// the width). The one wrapper the screen uses too ([`wrap::wrap`]).
pub fn fill(text: &str, width: usize, first: &str, indent: &str) -> String {
    let room = width
        .saturating_sub(self::width(indent).max(self::width(first)))
        .max(1);
    let mut out = String::new();
    for (i, r) in wrap::wrap(text, room).into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(if i == 0 { first } else { indent });
        out.push_str(&text[r]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_leads_the_first_line_and_indents_the_rest() {
        assert_eq!(
            fill("the quick brown fox jumps", 14, "  date   ", "         "),
            "  date   the\n         quick\n         brown\n         fox\n         jumps"
        );
        assert_eq!(fill("one two\nthree", 20, "", ""), "one two\nthree");
        assert_eq!(fill("서울 베이징", 6, "", "  "), "서울\n  베이\n  징");
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize_line("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(sanitize_line("x\u{9b}31m"), "x\u{FFFD}31m");
        assert_eq!(sanitize_line("bell\u{7}"), "bell␇");
        assert_eq!(sanitize_line("del\u{7f}"), "del␡");
        assert_eq!(sanitize_line("two\nlines\ttab"), "two␊lines␉tab");
        assert_eq!(sanitize_line("rlo\u{202E}evil"), "rlo\u{FFFD}evil");
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        assert!(matches!(
            sanitize_line("Seoul’s “hotline” 서울"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(sanitize_text("one\ntwo"), Cow::Borrowed(_)));
    }

    #[test]
    fn multi_line_text_keeps_newlines_only() {
        assert_eq!(
            sanitize_text("a\r\nb\tc\u{1b}]52;c;x\u{7}"),
            "a\nb c␛]52;c;x␇"
        );
        assert_eq!(sanitize_text("lone\rcr"), "lone␍cr");
    }

    #[test]
    fn output_keeps_its_layout_and_shows_the_rest() {
        assert_eq!(sanitize_output("a,b\tc\r\nd\n"), "a,b\tc\r\nd\n");
        assert_eq!(
            sanitize_output("\u{1b}]52;c;eA==\u{7}x\ry\u{9b}2J\u{202e}z\u{7f}"),
            "␛]52;c;eA==␇x␍y\u{FFFD}2J\u{FFFD}z␡"
        );
        assert!(matches!(sanitize_output("서울\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw_and_parses_the_same() {
        let value = "del\u{7f} csi\u{9b} rlo\u{202e} lri\u{2066} esc\u{1b} 서울";
        let json = serde_json::to_string_pretty(&[value]).unwrap();
        let escaped = escape_json(&json);
        assert!(
            !escaped.chars().any(|c| is_unsafe(c) && c != '\n'),
            "{escaped}"
        );
        assert!(escaped.contains("\\u007f") && escaped.contains("\\u009b"));
        assert!(escaped.contains("\\u202e") && escaped.contains("\\u2066"));
        let back: Vec<String> = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, [value]);
    }

    /// Writes `text` through a writer with `filter`, cut into pieces of
    /// `size` bytes.
    fn through(text: &[u8], filter: Filter, size: usize) -> Vec<u8> {
        let mut w = SafeWriter::new(Vec::new(), filter);
        for piece in text.chunks(size) {
            w.write_all(piece).unwrap();
        }
        w.finish().unwrap()
    }

    #[test]
    fn the_writer_filters_the_same_however_the_writes_cut_the_text() {
        let text = "BEGIN\r\n서울 \u{1b}[2J\r\nrlo\u{202e}\u{9b}x\rend\r";
        let whole = sanitize_output(text).into_owned();
        assert_eq!(whole, "BEGIN\r\n서울 ␛[2J\r\nrlo\u{FFFD}\u{FFFD}x␍end␍");
        for size in 1..=text.len() {
            let out = through(text.as_bytes(), Filter::Terminal, size);
            assert_eq!(String::from_utf8(out).unwrap(), whole, "pieces of {size}");
            let out = through(text.as_bytes(), Filter::Json, size);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                escape_json(text),
                "pieces of {size}"
            );
            let out = through(text.as_bytes(), Filter::Exact, size);
            assert_eq!(out, text.as_bytes());
        }
        assert_eq!(
            through(b"a\xffb\xe2\x80", Filter::Terminal, 1),
            "a\u{FFFD}b\u{FFFD}".as_bytes()
        );
    }

    #[test]
    fn truncation_measures_columns_not_bytes() {
        assert_eq!(truncate("South Korea", 20), "South Korea");
        assert_eq!(truncate("South Korea", 6), "South…");
        assert_eq!(truncate("서울서울", 5), "서울…");
        assert_eq!(width(&truncate("서울서울", 4)), 3);
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("e\u{301}te\u{301}", 3), "e\u{301}te\u{301}");
        assert_eq!(fit("서울", 5), "서울 ");
        assert_eq!(fit("abcdef", 3), "ab…");
    }
}
