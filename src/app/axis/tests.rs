//! State tests of the time axis: messages in, the window and the cells
//! out. No backend; the expected days come from chrono and the fixtures'
//! dates, not from the axis's own arithmetic.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::app::Msg;
use crate::model::{Dataset, Origin, synthetic};

use Action::*;

fn small() -> Dataset {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json");
    Dataset::load(&p).expect("fixture loads")
}

fn app_with(data: Dataset, w: u16, h: u16) -> App {
    let mut app = App::new(data);
    app.update(Msg::Resize(w, h));
    app
}

fn run(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(a);
    }
}

fn id(app: &App) -> &str {
    app.selected_event().map_or("", |e| e.id.as_str())
}

fn days(y: i32, m: u32, d: u32) -> i64 {
    i64::from(NaiveDate::from_ymd_opt(y, m, d).unwrap().num_days_from_ce())
}

/// A lane as its glyphs.
fn lane_text(app: &App, row: usize) -> String {
    app.axis.lanes[row]
        .cells
        .iter()
        .map(|c| c.glyph())
        .collect()
}

fn labels(app: &App) -> Vec<&str> {
    app.axis.lanes.iter().map(|l| l.label.as_str()).collect()
}

/// The column of a day in the current window, by plain division.
fn col_of(app: &App, day: i64) -> i64 {
    (day - app.axis.start).div_euclid(app.axis.per_col)
}

/// The selected event's anchor day (its mark: its first day, or the end
/// of "before X").
fn anchor(app: &App) -> i64 {
    i64::from(
        app.selected_event()
            .unwrap()
            .date()
            .anchor()
            .num_days_from_ce(),
    )
}

/// Events one per thread, so each has its own lane, in this order.
fn shapes() -> Dataset {
    let dates = [
        ("war", "1950/1953"),
        ("before", "../2012-07-31"),
        ("month", "2014-07"),
        ("day", "2015-02-04"),
        ("approx", "2016-06~"),
        ("from", "2019/.."),
        ("late", "2021-11-11"),
    ];
    let threads: Vec<String> = dates
        .iter()
        .map(|(t, _)| format!(r#"{{"id": "{t}", "title": "{t}", "summary": "s"}}"#))
        .collect();
    let events: Vec<String> = dates
        .iter()
        .map(|(t, d)| {
            format!(
                r#"{{"id": "e-{t}", "title": "Event {t}", "summary": "s", "kind": "meeting", "date": "{d}", "date_basis": "stated", "date_note": null, "parties": ["KR", "CN"], "people": [], "place": null, "thread": "{t}", "tags": [], "quotes": [{{"source": "s", "text": "{q}"}}]}}"#,
                q = synthetic::SOURCE_TEXT.lines().next().unwrap()
            )
        })
        .collect();
    let json = format!(
        r#"{{"title": "Shapes", "description": "d", "countries": {{"KR": "South Korea", "CN": "China"}},
        "sources": [{{"id": "s", "file": "sources/s.txt", "publisher": "P", "headline": "H", "published": "2021", "published_basis": "stated", "byline": null, "url": null, "note": null}}],
        "people": [], "threads": [{}], "events": [{}]}}"#,
        threads.join(","),
        events.join(",")
    );
    let read = |_: &str| Ok(synthetic::SOURCE_TEXT.to_string());
    Dataset::parse(&json, Origin::Embedded, &read).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn t_opens_the_axis_on_the_selection_and_esc_or_q_returns() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[Down, Down, AxisOpen]);
    assert_eq!(app.mode, Mode::Axis);
    assert_eq!(id(&app), "announce-2012");
    assert!(!app.areas.axis.is_empty());
    assert!(app.areas.timeline.is_empty());
    run(&mut app, &[Back]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Focus::Timeline);
    assert_eq!(id(&app), "announce-2012");
    run(&mut app, &[AxisOpen, Quit]);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn the_whole_span_first_then_zoom_steps_down_to_a_day_per_column() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[AxisOpen]);
    // talks-2011 (2011) to ru-2021 (2021-11).
    let (first, last) = (days(2011, 1, 1), days(2021, 11, 30));
    assert_eq!((app.axis.first_day, app.axis.last_day), (first, last));
    let cols = i64::from(app.axis.rects.plot.width);
    assert!(cols > 80, "{cols}");
    assert_eq!(app.axis.start, first);
    assert_eq!(app.axis.per_col, (last - first + cols) / cols);
    assert!(app.axis.per_col * cols > last - first);
    let mut seen = vec![app.axis.per_col];
    for _ in 0..20 {
        run(&mut app, &[ZoomIn]);
        if app.axis.per_col == *seen.last().unwrap() {
            break;
        }
        seen.push(app.axis.per_col);
    }
    assert_eq!(*seen.last().unwrap(), 1, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "{seen:?}");
    // Months, then weeks and days are among the steps.
    assert!(seen.contains(&30) && seen.contains(&7), "{seen:?}");
    assert_eq!(
        app.status.as_deref(),
        Some("Zoomed in as far as it goes: a day per column")
    );
    run(&mut app, &[Count(3), ZoomOut]);
    assert_eq!(app.axis.per_col, seen[seen.len() - 4]);
    run(&mut app, &[Count(9), Count(9), ZoomOut]);
    assert_eq!((app.axis.zoom, app.axis.start), (0, first));
    run(&mut app, &[ZoomOut]);
    assert_eq!(app.status.as_deref(), Some("The whole span is shown"));
}

#[test]
fn zoom_centres_on_the_selection() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[Count(4), Down, AxisOpen]);
    assert_eq!(id(&app), "summit-2014");
    let mid = i64::from(app.axis.rects.plot.width) / 2;
    // Coarser, the window is held inside the span; from two weeks a
    // column, 2014 is far enough from its ends to be centred.
    run(&mut app, &[ZoomIn, ZoomIn]);
    assert_eq!(app.axis.per_col, 14);
    assert_eq!(col_of(&app, days(2014, 7, 1)), mid);
    for _ in 0..4 {
        run(&mut app, &[ZoomIn]);
        assert_eq!(col_of(&app, days(2014, 7, 1)), mid, "{}", app.axis.per_col);
    }
}

#[test]
fn pan_moves_a_quarter_of_the_width_and_stops_at_the_ends() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[AxisOpen, Right]);
    assert_eq!(
        app.status.as_deref(),
        Some("The whole span is shown: + zooms in")
    );
    run(&mut app, &[Count(4), Down, ZoomIn, ZoomIn]);
    let cols = i64::from(app.axis.rects.plot.width);
    let per_col = app.axis.per_col;
    let start = app.axis.start;
    run(&mut app, &[Left]);
    assert_eq!(app.axis.start, start - cols / 4 * per_col);
    run(&mut app, &[Count(2), Right]);
    assert_eq!(app.axis.start, start + cols / 4 * per_col);
    // Panning leaves the selection where it is.
    assert_eq!(id(&app), "summit-2014");
    run(&mut app, &[Count(5), Count(0), Count(0), Left]);
    assert_eq!(app.axis.start, days(2011, 1, 1));
    run(&mut app, &[Left]);
    assert_eq!(app.status.as_deref(), Some("This is the start of the span"));
    run(&mut app, &[Count(5), Count(0), Count(0), Right]);
    let end = app.axis.start + cols * per_col - 1;
    assert_eq!(end, days(2021, 11, 30));
    // The wheel pans as well.
    let before = app.axis.start;
    run(
        &mut app,
        &[Wheel {
            col: 50,
            row: 10,
            down: false,
        }],
    );
    assert_eq!(app.axis.start, before - cols / 4 * per_col);
    // The selection (Jul 2014) is left of the window: the caret row
    // points to it.
    run(&mut app, &[Right]);
    assert!(app.axis.start > days(2014, 7, 31));
    assert_eq!(app.axis.caret.to_string(), "◀ earlier (h)");
    run(&mut app, &[Count(5), Count(0), Count(0), Left, Last]);
    assert_eq!(id(&app), "ru-2021");
    run(&mut app, &[Count(5), Count(0), Count(0), Left]);
    assert!(app.axis.caret.to_string().ends_with("later (l) ▶"));
    assert_eq!(
        crate::text::width(&app.axis.caret.to_string()),
        cols as usize
    );
}

#[test]
fn j_and_k_step_in_time_order_and_the_window_follows_the_selection() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[AxisOpen]);
    for _ in 0..12 {
        run(&mut app, &[ZoomIn]);
    }
    assert_eq!(app.axis.per_col, 1);
    let cols = i64::from(app.axis.rects.plot.width);
    let mut ids = vec![id(&app).to_string()];
    for _ in 0..7 {
        run(&mut app, &[Down]);
        let at = col_of(&app, anchor(&app));
        assert!((0..cols).contains(&at), "{} at {at}", id(&app));
        ids.push(id(&app).to_string());
    }
    let timeline: Vec<&str> = app.data.events().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, timeline);
    run(&mut app, &[First]);
    assert!((0..cols).contains(&col_of(&app, anchor(&app))));
    run(&mut app, &[Count(4), Last]);
    assert_eq!(id(&app), "escape-2012");
    // The selection is the timeline's.
    run(&mut app, &[Back]);
    assert_eq!(id(&app), "escape-2012");
    assert!(app.view.event_row[app.selected] as usize >= app.offset);
}

#[test]
fn enter_shows_the_details_of_the_selection() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[AxisOpen, Down, Down, Open]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Focus::Details);
    // The details begin with its title (wrapped to the pane).
    let title = app.selected_event().unwrap().title.to_string();
    let first = app.details_lines[0].to_string();
    assert!(
        !first.trim().is_empty() && title.starts_with(first.trim_end()),
        "{first:?}"
    );
}

#[test]
fn lanes_by_thread_or_by_country_pair() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[AxisOpen]);
    // Labels are cut to the label column, at most 18 wide.
    assert_eq!(labels(&app), ["Seoul-Beijing def…", "no thread"]);
    run(&mut app, &[Lanes]);
    assert_eq!(app.status.as_deref(), Some("Lanes by country pair"));
    assert_eq!(labels(&app), ["CN–KR", "KR", "KR–RU"]);
    // Each event is in its lane: ru-2021 alone in KR-RU.
    let marks = |row: usize| -> u32 { app.axis.lanes[row].cells.iter().map(|c| c.marks).sum() };
    assert_eq!((marks(0), marks(1), marks(2)), (6, 1, 1));
    run(&mut app, &[Lanes]);
    assert_eq!(labels(&app)[1], "no thread");
}

#[test]
fn more_lanes_than_rows_fold_into_the_last() {
    // 7 lanes; a body of 8 rows holds 5 lanes with the ruler, the caret
    // and the selection's line.
    let mut app = app_with(shapes(), 60, 12);
    run(&mut app, &[AxisOpen]);
    assert_eq!(app.axis.rects.plot.height, 5);
    assert_eq!(labels(&app).len(), 5);
    assert_eq!(app.axis.folded, 3);
    assert!(labels(&app)[4].starts_with("+3 more"), "{:?}", labels(&app));
    let marks: u32 = app.axis.lanes[4].cells.iter().map(|c| c.marks).sum();
    assert_eq!(marks, 3);
    // Every event keeps its mark somewhere.
    let all: u32 = app
        .axis
        .lanes
        .iter()
        .flat_map(|l| &l.cells)
        .map(|c| c.marks)
        .sum();
    assert_eq!(all, 7);
}

#[test]
fn dates_are_drawn_as_what_they_are() {
    let mut app = app_with(shapes(), 120, 40);
    run(&mut app, &[AxisOpen]);
    assert_eq!(app.axis.lanes.len(), 7);
    let col = |d: i64| col_of(&app, d) as usize;
    let lane = |r: usize| lane_text(&app, r).chars().collect::<Vec<char>>();
    // 1950/1953: a bar from its first column to its last.
    let war = lane(0);
    let (a, b) = (col(days(1950, 1, 1)), col(days(1953, 12, 31)));
    assert!(b > a + 1);
    assert_eq!(war[a], '┣');
    assert!(war[a + 1..b].iter().all(|&c| c == '━'));
    assert_eq!(war[b], '┫');
    assert!(war[b + 1..].iter().all(|&c| c == ' '));
    // ../2012-07-31: a fade ending in a cap at the day.
    let before = lane(1);
    let x = col(days(2012, 7, 31));
    assert_eq!(before[x], '┫');
    assert_eq!(before[x - 1], '░');
    assert!(before[..x].contains(&' '), "the fade fades out");
    assert!(before[x + 1..].iter().all(|&c| c == ' '));
    // A day is a point; a month within one column is too.
    assert!(app.axis.per_col > 31);
    assert_eq!(lane(3)[col(days(2015, 2, 4))], '●');
    assert_eq!(col(days(2014, 7, 1)), col(days(2014, 7, 31)));
    assert_eq!(lane(2)[col(days(2014, 7, 1))], '●');
    // 2016-06~: widened on both sides.
    let approx = lane(4);
    let (a, b) = (col(days(2016, 6, 1)), col(days(2016, 6, 30)));
    assert_eq!(approx[a], if a == b { '●' } else { '┣' });
    assert_eq!((approx[a - 1], approx[b + 1]), ('┄', '┄'));
    assert_eq!((approx[a - 2], approx[b + 2]), (' ', ' '));
    // 2019/..: starts, then fades out to the right.
    let from = lane(5);
    let s = col(days(2019, 1, 1));
    assert_eq!(from[s], '┣');
    assert!(from[s + 1..].contains(&'░'));
    // Zoomed in to a day per column, the month is a bar of its days.
    run(&mut app, &[Count(2), Down]);
    for _ in 0..12 {
        run(&mut app, &[ZoomIn]);
    }
    assert_eq!(app.axis.per_col, 1);
    let col = |d: i64| col_of(&app, d) as usize;
    let lane = |r: usize| lane_text(&app, r).chars().collect::<Vec<char>>();
    let month = lane(2);
    let (a, b) = (col(days(2014, 7, 1)), col(days(2014, 7, 31)));
    assert_eq!(b - a, 30);
    assert_eq!(month[a], '┣');
    assert_eq!(month[b], '┫');
    assert!(month[a + 1..b].iter().all(|&c| c == '━'));
    // The gaps between events stay empty.
    assert!(lane(0).iter().all(|&c| c == ' '));
}

#[test]
fn every_mark_in_the_window_is_counted_once() {
    let data = synthetic::dataset(3_000).unwrap_or_else(|e| panic!("{e}"));
    let anchors: Vec<i64> = data
        .events()
        .iter()
        .map(|e| i64::from(e.date().anchor().num_days_from_ce()))
        .collect();
    let mut app = app_with(data, 150, 50);
    run(
        &mut app,
        &[Count(1), Count(5), Count(0), Count(0), Last, AxisOpen],
    );
    for step in 0..12 {
        let cols = i64::from(app.axis.rects.plot.width);
        let (start, end) = (app.axis.start, app.axis.start + cols * app.axis.per_col);
        let expected = anchors.iter().filter(|&&d| d >= start && d < end).count();
        let counted: u32 = app
            .axis
            .lanes
            .iter()
            .flat_map(|l| &l.cells)
            .map(|c| c.marks)
            .sum();
        assert_eq!(counted as usize, expected, "zoom step {step}");
        if step == 0 {
            assert_eq!(expected, 3_000);
        }
        run(&mut app, &[ZoomIn, Right]);
    }
}

#[test]
fn cells_are_binned_again_only_when_the_window_or_the_lanes_change() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[AxisOpen, ZoomIn]);
    let built = app.axis.spans_built;
    let key = app.axis.grid_key;
    run(&mut app, &[Down, Up, Help, Back]);
    assert_eq!(app.axis.spans_built, built);
    assert_eq!(app.axis.grid_key, key);
    run(&mut app, &[ZoomIn]);
    assert_eq!(app.axis.spans_built, built);
    assert_ne!(app.axis.grid_key, key);
    run(&mut app, &[Lanes]);
    assert_eq!(app.axis.spans_built, built + 1);
}

#[test]
fn a_click_on_a_mark_selects_its_event() {
    let mut app = app_with(shapes(), 120, 40);
    run(&mut app, &[AxisOpen]);
    let plot = app.axis.rects.plot;
    let c = col_of(&app, days(2015, 2, 4)) as u16;
    run(
        &mut app,
        &[Click {
            col: plot.x + c,
            row: plot.y + 3,
        }],
    );
    assert_eq!(id(&app), "e-day");
    // An empty cell selects nothing.
    run(
        &mut app,
        &[Click {
            col: plot.x + c,
            row: plot.y,
        }],
    );
    assert_eq!(id(&app), "e-day");
}

#[test]
fn the_selection_is_marked_without_colour() {
    let mut app = app_with(shapes(), 120, 40);
    run(&mut app, &[Count(3), Down, AxisOpen]);
    let sel = app.axis.selected.unwrap();
    assert_eq!(sel.row, 3);
    let c = col_of(&app, days(2015, 2, 4)) as u16;
    assert_eq!(sel.cols, Some((c, c)));
    assert_eq!(
        app.axis.caret.to_string(),
        format!("{}{CARET}", " ".repeat(c as usize))
    );
    assert!(app.axis.info.to_string().contains("4 Feb 2015 · Event day"));
}

#[test]
fn an_empty_view_and_an_empty_dataset_draw_no_lanes() {
    let mut app = app_with(small(), 80, 24);
    app.filter.parties = vec!["RU".into(), "CN".into()];
    app.refilter();
    assert!(app.view.is_empty());
    run(
        &mut app,
        &[AxisOpen, ZoomIn, ZoomOut, Left, Right, Down, Lanes],
    );
    assert_eq!(app.mode, Mode::Axis);
    assert!(app.axis.lanes.is_empty());
    assert_eq!(app.axis.selected, None);
    run(&mut app, &[Open]);
    assert_eq!(app.mode, Mode::Axis);
    assert_eq!(app.status.as_deref(), Some("No event selected"));
    let mut app = app_with(small().without_events(), 80, 24);
    run(&mut app, &[AxisOpen, ZoomIn, Right, Lanes, Last]);
    assert!(app.axis.lanes.is_empty());
}

#[test]
fn sizes_from_nothing_up_keep_the_axis_whole() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[AxisOpen, ZoomIn]);
    for (w, h) in [
        (0, 0),
        (1, 1),
        (20, 6),
        (21, 7),
        (25, 9),
        (300, 100),
        (120, 40),
    ] {
        app.update(Msg::Resize(w, h));
        let plot = app.axis.rects.plot;
        for l in &app.axis.lanes {
            assert_eq!(l.cells.len(), plot.width as usize, "{w}x{h}");
        }
        assert!(app.axis.lanes.len() <= plot.height as usize, "{w}x{h}");
        if !app.areas.axis_body.is_empty() {
            assert!(app.areas.axis_body.contains(plot.as_position()) || plot.is_empty());
        }
    }
    assert_eq!(app.axis.lanes.len(), 2);
}

#[test]
fn a_reload_while_the_axis_is_shown_draws_the_new_data() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[AxisOpen]);
    assert_eq!(labels(&app).len(), 2);
    app.update(Msg::Loaded(Ok((shapes(), None))));
    assert_eq!(app.mode, Mode::Axis);
    assert_eq!(
        labels(&app),
        ["war", "before", "month", "day", "approx", "from", "late"]
    );
    assert_eq!(app.axis.first_day, days(1950, 1, 1));
    // A filter in the new data draws only what it lets through.
    app.filter.threads = vec!["day".into()];
    app.refilter();
    app.update(Msg::Resize(120, 40));
    assert_eq!(labels(&app), ["day"]);
    assert_eq!(app.axis.first_day, days(2015, 2, 4));
}

#[test]
fn help_over_the_axis_lists_its_keys_first_and_its_marks() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[AxisOpen, Help]);
    assert_eq!(app.mode, Mode::Help);
    let text: Vec<String> = app.help_lines.iter().map(|l| l.to_string()).collect();
    let title = |t: &str| text.iter().position(|l| l == t);
    assert!(title("Time axis").unwrap() < title("Timeline and details").unwrap());
    assert!(
        text.iter()
            .any(|l| l.contains("zoom in, centred on the selected event"))
    );
    let marks = text.iter().position(|l| l == "Time axis marks").unwrap();
    assert!(text[marks + 1].contains("● ") && text[marks + 1].contains("a day"));
    assert!(
        !app.axis.lanes.is_empty(),
        "the axis stays laid out under help"
    );
    run(&mut app, &[Back]);
    assert_eq!(app.mode, Mode::Axis);
    run(&mut app, &[Back, Help]);
    let text: Vec<String> = app.help_lines.iter().map(|l| l.to_string()).collect();
    assert!(!text.iter().any(|l| l == "Time axis marks"));
}

#[test]
fn a_narrower_terminal_keeps_the_selected_mark_in_view() {
    let mut app = app_with(small(), 200, 40);
    run(&mut app, &[Last, AxisOpen]);
    while app.axis.per_col > 7 {
        run(&mut app, &[ZoomIn]);
    }
    assert_eq!(id(&app), "ru-2021");
    // Nov 2021 is at the end of the span: far right in a wide window that
    // a narrower terminal would cut off where it starts.
    let at = col_of(&app, anchor(&app));
    assert!(at > 100, "{at}");
    for (w, h) in [(60, 20), (30, 10), (120, 40)] {
        app.update(Msg::Resize(w, h));
        let cols = i64::from(app.axis.rects.plot.width);
        let at = col_of(&app, anchor(&app));
        assert!((0..cols).contains(&at), "{w}x{h}: column {at} of {cols}");
    }
}
