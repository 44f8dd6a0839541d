//! Measured facts: [`KeyFacts`], a town's lists of [`Observation`]s.

use serde::{Deserialize, Serialize};

use crate::observation::{KeySeed, SeriesRef, SeriesSeed};
use crate::{Area, Error, Indicator, Money, Observation, Observed, Population, Selection, SourceId, Year};

/// A town's measured facts: for each [`Indicator`], a list of sourced
/// [`Observation`]s (several years, kinds, qualifiers or disagreeing
/// sources).
///
/// Observations are kept grouped by indicator, in [`Indicator::ALL`]
/// order, and in the order added within an indicator.
///
/// # Headline figures
///
/// [`KeyFacts::area`], [`KeyFacts::population`], [`KeyFacts::gdp`] and
/// [`KeyFacts::gdp_per_capita`] give one figure each, chosen by
/// [`Selection::latest`] (see its rule: the latest-dated observation of the
/// headline kind — resident population, total area, or unstated — exact
/// before qualified). Other choices go through [`KeyFacts::select`]. No
/// figure is ever an average.
///
/// # Serialization
///
/// A map from indicator id to a list of observations (see
/// [`Observation`]); indicators without observations are left out:
///
/// ```text
/// { "population": [ { "value": 1800000, "kind": "resident", "year": 2013, "source": "s" },
///                   { "value": 380000, "kind": "registered", "year": 2013, "source": "s" } ],
///   "gdp": [ { "value": { "amount": 2.5e11, "currency": "cny" }, "qualifier": "approximate", "source": "s" } ] }
/// ```
///
/// Reading also accepts format 1, where each indicator held a single
/// observation object. An unknown indicator, a value in the wrong unit or a
/// share outside 0–1 is an error naming the field. The deserializer needs a
/// self-describing format (JSON, TOML, YAML, CBOR, MessagePack, RON…).
///
/// # Source
///
/// The talk's "Key facts" slides for Kunshan and Shunde (atlas source
/// `qiao-talk`); other atlas sources give further years and kinds of the
/// same figures (English Wikipedia's 2020 revision on Kunshan: 927.68 km²
/// and the 2010 census population, `wikipedia-kunshan-2020`). See the
/// guide's [Kunshan and Shunde
/// chapter](crate::guide::kunshan_shunde#key-facts-as-the-talk-states-them).
///
/// # Example
///
/// ```
/// use regdev::{Currency, Indicator, KeyFacts, Money, Observation, Population, SourceId, Year};
///
/// let talk = SourceId::new("qiao-talk")?;
/// let mut facts = KeyFacts::default();
/// facts.push(Observation::new(Indicator::Population, Population::new(2_460_000), talk.clone())?);
/// facts.push(Observation::new(Indicator::Gdp, Money::new(254e9, Currency::Cny)?, talk)?.with_year(Year::new(2013)?));
/// let derived = facts.derived_gdp_per_capita()?.ok_or("missing")?;
/// assert_eq!(derived.amount().round(), 103_252.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyFacts {
    /// Sorted (stably) by indicator.
    observations: Vec<Observation>,
    /// The first indicator read in the format-1 shape, if any; checked
    /// against the document's declared version when the atlas is built.
    format_one: FormatOneShape,
}

/// Where a deserialized [`KeyFacts`] used the format-1 shape. Not part of
/// the facts: it never makes two `KeyFacts` unequal and is not written.
#[derive(Debug, Clone, Copy, Default)]
struct FormatOneShape(Option<Indicator>);

impl PartialEq for FormatOneShape {
    fn eq(&self, _: &FormatOneShape) -> bool {
        true
    }
}

impl KeyFacts {
    /// Adds an observation after the others of its indicator.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{KeyFacts, Observation, SourceId};
    /// let mut f = KeyFacts::default();
    /// f.push(Observation::firms(10, SourceId::new("s")?));
    /// assert_eq!(f.observations().len(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn push(&mut self, observation: Observation) {
        let at = self.observations.partition_point(|o| o.indicator() <= observation.indicator());
        self.observations.insert(at, observation);
    }

    /// Adds an observation; see [`KeyFacts::push`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{KeyFacts, Observation, SourceId};
    /// let f = KeyFacts::default().with(Observation::firms(10, SourceId::new("s")?));
    /// assert!(!f.is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with(mut self, observation: Observation) -> KeyFacts {
        self.push(observation);
        self
    }

    /// Whether there are no observations.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::KeyFacts::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.observations.is_empty()
    }

    /// Every observation, grouped by indicator.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::KeyFacts::default().observations().is_empty());
    /// ```
    #[must_use]
    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }

    /// The observations of one indicator, in the order added.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, KeyFacts, Observation, SourceId};
    /// let f = KeyFacts::default().with(Observation::firms(10, SourceId::new("s")?));
    /// assert_eq!(f.series(Indicator::Firms).len(), 1);
    /// assert!(f.series(Indicator::Gdp).is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn series(&self, indicator: Indicator) -> &[Observation] {
        let start = self.observations.partition_point(|o| o.indicator() < indicator);
        let end = self.observations.partition_point(|o| o.indicator() <= indicator);
        self.observations.get(start..end).unwrap_or_default()
    }

    /// One observation of `indicator`, by the rule of [`Selection`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Indicator, KeyFacts, Observation, Selection, SourceId};
    /// let f = KeyFacts::default().with(Observation::firms(10, SourceId::new("s")?));
    /// assert!(f.select(Indicator::Firms, Selection::latest()).is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn select(&self, indicator: Indicator, selection: Selection) -> Option<&Observation> {
        selection.pick(self.series(indicator))
    }

    /// The headline observation of `indicator`: [`Selection::latest`].
    fn headline<T>(&self, indicator: Indicator, f: impl FnOnce(crate::Quantity) -> Option<T>) -> Option<Observed<T>> {
        let o = self.select(indicator, Selection::latest())?;
        let observed = Observed::new(f(o.value())?, o.source().clone());
        Some(match o.reference_year() {
            Some(y) => observed.with_year(y),
            None => observed,
        })
    }

    /// The headline area (see [Headline figures](KeyFacts#headline-figures)),
    /// with its reference year and source.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::KeyFacts::default().area().is_none());
    /// ```
    #[must_use]
    pub fn area(&self) -> Option<Observed<Area>> {
        self.headline(Indicator::Area, crate::Quantity::as_area)
    }

    /// The headline population (resident or of unstated kind).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::KeyFacts::default().population().is_none());
    /// ```
    #[must_use]
    pub fn population(&self) -> Option<Observed<Population>> {
        self.headline(Indicator::Population, crate::Quantity::as_population)
    }

    /// The headline GDP.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::KeyFacts::default().gdp().is_none());
    /// ```
    #[must_use]
    pub fn gdp(&self) -> Option<Observed<Money>> {
        self.headline(Indicator::Gdp, crate::Quantity::as_money)
    }

    /// The headline GDP per capita, as the source states it (often in US
    /// dollars); compare with [`KeyFacts::derived_gdp_per_capita`].
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::KeyFacts::default().gdp_per_capita().is_none());
    /// ```
    #[must_use]
    pub fn gdp_per_capita(&self) -> Option<Observed<Money>> {
        self.headline(Indicator::GdpPerCapita, crate::Quantity::as_money)
    }

    /// Headline GDP ÷ headline population, in GDP's currency; `Ok(None)`
    /// if either is missing. The two may be of different years: the audit
    /// warns about that.
    ///
    /// # Errors
    ///
    /// [`Error::DivisionByZero`] for a zero population.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Indicator, KeyFacts, Money, Observation, Population, SourceId, Year};
    /// assert_eq!(KeyFacts::default().derived_gdp_per_capita()?, None);
    /// let s = SourceId::new("s")?;
    /// let f = KeyFacts::default()
    ///     .with(Observation::new(Indicator::Gdp, Money::new(300.0, Currency::Cny)?, s.clone())?)
    ///     .with(Observation::new(Indicator::Population, Population::new(3), s.clone())?);
    /// assert_eq!(f.derived_gdp_per_capita()?, Some(Money::new(100.0, Currency::Cny)?));
    /// let nobody = Observation::new(Indicator::Population, Population::new(0), s)?.with_year(Year::new(2100)?);
    /// assert!(f.with(nobody).derived_gdp_per_capita().is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn derived_gdp_per_capita(&self) -> Result<Option<Money>, Error> {
        let gdp = self.latest(Indicator::Gdp, crate::Quantity::as_money);
        self.per_person(gdp, |gdp, pop| gdp.per_capita(pop))
    }

    /// Headline persons per km²; `Ok(None)` if area or population is
    /// missing.
    ///
    /// # Errors
    ///
    /// [`Error::DivisionByZero`] for a zero area.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Area, Indicator, KeyFacts, Observation, Population, SourceId};
    /// assert_eq!(KeyFacts::default().density()?, None);
    /// let s = SourceId::new("s")?;
    /// let f = KeyFacts::default()
    ///     .with(Observation::new(Indicator::Area, Area::new(2.0)?, s.clone())?)
    ///     .with(Observation::new(Indicator::Population, Population::new(3000), s)?);
    /// assert_eq!(f.density()?, Some(1500.0));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn density(&self) -> Result<Option<f64>, Error> {
        let area = self.latest(Indicator::Area, crate::Quantity::as_area);
        self.per_person(area, |area, pop| pop.density(area))
    }

    /// The latest observation of `indicator` as `T`.
    fn latest<T>(&self, indicator: Indicator, as_t: impl Fn(crate::Quantity) -> Option<T>) -> Option<T> {
        self.select(indicator, Selection::latest()).and_then(|o| as_t(o.value()))
    }

    /// `f(value, headline population)`, or `Ok(None)` if either is missing.
    fn per_person<T, U>(
        &self,
        value: Option<T>,
        f: impl FnOnce(T, crate::Population) -> Result<U, Error>,
    ) -> Result<Option<U>, Error> {
        match (value, self.latest(Indicator::Population, crate::Quantity::as_population)) {
            (Some(v), Some(pop)) => f(v, pop).map(Some),
            _ => Ok(None),
        }
    }

    /// Every observation with its field path (`area[0]`), source and
    /// reference year, for walking provenance.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{KeyFacts, Observation, SourceId};
    /// let f = KeyFacts::default().with(Observation::firms(10, SourceId::new("s")?));
    /// let p: Vec<_> = f.provenance().map(|(field, s, _)| (field, s.as_str().to_owned())).collect();
    /// assert_eq!(p, [("firms[0]".to_owned(), "s".to_owned())]);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn provenance(&self) -> impl Iterator<Item = (String, &SourceId, Option<Year>)> {
        self.indexed().map(|(i, o)| (format!("{}[{i}]", o.indicator().id()), o.source(), o.reference_year()))
    }

    /// Every observation with its index within its indicator.
    pub(crate) fn indexed(&self) -> impl Iterator<Item = (usize, &Observation)> {
        let mut prev: Option<Indicator> = None;
        let mut i = 0;
        self.observations.iter().map(move |o| {
            if prev == Some(o.indicator()) {
                i += 1;
            } else {
                i = 0;
                prev = Some(o.indicator());
            }
            (i, o)
        })
    }

    /// The first indicator that was read in the format-1 shape (a single
    /// observation object), if any: allowed only in format-1 documents.
    pub(crate) fn format_one_shape(&self) -> Option<Indicator> {
        self.format_one.0
    }

    /// The sources cited, without field names (cheap).
    pub(crate) fn source_ids(&self) -> impl Iterator<Item = &SourceId> {
        self.observations.iter().map(Observation::source)
    }
}

impl Serialize for KeyFacts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let present: Vec<Indicator> = Indicator::ALL.iter().copied().filter(|&i| !self.series(i).is_empty()).collect();
        let mut map = s.serialize_map(Some(present.len()))?;
        for i in present {
            map.serialize_entry(i.id(), &SeriesRef(self.series(i)))?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for KeyFacts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<KeyFacts, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = KeyFacts;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a map from indicator to observations")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<KeyFacts, A::Error> {
                let mut facts = KeyFacts::default();
                let mut seen = [false; Indicator::ALL.len()];
                let mut last = None;
                let mut sorted = true;
                let find = |key: &str| Indicator::ALL.iter().position(|i| i.id() == key);
                while let Some(key) = map.next_key_seed(KeySeed(find))? {
                    let pos = key.map_err(|value| {
                        let expected = Indicator::ALL.iter().map(|i| i.id()).collect::<Vec<_>>().join(", ");
                        serde::de::Error::custom(Error::UnknownVariant { kind: "indicator", value, expected })
                    })?;
                    let (Some(&indicator), Some(flag)) = (Indicator::ALL.get(pos), seen.get_mut(pos)) else {
                        continue;
                    };
                    if std::mem::replace(flag, true) {
                        return Err(serde::de::Error::duplicate_field(indicator.id()));
                    }
                    // Indicators arrive in any order (usually that of
                    // `Indicator::ALL`); each list is appended whole,
                    // keeping its order, and sorted into place at the end.
                    sorted &= last.is_none_or(|l| l < indicator);
                    last = Some(indicator);
                    let format_one = map.next_value_seed(SeriesSeed { indicator, out: &mut facts.observations })?;
                    if format_one && facts.format_one.0.is_none() {
                        facts.format_one = FormatOneShape(Some(indicator));
                    }
                }
                if !sorted {
                    // Stable: keeps each indicator's list in its order.
                    facts.observations.sort_by_key(Observation::indicator);
                }
                Ok(facts)
            }
        }
        d.deserialize_map(Visitor)
    }
}
