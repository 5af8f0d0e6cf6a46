//! Random action sequences at random terminal sizes: drawing never panics,
//! and whenever the timeline is on screen the selected row is in it.

use std::path::Path;

use hotlines::action::{Action, Mode};
use hotlines::app::App;
use hotlines::model::Dataset;
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
        1 => prop::sample::select(vec!['h', 'o', 't', 'K', '서', ' ', 'z']).prop_map(SearchChar),
        1 => Just(SearchBackspace),
        1 => Just(SearchAccept),
        1 => Just(SearchNext),
        1 => Just(SearchPrev),
        1 => Just(FilterOpen),
        1 => Just(FilterToggle),
        1 => Just(FilterClear),
        1 => Just(ThreadPrev),
        1 => Just(ThreadNext),
        1 => Just(NextQuote),
        1 => Just(PrevQuote),
        1 => Just(Copy),
        1 => Just(Help),
        2 => Just(Back),
        1 => (0u16..210, 0u16..70).prop_map(|(col, row)| Click { col, row }),
        1 => (0u16..210, 0u16..70, any::<bool>()).prop_map(|(col, row, down)| Wheel { col, row, down }),
    ]
}

fn selection_visible(app: &App, term: &Terminal<TestBackend>) -> bool {
    let list = app.areas.timeline_list;
    // The help and filter overlays cover the timeline on purpose.
    let overlay = !matches!(app.mode, Mode::Normal | Mode::Search);
    if overlay || list.is_empty() || app.view.is_empty() {
        return true;
    }
    let buf = term.backend().buffer();
    (list.y..list.y + list.height).any(|y| buf[(list.x, y)].symbol() == Theme::MARKER)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_actions_and_sizes(
        size in (0u16..=200, 0u16..=60),
        resize in (0u16..=200, 0u16..=60),
        actions in prop::collection::vec(action(), 0..40),
    ) {
        let mut app = App::new(small(), Theme::plain());
        let mut term = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
        draw(&mut term, &mut app).unwrap();
        let half = actions.len() / 2;
        for (i, a) in actions.into_iter().enumerate() {
            if i == half {
                term.backend_mut().resize(resize.0, resize.1);
            }
            app.update(a);
            draw(&mut term, &mut app).unwrap();
            prop_assert!(app.view.is_empty() || app.selected < app.view.len());
            prop_assert!(selection_visible(&app, &term), "selection hidden after {a:?}");
        }
    }
}
