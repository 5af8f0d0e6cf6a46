//! The cost of a frame and of a key must depend on the rows visible, not on
//! the dataset: one frame and one key at 1,000 and 100,000 events.
//!
//! Run: `cargo bench --bench tui -- --quick`; the time axis's alone:
//! `cargo bench --bench tui -- axis`.

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

/// The time axis at 100,000 events: one frame (binned cells painted; no
/// work per event), one zoom step (the cells binned again: every shown
/// event placed, O(events + lanes × columns)), and a lane toggle (every
/// shown event's span and lane taken again from the per-dataset index).
///
/// Run: `cargo bench --bench tui -- axis`. One run on the 2-core machine
/// the project is built on, shared with other builds (criterion's
/// median): `axis_frame_120x40/100000` 0.10 ms, `axis_zoom_step/100000`
/// 0.75 ms, `axis_lanes_toggle/100000` 1.9 ms. Building the per-dataset
/// index (once after each load, on the first `t`) hashes every event's
/// thread and parties: about 35 ms at 100,000 events, measured as the
/// lane toggle before the index existed.
fn bench_axis(c: &mut Criterion) {
    let theme = Theme::colored();
    let n = 100_000;
    let data = synthetic::dataset(n).expect("generated datasets are valid");
    let mut app = App::new(data);
    app.update(Msg::Resize(120, 40));
    for d in (n / 2 + 1).to_string().bytes() {
        app.update(Action::Count(d - b'0'));
    }
    app.update(Action::Last);
    app.update(Action::AxisOpen);
    app.update(Action::ZoomIn);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut term, &app, &theme).unwrap();
    c.bench_with_input(BenchmarkId::new("axis_frame_120x40", n), &n, |b, _| {
        b.iter(|| draw(black_box(&mut term), black_box(&app), &theme).unwrap())
    });
    // In and out by one level: each is a zoom step that bins every event.
    let mut inward = true;
    c.bench_with_input(BenchmarkId::new("axis_zoom_step", n), &n, |b, _| {
        b.iter(|| {
            app.update(if inward {
                Action::ZoomIn
            } else {
                Action::ZoomOut
            });
            inward = !inward;
        })
    });
    // `v`: the lanes by the other key, every event's span and lane built
    // again (as when the filter or the data change).
    c.bench_with_input(BenchmarkId::new("axis_lanes_toggle", n), &n, |b, _| {
        b.iter(|| app.update(Action::Lanes))
    });
}

criterion_group!(benches, bench, bench_axis);
criterion_main!(benches);
