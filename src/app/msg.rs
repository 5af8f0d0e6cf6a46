//! What comes into the state ([`Msg`]) and what goes out of it
//! ([`Effect`]): everything that happens is a message to
//! [`super::App::update`], and what the world outside should do about it
//! comes back as effects for the terminal loop to carry out.

use std::path::PathBuf;

use crate::action::Action;
use crate::cli::ExportFormat;
use crate::model::{Dataset, LoadError, QuoteCheck, QuotesLocated};

use super::file::EditRequest;
use super::incremental_search::{SearchRequest, SearchResult};

/// Something that happened.
// A message is moved once, into `update`; copying a few hundred bytes per
// reload does not matter, and callers need not box the dataset.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Msg {
    /// A key (through the keymap) or a mouse event.
    Action(Action),
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// The dataset file or one of its sources changed on disk (`--watch`).
    FilesChanged,
    /// The editor asked for by [`Effect::Edit`] exited: the file may have
    /// changed.
    EditorClosed,
    /// The dataset file was read again ([`Dataset::load_unchecked`]): the
    /// new data with the check of its quotes still to run (none for a
    /// TimelineJS file, checked in full), or why it failed.
    Loaded(Result<(Dataset, Option<QuoteCheck>), LoadError>),
    /// The editor asked for by [`Effect::Edit`] could not be started.
    EditorFailed { program: String, error: String },
    /// The file asked for by [`Effect::Export`] was written (its path and
    /// the number of events in it), or why not.
    Exported(Result<(PathBuf, usize), String>),
    /// [`Effect::Export`] without `replace` found a file at the path and
    /// left it alone: the user is asked before it is replaced.
    ExportWouldReplace(PathBuf),
    /// The check of the quotes of a dataset shown before they were located
    /// (at start or after a reload, see
    /// [`crate::model::Dataset::load_unchecked`]) has looked for `done` of
    /// `total` quotes. `check` is the [`CheckRequest::id`] it was started
    /// with: the progress of a check of data since replaced is dropped.
    CheckProgress {
        check: u64,
        done: usize,
        total: usize,
    },
    /// That check is done: where each quote is, and the problems found.
    /// Dropped, like its progress, unless `check` is the check the app
    /// waits for.
    Checked { check: u64, located: QuotesLocated },
    /// The answer to [`Effect::Search`]: the events that match its query.
    Searched(SearchResult),
}

impl From<Action> for Msg {
    fn from(a: Action) -> Msg {
        Msg::Action(a)
    }
}

/// Something for the terminal loop to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard.
    Copy(String),
    /// Hand the terminal to an editor on the dataset file; send
    /// [`Msg::EditorClosed`] when it exits.
    Edit(EditRequest),
    /// Read the dataset file at this path on a worker thread
    /// ([`Dataset::load_unchecked`]) and send the result as
    /// [`Msg::Loaded`]. The app asks for one load at a time.
    Load(PathBuf),
    /// Run the check of the quotes of the dataset the app holds (the one
    /// it came with) on a worker thread; send [`Msg::CheckProgress`] as it
    /// goes and [`Msg::Checked`] at the end, both with the request's id.
    Check(CheckRequest),
    /// Write a view to a file on a worker thread; send [`Msg::Exported`],
    /// or [`Msg::ExportWouldReplace`].
    Export(ExportRequest),
    /// Search the dataset on a worker thread; send the answer as
    /// [`Msg::Searched`]. A request supersedes those before it: their
    /// answers would be dropped, so their work may stop.
    Search(SearchRequest),
    /// Stop to the shell (Ctrl-z), as less and vim do; redraw on return.
    Suspend,
    /// Leave the interface.
    Quit,
}

/// What [`Effect::Check`] runs: the check of the quotes that came with the
/// dataset the app holds, and the number its messages carry back.
#[derive(Debug)]
pub struct CheckRequest {
    /// The generation of the data it checks (unique per dataset taken in).
    pub id: u64,
    pub check: QuoteCheck,
}

/// Two requests are alike when they have the same id: a check is made once
/// per dataset, by its load, and the id names that dataset.
impl PartialEq for CheckRequest {
    fn eq(&self, other: &CheckRequest) -> bool {
        self.id == other.id
    }
}

impl Eq for CheckRequest {}

/// What [`Effect::Export`] writes: these events (indices into the
/// dataset's events, in order) to `path` in `format`, through the
/// temporary file and rename the command line's export uses. When
/// something is at `path` and `replace` is false, nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    pub path: PathBuf,
    pub format: ExportFormat,
    pub events: Vec<u32>,
    pub replace: bool,
}
