//! Comparison, Gower distance and classification.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;

use proptest::prelude::*;
use regdev::compare::{Gower, classify, classify_all};
use regdev::dimension::{
    CapitalOrigin, CompetitionMode, DistrictType, DrivingActor, Dynamics, GovernmentRole, IndustryRelation,
    MarketOrientation, Ownership, RiskLevel,
};
use regdev::{Atlas, Compare, Dimension, Place, Profile, RegionalModel, Scale};

const TALK_TABLE: [(&str, &str, &str); 7] = [
    ("Dynamics", "Government-led", "Bottom-up, PPP"),
    ("Economic linkages", "National and global", "Local and regional"),
    ("Institutional borrowing", "From Taiwan", "From Hong Kong and Shenzhen"),
    ("Relations with existing industries", "Loose: Hi-tech Venture", "Tight: reflecting demands of local firms"),
    ("Level of risk", "High: speculative", "Low: gradual"),
    ("Inter-urban competition", "Place competition", "Product competition"),
    ("Mentality of government", "Leader and controller", "Service provider and supporter"),
];

#[test]
fn kunshan_vs_shunde_reproduces_the_talks_table() {
    let atlas = Atlas::builtin();
    let c = atlas.town("kunshan").unwrap().compare(atlas.town("shunde").unwrap()).talk_rows();
    assert_eq!((c.left(), c.right()), ("Kunshan", "Shunde"));
    let rows: Vec<(String, String, String)> = c
        .rows()
        .iter()
        .map(|r| (r.dimension().label().to_owned(), r.left().unwrap().to_string(), r.right().unwrap().to_string()))
        .collect();
    let expected: Vec<(String, String, String)> =
        TALK_TABLE.iter().map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned())).collect();
    assert_eq!(rows, expected);
    assert!(c.rows().iter().all(|r| !r.agrees()), "the talk contrasts every row");

    let text = c.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 9);
    assert!(lines[2].starts_with("Dynamics                            Government-led"));
    // Columns align: every row's right value starts at the same char column.
    for (line, (_, _, right)) in lines[2..].iter().zip(TALK_TABLE) {
        assert_eq!(line.chars().count() - right.chars().count(), lines[0].chars().count() - "Shunde".len(), "{line}");
    }
    let md = c.to_markdown();
    assert_eq!(md.lines().count(), 9);
    assert!(md.contains("| Institutional borrowing | From Taiwan | From Hong Kong and Shenzhen |"));
}

#[test]
fn classification_of_the_cases() {
    let atlas = Atlas::builtin();
    let k = atlas.classify("kunshan").unwrap();
    let got: Vec<(&str, f64)> =
        k.ranking().iter().map(|r| (r.archetype().as_str(), r.distance().unwrap().value())).collect();
    assert_eq!(got[0].0, "pearl-river-delta");
    assert!((got[0].1 - 0.4).abs() < 1e-12);
    assert_eq!(got[1].0, "sunan");
    assert!((got[1].1 - 0.6).abs() < 1e-12);
    assert_eq!(got[2].0, "wenzhou");
    assert!((got[2].1 - 5.0 / 6.0).abs() < 1e-12);

    let s = atlas.classify("shunde").unwrap();
    let got: Vec<(&str, f64)> =
        s.ranking().iter().map(|r| (r.archetype().as_str(), r.distance().unwrap().value())).collect();
    // Shunde's export orientation (IPP Review 2019) ties the Pearl River
    // Delta and Wenzhou archetypes; ties keep the archetypes' order.
    assert_eq!(got[0].0, "pearl-river-delta");
    assert!((got[0].1 - 0.75).abs() < 1e-12);
    assert_eq!(got[1].0, "wenzhou");
    assert!((got[1].1 - 0.75).abs() < 1e-12);
    assert_eq!(got[2].0, "sunan");
    assert!((got[2].1 - 0.9).abs() < 1e-12);
    assert!(atlas.classify("nowhere").is_err());
}

#[test]
fn each_archetype_classifies_as_itself() {
    let archetypes: Vec<_> = RegionalModel::ALL.iter().map(|m| m.archetype()).collect();
    for a in &archetypes {
        let c = classify(a, &archetypes, &Gower::new());
        assert_eq!(c.best().unwrap().archetype(), a.id());
        assert_eq!(c.best().unwrap().distance().unwrap().value(), 0.0);
    }
    let all = classify_all(archetypes.iter().map(|a| a.profile()), &archetypes, &Gower::new());
    for (a, best) in archetypes.iter().zip(all) {
        assert_eq!(best.unwrap().0, a.id());
    }
}

#[test]
fn town_distance_uses_key_facts_scaled_by_range() {
    let atlas = Atlas::builtin();
    let d = Gower::new().towns(atlas, "kunshan", "shunde").unwrap().unwrap();
    // Each key fact is scaled by its range over the atlas's towns: areas
    // run from Huaxi's 35 km² to Kunshan's 927.68 km².
    let area = d
        .contributions()
        .iter()
        .find(|c| c.feature() == regdev::compare::Feature::KeyFact(regdev::compare::KeyFact::Area))
        .unwrap();
    assert!((area.distance() - (927.68 - 806.5) / (927.68 - 35.0)).abs() < 1e-12, "{}", area.distance());
    for c in d.contributions() {
        if let regdev::compare::Feature::KeyFact(_) = c.feature() {
            assert!((0.0..=1.0).contains(&c.distance()));
        }
    }
    let m = Gower::new().matrix(atlas, ["kunshan", "shunde"]).unwrap();
    assert!((m.get(0, 1).unwrap() - d.value()).abs() < 1e-12);
}

fn arb_profile() -> impl Strategy<Value = Profile> {
    fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = Option<T>> {
        proptest::option::of(proptest::sample::select(all))
    }
    let scales = proptest::option::of(proptest::sample::subsequence(Scale::ALL, 0..=4));
    let places = proptest::option::of(proptest::sample::subsequence(&["Taiwan", "Hong Kong", "Shenzhen"][..], 0..=3));
    (
        (
            pick(Dynamics::ALL),
            scales,
            places,
            pick(IndustryRelation::ALL),
            pick(RiskLevel::ALL),
            pick(CompetitionMode::ALL),
        ),
        (
            pick(GovernmentRole::ALL),
            pick(Ownership::ALL),
            pick(CapitalOrigin::ALL),
            pick(DrivingActor::ALL),
            pick(DistrictType::ALL),
            pick(MarketOrientation::ALL),
        ),
    )
        .prop_map(|((dy, sc, pl, ir, rl, cm), (gr, ow, co, da, dt, mo))| {
            let mut p = Profile::default();
            p.dynamics = dy;
            p.economic_linkages = sc.map(|v| v.into_iter().collect::<BTreeSet<_>>());
            p.institutional_borrowing =
                pl.map(|v| v.into_iter().map(|s| Place::new(s).unwrap()).collect::<BTreeSet<_>>());
            p.industry_relation = ir;
            p.risk_level = rl;
            p.competition = cm;
            p.government_role = gr;
            p.ownership = ow;
            p.capital_origin = co;
            p.driving_actor = da;
            p.district_type = dt;
            p.market_orientation = mo;
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn gower_is_symmetric_bounded_and_zero_on_self(a in arb_profile(), b in arb_profile()) {
        let g = Gower::new();
        let ab = g.profiles(&a, &b).map(|d| d.value());
        let ba = g.profiles(&b, &a).map(|d| d.value());
        prop_assert_eq!(ab, ba);
        if let Some(v) = ab {
            prop_assert!((0.0..=1.0).contains(&v));
        }
        match g.profiles(&a, &a) {
            Some(d) => prop_assert_eq!(d.value(), 0.0),
            None => prop_assert!(a.is_empty()),
        }
    }

    #[test]
    fn contributions_sum_to_the_distance(a in arb_profile(), b in arb_profile(), w in 0.0f64..5.0) {
        let g = Gower::new().weight(Dimension::Dynamics, w).unwrap();
        if let Some(d) = g.profiles(&a, &b) {
            let sum: f64 = d.contributions().iter().map(|c| c.contribution()).sum();
            prop_assert!((sum - d.value()).abs() < 1e-9);
            prop_assert!(d.contributions().iter().all(|c| (0.0..=1.0).contains(&c.distance())));
        }
    }

    #[test]
    fn comparison_rows_match_profiles(a in arb_profile(), b in arb_profile()) {
        let c = a.compare(&b);
        prop_assert_eq!(c.rows().len(), Dimension::ALL.len());
        for r in c.rows() {
            prop_assert_eq!(r.left().cloned(), a.get(r.dimension()));
            prop_assert_eq!(r.right().cloned(), b.get(r.dimension()));
        }
        prop_assert_eq!(c.clone().talk_rows().rows().len(), 7);
    }
}

#[test]
fn jaccard_beyond_64_distinct_places() {
    // 40 + 40 places sharing 10: the second set's places are interned past
    // bit 63, exercising the sorted-list path.
    let set = |range: std::ops::Range<usize>| -> BTreeSet<Place> {
        range.map(|i| Place::new(format!("place {i:03}")).unwrap()).collect()
    };
    let mut a = Profile::default();
    a.institutional_borrowing = Some(set(0..40));
    let mut b = Profile::default();
    b.institutional_borrowing = Some(set(30..70));
    let d = Gower::new().profiles(&a, &b).unwrap();
    assert!((d.value() - (1.0 - 10.0 / 70.0)).abs() < 1e-12, "{}", d.value());
    assert_eq!(Gower::new().profiles(&b, &b).unwrap().value(), 0.0);
}

#[cfg(feature = "synth")]
#[test]
fn matrix_equals_pairwise_town_distances() {
    let atlas = regdev::synth::atlas(&regdev::synth::SynthConfig::new().towns(60).seed(7)).unwrap();
    let ids: Vec<&str> = atlas.towns().map(|t| t.id().as_str()).collect();
    let g = Gower::new();
    let m = g.matrix(&atlas, ids.iter().copied()).unwrap();
    for (i, a) in ids.iter().enumerate() {
        for (j, b) in ids.iter().enumerate() {
            let pair = g.towns(&atlas, a, b).unwrap().map_or(f64::NAN, |d| d.value());
            let cell = m.get(i, j).unwrap();
            if i == j {
                assert_eq!(cell, 0.0);
            } else if pair.is_nan() {
                assert!(cell.is_nan(), "{a} {b}");
            } else {
                assert!((cell - pair).abs() < 1e-12, "{a} {b}: matrix {cell} vs pair {pair}");
            }
        }
    }
}
