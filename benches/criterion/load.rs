//! How long loading and validating a dataset takes, by size.
//!
//! `cargo bench --bench load`. Every event is deserialized, its date parsed,
//! its references checked and its quote located in the source.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hotlines::model::synthetic::{SOURCE_TEXT, dataset_json};
use hotlines::model::{Dataset, Origin};

/// The binary's allocator, so that what is measured is what the binary does.
#[global_allocator]
static GLOBAL: hotlines::Allocator = hotlines::Allocator;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for n in [1_000usize, 100_000] {
        let json = dataset_json(n);
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &json, |b, json| {
            let read = |_: &str| Ok(SOURCE_TEXT.to_string());
            b.iter(|| {
                let d = Dataset::parse(black_box(json), Origin::Embedded, &read).unwrap();
                black_box(d.events().len())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
