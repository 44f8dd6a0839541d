//! Analyse and export a town's economic-linkage graph.
//!
//! ```text
//! cargo run --example linkage_graph -- --town kunshan --graphml out.graphml --dot out.dot
//! ```
//!
//! Prints a table of the actors (id, kind, degree, betweenness, closeness)
//! followed by the graph's density, degree centralization and scale
//! profile, and writes GraphML and DOT files if asked, for any town of the
//! built-in atlas that has a graph (`kunshan`, `shunde`). An unknown town is reported on stderr with exit code 1; a bad
//! command line with exit code 2.

use std::process::ExitCode;

use regdev::{Atlas, Error, LinkageGraph};
use regdev::{Degree, Normalization, Orientation};

const USAGE: &str = "usage: linkage_graph [--town kunshan|shunde] [--graphml FILE] [--dot FILE]";

struct Args {
    town: String,
    graphml: Option<String>,
    dot: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { town: "kunshan".to_owned(), graphml: None, dot: None };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--town" => args.town = value("--town")?,
            "--graphml" => args.graphml = Some(value("--graphml")?),
            "--dot" => args.dot = Some(value("--dot")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if message.is_empty() {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let atlas = Atlas::builtin();
    let Some(graph) = atlas.graph(&args.town) else {
        let known: Vec<&str> = atlas.graphs().map(|g| g.focal_town().as_str()).collect();
        eprintln!("error: no linkage graph for town '{}'; towns with a graph: {}", args.town, known.join(", "));
        return ExitCode::from(1);
    };
    match run(graph, &args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(graph: &LinkageGraph, args: &Args) -> Result<(), Error> {
    if let Some(path) = &args.graphml {
        let file = std::fs::File::create(path)
            .map_err(|e| Error::Io { operation: "creating the GraphML file", message: e.to_string() })?;
        graph.write_graphml(std::io::BufWriter::new(file))?;
        eprintln!("wrote {path}");
    }
    if let Some(path) = &args.dot {
        let file = std::fs::File::create(path)
            .map_err(|e| Error::Io { operation: "creating the DOT file", message: e.to_string() })?;
        graph.write_dot(std::io::BufWriter::new(file))?;
        eprintln!("wrote {path}");
    }

    println!(
        "Linkage graph of {}: {} actors, {} linkages\n",
        graph.focal_town(),
        graph.actor_count(),
        graph.linkage_count()
    );
    let betweenness = graph.betweenness(Orientation::Undirected, Normalization::Normalized);
    let closeness = graph.closeness(Orientation::Undirected);
    println!("degree: in + out (distinct actors); betweenness and closeness: undirected, normalized\n");
    println!("{:<24} {:<36} {:>6} {:>11} {:>9}", "actor", "kind", "degree", "betweenness", "closeness");
    for actor in graph.actors() {
        let id = actor.id().as_str();
        println!(
            "{:<24} {:<36} {:>6} {:>11.3} {:>9.3}",
            id,
            actor.kind(),
            graph.degree(id, Degree::Total)?,
            betweenness.get(id).unwrap_or(0.0),
            closeness.get(id).unwrap_or(0.0),
        );
    }

    println!();
    println!("density (directed)              {:.3}", graph.density());
    println!("degree centralization (Freeman) {:.3}", graph.degree_centralization());
    let brokers: Vec<String> =
        graph.brokers(3, Orientation::Undirected).iter().map(|(id, b)| format!("{id} ({b:.3})")).collect();
    println!("brokers (top 3 by betweenness)  {}", brokers.join(", "));
    println!("weak components                 {}", graph.weak_components().len());

    let profile = graph.scale_profile();
    println!("\nscale profile");
    for (scale, count, share) in profile.iter() {
        println!("  {scale:<10} {count:>3}  {:>5.1}%", share * 100.0);
    }
    let dominant: Vec<String> = profile.dominant().iter().map(|s| s.id().to_owned()).collect();
    println!("  dominant: {}", dominant.join(" and "));
    let origins: Vec<String> = graph.institutional_borrowing_origins().into_iter().map(String::from).collect();
    println!("institutional borrowing from: {}", origins.join(", "));
    Ok(())
}
