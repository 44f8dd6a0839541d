#![doc = include_str!("../../docs/tables.md")]
//!
//! A public module, a namespace behind a feature: its functions read
//! qualified (`tables::write_dir`, `tables::read_dir`).

mod arrowio;
mod graphs;
mod node;
pub(crate) mod spec;
mod stream;
mod towns;

use std::cell::{Cell, RefCell};
use std::path::Path;
use std::rc::Rc;

/// The reader's lookup tables: foldhash, not SipHash (a lookup per row).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

use arrow::array::RecordBatch;
use serde::Deserialize;
use serde_json::{Map, Value};

use self::arrowio::{Cols, TableBuilder, TableView, str_at, unflatten};
use self::node::Node;
use self::spec::Spec;

use crate::{Archetype, Atlas, Error, ExchangeRate, Indicator, LinkageGraph, Source, SourceId, Town, TownId, Year};

/// How the names of the threads that open and decode a table's file begin
/// (the table's name follows): a panic on one of them (the `parquet` crate
/// panics on some corrupt files) is reported by [`read_dir`] as that
/// table's [`Error::Table`], so a program's panic hook may pass over it.
///
/// # Example
///
/// ```
/// std::panic::set_hook(Box::new(|info| {
///     let reader = std::thread::current().name().is_some_and(|n| n.starts_with(regdev::tables::READER_THREAD_PREFIX));
///     if !reader {
///         eprintln!("bug: {info}");
///     }
/// }));
/// assert_eq!(regdev::tables::READER_THREAD_PREFIX, "regdev-read-");
/// ```
pub const READER_THREAD_PREFIX: &str = "regdev-read-";

/// The tables of an export, in the order they are written and documented.
///
/// # Example
///
/// ```
/// assert_eq!(regdev::tables::TABLES[0], "sources");
/// assert!(regdev::tables::TABLES.contains(&"linkages"));
/// ```
pub const TABLES: [&str; 15] = [
    "sources",
    "exchange_rates",
    "archetypes",
    "towns",
    "observations",
    "profile_claims",
    "model_claims",
    "specialisations",
    "zones",
    "advantages",
    "stages",
    "notes",
    "graphs",
    "actors",
    "linkages",
];

fn table_err(table: &str, row: Option<usize>, column: Option<&str>, message: impl Into<String>) -> Error {
    Error::Table { table: table.to_owned(), row, column: column.map(str::to_owned), message: message.into() }
}

fn to_object(spec: &Spec, v: Result<Value, serde_json::Error>) -> Result<Map<String, Value>, Error> {
    match v {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(table_err(spec.name, None, None, "record is not a JSON object (a bug in regdev)")),
        Err(e) => Err(table_err(spec.name, None, None, e.to_string())),
    }
}

/// The export's builders, one per table.
struct Builders {
    t: Vec<TableBuilder>,
}

impl Builders {
    fn get(&mut self, spec: &Spec) -> Result<&mut TableBuilder, Error> {
        self.t
            .iter_mut()
            .find(|b| b.spec.name == spec.name)
            .ok_or_else(|| table_err(spec.name, None, None, "unknown table (a bug in regdev)"))
    }

    /// Profile rows of a town or an archetype: its `profile_claims`, or
    /// the compact `profile` + `profile_sources` (undated claims of normal
    /// rank) when that is how it serializes.
    fn profile(
        &mut self,
        town: Option<&str>,
        archetype: Option<&str>,
        obj: &mut Map<String, Value>,
    ) -> Result<(), Error> {
        let profile = obj.remove("profile");
        let mut sources = match obj.remove("profile_sources") {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        };
        let claims = obj.remove("profile_claims");
        let b = self.get(&spec::PROFILE_CLAIMS)?;
        let one = |claim: &mut Map<String, Value>| {
            match claim.remove("value") {
                Some(v @ Value::Array(_)) => claim.insert("value_list".to_owned(), v),
                Some(other) => claim.insert("value_one".to_owned(), other),
                None => None,
            };
            claim.entry("rank").or_insert_with(|| Value::String(crate::Rank::default().id().to_owned()));
        };
        if let Some(Value::Object(p)) = profile {
            for (dim, v) in p {
                let mut claim = Map::new();
                claim.insert("value".to_owned(), v);
                if let Some(s) = sources.remove(&dim) {
                    claim.insert("source".to_owned(), s);
                }
                one(&mut claim);
                b.push(&[town, archetype, Some(&dim)], claim)?;
            }
        }
        if let Some(dim) = sources.keys().next() {
            return Err(table_err(
                "profile_claims",
                None,
                Some("source"),
                format!("source for unset dimension '{dim}'"),
            ));
        }
        if let Some(Value::Object(c)) = claims {
            for (dim, list) in c {
                let Value::Array(list) = list else { continue };
                for claim in list {
                    let Value::Object(mut claim) = claim else { continue };
                    one(&mut claim);
                    b.push(&[town, archetype, Some(&dim)], claim)?;
                }
            }
        }
        Ok(())
    }

    /// The `model_claims` rows of a town whose label is an array of claims;
    /// `towns.model` (and `model_source`) then hold the label they resolve
    /// to, if any. A label of one undated claim stays in `towns`.
    fn model(&mut self, town: &Town, obj: &mut Map<String, Value>) -> Result<(), Error> {
        if !matches!(obj.get("model"), Some(Value::Array(_))) {
            return Ok(());
        }
        let Some(Value::Array(list)) = obj.remove("model") else { return Ok(()) };
        let id = town.id().as_str();
        let b = self.get(&spec::MODEL_CLAIMS)?;
        for claim in list {
            let Value::Object(mut claim) = claim else {
                return Err(table_err("model_claims", None, None, "claim is not an object (a bug in regdev)"));
            };
            claim.entry("rank").or_insert_with(|| Value::String(crate::Rank::default().id().to_owned()));
            b.push(&[Some(id)], claim)?;
        }
        if let Some(m) = town.model() {
            let mut label = Map::new();
            label.insert("value".to_owned(), Value::String(m.value().id().to_owned()));
            label.insert("source".to_owned(), Value::String(m.source().as_str().to_owned()));
            obj.insert("model".to_owned(), Value::Object(label));
        }
        Ok(())
    }

    /// The rows of a list-valued field of a town, one per element.
    fn list(&mut self, spec: &Spec, town: &str, v: Option<Value>) -> Result<(), Error> {
        let Some(Value::Array(items)) = v else { return Ok(()) };
        let b = self.get(spec)?;
        for item in items {
            match item {
                Value::Object(m) => b.push(&[Some(town)], m)?,
                _ => return Err(table_err(spec.name, None, None, "element is not an object (a bug in regdev)")),
            }
        }
        Ok(())
    }
}

/// The builders of every table but the graph tables, filled from the
/// records' serialized form.
/// `towns` are the towns to put in (a chunk of the atlas's); `head` says
/// whether to put in the sources, rates and archetypes too.
fn record_builders(atlas: &Atlas, towns: &[&Town], head: bool) -> Result<Builders, Error> {
    let mut b = Builders { t: spec::ALL.iter().map(|s| TableBuilder::new(s)).collect() };
    if !head {
        return b.towns(towns).map(|()| b);
    }
    for s in atlas.sources() {
        let obj = to_object(&spec::SOURCES, serde_json::to_value(s))?;
        b.get(&spec::SOURCES)?.push(&[], obj)?;
    }
    for r in atlas.exchange_rates() {
        let obj = to_object(&spec::EXCHANGE_RATES, serde_json::to_value(r))?;
        b.get(&spec::EXCHANGE_RATES)?.push(&[], obj)?;
    }
    for a in atlas.archetypes() {
        let mut obj = to_object(&spec::ARCHETYPES, serde_json::to_value(a))?;
        b.profile(None, Some(a.id().as_str()), &mut obj)?;
        b.get(&spec::ARCHETYPES)?.push(&[], obj)?;
    }
    b.towns(towns)?;
    Ok(b)
}

impl Builders {
    /// The rows of `towns` and of their child tables.
    fn towns(&mut self, towns: &[&Town]) -> Result<(), Error> {
        let b = self;
        for t in towns {
            let id = t.id().as_str();
            let mut obj = to_object(&spec::TOWNS, serde_json::to_value(t))?;
            if let Some(Value::Object(facts)) = obj.remove("key_facts") {
                let ob = b.get(&spec::OBSERVATIONS)?;
                for (indicator, entries) in facts {
                    let unit = indicator
                        .parse::<Indicator>()
                        .map_err(|e| table_err("observations", None, Some("indicator"), e.to_string()))?
                        .unit();
                    let Value::Array(entries) = entries else { continue };
                    for e in entries {
                        let Value::Object(mut e) = e else { continue };
                        match e.remove("value") {
                            Some(Value::Object(mut money)) => {
                                if let Some(a) = money.remove("amount") {
                                    e.insert("value".to_owned(), a);
                                }
                                if let Some(c) = money.remove("currency") {
                                    e.insert("currency".to_owned(), c);
                                }
                            }
                            Some(Value::Number(n)) => {
                                if n.is_u64() && matches!(unit, crate::Unit::Persons | crate::Unit::Count) {
                                    e.insert("count".to_owned(), Value::Number(n.clone()));
                                }
                                let x = n.as_f64().map(Value::from).unwrap_or(Value::Null);
                                e.insert("value".to_owned(), x);
                            }
                            Some(other) => {
                                e.insert("value".to_owned(), other);
                            }
                            None => {}
                        }
                        e.insert("unit".to_owned(), Value::String(unit.id().to_owned()));
                        e.entry("qualifier").or_insert_with(|| Value::String("exact".to_owned()));
                        ob.push(&[Some(id), Some(&indicator)], e)?;
                    }
                }
            }
            b.profile(Some(id), None, &mut obj)?;
            b.model(t, &mut obj)?;
            b.list(&spec::SPECIALISATIONS, id, obj.remove("specialisations"))?;
            b.list(&spec::ZONES, id, obj.remove("zones"))?;
            b.list(&spec::ADVANTAGES, id, obj.remove("advantages"))?;
            b.list(&spec::STAGES, id, obj.remove("trajectory"))?;
            b.list(&spec::NOTES, id, obj.remove("notes"))?;
            b.get(&spec::TOWNS)?.push(&[], obj)?;
        }
        Ok(())
    }
}

/// Turns an atlas into one Arrow record batch per table, in the order of
/// [`TABLES`], with the columns and types documented above.
///
/// # Errors
///
/// [`Error::Table`] if a record has a field no column holds, which would
/// be a bug in this crate (the export never drops a field silently).
///
/// # Example
///
/// ```
/// let batches = regdev::tables::to_batches(regdev::Atlas::builtin())?;
/// let towns = batches.iter().find(|(name, _)| *name == "towns").ok_or("no towns")?;
/// assert_eq!(towns.1.num_rows(), regdev::Atlas::builtin().towns().count());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_batches(atlas: &Atlas) -> Result<Vec<(&'static str, RecordBatch)>, Error> {
    to_batches_with_progress(atlas, |_, _| {})
}

/// As [`to_batches`], calling `progress(records_done, records_total)` as
/// towns and graphs are turned into rows (for a progress bar), from any
/// of the threads doing the work.
///
/// # Errors
///
/// As [`to_batches`].
///
/// # Example
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// let atlas = regdev::Atlas::builtin();
/// let done = AtomicU64::new(0);
/// regdev::tables::to_batches_with_progress(atlas, |n, _| { done.fetch_max(n, Ordering::Relaxed); })?;
/// assert_eq!(done.into_inner() as usize, atlas.towns().len() + atlas.graphs().len());
/// # Ok::<(), regdev::Error>(())
/// ```
pub fn to_batches_with_progress(
    atlas: &Atlas,
    progress: impl Fn(u64, u64) + Sync,
) -> Result<Vec<(&'static str, RecordBatch)>, Error> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    let total = (atlas.towns().len() + atlas.graphs().len()) as u64;
    let done = AtomicU64::new(0);
    let report = |n: usize| progress(done.fetch_add(n as u64, Ordering::Relaxed) + n as u64, total);
    // The records, in chunks of towns, and the graphs are independent:
    // built on every core, then put together in order.
    let towns: Vec<&Town> = atlas.towns().collect();
    let chunk = towns.len().div_ceil(16).max(1024);
    let (parts, graphs) = rayon::join(
        || -> Result<Vec<Builders>, Error> {
            if towns.is_empty() {
                return Ok(vec![record_builders(atlas, &[], true)?]);
            }
            towns
                .par_chunks(chunk)
                .enumerate()
                .map(|(i, ts)| {
                    let b = record_builders(atlas, ts, i == 0);
                    report(ts.len());
                    b
                })
                .collect()
        },
        || graph_batches(atlas, &report),
    );
    let (parts, mut graphs) = (parts?, graphs?.into_iter());
    // One list of builders per table, in table order.
    let mut per_table: Vec<Vec<TableBuilder>> = spec::ALL.iter().map(|_| Vec::with_capacity(parts.len())).collect();
    for part in parts {
        for (slot, t) in per_table.iter_mut().zip(part.t) {
            slot.push(t);
        }
    }
    let mut out = Vec::with_capacity(TABLES.len());
    for (s, builders) in spec::ALL.iter().zip(per_table) {
        let name = s.name;
        if [spec::GRAPHS.name, spec::ACTORS.name, spec::LINKAGES.name].contains(&name) {
            let batch = graphs.next().ok_or_else(|| table_err(name, None, None, "missing batch (a bug in regdev)"))?;
            out.push((name, batch));
        } else {
            let batches = builders.into_iter().map(TableBuilder::finish).collect::<Result<Vec<_>, Error>>()?;
            let schema = std::sync::Arc::new(s.schema());
            let batch = arrow::compute::concat_batches(&schema, &batches)
                .map_err(|e| table_err(name, None, None, e.to_string()))?;
            out.push((name, batch));
        }
    }
    Ok(out)
}

/// The `graphs`, `actors` and `linkages` tables, straight from the
/// graphs' typed fields (millions of rows: no JSON value per row).
fn graph_batches(atlas: &Atlas, report: &(impl Fn(usize) + Sync)) -> Result<[RecordBatch; 3], Error> {
    use arrow::array::{ArrayRef, Float64Builder, Int16Builder, StringBuilder};
    use std::sync::Arc;
    let actor_count: usize = atlas.graphs().map(LinkageGraph::actor_count).sum();
    let linkage_count: usize = atlas.graphs().map(LinkageGraph::linkage_count).sum();
    let strings = |n: usize, bytes_each: usize| StringBuilder::with_capacity(n, n * bytes_each);
    let mut g_town = strings(atlas.graphs().len(), 12);
    let (mut a_town, mut a_id, mut a_name, mut a_kind) =
        (strings(actor_count, 12), strings(actor_count, 12), strings(actor_count, 16), strings(actor_count, 10));
    let (mut a_place, mut a_source) = (strings(actor_count, 8), strings(actor_count, 10));
    let (mut l_town, mut l_from, mut l_to) =
        (strings(linkage_count, 12), strings(linkage_count, 12), strings(linkage_count, 12));
    let (mut l_kind, mut l_scale, mut l_valence, mut l_source) =
        (strings(linkage_count, 10), strings(linkage_count, 8), strings(linkage_count, 11), strings(linkage_count, 10));
    let (mut l_since, mut l_until, mut l_weight) = (
        Int16Builder::with_capacity(linkage_count),
        Int16Builder::with_capacity(linkage_count),
        Float64Builder::with_capacity(linkage_count),
    );
    let year = |y: Option<Year>| y.and_then(|y| i16::try_from(y.get()).ok());
    for (i, g) in atlas.graphs().enumerate() {
        if i % 1024 == 1023 {
            report(1024);
        }
        let town = g.focal_town().as_str();
        g_town.append_value(town);
        for a in g.actors() {
            a_town.append_value(town);
            a_id.append_value(a.id().as_str());
            a_name.append_value(a.name());
            a_kind.append_value(a.kind().id());
            a_place.append_option(a.place().map(|p| p.as_str()));
            a_source.append_option(a.source().map(SourceId::as_str));
        }
        for (from, to, l) in g.linkages() {
            l_town.append_value(town);
            l_from.append_value(from.as_str());
            l_to.append_value(to.as_str());
            l_kind.append_value(l.kind().id());
            l_scale.append_value(l.scale().id());
            l_valence.append_value(l.valence().id());
            l_since.append_option(year(l.since_year()));
            l_until.append_option(year(l.until_year()));
            l_weight.append_option(l.weight());
            l_source.append_value(l.source().as_str());
        }
    }
    report(atlas.graphs().len() % 1024);
    let batch = |s: &Spec, columns: Vec<ArrayRef>| {
        RecordBatch::try_new(Arc::new(s.schema()), columns).map_err(|e| table_err(s.name, None, None, e.to_string()))
    };
    Ok([
        batch(&spec::GRAPHS, vec![Arc::new(g_town.finish())])?,
        batch(
            &spec::ACTORS,
            vec![
                Arc::new(a_town.finish()),
                Arc::new(a_id.finish()),
                Arc::new(a_name.finish()),
                Arc::new(a_kind.finish()),
                Arc::new(a_place.finish()),
                Arc::new(a_source.finish()),
            ],
        )?,
        batch(
            &spec::LINKAGES,
            vec![
                Arc::new(l_town.finish()),
                Arc::new(l_from.finish()),
                Arc::new(l_to.finish()),
                Arc::new(l_kind.finish()),
                Arc::new(l_scale.finish()),
                Arc::new(l_valence.finish()),
                Arc::new(l_since.finish()),
                Arc::new(l_until.finish()),
                Arc::new(l_weight.finish()),
                Arc::new(l_source.finish()),
            ],
        )?,
    ])
}

/// Writes the tables of [`to_batches`] to `dir`, one `TABLE.parquet` file
/// each (Snappy-compressed), creating the directory if needed.
///
/// # Errors
///
/// [`Error::Io`] if the directory or a file cannot be written; as
/// [`to_batches`] otherwise.
///
/// # Example
///
/// ```
/// let dir = std::env::temp_dir().join(format!("regdev-doc-write-{}", std::process::id()));
/// regdev::tables::write_dir(regdev::Atlas::builtin(), &dir)?;
/// assert!(dir.join("towns.parquet").exists());
/// assert_eq!(&regdev::tables::read_dir(&dir)?, regdev::Atlas::builtin());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_dir(atlas: &Atlas, dir: impl AsRef<Path>) -> Result<(), Error> {
    write_batches(&to_batches(atlas)?, dir.as_ref())
}

fn io(operation: &'static str, e: impl std::fmt::Display) -> Error {
    Error::Io { operation, message: e.to_string() }
}

/// Writes `(table, batch)` pairs as `DIR/TABLE.parquet`.
fn write_batches(batches: &[(&'static str, RecordBatch)], dir: &Path) -> Result<(), Error> {
    use rayon::prelude::*;
    // One file per table: written on every core.
    batches.par_iter().try_for_each(|(name, batch)| write_batch(dir, name, batch))
}

/// Writes one table as `DIR/NAME.parquet` (Snappy-compressed), creating
/// the directory if needed: [`write_dir`] one table at a time, for callers
/// that report progress or write batches of [`to_batches`] elsewhere.
///
/// # Errors
///
/// [`Error::Io`] if the directory or the file cannot be written.
///
/// # Example
///
/// ```
/// let dir = std::env::temp_dir().join(format!("regdev-doc-batch-{}", std::process::id()));
/// for (name, batch) in regdev::tables::to_batches(regdev::Atlas::builtin())? {
///     regdev::tables::write_batch(&dir, name, &batch)?;
/// }
/// assert_eq!(&regdev::tables::read_dir(&dir)?, regdev::Atlas::builtin());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_batch(dir: impl AsRef<Path>, name: &str, batch: &RecordBatch) -> Result<(), Error> {
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    let dir = dir.as_ref();
    std::fs::create_dir_all(dir).map_err(|e| io("creating the Parquet directory", e))?;
    let path = dir.join(format!("{name}.parquet"));
    let file = std::fs::File::create(&path).map_err(|e| io("creating a Parquet file", e))?;
    // Each file names the tables written with it: a reader tells a
    // table deleted from an export from one its writer did not know yet.
    let written = parquet::file::metadata::KeyValue::new(TABLES_KEY.to_owned(), TABLES.join(","));
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_key_value_metadata(Some(vec![written]))
        .build();
    let mut w = ArrowWriter::try_new(file, batch.schema(), Some(props)).map_err(|e| io("writing Parquet", e))?;
    w.write(batch).map_err(|e| io("writing Parquet", e))?;
    w.close().map_err(|e| io("writing Parquet", e))?;
    Ok(())
}

/// Reads a directory written by [`write_dir`] (or by any tool that writes
/// the same tables) into a validated atlas.
///
/// Types are read from the Parquet schema (not from the Arrow schema some
/// writers embed), so files DuckDB, Polars or Spark wrote with the
/// documented columns load too.
///
/// Each file is read whole into memory (an export is a small fraction of
/// the atlas it holds: 35 MB of Parquet for a synthetic atlas of 100,000
/// towns with their graphs) and decoded on a thread of its own, named
/// with [`READER_THREAD_PREFIX`] and the table's name. The `parquet` crate
/// panics, rather than failing, on some corrupt files; such a panic on one
/// of these threads is reported as that table's [`Error::Table`] ("the
/// decoder failed"), never as a table cut short. It still reaches the
/// program's panic hook, which prints it by default; a hook may pass over
/// threads whose names start with [`READER_THREAD_PREFIX`]. Built with
/// `panic = "abort"`, a program aborts instead.
///
/// # Errors
///
/// [`Error::Table`] naming the table, and where it applies the row and
/// column, for a missing table, an unreadable file (including one the
/// decoder panics on), a missing, unexpected or wrongly typed column, a
/// null in a required column, a value the column does not allow or a
/// dangling reference; otherwise the first validation error of
/// [`Atlas::from_document`].
///
/// # Example
///
/// ```
/// use regdev::Error;
/// let err = regdev::tables::read_dir("/nonexistent").unwrap_err();
/// assert!(matches!(err, Error::Table { ref table, .. } if table == "sources"));
/// ```
pub fn read_dir(dir: impl AsRef<Path>) -> Result<Atlas, Error> {
    read_dir_with_progress(dir, |_, _| {})
}

/// As [`read_dir`], calling `progress(rows_read, rows_total)` after each
/// batch of rows read (for a progress bar: a large export holds millions
/// of rows). `rows_total` is the sum of the row counts the files declare.
///
/// # Errors
///
/// As [`read_dir`].
///
/// # Example
///
/// ```
/// use std::{cell::Cell, rc::Rc};
/// let dir = std::env::temp_dir().join(format!("regdev-doc-progress-{}", std::process::id()));
/// regdev::tables::write_dir(regdev::Atlas::builtin(), &dir)?;
/// let seen = Rc::new(Cell::new((0, 0)));
/// let report = seen.clone();
/// regdev::tables::read_dir_with_progress(&dir, move |read, total| report.set((read, total)))?;
/// let (read, total) = seen.get();
/// assert!(read > 0 && read == total);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_dir_with_progress(dir: impl AsRef<Path>, progress: impl FnMut(u64, u64) + 'static) -> Result<Atlas, Error> {
    let dir = dir.as_ref().to_path_buf();
    let progress: Rc<RefCell<ProgressFn>> = Rc::new(RefCell::new(Box::new(progress)));
    let (read, total) = (Rc::new(Cell::new(0u64)), Rc::new(Cell::new(0u64)));
    let mut reader = Reader::new(open_dir(&dir, &progress, &read, &total)?);
    reader.stream = true;
    // A second read (see `Reader::read`) counts its rows from zero.
    reader.reopen = Some(Box::new(move || {
        read.set(0);
        total.set(0);
        open_dir(&dir, &progress, &read, &total)
    }));
    reader.read()
}

/// Every table of `dir` opened for reading, its rows counted into
/// `read` of `total` for `progress`.
fn open_dir(
    dir: &Path,
    progress: &Rc<RefCell<ProgressFn>>,
    read: &Rc<Cell<u64>>,
    total: &Rc<Cell<u64>>,
) -> Result<Vec<TableData>, Error> {
    use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder};
    let mut tables = Vec::with_capacity(TABLES.len());
    // The tables the `towns` file says were written with it (see
    // `write_batch`; none for files of other writers).
    let mut written: Option<String> = None;
    // Every file opened and its schema checked before any row is read, so
    // a missing table or a wrong column is reported first; rows are then
    // read one batch at a time, never a whole table at once.
    for s in spec::ALL {
        let name = s.name;
        let path = dir.join(format!("{name}.parquet"));
        // The whole file in memory: the decoder then reads from a buffer,
        // never through a system call per read (a corrupt page header can
        // have it read a byte at a time, which from the file took minutes).
        let file = match std::fs::read(&path) {
            Ok(file) => bytes::Bytes::from(file),
            // Exports written before this table existed: no town's label
            // is disputed (each is `towns.model`, read and checked as ever).
            // Not when `towns` says it was written with the export.
            Err(e)
                if s.name == spec::MODEL_CLAIMS.name
                    && e.kind() == std::io::ErrorKind::NotFound
                    && !written.as_deref().is_some_and(|w| w.split(',').any(|t| t == name)) =>
            {
                tables.push(TableData { spec: s, rows: 0, batches: Box::new(std::iter::empty()) });
                continue;
            }
            Err(e) => {
                let m = format!("missing table: cannot open {}: {e}", path.display());
                return Err(table_err(name, None, None, m));
            }
        };
        let bad = move |e: &dyn std::fmt::Display| table_err(name, None, None, format!("unreadable Parquet: {e}"));
        // The footer is decoded on a thread named as the decoding threads
        // (see `prefetch`), so that a panic of the decoder on a corrupt
        // footer is this table's error too, not the caller's panic.
        let opened = contained(name, move || {
            let options = ArrowReaderOptions::new().with_skip_arrow_metadata(true);
            let meta = ArrowReaderMetadata::load(&file, options.clone()).map_err(|e| bad(&e))?;
            arrowio::positions(s, meta.schema())?;
            let kv = meta.metadata().file_metadata().key_value_metadata();
            let written = kv.and_then(|kv| kv.iter().find(|k| k.key == TABLES_KEY)).and_then(|k| k.value.clone());
            // String columns the file stores with a dictionary are read as
            // dictionaries: no string copied per row, and the readers look
            // each distinct value up once.
            let meta = match dictionary_schema(meta.metadata(), meta.schema()) {
                Some(schema) => ArrowReaderMetadata::try_new(meta.metadata().clone(), options.with_schema(schema))
                    .map_err(|e| bad(&e))?,
                None => meta,
            };
            let rows = usize::try_from(meta.metadata().file_metadata().num_rows()).unwrap_or(0);
            let builder = ParquetRecordBatchReaderBuilder::new_with_metadata(file, meta);
            let reader = builder.with_batch_size(BATCH_ROWS).build().map_err(|e| bad(&e))?;
            arrowio::positions(s, &arrow::array::RecordBatchReader::schema(&reader))?;
            Ok((reader, rows, written))
        })?;
        let (reader, rows, tables_written) = opened;
        if s.name == spec::TOWNS.name {
            written = tables_written;
        }
        let batches = prefetch(name, reader.map(move |b| b.map_err(|e| bad(&e))))?;
        total.set(total.get() + rows as u64);
        let (progress, read, total) = (progress.clone(), read.clone(), total.clone());
        let batches = Box::new(batches.inspect(move |b| {
            if let Ok(b) = b {
                read.set(read.get() + b.num_rows() as u64);
                if let Ok(mut f) = progress.try_borrow_mut() {
                    f(read.get(), total.get());
                }
            }
        }));
        tables.push(TableData { spec: s, rows, batches });
    }
    Ok(tables)
}

/// `schema` with the top-level string columns that every row group of
/// the file stores dictionary-encoded (every data page, where the file
/// says) as dictionaries of strings with `Int32` keys; `None` if there
/// are none.
fn dictionary_schema(
    meta: &parquet::file::metadata::ParquetMetaData,
    schema: &arrow::datatypes::Schema,
) -> Option<arrow::datatypes::SchemaRef> {
    use arrow::datatypes::{DataType, Field, Schema};
    use parquet::basic::Encoding;
    let leaves = meta.file_metadata().schema_descr();
    let mut changed = false;
    let fields: Vec<Field> = schema
        .fields()
        .iter()
        .map(|f| {
            if *f.data_type() != DataType::Utf8 {
                return f.as_ref().clone();
            }
            // The leaf of a top-level string column has its name as path.
            let leaf = (0..leaves.num_columns()).find(|&i| {
                let leaf = leaves.column(i);
                let parts = leaf.path().parts();
                parts.len() == 1 && parts.first().is_some_and(|p| p == f.name())
            });
            let dictionary = leaf.is_some_and(|i| {
                meta.num_row_groups() > 0
                    && meta.row_groups().iter().all(|rg| {
                        rg.columns().get(i).is_some_and(|c| {
                            c.dictionary_page_offset().is_some()
                                && c.page_encoding_stats_mask().is_none_or(|m| {
                                    m.is_only(Encoding::PLAIN_DICTIONARY) || m.is_only(Encoding::RLE_DICTIONARY)
                                })
                        })
                    })
            });
            if !dictionary {
                return f.as_ref().clone();
            }
            changed = true;
            let ty = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
            Field::new(f.name(), ty, f.is_nullable()).with_metadata(f.metadata().clone())
        })
        .collect();
    changed.then(|| std::sync::Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone())))
}

/// A progress callback of [`read_dir_with_progress`], shared by the tables.
type ProgressFn = Box<dyn FnMut(u64, u64)>;

/// Runs `open` on a thread named for table `name` and waits for it: its
/// result, or its panic as the table's error.
fn contained<T: Send>(name: &'static str, open: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name(format!("{READER_THREAD_PREFIX}{name}"))
            .spawn_scoped(scope, open)
            .map_err(|e| table_err(name, None, None, format!("cannot start a reading thread: {e}")))?;
        thread.join().unwrap_or_else(|panic| Err(decoder_failed(name, &panic_message(&*panic))))
    })
}

/// The message of a panic's payload.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned())
}

/// Table `name`'s error for a panic of the decoder on one of its threads.
fn decoder_failed(name: &str, panic: &str) -> Error {
    table_err(name, None, None, format!("unreadable Parquet: the decoder failed: {panic}"))
}

/// Decodes batches on a thread of their own, a few ahead of the reader:
/// the big tables are decoded while the earlier ones are turned into
/// records, on the other core.
///
/// The thread never outlives the iterator: dropping it (the reader stopped
/// at an error, or finished) closes the channel and joins the thread. A
/// panic on that thread (a decoder's bug on a corrupt file) ends the
/// table with an error naming it, never as a table silently cut short.
fn prefetch(
    name: &'static str,
    batches: impl Iterator<Item = Result<RecordBatch, Error>> + Send + 'static,
) -> Result<Prefetch, Error> {
    let (tx, rx) = std::sync::mpsc::sync_channel(2);
    let thread = std::thread::Builder::new()
        .name(format!("{READER_THREAD_PREFIX}{name}"))
        .spawn(move || {
            for b in batches {
                // The reader is gone (it stopped at an error): stop too.
                if tx.send(b).is_err() {
                    break;
                }
            }
        })
        .map_err(|e| table_err(name, None, None, format!("cannot start a reading thread: {e}")))?;
    Ok(Prefetch { name, rx: Some(rx), thread: Some(thread) })
}

/// The batches a [`prefetch`] thread decodes, in order.
struct Prefetch {
    name: &'static str,
    rx: Option<std::sync::mpsc::Receiver<Result<RecordBatch, Error>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Prefetch {
    /// Closes the channel and waits for the thread: `Err` with the panic's
    /// message if it panicked.
    fn finish(&mut self) -> Result<(), String> {
        drop(self.rx.take());
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Err(panic)) => Err(panic_message(&*panic)),
            _ => Ok(()),
        }
    }
}

impl Iterator for Prefetch {
    type Item = Result<RecordBatch, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(b) = self.rx.as_ref().and_then(|rx| rx.recv().ok()) {
            return Some(b);
        }
        // The thread is done (or gone): the table ends here, or with its
        // panic as an error.
        self.finish().err().map(|m| Err(decoder_failed(self.name, &m)))
    }
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        // A panic was already reported by `next`, or the reader stopped
        // before the end and no longer wants the table.
        let _ = self.finish();
    }
}

/// Stage timings of a load, printed on standard error when the
/// environment variable `REGDEV_LOAD_TIMINGS` is set (a diagnostic for
/// `tools/bench_tables.sh`; silent otherwise): wall clock and, on Linux,
/// the CPU time of all the process's threads (user + system, from
/// `/proc/self/stat`, in clock ticks of 10 ms).
struct Stages {
    on: bool,
    start: std::time::Instant,
    last: std::time::Instant,
    last_cpu: Option<f64>,
}

impl Stages {
    fn new() -> Stages {
        let now = std::time::Instant::now();
        let on = std::env::var_os("REGDEV_LOAD_TIMINGS").is_some();
        Stages { on, start: now, last: now, last_cpu: if on { process_cpu() } else { None } }
    }

    /// Ends stage `name`: prints its wall-clock and CPU time and the
    /// wall-clock total so far.
    fn mark(&mut self, name: &str) {
        let now = std::time::Instant::now();
        if self.on {
            let cpu = process_cpu();
            let used = match (cpu, self.last_cpu) {
                (Some(a), Some(b)) => format!("{:6.2} s", a - b),
                _ => "     ?".to_owned(),
            };
            eprintln!(
                "regdev load stage {name:<34} wall {:7.3} s  cpu {used}  (wall total {:.3} s)",
                (now - self.last).as_secs_f64(),
                (now - self.start).as_secs_f64()
            );
            self.last_cpu = cpu;
        }
        self.last = now;
    }
}

/// User + system CPU seconds of this process so far (Linux), assuming
/// the usual 100 clock ticks per second.
fn process_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let mut fields = rest.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

/// The key of each file's metadata entry listing the tables written with
/// it (comma-separated).
const TABLES_KEY: &str = "regdev.tables";

/// Rows per batch when reading a file.
const BATCH_ROWS: usize = 64 * 1024;

/// Towns built at once (on every core) before their records are moved
/// into the atlas's list.
const TOWN_CHUNK: usize = 16 * 1024;

/// Builds a validated atlas from `(table, batch)` pairs, as [`to_batches`]
/// makes them; a table may come in several batches (in row order), and
/// every table must appear at least once (with an empty batch if it has no
/// rows).
///
/// # Errors
///
/// As [`read_dir`].
///
/// # Example
///
/// ```
/// use regdev::{Atlas, tables};
/// let batches = tables::to_batches(Atlas::builtin())?;
/// let owned = batches.into_iter().map(|(n, b)| (n.to_owned(), b)).collect();
/// assert_eq!(&tables::from_batches(owned)?, Atlas::builtin());
/// # Ok::<(), regdev::Error>(())
/// ```
pub fn from_batches(batches: Vec<(String, RecordBatch)>) -> Result<Atlas, Error> {
    batches_reader(batches)?.read()
}

/// The reader of [`from_batches`].
fn batches_reader(batches: Vec<(String, RecordBatch)>) -> Result<Reader, Error> {
    let mut data: Vec<Option<Vec<RecordBatch>>> = spec::ALL.iter().map(|_| None).collect();
    for (name, batch) in batches {
        let i = spec::ALL
            .iter()
            .position(|s| s.name == name)
            .ok_or_else(|| table_err(&name, None, None, "unknown table"))?;
        if let Some(slot) = data.get_mut(i) {
            slot.get_or_insert_with(Vec::new).push(batch);
        }
    }
    let mut checked = Vec::with_capacity(data.len());
    for (d, s) in data.into_iter().zip(spec::ALL) {
        let d = d.ok_or_else(|| table_err(s.name, None, None, "missing table"))?;
        // Every batch checked (columns, types, nulls) before any row is read.
        let mut offset = 0;
        for b in &d {
            Cols::new(s, b, offset)?;
            offset += b.num_rows();
        }
        checked.push((s, offset, d));
    }
    let tables = |checked: Vec<(&'static Spec, usize, Vec<RecordBatch>)>| -> Vec<TableData> {
        checked
            .into_iter()
            .map(|(spec, rows, d)| TableData { spec, rows, batches: Box::new(d.into_iter().map(Ok)) })
            .collect()
    };
    let mut reader = Reader::new(tables(checked.clone()));
    reader.stream = true;
    reader.reopen = Some(Box::new(move || Ok(tables(checked))));
    Ok(reader)
}

/// One table as read: its spec, its row count (a hint) and its batches
/// in row order.
struct TableData {
    spec: &'static Spec,
    rows: usize,
    batches: Box<dyn Iterator<Item = Result<RecordBatch, Error>>>,
}

impl TableData {
    /// Calls `f` on each batch in turn, checked against the spec.
    fn each(self, mut f: impl FnMut(&Cols<'_>) -> Result<(), Error>) -> Result<(), Error> {
        let mut offset = 0;
        for b in self.batches {
            let b = b?;
            f(&Cols::new(self.spec, &b, offset)?)?;
            offset += b.num_rows();
        }
        Ok(())
    }

    /// Every batch, read and kept: rows borrow their strings from them.
    fn keep(self) -> Result<Kept, Error> {
        let spec = self.spec;
        let batches = self.batches.collect::<Result<Vec<_>, Error>>()?;
        Ok(Kept { spec, batches })
    }
}

/// A table read whole, for the records that borrow from it.
struct Kept {
    spec: &'static Spec,
    batches: Vec<RecordBatch>,
}

impl Kept {
    fn len(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// Calls `f` on every row's cells (checked against the spec, sources
    /// known), strings borrowed from the batches.
    fn rows<'a>(
        &'a self,
        source_ids: &HashSet<SourceId>,
        mut f: impl FnMut(usize, &[Option<Node<'a>>]) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut offset = 0;
        for b in &self.batches {
            let c = Cols::new(self.spec, b, offset)?;
            check_sources(&c, source_ids)?;
            c.for_each_row(&mut f)?;
            offset += b.num_rows();
        }
        Ok(())
    }

    /// Each row's town, as its position in `towns`, batch by batch with
    /// the batch's sources checked first. A row whose `town` is null
    /// goes to `other(batch, row_in_batch)`, which gives its owner
    /// (`usize::MAX`: no town) or the error; a row with a town, in a
    /// table that also has an `archetype` column, must not set both.
    fn owners<'a>(
        &'a self,
        source_ids: &HashSet<SourceId>,
        towns: &HashMap<&str, usize>,
        mut other: impl FnMut(&Cols<'a>, usize) -> Result<usize, Error>,
    ) -> Result<Vec<usize>, Error> {
        let s = self.spec;
        let mut owner = Vec::with_capacity(self.len());
        let mut offset = 0;
        for b in &self.batches {
            let c = Cols::new(s, b, offset)?;
            batch_owners(&c, source_ids, towns, None, &mut owner, &mut other)?;
            offset += b.num_rows();
        }
        Ok(owner)
    }
}

/// [`Kept::owners`] of one batch, appended to `owner`. With `next`, each
/// town row's id where no id repeats, a run of rows is first taken for
/// the town after the last run's (compared, not hashed: rows in town
/// order), then looked up.
fn batch_owners<'a>(
    c: &Cols<'a>,
    source_ids: &HashSet<SourceId>,
    towns: &HashMap<&str, usize>,
    next: Option<&[Option<TownId>]>,
    owner: &mut Vec<usize>,
    mut other: impl FnMut(&Cols<'a>, usize) -> Result<usize, Error>,
) -> Result<(), Error> {
    let s = c.spec;
    check_sources(c, source_ids)?;
    let town = c.str("town")?;
    let archetype = if s.index("archetype").is_some() { Some(c.str("archetype")?) } else { None };
    // Rows of one town come together: look each run up once.
    let mut last: Option<(&str, usize)> = None;
    for r in 0..c.rows() {
        let Some(t) = town.get(r) else {
            owner.push(other(c, r)?);
            continue;
        };
        let row = c.offset + r;
        if archetype.is_some_and(|a| a.get(r).is_some()) {
            let m = "exactly one of 'town' and 'archetype' must be set";
            return Err(table_err(s.name, Some(row), Some("town"), m));
        }
        match last {
            Some((name, i)) if name == t => owner.push(i),
            _ => {
                let guess = last.map(|(_, i)| i + 1).filter(|&g| {
                    next.and_then(|ids| ids.get(g)).and_then(Option::as_ref).is_some_and(|id| id.as_str() == t)
                });
                let i = match guess {
                    Some(g) => g,
                    None => towns
                        .get(t)
                        .copied()
                        .ok_or_else(|| table_err(s.name, Some(row), Some("town"), format!("unknown town '{t}'")))?,
                };
                last = Some((t, i));
                owner.push(i);
            }
        }
    }
    Ok(())
}

/// Every source column of a batch names a known source.
fn check_sources(c: &Cols<'_>, ids: &HashSet<SourceId>) -> Result<(), Error> {
    if c.spec.name == "sources" {
        return Ok(());
    }
    for col in c.spec.cols.iter().filter(|col| col.name == "source" || col.name.ends_with("_source")) {
        let a = c.str(col.name)?;
        // Rows of one source come together: check each run once.
        let mut last: Option<&str> = None;
        for r in 0..c.rows() {
            if let Some(s) = a.get(r) {
                if last == Some(s) {
                    continue;
                }
                last = Some(s);
                if !ids.contains(s) {
                    return Err(table_err(
                        c.spec.name,
                        Some(c.offset + r),
                        Some(col.name),
                        format!("unknown source '{s}'"),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A vocabulary value (`kind`, `scale`…) as serde reads it, with serde's
/// message for an unknown one.
fn vocab<T: serde::de::DeserializeOwned>(s: &Spec, row: usize, column: &str, v: &str) -> Result<T, Error> {
    use serde::de::IntoDeserializer;
    let d: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = v.into_deserializer();
    T::deserialize(d).map_err(|e| table_err(s.name, Some(row), Some(column), e.to_string()))
}

/// An optional year.
fn year(s: &Spec, row: usize, column: &str, v: Option<i16>) -> Result<Option<Year>, Error> {
    v.map(|y| Year::new(i64::from(y)).map_err(|e| table_err(s.name, Some(row), Some(column), e.to_string())))
        .transpose()
}

/// The tables still to read, taken one at a time in [`TABLES`] order.
struct Reader {
    tables: Vec<Option<TableData>>,
    stages: Stages,
    /// Whether towns are built straight from the columns (the record
    /// path builds those the direct one gives up on, and every town when
    /// this is off: the tests compare the two).
    direct: bool,
    /// How many towns the direct path gave up on.
    gave_up: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// Whether the town child tables are read batch by batch (see
    /// `stream`); when that fails, the tables are opened again by
    /// `reopen` and read whole.
    stream: bool,
    reopen: Option<Reopen>,
}

/// Opens the tables again, for a second read.
type Reopen = Box<dyn FnOnce() -> Result<Vec<TableData>, Error>>;

/// Where a child row came from and where it went in its town's object:
/// `obj[field][key][index]`, or `obj[field][index]` without a key.
struct Provenance<'a> {
    table: &'static Spec,
    row: usize,
    field: &'static str,
    key: Option<&'a str>,
    index: usize,
}

/// The column a serde path (`zones[0].name.english`) points at.
fn column_of(spec: &Spec, path: &str) -> Option<&'static str> {
    let last = path.rsplit('.').next()?.split('[').next()?;
    spec.cols.iter().find(|c| c.path.last() == Some(&last)).map(|c| c.name)
}

fn de<T: serde::de::DeserializeOwned>(spec: &Spec, row: usize, obj: &Node<'_>) -> Result<T, Error> {
    serde_path_to_error::deserialize(obj).map_err(|e| {
        let path = e.path().to_string();
        table_err(spec.name, Some(row), column_of(spec, &path), e.into_inner().to_string())
    })
}

impl Reader {
    fn new(tables: Vec<TableData>) -> Reader {
        Reader {
            tables: tables.into_iter().map(Some).collect(),
            stages: Stages::new(),
            direct: true,
            gave_up: std::sync::Arc::default(),
            stream: false,
            reopen: None,
        }
    }

    fn take(&mut self, s: &Spec) -> Result<TableData, Error> {
        self.tables
            .iter_mut()
            .find(|t| t.as_ref().is_some_and(|t| t.spec.name == s.name))
            .and_then(Option::take)
            .ok_or_else(|| table_err(s.name, None, None, "missing table"))
    }

    /// The atlas: streamed when it can be, read whole otherwise (and
    /// again whole, with its exact error, when the streamed read fails).
    fn read(mut self) -> Result<Atlas, Error> {
        let Some(reopen) = self.reopen.take().filter(|_| self.stream) else {
            self.stream = false;
            return self.read_once();
        };
        let (direct, gave_up) = (self.direct, self.gave_up.clone());
        if let Ok(atlas) = self.read_once() {
            return Ok(atlas);
        }
        let mut again = Reader::new(reopen()?);
        again.direct = direct;
        again.gave_up = gave_up;
        again.read_once()
    }

    fn read_once(mut self) -> Result<Atlas, Error> {
        // Sources first: every source column must name one.
        let t = self.take(&spec::SOURCES)?.keep()?;
        let mut sources = Vec::with_capacity(t.len());
        let mut source_ids = HashSet::with_capacity_and_hasher(t.len(), Default::default());
        t.rows(&HashSet::default(), |row, cells| {
            let s = de::<Source>(&spec::SOURCES, row, &unflatten(&spec::SOURCES, cells))?;
            source_ids.insert(s.id().clone());
            sources.push(s);
            Ok(())
        })?;

        let mut rates = Vec::new();
        self.take(&spec::EXCHANGE_RATES)?.keep()?.rows(&source_ids, |row, cells| {
            rates.push(de::<ExchangeRate>(&spec::EXCHANGE_RATES, row, &unflatten(&spec::EXCHANGE_RATES, cells))?);
            Ok(())
        })?;

        // The archetypes and towns tables are read whole: the records
        // borrow their strings from the Arrow arrays until they are
        // built. Their child tables too, unless they are streamed.
        self.stages.mark("sources, exchange rates");
        let kept_archetypes = self.take(&spec::ARCHETYPES)?.keep()?;
        let kept_towns = self.take(&spec::TOWNS)?.keep()?;
        let children = [
            (self.take(&spec::OBSERVATIONS)?, "key_facts"),
            (self.take(&spec::PROFILE_CLAIMS)?, "profile_claims"),
            (self.take(&spec::MODEL_CLAIMS)?, "model"),
            (self.take(&spec::SPECIALISATIONS)?, "specialisations"),
            (self.take(&spec::ZONES)?, "zones"),
            (self.take(&spec::ADVANTAGES)?, "advantages"),
            (self.take(&spec::STAGES)?, "trajectory"),
            (self.take(&spec::NOTES)?, "notes"),
        ];
        if self.stream {
            return self.read_streamed(sources, rates, kept_archetypes, kept_towns, children, source_ids);
        }
        let [obs, claims, model, specs, zones, advantages, stages, notes] = children;
        let kept_observations = obs.0.keep()?;
        let kept_claims = claims.0.keep()?;
        let kept_lists = [
            (model.0.keep()?, model.1),
            (specs.0.keep()?, specs.1),
            (zones.0.keep()?, zones.1),
            (advantages.0.keep()?, advantages.1),
            (stages.0.keep()?, stages.1),
            (notes.0.keep()?, notes.1),
        ];

        self.stages.mark("town tables read (decode)");
        // Archetypes and towns as records, children added below.
        let (mut archetypes, archetype_index) = archetype_nodes(&kept_archetypes, &source_ids)?;
        // Towns: ids and parents first; each town's record is built later,
        // on every core, from its rows.
        let n_towns = kept_towns.len();
        let (town_index, ids, parents) = town_ids(&kept_towns, &source_ids)?;
        // Each child table's rows grouped by town (in row order within a
        // town), references checked here, in table order; claims of
        // archetypes go to their archetype. Only the key columns are read
        // here: every cell of a town's rows is read (and checked) when the
        // town is built.
        let mut groups: Vec<(&Kept, &'static str, Grouped)> = Vec::with_capacity(7);
        let owner = kept_observations.owners(&source_ids, &town_index, |c, r| {
            let row = c.offset + r;
            Err(table_err(c.spec.name, Some(row), Some("town"), "unknown town ''"))
        })?;
        groups.push((&kept_observations, "key_facts", Grouped::new(n_towns, &owner)));
        // (Each owner list goes as soon as it is grouped: one `usize` per row.)
        drop(owner);
        let s = &spec::PROFILE_CLAIMS;
        let claims_view = TableView::new(s, &kept_claims.batches)?;
        let mut cells = Vec::with_capacity(s.cols.len());
        let owner = kept_claims.owners(&source_ids, &town_index, |c, r| {
            let row = c.offset + r;
            let err = |column: &str, m: String| table_err(s.name, Some(row), Some(column), m);
            let Some(a) = c.str("archetype")?.get(r) else {
                return Err(err("town", "exactly one of 'town' and 'archetype' must be set".to_owned()));
            };
            let i =
                archetype_index.get(a).copied().ok_or_else(|| err("archetype", format!("unknown archetype '{a}'")))?;
            let (_, obj) = archetypes.get_mut(i).ok_or_else(|| err("archetype", "bad index".to_owned()))?;
            claims_view.cells(row, &mut cells)?;
            let dim = str_at(s, &cells, "dimension").unwrap_or_default();
            obj.push_at(&["profile_claims", dim], claim_node(s, row, &cells)?);
            Ok(usize::MAX)
        })?;
        groups.push((&kept_claims, "profile_claims", Grouped::new(n_towns, &owner)));
        drop(owner);
        for (kept, field) in &kept_lists {
            let owner = kept.owners(&source_ids, &town_index, |c, r| {
                let row = c.offset + r;
                Err(table_err(c.spec.name, Some(row), Some("town"), "unknown town ''"))
            })?;
            groups.push((kept, field, Grouped::new(n_towns, &owner)));
        }
        self.stages.mark("town ids, rows grouped");
        let archetypes = archetypes
            .iter()
            .map(|(row, obj)| de::<Archetype>(&spec::ARCHETYPES, *row, obj))
            .collect::<Result<Vec<_>, _>>()?;

        // Every town built from its rows on every core: the records live
        // one town at a time, and the first error in town order is kept.
        let town_view = TableView::new(&spec::TOWNS, &kept_towns.batches)?;
        let views = groups
            .iter()
            .map(|(kept, field, g)| Ok((TableView::new(kept.spec, &kept.batches)?, *field, g)))
            .collect::<Result<Vec<_>, Error>>()?;
        let town_records = {
            use rayon::prelude::*;
            let direct = towns::Direct::new(&town_view, &views, &ids, &parents, &source_ids).filter(|_| self.direct);
            let gave_up = &self.gave_up;
            let build = |row: usize| match direct.as_ref().map(|d| d.town(row)) {
                Some(Ok(t)) => Ok(t),
                // The record path builds the town, or reports its error.
                _ => {
                    gave_up.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    build_town(row, &town_view, &views)
                }
            };
            // A chunk of towns at a time: the first error in town order
            // is kept, and only a chunk's results wait to be moved.
            let mut out = Vec::with_capacity(n_towns);
            let mut start = 0;
            while start < n_towns {
                let end = (start + TOWN_CHUNK).min(n_towns);
                let results: Vec<Result<Town, Error>> = (start..end).into_par_iter().map(build).collect();
                for r in results {
                    out.push(r?);
                }
                start = end;
            }
            out
        };
        drop(ids);
        self.stages.mark("towns built (parallel)");
        drop(town_index);
        drop(groups);
        drop((kept_archetypes, kept_towns, kept_observations, kept_claims, kept_lists));

        self.stages.mark("town tables dropped");
        self.finish(sources, rates, archetypes, town_records, &source_ids)
    }

    /// The graphs read, the atlas assembled.
    fn finish(
        mut self,
        sources: Vec<Source>,
        rates: Vec<ExchangeRate>,
        archetypes: Vec<Archetype>,
        town_records: Vec<Town>,
        source_ids: &HashSet<SourceId>,
    ) -> Result<Atlas, Error> {
        // Each graph's focal town shares its id with the town's record.
        let town_ids: HashMap<&str, &TownId> = town_records.iter().map(|t| (t.id().as_str(), t.id())).collect();
        let (g, a, l) = (self.take(&spec::GRAPHS)?, self.take(&spec::ACTORS)?, self.take(&spec::LINKAGES)?);
        let graphs = graphs::read(g, a, l, &town_ids, source_ids, &mut self.stages)?;
        drop(town_ids);
        let atlas = Atlas::from_tables(sources, rates, archetypes, town_records, graphs);
        self.stages.mark("atlas assembled (checks, indexes)");
        atlas
    }

    /// [`Reader::read_once`] with the town child tables streamed
    /// (`stream`): any error, or a child table not in town order, ends it
    /// (the caller reads again whole).
    fn read_streamed(
        mut self,
        sources: Vec<Source>,
        rates: Vec<ExchangeRate>,
        kept_archetypes: Kept,
        kept_towns: Kept,
        children: [(TableData, &'static str); 8],
        source_ids: HashSet<SourceId>,
    ) -> Result<Atlas, Error> {
        let (mut archetypes, archetype_index) = archetype_nodes(&kept_archetypes, &source_ids)?;
        let (town_index, ids, parents) = town_ids(&kept_towns, &source_ids)?;
        self.stages.mark("town ids");
        let town_view = TableView::new(&spec::TOWNS, &kept_towns.batches)?;
        let mut children = children.map(|(t, field)| stream::Child::new(t, field));
        let mut archetype_rows = Vec::new();
        let t = stream::Towns {
            view: &town_view,
            ids: &ids,
            parents: &parents,
            index: &town_index,
            sources: &source_ids,
            direct: self.direct,
            gave_up: &self.gave_up,
        };
        let town_records = stream::towns(&t, &mut children, &mut archetype_rows)?;
        drop(children);
        self.stages.mark("towns built (child tables streamed)");
        // The archetypes' claims, in row order.
        let s = &spec::PROFILE_CLAIMS;
        let mut cells = Vec::with_capacity(s.cols.len());
        for (row, b) in &archetype_rows {
            let view = TableView::new_at(s, std::slice::from_ref(b), *row)?;
            view.cells(*row, &mut cells)?;
            let err = |column: &str, m: String| table_err(s.name, Some(*row), Some(column), m);
            let a = str_at(s, &cells, "archetype").ok_or_else(|| err("town", "no town or archetype".to_owned()))?;
            let i =
                archetype_index.get(a).copied().ok_or_else(|| err("archetype", format!("unknown archetype '{a}'")))?;
            let (_, obj) = archetypes.get_mut(i).ok_or_else(|| err("archetype", "bad index".to_owned()))?;
            let dim = str_at(s, &cells, "dimension").unwrap_or_default();
            obj.push_at(&["profile_claims", dim], claim_node(s, *row, &cells)?);
        }
        let archetypes = archetypes
            .iter()
            .map(|(row, obj)| de::<Archetype>(&spec::ARCHETYPES, *row, obj))
            .collect::<Result<Vec<_>, _>>()?;
        drop((town_index, ids, town_view));
        drop((kept_archetypes, kept_towns));
        self.finish(sources, rates, archetypes, town_records, &source_ids)
    }
}

/// The archetypes as records (their claims added later), by row, and
/// each id's position among them.
#[allow(clippy::type_complexity)]
fn archetype_nodes<'a>(
    kept: &'a Kept,
    source_ids: &HashSet<SourceId>,
) -> Result<(Vec<(usize, Node<'a>)>, HashMap<&'a str, usize>), Error> {
    let mut archetypes: Vec<(usize, Node<'a>)> = Vec::new();
    let mut archetype_index: HashMap<&str, usize> = HashMap::default();
    kept.rows(source_ids, |row, cells| {
        if let Some(id) = str_at(&spec::ARCHETYPES, cells, "id") {
            archetype_index.entry(id).or_insert(archetypes.len());
        }
        archetypes.push((row, unflatten(&spec::ARCHETYPES, cells)));
        Ok(())
    })?;
    Ok((archetypes, archetype_index))
}

/// Each town's row by id (the first row with it), each row's id, made
/// once and shared by the records naming it (`None`: not a valid id; its
/// town's build reports it), and each row's parent's row (`usize::MAX`:
/// none); sources and parents checked.
#[allow(clippy::type_complexity)]
fn town_ids<'a>(
    kept: &'a Kept,
    source_ids: &HashSet<SourceId>,
) -> Result<(HashMap<&'a str, usize>, Vec<Option<TownId>>, Vec<usize>), Error> {
    let n_towns = kept.len();
    let mut town_index: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(n_towns, Default::default());
    let mut parents: Vec<(usize, &str)> = Vec::new();
    let mut ids: Vec<Option<TownId>> = Vec::with_capacity(n_towns);
    let mut offset = 0;
    for b in &kept.batches {
        let c = Cols::new(&spec::TOWNS, b, offset)?;
        check_sources(&c, source_ids)?;
        let (id, parent) = (c.str("id")?, c.str("parent")?);
        for r in 0..c.rows() {
            let row = offset + r;
            let made = id.get(r).and_then(|id| {
                town_index.entry(id).or_insert(row);
                TownId::new(id).ok()
            });
            ids.push(made);
            if let Some(p) = parent.get(r) {
                parents.push((row, p));
            }
        }
        offset += b.num_rows();
    }
    // Looked up once here: the town builds read the row.
    let mut parent_rows = vec![usize::MAX; n_towns];
    for (row, p) in parents {
        let Some(&at) = town_index.get(p) else {
            return Err(table_err("towns", Some(row), Some("parent"), format!("unknown town '{p}'")));
        };
        if let Some(slot) = parent_rows.get_mut(row) {
            *slot = at;
        }
    }
    Ok((town_index, ids, parent_rows))
}

/// The rows of a child table grouped by town: town `t`'s rows are
/// `rows[starts[t]..starts[t + 1]]`, in row order.
struct Grouped {
    /// The first town grouped.
    base: usize,
    starts: Vec<usize>,
    rows: Vec<usize>,
}

impl Grouped {
    /// From each row's town (`usize::MAX`: no town).
    fn new(towns: usize, owner: &[usize]) -> Grouped {
        let mut starts = vec![0usize; towns + 1];
        for &t in owner {
            if let Some(c) = starts.get_mut(t.wrapping_add(1)) {
                *c += 1;
            }
        }
        for i in 1..starts.len() {
            let before = starts.get(i - 1).copied().unwrap_or(0);
            if let Some(c) = starts.get_mut(i) {
                *c += before;
            }
        }
        let mut next = starts.clone();
        let mut rows = vec![0usize; starts.last().copied().unwrap_or(0)];
        for (row, &t) in owner.iter().enumerate() {
            if let Some(at) = next.get_mut(t) {
                if let Some(slot) = rows.get_mut(*at) {
                    *slot = row;
                }
                *at += 1;
            }
        }
        Grouped { base: 0, starts, rows }
    }

    /// The rows of towns `first..end` among rows `start..` whose towns
    /// are `owner` (in town order, `usize::MAX` for none).
    fn window(first: usize, end: usize, owner: &[usize], start: usize) -> Grouped {
        let n = end.saturating_sub(first);
        let mut starts = vec![0usize; n + 1];
        let mut rows = Vec::new();
        let mut town = 0;
        for (i, &t) in owner.iter().enumerate() {
            if t == usize::MAX || t < first || t >= end {
                continue;
            }
            let at = t - first;
            // Towns without rows before this one start here too.
            while town < at {
                town += 1;
                if let Some(s) = starts.get_mut(town) {
                    *s = rows.len();
                }
            }
            rows.push(start + i);
        }
        while town < n {
            town += 1;
            if let Some(s) = starts.get_mut(town) {
                *s = rows.len();
            }
        }
        Grouped { base: first, starts, rows }
    }

    fn of(&self, town: usize) -> &[usize] {
        let Some(town) = town.checked_sub(self.base) else { return &[] };
        match (self.starts.get(town), self.starts.get(town + 1)) {
            (Some(&a), Some(&b)) => self.rows.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// A profile claim row as a record: `value` or `values` as its value.
fn claim_node<'a>(s: &Spec, row: usize, cells: &[Option<Node<'a>>]) -> Result<Node<'a>, Error> {
    let mut c = unflatten(s, cells);
    let value = match (c.remove("value_one"), c.remove("value_list")) {
        (Some(v), None) | (None, Some(v)) => v,
        _ => {
            return Err(table_err(s.name, Some(row), Some("value"), "exactly one of 'value' and 'values' must be set"));
        }
    };
    c.put(&["value"], value);
    Ok(c)
}

/// An observation row as a record: value, count, unit and currency back
/// to one value in the indicator's unit.
fn observation_node<'a>(s: &Spec, row: usize, cells: &[Option<Node<'a>>]) -> Result<Node<'a>, Error> {
    let indicator = str_at(s, cells, "indicator").unwrap_or_default();
    let err = |column: &str, m: String| table_err(s.name, Some(row), Some(column), m);
    let ind = indicator.parse::<Indicator>().map_err(|e| err("indicator", e.to_string()))?;
    let mut e = unflatten(s, cells);
    match e.remove("unit") {
        Some(Node::Str(u)) if u == ind.unit().id() => {}
        Some(Node::Str(u)) => {
            return Err(err("unit", format!("{indicator} is measured in '{}', not '{u}'", ind.unit().id())));
        }
        _ => return Err(err("unit", format!("{indicator} is measured in '{}'", ind.unit().id()))),
    }
    let value = e.remove("value").ok_or_else(|| err("value", "no value".to_owned()))?;
    let value = match (e.remove("currency"), e.remove("count")) {
        (Some(_), Some(_)) => return Err(err("count", "a count has no currency".to_owned())),
        (Some(c), None) => Node::Map(vec![("amount", value), ("currency", c)]),
        (None, Some(Node::U64(n))) => {
            #[allow(clippy::cast_precision_loss)]
            let as_f64 = n as f64;
            if !matches!(value, Node::F64(v) if v == as_f64) {
                let shown = match value {
                    Node::F64(v) => v.to_string(),
                    _ => "?".to_owned(),
                };
                return Err(err("value", format!("value {shown} disagrees with count {n}")));
            }
            Node::U64(n)
        }
        (None, Some(_)) => return Err(err("count", "not a count (a bug in regdev)".to_owned())),
        (None, None) => value,
    };
    e.put(&["value"], value);
    Ok(e)
}

/// Town `row` from its row and its child rows.
fn build_town(
    row: usize,
    towns: &TableView<'_>,
    children: &[(TableView<'_>, &'static str, &Grouped)],
) -> Result<Town, Error> {
    let mut cells = Vec::with_capacity(16);
    towns.cells(row, &mut cells)?;
    let mut obj = unflatten(&spec::TOWNS, &cells);
    let mut kids = Vec::new();
    let mut stated: Option<Option<Node<'_>>> = None;
    for (view, field, grouped) in children {
        let s = view.spec();
        for &r in grouped.of(row) {
            view.cells(r, &mut cells)?;
            let (item, key) = match *field {
                "key_facts" => (observation_node(s, r, &cells)?, str_at(s, &cells, "indicator")),
                "profile_claims" => (claim_node(s, r, &cells)?, str_at(s, &cells, "dimension")),
                _ => (unflatten(s, &cells), None),
            };
            if *field == "model" && stated.is_none() {
                // The claims replace the label `towns` holds; that label
                // is checked against the one they resolve to below.
                stated = Some(obj.remove("model"));
            }
            let index = match key {
                Some(k) => obj.push_at(&[field, k], item),
                None => obj.push_at(&[field], item),
            };
            kids.push(Provenance { table: s, row: r, field, key, index });
        }
    }
    let town = town_from(row, obj, &kids)?;
    if let Some(stated) = stated {
        check_resolved_model(row, &town, stated.as_ref())?;
    }
    Ok(town)
}

/// Where a town has `model_claims` rows, its `towns.model` and
/// `model_source` must be the label they resolve to (or null if they
/// resolve to none), so that an edit to one is not silently dropped.
fn check_resolved_model(row: usize, town: &Town, stated: Option<&Node<'_>>) -> Result<(), Error> {
    let text = |key: &str| match stated.and_then(|m| m.get(key)) {
        Some(Node::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    let (value, source) = (text("value"), text("source"));
    let resolved = town.model();
    let want_value = resolved.map(|m| m.value().id().to_owned());
    let want_source = resolved.map(|m| m.source().as_str().to_owned());
    let show = |v: &Option<String>| v.as_deref().map_or_else(|| "null".to_owned(), |s| format!("'{s}'"));
    if value != want_value {
        return Err(table_err(
            "towns",
            Some(row),
            Some("model"),
            format!(
                "town '{}': {} is not the label its model_claims rows resolve to ({})",
                town.id(),
                show(&value),
                show(&want_value)
            ),
        ));
    }
    if source != want_source {
        return Err(table_err(
            "towns",
            Some(row),
            Some("model_source"),
            format!(
                "town '{}': {} is not the source of the label its model_claims rows resolve to ({})",
                town.id(),
                show(&source),
                show(&want_source)
            ),
        ));
    }
    if stated.and_then(|m| m.get("year")).is_some() {
        return Err(table_err(
            "towns",
            Some(row),
            Some("model_year"),
            format!("town '{}': model_year is not used where model_claims rows give the label", town.id()),
        ));
    }
    Ok(())
}

/// Deserializes a town; on failure, finds the row at fault: the town's
/// own row alone, then its child rows added one at a time, in table
/// order, until one makes it fail.
fn town_from(row: usize, obj: Node<'_>, kids: &[Provenance<'_>]) -> Result<Town, Error> {
    // Fast path without field paths; only a failing town is read again
    // with them (the error is the same).
    if let Ok(t) = Town::deserialize(&obj) {
        return Ok(t);
    }
    let first = match serde_path_to_error::deserialize::<_, Town>(&obj) {
        Ok(t) => return Ok(t),
        Err(e) => e,
    };
    let mut bare = obj.clone();
    for k in ["key_facts", "profile_claims", "specialisations", "zones", "advantages", "trajectory", "notes"] {
        bare.remove(k);
    }
    if kids.iter().any(|p| p.field == "model") {
        bare.remove("model");
    }
    de::<Town>(&spec::TOWNS, row, &bare)?;
    let mut some = bare;
    for p in kids {
        let list = match p.key {
            Some(k) => obj.get(p.field).and_then(|f| f.get(k)),
            None => obj.get(p.field),
        };
        let Some(Node::Seq(items)) = list else { continue };
        let Some(item) = items.get(p.index) else { continue };
        match p.key {
            Some(k) => some.push_at(&[p.field, k], item.clone()),
            None => some.push_at(&[p.field], item.clone()),
        };
        if let Err(e) = serde_path_to_error::deserialize::<_, Town>(&some) {
            let path = e.path().to_string();
            return Err(table_err(p.table.name, Some(p.row), column_of(p.table, &path), e.into_inner().to_string()));
        }
    }
    let path = first.path().to_string();
    Err(table_err("towns", Some(row), column_of(&spec::TOWNS, &path), first.into_inner().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_decoder_ends_its_table_with_an_error_not_a_short_table() {
        let batch = RecordBatch::new_empty(std::sync::Arc::new(arrow::datatypes::Schema::empty()));
        let mut sent = false;
        let decoder = std::iter::from_fn(move || {
            assert!(!sent, "decoder bug on a corrupt page");
            sent = true;
            Some(Ok(batch.clone()))
        });
        let got: Vec<_> = prefetch("linkages", decoder).unwrap().collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].is_ok());
        let err = got[1].as_ref().unwrap_err().to_string();
        assert!(err.contains("linkages") && err.contains("decoder bug on a corrupt page"), "{err}");
    }

    #[test]
    fn a_panic_while_opening_a_file_is_the_tables_error_on_a_named_thread() {
        let got = contained("zones", || -> Result<(), Error> {
            assert!(std::thread::current().name().is_some_and(|n| n == "regdev-read-zones"));
            panic!("footer decoder bug")
        });
        match got {
            Err(Error::Table { table, message, .. }) => {
                assert_eq!(table, "zones");
                assert!(message.contains("footer decoder bug"), "{message}");
            }
            other => panic!("expected the table's error, got {other:?}"),
        }
        // A result comes back as it is.
        assert_eq!(contained("zones", || Ok(7)).ok(), Some(7));
    }

    #[test]
    fn a_dropped_prefetch_joins_its_thread() {
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = done.clone();
        let endless = std::iter::repeat_with(|| {
            Ok(RecordBatch::new_empty(std::sync::Arc::new(arrow::datatypes::Schema::empty())))
        });
        let guard = Guard(flag);
        let mut it = prefetch(
            "actors",
            endless.inspect(move |_| {
                let _ = &guard;
            }),
        )
        .unwrap();
        assert!(it.next().is_some());
        drop(it);
        // The thread has ended (its iterator, and so the guard, dropped).
        assert!(done.load(std::sync::atomic::Ordering::SeqCst));

        struct Guard(std::sync::Arc<std::sync::atomic::AtomicBool>);
        impl Drop for Guard {
            fn drop(&mut self) {
                self.0.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        }
    }

    #[test]
    fn every_column_is_documented_with_its_type() {
        let doc = include_str!("../../docs/tables.md");
        for s in spec::ALL {
            let section = doc
                .split("\n### ")
                .find(|sec| sec.starts_with(&format!("`{}`", s.name)))
                .unwrap_or_else(|| panic!("docs/tables.md has no section for {}", s.name));
            for c in s.cols {
                let null = if c.required { "no" } else { "yes" };
                let row = format!("| `{}` | `{}` | {} |", c.name, c.ty.doc_name(), null);
                assert!(section.contains(&row), "docs/tables.md, table {}: no row starting {row}", s.name);
            }
            let documented = section.lines().filter(|l| l.starts_with("| `")).count();
            assert_eq!(documented, s.cols.len(), "table {}: documented columns", s.name);
        }
        assert_eq!(spec::ALL.map(|s| s.name), TABLES);
    }

    /// The atlas of `batches` read with the direct town path on or off,
    /// and how many towns the direct path gave up on.
    fn read_with(batches: &[(&'static str, RecordBatch)], direct: bool) -> (Atlas, usize) {
        read_streamed_or_not(batches, direct, true)
    }

    /// As `read_with`, the child tables streamed or held whole.
    fn read_streamed_or_not(batches: &[(&'static str, RecordBatch)], direct: bool, stream: bool) -> (Atlas, usize) {
        let owned = batches.iter().map(|(n, b)| ((*n).to_owned(), b.clone())).collect();
        let mut reader = batches_reader(owned).unwrap_or_else(|e| panic!("{e}"));
        reader.direct = direct;
        reader.stream = stream;
        let gave_up = reader.gave_up.clone();
        let atlas = reader.read().unwrap_or_else(|e| panic!("{e}"));
        (atlas, gave_up.load(std::sync::atomic::Ordering::Relaxed))
    }

    #[cfg(feature = "synth")]
    #[test]
    fn direct_towns_equal_the_record_paths() {
        use crate::synth::{self, SynthConfig};
        let mut atlases = vec![Atlas::builtin().clone()];
        for (seed, missing) in [(1, 0.0), (2, 0.3), (3, 0.9)] {
            let config = SynthConfig::new()
                .towns(400)
                .seed(seed)
                .missing_facts(missing)
                .and_then(|c| c.missing_dimensions(missing))
                .and_then(|c| c.actors_per_town(3))
                .unwrap_or_else(|e| panic!("{e}"));
            atlases.push(synth::atlas(&config).unwrap_or_else(|e| panic!("{e}")));
        }
        for atlas in atlases {
            let batches = to_batches(&atlas).unwrap_or_else(|e| panic!("{e}"));
            let (direct, gave_up) = read_with(&batches, true);
            let (record, all) = read_with(&batches, false);
            assert_eq!(gave_up, 0, "the direct path built every town");
            assert_eq!(all, atlas.towns().len());
            assert_eq!(direct, record);
            assert_eq!(direct, atlas);
            // The child tables streamed or held whole: the same atlas.
            for direct_on in [true, false] {
                let (whole, n) = read_streamed_or_not(&batches, direct_on, false);
                assert_eq!(whole, atlas);
                assert_eq!(n, if direct_on { 0 } else { atlas.towns().len() });
            }
            let json = |a: &Atlas| a.to_json_pretty().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(json(&direct), json(&record));
            // Ids and sources are shared, not copied per record.
            for t in direct.towns() {
                if let Some(p) = t.parent() {
                    let parent = direct.town(p.as_str()).map(Town::id);
                    assert!(parent.is_some_and(|id| std::ptr::eq(id.as_str(), p.as_str())), "parent id shared");
                }
            }
        }
    }

    #[test]
    fn leftover_finds_nested_fields() {
        let v: Map<String, Value> = serde_json::from_str(r#"{"a": {}, "b": {"c": 1}}"#).unwrap_or_default();
        assert_eq!(arrowio::leftover(&v).as_deref(), Some("b.c"));
    }
}
