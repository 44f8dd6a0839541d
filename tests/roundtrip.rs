//! Every public data type survives serialization unchanged, through JSON and
//! through TOML, for values drawn from `regdev::arbitrary`.
//!
//! Needs the `proptest` feature: `cargo test --features proptest --test roundtrip`.

#![cfg(feature = "proptest")]
// Test helpers outside #[test] fns are not covered by clippy.toml's allow-*-in-tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod util;

use std::fmt::Debug;

use proptest::prelude::*;
use regdev::arbitrary::{self, any_of};
use regdev::{Area, Money, Observed, Population, RegionalModel};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// TOML needs a table at the top level.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Wrap<T> {
    v: T,
}

/// JSON through text and through `serde_json::Value`.
fn check_json<T: Serialize + DeserializeOwned + PartialEq + Debug>(x: &T) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(x).map_err(|e| TestCaseError::fail(format!("to JSON: {e}")))?;
    let back: T = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("from JSON {text}: {e}")))?;
    prop_assert_eq!(&back, x, "JSON: {}", text);
    // Serializing again gives the same text.
    prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    let value = serde_json::to_value(x).map_err(|e| TestCaseError::fail(format!("to JSON value: {e}")))?;
    let back: T = serde_json::from_value(value).map_err(|e| TestCaseError::fail(format!("from JSON value: {e}")))?;
    prop_assert_eq!(&back, x);
    Ok(())
}

/// TOML, wrapped as `v = …`.
fn check_toml<T: Serialize + DeserializeOwned + PartialEq + Debug>(x: T) -> Result<(), TestCaseError> {
    let wrapped = Wrap { v: x };
    let text = toml::to_string(&wrapped).map_err(|e| TestCaseError::fail(format!("to TOML: {e}")))?;
    let back: Wrap<T> = toml::from_str(&text).map_err(|e| TestCaseError::fail(format!("from TOML:\n{text}\n{e}")))?;
    prop_assert_eq!(&back, &wrapped, "TOML:\n{}", text);
    Ok(())
}

fn check<T: Serialize + DeserializeOwned + PartialEq + Debug + Clone>(x: &T) -> Result<(), TestCaseError> {
    check_json(x)?;
    check_toml(x.clone())
}

macro_rules! roundtrips {
    ($($name:ident: $strategy:expr;)+) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            $(
                #[test]
                fn $name(x in $strategy) {
                    check(&x)?;
                }
            )+
        }
    };
}

roundtrips! {
    town_id: arbitrary::town_id();
    actor_id: arbitrary::actor_id();
    source_id: arbitrary::source_id();
    archetype_id: arbitrary::archetype_id();
    year: arbitrary::year();
    period: arbitrary::period();
    area: arbitrary::area();
    population: arbitrary::population();
    money: arbitrary::money();
    currency: arbitrary::currency();
    scale: arbitrary::scale();
    dimension: arbitrary::dimension();
    regional_model: any_of(RegionalModel::ALL);
    exchange_rate: arbitrary::exchange_rate();
    place: arbitrary::place();
    name: arbitrary::name();
    source: arbitrary::source();
    observed_area: arbitrary::observed(arbitrary::area());
    observed_population: arbitrary::observed(arbitrary::population());
    observed_money: arbitrary::observed(arbitrary::money());
    observed_model: arbitrary::observed(any_of(RegionalModel::ALL));
    note: arbitrary::note();
    dimension_value: arbitrary::dimension_value();
    profile: arbitrary::profile();
    stage: arbitrary::stage();
    trajectory: arbitrary::trajectory();
    division_code: arbitrary::division_code();
    code_listing: arbitrary::code_listing();
    key_facts: arbitrary::key_facts();
    key_facts_v1: arbitrary::key_facts_v1();
    share: (0.0..=1.0_f64).prop_map(|x| regdev::Share::new(x).unwrap());
    specialisation: arbitrary::specialisation();
    development_zone: arbitrary::development_zone();
    town: arbitrary::town();
    archetype: arbitrary::archetype();
    actor: arbitrary::actor();
    linkage: arbitrary::linkage();
    linkage_graph: arbitrary::linkage_graph(6, 10);
    claim: arbitrary::claim();
    profile_claims: arbitrary::profile_claims();
}

/// Every vocabulary enum, every variant, through both formats.
#[test]
fn every_vocabulary_variant_round_trips() {
    use regdev::IdKind;
    use regdev::*;
    use regdev::{ZoneKind, ZoneLevel};

    fn all<T: Serialize + DeserializeOwned + PartialEq + Debug + Clone>(values: &[T]) {
        for v in values {
            check(v).unwrap();
        }
    }
    all(IdKind::ALL);
    all(SourceKind::ALL);
    all(Currency::ALL);
    all(Scale::ALL);
    all(Dynamics::ALL);
    all(IndustryRelation::ALL);
    all(RiskLevel::ALL);
    all(CompetitionMode::ALL);
    all(GovernmentRole::ALL);
    all(Ownership::ALL);
    all(CapitalOrigin::ALL);
    all(DrivingActor::ALL);
    all(DistrictType::ALL);
    all(MarketOrientation::ALL);
    all(DimensionKind::ALL);
    all(Dimension::ALL);
    all(UpgradingType::ALL);
    all(ValueChainRole::ALL);
    all(AdminLevel::ALL);
    all(Advantage::ALL);
    all(IndustryDivision::ALL);
    all(ZoneLevel::ALL);
    all(ZoneKind::ALL);
    all(RegionalModel::ALL);
    all(ActorKind::ALL);
    all(LinkageKind::ALL);
    all(Indicator::ALL);
    all(Unit::ALL);
    all(ObservationKind::ALL);
    all(Qualifier::ALL);
    all(Valence::ALL);
    all(Rank::ALL);
}

/// The float edge cases, exactly.
#[test]
fn extreme_floats_round_trip_exactly() {
    for v in [0.0, 5e-324, 2.2250738585072014e-308, 0.1, 1.0 / 3.0, 806.5, 927.68, 292e9, 1e300, f64::MAX] {
        let area = Area::new(v).unwrap();
        check(&area).unwrap();
        check(&Money::new(v, regdev::Currency::Cny).unwrap()).unwrap();
        let json: Area = serde_json::from_str(&serde_json::to_string(&area).unwrap()).unwrap();
        assert_eq!(json.km2().to_bits(), v.to_bits(), "{v:e}");
    }
}

#[test]
fn generated_values_are_valid() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
    runner
        .run(&arbitrary::source(), |s| {
            let back: regdev::Source = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
            prop_assert_eq!(back, s);
            Ok(())
        })
        .unwrap();
    runner
        .run(&arbitrary::town(), |t| {
            prop_assert_eq!(t.clone().to_builder().build().unwrap(), t);
            Ok(())
        })
        .unwrap();
}

#[test]
fn population_round_trips_through_json_at_u64_max() {
    check_json(&Population::new(u64::MAX)).unwrap();
    check_json(&Observed::new(Population::new(u64::MAX), util::sid("s"))).unwrap();
}

#[test]
fn population_above_i64_max_is_a_documented_toml_limit() {
    // TOML integers are i64: serializing fails with an error, never a panic,
    // and JSON takes the full u64 range (see `Population`'s docs).
    assert!(check_toml(Population::new(u64::MAX)).is_err());
    assert!(check_toml(Population::new(i64::MAX as u64)).is_ok());
    let json = serde_json::to_string(&Population::new(u64::MAX)).unwrap();
    assert_eq!(serde_json::from_str::<Population>(&json).unwrap(), Population::new(u64::MAX));
}
