//! Figure workloads: the linkage-graph figure of a 500-actor synthetic
//! graph (layout, label placement and SVG text); the target is under one
//! second.
//!
//! `cargo bench --features synth,figures --bench figure`; see BENCHMARKS.md.
#![allow(clippy::unwrap_used, missing_docs)]

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use regdev::figure::{GraphFigure, Options};

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

fn figure_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("graph_figure");
    for n in [100, 500] {
        let g = regdev::synth::linkage_graph(n, 2, 42).unwrap();
        let options = Options::default();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &g, |b, g| {
            b.iter(|| GraphFigure::new(g).to_svg(&options).len())
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = config(); targets = figure_benches }
criterion_main!(benches);
