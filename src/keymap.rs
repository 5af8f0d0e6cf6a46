//! The one table of key bindings. The `?` overlay, the footer hints and
//! `docs/keys.md` are all built from [`BINDINGS`], so they cannot drift from
//! what the keys really do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::{Action, Mode};

/// Which keys a binding matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPat {
    /// One key with these modifiers (Shift is ignored for characters).
    Key(KeyCode, KeyModifiers),
    /// Any digit: becomes [`Action::Count`].
    Digit,
    /// Any other printable character: becomes [`Action::SearchChar`].
    Text,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub modes: &'static [Mode],
    pub key: KeyPat,
    pub action: Action,
    /// What the key does, for the help overlay.
    pub help: &'static str,
    /// A word or two for the footer, when the key is worth a hint there.
    pub hint: Option<&'static str>,
}

const NORMAL: &[Mode] = &[Mode::Normal];
const SEARCH: &[Mode] = &[Mode::Search];
const FILTER: &[Mode] = &[Mode::Filter];
const READER: &[Mode] = &[Mode::Reader];
const HELP: &[Mode] = &[Mode::Help];
const BOARD: &[Mode] = &[Mode::Board];
const GOTO: &[Mode] = &[Mode::Goto];
const EXPORT: &[Mode] = &[Mode::Export];
const AXIS: &[Mode] = &[Mode::Axis];
const MOVING: &[Mode] = &[Mode::Normal, Mode::Filter, Mode::Reader, Mode::Help];
const BROWSING: &[Mode] = &[Mode::Normal, Mode::Reader];
const EVERYWHERE: &[Mode] = &[
    Mode::Normal,
    Mode::Search,
    Mode::Filter,
    Mode::Reader,
    Mode::Help,
    Mode::Board,
    Mode::Goto,
    Mode::Export,
    Mode::Axis,
];

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn key(c: char) -> KeyPat {
    KeyPat::Key(KeyCode::Char(c), NONE)
}
const fn ctrl(c: char) -> KeyPat {
    KeyPat::Key(KeyCode::Char(c), CTRL)
}
const fn code(c: KeyCode) -> KeyPat {
    KeyPat::Key(c, NONE)
}

const fn bind(
    modes: &'static [Mode],
    key: KeyPat,
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        modes,
        key,
        action,
        help,
        hint,
    }
}

/// Every key binding. Earlier rows win when two match.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(EVERYWHERE, ctrl('c'), Action::ForceQuit, "quit at once", None),
    bind(EVERYWHERE, ctrl('z'), Action::Suspend, "suspend to the shell (fg comes back)", None),
    // Moving, in every pane that moves.
    bind(MOVING, key('j'), Action::Down, "move down one (or scroll)", Some("move")),
    bind(MOVING, code(KeyCode::Down), Action::Down, "move down one (or scroll)", None),
    bind(MOVING, key('k'), Action::Up, "move up one (or scroll)", None),
    bind(MOVING, code(KeyCode::Up), Action::Up, "move up one (or scroll)", None),
    bind(MOVING, code(KeyCode::PageDown), Action::PageDown, "page down", None),
    bind(MOVING, ctrl('d'), Action::PageDown, "page down", None),
    bind(MOVING, code(KeyCode::PageUp), Action::PageUp, "page up", None),
    bind(MOVING, ctrl('u'), Action::PageUp, "page up", None),
    bind(MOVING, key('g'), Action::First, "jump to the first", None),
    bind(MOVING, code(KeyCode::Home), Action::First, "jump to the first", None),
    bind(MOVING, key('G'), Action::Last, "jump to the last; 10G: to the 10th", None),
    bind(MOVING, code(KeyCode::End), Action::Last, "jump to the last; 10G: to the 10th", None),
    bind(MOVING, KeyPat::Digit, Action::Count(0), "count prefix: repeat the next motion (5j)", None),
    // The timeline and details.
    bind(NORMAL, code(KeyCode::Tab), Action::ToggleFocus, "switch focus: timeline / details", Some("focus")),
    bind(NORMAL, code(KeyCode::Enter), Action::Open, "open the source reader", Some("read")),
    bind(NORMAL, key('/'), Action::SearchStart, "search (smart case)", Some("search")),
    bind(NORMAL, key('n'), Action::SearchNext, "next search match", None),
    bind(NORMAL, key('N'), Action::SearchPrev, "previous search match", None),
    bind(NORMAL, key('f'), Action::FilterOpen, "filter menu", Some("filter")),
    bind(NORMAL, key('F'), Action::FilterClear, "clear all filters", None),
    bind(BROWSING, key('['), Action::ThreadPrev, "previous event of this thread", None),
    bind(BROWSING, key(']'), Action::ThreadNext, "next event of this thread", Some("thread")),
    bind(NORMAL, key(':'), Action::GotoStart, "go to a date: :2014, :2015-02, :2015-02-04", None),
    bind(NORMAL, key('x'), Action::ExportStart, "write the view (filter and search applied) to a file", None),
    bind(NORMAL, key('b'), Action::BoardOpen, "board of lines: each hotline and its milestones", Some("lines")),
    bind(NORMAL, key('r'), Action::ToggleReasoning, "read or fold the date note and reasoning in the details", None),
    bind(BROWSING, key('y'), Action::Copy, "copy a citation of the quote (OSC 52)", Some("cite")),
    bind(BROWSING, key('e'), Action::Edit, "edit the dataset file at this event, then reload", None),
    bind(NORMAL, key('t'), Action::AxisOpen, "time axis: the events as marks along the years", Some("axis")),
    bind(NORMAL, key('?'), Action::Help, "show or hide this help", Some("help")),
    bind(NORMAL, code(KeyCode::Esc), Action::Back, "clear the search; leave the details pane", None),
    bind(NORMAL, key('q'), Action::Quit, "leave the details pane; quit from the timeline", Some("quit")),
    // Typing a search.
    bind(SEARCH, code(KeyCode::Enter), Action::SearchAccept, "keep the query, back to the timeline", Some("keep")),
    bind(SEARCH, code(KeyCode::Esc), Action::Back, "clear the search", Some("clear")),
    bind(SEARCH, code(KeyCode::Backspace), Action::SearchBackspace, "delete a character", None),
    bind(SEARCH, code(KeyCode::Down), Action::SearchNext, "next match", Some("next")),
    bind(SEARCH, code(KeyCode::Up), Action::SearchPrev, "previous match", None),
    bind(SEARCH, KeyPat::Text, Action::SearchChar(' '), "type the query", None),
    // Typing a date to go to.
    bind(GOTO, code(KeyCode::Enter), Action::SearchAccept, "go to the first event on or after the date", Some("go")),
    bind(GOTO, code(KeyCode::Esc), Action::Back, "cancel", Some("cancel")),
    bind(GOTO, code(KeyCode::Backspace), Action::SearchBackspace, "delete a character", None),
    bind(GOTO, KeyPat::Text, Action::SearchChar(' '), "type the date: YYYY, YYYY-MM or YYYY-MM-DD", None),
    // Typing the file to write the view to.
    bind(EXPORT, code(KeyCode::Enter), Action::SearchAccept, "write the file (asks first if it exists)", Some("write")),
    bind(EXPORT, code(KeyCode::Tab), Action::ExportFormatNext, "next format: .json .csv .tsv .md .ics .timeline.json", Some("format")),
    bind(EXPORT, code(KeyCode::Esc), Action::Back, "cancel", Some("cancel")),
    bind(EXPORT, code(KeyCode::Backspace), Action::SearchBackspace, "delete a character", None),
    bind(EXPORT, ctrl('u'), Action::ExportClear, "clear the name", None),
    bind(EXPORT, KeyPat::Text, Action::SearchChar(' '), "type the file's name; the extension gives the format", None),
    // The filter menu.
    bind(FILTER, key(' '), Action::FilterToggle, "toggle the item", Some("toggle")),
    bind(FILTER, code(KeyCode::Enter), Action::FilterToggle, "toggle the item", None),
    bind(FILTER, key('F'), Action::FilterClear, "clear all filters", Some("clear")),
    bind(FILTER, key('f'), Action::Back, "close the menu", None),
    bind(FILTER, code(KeyCode::Esc), Action::Back, "close the menu", Some("close")),
    bind(FILTER, key('q'), Action::Back, "close the menu", None),
    // The source reader.
    bind(READER, key('n'), Action::NextQuote, "next quote of the event", Some("next quote")),
    bind(READER, code(KeyCode::Tab), Action::NextQuote, "next quote of the event", None),
    bind(READER, key('N'), Action::PrevQuote, "previous quote of the event", None),
    bind(READER, code(KeyCode::BackTab), Action::PrevQuote, "previous quote of the event", None),
    bind(READER, key('?'), Action::Help, "show or hide this help", Some("help")),
    bind(READER, code(KeyCode::Esc), Action::Back, "back to the timeline", Some("back")),
    bind(READER, key('q'), Action::Back, "back to the timeline", None),
    // The board of lines.
    bind(BOARD, key('j'), Action::Down, "next line", Some("line")),
    bind(BOARD, code(KeyCode::Down), Action::Down, "next line", None),
    bind(BOARD, key('k'), Action::Up, "previous line", None),
    bind(BOARD, code(KeyCode::Up), Action::Up, "previous line", None),
    bind(BOARD, code(KeyCode::PageDown), Action::PageDown, "page down", None),
    bind(BOARD, ctrl('d'), Action::PageDown, "page down", None),
    bind(BOARD, code(KeyCode::PageUp), Action::PageUp, "page up", None),
    bind(BOARD, ctrl('u'), Action::PageUp, "page up", None),
    bind(BOARD, key('g'), Action::First, "first line", None),
    bind(BOARD, code(KeyCode::Home), Action::First, "first line", None),
    bind(BOARD, key('G'), Action::Last, "last line", None),
    bind(BOARD, code(KeyCode::End), Action::Last, "last line", None),
    bind(BOARD, key('l'), Action::Right, "next milestone of the line", Some("milestone")),
    bind(BOARD, code(KeyCode::Right), Action::Right, "next milestone of the line", None),
    bind(BOARD, code(KeyCode::Tab), Action::Right, "next milestone of the line", None),
    bind(BOARD, key('h'), Action::Left, "previous milestone of the line", None),
    bind(BOARD, code(KeyCode::Left), Action::Left, "previous milestone of the line", None),
    bind(BOARD, code(KeyCode::BackTab), Action::Left, "previous milestone of the line", None),
    bind(BOARD, code(KeyCode::Enter), Action::Open, "go to the milestone's event in the timeline", Some("go to")),
    bind(BOARD, key('?'), Action::Help, "show or hide this help", Some("help")),
    bind(BOARD, code(KeyCode::Esc), Action::Back, "back to the timeline", Some("back")),
    bind(BOARD, key('q'), Action::Back, "back to the timeline", None),
    bind(BOARD, key('b'), Action::Back, "back to the timeline", None),
    // The time axis.
    bind(AXIS, key('j'), Action::Down, "next event in time", Some("move")),
    bind(AXIS, code(KeyCode::Down), Action::Down, "next event in time", None),
    bind(AXIS, key('k'), Action::Up, "previous event in time", None),
    bind(AXIS, code(KeyCode::Up), Action::Up, "previous event in time", None),
    bind(AXIS, key('g'), Action::First, "first event", None),
    bind(AXIS, code(KeyCode::Home), Action::First, "first event", None),
    bind(AXIS, key('G'), Action::Last, "last event", None),
    bind(AXIS, code(KeyCode::End), Action::Last, "last event", None),
    bind(AXIS, KeyPat::Digit, Action::Count(0), "count prefix: repeat the next motion (5j)", None),
    bind(AXIS, key('h'), Action::Left, "pan earlier (a quarter of the width)", Some("pan")),
    bind(AXIS, code(KeyCode::Left), Action::Left, "pan earlier (a quarter of the width)", None),
    bind(AXIS, key('l'), Action::Right, "pan later (a quarter of the width)", None),
    bind(AXIS, code(KeyCode::Right), Action::Right, "pan later (a quarter of the width)", None),
    bind(AXIS, key('+'), Action::ZoomIn, "zoom in, centred on the selected event", Some("zoom")),
    bind(AXIS, key('='), Action::ZoomIn, "zoom in, centred on the selected event", None),
    bind(AXIS, key('-'), Action::ZoomOut, "zoom out (to the whole span)", None),
    bind(AXIS, key('v'), Action::Lanes, "lanes by thread / by country pair", Some("lanes")),
    bind(AXIS, code(KeyCode::Enter), Action::Open, "details of the selected event", Some("details")),
    bind(AXIS, key('?'), Action::Help, "show or hide this help", Some("help")),
    bind(AXIS, code(KeyCode::Esc), Action::Back, "back to the timeline", Some("back")),
    bind(AXIS, key('q'), Action::Back, "back to the timeline", None),
    // Help.
    bind(HELP, key('?'), Action::Back, "close help", None),
    bind(HELP, code(KeyCode::Esc), Action::Back, "close help", Some("close")),
    bind(HELP, key('q'), Action::Back, "close help", None),
];

/// What the mouse does (not keys, but shown with them).
pub const MOUSE_HELP: &[(&str, &str)] = &[
    ("wheel", "scroll the pane under the pointer"),
    (
        "click",
        "select a timeline row or a line of the board, or focus a pane",
    ),
    ("click on a mark", "time axis: select the mark's event"),
];

fn normalize(k: &KeyEvent) -> (KeyCode, KeyModifiers) {
    let mods = k.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    (k.code, mods)
}

/// The action a key press means in a mode; `None` for releases and unbound keys.
pub fn map_key(k: &KeyEvent, mode: Mode) -> Option<Action> {
    if k.kind != KeyEventKind::Press {
        return None;
    }
    let (code, mods) = normalize(k);
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .find_map(|b| match b.key {
            KeyPat::Key(c, m) if c == code && m == mods => Some(b.action),
            KeyPat::Digit => match code {
                KeyCode::Char(d @ '0'..='9') if mods.is_empty() => {
                    Some(Action::Count(d as u8 - b'0'))
                }
                _ => None,
            },
            KeyPat::Text => match code {
                KeyCode::Char(c) if !mods.contains(KeyModifiers::CONTROL) => {
                    Some(Action::SearchChar(c))
                }
                _ => None,
            },
            _ => None,
        })
}

/// How a key is written in help: `j`, `Down`, `Ctrl-d`, `PgDn`.
pub fn label(key: KeyPat) -> String {
    let (code, mods) = match key {
        KeyPat::Digit => return "0-9".into(),
        KeyPat::Text => return "any character".into(),
        KeyPat::Key(c, m) => (c, m),
    };
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "Down".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// One line of help: the keys that share a meaning in a mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    pub keys: String,
    pub help: &'static str,
}

/// The help of one mode, keys with the same meaning on one line, in table order.
pub fn help_entries(mode: Mode) -> Vec<HelpEntry> {
    let mut out: Vec<HelpEntry> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.modes.contains(&mode)) {
        let l = label(b.key);
        match out.iter_mut().find(|e| e.help == b.help) {
            Some(e) => {
                e.keys.push_str(", ");
                e.keys.push_str(&l);
            }
            None => out.push(HelpEntry {
                keys: l,
                help: b.help,
            }),
        }
    }
    out
}

/// The key of the first binding of an action in a mode, as help writes it.
pub fn key_for(action: Action, mode: Mode) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.action == action && b.modes.contains(&mode))
        .map(|b| label(b.key))
}

/// The footer hints of a mode: (key, word).
/// Help comes first, so it survives a narrow footer.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let mut rows: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode) && b.hint.is_some())
        .collect();
    rows.sort_by_key(|b| b.action != Action::Help);
    rows.into_iter()
        .filter_map(|b| b.hint.map(|h| (label(b.key), h)))
        .collect()
}

/// The key table as Markdown (docs/keys.md is this, checked by a test).
pub fn markdown() -> String {
    let mut s = String::from(
        "# Keys\n\nGenerated from `src/keymap.rs` by `cargo test` (see `tests/tui_docs.rs`); do not edit.\n",
    );
    for mode in Mode::ALL {
        s.push_str(&format!(
            "\n## {}\n\n| Keys | Action |\n|---|---|\n",
            mode.title()
        ));
        for e in help_entries(mode) {
            let keys = e.keys.replace('|', "\\|");
            s.push_str(&format!(
                "| `{}` | {} |\n",
                keys.replace(", ", "`, `"),
                e.help
            ));
        }
    }
    s.push_str("\n## Mouse\n\n| Input | Action |\n|---|---|\n");
    for (k, h) in MOUSE_HELP {
        s.push_str(&format!("| {k} | {h} |\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_map_by_mode() {
        let j = press(KeyCode::Char('j'), NONE);
        assert_eq!(map_key(&j, Mode::Normal), Some(Action::Down));
        assert_eq!(map_key(&j, Mode::Search), Some(Action::SearchChar('j')));
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map_key(&g, Mode::Normal), Some(Action::Last));
        let five = press(KeyCode::Char('5'), NONE);
        assert_eq!(map_key(&five, Mode::Normal), Some(Action::Count(5)));
        assert_eq!(map_key(&five, Mode::Search), Some(Action::SearchChar('5')));
        let cc = press(KeyCode::Char('c'), CTRL);
        for m in Mode::ALL {
            assert_eq!(map_key(&cc, m), Some(Action::ForceQuit), "{m:?}");
        }
        let cz = press(KeyCode::Char('z'), CTRL);
        let z = press(KeyCode::Char('z'), NONE);
        for m in Mode::ALL {
            assert_eq!(map_key(&cz, m), Some(Action::Suspend), "{m:?}");
            assert_ne!(map_key(&z, m), Some(Action::Suspend), "{m:?}");
        }
        let q = press(KeyCode::Char('q'), NONE);
        assert_eq!(map_key(&q, Mode::Normal), Some(Action::Quit));
        assert_eq!(map_key(&q, Mode::Reader), Some(Action::Back));
        let cd = press(KeyCode::Char('d'), CTRL);
        assert_eq!(map_key(&cd, Mode::Normal), Some(Action::PageDown));
        assert_eq!(map_key(&cd, Mode::Search), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut j = press(KeyCode::Char('j'), NONE);
        j.kind = KeyEventKind::Release;
        assert_eq!(map_key(&j, Mode::Normal), None);
    }

    #[test]
    fn help_groups_keys_with_one_meaning() {
        let e = help_entries(Mode::Normal);
        let down = e.iter().find(|e| e.help.starts_with("move down")).unwrap();
        assert_eq!(down.keys, "j, Down");
        let page = e.iter().find(|e| e.help == "page down").unwrap();
        assert_eq!(page.keys, "PgDn, Ctrl-d");
        assert!(hints(Mode::Normal).contains(&("?".to_string(), "help")));
    }

    #[test]
    fn every_mode_can_be_left() {
        for m in Mode::ALL {
            let e = help_entries(m);
            assert!(
                e.iter()
                    .any(|e| e.keys.contains("Esc") || e.keys.contains('q')),
                "{m:?}"
            );
        }
    }
}
