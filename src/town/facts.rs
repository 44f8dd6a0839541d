//! Headline figures: [`KeyFacts`].

use serde::{Deserialize, Serialize};

use crate::{Area, Error, Money, Observed, Population, SourceId, Year};

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
