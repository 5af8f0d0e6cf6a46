//! The board of lines on a `TestBackend`: the embedded dataset's lines at
//! three sizes, the filter, and what NO_COLOR keeps readable.

use hotlines::action::{Action, Mode};
use hotlines::app::{App, Msg};
use hotlines::model::Dataset;
use hotlines::tui::draw;
use hotlines::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use Action::*;

fn screen(theme: Theme, w: u16, h: u16, actions: &[Action]) -> (App, Terminal<TestBackend>) {
    let mut app = App::new(Dataset::embedded().expect("the embedded dataset loads"));
    app.update(Msg::Resize(w, h));
    for &a in actions {
        app.update(a);
    }
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    draw(&mut term, &app, &theme).unwrap();
    (app, term)
}

fn snap(name: &str, actions: &[Action]) {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let (_, term) = screen(Theme::plain(), w, h, actions);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend().to_string());
    }
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn board_of_lines() {
    snap("board", &[BoardOpen]);
}

#[test]
fn board_on_the_missed_forecast() {
    // The fourth line (South Korea–China, defense ministries), its plan of
    // February 2015: two steps left of its latest milestone, the first call.
    snap("board_forecast", &[BoardOpen, Down, Down, Down, Left, Left]);
}

#[test]
fn board_with_a_filter_that_hides_some_milestones() {
    // The first filter item is a kind; the board keeps the lines that
    // have a milestone of it and brackets the other dates.
    snap(
        "board_filtered",
        &[FilterOpen, FilterToggle, Back, BoardOpen],
    );
}

#[test]
fn board_help_lists_the_board_keys_first() {
    let (app, term) = screen(Theme::plain(), 120, 40, &[BoardOpen, Help]);
    assert_eq!(app.mode, Mode::Help);
    let text = rows(term.backend().buffer()).join("\n");
    let board = text.find("Board of lines").expect("the board's keys");
    let timeline = text
        .find("Timeline and details")
        .expect("the timeline's keys");
    assert!(board < timeline, "{text}");
    assert!(text.contains("go to the milestone's event in the timeline"));
}

#[test]
fn no_color_board_says_each_status_in_words_and_marks_the_selection() {
    let (app, term) = screen(Theme::plain(), 120, 40, &[BoardOpen, Down, Down, Down]);
    let buf = term.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    let text = rows(buf);
    let list = app.areas.board_list;
    let marked: Vec<&String> = text[list.y as usize..(list.y + list.height) as usize]
        .iter()
        .filter(|r| r.chars().nth(list.x as usize) == Some('▶'))
        .collect();
    assert_eq!(marked.len(), 1, "{text:#?}");
    assert!(marked[0].contains("South Korea–China") && marked[0].contains("used"));
    // The selected milestone (the latest: the first call) is marked by a
    // glyph and bold, not by colour.
    let row = text
        .iter()
        .position(|r| r.contains("▸31 Dec 2015"))
        .unwrap();
    let x = text[row].chars().position(|c| c == '▸').unwrap() as u16 + 1;
    assert!(buf[(x, row as u16)].modifier.contains(Modifier::BOLD));
    assert!(buf[(x, row as u16)].modifier.contains(Modifier::UNDERLINED));
    // The missed forecast, in words.
    assert!(text.iter().any(|r| r.contains("expected H1 2015 · missed")));
}

#[test]
fn colour_board_colours_statuses_beside_their_words() {
    let (_, term) = screen(Theme::colored(), 120, 40, &[BoardOpen]);
    let buf = term.backend().buffer();
    let text = rows(buf);
    let (y, row) = text
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains("South Korea–Russia"))
        .unwrap();
    let x = row
        .find(" planned")
        .map(|i| row[..i].chars().count() + 1)
        .unwrap();
    assert_eq!(buf[(x as u16, y as u16)].fg, Color::Yellow);
}

#[test]
fn a_filter_that_no_line_passes_says_so_at_every_size() {
    // The small fixture's one line is marked by an agreement and an
    // opening; the first item of the filter menu keeps only meetings.
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json");
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = App::new(Dataset::load(&p).unwrap());
        app.update(Msg::Resize(w, h));
        for a in [FilterOpen, FilterToggle, Back, BoardOpen] {
            app.update(a);
        }
        assert!(app.filter.kinds.contains(&hotlines::model::Kind::Meeting));
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        draw(&mut term, &app, &Theme::plain()).unwrap();
        let text = rows(term.backend().buffer()).join("\n");
        assert!(text.contains("Board of lines (0 of 1)"), "{text}");
        assert!(text.contains("No line matches the filter"), "{text}");
    }
}
