//! The measure trait, the per-dimension dissimilarity helper, and the
//! explained [`Distance`] every measure returns.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};

use crate::macros::vocabulary;
use crate::{Dimension, DimensionKind, DimensionValue, Error, Profile, ValueRef};

vocabulary! {
    /// A town's key facts as numeric features for
    /// [`FittedGower::towns`](super::FittedGower::towns).
    ///
    /// # Source
    ///
    /// Talk, "Key facts" slides.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::KeyFact;
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
/// use regdev::Feature;
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

impl Feature {
    /// The feature's snake_case id: the dimension's or the key fact's.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Feature, KeyFact};
    /// assert_eq!(Feature::KeyFact(KeyFact::Gdp).id(), "gdp");
    /// ```
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Feature::Dimension(d) => d.id(),
            Feature::KeyFact(k) => k.id(),
        }
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
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
    /// assert!(d.contributions().iter().all(|c| matches!(c.feature(), regdev::Feature::Dimension(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn feature(&self) -> Feature {
        self.feature
    }

    /// The feature's own dissimilarity `dᵢ`, in `[0, 1]`.
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

    /// The feature's weight `wᵢ`, as the measure gave it (before
    /// renormalisation).
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

/// A distance from a subject to a reference, with what it rests on and its
/// explanation. Built by any [`ProfileMetric`] with [`Distance::new`].
///
/// Serializes as `{"value", "compared", "coverage", "contributions",
/// "uncompared"}`, `compared` being the number of features compared.
///
/// # Example
///
/// ```
/// use regdev::Compare;
/// let atlas = regdev::Atlas::builtin();
/// let d = atlas.town("kunshan").ok_or("?")?.distance(atlas.town("shunde").ok_or("?")?).ok_or("?")?;
/// assert!((d.value() - 0.9).abs() < 1e-9); // they agree on one dimension of ten (export)
/// assert_eq!(d.coverage(), 1.0);
/// println!("{}", d.explain());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Distance {
    value: f64,
    coverage: f64,
    /// This distance's contributions are `shared[start..end]`; the list may
    /// be shared with the other distances of one classification, so that
    /// classifying a town allocates it once (see `classify_all`).
    shared: Arc<[Contribution]>,
    start: u32,
    end: u32,
    uncompared: Features,
}

impl PartialEq for Distance {
    fn eq(&self, other: &Distance) -> bool {
        self.value == other.value
            && self.coverage == other.coverage
            && self.contributions() == other.contributions()
            && self.uncompared() == other.uncompared()
    }
}

impl core::fmt::Debug for Distance {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Distance")
            .field("value", &self.value)
            .field("coverage", &self.coverage)
            .field("contributions", &self.contributions())
            .field("uncompared", &self.uncompared())
            .finish()
    }
}

/// How many uncompared features a distance holds without allocating: every
/// profile dimension and key fact, so Gower's never allocate.
const INLINE: usize = 16;

/// A short list of features, inline up to [`INLINE`].
#[derive(Clone)]
enum Features {
    Inline(u8, [Feature; INLINE]),
    Heap(Box<[Feature]>),
}

impl Features {
    fn of(features: impl ExactSizeIterator<Item = Feature>) -> Features {
        if features.len() <= INLINE {
            let mut items = [Feature::Dimension(Dimension::Dynamics); INLINE];
            let mut n = 0u8;
            for (slot, f) in items.iter_mut().zip(features) {
                *slot = f;
                n += 1;
            }
            Features::Inline(n, items)
        } else {
            Features::Heap(features.collect())
        }
    }

    fn as_slice(&self) -> &[Feature] {
        match self {
            Features::Inline(n, items) => items.get(..usize::from(*n)).unwrap_or_default(),
            Features::Heap(items) => items,
        }
    }
}

/// A distance whose contributions sit in a list being filled for several
/// distances at once (see [`Distance::push_slices`]); made a [`Distance`]
/// by [`Pending::finish`] once the list is shared.
pub(crate) struct Pending {
    value: f64,
    coverage: f64,
    start: u32,
    end: u32,
    uncompared: Features,
}

impl Pending {
    /// The distance, reading its contributions from `shared` (the list
    /// [`Distance::push_slices`] filled).
    pub(crate) fn finish(self, shared: &Arc<[Contribution]>) -> Distance {
        Distance {
            value: self.value,
            coverage: self.coverage,
            shared: Arc::clone(shared),
            start: self.start,
            end: self.end,
            uncompared: self.uncompared,
        }
    }
}

impl Serialize for Distance {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Distance", 5)?;
        s.serialize_field("value", &self.value)?;
        s.serialize_field("compared", &self.compared())?;
        s.serialize_field("coverage", &self.coverage)?;
        s.serialize_field("contributions", self.contributions())?;
        s.serialize_field("uncompared", self.uncompared())?;
        s.end()
    }
}

fn check_weight(w: f64) -> Result<f64, Error> {
    if !w.is_finite() {
        return Err(Error::NonFinite { quantity: "feature weight", value: w });
    }
    if w < 0.0 {
        return Err(Error::Negative { quantity: "feature weight", value: w });
    }
    Ok(w)
}

impl Distance {
    /// Builds a distance from its parts, for measures of your own.
    ///
    /// `compared` lists, for each feature both sides have, its
    /// dissimilarity `dᵢ ∈ [0, 1]` and weight `wᵢ ≥ 0`; `uncompared` lists
    /// the features the reference has (with their weights) that were not
    /// compared, because the subject lacks them or the measure does not
    /// compare them. Features of weight 0 are left out of both. The value
    /// is `Σ wᵢ·dᵢ / Σ wᵢ`, the [coverage](Distance::coverage)
    /// `Σ compared w / (Σ compared w + Σ uncompared w)`. Weights are divided
    /// by the largest one first, so any finite weights give a finite total.
    ///
    /// Returns `Ok(None)` when no feature of positive weight was compared.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for a dissimilarity outside `[0, 1]` (or NaN);
    /// [`Error::NonFinite`] or [`Error::Negative`] for a bad weight.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Dimension;
    /// use regdev::{Distance, Feature};
    /// let d = Distance::new(
    ///     [(Feature::Dimension(Dimension::Dynamics), 1.0, 1.0), (Feature::Dimension(Dimension::Ownership), 0.0, 3.0)],
    ///     [(Feature::Dimension(Dimension::RiskLevel), 4.0)],
    /// )?
    /// .ok_or("nothing compared")?;
    /// assert_eq!(d.value(), 0.25);
    /// assert_eq!(d.compared(), 2);
    /// assert_eq!(d.coverage(), 0.5);
    /// assert!(Distance::new([(Feature::Dimension(Dimension::Dynamics), 1.5, 1.0)], []).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        compared: impl IntoIterator<Item = (Feature, f64, f64)>,
        uncompared: impl IntoIterator<Item = (Feature, f64)>,
    ) -> Result<Option<Distance>, Error> {
        let mut parts: Vec<(Feature, f64, f64)> = Vec::new();
        for (feature, d, w) in compared {
            if !(0.0..=1.0).contains(&d) {
                return Err(Error::OutOfRange { setting: "dissimilarity", value: d, min: 0.0, max: 1.0 });
            }
            if check_weight(w)? > 0.0 {
                parts.push((feature, d, w));
            }
        }
        let mut missing: Vec<(Feature, f64)> = Vec::new();
        for (feature, w) in uncompared {
            if check_weight(w)? > 0.0 {
                missing.push((feature, w));
            }
        }
        Ok(Distance::from_checked(parts, missing))
    }

    /// [`Distance::new`] on parts already checked: `dᵢ ∈ [0, 1]`, weights
    /// finite and positive.
    pub(crate) fn from_checked(parts: Vec<(Feature, f64, f64)>, missing: Vec<(Feature, f64)>) -> Option<Distance> {
        Distance::from_slices(&parts, &missing)
    }

    /// [`Distance::from_checked`] on borrowed parts (one allocation, for
    /// the contributions).
    pub(crate) fn from_slices(parts: &[(Feature, f64, f64)], missing: &[(Feature, f64)]) -> Option<Distance> {
        let mut buf = Vec::with_capacity(parts.len());
        let pending = Distance::push_slices(parts, missing, &mut buf)?;
        Some(pending.finish(&Arc::from(buf)))
    }

    /// [`Distance::from_checked`] with the contributions appended to `buf`,
    /// so that the distances of one classification share one list.
    pub(crate) fn push_slices(
        parts: &[(Feature, f64, f64)],
        missing: &[(Feature, f64)],
        buf: &mut Vec<Contribution>,
    ) -> Option<Pending> {
        let max = parts.iter().map(|p| p.2).chain(missing.iter().map(|m| m.1)).fold(0.0_f64, f64::max);
        if parts.is_empty() || max <= 0.0 {
            return None;
        }
        let total: f64 = parts.iter().map(|p| p.2 / max).sum();
        let absent: f64 = missing.iter().map(|m| m.1 / max).sum();
        if total <= 0.0 {
            return None;
        }
        let start = buf.len();
        buf.extend(parts.iter().map(|&(feature, distance, weight)| Contribution {
            feature,
            distance,
            weight,
            contribution: (weight / max) * distance / total,
        }));
        let value = buf.get(start..).unwrap_or_default().iter().map(|c| c.contribution).sum::<f64>().clamp(0.0, 1.0);
        let coverage = (total / (total + absent)).clamp(0.0, 1.0);
        let index = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        Some(Pending {
            value,
            coverage,
            start: index(start),
            end: index(buf.len()),
            uncompared: Features::of(missing.iter().map(|m| m.0)),
        })
    }

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

    /// The number of features compared.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Wenzhou.archetype();
    /// assert_eq!(a.distance(&a).ok_or("?")?.compared(), a.profile().len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn compared(&self) -> usize {
        self.contributions().len()
    }

    /// The features compared, in feature order.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Wenzhou.archetype();
    /// assert!(a.distance(&a).ok_or("?")?.features().any(|f| f.id() == "dynamics"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn features(&self) -> impl Iterator<Item = Feature> + '_ {
        self.contributions().iter().map(|c| c.feature)
    }

    /// The features the reference has (with a positive weight) that were
    /// not compared.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, DimensionValue, Profile};
    /// use regdev::Dynamics;
    /// let thin = Profile::default().with(DimensionValue::Dynamics(Dynamics::GovernmentLed));
    /// let sunan = regdev::RegionalModel::Sunan.archetype();
    /// let d = thin.distance(&sunan).ok_or("?")?;
    /// assert_eq!(d.uncompared().len(), sunan.profile().len() - 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn uncompared(&self) -> &[Feature] {
        self.uncompared.as_slice()
    }

    /// The share of the reference's weighted features that both sides
    /// have, in `[0, 1]` (see [coverage](crate::Compare#coverage)).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, DimensionValue, Profile};
    /// use regdev::Dynamics;
    /// let thin = Profile::default().with(DimensionValue::Dynamics(Dynamics::GovernmentLed));
    /// let sunan = regdev::RegionalModel::Sunan.archetype();
    /// let d = thin.distance(&sunan).ok_or("?")?;
    /// assert_eq!(d.value(), 0.0); // one matching dimension...
    /// assert_eq!(d.coverage(), 1.0 / sunan.profile().len() as f64); // ...out of five
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn coverage(&self) -> f64 {
        self.coverage
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
        self.shared.get(self.start as usize..self.end as usize).unwrap_or_default()
    }

    /// A readable, line-per-feature explanation, ending with the features
    /// of the reference that were not compared.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Wenzhou.archetype();
    /// let text = a.distance(&a).ok_or("?")?.explain();
    /// assert!(text.contains("Dynamics"));
    /// assert!(text.contains("coverage 1.00"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn explain(&self) -> String {
        let n = self.compared();
        let mut out = format!(
            "distance {:.3} over {n} feature{}, coverage {:.2}\n",
            self.value,
            if n == 1 { "" } else { "s" },
            self.coverage
        );
        for c in self.contributions() {
            out.push_str(&format!(
                "  {:<36} d={:.3} w={:.2} contributes {:.3}\n",
                c.feature.to_string(),
                c.distance,
                c.weight,
                c.contribution
            ));
        }
        if !self.uncompared().is_empty() {
            let names: Vec<String> = self.uncompared().iter().map(ToString::to_string).collect();
            out.push_str(&format!("  not compared: {}\n", names.join(", ")));
        }
        out
    }
}

/// A distance measure between profiles.
///
/// A measure gives each [`Dimension`] a weight and each pair of values of a
/// dimension a dissimilarity in `[0, 1]`; the provided
/// [`ProfileMetric::distance`] combines them into a weighted mean over the
/// dimensions both profiles have, with its coverage of the reference's
/// weighted dimensions, as a [`Distance`]. Classification, ranking,
/// [`Distance::explain`] and `Display` work the same for every measure.
///
/// Implemented by [`Gower`](super::Gower),
/// [`FittedGower`](super::FittedGower) and [`SimpleMatching`].
///
/// # Example
///
/// A measure that only looks at who drives development:
///
/// ```
/// use regdev::{Compare, Dimension, DimensionValue, RegionalModel};
/// use regdev::{classify, ProfileMetric};
///
/// struct DynamicsOnly;
/// impl ProfileMetric for DynamicsOnly {
///     fn name(&self) -> &str { "dynamics only" }
///     fn weight_of(&self, d: Dimension) -> f64 { if d == Dimension::Dynamics { 1.0 } else { 0.0 } }
///     fn dissimilarity(&self, _: Dimension, a: &DimensionValue, b: &DimensionValue) -> Option<f64> {
///         regdev::dissimilarity(a, b)
///     }
/// }
///
/// let archetypes: Vec<_> = RegionalModel::ALL.iter().map(|m| m.archetype()).collect();
/// let kunshan = regdev::Atlas::builtin().town("kunshan").ok_or("?")?;
/// let c = classify(kunshan, &archetypes, &DynamicsOnly)?;
/// assert_eq!(c.best().map(|r| r.archetype().as_str()), Some("sunan"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait ProfileMetric {
    /// A short name for headings: `"Gower"`, `"simple matching"`.
    fn name(&self) -> &str;

    /// The weight of a dimension: finite and not negative; 0 leaves it
    /// out. Default 1.
    fn weight_of(&self, dimension: Dimension) -> f64 {
        let _ = dimension;
        1.0
    }

    /// The dissimilarity of two values of `dimension`, in `[0, 1]`;
    /// `None` if this measure does not compare them (the dimension then
    /// counts as not compared).
    fn dissimilarity(&self, dimension: Dimension, a: &DimensionValue, b: &DimensionValue) -> Option<f64>;

    /// The distance from `subject` to `reference`: the weighted mean of
    /// [`ProfileMetric::dissimilarity`] over the dimensions both have, with
    /// coverage relative to `reference`; `Ok(None)` if none was compared.
    ///
    /// # Errors
    ///
    /// As [`Distance::new`]: a dissimilarity outside `[0, 1]` or a bad
    /// weight.
    fn distance(&self, subject: &Profile, reference: &Profile) -> Result<Option<Distance>, Error> {
        let mut compared = Vec::new();
        let mut uncompared = Vec::new();
        for &d in Dimension::ALL {
            let w = self.weight_of(d);
            let Some(r) = reference.get(d) else { continue };
            let part = subject.get(d).and_then(|s| self.dissimilarity(d, &s, &r));
            match part {
                Some(x) => compared.push((Feature::Dimension(d), x, w)),
                None => uncompared.push((Feature::Dimension(d), w)),
            }
        }
        Distance::new(compared, uncompared)
    }

    /// If this measure is Gower's distance on profile dimensions, the
    /// [`Gower`](super::Gower) it is; batch code such as
    /// [`classify_all`](super::classify_all) then uses the encoded fast
    /// path, with the same results. Default `None`.
    fn as_gower(&self) -> Option<&super::Gower> {
        None
    }
}

/// Jaccard distance of two sets; two empty sets are at distance 0.
fn jaccard<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    let both = a.intersection(b).count();
    let union = a.len() + b.len() - both;
    if union == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let share = both as f64 / union as f64;
    1.0 - share
}

/// Gower's per-dimension dissimilarity of two values, in `[0, 1]`:
/// nominal values 0 if equal else 1; ordinal values
/// `|rank_a − rank_b| / (levels − 1)`; sets the Jaccard distance. `None`
/// when the values belong to different dimensions.
///
/// The building block for measures of your own (see [`ProfileMetric`]).
///
/// # Example
///
/// ```
/// use std::collections::BTreeSet;
/// use regdev::{DimensionValue, Scale};
/// use regdev::dissimilarity;
/// use regdev::{Dynamics, RiskLevel};
///
/// let (low, high) = (DimensionValue::RiskLevel(RiskLevel::Low), DimensionValue::RiskLevel(RiskLevel::High));
/// assert_eq!(dissimilarity(&low, &high), Some(1.0));
/// let a = DimensionValue::EconomicLinkages(BTreeSet::from([Scale::Local, Scale::Regional]));
/// let b = DimensionValue::EconomicLinkages(BTreeSet::from([Scale::Regional]));
/// assert_eq!(dissimilarity(&a, &b), Some(0.5));
/// assert_eq!(dissimilarity(&low, &DimensionValue::Dynamics(Dynamics::GovernmentLed)), None);
/// ```
#[must_use]
pub fn dissimilarity(a: &DimensionValue, b: &DimensionValue) -> Option<f64> {
    let dim = a.dimension();
    if b.dimension() != dim {
        return None;
    }
    view_dissimilarity(dim, a.view(), b.view())
}

/// [`dissimilarity`] on borrowed views of two values of `dim`.
pub(super) fn view_dissimilarity(dim: Dimension, a: ValueRef<'_>, b: ValueRef<'_>) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)]
    let d = match (a, b) {
        (ValueRef::Index(x), ValueRef::Index(y)) => match dim.levels() {
            Some(levels) => x.abs_diff(y) as f64 / levels.saturating_sub(1).max(1) as f64,
            None => f64::from(u8::from(x != y)),
        },
        (ValueRef::Indices(x), ValueRef::Indices(y)) => {
            let union = (x | y).count_ones();
            if union == 0 { 0.0 } else { 1.0 - f64::from((x & y).count_ones()) / f64::from(union) }
        }
        (ValueRef::Places(x), ValueRef::Places(y)) => jaccard(x, y),
        _ => return None,
    };
    Some(d.clamp(0.0, 1.0))
}

/// The simple matching distance (a normalised Hamming distance) on the
/// nominal dimensions: the share of nominal dimensions, among those both
/// profiles have, on which they differ. Ordinal and set dimensions are
/// not compared (they show as not compared, lowering coverage).
///
/// The classic measure of case-oriented comparison of categorical
/// profiles: every mismatch counts the same, every dimension weighs the
/// same.
///
/// # Source
///
/// Sokal, R. R. & Michener, C. D. (1958), "A statistical method for
/// evaluating systematic relationships", *University of Kansas Science
/// Bulletin* 38:1409–1438 (the simple matching coefficient; its complement
/// is the distance).
///
/// # Example
///
/// ```
/// use regdev::{Compare, RegionalModel};
/// use regdev::SimpleMatching;
/// let (sunan, prd) = (RegionalModel::Sunan.archetype(), RegionalModel::PearlRiverDelta.archetype());
/// let d = sunan.distance_with(&prd, &SimpleMatching)?.ok_or("nothing shared")?;
/// assert!(d.value() > 0.5);
/// assert!(d.features().all(|f| matches!(f, regdev::Feature::Dimension(d) if d.kind() == regdev::DimensionKind::Nominal)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SimpleMatching;

impl ProfileMetric for SimpleMatching {
    fn name(&self) -> &str {
        "simple matching"
    }

    fn dissimilarity(&self, dimension: Dimension, a: &DimensionValue, b: &DimensionValue) -> Option<f64> {
        (dimension.kind() == DimensionKind::Nominal && a.dimension() == dimension && b.dimension() == dimension)
            .then(|| if a == b { 0.0 } else { 1.0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_set_dimension_has_a_jaccard() {
        // A set dimension added to the vocabulary without an arm in
        // `set_dissimilarity` would fail here.
        let atlas = crate::Atlas::builtin();
        let profiles: Vec<&Profile> =
            atlas.towns().map(crate::Town::profile).chain(atlas.archetypes().map(crate::Archetype::profile)).collect();
        for &d in Dimension::ALL.iter().filter(|d| d.kind() == DimensionKind::Set) {
            let value = profiles.iter().find_map(|p| p.get(d));
            let v = value.as_ref().map(|v| dissimilarity(v, v));
            assert_eq!(v, Some(Some(0.0)), "{d:?}");
        }
    }

    #[test]
    fn huge_weights_do_not_overflow() {
        let f = |d| Feature::Dimension(d);
        let big = Distance::new([(f(Dimension::Dynamics), 1.0, 1e308), (f(Dimension::Ownership), 0.0, 1e308)], [])
            .ok()
            .flatten()
            .map(|d| (d.value(), d.coverage()));
        assert_eq!(big, Some((0.5, 1.0)));
    }
}
