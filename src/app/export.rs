//! `x` writes the view to a file: the prompt's state (the file's name,
//! whether the user is being asked to replace a file) and the format a
//! name stands for. The writing is an [`super::Effect::Export`] that the
//! terminal loop carries out.

use std::path::PathBuf;

use super::{Action, App, Effect, ExportRequest, Mode};
use crate::cli::ExportFormat;

/// The name the prompt starts with, in the current folder.
pub const DEFAULT_NAME: &str = "hotlines-view.json";

/// Each format with the extension that names it, in the order Tab goes
/// through them. `.timeline.json` comes before `.json` where a name is
/// read, as it ends with both.
pub const FORMATS: [(ExportFormat, &str); 6] = [
    (ExportFormat::Json, ".json"),
    (ExportFormat::Csv, ".csv"),
    (ExportFormat::Tsv, ".tsv"),
    (ExportFormat::Markdown, ".md"),
    (ExportFormat::Ics, ".ics"),
    (ExportFormat::Timelinejs, ".timeline.json"),
];

/// The format a file name asks for, by its extension (any case).
pub fn format_of(path: &str) -> Option<ExportFormat> {
    extension_of(path).map(|i| FORMATS[i].0)
}

/// Which of [`FORMATS`] the name ends with, the longest extension first.
fn extension_of(path: &str) -> Option<usize> {
    let mut found: Option<usize> = None;
    for (i, (_, ext)) in FORMATS.iter().enumerate() {
        let at = path.len().wrapping_sub(ext.len());
        let ends = path.len() > ext.len()
            && path.is_char_boundary(at)
            && path[at..].eq_ignore_ascii_case(ext);
        if ends {
            let longer = found.is_none_or(|f| FORMATS[f].1.len() < ext.len());
            if longer {
                found = Some(i);
            }
        }
    }
    found
}

/// The name with its extension changed to the next format's (a name
/// without a known extension gets the first).
pub fn next_format(path: &str) -> String {
    let (stem, next) = match extension_of(path) {
        Some(i) => (
            &path[..path.len() - FORMATS[i].1.len()],
            (i + 1) % FORMATS.len(),
        ),
        None => (path, 0),
    };
    let stem = if stem.is_empty() {
        "hotlines-view"
    } else {
        stem
    };
    format!("{stem}{}", FORMATS[next].1)
}

/// The format's name, as `hotlines export --format` takes it.
pub fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Json => "json",
        ExportFormat::Csv => "csv",
        ExportFormat::Tsv => "tsv",
        ExportFormat::Markdown => "markdown",
        ExportFormat::Timelinejs => "timelinejs",
        ExportFormat::Ics => "ics",
    }
}

/// The extensions the prompt knows, for messages.
pub fn extensions() -> String {
    FORMATS.map(|(_, e)| e).join(", ")
}

/// The prompt's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportPrompt {
    /// The file's name as typed.
    pub path: String,
    /// A file is at `path`: Enter or `y` replaces it, anything else goes
    /// back to editing the name.
    pub confirm: bool,
}

impl App {
    /// `x`: opens the prompt with the last name written (or
    /// [`DEFAULT_NAME`]).
    pub(super) fn start_export(&mut self) {
        if self.view.is_empty() {
            self.status = Some("Nothing to write: no event is shown".into());
            return;
        }
        self.mode = Mode::Export;
        self.export.confirm = false;
        if self.export.path.is_empty() {
            self.export.path = DEFAULT_NAME.into();
        }
    }

    /// The events `x` writes: the view's, or only the search's matches
    /// while a search is active; dataset indices in the view's order.
    pub fn export_events(&self) -> Vec<u32> {
        if self.search.is_active() {
            let view = &self.view.events;
            self.search
                .matches
                .iter()
                .map(|&p| view[p as usize])
                .collect()
        } else {
            self.view.events.clone()
        }
    }

    /// A key at the `x` prompt.
    pub(super) fn update_export(&mut self, action: Action) -> Option<Effect> {
        let confirming = std::mem::take(&mut self.export.confirm);
        match action {
            Action::SearchChar('y') | Action::SearchAccept if confirming => {
                return self.write_export(true);
            }
            Action::SearchChar(c) => self.export.path.push(c),
            Action::SearchBackspace => {
                self.export.path.pop();
            }
            Action::ExportClear => self.export.path.clear(),
            Action::ExportFormatNext => self.export.path = next_format(&self.export.path),
            Action::SearchAccept => return self.write_export(false),
            // Esc while asked goes back to the name; otherwise it cancels.
            Action::Back if confirming => {}
            Action::Back => self.mode = Mode::Normal,
            _ => self.export.confirm = confirming,
        }
        None
    }

    /// The effect that writes the file, or why there is none (the prompt
    /// stays open to fix the name).
    fn write_export(&mut self, replace: bool) -> Option<Effect> {
        let path = self.export.path.trim();
        if path.is_empty() {
            self.status = Some("Type the name of a file to write".into());
            return None;
        }
        let Some(format) = format_of(path) else {
            self.status = Some(format!(
                "Unknown format: end the name with {} (Tab changes it)",
                extensions()
            ));
            return None;
        };
        if self.search.is_searching() {
            self.status = Some(format!(
                "Still searching for \"{}\": write when its matches are in",
                self.search.query
            ));
            return None;
        }
        let events = self.export_events();
        if events.is_empty() {
            self.status = Some("Nothing to write: the search matches no event".into());
            return None;
        }
        self.mode = Mode::Normal;
        self.status = Some(format!(
            "Writing {}…",
            crate::text::plural(events.len(), "event")
        ));
        Some(Effect::Export(ExportRequest {
            path: PathBuf::from(path),
            format,
            events,
            replace,
        }))
    }

    /// The loop wrote the file, or could not.
    pub(super) fn exported(&mut self, result: Result<(PathBuf, usize), String>) {
        self.status = Some(match result {
            Ok((path, n)) => format!(
                "Wrote {} to {}",
                crate::text::plural(n, "event"),
                path.display()
            ),
            Err(e) => format!("Not written: {e}"),
        });
    }

    /// Something is at the path: ask before replacing it.
    pub(super) fn export_would_replace(&mut self, path: PathBuf) {
        // The answer comes at once, in the timeline the prompt closed to;
        // anywhere else (it cannot, but a message may come late) the user
        // is told rather than taken out of what they are doing.
        if self.mode != Mode::Normal {
            self.status = Some(format!("Not written: {} exists", path.display()));
            return;
        }
        self.mode = Mode::Export;
        self.export.path = path.display().to_string();
        self.export.confirm = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_gives_the_format() {
        assert_eq!(format_of("a.json"), Some(ExportFormat::Json));
        assert_eq!(
            format_of("dir/A.TIMELINE.JSON"),
            Some(ExportFormat::Timelinejs)
        );
        assert_eq!(format_of("x.md"), Some(ExportFormat::Markdown));
        assert_eq!(format_of("x.csv"), Some(ExportFormat::Csv));
        assert_eq!(format_of("x.tsv"), Some(ExportFormat::Tsv));
        assert_eq!(format_of("x.ics"), Some(ExportFormat::Ics));
        assert_eq!(format_of("x.txt"), None);
        assert_eq!(format_of(".json"), None, "a name, not only an extension");
    }

    #[test]
    fn tab_goes_round_every_format_and_back() {
        let mut name = DEFAULT_NAME.to_string();
        let mut seen = Vec::new();
        for _ in 0..FORMATS.len() {
            seen.push(format_of(&name).unwrap());
            name = next_format(&name);
        }
        assert_eq!(name, DEFAULT_NAME);
        assert_eq!(seen, FORMATS.map(|(f, _)| f));
        assert_eq!(next_format("out/view.timeline.json"), "out/view.json");
        assert_eq!(next_format("notes.txt"), "notes.txt.json");
        assert_eq!(next_format(""), "hotlines-view.json");
    }
}
