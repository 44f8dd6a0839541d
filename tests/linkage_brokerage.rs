//! Brokerage roles and the E–I index against R's `sna` (2.7): the built-in
//! graphs grouped by kind, locality and place, and three random graphs of
//! 60, 90 and 120 actors in three groups. The inputs and R's output are
//! fixtures (`tests/fixtures/graph/brokerage/`, written by
//! `brokerage_inputs.py` and `sna_brokerage.R`), so the test needs no R.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regdev::Grouping;
use regdev::{Actor, ActorId, ActorKind, Atlas, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graph/brokerage")
}

fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| headers.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.to_owned(), v.to_owned())).collect())
        .collect()
}

fn num(s: &str) -> Option<f64> {
    (s != "NA").then(|| s.parse().unwrap())
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

fn random_graph(case: &str, groups: &[BTreeMap<String, String>], edges: &[BTreeMap<String, String>]) -> LinkageGraph {
    let mut b = LinkageGraph::builder(TownId::new(case).unwrap());
    for g in groups {
        b = b.actor(Actor::new(ActorId::new(&g["id"]).unwrap(), &g["id"], ActorKind::PrivateFirm).unwrap());
    }
    let s = SourceId::new("s").unwrap();
    for e in edges {
        b = b.linkage(
            ActorId::new(&e["from"]).unwrap(),
            ActorId::new(&e["to"]).unwrap(),
            Linkage::new(LinkageKind::Supply, Scale::Local, s.clone()),
        );
    }
    b.build().unwrap()
}

#[test]
fn equals_r_sna_on_builtin_and_random_graphs() {
    let atlas = Atlas::builtin();
    let mut cases: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str()?.strip_suffix(".edges.csv").map(str::to_owned))
        .collect();
    cases.sort();
    assert!(cases.len() >= 8, "{cases:?}");
    let mut large = 0;
    for case in &cases {
        let groups = rows(&dir().join(format!("{case}.groups.csv")));
        let edges = rows(&dir().join(format!("{case}.edges.csv")));
        let (town, how) = case.split_once('-').unwrap();
        let labels: Vec<String> = groups.iter().map(|g| g["group"].clone()).collect();
        let (g, grouping) = match atlas.graph(town) {
            Some(g) => {
                // The fixture is the built-in graph, and regdev's own grouping
                // gives the fixture's labels.
                let ids: Vec<&str> = g.actors().map(|a| a.id().as_str()).collect();
                assert_eq!(ids, groups.iter().map(|r| r["id"].as_str()).collect::<Vec<_>>(), "{case}");
                let pairs: Vec<(&str, &str)> = g.linkages().map(|(f, t, _)| (f.as_str(), t.as_str())).collect();
                assert_eq!(pairs, edges.iter().map(|e| (e["from"].as_str(), e["to"].as_str())).collect::<Vec<_>>());
                let grouping = match how {
                    "kind" => Grouping::Kind,
                    "place" => Grouping::Place,
                    "locality" => {
                        let mut places: Vec<String> = vec![atlas.town(town).unwrap().name().english().to_owned()];
                        places.extend(atlas.children(town).map(|t| t.name().english().to_owned()));
                        Grouping::locality(places)
                    }
                    other => panic!("unknown grouping {other}"),
                };
                assert_eq!(g.group_labels(&grouping).unwrap(), labels, "{case}");
                (g.clone(), grouping)
            }
            None => {
                let g = random_graph(case, &groups, &edges);
                assert!(g.actor_count() >= 60);
                large += 1;
                let map = groups.iter().map(|r| (r["id"].clone(), r["group"].clone())).collect();
                (g, Grouping::Custom(map))
            }
        };
        assert!(labels.iter().collect::<std::collections::BTreeSet<_>>().len() >= 2, "{case}");
        let brokerage = g.brokerage(&grouping).unwrap();
        let ei = g.ei_index(&grouping).unwrap();
        let sna = rows(&dir().join(format!("{case}.sna.csv")));
        assert_eq!(sna.len(), g.actor_count());
        let mut total = 0;
        for r in &sna {
            let id = r["id"].as_str();
            let got = brokerage.get(id).unwrap();
            let want = |c: &str| r[c].parse::<f64>().unwrap() as u64;
            assert_eq!(
                [got.coordinator, got.itinerant, got.gatekeeper, got.representative, got.liaison, got.total],
                [want("w_I"), want("w_O"), want("b_OI"), want("b_IO"), want("b_O"), want("t")],
                "{case} {id}"
            );
            total += got.total;
            assert!(same(ei.actor(id), num(&r["ei"])), "{case} {id}: {:?} vs {}", ei.actor(id), r["ei"]);
        }
        assert!(total > 0, "{case}: no brokerage at all");
        for r in rows(&dir().join(format!("{case}.ei.csv"))) {
            let got = if r["group"] == "*" { ei.graph() } else { ei.group(&r["group"]) };
            assert!(same(got, num(&r["ei"])), "{case} group {}: {got:?} vs {}", r["group"], r["ei"]);
        }
    }
    assert_eq!(large, 3);
}
