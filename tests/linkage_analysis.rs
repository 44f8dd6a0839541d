//! Linkage-graph analysis: closed-form answers on small graphs (star, path,
//! cycle, complete graph, two components), the talk's two comparison rows,
//! and property tests.

// Test code may unwrap and index (clippy.toml allows it only inside #[test] functions).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;

use proptest::prelude::*;
use regdev::{Actor, ActorId, ActorKind, Error, Linkage, LinkageGraph, LinkageKind, Place, Scale, SourceId, TownId};
use regdev::{Degree, LinkageFilter, Normalization, Orientation, ScaleProfile};

const EPS: f64 = 1e-12;

fn id(s: &str) -> ActorId {
    ActorId::new(s).unwrap()
}

/// A graph on actors `names` with supply linkages at local scale.
fn graph(names: &[&str], edges: &[(usize, usize)]) -> LinkageGraph {
    let mut b = LinkageGraph::builder(TownId::new("t").unwrap());
    for n in names {
        b = b.actor(Actor::new(id(n), n.to_uppercase(), ActorKind::PrivateFirm).unwrap());
    }
    let s = SourceId::new("s").unwrap();
    for &(f, t) in edges {
        b = b.linkage(id(names[f]), id(names[t]), Linkage::new(LinkageKind::Supply, Scale::Local, s.clone()));
    }
    b.build().unwrap()
}

fn symmetric(edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn assert_values(g: &LinkageGraph, c: &regdev::Centrality, expected: &[(&str, f64)]) {
    assert_eq!(c.len(), g.actor_count());
    for &(name, want) in expected {
        let got = c.get(name).unwrap();
        assert!((got - want).abs() < EPS, "{name}: got {got}, want {want}");
    }
}

const STAR: [&str; 5] = ["hub", "l1", "l2", "l3", "l4"];
const STAR_EDGES: [(usize, usize); 4] = [(0, 1), (0, 2), (0, 3), (0, 4)];

#[test]
fn star_out_from_hub() {
    let g = graph(&STAR, &STAR_EDGES);
    assert!((g.density() - 4.0 / 20.0).abs() < EPS);
    assert!((g.degree_centralization() - 1.0).abs() < EPS);
    assert_values(&g, &g.degree_centrality(Degree::Out), &[("hub", 1.0), ("l1", 0.0)]);
    assert_values(&g, &g.degree_centrality(Degree::In), &[("hub", 0.0), ("l1", 0.25)]);
    assert_values(&g, &g.degree_centrality(Degree::Total), &[("hub", 1.0), ("l1", 0.25)]);
    // Directed: no path passes through the hub (all start there).
    assert_values(&g, &g.betweenness(Orientation::Directed, Normalization::Raw), &[("hub", 0.0), ("l1", 0.0)]);
    // Undirected: the hub is on all C(4, 2) = 6 leaf-leaf paths.
    assert_values(&g, &g.betweenness(Orientation::Undirected, Normalization::Raw), &[("hub", 6.0), ("l2", 0.0)]);
    assert_values(&g, &g.betweenness(Orientation::Undirected, Normalization::Normalized), &[("hub", 1.0), ("l2", 0.0)]);
    // Closeness, incoming: leaves are reached by the hub only: (1/1)(1/4).
    assert_values(&g, &g.closeness(Orientation::Directed), &[("hub", 0.0), ("l3", 0.25)]);
    assert_values(&g, &g.closeness(Orientation::Undirected), &[("hub", 1.0), ("l3", 4.0 / 7.0)]);
    let brokers = g.brokers(3, Orientation::Undirected);
    assert_eq!(brokers, vec![(id("hub"), 1.0)]);
    assert!(g.brokers(3, Orientation::Directed).is_empty());
}

#[test]
fn reciprocated_star() {
    let g = graph(&STAR, &symmetric(&STAR_EDGES));
    assert!((g.density() - 8.0 / 20.0).abs() < EPS);
    // 4 × 3 ordered leaf pairs.
    assert_values(&g, &g.betweenness(Orientation::Directed, Normalization::Raw), &[("hub", 12.0), ("l1", 0.0)]);
    assert_values(&g, &g.betweenness(Orientation::Directed, Normalization::Normalized), &[("hub", 1.0)]);
    assert_values(&g, &g.betweenness(Orientation::Undirected, Normalization::Raw), &[("hub", 6.0)]);
    assert_values(&g, &g.degree_centrality(Degree::Total), &[("hub", 2.0), ("l1", 0.5)]);
    assert_values(&g, &g.closeness(Orientation::Directed), &[("hub", 1.0), ("l1", 4.0 / 7.0)]);
}

#[test]
fn directed_path() {
    let names = ["a", "b", "c", "d"];
    let g = graph(&names, &[(0, 1), (1, 2), (2, 3)]);
    assert!((g.density() - 3.0 / 12.0).abs() < EPS);
    assert_values(
        &g,
        &g.betweenness(Orientation::Directed, Normalization::Raw),
        &[("a", 0.0), ("b", 2.0), ("c", 2.0), ("d", 0.0)],
    );
    assert_values(&g, &g.betweenness(Orientation::Directed, Normalization::Normalized), &[("b", 1.0 / 3.0)]);
    assert_values(&g, &g.betweenness(Orientation::Undirected, Normalization::Raw), &[("b", 2.0)]);
    assert_values(&g, &g.betweenness(Orientation::Undirected, Normalization::Normalized), &[("b", 2.0 / 3.0)]);
    // Incoming: b is reached by a only, (1/1)(1/3); d by c, b, a at 1, 2, 3.
    assert_values(&g, &g.closeness(Orientation::Directed), &[("a", 0.0), ("b", 1.0 / 3.0), ("d", 3.0 / 6.0)]);
    assert_values(&g, &g.closeness(Orientation::Undirected), &[("a", 0.5), ("b", 0.75)]);
    assert!((g.degree_centralization() - 1.0 / 3.0).abs() < EPS);
    let path = g.shortest_path("a", "d", Orientation::Directed).unwrap().unwrap();
    assert_eq!(path, vec![id("a"), id("b"), id("c"), id("d")]);
    assert_eq!(g.shortest_path("d", "a", Orientation::Directed).unwrap(), None);
    assert_eq!(g.shortest_path("d", "a", Orientation::Undirected).unwrap().unwrap().len(), 4);
    assert_eq!(g.shortest_path("b", "b", Orientation::Directed).unwrap(), Some(vec![id("b")]));
    assert_eq!(g.weak_components(), vec![vec![id("a"), id("b"), id("c"), id("d")]]);
}

#[test]
fn cycles() {
    let names = ["a", "b", "c", "d", "e"];
    let edges = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)];
    let g = graph(&names, &edges);
    assert!((g.density() - 0.25).abs() < EPS);
    assert!(g.degree_centralization().abs() < EPS);
    for name in names {
        // Directed C5: (n-1)(n-2)/2 = 6 raw, 1/2 normalized.
        assert!((g.betweenness(Orientation::Directed, Normalization::Raw).get(name).unwrap() - 6.0).abs() < EPS);
        assert!((g.betweenness(Orientation::Directed, Normalization::Normalized).get(name).unwrap() - 0.5).abs() < EPS);
        // Undirected C5: each node is the middle of one pair.
        assert!((g.betweenness(Orientation::Undirected, Normalization::Raw).get(name).unwrap() - 1.0).abs() < EPS);
        assert!(
            (g.betweenness(Orientation::Undirected, Normalization::Normalized).get(name).unwrap() - 1.0 / 6.0).abs()
                < EPS
        );
        assert!((g.closeness(Orientation::Directed).get(name).unwrap() - 0.4).abs() < EPS);
        assert!((g.closeness(Orientation::Undirected).get(name).unwrap() - 2.0 / 3.0).abs() < EPS);
    }
    // Even undirected cycle C4: the opposite pair has two shortest paths.
    let g = graph(&names[..4], &[(0, 1), (1, 2), (2, 3), (3, 0)]);
    assert!((g.betweenness(Orientation::Undirected, Normalization::Raw).get("a").unwrap() - 0.5).abs() < EPS);
}

#[test]
fn complete_graph() {
    let names = ["a", "b", "c", "d"];
    let mut edges = Vec::new();
    for i in 0..4 {
        for j in 0..4 {
            if i != j {
                edges.push((i, j));
            }
        }
    }
    let g = graph(&names, &edges);
    assert!((g.density() - 1.0).abs() < EPS);
    assert!(g.degree_centralization().abs() < EPS);
    for name in names {
        assert_eq!(g.betweenness(Orientation::Directed, Normalization::Normalized).get(name), Some(0.0));
        assert_eq!(g.closeness(Orientation::Directed).get(name), Some(1.0));
        assert_eq!(g.closeness(Orientation::Undirected).get(name), Some(1.0));
        assert_eq!(g.degree_centrality(Degree::Undirected).get(name), Some(1.0));
        assert_eq!(g.degree_centrality(Degree::Total).get(name), Some(2.0));
    }
}

#[test]
fn two_components_and_an_isolate() {
    let names = ["a", "b", "c", "d", "e"];
    let g = graph(&names, &[(0, 1), (3, 2)]);
    assert_eq!(g.weak_components(), vec![vec![id("a"), id("b")], vec![id("c"), id("d")], vec![id("e")]]);
    assert_eq!(g.shortest_path("a", "d", Orientation::Undirected).unwrap(), None);
    // b is reached by a only, out of 4 others: (1/1)(1/4).
    assert_values(&g, &g.closeness(Orientation::Directed), &[("b", 0.25), ("c", 0.25), ("e", 0.0)]);
    assert_values(&g, &g.closeness(Orientation::Undirected), &[("a", 0.25), ("e", 0.0)]);
    assert_values(&g, &g.betweenness(Orientation::Undirected, Normalization::Normalized), &[("a", 0.0)]);
    assert!((g.density() - 2.0 / 20.0).abs() < EPS);
}

#[test]
fn degenerate_graphs() {
    let empty = graph(&[], &[]);
    assert_eq!(empty.density(), 0.0);
    assert_eq!(empty.degree_centralization(), 0.0);
    assert!(empty.betweenness(Orientation::Directed, Normalization::Normalized).is_empty());
    assert!(empty.weak_components().is_empty());
    assert_eq!(empty.scale_profile().total(), 0);
    assert!(empty.scale_profile().dominant().is_empty());
    let one = graph(&["a"], &[]);
    assert_eq!(one.degree_centrality(Degree::In).get("a"), Some(1.0)); // networkx
    assert_eq!(one.closeness(Orientation::Directed).get("a"), Some(0.0));
    assert_eq!(one.betweenness(Orientation::Directed, Normalization::Normalized).get("a"), Some(0.0));
    let two = graph(&["a", "b"], &[(0, 1)]);
    assert_eq!(two.betweenness(Orientation::Undirected, Normalization::Normalized).get("a"), Some(0.0));
    assert_eq!(two.degree_centralization(), 0.0);
}

#[test]
fn parallel_linkages_count_once_structurally() {
    let s = SourceId::new("s").unwrap();
    let g = LinkageGraph::builder(TownId::new("t").unwrap())
        .actor(Actor::new(id("a"), "A", ActorKind::Place).unwrap())
        .actor(Actor::new(id("b"), "B", ActorKind::Place).unwrap())
        .linkage(id("a"), id("b"), Linkage::new(LinkageKind::Investment, Scale::Global, s.clone()))
        .linkage(id("a"), id("b"), Linkage::new(LinkageKind::InstitutionalBorrowing, Scale::Global, s.clone()))
        .linkage(id("b"), id("a"), Linkage::new(LinkageKind::Market, Scale::National, s))
        .build()
        .unwrap();
    assert!((g.density() - 1.0).abs() < EPS);
    assert_eq!(g.degree("a", Degree::Out).unwrap(), 1);
    assert_eq!(g.degree("a", Degree::Total).unwrap(), 2);
    assert_eq!(g.degree("a", Degree::Undirected).unwrap(), 1);
    let p = g.scale_profile();
    assert_eq!((p.count(Scale::Global), p.count(Scale::National), p.total()), (2, 1, 3));
}

#[test]
fn unknown_actors_are_typed_errors() {
    let g = graph(&["a", "b"], &[(0, 1)]);
    let err = g.shortest_path("a", "ghost", Orientation::Directed).unwrap_err();
    assert!(matches!(&err, Error::UnknownReference { id, .. } if id == "ghost"));
    assert_eq!(err.to_string(), "shortest path from 'a' to 'ghost' refers to unknown actor 'ghost'");
    let err = g.neighbours("ghost", &LinkageFilter::any()).unwrap_err();
    assert_eq!(err.to_string(), "neighbours of 'ghost' refers to unknown actor 'ghost'");
    assert!(matches!(g.degree("ghost", Degree::In), Err(Error::UnknownReference { .. })));
}

/// A Kunshan-like graph: FDI-led, with national and global linkages and
/// institutions borrowed from Taiwan (and, via Suzhou Industrial Park,
/// Singapore).
fn kunshan() -> LinkageGraph {
    let s = SourceId::new("qiao-talk").unwrap();
    let l = |k, sc| Linkage::new(k, sc, s.clone());
    LinkageGraph::builder(TownId::new("kunshan").unwrap())
        .actor(
            Actor::new(id("gov"), "Kunshan government", ActorKind::LocalGovernment)
                .unwrap()
                .with_place("Kunshan")
                .unwrap(),
        )
        .actor(
            Actor::new(id("tw"), "Taiwanese investors", ActorKind::ForeignInvestedFirm)
                .unwrap()
                .with_place("Taiwan")
                .unwrap(),
        )
        .actor(Actor::new(id("de"), "German park", ActorKind::IndustrialPark).unwrap().with_place("Germany").unwrap())
        .actor(
            Actor::new(id("thu"), "Tsinghua University", ActorKind::University).unwrap().with_place("Beijing").unwrap(),
        )
        .actor(Actor::new(id("sz"), "Suzhou", ActorKind::HigherGovernment).unwrap().with_place("Suzhou").unwrap())
        .actor(Actor::new(id("local"), "Local suppliers", ActorKind::PrivateFirm).unwrap())
        .linkage(id("tw"), id("gov"), l(LinkageKind::Investment, Scale::Global))
        .linkage(id("tw"), id("gov"), l(LinkageKind::InstitutionalBorrowing, Scale::Global))
        .linkage(id("de"), id("gov"), l(LinkageKind::Investment, Scale::Global))
        .linkage(id("thu"), id("gov"), l(LinkageKind::KnowledgeTransfer, Scale::National))
        .linkage(id("gov"), id("thu"), l(LinkageKind::Partnership, Scale::National))
        .linkage(id("sz"), id("gov"), l(LinkageKind::Governance, Scale::Regional))
        .linkage(id("local"), id("tw"), l(LinkageKind::Supply, Scale::Local))
        .build()
        .unwrap()
}

/// A Shunde-like graph: bottom-up, local and regional linkages,
/// institutions borrowed from Hong Kong and Shenzhen.
fn shunde() -> LinkageGraph {
    let s = SourceId::new("qiao-talk").unwrap();
    let l = |k, sc| Linkage::new(k, sc, s.clone());
    LinkageGraph::builder(TownId::new("shunde").unwrap())
        .actor(
            Actor::new(id("gov"), "Shunde government", ActorKind::LocalGovernment)
                .unwrap()
                .with_place("Shunde")
                .unwrap(),
        )
        .actor(
            Actor::new(id("firms"), "Household firms", ActorKind::HouseholdFirm).unwrap().with_place("Shunde").unwrap(),
        )
        .actor(Actor::new(id("leliu"), "Leliu association", ActorKind::BusinessAssociation).unwrap())
        .actor(Actor::new(id("hk"), "Hong Kong", ActorKind::Place).unwrap().with_place("Hong Kong").unwrap())
        .actor(Actor::new(id("shenzhen"), "Shenzhen", ActorKind::Place).unwrap().with_place("Shenzhen").unwrap())
        .actor(Actor::new(id("buyers"), "Overseas buyers", ActorKind::ForeignInvestedFirm).unwrap())
        .linkage(id("firms"), id("leliu"), l(LinkageKind::Partnership, Scale::Local))
        .linkage(id("leliu"), id("gov"), l(LinkageKind::Governance, Scale::Local))
        .linkage(id("gov"), id("firms"), l(LinkageKind::Supply, Scale::Local))
        .linkage(id("hk"), id("gov"), l(LinkageKind::InstitutionalBorrowing, Scale::Regional))
        .linkage(id("shenzhen"), id("gov"), l(LinkageKind::InstitutionalBorrowing, Scale::Regional))
        .linkage(id("hk"), id("firms"), l(LinkageKind::Investment, Scale::Regional))
        .linkage(id("firms"), id("buyers"), l(LinkageKind::Market, Scale::Global))
        .build()
        .unwrap()
}

#[test]
fn the_talks_rows_follow_from_the_graphs() {
    let k = kunshan();
    assert_eq!(k.scale_profile().dominant(), BTreeSet::from([Scale::National, Scale::Global]));
    assert_eq!(k.institutional_borrowing_origins(), BTreeSet::from([Place::new("Taiwan").unwrap()]));
    let s = shunde();
    assert_eq!(s.scale_profile().dominant(), BTreeSet::from([Scale::Local, Scale::Regional]));
    assert_eq!(
        s.institutional_borrowing_origins(),
        BTreeSet::from([Place::new("Hong Kong").unwrap(), Place::new("Shenzhen").unwrap()])
    );
    // Kunshan's government is the hub of its network.
    assert_eq!(k.brokers(1, Orientation::Undirected)[0].0, id("gov"));
    assert!(k.degree_centralization() > s.degree_centralization());
}

#[test]
fn dominant_rule() {
    let p = |c: &[(Scale, usize)]| ScaleProfile::from_counts(c.iter().copied()).dominant();
    // Every scale with at least a quarter of the linkages.
    assert_eq!(p(&[(Scale::Global, 6), (Scale::Local, 4)]), BTreeSet::from([Scale::Global, Scale::Local]));
    assert_eq!(p(&[(Scale::Global, 8), (Scale::Local, 2)]), BTreeSet::from([Scale::Global]));
    // Exactly a quarter counts; just under does not.
    assert_eq!(p(&[(Scale::Global, 3), (Scale::Local, 1)]), BTreeSet::from([Scale::Global, Scale::Local]));
    assert_eq!(p(&[(Scale::Global, 4), (Scale::Local, 1)]), BTreeSet::from([Scale::Global]));
    assert_eq!(
        p(&[(Scale::Global, 5), (Scale::Local, 3), (Scale::National, 2)]),
        BTreeSet::from([Scale::Global, Scale::Local])
    );
    // Ties with the last scale taken are included.
    assert_eq!(
        p(&[(Scale::Global, 1), (Scale::Local, 1), (Scale::National, 1), (Scale::Regional, 1)]),
        Scale::ALL.iter().copied().collect::<BTreeSet<_>>()
    );
    assert_eq!(
        p(&[(Scale::Global, 2), (Scale::Local, 2), (Scale::National, 1)]),
        BTreeSet::from([Scale::Global, Scale::Local])
    );
}

#[test]
fn neighbours_by_kind_scale_and_direction() {
    let g = kunshan();
    let names = |v: Vec<&ActorId>| v.into_iter().map(|a| a.as_str().to_owned()).collect::<Vec<_>>();
    assert_eq!(names(g.neighbours("gov", &LinkageFilter::any()).unwrap()), ["tw", "de", "thu", "sz"]);
    assert_eq!(names(g.neighbours("gov", &LinkageFilter::any().outgoing()).unwrap()), ["thu"]);
    assert_eq!(
        names(g.neighbours("gov", &LinkageFilter::any().incoming().scale(Scale::Global)).unwrap()),
        ["tw", "de"]
    );
    let borrowing = LinkageFilter::any().kind(LinkageKind::InstitutionalBorrowing);
    assert_eq!(names(g.neighbours("gov", &borrowing).unwrap()), ["tw"]);
    assert!(g.neighbours("local", &borrowing).unwrap().is_empty());
    assert_eq!(names(g.neighbours("tw", &LinkageFilter::any().incoming().outgoing()).unwrap()), ["gov", "local"]);
}

// ---------------------------------------------------------------- properties

/// Random graphs: up to 10 actors, up to 25 linkages with random scales
/// (self-loops dropped; parallel linkages kept).
fn arb_graph() -> impl Strategy<Value = (usize, Vec<(usize, usize, usize)>)> {
    (1usize..10).prop_flat_map(|n| {
        let edges = proptest::collection::vec((0..n, 0..n, 0usize..4), 0..25)
            .prop_map(|es| es.into_iter().filter(|(a, b, _)| a != b).collect::<Vec<_>>());
        (Just(n), edges)
    })
}

/// Builds the graph with actor `i` named `name(i)`, inserted in `order`.
fn build(n: usize, edges: &[(usize, usize, usize)], name: impl Fn(usize) -> String, order: &[usize]) -> LinkageGraph {
    let mut b = LinkageGraph::builder(TownId::new("t").unwrap());
    for &i in order.iter().take(n) {
        b = b.actor(Actor::new(id(&name(i)), name(i), ActorKind::PrivateFirm).unwrap());
    }
    let s = SourceId::new("s").unwrap();
    for &(f, t, sc) in edges {
        b = b.linkage(id(&name(f)), id(&name(t)), Linkage::new(LinkageKind::Supply, Scale::ALL[sc], s.clone()));
    }
    b.build().unwrap()
}

fn plain(n: usize, edges: &[(usize, usize, usize)]) -> LinkageGraph {
    build(n, edges, |i| format!("a{i}"), &(0..n).collect::<Vec<_>>())
}

fn all_measures(g: &LinkageGraph) -> Vec<regdev::Centrality> {
    let mut v = Vec::new();
    for o in Orientation::ALL {
        v.push(g.betweenness(*o, Normalization::Raw));
        v.push(g.betweenness(*o, Normalization::Normalized));
        v.push(g.closeness(*o));
    }
    for d in Degree::ALL {
        v.push(g.degree_centrality(*d));
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn values_are_in_range((n, edges) in arb_graph()) {
        let g = plain(n, &edges);
        for o in Orientation::ALL {
            for (_, v) in g.betweenness(*o, Normalization::Raw).iter() {
                prop_assert!(v >= 0.0);
            }
            for (_, v) in g.betweenness(*o, Normalization::Normalized).iter() {
                prop_assert!((0.0..=1.0 + 1e-9).contains(&v), "normalized betweenness {v}");
            }
            for (_, v) in g.closeness(*o).iter() {
                prop_assert!((0.0..=1.0 + 1e-9).contains(&v), "closeness {v}");
            }
        }
        for d in [Degree::In, Degree::Out, Degree::Undirected] {
            for (_, v) in g.degree_centrality(d).iter() {
                prop_assert!((0.0..=1.0).contains(&v));
            }
        }
        for (_, v) in g.degree_centrality(Degree::Total).iter() {
            prop_assert!((0.0..=2.0).contains(&v));
        }
        prop_assert!((0.0..=1.0).contains(&g.density()));
        prop_assert!((0.0..=1.0 + 1e-9).contains(&g.degree_centralization()));
    }

    #[test]
    fn scale_shares_sum_to_one((n, edges) in arb_graph()) {
        let g = plain(n, &edges);
        let p = g.scale_profile();
        prop_assert_eq!(p.total(), g.linkage_count());
        let sum: f64 = p.iter().map(|(_, _, share)| share).sum();
        if g.linkage_count() > 0 {
            prop_assert!(close(sum, 1.0));
            let dominant = p.dominant();
            prop_assert!(!dominant.is_empty());
            for s in Scale::ALL {
                prop_assert_eq!(dominant.contains(s), p.count(*s) > 0 && 4 * p.count(*s) >= p.total());
            }
        } else {
            prop_assert_eq!(sum, 0.0);
        }
    }

    #[test]
    fn invariant_under_relabelling((n, edges) in arb_graph(), seed in any::<u64>()) {
        // A permutation of the insertion order and new names.
        let mut order: Vec<usize> = (0..n).collect();
        let mut x = seed;
        for i in (1..n).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (x >> 33) as usize % (i + 1));
        }
        let rename = |i: usize| format!("z{}", (i * 7 + 3) % 100);
        let g = plain(n, &edges);
        let h = build(n, &edges, rename, &order);
        for (a, b) in all_measures(&g).iter().zip(all_measures(&h).iter()) {
            for i in 0..n {
                let (va, vb) = (a.get(&format!("a{i}")).unwrap(), b.get(&rename(i)).unwrap());
                prop_assert!(close(va, vb), "actor {i}: {va} vs {vb}");
            }
        }
        prop_assert!(close(g.density(), h.density()));
        prop_assert!(close(g.degree_centralization(), h.degree_centralization()));
        prop_assert_eq!(g.scale_profile(), h.scale_profile());
        let sizes = |g: &LinkageGraph| {
            let mut s: Vec<usize> = g.weak_components().iter().map(Vec::len).collect();
            s.sort_unstable();
            s
        };
        prop_assert_eq!(sizes(&g), sizes(&h));
    }

    #[test]
    fn symmetric_digraph_matches_undirected((n, edges) in arb_graph()) {
        let both: Vec<(usize, usize, usize)> = edges.iter().flat_map(|&(a, b, s)| [(a, b, s), (b, a, s)]).collect();
        let g = plain(n, &both);
        let pairs = [
            (g.betweenness(Orientation::Directed, Normalization::Normalized), g.betweenness(Orientation::Undirected, Normalization::Normalized), 1.0),
            (g.betweenness(Orientation::Directed, Normalization::Raw), g.betweenness(Orientation::Undirected, Normalization::Raw), 2.0),
            (g.closeness(Orientation::Directed), g.closeness(Orientation::Undirected), 1.0),
            (g.degree_centrality(Degree::In), g.degree_centrality(Degree::Undirected), 1.0),
            (g.degree_centrality(Degree::Out), g.degree_centrality(Degree::Undirected), 1.0),
        ];
        for (directed, undirected, factor) in pairs {
            for ((_, d), (_, u)) in directed.iter().zip(undirected.iter()) {
                prop_assert!(close(d, factor * u), "{d} vs {factor} × {u}");
            }
        }
    }

    #[test]
    fn components_and_paths_agree((n, edges) in arb_graph()) {
        let g = plain(n, &edges);
        let components = g.weak_components();
        prop_assert_eq!(components.iter().map(Vec::len).sum::<usize>(), n);
        for i in 0..n {
            for j in 0..n {
                let (a, b) = (format!("a{i}"), format!("a{j}"));
                let same = components.iter().any(|c| c.contains(&id(&a)) && c.contains(&id(&b)));
                let undirected = g.shortest_path(&a, &b, Orientation::Undirected).unwrap();
                prop_assert_eq!(same, undirected.is_some());
                if let Some(p) = g.shortest_path(&a, &b, Orientation::Directed).unwrap() {
                    prop_assert_eq!(p.first(), Some(&id(&a)));
                    prop_assert_eq!(p.last(), Some(&id(&b)));
                    for w in p.windows(2) {
                        prop_assert!(g.linkages().any(|(f, t, _)| *f == w[0] && *t == w[1]));
                    }
                    prop_assert!(undirected.map_or(0, |u| u.len()) <= p.len());
                }
            }
        }
    }
}
