//! The check of the quotes of a dataset shown before they were located in
//! their sources (at start, and after each reload of a dataset file): its
//! progress in the header, and its result, taken in when it comes.
//!
//! The app asks for it with [`Effect::Check`] (at start through
//! [`App::first_check`], after a reload from [`super::Msg::Loaded`]); the
//! terminal loop runs it on a worker thread
//! ([`crate::model::QuoteCheck::run`]) and sends
//! [`super::Msg::CheckProgress`] as it goes and [`super::Msg::Checked`] at
//! the end, each with the request's id. A reload that comes in while it
//! runs supersedes it: the new data comes with its own check (or none, a
//! TimelineJS file being checked in full), and the messages of the old
//! check, which are about the data it replaced, are dropped by their id.

use crate::model::{QuoteCheck, QuotesLocated};

use super::{App, CheckRequest, Effect};

/// How far the check of the quotes has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checking {
    /// The id of the check ([`CheckRequest::id`]): the generation of the
    /// data it checks. Messages with another id are dropped.
    pub check: u64,
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

    /// The effect that starts `check`, the check of the quotes that came
    /// with the dataset the app was made with ([`App::new`]); none when
    /// that data needs no check. Changes nothing: a reload asks for the
    /// check of its data itself.
    pub fn first_check(&self, check: QuoteCheck) -> Vec<Effect> {
        self.checking
            .map(|c| Effect::Check(CheckRequest { id: c.check, check }))
            .into_iter()
            .collect()
    }

    /// Takes in the result of check `check`, unless a reload superseded it:
    /// each quote at its place, and the problems (the data stays on screen,
    /// and the footer and `?` say that it fails its checks).
    pub(super) fn checked(&mut self, check: u64, located: QuotesLocated) {
        if self.checking.is_none_or(|c| c.check != check) {
            return;
        }
        self.checking = None;
        // In place, through the shared dataset: workers (a search, an
        // export) may hold it, and copying it would cost as much as a load.
        self.data.set_located(&located);
        self.generation += 1;
        if !located.problems.is_empty() {
            self.problems = located.problems;
            self.check_failed = true;
            // The failure is the news: the footer shows it, not the note of
            // an earlier message (a reload's "Reloaded: N events").
            self.status = None;
        }
        let height = (self.areas.reader_body.height as usize).max(1);
        // A reader opened before its quote was located goes to it; one
        // kept across a reload stays where the user had it.
        if let Some(r) = self.reader.as_mut().filter(|r| r.to_quote_when_located) {
            r.scroll_to_quote(&self.data, height);
        }
        if self.status.as_deref() == Some(LOCATING) {
            self.status = None;
        }
    }
}
