//! The board's state: which lines it shows and in what order, moving
//! between lines and milestones, going to a milestone's event, the filter,
//! and every size. No backend: `Resize` gives the size.

use super::super::*;
use super::HIDDEN_NOTE;
use crate::model::{Dataset, Kind};

fn app_at(w: u16, h: u16) -> App {
    let mut app = App::new(Dataset::embedded().expect("the embedded dataset loads"));
    app.update(Msg::Resize(w, h));
    app
}

fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().flat_map(|&a| app.update(a)).collect()
}

/// The ids of the lines on the board, top to bottom.
fn line_ids(app: &App) -> Vec<&str> {
    app.board
        .rows
        .iter()
        .map(|&l| app.data.lines()[l].id.as_str())
        .collect()
}

fn selected_line(app: &App) -> &str {
    app.board
        .selected_line()
        .map_or("", |l| app.data.lines()[l].id.as_str())
}

/// The event of the selected milestone.
fn selected_step_event(app: &App) -> &str {
    let line = &app.data.lines()[app.board.selected_line().unwrap()];
    let step = app.data.line_steps(line)[app.board.step];
    &app.data.events()[step.event].id
}

fn set_filter(app: &mut App, filter: Filter) {
    app.filter = filter;
    app.refilter();
    app.update(Msg::Resize(app.size.width, app.size.height));
}

use Action::*;

#[test]
fn b_opens_the_board_with_every_line_by_country_pair() {
    let mut app = app_at(120, 40);
    run(&mut app, &[BoardOpen]);
    assert_eq!(app.mode, Mode::Board);
    // By the pair as written: China–Japan, China–Russia, China–United
    // States, South Korea–China (2012's line before 2015's channel),
    // South Korea–Japan, South Korea–Russia (two, both first marked on
    // 11 Nov 2021: as listed), South Korea–United States.
    assert_eq!(
        line_ids(&app),
        [
            "cn-jp-sea-air-liaison",
            "cn-ru-defense",
            "cn-us-defense",
            "kr-cn-defense-ministries",
            "kr-cn-air-force-navy-channel",
            "kr-jp-military",
            "kr-ru-navies",
            "kr-ru-air-forces",
            "kr-us-military",
        ]
    );
    assert!(!app.board.folded);
    // Two rows a line, and the note only under a filter.
    assert_eq!(app.board.lines.len(), 18);
    assert_eq!(selected_line(&app), "cn-jp-sea-air-liaison");
    // A line starts on its latest milestone, its current status.
    assert_eq!(
        selected_step_event(&app),
        "cn-jp-2021-12-27-telephone-line-plan"
    );
}

#[test]
fn j_and_k_choose_a_line_and_stop_at_the_ends() {
    let mut app = app_at(120, 40);
    run(&mut app, &[BoardOpen, Up]);
    assert_eq!(app.board.selected, 0);
    run(&mut app, &[Down, Down, Down]);
    assert_eq!(selected_line(&app), "kr-cn-defense-ministries");
    run(&mut app, &[Last]);
    assert_eq!(selected_line(&app), "kr-us-military");
    run(&mut app, &[Down]);
    assert_eq!(selected_line(&app), "kr-us-military");
    run(&mut app, &[First]);
    assert_eq!(selected_line(&app), "cn-jp-sea-air-liaison");
}

#[test]
fn h_and_l_choose_a_milestone_and_a_new_line_starts_on_its_latest() {
    let mut app = app_at(120, 40);
    run(&mut app, &[BoardOpen, Down, Down, Down]);
    assert_eq!(
        selected_step_event(&app),
        "kr-cn-2015-12-31-first-hotline-call"
    );
    run(&mut app, &[Left, Left]);
    assert_eq!(
        selected_step_event(&app),
        "kr-cn-2015-h1-hotline-expected-to-open"
    );
    run(&mut app, &[Left, Left, Left, Left, Left, Left]);
    assert_eq!(
        selected_step_event(&app),
        "kr-cn-by-2012-07-31-hotline-agreed"
    );
    run(&mut app, &[Right]);
    assert_eq!(
        selected_step_event(&app),
        "kr-cn-2012-07-31-hotline-announced"
    );
    for _ in 0..10 {
        app.update(Right);
    }
    assert_eq!(
        selected_step_event(&app),
        "kr-cn-2015-12-31-first-hotline-call"
    );
    run(&mut app, &[Left, Down]);
    assert_eq!(
        selected_step_event(&app),
        "kr-cn-2015-11-asean-sidelines-meeting"
    );
}

#[test]
fn the_missed_forecast_is_on_the_selected_lines_rows() {
    let mut app = app_at(120, 40);
    run(&mut app, &[BoardOpen, Down, Down, Down]);
    let text: Vec<String> = app.board.lines.iter().map(|l| l.to_string()).collect();
    let row = app
        .board
        .line_row
        .iter()
        .position(|r| *r == Some(3))
        .unwrap();
    assert!(text[row].contains("used") && text[row].contains("31 Dec 2015"));
    assert!(
        text[row + 1].contains("expected H1 2015 · missed"),
        "{text:#?}"
    );
    let details: Vec<String> = app.board.details.iter().map(|l| l.to_string()).collect();
    assert!(
        details.iter().any(|l| l.contains(
            "expected H1 2015 · missed: Seoul-Beijing military hotline opens (31 Dec 2015)"
        )),
        "{details:#?}"
    );
}

#[test]
fn enter_goes_to_the_milestones_event_in_the_timeline() {
    let mut app = app_at(120, 40);
    let before = app.selected;
    run(&mut app, &[BoardOpen, Down, Down, Down, Left, Left, Open]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Focus::Timeline);
    assert_ne!(app.selected, before);
    assert_eq!(
        app.selected_event().unwrap().id,
        "kr-cn-2015-h1-hotline-expected-to-open"
    );
    assert!(app.status.as_deref().unwrap().contains("planned"));
    // In the rows the timeline shows.
    let row = app.view.event_row[app.selected] as usize;
    let h = app.areas.timeline_list.height as usize;
    assert!(
        row >= app.offset && row < app.offset + h,
        "{row} {} {h}",
        app.offset
    );
    // The board opens again where it was left.
    run(&mut app, &[BoardOpen]);
    assert_eq!(
        selected_step_event(&app),
        "kr-cn-2015-h1-hotline-expected-to-open"
    );
}

#[test]
fn esc_q_and_b_return_to_the_timeline_unchanged() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for key in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('b')] {
        let mut app = app_at(80, 24);
        run(&mut app, &[Down, Down, Down]);
        let (selected, offset) = (app.selected, app.offset);
        run(&mut app, &[BoardOpen, Down, Right]);
        let back = crate::keymap::map_key(&KeyEvent::new(key, KeyModifiers::NONE), app.mode)
            .expect("bound on the board");
        assert!(app.update(back).is_empty(), "{key:?}");
        assert_eq!(app.mode, Mode::Normal, "{key:?}");
        assert_eq!((app.selected, app.offset), (selected, offset), "{key:?}");
    }
}

#[test]
fn the_filter_keeps_lines_with_a_shown_milestone_and_brackets_the_rest() {
    let mut app = app_at(120, 40);
    set_filter(
        &mut app,
        Filter {
            kinds: vec![Kind::Meeting],
            ..Filter::default()
        },
    );
    run(&mut app, &[BoardOpen]);
    assert_eq!(
        line_ids(&app),
        ["kr-cn-defense-ministries", "kr-cn-air-force-navy-channel"]
    );
    let text: Vec<String> = app.board.lines.iter().map(|l| l.to_string()).collect();
    assert!(text[0].contains("(c. 31 Jul 2012) +1"), "{text:#?}");
    assert!(text.iter().any(|l| l.contains(HIDDEN_NOTE)));
    // Enter on a hidden milestone stays and says why.
    run(&mut app, &[Left, Left, Open]);
    assert_eq!(app.mode, Mode::Board);
    assert!(app.status.as_deref().unwrap().contains("filter hides"));
    // On a shown one (the 2014 summit, a meeting) it goes.
    run(&mut app, &[Left, Left, Open]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.selected_event().unwrap().id,
        "kr-cn-2014-07-park-xi-summit"
    );
}

#[test]
fn a_filter_that_no_line_passes_leaves_an_empty_board() {
    let mut app = app_at(80, 24);
    run(&mut app, &[BoardOpen, Down, Down, Down]);
    set_filter(
        &mut app,
        Filter {
            search: Some("no such words anywhere".into()),
            ..Filter::default()
        },
    );
    assert!(app.board.rows.is_empty());
    assert!(app.board.lines.is_empty() && app.board.details.is_empty());
    for a in [Down, Up, Left, Right, Last, Open] {
        app.update(a);
    }
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(app.status.as_deref(), Some("No line to go to"));
    // Taking the filter off brings the lines back.
    set_filter(&mut app, Filter::default());
    assert_eq!(app.board.rows.len(), 9);
}

#[test]
fn narrow_boards_fold_each_line_to_one_row_with_the_selected_milestone_beneath() {
    let mut app = app_at(80, 24);
    run(&mut app, &[BoardOpen, Down, Down, Down, Left, Left]);
    assert!(app.board.folded);
    // Nine rows, and one more for the selected line's milestone.
    assert_eq!(app.board.lines.len(), 10);
    let text: Vec<String> = app.board.lines.iter().map(|l| l.to_string()).collect();
    assert!(text[3].starts_with("▶ South Korea–China") && text[3].contains("used"));
    assert!(text[3].contains("31 Dec 2015"));
    assert!(
        text[4].contains("▸ planned 4 Feb 2015–c. 5 Feb 2015 (5 of 7) · expected H1 2015 · missed"),
        "{text:#?}"
    );
}

#[test]
fn the_selected_line_stays_in_view_in_a_short_board() {
    let mut app = app_at(40, 12);
    run(&mut app, &[BoardOpen, Last]);
    let h = app.areas.board_list.height as usize;
    assert!(h > 0);
    let (top, last) = app.board.selected_span().unwrap();
    assert!(top >= app.board.offset && last < app.board.offset + h);
    run(&mut app, &[First]);
    assert_eq!(app.board.offset, 0);
}

#[test]
fn a_click_selects_the_line_under_it() {
    let mut app = app_at(120, 40);
    run(&mut app, &[BoardOpen]);
    let list = app.areas.board_list;
    // The second row of the fifth line (its endpoints).
    app.update(Click {
        col: list.x + 3,
        row: list.y + 9,
    });
    assert_eq!(selected_line(&app), "kr-cn-air-force-navy-channel");
    // Outside the rows: nothing changes.
    app.update(Click { col: 0, row: 0 });
    assert_eq!(selected_line(&app), "kr-cn-air-force-navy-channel");
}

#[test]
fn help_over_the_board_returns_to_it() {
    let mut app = app_at(120, 40);
    run(&mut app, &[BoardOpen, Down, Help]);
    assert_eq!((app.mode, app.help_return), (Mode::Help, Mode::Board));
    // The board's own keys come before the timeline's.
    let title = |t: &str| app.help_lines.iter().position(|l| l.to_string() == t);
    let board = title("Board of lines").expect("the board's keys");
    let timeline = title("Timeline and details").expect("the timeline's keys");
    assert!(board < timeline, "{board} {timeline}");
    // The board stays laid out under the overlay.
    assert!(!app.board.lines.is_empty());
    run(&mut app, &[Back]);
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(selected_line(&app), "cn-ru-defense");
}

#[test]
fn every_size_from_nothing_to_huge_keeps_the_board_consistent() {
    let mut app = app_at(0, 0);
    run(&mut app, &[BoardOpen, Down, Down, Down, Left]);
    for (w, h) in [
        (0, 0),
        (1, 1),
        (19, 5),
        (20, 6),
        (40, 12),
        (80, 24),
        (99, 30),
        (100, 30),
        (300, 100),
    ] {
        app.update(Msg::Resize(w, h));
        assert_eq!(selected_line(&app), "kr-cn-defense-ministries", "{w}x{h}");
        assert_eq!(app.board.line_row.len(), app.board.lines.len());
        let list = app.areas.board_list;
        if list.height > 0 {
            let (top, last) = app.board.selected_span().unwrap();
            let rows = list.height as usize;
            assert!(
                top >= app.board.offset && top < app.board.offset + rows,
                "{w}x{h}"
            );
            assert!(
                last - top >= rows || last < app.board.offset + rows,
                "{w}x{h}"
            );
        }
    }
}

#[test]
fn a_reload_keeps_the_selected_line() {
    let mut app = app_at(120, 40);
    run(&mut app, &[BoardOpen, Down, Down, Down, Down]);
    app.update(Msg::Loaded(Ok((Dataset::embedded().unwrap(), None))));
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(selected_line(&app), "kr-cn-air-force-navy-channel");
}
