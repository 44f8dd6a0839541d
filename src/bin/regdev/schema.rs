//! The JSON Schema (draft 2020-12) of the atlas format, as written by
//! `Atlas::to_json_pretty` (format 2) and read by `Atlas::from_json_*`
//! (formats 1 and 2: where a field's format-1 shape differs, both shapes
//! are allowed).
//!
//! Hand-maintained with `serde_json::json!` rather than derived with
//! schemars: deriving would put `#[cfg_attr(feature = "schema", derive(JsonSchema))]`
//! on some forty library types (and hand-written schema impls on those with
//! custom serde: ids, years, towns, graphs), across files other work owns,
//! and schemars cannot see the rules those custom impls enforce anyway.
//! Drift is kept in check two ways: every vocabulary enum's ids come from
//! the library's own `ALL` lists, so a new variant appears here by itself;
//! and `tests/cli.rs` validates the built-in atlas, `regdev export json`
//! output and synthetic atlases against this schema, and checks it rejects
//! unknown fields and bad enum ids.
//!
//! The schema checks shape and local rules (slugs, year range, non-empty
//! text, code lengths, non-negative numbers). Cross-record rules (unique
//! ids, references that resolve, no parent cycles) are beyond JSON Schema:
//! `regdev validate` checks those.

use regdev::{
    ActorKind, AdminLevel, Advantage, Currency, Dimension, DimensionKind, Indicator, IndustryDivision, LinkageKind,
    ObservationKind, Place, Qualifier, Rank, RegionalModel, Scale, SourceKind, SourceStrength, Unit, UpgradingType,
    Valence, ValueChainRole, Year, ZoneKind, ZoneLevel,
};
use serde_json::{Map, Value, json};

/// `{"type": "string", "enum": [ids…]}` from a vocabulary's ids.
fn vocabulary<T: Copy>(all: &[T], id: fn(T) -> &'static str, what: &str) -> Value {
    let ids: Vec<&str> = all.iter().map(|v| id(*v)).collect();
    json!({ "description": what, "type": "string", "enum": ids })
}

/// A reference to a definition.
fn r(name: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}") })
}

/// An object with these properties, these required, and nothing else.
fn object(properties: Value, required: &[&str]) -> Value {
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}

/// An array of `items`, each appearing once when `unique`.
fn array(items: Value, unique: bool) -> Value {
    if unique {
        json!({ "type": "array", "items": items, "uniqueItems": true })
    } else {
        json!({ "type": "array", "items": items })
    }
}

/// `Observed<T>`: a value with its source and optional year.
fn observed(value: Value) -> Value {
    object(json!({ "value": value, "year": r("year"), "source": r("slug") }), &["value", "source"])
}

/// The schema of a value in `unit`.
fn unit_value(unit: Unit) -> Value {
    match unit {
        Unit::Money => r("money"),
        Unit::Persons => json!({ "description": "persons", "type": "integer", "minimum": 0 }),
        Unit::Count => json!({ "description": "a count", "type": "integer", "minimum": 0 }),
        Unit::Share => json!({ "description": "a share, 0 to 1", "type": "number", "minimum": 0, "maximum": 1 }),
        Unit::SquareKilometres => json!({ "description": "km²", "type": "number", "minimum": 0 }),
    }
}

/// The schema of one observation of `indicator` (format 2): a value in its
/// unit, its kinds, a qualifier, a year or a period (not both), a product
/// where it takes one, and a source.
fn observation(indicator: Indicator) -> Value {
    let mut props = Map::new();
    props.insert("value".to_owned(), unit_value(indicator.unit()));
    let kinds: Vec<&str> = indicator.kinds().iter().map(|k| k.id()).collect();
    if !kinds.is_empty() {
        props.insert("kind".to_owned(), json!({ "type": "string", "enum": kinds }));
    }
    props.insert("qualifier".to_owned(), r("qualifier"));
    props.insert("year".to_owned(), r("year"));
    props.insert("period".to_owned(), r("period"));
    if indicator.takes_product() {
        props.insert("product".to_owned(), r("text"));
    }
    props.insert("source".to_owned(), r("slug"));
    let mut o = object(Value::Object(props), &["value", "source"]);
    if let Value::Object(m) = &mut o {
        m.insert(
            "description".to_owned(),
            json!(format!("An observation of {} ({}).", indicator.id(), indicator.unit().id())),
        );
        m.insert("not".to_owned(), json!({ "required": ["year", "period"] }));
    }
    o
}

/// The schema of one profile dimension's value, from the library's
/// dimension table: one of its value ids, a set of them, or a set of places.
fn dimension_value(d: Dimension) -> Value {
    let description = format!("{} (profile dimension '{}').", d.label(), d.id());
    match (d.value_ids(), d.kind()) {
        (Some(ids), DimensionKind::Set) => json!({
            "description": description, "type": "array",
            "items": { "type": "string", "enum": ids }, "uniqueItems": true
        }),
        (Some(ids), _) => json!({ "description": description, "type": "string", "enum": ids }),
        (None, _) => json!({ "description": description, "type": "array", "items": r("place"), "uniqueItems": true }),
    }
}

/// The JSON Schema of the atlas format.
pub(crate) fn atlas_schema() -> Value {
    let mut defs = Map::new();
    let mut def = |name: &str, schema: Value| {
        defs.insert(name.to_owned(), schema);
    };

    def(
        "slug",
        json!({
            "description": "An id: 1 to 64 characters, each a lowercase ASCII letter, digit or '-'.",
            "type": "string", "pattern": "^[a-z0-9-]{1,64}$"
        }),
    );
    def("year", json!({ "type": "integer", "minimum": Year::MIN.get(), "maximum": Year::MAX.get() }));
    def(
        "text",
        json!({ "description": "Text that is not empty or only whitespace.", "type": "string", "pattern": "\\S" }),
    );
    def("place", json!({ "type": "string", "pattern": "\\S", "maxLength": Place::MAX_LEN }));
    def("period", object(json!({ "start": r("year"), "end": r("year") }), &["start"]));
    def(
        "money",
        object(
            json!({ "amount": { "type": "number", "minimum": 0 }, "currency": r("currency") }),
            &["amount", "currency"],
        ),
    );
    def("name", object(json!({ "english": r("text"), "chinese": r("text") }), &["english"]));

    // Vocabularies, from the library's own lists.
    def("source_kind", vocabulary(SourceKind::ALL, SourceKind::id, "A kind of source."));
    def(
        "source_strength",
        vocabulary(
            SourceStrength::ALL,
            SourceStrength::id,
            "How much a source can carry: weak sources back no profile claim or key fact.",
        ),
    );
    def("currency", vocabulary(Currency::ALL, Currency::id, "A currency, by lowercase ISO 4217 code."));
    def("regional_model", vocabulary(RegionalModel::ALL, RegionalModel::id, "A regional development model."));
    def("scale", vocabulary(Scale::ALL, Scale::id, "A geographic scale."));
    for &d in Dimension::ALL {
        def(d.id(), dimension_value(d));
    }
    def("dimension", vocabulary(Dimension::ALL, Dimension::id, "A profile dimension."));
    def("admin_level", vocabulary(AdminLevel::ALL, AdminLevel::id, "An administrative level."));
    def("advantage", vocabulary(Advantage::ALL, Advantage::id, "An advantage of a manufacturing place."));
    def(
        "industry_division",
        vocabulary(IndustryDivision::ALL, IndustryDivision::id, "A GB/T 4754-2017 industry division."),
    );
    def("zone_level", vocabulary(ZoneLevel::ALL, ZoneLevel::id, "A development zone's level."));
    def("zone_kind", vocabulary(ZoneKind::ALL, ZoneKind::id, "A development zone's kind."));
    def("upgrading_type", vocabulary(UpgradingType::ALL, UpgradingType::id, "A type of upgrading."));
    def("actor_kind", vocabulary(ActorKind::ALL, ActorKind::id, "A kind of actor."));
    def("linkage_kind", vocabulary(LinkageKind::ALL, LinkageKind::id, "A kind of linkage."));
    def(
        "valence",
        vocabulary(Valence::ALL, Valence::id, "Cooperative, conflictual or regulatory (default cooperative)."),
    );
    def("value_chain_role", vocabulary(ValueChainRole::ALL, ValueChainRole::id, "A value-chain role (OEM, ODM, OBM)."));
    def("indicator", vocabulary(Indicator::ALL, Indicator::id, "A measured indicator."));
    def("unit", vocabulary(Unit::ALL, Unit::id, "The unit of an indicator."));
    def(
        "observation_kind",
        vocabulary(ObservationKind::ALL, ObservationKind::id, "A kind of population, area, firm ownership or market."),
    );
    def("qualifier", vocabulary(Qualifier::ALL, Qualifier::id, "How exactly a source states a value."));

    let profile: Map<String, Value> = Dimension::ALL.iter().map(|&d| (d.id().to_owned(), r(d.id()))).collect();
    def("profile", json!({ "type": "object", "properties": profile, "additionalProperties": false }));
    def("rank", vocabulary(Rank::ALL, Rank::id, "A claim's rank, as Wikidata ranks statements (default normal)."));
    let claims: Map<String, Value> = Dimension::ALL
        .iter()
        .map(|&d| {
            let claim = object(
                json!({ "value": r(d.id()), "period": r("period"), "rank": r("rank"), "source": r("slug") }),
                &["value", "source"],
            );
            (d.id().to_owned(), array(claim, false))
        })
        .collect();
    def(
        "profile_claims",
        json!({
            "description": "Every sourced claim on each profile dimension (format 2).",
            "type": "object", "properties": claims, "additionalProperties": false
        }),
    );
    def(
        "model_label",
        json!({
            "description": "A town's regional-model label: one sourced value (undated, or with a reference year), \
                            or an array of claims, each with an optional period and rank, where sources disagree \
                            or the town changed model over time.",
            "anyOf": [
                observed(r("regional_model")),
                array(
                    object(
                        json!({
                            "value": r("regional_model"), "period": r("period"), "rank": r("rank"), "source": r("slug")
                        }),
                        &["value", "source"],
                    ),
                    false
                )
            ]
        }),
    );
    def(
        "profile_sources",
        json!({
            "description": "The source of each dimension set in the profile.",
            "type": "object", "propertyNames": r("dimension"), "additionalProperties": r("slug")
        }),
    );

    def(
        "source",
        object(
            json!({
                "id": r("slug"), "kind": r("source_kind"), "authors": array(r("text"), false),
                "title": r("text"), "year": r("year"),
                "venue": r("text"), "url": r("text"), "note": r("text"),
                "strength": r("source_strength")
            }),
            &["id", "kind", "title"],
        ),
    );
    def(
        "exchange_rate",
        object(
            json!({
                "year": r("year"), "from": r("currency"), "to": r("currency"),
                "rate": { "type": "number", "exclusiveMinimum": 0 }, "source": r("slug")
            }),
            &["year", "from", "to", "rate", "source"],
        ),
    );
    def(
        "archetype",
        object(
            json!({
                "id": r("slug"), "name": r("text"), "description": { "type": "string" },
                "model": r("regional_model"), "profile": r("profile"), "profile_sources": r("profile_sources"), "profile_claims": r("profile_claims")
            }),
            &["id", "name"],
        ),
    );
    def(
        "code_listing",
        object(
            json!({
                "code": {
                    "description": "An NBS statistical division code: 2, 4, 6, 9 or 12 ASCII digits.",
                    "type": "string", "pattern": "^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$"
                },
                "valid": r("period"), "source": r("slug")
            }),
            &["code", "source"],
        ),
    );
    // Key facts: one list of observations per indicator (format 2); a single
    // observation object per indicator is format 1, still read.
    let mut facts = Map::new();
    for &i in Indicator::ALL {
        let name = format!("observation_{}", i.id());
        def(&name, observation(i));
        facts.insert(
            i.id().to_owned(),
            json!({ "anyOf": [array(r(&name), false), { "description": "format 1: one observation", "allOf": [r(&name)] }] }),
        );
    }
    def(
        "key_facts",
        json!({
            "description": "Measured facts: for each indicator, a list of observations.",
            "type": "object", "properties": facts, "additionalProperties": false
        }),
    );
    def(
        "specialisation",
        object(
            json!({
                "industry": r("industry_division"), "product": r("text"),
                "value_chain_role": r("value_chain_role"), "source": r("slug")
            }),
            &["industry", "product", "source"],
        ),
    );
    def(
        "zone",
        object(
            json!({
                "name": r("name"), "level": r("zone_level"), "kind": r("zone_kind"),
                "approved": r("year"), "source": r("slug")
            }),
            &["name", "level", "kind", "source"],
        ),
    );
    def(
        "stage",
        object(
            json!({
                "name": r("text"), "period": r("period"), "description": r("text"),
                "upgrading": array(r("upgrading_type"), true),
                "driving_actors": array(r("driving_actor"), true),
                "ownership": r("ownership"), "value_chain_role": r("value_chain_role"), "source": r("slug")
            }),
            &["name", "source"],
        ),
    );
    def(
        "town",
        object(
            json!({
                "id": r("slug"), "name": r("name"), "level": r("admin_level"), "parent": r("slug"),
                "province": r("text"), "statistical_code": r("code_listing"),
                "model": r("model_label"), "key_facts": r("key_facts"),
                "specialisations": array(r("specialisation"), false), "zones": array(r("zone"), false),
                "advantages": array(observed(r("advantage")), false),
                "profile": r("profile"), "profile_sources": r("profile_sources"), "profile_claims": r("profile_claims"),
                "trajectory": array(r("stage"), false), "notes": array(observed(r("text")), false)
            }),
            &["id", "name", "level"],
        ),
    );
    def(
        "actor",
        object(
            json!({
                "id": r("slug"), "name": r("text"), "kind": r("actor_kind"), "place": r("place"), "source": r("slug")
            }),
            &["id", "name", "kind"],
        ),
    );
    def(
        "linkage",
        object(
            json!({
                "from": r("slug"), "to": r("slug"), "kind": r("linkage_kind"), "scale": r("scale"),
                "since": r("year"), "until": r("year"), "valence": r("valence"),
                "weight": { "type": "number", "minimum": 0 }, "source": r("slug")
            }),
            &["from", "to", "kind", "scale", "source"],
        ),
    );
    def(
        "graph",
        object(
            json!({
                "focal_town": r("slug"), "actors": array(r("actor"), false), "linkages": array(r("linkage"), false)
            }),
            &["focal_town", "actors"],
        ),
    );

    let mut schema = object(
        json!({
            "format_version": {
                "description": "The format version: 2 is written; 1 is read and upgraded.",
                "type": "integer", "minimum": regdev::MIN_FORMAT_VERSION, "maximum": regdev::FORMAT_VERSION
            },
            "sources": array(r("source"), false),
            "exchange_rates": array(r("exchange_rate"), false),
            "archetypes": array(r("archetype"), false),
            "towns": array(r("town"), false),
            "graphs": array(r("graph"), false)
        }),
        &["format_version"],
    );
    if let Value::Object(top) = &mut schema {
        let mut head = Map::new();
        head.insert("$schema".to_owned(), json!("https://json-schema.org/draft/2020-12/schema"));
        head.insert("$id".to_owned(), json!("https://docs.rs/regdev/schema/atlas-v2.json"));
        head.insert("title".to_owned(), json!("regdev atlas"));
        head.insert(
            "description".to_owned(),
            json!(format!(
                "An atlas of regdev {} (format_version {}): sources, exchange rates, archetypes, towns and \
                 linkage graphs. Every list may be omitted when empty; unknown fields are errors. Cross-record \
                 rules (unique ids, resolvable references, no parent cycles) are checked by `regdev validate`.",
                env!("CARGO_PKG_VERSION"),
                regdev::FORMAT_VERSION
            )),
        );
        head.append(top);
        head.insert("$defs".to_owned(), Value::Object(defs));
        return Value::Object(head);
    }
    schema
}
