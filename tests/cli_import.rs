//! `regdev import graphml|edges`: the atlas fragment it writes, read back
//! into an atlas; export → import lossless for the built-in graphs through
//! the binary; bad input as exit 1 naming the line and element; misuse as
//! exit 2.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

use regdev::{Atlas, LinkageKind, Valence};
use serde_json::Value;

fn regdev(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_regdev")).args(args).output().expect("the binary starts");
    let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{stderr}");
    (out.status.code().unwrap(), stdout, stderr)
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("regdev-cli-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn write(name: &str, text: &str) -> String {
    let path = temp(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The built-in atlas with `town`'s graph replaced by the fragment's one
/// graph, loaded (and so validated) again.
fn atlas_with(fragment: &str, town: &str) -> Atlas {
    let fragment: Value = serde_json::from_str(fragment).unwrap();
    assert_eq!(fragment["format_version"], regdev::FORMAT_VERSION);
    let graphs = fragment["graphs"].as_array().unwrap();
    assert_eq!(graphs.len(), 1);
    let mut doc: Value = serde_json::to_value(Atlas::builtin()).unwrap();
    let list = doc["graphs"].as_array_mut().unwrap();
    list.retain(|g| g["focal_town"] != town);
    list.push(graphs[0].clone());
    Atlas::from_json_slice(serde_json::to_string(&doc).unwrap().as_bytes()).unwrap()
}

#[test]
fn every_builtin_graph_exports_and_imports_losslessly_through_the_binary() {
    let builtin = Atlas::builtin();
    for g in builtin.graphs() {
        let town = g.focal_town().as_str();
        let file = temp(&format!("{town}.graphml"));
        let (code, _, err) = regdev(&["export", "graphml", town, "-o", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let fragment = temp(&format!("{town}.json"));
        let (code, out, err) =
            regdev(&["import", "graphml", file.to_str().unwrap(), "--town", town, "-o", fragment.to_str().unwrap()]);
        assert_eq!((code, out.as_str()), (0, ""), "{err}");
        let fragment = std::fs::read_to_string(&fragment).unwrap();
        let atlas = atlas_with(&fragment, town);
        assert_eq!(atlas.graph(town), Some(g), "{town}: the imported graph differs from the exported one");
        // The fragment slots into an atlas file that `validate` accepts.
        let mut doc: Value = serde_json::to_value(&atlas).unwrap();
        doc["graphs"].as_array_mut().unwrap().sort_by_key(|g| g["focal_town"].to_string());
        let merged = write(&format!("{town}-atlas.json"), &serde_json::to_string(&doc).unwrap());
        let (code, out, err) = regdev(&["validate", &merged]);
        assert_eq!(code, 0, "{out}{err}");
    }
    // From the all-towns document: one town at a time, ids without the prefix.
    let all = temp("all.graphml");
    assert_eq!(regdev(&["export", "graphml", "-o", all.to_str().unwrap()]).0, 0);
    for g in builtin.graphs() {
        let town = g.focal_town().as_str();
        let (code, out, err) = regdev(&["import", "graphml", all.to_str().unwrap(), "--town", town]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(atlas_with(&out, town).graph(town), Some(g), "{town} from the all-towns document");
    }
}

#[test]
fn an_edge_list_with_a_node_list_becomes_a_graph() {
    let edges = write(
        "ties.csv",
        "source,target,kind,scale,since,until,valence,source_id\n\
         hk,gov,institutional_borrowing,regional,1992,,,qiao-talk\n\
         gov,firms,governance,local,,,regulatory,qiao-talk\n\
         firms,hk,market,regional,1990,2005,,qiao-talk\n",
    );
    let nodes = write(
        "actors.csv",
        "id,name,kind,place,colour\n\
         gov,Shunde government,local_government,Shunde,red\n\
         hk,Hong Kong,place,Hong Kong,\n\
         firms,Local firms,private_firm,Shunde,\n",
    );
    let (code, out, err) = regdev(&["import", "edges", &edges, "--nodes", &nodes, "--town", "shunde"]);
    assert_eq!(code, 0, "{err}");
    // A column outside the model is named on standard error, not dropped silently.
    assert!(err.contains("colour"), "{err}");
    let atlas = atlas_with(&out, "shunde");
    let g = atlas.graph("shunde").unwrap();
    assert_eq!((g.actor_count(), g.linkage_count()), (3, 3));
    assert_eq!(g.actor("gov").unwrap().name(), "Shunde government");
    let (_, _, governance) = g.linkages().find(|(_, _, l)| l.kind() == LinkageKind::Governance).unwrap();
    assert_eq!(governance.valence(), Valence::Regulatory);
    let (_, _, market) = g.linkages().find(|(_, _, l)| l.kind() == LinkageKind::Market).unwrap();
    assert_eq!((market.since_year().map(|y| y.get()), market.until_year().map(|y| y.get())), (Some(1990), Some(2005)));

    // Without a node list: every id an actor of --actor-kind, named by its id.
    let plain = write("plain.csv", "source,target,kind,scale\na,b,supply,local\nb,c,supply,national\n");
    let (code, out, err) = regdev(&[
        "import",
        "edges",
        &plain,
        "--town",
        "shunde",
        "--actor-kind",
        "private_firm",
        "--source",
        "qiao-talk",
    ]);
    assert_eq!(code, 0, "{err}");
    let g = atlas_with(&out, "shunde").graph("shunde").unwrap().clone();
    assert_eq!((g.actor_count(), g.linkage_count()), (3, 2));
    assert_eq!(g.actor("c").unwrap().kind(), regdev::ActorKind::PrivateFirm);
}

#[test]
fn bad_input_exits_1_naming_the_file_line_and_element() {
    let nodes = write("n.csv", "id,name,kind\na,A,place\nb,B,place\n");
    let cases: [(&str, &str, &str); 5] = [
        (
            "unknown-kind.csv",
            "source,target,kind,scale,source_id\na,b,supply,local,s\na,b,teleportation,local,s\n",
            "edge list line 3: unknown linkage kind \"teleportation\"",
        ),
        (
            "dangling.csv",
            "source,target,kind,scale,source_id\na,zed,supply,local,s\n",
            "edge list line 2: linkage 'a' -> 'zed' refers to unknown actor 'zed'",
        ),
        (
            "bad-scale.csv",
            "source,target,kind,scale,source_id\na,b,supply,galactic,s\n",
            "line 2: unknown scale \"galactic\"",
        ),
        ("no-scale.csv", "source,target,kind,source_id\na,b,supply,s\n", "missing required field 'scale'"),
        (
            "bad-year.csv",
            "source,target,kind,scale,since,source_id\na,b,supply,local,soon,s\n",
            "edge list line 2: year error: \"soon\"",
        ),
    ];
    for (name, text, expected) in cases {
        let file = write(name, text);
        let (code, out, err) = regdev(&["import", "edges", &file, "--nodes", &nodes, "--town", "t"]);
        assert_eq!((code, out.as_str()), (1, ""), "{name}: {err}");
        assert!(err.contains(name), "{name}: the file is not named: {err}");
        assert!(err.contains(expected), "{name}: {expected:?} not in {err}");
    }
    let graphml = [
        ("truncated.graphml", "<graphml><graph><node id=\"a\">", "GraphML error (line 1, column 30)"),
        (
            "duplicate.graphml",
            "<graphml><key id=\"k\" for=\"node\" attr.name=\"kind\"/><graph>\n<node id=\"a\"><data key=\"k\">place</data></node>\n<node id=\"a\"><data key=\"k\">place</data></node></graph></graphml>",
            "GraphML line 3, node 'a': duplicate actor id 'a'",
        ),
        (
            "spaceship.graphml",
            "<graphml><key id=\"k\" for=\"node\" attr.name=\"kind\"/><graph>\n<node id=\"a\"><data key=\"k\">spaceship</data></node></graph></graphml>",
            "node 'a': unknown actor kind",
        ),
    ];
    for (name, text, expected) in graphml {
        let file = write(name, text);
        let (code, out, err) = regdev(&["import", "graphml", &file, "--town", "t", "--source", "s"]);
        assert_eq!((code, out.as_str()), (1, ""), "{name}: {err}");
        assert!(err.contains(name) && err.contains(expected), "{name}: {expected:?} not in {err}");
    }
    let not_utf8 = temp("latin1.graphml");
    std::fs::write(&not_utf8, b"<graphml>\xe9</graphml>").unwrap();
    let (code, _, err) = regdev(&["import", "graphml", not_utf8.to_str().unwrap(), "--town", "t"]);
    assert_eq!(code, 1);
    assert!(err.contains("not UTF-8"), "{err}");
    let (code, _, err) = regdev(&["import", "edges", "/nonexistent/ties.csv", "--town", "t"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("/nonexistent/ties.csv"), "{err}");
}

#[test]
fn misuse_exits_2() {
    // The help names the format version the fragment is written in.
    let (code, out, _) = regdev(&["import", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains(&format!("\"format_version\": {}", regdev::FORMAT_VERSION)), "{out}");
    let file = write("misuse.graphml", "<graphml/>");
    let (code, _, err) = regdev(&["import", "graphml", &file, "--town", "t", "--nodes", &file]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--nodes and --actor-kind go with 'import edges'"), "{err}");
    let (code, _, err) = regdev(&["import", "gexf", &file, "--town", "t"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = regdev(&["import", "edges", &file, "--town", "t", "--actor-kind", "spaceship"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("spaceship"), "{err}");
    let (code, _, err) = regdev(&["import", "edges", &file, "--town", "Not A Town!"]);
    assert_eq!(code, 1, "{err}");
}
