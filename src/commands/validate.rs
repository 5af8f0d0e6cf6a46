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
    let mut unreadable = false;
    match args.format {
        ValidateFormat::Json => {
            for path in &args.files {
                let mut problems = Vec::new();
                check_one(path, &mut report, &mut unreadable, &mut |batch| {
                    problems.extend(batch)
                });
                // In the file's order, as a load gives them.
                problems.sort_by_key(|p| (p.line, p.column));
                report.problems.extend(problems);
            }
            emit_with(&Sink::Stdout, |out| super::write_json(out, &report))?;
        }
        // Problems are written as they are found (see
        // [`model::check_streaming`]), so a large file, or a run over many
        // files, shows the first ones at once.
        ValidateFormat::Text => {
            let mut count = 0;
            emit_with(&Sink::Stdout, |out| {
                for path in &args.files {
                    let mut failed = Ok(());
                    count += check_one(path, &mut report, &mut unreadable, &mut |batch| {
                        if failed.is_ok() {
                            failed = write_problems(out, &batch);
                        }
                    });
                    failed?;
                }
                writeln!(out, "{}", summary(&report, count))
            })?;
        }
    }
    let problems: usize = report.files.iter().map(|f| f.problems).sum();
    Ok(if unreadable {
        USAGE
    } else if problems > 0 {
        PROBLEMS
    } else {
        OK
    })
}

/// One problem a line, sanitized, and the lines flushed.
fn write_problems(out: &mut dyn std::io::Write, problems: &[Problem]) -> std::io::Result<()> {
    for p in problems {
        out.write_all(sanitize_line(&p.to_string()).as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Checks one file (checked, not loaded: each event is let go once
/// checked), gives its problems to `emit` as they are found, records what
/// became of it and gives how many problems it has. A file that cannot be
/// read is said on standard error at once.
fn check_one(
    path: &std::path::Path,
    report: &mut Report,
    unreadable: &mut bool,
    emit: &mut dyn FnMut(Vec<Problem>),
) -> usize {
    let file = path.display().to_string();
    let (status, error, problems) = match model::check_streaming(path, emit) {
        Ok(checked) if checked.problems == 0 => ("ok", None, 0),
        Ok(checked) => ("invalid", None, checked.problems),
        Err(LoadError::Io { file, message }) => {
            super::warn(&format!(
                "hotlines: cannot read {}: {message}",
                sanitize_line(&file)
            ));
            *unreadable = true;
            ("unreadable", Some(message), 0)
        }
        // Found before the check (not UTF-8, a TimelineJS file that does
        // not convert): given at once.
        Err(LoadError::Invalid(problems)) => {
            let n = problems.len();
            emit(problems);
            ("invalid", None, n)
        }
    };
    report.files.push(FileReport {
        file,
        status,
        error,
        problems,
    });
    problems
}

/// "checked 3 files: 4 problems in 2 files, 1 file could not be read".
fn summary(report: &Report, problems: usize) -> String {
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
    if problems == 0 {
        s.push_str("no problems");
    } else {
        s.push_str(&format!(
            "{} in {}",
            plural(problems, "problem"),
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
