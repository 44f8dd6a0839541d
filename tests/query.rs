//! Query results equal a naive filter over all towns: on the built-in atlas
//! and (feature `synth`) on synthetic atlases whose sizes straddle the bit
//! set's block boundaries (63, 64, 65, 129) and beyond (200, 257), with
//! every kind of leaf.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;
use std::sync::LazyLock;

use proptest::prelude::*;
use regdev::{
    AdminLevel, Atlas, Currency, Dimension, DimensionValue, IndustryDivision, LinkageKind, Money, Place, Query,
    RegionalModel, Scale, Town,
};

/// A leaf predicate, evaluated both through `Query` and naively. Leaves
/// that name a town, a dimension value or a place hold an index, resolved
/// against the atlas at hand (see [`Fixture`]).
#[derive(Debug, Clone)]
enum Leaf {
    Model(RegionalModel),
    Level(AdminLevel),
    Province(usize),
    Parent(usize),
    Spec(IndustryDivision),
    Area(f64, f64),
    Pop(u64, u64),
    Gdp(Currency, f64),
    GdpPerCapita(Currency, f64, f64),
    Dimension(usize),
    Scale(Scale),
    Kind(LinkageKind),
    BorrowsFrom(usize),
}

#[derive(Debug, Clone)]
enum Tree {
    Leaf(Leaf),
    And(Box<Tree>, Box<Tree>),
    Or(Box<Tree>, Box<Tree>),
    Not(Box<Tree>),
}

/// An atlas with the values its index-holding leaves pick from.
struct Fixture {
    atlas: Atlas,
    provinces: Vec<String>,
    dimension_values: Vec<DimensionValue>,
    places: Vec<Place>,
}

impl Fixture {
    fn new(atlas: Atlas) -> Fixture {
        let mut provinces: BTreeSet<String> = atlas.towns().filter_map(|t| t.province().map(str::to_owned)).collect();
        provinces.insert("Nowhere".to_owned());
        // Every dimension value any town has, plus nothing else: a value no
        // town has is covered by the values of other dimensions missing.
        let mut dimension_values: Vec<DimensionValue> = Vec::new();
        for t in atlas.towns() {
            for d in Dimension::ALL {
                if let Some(v) = t.profile().get(*d) {
                    if !dimension_values.contains(&v) {
                        dimension_values.push(v);
                    }
                }
            }
        }
        let mut places: BTreeSet<Place> =
            atlas.graphs().flat_map(|g| g.actors().filter_map(|a| a.place().cloned())).collect();
        places.insert(Place::new("Atlantis").unwrap());
        Fixture {
            atlas,
            provinces: provinces.into_iter().collect(),
            dimension_values,
            places: places.into_iter().collect(),
        }
    }

    fn province(&self, i: usize) -> &str {
        &self.provinces[i % self.provinces.len()]
    }

    fn parent(&self, i: usize) -> &Town {
        let n = self.atlas.towns().len();
        self.atlas.towns().nth(i % n).unwrap()
    }

    fn dimension_value(&self, i: usize) -> &DimensionValue {
        &self.dimension_values[i % self.dimension_values.len()]
    }

    fn place(&self, i: usize) -> &Place {
        &self.places[i % self.places.len()]
    }
}

/// `amount` of `year` in `to`, converted by hand from the atlas's rates.
fn convert(atlas: &Atlas, m: Money, year: Option<regdev::Year>, to: Currency) -> Option<f64> {
    if m.currency() == to {
        return Some(m.amount());
    }
    let rate = atlas.exchange_rate(year?, m.currency(), to)?;
    Some(if rate.from() == m.currency() { m.amount() * rate.rate() } else { m.amount() / rate.rate() })
}

fn naive_leaf(fx: &Fixture, t: &Town, leaf: &Leaf) -> bool {
    let atlas = &fx.atlas;
    let f = t.key_facts();
    let graph = atlas.graph(t.id().as_str());
    match leaf {
        Leaf::Model(m) => t.model().map(|o| *o.value()) == Some(*m),
        Leaf::Level(l) => t.level() == *l,
        Leaf::Province(i) => t.province().map(str::to_lowercase) == Some(fx.province(*i).to_lowercase()),
        Leaf::Parent(i) => t.parent() == Some(fx.parent(*i).id()),
        Leaf::Spec(i) => t.specialisations().iter().any(|s| s.industry() == *i),
        Leaf::Area(lo, hi) => f.area().as_ref().is_some_and(|a| a.value().km2() >= *lo && a.value().km2() < *hi),
        Leaf::Pop(lo, hi) => f.population().as_ref().is_some_and(|p| {
            let p = p.value().get();
            p >= *lo && p <= *hi
        }),
        Leaf::Gdp(c, min) => {
            f.gdp().is_some_and(|g| convert(atlas, *g.value(), g.year(), *c).is_some_and(|v| v >= *min))
        }
        Leaf::GdpPerCapita(c, lo, hi) => f
            .gdp_per_capita()
            .is_some_and(|g| convert(atlas, *g.value(), g.year(), *c).is_some_and(|v| v > *lo && v < *hi)),
        Leaf::Dimension(i) => {
            let v = fx.dimension_value(*i);
            t.profile().get(v.dimension()).as_ref() == Some(v)
        }
        Leaf::Scale(s) => graph.is_some_and(|g| g.linkages().any(|(_, _, l)| l.scale() == *s)),
        Leaf::Kind(k) => graph.is_some_and(|g| g.linkages().any(|(_, _, l)| l.kind() == *k)),
        Leaf::BorrowsFrom(i) => graph.is_some_and(|g| {
            g.linkages().any(|(from, _, l)| {
                l.kind() == LinkageKind::InstitutionalBorrowing
                    && g.actors().any(|a| a.id() == from && a.place() == Some(fx.place(*i)))
            })
        }),
    }
}

fn to_query(fx: &Fixture, tree: &Tree) -> Query {
    let money = |c: Currency, v: f64| Money::new(v, c).unwrap();
    match tree {
        Tree::Leaf(l) => match l {
            Leaf::Model(m) => Query::model(*m),
            Leaf::Level(l) => Query::level(*l),
            Leaf::Province(i) => Query::province(fx.province(*i).to_uppercase()),
            Leaf::Parent(i) => Query::parent(fx.parent(*i).id().clone()),
            Leaf::Spec(i) => Query::specialisation(*i),
            Leaf::Area(lo, hi) => Query::area(*lo..*hi),
            Leaf::Pop(lo, hi) => Query::population(*lo..=*hi),
            Leaf::Gdp(c, min) => Query::gdp(money(*c, *min)..),
            Leaf::GdpPerCapita(c, lo, hi) => {
                use std::ops::Bound::Excluded;
                Query::gdp_per_capita((Excluded(money(*c, *lo)), Excluded(money(*c, *hi))))
            }
            Leaf::Dimension(i) => Query::dimension(fx.dimension_value(*i).clone()),
            Leaf::Scale(s) => Query::linkage_at_scale(*s),
            Leaf::Kind(k) => Query::linkage_of_kind(*k),
            Leaf::BorrowsFrom(i) => Query::borrows_from(fx.place(*i).clone()),
        },
        Tree::And(a, b) => to_query(fx, a).and(to_query(fx, b)),
        Tree::Or(a, b) => to_query(fx, a).or(to_query(fx, b)),
        Tree::Not(a) => Query::not(to_query(fx, a)),
    }
}

fn naive(fx: &Fixture, tree: &Tree) -> BTreeSet<String> {
    let atlas = &fx.atlas;
    let all: BTreeSet<String> = atlas.towns().map(|t| t.id().to_string()).collect();
    match tree {
        Tree::Leaf(l) => atlas.towns().filter(|t| naive_leaf(fx, t, l)).map(|t| t.id().to_string()).collect(),
        Tree::And(a, b) => naive(fx, a).intersection(&naive(fx, b)).cloned().collect(),
        Tree::Or(a, b) => naive(fx, a).union(&naive(fx, b)).cloned().collect(),
        Tree::Not(a) => all.difference(&naive(fx, a)).cloned().collect(),
    }
}

fn leaf() -> impl Strategy<Value = Leaf> {
    let currency = proptest::sample::select(&[Currency::Cny, Currency::Usd][..]);
    prop_oneof![
        proptest::sample::select(RegionalModel::ALL).prop_map(Leaf::Model),
        proptest::sample::select(AdminLevel::ALL).prop_map(Leaf::Level),
        any::<usize>().prop_map(Leaf::Province),
        any::<usize>().prop_map(Leaf::Parent),
        proptest::sample::select(IndustryDivision::ALL).prop_map(Leaf::Spec),
        (0.0f64..1000.0, 0.0f64..1000.0).prop_map(|(a, b)| Leaf::Area(a.min(b), a.max(b))),
        (0u64..3_000_000, 0u64..3_000_000).prop_map(|(a, b)| Leaf::Pop(a.min(b), a.max(b))),
        (currency.clone(), 0.0f64..400e9).prop_map(|(c, v)| Leaf::Gdp(c, v)),
        (currency, 0.0f64..200e3, 0.0f64..200e3).prop_map(|(c, a, b)| Leaf::GdpPerCapita(c, a.min(b), a.max(b))),
        any::<usize>().prop_map(Leaf::Dimension),
        proptest::sample::select(Scale::ALL).prop_map(Leaf::Scale),
        proptest::sample::select(LinkageKind::ALL).prop_map(Leaf::Kind),
        any::<usize>().prop_map(Leaf::BorrowsFrom),
    ]
}

fn tree() -> impl Strategy<Value = Tree> {
    leaf().prop_map(Tree::Leaf).prop_recursive(4, 16, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Tree::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Tree::Or(Box::new(a), Box::new(b))),
            inner.prop_map(|a| Tree::Not(Box::new(a))),
        ]
    })
}

/// The built-in atlas and, with feature `synth`, synthetic atlases of
/// 63, 64, 65, 129, 200 and 257 towns (half of them with a linkage graph).
static FIXTURES: LazyLock<Vec<Fixture>> = LazyLock::new(|| {
    #[allow(unused_mut)]
    let mut out = vec![Fixture::new(Atlas::builtin().clone())];
    #[cfg(feature = "synth")]
    for n in [63, 64, 65, 129, 200, 257] {
        let config = regdev::synth::SynthConfig::new()
            .towns(n)
            .seed(n as u64)
            .missing_facts(0.2)
            .unwrap()
            .actors_per_town(24)
            .unwrap()
            .linkages_per_actor(4)
            .graph_fraction(0.5)
            .unwrap();
        out.push(Fixture::new(regdev::synth::atlas(&config).unwrap()));
    }
    out
});

fn check(fx: &Fixture, t: &Tree) -> Result<(), TestCaseError> {
    let atlas = &fx.atlas;
    let q = to_query(fx, t);
    let got: Vec<String> = atlas.query(&q).map(|t| t.id().to_string()).collect();
    // Results come in atlas order.
    let positions: Vec<usize> = got.iter().map(|id| atlas.town_position(id).unwrap()).collect();
    prop_assert!(positions.windows(2).all(|w| w[0] < w[1]));
    let got_set: BTreeSet<String> = got.iter().cloned().collect();
    prop_assert_eq!(&got_set, &naive(fx, t), "{} towns", atlas.towns().len());
    prop_assert_eq!(q.count(atlas), got.len());
    prop_assert_eq!(q.first(atlas).map(|t| t.id().to_string()), got.first().cloned());
    // The record path agrees with the column path, town by town.
    for town in atlas.towns() {
        prop_assert_eq!(q.matches(atlas, town), got_set.contains(town.id().as_str()));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn query_equals_naive_filter(t in tree()) {
        for fx in FIXTURES.iter() {
            check(fx, &t)?;
        }
    }
}

/// The fixtures give every leaf kind towns that match and towns that do
/// not, so the oracle above compares non-trivial sets (a leaf matching
/// nothing everywhere would test nothing).
#[cfg(feature = "synth")]
#[test]
fn synthetic_fixtures_exercise_every_leaf() {
    let sizes: Vec<usize> = FIXTURES.iter().map(|f| f.atlas.towns().len()).collect();
    assert_eq!(sizes, [Atlas::builtin().towns().len(), 63, 64, 65, 129, 200, 257]);
    let fx = FIXTURES.last().unwrap();
    let n = fx.atlas.towns().len();
    let some = |q: Query| {
        let k = q.count(&fx.atlas);
        assert!(k > 0 && k < n, "{q:?} matches {k} of {n}");
    };
    some(Query::dimension(fx.dimension_value(0).clone()));
    some(Query::parent(fx.atlas.towns().find_map(|t| t.parent()).unwrap().clone()));
    some(Query::linkage_of_kind(LinkageKind::InstitutionalBorrowing));
    let borrowed = fx.places.iter().filter(|p| Query::borrows_from((*p).clone()).count(&fx.atlas) > 0).count();
    assert!(borrowed >= 2, "only {borrowed} places are borrowed from");
    some(Query::gdp_per_capita(Money::new(10e3, Currency::Usd).unwrap()..));
    some(Query::gdp_per_capita(Money::new(70e3, Currency::Cny).unwrap()..));
    some(Query::specialisation(
        IndustryDivision::ALL
            .iter()
            .copied()
            .find(|i| fx.atlas.towns().any(|t| t.specialisations().iter().any(|s| s.industry() == *i)))
            .unwrap(),
    ));
    // Word boundaries: the last town of each size is reachable on its own.
    for fx in &FIXTURES[1..] {
        let last = fx.atlas.towns().last().unwrap();
        let q = Query::not(Query::not(Query::parent(last.parent().unwrap().clone())));
        assert!(fx.atlas.query(&q).any(|t| t.id() == last.id()));
        assert_eq!(Query::all().count(&fx.atlas), fx.atlas.towns().len());
        assert_eq!(Query::not(Query::all()).count(&fx.atlas), 0);
    }
}

#[test]
fn linkage_predicates_on_the_cases() {
    let atlas = Atlas::builtin();
    let ids = |q: &Query| atlas.query(q).map(|t| t.id().as_str()).collect::<Vec<_>>();
    assert_eq!(ids(&Query::borrows_from(Place::new("Taiwan").unwrap())), ["kunshan"]);
    assert_eq!(ids(&Query::borrows_from(Place::new("Shenzhen").unwrap())), ["shunde"]);
    assert_eq!(ids(&Query::linkage_of_kind(LinkageKind::InstitutionalBorrowing)), ["kunshan", "shunde"]);
    // Money bounds in two currencies match nothing.
    let mixed = Query::gdp(Money::new(1.0, Currency::Cny).unwrap()..Money::new(1e15, Currency::Usd).unwrap());
    assert_eq!(mixed.count(atlas), 0);
}
