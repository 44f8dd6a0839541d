//! Where the time of loading an atlas goes, and JSON vs Parquet: medians
//! of N runs of each phase on one atlas.
//!
//! ```text
//! cargo run --release --features synth,parquet --example load_phases -- ATLAS.json [--parquet DIR] [--runs N]
//! ```
//!
//! Phases (each timed separately, from bytes already in memory):
//! - `parse`: JSON → `AtlasDocument` (serde_json; ids, names, measures and
//!   per-record rules are checked here);
//! - `validate_no_graphs`: `Atlas::validate_document` of the document
//!   without its graphs (uniqueness, references, parent cycles, indexes);
//! - `validate`: `Atlas::validate_document` of the whole document (adds
//!   building the petgraph graphs and checking their references);
//! - `json_load`: `Atlas::from_json_slice`, all of the above, as the CLI
//!   loads (the throughput is over the file's bytes);
//! - with `--parquet DIR`: `export` (`tables::write_dir` into DIR) and
//!   `parquet_load` (`tables::read_dir`).
//!
//! Prints one JSON object: `{phase: median_seconds, …, "bytes": N, "mb_per_s": X}`.

use std::process::ExitCode;
use std::time::Instant;

use regdev::{Atlas, AtlasDocument};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn time<T>(runs: usize, mut f: impl FnMut() -> Result<T, String>) -> Result<f64, String> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let out = f()?;
        times.push(start.elapsed().as_secs_f64());
        drop(out);
    }
    Ok(median(times))
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let file = args.next().ok_or("usage: load_phases ATLAS.json [--parquet DIR] [--runs N]")?;
    let (mut parquet, mut runs) = (None, 5usize);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--parquet" => parquet = Some(args.next().ok_or("--parquet needs a directory")?),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).ok_or("--runs needs a number")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let bytes = std::fs::read(&file).map_err(|e| format!("{file}: {e}"))?;
    let e = |e: regdev::Error| e.to_string();
    let mut out = serde_json::Map::new();
    let parse = time(runs, || Atlas::document_from_json(&bytes).map_err(e))?;
    out.insert("parse".into(), parse.into());
    // The document without graphs, through a JSON value.
    let mut value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    if let Some(obj) = value.as_object_mut() {
        obj.remove("graphs");
    }
    let no_graphs: AtlasDocument = serde_json::from_value(value).map_err(|e| e.to_string())?;
    let v1 = time(runs, || Atlas::validate_document(no_graphs.clone()).map_err(|es| format!("{es:?}")))?;
    out.insert("validate_no_graphs".into(), v1.into());
    let doc = Atlas::document_from_json(&bytes).map_err(e)?;
    let v2 = time(runs, || Atlas::validate_document(doc.clone()).map_err(|es| format!("{es:?}")))?;
    out.insert("validate".into(), v2.into());
    drop(doc);
    let load = time(runs, || Atlas::from_json_slice(&bytes).map_err(e))?;
    out.insert("json_load".into(), load.into());
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes.len() as f64 / 1e6;
    out.insert("bytes".into(), bytes.len().into());
    out.insert("mb_per_s".into(), (mb / load).into());
    if let Some(dir) = parquet {
        let atlas = Atlas::from_json_slice(&bytes).map_err(e)?;
        let export = time(runs, || regdev::tables::write_dir(&atlas, &dir).map_err(e))?;
        out.insert("export".into(), export.into());
        drop(atlas);
        let pq = time(runs, || regdev::tables::read_dir(&dir).map_err(e))?;
        out.insert("parquet_load".into(), pq.into());
        out.insert("json_over_parquet".into(), (load / pq).into());
    }
    out.insert("runs".into(), runs.into());
    println!("{}", serde_json::Value::Object(out));
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("load_phases: {e}");
            ExitCode::FAILURE
        }
    }
}
