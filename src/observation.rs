//! Observations: every measured fact about a town is a list of
//! [`Observation`]s of an [`Indicator`], each with a value in the
//! indicator's [`Unit`], a year or period, a [`Qualifier`] (`exact`,
//! `approximate`, `at_least`, `at_most`), an optional [`ObservationKind`]
//! (resident, registered or migrant population; total, land or built-up
//! area; the ownership of counted firms; a national or world market) and a
//! source.

use serde::{Deserialize, Serialize};

use crate::macros::vocabulary;
use crate::{Area, Error, Money, Period, Population, Share, SourceId, Year};

vocabulary! {
    /// What an observation measures.
    ///
    /// Each indicator has one [`Unit`] ([`Indicator::unit`]) and a set of
    /// kinds it may be broken down by ([`Indicator::kinds`]).
    ///
    /// # Source
    ///
    /// The measures the sources of the built-in atlas report, among them: area,
    /// population, GDP and GDP per capita (the talk's key facts, atlas source
    /// `qiao-talk`); a town's resident population and GDP (Guangdong local
    /// chronicles office on Chencun, `dfz-gd-chencun`); numbers of
    /// foreign-invested firms and their investment (People's Daily 2000 on
    /// Taiwanese businesses in Kunshan, `peoples-daily-2000-taiwan`); shares of
    /// industrial output (South China Morning Post 1999 on Shunde,
    /// `scmp-1999-shunde`); a cluster's share of world production (Xinhua 2012
    /// on Kunshan's laptops, `xinhua-2012-kunshan`). The indicators gross
    /// industrial output value (工业总产值), exports and utilised foreign direct
    /// investment (实际利用外资) are for data of your own: no built-in source reports
    /// them yet.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, Unit};
    /// assert_eq!(Indicator::Exports.unit(), Unit::Money);
    /// assert_eq!("utilised_fdi".parse::<Indicator>()?, Indicator::UtilisedFdi);
    /// assert!("gdp_growth".parse::<Indicator>().is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum Indicator as "indicator" {
        /// Area, in km² (kinds: total, land, built-up).
        Area = ("area", "Area"),
        /// Population, in persons (kinds: resident, registered, migrant).
        Population = ("population", "Population"),
        /// Gross domestic product, nominal.
        Gdp = ("gdp", "GDP"),
        /// GDP per head, as the source states it.
        GdpPerCapita = ("gdp_per_capita", "GDP per capita"),
        /// Gross industrial output value (工业总产值).
        IndustrialOutput = ("industrial_output", "Gross industrial output value"),
        /// Exports.
        Exports = ("exports", "Exports"),
        /// Utilised foreign direct investment (实际利用外资).
        UtilisedFdi = ("utilised_fdi", "Utilised foreign direct investment"),
        /// Number of firms (kinds: the ownership of the firms counted).
        Firms = ("firms", "Number of firms"),
        /// Sales of a specialised product (optionally naming the product).
        ProductSales = ("product_sales", "Sales of a specialised product"),
        /// Share of the market for a product, 0 to 1 (kinds: national, world).
        MarketShare = ("market_share", "Market share"),
    }
}

vocabulary! {
    /// The unit an [`Indicator`] is measured in.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Unit;
    /// assert_eq!(Unit::SquareKilometres.to_string(), "km²");
    /// ```
    pub enum Unit as "unit" {
        /// An amount of money in a [`Currency`](crate::Currency).
        Money = ("money", "money"),
        /// A whole number of persons.
        Persons = ("persons", "persons"),
        /// A whole number of things (firms).
        Count = ("count", "count"),
        /// A fraction from 0 to 1.
        Share = ("share", "share"),
        /// Square kilometres.
        SquareKilometres = ("km2", "km²"),
    }
}

vocabulary! {
    /// What part of an indicator an observation measures: the kind of
    /// population or area, the ownership of the firms counted, or the
    /// market a share is of.
    ///
    /// # Source
    ///
    /// Chinese statistics distinguish resident (常住), registered (户籍) and
    /// migrant (外来) population, and total (行政区域), land and built-up
    /// (建成区) area; case studies count firms by ownership (foreign-invested,
    /// private, collective, state-owned) and give national or world market
    /// shares.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, ObservationKind};
    /// assert!(Indicator::Population.kinds().contains(&ObservationKind::Migrant));
    /// assert!(!Indicator::Area.kinds().contains(&ObservationKind::Migrant));
    /// ```
    pub enum ObservationKind as "observation kind" {
        /// Resident population (常住人口).
        Resident = ("resident", "Resident"),
        /// Registered (hukou) population (户籍人口).
        Registered = ("registered", "Registered"),
        /// Migrant population (外来人口).
        Migrant = ("migrant", "Migrant"),
        /// Total administrative area.
        Total = ("total", "Total"),
        /// Land area.
        Land = ("land", "Land"),
        /// Built-up area (建成区).
        BuiltUp = ("built_up", "Built-up"),
        /// Foreign-invested firms (incl. Hong Kong, Macao and Taiwan).
        ForeignInvested = ("foreign_invested", "Foreign-invested"),
        /// Private and household firms.
        Private = ("private", "Private"),
        /// Collective firms (township and village enterprises).
        Collective = ("collective", "Collective"),
        /// State-owned firms.
        StateOwned = ("state_owned", "State-owned"),
        /// The national market.
        National = ("national", "National"),
        /// The world market.
        World = ("world", "World"),
    }
}

vocabulary! {
    /// How exactly a source states a value.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Qualifier;
    /// assert_eq!("over".parse::<Qualifier>().is_err(), true);
    /// assert_eq!(Qualifier::AtLeast.to_string(), "At least");
    /// ```
    pub enum Qualifier as "qualifier" {
        /// The value as stated (the default).
        Exact = ("exact", "Exact"),
        /// "About", "some": a rounded or estimated value.
        Approximate = ("approximate", "Approximate"),
        /// "Over", "more than": a lower bound.
        AtLeast = ("at_least", "At least"),
        /// "Under", "up to": an upper bound.
        AtMost = ("at_most", "At most"),
    }
}

impl Indicator {
    /// The unit the indicator is measured in.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, Unit};
    /// assert_eq!(Indicator::Firms.unit(), Unit::Count);
    /// assert_eq!(Indicator::MarketShare.unit(), Unit::Share);
    /// ```
    #[must_use]
    pub const fn unit(self) -> Unit {
        match self {
            Indicator::Area => Unit::SquareKilometres,
            Indicator::Population => Unit::Persons,
            Indicator::Gdp
            | Indicator::GdpPerCapita
            | Indicator::IndustrialOutput
            | Indicator::Exports
            | Indicator::UtilisedFdi
            | Indicator::ProductSales => Unit::Money,
            Indicator::Firms => Unit::Count,
            Indicator::MarketShare => Unit::Share,
        }
    }

    /// The kinds an observation of this indicator may carry; empty when it
    /// takes none.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, ObservationKind};
    /// assert_eq!(Indicator::MarketShare.kinds(), [ObservationKind::National, ObservationKind::World]);
    /// assert!(Indicator::Gdp.kinds().is_empty());
    /// ```
    #[must_use]
    pub const fn kinds(self) -> &'static [ObservationKind] {
        use ObservationKind as K;
        match self {
            Indicator::Population => &[K::Resident, K::Registered, K::Migrant],
            Indicator::Area => &[K::Total, K::Land, K::BuiltUp],
            Indicator::Firms => &[K::ForeignInvested, K::Private, K::Collective, K::StateOwned],
            Indicator::MarketShare => &[K::National, K::World],
            _ => &[],
        }
    }

    /// The kind a selection without an explicit kind stands for, besides
    /// observations of unstated kind: resident population, total area.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, ObservationKind};
    /// assert_eq!(Indicator::Population.default_kind(), Some(ObservationKind::Resident));
    /// assert_eq!(Indicator::Firms.default_kind(), None);
    /// ```
    #[must_use]
    pub const fn default_kind(self) -> Option<ObservationKind> {
        match self {
            Indicator::Population => Some(ObservationKind::Resident),
            Indicator::Area => Some(ObservationKind::Total),
            _ => None,
        }
    }

    /// Whether an observation of this indicator may name a product.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Indicator::ProductSales.takes_product());
    /// assert!(!regdev::Indicator::Gdp.takes_product());
    /// ```
    #[must_use]
    pub const fn takes_product(self) -> bool {
        matches!(self, Indicator::ProductSales | Indicator::MarketShare)
    }
}

/// A value in one of the [`Unit`]s.
///
/// # Example
///
/// ```
/// use regdev::{Population, Quantity, Unit};
/// let q = Quantity::from(Population::new(5));
/// assert_eq!(q.unit(), Unit::Persons);
/// assert_eq!(q.as_population(), Some(Population::new(5)));
/// assert_eq!(q.as_money(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quantity {
    /// An amount of money.
    Money(Money),
    /// A number of persons.
    Persons(Population),
    /// A number of things.
    Count(u64),
    /// A share from 0 to 1.
    Share(Share),
    /// An area.
    Area(Area),
}

impl Quantity {
    /// The quantity's unit.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Quantity::Count(3).unit(), regdev::Unit::Count);
    /// ```
    #[must_use]
    pub const fn unit(self) -> Unit {
        match self {
            Quantity::Money(_) => Unit::Money,
            Quantity::Persons(_) => Unit::Persons,
            Quantity::Count(_) => Unit::Count,
            Quantity::Share(_) => Unit::Share,
            Quantity::Area(_) => Unit::SquareKilometres,
        }
    }

    /// The money, if the quantity is money.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Money, Quantity};
    /// assert!(Quantity::from(Money::new(1.0, Currency::Cny)?).as_money().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn as_money(self) -> Option<Money> {
        if let Quantity::Money(m) = self { Some(m) } else { None }
    }

    /// The population, if the quantity is persons.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Quantity::Count(3).as_population(), None);
    /// ```
    #[must_use]
    pub const fn as_population(self) -> Option<Population> {
        if let Quantity::Persons(p) = self { Some(p) } else { None }
    }

    /// The count, if the quantity is a count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Quantity::Count(3).as_count(), Some(3));
    /// ```
    #[must_use]
    pub const fn as_count(self) -> Option<u64> {
        if let Quantity::Count(c) = self { Some(c) } else { None }
    }

    /// The share, if the quantity is a share.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Quantity, Share};
    /// assert_eq!(Quantity::from(Share::new(0.5)?).as_share().map(Share::get), Some(0.5));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn as_share(self) -> Option<Share> {
        if let Quantity::Share(s) = self { Some(s) } else { None }
    }

    /// The area, if the quantity is an area.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Area, Quantity};
    /// assert_eq!(Quantity::from(Area::new(2.0)?).as_area().map(Area::km2), Some(2.0));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn as_area(self) -> Option<Area> {
        if let Quantity::Area(a) = self { Some(a) } else { None }
    }

    /// The value as a plain number (money: its amount), for ranges and
    /// distances.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Quantity::Count(3).number(), 3.0);
    /// ```
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub const fn number(self) -> f64 {
        match self {
            Quantity::Money(m) => m.amount(),
            Quantity::Persons(p) => p.get() as f64,
            Quantity::Count(c) => c as f64,
            Quantity::Share(s) => s.get(),
            Quantity::Area(a) => a.km2(),
        }
    }
}

impl From<Money> for Quantity {
    fn from(m: Money) -> Quantity {
        Quantity::Money(m)
    }
}

impl From<Population> for Quantity {
    fn from(p: Population) -> Quantity {
        Quantity::Persons(p)
    }
}

impl From<Share> for Quantity {
    fn from(s: Share) -> Quantity {
        Quantity::Share(s)
    }
}

impl From<Area> for Quantity {
    fn from(a: Area) -> Quantity {
        Quantity::Area(a)
    }
}

impl core::fmt::Display for Quantity {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Quantity::Money(m) => m.fmt(f),
            Quantity::Persons(p) => p.fmt(f),
            Quantity::Count(c) => f.pad(&c.to_string()),
            Quantity::Share(s) => s.fmt(f),
            Quantity::Area(a) => a.fmt(f),
        }
    }
}

/// One sourced value of an [`Indicator`]: the value in the indicator's unit,
/// its year or period, its kind, a qualifier, an optional product and the
/// source.
///
/// Observations: every measured fact about a town is a list of
/// [`Observation`]s of an [`Indicator`], each with a value in the
/// indicator's [`Unit`], a year or period, a [`Qualifier`] (`exact`,
/// `approximate`, `at_least`, `at_most`), an optional [`ObservationKind`]
/// (resident, registered or migrant population; total, land or built-up
/// area; the ownership of counted firms; a national or world market) and a
/// source.
///
/// Several observations of one indicator may coexist: several years, several
/// kinds, several sources that disagree. Nothing averages them. A
/// [`Selection`] picks one, by a rule stated up front: [`Selection::latest`],
/// [`Selection::as_of`], [`Selection::in_year`], optionally
/// [`Selection::exact_only`] and [`Selection::kind`].
///
/// # Invariants
///
/// Checked by every constructor and setter and on deserialization: the
/// value is in the indicator's unit ([`Error::WrongUnit`]); the kind, if
/// any, is one of [`Indicator::kinds`] ([`Error::KindMismatch`]); a product
/// only on [`Indicator::takes_product`] indicators
/// ([`Error::ProductNotAllowed`]); a year or a period, not both
/// ([`Error::YearAndPeriod`]; the setters replace one with the other).
///
/// # Serialization
///
/// Inside [`KeyFacts`](crate::KeyFacts), under its indicator's key:
/// `{"value": …, "kind": …, "qualifier": …, "year": …, "period": {…},
/// "product": …, "source": …}`; only `value` and `source` are required,
/// `qualifier` defaults to `exact`. Money values are `{"amount", "currency"}`
/// objects, every other unit a plain number.
///
/// # Example
///
/// ```
/// use regdev::{Currency, Error, Indicator, Money, Observation, Population, Share, SourceId};
/// let s = SourceId::new("s")?;
/// let exports = Observation::new(Indicator::Exports, Money::new(5e9, Currency::Usd)?, s.clone())?;
/// assert_eq!(exports.indicator(), Indicator::Exports);
/// let wrong = Observation::new(Indicator::Exports, Population::new(5), s.clone()).unwrap_err();
/// assert_eq!(wrong.to_string(), "exports is measured in money, got persons");
/// assert!(matches!(Observation::new(Indicator::MarketShare, Share::new(0.4)?, s)?.value().as_share(), Some(_)));
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    indicator: Indicator,
    value: Quantity,
    kind: Option<ObservationKind>,
    qualifier: Qualifier,
    year: Option<Year>,
    period: Option<Period>,
    product: Option<String>,
    source: SourceId,
}

impl Observation {
    /// An exact, undated observation of `indicator`.
    ///
    /// # Errors
    ///
    /// [`Error::WrongUnit`] if `value` is not in the indicator's unit.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Area, Indicator, Observation, SourceId};
    /// let o = Observation::new(Indicator::Area, Area::new(78.0)?, SourceId::new("s")?)?;
    /// assert_eq!(o.value().as_area().map(|a| a.km2()), Some(78.0));
    /// assert!(Observation::new(Indicator::Gdp, Area::new(1.0)?, SourceId::new("s")?).is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(indicator: Indicator, value: impl Into<Quantity>, source: SourceId) -> Result<Observation, Error> {
        let value = value.into();
        if value.unit() != indicator.unit() {
            return Err(Error::WrongUnit { indicator, expected: indicator.unit(), found: value.unit().label() });
        }
        Ok(Observation {
            indicator,
            value,
            kind: None,
            qualifier: Qualifier::Exact,
            year: None,
            period: None,
            product: None,
            source,
        })
    }

    /// An exact area observation of unstated kind, from a format-1 style
    /// [`Observed`](crate::Observed) area.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Area, Observation, Observed, SourceId, Year};
    /// let o = Observation::area(Observed::new(Area::new(806.5)?, SourceId::new("s")?).with_year(Year::new(2013)?));
    /// assert_eq!(o.year(), Some(Year::new(2013)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn area(observed: crate::Observed<Area>) -> Observation {
        Observation::from_observed(Indicator::Area, observed.map(Quantity::Area))
    }

    /// An exact population observation of unstated kind, from a format-1
    /// style [`Observed`](crate::Observed) population.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Observation, Observed, Population, SourceId};
    /// let o = Observation::population(Observed::new(Population::new(9), SourceId::new("s")?));
    /// assert_eq!(o.kind(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn population(observed: crate::Observed<Population>) -> Observation {
        Observation::from_observed(Indicator::Population, observed.map(Quantity::Persons))
    }

    /// An exact money observation of a money indicator (the builder's GDP
    /// and GDP per capita); the caller guarantees the unit.
    pub(crate) fn money(indicator: Indicator, observed: crate::Observed<Money>) -> Observation {
        debug_assert_eq!(indicator.unit(), Unit::Money);
        Observation::from_observed(indicator, observed.map(Quantity::Money))
    }

    fn from_observed(indicator: Indicator, o: crate::Observed<Quantity>) -> Observation {
        Observation {
            indicator,
            value: *o.value(),
            kind: None,
            qualifier: Qualifier::Exact,
            year: o.year(),
            period: None,
            product: None,
            source: o.source().clone(),
        }
    }

    /// A count of firms (of an ownership kind set with
    /// [`Observation::with_kind`]).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Observation, ObservationKind, SourceId};
    /// let o = Observation::firms(1_200, SourceId::new("s")?).with_kind(ObservationKind::Private)?;
    /// assert_eq!(o.value().as_count(), Some(1_200));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn firms(count: u64, source: SourceId) -> Observation {
        Observation {
            indicator: Indicator::Firms,
            value: Quantity::Count(count),
            kind: None,
            qualifier: Qualifier::Exact,
            year: None,
            period: None,
            product: None,
            source,
        }
    }

    /// Sets the kind.
    ///
    /// # Errors
    ///
    /// [`Error::KindMismatch`] if the indicator does not take `kind`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, Observation, ObservationKind, Population, SourceId};
    /// let o = Observation::new(Indicator::Population, Population::new(9), SourceId::new("s")?)?;
    /// assert!(o.clone().with_kind(ObservationKind::Migrant).is_ok());
    /// assert_eq!(
    ///     o.with_kind(ObservationKind::World).unwrap_err().to_string(),
    ///     "kind 'world' does not apply to population, expected one of: resident, registered, migrant",
    /// );
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn with_kind(mut self, kind: ObservationKind) -> Result<Observation, Error> {
        if !self.indicator.kinds().contains(&kind) {
            let expected = self.indicator.kinds().iter().map(|k| k.id()).collect::<Vec<_>>().join(", ");
            return Err(Error::KindMismatch { indicator: self.indicator, kind, expected });
        }
        self.kind = Some(kind);
        Ok(self)
    }

    /// Sets the qualifier.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, Observation, Population, Qualifier, SourceId};
    /// let o = Observation::new(Indicator::Population, Population::new(70_000), SourceId::new("s")?)?.with_qualifier(Qualifier::Approximate);
    /// assert_eq!(o.qualifier(), Qualifier::Approximate);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_qualifier(mut self, qualifier: Qualifier) -> Observation {
        self.qualifier = qualifier;
        self
    }

    /// Dates the observation to one year (replacing any period).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, Observation, Population, SourceId, Year};
    /// let o = Observation::new(Indicator::Population, Population::new(1), SourceId::new("s")?)?.with_year(Year::new(2010)?);
    /// assert_eq!(o.year(), Some(Year::new(2010)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_year(mut self, year: Year) -> Observation {
        self.year = Some(year);
        self.period = None;
        self
    }

    /// Dates the observation to a period, e.g. exports summed over
    /// 2011–2015 (replacing any year).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Indicator, Money, Observation, Period, SourceId, Year};
    /// let p = Period::new(Year::new(2011)?, Some(Year::new(2015)?))?;
    /// let o = Observation::new(Indicator::Exports, Money::new(1e9, Currency::Usd)?, SourceId::new("s")?)?.with_period(p);
    /// assert_eq!(o.reference_year(), Some(Year::new(2015)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_period(mut self, period: Period) -> Observation {
        self.period = Some(period);
        self.year = None;
        self
    }

    /// Names the product (sales of, or market share in, one product).
    ///
    /// # Errors
    ///
    /// [`Error::ProductNotAllowed`] unless the indicator
    /// [takes a product](Indicator::takes_product); [`Error::EmptyText`]
    /// for an empty product.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, Observation, ObservationKind, Share, SourceId};
    /// let o = Observation::new(Indicator::MarketShare, Share::new(0.6)?, SourceId::new("s")?)?
    ///     .with_kind(ObservationKind::World)?
    ///     .with_product("buttons")?;
    /// assert_eq!(o.product(), Some("buttons"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn with_product(mut self, product: impl AsRef<str>) -> Result<Observation, Error> {
        if !self.indicator.takes_product() {
            return Err(Error::ProductNotAllowed { indicator: self.indicator });
        }
        let p = product.as_ref().trim();
        if p.is_empty() {
            return Err(Error::EmptyText { field: "product" });
        }
        self.product = Some(p.to_owned());
        Ok(self)
    }

    /// The indicator.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, Observation, SourceId};
    /// assert_eq!(Observation::firms(3, SourceId::new("s")?).indicator(), Indicator::Firms);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn indicator(&self) -> Indicator {
        self.indicator
    }

    /// The value, in the indicator's unit.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Observation, SourceId};
    /// assert_eq!(Observation::firms(3, SourceId::new("s")?).value().as_count(), Some(3));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> Quantity {
        self.value
    }

    /// The kind, if stated.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Observation, SourceId};
    /// assert_eq!(Observation::firms(3, SourceId::new("s")?).kind(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> Option<ObservationKind> {
        self.kind
    }

    /// The qualifier.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Observation, Qualifier, SourceId};
    /// assert_eq!(Observation::firms(3, SourceId::new("s")?).qualifier(), Qualifier::Exact);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }

    /// The year, if the observation is dated to one.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Observation, SourceId};
    /// assert_eq!(Observation::firms(3, SourceId::new("s")?).year(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn year(&self) -> Option<Year> {
        self.year
    }

    /// The period, if the observation is dated to one.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Observation, SourceId};
    /// assert_eq!(Observation::firms(3, SourceId::new("s")?).period(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn period(&self) -> Option<Period> {
        self.period
    }

    /// The year the observation is compared and selected by: its year, or
    /// its period's last year (its first, for an open period).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, Observation, Period, Population, SourceId, Year};
    /// let o = Observation::new(Indicator::Population, Population::new(1), SourceId::new("s")?)?
    ///     .with_period(Period::new(Year::new(2001)?, None)?);
    /// assert_eq!(o.reference_year(), Some(Year::new(2001)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn reference_year(&self) -> Option<Year> {
        self.year.or_else(|| self.period.map(|p| p.end().unwrap_or(p.start())))
    }

    /// The product, if named.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Observation, SourceId};
    /// assert_eq!(Observation::firms(3, SourceId::new("s")?).product(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn product(&self) -> Option<&str> {
        self.product.as_deref()
    }

    /// The source.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Observation, SourceId};
    /// assert_eq!(Observation::firms(3, SourceId::new("s")?).source().as_str(), "s");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &SourceId {
        &self.source
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Latest,
    AsOf(Year),
    InYear(Year),
}

/// How to pick one observation of an indicator from several: the rule
/// every consumer states instead of averaging.
///
/// # Rule
///
/// 1. **Kind**: with [`Selection::kind`], only observations of that kind;
///    without, only observations of unstated kind or of the indicator's
///    [default kind](Indicator::default_kind) (resident population, total
///    area). Kinds are never mixed.
/// 2. **Qualifier**: with [`Selection::exact_only`], only exact values.
/// 3. **Time**: [`Selection::latest`] takes every observation,
///    [`Selection::as_of`] those whose [reference
///    year](Observation::reference_year) is at most the year,
///    [`Selection::in_year`] those dated to exactly that year (a year, or a
///    one-year period).
/// 4. Of those left, the one with the latest reference year (undated ones
///    last); among equals, an exact value before a qualified one, then the
///    first listed.
///
/// # Example
///
/// ```
/// use regdev::{Indicator, KeyFacts, Observation, Population, Selection, SourceId, Year};
/// let s = SourceId::new("s")?;
/// let mut f = KeyFacts::default();
/// for (y, p) in [(2000, 100), (2010, 200)] {
///     f.push(Observation::new(Indicator::Population, Population::new(p), s.clone())?.with_year(Year::new(y)?));
/// }
/// let pick = |sel| f.select(Indicator::Population, sel).and_then(|o| o.value().as_population()).map(|p| p.get());
/// assert_eq!(pick(Selection::latest()), Some(200));
/// assert_eq!(pick(Selection::as_of(Year::new(2005)?)), Some(100));
/// assert_eq!(pick(Selection::in_year(Year::new(2005)?)), None);
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    when: When,
    exact_only: bool,
    kind: Option<ObservationKind>,
}

impl Selection {
    /// The latest observation.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Selection::latest(), regdev::Selection::default());
    /// ```
    #[must_use]
    pub const fn latest() -> Selection {
        Selection { when: When::Latest, exact_only: false, kind: None }
    }

    /// The latest observation of `year` or before.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Selection, Year};
    /// assert_ne!(Selection::as_of(Year::new(2000)?), Selection::latest());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn as_of(year: Year) -> Selection {
        Selection { when: When::AsOf(year), exact_only: false, kind: None }
    }

    /// An observation of exactly `year`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Selection, Year};
    /// assert_ne!(Selection::in_year(Year::new(2000)?), Selection::as_of(Year::new(2000)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub const fn in_year(year: Year) -> Selection {
        Selection { when: When::InYear(year), exact_only: false, kind: None }
    }

    /// Only exact values (no "about", "over", "under").
    ///
    /// # Example
    ///
    /// ```
    /// assert_ne!(regdev::Selection::latest().exact_only(), regdev::Selection::latest());
    /// ```
    #[must_use]
    pub const fn exact_only(mut self) -> Selection {
        self.exact_only = true;
        self
    }

    /// Only observations of `kind`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{ObservationKind, Selection};
    /// assert_ne!(Selection::latest().kind(ObservationKind::Migrant), Selection::latest());
    /// ```
    #[must_use]
    pub const fn kind(mut self, kind: ObservationKind) -> Selection {
        self.kind = Some(kind);
        self
    }

    /// Whether `o` passes the kind, qualifier and time filters.
    fn admits(&self, o: &Observation) -> bool {
        let kind_ok = match self.kind {
            Some(k) => o.kind == Some(k),
            None => o.kind.is_none() || o.kind == o.indicator.default_kind(),
        };
        let exact_ok = !self.exact_only || o.qualifier == Qualifier::Exact;
        let time_ok = match self.when {
            When::Latest => true,
            When::AsOf(y) => o.reference_year().is_some_and(|r| r <= y),
            When::InYear(y) => o.year == Some(y) || o.period.is_some_and(|p| p.start() == y && p.end() == Some(y)),
        };
        kind_ok && exact_ok && time_ok
    }

    /// Picks one observation from `candidates` by the rule above.
    pub(crate) fn pick<'a>(&self, candidates: impl IntoIterator<Item = &'a Observation>) -> Option<&'a Observation> {
        let key = |o: &Observation| (o.reference_year(), o.qualifier == Qualifier::Exact);
        let mut best: Option<&Observation> = None;
        for o in candidates.into_iter().filter(|o| self.admits(o)) {
            if best.is_none_or(|b| key(o) > key(b)) {
                best = Some(o);
            }
        }
        best
    }
}

impl Default for Selection {
    fn default() -> Selection {
        Selection::latest()
    }
}

// ---- serde -------------------------------------------------------------

/// A value as written: a number (integer or float) or a money object. Its
/// meaning comes from the indicator it is listed under.
enum RawValue {
    UInt(u64),
    Int(i64),
    Float(f64),
    Money(Money),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<RawValue, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawValue;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a number, or money as {amount, currency}")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::UInt(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(u64::try_from(v).map_or(RawValue::Int(v), RawValue::UInt))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue::Float(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawValue, A::Error> {
                Money::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(RawValue::Money)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl RawValue {
    #[allow(clippy::cast_precision_loss)]
    fn number(&self) -> Option<f64> {
        match *self {
            RawValue::UInt(u) => Some(u as f64),
            RawValue::Int(i) => Some(i as f64),
            RawValue::Float(f) => Some(f),
            RawValue::Money(_) => None,
        }
    }

    fn into_quantity(self, indicator: Indicator) -> Result<Quantity, Error> {
        let unit = indicator.unit();
        let wrong = |found| Error::WrongUnit { indicator, expected: unit, found };
        match (unit, self) {
            (Unit::Money, RawValue::Money(m)) => Ok(Quantity::Money(m)),
            (Unit::Money, _) => Err(wrong("a plain number")),
            (_, RawValue::Money(_)) => Err(wrong("money")),
            (Unit::Persons, RawValue::UInt(u)) => Ok(Quantity::Persons(Population::new(u))),
            (Unit::Count, RawValue::UInt(u)) => Ok(Quantity::Count(u)),
            (Unit::Persons, v) => Population::from_f64(v.number().unwrap_or(f64::NAN)).map(Quantity::Persons),
            (Unit::Count, v) => whole("count", "firms", v.number().unwrap_or(f64::NAN)).map(Quantity::Count),
            (Unit::Share, v) => Share::new(v.number().unwrap_or(f64::NAN)).map(Quantity::Share),
            (Unit::SquareKilometres, v) => Area::new(v.number().unwrap_or(f64::NAN)).map(Quantity::Area),
        }
    }
}

/// A whole, non-negative count from a float.
fn whole(quantity: &'static str, counted: &'static str, v: f64) -> Result<u64, Error> {
    if !v.is_finite() {
        return Err(Error::NonFinite { quantity, value: v });
    }
    if v < 0.0 {
        return Err(Error::Negative { quantity, value: v });
    }
    // 2^64 as f64; every float below it converts exactly when whole.
    if v.fract() != 0.0 || v >= 18_446_744_073_709_551_616.0 {
        return Err(Error::NotWhole { quantity, unit: counted, max: u64::MAX, value: v });
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(v as u64)
}

/// Deserializes one entry's value in its indicator's unit, so that a
/// wrong unit is reported at `….value`.
struct ValueSeed(Indicator);

impl<'de> serde::de::DeserializeSeed<'de> for ValueSeed {
    type Value = Quantity;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Quantity, D::Error> {
        RawValue::deserialize(d)?.into_quantity(self.0).map_err(serde::de::Error::custom)
    }
}

/// Deserializes a kind and checks it applies to the indicator, so that a
/// wrong kind is reported at `….kind`.
struct KindSeed(Indicator);

impl<'de> serde::de::DeserializeSeed<'de> for KindSeed {
    type Value = ObservationKind;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<ObservationKind, D::Error> {
        let kind = ObservationKind::deserialize(d)?;
        if self.0.kinds().contains(&kind) {
            Ok(kind)
        } else {
            let expected = self.0.kinds().iter().map(|k| k.id()).collect::<Vec<_>>().join(", ");
            Err(serde::de::Error::custom(Error::KindMismatch { indicator: self.0, kind, expected }))
        }
    }
}

/// Deserializes a product name where the indicator takes one.
struct ProductSeed(Indicator);

impl<'de> serde::de::DeserializeSeed<'de> for ProductSeed {
    type Value = String;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        let text = String::deserialize(d)?;
        if !self.0.takes_product() {
            return Err(serde::de::Error::custom(Error::ProductNotAllowed { indicator: self.0 }));
        }
        let t = text.trim();
        if t.is_empty() {
            return Err(serde::de::Error::custom(Error::EmptyText { field: "product" }));
        }
        Ok(t.to_owned())
    }
}

const ENTRY_FIELDS: &[&str] = &["value", "kind", "qualifier", "year", "period", "product", "source"];

/// Reads a map key and looks it up with `find` without allocating (serde's
/// `Cow<str>` always copies the key); an unknown key comes back as its
/// text, for the error message.
pub(crate) struct KeySeed<F>(pub(crate) F);

impl<'de, T, F: FnOnce(&str) -> Option<T>> serde::de::DeserializeSeed<'de> for KeySeed<F> {
    type Value = Result<T, String>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Result<T, String>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de, T, F: FnOnce(&str) -> Option<T>> serde::de::Visitor<'de> for KeySeed<F> {
    type Value = Result<T, String>;
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Result<T, String>, E> {
        Ok((self.0)(key).ok_or_else(|| key.to_owned()))
    }
}

/// The fields of an observation entry, in [`ENTRY_FIELDS`] order.
#[derive(Clone, Copy)]
enum EntryField {
    Value,
    Kind,
    Qualifier,
    Year,
    Period,
    Product,
    Source,
}

impl EntryField {
    fn find(key: &str) -> Option<EntryField> {
        Some(match key {
            "value" => EntryField::Value,
            "kind" => EntryField::Kind,
            "qualifier" => EntryField::Qualifier,
            "year" => EntryField::Year,
            "period" => EntryField::Period,
            "product" => EntryField::Product,
            "source" => EntryField::Source,
            _ => return None,
        })
    }
}
/// Serialized form of one entry, borrowing the observation.
#[derive(Serialize)]
struct EntryRef<'a> {
    value: ValueRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<ObservationKind>,
    #[serde(skip_serializing_if = "is_exact")]
    qualifier: Qualifier,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<Year>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    product: Option<&'a str>,
    source: &'a SourceId,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_exact(q: &Qualifier) -> bool {
    *q == Qualifier::Exact
}

struct ValueRef(Quantity);

impl Serialize for ValueRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Quantity::Money(m) => m.serialize(s),
            Quantity::Persons(p) => p.serialize(s),
            Quantity::Count(c) => s.serialize_u64(c),
            Quantity::Share(x) => x.serialize(s),
            Quantity::Area(a) => a.serialize(s),
        }
    }
}

impl Observation {
    fn entry(&self) -> EntryRef<'_> {
        EntryRef {
            value: ValueRef(self.value),
            kind: self.kind,
            qualifier: self.qualifier,
            year: self.year,
            period: self.period,
            product: self.product.as_deref(),
            source: &self.source,
        }
    }
}

/// Serializes the observations of one indicator as a list of entries.
pub(crate) struct SeriesRef<'a>(pub(crate) &'a [Observation]);

impl Serialize for SeriesRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(Observation::entry))
    }
}

/// Deserializes the observations of one indicator, appending them to
/// `out`: a list of entries, or (format 1) a single entry; the value says
/// whether the format-1 shape was read.
pub(crate) struct SeriesSeed<'a> {
    pub(crate) indicator: Indicator,
    pub(crate) out: &'a mut Vec<Observation>,
}

struct EntrySeed(Indicator);

impl<'de> serde::de::DeserializeSeed<'de> for EntrySeed {
    type Value = Observation;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Observation, D::Error> {
        d.deserialize_struct("Observation", ENTRY_FIELDS, self)
    }
}

impl<'de> serde::de::Visitor<'de> for EntrySeed {
    type Value = Observation;
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "an observation of {}", self.0.id())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Observation, A::Error> {
        use serde::de::Error as _;
        let indicator = self.0;
        let (mut value, mut kind, mut qualifier, mut year, mut period, mut product, mut source) =
            (None, None, None, None, None, None, None);
        while let Some(key) = map.next_key_seed(KeySeed(EntryField::find))? {
            fn once<T, E: serde::de::Error>(slot: &mut Option<T>, v: T, name: &'static str) -> Result<(), E> {
                if slot.replace(v).is_some() { Err(E::duplicate_field(name)) } else { Ok(()) }
            }
            match key {
                Ok(EntryField::Value) => once(&mut value, map.next_value_seed(ValueSeed(indicator))?, "value")?,
                Ok(EntryField::Kind) => once(&mut kind, map.next_value_seed(KindSeed(indicator))?, "kind")?,
                Ok(EntryField::Qualifier) => once(&mut qualifier, map.next_value::<Qualifier>()?, "qualifier")?,
                Ok(EntryField::Year) => once(&mut year, map.next_value::<Year>()?, "year")?,
                Ok(EntryField::Period) => once(&mut period, map.next_value::<Period>()?, "period")?,
                Ok(EntryField::Product) => once(&mut product, map.next_value_seed(ProductSeed(indicator))?, "product")?,
                Ok(EntryField::Source) => once(&mut source, map.next_value::<SourceId>()?, "source")?,
                Err(other) => return Err(A::Error::unknown_field(&other, ENTRY_FIELDS)),
            }
        }
        let value = value.ok_or_else(|| A::Error::missing_field("value"))?;
        let source = source.ok_or_else(|| A::Error::missing_field("source"))?;
        if year.is_some() && period.is_some() {
            return Err(A::Error::custom(Error::YearAndPeriod));
        }
        Ok(Observation {
            indicator,
            value,
            kind,
            qualifier: qualifier.unwrap_or(Qualifier::Exact),
            year,
            period,
            product,
            source,
        })
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for SeriesSeed<'_> {
    type Value = bool;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for SeriesSeed<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "a list of {} observations", self.indicator.id())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while let Some(o) = seq.next_element_seed(EntrySeed(self.indicator))? {
            self.out.push(o);
        }
        Ok(false)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<bool, A::Error> {
        // Format 1: one observation, written as a single object.
        use serde::de::DeserializeSeed as _;
        let o = EntrySeed(self.indicator).deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        self.out.push(o);
        Ok(true)
    }
}
