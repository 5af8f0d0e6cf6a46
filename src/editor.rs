//! Which editor to run on the dataset file, and at which line.
//!
//! Only builds the command; the terminal loop ([`crate::tui`]) hands the
//! terminal over and runs it.

use std::path::Path;
use std::process::Command;

use crate::app::file::EditRequest;
use crate::model::timelinejs;

/// The editor when neither `$VISUAL` nor `$EDITOR` names one.
pub const FALLBACK: &str = "vi";

/// The 1-based line holding byte `offset` of `text` (the last line when the
/// offset is past the end, as it may be after the file changed).
pub fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line to open the file at for a request. In our format, the line of
/// the event's opening brace. A TimelineJS file was converted in memory, so
/// the event's offset is not a place in it: the first line naming the
/// event's id (its `unique_id`) instead, else the first line.
pub fn line_for(text: &str, request: &EditRequest) -> usize {
    if timelinejs::detect(text) {
        if request.event_id.is_empty() {
            return 1;
        }
        let quoted = format!("\"{}\"", request.event_id);
        return text.find(&quoted).map_or(1, |at| line_at(text, at));
    }
    request.offset.map_or(1, |o| line_at(text, o))
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi` (an unset or
/// blank variable counts as absent), split at whitespace so that
/// `EDITOR="code -w"` works, then `+LINE FILE`.
pub fn command(visual: Option<&str>, editor: Option<&str>, line: usize, file: &Path) -> Command {
    let chosen = [visual, editor]
        .into_iter()
        .flatten()
        .find(|v| !v.trim().is_empty())
        .unwrap_or(FALLBACK);
    let mut words = chosen.split_whitespace();
    let mut cmd = Command::new(words.next().unwrap_or(FALLBACK));
    cmd.args(words);
    cmd.arg(format!("+{line}"));
    cmd.arg(file);
    cmd
}

/// The editor command from the environment.
pub fn from_env(line: usize, file: &Path) -> Command {
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    command(visual.as_deref(), editor.as_deref(), line, file)
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;
    use std::path::PathBuf;

    use super::*;

    fn parts(c: &Command) -> (String, Vec<String>) {
        (
            c.get_program().to_string_lossy().into_owned(),
            c.get_args()
                .map(OsStr::to_string_lossy)
                .map(|a| a.into_owned())
                .collect(),
        )
    }

    #[test]
    fn lines_count_newlines_before_the_offset() {
        let text = "{\n  \"events\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\"}\n  ]\n}\n";
        assert_eq!(line_at(text, 0), 1);
        assert_eq!(line_at(text, text.find("{\"id\": \"a\"").unwrap()), 3);
        assert_eq!(line_at(text, text.find("{\"id\": \"b\"").unwrap()), 4);
        assert_eq!(line_at(text, 10_000), 7);
    }

    #[test]
    fn the_line_comes_from_the_event_span() {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json");
        let text = std::fs::read_to_string(&p).unwrap();
        let data = crate::model::Dataset::load(&p).unwrap();
        let e = data
            .events()
            .iter()
            .find(|e| e.title == "First call on the hotline")
            .unwrap();
        let request = EditRequest {
            file: p.clone(),
            event_id: e.id.to_string(),
            offset: Some(e.span().start),
        };
        let line = line_for(&text, &request);
        // The event's `{` is on the line before its id.
        let id_line = line_at(&text, text.find(&format!("\"{}\"", e.id)).unwrap());
        assert_eq!(line, id_line - 1);
        assert_eq!(text.lines().nth(line - 1).unwrap().trim(), "{");
    }

    #[test]
    fn a_timelinejs_file_opens_at_the_unique_id() {
        let text = "{\"events\": [\n {\"unique_id\": \"first\",\n  \"start_date\": {\"year\": 2015}},\n {\"unique_id\": \"second\"}\n]}\n";
        assert!(timelinejs::detect(text));
        let mut request = EditRequest {
            file: PathBuf::from("t.json"),
            event_id: "second".into(),
            offset: Some(3),
        };
        assert_eq!(line_for(text, &request), 4);
        request.event_id = "made-from-a-headline".into();
        assert_eq!(line_for(text, &request), 1);
    }

    #[test]
    fn visual_wins_over_editor_and_words_are_split() {
        let f = Path::new("/data/events.json");
        let c = command(Some("code -w"), Some("nano"), 12, f);
        assert_eq!(
            parts(&c),
            (
                "code".into(),
                vec!["-w".into(), "+12".into(), "/data/events.json".into()]
            )
        );
        let c = command(None, Some("  nvim  "), 3, f);
        assert_eq!(
            parts(&c),
            ("nvim".into(), vec!["+3".into(), "/data/events.json".into()])
        );
        let c = command(Some(" "), Some(""), 1, f);
        assert_eq!(
            parts(&c),
            ("vi".into(), vec!["+1".into(), "/data/events.json".into()])
        );
    }
}
