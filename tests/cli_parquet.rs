//! `regdev export parquet -o DIR`, `regdev validate DIR` and `--atlas DIR`,
//! run through the built binary.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `regdev ARGS` with standard error a pipe (not a terminal).
fn run(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_regdev"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary starts");
    let run = Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "panic: {}", run.stderr);
    run
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("regdev-cli-parquet-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn export_parquet_then_validate_and_query_the_directory() {
    let dir = scratch("builtin");
    let d = dir.to_str().unwrap();
    let r = run(&["export", "parquet", "-o", d]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Not a terminal: one line of summary, no progress bar.
    assert_eq!(r.stderr, format!("wrote 15 Parquet tables into {d}\n"));
    let v = run(&["validate", d]);
    assert_eq!(v.code, 0, "{}", v.stderr);
    assert!(v.stdout.starts_with(&format!("{d}: ok (")), "{}", v.stdout);
    assert_eq!(v.stderr, "");
    // Every command reads the directory as it reads JSON.
    let from_dir = run(&["export", "json", "--atlas", d]);
    let builtin = run(&["export", "json"]);
    assert_eq!(from_dir.code, 0, "{}", from_dir.stderr);
    assert_eq!(from_dir.stdout, builtin.stdout);
    let towns = run(&["towns", "--atlas", d]);
    assert_eq!(towns.stdout, run(&["towns"]).stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn synthetic_atlas_json_to_parquet_and_back() {
    let dir = scratch("synth");
    let d = dir.to_str().unwrap();
    let r = run(&["synth", "--towns", "300", "--seed", "4", "--out", d]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json = dir.join("atlas.json");
    let tables = dir.join("tables");
    let (j, t) = (json.to_str().unwrap(), tables.to_str().unwrap());
    assert_eq!(run(&["export", "parquet", "--atlas", j, "-o", t]).code, 0);
    assert_eq!(run(&["validate", t]).code, 0);
    let a = run(&["export", "json", "--atlas", j]);
    let b = run(&["export", "json", "--atlas", t]);
    assert_eq!(a.code, 0);
    assert_eq!(a.stdout, b.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn invalid_directories_and_usage() {
    let dir = scratch("bad");
    let d = dir.to_str().unwrap();
    assert_eq!(run(&["export", "parquet", "-o", d]).code, 0);
    std::fs::remove_file(dir.join("actors.parquet")).unwrap();
    let v = run(&["validate", d]);
    assert_eq!(v.code, 1);
    assert!(v.stderr.contains(&format!("{d}: table 'actors': missing table")), "{}", v.stderr);
    let q = run(&["towns", "--atlas", d]);
    assert_eq!(q.code, 1);
    assert!(q.stderr.contains("table 'actors': missing table"), "{}", q.stderr);
    let u = run(&["export", "parquet"]);
    assert_eq!(u.code, 2);
    assert!(u.stderr.contains("export parquet needs -o DIR"), "{}", u.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// On a terminal, loading, validating and exporting an atlas this large
/// draws progress bars (JSON of 16 MiB and more, Parquet rows, rows
/// written); with standard error a pipe, as here, nothing is drawn: the
/// commands print exactly what they print on a small atlas.
#[test]
fn large_atlases_load_and_export_silently_off_a_terminal() {
    let dir = scratch("large");
    let d = dir.to_str().unwrap();
    let s = run(&["synth", "--towns", "2500", "--out", d]);
    assert_eq!(s.code, 0, "{}", s.stderr);
    let json = dir.join("atlas.json");
    assert!(json.metadata().unwrap().len() >= 16 << 20, "large enough for the JSON bar");
    let json = json.to_str().unwrap();
    let v = run(&["validate", json]);
    assert_eq!(v.code, 0, "{}", v.stderr);
    assert_eq!(v.stderr, "");
    let pq = dir.join("tables");
    let pq = pq.to_str().unwrap();
    let e = run(&["export", "parquet", "--atlas", json, "-o", pq]);
    assert_eq!(e.code, 0, "{}", e.stderr);
    assert_eq!(e.stderr, format!("wrote 15 Parquet tables into {pq}\n"));
    let v = run(&["validate", pq]);
    assert_eq!(v.code, 0, "{}", v.stderr);
    assert_eq!(v.stderr, "");
    let t = run(&["towns", "--atlas", pq, "--format", "csv"]);
    assert_eq!(t.code, 0, "{}", t.stderr);
    assert_eq!(t.stderr, "");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_decoder_panic_on_a_corrupt_file_is_reported_once_as_the_tables_error() {
    // parquet 59.3.2 panics on this model_claims file (found by fuzzing)
    // on a decoding thread; the reader reports the table's error, and the
    // tool's panic hook does not also print the panic as a bug in regdev.
    let dir = scratch("corrupt");
    let d = dir.to_str().unwrap();
    assert_eq!(run(&["export", "parquet", "-o", d]).code, 0);
    let bytes = include_bytes!("fixtures/fuzz/parquet-model-claims-decoder-panic.parquet");
    std::fs::write(dir.join("model_claims.parquet"), bytes).unwrap();
    let v = run(&["validate", d]);
    assert_ne!(v.code, 0);
    let all = format!("{}{}", v.stdout, v.stderr);
    assert!(all.contains("table 'model_claims': unreadable Parquet"), "{all}");
    // Before: "regdev: internal error: decoder set (this is a bug…)", once
    // per read, ahead of the table's error.
    assert!(!all.contains("internal error") && !all.contains("decoder set"), "{all}");
    std::fs::remove_dir_all(&dir).unwrap();
}
