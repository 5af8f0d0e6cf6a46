//! The check of the quotes of a dataset shown before they were located in
//! their sources (at start, on a large file): its progress in the header,
//! and its result, taken in when it comes.
//!
//! The terminal loop runs the check on a worker thread
//! ([`crate::model::QuoteCheck::run`]) and sends [`super::Msg::CheckProgress`]
//! as it goes and [`super::Msg::Checked`] at the end. A reload that comes
//! in while it runs supersedes it: its data is checked in full, and the
//! check's result, which is about the data it replaced, is dropped.

use crate::model::QuotesLocated;

use super::App;

/// How far the check of the quotes has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checking {
    pub done: usize,
    pub total: usize,
}

/// The status when the reader opens before the quotes are located.
pub const LOCATING: &str = "Locating quotes… the reader shows the quote once it is found";

impl App {
    /// What the header says while the quotes are checked.
    pub fn checking_status(&self) -> Option<String> {
        let c = self.checking?;
        let percent = (c.done * 100).checked_div(c.total).unwrap_or(0);
        Some(format!("Checking quotes {percent}%…"))
    }

    /// Takes in the check's result, unless a reload superseded it: each
    /// quote at its place, and the problems (the data stays on screen, and
    /// the footer and `?` say that it fails its checks).
    pub(super) fn checked(&mut self, located: QuotesLocated) {
        if self.checking.take().is_none() {
            return;
        }
        // In place, through the shared dataset: workers (a search, an
        // export) may hold it, and copying it would cost as much as a load.
        self.data.set_located(&located);
        self.generation += 1;
        if !located.problems.is_empty() {
            self.problems = located.problems;
            self.check_failed = true;
        }
        let height = (self.areas.reader_body.height as usize).max(1);
        if let Some(r) = self.reader.as_mut() {
            r.scroll_to_quote(&self.data, height);
        }
        if self.status.as_deref() == Some(LOCATING) {
            self.status = None;
        }
    }
}
