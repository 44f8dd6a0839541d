//! QCA minimisation of a 12-condition crisp truth table with 500 observed
//! configurations (`tests/fixtures/qca/bench12.csv`: 500 distinct random
//! configurations, outcome `C0*C1*~C2 + C3*C4 + C5*~C6*C7`), parsimonious
//! and conservative, truth table included.
//!
//! `cargo bench --features qca --bench qca`; see BENCHMARKS.md, which also
//! gives R `QCA::minimize` on the same file.
#![allow(clippy::unwrap_used, missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use regdev::qca::{Dataset, MinimizeOptions, TruthTable, TruthTableOptions};

#[path = "common/settings.rs"]
mod settings;

fn qca_benches(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/qca/bench12.csv");
    let data = Dataset::from_csv_path(path).unwrap();
    let opts = TruthTableOptions::new("Y");
    let tt = TruthTable::new(&data, &opts).unwrap();
    assert_eq!(tt.rows().len(), 500);
    let mut group = c.benchmark_group("qca_12_conditions_500_configurations");
    group.bench_function("truth_table", |b| b.iter(|| TruthTable::new(&data, &opts).unwrap()));
    group.bench_function("parsimonious", |b| b.iter(|| tt.minimize(&MinimizeOptions::parsimonious()).unwrap()));
    group.bench_function("conservative", |b| b.iter(|| tt.minimize(&MinimizeOptions::conservative()).unwrap()));
    group.bench_function("truth_table_and_parsimonious", |b| {
        b.iter(|| TruthTable::new(&data, &opts).unwrap().minimize(&MinimizeOptions::parsimonious()).unwrap())
    });
    group.finish();
}

criterion_group! { name = benches; config = settings::config(20); targets = qca_benches }
criterion_main!(benches);
