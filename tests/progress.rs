//! The `*_with_progress` operations on synthetic atlases and graphs large
//! enough to be counted in many steps: counts start at `(0, total)`, only
//! grow, end at the total, come in at most about `MAX_UPDATES` calls, and
//! the results equal those of the plain operations.
#![cfg(feature = "synth")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use regdev::synth::{self, SynthConfig};
use regdev::{Atlas, Gower, MAX_UPDATES, Normalization, Orientation};

/// Checks one operation's calls and returns its total.
fn check(seen: &[(u64, u64)], what: &str) -> u64 {
    let &(first_done, total) = seen.first().expect("at least one call");
    assert_eq!(first_done, 0, "{what}: first call {:?}", seen[0]);
    assert!(seen.iter().all(|&(_, t)| t == total), "{what}: the total changed");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "{what}: counts must grow: {seen:?}");
    assert_eq!(seen.last(), Some(&(total, total)), "{what}: does not end at the total");
    assert!(seen.len() <= MAX_UPDATES + 2, "{what}: {} calls", seen.len());
    total
}

fn atlas() -> Atlas {
    synth::atlas(&SynthConfig::new().towns(3_000).seed(7).actors_per_town(6).unwrap()).unwrap()
}

#[test]
fn validation_counts_graphs_then_towns() {
    let atlas = atlas();
    let mut seen = Vec::new();
    let checked = Atlas::validate_document_with_progress(atlas.to_document(), |d, t| seen.push((d, t))).unwrap();
    assert_eq!(checked, atlas);
    let total = check(&seen, "validation");
    assert_eq!(total, (atlas.towns().len() + atlas.graphs().len()) as u64);
    // Graphs are counted one by one as they are built: many steps, not one.
    assert!(seen.len() > 100, "only {} calls", seen.len());
}

#[test]
fn invalid_documents_report_and_fail_as_without_progress() {
    // A duplicate town and a dangling parent.
    let mut v = serde_json::to_value(atlas()).unwrap();
    let first = v["towns"][0].clone();
    v["towns"].as_array_mut().unwrap().push(first);
    v["towns"][5]["parent"] = "nowhere".into();
    let doc = Atlas::document_from_json(&serde_json::to_vec(&v).unwrap()).unwrap();
    let plain = Atlas::validate_document(doc.clone()).unwrap_err();
    let mut seen = Vec::new();
    let counted = Atlas::validate_document_with_progress(doc, |d, t| seen.push((d, t))).unwrap_err();
    assert_eq!(plain, counted);
    assert!(plain.len() >= 2, "{plain:?}");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
}

#[test]
fn the_audit_counts_towns() {
    let atlas = atlas();
    let mut seen = Vec::new();
    let findings = atlas.audit_with_progress(&regdev::audit::AuditOptions::default(), |d, t| seen.push((d, t)));
    assert_eq!(findings, atlas.audit());
    assert_eq!(check(&seen, "audit"), atlas.towns().len() as u64);
    assert!(seen.len() > 100);
}

#[test]
fn all_pairs_distances_count_pairs() {
    let atlas = atlas();
    let fitted = Gower::new().fit(&atlas);
    let towns: Vec<_> = atlas.towns().take(1_500).collect();
    let mut seen = Vec::new();
    let m = fitted.matrix_with_progress(towns.iter().copied(), |d, t| seen.push((d, t))).unwrap();
    let plain = fitted.matrix(towns.iter().copied()).unwrap();
    // NaN cells (no feature in common) make `==` false: compare the bits.
    assert_eq!(m.ids(), plain.ids());
    assert!(m.values().iter().zip(plain.values()).all(|(a, b)| a.to_bits() == b.to_bits()));
    assert_eq!(check(&seen, "matrix"), 1_500 * 1_499 / 2);
    assert!(seen.len() > 100);
}

#[test]
fn path_centralities_count_actors() {
    let g = synth::linkage_graph(600, 3, 11).unwrap();
    let mut seen = Vec::new();
    let both = g.path_centralities_with_progress(Orientation::Directed, Normalization::Normalized, |d, t| {
        seen.push((d, t));
    });
    assert_eq!(both, g.path_centralities(Orientation::Directed, Normalization::Normalized));
    assert_eq!(check(&seen, "path centralities"), 600);
}

#[cfg(feature = "figures")]
#[test]
fn figures_count_pairs_cells_linkages_and_actors() {
    use regdev::figure::{DistanceFigure, Figure, GraphFigure, Options};
    let o = Options::default();

    let g = synth::linkage_graph(400, 2, 5).unwrap();
    let figure = GraphFigure::new(&g);
    let mut seen = Vec::new();
    let svg = figure.to_svg_with_progress(&o, |d, t| seen.push((d, t)));
    assert_eq!(svg, figure.to_svg(&o));
    assert_eq!(check(&seen, "graph figure"), (g.linkage_count() + g.actor_count()) as u64);
    assert!(seen.len() > 100);

    let atlas = synth::atlas(&SynthConfig::new().towns(120).seed(3)).unwrap();
    let ids: Vec<&str> = atlas.towns().take(100).map(|t| t.id().as_str()).collect();
    let mut seen = Vec::new();
    let figure = DistanceFigure::from_atlas_with_progress(&atlas, &ids, |d, t| seen.push((d, t))).unwrap();
    assert_eq!(figure.to_svg(&o), DistanceFigure::from_atlas(&atlas, &ids).unwrap().to_svg(&o));
    assert_eq!(check(&seen, "distances"), 100 * 99 / 2);
    let mut seen = Vec::new();
    let svg = figure.to_svg_with_progress(&o, |d, t| seen.push((d, t)));
    assert_eq!(svg, figure.to_svg(&o));
    assert_eq!(check(&seen, "heatmap"), 100 * 100);
}

/// The calls a `'static` callback saw.
type Seen = std::sync::Arc<std::sync::Mutex<Vec<(u64, u64)>>>;

/// Records `(done, total)` calls from a `'static` callback.
fn recorder() -> (Seen, impl FnMut(u64, u64) + Send + 'static) {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    (seen, move |d, t| record.lock().unwrap().push((d, t)))
}

#[test]
fn json_parsing_counts_bytes_of_the_document() {
    let json = serde_json::to_vec(&atlas()).unwrap();
    let (seen, record) = recorder();
    let doc = Atlas::document_from_json_with_progress(&json, record).unwrap();
    assert_eq!(doc, Atlas::document_from_json(&json).unwrap());
    let seen = seen.lock().unwrap();
    assert_eq!(check(&seen, "JSON parsing"), json.len() as u64);
    // Counted as the records go by: many steps, spread over the file.
    assert!(seen.len() > 100, "only {} calls", seen.len());
    let mid = seen.iter().filter(|(d, t)| *d > t / 4 && *d < t * 3 / 4).count();
    assert!(mid > 20, "{mid} calls in the middle half");

    // Ids written with escapes are parsed into a scratch buffer, not read
    // from the document: the count still only grows and ends at the total.
    let text = String::from_utf8(json).unwrap().replace("\"town-1", "\"\\u0074own-1");
    let (seen, record) = recorder();
    let doc = Atlas::document_from_json_with_progress(text.as_bytes(), record).unwrap();
    assert_eq!(doc, Atlas::document_from_json(text.as_bytes()).unwrap());
    assert_eq!(check(&seen.lock().unwrap(), "JSON with escapes"), text.len() as u64);
}

#[test]
fn json_parsing_that_fails_does_not_reach_the_total() {
    let json = serde_json::to_vec(&atlas()).unwrap();
    // Cut in the middle: a syntax error after half the records.
    let cut = &json[..json.len() / 2];
    let (seen, record) = recorder();
    let e = Atlas::document_from_json_with_progress(cut, record).unwrap_err();
    assert_eq!(e, Atlas::document_from_json(cut).unwrap_err());
    let seen = seen.lock().unwrap();
    let total = cut.len() as u64;
    assert_eq!(seen.first(), Some(&(0, total)));
    assert!(seen.iter().all(|&(d, t)| t == total && d < total), "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(seen.len() > 10, "counts up to the error: {}", seen.len());
}

#[test]
fn synth_counts_towns_and_graphs_generated() {
    let config = SynthConfig::new().towns(2_000).seed(3).actors_per_town(4).unwrap().graph_fraction(0.5).unwrap();
    let mut seen = Vec::new();
    let atlas = synth::atlas_with_progress(&config, |d, t| seen.push((d, t))).unwrap();
    assert_eq!(atlas, synth::atlas(&config).unwrap());
    assert_eq!(check(&seen, "synth"), 2_000 + 1_000);
    assert_eq!(atlas.graphs().len(), 1_000);
    assert!(seen.len() > 100);

    let dir = std::env::temp_dir().join(format!("regdev-progress-synth-{}", std::process::id()));
    let mut seen = Vec::new();
    let summary = synth::write_peer_files_with_progress(&config, &dir, |d, t| seen.push((d, t))).unwrap();
    assert_eq!(check(&seen, "synth files"), (summary.towns + summary.graphs) as u64);
    assert_eq!(std::fs::read(dir.join("atlas.json")).unwrap(), serde_json::to_vec(&atlas).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}
