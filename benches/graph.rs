//! Linkage-graph workloads: betweenness, density + degree and scale profile
//! on graphs of 1k and 10k actors with 5 linkages per actor, and GraphML
//! export of a 100k-linkage graph (20k actors).
//!
//! `cargo bench --features synth --bench graph`; see BENCHMARKS.md.
#![allow(clippy::unwrap_used, missing_docs)]

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

mod common;

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

fn graph_benches(c: &mut Criterion) {
    for n in [1_000, 10_000] {
        let g = common::graph(n).unwrap();
        let mut group = c.benchmark_group("graph");
        group.throughput(Throughput::Elements(g.linkage_count() as u64));
        group.bench_with_input(BenchmarkId::new("betweenness", n), &g, |b, g| b.iter(|| common::betweenness(g)));
        group.bench_with_input(BenchmarkId::new("density_degree", n), &g, |b, g| {
            b.iter(|| common::density_and_degree(g))
        });
        group.bench_with_input(BenchmarkId::new("scale_profile", n), &g, |b, g| b.iter(|| common::scale_profile(g)));
        group.finish();
    }
    let g = common::graph(20_000).unwrap();
    let mut group = c.benchmark_group("graphml_export");
    group.throughput(Throughput::Elements(g.linkage_count() as u64));
    group.bench_with_input(BenchmarkId::from_parameter(g.linkage_count()), &g, |b, g| {
        b.iter(|| common::graphml(g).unwrap())
    });
    group.finish();
}

criterion_group! { name = benches; config = config(); targets = graph_benches }
criterion_main!(benches);
