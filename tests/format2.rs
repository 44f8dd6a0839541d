//! Atlas format 2 (issue 10): observations, selection, bad input for the
//! new fields, the format-1 → format-2 migration, TOML with typed errors,
//! and the error-path fixes (truncated JSON, duplicate town ids).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use regdev::IdKind;
use regdev::{
    AdminLevel, Area, Atlas, Currency, Error, Indicator, KeyFacts, Money, Name, Observation, ObservationKind, Observed,
    Population, Qualifier, Selection, Share, SourceId, Town, TownId, Unit, Year,
};
use serde_json::{Value, json};

fn s() -> SourceId {
    SourceId::new("s").unwrap()
}

fn y(year: i64) -> Year {
    Year::new(year).unwrap()
}

/// A one-town format-2 document with `facts` as the town's key facts.
fn doc_with_facts(facts: Value) -> String {
    json!({
        "format_version": 2,
        "sources": [{"id": "s", "kind": "book", "title": "T"}],
        "towns": [{"id": "t", "name": {"english": "T"}, "level": "town", "key_facts": facts}]
    })
    .to_string()
}

/// The JSON parse error's path and message.
fn parse_error(json: &str) -> (String, String) {
    match Atlas::from_json_str(json).unwrap_err() {
        Error::Parse { format: "JSON", path, message, .. } => (path.unwrap_or_default(), message),
        other => panic!("expected a parse error, got {other:?}"),
    }
}

// ------------------------------------------------------------ bad input

#[test]
fn wrong_unit_is_a_typed_error_naming_the_field() {
    // Through the API: the typed variant.
    let err = Observation::new(Indicator::Exports, Population::new(5), s()).unwrap_err();
    assert_eq!(err, Error::WrongUnit { indicator: Indicator::Exports, expected: Unit::Money, found: "persons" });
    assert_eq!(err.to_string(), "exports is measured in money, got persons");
    let err = Observation::new(Indicator::Population, Money::new(1.0, Currency::Cny).unwrap(), s()).unwrap_err();
    assert_eq!(err.to_string(), "population is measured in persons, got money");
    // Through JSON: the field path down to the value.
    assert_eq!(
        parse_error(&doc_with_facts(json!({"exports": [{"value": 5, "source": "s"}]}))),
        (
            "towns[0].key_facts.exports[0].value".to_owned(),
            "exports is measured in money, got a plain number".to_owned()
        )
    );
    assert_eq!(
        parse_error(&doc_with_facts(json!({"area": [{"value": {"amount": 1, "currency": "cny"}, "source": "s"}]}))),
        ("towns[0].key_facts.area[0].value".to_owned(), "area is measured in km², got money".to_owned())
    );
    assert_eq!(
        parse_error(&doc_with_facts(json!({"firms": [{"value": 1.5, "source": "s"}]}))),
        (
            "towns[0].key_facts.firms[0].value".to_owned(),
            "count must be a whole number of firms up to 18446744073709551615, got 1.5".to_owned()
        )
    );
}

#[test]
fn shares_must_lie_between_0_and_1() {
    assert_eq!(Share::new(-0.1).unwrap_err(), Error::ShareOutOfRange { quantity: "share", value: -0.1 });
    assert_eq!(Share::new(1.5).unwrap_err().to_string(), "share must be between 0 and 1, got 1.5");
    for (value, message) in [
        (json!(-0.25), "share must be between 0 and 1, got -0.25"),
        (json!(1.5), "share must be between 0 and 1, got 1.5"),
    ] {
        let facts = json!({"market_share": [{"value": value, "kind": "world", "source": "s"}]});
        assert_eq!(
            parse_error(&doc_with_facts(facts)),
            ("towns[0].key_facts.market_share[0].value".to_owned(), message.to_owned())
        );
    }
    let ok = doc_with_facts(
        json!({"market_share": [{"value": 1, "kind": "national", "product": "buttons", "source": "s"}]}),
    );
    assert!(Atlas::from_json_str(&ok).is_ok());
}

#[test]
fn unknown_indicator_is_named() {
    let (path, message) = parse_error(&doc_with_facts(json!({"gdp_growth": [{"value": 1, "source": "s"}]})));
    assert_eq!(path, "towns[0].key_facts");
    assert_eq!(
        message,
        "unknown indicator \"gdp_growth\", expected one of: area, population, gdp, gdp_per_capita, industrial_output, \
         exports, utilised_fdi, firms, product_sales, market_share"
    );
    assert!(matches!("gdp_growth".parse::<Indicator>(), Err(Error::UnknownVariant { kind: "indicator", .. })));
}

#[test]
fn indicators_in_any_order_group_by_indicator_and_keep_each_list_in_order() {
    let doc = |facts: &str| {
        format!(
            r#"{{"format_version": 2, "sources": [{{"id": "s", "kind": "book", "title": "T"}}],
               "towns": [{{"id": "t", "name": {{"english": "T"}}, "level": "town", "key_facts": {facts}}}]}}"#
        )
    };
    let pop = r#""population": [{"value": 3, "year": 2012, "source": "s"}, {"value": 1, "year": 2010, "source": "s"}]"#;
    let gdp = r#""gdp": [{"value": {"amount": 5, "currency": "cny"}, "source": "s"}]"#;
    let area = r#""area": [{"value": 2, "source": "s"}]"#;
    let ordered = Atlas::from_json_str(&doc(&format!("{{{area}, {pop}, {gdp}}}"))).unwrap();
    let shuffled = Atlas::from_json_str(&doc(&format!("{{{gdp}, {pop}, {area}}}"))).unwrap();
    let facts = ordered.town("t").unwrap().key_facts();
    assert_eq!(facts, shuffled.town("t").unwrap().key_facts());
    let order: Vec<_> = facts.observations().iter().map(|o| (o.indicator(), o.year().map(Year::get))).collect();
    assert_eq!(
        order,
        [
            (Indicator::Area, None),
            (Indicator::Population, Some(2012)),
            (Indicator::Population, Some(2010)),
            (Indicator::Gdp, None)
        ]
    );
    // An unknown field of an observation is named, with the expected ones.
    let (path, message) = parse_error(&doc(r#"{"area": [{"value": 2, "source": "s", "colour": "red"}]}"#));
    assert_eq!(path, "towns[0].key_facts.area[0]");
    assert_eq!(
        message,
        "unknown field `colour`, expected one of `value`, `kind`, `qualifier`, `year`, `period`, `product`, `source`"
    );
}

#[test]
fn kinds_products_and_dates_are_checked() {
    assert_eq!(
        parse_error(&doc_with_facts(json!({"area": [{"value": 1, "kind": "migrant", "source": "s"}]}))),
        (
            "towns[0].key_facts.area[0].kind".to_owned(),
            "kind 'migrant' does not apply to area, expected one of: total, land, built_up".to_owned()
        )
    );
    assert_eq!(
        parse_error(&doc_with_facts(
            json!({"gdp": [{"value": {"amount": 1, "currency": "cny"}, "kind": "world", "source": "s"}]})
        )),
        (
            "towns[0].key_facts.gdp[0].kind".to_owned(),
            "kind 'world' does not apply to gdp, expected one of: ".to_owned()
        )
    );
    assert_eq!(
        parse_error(&doc_with_facts(json!({"population": [{"value": 1, "product": "x", "source": "s"}]}))),
        (
            "towns[0].key_facts.population[0].product".to_owned(),
            "population takes no product (only product_sales and market_share do)".to_owned()
        )
    );
    assert_eq!(
        parse_error(&doc_with_facts(
            json!({"population": [{"value": 1, "year": 2000, "period": {"start": 2000}, "source": "s"}]})
        )),
        ("towns[0].key_facts.population[0]".to_owned(), "an observation has a year or a period, not both".to_owned())
    );
    assert_eq!(
        parse_error(&doc_with_facts(json!({"population": [{"value": 1, "qualifier": "over", "source": "s"}]}))).0,
        "towns[0].key_facts.population[0].qualifier"
    );
    assert_eq!(
        parse_error(&doc_with_facts(json!({"population": [{"value": 1}]}))),
        ("towns[0].key_facts.population[0]".to_owned(), "missing field `source`".to_owned())
    );
    let err = Observation::firms(3, s()).with_kind(ObservationKind::Land).unwrap_err();
    assert_eq!(
        err.to_string(),
        "kind 'land' does not apply to firms, expected one of: foreign_invested, private, collective, state_owned"
    );
    assert_eq!(
        Observation::firms(3, s()).with_product("x").unwrap_err(),
        Error::ProductNotAllowed { indicator: Indicator::Firms }
    );
}

// -------------------------------------------------------------- selection

#[test]
fn selection_follows_its_documented_rule() {
    let pop = |n, kind: Option<ObservationKind>, year: i64, q: Qualifier| {
        let o = Observation::new(Indicator::Population, Population::new(n), s()).unwrap().with_year(y(year));
        let o = o.with_qualifier(q);
        match kind {
            Some(k) => o.with_kind(k).unwrap(),
            None => o,
        }
    };
    let mut f = KeyFacts::default();
    f.push(pop(100, Some(ObservationKind::Resident), 2000, Qualifier::Exact));
    f.push(pop(150, None, 2010, Qualifier::Approximate));
    f.push(pop(140, Some(ObservationKind::Resident), 2010, Qualifier::Exact));
    f.push(pop(30, Some(ObservationKind::Registered), 2015, Qualifier::Exact));
    f.push(pop(900, Some(ObservationKind::Migrant), 2020, Qualifier::AtLeast));
    let get = |sel: Selection| f.select(Indicator::Population, sel).map(|o| o.value().as_population().unwrap().get());
    // Latest of the headline kind (resident or unstated); exact before
    // approximate in the same year; registered and migrant never mixed in.
    assert_eq!(get(Selection::latest()), Some(140));
    assert_eq!(f.population().map(|p| (p.value().get(), p.year())), Some((140, Some(y(2010)))));
    assert_eq!(get(Selection::as_of(y(2009))), Some(100));
    assert_eq!(get(Selection::as_of(y(1999))), None);
    assert_eq!(get(Selection::in_year(y(2010))), Some(140));
    assert_eq!(get(Selection::in_year(y(2011))), None);
    assert_eq!(get(Selection::latest().kind(ObservationKind::Registered)), Some(30));
    assert_eq!(get(Selection::latest().kind(ObservationKind::Migrant)), Some(900));
    assert_eq!(get(Selection::latest().kind(ObservationKind::Migrant).exact_only()), None);
    // Only approximate values left: exact_only finds none of them.
    let mut g = KeyFacts::default();
    g.push(pop(150, None, 2010, Qualifier::Approximate));
    assert!(g.select(Indicator::Population, Selection::latest().exact_only()).is_none());
    assert!(g.select(Indicator::Population, Selection::latest()).is_some());
    // The series keeps insertion order within an indicator.
    let order: Vec<u64> =
        f.series(Indicator::Population).iter().map(|o| o.value().as_population().unwrap().get()).collect();
    assert_eq!(order, [100, 150, 140, 30, 900]);
}

#[test]
fn query_and_density_use_headline_figures_never_averages() {
    let t = Town::builder(TownId::new("t").unwrap(), Name::new("T").unwrap(), AdminLevel::Town)
        .area(Observed::new(Area::new(10.0).unwrap(), s()))
        .observation(
            Observation::new(Indicator::Population, Population::new(1_000_000), s())
                .unwrap()
                .with_kind(ObservationKind::Migrant)
                .unwrap(),
        )
        .population(Observed::new(Population::new(10_000), s()).with_year(y(2010)))
        .build()
        .unwrap();
    assert_eq!(t.key_facts().density().unwrap().unwrap(), 1000.0);
    let atlas = Atlas::builder()
        .source(regdev::Source::new(s(), regdev::SourceKind::Book, "T").unwrap())
        .town(t)
        .build()
        .unwrap();
    assert_eq!(atlas.query(&regdev::Query::population(..20_000)).count(), 1);
    assert_eq!(atlas.query(&regdev::Query::population(500_000..)).count(), 0);
}

// -------------------------------------------------------------- migration

/// Rewrites a format-2 atlas JSON value as format 1: each key-facts list of
/// one exact observation of unstated kind becomes a single object; empty
/// key facts are written as `{}` as format 1 did. Panics on anything
/// format 1 cannot say.
fn downgrade(mut v: Value) -> Value {
    v["format_version"] = json!(1);
    for t in v["towns"].as_array_mut().into_iter().flatten() {
        let town = t.as_object_mut().unwrap();
        let facts = town.entry("key_facts").or_insert_with(|| json!({}));
        for (indicator, list) in facts.as_object_mut().unwrap() {
            let [one] = list.as_array().unwrap().as_slice() else { panic!("{indicator}: several observations") };
            let keys: Vec<&String> = one.as_object().unwrap().keys().collect();
            assert!(keys.iter().all(|k| ["value", "year", "source"].contains(&k.as_str())), "{indicator}: {keys:?}");
            *list = one.clone();
        }
    }
    v
}

#[test]
fn builtin_v1_fixture_loads_and_upgrades_losslessly() {
    let v1_text = include_str!("fixtures/builtin-v1.json");
    let v1: Value = serde_json::from_str(v1_text).unwrap();
    assert_eq!(v1["format_version"], 1);
    let atlas = Atlas::from_json_str(v1_text).unwrap();
    let v2_text = atlas.to_json_pretty().unwrap();
    let v2: Value = serde_json::from_str(&v2_text).unwrap();
    assert_eq!(v2["format_version"], 2);
    // Nothing lost: format 2, written back in format 1's shape, is the
    // fixture exactly.
    assert_eq!(downgrade(v2.clone()), v1);
    // And format 2 reads back to the same atlas.
    assert_eq!(Atlas::from_json_str(&v2_text).unwrap(), atlas);
    // The talk's Shunde figures survive with year and source.
    let shunde = atlas.town("shunde").unwrap().key_facts();
    let gdp = shunde.gdp().unwrap();
    assert_eq!((gdp.value().amount(), gdp.year(), gdp.source().as_str()), (254e9, Some(y(2013)), "qiao-talk"));
    assert_eq!(shunde.series(Indicator::Population)[0].qualifier(), Qualifier::Exact);
    assert_eq!(shunde.series(Indicator::Population)[0].kind(), None);
}

#[test]
fn export_validate_reexport_is_byte_identical() {
    let first = Atlas::builtin().to_json_pretty().unwrap();
    let again = Atlas::from_json_str(&first).unwrap().to_json_pretty().unwrap();
    assert_eq!(first, again);
    let from_v1 = Atlas::from_json_str(include_str!("fixtures/builtin-v1.json")).unwrap().to_json_pretty().unwrap();
    let from_v1_again = Atlas::from_json_str(&from_v1).unwrap().to_json_pretty().unwrap();
    assert_eq!(from_v1, from_v1_again);
}

// ------------------------------------------------------------------ TOML

#[cfg(feature = "toml")]
#[test]
fn toml_keeps_typed_errors() {
    let toml = Atlas::builtin().to_toml_string().unwrap();
    assert_eq!(&Atlas::from_toml_str(&toml).unwrap(), Atlas::builtin());
    // A validation error stays its typed variant.
    let dangling = "format_version = 2\n[[towns]]\nid = 'a'\nname = { english = 'A' }\nlevel = 'town'\nparent = 'x'\n";
    assert_eq!(
        Atlas::from_toml_str(dangling).unwrap_err(),
        Error::UnknownReference {
            kind: IdKind::Town,
            id: "x".to_owned(),
            referrer: "town 'a', field 'parent'".to_owned()
        }
    );
    // A field error names the path, line and column.
    let bad = "format_version = 2\n[[sources]]\nid = 's'\nkind = 'book'\ntitle = 'T'\n[[towns]]\nid = 't'\n\
               name = { english = 'T' }\nlevel = 'town'\n[[towns.key_facts.market_share]]\nvalue = 1.5\nsource = 's'\n";
    match Atlas::from_toml_str(bad).unwrap_err() {
        Error::Parse { format: "TOML", path, line, message, .. } => {
            assert_eq!(path.as_deref(), Some("towns[0].key_facts.market_share[0].value"));
            assert_eq!(message, "share must be between 0 and 1, got 1.5");
            assert_eq!(line, Some(11));
        }
        other => panic!("expected a TOML parse error, got {other:?}"),
    }
    // Format 1 in TOML loads too.
    let v1 = "format_version = 1\n[[sources]]\nid = 's'\nkind = 'book'\ntitle = 'T'\n[[towns]]\nid = 't'\n\
              name = { english = 'T' }\nlevel = 'town'\n[towns.key_facts.area]\nvalue = 2.5\nsource = 's'\n";
    let atlas = Atlas::from_toml_str(v1).unwrap();
    assert_eq!(atlas.town("t").unwrap().key_facts().area().unwrap().value().km2(), 2.5);
}

// ---------------------------------------------------------------- errors

#[test]
fn truncated_json_does_not_report_a_question_mark_path() {
    let full = Atlas::builtin().to_json_pretty().unwrap();
    for cut in [full.len() / 3, full.len() / 2, full.len() - 2] {
        let err = Atlas::from_json_str(&full[..cut]).unwrap_err();
        let Error::Parse { path, message, .. } = &err else { panic!("{err:?}") };
        assert!(!err.to_string().contains('?'), "{err}");
        assert!(path.as_deref().is_none_or(|p| !p.ends_with('?')), "{path:?}");
        assert!(message.contains("EOF"), "{message}");
    }
    // A document cut inside the first town reports that town.
    let err = Atlas::from_json_str(r#"{"format_version": 2, "towns": [{"id": "a", "#).unwrap_err();
    assert!(matches!(&err, Error::Parse { path: Some(p), .. } if p == "towns[0]"), "{err:?}");
}

#[test]
fn the_format_one_key_fact_shape_is_an_error_under_format_2() {
    let single = json!({"population": [{"value": 5, "source": "s"}], "gdp": {"value": {"amount": 1e9, "currency": "cny"}, "source": "s"}});
    // Under format 2: a typed error naming the town and the field.
    let err = Atlas::from_json_str(&doc_with_facts(single.clone())).unwrap_err();
    assert!(matches!(err.root(), Error::FormatOneShape { field, version: 2 } if field == "key_facts.gdp"), "{err:?}");
    assert_eq!(
        err.to_string(),
        "town 't': field 'key_facts.gdp' is a single observation object (the format-1 shape), but the document declares format_version 2: write a list of observations"
    );
    // The same in TOML.
    #[cfg(feature = "toml")]
    {
        let toml = "format_version = 2\n[[sources]]\nid = 's'\nkind = 'book'\ntitle = 'T'\n[[towns]]\nid = 't'\nname = { english = 'T' }\nlevel = 'town'\n[towns.key_facts.area]\nvalue = 3.0\nsource = 's'\n";
        let err = Atlas::from_toml_str(toml).unwrap_err();
        assert!(matches!(err.root(), Error::FormatOneShape { field, .. } if field == "key_facts.area"), "{err:?}");
    }
    // Under format 1 the same document loads (and is upgraded).
    let mut v1: Value = serde_json::from_str(&doc_with_facts(single)).unwrap();
    v1["format_version"] = json!(1);
    let atlas = Atlas::from_json_str(&v1.to_string()).unwrap();
    let gdp = atlas.town("t").unwrap().key_facts().gdp().unwrap();
    assert_eq!(gdp.value().amount(), 1e9);
    // Every town with the shape is reported, not only the first.
    let two = json!({"format_version": 2, "sources": [{"id": "s", "kind": "book", "title": "T"}], "towns": [
        {"id": "a", "name": {"english": "A"}, "level": "town", "key_facts": {"area": {"value": 1.0, "source": "s"}}},
        {"id": "b", "name": {"english": "B"}, "level": "town", "key_facts": {"population": {"value": 1, "source": "s"}}},
    ]});
    let errors = Atlas::validate_document(Atlas::document_from_json(two.to_string().as_bytes()).unwrap()).unwrap_err();
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with("town 'a': field 'key_facts.area'"), "{messages:?}");
    assert!(messages[1].starts_with("town 'b': field 'key_facts.population'"), "{messages:?}");
}

#[test]
fn a_duplicate_town_id_is_the_only_error() {
    let v = json!({"format_version": 2, "towns": [
        {"id": "a", "name": {"english": "A"}, "level": "county_level_city"},
        {"id": "b", "name": {"english": "B"}, "level": "town", "parent": "a"},
        {"id": "a", "name": {"english": "A again"}, "level": "village"},
    ]});
    let doc = Atlas::document_from_json(v.to_string().as_bytes()).unwrap();
    let errors = Atlas::validate_document(doc).unwrap_err();
    assert_eq!(errors, [Error::DuplicateId { kind: IdKind::Town, id: "a".to_owned() }]);
    assert_eq!(errors[0].to_string(), "duplicate town id 'a'");
}

#[cfg(feature = "proptest")]
mod upgrade {
    use proptest::prelude::*;
    use regdev::arbitrary;

    use super::*;

    /// Arbitrary format-2 atlas documents whose content format 1 can say:
    /// towns with format-1 key facts, unique ids, no parents, every cited
    /// source listed.
    fn v1_expressible_document() -> impl Strategy<Value = Value> {
        proptest::collection::vec((arbitrary::town(), arbitrary::key_facts_v1()), 0..6).prop_map(|towns| {
            let mut seen = std::collections::BTreeSet::new();
            let mut sources = std::collections::BTreeSet::new();
            let mut out = Vec::new();
            for (t, facts) in towns {
                if !seen.insert(t.id().clone()) {
                    continue;
                }
                let t = t.to_builder().key_facts(facts).build().unwrap();
                sources.extend(t.cited_sources().map(|(_, s)| s.as_str().to_owned()));
                let mut v = serde_json::to_value(&t).unwrap();
                v.as_object_mut().unwrap().remove("parent");
                out.push(v);
            }
            let sources: Vec<Value> =
                sources.into_iter().map(|id| json!({"id": id, "kind": "book", "title": "T"})).collect();
            json!({"format_version": 2, "sources": sources, "towns": out})
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn format1_upgrade_is_lossless(v2 in v1_expressible_document()) {
            let atlas = Atlas::from_json_str(&v2.to_string()).unwrap();
            let v1 = downgrade(serde_json::from_str(&atlas.to_json_pretty().unwrap()).unwrap());
            prop_assert_eq!(&v1["format_version"], &json!(1));
            // Format 1 loads to the same atlas …
            let upgraded = Atlas::from_json_str(&v1.to_string()).unwrap();
            prop_assert_eq!(&upgraded, &atlas);
            // … and, written back in format 1's shape, is the same document.
            let again = downgrade(serde_json::from_str(&upgraded.to_json_pretty().unwrap()).unwrap());
            prop_assert_eq!(again, v1);
        }
    }
}

/// `examples/time_series.rs` (one town, Dongguan, with every kind of fact
/// format 2 is for), compiled into this test so the suite runs it, not
/// only builds it; the example asserts what it encodes.
#[path = "../examples/time_series.rs"]
mod time_series;

#[test]
fn time_series_example_runs() {
    time_series::main().unwrap();
}
