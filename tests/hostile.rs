//! Hostile sizes: huge numbers, deep nesting, huge strings and many towns
//! each fail with an error or succeed, within bounded time and memory, and
//! never panic or overflow the stack.
//!
//! Inputs are generated in memory. Timings and peak memory are printed
//! (`cargo test --test hostile -- --nocapture --test-threads=1`); the time
//! bound asserted is deliberately loose (a hang guard, not a benchmark).
//! The limits are documented on [`Atlas::from_json_str`].

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::time::{Duration, Instant};

use regdev::{Atlas, AtlasDocument, Error};

/// Generous: debug builds on a loaded two-core machine.
const HANG_GUARD: Duration = Duration::from_secs(120);

/// Peak resident memory of this process so far, in MiB (Linux only).
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    println!("{what}: {took:.2?}, peak RSS so far {:?} MiB", peak_rss_mib());
    assert!(took < HANG_GUARD, "{what} took {took:?}");
    out
}

fn parse_message(e: &Error) -> (&Option<String>, &str) {
    match e {
        Error::Parse { format: "JSON", path, message, .. } => (path, message),
        other => panic!("expected a JSON parse error, got {other:?}"),
    }
}

const MIB: usize = 1 << 20;

#[test]
fn one_megabyte_number_literals() {
    // An integer of a million digits where a u32 is expected.
    let json = format!("{{\"format_version\": 1{}}}", "0".repeat(MIB));
    let err = timed("1 MiB integer format_version", || Atlas::from_json_str(&json).unwrap_err());
    assert_eq!(parse_message(&err), (&Some("format_version".to_owned()), "number out of range"));

    let town = |value: &str| {
        format!(
            r#"{{"format_version": 1, "sources": [{{"id": "s", "kind": "dataset", "title": "S"}}],
              "towns": [{{"id": "t", "name": {{"english": "T"}}, "level": "town",
                          "key_facts": {{"area": {{"value": {value}, "source": "s"}}}}}}]}}"#
        )
    };
    // A million-digit fraction rounds to the nearest f64: fine.
    let json = town(&format!("0.{}", "1".repeat(MIB)));
    let atlas = timed("1 MiB fraction area", || Atlas::from_json_str(&json).unwrap());
    let area = atlas.town("t").unwrap().key_facts().area().as_ref().unwrap().value().km2();
    assert!((area - 1.0 / 9.0).abs() < 1e-15);
    // A million-digit integer overflows f64: an error, not infinity.
    let json = town(&format!("1{}", "0".repeat(MIB)));
    let err = timed("1 MiB integer area", || Atlas::from_json_str(&json).unwrap_err());
    assert_eq!(parse_message(&err), (&Some("towns[0].key_facts.area.value".to_owned()), "number out of range"));
    // TOML: an integer beyond i64 is an error too.
    let toml = format!("format_version = 1{}", "0".repeat(MIB));
    let err = timed("1 MiB TOML integer", || toml::from_str::<AtlasDocument>(&toml).unwrap_err());
    assert_eq!(err.message(), "number too large to fit in target type");
}

#[test]
fn arrays_nested_100_000_deep() {
    const DEPTH: usize = 100_000;
    let nested = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    // The typed schema rejects the first bracket it does not expect, long
    // before serde_json's recursion limit (128) could matter; either way
    // the result is an error, never a stack overflow.
    for (json, message) in [
        (nested.clone(), "invalid type: sequence, expected u32"),
        (format!("{{\"format_version\": 1, \"towns\": {nested}}}"), "invalid type: sequence, expected a string"),
        (format!("{}{}", "{\"towns\":".repeat(DEPTH), "}".repeat(DEPTH)), "invalid type: map, expected a sequence"),
    ] {
        let err = timed("100 000-deep nesting (JSON)", || Atlas::from_json_str(&json).unwrap_err());
        println!("  {err}");
        assert!(matches!(&err, Error::Parse { line: Some(_), message: m, .. } if m == message), "{err:?}");
        assert!(Atlas::document_from_json(json.as_bytes()).is_err());
        assert!(serde_json::from_str::<Atlas>(&json).is_err());
    }
    // Where nesting is not rejected by type (an untyped value), serde_json's
    // recursion limit of 128 applies: an error, not a stack overflow.
    let err = serde_json::from_str::<serde_json::Value>(&nested).unwrap_err();
    assert_eq!(err.to_string(), "recursion limit exceeded at line 1 column 128");

    // TOML.
    let toml = format!("towns = {nested}");
    let err = timed("100 000-deep nesting (TOML)", || toml::from_str::<AtlasDocument>(&toml).unwrap_err());
    // toml_edit's parser limits nesting too.
    assert_eq!(err.message(), "recursion limit exceeded");
}

#[test]
fn a_100_megabyte_string() {
    const LEN: usize = 100 * MIB;
    let long = "a".repeat(LEN);
    // In a name: accepted (names have no length limit), in bounded time.
    let json = format!(
        r#"{{"format_version": 1, "towns": [{{"id": "t", "name": {{"english": "{long}"}}, "level": "town"}}]}}"#
    );
    let atlas = timed("100 MiB name", || Atlas::from_json_str(&json).unwrap());
    assert_eq!(atlas.town("t").unwrap().name().english().len(), LEN);
    drop(atlas);
    // In an id: rejected, naming the field.
    let json = format!(
        r#"{{"format_version": 1, "towns": [{{"id": "{long}", "name": {{"english": "T"}}, "level": "town"}}]}}"#
    );
    let err = timed("100 MiB id", || Atlas::from_json_str(&json).unwrap_err());
    let (path, message) = parse_message(&err);
    assert_eq!(path.as_deref(), Some("towns[0].id"));
    println!("100 MiB id: message is {} bytes", message.len());
    assert!(
        message.ends_with(&format!("an id must be at most 64 characters, this one has {LEN}")),
        "{}",
        &message[message.len() - 100..]
    );
}

/// A document with `n` minimal towns under one county.
fn many_towns(n: usize) -> String {
    let mut json = String::with_capacity(n * 64 + 200);
    json.push_str(
        r#"{"format_version": 1, "towns": [{"id": "county", "name": {"english": "County"}, "level": "county"}"#,
    );
    for i in 0..n {
        json.push_str(&format!(
            r#", {{"id": "t{i}", "name": {{"english": "Town {i}"}}, "level": "town", "parent": "county"}}"#
        ));
    }
    json.push_str("]}");
    json
}

#[test]
fn a_thousand_towns_load() {
    let atlas = Atlas::from_json_str(&many_towns(1000)).unwrap();
    assert_eq!(atlas.towns().count(), 1001);
    assert_eq!(atlas.children("county").count(), 1000);
}

#[test]
#[ignore = "10^6 towns (87 MiB of JSON): ~5 s and ~0.9 GiB in release, slow in debug; run with --release -- --ignored"]
fn a_million_towns_load() {
    const N: usize = 1_000_000;
    let json = timed("generate 10^6 towns", || many_towns(N));
    println!("10^6 towns: {} MiB of JSON", json.len() / MIB);
    let atlas = timed("load 10^6 towns", || Atlas::from_json_str(&json).unwrap());
    assert_eq!(atlas.towns().count(), N + 1);
    assert_eq!(atlas.children("county").count(), N);
    assert!(atlas.town("t999999").is_some());
}

#[test]
fn a_long_parent_chain_is_checked_in_linear_time() {
    // 100 000 towns, each the parent of the next, closing into one cycle:
    // invalid (tiers and a cycle), reported quickly.
    const N: usize = 100_000;
    let mut json = String::from(r#"{"format_version": 1, "towns": ["#);
    for i in 0..N {
        let parent = (i + 1) % N;
        if i > 0 {
            json.push(',');
        }
        json.push_str(&format!(
            r#"{{"id": "t{i}", "name": {{"english": "T"}}, "level": "town", "parent": "t{parent}"}}"#
        ));
    }
    json.push_str("]}");
    let doc = Atlas::document_from_json(json.as_bytes()).unwrap();
    let errors = timed("100 000-town parent cycle", || Atlas::validate_document(doc).unwrap_err());
    let Error::ParentCycle { cycle } = &errors[0] else { panic!("{:?}", errors[0]) };
    assert_eq!(cycle.len(), N + 1);
    assert_eq!(errors.len(), 1 + N, "one cycle, then one tier error per town");
}
