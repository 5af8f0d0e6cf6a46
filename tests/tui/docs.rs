//! Generated documentation that must stay true: `docs/keys.md` comes from
//! the key table, `docs/screenshot.txt` from drawing the main screen of the
//! embedded dataset at 100x30, README's board of lines from drawing it at
//! 120x40. A test that finds a file out of date fails;
//! `UPDATE_DOCS=1 cargo test --test tui` rewrites them (then read the diff).

use std::path::PathBuf;

use hotlines::action::Action;
use hotlines::app::{App, Msg};
use hotlines::model::Dataset;
use hotlines::tui::draw;
use hotlines::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

fn check(rel: &str, expected: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{rel} is out of date: run `UPDATE_DOCS=1 cargo test --test tui`\n--- expected:\n{expected}"
    );
}

/// The buffer as plain text lines, trailing blanks trimmed.
fn plain_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if skip == 0 {
                line.push_str(sym);
                skip = sym.width().max(1);
            }
            skip -= 1;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Checks the part of README.md between `<!-- NAME:start -->` and
/// `<!-- NAME:end -->`, or rewrites it under `UPDATE_DOCS`.
fn check_readme_block(name: &str, expected: &str) {
    // Tests run in parallel: one at a time reads and rewrites README.md.
    static README: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = README.lock().unwrap_or_else(|e| e.into_inner());
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = (
        format!("<!-- {name}:start -->\n"),
        format!("<!-- {name}:end -->"),
    );
    let from = readme
        .find(&start)
        .unwrap_or_else(|| panic!("README.md has no {start}"))
        + start.len();
    let to = from
        + readme[from..]
            .find(&end)
            .unwrap_or_else(|| panic!("README.md has no {end}"));
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{expected}{}", &readme[..from], &readme[to..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        readme[from..to] == *expected,
        "README.md block {name} is out of date: run `UPDATE_DOCS=1 cargo test --test tui`\n--- expected:\n{expected}"
    );
}

#[test]
fn keys_md_is_the_key_table() {
    check("docs/keys.md", &hotlines::keymap::markdown());
}

/// README carries the same table, one heading level down, without the title.
#[test]
fn readme_lists_every_key() {
    let md = hotlines::keymap::markdown();
    let body = md
        .split_once("\n## ")
        .map(|(_, rest)| format!("### {rest}"))
        .unwrap();
    let body = body.replace("\n## ", "\n### ");
    assert!(body.contains("`Ctrl-c`") && body.contains("`?`"));
    check_readme_block("keys", &body);
}

/// README's legend of the screen's symbols is the one of the `?` overlay.
#[test]
fn readme_has_the_legend_of_symbols() {
    let md = hotlines::app::help::legend_markdown();
    assert!(md.contains("kind: meeting") && md.contains("derived from the text"));
    check_readme_block("legend", &md);
}

#[test]
fn screenshot_is_the_main_screen() {
    let data = Dataset::embedded().expect("the embedded dataset loads");
    let mut app = App::new(data);
    app.update(Msg::Resize(100, 30));
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    draw(&mut term, &app, &Theme::plain()).unwrap();
    let text = plain_text(term.backend().buffer());
    assert!(text.contains("events"));
    check("docs/screenshot.txt", &text);
    check_readme_block("screenshot", &format!("```text\n{text}```\n"));
}

#[test]
fn readme_shows_the_board_of_lines() {
    use hotlines::action::Action;
    let data = Dataset::embedded().expect("the embedded dataset loads");
    let mut app = App::new(data);
    app.update(Msg::Resize(120, 40));
    // The Seoul-Beijing line, on its forecast for the first half of 2015.
    for a in [
        Action::BoardOpen,
        Action::Down,
        Action::Down,
        Action::Down,
        Action::Left,
        Action::Left,
    ] {
        app.update(a);
    }
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut term, &app, &Theme::plain()).unwrap();
    let text = plain_text(term.backend().buffer());
    assert!(text.contains("Board of lines (9)"));
    assert!(text.contains("expected H1 2015 · missed"));
    check_readme_block("board", &format!("```text\n{text}```\n"));
}

/// README's picture of the time axis: the embedded dataset at 100x30, from
/// the whole span, with the first approximate event selected.
#[test]
fn axis_screenshot_is_the_time_axis() {
    let data = Dataset::embedded().expect("the embedded dataset loads");
    let mut app = App::new(data);
    app.update(Msg::Resize(100, 30));
    app.update(Action::AxisOpen);
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    draw(&mut term, &app, &Theme::plain()).unwrap();
    let text = plain_text(term.backend().buffer());
    assert!(text.contains("Time axis"), "{text}");
    assert!(text.contains("1950") && text.contains("2020"), "{text}");
    check_readme_block("axis", &format!("```text\n{text}```\n"));
}
