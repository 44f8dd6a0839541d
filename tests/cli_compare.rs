//! `regdev compare` and `regdev classify`: verdicts and coverage in both
//! output formats, explicit `town:`/`model:` selectors, name collisions,
//! empty profiles, and atlases without archetypes.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod util;

use std::path::PathBuf;

use serde_json::{Value, json};
use util::{run, run_with};

/// The built-in atlas as JSON, changed by `edit`.
fn atlas_with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let r = run(&["export", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut v: Value = serde_json::from_str(&r.stdout).unwrap();
    edit(&mut v);
    serde_json::to_vec(&v).unwrap()
}

/// The built-in atlas (with the town Wenzhou, whose name is also the
/// Wenzhou archetype's: the collision) plus a town without a
/// profile.
fn with_a_town_named_wenzhou() -> Vec<u8> {
    atlas_with(|v| {
        v["towns"].as_array_mut().unwrap().push(json!({
            "id": "wenzhou-city", "name": {"english": "Wenzhou City"}, "level": "prefecture_level_city",
            "key_facts": {}, "profile": {}
        }));
    })
}

fn scratch(name: &str, bytes: &[u8]) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-compare-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("atlas.json");
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn classify_json_has_distance_compared_coverage_and_verdict() {
    let r = run(&["classify", "kunshan", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["verdict"], "nearest");
    assert_eq!(v["town"], "kunshan");
    assert_eq!(v["archetypes"], "atlas");
    let ranking = v["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 3);
    for r in ranking {
        assert!(r["distance"].is_f64(), "{r}");
        assert!(r["compared"].is_u64(), "{r}");
        let c = r["coverage"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
    }
    assert_eq!(ranking[0]["archetype"], "pearl-river-delta");
    assert_eq!(ranking[0]["compared"], 5);
    assert_eq!(ranking[0]["coverage"], 1.0);
}

#[test]
fn classify_table_prints_verdict_and_coverage_for_every_profiled_town() {
    let csv = run(&["towns", "--format", "csv"]);
    let mut profiled = 0;
    for line in csv.stdout.lines().skip(1) {
        let id = line.split(',').next().unwrap();
        let r = run(&["classify", &format!("town:{id}")]);
        assert_eq!(r.code, 0, "{id}: {}", r.stderr);
        assert!(r.stdout.lines().last().unwrap().starts_with("verdict: "), "{id}: {}", r.stdout);
        if r.stdout.contains("coverage") {
            profiled += 1;
        }
    }
    assert!(profiled >= 2, "Kunshan and Shunde at least");
    let r = run(&["classify", "shunde"]);
    assert!(r.stdout.contains("1= Pearl River Delta"), "{}", r.stdout);
}

#[test]
fn a_thin_town_is_insufficient_evidence_unless_the_rule_says_otherwise() {
    let bytes = atlas_with(|v| {
        v["towns"].as_array_mut().unwrap().push(json!({
            "id": "thin", "name": {"english": "Thin"}, "level": "town",
            "key_facts": {}, "profile": {"ownership": "collective"},
            "profile_sources": {"ownership": "qiao-talk"}
        }));
    });
    let r = run_with(&["classify", "thin", "--atlas", "-", "--format", "json"], &bytes);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["verdict"], "insufficient_evidence");
    assert_eq!(v["ranking"][0]["archetype"], "sunan");
    assert_eq!(v["ranking"][0]["distance"], 0.0);
    assert_eq!(v["ranking"][0]["compared"], 1);
    let r = run_with(&["classify", "thin", "--atlas", "-", "--min-compared", "1", "--min-coverage", "0"], &bytes);
    assert!(r.stdout.contains("verdict: nearest — Sunan"), "{}", r.stdout);
    let r = run_with(&["classify", "thin", "--atlas", "-", "--min-coverage", "2"], &bytes);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("minimum coverage"), "{}", r.stderr);
}

#[test]
fn a_name_of_both_a_town_and_an_archetype_is_an_error_listing_both() {
    let file = scratch("collision", &with_a_town_named_wenzhou());
    let r = run(&["compare", "kunshan", "wenzhou", "--atlas", &file]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("names both a town and an archetype"), "{}", r.stderr);
    assert!(r.stderr.contains("town:wenzhou  (town Wenzhou)"), "{}", r.stderr);
    assert!(r.stderr.contains("model:wenzhou"), "{}", r.stderr);
    // Explicit selectors pick one.
    let r = run(&["compare", "kunshan", "model:wenzhou", "--atlas", &file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.lines().next().unwrap().ends_with("Wenzhou"), "{}", r.stdout);
    let r = run(&["compare", "kunshan", "archetype:Wenzhou", "--atlas", &file, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The town has no profile: saying so beats a table of dashes.
    let r = run(&["compare", "kunshan", "town:wenzhou-city", "--atlas", &file]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("Wenzhou City (town:wenzhou-city) has no profile"), "{}", r.stderr);
    // Where only a town is wanted, a bare name is a town.
    let r = run(&["classify", "wenzhou", "--atlas", &file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("verdict: nearest — Wenzhou"), "{}", r.stdout);
    let r = run(&["classify", "town:wenzhou-city", "--atlas", &file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("verdict: insufficient evidence"), "{}", r.stdout);
    let r = run(&["classify", "model:wenzhou", "--atlas", &file]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("a town is wanted here"), "{}", r.stderr);
    let r = run(&["graph", "town:kunshan"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn an_atlas_without_archetypes_uses_the_builtin_ones_and_says_so() {
    let bytes = atlas_with(|v| v["archetypes"] = json!([]));
    let r = run_with(&["classify", "kunshan", "--atlas", "-"], &bytes);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("(the atlas has no archetypes: classified against the built-in archetypes"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("verdict: nearest — Pearl River Delta"), "{}", r.stdout);
    let r = run_with(&["classify", "kunshan", "--atlas", "-", "--format", "json"], &bytes);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["archetypes"], "builtin");
    assert!(r.stderr.contains("built-in archetypes"), "{}", r.stderr);
    let r = run_with(&["classify", "kunshan", "--atlas", "-", "--archetypes", "atlas"], &bytes);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--archetypes builtin"), "{}", r.stderr);
    let r = run_with(&["compare", "kunshan", "model:sunan", "--atlas", "-"], &bytes);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("built-in"), "{}", r.stderr);
}

#[test]
fn classify_with_simple_matching() {
    let r = run(&["classify", "kunshan", "--measure", "simple-matching", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["measure"], "simple matching");
}
