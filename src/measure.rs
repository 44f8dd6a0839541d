//! Measures: [`Year`], [`Period`], [`Area`], [`Population`], [`Money`] with
//! its [`Currency`], and [`ExchangeRate`].
//!
//! Each measure is a newtype whose constructor rejects values that cannot be
//! real: NaN, infinities, negatives, years outside a plausible range, and
//! periods that end before they start. Deserialization goes through the same
//! constructors, so a value that deserializes is valid.
//!
//! Derived figures are methods: [`Money::per_capita`],
//! [`Population::density`], [`Money::convert`].
//!
//! # Example
//!
//! ```
//! use regdev::{Area, Currency, Money, Population};
//!
//! // Kunshan's key facts as the talk states them.
//! let area = Area::new(927.68)?;
//! let people = Population::new(1_600_000);
//! let gdp = Money::new(292e9, Currency::Cny)?;
//! let per_head = gdp.per_capita(people)?;
//! assert_eq!(per_head.amount().round(), 182_500.0);
//! assert_eq!(people.density(area)?.round(), 1725.0);
//! # Ok::<(), regdev::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::macros::vocabulary;
use crate::{Error, SourceId};

fn finite_non_negative(quantity: &'static str, value: f64) -> Result<f64, Error> {
    if !value.is_finite() {
        Err(Error::NonFinite { quantity, value })
    } else if value < 0.0 {
        Err(Error::Negative { quantity, value })
    } else {
        // Normalise -0.0 to 0.0 so equal values serialize identically.
        Ok(value + 0.0)
    }
}

/// A calendar year in the plausible range for this crate's data,
/// [`Year::MIN`] ..= [`Year::MAX`].
///
/// The range covers everything the built-in sources date (Marshall's
/// industrial districts, 1890; the talk's cases, 1978–2013) with room on both
/// sides; a year outside it is almost certainly a typo (`20013`) and is
/// rejected with [`Error::YearOutOfRange`].
///
/// # Ordering
///
/// Chronological.
///
/// # Example
///
/// ```
/// use regdev::Year;
///
/// let y = Year::new(2013)?;
/// assert_eq!(y.get(), 2013);
/// assert!(Year::new(20013).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
// Never zero (the range excludes it): `Option<Year>` takes two bytes, not
// four, in each of the millions of linkages and facts a large atlas holds.
pub struct Year(std::num::NonZeroI16);

/// A year of the range as a constant.
const fn year_const(y: i16) -> Year {
    match std::num::NonZeroI16::new(y) {
        Some(y) => Year(y),
        None => unreachable!(),
    }
}

impl Year {
    /// The earliest accepted year.
    pub const MIN: Year = year_const(1800);
    /// The latest accepted year.
    pub const MAX: Year = year_const(2100);

    /// Validates and wraps a year.
    ///
    /// # Errors
    ///
    /// [`Error::YearOutOfRange`] if `year` is before [`Year::MIN`] or after
    /// [`Year::MAX`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Year;
    ///
    /// assert_eq!(Year::new(1992)?.get(), 1992);
    /// assert!(Year::new(1799).is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(year: i64) -> Result<Year, Error> {
        let (min, max) = (Self::MIN.get(), Self::MAX.get());
        if (min..=max).contains(&year) {
            // In range, so it fits in i16.
            i16::try_from(year).ok().and_then(std::num::NonZeroI16::new).map(Year).ok_or(Error::YearOutOfRange {
                year,
                min,
                max,
            })
        } else {
            Err(Error::YearOutOfRange { year, min, max })
        }
    }

    /// The year as a number.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Year::new(2010)?.get(), 2010);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn get(self) -> i64 {
        self.0.get() as i64
    }
}

impl TryFrom<i64> for Year {
    type Error = Error;
    fn try_from(year: i64) -> Result<Year, Error> {
        Year::new(year)
    }
}

impl From<Year> for i64 {
    fn from(y: Year) -> i64 {
        y.get()
    }
}

impl core::fmt::Display for Year {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(&self.0.get().to_string())
    }
}

impl core::str::FromStr for Year {
    type Err = Error;
    fn from_str(s: &str) -> Result<Year, Error> {
        let n: i64 = s.trim().parse().map_err(|_| Error::Parse {
            format: "year",
            path: None,
            line: None,
            column: None,
            message: format!("{s:?} is not a whole number"),
        })?;
        Year::new(n)
    }
}

/// A span of years, `start ..= end`, with an open end for what is still
/// going on.
///
/// # Ordering
///
/// By start, then by end (an open end sorts after every closed one).
///
/// # Source
///
/// Town lists change over time: three of Kunshan's ten towns are absent
/// from the NBS statistical division codes from the 2021 release on (atlas
/// sources `nbs-codes`, `nbs-gazetteer`), so listings and trajectory stages
/// carry periods.
///
/// # Example
///
/// ```
/// use regdev::{Period, Year};
///
/// let tve_era = Period::new(Year::new(1978)?, Some(Year::new(1996)?))?;
/// assert!(tve_era.contains(Year::new(1985)?));
/// assert_eq!(tve_era.to_string(), "1978–1996");
/// assert!(Period::new(Year::new(1996)?, Some(Year::new(1978)?)).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawPeriod", into = "RawPeriod")]
pub struct Period {
    start: Year,
    end: Option<Year>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RawPeriod {
    start: Year,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<Year>,
}

impl TryFrom<RawPeriod> for Period {
    type Error = Error;
    fn try_from(r: RawPeriod) -> Result<Period, Error> {
        Period::new(r.start, r.end)
    }
}

impl From<Period> for RawPeriod {
    fn from(p: Period) -> RawPeriod {
        RawPeriod { start: p.start, end: p.end }
    }
}

impl Period {
    /// A period from `start` to `end` inclusive; `None` means still open.
    ///
    /// # Errors
    ///
    /// [`Error::PeriodReversed`] if `end` is before `start`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Period, Year};
    ///
    /// let open = Period::new(Year::new(2010)?, None)?;
    /// assert_eq!(open.end(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(start: Year, end: Option<Year>) -> Result<Period, Error> {
        match end {
            Some(e) if e < start => Err(Error::PeriodReversed { start: start.get(), end: e.get() }),
            _ => Ok(Period { start, end }),
        }
    }

    /// The first year.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Period, Year};
    /// assert_eq!(Period::new(Year::new(1992)?, None)?.start().get(), 1992);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn start(self) -> Year {
        self.start
    }

    /// The last year, or `None` if the period is open.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Period, Year};
    /// let p = Period::new(Year::new(1992)?, Some(Year::new(2002)?))?;
    /// assert_eq!(p.end(), Some(Year::new(2002)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn end(self) -> Option<Year> {
        self.end
    }

    /// Whether `year` lies in the period.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Period, Year};
    /// let p = Period::new(Year::new(1992)?, None)?;
    /// assert!(p.contains(Year::new(2026)?));
    /// assert!(!p.contains(Year::new(1991)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn contains(self, year: Year) -> bool {
        year >= self.start && self.end.is_none_or(|e| year <= e)
    }

    /// Whether the two periods share at least one year.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Period, Year};
    /// let a = Period::new(Year::new(1980)?, Some(Year::new(1992)?))?;
    /// let b = Period::new(Year::new(1992)?, None)?;
    /// let c = Period::new(Year::new(1993)?, None)?;
    /// assert!(a.overlaps(b));
    /// assert!(!a.overlaps(c));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn overlaps(self, other: Period) -> bool {
        self.contains(other.start) || other.contains(self.start)
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        let end_key = |p: &Period| p.end.map_or(i64::MAX, Year::get);
        self.start.cmp(&other.start).then_with(|| end_key(self).cmp(&end_key(other)))
    }
}

impl core::fmt::Display for Period {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let text = match self.end {
            Some(e) if e == self.start => self.start.to_string(),
            Some(e) => format!("{}–{}", self.start, e),
            None => format!("{}–", self.start),
        };
        f.pad(&text)
    }
}

/// A land area in square kilometres (km²): finite and not negative.
///
/// # Ordering
///
/// `PartialOrd` by size. (`Eq`/`Ord` are not implemented: the value is a
/// float, though never NaN.)
///
/// # Source
///
/// The talk gives areas in "sq. Km" (atlas source `qiao-talk`).
///
/// # Example
///
/// ```
/// use regdev::Area;
///
/// let shunde = Area::new(806.5)?;
/// assert_eq!(shunde.km2(), 806.5);
/// assert_eq!(shunde.to_string(), "806.5 km²");
/// assert!(Area::new(f64::NAN).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Area(f64);

impl Area {
    /// An area of `km2` square kilometres.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] for NaN or infinities, [`Error::Negative`] for
    /// values below zero.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Area::new(-3.0).is_err());
    /// ```
    pub fn new(km2: f64) -> Result<Area, Error> {
        finite_non_negative("area", km2).map(Area)
    }

    /// The area in square kilometres.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Area::new(927.68)?.km2(), 927.68);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn km2(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Area {
    type Error = Error;
    fn try_from(v: f64) -> Result<Area, Error> {
        Area::new(v)
    }
}

impl From<Area> for f64 {
    fn from(a: Area) -> f64 {
        a.0
    }
}

impl core::fmt::Display for Area {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(&format!("{} km²", self.0))
    }
}

/// A number of persons.
///
/// A whole, non-negative count, so it cannot be NaN, infinite or negative.
/// Inputs arriving as floats go through [`Population::from_f64`], which
/// rejects those and fractions.
///
/// Formats whose integers are signed 64-bit (TOML) cannot write a
/// population above `i64::MAX` (9.2 × 10¹⁸); serializing one fails with
/// the format's error. JSON and binary formats take the full `u64` range.
///
/// # Ordering
///
/// By count.
///
/// # Serialization
///
/// A plain integer. Deserializing also accepts a whole float (`1.6e6`), as
/// [`Population::from_f64`] does, and rejects NaN, infinities, negatives
/// and fractions with that function's typed messages
/// (`population must not be negative, got -5`).
///
/// # Source
///
/// The talk gives populations in millions ("1.6 million"; atlas source
/// `qiao-talk`).
///
/// # Example
///
/// ```
/// use regdev::Population;
///
/// let shunde = Population::new(2_460_000);
/// assert_eq!(shunde.get(), 2_460_000);
/// assert_eq!(shunde.to_string(), "2460000 persons");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Population(u64);

impl Population {
    /// A population of `persons`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Population::new(5).get(), 5);
    /// ```
    #[must_use]
    pub const fn new(persons: u64) -> Population {
        Population(persons)
    }

    /// A population from a float count, as read from spreadsheets.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] for NaN or infinities, [`Error::Negative`] below
    /// zero, [`Error::NotWhole`] for a fraction or a count above `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Population;
    /// assert_eq!(Population::from_f64(1.6e6)?.get(), 1_600_000);
    /// assert!(Population::from_f64(-1.0).is_err());
    /// assert!(Population::from_f64(1.5).is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn from_f64(persons: f64) -> Result<Population, Error> {
        let v = finite_non_negative("population", persons)?;
        // 2^64 as f64; every float below it converts exactly when whole.
        if v.fract() != 0.0 || v >= 18_446_744_073_709_551_616.0 {
            return Err(Error::NotWhole { quantity: "population", unit: "persons", max: u64::MAX, value: persons });
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(Population(v as u64))
    }

    /// The number of persons.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Population::new(1_600_000).get(), 1_600_000);
    /// ```
    #[must_use]
    pub const fn get(self) -> u64 {
        self.0
    }

    /// Persons per square kilometre.
    ///
    /// # Errors
    ///
    /// [`Error::DivisionByZero`] if the area is zero.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Area, Population};
    /// let d = Population::new(2_460_000).density(Area::new(806.5)?)?;
    /// assert_eq!(d.round(), 3050.0);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn density(self, area: Area) -> Result<f64, Error> {
        if area.km2() == 0.0 {
            return Err(Error::DivisionByZero { what: "population density", divisor: "area" });
        }
        #[allow(clippy::cast_precision_loss)]
        Ok(self.0 as f64 / area.km2())
    }
}

impl<'de> Deserialize<'de> for Population {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Population, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Population;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a whole, non-negative number of persons")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Population, E> {
                Ok(Population(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Population, E> {
                u64::try_from(v).map(Population).map_err(|_| {
                    #[allow(clippy::cast_precision_loss)]
                    E::custom(Error::Negative { quantity: "population", value: v as f64 })
                })
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Population, E> {
                Population::from_f64(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_u64(Visitor)
    }
}

impl core::fmt::Display for Population {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(&format!("{} persons", self.0))
    }
}

/// A share of a whole, from 0 to 1: a town's share of the national or world
/// market for its product.
///
/// # Serialization
///
/// A plain number between 0 and 1 (`0.3`, not `30`).
///
/// # Example
///
/// ```
/// use regdev::Share;
/// assert_eq!(Share::new(0.3)?.get(), 0.3);
/// assert_eq!(Share::new(1.5).unwrap_err().to_string(), "share must be between 0 and 1, got 1.5");
/// assert!(Share::new(-0.1).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Share(f64);

impl Share {
    /// A share of `fraction` (0 to 1).
    ///
    /// # Errors
    ///
    /// [`Error::ShareOutOfRange`] for NaN, infinities, or values outside
    /// `0..=1`.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Share::new(1.0).is_ok());
    /// assert!(regdev::Share::new(f64::NAN).is_err());
    /// ```
    pub fn new(fraction: f64) -> Result<Share, Error> {
        if fraction.is_finite() && (0.0..=1.0).contains(&fraction) {
            Ok(Share(fraction + 0.0))
        } else {
            Err(Error::ShareOutOfRange { quantity: "share", value: fraction })
        }
    }

    /// The share as a fraction of 1.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Share::new(0.25)?.get(), 0.25);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Share {
    type Error = Error;
    fn try_from(v: f64) -> Result<Share, Error> {
        Share::new(v)
    }
}

impl From<Share> for f64 {
    fn from(s: Share) -> f64 {
        s.0
    }
}

impl core::fmt::Display for Share {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(&format!("share {}", self.0))
    }
}

vocabulary! {
    /// A currency, by its ISO 4217 code.
    ///
    /// `#[non_exhaustive]`: more currencies are added as case data needs
    /// them.
    ///
    /// # Source
    ///
    /// ISO 4217. The talk reports money in yuan (CNY) and US dollars; Hong
    /// Kong, Taiwan and Germany are the investment origins in its stories.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Currency;
    ///
    /// assert_eq!("usd".parse::<Currency>()?, Currency::Usd);
    /// assert_eq!("US dollar".parse::<Currency>()?, Currency::Usd);
    /// assert_eq!(Currency::Cny.code(), "CNY");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[non_exhaustive]
    pub enum Currency as "currency" {
        /// Chinese yuan renminbi.
        Cny = ("cny", "Chinese yuan"),
        /// United States dollar.
        Usd = ("usd", "US dollar"),
        /// Hong Kong dollar.
        Hkd = ("hkd", "Hong Kong dollar"),
        /// New Taiwan dollar.
        Twd = ("twd", "New Taiwan dollar"),
        /// Euro.
        Eur = ("eur", "Euro"),
    }
}

impl Currency {
    /// The ISO 4217 code in upper case.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Currency::Hkd.code(), "HKD");
    /// ```
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
            Currency::Hkd => "HKD",
            Currency::Twd => "TWD",
            Currency::Eur => "EUR",
        }
    }
}

/// An amount of money in a [`Currency`]: finite and not negative.
///
/// Amounts are in units of the currency (yuan, dollars), not thousands or
/// billions: the talk's "292 billion yuan" is `Money::new(292e9, Cny)`.
/// Nominal values; no deflation is applied anywhere in the crate.
///
/// # Example
///
/// ```
/// use regdev::{Currency, Money};
///
/// let gdp = Money::new(254e9, Currency::Cny)?;
/// assert_eq!(gdp.to_string(), "254000000000 CNY");
/// assert!(Money::new(f64::INFINITY, Currency::Cny).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawMoney", into = "RawMoney")]
pub struct Money {
    amount: f64,
    currency: Currency,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RawMoney {
    amount: f64,
    currency: Currency,
}

impl TryFrom<RawMoney> for Money {
    type Error = Error;
    fn try_from(r: RawMoney) -> Result<Money, Error> {
        Money::new(r.amount, r.currency)
    }
}

impl From<Money> for RawMoney {
    fn from(m: Money) -> RawMoney {
        RawMoney { amount: m.amount, currency: m.currency }
    }
}

impl Money {
    /// `amount` units of `currency`.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] for NaN or infinities, [`Error::Negative`] below
    /// zero.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Money};
    /// assert!(Money::new(-1.0, Currency::Usd).is_err());
    /// ```
    pub fn new(amount: f64, currency: Currency) -> Result<Money, Error> {
        Ok(Money { amount: finite_non_negative("money amount", amount)?, currency })
    }

    /// The amount in units of the currency.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Money};
    /// assert_eq!(Money::new(30e3, Currency::Usd)?.amount(), 30_000.0);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn amount(self) -> f64 {
        self.amount
    }

    /// The currency.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Money};
    /// assert_eq!(Money::new(1.0, Currency::Eur)?.currency(), Currency::Eur);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn currency(self) -> Currency {
        self.currency
    }

    /// This amount divided by a population: GDP per capita from GDP.
    ///
    /// # Errors
    ///
    /// [`Error::DivisionByZero`] if the population is zero.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Money, Population};
    /// let per_head = Money::new(254e9, Currency::Cny)?.per_capita(Population::new(2_460_000))?;
    /// assert_eq!(per_head.amount().round(), 103_252.0);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn per_capita(self, population: Population) -> Result<Money, Error> {
        if population.get() == 0 {
            return Err(Error::DivisionByZero { what: "per-capita amount", divisor: "population" });
        }
        #[allow(clippy::cast_precision_loss)]
        Money::new(self.amount / population.get() as f64, self.currency)
    }

    /// Converts this amount with `rate`, in either direction: an amount in
    /// the rate's `from` currency is multiplied by the rate, an amount in its
    /// `to` currency is divided by it.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if the amount is in neither of the rate's
    /// currencies.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, ExchangeRate, Money, SourceId, Year};
    ///
    /// let rate = ExchangeRate::new(Year::new(2013)?, Currency::Usd, Currency::Cny, 6.1932, SourceId::new("nbs-communique-2013")?)?;
    /// let usd = Money::new(14_000.0, Currency::Usd)?;
    /// let cny = usd.convert(&rate)?;
    /// assert_eq!(cny.currency(), Currency::Cny);
    /// assert_eq!(cny.amount().round(), 86_705.0);
    /// assert_eq!(cny.convert(&rate)?.amount().round(), 14_000.0);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn convert(self, rate: &ExchangeRate) -> Result<Money, Error> {
        if self.currency == rate.from {
            Money::new(self.amount * rate.rate, rate.to)
        } else if self.currency == rate.to {
            Money::new(self.amount / rate.rate, rate.from)
        } else {
            Err(Error::CurrencyMismatch { expected: rate.from, found: self.currency })
        }
    }
}

impl core::fmt::Display for Money {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(&format!("{} {}", self.amount, self.currency.code()))
    }
}

/// The annual average rate at which one unit of `from` buys `rate` units of
/// `to` in `year`, with its source.
///
/// # Source
///
/// The built-in rate, 6.1932 yuan per US dollar in 2013, cites the
/// statistical office that publishes it: the NBS statistical communiqué on
/// 2013 (atlas source `nbs-communique-2013`). No copy of the communiqué, or
/// of another source stating the 2013 average, could be re-read, so the
/// atlas rates that citation weak.
///
/// # Example
///
/// ```
/// use regdev::{Currency, ExchangeRate, SourceId, Year};
///
/// let r = ExchangeRate::new(Year::new(2013)?, Currency::Usd, Currency::Cny, 6.1932, SourceId::new("nbs")?)?;
/// assert_eq!(r.rate(), 6.1932);
/// assert!(ExchangeRate::new(Year::new(2013)?, Currency::Usd, Currency::Cny, 0.0, SourceId::new("nbs")?).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawExchangeRate", into = "RawExchangeRate")]
pub struct ExchangeRate {
    year: Year,
    from: Currency,
    to: Currency,
    rate: f64,
    source: SourceId,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RawExchangeRate {
    year: Year,
    from: Currency,
    to: Currency,
    rate: f64,
    source: SourceId,
}

impl TryFrom<RawExchangeRate> for ExchangeRate {
    type Error = Error;
    fn try_from(r: RawExchangeRate) -> Result<ExchangeRate, Error> {
        ExchangeRate::new(r.year, r.from, r.to, r.rate, r.source)
    }
}

impl From<ExchangeRate> for RawExchangeRate {
    fn from(r: ExchangeRate) -> RawExchangeRate {
        RawExchangeRate { year: r.year, from: r.from, to: r.to, rate: r.rate, source: r.source }
    }
}

impl ExchangeRate {
    /// A rate: one `from` buys `rate` units of `to` in `year`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRate`] if `rate` is not finite or not above zero;
    /// [`Error::SameCurrency`] if `from` and `to` are the same currency.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, ExchangeRate, SourceId, Year};
    /// let same = ExchangeRate::new(Year::new(2013)?, Currency::Cny, Currency::Cny, 1.0, SourceId::new("x")?);
    /// assert!(same.is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(year: Year, from: Currency, to: Currency, rate: f64, source: SourceId) -> Result<ExchangeRate, Error> {
        if !(rate.is_finite() && rate > 0.0) {
            return Err(Error::InvalidRate { rate });
        }
        if from == to {
            return Err(Error::SameCurrency { currency: from });
        }
        Ok(ExchangeRate { year, from, to, rate, source })
    }

    /// The year the rate is an average of.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Currency, ExchangeRate, SourceId, Year};
    /// # let r = ExchangeRate::new(Year::new(2013)?, Currency::Usd, Currency::Cny, 6.1932, SourceId::new("nbs")?)?;
    /// assert_eq!(r.year().get(), 2013);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn year(&self) -> Year {
        self.year
    }

    /// The currency being bought with.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Currency, ExchangeRate, SourceId, Year};
    /// # let r = ExchangeRate::new(Year::new(2013)?, Currency::Usd, Currency::Cny, 6.1932, SourceId::new("nbs")?)?;
    /// assert_eq!(r.from(), Currency::Usd);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn from(&self) -> Currency {
        self.from
    }

    /// The currency being bought.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Currency, ExchangeRate, SourceId, Year};
    /// # let r = ExchangeRate::new(Year::new(2013)?, Currency::Usd, Currency::Cny, 6.1932, SourceId::new("nbs")?)?;
    /// assert_eq!(r.to(), Currency::Cny);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn to(&self) -> Currency {
        self.to
    }

    /// Units of `to` per unit of `from`.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Currency, ExchangeRate, SourceId, Year};
    /// # let r = ExchangeRate::new(Year::new(2013)?, Currency::Usd, Currency::Cny, 6.1932, SourceId::new("nbs")?)?;
    /// assert_eq!(r.rate(), 6.1932);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn rate(&self) -> f64 {
        self.rate
    }

    /// The source of the rate.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Currency, ExchangeRate, SourceId, Year};
    /// # let r = ExchangeRate::new(Year::new(2013)?, Currency::Usd, Currency::Cny, 6.1932, SourceId::new("nbs")?)?;
    /// assert_eq!(r.source().as_str(), "nbs");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn source(&self) -> &SourceId {
        &self.source
    }

    /// Whether this rate converts between `a` and `b`, in either direction.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Currency, ExchangeRate, SourceId, Year};
    /// # let r = ExchangeRate::new(Year::new(2013)?, Currency::Usd, Currency::Cny, 6.1932, SourceId::new("nbs")?)?;
    /// assert!(r.converts(Currency::Cny, Currency::Usd));
    /// assert!(!r.converts(Currency::Cny, Currency::Eur));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn converts(&self, a: Currency, b: Currency) -> bool {
        (self.from == a && self.to == b) || (self.from == b && self.to == a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_rejections() {
        assert_eq!(Area::new(f64::NAN).unwrap_err().to_string(), "area must be a finite number, got NaN");
        assert_eq!(Area::new(f64::INFINITY).unwrap_err().to_string(), "area must be a finite number, got inf");
        assert_eq!(Area::new(-0.5).unwrap_err().to_string(), "area must not be negative, got -0.5");
        assert_eq!(Area::new(-0.0).unwrap().km2().to_bits(), 0.0f64.to_bits());
        assert_eq!(
            Money::new(f64::NEG_INFINITY, Currency::Cny).unwrap_err().to_string(),
            "money amount must be a finite number, got -inf"
        );
        assert_eq!(
            Money::new(-1.0, Currency::Cny).unwrap_err().to_string(),
            "money amount must not be negative, got -1"
        );
        assert_eq!(Year::new(1799).unwrap_err().to_string(), "year 1799 is outside the plausible range 1800..=2100");
        assert_eq!(Year::new(2101).unwrap_err().to_string(), "year 2101 is outside the plausible range 1800..=2100");
        assert!(Year::new(1800).is_ok() && Year::new(2100).is_ok());
        let (a, b) = (Year::new(1990).unwrap(), Year::new(1980).unwrap());
        assert_eq!(Period::new(a, Some(b)).unwrap_err().to_string(), "period ends in 1980 before it starts in 1990");
        assert!(Period::new(a, Some(a)).is_ok());
        let src = SourceId::new("s").unwrap();
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                ExchangeRate::new(a, Currency::Usd, Currency::Cny, bad, src.clone()),
                Err(Error::InvalidRate { .. })
            ));
        }
        assert_eq!(
            ExchangeRate::new(a, Currency::Usd, Currency::Cny, -2.0, src).unwrap_err().to_string(),
            "exchange rate must be a finite number greater than zero, got -2"
        );
        assert_eq!(
            Population::new(0).density(Area::new(0.0).unwrap()).unwrap_err().to_string(),
            "cannot compute population density: area is zero"
        );
        assert!(Money::new(1.0, Currency::Cny).unwrap().per_capita(Population::new(0)).is_err());
        assert!(Population::from_f64(f64::NAN).is_err());
        assert!(Population::from_f64(1e20).is_err());
    }

    #[test]
    fn convert_rejects_foreign_currency() {
        let rate =
            ExchangeRate::new(Year::new(2013).unwrap(), Currency::Usd, Currency::Cny, 6.0, SourceId::new("s").unwrap())
                .unwrap();
        let eur = Money::new(1.0, Currency::Eur).unwrap();
        assert_eq!(eur.convert(&rate).unwrap_err().to_string(), "currency mismatch: expected US dollar, found Euro");
    }

    #[test]
    fn period_order_and_display() {
        let y = |n| Year::new(n).unwrap();
        let open = Period::new(y(1990), None).unwrap();
        let closed = Period::new(y(1990), Some(y(2000))).unwrap();
        assert!(closed < open);
        assert_eq!(format!("{:>8}", Period::new(y(2000), Some(y(2000))).unwrap()), "    2000");
        assert_eq!(open.to_string(), "1990–");
    }
}
