//! The commands behind the command line. A command writes its output through
//! [`emit_with`], piece by piece as it is produced (or [`emit`]s a small text
//! whole); none of them touches the terminal beyond asking whether standard
//! output is one and how wide it is.

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
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
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

/// How much output is gathered before each write to the sink.
const BUFFER: usize = 64 * 1024;

/// Writes `data` to its sink, as [`emit_with`] does.
pub fn emit(sink: &Sink, data: &[u8]) -> Result<()> {
    emit_with(sink, |out| out.write_all(data))
}

/// Runs `write` over a buffered writer to the sink, so that output goes out as
/// it is produced and is never held whole. A closed pipe on stdout, at any
/// point, ends the program quietly with success. Any other failure exits 2;
/// a file that could not be written in full is removed rather than left
/// looking complete.
pub fn emit_with(sink: &Sink, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    match sink {
        Sink::Stdout => {
            let mut out = BufWriter::with_capacity(BUFFER, io::stdout().lock());
            let written = write(&mut out).and_then(|()| out.flush());
            // What is still buffered after a failure is dropped, not retried.
            let _ = out.into_parts();
            written.map_err(stdout_error)
        }
        Sink::File(path) => {
            let fail =
                |e: io::Error| Fail::new(USAGE, format!("cannot write {}: {e}", path.display()));
            let mut out = BufWriter::with_capacity(BUFFER, File::create(path).map_err(fail)?);
            let written = write(&mut out).and_then(|()| out.flush());
            let (file, _) = out.into_parts();
            drop(file);
            written.map_err(|e| {
                // Only a regular file is removed: never a device such as /dev/full.
                if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
                    let _ = std::fs::remove_file(path);
                }
                fail(e)
            })
        }
    }
}

/// Writes to stdout, treating a closed pipe as a quiet exit 0.
pub fn write_stdout(data: &[u8]) -> Result<()> {
    emit(&Sink::Stdout, data)
}

fn stdout_error(e: io::Error) -> Fail {
    match e.kind() {
        io::ErrorKind::BrokenPipe => Fail::closed_pipe(),
        _ => Fail::new(USAGE, format!("cannot write to standard output: {e}")),
    }
}

/// A CSV writer's error as the I/O error beneath it, so that a closed pipe
/// is still recognized as one.
pub fn csv_io_error(e: csv::Error) -> io::Error {
    if !e.is_io_error() {
        return io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
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

/// Writes a line to stderr (sanitized: it may quote dataset text). A closed
/// stderr is ignored.
pub fn warn(message: &str) {
    let _ = writeln!(
        io::stderr().lock(),
        "{}",
        crate::text::sanitize_text(message)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_fails_midway_is_removed_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "an older export").unwrap();
        let failed = emit_with(&Sink::File(path.clone()), |out| {
            out.write_all(&[b'x'; 3 * BUFFER])?;
            Err(io::Error::other("the disk is full"))
        });
        let fail = failed.unwrap_err();
        assert_eq!(fail.code, USAGE);
        assert_eq!(
            fail.message,
            format!("cannot write {}: the disk is full", path.display())
        );
        assert!(!path.exists(), "a half-written file is not left behind");
    }

    #[test]
    fn a_file_is_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let data = "line\n".repeat(BUFFER);
        emit_with(&Sink::File(path.clone()), |out| {
            data.lines().try_for_each(|l| writeln!(out, "{l}"))
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), data);
    }
}
