//! Text search over events: one smart-case matcher and one list of the
//! fields it searches, shared by `list --search`, `export --search` and the
//! TUI's `/`.
//!
//! Pure: no I/O, no terminal. Nothing is allocated per event: a query is
//! prepared once ([`Matcher::new`]) and then compared with the dataset's own
//! strings in place.

use std::ops::Range;

use memchr::memmem;

use crate::model::{Dataset, Event, Str};

/// Every text of an event that a search looks at: its id, title, summary,
/// place, date note, tags, quotes, and the names and aliases of its people.
///
/// The date note is included because it is prose the details pane shows
/// (as "Basis") and `list --search` has always searched it.
pub fn fields<'a>(data: &'a Dataset, e: &'a Event) -> impl Iterator<Item = &'a str> + 'a {
    [e.id.as_str(), e.title.as_str(), e.summary.as_str()]
        .into_iter()
        .chain(e.place.as_deref())
        .chain(e.date_note.as_deref())
        .chain(e.tags.iter().map(Str::as_str))
        .chain(e.quotes.iter().map(|q| q.text.as_str()))
        .chain(
            e.people
                .iter()
                .filter_map(|id| data.person(id))
                .flat_map(|p| {
                    std::iter::once(p.name.as_str()).chain(p.aliases.iter().map(String::as_str))
                }),
        )
}

/// Whether any of the event's [`fields`] matches.
pub fn event_matches(data: &Dataset, e: &Event, m: &Matcher) -> bool {
    fields(data, e).any(|f| m.is_match(f))
}

/// The first of the event's [`fields`], from the `from`th on, that the
/// event matches in (`fields` counted from 0), after asking its mark (see
/// [`marks`]). When the mark alone decides, nothing is read and the answer
/// is `from`: no earlier field is known to lack the query.
///
/// Any field before the answer lacks the query, so a longer query that
/// [`Matcher::refines`] this one need not look there: the search's next
/// keystroke starts where the last one found each event.
pub fn event_match_field(
    data: &Dataset,
    marks: &[u64],
    index: usize,
    m: &Matcher,
    from: usize,
) -> Option<usize> {
    if marks[index] & m.required != m.required {
        return None;
    }
    if m.mark_decides {
        return Some(from);
    }
    fields(data, &data.events()[index])
        .enumerate()
        .skip(from)
        .find(|(_, f)| m.is_match(f))
        .map(|(k, _)| k)
}

/// For each event of `data`, which characters its [`fields`] contain, as a
/// [`text_mark`]: eight bytes an event, built on the first call and kept
/// in the dataset. A keystroke reads these in order instead of following
/// every event's strings around the heap.
pub fn marks(data: &Dataset) -> &[u64] {
    data.text_marks(|| {
        // Read in the order the events lie in memory (see
        // [`Dataset::memory_order`]), each mark put at its event's place.
        let events = data.events();
        let mut marks = vec![0; events.len()];
        for &i in data.memory_order() {
            let e = &events[i as usize];
            marks[i as usize] = fields(data, e).fold(0, |m, f| m | text_mark(f));
        }
        marks
    })
}

/// The bit of one ASCII letter in either case or one digit; other ASCII
/// bytes share the remaining bits; any non-ASCII byte sets the top bit.
const fn byte_mark(b: u8) -> u64 {
    if b >= 0x80 {
        NON_ASCII
    } else if b.is_ascii_alphabetic() {
        1 << (b.to_ascii_lowercase() - b'a')
    } else if b.is_ascii_digit() {
        1 << (26 + b - b'0')
    } else {
        1 << (36 + b % 27)
    }
}

const NON_ASCII: u64 = 1 << 63;

const BYTE_MARKS: [u64; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = byte_mark(b as u8);
        b += 1;
    }
    t
};

/// Which characters occur in `text`: the union of their bits. If a matcher
/// finds its query in a text, every bit the matcher requires is set.
pub fn text_mark(text: &str) -> u64 {
    text.bytes().fold(0, |m, b| m | BYTE_MARKS[b as usize])
}

/// A query ready to match, with smart case: case-insensitive unless the
/// query has an uppercase letter, then exact.
///
/// Case-insensitive matching lowercases character by character (Unicode
/// simple lowercase). A query that is ASCII once lowercased takes a fast
/// path comparing bytes with ASCII case folding, so it does not match
/// non-ASCII letters whose lowercase is ASCII (the Kelvin sign `K`).
/// Characters are otherwise compared as written: a straight apostrophe does
/// not find a curly one.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The query, lowercased when folding.
    needle: String,
    how: How,
    /// The bits of [`text_mark`] that a matching text must have.
    required: u64,
    /// Whether having the `required` bits is enough: a one-character
    /// letter or digit query ignoring case.
    mark_decides: bool,
}

#[derive(Debug, Clone)]
enum How {
    /// The query has a capital: byte for byte.
    Exact(Box<memmem::Finder<'static>>),
    /// A lowercase ASCII query: candidates are found by the first byte in
    /// either case, then the rest compared ignoring ASCII case.
    AsciiFold,
    /// A lowercase query with non-ASCII characters: every character of the
    /// text is lowercased and compared.
    UnicodeFold,
}

impl Matcher {
    /// `None` for an empty query.
    pub fn new(query: &str) -> Option<Matcher> {
        if query.is_empty() {
            return None;
        }
        if query.chars().any(char::is_uppercase) {
            let how = How::Exact(Box::new(memmem::Finder::new(query.as_bytes()).into_owned()));
            return Some(Matcher {
                required: text_mark(query),
                needle: query.to_string(),
                how,
                mark_decides: false,
            });
        }
        let needle: String = query.chars().flat_map(char::to_lowercase).collect();
        if needle.is_ascii() {
            // The fast path compares ASCII bytes: each of the needle's is in
            // a matching text, in one case or the other.
            let mark_decides = needle.len() == 1 && needle.as_bytes()[0].is_ascii_alphanumeric();
            Some(Matcher {
                required: text_mark(&needle),
                needle,
                how: How::AsciiFold,
                mark_decides,
            })
        } else {
            // An ASCII letter of the needle may match a non-ASCII one (the
            // Kelvin sign): only the non-ASCII character is certain.
            Some(Matcher {
                needle,
                how: How::UnicodeFold,
                required: NON_ASCII,
                mark_decides: false,
            })
        }
    }

    /// Whether every text this matcher finds its query in, `previous`
    /// finds its own in, given that this query extends `previous`'s: then a
    /// search may test only the previous matches. It holds but for an ASCII
    /// query extended by a non-ASCII character: the longer query folds the
    /// text's characters (the Kelvin sign becomes `k`) where the shorter
    /// compared ASCII bytes.
    pub fn refines(&self, previous: &Matcher) -> bool {
        !matches!(
            (&previous.how, &self.how),
            (How::AsciiFold, How::UnicodeFold)
        )
    }

    /// Whether an event's mark alone decides whether it matches, so that
    /// testing an event reads nothing but its mark.
    pub fn mark_decides(&self) -> bool {
        self.mark_decides
    }

    /// Whether the query is case-sensitive (it has an uppercase letter).
    pub fn is_case_sensitive(&self) -> bool {
        matches!(self.how, How::Exact(_))
    }

    pub fn is_match(&self, hay: &str) -> bool {
        self.find_from(hay, 0).is_some()
    }

    /// Every non-overlapping match, left to right, as byte ranges of `hay`
    /// (each starts and ends on a character boundary).
    pub fn find_all(&self, hay: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(r) = self.find_from(hay, at) {
            at = r.end.max(r.start + 1);
            out.push(r);
            while at < hay.len() && !hay.is_char_boundary(at) {
                at += 1;
            }
        }
        out
    }

    /// The first match starting at or after byte `from` (a char boundary).
    fn find_from(&self, hay: &str, from: usize) -> Option<Range<usize>> {
        let rest = hay.get(from..)?;
        let (start, len) = match &self.how {
            How::Exact(finder) => (finder.find(rest.as_bytes())?, self.needle.len()),
            How::AsciiFold => (
                find_ascii_fold(rest.as_bytes(), self.needle.as_bytes())?,
                self.needle.len(),
            ),
            How::UnicodeFold => {
                // ASCII letters lowercase to ASCII, so a text without
                // non-ASCII characters cannot hold a non-ASCII needle.
                if rest.is_ascii() {
                    return None;
                }
                rest.char_indices()
                    .find_map(|(i, _)| self.folded_len_at(&rest[i..]).map(|n| (i, n)))?
            }
        };
        Some(from + start..from + start + len)
    }

    /// The byte length of a case-folded match of the needle at the start
    /// of `hay`: whole characters of `hay` whose lowercase is the needle.
    fn folded_len_at(&self, hay: &str) -> Option<usize> {
        let mut need = self.needle.chars().peekable();
        for (k, c) in hay.char_indices() {
            for l in c.to_lowercase() {
                if need.next() != Some(l) {
                    return None;
                }
            }
            if need.peek().is_none() {
                return Some(k + c.len_utf8());
            }
        }
        None
    }
}

/// The start of the first occurrence of `needle` (lowercase ASCII, not
/// empty) in `hay`, ignoring ASCII case. An ASCII byte never occurs inside
/// a multi-byte UTF-8 character, so a match starts and ends on character
/// boundaries.
fn find_ascii_fold(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, tail) = needle.split_first()?;
    let upper = first.to_ascii_uppercase();
    let last_start = hay.len().checked_sub(needle.len())?;
    let window = &hay[..last_start + 1];
    let rest_matches = |i: usize| hay[i + 1..i + needle.len()].eq_ignore_ascii_case(tail);
    if upper == first {
        memchr::memchr_iter(first, window).find(|&i| rest_matches(i))
    } else {
        memchr::memchr2_iter(first, upper, window).find(|&i| rest_matches(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(q: &str) -> Matcher {
        Matcher::new(q).unwrap()
    }

    #[test]
    fn an_ascii_query_is_not_refined_by_a_folded_character() {
        // "k" compares bytes; "kä" folds the text: the Kelvin sign is a k.
        let hay = "\u{212A}ä";
        assert!(!m("k").is_match(hay));
        assert!(m("kä").is_match(hay));
        assert!(!m("kä").refines(&m("k")));
        assert!(m("kö").refines(&m("ä")));
        assert!(m("kor").refines(&m("ko")));
        assert!(m("koR").refines(&m("ko")));
    }

    #[test]
    fn smart_case() {
        assert!(Matcher::new("").is_none());
        assert!(m("kim").is_match("Minister KIM said"));
        assert!(!m("kim").is_case_sensitive());
        assert!(m("Kim").is_match("Kim said"));
        assert!(!m("Kim").is_match("kim said"));
        assert!(!m("Kim").is_match("KIM said"));
        assert!(m("Kim").is_case_sensitive());
        // A capital anywhere makes the whole query exact.
        assert!(!m("min-Koo").is_match("Min-koo"));
        // Digits and punctuation are not capitals.
        assert!(m("min-koo 2").is_match("HAN MIN-KOO 2"));
    }

    #[test]
    fn ascii_matches_as_byte_ranges() {
        assert_eq!(m("ab").find_all("xAbyab"), [1..3, 4..6]);
        assert_eq!(m("aa").find_all("aaaa"), [0..2, 2..4], "non-overlapping");
        assert_eq!(m("a").find_all("서a"), [Range { start: 3, end: 4 }]);
        assert_eq!(m("-").find_all("Min-koo"), [Range { start: 3, end: 4 }]);
        assert_eq!(
            m("hotline").find_all("HOTLINE"),
            [Range { start: 0, end: 7 }]
        );
        assert!(!m("hotlines").is_match("hotline"));
        assert!(m("x").find_all("").is_empty());
        // The Kelvin sign is not folded by the ASCII path.
        assert!(!m("k").is_match("\u{212A}"));
    }

    #[test]
    fn non_ascii_matches() {
        // ä folds to Ä; Ä is a capital, so it is exact.
        assert_eq!(m("ä").find_all("Äpfel und äpfel"), [0..2, 11..13]);
        assert_eq!(
            m("Ä").find_all("Äpfel und äpfel"),
            [Range { start: 0, end: 2 }]
        );
        assert_eq!(m("élan").find_all("ÉLAN élan"), [0..5, 6..11]);
        // Hangul has no case: found as written.
        assert_eq!(m("서울").find_all("in 서울, 서울"), [3..9, 11..17]);
        assert!(!m("서울").is_match("Seoul"));
        // A curly apostrophe is found by a curly one, in either case.
        let hay = "Korea’s Ministry";
        assert_eq!(m("korea’s").find_all(hay), [Range { start: 0, end: 9 }]);
        assert_eq!(m("Korea’s").find_all(hay), [Range { start: 0, end: 9 }]);
        assert_eq!(m("’s m").find_all(hay), [Range { start: 5, end: 11 }]);
        assert!(
            !m("korea's").is_match(hay),
            "quotes are compared as written"
        );
        // Greek capitals fold.
        assert!(m("σεούλ").is_match("ΣΕΟΎΛ"));
    }

    /// The reference: smart case by allocating lowercase copies.
    fn naive(query: &str, hay: &str) -> Vec<Range<usize>> {
        let (q, h) = if query.chars().any(char::is_uppercase) {
            (query.to_string(), hay.to_string())
        } else {
            (query.to_lowercase(), hay.to_lowercase())
        };
        h.match_indices(&q).map(|(i, s)| i..i + s.len()).collect()
    }

    #[test]
    fn marks_skip_only_events_that_cannot_match() {
        let read = |_: &str| Ok("Minister Han Min-koo spoke".to_string());
        let data = Dataset::parse(
            r#"{"title": "t", "description": "d", "countries": {"KR": "South Korea"},
              "sources": [{"id": "s", "file": "s.txt", "publisher": "P", "headline": "H",
                "published": null, "published_basis": null, "byline": null, "url": null, "note": null}],
              "people": [{"id": "han", "name": "Han Min-goo", "aliases": ["Han Min-koo"], "roles": []}],
              "threads": [],
              "events": [
                {"id": "a", "title": "Talks", "summary": "In 서울", "kind": "meeting", "date": "2015",
                 "date_basis": "stated", "parties": ["KR"], "people": ["han"],
                 "quotes": [{"source": "s", "text": "spoke"}]},
                {"id": "b", "title": "Plan 7", "summary": "s", "kind": "plan", "date": "2016",
                 "date_basis": "stated", "parties": ["KR"], "tags": ["xylo"],
                 "quotes": [{"source": "s", "text": "Minister"}]}
              ]}"#,
            crate::model::Origin::Embedded,
            &read,
        )
        .unwrap();
        let marks = marks(&data);
        assert_eq!(marks.len(), 2);
        let hits = |q: &str| -> Vec<&str> {
            let m = m(q);
            (0..2)
                .filter(|&i| event_match_field(&data, marks, i, &m, 0).is_some())
                .map(|i| data.events()[i].id.as_str())
                .collect()
        };
        for q in [
            "k", "K", "x", "7", "서울", "서", "min-koo", "Min-koo", "tal", "-", "z", "ş",
        ] {
            let m = m(q);
            let slow: Vec<&str> = data
                .events()
                .iter()
                .filter(|e| event_matches(&data, e, &m))
                .map(|e| e.id.as_str())
                .collect();
            assert_eq!(hits(q), slow, "query {q:?}");
        }
        assert_eq!(hits("k"), ["a"], "through the alias");
        assert_eq!(hits("x"), ["b"], "through a tag");
        assert!(hits("z").is_empty());
    }

    proptest! {
        #[test]
        fn a_text_with_a_match_has_the_required_mark(
            query in "[a-zA-Z0-9 .ä서K]{1,3}",
            hay in "[a-zA-Z0-9 .,äÄ서\u{212A}]{0,30}",
        ) {
            let m = Matcher::new(&query).unwrap();
            let mark = text_mark(&hay);
            if m.is_match(&hay) {
                prop_assert_eq!(mark & m.required, m.required);
            }
            if m.mark_decides {
                prop_assert_eq!(mark & m.required == m.required, m.is_match(&hay));
            }
        }

        /// A longer query that refines a shorter one finds nothing the
        /// shorter misses, so a keystroke may test only the last matches;
        /// and the field where the shorter was first found is where the
        /// longer can first be.
        #[test]
        fn a_refining_query_finds_a_subset(
            query in "[a-cA-Cä\u{212A} ]{1,3}",
            more in "[a-cA-Cä\u{212A}k ]{1,2}",
            texts in proptest::collection::vec("[a-cA-Cä\u{212A}kK ]{0,12}", 1..6),
        ) {
            let short = Matcher::new(&query).unwrap();
            let long = Matcher::new(&format!("{query}{more}")).unwrap();
            let first = |m: &Matcher| texts.iter().position(|t| m.is_match(t));
            if long.refines(&short) {
                for t in &texts {
                    prop_assert!(!long.is_match(t) || short.is_match(t), "{t:?}");
                }
                if let Some(l) = first(&long) {
                    prop_assert!(first(&short).is_some_and(|s| s <= l));
                }
            }
        }

        #[test]
        fn ascii_agrees_with_lowercase_contains(
            query in "[a-zA-Z -]{1,4}",
            hay in "[a-cA-C -]{0,40}",
        ) {
            let m = Matcher::new(&query).unwrap();
            let expected = naive(&query, &hay);
            prop_assert_eq!(m.is_match(&hay), !expected.is_empty());
            prop_assert_eq!(m.find_all(&hay), expected);
        }

        #[test]
        fn ascii_query_on_any_ascii(query in "[ -~]{1,3}", hay in "[ -~]{0,60}") {
            let m = Matcher::new(&query).unwrap();
            prop_assert_eq!(m.find_all(&hay), naive(&query, &hay));
        }

        #[test]
        fn unicode_path_agrees_with_lowercase_contains(
            query in "[äöé서울a]{1,3}",
            hay in "[äöéÄÖÉ서울aA ]{0,30}",
        ) {
            // These letters lowercase to one character of the same length,
            // so byte offsets in the lowercased copy are offsets in `hay`.
            let m = Matcher::new(&query).unwrap();
            prop_assert_eq!(m.find_all(&hay), naive(&query, &hay));
        }
    }
}
