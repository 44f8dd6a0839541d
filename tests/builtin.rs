//! The built-in atlas: valid, complete, sourced, and in sync with
//! `data/builtin.json`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;

use regdev::{AdminLevel, Atlas, Currency, Dimension, Year};

#[test]
fn builtin_is_valid_through_every_door() {
    let atlas = Atlas::builtin();
    // Re-validate through the document path, collecting every error.
    let again = Atlas::validate_document(atlas.to_document()).expect("builtin validates");
    assert_eq!(&again, atlas);
    // Every built-in id is a valid slug (they are built with an unchecked
    // constructor).
    for t in atlas.towns() {
        regdev::TownId::new(t.id().as_str()).unwrap();
    }
    for s in atlas.sources() {
        regdev::SourceId::new(s.id().as_str()).unwrap();
    }
    for g in atlas.graphs() {
        for a in g.actors() {
            regdev::ActorId::new(a.id().as_str()).unwrap();
        }
    }
    for a in atlas.archetypes() {
        regdev::ArchetypeId::new(a.id().as_str()).unwrap();
    }
}

#[test]
fn json_round_trip_is_lossless() {
    let atlas = Atlas::builtin();
    let json = atlas.to_json_pretty().unwrap();
    assert_eq!(&Atlas::from_json_str(&json).unwrap(), atlas);
    // Deserializing `Atlas` directly works too.
    let direct: Atlas = serde_json::from_str(&json).unwrap();
    assert_eq!(&direct, atlas);
}

#[test]
fn data_file_matches_builtin() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/builtin.json");
    let expected = Atlas::builtin().to_json_pretty().unwrap() + "\n";
    if std::env::var_os("REGDEV_BLESS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).expect("data/builtin.json exists; run with REGDEV_BLESS=1 to write it");
    assert!(
        on_disk == expected,
        "data/builtin.json has drifted from Atlas::builtin(); run `REGDEV_BLESS=1 cargo test --test builtin` and review the diff"
    );
}

#[test]
fn talk_key_facts_exactly() {
    let atlas = Atlas::builtin();
    let k = atlas.town("kunshan").unwrap();
    assert_eq!(k.level(), AdminLevel::CountyLevelCity);
    assert_eq!(atlas.parent("kunshan").unwrap().name().english(), "Suzhou");
    assert_eq!(k.province(), Some("Jiangsu"));
    let f = k.key_facts();
    assert_eq!(f.area().as_ref().unwrap().value().km2(), 927.68);
    assert_eq!(f.population().as_ref().unwrap().value().get(), 1_600_000);
    assert_eq!(f.gdp().as_ref().unwrap().value().amount(), 292e9);
    assert_eq!(f.gdp().as_ref().unwrap().value().currency(), Currency::Cny);
    assert_eq!(f.gdp().as_ref().unwrap().year(), None, "the talk gives no year for Kunshan's GDP");
    assert_eq!(f.gdp_per_capita().as_ref().unwrap().value().amount(), 30e3);
    assert_eq!(f.gdp_per_capita().as_ref().unwrap().value().currency(), Currency::Usd);

    let s = atlas.town("shunde").unwrap();
    assert_eq!(s.level(), AdminLevel::District);
    assert_eq!(atlas.parent("shunde").unwrap().name().english(), "Foshan");
    assert_eq!(s.province(), Some("Guangdong"));
    let f = s.key_facts();
    assert_eq!(f.area().as_ref().unwrap().value().km2(), 806.5);
    assert_eq!(f.population().as_ref().unwrap().value().get(), 2_460_000);
    assert_eq!(f.gdp().as_ref().unwrap().value().amount(), 254e9);
    assert_eq!(f.gdp().as_ref().unwrap().year(), Some(Year::new(2013).unwrap()));
    assert_eq!(f.gdp_per_capita().as_ref().unwrap().value().amount(), 14e3);

    for (town, stages) in [
        (
            "kunshan",
            [
                "Small-scale TVE development",
                "Self-initiated economic development zone",
                "Taiwan connection",
                "Hi-tech industrial park",
            ],
        ),
        (
            "shunde",
            [
                "TVEs and local entrepreneurship",
                "Reforms on TVE ownership",
                "Specialised towns",
                "Promoting technological upgrading and industrial service",
            ],
        ),
    ] {
        let names: Vec<&str> = atlas.town(town).unwrap().trajectory().stages().iter().map(|s| s.name()).collect();
        assert_eq!(names, stages);
    }
    for town in ["kunshan", "shunde"] {
        let t = atlas.town(town).unwrap();
        for d in Dimension::talk_rows() {
            assert!(t.profile().get(d).is_some(), "{town} lacks talk row {d}");
            assert_eq!(t.profile_source(d).unwrap().as_str(), "qiao-talk");
        }
    }
}

#[test]
fn ten_towns_each_with_codes_and_listing_years() {
    let atlas = Atlas::builtin();
    for (parent, prefix) in [("kunshan", "320583"), ("shunde", "440606")] {
        let kids: Vec<_> = atlas.children(parent).collect();
        assert_eq!(kids.len(), 10, "{parent}");
        for k in kids {
            let code = k.statistical_code().unwrap();
            assert_eq!(code.code().county(), Some(prefix));
            assert!(code.validity().is_some(), "{} has no listing years", k.id());
        }
    }
    // Three Kunshan towns leave the NBS listing after 2020.
    let gone: Vec<&str> = atlas
        .children("kunshan")
        .filter(|t| !t.statistical_code().unwrap().is_valid_in(Year::new(2021).unwrap()))
        .map(|t| t.id().as_str())
        .collect();
    assert_eq!(gone, ["dianshanhu", "zhouzhuang", "jinxi"]);
    // The 2015 and 2016 NBS releases already list all ten Kunshan towns
    // (a research note once called the 2016 release "2017").
    for k in atlas.children("kunshan") {
        let code = k.statistical_code().unwrap();
        assert!(code.is_valid_in(Year::new(2015).unwrap()), "{} not listed in 2015", k.id());
        assert_eq!(code.validity().unwrap().start(), Year::new(2015).unwrap(), "{}", k.id());
    }
    // Kunshan's three national zones, with approval years.
    let zones: Vec<(String, Option<i64>)> = atlas
        .town("kunshan")
        .unwrap()
        .zones()
        .iter()
        .map(|z| (z.name().english().to_owned(), z.approved().map(Year::get)))
        .collect();
    assert_eq!(zones.len(), 3);
    assert!(zones.iter().all(|(_, y)| y.is_some()));
}

/// That every citation resolves to a source of the atlas, and that every
/// set profile dimension has a source, `Atlas` validation already enforces
/// (`Error::UnknownReference`, `Error::UnsourcedDimension`); this test checks
/// what it does not: every actor cites a source, the models' static
/// citations resolve, there are many citations, and no source is unused.
#[test]
fn every_fact_cites_a_source_in_the_atlas() {
    let atlas = Atlas::builtin();
    let mut cited = 0;
    let mut used: BTreeSet<String> = BTreeSet::new();
    for t in atlas.towns() {
        for (_, s) in t.cited_sources() {
            used.insert(s.to_string());
            cited += 1;
        }
    }
    for g in atlas.graphs() {
        for a in g.actors() {
            let s = a.source().unwrap_or_else(|| panic!("actor {} has no source", a.id()));
            used.insert(s.to_string());
        }
        for (_, _, l) in g.linkages() {
            used.insert(l.source().to_string());
            cited += 1;
        }
    }
    for a in atlas.archetypes() {
        used.extend(a.profile_sources().values().map(ToString::to_string));
    }
    for m in regdev::RegionalModel::ALL {
        for s in m.sources() {
            assert!(atlas.source(s).is_some(), "model {m} cites unknown {s}");
            used.insert((*s).to_owned());
        }
    }
    used.extend(atlas.exchange_rates().map(|r| r.source().to_string()));
    assert!(cited > 50, "only {cited} citations");
    // Every source is used by something (no dangling bibliography), except
    // the typology works the vocabulary types cite in their docs.
    for s in atlas.sources() {
        let id = s.id().as_str();
        assert!(used.contains(id), "source {id} is never cited");
    }
}

#[test]
fn derived_rows_agree_with_asserted_ones() {
    use regdev::{DimensionValue, Place, Scale};
    let atlas = Atlas::builtin();
    let cases = [
        ("kunshan", BTreeSet::from([Scale::National, Scale::Global]), vec!["Taiwan"]),
        ("shunde", BTreeSet::from([Scale::Local, Scale::Regional]), vec!["Hong Kong", "Shenzhen"]),
    ];
    for (town, scope, origins) in cases {
        let graph = atlas.graph(town).unwrap();
        // Computed straight from the graph...
        assert_eq!(graph.scale_profile().dominant(), scope, "{town}");
        let origins: BTreeSet<Place> = origins.into_iter().map(|p| Place::new(p).unwrap()).collect();
        assert_eq!(graph.institutional_borrowing_origins(), origins, "{town}");
        // ...equal to the profile's asserted values...
        let profile = atlas.town(town).unwrap().profile();
        assert_eq!(profile.economic_linkages.as_ref(), Some(&scope));
        assert_eq!(profile.institutional_borrowing.as_ref(), Some(&origins));
        // ...and through the derived-rows API, with provenance.
        let rows = atlas.derived_rows(town).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].value(), &DimensionValue::EconomicLinkages(scope));
        assert_eq!(rows[1].value(), &DimensionValue::InstitutionalBorrowing(origins));
        assert!(rows.iter().all(|r| r.agrees_with(profile) && r.provenance().contains(town)));
    }
    // No audit finding says a profile contradicts its graph.
    assert!(atlas.audit().iter().all(|f| f.kind() != regdev::audit::FindingKind::ProfileContradictsGraph));
}

#[test]
fn every_builtin_source_is_rated_and_no_weak_one_backs_a_claim() {
    use regdev::SourceStrength;
    let atlas = Atlas::builtin();
    for s in atlas.sources() {
        assert!(s.strength().is_some(), "source {} has no strength", s.id());
    }
    for t in atlas.towns() {
        for (field, id) in t.cited_sources() {
            let strength = atlas.source(id.as_str()).unwrap().strength();
            if field.starts_with("key_facts") || field.starts_with("profile") || field == "model" {
                assert_ne!(strength, Some(SourceStrength::Weak), "{}: {field} rests on weak {id}", t.id());
            }
        }
    }
    for a in atlas.archetypes() {
        for (d, id) in a.profile_sources() {
            let strength = atlas.source(id.as_str()).unwrap().strength();
            assert_ne!(strength, Some(SourceStrength::Weak), "{}: {d} rests on weak {id}", a.name());
        }
    }
    // The audit agrees.
    assert!(atlas.audit().iter().all(|f| f.kind() != regdev::audit::FindingKind::WeakSource));
}

#[test]
fn fidelity_fixes_hold() {
    use regdev::Advantage;
    let atlas = Atlas::builtin();
    // Full references.
    let wei_gu = atlas.source("wei-gu-changzhou").unwrap();
    assert_eq!(wei_gu.venue(), Some("Urban Geography 31(3): 321-347"));
    assert_eq!(wei_gu.year(), Some(Year::new(2010).unwrap()));
    assert!(wei_gu.title().starts_with("Industrial development and spatial structure in Changzhou City, China"));
    // Real headlines where they could be re-read.
    assert_eq!(atlas.source("china-daily-2018-fei").unwrap().title(), "Reform brings far-reaching changes to Jiangsu");
    assert_eq!(atlas.source("china-daily-2013-kunshan").unwrap().title(), "Kunshan leads on path to new economy");
    // The talk lists the five advantages in general, not for Shunde.
    let shunde = atlas.town("shunde").unwrap();
    assert!(shunde.advantages().iter().all(|a| *a.value() != Advantage::IndustrialBase));
    // The talk's line on Shanghai is about the Sunan model, not Kunshan's stories.
    let kunshan_graph = atlas.graph("kunshan").unwrap();
    assert!(kunshan_graph.actors().all(|a| a.id().as_str() != "shanghai"));
    // The Sino-German SME cooperation zone is a MIIT designation, not a
    // State Council development zone.
    let zhangpu = atlas.town("zhangpu").unwrap();
    assert_eq!(zhangpu.zones()[0].level(), regdev::ZoneLevel::Ministerial);
    // No trajectory stage asserts an ownership the talk does not state.
    for t in atlas.towns() {
        for stage in t.trajectory().stages() {
            if stage.source().as_str() == regdev::cases::TALK {
                assert!(stage.ownership().is_none(), "{}: {}", t.id(), stage.name());
            }
        }
    }
}

#[test]
fn graph_share_from_the_talk_is_as_documented() {
    // README and `cases` docs: of the 45 actors and linkages in the Kunshan
    // and Shunde graphs, 27 cite the talk and 18 (40%) cite another work.
    let atlas = Atlas::builtin();
    let (mut talk, mut total) = (0, 0);
    for town in ["kunshan", "shunde"] {
        let g = atlas.graph(town).unwrap();
        let actor_sources = g.actors().filter_map(|a| a.source());
        let link_sources = g.linkages().map(|(_, _, l)| l.source());
        for s in actor_sources.chain(link_sources) {
            total += 1;
            talk += usize::from(s.as_str() == regdev::cases::TALK);
        }
    }
    assert_eq!((talk, total), (27, 45));
    let readme = include_str!("../README.md");
    assert!(readme.contains("18 of\ntheir 45 actors and linkages, 40%"), "README no longer states the share");
}

#[test]
fn every_case_shares_four_dimensions_with_its_archetype() {
    let atlas = Atlas::builtin();
    let mut per_model = std::collections::BTreeMap::new();
    for town in atlas.towns() {
        let Some(model) = town.model() else { continue };
        let archetype = model.value().archetype();
        let shared = regdev::Dimension::ALL
            .iter()
            .filter(|&&d| archetype.profile().get(d).is_some() && town.profile().get(d).is_some())
            .count();
        assert!(shared >= 4, "{} shares only {shared} dimensions with the {} archetype", town.id(), archetype.name());
        *per_model.entry(model.value().to_string()).or_insert(0) += 1;
    }
    // Every model has at least three built-in cases.
    assert_eq!(per_model.len(), 3, "{per_model:?}");
    assert!(per_model.values().all(|&n| n >= 3), "{per_model:?}");
    // At least one linkage graph per model.
    for m in regdev::RegionalModel::ALL {
        let graphs = atlas
            .graphs()
            .filter(|g| atlas.town(g.focal_town().as_str()).and_then(|t| t.model()).map(|o| *o.value()) == Some(*m))
            .count();
        assert!(graphs >= 1, "no linkage graph for {m}");
    }
}

#[test]
fn disagreeing_and_dated_claims_are_recorded_with_ranks() {
    use regdev::{Dimension, Rank, Year};
    use regdev::{MarketOrientation, Ownership};
    let atlas = Atlas::builtin();
    // Wenzhou: the export reading (preferred) and the domestic one, each sourced.
    let wenzhou = atlas.town("wenzhou").unwrap();
    let claims = wenzhou.profile_claims().claims(Dimension::MarketOrientation);
    let listed: Vec<(String, &str, Rank)> =
        claims.iter().map(|c| (c.value().to_string(), c.source().as_str(), c.rank())).collect();
    assert_eq!(
        listed,
        [
            ("Export".to_owned(), "walcott-2007", Rank::Preferred),
            ("Export".to_owned(), "china-daily-2010-wenzhou", Rank::Normal),
            ("Domestic".to_owned(), "globe-and-mail-2004-wenzhou", Rank::Normal),
        ]
    );
    assert_eq!(wenzhou.profile().market_orientation, Some(MarketOrientation::Export));
    assert_eq!(wenzhou.profile_claims().disagreements().len(), 1);
    // Shunde: collective in the 1980s (dated claim), private now.
    let shunde = atlas.town("shunde").unwrap();
    assert_eq!(shunde.profile_as_of(Year::new(1985).unwrap()).ownership, Some(Ownership::Collective));
    assert_eq!(shunde.profile().ownership, Some(Ownership::Private));
    assert!(shunde.profile_claims().disagreements().is_empty());
    // Qiaotou's ownership cites the source that says "family-run factories".
    let qiaotou = atlas.town("qiaotou").unwrap();
    assert_eq!(qiaotou.profile().ownership, Some(Ownership::PrivateHousehold));
    assert_eq!(qiaotou.profile_sources().get(&Dimension::Ownership).unwrap().as_str(), "guardian-2005-qiaotou");
}

/// `examples/three_models.rs`, compiled into this test so CI runs it, not
/// only builds it.
#[path = "../examples/three_models.rs"]
mod three_models;

#[test]
fn three_models_example_runs() {
    three_models::main().unwrap();
}

#[test]
fn every_case_is_classified_against_every_archetype_on_the_dimensions_both_set() {
    let atlas = Atlas::builtin();
    let names: BTreeSet<&str> = atlas.archetypes().map(|a| a.name()).collect();
    let mut cases: std::collections::BTreeMap<regdev::RegionalModel, Vec<String>> = Default::default();
    for town in atlas.towns() {
        let Some(model) = town.model() else { continue };
        let archetype = model.value().archetype();
        let classification = atlas.classify(town.id().as_str()).unwrap();
        let ranked: BTreeSet<&str> = classification.ranking().iter().map(|r| r.name()).collect();
        assert_eq!(ranked, names, "{} is not ranked against every archetype", town.id());
        // Its own model's archetype is compared on exactly the dimensions
        // both profiles set (the coverage the example prints).
        let shared = Dimension::ALL
            .iter()
            .filter(|&&d| archetype.profile().get(d).is_some() && town.profile().get(d).is_some())
            .count();
        let own = classification.ranking().iter().find(|r| r.name() == archetype.name()).unwrap();
        assert_eq!(own.distance().unwrap().compared(), shared, "{}", town.id());
        cases.entry(*model.value()).or_default().push(town.id().to_string());
    }
    // Every model has three sourced cases; Huaxi makes Sunan's third,
    // Liushi Wenzhou's, Guzhen the Pearl River Delta's (Humen and
    // Dalingshan stay unlabelled: see their notes).
    assert_eq!(cases.len(), 3, "{cases:?}");
    assert!(cases.values().all(|c| c.len() >= 3), "{cases:?}");
    assert!(cases[&regdev::RegionalModel::Sunan].contains(&"huaxi".to_owned()), "{cases:?}");
    assert_eq!(cases[&regdev::RegionalModel::Wenzhou], ["wenzhou", "qiaotou", "liushi"], "{cases:?}");
    assert_eq!(cases[&regdev::RegionalModel::PearlRiverDelta], ["shunde", "dongguan", "guzhen"], "{cases:?}");
    // Profiled towns without a label (too few dimensions) are classified
    // too, and say so in their verdict.
    let humen = atlas.classify("humen").unwrap();
    assert_eq!(humen.best().map(|r| r.name()), Some("Pearl River Delta"));
    assert!(atlas.town("humen").unwrap().model().is_none());
}

/// Humen is a canonical case the literature names, but the sources read at
/// medium or strong strength do not give it four of its model's
/// dimensions: it stays unlabelled and says why. Liushi is labelled from a
/// study that takes it as its case of the Wenzhou model, not from the weak
/// pages that call it the model's birthplace; the audit would reject a
/// label resting on those.
#[test]
fn humen_stays_unlabelled_and_liushi_is_labelled_from_its_study() {
    use regdev::audit::FindingKind;
    use regdev::{DistrictType, IndustryDivision, Ownership, RegionalModel, SourceStrength};
    let atlas = Atlas::builtin();
    let strength = |id: &str| atlas.source(id).unwrap().strength();

    let humen = atlas.town("humen").unwrap();
    assert!(humen.model().is_none());
    assert_eq!(humen.profile().len(), 3);
    assert_eq!((humen.profile().ownership, humen.profile().market_orientation), (None, None));
    let reasons: Vec<_> = humen.notes().iter().filter(|n| n.value().starts_with("no model label")).collect();
    assert_eq!(reasons.len(), 1);
    assert_eq!(strength(reasons[0].source().as_str()), Some(SourceStrength::Strong));

    let liushi = atlas.town("liushi").unwrap();
    let model = liushi.model().unwrap();
    assert_eq!(*model.value(), RegionalModel::Wenzhou);
    assert_eq!(model.source().as_str(), "zhu-chen-liushi");
    assert_eq!(strength("zhu-chen-liushi"), Some(SourceStrength::Strong));
    let study = atlas.source("zhu-chen-liushi").unwrap();
    assert!(study.note().unwrap().contains("以乐清市柳市镇为案例"), "the label's sentence is quoted");
    // Five of the archetype's dimensions, every one from the study; four
    // with the archetype's value, ownership "private" (mostly small private
    // firms), not household firms only.
    let archetype = RegionalModel::Wenzhou.archetype();
    let set: Vec<Dimension> = Dimension::ALL
        .iter()
        .copied()
        .filter(|&d| archetype.profile().get(d).is_some() && liushi.profile().get(d).is_some())
        .collect();
    assert_eq!(set.len(), 5, "{set:?}");
    let same = set.iter().filter(|&&d| archetype.profile().get(d) == liushi.profile().get(d)).count();
    assert_eq!(same, 4);
    assert_eq!(liushi.profile().ownership, Some(Ownership::Private));
    assert_eq!(liushi.profile().district_type, Some(DistrictType::Marshallian));
    assert!(liushi.profile().market_orientation.is_none(), "the abstract names no market");
    for d in Dimension::ALL {
        for c in liushi.profile_claims().claims(*d) {
            assert_eq!(c.source().as_str(), "zhu-chen-liushi", "{d}");
        }
    }
    assert_eq!(liushi.trajectory().stages().len(), 2);
    assert!(liushi.notes().iter().any(|n| n.value().starts_with("model: Zhu & Chen take Liushi")));
    // The weak birthplace page backs a specialisation and a note only.
    let weak_uses: Vec<&str> = liushi
        .notes()
        .iter()
        .filter(|n| n.source().as_str() == "yybnet-2014-yueqing")
        .map(|n| n.value().as_str())
        .collect();
    assert_eq!(weak_uses.len(), 1);
    assert!(weak_uses[0].contains("the label rests on Zhu & Chen"));
    assert!(liushi.specialisations().iter().all(|s| s.industry() == IndustryDivision::C38));
    // Its one key fact, a market share, rests on a medium source.
    let shares = liushi.key_facts().observations();
    assert_eq!(shares.len(), 1);
    assert_eq!(shares[0].source().as_str(), "economist-1998-wenzhou");
    assert_eq!(strength("economist-1998-wenzhou"), Some(SourceStrength::Medium));
    // Its county and prefecture carry the electrical industry on an official page.
    for id in ["yueqing", "wenzhou"] {
        let s = atlas.town(id).unwrap().specialisations();
        assert!(
            s.iter()
                .any(|s| s.industry() == IndustryDivision::C38 && s.source().as_str() == "wenzhou-gov-2020-electrical"),
            "{id}"
        );
    }
    assert_eq!(strength("wenzhou-gov-2020-electrical"), Some(SourceStrength::Strong));
    // Wenzhou's endogenous capital rests on a study and on the press.
    let wenzhou = atlas.town("wenzhou").unwrap();
    let capital: Vec<String> =
        wenzhou.profile_claims().claims(Dimension::CapitalOrigin).iter().map(|c| c.source().to_string()).collect();
    assert_eq!(capital, ["walcott-2007", "china-daily-2010-wenzhou-locals"]);

    // Labelling Liushi from the weak page instead is flagged by the audit.
    let mut doc = serde_json::to_value(atlas).unwrap();
    let towns = doc["towns"].as_array_mut().unwrap();
    let liushi_json = towns.iter_mut().find(|t| t["id"] == "liushi").unwrap();
    liushi_json["model"] = serde_json::json!({ "value": "wenzhou", "source": "yybnet-2014-yueqing" });
    let labelled = Atlas::from_json_str(&doc.to_string()).unwrap();
    let findings = labelled.audit();
    assert!(
        findings.iter().any(|f| f.kind() == FindingKind::WeakSource
            && f.town().map(|t| t.as_str()) == Some("liushi")
            && f.field() == "model"),
        "{findings:#?}"
    );
    assert!(
        atlas
            .audit()
            .iter()
            .all(|f| f.town().map(|t| t.as_str()) != Some("liushi") || f.kind() != FindingKind::WeakSource)
    );
}

/// The rule: names, levels, parents and codes of built-in towns
/// cite the gazetteer. Every town with a statistical code cites it for the
/// code, with the listing years checked, and carries the note that cites it
/// for the Chinese name, level and parent.
#[test]
fn every_coded_town_cites_the_gazetteer() {
    let atlas = Atlas::builtin();
    let mut coded = 0;
    for t in atlas.towns() {
        let Some(code) = t.statistical_code() else { continue };
        coded += 1;
        assert_eq!(code.source().as_str(), "nbs-gazetteer", "{}", t.id());
        assert!(code.validity().is_some(), "{} has no listing years", t.id());
        assert!(
            t.notes().iter().any(|n| n.source().as_str() == "nbs-gazetteer"
                && n.value() == "Chinese name, level, parent and code as in the NBS statistical division codes"),
            "{} lacks the gazetteer note",
            t.id()
        );
    }
    // Every town but Huaxi village (below township level, not in the
    // statistical division codes) has a code.
    assert_eq!(coded, atlas.towns().count() - 1);
    let huaxi = atlas.town("huaxi").unwrap();
    assert!(huaxi.statistical_code().is_none());
    assert!(huaxi.notes().iter().any(|n| n.value().starts_with("level: a village")));
    assert!(huaxi.notes().iter().any(|n| n.value().starts_with("no statistical code and parent Huashi")));
}

/// The 2013 average rate could not be re-read in any copy of its source,
/// so the source says so and is rated weak.
#[test]
fn the_unread_exchange_rate_source_says_so() {
    use regdev::SourceStrength;
    let atlas = Atlas::builtin();
    let rate = atlas.exchange_rates().next().unwrap();
    assert_eq!(rate.rate(), 6.1932);
    let source = atlas.source(rate.source().as_str()).unwrap();
    assert_eq!(source.strength(), Some(SourceStrength::Weak));
    assert!(source.note().unwrap().contains("the figure is not re-read"));
}

/// Humen: a study of the model takes it as a representative town, which
/// backs its dynamics a second time but adds no dimension. Dalingshan:
/// four of the archetype's dimensions from medium sources, but no source
/// names it a case, so neither carries a label.
#[test]
fn humen_and_dalingshan_are_profiled_pearl_river_delta_towns_without_labels() {
    use regdev::SourceStrength;
    let atlas = Atlas::builtin();
    let strength = |id: &str| atlas.source(id).unwrap().strength();
    let humen = atlas.town("humen").unwrap();
    let dynamics: Vec<String> =
        humen.profile_claims().claims(Dimension::Dynamics).iter().map(|c| c.source().to_string()).collect();
    assert_eq!(dynamics, ["zhang-to-cao-2004", "yang-2020-exo-urbanisation"]);
    // Key facts as series where sources give several years: GDP for 2007
    // and 2012, the census population of 2010 next to China Daily's undated
    // "about 600,000", each from a medium source.
    use regdev::Indicator;
    let years = |i: Indicator| -> Vec<(Option<i64>, String)> {
        let mut v: Vec<_> = humen
            .key_facts()
            .observations()
            .iter()
            .filter(|o| o.indicator() == i)
            .map(|o| (o.year().map(i64::from), o.source().to_string()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        years(Indicator::Gdp),
        [(Some(2007), "dongguan-today-humen".to_owned()), (Some(2012), "china-daily-2013-humen".to_owned())]
    );
    assert_eq!(
        years(Indicator::Population),
        [(None, "china-daily-2013-humen".to_owned()), (Some(2010), "dongguan-today-2010-census".to_owned())]
    );
    for o in humen.key_facts().observations() {
        assert_eq!(strength(o.source().as_str()), Some(SourceStrength::Medium), "{:?}", o.indicator());
    }
    assert_eq!(strength("yang-2020-exo-urbanisation"), Some(SourceStrength::Strong));
    assert!(
        atlas.source("yang-2020-exo-urbanisation").unwrap().note().unwrap().starts_with("only the abstract was read")
    );

    // Dongguan's industrialisation "predominantly driven by Hong Kong
    // investment in the 1980s": its profile now sets all five of the
    // archetype's dimensions.
    let dongguan = atlas.town("dongguan").unwrap();
    let archetype = regdev::RegionalModel::PearlRiverDelta.archetype();
    assert!(
        Dimension::ALL.iter().all(|&d| archetype.profile().get(d).is_none() || dongguan.profile().get(d).is_some())
    );
    assert_eq!(
        dongguan.profile_sources().get(&Dimension::Dynamics).map(|s| s.as_str()),
        Some("hkiaps-dongguan-hk-taiwan")
    );

    let dalingshan = atlas.town("dalingshan").unwrap();
    assert!(dalingshan.model().is_none());
    assert_eq!(dalingshan.parent().map(|p| p.as_str()), Some("dongguan"));
    let shared: Vec<Dimension> = Dimension::ALL
        .iter()
        .copied()
        .filter(|&d| archetype.profile().get(d).is_some() && dalingshan.profile().get(d).is_some())
        .filter(|&d| archetype.profile().get(d) == dalingshan.profile().get(d))
        .collect();
    assert_eq!(shared.len(), 4, "{shared:?}");
    assert!(dalingshan.profile().ownership.is_none());
    for d in Dimension::ALL {
        for c in dalingshan.profile_claims().claims(*d) {
            assert_ne!(strength(c.source().as_str()), Some(SourceStrength::Weak), "{d}");
        }
    }
    assert!(dalingshan.notes().iter().any(|n| n.value().starts_with("no model label")));
    // The crate's own classification puts it nearest the model it is not
    // labelled with.
    let c = atlas.classify("dalingshan").unwrap();
    assert_eq!(c.best().map(|r| r.name()), Some("Pearl River Delta"));
}

/// Label fidelity (issue 11): every model label but Shunde's (whose two
/// ranked claims are pinned in tests/model_claims.rs) rests on a medium or
/// strong source whose recorded text says the town is a case or example
/// of that model, and where the source says so only by implication the
/// town's model note says that too.
#[test]
fn every_label_source_quotes_what_makes_the_town_a_case() {
    use regdev::{RegionalModel, SourceStrength};
    let atlas = Atlas::builtin();
    // town, model, label source, text the source's title or note must hold.
    let expected: &[(&str, RegionalModel, &str, &[&str])] = &[
        ("kunshan", RegionalModel::Sunan, "wei-2010", &["remaking the Sunan model", "through a study of Kunshan City"]),
        (
            "wuxi",
            RegionalModel::Sunan,
            "yuan-wei-chen-2014",
            &["investigates the transition of the Sunan model", "through a case study of Wuxi City"],
        ),
        ("huaxi", RegionalModel::Sunan, "tencent-news-huaxi", &["在苏南模式大规模解体的今天", "“集体主义”大道上"]),
        (
            "dongguan",
            RegionalModel::PearlRiverDelta,
            "hku-yeh-dongguan",
            &["Pearl River Delta – A Case Study of Dongguan"],
        ),
        ("wenzhou", RegionalModel::Wenzhou, "walcott-2007", &["This research outlines the Wenzhou Model"]),
        (
            "qiaotou",
            RegionalModel::Wenzhou,
            "hessler-natgeo-2007",
            &[
                "The Wenzhou Model, as it became known, spread throughout southern Zhejiang Province",
                "At Qiaotou, I stopped",
            ],
        ),
        ("liushi", RegionalModel::Wenzhou, "zhu-chen-liushi", &["以乐清市柳市镇为案例"]),
        (
            "shunde",
            RegionalModel::PearlRiverDelta,
            "zh-wikipedia-four-tigers",
            &["费孝通曾将'广东四小虎'模式总括为'珠江模式'", "(the four: 南海, 顺德, 东莞, 中山)"],
        ),
        (
            "guzhen",
            RegionalModel::PearlRiverDelta,
            "zh-wikipedia-four-tigers",
            &["费孝通曾将'广东四小虎'模式总括为'珠江模式'", "珠江西岸的中山模式、顺德模式、南海模式", "中山古镇的灯饰"],
        ),
    ];
    for &(town, model, source, quotes) in expected {
        let t = atlas.town(town).unwrap();
        let label = t.model().unwrap();
        assert_eq!((*label.value(), label.source().as_str()), (model, source), "{town}");
        let s = atlas.source(source).unwrap();
        assert!(matches!(s.strength(), Some(SourceStrength::Strong | SourceStrength::Medium)), "{town}: {source}");
        let text = format!("{} {}", s.title(), s.note().unwrap_or_default());
        for q in quotes {
            assert!(text.contains(q), "{town}: {source} lacks {q:?}");
        }
    }
    // Every labelled town is in the table: a new label needs a row.
    for t in atlas.towns() {
        if t.model().is_some() {
            assert!(expected.iter().any(|e| e.0 == t.id().as_str()), "{}", t.id());
        }
    }
    // Where the source says it by implication only, the town's note says so.
    let qiaotou = atlas.town("qiaotou").unwrap();
    assert!(qiaotou.notes().iter().any(|n| n.value().starts_with("model: ")
        && n.value().contains("not in one sentence")
        && n.source().as_str() == "hessler-natgeo-2007"));
    let hessler = atlas.source("hessler-natgeo-2007").unwrap();
    assert!(hessler.url().unwrap().starts_with("http://ngm.nationalgeographic.com/2007/06/instant-cities/"));
    let huaxi = atlas.town("huaxi").unwrap();
    assert!(huaxi.notes().iter().any(|n| n.value().starts_with("model: Tencent News")
        && n.value().contains("does not call it a case of the model in so many words")));
    let guzhen = atlas.town("guzhen").unwrap();
    assert!(guzhen.notes().iter().any(|n| n.value().starts_with("model: ")
        && n.value().contains("not a case study in one sentence")
        && n.source().as_str() == "zh-wikipedia-four-tigers"));
}

/// Guzhen, Zhongshan's lighting town, is the Pearl River Delta's third
/// case: the article that gives the four little tigers' model its name
/// names Guzhen's lighting as an example of the west-bank mode. Its
/// profile shares four of the archetype's five dimensions but holds the
/// west-bank values the sources give (collective, domestic, household
/// workshops), not the archetype's; every claim rests on a medium source,
/// and the weak page that disagrees on ownership backs only a note.
#[test]
fn guzhen_is_a_west_bank_case_with_the_sources_values() {
    use regdev::{
        Dimension, DrivingActor, Dynamics, Indicator, MarketOrientation, Ownership, RegionalModel, SourceStrength,
    };
    let atlas = Atlas::builtin();
    let strength = |id: &str| atlas.source(id).unwrap().strength();
    let guzhen = atlas.town("guzhen").unwrap();
    assert_eq!(guzhen.parent().map(|p| p.as_str()), Some("zhongshan"));
    assert_eq!(guzhen.statistical_code().map(|c| c.code().as_str()), Some("442000105"));
    assert_eq!(*guzhen.model().unwrap().value(), RegionalModel::PearlRiverDelta);
    // Zhongshan, one of the four tigers, is a parent only: two dimensions
    // sourced are too few for a label.
    let zhongshan = atlas.town("zhongshan").unwrap();
    assert!(zhongshan.model().is_none() && zhongshan.profile().is_empty());

    let p = guzhen.profile();
    assert_eq!(p.market_orientation, Some(MarketOrientation::Domestic));
    assert_eq!(p.ownership, Some(Ownership::Collective));
    assert_eq!(p.dynamics, Some(Dynamics::BottomUpPrivate));
    assert_eq!(p.driving_actor, Some(DrivingActor::HouseholdEntrepreneurs));
    assert!(p.capital_origin.is_none(), "no source read states the origin of Guzhen's capital");
    let archetype = RegionalModel::PearlRiverDelta.archetype();
    let shared: Vec<Dimension> = Dimension::ALL
        .iter()
        .copied()
        .filter(|&d| archetype.profile().get(d).is_some() && p.get(d).is_some())
        .collect();
    assert_eq!(shared.len(), 4);
    // None of the four agrees with the archetype: the values are the sources'.
    assert!(shared.iter().all(|&d| archetype.profile().get(d) != p.get(d)));
    for d in &shared {
        for c in guzhen.profile_claims().claims(*d) {
            assert_eq!(strength(c.source().as_str()), Some(SourceStrength::Medium), "{d:?}");
        }
    }
    let ownership: Vec<String> =
        guzhen.profile_claims().claims(Dimension::Ownership).iter().map(|c| c.source().to_string()).collect();
    assert_eq!(ownership, ["china-org-cn-2009-guzhen", "zh-wikipedia-four-tigers"]);
    // The weak seller's blog that disagrees (private > 95%) is a note only.
    assert_eq!(strength("inlamp-2018-guzhen"), Some(SourceStrength::Weak));
    assert!(
        guzhen
            .notes()
            .iter()
            .any(|n| n.source().as_str() == "inlamp-2018-guzhen" && n.value().starts_with("disagrees on ownership"))
    );

    // Key facts as time series: national market share 2001, 2009, 2012;
    // exports 2001 and 2012; population 2009, 2013, 2020.
    let years = |indicator: Indicator| -> Vec<Option<i64>> {
        let mut v: Vec<_> = guzhen
            .key_facts()
            .observations()
            .iter()
            .filter(|o| o.indicator() == indicator && o.kind() != Some(regdev::ObservationKind::Migrant))
            .map(|o| o.year().map(|y| y.get()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(years(Indicator::MarketShare), [Some(2001), Some(2009), Some(2012)]);
    assert_eq!(years(Indicator::Exports), [Some(2001), Some(2012)]);
    assert_eq!(years(Indicator::Population), [Some(2009), Some(2013), Some(2020)]);
    for o in guzhen.key_facts().observations() {
        assert_eq!(strength(o.source().as_str()), Some(SourceStrength::Medium));
    }

    // Classified, it is nearest the Wenzhou archetype, which the example
    // prints beside its label.
    let c = atlas.classify("guzhen").unwrap();
    assert_eq!(c.best().map(|r| r.name()), Some("Wenzhou"));
    let own = c.ranking().iter().find(|r| r.name() == "Pearl River Delta").unwrap();
    assert_eq!(own.distance().unwrap().compared(), 4);
}
