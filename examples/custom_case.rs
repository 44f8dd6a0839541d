//! Encode a case of your own, save it, load it back and classify it.
//!
//! The town here is fictional: a Wenzhou-style specialised town of
//! household firms, as a researcher might encode from their own fieldwork.
//! Its "source" is that (fictional) fieldwork, cited like any other.
//!
//! Run with `cargo run --example custom_case`.

use std::collections::BTreeSet;
use std::process::ExitCode;

use regdev::{
    AdminLevel, Area, Atlas, Currency, DimensionValue, IndustryDivision, Money, Name, Observed, Population,
    RegionalModel, Scale, Source, SourceId, SourceKind, Specialisation, Town, TownId, Year,
};
use regdev::{CapitalOrigin, DistrictType, DrivingActor, Dynamics, MarketOrientation, Ownership};

fn run() -> Result<(), regdev::Error> {
    let fieldwork = SourceId::new("my-fieldwork-2026")?;
    let year = Year::new(2025)?;
    let town = Town::builder(TownId::new("buttonville")?, Name::new("Buttonville")?, AdminLevel::Town)
        .province("Zhejiang")
        .area(Observed::new(Area::new(42.0)?, fieldwork.clone()).with_year(year))
        .population(Observed::new(Population::new(85_000), fieldwork.clone()).with_year(year))
        .gdp(Observed::new(Money::new(6.8e9, Currency::Cny)?, fieldwork.clone()).with_year(year))
        .specialisation(Specialisation::new(IndustryDivision::C18, "buttons and zips for garments", fieldwork.clone())?)
        .dimension(DimensionValue::Dynamics(Dynamics::BottomUpPrivate), fieldwork.clone())
        .dimension(DimensionValue::EconomicLinkages([Scale::Local, Scale::National].into()), fieldwork.clone())
        .dimension(DimensionValue::Ownership(Ownership::PrivateHousehold), fieldwork.clone())
        .dimension(DimensionValue::CapitalOrigin(CapitalOrigin::EndogenousPrivate), fieldwork.clone())
        .dimension(DimensionValue::DrivingActor(DrivingActor::HouseholdEntrepreneurs), fieldwork.clone())
        .dimension(DimensionValue::DistrictType(DistrictType::Marshallian), fieldwork.clone())
        .dimension(DimensionValue::MarketOrientation(MarketOrientation::Domestic), fieldwork.clone())
        .build()?;

    // An atlas of your own: your case, its source, and the three built-in
    // archetypes with the sources they cite (each source once).
    let builtin = Atlas::builtin();
    let archetypes: Vec<_> = RegionalModel::ALL.iter().map(|m| m.archetype()).collect();
    let cited: BTreeSet<&str> =
        archetypes.iter().flat_map(|a| a.profile_sources().values().map(SourceId::as_str)).collect();
    let mut builder = Atlas::builder()
        .source(
            Source::new(fieldwork, SourceKind::Dataset, "Fieldwork notes on Buttonville")?
                .with_authors(["A. Researcher"])?
                .with_year(Year::new(2026)?)
                .with_note("fictional example data")?,
        )
        .town(town);
    for id in cited {
        if let Some(source) = builtin.source(id) {
            builder = builder.source(source.clone());
        }
    }
    for archetype in archetypes {
        builder = builder.archetype(archetype);
    }
    let atlas = builder.build()?;

    let json = atlas.to_json_pretty()?;
    println!("Serialized atlas: {} bytes of JSON", json.len());
    let loaded = Atlas::from_json_str(&json)?;
    if loaded != atlas {
        return Err(regdev::Error::Internal { what: "the JSON round trip lost data" });
    }
    println!(
        "Loaded it back: {} town, {} archetypes, {} sources\n",
        loaded.towns().len(),
        loaded.archetypes().len(),
        loaded.sources().len()
    );

    println!("{}", loaded.classify("buttonville")?);
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
