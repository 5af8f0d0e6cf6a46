//! The cost of a frame and of a key must depend on the rows visible, not on
//! the dataset: one frame and one key at 1,000 and 100,000 events.
//!
//! Run: `cargo bench --bench tui -- --quick`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hotlines::action::Action;
use hotlines::app::{App, Msg};
use hotlines::model::synthetic;
use hotlines::tui::draw;
use hotlines::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn setup(n: usize) -> (App, Terminal<TestBackend>) {
    let data = synthetic::dataset(n).expect("generated datasets are valid");
    let theme = Theme::colored();
    let mut app = App::new(data);
    app.update(Msg::Resize(120, 40));
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut term, &app, &theme).unwrap();
    // Somewhere in the middle, with a search active so highlighting runs.
    app.update(Action::SearchStart);
    for c in "hotline".chars() {
        app.update(Action::SearchChar(c));
    }
    app.update(Action::SearchAccept);
    // The middle event: a count, then G.
    for d in (n / 2 + 1).to_string().bytes() {
        app.update(Action::Count(d - b'0'));
    }
    app.update(Action::Last);
    assert_eq!(app.selected, n / 2);
    draw(&mut term, &app, &theme).unwrap();
    (app, term)
}

fn bench(c: &mut Criterion) {
    let theme = Theme::colored();
    for n in [1_000, 100_000] {
        let (mut app, mut term) = setup(n);
        c.bench_with_input(BenchmarkId::new("frame_120x40", n), &n, |b, _| {
            b.iter(|| draw(black_box(&mut term), black_box(&app), &theme).unwrap())
        });
        let mut down = true;
        c.bench_with_input(BenchmarkId::new("key_j_and_frame", n), &n, |b, _| {
            b.iter(|| {
                app.update(if down { Action::Down } else { Action::Up });
                down = !down;
                draw(&mut term, &app, &theme).unwrap();
            })
        });
        // A search keystroke over every shown event: typing the first
        // character of a query scans the whole view (later characters only
        // re-test the previous matches); Backspace to empty is free.
        app.update(Action::SearchStart);
        c.bench_with_input(BenchmarkId::new("search_keystroke", n), &n, |b, _| {
            b.iter(|| {
                app.update(Action::SearchChar('k'));
                app.update(Action::SearchBackspace);
            })
        });
        // The second keystroke of a query whose first letter is in every
        // event: "e" then "v" re-tests every match of "e" (Backspace back
        // to "e" rescans the view, answered by the events' marks).
        app.update(Action::SearchChar('e'));
        c.bench_with_input(
            BenchmarkId::new("search_second_keystroke", n),
            &n,
            |b, _| {
                b.iter(|| {
                    app.update(Action::SearchChar('v'));
                    app.update(Action::SearchBackspace);
                })
            },
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
