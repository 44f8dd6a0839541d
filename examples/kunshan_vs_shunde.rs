//! The talk's comparison of Kunshan and Shunde, from the built-in data:
//! the seven-row table in the talk's wording, the rows the crate derives
//! from each town's linkage graph (with their provenance), the audit of the
//! talk's own figures, and each town's classification against the three
//! regional models.
//!
//! Run with `cargo run --example kunshan_vs_shunde`.

use std::process::ExitCode;

use regdev::{Atlas, Compare, Dimension, Error};

fn run() -> Result<(), Error> {
    let atlas = Atlas::builtin();
    let town = |id: &str| {
        atlas.town(id).ok_or_else(|| Error::UnknownReference {
            kind: regdev::IdKind::Town,
            id: id.to_owned(),
            referrer: "this example".to_owned(),
        })
    };
    let (kunshan, shunde) = (town("kunshan")?, town("shunde")?);

    println!("Comparison (the talk's table, from the built-in profiles)\n");
    println!("{}", kunshan.compare(shunde).talk_rows());

    println!("Derived from the linkage graphs\n");
    for t in [kunshan, shunde] {
        let derived = atlas.derived_rows(t.id().as_str())?;
        for row in derived {
            let asserted = t.profile().get(row.dimension()).map(|v| v.to_string()).unwrap_or_else(|| "—".to_owned());
            let verdict = if row.agrees_with(t.profile()) { "agrees" } else { "DISAGREES" };
            println!(
                "  {:<8} {:<24} derived: {:<30} asserted: {:<30} {verdict}",
                t.name().english(),
                row.dimension().label(),
                row.value().to_string(),
                asserted
            );
            println!("           {}", row.provenance());
        }
    }
    println!();

    println!("Audit of the key facts\n");
    for finding in atlas.audit() {
        println!("  {finding}");
    }
    println!();

    for t in [kunshan, shunde] {
        println!("{}", atlas.classify(t.id().as_str())?);
    }
    let sources = [Dimension::Dynamics, Dimension::Ownership]
        .iter()
        .filter_map(|d| kunshan.profile_source(*d).and_then(|s| atlas.source(s.as_str())))
        .map(ToString::to_string)
        .collect::<Vec<_>>();
    println!("Sources (e.g. for Kunshan's dynamics and ownership):");
    for s in sources {
        println!("  - {s}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
