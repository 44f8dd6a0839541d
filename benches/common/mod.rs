//! The benchmark workloads, shared by the criterion benches (`benches/*.rs`)
//! and `examples/bench_report.rs` (which times them for `benches/peers/`),
//! so that both measure exactly the same code.
#![allow(dead_code, unreachable_pub)]

use regdev::synth::{self, SynthConfig};
use regdev::{Atlas, AtlasDocument, Currency, Error, Money, Query, RegionalModel};
use regdev::{DistanceMatrix, Gower, classify_all};

pub mod settings;

/// The seed of every benchmark fixture.
pub const SEED: u64 = 42;

/// Linkages per actor in the graph benchmarks.
pub const LINKAGES_PER_ACTOR: usize = 5;

/// A synthetic atlas of `towns` towns, no graphs.
pub fn atlas(towns: usize) -> Result<Atlas, Error> {
    synth::atlas(&SynthConfig::new().towns(towns).seed(SEED))
}

/// The three-predicate query the peers run too:
/// `model == pearl_river_delta and population >= 50_000 and gdp_cny >= 2e9`.
pub fn three_predicate_query() -> Result<Query, Error> {
    Ok(Query::model(RegionalModel::PearlRiverDelta)
        .and(Query::population(50_000..))
        .and(Query::gdp(Money::new(2e9, Currency::Cny)?..)))
}

/// Runs a query, returning the number of matching towns.
pub fn run_query(atlas: &Atlas, query: &Query) -> usize {
    atlas.query(query).count()
}

/// Classifies every town against the atlas's archetypes; returns how many
/// got a nearest archetype. The results are built, read and dropped here,
/// inside whatever times this: what a caller of `classify_all` pays.
pub fn classify_every_town(atlas: &Atlas) -> Result<usize, Error> {
    let all = classify_all(atlas.towns(), atlas.archetypes(), &Gower::new())?;
    Ok(all.iter().filter(|c| c.best().is_some()).count())
}

/// All-pairs Gower distance (profiles and key facts) between every town.
pub fn gower_all_pairs(atlas: &Atlas) -> Result<DistanceMatrix, Error> {
    Gower::new().fit(atlas).matrix(atlas.towns())
}

/// Validates a document into an atlas.
pub fn build_validate(doc: AtlasDocument) -> Result<Atlas, Error> {
    Atlas::from_document(doc)
}

/// Loads and validates an atlas from JSON bytes.
pub fn load_json(bytes: &[u8]) -> Result<Atlas, Error> {
    Atlas::from_json_slice(bytes)
}

/// The baseline: serde_json parsing the same bytes into an untyped Value.
pub fn parse_value(bytes: &[u8]) -> Result<serde_json::Value, Error> {
    serde_json::from_slice(bytes).map_err(|e| Error::Parse {
        format: "JSON",
        path: None,
        line: Some(e.line()),
        column: Some(e.column()),
        message: e.to_string(),
    })
}

/// The graph of the graph benchmarks: `actors` actors, 5 linkages each.
pub fn graph(actors: usize) -> Result<regdev::LinkageGraph, Error> {
    synth::linkage_graph(actors, LINKAGES_PER_ACTOR, SEED)
}

/// Directed, normalized betweenness of every actor (as
/// `networkx.betweenness_centrality(G)` and igraph's `G.betweenness()`).
pub fn betweenness(g: &regdev::LinkageGraph) -> regdev::Centrality {
    g.betweenness(regdev::Orientation::Directed, regdev::Normalization::Normalized)
}

/// Undirected, normalized betweenness and closeness from one pass (what
/// `regdev graph` computes).
pub fn path_centralities(g: &regdev::LinkageGraph, o: regdev::Orientation) -> usize {
    g.path_centralities(o, regdev::Normalization::Normalized).betweenness.len()
}

/// The simple directed graph of `g` as a petgraph graph, for the library
/// kernel the engine is compared with (built outside the timing).
pub fn simple_digraph(g: &regdev::LinkageGraph) -> petgraph::graph::DiGraph<(), ()> {
    use std::collections::HashMap;
    let idx: HashMap<&str, u32> = g.actors().enumerate().map(|(i, a)| (a.id().as_str(), i as u32)).collect();
    let mut pairs: Vec<(u32, u32)> =
        g.linkages().filter_map(|(f, t, _)| Some((*idx.get(f.as_str())?, *idx.get(t.as_str())?))).collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut d = petgraph::graph::DiGraph::with_capacity(g.actor_count(), pairs.len());
    for _ in 0..g.actor_count() {
        d.add_node(());
    }
    d.extend_with_edges(pairs);
    d
}

/// rustworkx-core's directed, normalized betweenness (parallel from 50
/// nodes, as regdev's).
pub fn rustworkx_betweenness(d: &petgraph::graph::DiGraph<(), ()>) -> usize {
    rustworkx_core::centrality::betweenness_centrality(d, false, true, 50).len()
}

/// Density and every actor's total degree (as `nx.density(G)`, `G.degree()`).
pub fn density_and_degree(g: &regdev::LinkageGraph) -> (f64, usize) {
    let d = g.density();
    let degrees = g.degree_centrality(regdev::Degree::Total);
    (d, degrees.len())
}

/// The scale profile: linkages per scale.
pub fn scale_profile(g: &regdev::LinkageGraph) -> usize {
    g.scale_profile().total()
}

/// GraphML export into memory; returns the byte count.
pub fn graphml(g: &regdev::LinkageGraph) -> Result<usize, Error> {
    let mut out = Vec::with_capacity(g.linkage_count() * 300);
    g.write_graphml(&mut out)?;
    Ok(out.len())
}
