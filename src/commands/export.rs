//! `hotlines export`: the dataset, optionally filtered, in another format.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Component, Path};

use chrono::{DateTime, Utc};

use super::{
    Fail, OK, PROBLEMS, Replace, Result, Sink, USAGE, emit_with, ics, list, markdown, open_dataset,
    shown, table, warn, write_file,
};
use crate::cli::{ExportArgs, ExportFormat};
use crate::model::{Dataset, timelinejs};
use crate::text::{Filter, SafeWriter, sanitize_line};

pub fn run(path: Option<&Path>, args: &ExportArgs) -> Result<u8> {
    if args.bom && !matches!(args.format, ExportFormat::Csv | ExportFormat::Tsv) {
        return Err(Fail::new(USAGE, "--bom is for csv and tsv exports only"));
    }
    let dataset = open_dataset(path)?;
    let events = super::list::select(&dataset, &args.filter)?;
    if events.is_empty() {
        return Err(Fail::new(PROBLEMS, "no event matches; nothing exported"));
    }
    if let (ExportFormat::Json, Some(out_path)) = (args.format, &args.output) {
        write_sources(&dataset, out_path)?;
    }
    let mut note = None;
    emit_with(&Sink::from_option(args.output.as_deref()), |out| {
        if args.bom {
            // For a spreadsheet: the mark that says UTF-8, and no cell that
            // it would run as a formula.
            out.write_all(BOM.as_bytes())?;
            let rows = each(&dataset, &events).map(|r| r.map(defuse));
            match args.format {
                ExportFormat::Tsv => table::write_tsv(out, &list::RECORD, rows)?,
                _ => table::write_csv(out, &list::RECORD, rows)?,
            }
            return Ok(());
        }
        note = write(out, &dataset, &events, args.format)?;
        Ok(())
    })?;
    if let Some(note) = note {
        warn(&note);
    }
    Ok(OK)
}

/// The byte order mark `--bom` puts first, as UTF-8 (EF BB BF).
const BOM: &str = "\u{feff}";

/// Writes the events (indices into the dataset's events, in order) in a
/// format: the one writer of `hotlines export` and of the interface's `x`.
/// Returns a note on the events the format left out (a calendar needs days).
pub fn write(
    out: &mut dyn Write,
    dataset: &Dataset,
    events: &[usize],
    format: ExportFormat,
) -> io::Result<Option<String>> {
    match format {
        ExportFormat::Json => json(out, |w| dataset.write_json_with(w, events))?,
        ExportFormat::Csv => table::write_csv(out, &list::RECORD, each(dataset, events))?,
        ExportFormat::Tsv => table::write_tsv(out, &list::RECORD, each(dataset, events))?,
        ExportFormat::Markdown => markdown::write(out, dataset, events)?,
        ExportFormat::Timelinejs => json(out, |w| timelinejs::write(w, dataset, events))?,
        ExportFormat::Ics => return ics::write(out, dataset, events, stamp()),
    }
    Ok(None)
}

/// Why the interface's export wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileExportError {
    /// Something is at the path and replacing it was not asked for.
    Exists,
    /// The message for the status line.
    Failed(String),
}

/// Writes an export to `path` as `hotlines export -o` does (a JSON export
/// with the source files beside it), whole or not at all, through a
/// temporary file renamed over the path. Without `replace`, a file already
/// at the path (or appearing there while the export is written) is left
/// alone. Returns the number of events written.
pub fn to_file(
    dataset: &Dataset,
    events: &[usize],
    format: ExportFormat,
    path: &Path,
    replace: bool,
) -> std::result::Result<usize, FileExportError> {
    if !replace && path.symlink_metadata().is_ok() {
        return Err(FileExportError::Exists);
    }
    if format == ExportFormat::Json {
        write_sources(dataset, path).map_err(|f| FileExportError::Failed(f.message))?;
    }
    let how = if replace { Replace::Yes } else { Replace::No };
    write_file(path, how, |out| {
        write(out, dataset, events, format).map(drop)
    })
    .map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            FileExportError::Exists
        } else {
            FileExportError::Failed(format!("cannot write {}: {e}", shown(path)))
        }
    })?;
    Ok(match format {
        ExportFormat::Ics => events
            .iter()
            .filter(|&&i| ics::days(&dataset.events()[i]).is_some())
            .count(),
        _ => events.len(),
    })
}

/// Runs a writer of JSON through [`Filter::Json`], so that no character of
/// the data that a terminal would obey is written raw.
fn json(
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut json = SafeWriter::new(out, Filter::Json);
    write(&mut json)?;
    json.finish().map(drop)
}

/// A cell a spreadsheet would run as a formula (one starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) with a `'` put first, which
/// spreadsheets take as "text" and do not show.
fn defuse(cell: Cow<'_, str>) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => cell,
    }
}

/// The CSV/TSV records of the given events, made one at a time.
fn each<'a>(
    dataset: &'a Dataset,
    events: &'a [usize],
) -> impl Iterator<Item = [Cow<'a, str>; 19]> + 'a {
    events
        .iter()
        .map(|&i| list::record(dataset, &dataset.events()[i]))
}

/// The time the calendar is made: `SOURCE_DATE_EPOCH` when set (for
/// reproducible output), else now.
fn stamp() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(Utc::now)
}

/// Writes each source's text beside the exported dataset, at the path the
/// dataset gives for it, so that the export loads on its own. A file already
/// there with the same text is left alone; one with other text is an error,
/// and is never replaced, even if it appears while the source is written.
fn write_sources(dataset: &Dataset, out: &Path) -> Result<()> {
    let dir = out.parent().unwrap_or(Path::new("."));
    for source in dataset.sources() {
        let rel = Path::new(&source.file);
        if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(Fail::new(
                USAGE,
                format!(
                    "source `{}` has the path `{}`, outside the dataset's folder; copy it yourself",
                    sanitize_line(&source.id),
                    sanitize_line(&source.file)
                ),
            ));
        }
        let target = dir.join(rel);
        match std::fs::read_to_string(&target) {
            Ok(existing) if existing == source.text() => continue,
            Ok(_) => {
                return Err(Fail::new(
                    USAGE,
                    format!(
                        "{} exists with other text than source `{}`; not overwriting it",
                        shown(&target),
                        sanitize_line(&source.id)
                    ),
                ));
            }
            Err(_) => {}
        }
        let write = || -> std::io::Result<()> {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            write_file(&target, Replace::No, |out| {
                out.write_all(source.text().as_bytes())
            })
        };
        write().map_err(|e| Fail::new(USAGE, format!("cannot write {}: {e}", shown(&target))))?;
    }
    Ok(())
}
