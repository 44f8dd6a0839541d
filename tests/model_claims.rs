//! A town's model label as ranked, dated, sourced claims: resolution by
//! the rule of profile claims, the JSON forms of `model` (one object, or
//! an array of claims), validation, the audit, queries and the Parquet
//! `model_claims` table.
//!
//! `cargo test --all-features --test model_claims`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use regdev::audit::{FindingKind, Severity};
use regdev::{
    AdminLevel, Atlas, Claim, Error, Name, Observed, Period, Query, Rank, RegionalModel, SourceId, Town, TownId, Year,
};
use serde_json::{Value, json};

fn sid(s: &str) -> SourceId {
    SourceId::new(s).unwrap()
}

fn year(y: i64) -> Year {
    Year::new(y).unwrap()
}

fn town(claims: &[Claim<RegionalModel>]) -> Result<Town, Error> {
    let mut b = Town::builder(TownId::new("t").unwrap(), Name::new("T").unwrap(), AdminLevel::Town);
    for c in claims {
        b = b.model_claim(c.clone());
    }
    b.build()
}

fn model_of(t: &Town) -> Option<RegionalModel> {
    t.model().map(|m| *m.value())
}

/// A small atlas document: sources a, b, c (c weak) and towns `plain`
/// (one undated label, the format-1/2 object form) and `disputed` (an
/// array of claims).
fn doc(disputed: Value) -> Value {
    json!({
        "format_version": 2,
        "sources": [
            {"id": "a", "kind": "article", "title": "A", "strength": "strong"},
            {"id": "b", "kind": "web_page", "title": "B", "strength": "medium"},
            {"id": "c", "kind": "web_page", "title": "C", "strength": "weak"}
        ],
        "towns": [
            {"id": "plain", "name": {"english": "Plain"}, "level": "town",
             "model": {"value": "wenzhou", "source": "a"}},
            {"id": "dated", "name": {"english": "Dated"}, "level": "town",
             "model": {"value": "sunan", "year": 1990, "source": "b"}},
            {"id": "disputed", "name": {"english": "Disputed"}, "level": "district",
             "model": disputed}
        ]
    })
}

fn disputed_claims() -> Value {
    json!([
        {"value": "pearl_river_delta", "rank": "preferred", "source": "a"},
        {"value": "sunan", "period": {"start": 1980, "end": 1992}, "source": "b"},
        {"value": "wenzhou", "source": "b"}
    ])
}

fn load(v: &Value) -> Result<Atlas, Error> {
    Atlas::from_json_str(&serde_json::to_string(v).unwrap())
}

#[test]
fn preferred_claim_decides_and_equal_ranks_that_disagree_give_no_label() {
    let pref = Claim::new(RegionalModel::PearlRiverDelta, sid("a")).ranked(Rank::Preferred);
    let other = Claim::new(RegionalModel::Sunan, sid("b"));
    let t = town(&[other.clone(), pref.clone()]).unwrap();
    assert_eq!(model_of(&t), Some(RegionalModel::PearlRiverDelta));
    assert_eq!(t.model().unwrap().source().as_str(), "a");
    assert_eq!(t.model_claims().len(), 2);

    // Two normal claims that disagree: no label, as a profile dimension is
    // left unset.
    let t = town(&[other.clone(), Claim::new(RegionalModel::Wenzhou, sid("a"))]).unwrap();
    assert_eq!(model_of(&t), None);
    // Two that agree: the label, with the first one's source.
    let t = town(&[other.clone(), Claim::new(RegionalModel::Sunan, sid("a"))]).unwrap();
    assert_eq!(model_of(&t), Some(RegionalModel::Sunan));
    assert_eq!(t.model().unwrap().source().as_str(), "b");
    // A deprecated claim never holds, even alone.
    let t = town(&[other.clone().ranked(Rank::Deprecated)]).unwrap();
    assert_eq!(model_of(&t), None);
    assert_eq!(t.model_claims().len(), 1);
    // A preferred claim beats a normal one; a deprecated one is ignored.
    let t = town(&[pref.clone(), Claim::new(RegionalModel::Wenzhou, sid("c")).ranked(Rank::Deprecated)]).unwrap();
    assert_eq!(model_of(&t), Some(RegionalModel::PearlRiverDelta));
}

#[test]
fn a_change_of_model_over_time_resolves_by_year() {
    let before =
        Claim::new(RegionalModel::Sunan, sid("a")).with_period(Period::new(year(1980), Some(year(1995))).unwrap());
    let after =
        Claim::new(RegionalModel::PearlRiverDelta, sid("b")).with_period(Period::new(year(1996), None).unwrap());
    let t = town(&[before.clone(), after]).unwrap();
    assert_eq!(model_of(&t), Some(RegionalModel::PearlRiverDelta));
    assert_eq!(t.model_as_of(year(1990)).map(|m| *m.value()), Some(RegionalModel::Sunan));
    assert_eq!(t.model_as_of(year(2000)).map(|m| *m.value()), Some(RegionalModel::PearlRiverDelta));
    assert_eq!(t.model_as_of(year(1970)), None);
    // Only a closed period: the latest one holds now.
    let t = town(&[before]).unwrap();
    assert_eq!(model_of(&t), Some(RegionalModel::Sunan));
    // The rule is the profile dimensions' rule: the same claims on a
    // profile dimension resolve the same way.
    use regdev::{DimensionValue, Ownership, ProfileClaims};
    let mut p = ProfileClaims::default();
    p.push(Claim::new(DimensionValue::Ownership(Ownership::Collective), sid("a")));
    p.push(Claim::new(DimensionValue::Ownership(Ownership::Private), sid("b")));
    let t = town(&[Claim::new(RegionalModel::Sunan, sid("a")), Claim::new(RegionalModel::Wenzhou, sid("b"))]).unwrap();
    assert_eq!(p.current().0.ownership.is_none(), t.model().is_none());
}

#[test]
fn the_builders_single_label_replaces_claims_and_keeps_its_year() {
    let t = town(&[Claim::new(RegionalModel::Sunan, sid("a"))])
        .unwrap()
        .to_builder()
        .model(Observed::new(RegionalModel::Wenzhou, sid("b")).with_year(year(2005)))
        .build()
        .unwrap();
    assert_eq!(t.model_claims().len(), 1);
    assert_eq!(t.model_claims()[0].period(), Some(Period::new(year(2005), Some(year(2005))).unwrap()));
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["model"], json!({"value": "wenzhou", "year": 2005, "source": "b"}));
}

#[test]
fn bad_claims_are_typed_errors_naming_the_town() {
    let a = Claim::new(RegionalModel::Sunan, sid("a"));
    let e = town(&[a.clone(), a.clone()]).unwrap_err();
    assert!(matches!(e.root(), Error::DuplicateModelClaim { .. }), "{e:?}");
    assert_eq!(e.to_string(), "town 't': model label lists the claim \"Sunan\" (source 'a') twice");

    let e = town(&[a.ranked(Rank::Preferred), Claim::new(RegionalModel::Wenzhou, sid("b")).ranked(Rank::Preferred)])
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "town 't': model label has two preferred claims that disagree: \"Sunan\" (source 'a') and \"Wenzhou\" (source 'b')"
    );
    // Preferred claims for different years do not conflict.
    let early = Claim::new(RegionalModel::Sunan, sid("a"))
        .with_period(Period::new(year(1980), Some(year(1990))).unwrap())
        .ranked(Rank::Preferred);
    let late = Claim::new(RegionalModel::Wenzhou, sid("a"))
        .with_period(Period::new(year(1991), None).unwrap())
        .ranked(Rank::Preferred);
    assert!(town(&[early, late]).is_ok());

    // In a document: the same errors, and a bad rank or an unknown field
    // named by its path.
    let mut d = doc(json!([{"value": "sunan", "source": "a"}, {"value": "sunan", "source": "a"}]));
    let e = load(&d).unwrap_err().to_string();
    assert!(e.contains("towns[2]") && e.contains("town 'disputed'") && e.contains("twice"), "{e}");
    d["towns"][2]["model"] = json!([{"value": "sunan", "rank": "best", "source": "a"}]);
    let e = load(&d).unwrap_err().to_string();
    assert!(e.contains("towns[2].model[0].rank"), "{e}");
    d["towns"][2]["model"] = json!([{"value": "shunde", "source": "a"}]);
    let e = load(&d).unwrap_err().to_string();
    assert!(e.contains("towns[2].model[0].value"), "{e}");
    d["towns"][2]["model"] = json!({"value": "sunan", "rank": "preferred", "source": "a"});
    let e = load(&d).unwrap_err().to_string();
    assert!(e.contains("towns[2].model") && e.contains("rank"), "{e}");
    d["towns"][2]["model"] = json!("sunan");
    let e = load(&d).unwrap_err().to_string();
    assert!(e.contains("towns[2].model") && e.contains("an object {value, source} or an array of claims"), "{e}");
}

#[test]
fn a_claim_citing_an_unknown_source_names_the_town_and_the_claim() {
    let mut d = doc(disputed_claims());
    d["towns"][2]["model"][1]["source"] = json!("nobody");
    let e = load(&d).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("'nobody'") && text.contains("town 'disputed', field 'model[1]'"), "{text}");
    // A one-claim label is the field `model`.
    let mut d = doc(disputed_claims());
    d["towns"][0]["model"]["source"] = json!("nobody");
    let text = load(&d).unwrap_err().to_string();
    assert!(text.contains("town 'plain', field 'model'"), "{text}");
}

#[test]
fn a_disputed_label_roundtrips_through_json_and_one_claim_keeps_its_form() {
    let d = doc(disputed_claims());
    let atlas = load(&d).unwrap();
    let t = atlas.town("disputed").unwrap();
    assert_eq!(model_of(t), Some(RegionalModel::PearlRiverDelta));
    assert_eq!(t.model_claims().len(), 3);
    let written: Value = serde_json::from_str(&atlas.to_json_pretty().unwrap()).unwrap();
    assert_eq!(written["towns"][2]["model"], disputed_claims());
    // The object forms are written back as they were read.
    assert_eq!(written["towns"][0]["model"], d["towns"][0]["model"]);
    assert_eq!(written["towns"][1]["model"], d["towns"][1]["model"]);
    let again = Atlas::from_json_str(&atlas.to_json_pretty().unwrap()).unwrap();
    assert_eq!(again, atlas);
    assert_eq!(again.to_json_pretty().unwrap(), atlas.to_json_pretty().unwrap());
    // One claim given as an array of one, undated and normal, is written in
    // the object form.
    let one = load(&doc(json!([{"value": "sunan", "source": "a"}]))).unwrap();
    let w: Value = serde_json::from_str(&one.to_json_pretty().unwrap()).unwrap();
    assert_eq!(w["towns"][2]["model"], json!({"value": "sunan", "source": "a"}));
    // The built-in atlas (format 2 on disk) is byte-identical after a round trip.
    let builtin = Atlas::builtin().to_json_pretty().unwrap();
    assert_eq!(Atlas::from_json_str(&builtin).unwrap().to_json_pretty().unwrap(), builtin);
}

#[test]
fn queries_and_the_columnar_index_use_the_resolved_label() {
    let atlas = load(&doc(disputed_claims())).unwrap();
    let prd = Query::model(RegionalModel::PearlRiverDelta);
    let sunan = Query::model(RegionalModel::Sunan);
    assert_eq!(prd.count(&atlas), 1);
    // The normal Sunan claim (1980-1992) is evidence, not the label.
    assert_eq!(sunan.count(&atlas), 1, "only 'dated' is Sunan");
    let ids: Vec<&str> = atlas.towns().filter(|t| prd.matches(&atlas, t)).map(|t| t.id().as_str()).collect();
    assert_eq!(ids, ["disputed"]);

    // Without a preferred claim, the disputed town has no label at all.
    let mut open = disputed_claims();
    open[0]["rank"] = json!("normal");
    let atlas = load(&doc(open)).unwrap();
    assert_eq!(prd.count(&atlas), 0);
    assert!(atlas.town("disputed").unwrap().model().is_none());
}

#[test]
fn the_audit_reports_a_disputed_label_and_weak_sources_behind_any_claim() {
    let atlas = load(&doc(disputed_claims())).unwrap();
    let found: Vec<_> = atlas.audit().into_iter().filter(|f| f.kind() == FindingKind::DisagreeingModelClaims).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(f.severity(), Severity::Info);
    assert_eq!(f.town().map(TownId::as_str), Some("disputed"));
    assert_eq!(f.field(), "model");
    assert_eq!(
        f.message(),
        "sources disagree on the model label: \"Pearl River Delta\" (a, preferred) vs \"Sunan\" (b, normal, \
         1980–1992) vs \"Wenzhou\" (b, normal); the preferred claim (\"Pearl River Delta\", a) is used"
    );

    // None preferred: a warning, and no label.
    let mut open = disputed_claims();
    open[0]["rank"] = json!("normal");
    let atlas = load(&doc(open)).unwrap();
    let f = atlas.audit().into_iter().find(|f| f.kind() == FindingKind::DisagreeingModelClaims).unwrap();
    assert_eq!(f.severity(), Severity::Warning);
    assert!(f.message().ends_with("none is preferred, so the town has no model label where they compete"), "{f}");

    // Claims for different years do not disagree.
    let atlas = load(&doc(json!([
        {"value": "sunan", "period": {"start": 1980, "end": 1992}, "source": "a"},
        {"value": "pearl_river_delta", "period": {"start": 1993}, "source": "b"}
    ])))
    .unwrap();
    assert!(atlas.audit().iter().all(|f| f.kind() != FindingKind::DisagreeingModelClaims));

    // A weak source behind the second claim of a label.
    let mut weak = disputed_claims();
    weak[2]["source"] = json!("c");
    let atlas = load(&doc(weak)).unwrap();
    let w: Vec<_> = atlas.audit().into_iter().filter(|f| f.kind() == FindingKind::WeakSource).collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].field(), "model[2]");
}

#[test]
fn shundes_label_records_what_the_sources_say() {
    let atlas = Atlas::builtin();
    let shunde = atlas.town("shunde").unwrap();
    let claims: Vec<(RegionalModel, &str, Option<Period>, Rank)> =
        shunde.model_claims().iter().map(|c| (*c.value(), c.source().as_str(), c.period(), c.rank())).collect();
    let eighties = Period::new(year(1980), Some(year(1989))).unwrap();
    assert_eq!(
        claims,
        [
            (RegionalModel::PearlRiverDelta, "zh-wikipedia-four-tigers", None, Rank::Normal),
            (RegionalModel::Sunan, "xinhua-zj-2002-three-models", Some(eighties), Rank::Normal),
        ]
    );
    // Now the Pearl River Delta; in the 1980s, Sunan.
    assert_eq!(model_of(shunde), Some(RegionalModel::PearlRiverDelta));
    assert_eq!(shunde.model_as_of(year(1985)).map(|m| *m.value()), Some(RegionalModel::Sunan));
    assert_eq!(shunde.model_as_of(year(1995)).map(|m| *m.value()), Some(RegionalModel::PearlRiverDelta));
    // The SCMP's "four little tigers of the Pearl River Delta" names a
    // place, not a model: it backs no label.
    assert!(shunde.model_claims().iter().all(|c| c.source().as_str() != "scmp-1999-shunde"));
    // Each label claim cites a source that is in the atlas and not weak,
    // and whose recorded text names the model it is cited for.
    for (c, words) in shunde.model_claims().iter().zip(["珠江模式", "苏南模式"]) {
        let s = atlas.source(c.source().as_str()).unwrap();
        assert_ne!(s.strength(), Some(regdev::SourceStrength::Weak));
        assert!(s.note().is_some_and(|n| n.contains(words) && n.contains("顺德")), "{}", c.source());
    }
    // Every other built-in label is one undated claim of normal rank.
    for t in atlas.towns().filter(|t| t.id().as_str() != "shunde") {
        assert!(t.model_claims().len() <= 1, "{}", t.id());
        assert!(t.model_claims().iter().all(|c| c.period().is_none() && c.rank() == Rank::Normal), "{}", t.id());
    }
    // The dated claim does not compete with the undated one: no finding.
    assert!(atlas.audit().iter().all(|f| f.kind() != FindingKind::DisagreeingModelClaims));
}

#[cfg(feature = "parquet")]
mod parquet {
    use super::*;
    use arrow::array::{Array, RecordBatch, StringArray};
    use regdev::tables;

    fn batches(atlas: &Atlas) -> Vec<(String, RecordBatch)> {
        tables::to_batches(atlas).unwrap().into_iter().map(|(n, b)| (n.to_owned(), b)).collect()
    }

    fn column<'a>(b: &'a [(String, RecordBatch)], table: &str, col: &str) -> Vec<Option<&'a str>> {
        let batch = &b.iter().find(|(n, _)| n == table).unwrap().1;
        let a = batch.column_by_name(col).unwrap().as_any().downcast_ref::<StringArray>().unwrap();
        (0..a.len()).map(|i| a.is_valid(i).then(|| a.value(i))).collect()
    }

    #[test]
    fn a_disputed_label_roundtrips_through_parquet() {
        let atlas = load(&doc(disputed_claims())).unwrap();
        let dir = std::env::temp_dir().join(format!("regdev-model-claims-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        tables::write_dir(&atlas, &dir).unwrap();
        let back = tables::read_dir(&dir).unwrap();
        assert_eq!(back.to_json_pretty().unwrap(), atlas.to_json_pretty().unwrap());
        assert_eq!(back, atlas);
        std::fs::remove_dir_all(&dir).unwrap();

        let b = batches(&atlas);
        // One row per claim of the disputed town only; the others keep
        // their one label in `towns`.
        assert_eq!(column(&b, "model_claims", "town"), [Some("disputed"); 3]);
        assert_eq!(column(&b, "model_claims", "model"), [Some("pearl_river_delta"), Some("sunan"), Some("wenzhou")]);
        assert_eq!(column(&b, "model_claims", "rank"), [Some("preferred"), Some("normal"), Some("normal")]);
        // `towns.model` is the resolved label.
        assert_eq!(column(&b, "towns", "model"), [Some("wenzhou"), Some("sunan"), Some("pearl_river_delta")]);
        assert_eq!(column(&b, "towns", "model_source"), [Some("a"), Some("b"), Some("a")]);

        // Unresolved: null in `towns`, still every claim in `model_claims`.
        let mut open = disputed_claims();
        open[0]["rank"] = json!("normal");
        let atlas = load(&doc(open)).unwrap();
        let b = batches(&atlas);
        assert_eq!(column(&b, "towns", "model")[2], None);
        assert_eq!(tables::from_batches(b).unwrap(), atlas);
    }

    #[test]
    fn the_builtin_tables_hold_shundes_two_claims() {
        let b = batches(Atlas::builtin());
        assert_eq!(column(&b, "model_claims", "town"), [Some("shunde"); 2]);
        assert_eq!(column(&b, "model_claims", "model"), [Some("pearl_river_delta"), Some("sunan")]);
        let towns = column(&b, "towns", "id");
        let i = towns.iter().position(|t| *t == Some("shunde")).unwrap();
        assert_eq!(column(&b, "towns", "model")[i], Some("pearl_river_delta"));
        assert_eq!(column(&b, "towns", "model_source")[i], Some("zh-wikipedia-four-tigers"));
        assert_eq!(&tables::from_batches(b).unwrap(), Atlas::builtin());
    }

    #[test]
    fn towns_model_must_be_the_label_the_claims_resolve_to() {
        use std::sync::Arc;
        let atlas = load(&doc(disputed_claims())).unwrap();
        let set = |table: &str, col: &str, row: usize, value: Option<&str>| {
            batches(&atlas)
                .into_iter()
                .map(|(n, b)| {
                    if n != table {
                        return (n, b);
                    }
                    let old = b.column_by_name(col).unwrap().as_any().downcast_ref::<StringArray>().unwrap();
                    let new: StringArray = (0..old.len())
                        .map(|i| if i == row { value } else { old.is_valid(i).then(|| old.value(i)) })
                        .collect();
                    let i = b.schema().index_of(col).unwrap();
                    let mut cols = b.columns().to_vec();
                    cols[i] = Arc::new(new);
                    (n, RecordBatch::try_new(b.schema(), cols).unwrap())
                })
                .collect::<Vec<_>>()
        };
        let e = tables::from_batches(set("towns", "model", 2, Some("sunan"))).unwrap_err();
        assert!(matches!(e, Error::Table { .. }));
        assert_eq!(
            e.to_string(),
            "table 'towns', row 2, column 'model': town 'disputed': 'sunan' is not the label its model_claims rows \
             resolve to ('pearl_river_delta')"
        );
        let e = tables::from_batches(set("towns", "model_source", 2, Some("b"))).unwrap_err();
        assert!(e.to_string().starts_with("table 'towns', row 2, column 'model_source': "), "{e}");
        // A claim row's own faults name its row and column.
        let e = tables::from_batches(set("model_claims", "source", 1, Some("nobody"))).unwrap_err();
        assert!(e.to_string().starts_with("table 'model_claims', row 1, column 'source': "), "{e}");
        let e = tables::from_batches(set("model_claims", "model", 2, Some("shunde"))).unwrap_err();
        assert!(e.to_string().starts_with("table 'model_claims', row 2, column 'model': "), "{e}");
        let e = tables::from_batches(set("model_claims", "town", 0, Some("atlantis"))).unwrap_err();
        assert!(e.to_string().starts_with("table 'model_claims', row 0, column 'town': "), "{e}");
    }
}
