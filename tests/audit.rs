//! The audit: pinned findings on the built-in atlas, and each check on
//! small hand-made atlases.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use regdev::audit::{AuditOptions, FindingKind, Severity};
use regdev::{
    AdminLevel, Area, Atlas, Currency, Money, Name, Observed, Population, Source, SourceId, SourceKind, Town, TownId,
    Year,
};

#[test]
fn builtin_findings_are_the_talks_own_inconsistencies() {
    let all = Atlas::builtin().audit();
    assert_eq!(all.len(), 5, "{all:#?}");
    // Guzhen's key facts are series from 2001 (market share, exports) to
    // 2020 (population): far apart in time, which the audit notes.
    let (gap, all): (Vec<_>, Vec<_>) = all.into_iter().partition(|f| f.kind() == FindingKind::YearGap);
    assert_eq!(gap.len(), 1);
    assert_eq!(
        gap[0].to_string(),
        "Info: town 'guzhen', field 'key_facts': its key facts span 2001–2020, more than 10 years apart"
    );
    // Humen's GDP (latest 2012) and population (census 2010) are of
    // different years: no source gives both for one year.
    let (mixed, all): (Vec<_>, Vec<_>) = all.into_iter().partition(|f| f.kind() == FindingKind::MixedYears);
    assert_eq!(mixed.len(), 1);
    assert_eq!(
        mixed[0].to_string(),
        "Info: town 'humen', field 'key_facts': GDP per capita would divide a 2012 GDP by a 2010 population; the derived figure mixes years"
    );
    // Wenzhou's two readings of its market orientation, recorded as ranked claims.
    let (claims, findings): (Vec<_>, Vec<_>) =
        all.into_iter().partition(|f| f.kind() == FindingKind::DisagreeingClaims);
    assert_eq!(claims.len(), 1);
    assert_eq!(
        claims[0].to_string(),
        "Info: town 'wenzhou', field 'profile_claims.market_orientation': sources disagree on market_orientation: \
         \"Export\" (walcott-2007, preferred) vs \"Export\" (china-daily-2010-wenzhou, normal) vs \"Domestic\" (globe-and-mail-2004-wenzhou, normal); \
         the preferred claim (\"Export\", walcott-2007) is used"
    );
    let k = &findings[0];
    assert_eq!(
        (k.town().unwrap().as_str(), k.kind(), k.severity()),
        ("kunshan", FindingKind::Unconvertible, Severity::Info)
    );
    assert_eq!(k.field(), "key_facts.gdp_per_capita");
    assert_eq!(k.values()[0], ("derived".to_owned(), 182_500.0));
    let s = &findings[1];
    assert_eq!(
        (s.town().unwrap().as_str(), s.kind(), s.severity()),
        ("shunde", FindingKind::GdpPerCapitaMismatch, Severity::Warning)
    );
    assert_eq!(
        s.to_string(),
        "Warning: town 'shunde', field 'key_facts.gdp_per_capita': GDP / population = 103252 CNY = 16672 USD, +19.1% from the stated 14000 USD (tolerance 10%)"
    );
    let rel = s.values().iter().find(|(k, _)| k == "relative_difference").unwrap().1;
    assert!((rel - 0.1908).abs() < 1e-3);
}

fn src() -> SourceId {
    SourceId::new("s").unwrap()
}

fn atlas(towns: Vec<Town>) -> Atlas {
    let mut b = Atlas::builder().source(Source::new(src(), SourceKind::Dataset, "test data").unwrap());
    for t in towns {
        b = b.town(t);
    }
    b.build().unwrap()
}

fn town(id: &str, level: AdminLevel) -> regdev::TownBuilder {
    Town::builder(TownId::new(id).unwrap(), Name::new(id).unwrap(), level)
}

#[test]
fn density_children_and_year_gap() {
    let a = atlas(vec![
        town("city", AdminLevel::CountyLevelCity)
            .area(Observed::new(Area::new(10.0).unwrap(), src()))
            .population(Observed::new(Population::new(1_000_000), src()).with_year(Year::new(1990).unwrap()))
            .gdp(Observed::new(Money::new(1e9, Currency::Cny).unwrap(), src()).with_year(Year::new(2015).unwrap()))
            .build()
            .unwrap(),
        town("a", AdminLevel::Town)
            .parent(TownId::new("city").unwrap())
            .area(Observed::new(Area::new(8.0).unwrap(), src()))
            .population(Observed::new(Population::new(700_000), src()))
            .build()
            .unwrap(),
        town("b", AdminLevel::Town)
            .parent(TownId::new("city").unwrap())
            .area(Observed::new(Area::new(3.0).unwrap(), src()))
            .population(Observed::new(Population::new(400_000), src()))
            .build()
            .unwrap(),
    ]);
    let kinds: Vec<(String, FindingKind, String)> =
        a.audit().iter().map(|f| (f.town().unwrap().to_string(), f.kind(), f.field().to_owned())).collect();
    assert_eq!(
        kinds,
        [
            ("city".to_owned(), FindingKind::Density, "key_facts.population".to_owned()),
            ("city".to_owned(), FindingKind::ChildrenExceedParent, "key_facts.area".to_owned()),
            ("city".to_owned(), FindingKind::ChildrenExceedParent, "key_facts.population".to_owned()),
            ("city".to_owned(), FindingKind::YearGap, "key_facts".to_owned()),
            ("city".to_owned(), FindingKind::MixedYears, "key_facts".to_owned()),
            ("a".to_owned(), FindingKind::Density, "key_facts.population".to_owned()),
            ("b".to_owned(), FindingKind::Density, "key_facts.population".to_owned()),
        ]
    );
    // Loosened thresholds silence them.
    let lenient = AuditOptions::default().density_range(0.0, 1e9).unwrap().max_year_gap(100);
    let left: Vec<FindingKind> = a.audit_with(&lenient).iter().map(|f| f.kind()).collect();
    assert_eq!(left, [FindingKind::ChildrenExceedParent, FindingKind::ChildrenExceedParent, FindingKind::MixedYears]);
}

#[test]
fn per_capita_without_rate_or_year_is_reported_not_guessed() {
    let a = atlas(vec![
        town("dated", AdminLevel::Town)
            .population(Observed::new(Population::new(1000), src()))
            .gdp(Observed::new(Money::new(1e8, Currency::Cny).unwrap(), src()).with_year(Year::new(2001).unwrap()))
            .gdp_per_capita(Observed::new(Money::new(12_000.0, Currency::Usd).unwrap(), src()))
            .build()
            .unwrap(),
        town("same-currency", AdminLevel::Town)
            .population(Observed::new(Population::new(1000), src()))
            .gdp(Observed::new(Money::new(1e8, Currency::Cny).unwrap(), src()))
            .gdp_per_capita(Observed::new(Money::new(100_000.0, Currency::Cny).unwrap(), src()))
            .build()
            .unwrap(),
    ]);
    let f = a.audit();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].kind(), FindingKind::Unconvertible);
    assert!(f[0].message().contains("no CNY/USD exchange rate for 2001"), "{}", f[0].message());
}

#[test]
fn a_profile_contradicting_its_graph_is_flagged() {
    use regdev::{Actor, ActorId, ActorKind, DimensionValue, Linkage, LinkageGraph, LinkageKind, Place, Scale};
    let a = ActorId::new("a").unwrap();
    let b = ActorId::new("b").unwrap();
    let graph = LinkageGraph::builder(TownId::new("t").unwrap())
        .actor(Actor::new(a.clone(), "A", ActorKind::Place).unwrap().with_place("Hong Kong").unwrap())
        .actor(Actor::new(b.clone(), "B", ActorKind::LocalGovernment).unwrap())
        .linkage(a, b, Linkage::new(LinkageKind::InstitutionalBorrowing, Scale::Regional, src()))
        .build()
        .unwrap();
    let t = town("t", AdminLevel::Town)
        .dimension(DimensionValue::EconomicLinkages([Scale::Global].into()), src())
        .dimension(DimensionValue::InstitutionalBorrowing([Place::new("Taiwan").unwrap()].into()), src())
        .build()
        .unwrap();
    let atlas = Atlas::builder()
        .source(Source::new(src(), SourceKind::Dataset, "test data").unwrap())
        .town(t)
        .graph(graph)
        .build()
        .unwrap();
    let f: Vec<(FindingKind, String)> = atlas.audit().iter().map(|f| (f.kind(), f.field().to_owned())).collect();
    assert_eq!(
        f,
        [
            (FindingKind::ProfileContradictsGraph, "profile.economic_linkages".to_owned()),
            (FindingKind::ProfileContradictsGraph, "profile.institutional_borrowing".to_owned()),
        ]
    );
    assert!(
        atlas.audit()[0]
            .message()
            .starts_with("the profile asserts \"Global\" but the linkage graph gives \"Regional\"")
    );
}

#[test]
fn derived_figures_of_mixed_years_are_flagged() {
    let a = atlas(vec![
        town("mixed", AdminLevel::Town)
            .population(Observed::new(Population::new(1000), src()).with_year(Year::new(2017).unwrap()))
            .gdp(Observed::new(Money::new(1e8, Currency::Cny).unwrap(), src()).with_year(Year::new(2014).unwrap()))
            .build()
            .unwrap(),
        town("same", AdminLevel::Town)
            .population(Observed::new(Population::new(1000), src()).with_year(Year::new(2014).unwrap()))
            .gdp(Observed::new(Money::new(1e8, Currency::Cny).unwrap(), src()).with_year(Year::new(2014).unwrap()))
            .build()
            .unwrap(),
        // States a GDP per head (equal to the derived one: no other
        // finding), so the check against it compares with a mixed figure.
        town("stated", AdminLevel::Town)
            .population(Observed::new(Population::new(1000), src()).with_year(Year::new(2017).unwrap()))
            .gdp(Observed::new(Money::new(1e8, Currency::Cny).unwrap(), src()).with_year(Year::new(2014).unwrap()))
            .gdp_per_capita(Observed::new(Money::new(1e5, Currency::Cny).unwrap(), src()))
            .build()
            .unwrap(),
    ]);
    let f = a.audit();
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(f.iter().all(|f| f.kind() == FindingKind::MixedYears));
    assert_eq!(
        f[0].to_string(),
        "Info: town 'mixed', field 'key_facts': GDP per capita would divide a 2014 GDP by a 2017 population; \
         the derived figure mixes years"
    );
    assert_eq!(f[1].town().unwrap().as_str(), "stated");
    assert_eq!(f[1].severity(), Severity::Warning);
}

#[test]
fn no_trivial_conversion_is_printed() {
    let a = atlas(vec![
        town("t", AdminLevel::Town)
            .population(Observed::new(Population::new(1000), src()))
            .gdp(Observed::new(Money::new(159_474_000.0, Currency::Cny).unwrap(), src()))
            .gdp_per_capita(Observed::new(Money::new(100_000.0, Currency::Cny).unwrap(), src()))
            .build()
            .unwrap(),
    ]);
    let f = a.audit();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        f[0].message(),
        "GDP / population = 159474 CNY, +59.5% from the stated 100000 CNY (tolerance 10%)",
        "one currency: no \"159474 CNY = 159474 CNY\""
    );
}

#[test]
fn a_weak_source_behind_a_claim_is_flagged_but_not_behind_a_note() {
    use regdev::Dynamics;
    use regdev::{DimensionValue, IndustryDivision, SourceStrength, Specialisation};
    let weak = SourceId::new("blog").unwrap();
    let strong = SourceId::new("paper").unwrap();
    let t = town("t", AdminLevel::Town)
        .area(Observed::new(Area::new(10.0).unwrap(), weak.clone()))
        .population(Observed::new(Population::new(1000), strong.clone()))
        .dimension(DimensionValue::Dynamics(Dynamics::GovernmentLed), weak.clone())
        .specialisation(Specialisation::new(IndustryDivision::C18, "denim", weak.clone()).unwrap())
        .note(Observed::new("a note".to_owned(), weak.clone()))
        .build()
        .unwrap();
    let atlas = Atlas::builder()
        .source(Source::new(weak, SourceKind::WebPage, "a blog").unwrap().with_strength(SourceStrength::Weak))
        .source(Source::new(strong, SourceKind::Article, "a paper").unwrap().with_strength(SourceStrength::Strong))
        .town(t)
        .build()
        .unwrap();
    let mut fields: Vec<String> = atlas
        .audit()
        .into_iter()
        .filter(|f| f.kind() == FindingKind::WeakSource)
        .inspect(|f| assert_eq!(f.severity(), Severity::Warning))
        .map(|f| f.field().to_owned())
        .collect();
    fields.sort();
    assert_eq!(fields.len(), 2, "{fields:?}");
    assert!(fields[0].starts_with("key_facts.area"), "{fields:?}");
    assert!(fields[1].starts_with("profile"), "{fields:?}");
}

#[test]
fn disagreeing_claims_are_listed_with_both_values_and_sources() {
    use regdev::MarketOrientation;
    use regdev::{Claim, DimensionValue, Period, Rank};
    let (a, b) = (SourceId::new("classic").unwrap(), SourceId::new("modern").unwrap());
    let market = |m| DimensionValue::MarketOrientation(m);
    // Settled by a preferred claim: info, naming the value used.
    let settled = town("settled", AdminLevel::Town)
        .claim(Claim::new(market(MarketOrientation::Domestic), a.clone()))
        .claim(Claim::new(market(MarketOrientation::Export), b.clone()).ranked(Rank::Preferred))
        .build()
        .unwrap();
    // Two normal claims: warning, the dimension is left unset.
    let open = town("open", AdminLevel::Town)
        .claim(Claim::new(market(MarketOrientation::Domestic), a.clone()))
        .claim(Claim::new(market(MarketOrientation::Export), b.clone()))
        .build()
        .unwrap();
    // Claims of different periods, and a deprecated claim, are no disagreement.
    let y = |y| Year::new(y).unwrap();
    let dated = town("dated", AdminLevel::Town)
        .claim(
            Claim::new(market(MarketOrientation::Domestic), a.clone())
                .with_period(Period::new(y(1980), Some(y(1999))).unwrap()),
        )
        .claim(
            Claim::new(market(MarketOrientation::Export), b.clone()).with_period(Period::new(y(2000), None).unwrap()),
        )
        .claim(
            Claim::new(market(MarketOrientation::Domestic), b.clone())
                .with_period(Period::new(y(2001), None).unwrap())
                .ranked(Rank::Deprecated),
        )
        .build()
        .unwrap();
    let atlas = Atlas::builder()
        .source(Source::new(a, SourceKind::Book, "classic reading").unwrap())
        .source(Source::new(b, SourceKind::Article, "modern reading").unwrap())
        .town(settled)
        .town(open)
        .town(dated)
        .build()
        .unwrap();
    let found: Vec<_> = atlas.audit().into_iter().filter(|f| f.kind() == FindingKind::DisagreeingClaims).collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].to_string(),
        "Info: town 'settled', field 'profile_claims.market_orientation': sources disagree on market_orientation: \
         \"Domestic\" (classic, normal) vs \"Export\" (modern, preferred); the preferred claim (\"Export\", modern) is used"
    );
    assert_eq!(found[1].severity(), Severity::Warning);
    assert_eq!(found[1].town().unwrap().as_str(), "open");
    assert!(
        found[1].message().contains("\"Domestic\" (classic, normal) vs \"Export\" (modern, normal)"),
        "{}",
        found[1]
    );
    assert!(found[1].message().contains("none is preferred"), "{}", found[1]);
    assert_eq!(atlas.town("open").unwrap().profile().market_orientation, None);
}

#[test]
fn archetypes_disagreeing_claims_and_weak_sources_are_findings() {
    use regdev::audit::Subject;
    use regdev::{Archetype, ArchetypeId, Claim, DimensionValue, Rank, SourceStrength};
    use regdev::{MarketOrientation, Ownership};
    let (a, b, w) =
        (SourceId::new("classic").unwrap(), SourceId::new("modern").unwrap(), SourceId::new("blog").unwrap());
    let market = |m| DimensionValue::MarketOrientation(m);
    // Two normal claims that disagree: warning, the dimension is left unset.
    let open = Archetype::builder(ArchetypeId::new("open-model").unwrap(), "Open model")
        .claim(Claim::new(market(MarketOrientation::Domestic), a.clone()))
        .claim(Claim::new(market(MarketOrientation::Export), b.clone()))
        .build()
        .unwrap();
    // Settled by a preferred claim: info; and one claim rests on a weak source.
    let settled = Archetype::builder(ArchetypeId::new("settled-model").unwrap(), "Settled model")
        .claim(Claim::new(market(MarketOrientation::Domestic), a.clone()))
        .claim(Claim::new(market(MarketOrientation::Export), b.clone()).ranked(Rank::Preferred))
        .claim(Claim::new(DimensionValue::Ownership(Ownership::Private), w.clone()))
        .build()
        .unwrap();
    // Agreeing claims are no finding.
    let quiet = Archetype::builder(ArchetypeId::new("quiet-model").unwrap(), "Quiet model")
        .claim(Claim::new(market(MarketOrientation::Export), a.clone()))
        .claim(Claim::new(market(MarketOrientation::Export), b.clone()))
        .build()
        .unwrap();
    let atlas = Atlas::builder()
        .source(Source::new(a, SourceKind::Book, "classic reading").unwrap().with_strength(SourceStrength::Strong))
        .source(Source::new(b, SourceKind::Article, "modern reading").unwrap().with_strength(SourceStrength::Medium))
        .source(Source::new(w, SourceKind::WebPage, "a blog").unwrap().with_strength(SourceStrength::Weak))
        .archetype(open)
        .archetype(settled)
        .archetype(quiet)
        .build()
        .unwrap();
    let found = atlas.audit();
    let listed: Vec<(String, FindingKind, Severity, &str)> =
        found.iter().map(|f| (f.subject().to_string(), f.kind(), f.severity(), f.field())).collect();
    assert_eq!(
        listed,
        [
            (
                "archetype 'open-model'".to_owned(),
                FindingKind::DisagreeingClaims,
                Severity::Warning,
                "profile_claims.market_orientation"
            ),
            (
                "archetype 'settled-model'".to_owned(),
                FindingKind::WeakSource,
                Severity::Warning,
                "profile_claims.ownership"
            ),
            (
                "archetype 'settled-model'".to_owned(),
                FindingKind::DisagreeingClaims,
                Severity::Info,
                "profile_claims.market_orientation"
            ),
        ]
    );
    assert!(found.iter().all(|f| f.town().is_none() && f.archetype().is_some()));
    assert!(matches!(found[0].subject(), Subject::Archetype(id) if id.as_str() == "open-model"));
    assert_eq!(
        found[0].to_string(),
        "Warning: archetype 'open-model', field 'profile_claims.market_orientation': sources disagree on \
         market_orientation: \"Domestic\" (classic, normal) vs \"Export\" (modern, normal); none is preferred, so \
         comparison leaves the dimension unset where they compete"
    );
    assert!(found[1].message().contains("'blog' is a weak source"), "{}", found[1]);
    assert!(found[2].message().contains("the preferred claim (\"Export\", modern) is used"), "{}", found[2]);
    assert_eq!(atlas.archetype("open-model").unwrap().profile().market_orientation, None);
}

#[test]
fn findings_round_trip_through_json_naming_a_town_or_an_archetype() {
    use regdev::audit::Finding;
    let findings = Atlas::builtin().audit();
    let json = serde_json::to_string(&findings).unwrap();
    assert!(json.contains("\"town\":\"shunde\""), "{json}");
    assert!(!json.contains("\"archetype\""), "{json}");
    let back: Vec<Finding> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, findings);
    let archetype = r#"{"severity":"info","kind":"disagreeing_claims","archetype":"wenzhou","field":"f","message":"m","values":[]}"#;
    let f: Finding = serde_json::from_str(archetype).unwrap();
    assert_eq!(f.archetype().map(|a| a.as_str()), Some("wenzhou"));
    assert_eq!(serde_json::to_string(&f).unwrap(), archetype);
    // Exactly one subject: neither or both is an error naming the field.
    let neither = r#"{"severity":"info","kind":"disagreeing_claims","field":"f","message":"m","values":[]}"#;
    let e = serde_json::from_str::<Finding>(neither).unwrap_err().to_string();
    assert!(e.contains("missing required field 'finding town or archetype'"), "{e}");
    let both = r#"{"severity":"info","kind":"disagreeing_claims","town":"t","archetype":"a","field":"f","message":"m","values":[]}"#;
    let e = serde_json::from_str::<Finding>(both).unwrap_err().to_string();
    assert!(e.contains("finding subject 'town 't' and archetype 'a'' is listed twice"), "{e}");
}
