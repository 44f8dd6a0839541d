//! A qualitative comparative analysis over the built-in atlas.
//!
//! The question of the method: which combinations of conditions go with an
//! outcome? Conditions and outcomes are read from the towns' sourced
//! profiles and trajectories ([`atlas_dataset`]); values the atlas does not
//! record are listed with the reason and those towns are left out
//! explicitly, never silently.
//!
//! 1. Did bottom-up dynamics, foreign-invested ownership or global
//!    linkages go with reaching own brands (a trajectory stage with the
//!    value-chain role OBM)?
//! 2. Did government-led dynamics or foreign-invested ownership go with
//!    global economic linkages?
//!
//! `cargo run --example qca_towns --features qca`

use regdev::Atlas;
use regdev::qca::{AtlasCondition, Dataset, MinimizeOptions, TruthTable, TruthTableOptions, atlas_dataset};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let atlas = Atlas::builtin();
    println!("{} towns in the built-in atlas.", atlas.towns().len());
    question(
        atlas,
        "1. Which combinations go with reaching own brands (OBM)?",
        &[
            ("BOTTOMUP", "profile:dynamics=bottom_up_ppp"),
            ("FOREIGN", "profile:ownership=foreign_invested"),
            ("GLOBAL", "profile:economic_linkages=global"),
            ("OBM", "stage:obm"),
        ],
    )?;
    question(
        atlas,
        "2. Which combinations go with global economic linkages?",
        &[
            ("GOVLED", "profile:dynamics=government_led"),
            ("FOREIGN", "profile:ownership=foreign_invested"),
            ("GLOBAL", "profile:economic_linkages=global"),
        ],
    )?;
    Ok(())
}

/// Runs one QCA; the last column is the outcome.
fn question(atlas: &Atlas, title: &str, spec: &[(&str, &str)]) -> Result<(), Box<dyn std::error::Error>> {
    println!("\n{title}");
    let columns: Vec<(String, AtlasCondition)> = spec
        .iter()
        .map(|(n, s)| Ok::<_, regdev::qca::QcaError>(((*n).to_owned(), s.parse()?)))
        .collect::<Result<_, _>>()?;
    let names: Vec<&str> = spec.iter().map(|(n, _)| *n).collect();
    let Some((outcome, conditions)) = names.split_last() else { return Ok(()) };
    let (data, missing) = atlas_dataset(atlas, &columns)?;
    let mut per_column: Vec<(String, usize, String)> = Vec::new();
    for m in &missing {
        match per_column.iter_mut().find(|(c, _, r)| *c == m.column && *r == m.reason) {
            Some(entry) => entry.1 += 1,
            None => per_column.push((m.column.clone(), 1, m.reason.clone())),
        }
    }
    for (column, n, reason) in &per_column {
        println!("   not recorded: {column} for {n} town(s): {reason}");
    }
    let complete: Dataset = match data.complete_cases(&names) {
        Ok((complete, _dropped)) => complete,
        Err(_) => {
            println!("   No town has every value yet, so there is nothing to analyse: the atlas");
            println!("   must first record these facts (with their sources) for some towns.");
            return Ok(());
        }
    };
    println!("   Towns with every value: {}.", complete.cases().join(", "));
    let tt = TruthTable::new(&complete, &TruthTableOptions::new(*outcome).conditions(conditions)?)?;
    println!("   Truth table (1 = the condition holds):");
    println!("     {}  OUT  towns", conditions.iter().map(|c| format!("{c:>8}")).collect::<Vec<_>>().join(" "));
    for r in tt.rows() {
        let values: Vec<String> = r.values().iter().map(|v| format!("{v:>8}")).collect();
        println!("     {}  {:>3}  {}", values.join(" "), r.out(), r.cases().join(", "));
    }
    for (label, opts) in
        [("Conservative", MinimizeOptions::conservative()), ("Parsimonious", MinimizeOptions::parsimonious())]
    {
        match tt.minimize(&opts) {
            Ok(m) => {
                for s in m.solutions() {
                    println!(
                        "   {label} {}: {} -> {outcome} (consistency {:.2}, coverage {:.2})",
                        s.label(),
                        s.expression(),
                        s.incl(),
                        s.cov()
                    );
                }
            }
            Err(e) => println!("   {label}: {e}"),
        }
    }
    println!(
        "   In plain words: the conservative solution restates the towns that have {outcome} by their\n   \
         conditions; the parsimonious one also assumes that unobserved combinations would behave\n   \
         alike, and where several solutions are listed the cases cannot tell them apart. With this\n   \
         few towns the result describes these cases; it is not a general law."
    );
    Ok(())
}
