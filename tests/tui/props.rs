//! Random messages (keys, mouse, resizes from 0x0 to 300x100, reloads that
//! work or fail, with or without a check of their quotes, and those checks
//! ending, late or not): painting never panics, whenever the timeline or the
//! board of lines is on screen its selected row is in it, and whenever the
//! time axis is, its lanes fit the plot and a move of the selection keeps
//! its mark in view.

use std::path::Path;

use hotlines::action::{Action, Mode};
use hotlines::app::{App, CheckRequest, Effect, Msg};
use hotlines::model::{Dataset, LoadError, Problem};
use hotlines::tui::draw;
use hotlines::ui::theme::Theme;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn small() -> Dataset {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json");
    Dataset::load(&p).expect("fixture loads")
}

fn action() -> impl Strategy<Value = Action> {
    use Action::*;
    prop_oneof![
        4 => Just(Down),
        3 => Just(Up),
        1 => Just(PageDown),
        1 => Just(PageUp),
        1 => Just(First),
        1 => Just(Last),
        1 => (0u8..10).prop_map(Count),
        1 => Just(ToggleFocus),
        1 => Just(Open),
        1 => Just(SearchStart),
        1 => prop::sample::select(vec!['h', 'o', 't', 'K', '서', ' ', 'z', '2', '0', '1', '-', 'y', '.']).prop_map(SearchChar),
        1 => Just(SearchBackspace),
        1 => Just(SearchAccept),
        1 => Just(SearchNext),
        1 => Just(SearchPrev),
        1 => Just(FilterOpen),
        1 => Just(FilterToggle),
        1 => Just(FilterClear),
        1 => Just(ThreadPrev),
        1 => Just(ThreadNext),
        1 => Just(GotoStart),
        1 => Just(ExportStart),
        1 => Just(ExportFormatNext),
        1 => Just(ExportClear),
        1 => Just(NextQuote),
        1 => Just(PrevQuote),
        1 => Just(Copy),
        1 => Just(Help),
        1 => Just(BoardOpen),
        1 => Just(Left),
        1 => Just(Right),
        2 => Just(Back),
        2 => Just(AxisOpen),
        1 => Just(Left),
        1 => Just(Right),
        2 => Just(ZoomIn),
        1 => Just(ZoomOut),
        1 => Just(Lanes),
        1 => (0u16..210, 0u16..70).prop_map(|(col, row)| Click { col, row }),
        1 => (0u16..210, 0u16..70, any::<bool>()).prop_map(|(col, row, down)| Wheel { col, row, down }),
    ]
}

fn selection_visible(app: &App, term: &Terminal<TestBackend>) -> bool {
    let list = app.areas.timeline_list;
    // The help and filter overlays cover the timeline on purpose.
    let overlay = !matches!(
        app.mode,
        Mode::Normal | Mode::Search | Mode::Goto | Mode::Export
    );
    if overlay || list.is_empty() || app.view.is_empty() {
        return true;
    }
    let buf = term.backend().buffer();
    (list.y..list.y + list.height).any(|y| buf[(list.x, y)].symbol() == Theme::MARKER)
}

/// On the board, the selected line carries the marker in the rows shown.
fn board_selection_visible(app: &App, term: &Terminal<TestBackend>) -> bool {
    let list = app.areas.board_list;
    if app.mode != Mode::Board || list.is_empty() || app.board.rows.is_empty() {
        return true;
    }
    let buf = term.backend().buffer();
    (list.y..list.y + list.height).any(|y| buf[(list.x, y)].symbol() == Theme::MARKER)
}

/// The time axis's account, when it is shown: one cell per plot column in
/// each lane, no more lanes than plot rows, and after a move of the
/// selection or a change of width (`moved`) its caret on screen under the
/// plot.
fn axis_whole(app: &App, term: &Terminal<TestBackend>, moved: bool) -> bool {
    let base = if app.mode == Mode::Help {
        app.help_return
    } else {
        app.mode
    };
    if base != Mode::Axis || app.areas.axis_body.is_empty() {
        return true;
    }
    let plot = app.axis.rects.plot;
    if app.axis.lanes.len() > plot.height as usize
        || app
            .axis
            .lanes
            .iter()
            .any(|l| l.cells.len() != plot.width as usize)
    {
        return false;
    }
    let caret = app.axis.rects.caret;
    if !moved || app.mode != Mode::Axis || app.view.is_empty() || caret.is_empty() {
        return true;
    }
    let buf = term.backend().buffer();
    (caret.x..caret.x + caret.width).any(|x| buf[(x, caret.y)].symbol() == "▲")
}

/// One thing that happens to the interface.
#[derive(Debug, Clone)]
enum Step {
    Act(Action),
    Resize(u16, u16),
    /// The dataset file read again, unchanged.
    Reload,
    /// The dataset file read again as the timeline reads it: its quotes
    /// left to a check.
    UncheckedReload,
    /// One of the checks asked for so far and not yet ended (picked by
    /// this number) ends: its result is dropped if a reload came since.
    CheckDone(usize),
    /// The dataset file read again, broken.
    BrokenReload,
    /// The export's file was there already.
    ExportExists,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        16 => action().prop_map(Step::Act),
        2 => (0u16..=300, 0u16..=100).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => Just(Step::Reload),
        1 => Just(Step::UncheckedReload),
        1 => any::<usize>().prop_map(Step::CheckDone),
        1 => Just(Step::BrokenReload),
        1 => Just(Step::ExportExists),
    ]
}

fn message(step: &Step) -> Msg {
    match step {
        Step::UncheckedReload => {
            let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json");
            Msg::Loaded(Dataset::load_unchecked(&p))
        }
        Step::CheckDone(_) => unreachable!("run by the test: it needs the check"),
        Step::Act(a) => Msg::Action(*a),
        Step::Resize(w, h) => Msg::Resize(*w, *h),
        Step::Reload => Msg::Loaded(Ok((small(), None))),
        Step::BrokenReload => Msg::Loaded(Err(LoadError::Invalid(vec![Problem {
            file: "events.json".into(),
            line: 2,
            column: 3,
            path: "$.events".into(),
            message: "expected an array".into(),
        }]))),
        Step::ExportExists => Msg::ExportWouldReplace("hotlines-view.json".into()),
    }
}

/// The state's own account: the selected row lies inside the rows the
/// timeline shows.
fn selection_in_window(app: &App) -> bool {
    let h = app.areas.timeline_list.height as usize;
    if h == 0 || app.view.is_empty() {
        return true;
    }
    let row = app.view.event_row[app.selected] as usize;
    row >= app.offset && row < app.offset + h
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_messages_and_sizes(
        size in (0u16..=300, 0u16..=100),
        zoom in 0usize..12,
        steps in prop::collection::vec(step(), 0..40),
    ) {
        let theme = Theme::plain();
        let mut app = App::new(small());
        app.update(Msg::Resize(size.0, size.1));
        // Some runs start in the time axis, zoomed in, where a move has
        // the window to follow.
        if zoom > 0 {
            app.update(Action::AxisOpen);
            for _ in 1..zoom {
                app.update(Action::ZoomIn);
            }
        }
        let mut term = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
        draw(&mut term, &app, &theme).unwrap();
        // The checks asked for and not yet ended, each with its data.
        let mut checks: Vec<(std::sync::Arc<Dataset>, CheckRequest)> = Vec::new();
        for step in steps {
            let plot_before = app.axis.rects.plot.width;
            if let Step::Resize(w, h) = step {
                term.backend_mut().resize(w, h);
            }
            let before = (app.checking, app.data.quotes_located());
            let (msg, ended) = match step {
                Step::CheckDone(i) if !checks.is_empty() => {
                    let (data, request) = checks.remove(i % checks.len());
                    let id = request.id;
                    let located = request.check.run(&data, &mut |_, _| {});
                    (Msg::Checked { check: id, located }, Some(id))
                }
                Step::CheckDone(_) => continue,
                _ => (message(&step), None),
            };
            for effect in app.update(msg) {
                if let Effect::Check(request) = effect {
                    checks.push((app.data.clone(), request));
                }
            }
            draw(&mut term, &app, &theme).unwrap();
            if let Some(id) = ended {
                if before.0.is_some_and(|c| c.check == id) {
                    prop_assert!(app.checking.is_none() && app.data.quotes_located());
                } else {
                    // A check of data since replaced changes nothing.
                    prop_assert_eq!((app.checking, app.data.quotes_located()), before);
                }
            }
            // A check is awaited exactly while the quotes are not placed: a
            // stale result never places them in other data, nor ends the
            // wait for the current one.
            prop_assert_eq!(app.checking.is_some(), !app.data.quotes_located(), "after {:?}", step);
            prop_assert!(app.view.is_empty() || app.selected < app.view.len());
            prop_assert!(selection_in_window(&app), "selection out of the window after {step:?}");
            prop_assert!(selection_visible(&app, &term), "selection hidden after {step:?}");
            prop_assert!(board_selection_visible(&app, &term), "board selection hidden after {step:?}");
            // A move of the selection, or a new width, brings its mark into view.
            let moved = matches!(step, Step::Act(Action::Down | Action::Up | Action::First | Action::Last))
                || matches!(step, Step::Resize(..)) && app.axis.rects.plot.width != plot_before;
            prop_assert!(axis_whole(&app, &term, moved), "time axis wrong after {step:?}");
        }
    }
}
