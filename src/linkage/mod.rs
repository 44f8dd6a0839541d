//! Economic-linkage graphs: who is tied to whom, how, and at what
//! [`Scale`].

mod analysis;
mod brokerage;
mod dot;
mod engine;
pub mod graphml;
pub mod import;

use std::collections::HashMap;

/// A graph's actor ids to their nodes: foldhash, not SipHash (a lookup per
/// linkage end while a graph is built, millions on a large atlas).
pub(crate) type ActorIndex = HashMap<ActorId, NodeIndex, foldhash::fast::RandomState>;

use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::dimension::Place;
use crate::id::IdKind;
use crate::macros::vocabulary;
use crate::{ActorId, Error, Scale, SourceId, TownId, Year};

pub use analysis::{Centrality, Degree, LinkageFilter, Normalization, Orientation, PathCentralities, ScaleProfile};
pub use brokerage::{Brokerage, BrokerageRoles, EiIndex, Grouping};

vocabulary! {
    /// What kind of organisation or collective an [`Actor`] is.
    ///
    /// `#[non_exhaustive]`: case studies keep finding new kinds of actor.
    ///
    /// # Source
    ///
    /// The actors of the talk's stories (local government, Taiwanese
    /// investors, the German industrial park, Tsinghua, overseas Chinese
    /// talent, the business association in Leliu, the technology park in
    /// Lecong, the industrial service and innovation centre); Qiao (2016).
    /// Specialised markets, sales-agent networks, state-owned enterprises
    /// and overseas buyers: the actors of the Wenzhou-model and
    /// export-cluster literature (Walcott 2007 for Wenzhou's markets and
    /// agents).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::ActorKind;
    /// assert_eq!("university".parse::<ActorKind>()?, ActorKind::University);
    /// assert_eq!(ActorKind::CollectiveEnterprise.to_string(), "Collective enterprise (TVE)");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[non_exhaustive]
    pub enum ActorKind as "actor kind" {
        /// Town, county or district government.
        LocalGovernment = ("local_government", "Local government"),
        /// Prefecture, provincial or central government.
        HigherGovernment = ("higher_government", "Higher-level government"),
        /// Township or village enterprise.
        CollectiveEnterprise = ("collective_enterprise", "Collective enterprise (TVE)"),
        /// Domestic private firm.
        PrivateFirm = ("private_firm", "Private firm"),
        /// Household firm.
        HouseholdFirm = ("household_firm", "Household firm"),
        /// Foreign-invested firm or group of foreign investors.
        ForeignInvestedFirm = ("foreign_invested_firm", "Foreign-invested firm"),
        /// University.
        University = ("university", "University"),
        /// Research institute.
        ResearchInstitute = ("research_institute", "Research institute"),
        /// Business or trade association.
        BusinessAssociation = ("business_association", "Business association"),
        /// Industrial park or development zone.
        IndustrialPark = ("industrial_park", "Industrial park or development zone"),
        /// Industrial service and innovation centre.
        ServiceCentre = ("service_centre", "Service and innovation centre"),
        /// Talent or diaspora network.
        TalentNetwork = ("talent_network", "Talent or diaspora network"),
        /// Bank or other financial institution.
        FinancialInstitution = ("financial_institution", "Financial institution"),
        /// A place acting as a whole: a city or economy as a source of
        /// models, capital or demand.
        Place = ("place", "Place"),
        /// A specialised wholesale market (专业市场), the trading hub of the
        /// Wenzhou model (Yiwu's small-commodities market, Qiaotou's button
        /// market).
        SpecialisedMarket = ("specialised_market", "Specialised market"),
        /// A state-owned enterprise.
        StateOwnedEnterprise = ("state_owned_enterprise", "State-owned enterprise"),
        /// A network of sales agents (供销员), who sold Wenzhou's products
        /// across China.
        SalesNetwork = ("sales_network", "Sales-agent network"),
        /// Foreign buyers, buying houses or brand owners placing orders.
        OverseasBuyer = ("overseas_buyer", "Overseas buyer"),
        /// The workers of a firm or a town acting as one party: a strike is
        /// a conflictual linkage between a workforce and its employer.
        Workforce = ("workforce", "Workforce"),
    }
}

vocabulary! {
    /// What flows along a [`Linkage`].
    ///
    /// `#[non_exhaustive]`: further kinds may be added.
    ///
    /// # Source
    ///
    /// The talk's stories and Qiao (2016); "institutional borrowing" is the
    /// talk's comparison row.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::LinkageKind;
    /// assert_eq!(LinkageKind::InstitutionalBorrowing.to_string(), "Institutional borrowing");
    /// ```
    #[non_exhaustive]
    pub enum LinkageKind as "linkage kind" {
        /// Capital invested by the source in the target.
        Investment = ("investment", "Investment"),
        /// Inputs supplied by the source to the target.
        Supply = ("supply", "Supply"),
        /// Goods sold by the source to the target.
        Market = ("market", "Market or trade"),
        /// Knowledge or technology passed from the source to the target.
        KnowledgeTransfer = ("knowledge_transfer", "Knowledge transfer"),
        /// People moving from the source to the target.
        TalentFlow = ("talent_flow", "Talent flow"),
        /// The target adopts institutions from the source.
        InstitutionalBorrowing = ("institutional_borrowing", "Institutional borrowing"),
        /// The source governs or coordinates the target.
        Governance = ("governance", "Governance or coordination"),
        /// A partnership, initiated by the source.
        Partnership = ("partnership", "Partnership"),
    }
}

vocabulary! {
    /// Whether a [`Linkage`] is cooperation, conflict or regulation.
    ///
    /// Exhaustive: the three valences partition relations between actors.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Valence;
    /// assert_eq!("conflictual".parse::<Valence>()?, Valence::Conflictual);
    /// assert_eq!(Valence::default(), Valence::Cooperative);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum Valence as "valence" {
        /// Working together: the flows of investment, supply, knowledge.
        Cooperative = ("cooperative", "Cooperative"),
        /// A conflict: a crackdown, a dispute, a price war.
        Conflictual = ("conflictual", "Conflictual"),
        /// One actor regulates the other: licensing, inspection, quotas.
        Regulatory = ("regulatory", "Regulatory"),
    }
}

impl Default for Valence {
    /// Cooperative: what every format-1 linkage was.
    fn default() -> Valence {
        Valence::Cooperative
    }
}

impl Valence {
    fn is_cooperative(&self) -> bool {
        *self == Valence::Cooperative
    }
}

/// A node of a linkage graph.
///
/// # Source
///
/// The built-in actors come from the talk's stories (atlas source
/// `qiao-talk`) and the other atlas sources each actor cites; see the
/// guide's [linkage
/// chapter](crate::guide::linkages#the-talks-stories-as-graphs).
///
/// # Example
///
/// ```
/// use regdev::{Actor, ActorId, ActorKind};
/// let a = Actor::new(ActorId::new("tsinghua")?, "Tsinghua University", ActorKind::University)?.with_place("Beijing")?;
/// assert_eq!(a.place().map(|p| p.as_str()), Some("Beijing"));
/// assert!(Actor::new(ActorId::new("x")?, "", ActorKind::University).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawActor", into = "RawActor")]
pub struct Actor {
    id: ActorId,
    /// Shared while a document loads (see [`Actor::new`]).
    name: std::sync::Arc<str>,
    kind: ActorKind,
    place: Option<Place>,
    source: Option<SourceId>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RawActor {
    id: ActorId,
    name: String,
    kind: ActorKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    place: Option<Place>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<SourceId>,
}

impl TryFrom<RawActor> for Actor {
    type Error = Error;
    fn try_from(r: RawActor) -> Result<Actor, Error> {
        let mut a = Actor::new(r.id, r.name, r.kind)?;
        a.place = r.place;
        a.source = r.source;
        Ok(a)
    }
}

impl From<Actor> for RawActor {
    fn from(a: Actor) -> RawActor {
        RawActor { id: a.id, name: a.name.to_string(), kind: a.kind, place: a.place, source: a.source }
    }
}

impl Actor {
    /// An actor with an id, a name and a kind.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] (in context naming the actor) if `name` is empty
    /// after trimming.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind};
    /// let a = Actor::new(ActorId::new("leliu-association")?, "Leliu business association", ActorKind::BusinessAssociation)?;
    /// assert_eq!(a.kind(), ActorKind::BusinessAssociation);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(id: ActorId, name: impl AsRef<str>, kind: ActorKind) -> Result<Actor, Error> {
        let name = name.as_ref().trim();
        if name.is_empty() {
            return Err(Error::EmptyText { field: "actor name" }.context(format!("actor '{id}'")));
        }
        // While the JSON or Parquet reader loads a document, equal names
        // share one string (a large atlas repeats a few names, "Town
        // government", across a million actors).
        Ok(Actor { id, name: crate::id::shared_text(name), kind, place: None, source: None })
    }

    /// Sets the place the actor is based in.
    ///
    /// # Errors
    ///
    /// As [`Place::new`].
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind};
    /// let a = Actor::new(ActorId::new("hk")?, "Hong Kong", ActorKind::Place)?.with_place("Hong Kong")?;
    /// assert!(a.place().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn with_place(mut self, place: impl AsRef<str>) -> Result<Actor, Error> {
        self.place = Some(Place::new(place)?);
        Ok(self)
    }

    /// Sets the source that describes the actor.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, SourceId};
    /// let a = Actor::new(ActorId::new("x")?, "X", ActorKind::PrivateFirm)?.with_source(SourceId::new("s")?);
    /// assert_eq!(a.source().map(|s| s.as_str()), Some("s"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_source(mut self, source: SourceId) -> Actor {
        self.source = Some(source);
        self
    }

    /// The id.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind};
    /// assert_eq!(Actor::new(ActorId::new("x")?, "X", ActorKind::PrivateFirm)?.id().as_str(), "x");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> &ActorId {
        &self.id
    }

    /// The name.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind};
    /// assert_eq!(Actor::new(ActorId::new("x")?, "X", ActorKind::PrivateFirm)?.name(), "X");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The kind.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind};
    /// assert_eq!(Actor::new(ActorId::new("x")?, "X", ActorKind::PrivateFirm)?.kind(), ActorKind::PrivateFirm);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> ActorKind {
        self.kind
    }

    /// Where the actor is based, if known.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind};
    /// assert!(Actor::new(ActorId::new("x")?, "X", ActorKind::PrivateFirm)?.place().is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn place(&self) -> Option<&Place> {
        self.place.as_ref()
    }

    /// The source describing the actor, if any.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind};
    /// assert!(Actor::new(ActorId::new("x")?, "X", ActorKind::PrivateFirm)?.source().is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> Option<&SourceId> {
        self.source.as_ref()
    }
}

/// An edge of a linkage graph: what flows, at what scale, since and until
/// when, whether in cooperation, conflict or regulation ([`Valence`]), how
/// strongly, and who says so. The endpoints are held by the graph.
///
/// `until` must not be before `since` ([`Error::UntilBeforeSince`], checked
/// on deserialization and by [`LinkageGraphBuilder::build`]); both years are
/// inclusive.
///
/// # Source
///
/// The talk's "Economic linkages" row: "national and global" (Kunshan),
/// "Local and regional" (Shunde) (atlas source `qiao-talk`); see the
/// guide's [linkage chapter](crate::guide::linkages).
///
/// # Example
///
/// ```
/// use regdev::{Linkage, LinkageKind, Scale, SourceId, Year};
/// let l = Linkage::new(LinkageKind::KnowledgeTransfer, Scale::National, SourceId::new("qiao-talk")?)
///     .with_since(Year::new(2000)?)
///     .with_weight(2.0)?;
/// assert_eq!(l.weight(), Some(2.0));
/// assert!(Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?).with_weight(-1.0).is_err());
/// let err = serde_json::from_str::<Linkage>(
///     r#"{"kind": "governance", "scale": "local", "since": 2000, "until": 1990, "valence": "conflictual", "source": "s"}"#,
/// ).unwrap_err();
/// assert_eq!(err.to_string(), "'until' (1990) is before 'since' (2000)");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case", try_from = "LinkageFields")]
pub struct Linkage {
    kind: LinkageKind,
    scale: Scale,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since: Option<Year>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<Year>,
    #[serde(default, skip_serializing_if = "Valence::is_cooperative")]
    valence: Valence,
    #[serde(skip_serializing_if = "Weight::is_none")]
    weight: Weight,
    source: SourceId,
}

/// A linkage's weight if it has one, in eight bytes: weights are never
/// negative, so a negative number stands for none (`Option<f64>` takes
/// sixteen bytes, in each of the millions of linkages of a large atlas).
/// Reads, compares, prints and serializes as the `Option<f64>` it stands
/// for.
#[derive(Clone, Copy, PartialEq)]
struct Weight(f64);

impl Weight {
    const NONE: Weight = Weight(-1.0);

    /// `w`, which must be a checked weight (finite, not negative) if set.
    fn of(w: Option<f64>) -> Weight {
        w.map_or(Weight::NONE, Weight)
    }

    fn get(self) -> Option<f64> {
        (self.0 >= 0.0).then_some(self.0)
    }

    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn is_none(&self) -> bool {
        self.get().is_none()
    }
}

impl core::fmt::Debug for Weight {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.get().fmt(f)
    }
}

impl Serialize for Weight {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(s)
    }
}

/// The serialized form of a [`Linkage`], validated into one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct LinkageFields {
    kind: LinkageKind,
    scale: Scale,
    #[serde(default)]
    since: Option<Year>,
    #[serde(default)]
    until: Option<Year>,
    #[serde(default)]
    valence: Valence,
    #[serde(default)]
    weight: Option<f64>,
    source: SourceId,
}

impl TryFrom<LinkageFields> for Linkage {
    type Error = Error;
    fn try_from(f: LinkageFields) -> Result<Linkage, Error> {
        let mut l = Linkage::new(f.kind, f.scale, f.source).with_valence(f.valence);
        l.since = f.since;
        l.until = f.until;
        l.check_dates()?;
        match f.weight {
            Some(w) => l.with_weight(w),
            None => Ok(l),
        }
    }
}

impl Linkage {
    /// A linkage of `kind` at `scale`, stated by `source`.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId};
    /// let l = Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?);
    /// assert_eq!(l.scale(), Scale::Local);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn new(kind: LinkageKind, scale: Scale, source: SourceId) -> Linkage {
        Linkage { kind, scale, since: None, until: None, valence: Valence::Cooperative, weight: Weight::NONE, source }
    }

    /// Sets the last year of the linkage (inclusive). Checked against
    /// `since` when the graph is built or the linkage deserialized.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId, Year};
    /// let l = Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?)
    ///     .with_since(Year::new(1985)?)
    ///     .with_until(Year::new(1998)?);
    /// assert_eq!(l.until_year(), Some(Year::new(1998)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_until(mut self, year: Year) -> Linkage {
        self.until = Some(year);
        self
    }

    /// Sets the valence (cooperative by default).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId, Valence};
    /// let crackdown = Linkage::new(LinkageKind::Governance, Scale::Local, SourceId::new("s")?)
    ///     .with_valence(Valence::Conflictual);
    /// assert_eq!(crackdown.valence(), Valence::Conflictual);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_valence(mut self, valence: Valence) -> Linkage {
        self.valence = valence;
        self
    }

    /// The last year of the linkage, if it ended.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId};
    /// assert_eq!(Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?).until_year(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn until_year(&self) -> Option<Year> {
        self.until
    }

    /// The valence.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId, Valence};
    /// assert_eq!(Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?).valence(), Valence::Cooperative);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn valence(&self) -> Valence {
        self.valence
    }

    /// Whether the linkage held in `year`, as far as its dates say: not
    /// before `since`, not after `until`.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId, Year};
    /// let l = Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?)
    ///     .with_since(Year::new(1985)?)
    ///     .with_until(Year::new(1998)?);
    /// assert!(l.active_in(Year::new(1990)?));
    /// assert!(!l.active_in(Year::new(1999)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn active_in(&self, year: Year) -> bool {
        self.since.is_none_or(|s| s <= year) && self.until.is_none_or(|u| year <= u)
    }

    /// `until` must not be before `since`.
    fn check_dates(&self) -> Result<(), Error> {
        match (self.since, self.until) {
            (Some(since), Some(until)) if until < since => Err(Error::UntilBeforeSince { since, until }),
            _ => Ok(()),
        }
    }

    /// Sets the year the linkage began.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId, Year};
    /// let l = Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?).with_since(Year::new(1990)?);
    /// assert_eq!(l.since_year(), Some(Year::new(1990)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_since(mut self, year: Year) -> Linkage {
        self.since = Some(year);
        self
    }

    /// Sets the weight (strength) of the linkage.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] or [`Error::Negative`] for a NaN, infinite or
    /// negative weight.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId};
    /// assert!(Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?).with_weight(f64::NAN).is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn with_weight(mut self, weight: f64) -> Result<Linkage, Error> {
        if !weight.is_finite() {
            return Err(Error::NonFinite { quantity: "linkage weight", value: weight });
        }
        if weight < 0.0 {
            return Err(Error::Negative { quantity: "linkage weight", value: weight });
        }
        self.weight = Weight(weight + 0.0);
        Ok(self)
    }

    /// The kind.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId};
    /// assert_eq!(Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?).kind(), LinkageKind::Supply);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> LinkageKind {
        self.kind
    }

    /// The scale.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId};
    /// assert_eq!(Linkage::new(LinkageKind::Supply, Scale::Global, SourceId::new("s")?).scale(), Scale::Global);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The year it began, if known.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId};
    /// assert_eq!(Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?).since_year(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn since_year(&self) -> Option<Year> {
        self.since
    }

    /// The weight, if given.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId};
    /// assert_eq!(Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?).weight(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn weight(&self) -> Option<f64> {
        self.weight.get()
    }

    /// The source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Linkage, LinkageKind, Scale, SourceId};
    /// assert_eq!(Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?).source().as_str(), "s");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &SourceId {
        &self.source
    }
}

/// The serialized form of a linkage: endpoints by id plus the linkage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct RawLinkage {
    from: ActorId,
    to: ActorId,
    kind: LinkageKind,
    scale: Scale,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since: Option<Year>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<Year>,
    #[serde(default, skip_serializing_if = "Valence::is_cooperative")]
    valence: Valence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weight: Option<f64>,
    source: SourceId,
}

/// The serialized form of a graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct RawGraph {
    pub(crate) focal_town: TownId,
    actors: Vec<Actor>,
    #[serde(default)]
    linkages: Vec<RawLinkage>,
}

#[cfg(feature = "parquet")]
impl LinkageGraph {
    /// A graph from its petgraph graph and id index, as the Parquet reader
    /// builds them after checking every rule of [`LinkageGraph::from_raw_all`]
    /// itself (distinct actor ids, linkage ends among the actors, no
    /// self-linkage, valid weights and years), so each row is read once.
    pub(crate) fn from_checked(focal_town: TownId, graph: DiGraph<Actor, Linkage>, index: ActorIndex) -> LinkageGraph {
        LinkageGraph { focal_town, graph, index, engine: engine::Engine::default() }
    }
}

/// A directed graph of economic linkages between [`Actor`]s, centred on a
/// focal town.
///
/// Economic-linkage graphs: who is tied to whom, how, and at what
/// [`Scale`].
///
/// A [`LinkageGraph`] is a directed graph of [`Actor`]s (governments,
/// firms, universities, parks, associations, places) joined by
/// [`Linkage`]s (investment, knowledge transfer, institutional borrowing…),
/// centred on one focal town. It is built on [`petgraph`], but petgraph's
/// indices never leave the crate: actors are addressed by [`ActorId`]
/// everywhere, in the API and in every serialized form.
///
/// - Analysis: the scale profile and institutional-borrowing origins
///   behind the talk's comparison rows ([`LinkageGraph::scale_profile`]),
///   and network measures (density, degree, betweenness and closeness
///   centrality, centralization, brokers, components, shortest paths,
///   neighbours), all following networkx's definitions; their conventions
///   are under the [analysis methods](LinkageGraph::path_centralities).
/// - Brokerage: Gould–Fernandez brokerage roles and the Krackhardt–Stern
///   E–I index over a [`Grouping`] of actors (kind, place, local or not):
///   [`LinkageGraph::brokerage`], [`LinkageGraph::ei_index`].
/// - Export: GraphML ([`crate::graphml`], for networkx, igraph, Gephi) and
///   DOT ([`LinkageGraph::write_dot`], for Graphviz).
/// - Import: GraphML and CSV edge lists ([`crate::import`]), with typed
///   errors naming the line and element.
///
/// # Invariants
///
/// Checked by [`LinkageGraphBuilder::build`] and on deserialization, each
/// violation a typed [`Error`] naming the ids:
/// - actor ids are unique ([`Error::DuplicateId`]);
/// - both ends of every linkage are actors of the graph
///   ([`Error::UnknownReference`]);
/// - no linkage joins an actor to itself ([`Error::SelfLinkage`]);
/// - weights are finite and not negative ([`Error::InvalidWeight`]);
/// - no linkage ends before it starts ([`Error::UntilBeforeSince`], in an
///   [`Error::Context`] naming the linkage).
///
/// Parallel linkages (two linkages between the same pair, of different
/// kinds) are allowed: Taiwanese investors both invest in Kunshan and lend
/// it institutions.
///
/// # Serialization
///
/// `{"focal_town": …, "actors": [{"id": …, …}], "linkages": [{"from": …,
/// "to": …, "kind": …, "scale": …, …}]}` with string ids, in insertion
/// order. Deserialization validates.
///
/// # Source
///
/// The talk's stories of Kunshan and Shunde (atlas source `qiao-talk`) and
/// Qiao (2016, `qiao-2016`); see the guide's [linkage
/// chapter](crate::guide::linkages).
///
/// # Example
///
/// ```
/// use regdev::{Actor, ActorId, ActorKind, Error, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
///
/// let a = ActorId::new("a")?;
/// let err = LinkageGraph::builder(TownId::new("t")?)
///     .actor(Actor::new(a.clone(), "A", ActorKind::PrivateFirm)?)
///     .linkage(a.clone(), ActorId::new("ghost")?, Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?))
///     .build()
///     .unwrap_err();
/// assert_eq!(err.to_string(), "linkage 'a' -> 'ghost' refers to unknown actor 'ghost'");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct LinkageGraph {
    focal_town: TownId,
    graph: DiGraph<Actor, Linkage>,
    index: ActorIndex,
    /// The compact simple-graph adjacency, built on first use.
    engine: engine::Engine,
}

impl PartialEq for LinkageGraph {
    /// Equal when the focal town, the actors and the linkages are equal,
    /// in order.
    fn eq(&self, other: &Self) -> bool {
        self.focal_town == other.focal_town && self.actors().eq(other.actors()) && self.linkages().eq(other.linkages())
    }
}

impl LinkageGraph {
    /// Starts building a graph around `focal_town`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{LinkageGraph, TownId};
    /// let g = LinkageGraph::builder(TownId::new("shunde")?).build()?;
    /// assert_eq!(g.actor_count(), 0);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn builder(focal_town: TownId) -> LinkageGraphBuilder {
        LinkageGraphBuilder { raw: RawGraph { focal_town, actors: Vec::new(), linkages: Vec::new() } }
    }

    /// Validates the parts and builds the graph, reporting every problem.
    pub(crate) fn from_raw_all(raw: RawGraph) -> Result<LinkageGraph, Vec<Error>> {
        let mut errors = Vec::new();
        let mut graph = DiGraph::with_capacity(raw.actors.len(), raw.linkages.len());
        let mut index = ActorIndex::with_capacity_and_hasher(raw.actors.len(), Default::default());
        for actor in raw.actors {
            if index.contains_key(actor.id()) {
                errors.push(Error::DuplicateId { kind: IdKind::Actor, id: actor.id().to_string() });
                continue;
            }
            let id = actor.id().clone();
            let node = graph.add_node(actor);
            index.insert(id, node);
        }
        for l in raw.linkages {
            // Formatted only for a linkage with a problem.
            let referrer = || format!("linkage '{}' -> '{}'", l.from, l.to);
            let from = index.get(&l.from).copied();
            let to = index.get(&l.to).copied();
            let mut ok = true;
            for (end, id) in [(from, &l.from), (to, &l.to)] {
                if end.is_none() {
                    errors.push(Error::UnknownReference {
                        kind: IdKind::Actor,
                        id: id.to_string(),
                        referrer: referrer(),
                    });
                    ok = false;
                }
            }
            if l.from == l.to {
                errors.push(Error::SelfLinkage { actor: l.from.to_string() });
                ok = false;
            }
            if let Some(w) = l.weight {
                if !w.is_finite() || w < 0.0 {
                    errors.push(Error::InvalidWeight { from: l.from.to_string(), to: l.to.to_string(), weight: w });
                    ok = false;
                }
            }
            if let (Some(since), Some(until)) = (l.since, l.until) {
                if until < since {
                    errors.push(Error::UntilBeforeSince { since, until }.context(referrer()));
                    ok = false;
                }
            }
            if let (true, Some(f), Some(t)) = (ok, from, to) {
                let linkage = Linkage {
                    kind: l.kind,
                    scale: l.scale,
                    since: l.since,
                    until: l.until,
                    valence: l.valence,
                    // Checked above.
                    weight: Weight::of(l.weight),
                    source: l.source,
                };
                graph.add_edge(f, t, linkage);
            }
        }
        if errors.is_empty() {
            Ok(LinkageGraph { focal_town: raw.focal_town, graph, index, engine: engine::Engine::default() })
        } else {
            Err(errors)
        }
    }

    pub(crate) fn to_raw(&self) -> RawGraph {
        RawGraph {
            focal_town: self.focal_town.clone(),
            actors: self.actors().cloned().collect(),
            linkages: self
                .linkages()
                .map(|(from, to, l)| RawLinkage {
                    from: from.clone(),
                    to: to.clone(),
                    kind: l.kind,
                    scale: l.scale,
                    since: l.since,
                    until: l.until,
                    valence: l.valence,
                    weight: l.weight.get(),
                    source: l.source.clone(),
                })
                .collect(),
        }
    }

    /// The focal town.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{LinkageGraph, TownId};
    /// let g = LinkageGraph::builder(TownId::new("shunde")?).build()?;
    /// assert_eq!(g.focal_town().as_str(), "shunde");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn focal_town(&self) -> &TownId {
        &self.focal_town
    }

    /// The number of actors.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{LinkageGraph, TownId};
    /// assert_eq!(LinkageGraph::builder(TownId::new("t")?).build()?.actor_count(), 0);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn actor_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The number of linkages.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{LinkageGraph, TownId};
    /// assert_eq!(LinkageGraph::builder(TownId::new("t")?).build()?.linkage_count(), 0);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn linkage_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The actors, in insertion order.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, LinkageGraph, TownId};
    /// let g = LinkageGraph::builder(TownId::new("t")?)
    ///     .actor(Actor::new(ActorId::new("a")?, "A", ActorKind::University)?)
    ///     .build()?;
    /// assert_eq!(g.actors().next().map(|a| a.name()), Some("A"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn actors(&self) -> impl ExactSizeIterator<Item = &Actor> + '_ {
        self.graph.raw_nodes().iter().map(|n| &n.weight)
    }

    /// The actor with `id`, if present.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, LinkageGraph, TownId};
    /// let g = LinkageGraph::builder(TownId::new("t")?)
    ///     .actor(Actor::new(ActorId::new("a")?, "A", ActorKind::University)?)
    ///     .build()?;
    /// assert!(g.actor("a").is_some());
    /// assert!(g.actor("b").is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.index.get(id).and_then(|&n| self.graph.node_weight(n))
    }

    /// The linkages as `(from, to, linkage)`, in insertion order.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
    /// let (a, b) = (ActorId::new("a")?, ActorId::new("b")?);
    /// let g = LinkageGraph::builder(TownId::new("t")?)
    ///     .actor(Actor::new(a.clone(), "A", ActorKind::University)?)
    ///     .actor(Actor::new(b.clone(), "B", ActorKind::PrivateFirm)?)
    ///     .linkage(a, b, Linkage::new(LinkageKind::KnowledgeTransfer, Scale::Local, SourceId::new("s")?))
    ///     .build()?;
    /// let (from, to, l) = g.linkages().next().ok_or("no linkage")?;
    /// assert_eq!((from.as_str(), to.as_str(), l.kind()), ("a", "b", LinkageKind::KnowledgeTransfer));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn linkages(&self) -> impl ExactSizeIterator<Item = (&ActorId, &ActorId, &Linkage)> + '_ {
        self.graph.raw_edges().iter().map(move |e| {
            // Edges only ever join nodes of this graph.
            let from = &self.graph[e.source()].id;
            let to = &self.graph[e.target()].id;
            (from, to, &e.weight)
        })
    }

    /// The underlying petgraph graph, for crate-internal algorithms.
    #[allow(dead_code)]
    pub(crate) fn inner(&self) -> &DiGraph<Actor, Linkage> {
        &self.graph
    }

    /// The compact simple-graph adjacency, built on first use (O(n + m)) and
    /// kept for the graph's lifetime.
    pub(crate) fn csr(&self) -> &engine::Csr {
        self.engine.get(|| {
            let edges: Vec<(u32, u32)> =
                self.graph.raw_edges().iter().map(|e| (e.source().index() as u32, e.target().index() as u32)).collect();
            engine::Csr::build(self.graph.node_count(), &edges)
        })
    }

    /// How many times the compact adjacency was built (0 or 1).
    pub(crate) fn engine_builds(&self) -> usize {
        self.engine.builds()
    }

    /// The node index of an actor id, for crate-internal algorithms.
    #[allow(dead_code)]
    pub(crate) fn node(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// Every source id cited by an actor or a linkage, without saying
    /// where (cheap: no allocation).
    pub(crate) fn source_ids(&self) -> impl Iterator<Item = &SourceId> + '_ {
        self.actors().filter_map(Actor::source).chain(self.graph.raw_edges().iter().map(|e| &e.weight.source))
    }

    /// Every source id cited by an actor or a linkage, with where.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{LinkageGraph, TownId};
    /// assert_eq!(LinkageGraph::builder(TownId::new("t")?).build()?.cited_sources().count(), 0);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn cited_sources(&self) -> impl Iterator<Item = (String, &SourceId)> + '_ {
        let actors = self.actors().filter_map(|a| a.source().map(|s| (format!("actor '{}'", a.id()), s)));
        let links = self.linkages().map(|(f, t, l)| (format!("linkage '{f}' -> '{t}'"), l.source()));
        actors.chain(links)
    }
}

impl Serialize for LinkageGraph {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_raw().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for LinkageGraph {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawGraph::deserialize(deserializer)?;
        let focal = raw.focal_town.clone();
        LinkageGraph::from_raw_all(raw).map_err(|errors| {
            let msgs: Vec<String> = errors.iter().map(ToString::to_string).collect();
            serde::de::Error::custom(format!("linkage graph of '{focal}': {}", msgs.join("; ")))
        })
    }
}

/// Builds a [`LinkageGraph`]; see [`LinkageGraph::builder`]. Actors and
/// linkages may be added in any order; [`LinkageGraphBuilder::build`]
/// validates once.
///
/// # Example
///
/// ```
/// use regdev::{Actor, ActorId, ActorKind, LinkageGraph, TownId};
/// let err = LinkageGraph::builder(TownId::new("t")?)
///     .actor(Actor::new(ActorId::new("a")?, "A", ActorKind::University)?)
///     .actor(Actor::new(ActorId::new("a")?, "A again", ActorKind::University)?)
///     .build()
///     .unwrap_err();
/// assert_eq!(err.to_string(), "duplicate actor id 'a'");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until build() is called"]
pub struct LinkageGraphBuilder {
    raw: RawGraph,
}

impl LinkageGraphBuilder {
    /// Adds an actor.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, LinkageGraph, TownId};
    /// let g = LinkageGraph::builder(TownId::new("t")?).actor(Actor::new(ActorId::new("a")?, "A", ActorKind::Place)?).build()?;
    /// assert_eq!(g.actor_count(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn actor(mut self, actor: Actor) -> LinkageGraphBuilder {
        self.raw.actors.push(actor);
        self
    }

    /// Adds a linkage from `from` to `to`.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
    /// let (a, b) = (ActorId::new("a")?, ActorId::new("b")?);
    /// let g = LinkageGraph::builder(TownId::new("t")?)
    ///     .actor(Actor::new(a.clone(), "A", ActorKind::Place)?)
    ///     .actor(Actor::new(b.clone(), "B", ActorKind::Place)?)
    ///     .linkage(a, b, Linkage::new(LinkageKind::Market, Scale::National, SourceId::new("s")?))
    ///     .build()?;
    /// assert_eq!(g.linkage_count(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn linkage(mut self, from: ActorId, to: ActorId, linkage: Linkage) -> LinkageGraphBuilder {
        self.raw.linkages.push(RawLinkage {
            from,
            to,
            kind: linkage.kind,
            scale: linkage.scale,
            since: linkage.since,
            until: linkage.until,
            valence: linkage.valence,
            weight: linkage.weight.get(),
            source: linkage.source,
        });
        self
    }

    /// Validates and returns the graph, failing on the first problem.
    ///
    /// # Errors
    ///
    /// The first violation of the invariants listed on [`LinkageGraph`].
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
    /// let a = ActorId::new("a")?;
    /// let err = LinkageGraph::builder(TownId::new("t")?)
    ///     .actor(Actor::new(a.clone(), "A", ActorKind::Place)?)
    ///     .linkage(a.clone(), a, Linkage::new(LinkageKind::Market, Scale::Local, SourceId::new("s")?))
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.to_string(), "linkage from actor 'a' to itself is not allowed");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn build(self) -> Result<LinkageGraph, Error> {
        self.build_all().map_err(|errors| {
            errors
                .into_iter()
                .next()
                .unwrap_or(Error::Internal { what: "linkage graph validation failed without naming the problem" })
        })
    }

    /// Validates and returns the graph, or every problem found.
    ///
    /// # Errors
    ///
    /// Every violation of the invariants listed on [`LinkageGraph`], in
    /// input order (never an empty list).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
    /// let (a, b) = (ActorId::new("a")?, ActorId::new("b")?);
    /// let errors = LinkageGraph::builder(TownId::new("t")?)
    ///     .linkage(a.clone(), b.clone(), Linkage::new(LinkageKind::Market, Scale::Local, SourceId::new("s")?))
    ///     .build_all()
    ///     .unwrap_err();
    /// assert_eq!(errors.len(), 2); // both ends unknown
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn build_all(self) -> Result<LinkageGraph, Vec<Error>> {
        LinkageGraph::from_raw_all(self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linkage_is_compact_and_its_weight_reads_as_an_option() -> Result<(), Error> {
        // Millions of linkages in a large atlas: each byte counts.
        assert_eq!(std::mem::size_of::<Option<Year>>(), 2);
        assert!(std::mem::size_of::<Linkage>() <= 32, "{} bytes", std::mem::size_of::<Linkage>());
        assert!(std::mem::size_of::<Actor>() <= 72, "{} bytes", std::mem::size_of::<Actor>());
        let l = Linkage::new(LinkageKind::Supply, Scale::Local, SourceId::new("s")?);
        assert_eq!(l.weight(), None);
        assert!(format!("{l:?}").contains("weight: None"));
        let zero = l.clone().with_weight(-0.0)?;
        assert_eq!(zero.weight(), Some(0.0));
        assert!(format!("{zero:?}").contains("weight: Some(0.0)"));
        assert_ne!(zero, l);
        let json = serde_json::to_string(&l.clone().with_weight(2.5)?)
            .map_err(|e| Error::Io { operation: "serializing", message: e.to_string() })?;
        assert!(json.contains("\"weight\":2.5"), "{json}");
        let none =
            serde_json::to_string(&l).map_err(|e| Error::Io { operation: "serializing", message: e.to_string() })?;
        assert!(!none.contains("weight"), "{none}");
        Ok(())
    }
}
