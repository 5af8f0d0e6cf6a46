//! Finding a quote in its source: exactly, or with whitespace runs folded.

use std::ops::Range;

/// Finds `needle` in `haystack`, treating every run of whitespace in either as
/// one space. Returns the byte range in `haystack`. Nothing else is forgiven:
/// case, punctuation and quotation marks must match exactly.
pub fn fold_whitespace_find(haystack: &str, needle: &str) -> Option<Range<usize>> {
    if needle.trim().is_empty() {
        return None;
    }
    if let Some(start) = haystack.find(needle) {
        return Some(start..start + needle.len());
    }
    let needle: Vec<&str> = needle.split_whitespace().collect();
    let first = *needle.first()?;
    // Try each place the first word occurs; then match the remaining words,
    // each preceded by at least one whitespace character.
    let mut from = 0;
    while let Some(pos) = haystack[from..].find(first) {
        let start = from + pos;
        if let Some(end) = match_words(haystack, start + first.len(), &needle[1..]) {
            return Some(start..end);
        }
        from = start + first.len();
    }
    None
}

fn match_words(haystack: &str, mut at: usize, words: &[&str]) -> Option<usize> {
    for word in words {
        let rest = &haystack[at..];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() || !trimmed.starts_with(word) {
            return None;
        }
        at += rest.len() - trimmed.len() + word.len();
    }
    Some(at)
}

/// The passage of `source` most like `quote`: the sentence or line with the
/// highest bigram similarity. Used to help fix a misquote.
pub fn closest_passage<'a>(source: &'a str, quote: &str) -> Option<&'a str> {
    let target: String = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    source
        .lines()
        .flat_map(split_sentences)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| (strsim::sorensen_dice(s, &target), s))
        .filter(|(score, _)| *score > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, s)| s)
}

fn split_sentences(line: &str) -> impl Iterator<Item = &str> {
    line.split_inclusive(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_gives_its_byte_range() {
        let hay = "Seoul and Beijing’s alliance. Next.";
        let r = fold_whitespace_find(hay, "Beijing’s alliance").unwrap();
        assert_eq!(&hay[r], "Beijing’s alliance");
    }

    #[test]
    fn whitespace_runs_fold_both_ways() {
        let hay = "By Choi He-suk  (\nend";
        let r = fold_whitespace_find(hay, "Choi He-suk (").unwrap();
        assert_eq!(&hay[r], "Choi He-suk  (");
        let hay = "one two\nthree";
        let r = fold_whitespace_find(hay, "one   two three").unwrap();
        assert_eq!(&hay[r], "one two\nthree");
    }

    #[test]
    fn nothing_but_whitespace_is_forgiven() {
        let hay = "the North’s provocations";
        assert_eq!(fold_whitespace_find(hay, "the North's provocations"), None);
        assert_eq!(fold_whitespace_find(hay, "The North’s provocations"), None);
        assert_eq!(fold_whitespace_find(hay, "the North’sprovocations"), None);
        assert_eq!(fold_whitespace_find(hay, ""), None);
    }

    #[test]
    fn a_later_occurrence_of_the_first_word_can_match() {
        let hay = "a b a  c";
        let r = fold_whitespace_find(hay, "a c").unwrap();
        assert_eq!(r, 4..8);
    }

    #[test]
    fn closest_passage_finds_the_sentence_with_one_word_changed() {
        let src = "First line here.\nThe deal was reached Wednesday during a meeting in Seoul. Other text.";
        let got = closest_passage(
            src,
            "The deal was reached Thursday during a meeting in Seoul.",
        );
        assert_eq!(
            got,
            Some("The deal was reached Wednesday during a meeting in Seoul.")
        );
    }
}
