//! Citations of quotes, and putting them on the clipboard through OSC 52.

use base64::Engine;

use crate::model::{Quote, Source};
use crate::text::sanitize_line;

/// `"<quote>" — <Publisher>, "<Headline>", <published or undated>`, on one
/// line, whitespace runs folded, control characters made visible.
pub fn citation(quote: &Quote, source: &Source) -> String {
    let text: Vec<&str> = quote.text.split_whitespace().collect();
    let date = source
        .published
        .as_ref()
        .map_or_else(|| "undated".to_string(), |d| d.display());
    let raw = format!(
        "\"{}\" — {}, \"{}\", {}",
        text.join(" "),
        source.publisher.trim(),
        source.headline.trim(),
        date
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
    use crate::model::Date;

    fn source(published: Option<&str>) -> Source {
        Source {
            id: "s".into(),
            file: "s.txt".into(),
            publisher: "The Korea Herald".into(),
            headline: "Seoul and Beijing to set up defense hotline".into(),
            published_raw: published.map(str::to_string),
            published_basis: None,
            byline: None,
            url: None,
            note: None,
            published: published.map(|p| Date::parse(p).unwrap()),
            text: String::new(),
            extra: Default::default(),
        }
    }

    fn quote(text: &str) -> Quote {
        Quote {
            source: "s".into(),
            text: text.into(),
            range: 0..0,
            extra: Default::default(),
        }
    }

    #[test]
    fn citation_format() {
        assert_eq!(
            citation(
                &quote("The two sides\n agreed."),
                &source(Some("2012-07-31"))
            ),
            "\"The two sides agreed.\" — The Korea Herald, \"Seoul and Beijing to set up defense hotline\", 31 Jul 2012"
        );
        assert!(citation(&quote("x"), &source(None)).ends_with(", undated"));
    }

    #[test]
    fn citation_is_sanitized() {
        let c = citation(&quote("a\u{1b}[2Jb"), &source(None));
        assert!(c.contains("a␛[2Jb"));
        assert!(!c.contains('\u{1b}'));
    }

    #[test]
    fn osc52_encoding() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        assert_eq!(osc52("“서울”"), "\x1b]52;c;4oCc7ISc7Jq44oCd\x07");
    }
}
