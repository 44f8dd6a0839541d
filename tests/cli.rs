//! Runs the built `regdev` binary: every subcommand, bad input, standard
//! input, `-o FILE`, exit codes, help and version, and the JSON Schema.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod util;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;
use util::{run, run_with};

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("regdev-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

fn builtin_json() -> String {
    let r = run(&["export", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

const BUILTIN_COUNTS: &str = "ok (38 towns, 3 archetypes, 3 graphs, 27 actors, 26 linkages, 82 sources)";

// ---------------------------------------------------------------- conventions

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in ["validate", "towns", "compare", "classify", "graph", "export", "synth"] {
        let r = run(&[sub, "--help"]);
        assert_eq!(r.code, 0, "{sub}: {}", r.stderr);
        assert!(r.stdout.contains("Example"), "{sub} --help has no example:\n{}", r.stdout);
        assert!(r.stdout.contains(&format!("regdev {sub} ")), "{sub} --help shows no invocation:\n{}", r.stdout);
    }
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("regdev compare kunshan shunde"));
}

#[test]
fn version_is_the_crate_version() {
    let r = run(&["--version"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.trim(), format!("regdev {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["towns", "--format", "yaml"],
        &["towns", "--level", "metropolis"],
        &["towns", "--min-population", "many"],
        &["compare", "kunshan"],
        &["validate"],
        &["export", "dot"],
        &["export", "json", "kunshan"],
        &["export", "json", "--per-town", "x"],
        &["export", "graphml", "kunshan", "--per-town", "x"],
        &["synth", "--out", "x"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(r.stdout.is_empty(), "{args:?} wrote to stdout: {}", r.stdout);
        assert!(r.stderr.contains("error") || r.stderr.contains("Usage"), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn bad_option_values_name_the_accepted_ones() {
    let r = run(&["towns", "--level", "metropolis"]);
    assert!(r.stderr.contains("county_level_city"), "{}", r.stderr);
}

// ------------------------------------------------------------------ validate

#[test]
fn validate_accepts_the_data_file_with_counts() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/builtin.json");
    let r = run(&["validate", path]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, format!("{path}: {BUILTIN_COUNTS}\n"));
    assert!(r.stderr.is_empty());
}

#[test]
fn validate_reads_stdin() {
    let r = run_with(&["validate", "-"], builtin_json().as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, format!("<stdin>: {BUILTIN_COUNTS}\n"));
}

#[test]
fn validate_reports_json_syntax_errors_with_line_and_column() {
    let dir = scratch("syntax");
    let bad = write(&dir, "bad.json", b"{\"format_version\": 1,\n  \"towns\": [\n    {\"id\": \"a\",, }\n  ]\n}");
    let r = run(&["validate", &bad]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains(&format!("{bad}:3:")), "no line:column in: {}", r.stderr);
    assert!(r.stderr.contains("JSON error at towns[0]"), "{}", r.stderr);
}

#[test]
fn validate_reports_shape_errors_with_field_path() {
    let r = run_with(&["validate", "-"], b"{\"format_version\": 1,\n \"towns\": [{\"id\": \"Bad Id\"}]}");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("<stdin>:2:"), "{}", r.stderr);
    assert!(r.stderr.contains("towns[0].id"), "{}", r.stderr);
    assert!(r.stderr.contains("invalid town id \"Bad Id\""), "{}", r.stderr);
}

#[test]
fn validate_prints_every_problem_of_an_invalid_atlas() {
    let doc = r#"{"format_version": 1,
      "towns": [
        {"id": "a", "name": {"english": "A"}, "level": "town", "parent": "x"},
        {"id": "a", "name": {"english": "A again"}, "level": "town"},
        {"id": "p", "name": {"english": "P"}, "level": "town", "parent": "q"},
        {"id": "q", "name": {"english": "Q"}, "level": "town", "parent": "p"}
      ],
      "graphs": [{"focal_town": "ghost", "actors": [{"id": "g", "name": "G", "kind": "university", "source": "nowhere"}]}]
    }"#;
    let dir = scratch("multi");
    let file = write(&dir, "multi.json", doc.as_bytes());
    let r = run(&["validate", &file]);
    assert_eq!(r.code, 1);
    for expected in [
        "duplicate town id 'a'",
        "town 'a', field 'parent' refers to unknown town 'x'",
        "refers to unknown source 'nowhere'",
        "linkage graph, field 'focal_town' refers to unknown town 'ghost'",
        "parent cycle",
    ] {
        assert!(r.stderr.contains(&format!("{file}: ")), "{}", r.stderr);
        assert!(r.stderr.contains(expected), "missing {expected:?} in:\n{}", r.stderr);
    }
    assert!(r.stderr.contains("invalid (6 problems)") || r.stderr.contains("problems)"), "{}", r.stderr);
}

#[test]
fn validate_checks_every_file_and_fails_if_one_is_invalid() {
    let dir = scratch("several");
    let good = write(&dir, "good.json", builtin_json().as_bytes());
    let bad = write(&dir, "bad.json", br#"{"format_version": 3}"#);
    let missing = dir.join("missing.json");
    let r = run(&["validate", &good, &bad, missing.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains(&format!("{good}: ok")));
    assert!(r.stderr.contains(&format!("{bad}: unsupported format_version 3")), "{}", r.stderr);
    assert!(r.stderr.contains("cannot read"), "{}", r.stderr);
    assert!(r.stderr.contains("2 of 3"), "{}", r.stderr);
}

#[test]
fn validate_never_panics_on_arbitrary_bytes() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut inputs: Vec<Vec<u8>> = (0..8).map(|i| (0..(i * 97 + 1)).map(|_| next() as u8).collect()).collect();
    inputs.push(Vec::new());
    inputs.push(b"\xff\xfe{\"format_version\": 1}".to_vec());
    inputs.push(b"{\"format_version\": 1, \"sources\": [{\"id\": \"\xc3\x28\"}]}".to_vec());
    inputs.push("[".repeat(100_000).into_bytes());
    inputs.push(b"{\"format_version\": 1e999}".to_vec());
    inputs.push(b"{\"format_version\": 1, \"towns\": [{\"id\": \"a\", \"name\": {\"english\": \"A\"}, \"level\": \"town\", \"key_facts\": {\"area\": {\"value\": -1, \"source\": \"s\"}}}]}".to_vec());
    for bytes in inputs {
        let r = run_with(&["validate", "-"], &bytes);
        assert_eq!(r.code, 1, "input {:?}: {}", String::from_utf8_lossy(&bytes[..bytes.len().min(40)]), r.stderr);
        assert!(r.stderr.starts_with("<stdin>"), "{}", r.stderr);
    }
}

#[test]
fn validate_audit_prints_findings() {
    let r = run_with(&["validate", "--audit", "-"], builtin_json().as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Warning: town 'shunde', field 'key_facts.gdp_per_capita'"), "{}", r.stdout);
    assert!(r.stdout.contains("+19.1%"), "{}", r.stdout);
}

// --------------------------------------------------------------------- towns

fn data_lines(table: &str) -> Vec<&str> {
    table.lines().skip(2).collect()
}

#[test]
fn towns_lists_an_aligned_table_with_key_facts() {
    let r = run(&["towns"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("ID"));
    assert!(lines[1].starts_with("--"));
    assert_eq!(data_lines(&r.stdout).len(), 38);
    let kunshan = lines.iter().find(|l| l.starts_with("kunshan ")).unwrap();
    for cell in
        ["Kunshan", "昆山市", "County-level city", "Sunan", "927.68 km²", "1,600,000", "292 bn CNY", "30,000 USD"]
    {
        assert!(kunshan.contains(cell), "{cell} missing from {kunshan}");
    }
    let shunde = lines.iter().find(|l| l.starts_with("shunde ")).unwrap();
    assert!(shunde.contains("254 bn CNY (2013)"), "{shunde}");
    // Columns line up: every row's LEVEL column starts where the header's does.
    let col = |l: &str| l.find("County-level city").or_else(|| l.find("LEVEL"));
    let header_width: usize = lines[0][..col(lines[0]).unwrap()].chars().count();
    let kunshan_cols = kunshan[..col(kunshan).unwrap()].chars().count() + 3; // 3 CJK chars are 2 wide
    assert_eq!(header_width, kunshan_cols);
}

#[test]
fn towns_filters_combine() {
    let count = |args: &[&str]| {
        let mut all = vec!["towns"];
        all.extend_from_slice(args);
        let r = run(&all);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        data_lines(&r.stdout).len()
    };
    assert_eq!(count(&["--parent", "shunde"]), 10);
    assert_eq!(count(&["--parent", "Shunde"]), 10);
    assert_eq!(count(&["--level", "subdistrict"]), 4);
    assert_eq!(count(&["--province", "jiangsu"]), 16);
    assert_eq!(count(&["--model", "prd"]), 3);
    assert_eq!(count(&["--model", "sunan", "--min-population", "1000000"]), 1);
    assert_eq!(count(&["--min-population", "2000000"]), 1);
    // Computed from the atlas: the built-in cases gain population figures.
    let at_most_two_million = regdev::Atlas::builtin()
        .towns()
        .filter(|t| t.key_facts().population().is_some_and(|p| p.value().get() <= 2_000_000))
        .count();
    assert!(at_most_two_million >= 3);
    assert_eq!(count(&["--max-population", "2000000"]), at_most_two_million);
    assert_eq!(count(&["--level", "town", "--parent", "kunshan"]), 10);
}

#[test]
fn towns_with_no_match_says_so_on_stderr() {
    let r = run(&["towns", "--province", "Hainan"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("no town matches"));
}

#[test]
fn towns_as_json_and_csv() {
    let r = run(&["towns", "--parent", "kunshan", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let towns: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(towns.as_array().unwrap().len(), 10);
    assert_eq!(towns[0]["parent"], "kunshan");

    let r = run(&["towns", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 39);
    assert_eq!(lines[0], regdev::CsvColumns::People.names().join(","));
    // Codes and specialisations are in (as for people: see CsvColumns).
    assert!(
        lines.iter().any(|l| l.starts_with("kunshan,Kunshan,昆山市,county_level_city,suzhou,Jiangsu,sunan,320583,"))
    );
    // Shunde and two of its towns; Wenzhou, Yueqing and Liushi; Guzhen.
    assert_eq!(lines.iter().filter(|l| l.contains("c38:")).count(), 7, "{}", r.stdout);
}

#[test]
fn towns_unknown_parent_suggests() {
    let r = run(&["towns", "--parent", "shunda"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("unknown town 'shunda'; did you mean 'shunde'?"), "{}", r.stderr);
}

// ------------------------------------------------------------------- compare

#[test]
fn compare_kunshan_shunde_prints_the_talks_table() {
    let r = run(&["compare", "kunshan", "shunde"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 9, "{}", r.stdout);
    assert!(lines[0].contains("Kunshan") && lines[0].contains("Shunde"));
    let expected = [
        ("Dynamics", "Government-led", "Bottom-up, PPP"),
        ("Economic linkages", "National and global", "Local and regional"),
        ("Institutional borrowing", "From Taiwan", "From Hong Kong and Shenzhen"),
        ("Relations with existing industries", "Loose: Hi-tech Venture", "Tight: reflecting demands of local firms"),
        ("Level of risk", "High: speculative", "Low: gradual"),
        ("Inter-urban competition", "Place competition", "Product competition"),
        ("Mentality of government", "Leader and controller", "Service provider and supporter"),
    ];
    for (line, (d, k, s)) in lines[2..].iter().zip(expected) {
        assert!(line.starts_with(d) && line.contains(k) && line.ends_with(s), "{line}");
    }
}

#[test]
fn compare_formats_and_all_dimensions() {
    let r = run(&["compare", "kunshan", "shunde", "--format", "markdown"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("| Dynamics | Government-led | Bottom-up, PPP |"));
    assert_eq!(r.stdout.lines().count(), 9);

    let r = run(&["compare", "kunshan", "shunde", "--format", "json", "--all-dimensions"]);
    assert_eq!(r.code, 0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["left"], "Kunshan");
    assert_eq!(v["rows"].as_array().unwrap().len(), 12);
}

#[test]
fn compare_accepts_names_and_archetypes() {
    let r = run(&["compare", "Kunshan", "prd", "--all-dimensions"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.lines().next().unwrap().contains("Pearl River Delta"));
    let r = run(&["compare", "sunan", "archetype:wenzhou"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn compare_unknown_town_suggests() {
    let r = run(&["compare", "kunshn", "shunde"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("'kunshn'; did you mean 'kunshan'?"), "{}", r.stderr);
}

// ------------------------------------------------------------------ classify

#[test]
fn classify_ranks_archetypes_with_explanations() {
    let r = run(&["classify", "kunshan"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("1. Pearl River Delta"), "{}", r.stdout);
    assert!(r.stdout.contains("Dominant ownership"), "{}", r.stdout);

    let r = run(&["classify", "kunshan", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["ranking"][0]["archetype"], "pearl-river-delta");
    assert!((v["ranking"][0]["distance"].as_f64().unwrap() - 0.4).abs() < 0.01);
}

#[test]
fn classify_unknown_town_suggests() {
    let r = run(&["classify", "lecon"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("did you mean 'lecong'?"), "{}", r.stderr);
}

// --------------------------------------------------------------- --atlas FILE

#[test]
fn atlas_option_reads_a_file_and_stdin() {
    let dir = scratch("atlas-option");
    let file = write(&dir, "atlas.json", builtin_json().as_bytes());
    let from_file = run(&["compare", "kunshan", "shunde", "--atlas", &file]);
    assert_eq!(from_file.code, 0, "{}", from_file.stderr);
    let from_stdin = run_with(&["compare", "kunshan", "shunde", "--atlas", "-"], builtin_json().as_bytes());
    assert_eq!(from_stdin.code, 0, "{}", from_stdin.stderr);
    assert_eq!(from_file.stdout, run(&["compare", "kunshan", "shunde"]).stdout);
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

#[test]
fn atlas_option_rejects_an_invalid_file() {
    let r = run_with(&["towns", "--atlas", "-"], br#"{"format_version": 1, "towns": [{"id": "x"}]}"#);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("<stdin>:1:"), "{}", r.stderr);
    assert!(r.stderr.contains("not a valid atlas"), "{}", r.stderr);
    let r = run(&["towns", "--atlas", "/nonexistent/atlas.json"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("cannot read '/nonexistent/atlas.json'"), "{}", r.stderr);
}

// -------------------------------------------------------------------- export

#[test]
fn export_json_round_trips_and_validates() {
    let dir = scratch("export-json");
    let file = dir.join("atlas.json");
    let r = run(&["export", "json", "-o", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, builtin_json());
    let atlas = regdev::Atlas::from_json_str(&written).unwrap();
    assert_eq!(&atlas, regdev::Atlas::builtin());
    // Lossless: exporting the reloaded atlas gives the same bytes.
    let again = run(&["export", "json", "--atlas", file.to_str().unwrap()]);
    assert_eq!(again.stdout, written);
    let v = run(&["validate", file.to_str().unwrap()]);
    assert_eq!(v.code, 0, "{}", v.stderr);
}

#[test]
fn export_csv_has_a_row_per_town() {
    let dir = scratch("export-csv");
    let file = dir.join("towns.csv");
    let r = run(&["export", "csv", "--output", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let csv = std::fs::read_to_string(&file).unwrap();
    assert_eq!(csv.lines().count(), 39);
    assert_eq!(csv, run(&["towns", "--format", "csv"]).stdout);
}

#[test]
fn export_to_an_unwritable_path_fails_with_1() {
    let r = run(&["export", "json", "-o", "/nonexistent/dir/atlas.json"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("cannot write '/nonexistent/dir/atlas.json'"), "{}", r.stderr);
}

fn schema() -> Value {
    let r = run(&["export", "schema"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

#[test]
fn schema_is_a_valid_json_schema() {
    let s = schema();
    assert!(jsonschema::meta::is_valid(&s));
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

#[test]
fn our_json_output_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let data: Value = serde_json::from_str(include_str!("../data/builtin.json")).unwrap();
    let errors: Vec<String> = validator.iter_errors(&data).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "data/builtin.json: {errors:#?}");
    let exported: Value = serde_json::from_str(&builtin_json()).unwrap();
    assert!(validator.is_valid(&exported));
    // The schema describes format 2 and accepts format 1.
    assert_eq!(exported["format_version"], 2);
    let v1: Value = serde_json::from_str(include_str!("fixtures/builtin-v1.json")).unwrap();
    assert_eq!(v1["format_version"], 1);
    let errors: Vec<String> = validator.iter_errors(&v1).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "tests/fixtures/builtin-v1.json: {errors:#?}");
}

#[test]
fn schema_rejects_unknown_fields_bad_ids_and_bad_enum_ids() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let good: Value = serde_json::from_str(&builtin_json()).unwrap();
    let kunshan = good["towns"].as_array().unwrap().iter().position(|t| t["id"] == "kunshan").unwrap();
    type Mutation = Box<dyn Fn(&mut Value)>;
    let mutations: Vec<(&str, Mutation)> = vec![
        ("unknown top-level field", Box::new(|v| v["extra"] = Value::Bool(true))),
        ("unknown town field", Box::new(move |v| v["towns"][kunshan]["mayor"] = "x".into())),
        ("unknown key-facts field", Box::new(move |v| v["towns"][kunshan]["key_facts"]["gdp"][0]["note"] = "x".into())),
        ("bad level id", Box::new(move |v| v["towns"][kunshan]["level"] = "metropolis".into())),
        ("bad dynamics id", Box::new(move |v| v["towns"][kunshan]["profile"]["dynamics"] = "chaotic".into())),
        (
            "bad currency",
            Box::new(move |v| v["towns"][kunshan]["key_facts"]["gdp"][0]["value"]["currency"] = "CNY".into()),
        ),
        ("bad slug", Box::new(move |v| v["towns"][kunshan]["id"] = "Kun Shan".into())),
        ("year out of range", Box::new(move |v| v["towns"][kunshan]["zones"][0]["approved"] = 1700.into())),
        ("negative area", Box::new(move |v| v["towns"][kunshan]["key_facts"]["area"][0]["value"] = (-1).into())),
        ("bad division code", Box::new(move |v| v["towns"][kunshan]["statistical_code"]["code"] = "32058".into())),
        ("bad actor kind", Box::new(|v| v["graphs"][0]["actors"][0]["kind"] = "alien".into())),
        ("bad linkage scale", Box::new(|v| v["graphs"][0]["linkages"][0]["scale"] = "galactic".into())),
        ("wrong format version", Box::new(|v| v["format_version"] = 3.into())),
        ("blank source venue", Box::new(|v| v["sources"][0]["venue"] = " ".into())),
        ("blank source note", Box::new(|v| v["sources"][0]["note"] = "".into())),
        (
            "blank stage description",
            Box::new(move |v| v["towns"][kunshan]["trajectory"][0]["description"] = "\t".into()),
        ),
        ("unknown indicator", Box::new(move |v| v["towns"][kunshan]["key_facts"]["gdp_growth"] = Value::Array(vec![]))),
        (
            "wrong unit",
            Box::new(move |v| {
                v["towns"][kunshan]["key_facts"]["exports"] = serde_json::json!([{"value": 5, "source": "qiao-talk"}])
            }),
        ),
        (
            "share above 1",
            Box::new(move |v| {
                v["towns"][kunshan]["key_facts"]["market_share"] =
                    serde_json::json!([{"value": 1.5, "source": "qiao-talk"}])
            }),
        ),
        (
            "kind of another indicator",
            Box::new(move |v| v["towns"][kunshan]["key_facts"]["area"][0]["kind"] = "migrant".into()),
        ),
        (
            "year and period",
            Box::new(move |v| {
                v["towns"][kunshan]["key_facts"]["area"][0]["year"] = 2000.into();
                v["towns"][kunshan]["key_facts"]["area"][0]["period"] = serde_json::json!({"start": 2000});
            }),
        ),
        (
            "missing town name",
            Box::new(move |v| {
                v["towns"][kunshan].as_object_mut().unwrap().remove("name");
            }),
        ),
        (
            "unknown profile dimension",
            Box::new(move |v| v["towns"][kunshan]["profile_sources"]["charm"] = "qiao-talk".into()),
        ),
        (
            "bad rank in a model claim",
            Box::new(move |v| {
                v["towns"][kunshan]["model"] =
                    serde_json::json!([{"value": "sunan", "rank": "best", "source": "wei-2010"}])
            }),
        ),
        (
            "rank on a one-claim model label",
            Box::new(move |v| v["towns"][kunshan]["model"]["rank"] = "preferred".into()),
        ),
        ("model label as a bare string", Box::new(move |v| v["towns"][kunshan]["model"] = "sunan".into())),
    ];
    // A disputed model label, an array of ranked and dated claims, is valid.
    let mut disputed = good.clone();
    disputed["towns"][kunshan]["model"] = serde_json::json!([
        {"value": "sunan", "rank": "preferred", "source": "wei-2010"},
        {"value": "pearl_river_delta", "period": {"start": 1990, "end": 2010}, "source": "qiao-talk"}
    ]);
    let errors: Vec<String> = validator.iter_errors(&disputed).map(|e| format!("{e} at {}", e.instance_path)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(run_with(&["validate", "-"], disputed.to_string().as_bytes()).code, 0);
    for (what, mutate) in mutations {
        let mut doc = good.clone();
        mutate(&mut doc);
        assert!(!validator.is_valid(&doc), "schema accepted: {what}");
        // And the crate rejects each of them too.
        let r = run_with(&["validate", "-"], doc.to_string().as_bytes());
        assert_eq!(r.code, 1, "validate accepted: {what}");
    }
}

// --------------------------------------------------- graph, graphml and dot

#[test]
fn graph_prints_actor_and_graph_metrics() {
    let r = run(&["graph", "kunshan"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("Linkage graph of Kunshan (kunshan): 11 actors, 13 linkages"), "{}", r.stdout);
    for expected in ["density", "0.1182", "degree centralization", "scale profile", "global 5 (38%)", "Taiwan"] {
        assert!(r.stdout.contains(expected), "missing {expected:?}:\n{}", r.stdout);
    }
    assert!(r.stdout.contains("Top gatekeepers (groups by locality)"), "{}", r.stdout);
    let gov =
        r.stdout.lines().find(|l| l.starts_with("kunshan-government ") && l.contains("local_government")).unwrap();
    assert!(gov.contains("local_government") && gov.contains("0.7667"), "{gov}");
}

#[test]
fn graph_json_has_the_documented_shape() {
    let r = run(&["graph", "kunshan", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["town"], "kunshan");
    assert_eq!(v["orientation"], "undirected");
    let actors = v["actors"].as_array().unwrap();
    assert_eq!(actors.len(), 11);
    for a in actors {
        assert!(a["id"].is_string() && a["degree"].is_u64(), "{a}");
        assert!(a["betweenness"].is_f64() && a["closeness"].is_f64(), "{a}");
    }
    // networkx: betweenness_centrality(DiGraph(G).to_undirected()) and density(DiGraph(G)).
    assert_eq!(actors[0]["id"], "kunshan-government");
    assert!((actors[0]["betweenness"].as_f64().unwrap() - 0.766_666_666_666_666_7).abs() < 1e-12);
    assert!((v["density"].as_f64().unwrap() - 13.0 / 110.0).abs() < 1e-12);
    assert!(v["centralization"].is_f64());
    assert_eq!(v["scale_profile"]["global"], 5);
    assert_eq!(v["borrowing_origins"], serde_json::json!(["Taiwan"]));

    // Brokerage and E-I index by locality (the default), as R's sna gives
    // them (tests/fixtures/graph/brokerage/kunshan-locality.sna.csv).
    assert_eq!(v["groups"], "locality");
    assert_eq!(actors[0]["group"], "local");
    assert_eq!(actors[0]["brokerage"]["gatekeeper"], 5);
    assert_eq!(actors[0]["brokerage"]["itinerant"], 3);
    assert_eq!(actors[0]["brokerage"]["total"], 8);
    assert_eq!(actors[0]["ei_index"], 0.0);
    assert_eq!(v["ei_index"], 0.5);
    assert_eq!(v["group_ei_index"]["non_local"], 1.0);
    let t = run(&["graph", "kunshan", "--groups", "kind"]);
    assert_eq!(t.code, 0, "{}", t.stderr);
    // No actor passes ties from another kind into its own kind in Kunshan.
    assert!(t.stdout.contains("No gatekeepers between groups by kind."), "{}", t.stdout);

    let d = run(&["graph", "shunde", "--format", "json", "--directed"]);
    assert_eq!(d.code, 0, "{}", d.stderr);
    let v: Value = serde_json::from_str(&d.stdout).unwrap();
    assert_eq!(v["orientation"], "directed");
}

#[test]
fn export_graphml_writes_a_readable_document() {
    let dir = scratch("graphml");
    let file = dir.join("kunshan.graphml");
    let r = run(&["export", "graphml", "kunshan", "-o", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let xml = std::fs::read_to_string(&file).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
    assert_eq!((count("node"), count("edge")), (11, 13));
    // networkx reads it, where Python and networkx are installed.
    let script =
        "import sys, networkx as nx; g = nx.read_graphml(sys.argv[1]); print(g.number_of_nodes(), g.number_of_edges())";
    if let Some(out) = python_output(script, &file) {
        assert_eq!(out, "11 13");
    }
}

/// The Python that runs the interop checks: `REGDEV_PYTHON` or `python3`.
fn python() -> String {
    std::env::var("REGDEV_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Runs a Python interop script on `file` and returns what it printed.
/// `None` (the caller skips, with a note) only when `REGDEV_PYTHON` is not
/// set and the default `python3` cannot run it; with `REGDEV_PYTHON` set
/// (as `.ci/run` does, to a virtualenv with networkx) a failure fails the
/// test.
fn python_output(script: &str, file: &std::path::Path) -> Option<String> {
    let out = Command::new(python()).args(["-c", script]).arg(file).output();
    let required = std::env::var_os("REGDEV_PYTHON").is_some();
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).trim().to_owned()),
        Ok(o) if required => panic!("{} failed: {}", python(), String::from_utf8_lossy(&o.stderr)),
        Err(e) if required => panic!("cannot run {}: {e}", python()),
        _ => {
            eprintln!("networkx not available (set REGDEV_PYTHON): skipped reading the GraphML with it");
            None
        }
    }
}

/// networkx's `read_graphml` reads one graph per document; the synthetic
/// atlas of 1,000 towns must come out whole: every node, every edge, every
/// node with its town. Skipped (with a note) where networkx is missing.
#[test]
fn networkx_reads_every_node_of_a_1000_town_synth() {
    let dir = scratch("synth-1000");
    let out = dir.to_string_lossy().into_owned();
    let r = run(&["synth", "--towns", "1000", "--out", &out]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let atlas = regdev::Atlas::from_json_slice(&std::fs::read(dir.join("atlas.json")).unwrap()).unwrap();
    let actors: usize = atlas.graphs().map(regdev::LinkageGraph::actor_count).sum();
    let linkages: usize = atlas.graphs().map(regdev::LinkageGraph::linkage_count).sum();
    let graphs = atlas.graphs().count();
    assert!(graphs >= 900 && actors >= 10_000, "{graphs} graphs, {actors} actors");
    let file = dir.join("linkages.graphml");
    let xml = std::fs::read_to_string(&file).unwrap();
    assert_eq!(xml.matches("<graph ").count(), 1);
    let script = "import sys, networkx as nx; g = nx.read_graphml(sys.argv[1]); \
                  towns = {d['town'] for _, d in g.nodes(data=True)}; \
                  print(g.number_of_nodes(), g.number_of_edges(), len(towns))";
    if let Some(out) = python_output(script, &file) {
        assert_eq!(out, format!("{actors} {linkages} {graphs}"));
    }
    // The documented alternative: one file per town, plain actor ids.
    let each = dir.join("each");
    let e = run(&[
        "export",
        "graphml",
        "--atlas",
        dir.join("atlas.json").to_str().unwrap(),
        "--per-town",
        each.to_str().unwrap(),
    ]);
    assert_eq!(e.code, 0, "{}", e.stderr);
    assert_eq!(std::fs::read_dir(&each).unwrap().count(), graphs);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_dot_renders_with_graphviz() {
    let r = run(&["export", "dot", "shunde"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("digraph \"shunde\""), "{}", r.stdout);
    let child = Command::new("dot").arg("-Tsvg").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn();
    let Ok(mut child) = child else {
        eprintln!("graphviz not available: skipped rendering the DOT");
        return;
    };
    child.stdin.take().unwrap().write_all(r.stdout.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
}

#[test]
fn graph_of_a_town_without_one_fails_with_1() {
    let r = run(&["graph", "lecong"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("town 'lecong' has no linkage graph"), "{}", r.stderr);
    assert!(r.stderr.contains("'kunshan'"), "{}", r.stderr);
    let r = run(&["export", "dot", "kunshn"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("did you mean 'kunshan'?"), "{}", r.stderr);
}

#[test]
fn synth_writes_files_every_subcommand_accepts() {
    let dir = scratch("synth");
    let out = dir.to_string_lossy().into_owned();
    let r = run(&["synth", "--towns", "120", "--actors-per-town", "6", "--seed", "3", "--out", &out]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("wrote 120 towns, 120 graphs, 720 actors"), "{}", r.stdout);
    // Not a terminal: no progress output.
    assert_eq!(r.stderr, "");
    let atlas = dir.join("atlas.json").to_string_lossy().into_owned();
    for name in ["atlas.json", "linkages.graphml", "towns.csv"] {
        assert!(std::fs::metadata(dir.join(name)).unwrap().len() > 0, "{name}");
    }
    let v = run(&["validate", &atlas]);
    assert_eq!(v.code, 0, "{}", v.stderr);
    assert!(v.stdout.contains("ok (120 towns"), "{}", v.stdout);
    // The same seed gives the same bytes.
    let dir2 = scratch("synth-again");
    let out2 = dir2.to_string_lossy().into_owned();
    assert_eq!(run(&["synth", "--towns", "120", "--actors-per-town", "6", "--seed", "3", "--out", &out2]).code, 0);
    assert_eq!(std::fs::read(dir.join("atlas.json")).unwrap(), std::fs::read(dir2.join("atlas.json")).unwrap());
    // Every reading subcommand works on the synthetic atlas.
    let towns = run(&["towns", "--atlas", &atlas, "--format", "json"]);
    assert_eq!(towns.code, 0, "{}", towns.stderr);
    let list: Value = serde_json::from_str(&towns.stdout).unwrap();
    let ids: Vec<String> = list.as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids.len(), 120);
    let with_graph = ids
        .iter()
        .find(|id| run(&["graph", id, "--atlas", &atlas, "--format", "json"]).code == 0)
        .expect("some town has a graph");
    let g: Value =
        serde_json::from_str(&run(&["graph", with_graph, "--atlas", &atlas, "--format", "json"]).stdout).unwrap();
    assert!(g["actors"].as_array().is_some_and(|a| !a.is_empty()));
    for args in [
        vec!["classify", with_graph.as_str(), "--atlas", &atlas],
        vec!["compare", ids[0].as_str(), ids[1].as_str(), "--atlas", &atlas],
        vec!["export", "graphml", with_graph.as_str(), "--atlas", &atlas],
        vec!["export", "dot", with_graph.as_str(), "--atlas", &atlas],
        vec!["export", "csv", "--atlas", &atlas],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(!r.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn synthetic_atlases_validate_against_the_schema() {
    let dir = scratch("synth-schema");
    let r = run(&["synth", "--towns", "300", "--actors-per-town", "8", "--seed", "11", "--out", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let doc: Value = serde_json::from_slice(&std::fs::read(dir.join("atlas.json")).unwrap()).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&doc).take(5).map(|e| format!("{e} at {}", e.instance_path)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // And the crate's own re-export of it.
    let atlas = dir.join("atlas.json");
    let exported = run(&["export", "json", "--atlas", atlas.to_str().unwrap()]);
    assert!(validator.is_valid(&serde_json::from_str::<Value>(&exported.stdout).unwrap()));
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let dir = scratch("broken-pipe");
    let r = run(&["synth", "--towns", "3000", "--actors-per-town", "4", "--out", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut child = Command::new(env!("CARGO_BIN_EXE_regdev"))
        .args(["export", "json", "--atlas", dir.join("atlas.json").to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

// ------------------------------------------------------------ format 2
#[test]
fn export_validate_reexport_is_byte_identical() {
    let dir = scratch("format2-roundtrip");
    let first = builtin_json();
    assert!(first.contains("\"format_version\": 2"), "export writes format 2");
    let file = write(&dir, "atlas.json", first.as_bytes());
    let v = run(&["validate", &file]);
    assert_eq!(v.code, 0, "{}", v.stderr);
    let again = run(&["export", "json", "--atlas", &file]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stdout, first, "re-export differs");
    // A format-1 file validates and is written as format 2.
    let v1 = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/builtin-v1.json");
    let r = run(&["validate", v1]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let upgraded = run(&["export", "json", "--atlas", v1]);
    assert_eq!(upgraded.code, 0, "{}", upgraded.stderr);
    assert!(upgraded.stdout.contains("\"format_version\": 2"));
}
