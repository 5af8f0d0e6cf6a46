//! A problem found while loading a dataset, with its place in the file.

use std::fmt;

use serde::Serialize;

use crate::text::sanitize_line;

/// One problem in a dataset file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file the problem is in (the dataset, or a source it names).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The JSON path of the field, e.g. `events[3].quotes[0].text`; `$` for the whole document.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One problem is one line: a file name, key or value quoted from the
        // data cannot start another or reach the terminal.
        write!(
            f,
            "{}:{}:{}: {}: {}",
            sanitize_line(&self.file),
            self.line,
            self.column,
            sanitize_line(&self.path),
            sanitize_line(&self.message)
        )
    }
}
