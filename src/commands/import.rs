//! `hotlines import timelinejs FILE`: a TimelineJS file in our format.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{Fail, OK, PROBLEMS, Replace, Result, Sink, USAGE, emit, shown, warn, write_file};
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
    let mut imported = timelinejs::import(&text, &name).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        Fail::new(PROBLEMS, lines.join("\n"))
    })?;
    for note in &imported.notes {
        warn(&format!("note: {}", sanitize_line(note)));
    }
    match output {
        Some(out) => {
            let dir = out.parent().unwrap_or(Path::new("."));
            let wanted = timelinejs::source_file_for(out);
            let (file, source) = write_source(dir, &wanted, &imported.source_text)?;
            if file != wanted {
                warn(&format!(
                    "note: {} holds other text; the generated source is {} instead",
                    shown(&dir.join(&wanted)),
                    shown(&source)
                ));
            }
            imported.set_source_file(&file);
            emit(
                &Sink::File(out.to_path_buf()),
                escape_json(&imported.dataset_json()).as_bytes(),
            )?;
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
            emit(
                &Sink::Stdout,
                escape_json(&imported.dataset_json()).as_bytes(),
            )?;
        }
    }
    Ok(OK)
}

/// Writes the generated source beside the dataset under `wanted` (relative
/// to `dir`), or, when a file with other text has that name, under the
/// first free numbered name (`-2`, `-3`, ...). A file with the same text is
/// reused. Nothing already there is ever replaced. Returns the name used,
/// relative to `dir`, and the path written.
fn write_source(dir: &Path, wanted: &str, text: &str) -> Result<(String, PathBuf)> {
    let fail = |path: &Path, e: std::io::Error| {
        Fail::new(USAGE, format!("cannot write {}: {e}", shown(path)))
    };
    for n in 1..=1000 {
        let file = timelinejs::numbered(wanted, n);
        let path = dir.join(&file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(&path, e))?;
        }
        if same_text(&path, text) {
            return Ok((file, path));
        }
        match write_file(&path, Replace::No, |out| out.write_all(text.as_bytes())) {
            Ok(()) => return Ok((file, path)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(fail(&path, e)),
        }
    }
    Err(Fail::new(
        USAGE,
        format!(
            "cannot write the generated source: {} and 999 numbered names beside it are taken",
            dir.join(wanted).display()
        ),
    ))
}

/// Whether `path` is a regular file holding exactly `text` (only read when
/// its size matches).
fn same_text(path: &Path, text: &str) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == text.len() as u64)
        && std::fs::read(path).is_ok_and(|b| b == text.as_bytes())
}
