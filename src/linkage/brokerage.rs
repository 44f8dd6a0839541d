//! Brokerage roles (Gould & Fernandez 1989) and the E–I index (Krackhardt &
//! Stern 1988) over a grouping of actors: the questions cluster research
//! asks of a town's network — who brokers between local firms and outside
//! partners (Giuliani & Bell 2005's technological gatekeepers), and how much
//! of the network is "local buzz" against "global pipelines" (Bathelt,
//! Malmberg & Maskell 2004).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{Actor, LinkageGraph};
use crate::id::IdKind;
use crate::{ActorId, Error};

/// How actors are grouped for [brokerage](LinkageGraph::brokerage) and the
/// [E–I index](LinkageGraph::ei_index); see the brokerage methods of [`LinkageGraph`].
///
/// # Example
///
/// ```
/// use regdev::Grouping;
/// assert_eq!("kind".parse::<Grouping>()?, Grouping::Kind);
/// assert!("locality".parse::<Grouping>().is_ok()); // local = based in the focal town
/// assert!("colour".parse::<Grouping>().is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Grouping {
    /// By [`ActorKind`](super::ActorKind) id (`private_firm`, …).
    Kind,
    /// By [`Actor::place`], as written; `unknown` when not given.
    Place,
    /// `local` for actors based in one of these places (compared
    /// ignoring ASCII case and surrounding space), `non_local` for the
    /// others, `unknown` for actors without a place. An empty set means
    /// the focal town alone, matched by its id (`kunshan` matches
    /// "Kunshan").
    Locality(BTreeSet<String>),
    /// Labels by actor id; actors without one form the group `unknown`.
    Custom(BTreeMap<String, String>),
}

impl core::str::FromStr for Grouping {
    type Err = Error;
    /// `kind`, `place` or `locality` (with the focal town as the only local
    /// place).
    fn from_str(s: &str) -> Result<Grouping, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "kind" => Ok(Grouping::Kind),
            "place" => Ok(Grouping::Place),
            "locality" => Ok(Grouping::Locality(BTreeSet::new())),
            _ => Err(Error::UnknownVariant {
                kind: "grouping",
                value: s.to_owned(),
                expected: "kind, place, locality".to_owned(),
            }),
        }
    }
}

impl Grouping {
    /// [`Grouping::Locality`] with these local places.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Grouping;
    /// assert!(matches!(Grouping::locality(["Shunde", "Leliu"]), Grouping::Locality(p) if p.len() == 2));
    /// ```
    #[must_use]
    pub fn locality(places: impl IntoIterator<Item = impl AsRef<str>>) -> Grouping {
        Grouping::Locality(places.into_iter().map(|p| p.as_ref().trim().to_ascii_lowercase()).collect())
    }

    fn label(&self, g: &LinkageGraph, a: &Actor) -> String {
        match self {
            Grouping::Kind => a.kind().id().to_owned(),
            Grouping::Place => a.place().map_or_else(|| "unknown".to_owned(), |p| p.as_str().to_owned()),
            Grouping::Locality(places) => match a.place() {
                None => "unknown".to_owned(),
                Some(p) => {
                    let p = p.as_str().trim().to_ascii_lowercase();
                    let local = if places.is_empty() {
                        p == g.focal_town().as_str() || p.replace(' ', "-") == g.focal_town().as_str()
                    } else {
                        places.iter().any(|l| l.trim().eq_ignore_ascii_case(&p))
                    };
                    if local { "local".to_owned() } else { "non_local".to_owned() }
                }
            },
            Grouping::Custom(labels) => labels.get(a.id().as_str()).cloned().unwrap_or_else(|| "unknown".to_owned()),
        }
    }
}

/// One actor's brokerage counts: open two-paths through it by the groups of
/// their ends (see [`LinkageGraph::brokerage`]).
///
/// # Example
///
/// ```
/// use regdev::BrokerageRoles;
/// let r = BrokerageRoles::default();
/// assert_eq!(r.total, 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokerageRoles {
    /// A → A → A (`w_I`).
    pub coordinator: u64,
    /// A → B → A (`w_O`).
    pub itinerant: u64,
    /// A → B → B (`b_OI`).
    pub gatekeeper: u64,
    /// A → A → B (`b_IO`).
    pub representative: u64,
    /// A → B → C (`b_O`).
    pub liaison: u64,
    /// All of the above (`t`).
    pub total: u64,
}

/// Brokerage counts of every actor, in actor insertion order; see
/// [`LinkageGraph::brokerage`].
///
/// # Serialization
///
/// A list of `[actor id, roles]` pairs.
///
/// # Example
///
/// ```
/// # use regdev::{LinkageGraph, TownId}; use regdev::Grouping;
/// let b = LinkageGraph::builder(TownId::new("t")?).build()?.brokerage(&Grouping::Kind)?;
/// assert!(b.top_gatekeepers(3).is_empty());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Brokerage {
    values: Vec<(ActorId, BrokerageRoles)>,
}

impl Brokerage {
    /// The roles of actor `id`, if it is in the graph.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, LinkageGraph, TownId}; use regdev::Grouping;
    /// let g = LinkageGraph::builder(TownId::new("t")?).actor(Actor::new(ActorId::new("a")?, "A", ActorKind::Place)?).build()?;
    /// assert_eq!(g.brokerage(&Grouping::Kind)?.get("a").map(|r| r.total), Some(0));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, id: &str) -> Option<BrokerageRoles> {
        self.values.iter().find(|(a, _)| a.as_str() == id).map(|&(_, r)| r)
    }

    /// The `(actor, roles)` pairs in actor insertion order.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, LinkageGraph, TownId}; use regdev::Grouping;
    /// let g = LinkageGraph::builder(TownId::new("t")?).actor(Actor::new(ActorId::new("a")?, "A", ActorKind::Place)?).build()?;
    /// assert_eq!(g.brokerage(&Grouping::Kind)?.iter().count(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&ActorId, &BrokerageRoles)> + '_ {
        self.values.iter().map(|(a, r)| (a, r))
    }

    /// At most `k` actors with the most gatekeeper two-paths, most first,
    /// ties by id; actors that are no gatekeeper are left out.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
    /// # use regdev::Grouping;
    /// # let s = SourceId::new("s")?;
    /// # let (a, v, b) = (ActorId::new("a")?, ActorId::new("v")?, ActorId::new("b")?);
    /// let g = LinkageGraph::builder(TownId::new("t")?)
    ///     .actor(Actor::new(a.clone(), "Outsider", ActorKind::Place)?)
    ///     .actor(Actor::new(v.clone(), "Broker", ActorKind::PrivateFirm)?)
    ///     .actor(Actor::new(b.clone(), "Insider", ActorKind::PrivateFirm)?)
    ///     .linkage(a, v.clone(), Linkage::new(LinkageKind::Market, Scale::Global, s.clone()))
    ///     .linkage(v, b, Linkage::new(LinkageKind::Supply, Scale::Local, s))
    ///     .build()?;
    /// let roles = g.brokerage(&Grouping::Kind)?;
    /// let top = roles.top_gatekeepers(5);
    /// assert_eq!(top.len(), 1);
    /// assert_eq!((top[0].0.as_str(), top[0].1), ("v", 1));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn top_gatekeepers(&self, k: usize) -> Vec<(&ActorId, u64)> {
        let mut all: Vec<(&ActorId, u64)> =
            self.values.iter().filter(|(_, r)| r.gatekeeper > 0).map(|(a, r)| (a, r.gatekeeper)).collect();
        all.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
        all.truncate(k);
        all
    }
}

/// The E–I index of every actor, every group and the whole graph; see
/// [`LinkageGraph::ei_index`].
///
/// # Example
///
/// ```
/// # use regdev::{LinkageGraph, TownId}; use regdev::Grouping;
/// let ei = LinkageGraph::builder(TownId::new("t")?).build()?.ei_index(&Grouping::Kind)?;
/// assert_eq!(ei.graph(), None); // no ties
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EiIndex {
    actors: Vec<(ActorId, Option<f64>)>,
    groups: BTreeMap<String, Option<f64>>,
    graph: Option<f64>,
}

impl EiIndex {
    /// The index of actor `id`; `None` if it has no ties or is not in the
    /// graph.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{LinkageGraph, TownId}; use regdev::Grouping;
    /// let ei = LinkageGraph::builder(TownId::new("t")?).build()?.ei_index(&Grouping::Kind)?;
    /// assert_eq!(ei.actor("nobody"), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn actor(&self, id: &str) -> Option<f64> {
        self.actors.iter().find(|(a, _)| a.as_str() == id).and_then(|&(_, v)| v)
    }

    /// The `(actor, index)` pairs in actor insertion order.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{LinkageGraph, TownId}; use regdev::Grouping;
    /// let ei = LinkageGraph::builder(TownId::new("t")?).build()?.ei_index(&Grouping::Kind)?;
    /// assert_eq!(ei.actors().count(), 0);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn actors(&self) -> impl ExactSizeIterator<Item = (&ActorId, Option<f64>)> + '_ {
        self.actors.iter().map(|(a, v)| (a, *v))
    }

    /// The index of group `label`; `None` if the group has no ties or does
    /// not exist.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{LinkageGraph, TownId}; use regdev::Grouping;
    /// let ei = LinkageGraph::builder(TownId::new("t")?).build()?.ei_index(&Grouping::Kind)?;
    /// assert_eq!(ei.group("university"), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn group(&self, label: &str) -> Option<f64> {
        self.groups.get(label).copied().flatten()
    }

    /// Every group with its index, by label.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{LinkageGraph, TownId}; use regdev::Grouping;
    /// let ei = LinkageGraph::builder(TownId::new("t")?).build()?.ei_index(&Grouping::Kind)?;
    /// assert!(ei.groups().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn groups(&self) -> &BTreeMap<String, Option<f64>> {
        &self.groups
    }

    /// The index of the whole graph; `None` without ties.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{LinkageGraph, TownId}; use regdev::Grouping;
    /// assert_eq!(LinkageGraph::builder(TownId::new("t")?).build()?.ei_index(&Grouping::Kind)?.graph(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn graph(&self) -> Option<f64> {
        self.graph
    }
}

fn ratio(external: u64, internal: u64) -> Option<f64> {
    let all = external + internal;
    (all > 0).then(|| (external as f64 - internal as f64) / all as f64)
}

/// Brokerage and E–I index.
///
/// Brokerage roles (Gould & Fernandez 1989) and the E–I index (Krackhardt &
/// Stern 1988) over a grouping of actors: the questions cluster research
/// asks of a town's network — who brokers between local firms and outside
/// partners (Giuliani & Bell 2005's technological gatekeepers), and how much
/// of the network is "local buzz" against "global pipelines" (Bathelt,
/// Malmberg & Maskell 2004).
///
/// Full references: the guide's [references](crate::guide::references#networks).
///
/// # Groupings
///
/// A [`Grouping`] gives every actor one group label: its
/// [kind](super::ActorKind) id, its [place](super::Actor::place), whether it
/// is based in the focal town ([`Grouping::Locality`]: `local` or
/// `non_local`), or labels of the caller's ([`Grouping::Custom`]). Actors
/// whose place (or custom label) is unknown form the group `unknown`.
///
/// # Brokerage
///
/// Actor `v` brokers for the ordered pair `(a, b)` when `a → v → b`, `a ≠
/// b` and there is no linkage `a → b` (an open two-path of the simple
/// directed graph). By the groups of `a`, `v` and `b`:
///
/// | role | two-path | R `sna::brokerage` column |
/// |---|---|---|
/// | coordinator | A → A → A | `w_I` |
/// | itinerant | A → B → A | `w_O` |
/// | gatekeeper | A → B → B (into the broker's group) | `b_OI` |
/// | representative | A → A → B (out of the broker's group) | `b_IO` |
/// | liaison | A → B → C | `b_O` |
/// | total | any | `t` |
///
/// These are the raw counts of R's `sna::brokerage(g, cl)$raw.nli` (sna
/// 2.7), which the crate's tests check on the built-in graphs and random
/// graphs of 60–120 actors in three groups. Complexity: O(Σ_v in(v) ·
/// (out(v) + max out)), one pass, no allocation per broker.
///
/// # E–I index
///
/// On the simple *undirected* graph (a tie joins two actors linked in
/// either direction, counted once), with `E` the ties that cross group
/// boundaries and `I` the ties inside a group, the E–I index is `(E − I) /
/// (E + I)`, from −1 (every tie inside the group: local buzz only) to +1
/// (every tie to outsiders: pipelines only). Per actor over its own ties;
/// per group over the ties with at least one end in the group (a tie
/// inside counts once as internal); for the graph over all ties. An actor
/// or group without ties has no index (`None`).
///
/// # Example
///
/// ```
/// use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
/// use regdev::Grouping;
///
/// // A foreign investor supplies a local park through the town government.
/// let s = SourceId::new("s")?;
/// let (fdi, gov, park) = (ActorId::new("fdi")?, ActorId::new("gov")?, ActorId::new("park")?);
/// let g = LinkageGraph::builder(TownId::new("kunshan")?)
///     .actor(Actor::new(fdi.clone(), "Investors", ActorKind::ForeignInvestedFirm)?.with_place("Taiwan")?)
///     .actor(Actor::new(gov.clone(), "Government", ActorKind::LocalGovernment)?.with_place("Kunshan")?)
///     .actor(Actor::new(park.clone(), "Park", ActorKind::IndustrialPark)?.with_place("Kunshan")?)
///     .linkage(fdi, gov.clone(), Linkage::new(LinkageKind::Investment, Scale::Global, s.clone()))
///     .linkage(gov, park, Linkage::new(LinkageKind::Governance, Scale::Local, s))
///     .build()?;
/// let locality = Grouping::locality(["Kunshan"]);
/// let roles = g.brokerage(&locality)?;
/// assert_eq!(roles.get("gov").map(|r| r.gatekeeper), Some(1)); // Taiwan -> Kunshan -> Kunshan
/// let ei = g.ei_index(&locality)?;
/// assert_eq!(ei.graph(), Some(0.0)); // one tie across, one inside
/// assert_eq!(ei.group("local"), Some(0.0));
/// # Ok::<(), regdev::Error>(())
/// ```
impl LinkageGraph {
    /// Every actor's group label under `grouping`, in actor insertion
    /// order.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownReference`] if a [`Grouping::Custom`] map labels an
    /// actor that is not in the graph (a misspelt id would otherwise put
    /// the actor it meant into `unknown` without a word).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, LinkageGraph, TownId}; use regdev::Grouping;
    /// let g = LinkageGraph::builder(TownId::new("kunshan")?)
    ///     .actor(Actor::new(ActorId::new("gov")?, "Government", ActorKind::LocalGovernment)?.with_place("Kunshan")?)
    ///     .actor(Actor::new(ActorId::new("tw")?, "Investors", ActorKind::ForeignInvestedFirm)?.with_place("Taiwan")?)
    ///     .build()?;
    /// assert_eq!(g.group_labels(&Grouping::Kind)?, ["local_government", "foreign_invested_firm"]);
    /// assert_eq!(g.group_labels(&"locality".parse()?)?, ["local", "non_local"]);
    /// let custom = Grouping::Custom([("gov".to_owned(), "state".to_owned())].into());
    /// assert_eq!(g.group_labels(&custom)?, ["state", "unknown"]);
    /// assert!(g.group_labels(&Grouping::Custom([("gvo".to_owned(), "state".to_owned())].into())).is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn group_labels(&self, grouping: &Grouping) -> Result<Vec<String>, Error> {
        if let Grouping::Custom(labels) = grouping {
            if let Some(id) = labels.keys().find(|id| self.actor(id).is_none()) {
                return Err(Error::UnknownReference {
                    kind: IdKind::Actor,
                    id: id.clone(),
                    referrer: format!("grouping of '{}'", self.focal_town()),
                });
            }
        }
        Ok(self.actors().map(|a| grouping.label(self, a)).collect())
    }

    /// Gould–Fernandez brokerage counts of every actor under `grouping`
    /// (the roles are defined with the brokerage methods of [`LinkageGraph`]).
    /// Equals the raw counts of R's `sna::brokerage(g, cl)` on the simple
    /// directed graph.
    ///
    /// # Errors
    ///
    /// As [`group_labels`](LinkageGraph::group_labels).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
    /// # use regdev::Grouping;
    /// # let s = SourceId::new("s")?;
    /// # let (a, v, b) = (ActorId::new("a")?, ActorId::new("v")?, ActorId::new("b")?);
    /// // a -> v -> b, all private firms: v coordinates a and b.
    /// let g = LinkageGraph::builder(TownId::new("t")?)
    ///     .actor(Actor::new(a.clone(), "A", ActorKind::PrivateFirm)?)
    ///     .actor(Actor::new(v.clone(), "V", ActorKind::PrivateFirm)?)
    ///     .actor(Actor::new(b.clone(), "B", ActorKind::PrivateFirm)?)
    ///     .linkage(a, v.clone(), Linkage::new(LinkageKind::Supply, Scale::Local, s.clone()))
    ///     .linkage(v, b, Linkage::new(LinkageKind::Supply, Scale::Local, s))
    ///     .build()?;
    /// let v = g.brokerage(&Grouping::Kind)?.get("v").ok_or("no v")?;
    /// assert_eq!((v.coordinator, v.total), (1, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn brokerage(&self, grouping: &Grouping) -> Result<Brokerage, Error> {
        let group = self.group_ids(grouping)?;
        let csr = self.csr();
        let n = self.actor_count();
        let mut stamp = vec![usize::MAX; n];
        let mut roles = vec![BrokerageRoles::default(); n];
        for (v, r) in roles.iter_mut().enumerate() {
            let gv = group.get(v).copied().unwrap_or(0);
            for &a in csr.inc.row(v) {
                let a = a as usize;
                for &x in csr.out.row(a) {
                    if let Some(s) = stamp.get_mut(x as usize) {
                        *s = a;
                    }
                }
                let ga = group.get(a).copied().unwrap_or(0);
                for &b in csr.out.row(v) {
                    let b = b as usize;
                    if b == a || stamp.get(b).copied() == Some(a) {
                        continue;
                    }
                    let gb = group.get(b).copied().unwrap_or(0);
                    let slot = match (ga == gv, gv == gb, ga == gb) {
                        (true, true, _) => &mut r.coordinator,
                        (false, false, true) => &mut r.itinerant,
                        (false, true, _) => &mut r.gatekeeper,
                        (true, false, _) => &mut r.representative,
                        (false, false, false) => &mut r.liaison,
                    };
                    *slot += 1;
                    r.total += 1;
                }
            }
        }
        Ok(Brokerage { values: self.actors().map(|a| a.id().clone()).zip(roles).collect() })
    }

    /// The Krackhardt–Stern E–I index per actor, per group and for the
    /// graph under `grouping` (defined with the brokerage methods of [`LinkageGraph`]).
    ///
    /// # Errors
    ///
    /// As [`group_labels`](LinkageGraph::group_labels).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
    /// # use regdev::Grouping;
    /// # let s = SourceId::new("s")?;
    /// # let (a, b, c) = (ActorId::new("a")?, ActorId::new("b")?, ActorId::new("c")?);
    /// // a - b inside the private firms, b - c across to a university.
    /// let g = LinkageGraph::builder(TownId::new("t")?)
    ///     .actor(Actor::new(a.clone(), "A", ActorKind::PrivateFirm)?)
    ///     .actor(Actor::new(b.clone(), "B", ActorKind::PrivateFirm)?)
    ///     .actor(Actor::new(c.clone(), "C", ActorKind::University)?)
    ///     .linkage(a, b.clone(), Linkage::new(LinkageKind::Supply, Scale::Local, s.clone()))
    ///     .linkage(c, b, Linkage::new(LinkageKind::KnowledgeTransfer, Scale::Local, s))
    ///     .build()?;
    /// let ei = g.ei_index(&Grouping::Kind)?;
    /// assert_eq!((ei.actor("a"), ei.actor("b"), ei.actor("c")), (Some(-1.0), Some(0.0), Some(1.0)));
    /// assert_eq!(ei.group("private_firm"), Some(0.0)); // one tie inside, one out
    /// assert_eq!(ei.graph(), Some(0.0));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn ei_index(&self, grouping: &Grouping) -> Result<EiIndex, Error> {
        let labels = self.group_labels(grouping)?;
        let group = self.group_ids(grouping)?;
        let csr = self.csr();
        let n = self.actor_count();
        let mut per_actor = vec![(0u64, 0u64); n];
        let count = group.iter().copied().max().map_or(0, |m| m + 1);
        let mut per_group = vec![(0u64, 0u64); count];
        let (mut ext, mut int) = (0u64, 0u64);
        for (v, tally) in per_actor.iter_mut().enumerate() {
            let gv = group.get(v).copied().unwrap_or(0);
            for &w in csr.und.row(v) {
                let w = w as usize;
                let same = group.get(w).copied() == Some(gv);
                if same {
                    tally.1 += 1
                } else {
                    tally.0 += 1
                }
                if w > v {
                    // Each tie once.
                    if same {
                        int += 1;
                        if let Some(t) = per_group.get_mut(gv) {
                            t.1 += 1;
                        }
                    } else {
                        ext += 1;
                        for g in [Some(gv), group.get(w).copied()].into_iter().flatten() {
                            if let Some(t) = per_group.get_mut(g) {
                                t.0 += 1;
                            }
                        }
                    }
                }
            }
        }
        let mut groups = BTreeMap::new();
        for (v, label) in labels.iter().enumerate() {
            if let Some(&g) = group.get(v) {
                let (e, i) = per_group.get(g).copied().unwrap_or((0, 0));
                groups.insert(label.clone(), ratio(e, i));
            }
        }
        Ok(EiIndex {
            actors: self
                .actors()
                .map(|a| a.id().clone())
                .zip(per_actor.into_iter().map(|(e, i)| ratio(e, i)))
                .collect(),
            groups,
            graph: ratio(ext, int),
        })
    }

    /// Dense group numbers (0, 1, …) per actor, in first-seen order.
    fn group_ids(&self, grouping: &Grouping) -> Result<Vec<usize>, Error> {
        let labels = self.group_labels(grouping)?;
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        Ok(labels
            .iter()
            .map(|l| {
                let next = ids.len();
                *ids.entry(l.as_str()).or_insert(next)
            })
            .collect())
    }
}
