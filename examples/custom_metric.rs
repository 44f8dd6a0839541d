//! A distance measure of your own, plugged into the same ranking,
//! explanations and verdicts as Gower's.
//!
//! `PartialCredit` is Gower's distance except that some pairs of
//! neighbouring values count as half a mismatch: bottom-up development
//! through public–private partnership or through private
//! entrepreneurship, private firms and private household firms, household
//! entrepreneurs and local private firms. Which values neighbour which is
//! this example's own judgement, not a claim the crate makes; everything
//! else comes from `regdev::dissimilarity`, Gower's
//! per-dimension dissimilarity.
//!
//! ```sh
//! cargo run --example custom_metric
//! ```

use regdev::{Atlas, Compare, Dimension, DimensionValue};
use regdev::{DrivingActor, Dynamics, Ownership};
use regdev::{Gower, ProfileMetric, classify, classify_all, dissimilarity};

/// Gower's distance with half credit between neighbouring values.
struct PartialCredit {
    /// Pairs of values (either order) at dissimilarity 0.5.
    neighbours: Vec<(DimensionValue, DimensionValue)>,
}

impl PartialCredit {
    fn new() -> PartialCredit {
        use DimensionValue as V;
        PartialCredit {
            neighbours: vec![
                (V::Dynamics(Dynamics::BottomUpPpp), V::Dynamics(Dynamics::BottomUpPrivate)),
                (V::Ownership(Ownership::Private), V::Ownership(Ownership::PrivateHousehold)),
                (
                    V::DrivingActor(DrivingActor::HouseholdEntrepreneurs),
                    V::DrivingActor(DrivingActor::LocalPrivateFirms),
                ),
            ],
        }
    }
}

impl ProfileMetric for PartialCredit {
    fn name(&self) -> &str {
        "partial-credit Gower"
    }

    fn dissimilarity(&self, _dimension: Dimension, a: &DimensionValue, b: &DimensionValue) -> Option<f64> {
        let neighbours = self.neighbours.iter().any(|(x, y)| (x == a && y == b) || (x == b && y == a));
        if neighbours { Some(0.5) } else { dissimilarity(a, b) }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let atlas = Atlas::builtin();
    let archetypes: Vec<_> = atlas.archetypes().collect();
    let shunde = atlas.town("shunde").ok_or("no shunde")?;
    let mine = PartialCredit::new();

    // The same Classification, Display and verdict as with Gower.
    let gower = classify(shunde, archetypes.iter().copied(), &Gower::new())?;
    let partial = classify(shunde, archetypes.iter().copied(), &mine)?;
    println!("{gower}");
    println!("{partial}");

    // The same Distance and explain().
    let wenzhou = archetypes.iter().find(|a| a.id().as_str() == "wenzhou").ok_or("no wenzhou")?;
    let d = shunde.distance_with(*wenzhou, &mine)?.ok_or("nothing shared")?;
    println!("Shunde to Wenzhou, {}:\n{}", mine.name(), d.explain());
    let g = shunde.distance(*wenzhou).ok_or("nothing shared")?;
    // Bottom-up PPP vs private entrepreneurship, private vs household
    // firms: half credit brings Shunde nearer to Wenzhou.
    assert!(d.value() < g.value(), "{} vs {}", d.value(), g.value());

    // Whole atlases too, on all cores.
    let all = classify_all(atlas.towns(), archetypes.iter().copied(), &mine)?;
    for c in all.iter().filter(|c| c.best().is_some()) {
        println!("{:<10} {}", c.subject(), c.verdict_line());
    }
    Ok(())
}
