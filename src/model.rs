//! The three classic regional development models of reform-era China
//! ([`RegionalModel`]) and their reference profiles ([`Archetype`]).
//!
//! # Example
//!
//! ```
//! use regdev::RegionalModel;
//!
//! for model in RegionalModel::ALL {
//!     println!("{model}: {}", model.talk_summary());
//! }
//! let sunan = RegionalModel::Sunan.archetype();
//! assert_eq!(sunan.id().as_str(), "sunan");
//! assert!(!sunan.profile().is_empty());
//! ```

use serde::{Deserialize, Serialize};

use crate::dimension::{
    CapitalOrigin, DistrictType, DrivingActor, Dynamics, GovernmentRole, MarketOrientation, Ownership,
};
use crate::macros::vocabulary;
use crate::town::ProfileSources;
use crate::{ArchetypeId, DimensionValue, Error, Profile, ProfileClaims, Scale, SourceId};

vocabulary! {
    /// The three classic regional development models.
    ///
    /// "Three well-known models of industrial districts and regional
    /// development—the Sunan model, the Pearl River Delta (PRD) model, and
    /// the Wenzhou model" (Wei & Gu, citing Fan 1995; Oi 1999; Marton 2000;
    /// Wei 2002). The "Guangzhou model" of export processing is another name
    /// for the PRD model and parses as it.
    ///
    /// `#[non_exhaustive]`: the literature names more models ("Kunshan
    /// model", "Shunde model", "Longjiang model"); they may be added.
    ///
    /// # Source
    ///
    /// The talk's "Regional Development Model" slide (atlas source
    /// `qiao-talk`); Wei & Gu (2010, `wei-gu-changzhou`) for the three as a
    /// set. See the guide's [models chapter](crate::guide::models).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::RegionalModel;
    /// assert_eq!(RegionalModel::PearlRiverDelta.to_string(), "Pearl River Delta");
    /// assert_eq!("pearl_river_delta".parse::<RegionalModel>()?, RegionalModel::PearlRiverDelta);
    /// assert_eq!("PEARL RIVER DELTA".parse::<RegionalModel>()?, RegionalModel::PearlRiverDelta);
    /// assert_eq!(RegionalModel::parse_alias("PRD")?, RegionalModel::PearlRiverDelta);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[non_exhaustive]
    pub enum RegionalModel as "regional model" {
        /// Sunan (South Jiangsu, 苏南模式): state-directed township and
        /// village enterprises, linked to Shanghai.
        Sunan = ("sunan", "Sunan"),
        /// Pearl River Delta (珠三角模式, Guangdong): inflows of
        /// manufacturing investment from Hong Kong.
        PearlRiverDelta = ("pearl_river_delta", "Pearl River Delta"),
        /// Wenzhou (温州模式, Zhejiang): clusters of small household firms.
        Wenzhou = ("wenzhou", "Wenzhou"),
    }
}

impl RegionalModel {
    /// Parses the id or label ([`str::parse`]) or a common alias: "PRD",
    /// "Guangzhou model", "South Jiangsu", "苏南模式", "珠三角模式",
    /// "温州模式".
    ///
    /// # Errors
    ///
    /// [`Error::UnknownVariant`] if `s` is none of these.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::RegionalModel;
    /// assert_eq!(RegionalModel::parse_alias("Guangzhou model")?, RegionalModel::PearlRiverDelta);
    /// assert_eq!(RegionalModel::parse_alias("苏南模式")?, RegionalModel::Sunan);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn parse_alias(s: &str) -> Result<RegionalModel, Error> {
        let t = s.trim();
        let alias = [
            ("prd", RegionalModel::PearlRiverDelta),
            ("guangzhou model", RegionalModel::PearlRiverDelta),
            ("珠三角模式", RegionalModel::PearlRiverDelta),
            ("south jiangsu", RegionalModel::Sunan),
            ("sunan model", RegionalModel::Sunan),
            ("苏南模式", RegionalModel::Sunan),
            ("wenzhou model", RegionalModel::Wenzhou),
            ("温州模式", RegionalModel::Wenzhou),
        ];
        match alias.iter().find(|(a, _)| a.eq_ignore_ascii_case(t)) {
            Some((_, m)) => Ok(*m),
            None => t.parse(),
        }
    }

    /// The talk's one-line characterisation.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::RegionalModel::Wenzhou.talk_summary(),
    ///     "Clusters of small household firms (Marshallian Industrial districts)");
    /// ```
    #[must_use]
    pub const fn talk_summary(self) -> &'static str {
        match self {
            RegionalModel::Sunan => "State-directed TVEs, linkages to Shanghai",
            RegionalModel::PearlRiverDelta => "Inflows of manufacturing investment from HK",
            RegionalModel::Wenzhou => "Clusters of small household firms (Marshallian Industrial districts)",
        }
    }

    /// The home region, as the talk names it.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::RegionalModel::Sunan.region(), "South Jiangsu");
    /// ```
    #[must_use]
    pub const fn region(self) -> &'static str {
        match self {
            RegionalModel::Sunan => "South Jiangsu",
            RegionalModel::PearlRiverDelta => "Pearl River Delta, Guangdong",
            // The talk's slide says "North Zhejiang"; Wenzhou lies in the
            // south of Zhejiang. The province is what matters here.
            RegionalModel::Wenzhou => "Zhejiang",
        }
    }

    /// The dominant ownership form.
    ///
    /// # Source
    ///
    /// Sunan: Yuan, Wei & Chen (2014, atlas source `yuan-wei-chen-2014`),
    /// local-state directed TVEs; Pearl River Delta: Sit & Yang (1997,
    /// `sit-yang-1997`), small and medium firms financed from Hong Kong and
    /// Macao, and Hong Kong Memory's oral history of compensation trade in
    /// Nanhai and Shunde (`hkmemory-1979`); Wenzhou: the talk's "small
    /// household firms" (`qiao-talk`) and Berkshire's entry on the Wenzhou
    /// model (`berkshire-wenzhou`).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::RegionalModel::Sunan.ownership_form().contains("Collective"));
    /// ```
    #[must_use]
    pub const fn ownership_form(self) -> &'static str {
        match self {
            RegionalModel::Sunan => {
                "Collective township and village enterprises (TVEs); township and village governments exercise ownership rights"
            }
            RegionalModel::PearlRiverDelta => {
                "Foreign-invested, mostly Hong Kong and Macao, small and medium firms; processing arrangements with local units"
            }
            RegionalModel::Wenzhou => "Private, family-owned household firms",
        }
    }

    /// The main actors.
    ///
    /// # Source
    ///
    /// Sunan: Yuan, Wei & Chen (2014, atlas source `yuan-wei-chen-2014`); Pearl
    /// River Delta: Sit & Yang (1997, `sit-yang-1997`); Wenzhou: the talk
    /// (`qiao-talk`) and Berkshire's entry on the Wenzhou model
    /// (`berkshire-wenzhou`). The kinship and diaspora networks of the Wenzhou
    /// line rest on weaker sources not in the atlas.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::RegionalModel::Wenzhou.main_actors().contains("Household"));
    /// ```
    #[must_use]
    pub const fn main_actors(self) -> &'static str {
        match self {
            RegionalModel::Sunan => "Township and village governments and party cadres (local-state directed TVEs)",
            RegionalModel::PearlRiverDelta => {
                "Hong Kong and Macao investors, with local communities and governments renting land and factories"
            }
            RegionalModel::Wenzhou => "Household entrepreneurs, specialised markets, kinship and diaspora networks",
        }
    }

    /// Where the capital comes from.
    ///
    /// # Source
    ///
    /// Sunan: the talk's "linkages to Shanghai" (atlas source `qiao-talk`);
    /// Pearl River Delta: Sit & Yang (1997, `sit-yang-1997`); Wenzhou: Walcott
    /// (2007, `walcott-2007`), "investments utilizing endogenous capital".
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::RegionalModel::PearlRiverDelta.capital_origin().contains("Hong Kong"));
    /// ```
    #[must_use]
    pub const fn capital_origin(self) -> &'static str {
        match self {
            RegionalModel::Sunan => "Local collective capital, with the diffusion of Shanghai's economy and technology",
            RegionalModel::PearlRiverDelta => "External: foreign direct investment, chiefly from Hong Kong and Macao",
            RegionalModel::Wenzhou => "Endogenous private capital and informal finance",
        }
    }

    /// The main markets.
    ///
    /// # Source
    ///
    /// Pearl River Delta: Sit & Yang (1997, atlas source `sit-yang-1997`);
    /// Wenzhou: Walcott (2007, `walcott-2007`), "market sensitive export
    /// orientation" and "a focus on niche sectors". No cited source states
    /// Sunan's markets.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::RegionalModel::PearlRiverDelta.market_orientation().contains("Export"));
    /// ```
    #[must_use]
    pub const fn market_orientation(self) -> &'static str {
        match self {
            RegionalModel::Sunan => {
                "Not stated by a cited source (the literature's \"largely domestic\" is unverified)"
            }
            RegionalModel::PearlRiverDelta => "Export-oriented, labour-intensive processing",
            RegionalModel::Wenzhou => {
                "Market-sensitive export orientation in niche sectors; national distribution through specialised markets"
            }
        }
    }

    /// The period the model describes.
    ///
    /// # Source
    ///
    /// Sunan: China Daily 2018 on Fei Xiaotong's "Sunan pattern" of 1983 (atlas
    /// source `china-daily-2018-fei`) and Naughton's chapter on township and
    /// village enterprises (`naughton-tve`); Pearl River Delta: Sit & Yang
    /// (1997, `sit-yang-1997`) for 1978–93 and Hong Kong Memory
    /// (`hkmemory-1979`) for 1979; Wenzhou: Berkshire's entry on the Wenzhou
    /// model (`berkshire-wenzhou`) for the term's first use in *Jiefang Daily*
    /// on 12 May 1985.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::RegionalModel::Sunan.typical_period().contains("1983"));
    /// ```
    #[must_use]
    pub const fn typical_period(self) -> &'static str {
        match self {
            RegionalModel::Sunan => {
                "Named by Fei Xiaotong in 1983; golden age of TVEs 1978–1996; privatised after 1995–96"
            }
            RegionalModel::PearlRiverDelta => "From the 1979 opening; exo-urbanisation phase 1978–1993",
            RegionalModel::Wenzhou => "From the early 1980s; the term first used on 12 May 1985 (Jiefang Daily)",
        }
    }

    /// Example places, with NBS codes where known.
    ///
    /// # Source
    ///
    /// Codes: the NBS statistical division codes (atlas source
    /// `nbs-gazetteer`). Suzhou, Wuxi and Changzhou are the cities of Fei
    /// Xiaotong's "Sunan pattern" (China Daily 2018, `china-daily-2018-fei`);
    /// Shunde is the talk's case (`qiao-talk`). The other places are
    /// illustrations that no atlas source names as examples of their model.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::RegionalModel::Wenzhou.example_places().iter().any(|p| p.contains("Liushi")));
    /// ```
    #[must_use]
    pub const fn example_places(self) -> &'static [&'static str] {
        match self {
            RegionalModel::Sunan => &[
                "Suzhou (3205)",
                "Wuxi (3202)",
                "Changzhou (3204)",
                "Jiangyin (320281)",
                "Huaxi Village, Huashi town (320281107)",
            ],
            RegionalModel::PearlRiverDelta => &["Dongguan (4419)", "Shenzhen (4403)", "Shunde (440606)"],
            RegionalModel::Wenzhou => {
                &["Wenzhou (3303)", "Liushi town, Yueqing (330382114)", "Qiaotou town, Yongjia (330324102)"]
            }
        }
    }

    /// The ids of the sources behind this description; all are in
    /// [`Atlas::builtin`](crate::Atlas::builtin).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::RegionalModel::Sunan.sources().contains(&"qiao-talk"));
    /// ```
    #[must_use]
    pub const fn sources(self) -> &'static [&'static str] {
        match self {
            RegionalModel::Sunan => {
                &["qiao-talk", "wei-gu-changzhou", "yuan-wei-chen-2014", "china-daily-2018-fei", "naughton-tve"]
            }
            RegionalModel::PearlRiverDelta => &["qiao-talk", "wei-gu-changzhou", "sit-yang-1997"],
            RegionalModel::Wenzhou => &["qiao-talk", "wei-gu-changzhou", "walcott-2007", "berkshire-wenzhou"],
        }
    }

    /// The built-in reference profile of this model.
    ///
    /// Only dimensions a cited source states are set; the rest stay
    /// `None`. The talk's own seven comparison rows are about Kunshan and
    /// Shunde, so most of them are unset here.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::RegionalModel;
    /// use regdev::Ownership;
    /// assert_eq!(RegionalModel::Wenzhou.archetype().profile().ownership, Some(Ownership::PrivateHousehold));
    /// ```
    #[must_use]
    pub fn archetype(self) -> Archetype {
        let s = SourceId::known;
        let (id, description, values): (&'static str, &'static str, Vec<(DimensionValue, SourceId)>) = match self {
            RegionalModel::Sunan => (
                "sunan",
                "Local-state directed collective TVEs in South Jiangsu, linked to Shanghai.",
                vec![
                    (DimensionValue::Dynamics(Dynamics::GovernmentLed), s("qiao-talk")),
                    (DimensionValue::EconomicLinkages([Scale::Regional].into()), s("qiao-talk")),
                    (DimensionValue::GovernmentRole(GovernmentRole::OwnerAndDirector), s("yuan-wei-chen-2014")),
                    (DimensionValue::Ownership(Ownership::Collective), s("yuan-wei-chen-2014")),
                    (DimensionValue::DrivingActor(DrivingActor::LocalGovernment), s("yuan-wei-chen-2014")),
                ],
            ),
            RegionalModel::PearlRiverDelta => (
                "pearl-river-delta",
                "Export processing by small and medium firms financed from Hong Kong and Macao.",
                vec![
                    (DimensionValue::Dynamics(Dynamics::ForeignInvestmentLed), s("sit-yang-1997")),
                    (DimensionValue::Ownership(Ownership::ForeignInvested), s("sit-yang-1997")),
                    (DimensionValue::CapitalOrigin(CapitalOrigin::ForeignDirectInvestment), s("sit-yang-1997")),
                    (DimensionValue::DrivingActor(DrivingActor::ForeignInvestors), s("sit-yang-1997")),
                    (DimensionValue::MarketOrientation(MarketOrientation::Export), s("sit-yang-1997")),
                ],
            ),
            RegionalModel::Wenzhou => (
                "wenzhou",
                "Clusters of small private household firms: Marshallian industrial districts.",
                vec![
                    (DimensionValue::Dynamics(Dynamics::BottomUpPrivate), s("walcott-2007")),
                    (DimensionValue::Ownership(Ownership::PrivateHousehold), s("qiao-talk")),
                    (DimensionValue::CapitalOrigin(CapitalOrigin::EndogenousPrivate), s("walcott-2007")),
                    (DimensionValue::DrivingActor(DrivingActor::HouseholdEntrepreneurs), s("qiao-talk")),
                    (DimensionValue::DistrictType(DistrictType::Marshallian), s("qiao-talk")),
                    (DimensionValue::MarketOrientation(MarketOrientation::Export), s("walcott-2007")),
                ],
            ),
        };
        let mut profile = Profile::default();
        let mut sources = ProfileSources::new();
        let mut claims = ProfileClaims::default();
        for (value, source) in values {
            sources.insert(value.dimension(), source.clone());
            profile.set(value.clone());
            claims.push(crate::Claim::new(value, source));
        }
        Archetype(ArchetypeFields {
            id: ArchetypeId::known(id),
            name: self.label().to_owned(),
            description: description.to_owned(),
            model: Some(self),
            profile,
            profile_sources: sources,
            profile_claims: claims,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct ArchetypeFields {
    id: ArchetypeId,
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    model: Option<RegionalModel>,
    #[serde(default)]
    profile: Profile,
    #[serde(
        default,
        skip_serializing_if = "ProfileSources::is_empty",
        deserialize_with = "crate::dimension::deserialize_profile_sources"
    )]
    profile_sources: ProfileSources,
    #[serde(default, skip_serializing_if = "ProfileClaims::is_empty")]
    profile_claims: ProfileClaims,
}

/// A reference profile to classify towns against: the ideal type of a
/// regional model, built-in or user-defined.
///
/// A plain data type, so users may define their own archetypes (a "Kunshan
/// model", a "Third Italy" district) and classify against them.
///
/// # Invariants
///
/// Checked by [`ArchetypeBuilder::build`] and on deserialization: a
/// non-empty name; every dimension of the format-1 `profile` has a source
/// and every source is for a set dimension; the profile claims are valid
/// ([`ProfileClaims::validate`]). As for towns, [`Archetype::profile`] is
/// the current profile derived from the claims, and a profile that needs no
/// more is written in the compact `profile` + `profile_sources` form.
///
/// # Source
///
/// The built-in archetypes cite, dimension by dimension, Yuan, Wei & Chen
/// (2014, `yuan-wei-chen-2014`), Sit & Yang (1997, `sit-yang-1997`),
/// Walcott (2007, `walcott-2007`) and the talk (`qiao-talk`); see the
/// guide's [models
/// chapter](crate::guide::models#the-archetypes-in-the-crate).
///
/// # Example
///
/// ```
/// use regdev::{Archetype, ArchetypeId, DimensionValue, SourceId};
/// use regdev::Dynamics;
///
/// let kunshan_model = Archetype::builder(ArchetypeId::new("kunshan-model")?, "Kunshan model")
///     .description("Government-led, global linkages (Qiao 2016)")
///     .dimension(DimensionValue::Dynamics(Dynamics::GovernmentLed), SourceId::new("qiao-2016")?)
///     .build()?;
/// assert_eq!(kunshan_model.name(), "Kunshan model");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ArchetypeFields", into = "ArchetypeFields")]
pub struct Archetype(ArchetypeFields);

impl TryFrom<ArchetypeFields> for Archetype {
    type Error = Error;
    fn try_from(mut f: ArchetypeFields) -> Result<Archetype, Error> {
        let ctx = format!("archetype '{}'", f.id);
        if f.name.trim().is_empty() {
            return Err(Error::EmptyText { field: "archetype name" }.context(ctx));
        }
        (f.profile, f.profile_sources) =
            f.profile_claims.absorb_v1(&f.profile, &f.profile_sources).map_err(|e| e.context(ctx))?;
        Ok(Archetype(f))
    }
}

impl From<Archetype> for ArchetypeFields {
    fn from(a: Archetype) -> ArchetypeFields {
        let mut f = a.0;
        if f.profile_claims.is_compact() {
            f.profile_claims = ProfileClaims::default();
        } else {
            f.profile = Profile::default();
            f.profile_sources = ProfileSources::new();
        }
        f
    }
}

impl Archetype {
    /// Starts building an archetype.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Archetype, ArchetypeId};
    /// let a = Archetype::builder(ArchetypeId::new("empty")?, "Empty").build()?;
    /// assert!(a.profile().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn builder(id: ArchetypeId, name: impl Into<String>) -> ArchetypeBuilder {
        ArchetypeBuilder {
            fields: ArchetypeFields {
                id,
                name: name.into(),
                description: String::new(),
                model: None,
                profile: Profile::default(),
                profile_sources: ProfileSources::new(),
                profile_claims: ProfileClaims::default(),
            },
        }
    }

    /// The id.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::RegionalModel::PearlRiverDelta.archetype().id().as_str(), "pearl-river-delta");
    /// ```
    #[must_use]
    pub fn id(&self) -> &ArchetypeId {
        &self.0.id
    }

    /// The name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::RegionalModel::Sunan.archetype().name(), "Sunan");
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// The description.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::RegionalModel::Wenzhou.archetype().description().contains("household"));
    /// ```
    #[must_use]
    pub fn description(&self) -> &str {
        &self.0.description
    }

    /// The regional model this archetype stands for, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::RegionalModel;
    /// assert_eq!(RegionalModel::Sunan.archetype().model(), Some(RegionalModel::Sunan));
    /// ```
    #[must_use]
    pub fn model(&self) -> Option<RegionalModel> {
        self.0.model
    }

    /// The reference profile.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::RegionalModel;
    /// use regdev::Ownership;
    /// assert_eq!(RegionalModel::Sunan.archetype().profile().ownership, Some(Ownership::Collective));
    /// ```
    #[must_use]
    pub fn profile(&self) -> &Profile {
        &self.0.profile
    }

    /// The source of each set dimension.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Dimension, RegionalModel};
    /// let a = RegionalModel::PearlRiverDelta.archetype();
    /// assert_eq!(a.profile_sources().get(&Dimension::Ownership).map(|s| s.as_str()), Some("sit-yang-1997"));
    /// ```
    #[must_use]
    pub fn profile_sources(&self) -> &ProfileSources {
        &self.0.profile_sources
    }

    /// The reference profile of `year` ([`ProfileClaims::as_of`]).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{RegionalModel, Year};
    /// let a = RegionalModel::Sunan.archetype();
    /// assert_eq!(&a.profile_as_of(Year::new(1990)?), a.profile()); // undated claims hold every year
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn profile_as_of(&self, year: crate::Year) -> Profile {
        self.0.profile_claims.as_of(year).0
    }

    /// Every claim on the reference profile.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Dimension, RegionalModel};
    /// let a = RegionalModel::Wenzhou.archetype();
    /// assert_eq!(a.profile_claims().count(Dimension::DistrictType), 1);
    /// ```
    #[must_use]
    pub fn profile_claims(&self) -> &ProfileClaims {
        &self.0.profile_claims
    }
}

/// Builds an [`Archetype`]; see [`Archetype::builder`].
///
/// # Example
///
/// ```
/// use regdev::{Archetype, ArchetypeId, RegionalModel};
/// let a = Archetype::builder(ArchetypeId::new("my-sunan")?, "My Sunan").model(RegionalModel::Sunan).build()?;
/// assert_eq!(a.model(), Some(RegionalModel::Sunan));
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until build() is called"]
pub struct ArchetypeBuilder {
    fields: ArchetypeFields,
}

impl ArchetypeBuilder {
    /// Sets the description.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Archetype, ArchetypeId};
    /// let a = Archetype::builder(ArchetypeId::new("a")?, "A").description("d").build()?;
    /// assert_eq!(a.description(), "d");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn description(mut self, description: impl Into<String>) -> ArchetypeBuilder {
        self.fields.description = description.into();
        self
    }

    /// Sets the regional model it stands for.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Archetype, ArchetypeId, RegionalModel};
    /// let a = Archetype::builder(ArchetypeId::new("a")?, "A").model(RegionalModel::Wenzhou).build()?;
    /// assert_eq!(a.model(), Some(RegionalModel::Wenzhou));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn model(mut self, model: RegionalModel) -> ArchetypeBuilder {
        self.fields.model = Some(model);
        self
    }

    /// Sets one dimension of the reference profile, with its source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Archetype, ArchetypeId, DimensionValue, SourceId};
    /// use regdev::DistrictType;
    /// let a = Archetype::builder(ArchetypeId::new("a")?, "A")
    ///     .dimension(DimensionValue::DistrictType(DistrictType::Marshallian), SourceId::new("markusen-1996")?)
    ///     .build()?;
    /// assert_eq!(a.profile().district_type, Some(DistrictType::Marshallian));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn dimension(mut self, value: DimensionValue, source: SourceId) -> ArchetypeBuilder {
        let d = value.dimension();
        self.fields.profile_claims.clear(d);
        self.fields.profile.clear(d);
        self.fields.profile_sources.remove(&d);
        self.fields.profile_claims.push(crate::Claim::new(value, source));
        self
    }

    /// Adds a claim on a dimension of the reference profile.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Archetype, ArchetypeId, Claim, DimensionValue, Rank, SourceId};
    /// use regdev::DistrictType;
    /// let a = Archetype::builder(ArchetypeId::new("a")?, "A")
    ///     .claim(Claim::new(DimensionValue::DistrictType(DistrictType::Marshallian), SourceId::new("m")?).ranked(Rank::Preferred))
    ///     .build()?;
    /// assert_eq!(a.profile().district_type, Some(DistrictType::Marshallian));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn claim(mut self, claim: crate::Claim<DimensionValue>) -> ArchetypeBuilder {
        self.fields.profile_claims.push(claim);
        self
    }

    /// Validates and returns the archetype.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] for an empty name, in [`Error::Context`] naming
    /// the archetype.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Archetype, ArchetypeId};
    /// let err = Archetype::builder(ArchetypeId::new("a")?, " ").build().unwrap_err();
    /// assert_eq!(err.to_string(), "archetype 'a': archetype name must not be empty");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn build(self) -> Result<Archetype, Error> {
        Archetype::try_from(self.fields)
    }
}
