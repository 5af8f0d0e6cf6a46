//! The `?` overlay's text, built from the key table: above all, the
//! problems of a broken save; then the keys that work in several modes,
//! each listed once ("Everywhere" first); then the keys of the mode help
//! was opened from and of the others (over the time axis, its marks);
//! the mouse; and a legend of the symbols the screen uses, wrapped to the
//! overlay's width.

use crate::keymap::{BINDINGS, MOUSE_HELP, label};
use crate::model::{DateBasis, Kind, Problem};
use crate::text::{plural, sanitize_line};

use super::Mode;
use super::details::{CURRENT_QUOTE, QUOTE_BAR};
use super::styled::{Role, Run, StyledLine};
use super::timeline::{DISPUTED, MARKER};
use crate::text::wrap::wrap;

/// Width used for the problems before the overlay has a width.
const DEFAULT_WIDTH: usize = 78;
/// Width of the key column.
const KEYS: usize = 18;

/// Keys that mean one thing in a set of modes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The modes, in [`Mode::ALL`]'s order.
    pub modes: Vec<Mode>,
    pub keys: String,
    pub help: &'static str,
}

/// A titled group of entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub entries: Vec<Entry>,
}

fn in_order(modes: &[Mode]) -> Vec<Mode> {
    Mode::ALL
        .into_iter()
        .filter(|m| modes.contains(m))
        .collect()
}

/// Every binding once: a key bound to one action with one help text in
/// several rows of the table counts once with all their modes, and keys
/// with the same help in the same modes share a line.
pub fn entries() -> Vec<Entry> {
    let mut keyed: Vec<(String, &'static str, Vec<Mode>)> = Vec::new();
    for b in BINDINGS {
        let l = label(b.key);
        match keyed.iter_mut().find(|(k, h, _)| *k == l && *h == b.help) {
            Some((_, _, modes)) => *modes = in_order(&[modes.as_slice(), b.modes].concat()),
            None => keyed.push((l, b.help, in_order(b.modes))),
        }
    }
    let mut out: Vec<Entry> = Vec::new();
    for (keys, help, modes) in keyed {
        match out.iter_mut().find(|e| e.help == help && e.modes == modes) {
            Some(e) => {
                e.keys.push_str(", ");
                e.keys.push_str(&keys);
            }
            None => out.push(Entry { modes, keys, help }),
        }
    }
    out
}

/// What to call a set of modes.
fn modes_title(modes: &[Mode]) -> String {
    let all = Mode::ALL.len();
    if modes.len() == all {
        return "Everywhere".into();
    }
    let typing = [Mode::Search, Mode::Goto, Mode::Export];
    if Mode::ALL
        .iter()
        .all(|m| modes.contains(m) || typing.contains(m))
    {
        return "Everywhere but while typing".into();
    }
    modes
        .iter()
        .map(|m| m.title())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The sections of help opened over `from`: first the keys that work in
/// `from` (sets of several modes, the widest first, then `from`'s own),
/// then the keys of the other modes in the same order.
pub fn sections(from: Mode) -> Vec<Section> {
    let entries = entries();
    let mut sets: Vec<Vec<Mode>> = Vec::new();
    for e in entries.iter().filter(|e| e.modes.len() > 1) {
        if !sets.contains(&e.modes) {
            sets.push(e.modes.clone());
        }
    }
    sets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let (here, elsewhere): (Vec<_>, Vec<_>) = sets.into_iter().partition(|s| s.contains(&from));
    let mut out = Vec::new();
    let push_set = |out: &mut Vec<Section>, set: Vec<Mode>| {
        out.push(Section {
            title: modes_title(&set),
            entries: entries.iter().filter(|e| e.modes == set).cloned().collect(),
        });
    };
    for set in here {
        push_set(&mut out, set);
    }
    push_own(&mut out, &entries, from);
    for set in elsewhere {
        push_set(&mut out, set);
    }
    for mode in Mode::ALL.into_iter().filter(|m| *m != from) {
        push_own(&mut out, &entries, mode);
    }
    out
}

/// Adds the section of the keys bound in `mode` alone, if it has any.
fn push_own(out: &mut Vec<Section>, entries: &[Entry], mode: Mode) {
    let own: Vec<Entry> = entries
        .iter()
        .filter(|e| e.modes == [mode])
        .cloned()
        .collect();
    if !own.is_empty() {
        out.push(Section {
            title: mode.title().into(),
            entries: own,
        });
    }
}

/// The symbols of the screen and what each means: (symbol, meaning).
pub fn legend() -> Vec<(String, String)> {
    let mut out = vec![
        (MARKER.to_string(), "the selected event".to_string()),
        (
            DISPUTED.to_string(),
            "sources disagree on the event (the details say how)".to_string(),
        ),
    ];
    for k in Kind::ALL {
        out.push((k.glyph().into(), format!("kind: {}", k.as_str())));
    }
    for b in DateBasis::ALL {
        let mark = match b.mark().trim() {
            "" => "(no mark)".to_string(),
            m => m.to_string(),
        };
        out.push((mark, format!("after a date: {}", b.description())));
    }
    out.extend(
        [
            ("~Nov 2015", "approximate (c. Nov 2015)"),
            ("2011?", "uncertain"),
            ("≤31 Jul 2012", "on or before: the start is open or unknown"),
            ("2013–", "from then on: the end is open or unknown"),
            (
                "by 2012",
                "heading: on or before a day in 2012, maybe years before",
            ),
            ("c. 2011", "heading: about that year"),
            ("KR+2", "parties: the first and how many more"),
            (QUOTE_BAR, "a quote, word for word from its source"),
            (CURRENT_QUOTE, "the quote that y and the reader use"),
            ("━━ ┃", "a thick border: the pane the keys act on"),
        ]
        .map(|(s, m)| (s.to_string(), m.to_string())),
    );
    out
}

/// The legend as a Markdown table (README's legend block is this,
/// checked by a test).
pub fn legend_markdown() -> String {
    let mut s = String::from("| Symbol | Meaning |\n|---|---|\n");
    for (sym, meaning) in legend() {
        let sym = match sym.as_str() {
            "(no mark)" => sym,
            _ => format!("`{}`", sym.replace('|', "\\|")),
        };
        s.push_str(&format!("| {sym} | {meaning} |\n"));
    }
    s
}

/// The help text for help opened over `from`, with the `problems` of the
/// last reload, for an overlay `width` columns wide inside (0: not known).
pub fn lines(from: Mode, problems: &[Problem], checks: bool, width: usize) -> Vec<StyledLine> {
    let mut out = problem_lines(problems, checks, width);
    for s in sections(from) {
        if !out.is_empty() {
            out.push(StyledLine::default());
        }
        out.push(StyledLine::one(s.title, Role::Title));
        for e in &s.entries {
            out.push(entry(&e.keys, e.help, Role::Key));
        }
    }
    if from == Mode::Axis {
        out.push(StyledLine::default());
        out.push(StyledLine::one("Time axis marks", Role::Title));
        for (glyph, meaning) in super::axis::LEGEND {
            out.push(entry(glyph, meaning, Role::Base));
        }
    }
    out.push(StyledLine::default());
    out.push(StyledLine::one("Mouse", Role::Title));
    for (k, h) in MOUSE_HELP {
        out.push(entry(k, h, Role::Key));
    }
    out.push(StyledLine::default());
    out.push(StyledLine::one("Symbols", Role::Title));
    for (s, m) in legend() {
        out.push(entry(&s, &m, Role::Base));
    }
    out
}

fn entry(keys: &str, help: &str, role: Role) -> StyledLine {
    StyledLine(vec![
        Run::new(format!("  {keys:<KEYS$}"), role),
        Run::new(help, Role::Base),
    ])
}

/// The problems of a broken save, each wrapped to the overlay's width, so
/// that the whole list can be read while the last good data stays shown.
/// With `checks`, the problems are those the data shown fails (found by
/// the check of its quotes), not those of a reload.
fn problem_lines(problems: &[Problem], checks: bool, width: usize) -> Vec<StyledLine> {
    if problems.is_empty() {
        return Vec::new();
    }
    let width = match width {
        0 => DEFAULT_WIDTH,
        w => w,
    }
    .saturating_sub(2)
    .max(10);
    let title = if checks {
        format!(
            "The dataset fails its checks: {} (its data is shown as it is)",
            plural(problems.len(), "problem")
        )
    } else {
        format!(
            "The file does not load: {} (the last good data is shown)",
            plural(problems.len(), "problem")
        )
    };
    let mut out = vec![StyledLine::one(title, Role::Title)];
    for p in problems {
        let text = sanitize_line(&p.to_string()).into_owned();
        for r in wrap(&text, width) {
            out.push(StyledLine::one(format!("  {}", &text[r]), Role::Status));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_binding_is_listed_once_and_shared_keys_under_everywhere() {
        let s = sections(Mode::Normal);
        assert_eq!(s[0].title, "Everywhere");
        assert!(s[0].entries.iter().any(|e| e.keys == "Ctrl-c"));
        let all: Vec<&Entry> = s.iter().flat_map(|s| &s.entries).collect();
        // j moves in four modes, and is listed once (the board's j, which
        // chooses a line, has its own line).
        let j: Vec<_> = all
            .iter()
            .filter(|e| e.keys.split(", ").any(|k| k == "j") && e.help.starts_with("move down"))
            .collect();
        assert_eq!(j.len(), 1, "{j:?}");
        assert!(j[0].modes.len() > 1);
        // Every binding of the table is on some line of its modes.
        for b in BINDINGS {
            let l = label(b.key);
            for m in b.modes {
                assert!(
                    all.iter().any(|e| e.help == b.help
                        && e.modes.contains(m)
                        && e.keys.split(", ").any(|k| k == l)),
                    "{l} in {m:?}"
                );
            }
        }
    }

    #[test]
    fn the_legend_names_every_kind_and_basis_once() {
        let l = legend();
        for k in Kind::ALL {
            assert_eq!(l.iter().filter(|(s, _)| s == k.glyph()).count(), 1);
        }
        let symbols: Vec<&String> = l.iter().map(|(s, _)| s).collect();
        for (i, s) in symbols.iter().enumerate() {
            assert!(!symbols[i + 1..].contains(s), "{s} twice");
        }
    }
}
