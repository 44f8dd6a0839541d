//! Arbitrary atlases round-trip losslessly through Parquet files: write
//! with `tables::write_dir`, read back with `tables::read_dir`, compare.
//!
//! `cargo test --features parquet,proptest --test tables_props`

#![cfg(all(feature = "parquet", feature = "proptest"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use regdev::{Archetype, Atlas, ExchangeRate, LinkageGraph, Source, SourceId, SourceKind, Town, arbitrary, tables};
use serde_json::Value;

/// An atlas from arbitrary parts, its references made to resolve: towns
/// with unique ids, each parent an earlier town of a higher tier (or
/// none), each graph focused on its own town, and a source for every id
/// cited, besides arbitrary extra sources.
fn assemble(
    towns: Vec<Town>,
    archetypes: Vec<Archetype>,
    graphs: Vec<LinkageGraph>,
    rates: Vec<ExchangeRate>,
    extra: Vec<Source>,
) -> Option<Atlas> {
    let mut seen = BTreeSet::new();
    let towns: Vec<Town> = towns.into_iter().filter(|t| seen.insert(t.id().clone())).collect();
    let mut fixed: Vec<Town> = Vec::with_capacity(towns.len());
    for t in &towns {
        let mut v = serde_json::to_value(t).ok()?;
        let obj = v.as_object_mut()?;
        obj.remove("parent");
        if let Some(p) = fixed.iter().find(|p| p.level().tier() < t.level().tier()) {
            obj.insert("parent".to_owned(), Value::String(p.id().to_string()));
        }
        fixed.push(serde_json::from_value(v).ok()?);
    }
    let mut out_graphs = Vec::new();
    for (g, t) in graphs.iter().zip(&fixed) {
        let mut v = serde_json::to_value(g).ok()?;
        v.as_object_mut()?.insert("focal_town".to_owned(), Value::String(t.id().to_string()));
        out_graphs.push(serde_json::from_value::<LinkageGraph>(v).ok()?);
    }
    let mut seen_archetypes = BTreeSet::new();
    let archetypes: Vec<Archetype> =
        archetypes.into_iter().filter(|a| seen_archetypes.insert(a.id().to_string())).collect();
    let mut cited: BTreeSet<SourceId> = BTreeSet::new();
    for t in &fixed {
        cited.extend(t.cited_sources().map(|(_, s)| s.clone()));
    }
    for g in &out_graphs {
        cited.extend(g.cited_sources().map(|(_, s)| s.clone()));
    }
    for a in &archetypes {
        cited.extend(a.profile_sources().values().cloned());
    }
    for r in &rates {
        cited.insert(r.source().clone());
    }
    let mut b = Atlas::builder();
    let mut ids = BTreeSet::new();
    for s in extra {
        if ids.insert(s.id().clone()) {
            b = b.source(s);
        }
    }
    for id in cited {
        if ids.insert(id.clone()) {
            b = b.source(Source::new(id, SourceKind::Book, "A title").ok()?);
        }
    }
    for r in rates {
        b = b.exchange_rate(r);
    }
    for a in archetypes {
        b = b.archetype(a);
    }
    for t in fixed {
        b = b.town(t);
    }
    for g in out_graphs {
        b = b.graph(g);
    }
    b.build().ok()
}

fn atlas() -> impl Strategy<Value = Option<Atlas>> {
    (
        vec(arbitrary::town(), 0..=4),
        vec(arbitrary::archetype(), 0..=2),
        vec(arbitrary::linkage_graph(5, 8), 0..=3),
        vec(arbitrary::exchange_rate(), 0..=2),
        vec(arbitrary::source(), 0..=3),
    )
        .prop_map(|(t, a, g, r, s)| assemble(t, a, g, r, s))
}

static CASE: AtomicUsize = AtomicUsize::new(0);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn arbitrary_atlases_roundtrip_through_parquet(atlas in atlas()) {
        // Duplicate exchange rates and the like make a few inputs invalid.
        prop_assume!(atlas.is_some());
        let atlas = atlas.unwrap();
        let n = CASE.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("regdev-tables-props-{}-{n}", std::process::id()));
        tables::write_dir(&atlas, &dir).unwrap();
        let back = tables::read_dir(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let back = back.unwrap();
        prop_assert_eq!(back.to_json_pretty().unwrap(), atlas.to_json_pretty().unwrap());
        prop_assert_eq!(&back, &atlas);
    }
}

/// The strategy makes atlases with content, not only empty ones.
#[test]
fn the_strategy_makes_rich_atlases() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut towns, mut linkages, mut built) = (0, 0, 0);
    for _ in 0..32 {
        let tree = atlas().new_tree(&mut runner).unwrap();
        if let Some(a) = tree.current() {
            built += 1;
            towns += a.towns().count();
            linkages += a.graphs().map(|g| g.linkage_count()).sum::<usize>();
        }
    }
    assert!(built >= 16, "{built} of 32 atlases valid");
    assert!(towns >= 16 && linkages >= 8, "{towns} towns, {linkages} linkages");
}
