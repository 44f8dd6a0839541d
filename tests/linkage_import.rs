//! GraphML and CSV edge-list import: export → import is lossless for every
//! built-in graph and for synthetic graphs, files written by other tools
//! read, and bad input is a typed error naming the line and element.

#![cfg(all(feature = "csv", feature = "synth"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, clippy::type_complexity)]

use proptest::prelude::*;
use regdev::import::{self, ImportOptions};
use regdev::{ActorKind, Atlas, Error, LinkageGraph, SourceId, TownId};

fn opts(town: &str) -> ImportOptions {
    ImportOptions::new(TownId::new(town).unwrap())
}

/// The graph as a CSV edge list (with weights) and node list.
fn to_csv(g: &LinkageGraph) -> (Vec<u8>, Vec<u8>) {
    let mut e = csv::Writer::from_writer(Vec::new());
    e.write_record(["source", "target", "kind", "scale", "since", "until", "valence", "weight", "source_id"]).unwrap();
    for (f, t, l) in g.linkages() {
        let since = l.since_year().map(|y| y.get().to_string()).unwrap_or_default();
        let until = l.until_year().map(|y| y.get().to_string()).unwrap_or_default();
        let weight = l.weight().map(|w| format!("{w:?}")).unwrap_or_default();
        e.write_record([
            f.as_str(),
            t.as_str(),
            l.kind().id(),
            l.scale().id(),
            &since,
            &until,
            l.valence().id(),
            &weight,
            l.source().as_str(),
        ])
        .unwrap();
    }
    let mut n = csv::Writer::from_writer(Vec::new());
    n.write_record(["id", "name", "kind", "place", "source_id"]).unwrap();
    for a in g.actors() {
        let place = a.place().map(|p| p.as_str().to_owned()).unwrap_or_default();
        let source = a.source().map(|s| s.as_str().to_owned()).unwrap_or_default();
        n.write_record([a.id().as_str(), a.name(), a.kind().id(), &place, &source]).unwrap();
    }
    (e.into_inner().unwrap(), n.into_inner().unwrap())
}

#[test]
fn every_builtin_graph_round_trips_through_graphml_and_csv() {
    let atlas = Atlas::builtin();
    let graphs: Vec<&LinkageGraph> = atlas.graphs().collect();
    assert!(graphs.len() >= 2);
    let mut all = Vec::new();
    regdev::graphml::write_all(graphs.iter().copied(), &mut all).unwrap();
    let all = String::from_utf8(all).unwrap();
    for g in graphs {
        let town = g.focal_town().as_str();
        let one = import::from_graphml(&g.to_graphml_string().unwrap(), &opts(town)).unwrap();
        assert_eq!(&one.graph, g, "{town}: single-town GraphML");
        assert!(one.ignored.is_empty(), "{:?}", one.ignored);
        let from_all = import::from_graphml(&all, &opts(town)).unwrap();
        assert_eq!(&from_all.graph, g, "{town}: all-towns GraphML");
        let (edges, nodes) = to_csv(g);
        let csv = import::from_edge_csv(edges.as_slice(), Some(nodes.as_slice()), &opts(town)).unwrap();
        assert_eq!(&csv.graph, g, "{town}: CSV");
        assert!(csv.ignored.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn synthetic_graphs_round_trip(n in 1usize..60, per in 1usize..4, seed in any::<u64>()) {
        let g = regdev::synth::linkage_graph(n, per, seed).unwrap();
        let xml = g.to_graphml_string().unwrap();
        let back = import::from_graphml(&xml, &opts(g.focal_town().as_str())).unwrap();
        prop_assert_eq!(&back.graph, &g);
        let (edges, nodes) = to_csv(&g);
        let csv = import::from_edge_csv(edges.as_slice(), Some(nodes.as_slice()), &opts(g.focal_town().as_str())).unwrap();
        prop_assert_eq!(&csv.graph, &g);
    }

    /// Arbitrary text never panics the importer.
    #[test]
    fn arbitrary_text_is_an_error_or_a_graph(text in ".{0,400}") {
        if let Err(e) = import::from_graphml(&text, &opts("t")) {
            let _ = e.to_string();
        }
    }
}

/// What networkx's `write_graphml` produces: key ids `d0`, `d1`…, a key
/// default, an attribute outside the model, and an edge without an id.
#[test]
fn reads_graphml_written_by_another_tool() {
    let xml = r#"<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="kind" attr.type="string"><default>private_firm</default></key>
  <key id="d1" for="node" attr.name="x" attr.type="double"/>
  <key id="d2" for="edge" attr.name="kind" attr.type="string"/>
  <key id="d3" for="edge" attr.name="scale" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="a"><data key="d1">1.5</data></node>
    <node id="b"><data key="d0">university</data></node>
    <edge source="b" target="a"><data key="d2">knowledge_transfer</data><data key="d3">national</data></edge>
  </graph>
</graphml>"#;
    let o = opts("t").default_source(SourceId::new("survey").unwrap());
    let got = import::from_graphml(xml, &o).unwrap();
    let g = &got.graph;
    assert_eq!(g.actor("a").unwrap().kind(), ActorKind::PrivateFirm); // the key default
    assert_eq!(g.actor("b").unwrap().kind(), ActorKind::University);
    assert_eq!(g.actor("a").unwrap().name(), "a");
    let (_, _, l) = g.linkages().next().unwrap();
    assert_eq!(l.source().as_str(), "survey");
    assert_eq!(got.ignored.into_iter().collect::<Vec<_>>(), ["node attribute 'x'"]);
    // Without a default source the edge's missing source_id is named.
    let err = import::from_graphml(xml, &opts("t")).unwrap_err();
    assert_eq!(err.to_string(), "GraphML line 10, edge 'b -> a': missing required field 'source_id'");
}

const KEYS: &str = r#"<graphml><key id="k" for="all" attr.name="kind"/><key id="s" for="edge" attr.name="scale"/><key id="src" for="edge" attr.name="source_id"/>"#;

fn graphml(body: &str) -> String {
    format!("{KEYS}\n<graph>\n{body}\n</graph></graphml>")
}

#[test]
fn graphml_errors_are_typed_and_name_line_and_element() {
    let node = |id: &str, kind: &str| format!(r#"<node id="{id}"><data key="k">{kind}</data></node>"#);
    let edge = |f: &str, t: &str, kind: &str, scale: &str| {
        format!(
            r#"<edge id="e" source="{f}" target="{t}"><data key="k">{kind}</data><data key="s">{scale}</data><data key="src">s</data></edge>"#
        )
    };
    let cases: Vec<(String, fn(&Error) -> bool, &str)> = vec![
        (
            graphml(&node("a", "robot")),
            |e| matches!(e, Error::UnknownVariant { kind: "actor kind", .. }),
            "GraphML line 3, node 'a'",
        ),
        (
            graphml(&format!(
                "{}\n{}\n{}",
                node("a", "place"),
                node("b", "place"),
                edge("a", "b", "market", "galactic")
            )),
            |e| matches!(e, Error::UnknownVariant { kind: "scale", .. }),
            "GraphML line 5, edge 'e'",
        ),
        (
            graphml(&format!("{}\n{}", node("a", "place"), edge("a", "b", "market", "local"))),
            |e| matches!(e, Error::UnknownReference { id, .. } if id == "b"),
            "GraphML line 4, edge 'e'",
        ),
        (
            graphml(&format!("{}\n{}", node("a", "place"), node("a", "university"))),
            |e| matches!(e, Error::DuplicateId { id, .. } if id == "a"),
            "GraphML line 4, node 'a'",
        ),
        (
            graphml(&format!("{}\n{}", node("a", "place"), edge("a", "a", "market", "local"))),
            |e| matches!(e, Error::SelfLinkage { .. }),
            "GraphML line 4, edge 'e'",
        ),
        (
            graphml(r#"<node id="Not A Slug"><data key="k">place</data></node>"#),
            |e| matches!(e, Error::InvalidId { .. }),
            "GraphML line 3",
        ),
        (
            graphml(r#"<node><data key="k">place</data></node>"#),
            |e| matches!(e, Error::MissingField { field: "id" }),
            "GraphML line 3, node",
        ),
        (
            graphml(r#"<node id="a"></node>"#),
            |e| matches!(e, Error::MissingField { field: "kind" }),
            "GraphML line 3, node 'a'",
        ),
    ];
    for (xml, is, context) in cases {
        let err = import::from_graphml(&xml, &opts("t")).unwrap_err();
        assert!(is(err.root()), "{xml}\n=> {err:?}");
        assert!(err.to_string().starts_with(context), "{err} (wanted {context})");
    }
}

#[test]
fn malformed_xml_is_a_parse_error_with_a_line() {
    for (xml, line) in [
        ("<graphml>\n<graph>\n<node id=\"a\">\n</graph></graphml>", 4),
        ("<graphml>\n<graph>\n</graph>", 3),
        ("<graphml><graph><node id=\"a\" kind=></node></graph></graphml>", 1),
        ("<graphml>\n<graph>&bogus;</graph></graphml>", 2),
        ("not xml at all", 1),
        ("", 1),
        ("<graphml></graphml>", 1),
    ] {
        let err = import::from_graphml(xml, &opts("t")).unwrap_err();
        match err.root() {
            Error::Parse { format: "GraphML", line: Some(l), .. } => assert_eq!(*l, line, "{xml:?}: {err}"),
            Error::MissingField { field: "graph" } => assert_eq!(line, 1),
            other => panic!("{xml:?}: {other:?}"),
        }
    }
    let err = import::from_graphml("<graphml><graph><hyperedge/></graph></graphml>", &opts("t")).unwrap_err();
    assert!(err.to_string().contains("hyperedges are not supported"), "{err}");
}

#[test]
fn a_town_absent_from_an_all_towns_document_is_an_error() {
    let a = regdev::synth::linkage_graph(5, 1, 1).unwrap();
    let mut all = Vec::new();
    regdev::graphml::write_all([&a], &mut all).unwrap();
    let err = import::from_graphml(std::str::from_utf8(&all).unwrap(), &opts("elsewhere")).unwrap_err();
    assert!(matches!(err.root(), Error::UnknownReference { id, .. } if id == "elsewhere"), "{err}");
}

#[test]
fn csv_errors_are_typed_and_name_the_line() {
    let nodes = "id,name,kind\na,A,place\nb,B,university\n";
    let head = "source,target,kind,scale,source_id\n";
    let cases: Vec<(String, &str, fn(&Error) -> bool, &str)> = vec![
        (
            format!("{head}a,b,market,local,s\na,b,bribery,local,s\n"),
            nodes,
            |e| matches!(e, Error::UnknownVariant { kind: "linkage kind", .. }),
            "edge list line 3",
        ),
        (
            format!("{head}a,b,market,cosmic,s\n"),
            nodes,
            |e| matches!(e, Error::UnknownVariant { kind: "scale", .. }),
            "edge list line 2",
        ),
        (
            format!("{head}a,zz,market,local,s\n"),
            nodes,
            |e| matches!(e, Error::UnknownReference { id, .. } if id == "zz"),
            "edge list line 2",
        ),
        (
            format!("{head}a,b,market,local,s\n"),
            "id,name,kind\na,A,place\na,A2,place\n",
            |e| matches!(e, Error::DuplicateId { .. }),
            "node list line 3",
        ),
        (
            format!("{head}a,b,market,local,s\n"),
            "id,name,kind\na,A,spaceship\n",
            |e| matches!(e, Error::UnknownVariant { kind: "actor kind", .. }),
            "node list line 2",
        ),
        (
            "source,target,kind\na,b,market\n".to_owned(),
            nodes,
            |e| matches!(e, Error::MissingField { field: "scale" }),
            "edge list line 1",
        ),
        (
            format!("{head}a,b,market,local\n"),
            nodes,
            |e| matches!(e, Error::Parse { format: "CSV", line: Some(2), .. }),
            "",
        ),
        (format!("{head}a,b,market,local,s,extra\n"), nodes, |e| matches!(e, Error::Parse { format: "CSV", .. }), ""),
    ];
    for (edges, nodes, is, context) in cases {
        let err = import::from_edge_csv(edges.as_bytes(), Some(nodes.as_bytes()), &opts("t")).unwrap_err();
        assert!(is(err.root()), "{edges}\n=> {err:?}");
        assert!(err.to_string().starts_with(context), "{err} (wanted {context})");
    }
    // Without a node list, the actor kind must be given.
    let edges = format!("{head}a,b,market,local,s\n");
    let err = import::from_edge_csv(edges.as_bytes(), None::<&[u8]>, &opts("t")).unwrap_err();
    assert!(matches!(err.root(), Error::MissingField { field: "actor_kind" }), "{err}");
    let g =
        import::from_edge_csv(edges.as_bytes(), None::<&[u8]>, &opts("t").actor_kind(ActorKind::PrivateFirm)).unwrap();
    assert_eq!((g.graph.actor_count(), g.graph.linkage_count()), (2, 1));
}

/// Inputs the `graphml_import` fuzz target (fuzz/) found, kept as
/// regressions: each must be an error, or import and survive export →
/// import unchanged.
fn survives_a_round_trip_or_errs(text: &str, town: &str) -> Result<LinkageGraph, Error> {
    let imported = import::from_graphml(text, &opts(town))?;
    let again = import::from_graphml(&imported.graph.to_graphml_string().unwrap(), &opts(town)).unwrap();
    assert_eq!(again.graph, imported.graph, "export -> import changed the graph");
    Ok(imported.graph)
}

#[test]
fn fuzz_found_characters_xml_forbids_are_parse_errors() {
    // Crash 1 (fuzz run of session 3): Kunshan's export with a NUL in a name.
    // quick-xml read it; the export wrote U+FFFD, so the round trip changed
    // the name. XML 1.0 does not allow the character: a parse error at it.
    let crash = include_str!("fixtures/fuzz/graphml-nul-in-name.graphml");
    let err = survives_a_round_trip_or_errs(crash, "kunshan").unwrap_err();
    assert!(err.to_string().contains("character U+0000, which XML 1.0 does not allow"), "{err}");
    let at = crash.find('\0').unwrap();
    let line = crash[..at].matches('\n').count() + 1;
    assert!(matches!(err.root(), Error::Parse { format: "GraphML", line: Some(l), .. } if *l == line), "{err:?}");
    // The same in small, raw and as character references.
    for (xml, what) in [
        (
            "<graphml><key id=\"k\" for=\"node\" attr.name=\"kind\"/><graph>\n<node id=\"a\"><data key=\"k\">pl\u{1}ace</data></node></graph></graphml>",
            "U+0001",
        ),
        ("<graphml><graph>\n<node id=\"a\">\u{FFFF}</node></graph></graphml>", "U+FFFF"),
        (
            "<graphml><key id=\"n\" for=\"node\" attr.name=\"name\"/><graph>\n<node id=\"a\"><data key=\"n\">A&#0;</data></node></graph></graphml>",
            "0x0 character is not permitted", // quick-xml's own check
        ),
        (
            "<graphml><key id=\"n\" for=\"node\" attr.name=\"name\"/><graph>\n<node id=\"a\"><data key=\"n\">A&#x1B;</data></node></graph></graphml>",
            "U+001B",
        ),
    ] {
        let err = survives_a_round_trip_or_errs(xml, "t").unwrap_err();
        assert!(err.to_string().contains(what), "{xml:?}: {err}");
        assert!(matches!(err.root(), Error::Parse { format: "GraphML", .. }), "{xml:?}: {err:?}");
    }
    // Tab, line feed and carriage return are allowed, and so is the
    // replacement character itself.
    let ok = "<graphml><key id=\"k\" for=\"node\" attr.name=\"kind\"/><key id=\"n\" for=\"node\" attr.name=\"name\"/>\
              <graph>\n<node id=\"a\"><data key=\"k\">place</data><data key=\"n\">A\tB&#x9;\u{FFFD}</data></node></graph></graphml>";
    let g = survives_a_round_trip_or_errs(ok, "t").unwrap();
    assert_eq!(g.actor("a").unwrap().name(), "A\tB\t\u{FFFD}");
}
