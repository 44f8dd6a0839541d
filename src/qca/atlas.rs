//! Conditions and outcomes read from an [`Atlas`]'s towns.

use std::str::FromStr;

use super::calibrate::Calibration;
use super::data::Dataset;
use super::error::{QcaError, QcaResult};
use crate::dimension::ValueRef;
use crate::{Atlas, Currency, Dimension, Town, ValueChainRole, Year};

/// A key fact that can be calibrated into a condition.
///
/// # Example
///
/// ```
/// use regdev::qca::KeyFact;
/// assert_eq!("gdp_per_capita".parse::<KeyFact>()?, KeyFact::GdpPerCapita);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFact {
    /// Land area, km².
    Area,
    /// Population, persons.
    Population,
    /// GDP, in the chosen currency.
    Gdp,
    /// GDP per head as the source states it, in the chosen currency.
    GdpPerCapita,
}

impl FromStr for KeyFact {
    type Err = QcaError;
    fn from_str(s: &str) -> QcaResult<Self> {
        match s.trim() {
            "area" => Ok(KeyFact::Area),
            "population" => Ok(KeyFact::Population),
            "gdp" => Ok(KeyFact::Gdp),
            "gdp_per_capita" => Ok(KeyFact::GdpPerCapita),
            other => Err(QcaError::Expression {
                text: other.to_owned(),
                reason: "expected area, population, gdp or gdp_per_capita".into(),
            }),
        }
    }
}

/// How one column (a condition or the outcome) is read from a town.
///
/// Text form (for the command line): `profile:DIMENSION=VALUE`,
/// `fact:FACT[@YEAR][/CURRENCY]:E,C,I` (fuzzy anchors),
/// `fact:FACT[@YEAR][/CURRENCY]:crisp:T1[,T2]` (crisp thresholds) and
/// `stage:ROLE`, where DIMENSION, VALUE, CURRENCY and ROLE are the crate's
/// snake_case ids.
///
/// # Example
///
/// ```
/// use regdev::qca::AtlasCondition;
///
/// let c: AtlasCondition = "profile:capital_origin=foreign_direct_investment".parse()?;
/// assert!(matches!(c, AtlasCondition::Profile { .. }));
/// let f: AtlasCondition = "fact:gdp_per_capita@2013/usd:5000,10000,20000".parse()?;
/// assert!(matches!(f, AtlasCondition::Fact { .. }));
/// let s: AtlasCondition = "stage:obm".parse()?;
/// assert!(matches!(s, AtlasCondition::StageRole(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum AtlasCondition {
    /// Crisp: 1 when the town's profile value of `dimension` is `value`
    /// (for a set dimension: contains it), 0 otherwise. Missing when the
    /// profile says nothing on the dimension.
    Profile {
        /// The dimension.
        dimension: Dimension,
        /// The value's snake_case id (a place name for place sets).
        value: String,
    },
    /// A key fact (the town's headline figure, see
    /// [`KeyFacts`](crate::KeyFacts)), calibrated. Missing when the town has
    /// no such fact, when `year` is given and the headline figure is for
    /// another year (or none), or when
    /// a money figure cannot be converted into `currency`.
    Fact {
        /// Which fact.
        fact: KeyFact,
        /// The year the fact must be for, if any.
        year: Option<Year>,
        /// The currency of money facts (converted with the atlas's exchange
        /// rates for the fact's year); ignored for area and population.
        currency: Currency,
        /// The calibration.
        calibration: Calibration,
    },
    /// Crisp: 1 when some stage of the town's trajectory has this
    /// value-chain role, 0 when stages have roles but none this one.
    /// Missing when no stage records a value-chain role.
    StageRole(ValueChainRole),
}

impl FromStr for AtlasCondition {
    type Err = QcaError;
    fn from_str(s: &str) -> QcaResult<Self> {
        let bad = |reason: &str| QcaError::Expression { text: s.to_owned(), reason: reason.to_owned() };
        let (kind, rest) = s.split_once(':').ok_or_else(|| bad("expected profile:…, fact:… or stage:…"))?;
        match kind.trim() {
            "profile" => {
                let (dim, value) = rest.split_once('=').ok_or_else(|| bad("expected profile:DIMENSION=VALUE"))?;
                let dimension: Dimension = dim.trim().parse().map_err(|e: crate::Error| bad(&e.to_string()))?;
                Ok(AtlasCondition::Profile { dimension, value: value.trim().to_owned() })
            }
            "stage" => {
                let role: ValueChainRole = rest.trim().parse().map_err(|e: crate::Error| bad(&e.to_string()))?;
                Ok(AtlasCondition::StageRole(role))
            }
            "fact" => {
                let (head, cal) =
                    rest.split_once(':').ok_or_else(|| bad("expected fact:FACT[@YEAR][/CURRENCY]:E,C,I"))?;
                let (head, currency) = match head.split_once('/') {
                    Some((h, c)) => (h, c.trim().parse().map_err(|e: crate::Error| bad(&e.to_string()))?),
                    None => (head, Currency::Cny),
                };
                let (name, year) = match head.split_once('@') {
                    Some((n, y)) => {
                        let y: i64 = y.trim().parse().map_err(|_| bad("the year is not a number"))?;
                        (n, Some(Year::new(y).map_err(|e| bad(&e.to_string()))?))
                    }
                    None => (head, None),
                };
                let fact: KeyFact = name.parse()?;
                let numbers = |t: &str| -> QcaResult<Vec<f64>> {
                    t.split(',')
                        .map(|v| v.trim().parse::<f64>().map_err(|_| bad("thresholds must be numbers")))
                        .collect()
                };
                let calibration = match cal.strip_prefix("crisp:") {
                    Some(t) => Calibration::crisp(&numbers(t)?)?,
                    None => match numbers(cal)?.as_slice() {
                        [e, c, i] => Calibration::fuzzy(*e, *c, *i)?,
                        _ => return Err(bad("fuzzy calibration takes three anchors E,C,I")),
                    },
                };
                Ok(AtlasCondition::Fact { fact, year, currency, calibration })
            }
            _ => Err(bad("expected profile:…, fact:… or stage:…")),
        }
    }
}

/// A value that could not be read from a town.
///
/// # Example
///
/// See [`atlas_dataset`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MissingFromAtlas {
    /// The town id.
    pub town: String,
    /// The column.
    pub column: String,
    /// Why there is no value.
    pub reason: String,
}

/// Builds a [`Dataset`] with one case per town of the atlas (named by town
/// id) and one column per `(name, condition)`. Values the atlas does not
/// have are `None` in the table and listed, with the reason, in the
/// second return value: nothing is dropped silently. Use
/// [`Dataset::complete_cases`] to analyse the towns with every value.
///
/// # Errors
///
/// [`QcaError::Empty`] when the atlas has no town or no column is asked
/// for, [`QcaError::InvalidOption`] for a value that is not in the
/// dimension's vocabulary, [`QcaError::DuplicateColumn`], and
/// [`QcaError::InvalidThresholds`]
/// when a crisp threshold lies outside the range of a fact's values.
///
/// # Example
///
/// ```
/// use regdev::Atlas;
/// use regdev::qca::{atlas_dataset, AtlasCondition};
///
/// let atlas = Atlas::builtin();
/// let (data, missing) = atlas_dataset(atlas, &[
///     ("FOREIGN".into(), "profile:capital_origin=foreign_direct_investment".parse::<AtlasCondition>()?),
///     ("BOTTOMUP".into(), "profile:dynamics=bottom_up_ppp".parse()?),
/// ])?;
/// assert_eq!(data.len(), atlas.towns().len());
/// let kunshan = data.cases().iter().position(|c| c == "kunshan").ok_or("kunshan")?;
/// assert_eq!(data.column("BOTTOMUP")?[kunshan], Some(0.0));
/// // Towns whose profile is not recorded are reported, not dropped.
/// assert!(missing.iter().any(|m| m.town == "yushan" && m.column == "BOTTOMUP"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn atlas_dataset(
    atlas: &Atlas,
    columns: &[(String, AtlasCondition)],
) -> QcaResult<(Dataset, Vec<MissingFromAtlas>)> {
    if columns.is_empty() {
        return Err(QcaError::Empty { what: "no condition or outcome asked for".into() });
    }
    let towns: Vec<&Town> = atlas.towns().collect();
    let cases: Vec<String> = towns.iter().map(|t| t.id().as_str().to_owned()).collect();
    let mut missing = Vec::new();
    let mut out = Vec::new();
    for (name, cond) in columns {
        if let AtlasCondition::Profile { dimension, value } = cond {
            if let Some(ids) = dimension.value_ids() {
                if !ids.contains(&value.as_str()) {
                    return Err(QcaError::InvalidOption {
                        option: "condition",
                        value: format!("{}={value}", dimension.id()),
                        reason: format!(
                            "{value:?} is not a value of {}; the values are: {}",
                            dimension.id(),
                            ids.join(", ")
                        ),
                    });
                }
            }
        }
        let mut values = Vec::with_capacity(towns.len());
        for town in &towns {
            match read(atlas, town, cond) {
                Ok(v) => values.push(Some(v)),
                Err(reason) => {
                    missing.push(MissingFromAtlas {
                        town: town.id().as_str().to_owned(),
                        column: name.clone(),
                        reason,
                    });
                    values.push(None);
                }
            }
        }
        if let AtlasCondition::Fact { calibration, .. } = cond {
            let present: Vec<f64> = values.iter().flatten().copied().collect();
            if !present.is_empty() {
                let calibrated = calibration.apply(&present)?;
                let mut it = calibrated.into_iter();
                for v in values.iter_mut().filter(|v| v.is_some()) {
                    *v = it.next();
                }
            }
        }
        out.push((name.clone(), values));
    }
    Ok((Dataset::new(cases, out)?, missing))
}

fn read(atlas: &Atlas, town: &Town, cond: &AtlasCondition) -> Result<f64, String> {
    match cond {
        AtlasCondition::Profile { dimension, value } => {
            let view = town.profile().view(*dimension).ok_or_else(|| format!("profile has no {}", dimension.id()))?;
            let index = || {
                dimension.value_ids().and_then(|ids| ids.iter().position(|id| id == value)).ok_or_else(|| {
                    format!(
                        "{value:?} is not a value of {} (values: {})",
                        dimension.id(),
                        dimension.value_ids().map(|ids| ids.join(", ")).unwrap_or_default()
                    )
                })
            };
            let hit = match view {
                ValueRef::Index(i) => i == index()?,
                ValueRef::Indices(bits) => bits >> index()? & 1 == 1,
                ValueRef::Places(places) => places.iter().any(|p| p.as_str() == value),
            };
            Ok(f64::from(u8::from(hit)))
        }
        AtlasCondition::StageRole(role) => {
            let stages = town.trajectory().stages();
            if stages.iter().all(|s| s.value_chain_role().is_none()) {
                return Err("no stage of the trajectory records a value-chain role".into());
            }
            Ok(f64::from(u8::from(stages.iter().any(|s| s.value_chain_role() == Some(*role)))))
        }
        AtlasCondition::Fact { fact, year, currency, .. } => {
            let facts = town.key_facts();
            let check_year = |got: Option<Year>| -> Result<(), String> {
                match (year, got) {
                    (Some(want), Some(got)) if *want != got => Err(format!("the fact is for {got}, not {want}")),
                    (Some(want), None) => Err(format!("the fact has no year (asked for {want})")),
                    _ => Ok(()),
                }
            };
            let money = |m: Option<&crate::Observed<crate::Money>>, what: &str| -> Result<f64, String> {
                let m = m.ok_or_else(|| format!("no {what}"))?;
                check_year(m.year())?;
                atlas.convert_observed(m, *currency).map(|v| v.amount()).map_err(|e| e.to_string())
            };
            match fact {
                KeyFact::Area => {
                    let a = facts.area().ok_or("no area")?;
                    check_year(a.year())?;
                    Ok(a.value().km2())
                }
                KeyFact::Population => {
                    let p = facts.population().ok_or("no population")?;
                    check_year(p.year())?;
                    Ok(p.value().get() as f64)
                }
                KeyFact::Gdp => money(facts.gdp().as_ref(), "GDP"),
                KeyFact::GdpPerCapita => money(facts.gdp_per_capita().as_ref(), "GDP per head"),
            }
        }
    }
}
