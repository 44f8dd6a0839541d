//! Provenance: [`Source`] records and [`Observed`] values.

use serde::{Deserialize, Serialize};

use crate::macros::vocabulary;
use crate::{Error, SourceId, Year};

vocabulary! {
    /// What kind of work a [`Source`] is.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::SourceKind;
    /// assert_eq!("web page".parse::<SourceKind>()?, SourceKind::WebPage);
    /// assert_eq!(SourceKind::Thesis.to_string(), "Thesis");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum SourceKind as "source kind" {
        /// A talk or its slides.
        Talk = ("talk", "Talk"),
        /// A journal article, working paper or chapter.
        Article = ("article", "Article"),
        /// A book.
        Book = ("book", "Book"),
        /// A doctoral or master's thesis.
        Thesis = ("thesis", "Thesis"),
        /// A dataset or statistical release.
        Dataset = ("dataset", "Dataset"),
        /// A web page: news, an encyclopaedia, an official site.
        WebPage = ("web_page", "Web page"),
    }
}

vocabulary! {
    /// How much a [`Source`] can carry.
    ///
    /// - **Strong**: official statistics, official government pages and
    ///   datasets, peer-reviewed studies (and the author's own copy of one).
    /// - **Medium**: mainstream press, encyclopaedias (Wikipedia and its
    ///   faithful copies), books, theses, talks.
    /// - **Weak**: aggregators, blogs, trade or travel pages, mirrors of
    ///   unknown origin.
    ///
    /// A weak source may back a specialisation or a note, never a profile
    /// claim or a key fact: [`Atlas::audit`](crate::Atlas::audit) reports
    /// every weak source behind one (finding kind
    /// [`WeakSource`](crate::audit::FindingKind::WeakSource)).
    ///
    /// # Ordering
    ///
    /// `Weak < Medium < Strong`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::SourceStrength;
    /// assert_eq!("weak".parse::<SourceStrength>()?, SourceStrength::Weak);
    /// assert!(SourceStrength::Weak < SourceStrength::Strong);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum SourceStrength as "source strength" {
        /// Aggregators, blogs, trade or travel pages, mirrors of unknown origin.
        Weak = ("weak", "Weak"),
        /// Mainstream press, encyclopaedias, books, theses, talks.
        Medium = ("medium", "Medium"),
        /// Official statistics and government sources, peer-reviewed studies.
        Strong = ("strong", "Strong"),
    }
}

/// A citable work: the talk, an article, a dataset, a web page.
///
/// A passive bibliographic record; only `id` and `title` are required.
/// `year` is the year of publication, which may differ from the year a fact
/// drawn from it refers to (see [`Observed::year`]).
///
/// # Example
///
/// ```
/// use regdev::{Source, SourceId, SourceKind, Year};
///
/// let thesis = Source::new(SourceId::new("qiao-2016")?, SourceKind::Thesis, "Economic Linkages of China's Small Towns")?
///     .with_authors(["Miao Qiao"])?
///     .with_year(Year::new(2016)?)
///     .with_venue("University of Manchester")?;
/// assert_eq!(thesis.authors(), ["Miao Qiao"]);
/// assert_eq!(thesis.to_string(), "Miao Qiao (2016). Economic Linkages of China's Small Towns. University of Manchester");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawSource", into = "RawSource")]
pub struct Source {
    id: SourceId,
    kind: SourceKind,
    authors: Vec<String>,
    title: String,
    year: Option<Year>,
    venue: Option<String>,
    url: Option<String>,
    note: Option<String>,
    strength: Option<SourceStrength>,
}

/// The serialized shape of a [`Source`]: deserialized, then checked by
/// [`Source::new`] and [`Source::with_authors`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct RawSource {
    id: SourceId,
    kind: SourceKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    authors: Vec<String>,
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<Year>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    venue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    strength: Option<SourceStrength>,
}

impl TryFrom<RawSource> for Source {
    type Error = Error;
    fn try_from(r: RawSource) -> Result<Source, Error> {
        let mut source = Source::new(r.id, r.kind, r.title)?.with_authors(r.authors)?;
        source.year = r.year;
        source.strength = r.strength;
        if let Some(venue) = r.venue {
            source = source.with_venue(venue)?;
        }
        if let Some(url) = r.url {
            source = source.with_url(url)?;
        }
        if let Some(note) = r.note {
            source = source.with_note(note)?;
        }
        Ok(source)
    }
}

impl From<Source> for RawSource {
    fn from(s: Source) -> RawSource {
        RawSource {
            id: s.id,
            kind: s.kind,
            authors: s.authors,
            title: s.title,
            year: s.year,
            venue: s.venue,
            url: s.url,
            note: s.note,
            strength: s.strength,
        }
    }
}

/// `text` unless it is empty or only white space: the one check behind
/// every free-text field of a [`Source`], naming the field and the source.
fn non_blank(id: &SourceId, field: &'static str, text: String) -> Result<String, Error> {
    if text.trim().is_empty() {
        return Err(Error::EmptyText { field }.context(format!("source '{id}'")));
    }
    Ok(text)
}

impl Source {
    /// A source with its id, kind and title; add the rest with the `with_*`
    /// methods.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if the title is empty or only white space,
    /// wrapped in [`Error::Context`] naming the source.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Source, SourceId, SourceKind};
    /// let s = Source::new(SourceId::new("x")?, SourceKind::WebPage, "A page")?;
    /// assert_eq!(s.title(), "A page");
    /// assert!(Source::new(SourceId::new("x")?, SourceKind::Book, " ").is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new(id: SourceId, kind: SourceKind, title: impl Into<String>) -> Result<Source, Error> {
        let title = non_blank(&id, "title", title.into())?;
        Ok(Source {
            id,
            kind,
            authors: Vec::new(),
            title,
            year: None,
            venue: None,
            url: None,
            note: None,
            strength: None,
        })
    }

    /// Sets the authors, in citation order.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if an author is empty or only white space,
    /// wrapped in [`Error::Context`] naming the source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// let s = Source::new(SourceId::new("hs")?, SourceKind::Article, "t")?.with_authors(["J. Humphrey", "H. Schmitz"])?;
    /// assert_eq!(s.authors().len(), 2);
    /// assert!(s.with_authors(["A. Author", ""]).is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn with_authors<I, S>(mut self, authors: I) -> Result<Source, Error>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.authors =
            authors.into_iter().map(|a| non_blank(&self.id, "author", a.into())).collect::<Result<_, _>>()?;
        Ok(self)
    }

    /// Sets the year of publication.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind, Year};
    /// let s = Source::new(SourceId::new("x")?, SourceKind::Book, "t")?.with_year(Year::new(2013)?);
    /// assert_eq!(s.year(), Some(Year::new(2013)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_year(mut self, year: Year) -> Source {
        self.year = Some(year);
        self
    }

    /// Sets the venue: journal, publisher, university or site.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if the venue is empty or only white space (leave
    /// it unset instead), wrapped in [`Error::Context`] naming the source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// let s = Source::new(SourceId::new("x")?, SourceKind::Article, "t")?.with_venue("Regional Studies")?;
    /// assert_eq!(s.venue(), Some("Regional Studies"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn with_venue(mut self, venue: impl Into<String>) -> Result<Source, Error> {
        self.venue = Some(non_blank(&self.id, "venue", venue.into())?);
        Ok(self)
    }

    /// Sets the URL where the work can be read.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if the URL is empty or only white space (leave
    /// it unset instead), wrapped in [`Error::Context`] naming the source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// let s = Source::new(SourceId::new("x")?, SourceKind::WebPage, "t")?.with_url("https://example.org")?;
    /// assert_eq!(s.url(), Some("https://example.org"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn with_url(mut self, url: impl Into<String>) -> Result<Source, Error> {
        self.url = Some(non_blank(&self.id, "url", url.into())?);
        Ok(self)
    }

    /// Sets a note: a caveat on the source's strength, a conflict with
    /// another source.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyText`] if the note is empty or only white space (leave
    /// it unset instead), wrapped in [`Error::Context`] naming the source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// let s = Source::new(SourceId::new("x")?, SourceKind::WebPage, "t")?.with_note("weak: a blog")?;
    /// assert_eq!(s.note(), Some("weak: a blog"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn with_note(mut self, note: impl Into<String>) -> Result<Source, Error> {
        self.note = Some(non_blank(&self.id, "note", note.into())?);
        Ok(self)
    }

    /// Sets how much the source can carry (see [`SourceStrength`]).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind, SourceStrength};
    /// let s = Source::new(SourceId::new("x")?, SourceKind::WebPage, "t")?.with_strength(SourceStrength::Weak);
    /// assert_eq!(s.strength(), Some(SourceStrength::Weak));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_strength(mut self, strength: SourceStrength) -> Source {
        self.strength = Some(strength);
        self
    }

    /// The id.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// assert_eq!(Source::new(SourceId::new("x")?, SourceKind::Book, "t")?.id().as_str(), "x");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> &SourceId {
        &self.id
    }

    /// The kind of work.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// assert_eq!(Source::new(SourceId::new("x")?, SourceKind::Book, "t")?.kind(), SourceKind::Book);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    /// The authors, in citation order.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// assert!(Source::new(SourceId::new("x")?, SourceKind::Book, "t")?.authors().is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn authors(&self) -> &[String] {
        &self.authors
    }

    /// The title.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// assert_eq!(Source::new(SourceId::new("x")?, SourceKind::Book, "Sticky places")?.title(), "Sticky places");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The year of publication, if known.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// assert_eq!(Source::new(SourceId::new("x")?, SourceKind::Book, "t")?.year(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn year(&self) -> Option<Year> {
        self.year
    }

    /// The venue, if known.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// assert_eq!(Source::new(SourceId::new("x")?, SourceKind::Book, "t")?.venue(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn venue(&self) -> Option<&str> {
        self.venue.as_deref()
    }

    /// The URL, if known.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// assert_eq!(Source::new(SourceId::new("x")?, SourceKind::Book, "t")?.url(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// The note, if any.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// assert_eq!(Source::new(SourceId::new("x")?, SourceKind::Book, "t")?.note(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// How much the source can carry, if rated; `None` when unrated.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Source, SourceId, SourceKind};
    /// assert_eq!(Source::new(SourceId::new("x")?, SourceKind::Book, "t")?.strength(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn strength(&self) -> Option<SourceStrength> {
        self.strength
    }
}

impl core::fmt::Display for Source {
    /// A short citation: `Authors (year). Title. Venue`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut s = String::new();
        if !self.authors.is_empty() {
            s.push_str(&self.authors.join(", "));
            s.push(' ');
        }
        if let Some(y) = self.year {
            s.push_str(&format!("({y}). "));
        } else if !self.authors.is_empty() {
            s.push_str("(n.d.). ");
        }
        s.push_str(&self.title);
        if let Some(v) = &self.venue {
            s.push_str(". ");
            s.push_str(v);
        }
        f.pad(&s)
    }
}

/// A value as a source states it: the value, the year it refers to (where
/// the source gives one) and the source's id.
///
/// `year` is the reference year of the figure (Shunde's GDP is "254 billion
/// yuan (2013)"), not the year the source was published. When the source
/// gives none it stays `None`: the crate never guesses a year.
///
/// Provenance: [`Source`] records and [`Observed`] values.
///
/// No fact without a source. Every figure in `regdev` data is an
/// [`Observed<T>`]: the value, the year it refers to where the source gives
/// one, and the [`SourceId`] of the work that states it. The sources
/// themselves live once in the atlas and are looked up by id.
///
/// # Source
///
/// Wikidata's "point in time" qualifier, property P585
/// (<https://www.wikidata.org/wiki/Property:P585>), which records the time
/// a value refers to.
///
/// # Example
///
/// ```
/// use regdev::{Currency, Money, Observed, SourceId, Year};
///
/// let gdp = Observed::new(Money::new(254e9, Currency::Cny)?, SourceId::new("qiao-talk")?)
///     .with_year(Year::new(2013)?);
/// assert_eq!(gdp.year().map(Year::get), Some(2013));
/// assert_eq!(gdp.source().as_str(), "qiao-talk");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Observed<T> {
    value: T,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<Year>,
    source: SourceId,
}

impl<T> Observed<T> {
    /// A value stated by `source`, with no reference year.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Observed, Population, SourceId};
    /// let p = Observed::new(Population::new(1_600_000), SourceId::new("qiao-talk")?);
    /// assert_eq!(p.value().get(), 1_600_000);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn new(value: T, source: SourceId) -> Observed<T> {
        Observed { value, year: None, source }
    }

    /// Sets the reference year.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Observed, Population, SourceId, Year};
    /// let p = Observed::new(Population::new(2_464_784), SourceId::new("census")?).with_year(Year::new(2010)?);
    /// assert_eq!(p.year(), Some(Year::new(2010)?));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn with_year(mut self, year: Year) -> Observed<T> {
        self.year = Some(year);
        self
    }

    /// The value.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Observed, Population, SourceId};
    /// assert_eq!(Observed::new(Population::new(3), SourceId::new("s")?).value().get(), 3);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The reference year, if the source gives one.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Observed, Population, SourceId};
    /// assert_eq!(Observed::new(Population::new(3), SourceId::new("s")?).year(), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn year(&self) -> Option<Year> {
        self.year
    }

    /// The source's id.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Observed, Population, SourceId};
    /// assert_eq!(Observed::new(Population::new(3), SourceId::new("s")?).source().as_str(), "s");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &SourceId {
        &self.source
    }

    /// Applies `f` to the value, keeping year and source.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Observed, Population, SourceId};
    /// let p = Observed::new(Population::new(3), SourceId::new("s")?);
    /// assert_eq!(p.map(|v| v.get() * 2).value(), &6);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Observed<U> {
        Observed { value: f(self.value), year: self.year, source: self.source }
    }
}
