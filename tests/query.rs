//! Query results equal a naive filter over all towns.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;

use proptest::prelude::*;
use regdev::{AdminLevel, Atlas, Currency, IndustryDivision, LinkageKind, Money, Query, RegionalModel, Scale, Town};

/// A leaf predicate, evaluated both through `Query` and naively.
#[derive(Debug, Clone)]
enum Leaf {
    Model(RegionalModel),
    Level(AdminLevel),
    Province(&'static str),
    Spec(IndustryDivision),
    Area(f64, f64),
    Pop(u32),
    GdpCny(f64),
    GdpUsd(f64),
    Scale(Scale),
}

#[derive(Debug, Clone)]
enum Tree {
    Leaf(Leaf),
    And(Box<Tree>, Box<Tree>),
    Or(Box<Tree>, Box<Tree>),
    Not(Box<Tree>),
}

fn naive_leaf(atlas: &Atlas, t: &Town, leaf: &Leaf) -> bool {
    let f = t.key_facts();
    match leaf {
        Leaf::Model(m) => t.model().map(|o| *o.value()) == Some(*m),
        Leaf::Level(l) => t.level() == *l,
        Leaf::Province(p) => t.province().map(str::to_lowercase) == Some(p.to_lowercase()),
        Leaf::Spec(i) => t.specialisations().iter().any(|s| s.industry() == *i),
        Leaf::Area(lo, hi) => f.area().as_ref().is_some_and(|a| a.value().km2() >= *lo && a.value().km2() < *hi),
        Leaf::Pop(min) => f.population().as_ref().is_some_and(|p| p.value().get() >= u64::from(*min)),
        Leaf::GdpCny(min) => {
            f.gdp().as_ref().is_some_and(|g| g.value().currency() == Currency::Cny && g.value().amount() >= *min)
        }
        Leaf::GdpUsd(min) => f.gdp().as_ref().is_some_and(|g| {
            // Naive: convert by hand with the atlas's 2013 rate.
            let Some(year) = g.year() else { return false };
            let Some(rate) = atlas.exchange_rate(year, Currency::Cny, Currency::Usd) else { return false };
            g.value().amount() / rate.rate() >= *min
        }),
        Leaf::Scale(s) => atlas.graph(t.id().as_str()).is_some_and(|g| g.linkages().any(|(_, _, l)| l.scale() == *s)),
    }
}

fn to_query(tree: &Tree) -> Query {
    match tree {
        Tree::Leaf(l) => match l {
            Leaf::Model(m) => Query::model(*m),
            Leaf::Level(l) => Query::level(*l),
            Leaf::Province(p) => Query::province(*p),
            Leaf::Spec(i) => Query::specialisation(*i),
            Leaf::Area(lo, hi) => Query::area(*lo..*hi),
            Leaf::Pop(min) => Query::population(*min..),
            Leaf::GdpCny(min) => Query::gdp(Money::new(*min, Currency::Cny).unwrap()..),
            Leaf::GdpUsd(min) => Query::gdp(Money::new(*min, Currency::Usd).unwrap()..),
            Leaf::Scale(s) => Query::linkage_at_scale(*s),
        },
        Tree::And(a, b) => to_query(a).and(to_query(b)),
        Tree::Or(a, b) => to_query(a).or(to_query(b)),
        Tree::Not(a) => Query::not(to_query(a)),
    }
}

fn naive(atlas: &Atlas, tree: &Tree) -> BTreeSet<String> {
    let all: BTreeSet<String> = atlas.towns().map(|t| t.id().to_string()).collect();
    match tree {
        Tree::Leaf(l) => atlas.towns().filter(|t| naive_leaf(atlas, t, l)).map(|t| t.id().to_string()).collect(),
        Tree::And(a, b) => naive(atlas, a).intersection(&naive(atlas, b)).cloned().collect(),
        Tree::Or(a, b) => naive(atlas, a).union(&naive(atlas, b)).cloned().collect(),
        Tree::Not(a) => all.difference(&naive(atlas, a)).cloned().collect(),
    }
}

fn leaf() -> impl Strategy<Value = Leaf> {
    prop_oneof![
        proptest::sample::select(RegionalModel::ALL).prop_map(Leaf::Model),
        proptest::sample::select(AdminLevel::ALL).prop_map(Leaf::Level),
        proptest::sample::select(&["Jiangsu", "guangdong", "Zhejiang"][..]).prop_map(Leaf::Province),
        proptest::sample::select(IndustryDivision::ALL).prop_map(Leaf::Spec),
        (0.0f64..1000.0, 0.0f64..1000.0).prop_map(|(a, b)| Leaf::Area(a.min(b), a.max(b))),
        (0u32..3_000_000).prop_map(Leaf::Pop),
        (0.0f64..400e9).prop_map(Leaf::GdpCny),
        (0.0f64..60e9).prop_map(Leaf::GdpUsd),
        proptest::sample::select(Scale::ALL).prop_map(Leaf::Scale),
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn query_equals_naive_filter(t in tree()) {
        let atlas = Atlas::builtin();
        let q = to_query(&t);
        let got: Vec<String> = atlas.query(&q).map(|t| t.id().to_string()).collect();
        // Results come in atlas order.
        let positions: Vec<usize> = got.iter().map(|id| atlas.town_position(id).unwrap()).collect();
        prop_assert!(positions.windows(2).all(|w| w[0] < w[1]));
        let got: BTreeSet<String> = got.into_iter().collect();
        prop_assert_eq!(&got, &naive(atlas, &t));
        prop_assert_eq!(q.count(atlas), got.len());
        prop_assert_eq!(q.first(atlas).map(|t| t.id().to_string()), atlas.query(&q).next().map(|t| t.id().to_string()));
    }
}

#[test]
fn linkage_predicates_on_the_cases() {
    let atlas = Atlas::builtin();
    let ids = |q: &Query| atlas.query(q).map(|t| t.id().as_str()).collect::<Vec<_>>();
    assert_eq!(ids(&Query::borrows_from(regdev::Place::new("Taiwan").unwrap())), ["kunshan"]);
    assert_eq!(ids(&Query::borrows_from(regdev::Place::new("Shenzhen").unwrap())), ["shunde"]);
    assert_eq!(ids(&Query::linkage_of_kind(LinkageKind::InstitutionalBorrowing)), ["kunshan", "shunde"]);
    // Money bounds in two currencies match nothing.
    let mixed = Query::gdp(Money::new(1.0, Currency::Cny).unwrap()..Money::new(1e15, Currency::Usd).unwrap());
    assert_eq!(mixed.count(atlas), 0);
}
