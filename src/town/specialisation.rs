//! Specialisations: [`Specialisation`].

use serde::{Deserialize, Serialize};

use super::IndustryDivision;
use super::name::non_empty;
use crate::{Error, SourceId};

/// What a town specialises in: an industry division and the product, with
/// the source that says so.
///
/// # Source
///
/// Talk: "Many cities, towns, and villages specialise in just one product".
///
/// # Example
///
/// ```
/// use regdev::{IndustryDivision, SourceId, Specialisation};
/// let s = Specialisation::new(IndustryDivision::C21, "furniture", SourceId::new("s")?)?;
/// assert_eq!(s.product(), "furniture");
/// assert!(Specialisation::new(IndustryDivision::C21, " ", SourceId::new("s")?).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawSpecialisation", into = "RawSpecialisation")]
pub struct Specialisation {
    industry: IndustryDivision,
    product: String,
    source: SourceId,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RawSpecialisation {
    industry: IndustryDivision,
    product: String,
    source: SourceId,
}

impl TryFrom<RawSpecialisation> for Specialisation {
    type Error = Error;
    fn try_from(r: RawSpecialisation) -> Result<Specialisation, Error> {
        Specialisation::new(r.industry, r.product, r.source)
    }
}

impl From<Specialisation> for RawSpecialisation {
    fn from(s: Specialisation) -> RawSpecialisation {
        RawSpecialisation { industry: s.industry, product: s.product, source: s.source }
    }
}

impl Specialisation {
    /// A specialisation in `product`, within `industry`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if `product` is empty after trimming.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{IndustryDivision, SourceId, Specialisation};
    /// let s = Specialisation::new(IndustryDivision::C18, "denim", SourceId::new("s")?)?;
    /// assert_eq!(s.industry(), IndustryDivision::C18);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(
        industry: IndustryDivision,
        product: impl AsRef<str>,
        source: SourceId,
    ) -> Result<Specialisation, Error> {
        Ok(Specialisation { industry, product: non_empty("product", product)?, source })
    }

    /// The industry division.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{IndustryDivision, SourceId, Specialisation};
    /// assert_eq!(Specialisation::new(IndustryDivision::C33, "hinges", SourceId::new("s")?)?.industry(), IndustryDivision::C33);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn industry(&self) -> IndustryDivision {
        self.industry
    }

    /// The product, in free text.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{IndustryDivision, SourceId, Specialisation};
    /// assert_eq!(Specialisation::new(IndustryDivision::C33, "hinges", SourceId::new("s")?)?.product(), "hinges");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn product(&self) -> &str {
        &self.product
    }

    /// The source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{IndustryDivision, SourceId, Specialisation};
    /// assert_eq!(Specialisation::new(IndustryDivision::C33, "x", SourceId::new("s")?)?.source().as_str(), "s");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &SourceId {
        &self.source
    }
}
