//! Towns: [`Town`] and what describes one — its [`Name`], [`AdminLevel`],
//! statistical [`DivisionCode`], [`KeyFacts`], [`Specialisation`]s,
//! [`DevelopmentZone`]s, [`Advantage`]s, [`Profile`] and [`Trajectory`].
//!
//! "Town" is used loosely, as the talk does: any place whose development is
//! studied, from a county-level city (Kunshan) or district (Shunde) down to
//! its towns (镇), subdistricts (街道) and development zones.
//!
//! # Example
//!
//! ```
//! use regdev::{AdminLevel, Area, Name, Observed, SourceId, Town, TownId};
//!
//! let talk = SourceId::new("qiao-talk")?;
//! let town = Town::builder(TownId::new("kunshan")?, Name::new("Kunshan")?.with_chinese("昆山市")?, AdminLevel::CountyLevelCity)
//!     .province("Jiangsu")
//!     .area(Observed::new(Area::new(927.68)?, talk))
//!     .build()?;
//! assert_eq!(town.name().chinese(), Some("昆山市"));
//! # Ok::<(), regdev::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::dimension::Dimension;
use crate::macros::vocabulary;
use crate::{
    Area, Error, Money, Observed, Period, Population, Profile, RegionalModel, SourceId, TownId, Trajectory, Year,
};

/// A place name in English (pinyin for Chinese places) and, optionally,
/// Chinese characters.
///
/// Both parts are trimmed and must not be empty.
///
/// # Source
///
/// The crate's data model; built-in pinyin and characters follow domain
/// facts §3.2 and §4.2.
///
/// # Example
///
/// ```
/// use regdev::Name;
/// let n = Name::new("Lecong")?.with_chinese("乐从镇")?;
/// assert_eq!(n.to_string(), "Lecong (乐从镇)");
/// assert!(Name::new("  ").is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "RawName", into = "RawName")]
pub struct Name {
    english: String,
    chinese: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RawName {
    english: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    chinese: Option<String>,
}

impl TryFrom<RawName> for Name {
    type Error = Error;
    fn try_from(r: RawName) -> Result<Name, Error> {
        let name = Name::new(r.english)?;
        match r.chinese {
            Some(zh) => name.with_chinese(zh),
            None => Ok(name),
        }
    }
}

impl From<Name> for RawName {
    fn from(n: Name) -> RawName {
        RawName { english: n.english, chinese: n.chinese }
    }
}

fn non_empty(field: &'static str, text: impl AsRef<str>) -> Result<String, Error> {
    let t = text.as_ref().trim();
    if t.is_empty() { Err(Error::EmptyText { field }) } else { Ok(t.to_owned()) }
}

impl Name {
    /// A name in English or pinyin.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if `english` is empty after trimming.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Name::new("Shunde")?.english(), "Shunde");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(english: impl AsRef<str>) -> Result<Name, Error> {
        Ok(Name { english: non_empty("english name", english)?, chinese: None })
    }

    /// Adds the name in Chinese characters.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if `chinese` is empty after trimming.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Name::new("Shunde")?.with_chinese("顺德区")?.chinese(), Some("顺德区"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn with_chinese(mut self, chinese: impl AsRef<str>) -> Result<Name, Error> {
        self.chinese = Some(non_empty("chinese name", chinese)?);
        Ok(self)
    }

    /// The English or pinyin name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Name::new("Beijiao")?.english(), "Beijiao");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn english(&self) -> &str {
        &self.english
    }

    /// The name in Chinese characters, if known.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Name::new("Beijiao")?.chinese(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn chinese(&self) -> Option<&str> {
        self.chinese.as_deref()
    }

    /// Whether `query` equals the English name (ASCII case-insensitively) or
    /// the Chinese name (exactly), after trimming.
    ///
    /// # Example
    ///
    /// ```
    /// let n = regdev::Name::new("Lecong")?.with_chinese("乐从镇")?;
    /// assert!(n.matches("lecong") && n.matches("乐从镇") && !n.matches("乐从"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim();
        self.english.eq_ignore_ascii_case(q) || self.chinese.as_deref() == Some(q)
    }
}

impl core::fmt::Display for Name {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.chinese {
            Some(zh) => f.pad(&format!("{} ({zh})", self.english)),
            None => f.pad(&self.english),
        }
    }
}

vocabulary! {
    /// The administrative level of a place in China's hierarchy.
    ///
    /// # Ordering
    ///
    /// Declaration order, top down. For the hierarchy itself use
    /// [`AdminLevel::tier`]: several levels share a tier (a district and a
    /// county-level city are both county-level).
    ///
    /// # Source
    ///
    /// OSM `place:CN` (domain facts §5.2); GB/T 2260 and the NBS coding rules
    /// for levels below the county.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::AdminLevel;
    /// assert_eq!(AdminLevel::CountyLevelCity.to_string(), "County-level city");
    /// assert!(AdminLevel::Town.tier() > AdminLevel::District.tier());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum AdminLevel as "administrative level" {
        /// Province, autonomous region, municipality or SAR (省级).
        Province = ("province", "Province"),
        /// Prefecture-level city (地级市).
        PrefectureLevelCity = ("prefecture_level_city", "Prefecture-level city"),
        /// County-level city (县级市), e.g. Kunshan.
        CountyLevelCity = ("county_level_city", "County-level city"),
        /// Urban district (市辖区), e.g. Shunde.
        District = ("district", "District"),
        /// County (县).
        County = ("county", "County"),
        /// Town (镇).
        Town = ("town", "Town"),
        /// Township (乡).
        Township = ("township", "Township"),
        /// Subdistrict (街道).
        Subdistrict = ("subdistrict", "Subdistrict"),
        /// Village (行政村) or neighbourhood (社区).
        Village = ("village", "Village"),
        /// Development zone run as a township-level unit ("similar to
        /// township", NBS codes 400–599).
        DevelopmentZone = ("development_zone", "Development zone"),
    }
}

impl AdminLevel {
    /// The tier in the hierarchy: 0 province, 1 prefecture, 2 county,
    /// 3 township, 4 village. A child's tier must be greater than its
    /// parent's.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::AdminLevel;
    /// assert_eq!(AdminLevel::District.tier(), 2);
    /// assert_eq!(AdminLevel::DevelopmentZone.tier(), 3);
    /// ```
    #[must_use]
    pub const fn tier(self) -> u8 {
        match self {
            AdminLevel::Province => 0,
            AdminLevel::PrefectureLevelCity => 1,
            AdminLevel::CountyLevelCity | AdminLevel::District | AdminLevel::County => 2,
            AdminLevel::Town | AdminLevel::Township | AdminLevel::Subdistrict | AdminLevel::DevelopmentZone => 3,
            AdminLevel::Village => 4,
        }
    }
}

/// A statistical division code of the National Bureau of Statistics (NBS):
/// 2 (province), 4 (prefecture), 6 (county, GB/T 2260), 9 (township) or 12
/// (village) ASCII digits.
///
/// The code's own structure is not checked further (codes are reassigned
/// over time). Key places by code, not by name: names repeat (桥头镇 is in
/// both Yongjia and Dongguan).
///
/// # Source
///
/// Domain facts §5.2; codes from the NBS releases as packaged by
/// modood/Administrative-divisions-of-China.
///
/// # Example
///
/// ```
/// use regdev::DivisionCode;
/// let lecong: DivisionCode = "440606103".parse()?;
/// assert_eq!(lecong.county(), Some("440606"));
/// assert!(DivisionCode::new("44060610").is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DivisionCode(String);

impl DivisionCode {
    /// Validates a code.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCode`] unless `code` is 2, 4, 6, 9 or 12 ASCII digits.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::DivisionCode::new("320583").is_ok());
    /// assert!(regdev::DivisionCode::new("32O583").is_err());
    /// ```
    pub fn new(code: impl Into<String>) -> Result<DivisionCode, Error> {
        let code = code.into();
        if !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::InvalidCode { value: code, reason: "a code must be ASCII digits only".to_owned() });
        }
        if ![2, 4, 6, 9, 12].contains(&code.len()) {
            let reason = format!("a code has 2, 4, 6, 9 or 12 digits, this one has {}", code.len());
            return Err(Error::InvalidCode { value: code, reason });
        }
        Ok(DivisionCode(code))
    }

    /// The code as a string.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::DivisionCode::new("440606")?.as_str(), "440606");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The six-digit county-level prefix, for codes of county level or
    /// below.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::DivisionCode::new("3205")?.county(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn county(&self) -> Option<&str> {
        self.0.get(..6)
    }
}

impl TryFrom<String> for DivisionCode {
    type Error = Error;
    fn try_from(s: String) -> Result<DivisionCode, Error> {
        DivisionCode::new(s)
    }
}

impl From<DivisionCode> for String {
    fn from(c: DivisionCode) -> String {
        c.0
    }
}

impl core::str::FromStr for DivisionCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<DivisionCode, Error> {
        DivisionCode::new(s)
    }
}

impl core::fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(&self.0)
    }
}

/// A statistical code as listed in a dataset: the code, the years of the
/// releases that list it (where checked), and the dataset.
///
/// # Source
///
/// Domain facts §3.2 and §4.2: town lists change over time (three Kunshan
/// towns leave the NBS listing in 2021), so a code carries its validity.
///
/// # Example
///
/// ```
/// use regdev::{CodeListing, DivisionCode, Period, SourceId, Year};
/// let l = CodeListing::new(DivisionCode::new("320583105")?, SourceId::new("nbs-codes")?)
///     .valid(Period::new(Year::new(2017)?, Some(Year::new(2020)?))?);
/// assert!(l.is_valid_in(Year::new(2019)?));
/// assert!(!l.is_valid_in(Year::new(2022)?));
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct CodeListing {
    code: DivisionCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    valid: Option<Period>,
    source: SourceId,
}

impl CodeListing {
    /// A code listed by `source`, validity unknown.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, SourceId};
    /// let l = CodeListing::new(DivisionCode::new("320583")?, SourceId::new("nbs")?);
    /// assert_eq!(l.code().as_str(), "320583");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn new(code: DivisionCode, source: SourceId) -> CodeListing {
        CodeListing { code, valid: None, source }
    }

    /// Sets the years of the releases that list the code.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, Period, SourceId, Year};
    /// let l = CodeListing::new(DivisionCode::new("320583")?, SourceId::new("nbs")?).valid(Period::new(Year::new(2017)?, None)?);
    /// assert!(l.validity().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn valid(mut self, period: Period) -> CodeListing {
        self.valid = Some(period);
        self
    }

    /// The code.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, SourceId};
    /// assert_eq!(CodeListing::new(DivisionCode::new("44")?, SourceId::new("nbs")?).code().as_str(), "44");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> &DivisionCode {
        &self.code
    }

    /// The years the listing is valid for, if known.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, SourceId};
    /// assert!(CodeListing::new(DivisionCode::new("44")?, SourceId::new("nbs")?).validity().is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn validity(&self) -> Option<Period> {
        self.valid
    }

    /// Whether the listing is valid in `year`; `true` when validity is
    /// unknown.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, SourceId, Year};
    /// assert!(CodeListing::new(DivisionCode::new("44")?, SourceId::new("nbs")?).is_valid_in(Year::new(1990)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn is_valid_in(&self, year: Year) -> bool {
        self.valid.is_none_or(|p| p.contains(year))
    }

    /// The dataset that lists the code.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, SourceId};
    /// assert_eq!(CodeListing::new(DivisionCode::new("44")?, SourceId::new("nbs")?).source().as_str(), "nbs");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &SourceId {
        &self.source
    }
}

/// A town's headline figures, each with its year and source.
///
/// A passive record: every field is optional and independent.
/// GDP per capita is stored as the source states it (often in US dollars);
/// compare it with the derived figure from [`KeyFacts::derived_gdp_per_capita`].
///
/// # Source
///
/// Talk, "Key facts" slides for Kunshan and Shunde.
///
/// # Example
///
/// ```
/// use regdev::{Currency, KeyFacts, Money, Observed, Population, SourceId, Year};
///
/// let talk = SourceId::new("qiao-talk")?;
/// let mut facts = KeyFacts::default();
/// facts.population = Some(Observed::new(Population::new(2_460_000), talk.clone()));
/// facts.gdp = Some(Observed::new(Money::new(254e9, Currency::Cny)?, talk).in_year(Year::new(2013)?));
/// let derived = facts.derived_gdp_per_capita().ok_or("missing")??;
/// assert_eq!(derived.amount().round(), 103_252.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
#[non_exhaustive]
pub struct KeyFacts {
    /// Land area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Observed<Area>>,
    /// Population (resident, unless the source says otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<Observed<Population>>,
    /// Gross domestic product, nominal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdp: Option<Observed<Money>>,
    /// GDP per head, as the source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdp_per_capita: Option<Observed<Money>>,
}

impl KeyFacts {
    /// GDP ÷ population, in GDP's currency; `None` if either is missing.
    ///
    /// # Errors
    ///
    /// The inner `Result` is [`Error::DivisionByZero`] for a zero
    /// population.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::KeyFacts::default().derived_gdp_per_capita().is_none());
    /// ```
    #[must_use]
    pub fn derived_gdp_per_capita(&self) -> Option<Result<Money, Error>> {
        let gdp = self.gdp.as_ref()?;
        let pop = self.population.as_ref()?;
        Some(gdp.value().per_capita(*pop.value()))
    }

    /// Persons per km²; `None` if area or population is missing.
    ///
    /// # Errors
    ///
    /// The inner `Result` is [`Error::DivisionByZero`] for a zero area.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::KeyFacts::default().density().is_none());
    /// ```
    #[must_use]
    pub fn density(&self) -> Option<Result<f64, Error>> {
        let area = self.area.as_ref()?;
        let pop = self.population.as_ref()?;
        Some(pop.value().density(*area.value()))
    }

    /// The facts' sources and years, for walking provenance.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::KeyFacts::default().provenance().count(), 0);
    /// ```
    pub fn provenance(&self) -> impl Iterator<Item = (&'static str, &SourceId, Option<Year>)> {
        let a = self.area.as_ref().map(|o| ("area", o.source(), o.year()));
        let p = self.population.as_ref().map(|o| ("population", o.source(), o.year()));
        let g = self.gdp.as_ref().map(|o| ("gdp", o.source(), o.year()));
        let c = self.gdp_per_capita.as_ref().map(|o| ("gdp_per_capita", o.source(), o.year()));
        [a, p, g, c].into_iter().flatten()
    }
}

vocabulary! {
    /// The talk's five advantages of China's manufacturing places.
    ///
    /// The talk lists them for the "world factory" in general; built-in
    /// towns carry those a cited source supports for that town.
    ///
    /// # Source
    ///
    /// Talk, "World Factory" slide: "natural resources, industrial base,
    /// better location, reform earlier, foreign investment".
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Advantage;
    /// assert_eq!(Advantage::EarlyReform.to_string(), "Reform earlier");
    /// assert_eq!("better location".parse::<Advantage>()?, Advantage::Location);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum Advantage as "advantage" {
        /// Natural resources.
        NaturalResources = ("natural_resources", "Natural resources"),
        /// An existing industrial base.
        IndustrialBase = ("industrial_base", "Industrial base"),
        /// A better location.
        Location = ("location", "Better location"),
        /// Reforming earlier than elsewhere.
        EarlyReform = ("early_reform", "Reform earlier"),
        /// Foreign investment.
        ForeignInvestment = ("foreign_investment", "Foreign investment"),
    }
}

vocabulary! {
    /// A division (大类) of GB/T 4754-2017, *Industrial classification for
    /// national economic activities*: those relevant to the built-in cases.
    ///
    /// `#[non_exhaustive]`: more divisions are added as cases need them.
    /// English labels are the crate's glosses; the official names are the
    /// Chinese ones from [`IndustryDivision::chinese_name`].
    ///
    /// # Source
    ///
    /// GB/T 4754-2017 (in force 2017-10-01), as listed in domain facts §5.3.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::IndustryDivision;
    /// assert_eq!(IndustryDivision::C39.code(), "C39");
    /// assert_eq!(IndustryDivision::C21.chinese_name(), "家具制造业");
    /// assert_eq!("c38".parse::<IndustryDivision>()?, IndustryDivision::C38);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[non_exhaustive]
    pub enum IndustryDivision as "industry division" {
        /// 农业, incl. 0143 flower growing (Chencun flowers).
        A01 = ("a01", "Agriculture"),
        /// 纺织服装、服饰业 (Jun'an denim).
        C18 = ("c18", "Textile garments and apparel"),
        /// 家具制造业 (Longjiang furniture).
        C21 = ("c21", "Furniture manufacturing"),
        /// 金属制品业 (Leliu hardware).
        C33 = ("c33", "Metal products"),
        /// 电气机械和器材制造业, incl. 385 household appliances (Beijiao,
        /// Ronggui).
        C38 = ("c38", "Electrical machinery and equipment"),
        /// 计算机、通信和其他电子设备制造业 (Kunshan notebooks, displays).
        C39 = ("c39", "Computers, communication and other electronic equipment"),
        /// 批发业 (Lecong's furniture trade market).
        F51 = ("f51", "Wholesale trade"),
    }
}

impl IndustryDivision {
    /// The section letter and two-digit division, e.g. `"C39"`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::IndustryDivision::F51.code(), "F51");
    /// ```
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            IndustryDivision::A01 => "A01",
            IndustryDivision::C18 => "C18",
            IndustryDivision::C21 => "C21",
            IndustryDivision::C33 => "C33",
            IndustryDivision::C38 => "C38",
            IndustryDivision::C39 => "C39",
            IndustryDivision::F51 => "F51",
        }
    }

    /// The official Chinese name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::IndustryDivision::C33.chinese_name(), "金属制品业");
    /// ```
    #[must_use]
    pub const fn chinese_name(self) -> &'static str {
        match self {
            IndustryDivision::A01 => "农业",
            IndustryDivision::C18 => "纺织服装、服饰业",
            IndustryDivision::C21 => "家具制造业",
            IndustryDivision::C33 => "金属制品业",
            IndustryDivision::C38 => "电气机械和器材制造业",
            IndustryDivision::C39 => "计算机、通信和其他电子设备制造业",
            IndustryDivision::F51 => "批发业",
        }
    }
}

/// What a town specialises in: an industry division and the product, with
/// the source that says so.
///
/// # Source
///
/// Talk: "Many cities, towns, and villages specialise in just one product".
///
/// # Example
///
/// ```
/// use regdev::{IndustryDivision, SourceId, Specialisation};
/// let s = Specialisation::new(IndustryDivision::C21, "furniture", SourceId::new("s")?)?;
/// assert_eq!(s.product(), "furniture");
/// assert!(Specialisation::new(IndustryDivision::C21, " ", SourceId::new("s")?).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawSpecialisation", into = "RawSpecialisation")]
pub struct Specialisation {
    industry: IndustryDivision,
    product: String,
    source: SourceId,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RawSpecialisation {
    industry: IndustryDivision,
    product: String,
    source: SourceId,
}

impl TryFrom<RawSpecialisation> for Specialisation {
    type Error = Error;
    fn try_from(r: RawSpecialisation) -> Result<Specialisation, Error> {
        Specialisation::new(r.industry, r.product, r.source)
    }
}

impl From<Specialisation> for RawSpecialisation {
    fn from(s: Specialisation) -> RawSpecialisation {
        RawSpecialisation { industry: s.industry, product: s.product, source: s.source }
    }
}

impl Specialisation {
    /// A specialisation in `product`, within `industry`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if `product` is empty after trimming.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{IndustryDivision, SourceId, Specialisation};
    /// let s = Specialisation::new(IndustryDivision::C18, "denim", SourceId::new("s")?)?;
    /// assert_eq!(s.industry(), IndustryDivision::C18);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(
        industry: IndustryDivision,
        product: impl AsRef<str>,
        source: SourceId,
    ) -> Result<Specialisation, Error> {
        Ok(Specialisation { industry, product: non_empty("product", product)?, source })
    }

    /// The industry division.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{IndustryDivision, SourceId, Specialisation};
    /// assert_eq!(Specialisation::new(IndustryDivision::C33, "hinges", SourceId::new("s")?)?.industry(), IndustryDivision::C33);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn industry(&self) -> IndustryDivision {
        self.industry
    }

    /// The product, in free text.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{IndustryDivision, SourceId, Specialisation};
    /// assert_eq!(Specialisation::new(IndustryDivision::C33, "hinges", SourceId::new("s")?)?.product(), "hinges");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn product(&self) -> &str {
        &self.product
    }

    /// The source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{IndustryDivision, SourceId, Specialisation};
    /// assert_eq!(Specialisation::new(IndustryDivision::C33, "x", SourceId::new("s")?)?.source().as_str(), "s");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &SourceId {
        &self.source
    }
}

vocabulary! {
    /// Who approved a development zone.
    ///
    /// # Ordering
    ///
    /// `Provincial < National`.
    ///
    /// # Source
    ///
    /// Domain facts §3.3 (State Council approvals; provincial zones).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::ZoneLevel;
    /// assert!(ZoneLevel::Provincial < ZoneLevel::National);
    /// ```
    pub enum ZoneLevel as "zone level" {
        /// Approved by a province.
        Provincial = ("provincial", "Provincial"),
        /// Approved by the State Council or a national ministry.
        National = ("national", "National"),
    }
}

vocabulary! {
    /// The kind of a development zone.
    ///
    /// `#[non_exhaustive]`: China keeps inventing zone types.
    ///
    /// # Source
    ///
    /// OSM `place:CN` zone tags (NETDZ, CNHTIDZ; domain facts §5.2) and
    /// §3.3.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::ZoneKind;
    /// assert_eq!(ZoneKind::HighTech.to_string(), "Hi-tech industrial development zone");
    /// ```
    #[non_exhaustive]
    pub enum ZoneKind as "zone kind" {
        /// Economic and technological development zone (经济技术开发区).
        EconomicTechnological = ("economic_technological", "Economic and technological development zone"),
        /// Hi-tech industrial development zone (高新技术产业开发区).
        HighTech = ("high_tech", "Hi-tech industrial development zone"),
        /// Comprehensive bonded zone (综合保税区).
        ComprehensiveBonded = ("comprehensive_bonded", "Comprehensive bonded zone"),
        /// Export processing zone (出口加工区).
        ExportProcessing = ("export_processing", "Export processing zone"),
        /// An industrial park for firms of one foreign country.
        ForeignIndustrialPark = ("foreign_industrial_park", "Foreign industrial park"),
        /// Any other zone.
        Other = ("other", "Other zone"),
    }
}

/// A development zone in a town, with its level, kind, approval year where
/// a source gives one, and source.
///
/// # Source
///
/// Talk: "10 towns in Kunshan (including 3 national EDZs)"; domain facts
/// §3.3.
///
/// # Example
///
/// ```
/// use regdev::{DevelopmentZone, Name, SourceId, Year, ZoneKind, ZoneLevel};
/// let ketdz = DevelopmentZone::new(
///     Name::new("Kunshan Economic and Technological Development Zone")?,
///     ZoneLevel::National,
///     ZoneKind::EconomicTechnological,
///     SourceId::new("ourjiangsu-2022")?,
/// ).approved_in(Year::new(1992)?);
/// assert_eq!(ketdz.approved().map(|y| y.get()), Some(1992));
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct DevelopmentZone {
    name: Name,
    level: ZoneLevel,
    kind: ZoneKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    approved: Option<Year>,
    source: SourceId,
}

impl DevelopmentZone {
    /// A zone; add the approval year with [`DevelopmentZone::approved_in`].
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::Provincial, ZoneKind::Other, SourceId::new("s")?);
    /// assert_eq!(z.approved(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn new(name: Name, level: ZoneLevel, kind: ZoneKind, source: SourceId) -> DevelopmentZone {
        DevelopmentZone { name, level, kind, approved: None, source }
    }

    /// Sets the year of approval at the zone's level.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, Year, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?).approved_in(Year::new(2010)?);
    /// assert_eq!(z.approved(), Some(Year::new(2010)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn approved_in(mut self, year: Year) -> DevelopmentZone {
        self.approved = Some(year);
        self
    }

    /// The name.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?);
    /// assert_eq!(z.name().english(), "Z");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &Name {
        &self.name
    }

    /// The approving level.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?);
    /// assert_eq!(z.level(), ZoneLevel::National);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn level(&self) -> ZoneLevel {
        self.level
    }

    /// The kind.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?);
    /// assert_eq!(z.kind(), ZoneKind::HighTech);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> ZoneKind {
        self.kind
    }

    /// The approval year, if a source gives it.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?);
    /// assert_eq!(z.approved(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn approved(&self) -> Option<Year> {
        self.approved
    }

    /// The source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{DevelopmentZone, Name, SourceId, ZoneKind, ZoneLevel};
    /// let z = DevelopmentZone::new(Name::new("Z")?, ZoneLevel::National, ZoneKind::HighTech, SourceId::new("s")?);
    /// assert_eq!(z.source().as_str(), "s");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &SourceId {
        &self.source
    }
}

/// A sourced note on a town: a conflict between sources, a caveat.
///
/// # Source
///
/// The crate's data model.
///
/// # Example
///
/// ```
/// use regdev::{Observed, SourceId};
/// let note: regdev::town::Note = Observed::new("another source gives 931 km²".to_owned(), SourceId::new("s")?);
/// assert!(note.value().contains("931"));
/// # Ok::<(), regdev::Error>(())
/// ```
pub type Note = Observed<String>;

/// Which source supports each set dimension of a profile.
///
/// # Example
///
/// ```
/// use regdev::{Dimension, SourceId};
/// let mut s = regdev::town::ProfileSources::new();
/// s.insert(Dimension::Dynamics, SourceId::new("qiao-talk")?);
/// assert_eq!(s.len(), 1);
/// # Ok::<(), regdev::Error>(())
/// ```
pub type ProfileSources = BTreeMap<Dimension, SourceId>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct TownFields {
    id: TownId,
    name: Name,
    level: AdminLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<TownId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    statistical_code: Option<CodeListing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    model: Option<Observed<RegionalModel>>,
    #[serde(default)]
    key_facts: KeyFacts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    specialisations: Vec<Specialisation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    zones: Vec<DevelopmentZone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    advantages: Vec<Observed<Advantage>>,
    #[serde(default)]
    profile: Profile,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    profile_sources: ProfileSources,
    #[serde(default, skip_serializing_if = "Trajectory::is_empty")]
    trajectory: Trajectory,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<Note>,
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
pub struct Town(TownFields);

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

/// No fact without a source, no source without a fact: every dimension set
/// in `profile` has an entry in `sources`, and every entry is for a set
/// dimension. Shared by [`Town`] and [`Archetype`](crate::Archetype).
pub(crate) fn check_profile_sources(profile: &Profile, sources: &ProfileSources) -> Result<(), Error> {
    for d in Dimension::ALL {
        let set = profile.is_set(*d);
        if set != sources.contains_key(d) {
            let what = if set { "a value but no source" } else { "a source but no value" };
            return Err(Error::Invalid(format!("profile dimension '{}' has {what}", d.id())));
        }
    }
    Ok(())
}

fn validate_town(f: &TownFields) -> Result<(), Error> {
    if let Some(p) = &f.province {
        non_empty("province", p)?;
    }
    check_profile_sources(&f.profile, &f.profile_sources)?;
    let mut seen = BTreeSet::new();
    for a in &f.advantages {
        if !seen.insert(*a.value()) {
            return Err(Error::Invalid(format!("advantage '{}' is listed twice", a.value().id())));
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
    /// assert!(t.key_facts().area.is_none());
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
        let facts = f.key_facts.provenance().map(|(_, s, _)| s);
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
    /// assert_eq!(t.cited_sources().collect::<Vec<_>>(), vec![("key_facts.area".to_owned(), &SourceId::new("s")?)]);
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
    fields: TownFields,
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

    /// Places the town in a regional model, citing a source.
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
        self.fields.model = Some(model);
        self
    }

    /// Sets the area.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Area, Name, Observed, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .area(Observed::new(Area::new(78.0)?, SourceId::new("s")?)).build()?;
    /// assert!(t.key_facts().area.is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn area(mut self, area: Observed<Area>) -> TownBuilder {
        self.fields.key_facts.area = Some(area);
        self
    }

    /// Sets the population.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, Observed, Population, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .population(Observed::new(Population::new(184_800), SourceId::new("s")?)).build()?;
    /// assert!(t.key_facts().population.is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn population(mut self, population: Observed<Population>) -> TownBuilder {
        self.fields.key_facts.population = Some(population);
        self
    }

    /// Sets the GDP.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Currency, Money, Name, Observed, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .gdp(Observed::new(Money::new(22.1e9, Currency::Cny)?, SourceId::new("s")?)).build()?;
    /// assert!(t.key_facts().gdp.is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn gdp(mut self, gdp: Observed<Money>) -> TownBuilder {
        self.fields.key_facts.gdp = Some(gdp);
        self
    }

    /// Sets GDP per capita as the source states it.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Currency, Money, Name, Observed, SourceId, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .gdp_per_capita(Observed::new(Money::new(14e3, Currency::Usd)?, SourceId::new("s")?)).build()?;
    /// assert!(t.key_facts().gdp_per_capita.is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn gdp_per_capita(mut self, value: Observed<Money>) -> TownBuilder {
        self.fields.key_facts.gdp_per_capita = Some(value);
        self
    }

    /// Replaces all key facts at once.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, KeyFacts, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).key_facts(KeyFacts::default()).build()?;
    /// assert!(t.key_facts().gdp.is_none());
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
    /// use regdev::dimension::RiskLevel;
    /// let t = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
    ///     .dimension(DimensionValue::RiskLevel(RiskLevel::Low), SourceId::new("s")?).build()?;
    /// assert_eq!(t.profile().risk_level, Some(RiskLevel::Low));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn dimension(mut self, value: crate::DimensionValue, source: SourceId) -> TownBuilder {
        self.fields.profile_sources.insert(value.dimension(), source);
        self.fields.profile.set(value);
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
        self
    }

    /// Sets the trajectory.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{AdminLevel, Name, SourceId, Stage, Town, TownId, Trajectory};
    /// let tr = Trajectory::new(vec![Stage::new("Specialised towns", SourceId::new("s")?)])?;
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
