//! Comparison, distance and classification.
//!
//! - [`Compare`] is the trait other programs implement or call: anything
//!   with a [`Profile`] can be compared with anything else that has one,
//!   giving a [`Comparison`]: one row per [`Dimension`], printable as an
//!   aligned text table or Markdown. The talk's Kunshan–Shunde table is
//!   `kunshan.compare(shunde).talk_rows()`.
//! - [`Gower`] computes Gower's (1971) distance between profiles, and
//!   between towns with their key facts as numeric features scaled by their
//!   range in an atlas. Every [`Distance`] can explain itself.
//! - [`classify`] ranks archetypes by distance to a profile.
//!
//! # Gower's distance
//!
//! For two items with features `i` and weights `wᵢ ≥ 0`,
//! `d = Σ wᵢ·dᵢ / Σ wᵢ` over the features *both* items have (missing
//! features are skipped and the weights renormalised), where
//! - nominal dimensions: `dᵢ = 0` if equal, else `1`;
//! - ordinal dimensions: `dᵢ = |rank_a − rank_b| / (levels − 1)`;
//! - set dimensions: the Jaccard distance `1 − |A ∩ B| / |A ∪ B|` (two empty
//!   sets: 0);
//! - numeric key facts: `|x_a − x_b| / range`, the range being max − min of
//!   that fact over the atlas's towns (0 when the range is 0).
//!
//! `d` is symmetric, lies in `[0, 1]` and is 0 for identical items. It is
//! `None` when the items share no feature. With missing features the
//! triangle inequality does not hold in general.
//!
//! # What the built-in data shows
//!
//! Kunshan lies in South Jiangsu, the home of the Sunan model, yet on the
//! dimensions its sources give it profiles closer to the Pearl River Delta
//! archetype (distance 0.40) than to Sunan (0.60) or Wenzhou (0.83): it
//! shares the PRD's foreign-invested ownership, FDI capital and export
//! orientation, and Sunan's government-led dynamics and local-government
//! driver, but not Sunan's collective ownership, regional (Shanghai)
//! linkage scope or owner-government. This is Wei's (2010) "remaking of
//! the Sunan model" through globalisation, seen in the data. Shunde is far
//! from all three (0.90 Sunan, 1.00 PRD, 1.00 Wenzhou): its bottom-up PPP
//! dynamics and private (not household) firms match none of the ideal
//! types, which is why the talk treats it as a model of its own.
//!
//! # Example
//!
//! ```
//! use regdev::{Atlas, Compare};
//!
//! let atlas = Atlas::builtin();
//! let (kunshan, shunde) = (atlas.town("kunshan").ok_or("?")?, atlas.town("shunde").ok_or("?")?);
//! let table = kunshan.compare(shunde).talk_rows();
//! assert_eq!(table.rows().len(), 7);
//! println!("{table}");
//! let ranking = atlas.classify("kunshan")?;
//! assert_eq!(ranking.best().map(|r| r.archetype().as_str()), Some("pearl-river-delta"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::macros::vocabulary;
use crate::{
    Archetype, ArchetypeId, Atlas, Currency, Dimension, DimensionKind, DimensionValue, Error, Money, Place, Profile,
    Town,
};

/// Anything with a [`Profile`] that can be compared: towns, archetypes,
/// bare profiles, or a type of your own.
///
/// Implement [`Compare::label`] and [`Compare::profile`]; the comparison
/// and distance methods come for free.
///
/// # Source
///
/// `DESIGN.md` ("Compare is the trait other programs implement or call").
///
/// # Example
///
/// ```
/// use regdev::{Compare, Profile};
/// use regdev::dimension::Dynamics;
///
/// struct MyCase { profile: Profile }
/// impl Compare for MyCase {
///     fn label(&self) -> String { "My case".to_owned() }
///     fn profile(&self) -> &Profile { &self.profile }
/// }
///
/// let mut p = Profile::default();
/// p.dynamics = Some(Dynamics::GovernmentLed);
/// let mine = MyCase { profile: p };
/// let sunan = regdev::RegionalModel::Sunan.archetype();
/// let row = mine.compare(&sunan).rows().iter().find(|r| r.dimension() == regdev::Dimension::Dynamics).cloned();
/// assert!(row.ok_or("no row")?.agrees());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Compare {
    /// The column heading in comparison tables.
    fn label(&self) -> String;

    /// The profile to compare.
    fn profile(&self) -> &Profile;

    /// A row-by-row comparison with `other`, one row per [`Dimension`] in
    /// its order.
    fn compare(&self, other: &dyn Compare) -> Comparison {
        let (a, b) = (self.profile(), other.profile());
        Comparison {
            left: self.label(),
            right: other.label(),
            rows: Dimension::ALL
                .iter()
                .map(|&d| ComparisonRow { dimension: d, left: a.get(d), right: b.get(d) })
                .collect(),
        }
    }

    /// Gower's distance to `other` on profile dimensions, with equal
    /// weights; `None` if they share no dimension.
    fn distance(&self, other: &dyn Compare) -> Option<Distance> {
        Gower::new().profiles(self.profile(), other.profile())
    }
}

impl Compare for Town {
    fn label(&self) -> String {
        self.name().english().to_owned()
    }
    fn profile(&self) -> &Profile {
        Town::profile(self)
    }
}

impl Compare for Archetype {
    fn label(&self) -> String {
        self.name().to_owned()
    }
    fn profile(&self) -> &Profile {
        Archetype::profile(self)
    }
}

impl Compare for Profile {
    fn label(&self) -> String {
        "Profile".to_owned()
    }
    fn profile(&self) -> &Profile {
        self
    }
}

impl<T: Compare + ?Sized> Compare for &T {
    fn label(&self) -> String {
        (**self).label()
    }
    fn profile(&self) -> &Profile {
        (**self).profile()
    }
}

/// One row of a [`Comparison`]: a dimension and both sides' values.
///
/// # Example
///
/// ```
/// use regdev::{Compare, Dimension};
/// let atlas = regdev::Atlas::builtin();
/// let c = atlas.town("kunshan").ok_or("?")?.compare(atlas.town("shunde").ok_or("?")?);
/// let risk = c.row(Dimension::RiskLevel).ok_or("no row")?;
/// assert_eq!(risk.left().map(|v| v.to_string()).as_deref(), Some("High: speculative"));
/// assert!(!risk.agrees());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct ComparisonRow {
    dimension: Dimension,
    left: Option<DimensionValue>,
    right: Option<DimensionValue>,
}

impl ComparisonRow {
    /// The dimension.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Dimension, Profile};
    /// let c = Profile::default().compare(&Profile::default());
    /// assert_eq!(c.rows()[0].dimension(), Dimension::Dynamics);
    /// ```
    #[must_use]
    pub fn dimension(&self) -> Dimension {
        self.dimension
    }

    /// The left side's value.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Profile};
    /// assert!(Profile::default().compare(&Profile::default()).rows()[0].left().is_none());
    /// ```
    #[must_use]
    pub fn left(&self) -> Option<&DimensionValue> {
        self.left.as_ref()
    }

    /// The right side's value.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Profile};
    /// assert!(Profile::default().compare(&Profile::default()).rows()[0].right().is_none());
    /// ```
    #[must_use]
    pub fn right(&self) -> Option<&DimensionValue> {
        self.right.as_ref()
    }

    /// Whether both sides have a value and the values are equal.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Profile};
    /// assert!(!Profile::default().compare(&Profile::default()).rows()[0].agrees());
    /// ```
    #[must_use]
    pub fn agrees(&self) -> bool {
        matches!((&self.left, &self.right), (Some(a), Some(b)) if a == b)
    }

    /// Whether both sides have a value.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Profile};
    /// assert!(!Profile::default().compare(&Profile::default()).rows()[0].is_complete());
    /// ```
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.left.is_some() && self.right.is_some()
    }
}

/// A dimension-by-dimension comparison of two profiles.
///
/// `Display` renders an aligned plain-text table (missing values as `—`);
/// [`Comparison::to_markdown`] a Markdown table. Rows are in [`Dimension`]
/// order.
///
/// # Source
///
/// Talk, "Comparison" slide: its seven rows are
/// [`Comparison::talk_rows`] of Kunshan versus Shunde.
///
/// # Example
///
/// ```
/// use regdev::Compare;
/// let atlas = regdev::Atlas::builtin();
/// let table = atlas.town("kunshan").ok_or("?")?.compare(atlas.town("shunde").ok_or("?")?).talk_rows();
/// let md = table.to_markdown();
/// assert!(md.contains("| Dynamics | Government-led | Bottom-up, PPP |"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Comparison {
    left: String,
    right: String,
    rows: Vec<ComparisonRow>,
}

impl Comparison {
    /// The left column's heading.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Profile};
    /// assert_eq!(Profile::default().compare(&Profile::default()).left(), "Profile");
    /// ```
    #[must_use]
    pub fn left(&self) -> &str {
        &self.left
    }

    /// The right column's heading.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Profile};
    /// assert_eq!(Profile::default().compare(&Profile::default()).right(), "Profile");
    /// ```
    #[must_use]
    pub fn right(&self) -> &str {
        &self.right
    }

    /// The rows.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Dimension, Profile};
    /// assert_eq!(Profile::default().compare(&Profile::default()).rows().len(), Dimension::ALL.len());
    /// ```
    #[must_use]
    pub fn rows(&self) -> &[ComparisonRow] {
        &self.rows
    }

    /// The row of one dimension.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Dimension, Profile};
    /// assert!(Profile::default().compare(&Profile::default()).row(Dimension::Dynamics).is_some());
    /// ```
    #[must_use]
    pub fn row(&self, dimension: Dimension) -> Option<&ComparisonRow> {
        self.rows.iter().find(|r| r.dimension == dimension)
    }

    /// Keeps only the rows `keep` accepts.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, DimensionKind, Profile};
    /// let sets = Profile::default().compare(&Profile::default()).filter(|r| r.dimension().kind() == DimensionKind::Set);
    /// assert_eq!(sets.rows().len(), 2);
    /// ```
    #[must_use]
    pub fn filter(mut self, keep: impl FnMut(&ComparisonRow) -> bool) -> Comparison {
        self.rows.retain(keep);
        self
    }

    /// Keeps the seven rows of the talk's comparison table, in its order.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Profile};
    /// assert_eq!(Profile::default().compare(&Profile::default()).talk_rows().rows().len(), 7);
    /// ```
    #[must_use]
    pub fn talk_rows(self) -> Comparison {
        self.filter(|r| r.dimension.is_talk_row())
    }

    /// Drops rows where neither side has a value.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Profile};
    /// assert!(Profile::default().compare(&Profile::default()).without_empty_rows().rows().is_empty());
    /// ```
    #[must_use]
    pub fn without_empty_rows(self) -> Comparison {
        self.filter(|r| r.left.is_some() || r.right.is_some())
    }

    fn cells(&self) -> Vec<[String; 3]> {
        let show = |v: &Option<DimensionValue>| v.as_ref().map_or_else(|| "—".to_owned(), ToString::to_string);
        self.rows.iter().map(|r| [r.dimension.label().to_owned(), show(&r.left), show(&r.right)]).collect()
    }

    /// The comparison as a Markdown table; `|` in values is escaped.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, Profile};
    /// let md = Profile::default().compare(&Profile::default()).talk_rows().to_markdown();
    /// assert!(md.starts_with("| | Profile | Profile |\n|---|---|---|\n| Dynamics | — | — |"));
    /// ```
    #[must_use]
    pub fn to_markdown(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = format!("| | {} | {} |\n|---|---|---|\n", esc(&self.left), esc(&self.right));
        for [d, l, r] in self.cells() {
            out.push_str(&format!("| {} | {} | {} |\n", esc(&d), esc(&l), esc(&r)));
        }
        out
    }
}

impl core::fmt::Display for Comparison {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let cells = self.cells();
        let width = |i: usize, head: &str| {
            cells.iter().filter_map(|c| c.get(i)).map(|s| s.chars().count()).chain([head.chars().count()]).max()
        };
        let w0 = width(0, "").unwrap_or(0);
        let w1 = width(1, &self.left).unwrap_or(0);
        writeln!(f, "{:<w0$}  {:<w1$}  {}", "", self.left, self.right)?;
        writeln!(f, "{}  {}  {}", "-".repeat(w0), "-".repeat(w1), "-".repeat(width(2, &self.right).unwrap_or(0)))?;
        for [d, l, r] in cells {
            writeln!(f, "{d:<w0$}  {l:<w1$}  {r}")?;
        }
        Ok(())
    }
}

vocabulary! {
    /// A town's key facts as numeric features for [`Gower::towns`].
    ///
    /// # Source
    ///
    /// Talk, "Key facts" slides.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::compare::KeyFact;
    /// assert_eq!(KeyFact::GdpPerCapita.to_string(), "GDP per capita");
    /// ```
    pub enum KeyFact as "key fact" {
        /// Area in km².
        Area = ("area", "Area"),
        /// Population.
        Population = ("population", "Population"),
        /// GDP.
        Gdp = ("gdp", "GDP"),
        /// GDP per capita.
        GdpPerCapita = ("gdp_per_capita", "GDP per capita"),
    }
}

/// A feature of a [`Distance`]: a profile dimension or a key fact.
///
/// # Example
///
/// ```
/// use regdev::Dimension;
/// use regdev::compare::Feature;
/// assert_eq!(Feature::Dimension(Dimension::Dynamics).to_string(), "Dynamics");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// A profile dimension.
    Dimension(Dimension),
    /// A numeric key fact.
    KeyFact(KeyFact),
}

impl core::fmt::Display for Feature {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Feature::Dimension(d) => core::fmt::Display::fmt(d, f),
            Feature::KeyFact(k) => core::fmt::Display::fmt(k, f),
        }
    }
}

/// One feature's part in a [`Distance`].
///
/// # Example
///
/// ```
/// use regdev::Compare;
/// let atlas = regdev::Atlas::builtin();
/// let d = atlas.town("kunshan").ok_or("?")?.distance(&regdev::RegionalModel::Sunan.archetype()).ok_or("?")?;
/// let total: f64 = d.contributions().iter().map(|c| c.contribution()).sum();
/// assert!((total - d.value()).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Contribution {
    feature: Feature,
    distance: f64,
    weight: f64,
    contribution: f64,
}

impl Contribution {
    /// The feature.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Sunan.archetype();
    /// let d = a.distance(&a).ok_or("?")?;
    /// assert!(d.contributions().iter().all(|c| c.distance() == 0.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn feature(&self) -> Feature {
        self.feature
    }

    /// The feature's own distance `dᵢ`, in `[0, 1]`.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Sunan.archetype();
    /// assert!(a.distance(&a).ok_or("?")?.contributions().iter().all(|c| c.distance() == 0.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn distance(&self) -> f64 {
        self.distance
    }

    /// The feature's weight `wᵢ` (before renormalisation).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Sunan.archetype();
    /// assert!(a.distance(&a).ok_or("?")?.contributions().iter().all(|c| c.weight() == 1.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// `wᵢ·dᵢ / Σ w`: this feature's share of the total distance.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Sunan.archetype();
    /// assert!(a.distance(&a).ok_or("?")?.contributions().iter().all(|c| c.contribution() == 0.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn contribution(&self) -> f64 {
        self.contribution
    }
}

/// A Gower distance with its explanation.
///
/// # Example
///
/// ```
/// use regdev::Compare;
/// let atlas = regdev::Atlas::builtin();
/// let d = atlas.town("kunshan").ok_or("?")?.distance(atlas.town("shunde").ok_or("?")?).ok_or("?")?;
/// assert!((d.value() - 0.9).abs() < 1e-9); // they agree on one dimension of ten (export)
/// println!("{}", d.explain());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Distance {
    value: f64,
    contributions: Vec<Contribution>,
}

impl Distance {
    /// The distance, in `[0, 1]`.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Sunan.archetype();
    /// assert_eq!(a.distance(&a).ok_or("?")?.value(), 0.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The features both sides had, in feature order, with their parts.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Wenzhou.archetype();
    /// assert_eq!(a.distance(&a).ok_or("?")?.contributions().len(), a.profile().len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn contributions(&self) -> &[Contribution] {
        &self.contributions
    }

    /// A readable, line-per-feature explanation.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Wenzhou.archetype();
    /// assert!(a.distance(&a).ok_or("?")?.explain().contains("Dynamics"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn explain(&self) -> String {
        let mut out = format!("distance {:.3} over {} features\n", self.value, self.contributions.len());
        for c in &self.contributions {
            out.push_str(&format!(
                "  {:<36} d={:.3} w={:.2} contributes {:.3}\n",
                c.feature.to_string(),
                c.distance,
                c.weight,
                c.contribution
            ));
        }
        out
    }
}

/// Gower's distance, with optional per-feature weights.
///
/// Weights default to 1 for every dimension and key fact; a weight of 0
/// drops the feature. See the [module docs](crate::compare) for the
/// definition.
///
/// # Source
///
/// Gower, J. C. (1971), "A general coefficient of similarity and some of
/// its properties", *Biometrics* 27(4):857–871.
///
/// # Example
///
/// ```
/// use regdev::{Dimension, RegionalModel};
/// use regdev::compare::Gower;
///
/// let (sunan, prd) = (RegionalModel::Sunan.archetype(), RegionalModel::PearlRiverDelta.archetype());
/// let plain = Gower::new().profiles(sunan.profile(), prd.profile()).ok_or("?")?;
/// let owner_only = Gower::new().only([Dimension::Ownership]).profiles(sunan.profile(), prd.profile()).ok_or("?")?;
/// assert_eq!(owner_only.value(), 1.0);
/// assert!(plain.value() <= 1.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Gower {
    weights: BTreeMap<Feature, f64>,
    gdp_currency: Currency,
    gdp_per_capita_currency: Currency,
}

impl Default for Gower {
    fn default() -> Gower {
        Gower::new()
    }
}

impl Gower {
    /// Equal weights; GDP compared in yuan, GDP per capita in US dollars.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::compare::Gower::new().weight_of(regdev::Dimension::Dynamics), 1.0);
    /// ```
    #[must_use]
    pub fn new() -> Gower {
        Gower { weights: BTreeMap::new(), gdp_currency: Currency::Cny, gdp_per_capita_currency: Currency::Usd }
    }

    /// Sets a dimension's weight.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] or [`Error::Negative`] for a NaN, infinite or
    /// negative weight.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{compare::Gower, Dimension};
    /// let g = Gower::new().weight(Dimension::Dynamics, 2.0)?;
    /// assert_eq!(g.weight_of(Dimension::Dynamics), 2.0);
    /// assert!(Gower::new().weight(Dimension::Dynamics, -1.0).is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn weight(self, dimension: Dimension, weight: f64) -> Result<Gower, Error> {
        self.feature_weight(Feature::Dimension(dimension), weight)
    }

    /// Sets any feature's weight, including key facts.
    ///
    /// # Errors
    ///
    /// As [`Gower::weight`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::compare::{Feature, Gower, KeyFact};
    /// let g = Gower::new().feature_weight(Feature::KeyFact(KeyFact::Area), 0.0)?;
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn feature_weight(mut self, feature: Feature, weight: f64) -> Result<Gower, Error> {
        if !weight.is_finite() {
            return Err(Error::NonFinite { quantity: "feature weight", value: weight });
        }
        if weight < 0.0 {
            return Err(Error::Negative { quantity: "feature weight", value: weight });
        }
        self.weights.insert(feature, weight);
        Ok(self)
    }

    /// Weights `dimensions` 1 and every other feature 0.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{compare::Gower, Dimension};
    /// let g = Gower::new().only(Dimension::talk_rows());
    /// assert_eq!(g.weight_of(Dimension::Ownership), 0.0);
    /// ```
    #[must_use]
    pub fn only(mut self, dimensions: impl IntoIterator<Item = Dimension>) -> Gower {
        self.weights.clear();
        for d in Dimension::ALL {
            self.weights.insert(Feature::Dimension(*d), 0.0);
        }
        for k in KeyFact::ALL {
            self.weights.insert(Feature::KeyFact(*k), 0.0);
        }
        for d in dimensions {
            self.weights.insert(Feature::Dimension(d), 1.0);
        }
        self
    }

    /// The weight of a dimension.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::compare::Gower::new().weight_of(regdev::Dimension::RiskLevel), 1.0);
    /// ```
    #[must_use]
    pub fn weight_of(&self, dimension: Dimension) -> f64 {
        self.feature_weight_of(Feature::Dimension(dimension))
    }

    fn feature_weight_of(&self, feature: Feature) -> f64 {
        self.weights.get(&feature).copied().unwrap_or(1.0)
    }

    /// Sets the currencies money facts are compared in (defaults: GDP in
    /// CNY, GDP per capita in USD). Facts in another currency are converted
    /// with the atlas's rate for their year; without a year or a rate the
    /// fact counts as missing.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{compare::Gower, Currency};
    /// let g = Gower::new().currencies(Currency::Usd, Currency::Usd);
    /// ```
    #[must_use]
    pub fn currencies(mut self, gdp: Currency, gdp_per_capita: Currency) -> Gower {
        self.gdp_currency = gdp;
        self.gdp_per_capita_currency = gdp_per_capita;
        self
    }

    /// The distance between two profiles; `None` if they share no
    /// dimension with a positive weight.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{compare::Gower, Profile};
    /// assert!(Gower::new().profiles(&Profile::default(), &Profile::default()).is_none());
    /// ```
    #[must_use]
    pub fn profiles(&self, a: &Profile, b: &Profile) -> Option<Distance> {
        let mut interner = Interner::default();
        let (ea, eb) = (interner.encode(a), interner.encode(b));
        self.explain_encoded(&ea, &eb, &[])
    }

    /// The distance between two towns of `atlas`: profile dimensions plus
    /// key facts, scaled by their range over the atlas's towns.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownReference`] if either id is not a town of the atlas.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::compare::Gower;
    /// let atlas = regdev::Atlas::builtin();
    /// let d = Gower::new().towns(atlas, "kunshan", "shunde")?.ok_or("?")?;
    /// assert_eq!(d.contributions().len(), 7 + 3 + 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn towns(&self, atlas: &Atlas, a: &str, b: &str) -> Result<Option<Distance>, Error> {
        let ta = atlas_town(atlas, a)?;
        let tb = atlas_town(atlas, b)?;
        let ranges = FactRanges::of(self, atlas);
        let mut interner = Interner::default();
        let (ea, eb) = (interner.encode(ta.profile()), interner.encode(tb.profile()));
        let (fa, fb) = (ranges.facts(self, atlas, ta), ranges.facts(self, atlas, tb));
        let numeric: Vec<(KeyFact, f64)> = KeyFact::ALL
            .iter()
            .enumerate()
            .filter_map(|(i, &k)| match (fa.get(i).copied().flatten(), fb.get(i).copied().flatten()) {
                (Some(x), Some(y)) => Some((k, ranges.scaled(i, x, y))),
                _ => None,
            })
            .collect();
        Ok(self.explain_encoded(&ea, &eb, &numeric))
    }

    /// All-pairs distances between `towns` of `atlas` (profiles and key
    /// facts), as a symmetric matrix; pairs sharing no feature are `NaN`.
    ///
    /// Profiles are encoded once (sets as sorted small-integer lists), so a
    /// pair costs a few dozen comparisons: O(n²·f) for n towns and f
    /// features.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownReference`] for an id that is not a town of the atlas;
    /// [`Error::OutOfMemory`] when the n × n matrix cannot be allocated (8·n²
    /// bytes: 200 MB for 5,000 towns, 80 GB for 100,000).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::compare::Gower;
    /// let atlas = regdev::Atlas::builtin();
    /// let m = Gower::new().matrix(atlas, ["kunshan", "shunde"])?;
    /// assert_eq!(m.get(0, 0), Some(0.0));
    /// assert_eq!(m.get(0, 1), m.get(1, 0));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn matrix<'a>(&self, atlas: &Atlas, towns: impl IntoIterator<Item = &'a str>) -> Result<DistanceMatrix, Error> {
        let towns: Vec<&Town> = towns.into_iter().map(|id| atlas_town(atlas, id)).collect::<Result<_, _>>()?;
        let ranges = FactRanges::of(self, atlas);
        let mut interner = Interner::default();
        let encoded: Vec<Encoded> = towns.iter().map(|t| interner.encode(t.profile())).collect();
        let facts: Vec<Vec<Option<f64>>> = towns.iter().map(|t| ranges.facts(self, atlas, t)).collect();
        let dim_w: Vec<f64> = Dimension::ALL.iter().map(|&d| self.weight_of(d)).collect();
        let fact_w: Vec<f64> = KeyFact::ALL.iter().map(|&k| self.feature_weight_of(Feature::KeyFact(k))).collect();
        let n = towns.len();
        let too_big = || Error::OutOfMemory { what: "a distance matrix", count: n };
        let cells = n.checked_mul(n).ok_or_else(too_big)?;
        let mut values: Vec<f64> = Vec::new();
        values.try_reserve_exact(cells).map_err(|_| too_big())?;
        values.resize(cells, 0.0);
        // The upper triangle, row by row (sequential writes), rows dealt
        // round-robin to the available cores so each gets a fair share of
        // the triangle...
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).clamp(1, 8);
        let mut buckets: Vec<Vec<(usize, &mut [f64])>> = (0..threads).map(|_| Vec::new()).collect();
        for (i, row) in values.chunks_mut(n.max(1)).enumerate() {
            if let Some(bucket) = buckets.get_mut(i % threads) {
                bucket.push((i, row));
            }
        }
        let flat: Vec<Flat> = encoded.iter().zip(&facts).map(|(e, f)| Flat::of(e, f, &ranges)).collect();
        let plan = FlatPlan {
            kind: core::array::from_fn(|k| Dimension::ALL.get(k).map_or(DimensionKind::Nominal, |d| d.kind())),
            inv_span: core::array::from_fn(|k| {
                Dimension::ALL
                    .get(k)
                    .and_then(|d| d.levels())
                    .map_or(1.0, |l| 1.0 / (l.saturating_sub(1).max(1) as f64))
            }),
            dim_w: core::array::from_fn(|k| dim_w.get(k).copied().unwrap_or(0.0)),
            fact_w: core::array::from_fn(|k| fact_w.get(k).copied().unwrap_or(0.0)),
        };
        let general = |i: usize, j: usize| -> (f64, f64) {
            let (Some(ei), Some(ej), Some(fi), Some(fj)) = (encoded.get(i), encoded.get(j), facts.get(i), facts.get(j))
            else {
                return (0.0, 0.0);
            };
            let (mut num, mut den) = sum_encoded(ei, ej, &dim_w);
            for (k, w) in fact_w.iter().enumerate() {
                if *w > 0.0 {
                    if let (Some(Some(x)), Some(Some(y))) = (fi.get(k), fj.get(k)) {
                        num += w * ranges.scaled(k, *x, *y);
                        den += w;
                    }
                }
            }
            (num, den)
        };
        let fill = |rows: Vec<(usize, &mut [f64])>| {
            for (i, row) in rows {
                let Some(fi) = flat.get(i) else { continue };
                for (j, (cell, fj)) in row.iter_mut().zip(&flat).enumerate().skip(i + 1) {
                    let (num, den) = if fi.general || fj.general { general(i, j) } else { fi.sums(fj, &plan) };
                    *cell = if den > 0.0 { num / den } else { f64::NAN };
                }
            }
        };
        std::thread::scope(|scope| {
            for rows in buckets {
                scope.spawn(|| fill(rows));
            }
        });
        // ...then mirrored in 64 × 64 tiles, so reads and writes stay in
        // cache.
        const TILE: usize = 64;
        for bi in (0..n).step_by(TILE) {
            for bj in (bi..n).step_by(TILE) {
                for i in bi..(bi + TILE).min(n) {
                    for j in bj.max(i + 1)..(bj + TILE).min(n) {
                        if let Some(v) = values.get(i * n + j).copied() {
                            if let Some(slot) = values.get_mut(j * n + i) {
                                *slot = v;
                            }
                        }
                    }
                }
            }
        }
        Ok(DistanceMatrix { ids: towns.iter().map(|t| t.id().to_string()).collect(), n, values })
    }

    fn explain_encoded(&self, a: &Encoded, b: &Encoded, numeric: &[(KeyFact, f64)]) -> Option<Distance> {
        let mut parts: Vec<(Feature, f64, f64)> = Vec::new();
        for (i, &d) in Dimension::ALL.iter().enumerate() {
            let w = self.weight_of(d);
            if w <= 0.0 {
                continue;
            }
            if let (Some(x), Some(y)) = (a.0.get(i), b.0.get(i)) {
                if let Some(dist) = code_distance(x, y) {
                    parts.push((Feature::Dimension(d), dist, w));
                }
            }
        }
        for &(k, dist) in numeric {
            let w = self.feature_weight_of(Feature::KeyFact(k));
            if w > 0.0 {
                parts.push((Feature::KeyFact(k), dist, w));
            }
        }
        let total_w: f64 = parts.iter().map(|p| p.2).sum();
        if parts.is_empty() || total_w <= 0.0 {
            return None;
        }
        let contributions: Vec<Contribution> = parts
            .into_iter()
            .map(|(feature, distance, weight)| Contribution {
                feature,
                distance,
                weight,
                contribution: weight * distance / total_w,
            })
            .collect();
        let value = contributions.iter().map(|c| c.contribution).sum::<f64>().clamp(0.0, 1.0);
        Some(Distance { value, contributions })
    }
}

fn atlas_town<'a>(atlas: &'a Atlas, id: &str) -> Result<&'a Town, Error> {
    atlas.town(id).ok_or_else(|| Error::UnknownReference {
        kind: crate::id::IdKind::Town,
        id: id.to_owned(),
        referrer: "distance".to_owned(),
    })
}

/// A symmetric matrix of distances between towns, from [`Gower::matrix`].
///
/// # Example
///
/// ```
/// let atlas = regdev::Atlas::builtin();
/// let m = regdev::compare::Gower::new().matrix(atlas, ["kunshan", "shunde", "lecong"])?;
/// assert_eq!(m.len(), 3);
/// assert_eq!(m.ids()[2], "lecong");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DistanceMatrix {
    ids: Vec<String>,
    n: usize,
    values: Vec<f64>,
}

impl DistanceMatrix {
    /// The number of towns.
    ///
    /// # Example
    ///
    /// ```
    /// let m = regdev::compare::Gower::new().matrix(regdev::Atlas::builtin(), ["kunshan"])?;
    /// assert_eq!(m.len(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the matrix is empty.
    ///
    /// # Example
    ///
    /// ```
    /// let m = regdev::compare::Gower::new().matrix(regdev::Atlas::builtin(), [])?;
    /// assert!(m.is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The town ids, in row order.
    ///
    /// # Example
    ///
    /// ```
    /// let m = regdev::compare::Gower::new().matrix(regdev::Atlas::builtin(), ["shunde"])?;
    /// assert_eq!(m.ids(), ["shunde"]);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The distance between rows `i` and `j`; `NaN` if they share no
    /// feature; `None` out of bounds.
    ///
    /// # Example
    ///
    /// ```
    /// let m = regdev::compare::Gower::new().matrix(regdev::Atlas::builtin(), ["shunde"])?;
    /// assert_eq!(m.get(0, 1), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, i: usize, j: usize) -> Option<f64> {
        if i < self.n && j < self.n { self.values.get(i * self.n + j).copied() } else { None }
    }

    /// The row-major values, `len() × len()`.
    ///
    /// # Example
    ///
    /// ```
    /// let m = regdev::compare::Gower::new().matrix(regdev::Atlas::builtin(), ["kunshan", "shunde"])?;
    /// assert_eq!(m.values().len(), 4);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn values(&self) -> &[f64] {
        &self.values
    }
}

/// The number of profile dimensions.
const DIMS: usize = Dimension::ALL.len();

/// One profile dimension, encoded for fast comparison without allocation
/// in the common case.
#[derive(Debug, Clone, PartialEq)]
enum Code {
    Missing,
    Nominal(u8),
    /// Rank and number of levels.
    Ordinal(u8, u8),
    /// A set whose elements are all below 64, as a bit mask.
    Bits(u64),
    /// A set with larger elements (more than 64 distinct places), sorted.
    List(Box<[u32]>),
}

/// A profile encoded once: one [`Code`] per [`Dimension`], in order.
#[derive(Debug, Clone)]
struct Encoded([Code; DIMS]);

/// Interns places to small integers, so sets of places compare as bit
/// masks (or sorted lists beyond 64 distinct places).
#[derive(Debug, Default)]
struct Interner {
    places: HashMap<Place, u32>,
}

fn small(i: usize) -> u8 {
    u8::try_from(i).unwrap_or(u8::MAX)
}

fn nominal<T: Copy + PartialEq>(all: &[T], v: Option<T>) -> Code {
    v.and_then(|v| all.iter().position(|x| *x == v)).map_or(Code::Missing, |i| Code::Nominal(small(i)))
}

fn ordinal<T: Copy + PartialEq>(all: &[T], v: Option<T>) -> Code {
    v.and_then(|v| all.iter().position(|x| *x == v))
        .map_or(Code::Missing, |i| Code::Ordinal(small(i), small(all.len())))
}

fn set_code(mut elements: Vec<u32>) -> Code {
    if elements.iter().all(|&e| e < 64) {
        Code::Bits(elements.iter().fold(0u64, |acc, &e| acc | (1u64 << e)))
    } else {
        elements.sort_unstable();
        elements.dedup();
        Code::List(elements.into_boxed_slice())
    }
}

impl Interner {
    fn place(&mut self, p: &Place) -> u32 {
        if let Some(&i) = self.places.get(p) {
            return i;
        }
        let next = u32::try_from(self.places.len()).unwrap_or(u32::MAX);
        self.places.insert(p.clone(), next);
        next
    }

    fn encode(&mut self, p: &Profile) -> Encoded {
        self.encode_only(p, &[true; DIMS])
    }

    /// Encodes only the dimensions `wanted` marks; the rest are `Missing`.
    fn encode_only(&mut self, p: &Profile, wanted: &[bool; DIMS]) -> Encoded {
        use crate::dimension as d;
        Encoded(core::array::from_fn(|k| match Dimension::ALL.get(k).filter(|_| wanted.get(k) == Some(&true)) {
            Some(Dimension::Dynamics) => nominal(d::Dynamics::ALL, p.dynamics),
            Some(Dimension::EconomicLinkages) => p.economic_linkages.as_ref().map_or(Code::Missing, |s| {
                let mask = s
                    .iter()
                    .filter_map(|x| crate::Scale::ALL.iter().position(|y| y == x))
                    .fold(0u64, |a, i| a | (1 << i));
                Code::Bits(mask)
            }),
            Some(Dimension::InstitutionalBorrowing) => p
                .institutional_borrowing
                .as_ref()
                .map_or(Code::Missing, |s| set_code(s.iter().map(|x| self.place(x)).collect())),
            Some(Dimension::IndustryRelation) => ordinal(d::IndustryRelation::ALL, p.industry_relation),
            Some(Dimension::RiskLevel) => ordinal(d::RiskLevel::ALL, p.risk_level),
            Some(Dimension::Competition) => nominal(d::CompetitionMode::ALL, p.competition),
            Some(Dimension::GovernmentRole) => nominal(d::GovernmentRole::ALL, p.government_role),
            Some(Dimension::Ownership) => nominal(d::Ownership::ALL, p.ownership),
            Some(Dimension::CapitalOrigin) => nominal(d::CapitalOrigin::ALL, p.capital_origin),
            Some(Dimension::DrivingActor) => nominal(d::DrivingActor::ALL, p.driving_actor),
            Some(Dimension::DistrictType) => nominal(d::DistrictType::ALL, p.district_type),
            Some(Dimension::MarketOrientation) => nominal(d::MarketOrientation::ALL, p.market_orientation),
            None => Code::Missing,
        }))
    }
}

/// The elements of a set code, sorted.
fn elements(c: &Code) -> Vec<u32> {
    match c {
        Code::Bits(m) => {
            let mut m = *m;
            let mut v = Vec::new();
            while m != 0 {
                v.push(m.trailing_zeros());
                m &= m - 1;
            }
            v
        }
        Code::List(l) => l.to_vec(),
        _ => Vec::new(),
    }
}

/// Jaccard distance of two sorted lists.
fn jaccard_lists(x: &[u32], y: &[u32]) -> f64 {
    if x.is_empty() && y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0u32);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match p.cmp(q) {
            core::cmp::Ordering::Less => i += 1,
            core::cmp::Ordering::Greater => j += 1,
            core::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let union = (x.len() + y.len()) as f64 - f64::from(both);
    1.0 - f64::from(both) / union
}

/// The distance of one encoded dimension; `None` if either is missing.
#[inline]
fn code_distance(a: &Code, b: &Code) -> Option<f64> {
    match (a, b) {
        (Code::Nominal(x), Code::Nominal(y)) => Some(if x == y { 0.0 } else { 1.0 }),
        (Code::Ordinal(x, levels), Code::Ordinal(y, _)) => {
            let span = f64::from(levels.saturating_sub(1).max(1));
            Some(f64::from(x.abs_diff(*y)) / span)
        }
        (Code::Bits(x), Code::Bits(y)) => {
            let union = (x | y).count_ones();
            Some(if union == 0 { 0.0 } else { 1.0 - f64::from((x & y).count_ones()) / f64::from(union) })
        }
        (Code::Bits(_) | Code::List(_), Code::Bits(_) | Code::List(_)) => {
            Some(jaccard_lists(&elements(a), &elements(b)))
        }
        _ => None,
    }
}

#[inline]
fn sum_encoded(a: &Encoded, b: &Encoded, weights: &[f64]) -> (f64, f64) {
    let (mut num, mut den) = (0.0, 0.0);
    for ((x, y), w) in a.0.iter().zip(&b.0).zip(weights) {
        if *w > 0.0 {
            if let Some(d) = code_distance(x, y) {
                num += w * d;
                den += w;
            }
        }
    }
    (num, den)
}

/// A town flattened for the all-pairs loop: one byte per nominal or
/// ordinal dimension (`u8::MAX` = missing), a bit mask per set dimension,
/// and key facts pre-divided by their range (`NaN` = missing).
#[derive(Debug, Clone)]
struct Flat {
    codes: [u8; DIMS],
    masks: [u64; DIMS],
    facts: [f64; 4],
    /// A set too large for a mask: pairs with this town take the general
    /// path.
    general: bool,
}

/// Per-dimension constants of the all-pairs loop.
struct FlatPlan {
    kind: [DimensionKind; DIMS],
    /// 1 / (levels − 1) for ordinal dimensions.
    inv_span: [f64; DIMS],
    dim_w: [f64; DIMS],
    fact_w: [f64; 4],
}

impl Flat {
    fn of(e: &Encoded, facts: &[Option<f64>], ranges: &FactRanges) -> Flat {
        let mut f = Flat { codes: [u8::MAX; DIMS], masks: [0; DIMS], facts: [f64::NAN; 4], general: false };
        for (k, c) in e.0.iter().enumerate() {
            match c {
                Code::Missing => {}
                Code::Nominal(x) | Code::Ordinal(x, _) => {
                    if let Some(slot) = f.codes.get_mut(k) {
                        *slot = *x;
                    }
                }
                Code::Bits(m) => {
                    if let (Some(slot), Some(mask)) = (f.codes.get_mut(k), f.masks.get_mut(k)) {
                        *slot = 0;
                        *mask = *m;
                    }
                }
                Code::List(_) => f.general = true,
            }
        }
        for (k, v) in facts.iter().enumerate() {
            if let (Some(Some(x)), Some(slot)) = (Some(v), f.facts.get_mut(k)) {
                *slot = ranges.inv_range(k).map_or(0.0, |inv| x * inv);
            }
        }
        f
    }

    /// Σ w·d and Σ w over the features both rows have.
    #[inline]
    fn sums(&self, other: &Flat, plan: &FlatPlan) -> (f64, f64) {
        let (mut num, mut den) = (0.0, 0.0);
        let dims = self.codes.iter().zip(&other.codes).zip(self.masks.iter().zip(&other.masks));
        for ((((&a, &b), (&x, &y)), &w), (kind, &inv_span)) in
            dims.zip(&plan.dim_w).zip(plan.kind.iter().zip(&plan.inv_span))
        {
            if a == u8::MAX || b == u8::MAX || w <= 0.0 {
                continue;
            }
            let d = match kind {
                DimensionKind::Nominal => f64::from(u8::from(a != b)),
                DimensionKind::Ordinal => f64::from(a.abs_diff(b)) * inv_span,
                DimensionKind::Set => {
                    let union = (x | y).count_ones();
                    if union == 0 { 0.0 } else { 1.0 - f64::from((x & y).count_ones()) / f64::from(union) }
                }
            };
            num += w * d;
            den += w;
        }
        for ((&x, &y), &w) in self.facts.iter().zip(&other.facts).zip(&plan.fact_w) {
            if w > 0.0 && !x.is_nan() && !y.is_nan() {
                num += w * (x - y).abs().min(1.0);
                den += w;
            }
        }
        (num, den)
    }
}

/// Min and max of each key fact over an atlas, in the comparison
/// currencies.
struct FactRanges {
    min: [f64; 4],
    max: [f64; 4],
}

impl FactRanges {
    fn of(gower: &Gower, atlas: &Atlas) -> FactRanges {
        let mut r = FactRanges { min: [f64::INFINITY; 4], max: [f64::NEG_INFINITY; 4] };
        for t in atlas.towns() {
            for (i, v) in r.facts(gower, atlas, t).into_iter().enumerate() {
                if let (Some(v), Some(lo), Some(hi)) = (v, r.min.get(i).copied(), r.max.get(i).copied()) {
                    if let Some(slot) = r.min.get_mut(i) {
                        *slot = lo.min(v);
                    }
                    if let Some(slot) = r.max.get_mut(i) {
                        *slot = hi.max(v);
                    }
                }
            }
        }
        r
    }

    /// The town's key facts as numbers, in [`KeyFact::ALL`] order.
    #[allow(clippy::unused_self)]
    fn facts(&self, gower: &Gower, atlas: &Atlas, t: &Town) -> Vec<Option<f64>> {
        let f = t.key_facts();
        let money = |o: &Option<crate::Observed<Money>>, to: Currency| -> Option<f64> {
            atlas.convert_observed(o.as_ref()?, to).ok().map(Money::amount)
        };
        #[allow(clippy::cast_precision_loss)]
        let pop = f.population.as_ref().map(|p| p.value().get() as f64);
        vec![
            f.area.as_ref().map(|a| a.value().km2()),
            pop,
            money(&f.gdp, gower.gdp_currency),
            money(&f.gdp_per_capita, gower.gdp_per_capita_currency),
        ]
    }

    /// 1 / range of fact `i`; `None` when the range is 0 (all distances 0).
    fn inv_range(&self, i: usize) -> Option<f64> {
        match (self.min.get(i), self.max.get(i)) {
            (Some(lo), Some(hi)) if hi - lo > 0.0 => Some(1.0 / (hi - lo)),
            _ => None,
        }
    }

    fn scaled(&self, i: usize, x: f64, y: f64) -> f64 {
        let range = match (self.min.get(i), self.max.get(i)) {
            (Some(lo), Some(hi)) => hi - lo,
            _ => 0.0,
        };
        if range > 0.0 { ((x - y).abs() / range).clamp(0.0, 1.0) } else { 0.0 }
    }
}

/// One archetype's place in a [`Classification`].
///
/// # Example
///
/// ```
/// let c = regdev::Atlas::builtin().classify("kunshan")?;
/// let best = c.best().ok_or("no ranking")?;
/// assert_eq!(best.name(), "Pearl River Delta");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Ranked {
    archetype: ArchetypeId,
    name: String,
    distance: Option<Distance>,
}

impl Ranked {
    /// The archetype's id.
    ///
    /// # Example
    ///
    /// ```
    /// let c = regdev::Atlas::builtin().classify("shunde")?;
    /// assert_eq!(c.ranking().len(), 3);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn archetype(&self) -> &ArchetypeId {
        &self.archetype
    }

    /// The archetype's name.
    ///
    /// # Example
    ///
    /// ```
    /// let c = regdev::Atlas::builtin().classify("shunde")?;
    /// assert!(c.ranking().iter().any(|r| r.name() == "Wenzhou"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The distance, or `None` if the profiles share no dimension.
    ///
    /// # Example
    ///
    /// ```
    /// let c = regdev::Atlas::builtin().classify("kunshan")?;
    /// assert!(c.ranking().iter().all(|r| r.distance().is_some()));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn distance(&self) -> Option<&Distance> {
        self.distance.as_ref()
    }
}

/// Archetypes ranked by distance to a subject, nearest first; archetypes
/// sharing no dimension with it come last. Ties keep the archetypes'
/// input order.
///
/// # Example
///
/// ```
/// let c = regdev::Atlas::builtin().classify("kunshan")?;
/// println!("{c}");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Classification {
    subject: String,
    ranking: Vec<Ranked>,
}

impl Classification {
    /// The classified item's label.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Atlas::builtin().classify("kunshan")?.subject(), "Kunshan");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The ranking, nearest first.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Atlas::builtin().classify("kunshan")?.ranking().len(), 3);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn ranking(&self) -> &[Ranked] {
        &self.ranking
    }

    /// The nearest archetype, if any is comparable.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Atlas::builtin().classify("kunshan")?.best().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn best(&self) -> Option<&Ranked> {
        self.ranking.first().filter(|r| r.distance.is_some())
    }
}

impl core::fmt::Display for Classification {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        writeln!(f, "{} — archetypes by Gower distance (nearest first)", self.subject)?;
        for (i, r) in self.ranking.iter().enumerate() {
            match &r.distance {
                Some(d) => {
                    writeln!(f, "{}. {:<20} {:.3}", i + 1, r.name, d.value())?;
                    for c in d.contributions() {
                        writeln!(
                            f,
                            "     {:<36} d={:.2} contributes {:.3}",
                            c.feature().to_string(),
                            c.distance(),
                            c.contribution()
                        )?;
                    }
                }
                None => writeln!(f, "{}. {:<20} not comparable (no shared dimension)", i + 1, r.name)?,
            }
        }
        Ok(())
    }
}

/// Ranks `archetypes` by Gower distance (on profile dimensions, with
/// `gower`'s weights) to `subject`.
///
/// O(a·f) for a archetypes and f dimensions.
///
/// # Example
///
/// ```
/// use regdev::{compare::{classify, Gower}, RegionalModel};
/// let archetypes: Vec<_> = RegionalModel::ALL.iter().map(|m| m.archetype()).collect();
/// let wenzhou = RegionalModel::Wenzhou.archetype();
/// let c = classify(&wenzhou, &archetypes, &Gower::new());
/// assert_eq!(c.best().map(|r| r.archetype().as_str()), Some("wenzhou"));
/// ```
pub fn classify<'a>(
    subject: &dyn Compare,
    archetypes: impl IntoIterator<Item = &'a Archetype>,
    gower: &Gower,
) -> Classification {
    let mut interner = Interner::default();
    let s = interner.encode(subject.profile());
    let mut ranking: Vec<Ranked> = archetypes
        .into_iter()
        .map(|a| {
            let e = interner.encode(a.profile());
            Ranked {
                archetype: a.id().clone(),
                name: a.name().to_owned(),
                distance: gower.explain_encoded(&s, &e, &[]),
            }
        })
        .collect();
    let key = |r: &Ranked| r.distance.as_ref().map_or(f64::INFINITY, Distance::value);
    ranking.sort_by(|x, y| key(x).total_cmp(&key(y)));
    Classification { subject: subject.label(), ranking }
}

/// Classifies many profiles at once against the same archetypes, encoding
/// the archetypes once; returns the nearest archetype id and its distance
/// for each subject (`None` if none is comparable).
///
/// O(n·a·f). Use it for whole atlases; use [`classify`] for explanations.
///
/// # Example
///
/// ```
/// use regdev::compare::{classify_all, Gower};
/// let atlas = regdev::Atlas::builtin();
/// let archetypes: Vec<_> = atlas.archetypes().collect();
/// let best = classify_all(atlas.towns().map(|t| t.profile()), archetypes, &Gower::new());
/// assert_eq!(best.len(), atlas.towns().len());
/// ```
pub fn classify_all<'a, 'b>(
    subjects: impl IntoIterator<Item = &'a Profile>,
    archetypes: impl IntoIterator<Item = &'b Archetype>,
    gower: &Gower,
) -> Vec<Option<(&'b ArchetypeId, f64)>> {
    let mut interner = Interner::default();
    let archetypes: Vec<(&Archetype, Encoded)> =
        archetypes.into_iter().map(|a| (a, interner.encode(a.profile()))).collect();
    let weights: Vec<f64> = Dimension::ALL.iter().map(|&d| gower.weight_of(d)).collect();
    // A subject's dimension matters only if some archetype has it with a
    // positive weight: encode only those.
    let wanted: [bool; DIMS] = core::array::from_fn(|k| {
        weights.get(k).is_some_and(|w| *w > 0.0)
            && archetypes.iter().any(|(_, e)| e.0.get(k).is_some_and(|c| *c != Code::Missing))
    });
    subjects
        .into_iter()
        .map(|p| {
            let e = interner.encode_only(p, &wanted);
            let mut best: Option<(&Archetype, f64)> = None;
            for (a, ea) in &archetypes {
                let (num, den) = sum_encoded(&e, ea, &weights);
                if den > 0.0 {
                    let d = num / den;
                    if best.is_none_or(|(_, b)| d < b) {
                        best = Some((a, d));
                    }
                }
            }
            best.map(|(a, d)| (a.id(), d))
        })
        .collect()
}

impl Atlas {
    /// Ranks the atlas's archetypes by distance to a town's profile, with
    /// equal weights.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownReference`] if `town` is not in the atlas.
    ///
    /// # Example
    ///
    /// ```
    /// let c = regdev::Atlas::builtin().classify("kunshan")?;
    /// assert_eq!(c.ranking()[0].name(), "Pearl River Delta");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn classify(&self, town: &str) -> Result<Classification, Error> {
        let t = atlas_town(self, town)?;
        Ok(classify(t, self.archetypes(), &Gower::new()))
    }
}
