//! Building towns: [`TownBuilder`].

use super::label::{ModelLabel, claim_of};
use super::record::TownFields;
use super::{Advantage, CodeListing, DevelopmentZone, KeyFacts, Note, ProfileSources, Specialisation, Town};
use crate::{
    Area, Claim, Error, Indicator, Money, Observation, Observed, Population, Profile, RegionalModel, SourceId, TownId,
    Trajectory,
};

/// Builds a [`Town`]; see [`Town::builder`]. Setters may be called in any
/// order; [`TownBuilder::build`] validates once.
///
/// # Example
///
/// ```
/// use regdev::{AdminLevel, Advantage, Name, Observed, SourceId, Town, TownId};
/// let t = Town::builder(TownId::new("x")?, Name::new("X")?, AdminLevel::Town)
///     .advantage(Observed::new(Advantage::Location, SourceId::new("s")?))
///     .build()?;
/// assert_eq!(t.advantages().len(), 1);
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until build() is called"]
pub struct TownBuilder {
    pub(super) fields: TownFields,
}

impl TownBuilder {
    /// Sets the parent town.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).parent(TownId::new("p")?).build()?;
    /// assert!(t.parent().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn parent(mut self, parent: TownId) -> TownBuilder {
        self.fields.parent = Some(parent);
        self
    }

    /// Sets the province.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).province("Jiangsu").build()?;
    /// assert_eq!(t.province(), Some("Jiangsu"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn province(mut self, province: impl Into<String>) -> TownBuilder {
        self.fields.province = Some(province.into());
        self
    }

    /// Sets the statistical code listing.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, CodeListing, DivisionCode, Name, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .statistical_code(CodeListing::new(DivisionCode::new("440606103")?, SourceId::new("nbs")?))
    ///     .build()?;
    /// assert!(t.statistical_code().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn statistical_code(mut self, code: CodeListing) -> TownBuilder {
        self.fields.statistical_code = Some(code);
        self
    }

    /// Places the town in a regional model, citing a source: the label
    /// becomes this one claim, of normal rank, undated (or dated to the
    /// observation's year), replacing any claims given before. See
    /// [`TownBuilder::model_claim`] to record several.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Observed, RegionalModel, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .model(Observed::new(RegionalModel::Sunan, SourceId::new("s")?)).build()?;
    /// assert!(t.model().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn model(mut self, model: Observed<RegionalModel>) -> TownBuilder {
        self.fields.model = ModelLabel::One(claim_of(model));
        self
    }

    /// Adds a claim on the town's model label, after those given before:
    /// where sources disagree on the model, or the town changed model over
    /// time, record each claim with its rank and period.
    /// [`Town::model`](crate::Town::model) resolves them as profile claims
    /// are resolved; [`TownBuilder::build`] rejects the same claim twice
    /// ([`Error::DuplicateModelClaim`]) and two preferred claims that
    /// disagree for the same years ([`Error::ConflictingModelClaims`]).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Claim, Name, Rank, RegionalModel, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("shunde")?, Name::new("Shunde")?, AdminLevel::District)
    ///     .model_claim(Claim::new(RegionalModel::PearlRiverDelta, SourceId::new("a")?).ranked(Rank::Preferred))
    ///     .model_claim(Claim::new(RegionalModel::Sunan, SourceId::new("b")?))
    ///     .build()?;
    /// assert_eq!(t.model_claims().len(), 2);
    /// assert_eq!(t.model().map(|m| *m.value()), Some(RegionalModel::PearlRiverDelta));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn model_claim(mut self, claim: Claim<RegionalModel>) -> TownBuilder {
        self.fields.model.push(claim);
        self
    }

    /// Adds an exact area observation, of unstated kind (see
    /// [`TownBuilder::observation`] for the rest).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Area, Name, Observed, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .area(Observed::new(Area::new(78.0)?, SourceId::new("s")?)).build()?;
    /// assert!(t.key_facts().area().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn area(mut self, area: Observed<Area>) -> TownBuilder {
        self.fields.key_facts.push(Observation::area(area));
        self
    }

    /// Adds an exact population observation, of unstated kind.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Observed, Population, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .population(Observed::new(Population::new(184_800), SourceId::new("s")?)).build()?;
    /// assert!(t.key_facts().population().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn population(mut self, population: Observed<Population>) -> TownBuilder {
        self.fields.key_facts.push(Observation::population(population));
        self
    }

    /// Adds an exact GDP observation.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Currency, Money, Name, Observed, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .gdp(Observed::new(Money::new(22.1e9, Currency::Cny)?, SourceId::new("s")?)).build()?;
    /// assert!(t.key_facts().gdp().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn gdp(mut self, gdp: Observed<Money>) -> TownBuilder {
        self.fields.key_facts.push(Observation::money(Indicator::Gdp, gdp));
        self
    }

    /// Adds an exact GDP-per-capita observation, as the source states it.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Currency, Money, Name, Observed, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .gdp_per_capita(Observed::new(Money::new(14e3, Currency::Usd)?, SourceId::new("s")?)).build()?;
    /// assert!(t.key_facts().gdp_per_capita().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn gdp_per_capita(mut self, value: Observed<Money>) -> TownBuilder {
        self.fields.key_facts.push(Observation::money(Indicator::GdpPerCapita, value));
        self
    }

    /// Adds any observation: another year, a kind, a qualifier, another
    /// indicator.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Indicator, Name, Observation, ObservationKind, Population, SourceId, Town, TownId};
    /// let migrants = Observation::new(Indicator::Population, Population::new(500_000), SourceId::new("s")?)?
    ///     .with_kind(ObservationKind::Migrant)?;
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).observation(migrants).build()?;
    /// assert_eq!(t.key_facts().series(Indicator::Population).len(), 1);
    /// assert!(t.key_facts().population().is_none()); // migrants are not the headline population
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn observation(mut self, observation: Observation) -> TownBuilder {
        self.fields.key_facts.push(observation);
        self
    }

    /// Replaces all key facts at once.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, KeyFacts, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).key_facts(KeyFacts::default()).build()?;
    /// assert!(t.key_facts().gdp().is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn key_facts(mut self, facts: KeyFacts) -> TownBuilder {
        self.fields.key_facts = facts;
        self
    }

    /// Adds a specialisation.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, IndustryDivision, Name, SourceId, Specialisation, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .specialisation(Specialisation::new(IndustryDivision::C21, "furniture", SourceId::new("s")?)?).build()?;
    /// assert_eq!(t.specialisations().len(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn specialisation(mut self, s: Specialisation) -> TownBuilder {
        self.fields.specialisations.push(s);
        self
    }

    /// Adds a development zone.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, DevelopmentZone, Name, SourceId, Town, TownId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?);
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).zone(z).build()?;
    /// assert_eq!(t.zones().len(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn zone(mut self, zone: DevelopmentZone) -> TownBuilder {
        self.fields.zones.push(zone);
        self
    }

    /// Adds an advantage, with the source that supports it for this town.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Advantage, Name, Observed, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .advantage(Observed::new(Advantage::EarlyReform, SourceId::new("s")?)).build()?;
    /// assert_eq!(t.advantages().len(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn advantage(mut self, advantage: Observed<Advantage>) -> TownBuilder {
        self.fields.advantages.push(advantage);
        self
    }

    /// Sets one profile dimension, with its source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, DimensionValue, Name, SourceId, Town, TownId};
    /// use regdev::RiskLevel;
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .dimension(DimensionValue::RiskLevel(RiskLevel::Low), SourceId::new("s")?).build()?;
    /// assert_eq!(t.profile().risk_level, Some(RiskLevel::Low));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn dimension(mut self, value: crate::DimensionValue, source: SourceId) -> TownBuilder {
        let d = value.dimension();
        self.fields.profile_claims.raw_mut().clear(d);
        self.fields.profile.clear(d);
        self.fields.profile_sources.remove(&d);
        self.fields.profile_claims.raw_mut().push(crate::Claim::new(value, source));
        self
    }

    /// Adds a claim on a profile dimension: several claims may be recorded,
    /// dated, ranked and disagreeing (see [`crate::ProfileClaims`]).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Claim, DimensionValue, Name, Rank, SourceId, Town, TownId};
    /// use regdev::Dynamics;
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .claim(Claim::new(DimensionValue::Dynamics(Dynamics::GovernmentLed), SourceId::new("a")?))
    ///     .claim(Claim::new(DimensionValue::Dynamics(Dynamics::BottomUpPpp), SourceId::new("b")?).ranked(Rank::Preferred))
    ///     .build()?;
    /// assert_eq!(t.profile().dynamics, Some(Dynamics::BottomUpPpp));
    /// assert_eq!(t.profile_claims().count(regdev::Dimension::Dynamics), 2);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn claim(mut self, claim: crate::Claim<crate::DimensionValue>) -> TownBuilder {
        self.fields.profile_claims.raw_mut().push(claim);
        self
    }

    /// Replaces the profile and its sources at once.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Profile, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .profile(Profile::default(), Default::default()).build()?;
    /// assert!(t.profile().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn profile(mut self, profile: Profile, sources: ProfileSources) -> TownBuilder {
        self.fields.profile = profile;
        self.fields.profile_sources = sources;
        self.fields.profile_claims = super::claims::ClaimStore::default();
        self
    }

    /// Sets the trajectory.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, SourceId, Stage, Town, TownId, Trajectory};
    /// let tr = Trajectory::new(vec![Stage::new("Specialised towns", SourceId::new("s")?)?])?;
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).trajectory(tr).build()?;
    /// assert_eq!(t.trajectory().len(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn trajectory(mut self, trajectory: Trajectory) -> TownBuilder {
        self.fields.trajectory = trajectory;
        self
    }

    /// Adds a sourced note.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Observed, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .note(Observed::new("a caveat".to_owned(), SourceId::new("s")?)).build()?;
    /// assert_eq!(t.notes().len(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn note(mut self, note: Note) -> TownBuilder {
        self.fields.notes.push(note);
        self
    }

    /// Validates and returns the town.
    ///
    /// # Errors
    ///
    /// Any violation of the invariants listed on [`Town`], wrapped in
    /// [`Error::Context`] naming the town.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Town, TownId};
    /// let err = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).province(" ").build().unwrap_err();
    /// assert_eq!(err.to_string(), "town 'a': province must not be empty");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn build(self) -> Result<Town, Error> {
        Town::try_from(self.fields)
    }
}
