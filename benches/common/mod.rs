//! The benchmark workloads, shared by the criterion benches (`benches/*.rs`)
//! and `examples/bench_report.rs` (which times them for `benches/peers/`),
//! so that both measure exactly the same code.
#![allow(dead_code, unreachable_pub)]

use regdev::compare::{DistanceMatrix, Gower, classify_all};
use regdev::synth::{self, SynthConfig};
use regdev::{Atlas, AtlasDocument, Currency, Error, Money, Query, RegionalModel};

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
/// got a nearest archetype.
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
pub fn betweenness(g: &regdev::LinkageGraph) -> regdev::linkage::Centrality {
    g.betweenness(regdev::linkage::Orientation::Directed, true)
}

/// Density and every actor's total degree (as `nx.density(G)`, `G.degree()`).
pub fn density_and_degree(g: &regdev::LinkageGraph) -> (f64, usize) {
    let d = g.density();
    let degrees = g.degree_centrality(regdev::linkage::Degree::Total);
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
