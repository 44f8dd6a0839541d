//! [`Atlas::audit`]: findings on data that is valid but suspicious.
//!
//! A public module, a namespace: its [`Finding`], [`FindingKind`],
//! [`Severity`] and [`AuditOptions`] are a vocabulary of their own, used only
//! with [`Atlas::audit`], and read best qualified (`audit::Severity`).
//!
//! Validation rejects what cannot be true; the audit flags what is
//! probably wrong, or cannot be checked, and says why with the numbers
//! involved. Findings are not errors: the data is kept as the sources state
//! it.
//!
//! # Checks and their thresholds
//!
//! | check | severity | rule ([`AuditOptions`] default) |
//! |---|---|---|
//! | GDP per capita vs GDP ÷ population | warning | relative difference above 10%, after converting GDP ÷ population into the stated figure's currency with the atlas's rate for the GDP's year |
//! | unconvertible figure | info | the check above needs a rate but the GDP has no year, or the atlas has no rate for it |
//! | population density | warning | outside 1 – 30,000 persons/km² |
//! | children exceed parent | warning | the children's summed area or population is above the parent's |
//! | profile vs linkage graph | warning | asserted economic-linkage scope or borrowing origins differ from those derived from the town's graph |
//! | year gap | info | a town's dated facts span more than 10 years |
//! | weak source | warning | a source rated [`SourceStrength::Weak`](crate::SourceStrength::Weak) is behind a town's profile claim, key fact or model label, or behind a claim of an archetype's reference profile |
//! | disagreeing claims | info; warning if none of them is preferred | a profile dimension of a town or of an archetype holds claims (deprecated ones aside) that speak of the same years and disagree ([`ProfileClaims::disagreements`](crate::ProfileClaims::disagreements)); the finding lists every value with its source and rank |
//! | disagreeing model claims | info; warning if none of them is preferred | a town's model label holds claims (deprecated ones aside) that speak of the same years and name different models ([`Town::model_claims`](crate::Town::model_claims)); where none is preferred, [`Town::model`](crate::Town::model) gives no label for those years |
//! | mixed years | warning if the town states a GDP per capita (the check above then compares with a figure that mixes years); info otherwise | GDP per capita would be derived from a GDP and a population of different years |
//! | duplicate code | warning | a town's statistical code is also an earlier town's |
//! | code vs parent | warning | a town's code does not start with its parent town's code (a town coded 330382114 under a county coded 330324), or is not below its level |
//! | code not in the gazetteer | warning | the code is in no NBS release of the [gazetteer](crate::gazetteer) (2015–2023), or missing from a release within the town's stated listing years; info if the code is below township level and cannot be checked |
//! | name vs gazetteer | warning | the town's Chinese name is neither the gazetteer's name for the code nor a former one |
//! | level vs gazetteer | warning | the town's level is not at the gazetteer's tier for the code, or, for a township-level code, not the kind its township digits give (001–099 subdistrict, 100–199 town, 200–399 township, 400–599 development zone) |
//!
//! The last three need the `gazetteer` feature (on by default); without it
//! they are skipped. Only releases the gazetteer covers are checked: stated
//! listing years before 2015 cannot be.
//!
//! Weak sources and disagreeing claims are also checked on every
//! archetype's reference profile; those findings name the archetype instead
//! of a town ([`Finding::subject`]). The other checks concern towns only.
//!
//! The checks on measured facts use the town's headline figures
//! ([`KeyFacts::area`](crate::KeyFacts::area) and siblings: the latest
//! observation of resident population or total area, by the rule of
//! [`Selection`](crate::Selection)); kinds and years are never averaged. A
//! conversion is printed only when a currency was converted.
//!
//! # On the built-in atlas
//!
//! The audit finds exactly five things: two in the talk's own figures,
//! one disagreement the atlas records on purpose, one pair of years no
//! source closes, and one series that spans two decades:
//!
//! - **Shunde (warning):** 254 billion yuan (2013) ÷ 2.46 million people =
//!   103,252 yuan per head = 16,672 US dollars at the 2013 average rate of
//!   6.1932 (cited to the NBS communiqué on 2013, which could not be
//!   re-read: the atlas rates that citation weak), against the talk's stated 14,000: the stated figure is 16%
//!   below the derived one (the derived one is 19% above it). The talk's
//!   Shunde figures do not agree with each other, and the gap cannot be
//!   explained by a registered rather than resident population: a
//!   registered population smaller than the resident one (as where many
//!   residents are migrants) raises GDP per head and so widens the gap. A GDP and a population from different years, or a
//!   different exchange rate, might explain it; the talk does not say, so
//!   the crate keeps all three figures as stated.
//! - **Kunshan (info):** 292 billion yuan ÷ 1.6 million = 182,500 yuan per
//!   head, but the talk gives no year for Kunshan's GDP, so no exchange
//!   rate can be chosen and the 30k US dollar figure cannot be checked. (At
//!   the 2013 rate it would be 29,468 dollars, within 2% of the talk's.)
//! - **Wenzhou (info):** its market orientation holds two readings as
//!   ranked claims: export (Walcott 2007, preferred; China Daily 2010) and
//!   domestic (The Globe and Mail 2004). The preferred claim decides.
//! - **Humen (info):** its latest GDP is of 2012 and its population of the
//!   2010 census; no source read gives both for one year, so a GDP per head
//!   derived from them would mix years. Humen states no GDP per head, so
//!   nothing stated is checked against such a figure.
//! - **Guzhen (info):** its key facts are series from 2001 (national market
//!   share and exports of its lighting) to 2020 (population), more than ten
//!   years apart.
//!
//! The test suite pins these findings (`tests/audit.rs`).
//!
//! # Example
//!
//! ```
//! use regdev::audit::{FindingKind, Severity};
//!
//! let findings = regdev::Atlas::builtin().audit();
//! let shunde = findings.iter().find(|f| f.town().is_some_and(|t| t.as_str() == "shunde")).ok_or("no finding")?;
//! assert_eq!(shunde.kind(), FindingKind::GdpPerCapitaMismatch);
//! assert_eq!(shunde.severity(), Severity::Warning);
//! println!("{shunde}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::macros::vocabulary;

mod codes;
use crate::{Archetype, ArchetypeId, Atlas, Error, Money, Town, TownId};

vocabulary! {
    /// How much a finding matters.
    ///
    /// # Ordering
    ///
    /// `Info < Warning`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::audit::Severity;
    /// assert!(Severity::Info < Severity::Warning);
    /// ```
    pub enum Severity as "severity" {
        /// Cannot be checked, or worth knowing.
        Info = ("info", "Info"),
        /// Probably wrong.
        Warning = ("warning", "Warning"),
    }
}

vocabulary! {
    /// What an audit finding is about.
    ///
    /// `#[non_exhaustive]`: more checks will be added.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::audit::FindingKind;
    /// assert_eq!(FindingKind::YearGap.id(), "year_gap");
    /// ```
    #[non_exhaustive]
    pub enum FindingKind as "finding kind" {
        /// GDP per capita disagrees with GDP ÷ population.
        GdpPerCapitaMismatch = ("gdp_per_capita_mismatch", "GDP per capita disagrees with GDP / population"),
        /// A figure could not be converted to check it.
        Unconvertible = ("unconvertible", "Figure cannot be converted"),
        /// Population density outside the plausible range.
        Density = ("density", "Implausible population density"),
        /// Children's total exceeds the parent's.
        ChildrenExceedParent = ("children_exceed_parent", "Children exceed parent"),
        /// A profile contradicts the town's own linkage graph.
        ProfileContradictsGraph = ("profile_contradicts_graph", "Profile contradicts linkage graph"),
        /// A town's dated facts are far apart in time.
        YearGap = ("year_gap", "Facts far apart in time"),
        /// A weak source is behind a profile claim, key fact or model label.
        WeakSource = ("weak_source", "Weak source behind a claim"),
        /// Sourced claims on one profile dimension disagree.
        DisagreeingClaims = ("disagreeing_claims", "Sources disagree on a profile dimension"),
        /// Sourced claims on a town's model label disagree.
        DisagreeingModelClaims = ("disagreeing_model_claims", "Sources disagree on the model label"),
        /// A derived figure divides figures of different years.
        MixedYears = ("mixed_years", "Derived figure mixes years"),
        /// Two towns have the same statistical code.
        DuplicateCode = ("duplicate_code", "Code used by two towns"),
        /// A town's statistical code does not lie under its parent town's
        /// code.
        CodeParentMismatch = ("code_parent_mismatch", "Code outside its parent's code"),
        /// A town's statistical code is not in the gazetteer, or not in the
        /// releases of its stated listing years (feature `gazetteer`).
        CodeNotInGazetteer = ("code_not_in_gazetteer", "Code not in the gazetteer for its listing years"),
        /// A town's Chinese name is not the gazetteer's name for its code
        /// (feature `gazetteer`).
        GazetteerNameMismatch = ("gazetteer_name_mismatch", "Name differs from the gazetteer's"),
        /// A town's level is not the gazetteer's level for its code
        /// (feature `gazetteer`).
        GazetteerLevelMismatch = ("gazetteer_level_mismatch", "Level differs from the gazetteer's"),
    }
}

/// What a finding is about: a town, or a reference profile (an
/// [`Archetype`]).
///
/// # Example
///
/// ```
/// use regdev::audit::Subject;
/// for f in regdev::Atlas::builtin().audit() {
///     match f.subject() {
///         Subject::Town(id) => println!("town {id}: {}", f.message()),
///         Subject::Archetype(id) => println!("archetype {id}: {}", f.message()),
///     }
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject<'a> {
    /// A town of the atlas.
    Town(&'a TownId),
    /// An archetype of the atlas.
    Archetype(&'a ArchetypeId),
}

impl core::fmt::Display for Subject<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Subject::Town(id) => write!(f, "town '{id}'"),
            Subject::Archetype(id) => write!(f, "archetype '{id}'"),
        }
    }
}

/// One audit finding: what, where, how bad, and the numbers.
///
/// A finding is about a town or about an archetype ([`Finding::subject`]);
/// in JSON it names one of them in a `town` or an `archetype` field.
///
/// # Example
///
/// ```
/// for f in regdev::Atlas::builtin().audit() {
///     println!("{} {} {}: {}", f.severity(), f.subject(), f.field(), f.message());
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawFinding", into = "RawFinding")]
pub struct Finding {
    severity: Severity,
    kind: FindingKind,
    subject: OwnedSubject,
    field: String,
    message: String,
    values: Vec<(String, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
enum OwnedSubject {
    Town(TownId),
    Archetype(ArchetypeId),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RawFinding {
    severity: Severity,
    kind: FindingKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    town: Option<TownId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    archetype: Option<ArchetypeId>,
    field: String,
    message: String,
    values: Vec<(String, f64)>,
}

impl TryFrom<RawFinding> for Finding {
    type Error = Error;
    fn try_from(r: RawFinding) -> Result<Finding, Error> {
        let subject = match (r.town, r.archetype) {
            (Some(t), None) => OwnedSubject::Town(t),
            (None, Some(a)) => OwnedSubject::Archetype(a),
            (None, None) => return Err(Error::MissingField { field: "finding town or archetype" }),
            (Some(t), Some(a)) => {
                return Err(Error::ListedTwice {
                    field: "finding subject",
                    value: format!("town '{t}' and archetype '{a}'"),
                });
            }
        };
        Ok(Finding {
            severity: r.severity,
            kind: r.kind,
            subject,
            field: r.field,
            message: r.message,
            values: r.values,
        })
    }
}

impl From<Finding> for RawFinding {
    fn from(f: Finding) -> RawFinding {
        let (town, archetype) = match f.subject {
            OwnedSubject::Town(t) => (Some(t), None),
            OwnedSubject::Archetype(a) => (None, Some(a)),
        };
        RawFinding {
            severity: f.severity,
            kind: f.kind,
            town,
            archetype,
            field: f.field,
            message: f.message,
            values: f.values,
        }
    }
}

impl Finding {
    /// The severity.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Atlas::builtin().audit().iter().any(|f| f.severity() == regdev::audit::Severity::Warning));
    /// ```
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The kind of check that found it.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Atlas::builtin().audit().iter().all(|f| !f.kind().id().is_empty()));
    /// ```
    #[must_use]
    pub fn kind(&self) -> FindingKind {
        self.kind
    }

    /// What the finding is about: a town or an archetype.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::audit::Subject;
    /// let audit = regdev::Atlas::builtin().audit();
    /// assert!(audit.iter().any(|f| matches!(f.subject(), Subject::Town(id) if id.as_str() == "kunshan")));
    /// ```
    #[must_use]
    pub fn subject(&self) -> Subject<'_> {
        match &self.subject {
            OwnedSubject::Town(t) => Subject::Town(t),
            OwnedSubject::Archetype(a) => Subject::Archetype(a),
        }
    }

    /// The town concerned, if the finding is about a town.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Atlas::builtin().audit().iter().any(|f| f.town().is_some_and(|t| t.as_str() == "kunshan")));
    /// ```
    #[must_use]
    pub fn town(&self) -> Option<&TownId> {
        match &self.subject {
            OwnedSubject::Town(t) => Some(t),
            OwnedSubject::Archetype(_) => None,
        }
    }

    /// The archetype concerned, if the finding is about an archetype.
    ///
    /// # Example
    ///
    /// ```
    /// // The built-in archetypes raise no finding.
    /// assert!(regdev::Atlas::builtin().audit().iter().all(|f| f.archetype().is_none()));
    /// ```
    #[must_use]
    pub fn archetype(&self) -> Option<&ArchetypeId> {
        match &self.subject {
            OwnedSubject::Town(_) => None,
            OwnedSubject::Archetype(a) => Some(a),
        }
    }

    /// The field path concerned, e.g. `key_facts.gdp_per_capita`.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Atlas::builtin().audit().iter().all(|f| f.field().starts_with("key_facts") || f.field().starts_with("profile_claims")));
    /// ```
    #[must_use]
    pub fn field(&self) -> &str {
        &self.field
    }

    /// A sentence saying what was found.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Atlas::builtin().audit().iter().all(|f| !f.message().is_empty()));
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The numbers involved, by name.
    ///
    /// # Example
    ///
    /// ```
    /// let audit = regdev::Atlas::builtin().audit();
    /// let shunde = audit.iter().find(|f| f.town().is_some_and(|t| t.as_str() == "shunde")).ok_or("?")?;
    /// assert!(shunde.values().iter().any(|(name, _)| name == "stated"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn values(&self) -> &[(String, f64)] {
        &self.values
    }
}

impl core::fmt::Display for Finding {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}, field '{}': {}", self.severity, self.subject(), self.field, self.message)
    }
}

/// Thresholds of the audit; see the [module docs](crate::audit).
///
/// # Example
///
/// ```
/// use regdev::audit::AuditOptions;
/// let strict = AuditOptions::default().per_capita_tolerance(0.05)?;
/// let findings = regdev::Atlas::builtin().audit_with(&strict);
/// assert!(!findings.is_empty());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AuditOptions {
    per_capita_tolerance: f64,
    min_density: f64,
    max_density: f64,
    max_year_gap: i64,
}

impl Default for AuditOptions {
    fn default() -> AuditOptions {
        AuditOptions { per_capita_tolerance: 0.10, min_density: 1.0, max_density: 30_000.0, max_year_gap: 10 }
    }
}

impl AuditOptions {
    /// The relative difference above which GDP per capita is flagged
    /// (default 0.10).
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] or [`Error::Negative`] for a bad tolerance.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::audit::AuditOptions::default().per_capita_tolerance(-1.0).is_err());
    /// ```
    pub fn per_capita_tolerance(mut self, tolerance: f64) -> Result<AuditOptions, Error> {
        if !tolerance.is_finite() {
            return Err(Error::NonFinite { quantity: "tolerance", value: tolerance });
        }
        if tolerance < 0.0 {
            return Err(Error::Negative { quantity: "tolerance", value: tolerance });
        }
        self.per_capita_tolerance = tolerance;
        Ok(self)
    }

    /// The plausible density range in persons/km² (default 1 – 30,000).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRange`] unless `0 ≤ min ≤ max` and both are finite.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::audit::AuditOptions::default().density_range(10.0, 1.0).is_err());
    /// ```
    pub fn density_range(mut self, min: f64, max: f64) -> Result<AuditOptions, Error> {
        if !(min.is_finite() && max.is_finite() && 0.0 <= min && min <= max) {
            return Err(Error::InvalidRange { what: "density range", min, max });
        }
        self.min_density = min;
        self.max_density = max;
        Ok(self)
    }

    /// The largest allowed spread of a town's fact years (default 10).
    ///
    /// # Example
    ///
    /// ```
    /// let o = regdev::audit::AuditOptions::default().max_year_gap(5);
    /// ```
    #[must_use]
    pub fn max_year_gap(mut self, years: u16) -> AuditOptions {
        self.max_year_gap = i64::from(years);
        self
    }
}

impl Atlas {
    /// Audits the atlas with the default thresholds; see
    /// [`crate::audit`].
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Atlas::builtin().audit().len(), 5);
    /// ```
    #[must_use]
    pub fn audit(&self) -> Vec<Finding> {
        self.audit_with(&AuditOptions::default())
    }

    /// Audits the atlas with the given thresholds. Findings come town by
    /// town in atlas order, checks in the order of the module docs' table,
    /// then archetype by archetype (weak sources, disagreeing claims).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::audit::AuditOptions;
    /// let lenient = AuditOptions::default().per_capita_tolerance(0.5)?;
    /// assert_eq!(regdev::Atlas::builtin().audit_with(&lenient).len(), 4);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn audit_with(&self, options: &AuditOptions) -> Vec<Finding> {
        self.audit_counted(options, &crate::progress::Tally::none())
    }

    /// [`Atlas::audit_with`], reporting the towns audited to `progress`
    /// (see [`Progress`](crate::Progress)); the same findings.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::audit::AuditOptions;
    /// let atlas = regdev::Atlas::builtin();
    /// let mut last = (0, 0);
    /// let findings = atlas.audit_with_progress(&AuditOptions::default(), |d, t| last = (d, t));
    /// assert_eq!(findings, atlas.audit());
    /// assert_eq!(last, (atlas.towns().len() as u64, atlas.towns().len() as u64));
    /// ```
    #[must_use]
    pub fn audit_with_progress(&self, options: &AuditOptions, mut progress: impl crate::Progress) -> Vec<Finding> {
        let tally = crate::progress::Tally::new(&mut progress, self.towns().len() as u64);
        let findings = self.audit_counted(options, &tally);
        tally.finish();
        findings
    }

    fn audit_counted(&self, options: &AuditOptions, tally: &crate::progress::Tally<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        let codes = codes::CodeIndex::new(self);
        for town in self.towns() {
            self.audit_town(town, options, &codes, &mut out);
            tally.add(1);
        }
        for archetype in self.archetypes() {
            archetype_weak_sources(self, archetype, &mut out);
            archetype_disagreeing_claims(archetype, &mut out);
        }
        out
    }

    /// The findings of [`Atlas::audit_with`] on the towns in `ids`, in
    /// the same order, from auditing those towns only (each check looks at
    /// one town, its parent and children, its graph and the sources it
    /// cites; only the duplicate-code check needs every town's code, one
    /// pass over the atlas). Counts the towns audited on `tally`.
    /// Only reports ([`crate::figure::Report`]) need it.
    #[cfg(feature = "figures")]
    pub(crate) fn audit_towns(
        &self,
        options: &AuditOptions,
        ids: &std::collections::BTreeSet<&str>,
        tally: &crate::progress::Tally<'_>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let codes = codes::CodeIndex::new(self);
        // In atlas order, as `audit_with` gives them.
        let mut towns: Vec<(usize, &Town)> =
            ids.iter().filter_map(|id| Some((self.town_position(id)?, self.town(id)?))).collect();
        towns.sort_by_key(|(at, _)| *at);
        for (_, town) in towns {
            self.audit_town(town, options, &codes, &mut out);
            tally.add(1);
        }
        out
    }

    /// Every check on one town, in the order of the module docs' table.
    fn audit_town(&self, town: &Town, options: &AuditOptions, codes: &codes::CodeIndex<'_>, out: &mut Vec<Finding>) {
        per_capita(self, town, options, out);
        density(town, options, out);
        children(self, town, out);
        profile_vs_graph(self, town, out);
        year_gap(town, options, out);
        weak_sources(self, town, out);
        disagreeing_claims(town, out);
        disagreeing_model_claims(town, out);
        mixed_years(town, out);
        codes.check(self, town, out);
    }
}

fn finding(
    severity: Severity,
    kind: FindingKind,
    town: &Town,
    field: &str,
    message: String,
    values: &[(&str, f64)],
) -> Finding {
    Finding {
        severity,
        kind,
        subject: OwnedSubject::Town(town.id().clone()),
        field: field.to_owned(),
        message,
        values: values.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
    }
}

fn archetype_finding(
    severity: Severity,
    kind: FindingKind,
    archetype: &Archetype,
    field: &str,
    message: String,
) -> Finding {
    Finding {
        severity,
        kind,
        subject: OwnedSubject::Archetype(archetype.id().clone()),
        field: field.to_owned(),
        message,
        values: Vec::new(),
    }
}

fn per_capita(atlas: &Atlas, town: &Town, options: &AuditOptions, out: &mut Vec<Finding>) {
    let f = town.key_facts();
    let (Some(gdp), Some(pop), Some(stated)) = (f.gdp(), f.population(), f.gdp_per_capita()) else { return };
    let Ok(derived) = gdp.value().per_capita(*pop.value()) else { return };
    let field = "key_facts.gdp_per_capita";
    let target = stated.value().currency();
    let converted: Money = if derived.currency() == target {
        derived
    } else {
        let Some(year) = gdp.year().or(stated.year()) else {
            out.push(finding(
                Severity::Info,
                FindingKind::Unconvertible,
                town,
                field,
                format!(
                    "cannot check GDP per capita: GDP / population = {:.0} {} but the GDP has no year, so no {}/{} rate can be chosen to compare it with the stated {:.0} {}",
                    derived.amount(),
                    derived.currency().code(),
                    derived.currency().code(),
                    target.code(),
                    stated.value().amount(),
                    target.code()
                ),
                &[("derived", derived.amount()), ("stated", stated.value().amount())],
            ));
            return;
        };
        match atlas.convert(derived, year, target) {
            Ok(m) => m,
            Err(_) => {
                out.push(finding(
                    Severity::Info,
                    FindingKind::Unconvertible,
                    town,
                    field,
                    format!(
                        "cannot check GDP per capita: the atlas has no {}/{} exchange rate for {year}",
                        derived.currency().code(),
                        target.code()
                    ),
                    &[("derived", derived.amount()), ("stated", stated.value().amount())],
                ));
                return;
            }
        }
    };
    let s = stated.value().amount();
    if s <= 0.0 {
        return;
    }
    let rel = (converted.amount() - s) / s;
    if rel.abs() > options.per_capita_tolerance {
        out.push(finding(
            Severity::Warning,
            FindingKind::GdpPerCapitaMismatch,
            town,
            field,
            format!(
                "GDP / population = {}, {:+.1}% from the stated {:.0} {} (tolerance {:.0}%)",
                // A conversion is shown only when there was one: not "159474 CNY = 159474 CNY".
                if derived.currency() == target {
                    format!("{:.0} {}", derived.amount(), derived.currency().code())
                } else {
                    format!(
                        "{:.0} {} = {:.0} {}",
                        derived.amount(),
                        derived.currency().code(),
                        converted.amount(),
                        target.code()
                    )
                },
                rel * 100.0,
                s,
                target.code(),
                options.per_capita_tolerance * 100.0
            ),
            &[
                ("derived", converted.amount()),
                ("stated", s),
                ("relative_difference", rel),
                ("derived_in_gdp_currency", derived.amount()),
            ],
        ));
    }
}

/// Flags a GDP per capita derived from a GDP and a population of
/// different years (a 2014 GDP over a 2017 population): a warning when the
/// town states a GDP per capita (the check against it compares with a
/// figure that mixes years), information when it states none (only a
/// caller deriving one would mix them).
fn mixed_years(town: &Town, out: &mut Vec<Finding>) {
    let f = town.key_facts();
    let (Some(gdp), Some(pop)) = (f.gdp(), f.population()) else { return };
    let (Some(g), Some(p)) = (gdp.year(), pop.year()) else { return };
    if g == p {
        return;
    }
    let severity = if f.gdp_per_capita().is_some() { Severity::Warning } else { Severity::Info };
    #[allow(clippy::cast_precision_loss)]
    let (gy, py) = (g.get() as f64, p.get() as f64);
    out.push(finding(
        severity,
        FindingKind::MixedYears,
        town,
        "key_facts",
        format!("GDP per capita would divide a {g} GDP by a {p} population; the derived figure mixes years"),
        &[("gdp_year", gy), ("population_year", py)],
    ));
}

fn density(town: &Town, options: &AuditOptions, out: &mut Vec<Finding>) {
    let Ok(Some(d)) = town.key_facts().density() else { return };
    if d < options.min_density || d > options.max_density {
        out.push(finding(
            Severity::Warning,
            FindingKind::Density,
            town,
            "key_facts.population",
            format!(
                "population density {d:.1} persons/km² is outside the plausible range {}..{}",
                options.min_density, options.max_density
            ),
            &[("density", d)],
        ));
    }
}

fn children(atlas: &Atlas, town: &Town, out: &mut Vec<Finding>) {
    let f = town.key_facts();
    let kids: Vec<&Town> = atlas.children(town.id().as_str()).collect();
    if let Some(area) = f.area() {
        let sum: f64 = kids.iter().filter_map(|k| k.key_facts().area()).map(|a| a.value().km2()).sum();
        if sum > area.value().km2() {
            out.push(finding(
                Severity::Warning,
                FindingKind::ChildrenExceedParent,
                town,
                "key_facts.area",
                format!("its towns' areas sum to {sum} km², more than its own {} km²", area.value().km2()),
                &[("children", sum), ("parent", area.value().km2())],
            ));
        }
    }
    if let Some(pop) = f.population() {
        let sum: u64 = kids.iter().filter_map(|k| k.key_facts().population()).map(|p| p.value().get()).sum();
        if sum > pop.value().get() {
            #[allow(clippy::cast_precision_loss)]
            let (s, p) = (sum as f64, pop.value().get() as f64);
            out.push(finding(
                Severity::Warning,
                FindingKind::ChildrenExceedParent,
                town,
                "key_facts.population",
                format!("its towns' populations sum to {sum}, more than its own {}", pop.value().get()),
                &[("children", s), ("parent", p)],
            ));
        }
    }
}

/// Flags asserted profile rows that differ from the ones derived from the
/// town's own linkage graph (see [`Atlas::derived_rows`]).
fn profile_vs_graph(atlas: &Atlas, town: &Town, out: &mut Vec<Finding>) {
    let Ok(rows) = atlas.derived_rows(town.id().as_str()) else { return };
    for row in rows {
        let Some(asserted) = town.profile().get(row.dimension()) else { continue };
        if asserted != *row.value() {
            out.push(finding(
                Severity::Warning,
                FindingKind::ProfileContradictsGraph,
                town,
                &format!("profile.{}", row.dimension().id()),
                format!(
                    "the profile asserts \"{asserted}\" but the linkage graph gives \"{}\" ({})",
                    row.value(),
                    row.provenance()
                ),
                &[],
            ));
        }
    }
}

fn year_gap(town: &Town, options: &AuditOptions, out: &mut Vec<Finding>) {
    let years: Vec<i64> =
        town.key_facts().observations().iter().filter_map(|o| o.reference_year().map(crate::Year::get)).collect();
    let (Some(lo), Some(hi)) = (years.iter().min(), years.iter().max()) else { return };
    if hi - lo > options.max_year_gap {
        #[allow(clippy::cast_precision_loss)]
        let (l, h) = (*lo as f64, *hi as f64);
        out.push(finding(
            Severity::Info,
            FindingKind::YearGap,
            town,
            "key_facts",
            format!("its key facts span {lo}–{hi}, more than {} years apart", options.max_year_gap),
            &[("earliest", l), ("latest", h)],
        ));
    }
}

/// Lists every profile dimension whose claims disagree, with each value,
/// source and rank. Where a claim is preferred it decides (info); where none
/// is, comparison leaves the dimension unset for those years (warning).
fn disagreements(claims: &crate::ProfileClaims) -> Vec<(Severity, String, String)> {
    claims
        .disagreements()
        .iter()
        .map(|d| {
            let preferred = d.claims().iter().find(|c| c.rank() == crate::Rank::Preferred);
            let (severity, outcome) = match preferred {
                Some(c) => (Severity::Info, format!("the preferred claim (\"{}\", {}) is used", c.value(), c.source())),
                None => (
                    Severity::Warning,
                    "none is preferred, so comparison leaves the dimension unset where they compete".to_owned(),
                ),
            };
            let listed = d.to_string();
            let listed = listed.split_once(": ").map_or(listed.as_str(), |(_, rest)| rest);
            (
                severity,
                format!("profile_claims.{}", d.dimension().id()),
                format!("sources disagree on {}: {listed}; {outcome}", d.dimension().id()),
            )
        })
        .collect()
}

fn disagreeing_claims(town: &Town, out: &mut Vec<Finding>) {
    for (severity, field, message) in disagreements(town.profile_claims()) {
        out.push(finding(severity, FindingKind::DisagreeingClaims, town, &field, message, &[]));
    }
}

/// The same check on a town's model label: the finding lists every
/// model with its source, rank and period.
fn disagreeing_model_claims(town: &Town, out: &mut Vec<Finding>) {
    let Some(claims) = town.model_disagreement() else { return };
    let mut listed = String::new();
    // Writing to a String cannot fail.
    let _ = crate::dimension::write_claims(&mut listed, claims.iter().copied());
    let preferred = claims.iter().find(|c| c.rank() == crate::Rank::Preferred);
    let (severity, outcome) = match preferred {
        Some(c) => (Severity::Info, format!("the preferred claim (\"{}\", {}) is used", c.value(), c.source())),
        None => (Severity::Warning, "none is preferred, so the town has no model label where they compete".to_owned()),
    };
    let message = format!("sources disagree on the model label: {listed}; {outcome}");
    out.push(finding(severity, FindingKind::DisagreeingModelClaims, town, "model", message, &[]));
}

/// The same check on an archetype's reference profile: two sources that
/// disagree on what a model is are as worth knowing as on a town.
fn archetype_disagreeing_claims(archetype: &Archetype, out: &mut Vec<Finding>) {
    for (severity, field, message) in disagreements(archetype.profile_claims()) {
        out.push(archetype_finding(severity, FindingKind::DisagreeingClaims, archetype, &field, message));
    }
}

/// A weak source may back a specialisation or a note, never a profile
/// claim, a key fact or the model label.
fn weak_sources(atlas: &Atlas, town: &Town, out: &mut Vec<Finding>) {
    for (field, id) in town.cited_sources() {
        let claim = field.starts_with("key_facts") || field.starts_with("profile") || field.starts_with("model");
        if !claim {
            continue;
        }
        let Some(source) = atlas.source(id.as_str()) else { continue };
        if source.strength() == Some(crate::SourceStrength::Weak) {
            out.push(finding(
                Severity::Warning,
                FindingKind::WeakSource,
                town,
                &field,
                format!(
                    "'{id}' is a weak source; it may back a specialisation or a note but not a profile claim, key fact or model label"
                ),
                &[],
            ));
        }
    }
}

/// A weak source may not back an archetype's reference profile either.
fn archetype_weak_sources(atlas: &Atlas, archetype: &Archetype, out: &mut Vec<Finding>) {
    for d in crate::Dimension::ALL {
        for claim in archetype.profile_claims().claims(*d) {
            let id = claim.source();
            let Some(source) = atlas.source(id.as_str()) else { continue };
            if source.strength() == Some(crate::SourceStrength::Weak) {
                out.push(archetype_finding(
                    Severity::Warning,
                    FindingKind::WeakSource,
                    archetype,
                    &format!("profile_claims.{}", d.id()),
                    format!("'{id}' is a weak source; it may not back a claim of an archetype's reference profile"),
                ));
            }
        }
    }
}
