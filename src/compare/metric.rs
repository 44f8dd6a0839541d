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
/// let total: f64 = d.contributions().map(|c| c.contribution()).sum();
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
    /// assert!(d.contributions().all(|c| matches!(c.feature(), regdev::Feature::Dimension(_))));
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
    /// assert!(a.distance(&a).ok_or("?")?.contributions().all(|c| c.distance() == 0.0));
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
    /// assert!(a.distance(&a).ok_or("?")?.contributions().all(|c| c.weight() == 1.0));
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
    /// assert!(a.distance(&a).ok_or("?")?.contributions().all(|c| c.contribution() == 0.0));
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
/// A distance whose features come in feature order, each once, with at
/// most six compared (every distance to a built-in archetype), is held
/// inline, without allocating, when each dissimilarity is exactly 0 or 1
/// or is one of Gower's on vocabulary values (as in
/// [`classify_all`](super::classify_all)): its
/// [contributions](Distance::contributions) are computed when read, from
/// the stored dissimilarities and weights, with the same arithmetic that
/// gave the value. Any other distance keeps its parts in one shared
/// allocation.
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
    pub(super) parts: Parts,
}

/// The number of features: every profile dimension and key fact.
const FEATURES: usize = Dimension::ALL.len() + KeyFact::ALL.len();

// A feature set is a `u16` bit mask.
const _: () = assert!(FEATURES <= 16);

/// How many compared features a distance holds inline: as many as the
/// largest built-in archetype has dimensions, so that classifying against
/// the built-in archetypes never allocates a distance.
pub(super) const INLINE_PARTS: usize = 6;

/// A feature's position: dimensions in [`Dimension::ALL`] order, then key
/// facts in [`KeyFact::ALL`] order (the order of [`Feature`]'s `Ord`).
pub(super) fn feature_index(f: Feature) -> usize {
    match f {
        Feature::Dimension(d) => d as usize,
        Feature::KeyFact(k) => Dimension::ALL.len() + k as usize,
    }
}

fn feature_at(i: usize) -> Option<Feature> {
    match i.checked_sub(Dimension::ALL.len()) {
        None => Dimension::ALL.get(i).copied().map(Feature::Dimension),
        Some(k) => KeyFact::ALL.get(k).copied().map(Feature::KeyFact),
    }
}

/// The weights of an inline distance's features.
#[derive(Clone, Debug)]
pub(super) enum Weights {
    /// Every feature weighs the same (every built-in measure by default).
    Uniform(f64),
    /// One weight per feature position (see [`feature_index`]), shared by
    /// the distances of a run.
    PerFeature(Arc<[f64; FEATURES]>),
}

impl Weights {
    /// A shared per-feature table of `weight_of`, or `Uniform` when every
    /// feature of positive weight weighs the same (a feature of weight 0
    /// is never part of a distance).
    pub(super) fn of(weight_of: impl Fn(Feature) -> f64) -> Weights {
        let table: [f64; FEATURES] = core::array::from_fn(|i| feature_at(i).map_or(0.0, &weight_of));
        let mut positive = table.iter().copied().filter(|&w| w > 0.0);
        match positive.next() {
            Some(w) if positive.all(|x| x == w) => Weights::Uniform(w),
            _ => Weights::PerFeature(Arc::new(table)),
        }
    }

    fn get(&self, i: usize) -> f64 {
        match self {
            Weights::Uniform(w) => *w,
            Weights::PerFeature(t) => t.get(i).copied().unwrap_or(0.0),
        }
    }
}

/// A dissimilarity held exactly in two bytes: `a / b` or `1 − a / b`,
/// `0 ≤ a ≤ b`, `1 ≤ b ≤ 127`, evaluated in `f64` as written. Every
/// per-dimension dissimilarity Gower's distance gives on encoded values
/// (nominal 0 or 1, ordinal steps over levels − 1, the Jaccard distance of
/// sets of up to 64 members) has this form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Ratio(u16);

impl Ratio {
    /// 0 / 1.
    pub(super) const ZERO: Ratio = Ratio(1 << 7);
    /// 1 / 1.
    pub(super) const ONE: Ratio = Ratio(1 << 7 | 1);

    /// `a / b`, or `1 − a / b` when `one_minus`; `None` out of range.
    pub(super) fn new(one_minus: bool, a: u32, b: u32) -> Option<Ratio> {
        let (a, b) = (u16::try_from(a).ok()?, u16::try_from(b).ok()?);
        (1..=127).contains(&b).then_some(()).filter(|()| a <= b)?;
        Some(Ratio(u16::from(one_minus) << 15 | b << 7 | a))
    }

    /// The dissimilarity, computed as [`Ratio::new`] says.
    pub(super) fn value(self) -> f64 {
        let (a, b) = (self.0 & 0x7f, (self.0 >> 7) & 0x7f);
        let q = f64::from(a) / f64::from(b);
        if self.0 & 0x8000 == 0 { q } else { 1.0 - q }
    }

    /// The ratio of exactly 0.0 or 1.0 (a nominal dissimilarity, or a
    /// measure's own of this kind); `None` for any other value.
    fn of(d: f64) -> Option<Ratio> {
        if d.to_bits() == 0.0_f64.to_bits() {
            Some(Ratio::ZERO)
        } else if d.to_bits() == 1.0_f64.to_bits() {
            Some(Ratio::ONE)
        } else {
            None
        }
    }
}

#[derive(Clone)]
pub(super) enum Parts {
    /// Features in feature order, each once, at most [`INLINE_PARTS`]
    /// compared, every dissimilarity a [`Ratio`]: bit masks of the
    /// compared and uncompared features, the compared features'
    /// dissimilarities in order, and the weights.
    Inline { compared: u16, uncompared: u16, weights: Weights, d: [Ratio; INLINE_PARTS] },
    /// Anything else, shared.
    Listed(Arc<Listed>),
}

pub(super) struct Listed {
    contributions: Vec<Contribution>,
    uncompared: Vec<Feature>,
}

/// `max` and `total` of [`Distance::from_slices`]: the largest weight, and
/// the compared weights divided by it, summed in order.
fn scale(weights: impl Iterator<Item = f64> + Clone, missing: impl Iterator<Item = f64>) -> (f64, f64) {
    let max = weights.clone().chain(missing).fold(0.0_f64, f64::max);
    (max, weights.map(|w| w / max).sum())
}

/// One feature's contribution, `wᵢ·dᵢ / Σ w` with the weights divided by
/// the largest first: the one formula both representations use.
fn contribution(feature: Feature, distance: f64, weight: f64, max: f64, total: f64) -> Contribution {
    Contribution { feature, distance, weight, contribution: (weight / max) * distance / total }
}

impl PartialEq for Distance {
    fn eq(&self, other: &Distance) -> bool {
        self.value == other.value
            && self.coverage == other.coverage
            && self.contributions().eq(other.contributions())
            && self.uncompared().eq(other.uncompared())
    }
}

impl core::fmt::Debug for Distance {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Distance")
            .field("value", &self.value)
            .field("coverage", &self.coverage)
            .field("contributions", &self.contributions().collect::<Vec<_>>())
            .field("uncompared", &self.uncompared().collect::<Vec<_>>())
            .finish()
    }
}

/// The [contributions](Distance::contributions) of a [`Distance`], in
/// order: an iterator of [`Contribution`]s.
///
/// # Example
///
/// ```
/// use regdev::Compare;
/// let a = regdev::RegionalModel::Wenzhou.archetype();
/// let d = a.distance(&a).ok_or("?")?;
/// let parts = d.contributions();
/// assert_eq!(parts.len(), a.profile().len());
/// assert!(!parts.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Contributions<'a> {
    inner: ContributionsInner<'a>,
}

#[derive(Clone)]
enum ContributionsInner<'a> {
    Inline { left: u16, d: core::slice::Iter<'a, Ratio>, weights: &'a Weights, max: f64, total: f64 },
    Listed(core::slice::Iter<'a, Contribution>),
}

impl Contributions<'_> {
    /// Whether there is none left.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Sunan.archetype();
    /// assert!(!a.distance(&a).ok_or("?")?.contributions().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Iterator for Contributions<'_> {
    type Item = Contribution;

    fn next(&mut self) -> Option<Contribution> {
        match &mut self.inner {
            ContributionsInner::Inline { left, d, weights, max, total } => {
                if *left == 0 {
                    return None;
                }
                let i = left.trailing_zeros() as usize;
                *left &= *left - 1;
                let (feature, distance) = (feature_at(i)?, d.next()?.value());
                Some(contribution(feature, distance, weights.get(i), *max, *total))
            }
            ContributionsInner::Listed(it) => it.next().copied(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match &self.inner {
            ContributionsInner::Inline { left, .. } => left.count_ones() as usize,
            ContributionsInner::Listed(it) => it.len(),
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Contributions<'_> {}

impl core::fmt::Debug for Contributions<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// The features of a [`Distance`] that were not compared
/// ([`Distance::uncompared`]), in order: an iterator of [`Feature`]s.
///
/// # Example
///
/// ```
/// use regdev::{Compare, DimensionValue, Dynamics, Profile};
/// let thin = Profile::default().with(DimensionValue::Dynamics(Dynamics::GovernmentLed));
/// let sunan = regdev::RegionalModel::Sunan.archetype();
/// let d = thin.distance(&sunan).ok_or("?")?;
/// let left_out = d.uncompared();
/// assert_eq!(left_out.len(), 4);
/// assert!(!left_out.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Uncompared<'a> {
    inner: FeaturesInner<'a>,
}

#[derive(Clone)]
enum FeaturesInner<'a> {
    Mask(u16),
    Listed(core::slice::Iter<'a, Feature>),
}

impl Uncompared<'_> {
    /// Whether there is none left.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::Compare;
    /// # let a = regdev::RegionalModel::Sunan.archetype();
    /// assert!(a.distance(&a).ok_or("?")?.uncompared().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Iterator for Uncompared<'_> {
    type Item = Feature;

    fn next(&mut self) -> Option<Feature> {
        match &mut self.inner {
            FeaturesInner::Mask(left) => {
                if *left == 0 {
                    return None;
                }
                let i = left.trailing_zeros() as usize;
                *left &= *left - 1;
                feature_at(i)
            }
            FeaturesInner::Listed(it) => it.next().copied(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match &self.inner {
            FeaturesInner::Mask(left) => left.count_ones() as usize,
            FeaturesInner::Listed(it) => it.len(),
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Uncompared<'_> {}

impl core::fmt::Debug for Uncompared<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// Serializes an iterator as a sequence.
pub(super) struct Seq<I>(pub(super) I);

impl<I> Serialize for Seq<I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

impl Serialize for Distance {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Distance", 5)?;
        s.serialize_field("value", &self.value)?;
        s.serialize_field("compared", &self.compared())?;
        s.serialize_field("coverage", &self.coverage)?;
        s.serialize_field("contributions", &Seq(self.contributions()))?;
        s.serialize_field("uncompared", &Seq(self.uncompared()))?;
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

/// The bit mask of `features` if they are in feature order, each once.
fn ordered_mask(features: impl Iterator<Item = Feature>) -> Option<u16> {
    let mut mask = 0u16;
    let mut last = None;
    for f in features {
        let i = feature_index(f);
        if last.is_some_and(|l| l >= i) {
            return None;
        }
        last = Some(i);
        mask |= 1u16.checked_shl(u32::try_from(i).ok()?)?;
    }
    Some(mask)
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
        // On the stack for as many features as there are, the usual case.
        let placeholder = Feature::Dimension(Dimension::Dynamics);
        let mut parts = Buffer::new((placeholder, 0.0, 0.0));
        for (feature, d, w) in compared {
            if !(0.0..=1.0).contains(&d) {
                return Err(Error::OutOfRange { setting: "dissimilarity", value: d, min: 0.0, max: 1.0 });
            }
            if check_weight(w)? > 0.0 {
                parts.push((feature, d, w));
            }
        }
        let mut missing = Buffer::new((placeholder, 0.0));
        for (feature, w) in uncompared {
            if check_weight(w)? > 0.0 {
                missing.push((feature, w));
            }
        }
        Ok(Distance::from_slices(parts.as_slice(), missing.as_slice()))
    }

    /// [`Distance::new`] on parts already checked: `dᵢ ∈ [0, 1]`, weights
    /// finite and positive.
    pub(crate) fn from_slices(parts: &[(Feature, f64, f64)], missing: &[(Feature, f64)]) -> Option<Distance> {
        Distance::build(parts, missing, None)
    }

    /// [`Distance::from_slices`]; an inline distance uses `shared` for its
    /// weights when they agree with it (a run's measure, shared by all its
    /// distances), rather than a table of its own.
    pub(super) fn build(
        parts: &[(Feature, f64, f64)],
        missing: &[(Feature, f64)],
        shared: Option<&Weights>,
    ) -> Option<Distance> {
        let (max, total) = scale(parts.iter().map(|p| p.2), missing.iter().map(|m| m.1));
        if parts.is_empty() || max <= 0.0 || total <= 0.0 {
            return None;
        }
        let absent: f64 = missing.iter().map(|m| m.1 / max).sum();
        let coverage = (total / (total + absent)).clamp(0.0, 1.0);
        let value =
            parts.iter().map(|&(f, d, w)| contribution(f, d, w, max, total).contribution).sum::<f64>().clamp(0.0, 1.0);
        let mut d = [Ratio::ZERO; INLINE_PARTS];
        let ratios = parts.len() <= INLINE_PARTS
            && d.iter_mut().zip(parts).all(|(slot, p)| Ratio::of(p.1).map(|r| *slot = r).is_some());
        let inline = ratios
            .then(|| ordered_mask(parts.iter().map(|p| p.0)).zip(ordered_mask(missing.iter().map(|m| m.0))))
            .flatten()
            .filter(|(c, u)| c & u == 0);
        let parts = match inline {
            Some((compared, uncompared)) => {
                let weighed = parts.iter().map(|p| (p.0, p.2)).chain(missing.iter().copied());
                let weights = match shared {
                    Some(s) if weighed.clone().all(|(f, w)| s.get(feature_index(f)) == w) => s.clone(),
                    _ => match parts.first().map(|p| p.2) {
                        Some(w) if weighed.clone().all(|(_, x)| x == w) => Weights::Uniform(w),
                        _ => {
                            let mut table = [0.0; FEATURES];
                            for (f, w) in weighed {
                                if let Some(slot) = table.get_mut(feature_index(f)) {
                                    *slot = w;
                                }
                            }
                            Weights::PerFeature(Arc::new(table))
                        }
                    },
                };
                Parts::Inline { compared, uncompared, weights, d }
            }
            None => Parts::Listed(Arc::new(Listed {
                contributions: parts.iter().map(|&(f, d, w)| contribution(f, d, w, max, total)).collect(),
                uncompared: missing.iter().map(|m| m.0).collect(),
            })),
        };
        Some(Distance { value, coverage, parts })
    }

    /// [`Distance::build`] for parts known to be in feature order, each
    /// once, with bit masks `compared` and `uncompared` of their features,
    /// weights as `weights` gives them and, when every dissimilarity is
    /// one, their [`Ratio`]s (the fast path of classification, which
    /// builds them so); the same distance, bit for bit, without checking.
    pub(super) fn build_ordered(
        parts: &[(Feature, f64, f64)],
        missing: &[(Feature, f64)],
        (compared, uncompared): (u16, u16),
        weights: &Weights,
        ratios: Option<&[Ratio]>,
    ) -> Option<Distance> {
        debug_assert_eq!(ordered_mask(parts.iter().map(|p| p.0)), Some(compared));
        debug_assert_eq!(ordered_mask(missing.iter().map(|m| m.0)), Some(uncompared));
        debug_assert!(parts.iter().all(|p| weights.get(feature_index(p.0)) == p.2));
        debug_assert!(missing.iter().all(|m| weights.get(feature_index(m.0)) == m.1));
        let Some(ratios) = ratios.filter(|r| r.len() == parts.len() && parts.len() <= INLINE_PARTS) else {
            return Distance::build(parts, missing, Some(weights));
        };
        debug_assert!(ratios.iter().zip(parts).all(|(r, p)| r.value().to_bits() == p.1.to_bits()));
        if parts.is_empty() {
            return None;
        }
        // With one weight w for all, every w / max is exactly 1: the sums
        // below are counts, and each contribution is d / total (1·d = d),
        // as the general formula gives them.
        let (max, total, absent) = match weights {
            Weights::Uniform(w) => (*w, parts.iter().map(|_| 1.0).sum(), missing.iter().map(|_| 1.0).sum()),
            Weights::PerFeature(_) => {
                let (max, total) = scale(parts.iter().map(|p| p.2), missing.iter().map(|m| m.1));
                (max, total, missing.iter().map(|m| m.1 / max).sum::<f64>())
            }
        };
        if max <= 0.0 || total <= 0.0 {
            return None;
        }
        let coverage = (total / (total + absent)).clamp(0.0, 1.0);
        let value =
            parts.iter().map(|&(f, d, w)| contribution(f, d, w, max, total).contribution).sum::<f64>().clamp(0.0, 1.0);
        let mut d = [Ratio::ZERO; INLINE_PARTS];
        for (slot, r) in d.iter_mut().zip(ratios) {
            *slot = *r;
        }
        Some(Distance { value, coverage, parts: Parts::Inline { compared, uncompared, weights: weights.clone(), d } })
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
        match &self.parts {
            Parts::Inline { compared, .. } => compared.count_ones() as usize,
            Parts::Listed(l) => l.contributions.len(),
        }
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
        self.contributions().map(|c| c.feature)
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
    pub fn uncompared(&self) -> Uncompared<'_> {
        let inner = match &self.parts {
            Parts::Inline { uncompared, .. } => FeaturesInner::Mask(*uncompared),
            Parts::Listed(l) => FeaturesInner::Listed(l.uncompared.iter()),
        };
        Uncompared { inner }
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
    pub fn contributions(&self) -> Contributions<'_> {
        let inner = match &self.parts {
            Parts::Inline { compared, uncompared, weights, d } => {
                let weight = |mask: u16| {
                    let mut left = mask;
                    core::iter::from_fn(move || {
                        let i = (left != 0).then(|| left.trailing_zeros() as usize)?;
                        left &= left - 1;
                        Some(weights.get(i))
                    })
                };
                let (max, total) = scale(weight(*compared), weight(*uncompared));
                let n = compared.count_ones() as usize;
                ContributionsInner::Inline {
                    left: *compared,
                    d: d.get(..n).unwrap_or_default().iter(),
                    weights,
                    max,
                    total,
                }
            }
            Parts::Listed(l) => ContributionsInner::Listed(l.contributions.iter()),
        };
        Contributions { inner }
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
            let names: Vec<String> = self.uncompared().map(|f| f.to_string()).collect();
            out.push_str(&format!("  not compared: {}\n", names.join(", ")));
        }
        out
    }
}

/// A list on the stack for up to [`FEATURES`] items (every feature once),
/// on the heap beyond.
pub(super) struct Buffer<T: Copy> {
    len: usize,
    stack: [T; FEATURES],
    heap: Vec<T>,
}

impl<T: Copy> Buffer<T> {
    pub(super) fn new(fill: T) -> Buffer<T> {
        Buffer { len: 0, stack: [fill; FEATURES], heap: Vec::new() }
    }

    pub(super) fn push(&mut self, item: T) {
        if self.heap.is_empty() {
            if let Some(slot) = self.stack.get_mut(self.len) {
                *slot = item;
                self.len += 1;
                return;
            }
            self.heap.extend_from_slice(&self.stack);
        }
        self.heap.push(item);
    }

    pub(super) fn as_slice(&self) -> &[T] {
        if self.heap.is_empty() { self.stack.get(..self.len).unwrap_or_default() } else { &self.heap }
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
        let placeholder = Feature::Dimension(Dimension::Dynamics);
        let mut compared = Buffer::new((placeholder, 0.0, 0.0));
        let mut uncompared = Buffer::new((placeholder, 0.0));
        for &d in Dimension::ALL {
            if !reference.is_set(d) {
                continue;
            }
            let w = self.weight_of(d);
            // Values are copied (sets allocate) only for a dimension both
            // profiles have: the trait compares owned values.
            let part = match (subject.is_set(d), reference.get(d)) {
                (true, Some(r)) => subject.get(d).and_then(|s| self.dissimilarity(d, &s, &r)),
                _ => None,
            };
            match part {
                Some(x) => compared.push((Feature::Dimension(d), x, w)),
                None => uncompared.push((Feature::Dimension(d), w)),
            }
        }
        Distance::new(compared.as_slice().iter().copied(), uncompared.as_slice().iter().copied())
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
