//! The three regional development models, one by one: each model's
//! archetype (its reference profile, every value with its source), the
//! built-in towns that a cited source treats as a case of it, and each
//! case's classification against the three archetypes with its coverage
//! (how many of the archetype's dimensions the town's profile also sets).
//! Then the towns whose profile is sourced in part but that no source read
//! names a case of a model (too few dimensions for a label), classified the
//! same way.
//!
//! ```sh
//! cargo run --example three_models
//! ```

use regdev::{Atlas, Dimension, RegionalModel};

pub(crate) fn main() -> Result<(), Box<dyn std::error::Error>> {
    let atlas = Atlas::builtin();
    let print_ranking = |id: &str| -> Result<(), Box<dyn std::error::Error>> {
        let classification = atlas.classify(id)?;
        for ranked in classification.ranking() {
            let distance = ranked.distance().map_or("n/a".to_owned(), |d| format!("{:.2}", d.value()));
            let compared = ranked.distance().map_or(0, |d| d.contributions().len());
            println!("      {:<20} Gower {distance} over {compared} features", ranked.name());
        }
        println!("      {}", classification.verdict_line());
        Ok(())
    };
    for &model in RegionalModel::ALL {
        let archetype = model.archetype();
        let archetype_dims: Vec<Dimension> =
            Dimension::ALL.iter().copied().filter(|&d| archetype.profile().get(d).is_some()).collect();
        println!("== {} ==", archetype.name());
        println!("{}", archetype.description());
        println!("archetype profile:");
        for &d in &archetype_dims {
            let value = archetype.profile().get(d).map(|v| v.to_string()).unwrap_or_default();
            let source = archetype.profile_sources().get(&d).map(|s| s.as_str()).unwrap_or("-");
            println!("  {:<34} {:<40} [{source}]", d.label(), value);
        }
        let cases: Vec<_> = atlas.towns().filter(|t| t.model().map(|m| *m.value()) == Some(model)).collect();
        println!("cases ({}):", cases.len());
        for town in cases {
            let shared = archetype_dims.iter().filter(|&&d| town.profile().get(d).is_some()).count();
            let label_source = town.model().map(|m| m.source().as_str()).unwrap_or("-");
            println!(
                "  {} ({}), {}: model per [{label_source}]; coverage {shared} of the archetype's {} dimensions",
                town.name(),
                town.id(),
                town.level(),
                archetype_dims.len()
            );
            print_ranking(town.id().as_str())?;
        }
        println!();
    }
    let unlabelled: Vec<_> = atlas.towns().filter(|t| t.model().is_none() && !t.profile().is_empty()).collect();
    println!("== Profiled towns without a model label ({}) ==", unlabelled.len());
    for town in unlabelled {
        println!("  {} ({}), {}: {} dimensions sourced", town.name(), town.id(), town.level(), town.profile().len());
        print_ranking(town.id().as_str())?;
    }
    Ok(())
}
