//! Names of places: [`Name`].

use serde::{Deserialize, Serialize};

use crate::Error;

/// A place name in English (pinyin for Chinese places) and, optionally,
/// Chinese characters.
///
/// Both parts are trimmed and must not be empty.
///
/// # Source
///
/// Built-in Chinese names are those of the NBS statistical division codes
/// (atlas sources `nbs-codes`, `nbs-gazetteer`).
///
/// # Example
///
/// ```
/// use regdev::Name;
/// let n = Name::new("Lecong")?.with_chinese("乐从镇")?;
/// assert_eq!(n.to_string(), "Lecong (乐从镇)");
/// assert!(Name::new("  ").is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "RawName", into = "RawName")]
pub struct Name {
    english: String,
    chinese: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RawName {
    english: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    chinese: Option<String>,
}

impl TryFrom<RawName> for Name {
    type Error = Error;
    fn try_from(r: RawName) -> Result<Name, Error> {
        Ok(Name {
            english: non_empty_owned("english name", r.english)?,
            chinese: r.chinese.map(|zh| non_empty_owned("chinese name", zh)).transpose()?,
        })
    }
}

impl From<Name> for RawName {
    fn from(n: Name) -> RawName {
        RawName { english: n.english, chinese: n.chinese }
    }
}

pub(super) fn non_empty(field: &'static str, text: impl AsRef<str>) -> Result<String, Error> {
    let t = text.as_ref().trim();
    if t.is_empty() { Err(Error::EmptyText { field }) } else { Ok(t.to_owned()) }
}

/// As [`non_empty`], keeping `text`'s buffer when there is nothing to trim
/// (text read from a document: no second allocation).
pub(super) fn non_empty_owned(field: &'static str, text: String) -> Result<String, Error> {
    let t = text.trim();
    if t.is_empty() {
        Err(Error::EmptyText { field })
    } else if t.len() == text.len() {
        Ok(text)
    } else {
        Ok(t.to_owned())
    }
}

impl Name {
    /// A name in English or pinyin.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if `english` is empty after trimming.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Name::new("Shunde")?.english(), "Shunde");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(english: impl AsRef<str>) -> Result<Name, Error> {
        Ok(Name { english: non_empty("english name", english)?, chinese: None })
    }

    /// Adds the name in Chinese characters.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if `chinese` is empty after trimming.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Name::new("Shunde")?.with_chinese("顺德区")?.chinese(), Some("顺德区"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn with_chinese(mut self, chinese: impl AsRef<str>) -> Result<Name, Error> {
        self.chinese = Some(non_empty("chinese name", chinese)?);
        Ok(self)
    }

    /// The English or pinyin name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Name::new("Beijiao")?.english(), "Beijiao");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn english(&self) -> &str {
        &self.english
    }

    /// The name in Chinese characters, if known.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Name::new("Beijiao")?.chinese(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn chinese(&self) -> Option<&str> {
        self.chinese.as_deref()
    }

    /// Whether `query` equals the English name (ASCII case-insensitively) or
    /// the Chinese name (exactly), after trimming.
    ///
    /// # Example
    ///
    /// ```
    /// let n = regdev::Name::new("Lecong")?.with_chinese("乐从镇")?;
    /// assert!(n.matches("lecong") && n.matches("乐从镇") && !n.matches("乐从"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim();
        self.english.eq_ignore_ascii_case(q) || self.chinese.as_deref() == Some(q)
    }
}

impl core::fmt::Display for Name {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.chinese {
            Some(zh) => f.pad(&format!("{} ({zh})", self.english)),
            None => f.pad(&self.english),
        }
    }
}
