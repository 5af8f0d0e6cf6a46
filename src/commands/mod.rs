//! The commands behind the command line. Each command builds its whole output
//! as text, then [`emit`]s it; none of them touches the terminal beyond asking
//! whether standard output is one and how wide it is.

mod browse;
mod completions;
mod export;
mod import;
mod list;
mod markdown;
mod show;
mod sources;
mod table;
mod validate;

pub mod ics;

use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command};
use crate::model::{Dataset, LoadError};

/// Exit code: success.
pub const OK: u8 = 0;
/// Exit code: problems found, unknown id, or nothing matched.
pub const PROBLEMS: u8 = 1;
/// Exit code: usage error, or a file that cannot be read or written.
pub const USAGE: u8 = 2;

/// A command that could not do its work: the exit code and what to tell the
/// user on stderr (nothing, for a closed pipe).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fail {
    pub code: u8,
    pub message: String,
}

impl Fail {
    pub fn new(code: u8, message: impl Into<String>) -> Fail {
        Fail {
            code,
            message: message.into(),
        }
    }

    /// The reader went away (`hotlines list | head -1`): stop quietly, with success.
    fn closed_pipe() -> Fail {
        Fail::new(OK, "")
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub type Result<T> = std::result::Result<T, Fail>;

/// Runs the parsed command line; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    if cli.file.is_some() && cli.file_flag.is_some() {
        return Err(Fail::new(
            USAGE,
            "give the dataset either as FILE or with -f/--file, not both",
        ));
    }
    let path = cli.dataset_path().map(Path::to_path_buf);
    if cli.watch {
        browse::check_watch(path.as_deref(), cli.command.as_ref())?;
    }
    match cli.command {
        None => browse::run(path.as_deref(), cli.watch),
        Some(Command::List(args)) => list::run(path.as_deref(), &args),
        Some(Command::Show(args)) => show::run(path.as_deref(), &args),
        Some(Command::Validate(args)) => validate::run(&args),
        Some(Command::Export(args)) => export::run(path.as_deref(), &args),
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Sources(args)) => sources::run(path.as_deref(), &args),
        Some(Command::Completions(args)) => completions::run(&args),
    }
}

/// The dataset of FILE/`-f`, or the embedded one; a dataset that does not load
/// is reported in full.
pub fn open_dataset(path: Option<&Path>) -> Result<Dataset> {
    let loaded = match path {
        Some(p) => Dataset::load(p),
        None => Dataset::embedded(),
    };
    loaded.map_err(|e| match e {
        LoadError::Io { file, message } => {
            Fail::new(USAGE, format!("cannot read {file}: {message}"))
        }
        invalid @ LoadError::Invalid(_) => Fail::new(PROBLEMS, invalid.to_string()),
    })
}

/// Where output goes.
#[derive(Debug, Clone)]
pub enum Sink {
    Stdout,
    File(PathBuf),
}

impl Sink {
    pub fn from_option(path: Option<&Path>) -> Sink {
        path.map_or(Sink::Stdout, |p| Sink::File(p.to_path_buf()))
    }
}

/// Writes `data` to its sink. A closed pipe on stdout ends the program quietly
/// with success; other failures exit 2.
pub fn emit(sink: &Sink, data: &[u8]) -> Result<()> {
    match sink {
        Sink::Stdout => write_stdout(data),
        Sink::File(path) => std::fs::write(path, data)
            .map_err(|e| Fail::new(USAGE, format!("cannot write {}: {e}", path.display()))),
    }
}

/// Writes to stdout, treating a closed pipe as a quiet exit 0.
pub fn write_stdout(data: &[u8]) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(data)
        .and_then(|()| out.flush())
        .map_err(|e| match e.kind() {
            io::ErrorKind::BrokenPipe => Fail::closed_pipe(),
            _ => Fail::new(USAGE, format!("cannot write to standard output: {e}")),
        })
}

/// Whether standard output is a terminal.
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// The width to fit tables and text to: `COLUMNS` if set (so a script can ask
/// for a width), else the terminal's width when stdout is one, else 100.
pub fn output_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return n;
    }
    if stdout_is_terminal()
        && let Ok((cols, _)) = ratatui::crossterm::terminal::size()
        && cols > 0
    {
        return usize::from(cols);
    }
    100
}

/// "1 event", "2 events".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Writes a line to stderr (sanitized: it may quote dataset text). A closed
/// stderr is ignored.
pub fn warn(message: &str) {
    let _ = writeln!(
        io::stderr().lock(),
        "{}",
        crate::text::sanitize_text(message)
    );
}
