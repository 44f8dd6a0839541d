//! Qualitative comparative analysis (QCA): crisp-set, multi-value and
//! fuzzy-set, giving the answers of R's `QCA` package (Dusa 2019, *QCA
//! with R*) on the same data. Feature `qca`.
//!
//! A public module, a namespace behind a feature: a method with its own
//! vocabulary, mirroring R's package, whose names (`KeyFact`, `Output`,
//! `Term`, `Solution`) would clash with the core's or mislead at the root.
//!
//! The steps are those of the method:
//!
//! 1. [`Calibration`]: raw values into crisp levels (thresholds) or fuzzy
//!    memberships (Ragin's direct method with three anchors), as
//!    `QCA::calibrate`;
//! 2. [`TruthTable`]: every observed configuration of the conditions with
//!    its cases, inclusion, PRI and output code under `incl_cut` (one or two
//!    values), `pri_cut` and `n_cut`; the rest are remainders, as
//!    `QCA::truthTable`;
//! 3. [`TruthTable::minimize`]: prime implicants and every minimal
//!    solution of the prime-implicant chart, conservative, parsimonious or
//!    intermediate (directional expectations), each solution and term with
//!    inclusion, PRI, raw and unique coverage, as `QCA::minimize`;
//! 4. [`TruthTable::necessity`]: necessity of each condition and its
//!    negation.
//!
//! Expressions use R `QCA` 3.x notation: `*` for and, `~` for not, `+`
//! for or, `COND[2]` for a level of a multi-value condition (then used for
//! every condition, as R does); terms are sorted as R sorts implicants.
//! [`atlas_dataset`] builds conditions and outcomes from an
//! [`Atlas`](crate::Atlas): a profile dimension equals a value, a key fact
//! calibrated with anchors, a trajectory stage with a value-chain role.
//!
//! # Limits
//!
//! At most [`MAX_CONDITIONS`] (64) conditions, and the product of their
//! numbers of levels must fit in 64 bits (e.g. 64 crisp conditions or 40
//! three-valued ones): configurations are indexed as R numbers truth-table
//! rows. Only observed configurations are stored, so 20 or 30 conditions
//! are routine. Multi-value conditions have at most 64 levels. The
//! parsimonious search, like R's `CCubes`, tries cubes by increasing
//! complexity; its cost grows with the number of condition subsets that
//! must be tried before it can stop. Conjunctural directional expectations
//! (`~LIT*IND`) and temporal QCA "don't care" codes (`-`) are not
//! supported.
//!
//! # Example
//!
//! ```
//! use regdev::qca::{Dataset, MinimizeOptions, TruthTable, TruthTableOptions};
//!
//! let data = Dataset::from_csv_str("case,A,B,C,Y
//! t1,1,1,0,1
//! t2,1,0,0,1
//! t3,0,1,1,0
//! t4,0,0,1,0
//! t5,1,1,1,1
//! ")?;
//! let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
//! let sol = tt.minimize(&MinimizeOptions::conservative())?;
//! assert_eq!(sol.solutions()[0].expression(), "A*B + A*~C");
//! let pars = tt.minimize(&MinimizeOptions::parsimonious())?;
//! assert_eq!(pars.solutions()[0].expression(), "A");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod atlas;
mod calibrate;
mod data;
mod error;
mod fit;
mod minimize;
mod search;
mod truth_table;

pub use atlas::{AtlasCondition, KeyFact, MissingFromAtlas, atlas_dataset};
pub use calibrate::Calibration;
pub use data::{Dataset, DroppedCases};
pub use error::QcaError;
pub use fit::{Fit, Necessity};
pub use minimize::{DirectionalExpectations, Minimization, MinimizeOptions, Solution, SolutionKind, Term};
pub use truth_table::{ConditionKind, MAX_LEVELS, Output, TruthTable, TruthTableOptions, TruthTableRow};

/// The most conditions a truth table takes (see the module's limits).
pub const MAX_CONDITIONS: usize = 64;
