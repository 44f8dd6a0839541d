//! The compact graph engine: betweenness and closeness equal networkx's on
//! the built-in graphs and on random graphs of 60–120 actors (the parallel
//! kernel runs from 50 actors on), equal rustworkx-core's on property
//! graphs, and per-actor queries build the adjacency once.
//!
//! The networkx values come from `tests/fixtures/graph/networkx_centrality.py`
//! (kept with its output, `networkx_centrality.json`), so the test needs no
//! Python.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeMap;

use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
use regdev::{Centrality, Normalization, Orientation};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    graphs: Vec<FixtureGraph>,
}

#[derive(Deserialize)]
struct FixtureGraph {
    name: String,
    nodes: Vec<String>,
    edges: Vec<(String, String)>,
    networkx: BTreeMap<String, BTreeMap<String, BTreeMap<String, f64>>>,
}

fn build(nodes: &[String], edges: &[(String, String)]) -> LinkageGraph {
    let mut b = LinkageGraph::builder(TownId::new("t").unwrap());
    for n in nodes {
        b = b.actor(Actor::new(ActorId::new(n).unwrap(), n, ActorKind::PrivateFirm).unwrap());
    }
    let s = SourceId::new("s").unwrap();
    for (f, t) in edges {
        b = b.linkage(
            ActorId::new(f).unwrap(),
            ActorId::new(t).unwrap(),
            Linkage::new(LinkageKind::Supply, Scale::Local, s.clone()),
        );
    }
    b.build().unwrap()
}

fn assert_close(what: &str, got: &Centrality, want: &BTreeMap<String, f64>) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (id, w) in want {
        let g = got.get(id).unwrap();
        assert!((g - w).abs() <= 1e-9 * w.abs().max(1.0), "{what} {id}: regdev {g}, networkx {w}");
    }
}

#[test]
fn equals_networkx_on_builtin_and_random_graphs() {
    let text = include_str!("fixtures/graph/networkx_centrality.json");
    let fixture: Fixture = serde_json::from_str(text).unwrap();
    assert!(fixture.graphs.iter().filter(|g| g.nodes.len() >= 60).count() >= 3);
    for fg in &fixture.graphs {
        let g = build(&fg.nodes, &fg.edges);
        for (o, key) in [(Orientation::Directed, "directed"), (Orientation::Undirected, "undirected")] {
            let nx = &fg.networkx[key];
            let what = |m: &str| format!("{} {key} {m}", fg.name);
            assert_close(&what("raw"), &g.betweenness(o, Normalization::Raw), &nx["betweenness_raw"]);
            let norm = g.betweenness(o, Normalization::Normalized);
            assert_close(&what("normalized"), &norm, &nx["betweenness_normalized"]);
            let close = g.closeness(o);
            assert_close(&what("closeness"), &close, &nx["closeness"]);
            // One pass for both gives the same values, bit for bit.
            let both = g.path_centralities(o, Normalization::Normalized);
            assert_eq!(both.betweenness, norm);
            assert_eq!(both.closeness, close);
        }
        assert_eq!(g.adjacency_builds(), 1, "{}", fg.name);
    }
}

/// The tests on synthetic graphs (feature `synth`).
#[cfg(feature = "synth")]
mod synthetic {
    use proptest::prelude::*;
    use regdev::Degree;

    use super::*;

    #[test]
    fn parallel_results_are_reproducible() {
        let g = regdev::synth::linkage_graph(400, 3, 9).unwrap();
        let a = g.path_centralities(Orientation::Directed, Normalization::Raw);
        let b = g.clone().path_centralities(Orientation::Directed, Normalization::Raw);
        assert_eq!(a, b);
    }

    /// The per-actor loop of `regdev graph`: one degree query per actor. With
    /// the adjacency built once it is linear; the count of builds proves it.
    #[test]
    fn per_actor_degrees_build_the_adjacency_once() {
        let g = regdev::synth::linkage_graph(10_000, 5, 1).unwrap();
        assert_eq!(g.adjacency_builds(), 0);
        let mut total = 0;
        for a in g.actors() {
            total += g.degree(a.id().as_str(), Degree::Total).unwrap();
            total += g.degree(a.id().as_str(), Degree::Undirected).unwrap();
        }
        let _ = g.density();
        let _ = g.degree_centrality(Degree::In);
        assert_eq!(g.adjacency_builds(), 1);
        // Every linkage of the synthetic graph joins a distinct ordered pair,
        // so total degrees sum to 2m.
        assert!(total >= 2 * g.linkage_count());
    }

    /// rustworkx-core, the library kernel regdev used before, on the simple
    /// graph.
    fn rustworkx(g: &LinkageGraph, o: Orientation, normalized: bool) -> (Vec<f64>, Vec<f64>) {
        use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
        use rustworkx_core::centrality::{betweenness_centrality, closeness_centrality};
        let idx: BTreeMap<&str, usize> = g.actors().enumerate().map(|(i, a)| (a.id().as_str(), i)).collect();
        let mut pairs: Vec<(usize, usize)> = g.linkages().map(|(f, t, _)| (idx[f.as_str()], idx[t.as_str()])).collect();
        let n = g.actor_count();
        let unwrap = |v: Vec<Option<f64>>| v.into_iter().map(|x| x.unwrap_or(0.0)).collect::<Vec<_>>();
        match o {
            Orientation::Directed => {
                pairs.sort_unstable();
                pairs.dedup();
                let mut d = DiGraph::<(), ()>::new();
                for _ in 0..n {
                    d.add_node(());
                }
                for &(a, b) in &pairs {
                    d.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
                }
                (unwrap(betweenness_centrality(&d, false, normalized, 50)), unwrap(closeness_centrality(&d, true, 50)))
            }
            Orientation::Undirected => {
                let mut und: Vec<(usize, usize)> = pairs.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
                und.sort_unstable();
                und.dedup();
                let mut u = UnGraph::<(), ()>::new_undirected();
                for _ in 0..n {
                    u.add_node(());
                }
                for &(a, b) in &und {
                    u.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
                }
                (unwrap(betweenness_centrality(&u, false, normalized, 50)), unwrap(closeness_centrality(&u, true, 50)))
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn equals_rustworkx_core(n in 2usize..130, per in 1usize..4, seed in any::<u64>()) {
            let g = regdev::synth::linkage_graph(n, per, seed).unwrap();
            for o in [Orientation::Directed, Orientation::Undirected] {
                for (norm, flag) in [(Normalization::Raw, false), (Normalization::Normalized, true)] {
                    let (bc, cc) = rustworkx(&g, o, flag);
                    let ours = g.betweenness(o, norm);
                    for ((_, v), w) in ours.iter().zip(&bc) {
                        prop_assert!((v - w).abs() <= 1e-9 * w.abs().max(1.0), "{o:?} {norm:?}: {v} vs {w}");
                    }
                    for ((_, v), w) in g.closeness(o).iter().zip(&cc) {
                        prop_assert!((v - w).abs() <= 1e-12, "{o:?} closeness: {v} vs {w}");
                    }
                }
            }
        }
    }
}
