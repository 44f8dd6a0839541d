//! Classification: archetypes ranked by distance, with a verdict.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use smallvec::SmallVec;

use super::Compare;
use super::encode::{DIMS, Encoded, Interner, code_distance, code_ratio};
use super::metric::{Distance, Feature, ProfileMetric, Ratio, Seq, Weights, feature_index};
use crate::macros::vocabulary;
use crate::{Archetype, ArchetypeId, Atlas, Dimension, Error, RegionalModel};

vocabulary! {
    /// What a [`Classification`] concludes.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Verdict;
    /// assert_eq!(Verdict::InsufficientEvidence.id(), "insufficient_evidence");
    /// assert_eq!("tie".parse::<Verdict>()?, Verdict::Tie);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum Verdict as "verdict" {
        /// One archetype is nearest by more than the tie tolerance, on
        /// enough evidence.
        Nearest = ("nearest", "nearest"),
        /// Two or more archetypes are nearest within the tie tolerance.
        Tie = ("tie", "tie"),
        /// The nearest archetype's distance rests on too few features, or
        /// too small a share of its weight, or no archetype is comparable.
        InsufficientEvidence = ("insufficient_evidence", "insufficient evidence"),
    }
}

/// The thresholds behind a [`Verdict`].
///
/// Defaults: distances within **0.05** of each other are tied (less than
/// one mismatched dimension out of twenty); a nearest archetype whose
/// distance rests on fewer than **3** features, or on less than **half**
/// (coverage 0.5) of the archetype's weighted features, is
/// insufficient evidence.
///
/// # Example
///
/// ```
/// use regdev::VerdictRule;
/// let strict = VerdictRule::default().min_compared(5).min_coverage(0.8)?.tie_tolerance(0.0)?;
/// assert_eq!(strict.tie_tolerance_value(), 0.0);
/// assert!(VerdictRule::default().min_coverage(1.5).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct VerdictRule {
    tie_tolerance: f64,
    min_compared: usize,
    min_coverage: f64,
}

impl Default for VerdictRule {
    fn default() -> VerdictRule {
        VerdictRule { tie_tolerance: VerdictRule::TIE_TOLERANCE, min_compared: 3, min_coverage: 0.5 }
    }
}

fn unit(quantity: &'static str, value: f64) -> Result<f64, Error> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(Error::OutOfRange { setting: quantity, value, min: 0.0, max: 1.0 })
    }
}

impl VerdictRule {
    /// The default tie tolerance, 0.05.
    pub const TIE_TOLERANCE: f64 = 0.05;

    /// Slack added to the tie tolerance for floating-point rounding, so
    /// that 1.0 and 0.9 are tied under a tolerance of 0.1.
    pub const ROUNDING: f64 = 1e-12;

    /// Distances within `tolerance` of each other are tied.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] outside `[0, 1]` (or NaN).
    ///
    /// # Example
    ///
    /// ```
    /// let r = regdev::VerdictRule::default().tie_tolerance(0.1)?;
    /// assert_eq!(r.tie_tolerance_value(), 0.1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn tie_tolerance(mut self, tolerance: f64) -> Result<VerdictRule, Error> {
        self.tie_tolerance = unit("tie tolerance", tolerance)?;
        Ok(self)
    }

    /// The nearest archetype's distance must rest on at least `n`
    /// features.
    ///
    /// # Example
    ///
    /// ```
    /// let r = regdev::VerdictRule::default().min_compared(1);
    /// assert_eq!(r.min_compared_value(), 1);
    /// ```
    #[must_use]
    pub fn min_compared(mut self, n: usize) -> VerdictRule {
        self.min_compared = n;
        self
    }

    /// The nearest archetype's distance must cover at least `share` of its
    /// weighted features.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] outside `[0, 1]` (or NaN).
    ///
    /// # Example
    ///
    /// ```
    /// let r = regdev::VerdictRule::default().min_coverage(0.25)?;
    /// assert_eq!(r.min_coverage_value(), 0.25);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn min_coverage(mut self, share: f64) -> Result<VerdictRule, Error> {
        self.min_coverage = unit("minimum coverage", share)?;
        Ok(self)
    }

    /// The tie tolerance.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::VerdictRule::default().tie_tolerance_value(), 0.05);
    /// ```
    #[must_use]
    pub fn tie_tolerance_value(&self) -> f64 {
        self.tie_tolerance
    }

    /// The minimum number of features compared.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::VerdictRule::default().min_compared_value(), 3);
    /// ```
    #[must_use]
    pub fn min_compared_value(&self) -> usize {
        self.min_compared
    }

    /// The minimum coverage.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::VerdictRule::default().min_coverage_value(), 0.5);
    /// ```
    #[must_use]
    pub fn min_coverage_value(&self) -> f64 {
        self.min_coverage
    }

    /// Whether a distance rests on enough evidence.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Compare;
    /// let a = regdev::RegionalModel::Wenzhou.archetype();
    /// assert!(regdev::VerdictRule::default().is_sufficient(&a.distance(&a).ok_or("?")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_sufficient(&self, d: &Distance) -> bool {
        d.compared() >= self.min_compared && d.coverage() >= self.min_coverage
    }
}

/// One archetype's place in a [`Classification`]; it borrows the
/// archetype.
///
/// Serializes as `{"rank", "archetype", "name", "distance", "compared",
/// "coverage", "contributions", "uncompared"}`, `distance` being the number
/// (or `null` when not comparable) and `compared` the number of features.
///
/// # Example
///
/// ```
/// let c = regdev::Atlas::builtin().classify("kunshan")?;
/// let best = c.best().ok_or("no ranking")?;
/// assert_eq!(best.name(), "Pearl River Delta");
/// assert_eq!(best.rank(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Ranked<'a> {
    archetype: &'a Archetype,
    distance: Option<Distance>,
    rank: usize,
}

impl PartialEq for Ranked<'_> {
    fn eq(&self, other: &Ranked<'_>) -> bool {
        self.archetype.id() == other.archetype.id()
            && self.archetype.name() == other.archetype.name()
            && self.distance == other.distance
            && self.rank == other.rank
    }
}

impl core::fmt::Debug for Ranked<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Ranked")
            .field("archetype", self.archetype.id())
            .field("name", &self.archetype.name())
            .field("distance", &self.distance)
            .field("rank", &self.rank)
            .finish()
    }
}

impl<'a> Ranked<'a> {
    /// An archetype with its distance (from any measure), for
    /// [`Classification::new`]; `None` when not comparable.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, RegionalModel};
    /// use regdev::Ranked;
    /// let sunan = RegionalModel::Sunan.archetype();
    /// let r = Ranked::new(&sunan, sunan.distance(&sunan));
    /// assert_eq!(r.name(), "Sunan");
    /// ```
    #[must_use]
    pub fn new(archetype: &'a Archetype, distance: Option<Distance>) -> Ranked<'a> {
        Ranked { archetype, distance, rank: 0 }
    }

    /// The archetype's id.
    ///
    /// # Example
    ///
    /// ```
    /// let c = regdev::Atlas::builtin().classify("shunde")?;
    /// assert_eq!(c.ranking().len(), 3);
    /// assert!(c.ranking().iter().any(|r| r.archetype().as_str() == "wenzhou"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn archetype(&self) -> &'a ArchetypeId {
        self.archetype.id()
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
    pub fn name(&self) -> &'a str {
        self.archetype.name()
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

    /// The rank, from 1; archetypes tied within the tolerance share one
    /// (1, 2, 2, 4); not comparable archetypes rank last, together.
    ///
    /// # Example
    ///
    /// ```
    /// let c = regdev::Atlas::builtin().classify("shunde")?;
    /// let ranks: Vec<usize> = c.ranking().iter().map(|r| r.rank()).collect();
    /// assert_eq!(ranks, [1, 1, 3]); // PRD and Wenzhou tied at 0.75, then Sunan
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn rank(&self) -> usize {
        self.rank
    }
}

impl Serialize for Ranked<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Ranked", 8)?;
        s.serialize_field("rank", &self.rank)?;
        s.serialize_field("archetype", self.archetype.id())?;
        s.serialize_field("name", self.archetype.name())?;
        s.serialize_field("distance", &self.distance.as_ref().map(Distance::value))?;
        s.serialize_field("compared", &self.distance.as_ref().map_or(0, Distance::compared))?;
        s.serialize_field("coverage", &self.distance.as_ref().map_or(0.0, Distance::coverage))?;
        s.serialize_field("contributions", &Seq(self.distance.iter().flat_map(Distance::contributions)))?;
        s.serialize_field("uncompared", &Seq(self.distance.iter().flat_map(Distance::uncompared)))?;
        s.end()
    }
}

/// How many ranked archetypes a [`Classification`] holds inline: one per
/// built-in regional model. More archetypes are held on the heap.
const INLINE_RANKED: usize = RegionalModel::ALL.len();

/// Archetypes ranked by distance to a subject, nearest first, with a
/// [`Verdict`]; archetypes sharing no dimension with it come last. Equal
/// distances keep the archetypes' input order, and share a
/// [rank](Ranked::rank).
///
/// Two archetypes are tied when their distances differ by at most the
/// rule's tolerance, or are linked by a chain of such steps (so any two
/// distances within the tolerance always share a rank). The verdict is
/// [`Verdict::InsufficientEvidence`] when the nearest archetype's distance
/// is not [sufficient](VerdictRule::is_sufficient) (or none is
/// comparable), else [`Verdict::Tie`] when the second is tied with the
/// first, else [`Verdict::Nearest`].
///
/// A classification borrows the subject's [label](Compare::label) and the
/// archetypes, and holds its ranking and distances inline: classifying
/// against up to three archetypes (as many as there are built-in ones)
/// allocates nothing per subject when the label is borrowed and the
/// distances are held inline (see [`Distance`]).
///
/// Serializes as `{"subject", "measure", "verdict", "rule", "ranking"}`.
///
/// # Example
///
/// ```
/// use regdev::Verdict;
/// let c = regdev::Atlas::builtin().classify("kunshan")?;
/// assert_eq!(c.verdict(), Verdict::Nearest);
/// println!("{c}");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Classification<'a> {
    subject: Cow<'a, str>,
    measure: Arc<str>,
    ranking: SmallVec<[Ranked<'a>; INLINE_RANKED]>,
    verdict: Verdict,
    rule: VerdictRule,
}

impl Serialize for Classification<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Classification", 5)?;
        s.serialize_field("subject", &*self.subject)?;
        s.serialize_field("measure", &*self.measure)?;
        s.serialize_field("verdict", &self.verdict)?;
        s.serialize_field("rule", &self.rule)?;
        s.serialize_field("ranking", &*self.ranking)?;
        s.end()
    }
}

impl<'a> Classification<'a> {
    /// Ranks archetypes with their distances (from any measure, named
    /// `measure`) and judges the ranking under `rule`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, RegionalModel};
    /// use regdev::{Classification, Ranked, Verdict, VerdictRule};
    /// let archetypes: Vec<_> = RegionalModel::ALL.iter().map(|m| m.archetype()).collect();
    /// let subject = RegionalModel::Wenzhou.archetype();
    /// let ranking = archetypes.iter().map(|a| Ranked::new(a, subject.distance(a)));
    /// let c = Classification::new("Wenzhou", "Gower", ranking, VerdictRule::default());
    /// assert_eq!(c.verdict(), Verdict::Nearest);
    /// assert_eq!(c.best().map(|r| r.name()), Some("Wenzhou"));
    /// ```
    #[must_use]
    pub fn new(
        subject: impl Into<Cow<'a, str>>,
        measure: &str,
        ranking: impl IntoIterator<Item = Ranked<'a>>,
        rule: VerdictRule,
    ) -> Classification<'a> {
        Classification::build(subject.into(), Arc::from(measure), ranking.into_iter().collect(), rule)
    }

    fn build(
        subject: Cow<'a, str>,
        measure: Arc<str>,
        mut ranking: SmallVec<[Ranked<'a>; INLINE_RANKED]>,
        rule: VerdictRule,
    ) -> Classification<'a> {
        let key = |r: &Ranked| r.distance.as_ref().map_or(f64::INFINITY, Distance::value);
        ranking.sort_by(|x, y| key(x).total_cmp(&key(y)));
        let mut c = Classification { subject, measure, ranking, verdict: Verdict::InsufficientEvidence, rule };
        c.judge();
        c
    }

    /// Assigns ranks and the verdict under `self.rule`.
    fn judge(&mut self) {
        let tol = self.rule.tie_tolerance;
        let mut prev: Option<(f64, usize)> = None;
        for (i, r) in self.ranking.iter_mut().enumerate() {
            let d = r.distance.as_ref().map_or(f64::INFINITY, Distance::value);
            r.rank = match prev {
                Some((p, rank)) if d == p || d - p <= tol + VerdictRule::ROUNDING => rank,
                _ => i + 1,
            };
            prev = Some((d, r.rank));
        }
        self.verdict = match self.ranking.first().and_then(|r| r.distance.as_ref()) {
            Some(d) if self.rule.is_sufficient(d) => {
                let tied = self.ranking.get(1).is_some_and(|r| r.distance.is_some() && r.rank == 1);
                if tied { Verdict::Tie } else { Verdict::Nearest }
            }
            _ => Verdict::InsufficientEvidence,
        };
    }

    /// The same ranking judged under another rule.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Verdict, VerdictRule};
    /// let c = regdev::Atlas::builtin().classify("kunshan")?;
    /// let c = c.with_rule(VerdictRule::default().tie_tolerance(0.25)?);
    /// assert_eq!(c.verdict(), Verdict::Tie); // PRD 0.40, Sunan 0.60
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_rule(mut self, rule: VerdictRule) -> Classification<'a> {
        self.rule = rule;
        self.judge();
        self
    }

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

    /// The name of the measure.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Atlas::builtin().classify("kunshan")?.measure(), "Gower");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn measure(&self) -> &str {
        &self.measure
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
    pub fn ranking(&self) -> &[Ranked<'a>] {
        &self.ranking
    }

    /// The nearest archetype, if any is comparable (the first of a tie).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Atlas::builtin().classify("kunshan")?.best().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn best(&self) -> Option<&Ranked<'a>> {
        self.ranking.first().filter(|r| r.distance.is_some())
    }

    /// The archetypes of rank 1 that are comparable: one for a clear
    /// winner, several for a tie.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Atlas::builtin().classify("kunshan")?.nearest().len(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn nearest(&self) -> &[Ranked<'a>] {
        let n = self.ranking.iter().take_while(|r| r.rank == 1 && r.distance.is_some()).count();
        self.ranking.get(..n).unwrap_or_default()
    }

    /// The verdict.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Verdict;
    /// assert_eq!(regdev::Atlas::builtin().classify("kunshan")?.verdict(), Verdict::Nearest);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// The rule the verdict was reached under.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::VerdictRule;
    /// assert_eq!(regdev::Atlas::builtin().classify("kunshan")?.rule(), &VerdictRule::default());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn rule(&self) -> &VerdictRule {
        &self.rule
    }

    /// One line saying what the verdict rests on, e.g.
    /// `verdict: nearest — Pearl River Delta (0.400, 10 features, coverage 1.00)`.
    ///
    /// # Example
    ///
    /// ```
    /// let c = regdev::Atlas::builtin().classify("kunshan")?;
    /// assert!(c.verdict_line().starts_with("verdict: nearest — Pearl River Delta"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn verdict_line(&self) -> String {
        let describe = |r: &Ranked<'_>| match &r.distance {
            Some(d) => {
                format!("{} ({:.3}, {} features, coverage {:.2})", r.name(), d.value(), d.compared(), d.coverage())
            }
            None => format!("{} (not comparable)", r.name()),
        };
        match self.verdict {
            Verdict::Nearest => {
                format!("verdict: nearest — {}", self.best().map(describe).unwrap_or_default())
            }
            Verdict::Tie => {
                let names: Vec<String> = self.nearest().iter().map(describe).collect();
                format!("verdict: tie within {} — {}", self.rule.tie_tolerance, names.join(", "))
            }
            Verdict::InsufficientEvidence => match self.best() {
                Some(r) => format!(
                    "verdict: insufficient evidence — nearest is {}; needs at least {} features and coverage {:.2}",
                    describe(r),
                    self.rule.min_compared,
                    self.rule.min_coverage
                ),
                None => "verdict: insufficient evidence — no archetype shares a dimension".to_owned(),
            },
        }
    }
}

impl core::fmt::Display for Classification<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        writeln!(f, "{} — archetypes by {} distance (nearest first)", self.subject, self.measure)?;
        for r in &self.ranking {
            let tied = self.ranking.iter().filter(|x| x.rank == r.rank).count() > 1;
            let rank = format!("{}{}", r.rank, if tied { "=" } else { "." });
            match &r.distance {
                Some(d) => {
                    writeln!(
                        f,
                        "{rank} {:<20} {:.3}  ({} compared, coverage {:.2})",
                        r.name(),
                        d.value(),
                        d.compared(),
                        d.coverage()
                    )?;
                    for c in d.contributions() {
                        writeln!(
                            f,
                            "     {:<36} d={:.2} contributes {:.3}",
                            c.feature().to_string(),
                            c.distance(),
                            c.contribution()
                        )?;
                    }
                    if !d.uncompared().is_empty() {
                        let names: Vec<String> = d.uncompared().map(|f| f.to_string()).collect();
                        writeln!(f, "     not compared: {}", names.join(", "))?;
                    }
                }
                None => writeln!(f, "{rank} {:<20} not comparable (no shared dimension)", r.name())?,
            }
        }
        writeln!(f, "{}", self.verdict_line())
    }
}

/// Ranks `archetypes` by distance from `subject` (anything [`Compare`])
/// under `metric`, and judges the ranking under the default
/// [`VerdictRule`] (change it with [`Classification::with_rule`]).
///
/// The classification borrows the subject's label and the archetypes.
/// O(a·f) for a archetypes and f dimensions.
///
/// # Errors
///
/// What the measure reports (see [`ProfileMetric::distance`]); never for
/// [`Gower`](super::Gower).
///
/// # Example
///
/// ```
/// use regdev::{classify, Gower, RegionalModel, SimpleMatching};
/// let archetypes: Vec<_> = RegionalModel::ALL.iter().map(|m| m.archetype()).collect();
/// let wenzhou = RegionalModel::Wenzhou.archetype();
/// let c = classify(&wenzhou, &archetypes, &Gower::new())?;
/// assert_eq!(c.best().map(|r| r.archetype().as_str()), Some("wenzhou"));
/// let c = classify(&wenzhou, &archetypes, &SimpleMatching)?;
/// assert_eq!(c.best().map(|r| r.archetype().as_str()), Some("wenzhou"));
/// # Ok::<(), regdev::Error>(())
/// ```
pub fn classify<'a, S, M>(
    subject: &'a S,
    archetypes: impl IntoIterator<Item = &'a Archetype>,
    metric: &M,
) -> Result<Classification<'a>, Error>
where
    S: Compare + ?Sized,
    M: ProfileMetric + ?Sized,
{
    classify_with(subject, archetypes, metric, Arc::from(metric.name()))
}

/// [`classify`] with the measure's name given.
fn classify_with<'a, S, M>(
    subject: &'a S,
    archetypes: impl IntoIterator<Item = &'a Archetype>,
    metric: &M,
    measure: Arc<str>,
) -> Result<Classification<'a>, Error>
where
    S: Compare + ?Sized,
    M: ProfileMetric + ?Sized,
{
    let profile = subject.profile();
    let ranking = archetypes
        .into_iter()
        .map(|a| Ok(Ranked::new(a, metric.distance(&profile, a.profile())?)))
        .collect::<Result<SmallVec<_>, Error>>()?;
    Ok(Classification::build(subject.label(), measure, ranking, VerdictRule::default()))
}

/// One archetype, encoded once for the Gower fast path.
struct PreparedArchetype<'b> {
    archetype: &'b Archetype,
    encoded: Encoded,
    /// The dimensions it has with a positive weight, in [`Dimension::ALL`]
    /// order: `(index, feature, weight, the feature's bit in a feature
    /// mask)`.
    dims: Vec<(usize, Feature, f64, u16)>,
}

/// The archetypes, encoded once for the Gower fast path.
struct Prepared<'b> {
    archetypes: Vec<PreparedArchetype<'b>>,
    /// Dimensions some archetype has with a positive weight: the only ones
    /// a subject needs encoded.
    wanted: [bool; DIMS],
}

/// What one thread of the fast path owns: its copy of the interner (codes
/// stay consistent with the archetypes' encoding), and its own copies of
/// what every result shares (the measure's name and weights), so that the
/// reference counts the results take are not one cache line bounced
/// between cores.
struct Local {
    interner: Interner,
    measure: Arc<str>,
    weights: Weights,
}

impl<'b> Prepared<'b> {
    fn local(&self, interner: &Interner, measure: &str, weights: &Weights) -> Local {
        let weights = match weights {
            Weights::Uniform(w) => Weights::Uniform(*w),
            Weights::PerFeature(table) => Weights::PerFeature(Arc::new(**table)),
        };
        Local { interner: interner.clone(), measure: Arc::from(measure), weights }
    }

    /// [`classify`] with Gower, bit for bit. Nothing is allocated for the
    /// result beyond what [`Classification`] and [`Distance`] say (a
    /// borrowed label, at most three archetypes and six compared
    /// dimensions per archetype are held inline); the parts of each
    /// distance live on the stack.
    fn classify<'a, S: Compare + ?Sized>(&self, local: &mut Local, subject: &'a S) -> Classification<'a>
    where
        'b: 'a,
    {
        let profile = subject.profile();
        let e = local.interner.encode_only(&profile, &self.wanted);
        let placeholder = Feature::Dimension(Dimension::Dynamics);
        let mut parts = [(placeholder, 0.0, 0.0); DIMS];
        let mut missing = [(placeholder, 0.0); DIMS];
        let mut ratios = [Ratio::ZERO; DIMS];
        let ranking = self
            .archetypes
            .iter()
            .map(|p| {
                let (mut np, mut nm, mut compared, mut uncompared) = (0, 0, 0u16, 0u16);
                let mut exact = true;
                for &(k, feature, w, bit) in &p.dims {
                    let (Some(x), Some(y)) = (e.0.get(k), p.encoded.0.get(k)) else { continue };
                    let ratio = code_ratio(x, y);
                    let d = match ratio {
                        Some(Some(r)) => Some(r.value()),
                        Some(None) => code_distance(x, y),
                        None => None,
                    };
                    match d {
                        Some(v) => {
                            if let (Some(slot), Some(r)) = (parts.get_mut(np), ratios.get_mut(np)) {
                                *slot = (feature, v, w);
                                *r = ratio.flatten().unwrap_or(Ratio::ZERO);
                                exact &= ratio.flatten().is_some();
                                np += 1;
                                compared |= bit;
                            }
                        }
                        None => {
                            if let Some(slot) = missing.get_mut(nm) {
                                *slot = (feature, w);
                                nm += 1;
                                uncompared |= bit;
                            }
                        }
                    }
                }
                let distance = Distance::build_ordered(
                    parts.get(..np).unwrap_or_default(),
                    missing.get(..nm).unwrap_or_default(),
                    (compared, uncompared),
                    &local.weights,
                    ratios.get(..np).filter(|_| exact),
                );
                Ranked { archetype: p.archetype, distance, rank: 0 }
            })
            .collect();
        Classification::build(subject.label(), Arc::clone(&local.measure), ranking, VerdictRule::default())
    }
}

/// Subjects per parallel task: fewer are not worth a task.
const MIN_TASK: usize = 2048;

/// Classifies many subjects against the same archetypes, as [`classify`]
/// would one by one (same rankings, distances and verdicts, bit for bit),
/// on all cores. The classifications borrow the subjects' labels and the
/// archetypes.
///
/// With [`Gower`](super::Gower) (or any measure whose
/// [`ProfileMetric::as_gower`] says it is Gower's) the archetypes are
/// encoded once, each subject only on the dimensions some archetype has,
/// and nothing is allocated per subject: against at most three archetypes
/// of at most six dimensions each (the built-in ones), with a borrowed
/// label (towns, archetypes and profiles lend theirs) and no set compared
/// beyond 64 distinct members, a [`Classification`] is held entirely in
/// the returned vector. O(n·a·f).
///
/// # Errors
///
/// What the measure reports (see [`ProfileMetric::distance`]); never for
/// Gower.
///
/// # Example
///
/// ```
/// use regdev::{classify_all, Gower};
/// let atlas = regdev::Atlas::builtin();
/// let all = classify_all(atlas.towns(), atlas.archetypes(), &Gower::new())?;
/// assert_eq!(all.len(), atlas.towns().len());
/// assert_eq!(all.iter().find(|c| c.subject() == "Kunshan").and_then(|c| c.best()).map(|r| r.name()), Some("Pearl River Delta"));
/// # Ok::<(), regdev::Error>(())
/// ```
pub fn classify_all<'a, S, M>(
    subjects: impl IntoIterator<Item = &'a S>,
    archetypes: impl IntoIterator<Item = &'a Archetype>,
    metric: &M,
) -> Result<Vec<Classification<'a>>, Error>
where
    S: Compare + Sync + ?Sized + 'a,
    M: ProfileMetric + Sync + ?Sized,
{
    let subjects: Vec<&'a S> = subjects.into_iter().collect();
    let archetypes: Vec<&'a Archetype> = archetypes.into_iter().collect();
    let measure = metric.name();
    let Some(g) = metric.as_gower() else {
        return subjects
            .par_iter()
            .with_min_len(MIN_TASK)
            .map_init(
                || Arc::<str>::from(measure),
                |m, s| classify_with(*s, archetypes.iter().copied(), metric, Arc::clone(m)),
            )
            .collect();
    };
    let mut interner = Interner::default();
    // Weights as set: `Distance::build` normalises them exactly as
    // `classify` does, so both give bit-identical results.
    let weights: [f64; DIMS] = core::array::from_fn(|k| Dimension::ALL.get(k).map_or(0.0, |&d| g.weight_of(d)));
    // Only dimensions are compared here: key facts weigh nothing.
    let shared = Weights::of(|f| match f {
        Feature::Dimension(d) => g.weight_of(d),
        Feature::KeyFact(_) => 0.0,
    });
    let prepared: Vec<PreparedArchetype<'a>> = archetypes
        .iter()
        .map(|&a| {
            let encoded = interner.encode(Archetype::profile(a));
            let dims = Dimension::ALL
                .iter()
                .enumerate()
                .zip(weights.iter().zip(&encoded.0))
                .filter(|(_, (w, c))| **w > 0.0 && !c.is_missing())
                .map(|((k, &d), (&w, _))| {
                    let f = Feature::Dimension(d);
                    (k, f, w, u32::try_from(feature_index(f)).ok().and_then(|i| 1u16.checked_shl(i)).unwrap_or(0))
                })
                .collect();
            PreparedArchetype { archetype: a, encoded, dims }
        })
        .collect();
    let wanted: [bool; DIMS] = core::array::from_fn(|k| prepared.iter().any(|p| p.dims.iter().any(|&(i, ..)| i == k)));
    let prepared = Prepared { archetypes: prepared, wanted };
    Ok(subjects
        .par_iter()
        .with_min_len(MIN_TASK)
        .map_init(|| prepared.local(&interner, measure, &shared), |local, s| prepared.classify(local, *s))
        .collect())
}

impl Atlas {
    /// Ranks the atlas's archetypes by Gower distance (equal weights) to a
    /// town's profile, with the default [`VerdictRule`].
    ///
    /// An atlas without archetypes gives an empty ranking (verdict
    /// insufficient evidence); classify against the built-in archetypes
    /// with `classify(town, Atlas::builtin().archetypes(), &Gower::new())`.
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
    pub fn classify(&self, town: &str) -> Result<Classification<'_>, Error> {
        let t = self.town(town).ok_or_else(|| Error::UnknownReference {
            kind: crate::id::IdKind::Town,
            id: town.to_owned(),
            referrer: "classification".to_owned(),
        })?;
        classify(t, self.archetypes(), &super::Gower::new())
    }
}

#[cfg(test)]
mod tests {
    use super::super::encode::Code;

    /// The fast path of `classify_all` against `classify` one town at a
    /// time, on a synthetic atlas large enough to run in parallel tasks,
    /// with the built-in archetypes plus one copied from a town (so that
    /// sets of places are encoded too), under equal and unequal weights:
    /// every ranking, distance, contribution and verdict equal bit for bit.
    #[cfg(feature = "synth")]
    #[test]
    fn fast_path_equals_classify_one_by_one() -> Result<(), Box<dyn std::error::Error>> {
        use crate::compare::{Gower, SimpleMatching, classify, classify_all};
        use crate::synth::{self, SynthConfig};
        use crate::{Archetype, ArchetypeId, Dimension, SourceId};

        let atlas = synth::atlas(&SynthConfig::new().towns(3 * super::MIN_TASK + 17).seed(7))?;
        let richest = atlas.towns().max_by_key(|t| t.profile().len()).ok_or("empty atlas")?;
        let source = SourceId::new(synth::SOURCE_ID)?;
        let mut copy = Archetype::builder(ArchetypeId::new("copied")?, "Copied");
        for d in Dimension::ALL {
            if let Some(v) = richest.profile().get(*d) {
                copy = copy.dimension(v, source.clone());
            }
        }
        let copy = copy.build()?;
        assert!(copy.profile().is_set(Dimension::InstitutionalBorrowing), "the copied archetype has places");
        let mut archetypes: Vec<&Archetype> = atlas.archetypes().collect();
        archetypes.push(&copy);
        let weighted = Gower::new().weight(Dimension::Ownership, 3.0)?.weight(Dimension::Dynamics, 0.0)?;
        for gower in [Gower::new(), weighted] {
            let fast = classify_all(atlas.towns(), archetypes.iter().copied(), &gower)?;
            let slow: Vec<_> =
                atlas.towns().map(|t| classify(t, archetypes.iter().copied(), &gower)).collect::<Result<_, _>>()?;
            assert_eq!(fast.len(), atlas.towns().len());
            assert!(fast.iter().any(|c| c.verdict() == super::Verdict::Nearest));
            assert_eq!(fast, slow);
        }
        // The general path (another measure) keeps the subjects' order.
        let fast = classify_all(atlas.towns(), archetypes.iter().copied(), &SimpleMatching)?;
        let slow: Vec<_> = atlas
            .towns()
            .map(|t| classify(t, archetypes.iter().copied(), &SimpleMatching))
            .collect::<Result<_, _>>()?;
        assert_eq!(fast, slow);
        Ok(())
    }

    /// Classifying against the built-in archetypes allocates nothing per
    /// subject: the label is borrowed, the ranking inline, every distance
    /// inline with the run's shared weights. The results are dropped
    /// while the atlas they borrow lives on.
    #[test]
    fn builtin_classification_is_held_inline() -> Result<(), Box<dyn std::error::Error>> {
        use std::borrow::Cow;

        use crate::compare::metric::Weights;
        use crate::compare::{Gower, classify_all};

        let atlas = crate::Atlas::builtin();
        let all = classify_all(atlas.towns(), atlas.archetypes(), &Gower::new())?;
        assert_eq!(all.len(), atlas.towns().len());
        for c in &all {
            assert!(matches!(c.subject, Cow::Borrowed(_)), "{}", c.subject());
            assert!(!c.ranking.spilled(), "{}", c.subject());
            for r in c.ranking() {
                if let Some(d) = r.distance() {
                    assert!(
                        matches!(d.parts, super::super::metric::Parts::Inline { weights: Weights::Uniform(_), .. }),
                        "{} / {}",
                        c.subject(),
                        r.name()
                    );
                }
            }
        }
        let comparable = |c: &super::Classification<'_>| c.ranking().iter().all(|r| r.distance().is_some());
        assert!(all.iter().filter(|c| comparable(c)).count() >= 2, "profiled towns are compared with every archetype");
        drop(all);
        // More archetypes than held inline spill to the heap, same results.
        let mut four: Vec<&crate::Archetype> = atlas.archetypes().collect();
        let wenzhou = crate::RegionalModel::Wenzhou.archetype();
        four.push(&wenzhou);
        let all = classify_all(atlas.towns(), four.iter().copied(), &Gower::new())?;
        assert!(all.iter().all(|c| c.ranking.spilled() && c.ranking().len() == 4));
        Ok(())
    }

    /// Unequal weights are held per feature, shared by the run's
    /// distances (one table per thread), not copied per distance.
    #[test]
    fn weighted_distances_share_the_run_s_weights() -> Result<(), Box<dyn std::error::Error>> {
        use crate::Dimension;
        use crate::compare::metric::{Parts, Weights};
        use crate::compare::{Gower, classify_all};

        let atlas = crate::Atlas::builtin();
        let g = Gower::new().weight(Dimension::Ownership, 3.0)?;
        let all = classify_all(atlas.towns(), atlas.archetypes(), &g)?;
        let tables: Vec<*const [f64; 16]> = all
            .iter()
            .flat_map(|c| c.ranking())
            .filter_map(|r| match r.distance().map(|d| &d.parts) {
                Some(Parts::Inline { weights: Weights::PerFeature(t), .. }) => Some(std::sync::Arc::as_ptr(t)),
                _ => None,
            })
            .collect();
        assert!(!tables.is_empty());
        // The builtin atlas is small: one task, one table.
        assert!(tables.iter().all(|&t| t == tables[0]));
        Ok(())
    }

    /// A dissimilarity held as a ratio reads back bit for bit as the
    /// encoded comparison gives it, for every kind of code.
    #[test]
    fn ratios_read_back_exactly() {
        use super::super::encode::{code_distance, code_ratio};

        let mut codes = vec![Code::Missing, Code::List(vec![3, 70, 900].into_boxed_slice())];
        codes.extend((0..4).map(Code::Nominal));
        for levels in 1..=7 {
            codes.extend((0..levels).map(|x| Code::Ordinal(x, levels)));
        }
        codes.extend([0u64, 1, 0b110, 0b1011, u64::MAX, 1 << 63, 0x5555_5555].map(Code::Bits));
        let mut ratios = 0;
        for a in &codes {
            for b in &codes {
                // Codes of one dimension: the same kind, ordinals of the
                // same number of levels.
                let same_kind = match (a, b) {
                    (Code::Ordinal(_, l), Code::Ordinal(_, m)) => l == m,
                    (Code::Bits(_) | Code::List(_), Code::Bits(_) | Code::List(_)) => true,
                    _ => core::mem::discriminant(a) == core::mem::discriminant(b),
                };
                if !same_kind {
                    continue;
                }
                let d = code_distance(a, b);
                match code_ratio(a, b) {
                    Some(Some(r)) => {
                        assert_eq!(Some(r.value().to_bits()), d.map(f64::to_bits), "{a:?} {b:?}");
                        ratios += 1;
                    }
                    Some(None) => assert!(d.is_some() && matches!((a, b), (Code::List(_), _) | (_, Code::List(_)))),
                    None => assert!(d.is_none(), "{a:?} {b:?}"),
                }
            }
        }
        assert!(ratios > 100);
        assert_eq!(super::super::metric::Ratio::new(false, 2, 1), None);
        assert_eq!(super::super::metric::Ratio::new(false, 0, 128), None);
    }

    #[test]
    fn missing_code_is_missing() {
        assert!(Code::Missing.is_missing());
        assert!(!Code::Nominal(0).is_missing());
    }
}
