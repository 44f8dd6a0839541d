//! Times the benchmark workloads on files written by the `synth` example and
//! prints one JSON object of medians, for `benches/peers/peers.py`, which
//! runs the peer tools on the same files and prints both side by side.
//!
//! ```text
//! cargo run --release --features synth --example bench_report -- WORKLOAD FILE [--runs N]
//! ```
//!
//! Workloads (FILE is an `atlas.json`):
//! - `json`: load + validate vs serde_json → `Value` on the same bytes;
//! - `query`: the three-predicate query (load excluded);
//! - `classify`: every town against the atlas's archetypes;
//! - `gower`: all-pairs Gower distance over every town.
//!
//! The workload code is `benches/common/mod.rs`, shared with the criterion
//! benches.

use std::process::ExitCode;
use std::time::Instant;

#[path = "../benches/common/mod.rs"]
mod common;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    match (xs.get(n / 2), n % 2) {
        (Some(&m), 1) => m,
        (Some(&hi), _) => xs.get(n / 2 - 1).map_or(hi, |&lo| (lo + hi) / 2.0),
        (None, _) => f64::NAN,
    }
}

/// Runs `f` `runs` times; returns the median seconds and the last result.
fn time<T>(runs: usize, mut f: impl FnMut() -> Result<T, regdev::Error>) -> Result<(f64, T), String> {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let out = f().map_err(|e| e.to_string())?;
        times.push(start.elapsed().as_secs_f64());
        last = Some(std::hint::black_box(out));
    }
    last.map(|l| (median(times), l)).ok_or_else(|| "no run".to_owned())
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (workload, file) = match (args.first(), args.get(1)) {
        (Some(w), Some(f)) => (w.as_str(), f.as_str()),
        _ => return Err("usage: bench_report WORKLOAD FILE [--runs N]".to_owned()),
    };
    let runs: usize = match args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)) {
        Some(v) => v.parse().map_err(|_| format!("--runs: cannot parse {v:?}"))?,
        None => 5,
    };
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    match workload {
        "json" => {
            let (t_atlas, atlas) = time(runs, || common::load_json(&bytes))?;
            let (t_value, _) = time(runs, || common::parse_value(&bytes))?;
            println!(
                "{{\"workload\":\"json\",\"towns\":{},\"bytes\":{},\"runs\":{runs},\"regdev_s\":{t_atlas:.6},\
                 \"serde_json_value_s\":{t_value:.6},\"ratio\":{:.3}}}",
                atlas.towns().count(),
                bytes.len(),
                t_atlas / t_value
            );
        }
        "query" | "classify" | "gower" => {
            let atlas = common::load_json(&bytes).map_err(|e| e.to_string())?;
            let (t, result) = match workload {
                "query" => {
                    let q = common::three_predicate_query().map_err(|e| e.to_string())?;
                    time(runs, || Ok(common::run_query(&atlas, &q)))?
                }
                "classify" => time(runs, || Ok(common::classify_every_town(&atlas)))?,
                _ => time(runs, || common::gower_all_pairs(&atlas).map(|m| m.len()))?,
            };
            println!(
                "{{\"workload\":{workload:?},\"towns\":{},\"runs\":{runs},\"regdev_s\":{t:.6},\"result\":{result}}}",
                atlas.towns().count()
            );
        }
        other => return Err(format!("unknown workload {other:?}")),
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_report: {e}");
            ExitCode::FAILURE
        }
    }
}
