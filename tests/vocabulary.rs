//! The vocabulary: every `vocabulary!` enum obeys the same laws (one
//! canonical id and label, Display ⇄ FromStr, serde as the id, padding), and
//! every constructor rejects what it must with the exact message.

// Test helpers outside #[test] fns are not covered by clippy.toml's allow-*-in-tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod util;

use std::collections::BTreeSet;

use proptest::prelude::*;
use regdev::{
    Actor, ActorId, ActorKind, AdminLevel, Advantage, Archetype, ArchetypeId, Area, CodeListing, Currency,
    DevelopmentZone, Dimension, DimensionKind, DimensionValue, DivisionCode, Error, ExchangeRate, IndustryDivision,
    KeyFacts, Linkage, LinkageGraph, LinkageKind, Money, Name, Observed, Period, Place, Population, Profile,
    RegionalModel, Scale, Source, SourceId, SourceKind, Specialisation, Stage, Town, TownId, Trajectory, UpgradingType,
    ValueChainRole, Year,
};
use regdev::{
    CapitalOrigin, CompetitionMode, DistrictType, DrivingActor, Dynamics, GovernmentRole, IndustryRelation,
    MarketOrientation, Ownership, RiskLevel,
};
use regdev::{IdKind, MAX_ID_LEN};
use regdev::{ProfileSources, ZoneKind, ZoneLevel};
use strum::{EnumCount, IntoEnumIterator};
use util::{Vocab, assert_err, assert_pads, json_err, mix_case, sid, year};

// ---------------------------------------------------------------------------
// The laws, written once for any vocabulary enum.
// ---------------------------------------------------------------------------

fn ids<V: Vocab>() -> String {
    V::all().iter().map(|v| v.id()).collect::<Vec<_>>().join(", ")
}

fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && s.split('_')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
        && s.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
}

fn check_iter_and_count<V: Vocab + IntoEnumIterator + EnumCount>() {
    assert!(!V::all().is_empty());
    assert_eq!(V::iter().collect::<Vec<_>>(), V::all().to_vec(), "EnumIter order differs from ALL");
    assert_eq!(V::COUNT, V::all().len(), "EnumCount::COUNT differs from ALL.len()");
    // ALL is in declaration order, which is also the Ord order.
    assert!(V::all().windows(2).all(|w| w[0] < w[1]), "ALL is not in Ord order");
}

fn check_ids_and_labels<V: Vocab>() {
    let mut ids = BTreeSet::new();
    let mut labels = BTreeSet::new();
    for &v in V::all() {
        assert!(is_snake_case(v.id()), "{v:?}: id {:?} is not snake_case", v.id());
        assert!(ids.insert(v.id()), "{v:?}: duplicate id {:?}", v.id());
        assert!(!v.label().trim().is_empty() && v.label().trim() == v.label(), "{v:?}: bad label {:?}", v.label());
        assert!(labels.insert(v.label().to_ascii_lowercase()), "{v:?}: duplicate label {:?}", v.label());
        assert_eq!(v.to_string(), v.label(), "{v:?}: Display is not the label");
    }
    // No id or label of one variant may read as another variant.
    for &a in V::all() {
        for &b in V::all().iter().filter(|&&b| b != a) {
            for text in [a.id(), a.label()] {
                assert!(
                    !text.eq_ignore_ascii_case(b.id()) && !text.eq_ignore_ascii_case(b.label()),
                    "{a:?}'s {text:?} also names {b:?}"
                );
            }
        }
    }
}

fn check_parse<V: Vocab>(v: V, mask: &[bool], pre: &str, post: &str) {
    for text in [v.id(), v.label()] {
        assert_eq!(text.parse::<V>(), Ok(v), "{text:?}");
        assert_eq!(text.to_uppercase().parse::<V>(), Ok(v), "upper-cased {text:?}");
        assert_eq!(text.to_lowercase().parse::<V>(), Ok(v), "lower-cased {text:?}");
        let mixed = mix_case(text, mask);
        assert_eq!(mixed.parse::<V>(), Ok(v), "{mixed:?}");
        let padded = format!("{pre}{mixed}{post}");
        assert_eq!(padded.parse::<V>(), Ok(v), "{padded:?}");
    }
    assert_eq!(v.to_string().parse::<V>(), Ok(v), "Display does not round-trip");
}

fn check_serde<V: Vocab>(v: V) {
    let json = serde_json::to_string(&v).unwrap();
    assert_eq!(json, format!("\"{}\"", v.id()));
    assert_eq!(serde_json::from_str::<V>(&json).unwrap(), v);
    let value = serde_json::to_value(v).unwrap();
    assert_eq!(serde_json::from_value::<V>(value).unwrap(), v);
    // serde reads the id only, exactly.
    if v.label() != v.id() {
        assert!(serde_json::from_str::<V>(&format!("\"{}\"", v.label())).is_err(), "{v:?}: serde accepted the label");
    }
    if v.id().to_uppercase() != v.id() {
        assert!(serde_json::from_str::<V>(&format!("\"{}\"", v.id().to_uppercase())).is_err());
    }
}

fn check_unknown<V: Vocab>(text: &str) {
    let known = V::all()
        .iter()
        .any(|v| v.id().eq_ignore_ascii_case(text.trim()) || v.label().eq_ignore_ascii_case(text.trim()));
    if known {
        return;
    }
    let err = text.parse::<V>().unwrap_err();
    assert_eq!(err, Error::UnknownVariant { kind: V::KIND, value: text.to_owned(), expected: ids::<V>() }, "{text:?}");
    assert_eq!(err.to_string(), format!("unknown {} {text:?}, expected one of: {}", V::KIND, ids::<V>()));
    assert!(serde_json::from_str::<V>(&serde_json::to_string(text).unwrap()).is_err());
}

macro_rules! vocabulary_laws {
    ($($module:ident: $ty:ty as $kind:literal;)+) => {
        $(
            impl_vocab!($ty, $kind);

            mod $module {
                use super::*;

                #[test]
                fn iter_and_count_match_all() {
                    check_iter_and_count::<$ty>();
                }

                #[test]
                fn ids_are_unique_snake_case_and_labels_unique() {
                    check_ids_and_labels::<$ty>();
                }

                #[test]
                fn every_variant_parses_and_serializes() {
                    for &v in <$ty>::ALL {
                        check_parse(v, &[true, false], "  ", "\t ");
                        check_serde(v);
                        assert_pads(&v, v.label(), v.label().len() + 7);
                    }
                }

                #[test]
                fn unknown_text_has_the_exact_message() {
                    let kind = <$ty as Vocab>::KIND;
                    assert_eq!(
                        "no-such-value".parse::<$ty>().unwrap_err().to_string(),
                        format!("unknown {kind} \"no-such-value\", expected one of: {}", ids::<$ty>())
                    );
                    check_unknown::<$ty>("");
                    check_unknown::<$ty>("   ");
                }

                proptest! {
                    #![proptest_config(ProptestConfig::with_cases(64))]

                    #[test]
                    fn parse_ignores_ascii_case_and_padding(
                        i in 0..<$ty>::ALL.len(),
                        mask in prop::collection::vec(any::<bool>(), 1..8),
                        pre in "[ \t\n]{0,3}",
                        post in "[ \t\n]{0,3}",
                    ) {
                        check_parse(<$ty>::ALL[i], &mask, &pre, &post);
                    }

                    #[test]
                    fn serde_json_is_the_id(i in 0..<$ty>::ALL.len()) {
                        check_serde(<$ty>::ALL[i]);
                    }

                    #[test]
                    fn display_honours_width_alignment_fill_and_precision(i in 0..<$ty>::ALL.len(), w in 0usize..80) {
                        let v = <$ty>::ALL[i];
                        assert_pads(&v, v.label(), w);
                    }

                    #[test]
                    fn unknown_text_is_rejected(text in "\\PC{0,24}") {
                        check_unknown::<$ty>(&text);
                    }
                }
            }
        )+
    };
}

vocabulary_laws! {
    id_kind: IdKind as "id kind";
    source_kind: SourceKind as "source kind";
    currency: Currency as "currency";
    scale: Scale as "scale";
    dynamics: Dynamics as "dynamics";
    industry_relation: IndustryRelation as "relation with existing industries";
    risk_level: RiskLevel as "level of risk";
    competition_mode: CompetitionMode as "inter-urban competition";
    government_role: GovernmentRole as "mentality of government";
    ownership: Ownership as "ownership";
    capital_origin: CapitalOrigin as "origin of capital";
    driving_actor: DrivingActor as "driving actor";
    district_type: DistrictType as "industrial-district type";
    market_orientation: MarketOrientation as "market orientation";
    dimension_kind: DimensionKind as "dimension kind";
    dimension: Dimension as "dimension";
    upgrading_type: UpgradingType as "upgrading type";
    value_chain_role: ValueChainRole as "value-chain role";
    admin_level: AdminLevel as "administrative level";
    advantage: Advantage as "advantage";
    industry_division: IndustryDivision as "industry division";
    zone_level: ZoneLevel as "zone level";
    zone_kind: ZoneKind as "zone kind";
    regional_model: RegionalModel as "regional model";
    actor_kind: ActorKind as "actor kind";
    linkage_kind: LinkageKind as "linkage kind";
}

#[test]
fn error_is_send_sync_static() {
    fn assert_auto<T: Send + Sync + Unpin + 'static + std::error::Error>() {}
    assert_auto::<Error>();
}

#[test]
fn a_few_labels_exactly() {
    // Spot checks that the macro wires id and label the right way round.
    assert_eq!(Currency::Usd.id(), "usd");
    assert_eq!(Currency::Usd.to_string(), "US dollar");
    assert_eq!(format!("[{:<12}]", Scale::Local), "[Local       ]");
    assert_eq!(format!("[{:>12}]", ValueChainRole::Obm), "[         OBM]");
    assert_eq!(format!("[{:^9}]", RiskLevel::Low), "[Low: gradual]");
    assert_eq!(format!("[{:*^10}]", Scale::Global), "[**Global**]");
    assert_eq!("Loose: hi-tech venture".parse::<IndustryRelation>(), Ok(IndustryRelation::Loose));
}

// ---------------------------------------------------------------------------
// Ids.
// ---------------------------------------------------------------------------

const SLUG_REASON: &str = "is not a lowercase ASCII letter, digit or '-'";

#[test]
fn id_rejections_have_exact_messages() {
    assert_err(TownId::new(""), "invalid town id \"\": an id must not be empty");
    assert_err(
        ActorId::new("Kunshan"),
        &format!("invalid actor id \"Kunshan\": character 'K' at byte 0 {SLUG_REASON}"),
    );
    assert_err(
        SourceId::new("qiao talk"),
        &format!("invalid source id \"qiao talk\": character ' ' at byte 4 {SLUG_REASON}"),
    );
    assert_err(
        ArchetypeId::new("su_nan"),
        &format!("invalid archetype id \"su_nan\": character '_' at byte 2 {SLUG_REASON}"),
    );
    assert_err(TownId::new("kun昆"), &format!("invalid town id \"kun昆\": character '昆' at byte 3 {SLUG_REASON}"));
    let long = "a".repeat(MAX_ID_LEN + 1);
    assert_err(
        TownId::new(long.clone()),
        &format!("invalid town id \"{long}\": an id must be at most 64 characters, this one has 65"),
    );
    let err = TownId::new(" kunshan").unwrap_err();
    assert_eq!(
        err,
        Error::InvalidId {
            kind: IdKind::Town,
            value: " kunshan".to_owned(),
            reason: format!("character ' ' at byte 0 {SLUG_REASON}"),
        }
    );
    // FromStr, TryFrom and serde all go through the same check.
    assert_eq!("Kunshan".parse::<TownId>().unwrap_err(), TownId::new("Kunshan").unwrap_err());
    assert_eq!(TownId::try_from("Kunshan").unwrap_err(), TownId::new("Kunshan").unwrap_err());
    assert_eq!(
        json_err::<TownId>("\"Kunshan\""),
        format!("invalid town id \"Kunshan\": character 'K' at byte 0 {SLUG_REASON}")
    );
    assert_eq!(json_err::<ActorId>("42"), "invalid type: integer `42`, expected a string at line 1 column 2");
}

#[test]
fn id_length_message_is_consistent_for_multibyte_text() {
    // 33 characters, 66 bytes.
    let text = "é".repeat(33);
    let err = TownId::new(text.clone()).unwrap_err();
    let msg = err.to_string();
    // Either the character is named, or the stated length exceeds the limit.
    let ok = msg.ends_with(&format!("character 'é' at byte 0 {SLUG_REASON}")) || !msg.ends_with("this one has 33");
    assert!(ok, "{msg}");
}

fn is_slug_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn valid_slugs_round_trip(s in "[a-z0-9-]{1,64}") {
        let town = TownId::new(s.clone()).unwrap();
        prop_assert_eq!(town.as_str(), s.as_str());
        prop_assert_eq!(town.to_string().parse::<TownId>().unwrap(), town.clone());
        let json = serde_json::to_string(&town).unwrap();
        prop_assert_eq!(&json, &format!("\"{s}\""));
        prop_assert_eq!(serde_json::from_str::<TownId>(&json).unwrap(), town.clone());
        prop_assert_eq!(format!("{town:>70}"), format!("{s:>70}"));
        prop_assert_eq!(ActorId::new(s.clone()).unwrap().into_string(), s.clone());
        prop_assert_eq!(SourceId::new(s.clone()).unwrap().into_string(), s.clone());
        prop_assert_eq!(String::from(ArchetypeId::new(s.clone()).unwrap()), s.clone());
    }

    #[test]
    fn a_foreign_character_is_rejected(
        pre in "[a-z0-9-]{0,30}",
        bad in any::<char>().prop_filter("outside the slug alphabet", |c| !is_slug_char(*c)),
        post in "[a-z0-9-]{0,30}",
    ) {
        let s = format!("{pre}{bad}{post}");
        let err = TownId::new(s.clone()).unwrap_err();
        // At most 30 + 4 + 30 bytes, so the length rule never fires first.
        prop_assert!(s.len() <= MAX_ID_LEN);
        let reason = format!("character {bad:?} at byte {} {SLUG_REASON}", pre.len());
        prop_assert_eq!(err, Error::InvalidId { kind: IdKind::Town, value: s.clone(), reason });
        prop_assert!(serde_json::from_str::<TownId>(&serde_json::to_string(&s).unwrap()).is_err());
    }

    #[test]
    fn overlong_slugs_are_rejected(s in "[a-z0-9-]{65,200}") {
        // Values over 80 characters are clipped in the message (the error
        // keeps them whole).
        let quoted = if s.len() <= 80 { format!("{s:?}") } else { format!("{:?}… ({} characters)", &s[..80], s.len()) };
        let err = ActorId::new(s.clone()).unwrap_err();
        prop_assert_eq!(
            err.to_string(),
            format!("invalid actor id {quoted}: an id must be at most 64 characters, this one has {}", s.len())
        );
        let keeps_whole_value = matches!(err, Error::InvalidId { value, .. } if value == s);
        prop_assert!(keeps_whole_value);
    }
}

// ---------------------------------------------------------------------------
// Measures.
// ---------------------------------------------------------------------------

#[test]
fn measure_rejections_have_exact_messages() {
    assert_err(Area::new(f64::NAN), "area must be a finite number, got NaN");
    assert_err(Area::new(f64::NEG_INFINITY), "area must be a finite number, got -inf");
    assert_err(Area::new(-0.25), "area must not be negative, got -0.25");
    assert_eq!(Area::new(-1.0).unwrap_err(), Error::Negative { quantity: "area", value: -1.0 });
    assert_err(Money::new(f64::INFINITY, Currency::Usd), "money amount must be a finite number, got inf");
    assert_err(Money::new(-3.5, Currency::Usd), "money amount must not be negative, got -3.5");
    assert_err(Population::from_f64(f64::NAN), "population must be a finite number, got NaN");
    assert_err(Population::from_f64(-2.0), "population must not be negative, got -2");
    assert_err(
        Population::from_f64(1.5),
        "population must be a whole number of persons up to 18446744073709551615, got 1.5",
    );
    assert_err(
        Population::from_f64(1e20),
        "population must be a whole number of persons up to 18446744073709551615, got 100000000000000000000",
    );
    assert_err(Year::new(1799), "year 1799 is outside the plausible range 1800..=2100");
    assert_err(Year::new(-1), "year -1 is outside the plausible range 1800..=2100");
    assert_err(Year::new(i64::MAX), &format!("year {} is outside the plausible range 1800..=2100", i64::MAX));
    assert_eq!(Year::new(2101).unwrap_err(), Error::YearOutOfRange { year: 2101, min: 1800, max: 2100 });
    assert_err("20x3".parse::<Year>(), "year error: \"20x3\" is not a whole number");
    assert_err("20013".parse::<Year>(), "year 20013 is outside the plausible range 1800..=2100");
    assert_err(Period::new(year(1996), Some(year(1978))), "period ends in 1978 before it starts in 1996");
    assert_err(Population::new(5).density(Area::new(0.0).unwrap()), "cannot compute population density: area is zero");
    assert_err(
        Money::new(1.0, Currency::Cny).unwrap().per_capita(Population::new(0)),
        "cannot compute per-capita amount: population is zero",
    );
}

#[test]
fn exchange_rate_rejections_have_exact_messages() {
    let new = |rate: f64, from, to| ExchangeRate::new(year(2013), from, to, rate, sid("nbs"));
    assert_err(
        new(0.0, Currency::Usd, Currency::Cny),
        "exchange rate must be a finite number greater than zero, got 0",
    );
    assert_err(
        new(-6.2, Currency::Usd, Currency::Cny),
        "exchange rate must be a finite number greater than zero, got -6.2",
    );
    assert_err(
        new(f64::NAN, Currency::Usd, Currency::Cny),
        "exchange rate must be a finite number greater than zero, got NaN",
    );
    assert_err(
        new(f64::INFINITY, Currency::Usd, Currency::Cny),
        "exchange rate must be a finite number greater than zero, got inf",
    );
    assert_err(new(1.0, Currency::Eur, Currency::Eur), "exchange rate converts EUR to itself");
    let rate = new(6.2, Currency::Usd, Currency::Cny).unwrap();
    assert_err(
        Money::new(1.0, Currency::Hkd).unwrap().convert(&rate),
        "currency mismatch: expected US dollar, found Hong Kong dollar",
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn years_in_range_are_accepted_and_others_rejected(n in -5000i64..5000) {
        match Year::new(n) {
            Ok(y) => {
                prop_assert!((1800..=2100).contains(&n));
                prop_assert_eq!(y.get(), n);
                prop_assert_eq!(y.to_string().parse::<Year>().unwrap(), y);
                prop_assert_eq!(format!("{y:>9}"), format!("{n:>9}"));
                prop_assert_eq!(serde_json::to_string(&y).unwrap(), n.to_string());
            }
            Err(e) => {
                prop_assert!(!(1800..=2100).contains(&n));
                prop_assert_eq!(e.to_string(), format!("year {n} is outside the plausible range 1800..=2100"));
                prop_assert!(serde_json::from_str::<Year>(&n.to_string()).is_err());
            }
        }
    }

    #[test]
    fn negative_measures_are_rejected(v in -1e12f64..-1e-9) {
        prop_assert_eq!(Area::new(v).unwrap_err(), Error::Negative { quantity: "area", value: v });
        let money = Money::new(v, Currency::Eur);
        prop_assert_eq!(money.unwrap_err(), Error::Negative { quantity: "money amount", value: v });
        prop_assert_eq!(
            Linkage::new(LinkageKind::Supply, Scale::Local, sid("s")).with_weight(v).unwrap_err(),
            Error::Negative { quantity: "linkage weight", value: v }
        );
        prop_assert!(serde_json::from_str::<Area>(&v.to_string()).is_err());
    }

    #[test]
    fn measures_display_padded(v in 0.0f64..1e9, w in 0usize..40) {
        let area = Area::new(v).unwrap();
        assert_pads(&area, &format!("{v} km²"), w);
        let money = Money::new(v, Currency::Twd).unwrap();
        assert_pads(&money, &format!("{v} TWD"), w);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let persons = v as u64;
        assert_pads(&Population::new(persons), &format!("{persons} persons"), w);
    }
}

// ---------------------------------------------------------------------------
// Text: Place, Name, DivisionCode, Specialisation, Source.
// ---------------------------------------------------------------------------

#[test]
fn text_rejections_have_exact_messages() {
    assert_err(Place::new(""), "place must not be empty");
    assert_err(Place::new(" \t "), "place must not be empty");
    assert_err(Place::new("港".repeat(101)), "place is 101 characters long, the limit is 100");
    assert_eq!(Place::new("港".repeat(100)).unwrap().as_str().chars().count(), 100);
    assert_eq!(Place::new("  Hong Kong ").unwrap().as_str(), "Hong Kong");
    assert_err(Name::new(" "), "english name must not be empty");
    assert_err(Name::new("Kunshan").unwrap().with_chinese(""), "chinese name must not be empty");
    assert_err(
        DivisionCode::new("3205a1"),
        "invalid statistical division code \"3205a1\": a code must be ASCII digits only",
    );
    assert_err(
        DivisionCode::new("３２"),
        "invalid statistical division code \"３２\": a code must be ASCII digits only",
    );
    assert_err(
        DivisionCode::new("320"),
        "invalid statistical division code \"320\": a code has 2, 4, 6, 9 or 12 digits, this one has 3",
    );
    assert_err(
        DivisionCode::new(""),
        "invalid statistical division code \"\": a code has 2, 4, 6, 9 or 12 digits, this one has 0",
    );
    for ok in ["32", "3205", "320583", "320583101", "320583101001"] {
        assert_eq!(DivisionCode::new(ok).unwrap().to_string(), ok);
    }
    assert_err(Specialisation::new(IndustryDivision::C21, "  ", sid("s")), "product must not be empty");
    assert_err(Source::new(sid("x"), SourceKind::Book, " "), "source 'x': title must not be empty");
    let titled = Source::new(sid("y"), SourceKind::Book, "t").unwrap();
    assert_err(titled.clone().with_authors(["A. Author", ""]), "source 'y': author must not be empty");
    // Free text is either absent or says something: blank venue, URL and
    // note are errors, not empty strings kept (in code and in documents).
    assert_err(titled.clone().with_venue(""), "source 'y': venue must not be empty");
    assert_err(titled.clone().with_url(" "), "source 'y': url must not be empty");
    assert_err(titled.clone().with_note("\n"), "source 'y': note must not be empty");
    for field in ["venue", "url", "note"] {
        let doc = format!(r#"{{"id": "y", "kind": "book", "title": "t", "{field}": " "}}"#);
        assert_eq!(json_err::<Source>(&doc), format!("source 'y': {field} must not be empty"));
    }
    let full = titled.with_venue("Press").unwrap().with_url("https://example.org").unwrap().with_note("n").unwrap();
    assert_eq!((full.venue(), full.url(), full.note()), (Some("Press"), Some("https://example.org"), Some("n")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn places_round_trip(s in "[\\p{Han}A-Za-z][\\p{Han}A-Za-z ,.'-]{0,40}[\\p{Han}A-Za-z]", w in 0usize..60) {
        let place = Place::new(&s).unwrap();
        prop_assert_eq!(place.to_string().parse::<Place>().unwrap(), place.clone());
        prop_assert_eq!(serde_json::from_str::<Place>(&serde_json::to_string(&place).unwrap()).unwrap(), place.clone());
        assert_pads(&place, &s, w);
    }

    #[test]
    fn division_codes_round_trip(len in prop::sample::select(vec![2usize, 4, 6, 9, 12]), digits in "[0-9]{12}") {
        let s = &digits[..len];
        let code = DivisionCode::new(s).unwrap();
        prop_assert_eq!(code.to_string().parse::<DivisionCode>().unwrap(), code.clone());
        prop_assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{s}\""));
        prop_assert_eq!(code.county(), s.get(..6));
    }

    #[test]
    fn division_codes_of_other_lengths_are_rejected(s in "[0-9]{0,20}") {
        prop_assume!(![2, 4, 6, 9, 12].contains(&s.len()));
        prop_assert_eq!(
            DivisionCode::new(s.clone()).unwrap_err().to_string(),
            format!(
                "invalid statistical division code {s:?}: a code has 2, 4, 6, 9 or 12 digits, this one has {}",
                s.len()
            )
        );
    }
}

// ---------------------------------------------------------------------------
// Trajectories.
// ---------------------------------------------------------------------------

fn stage(name: &str, start: i64, end: Option<i64>) -> Stage {
    Stage::new(name, sid("s")).unwrap().with_period(Period::new(year(start), end.map(year)).unwrap())
}

#[test]
fn trajectory_rejections_have_exact_messages() {
    assert_err(
        Trajectory::new(vec![stage("a", 1990, Some(1995)), stage("b", 1985, Some(1999))]),
        "trajectory stage 1 (\"b\") starts in 1985, before the previous stage \"a\" starts in 1990",
    );
    // Overlapping stages are parallel strands: allowed when ordered by start.
    assert!(Trajectory::new(vec![stage("a", 1980, Some(1995)), stage("b", 1990, None)]).is_ok());
    assert!(
        Trajectory::new(vec![stage("a", 1980, None), Stage::new("undated", sid("s")).unwrap(), stage("c", 1990, None)])
            .is_ok()
    );
    assert_err(
        Trajectory::new(vec![stage("a", 1980, None), Stage::new("undated", sid("s")).unwrap(), stage("c", 1970, None)]),
        "trajectory stage 2 (\"c\") starts in 1970, before the previous stage \"a\" starts in 1980",
    );
    let err = assert_err(Stage::new("", sid("s")), "stage name must not be empty");
    assert_eq!(err.root(), &Error::EmptyText { field: "stage name" });
    assert!(
        Trajectory::new(vec![stage("a", 1978, Some(1992)), stage("b", 1992, Some(1992)), stage("c", 1992, None)])
            .is_ok()
    );
    assert!(Trajectory::new(Vec::new()).unwrap().is_empty());
}

// ---------------------------------------------------------------------------
// Towns and archetypes.
// ---------------------------------------------------------------------------

fn kunshan() -> regdev::TownBuilder {
    Town::builder(TownId::new("kunshan").unwrap(), Name::new("Kunshan").unwrap(), AdminLevel::CountyLevelCity)
}

#[test]
fn town_builder_rejections_have_exact_messages() {
    assert_err(kunshan().province("  ").build(), "town 'kunshan': province must not be empty");
    let profile = Profile::default().with(DimensionValue::Dynamics(Dynamics::GovernmentLed));
    assert_err(
        kunshan().profile(profile, ProfileSources::new()).build(),
        "town 'kunshan': profile dimension 'dynamics' has a value but no source",
    );
    let sources = ProfileSources::from([(Dimension::RiskLevel, sid("qiao-talk"))]);
    assert_err(
        kunshan().profile(Profile::default(), sources).build(),
        "town 'kunshan': profile dimension 'risk_level' has a source but no value",
    );
    let advantage = Observed::new(Advantage::Location, sid("qiao-talk"));
    let err = assert_err(
        kunshan().advantage(advantage.clone()).advantage(advantage).build(),
        "town 'kunshan': advantage 'location' is listed twice",
    );
    assert!(matches!(err, Error::Context { .. }));
    assert_eq!(err.root(), &Error::ListedTwice { field: "advantage", value: "location".to_owned() });
    assert!(kunshan().dimension(DimensionValue::RiskLevel(RiskLevel::High), sid("qiao-talk")).build().is_ok());
}

#[test]
fn archetype_builder_rejections_have_exact_messages() {
    assert_err(
        Archetype::builder(ArchetypeId::new("mine").unwrap(), " ").build(),
        "archetype 'mine': archetype name must not be empty",
    );
    let ok = Archetype::builder(ArchetypeId::new("mine").unwrap(), "Mine")
        .model(RegionalModel::Wenzhou)
        .dimension(DimensionValue::Ownership(Ownership::Private), sid("s"))
        .build()
        .unwrap();
    assert_eq!(ok.profile().len(), 1);
    assert_eq!(
        json_err::<Archetype>(r#"{"id":"mine","name":"Mine","profile_sources":{"dynamics":"s"}}"#),
        "archetype 'mine': profile dimension 'dynamics' has a source but no value"
    );
}

// ---------------------------------------------------------------------------
// Linkage graphs.
// ---------------------------------------------------------------------------

fn aid(s: &str) -> ActorId {
    ActorId::new(s).unwrap()
}

fn actor(id: &str) -> Actor {
    Actor::new(aid(id), id.to_uppercase(), ActorKind::PrivateFirm).unwrap()
}

fn link() -> Linkage {
    Linkage::new(LinkageKind::Investment, Scale::Global, sid("qiao-talk"))
}

#[test]
fn actor_and_linkage_rejections_have_exact_messages() {
    assert_err(Actor::new(aid("gov"), " ", ActorKind::LocalGovernment), "actor 'gov': actor name must not be empty");
    assert_err(actor("gov").with_place(""), "place must not be empty");
    assert_err(actor("gov").with_place("x".repeat(101)), "place is 101 characters long, the limit is 100");
    assert_err(link().with_weight(f64::NAN), "linkage weight must be a finite number, got NaN");
    assert_err(link().with_weight(f64::INFINITY), "linkage weight must be a finite number, got inf");
    assert_err(link().with_weight(-1.0), "linkage weight must not be negative, got -1");
    assert_eq!(link().with_weight(-0.0).unwrap().weight().map(f64::to_bits), Some(0.0f64.to_bits()));
}

#[test]
fn linkage_graph_builder_rejections_have_exact_messages() {
    let b = || LinkageGraph::builder(TownId::new("kunshan").unwrap()).actor(actor("a")).actor(actor("b"));
    assert_err(b().actor(actor("a")).build(), "duplicate actor id 'a'");
    assert_err(b().linkage(aid("a"), aid("zz"), link()).build(), "linkage 'a' -> 'zz' refers to unknown actor 'zz'");
    assert_err(b().linkage(aid("yy"), aid("b"), link()).build(), "linkage 'yy' -> 'b' refers to unknown actor 'yy'");
    assert_err(b().linkage(aid("a"), aid("a"), link()).build(), "linkage from actor 'a' to itself is not allowed");
    let all = b()
        .actor(actor("b"))
        .linkage(aid("a"), aid("a"), link())
        .linkage(aid("x"), aid("y"), link())
        .build_all()
        .unwrap_err();
    let messages: Vec<String> = all.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "duplicate actor id 'b'",
            "linkage from actor 'a' to itself is not allowed",
            "linkage 'x' -> 'y' refers to unknown actor 'x'",
            "linkage 'x' -> 'y' refers to unknown actor 'y'",
        ]
    );
    let weighted = b().linkage(aid("a"), aid("b"), link().with_weight(2.5).unwrap()).build().unwrap();
    assert_eq!(weighted.linkage_count(), 1);
    // A negative weight can only arrive through serde; the graph catches it.
    let json = r#"{"focal_town":"kunshan","actors":[{"id":"a","name":"A","kind":"private_firm"},
        {"id":"b","name":"B","kind":"private_firm"}],
        "linkages":[{"from":"a","to":"b","kind":"supply","scale":"local","weight":-1,"source":"s"}]}"#;
    assert_eq!(
        json_err::<LinkageGraph>(json),
        "linkage graph of 'kunshan': linkage 'a' -> 'b' has weight -1, weights must be finite and not negative"
    );
}

// ---------------------------------------------------------------------------
// Error variants that no constructor above reaches, and composition.
// ---------------------------------------------------------------------------

#[test]
fn remaining_error_messages() {
    assert_eq!(Error::MissingField { field: "id" }.to_string(), "missing required field 'id'");
    assert_eq!(
        Error::ParentCycle { cycle: vec!["a".into(), "b".into(), "a".into()] }.to_string(),
        "parent cycle: a -> b -> a"
    );
    assert_eq!(
        Error::UnsupportedFormatVersion { found: 9, supported: 2 }.to_string(),
        "unsupported format_version 9, this version of regdev reads 1 to 2"
    );
    assert_eq!(
        Error::DuplicateId { kind: IdKind::Town, id: "kunshan".into() }.to_string(),
        "duplicate town id 'kunshan'"
    );
    assert_eq!(
        Error::UnknownReference {
            kind: IdKind::Town,
            id: "x".into(),
            referrer: "town 'yushan', field 'parent'".into()
        }
        .to_string(),
        "town 'yushan', field 'parent' refers to unknown town 'x'"
    );
    let parse = |path: Option<&str>, line: Option<usize>, column: Option<usize>| Error::Parse {
        format: "JSON",
        path: path.map(str::to_owned),
        line,
        column,
        message: "expected value".into(),
    };
    assert_eq!(parse(None, None, None).to_string(), "JSON error: expected value");
    assert_eq!(parse(Some("towns[3]"), None, None).to_string(), "JSON error at towns[3]: expected value");
    assert_eq!(
        parse(Some("towns[3]"), Some(4), Some(7)).to_string(),
        "JSON error at towns[3] (line 4, column 7): expected value"
    );
    assert_eq!(parse(None, Some(4), None).to_string(), "JSON error (line 4, column 0): expected value");
    let nested = Area::new(-1.0).unwrap_err().context("field 'area'").context("town 'kunshan'");
    assert_eq!(nested.to_string(), "town 'kunshan': field 'area': area must not be negative, got -1");
    assert_eq!(nested.root(), &Error::Negative { quantity: "area", value: -1.0 });
    assert_eq!(
        std::error::Error::source(&nested).map(ToString::to_string).as_deref(),
        Some("field 'area': area must not be negative, got -1")
    );
    assert_eq!(Error::EmptyText { field: "title" }.to_string(), "title must not be empty");
    assert_eq!(
        Error::TextTooLong { field: "place", len: 101, max: 100 }.to_string(),
        "place is 101 characters long, the limit is 100"
    );
}

// ---------------------------------------------------------------------------
// Serde rejections: what a constructor rejects, deserialization rejects.
// ---------------------------------------------------------------------------

#[test]
fn serde_rejects_invalid_measures() {
    assert_eq!(json_err::<Area>("-1.5"), "area must not be negative, got -1.5");
    assert_eq!(json_err::<Area>("\"806.5\""), "invalid type: string \"806.5\", expected f64 at line 1 column 7");
    assert_eq!(json_err::<Area>("null"), "invalid type: null, expected f64 at line 1 column 4");
    assert_eq!(json_err::<Population>("-3"), "population must not be negative, got -3 at line 1 column 2");
    assert_eq!(
        json_err::<Population>("1.5"),
        "population must be a whole number of persons up to 18446744073709551615, got 1.5 at line 1 column 3"
    );
    assert_eq!(json_err::<Money>(r#"{"amount":-2,"currency":"cny"}"#), "money amount must not be negative, got -2");
    assert_eq!(
        json_err::<Money>(r#"{"amount":2,"currency":"yen"}"#),
        "unknown variant `yen`, expected one of `cny`, `usd`, `hkd`, `twd`, `eur` at line 1 column 28"
    );
    assert_eq!(json_err::<Year>("1799"), "year 1799 is outside the plausible range 1800..=2100");
    assert_eq!(json_err::<Year>("\"2013\""), "invalid type: string \"2013\", expected i64 at line 1 column 6");
    assert_eq!(json_err::<Period>(r#"{"start":1996,"end":1978}"#), "period ends in 1978 before it starts in 1996");
    assert_eq!(
        json_err::<Period>(r#"{"start":2101}"#),
        "year 2101 is outside the plausible range 1800..=2100 at line 1 column 14"
    );
    assert_eq!(
        json_err::<ExchangeRate>(r#"{"year":2013,"from":"usd","to":"cny","rate":0,"source":"nbs"}"#),
        "exchange rate must be a finite number greater than zero, got 0"
    );
    assert_eq!(
        json_err::<ExchangeRate>(r#"{"year":2013,"from":"usd","to":"usd","rate":1,"source":"nbs"}"#),
        "exchange rate converts USD to itself"
    );
    assert!(serde_json::from_str::<Period>(r#"{"start":1996,"end":null}"#).unwrap().end().is_none());
}

#[test]
fn serde_rejects_invalid_text() {
    assert_eq!(json_err::<Place>("\" \""), "place must not be empty");
    assert_eq!(json_err::<Name>(r#"{"english":""}"#), "english name must not be empty");
    assert_eq!(json_err::<Source>(r#"{"id":"x","kind":"book","title":" "}"#), "source 'x': title must not be empty");
    assert_eq!(
        json_err::<Source>(r#"{"id":"y","kind":"book","title":"t","authors":["A. Author",""]}"#),
        "source 'y': author must not be empty"
    );
    assert!(json_err::<Source>(r#"{"id":"z","kind":"book","title":"t","pages":3}"#).contains("unknown field `pages`"));
    assert_eq!(json_err::<Name>(r#"{"english":"Kunshan","chinese":" "}"#), "chinese name must not be empty");
    assert_eq!(
        json_err::<DivisionCode>("\"32058\""),
        "invalid statistical division code \"32058\": a code has 2, 4, 6, 9 or 12 digits, this one has 5"
    );
    assert_eq!(
        json_err::<Specialisation>(r#"{"industry":"c21","product":"","source":"s"}"#),
        "product must not be empty"
    );
    assert_eq!(
        json_err::<Specialisation>(r#"{"industry":"c99","product":"x","source":"s"}"#),
        format!(
            "unknown variant `c99`, expected one of {} at line 1 column 17",
            IndustryDivision::ALL.iter().map(|d| format!("`{}`", d.id())).collect::<Vec<_>>().join(", ")
        )
    );
    assert_eq!(
        json_err::<Actor>(r#"{"id":"a","name":" ","kind":"university"}"#),
        "actor 'a': actor name must not be empty"
    );
    assert_eq!(
        json_err::<Trajectory>(
            r#"[{"name":"a","period":{"start":1990},"source":"s"},{"name":"b","source":"s","period":{"start":1989}}]"#
        ),
        "trajectory stage 1 (\"b\") starts in 1989, before the previous stage \"a\" starts in 1990"
    );
}

#[test]
fn serde_rejects_unknown_fields() {
    type Reject = fn(&str) -> String;
    let cases: [(&str, Reject, &str); 12] = [
        ("period", json_err::<Period>, r#"{"start":1990,"finish":1992}"#),
        ("money", json_err::<Money>, r#"{"amount":1,"currency":"cny","unit":"bn"}"#),
        ("name", json_err::<Name>, r#"{"english":"Kunshan","pinyin":"Kunshan"}"#),
        ("source", json_err::<Source>, r#"{"id":"s","kind":"book","title":"t","isbn":"x"}"#),
        ("observed", json_err::<Observed<Area>>, r#"{"value":1,"source":"s","unit":"km2"}"#),
        ("profile", json_err::<Profile>, r#"{"dynamics":"government_led","colour":"red"}"#),
        ("stage", json_err::<Stage>, r#"{"name":"a","source":"s","when":1990}"#),
        ("code listing", json_err::<CodeListing>, r#"{"code":"32","source":"s","valid_from":1990}"#),
        ("observation", json_err::<KeyFacts>, r#"{"population":[{"value":1,"source":"s","unit":"bn"}]}"#),
        (
            "zone",
            json_err::<DevelopmentZone>,
            r#"{"name":{"english":"Z"},"level":"national","kind":"other","source":"s","size":1}"#,
        ),
        ("actor", json_err::<Actor>, r#"{"id":"a","name":"A","kind":"university","rank":1}"#),
        ("linkage", json_err::<Linkage>, r#"{"kind":"supply","scale":"local","source":"s","volume":1}"#),
    ];
    for (what, parse, json) in cases {
        let msg = parse(json);
        assert!(msg.starts_with("unknown field `"), "{what}: {msg}");
    }
    // An unknown indicator is named as such (format 2, issue 10).
    assert_eq!(
        json_err::<KeyFacts>(r#"{"gdp_growth":1}"#),
        "unknown indicator \"gdp_growth\", expected one of: area, population, gdp, gdp_per_capita, industrial_output, \
         exports, utilised_fdi, firms, product_sales, market_share at line 1 column 13"
    );
    assert!(
        json_err::<Town>(r#"{"id":"k","name":{"english":"K"},"level":"town","mayor":"x"}"#)
            .starts_with("unknown field `mayor`")
    );
    assert!(json_err::<Archetype>(r#"{"id":"k","name":"K","era":"x"}"#).starts_with("unknown field `era`"));
    assert!(
        json_err::<LinkageGraph>(r#"{"focal_town":"k","actors":[],"edges":[]}"#).starts_with("unknown field `edges`")
    );
    assert!(
        json_err::<ExchangeRate>(r#"{"year":2013,"from":"usd","to":"cny","rate":6,"source":"nbs","x":1}"#)
            .starts_with("unknown field `x`")
    );
    assert!(
        json_err::<Specialisation>(r#"{"industry":"c21","product":"p","source":"s","x":1}"#)
            .starts_with("unknown field `x`")
    );
}

#[test]
fn serde_rejects_unknown_enum_ids() {
    assert_eq!(
        json_err::<Scale>("\"planetary\""),
        "unknown variant `planetary`, expected one of `local`, `regional`, `national`, `global` at line 1 column 11"
    );
    assert_eq!(
        json_err::<RegionalModel>("\"Sunan\""),
        "unknown variant `Sunan`, expected one of `sunan`, `pearl_river_delta`, `wenzhou` at line 1 column 7"
    );
    assert!(json_err::<Profile>(r#"{"risk_level":"medium"}"#).starts_with("unknown variant `medium`"));
    assert!(
        json_err::<Town>(r#"{"id":"k","name":{"english":"K"},"level":"hamlet"}"#)
            .starts_with("unknown variant `hamlet`")
    );
}

#[test]
fn serde_rejects_invalid_towns_and_graphs() {
    assert_eq!(
        json_err::<Town>(r#"{"id":"k","name":{"english":"K"},"level":"town","province":""}"#),
        "town 'k': province must not be empty"
    );
    assert_eq!(
        json_err::<Town>(r#"{"id":"k","name":{"english":"K"},"level":"town","profile":{"dynamics":"government_led"}}"#),
        "town 'k': profile dimension 'dynamics' has a value but no source"
    );
    assert_eq!(
        json_err::<Town>(
            r#"{"id":"k","name":{"english":"K"},"level":"town","key_facts":{"area":{"value":-1,"source":"s"}}}"#
        ),
        "area must not be negative, got -1 at line 1 column 79"
    );
    assert_eq!(
        json_err::<LinkageGraph>(
            r#"{"focal_town":"k","actors":[{"id":"a","name":"A","kind":"place"},{"id":"a","name":"B","kind":"place"}],
            "linkages":[{"from":"a","to":"a","kind":"supply","scale":"local","source":"s"}]}"#
        ),
        "linkage graph of 'k': duplicate actor id 'a'; linkage from actor 'a' to itself is not allowed"
    );
}

#[test]
fn serde_rejects_a_negative_linkage_weight() {
    assert_eq!(
        json_err::<Linkage>(r#"{"kind":"supply","scale":"local","weight":-1,"source":"s"}"#),
        "linkage weight must not be negative, got -1"
    );
}
