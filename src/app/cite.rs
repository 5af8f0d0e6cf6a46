//! Citations of quotes, and putting them on the clipboard through OSC 52.

use base64::Engine;

use crate::model::{Quote, Source};
use crate::text::sanitize_line;

/// `"<quote>" — <Publisher>, "<Headline>", <published or undated>`, on one
/// line, whitespace runs folded, control characters made visible.
pub fn citation(quote: &Quote, source: &Source) -> String {
    let text: Vec<&str> = quote.text.split_whitespace().collect();
    let raw = format!(
        "\"{}\" — {}",
        text.join(" "),
        source.credit().trimmed().short()
    );
    sanitize_line(&raw).into_owned()
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{b64}\x07")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dataset, Origin};

    /// A dataset of one event quoting `quote` from a source published on
    /// `published` (when given), as the loader makes it.
    fn dataset(quote: &str, published: Option<&str>) -> Dataset {
        let published = published.map_or("null".to_string(), |p| format!("\"{p}\""));
        let json = serde_json::json!({
            "title": "t", "description": "d", "countries": {},
            "sources": [{"id": "s", "file": "s.txt", "publisher": "The Korea Herald",
                "headline": "Seoul and Beijing to set up defense hotline",
                "published": serde_json::from_str::<serde_json::Value>(&published).unwrap(),
                "published_basis": "stated"}],
            "people": [], "threads": [],
            "events": [{"id": "e", "title": "T", "summary": "S", "kind": "plan",
                "date": "2012", "date_basis": "stated",
                "quotes": [{"source": "s", "text": quote}]}],
        });
        let text = quote.to_string();
        let read = |_: &str| Ok(text.clone());
        Dataset::parse(&json.to_string(), Origin::Embedded, &read).unwrap()
    }

    fn cite(quote: &str, published: Option<&str>) -> String {
        let d = dataset(quote, published);
        citation(&d.events()[0].quotes[0], &d.sources()[0])
    }

    #[test]
    fn citation_format() {
        assert_eq!(
            cite("The two sides\n agreed.", Some("2012-07-31")),
            "\"The two sides agreed.\" — The Korea Herald, \"Seoul and Beijing to set up defense hotline\", 31 Jul 2012"
        );
        assert!(cite("x", None).ends_with(", undated"));
    }

    #[test]
    fn citation_is_sanitized() {
        let c = cite("a\u{1b}[2Jb", None);
        assert!(c.contains("a␛[2Jb"));
        assert!(!c.contains('\u{1b}'));
    }

    #[test]
    fn osc52_encoding() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        assert_eq!(osc52("“서울”"), "\x1b]52;c;4oCc7ISc7Jq44oCd\x07");
    }
}
