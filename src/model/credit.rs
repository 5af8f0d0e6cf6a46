//! How a source is credited: one set of parts, from which every format
//! of a credit is made (the details pane, the reader's header, the
//! citation put on the clipboard, the attribution of `show`, the exports).

use super::Source;

/// The parts of a source's credit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit<'a> {
    pub publisher: &'a str,
    pub headline: &'a str,
    /// The publication date in its human form, when the source gives one.
    pub date: Option<String>,
    pub byline: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl Source {
    /// The parts of this source's credit.
    pub fn credit(&self) -> Credit<'_> {
        Credit {
            publisher: &self.publisher,
            headline: &self.headline,
            date: self.published().map(|d| d.display()),
            byline: self.byline.as_deref(),
            url: self.url.as_deref(),
        }
    }

    /// [`Credit::attribution`] of this source.
    pub fn attribution(&self) -> String {
        self.credit().attribution()
    }
}

impl<'a> Credit<'a> {
    /// The web address, when an export may make it a link: an http or https
    /// address of only the characters a URI holds raw (no spaces, controls,
    /// quotes, angle brackets or non-ASCII). Other addresses are shown as
    /// text, never followed.
    pub fn link(&self) -> Option<&'a str> {
        let url = self.url?;
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        let web = lower.starts_with("https://") || lower.starts_with("http://");
        let raw = url.chars().all(|c| {
            c.is_ascii_graphic()
                && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        });
        (web && raw).then_some(url)
    }
}

impl Credit<'_> {
    /// The date, or "undated".
    pub fn date_or_undated(&self) -> &str {
        self.date.as_deref().unwrap_or("undated")
    }

    /// The publisher and headline without surrounding whitespace.
    pub fn trimmed(self) -> Self {
        Credit {
            publisher: self.publisher.trim(),
            headline: self.headline.trim(),
            ..self
        }
    }

    /// How a quote is credited in prose and exports: "Publisher,
    /// “Headline”, 3 Mar 2014, by Byline" (the date and byline when known).
    pub fn attribution(&self) -> String {
        let mut s = format!("{}, “{}”", self.publisher, self.headline);
        if let Some(date) = &self.date {
            s.push_str(", ");
            s.push_str(date);
        }
        if let Some(by) = self.byline {
            s.push_str(", by ");
            s.push_str(by);
        }
        s
    }

    /// The briefest form, under a quote: `Publisher, 3 Mar 2014` (or
    /// `undated`); the headline is given once per source elsewhere.
    pub fn brief(&self) -> String {
        format!("{}, {}", self.publisher, self.date_or_undated())
    }

    /// The short form, on one line in the interface: `Publisher,
    /// "Headline", 3 Mar 2014` (or `undated`), in straight quotes.
    pub fn short(&self) -> String {
        format!(
            "{}, \"{}\", {}",
            self.publisher,
            self.headline,
            self.date_or_undated()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit(date: Option<&str>, byline: Option<&'static str>) -> Credit<'static> {
        Credit {
            publisher: " Yonhap ",
            headline: "Hotline opens",
            date: date.map(str::to_string),
            byline,
            url: None,
        }
    }

    #[test]
    fn attribution_names_what_is_known() {
        assert_eq!(
            credit(Some("3 Mar 2014"), Some("Kim")).attribution(),
            " Yonhap , “Hotline opens”, 3 Mar 2014, by Kim"
        );
        assert_eq!(
            credit(None, None).attribution(),
            " Yonhap , “Hotline opens”"
        );
    }

    #[test]
    fn only_clean_web_addresses_are_links() {
        let link = |url: &'static str| {
            Credit {
                url: Some(url),
                ..credit(None, None)
            }
            .link()
            .map(str::to_string)
        };
        let ok = "HTTPS://example.org/a_b*c?d=1&e=[2];f,g%20";
        assert_eq!(link(ok).as_deref(), Some(ok));
        assert_eq!(link("http://x.org").as_deref(), Some("http://x.org"));
        for bad in [
            "javascript:alert(1)",
            "ftp://x.org",
            "https://x.org/a b",
            "https://x.org/\u{1b}]52",
            "https://x.org/\"onload=\"x",
            "https://x.org/<script>",
            "https://例え.jp",
            "https:",
            "",
        ] {
            assert_eq!(link(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn short_form_says_undated_and_leaves_out_the_byline() {
        assert_eq!(
            credit(None, Some("Kim")).trimmed().short(),
            "Yonhap, \"Hotline opens\", undated"
        );
        assert_eq!(
            credit(Some("2014"), None).short(),
            " Yonhap , \"Hotline opens\", 2014"
        );
    }
}
