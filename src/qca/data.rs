//! A table of cases × numeric columns, read from CSV or built in code.

use super::error::{QcaError, QcaResult};

/// Cases removed for missing values: each case's name and the columns
/// where it has none.
pub type DroppedCases = Vec<(String, Vec<String>)>;

/// A rectangular table of cases (rows) and named numeric columns, with
/// missing values kept as `None`.
///
/// This is the input of [`super::TruthTable::new`]: raw or calibrated
/// scores, one column per condition and one for the outcome, as R's `QCA`
/// takes a data frame.
///
/// # Example
///
/// ```
/// use regdev::qca::Dataset;
///
/// let data = Dataset::from_csv_str("case,A,B,Y\nx,1,0,1\ny,0,NA,0\n")?;
/// assert_eq!(data.cases(), ["x", "y"]);
/// assert_eq!(data.column("B")?, [Some(0.0), None]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    cases: Vec<String>,
    names: Vec<String>,
    columns: Vec<Vec<Option<f64>>>,
}

impl Dataset {
    /// Builds a table from case names and named columns of equal length.
    ///
    /// # Errors
    ///
    /// [`QcaError::Empty`] without cases or columns,
    /// [`QcaError::DuplicateColumn`], [`QcaError::Csv`] when a column's
    /// length differs from the number of cases, [`QcaError::NonNumeric`]
    /// for NaN or infinite values.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::Dataset;
    ///
    /// let data = Dataset::new(
    ///     vec!["a".into(), "b".into()],
    ///     vec![("X".into(), vec![Some(0.2), Some(0.9)]), ("Y".into(), vec![Some(1.0), None])],
    /// )?;
    /// assert_eq!(data.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(cases: Vec<String>, columns: Vec<(String, Vec<Option<f64>>)>) -> QcaResult<Self> {
        if cases.is_empty() {
            return Err(QcaError::Empty { what: "no cases".into() });
        }
        if columns.is_empty() {
            return Err(QcaError::Empty { what: "no columns".into() });
        }
        let mut names = Vec::with_capacity(columns.len());
        let mut cols = Vec::with_capacity(columns.len());
        for (name, values) in columns {
            if names.contains(&name) {
                return Err(QcaError::DuplicateColumn { column: name });
            }
            if values.len() != cases.len() {
                return Err(QcaError::Csv {
                    line: 0,
                    reason: format!("column '{name}' has {} values for {} cases", values.len(), cases.len()),
                });
            }
            for (case, v) in cases.iter().zip(&values) {
                if let Some(v) = v {
                    if !v.is_finite() {
                        return Err(QcaError::NonNumeric { column: name, case: case.clone(), value: v.to_string() });
                    }
                }
            }
            names.push(name);
            cols.push(values);
        }
        Ok(Self { cases, names, columns: cols })
    }

    /// Reads CSV text with a header row. A first column named `case`
    /// (or with an empty header) holds the case names; otherwise cases are
    /// numbered from 1, as R numbers data-frame rows. `NA` and empty cells
    /// are missing values; every other cell must be a number.
    ///
    /// # Errors
    ///
    /// [`QcaError::Csv`] for malformed CSV, [`QcaError::NonNumeric`] naming
    /// the column and case of a non-numeric cell, and the errors of
    /// [`Dataset::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::qca::{Dataset, QcaError};
    ///
    /// let err = Dataset::from_csv_str("case,A\nx,high\n").unwrap_err();
    /// assert_eq!(err, QcaError::NonNumeric { column: "A".into(), case: "x".into(), value: "high".into() });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_csv_str(text: &str) -> QcaResult<Self> {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| QcaError::Csv { line: 1, reason: e.to_string() })?
            .iter()
            .map(str::to_owned)
            .collect();
        let named_cases = headers.first().is_some_and(|h| h.is_empty() || h.eq_ignore_ascii_case("case"));
        let skip = usize::from(named_cases);
        let names: Vec<String> = headers.iter().skip(skip).cloned().collect();
        let mut cases = Vec::new();
        let mut columns: Vec<Vec<Option<f64>>> = vec![Vec::new(); names.len()];
        for (i, record) in reader.records().enumerate() {
            let line = i as u64 + 2;
            let record = record.map_err(|e| QcaError::Csv { line, reason: e.to_string() })?;
            if record.len() != headers.len() {
                return Err(QcaError::Csv {
                    line,
                    reason: format!("{} fields, the header has {}", record.len(), headers.len()),
                });
            }
            let case = if named_cases { record.get(0).unwrap_or_default().to_owned() } else { (i + 1).to_string() };
            for ((cell, name), column) in record.iter().skip(skip).zip(&names).zip(columns.iter_mut()) {
                column.push(parse_cell(cell, name, &case)?);
            }
            cases.push(case);
        }
        Self::new(cases, names.into_iter().zip(columns).collect())
    }

    /// Reads a CSV file; see [`Dataset::from_csv_str`].
    ///
    /// # Errors
    ///
    /// [`QcaError::Csv`] when the file cannot be read, and those of
    /// [`Dataset::from_csv_str`].
    ///
    /// # Example
    ///
    /// ```no_run
    /// let data = regdev::qca::Dataset::from_csv_path("LC.csv")?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_csv_path(path: impl AsRef<std::path::Path>) -> QcaResult<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| QcaError::Csv { line: 0, reason: format!("cannot read {}: {e}", path.display()) })?;
        Self::from_csv_str(&text)
    }

    /// The case names, in row order.
    ///
    /// # Example
    ///
    /// ```
    /// let data = regdev::qca::Dataset::from_csv_str("A\n1\n0\n")?;
    /// assert_eq!(data.cases(), ["1", "2"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cases(&self) -> &[String] {
        &self.cases
    }

    /// The column names, in order.
    ///
    /// # Example
    ///
    /// ```
    /// let data = regdev::qca::Dataset::from_csv_str("case,A,B\nx,1,0\n")?;
    /// assert_eq!(data.column_names(), ["A", "B"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn column_names(&self) -> &[String] {
        &self.names
    }

    /// The number of cases.
    ///
    /// # Example
    ///
    /// ```
    /// let data = regdev::qca::Dataset::from_csv_str("A\n1\n0\n")?;
    /// assert_eq!(data.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// Whether the table has no cases (never true for a built table).
    ///
    /// # Example
    ///
    /// ```
    /// let data = regdev::qca::Dataset::from_csv_str("A\n1\n")?;
    /// assert!(!data.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// One column's values.
    ///
    /// # Errors
    ///
    /// [`QcaError::UnknownColumn`] listing the columns there are.
    ///
    /// # Example
    ///
    /// ```
    /// let data = regdev::qca::Dataset::from_csv_str("A\n1\n")?;
    /// assert!(data.column("B").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn column(&self, name: &str) -> QcaResult<&[Option<f64>]> {
        self.index_of(name).and_then(|i| self.columns.get(i)).map(Vec::as_slice).ok_or_else(|| self.unknown(name))
    }

    pub(crate) fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    pub(crate) fn unknown(&self, name: &str) -> QcaError {
        QcaError::UnknownColumn { column: name.to_owned(), available: self.names.join(", ") }
    }

    /// Adds (or replaces) a column.
    ///
    /// # Errors
    ///
    /// [`QcaError::Csv`] when its length differs from the number of cases,
    /// [`QcaError::NonNumeric`] for NaN or infinite values.
    ///
    /// # Example
    ///
    /// ```
    /// let mut data = regdev::qca::Dataset::from_csv_str("A\n1\n0\n")?;
    /// data.set_column("B", vec![Some(0.5), None])?;
    /// assert_eq!(data.column_names(), ["A", "B"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_column(&mut self, name: &str, values: Vec<Option<f64>>) -> QcaResult<()> {
        if values.len() != self.cases.len() {
            return Err(QcaError::Csv {
                line: 0,
                reason: format!("column '{name}' has {} values for {} cases", values.len(), self.cases.len()),
            });
        }
        for (case, v) in self.cases.iter().zip(&values) {
            if let Some(v) = v {
                if !v.is_finite() {
                    return Err(QcaError::NonNumeric { column: name.into(), case: case.clone(), value: v.to_string() });
                }
            }
        }
        match self.index_of(name) {
            Some(i) => {
                if let Some(slot) = self.columns.get_mut(i) {
                    *slot = values;
                }
            }
            None => {
                self.names.push(name.to_owned());
                self.columns.push(values);
            }
        }
        Ok(())
    }

    /// Splits off the cases with a missing value in any of `columns`:
    /// returns the table of complete cases and, for every case removed,
    /// its name and the columns where it has no value. Nothing is dropped
    /// silently: the caller gets the list.
    ///
    /// # Errors
    ///
    /// [`QcaError::UnknownColumn`]; [`QcaError::Empty`] when no case is
    /// complete.
    ///
    /// # Example
    ///
    /// ```
    /// let data = regdev::qca::Dataset::from_csv_str("case,A,Y\nx,1,1\ny,NA,0\n")?;
    /// let (complete, dropped) = data.complete_cases(&["A", "Y"])?;
    /// assert_eq!(complete.cases(), ["x"]);
    /// assert_eq!(dropped, vec![("y".to_string(), vec!["A".to_string()])]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn complete_cases(&self, columns: &[&str]) -> QcaResult<(Dataset, DroppedCases)> {
        let idx: Vec<usize> =
            columns.iter().map(|c| self.index_of(c).ok_or_else(|| self.unknown(c))).collect::<QcaResult<_>>()?;
        let mut keep = Vec::new();
        let mut dropped = Vec::new();
        for (row, case) in self.cases.iter().enumerate() {
            let missing: Vec<String> = idx
                .iter()
                .filter(|&&c| self.columns.get(c).and_then(|col| col.get(row)).is_none_or(Option::is_none))
                .filter_map(|&c| self.names.get(c).cloned())
                .collect();
            if missing.is_empty() {
                keep.push(row);
            } else {
                dropped.push((case.clone(), missing));
            }
        }
        if keep.is_empty() {
            return Err(QcaError::Empty { what: "no case has a value in every column".into() });
        }
        let cases = keep.iter().filter_map(|&r| self.cases.get(r).cloned()).collect();
        let columns = self
            .names
            .iter()
            .zip(&self.columns)
            .map(|(n, col)| (n.clone(), keep.iter().map(|&r| col.get(r).copied().flatten()).collect()))
            .collect();
        Ok((Dataset::new(cases, columns)?, dropped))
    }
}

fn parse_cell(cell: &str, column: &str, case: &str) -> QcaResult<Option<f64>> {
    if cell.is_empty() || cell == "NA" {
        return Ok(None);
    }
    match cell.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(QcaError::NonNumeric { column: column.to_owned(), case: case.to_owned(), value: cell.to_owned() }),
    }
}
