//! Generate a synthetic atlas and the files peer tools read.
//!
//! ```text
//! cargo run --release --features synth --example synth -- --towns N --out DIR \
//!     [--seed S] [--actors-per-town K] [--linkages-per-actor L] [--graph-fraction F] \
//!     [--missing-dimensions F] [--missing-facts F]
//! ```
//!
//! Writes DIR/atlas.json, DIR/linkages.graphml and DIR/towns.csv (see
//! `regdev::synth::write_peer_files`) and prints a one-line JSON summary.

use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use regdev::synth::{self, SynthConfig};

const USAGE: &str = "usage: synth --towns N --out DIR [--seed S] [--actors-per-town K] [--linkages-per-actor L] \
                     [--graph-fraction F] [--missing-dimensions F] [--missing-facts F]";

fn parse<T: FromStr>(flag: &str, value: Option<String>) -> Result<T, String> {
    let value = value.ok_or_else(|| format!("{flag} needs a value"))?;
    value.parse().map_err(|_| format!("{flag}: cannot parse {value:?}"))
}

fn run() -> Result<(), String> {
    let mut config = SynthConfig::new();
    let mut out: Option<PathBuf> = None;
    let mut towns_given = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--towns" => {
                config = config.towns(parse(&flag, args.next())?);
                towns_given = true;
            }
            "--out" => out = Some(parse(&flag, args.next())?),
            "--seed" => config = config.seed(parse(&flag, args.next())?),
            "--actors-per-town" => {
                config = config.actors_per_town(parse(&flag, args.next())?).map_err(|e| e.to_string())?
            }
            "--linkages-per-actor" => config = config.linkages_per_actor(parse(&flag, args.next())?),
            "--graph-fraction" => {
                config = config.graph_fraction(parse(&flag, args.next())?).map_err(|e| e.to_string())?
            }
            "--missing-dimensions" => {
                config = config.missing_dimensions(parse(&flag, args.next())?).map_err(|e| e.to_string())?
            }
            "--missing-facts" => {
                config = config.missing_facts(parse(&flag, args.next())?).map_err(|e| e.to_string())?
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    let out = out.ok_or_else(|| format!("--out is required\n{USAGE}"))?;
    if !towns_given {
        return Err(format!("--towns is required\n{USAGE}"));
    }
    let start = std::time::Instant::now();
    let summary = synth::write_peer_files(&config, &out).map_err(|e| e.to_string())?;
    let files: Vec<String> = summary
        .files
        .iter()
        .map(|(p, len)| format!("{{\"path\":{:?},\"bytes\":{len}}}", p.display().to_string()))
        .collect();
    println!(
        "{{\"towns\":{},\"graphs\":{},\"actors\":{},\"linkages\":{},\"seconds\":{:.3},\"files\":[{}]}}",
        summary.towns,
        summary.graphs,
        summary.actors,
        summary.linkages,
        start.elapsed().as_secs_f64(),
        files.join(",")
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}
