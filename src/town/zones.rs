//! Development zones: [`DevelopmentZone`], [`ZoneLevel`], [`ZoneKind`].

use serde::{Deserialize, Serialize};

use super::Name;
use crate::macros::vocabulary;
use crate::{SourceId, Year};

vocabulary! {
    /// Who approved a development zone.
    ///
    /// # Ordering
    ///
    /// `Provincial < Ministerial < National`.
    ///
    /// # Source
    ///
    /// State Council approvals of Kunshan's national zones: ourjiangsu.com 2022
    /// (atlas source `ourjiangsu-2022`), gov.cn 2010
    /// (`gov-cn-2010-kunshan-hitech`), 56885.net 2010 (`kunshan-bonded-2010`);
    /// a provincial zone: finance.ce.cn 2013 (`ce-cn-2013-cross-strait`, the
    /// Huaqiao Economic Development Zone).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::ZoneLevel;
    /// assert!(ZoneLevel::Provincial < ZoneLevel::National);
    /// assert!(ZoneLevel::Ministerial < ZoneLevel::National);
    /// ```
    pub enum ZoneLevel as "zone level" {
        /// Approved by a province.
        Provincial = ("provincial", "Provincial"),
        /// Designated by a national ministry (MIIT's Sino-German SME
        /// cooperation zones, for example): a national programme, but not a
        /// national development zone approved by the State Council.
        Ministerial = ("ministerial", "Ministry designation"),
        /// A national development zone approved by the State Council
        /// (economic and technological, hi-tech, comprehensive bonded).
        National = ("national", "National"),
    }
}

vocabulary! {
    /// The kind of a development zone.
    ///
    /// `#[non_exhaustive]`: China keeps inventing zone types.
    ///
    /// # Source
    ///
    /// OpenStreetMap's `place:CN` zone tags NETDZ and CNHTIDZ
    /// (<https://wiki.openstreetmap.org/wiki/Key:place:CN>) and the zone
    /// sources of the built-in atlas (`ourjiangsu-2022`,
    /// `gov-cn-2010-kunshan-hitech`, `kunshan-bonded-2010`,
    /// `ce-cn-2013-cross-strait`).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::ZoneKind;
    /// assert_eq!(ZoneKind::HighTech.to_string(), "Hi-tech industrial development zone");
    /// ```
    #[non_exhaustive]
    pub enum ZoneKind as "zone kind" {
        /// Economic and technological development zone (经济技术开发区).
        EconomicTechnological = ("economic_technological", "Economic and technological development zone"),
        /// Hi-tech industrial development zone (高新技术产业开发区).
        HighTech = ("high_tech", "Hi-tech industrial development zone"),
        /// Comprehensive bonded zone (综合保税区).
        ComprehensiveBonded = ("comprehensive_bonded", "Comprehensive bonded zone"),
        /// Export processing zone (出口加工区).
        ExportProcessing = ("export_processing", "Export processing zone"),
        /// An industrial park for firms of one foreign country.
        ForeignIndustrialPark = ("foreign_industrial_park", "Foreign industrial park"),
        /// Any other zone.
        Other = ("other", "Other zone"),
    }
}

/// A development zone in a town, with its level, kind, approval year where
/// a source gives one, and source.
///
/// # Source
///
/// The talk: "10 towns in Kunshan (including 3 national EDZs)" (atlas
/// source `qiao-talk`); each built-in zone cites the source of its approval
/// year.
///
/// # Example
///
/// ```
/// use regdev::{DevelopmentZone, Name, SourceId, Year, ZoneKind, ZoneLevel};
/// let ketdz = DevelopmentZone::new(
///     Name::new("Kunshan Economic and Technological Development Zone")?,
///     ZoneLevel::National,
///     ZoneKind::EconomicTechnological,
///     SourceId::new("ourjiangsu-2022")?,
/// ).with_approval_year(Year::new(1992)?);
/// assert_eq!(ketdz.approved().map(|y| y.get()), Some(1992));
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct DevelopmentZone {
    name: Name,
    level: ZoneLevel,
    kind: ZoneKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    approved: Option<Year>,
    source: SourceId,
}

impl DevelopmentZone {
    /// A zone; add the approval year with [`DevelopmentZone::with_approval_year`].
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::Provincial, ZoneKind::Other, SourceId::new("s")?);
    /// assert_eq!(z.approved(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn new(name: Name, level: ZoneLevel, kind: ZoneKind, source: SourceId) -> DevelopmentZone {
        DevelopmentZone { name, level, kind, approved: None, source }
    }

    /// Sets the year of approval at the zone's level.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, Year, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?).with_approval_year(Year::new(2010)?);
    /// assert_eq!(z.approved(), Some(Year::new(2010)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_approval_year(mut self, year: Year) -> DevelopmentZone {
        self.approved = Some(year);
        self
    }

    /// The name.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?);
    /// assert_eq!(z.name().english(), "Z");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &Name {
        &self.name
    }

    /// The approving level.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?);
    /// assert_eq!(z.level(), ZoneLevel::National);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn level(&self) -> ZoneLevel {
        self.level
    }

    /// The kind.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?);
    /// assert_eq!(z.kind(), ZoneKind::HighTech);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> ZoneKind {
        self.kind
    }

    /// The approval year, if a source gives it.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?);
    /// assert_eq!(z.approved(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn approved(&self) -> Option<Year> {
        self.approved
    }

    /// The source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?);
    /// assert_eq!(z.source().as_str(), "s");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &SourceId {
        &self.source
    }
}
