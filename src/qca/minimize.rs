//! Boolean minimisation of a truth table into conservative, parsimonious
//! and intermediate solutions, with their parameters of fit, as R's
//! `QCA::minimize` gives them.

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::str::FromStr;

use super::error::{QcaError, QcaResult};
use super::fit::{Fit, SetFit};
use super::search::{covers, minimal_covers, parsimonious_primes, qmc, r_sort};
use super::truth_table::{Output, TruthTable, decode, mixed_base};

/// Which solution to compute.
///
/// # Example
///
/// ```
/// use regdev::qca::SolutionKind;
/// assert_eq!("parsimonious".parse::<SolutionKind>()?, SolutionKind::Parsimonious);
/// assert_eq!(SolutionKind::Intermediate.to_string(), "intermediate");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SolutionKind {
    /// The complex solution: positive configurations only, no remainders.
    Conservative,
    /// Remainders included as "don't cares" wherever they simplify.
    Parsimonious,
    /// Only the remainders in line with directional expectations ("easy
    /// counterfactuals").
    Intermediate,
}

impl fmt::Display for SolutionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            SolutionKind::Conservative => "conservative",
            SolutionKind::Parsimonious => "parsimonious",
            SolutionKind::Intermediate => "intermediate",
        })
    }
}

impl FromStr for SolutionKind {
    type Err = QcaError;
    fn from_str(s: &str) -> QcaResult<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "conservative" | "complex" => Ok(SolutionKind::Conservative),
            "parsimonious" => Ok(SolutionKind::Parsimonious),
            "intermediate" => Ok(SolutionKind::Intermediate),
            _ => Err(QcaError::InvalidOption {
                option: "solution",
                value: s.to_owned(),
                reason: "expected conservative, parsimonious or intermediate".into(),
            }),
        }
    }
}

/// Directional expectations for the intermediate solution: for each
/// condition, the level(s) expected to contribute to the outcome, or none
/// ("don't care", `-`). Conditions not listed are don't-cares too.
///
/// Parsed from `A=1,B=0,C=-`, or R's `A, ~B` (presence / absence) and
/// `A[2]` (a level of a multi-value condition).
///
/// # Example
///
/// ```
/// use regdev::qca::DirectionalExpectations;
///
/// let de: DirectionalExpectations = "DEV=1,URB=0,LIT=-".parse()?;
/// assert_eq!(de.get("URB"), Some(&[0u8][..]));
/// assert_eq!(de.get("LIT"), Some(&[][..]));
/// let r: DirectionalExpectations = "DEV, ~URB, IND[2]".parse()?;
/// assert_eq!(r.get("IND"), Some(&[2u8][..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectionalExpectations {
    entries: Vec<(String, Vec<u8>)>,
}

impl DirectionalExpectations {
    /// No expectations.
    ///
    /// # Example
    ///
    /// ```
    /// let de = regdev::qca::DirectionalExpectations::new().expect("DEV", 1);
    /// assert_eq!(de.get("DEV"), Some(&[1u8][..]));
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an expected level for a condition.
    ///
    /// # Example
    ///
    /// See [`DirectionalExpectations::new`].
    pub fn expect(mut self, condition: &str, level: u8) -> Self {
        match self.entries.iter_mut().find(|(c, _)| c == condition) {
            Some((_, levels)) => {
                if !levels.contains(&level) {
                    levels.push(level);
                }
            }
            None => self.entries.push((condition.to_owned(), vec![level])),
        }
        self
    }

    /// Marks a condition as "don't care".
    ///
    /// # Example
    ///
    /// ```
    /// let de = regdev::qca::DirectionalExpectations::new().dont_care("URB");
    /// assert_eq!(de.get("URB"), Some(&[][..]));
    /// ```
    pub fn dont_care(mut self, condition: &str) -> Self {
        if !self.entries.iter().any(|(c, _)| c == condition) {
            self.entries.push((condition.to_owned(), Vec::new()));
        }
        self
    }

    /// The expected levels of a condition, if it is listed.
    ///
    /// # Example
    ///
    /// See [`DirectionalExpectations`].
    pub fn get(&self, condition: &str) -> Option<&[u8]> {
        self.entries.iter().find(|(c, _)| c == condition).map(|(_, l)| l.as_slice())
    }

    /// The listed conditions with their levels.
    ///
    /// # Example
    ///
    /// ```
    /// let de: regdev::qca::DirectionalExpectations = "A=1".parse()?;
    /// assert_eq!(de.entries().count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn entries(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.entries.iter().map(|(c, l)| (c.as_str(), l.as_slice()))
    }
}

impl FromStr for DirectionalExpectations {
    type Err = QcaError;
    fn from_str(s: &str) -> QcaResult<Self> {
        let bad = |reason: String| QcaError::Expression { text: s.to_owned(), reason };
        let mut de = DirectionalExpectations::new();
        for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            if let Some((name, value)) = item.split_once('=') {
                let (name, value) = (name.trim(), value.trim());
                if name.is_empty() {
                    return Err(bad(format!("{item:?} has no condition name")));
                }
                if value == "-" || value.eq_ignore_ascii_case("dc") {
                    de = de.dont_care(name);
                } else {
                    for v in value.split(';') {
                        let level: u8 =
                            v.trim().parse().map_err(|_| bad(format!("level {v:?} of {name} is not 0, 1, 2, …")))?;
                        de = de.expect(name, level);
                    }
                }
            } else if let Some(name) = item.strip_prefix('~') {
                de = de.expect(name.trim(), 0);
            } else if let Some((name, rest)) = item.split_once('[') {
                let v = rest.strip_suffix(']').ok_or_else(|| bad(format!("{item:?} lacks a closing ']'")))?;
                let level: u8 =
                    v.trim().parse().map_err(|_| bad(format!("level {v:?} of {name} is not 0, 1, 2, …")))?;
                de = de.expect(name.trim(), level);
            } else {
                de = de.expect(item, 1);
            }
        }
        if de.entries.is_empty() {
            return Err(bad("no directional expectation".into()));
        }
        Ok(de)
    }
}

/// Options of [`TruthTable::minimize`].
///
/// # Example
///
/// ```
/// use regdev::qca::{MinimizeOptions, SolutionKind};
/// let o = MinimizeOptions::intermediate("DEV, URB".parse()?);
/// assert_eq!(o.kind(), SolutionKind::Intermediate);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MinimizeOptions {
    kind: SolutionKind,
    dir_exp: DirectionalExpectations,
    include_contradictions: bool,
    exhaustive: bool,
    max_solutions: usize,
}

impl MinimizeOptions {
    /// The conservative (complex) solution: R's `minimize(tt)`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::qca::MinimizeOptions::conservative().solution_limit(), 10_000);
    /// ```
    pub fn conservative() -> Self {
        Self::of(SolutionKind::Conservative, DirectionalExpectations::new())
    }

    /// The parsimonious solution: R's `minimize(tt, include = "?")`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{MinimizeOptions, SolutionKind};
    /// assert_eq!(MinimizeOptions::parsimonious().kind(), SolutionKind::Parsimonious);
    /// ```
    pub fn parsimonious() -> Self {
        Self::of(SolutionKind::Parsimonious, DirectionalExpectations::new())
    }

    /// The intermediate solution: R's `minimize(tt, include = "?",
    /// dir.exp = …)`.
    ///
    /// # Example
    ///
    /// See [`MinimizeOptions`].
    pub fn intermediate(dir_exp: DirectionalExpectations) -> Self {
        Self::of(SolutionKind::Intermediate, dir_exp)
    }

    fn of(kind: SolutionKind, dir_exp: DirectionalExpectations) -> Self {
        Self { kind, dir_exp, include_contradictions: false, exhaustive: false, max_solutions: 10_000 }
    }

    /// Treats contradictory (`C`) rows as don't cares, as R's
    /// `include = "C"` (default: they count as negative).
    ///
    /// # Example
    ///
    /// ```
    /// let o = regdev::qca::MinimizeOptions::parsimonious().include_contradictions(true);
    /// assert!(o.includes_contradictions());
    /// ```
    pub fn include_contradictions(mut self, yes: bool) -> Self {
        self.include_contradictions = yes;
        self
    }

    /// Searches prime implicants of every complexity for the parsimonious
    /// solution. By default the search stops as R's `CCubes` does: once
    /// every positive configuration is covered and two consecutive
    /// complexity levels have brought no new prime implicant.
    ///
    /// # Example
    ///
    /// ```
    /// let o = regdev::qca::MinimizeOptions::parsimonious().exhaustive(true);
    /// assert!(o.is_exhaustive());
    /// ```
    pub fn exhaustive(mut self, yes: bool) -> Self {
        self.exhaustive = yes;
        self
    }

    /// The most minimal solutions to enumerate before giving up with
    /// [`QcaError::TooManySolutions`] (default 10,000).
    ///
    /// # Example
    ///
    /// ```
    /// let o = regdev::qca::MinimizeOptions::conservative().max_solutions(5);
    /// assert_eq!(o.solution_limit(), 5);
    /// ```
    pub fn max_solutions(self, limit: usize) -> Self {
        Self { max_solutions: limit, ..self }
    }

    /// The solution kind.
    ///
    /// # Example
    ///
    /// See [`MinimizeOptions`].
    pub fn kind(&self) -> SolutionKind {
        self.kind
    }

    /// The most minimal solutions enumerated.
    ///
    /// # Example
    ///
    /// See [`MinimizeOptions::max_solutions`].
    pub fn solution_limit(&self) -> usize {
        self.max_solutions
    }

    /// Whether contradictions are don't cares.
    ///
    /// # Example
    ///
    /// See [`MinimizeOptions::include_contradictions`].
    pub fn includes_contradictions(&self) -> bool {
        self.include_contradictions
    }

    /// Whether the prime-implicant search is exhaustive.
    ///
    /// # Example
    ///
    /// See [`MinimizeOptions::exhaustive`].
    pub fn is_exhaustive(&self) -> bool {
        self.exhaustive
    }

    /// The directional expectations.
    ///
    /// # Example
    ///
    /// ```
    /// let o = regdev::qca::MinimizeOptions::intermediate("A".parse()?);
    /// assert_eq!(o.directional_expectations().get("A"), Some(&[1u8][..]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn directional_expectations(&self) -> &DirectionalExpectations {
        &self.dir_exp
    }
}

/// A conjunction of literals, one per condition at most: a prime
/// implicant or a term of a solution.
///
/// # Example
///
/// ```
/// use regdev::qca::{Dataset, MinimizeOptions, TruthTable, TruthTableOptions};
/// let data = Dataset::from_csv_str("A,B,Y\n1,1,1\n1,0,1\n0,1,0\n0,0,0\n")?;
/// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
/// let m = tt.minimize(&MinimizeOptions::conservative())?;
/// let term = &m.solutions()[0].terms()[0];
/// assert_eq!(term.expression(), "A");
/// assert_eq!(term.literals(), [Some(1), None]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Term {
    expression: String,
    #[serde(skip)]
    code: Vec<u8>,
    incl: f64,
    pri: f64,
    cov_raw: f64,
    cov_unique: f64,
    essential: bool,
    cases: Vec<String>,
}

impl Term {
    /// The term in R `QCA` notation (`A*~B`, `A[2]*B[0]`).
    ///
    /// # Example
    ///
    /// See [`Term`].
    pub fn expression(&self) -> &str {
        &self.expression
    }
    /// The level required of each condition, `None` where it is absent.
    ///
    /// # Example
    ///
    /// See [`Term`].
    pub fn literals(&self) -> Vec<Option<u8>> {
        self.code.iter().map(|&c| c.checked_sub(1)).collect()
    }
    /// Sufficiency inclusion (consistency).
    ///
    /// # Example
    ///
    /// See [`Solution`].
    pub fn incl(&self) -> f64 {
        self.incl
    }
    /// Proportional reduction in inconsistency.
    ///
    /// # Example
    ///
    /// See [`Solution`].
    pub fn pri(&self) -> f64 {
        self.pri
    }
    /// Raw coverage.
    ///
    /// # Example
    ///
    /// See [`Solution`].
    pub fn cov_raw(&self) -> f64 {
        self.cov_raw
    }
    /// Unique coverage within its solution.
    ///
    /// # Example
    ///
    /// See [`Solution`].
    pub fn cov_unique(&self) -> f64 {
        self.cov_unique
    }
    /// Whether the term is in every minimal solution (an essential prime
    /// implicant).
    ///
    /// # Example
    ///
    /// See [`Solution`].
    pub fn is_essential(&self) -> bool {
        self.essential
    }
    /// The cases of the explained configurations that the term covers.
    ///
    /// # Example
    ///
    /// See [`Solution`].
    pub fn cases(&self) -> &[String] {
        &self.cases
    }
}

/// One minimal solution: a disjunction of terms with its parameters of fit.
///
/// Terms are listed as R prints a model: the essential prime implicants
/// first, then the others, each group in R's order of implicants.
///
/// # Example
///
/// ```
/// use regdev::qca::{Dataset, MinimizeOptions, TruthTable, TruthTableOptions};
/// let data = Dataset::from_csv_str("A,B,Y\n1,1,1\n1,0,1\n0,1,1\n0,0,0\n")?;
/// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
/// let m = tt.minimize(&MinimizeOptions::conservative())?;
/// let s = &m.solutions()[0];
/// assert_eq!(s.expression(), "A + B");
/// assert_eq!((s.incl(), s.cov()), (1.0, 1.0));
/// assert!((s.terms()[0].cov_unique() - 1.0 / 3.0).abs() < 1e-12); // only case 2 has A without B
/// assert!(s.terms()[0].is_essential());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Solution {
    label: String,
    expression: String,
    incl: f64,
    pri: f64,
    cov: f64,
    terms: Vec<Term>,
}

impl Solution {
    /// R's label: `M1`, `M2`, …; intermediate solutions are prefixed with
    /// the conservative and parsimonious models they come from (`C1P1 M1`).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, MinimizeOptions, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,Y\n1,1\n0,0\n")?;
    /// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
    /// assert_eq!(tt.minimize(&MinimizeOptions::conservative())?.solutions()[0].label(), "M1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn label(&self) -> &str {
        &self.label
    }
    /// The solution in R `QCA` notation.
    ///
    /// # Example
    ///
    /// See [`Solution`].
    pub fn expression(&self) -> &str {
        &self.expression
    }
    /// Sufficiency inclusion of the whole solution.
    ///
    /// # Example
    ///
    /// See [`Solution`].
    pub fn incl(&self) -> f64 {
        self.incl
    }
    /// PRI of the whole solution.
    ///
    /// # Example
    ///
    /// See [`Solution`].
    pub fn pri(&self) -> f64 {
        self.pri
    }
    /// Coverage of the whole solution.
    ///
    /// # Example
    ///
    /// See [`Solution`].
    pub fn cov(&self) -> f64 {
        self.cov
    }
    /// The terms.
    ///
    /// # Example
    ///
    /// See [`Solution`].
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }
}

/// The result of [`TruthTable::minimize`]: the prime implicants and every
/// minimal solution.
///
/// # Example
///
/// ```
/// use regdev::qca::{Dataset, MinimizeOptions, TruthTable, TruthTableOptions};
/// let data = Dataset::from_csv_str("A,B,Y\n1,1,1\n0,0,0\n")?;
/// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
/// let m = tt.minimize(&MinimizeOptions::parsimonious())?;
/// assert_eq!(m.prime_implicants(), ["A", "B"]);
/// assert_eq!(m.solutions().len(), 2); // A, or B: two equivalent solutions
/// assert_eq!(m.simplifying_assumptions()[0], vec![3]); // row 3: A=1, B=0
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Minimization {
    kind: SolutionKind,
    outcome: String,
    prime_implicants: Vec<String>,
    solutions: Vec<Solution>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    simplifying_assumptions: Vec<Vec<u64>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    easy_counterfactuals: Vec<Vec<u64>>,
}

impl Minimization {
    /// The solution kind.
    ///
    /// # Example
    ///
    /// See [`Minimization`].
    pub fn kind(&self) -> SolutionKind {
        self.kind
    }
    /// The outcome as specified in the truth table.
    ///
    /// # Example
    ///
    /// See [`Minimization`].
    pub fn outcome(&self) -> &str {
        &self.outcome
    }
    /// The prime implicants of the chart (those covering at least one
    /// explained configuration), in R's order. For intermediate solutions,
    /// those of the first conservative/parsimonious pair.
    ///
    /// # Example
    ///
    /// See [`Minimization`].
    pub fn prime_implicants(&self) -> &[String] {
        &self.prime_implicants
    }
    /// Every minimal solution.
    ///
    /// # Example
    ///
    /// See [`Minimization`].
    pub fn solutions(&self) -> &[Solution] {
        &self.solutions
    }
    /// For a parsimonious minimisation, the simplifying assumptions of each
    /// solution: the remainders it uses, as R row numbers. Empty for other
    /// kinds or when the table has more than 2²⁰ configurations.
    ///
    /// # Example
    ///
    /// See [`Minimization`].
    pub fn simplifying_assumptions(&self) -> &[Vec<u64>] {
        &self.simplifying_assumptions
    }
    /// For an intermediate minimisation, the easy counterfactuals of each
    /// conservative/parsimonious pair (R row numbers).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, MinimizeOptions, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,B,Y\n1,1,1\n0,0,0\n")?;
    /// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
    /// // Expecting ~B lets A*B drop B towards the parsimonious term A.
    /// let m = tt.minimize(&MinimizeOptions::intermediate("B=0".parse()?))?;
    /// assert_eq!(m.easy_counterfactuals(), [vec![3], vec![]]);
    /// assert_eq!(m.solutions()[0].expression(), "A");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn easy_counterfactuals(&self) -> &[Vec<u64>] {
        &self.easy_counterfactuals
    }
}

/// Prime implicants and minimal covers, before fit is computed.
struct Chart {
    primes: Vec<Vec<u8>>,
    solutions: Vec<Vec<usize>>,
}

struct Sets {
    explained: Vec<Vec<u8>>,
    pos_incl: Vec<Vec<u8>>,
    negatives: Vec<Vec<u8>>,
}

impl TruthTable {
    fn sets(&self, include_c: bool) -> Sets {
        let mut s = Sets { explained: Vec::new(), pos_incl: Vec::new(), negatives: Vec::new() };
        for row in &self.rows {
            match row.out() {
                Output::Positive => {
                    s.explained.push(row.values().to_vec());
                    s.pos_incl.push(row.values().to_vec());
                }
                Output::Contradiction if include_c => s.pos_incl.push(row.values().to_vec()),
                _ => s.negatives.push(row.values().to_vec()),
            }
        }
        s
    }

    fn chart(&self, primes: Vec<Vec<u8>>, explained: &[Vec<u8>], limit: usize) -> QcaResult<Chart> {
        let primes: Vec<Vec<u8>> = primes.into_iter().filter(|p| explained.iter().any(|r| covers(p, r))).collect();
        let cover: Vec<Vec<usize>> = primes
            .iter()
            .map(|p| explained.iter().enumerate().filter(|(_, r)| covers(p, r)).map(|(i, _)| i).collect())
            .collect();
        let solutions = minimal_covers(&cover, explained.len(), limit).ok_or(QcaError::TooManySolutions { limit })?;
        Ok(Chart { primes, solutions })
    }

    /// Minimises the truth table, as `QCA::minimize` does: to the prime
    /// implicants, and the prime-implicant chart to every solution with the
    /// fewest prime implicants.
    ///
    /// - conservative: the positive configurations only;
    /// - parsimonious: remainders may be used wherever they simplify;
    /// - intermediate: for each pair of a conservative and a parsimonious
    ///   solution, the remainders that agree with the directional
    ///   expectations (easy counterfactuals) are added to the positive
    ///   configurations before minimising again.
    ///
    /// Contradictions (`C`) count as negative unless included.
    ///
    /// # Errors
    ///
    /// [`QcaError::NothingToExplain`] when no configuration has output 1;
    /// [`QcaError::NoNegativeConfigurations`] when remainders are included
    /// and nothing is negative; [`QcaError::UnknownColumn`] for a
    /// directional expectation on a column that is not a condition,
    /// [`QcaError::InvalidOption`] for a level it does not have;
    /// [`QcaError::TooManySolutions`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, MinimizeOptions, TruthTable, TruthTableOptions};
    ///
    /// // Lipset's crisp data (R QCA's `LC`): Rihoux & De Meur (2009, p. 57).
    /// let csv = "case,DEV,URB,LIT,IND,STB,SURV
    /// AU,1,0,1,1,0,0\nBE,1,1,1,1,1,1\nCZ,1,1,1,1,1,1\nEE,0,0,1,0,1,0\nFI,1,0,1,0,1,1\nFR,1,0,1,1,1,1
    /// DE,1,1,1,1,0,0\nGR,0,0,0,0,0,0\nHU,0,0,1,0,0,0\nIE,1,0,1,0,1,1\nIT,0,0,0,0,1,0\nNL,1,1,1,1,1,1
    /// PL,0,0,1,0,0,0\nPT,0,0,0,0,0,0\nRO,0,0,0,0,1,0\nES,0,0,0,0,0,0\nSE,1,0,1,1,1,1\nUK,1,1,1,1,1,1\n";
    /// let data = Dataset::from_csv_str(&csv.replace("\n    ", "\n"))?;
    /// let tt = TruthTable::new(&data, &TruthTableOptions::new("SURV"))?;
    /// let c = tt.minimize(&MinimizeOptions::conservative())?;
    /// assert_eq!(c.solutions()[0].expression(), "DEV*~URB*LIT*STB + DEV*LIT*IND*STB");
    /// let p = tt.minimize(&MinimizeOptions::parsimonious())?;
    /// assert_eq!(p.solutions()[0].expression(), "DEV*STB");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn minimize(&self, options: &MinimizeOptions) -> QcaResult<Minimization> {
        let sets = self.sets(options.include_contradictions);
        if sets.explained.is_empty() {
            return Err(QcaError::NothingToExplain {
                incl_cut: self.options.incl_cuts().0,
                n_cut: self.options.n_cut_value(),
            });
        }
        let limit = options.max_solutions;
        match options.kind {
            SolutionKind::Conservative => {
                let chart = self.chart(qmc(&sets.pos_incl, &self.levels), &sets.explained, limit)?;
                let solutions = self.fit_solutions(&chart, &sets.explained, "");
                Ok(self.result(SolutionKind::Conservative, &chart, solutions, Vec::new(), Vec::new()))
            }
            SolutionKind::Parsimonious => {
                let chart = self.parsimonious_chart(&sets, options)?;
                let solutions = self.fit_solutions(&chart, &sets.explained, "");
                let sa = self.simplifying_assumptions(&chart, &sets.explained);
                Ok(self.result(SolutionKind::Parsimonious, &chart, solutions, sa, Vec::new()))
            }
            SolutionKind::Intermediate => self.intermediate(&sets, options),
        }
    }

    fn parsimonious_chart(&self, sets: &Sets, options: &MinimizeOptions) -> QcaResult<Chart> {
        if sets.negatives.is_empty() {
            return Err(QcaError::NoNegativeConfigurations);
        }
        let primes = r_sort(parsimonious_primes(&sets.explained, &sets.negatives, &self.levels, options.exhaustive));
        self.chart(primes, &sets.explained, options.max_solutions)
    }

    fn result(
        &self,
        kind: SolutionKind,
        chart: &Chart,
        solutions: Vec<Solution>,
        sa: Vec<Vec<u64>>,
        ec: Vec<Vec<u64>>,
    ) -> Minimization {
        let mv = self.is_multi_value();
        Minimization {
            kind,
            outcome: self.outcome.clone(),
            prime_implicants: chart.primes.iter().map(|p| self.notation(p, mv)).collect(),
            solutions,
            simplifying_assumptions: sa,
            easy_counterfactuals: ec,
        }
    }

    /// Writes a cube in R's notation.
    pub(crate) fn notation(&self, code: &[u8], mv: bool) -> String {
        let parts: Vec<String> = code
            .iter()
            .zip(&self.conditions)
            .filter(|(c, _)| **c > 0)
            .map(|(&c, name)| {
                let level = c - 1;
                if mv {
                    format!("{name}[{level}]")
                } else if level == 1 {
                    name.clone()
                } else {
                    format!("~{name}")
                }
            })
            .collect();
        if parts.is_empty() { "1".into() } else { parts.join("*") }
    }

    fn fit_solutions(&self, chart: &Chart, explained: &[Vec<u8>], prefix: &str) -> Vec<Solution> {
        let mv = self.is_multi_value();
        let essential: Vec<usize> = (0..chart.primes.len())
            .filter(|p| !chart.solutions.is_empty() && chart.solutions.iter().all(|s| s.contains(p)))
            .collect();
        let memberships: Vec<Vec<f64>> = chart.primes.iter().map(|p| self.term_memberships(p)).collect();
        let explained_cases: Vec<(Vec<u8>, Vec<String>)> = self
            .rows
            .iter()
            .filter(|r| explained.iter().any(|e| e.as_slice() == r.values()))
            .map(|r| (r.values().to_vec(), r.cases().to_vec()))
            .collect();
        chart
            .solutions
            .iter()
            .enumerate()
            .map(|(i, sol)| {
                let mut order: Vec<usize> = sol.iter().copied().filter(|p| essential.contains(p)).collect();
                order.extend(sol.iter().copied().filter(|p| !essential.contains(p)));
                let members: Vec<&[f64]> =
                    order.iter().filter_map(|&p| memberships.get(p).map(Vec::as_slice)).collect();
                let (whole, top, second) = union_with_runner_up(&members);
                let whole_fit = SetFit::sufficiency(&whole, &self.y);
                let terms = order
                    .iter()
                    .enumerate()
                    .filter_map(|(ti, &p)| {
                        let code = chart.primes.get(p)?;
                        let m = memberships.get(p)?;
                        let fit = SetFit::sufficiency(m, &self.y);
                        // The union of the other terms, case by case: the
                        // largest membership unless this term alone holds it.
                        let without = if members.len() < 2 {
                            0.0
                        } else {
                            SetFit::sufficiency(&union_without(&whole, &top, &second, ti), &self.y).cov
                        };
                        let cases = explained_cases
                            .iter()
                            .filter(|(v, _)| covers(code, v))
                            .flat_map(|(_, c)| c.iter().cloned())
                            .collect();
                        Some(Term {
                            expression: self.notation(code, mv),
                            code: code.clone(),
                            incl: fit.incl,
                            pri: fit.pri,
                            cov_raw: fit.cov,
                            cov_unique: whole_fit.cov - without,
                            essential: essential.contains(&p),
                            cases,
                        })
                    })
                    .collect::<Vec<Term>>();
                let expression = terms.iter().map(|t| t.expression.as_str()).collect::<Vec<_>>().join(" + ");
                Solution {
                    label: format!("{prefix}M{}", i + 1),
                    expression,
                    incl: whole_fit.incl,
                    pri: whole_fit.pri,
                    cov: whole_fit.cov,
                    terms,
                }
            })
            .collect()
    }

    /// Remainders covered by each solution's prime implicants.
    fn simplifying_assumptions(&self, chart: &Chart, explained: &[Vec<u8>]) -> Vec<Vec<u64>> {
        if self.configuration_count() > 1 << 20 {
            return Vec::new();
        }
        let base = mixed_base(&self.levels);
        let explained_idx: HashSet<u64> = explained.iter().map(|r| index_of(r, &base)).collect();
        chart
            .solutions
            .iter()
            .map(|sol| {
                let mut set = BTreeSet::new();
                for &p in sol {
                    if let Some(code) = chart.primes.get(p) {
                        for m in minterms(code, &self.levels) {
                            let idx = index_of(&m, &base);
                            if !explained_idx.contains(&idx) {
                                set.insert(idx + 1);
                            }
                        }
                    }
                }
                set.into_iter().collect()
            })
            .collect()
    }

    fn dir_exp_codes(&self, de: &DirectionalExpectations) -> QcaResult<Vec<Option<Vec<u8>>>> {
        let mut out: Vec<Option<Vec<u8>>> = vec![None; self.conditions.len()];
        for (name, levels) in de.entries() {
            let i = self.conditions.iter().position(|c| c == name).ok_or_else(|| QcaError::UnknownColumn {
                column: name.to_owned(),
                available: self.conditions.join(", "),
            })?;
            let nlev = self.levels.get(i).copied().unwrap_or(2);
            if let Some(&bad) = levels.iter().find(|&&l| l >= nlev) {
                return Err(QcaError::InvalidOption {
                    option: "dir_exp",
                    value: format!("{name}={bad}"),
                    reason: format!("{name} has levels 0 to {}", nlev - 1),
                });
            }
            if let Some(slot) = out.get_mut(i) {
                *slot = if levels.is_empty() { None } else { Some(levels.iter().map(|l| l + 1).collect()) };
            }
        }
        Ok(out)
    }

    fn intermediate(&self, sets: &Sets, options: &MinimizeOptions) -> QcaResult<Minimization> {
        let expectations = self.dir_exp_codes(&options.dir_exp)?;
        let limit = options.max_solutions;
        let c_chart = self.chart(qmc(&sets.pos_incl, &self.levels), &sets.explained, limit)?;
        let p_chart = self.parsimonious_chart(sets, options)?;
        let base = mixed_base(&self.levels);
        let explained_idx: HashSet<u64> = sets.explained.iter().map(|r| index_of(r, &base)).collect();
        let mut solutions = Vec::new();
        let mut ecs = Vec::new();
        let mut first_primes: Option<Chart> = None;
        for (ci, csol) in c_chart.solutions.iter().enumerate() {
            for (pi, psol) in p_chart.solutions.iter().enumerate() {
                // Reduce each conservative term towards the parsimonious
                // term containing it, dropping the literals that contradict
                // the expectations.
                let mut reduced: Vec<Vec<u8>> = Vec::new();
                for comp in csol.iter().filter_map(|&c| c_chart.primes.get(c)) {
                    for pars in psol.iter().filter_map(|&p| p_chart.primes.get(p)) {
                        let contained = pars.iter().zip(comp).all(|(&p, &c)| p == 0 || p == c);
                        if !contained {
                            continue;
                        }
                        let res: Vec<u8> = comp
                            .iter()
                            .zip(pars)
                            .zip(&expectations)
                            .map(|((&c, &p), e)| match e {
                                Some(levels) if c > 0 && p == 0 && !levels.contains(&c) => 0,
                                _ => c,
                            })
                            .collect();
                        reduced.push(res);
                    }
                }
                let mut ec = BTreeSet::new();
                for cube in &reduced {
                    let free: u64 =
                        cube.iter().zip(&self.levels).filter(|(c, _)| **c == 0).map(|(_, &l)| u64::from(l)).product();
                    if free > 1 << 22 {
                        return Err(QcaError::TooManySolutions { limit: 1 << 22 });
                    }
                    for m in minterms(cube, &self.levels) {
                        let idx = index_of(&m, &base);
                        if !explained_idx.contains(&idx) {
                            ec.insert(idx);
                        }
                    }
                }
                let mut on: Vec<Vec<u8>> = sets.pos_incl.clone();
                let known: HashSet<u64> = on.iter().map(|r| index_of(r, &base)).collect();
                on.extend(ec.iter().filter(|i| !known.contains(i)).map(|&i| decode(i, &self.levels)));
                let chart = self.chart(qmc(&on, &self.levels), &sets.explained, limit)?;
                let prefix = format!("C{}P{} ", ci + 1, pi + 1);
                solutions.extend(self.fit_solutions(&chart, &sets.explained, &prefix));
                ecs.push(ec.into_iter().map(|i| i + 1).collect());
                if first_primes.is_none() {
                    first_primes = Some(chart);
                }
            }
        }
        let chart = first_primes.unwrap_or(Chart { primes: Vec::new(), solutions: Vec::new() });
        Ok(self.result(SolutionKind::Intermediate, &chart, solutions, Vec::new(), ecs))
    }

    /// Parameters of fit of any sum of products written in R notation
    /// over the table's conditions, as `QCA::pof(expression, outcome)`.
    ///
    /// # Errors
    ///
    /// [`QcaError::Expression`] naming what does not parse,
    /// [`QcaError::UnknownColumn`] for a name that is not a condition.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,B,Y\n1,1,1\n1,0,0\n0,1,1\n0,0,0\n")?;
    /// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
    /// let fit = tt.fit("B + A*~B")?;
    /// assert_eq!((fit.incl, fit.cov), (2.0 / 3.0, 1.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fit(&self, expression: &str) -> QcaResult<Fit> {
        let mut members = Vec::new();
        for term in expression.split('+') {
            let code = self.parse_term(term, expression)?;
            members.push(self.term_memberships(&code));
        }
        let refs: Vec<&[f64]> = members.iter().map(Vec::as_slice).collect();
        let fit = SetFit::sufficiency(&union(&refs), &self.y);
        Ok(Fit { incl: fit.incl, pri: fit.pri, cov: fit.cov })
    }

    fn parse_term(&self, term: &str, whole: &str) -> QcaResult<Vec<u8>> {
        let bad = |reason: String| QcaError::Expression { text: whole.to_owned(), reason };
        let mut code = vec![0u8; self.conditions.len()];
        for lit in term.split('*').map(str::trim) {
            if lit.is_empty() {
                return Err(bad(format!("empty literal in {term:?}")));
            }
            let (neg, rest) = match lit.strip_prefix('~') {
                Some(r) => (true, r.trim()),
                None => (false, lit),
            };
            let (name, level) = match rest.split_once('[') {
                Some((n, l)) => {
                    let l = l.strip_suffix(']').ok_or_else(|| bad(format!("{lit:?} lacks ']'")))?;
                    let v: u8 = l.trim().parse().map_err(|_| bad(format!("level {l:?} is not 0, 1, 2, …")))?;
                    (n.trim(), v)
                }
                None => (rest, u8::from(!neg)),
            };
            let i = self.conditions.iter().position(|c| c == name).ok_or_else(|| QcaError::UnknownColumn {
                column: name.to_owned(),
                available: self.conditions.join(", "),
            })?;
            let nlev = self.levels.get(i).copied().unwrap_or(2);
            if level >= nlev || (neg && rest.contains('[')) {
                return Err(bad(format!("{lit:?}: {name} has levels 0 to {}", nlev - 1)));
            }
            if let Some(slot) = code.get_mut(i) {
                *slot = level + 1;
            }
        }
        Ok(code)
    }
}

/// The union (case-wise maximum) of `members`, with, for each case, the
/// index of the only member holding that maximum (`None` when several hold
/// it) and the largest membership among the others. Removing one member
/// from the union then costs one pass over the cases instead of a new
/// union: a 148-term solution over 500 cases took 148 unions of 147
/// members each before.
fn union_with_runner_up(members: &[&[f64]]) -> (Vec<f64>, Vec<Option<usize>>, Vec<f64>) {
    let n = members.first().map_or(0, |m| m.len());
    let mut whole = vec![0.0; n];
    let mut top: Vec<Option<usize>> = vec![None; n];
    let mut second = vec![0.0; n];
    for i in 0..n {
        let (mut best, mut at, mut runner) = (0.0f64, None, 0.0f64);
        for (j, m) in members.iter().enumerate() {
            let v = m.get(i).copied().unwrap_or(0.0);
            if j == 0 {
                (best, at) = (v, Some(0));
            } else if v > best {
                runner = best;
                (best, at) = (v, Some(j));
            } else if v == best {
                runner = best;
                at = None;
            } else {
                runner = runner.max(v);
            }
        }
        if let (Some(w), Some(t), Some(s)) = (whole.get_mut(i), top.get_mut(i), second.get_mut(i)) {
            *w = best.max(0.0);
            *t = at;
            *s = runner.max(0.0);
        }
    }
    (whole, top, second)
}

/// The union of every member but the `t`-th, from [`union_with_runner_up`]'s output.
fn union_without(whole: &[f64], top: &[Option<usize>], second: &[f64], t: usize) -> Vec<f64> {
    whole.iter().zip(top).zip(second).map(|((&w, &tp), &s)| if tp == Some(t) { s } else { w }).collect()
}

fn union(members: &[&[f64]]) -> Vec<f64> {
    let n = members.first().map_or(0, |m| m.len());
    (0..n).map(|i| members.iter().map(|m| m.get(i).copied().unwrap_or(0.0)).fold(0.0, f64::max)).collect()
}

fn index_of(row: &[u8], base: &[u64]) -> u64 {
    row.iter().zip(base).map(|(&v, &b)| u64::from(v) * b).sum()
}

/// Every configuration inside a cube.
fn minterms(cube: &[u8], levels: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::with_capacity(cube.len())];
    for (&c, &l) in cube.iter().zip(levels) {
        if c > 0 {
            for m in &mut out {
                m.push(c - 1);
            }
        } else {
            out = out
                .into_iter()
                .flat_map(|m| {
                    (0..l).map(move |v| {
                        let mut n = m.clone();
                        n.push(v);
                        n
                    })
                })
                .collect();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The union of all members but one, read off the runner-up, equals
        /// the union recomputed without that member (values drawn from a
        /// small set, so ties are common).
        #[test]
        fn union_without_one_member(
            members in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(vec![0.0, 0.3, 0.7, 1.0]), 6), 1..7),
        ) {
            let refs: Vec<&[f64]> = members.iter().map(Vec::as_slice).collect();
            let (whole, top, second) = union_with_runner_up(&refs);
            proptest::prop_assert_eq!(&whole, &union(&refs));
            for t in 0..refs.len() {
                let others: Vec<&[f64]> =
                    refs.iter().enumerate().filter(|(j, _)| *j != t).map(|(_, m)| *m).collect();
                let rest = union_without(&whole, &top, &second, t);
                let expected = if others.is_empty() { vec![0.0; 6] } else { union(&others) };
                proptest::prop_assert_eq!(rest, expected);
            }
        }
    }
}
