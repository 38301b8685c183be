//! The validator against serde_json: validating a request from text should cost at most
//! 1.5 × what serde_json takes just to parse the same text into a `Value`.

use callflow::callflow::print::to_pretty;
use callflow::callflow::sample::large_request;
use callflow::callflow::{AccountProfile, Context, Instant, validate_text};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn validate_vs_parse(c: &mut Criterion) {
    let text = to_pretty(&large_request(1000));
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
    let mut group = c.benchmark_group("validate_vs_parse");
    group.bench_function("parse_only", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap())
    });
    group.bench_function("validate", |b| {
        b.iter(|| validate_text(black_box(&text), &context))
    });
    group.finish();
}

criterion_group!(benches, validate_vs_parse);
criterion_main!(benches);
