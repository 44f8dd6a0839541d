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
//! `bench_report graph N [--graphml PATH] [--runs R]` instead generates the
//! benchmark graph of N actors (5 linkages each, `regdev::synth::linkage_graph`),
//! writes it as GraphML to PATH for the peers, and times directed normalized
//! betweenness, density + degree (cold: adjacency not yet built; warm), and
//! GraphML export; `--rustworkx` adds rustworkx-core's betweenness on the same
//! simple graph (the library kernel regdev's engine replaced).
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
        _ => {
            return Err(
                "usage: bench_report WORKLOAD FILE [--runs N] | bench_report graph N [--graphml PATH]".to_owned()
            );
        }
    };
    let runs: usize = match args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)) {
        Some(v) => v.parse().map_err(|_| format!("--runs: cannot parse {v:?}"))?,
        None => 5,
    };
    if workload == "graph" {
        return graph_report(file, &args, runs);
    }
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
                "classify" => time(runs, || common::classify_every_town(&atlas))?,
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

fn graph_report(actors: &str, args: &[String], runs: usize) -> Result<(), String> {
    let n: usize = actors.parse().map_err(|_| format!("graph: cannot parse actor count {actors:?}"))?;
    let g = common::graph(n).map_err(|e| e.to_string())?;
    if let Some(path) = args.iter().position(|a| a == "--graphml").and_then(|i| args.get(i + 1)) {
        let file = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
        g.write_graphml(std::io::BufWriter::new(file)).map_err(|e| e.to_string())?;
    }
    // Density + degree on a graph whose adjacency is not built yet (cold:
    // includes the O(n + m) build) and on one where it is (warm).
    let mut cold = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let fresh = g.clone();
        let start = Instant::now();
        std::hint::black_box(common::density_and_degree(&fresh));
        cold.push(start.elapsed().as_secs_f64());
    }
    let t_dd_cold = median(cold);
    let (t_bc, bc) = time(runs, || Ok(common::betweenness(&g)))?;
    let (t_dd, (density, _)) = time(runs, || Ok(common::density_and_degree(&g)))?;
    let rustworkx = if args.iter().any(|a| a == "--rustworkx") {
        let d = common::simple_digraph(&g);
        format!("{:.6}", time(runs, || Ok(common::rustworkx_betweenness(&d)))?.0)
    } else {
        "null".to_owned()
    };
    let (t_sp, _) = time(runs, || Ok(common::scale_profile(&g)))?;
    let (t_xml, bytes) = time(runs, || common::graphml(&g))?;
    let top = bc.top(1);
    let (top_id, top_value) = top.first().map_or(("", 0.0), |(id, v)| (id.as_str(), *v));
    println!(
        "{{\"workload\":\"graph\",\"actors\":{},\"linkages\":{},\"runs\":{runs},\"betweenness_s\":{t_bc:.6},\
         \"density_degree_s\":{t_dd:.6},\"density_degree_cold_s\":{t_dd_cold:.6},\"rustworkx_betweenness_s\":{rustworkx},\"scale_profile_s\":{t_sp:.6},\"graphml_s\":{t_xml:.6},\"graphml_bytes\":{bytes},\
         \"density\":{density},\"top_broker\":{top_id:?},\"top_betweenness\":{top_value}}}",
        g.actor_count(),
        g.linkage_count(),
    );
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
