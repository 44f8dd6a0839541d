//! The dimensions on which towns and regional models are compared, and the
//! [`Profile`] that holds a value for each.
//!
//! Seven dimensions come from the comparison table of the talk (Kunshan vs
//! Shunde); five more describe the classic regional development models
//! (Sunan, Pearl River Delta, Wenzhou) in the literature the crate cites.
//! Each dimension is its own type, so the compiler knows every value; the
//! [`Dimension`] enum names them so tables and distances can walk them all,
//! and [`DimensionValue`] carries any one of them.
//!
//! # Example
//!
//! ```
//! use regdev::{Dimension, DimensionKind, Profile};
//! use regdev::dimension::{Dynamics, GovernmentRole};
//!
//! let mut kunshan = Profile::default();
//! kunshan.dynamics = Some(Dynamics::GovernmentLed);
//! kunshan.government_role = Some(GovernmentRole::LeaderAndController);
//!
//! assert_eq!(Dimension::Dynamics.label(), "Dynamics");
//! assert_eq!(Dimension::RiskLevel.kind(), DimensionKind::Ordinal);
//! let v = kunshan.get(Dimension::Dynamics).ok_or("missing")?;
//! assert_eq!(v.to_string(), "Government-led");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::macros::vocabulary;

vocabulary! {
    /// The spatial scale of an economic linkage.
    ///
    /// # Ordering
    ///
    /// By reach: `Local < Regional < National < Global`. Local is within the
    /// town or county; regional within the surrounding city-region or
    /// province (Shunde's Pearl River Delta, Kunshan's Shanghai–Suzhou
    /// region); national within China; global across its borders.
    ///
    /// Exhaustive: the four scales are a closed taxonomy, so callers may
    /// `match` on them; a new variant would be a breaking change.
    ///
    /// # Source
    ///
    /// The talk's comparison row "Economic linkages": "national and global"
    /// (Kunshan), "Local and regional" (Shunde); Qiao (2016), *Economic
    /// Linkages of China's Small Towns*.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Scale;
    /// assert!(Scale::Local < Scale::Global);
    /// assert_eq!("Regional".parse::<Scale>()?, Scale::Regional);
    /// assert_eq!(format!("[{:<8}]", Scale::Local), "[Local   ]");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum Scale as "scale" {
        /// Within the town or county.
        Local = ("local", "Local"),
        /// Within the surrounding city-region or province.
        Regional = ("regional", "Regional"),
        /// Within China.
        National = ("national", "National"),
        /// Across China's borders.
        Global = ("global", "Global"),
    }
}

vocabulary! {
    /// Who drives development: the talk's "Dynamics" row, extended to the
    /// regional models.
    ///
    /// # Source
    ///
    /// Talk, comparison table: "Government-led" (Kunshan), "Bottom-up, PPP"
    /// (Shunde). Walcott (2007) for Wenzhou's "autonomous, bottom-up
    /// entrepreneurial development"; Sit & Yang (1997) for the Pearl River
    /// Delta's "foreign-investment-induced" growth.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::dimension::Dynamics;
    /// assert_eq!(Dynamics::BottomUpPpp.to_string(), "Bottom-up, PPP");
    /// assert_eq!("bottom-up, ppp".parse::<Dynamics>()?, Dynamics::BottomUpPpp);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum Dynamics as "dynamics" {
        /// Local government leads (Kunshan).
        GovernmentLed = ("government_led", "Government-led"),
        /// Bottom-up, through public–private partnership (Shunde).
        BottomUpPpp = ("bottom_up_ppp", "Bottom-up, PPP"),
        /// Bottom-up, through private household entrepreneurship (Wenzhou).
        BottomUpPrivate = ("bottom_up_private", "Bottom-up, private entrepreneurship"),
        /// Led by inflows of foreign investment (Pearl River Delta).
        ForeignInvestmentLed = ("foreign_investment_led", "Foreign-investment-led"),
    }
}

vocabulary! {
    /// How closely new industries relate to a place's existing ones: the
    /// talk's "Relations with existing industries" row.
    ///
    /// # Ordering
    ///
    /// By strength of the tie: `Loose < Tight`.
    ///
    /// # Source
    ///
    /// Talk, comparison table: "Loose: Hi-tech Venture" (Kunshan), "Tight:
    /// reflecting demands of local firms" (Shunde). The labels are the talk's
    /// wording.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::dimension::IndustryRelation;
    /// assert!(IndustryRelation::Loose < IndustryRelation::Tight);
    /// assert_eq!(IndustryRelation::Loose.to_string(), "Loose: Hi-tech Venture");
    /// ```
    pub enum IndustryRelation as "relation with existing industries" {
        /// New, high-tech ventures unrelated to what is there.
        Loose = ("loose", "Loose: Hi-tech Venture"),
        /// New activity reflecting the demands of local firms.
        Tight = ("tight", "Tight: reflecting demands of local firms"),
    }
}

vocabulary! {
    /// The level of risk in a development strategy: the talk's "Level of
    /// risk" row.
    ///
    /// # Ordering
    ///
    /// `Low < High`.
    ///
    /// # Source
    ///
    /// Talk, comparison table: "High: speculative" (Kunshan), "Low: gradual"
    /// (Shunde).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::dimension::RiskLevel;
    /// assert!(RiskLevel::Low < RiskLevel::High);
    /// assert_eq!(RiskLevel::High.to_string(), "High: speculative");
    /// ```
    pub enum RiskLevel as "level of risk" {
        /// Gradual change.
        Low = ("low", "Low: gradual"),
        /// Speculative bets.
        High = ("high", "High: speculative"),
    }
}

vocabulary! {
    /// What towns compete on: the talk's "Inter-urban competition" row.
    ///
    /// # Source
    ///
    /// Talk, comparison table: "Place competition" (Kunshan), "Product
    /// competition" (Shunde).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::dimension::CompetitionMode;
    /// assert_eq!(CompetitionMode::Place.to_string(), "Place competition");
    /// ```
    pub enum CompetitionMode as "inter-urban competition" {
        /// Competing as a location for investment.
        Place = ("place", "Place competition"),
        /// Competing through the products of local firms.
        Product = ("product", "Product competition"),
    }
}

vocabulary! {
    /// The mentality, or role, of local government: the talk's "Mentality
    /// of government" row, extended to the Sunan model.
    ///
    /// # Source
    ///
    /// Talk, comparison table: "Leader and controller" (Kunshan), "Service
    /// provider and supporter" (Shunde). Yuan, Wei & Chen (2014) for the
    /// Sunan model's "local-state directed" TVEs, whose owners were township
    /// and village governments.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::dimension::GovernmentRole;
    /// assert_eq!(GovernmentRole::ServiceProviderAndSupporter.to_string(), "Service provider and supporter");
    /// ```
    pub enum GovernmentRole as "mentality of government" {
        /// Leads and controls development (Kunshan).
        LeaderAndController = ("leader_and_controller", "Leader and controller"),
        /// Provides services to and supports firms (Shunde).
        ServiceProviderAndSupporter = ("service_provider_and_supporter", "Service provider and supporter"),
        /// Owns and directs collective enterprises (Sunan TVEs).
        OwnerAndDirector = ("owner_and_director", "Owner and director of collective enterprises"),
    }
}

vocabulary! {
    /// The dominant form of enterprise ownership.
    ///
    /// # Source
    ///
    /// Domain facts §1.2: collective TVEs (Sunan; Yuan, Wei & Chen 2014),
    /// foreign-invested firms (PRD; Sit & Yang 1997), private household
    /// firms (Wenzhou; Walcott 2007).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::dimension::Ownership;
    /// assert_eq!("collective".parse::<Ownership>()?, Ownership::Collective);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum Ownership as "ownership" {
        /// Collectively owned township and village enterprises.
        Collective = ("collective", "Collective (TVE)"),
        /// Foreign-invested enterprises.
        ForeignInvested = ("foreign_invested", "Foreign-invested"),
        /// Private, family-owned household firms.
        PrivateHousehold = ("private_household", "Private household firms"),
        /// Private domestic firms of any size.
        Private = ("private", "Private"),
        /// State-owned enterprises.
        State = ("state", "State-owned"),
    }
}

vocabulary! {
    /// Where investment capital comes from.
    ///
    /// # Source
    ///
    /// Domain facts §1.2: local collective capital (Sunan), foreign direct
    /// investment chiefly from Hong Kong and Macao (PRD; Sit & Yang 1997),
    /// "investments utilizing endogenous capital" (Wenzhou; Walcott 2007).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::dimension::CapitalOrigin;
    /// assert_eq!(CapitalOrigin::ForeignDirectInvestment.to_string(), "Foreign direct investment");
    /// ```
    pub enum CapitalOrigin as "origin of capital" {
        /// Capital of local collectives.
        LocalCollective = ("local_collective", "Local collective capital"),
        /// Foreign direct investment.
        ForeignDirectInvestment = ("foreign_direct_investment", "Foreign direct investment"),
        /// Endogenous private capital, often informal finance.
        EndogenousPrivate = ("endogenous_private", "Endogenous private capital"),
    }
}

vocabulary! {
    /// The actor that drives industrialisation.
    ///
    /// # Source
    ///
    /// Domain facts §1.2 "Main actors": township and village governments
    /// (Sunan), Hong Kong and Macao investors (PRD), household entrepreneurs
    /// (Wenzhou); the talk for Kunshan (government-led) and Shunde (TVEs and
    /// local entrepreneurship).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::dimension::DrivingActor;
    /// assert_eq!(DrivingActor::LocalGovernment.id(), "local_government");
    /// ```
    pub enum DrivingActor as "driving actor" {
        /// Town, village or city government.
        LocalGovernment = ("local_government", "Local government"),
        /// Foreign investors.
        ForeignInvestors = ("foreign_investors", "Foreign investors"),
        /// Household entrepreneurs.
        HouseholdEntrepreneurs = ("household_entrepreneurs", "Household entrepreneurs"),
        /// Local private firms.
        LocalPrivateFirms = ("local_private_firms", "Local private firms"),
    }
}

vocabulary! {
    /// Markusen's (1996) typology of industrial districts.
    ///
    /// Exhaustive: Markusen's four types are a closed typology.
    ///
    /// # Source
    ///
    /// Markusen, A. (1996), "Sticky Places in Slippery Space: A Typology of
    /// Industrial Districts", *Economic Geography* 72(3):293–313. Wei (2010)
    /// calls Kunshan a "TNC satellite district".
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::dimension::DistrictType;
    /// assert_eq!(DistrictType::HubAndSpoke.to_string(), "Hub-and-spoke");
    /// ```
    pub enum DistrictType as "industrial-district type" {
        /// Many small local firms in complementary activities.
        Marshallian = ("marshallian", "Marshallian"),
        /// Suppliers around one or more dominant, externally oriented firms.
        HubAndSpoke = ("hub_and_spoke", "Hub-and-spoke"),
        /// Unconnected branch plants embedded in external organisations.
        SatellitePlatform = ("satellite_platform", "Satellite platform"),
        /// Focused on one or more public-sector institutions.
        StateAnchored = ("state_anchored", "State-anchored"),
    }
}

vocabulary! {
    /// The main market for what is made.
    ///
    /// # Source
    ///
    /// Domain facts §1.2: export-oriented processing (PRD; Sit & Yang 1997);
    /// "market sensitive export orientation" (Wenzhou; Walcott 2007).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::dimension::MarketOrientation;
    /// assert_eq!(MarketOrientation::Export.to_string(), "Export");
    /// ```
    pub enum MarketOrientation as "market orientation" {
        /// Mainly the Chinese market.
        Domestic = ("domestic", "Domestic"),
        /// Mainly exports.
        Export = ("export", "Export"),
    }
}

vocabulary! {
    /// How a dimension's values relate to one another; decides how a
    /// distance treats them.
    ///
    /// # Source
    ///
    /// Gower (1971), "A general coefficient of similarity and some of its
    /// properties", *Biometrics* 27(4):857–871.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Dimension, DimensionKind};
    /// assert_eq!(Dimension::EconomicLinkages.kind(), DimensionKind::Set);
    /// ```
    pub enum DimensionKind as "dimension kind" {
        /// Unordered categories: equal or not.
        Nominal = ("nominal", "Nominal"),
        /// Ordered categories: differences scale by the range.
        Ordinal = ("ordinal", "Ordinal"),
        /// A set of categories: compared by Jaccard distance.
        Set = ("set", "Set"),
    }
}

vocabulary! {
    /// Names each field of [`Profile`].
    ///
    /// The first seven are the rows of the talk's comparison table, in its
    /// order, labelled with its wording; the rest describe the regional
    /// models. `#[non_exhaustive]`: the literature keeps adding dimensions.
    ///
    /// # Source
    ///
    /// Talk, comparison table (rows 1–7); domain facts §1.2 and Markusen
    /// (1996) (rows 8–12).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Dimension;
    /// let talk: Vec<&str> = Dimension::talk_rows().map(Dimension::label).collect();
    /// assert_eq!(talk[0], "Dynamics");
    /// assert_eq!(talk[6], "Mentality of government");
    /// ```
    #[non_exhaustive]
    pub enum Dimension as "dimension" {
        /// [`Dynamics`].
        Dynamics = ("dynamics", "Dynamics"),
        /// Set of [`Scale`]s.
        EconomicLinkages = ("economic_linkages", "Economic linkages"),
        /// Set of [`Place`]s.
        InstitutionalBorrowing = ("institutional_borrowing", "Institutional borrowing"),
        /// [`IndustryRelation`].
        IndustryRelation = ("industry_relation", "Relations with existing industries"),
        /// [`RiskLevel`].
        RiskLevel = ("risk_level", "Level of risk"),
        /// [`CompetitionMode`].
        Competition = ("competition", "Inter-urban competition"),
        /// [`GovernmentRole`].
        GovernmentRole = ("government_role", "Mentality of government"),
        /// [`Ownership`].
        Ownership = ("ownership", "Dominant ownership"),
        /// [`CapitalOrigin`].
        CapitalOrigin = ("capital_origin", "Origin of capital"),
        /// [`DrivingActor`].
        DrivingActor = ("driving_actor", "Driving actor"),
        /// [`DistrictType`].
        DistrictType = ("district_type", "Industrial-district type"),
        /// [`MarketOrientation`].
        MarketOrientation = ("market_orientation", "Market orientation"),
    }
}

impl Dimension {
    /// Whether values are nominal, ordinal or sets.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Dimension, DimensionKind};
    /// assert_eq!(Dimension::Dynamics.kind(), DimensionKind::Nominal);
    /// ```
    #[must_use]
    pub const fn kind(self) -> DimensionKind {
        match self {
            Dimension::EconomicLinkages | Dimension::InstitutionalBorrowing => DimensionKind::Set,
            Dimension::IndustryRelation | Dimension::RiskLevel => DimensionKind::Ordinal,
            _ => DimensionKind::Nominal,
        }
    }

    /// Whether this dimension is one of the seven rows of the talk's
    /// comparison table.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Dimension;
    /// assert!(Dimension::Competition.is_talk_row());
    /// assert!(!Dimension::Ownership.is_talk_row());
    /// ```
    #[must_use]
    pub const fn is_talk_row(self) -> bool {
        matches!(
            self,
            Dimension::Dynamics
                | Dimension::EconomicLinkages
                | Dimension::InstitutionalBorrowing
                | Dimension::IndustryRelation
                | Dimension::RiskLevel
                | Dimension::Competition
                | Dimension::GovernmentRole
        )
    }

    /// The seven rows of the talk's comparison table, in its order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Dimension::talk_rows().count(), 7);
    /// ```
    pub fn talk_rows() -> impl Iterator<Item = Dimension> {
        Dimension::ALL.iter().copied().filter(|d| d.is_talk_row())
    }

    /// For ordinal dimensions, the number of levels; `None` otherwise.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Dimension;
    /// assert_eq!(Dimension::RiskLevel.levels(), Some(2));
    /// assert_eq!(Dimension::Dynamics.levels(), None);
    /// ```
    #[must_use]
    pub const fn levels(self) -> Option<usize> {
        match self {
            Dimension::IndustryRelation => Some(IndustryRelation::ALL.len()),
            Dimension::RiskLevel => Some(RiskLevel::ALL.len()),
            _ => None,
        }
    }
}

/// A place an institution, investor or idea comes from: "Taiwan", "Hong
/// Kong", "Shenzhen".
///
/// Free text, because the places in the literature are of every level
/// (economies, cities, countries). Trimmed; 1 to 100 characters.
///
/// # Ordering
///
/// As strings, so sets of places have a stable order.
///
/// # Source
///
/// Talk, comparison row "Institutional borrowing": "From Taiwan",
/// "From Hong Kong and Shenzhen".
///
/// # Example
///
/// ```
/// use regdev::Place;
/// let hk = Place::new(" Hong Kong ")?;
/// assert_eq!(hk.as_str(), "Hong Kong");
/// assert!(Place::new("").is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Place(String);

impl Place {
    /// The longest place name accepted, in characters.
    pub const MAX_LEN: usize = 100;

    /// Trims and validates a place name.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if nothing is left after trimming;
    /// [`Error::TextTooLong`] above [`Place::MAX_LEN`] characters.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Place::new("Taiwan")?.to_string(), "Taiwan");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(name: impl AsRef<str>) -> Result<Place, Error> {
        let name = name.as_ref().trim();
        if name.is_empty() {
            return Err(Error::EmptyText { field: "place" });
        }
        let len = name.chars().count();
        if len > Self::MAX_LEN {
            return Err(Error::TextTooLong { field: "place", len, max: Self::MAX_LEN });
        }
        Ok(Place(name.to_owned()))
    }

    /// The place name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Place::new("Shenzhen")?.as_str(), "Shenzhen");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Place {
    type Error = Error;
    fn try_from(s: String) -> Result<Place, Error> {
        Place::new(s)
    }
}

impl From<Place> for String {
    fn from(p: Place) -> String {
        p.0
    }
}

impl core::str::FromStr for Place {
    type Err = Error;
    fn from_str(s: &str) -> Result<Place, Error> {
        Place::new(s)
    }
}

impl core::fmt::Display for Place {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(&self.0)
    }
}

/// Joins items as prose: `a`, `a and b`, `a, b and c`.
fn join_prose<I: IntoIterator<Item = String>>(items: I) -> String {
    let items: Vec<String> = items.into_iter().collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The value of one dimension, whatever its type.
///
/// Returned by [`Profile::get`] so generic code (tables, distances) can walk
/// every dimension. `Display` reproduces the talk's wording where it gives
/// one: sets of scales read "National and global", sets of places "From Hong
/// Kong and Shenzhen".
///
/// # Source
///
/// See each dimension's type.
///
/// # Example
///
/// ```
/// use std::collections::BTreeSet;
/// use regdev::{DimensionValue, Place, Scale};
///
/// let v = DimensionValue::EconomicLinkages(BTreeSet::from([Scale::Global, Scale::National]));
/// assert_eq!(v.to_string(), "National and global");
/// let b = DimensionValue::InstitutionalBorrowing(BTreeSet::from([Place::new("Shenzhen")?, Place::new("Hong Kong")?]));
/// assert_eq!(b.to_string(), "From Hong Kong and Shenzhen");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "dimension", content = "value")]
#[non_exhaustive]
pub enum DimensionValue {
    /// See [`Dynamics`].
    Dynamics(Dynamics),
    /// See [`Scale`].
    EconomicLinkages(BTreeSet<Scale>),
    /// See [`Place`].
    InstitutionalBorrowing(BTreeSet<Place>),
    /// See [`IndustryRelation`].
    IndustryRelation(IndustryRelation),
    /// See [`RiskLevel`].
    RiskLevel(RiskLevel),
    /// See [`CompetitionMode`].
    Competition(CompetitionMode),
    /// See [`GovernmentRole`].
    GovernmentRole(GovernmentRole),
    /// See [`Ownership`].
    Ownership(Ownership),
    /// See [`CapitalOrigin`].
    CapitalOrigin(CapitalOrigin),
    /// See [`DrivingActor`].
    DrivingActor(DrivingActor),
    /// See [`DistrictType`].
    DistrictType(DistrictType),
    /// See [`MarketOrientation`].
    MarketOrientation(MarketOrientation),
}

impl DimensionValue {
    /// The dimension this value belongs to.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Dimension, DimensionValue};
    /// use regdev::dimension::RiskLevel;
    /// assert_eq!(DimensionValue::RiskLevel(RiskLevel::Low).dimension(), Dimension::RiskLevel);
    /// ```
    #[must_use]
    pub fn dimension(&self) -> Dimension {
        match self {
            DimensionValue::Dynamics(_) => Dimension::Dynamics,
            DimensionValue::EconomicLinkages(_) => Dimension::EconomicLinkages,
            DimensionValue::InstitutionalBorrowing(_) => Dimension::InstitutionalBorrowing,
            DimensionValue::IndustryRelation(_) => Dimension::IndustryRelation,
            DimensionValue::RiskLevel(_) => Dimension::RiskLevel,
            DimensionValue::Competition(_) => Dimension::Competition,
            DimensionValue::GovernmentRole(_) => Dimension::GovernmentRole,
            DimensionValue::Ownership(_) => Dimension::Ownership,
            DimensionValue::CapitalOrigin(_) => Dimension::CapitalOrigin,
            DimensionValue::DrivingActor(_) => Dimension::DrivingActor,
            DimensionValue::DistrictType(_) => Dimension::DistrictType,
            DimensionValue::MarketOrientation(_) => Dimension::MarketOrientation,
        }
    }

    /// For ordinal values, the zero-based rank within its dimension's order.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::DimensionValue;
    /// use regdev::dimension::RiskLevel;
    /// assert_eq!(DimensionValue::RiskLevel(RiskLevel::High).rank(), Some(1));
    /// ```
    #[must_use]
    pub fn rank(&self) -> Option<usize> {
        match self {
            DimensionValue::IndustryRelation(v) => IndustryRelation::ALL.iter().position(|x| x == v),
            DimensionValue::RiskLevel(v) => RiskLevel::ALL.iter().position(|x| x == v),
            _ => None,
        }
    }
}

impl core::fmt::Display for DimensionValue {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let text = match self {
            DimensionValue::Dynamics(v) => v.label().to_owned(),
            DimensionValue::EconomicLinkages(set) => {
                let prose = join_prose(set.iter().map(|s| s.label().to_lowercase()));
                let mut chars = prose.chars();
                match chars.next() {
                    Some(c) => c.to_uppercase().chain(chars).collect(),
                    None => "None".to_owned(),
                }
            }
            DimensionValue::InstitutionalBorrowing(set) if set.is_empty() => "None".to_owned(),
            DimensionValue::InstitutionalBorrowing(set) => {
                format!("From {}", join_prose(set.iter().map(|p| p.as_str().to_owned())))
            }
            DimensionValue::IndustryRelation(v) => v.label().to_owned(),
            DimensionValue::RiskLevel(v) => v.label().to_owned(),
            DimensionValue::Competition(v) => v.label().to_owned(),
            DimensionValue::GovernmentRole(v) => v.label().to_owned(),
            DimensionValue::Ownership(v) => v.label().to_owned(),
            DimensionValue::CapitalOrigin(v) => v.label().to_owned(),
            DimensionValue::DrivingActor(v) => v.label().to_owned(),
            DimensionValue::DistrictType(v) => v.label().to_owned(),
            DimensionValue::MarketOrientation(v) => v.label().to_owned(),
        };
        f.pad(&text)
    }
}

/// A value, or none, for every [`Dimension`]: the description of a town or
/// a regional model that comparison and classification work on.
///
/// A passive record: fields are public and independent. `None` means the
/// sources say nothing on that dimension (not "no"); distances skip it.
/// For the set dimensions, `Some(empty)` means "none" (a town that borrows
/// institutions from nowhere).
///
/// `#[non_exhaustive]`: new dimensions become new fields. Start from
/// [`Profile::default`] and set fields, or use [`Profile::with`].
///
/// # Source
///
/// Talk, comparison table; `DESIGN.md` "Dimensions and profiles".
///
/// # Example
///
/// ```
/// use regdev::{Dimension, DimensionValue, Profile};
/// use regdev::dimension::{CompetitionMode, RiskLevel};
///
/// let shunde = Profile::default()
///     .with(DimensionValue::RiskLevel(RiskLevel::Low))
///     .with(DimensionValue::Competition(CompetitionMode::Product));
/// assert_eq!(shunde.len(), 2);
/// assert_eq!(shunde.get(Dimension::Competition).map(|v| v.to_string()).as_deref(), Some("Product competition"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
#[non_exhaustive]
pub struct Profile {
    /// [`Dimension::Dynamics`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamics: Option<Dynamics>,
    /// [`Dimension::EconomicLinkages`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub economic_linkages: Option<BTreeSet<Scale>>,
    /// [`Dimension::InstitutionalBorrowing`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institutional_borrowing: Option<BTreeSet<Place>>,
    /// [`Dimension::IndustryRelation`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry_relation: Option<IndustryRelation>,
    /// [`Dimension::RiskLevel`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_level: Option<RiskLevel>,
    /// [`Dimension::Competition`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competition: Option<CompetitionMode>,
    /// [`Dimension::GovernmentRole`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub government_role: Option<GovernmentRole>,
    /// [`Dimension::Ownership`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership: Option<Ownership>,
    /// [`Dimension::CapitalOrigin`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital_origin: Option<CapitalOrigin>,
    /// [`Dimension::DrivingActor`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driving_actor: Option<DrivingActor>,
    /// [`Dimension::DistrictType`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district_type: Option<DistrictType>,
    /// [`Dimension::MarketOrientation`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_orientation: Option<MarketOrientation>,
}

impl Profile {
    /// The value of `dimension`, if set.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Dimension, Profile};
    /// assert!(Profile::default().get(Dimension::Dynamics).is_none());
    /// ```
    #[must_use]
    pub fn get(&self, dimension: Dimension) -> Option<DimensionValue> {
        match dimension {
            Dimension::Dynamics => self.dynamics.map(DimensionValue::Dynamics),
            Dimension::EconomicLinkages => self.economic_linkages.clone().map(DimensionValue::EconomicLinkages),
            Dimension::InstitutionalBorrowing => {
                self.institutional_borrowing.clone().map(DimensionValue::InstitutionalBorrowing)
            }
            Dimension::IndustryRelation => self.industry_relation.map(DimensionValue::IndustryRelation),
            Dimension::RiskLevel => self.risk_level.map(DimensionValue::RiskLevel),
            Dimension::Competition => self.competition.map(DimensionValue::Competition),
            Dimension::GovernmentRole => self.government_role.map(DimensionValue::GovernmentRole),
            Dimension::Ownership => self.ownership.map(DimensionValue::Ownership),
            Dimension::CapitalOrigin => self.capital_origin.map(DimensionValue::CapitalOrigin),
            Dimension::DrivingActor => self.driving_actor.map(DimensionValue::DrivingActor),
            Dimension::DistrictType => self.district_type.map(DimensionValue::DistrictType),
            Dimension::MarketOrientation => self.market_orientation.map(DimensionValue::MarketOrientation),
        }
    }

    /// Whether `dimension` has a value (without cloning it, unlike
    /// [`Profile::get`]).
    pub(crate) fn is_set(&self, dimension: Dimension) -> bool {
        match dimension {
            Dimension::Dynamics => self.dynamics.is_some(),
            Dimension::EconomicLinkages => self.economic_linkages.is_some(),
            Dimension::InstitutionalBorrowing => self.institutional_borrowing.is_some(),
            Dimension::IndustryRelation => self.industry_relation.is_some(),
            Dimension::RiskLevel => self.risk_level.is_some(),
            Dimension::Competition => self.competition.is_some(),
            Dimension::GovernmentRole => self.government_role.is_some(),
            Dimension::Ownership => self.ownership.is_some(),
            Dimension::CapitalOrigin => self.capital_origin.is_some(),
            Dimension::DrivingActor => self.driving_actor.is_some(),
            Dimension::DistrictType => self.district_type.is_some(),
            Dimension::MarketOrientation => self.market_orientation.is_some(),
        }
    }

    /// Sets the value's dimension to the value.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{DimensionValue, Profile};
    /// use regdev::dimension::Dynamics;
    /// let mut p = Profile::default();
    /// p.set(DimensionValue::Dynamics(Dynamics::GovernmentLed));
    /// assert_eq!(p.dynamics, Some(Dynamics::GovernmentLed));
    /// ```
    pub fn set(&mut self, value: DimensionValue) {
        match value {
            DimensionValue::Dynamics(v) => self.dynamics = Some(v),
            DimensionValue::EconomicLinkages(v) => self.economic_linkages = Some(v),
            DimensionValue::InstitutionalBorrowing(v) => self.institutional_borrowing = Some(v),
            DimensionValue::IndustryRelation(v) => self.industry_relation = Some(v),
            DimensionValue::RiskLevel(v) => self.risk_level = Some(v),
            DimensionValue::Competition(v) => self.competition = Some(v),
            DimensionValue::GovernmentRole(v) => self.government_role = Some(v),
            DimensionValue::Ownership(v) => self.ownership = Some(v),
            DimensionValue::CapitalOrigin(v) => self.capital_origin = Some(v),
            DimensionValue::DrivingActor(v) => self.driving_actor = Some(v),
            DimensionValue::DistrictType(v) => self.district_type = Some(v),
            DimensionValue::MarketOrientation(v) => self.market_orientation = Some(v),
        }
    }

    /// Builder-style [`Profile::set`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{DimensionValue, Profile};
    /// use regdev::dimension::Ownership;
    /// let p = Profile::default().with(DimensionValue::Ownership(Ownership::Collective));
    /// assert_eq!(p.ownership, Some(Ownership::Collective));
    /// ```
    #[must_use]
    pub fn with(mut self, value: DimensionValue) -> Profile {
        self.set(value);
        self
    }

    /// Clears a dimension.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Dimension, DimensionValue, Profile};
    /// use regdev::dimension::Ownership;
    /// let mut p = Profile::default().with(DimensionValue::Ownership(Ownership::Collective));
    /// p.clear(Dimension::Ownership);
    /// assert!(p.is_empty());
    /// ```
    pub fn clear(&mut self, dimension: Dimension) {
        match dimension {
            Dimension::Dynamics => self.dynamics = None,
            Dimension::EconomicLinkages => self.economic_linkages = None,
            Dimension::InstitutionalBorrowing => self.institutional_borrowing = None,
            Dimension::IndustryRelation => self.industry_relation = None,
            Dimension::RiskLevel => self.risk_level = None,
            Dimension::Competition => self.competition = None,
            Dimension::GovernmentRole => self.government_role = None,
            Dimension::Ownership => self.ownership = None,
            Dimension::CapitalOrigin => self.capital_origin = None,
            Dimension::DrivingActor => self.driving_actor = None,
            Dimension::DistrictType => self.district_type = None,
            Dimension::MarketOrientation => self.market_orientation = None,
        }
    }

    /// The values that are set, in [`Dimension`] order.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{DimensionValue, Profile};
    /// use regdev::dimension::Ownership;
    /// let p = Profile::default().with(DimensionValue::Ownership(Ownership::Collective));
    /// assert_eq!(p.values().count(), 1);
    /// ```
    pub fn values(&self) -> impl Iterator<Item = DimensionValue> + '_ {
        Dimension::ALL.iter().filter_map(|&d| self.get(d))
    }

    /// How many dimensions are set.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Profile::default().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.values().count()
    }

    /// Whether no dimension is set.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Profile::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_set_cover_every_dimension() {
        // A value for every dimension, set then read back.
        let values = [
            DimensionValue::Dynamics(Dynamics::GovernmentLed),
            DimensionValue::EconomicLinkages(BTreeSet::from([Scale::Local])),
            DimensionValue::InstitutionalBorrowing(BTreeSet::new()),
            DimensionValue::IndustryRelation(IndustryRelation::Tight),
            DimensionValue::RiskLevel(RiskLevel::Low),
            DimensionValue::Competition(CompetitionMode::Place),
            DimensionValue::GovernmentRole(GovernmentRole::OwnerAndDirector),
            DimensionValue::Ownership(Ownership::State),
            DimensionValue::CapitalOrigin(CapitalOrigin::LocalCollective),
            DimensionValue::DrivingActor(DrivingActor::ForeignInvestors),
            DimensionValue::DistrictType(DistrictType::StateAnchored),
            DimensionValue::MarketOrientation(MarketOrientation::Domestic),
        ];
        assert_eq!(values.len(), Dimension::ALL.len());
        let mut p = Profile::default();
        for v in &values {
            p.set(v.clone());
            assert_eq!(p.get(v.dimension()).as_ref(), Some(v));
        }
        assert_eq!(p.len(), Dimension::ALL.len());
        for d in Dimension::ALL {
            p.clear(*d);
        }
        assert!(p.is_empty());
    }

    #[test]
    fn set_display() {
        let one = DimensionValue::EconomicLinkages(BTreeSet::from([Scale::Local]));
        assert_eq!(one.to_string(), "Local");
        let three = DimensionValue::EconomicLinkages(BTreeSet::from([Scale::Local, Scale::Regional, Scale::Global]));
        assert_eq!(three.to_string(), "Local, regional and global");
        assert_eq!(DimensionValue::EconomicLinkages(BTreeSet::new()).to_string(), "None");
        assert_eq!(DimensionValue::InstitutionalBorrowing(BTreeSet::new()).to_string(), "None");
    }
}
