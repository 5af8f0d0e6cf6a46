//! Whole screens drawn on a `TestBackend`, compared with insta snapshots
//! (text only: colours and styles are asserted separately below).

use std::path::Path;

use hotlines::action::{Action, Mode};
use hotlines::app::{App, Msg};
use hotlines::model::Dataset;
use hotlines::tui::draw;
use hotlines::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

fn small() -> Dataset {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json");
    Dataset::load(&p).expect("fixture loads")
}

fn screen(theme: Theme, w: u16, h: u16, actions: &[Action]) -> (App, Terminal<TestBackend>) {
    let mut app = App::new(small());
    app.update(Msg::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    draw(&mut term, &app, &theme).unwrap();
    for &a in actions {
        app.update(a);
        draw(&mut term, &app, &theme).unwrap();
    }
    // The final frame once more on a fresh backend: TestBackend, unlike a
    // terminal, keeps the cell behind a wide character that a later frame
    // overwrites with narrow ones, which would leave stale letters in the
    // snapshot that no real screen shows (the end-to-end tests read a real
    // terminal emulator).
    let mut fresh = Terminal::new(TestBackend::new(w, h)).unwrap();
    draw(&mut fresh, &app, &theme).unwrap();
    (app, fresh)
}

fn text(term: &Terminal<TestBackend>) -> String {
    term.backend().to_string()
}

fn chars(s: &str) -> Vec<Action> {
    s.chars().map(Action::SearchChar).collect()
}

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 12)];

fn snap(name: &str, actions: &[Action]) {
    for (w, h) in SIZES {
        let (_, term) = screen(Theme::plain(), w, h, actions);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text(&term));
    }
}

use Action::*;

#[test]
fn main_screen() {
    snap("main", &[Down]);
}

#[test]
fn details_focused_and_scrolled() {
    snap("details", &[Count(5), Down, ToggleFocus, Down, Down]);
}

#[test]
fn details_with_the_date_reasoning_open() {
    snap("details_reasoning_open", &[Count(5), Down, ToggleReasoning]);
}

#[test]
fn details_of_a_plan_show_expected_and_said() {
    snap("details_plan", &[Last]);
}

#[test]
fn source_reader() {
    snap("reader", &[Down, Open, NextQuote]);
}

#[test]
fn help_overlay() {
    snap("help", &[Help]);
}

#[test]
fn search_with_matches() {
    let mut a = vec![SearchStart];
    a.extend(chars("min-koo"));
    snap("search_typing", &a);
    a.push(SearchAccept);
    a.push(SearchNext);
    snap("search_accepted", &a);
}

#[test]
fn active_filter() {
    snap(
        "filter_menu",
        &[FilterOpen, FilterToggle, Down, Down, FilterToggle],
    );
    snap(
        "filtered",
        &[FilterOpen, FilterToggle, Down, Down, FilterToggle, Back],
    );
}

fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in 0..area.height {
        let line: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(i) = line.find(needle) {
            let col = line[..i].chars().count() as u16;
            return Some((col, y));
        }
    }
    None
}

#[test]
fn no_color_marks_the_selected_row_with_a_symbol_and_bold() {
    let (app, term) = screen(Theme::plain(), 80, 24, &[Down]);
    let buf = term.backend().buffer();
    assert_eq!(app.selected_event().unwrap().id, "agree-2012");
    let (x, y) = find(buf, "South Korea and China agree").expect("selected title on screen");
    let list = app.areas.timeline_list;
    assert_eq!(buf[(list.x, y)].symbol(), Theme::MARKER);
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    // No colour at all: every cell's colours are Reset.
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
        assert!(!cell.modifier.contains(Modifier::REVERSED));
    }
    // Exactly one row carries the marker in the timeline.
    let marked = (list.y..list.y + list.height)
        .filter(|&y| buf[(list.x, y)].symbol() == Theme::MARKER)
        .count();
    assert_eq!(marked, 1);
}

#[test]
fn colour_theme_highlights_the_selection_and_matches() {
    let mut a = vec![SearchStart];
    a.extend(chars("hotline"));
    let (app, term) = screen(Theme::colored(), 120, 40, &a);
    let buf = term.backend().buffer();
    let (x, y) = find(buf, "agree on a defense hotline").unwrap();
    let x = x + "agree on a defense ".len() as u16;
    assert_eq!(buf[(x, y)].symbol(), "h");
    assert_eq!(buf[(x, y)].bg, Theme::colored().matched.bg.unwrap());
    let list = app.areas.timeline_list;
    let sel_y = (list.y..list.y + list.height)
        .find(|&y| buf[(list.x, y)].symbol() == Theme::MARKER)
        .unwrap();
    assert_eq!(
        buf[(list.x, sel_y)].bg,
        Theme::colored().selected.bg.unwrap()
    );
}

#[test]
fn escape_sequences_are_shown_not_sent() {
    // escape-2012 is the fourth event.
    let (_, term) = screen(Theme::plain(), 120, 40, &[Count(3), Down]);
    let screen = text(&term);
    assert!(screen.contains("Escape ␛[31mred␛[0m title"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
    let (_, term) = screen_reader();
    let screen = text(&term);
    assert!(screen.contains("Fixture ␛[2J Press"), "{screen}");
    assert!(screen.contains("Escape ␛[31mred␛[0m text"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
}

fn screen_reader() -> (App, Terminal<TestBackend>) {
    screen(Theme::plain(), 120, 40, &[Count(3), Down, Open])
}

#[test]
fn wide_characters_line_up() {
    let (app, term) = screen(Theme::plain(), 80, 24, &[Count(4), Down]);
    let buf = term.backend().buffer();
    let (_, y) = find(buf, "Summit in").unwrap();
    // The row is cut to the pane: its right border is still in place.
    let right = app.areas.timeline.x + app.areas.timeline.width - 1;
    assert_eq!(buf[(right, y)].symbol(), "┃");
    let reader = screen(Theme::plain(), 80, 24, &[Count(4), Down, Open]).1;
    assert!(text(&reader).contains("서울"));
}

#[test]
fn the_reader_highlights_the_quote() {
    let (app, term) = screen(Theme::colored(), 80, 24, &[Down, Open]);
    assert_eq!(app.mode, Mode::Reader);
    let buf = term.backend().buffer();
    let (x, y) = find(buf, "South Korea and China agreed on Tuesday").unwrap();
    assert_eq!(buf[(x, y)].bg, Theme::colored().quote.bg.unwrap());
    assert_eq!(buf[(x - 2, y)].symbol(), Theme::QUOTE_BAR);
}

#[test]
fn tiny_terminals_do_not_panic() {
    for (w, h) in [(0, 0), (1, 1), (0, 5), (5, 0), (19, 5), (20, 6), (10, 3)] {
        for actions in [&[][..], &[Open], &[Help], &[FilterOpen], &[SearchStart]] {
            let (_, term) = screen(Theme::plain(), w, h, actions);
            if w == 0 {
                continue; // TestBackend cannot print a zero-width buffer
            }
            let s = text(&term);
            if w >= 10 && h >= 1 && (w < 20 || h < 6) {
                assert!(
                    s.contains("terminal …") || s.contains("terminal too"),
                    "{s}"
                );
            }
        }
    }
}

fn embedded_app(w: u16, h: u16) -> (App, Terminal<TestBackend>) {
    let mut app = App::new(Dataset::embedded().expect("the embedded dataset loads"));
    app.update(Msg::Resize(w, h));
    let term = Terminal::new(TestBackend::new(w, h)).unwrap();
    (app, term)
}

/// The text of a row of the buffer between two columns.
fn row_text(buf: &Buffer, y: u16, from: u16, to: u16) -> String {
    (from..to).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn four_in_five_titles_of_the_embedded_dataset_show_whole_at_120x40() {
    let (mut app, mut term) = embedded_app(120, 40);
    let titles: Vec<String> = app
        .data
        .events()
        .iter()
        .map(|e| e.title.to_string())
        .collect();
    // Every row the timeline pane shows, page by page, as the screen has it.
    let mut rows: Vec<String> = Vec::new();
    loop {
        draw(&mut term, &app, &Theme::plain()).unwrap();
        let buf = term.backend().buffer();
        let pane = app.areas.timeline;
        for y in pane.y + 1..pane.y + pane.height - 1 {
            rows.push(row_text(buf, y, pane.x + 1, pane.x + pane.width - 1));
        }
        let before = app.selected;
        app.update(PageDown);
        if app.selected == before {
            break;
        }
    }
    // A title shows whole when a row ends with it after a space: a cut
    // title ends with "…" instead.
    let whole = titles
        .iter()
        .filter(|t| {
            rows.iter()
                .any(|r| r.trim_end().ends_with(&format!(" {t}")))
        })
        .count();
    assert!(
        whole * 5 >= titles.len() * 4,
        "{whole} of {} titles whole:\n{}",
        titles.len(),
        rows.join("\n")
    );
}

#[test]
fn the_first_quote_is_on_the_first_screen_of_details_at_80x24() {
    let (mut app, mut term) = embedded_app(80, 24);
    for _ in 0..app.data.events().len() {
        draw(&mut term, &app, &Theme::plain()).unwrap();
        let buf = term.backend().buffer();
        let pane = app.areas.details;
        let screen: Vec<String> = (pane.y..pane.y + pane.height)
            .map(|y| row_text(buf, y, pane.x, pane.x + pane.width))
            .collect();
        let e = app.selected_event().unwrap();
        let words: Vec<&str> = e.quotes[0].text.split_whitespace().take(3).collect();
        let start = words.join(" ");
        assert!(
            screen.iter().any(|l| l.contains(&start)),
            "{}: {start:?} not on\n{}",
            e.id,
            screen.join("\n")
        );
        app.update(Down);
    }
}

#[test]
fn the_footer_keeps_help_and_the_way_out_at_80_and_40_columns() {
    for (w, h) in [(80, 24), (40, 12)] {
        for (actions, help, out) in [
            (&[][..], "? help", "q quit"),
            (&[Open][..], "? help", "Esc back"),
            (&[Help][..], "", "Esc close"),
            (&[FilterOpen][..], "", "Esc close"),
            (&[SearchStart][..], "", "Esc clear"),
        ] {
            let (_, term) = screen(Theme::plain(), w, h, actions);
            let buf = term.backend().buffer();
            let footer = row_text(buf, h - 1, 0, w);
            assert!(
                footer.contains(help) && footer.contains(out),
                "{w}x{h} {actions:?}: {footer:?}"
            );
            assert!(!footer.contains('…'), "{footer:?}");
        }
    }
}

/// One row of the screen, without trailing blanks.
fn row(term: &Terminal<TestBackend>, y: u16) -> String {
    let buf = term.backend().buffer();
    let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
    line.trim_end().to_string()
}

#[test]
fn the_goto_and_export_prompts_show_in_the_footer() {
    let mut typing = vec![GotoStart];
    typing.extend(chars("2015-0"));
    let (_, term) = screen(Theme::plain(), 80, 24, &typing);
    assert_eq!(row(&term, 23), "Go to date: 2015-0▏  Enter go · Esc cancel");

    let (_, term) = screen(Theme::plain(), 80, 24, &[ExportStart]);
    assert_eq!(
        row(&term, 23),
        "Write view to: hotlines-view.json▏ (json)  Enter write · Tab format · Esc cancel"
    );
    // What is typed is shown, never obeyed; a name without a format says so.
    let mut hostile = vec![ExportStart, ExportClear];
    hostile.extend(chars("a\u{1b}[2J.txt"));
    let (_, term) = screen(Theme::plain(), 80, 24, &hostile);
    assert_eq!(
        row(&term, 23),
        "Write view to: a␛[2J.txt▏ (no format)  Enter write · Tab format · Esc cancel"
    );

    // Enter asked the loop to write; the loop found a file there.
    let (mut app, _) = screen(Theme::plain(), 80, 24, &[ExportStart, SearchAccept]);
    app.update(Msg::ExportWouldReplace("old.csv".into()));
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    draw(&mut term, &app, &Theme::plain()).unwrap();
    assert_eq!(
        row(&term, 23),
        "old.csv exists: replace it? y or Enter replaces · Esc edits the name"
    );
    assert_eq!(app.mode, Mode::Export);
}

#[test]
fn time_axis() {
    snap("axis", &[Down, AxisOpen]);
    snap(
        "axis_zoomed",
        &[Count(5), Down, AxisOpen, ZoomIn, ZoomIn, ZoomIn],
    );
    snap("axis_by_pair", &[AxisOpen, Lanes, Last]);
    snap("axis_help", &[AxisOpen, Help]);
}

#[test]
fn the_axis_marks_the_selection_without_colour() {
    let (app, term) = screen(Theme::plain(), 80, 24, &[Down, AxisOpen]);
    assert_eq!(app.selected_event().unwrap().id, "agree-2012");
    let buf = term.backend().buffer();
    let r = app.axis.rects;
    let sel = app.axis.selected.expect("a selection on the axis");
    let y = r.plot.y + sel.row;
    // The lane's marker, and only that lane's.
    let marked: Vec<u16> = (r.plot.y..r.plot.y + r.plot.height)
        .filter(|&y| buf[(r.labels.x, y)].symbol() == Theme::MARKER)
        .collect();
    assert_eq!(marked, [y]);
    // Its cells in bold, the caret under them.
    let (from, to) = sel.cols.expect("the selection is in view");
    for c in from..=to {
        assert!(buf[(r.plot.x + c, y)].modifier.contains(Modifier::BOLD));
    }
    let carets: Vec<u16> = (r.caret.x..r.caret.x + r.caret.width)
        .filter(|&x| buf[(x, r.caret.y)].symbol() == "▲")
        .collect();
    assert_eq!(carets.len(), 1);
    assert!((r.plot.x + from..=r.plot.x + to).contains(&carets[0]));
    assert_eq!(
        buf[(carets[0], y)].symbol(),
        "2",
        "two events end on 31 Jul 2012"
    );
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
        assert!(!cell.modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn the_axis_in_colour_paints_the_selection() {
    let (app, term) = screen(Theme::colored(), 120, 40, &[Count(4), Down, AxisOpen]);
    let buf = term.backend().buffer();
    let r = app.axis.rects;
    let sel = app.axis.selected.unwrap();
    let (from, _) = sel.cols.unwrap();
    let cell = &buf[(r.plot.x + from, r.plot.y + sel.row)];
    assert_eq!(cell.symbol(), "●");
    assert_eq!(cell.bg, Theme::colored().selected.bg.unwrap());
}

#[test]
fn the_axis_says_when_the_filter_hides_every_event() {
    // China and Russia together: no event of the fixture has both.
    let hide_all = [
        FilterOpen,
        Count(6),
        Down,
        FilterToggle,
        Down,
        Down,
        FilterToggle,
        Back,
        AxisOpen,
    ];
    for (w, h) in SIZES {
        let (app, term) = screen(Theme::plain(), w, h, &hide_all);
        assert!(app.view.is_empty());
        let s = text(&term);
        assert!(s.contains("No event matches the filter"), "{s}");
        assert!(s.contains("Time axis"), "{s}");
    }
}
