//! Finding a quote in its source: exactly, or with whitespace runs folded.

use std::ops::Range;

use memchr::memmem;

/// Finds `needle` in `haystack` as it is.
pub fn exact_find(haystack: &str, needle: &str) -> Option<Range<usize>> {
    memmem::find(haystack.as_bytes(), needle.as_bytes()).map(|start| start..start + needle.len())
}

/// A text with every run of whitespace folded to one space, and the way
/// back to byte offsets of the original. Made once per source, it lets
/// every quote be found in time linear in the source and the quote.
pub struct Folded {
    text: String,
    /// For each whitespace run longer than one byte: the offset of its space
    /// in `text`, and how many bytes all runs up to and including it lost.
    shrunk: Vec<(usize, usize)>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        let mut shrunk = Vec::new();
        let mut lost = 0;
        let mut copied = 0; // bytes of `original` handled so far
        let mut candidates = Candidates::new(bytes);
        let mut from = 0;
        while let Some(at) = candidates.next(from) {
            if whitespace_at(original, at).is_none() {
                from = at + 1;
                continue;
            }
            // The run starts at the spaces just before, if any.
            let mut start = at;
            while start > copied && bytes[start - 1] == b' ' {
                start -= 1;
            }
            let mut end = at;
            while let Some(n) = whitespace_at(original, end) {
                end += n;
            }
            text.push_str(&original[copied..start]);
            if end - start > 1 {
                lost += end - start - 1;
                shrunk.push((text.len(), lost));
            }
            text.push(' ');
            copied = end;
            from = end;
        }
        text.push_str(&original[copied..]);
        Folded { text, shrunk }
    }

    /// The byte range in the original text of `needle`, its whitespace
    /// runs folded too; the first place it occurs.
    pub fn find(&self, needle: &str) -> Option<Range<usize>> {
        let words: Vec<&str> = needle.split_whitespace().collect();
        let folded = words.join(" ");
        if folded.is_empty() {
            return None;
        }
        let start = memmem::find(self.text.as_bytes(), folded.as_bytes())?;
        // Both ends are bytes of words, never of a folded run.
        let last = start + folded.len() - 1;
        Some(self.original(start)..self.original(last) + 1)
    }

    /// The offset in the original text of the byte at `at` in the folded one
    /// (a byte that is not a folded space).
    fn original(&self, at: usize) -> usize {
        let before = self.shrunk.partition_point(|&(pos, _)| pos < at);
        at + before.checked_sub(1).map_or(0, |k| self.shrunk[k].1)
    }
}

/// The places in a text where folding may change something: whitespace
/// other than a lone space, or a byte that may start one. Most whitespace
/// is a lone space between words, which folds to itself; the rest is found
/// with memchr, each search resuming where it last stopped, so the whole
/// text is scanned a fixed number of times.
struct Candidates<'a> {
    bytes: &'a [u8],
    /// For each kind of candidate, the next one found (or the end).
    next: [usize; 5],
    /// Two spaces (made once: a searcher costs something to make).
    two_spaces: memmem::Finder<'static>,
}

impl<'a> Candidates<'a> {
    fn new(bytes: &'a [u8]) -> Candidates<'a> {
        let two_spaces = memmem::Finder::new(b"  ");
        let next = std::array::from_fn(|kind| find_candidate(bytes, &two_spaces, kind, 0));
        Candidates {
            bytes,
            next,
            two_spaces,
        }
    }

    /// The first candidate at or after `from`.
    fn next(&mut self, from: usize) -> Option<usize> {
        for (kind, next) in self.next.iter_mut().enumerate() {
            if *next < from {
                *next = find_candidate(self.bytes, &self.two_spaces, kind, from);
            }
        }
        let first = self.next.iter().copied().min()?;
        (first < self.bytes.len()).then_some(first)
    }
}

/// The next candidate of one kind at or after `from`, or the end.
fn find_candidate(
    bytes: &[u8],
    two_spaces: &memmem::Finder<'_>,
    kind: usize,
    from: usize,
) -> usize {
    let rest = &bytes[from..];
    let found = match kind {
        0 => memchr::memchr3(b'\n', b'\t', b'\r', rest),
        1 => memchr::memchr2(0x0B, 0x0C, rest),
        2 => memchr::memchr3(0xC2, 0xE1, 0xE3, rest),
        3 => memchr::memchr(0xE2, rest),
        _ => two_spaces.find(rest),
    };
    found.map_or(bytes.len(), |p| from + p)
}

/// The bytes that can start a whitespace character: ASCII whitespace, and
/// the lead bytes of U+0085, U+00A0 (0xC2), U+1680 (0xE1), U+2000 to U+205F
/// (0xE2) and U+3000 (0xE3). Continuation bytes never start one.
const MAY_START_WHITESPACE: [bool; 256] = {
    let mut table = [false; 256];
    let starts = [
        b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r', 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    let mut i = 0;
    while i < starts.len() {
        table[starts[i] as usize] = true;
        i += 1;
    }
    table
};

/// The length of the whitespace character starting at byte `at` of `s`, if
/// one does.
fn whitespace_at(s: &str, at: usize) -> Option<usize> {
    let b = *s.as_bytes().get(at)?;
    if !MAY_START_WHITESPACE[usize::from(b)] {
        return None;
    }
    if b.is_ascii() {
        return Some(1);
    }
    s[at..]
        .chars()
        .next()
        .filter(|c| c.is_whitespace())
        .map(char::len_utf8)
}

/// The most bytes compared while looking for closest passages in one load,
/// shared by all its misquotes.
pub const PASSAGE_BUDGET: usize = 20_000_000;

/// The most bytes compared for any one misquote.
pub const PASSAGE_QUOTE_CAP: usize = 4_000_000;

/// What a search for the passage closest to a misquote came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passage<'a> {
    /// The sentence or line most like the quote.
    Found(&'a str),
    /// Nothing in the source is at all like it.
    Nothing,
    /// Searching the source for this quote would cost more than
    /// [`PASSAGE_QUOTE_CAP`]: the source (or the quote) is too long.
    TooLong,
    /// What is left of the load's budget would not pay for the search.
    Spent,
}

/// The sentences of a source, counted once: what a search of it costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentences {
    count: usize,
    bytes: usize,
}

impl Sentences {
    pub fn of(source: &str) -> Sentences {
        sentences(source).fold(Sentences { count: 0, bytes: 0 }, |acc, s| Sentences {
            count: acc.count + 1,
            bytes: acc.bytes + s.len(),
        })
    }

    /// The bytes compared when every sentence is compared with `quote`.
    fn cost(self, quote: &str) -> usize {
        self.count
            .saturating_mul(quote.len())
            .saturating_add(self.bytes)
    }
}

/// The passage of `source` most like `quote`: the sentence or line with the
/// highest bigram similarity. Used to help fix a misquote.
pub fn closest_passage<'a>(source: &'a str, quote: &str) -> Option<&'a str> {
    let target = fold(quote);
    sentences(source)
        .map(|s| (strsim::sorensen_dice(s, &target), s))
        .filter(|(score, _)| *score > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, s)| s)
}

/// [`closest_passage`], paid for from `budget` (bytes compared), when the
/// search costs no more than [`PASSAGE_QUOTE_CAP`] and the budget has enough.
/// `counted` is [`Sentences::of`] the source.
pub fn closest_passage_within<'a>(
    source: &'a str,
    counted: Sentences,
    quote: &str,
    budget: &mut usize,
) -> Passage<'a> {
    let cost = counted.cost(&fold(quote));
    if cost > PASSAGE_QUOTE_CAP {
        return Passage::TooLong;
    }
    if cost > *budget {
        return Passage::Spent;
    }
    *budget -= cost;
    closest_passage(source, quote).map_or(Passage::Nothing, Passage::Found)
}

fn fold(quote: &str) -> String {
    quote.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentences of a text, split at lines and at ". ", trimmed.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .flat_map(|line| line.split_inclusive(". "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As the loader finds a quote: `needle` in `haystack`, every run of
    /// whitespace in either taken as one space. Nothing else is forgiven:
    /// case, punctuation and quotation marks must match exactly.
    fn fold_whitespace_find(haystack: &str, needle: &str) -> Option<Range<usize>> {
        if needle.trim().is_empty() {
            return None;
        }
        exact_find(haystack, needle).or_else(|| Folded::new(haystack).find(needle))
    }

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

    #[test]
    fn the_whitespace_table_agrees_with_char_is_whitespace() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}x");
            let want = c.is_whitespace().then(|| c.len_utf8());
            assert_eq!(whitespace_at(&s, 0), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn folded_ranges_cover_wide_and_multibyte_whitespace() {
        // A no-break space (two bytes) and an ideographic space (three)
        // fold like any run; the range is of the original bytes.
        let hay = "x\u{a0}\u{a0}Seoul\u{3000}and \n\t Beijing’s  end";
        let r = fold_whitespace_find(hay, "Seoul and Beijing’s").unwrap();
        assert_eq!(&hay[r], "Seoul\u{3000}and \n\t Beijing’s");
        let r = fold_whitespace_find(hay, "x Seoul").unwrap();
        assert_eq!(&hay[r], "x\u{a0}\u{a0}Seoul");
        let r = fold_whitespace_find(hay, "’s end").unwrap();
        assert_eq!(&hay[r], "’s  end");
    }

    #[test]
    fn a_quote_of_one_repeated_word_is_found_in_linear_time() {
        // Every place the first word occurs once matched many words; now the
        // source is folded once and searched once.
        let hay = "a  ".repeat(100_000);
        let needle = format!("{}b", "a ".repeat(5_000));
        let start = std::time::Instant::now();
        assert_eq!(fold_whitespace_find(&hay, &needle), None);
        let found = format!("{hay}b");
        let r = fold_whitespace_find(&found, &needle).unwrap();
        assert_eq!(r.end, found.len());
        assert_eq!(&found[r.start..r.start + 3], "a  ");
        let took = start.elapsed();
        // Generous for a busy debug build; the quadratic search took minutes.
        assert!(took.as_secs_f64() < 5.0, "took {took:?}");
    }

    #[test]
    fn the_passage_search_is_paid_from_a_budget() {
        let src = "One two three. Four five six.\nSeven eight nine.";
        let counted = Sentences::of(src);
        assert_eq!(
            counted,
            Sentences {
                count: 3,
                bytes: src.len() - 2
            }
        );
        let quote = "Four five sux.";
        let cost = counted.cost(quote);
        let mut budget = cost;
        assert_eq!(
            closest_passage_within(src, counted, quote, &mut budget),
            Passage::Found("Four five six.")
        );
        assert_eq!(budget, 0);
        assert_eq!(
            closest_passage_within(src, counted, quote, &mut budget),
            Passage::Spent
        );
        let long = "w".repeat(PASSAGE_QUOTE_CAP / 2);
        let mut budget = usize::MAX;
        assert_eq!(
            closest_passage_within(src, counted, &long, &mut budget),
            Passage::TooLong
        );
        assert_eq!(budget, usize::MAX);
        let mut budget = usize::MAX;
        assert_eq!(
            closest_passage_within(src, counted, "zzz", &mut budget),
            Passage::Nothing
        );
    }
}
