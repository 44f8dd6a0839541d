//! [`proptest`](mod@proptest) strategies for every public data type, for property tests in
//! downstream crates. Enabled by the `proptest` cargo feature.
//!
//! A public module, a namespace behind a feature: one strategy function per
//! type, named after it (`arbitrary::town`, `arbitrary::source`).
//!
//! Every strategy generates only *valid* values: each goes through the same
//! constructor or builder a user would call, so a generated [`Town`] builds,
//! a generated [`Trajectory`] has its dated stages in order, and a generated
//! [`LinkageGraph`] has unique actor ids, existing endpoints, no self-loops
//! and finite non-negative weights. Strategies shrink towards small, simple
//! values as proptest's do.
//!
//! Vocabulary enums share one generic strategy, [`any_of`], fed with the
//! enum's `ALL`; the most used ones also have a named function
//! ([`currency`], [`scale`], [`dimension`]). Composite strategies take their
//! parts from the same module, so a town's key facts are [`observed`]
//! [`area`]s, [`population`]s and [`money`].
//!
//! # Usage
//!
//! In the downstream crate's `Cargo.toml`:
//!
//! ```toml
//! [dev-dependencies]
//! regdev = { version = "0.1", features = ["proptest"] }
//! proptest = "1.5"
//! ```
//!
//! Then use the strategies in `proptest!` blocks, or drive them with a
//! [`TestRunner`](proptest::test_runner::TestRunner) directly:
//!
//! ```
//! use proptest::prelude::*;
//! use proptest::test_runner::{Config, TestRunner};
//! use regdev::arbitrary;
//!
//! proptest! {
//!     #![proptest_config(Config::with_cases(16))]
//!     // In a test file, mark the property `#[test]`; here it is called below.
//!     fn every_town_has_a_name(town in arbitrary::town()) {
//!         prop_assert!(!town.name().english().is_empty());
//!     }
//! }
//! every_town_has_a_name();
//!
//! // The same property through a runner, returning the failure as an error.
//! TestRunner::new(Config::with_cases(16)).run(&arbitrary::town(), |town| {
//!     prop_assert!(!town.name().english().is_empty());
//!     Ok(())
//! })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Ranges
//!
//! Values stay in the ranges the crate's data lives in, so that every
//! generated value also survives formats with narrower numbers: years in
//! [`Year::MIN`] ..= [`Year::MAX`], populations up to ten billion persons,
//! areas, amounts and weights from zero through subnormal to the largest
//! finite `f64`. Collections are short (a handful of items) to keep tests
//! fast; [`linkage_graph`] takes its size limits as arguments.

use proptest::collection::{btree_set, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use crate::dimension::{DrivingActor, Ownership};
use crate::town::{Note, ProfileSources, ZoneKind, ZoneLevel};
use crate::{
    Actor, ActorId, ActorKind, AdminLevel, Advantage, Archetype, ArchetypeId, Area, CodeListing, Currency,
    DevelopmentZone, Dimension, DimensionValue, DivisionCode, ExchangeRate, Indicator, IndustryDivision, KeyFacts,
    Linkage, LinkageGraph, LinkageKind, Money, Name, Observation, Observed, Period, Place, Population, Profile,
    Qualifier, Quantity, RegionalModel, Scale, Share, Source, SourceId, SourceKind, SourceStrength, Specialisation,
    Stage, Town, TownId, Trajectory, Unit, UpgradingType, Year,
};
use crate::{Claim, ProfileClaims, Rank, Valence, ValueChainRole};

/// The largest population [`population`] generates: ten billion persons.
pub const MAX_POPULATION: u64 = 10_000_000_000;

/// Any one of `all`, shrinking towards its first element. Pass a vocabulary
/// enum's `ALL`.
///
/// # Panics
///
/// Generating from an empty slice panics; every `ALL` is non-empty.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, RegionalModel};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::any_of(RegionalModel::ALL), |m| {
///     assert!(RegionalModel::ALL.contains(&m));
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn any_of<T: Clone + core::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    select(all)
}

/// Any [`Currency`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::currency(), |c| {
///     assert_eq!(c.code().len(), 3);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn currency() -> impl Strategy<Value = Currency> {
    any_of(Currency::ALL)
}

/// Any [`Scale`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, Scale};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::scale(), |s| {
///     assert!(s >= Scale::Local);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn scale() -> impl Strategy<Value = Scale> {
    any_of(Scale::ALL)
}

/// Any [`Dimension`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, Dimension};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::dimension(), |d| {
///     assert_eq!(d.id().parse::<Dimension>()?, d);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn dimension() -> impl Strategy<Value = Dimension> {
    any_of(Dimension::ALL)
}

/// A slug: 1 to 24 lowercase letters, digits and hyphens.
fn slug() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", 1 => "[a-z0-9-]{1,24}"]
}

/// A valid [`TownId`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, TownId};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::town_id(), |id| {
///     assert_eq!(TownId::new(id.as_str())?, id);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn town_id() -> impl Strategy<Value = TownId> {
    slug().prop_filter_map("valid town id", |s| TownId::new(s).ok())
}

/// A valid [`ActorId`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, ActorId};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::actor_id(), |id| {
///     assert_eq!(id.to_string().parse::<ActorId>()?, id);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn actor_id() -> impl Strategy<Value = ActorId> {
    slug().prop_filter_map("valid actor id", |s| ActorId::new(s).ok())
}

/// A valid [`SourceId`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::source_id(), |id| {
///     assert!(!id.as_str().is_empty());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn source_id() -> impl Strategy<Value = SourceId> {
    slug().prop_filter_map("valid source id", |s| SourceId::new(s).ok())
}

/// A valid [`ArchetypeId`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::archetype_id(), |id| {
///     assert!(id.as_str().len() <= 64);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn archetype_id() -> impl Strategy<Value = ArchetypeId> {
    slug().prop_filter_map("valid archetype id", |s| ArchetypeId::new(s).ok())
}

/// A [`Year`] in [`Year::MIN`] ..= [`Year::MAX`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, Year};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::year(), |y| {
///     assert!(Year::MIN <= y && y <= Year::MAX);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn year() -> impl Strategy<Value = Year> {
    (Year::MIN.get()..=Year::MAX.get()).prop_filter_map("year in range", |n| Year::new(n).ok())
}

/// A [`Period`]: a start year and an end on or after it, or an open end.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::period(), |p| {
///     assert!(p.contains(p.start()));
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn period() -> impl Strategy<Value = Period> {
    (year(), option::of(0i64..60)).prop_filter_map("valid period", |(start, length)| {
        let end = match length {
            Some(n) => Some(Year::new((start.get() + n).min(Year::MAX.get())).ok()?),
            None => None,
        };
        Period::new(start, end).ok()
    })
}

/// A finite, non-negative `f64`: mostly everyday magnitudes, sometimes zero,
/// subnormal or huge.
fn non_negative_f64() -> impl Strategy<Value = f64> {
    use proptest::num::f64::{NORMAL, POSITIVE, SUBNORMAL, ZERO};
    prop_oneof![
        6 => 0.0f64..1e6,
        2 => (0u32..10_000_000).prop_map(|n| f64::from(n) / 100.0),
        1 => Just(0.0),
        1 => POSITIVE | NORMAL | SUBNORMAL | ZERO,
    ]
    .prop_filter("finite and not negative", |v| v.is_finite() && *v >= 0.0)
}

/// An [`Area`]: finite, not negative, from zero through subnormal to huge.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::area(), |a| {
///     assert!(a.km2().is_finite() && a.km2() >= 0.0);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn area() -> impl Strategy<Value = Area> {
    non_negative_f64().prop_filter_map("valid area", |v| Area::new(v).ok())
}

/// A [`Population`] of up to [`MAX_POPULATION`] persons.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::population(), |p| {
///     assert!(p.get() <= arbitrary::MAX_POPULATION);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn population() -> impl Strategy<Value = Population> {
    prop_oneof![3 => 0u64..10_000_000, 1 => 0..=MAX_POPULATION].prop_map(Population::new)
}

/// An amount of [`Money`] in any [`currency`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, Money};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::money(), |m| {
///     assert_eq!(Money::new(m.amount(), m.currency())?, m);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn money() -> impl Strategy<Value = Money> {
    (non_negative_f64(), currency()).prop_filter_map("valid money", |(v, c)| Money::new(v, c).ok())
}

/// An [`ExchangeRate`] between two different currencies, with a finite rate
/// above zero.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::exchange_rate(), |r| {
///     assert!(r.rate() > 0.0 && r.from() != r.to());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn exchange_rate() -> impl Strategy<Value = ExchangeRate> {
    (year(), currency(), currency(), non_negative_f64(), source_id())
        .prop_filter_map("valid exchange rate", |(y, from, to, rate, source)| {
            ExchangeRate::new(y, from, to, rate, source).ok()
        })
}

/// Non-blank text as a source states it: English or Chinese words, and
/// sometimes quotes, backslashes, tabs, newlines and other characters that
/// serializers must escape.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Z][a-z]{1,10}( [a-zA-Z]{1,10}){0,3}",
        2 => "[一-龥]{1,8}",
        1 => "[A-Za-z一-龥 ,.'()&/-]{1,30}",
        1 => "[ -~\t\n\"\\\\é昆–]{1,20}",
    ]
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

/// A [`Place`] name, English or Chinese, at most [`Place::MAX_LEN`]
/// characters.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, Place};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::place(), |p| {
///     assert_eq!(Place::new(p.as_str())?, p);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn place() -> impl Strategy<Value = Place> {
    text().prop_filter_map("valid place", |s| Place::new(s).ok())
}

/// A [`Name`]: an English name and, usually, a Chinese one.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::name(), |n| {
///     assert!(n.matches(n.english()));
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn name() -> impl Strategy<Value = Name> {
    let chinese = prop_oneof![3 => "[一-龥]{1,4}(市|区|镇|县|街道)?", 1 => text()];
    (text(), option::weighted(0.7, chinese)).prop_filter_map("valid name", |(english, chinese)| {
        let name = Name::new(english).ok()?;
        match chinese {
            Some(zh) => name.with_chinese(zh).ok(),
            None => Some(name),
        }
    })
}

/// A [`Source`] record (valid, as every `Source` is): any kind, zero to
/// three authors, and optional year, venue, URL and note.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::source(), |s| {
///     assert!(s.authors().len() <= 3);
///     assert!(!s.title().trim().is_empty());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn source() -> impl Strategy<Value = Source> {
    let url = "https://[a-z]{1,10}\\.(org|cn|com)(/[a-z0-9-]{1,10}){0,2}";
    (
        (source_id(), any_of(SourceKind::ALL), text()),
        (vec(text(), 0..=3), option::of(year()), option::of(text()), option::of(url), option::of(text())),
        option::of(any_of(SourceStrength::ALL)),
    )
        .prop_filter_map("valid source", |((id, kind, title), (authors, year, venue, url, note), strength)| {
            let mut s = Source::new(id, kind, title).ok()?.with_authors(authors).ok()?;
            if let Some(y) = year {
                s = s.with_year(y);
            }
            if let Some(v) = venue {
                s = s.with_venue(v).ok()?;
            }
            if let Some(u) = url {
                s = s.with_url(u).ok()?;
            }
            if let Some(n) = note {
                s = s.with_note(n).ok()?;
            }
            if let Some(st) = strength {
                s = s.with_strength(st);
            }
            Some(s)
        })
}

/// An [`Observed`] value drawn from `value`, with any source and, usually, a
/// reference year.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// let strategy = arbitrary::observed(arbitrary::area());
/// TestRunner::new(Config::with_cases(8)).run(&strategy, |o| {
///     assert!(o.value().km2() >= 0.0);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn observed<S>(value: S) -> impl Strategy<Value = Observed<S::Value>>
where
    S: Strategy,
    S::Value: Clone,
{
    (value, source_id(), option::weighted(0.7, year())).prop_map(|(v, source, year)| {
        let o = Observed::new(v, source);
        match year {
            Some(y) => o.with_year(y),
            None => o,
        }
    })
}

/// A [`DimensionValue`] of any dimension; the set dimensions hold zero to
/// four members.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, Profile};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::dimension_value(), |v| {
///     let p = Profile::default().with(v.clone());
///     assert_eq!(p.get(v.dimension()), Some(v));
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn dimension_value() -> impl Strategy<Value = DimensionValue> {
    proptest::strategy::Union::new(Dimension::ALL.iter().map(|&d| value_of(d)))
}

/// Any value of `dimension`, from the dimension table: one of its
/// [`Dimension::value_ids`], a set of them, or a set of [`place`]s.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, Dimension};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::value_of(Dimension::RiskLevel), |v| {
///     assert_eq!(v.dimension(), Dimension::RiskLevel);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn value_of(dimension: Dimension) -> BoxedStrategy<DimensionValue> {
    let d = dimension;
    match d.value_ids() {
        Some(ids) if d.kind() == crate::DimensionKind::Set => btree_set(0..ids.len(), 0..=ids.len())
            .prop_filter_map("a set of the dimension's values", move |s| {
                DimensionValue::from_indices(d, &s.into_iter().collect::<Vec<_>>())
            })
            .boxed(),
        Some(ids) => (0..ids.len())
            .prop_filter_map("one of the dimension's values", move |i| DimensionValue::from_index(d, i))
            .boxed(),
        None => btree_set(place(), 0..=3)
            .prop_filter_map("a set of places", move |s| DimensionValue::from_places(d, &s))
            .boxed(),
    }
}

/// A [`Profile`] with each dimension independently present or absent; a
/// present set dimension may be empty ("none").
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, Dimension};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::profile(), |p| {
///     assert!(p.len() <= Dimension::ALL.len());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn profile() -> impl Strategy<Value = Profile> {
    let dims: Vec<_> = Dimension::ALL.iter().map(|&d| option::of(value_of(d))).collect();
    dims.prop_map(|values| values.into_iter().flatten().fold(Profile::default(), Profile::with))
}

/// A [`profile`] with a source for exactly the dimensions it sets, as
/// [`Town`] and [`Archetype`] require.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::sourced_profile(), |(profile, sources)| {
///     assert_eq!(profile.len(), sources.len());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sourced_profile() -> impl Strategy<Value = (Profile, ProfileSources)> {
    profile().prop_flat_map(|p| {
        let dims: Vec<Dimension> = Dimension::ALL.iter().copied().filter(|d| p.get(*d).is_some()).collect();
        let n = dims.len();
        (Just(p), vec(source_id(), n)).prop_map(move |(p, ids)| {
            let sources: ProfileSources = dims.iter().copied().zip(ids).collect();
            (p, sources)
        })
    })
}

/// A [`Stage`], undated or with any [`period`]. Use [`trajectory`] for
/// stages that must be in order.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, Trajectory};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::stage(), |s| {
///     assert!(Trajectory::new(vec![s])?.len() == 1);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn stage() -> impl Strategy<Value = Stage> {
    (option::of(period()), stage_without_period()).prop_map(|(period, stage)| match period {
        Some(p) => stage.with_period(p),
        None => stage,
    })
}

/// A stage with everything but a period.
fn stage_without_period() -> impl Strategy<Value = Stage> {
    (
        text(),
        source_id(),
        option::of(text()),
        btree_set(any_of(UpgradingType::ALL), 0..=2),
        btree_set(any_of(DrivingActor::ALL), 0..=2),
        option::of(any_of(Ownership::ALL)),
        option::of(any_of(ValueChainRole::ALL)),
    )
        .prop_filter_map("valid stage", |(name, source, description, upgrading, actors, ownership, role)| {
            let mut s = Stage::new(name, source).ok()?.with_upgrading(upgrading).with_driving_actors(actors);
            if let Some(d) = description {
                s = s.with_description(d).ok()?;
            }
            if let Some(o) = ownership {
                s = s.with_ownership(o);
            }
            if let Some(r) = role {
                s = s.with_value_chain_role(r);
            }
            Some(s)
        })
}

/// A valid [`Trajectory`] of zero to five stages: the dated ones ordered by
/// start, possibly overlapping (parallel strands) and possibly open-ended,
/// and undated stages anywhere.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, Trajectory};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::trajectory(), |t| {
///     assert_eq!(Trajectory::new(t.stages().to_vec())?, t);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn trajectory() -> impl Strategy<Value = Trajectory> {
    // Per stage: dated?, gap after the previous start, length, open-ended?
    let plan = vec((any::<bool>(), 0i64..8, 0i64..25, any::<bool>(), stage_without_period()), 0..=5);
    (1850i64..2000, plan).prop_filter_map("valid trajectory", |(first, plan)| {
        let mut cursor = first;
        let mut stages = Vec::with_capacity(plan.len());
        for (dated, gap, length, open, stage) in plan {
            let start = cursor + gap;
            let end = start + length;
            if !dated || end > Year::MAX.get() {
                stages.push(stage);
                continue;
            }
            let end = if open { None } else { Some(Year::new(end).ok()?) };
            stages.push(stage.with_period(Period::new(Year::new(start).ok()?, end).ok()?));
            cursor = start;
        }
        Trajectory::new(stages).ok()
    })
}

/// A statistical [`DivisionCode`] of 2, 4, 6, 9 or 12 digits.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::division_code(), |c| {
///     assert!([2, 4, 6, 9, 12].contains(&c.as_str().len()));
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn division_code() -> impl Strategy<Value = DivisionCode> {
    (select(&[2usize, 4, 6, 9, 12][..]), "[1-6][0-9]{11}")
        .prop_filter_map("valid code", |(len, digits)| DivisionCode::new(digits.get(..len)?).ok())
}

/// A [`CodeListing`]: a [`division_code`], a source and, sometimes, a
/// validity [`period`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::code_listing(), |l| {
///     if let Some(p) = l.validity() {
///         assert!(l.is_valid_in(p.start()));
///     }
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn code_listing() -> impl Strategy<Value = CodeListing> {
    (division_code(), source_id(), option::of(period())).prop_map(|(code, source, valid)| {
        let listing = CodeListing::new(code, source);
        match valid {
            Some(p) => listing.with_validity(p),
            None => listing,
        }
    })
}

/// Format-1 style [`KeyFacts`]: area, population, GDP and GDP per capita,
/// each independently present or absent, exact, of unstated kind, with or
/// without a year (what a format-1 document can say).
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::key_facts_v1(), |k| {
///     assert!(k.observations().len() <= 4);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn key_facts_v1() -> impl Strategy<Value = KeyFacts> {
    (
        option::of(observed(area())),
        option::of(observed(population())),
        option::of(observed(money())),
        option::of(observed(money())),
    )
        .prop_map(|(area, population, gdp, gdp_per_capita)| {
            let mut f = KeyFacts::default();
            if let Some(a) = area {
                f.push(Observation::area(a));
            }
            if let Some(p) = population {
                f.push(Observation::population(p));
            }
            for (ind, m) in [(Indicator::Gdp, gdp), (Indicator::GdpPerCapita, gdp_per_capita)] {
                if let Some(m) = m {
                    f.push(Observation::money(ind, m));
                }
            }
            f
        })
}

/// A valid [`Quantity`] in `unit`.
fn quantity(unit: Unit) -> BoxedStrategy<Quantity> {
    match unit {
        Unit::Money => money().prop_map(Quantity::Money).boxed(),
        Unit::Persons => population().prop_map(Quantity::Persons).boxed(),
        Unit::Count => (0..1_000_000_u64).prop_map(Quantity::Count).boxed(),
        Unit::Share => (0.0..=1.0_f64).prop_filter_map("a share", |x| Share::new(x).ok().map(Quantity::Share)).boxed(),
        Unit::SquareKilometres => area().prop_map(Quantity::Area).boxed(),
    }
}

/// An [`Observation`] of any indicator: a value in its unit, any allowed
/// kind or none, any qualifier, a year, a period or neither, a product
/// where the indicator takes one, and a source.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(16)).run(&arbitrary::observation(), |o| {
///     assert_eq!(o.value().unit(), o.indicator().unit());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn observation() -> impl Strategy<Value = Observation> {
    any_of(Indicator::ALL).prop_flat_map(|ind| {
        let kinds = ind.kinds();
        let kind = if kinds.is_empty() { Just(None).boxed() } else { option::of(select(kinds)).boxed() };
        let product = if ind.takes_product() { option::of(text()).boxed() } else { Just(None).boxed() };
        let when = prop_oneof![
            Just((None, None)),
            year().prop_map(|y| (Some(y), None)),
            period().prop_map(|p| (None, Some(p)))
        ];
        (quantity(ind.unit()), kind, any_of(Qualifier::ALL), when, product, source_id()).prop_filter_map(
            "a valid observation",
            move |(value, kind, qualifier, (year, period), product, source)| {
                let mut o = Observation::new(ind, value, source).ok()?.with_qualifier(qualifier);
                if let Some(k) = kind {
                    o = o.with_kind(k).ok()?;
                }
                if let Some(p) = product {
                    o = o.with_product(p).ok()?;
                }
                if let Some(y) = year {
                    o = o.with_year(y);
                }
                if let Some(p) = period {
                    o = o.with_period(p);
                }
                Some(o)
            },
        )
    })
}

/// [`KeyFacts`] with up to eight observations of any indicators.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::key_facts(), |k| {
///     assert!(k.observations().len() <= 8);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn key_facts() -> impl Strategy<Value = KeyFacts> {
    vec(observation(), 0..=8).prop_map(|os| {
        let mut f = KeyFacts::default();
        for o in os {
            f.push(o);
        }
        f
    })
}

/// A [`Specialisation`]: an industry division, a product and a source.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::specialisation(), |s| {
///     assert!(!s.product().trim().is_empty());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn specialisation() -> impl Strategy<Value = Specialisation> {
    (any_of(IndustryDivision::ALL), text(), source_id(), option::of(any_of(ValueChainRole::ALL))).prop_filter_map(
        "valid specialisation",
        |(industry, product, source, role)| {
            let s = Specialisation::new(industry, product, source).ok()?;
            Some(match role {
                Some(r) => s.with_value_chain_role(r),
                None => s,
            })
        },
    )
}

/// A [`DevelopmentZone`] of any level and kind, sometimes with its approval
/// year.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::development_zone(), |z| {
///     assert!(!z.name().english().is_empty());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn development_zone() -> impl Strategy<Value = DevelopmentZone> {
    (name(), any_of(ZoneLevel::ALL), any_of(ZoneKind::ALL), source_id(), option::of(year())).prop_map(
        |(name, level, kind, source, approved)| {
            let zone = DevelopmentZone::new(name, level, kind, source);
            match approved {
                Some(y) => zone.with_approval_year(y),
                None => zone,
            }
        },
    )
}

/// A valid [`Town`], built with [`Town::builder`]: every optional part
/// present or absent, a model label of no, one or several claims, distinct
/// advantages, a [`sourced_profile`] and a valid
/// [`trajectory`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::town(), |t| {
///     assert_eq!(t.profile().len(), t.profile_sources().len());
///     assert!(t.clone().to_builder().build()? == t);
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn town() -> impl Strategy<Value = Town> {
    let identity = (town_id(), name(), any_of(AdminLevel::ALL), option::of(town_id()), option::of(text()));
    let facts = (
        option::of(code_listing()),
        option::of(observed(any_of(RegionalModel::ALL))),
        key_facts(),
        vec(model_claim(), 0..=3),
    );
    let lists = (
        vec(specialisation(), 0..=2),
        vec(development_zone(), 0..=2),
        btree_set(any_of(Advantage::ALL), 0..=3),
        vec(source_id(), 3),
        vec(note(), 0..=2),
    );
    let story = (sourced_profile(), profile_claims(), any::<bool>(), trajectory());
    (identity, facts, lists, story).prop_filter_map(
        "valid town",
        |(
            (id, name, level, parent, province),
            (code, model, key_facts, model_claims),
            lists,
            (profile, claims, v2, trajectory),
        )| {
            let (specialisations, zones, advantages, advantage_sources, notes) = lists;
            let mut b = Town::builder(id, name, level).key_facts(key_facts);
            if let Some(p) = parent {
                b = b.parent(p);
            }
            if let Some(p) = province {
                b = b.province(p);
            }
            if let Some(c) = code {
                b = b.statistical_code(c);
            }
            if let Some(m) = model {
                b = b.model(m);
            }
            // A label of several ranked or dated claims, or of one.
            for c in model_claims {
                b = b.model_claim(c);
            }
            for s in specialisations {
                b = b.specialisation(s);
            }
            for z in zones {
                b = b.zone(z);
            }
            for (a, source) in advantages.into_iter().zip(advantage_sources.into_iter().cycle()) {
                b = b.advantage(Observed::new(a, source));
            }
            for n in notes {
                b = b.note(n);
            }
            // Either a format-1 profile with its sources, or format-2 claims.
            if v2 {
                for &d in Dimension::ALL {
                    for c in claims.claims(d) {
                        b = b.claim(c);
                    }
                }
            } else {
                b = b.profile(profile.0, profile.1);
            }
            b.trajectory(trajectory).build().ok()
        },
    )
}

/// A [`Claim`] on any dimension: any value, source and [`Rank`], dated or
/// not.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::{arbitrary, Dimension};
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::claim(), |c| {
///     assert!(Dimension::ALL.contains(&c.value().dimension()));
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn claim() -> impl Strategy<Value = Claim<DimensionValue>> {
    (dimension_value(), source_id(), option::of(period()), any_of(Rank::ALL)).prop_map(|(v, s, p, r)| {
        let c = Claim::new(v, s).ranked(r);
        match p {
            Some(p) => c.with_period(p),
            None => c,
        }
    })
}

/// A claim on a town's model label: any model, source and rank, dated or
/// not.
fn model_claim() -> impl Strategy<Value = Claim<RegionalModel>> {
    (any_of(RegionalModel::ALL), source_id(), option::of(period()), any_of(Rank::ALL)).prop_map(|(v, s, p, r)| {
        let c = Claim::new(v, s).ranked(r);
        match p {
            Some(p) => c.with_period(p),
            None => c,
        }
    })
}

/// Valid [`ProfileClaims`]: up to six [`claim`]s, no claim twice and no two
/// preferred claims that disagree.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::profile_claims(), |c| {
///     assert!(c.validate().is_ok());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn profile_claims() -> impl Strategy<Value = ProfileClaims> {
    vec(claim(), 0..=6).prop_filter_map("valid claims", |claims| {
        let mut out = ProfileClaims::default();
        for c in claims {
            out.push(c);
        }
        out.validate().ok().map(|()| out)
    })
}

/// A valid [`Archetype`], built with [`Archetype::builder`]: a non-blank
/// name, an optional description and model, and a [`sourced_profile`].
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::archetype(), |a| {
///     assert_eq!(a.profile().len(), a.profile_sources().len());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn archetype() -> impl Strategy<Value = Archetype> {
    (archetype_id(), text(), option::of(text()), option::of(any_of(RegionalModel::ALL)), sourced_profile())
        .prop_filter_map("valid archetype", |(id, name, description, model, (profile, sources))| {
            let mut b = Archetype::builder(id, name);
            if let Some(d) = description {
                b = b.description(d);
            }
            if let Some(m) = model {
                b = b.model(m);
            }
            for value in profile.values() {
                let source = sources.get(&value.dimension())?.clone();
                b = b.dimension(value, source);
            }
            b.build().ok()
        })
}

/// An [`Actor`] with the given id.
fn actor_with_id(id: ActorId) -> impl Strategy<Value = Actor> {
    (text(), any_of(ActorKind::ALL), option::of(place()), option::of(source_id())).prop_filter_map(
        "valid actor",
        move |(name, kind, place, source)| {
            let mut a = Actor::new(id.clone(), name, kind).ok()?;
            if let Some(p) = place {
                a = a.with_place(p.as_str()).ok()?;
            }
            if let Some(s) = source {
                a = a.with_source(s);
            }
            Some(a)
        },
    )
}

/// An [`Actor`] of any kind, sometimes with a place and a source.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::actor(), |a| {
///     assert!(!a.name().trim().is_empty());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn actor() -> impl Strategy<Value = Actor> {
    actor_id().prop_flat_map(actor_with_id)
}

/// A [`Linkage`] of any kind and scale, sometimes dated and sometimes
/// weighted with a finite, non-negative weight.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::linkage(), |l| {
///     assert!(l.weight().is_none_or(|w| w.is_finite() && w >= 0.0));
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn linkage() -> impl Strategy<Value = Linkage> {
    let dates = (option::of(year()), option::of(0i64..50));
    (any_of(LinkageKind::ALL), scale(), source_id(), dates, any_of(Valence::ALL), option::of(non_negative_f64()))
        .prop_filter_map("valid linkage", |(kind, scale, source, (since, length), valence, weight)| {
            let mut l = Linkage::new(kind, scale, source).with_valence(valence);
            if let Some(y) = since {
                l = l.with_since(y);
                // `until` only with `since`, never before it.
                if let Some(n) = length {
                    l = l.with_until(Year::new(y.get() + n).ok()?);
                }
            }
            match weight {
                Some(w) => l.with_weight(w).ok(),
                None => Some(l),
            }
        })
}

/// A valid [`LinkageGraph`] of up to `max_actors` actors with unique ids and
/// up to `max_linkages` linkages, each between two different actors of the
/// graph (parallel linkages allowed).
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::linkage_graph(5, 8), |g| {
///     assert!(g.actor_count() <= 5 && g.linkage_count() <= 8);
///     for (from, to, _) in g.linkages() {
///         assert_ne!(from, to);
///     }
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn linkage_graph(max_actors: usize, max_linkages: usize) -> impl Strategy<Value = LinkageGraph> {
    (town_id(), btree_set(actor_id(), 0..=max_actors)).prop_flat_map(move |(focal, ids)| {
        let ids: Vec<ActorId> = ids.into_iter().collect();
        let n = ids.len();
        let actors: Vec<_> = ids.iter().cloned().map(actor_with_id).collect();
        // With fewer than two actors no linkage is possible.
        let (ends, count) = if n >= 2 { (n, max_linkages) } else { (2, 0) };
        let linkages = vec((0..ends, 0..ends - 1, linkage()), 0..=count);
        (Just(focal), Just(ids), actors, linkages).prop_filter_map(
            "valid linkage graph",
            |(focal, ids, actors, linkages)| {
                let mut b = LinkageGraph::builder(focal);
                for a in actors {
                    b = b.actor(a);
                }
                for (i, j, l) in linkages {
                    // Skip over `i` so that no linkage is a self-loop.
                    let j = if j >= i { j + 1 } else { j };
                    b = b.linkage(ids.get(i)?.clone(), ids.get(j)?.clone(), l);
                }
                b.build().ok()
            },
        )
    })
}

/// A [`Note`]: text with a source and, usually, a year.
///
/// # Example
///
/// ```
/// use proptest::test_runner::{Config, TestRunner};
/// use regdev::arbitrary;
///
/// TestRunner::new(Config::with_cases(8)).run(&arbitrary::note(), |n| {
///     assert!(!n.value().trim().is_empty());
///     Ok(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn note() -> impl Strategy<Value = Note> {
    observed(text())
}
