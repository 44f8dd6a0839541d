//! [`Query`]: typed, composable filters over an [`Atlas`].

use std::ops::{Bound, RangeBounds};

use fixedbitset::FixedBitSet;

use crate::atlas::Columns;
use crate::{
    AdminLevel, Atlas, Currency, DimensionValue, IndustryDivision, LinkageKind, Money, Place, RegionalModel, Scale,
    Town, TownId,
};

/// A numeric range with inclusive or exclusive ends.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Range {
    lo: Bound<f64>,
    hi: Bound<f64>,
}

impl Range {
    fn of<T: Copy>(r: &impl RangeBounds<T>, to_f64: impl Fn(T) -> f64) -> Range {
        let map = |b: Bound<&T>| match b {
            Bound::Included(v) => Bound::Included(to_f64(*v)),
            Bound::Excluded(v) => Bound::Excluded(to_f64(*v)),
            Bound::Unbounded => Bound::Unbounded,
        };
        Range { lo: map(r.start_bound()), hi: map(r.end_bound()) }
    }

    fn contains(&self, v: f64) -> bool {
        let lo = match self.lo {
            Bound::Included(x) => v >= x,
            Bound::Excluded(x) => v > x,
            Bound::Unbounded => true,
        };
        let hi = match self.hi {
            Bound::Included(x) => v <= x,
            Bound::Excluded(x) => v < x,
            Bound::Unbounded => true,
        };
        lo && hi
    }
}

/// A money range: bounds in one currency.
#[derive(Debug, Clone, Copy, PartialEq)]
struct MoneyRange {
    currency: Currency,
    range: Range,
}

impl MoneyRange {
    /// Builds the range; bounds in different currencies are normalised to
    /// the first bound's currency only if they agree, otherwise the query
    /// matches nothing (documented on the constructors).
    fn of(r: &impl RangeBounds<Money>) -> Option<MoneyRange> {
        let cur = |b: Bound<&Money>| match b {
            Bound::Included(m) | Bound::Excluded(m) => Some(m.currency()),
            Bound::Unbounded => None,
        };
        let (a, b) = (cur(r.start_bound()), cur(r.end_bound()));
        let currency = match (a, b) {
            (Some(x), Some(y)) if x != y => return None,
            (Some(x), _) | (None, Some(x)) => x,
            (None, None) => Currency::Cny,
        };
        let map = |b: Bound<&Money>| match b {
            Bound::Included(m) => Bound::Included(m.amount()),
            Bound::Excluded(m) => Bound::Excluded(m.amount()),
            Bound::Unbounded => Bound::Unbounded,
        };
        Some(MoneyRange { currency, range: Range { lo: map(r.start_bound()), hi: map(r.end_bound()) } })
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    All,
    Model(RegionalModel),
    Level(AdminLevel),
    Province(String),
    Parent(TownId),
    Specialisation(IndustryDivision),
    Area(Range),
    Population(Range),
    Gdp(Option<MoneyRange>),
    GdpPerCapita(Option<MoneyRange>),
    Dimension(DimensionValue),
    LinkageAtScale(Scale),
    BorrowsFrom(Place),
    LinkageOfKind(LinkageKind),
    And(Vec<Query>),
    Or(Vec<Query>),
    Not(Box<Query>),
}

/// A typed, composable filter over the towns of an [`Atlas`].
///
/// A query is a tree of predicates on towns, combined with
/// [`Query::and`], [`Query::or`] and [`Query::not`], or the operators
/// `&`, `|` and `!`. Running it yields the
/// matching towns in the atlas's stable order.
///
/// # Semantics
///
/// - A predicate on a missing value does not match: a town without a
///   population matches no population range (and `not` of that range does
///   match it).
/// - Money ranges are given in a currency of your choice; a town's figure
///   in another currency is converted with the atlas's exchange rate for the
///   figure's year. A figure that cannot be converted (no year, or no rate
///   for it) does not match. [`Query::unconvertible`] lists such towns, so
///   nothing drops out unseen.
/// - Measured facts (area, population, GDP, GDP per capita) are the town's
///   headline figures ([`KeyFacts::area`](crate::KeyFacts::area) and
///   siblings): the latest observation of the headline kind (resident
///   population, total area, or unstated), by the rule of
///   [`Selection`](crate::Selection). Registered or migrant populations and
///   older years are never mixed in.
/// - Linkage predicates look at the town's own linkage graph (the one whose
///   focal town it is); a town without a graph matches none.
///
/// # Example
///
/// ```
/// use regdev::{Atlas, Query, Scale};
/// let atlas = Atlas::builtin();
/// let global = Query::linkage_at_scale(Scale::Global);
/// assert_eq!(atlas.query(&global).map(|t| t.id().as_str()).collect::<Vec<_>>(), ["kunshan", "qiaotou"]);
/// assert_eq!(global.count(atlas), 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Query(Node);

impl Default for Query {
    fn default() -> Query {
        Query::all()
    }
}

impl Query {
    /// Matches every town.
    ///
    /// # Example
    ///
    /// ```
    /// let atlas = regdev::Atlas::builtin();
    /// assert_eq!(regdev::Query::all().count(atlas), atlas.towns().len());
    /// ```
    #[must_use]
    pub fn all() -> Query {
        Query(Node::All)
    }

    /// Towns placed in `model`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Query, RegionalModel};
    /// let atlas = regdev::Atlas::builtin();
    /// let sunan = atlas.towns().filter(|t| t.model().map(|m| *m.value()) == Some(RegionalModel::Sunan)).count();
    /// assert_eq!(Query::model(RegionalModel::Sunan).count(atlas), sunan);
    /// ```
    #[must_use]
    pub fn model(model: RegionalModel) -> Query {
        Query(Node::Model(model))
    }

    /// Towns at `level`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Query};
    /// assert_eq!(Query::level(AdminLevel::Subdistrict).count(regdev::Atlas::builtin()), 4);
    /// ```
    #[must_use]
    pub fn level(level: AdminLevel) -> Query {
        Query(Node::Level(level))
    }

    /// Towns in `province` (ASCII case-insensitive).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Query::province("jiangsu").count(regdev::Atlas::builtin()), 16);
    /// ```
    #[must_use]
    pub fn province(province: impl Into<String>) -> Query {
        Query(Node::Province(province.into()))
    }

    /// Direct children of `parent`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Query, TownId};
    /// assert_eq!(Query::parent(TownId::new("shunde")?).count(regdev::Atlas::builtin()), 10);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn parent(parent: TownId) -> Query {
        Query(Node::Parent(parent))
    }

    /// Towns with a specialisation in `industry`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{IndustryDivision, Query};
    /// assert_eq!(Query::specialisation(IndustryDivision::C38).count(regdev::Atlas::builtin()), 7);
    /// ```
    #[must_use]
    pub fn specialisation(industry: IndustryDivision) -> Query {
        Query(Node::Specialisation(industry))
    }

    /// Towns whose area in km² lies in `range`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Query::area(800.0..900.0).count(regdev::Atlas::builtin()), 1);
    /// ```
    #[must_use]
    pub fn area(range: impl RangeBounds<f64>) -> Query {
        Query(Node::Area(Range::of(&range, |v| v)))
    }

    /// Towns whose population lies in `range`. Bounds are `u64` persons,
    /// as [`Population::get`](crate::Population::get) returns, so a bound
    /// can be a population's count or a plain integer literal.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, Query};
    /// let atlas = Atlas::builtin();
    /// let small = atlas.towns().filter(|t| t.key_facts().population().is_some_and(|p| p.value().get() <= 2_000_000));
    /// assert_eq!(Query::population(..=2_000_000).count(atlas), small.count());
    /// let shunde = atlas.require_town("shunde")?.key_facts().population().ok_or("?")?.value().get();
    /// assert_eq!(Query::population(shunde..).count(atlas), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn population(range: impl RangeBounds<u64>) -> Query {
        // Exact for every count up to 2^53, far above any population.
        #[allow(clippy::cast_precision_loss)]
        Query(Node::Population(Range::of(&range, |v| v as f64)))
    }

    /// Towns whose GDP lies in `range`. Both bounds must be in the same
    /// currency; a range mixing currencies matches nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Money, Query};
    /// let q = Query::gdp(Money::new(260e9, Currency::Cny)?..);
    /// assert_eq!(q.count(regdev::Atlas::builtin()), 2);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn gdp(range: impl RangeBounds<Money>) -> Query {
        Query(Node::Gdp(MoneyRange::of(&range)))
    }

    /// Towns whose stated GDP per capita lies in `range`; see
    /// [`Query::gdp`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Money, Query};
    /// let q = Query::gdp_per_capita(Money::new(20e3, Currency::Usd)?..);
    /// assert_eq!(q.count(regdev::Atlas::builtin()), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn gdp_per_capita(range: impl RangeBounds<Money>) -> Query {
        Query(Node::GdpPerCapita(MoneyRange::of(&range)))
    }

    /// Towns whose profile has exactly this value on its dimension.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{DimensionValue, Query};
    /// use regdev::Dynamics;
    /// let q = Query::dimension(DimensionValue::Dynamics(Dynamics::GovernmentLed));
    /// assert_eq!(q.count(regdev::Atlas::builtin()), 3);
    /// ```
    #[must_use]
    pub fn dimension(value: DimensionValue) -> Query {
        Query(Node::Dimension(value))
    }

    /// Towns whose linkage graph has a linkage at `scale`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Query, Scale};
    /// assert_eq!(Query::linkage_at_scale(Scale::Local).count(regdev::Atlas::builtin()), 3);
    /// ```
    #[must_use]
    pub fn linkage_at_scale(scale: Scale) -> Query {
        Query(Node::LinkageAtScale(scale))
    }

    /// Towns whose linkage graph has a linkage of `kind`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{LinkageKind, Query};
    /// assert_eq!(Query::linkage_of_kind(LinkageKind::TalentFlow).count(regdev::Atlas::builtin()), 1);
    /// ```
    #[must_use]
    pub fn linkage_of_kind(kind: LinkageKind) -> Query {
        Query(Node::LinkageOfKind(kind))
    }

    /// Towns whose linkage graph has an institutional-borrowing linkage from
    /// an actor based in `place` (exact, case-sensitive match).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Place, Query};
    /// assert_eq!(Query::borrows_from(Place::new("Hong Kong")?).count(regdev::Atlas::builtin()), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn borrows_from(place: Place) -> Query {
        Query(Node::BorrowsFrom(place))
    }

    /// Both this and `other`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Query};
    /// let q = Query::province("Guangdong").and(Query::level(AdminLevel::Town));
    /// assert_eq!(q.count(regdev::Atlas::builtin()), 9);
    /// ```
    #[must_use]
    pub fn and(self, other: Query) -> Query {
        match self.0 {
            Node::And(mut v) => {
                v.push(other);
                Query(Node::And(v))
            }
            node => Query(Node::And(vec![Query(node), other])),
        }
    }

    /// This or `other`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Query, RegionalModel};
    /// let atlas = regdev::Atlas::builtin();
    /// let q = Query::model(RegionalModel::Sunan).or(Query::model(RegionalModel::PearlRiverDelta));
    /// let either = Query::model(RegionalModel::Sunan).count(atlas) + Query::model(RegionalModel::PearlRiverDelta).count(atlas);
    /// assert_eq!(q.count(atlas), either);
    /// ```
    #[must_use]
    pub fn or(self, other: Query) -> Query {
        match self.0 {
            Node::Or(mut v) => {
                v.push(other);
                Query(Node::Or(v))
            }
            node => Query(Node::Or(vec![Query(node), other])),
        }
    }

    /// The negation of `query`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Query, RegionalModel};
    /// let atlas = regdev::Atlas::builtin();
    /// let q = Query::not(Query::model(RegionalModel::Sunan));
    /// assert_eq!(q.count(atlas), atlas.towns().len() - Query::model(RegionalModel::Sunan).count(atlas));
    /// ```
    #[must_use]
    #[allow(clippy::should_implement_trait)]
    pub fn not(query: Query) -> Query {
        Query(Node::Not(Box::new(query)))
    }

    /// Whether `town`, a town of `atlas`, matches.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Query, RegionalModel};
    /// let atlas = regdev::Atlas::builtin();
    /// let kunshan = atlas.town("kunshan").ok_or("?")?;
    /// assert!(Query::model(RegionalModel::Sunan).matches(atlas, kunshan));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn matches(&self, atlas: &Atlas, town: &Town) -> bool {
        let money_in = |o: &Option<crate::Observed<Money>>, r: &Option<MoneyRange>| -> bool {
            let (Some(o), Some(r)) = (o.as_ref(), r.as_ref()) else { return false };
            converted(atlas, o, r.currency).is_some_and(|v| r.range.contains(v))
        };
        match &self.0 {
            Node::All => true,
            Node::Model(m) => town.model().is_some_and(|o| o.value() == m),
            Node::Level(l) => town.level() == *l,
            Node::Province(p) => town.province().is_some_and(|x| x.eq_ignore_ascii_case(p)),
            Node::Parent(p) => town.parent() == Some(p),
            Node::Specialisation(i) => town.specialisations().iter().any(|s| s.industry() == *i),
            Node::Area(r) => town.key_facts().area().is_some_and(|a| r.contains(a.value().km2())),
            #[allow(clippy::cast_precision_loss)]
            Node::Population(r) => town.key_facts().population().is_some_and(|p| r.contains(p.value().get() as f64)),
            Node::Gdp(r) => money_in(&town.key_facts().gdp(), r),
            Node::GdpPerCapita(r) => money_in(&town.key_facts().gdp_per_capita(), r),
            Node::Dimension(v) => town.profile().get(v.dimension()).as_ref() == Some(v),
            Node::LinkageAtScale(s) => {
                atlas.graph(town.id().as_str()).is_some_and(|g| g.linkages().any(|(_, _, l)| l.scale() == *s))
            }
            Node::LinkageOfKind(k) => {
                atlas.graph(town.id().as_str()).is_some_and(|g| g.linkages().any(|(_, _, l)| l.kind() == *k))
            }
            Node::BorrowsFrom(place) => atlas.graph(town.id().as_str()).is_some_and(|g| {
                g.linkages().any(|(from, _, l)| {
                    l.kind() == LinkageKind::InstitutionalBorrowing
                        && g.actor(from.as_str()).and_then(|a| a.place()) == Some(place)
                })
            }),
            Node::And(qs) => qs.iter().all(|q| q.matches(atlas, town)),
            Node::Or(qs) => qs.iter().any(|q| q.matches(atlas, town)),
            Node::Not(q) => !q.matches(atlas, town),
        }
    }

    /// Resolves the query's codes once, so scanning the atlas's query
    /// columns does no lookups per town.
    fn compile(&self) -> Compiled<'_> {
        let code_of_currency =
            |r: &Option<MoneyRange>| r.map(|r| (Columns::code(Currency::ALL, Some(&r.currency)), r.range));
        match &self.0 {
            Node::Model(m) => Compiled::Code(Col::Model, Columns::code(RegionalModel::ALL, Some(m))),
            Node::Level(l) => Compiled::Code(Col::Level, Columns::code(AdminLevel::ALL, Some(l))),
            Node::Area(r) => Compiled::Num(Col::Area, *r),
            Node::Population(r) => Compiled::Num(Col::Population, *r),
            Node::Gdp(r) => Compiled::Money(Col::Gdp, code_of_currency(r), self),
            Node::GdpPerCapita(r) => Compiled::Money(Col::GdpPerCapita, code_of_currency(r), self),
            Node::And(qs) => Compiled::And(qs.iter().map(Query::compile).collect()),
            Node::Or(qs) => Compiled::Or(qs.iter().map(Query::compile).collect()),
            Node::Not(q) => Compiled::Not(Box::new(q.compile())),
            _ => Compiled::Record(self),
        }
    }

    /// The positions of the matching towns, in atlas order. The whole
    /// query is evaluated up front, column by column, into a bit set.
    fn positions(&self, atlas: &Atlas) -> impl Iterator<Item = usize> + use<> {
        self.compile().bits(atlas).into_ones()
    }

    /// How many towns of `atlas` match.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Query::province("Guangdong").count(regdev::Atlas::builtin()), 17);
    /// ```
    #[must_use]
    pub fn count(&self, atlas: &Atlas) -> usize {
        self.positions(atlas).count()
    }

    /// The first matching town in atlas order.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Query};
    /// let first = Query::level(AdminLevel::Town).first(regdev::Atlas::builtin());
    /// assert_eq!(first.map(|t| t.id().as_str()), Some("yushan"));
    /// ```
    #[must_use]
    pub fn first<'a>(&self, atlas: &'a Atlas) -> Option<&'a Town> {
        self.positions(atlas).next().and_then(|i| atlas.town_at(i))
    }

    /// Towns with a money figure this query's money ranges could not
    /// convert (no year, or no exchange rate for it), so they matched
    /// nothing on that figure.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Money, Query};
    /// // Kunshan's GDP is in yuan with no year, and the atlas has a yuan-dollar
    /// // rate for 2013 only (Dongguan's and Humen's GDP are for 2012, Wenzhou's
    /// // for 2009): none of them can be compared in dollars.
    /// let q = Query::gdp(Money::new(1.0, Currency::Usd)?..);
    /// let skipped: Vec<&str> = q.unconvertible(regdev::Atlas::builtin()).map(|t| t.id().as_str()).collect();
    /// assert_eq!(skipped, ["kunshan", "dongguan", "humen", "wenzhou"]);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn unconvertible<'a>(&'a self, atlas: &'a Atlas) -> impl Iterator<Item = &'a Town> + 'a {
        let mut ranges = Vec::new();
        self.money_ranges(&mut ranges);
        atlas.towns().filter(move |t| {
            ranges.iter().any(|(is_gdp, r)| {
                let f = t.key_facts();
                let o = if *is_gdp { f.gdp() } else { f.gdp_per_capita() };
                o.as_ref().is_some_and(|o| converted(atlas, o, r.currency).is_none())
            })
        })
    }

    fn money_ranges(&self, out: &mut Vec<(bool, MoneyRange)>) {
        match &self.0 {
            Node::Gdp(Some(r)) => out.push((true, *r)),
            Node::GdpPerCapita(Some(r)) => out.push((false, *r)),
            Node::And(qs) | Node::Or(qs) => qs.iter().for_each(|q| q.money_ranges(out)),
            Node::Not(q) => q.money_ranges(out),
            _ => {}
        }
    }
}

/// `a & b` is [`a.and(b)`](Query::and).
///
/// # Example
///
/// ```
/// use regdev::{AdminLevel, Query};
/// let q = Query::province("Guangdong") & Query::level(AdminLevel::Town);
/// assert_eq!(q, Query::province("Guangdong").and(Query::level(AdminLevel::Town)));
/// let atlas = regdev::Atlas::builtin();
/// assert!(q.count(atlas) <= Query::province("Guangdong").count(atlas));
/// ```
impl std::ops::BitAnd for Query {
    type Output = Query;
    fn bitand(self, rhs: Query) -> Query {
        self.and(rhs)
    }
}

/// `a | b` is [`a.or(b)`](Query::or).
///
/// # Example
///
/// ```
/// use regdev::{Query, RegionalModel};
/// let atlas = regdev::Atlas::builtin();
/// let q = Query::model(RegionalModel::Sunan) | Query::model(RegionalModel::PearlRiverDelta);
/// // A town has one model, so the two sets are disjoint.
/// let each = Query::model(RegionalModel::Sunan).count(atlas) + Query::model(RegionalModel::PearlRiverDelta).count(atlas);
/// assert_eq!(q.count(atlas), each);
/// ```
impl std::ops::BitOr for Query {
    type Output = Query;
    fn bitor(self, rhs: Query) -> Query {
        self.or(rhs)
    }
}

/// `!a` is [`Query::not(a)`](Query::not).
///
/// # Example
///
/// ```
/// use regdev::{Query, RegionalModel};
/// let atlas = regdev::Atlas::builtin();
/// let q = !Query::model(RegionalModel::Sunan) & !Query::province("Guangdong");
/// let either = (Query::model(RegionalModel::Sunan) | Query::province("Guangdong")).count(atlas);
/// assert_eq!(q.count(atlas), atlas.towns().len() - either);
/// ```
impl std::ops::Not for Query {
    type Output = Query;
    fn not(self) -> Query {
        Query::not(self)
    }
}

fn converted(atlas: &Atlas, o: &crate::Observed<Money>, to: Currency) -> Option<f64> {
    atlas.convert_observed(o, to).ok().map(Money::amount)
}

/// A query column.
#[derive(Debug, Clone, Copy)]
enum Col {
    Model,
    Level,
    Area,
    Population,
    Gdp,
    GdpPerCapita,
}

/// A query with its codes resolved; see [`Query::compile`].
#[derive(Debug)]
enum Compiled<'q> {
    Code(Col, u8),
    Num(Col, Range),
    /// Amounts column, the range's currency code and bounds (`None`: a range
    /// mixing currencies), and the query to fall back on for conversion.
    Money(Col, Option<(u8, Range)>, &'q Query),
    And(Vec<Compiled<'q>>),
    Or(Vec<Compiled<'q>>),
    Not(Box<Compiled<'q>>),
    /// Evaluated on the town record.
    Record(&'q Query),
}

/// Bits per block of a [`FixedBitSet`].
const BLOCK: usize = usize::BITS as usize;

/// The bit set of the column values that pass `test`: a tight loop over
/// block-sized chunks that the compiler can vectorise, packed into the
/// blocks of a [`FixedBitSet`].
fn bits_of<T>(column: &[T], test: impl Fn(&T) -> bool) -> FixedBitSet {
    let blocks = column
        .chunks(BLOCK)
        .map(|chunk| chunk.iter().enumerate().fold(0usize, |acc, (b, v)| acc | (usize::from(test(v)) << b)));
    FixedBitSet::with_capacity_and_blocks(column.len(), blocks)
}

/// The set of all `n` positions.
fn full(n: usize) -> FixedBitSet {
    let mut bits = FixedBitSet::with_capacity(n);
    bits.insert_range(..);
    bits
}

impl Compiled<'_> {
    /// The towns matching, as a bit set: one tight pass per column
    /// predicate, combined with bitwise and/or/not.
    fn bits(&self, atlas: &Atlas) -> FixedBitSet {
        let c = atlas.columns();
        let n = atlas.towns().len();
        let record = |q: &Query, i: usize| atlas.town_at(i).is_some_and(|t| q.matches(atlas, t));
        match self {
            Compiled::Code(col, code) => {
                let column = if matches!(col, Col::Model) { &c.model } else { &c.level };
                bits_of(column, |v| v == code)
            }
            Compiled::Num(col, r) => {
                let column = if matches!(col, Col::Area) { &c.area } else { &c.population };
                bits_of(column, |v| !v.is_nan() && r.contains(*v))
            }
            Compiled::Money(col, range, q) => {
                let Some((cur, r)) = range else { return FixedBitSet::with_capacity(n) };
                let (amounts, currencies) = if matches!(col, Col::Gdp) {
                    (&c.gdp, &c.gdp_currency)
                } else {
                    (&c.gdp_per_capita, &c.gdp_per_capita_currency)
                };
                let mut bits = bits_of(amounts, |v| r.contains(*v));
                // Rows in other currencies, or none: convert the former.
                for (i, &x) in currencies.iter().enumerate() {
                    if x != *cur {
                        bits.set(i, x != Columns::NONE && record(q, i));
                    }
                }
                bits
            }
            Compiled::And(qs) => {
                let mut acc = full(n);
                for q in qs {
                    acc.intersect_with(&q.bits(atlas));
                }
                acc
            }
            Compiled::Or(qs) => {
                let mut acc = FixedBitSet::with_capacity(n);
                for q in qs {
                    acc.union_with(&q.bits(atlas));
                }
                acc
            }
            Compiled::Not(q) => {
                let mut bits = q.bits(atlas);
                bits.toggle_range(..);
                bits
            }
            Compiled::Record(q) => {
                let mut bits = FixedBitSet::with_capacity(n);
                for i in 0..n {
                    bits.set(i, record(q, i));
                }
                bits
            }
        }
    }
}

impl Atlas {
    /// The towns matching `query`, in atlas order.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, Query};
    /// let atlas = Atlas::builtin();
    /// assert_eq!(atlas.query(&Query::all()).count(), atlas.towns().len());
    /// ```
    pub fn query<'a, 'q>(&'a self, query: &'q Query) -> impl Iterator<Item = &'a Town> + use<'a, 'q> {
        query.positions(self).filter_map(move |i| self.town_at(i))
    }
}
