//! Large-atlas I/O on a synthetic atlas of 2,000 towns with the CLI's
//! default linkage graphs (12 actors and 60 linkages per town; 24k actors,
//! 120k linkages, 16 MB of JSON): Parquet export (`tables::write_dir`),
//! Parquet load (`tables::read_dir`) and JSON load
//! (`Atlas::from_json_slice`) of the same atlas, in one run.
//!
//! `cargo bench --features synth,parquet --bench tables`; the growth table
//! (10k, 100k, 1M towns, peak memory) comes from `tools/bench_tables.sh`;
//! see BENCHMARKS.md, "Large atlases".
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use regdev::synth::{self, SynthConfig};
use regdev::{Atlas, tables};

const TOWNS: usize = 2_000;

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4))
}

fn tables_benches(c: &mut Criterion) {
    let atlas = synth::atlas(&SynthConfig::new().towns(TOWNS).seed(0).actors_per_town(12).unwrap()).unwrap();
    let json = serde_json::to_vec(&atlas).unwrap();
    let dir = std::env::temp_dir().join(format!("regdev-bench-tables-{}", std::process::id()));
    tables::write_dir(&atlas, &dir).unwrap();
    assert_eq!(&tables::read_dir(&dir).unwrap(), &atlas, "the Parquet round trip is lossless");

    let mut g = c.benchmark_group(format!("tables/{TOWNS}"));
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.bench_function("json_load", |b| b.iter(|| Atlas::from_json_slice(black_box(&json)).unwrap()));
    g.bench_function("parquet_load", |b| b.iter(|| tables::read_dir(black_box(&dir)).unwrap()));
    let out = dir.with_extension("export");
    g.bench_function("parquet_export", |b| b.iter(|| tables::write_dir(black_box(&atlas), &out).unwrap()));
    g.finish();
    std::fs::remove_dir_all(&dir).unwrap();
    let _ = std::fs::remove_dir_all(&out);
}

criterion_group! { name = benches; config = config(); targets = tables_benches }
criterion_main!(benches);
