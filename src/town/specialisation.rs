//! Specialisations: [`Specialisation`].

use serde::{Deserialize, Serialize};

use super::IndustryDivision;
use super::name::non_empty;
use crate::{Error, SourceId, ValueChainRole};

/// What a town specialises in: an industry division, the product and,
/// optionally, the value-chain role its firms play ([`ValueChainRole`]),
/// with the source that says so.
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
    value_chain_role: Option<ValueChainRole>,
    source: SourceId,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RawSpecialisation {
    industry: IndustryDivision,
    product: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value_chain_role: Option<ValueChainRole>,
    source: SourceId,
}

impl TryFrom<RawSpecialisation> for Specialisation {
    type Error = Error;
    fn try_from(r: RawSpecialisation) -> Result<Specialisation, Error> {
        Ok(Specialisation {
            industry: r.industry,
            product: super::name::non_empty_owned("product", r.product)?,
            value_chain_role: r.value_chain_role,
            source: r.source,
        })
    }
}

impl From<Specialisation> for RawSpecialisation {
    fn from(s: Specialisation) -> RawSpecialisation {
        RawSpecialisation {
            industry: s.industry,
            product: s.product,
            value_chain_role: s.value_chain_role,
            source: s.source,
        }
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
        Ok(Specialisation { industry, product: non_empty("product", product)?, value_chain_role: None, source })
    }

    /// Sets the value-chain role the town's firms play in this product.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{IndustryDivision, SourceId, Specialisation, ValueChainRole};
    /// let s = Specialisation::new(IndustryDivision::C39, "notebook computers", SourceId::new("s")?)?
    ///     .with_value_chain_role(ValueChainRole::Odm);
    /// assert_eq!(s.value_chain_role(), Some(ValueChainRole::Odm));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_value_chain_role(mut self, role: ValueChainRole) -> Specialisation {
        self.value_chain_role = Some(role);
        self
    }

    /// The value-chain role, if given.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{IndustryDivision, SourceId, Specialisation};
    /// assert_eq!(Specialisation::new(IndustryDivision::C33, "x", SourceId::new("s")?)?.value_chain_role(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn value_chain_role(&self) -> Option<ValueChainRole> {
        self.value_chain_role
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
