//! The table layout: every table, its columns, their Arrow types and where
//! each column lives in the serialized (JSON) form of a record.
//!
//! `docs/tables.md` documents the same layout for readers; a test checks
//! that the two agree column by column.

use arrow::datatypes::{DataType, Field, Schema};

/// The Arrow type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    /// `Utf8` (Parquet `BYTE_ARRAY` / `STRING`).
    Str,
    /// `Int16` (Parquet `INT32` / `INT(16, signed)`): years.
    Year,
    /// `Float64` (Parquet `DOUBLE`).
    F64,
    /// `UInt64` (Parquet `INT64` / `INT(64, unsigned)`): exact counts.
    U64,
    /// `List<Utf8>`.
    List,
}

impl Ty {
    pub(crate) fn data_type(self) -> DataType {
        match self {
            Ty::Str => DataType::Utf8,
            Ty::Year => DataType::Int16,
            Ty::F64 => DataType::Float64,
            Ty::U64 => DataType::UInt64,
            Ty::List => DataType::List(std::sync::Arc::new(Field::new("item", DataType::Utf8, true))),
        }
    }

    /// The name `docs/tables.md` uses.
    pub(crate) fn doc_name(self) -> &'static str {
        match self {
            Ty::Str => "string",
            Ty::Year => "int16",
            Ty::F64 => "float64",
            Ty::U64 => "uint64",
            Ty::List => "list<string>",
        }
    }

    /// Whether `dt`, as read from a file, is this type.
    pub(crate) fn accepts(self, dt: &DataType) -> bool {
        match (self, dt) {
            (Ty::List, DataType::List(f)) => *f.data_type() == DataType::Utf8,
            // What the reader asks for where a file has a dictionary.
            (Ty::Str, DataType::Dictionary(k, v)) => **k == DataType::Int32 && **v == DataType::Utf8,
            _ => *dt == self.data_type(),
        }
    }
}

/// One column.
#[derive(Debug)]
pub(crate) struct Col {
    pub(crate) name: &'static str,
    pub(crate) ty: Ty,
    /// Never null.
    pub(crate) required: bool,
    /// Where the value sits in the record's JSON object; empty for the key
    /// columns that place a row (its town, indicator, dimension…).
    pub(crate) path: &'static [&'static str],
}

/// One table.
#[derive(Debug)]
pub(crate) struct Spec {
    pub(crate) name: &'static str,
    pub(crate) cols: &'static [Col],
}

impl Spec {
    pub(crate) fn schema(&self) -> Schema {
        Schema::new(self.cols.iter().map(|c| Field::new(c.name, c.ty.data_type(), !c.required)).collect::<Vec<_>>())
    }

    pub(crate) fn index(&self, name: &str) -> Option<usize> {
        self.cols.iter().position(|c| c.name == name)
    }
}

const fn key(name: &'static str) -> Col {
    Col { name, ty: Ty::Str, required: true, path: &[] }
}
const fn opt_key(name: &'static str) -> Col {
    Col { name, ty: Ty::Str, required: false, path: &[] }
}
const fn req(name: &'static str, ty: Ty, path: &'static [&'static str]) -> Col {
    Col { name, ty, required: true, path }
}
const fn opt(name: &'static str, ty: Ty, path: &'static [&'static str]) -> Col {
    Col { name, ty, required: false, path }
}

use Ty::{F64, List, Str, U64, Year};

pub(crate) const SOURCES: Spec = Spec {
    name: "sources",
    cols: &[
        req("id", Str, &["id"]),
        req("kind", Str, &["kind"]),
        opt("authors", List, &["authors"]),
        req("title", Str, &["title"]),
        opt("year", Year, &["year"]),
        opt("venue", Str, &["venue"]),
        opt("url", Str, &["url"]),
        opt("note", Str, &["note"]),
        opt("strength", Str, &["strength"]),
    ],
};

pub(crate) const EXCHANGE_RATES: Spec = Spec {
    name: "exchange_rates",
    cols: &[
        req("year", Year, &["year"]),
        req("from", Str, &["from"]),
        req("to", Str, &["to"]),
        req("rate", F64, &["rate"]),
        req("source", Str, &["source"]),
    ],
};

pub(crate) const ARCHETYPES: Spec = Spec {
    name: "archetypes",
    cols: &[
        req("id", Str, &["id"]),
        req("name", Str, &["name"]),
        req("description", Str, &["description"]),
        opt("model", Str, &["model"]),
    ],
};

pub(crate) const TOWNS: Spec = Spec {
    name: "towns",
    cols: &[
        req("id", Str, &["id"]),
        req("name_english", Str, &["name", "english"]),
        opt("name_chinese", Str, &["name", "chinese"]),
        req("level", Str, &["level"]),
        opt("parent", Str, &["parent"]),
        opt("province", Str, &["province"]),
        opt("code", Str, &["statistical_code", "code"]),
        opt("code_valid_start", Year, &["statistical_code", "valid", "start"]),
        opt("code_valid_end", Year, &["statistical_code", "valid", "end"]),
        opt("code_source", Str, &["statistical_code", "source"]),
        opt("model", Str, &["model", "value"]),
        opt("model_year", Year, &["model", "year"]),
        opt("model_source", Str, &["model", "source"]),
    ],
};

pub(crate) const OBSERVATIONS: Spec = Spec {
    name: "observations",
    cols: &[
        key("town"),
        key("indicator"),
        req("value", F64, &["value"]),
        opt("count", U64, &["count"]),
        req("unit", Str, &["unit"]),
        opt("currency", Str, &["currency"]),
        opt("kind", Str, &["kind"]),
        req("qualifier", Str, &["qualifier"]),
        opt("year", Year, &["year"]),
        opt("period_start", Year, &["period", "start"]),
        opt("period_end", Year, &["period", "end"]),
        opt("product", Str, &["product"]),
        req("source", Str, &["source"]),
    ],
};

pub(crate) const PROFILE_CLAIMS: Spec = Spec {
    name: "profile_claims",
    cols: &[
        opt_key("town"),
        opt_key("archetype"),
        key("dimension"),
        opt("value", Str, &["value_one"]),
        opt("values", List, &["value_list"]),
        req("rank", Str, &["rank"]),
        opt("period_start", Year, &["period", "start"]),
        opt("period_end", Year, &["period", "end"]),
        req("source", Str, &["source"]),
    ],
};

/// A town's model-label claims, when its label is more than one
/// undated claim of normal rank (`towns.model` then holds the label they
/// resolve to).
pub(crate) const MODEL_CLAIMS: Spec = Spec {
    name: "model_claims",
    cols: &[
        key("town"),
        req("model", Str, &["value"]),
        req("rank", Str, &["rank"]),
        opt("period_start", Year, &["period", "start"]),
        opt("period_end", Year, &["period", "end"]),
        req("source", Str, &["source"]),
    ],
};

pub(crate) const SPECIALISATIONS: Spec = Spec {
    name: "specialisations",
    cols: &[
        key("town"),
        req("industry", Str, &["industry"]),
        req("product", Str, &["product"]),
        opt("value_chain_role", Str, &["value_chain_role"]),
        req("source", Str, &["source"]),
    ],
};

pub(crate) const ZONES: Spec = Spec {
    name: "zones",
    cols: &[
        key("town"),
        req("name_english", Str, &["name", "english"]),
        opt("name_chinese", Str, &["name", "chinese"]),
        req("level", Str, &["level"]),
        req("kind", Str, &["kind"]),
        opt("approved", Year, &["approved"]),
        req("source", Str, &["source"]),
    ],
};

pub(crate) const ADVANTAGES: Spec = Spec {
    name: "advantages",
    cols: &[
        key("town"),
        req("advantage", Str, &["value"]),
        opt("year", Year, &["year"]),
        req("source", Str, &["source"]),
    ],
};

pub(crate) const STAGES: Spec = Spec {
    name: "stages",
    cols: &[
        key("town"),
        req("name", Str, &["name"]),
        opt("period_start", Year, &["period", "start"]),
        opt("period_end", Year, &["period", "end"]),
        opt("description", Str, &["description"]),
        opt("upgrading", List, &["upgrading"]),
        opt("driving_actors", List, &["driving_actors"]),
        opt("ownership", Str, &["ownership"]),
        opt("value_chain_role", Str, &["value_chain_role"]),
        req("source", Str, &["source"]),
    ],
};

pub(crate) const NOTES: Spec = Spec {
    name: "notes",
    cols: &[key("town"), req("note", Str, &["value"]), opt("year", Year, &["year"]), req("source", Str, &["source"])],
};

pub(crate) const GRAPHS: Spec = Spec { name: "graphs", cols: &[key("town")] };

pub(crate) const ACTORS: Spec = Spec {
    name: "actors",
    cols: &[
        key("town"),
        req("id", Str, &["id"]),
        req("name", Str, &["name"]),
        req("kind", Str, &["kind"]),
        opt("place", Str, &["place"]),
        opt("source", Str, &["source"]),
    ],
};

pub(crate) const LINKAGES: Spec = Spec {
    name: "linkages",
    cols: &[
        key("town"),
        req("from", Str, &["from"]),
        req("to", Str, &["to"]),
        req("kind", Str, &["kind"]),
        req("scale", Str, &["scale"]),
        req("valence", Str, &["valence"]),
        opt("since", Year, &["since"]),
        opt("until", Year, &["until"]),
        opt("weight", F64, &["weight"]),
        req("source", Str, &["source"]),
    ],
};

/// Every table, in the order they are written and documented.
pub(crate) const ALL: [&Spec; 15] = [
    &SOURCES,
    &EXCHANGE_RATES,
    &ARCHETYPES,
    &TOWNS,
    &OBSERVATIONS,
    &PROFILE_CLAIMS,
    &MODEL_CLAIMS,
    &SPECIALISATIONS,
    &ZONES,
    &ADVANTAGES,
    &STAGES,
    &NOTES,
    &GRAPHS,
    &ACTORS,
    &LINKAGES,
];
