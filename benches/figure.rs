//! Figure workloads: the linkage-graph figure of a 500-actor synthetic
//! graph (layout, label placement and SVG text; the target is under one
//! second), and the built-in comparison and distance figures and report.
//!
//! `cargo bench --features synth,figures --bench figure`; see BENCHMARKS.md.
#![allow(clippy::unwrap_used, missing_docs)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use regdev::figure::{ComparisonFigure, DistanceFigure, Figure, GraphFigure, Options, Report};

#[path = "common/settings.rs"]
mod settings;

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

    let atlas = regdev::Atlas::builtin();
    let options = Options::default();
    let mut group = c.benchmark_group("builtin_figures");
    group.bench_function("kunshan_graph", |b| {
        b.iter(|| GraphFigure::from_atlas(atlas, "kunshan").unwrap().to_svg(&options).len())
    });
    group.bench_function("comparison_kunshan_shunde_sunan", |b| {
        b.iter(|| ComparisonFigure::from_atlas(atlas, &["kunshan", "shunde", "sunan"]).unwrap().to_svg(&options).len())
    });
    group.bench_function("distances_all", |b| {
        b.iter(|| DistanceFigure::from_atlas(atlas, &[]).unwrap().to_svg(&options).len())
    });
    group.bench_function("report_kunshan_shunde", |b| {
        b.iter(|| Report::new(atlas, &["kunshan", "shunde"]).unwrap().to_html(&options).len())
    });
    group.finish();
}

criterion_group! { name = benches; config = settings::config(10); targets = figure_benches }
criterion_main!(benches);
