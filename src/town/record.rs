//! The town record: [`Town`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::name::non_empty;
use super::{
    AdminLevel, Advantage, CodeListing, DevelopmentZone, KeyFacts, Name, Note, ProfileSources, Specialisation,
    TownBuilder,
};
use crate::dimension::Dimension;
use crate::{Error, Observed, Profile, RegionalModel, SourceId, TownId, Trajectory};

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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) model: Option<Observed<RegionalModel>>,
    #[serde(default, skip_serializing_if = "KeyFacts::is_empty")]
    pub(super) key_facts: KeyFacts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) specialisations: Vec<Specialisation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) zones: Vec<DevelopmentZone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) advantages: Vec<Observed<Advantage>>,
    #[serde(default)]
    pub(super) profile: Profile,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(super) profile_sources: ProfileSources,
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
/// - every dimension set in the profile has a source in
///   `profile_sources`, and every entry of `profile_sources` is for a set
///   dimension (no fact without a source, no source without a fact);
/// - no advantage is listed twice.
///
/// Rules that need other records (the parent exists, the sources exist)
/// are checked by the [`Atlas`](crate::Atlas).
///
/// # Source
///
/// Talk, "Case studies" (Kunshan, Shunde) and domain facts §3–4.
///
/// # Example
///
/// ```
/// use regdev::{AdminLevel, Dimension, DimensionValue, Name, SourceId, Town, TownId};
/// use regdev::dimension::Dynamics;
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
    fn try_from(f: TownFields) -> Result<Town, Error> {
        let ctx = format!("town '{}'", f.id);
        validate_town(&f).map_err(|e| e.context(ctx))?;
        Ok(Town(f))
    }
}

impl From<Town> for TownFields {
    fn from(t: Town) -> TownFields {
        t.0
    }
}

fn validate_town(f: &TownFields) -> Result<(), Error> {
    if let Some(p) = &f.province {
        non_empty("province", p)?;
    }
    crate::dimension::check_profile_sources(&f.profile, &f.profile_sources)?;
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
                model: None,
                key_facts: KeyFacts::default(),
                specialisations: Vec::new(),
                zones: Vec::new(),
                advantages: Vec::new(),
                profile: Profile::default(),
                profile_sources: ProfileSources::new(),
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
        TownBuilder { fields: self.0.clone() }
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

    /// The regional model the town is placed in, with the source that
    /// places it there.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Observed, RegionalModel, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .model(Observed::new(RegionalModel::Wenzhou, SourceId::new("s")?))
    ///     .build()?;
    /// assert_eq!(t.model().map(|m| *m.value()), Some(RegionalModel::Wenzhou));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn model(&self) -> Option<&Observed<RegionalModel>> {
        self.0.model.as_ref()
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

    /// The profile.
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
        let model = f.model.iter().map(Observed::source);
        let facts = f.key_facts.source_ids();
        let specs = f.specialisations.iter().map(Specialisation::source);
        let zones = f.zones.iter().map(DevelopmentZone::source);
        let adv = f.advantages.iter().map(Observed::source);
        let prof = f.profile_sources.values();
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
        let model = f.model.iter().map(|m| ("model".to_owned(), m.source()));
        let facts = f.key_facts.provenance().map(|(name, s, _)| (format!("key_facts.{name}"), s));
        let specs = f.specialisations.iter().enumerate().map(|(i, s)| (format!("specialisations[{i}]"), s.source()));
        let zones = f.zones.iter().enumerate().map(|(i, z)| (format!("zones[{i}]"), z.source()));
        let adv = f.advantages.iter().enumerate().map(|(i, a)| (format!("advantages[{i}]"), a.source()));
        let prof = f.profile_sources.iter().map(|(d, s)| (format!("profile_sources.{}", d.id()), s));
        let traj = f.trajectory.stages().iter().enumerate().map(|(i, s)| (format!("trajectory[{i}]"), s.source()));
        let notes = f.notes.iter().enumerate().map(|(i, n)| (format!("notes[{i}]"), n.source()));
        code.chain(model).chain(facts).chain(specs).chain(zones).chain(adv).chain(prof).chain(traj).chain(notes)
    }
}
