//! Atlas workloads at 1k / 10k / 100k towns: build + validate, JSON load
//! (next to serde_json → Value on the same bytes), a three-predicate query,
//! classification of every town, and all-pairs Gower distance (2k, 5k).
//!
//! `cargo bench --features synth --bench atlas`; see BENCHMARKS.md.
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

mod common;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn atlas_benches(c: &mut Criterion) {
    for n in SIZES {
        let atlas = common::atlas(n).unwrap();
        let json = serde_json::to_vec(&atlas).unwrap();
        let doc = atlas.to_document();

        let mut g = c.benchmark_group("build_validate");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
            b.iter_batched(|| doc.clone(), |d| common::build_validate(d).unwrap(), BatchSize::LargeInput);
        });
        g.finish();

        let mut g = c.benchmark_group(format!("json_load/{n}"));
        g.throughput(Throughput::Bytes(json.len() as u64));
        g.bench_function("regdev_from_json_slice", |b| b.iter(|| common::load_json(black_box(&json)).unwrap()));
        g.bench_function("serde_json_value", |b| b.iter(|| common::parse_value(black_box(&json)).unwrap()));
        g.finish();

        let query = common::three_predicate_query().unwrap();
        let mut g = c.benchmark_group("query_three_predicates");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &atlas, |b, a| b.iter(|| common::run_query(a, &query)));
        g.finish();

        let mut g = c.benchmark_group("classify_all");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &atlas, |b, a| b.iter(|| common::classify_every_town(a)));
        g.finish();
    }
}

fn gower_benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("gower_all_pairs");
    for n in [2_000, 5_000] {
        let atlas = common::atlas(n).unwrap();
        g.throughput(Throughput::Elements((n * (n - 1) / 2) as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &atlas, |b, a| {
            b.iter(|| common::gower_all_pairs(a).unwrap().len())
        });
    }
    g.finish();
}

criterion_group! { name = benches; config = common::settings::config(10); targets = atlas_benches, gower_benches }
criterion_main!(benches);
