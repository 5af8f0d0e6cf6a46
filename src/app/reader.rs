//! The source reader's state: which quote is shown, the article wrapped to
//! the reader's width (once per width), and the scroll position.

use std::ops::Range;

use crate::model::{Dataset, Quote, Source};

use crate::text::wrap::wrap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// The event, as an index into `Dataset::events`.
    pub event: usize,
    /// Which of the event's quotes is shown.
    pub quote: usize,
    /// The width the lines were wrapped to.
    pub width: usize,
    /// The article's lines, as byte ranges of the source text.
    pub lines: Vec<Range<usize>>,
    pub scroll: usize,
    /// Whether to scroll to the quote once the quotes are located (see
    /// [`super::check`]): so for a reader opened, or moved to another
    /// quote, before they were; not for one kept across a reload, which
    /// stays where the user had it.
    pub to_quote_when_located: bool,
}

impl Reader {
    pub fn new(data: &Dataset, event: usize, quote: usize, width: usize) -> Reader {
        let mut r = Reader {
            event,
            quote,
            width,
            lines: Vec::new(),
            scroll: 0,
            to_quote_when_located: true,
        };
        r.lines = wrap(r.text(data), width);
        r
    }

    pub fn quote<'a>(&self, data: &'a Dataset) -> Option<&'a Quote<'a>> {
        data.events().get(self.event)?.quotes.get(self.quote)
    }

    pub fn source<'a>(&self, data: &'a Dataset) -> Option<&'a Source> {
        self.quote(data).and_then(|q| data.source(&q.source))
    }

    /// The article text (empty if the source is missing).
    pub fn text<'a>(&self, data: &'a Dataset) -> &'a str {
        self.source(data).map_or("", |s| s.text())
    }

    /// Re-wraps for a new width, keeping the top line's text in view.
    pub fn rewrap(&mut self, data: &Dataset, width: usize) {
        if width == self.width {
            return;
        }
        let top = self.lines.get(self.scroll).map_or(0, |r| r.start);
        self.width = width;
        self.lines = wrap(self.text(data), width);
        self.scroll = self.line_of(top);
    }

    /// Shows another quote of the event, re-wrapping if its source differs.
    pub fn set_quote(&mut self, data: &Dataset, quote: usize) {
        let old = self.quote(data).map(|q| q.source.to_string());
        self.quote = quote;
        if self.quote(data).map(|q| q.source.as_str()) != old.as_deref() {
            self.lines = wrap(self.text(data), self.width);
        }
        self.scroll = 0;
        self.to_quote_when_located = true;
    }

    /// The line holding a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|r| r.end < offset)
            .min(self.lines.len().saturating_sub(1))
    }

    /// The lines the current quote spans.
    pub fn quote_lines(&self, data: &Dataset) -> Range<usize> {
        match self.quote(data) {
            // Before the quotes are located (or for one not found), there
            // is nothing to show: the reader stays at the top.
            Some(q) if !self.lines.is_empty() && !q.range().is_empty() => {
                let a = self.line_of(q.range().start);
                let b = self.line_of(q.range().end.saturating_sub(1).max(q.range().start));
                a..b + 1
            }
            _ => 0..0,
        }
    }

    /// Scrolls so the quote starts a third of the way down `height` rows.
    pub fn scroll_to_quote(&mut self, data: &Dataset, height: usize) {
        let q = self.quote_lines(data);
        let len = q.end - q.start;
        let lead = if len + height / 3 <= height {
            height / 3
        } else {
            0
        };
        self.scroll = q.start.saturating_sub(lead);
    }
}
