//! Every bad input is a typed error that names the culprit.
//!
//! Each case mutates one thing in `data/builtin.json` (or in a small
//! hand-written document) and loads the result through the atlas's
//! deserialization doors, in JSON and in TOML:
//!
//! - JSON: [`Atlas::from_json_str`] (first error) and
//!   [`Atlas::document_from_json`] + [`Atlas::validate_document`] (every
//!   error);
//! - TOML: `toml::from_str::<AtlasDocument>` + [`Atlas::from_document`].
//!
//! Every case also checks that the unmutated document loads, so the
//! mutation is the only difference and removing the check makes the test
//! fail.
//!
//! # Where each rule is checked
//!
//! - **Values** (malformed text, wrong types, missing and unknown fields,
//!   unknown enum values, NaN/infinite/negative measures, bad ids, years
//!   outside the plausible range, reversed periods, exchange rates ≤ 0,
//!   trajectory stage order) are checked by the types' constructors while
//!   deserializing. JSON reports them as [`Error::Parse`] with
//!   `format: "JSON"`, the field path, the line and column, and the
//!   constructor's message; TOML reports them as `toml::de::Error` whose
//!   `message()` is the same text. JSON cannot express NaN or infinities
//!   (`NaN` is a syntax error, `1e999` is out of range), so those cases are
//!   in TOML, which can (`nan`, `inf`).
//! - **Cross-record rules** (`format_version`, duplicate ids, dangling
//!   references, self-linkage, parent cycles, a graph for a town that does
//!   not exist) are checked by validation, after deserialization, and come
//!   back as typed variants ([`Error::UnsupportedFormatVersion`],
//!   [`Error::DuplicateId`], [`Error::UnknownReference`],
//!   [`Error::SelfLinkage`], [`Error::ParentCycle`]) identically from every
//!   format. A graph's own errors are wrapped in
//!   `Error::Context { context: "graph of town 'x'", .. }`.
//!
//! # Not applicable
//!
//! No record refers to an archetype by id (a town's `model` is a
//! [`regdev::RegionalModel`], not an archetype id), so there is no dangling
//! archetype reference to test; an archetype's own dangling *source* is.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use regdev::IdKind;
use regdev::{AdminLevel, Atlas, AtlasDocument, Error};
use serde_json::{Value, json};

// ---------------------------------------------------------------- helpers

fn builtin() -> Value {
    serde_json::from_str(include_str!("../data/builtin.json")).unwrap()
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

/// TOML has no null: drop null members before serializing.
fn strip_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), strip_nulls(v))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

fn to_toml(v: &Value) -> String {
    toml::to_string(&strip_nulls(v)).unwrap()
}

/// Loads `v` through every door and requires success: the baseline that
/// makes each mutation the only difference.
fn assert_loads(v: &Value) {
    let text = pretty(v);
    Atlas::from_json_str(&text).unwrap_or_else(|e| panic!("baseline fails in JSON: {e}"));
    Atlas::validate_document(Atlas::document_from_json(text.as_bytes()).unwrap())
        .unwrap_or_else(|es| panic!("baseline fails in JSON (collect-all): {es:?}"));
    let doc: AtlasDocument = toml::from_str(&to_toml(v)).unwrap_or_else(|e| panic!("baseline fails in TOML: {e}"));
    Atlas::from_document(doc).unwrap_or_else(|e| panic!("baseline fails in TOML: {e}"));
}

/// Sets the member at a JSON pointer, creating the last key if needed.
fn set(v: &mut Value, ptr: &str, new: Value) {
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}")) {
        Value::Object(m) => {
            m.insert(key.to_owned(), new);
        }
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = new,
        _ => panic!("{parent} is a scalar"),
    }
}

/// The built-in document with `ptr` set to `new`, after checking that the
/// unmutated document loads.
fn builtin_with(ptr: &str, new: Value) -> Value {
    let mut v = builtin();
    assert_loads(&v);
    set(&mut v, ptr, new);
    v
}

/// The built-in document with the last element of the array at `ptr`
/// appended again.
fn builtin_with_repeated_last(ptr: &str) -> Value {
    let mut v = builtin();
    assert_loads(&v);
    let a = v.pointer_mut(ptr).unwrap().as_array_mut().unwrap();
    let last = a.last().unwrap().clone();
    a.push(last);
    v
}

/// A value-level case: JSON gives `Error::Parse` at `path` with `message`
/// (first-error and collect-all alike), TOML gives the same message.
fn assert_parse_error(v: &Value, path: &str, message: &str) {
    let text = pretty(v);
    let first = Atlas::from_json_str(&text).unwrap_err();
    let doc = Atlas::document_from_json(text.as_bytes()).unwrap_err();
    assert_eq!(first, doc, "from_json_str and document_from_json disagree");
    let Error::Parse { format: "JSON", path: Some(p), line: Some(line), column: Some(column), message: m } = &first
    else {
        panic!("expected a JSON parse error with path and position, got {first:?}");
    };
    assert_eq!((p.as_str(), m.as_str()), (path, message));
    assert_eq!(first.to_string(), format!("JSON error at {path} (line {line}, column {column}): {message}"));
    assert_toml_error(&to_toml(v), message);
}

fn assert_toml_error(toml_text: &str, message: &str) {
    let err = toml::from_str::<AtlasDocument>(toml_text).unwrap_err();
    assert_eq!(err.message(), message, "TOML error: {err}");
    assert!(err.span().is_some(), "TOML error without a span: {err}");
}

/// A cross-record case: the first error in JSON and TOML is `expected`
/// (displayed as `display`), and collect-all reports exactly `all`.
fn assert_invalid_all(v: &Value, expected: &Error, display: &str, all: &[Error]) {
    let text = pretty(v);
    let first = Atlas::from_json_str(&text).unwrap_err();
    assert_eq!(&first, expected);
    assert_eq!(first.to_string(), display);
    let errors = Atlas::validate_document(Atlas::document_from_json(text.as_bytes()).unwrap()).unwrap_err();
    assert_eq!(errors, all);
    let doc: AtlasDocument = toml::from_str(&to_toml(v)).unwrap();
    assert_eq!(&Atlas::from_document(doc).unwrap_err(), expected, "TOML");
}

fn assert_invalid(v: &Value, expected: &Error, display: &str) {
    assert_invalid_all(v, expected, display, std::slice::from_ref(expected));
}

fn unknown(kind: IdKind, id: &str, referrer: &str) -> Error {
    Error::UnknownReference { kind, id: id.to_owned(), referrer: referrer.to_owned() }
}

fn in_graph(town: &str, e: Error) -> Error {
    e.context(format!("graph of town '{town}'"))
}

/// TOML text for `v` with the number `sentinel` replaced by `literal`, for
/// values JSON cannot express (`nan`, `inf`).
fn toml_with_literal(v: &Value, sentinel: &str, literal: &str) -> String {
    let text = to_toml(v);
    assert_eq!(text.matches(sentinel).count(), 1, "sentinel {sentinel} must occur once");
    text.replace(sentinel, literal)
}

// ------------------------------------------------------------- baseline

#[test]
fn builtin_document_loads_through_every_door() {
    assert_loads(&builtin());
}

// --------------------------------------------------------- malformed text

#[test]
fn malformed_json_keeps_line_and_column() {
    // (input, path, line, column, message)
    type Case = (&'static [u8], Option<&'static str>, usize, usize, &'static str);
    let cases: &[Case] = &[
        (b"{\"format_version\": 1,\n \"towns\": [}", Some("towns[0]"), 2, 12, "expected value"),
        (b"{\"format_version\": 1,\n\n  \"towns\": [],\n}", None, 4, 1, "trailing comma"),
        (b"{\"format_version\": 1", None, 1, 20, "EOF while parsing an object"),
        (b"", None, 1, 0, "EOF while parsing a value"),
        (b"{\"format_version\": 1}\n{}", None, 2, 1, "trailing characters"),
        (
            b"{\"format_version\": 1, \"towns\": [{\"id\": \"a\xff\"}]}",
            Some("towns[0].id"),
            1,
            42,
            "invalid unicode code point",
        ),
    ];
    for &(input, path, line, column, message) in cases {
        let err = Atlas::from_json_slice(input).unwrap_err();
        let expected = Error::Parse {
            format: "JSON",
            path: path.map(str::to_owned),
            line: Some(line),
            column: Some(column),
            message: message.to_owned(),
        };
        assert_eq!(err, expected, "input {:?}", String::from_utf8_lossy(input));
        let at = path.map(|p| format!(" at {p}")).unwrap_or_default();
        assert_eq!(err.to_string(), format!("JSON error{at} (line {line}, column {column}): {message}"));
    }
}

#[test]
fn malformed_toml_is_an_error_with_position() {
    assert!(toml::from_str::<AtlasDocument>("format_version = 1").is_ok());
    let err = toml::from_str::<AtlasDocument>("format_version = 1\ntowns = [").unwrap_err();
    assert_eq!(err.message(), "invalid array\nexpected `]`");
    assert_eq!(err.span(), Some(28..28));
}

// ----------------------------------------------------------- shape errors

#[test]
fn wrong_type() {
    assert_parse_error(
        &builtin_with("/towns/2/key_facts/area/0/value", json!("927")),
        "towns[2].key_facts.area[0].value",
        "invalid type: string \"927\", expected a number, or money as {amount, currency}",
    );
    assert_parse_error(&builtin_with("/towns", json!({})), "towns", "invalid type: map, expected a sequence");
    assert_parse_error(
        &builtin_with("/format_version", json!("1")),
        "format_version",
        "invalid type: string \"1\", expected u32",
    );
}

#[test]
fn missing_required_field() {
    let mut v = builtin();
    assert_loads(&v);
    v["towns"][2].as_object_mut().unwrap().remove("level");
    assert_parse_error(&v, "towns[2]", "missing field `level`");

    let mut v = builtin();
    v["graphs"][0]["linkages"][0].as_object_mut().unwrap().remove("source");
    assert_parse_error(&v, "graphs[0].linkages[0]", "missing field `source`");

    let mut v = builtin();
    v.as_object_mut().unwrap().remove("format_version");
    let err = Atlas::from_json_str(&pretty(&v)).unwrap_err();
    assert!(
        matches!(&err, Error::Parse { path: None, line: Some(_), message, .. } if message == "missing field `format_version`")
    );
    assert_toml_error(&to_toml(&v), "missing field `format_version`");
}

#[test]
fn unknown_field() {
    assert_parse_error(
        &builtin_with("/towns/2/colour", json!("red")),
        "towns[2].colour",
        "unknown field `colour`, expected one of `id`, `name`, `level`, `parent`, `province`, `statistical_code`, \
         `model`, `key_facts`, `specialisations`, `zones`, `advantages`, `profile`, `profile_sources`, \
         `profile_claims`, `trajectory`, `notes`",
    );
    assert_parse_error(
        &builtin_with("/colour", json!("red")),
        "colour",
        "unknown field `colour`, expected one of `format_version`, `sources`, `exchange_rates`, `archetypes`, \
         `towns`, `graphs`",
    );
}

#[test]
fn unknown_enum_value() {
    assert_parse_error(
        &builtin_with("/towns/2/level", json!("metropolis")),
        "towns[2].level",
        "unknown variant `metropolis`, expected one of `province`, `prefecture_level_city`, `county_level_city`, \
         `district`, `county`, `town`, `township`, `subdistrict`, `village`, `development_zone`",
    );
    assert_parse_error(
        &builtin_with("/towns/2/key_facts/gdp/0/value/currency", json!("gbp")),
        "towns[2].key_facts.gdp[0].value.currency",
        "unknown variant `gbp`, expected one of `cny`, `usd`, `hkd`, `twd`, `eur`",
    );
}

#[test]
fn unknown_format_version() {
    let expected = Error::UnsupportedFormatVersion { found: 3, supported: 2 };
    assert_invalid(
        &builtin_with("/format_version", json!(3)),
        &expected,
        "unsupported format_version 3, this version of regdev reads 1 to 2",
    );
    // Nothing else is checked then, even in a document full of errors.
    let mut v = builtin_with("/format_version", json!(0));
    set(&mut v, "/towns/2/parent", json!("nowhere"));
    let errors = Atlas::validate_document(Atlas::document_from_json(pretty(&v).as_bytes()).unwrap()).unwrap_err();
    assert_eq!(errors, [Error::UnsupportedFormatVersion { found: 0, supported: 2 }]);
}

// ------------------------------------------------------------ bad numbers

#[test]
fn negative_area_population_money() {
    for (ptr, path, message) in [
        ("/towns/2/key_facts/area/0/value", "towns[2].key_facts.area[0].value", "area must not be negative, got -1.5"),
        (
            "/towns/2/key_facts/population/0/value",
            "towns[2].key_facts.population[0].value",
            "population must not be negative, got -5",
        ),
        (
            "/towns/2/key_facts/gdp/0/value/amount",
            "towns[2].key_facts.gdp[0].value",
            "money amount must not be negative, got -2",
        ),
        (
            "/towns/2/key_facts/gdp_per_capita/0/value/amount",
            "towns[2].key_facts.gdp_per_capita[0].value",
            "money amount must not be negative, got -2",
        ),
    ] {
        let new = if ptr.ends_with("population/0/value") {
            json!(-5)
        } else if ptr.ends_with("area/0/value") {
            json!(-1.5)
        } else {
            json!(-2.0)
        };
        assert_parse_error(&builtin_with(ptr, new), path, message);
    }
    // A population must be whole.
    assert_parse_error(
        &builtin_with("/towns/2/key_facts/population/0/value", json!(1.5)),
        "towns[2].key_facts.population[0].value",
        "population must be a whole number of persons up to 18446744073709551615, got 1.5",
    );
}

#[test]
fn nan_and_infinite_area_population_money_in_toml() {
    for (ptr, message_word) in [
        ("/towns/2/key_facts/area/0/value", "area"),
        ("/towns/2/key_facts/population/0/value", "population"),
        ("/towns/2/key_facts/gdp/0/value/amount", "money amount"),
    ] {
        // A whole number, so that it is also a valid population.
        let v = builtin_with(ptr, json!(123_456.0));
        for (literal, shown) in [("nan", "NaN"), ("inf", "inf"), ("-inf", "-inf"), ("+inf", "inf")] {
            let text = toml_with_literal(&v, "123456.0", literal);
            assert_toml_error(&text, &format!("{message_word} must be a finite number, got {shown}"));
        }
        // The sentinel itself loads, so the literal is the only difference.
        let doc: AtlasDocument = toml::from_str(&to_toml(&v)).unwrap();
        Atlas::from_document(doc).unwrap();
    }
}

#[test]
fn json_cannot_express_nan_or_infinity() {
    let v = builtin_with("/towns/2/key_facts/area/0/value", json!(123_456.5));
    let text = pretty(&v);
    for (literal, message) in
        [("NaN", "expected value"), ("1e999", "number out of range"), ("-1e999", "number out of range")]
    {
        let err = Atlas::from_json_str(&text.replace("123456.5", literal)).unwrap_err();
        assert!(matches!(&err, Error::Parse { line: Some(_), message: m, .. } if m == message), "{literal}: {err:?}");
    }
}

#[test]
fn exchange_rate_not_above_zero() {
    for (rate, shown) in [(json!(0.0), "0"), (json!(-6.2), "-6.2")] {
        assert_parse_error(
            &builtin_with("/exchange_rates/0/rate", rate),
            "exchange_rates[0]",
            &format!("exchange rate must be a finite number greater than zero, got {shown}"),
        );
    }
    let v = builtin_with("/exchange_rates/0/rate", json!(123_456.5));
    for (literal, shown) in [("nan", "NaN"), ("inf", "inf")] {
        assert_toml_error(
            &toml_with_literal(&v, "123456.5", literal),
            &format!("exchange rate must be a finite number greater than zero, got {shown}"),
        );
    }
}

#[test]
fn year_outside_plausible_range() {
    for (ptr, path, year) in [
        ("/towns/2/zones/0/approved", "towns[2].zones[0].approved", 20013),
        ("/exchange_rates/0/year", "exchange_rates[0].year", 1700),
        ("/sources/1/year", "sources[1].year", 2101),
        ("/graphs/0/linkages/0/since", "graphs[0].linkages[0].since", 1799),
        ("/towns/2/trajectory/0/period", "towns[2].trajectory[0].period.start", -5),
    ] {
        let new = if ptr.ends_with("period") { json!({ "start": year }) } else { json!(year) };
        assert_parse_error(
            &builtin_with(ptr, new),
            path,
            &format!("year {year} is outside the plausible range 1800..=2100"),
        );
    }
}

// -------------------------------------------------------------------- ids

#[test]
fn empty_or_malformed_id() {
    for (ptr, path, id, message) in [
        ("/towns/2/id", "towns[2].id", "", "invalid town id \"\": an id must not be empty"),
        (
            "/towns/2/id",
            "towns[2].id",
            "Kun Shan",
            "invalid town id \"Kun Shan\": character 'K' at byte 0 is not a lowercase ASCII letter, digit or '-'",
        ),
        (
            "/towns/3/parent",
            "towns[3].parent",
            "kun_shan",
            "invalid town id \"kun_shan\": character '_' at byte 3 is not a lowercase ASCII letter, digit or '-'",
        ),
        ("/sources/0/id", "sources[0].id", "", "invalid source id \"\": an id must not be empty"),
        (
            "/towns/2/key_facts/area/0/source",
            "towns[2].key_facts.area[0].source",
            "qiao talk",
            "invalid source id \"qiao talk\": character ' ' at byte 4 is not a lowercase ASCII letter, digit or '-'",
        ),
        (
            "/archetypes/0/id",
            "archetypes[0].id",
            "Sunan",
            "invalid archetype id \"Sunan\": character 'S' at byte 0 is not a lowercase ASCII letter, digit or '-'",
        ),
        ("/graphs/0/actors/0/id", "graphs[0].actors[0].id", "", "invalid actor id \"\": an id must not be empty"),
        (
            "/graphs/0/linkages/0/to",
            "graphs[0].linkages[0].to",
            "ketdz!",
            "invalid actor id \"ketdz!\": character '!' at byte 5 is not a lowercase ASCII letter, digit or '-'",
        ),
        ("/graphs/0/focal_town", "graphs[0].focal_town", "", "invalid town id \"\": an id must not be empty"),
    ] {
        assert_parse_error(&builtin_with(ptr, json!(id)), path, message);
    }
    let long = "a".repeat(65);
    assert_parse_error(
        &builtin_with("/towns/2/id", json!(long)),
        "towns[2].id",
        &format!("invalid town id \"{long}\": an id must be at most 64 characters, this one has 65"),
    );
}

#[test]
fn duplicate_ids() {
    let dup = |kind, id: &str| Error::DuplicateId { kind, id: id.to_owned() };
    assert_invalid(&builtin_with_repeated_last("/towns"), &dup(IdKind::Town, "liushi"), "duplicate town id 'liushi'");
    assert_invalid(
        &builtin_with_repeated_last("/sources"),
        &dup(IdKind::Source, "yybnet-2014-yueqing"),
        "duplicate source id 'yybnet-2014-yueqing'",
    );
    assert_invalid(
        &builtin_with_repeated_last("/archetypes"),
        &dup(IdKind::Archetype, "wenzhou"),
        "duplicate archetype id 'wenzhou'",
    );
    assert_invalid(
        &builtin_with_repeated_last("/graphs/0/actors"),
        &in_graph("kunshan", dup(IdKind::Actor, "overseas-chinese-talent")),
        "graph of town 'kunshan': duplicate actor id 'overseas-chinese-talent'",
    );
}

// ------------------------------------------------------------- references

#[test]
fn dangling_parent() {
    assert_invalid(
        &builtin_with("/towns/2/parent", json!("nowhere")),
        &unknown(IdKind::Town, "nowhere", "town 'kunshan', field 'parent'"),
        "town 'kunshan', field 'parent' refers to unknown town 'nowhere'",
    );
}

#[test]
fn dangling_focal_town() {
    assert_invalid(
        &builtin_with("/graphs/0/focal_town", json!("atlantis")),
        &unknown(IdKind::Town, "atlantis", "linkage graph, field 'focal_town'"),
        "linkage graph, field 'focal_town' refers to unknown town 'atlantis'",
    );
}

#[test]
fn linkage_graph_for_a_town_that_does_not_exist() {
    let mut v = builtin();
    assert_loads(&v);
    let graph = json!({
        "focal_town": "atlantis",
        "actors": [{"id": "poseidon", "name": "Poseidon", "kind": "place", "source": "qiao-talk"}],
    });
    v["graphs"].as_array_mut().unwrap().push(graph);
    assert_invalid(
        &v,
        &unknown(IdKind::Town, "atlantis", "linkage graph, field 'focal_town'"),
        "linkage graph, field 'focal_town' refers to unknown town 'atlantis'",
    );
}

#[test]
fn dangling_source() {
    for (ptr, referrer) in [
        ("/towns/2/key_facts/area/0/source", "town 'kunshan', field 'key_facts.area[0]'"),
        ("/towns/2/trajectory/1/source", "town 'kunshan', field 'trajectory[1]'"),
        ("/exchange_rates/0/source", "exchange rate 2013 USD/CNY"),
        ("/archetypes/0/profile_sources/dynamics", "archetype 'sunan', field 'profile_sources.dynamics'"),
        ("/graphs/0/actors/1/source", "graph of town 'kunshan', actor 'taiwanese-investors'"),
        ("/graphs/0/linkages/0/source", "graph of town 'kunshan', linkage 'kunshan-government' -> 'ketdz'"),
    ] {
        assert_invalid(
            &builtin_with(ptr, json!("no-such-source")),
            &unknown(IdKind::Source, "no-such-source", referrer),
            &format!("{referrer} refers to unknown source 'no-such-source'"),
        );
    }
}

#[test]
fn dangling_linkage_endpoint() {
    for (end, referrer) in [("to", "linkage 'kunshan-government' -> 'ghost'"), ("from", "linkage 'ghost' -> 'ketdz'")] {
        let e = in_graph("kunshan", unknown(IdKind::Actor, "ghost", referrer));
        assert_invalid(
            &builtin_with(&format!("/graphs/0/linkages/0/{end}"), json!("ghost")),
            &e,
            &format!("graph of town 'kunshan': {referrer} refers to unknown actor 'ghost'"),
        );
        assert!(matches!(e.root(), Error::UnknownReference { kind: IdKind::Actor, .. }));
    }
}

#[test]
fn self_linkage() {
    let e = in_graph("kunshan", Error::SelfLinkage { actor: "kunshan-government".to_owned() });
    assert_invalid(
        &builtin_with("/graphs/0/linkages/0/to", json!("kunshan-government")),
        &e,
        "graph of town 'kunshan': linkage from actor 'kunshan-government' to itself is not allowed",
    );
    assert!(matches!(e.root(), Error::SelfLinkage { actor } if actor == "kunshan-government"));
}

#[test]
fn parent_cycle() {
    // Every cycle also breaks the tier rule; the cycle is reported first.
    let cycle = Error::ParentCycle { cycle: vec!["suzhou".into(), "kunshan".into(), "suzhou".into()] };
    let tier = Error::ParentTier {
        town: "suzhou".into(),
        level: AdminLevel::PrefectureLevelCity,
        parent: "kunshan".into(),
        parent_level: AdminLevel::CountyLevelCity,
    };
    assert_invalid_all(
        &builtin_with("/towns/0/parent", json!("kunshan")),
        &cycle,
        "parent cycle: suzhou -> kunshan -> suzhou",
        &[cycle.clone(), tier],
    );
    // A town that is its own parent.
    let own = Error::ParentCycle { cycle: vec!["kunshan".into(), "kunshan".into()] };
    let tier = Error::ParentTier {
        town: "kunshan".into(),
        level: AdminLevel::CountyLevelCity,
        parent: "kunshan".into(),
        parent_level: AdminLevel::CountyLevelCity,
    };
    assert_invalid_all(
        &builtin_with("/towns/2/parent", json!("kunshan")),
        &own,
        "parent cycle: kunshan -> kunshan",
        &[own.clone(), tier],
    );
}

#[test]
fn parent_cycle_reported_once_per_cycle() {
    // Two towns hanging off a three-town cycle: one error, listing the
    // cycle from the first town met.
    let town =
        |id: &str, parent: &str| json!({"id": id, "name": {"english": id}, "level": "village", "parent": parent});
    let v = json!({"format_version": 1, "towns": [
        town("tail", "a"), town("a", "b"), town("b", "c"), town("c", "a"), town("tail2", "b"),
    ]});
    let errors = Atlas::validate_document(Atlas::document_from_json(pretty(&v).as_bytes()).unwrap()).unwrap_err();
    let cycles: Vec<&Error> = errors.iter().filter(|e| matches!(e, Error::ParentCycle { .. })).collect();
    assert_eq!(cycles, [&Error::ParentCycle { cycle: vec!["a".into(), "b".into(), "c".into(), "a".into()] }]);
}

// ------------------------------------------------------------- trajectory

fn stage(name: &str, start: i64, end: Option<i64>) -> Value {
    let period = match end {
        Some(e) => json!({"start": start, "end": e}),
        None => json!({"start": start}),
    };
    json!({"name": name, "period": period, "source": "qiao-talk"})
}

#[test]
fn trajectory_stages_out_of_order() {
    // Ordered stages load, touching or overlapping (parallel strands).
    assert_loads(&builtin_with("/towns/2/trajectory", json!([stage("a", 1978, Some(1990)), stage("b", 1990, None)])));
    assert_loads(&builtin_with("/towns/2/trajectory", json!([stage("a", 1980, Some(1995)), stage("b", 1990, None)])));
    assert_loads(&builtin_with("/towns/2/trajectory", json!([stage("a", 1980, None), stage("b", 1990, None)])));
    for (stages, message) in [
        (
            json!([stage("a", 1990, None), stage("b", 1980, None)]),
            "trajectory stage 1 (\"b\") starts in 1980, before the previous stage \"a\" starts in 1990",
        ),
        (
            json!([stage("a", 1980, Some(1995)), stage("b", 1979, Some(1981))]),
            "trajectory stage 1 (\"b\") starts in 1979, before the previous stage \"a\" starts in 1980",
        ),
    ] {
        assert_parse_error(&builtin_with("/towns/2/trajectory", stages), "towns[2].trajectory", message);
    }
}

#[test]
fn period_ending_before_it_starts() {
    assert_parse_error(
        &builtin_with("/towns/2/trajectory", json!([stage("a", 2000, Some(1990))])),
        "towns[2].trajectory[0].period",
        "period ends in 1990 before it starts in 2000",
    );
    assert_parse_error(
        &builtin_with("/towns/2/statistical_code/valid", json!({"start": 2020, "end": 2017})),
        "towns[2].statistical_code.valid",
        "period ends in 2017 before it starts in 2020",
    );
}

// ------------------------------------------------------------ collect-all

#[test]
fn collect_all_reports_every_cross_record_error_in_documented_order() {
    let mut v = builtin_with_repeated_last("/towns");
    set(&mut v, "/towns/2/parent", json!("nowhere"));
    set(&mut v, "/graphs/0/linkages/0/to", json!("kunshan-government"));
    set(&mut v, "/exchange_rates/0/source", json!("no-such-source"));
    let errors = Atlas::validate_document(Atlas::document_from_json(pretty(&v).as_bytes()).unwrap()).unwrap_err();
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "graph of town 'kunshan': linkage from actor 'kunshan-government' to itself is not allowed",
            "duplicate town id 'liushi'",
            "exchange rate 2013 USD/CNY refers to unknown source 'no-such-source'",
            "town 'kunshan', field 'parent' refers to unknown town 'nowhere'",
        ]
    );
    // The first-error doors agree with the head of the list.
    assert_eq!(Atlas::from_json_str(&pretty(&v)).unwrap_err(), errors[0]);
}

/// A place name shared while a document loads is never taken for a checked
/// id: a source id spelt like a place read just before it (`Hong Kong`,
/// not a valid id) is rejected exactly as it is without that place.
#[test]
fn a_place_read_earlier_does_not_let_an_invalid_id_through() {
    let bad = "Hong Kong";
    let town = builtin()["towns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|t| t["profile_sources"].get("institutional_borrowing").is_some())
        .expect("a built-in town borrows institutions from places");
    let sources = format!("/towns/{town}/profile_sources/institutional_borrowing");
    let without_place = builtin_with(&sources, json!(bad));
    let expected = Atlas::from_json_str(&pretty(&without_place)).expect_err("an invalid source id must be rejected");
    assert!(expected.to_string().contains("invalid source id"), "{expected}");

    let mut with_place = without_place.clone();
    set(&mut with_place, &format!("/towns/{town}/profile/institutional_borrowing"), json!([bad]));
    let found = Atlas::from_json_str(&pretty(&with_place)).expect_err("still rejected after the place");
    assert_eq!(found.to_string(), expected.to_string());
}
