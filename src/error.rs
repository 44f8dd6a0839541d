//! The crate's one error type.
//!
//! Every fallible operation in `regdev` returns [`Error`]. Each variant
//! names the rule it enforces in its doc comment and carries the offending
//! id, field or value, so that a message such as
//! `duplicate town id 'kunshan'` can be acted on without a debugger.
//!
//! Messages are lowercase and have no trailing period, so they compose
//! inside larger messages ("while loading atlas.json: …").

use crate::id::IdKind;

/// Everything that can go wrong when building, loading or querying
/// `regdev` data.
///
/// The enum is `#[non_exhaustive]`: new kinds of validation are added as
/// the data model grows, and adding a variant must not break callers'
/// `match` statements.
///
/// # Example
///
/// ```
/// use regdev::{Error, TownId};
///
/// let err = TownId::new("Kun Shan").unwrap_err();
/// assert!(matches!(err, Error::InvalidId { .. }));
/// assert_eq!(
///     err.to_string(),
///     "invalid town id \"Kun Shan\": character 'K' at byte 0 is not a lowercase ASCII letter, digit or '-'",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error, strum::EnumDiscriminants)]
#[strum_discriminants(
    name(ErrorKind),
    vis(pub),
    derive(Hash),
    cfg_attr(all(), non_exhaustive),
    doc = "Which [`Error`] variant an error is, without its fields: what [`Error::kind`]",
    doc = "returns, for matching through [`Error::Context`] layers. One kind per variant,",
    doc = "named alike; the kind of an error with context is that of its root, never `Context`.",
    doc = "",
    doc = "# Example",
    doc = "",
    doc = "```",
    doc = "use regdev::{Area, ErrorKind};",
    doc = "let err = Area::new(-1.0).unwrap_err().context(\"town 'x'\");",
    doc = "assert_eq!(err.kind(), ErrorKind::Negative);",
    doc = "```"
)]
#[non_exhaustive]
pub enum Error {
    /// An identifier is not a slug: 1–64 characters, each a lowercase ASCII
    /// letter, an ASCII digit or `-`.
    #[error("invalid {kind} id {}: {reason}", clip(.value))]
    InvalidId {
        /// What the id identifies.
        kind: IdKind,
        /// The rejected text.
        value: String,
        /// Why it was rejected.
        reason: String,
    },

    /// Text that should name a vocabulary value (a regional model, a scale,
    /// a currency…) matches neither its snake_case id nor its label.
    #[error("unknown {kind} {}, expected one of: {expected}", clip(.value))]
    UnknownVariant {
        /// The vocabulary, e.g. `"regional model"`.
        kind: &'static str,
        /// The rejected text.
        value: String,
        /// The accepted ids, comma-separated.
        expected: String,
    },

    /// A measured quantity is NaN or infinite.
    #[error("{quantity} must be a finite number, got {value}")]
    NonFinite {
        /// The quantity, e.g. `"area"`.
        quantity: &'static str,
        /// The rejected value.
        value: f64,
    },

    /// A measured quantity is negative.
    #[error("{quantity} must not be negative, got {value}")]
    Negative {
        /// The quantity, e.g. `"population"`.
        quantity: &'static str,
        /// The rejected value.
        value: f64,
    },

    /// An exchange rate is zero, negative or not finite.
    #[error("exchange rate must be a finite number greater than zero, got {rate}")]
    InvalidRate {
        /// The rejected rate.
        rate: f64,
    },

    /// A year lies outside [`Year::MIN`](crate::Year::MIN) ..=
    /// [`Year::MAX`](crate::Year::MAX).
    #[error("year {year} is outside the plausible range {min}..={max}")]
    YearOutOfRange {
        /// The rejected year.
        year: i64,
        /// The earliest accepted year.
        min: i64,
        /// The latest accepted year.
        max: i64,
    },

    /// A period ends before it starts.
    #[error("period ends in {end} before it starts in {start}")]
    PeriodReversed {
        /// The start year.
        start: i64,
        /// The (earlier) end year.
        end: i64,
    },

    /// A required text field is empty or only whitespace.
    #[error("{field} must not be empty")]
    EmptyText {
        /// The field, e.g. `"town name"`.
        field: &'static str,
    },

    /// A text field is longer than its documented limit.
    #[error("{field} is {len} characters long, the limit is {max}")]
    TextTooLong {
        /// The field.
        field: &'static str,
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },

    /// An arithmetic operation mixed currencies, or an exchange rate was
    /// applied to an amount in a currency it does not convert from.
    #[error("currency mismatch: expected {expected}, found {found}")]
    CurrencyMismatch {
        /// The currency the operation needed.
        expected: crate::Currency,
        /// The currency it got.
        found: crate::Currency,
    },

    /// A derived figure divides by a zero population or area.
    #[error("cannot compute {what}: {divisor} is zero")]
    DivisionByZero {
        /// The derived figure, e.g. `"GDP per capita"`.
        what: &'static str,
        /// The zero quantity, e.g. `"population"`.
        divisor: &'static str,
    },

    /// The stages of a trajectory are out of order, or their periods
    /// overlap.
    #[error("trajectory stage {index} ({stage:?}) {problem}")]
    StageOrder {
        /// Zero-based index of the offending stage.
        index: usize,
        /// Its name.
        stage: String,
        /// What is wrong, e.g. "starts in 1985, before the previous stage ends in 1990".
        problem: String,
    },

    /// Two items of the same kind share an id.
    #[error("duplicate {kind} id '{id}'")]
    DuplicateId {
        /// What the id identifies.
        kind: IdKind,
        /// The repeated id.
        id: String,
    },

    /// A lookup that requires an item found none, e.g.
    /// [`Atlas::require_town`](crate::Atlas::require_town).
    #[error("no {kind} '{id}' in the atlas")]
    NotFound {
        /// What the id identifies.
        kind: IdKind,
        /// The id looked up.
        id: String,
    },

    /// A reference names an item that does not exist.
    #[error("{referrer} refers to unknown {kind} '{id}'")]
    UnknownReference {
        /// What the missing id should identify.
        kind: IdKind,
        /// The dangling id.
        id: String,
        /// Who holds the reference, e.g. `town 'yushan', field 'parent'`.
        referrer: String,
    },

    /// A linkage starts and ends at the same actor.
    #[error("linkage from actor '{actor}' to itself is not allowed")]
    SelfLinkage {
        /// The actor.
        actor: String,
    },

    /// A linkage's `until` year is before its `since` year.
    #[error("'until' ({until}) is before 'since' ({since})")]
    UntilBeforeSince {
        /// The first year.
        since: crate::Year,
        /// The (earlier) last year.
        until: crate::Year,
    },

    /// A linkage weight is NaN, infinite or negative.
    #[error("linkage '{from}' -> '{to}' has weight {weight}, weights must be finite and not negative")]
    InvalidWeight {
        /// Source actor.
        from: String,
        /// Target actor.
        to: String,
        /// The rejected weight.
        weight: f64,
    },

    /// Following `parent` links from a town returns to that town.
    #[error("parent cycle: {}", .cycle.join(" -> "))]
    ParentCycle {
        /// The towns on the cycle, the first repeated at the end.
        cycle: Vec<String>,
    },

    /// A document declares a format version this version of the crate
    /// cannot read.
    #[error("unsupported format_version {found}, this version of regdev reads 1 to {supported}")]
    UnsupportedFormatVersion {
        /// The version found in the document.
        found: u32,
        /// The newest version this crate reads (it reads every version from
        /// 1 up to it).
        supported: u32,
    },

    /// A statistical division code is not 2, 4, 6, 9 or 12 ASCII digits.
    #[error("invalid statistical division code {}: {reason}", clip(.value))]
    InvalidCode {
        /// The rejected code.
        value: String,
        /// Why it was rejected.
        reason: String,
    },

    /// A builder was finished without a required field.
    #[error("missing required field '{field}'")]
    MissingField {
        /// The field.
        field: &'static str,
    },

    /// Two linkage graphs in one atlas have the same focal town.
    #[error("more than one linkage graph for town '{town}'")]
    DuplicateGraph {
        /// The focal town.
        town: String,
    },

    /// Two exchange rates in one atlas convert between the same pair of
    /// currencies (either way round) in the same year.
    #[error("more than one exchange rate between {} and {} for {year}", .from.code(), .to.code())]
    DuplicateExchangeRate {
        /// One currency of the pair.
        from: crate::Currency,
        /// The other.
        to: crate::Currency,
        /// The year.
        year: crate::Year,
    },

    /// An exchange rate converts a currency into itself.
    #[error("exchange rate converts {} to itself", .currency.code())]
    SameCurrency {
        /// The currency.
        currency: crate::Currency,
    },

    /// A conversion needs an exchange rate the atlas does not have.
    #[error("no exchange rate between {} and {} for {year} in the atlas", .from.code(), .to.code())]
    NoExchangeRate {
        /// The currency converted from.
        from: crate::Currency,
        /// The currency converted into.
        to: crate::Currency,
        /// The year of the figure.
        year: crate::Year,
    },

    /// A money figure without a year cannot be converted into another
    /// currency: no year, no exchange rate.
    #[error("cannot convert {amount} to {}: the figure has no year, so no exchange rate can be chosen", .to.code())]
    UndatedConversion {
        /// The figure.
        amount: crate::Money,
        /// The currency it was to be converted into.
        to: crate::Currency,
    },

    /// A town's parent is not of a higher administrative tier.
    #[error(
        "town '{town}' ({level}) cannot have parent '{parent}' ({parent_level}): a parent must be of a higher tier"
    )]
    ParentTier {
        /// The town.
        town: String,
        /// Its level.
        level: crate::AdminLevel,
        /// Its parent.
        parent: String,
        /// The parent's level.
        parent_level: crate::AdminLevel,
    },

    /// A quantity that counts whole things (persons) is fractional or too
    /// large.
    #[error("{quantity} must be a whole number of {unit} up to {max}, got {value}")]
    NotWhole {
        /// The quantity, e.g. `"population"`.
        quantity: &'static str,
        /// What it counts, e.g. `"persons"`.
        unit: &'static str,
        /// The largest accepted value.
        max: u64,
        /// The rejected value.
        value: f64,
    },

    /// A setting lies outside its range.
    #[error("{setting} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// The setting, e.g. `"synth setting 'graph_fraction'"`.
        setting: &'static str,
        /// The smallest accepted value.
        min: f64,
        /// The largest accepted value.
        max: f64,
        /// The rejected value.
        value: f64,
    },

    /// A range's bounds are not finite, negative or reversed.
    #[error("{what} {min}..{max} must satisfy 0 <= min <= max")]
    InvalidRange {
        /// The range, e.g. `"density range"`.
        what: &'static str,
        /// The lower bound given.
        min: f64,
        /// The upper bound given.
        max: f64,
    },

    /// A size or count is larger than the crate can hold or allocate.
    #[error("{what} is too large: {value}, the limit is {max}")]
    TooLarge {
        /// What was too large, e.g. `"synth setting 'actors_per_town'"`.
        what: &'static str,
        /// The rejected size.
        value: u128,
        /// The largest accepted size.
        max: u128,
    },

    /// The memory for a result could not be reserved.
    #[error("{what} for {count} items does not fit in memory")]
    OutOfMemory {
        /// What was being allocated, e.g. `"a distance matrix"`.
        what: &'static str,
        /// How many items it was for.
        count: usize,
    },

    /// A list that must not repeat a value does.
    #[error("{field} '{value}' is listed twice")]
    ListedTwice {
        /// The list, e.g. `"advantage"`.
        field: &'static str,
        /// The repeated value's id.
        value: String,
    },

    /// Two preferred claims on one profile dimension compete for the same
    /// years and disagree.
    #[error(
        "profile dimension '{}' has two preferred claims that disagree: \"{first}\" (source '{first_source}') and \"{second}\" (source '{second_source}')",
        .dimension.id()
    )]
    ConflictingClaims {
        /// The dimension.
        dimension: crate::Dimension,
        /// The first claim's value, as text.
        first: String,
        /// Its source.
        first_source: String,
        /// The second claim's value, as text.
        second: String,
        /// Its source.
        second_source: String,
    },

    /// A profile dimension lists the same claim (value, period, source)
    /// twice.
    #[error("profile dimension '{}' lists the claim \"{value}\" (source '{cited}') twice", .dimension.id())]
    DuplicateClaim {
        /// The dimension.
        dimension: crate::Dimension,
        /// The value, as text.
        value: String,
        /// The source's id.
        cited: String,
    },

    /// Two preferred claims on a town's model label compete for the same
    /// years and disagree.
    #[error(
        "model label has two preferred claims that disagree: \"{first}\" (source '{first_source}') and \"{second}\" (source '{second_source}')"
    )]
    ConflictingModelClaims {
        /// The first claim's model, as text.
        first: String,
        /// Its source.
        first_source: String,
        /// The second claim's model, as text.
        second: String,
        /// Its source.
        second_source: String,
    },

    /// A town's model label lists the same claim (model, period, source)
    /// twice.
    #[error("model label lists the claim \"{value}\" (source '{cited}') twice")]
    DuplicateModelClaim {
        /// The model, as text.
        value: String,
        /// The source's id.
        cited: String,
    },

    /// A profile dimension has a value but no source, or a source but no
    /// value.
    #[error("profile dimension '{}' has {}", .dimension.id(), if *.has_value { "a value but no source" } else { "a source but no value" })]
    UnsourcedDimension {
        /// The dimension.
        dimension: crate::Dimension,
        /// `true`: a value without a source; `false`: a source without a value.
        has_value: bool,
    },

    /// A validator found a problem but could not say which; never produced
    /// by the crate's own validators, which always name it. Kept so that a
    /// fallback returns an error instead of panicking.
    #[error("internal error: {what}")]
    Internal {
        /// What went wrong.
        what: &'static str,
    },

    /// The input could not be parsed or did not have the expected shape.
    ///
    /// `path` is the field path inside the document (`towns[3].key_facts`)
    /// when the parser can tell it; `line` and `column` are one-based and
    /// present for text formats that track them (JSON).
    #[error(
        "{format} error{}{}: {message}",
        .path.as_ref().map(|p| format!(" at {p}")).unwrap_or_default(),
        .line.map(|l| format!(" (line {l}, column {})", .column.unwrap_or(0))).unwrap_or_default()
    )]
    Parse {
        /// The format, e.g. `"JSON"`.
        format: &'static str,
        /// The field path, if known.
        path: Option<String>,
        /// One-based line, if known.
        line: Option<usize>,
        /// One-based column, if known.
        column: Option<usize>,
        /// The parser's message.
        message: String,
    },

    /// Writing an export (GraphML, DOT…) to an [`std::io::Write`] failed.
    ///
    /// The I/O error is kept as its message, so that `Error` stays `Clone`
    /// and `PartialEq`.
    #[error("i/o error while {operation}: {message}")]
    Io {
        /// What was being done, e.g. `"writing GraphML"`.
        operation: &'static str,
        /// The I/O error's message.
        message: String,
    },

    // --- format2 (issue 10): observations, units, atlas structure ---
    /// An observation's value is not in its indicator's unit: a plain
    /// number for GDP, money for a population.
    #[error("{} is measured in {}, got {found}", .indicator.id(), .expected.label())]
    WrongUnit {
        /// The indicator observed.
        indicator: crate::Indicator,
        /// The indicator's unit.
        expected: crate::Unit,
        /// What was given instead, e.g. `"a plain number"` or `"money"`.
        found: &'static str,
    },

    /// A share (market share) is below 0, above 1 or not finite.
    #[error("{quantity} must be between 0 and 1, got {value}")]
    ShareOutOfRange {
        /// The quantity, e.g. `"share"`.
        quantity: &'static str,
        /// The rejected value.
        value: f64,
    },

    /// An observation's kind (population, area, ownership or market kind)
    /// does not apply to its indicator.
    #[error("kind '{}' does not apply to {}, expected one of: {expected}", .kind.id(), .indicator.id())]
    KindMismatch {
        /// The indicator observed.
        indicator: crate::Indicator,
        /// The rejected kind.
        kind: crate::ObservationKind,
        /// The kinds the indicator takes, comma-separated (empty: none).
        expected: String,
    },

    /// An observation is dated by both a year and a period.
    #[error("an observation has a year or a period, not both")]
    YearAndPeriod,

    /// A document that declares format 2 or later writes a field in its
    /// format-1 shape: a key fact as a single observation object instead of
    /// a list of observations. (Format-1 documents may; they are upgraded.)
    #[error(
        "field '{field}' is a single observation object (the format-1 shape), but the document declares format_version {version}: write a list of observations"
    )]
    FormatOneShape {
        /// The field, e.g. `"key_facts.population"`.
        field: String,
        /// The declared format version.
        version: u32,
    },

    /// A product is named on an indicator that is not about one product.
    #[error("{} takes no product (only product_sales and market_share do)", .indicator.id())]
    ProductNotAllowed {
        /// The indicator observed.
        indicator: crate::Indicator,
    },
    // --- end format2 ---
    /// An error found while validating a particular item, with the item
    /// named (`town 'kunshan'`).
    #[error("{context}: {source}")]
    Context {
        /// Where the error was found.
        context: String,
        /// The error.
        source: Box<Error>,
    },
    /// A figure or report needs a town's linkage graph and the town has
    /// none.
    #[error("town '{town}' has no linkage graph")]
    NoLinkageGraph {
        /// The town.
        town: String,
    },
    /// A figure needs more towns or archetypes than it was given.
    #[error("{what} needs at least {min} towns or archetypes, got {found}")]
    TooFewCases {
        /// The figure, e.g. `"a comparison figure"`.
        what: &'static str,
        /// How many it needs.
        min: usize,
        /// How many it got.
        found: usize,
    },

    /// A table of a Parquet export (feature `parquet`, see
    /// `regdev::tables`) is missing, unreadable or holds invalid content:
    /// a wrong column type, a null in a required column, a dangling
    /// reference, a value its column does not allow. Names the table and,
    /// where they apply, the row (0-based, in file order) and the column.
    #[error(
        "table '{table}'{}{}: {message}",
        .row.map(|r| format!(", row {r}")).unwrap_or_default(),
        .column.as_ref().map(|c| format!(", column '{c}'")).unwrap_or_default()
    )]
    Table {
        /// The table, e.g. `"towns"`.
        table: String,
        /// The 0-based row, if one row is at fault.
        row: Option<usize>,
        /// The column, if one column is at fault.
        column: Option<String>,
        /// What is wrong.
        message: String,
    },

    /// Qualitative comparative analysis rejected its input (see
    /// [`crate::qca::QcaError`] for the cases).
    #[cfg(feature = "qca")]
    #[error(transparent)]
    Qca(#[from] crate::qca::QcaError),
}

impl Error {
    /// Wraps this error with a description of where it was found.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Area, Error};
    ///
    /// let err = Area::new(-1.0).unwrap_err().context("town 'kunshan', field 'key_facts.area'");
    /// assert_eq!(err.to_string(), "town 'kunshan', field 'key_facts.area': area must not be negative, got -1");
    /// ```
    #[must_use]
    pub fn context(self, context: impl Into<String>) -> Error {
        Error::Context { context: context.into(), source: Box::new(self) }
    }

    /// The kind of the innermost error (through every [`Error::Context`]
    /// layer), to match on without unwrapping: builders and loaders add
    /// context to what they report.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, ErrorKind, LinkageGraph, TownId};
    /// let err = Atlas::builder().graph(LinkageGraph::builder(TownId::new("ghost")?).build()?).build().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::UnknownReference);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::from(self.root())
    }

    /// The innermost error, with every [`Error::Context`] layer removed.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Area, Error};
    ///
    /// let err = Area::new(f64::NAN).unwrap_err().context("somewhere");
    /// assert!(matches!(err.root(), Error::NonFinite { quantity: "area", .. }));
    /// ```
    #[must_use]
    pub fn root(&self) -> &Error {
        match self {
            Error::Context { source, .. } => source.root(),
            other => other,
        }
    }
}

/// The longest rejected value quoted in full in a message, in characters.
/// Longer values are cut and marked with the total length; the error's
/// field keeps the whole value.
pub const MAX_QUOTED_CHARS: usize = 80;

/// Quotes `value` for a message, cutting it after [`MAX_QUOTED_CHARS`]
/// characters so a hostile 100 MB input does not make a 100 MB message.
fn clip(value: &str) -> String {
    let len = value.chars().count();
    if len <= MAX_QUOTED_CHARS {
        format!("{value:?}")
    } else {
        let head: String = value.chars().take(MAX_QUOTED_CHARS).collect();
        format!("{head:?}… ({len} characters)")
    }
}

/// A specialised `Result` with [`Error`] as its error type.
pub type Result<T, E = Error> = core::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_clipped_in_messages() {
        let long = "x".repeat(1000);
        let e = Error::UnknownVariant { kind: "scale", value: long.clone(), expected: "local".to_owned() };
        let msg = e.to_string();
        assert_eq!(msg, format!("unknown scale {:?}… (1000 characters), expected one of: local", "x".repeat(80)));
        assert!(matches!(e, Error::UnknownVariant { value, .. } if value == long));
        let short = Error::InvalidCode { value: "1".to_owned(), reason: "r".to_owned() };
        assert_eq!(short.to_string(), "invalid statistical division code \"1\": r");
    }

    #[test]
    fn error_is_send_sync_static() {
        fn assert<T: Send + Sync + 'static + std::error::Error>() {}
        assert::<Error>();
    }
}
