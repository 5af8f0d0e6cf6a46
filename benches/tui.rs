//! The cost of a frame and of a key must depend on the rows visible, not on
//! the dataset: one frame and one key at 1,000 and 100,000 events.
//!
//! Run: `cargo bench --bench tui -- --quick`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hotlines::action::Action;
use hotlines::app::App;
use hotlines::model::{Dataset, Kind, Origin};
use hotlines::tui::draw;
use hotlines::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

const SOURCE: &str = "Seoul and Beijing agreed to set up a military hotline between their \
defense ministries. Kim Kwan-chin said the hotline would help manage crises. \
The two sides also agreed on officer exchanges.";

/// `n` synthetic events through the real loader, sources in memory.
fn dataset(n: usize) -> Dataset {
    let events: Vec<_> = (0..n)
        .map(|i| {
            json!({
                "id": format!("e{i}"),
                "title": format!("Event {i}: defense officials discuss the hotline"),
                "summary": format!("Synthetic event number {i} for timing."),
                "kind": Kind::ALL[i % Kind::ALL.len()].as_str(),
                "date": format!("{}-{:02}-{:02}", 1950 + i % 70, 1 + i % 12, 1 + i % 28),
                "date_basis": "stated",
                "parties": ["KR", "CN"],
                "people": [format!("p{}", i % 50)],
                "thread": format!("t{}", i % 10),
                "quotes": [{"source": "s0", "text": "help manage crises"}],
            })
        })
        .collect();
    let people: Vec<_> = (0..50)
        .map(|i| json!({"id": format!("p{i}"), "name": format!("Person {i}"), "aliases": [format!("Persson {i}")], "roles": ["official"]}))
        .collect();
    let threads: Vec<_> = (0..10)
        .map(|i| json!({"id": format!("t{i}"), "title": format!("Thread {i}"), "summary": "s"}))
        .collect();
    let doc = json!({
        "title": "Synthetic",
        "description": "Generated for benchmarks",
        "countries": {"KR": "South Korea", "CN": "China"},
        "sources": [{"id": "s0", "file": "s0.txt", "publisher": "P", "headline": "H", "published": "2015-01-01", "published_basis": "stated"}],
        "people": people,
        "threads": threads,
        "events": events,
    });
    let text = serde_json::to_string(&doc).unwrap();
    let read = |_: &str| Ok(SOURCE.to_string());
    Dataset::parse(&text, Origin::File(PathBuf::from("bench.json")), &read).unwrap()
}

fn setup(n: usize) -> (App, Terminal<TestBackend>) {
    let mut app = App::new(dataset(n), Theme::colored());
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut term, &mut app).unwrap();
    // Somewhere in the middle, with a search active so highlighting runs.
    app.update(Action::SearchStart);
    for c in "hotline".chars() {
        app.update(Action::SearchChar(c));
    }
    app.update(Action::SearchAccept);
    app.select(n / 2);
    draw(&mut term, &mut app).unwrap();
    (app, term)
}

fn bench(c: &mut Criterion) {
    for n in [1_000, 100_000] {
        let (mut app, mut term) = setup(n);
        c.bench_with_input(BenchmarkId::new("frame_120x40", n), &n, |b, _| {
            b.iter(|| draw(black_box(&mut term), black_box(&mut app)).unwrap())
        });
        let mut down = true;
        c.bench_with_input(BenchmarkId::new("key_j_and_frame", n), &n, |b, _| {
            b.iter(|| {
                app.update(if down { Action::Down } else { Action::Up });
                down = !down;
                draw(&mut term, &mut app).unwrap();
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
