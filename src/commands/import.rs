//! `hotlines import timelinejs FILE`: a TimelineJS file in our format.

use std::path::Path;

use super::{Fail, OK, PROBLEMS, Result, Sink, USAGE, emit, shown, warn};
use crate::cli::{ImportArgs, ImportFormat};
use crate::model::timelinejs;
use crate::text::{escape_json, sanitize_line};

pub fn run(args: &ImportArgs) -> Result<u8> {
    match args.from {
        ImportFormat::Timelinejs => timeline(&args.input, args.output.as_deref()),
    }
}

fn timeline(input: &Path, output: Option<&Path>) -> Result<u8> {
    let text = std::fs::read_to_string(input)
        .map_err(|e| Fail::new(USAGE, format!("cannot read {}: {e}", shown(input))))?;
    let name = input.display().to_string();
    if !timelinejs::detect(&text) {
        return Err(Fail::new(
            PROBLEMS,
            format!(
                "{}: not a TimelineJS file (no `events` with `start_date` objects)",
                shown(input)
            ),
        ));
    }
    let imported = timelinejs::import(&text, &name).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        Fail::new(PROBLEMS, lines.join("\n"))
    })?;
    for note in &imported.notes {
        warn(&format!("note: {}", sanitize_line(note)));
    }
    let dataset_json = escape_json(&imported.dataset_json);
    match output {
        Some(out) => {
            let dir = out.parent().unwrap_or(Path::new("."));
            let source = dir.join(&imported.source_file);
            let write = || -> std::io::Result<()> {
                if let Some(parent) = source.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&source, &imported.source_text)
            };
            write()
                .map_err(|e| Fail::new(USAGE, format!("cannot write {}: {e}", shown(&source))))?;
            emit(&Sink::File(out.to_path_buf()), dataset_json.as_bytes())?;
            warn(&format!(
                "wrote {} and its source {}",
                shown(out),
                shown(&source)
            ));
        }
        None => {
            warn(&format!(
                "note: the generated source {} was not written; give -o OUT to write it beside the dataset",
                sanitize_line(&imported.source_file)
            ));
            emit(&Sink::Stdout, dataset_json.as_bytes())?;
        }
    }
    Ok(OK)
}
