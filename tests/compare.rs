//! Comparison, Gower distance and classification.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;

use regdev::{Atlas, Compare, Dimension, Place, Profile, RegionalModel};
use regdev::{Gower, classify, classify_all};

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
        let c = classify(a, &archetypes, &Gower::new()).unwrap();
        assert_eq!(c.best().unwrap().archetype(), a.id());
        assert_eq!(c.best().unwrap().distance().unwrap().value(), 0.0);
    }
    let all = classify_all(&archetypes, &archetypes, &Gower::new()).unwrap();
    for (a, c) in archetypes.iter().zip(all) {
        assert_eq!(c.best().unwrap().archetype(), a.id());
    }
}

#[test]
fn town_distance_uses_key_facts_scaled_by_range() {
    let atlas = Atlas::builtin();
    let fitted = Gower::new().fit(atlas);
    let (kunshan, shunde) = (atlas.town("kunshan").unwrap(), atlas.town("shunde").unwrap());
    let d = fitted.towns(kunshan, shunde).unwrap();
    // Each key fact is scaled by its range over the atlas's towns: areas
    // run from Huaxi's 35 km² to Kunshan's 927.68 km².
    let area = d.contributions().find(|c| c.feature() == regdev::Feature::KeyFact(regdev::KeyFact::Area)).unwrap();
    assert!((area.distance() - (927.68 - 806.5) / (927.68 - 35.0)).abs() < 1e-12, "{}", area.distance());
    for c in d.contributions() {
        if let regdev::Feature::KeyFact(_) = c.feature() {
            assert!((0.0..=1.0).contains(&c.distance()));
        }
    }
    let m = fitted.matrix([kunshan, shunde]).unwrap();
    assert!((m.get(0, 1).unwrap() - d.value()).abs() < 1e-12);
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
    let towns: Vec<&regdev::Town> = atlas.towns().collect();
    let g = Gower::new().fit(&atlas);
    let m = g.matrix(towns.iter().copied()).unwrap();
    for (i, a) in towns.iter().enumerate() {
        for (j, b) in towns.iter().enumerate() {
            let (a, b) = (a.id(), b.id());
            let pair = g.towns(towns[i], towns[j]).map_or(f64::NAN, |d| d.value());
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

#[test]
fn huge_weights_do_not_overflow() {
    // Found downstream: two weights of 1e308 summed to infinity and every
    // distance became 0.0. Weights are normalised by the largest now.
    let (kunshan, sunan) = (Atlas::builtin().town("kunshan").unwrap(), RegionalModel::Sunan.archetype());
    let plain = Gower::new().only([Dimension::Dynamics, Dimension::Ownership]);
    let huge = plain.clone().weight(Dimension::Dynamics, 1e308).unwrap().weight(Dimension::Ownership, 1e308).unwrap();
    let a = plain.profiles(kunshan.profile(), sunan.profile()).unwrap();
    let b = huge.profiles(kunshan.profile(), sunan.profile()).unwrap();
    assert_eq!(a.value(), 0.5);
    assert_eq!(b.value(), a.value());
    assert_eq!(b.coverage(), a.coverage());
    assert!(b.contributions().all(|c| c.weight() == 1e308 && c.contribution().is_finite()));
    // The batch path and the matrix agree.
    let all = classify_all([kunshan], [&sunan], &huge).unwrap();
    assert_eq!(all[0].best().unwrap().distance().unwrap().value(), 0.5);
    assert!(Gower::new().weight(Dimension::Dynamics, f64::INFINITY).is_err());
}

#[test]
fn verdicts_of_the_cases() {
    use regdev::{Verdict, VerdictRule};
    let atlas = Atlas::builtin();
    let k = atlas.classify("kunshan").unwrap();
    assert_eq!(k.verdict(), Verdict::Nearest);
    let best = k.best().unwrap().distance().unwrap();
    assert_eq!((best.compared(), best.coverage()), (5, 1.0));
    assert!(k.to_string().contains("verdict: nearest — Pearl River Delta (0.400, 5 features, coverage 1.00)"));
    // Shunde: its export orientation (IPP Review 2019) ties PRD and Wenzhou
    // at 0.75, ahead of Sunan at 0.9.
    let s = atlas.classify("shunde").unwrap();
    assert_eq!(s.verdict(), Verdict::Tie);
    assert_eq!(s.ranking().iter().map(|r| r.rank()).collect::<Vec<_>>(), [1, 1, 3]);
    assert!(s.to_string().contains("1= Pearl River Delta"), "{s}");
    assert_eq!(s.nearest().len(), 2);
    // A wider tolerance ties all three (0.75, 0.75 and 0.9).
    let wide = s.with_rule(VerdictRule::default().tie_tolerance(0.2).unwrap());
    assert_eq!(wide.verdict(), Verdict::Tie);
    assert_eq!(wide.nearest().len(), 3);
    // A town without a profile: nothing to go on.
    let empty = atlas.towns().find(|t| t.profile().is_empty()).unwrap();
    let e = atlas.classify(empty.id().as_str()).unwrap();
    assert_eq!(e.verdict(), Verdict::InsufficientEvidence);
    assert!(e.best().is_none());
}

#[test]
fn one_shared_dimension_is_not_enough() {
    use regdev::Ownership;
    use regdev::Verdict;
    // The case: a thin profile matching Sunan on one dimension
    // is at distance 0, but with coverage 1/5 the verdict says so.
    let thin = Profile::default().with(regdev::DimensionValue::Ownership(Ownership::Collective));
    let archetypes: Vec<_> = RegionalModel::ALL.iter().map(|m| m.archetype()).collect();
    let c = classify(&thin, &archetypes, &Gower::new()).unwrap();
    let best = c.best().unwrap();
    assert_eq!(best.archetype().as_str(), "sunan");
    assert_eq!(best.distance().unwrap().value(), 0.0);
    assert_eq!(best.distance().unwrap().compared(), 1);
    assert!(best.distance().unwrap().coverage() < 0.5);
    assert_eq!(c.verdict(), Verdict::InsufficientEvidence);
    assert!(c.verdict_line().contains("insufficient evidence"), "{}", c.verdict_line());
}

#[test]
fn simple_matching_only_compares_nominal_dimensions() {
    use regdev::{Feature, ProfileMetric, SimpleMatching};
    let atlas = Atlas::builtin();
    let (kunshan, shunde) = (atlas.town("kunshan").unwrap(), atlas.town("shunde").unwrap());
    let d = kunshan.distance_with(shunde, &SimpleMatching).unwrap().unwrap();
    // Kunshan and Shunde differ on every talk row: the three nominal ones
    // (dynamics, competition, government) plus the rest they share.
    assert!(d.features().all(|f| matches!(f, Feature::Dimension(d) if d.kind() == regdev::DimensionKind::Nominal)));
    assert!(d.uncompared().any(|f| f == Feature::Dimension(Dimension::RiskLevel)));
    assert!(d.coverage() < 1.0);
    assert_eq!(SimpleMatching.name(), "simple matching");
    let archetypes: Vec<_> = atlas.archetypes().collect();
    let one = classify(kunshan, archetypes.iter().copied(), &SimpleMatching).unwrap();
    let all = classify_all(atlas.towns(), archetypes.iter().copied(), &SimpleMatching).unwrap();
    assert_eq!(all.iter().find(|c| c.subject() == "Kunshan"), Some(&one));
    assert_eq!(one.measure(), "simple matching");
}

/// Labels are borrowed from what is classified, so a classification of a
/// town costs no copy of its name; a label computed on demand (owned)
/// works the same, alone and in batches.
#[test]
fn labels_are_borrowed_or_owned() {
    use std::borrow::Cow;

    let atlas = Atlas::builtin();
    let kunshan = atlas.town("kunshan").unwrap();
    assert!(matches!(kunshan.label(), Cow::Borrowed("Kunshan")));
    let sunan = RegionalModel::Sunan.archetype();
    assert!(matches!(sunan.label(), Cow::Borrowed("Sunan")));
    let c = classify(kunshan, atlas.archetypes(), &Gower::new()).unwrap();
    assert!(std::ptr::eq(c.subject().as_ptr(), kunshan.name().english().as_ptr()));

    /// A case whose label is made when asked.
    struct Numbered(usize, Profile);
    impl Compare for Numbered {
        fn label(&self) -> Cow<'_, str> {
            Cow::Owned(format!("case {}", self.0))
        }
        fn profile(&self) -> Cow<'_, Profile> {
            Cow::Borrowed(&self.1)
        }
    }
    let cases: Vec<Numbered> = atlas.towns().enumerate().map(|(i, t)| Numbered(i, t.profile().clone())).collect();
    let by_town = classify_all(atlas.towns(), atlas.archetypes(), &Gower::new()).unwrap();
    let by_case = classify_all(cases.iter(), atlas.archetypes(), &Gower::new()).unwrap();
    assert_eq!(by_case.len(), by_town.len());
    for (i, (x, y)) in by_case.iter().zip(&by_town).enumerate() {
        assert_eq!(x.subject(), format!("case {i}"));
        assert_eq!(x.ranking(), y.ranking());
        assert_eq!(x.verdict(), y.verdict());
    }
}

/// Ranks, ties and verdicts of a batch: nearest first, tied distances
/// share a rank and keep the archetypes' order, not comparable archetypes
/// come last; the same whether there are fewer archetypes than a
/// classification holds inline or more.
#[test]
fn batch_rankings_order_ties_and_verdicts() {
    use regdev::{Archetype, ArchetypeId, DimensionValue, Dynamics, Ownership, SourceId, Verdict};

    let src = SourceId::new("qiao-talk").unwrap();
    let archetype = |id: &str, values: &[DimensionValue]| {
        let mut b = Archetype::builder(ArchetypeId::new(id).unwrap(), id);
        for v in values {
            b = b.dimension(v.clone(), src.clone());
        }
        b.build().unwrap()
    };
    use DimensionValue as V;
    let gov = V::Dynamics(Dynamics::GovernmentLed);
    let fdi = V::Dynamics(Dynamics::ForeignInvestmentLed);
    let collective = V::Ownership(Ownership::Collective);
    let private = V::Ownership(Ownership::Private);
    let a = archetype("a", &[gov.clone(), collective.clone()]); // distance 0.5
    let b = archetype("b", &[fdi.clone(), collective.clone()]); // 1.0
    let c = archetype("c", &[gov.clone(), private.clone()]); // 0.0
    let d = archetype("d", &[fdi.clone(), private.clone()]); // 0.5, tied with a
    let e = archetype("e", &[V::RiskLevel(regdev::RiskLevel::Low)]); // not comparable
    let subject = Profile::default().with(gov).with(private);
    for set in [vec![&a, &b, &c], vec![&a, &b, &c, &d, &e]] {
        let one = classify(&subject, set.iter().copied(), &Gower::new()).unwrap();
        let batch = classify_all([&subject, &subject], set.iter().copied(), &Gower::new()).unwrap();
        assert_eq!(batch, [one.clone(), one.clone()]);
        let order: Vec<(&str, usize)> = one.ranking().iter().map(|r| (r.archetype().as_str(), r.rank())).collect();
        if set.len() == 3 {
            assert_eq!(order, [("c", 1), ("a", 2), ("b", 3)]);
        } else {
            assert_eq!(order, [("c", 1), ("a", 2), ("d", 2), ("b", 4), ("e", 5)]);
            assert!(one.ranking()[4].distance().is_none());
        }
        // Two matching dimensions: below the default minimum of three.
        assert_eq!(one.verdict(), Verdict::InsufficientEvidence);
        let lenient = regdev::VerdictRule::default().min_compared(2);
        assert_eq!(one.clone().with_rule(lenient).verdict(), Verdict::Nearest);
        let tolerant = lenient.tie_tolerance(0.5).unwrap();
        assert_eq!(one.with_rule(tolerant).verdict(), Verdict::Tie);
    }
}
