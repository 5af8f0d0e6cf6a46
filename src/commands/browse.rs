//! `hotlines [FILE] [--watch]`: browse the dataset.

use std::io::IsTerminal;
use std::path::Path;

use std::mem::ManuallyDrop;

use super::{
    Fail, OK, Result, Sink, USAGE, emit_with, load_failure, open_dataset, stdout_is_terminal,
};
use crate::model::Dataset;

use crate::cli::{Command, ListFormat};
use crate::query::filter::Filter;

/// With a terminal on stdout, the interactive timeline; otherwise (`hotlines |
/// less`) the table that `hotlines list` prints.
///
/// The timeline shows a dataset file as soon as it is parsed, checked and
/// sorted, and locates the quotes in their sources on a worker thread (see
/// [`Dataset::load_unchecked`]); a file with any other problem is reported
/// here in full, before the terminal is taken, as `validate` reports it.
pub fn run(path: Option<&Path>, watch: bool) -> Result<u8> {
    if stdout_is_terminal() {
        let (dataset, check) = match path {
            Some(p) => Dataset::load_unchecked(p).map_err(load_failure)?,
            None => (ManuallyDrop::into_inner(open_dataset(None)?), None),
        };
        // The interface keeps the dataset to the end, and does not drop it.
        return crate::tui::run(dataset, check, watch)
            .map(|()| OK)
            .map_err(|e| Fail::new(USAGE, format!("{e:#}")));
    }
    let dataset = open_dataset(path)?;
    print_table(&dataset)
}

/// `--watch` is for the interactive timeline on a dataset file: the built-in
/// dataset never changes, a command prints once, and without a terminal there
/// is no screen to keep up to date. Each is a usage error (exit 2).
pub fn check_watch(path: Option<&Path>, command: Option<&Command>) -> Result<()> {
    if let Some(c) = command {
        return Err(Fail::new(
            USAGE,
            format!(
                "--watch is for the interactive timeline, not `{}`: run hotlines FILE --watch",
                command_name(c)
            ),
        ));
    }
    if path.is_none() {
        return Err(Fail::new(
            USAGE,
            "--watch needs a dataset file (the built-in dataset never changes): run hotlines FILE --watch",
        ));
    }
    if !stdout_is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Fail::new(
            USAGE,
            "--watch needs a terminal: it keeps the interactive timeline up to date",
        ));
    }
    Ok(())
}

fn command_name(c: &Command) -> &'static str {
    match c {
        Command::List(_) => "list",
        Command::Show(_) => "show",
        Command::Validate(_) => "validate",
        Command::Export(_) => "export",
        Command::Import(_) => "import",
        Command::Sources(_) => "sources",
        Command::Completions(_) => "completions",
        Command::Lines(_) => "lines",
    }
}

fn print_table(dataset: &crate::model::Dataset) -> Result<u8> {
    let events = Filter::default().apply(dataset);
    let width = super::table_width();
    emit_with(&Sink::Stdout, |out| {
        super::list::write(out, dataset, &events, ListFormat::Table, width)
    })?;
    Ok(OK)
}
