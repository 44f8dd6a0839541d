//! Linkage-graph export and serialization: GraphML parsed back with an
//! independent XML parser (roxmltree), DOT escaping, and a lossless serde
//! round-trip property.

// Test code may unwrap and index (clippy.toml allows it only inside #[test] functions).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod util;

use std::collections::BTreeMap;

use proptest::prelude::*;
use regdev::{Actor, ActorId, ActorKind, Error, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId, Year};

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

fn id(s: &str) -> ActorId {
    ActorId::new(s).unwrap()
}

/// Actor names with XML- and DOT-hostile characters and Chinese text.
fn tricky() -> LinkageGraph {
    let s = SourceId::new("qiao-talk").unwrap();
    LinkageGraph::builder(TownId::new("kunshan").unwrap())
        .actor(
            Actor::new(id("gov"), "昆山市政府 (Kunshan \"government\")", ActorKind::LocalGovernment)
                .unwrap()
                .with_place("昆山")
                .unwrap()
                .with_source(SourceId::new("kunshan-yearbook").unwrap()),
        )
        .actor(
            Actor::new(id("tw"), "Taiwanese <investors> & 'Taishang'", ActorKind::ForeignInvestedFirm)
                .unwrap()
                .with_place("Taiwan & Fujian")
                .unwrap(),
        )
        .actor(Actor::new(id("lab"), "R&D \\ lab\nsecond line", ActorKind::ResearchInstitute).unwrap())
        .linkage(
            id("tw"),
            id("gov"),
            Linkage::new(LinkageKind::Investment, Scale::Global, s.clone())
                .with_since(Year::new(1990).unwrap())
                .with_weight(2.5)
                .unwrap(),
        )
        .linkage(id("tw"), id("gov"), Linkage::new(LinkageKind::InstitutionalBorrowing, Scale::Global, s.clone()))
        .linkage(
            id("lab"),
            id("gov"),
            Linkage::new(LinkageKind::KnowledgeTransfer, Scale::National, s).with_weight(0.1).unwrap(),
        )
        .build()
        .unwrap()
}

/// The `<data>` children of an element, by key id.
fn data(node: roxmltree::Node<'_, '_>) -> BTreeMap<String, String> {
    node.children()
        .filter(|c| c.has_tag_name((GRAPHML_NS, "data")))
        .map(|c| (c.attribute("key").unwrap().to_owned(), c.text().unwrap_or("").to_owned()))
        .collect()
}

#[test]
fn graphml_parses_back_with_every_node_edge_and_attribute() {
    let g = tricky();
    let xml = g.to_graphml_string().unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((GRAPHML_NS, "graphml")));

    // Declared keys: id -> (for, attr.name, attr.type).
    let keys: BTreeMap<&str, (&str, &str, &str)> = root
        .children()
        .filter(|c| c.has_tag_name((GRAPHML_NS, "key")))
        .map(|k| {
            (
                k.attribute("id").unwrap(),
                (k.attribute("for").unwrap(), k.attribute("attr.name").unwrap(), k.attribute("attr.type").unwrap()),
            )
        })
        .collect();
    assert_eq!(keys["node_name"], ("node", "name", "string"));
    assert_eq!(keys["node_kind"], ("node", "kind", "string"));
    assert_eq!(keys["node_place"], ("node", "place", "string"));
    assert_eq!(keys["edge_kind"], ("edge", "kind", "string"));
    assert_eq!(keys["edge_scale"], ("edge", "scale", "string"));
    assert_eq!(keys["edge_weight"], ("edge", "weight", "double"));
    assert_eq!(keys["edge_since"], ("edge", "since", "int"));

    let graphs: Vec<_> = root.children().filter(|c| c.has_tag_name((GRAPHML_NS, "graph"))).collect();
    assert_eq!(graphs.len(), 1);
    let graph = graphs[0];
    assert_eq!(graph.attribute("id"), Some("kunshan"));
    assert_eq!(graph.attribute("edgedefault"), Some("directed"));

    let nodes: Vec<_> = graph.children().filter(|c| c.has_tag_name((GRAPHML_NS, "node"))).collect();
    assert_eq!(nodes.len(), g.actor_count());
    for (node, actor) in nodes.iter().zip(g.actors()) {
        assert_eq!(node.attribute("id"), Some(actor.id().as_str()));
        let d = data(*node);
        for key in d.keys() {
            assert_eq!(keys[key.as_str()].0, "node");
        }
        assert_eq!(d["node_name"], actor.name());
        assert_eq!(d["node_kind"], actor.kind().id());
        assert_eq!(d.get("node_place").map(String::as_str), actor.place().map(|p| p.as_str()));
        assert_eq!(d.get("node_source").map(String::as_str), actor.source().map(|p| p.as_str()));
    }
    assert_eq!(data(nodes[0])["node_name"], "昆山市政府 (Kunshan \"government\")");
    assert_eq!(data(nodes[1])["node_name"], "Taiwanese <investors> & 'Taishang'");
    assert_eq!(data(nodes[1])["node_place"], "Taiwan & Fujian");
    assert_eq!(data(nodes[2])["node_name"], "R&D \\ lab\nsecond line");

    let edges: Vec<_> = graph.children().filter(|c| c.has_tag_name((GRAPHML_NS, "edge"))).collect();
    assert_eq!(edges.len(), g.linkage_count());
    for (i, (edge, (from, to, l))) in edges.iter().zip(g.linkages()).enumerate() {
        assert_eq!(edge.attribute("id"), Some(format!("e{i}").as_str()));
        assert_eq!(edge.attribute("source"), Some(from.as_str()));
        assert_eq!(edge.attribute("target"), Some(to.as_str()));
        let d = data(*edge);
        for key in d.keys() {
            assert_eq!(keys[key.as_str()].0, "edge");
        }
        assert_eq!(d["edge_kind"], l.kind().id());
        assert_eq!(d["edge_scale"], l.scale().id());
        assert_eq!(d["edge_source"], l.source().as_str());
        assert_eq!(d.get("edge_weight").map(|w| w.parse::<f64>().unwrap()), l.weight());
        assert_eq!(d.get("edge_since").map(|y| y.parse::<i64>().unwrap()), l.since_year().map(Year::get));
    }
    assert_eq!(data(edges[0])["edge_since"], "1990");
    assert!(!data(edges[1]).contains_key("edge_weight"));
}

#[test]
fn graphml_of_several_towns_is_one_graph_with_unique_ids() {
    let a = tricky();
    let b = LinkageGraph::builder(TownId::new("shunde").unwrap())
        .actor(Actor::new(id("gov"), "顺德区政府", ActorKind::LocalGovernment).unwrap())
        .actor(Actor::new(id("hk"), "Hong Kong", ActorKind::Place).unwrap())
        .linkage(
            id("hk"),
            id("gov"),
            Linkage::new(LinkageKind::InstitutionalBorrowing, Scale::Regional, SourceId::new("s").unwrap()),
        )
        .build()
        .unwrap();
    let mut out = Vec::new();
    regdev::graphml::write_all([&a, &b], &mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let graphs: Vec<_> = doc.root_element().children().filter(|c| c.has_tag_name((GRAPHML_NS, "graph"))).collect();
    // One graph for all towns: the form networkx, igraph and Gephi read whole.
    assert_eq!(graphs.iter().map(|g| g.attribute("id").unwrap()).collect::<Vec<_>>(), ["linkages"]);
    let ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "node")))
        .map(|n| n.attribute("id").unwrap())
        .collect();
    assert_eq!(ids, ["kunshan:gov", "kunshan:tw", "kunshan:lab", "shunde:gov", "shunde:hk"]);
    fn town_of<'a>(n: roxmltree::Node<'a, '_>) -> Option<&'a str> {
        n.children().find(|d| d.attribute("key").is_some_and(|k| k.ends_with("_town"))).and_then(|d| d.text())
    }
    let towns: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name((GRAPHML_NS, "node"))).filter_map(town_of).collect();
    assert_eq!(towns, ["kunshan", "kunshan", "kunshan", "shunde", "shunde"]);
    let edge = doc.descendants().rfind(|n| n.has_tag_name((GRAPHML_NS, "edge"))).unwrap();
    assert_eq!(
        (edge.attribute("id"), edge.attribute("source"), edge.attribute("target"), town_of(edge)),
        (Some("shunde:e0"), Some("shunde:hk"), Some("shunde:gov"), Some("shunde"))
    );
    let err = regdev::graphml::write_all([&a, &b, &a], Vec::new()).unwrap_err();
    assert_eq!(err.to_string(), "duplicate town id 'kunshan'");
}

#[test]
fn graphml_replaces_characters_xml_cannot_carry() {
    let g = LinkageGraph::builder(TownId::new("t").unwrap())
        .actor(Actor::new(id("a"), "bell\u{7}tab\there", ActorKind::Place).unwrap())
        .build()
        .unwrap();
    let xml = g.to_graphml_string().unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let node = doc.descendants().find(|n| n.has_tag_name((GRAPHML_NS, "node"))).unwrap();
    assert_eq!(data(node)["node_name"], "bell\u{FFFD}tab\there");
}

#[test]
fn write_errors_are_typed() {
    let g = tricky();
    let err = g.write_graphml(util::BrokenWriter).unwrap_err();
    assert!(matches!(&err, Error::Io { operation: "writing GraphML", .. }), "{err:?}");
    assert_eq!(err.to_string(), "i/o error while writing GraphML: disk full");
    assert!(matches!(g.write_dot(util::BrokenWriter), Err(Error::Io { operation: "writing DOT", .. })));
}

/// Undoes DOT string escaping (`\\`, `\"`, `\n`).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The first double-quoted DOT string after `prefix` in `line`, unescaped.
fn quoted_after(line: &str, prefix: &str) -> String {
    let start = line.find(prefix).unwrap() + prefix.len();
    let rest = &line[start..];
    assert!(rest.starts_with('"'), "{rest}");
    let mut end = None;
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '"') => {
                end = Some(i);
                break;
            }
            _ => {}
        }
    }
    unescape(&rest[1..end.unwrap()])
}

#[test]
fn dot_escapes_ids_and_labels_and_styles_by_kind_and_scale() {
    let g = tricky();
    let dot = g.to_dot_string();
    assert!(dot.starts_with("// Linkage graph of 'kunshan'"));
    assert!(dot.contains("digraph \"kunshan\" {"));
    assert!(dot.trim_end().ends_with('}'));
    // The legend names every scale and every actor kind present.
    for scale in Scale::ALL {
        assert!(dot.contains(&format!("//   {:<22}", scale.id())), "legend lacks {scale}");
    }
    for actor in g.actors() {
        assert!(dot.contains(&format!("//   {:<22}", actor.kind().id())));
    }
    let node_lines: Vec<&str> = dot.lines().filter(|l| l.starts_with("  \"") && !l.contains(" -> ")).collect();
    assert_eq!(node_lines.len(), g.actor_count());
    for (line, actor) in node_lines.iter().zip(g.actors()) {
        assert_eq!(quoted_after(line, "  "), actor.id().as_str());
        assert_eq!(quoted_after(line, "label="), actor.name());
        assert!(!line.contains('\n'));
    }
    assert!(node_lines[0].contains("shape=house"));
    assert!(node_lines[1].contains("shape=box"));
    assert!(node_lines[2].contains("shape=tab"));
    let edge_lines: Vec<&str> = dot.lines().filter(|l| l.contains(" -> ")).collect();
    assert_eq!(edge_lines.len(), g.linkage_count());
    for (line, (from, to, l)) in edge_lines.iter().zip(g.linkages()) {
        assert_eq!(quoted_after(line, "  "), from.as_str());
        assert_eq!(quoted_after(line, " -> "), to.as_str());
        assert_eq!(quoted_after(line, "label="), l.kind().label());
    }
    assert!(edge_lines[0].contains("style=\"bold\""));
    assert!(edge_lines[2].contains("style=\"solid\""));
}

// ---------------------------------------------------------------- serde

/// Names: a letter, then anything printable, including XML/JSON specials
/// and Chinese.
fn arb_name() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 <>&\"'\\\\/昆山顺德区政府]{0,15}"
}

fn arb_actor(i: usize) -> impl Strategy<Value = Actor> {
    (
        arb_name(),
        proptest::sample::select(ActorKind::ALL),
        proptest::option::of(arb_name()),
        proptest::option::of("[a-z][a-z0-9-]{0,8}"),
    )
        .prop_map(move |(name, kind, place, source)| {
            let mut a = Actor::new(id(&format!("actor-{i}")), name, kind).unwrap();
            if let Some(p) = place {
                a = a.with_place(p).unwrap();
            }
            if let Some(s) = source {
                a = a.with_source(SourceId::new(s).unwrap());
            }
            a
        })
}

/// Weights are thousandths: their shortest decimal form parses back
/// exactly even without serde_json's `float_roundtrip` feature, so the test
/// checks regdev's serde, not serde_json's float parser.
fn arb_linkage() -> impl Strategy<Value = Linkage> {
    (
        proptest::sample::select(LinkageKind::ALL),
        proptest::sample::select(Scale::ALL),
        proptest::option::of(1800i64..=2100),
        proptest::option::of(0u32..10_000_000),
        "[a-z][a-z0-9-]{0,8}",
    )
        .prop_map(|(kind, scale, since, weight, source)| {
            let mut l = Linkage::new(kind, scale, SourceId::new(source).unwrap());
            if let Some(y) = since {
                l = l.with_since(Year::new(y).unwrap());
            }
            if let Some(w) = weight {
                l = l.with_weight(f64::from(w) / 1000.0).unwrap();
            }
            l
        })
}

fn arb_graph() -> impl Strategy<Value = LinkageGraph> {
    (1usize..8)
        .prop_flat_map(|n| {
            let actors = (0..n).map(arb_actor).collect::<Vec<_>>();
            let links = proptest::collection::vec((0..n, 0..n, arb_linkage()), 0..12);
            (actors, links, "[a-z][a-z0-9-]{0,10}")
        })
        .prop_map(|(actors, links, town)| {
            let mut b = LinkageGraph::builder(TownId::new(town).unwrap());
            let ids: Vec<ActorId> = actors.iter().map(|a| a.id().clone()).collect();
            for a in actors {
                b = b.actor(a);
            }
            for (f, t, l) in links {
                if f != t {
                    b = b.linkage(ids[f].clone(), ids[t].clone(), l);
                }
            }
            b.build().unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn serde_round_trip_is_lossless(g in arb_graph()) {
        let json = serde_json::to_string(&g).unwrap();
        let back: LinkageGraph = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &g);
        // Field by field, not only through PartialEq.
        prop_assert!(back.actors().eq(g.actors()));
        for ((f1, t1, l1), (f2, t2, l2)) in back.linkages().zip(g.linkages()) {
            prop_assert_eq!((f1, t1), (f2, t2));
            prop_assert_eq!(l1.weight().map(f64::to_bits), l2.weight().map(f64::to_bits));
            prop_assert_eq!(l1, l2);
        }
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn graphml_always_parses_with_matching_counts(g in arb_graph()) {
        let xml = g.to_graphml_string().unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let count = |tag| doc.descendants().filter(|n| n.has_tag_name((GRAPHML_NS, tag))).count();
        prop_assert_eq!(count("node"), g.actor_count());
        prop_assert_eq!(count("edge"), g.linkage_count());
        let names: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name((GRAPHML_NS, "node")))
            .map(|n| data(n)["node_name"].clone())
            .collect();
        prop_assert_eq!(names, g.actors().map(|a| a.name().to_owned()).collect::<Vec<_>>());
    }
}
