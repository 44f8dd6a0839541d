//! The guide: what the crate models, where each idea comes from, and how
//! to use it.
//!
//! This module holds no code. Each submodule is a chapter, written in
//! Markdown next to this file and shipped with the crate, so the guide is
//! versioned with the API it describes; every code example in it runs as a
//! doctest. Each claim carries a full reference; works the built-in atlas
//! cites are marked with their atlas source id, which
//! [`Atlas::source`](crate::Atlas::source) resolves.
//!
//! # Contents
//!
//! 1. [The three regional development models](models): [the trio](models#the-trio),
//!    [Sunan](models#sunan-south-jiangsu),
//!    [Pearl River Delta](models#pearl-river-delta), [Wenzhou](models#wenzhou),
//!    [the archetypes in the crate](models#the-archetypes-in-the-crate).
//! 2. [Kunshan and Shunde](kunshan_shunde): [the cases](kunshan_shunde#the-cases),
//!    [key facts as the talk states them](kunshan_shunde#key-facts-as-the-talk-states-them),
//!    [the comparison table](kunshan_shunde#the-comparison-table),
//!    [rows derived from the linkage graphs](kunshan_shunde#rows-derived-from-the-linkage-graphs).
//! 3. [Industrial upgrading](upgrading): [four types of upgrading](upgrading#four-types-of-upgrading),
//!    [OEM, ODM, OBM](upgrading#oem-odm-obm), [trajectories](upgrading#trajectories).
//! 4. [Economic linkages](linkages): [scales](linkages#scales),
//!    [the talk's stories as graphs](linkages#the-talks-stories-as-graphs),
//!    [the linkage row, computed](linkages#the-linkage-row-computed),
//!    [brokerage and the E–I index](linkages#brokerage-and-the-ei-index).
//! 5. [Comparison and classification](classification): [profiles](classification#profiles),
//!    [Gower's distance](classification#gowers-distance), [coverage](classification#coverage),
//!    [verdicts](classification#verdicts), [Kunshan, classified](classification#kunshan-classified).
//! 6. [Qualitative comparative analysis](qca): [the method](qca#the-method),
//!    [in the crate](qca#in-the-crate), [on the atlas](qca#on-the-atlas).
//! 7. [References](references): the works cited, how the references were
//!    checked, and [the atlas's own sources](references#the-atlass-own-sources).
//!
//! # A first example
//!
//! ```
//! use regdev::{Atlas, RegionalModel};
//!
//! let atlas = Atlas::builtin();
//! // The talk's one-line summary of a model, and the sources behind its archetype.
//! println!("{}", RegionalModel::PearlRiverDelta.talk_summary());
//! for source in RegionalModel::PearlRiverDelta.archetype().profile_sources().values() {
//!     let reference = atlas.source(source.as_str()).ok_or("unknown source")?;
//!     assert!(reference.to_string().contains("Exo-urbanisation in the Pearl River Delta"));
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[doc = include_str!("models.md")]
pub mod models {}

#[doc = include_str!("kunshan_shunde.md")]
pub mod kunshan_shunde {}

#[doc = include_str!("upgrading.md")]
pub mod upgrading {}

#[doc = include_str!("linkages.md")]
pub mod linkages {}

#[doc = include_str!("classification.md")]
pub mod classification {}

#[doc = include_str!("qca.md")]
pub mod qca {}

#[doc = include_str!("references.md")]
pub mod references {}
