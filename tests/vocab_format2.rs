//! Issue 10's vocabulary: the dimension table, linkage dates and valence,
//! the new actor kinds, all 97 industry divisions and value-chain roles.
//! Bad input gives a typed error naming the field; messages are asserted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;

use regdev::{
    Actor, ActorId, ActorKind, Atlas, Dimension, DimensionKind, DimensionValue, Error, IndustryDivision, Linkage,
    LinkageGraph, LinkageKind, Place, Profile, Scale, SourceId, Specialisation, Stage, TownId, Valence, ValueChainRole,
    ValueRef, Year,
};
use serde_json::{Value, json};

fn year(y: i64) -> Year {
    Year::new(y).unwrap()
}

fn sid(s: &str) -> SourceId {
    SourceId::new(s).unwrap()
}

/// The built-in atlas as a JSON value.
fn builtin() -> Value {
    serde_json::from_str(&Atlas::builtin().to_json_pretty().unwrap()).unwrap()
}

/// The built-in document with the member at `ptr` set to `new`.
fn builtin_with(ptr: &str, new: Value) -> String {
    let mut v = builtin();
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap() {
        Value::Object(m) => {
            m.insert(key.to_owned(), new);
        }
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = new,
        _ => panic!("not a container: {parent}"),
    }
    serde_json::to_string_pretty(&v).unwrap()
}

/// Loading `text` fails with a JSON parse error at `path` with `message`.
fn assert_parse_error(text: &str, path: &str, message: &str) {
    let err = Atlas::from_json_str(text).unwrap_err();
    let Error::Parse { format: "JSON", path: Some(p), message: m, .. } = &err else {
        panic!("expected a JSON parse error with a path, got {err:?}");
    };
    assert_eq!((p.as_str(), m.as_str()), (path, message));
}

// ---------------------------------------------------------------------------
// The dimension table.
// ---------------------------------------------------------------------------

#[test]
fn every_dimension_value_round_trips_through_the_generic_api() {
    for &d in Dimension::ALL {
        match (d.value_ids(), d.kind()) {
            (Some(ids), DimensionKind::Set) => {
                assert!(ids.len() <= 64, "{d:?}");
                let all: Vec<usize> = (0..ids.len()).collect();
                let v = DimensionValue::from_indices(d, &all).unwrap();
                assert_eq!(v.dimension(), d);
                let mask = if ids.len() == 64 { u64::MAX } else { (1u64 << ids.len()) - 1 };
                assert_eq!(v.view(), ValueRef::Indices(mask));
                let p = Profile::default().with(v.clone());
                assert_eq!(p.view(d), Some(ValueRef::Indices(mask)));
                assert_eq!(p.get(d), Some(v));
                assert!(DimensionValue::from_indices(d, &[ids.len()]).is_none());
                assert!(DimensionValue::from_index(d, 0).is_none());
            }
            (Some(ids), _) => {
                for (i, id) in ids.iter().enumerate() {
                    let v = DimensionValue::from_index(d, i).unwrap();
                    assert_eq!(v.view(), ValueRef::Index(i));
                    // The id is the value's serde name.
                    let json = serde_json::to_value(&v).unwrap();
                    assert_eq!(json, json!({"dimension": d.id(), "value": id}));
                    if d.kind() == DimensionKind::Ordinal {
                        assert_eq!(v.rank(), Some(i));
                        assert_eq!(d.levels(), Some(ids.len()));
                    } else {
                        assert_eq!(v.rank(), None);
                    }
                    assert!(Profile::default().with(v).is_set(d));
                }
                assert!(DimensionValue::from_index(d, ids.len()).is_none());
            }
            (None, kind) => {
                assert_eq!(kind, DimensionKind::Set);
                let places = BTreeSet::from([Place::new("Taiwan").unwrap()]);
                let v = DimensionValue::from_places(d, &places).unwrap();
                assert_eq!(v.view(), ValueRef::Places(&places));
                assert!(DimensionValue::from_index(d, 0).is_none());
            }
        }
    }
    // Profile fields are named by the dimension ids.
    let mut p = Profile::default();
    for &d in Dimension::ALL {
        let v = match d.value_ids() {
            Some(_) if d.kind() == DimensionKind::Set => DimensionValue::from_indices(d, &[0]),
            Some(_) => DimensionValue::from_index(d, 0),
            None => DimensionValue::from_places(d, &BTreeSet::new()),
        };
        p.set(v.unwrap());
    }
    let keys: Vec<String> = serde_json::to_value(&p).unwrap().as_object().unwrap().keys().cloned().collect();
    let mut ids: Vec<String> = Dimension::ALL.iter().map(|d| d.id().to_owned()).collect();
    ids.sort();
    assert_eq!(keys, ids);
}

#[test]
fn unknown_dimension_names_the_field() {
    let text = builtin_with("/towns/0/profile/charm", json!("high"));
    let err = Atlas::from_json_str(&text).unwrap_err();
    let Error::Parse { path: Some(p), message, .. } = &err else { panic!("{err:?}") };
    assert_eq!(p, "towns[0].profile.charm");
    assert!(message.starts_with("unknown field `charm`, expected one of `dynamics`, `economic_linkages`"), "{message}");
    assert_eq!(
        "charm".parse::<Dimension>().unwrap_err().to_string(),
        format!(
            "unknown dimension \"charm\", expected one of: {}",
            Dimension::ALL.iter().map(|d| d.id()).collect::<Vec<_>>().join(", ")
        )
    );
}

#[test]
fn unsourced_dimension_is_typed() {
    let profile = Profile::default().with(DimensionValue::RiskLevel(regdev::RiskLevel::Low));
    let err =
        regdev::Town::builder(TownId::new("k").unwrap(), regdev::Name::new("K").unwrap(), regdev::AdminLevel::Town)
            .profile(profile, regdev::ProfileSources::new())
            .build()
            .unwrap_err();
    assert_eq!(err.root(), &Error::UnsourcedDimension { dimension: Dimension::RiskLevel, has_value: true });
    assert_eq!(err.to_string(), "town 'k': profile dimension 'risk_level' has a value but no source");
}

// ---------------------------------------------------------------------------
// Linkages: until, valence; actor kinds.
// ---------------------------------------------------------------------------

fn graph_with(linkage: Linkage) -> Result<LinkageGraph, Error> {
    let (a, b) = (ActorId::new("a").unwrap(), ActorId::new("b").unwrap());
    LinkageGraph::builder(TownId::new("t").unwrap())
        .actor(Actor::new(a.clone(), "Market", ActorKind::SpecialisedMarket).unwrap())
        .actor(Actor::new(b.clone(), "Agents", ActorKind::SalesNetwork).unwrap())
        .linkage(a, b, linkage)
        .build()
}

#[test]
fn until_before_since_is_a_typed_error_naming_the_linkage() {
    let l = Linkage::new(LinkageKind::Governance, Scale::Local, sid("s")).with_since(year(2000)).with_until(year(1990));
    let err = graph_with(l).unwrap_err();
    assert_eq!(err.root(), &Error::UntilBeforeSince { since: year(2000), until: year(1990) });
    assert_eq!(err.to_string(), "linkage 'a' -> 'b': 'until' (1990) is before 'since' (2000)");
    // The same year at both ends is a one-year linkage.
    let one =
        Linkage::new(LinkageKind::Governance, Scale::Local, sid("s")).with_since(year(2000)).with_until(year(2000));
    assert!(graph_with(one).is_ok());

    // On its own, through serde.
    let err = serde_json::from_str::<Linkage>(
        r#"{"kind":"market","scale":"national","since":2001,"until":1999,"source":"s"}"#,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "'until' (1999) is before 'since' (2001)");

    // In an atlas: the graph and the linkage are named.
    let mut v = builtin();
    let l = v.pointer_mut("/graphs/0/linkages/0").unwrap().as_object_mut().unwrap();
    l.insert("since".into(), json!(2005));
    l.insert("until".into(), json!(2004));
    let text = serde_json::to_string_pretty(&v).unwrap();
    let err = Atlas::from_json_str(&text).unwrap_err();
    let g = &v["graphs"][0];
    let (town, from, to) = (&g["focal_town"], &g["linkages"][0]["from"], &g["linkages"][0]["to"]);
    assert_eq!(err.root(), &Error::UntilBeforeSince { since: year(2005), until: year(2004) });
    assert_eq!(
        err.to_string(),
        format!(
            "graph of town '{}': linkage '{}' -> '{}': 'until' (2004) is before 'since' (2005)",
            town.as_str().unwrap(),
            from.as_str().unwrap(),
            to.as_str().unwrap()
        )
    );
}

#[test]
fn valence_and_until_round_trip_and_default() {
    let l = Linkage::new(LinkageKind::Governance, Scale::Local, sid("s"))
        .with_since(year(2013))
        .with_until(year(2015))
        .with_valence(Valence::Conflictual);
    let text = serde_json::to_string(&l).unwrap();
    assert_eq!(
        text,
        r#"{"kind":"governance","scale":"local","since":2013,"until":2015,"valence":"conflictual","source":"s"}"#
    );
    assert_eq!(serde_json::from_str::<Linkage>(&text).unwrap(), l);
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Wrap {
        v: Linkage,
    }
    let toml_text = toml::to_string(&Wrap { v: l.clone() }).unwrap();
    assert_eq!(toml::from_str::<Wrap>(&toml_text).unwrap().v, l);
    assert!(l.active_in(year(2014)) && !l.active_in(year(2016)) && !l.active_in(year(2012)));

    // A format-1 linkage (no until, no valence) is cooperative and open-ended.
    let old: Linkage = serde_json::from_str(r#"{"kind":"supply","scale":"local","since":1990,"source":"s"}"#).unwrap();
    assert_eq!((old.valence(), old.until_year()), (Valence::Cooperative, None));
    assert_eq!(serde_json::to_string(&old).unwrap(), r#"{"kind":"supply","scale":"local","since":1990,"source":"s"}"#);

    assert_eq!(
        serde_json::from_str::<Linkage>(r#"{"kind":"supply","scale":"local","valence":"hostile","source":"s"}"#)
            .unwrap_err()
            .to_string(),
        "unknown variant `hostile`, expected one of `cooperative`, `conflictual`, `regulatory` at line 1 column 52"
    );
    assert_eq!(
        "hostile".parse::<Valence>().unwrap_err().to_string(),
        "unknown valence \"hostile\", expected one of: cooperative, conflictual, regulatory"
    );
}

#[test]
fn new_actor_kinds_parse_and_unknown_kind_names_the_field() {
    for (id, kind) in [
        ("specialised_market", ActorKind::SpecialisedMarket),
        ("state_owned_enterprise", ActorKind::StateOwnedEnterprise),
        ("sales_network", ActorKind::SalesNetwork),
        ("overseas_buyer", ActorKind::OverseasBuyer),
    ] {
        assert_eq!(id.parse::<ActorKind>().unwrap(), kind);
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(id));
    }
    let text = builtin_with("/graphs/0/actors/0/kind", json!("guild"));
    let err = Atlas::from_json_str(&text).unwrap_err();
    let Error::Parse { path: Some(p), message, .. } = &err else { panic!("{err:?}") };
    assert_eq!(p, "graphs[0].actors[0].kind");
    assert!(message.starts_with("unknown variant `guild`, expected one of `local_government`"), "{message}");
    assert!(message.contains("`specialised_market`, `state_owned_enterprise`, `sales_network`, `overseas_buyer`"));
}

// ---------------------------------------------------------------------------
// Industry divisions and value-chain roles.
// ---------------------------------------------------------------------------

#[test]
fn all_97_divisions_with_section_ids() {
    assert_eq!(IndustryDivision::ALL.len(), 97);
    let c17: IndustryDivision = "c17".parse().unwrap();
    assert_eq!((c17.code(), c17.chinese_name(), c17.section()), ("C17", "纺织业", 'C'));
    assert_eq!("C35".parse::<IndustryDivision>().unwrap().chinese_name(), "专用设备制造业");
    assert_eq!(IndustryDivision::A01.chinese_name(), "农业");
    assert_eq!(IndustryDivision::T97.chinese_name(), "国际组织");
    // The format-1 ids are unchanged.
    for id in ["a01", "c18", "c21", "c33", "c38", "c39", "f51"] {
        let d: IndustryDivision = serde_json::from_value(json!(id)).unwrap();
        assert_eq!(d.id(), id);
    }
    let i = Atlas::builtin().towns().position(|t| !t.specialisations().is_empty()).unwrap();
    let text = builtin_with(&format!("/towns/{i}/specialisations/0/industry"), json!("c98"));
    assert_parse_error(
        &text,
        &format!("towns[{i}].specialisations[0].industry"),
        &format!(
            "unknown variant `c98`, expected one of {}",
            IndustryDivision::ALL.iter().map(|d| format!("`{}`", d.id())).collect::<Vec<_>>().join(", ")
        ),
    );
}

#[test]
fn value_chain_roles_on_specialisations_and_stages() {
    let s = Specialisation::new(IndustryDivision::C41, "buttons and zips", sid("s"))
        .unwrap()
        .with_value_chain_role(ValueChainRole::Oem);
    let text = serde_json::to_string(&s).unwrap();
    assert_eq!(text, r#"{"industry":"c41","product":"buttons and zips","value_chain_role":"oem","source":"s"}"#);
    assert_eq!(serde_json::from_str::<Specialisation>(&text).unwrap(), s);
    let st = Stage::new("Own brands", sid("s")).unwrap().with_value_chain_role(ValueChainRole::Obm);
    let text = serde_json::to_string(&st).unwrap();
    assert_eq!(text, r#"{"name":"Own brands","value_chain_role":"obm","source":"s"}"#);
    assert_eq!(serde_json::from_str::<Stage>(&text).unwrap(), st);
    assert_eq!(
        serde_json::from_str::<Stage>(r#"{"name":"x","value_chain_role":"oxm","source":"s"}"#).unwrap_err().to_string(),
        "unknown variant `oxm`, expected one of `oem`, `odm`, `obm` at line 1 column 36"
    );
}

// ---------------------------------------------------------------------------
// Evidence: claims, ranks, dated profiles, migration from format 1.
// ---------------------------------------------------------------------------

mod evidence {
    use super::*;
    use regdev::{AdminLevel, Claim, Name, Period, ProfileClaims, Rank, Town};
    use regdev::{Dynamics, Ownership};

    fn dynamics(d: Dynamics, s: &str) -> Claim<DimensionValue> {
        Claim::new(DimensionValue::Dynamics(d), sid(s))
    }

    fn town() -> regdev::TownBuilder {
        Town::builder(TownId::new("k").unwrap(), Name::new("K").unwrap(), AdminLevel::Town)
    }

    #[test]
    fn two_preferred_claims_that_disagree_are_an_error_naming_the_dimension() {
        let err = town()
            .claim(dynamics(Dynamics::GovernmentLed, "a").ranked(Rank::Preferred))
            .claim(dynamics(Dynamics::BottomUpPpp, "b").ranked(Rank::Preferred))
            .build()
            .unwrap_err();
        assert!(matches!(err.root(), Error::ConflictingClaims { dimension: Dimension::Dynamics, .. }));
        assert_eq!(
            err.to_string(),
            "town 'k': profile dimension 'dynamics' has two preferred claims that disagree: \"Government-led\" \
             (source 'a') and \"Bottom-up, PPP\" (source 'b')"
        );
        // Preferred claims for different years do not compete.
        let p = |a, b: Option<i64>| Period::new(year(a), b.map(year)).unwrap();
        let t = town()
            .claim(dynamics(Dynamics::GovernmentLed, "a").ranked(Rank::Preferred).with_period(p(1980, Some(1995))))
            .claim(dynamics(Dynamics::BottomUpPpp, "b").ranked(Rank::Preferred).with_period(p(1996, None)))
            .build()
            .unwrap();
        assert_eq!(t.profile().dynamics, Some(Dynamics::BottomUpPpp));
        assert_eq!(t.profile_as_of(year(1990)).dynamics, Some(Dynamics::GovernmentLed));

        // Through JSON, the error names the town and the dimension.
        let mut v = builtin();
        let claims = json!({"dynamics": [
            {"value": "government_led", "rank": "preferred", "source": "qiao-talk"},
            {"value": "bottom_up_ppp", "rank": "preferred", "source": "qiao-talk"}
        ]});
        let t = v.pointer_mut("/towns/0").unwrap().as_object_mut().unwrap();
        let id = t["id"].as_str().unwrap().to_owned();
        t.insert("profile_claims".into(), claims);
        let err = Atlas::from_json_str(&serde_json::to_string(&v).unwrap()).unwrap_err();
        let Error::Parse { path: Some(p), message, .. } = &err else { panic!("{err:?}") };
        assert_eq!(p, "towns[0]");
        assert_eq!(
            message,
            &format!(
                "town '{id}': profile dimension 'dynamics' has two preferred claims that disagree: \"Government-led\" \
                 (source 'qiao-talk') and \"Bottom-up, PPP\" (source 'qiao-talk')"
            )
        );
    }

    #[test]
    fn duplicate_and_bad_claims_name_the_dimension() {
        let err = town().claim(dynamics(Dynamics::GovernmentLed, "a")).claim(dynamics(Dynamics::GovernmentLed, "a"));
        assert_eq!(
            err.build().unwrap_err().to_string(),
            "town 'k': profile dimension 'dynamics' lists the claim \"Government-led\" (source 'a') twice"
        );
        // A bad value inside a claim: the path names the dimension and the claim.
        let mut v = builtin();
        let t = v.pointer_mut("/towns/0").unwrap().as_object_mut().unwrap();
        t.insert("profile_claims".into(), json!({"ownership": [{"value": "feudal", "source": "s"}]}));
        let err = Atlas::from_json_str(&serde_json::to_string(&v).unwrap()).unwrap_err();
        let Error::Parse { path: Some(p), message, .. } = &err else { panic!("{err:?}") };
        assert_eq!(p, "towns[0].profile_claims.ownership[0].value");
        assert!(message.starts_with("unknown variant `feudal`"), "{message}");
        // An unknown rank.
        let mut v = builtin();
        let t = v.pointer_mut("/towns/0").unwrap().as_object_mut().unwrap();
        t.insert("profile_claims".into(), json!({"ownership": [{"value": "private", "rank": "best", "source": "s"}]}));
        let err = Atlas::from_json_str(&serde_json::to_string(&v).unwrap()).unwrap_err();
        let Error::Parse { path: Some(p), message, .. } = &err else { panic!("{err:?}") };
        assert_eq!(p, "towns[0].profile_claims.ownership[0].rank");
        assert_eq!(message, "unknown variant `best`, expected one of `preferred`, `normal`, `deprecated`");
        // An unknown dimension in format 1's profile_sources is named (it used to read `profile_sources.?`).
        let i = Atlas::builtin().towns().position(|t| !t.profile_sources().is_empty()).unwrap();
        let text = builtin_with(&format!("/towns/{i}/profile_sources/charm"), json!("qiao-talk"));
        let err = Atlas::from_json_str(&text).unwrap_err();
        let Error::Parse { path: Some(p), message, .. } = &err else { panic!("{err:?}") };
        assert_eq!(p, &format!("towns[{i}].profile_sources.charm"));
        assert!(message.starts_with("unknown field `charm`, expected one of `dynamics`"), "{message}");
        // And in profile_claims.
        let mut v = builtin();
        let t = v.pointer_mut("/towns/0").unwrap().as_object_mut().unwrap();
        t.insert("profile_claims".into(), json!({"charm": []}));
        let err = Atlas::from_json_str(&serde_json::to_string(&v).unwrap()).unwrap_err();
        let Error::Parse { path: Some(p), message, .. } = &err else { panic!("{err:?}") };
        assert_eq!(p, "towns[0].profile_claims.charm");
        assert!(message.starts_with("unknown field `charm`"), "{message}");
    }

    #[test]
    fn comparison_uses_the_preferred_or_only_claim_and_disagreements_are_listed() {
        let t = town()
            .claim(dynamics(Dynamics::GovernmentLed, "a"))
            .claim(dynamics(Dynamics::BottomUpPpp, "b").ranked(Rank::Preferred))
            .claim(Claim::new(DimensionValue::Ownership(Ownership::Private), sid("c")))
            .claim(Claim::new(DimensionValue::Ownership(Ownership::Collective), sid("d")).ranked(Rank::Deprecated))
            .build()
            .unwrap();
        assert_eq!(t.profile().dynamics, Some(Dynamics::BottomUpPpp));
        assert_eq!(t.profile_source(Dimension::Dynamics).map(SourceId::as_str), Some("b"));
        assert_eq!(t.profile().ownership, Some(Ownership::Private));
        let d = t.profile_claims().disagreements();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].to_string(), "dynamics: \"Government-led\" (a, normal) vs \"Bottom-up, PPP\" (b, preferred)");
        // Two normal claims that disagree: no value for comparison.
        let t = town()
            .claim(dynamics(Dynamics::GovernmentLed, "a"))
            .claim(dynamics(Dynamics::BottomUpPpp, "b"))
            .build()
            .unwrap();
        assert_eq!(t.profile().dynamics, None);
        assert_eq!(t.profile_claims().disagreements().len(), 1);
    }

    #[test]
    fn format_1_profiles_upgrade_losslessly_and_stay_compact() {
        let atlas = Atlas::builtin();
        // Wenzhou (ranked claims), Shunde (a dated claim), and Humen,
        // Dalingshan and Guzhen (two sources on one dimension) say more than
        // format 1 can.
        let richer: Vec<&str> =
            atlas.towns().filter(|t| !t.profile_claims().is_compact()).map(|t| t.id().as_str()).collect();
        assert_eq!(richer, ["shunde", "humen", "dalingshan", "guzhen", "wenzhou"]);
        for t in atlas.towns().filter(|t| t.profile_claims().is_compact()) {
            let claims = t.profile_claims();
            assert_eq!(claims.current(), (t.profile().clone(), t.profile_sources().clone()));
            assert_eq!(ProfileClaims::from_v1(t.profile(), t.profile_sources()).unwrap(), claims.clone());
        }
        for a in atlas.archetypes() {
            assert_eq!(a.profile_claims().current(), (a.profile().clone(), a.profile_sources().clone()));
        }
        // The built-in atlas writes and reads back unchanged.
        let json = atlas.to_json_pretty().unwrap();
        // Only the five richer towns write `profile_claims`.
        assert_eq!(json.matches("\"profile_claims\"").count(), 5);
        assert_eq!(&Atlas::from_json_str(&json).unwrap(), atlas);
    }

    #[test]
    fn claims_round_trip_json_and_toml() {
        let p = |a, b: Option<i64>| Period::new(year(a), b.map(year)).unwrap();
        let t = town()
            .claim(
                Claim::new(DimensionValue::Ownership(Ownership::Collective), sid("a")).with_period(p(1978, Some(1997))),
            )
            .claim(Claim::new(DimensionValue::Ownership(Ownership::Private), sid("b")).with_period(p(1998, None)))
            .claim(dynamics(Dynamics::GovernmentLed, "c").ranked(Rank::Preferred))
            .build()
            .unwrap();
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(
            json["profile_claims"],
            json!({
                "dynamics": [{"value": "government_led", "rank": "preferred", "source": "c"}],
                "ownership": [
                    {"value": "collective", "period": {"start": 1978, "end": 1997}, "source": "a"},
                    {"value": "private", "period": {"start": 1998}, "source": "b"}
                ]
            })
        );
        assert!(json.get("profile_sources").is_none());
        assert_eq!(serde_json::from_value::<Town>(json).unwrap(), t);
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Wrap {
            v: Town,
        }
        let text = toml::to_string(&Wrap { v: t.clone() }).unwrap();
        assert_eq!(toml::from_str::<Wrap>(&text).unwrap().v, t);
        // to_builder keeps the claims and derives the profile again.
        assert_eq!(t.to_builder().build().unwrap(), t);
    }
}
