//! `regdev draw` and `regdev report`: files written, errors typed, bytes
//! stable.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod util;

use std::path::PathBuf;

fn regdev(args: &[&str]) -> (i32, String, String) {
    util::run(args).into_parts()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("regdev-cli-draw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn draw_graph_writes_the_libraries_svg() {
    let path = temp("kunshan.svg");
    let (code, _, err) = regdev(&["draw", "graph", "Kunshan", "-o", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let written = std::fs::read_to_string(&path).unwrap();
    use regdev::figure::Figure;
    let expected = regdev::figure::GraphFigure::from_atlas(regdev::Atlas::builtin(), "kunshan")
        .unwrap()
        .to_svg(&regdev::figure::Options::default());
    assert_eq!(written, expected);
    roxmltree::Document::parse(&written).unwrap();
    // Standard output without -o, and the size option.
    let (code, out, _) = regdev(&["draw", "graph", "shunde", "--size", "900"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("<svg") && out.contains("width=\"1150\""));
}

#[test]
fn draw_reports_bad_input() {
    let (code, _, err) = regdev(&["draw", "graph", "atlantis"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown town 'atlantis'"), "{err}");
    let (code, _, err) = regdev(&["draw", "graph", "lecong"]);
    assert_eq!(code, 1);
    assert!(err.contains("no linkage graph"), "{err}");
    let (code, _, err) = regdev(&["draw", "graph", "kunshan", "--size", "5"]);
    assert_eq!(code, 2);
    assert!(err.contains("figure size (px) must be between 300 and 10000, got 5"), "{err}");
}

#[test]
fn draw_compare_distances_and_report() {
    let path = temp("compare.svg");
    let (code, _, err) = regdev(&["draw", "compare", "kunshan", "shunde", "prd", "-o", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&path).unwrap();
    roxmltree::Document::parse(&svg).unwrap();
    assert!(svg.contains("Pearl River Delta") && svg.contains("Bottom-up, PPP"));
    let (code, out, err) = regdev(&["draw", "distances"]);
    assert_eq!(code, 0, "{err}");
    roxmltree::Document::parse(&out).unwrap();
    assert!(out.contains("Wenzhou"));
    let (code, out, _) = regdev(&["draw", "distances", "kunshan", "sunan"]);
    assert_eq!(code, 0);
    assert!(out.contains("Sunan") && !out.contains("Wenzhou"));
    let report = temp("report.html");
    let (code, _, err) = regdev(&["report", "kunshan", "shunde", "-o", report.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("id=\"comparison-table\""));
    // Bad input.
    let (code, _, err) = regdev(&["draw", "compare", "kunshan"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = regdev(&["report", "kunshan", "atlantis"]);
    assert_eq!(code, 1);
    assert!(err.contains("atlantis"), "{err}");
}
