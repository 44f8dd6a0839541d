//! The gazetteer: parsing the whole embedded file (the cost of the first
//! `Gazetteer::builtin()`; target < 50 ms), a lookup by code and a lookup
//! by name.
//!
//! `cargo bench --bench gazetteer`; see BENCHMARKS.md.
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use regdev::gazetteer::Gazetteer;

#[path = "common/settings.rs"]
mod settings;

fn gazetteer_benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("gazetteer");
    g.bench_function("load", |b| b.iter(|| Gazetteer::load().unwrap()));
    let gz = Gazetteer::builtin();
    g.bench_function("get_code", |b| b.iter(|| gz.get(black_box("330382114")).unwrap().unwrap().name().len()));
    g.bench_function("by_name", |b| b.iter(|| gz.by_name(black_box("桥头镇")).len()));
    g.finish();
}

criterion_group! { name = benches; config = settings::config(20); targets = gazetteer_benches }
criterion_main!(benches);
