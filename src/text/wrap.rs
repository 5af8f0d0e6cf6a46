//! Word wrapping by display columns, as byte ranges of the original text.
//!
//! Ranges (not new strings) let the reader wrap an article once, keep the
//! lines as offsets, and find which lines a quote's byte range falls on.
//! Control characters count as one column: they are drawn as one-column
//! placeholders (see [`crate::text::sanitize_line`]).

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// Columns a character takes once sanitized.
pub fn char_width(c: char) -> usize {
    if c.is_control() {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Wraps `text` to `width` columns. Every `\n` starts a new line; an empty
/// paragraph gives an empty line. Words longer than a line are cut between
/// characters. Ranges exclude the spaces at line breaks and the newline.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    for para in text.split('\n') {
        let end = start + para.len();
        let body = para.strip_suffix('\r').unwrap_or(para);
        wrap_paragraph(body, start, width, &mut out);
        start = end + 1;
    }
    out
}

fn wrap_paragraph(p: &str, base: usize, width: usize, out: &mut Vec<Range<usize>>) {
    let first = out.len();
    // The current line: byte range and width.
    let mut line: Option<(usize, usize, usize)> = None;
    let mut chars = p.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if is_space(c) {
            chars.next();
            continue;
        }
        // A word: i..j, its width w.
        let mut j = i;
        let mut w = 0;
        while let Some(&(k, c)) = chars.peek() {
            if is_space(c) {
                break;
            }
            j = k + c.len_utf8();
            w += char_width(c);
            chars.next();
        }
        let placed = match line {
            Some((s, e, lw)) => {
                let gap = p[e..i].chars().map(char_width).sum::<usize>();
                if lw + gap + w <= width {
                    line = Some((s, j, lw + gap + w));
                    true
                } else {
                    out.push(base + s..base + e);
                    line = None;
                    false
                }
            }
            None => false,
        };
        if placed {
            continue;
        }
        if w <= width {
            line = Some((i, j, w));
            continue;
        }
        // A word wider than the line: cut it between characters.
        let (mut s, mut lw) = (i, 0);
        for (k, c) in p[i..j].char_indices().map(|(k, c)| (k + i, c)) {
            let cw = char_width(c);
            if lw + cw > width && lw > 0 {
                out.push(base + s..base + k);
                s = k;
                lw = 0;
            }
            lw += cw;
        }
        line = Some((s, j, lw));
    }
    if let Some((s, e, _)) = line {
        out.push(base + s..base + e);
    }
    if out.len() == first {
        out.push(base..base);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn greedy_words_and_paragraphs() {
        assert_eq!(
            lines("the quick brown fox\n\njumps", 10),
            ["the quick", "brown fox", "", "jumps"]
        );
        assert_eq!(lines("", 5), [""]);
        assert_eq!(lines("a  b", 4), ["a  b"]);
        assert_eq!(lines("crlf\r\nnext", 10), ["crlf", "next"]);
    }

    #[test]
    fn long_words_are_cut() {
        assert_eq!(lines("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(lines("ab abcdefgh", 3), ["ab", "abc", "def", "gh"]);
    }

    #[test]
    fn wide_and_combining_characters_by_columns() {
        assert_eq!(lines("서울 베이징", 4), ["서울", "베이", "징"]);
        assert_eq!(
            lines("e\u{301}e\u{301}e\u{301} x", 5),
            ["e\u{301}e\u{301}e\u{301} x"]
        );
        // Width 1 cannot hold a wide character: it still advances.
        assert_eq!(lines("서울", 1), ["서", "울"]);
    }

    #[test]
    fn control_characters_take_one_column() {
        assert_eq!(lines("\u{1b}[31m ab", 5), ["\u{1b}[31m", "ab"]);
    }
}
