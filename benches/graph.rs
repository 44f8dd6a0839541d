//! Linkage-graph workloads: betweenness (regdev's engine and, at 1k,
//! rustworkx-core's), betweenness + closeness in one pass, density + degree
//! (cold and warm) and scale profile
//! on graphs of 1k and 10k actors with 5 linkages per actor, and GraphML
//! export of a 100k-linkage graph (20k actors).
//!
//! `cargo bench --features synth --bench graph`; see BENCHMARKS.md.
#![allow(clippy::unwrap_used, missing_docs)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

mod common;

fn graph_benches(c: &mut Criterion) {
    for n in [1_000, 10_000] {
        let g = common::graph(n).unwrap();
        let mut group = c.benchmark_group("graph");
        group.throughput(Throughput::Elements(g.linkage_count() as u64));
        group.bench_with_input(BenchmarkId::new("betweenness", n), &g, |b, g| b.iter(|| common::betweenness(g)));
        group.bench_with_input(BenchmarkId::new("path_centralities_undirected", n), &g, |b, g| {
            b.iter(|| common::path_centralities(g, regdev::Orientation::Undirected))
        });
        if n <= 1_000 {
            let d = common::simple_digraph(&g);
            group.bench_with_input(BenchmarkId::new("betweenness_rustworkx_core", n), &d, |b, d| {
                b.iter(|| common::rustworkx_betweenness(d))
            });
        }
        // Cold: the adjacency is built inside the timing (a fresh clone of a
        // graph that never built it); warm: already built.
        let unbuilt = common::graph(n).unwrap();
        group.bench_with_input(BenchmarkId::new("density_degree_cold", n), &unbuilt, |b, g| {
            b.iter_batched(|| g.clone(), |fresh| common::density_and_degree(&fresh), criterion::BatchSize::LargeInput)
        });
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

criterion_group! { name = benches; config = common::settings::config(10); targets = graph_benches }
criterion_main!(benches);
