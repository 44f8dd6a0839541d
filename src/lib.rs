//! # regdev
//!
//! A typed, citable model of how China's manufacturing towns developed and
//! upgraded, "from Made in China to Innovated in China": the three classic
//! regional development models (Sunan, Pearl River Delta, Wenzhou), towns
//! with sourced key facts, development trajectories, upgrading types, and
//! economic-linkage graphs between governments, firms, universities, parks
//! and places.
//!
//! The crate encodes the talk *From "Made in China" to "Innovated in
//! China": Models of Industrial upgrading of Manufacturing towns* (Miao
//! Qiao, University of Manchester) and the literature it rests on. Every
//! built-in figure, profile value, model label, zone, specialisation,
//! trajectory stage, note, actor and linkage carries a [`Source`] (rated
//! by [`SourceStrength`]) and, where the source gives one, a [`Year`];
//! towns are identified by the NBS statistical code they cite.
//!
//! ## A short tour
//!
//! The three regional models each have a reference profile, an
//! [`Archetype`], whose every dimension cites its source:
//!
//! ```
//! use regdev::{Dimension, RegionalModel};
//!
//! let wenzhou = RegionalModel::Wenzhou.archetype();
//! let district = wenzhou.profile().get(Dimension::DistrictType).ok_or("unset")?;
//! assert_eq!(district.to_string(), "Marshallian");
//! let source = wenzhou.profile_sources().get(&Dimension::DistrictType).ok_or("unsourced")?;
//! assert_eq!(source.as_str(), "qiao-talk");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Towns are built once and validated once; measures reject impossible
//! values up front:
//!
//! ```
//! use regdev::{AdminLevel, Area, Currency, Money, Name, Observed, Population, SourceId, Town, TownId, Year};
//!
//! let talk = SourceId::new("qiao-talk")?;
//! let shunde = Town::builder(TownId::new("shunde")?, Name::new("Shunde")?.with_chinese("顺德区")?, AdminLevel::District)
//!     .province("Guangdong")
//!     .area(Observed::new(Area::new(806.5)?, talk.clone()))
//!     .population(Observed::new(Population::new(2_460_000), talk.clone()))
//!     .gdp(Observed::new(Money::new(254e9, Currency::Cny)?, talk).with_year(Year::new(2013)?))
//!     .build()?;
//! let per_head = shunde.key_facts().derived_gdp_per_capita()?.ok_or("no GDP or population")?;
//! assert_eq!(per_head.amount().round(), 103_252.0); // yuan per person
//! assert!(Area::new(f64::NAN).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The built-in [`Atlas`] holds the talk's two cases. Comparing them
//! reproduces the talk's table; classification ranks the regional models by
//! Gower distance, and explains itself:
//!
//! ```
//! use regdev::{Atlas, Compare, Dimension};
//!
//! let atlas = Atlas::builtin();
//! let (kunshan, shunde) = (atlas.town("kunshan").ok_or("?")?, atlas.town("shunde").ok_or("?")?);
//! let table = kunshan.compare(shunde).talk_rows();
//! let dynamics = table.row(Dimension::Dynamics).ok_or("?")?;
//! assert_eq!(dynamics.right().map(|v| v.to_string()).as_deref(), Some("Bottom-up, PPP"));
//!
//! // Kunshan lies in South Jiangsu, yet profiles closest to the PRD model.
//! let ranking = atlas.classify("kunshan")?;
//! assert_eq!(ranking.best().map(|r| r.name()), Some("Pearl River Delta"));
//!
//! // Rows the talk asserts can be derived from the linkage graphs.
//! for row in atlas.derived_rows("shunde")? {
//!     assert!(row.agrees_with(shunde.profile()));
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Everything serializes with serde as snake_case ids and plain strings, and
//! everything that has an invariant is validated on the way in: a document
//! that deserializes is valid, and [`Atlas::validate_document`] lists every
//! problem in one that is not.
//!
//! ## Construction
//!
//! One style throughout, so that a value that exists is valid:
//!
//! - `new` returns `Result` whenever its arguments can break the type's
//!   rules ([`Source::new`], [`Name::new`], [`Area::new`]); it returns the
//!   value itself only when every argument is already valid ([`Observed::new`]
//!   over a checked value and [`SourceId`]).
//! - Values take `with_*` setters ([`Source::with_year`],
//!   [`Observation::with_period`], [`Linkage::with_since`]). A setter whose
//!   argument can be invalid checks it at once and returns `Result<Self>`
//!   ([`Source::with_authors`], [`Name::with_chinese`], [`Actor::with_place`]);
//!   every other setter returns `Self`.
//! - Builders ([`Town::builder`], [`Atlas::builder`], [`LinkageGraph::builder`],
//!   [`Archetype::builder`]) and option sets ([`VerdictRule`], `SynthConfig`)
//!   name their setters after the field, check each argument as
//!   above, and check the rules between fields at `build()` (builders) or
//!   at once (option sets).
//! - Deserialization runs the same checks: a document that deserializes is
//!   as valid as one built in code.
//!
//! ## The guide
//!
//! [`guide`] teaches the domain and the methods behind the API, chapter by
//! chapter, each claim with its reference: the three regional models, the
//! talk's Kunshan–Shunde table, upgrading, linkage scales, Gower distance
//! and classification, and QCA.
//!
//! ## Types at the root, namespaces for vocabularies
//!
//! Every type, trait and function of the core is reached by one path, at
//! the crate root (`regdev::Atlas`, `regdev::Gower`, `regdev::Degree`); the
//! modules that implement them are private. By topic:
//!
//! | topic | items |
//! |---|---|
//! | the atlas | [`Atlas`] ([`Atlas::builtin`]), [`AtlasBuilder`], [`AtlasDocument`], [`Duplicates`], [`Query`], [`DerivedRow`], [`FORMAT_VERSION`] |
//! | towns | [`Town`], [`TownBuilder`], [`Name`], [`AdminLevel`], [`KeyFacts`], [`DivisionCode`], [`CodeListing`], [`Specialisation`], [`IndustryDivision`], [`DevelopmentZone`], [`Advantage`], [`Note`] |
//! | measures and observations | [`Area`], [`Population`], [`Money`], [`Share`], [`Currency`], [`Year`], [`Period`], [`ExchangeRate`]; [`Observation`], [`Indicator`], [`Unit`], [`Qualifier`], [`ObservationKind`], [`Selection`] |
//! | provenance and ids | [`Source`], [`SourceKind`], [`SourceStrength`], [`Observed`]; [`TownId`], [`ActorId`], [`SourceId`], [`ArchetypeId`], [`IdKind`] |
//! | models and profiles | [`RegionalModel`], [`Archetype`], [`Dimension`], [`DimensionValue`], [`Profile`], [`ProfileClaims`], [`Claim`], [`Rank`] and the value types ([`Dynamics`], [`Ownership`], [`DistrictType`], …) |
//! | upgrading | [`UpgradingType`], [`ValueChainRole`], [`Stage`], [`Trajectory`] |
//! | linkage graphs | [`LinkageGraph`], [`Actor`], [`Linkage`], their kinds, [`Degree`], [`Orientation`], [`Normalization`], [`Centrality`], [`Grouping`], [`Brokerage`], [`EiIndex`] |
//! | comparison | [`Compare`], [`Comparison`], [`ProfileMetric`], [`Gower`], [`SimpleMatching`], [`Distance`], [`classify`], [`Classification`], [`Verdict`], [`VerdictRule`] |
//! | errors | [`Error`], [`ErrorKind`], [`Result`] |
//!
//! The public modules are namespaces, each for a reason its documentation
//! gives: a vocabulary of its own whose names read best qualified, or an
//! optional part behind a cargo feature.
//!
//! | module | what it holds |
//! |---|---|
//! | [`guide`] | the guide: chapters on the models, the cases, upgrading, linkages, classification and QCA, with references (docs only) |
//! | [`audit`] | the audit's findings on valid but suspicious data ([`Atlas::audit`]) |
//! | [`cases`] | the built-in data and its sources |
//! | [`graphml`] | GraphML export of linkage graphs (networkx, igraph, Gephi) |
//! | [`import`] | linkage graphs from GraphML or CSV edge lists |
//! | `gazetteer` | the NBS statistical division codes to township level, 2015–2023 releases (feature `gazetteer`, default) |
//! | `qca` | qualitative comparative analysis as R's `QCA` package (feature `qca`) |
//! | `figure` | SVG figures and the HTML report (feature `figures`) |
//! | `tables` | tidy Parquet tables for DuckDB, Polars and Spark: export and load back (feature `parquet`) |
//! | `synth` | synthetic atlases for tests and benchmarks (feature `synth`) |
//! | `arbitrary` | proptest strategies for every type (feature `proptest`) |
//!
//! ## Scope
//!
//! `regdev` models published case knowledge; it is not a statistical
//! database. It holds the figures its sources state, as they state them,
//! and says so where sources disagree.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

mod macros;

#[cfg(feature = "proptest")]
pub mod arbitrary;
mod atlas;
pub mod audit;
pub mod cases;
mod compare;
mod derive;
mod dimension;
mod error;
#[cfg(feature = "figures")]
pub mod figure;
#[cfg(feature = "gazetteer")]
pub mod gazetteer;
pub mod guide;
mod id;
mod linkage;
mod measure;
mod model;
mod observation;
mod progress;
#[cfg(feature = "qca")]
pub mod qca;
mod query;
mod source;
#[cfg(feature = "synth")]
pub mod synth;
#[cfg(feature = "parquet")]
pub mod tables;
mod town;
#[cfg(feature = "csv")]
mod towns_csv;
mod upgrading;

pub use crate::atlas::{Atlas, AtlasBuilder, AtlasDocument, Duplicates, FORMAT_VERSION, MIN_FORMAT_VERSION};
pub use crate::compare::{
    Classification, Compare, Comparison, ComparisonRow, Contribution, Contributions, Distance, DistanceMatrix, Feature,
    FittedGower, Gower, KeyFact, ProfileMetric, Ranked, SimpleMatching, Uncompared, Verdict, VerdictRule, classify,
    classify_all, dissimilarity,
};
pub use crate::derive::DerivedRow;
pub use crate::dimension::{
    CapitalOrigin, Claim, CompetitionMode, Dimension, DimensionKind, DimensionValue, Disagreement, DistrictType,
    DrivingActor, Dynamics, GovernmentRole, IndustryRelation, MarketOrientation, Ownership, Place, Profile,
    ProfileClaims, ProfileSources, Rank, RiskLevel, Scale, ValueRef,
};
pub use crate::error::{Error, ErrorKind, MAX_QUOTED_CHARS, Result};
pub use crate::id::{ActorId, ArchetypeId, IdKind, MAX_ID_LEN, SourceId, TownId};
pub use crate::linkage::{
    Actor, ActorKind, Brokerage, BrokerageRoles, Centrality, Degree, EiIndex, Grouping, Linkage, LinkageFilter,
    LinkageGraph, LinkageGraphBuilder, LinkageKind, Normalization, Orientation, PathCentralities, ScaleProfile,
    Valence,
};
pub use crate::linkage::{graphml, import};
pub use crate::measure::{Area, Currency, ExchangeRate, Money, Period, Population, Share, Year};
pub use crate::model::{Archetype, ArchetypeBuilder, RegionalModel};
pub use crate::observation::{Indicator, Observation, ObservationKind, Qualifier, Quantity, Selection, Unit};
pub use crate::progress::{MAX_UPDATES, Progress};
pub use crate::query::Query;
pub use crate::source::{Observed, Source, SourceKind, SourceStrength};
pub use crate::town::{
    AdminLevel, Advantage, CodeListing, DevelopmentZone, DivisionCode, IndustryDivision, KeyFacts, Name, Note,
    Specialisation, Town, TownBuilder, ZoneKind, ZoneLevel,
};
#[cfg(feature = "csv")]
pub use crate::towns_csv::CsvColumns;
pub use crate::upgrading::{Stage, Trajectory, UpgradingType, ValueChainRole};

/// The README's code sample, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
