//! Truth tables for crisp, multi-value and fuzzy data, as R's
//! `QCA::truthTable` builds them.

use std::collections::BTreeMap;
use std::fmt;

use super::MAX_CONDITIONS;
use super::data::Dataset;
use super::error::{QcaError, QcaResult};

/// The highest number of levels of a multi-value condition.
pub const MAX_LEVELS: u64 = 64;

/// Tolerance of R's `agteb` ("almost greater than or equal").
const EPS: f64 = 1e-9;

/// How to build a [`TruthTable`]: the outcome, the conditions and the
/// cut-offs. Defaults are R's: `incl_cut = 1`, `n_cut = 1`, `pri_cut = 0`,
/// every other column a condition.
///
/// The outcome is a column name, `~NAME` for its negation, or `NAME[v]`
/// for a level of a multi-value outcome.
///
/// # Example
///
/// ```
/// use regdev::qca::TruthTableOptions;
///
/// let opts = TruthTableOptions::new("SURV").conditions(&["DEV", "URB"])?.incl_cut(0.8)?.n_cut(2)?;
/// assert_eq!(opts.outcome(), "SURV");
/// # Ok::<(), regdev::qca::QcaError>(())
/// ```
///
/// Each setter checks its argument at once, so options that exist are
/// valid; what depends on the data (the outcome and conditions naming
/// columns) is checked by [`TruthTable::new`].
#[derive(Debug, Clone, PartialEq)]
pub struct TruthTableOptions {
    outcome: String,
    conditions: Option<Vec<String>>,
    incl_cut1: f64,
    incl_cut0: Option<f64>,
    n_cut: u64,
    pri_cut: f64,
}

/// `v` if it lies in [0, 1] (NaN does not), else the option's error.
fn unit_interval(option: &'static str, v: f64) -> QcaResult<f64> {
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(QcaError::InvalidOption { option, value: v.to_string(), reason: "must lie in [0, 1]".into() })
    }
}

impl TruthTableOptions {
    /// Options for this outcome with R's defaults.
    ///
    /// # Example
    ///
    /// ```
    /// let opts = regdev::qca::TruthTableOptions::new("~SURV");
    /// assert_eq!(opts.outcome(), "~SURV");
    /// ```
    pub fn new(outcome: impl Into<String>) -> Self {
        Self { outcome: outcome.into(), conditions: None, incl_cut1: 1.0, incl_cut0: None, n_cut: 1, pri_cut: 0.0 }
    }

    /// The conditions, in this order (default: every column but the
    /// outcome, in table order).
    ///
    /// # Errors
    ///
    /// [`QcaError::Empty`] for an empty list; [`QcaError::DuplicateColumn`]
    /// for a name given twice.
    ///
    /// # Example
    ///
    /// ```
    /// let opts = regdev::qca::TruthTableOptions::new("Y").conditions(&["B", "A"])?;
    /// assert_eq!(opts.condition_names(), Some(&["B".to_string(), "A".to_string()][..]));
    /// assert!(opts.clone().conditions(&["A", "A"]).is_err());
    /// # Ok::<(), regdev::qca::QcaError>(())
    /// ```
    pub fn conditions(mut self, names: &[&str]) -> QcaResult<Self> {
        if names.is_empty() {
            return Err(QcaError::Empty { what: "no conditions".into() });
        }
        for (i, name) in names.iter().enumerate() {
            if names.iter().take(i).any(|n| n == name) {
                return Err(QcaError::DuplicateColumn { column: (*name).to_owned() });
            }
        }
        self.conditions = Some(names.iter().map(|s| (*s).to_owned()).collect());
        Ok(self)
    }

    /// The inclusion cut-off for output 1.
    ///
    /// # Errors
    ///
    /// [`QcaError::InvalidOption`] unless `cut` lies in [0, 1].
    ///
    /// # Example
    ///
    /// ```
    /// let opts = regdev::qca::TruthTableOptions::new("Y").incl_cut(0.8)?;
    /// assert_eq!(opts.incl_cuts(), (0.8, None));
    /// assert!(opts.incl_cut(1.5).is_err());
    /// # Ok::<(), regdev::qca::QcaError>(())
    /// ```
    pub fn incl_cut(mut self, cut: f64) -> QcaResult<Self> {
        self.incl_cut1 = unit_interval("incl_cut", cut)?;
        self.incl_cut0 = None;
        Ok(self)
    }

    /// Two inclusion cut-offs: output 1 at or above `cut1`, contradictory
    /// (`C`) at or above `cut0` but below `cut1`, 0 below `cut0`.
    ///
    /// # Errors
    ///
    /// [`QcaError::InvalidOption`] unless both lie in [0, 1] and `cut0`
    /// does not exceed `cut1`.
    ///
    /// # Example
    ///
    /// ```
    /// let opts = regdev::qca::TruthTableOptions::new("Y").incl_cuts_two(0.9, 0.6)?;
    /// assert_eq!(opts.incl_cuts(), (0.9, Some(0.6)));
    /// assert!(opts.incl_cuts_two(0.6, 0.9).is_err());
    /// # Ok::<(), regdev::qca::QcaError>(())
    /// ```
    pub fn incl_cuts_two(mut self, cut1: f64, cut0: f64) -> QcaResult<Self> {
        let (cut1, cut0) = (unit_interval("incl_cut", cut1)?, unit_interval("incl_cut", cut0)?);
        if cut0 > cut1 {
            return Err(QcaError::InvalidOption {
                option: "incl_cut",
                value: format!("{cut1},{cut0}"),
                reason: "the second cut-off (for contradictions) must not exceed the first".into(),
            });
        }
        self.incl_cut1 = cut1;
        self.incl_cut0 = Some(cut0);
        Ok(self)
    }

    /// The lowest number of cases for a configuration to count as
    /// observed; rarer configurations become remainders.
    ///
    /// # Errors
    ///
    /// [`QcaError::InvalidOption`] for 0.
    ///
    /// # Example
    ///
    /// ```
    /// let opts = regdev::qca::TruthTableOptions::new("Y").n_cut(2)?;
    /// assert_eq!(opts.n_cut_value(), 2);
    /// assert!(opts.n_cut(0).is_err());
    /// # Ok::<(), regdev::qca::QcaError>(())
    /// ```
    pub fn n_cut(mut self, n: u64) -> QcaResult<Self> {
        if n == 0 {
            return Err(QcaError::InvalidOption {
                option: "n_cut",
                value: "0".into(),
                reason: "must be at least 1".into(),
            });
        }
        self.n_cut = n;
        Ok(self)
    }

    /// The lowest PRI for output 1.
    ///
    /// # Errors
    ///
    /// [`QcaError::InvalidOption`] unless `cut` lies in [0, 1].
    ///
    /// # Example
    ///
    /// ```
    /// let opts = regdev::qca::TruthTableOptions::new("Y").pri_cut(0.5)?;
    /// assert_eq!(opts.pri_cut_value(), 0.5);
    /// assert!(opts.pri_cut(f64::NAN).is_err());
    /// # Ok::<(), regdev::qca::QcaError>(())
    /// ```
    pub fn pri_cut(mut self, cut: f64) -> QcaResult<Self> {
        self.pri_cut = unit_interval("pri_cut", cut)?;
        Ok(self)
    }

    /// The outcome specification.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::qca::TruthTableOptions::new("Y").outcome(), "Y");
    /// ```
    pub fn outcome(&self) -> &str {
        &self.outcome
    }

    /// The conditions chosen, if any.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::qca::TruthTableOptions::new("Y").condition_names(), None);
    /// ```
    pub fn condition_names(&self) -> Option<&[String]> {
        self.conditions.as_deref()
    }

    /// The inclusion cut-offs.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::qca::TruthTableOptions::new("Y").incl_cuts(), (1.0, None));
    /// ```
    pub fn incl_cuts(&self) -> (f64, Option<f64>) {
        (self.incl_cut1, self.incl_cut0)
    }

    /// The frequency cut-off.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::qca::TruthTableOptions::new("Y").n_cut_value(), 1);
    /// ```
    pub fn n_cut_value(&self) -> u64 {
        self.n_cut
    }

    /// The PRI cut-off.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::qca::TruthTableOptions::new("Y").pri_cut_value(), 0.0);
    /// ```
    pub fn pri_cut_value(&self) -> f64 {
        self.pri_cut
    }
}

/// The output code of a truth-table row.
///
/// # Example
///
/// ```
/// assert_eq!(regdev::qca::Output::Contradiction.to_string(), "C");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Output {
    /// Sufficient for the outcome: `1`.
    #[serde(rename = "1")]
    Positive,
    /// Not sufficient: `0`.
    #[serde(rename = "0")]
    Negative,
    /// Between the two inclusion cut-offs: `C`.
    #[serde(rename = "C")]
    Contradiction,
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Output::Positive => "1",
            Output::Negative => "0",
            Output::Contradiction => "C",
        })
    }
}

/// One observed configuration of a [`TruthTable`].
///
/// # Example
///
/// ```
/// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
///
/// let data = Dataset::from_csv_str("case,A,B,Y\nx,1,0,1\ny,1,0,1\nz,0,0,0\n")?;
/// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
/// let row = &tt.rows()[1];
/// assert_eq!((row.values(), row.index(), row.n()), (&[1, 0][..], 3, 2));
/// assert_eq!(row.cases(), ["x", "y"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TruthTableRow {
    values: Vec<u8>,
    index: u64,
    n: u64,
    incl: f64,
    pri: f64,
    out: Output,
    cases: Vec<String>,
}

impl TruthTableRow {
    /// The level of each condition (0/1 for crisp and fuzzy sets).
    ///
    /// # Example
    ///
    /// See [`TruthTableRow`].
    pub fn values(&self) -> &[u8] {
        &self.values
    }
    /// R's row number: the configuration read as a mixed-radix number, plus 1.
    ///
    /// # Example
    ///
    /// See [`TruthTableRow`].
    pub fn index(&self) -> u64 {
        self.index
    }
    /// Cases with membership above 0.5 in the configuration.
    ///
    /// # Example
    ///
    /// See [`TruthTableRow`].
    pub fn n(&self) -> u64 {
        self.n
    }
    /// Inclusion (consistency) of the configuration in the outcome, over
    /// all cases.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,Y\n1,1\n1,0\n0,0\n")?;
    /// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
    /// assert_eq!(tt.rows()[1].incl(), 0.5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn incl(&self) -> f64 {
        self.incl
    }
    /// Proportional reduction in inconsistency (NaN when undefined).
    ///
    /// # Example
    ///
    /// See [`TruthTableRow::incl`].
    pub fn pri(&self) -> f64 {
        self.pri
    }
    /// The output code.
    ///
    /// # Example
    ///
    /// See [`TruthTableRow::incl`].
    pub fn out(&self) -> Output {
        self.out
    }
    /// The cases in the configuration (those with a membership of exactly
    /// 0.5 in a condition belong to no configuration and are not listed,
    /// as in R).
    ///
    /// # Example
    ///
    /// See [`TruthTableRow`].
    pub fn cases(&self) -> &[String] {
        &self.cases
    }
}

/// How a condition's values are read.
///
/// # Example
///
/// ```
/// use regdev::qca::{ConditionKind, Dataset, TruthTable, TruthTableOptions};
/// let data = Dataset::from_csv_str("A,B,C,Y\n0.3,2,1,1\n0.8,0,0,0\n")?;
/// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
/// assert_eq!(tt.kinds(), [ConditionKind::Fuzzy, ConditionKind::MultiValue, ConditionKind::Crisp]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ConditionKind {
    /// 0/1.
    Crisp,
    /// Levels 0, 1, 2, …
    MultiValue,
    /// Memberships in [0, 1].
    Fuzzy,
}

/// A truth table: every observed configuration of the conditions with its
/// cases, inclusion, PRI and output code. Configurations without cases
/// (or with fewer than `n_cut`) are remainders.
///
/// # Example
///
/// ```
/// use regdev::qca::{Dataset, Output, TruthTable, TruthTableOptions};
///
/// let data = Dataset::from_csv_str("case,A,B,Y\nx,1,1,1\ny,1,0,0\nz,0,0,0\n")?;
/// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
/// assert_eq!(tt.rows().len(), 3);
/// assert_eq!(tt.remainder_count(), 1);
/// assert_eq!(tt.rows()[2].out(), Output::Positive);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TruthTable {
    pub(crate) conditions: Vec<String>,
    pub(crate) levels: Vec<u8>,
    pub(crate) kinds: Vec<ConditionKind>,
    pub(crate) outcome: String,
    pub(crate) cases: Vec<String>,
    /// Per condition, per case.
    pub(crate) data: Vec<Vec<f64>>,
    /// Outcome membership per case (after negation / level choice).
    pub(crate) y: Vec<f64>,
    pub(crate) rows: Vec<TruthTableRow>,
    pub(crate) below_n_cut: Vec<TruthTableRow>,
    pub(crate) options: TruthTableOptions,
}

fn parse_outcome(spec: &str) -> QcaResult<(bool, String, Option<f64>)> {
    let s = spec.trim();
    let (negated, rest) = match s.strip_prefix('~') {
        Some(r) => (true, r.trim()),
        None => (false, s),
    };
    if let Some(open) = rest.find('[') {
        let name = rest.get(..open).unwrap_or_default().trim();
        let inner = rest.get(open + 1..).and_then(|r| r.strip_suffix(']')).ok_or_else(|| QcaError::Expression {
            text: spec.to_owned(),
            reason: "a level must be written NAME[v]".into(),
        })?;
        let level: f64 = inner.trim().parse().map_err(|_| QcaError::Expression {
            text: spec.to_owned(),
            reason: format!("level {inner:?} is not a number"),
        })?;
        return Ok((negated, name.to_owned(), Some(level)));
    }
    if rest.is_empty() {
        return Err(QcaError::Expression { text: spec.to_owned(), reason: "no outcome column".into() });
    }
    Ok((negated, rest.to_owned(), None))
}

impl TruthTable {
    /// Builds the truth table of `data` for the options' outcome and
    /// conditions, as `QCA::truthTable(data, outcome, conditions, incl.cut,
    /// n.cut, pri.cut)` does.
    ///
    /// A condition whose values are all whole numbers is crisp (0/1) or
    /// multi-value (0, 1, 2, …); otherwise it is a fuzzy set and every
    /// value must lie in [0, 1]. Fuzzy cases belong to the configuration
    /// in which their membership is above 0.5.
    ///
    /// # Errors
    ///
    /// [`QcaError::UnknownColumn`] for an outcome or condition that is not
    /// a column; [`QcaError::MissingValue`], [`QcaError::OutOfRange`],
    /// [`QcaError::MultiValueOutcome`] naming column and case;
    /// [`QcaError::Empty`] without conditions; [`QcaError::TooManyConditions`]
    /// above [`MAX_CONDITIONS`]; [`QcaError::InvalidOption`] for cut-offs
    /// outside [0, 1] or `n_cut` 0.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, QcaError, TruthTable, TruthTableOptions};
    ///
    /// let data = Dataset::from_csv_str("A,Y\n1,1\n")?;
    /// let err = TruthTable::new(&data, &TruthTableOptions::new("Z")).unwrap_err();
    /// assert!(matches!(err, QcaError::UnknownColumn { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(data: &Dataset, options: &TruthTableOptions) -> QcaResult<Self> {
        let (ic1, ic0) = options.incl_cuts();
        let (negated, out_name, out_level) = parse_outcome(&options.outcome)?;
        let out_col = data.column(&out_name)?;
        let cases = data.cases().to_vec();
        let mut y = Vec::with_capacity(cases.len());
        let out_max = out_col.iter().flatten().copied().fold(f64::NEG_INFINITY, f64::max);
        for (case, v) in cases.iter().zip(out_col) {
            let v = v.ok_or_else(|| QcaError::MissingValue { column: out_name.clone(), case: case.clone() })?;
            let m = match out_level {
                Some(level) => f64::from(u8::from(v == level)),
                None => {
                    if !(0.0..=1.0).contains(&v) {
                        if v.fract() == 0.0 && v > 1.0 {
                            return Err(QcaError::MultiValueOutcome { column: out_name.clone(), max: out_max });
                        }
                        return Err(QcaError::OutOfRange {
                            column: out_name.clone(),
                            case: case.clone(),
                            value: v,
                            reason: "outcome memberships must lie in [0, 1]",
                        });
                    }
                    v
                }
            };
            y.push(if negated { 1.0 - m } else { m });
        }
        let names: Vec<String> = match &options.conditions {
            Some(c) => c.clone(),
            None => data.column_names().iter().filter(|n| **n != out_name).cloned().collect(),
        };
        if names.is_empty() {
            return Err(QcaError::Empty { what: "no conditions".into() });
        }
        if names.len() > MAX_CONDITIONS {
            return Err(QcaError::TooManyConditions { count: names.len(), limit: MAX_CONDITIONS });
        }
        let mut columns = Vec::with_capacity(names.len());
        let mut levels = Vec::with_capacity(names.len());
        let mut kinds = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            if names.iter().take(i).any(|n| n == name) {
                return Err(QcaError::DuplicateColumn { column: name.clone() });
            }
            if *name == out_name {
                return Err(QcaError::InvalidOption {
                    option: "conditions",
                    value: name.clone(),
                    reason: "the outcome cannot also be a condition".into(),
                });
            }
            let col = data.column(name)?;
            let mut values = Vec::with_capacity(col.len());
            for (case, v) in cases.iter().zip(col) {
                values.push(v.ok_or_else(|| QcaError::MissingValue { column: name.clone(), case: case.clone() })?);
            }
            let fuzzy = values.iter().any(|v| v.fract() != 0.0);
            let (kind, nlev) = if fuzzy {
                for (case, &v) in cases.iter().zip(&values) {
                    if !(0.0..=1.0).contains(&v) {
                        return Err(QcaError::OutOfRange {
                            column: name.clone(),
                            case: case.clone(),
                            value: v,
                            reason: "fuzzy scores must lie in [0, 1]",
                        });
                    }
                }
                (ConditionKind::Fuzzy, 2)
            } else {
                for (case, &v) in cases.iter().zip(&values) {
                    if v < 0.0 {
                        return Err(QcaError::OutOfRange {
                            column: name.clone(),
                            case: case.clone(),
                            value: v,
                            reason: "crisp and multi-value levels must be 0, 1, 2, …",
                        });
                    }
                }
                let max = values.iter().copied().fold(0.0, f64::max);
                if max >= MAX_LEVELS as f64 {
                    return Err(QcaError::TooManyLevels {
                        column: name.clone(),
                        levels: max as u64 + 1,
                        limit: MAX_LEVELS,
                    });
                }
                if max > 1.0 { (ConditionKind::MultiValue, max as u8 + 1) } else { (ConditionKind::Crisp, 2) }
            };
            columns.push(values);
            levels.push(nlev);
            kinds.push(kind);
        }
        let mut total: u64 = 1;
        for &l in &levels {
            total = total
                .checked_mul(u64::from(l))
                .ok_or(QcaError::TooManyConditions { count: names.len(), limit: MAX_CONDITIONS })?;
        }
        let mbase = mixed_base(&levels);
        // Configuration of each case (fuzzy: membership above 0.5).
        let mut groups: BTreeMap<u64, (Vec<u8>, Vec<usize>)> = BTreeMap::new();
        for case in 0..cases.len() {
            let config: Vec<u8> = columns
                .iter()
                .zip(&kinds)
                .map(|(col, kind)| {
                    let v = col.get(case).copied().unwrap_or(0.0);
                    match kind {
                        ConditionKind::Fuzzy => u8::from(v > 0.5),
                        _ => v as u8,
                    }
                })
                .collect();
            let index = config.iter().zip(&mbase).map(|(&v, &b)| u64::from(v) * b).sum::<u64>();
            groups.entry(index).or_insert_with(|| (config, Vec::new())).1.push(case);
        }
        let mut rows = Vec::new();
        let mut below = Vec::new();
        for (index, (config, members)) in groups {
            let mut sum_x = 0.0;
            let mut sum_xy = 0.0;
            let mut sum_xyny = 0.0;
            let mut n = 0;
            for (case, &yv) in y.iter().enumerate() {
                let m = config_membership(&columns, &kinds, &config, case);
                sum_x += m;
                let xy = m.min(yv);
                sum_xy += xy;
                sum_xyny += xy.min(1.0 - yv);
                if m > 0.5 {
                    n += 1;
                }
            }
            let incl = sum_xy / sum_x;
            let pri = (sum_xy - sum_xyny) / (sum_x - sum_xyny);
            let out = if incl >= ic1 - EPS && pri >= options.pri_cut - EPS {
                Output::Positive
            } else if ic0.is_some_and(|c0| incl < ic1 && incl >= c0 - EPS) {
                Output::Contradiction
            } else {
                Output::Negative
            };
            let member_cases = members
                .iter()
                .filter(|&&c| !columns.iter().any(|col| col.get(c).is_some_and(|&v| (v - 0.5).abs() < EPS)))
                .filter_map(|&c| cases.get(c).cloned())
                .collect();
            let row = TruthTableRow { values: config, index: index + 1, n, incl, pri, out, cases: member_cases };
            if n < options.n_cut { below.push(row) } else { rows.push(row) }
        }
        if rows.is_empty() {
            return Err(QcaError::Empty {
                what: format!("no configuration has at least n_cut = {} cases", options.n_cut),
            });
        }
        Ok(Self {
            conditions: names,
            levels,
            kinds,
            outcome: options.outcome.trim().to_owned(),
            cases,
            data: columns,
            y,
            rows,
            below_n_cut: below,
            options: options.clone(),
        })
    }

    /// The observed configurations (at least `n_cut` cases), in R's row
    /// order (ascending [`TruthTableRow::index`]).
    ///
    /// # Example
    ///
    /// See [`TruthTable`].
    pub fn rows(&self) -> &[TruthTableRow] {
        &self.rows
    }

    /// Configurations with cases but fewer than `n_cut`; they are treated
    /// as remainders.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,Y\n1,1\n1,1\n0,0\n")?;
    /// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y").n_cut(2)?)?;
    /// assert_eq!((tt.rows().len(), tt.below_n_cut().len()), (1, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn below_n_cut(&self) -> &[TruthTableRow] {
        &self.below_n_cut
    }

    /// The condition names, in column order.
    ///
    /// # Example
    ///
    /// See [`TruthTable::kinds`].
    pub fn conditions(&self) -> &[String] {
        &self.conditions
    }

    /// The number of levels of each condition.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,B,Y\n2,1,1\n0,0,0\n")?;
    /// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
    /// assert_eq!(tt.levels(), [3, 2]);
    /// assert!(tt.is_multi_value());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn levels(&self) -> &[u8] {
        &self.levels
    }

    /// How each condition was read.
    ///
    /// # Example
    ///
    /// See [`ConditionKind`].
    pub fn kinds(&self) -> &[ConditionKind] {
        &self.kinds
    }

    /// Whether any condition has more than two levels; expressions then use
    /// the `COND[v]` notation for every condition, as R does.
    ///
    /// # Example
    ///
    /// See [`TruthTable::levels`].
    pub fn is_multi_value(&self) -> bool {
        self.levels.iter().any(|&l| l > 2)
    }

    /// The outcome as specified (`Y`, `~Y`, `Y[2]`).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,Y\n1,1\n0,0\n")?;
    /// assert_eq!(TruthTable::new(&data, &TruthTableOptions::new("~Y"))?.outcome(), "~Y");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outcome(&self) -> &str {
        &self.outcome
    }

    /// The case names.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,Y\n1,1\n0,0\n")?;
    /// assert_eq!(TruthTable::new(&data, &TruthTableOptions::new("Y"))?.cases(), ["1", "2"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cases(&self) -> &[String] {
        &self.cases
    }

    /// Each case's membership in the outcome (negated if asked).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,Y\n1,0.8\n0,0.1\n")?;
    /// let tt = TruthTable::new(&data, &TruthTableOptions::new("~Y"))?;
    /// assert!((tt.outcome_memberships()[0] - 0.2).abs() < 1e-12);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outcome_memberships(&self) -> &[f64] {
        &self.y
    }

    /// The options the table was built with.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,Y\n1,1\n0,0\n")?;
    /// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y").incl_cut(0.9)?)?;
    /// assert_eq!(tt.options().incl_cuts().0, 0.9);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn options(&self) -> &TruthTableOptions {
        &self.options
    }

    /// The number of possible configurations (product of the levels).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,B,Y\n2,1,1\n0,0,0\n")?;
    /// assert_eq!(TruthTable::new(&data, &TruthTableOptions::new("Y"))?.configuration_count(), 6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn configuration_count(&self) -> u64 {
        self.levels.iter().map(|&l| u64::from(l)).product()
    }

    /// The number of remainders: configurations without (enough) cases.
    ///
    /// # Example
    ///
    /// See [`TruthTable`].
    pub fn remainder_count(&self) -> u64 {
        self.configuration_count().saturating_sub(self.rows.len() as u64)
    }

    /// Every remainder configuration, lazily, in row order (there can be
    /// very many: 2²⁰ for 20 crisp conditions).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,B,Y\n1,1,1\n0,0,0\n0,1,0\n")?;
    /// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
    /// assert_eq!(tt.remainders().collect::<Vec<_>>(), [vec![1, 0]]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn remainders(&self) -> impl Iterator<Item = Vec<u8>> + '_ {
        let observed: std::collections::HashSet<u64> = self.rows.iter().map(|r| r.index - 1).collect();
        (0..self.configuration_count()).filter(move |i| !observed.contains(i)).map(|i| decode(i, &self.levels))
    }

    /// Memberships of every case in the conjunction `levels` (one entry per
    /// condition, `None` = condition absent).
    pub(crate) fn term_memberships(&self, term: &[u8]) -> Vec<f64> {
        (0..self.cases.len())
            .map(|case| {
                let mut m: f64 = 1.0;
                for ((code, col), kind) in term.iter().zip(&self.data).zip(&self.kinds) {
                    if *code == 0 {
                        continue;
                    }
                    let level = code - 1;
                    let x = col.get(case).copied().unwrap_or(0.0);
                    let v = match kind {
                        ConditionKind::MultiValue => f64::from(u8::from(x == f64::from(level))),
                        _ => {
                            if level == 1 {
                                x
                            } else {
                                1.0 - x
                            }
                        }
                    };
                    m = m.min(v);
                }
                m
            })
            .collect()
    }
}

fn config_membership(columns: &[Vec<f64>], kinds: &[ConditionKind], config: &[u8], case: usize) -> f64 {
    let mut m: f64 = 1.0;
    for ((col, kind), &level) in columns.iter().zip(kinds).zip(config) {
        let x = col.get(case).copied().unwrap_or(0.0);
        let v = match kind {
            ConditionKind::Fuzzy => {
                if level == 1 {
                    x
                } else {
                    1.0 - x
                }
            }
            _ => f64::from(u8::from(x == f64::from(level))),
        };
        m = m.min(v);
    }
    m
}

/// Mixed-radix weights: the last condition varies fastest, as R numbers rows.
pub(crate) fn mixed_base(levels: &[u8]) -> Vec<u64> {
    let mut base = vec![1u64; levels.len()];
    let mut acc: u64 = 1;
    for (b, &l) in base.iter_mut().zip(levels).rev() {
        *b = acc;
        acc = acc.saturating_mul(u64::from(l));
    }
    base
}

pub(crate) fn decode(mut index: u64, levels: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; levels.len()];
    for (slot, &l) in out.iter_mut().zip(levels).rev() {
        let l = u64::from(l.max(1));
        *slot = (index % l) as u8;
        index /= l;
    }
    out
}
