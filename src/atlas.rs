//! The [`Atlas`]: a validated collection of towns, archetypes, linkage
//! graphs, sources and exchange rates.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::id::IdKind;
use crate::linkage::RawGraph;

mod merge;
use crate::{
    Archetype, Area, Currency, Error, ExchangeRate, LinkageGraph, Money, Source, SourceId, Town, TownId, Year,
};
pub use merge::Duplicates;

/// The atlas format version this crate writes. It reads this one and every
/// earlier one (from [`MIN_FORMAT_VERSION`]).
///
/// # Format 2
///
/// Format 2 holds what case studies say: every measured fact is a list of
/// sourced [`Observation`](crate::Observation)s with a year or period, a
/// qualifier and a kind (see [`KeyFacts`](crate::KeyFacts)), of any
/// [`Indicator`](crate::Indicator).
///
/// # Migration from format 1
///
/// A format-1 document loads unchanged and is upgraded as it is read; no
/// fact is lost or altered:
/// - `key_facts.area`, `.population`, `.gdp` and `.gdp_per_capita`, each a
///   single `{value, year, source}` object in format 1, become one-element
///   lists of exact observations of unstated kind, with the same value,
///   year and source;
/// - every other field reads as before.
///
/// Writing ([`Atlas::to_json_pretty`], serde) always produces format 2. The
/// format-1 shape of a key fact is accepted only in a document that
/// declares `format_version: 1`; under version 2 it is an
/// [`Error::FormatOneShape`] naming the field. (The compact `profile` +
/// `profile_sources` form stays valid in format 2: it is what format 2
/// writes for a profile of undated, normal-rank claims.)
///
/// # Example
///
/// ```
/// use regdev::Atlas;
/// let v1 = r#"{"format_version": 1,
///   "sources": [{"id": "s", "kind": "book", "title": "T"}],
///   "towns": [{"id": "a", "name": {"english": "A"}, "level": "town",
///              "key_facts": {"population": {"value": 1000, "year": 2010, "source": "s"}}}]}"#;
/// let atlas = Atlas::from_json_str(v1)?;
/// let pop = atlas.town("a").and_then(|t| t.key_facts().population()).ok_or("?")?;
/// assert_eq!((pop.value().get(), pop.year().map(|y| y.get())), (1000, Some(2010)));
/// assert!(atlas.to_json_pretty()?.contains("\"format_version\": 2"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const FORMAT_VERSION: u32 = 2;

/// The oldest atlas format version this crate reads (and upgrades).
pub const MIN_FORMAT_VERSION: u32 = 1;

/// The serialized form of an [`Atlas`], before validation.
///
/// Deserialize this with any serde format, then turn it into an atlas with
/// [`Atlas::from_document`] (first error) or [`Atlas::validate_document`]
/// (every error): that way errors stay typed. Deserializing an [`Atlas`]
/// directly also validates, but the format crate turns the errors into its
/// own text.
///
/// # Shape
///
/// ```text
/// { "format_version": 2,
///   "sources": [...], "exchange_rates": [...], "archetypes": [...],
///   "towns": [...], "graphs": [{ "focal_town": ..., "actors": [...], "linkages": [...] }] }
/// ```
///
/// Every list may be omitted when empty; unknown fields are errors. A
/// format-1 document deserializes into the same types (see
/// [`FORMAT_VERSION`] for the migration).
///
/// # Any serde format, with typed errors
///
/// The pattern of [`Atlas::from_json_str`] and [`Atlas::from_toml_str`]
/// works for every self-describing serde format (YAML, CBOR, RON…):
/// deserialize an `AtlasDocument` (through `serde_path_to_error` for the
/// field path), then validate it with [`Atlas::from_document`] or
/// [`Atlas::validate_document`]. Parse errors stay the format's, but every
/// validation error stays a typed [`Error`] variant. Deserializing [`Atlas`]
/// itself would also validate, but the format crate turns the typed errors
/// into its own text.
///
/// ```
/// use regdev::{Atlas, AtlasDocument, Error};
/// let text = "format_version = 2\n[[towns]]\nid = 'a'\nname = { english = 'A' }\nlevel = 'town'\nparent = 'x'\n";
/// let doc: AtlasDocument = toml::from_str(text)?; // any format crate here
/// let err = Atlas::from_document(doc).unwrap_err();
/// assert!(matches!(err, Error::UnknownReference { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Example
///
/// ```
/// use regdev::{Atlas, AtlasDocument};
///
/// let doc: AtlasDocument = serde_json::from_str(r#"{"format_version": 1}"#)?;
/// let atlas = Atlas::from_document(doc)?;
/// assert_eq!(atlas.towns().count(), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct AtlasDocument {
    format_version: u32,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    exchange_rates: Vec<ExchangeRate>,
    #[serde(default)]
    archetypes: Vec<Archetype>,
    #[serde(default, deserialize_with = "counted")]
    towns: Vec<Town>,
    #[serde(default, deserialize_with = "counted")]
    graphs: Vec<RawGraph>,
}

#[cfg(feature = "json")]
thread_local! {
    /// Called after each town and graph deserialized on this thread, while
    /// [`Atlas::document_from_json_with_progress`] runs.
    static ON_RECORD: std::cell::RefCell<Option<Box<dyn FnMut()>>> = const { std::cell::RefCell::new(None) };
}

/// A list of records, reporting each one to `ON_RECORD`.
fn counted<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    struct Counted<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Counted<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
            while let Some(item) = seq.next_element()? {
                out.push(item);
                #[cfg(feature = "json")]
                ON_RECORD.with(|hook| {
                    if let Ok(mut hook) = hook.try_borrow_mut() {
                        if let Some(f) = hook.as_mut() {
                            f();
                        }
                    }
                });
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Counted(std::marker::PhantomData))
}

impl AtlasDocument {
    /// The declared format version.
    ///
    /// # Example
    ///
    /// ```
    /// let doc: regdev::AtlasDocument = serde_json::from_str(r#"{"format_version": 7}"#)?;
    /// assert_eq!(doc.format_version(), 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn format_version(&self) -> u32 {
        self.format_version
    }
}

/// An id index of the atlas: position by id, hashed with foldhash
/// (randomly seeded per process), which builds and looks up several
/// times faster than SipHash on the short ids of a large atlas.
type Index<K> = HashMap<K, usize, foldhash::fast::RandomState>;

/// Borrowed serialized form, so serializing an atlas copies nothing.
#[derive(Serialize)]
struct AtlasDocumentRef<'a> {
    format_version: u32,
    sources: &'a [Source],
    exchange_rates: &'a [ExchangeRate],
    archetypes: &'a [Archetype],
    towns: &'a [Town],
    graphs: &'a [LinkageGraph],
}

/// A validated collection of towns, archetypes, linkage graphs, sources
/// and exchange rates.
///
/// The [`Atlas`]: a validated collection of towns, archetypes, linkage
/// graphs, sources and exchange rates.
///
/// An atlas is the unit other programs load, query and compare. It is
/// built with an [`AtlasBuilder`] or deserialized from an
/// [`AtlasDocument`] (any serde format), and in both cases validated once:
/// everything inside an `Atlas` may rely on its invariants.
///
/// # Order
///
/// Every collection iterates in insertion (document) order, which is
/// stable across loads and serialization round-trips.
///
/// # Invariants
///
/// Checked once, when the atlas is built or loaded; each violation is a
/// typed [`Error`] naming the culprit:
/// 1. `format_version` is between [`MIN_FORMAT_VERSION`] and
///    [`FORMAT_VERSION`] ([`Error::UnsupportedFormatVersion`]; nothing else
///    is checked then), and a document of format 2 or later writes no key
///    fact in the format-1 shape ([`Error::FormatOneShape`]);
/// 2. ids are unique within each kind: sources, archetypes, towns, and
///    actors within a graph ([`Error::DuplicateId`]); at most one graph per
///    focal town ([`Error::DuplicateGraph`]), and one exchange rate per year
///    and currency pair ([`Error::DuplicateExchangeRate`]);
/// 3. every reference resolves ([`Error::UnknownReference`]): a town's
///    parent; a graph's focal town; every source id cited by a source-bearing
///    record (key facts, codes, zones, specialisations, advantages, profile
///    dimensions, stages, notes, archetype dimensions, exchange rates,
///    actors, linkages); both ends of every linkage;
/// 4. parent links form no cycle ([`Error::ParentCycle`]), and a child's
///    [`AdminLevel::tier`](crate::AdminLevel::tier) is below its parent's
///    ([`Error::ParentTier`]);
/// 5. each record's own rules (see [`Town`], [`Trajectory`](crate::Trajectory),
///    [`LinkageGraph`], [`Source::new`]).
///
/// [`Atlas::validate_document`] reports every violation at once, in the
/// order above; the other constructors stop at the first.
///
/// # Example
///
/// ```
/// use regdev::{AdminLevel, Atlas, Name, Town, TownId};
///
/// let atlas = Atlas::builder()
///     .town(Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town).parent(TownId::new("nowhere")?).build()?)
///     .build();
/// assert_eq!(atlas.unwrap_err().to_string(), "town 'a', field 'parent' refers to unknown town 'nowhere'");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Atlas {
    sources: Vec<Source>,
    exchange_rates: Vec<ExchangeRate>,
    archetypes: Vec<Archetype>,
    towns: Vec<Town>,
    graphs: Vec<LinkageGraph>,
    source_index: Index<SourceId>,
    archetype_index: Index<String>,
    town_index: Index<TownId>,
    graph_index: Index<TownId>,
    children: Vec<Vec<usize>>,
    columns: Columns,
}

/// The most-queried town facts as columns (struct of arrays) in atlas
/// order, so a query scans a few contiguous bytes per town instead of whole
/// records. Missing values are `NaN` (numbers) or [`Columns::NONE`] (codes).
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    /// Position in [`RegionalModel::ALL`](crate::RegionalModel::ALL).
    pub(crate) model: Vec<u8>,
    /// Position in [`AdminLevel::ALL`](crate::AdminLevel::ALL).
    pub(crate) level: Vec<u8>,
    pub(crate) area: Vec<f64>,
    pub(crate) population: Vec<f64>,
    pub(crate) gdp: Vec<f64>,
    /// Position in [`Currency::ALL`].
    pub(crate) gdp_currency: Vec<u8>,
    pub(crate) gdp_per_capita: Vec<f64>,
    pub(crate) gdp_per_capita_currency: Vec<u8>,
}

impl Columns {
    /// The code of a missing value.
    pub(crate) const NONE: u8 = u8::MAX;

    pub(crate) fn code<T: PartialEq>(all: &[T], v: Option<&T>) -> u8 {
        v.and_then(|v| all.iter().position(|x| x == v)).and_then(|i| u8::try_from(i).ok()).unwrap_or(Self::NONE)
    }

    fn of(towns: &[Town]) -> Columns {
        let n = towns.len();
        let mut c = Columns {
            model: Vec::with_capacity(n),
            level: Vec::with_capacity(n),
            area: Vec::with_capacity(n),
            population: Vec::with_capacity(n),
            gdp: Vec::with_capacity(n),
            gdp_currency: Vec::with_capacity(n),
            gdp_per_capita: Vec::with_capacity(n),
            gdp_per_capita_currency: Vec::with_capacity(n),
        };
        for t in towns {
            let f = t.key_facts();
            c.model.push(Self::code(crate::RegionalModel::ALL, t.model().map(|m| m.value())));
            c.level.push(Self::code(crate::AdminLevel::ALL, Some(&t.level())));
            let headline = |i: crate::Indicator| f.select(i, crate::Selection::latest()).map(crate::Observation::value);
            c.area
                .push(headline(crate::Indicator::Area).and_then(crate::Quantity::as_area).map_or(f64::NAN, Area::km2));
            #[allow(clippy::cast_precision_loss)]
            c.population.push(
                headline(crate::Indicator::Population)
                    .and_then(crate::Quantity::as_population)
                    .map_or(f64::NAN, |p| p.get() as f64),
            );
            let money = |i: crate::Indicator| match headline(i).and_then(crate::Quantity::as_money) {
                Some(m) => (m.amount(), Self::code(Currency::ALL, Some(&m.currency()))),
                None => (f64::NAN, Self::NONE),
            };
            let (g, gc) = money(crate::Indicator::Gdp);
            c.gdp.push(g);
            c.gdp_currency.push(gc);
            let (p, pc) = money(crate::Indicator::GdpPerCapita);
            c.gdp_per_capita.push(p);
            c.gdp_per_capita_currency.push(pc);
        }
        c
    }
}

impl PartialEq for Atlas {
    /// Equal when every collection is equal, in order.
    fn eq(&self, other: &Atlas) -> bool {
        self.sources == other.sources
            && self.exchange_rates == other.exchange_rates
            && self.archetypes == other.archetypes
            && self.towns == other.towns
            && self.graphs == other.graphs
    }
}

impl Atlas {
    /// Starts building an atlas.
    ///
    /// # Example
    ///
    /// ```
    /// let atlas = regdev::Atlas::builder().build()?;
    /// assert!(atlas.is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn builder() -> AtlasBuilder {
        AtlasBuilder::default()
    }

    /// The built-in atlas: the talk's Kunshan and Shunde cases, their towns
    /// and linkage graphs, cases of each of the three regional models from
    /// the literature, the models' archetypes, and every source cited. See [`crate::cases`] for what it holds and where each
    /// fact comes from.
    ///
    /// Constructed once in Rust code (no parsing), then shared.
    ///
    /// # Panics
    ///
    /// Never in practice: the built-in data is validated by the test suite
    /// (`tests/builtin.rs`); a panic here would be a bug in this crate.
    ///
    /// # Example
    ///
    /// ```
    /// let atlas = regdev::Atlas::builtin();
    /// assert!(atlas.town("shunde").is_some());
    /// assert_eq!(atlas.archetypes().count(), 3);
    /// ```
    #[must_use]
    pub fn builtin() -> &'static Atlas {
        static BUILTIN: std::sync::OnceLock<Atlas> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            #[allow(clippy::expect_used)]
            crate::cases::build().expect("the built-in atlas is valid (checked by tests/builtin.rs)")
        })
    }

    /// Validates a document, stopping at the first problem.
    ///
    /// # Errors
    ///
    /// The first violation of the invariants listed on [`Atlas`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, AtlasDocument, Error};
    /// let doc: AtlasDocument = serde_json::from_str(r#"{"format_version": 3}"#)?;
    /// assert_eq!(
    ///     Atlas::from_document(doc).unwrap_err(),
    ///     Error::UnsupportedFormatVersion { found: 3, supported: 2 },
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_document(doc: AtlasDocument) -> Result<Atlas, Error> {
        Atlas::validate_document(doc).map_err(first_error)
    }

    /// An atlas from records and graphs already built and checked one by
    /// one (the Parquet reader): the cross-record rules of
    /// [`Atlas::validate_document`] are checked here, the same way, but
    /// for one the reader has made already: every source an actor, a
    /// linkage or a town cites was found by the reader in the set of the
    /// ids of `sources` (an unknown one is its row's error: each source
    /// column of every table is checked as it is read), so the citations
    /// of graphs and towns are not looked up again (6 M lookups on a large
    /// atlas with graphs, 10 M for a million towns). Debug builds check
    /// that they all resolve.
    #[cfg(feature = "parquet")]
    pub(crate) fn from_tables(
        sources: Vec<Source>,
        exchange_rates: Vec<ExchangeRate>,
        archetypes: Vec<Archetype>,
        towns: Vec<Town>,
        graphs: Vec<LinkageGraph>,
    ) -> Result<Atlas, Error> {
        debug_assert!({
            let ids: HashSet<&SourceId> = sources.iter().map(Source::id).collect();
            graphs.iter().all(|g| g.source_ids().all(|s| ids.contains(s)))
                && towns.iter().all(|t| t.source_ids().all(|s| ids.contains(s)))
        });
        Atlas::assemble_checked(sources, exchange_rates, archetypes, towns, graphs, Citations::Resolved)
            .map_err(first_error)
    }

    /// Validates a document and reports every problem found.
    ///
    /// # Errors
    ///
    /// Every violation of the invariants listed on [`Atlas`], in the order
    /// given there; never an empty list.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, AtlasDocument};
    /// let doc: AtlasDocument = serde_json::from_str(r#"{"format_version": 1,
    ///   "towns": [
    ///     {"id": "a", "name": {"english": "A"}, "level": "town", "parent": "x"},
    ///     {"id": "a", "name": {"english": "A again"}, "level": "town"}
    ///   ]}"#)?;
    /// let errors = Atlas::validate_document(doc).unwrap_err();
    /// let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    /// assert_eq!(messages, [
    ///     "duplicate town id 'a'",
    ///     "town 'a', field 'parent' refers to unknown town 'x'",
    /// ]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_document(doc: AtlasDocument) -> Result<Atlas, Vec<Error>> {
        Atlas::validate_counted(doc, &crate::progress::Tally::none())
    }

    /// [`Atlas::validate_document`], reporting to `progress` the graphs
    /// built and checked, then the towns checked (one count of
    /// `graphs + towns` items; see [`Progress`](crate::Progress)).
    ///
    /// # Errors
    ///
    /// As [`Atlas::validate_document`].
    ///
    /// # Example
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU64, Ordering};
    /// use regdev::Atlas;
    /// let done = AtomicU64::new(0);
    /// let atlas = Atlas::validate_document_with_progress(Atlas::builtin().to_document(), |d, _| {
    ///     done.store(d, Ordering::Relaxed);
    /// })
    /// .map_err(|mut errors| errors.remove(0))?;
    /// assert_eq!(done.into_inner(), (atlas.towns().len() + atlas.graphs().len()) as u64);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn validate_document_with_progress(
        doc: AtlasDocument,
        mut progress: impl crate::Progress,
    ) -> Result<Atlas, Vec<Error>> {
        let tally = crate::progress::Tally::new(&mut progress, (doc.towns.len() + doc.graphs.len()) as u64);
        let result = Atlas::validate_counted(doc, &tally);
        tally.finish();
        result
    }

    fn validate_counted(doc: AtlasDocument, tally: &crate::progress::Tally<'_>) -> Result<Atlas, Vec<Error>> {
        if !(MIN_FORMAT_VERSION..=FORMAT_VERSION).contains(&doc.format_version) {
            return Err(vec![Error::UnsupportedFormatVersion { found: doc.format_version, supported: FORMAT_VERSION }]);
        }
        let mut errors = Vec::new();
        if doc.format_version >= 2 {
            for t in &doc.towns {
                if let Some(indicator) = t.key_facts().format_one_shape() {
                    errors.push(
                        Error::FormatOneShape {
                            field: format!("key_facts.{}", indicator.id()),
                            version: doc.format_version,
                        }
                        .context(format!("town '{}'", t.id())),
                    );
                }
            }
        }
        use rayon::prelude::*;
        let mut graphs = Vec::with_capacity(doc.graphs.len());
        // Graphs are independent: build them in parallel, keeping order.
        let built: Vec<_> = doc
            .graphs
            .into_par_iter()
            .map(|raw| {
                let focal = raw.focal_town.clone();
                let graph = LinkageGraph::from_raw_all(raw).map_err(|es| (focal, es));
                tally.add(1);
                graph
            })
            .collect();
        for result in built {
            match result {
                Ok(g) => graphs.push(g),
                Err((focal, es)) => {
                    errors.extend(es.into_iter().map(|e| e.context(format!("graph of town '{focal}'"))));
                }
            }
        }
        let towns = doc.towns.len() as u64;
        let assembled = Atlas::assemble(doc.sources, doc.exchange_rates, doc.archetypes, doc.towns, graphs);
        tally.add(towns);
        match assembled {
            Ok(atlas) if errors.is_empty() => Ok(atlas),
            Ok(_) => Err(errors),
            Err(more) => {
                errors.extend(more);
                Err(errors)
            }
        }
    }

    /// Loads an atlas from JSON text, with field paths and line/column in
    /// errors.
    ///
    /// # Limits
    ///
    /// Checked by `tests/hostile.rs`; nothing here panics or overflows the
    /// stack:
    /// - **Nesting**: the typed schema rejects the first array or object it
    ///   does not expect (`invalid type: sequence, expected u32`), and
    ///   serde_json's recursion limit of 128 levels backs that up: 100 000
    ///   nested arrays fail at once.
    /// - **Numbers**: a number literal may be any length; one too large for
    ///   its field (`format_version` is a `u32`; a million-digit integer
    ///   overflows `f64`) is `number out of range`, never infinity. JSON has
    ///   no NaN or infinities.
    /// - **Strings and document size**: no limit beyond memory. Loading
    ///   needs a few times the input's size (a 100 MB name loads; 10⁶ towns,
    ///   87 MiB of JSON, load in about 5 s with a peak of about 0.9 GiB in a
    ///   release build). Messages quote a rejected value in full, so a
    ///   100 MB invalid id gives a 100 MB message.
    /// - **Validation** is linear in the number of records, parent chains
    ///   included.
    ///
    /// Callers that read untrusted input should cap its size before calling.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] with `format: "JSON"`, the field path and the line
    /// and column for malformed JSON, wrong types, missing or unknown fields
    /// and invalid values; otherwise the first validation error, as
    /// [`Atlas::from_document`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, Error};
    /// let err = Atlas::from_json_str("{\"format_version\": 1,\n \"towns\": [{\"id\": \"Bad Id\"}]}").unwrap_err();
    /// assert!(matches!(err, Error::Parse { line: Some(2), .. }));
    /// assert!(err.to_string().starts_with("JSON error at towns[0].id (line 2, column"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn from_json_str(json: &str) -> Result<Atlas, Error> {
        Atlas::from_document(Atlas::document_from_json(json.as_bytes())?)
    }

    /// Loads an atlas from JSON bytes; see [`Atlas::from_json_str`].
    ///
    /// # Errors
    ///
    /// As [`Atlas::from_json_str`]; invalid UTF-8 is an [`Error::Parse`].
    ///
    /// # Example
    ///
    /// ```
    /// let atlas = regdev::Atlas::from_json_slice(br#"{"format_version": 1}"#)?;
    /// assert!(atlas.is_empty());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn from_json_slice(json: &[u8]) -> Result<Atlas, Error> {
        Atlas::from_document(Atlas::document_from_json(json)?)
    }

    /// Parses JSON bytes into an [`AtlasDocument`] without validating it,
    /// so that [`Atlas::validate_document`] can report every problem.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] as described under [`Atlas::from_json_str`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Atlas;
    /// let doc = Atlas::document_from_json(br#"{"format_version": 1}"#)?;
    /// assert!(Atlas::validate_document(doc).is_ok());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn document_from_json(json: &[u8]) -> Result<AtlasDocument, Error> {
        // Fast path: plain serde_json. Only a document that fails is parsed
        // again with path tracking, which costs on every field, to name
        // the field; the error is the same as tracking all along.
        // Ids are shared per distinct text while parsing.
        let _interning = crate::id::interning();
        let mut de = serde_json::Deserializer::from_slice(json);
        if let Ok(doc) = AtlasDocument::deserialize(&mut de) {
            if de.end().is_ok() {
                return Ok(doc);
            }
        }
        let mut de = serde_json::Deserializer::from_slice(json);
        let doc: AtlasDocument = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            json_error(&inner, Some(path))
        })?;
        de.end().map_err(|e| json_error(&e, None))?;
        Ok(doc)
    }

    /// As [`Atlas::document_from_json`], reporting to `progress` how many
    /// bytes of `json` the parser has read, out of `json.len()` (for a
    /// progress bar with throughput: a large document is read for
    /// seconds). The count moves once per town and per linkage graph read
    /// (it is where the record's last id lay, so it trails the parser by
    /// less than one record) and keeps the promises of [`Progress`](crate::Progress)
    /// (it ends at `json.len()` on success). Calls come on this thread.
    ///
    /// # Errors
    ///
    /// As [`Atlas::document_from_json`].
    ///
    /// # Example
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use regdev::Atlas;
    /// let json = Atlas::builtin().to_json_pretty()?;
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let record = seen.clone();
    /// let doc = Atlas::document_from_json_with_progress(json.as_bytes(), move |read, total| {
    ///     record.lock().map(|mut s| s.push((read, total))).ok();
    /// })?;
    /// let atlas = Atlas::from_document(doc)?;
    /// assert_eq!(&atlas, Atlas::builtin());
    /// let seen = seen.lock().map_err(|_| "poisoned")?;
    /// let total = json.len() as u64;
    /// assert_eq!(seen.first(), Some(&(0, total)));
    /// assert_eq!(seen.last(), Some(&(total, total)));
    /// assert!(seen.len() > 2, "counts between the first and the last");
    /// assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn document_from_json_with_progress(
        json: &[u8],
        progress: impl crate::Progress + 'static,
    ) -> Result<AtlasDocument, Error> {
        use std::{cell::RefCell, rc::Rc};
        /// Puts back the hook there was before, even on a panic.
        struct Restore(Option<Box<dyn FnMut()>>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let previous = self.0.take();
                ON_RECORD.with(|hook| {
                    if let Ok(mut hook) = hook.try_borrow_mut() {
                        *hook = previous;
                    }
                });
            }
        }
        /// Bytes read so far, reported each time they cross one more
        /// `1 / MAX_UPDATES` of the total.
        struct Bytes<P> {
            progress: P,
            total: u64,
            step: u64,
            last: u64,
        }
        let total = json.len() as u64;
        let start = json.as_ptr().addr();
        let mut progress = progress;
        progress.update(0, total);
        let step = total.div_ceil(crate::MAX_UPDATES as u64).max(1);
        let state = Rc::new(RefCell::new(Bytes { progress, total, step, last: 0 }));
        let hook_state = Rc::clone(&state);
        let hook = move || {
            // Where the record's last id lay in `json`; an address outside
            // it (an id with escapes, parsed into a scratch buffer) says
            // nothing.
            let at = crate::id::last_id_address().wrapping_sub(start) as u64;
            if let Ok(mut s) = hook_state.try_borrow_mut() {
                let total = s.total;
                if at < total && at / s.step > s.last / s.step {
                    s.last = at;
                    s.progress.update(at, total);
                }
            }
        };
        let previous =
            ON_RECORD.with(|hook_slot| hook_slot.try_borrow_mut().ok().and_then(|mut h| h.replace(Box::new(hook))));
        let restore = Restore(previous);
        let doc = {
            let _interning = crate::id::interning();
            crate::id::forget_last_id_address();
            Atlas::document_from_json(json)?
        };
        drop(restore);
        if let Ok(mut s) = state.try_borrow_mut() {
            if s.last < s.total {
                s.last = s.total;
                let total = s.total;
                s.progress.update(total, total);
            }
        }
        Ok(doc)
    }

    /// Serializes the atlas as pretty-printed JSON, which
    /// [`Atlas::from_json_str`] reads back to an equal atlas.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] if serde_json fails, which valid atlases never make
    /// it do (kept for API stability).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Atlas;
    /// let json = Atlas::builtin().to_json_pretty()?;
    /// assert_eq!(&Atlas::from_json_str(&json)?, Atlas::builtin());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn to_json_pretty(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(self).map_err(|e| json_error(&e, None))
    }

    /// Loads an atlas from TOML text, keeping the typed error: malformed
    /// TOML, wrong types and invalid values are an [`Error::Parse`] with
    /// `format: "TOML"`, the field path and the line and column; validation
    /// errors are the typed variants of [`Atlas::from_document`].
    ///
    /// (`toml::from_str::<Atlas>` also validates, but the toml crate turns
    /// every error into its own text.)
    ///
    /// # Errors
    ///
    /// As described above.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, Error};
    /// let toml = Atlas::builtin().to_toml_string()?;
    /// assert_eq!(&Atlas::from_toml_str(&toml)?, Atlas::builtin());
    /// let err = Atlas::from_toml_str("format_version = 2\n[[towns]]\nid = 'a'\nname = { english = 'A' }\nlevel = 'town'\nparent = 'x'\n").unwrap_err();
    /// assert!(matches!(err, Error::UnknownReference { .. }));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[cfg(feature = "toml")]
    pub fn from_toml_str(toml: &str) -> Result<Atlas, Error> {
        Atlas::from_document(Atlas::document_from_toml(toml)?)
    }

    /// Parses TOML text into an [`AtlasDocument`] without validating it,
    /// so that [`Atlas::validate_document`] can report every problem.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] as described under [`Atlas::from_toml_str`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, Error};
    /// let err = Atlas::document_from_toml("format_version = 2\n[[towns]]\nid = 'Bad Id'\n").unwrap_err();
    /// assert!(matches!(err, Error::Parse { format: "TOML", line: Some(3), .. }));
    /// assert!(err.to_string().starts_with("TOML error at towns[0].id (line 3, column"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[cfg(feature = "toml")]
    pub fn document_from_toml(toml: &str) -> Result<AtlasDocument, Error> {
        let de = toml::Deserializer::new(toml);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let (line, column) = match inner.span() {
                Some(span) => {
                    let before = toml.get(..span.start).unwrap_or(toml);
                    let line = before.matches('\n').count() + 1;
                    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    (Some(line), Some(column))
                }
                None => (None, None),
            };
            let path = clean_path(Some(path));
            Error::Parse { format: "TOML", path, line, column, message: inner.message().trim_end().to_owned() }
        })
    }

    /// Serializes the atlas as TOML, which [`Atlas::from_toml_str`] reads
    /// back to an equal atlas.
    ///
    /// TOML integers are signed 64-bit: a population above `i64::MAX`
    /// cannot be written.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] with `format: "TOML"` if the toml crate fails (see
    /// above).
    ///
    /// # Example
    ///
    /// ```
    /// let toml = regdev::Atlas::builtin().to_toml_string()?;
    /// assert!(toml.starts_with("format_version = 2"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[cfg(feature = "toml")]
    pub fn to_toml_string(&self) -> Result<String, Error> {
        toml::to_string(self).map_err(|e| Error::Parse {
            format: "TOML",
            path: None,
            line: None,
            column: None,
            message: e.to_string(),
        })
    }

    /// Converts the atlas back to a document (a copy).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Atlas;
    /// let doc = Atlas::builtin().to_document();
    /// assert_eq!(&Atlas::from_document(doc)?, Atlas::builtin());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn to_document(&self) -> AtlasDocument {
        AtlasDocument {
            format_version: FORMAT_VERSION,
            sources: self.sources.clone(),
            exchange_rates: self.exchange_rates.clone(),
            archetypes: self.archetypes.clone(),
            towns: self.towns.clone(),
            graphs: self.graphs.iter().map(LinkageGraph::to_raw).collect(),
        }
    }

    /// Checks cross-record invariants 2–4 and builds the indexes.
    fn assemble(
        sources: Vec<Source>,
        exchange_rates: Vec<ExchangeRate>,
        archetypes: Vec<Archetype>,
        towns: Vec<Town>,
        graphs: Vec<LinkageGraph>,
    ) -> Result<Atlas, Vec<Error>> {
        Atlas::assemble_checked(sources, exchange_rates, archetypes, towns, graphs, Citations::Check)
    }

    /// [`Atlas::assemble`], the citations of towns and graphs looked up or not.
    fn assemble_checked(
        sources: Vec<Source>,
        exchange_rates: Vec<ExchangeRate>,
        archetypes: Vec<Archetype>,
        towns: Vec<Town>,
        graphs: Vec<LinkageGraph>,
        citations: Citations,
    ) -> Result<Atlas, Vec<Error>> {
        let mut errors = Vec::new();

        // Uniqueness.
        let mut source_index = Index::with_capacity_and_hasher(sources.len(), Default::default());
        for (i, s) in sources.iter().enumerate() {
            if source_index.insert(s.id().clone(), i).is_some() {
                errors.push(Error::DuplicateId { kind: IdKind::Source, id: s.id().to_string() });
            }
        }
        let mut archetype_index = Index::with_capacity_and_hasher(archetypes.len(), Default::default());
        for (i, a) in archetypes.iter().enumerate() {
            if archetype_index.insert(a.id().to_string(), i).is_some() {
                errors.push(Error::DuplicateId { kind: IdKind::Archetype, id: a.id().to_string() });
            }
        }
        let mut town_index = Index::with_capacity_and_hasher(towns.len(), Default::default());
        for (i, t) in towns.iter().enumerate() {
            // References resolve to the first record with an id; only the
            // later ones are reported.
            match town_index.entry(t.id().clone()) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(i);
                }
                std::collections::hash_map::Entry::Occupied(_) => {
                    errors.push(Error::DuplicateId { kind: IdKind::Town, id: t.id().to_string() });
                }
            }
        }
        let mut graph_index = Index::with_capacity_and_hasher(graphs.len(), Default::default());
        for (i, g) in graphs.iter().enumerate() {
            if graph_index.insert(g.focal_town().clone(), i).is_some() {
                errors.push(Error::DuplicateGraph { town: g.focal_town().to_string() });
            }
        }
        let mut rate_keys = HashSet::new();
        for r in &exchange_rates {
            let (a, b) = if r.from() <= r.to() { (r.from(), r.to()) } else { (r.to(), r.from()) };
            if !rate_keys.insert((r.year(), a, b)) {
                errors.push(Error::DuplicateExchangeRate { from: a, to: b, year: r.year() });
            }
        }

        // References.
        let mut cite = |referrer: String, id: &SourceId| {
            if !source_index.contains_key(id) {
                errors.push(Error::UnknownReference { kind: IdKind::Source, id: id.to_string(), referrer });
            }
        };
        for r in &exchange_rates {
            cite(format!("exchange rate {} {}/{}", r.year(), r.from().code(), r.to().code()), r.source());
        }
        for a in &archetypes {
            let compact = a.profile_claims().is_compact();
            for (d, i, s) in a.profile_claims().source_refs() {
                let field = if compact {
                    format!("profile_sources.{}", d.id())
                } else {
                    format!("profile_claims.{}[{i}]", d.id())
                };
                cite(format!("archetype '{}', field '{field}'", a.id()), s);
            }
        }
        // Name the citing field only for the records with a dangling
        // citation: formatting millions of field paths would cost more than
        // the check.
        let check = citations == Citations::Check;
        for t in towns.iter().filter(|t| check && t.source_ids().any(|s| !source_index.contains_key(s))) {
            for (field, s) in t.cited_sources() {
                cite(format!("town '{}', field '{field}'", t.id()), s);
            }
        }
        for g in graphs.iter().filter(|g| check && g.source_ids().any(|s| !source_index.contains_key(s))) {
            for (what, s) in g.cited_sources() {
                cite(format!("graph of town '{}', {what}", g.focal_town()), s);
            }
        }
        let mut children = vec![Vec::new(); towns.len()];
        // Reported after cycles: every cycle also breaks the tier rule, and
        // the cycle is the error to act on.
        let mut tier_errors = Vec::new();
        for (i, t) in towns.iter().enumerate() {
            let Some(parent) = t.parent() else { continue };
            match town_index.get(parent) {
                None => errors.push(Error::UnknownReference {
                    kind: IdKind::Town,
                    id: parent.to_string(),
                    referrer: format!("town '{}', field 'parent'", t.id()),
                }),
                Some(&p) => {
                    if let (Some(slot), Some(pt)) = (children.get_mut(p), towns.get(p)) {
                        slot.push(i);
                        if t.level().tier() <= pt.level().tier() {
                            tier_errors.push(Error::ParentTier {
                                town: t.id().to_string(),
                                level: t.level(),
                                parent: pt.id().to_string(),
                                parent_level: pt.level(),
                            });
                        }
                    }
                }
            }
        }
        for g in &graphs {
            if !town_index.contains_key(g.focal_town()) {
                errors.push(Error::UnknownReference {
                    kind: IdKind::Town,
                    id: g.focal_town().to_string(),
                    referrer: "linkage graph, field 'focal_town'".to_owned(),
                });
            }
        }

        // Cycles: walk each town's parent chain once, colouring towns as
        // on the current walk or finished, so the whole check is linear in
        // the number of towns however long the chains are.
        const UNSEEN: usize = usize::MAX;
        const DONE: usize = usize::MAX - 1;
        // For each town: UNSEEN, DONE, or its position on the current walk.
        let mut state = vec![UNSEEN; towns.len()];
        let mut walk: Vec<usize> = Vec::new();
        for start in 0..towns.len() {
            walk.clear();
            let mut cur = start;
            loop {
                match state.get(cur).copied() {
                    Some(UNSEEN) => {}
                    Some(DONE) | None => break,
                    Some(pos) => {
                        let mut names: Vec<String> = walk
                            .get(pos..)
                            .unwrap_or_default()
                            .iter()
                            .filter_map(|&c| towns.get(c))
                            .map(|t| t.id().to_string())
                            .collect();
                        if let Some(first) = names.first().cloned() {
                            names.push(first);
                        }
                        errors.push(Error::ParentCycle { cycle: names });
                        break;
                    }
                }
                if let Some(slot) = state.get_mut(cur) {
                    *slot = walk.len();
                }
                walk.push(cur);
                match towns.get(cur).and_then(Town::parent).and_then(|p| town_index.get(p)) {
                    Some(&next) => cur = next,
                    None => break,
                }
            }
            for &w in &walk {
                if let Some(slot) = state.get_mut(w) {
                    *slot = DONE;
                }
            }
        }
        errors.extend(tier_errors);

        if errors.is_empty() {
            let columns = Columns::of(&towns);
            Ok(Atlas {
                sources,
                exchange_rates,
                archetypes,
                towns,
                graphs,
                source_index,
                archetype_index,
                town_index,
                graph_index,
                children,
                columns,
            })
        } else {
            Err(errors)
        }
    }

    /// The town at a position of [`Atlas::towns`] order.
    pub(crate) fn town_at(&self, i: usize) -> Option<&Town> {
        self.towns.get(i)
    }

    /// The query columns, in town order.
    pub(crate) fn columns(&self) -> &Columns {
        &self.columns
    }

    /// Whether the atlas holds no towns, archetypes, graphs or sources.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!regdev::Atlas::builtin().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.towns.is_empty() && self.archetypes.is_empty() && self.graphs.is_empty() && self.sources.is_empty()
    }

    /// The towns, in insertion order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Atlas::builtin().towns().next().map(|t| t.id().as_str()), Some("suzhou"));
    /// ```
    pub fn towns(&self) -> impl ExactSizeIterator<Item = &Town> + '_ {
        self.towns.iter()
    }

    /// The town with `id`.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Atlas::builtin().town("lecong").is_some());
    /// ```
    #[must_use]
    pub fn town(&self, id: &str) -> Option<&Town> {
        self.town_index.get(id).and_then(|&i| self.towns.get(i))
    }

    /// The position of a town in [`Atlas::towns`] order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Atlas::builtin().town_position("suzhou"), Some(0));
    /// ```
    #[must_use]
    pub fn town_position(&self, id: &str) -> Option<usize> {
        self.town_index.get(id).copied()
    }

    /// Towns whose English name matches `name` case-insensitively or whose
    /// Chinese name matches exactly (see [`Name::matches`](crate::Name::matches)).
    /// Names are not unique, hence an iterator.
    ///
    /// # Example
    ///
    /// ```
    /// let atlas = regdev::Atlas::builtin();
    /// assert_eq!(atlas.towns_named("KUNSHAN").count(), 1);
    /// assert_eq!(atlas.towns_named("乐从镇").next().map(|t| t.id().as_str()), Some("lecong"));
    /// ```
    pub fn towns_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Town> + 'a {
        self.towns.iter().filter(move |t| t.name().matches(name))
    }

    /// The direct children of a town, in insertion order; empty for an
    /// unknown id.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Atlas::builtin().children("shunde").count(), 10);
    /// ```
    pub fn children<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Town> + 'a {
        let idx = self.town_index.get(id).and_then(|&i| self.children.get(i));
        idx.into_iter().flatten().filter_map(|&c| self.towns.get(c))
    }

    /// The parent of a town, if it has one in the atlas.
    ///
    /// # Example
    ///
    /// ```
    /// let atlas = regdev::Atlas::builtin();
    /// assert_eq!(atlas.parent("kunshan").map(|t| t.id().as_str()), Some("suzhou"));
    /// ```
    #[must_use]
    pub fn parent(&self, id: &str) -> Option<&Town> {
        self.town(id).and_then(Town::parent).and_then(|p| self.town(p.as_str()))
    }

    /// The archetypes, in insertion order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Atlas::builtin().archetypes().count(), 3);
    /// ```
    pub fn archetypes(&self) -> impl ExactSizeIterator<Item = &Archetype> + '_ {
        self.archetypes.iter()
    }

    /// The archetype with `id`.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Atlas::builtin().archetype("wenzhou").is_some());
    /// ```
    #[must_use]
    pub fn archetype(&self, id: &str) -> Option<&Archetype> {
        self.archetype_index.get(id).and_then(|&i| self.archetypes.get(i))
    }

    /// The linkage graphs, in insertion order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Atlas::builtin().graphs().count(), 3);
    /// ```
    pub fn graphs(&self) -> impl ExactSizeIterator<Item = &LinkageGraph> + '_ {
        self.graphs.iter()
    }

    /// The linkage graph whose focal town is `town`.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Atlas::builtin().graph("kunshan").is_some());
    /// assert!(regdev::Atlas::builtin().graph("lecong").is_none());
    /// ```
    #[must_use]
    pub fn graph(&self, town: &str) -> Option<&LinkageGraph> {
        self.graph_index.get(town).and_then(|&i| self.graphs.get(i))
    }

    /// The sources, in insertion order.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::Atlas::builtin().sources().any(|s| s.id().as_str() == "qiao-talk"));
    /// ```
    pub fn sources(&self) -> impl ExactSizeIterator<Item = &Source> + '_ {
        self.sources.iter()
    }

    /// The source with `id`.
    ///
    /// # Example
    ///
    /// ```
    /// let talk = regdev::Atlas::builtin().source("qiao-talk").ok_or("missing")?;
    /// assert_eq!(talk.authors(), ["Miao Qiao"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).and_then(|&i| self.sources.get(i))
    }

    /// The exchange rates, in insertion order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::Atlas::builtin().exchange_rates().count(), 1);
    /// ```
    pub fn exchange_rates(&self) -> impl ExactSizeIterator<Item = &ExchangeRate> + '_ {
        self.exchange_rates.iter()
    }

    /// The exchange rate between two currencies in `year`, in either
    /// direction.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Year};
    /// let r = regdev::Atlas::builtin().exchange_rate(Year::new(2013)?, Currency::Cny, Currency::Usd);
    /// assert_eq!(r.map(|r| r.rate()), Some(6.1932));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn exchange_rate(&self, year: Year, a: Currency, b: Currency) -> Option<&ExchangeRate> {
        self.exchange_rates.iter().find(|r| r.year() == year && r.converts(a, b))
    }

    /// Converts `money`, an amount of `year`, into `to` with the atlas's
    /// rate for that year. Same currency: returned unchanged.
    ///
    /// # Errors
    ///
    /// [`Error::NoExchangeRate`] when the atlas has no rate between the two
    /// currencies for `year`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Currency, Money, Year};
    /// let atlas = regdev::Atlas::builtin();
    /// let usd = atlas.convert(Money::new(6.1932, Currency::Cny)?, Year::new(2013)?, Currency::Usd)?;
    /// assert!((usd.amount() - 1.0).abs() < 1e-12);
    /// assert!(atlas.convert(Money::new(1.0, Currency::Cny)?, Year::new(1999)?, Currency::Usd).is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn convert(&self, money: Money, year: Year, to: Currency) -> Result<Money, Error> {
        if money.currency() == to {
            return Ok(money);
        }
        let rate = self.exchange_rate(year, money.currency(), to).ok_or(Error::NoExchangeRate {
            from: money.currency(),
            to,
            year,
        })?;
        money.convert(rate)
    }

    /// Converts a sourced money figure into `to`, with the atlas's rate for
    /// the figure's own year. Same currency: returned unchanged, year or
    /// not.
    ///
    /// # Errors
    ///
    /// [`Error::UndatedConversion`] when the figure has no year (no rate can be
    /// chosen) or the atlas has no rate for it.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Currency;
    /// let atlas = regdev::Atlas::builtin();
    /// let shunde_gdp = atlas.town("shunde").and_then(|t| t.key_facts().gdp()).ok_or("?")?;
    /// assert_eq!(atlas.convert_observed(&shunde_gdp, Currency::Usd)?.amount().round(), 41_012_723_632.0);
    /// let kunshan_gdp = atlas.town("kunshan").and_then(|t| t.key_facts().gdp()).ok_or("?")?;
    /// assert!(atlas.convert_observed(&kunshan_gdp, Currency::Usd).is_err()); // no year
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn convert_observed(&self, figure: &crate::Observed<Money>, to: Currency) -> Result<Money, Error> {
        let money = *figure.value();
        if money.currency() == to {
            return Ok(money);
        }
        let year = figure.year().ok_or(Error::UndatedConversion { amount: money, to })?;
        self.convert(money, year, to)
    }
}

fn first_error(errors: Vec<Error>) -> Error {
    errors.into_iter().next().unwrap_or(Error::Internal { what: "atlas validation failed without naming the problem" })
}

#[cfg(feature = "json")]
fn json_error(e: &serde_json::Error, path: Option<String>) -> Error {
    let (line, column) = if e.line() == 0 { (None, None) } else { (Some(e.line()), Some(e.column())) };
    // serde_json appends " at line L column C"; the locator is kept in the
    // typed fields instead.
    let mut message = e.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    Error::Parse { format: "JSON", path: clean_path(path), line, column, message }
}

/// serde_path_to_error writes "?" for a position it cannot name (after a
/// trailing comma, or where truncated input ends): keep the part of the
/// path it could name (`towns[0]`, not `towns[0].?`), or none.
#[cfg(any(feature = "json", feature = "toml"))]
fn clean_path(path: Option<String>) -> Option<String> {
    path.map(|p| {
        let mut p = p.as_str();
        while let Some(rest) = p.strip_suffix('?') {
            p = rest.strip_suffix('.').unwrap_or(rest);
        }
        p.to_owned()
    })
    .filter(|p| !p.is_empty() && p != ".")
}

impl Serialize for Atlas {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        AtlasDocumentRef {
            format_version: FORMAT_VERSION,
            sources: &self.sources,
            exchange_rates: &self.exchange_rates,
            archetypes: &self.archetypes,
            towns: &self.towns,
            graphs: &self.graphs,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Atlas {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let doc = AtlasDocument::deserialize(deserializer)?;
        Atlas::validate_document(doc).map_err(|errors| {
            let msgs: Vec<String> = errors.iter().map(ToString::to_string).collect();
            serde::de::Error::custom(msgs.join("; "))
        })
    }
}

/// Builds an [`Atlas`]; see [`Atlas::builder`]. Records may be added in any
/// order; [`AtlasBuilder::build`] validates once.
///
/// # Example
///
/// ```
/// use regdev::{Atlas, RegionalModel, Source, SourceId, SourceKind};
/// let atlas = Atlas::builder()
///     .source(Source::new(SourceId::new("qiao-talk")?, SourceKind::Talk, "From Made in China to Innovated in China")?)
///     .source(Source::new(SourceId::new("yuan-wei-chen-2014")?, SourceKind::Article, "Remaking the Sunan Model")?)
///     .archetype(RegionalModel::Sunan.archetype())
///     .build()?;
/// assert_eq!(atlas.archetypes().count(), 1);
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until build() is called"]
pub struct AtlasBuilder {
    sources: Vec<Source>,
    exchange_rates: Vec<ExchangeRate>,
    archetypes: Vec<Archetype>,
    towns: Vec<Town>,
    graphs: Vec<LinkageGraph>,
}

impl AtlasBuilder {
    /// Adds a source.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, Source, SourceId, SourceKind};
    /// let a = Atlas::builder().source(Source::new(SourceId::new("s")?, SourceKind::Book, "T")?).build()?;
    /// assert_eq!(a.sources().count(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn source(mut self, source: Source) -> AtlasBuilder {
        self.sources.push(source);
        self
    }

    /// Adds an exchange rate.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, Currency, ExchangeRate, Source, SourceId, SourceKind, Year};
    /// let s = SourceId::new("s")?;
    /// let a = Atlas::builder()
    ///     .source(Source::new(s.clone(), SourceKind::Dataset, "Rates")?)
    ///     .exchange_rate(ExchangeRate::new(Year::new(2013)?, Currency::Usd, Currency::Cny, 6.1932, s)?)
    ///     .build()?;
    /// assert_eq!(a.exchange_rates().count(), 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn exchange_rate(mut self, rate: ExchangeRate) -> AtlasBuilder {
        self.exchange_rates.push(rate);
        self
    }

    /// Adds an archetype.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Archetype, ArchetypeId, Atlas};
    /// let a = Atlas::builder().archetype(Archetype::builder(ArchetypeId::new("x")?, "X").build()?).build()?;
    /// assert!(a.archetype("x").is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn archetype(mut self, archetype: Archetype) -> AtlasBuilder {
        self.archetypes.push(archetype);
        self
    }

    /// Adds a town.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Atlas, Name, Town, TownId};
    /// let a = Atlas::builder().town(Town::builder(TownId::new("t")?, Name::new("T")?, AdminLevel::Town).build()?).build()?;
    /// assert!(a.town("t").is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn town(mut self, town: Town) -> AtlasBuilder {
        self.towns.push(town);
        self
    }

    /// Adds a linkage graph.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Atlas, LinkageGraph, Name, Town, TownId};
    /// let t = TownId::new("t")?;
    /// let a = Atlas::builder()
    ///     .town(Town::builder(t.clone(), Name::new("T")?, AdminLevel::Town).build()?)
    ///     .graph(LinkageGraph::builder(t).build()?)
    ///     .build()?;
    /// assert!(a.graph("t").is_some());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn graph(mut self, graph: LinkageGraph) -> AtlasBuilder {
        self.graphs.push(graph);
        self
    }

    /// Validates and returns the atlas, stopping at the first problem.
    ///
    /// # Errors
    ///
    /// The first violation of the invariants listed on [`Atlas`].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Atlas, Name, Town, TownId};
    /// let t = Town::builder(TownId::new("t")?, Name::new("T")?, AdminLevel::Town).build()?;
    /// let err = Atlas::builder().town(t.clone()).town(t).build().unwrap_err();
    /// assert_eq!(err.to_string(), "duplicate town id 't'");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn build(self) -> Result<Atlas, Error> {
        self.build_all().map_err(first_error)
    }

    /// Validates and returns the atlas, or every problem found.
    ///
    /// # Errors
    ///
    /// Every violation of the invariants listed on [`Atlas`]; never an
    /// empty list.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, LinkageGraph, TownId};
    /// let errors = Atlas::builder()
    ///     .graph(LinkageGraph::builder(TownId::new("ghost")?).build()?)
    ///     .build_all()
    ///     .unwrap_err();
    /// assert_eq!(errors[0].to_string(), "linkage graph, field 'focal_town' refers to unknown town 'ghost'");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn build_all(self) -> Result<Atlas, Vec<Error>> {
        Atlas::assemble(self.sources, self.exchange_rates, self.archetypes, self.towns, self.graphs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cheap_source_walks_match_the_named_ones() {
        let atlas = Atlas::builtin();
        for t in atlas.towns() {
            let cheap: Vec<&SourceId> = t.source_ids().collect();
            let named: Vec<&SourceId> = t.cited_sources().map(|(_, s)| s).collect();
            assert_eq!(cheap, named, "town {}", t.id());
        }
        for g in atlas.graphs() {
            let cheap: Vec<&SourceId> = g.source_ids().collect();
            let named: Vec<&SourceId> = g.cited_sources().map(|(_, s)| s).collect();
            assert_eq!(cheap, named, "graph {}", g.focal_town());
        }
    }
}

/// Whether [`Atlas::assemble_checked`] looks up the sources the towns
/// and graphs cite (archetypes and exchange rates are always checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Citations {
    /// Look each one up (every path but the Parquet reader's).
    Check,
    /// Already resolved against the atlas's sources by the reader that
    /// built the towns and graphs ([`Atlas::from_tables`]).
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    Resolved,
}
