//! Text from a dataset is untrusted: this is where it is made safe to show,
//! and where it is measured and cut by display width (never by bytes).

use std::borrow::Cow;

use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

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

#[cfg(test)]
mod tests {
    use super::*;

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
