//! Calibration of raw scores into set memberships, as R's
//! `QCA::calibrate` does it.

use super::error::{QcaError, QcaResult};

/// How to turn raw values into memberships.
///
/// - [`Calibration::Crisp`]: thresholds cut the range into levels
///   `0, 1, …, k` (one threshold gives a crisp 0/1 set, several give a
///   multi-value condition). A value equal to a threshold belongs to the
///   level above it (R's `findInterval`).
/// - [`Calibration::Fuzzy`]: Ragin's (2008) direct method with a logistic
///   function through three anchors: full exclusion (membership 0.05),
///   crossover (0.5) and full inclusion (0.95). When the exclusion anchor
///   is above the inclusion anchor the set is decreasing ("low income").
///   Memberships below 0.0001 become 0 and above 0.9999 become 1, as in R.
///
/// # Example
///
/// ```
/// use regdev::qca::Calibration;
///
/// let fuzzy = Calibration::fuzzy(2.0, 5.0, 8.0)?;
/// let m = fuzzy.apply(&[2.0, 5.0, 8.0, 6.5])?;
/// assert_eq!(m.iter().map(|x| (x * 1e6).round() / 1e6).collect::<Vec<_>>(), [0.05, 0.5, 0.95, 0.813395]);
/// let levels = Calibration::crisp(&[3.0, 6.0])?.apply(&[1.0, 3.0, 7.0])?;
/// assert_eq!(levels, [0.0, 1.0, 2.0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Calibration {
    /// Levels from sorted thresholds.
    Crisp(Vec<f64>),
    /// The logistic direct method.
    Fuzzy {
        /// Full-exclusion anchor.
        exclusion: f64,
        /// Crossover anchor.
        crossover: f64,
        /// Full-inclusion anchor.
        inclusion: f64,
    },
}

/// R's default inclusion degree of membership at the inclusion anchor.
const IDM: f64 = 0.95;

impl Calibration {
    /// Crisp calibration at one or more thresholds (sorted here).
    ///
    /// # Errors
    ///
    /// [`QcaError::InvalidThresholds`] when there is none or one is not a
    /// finite number.
    ///
    /// # Example
    ///
    /// ```
    /// let c = regdev::qca::Calibration::crisp(&[10.0])?;
    /// assert_eq!(c.apply(&[5.0, 10.0, 20.0])?, [0.0, 1.0, 1.0]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn crisp(thresholds: &[f64]) -> QcaResult<Self> {
        if thresholds.is_empty() || thresholds.iter().any(|t| !t.is_finite()) {
            return Err(QcaError::InvalidThresholds {
                thresholds: thresholds.to_vec(),
                reason: "crisp calibration needs one or more finite thresholds".into(),
            });
        }
        let mut t = thresholds.to_vec();
        t.sort_by(f64::total_cmp);
        Ok(Calibration::Crisp(t))
    }

    /// Fuzzy direct calibration with the three anchors, increasing when
    /// `exclusion < crossover < inclusion`, decreasing when
    /// `exclusion > crossover > inclusion`.
    ///
    /// # Errors
    ///
    /// [`QcaError::InvalidThresholds`] when an anchor is not finite or the
    /// crossover does not lie strictly between the other two.
    ///
    /// # Example
    ///
    /// ```
    /// // A decreasing set: "low GDP per head".
    /// let low = regdev::qca::Calibration::fuzzy(80_000.0, 40_000.0, 10_000.0)?;
    /// let m = low.apply(&[10_000.0, 40_000.0, 80_000.0])?;
    /// assert!((m[0] - 0.95).abs() < 1e-9 && (m[1] - 0.5).abs() < 1e-9 && (m[2] - 0.05).abs() < 1e-9);
    /// assert!(regdev::qca::Calibration::fuzzy(1.0, 5.0, 3.0).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fuzzy(exclusion: f64, crossover: f64, inclusion: f64) -> QcaResult<Self> {
        let t = vec![exclusion, crossover, inclusion];
        if t.iter().any(|v| !v.is_finite()) {
            return Err(QcaError::InvalidThresholds { thresholds: t, reason: "anchors must be finite numbers".into() });
        }
        let increasing = exclusion < crossover && crossover < inclusion;
        let decreasing = exclusion > crossover && crossover > inclusion;
        if !increasing && !decreasing {
            return Err(QcaError::InvalidThresholds {
                thresholds: t,
                reason: "the crossover must lie strictly between the exclusion and inclusion anchors".into(),
            });
        }
        Ok(Calibration::Fuzzy { exclusion, crossover, inclusion })
    }

    /// Calibrates every value.
    ///
    /// # Errors
    ///
    /// [`QcaError::NonNumeric`] for a NaN or infinite value (column
    /// `"value"`, case = its one-based position); for crisp calibration,
    /// [`QcaError::InvalidThresholds`] when a threshold lies outside the
    /// range of the values, as R refuses it.
    ///
    /// # Example
    ///
    /// ```
    /// let c = regdev::qca::Calibration::crisp(&[100.0])?;
    /// assert!(c.apply(&[1.0, 2.0]).is_err()); // threshold above every value
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&self, values: &[f64]) -> QcaResult<Vec<f64>> {
        for (i, v) in values.iter().enumerate() {
            if !v.is_finite() {
                return Err(QcaError::NonNumeric {
                    column: "value".into(),
                    case: (i + 1).to_string(),
                    value: v.to_string(),
                });
            }
        }
        match self {
            Calibration::Crisp(t) => {
                let min = values.iter().copied().fold(f64::INFINITY, f64::min);
                let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                if t.iter().any(|&th| th < min || th > max) {
                    return Err(QcaError::InvalidThresholds {
                        thresholds: t.clone(),
                        reason: format!("a threshold lies outside the range of the values [{min}, {max}]"),
                    });
                }
                Ok(values.iter().map(|&v| self.one(v)).collect())
            }
            Calibration::Fuzzy { .. } => Ok(values.iter().map(|&v| self.one(v)).collect()),
        }
    }

    /// Calibrates one value without R's range check on crisp thresholds.
    ///
    /// # Example
    ///
    /// ```
    /// let c = regdev::qca::Calibration::fuzzy(0.0, 5.0, 10.0)?;
    /// assert_eq!(c.one(5.0), 0.5);
    /// assert_eq!(c.one(100.0), 1.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn one(&self, x: f64) -> f64 {
        match self {
            Calibration::Crisp(t) => t.iter().filter(|&&th| th <= x).count() as f64,
            &Calibration::Fuzzy { exclusion, crossover, inclusion } => {
                let (ex, inc, decreasing) =
                    if exclusion > inclusion { (inclusion, exclusion, true) } else { (exclusion, inclusion, false) };
                let log_odds = (IDM / (1.0 - IDM)).ln();
                let fs = if x >= crossover {
                    1.0 / (1.0 + (-(x - crossover) * log_odds / (inc - crossover)).exp())
                } else {
                    1.0 / (1.0 + ((x - crossover) * log_odds / (ex - crossover)).exp())
                };
                let fs = if decreasing { 1.0 - fs } else { fs };
                if fs < 0.0001 {
                    0.0
                } else if fs > 0.9999 {
                    1.0
                } else {
                    fs
                }
            }
        }
    }
}
