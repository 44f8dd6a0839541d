//! Gower's distance: the measure, its fit to an atlas (key-fact ranges and
//! currency conversions, once), and the all-pairs matrix.

use std::collections::BTreeMap;

use super::encode::{DIMS, Encoded, FACTS, Flat, FlatPlan, Interner, sum_encoded};
use super::metric::{Buffer, Distance, Feature, KeyFact, ProfileMetric, dissimilarity, view_dissimilarity};
use crate::{Atlas, Currency, Dimension, DimensionValue, Error, Money, Profile, Town};

/// A compared feature: dissimilarity and weight.
type Part = (Feature, f64, f64);

/// Gower's distance, with optional per-feature weights.
///
/// Weights default to 1 for every dimension and key fact; a weight of 0
/// drops the feature. Any finite, non-negative weights are accepted: they
/// are divided by the largest before use, so the total never overflows
/// (two weights of `1e308` weigh the same as two of 1). See
/// [`Compare`](crate::Compare#gowers-distance) for the definition.
///
/// On profiles `Gower` is a [`ProfileMetric`]; for towns with key facts,
/// [`Gower::fit`] it to an atlas first.
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
/// use regdev::Gower;
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
    /// assert_eq!(regdev::Gower::new().weight_of(regdev::Dimension::Dynamics), 1.0);
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
    /// use regdev::{Gower, Dimension};
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
    /// use regdev::{Feature, Gower, KeyFact};
    /// let g = Gower::new().feature_weight(Feature::KeyFact(KeyFact::Area), 0.0)?;
    /// assert_eq!(g.feature_weight_of(Feature::KeyFact(KeyFact::Area)), 0.0);
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
    /// use regdev::{Gower, Dimension};
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

    /// The weight of a dimension, as set.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Gower::new().weight_of(regdev::Dimension::RiskLevel), 1.0);
    /// ```
    #[must_use]
    pub fn weight_of(&self, dimension: Dimension) -> f64 {
        self.feature_weight_of(Feature::Dimension(dimension))
    }

    /// The weight of any feature, as set.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Feature, Gower, KeyFact};
    /// assert_eq!(Gower::new().feature_weight_of(Feature::KeyFact(KeyFact::Gdp)), 1.0);
    /// ```
    #[must_use]
    pub fn feature_weight_of(&self, feature: Feature) -> f64 {
        self.weights.get(&feature).copied().unwrap_or(1.0)
    }

    /// The largest weight of any feature (1 by default), by which weights
    /// are divided before use.
    fn max_weight(&self) -> f64 {
        let defaulted = Dimension::ALL.len() + KeyFact::ALL.len() > self.weights.len();
        let set = self.weights.values().copied().fold(0.0_f64, f64::max);
        if defaulted { set.max(1.0) } else { set }
    }

    /// Dimension and key-fact weights divided by the largest weight.
    fn normalised(&self) -> ([f64; DIMS], [f64; FACTS]) {
        let max = self.max_weight();
        let scale = |w: f64| if max > 0.0 { w / max } else { 0.0 };
        (
            core::array::from_fn(|k| Dimension::ALL.get(k).map_or(0.0, |&d| scale(self.weight_of(d)))),
            core::array::from_fn(|k| {
                KeyFact::ALL.get(k).map_or(0.0, |&f| scale(self.feature_weight_of(Feature::KeyFact(f))))
            }),
        )
    }

    /// Sets the currencies money facts are compared in (defaults: GDP in
    /// CNY, GDP per capita in USD). Facts in another currency are converted
    /// with the atlas's rate for their year; without a year or a rate the
    /// fact counts as missing (and shows among the distance's
    /// [uncompared](Distance::uncompared) features).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Gower, Currency};
    /// let g = Gower::new().currencies(Currency::Usd, Currency::Usd);
    /// assert_ne!(g, Gower::new());
    /// ```
    #[must_use]
    pub fn currencies(mut self, gdp: Currency, gdp_per_capita: Currency) -> Gower {
        self.gdp_currency = gdp;
        self.gdp_per_capita_currency = gdp_per_capita;
        self
    }

    /// The distance from profile `a` to profile `b` (the reference); `None`
    /// if they share no dimension with a positive weight. Infallible: every
    /// Gower weight and dissimilarity is valid by construction.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Gower, Profile};
    /// assert!(Gower::new().profiles(&Profile::default(), &Profile::default()).is_none());
    /// ```
    #[must_use]
    pub fn profiles(&self, a: &Profile, b: &Profile) -> Option<Distance> {
        let (parts, missing) = self.profile_parts(a, b);
        Distance::from_slices(parts.as_slice(), missing.as_slice())
    }

    /// Same as [`Gower::profiles`], for [`Compare::distance`](super::Compare::distance).
    pub(crate) fn profile_distance(&self, a: &Profile, b: &Profile) -> Option<Distance> {
        self.profiles(a, b)
    }

    /// The compared and uncompared dimensions, on the stack.
    fn profile_parts(&self, a: &Profile, b: &Profile) -> (Buffer<Part>, Buffer<(Feature, f64)>) {
        let placeholder = Feature::Dimension(Dimension::Dynamics);
        let mut parts = Buffer::new((placeholder, 0.0, 0.0));
        let mut missing = Buffer::new((placeholder, 0.0));
        for &d in Dimension::ALL {
            let w = self.weight_of(d);
            if w <= 0.0 {
                continue;
            }
            let Some(y) = b.view(d) else { continue };
            match a.view(d).and_then(|x| view_dissimilarity(d, x, y)) {
                Some(x) => parts.push((Feature::Dimension(d), x, w)),
                None => missing.push((Feature::Dimension(d), w)),
            }
        }
        (parts, missing)
    }

    /// Fits the measure to an atlas: the range of each key fact over its
    /// towns and every town's money facts in the comparison currencies,
    /// computed once, for [`FittedGower::towns`] and
    /// [`FittedGower::matrix`].
    ///
    /// O(n) for n towns.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Gower, KeyFact};
    /// let atlas = regdev::Atlas::builtin();
    /// let fitted = Gower::new().fit(atlas);
    /// let (lo, hi) = fitted.range(KeyFact::Area).ok_or("no area")?;
    /// assert!(lo < hi);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn fit(self, atlas: &Atlas) -> FittedGower<'_> {
        let facts: Vec<[Option<f64>; FACTS]> = atlas.towns().map(|t| town_facts(&self, atlas, t)).collect();
        let mut min = [f64::INFINITY; FACTS];
        let mut max = [f64::NEG_INFINITY; FACTS];
        for row in &facts {
            for ((v, lo), hi) in row.iter().zip(min.iter_mut()).zip(max.iter_mut()) {
                if let Some(v) = v {
                    *lo = lo.min(*v);
                    *hi = hi.max(*v);
                }
            }
        }
        FittedGower { gower: self, atlas, facts, min, max }
    }
}

impl ProfileMetric for Gower {
    fn name(&self) -> &str {
        "Gower"
    }

    fn weight_of(&self, dimension: Dimension) -> f64 {
        Gower::weight_of(self, dimension)
    }

    fn dissimilarity(&self, _dimension: Dimension, a: &DimensionValue, b: &DimensionValue) -> Option<f64> {
        dissimilarity(a, b)
    }

    fn distance(&self, subject: &Profile, reference: &Profile) -> Result<Option<Distance>, Error> {
        Ok(self.profiles(subject, reference))
    }

    fn as_gower(&self) -> Option<&Gower> {
        Some(self)
    }
}

/// A town's key facts as numbers, in [`KeyFact::ALL`] order, money in the
/// measure's currencies (converted with the atlas's rates).
fn town_facts(gower: &Gower, atlas: &Atlas, t: &Town) -> [Option<f64>; FACTS] {
    let f = t.key_facts();
    // Headline figures (format 2, issue 10): the latest observation of the
    // headline kind, never an average; see `KeyFacts::area`.
    let money = |o: Option<crate::Observed<Money>>, to: Currency| -> Option<f64> {
        atlas.convert_observed(&o?, to).ok().map(Money::amount)
    };
    #[allow(clippy::cast_precision_loss)]
    let pop = f.population().map(|p| p.value().get() as f64);
    [
        f.area().map(|a| a.value().km2()),
        pop,
        money(f.gdp(), gower.gdp_currency),
        money(f.gdp_per_capita(), gower.gdp_per_capita_currency),
    ]
}

/// [`Gower`] fitted to an atlas by [`Gower::fit`]: key-fact ranges and the
/// towns' facts in the comparison currencies, computed once.
///
/// Towns from elsewhere may be compared too; their facts are converted
/// with the fitted atlas's exchange rates when needed, and scaled by the
/// fitted ranges (a difference beyond the range counts as 1).
///
/// # Example
///
/// ```
/// use regdev::Gower;
/// let atlas = regdev::Atlas::builtin();
/// let fitted = Gower::new().fit(atlas);
/// let (kunshan, shunde) = (atlas.town("kunshan").ok_or("?")?, atlas.town("shunde").ok_or("?")?);
/// let d = fitted.towns(kunshan, shunde).ok_or("nothing shared")?;
/// assert!(d.value() > 0.7); // far apart: they agree only on export orientation
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct FittedGower<'a> {
    gower: Gower,
    atlas: &'a Atlas,
    facts: Vec<[Option<f64>; FACTS]>,
    min: [f64; FACTS],
    max: [f64; FACTS],
}

impl FittedGower<'_> {
    /// The measure that was fitted.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Gower;
    /// assert_eq!(Gower::new().fit(regdev::Atlas::builtin()).gower(), &Gower::new());
    /// ```
    #[must_use]
    pub fn gower(&self) -> &Gower {
        &self.gower
    }

    /// The fitted `(min, max)` of a key fact over the atlas's towns; `None`
    /// when no town has it.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Gower, KeyFact};
    /// let empty = regdev::Atlas::builder().build()?;
    /// assert_eq!(Gower::new().fit(&empty).range(KeyFact::Population), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn range(&self, fact: KeyFact) -> Option<(f64, f64)> {
        let i = KeyFact::ALL.iter().position(|k| *k == fact)?;
        match (self.min.get(i), self.max.get(i)) {
            (Some(&lo), Some(&hi)) if lo <= hi => Some((lo, hi)),
            _ => None,
        }
    }

    /// 1 / range of each fact; 0 when the range is 0 or unknown (every
    /// difference then counts as 0).
    fn inv_ranges(&self) -> [f64; FACTS] {
        core::array::from_fn(|i| match (self.min.get(i), self.max.get(i)) {
            (Some(lo), Some(hi)) if hi - lo > 0.0 => 1.0 / (hi - lo),
            _ => 0.0,
        })
    }

    /// A town's facts: cached when it is the fitted atlas's own town.
    fn facts_of(&self, t: &Town) -> [Option<f64>; FACTS] {
        let own = self
            .atlas
            .town_position(t.id().as_str())
            .filter(|&i| self.atlas.town_at(i).is_some_and(|mine| core::ptr::eq(mine, t)));
        match own.and_then(|i| self.facts.get(i)) {
            Some(f) => *f,
            None => town_facts(&self.gower, self.atlas, t),
        }
    }

    /// The distance from town `a` to town `b` (the reference): profile
    /// dimensions plus key facts scaled by their fitted range; `None` if
    /// they share no feature.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Gower;
    /// let atlas = regdev::Atlas::builtin();
    /// let fitted = Gower::new().fit(atlas);
    /// let d = fitted.towns(atlas.town("kunshan").ok_or("?")?, atlas.town("shunde").ok_or("?")?).ok_or("?")?;
    /// assert_eq!(d.compared(), 7 + 3 + 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn towns(&self, a: &Town, b: &Town) -> Option<Distance> {
        let (mut parts, mut missing) = self.gower.profile_parts(a.profile(), b.profile());
        let (fa, fb) = (self.facts_of(a), self.facts_of(b));
        let inv = self.inv_ranges();
        for (((&k, x), y), inv) in KeyFact::ALL.iter().zip(fa).zip(fb).zip(inv) {
            let w = self.gower.feature_weight_of(Feature::KeyFact(k));
            if w <= 0.0 {
                continue;
            }
            match (x, y) {
                (Some(x), Some(y)) => parts.push((Feature::KeyFact(k), ((x - y).abs() * inv).clamp(0.0, 1.0), w)),
                (None, Some(_)) => missing.push((Feature::KeyFact(k), w)),
                _ => {}
            }
        }
        Distance::from_slices(parts.as_slice(), missing.as_slice())
    }

    /// All-pairs distances between `towns` (profiles and key facts), as a
    /// symmetric matrix; pairs sharing no feature are `NaN`.
    ///
    /// Profiles are encoded once (sets as bit masks), so a pair costs a few
    /// dozen comparisons: O(n²·f) for n towns and f features, on all cores.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfMemory`] when the n × n matrix cannot be allocated (8·n²
    /// bytes: 200 MB for 5,000 towns, 80 GB for 100,000).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Gower;
    /// let atlas = regdev::Atlas::builtin();
    /// let m = Gower::new().fit(atlas).matrix(atlas.towns().filter(|t| !t.profile().is_empty()))?;
    /// assert_eq!(m.get(0, 0), Some(0.0));
    /// assert!(m.get(0, 1).is_some_and(|d| d > 0.0));
    /// assert_eq!(m.get(0, 1), m.get(1, 0));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn matrix<'t>(&self, towns: impl IntoIterator<Item = &'t Town>) -> Result<DistanceMatrix, Error> {
        self.matrix_counted(towns.into_iter().collect(), &crate::progress::Tally::none())
    }

    /// [`FittedGower::matrix`], reporting the pairs measured to `progress`
    /// (`n · (n − 1) / 2` for n towns, counted a row at a time; see
    /// [`Progress`](crate::Progress)).
    ///
    /// # Errors
    ///
    /// As [`FittedGower::matrix`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Gower;
    /// let atlas = regdev::Atlas::builtin();
    /// let mut last = (0, 0);
    /// let m = Gower::new().fit(atlas).matrix_with_progress(atlas.towns(), |d, t| last = (d, t))?;
    /// let n = m.len() as u64;
    /// assert_eq!(last, (n * (n - 1) / 2, n * (n - 1) / 2));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn matrix_with_progress<'t>(
        &self,
        towns: impl IntoIterator<Item = &'t Town>,
        mut progress: impl crate::Progress,
    ) -> Result<DistanceMatrix, Error> {
        let towns: Vec<&Town> = towns.into_iter().collect();
        let n = towns.len() as u64;
        let tally = crate::progress::Tally::new(&mut progress, n * n.saturating_sub(1) / 2);
        let matrix = self.matrix_counted(towns, &tally);
        tally.finish();
        matrix
    }

    // Inlined into the caller as the generic `matrix` was: 3-4% on 5,000 towns.
    #[inline]
    fn matrix_counted(&self, towns: Vec<&Town>, tally: &crate::progress::Tally<'_>) -> Result<DistanceMatrix, Error> {
        let mut interner = Interner::default();
        let encoded: Vec<Encoded> = towns.iter().map(|t| interner.encode(t.profile())).collect();
        let facts: Vec<[Option<f64>; FACTS]> = towns.iter().map(|t| self.facts_of(t)).collect();
        let (dim_w, fact_w) = self.gower.normalised();
        let inv = self.inv_ranges();
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
        let flat: Vec<Flat> = encoded.iter().zip(&facts).map(|(e, f)| Flat::of(e, f, &inv)).collect();
        let plan = FlatPlan::new(dim_w, fact_w);
        let general = |i: usize, j: usize| -> (f64, f64) {
            let (Some(ei), Some(ej), Some(fi), Some(fj)) = (encoded.get(i), encoded.get(j), facts.get(i), facts.get(j))
            else {
                return (0.0, 0.0);
            };
            let (mut num, mut den) = sum_encoded(ei, ej, &dim_w);
            for (((x, y), w), inv) in fi.iter().zip(fj).zip(&fact_w).zip(&inv) {
                if let (Some(x), Some(y), true) = (x, y, *w > 0.0) {
                    num += w * ((x - y).abs() * inv).clamp(0.0, 1.0);
                    den += w;
                }
            }
            (num, den)
        };
        let fill = |rows: Vec<(usize, &mut [f64])>| {
            for (i, row) in rows {
                let Some(fi) = flat.get(i) else { continue };
                for (j, (cell, fj)) in row.iter_mut().zip(&flat).enumerate().skip(i + 1) {
                    let (num, den) = if fi.general || fj.general { general(i, j) } else { fi.sums(fj, &plan) };
                    *cell = if den > 0.0 { (num / den).clamp(0.0, 1.0) } else { f64::NAN };
                }
                tally.add((n - i).saturating_sub(1) as u64);
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
}

impl ProfileMetric for FittedGower<'_> {
    fn name(&self) -> &str {
        "Gower"
    }

    fn weight_of(&self, dimension: Dimension) -> f64 {
        self.gower.weight_of(dimension)
    }

    fn dissimilarity(&self, _dimension: Dimension, a: &DimensionValue, b: &DimensionValue) -> Option<f64> {
        dissimilarity(a, b)
    }

    fn distance(&self, subject: &Profile, reference: &Profile) -> Result<Option<Distance>, Error> {
        Ok(self.gower.profiles(subject, reference))
    }

    fn as_gower(&self) -> Option<&Gower> {
        Some(&self.gower)
    }
}

/// A symmetric matrix of distances between towns, from
/// [`FittedGower::matrix`].
///
/// # Example
///
/// ```
/// let atlas = regdev::Atlas::builtin();
/// let towns = ["kunshan", "shunde", "lecong"].map(|id| atlas.town(id).ok_or(id));
/// let towns = towns.into_iter().collect::<Result<Vec<_>, _>>()?;
/// let m = regdev::Gower::new().fit(atlas).matrix(towns)?;
/// assert_eq!(m.len(), 3);
/// assert_eq!(m.ids()[2], "lecong");
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
    /// let atlas = regdev::Atlas::builtin();
    /// let m = regdev::Gower::new().fit(atlas).matrix(atlas.town("kunshan"))?;
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
    /// let atlas = regdev::Atlas::builtin();
    /// let m = regdev::Gower::new().fit(atlas).matrix([])?;
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
    /// let atlas = regdev::Atlas::builtin();
    /// let m = regdev::Gower::new().fit(atlas).matrix(atlas.town("shunde"))?;
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
    /// let atlas = regdev::Atlas::builtin();
    /// let m = regdev::Gower::new().fit(atlas).matrix(atlas.town("shunde"))?;
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
    /// let atlas = regdev::Atlas::builtin();
    /// let m = regdev::Gower::new().fit(atlas).matrix(atlas.towns().take(2))?;
    /// assert_eq!(m.values().len(), 4);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn values(&self) -> &[f64] {
        &self.values
    }
}
