//! Towns: [`Town`] and what describes one — its [`Name`], [`AdminLevel`],
//! statistical [`DivisionCode`], [`KeyFacts`], [`Specialisation`]s,
//! [`DevelopmentZone`]s, [`Advantage`]s, [`Profile`](crate::Profile) and [`Trajectory`](crate::Trajectory).
//!
//! "Town" is used loosely, as the talk does: any place whose development is
//! studied, from a county-level city (Kunshan) or district (Shunde) down to
//! its towns (镇), subdistricts (街道) and development zones.
//!
//! # Example
//!
//! ```
//! use regdev::{AdminLevel, Area, Name, Observed, SourceId, Town, TownId};
//!
//! let talk = SourceId::new("qiao-talk")?;
//! let town = Town::builder(TownId::new("kunshan")?, Name::new("Kunshan")?.with_chinese("昆山市")?, AdminLevel::CountyLevelCity)
//!     .province("Jiangsu")
//!     .area(Observed::new(Area::new(927.68)?, talk))
//!     .build()?;
//! assert_eq!(town.name().chinese(), Some("昆山市"));
//! # Ok::<(), regdev::Error>(())
//! ```
//!
//! # Layout
//!
//! One small file per concept: `name` ([`Name`]), `level` ([`AdminLevel`]),
//! `codes` ([`DivisionCode`], [`CodeListing`]), `facts` ([`KeyFacts`]),
//! `advantage` ([`Advantage`]), `industry` ([`IndustryDivision`]),
//! `specialisation` ([`Specialisation`]), `zones` ([`DevelopmentZone`]),
//! `label` (the model label's claims and their JSON forms),
//! `record` ([`Town`]) and `builder` ([`TownBuilder`]). Every type is
//! re-exported here and at the crate root.

use crate::Observed;

mod advantage;
mod builder;
mod claims;
mod codes;
mod facts;
mod industry;
mod label;
mod level;
mod name;
mod record;
mod specialisation;
mod zones;

pub use advantage::Advantage;
pub use builder::TownBuilder;
pub use codes::{CodeListing, DivisionCode};
pub use facts::KeyFacts;
pub use industry::IndustryDivision;
pub use level::AdminLevel;
pub use name::Name;
pub use record::Town;
pub use specialisation::Specialisation;
pub use zones::{DevelopmentZone, ZoneKind, ZoneLevel};

/// A sourced note on a town: a conflict between sources, a caveat.
///
/// # Example
///
/// ```
/// use regdev::{Observed, SourceId};
/// let note: regdev::Note = Observed::new("another source gives 931 km²".to_owned(), SourceId::new("s")?);
/// assert!(note.value().contains("931"));
/// # Ok::<(), regdev::Error>(())
/// ```
pub type Note = Observed<String>;

pub(crate) use crate::dimension::ProfileSources;
