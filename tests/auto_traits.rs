//! Every public type is `Send`, `Sync`, `Unpin`, `UnwindSafe` and
//! `RefUnwindSafe`: values cross threads (rayon, servers), live in pinned
//! futures and survive `catch_unwind`. Losing one of these is a breaking
//! change, so it is caught here rather than by a user.
//!
//! A second test reads the crate's sources and fails when a public struct
//! or enum is missing from the list, so a new type cannot skip the check.
//! Needs every optional module, hence every feature.

#![cfg(all(
    feature = "csv",
    feature = "figures",
    feature = "gazetteer",
    feature = "proptest",
    feature = "qca",
    feature = "synth"
))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::panic::{RefUnwindSafe, UnwindSafe};

fn assert_auto_traits<T: Send + Sync + Unpin + UnwindSafe + RefUnwindSafe>() {}

macro_rules! public_types {
    ($($t:ty),* $(,)?) => {
        /// The checked types, as written.
        const CHECKED: &[&str] = &[$(stringify!($t)),*];

        #[test]
        fn every_public_type_is_send_sync_unpin_and_unwind_safe() {
            $(assert_auto_traits::<$t>();)*
        }
    };
}

public_types![
    // atlas, audit, query, errors
    regdev::Atlas,
    regdev::AtlasBuilder,
    regdev::AtlasDocument,
    regdev::Duplicates,
    regdev::CsvColumns,
    regdev::Query,
    regdev::Error,
    regdev::ErrorKind,
    regdev::audit::AuditOptions,
    regdev::audit::Finding,
    regdev::audit::FindingKind,
    regdev::audit::Severity,
    regdev::audit::Subject<'static>,
    // ids and provenance
    regdev::TownId,
    regdev::ActorId,
    regdev::SourceId,
    regdev::ArchetypeId,
    regdev::IdKind,
    regdev::Source,
    regdev::SourceKind,
    regdev::SourceStrength,
    regdev::Observed<regdev::Money>,
    // measures and observations
    regdev::Area,
    regdev::Population,
    regdev::Money,
    regdev::Share,
    regdev::Currency,
    regdev::Year,
    regdev::Period,
    regdev::ExchangeRate,
    regdev::Observation,
    regdev::Indicator,
    regdev::Unit,
    regdev::Qualifier,
    regdev::ObservationKind,
    regdev::Quantity,
    regdev::Selection,
    // models and dimensions
    regdev::RegionalModel,
    regdev::Archetype,
    regdev::ArchetypeBuilder,
    regdev::Dimension,
    regdev::DimensionKind,
    regdev::DimensionValue,
    regdev::ValueRef<'static>,
    regdev::Profile,
    regdev::Scale,
    regdev::Place,
    regdev::CapitalOrigin,
    regdev::CompetitionMode,
    regdev::DistrictType,
    regdev::DrivingActor,
    regdev::Dynamics,
    regdev::GovernmentRole,
    regdev::IndustryRelation,
    regdev::MarketOrientation,
    regdev::Ownership,
    regdev::RiskLevel,
    regdev::DerivedRow,
    regdev::Claim<regdev::DimensionValue>,
    regdev::Disagreement,
    regdev::ProfileClaims,
    regdev::Rank,
    // upgrading
    regdev::UpgradingType,
    regdev::ValueChainRole,
    regdev::Stage,
    regdev::Trajectory,
    // towns
    regdev::Town,
    regdev::TownBuilder,
    regdev::Name,
    regdev::AdminLevel,
    regdev::Advantage,
    regdev::CodeListing,
    regdev::DivisionCode,
    regdev::DevelopmentZone,
    regdev::ZoneKind,
    regdev::ZoneLevel,
    regdev::IndustryDivision,
    regdev::KeyFacts,
    regdev::Specialisation,
    // linkage
    regdev::Actor,
    regdev::ActorKind,
    regdev::Linkage,
    regdev::LinkageKind,
    regdev::LinkageGraph,
    regdev::LinkageGraphBuilder,
    regdev::Valence,
    regdev::Centrality,
    regdev::Degree,
    regdev::LinkageFilter,
    regdev::Normalization,
    regdev::Orientation,
    regdev::PathCentralities,
    regdev::ScaleProfile,
    regdev::Brokerage,
    regdev::BrokerageRoles,
    regdev::EiIndex,
    regdev::Grouping,
    regdev::import::ImportOptions,
    regdev::import::Imported,
    // comparison
    regdev::Comparison,
    regdev::ComparisonRow,
    regdev::Classification<'static>,
    regdev::Ranked<'static>,
    regdev::Verdict,
    regdev::VerdictRule,
    regdev::DistanceMatrix,
    regdev::FittedGower<'static>,
    regdev::Gower,
    regdev::Contribution,
    regdev::Contributions<'static>,
    regdev::Uncompared<'static>,
    regdev::Distance,
    regdev::Feature,
    regdev::KeyFact,
    regdev::SimpleMatching,
    // gazetteer
    regdev::gazetteer::Gazetteer,
    regdev::gazetteer::Division<'static>,
    regdev::gazetteer::Level,
    regdev::gazetteer::Listing<'static>,
    // figures
    regdev::figure::GraphFigure<'static>,
    regdev::figure::ComparisonFigure,
    regdev::figure::DistanceFigure,
    regdev::figure::Report<'static>,
    regdev::figure::Options,
    regdev::figure::Colour,
    // qca
    regdev::qca::AtlasCondition,
    regdev::qca::KeyFact,
    regdev::qca::MissingFromAtlas,
    regdev::qca::Calibration,
    regdev::qca::Dataset,
    regdev::qca::QcaError,
    regdev::qca::Fit,
    regdev::qca::Necessity,
    regdev::qca::DirectionalExpectations,
    regdev::qca::Minimization,
    regdev::qca::MinimizeOptions,
    regdev::qca::Solution,
    regdev::qca::SolutionKind,
    regdev::qca::Term,
    regdev::qca::ConditionKind,
    regdev::qca::Output,
    regdev::qca::TruthTable,
    regdev::qca::TruthTableOptions,
    regdev::qca::TruthTableRow,
    // synth
    regdev::synth::SynthConfig,
    regdev::synth::SynthSummary,
];

/// The last path segment of a type as `stringify!` writes it, without
/// generic arguments: `regdev :: Observed < regdev :: Money >` → `Observed`.
fn type_name(written: &str) -> String {
    let head = written.split('<').next().unwrap_or(written);
    head.rsplit("::").next().unwrap_or(head).trim().to_owned()
}

/// Public struct and enum names declared in `src` (not the CLI in
/// `src/bin`), including those declared through the crate's macros
/// (`pub enum X as "..."`, `slug_id! { XId, ... }`) and derives
/// (`#[strum_discriminants(name(XKind))]`).
fn declared_types() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "bin") {
                    dirs.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines().map(str::trim_start) {
                let rest = line.strip_prefix("pub struct ").or_else(|| line.strip_prefix("pub enum "));
                if let Some(rest) = rest {
                    let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() {
                        out.insert(name);
                    }
                } else if let Some(name) = line.strip_prefix("name(").and_then(|l| l.strip_suffix("),")) {
                    // `#[strum_discriminants(name(ErrorKind), ...)]`.
                    out.insert(name.to_owned());
                } else if let Some((id, _)) = line.split_once(", IdKind::") {
                    // `slug_id!` arguments: `TownId, IdKind::Town, "kunshan"`.
                    if id.chars().all(char::is_alphanumeric) {
                        out.insert(id.to_owned());
                    }
                }
            }
        }
    }
    out
}

#[test]
fn the_list_names_every_public_type() {
    let checked: BTreeSet<String> = CHECKED.iter().map(|t| type_name(t)).collect();
    let declared = declared_types();
    let missing: Vec<&String> = declared.difference(&checked).collect();
    assert!(missing.is_empty(), "public types not checked for auto traits: {missing:?}");
    let stale: Vec<&String> = checked.difference(&declared).collect();
    assert!(stale.is_empty(), "checked types no longer declared: {stale:?}");
}
