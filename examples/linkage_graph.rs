//! Analyse and export a town's economic-linkage graph.
//!
//! ```text
//! cargo run --example linkage_graph -- --town kunshan --graphml out.graphml --dot out.dot
//! ```
//!
//! Prints a table of the actors (id, kind, degree, betweenness, closeness)
//! followed by the graph's density, degree centralization and scale
//! profile, and writes GraphML and DOT files if asked. Towns: `kunshan`,
//! `shunde`. An unknown town is reported on stderr with exit code 1; a bad
//! command line with exit code 2.

use std::process::ExitCode;

use regdev::linkage::{Degree, Orientation};
use regdev::{Actor, ActorId, ActorKind, Error, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};

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
    let graph = match demo_graph(&args.town) {
        Ok(Some(graph)) => graph,
        Ok(None) => {
            eprintln!("error: no linkage graph for town '{}'; known towns: {}", args.town, TOWNS.join(", "));
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    match run(&graph, &args) {
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
    let betweenness = graph.betweenness(Orientation::Undirected, true);
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

const TOWNS: [&str; 2] = ["kunshan", "shunde"];

/// Demo graphs for the example.
///
/// TODO(atlas): replace with `regdev::Atlas::builtin().graph(&TownId::new(town)?)`
/// once the built-in cases exist. These small graphs only echo the talk's
/// stories (Kunshan: FDI-led, Taiwanese investors, national and global
/// linkages; Shunde: bottom-up, local associations, borrowing from Hong
/// Kong and Shenzhen); they are illustrations, not data.
fn demo_graph(town: &str) -> Result<Option<LinkageGraph>, Error> {
    let talk = SourceId::new("qiao-talk")?;
    let link = |kind, scale| Linkage::new(kind, scale, talk.clone());
    let actor = |id: &str, name: &str, kind, place: &str| Actor::new(ActorId::new(id)?, name, kind)?.based_in(place);
    let id = ActorId::new;
    let graph = match town {
        "kunshan" => LinkageGraph::builder(TownId::new("kunshan")?)
            .actor(actor("kunshan-government", "Kunshan government", ActorKind::LocalGovernment, "Kunshan")?)
            .actor(actor("kunshan-etdz", "Kunshan ETDZ", ActorKind::IndustrialPark, "Kunshan")?)
            .actor(actor("taiwanese-investors", "Taiwanese investors", ActorKind::ForeignInvestedFirm, "Taiwan")?)
            .actor(actor("german-park", "German industrial park", ActorKind::IndustrialPark, "Germany")?)
            .actor(actor("tsinghua", "Tsinghua University", ActorKind::University, "Beijing")?)
            .actor(actor("overseas-talent", "Overseas Chinese talent", ActorKind::TalentNetwork, "Overseas")?)
            .actor(actor("suzhou", "Suzhou government", ActorKind::HigherGovernment, "Suzhou")?)
            .actor(actor("local-suppliers", "Local suppliers", ActorKind::PrivateFirm, "Kunshan")?)
            .linkage(id("taiwanese-investors")?, id("kunshan-etdz")?, link(LinkageKind::Investment, Scale::Global))
            .linkage(
                id("taiwanese-investors")?,
                id("kunshan-government")?,
                link(LinkageKind::InstitutionalBorrowing, Scale::Global),
            )
            .linkage(id("german-park")?, id("kunshan-etdz")?, link(LinkageKind::Investment, Scale::Global))
            .linkage(id("overseas-talent")?, id("kunshan-government")?, link(LinkageKind::TalentFlow, Scale::Global))
            .linkage(id("tsinghua")?, id("kunshan-government")?, link(LinkageKind::KnowledgeTransfer, Scale::National))
            .linkage(id("kunshan-government")?, id("tsinghua")?, link(LinkageKind::Partnership, Scale::National))
            .linkage(id("kunshan-government")?, id("kunshan-etdz")?, link(LinkageKind::Governance, Scale::Local))
            .linkage(id("suzhou")?, id("kunshan-government")?, link(LinkageKind::Governance, Scale::Regional))
            .linkage(id("kunshan-etdz")?, id("taiwanese-investors")?, link(LinkageKind::Market, Scale::National))
            .linkage(id("local-suppliers")?, id("taiwanese-investors")?, link(LinkageKind::Supply, Scale::Local))
            .build()?,
        "shunde" => LinkageGraph::builder(TownId::new("shunde")?)
            .actor(actor("shunde-government", "Shunde government", ActorKind::LocalGovernment, "Shunde")?)
            .actor(actor("private-firms", "Private and household firms", ActorKind::PrivateFirm, "Shunde")?)
            .actor(actor("leliu-association", "Leliu business association", ActorKind::BusinessAssociation, "Leliu")?)
            .actor(actor("lecong-park", "Lecong technology park", ActorKind::IndustrialPark, "Lecong")?)
            .actor(actor(
                "service-centre",
                "Industrial service and innovation centre",
                ActorKind::ServiceCentre,
                "Shunde",
            )?)
            .actor(actor("guangzhou-universities", "Universities in Guangzhou", ActorKind::University, "Guangzhou")?)
            .actor(actor("hong-kong", "Hong Kong", ActorKind::Place, "Hong Kong")?)
            .actor(actor("shenzhen", "Shenzhen", ActorKind::Place, "Shenzhen")?)
            .actor(actor("overseas-buyers", "Overseas buyers", ActorKind::ForeignInvestedFirm, "Overseas")?)
            .linkage(id("private-firms")?, id("leliu-association")?, link(LinkageKind::Partnership, Scale::Local))
            .linkage(id("leliu-association")?, id("shunde-government")?, link(LinkageKind::Governance, Scale::Local))
            .linkage(id("shunde-government")?, id("service-centre")?, link(LinkageKind::Investment, Scale::Local))
            .linkage(id("service-centre")?, id("private-firms")?, link(LinkageKind::KnowledgeTransfer, Scale::Local))
            .linkage(id("private-firms")?, id("lecong-park")?, link(LinkageKind::Investment, Scale::Local))
            .linkage(
                id("guangzhou-universities")?,
                id("service-centre")?,
                link(LinkageKind::KnowledgeTransfer, Scale::Regional),
            )
            .linkage(
                id("hong-kong")?,
                id("shunde-government")?,
                link(LinkageKind::InstitutionalBorrowing, Scale::Regional),
            )
            .linkage(
                id("shenzhen")?,
                id("shunde-government")?,
                link(LinkageKind::InstitutionalBorrowing, Scale::Regional),
            )
            .linkage(id("hong-kong")?, id("private-firms")?, link(LinkageKind::Investment, Scale::Regional))
            .linkage(id("private-firms")?, id("overseas-buyers")?, link(LinkageKind::Market, Scale::Global))
            .build()?,
        _ => return Ok(None),
    };
    Ok(Some(graph))
}
