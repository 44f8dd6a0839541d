//! Peak memory of a large atlas: 100,000 towns and 1,000,000 linkages by
//! default (10,000 graphs of 20 actors and 100 linkages).
//!
//! ```text
//! cargo run --release --features synth --example peak_memory -- [--towns N] \
//!     [--actors-per-town K] [--linkages-per-actor L] [--graph-fraction F] [--json FILE]
//! ```
//!
//! Generates the atlas in memory (or, with `--json FILE`, loads and
//! validates that file instead), then prints the counts and the process's
//! peak resident set size (`VmHWM` from `/proc/self/status`, Linux only).
//! Cross-check with `/usr/bin/time -v` ("Maximum resident set size").

use std::process::ExitCode;
use std::str::FromStr;

use regdev::synth::{self, SynthConfig};
use regdev::{Atlas, LinkageGraph};

fn parse<T: FromStr>(flag: &str, value: Option<String>) -> Result<T, String> {
    let value = value.ok_or_else(|| format!("{flag} needs a value"))?;
    value.parse().map_err(|_| format!("{flag}: cannot parse {value:?}"))
}

/// A `/proc/self/status` field in MiB (Linux), if available.
fn status_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn run() -> Result<(), String> {
    let mut config = SynthConfig::new()
        .towns(100_000)
        .actors_per_town(20)
        .map_err(|e| e.to_string())?
        .linkages_per_actor(5)
        .graph_fraction(0.1)
        .map_err(|e| e.to_string())?;
    let mut json: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--towns" => config = config.towns(parse(&flag, args.next())?),
            "--actors-per-town" => {
                config = config.actors_per_town(parse(&flag, args.next())?).map_err(|e| e.to_string())?
            }
            "--linkages-per-actor" => config = config.linkages_per_actor(parse(&flag, args.next())?),
            "--graph-fraction" => {
                config = config.graph_fraction(parse(&flag, args.next())?).map_err(|e| e.to_string())?
            }
            "--seed" => config = config.seed(parse(&flag, args.next())?),
            "--json" => json = Some(parse(&flag, args.next())?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let baseline = status_mib("VmRSS:");
    let start = std::time::Instant::now();
    let atlas = match &json {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
            Atlas::from_json_slice(&bytes).map_err(|e| e.to_string())?
        }
        None => synth::atlas(&config).map_err(|e| e.to_string())?,
    };
    let seconds = start.elapsed().as_secs_f64();
    let linkages: usize = atlas.graphs().map(LinkageGraph::linkage_count).sum();
    let actors: usize = atlas.graphs().map(LinkageGraph::actor_count).sum();
    let rss = status_mib("VmRSS:");
    let peak = status_mib("VmHWM:");
    let show = |v: Option<f64>| v.map_or_else(|| "null".to_owned(), |v| format!("{v:.1}"));
    println!(
        "{{\"mode\":{:?},\"towns\":{},\"graphs\":{},\"actors\":{},\"linkages\":{},\"seconds\":{seconds:.2},\
         \"baseline_rss_mib\":{},\"rss_mib\":{},\"peak_rss_mib\":{}}}",
        if json.is_some() { "load_json" } else { "generate" },
        atlas.towns().count(),
        atlas.graphs().count(),
        actors,
        linkages,
        show(baseline),
        show(rss),
        show(peak),
    );
    drop(atlas);
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("peak_memory: {e}");
            ExitCode::FAILURE
        }
    }
}
