//! Comparison, distance and classification.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::{Archetype, Dimension, DimensionValue, Error, Profile, Town};

mod classify;
mod encode;
mod gower;
mod metric;

pub use classify::{Classification, Ranked, Verdict, VerdictRule, classify, classify_all};
pub use gower::{DistanceMatrix, FittedGower, Gower};
pub use metric::{
    Contribution, Contributions, Distance, Feature, KeyFact, ProfileMetric, SimpleMatching, Uncompared, dissimilarity,
};

/// Anything with a [`Profile`] that can be compared: towns, archetypes,
/// bare profiles, or a type of your own.
///
/// Implement [`Compare::label`] and [`Compare::profile`]; the comparison
/// and distance methods come for free. The label and the profile may be
/// stored ([`Cow::Borrowed`]) or computed on demand ([`Cow::Owned`]); a
/// borrowed label costs nothing per [`Classification`].
///
/// Comparison, distance and classification.
///
/// - [`Compare`] is the trait other programs implement or call: anything
///   with a [`Profile`] can be compared with anything else that has one,
///   giving a [`Comparison`]: one row per [`Dimension`], printable as an
///   aligned text table or Markdown. The talk's Kunshan–Shunde table is
///   `kunshan.compare(shunde).talk_rows()`.
/// - [`ProfileMetric`] is the trait of distance measures between profiles.
///   [`Gower`] (Gower's 1971 coefficient) and [`SimpleMatching`] (the share
///   of mismatched nominal dimensions, a Hamming distance) implement it;
///   so can a measure of your own, built on the per-dimension
///   [`dissimilarity`] helper. Every [`Distance`] says what it rests on:
///   the features compared, their count and its [`coverage`](Distance::coverage)
///   of the reference's weighted features, and it can explain itself.
/// - [`Gower::fit`] fixes the key-fact ranges and currency conversions of an
///   atlas once, for town-to-town distances and the all-pairs
///   [`DistanceMatrix`].
/// - [`classify`] and [`classify_all`] rank archetypes by distance to
///   anything [`Compare`], under any measure, and give a [`Verdict`]:
///   a clear nearest archetype, a tie, or insufficient evidence
///   ([`VerdictRule`] has the thresholds).
///
/// # Gower's distance
///
/// For two items with features `i` and weights `wᵢ ≥ 0`,
/// `d = Σ wᵢ·dᵢ / Σ wᵢ` over the features *both* items have (missing
/// features are skipped and the weights renormalised), where
/// - nominal dimensions: `dᵢ = 0` if equal, else `1`;
/// - ordinal dimensions: `dᵢ = |rank_a − rank_b| / (levels − 1)`;
/// - set dimensions: the Jaccard distance `1 − |A ∩ B| / |A ∪ B|` (two empty
///   sets: 0);
/// - numeric key facts: `|x_a − x_b| / range`, the range being max − min of
///   that fact over the atlas's towns (0 when the range is 0). Each fact is
///   the town's headline figure ([`KeyFacts::area`](crate::KeyFacts::area)
///   and siblings: the latest observation of resident population or total
///   area, by the rule of [`Selection`](crate::Selection)); kinds and years
///   are never averaged.
///
/// `d` is symmetric, lies in `[0, 1]` and is 0 for identical items. It is
/// `None` when the items share no feature. With missing features the
/// triangle inequality does not hold in general, and a distance resting on
/// one shared feature can be 0: read it with its coverage.
///
/// # Coverage
///
/// A distance is measured *from* a subject *to* a reference (in
/// classification, the archetype). Its coverage is
/// `Σ wᵢ over the features both have / Σ wᵢ over the features the reference has`,
/// in `[0, 1]`: 1 when the subject has every feature the reference has, and
/// small when the distance rests on a sliver of the reference. Weights are
/// divided by their largest value before summing, so no choice of finite
/// weights overflows.
///
/// # What the built-in data shows
///
/// Kunshan lies in South Jiangsu, the home of the Sunan model, yet on the
/// dimensions its sources give it profiles closer to the Pearl River Delta
/// archetype (distance 0.40) than to Sunan (0.60) or Wenzhou (0.83): it
/// shares the PRD's foreign-invested ownership, FDI capital and export
/// orientation, and Sunan's government-led dynamics and local-government
/// driver, but not Sunan's collective ownership, regional (Shanghai)
/// linkage scope or owner-government. This is Wei's (2010) "remaking of
/// the Sunan model" through globalisation, seen in the data. Shunde is far
/// from all three (0.75 PRD and Wenzhou, which share its export
/// orientation, 0.90 Sunan): its bottom-up PPP dynamics and private (not
/// household) firms match none of the ideal types, which is why the talk
/// treats it as a model of its own.
///
/// # Example
///
/// ```
/// use std::borrow::Cow;
/// use regdev::{Compare, Profile};
/// use regdev::SimpleMatching;
/// use regdev::Dynamics;
///
/// struct MyCase { dynamics: Dynamics }
/// impl Compare for MyCase {
///     fn label(&self) -> Cow<'_, str> { Cow::Borrowed("My case") }
///     fn profile(&self) -> Cow<'_, Profile> {
///         let mut p = Profile::default();
///         p.dynamics = Some(self.dynamics);
///         Cow::Owned(p)
///     }
/// }
///
/// let mine = MyCase { dynamics: Dynamics::GovernmentLed };
/// let sunan = regdev::RegionalModel::Sunan.archetype();
/// let row = mine.compare(&sunan).row(regdev::Dimension::Dynamics).cloned().ok_or("no row")?;
/// assert!(row.agrees());
/// let d = mine.distance_with(&sunan, &SimpleMatching)?.ok_or("nothing shared")?;
/// assert_eq!((d.value(), d.compared()), (0.0, 1));
/// assert!(d.coverage() < 0.5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Compare {
    /// The column heading in comparison tables and the subject of a
    /// [`Classification`].
    fn label(&self) -> Cow<'_, str>;

    /// The profile to compare.
    fn profile(&self) -> Cow<'_, Profile>;

    /// A row-by-row comparison with `other`, one row per [`Dimension`] in
    /// its order.
    fn compare(&self, other: &dyn Compare) -> Comparison {
        let (a, b) = (self.profile(), other.profile());
        Comparison {
            left: self.label().into_owned(),
            right: other.label().into_owned(),
            rows: Dimension::ALL
                .iter()
                .map(|&d| ComparisonRow { dimension: d, left: a.get(d), right: b.get(d) })
                .collect(),
        }
    }

    /// Gower's distance from this item to `other` (the reference) on
    /// profile dimensions, with equal weights; `None` if they share no
    /// dimension.
    fn distance(&self, other: &dyn Compare) -> Option<Distance> {
        Gower::new().profile_distance(&self.profile(), &other.profile())
    }

    /// The distance from this item to `other` (the reference) under any
    /// measure; `Ok(None)` if they share no dimension the measure weighs.
    ///
    /// # Errors
    ///
    /// What the measure reports: [`Error::OutOfRange`] for a per-dimension
    /// dissimilarity outside `[0, 1]`, [`Error::NonFinite`] or
    /// [`Error::Negative`] for a bad weight.
    fn distance_with(&self, other: &dyn Compare, metric: &dyn ProfileMetric) -> Result<Option<Distance>, Error> {
        metric.distance(&self.profile(), &other.profile())
    }
}

impl Compare for Town {
    fn label(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.name().english())
    }
    fn profile(&self) -> Cow<'_, Profile> {
        Cow::Borrowed(Town::profile(self))
    }
}

impl Compare for Archetype {
    fn label(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.name())
    }
    fn profile(&self) -> Cow<'_, Profile> {
        Cow::Borrowed(Archetype::profile(self))
    }
}

impl Compare for Profile {
    fn label(&self) -> Cow<'_, str> {
        Cow::Borrowed("Profile")
    }
    fn profile(&self) -> Cow<'_, Profile> {
        Cow::Borrowed(self)
    }
}

impl<T: Compare + ?Sized> Compare for &T {
    fn label(&self) -> Cow<'_, str> {
        (**self).label()
    }
    fn profile(&self) -> Cow<'_, Profile> {
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
