//! What can go wrong in a qualitative comparative analysis.

/// Bad input to calibration, truth tables or minimisation.
///
/// Every variant names the column, case or value at fault. It converts
/// into the crate's [`crate::Error`] (variant `Qca`) with `?`.
///
/// # Example
///
/// ```
/// use regdev::qca::{Dataset, QcaError, TruthTable, TruthTableOptions};
///
/// let data = Dataset::from_csv_str("case,A,Y\nx,0.4,1\ny,1.7,0\n")?;
/// let err = TruthTable::new(&data, &TruthTableOptions::new("Y")).unwrap_err();
/// assert!(matches!(err, QcaError::OutOfRange { .. }));
/// assert_eq!(err.to_string(), "column 'A', case 'y': value 1.7 is not a set membership: fuzzy scores must lie in [0, 1]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum QcaError {
    /// A cell is neither a number nor a missing-value code (`NA` or empty).
    #[error("column '{column}', case '{case}': {value:?} is not a number")]
    NonNumeric {
        /// The column.
        column: String,
        /// The case (row) name.
        case: String,
        /// The text found.
        value: String,
    },

    /// A value cannot be a set membership or a level.
    #[error("column '{column}', case '{case}': value {value} is not a set membership: {reason}")]
    OutOfRange {
        /// The column.
        column: String,
        /// The case (row) name.
        case: String,
        /// The value found.
        value: f64,
        /// Why it was rejected.
        reason: &'static str,
    },

    /// A value used by the analysis is missing. Missing values are never
    /// dropped silently: remove the case explicitly (for example with
    /// [`crate::qca::Dataset::complete_cases`]) or fill it in.
    #[error("column '{column}', case '{case}': value is missing")]
    MissingValue {
        /// The column.
        column: String,
        /// The case (row) name.
        case: String,
    },

    /// A column named as outcome or condition does not exist.
    #[error("'{column}' is not a column; the columns are: {available}")]
    UnknownColumn {
        /// The name asked for.
        column: String,
        /// The columns there are, comma-separated.
        available: String,
    },

    /// A column appears twice (in the data or among the conditions).
    #[error("column '{column}' appears more than once")]
    DuplicateColumn {
        /// The repeated name.
        column: String,
    },

    /// More conditions than a truth table can index.
    #[error(
        "{count} conditions are too many: the limit is {limit} (and the product of their levels must fit in 64 bits)"
    )]
    TooManyConditions {
        /// The number of conditions asked for.
        count: usize,
        /// [`crate::qca::MAX_CONDITIONS`].
        limit: usize,
    },

    /// A multi-value condition has more levels than supported.
    #[error("column '{column}' has {levels} levels, the limit is {limit}")]
    TooManyLevels {
        /// The column.
        column: String,
        /// Its number of levels.
        levels: u64,
        /// The limit.
        limit: u64,
    },

    /// The table has no cases, or no conditions were given.
    #[error("empty table: {what}")]
    Empty {
        /// What is missing, e.g. `"no cases"`.
        what: String,
    },

    /// The outcome is multi-value and no level was chosen (`Y[2]`).
    #[error("outcome '{column}' is multi-value (values up to {max}); choose a level, e.g. '{column}[1]'")]
    MultiValueOutcome {
        /// The outcome column.
        column: String,
        /// Its highest value.
        max: f64,
    },

    /// Calibration thresholds are unusable.
    #[error("invalid thresholds {thresholds:?}: {reason}")]
    InvalidThresholds {
        /// The thresholds given.
        thresholds: Vec<f64>,
        /// Why they were rejected.
        reason: String,
    },

    /// An option is out of range or does not parse.
    #[error("invalid {option} {value:?}: {reason}")]
    InvalidOption {
        /// The option, e.g. `"incl_cut"`.
        option: &'static str,
        /// The value given.
        value: String,
        /// Why it was rejected.
        reason: String,
    },

    /// The CSV text is malformed.
    #[error("CSV line {line}: {reason}")]
    Csv {
        /// One-based line number (0 when unknown).
        line: u64,
        /// What is wrong.
        reason: String,
    },

    /// No configuration has output 1, so there is nothing to explain.
    #[error("nothing to explain: no configuration has output 1 (incl_cut {incl_cut}, n_cut {n_cut})")]
    NothingToExplain {
        /// The inclusion cut-off used.
        incl_cut: f64,
        /// The frequency cut-off used.
        n_cut: u64,
    },

    /// With remainders included there is no configuration with output 0,
    /// so every condition would be minimised away.
    #[error("every configuration is positive or a remainder: all conditions are minimised away; check the truth table")]
    NoNegativeConfigurations,

    /// The prime-implicant chart has more minimal solutions than the limit.
    #[error("the prime implicant chart has more than {limit} minimal solutions")]
    TooManySolutions {
        /// The limit ([`crate::qca::MinimizeOptions::max_solutions`]).
        limit: usize,
    },

    /// An expression (a directional expectation, a term) does not parse.
    #[error("cannot read expression {text:?}: {reason}")]
    Expression {
        /// The text.
        text: String,
        /// Why.
        reason: String,
    },
}

pub(crate) type QcaResult<T> = std::result::Result<T, QcaError>;
