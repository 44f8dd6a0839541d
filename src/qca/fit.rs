//! Parameters of fit: inclusion, PRI, coverage; necessity analysis.

use super::truth_table::{ConditionKind, TruthTable};

/// Sufficiency parameters of fit of a set for the outcome, as R's
/// `QCA::pof(relation = "sufficiency")`:
/// `incl = Σmin(X,Y) / ΣX`,
/// `PRI = (Σmin(X,Y) − Σmin(X,Y,1−Y)) / (ΣX − Σmin(X,Y,1−Y))`,
/// `cov = Σmin(X,Y) / ΣY`.
///
/// # Example
///
/// ```
/// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
/// let data = Dataset::from_csv_str("A,Y\n1,1\n1,0\n0,1\n")?;
/// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
/// let f = tt.fit("A")?;
/// assert_eq!((f.incl, f.pri, f.cov), (0.5, 0.5, 0.5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Fit {
    /// Inclusion (consistency).
    pub incl: f64,
    /// Proportional reduction in inconsistency (NaN when undefined).
    pub pri: f64,
    /// Coverage.
    pub cov: f64,
}

pub(crate) struct SetFit {
    pub(crate) incl: f64,
    pub(crate) pri: f64,
    pub(crate) cov: f64,
}

impl SetFit {
    pub(crate) fn sufficiency(x: &[f64], y: &[f64]) -> Self {
        let (mut sx, mut sxy, mut sxyny, mut sy) = (0.0, 0.0, 0.0, 0.0);
        for (&xv, &yv) in x.iter().zip(y) {
            sx += xv;
            let m = xv.min(yv);
            sxy += m;
            sxyny += m.min(1.0 - yv);
            sy += yv;
        }
        Self { incl: ratio(sxy, sx), pri: ratio(sxy - sxyny, sx - sxyny), cov: ratio(sxy, sy) }
    }
}

/// R's pof: 0 when numerator and denominator are both 0.
fn ratio(a: f64, b: f64) -> f64 {
    if a == 0.0 && b == 0.0 { 0.0 } else { a / b }
}

/// One row of a necessity analysis.
///
/// # Example
///
/// See [`TruthTable::necessity`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Necessity {
    /// The condition or its negation, in R notation.
    pub expression: String,
    /// Necessity inclusion: `Σmin(X,Y) / ΣY`.
    pub incl: f64,
    /// Relevance of necessity: `Σ(1−X) / Σ(1−min(X,Y))`.
    pub ron: f64,
    /// Necessity coverage: `Σmin(X,Y) / ΣX`.
    pub cov: f64,
}

impl TruthTable {
    /// Necessity analysis of every single condition and its negation (every
    /// level of a multi-value condition) for the outcome, as
    /// `QCA::pof(conditions, outcome, relation = "necessity")`; in
    /// condition order, the presence before the absence.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, TruthTable, TruthTableOptions};
    /// let data = Dataset::from_csv_str("A,Y\n1,1\n1,0\n0,0\n")?;
    /// let tt = TruthTable::new(&data, &TruthTableOptions::new("Y"))?;
    /// let nec = tt.necessity();
    /// assert_eq!(nec[0].expression, "A");
    /// assert_eq!((nec[0].incl, nec[0].cov), (1.0, 0.5));
    /// assert_eq!((nec[1].expression.as_str(), nec[1].incl), ("~A", 0.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn necessity(&self) -> Vec<Necessity> {
        let mv = self.is_multi_value();
        let mut out = Vec::new();
        for (i, (&levels, kind)) in self.levels.iter().zip(&self.kinds).enumerate() {
            let order: Vec<u8> =
                if *kind == ConditionKind::MultiValue || mv { (0..levels).collect() } else { vec![1, 0] };
            for level in order {
                let mut code = vec![0u8; self.conditions.len()];
                if let Some(slot) = code.get_mut(i) {
                    *slot = level + 1;
                }
                let x = self.term_memberships(&code);
                let (mut sx, mut sxy, mut sy, mut s1x, mut s1xy) = (0.0, 0.0, 0.0, 0.0, 0.0);
                for (&xv, &yv) in x.iter().zip(&self.y) {
                    let m = xv.min(yv);
                    sx += xv;
                    sxy += m;
                    sy += yv;
                    s1x += 1.0 - xv;
                    s1xy += 1.0 - m;
                }
                out.push(Necessity {
                    expression: self.notation(&code, mv),
                    incl: ratio(sxy, sy),
                    ron: ratio(s1x, s1xy),
                    cov: ratio(sxy, sx),
                });
            }
        }
        out
    }
}
