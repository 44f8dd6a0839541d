//! A tour of the vocabulary: the three regional development models, their
//! reference profiles with sources, and the dimensions they are described
//! on.
//!
//! Run with `cargo run --example tour`.

use regdev::{Dimension, RegionalModel};

fn main() {
    println!("The three classic regional development models\n");
    for model in RegionalModel::ALL {
        let archetype = model.archetype();
        println!("## {model} ({})", model.region());
        println!("   Talk:           {}", model.talk_summary());
        println!("   Ownership:      {}", model.ownership_form());
        println!("   Main actors:    {}", model.main_actors());
        println!("   Capital:        {}", model.capital_origin());
        println!("   Markets:        {}", model.market_orientation());
        println!("   Period:         {}", model.typical_period());
        println!("   Example places: {}", model.example_places().join("; "));
        println!("   Sources:        {}", model.sources().join(", "));
        println!("   Archetype '{}' profile:", archetype.id());
        for dimension in Dimension::ALL {
            if let Some(value) = archetype.profile().get(*dimension) {
                let source = archetype.profile_sources().get(dimension).map_or("?", |s| s.as_str());
                println!("     {:<36} {:<40} [{source}]", dimension.label(), value);
            }
        }
        println!();
    }

    println!("Dimensions\n");
    println!("  {:<36} {:<8} talk row", "dimension", "kind");
    for dimension in Dimension::ALL {
        let talk = if dimension.is_talk_row() { "yes" } else { "" };
        println!("  {:<36} {:<8} {talk}", dimension.label(), dimension.kind());
    }
}
