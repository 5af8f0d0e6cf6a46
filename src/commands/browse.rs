//! `hotlines [FILE]`: browse the dataset.

use std::path::Path;

use super::{Fail, OK, Result, Sink, USAGE, emit, open_dataset, output_width, stdout_is_terminal};
use crate::cli::ListFormat;
use crate::filter::Filter;

/// With a terminal on stdout, the interactive timeline; otherwise (`hotlines |
/// less`) the table that `hotlines list` prints.
pub fn run(path: Option<&Path>) -> Result<u8> {
    let dataset = open_dataset(path)?;
    if stdout_is_terminal() {
        return crate::tui::run(dataset)
            .map(|()| OK)
            .map_err(|e| Fail::new(USAGE, format!("{e:#}")));
    }
    print_table(&dataset)
}

fn print_table(dataset: &crate::model::Dataset) -> Result<u8> {
    let events = Filter::default().apply(dataset);
    let out = super::list::render(dataset, &events, ListFormat::Table, output_width());
    emit(&Sink::Stdout, out.as_bytes())?;
    Ok(OK)
}
