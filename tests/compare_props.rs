//! Property tests of distances, coverage and verdicts, on values drawn
//! from `regdev::arbitrary`.
//!
//! Needs the `proptest` feature: `cargo test --features proptest --test compare_props`.

#![cfg(feature = "proptest")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use proptest::prelude::*;
use regdev::arbitrary;
use regdev::{
    Classification, Gower, ProfileMetric, Ranked, SimpleMatching, Verdict, VerdictRule, classify, classify_all,
};
use regdev::{Compare, Dimension, Distance, Feature, KeyFact, Profile};

/// Gower with a random weight in [0, 5] on each dimension.
fn weighted_gower() -> impl Strategy<Value = Gower> {
    proptest::collection::vec(0.0f64..5.0, Dimension::ALL.len())
        .prop_map(|ws| Dimension::ALL.iter().zip(ws).fold(Gower::new(), |g, (&d, w)| g.weight(d, w).unwrap()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn gower_is_symmetric_bounded_and_zero_on_self(a in arbitrary::profile(), b in arbitrary::profile()) {
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
    fn contributions_sum_to_the_distance(a in arbitrary::profile(), b in arbitrary::profile(), g in weighted_gower()) {
        if let Some(d) = g.profiles(&a, &b) {
            let sum: f64 = d.contributions().map(|c| c.contribution()).sum();
            prop_assert!((sum - d.value()).abs() < 1e-9);
            prop_assert!(d.contributions().all(|c| (0.0..=1.0).contains(&c.distance())));
        }
    }

    #[test]
    fn comparison_rows_match_profiles(a in arbitrary::profile(), b in arbitrary::profile()) {
        let c = a.compare(&b);
        prop_assert_eq!(c.rows().len(), Dimension::ALL.len());
        for r in c.rows() {
            prop_assert_eq!(r.left().cloned(), a.get(r.dimension()));
            prop_assert_eq!(r.right().cloned(), b.get(r.dimension()));
        }
        prop_assert_eq!(c.clone().talk_rows().rows().len(), 7);
    }

    #[test]
    fn coverage_is_a_share(a in arbitrary::profile(), b in arbitrary::profile(), g in weighted_gower()) {
        for d in [g.profiles(&a, &b), SimpleMatching.distance(&a, &b).unwrap()].into_iter().flatten() {
            prop_assert!((0.0..=1.0).contains(&d.coverage()), "{}", d.coverage());
            prop_assert!(d.compared() >= 1);
            prop_assert_eq!(d.compared(), d.features().count());
        }
    }

    #[test]
    fn identical_on_the_archetypes_dimensions_is_distance_0_coverage_1(
        a in arbitrary::archetype(),
        extra in arbitrary::profile(),
    ) {
        // The subject has everything of its own, overwritten by every value
        // the archetype has.
        let mut subject = extra;
        for v in a.profile().values() {
            subject.set(v);
        }
        match subject.distance(&a) {
            Some(d) => {
                prop_assert_eq!(d.value(), 0.0);
                prop_assert_eq!(d.coverage(), 1.0);
                prop_assert_eq!(d.compared(), a.profile().len());
            }
            None => prop_assert!(a.profile().is_empty()),
        }
    }

    #[test]
    fn a_shared_dimension_never_lowers_coverage(
        a in arbitrary::profile(),
        b in arbitrary::profile(),
        v in arbitrary::dimension_value(),
        g in weighted_gower(),
    ) {
        let before = g.profiles(&a, &b).map_or(0.0, |d| d.coverage());
        let (a2, b2) = (a.clone().with(v.clone()), b.clone().with(v));
        let after = g.profiles(&a2, &b2).map_or(0.0, |d| d.coverage());
        prop_assert!(after >= before - 1e-12, "{} -> {}", before, after);
    }

    #[test]
    fn ties_are_reported_within_the_tolerance(
        subject in arbitrary::profile(),
        archetypes in proptest::collection::vec(arbitrary::archetype(), 1..6),
        tol in 0.0f64..0.5,
    ) {
        let rule = VerdictRule::default().tie_tolerance(tol).unwrap().min_compared(0).min_coverage(0.0).unwrap();
        let c = classify(&subject, &archetypes, &Gower::new()).unwrap().with_rule(rule);
        let r = c.ranking();
        for (i, x) in r.iter().enumerate() {
            for y in r.iter().skip(i + 1) {
                if let (Some(dx), Some(dy)) = (x.distance(), y.distance()) {
                    prop_assert!(dx.value() <= dy.value());
                    if (dx.value() - dy.value()).abs() <= tol {  // (ties also allow VerdictRule::ROUNDING)
                        prop_assert_eq!(x.rank(), y.rank());
                    }
                }
            }
        }
        let top: Vec<f64> = r.iter().filter_map(|x| x.distance()).map(|d| d.value()).take(2).collect();
        match top.as_slice() {
            [] => prop_assert_eq!(c.verdict(), Verdict::InsufficientEvidence),
            [a, b] if b - a <= tol + VerdictRule::ROUNDING => prop_assert_eq!(c.verdict(), Verdict::Tie),
            _ => prop_assert_eq!(c.verdict(), Verdict::Nearest),
        }
    }

    #[test]
    fn batch_classification_equals_one_by_one(
        subjects in proptest::collection::vec(arbitrary::profile(), 0..8),
        archetypes in proptest::collection::vec(arbitrary::archetype(), 0..5),
        g in weighted_gower(),
    ) {
        let all = classify_all(&subjects, &archetypes, &g).unwrap();
        prop_assert_eq!(all.len(), subjects.len());
        for (s, batch) in subjects.iter().zip(&all) {
            let one = classify(s, &archetypes, &g).unwrap();
            prop_assert_eq!(batch.verdict(), one.verdict());
            prop_assert_eq!(batch.ranking().len(), one.ranking().len());
            for (x, y) in batch.ranking().iter().zip(one.ranking()) {
                prop_assert_eq!(x.archetype(), y.archetype());
                prop_assert_eq!(x.rank(), y.rank());
                match (x.distance(), y.distance()) {
                    (Some(p), Some(q)) => {
                        prop_assert!((p.value() - q.value()).abs() < 1e-12);
                        prop_assert!((p.coverage() - q.coverage()).abs() < 1e-12);
                        prop_assert_eq!(p.compared(), q.compared());
                    }
                    (p, q) => prop_assert_eq!(p.is_none(), q.is_none()),
                }
            }
        }
    }

    /// A distance is the same whichever way it is held: parts in feature
    /// order (held inline up to six compared features whose
    /// dissimilarities are 0 or 1) or in any other order (held as a
    /// list); the inline one's contributions are exactly
    /// `(wᵢ / max w) · dᵢ / Σ (wⱼ / max w)`, summed in order.
    #[test]
    fn distances_read_the_same_inline_or_listed(
        picks in proptest::collection::btree_map(
            0usize..16,
            (prop_oneof![Just(0.0), Just(1.0), 0.0f64..=1.0], 0.01f64..10.0, any::<bool>()),
            1..16,
        ),
        uniform in any::<bool>(),
    ) {
        let feature = |i: usize| match i.checked_sub(Dimension::ALL.len()) {
            None => Feature::Dimension(Dimension::ALL[i]),
            Some(k) => Feature::KeyFact(KeyFact::ALL[k]),
        };
        let w = |x: f64| if uniform { 1.0 } else { x };
        let compared: Vec<(Feature, f64, f64)> =
            picks.iter().filter(|(_, p)| p.2).map(|(&i, &(d, x, _))| (feature(i), d, w(x))).collect();
        let uncompared: Vec<(Feature, f64)> =
            picks.iter().filter(|(_, p)| !p.2).map(|(&i, &(_, x, _))| (feature(i), w(x))).collect();
        let ordered = Distance::new(compared.iter().copied(), uncompared.iter().copied()).unwrap();
        let reversed = Distance::new(compared.iter().rev().copied(), uncompared.iter().rev().copied()).unwrap();
        let (Some(a), Some(b)) = (ordered, reversed) else {
            prop_assert!(compared.is_empty());
            return Ok(());
        };
        prop_assert_eq!(a.compared(), compared.len());
        prop_assert_eq!(b.compared(), compared.len());
        prop_assert!((a.value() - b.value()).abs() < 1e-12);
        prop_assert!((a.coverage() - b.coverage()).abs() < 1e-12);
        prop_assert_eq!(a.uncompared().collect::<Vec<_>>(), uncompared.iter().map(|u| u.0).collect::<Vec<_>>());
        prop_assert_eq!(b.uncompared().collect::<Vec<_>>(), uncompared.iter().rev().map(|u| u.0).collect::<Vec<_>>());
        prop_assert_eq!(a.uncompared().len(), uncompared.len());
        let max = compared.iter().map(|c| c.2).chain(uncompared.iter().map(|u| u.1)).fold(0.0_f64, f64::max);
        let total: f64 = compared.iter().map(|c| c.2 / max).sum();
        let by_hand: Vec<(Feature, f64, f64, f64)> =
            compared.iter().map(|&(f, d, w)| (f, d, w, (w / max) * d / total)).collect();
        let read = |d: &Distance| d.contributions().map(|c| (c.feature(), c.distance(), c.weight(), c.contribution())).collect::<Vec<_>>();
        prop_assert_eq!(&read(&a), &by_hand);
        // Listed in another order, the total is summed in that order: the
        // same to rounding.
        let mut back = read(&b);
        back.reverse();
        prop_assert_eq!(back.len(), by_hand.len());
        for (x, y) in back.iter().zip(&by_hand) {
            prop_assert_eq!((x.0, x.1, x.2), (y.0, y.1, y.2));
            prop_assert!((x.3 - y.3).abs() < 1e-12);
        }
        prop_assert_eq!(a.contributions().len(), compared.len());
        prop_assert_eq!(a.explain().lines().count(), b.explain().lines().count());
        prop_assert_eq!(a.clone(), a);
    }

    #[test]
    fn classifications_built_by_hand_rank_like_classify(
        subject in arbitrary::profile(),
        archetypes in proptest::collection::vec(arbitrary::archetype(), 0..5),
    ) {
        let ranking: Vec<Ranked> = archetypes.iter().map(|a| Ranked::new(a, Gower::new().profiles(&subject, a.profile()))).collect();
        let by_hand = Classification::new("Profile", "Gower", ranking, VerdictRule::default());
        prop_assert_eq!(by_hand, classify(&subject, &archetypes, &Gower::new()).unwrap());
    }
}

#[test]
fn an_empty_profile_is_never_sufficient() {
    let archetypes: Vec<_> = regdev::RegionalModel::ALL.iter().map(|m| m.archetype()).collect();
    let empty = Profile::default();
    let c = classify(&empty, &archetypes, &Gower::new()).unwrap();
    assert_eq!(c.verdict(), Verdict::InsufficientEvidence);
}
