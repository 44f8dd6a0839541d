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
//! use regdev::{Dynamics, GovernmentRole};
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
use crate::macros::{Vocabulary, vocabulary};

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
    /// use regdev::Dynamics;
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
    /// use regdev::IndustryRelation;
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
    /// use regdev::RiskLevel;
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
    /// use regdev::CompetitionMode;
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
    /// use regdev::GovernmentRole;
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
    /// Collective TVEs (Sunan; Yuan, Wei & Chen 2014, atlas source
    /// `yuan-wei-chen-2014`), foreign-invested firms (PRD; Sit & Yang 1997,
    /// `sit-yang-1997`), private household firms (Wenzhou; the talk,
    /// `qiao-talk`: "clusters of small household firms").
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Ownership;
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
    /// Foreign direct investment chiefly from Hong Kong and Macao (PRD; Sit &
    /// Yang 1997, atlas source `sit-yang-1997`); "investments utilizing
    /// endogenous capital" (Wenzhou; Walcott 2007, `walcott-2007`).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::CapitalOrigin;
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
    /// Township and village governments (Sunan; Yuan, Wei & Chen 2014, atlas
    /// source `yuan-wei-chen-2014`), Hong Kong and Macao investors (PRD; Sit &
    /// Yang 1997, `sit-yang-1997`), household entrepreneurs (Wenzhou; the
    /// talk's "small household firms", `qiao-talk`); the talk for Kunshan
    /// (government-led) and Shunde (TVEs and local entrepreneurship).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::DrivingActor;
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
    /// use regdev::DistrictType;
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
    /// Export-oriented processing (PRD; Sit & Yang 1997, atlas source
    /// `sit-yang-1997`); "market sensitive export orientation" (Wenzhou;
    /// Walcott 2007, `walcott-2007`).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::MarketOrientation;
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Place(std::sync::Arc<str>);

impl<'de> Deserialize<'de> for Place {
    /// Validates as [`Place::new`]; while a document loads, equal names
    /// share one string (the few places thousands of towns borrow from).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Place, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Result<Place, Error>;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Place::checked(s).map(|name| Place(crate::id::shared_text(name))))
            }
        }
        // An invalid name is reported after the string is read, as
        // `#[serde(try_from = "String")]` did (same message).
        d.deserialize_str(Visitor)?.map_err(serde::de::Error::custom)
    }
}

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
        Ok(Place(std::sync::Arc::from(Place::checked(name.as_ref())?)))
    }

    /// The trimmed name, if valid.
    fn checked(name: &str) -> Result<&str, Error> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::EmptyText { field: "place" });
        }
        let len = name.chars().count();
        if len > Self::MAX_LEN {
            return Err(Error::TextTooLong { field: "place", len, max: Self::MAX_LEN });
        }
        Ok(name)
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
        p.0.to_string()
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

// ---------------------------------------------------------------------------
// The dimension table
// ---------------------------------------------------------------------------

/// How a set dimension's elements are written, encoded and rebuilt. The
/// vocabularies get it from one blanket impl; free-text [`Place`]s have
/// their own.
pub(crate) trait SetElement: Ord + Clone + Sized {
    /// The ids of the possible elements, in order; `None` for free text.
    const IDS: Option<&'static [&'static str]>;
    /// The set as prose, as `Display` writes it.
    fn prose(set: &BTreeSet<Self>) -> String;
    /// The set as generic code sees it.
    fn view(set: &BTreeSet<Self>) -> ValueRef<'_>;
    /// The set of the elements at these positions of `IDS`; `None` if there
    /// is no such vocabulary or a position is out of range.
    fn from_indices(indices: &[usize]) -> Option<BTreeSet<Self>>;
    /// The set of these places; `None` unless the elements are places.
    fn from_places(places: &BTreeSet<Place>) -> Option<BTreeSet<Self>>;
}

impl<T: Vocabulary> SetElement for T {
    const IDS: Option<&'static [&'static str]> = Some(T::IDS);

    fn prose(set: &BTreeSet<T>) -> String {
        let prose = join_prose(set.iter().map(|s| s.label().to_lowercase()));
        let mut chars = prose.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => "None".to_owned(),
        }
    }

    fn view(set: &BTreeSet<T>) -> ValueRef<'_> {
        ValueRef::Indices(set.iter().fold(0u64, |mask, x| mask | (1u64 << x.index())))
    }

    fn from_indices(indices: &[usize]) -> Option<BTreeSet<T>> {
        indices.iter().map(|&i| T::ALL.get(i).copied()).collect()
    }

    fn from_places(_: &BTreeSet<Place>) -> Option<BTreeSet<T>> {
        None
    }
}

impl SetElement for Place {
    const IDS: Option<&'static [&'static str]> = None;

    fn prose(set: &BTreeSet<Place>) -> String {
        if set.is_empty() {
            "None".to_owned()
        } else {
            format!("From {}", join_prose(set.iter().map(|p| p.as_str().to_owned())))
        }
    }

    fn view(set: &BTreeSet<Place>) -> ValueRef<'_> {
        ValueRef::Places(set)
    }

    fn from_indices(_: &[usize]) -> Option<BTreeSet<Place>> {
        None
    }

    fn from_places(places: &BTreeSet<Place>) -> Option<BTreeSet<Place>> {
        Some(places.clone())
    }
}

/// A dimension's value as generic code (distances, generators, schemas)
/// sees it, without its type: returned by [`Profile::view`] and
/// [`DimensionValue::view`].
///
/// # Example
///
/// ```
/// use regdev::{Dimension, DimensionValue, Profile, Scale, ValueRef};
/// use regdev::RiskLevel;
/// use std::collections::BTreeSet;
///
/// let p = Profile::default()
///     .with(DimensionValue::RiskLevel(RiskLevel::High))
///     .with(DimensionValue::EconomicLinkages(BTreeSet::from([Scale::Local, Scale::Global])));
/// assert_eq!(p.view(Dimension::RiskLevel), Some(ValueRef::Index(1)));
/// assert_eq!(p.view(Dimension::EconomicLinkages), Some(ValueRef::Indices(0b1001)));
/// assert_eq!(p.view(Dimension::Dynamics), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueRef<'a> {
    /// A nominal or ordinal value: its position in [`Dimension::value_ids`].
    Index(usize),
    /// A set of vocabulary values: bit `i` is set when the value at
    /// position `i` of [`Dimension::value_ids`] is in the set.
    Indices(u64),
    /// A set of free-text places.
    Places(&'a BTreeSet<Place>),
}

/// Maps a shape (`one` value or a `set` of values) and an element type to
/// the Rust type of a [`Profile`] field.
macro_rules! dimension_type {
    (one $ty:ty) => { $ty };
    (set $ty:ty) => { BTreeSet<$ty> };
}

/// Maps a kind keyword to its [`DimensionKind`].
macro_rules! dimension_kind {
    (nominal) => {
        DimensionKind::Nominal
    };
    (ordinal) => {
        DimensionKind::Ordinal
    };
    (set) => {
        DimensionKind::Set
    };
}

/// Maps a row keyword to "is a row of the talk's table".
macro_rules! dimension_row {
    (talk) => {
        true
    };
    (model) => {
        false
    };
}

/// The shape-specific parts of the generated code.
macro_rules! dimension_shape {
    // Whether the elements of a set fit a u64 bit mask.
    (fits one $ty:ty) => {
        true
    };
    (fits set $ty:ty) => {
        match <$ty as SetElement>::IDS {
            Some(ids) => ids.len() <= 64,
            None => true,
        }
    };
    // The number of levels of an ordinal dimension.
    (levels one ordinal $ty:ty) => {
        Some(<$ty as Vocabulary>::ALL.len())
    };
    (levels $shape:ident $kind:ident $ty:ty) => {
        None
    };
    // The rank of an ordinal value.
    (rank one ordinal $v:ident) => {
        Some(Vocabulary::index(*$v))
    };
    (rank $shape:ident $kind:ident $v:ident) => {
        None
    };
    // The ids a dimension's values (or set elements) are drawn from.
    (ids one $ty:ty) => {
        Some(<$ty as Vocabulary>::IDS)
    };
    (ids set $ty:ty) => {
        <$ty as SetElement>::IDS
    };
    // A value as text.
    (display one $v:ident) => {
        $v.label().to_owned()
    };
    (display set $v:ident) => {
        SetElement::prose($v)
    };
    // A value as generic code sees it.
    (view one $v:ident) => {
        ValueRef::Index(Vocabulary::index(*$v))
    };
    (view set $v:ident) => {
        SetElement::view($v)
    };
    // A value from a position.
    (index one $ty:ty, $i:ident) => {
        <$ty as Vocabulary>::ALL.get($i).copied()
    };
    (index set $ty:ty, $i:ident) => {
        None
    };
    // A set value from positions.
    (indices one $ty:ty, $i:ident) => {
        None
    };
    (indices set $ty:ty, $i:ident) => {
        <$ty as SetElement>::from_indices($i)
    };
    // A set value from places.
    (places one $ty:ty, $p:ident) => {
        None
    };
    (places set $ty:ty, $p:ident) => {
        <$ty as SetElement>::from_places($p)
    };
}

/// Generates, from one table, everything that lists the profile
/// dimensions: [`Dimension`], [`DimensionValue`], [`Profile`] and their
/// accessors. One line per dimension:
///
/// `Variant, field: shape Type = ("id", "Label"), kind, row;`
///
/// where `shape` is `one` (a single value of the vocabulary `Type`) or
/// `set` (a set of `Type`: a vocabulary, or [`Place`]), `kind` is
/// `nominal`, `ordinal` or `set`, and `row` is `talk` for the rows of the
/// talk's comparison table (which come first, in its order) or `model`.
macro_rules! dimensions {
    (
        $(#[$meta:meta])*
        pub enum Dimension {
            $(
                $variant:ident, $field:ident : $shape:ident $ty:ty = ($id:literal, $label:literal), $kind:ident, $row:ident;
            )+
        }
    ) => {
        vocabulary! {
            $(#[$meta])*
            #[non_exhaustive]
            pub enum Dimension as "dimension" {
                $(
                    #[doc = concat!("Values: ", stringify!($shape), " [`", stringify!($ty), "`] (", stringify!($kind), ").")]
                    $variant = ($id, $label),
                )+
            }
        }

        $(
            const _: () = assert!(
                dimension_shape!(fits $shape $ty),
                concat!("dimension ", $id, ": a set of more than 64 vocabulary values does not fit ValueRef::Indices"),
            );
        )+

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
                    $(Dimension::$variant => dimension_kind!($kind),)+
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
                match self {
                    $(Dimension::$variant => dimension_row!($row),)+
                }
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
                    $(Dimension::$variant => dimension_shape!(levels $shape $kind $ty),)+
                }
            }

            /// The ids of the values this dimension takes (of the elements,
            /// for a set dimension), in order; `None` where they are free
            /// text ([`Place`]s).
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::Dimension;
            /// assert_eq!(Dimension::RiskLevel.value_ids(), Some(&["low", "high"][..]));
            /// assert_eq!(Dimension::EconomicLinkages.value_ids().map(<[_]>::len), Some(4));
            /// assert_eq!(Dimension::InstitutionalBorrowing.value_ids(), None);
            /// ```
            #[must_use]
            pub fn value_ids(self) -> Option<&'static [&'static str]> {
                match self {
                    $(Dimension::$variant => dimension_shape!(ids $shape $ty),)+
                }
            }
        }

        /// The value of one dimension, whatever its type.
        ///
        /// Returned by [`Profile::get`] so generic code (tables, distances) can walk
        /// every dimension. `Display` reproduces the talk's wording where it gives
        /// one: sets of scales read "National and global", sets of places "From Hong
        /// Kong and Shenzhen".
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
        #[serde(tag = "dimension", content = "value")]
        #[non_exhaustive]
        pub enum DimensionValue {
            $(
                #[doc = concat!("[`Dimension::", stringify!($variant), "`]: ", stringify!($shape), " [`", stringify!($ty), "`].")]
                #[serde(rename = $id)]
                $variant(dimension_type!($shape $ty)),
            )+
        }

        impl DimensionValue {
            /// The dimension this value belongs to.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{Dimension, DimensionValue};
            /// use regdev::RiskLevel;
            /// assert_eq!(DimensionValue::RiskLevel(RiskLevel::Low).dimension(), Dimension::RiskLevel);
            /// ```
            #[must_use]
            pub fn dimension(&self) -> Dimension {
                match self {
                    $(DimensionValue::$variant(_) => Dimension::$variant,)+
                }
            }

            /// For ordinal values, the zero-based rank within its dimension's order.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::DimensionValue;
            /// use regdev::RiskLevel;
            /// assert_eq!(DimensionValue::RiskLevel(RiskLevel::High).rank(), Some(1));
            /// ```
            #[must_use]
            pub fn rank(&self) -> Option<usize> {
                match self {
                    $(DimensionValue::$variant(_v) => dimension_shape!(rank $shape $kind _v),)+
                }
            }

            /// The value as generic code sees it.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{DimensionValue, ValueRef};
            /// use regdev::Dynamics;
            /// assert_eq!(DimensionValue::Dynamics(Dynamics::BottomUpPpp).view(), ValueRef::Index(1));
            /// ```
            #[must_use]
            pub fn view(&self) -> ValueRef<'_> {
                match self {
                    $(DimensionValue::$variant(v) => dimension_shape!(view $shape v),)+
                }
            }

            /// The value at position `index` of a nominal or ordinal
            /// dimension's [`Dimension::value_ids`]; `None` for a set
            /// dimension or an index out of range.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{Dimension, DimensionValue};
            /// let v = DimensionValue::from_index(Dimension::RiskLevel, 1).ok_or("none")?;
            /// assert_eq!(v.to_string(), "High: speculative");
            /// assert!(DimensionValue::from_index(Dimension::RiskLevel, 2).is_none());
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[must_use]
            pub fn from_index(dimension: Dimension, index: usize) -> Option<DimensionValue> {
                match dimension {
                    $(Dimension::$variant => dimension_shape!(index $shape $ty, index).map(DimensionValue::$variant),)+
                }
            }

            /// The set of the values at these positions of a set
            /// dimension's [`Dimension::value_ids`]; `None` for other
            /// dimensions, free-text sets or an index out of range.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{Dimension, DimensionValue};
            /// let v = DimensionValue::from_indices(Dimension::EconomicLinkages, &[2, 3]).ok_or("none")?;
            /// assert_eq!(v.to_string(), "National and global");
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[must_use]
            pub fn from_indices(dimension: Dimension, indices: &[usize]) -> Option<DimensionValue> {
                match dimension {
                    $(Dimension::$variant => dimension_shape!(indices $shape $ty, indices).map(DimensionValue::$variant),)+
                }
            }

            /// A set of places as the value of a free-text set dimension;
            /// `None` for other dimensions.
            ///
            /// # Example
            ///
            /// ```
            /// use std::collections::BTreeSet;
            /// use regdev::{Dimension, DimensionValue, Place};
            /// let places = BTreeSet::from([Place::new("Taiwan")?]);
            /// let v = DimensionValue::from_places(Dimension::InstitutionalBorrowing, &places).ok_or("none")?;
            /// assert_eq!(v.to_string(), "From Taiwan");
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[must_use]
            pub fn from_places(dimension: Dimension, places: &BTreeSet<Place>) -> Option<DimensionValue> {
                match dimension {
                    $(Dimension::$variant => dimension_shape!(places $shape $ty, places).map(DimensionValue::$variant),)+
                }
            }
        }

        impl core::fmt::Display for DimensionValue {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let text = match self {
                    $(DimensionValue::$variant(v) => dimension_shape!(display $shape v),)+
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
        /// The talk's comparison table (rows 1–7) and the regional-model
        /// literature (see [`Dimension`]).
        ///
        /// # Example
        ///
        /// ```
        /// use regdev::{Dimension, DimensionValue, Profile};
        /// use regdev::{CompetitionMode, RiskLevel};
        ///
        /// let shunde = Profile::default()
        ///     .with(DimensionValue::RiskLevel(RiskLevel::Low))
        ///     .with(DimensionValue::Competition(CompetitionMode::Product));
        /// assert_eq!(shunde.len(), 2);
        /// assert_eq!(shunde.get(Dimension::Competition).map(|v| v.to_string()).as_deref(), Some("Product competition"));
        /// ```
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[non_exhaustive]
        pub struct Profile {
            $(
                #[doc = concat!("[`Dimension::", stringify!($variant), "`].")]
                #[serde(rename = $id, default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<dimension_type!($shape $ty)>,
            )+
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
                    $(Dimension::$variant => self.$field.as_ref().cloned().map(DimensionValue::$variant),)+
                }
            }

            /// The value of `dimension` as generic code sees it, without
            /// cloning it, if set.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{Dimension, DimensionValue, Profile, ValueRef};
            /// use regdev::Ownership;
            /// let p = Profile::default().with(DimensionValue::Ownership(Ownership::ForeignInvested));
            /// assert_eq!(p.view(Dimension::Ownership), Some(ValueRef::Index(1)));
            /// ```
            #[must_use]
            pub fn view(&self, dimension: Dimension) -> Option<ValueRef<'_>> {
                match dimension {
                    $(Dimension::$variant => self.$field.as_ref().map(|v| dimension_shape!(view $shape v)),)+
                }
            }

            /// Whether `dimension` has a value (without cloning it, unlike
            /// [`Profile::get`]).
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{Dimension, DimensionValue, Profile};
            /// use regdev::Ownership;
            /// let p = Profile::default().with(DimensionValue::Ownership(Ownership::Collective));
            /// assert!(p.is_set(Dimension::Ownership));
            /// assert!(!p.is_set(Dimension::Dynamics));
            /// ```
            #[must_use]
            pub fn is_set(&self, dimension: Dimension) -> bool {
                match dimension {
                    $(Dimension::$variant => self.$field.is_some(),)+
                }
            }

            /// Sets the value's dimension to the value.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{DimensionValue, Profile};
            /// use regdev::Dynamics;
            /// let mut p = Profile::default();
            /// p.set(DimensionValue::Dynamics(Dynamics::GovernmentLed));
            /// assert_eq!(p.dynamics, Some(Dynamics::GovernmentLed));
            /// ```
            pub fn set(&mut self, value: DimensionValue) {
                match value {
                    $(DimensionValue::$variant(v) => self.$field = Some(v),)+
                }
            }

            /// Clears a dimension.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{Dimension, DimensionValue, Profile};
            /// use regdev::Ownership;
            /// let mut p = Profile::default().with(DimensionValue::Ownership(Ownership::Collective));
            /// p.clear(Dimension::Ownership);
            /// assert!(p.is_empty());
            /// ```
            pub fn clear(&mut self, dimension: Dimension) {
                match dimension {
                    $(Dimension::$variant => self.$field = None,)+
                }
            }
        }

        /// Every sourced claim on every [`Dimension`]: the evidence a
        /// [`Profile`] is derived from (format 2).
        ///
        /// Each dimension holds a list of [`Claim`]s, each with its value,
        /// source, optional [`Period`](crate::Period) and [`Rank`]. The
        /// effective profile comes from the claims by the rule documented
        /// on [`ProfileClaims::current`] and [`ProfileClaims::as_of`].
        ///
        /// Serialized as `{"dynamics": [{"value": "government_led",
        /// "source": "qiao-talk"}], …}`: a dimension's claims under its id,
        /// empty dimensions left out, unknown dimensions rejected.
        ///
        /// # Example
        ///
        /// ```
        /// use regdev::{Claim, Dimension, DimensionValue, ProfileClaims, Rank, SourceId};
        /// use regdev::Dynamics;
        ///
        /// let mut claims = ProfileClaims::default();
        /// claims.push(Claim::new(DimensionValue::Dynamics(Dynamics::GovernmentLed), SourceId::new("a")?));
        /// claims.push(Claim::new(DimensionValue::Dynamics(Dynamics::BottomUpPpp), SourceId::new("b")?).ranked(Rank::Preferred));
        /// assert_eq!(claims.claims(Dimension::Dynamics).len(), 2);
        /// let (profile, sources) = claims.current();
        /// assert_eq!(profile.dynamics, Some(Dynamics::BottomUpPpp));
        /// assert_eq!(sources.get(&Dimension::Dynamics).map(|s| s.as_str()), Some("b"));
        /// # Ok::<(), regdev::Error>(())
        /// ```
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[non_exhaustive]
        pub struct ProfileClaims {
            $(
                #[doc = concat!("Claims on [`Dimension::", stringify!($variant), "`].")]
                #[serde(rename = $id, default, skip_serializing_if = "Vec::is_empty")]
                pub $field: Vec<Claim<dimension_type!($shape $ty)>>,
            )+
        }

        impl ProfileClaims {
            /// The claims on `dimension`, in order, with their values as
            /// [`DimensionValue`]s.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{Dimension, ProfileClaims};
            /// assert!(ProfileClaims::default().claims(Dimension::Ownership).is_empty());
            /// ```
            #[must_use]
            pub fn claims(&self, dimension: Dimension) -> Vec<Claim<DimensionValue>> {
                match dimension {
                    $(Dimension::$variant => self.$field.iter().map(|c| c.clone().map(DimensionValue::$variant)).collect(),)+
                }
            }

            /// How many claims `dimension` holds.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{Dimension, ProfileClaims};
            /// assert_eq!(ProfileClaims::default().count(Dimension::Ownership), 0);
            /// ```
            #[must_use]
            pub fn count(&self, dimension: Dimension) -> usize {
                match dimension {
                    $(Dimension::$variant => self.$field.len(),)+
                }
            }

            /// Adds a claim to its value's dimension.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{Claim, Dimension, DimensionValue, ProfileClaims, SourceId};
            /// use regdev::Ownership;
            /// let mut c = ProfileClaims::default();
            /// c.push(Claim::new(DimensionValue::Ownership(Ownership::Collective), SourceId::new("s")?));
            /// assert_eq!(c.count(Dimension::Ownership), 1);
            /// # Ok::<(), regdev::Error>(())
            /// ```
            pub fn push(&mut self, claim: Claim<DimensionValue>) {
                let Claim { value, period, rank, source } = claim;
                match value {
                    $(DimensionValue::$variant(value) => self.$field.push(Claim { value, period, rank, source }),)+
                }
            }

            /// Removes every claim on `dimension`.
            ///
            /// # Example
            ///
            /// ```
            /// use regdev::{Claim, Dimension, DimensionValue, ProfileClaims, SourceId};
            /// use regdev::Ownership;
            /// let mut c = ProfileClaims::default();
            /// c.push(Claim::new(DimensionValue::Ownership(Ownership::Collective), SourceId::new("s")?));
            /// c.clear(Dimension::Ownership);
            /// assert!(c.is_empty());
            /// # Ok::<(), regdev::Error>(())
            /// ```
            pub fn clear(&mut self, dimension: Dimension) {
                match dimension {
                    $(Dimension::$variant => self.$field.clear(),)+
                }
            }

            /// [`ProfileClaims::validate`] on one dimension, on the claims
            /// as stored (no copy; values become [`DimensionValue`]s only
            /// for an error's message).
            fn validate_dimension(&self, dimension: Dimension) -> Result<(), Error> {
                match dimension {
                    $(Dimension::$variant => validate_claims(dimension, &self.$field, |v| DimensionValue::$variant(v.clone())),)+
                }
            }

            /// Sets `dimension` in `profile` and `sources` from the claim
            /// that `pick` settles on among its claims as stored (only the
            /// value kept is copied).
            fn settle_dimension(
                &self,
                dimension: Dimension,
                pick: Pick,
                profile: &mut Profile,
                sources: &mut ProfileSources,
            ) {
                match dimension {
                    $(Dimension::$variant => {
                        if let Some(c) = pick.claim(&self.$field) {
                            profile.$field = Some(c.value.clone());
                            sources.insert(dimension, c.source.clone());
                        }
                    })+
                }
            }

            /// Whether `dimension` holds at most one undated claim of
            /// normal rank (see [`ProfileClaims::is_compact`]).
            fn compact_dimension(&self, dimension: Dimension) -> bool {
                match dimension {
                    $(Dimension::$variant => {
                        self.$field.len() <= 1 && self.$field.iter().all(|c| c.period.is_none() && c.rank == Rank::Normal)
                    })+
                }
            }

            /// Every claim's dimension, position and source, for citation checks.
            pub(crate) fn source_refs(&self) -> Vec<(Dimension, usize, &crate::SourceId)> {
                let mut out = Vec::new();
                $(out.extend(self.$field.iter().enumerate().map(|(i, c)| (Dimension::$variant, i, &c.source)));)+
                out
            }
        }

        /// The format-1 `profile_sources` object, read field by field so that
        /// an unknown dimension is reported by name.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct SourcesDoc {
            $(
                #[serde(rename = $id, default)]
                $field: Option<crate::SourceId>,
            )+
        }

        impl From<SourcesDoc> for ProfileSources {
            fn from(doc: SourcesDoc) -> ProfileSources {
                let mut out = ProfileSources::new();
                $(
                    if let Some(s) = doc.$field {
                        out.insert(Dimension::$variant, s);
                    }
                )+
                out
            }
        }
    };
}

dimensions! {
    /// Names each field of [`Profile`].
    ///
    /// The first seven are the rows of the talk's comparison table, in its
    /// order, labelled with its wording; the rest describe the regional
    /// models. `#[non_exhaustive]`: the literature keeps adding dimensions.
    ///
    /// Every list of dimensions in the crate ([`Dimension`],
    /// [`DimensionValue`], the fields of [`Profile`], their accessors and
    /// [`Dimension::ALL`], which distances, generators and the JSON Schema
    /// walk) is generated from one table in this module: a new dimension is
    /// one line there.
    ///
    /// # Source
    ///
    /// Talk, comparison table (rows 1–7); the regional-model literature
    /// cited on each value type and Markusen (1996) (rows 8–12).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Dimension;
    /// let talk: Vec<&str> = Dimension::talk_rows().map(Dimension::label).collect();
    /// assert_eq!(talk[0], "Dynamics");
    /// assert_eq!(talk[6], "Mentality of government");
    /// ```
    pub enum Dimension {
        Dynamics, dynamics: one Dynamics = ("dynamics", "Dynamics"), nominal, talk;
        EconomicLinkages, economic_linkages: set Scale = ("economic_linkages", "Economic linkages"), set, talk;
        InstitutionalBorrowing, institutional_borrowing: set Place = ("institutional_borrowing", "Institutional borrowing"), set, talk;
        IndustryRelation, industry_relation: one IndustryRelation = ("industry_relation", "Relations with existing industries"), ordinal, talk;
        RiskLevel, risk_level: one RiskLevel = ("risk_level", "Level of risk"), ordinal, talk;
        Competition, competition: one CompetitionMode = ("competition", "Inter-urban competition"), nominal, talk;
        GovernmentRole, government_role: one GovernmentRole = ("government_role", "Mentality of government"), nominal, talk;
        Ownership, ownership: one Ownership = ("ownership", "Dominant ownership"), nominal, model;
        CapitalOrigin, capital_origin: one CapitalOrigin = ("capital_origin", "Origin of capital"), nominal, model;
        DrivingActor, driving_actor: one DrivingActor = ("driving_actor", "Driving actor"), nominal, model;
        DistrictType, district_type: one DistrictType = ("district_type", "Industrial-district type"), nominal, model;
        MarketOrientation, market_orientation: one MarketOrientation = ("market_orientation", "Market orientation"), nominal, model;
    }
}

impl Dimension {
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
}

impl Profile {
    /// Builder-style [`Profile::set`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{DimensionValue, Profile};
    /// use regdev::Ownership;
    /// let p = Profile::default().with(DimensionValue::Ownership(Ownership::Collective));
    /// assert_eq!(p.ownership, Some(Ownership::Collective));
    /// ```
    #[must_use]
    pub fn with(mut self, value: DimensionValue) -> Profile {
        self.set(value);
        self
    }

    /// The values that are set, in [`Dimension`] order.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{DimensionValue, Profile};
    /// use regdev::Ownership;
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

// ---------------------------------------------------------------------------
// Evidence: claims, ranks, dated profiles
// ---------------------------------------------------------------------------

vocabulary! {
    /// How much weight a [`Claim`] carries, as Wikidata ranks statements.
    ///
    /// # Ordering
    ///
    /// `Preferred < Normal < Deprecated` (declaration order); the best rank
    /// is the smallest.
    ///
    /// # Source
    ///
    /// Wikidata's statement ranks (preferred, normal, deprecated), Help:Ranking
    /// on wikidata.org.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Rank;
    /// assert_eq!(Rank::default(), Rank::Normal);
    /// assert_eq!("preferred".parse::<Rank>()?, Rank::Preferred);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum Rank as "claim rank" {
        /// The claim to use where claims disagree.
        Preferred = ("preferred", "Preferred"),
        /// An ordinary claim (the default).
        Normal = ("normal", "Normal"),
        /// Recorded but known to be wrong or superseded; never used.
        Deprecated = ("deprecated", "Deprecated"),
    }
}

impl Default for Rank {
    /// [`Rank::Normal`].
    fn default() -> Rank {
        Rank::Normal
    }
}

impl Rank {
    fn is_normal(&self) -> bool {
        *self == Rank::Normal
    }
}

/// One sourced statement of a dimension's value: the value, the source that
/// says so, optionally the period it holds for, and its [`Rank`].
///
/// `V` is the dimension's value type inside [`ProfileClaims`] and
/// [`DimensionValue`] when claims of any dimension are handled together.
///
/// # Source
///
/// Modelled on Wikidata's statements, which hold a value with qualifiers,
/// references and a rank (<https://www.wikidata.org/wiki/Help:Statements>).
///
/// # Example
///
/// ```
/// use regdev::{Claim, DimensionValue, Period, Rank, SourceId, Year};
/// use regdev::Ownership;
///
/// let c = Claim::new(DimensionValue::Ownership(Ownership::Collective), SourceId::new("yuan-2014")?)
///     .with_period(Period::new(Year::new(1978)?, Some(Year::new(1995)?))?)
///     .ranked(Rank::Preferred);
/// assert_eq!(c.rank(), Rank::Preferred);
/// assert!(c.holds_in(Year::new(1990)?));
/// assert!(!c.holds_in(Year::new(2005)?));
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim<V> {
    value: V,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<crate::Period>,
    #[serde(default, skip_serializing_if = "Rank::is_normal")]
    rank: Rank,
    source: crate::SourceId,
}

impl<V> Claim<V> {
    /// An undated claim of normal rank.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, Rank, SourceId};
    /// let c = Claim::new(3, SourceId::new("s")?);
    /// assert_eq!((c.value(), c.rank(), c.period()), (&3, Rank::Normal, None));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(value: V, source: crate::SourceId) -> Claim<V> {
        Claim { value, period: None, rank: Rank::Normal, source }
    }

    /// Dates the claim: it holds for `period` only.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, Period, SourceId, Year};
    /// let c = Claim::new(1, SourceId::new("s")?).with_period(Period::new(Year::new(1990)?, None)?);
    /// assert_eq!(c.period().map(|p| p.start().get()), Some(1990));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_period(mut self, period: crate::Period) -> Claim<V> {
        self.period = Some(period);
        self
    }

    /// Sets the rank.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, Rank, SourceId};
    /// assert_eq!(Claim::new(1, SourceId::new("s")?).ranked(Rank::Deprecated).rank(), Rank::Deprecated);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn ranked(mut self, rank: Rank) -> Claim<V> {
        self.rank = rank;
        self
    }

    /// The value.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, SourceId};
    /// assert_eq!(Claim::new("x", SourceId::new("s")?).value(), &"x");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn value(&self) -> &V {
        &self.value
    }

    /// The period, if the claim is dated.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, SourceId};
    /// assert!(Claim::new(1, SourceId::new("s")?).period().is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn period(&self) -> Option<crate::Period> {
        self.period
    }

    /// The rank.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, Rank, SourceId};
    /// assert_eq!(Claim::new(1, SourceId::new("s")?).rank(), Rank::Normal);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn rank(&self) -> Rank {
        self.rank
    }

    /// The source.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, SourceId};
    /// assert_eq!(Claim::new(1, SourceId::new("s")?).source().as_str(), "s");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn source(&self) -> &crate::SourceId {
        &self.source
    }

    /// Whether the claim speaks of `year`: undated claims speak of every
    /// year, dated ones of the years of their period.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, SourceId, Year};
    /// assert!(Claim::new(1, SourceId::new("s")?).holds_in(Year::new(1900)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn holds_in(&self, year: crate::Year) -> bool {
        self.period.is_none_or(|p| p.contains(year))
    }

    /// The same claim with its value mapped.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, SourceId};
    /// assert_eq!(Claim::new(2, SourceId::new("s")?).map(|v| v * 10).value(), &20);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn map<W>(self, f: impl FnOnce(V) -> W) -> Claim<W> {
        Claim { value: f(self.value), period: self.period, rank: self.rank, source: self.source }
    }

    /// Whether two claims compete for the same years: both undated, or
    /// both dated with overlapping periods. (A dated claim is more specific
    /// than an undated one, so they never compete.)
    fn competes_with<W>(&self, other: &Claim<W>) -> bool {
        match (self.period, other.period) {
            (None, None) => true,
            (Some(a), Some(b)) => a.overlaps(b),
            _ => false,
        }
    }
}

/// Two or more claims on one dimension that compete for the same years and
/// disagree: what [`ProfileClaims::disagreements`] and the audit report.
///
/// # Example
///
/// ```
/// use regdev::{Claim, Dimension, DimensionValue, ProfileClaims, SourceId};
/// use regdev::Dynamics;
/// let mut c = ProfileClaims::default();
/// c.push(Claim::new(DimensionValue::Dynamics(Dynamics::GovernmentLed), SourceId::new("a")?));
/// c.push(Claim::new(DimensionValue::Dynamics(Dynamics::BottomUpPpp), SourceId::new("b")?));
/// let d = c.disagreements();
/// assert_eq!(d.len(), 1);
/// assert_eq!(d[0].dimension(), Dimension::Dynamics);
/// assert_eq!(d[0].to_string(), "dynamics: \"Government-led\" (a, normal) vs \"Bottom-up, PPP\" (b, normal)");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    dimension: Dimension,
    claims: Vec<Claim<DimensionValue>>,
}

impl Disagreement {
    /// The dimension.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::ProfileClaims::default().disagreements().is_empty());
    /// ```
    #[must_use]
    pub fn dimension(&self) -> Dimension {
        self.dimension
    }

    /// The disagreeing claims (deprecated claims left out), in order.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::ProfileClaims::default().disagreements().iter().all(|d| d.claims().len() >= 2));
    /// ```
    #[must_use]
    pub fn claims(&self) -> &[Claim<DimensionValue>] {
        &self.claims
    }
}

impl core::fmt::Display for Disagreement {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: ", self.dimension.id())?;
        write_claims(f, self.claims.iter())
    }
}

/// Writes disagreeing claims as `"value" (source, rank[, period]) vs …`:
/// shared by [`Disagreement`] and the audit of a town's model label.
pub(crate) fn write_claims<'a, V: core::fmt::Display + 'a>(
    f: &mut impl core::fmt::Write,
    claims: impl Iterator<Item = &'a Claim<V>>,
) -> core::fmt::Result {
    for (i, c) in claims.enumerate() {
        if i > 0 {
            f.write_str(" vs ")?;
        }
        write!(f, "\"{}\" ({}, {}", c.value, c.source, c.rank.id())?;
        if let Some(p) = c.period {
            write!(f, ", {}", p.start())?;
            match p.end() {
                Some(e) => write!(f, "–{e}")?,
                None => f.write_str("–")?,
            }
        }
        f.write_str(")")?;
    }
    Ok(())
}

// The rules on one list of claims, shared by every profile dimension and
// by a town's model label (`Town::model_claims`): written once.

/// The claims of one list that speak of `year` (dated claims covering it;
/// undated ones if none does), deprecated ones left out.
fn candidates<V>(claims: &[Claim<V>], year: crate::Year) -> Vec<&Claim<V>> {
    let live = || claims.iter().filter(|c| c.rank != Rank::Deprecated);
    let dated: Vec<_> = live().filter(|c| c.period.is_some_and(|p| p.contains(year))).collect();
    if dated.is_empty() { live().filter(|c| c.period.is_none()).collect() } else { dated }
}

/// The value the best-ranked candidates agree on, with the first one's
/// source; `None` when there are none or they disagree.
fn settle<'a, V: PartialEq>(candidates: &[&'a Claim<V>]) -> Option<&'a Claim<V>> {
    let best = candidates.iter().map(|c| c.rank).min()?;
    let mut top = candidates.iter().copied().filter(|c| c.rank == best);
    let first = top.next()?;
    top.all(|c| c.value == first.value).then_some(first)
}

/// The claim that decides `year` in one list of claims: the rule of
/// [`ProfileClaims::as_of`] for one dimension.
pub(crate) fn resolve_as_of<V: PartialEq>(claims: &[Claim<V>], year: crate::Year) -> Option<&Claim<V>> {
    settle(&candidates(claims, year))
}

/// The claim that holds now in one list of claims: the rule of
/// [`ProfileClaims::current`] for one dimension (open-ended dated claims,
/// else undated ones, else the dated ones that end last; deprecated
/// never; the best-ranked decide if they agree).
pub(crate) fn resolve_current<V: PartialEq>(claims: &[Claim<V>]) -> Option<&Claim<V>> {
    let live = || claims.iter().filter(|c| c.rank != Rank::Deprecated);
    let mut now: Vec<_> = live().filter(|c| c.period.is_some_and(|p| p.end().is_none())).collect();
    if now.is_empty() {
        now = live().filter(|c| c.period.is_none()).collect();
    }
    if now.is_empty() {
        if let Some(last) = live().filter_map(|c| c.period.and_then(|p| p.end())).max() {
            now = candidates(claims, last);
        }
    }
    settle(&now)
}

/// What is wrong with one list of claims ([`check_claims`]).
pub(crate) enum ClaimFault<'a, V> {
    /// The same claim (value, period, source) twice.
    Duplicate(&'a Claim<V>),
    /// Two preferred claims that compete for the same years and disagree.
    Conflict(&'a Claim<V>, &'a Claim<V>),
}

/// Checks one list of claims: no claim twice, no two preferred claims that
/// compete and disagree. The rule of [`ProfileClaims::validate`] for one
/// dimension; the caller turns the fault into its error.
pub(crate) fn check_claims<V: PartialEq>(claims: &[Claim<V>]) -> Result<(), ClaimFault<'_, V>> {
    for (i, a) in claims.iter().enumerate() {
        for b in claims.iter().skip(i + 1) {
            if a.value == b.value && a.period == b.period && a.source == b.source {
                return Err(ClaimFault::Duplicate(a));
            }
            if a.rank == Rank::Preferred && b.rank == Rank::Preferred && a.value != b.value && a.competes_with(b) {
                return Err(ClaimFault::Conflict(a, b));
            }
        }
    }
    Ok(())
}

/// The non-deprecated claims of one list if two of them compete for the
/// same years and disagree: the rule of [`ProfileClaims::disagreements`]
/// for one dimension.
pub(crate) fn disagreeing<V: PartialEq>(claims: &[Claim<V>]) -> Option<Vec<&Claim<V>>> {
    let live: Vec<_> = claims.iter().filter(|c| c.rank != Rank::Deprecated).collect();
    let disagree =
        live.iter().enumerate().any(|(i, a)| live.iter().skip(i + 1).any(|b| a.value != b.value && a.competes_with(b)));
    disagree.then_some(live)
}

/// Which claim of a dimension gives its value: the one that holds in a
/// year ([`ProfileClaims::as_of`]) or now ([`ProfileClaims::current`]).
#[derive(Clone, Copy)]
enum Pick {
    AsOf(crate::Year),
    Current,
}

impl Pick {
    fn claim<T: PartialEq>(self, claims: &[Claim<T>]) -> Option<&Claim<T>> {
        match self {
            Pick::AsOf(year) => resolve_as_of(claims, year),
            Pick::Current => resolve_current(claims),
        }
    }
}

/// [`ProfileClaims::validate`] on the claims of one dimension; `value`
/// makes a [`DimensionValue`] of a value for the error's message.
fn validate_claims<T: PartialEq>(
    dimension: Dimension,
    claims: &[Claim<T>],
    value: impl Fn(&T) -> DimensionValue,
) -> Result<(), Error> {
    match check_claims(claims) {
        Ok(()) => Ok(()),
        Err(ClaimFault::Duplicate(a)) => {
            Err(Error::DuplicateClaim { dimension, value: value(&a.value).to_string(), cited: a.source.to_string() })
        }
        Err(ClaimFault::Conflict(a, b)) => Err(Error::ConflictingClaims {
            dimension,
            first: value(&a.value).to_string(),
            first_source: a.source.to_string(),
            second: value(&b.value).to_string(),
            second_source: b.source.to_string(),
        }),
    }
}

impl ProfileClaims {
    /// Turns a format-1 profile and its sources into claims: one undated
    /// claim of normal rank per set dimension, with its source. Lossless.
    ///
    /// # Errors
    ///
    /// [`Error::UnsourcedDimension`] if a set dimension has no source or a
    /// source has no value.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Dimension, DimensionValue, Profile, ProfileClaims, SourceId};
    /// use regdev::Ownership;
    /// let p = Profile::default().with(DimensionValue::Ownership(Ownership::Collective));
    /// let s = regdev::ProfileSources::from([(Dimension::Ownership, SourceId::new("s")?)]);
    /// let claims = ProfileClaims::from_v1(&p, &s)?;
    /// assert_eq!(claims.current(), (p, s));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn from_v1(profile: &Profile, sources: &ProfileSources) -> Result<ProfileClaims, Error> {
        check_profile_sources(profile, sources)?;
        Ok(ProfileClaims::from_compact(profile, sources))
    }

    /// The claims a compact profile stands for: one undated claim of normal
    /// rank per set dimension that has a source (every set dimension, once
    /// [`check_profile_sources`] passed).
    pub(crate) fn from_compact(profile: &Profile, sources: &ProfileSources) -> ProfileClaims {
        let mut claims = ProfileClaims::default();
        for value in profile.values() {
            if let Some(source) = sources.get(&value.dimension()) {
                claims.push(Claim::new(value, source.clone()));
            }
        }
        claims
    }

    /// Whether the claims say no more than a format-1 profile could: at most
    /// one claim per dimension, undated and of normal rank. Such profiles
    /// are written in the compact form (`profile` + `profile_sources`).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, DimensionValue, ProfileClaims, Rank, SourceId};
    /// use regdev::Ownership;
    /// let mut c = ProfileClaims::default();
    /// c.push(Claim::new(DimensionValue::Ownership(Ownership::Collective), SourceId::new("s")?));
    /// assert!(c.is_compact());
    /// c.push(Claim::new(DimensionValue::Ownership(Ownership::Private), SourceId::new("t")?).ranked(Rank::Preferred));
    /// assert!(!c.is_compact());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn is_compact(&self) -> bool {
        Dimension::ALL.iter().all(|&d| self.compact_dimension(d))
    }

    /// Adds every claim of `other`, in order.
    pub(crate) fn extend(&mut self, other: &ProfileClaims) {
        for &d in Dimension::ALL {
            for c in other.claims(d) {
                self.push(c);
            }
        }
    }

    /// Folds a format-1 profile and its sources into these claims,
    /// validates them and returns the current profile and sources. Shared
    /// by towns and archetypes.
    pub(crate) fn absorb_v1(
        &mut self,
        profile: &Profile,
        sources: &ProfileSources,
    ) -> Result<(Profile, ProfileSources), Error> {
        let v1 = ProfileClaims::from_v1(profile, sources)?;
        self.extend(&v1);
        self.validate()?;
        Ok(self.current())
    }

    /// Whether there is no claim at all.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::ProfileClaims::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        Dimension::ALL.iter().all(|&d| self.count(d) == 0)
    }

    /// Checks the claims of every dimension.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateClaim`] when a dimension lists the same claim (value,
    /// period and source) twice; [`Error::ConflictingClaims`] when two
    /// preferred claims that compete for the same years (both undated, or
    /// dated with overlapping periods) disagree. Both name the dimension.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, DimensionValue, ProfileClaims, Rank, SourceId};
    /// use regdev::Dynamics;
    /// let mut c = ProfileClaims::default();
    /// c.push(Claim::new(DimensionValue::Dynamics(Dynamics::GovernmentLed), SourceId::new("a")?).ranked(Rank::Preferred));
    /// c.push(Claim::new(DimensionValue::Dynamics(Dynamics::BottomUpPpp), SourceId::new("b")?).ranked(Rank::Preferred));
    /// assert_eq!(
    ///     c.validate().unwrap_err().to_string(),
    ///     "profile dimension 'dynamics' has two preferred claims that disagree: \"Government-led\" (source 'a') and \"Bottom-up, PPP\" (source 'b')",
    /// );
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        Dimension::ALL.iter().try_for_each(|&d| self.validate_dimension(d))
    }

    /// The profile of `year`, with the source of each value.
    ///
    /// For each dimension: the claims dated to a period containing `year`
    /// if there are any, the undated claims otherwise, deprecated claims
    /// never; of those, the best-ranked (preferred before normal). If they
    /// agree, that is the value (with the first one's source); if they
    /// disagree, the dimension is left unset (see
    /// [`ProfileClaims::disagreements`]).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, DimensionValue, Period, ProfileClaims, SourceId, Year};
    /// use regdev::Ownership;
    /// let y = |y| Year::new(y);
    /// let mut c = ProfileClaims::default();
    /// c.push(Claim::new(DimensionValue::Ownership(Ownership::Collective), SourceId::new("a")?)
    ///     .with_period(Period::new(y(1978)?, Some(y(1997)?))?));
    /// c.push(Claim::new(DimensionValue::Ownership(Ownership::Private), SourceId::new("b")?)
    ///     .with_period(Period::new(y(1998)?, None)?));
    /// assert_eq!(c.as_of(y(1990)?).0.ownership, Some(Ownership::Collective));
    /// assert_eq!(c.as_of(y(2005)?).0.ownership, Some(Ownership::Private));
    /// assert_eq!(c.as_of(y(1970)?).0.ownership, None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn as_of(&self, year: crate::Year) -> (Profile, ProfileSources) {
        let mut profile = Profile::default();
        let mut sources = ProfileSources::new();
        for &d in Dimension::ALL {
            self.settle_dimension(d, Pick::AsOf(year), &mut profile, &mut sources);
        }
        (profile, sources)
    }

    /// The current profile, with the source of each value: what
    /// [`Town::profile`](crate::Town::profile) returns and comparison uses.
    ///
    /// For each dimension, the claims that hold now: open-ended dated
    /// claims if there are any, else undated claims, else the dated claims
    /// that end last; deprecated claims never. Of those, the best-ranked
    /// decide as in [`ProfileClaims::as_of`]: the preferred claim, or the
    /// only one, or several that agree.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, DimensionValue, Period, ProfileClaims, SourceId, Year};
    /// use regdev::Ownership;
    /// let mut c = ProfileClaims::default();
    /// c.push(Claim::new(DimensionValue::Ownership(Ownership::Collective), SourceId::new("a")?)
    ///     .with_period(Period::new(Year::new(1978)?, Some(Year::new(1997)?))?));
    /// assert_eq!(c.current().0.ownership, Some(Ownership::Collective)); // the latest there is
    /// c.push(Claim::new(DimensionValue::Ownership(Ownership::Private), SourceId::new("b")?)
    ///     .with_period(Period::new(Year::new(1998)?, None)?));
    /// assert_eq!(c.current().0.ownership, Some(Ownership::Private));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn current(&self) -> (Profile, ProfileSources) {
        let mut profile = Profile::default();
        let mut sources = ProfileSources::new();
        for &d in Dimension::ALL {
            self.settle_dimension(d, Pick::Current, &mut profile, &mut sources);
        }
        (profile, sources)
    }

    /// The dimensions whose non-deprecated claims compete for the same
    /// years and disagree, each with all its non-deprecated claims.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Claim, DimensionValue, ProfileClaims, Rank, SourceId};
    /// use regdev::RiskLevel;
    /// let mut c = ProfileClaims::default();
    /// c.push(Claim::new(DimensionValue::RiskLevel(RiskLevel::Low), SourceId::new("a")?).ranked(Rank::Preferred));
    /// c.push(Claim::new(DimensionValue::RiskLevel(RiskLevel::High), SourceId::new("b")?).ranked(Rank::Deprecated));
    /// assert!(c.disagreements().is_empty()); // the deprecated claim is not evidence
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn disagreements(&self) -> Vec<Disagreement> {
        let mut out = Vec::new();
        for &dimension in Dimension::ALL {
            let claims = self.claims(dimension);
            if let Some(live) = disagreeing(&claims) {
                out.push(Disagreement { dimension, claims: live.into_iter().cloned().collect() });
            }
        }
        out
    }
}

/// Reads the format-1 `profile_sources` object dimension by dimension, so
/// that an unknown dimension is an error naming it (serde's "unknown field
/// `charm`, expected one of …") rather than a map-key error without a path.
pub(crate) fn deserialize_profile_sources<'de, D>(deserializer: D) -> Result<ProfileSources, D::Error>
where
    D: serde::Deserializer<'de>,
{
    SourcesDoc::deserialize(deserializer).map(ProfileSources::from)
}

/// Which source supports each set dimension of a profile (format 1).
///
/// # Example
///
/// ```
/// use regdev::{Dimension, SourceId};
/// let mut s = regdev::ProfileSources::new();
/// s.insert(Dimension::Dynamics, SourceId::new("qiao-talk")?);
/// assert_eq!(s.len(), 1);
/// # Ok::<(), regdev::Error>(())
/// ```
pub type ProfileSources = std::collections::BTreeMap<Dimension, crate::SourceId>;

/// No fact without a source, no source without a fact: every dimension set
/// in `profile` has an entry in `sources`, and every entry is for a set
/// dimension. Shared by towns and [`Archetype`](crate::Archetype)s.
///
/// # Errors
///
/// [`Error::UnsourcedDimension`] naming the first dimension (in table
/// order) that breaks the rule.
pub(crate) fn check_profile_sources<S>(
    profile: &Profile,
    sources: &std::collections::BTreeMap<Dimension, S>,
) -> Result<(), Error> {
    for &dimension in Dimension::ALL {
        let has_value = profile.is_set(dimension);
        if has_value != sources.contains_key(&dimension) {
            return Err(Error::UnsourcedDimension { dimension, has_value });
        }
    }
    Ok(())
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

/// `validate`, `current`, `as_of` and `is_compact` read the claims as
/// stored; they copied every claim of a dimension (`claims(d)`) first.
/// The copying versions are kept here as the reference.
#[cfg(all(test, feature = "proptest"))]
mod claims_without_copies {
    use super::*;
    use crate::Dynamics;
    use proptest::prelude::*;

    fn validate(c: &ProfileClaims) -> Result<(), Error> {
        for &dimension in Dimension::ALL {
            validate_claims(dimension, &c.claims(dimension), Clone::clone)?;
        }
        Ok(())
    }

    fn as_of(c: &ProfileClaims, year: crate::Year) -> (Profile, ProfileSources) {
        let (mut profile, mut sources) = (Profile::default(), ProfileSources::new());
        for &d in Dimension::ALL {
            if let Some(c) = settle(&candidates(&c.claims(d), year)) {
                profile.set(c.value.clone());
                sources.insert(d, c.source.clone());
            }
        }
        (profile, sources)
    }

    fn current(c: &ProfileClaims) -> (Profile, ProfileSources) {
        let (mut profile, mut sources) = (Profile::default(), ProfileSources::new());
        for &d in Dimension::ALL {
            if let Some(c) = Pick::Current.claim(&c.claims(d)) {
                profile.set(c.value.clone());
                sources.insert(d, c.source.clone());
            }
        }
        (profile, sources)
    }

    fn is_compact(c: &ProfileClaims) -> bool {
        Dimension::ALL.iter().all(|&d| {
            let claims = c.claims(d);
            claims.len() <= 1 && claims.iter().all(|c| c.period.is_none() && c.rank == Rank::Normal)
        })
    }

    /// Claims on few dimensions and sources, so that duplicates and
    /// conflicts occur.
    fn claims() -> impl Strategy<Value = ProfileClaims> {
        proptest::collection::vec(crate::arbitrary::claim(), 0..=10).prop_map(|claims| {
            let mut out = ProfileClaims::default();
            for c in claims {
                out.push(c);
            }
            out
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn same_answers_as_copying_every_claim(c in claims(), year in 1970i64..2030) {
            prop_assert_eq!(c.validate(), validate(&c));
            prop_assert_eq!(c.current(), current(&c));
            let year = crate::Year::new(year).unwrap();
            prop_assert_eq!(c.as_of(year), as_of(&c, year));
            prop_assert_eq!(c.is_compact(), is_compact(&c));
        }
    }

    #[test]
    fn errors_name_the_values() {
        let s = |id: &str| crate::SourceId::new(id).unwrap();
        let mut c = ProfileClaims::default();
        c.push(Claim::new(DimensionValue::Dynamics(Dynamics::GovernmentLed), s("a")).ranked(Rank::Preferred));
        c.push(Claim::new(DimensionValue::Dynamics(Dynamics::BottomUpPpp), s("b")).ranked(Rank::Preferred));
        assert_eq!(c.validate(), validate(&c));
        assert!(matches!(c.validate(), Err(Error::ConflictingClaims { .. })));
        let mut d = ProfileClaims::default();
        d.push(Claim::new(DimensionValue::Dynamics(Dynamics::GovernmentLed), s("a")));
        d.push(Claim::new(DimensionValue::Dynamics(Dynamics::GovernmentLed), s("a")));
        assert_eq!(d.validate(), validate(&d));
        assert!(matches!(d.validate(), Err(Error::DuplicateClaim { .. })));
    }
}
