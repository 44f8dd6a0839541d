//! DuckDB (and Polars and Spark) read every table of a Parquet export, and
//! their median GDP per head by regional model equals regdev's own answer.
//!
//! Runs `tools/tables_check.py` with the Python in `REGDEV_TABLES_PYTHON`
//! (`.ci/run` makes a virtualenv with `duckdb`, `polars` and `pyspark` and
//! sets it), else `python3`. Without a Python that has `duckdb` the test is
//! skipped with a message, except under CI (`CI` set), where it fails.
//! Polars and Spark answer when installed; with `REGDEV_TABLES_SPARK` set
//! (as `.ci/run` sets it) Spark must answer.
#![cfg(all(feature = "parquet", feature = "synth"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeMap;
use std::process::Command;

use arrow::datatypes::DataType;
use regdev::Query;
use regdev::synth::{self, SynthConfig};
use regdev::{Atlas, Currency, Indicator, RegionalModel, Year, tables};
use serde_json::Value;

/// The median as DuckDB, Polars and Spark compute it: the middle value, or
/// the two middle values interpolated (`lo + (hi - lo) / 2`).
fn median(mut v: Vec<f64>) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return None;
    }
    if n % 2 == 1 {
        return Some(v[n / 2]);
    }
    let (lo, hi) = (v[n / 2 - 1], v[n / 2]);
    Some(lo + (hi - lo) * 0.5)
}

/// regdev's answer: for each regional model, the towns `Query::model`
/// selects, their GDP-per-head observations of `year` in `currency`, and
/// the median and number of those.
fn regdev_medians(atlas: &Atlas, year: Year, currency: Currency) -> BTreeMap<String, (f64, u64)> {
    let mut out = BTreeMap::new();
    for &model in RegionalModel::ALL {
        let values: Vec<f64> = atlas
            .query(&Query::model(model))
            .flat_map(|t| t.key_facts().observations())
            .filter(|o| o.indicator() == Indicator::GdpPerCapita && o.year() == Some(year))
            .filter_map(|o| o.value().as_money())
            .filter(|m| m.currency() == currency)
            .map(|m| m.amount())
            .collect();
        let n = values.len() as u64;
        if let Some(m) = median(values) {
            out.insert(model.id().to_owned(), (m, n));
        }
    }
    out
}

fn duckdb_type(dt: &DataType) -> &'static str {
    match dt {
        DataType::Utf8 => "VARCHAR",
        DataType::Int16 => "SMALLINT",
        DataType::Float64 => "DOUBLE",
        DataType::UInt64 => "UBIGINT",
        DataType::List(_) => "VARCHAR[]",
        other => panic!("no DuckDB type for {other}"),
    }
}

fn python() -> Option<String> {
    let py = std::env::var("REGDEV_TABLES_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let ok = Command::new(&py).args(["-c", "import duckdb"]).output().map(|o| o.status.success()).unwrap_or(false);
    if ok {
        return Some(py);
    }
    assert!(std::env::var_os("CI").is_none(), "CI: no Python with duckdb ({py}); .ci/run sets REGDEV_TABLES_PYTHON");
    eprintln!("SKIPPED: no Python with duckdb ({py}); set REGDEV_TABLES_PYTHON");
    None
}

fn check(atlas: &Atlas, name: &str, year: Year, currency: Currency) {
    let Some(py) = python() else { return };
    let dir = std::env::temp_dir().join(format!("regdev-engines-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    tables::write_dir(atlas, &dir).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/tables_check.py");
    let out = Command::new(&py)
        .args([script, dir.to_str().unwrap(), &year.get().to_string(), currency.id()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();

    // DuckDB read every table: same rows, same columns, the documented types.
    for (table, batch) in tables::to_batches(atlas).unwrap() {
        let t = &report["tables"][table];
        assert_eq!(t["rows"].as_u64(), Some(batch.num_rows() as u64), "{table} rows");
        let expected: Vec<Value> =
            batch.schema().fields().iter().map(|f| serde_json::json!([f.name(), duckdb_type(f.data_type())])).collect();
        assert_eq!(t["columns"].as_array().unwrap(), &expected, "{table} columns");
    }

    // Same medians, to the bit, from DuckDB, Polars and Spark.
    let ours = regdev_medians(atlas, year, currency);
    assert!(!ours.is_empty(), "the question has an answer on this atlas");
    for engine in ["duckdb", "polars", "spark"] {
        let Some(theirs) = report[engine].as_object() else {
            assert_ne!(engine, "duckdb", "DuckDB always answers");
            assert!(engine != "spark" || !spark_required(), "REGDEV_TABLES_SPARK is set: Spark must answer");
            eprintln!("{engine} not installed: not checked");
            continue;
        };
        let theirs: BTreeMap<String, (f64, u64)> = theirs
            .iter()
            .map(|(k, v)| (k.clone(), (v["median"].as_f64().unwrap(), v["n"].as_u64().unwrap())))
            .collect();
        assert_eq!(theirs, ours, "{engine} vs regdev");
    }
    spark_read_every_table(atlas, &report);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Whether Spark must answer (`REGDEV_TABLES_SPARK` set).
fn spark_required() -> bool {
    std::env::var_os("REGDEV_TABLES_SPARK").is_some()
}

/// Spark, when it ran, read every table: same rows, same column names.
fn spark_read_every_table(atlas: &Atlas, report: &Value) {
    if report["spark_tables"].is_null() {
        assert!(!spark_required(), "REGDEV_TABLES_SPARK is set: Spark must read the tables");
        return;
    }
    for (table, batch) in tables::to_batches(atlas).unwrap() {
        let t = &report["spark_tables"][table];
        assert_eq!(t["rows"].as_u64(), Some(batch.num_rows() as u64), "Spark: {table} rows");
        let names: Vec<Value> = batch.schema().fields().iter().map(|f| Value::from(f.name().as_str())).collect();
        assert_eq!(t["columns"].as_array().unwrap(), &names, "Spark: {table} columns");
    }
}

#[test]
fn duckdb_polars_and_spark_agree_with_regdev_on_synthetic_atlases() {
    // Even and odd group sizes, several models.
    for (seed, towns) in [(11, 2_000), (12, 301)] {
        let atlas = synth::atlas(&SynthConfig::new().towns(towns).seed(seed).graph_fraction(0.05).unwrap()).unwrap();
        let year = atlas
            .towns()
            .flat_map(|t| t.key_facts().observations())
            .find(|o| o.indicator() == Indicator::GdpPerCapita)
            .and_then(|o| o.year())
            .unwrap();
        check(&atlas, &format!("synth-{seed}"), year, Currency::Usd);
    }
}

#[test]
fn duckdb_and_spark_read_the_builtin_tables() {
    // Every table, including those synthetic atlases leave empty (zones,
    // stages, notes…); the built-in GDP-per-head figures are undated, so
    // only the table checks apply.
    let Some(py) = python() else { return };
    let atlas = Atlas::builtin();
    let dir = std::env::temp_dir().join(format!("regdev-engines-builtin-{}", std::process::id()));
    tables::write_dir(atlas, &dir).unwrap();
    let out = Command::new(&py)
        .args([concat!(env!("CARGO_MANIFEST_DIR"), "/tools/tables_check.py"), dir.to_str().unwrap(), "2013", "usd"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    for (table, batch) in tables::to_batches(atlas).unwrap() {
        assert_eq!(report["tables"][table]["rows"].as_u64(), Some(batch.num_rows() as u64), "{table}");
    }
    spark_read_every_table(atlas, &report);
    std::fs::remove_dir_all(&dir).unwrap();
}
