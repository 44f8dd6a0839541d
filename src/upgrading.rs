//! Industrial upgrading: [`UpgradingType`] (Humphrey & Schmitz 2002),
//! [`ValueChainRole`] (OEM → ODM → OBM), and development trajectories made
//! of [`Stage`]s.
//!
//! # Example
//!
//! ```
//! use regdev::{SourceId, Stage, Trajectory, UpgradingType, ValueChainRole};
//!
//! let talk = SourceId::new("qiao-talk")?;
//! let shunde = Trajectory::new(vec![
//!     Stage::new("TVEs and local entrepreneurship", talk.clone())?,
//!     Stage::new("Reforms on TVE ownership", talk.clone())?,
//!     Stage::new("Specialised towns", talk.clone())?,
//!     Stage::new("Promoting technological upgrading and industrial service", talk)?
//!         .with_upgrading([UpgradingType::Process, UpgradingType::Functional]),
//! ])?;
//! assert_eq!(shunde.len(), 4);
//! assert!(ValueChainRole::Oem < ValueChainRole::Obm);
//! # Ok::<(), regdev::Error>(())
//! ```

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::dimension::{DrivingActor, Ownership};
use crate::macros::vocabulary;
use crate::{Error, Period, SourceId};

vocabulary! {
    /// The four kinds of upgrading in Humphrey & Schmitz (2002).
    ///
    /// Exhaustive: the typology is closed. (USAID's "channel upgrading" is a
    /// later extension and deliberately not included.)
    ///
    /// # Ordering
    ///
    /// The usual trajectory, process → product → functional, then
    /// intersectoral; functional upgrading is the harder step
    /// (marketlinks, "Trajectories of Upgrading"). The order is descriptive,
    /// not a ranking of worth.
    ///
    /// # Source
    ///
    /// Humphrey, J. & Schmitz, H. (2002), "How does insertion in global value
    /// chains affect upgrading in industrial clusters?", *Regional Studies*
    /// 36(9):1017–1027; definitions as restated in USAID's Value Chain Wiki.
    /// See the guide's [upgrading chapter](crate::guide::upgrading).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::UpgradingType;
    /// assert_eq!("inter-sectoral".parse::<UpgradingType>()?, UpgradingType::Intersectoral);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum UpgradingType as "upgrading type" {
        /// Turning inputs into outputs more efficiently, by reorganising
        /// production or introducing superior technology.
        Process = ("process", "Process"),
        /// Moving into more sophisticated product lines.
        Product = ("product", "Product"),
        /// Acquiring new functions (or abandoning old ones) to raise the
        /// skill content of activities.
        Functional = ("functional", "Functional"),
        /// Entering a new, often related, value chain.
        Intersectoral = ("intersectoral", "Inter-sectoral"),
    }
}

vocabulary! {
    /// A manufacturer's role in a value chain.
    ///
    /// Exhaustive: the three roles are the standard ladder.
    ///
    /// # Ordering
    ///
    /// Up the ladder: `Oem < Odm < Obm`. OEM makes to the buyer's design
    /// under the buyer's brand; ODM also designs; OBM sells its own brand.
    ///
    /// # Source
    ///
    /// Gereffi (1999), "International trade and industrial upgrading in the
    /// apparel commodity chain", *Journal of International Economics* 48:37–70
    /// (OEM, OBM); ODM as in Taiwan's notebook makers (Kanellos 2003, CNET),
    /// relevant to Kunshan. See the guide's [upgrading
    /// chapter](crate::guide::upgrading#oem-odm-obm).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::ValueChainRole;
    /// assert_eq!(ValueChainRole::Odm.to_string(), "ODM");
    /// assert_eq!("obm".parse::<ValueChainRole>()?, ValueChainRole::Obm);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum ValueChainRole as "value-chain role" {
        /// Original equipment manufacturing.
        Oem = ("oem", "OEM"),
        /// Original design manufacturing.
        Odm = ("odm", "ODM"),
        /// Original brand manufacturing.
        Obm = ("obm", "OBM"),
    }
}

impl ValueChainRole {
    /// The role's full name, e.g. "original design manufacturing".
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::ValueChainRole::Oem.long_name(), "original equipment manufacturing");
    /// ```
    #[must_use]
    pub const fn long_name(self) -> &'static str {
        match self {
            ValueChainRole::Oem => "original equipment manufacturing",
            ValueChainRole::Odm => "original design manufacturing",
            ValueChainRole::Obm => "original brand manufacturing",
        }
    }
}

/// One stage of a town's industrial development trajectory.
///
/// A passive record with a required name and source; the rest is optional,
/// because the talk names stages without dating them, and the crate does not
/// guess dates.
///
/// # Source
///
/// Talk, "Industrial Development trajectory" slides (four stages each for
/// Kunshan and Shunde).
///
/// # Example
///
/// ```
/// use regdev::{Period, SourceId, Stage, Year};
/// use regdev::DrivingActor;
///
/// let s = Stage::new("Taiwan connection", SourceId::new("qiao-talk")?)?
///     .with_driving_actors([DrivingActor::ForeignInvestors])
///     .with_period(Period::new(Year::new(1990)?, None)?);
/// assert_eq!(s.name(), "Taiwan connection");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Stage {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    upgrading: BTreeSet<UpgradingType>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    driving_actors: BTreeSet<DrivingActor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ownership: Option<Ownership>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value_chain_role: Option<ValueChainRole>,
    source: SourceId,
}

impl Stage {
    /// A stage with a name and the source that names it.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if the name is empty or only white space.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// let s = Stage::new("Specialised towns", SourceId::new("qiao-talk")?)?;
    /// assert!(s.period().is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(name: impl Into<String>, source: SourceId) -> Result<Stage, Error> {
        let name = name.into();
        if name.trim().is_empty() {
            return Err(Error::EmptyText { field: "stage name" });
        }
        Ok(Stage {
            name,
            period: None,
            description: None,
            upgrading: BTreeSet::new(),
            driving_actors: BTreeSet::new(),
            ownership: None,
            value_chain_role: None,
            source,
        })
    }

    /// Sets the period.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Period, SourceId, Stage, Year};
    /// let s = Stage::new("x", SourceId::new("s")?)?.with_period(Period::new(Year::new(1985)?, None)?);
    /// assert_eq!(s.period().map(|p| p.start().get()), Some(1985));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_period(mut self, period: Period) -> Stage {
        self.period = Some(period);
        self
    }

    /// Sets the description.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if the description is empty or only white
    /// space (leave it unset instead).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// let s = Stage::new("x", SourceId::new("s")?)?.with_description("a stage")?;
    /// assert_eq!(s.description(), Some("a stage"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn with_description(mut self, description: impl Into<String>) -> Result<Stage, Error> {
        let description = description.into();
        if description.trim().is_empty() {
            return Err(Error::EmptyText { field: "stage description" }.context(format!("stage {:?}", self.name)));
        }
        self.description = Some(description);
        Ok(self)
    }

    /// Sets the kinds of upgrading the stage involves.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage, UpgradingType};
    /// let s = Stage::new("x", SourceId::new("s")?)?.with_upgrading([UpgradingType::Product]);
    /// assert!(s.upgrading().contains(&UpgradingType::Product));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_upgrading(mut self, types: impl IntoIterator<Item = UpgradingType>) -> Stage {
        self.upgrading = types.into_iter().collect();
        self
    }

    /// Sets the actors that drive the stage.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// use regdev::DrivingActor;
    /// let s = Stage::new("x", SourceId::new("s")?)?.with_driving_actors([DrivingActor::LocalGovernment]);
    /// assert_eq!(s.driving_actors().len(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_driving_actors(mut self, actors: impl IntoIterator<Item = DrivingActor>) -> Stage {
        self.driving_actors = actors.into_iter().collect();
        self
    }

    /// Sets the dominant ownership form in the stage.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// use regdev::Ownership;
    /// let s = Stage::new("x", SourceId::new("s")?)?.with_ownership(Ownership::Collective);
    /// assert_eq!(s.ownership(), Some(Ownership::Collective));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_ownership(mut self, ownership: Ownership) -> Stage {
        self.ownership = Some(ownership);
        self
    }

    /// Sets the value-chain role local firms played in this stage.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage, ValueChainRole};
    /// let s = Stage::new("Own brands", SourceId::new("s")?)?.with_value_chain_role(ValueChainRole::Obm);
    /// assert_eq!(s.value_chain_role(), Some(ValueChainRole::Obm));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_value_chain_role(mut self, role: ValueChainRole) -> Stage {
        self.value_chain_role = Some(role);
        self
    }

    /// The value-chain role, if given.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// assert_eq!(Stage::new("x", SourceId::new("s")?)?.value_chain_role(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn value_chain_role(&self) -> Option<ValueChainRole> {
        self.value_chain_role
    }

    /// The name.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// assert_eq!(Stage::new("x", SourceId::new("s")?)?.name(), "x");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The period, if a source dates the stage.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// assert_eq!(Stage::new("x", SourceId::new("s")?)?.period(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn period(&self) -> Option<Period> {
        self.period
    }

    /// The description.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// assert_eq!(Stage::new("x", SourceId::new("s")?)?.description(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The kinds of upgrading involved.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// assert!(Stage::new("x", SourceId::new("s")?)?.upgrading().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn upgrading(&self) -> &BTreeSet<UpgradingType> {
        &self.upgrading
    }

    /// The driving actors.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// assert!(Stage::new("x", SourceId::new("s")?)?.driving_actors().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn driving_actors(&self) -> &BTreeSet<DrivingActor> {
        &self.driving_actors
    }

    /// The dominant ownership form.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// assert_eq!(Stage::new("x", SourceId::new("s")?)?.ownership(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn ownership(&self) -> Option<Ownership> {
        self.ownership
    }

    /// The source that names the stage.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage};
    /// assert_eq!(Stage::new("x", SourceId::new("s")?)?.source().as_str(), "s");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &SourceId {
        &self.source
    }
}

/// A town's development trajectory: stages ordered by start.
///
/// # Invariants
///
/// Checked by [`Trajectory::new`] and on deserialization:
/// - every stage has a non-empty name;
/// - every period runs forwards (a reversed period is rejected by
///   [`Period::new`] and when a period deserializes);
/// - the stages that carry a [`Period`] are listed by start: no dated stage
///   starts before the previous dated stage.
///
/// Stages may overlap: real trajectories run in parallel strands
/// (foreign-invested assembly and the rise of local brands in the same
/// years). Undated stages may sit anywhere: the talk lists its stages in
/// order without dates, and order alone is information.
///
/// # Source
///
/// Talk, "Industrial Development trajectory" slides.
///
/// # Example
///
/// ```
/// use regdev::{Period, SourceId, Stage, Trajectory, ValueChainRole, Year};
///
/// let src = SourceId::new("s")?;
/// let p = |a, b: Option<i64>| -> Result<Period, regdev::Error> {
///     Period::new(Year::new(a)?, b.map(Year::new).transpose()?)
/// };
/// // Two strands in the same years.
/// let parallel = Trajectory::new(vec![
///     Stage::new("Foreign-invested assembly", src.clone())?.with_period(p(1990, None)?).with_value_chain_role(ValueChainRole::Oem),
///     Stage::new("Local brands", src.clone())?.with_period(p(1998, None)?).with_value_chain_role(ValueChainRole::Obm),
/// ])?;
/// assert_eq!(parallel.len(), 2);
/// let bad = Trajectory::new(vec![
///     Stage::new("later", src.clone())?.with_period(p(1990, Some(2000))?),
///     Stage::new("earlier", src)?.with_period(p(1980, Some(1989))?),
/// ]);
/// assert_eq!(
///     bad.unwrap_err().to_string(),
///     "trajectory stage 1 (\"earlier\") starts in 1980, before the previous stage \"later\" starts in 1990",
/// );
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<Stage>", into = "Vec<Stage>")]
pub struct Trajectory {
    stages: Vec<Stage>,
}

impl Trajectory {
    /// Validates and wraps the stages.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] (in [`Error::Context`]) for an unnamed stage;
    /// [`Error::StageOrder`] for a dated stage that starts before the
    /// previous dated stage.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, Stage, Trajectory};
    /// let t = Trajectory::new(vec![Stage::new("only", SourceId::new("s")?)?])?;
    /// assert_eq!(t.stages()[0].name(), "only");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(stages: Vec<Stage>) -> Result<Trajectory, Error> {
        let mut previous: Option<(&Stage, Period)> = None;
        for (index, stage) in stages.iter().enumerate() {
            if stage.name.trim().is_empty() {
                return Err(Error::EmptyText { field: "stage name" }.context(format!("trajectory stage {index}")));
            }
            if stage.description.as_deref().is_some_and(|d| d.trim().is_empty()) {
                return Err(
                    Error::EmptyText { field: "stage description" }.context(format!("trajectory stage {index}"))
                );
            }
            let Some(period) = stage.period else { continue };
            if let Some((prev, prev_period)) = previous {
                if period.start() < prev_period.start() {
                    return Err(Error::StageOrder {
                        index,
                        stage: stage.name.clone(),
                        problem: format!(
                            "starts in {}, before the previous stage {:?} starts in {}",
                            period.start(),
                            prev.name,
                            prev_period.start()
                        ),
                    });
                }
            }
            previous = Some((stage, period));
        }
        Ok(Trajectory { stages })
    }

    /// The stages, in order.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Trajectory::default().stages().is_empty());
    /// ```
    #[must_use]
    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// The number of stages.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Trajectory::default().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.stages.len()
    }

    /// Whether there are no stages.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Trajectory::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.stages.is_empty()
    }
}

impl TryFrom<Vec<Stage>> for Trajectory {
    type Error = Error;
    fn try_from(stages: Vec<Stage>) -> Result<Trajectory, Error> {
        Trajectory::new(stages)
    }
}

impl From<Trajectory> for Vec<Stage> {
    fn from(t: Trajectory) -> Vec<Stage> {
        t.stages
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Year;

    fn stage(name: &str, start: i64, end: Option<i64>) -> Stage {
        let p = Period::new(Year::new(start).unwrap(), end.map(|e| Year::new(e).unwrap())).unwrap();
        Stage::new(name, SourceId::new("s").unwrap()).unwrap().with_period(p)
    }

    #[test]
    fn trajectory_rejections() {
        // Overlapping stages are parallel strands, allowed when ordered by start.
        assert!(Trajectory::new(vec![stage("a", 1980, Some(1995)), stage("b", 1990, None)]).is_ok());
        assert!(Trajectory::new(vec![stage("a", 1980, None), stage("b", 1990, None)]).is_ok());
        assert!(Trajectory::new(vec![stage("a", 1980, None), stage("b", 1980, Some(1985))]).is_ok());
        let unordered = Trajectory::new(vec![stage("a", 1980, None), stage("b", 1979, Some(1985))]).unwrap_err();
        assert_eq!(
            unordered.to_string(),
            "trajectory stage 1 (\"b\") starts in 1979, before the previous stage \"a\" starts in 1980"
        );
        let unnamed = Stage::new(" ", SourceId::new("s").unwrap()).unwrap_err();
        assert_eq!(unnamed.to_string(), "stage name must not be empty");
        let blank = Stage::new("x", SourceId::new("s").unwrap()).unwrap().with_description("\t").unwrap_err();
        assert_eq!(blank.to_string(), "stage \"x\": stage description must not be empty");
        // A deserialized stage gets the same checks, from its trajectory.
        let unnamed: Result<Trajectory, _> = serde_json::from_str(r#"[{"name": " ", "source": "s"}]"#);
        assert_eq!(unnamed.unwrap_err().to_string(), "trajectory stage 0: stage name must not be empty");
        let blank: Result<Trajectory, _> = serde_json::from_str(r#"[{"name": "x", "description": "", "source": "s"}]"#);
        assert_eq!(blank.unwrap_err().to_string(), "trajectory stage 0: stage description must not be empty");
        // Shared boundary year and undated stages in between are fine.
        let undated = Stage::new("undated", SourceId::new("s").unwrap()).unwrap();
        assert!(Trajectory::new(vec![stage("a", 1978, Some(1992)), undated, stage("b", 1992, None)]).is_ok());
    }
}
