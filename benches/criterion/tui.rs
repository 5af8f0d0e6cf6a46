//! The cost of a frame and of a key must depend on the rows visible, not on
//! the dataset: one frame and one key at 1,000 and 100,000 events.
//!
//! Run: `cargo bench --bench tui -- --quick`; the time axis's alone:
//! `cargo bench --bench tui -- axis`; every key at a million events:
//! `cargo bench --bench tui -- scale` (`HOTLINES_BENCH_SCALE` sets the size);
//! the built-in dataset's first frame: `cargo bench --bench tui -- embedded`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hotlines::action::Action;
use hotlines::app::incremental_search::{Search, find};
use hotlines::app::{App, Effect, Msg};
use hotlines::model::synthetic;
use hotlines::tui::draw;
use hotlines::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The binary's allocator, so that what is measured is what the binary does.
#[global_allocator]
static GLOBAL: hotlines::Allocator = hotlines::Allocator;

/// Carries out a search a keystroke asked for, as the terminal loop's
/// worker does, and hands its answer to the app: whether there was one.
fn answer(app: &mut App, effects: Vec<Effect>) -> bool {
    let mut answered = false;
    for e in effects {
        if let Effect::Search(request) = e {
            let result = find(&app.data, &request, &|| false).expect("never asked to stop");
            app.update(Msg::Searched(result));
            answered = true;
        }
    }
    answered
}

/// A search's state with the selection and the scroll, put back before
/// each timed run of a keystroke.
type Before = (Search, usize, usize);

fn put_back(app: &mut App, before: &Before) {
    app.search = before.0.clone();
    (app.selected, app.offset) = (before.1, before.2);
}

/// The total of `iters` runs of `timed` (which says how long its timed
/// part took), each from `before`, put back outside the timing.
fn from_each_time(
    app: &mut App,
    before: &Before,
    iters: u64,
    mut timed: impl FnMut(&mut App) -> Duration,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        put_back(app, before);
        total += timed(app);
    }
    total
}

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
        let effects = app.update(Action::SearchChar(c));
        answer(&mut app, effects);
    }
    app.update(Action::SearchAccept);
    // The middle event: a count, then G (a count stops at 99,999, so a
    // larger dataset's middle is set directly).
    if n / 2 < 99_999 {
        for d in (n / 2 + 1).to_string().bytes() {
            app.update(Action::Count(d - b'0'));
        }
        app.update(Action::Last);
    } else {
        app.selected = n / 2;
        app.update(Msg::Resize(120, 40));
    }
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
        // A search keystroke over every event: typing the first character
        // of a query scans the events' marks (later characters only re-test
        // the previous matches); Backspace to empty is free.
        app.update(Action::SearchStart);
        c.bench_with_input(BenchmarkId::new("search_keystroke", n), &n, |b, _| {
            b.iter(|| {
                app.update(Action::SearchChar('k'));
                app.update(Action::SearchBackspace);
            })
        });
        // The second keystroke of a query whose first letter is in every
        // event: "e" then "v" re-tests every match of "e" (Backspace back
        // to "e" takes back the results kept for "e"). At 100,000 events
        // the keystroke asks a worker: this is the whole work, the
        // keystroke and its answer taken in.
        app.update(Action::SearchChar('e'));
        c.bench_with_input(
            BenchmarkId::new("search_second_keystroke", n),
            &n,
            |b, _| {
                b.iter(|| {
                    let effects = app.update(Action::SearchChar('v'));
                    answer(&mut app, effects);
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
/// median, 2026-12-01): `axis_frame_120x40/100000` 0.11 ms,
/// `axis_zoom_step/100000` 0.6 ms, `axis_lanes_toggle/100000` 1.2 ms.
/// Building the per-dataset
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

/// Every key within one 60 Hz frame (16 ms) at 1,000,000 events: `G` (and
/// `g`), a filter toggle (a kind on, then off: the view built again), `n`
/// with a count (`99999n`), and each keystroke of a five-letter search.
///
/// Run: `cargo bench --bench tui -- scale`. Building the dataset takes a
/// while and about 2 GB; `HOTLINES_BENCH_SCALE=300000` runs a smaller one.
///
/// One run on the 2-core machine the project is built on, shared with
/// other builds (criterion's median, 2026-12-01, events boxed, on the
/// binary's allocator): `G` 0.28 ms, `99999n` 0.41 ms, the filter toggle
/// 5.5 ms, the first keystroke 3.6 ms (the marks decide one letter), the
/// second to fifth keystrokes of "korea" 0.23, 0.23, 0.22 and 0.22 ms on
/// the key's path, Backspace 0.25 ms. From the second keystroke the
/// search runs on a worker (`search_answer_*`: the search and its answer
/// taken in, with the frame): 128, 102, 68 and 67 ms, re-testing every
/// event still matching (about 550,000 after "k", 400,000 after "kor"),
/// in the order the events lie in memory. Before events were boxed they
/// took 324, 43, 37 and 45 ms; before the search left the key's path,
/// those keystrokes took 251, 72, 72 and 72 ms each.
fn bench_scale(c: &mut Criterion) {
    let n: usize = std::env::var("HOTLINES_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    // Only build a million events when a scale benchmark is asked for.
    if !std::env::args().any(|a| a.contains("scale")) {
        return;
    }
    let theme = Theme::colored();
    let (mut app, mut term) = setup(n);
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));

    let mut last = true;
    g.bench_with_input(BenchmarkId::new("key_G_and_frame", n), &n, |b, _| {
        b.iter(|| {
            app.update(if last { Action::Last } else { Action::First });
            last = !last;
            draw(&mut term, &app, &theme).unwrap();
        })
    });

    // `99999n` with "hotline" searched (every event matches).
    g.bench_with_input(BenchmarkId::new("key_99999n_and_frame", n), &n, |b, _| {
        b.iter(|| {
            for d in [9, 9, 9, 9, 9] {
                app.update(Action::Count(d));
            }
            app.update(Action::SearchNext);
            draw(&mut term, &app, &theme).unwrap();
        })
    });

    // The filter menu's first item (a kind), on and off: each press builds
    // the view again and searches it again.
    app.update(Action::FilterOpen);
    let mut on = true;
    g.bench_with_input(
        BenchmarkId::new("filter_toggle_and_frame", n),
        &n,
        |b, _| {
            b.iter(|| {
                app.update(Action::FilterToggle);
                on = !on;
                draw(&mut term, &app, &theme).unwrap();
            })
        },
    );
    if !on {
        app.update(Action::FilterToggle);
    }
    app.update(Action::Back);

    // Each keystroke of "korea" (in 2 of the 5 quotes): the state before
    // the keystroke is put back outside the timing, so each sample is the
    // one keystroke, with its frame: what the key costs on its path. A
    // keystroke that asks a worker to search is then timed apart: the
    // search (`find`, as the worker runs it) and its answer taken in
    // (`Msg::Searched`), with the frame that shows it.
    let query = "korea";
    app.update(Action::SearchStart);
    for (k, c) in query.chars().enumerate() {
        let before = (app.search.clone(), app.selected, app.offset);
        g.bench_with_input(
            BenchmarkId::new(format!("search_keystroke_{}_of_{query}", k + 1), n),
            &n,
            |b, _| {
                b.iter_custom(|iters| {
                    from_each_time(&mut app, &before, iters, |app| {
                        let t = Instant::now();
                        let effects = app.update(Action::SearchChar(c));
                        draw(&mut term, app, &theme).unwrap();
                        let took = t.elapsed();
                        black_box(effects);
                        took
                    })
                })
            },
        );
        put_back(&mut app, &before);
        let asks = !app.update(Action::SearchChar(c)).is_empty();
        if asks {
            g.bench_with_input(
                BenchmarkId::new(format!("search_answer_{}_of_{query}", k + 1), n),
                &n,
                |b, _| {
                    b.iter_custom(|iters| {
                        from_each_time(&mut app, &before, iters, |app| {
                            let effects = app.update(Action::SearchChar(c));
                            let t = Instant::now();
                            assert!(answer(app, effects));
                            draw(&mut term, app, &theme).unwrap();
                            t.elapsed()
                        })
                    })
                },
            );
        }
        put_back(&mut app, &before);
        let effects = app.update(Action::SearchChar(c));
        answer(&mut app, effects);
        assert!(!app.search.is_searching());
    }
    // Backspace from the whole query.
    let before = app.search.clone();
    g.bench_with_input(
        BenchmarkId::new(format!("search_backspace_{query}"), n),
        &n,
        |b, _| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    app.search = before.clone();
                    let t = Instant::now();
                    app.update(Action::SearchBackspace);
                    draw(&mut term, &app, &theme).unwrap();
                    total += t.elapsed();
                }
                total
            })
        },
    );
    g.finish();
}

/// The built-in dataset from nothing to its first frame at 120x40: parse
/// and check it (every quote located), build the state, lay out and paint.
fn bench_embedded(c: &mut Criterion) {
    c.bench_function("embedded_first_frame_120x40", |b| {
        b.iter(|| {
            let data = hotlines::model::Dataset::embedded().expect("the built-in dataset loads");
            let mut app = App::new(data);
            app.update(Msg::Resize(120, 40));
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            draw(&mut term, &app, &Theme::colored()).unwrap();
            black_box(term);
        })
    });
}

criterion_group!(benches, bench, bench_axis, bench_scale, bench_embedded);
criterion_main!(benches);
