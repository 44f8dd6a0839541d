//! Statistical division codes: [`DivisionCode`], [`CodeListing`].

use serde::{Deserialize, Serialize};

use crate::{Error, Period, SourceId, Year};

/// A statistical division code of the National Bureau of Statistics (NBS):
/// 2 (province), 4 (prefecture), 6 (county, GB/T 2260), 9 (township) or 12
/// (village) ASCII digits.
///
/// The code's own structure is not checked further (codes are reassigned
/// over time). Key places by code, not by name: names repeat (桥头镇 is in
/// both Yongjia and Dongguan).
///
/// # Source
///
/// The NBS statistical division codes (atlas sources `nbs-codes`,
/// `nbs-gazetteer`), as published by the repository
/// modood/Administrative-divisions-of-China.
///
/// # Example
///
/// ```
/// use regdev::DivisionCode;
/// let lecong: DivisionCode = "440606103".parse()?;
/// assert_eq!(lecong.county(), Some("440606"));
/// assert!(DivisionCode::new("44060610").is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DivisionCode(String);

impl DivisionCode {
    /// Validates a code.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCode`] unless `code` is 2, 4, 6, 9 or 12 ASCII digits.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::DivisionCode::new("320583").is_ok());
    /// assert!(regdev::DivisionCode::new("32O583").is_err());
    /// ```
    pub fn new(code: impl Into<String>) -> Result<DivisionCode, Error> {
        let code = code.into();
        if !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::InvalidCode { value: code, reason: "a code must be ASCII digits only".to_owned() });
        }
        if ![2, 4, 6, 9, 12].contains(&code.len()) {
            let reason = format!("a code has 2, 4, 6, 9 or 12 digits, this one has {}", code.len());
            return Err(Error::InvalidCode { value: code, reason });
        }
        Ok(DivisionCode(code))
    }

    /// The code as a string.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::DivisionCode::new("440606")?.as_str(), "440606");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The six-digit county-level prefix, for codes of county level or
    /// below.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::DivisionCode::new("3205")?.county(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn county(&self) -> Option<&str> {
        self.0.get(..6)
    }
}

impl TryFrom<String> for DivisionCode {
    type Error = Error;
    fn try_from(s: String) -> Result<DivisionCode, Error> {
        DivisionCode::new(s)
    }
}

impl From<DivisionCode> for String {
    fn from(c: DivisionCode) -> String {
        c.0
    }
}

impl core::str::FromStr for DivisionCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<DivisionCode, Error> {
        DivisionCode::new(s)
    }
}

impl core::fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(&self.0)
    }
}

/// A statistical code as listed in a dataset: the code, the years of the
/// releases that list it (where checked), and the dataset.
///
/// # Source
///
/// Town lists change over time: three of Kunshan's ten towns are absent
/// from the NBS statistical division codes from the 2021 release on (atlas
/// sources `nbs-codes`, `nbs-gazetteer`), so a code carries its validity.
///
/// # Example
///
/// ```
/// use regdev::{CodeListing, DivisionCode, Period, SourceId, Year};
/// let l = CodeListing::new(DivisionCode::new("320583105")?, SourceId::new("nbs-codes")?)
///     .with_validity(Period::new(Year::new(2017)?, Some(Year::new(2020)?))?);
/// assert!(l.is_valid_in(Year::new(2019)?));
/// assert!(!l.is_valid_in(Year::new(2022)?));
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct CodeListing {
    code: DivisionCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    valid: Option<Period>,
    source: SourceId,
}

impl CodeListing {
    /// A code listed by `source`, validity unknown.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, SourceId};
    /// let l = CodeListing::new(DivisionCode::new("320583")?, SourceId::new("nbs")?);
    /// assert_eq!(l.code().as_str(), "320583");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn new(code: DivisionCode, source: SourceId) -> CodeListing {
        CodeListing { code, valid: None, source }
    }

    /// Sets the years of the releases that list the code.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, Period, SourceId, Year};
    /// let l = CodeListing::new(DivisionCode::new("320583")?, SourceId::new("nbs")?).with_validity(Period::new(Year::new(2017)?, None)?);
    /// assert!(l.validity().is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_validity(mut self, period: Period) -> CodeListing {
        self.valid = Some(period);
        self
    }

    /// The code.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, SourceId};
    /// assert_eq!(CodeListing::new(DivisionCode::new("44")?, SourceId::new("nbs")?).code().as_str(), "44");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> &DivisionCode {
        &self.code
    }

    /// The years the listing is valid for, if known.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, SourceId};
    /// assert!(CodeListing::new(DivisionCode::new("44")?, SourceId::new("nbs")?).validity().is_none());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn validity(&self) -> Option<Period> {
        self.valid
    }

    /// Whether the listing is valid in `year`; `true` when validity is
    /// unknown.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, SourceId, Year};
    /// assert!(CodeListing::new(DivisionCode::new("44")?, SourceId::new("nbs")?).is_valid_in(Year::new(1990)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn is_valid_in(&self, year: Year) -> bool {
        self.valid.is_none_or(|p| p.contains(year))
    }

    /// The dataset that lists the code.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{CodeListing, DivisionCode, SourceId};
    /// assert_eq!(CodeListing::new(DivisionCode::new("44")?, SourceId::new("nbs")?).source().as_str(), "nbs");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &SourceId {
        &self.source
    }
}
