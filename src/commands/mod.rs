//! The commands behind the command line. A command writes its output through
//! [`emit_with`], piece by piece as it is produced (or [`emit`]s a small text
//! whole); none of them touches the terminal beyond asking whether standard
//! output is one and how wide it is.

mod browse;
mod completions;
pub mod export;
mod import;
mod lines;
mod list;
mod markdown;
mod show;
mod sources;
mod table;
mod validate;

mod ics;

use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::{Cli, Command};
use crate::model::{Dataset, LoadError};
use crate::text::{Filter, SafeWriter, sanitize_line};

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
        Some(Command::Lines(args)) => lines::run(path.as_deref(), &args),
        Some(Command::Completions(args)) => completions::run(&args),
    }
}

/// The dataset of FILE/`-f`, or the embedded one; a dataset that does not load
/// is reported in full.
///
/// The dataset is never dropped: a command loads one dataset and ends once
/// its output is written, and the OS frees the process's memory at once,
/// where freeing a large dataset piece by piece would hold up the exit
/// (about a second at a million events). It reads as a `&Dataset`.
pub fn open_dataset(path: Option<&Path>) -> Result<ManuallyDrop<Dataset>> {
    let loaded = match path {
        Some(p) => Dataset::load(p),
        None => Dataset::embedded(),
    };
    loaded.map_err(load_failure).map(ManuallyDrop::new)
}

/// A dataset that does not load, as a command reports it.
pub fn load_failure(e: LoadError) -> Fail {
    match e {
        LoadError::Io { file, message } => Fail::new(
            USAGE,
            format!("cannot read {}: {message}", sanitize_line(&file)),
        ),
        invalid @ LoadError::Invalid(_) => Fail::new(PROBLEMS, invalid.to_string()),
    }
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
/// point, ends the program quietly with success. Any other failure exits 2.
///
/// A file is written whole or not at all: see [`write_file`].
pub fn emit_with(sink: &Sink, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    match sink {
        Sink::Stdout => {
            // On a terminal, what the data holds is shown, never obeyed.
            let filter = if stdout_is_terminal() {
                Filter::Terminal
            } else {
                Filter::Exact
            };
            let buffered = BufWriter::with_capacity(BUFFER, io::stdout().lock());
            let mut out = SafeWriter::new(buffered, filter);
            let written = write(&mut out).and_then(|()| out.flush());
            // What is still buffered after a failure is dropped, not retried.
            let _ = out.into_inner().into_parts();
            written.map_err(stdout_error)
        }
        Sink::File(path) => write_file(path, Replace::Yes, write)
            .map_err(|e| Fail::new(USAGE, format!("cannot write {}: {e}", shown(path)))),
    }
}

/// Whether [`write_file`] may replace a file already at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    Yes,
    /// Fail with [`io::ErrorKind::AlreadyExists`] if something is there,
    /// even if it appeared while the file was being written.
    No,
}

/// Writes a file through a temporary file in the same folder, flushed,
/// synced and renamed over the target: a failure at any point, or the
/// process being killed, leaves what was there before byte for byte (a
/// killed process may leave its hidden temporary file behind). A file being
/// replaced keeps its permissions; a symbolic link is followed, so the file
/// it points to is replaced and the link kept. A target that exists and is
/// not a regular file (`/dev/null`, `/dev/stdout`, a pipe) is written
/// directly, as there is nothing to keep.
pub fn write_file(
    path: &Path,
    replace: Replace,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let existing = std::fs::metadata(path).ok();
    if let Some(meta) = &existing {
        if replace == Replace::No {
            return Err(io::Error::from(io::ErrorKind::AlreadyExists));
        }
        if !meta.is_file() {
            let mut out = BufWriter::with_capacity(BUFFER, File::create(path)?);
            write(&mut out)?;
            return out.flush();
        }
    }
    // A link is replaced through: the file it names is the one to keep safe.
    let target = match &existing {
        Some(_) => std::fs::canonicalize(path)?,
        None => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Subject to the umask, as a file made by `File::create` is.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(without_temp_path)?;
    if let Some(meta) = &existing {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    let mut out = BufWriter::with_capacity(BUFFER, temp.as_file_mut());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    temp.as_file().sync_all()?;
    match replace {
        Replace::Yes => temp.persist(&target).map_err(|e| e.error)?,
        Replace::No => temp.persist_noclobber(&target).map_err(|e| e.error)?,
    };
    // The rename itself reaches the disk with the folder.
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// An error from making a temporary file, without the temporary file's
/// name, which means nothing to the user (the message names the target).
fn without_temp_path(e: io::Error) -> io::Error {
    let message = e.to_string();
    match message.rfind(" at path \"") {
        Some(i) => io::Error::new(e.kind(), message[..i].to_string()),
        None => e,
    }
}

/// Writes `value` as pretty JSON and a newline, with every character a
/// terminal would obey escaped as `\uXXXX` (see [`crate::text::escape_json`]),
/// so that the JSON is safe to show and parses to the exact strings.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut json = SafeWriter::new(out, Filter::Json);
    serde_json::to_writer_pretty(&mut json, value)?;
    json.finish()?.write_all(b"\n")
}

/// A path as messages name it: on one line, its control characters shown.
pub fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string()).into_owned()
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

/// The width to fit tables to: `COLUMNS` if set, else the terminal's width
/// when stdout is one; to a pipe or a file, [`table::UNLIMITED`], so that
/// nothing is cut.
pub fn table_width() -> usize {
    if std::env::var_os("COLUMNS").is_some() || stdout_is_terminal() {
        output_width()
    } else {
        table::UNLIMITED
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

/// Reports a command-line error as clap does, except that an argument with
/// control characters in it (`show $'x\nforged'`) is shown on one line, its
/// controls as placeholders; returns the exit code. Help and version go to
/// stdout as usual.
pub fn parse_error(e: &clap::Error) -> u8 {
    let mut hostile: Vec<String> = Vec::new();
    for arg in std::env::args_os().skip(1) {
        let arg = arg.to_string_lossy().into_owned();
        if sanitize_line(&arg) == arg {
            continue;
        }
        // clap may quote only the value of `--name=value`
        if let Some((_, value)) = arg.split_once('=') {
            hostile.push(value.to_string());
        }
        hostile.push(arg);
    }
    if !e.use_stderr() || hostile.is_empty() {
        e.exit();
    }
    hostile.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let mut text = e.render().to_string();
    for arg in &hostile {
        text = text.replace(arg.as_str(), &sanitize_line(arg));
    }
    let _ = write!(io::stderr().lock(), "{}", crate::text::sanitize_text(&text));
    u8::try_from(e.exit_code()).unwrap_or(USAGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in a folder, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_that_fails_midway_keeps_the_old_file_and_is_named() {
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
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "an older export");
        assert_eq!(names(dir.path()), ["out.csv"], "no temporary file is left");
    }

    #[test]
    fn a_new_file_that_fails_midway_is_not_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let failed = emit_with(&Sink::File(path.clone()), |out| {
            out.write_all(&[b'x'; 3 * BUFFER])?;
            Err(io::Error::other("the disk is full"))
        });
        assert_eq!(failed.unwrap_err().code, USAGE);
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }

    #[test]
    fn a_file_that_cannot_be_made_is_named_without_the_temporary_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/out.csv");
        let fail = emit(&Sink::File(path.clone()), b"x").unwrap_err();
        let missing = io::Error::from_raw_os_error(2); // ENOENT
        assert_eq!(
            fail.message,
            format!("cannot write {}: {missing}", path.display())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_link_stays_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        emit(&Sink::File(link.clone()), b"new").unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(names(dir.path()), ["link.json", "real.json"]);
    }

    #[test]
    fn replace_no_leaves_an_existing_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.txt");
        std::fs::write(&path, "theirs").unwrap();
        let e = write_file(&path, Replace::No, |out| out.write_all(b"ours")).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
        let fresh = dir.path().join("t.txt");
        write_file(&fresh, Replace::No, |out| out.write_all(b"ours")).unwrap();
        assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "ours");
        assert_eq!(names(dir.path()), ["s.txt", "t.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_written_directly() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        emit(&Sink::File(fifo.clone()), b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), "through the pipe");
        assert!(fifo.metadata().unwrap().file_type().is_fifo());
        assert_eq!(names(dir.path()), ["pipe"]);
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
