//! The town record: [`Town`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::claims::ClaimStore;
use super::label::ModelLabel;
use super::{
    AdminLevel, Advantage, CodeListing, DevelopmentZone, KeyFacts, Name, Note, ProfileSources, Specialisation,
    TownBuilder,
};
use crate::dimension::Dimension;
use crate::{Claim, Error, Observed, Profile, ProfileClaims, RegionalModel, SourceId, TownId, Trajectory};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(super) struct TownFields {
    pub(super) id: TownId,
    pub(super) name: Name,
    pub(super) level: AdminLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) parent: Option<TownId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) statistical_code: Option<CodeListing>,
    /// The model-label claims: one object (formats 1 and 2) or an array.
    #[serde(default, skip_serializing_if = "ModelLabel::is_empty")]
    pub(super) model: ModelLabel,
    #[serde(default, skip_serializing_if = "KeyFacts::is_empty")]
    pub(super) key_facts: KeyFacts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) specialisations: Vec<Specialisation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) zones: Vec<DevelopmentZone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) advantages: Vec<Observed<Advantage>>,
    /// The current profile (format 1's only profile); on input folded into
    /// `profile_claims`, then replaced by the current profile they give.
    #[serde(default)]
    pub(super) profile: Profile,
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::dimension::deserialize_profile_sources"
    )]
    pub(super) profile_sources: ProfileSources,
    /// Every claim (format 2); written only when the compact form above
    /// cannot say it all, and stored only then (see [`ClaimStore`]).
    #[serde(default, skip_serializing_if = "ClaimStore::is_compact")]
    pub(super) profile_claims: ClaimStore,
    #[serde(default, skip_serializing_if = "Trajectory::is_empty")]
    pub(super) trajectory: Trajectory,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) notes: Vec<Note>,
}

/// A place whose development is studied: a county-level city, a district,
/// a town, a subdistrict or a zone.
///
/// # Invariants
///
/// Checked once, by [`TownBuilder::build`] and on deserialization:
/// - the province, if given, is not empty;
/// - every dimension set in the format-1 `profile` has a source in
///   `profile_sources`, and every entry of `profile_sources` is for a set
///   dimension (no fact without a source, no source without a fact);
/// - the profile claims are valid ([`ProfileClaims::validate`]: no claim
///   twice, no two preferred claims that disagree);
/// - the model-label claims are valid by the same rule
///   ([`Town::model_claims`]);
/// - no advantage is listed twice.
///
/// Rules that need other records (the parent exists, the sources exist)
/// are checked by the [`Atlas`](crate::Atlas).
///
/// # Source
///
/// The talk's case studies of Kunshan and Shunde (atlas source `qiao-talk`)
/// and the atlas sources each fact cites; see the guide's [Kunshan and
/// Shunde chapter](crate::guide::kunshan_shunde).
///
/// # Example
///
/// ```
/// use regdev::{AdminLevel, Dimension, DimensionValue, Name, SourceId, Town, TownId};
/// use regdev::Dynamics;
///
/// let talk = SourceId::new("qiao-talk")?;
/// let shunde = Town::builder(TownId::new("shunde")?, Name::new("Shunde")?, AdminLevel::District)
///     .dimension(DimensionValue::Dynamics(Dynamics::BottomUpPpp), talk)
///     .build()?;
/// assert_eq!(shunde.profile().dynamics, Some(Dynamics::BottomUpPpp));
/// assert_eq!(shunde.profile_source(Dimension::Dynamics).map(|s| s.as_str()), Some("qiao-talk"));
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "TownFields", into = "TownFields")]
pub struct Town(pub(super) TownFields);

impl TryFrom<TownFields> for Town {
    type Error = Error;
    fn try_from(mut f: TownFields) -> Result<Town, Error> {
        validate_town(&mut f).map_err(|e| e.context(format!("town '{}'", f.id)))?;
        Ok(Town(f))
    }
}

impl From<Town> for TownFields {
    /// The serialized form: the compact `profile` + `profile_sources` when
    /// they say everything the claims say, `profile_claims` otherwise.
    fn from(t: Town) -> TownFields {
        let mut f = t.0;
        if !f.profile_claims.is_compact() {
            f.profile = Profile::default();
            f.profile_sources = ProfileSources::new();
        }
        f
    }
}

fn validate_town(f: &mut TownFields) -> Result<(), Error> {
    if f.province.as_deref().is_some_and(|p| p.trim().is_empty()) {
        return Err(Error::EmptyText { field: "province" });
    }
    match f.profile_claims.take_raw() {
        // The compact form alone (every format-1 town, and most format-2
        // ones): its claims are one undated claim of normal rank per set
        // dimension, which cannot repeat or conflict, and the current
        // profile they give is the profile as read; only the
        // profile-source rule is left to check.
        None => crate::dimension::check_profile_sources(&f.profile, &f.profile_sources)?,
        Some(mut claims) => {
            (f.profile, f.profile_sources) = claims.absorb_v1(&f.profile, &f.profile_sources)?;
            f.profile_claims = ClaimStore::validated(claims);
        }
    }
    match crate::dimension::check_claims(f.model.claims()) {
        Ok(()) => {}
        Err(crate::dimension::ClaimFault::Duplicate(a)) => {
            return Err(Error::DuplicateModelClaim { value: a.value().to_string(), cited: a.source().to_string() });
        }
        Err(crate::dimension::ClaimFault::Conflict(a, b)) => {
            return Err(Error::ConflictingModelClaims {
                first: a.value().to_string(),
                first_source: a.source().to_string(),
                second: b.value().to_string(),
                second_source: b.source().to_string(),
            });
        }
    }
    let mut seen = BTreeSet::new();
    for a in &f.advantages {
        if !seen.insert(*a.value()) {
            return Err(Error::ListedTwice { field: "advantage", value: a.value().id().to_owned() });
        }
    }
    Ok(())
}

impl Town {
    /// Starts building a town from what every town has.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("lecong")?, Name::new("Lecong")?, AdminLevel::Town).build()?;
    /// assert_eq!(t.level(), AdminLevel::Town);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn builder(id: TownId, name: Name, level: AdminLevel) -> TownBuilder {
        TownBuilder {
            fields: TownFields {
                id,
                name,
                level,
                parent: None,
                province: None,
                statistical_code: None,
                model: ModelLabel::Unlabelled,
                key_facts: KeyFacts::default(),
                specialisations: Vec::new(),
                zones: Vec::new(),
                advantages: Vec::new(),
                profile: Profile::default(),
                profile_sources: ProfileSources::new(),
                profile_claims: ClaimStore::default(),
                trajectory: Trajectory::default(),
                notes: Vec::new(),
            },
        }
    }

    /// Starts a builder from this town, to change it and re-validate.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// let t2 = t.to_builder().province("Guangdong").build()?;
    /// assert_eq!(t2.province(), Some("Guangdong"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn to_builder(&self) -> TownBuilder {
        let mut fields = self.0.clone();
        // The claims hold the whole profile; the current one is derived again.
        fields.profile_claims = ClaimStore::raw(self.profile_claims().clone());
        fields.profile = Profile::default();
        fields.profile_sources = ProfileSources::new();
        TownBuilder { fields }
    }

    /// The id.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert_eq!(t.id().as_str(), "a");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> &TownId {
        &self.0.id
    }

    /// The name.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert_eq!(t.name().english(), "A");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &Name {
        &self.0.name
    }

    /// The administrative level.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Subdistrict).build()?;
    /// assert_eq!(t.level(), AdminLevel::Subdistrict);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn level(&self) -> AdminLevel {
        self.0.level
    }

    /// The parent town's id, if the parent is in the atlas.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).parent(TownId::new("p")?).build()?;
    /// assert_eq!(t.parent().map(|p| p.as_str()), Some("p"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn parent(&self) -> Option<&TownId> {
        self.0.parent.as_ref()
    }

    /// The province.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert_eq!(t.province(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn province(&self) -> Option<&str> {
        self.0.province.as_deref()
    }

    /// The statistical division code, with its validity and source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert!(t.statistical_code().is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn statistical_code(&self) -> Option<&CodeListing> {
        self.0.statistical_code.as_ref()
    }

    /// The regional model the town is placed in now: the claim that decides
    /// among [`Town::model_claims`], by the rule profile dimensions follow
    /// ([`ProfileClaims::current`]).
    ///
    /// The claims that hold now are the open-ended dated ones if there are
    /// any, else the undated ones, else the dated ones that end last;
    /// deprecated claims never hold. Of those, the best-ranked decide:
    /// the preferred claim, or the only one, or several that agree (the
    /// first of them is returned, with its source). **When the best-ranked
    /// claims disagree (two normal claims naming different models, none
    /// preferred), there is no label: `None`**, as a profile dimension is
    /// left unset; [`Atlas::audit`](crate::Atlas::audit) reports the
    /// disagreement. Queries ([`Query::model`](crate::Query::model)), the
    /// tables' `towns.model` column and everything else that asks for "the"
    /// label use this one.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Claim, Name, Observed, Rank, RegionalModel, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .model(Observed::new(RegionalModel::Wenzhou, SourceId::new("s")?))
    ///     .build()?;
    /// assert_eq!(t.model().map(|m| *m.value()), Some(RegionalModel::Wenzhou));
    ///
    /// // Two sources disagree: the preferred claim decides.
    /// let disputed = t.to_builder()
    ///     .model_claim(Claim::new(RegionalModel::Sunan, SourceId::new("t")?).ranked(Rank::Preferred))
    ///     .build()?;
    /// assert_eq!(disputed.model().map(|m| *m.value()), Some(RegionalModel::Sunan));
    /// assert_eq!(disputed.model().map(|m| m.source().as_str()), Some("t"));
    ///
    /// // Neither preferred: no label.
    /// let open = t.to_builder().model_claim(Claim::new(RegionalModel::Sunan, SourceId::new("t")?)).build()?;
    /// assert!(open.model().is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn model(&self) -> Option<&Claim<RegionalModel>> {
        self.0.model.current()
    }

    /// Every claim on the town's model label, in order: the evidence
    /// [`Town::model`] is resolved from. Empty when the town has no label.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Claim, Name, Period, RegionalModel, SourceId, Town, TownId, Year};
    /// let s = SourceId::new("s")?;
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .model_claim(Claim::new(RegionalModel::Sunan, s.clone())
    ///         .with_period(Period::new(Year::new(1980)?, Some(Year::new(1995)?))?))
    ///     .model_claim(Claim::new(RegionalModel::PearlRiverDelta, s)
    ///         .with_period(Period::new(Year::new(1996)?, None)?))
    ///     .build()?;
    /// assert_eq!(t.model_claims().len(), 2);
    /// assert_eq!(t.model().map(|m| *m.value()), Some(RegionalModel::PearlRiverDelta));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn model_claims(&self) -> &[Claim<RegionalModel>] {
        self.0.model.claims()
    }

    /// The model label of `year`, by the rule of [`ProfileClaims::as_of`]:
    /// the claims dated to a period containing `year` if there are any,
    /// the undated ones otherwise, deprecated ones never; the best-ranked
    /// decide if they agree, else `None`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Claim, Name, Period, RegionalModel, SourceId, Town, TownId, Year};
    /// let s = SourceId::new("s")?;
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .model_claim(Claim::new(RegionalModel::Sunan, s.clone())
    ///         .with_period(Period::new(Year::new(1980)?, Some(Year::new(1995)?))?))
    ///     .model_claim(Claim::new(RegionalModel::PearlRiverDelta, s)
    ///         .with_period(Period::new(Year::new(1996)?, None)?))
    ///     .build()?;
    /// assert_eq!(t.model_as_of(Year::new(1990)?).map(|m| *m.value()), Some(RegionalModel::Sunan));
    /// assert!(t.model_as_of(Year::new(1970)?).is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn model_as_of(&self, year: crate::Year) -> Option<&Claim<RegionalModel>> {
        crate::dimension::resolve_as_of(self.0.model.claims(), year)
    }

    /// The model-label claims (deprecated ones left out) if two of them
    /// compete for the same years and disagree: what the audit reports.
    pub(crate) fn model_disagreement(&self) -> Option<Vec<&Claim<RegionalModel>>> {
        crate::dimension::disagreeing(self.0.model.claims())
    }

    /// The key facts.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert!(t.key_facts().area().is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn key_facts(&self) -> &KeyFacts {
        &self.0.key_facts
    }

    /// The specialisations.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert!(t.specialisations().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn specialisations(&self) -> &[Specialisation] {
        &self.0.specialisations
    }

    /// The development zones.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert!(t.zones().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn zones(&self) -> &[DevelopmentZone] {
        &self.0.zones
    }

    /// The advantages a source supports for this town.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert!(t.advantages().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn advantages(&self) -> &[Observed<Advantage>] {
        &self.0.advantages
    }

    /// The current profile, derived from the claims by the rule of
    /// [`ProfileClaims::current`]: what comparison and classification use.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert!(t.profile().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn profile(&self) -> &Profile {
        &self.0.profile
    }

    /// The profile of `year` ([`ProfileClaims::as_of`]): a Sunan town's
    /// collective 1990 and its privatised 2005 are both true.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Claim, DimensionValue, Name, Period, SourceId, Town, TownId, Year};
    /// use regdev::Ownership;
    /// let s = SourceId::new("s")?;
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .claim(Claim::new(DimensionValue::Ownership(Ownership::Collective), s.clone())
    ///         .with_period(Period::new(Year::new(1978)?, Some(Year::new(1997)?))?))
    ///     .claim(Claim::new(DimensionValue::Ownership(Ownership::Private), s)
    ///         .with_period(Period::new(Year::new(1998)?, None)?))
    ///     .build()?;
    /// assert_eq!(t.profile_as_of(Year::new(1990)?).ownership, Some(Ownership::Collective));
    /// assert_eq!(t.profile_as_of(Year::new(2005)?).ownership, Some(Ownership::Private));
    /// assert_eq!(t.profile().ownership, Some(Ownership::Private));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn profile_as_of(&self, year: crate::Year) -> Profile {
        if self.0.profile_claims.is_compact() {
            // Undated claims only: they hold in every year.
            return self.0.profile.clone();
        }
        self.profile_claims().as_of(year).0
    }

    /// Every claim on the profile, the evidence it is derived from.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert!(t.profile_claims().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn profile_claims(&self) -> &ProfileClaims {
        self.0.profile_claims.get(&self.0.profile, &self.0.profile_sources)
    }

    /// The source of one profile dimension, if set.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Dimension, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert!(t.profile_source(Dimension::Dynamics).is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn profile_source(&self, dimension: Dimension) -> Option<&SourceId> {
        self.0.profile_sources.get(&dimension)
    }

    /// The sources of every set profile dimension.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert!(t.profile_sources().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn profile_sources(&self) -> &ProfileSources {
        &self.0.profile_sources
    }

    /// The development trajectory.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert!(t.trajectory().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn trajectory(&self) -> &Trajectory {
        &self.0.trajectory
    }

    /// Sourced notes: conflicts between sources, caveats.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).build()?;
    /// assert!(t.notes().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn notes(&self) -> &[Note] {
        &self.0.notes
    }

    /// Every source id the town cites, without naming the fields (cheap:
    /// no allocation), in the order of [`Town::cited_sources`].
    pub(crate) fn source_ids(&self) -> impl Iterator<Item = &SourceId> {
        let f = &self.0;
        let code = f.statistical_code.iter().map(CodeListing::source);
        let model = f.model.claims().iter().map(Claim::source);
        let facts = f.key_facts.source_ids();
        let specs = f.specialisations.iter().map(Specialisation::source);
        let zones = f.zones.iter().map(DevelopmentZone::source);
        let adv = f.advantages.iter().map(Observed::source);
        // A compact town's claims cite exactly its profile sources.
        let compact = f.profile_claims.is_compact().then(|| f.profile_sources.values()).into_iter().flatten();
        let full = f.profile_claims.full().into_iter().flat_map(|c| c.source_refs()).map(|(_, _, s)| s);
        let prof = compact.chain(full);
        let traj = f.trajectory.stages().iter().map(crate::Stage::source);
        let notes = f.notes.iter().map(Observed::source);
        code.chain(model).chain(facts).chain(specs).chain(zones).chain(adv).chain(prof).chain(traj).chain(notes)
    }

    /// Every source id the town cites, with the field that cites it.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Area, Name, Observed, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .area(Observed::new(Area::new(1.0)?, SourceId::new("s")?))
    ///     .build()?;
    /// assert_eq!(t.cited_sources().collect::<Vec<_>>(), vec![("key_facts.area[0]".to_owned(), &SourceId::new("s")?)]);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn cited_sources(&self) -> impl Iterator<Item = (String, &SourceId)> {
        let f = &self.0;
        let code = f.statistical_code.iter().map(|c| ("statistical_code".to_owned(), c.source()));
        let compact = f.model.is_compact();
        let model = f
            .model
            .claims()
            .iter()
            .enumerate()
            .map(move |(i, c)| (if compact { "model".to_owned() } else { format!("model[{i}]") }, c.source()));
        let facts = f.key_facts.provenance().map(|(name, s, _)| (format!("key_facts.{name}"), s));
        let specs = f.specialisations.iter().enumerate().map(|(i, s)| (format!("specialisations[{i}]"), s.source()));
        let zones = f.zones.iter().enumerate().map(|(i, z)| (format!("zones[{i}]"), z.source()));
        let adv = f.advantages.iter().enumerate().map(|(i, a)| (format!("advantages[{i}]"), a.source()));
        let compact = f.profile_claims.is_compact().then(|| f.profile_sources.iter()).into_iter().flatten();
        let compact = compact.map(|(d, s)| (format!("profile_sources.{}", d.id()), s));
        let full = f.profile_claims.full().into_iter().flat_map(|c| c.source_refs());
        let full = full.map(|(d, i, s)| (format!("profile_claims.{}[{i}]", d.id()), s));
        let prof = compact.chain(full);
        let traj = f.trajectory.stages().iter().enumerate().map(|(i, s)| (format!("trajectory[{i}]"), s.source()));
        let notes = f.notes.iter().enumerate().map(|(i, n)| (format!("notes[{i}]"), n.source()));
        code.chain(model).chain(facts).chain(specs).chain(zones).chain(adv).chain(prof).chain(traj).chain(notes)
    }
}
