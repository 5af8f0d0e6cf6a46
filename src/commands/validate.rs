//! `hotlines validate FILE...`: every problem of every file.

use serde::Serialize;

use super::{OK, PROBLEMS, Result, Sink, USAGE, emit_with};
use crate::cli::{ValidateArgs, ValidateFormat};
use crate::model;
use crate::model::{LoadError, Problem};
use crate::text::plural;
use crate::text::sanitize_line;

/// What became of one file.
#[derive(Debug, Serialize)]
struct FileReport {
    file: String,
    /// `ok`, `invalid` or `unreadable`.
    status: &'static str,
    /// Why an unreadable file could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    problems: usize,
}

#[derive(Debug, Serialize)]
struct Report {
    files: Vec<FileReport>,
    problems: Vec<Problem>,
}

pub fn run(args: &ValidateArgs) -> Result<u8> {
    let mut report = Report {
        files: Vec::new(),
        problems: Vec::new(),
    };
    let mut unreadable = Vec::new();
    for path in &args.files {
        let file = path.display().to_string();
        // Checked, not loaded: each event is let go once checked.
        let (status, error, problems) = match model::check(path) {
            Ok(_) => ("ok", None, Vec::new()),
            Err(LoadError::Io { file, message }) => {
                unreadable.push(format!("cannot read {}: {message}", sanitize_line(&file)));
                ("unreadable", Some(message), Vec::new())
            }
            Err(LoadError::Invalid(problems)) => ("invalid", None, problems),
        };
        report.files.push(FileReport {
            file,
            status,
            error,
            problems: problems.len(),
        });
        report.problems.extend(problems);
    }

    for message in &unreadable {
        super::warn(&format!("hotlines: {message}"));
    }
    emit_with(&Sink::Stdout, |out| match args.format {
        ValidateFormat::Json => super::write_json(out, &report),
        ValidateFormat::Text => {
            for p in &report.problems {
                out.write_all(sanitize_line(&p.to_string()).as_bytes())?;
                out.write_all(b"\n")?;
            }
            writeln!(out, "{}", summary(&report))
        }
    })?;
    Ok(if !unreadable.is_empty() {
        USAGE
    } else if !report.problems.is_empty() {
        PROBLEMS
    } else {
        OK
    })
}

/// "checked 3 files: 4 problems in 2 files, 1 file could not be read".
fn summary(report: &Report) -> String {
    let files = report.files.len();
    let invalid = report
        .files
        .iter()
        .filter(|f| f.status == "invalid")
        .count();
    let unreadable = report
        .files
        .iter()
        .filter(|f| f.status == "unreadable")
        .count();
    let mut s = format!("checked {}: ", plural(files, "file"));
    if report.problems.is_empty() {
        s.push_str("no problems");
    } else {
        s.push_str(&format!(
            "{} in {}",
            plural(report.problems.len(), "problem"),
            plural(invalid, "file")
        ));
    }
    if unreadable > 0 {
        let verb = if unreadable == 1 { "was" } else { "were" };
        s.push_str(&format!(
            ", {} {verb} unreadable",
            plural(unreadable, "file")
        ));
    }
    s
}
