#![doc = include_str!("../../docs/tables.md")]
//!
//! A public module, a namespace behind a feature: its functions read
//! qualified (`tables::write_dir`, `tables::read_dir`).

mod arrowio;
pub(crate) mod spec;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use arrow::array::RecordBatch;
use serde::Deserialize;
use serde_json::{Map, Value};

use self::arrowio::{Cols, TableBuilder, str_at, take, unflatten};
use self::spec::Spec;
use crate::linkage::{RawGraph, RawLinkage};
use crate::{
    Actor, ActorId, ActorKind, Archetype, Atlas, AtlasDocument, Error, ExchangeRate, Indicator, Linkage, LinkageKind,
    Scale, Source, SourceId, Town, TownId, Valence, Year,
};

/// The tables of an export, in the order they are written and documented.
///
/// # Example
///
/// ```
/// assert_eq!(regdev::tables::TABLES[0], "sources");
/// assert!(regdev::tables::TABLES.contains(&"linkages"));
/// ```
pub const TABLES: [&str; 14] = [
    "sources",
    "exchange_rates",
    "archetypes",
    "towns",
    "observations",
    "profile_claims",
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
    let mut b = Builders { t: spec::ALL.iter().map(|s| TableBuilder::new(s)).collect() };
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
    for t in atlas.towns() {
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
        b.list(&spec::SPECIALISATIONS, id, obj.remove("specialisations"))?;
        b.list(&spec::ZONES, id, obj.remove("zones"))?;
        b.list(&spec::ADVANTAGES, id, obj.remove("advantages"))?;
        b.list(&spec::STAGES, id, obj.remove("trajectory"))?;
        b.list(&spec::NOTES, id, obj.remove("notes"))?;
        b.get(&spec::TOWNS)?.push(&[], obj)?;
    }
    for g in atlas.graphs() {
        let town = g.focal_town().as_str();
        b.get(&spec::GRAPHS)?.push(&[Some(town)], Map::new())?;
        let ab = b.get(&spec::ACTORS)?;
        for a in g.actors() {
            ab.push(&[Some(town)], to_object(&spec::ACTORS, serde_json::to_value(a))?)?;
        }
        let lb = b.get(&spec::LINKAGES)?;
        for (from, to, l) in g.linkages() {
            let mut obj = to_object(&spec::LINKAGES, serde_json::to_value(l))?;
            obj.insert("from".to_owned(), Value::String(from.to_string()));
            obj.insert("to".to_owned(), Value::String(to.to_string()));
            obj.entry("valence").or_insert_with(|| Value::String(crate::Valence::default().id().to_owned()));
            lb.push(&[Some(town)], obj)?;
        }
    }
    b.t.into_iter().map(|t| Ok((t.spec.name, t.finish()?))).collect()
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
    for (name, batch) in batches {
        write_batch(dir, name, batch)?;
    }
    Ok(())
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
    let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
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
/// # Errors
///
/// [`Error::Table`] naming the table, and where it applies the row and
/// column, for a missing table, an unreadable file, a missing, unexpected
/// or wrongly typed column, a null in a required column, a value the
/// column does not allow or a dangling reference; otherwise the first
/// validation error of [`Atlas::from_document`].
///
/// # Example
///
/// ```
/// use regdev::Error;
/// let err = regdev::tables::read_dir("/nonexistent").unwrap_err();
/// assert!(matches!(err, Error::Table { ref table, .. } if table == "sources"));
/// ```
pub fn read_dir(dir: impl AsRef<Path>) -> Result<Atlas, Error> {
    use parquet::arrow::arrow_reader::{ArrowReaderOptions, ParquetRecordBatchReaderBuilder};
    let dir = dir.as_ref();
    let mut tables = Vec::with_capacity(TABLES.len());
    // Every file opened and its schema checked before any row is read, so
    // a missing table or a wrong column is reported first; rows are then
    // read one batch at a time, never a whole table at once.
    for s in spec::ALL {
        let name = s.name;
        let path = dir.join(format!("{name}.parquet"));
        let file = std::fs::File::open(&path)
            .map_err(|e| table_err(name, None, None, format!("missing table: cannot open {}: {e}", path.display())))?;
        let bad = move |e: &dyn std::fmt::Display| table_err(name, None, None, format!("unreadable Parquet: {e}"));
        let options = ArrowReaderOptions::new().with_skip_arrow_metadata(true);
        let builder = ParquetRecordBatchReaderBuilder::try_new_with_options(file, options).map_err(|e| bad(&e))?;
        let rows = usize::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
        let reader = builder.with_batch_size(BATCH_ROWS).build().map_err(|e| bad(&e))?;
        arrowio::positions(s, &arrow::array::RecordBatchReader::schema(&reader))?;
        let batches = prefetch(name, reader.map(move |b| b.map_err(|e| bad(&e))))?;
        tables.push(TableData { spec: s, rows, batches });
    }
    Reader::new(tables).read()
}

/// Decodes batches on a thread of their own, a few ahead of the reader:
/// the big tables are decoded while the earlier ones are turned into
/// records, on the other core.
fn prefetch(
    name: &'static str,
    batches: impl Iterator<Item = Result<RecordBatch, Error>> + Send + 'static,
) -> Result<Box<dyn Iterator<Item = Result<RecordBatch, Error>>>, Error> {
    let (tx, rx) = std::sync::mpsc::sync_channel(2);
    std::thread::Builder::new()
        .name(format!("regdev-read-{name}"))
        .spawn(move || {
            for b in batches {
                // The reader is gone (it stopped at an error): stop too.
                if tx.send(b).is_err() {
                    break;
                }
            }
        })
        .map_err(|e| table_err(name, None, None, format!("cannot start a reading thread: {e}")))?;
    Ok(Box::new(rx.into_iter()))
}

/// Rows per batch when reading a file.
const BATCH_ROWS: usize = 64 * 1024;

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
    let mut tables = Vec::with_capacity(data.len());
    for (d, s) in data.into_iter().zip(spec::ALL) {
        let d = d.ok_or_else(|| table_err(s.name, None, None, "missing table"))?;
        // Every batch checked (columns, types, nulls) before any row is read.
        let mut offset = 0;
        for b in &d {
            Cols::new(s, b, offset)?;
            offset += b.num_rows();
        }
        tables.push(TableData { spec: s, rows: offset, batches: Box::new(d.into_iter().map(Ok)) });
    }
    Reader::new(tables).read()
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

    /// Calls `f` on every row as JSON values (for the small tables).
    fn rows(
        self,
        source_ids: &HashSet<SourceId>,
        mut f: impl FnMut(usize, &[Option<Value>]) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.each(|c| {
            check_sources(c, source_ids)?;
            c.for_each_row(&mut f)
        })
    }
}

/// Every source column of a batch names a known source.
fn check_sources(c: &Cols<'_>, ids: &HashSet<SourceId>) -> Result<(), Error> {
    if c.spec.name == "sources" {
        return Ok(());
    }
    for col in c.spec.cols.iter().filter(|col| col.name == "source" || col.name.ends_with("_source")) {
        let a = c.str(col.name)?;
        for r in 0..c.rows() {
            if let Some(s) = a.get(r) {
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
}

/// A town as read: its row, its JSON object, and each child row alone
/// (with where it came from) to find the row at fault if it is invalid.
type TownParts = (usize, Map<String, Value>, Vec<Provenance>);

/// Where a child row came from and where it went in its town's object:
/// `obj[field][key][index]`, or `obj[field][index]` without a key.
struct Provenance {
    table: &'static Spec,
    row: usize,
    field: &'static str,
    key: Option<String>,
    index: usize,
}

/// The column a serde path (`zones[0].name.english`) points at.
fn column_of(spec: &Spec, path: &str) -> Option<&'static str> {
    let last = path.rsplit('.').next()?.split('[').next()?;
    spec.cols.iter().find(|c| c.path.last() == Some(&last)).map(|c| c.name)
}

fn de<T: for<'de> Deserialize<'de>>(spec: &Spec, row: usize, obj: Map<String, Value>) -> Result<T, Error> {
    let v = Value::Object(obj);
    serde_path_to_error::deserialize(&v).map_err(|e| {
        let path = e.path().to_string();
        table_err(spec.name, Some(row), column_of(spec, &path), e.into_inner().to_string())
    })
}

/// A graph as read.
struct GraphParts {
    focal: TownId,
    actors: Vec<Actor>,
    linkages: Vec<RawLinkage>,
    ids: HashSet<ActorId>,
}

/// The graph of a row's town, remembering the last one: rows of one
/// graph come together.
struct GraphOf<'i> {
    index: &'i HashMap<String, usize>,
    last: Option<(String, usize)>,
}

impl GraphOf<'_> {
    fn get(&mut self, s: &Spec, row: usize, town: &str) -> Result<usize, Error> {
        if let Some((t, g)) = &self.last {
            if t == town {
                return Ok(*g);
            }
        }
        let g = self
            .index
            .get(town)
            .copied()
            .ok_or_else(|| table_err(s.name, Some(row), Some("town"), format!("no graph for town '{town}'")))?;
        self.last = Some((town.to_owned(), g));
        Ok(g)
    }
}

impl Reader {
    fn new(tables: Vec<TableData>) -> Reader {
        Reader { tables: tables.into_iter().map(Some).collect() }
    }

    fn take(&mut self, s: &Spec) -> Result<TableData, Error> {
        self.tables
            .iter_mut()
            .find(|t| t.as_ref().is_some_and(|t| t.spec.name == s.name))
            .and_then(Option::take)
            .ok_or_else(|| table_err(s.name, None, None, "missing table"))
    }

    fn read(mut self) -> Result<Atlas, Error> {
        // Sources first: every source column must name one.
        let t = self.take(&spec::SOURCES)?;
        let mut sources = Vec::with_capacity(t.rows);
        let mut source_ids = HashSet::with_capacity(t.rows);
        t.rows(&source_ids.clone(), |row, cells| {
            let s = de::<Source>(&spec::SOURCES, row, unflatten(&spec::SOURCES, cells))?;
            source_ids.insert(s.id().clone());
            sources.push(s);
            Ok(())
        })?;

        let mut rates = Vec::new();
        self.take(&spec::EXCHANGE_RATES)?.rows(&source_ids, |row, cells| {
            rates.push(de::<ExchangeRate>(&spec::EXCHANGE_RATES, row, unflatten(&spec::EXCHANGE_RATES, cells))?);
            Ok(())
        })?;

        // Archetypes and towns as JSON objects, children added below.
        let mut archetypes: Vec<(usize, Map<String, Value>)> = Vec::new();
        let mut archetype_index = HashMap::new();
        self.take(&spec::ARCHETYPES)?.rows(&source_ids, |row, cells| {
            if let Some(id) = str_at(&spec::ARCHETYPES, cells, "id") {
                archetype_index.entry(id.to_owned()).or_insert(archetypes.len());
            }
            archetypes.push((row, unflatten(&spec::ARCHETYPES, cells)));
            Ok(())
        })?;
        let t = self.take(&spec::TOWNS)?;
        let mut towns: Vec<TownParts> = Vec::with_capacity(t.rows);
        let mut town_index: HashMap<String, usize> = HashMap::with_capacity(t.rows);
        t.rows(&source_ids, |row, cells| {
            if let Some(id) = str_at(&spec::TOWNS, cells, "id") {
                town_index.entry(id.to_owned()).or_insert(towns.len());
            }
            towns.push((row, unflatten(&spec::TOWNS, cells), Vec::new()));
            Ok(())
        })?;
        for (row, obj, _) in &towns {
            if let Some(Value::String(p)) = obj.get("parent") {
                if !town_index.contains_key(p) {
                    return Err(table_err("towns", Some(*row), Some("parent"), format!("unknown town '{p}'")));
                }
            }
        }
        let town_of = |s: &Spec, row: usize, cells: &[Option<Value>]| -> Result<usize, Error> {
            let t = str_at(s, cells, "town").unwrap_or_default();
            town_index
                .get(t)
                .copied()
                .ok_or_else(|| table_err(s.name, Some(row), Some("town"), format!("unknown town '{t}'")))
        };

        // Observations: value, count, unit and currency back to one value.
        let s = &spec::OBSERVATIONS;
        self.take(s)?.rows(&source_ids, |row, cells| {
            let t = town_of(s, row, cells)?;
            let indicator = str_at(s, cells, "indicator").unwrap_or_default();
            let err = |column: &str, m: String| table_err(s.name, Some(row), Some(column), m);
            let ind = indicator.parse::<Indicator>().map_err(|e| err("indicator", e.to_string()))?;
            let mut e = unflatten(s, cells);
            let unit = take(&mut e, &["unit"]);
            if unit.as_ref().and_then(Value::as_str) != Some(ind.unit().id()) {
                return Err(err("unit", format!("{indicator} is measured in '{}', not {:?}", ind.unit().id(), unit)));
            }
            let value = take(&mut e, &["value"]).unwrap_or(Value::Null);
            let currency = take(&mut e, &["currency"]);
            let count = take(&mut e, &["count"]);
            let value = match (currency, count) {
                (Some(_), Some(_)) => return Err(err("count", "a count has no currency".to_owned())),
                (Some(c), None) => {
                    let mut m = Map::new();
                    m.insert("amount".to_owned(), value);
                    m.insert("currency".to_owned(), c);
                    Value::Object(m)
                }
                (None, Some(n)) => {
                    #[allow(clippy::cast_precision_loss)]
                    let as_f64 = n.as_u64().map(|n| n as f64);
                    if as_f64 != value.as_f64() {
                        return Err(err("value", format!("value {value} disagrees with count {n}")));
                    }
                    n
                }
                (None, None) => value,
            };
            e.insert("value".to_owned(), value);
            let (_, obj, kids) = towns.get_mut(t).ok_or_else(|| err("town", "bad index".to_owned()))?;
            let index = push_at(obj, &["key_facts", indicator], Value::Object(e));
            kids.push(Provenance { table: s, row, field: "key_facts", key: Some(indicator.to_owned()), index });
            Ok(())
        })?;

        // Profile claims.
        let s = &spec::PROFILE_CLAIMS;
        self.take(s)?.rows(&source_ids, |row, cells| {
            let err = |column: &str, m: String| table_err(s.name, Some(row), Some(column), m);
            let dim = str_at(s, cells, "dimension").unwrap_or_default().to_owned();
            let mut c = unflatten(s, cells);
            let value = match (take(&mut c, &["value_one"]), take(&mut c, &["value_list"])) {
                (Some(v), None) | (None, Some(v)) => v,
                _ => return Err(err("value", "exactly one of 'value' and 'values' must be set".to_owned())),
            };
            c.insert("value".to_owned(), value);
            let claim = Value::Object(c);
            let obj = match (str_at(s, cells, "town"), str_at(s, cells, "archetype")) {
                (Some(_), None) => {
                    let t = town_of(s, row, cells)?;
                    let (_, obj, kids) = towns.get_mut(t).ok_or_else(|| err("town", "bad index".to_owned()))?;
                    let index = obj
                        .get("profile_claims")
                        .and_then(|c| c.get(&dim))
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len);
                    kids.push(Provenance { table: s, row, field: "profile_claims", key: Some(dim.clone()), index });
                    obj
                }
                (None, Some(a)) => {
                    let i = archetype_index
                        .get(a)
                        .copied()
                        .ok_or_else(|| err("archetype", format!("unknown archetype '{a}'")))?;
                    let (_, obj) = archetypes.get_mut(i).ok_or_else(|| err("archetype", "bad index".to_owned()))?;
                    obj
                }
                _ => return Err(err("town", "exactly one of 'town' and 'archetype' must be set".to_owned())),
            };
            push_at(obj, &["profile_claims", &dim], claim);
            Ok(())
        })?;

        // The list-valued fields of towns.
        for (s, field) in [
            (&spec::SPECIALISATIONS, "specialisations"),
            (&spec::ZONES, "zones"),
            (&spec::ADVANTAGES, "advantages"),
            (&spec::STAGES, "trajectory"),
            (&spec::NOTES, "notes"),
        ] {
            self.take(s)?.rows(&source_ids, |row, cells| {
                let t = town_of(s, row, cells)?;
                let item = Value::Object(unflatten(s, cells));
                let (_, obj, kids) =
                    towns.get_mut(t).ok_or_else(|| table_err(s.name, Some(row), Some("town"), "bad index"))?;
                let index = push_at(obj, &[field], item);
                kids.push(Provenance { table: s, row, field, key: None, index });
                Ok(())
            })?;
        }

        let archetypes = archetypes
            .into_iter()
            .map(|(row, obj)| de::<Archetype>(&spec::ARCHETYPES, row, obj))
            .collect::<Result<Vec<_>, _>>()?;
        // Towns are independent: deserialize them on every core, keeping
        // order and reporting the first error in row order.
        let town_records = {
            use rayon::prelude::*;
            let results: Vec<Result<Town, Error>> =
                towns.into_par_iter().map(|(row, obj, kids)| town_from(row, obj, &kids)).collect();
            results.into_iter().collect::<Result<Vec<_>, _>>()?
        };

        let graphs = self.graphs(&town_index, &source_ids)?;
        let doc = AtlasDocument::from_parts(sources, rates, archetypes, town_records, graphs);
        Atlas::from_document(doc)
    }

    /// The linkage graphs, straight from the typed columns (no JSON value
    /// per row): references checked, ids and sources shared with the
    /// records they name.
    fn graphs(
        &mut self,
        town_index: &HashMap<String, usize>,
        source_ids: &HashSet<SourceId>,
    ) -> Result<Vec<RawGraph>, Error> {
        let mut graphs: Vec<GraphParts> = Vec::new();
        let mut graph_index: HashMap<String, usize> = HashMap::new();
        let s = &spec::GRAPHS;
        self.take(s)?.each(|c| {
            let town = c.str("town")?;
            for r in 0..c.rows() {
                let row = c.offset + r;
                let t = town.get(r).unwrap_or_default();
                let err = |m: String| table_err(s.name, Some(row), Some("town"), m);
                if !town_index.contains_key(t) {
                    return Err(err(format!("unknown town '{t}'")));
                }
                if graph_index.insert(t.to_owned(), graphs.len()).is_some() {
                    return Err(err(format!("a second graph for town '{t}'")));
                }
                let focal = TownId::new(t).map_err(|e| err(e.to_string()))?;
                graphs.push(GraphParts { focal, actors: Vec::new(), linkages: Vec::new(), ids: HashSet::new() });
            }
            Ok(())
        })?;
        let source = |s: &Spec, row: usize, column: &str, id: &str| -> Result<SourceId, Error> {
            source_ids
                .get(id)
                .cloned()
                .ok_or_else(|| table_err(s.name, Some(row), Some(column), format!("unknown source '{id}'")))
        };

        let s = &spec::ACTORS;
        let mut graph_of = GraphOf { index: &graph_index, last: None };
        self.take(s)?.each(|c| {
            let (town, id, name, kind) = (c.str("town")?, c.str("id")?, c.str("name")?, c.str("kind")?);
            let (place, src) = (c.str("place")?, c.str("source")?);
            for r in 0..c.rows() {
                let row = c.offset + r;
                let err = |column: &str, m: String| table_err(s.name, Some(row), Some(column), m);
                let g = graph_of.get(s, row, town.get(r).unwrap_or_default())?;
                let id = ActorId::new(id.get(r).unwrap_or_default()).map_err(|e| err("id", e.to_string()))?;
                let kind: ActorKind = vocab(s, row, "kind", kind.get(r).unwrap_or_default())?;
                let mut actor =
                    Actor::new(id, name.get(r).unwrap_or_default(), kind).map_err(|e| err("name", e.to_string()))?;
                if let Some(p) = place.get(r) {
                    actor = actor.with_place(p).map_err(|e| err("place", e.to_string()))?;
                }
                if let Some(id) = src.get(r) {
                    actor = actor.with_source(source(s, row, "source", id)?);
                }
                let p = graphs.get_mut(g).ok_or_else(|| err("town", "bad index".to_owned()))?;
                p.ids.insert(actor.id().clone());
                p.actors.push(actor);
            }
            Ok(())
        })?;

        let s = &spec::LINKAGES;
        let mut graph_of = GraphOf { index: &graph_index, last: None };
        self.take(s)?.each(|c| {
            let (town, from, to) = (c.str("town")?, c.str("from")?, c.str("to")?);
            let (kind, scale, valence, src) = (c.str("kind")?, c.str("scale")?, c.str("valence")?, c.str("source")?);
            let (since, until, weight) = (c.year("since")?, c.year("until")?, c.f64("weight")?);
            for r in 0..c.rows() {
                let row = c.offset + r;
                let err = |column: &str, m: String| table_err(s.name, Some(row), Some(column), m);
                let g = graph_of.get(s, row, town.get(r).unwrap_or_default())?;
                let p = graphs.get_mut(g).ok_or_else(|| err("town", "bad index".to_owned()))?;
                let end = |column: &str, a: Option<&str>| -> Result<ActorId, Error> {
                    let a = a.unwrap_or_default();
                    p.ids
                        .get(a)
                        .cloned()
                        .ok_or_else(|| err(column, format!("unknown actor '{a}' in the graph of '{}'", p.focal)))
                };
                let (f, t) = (end("from", from.get(r))?, end("to", to.get(r))?);
                if f == t {
                    return Err(err("to", format!("linkage from actor '{f}' to itself")));
                }
                let kind: LinkageKind = vocab(s, row, "kind", kind.get(r).unwrap_or_default())?;
                let scale: Scale = vocab(s, row, "scale", scale.get(r).unwrap_or_default())?;
                let valence: Valence = vocab(s, row, "valence", valence.get(r).unwrap_or_default())?;
                let mut l = Linkage::new(kind, scale, source(s, row, "source", src.get(r).unwrap_or_default())?)
                    .with_valence(valence);
                let (y0, y1) = (year(s, row, "since", since.get(r))?, year(s, row, "until", until.get(r))?);
                if let (Some(a), Some(b)) = (y0, y1) {
                    if b < a {
                        return Err(err("until", Error::UntilBeforeSince { since: a, until: b }.to_string()));
                    }
                }
                if let Some(y) = y0 {
                    l = l.with_since(y);
                }
                if let Some(y) = y1 {
                    l = l.with_until(y);
                }
                if let Some(w) = weight.get(r) {
                    l = l.with_weight(w).map_err(|e| err("weight", e.to_string()))?;
                }
                p.linkages.push(RawLinkage::new(f, t, l));
            }
            Ok(())
        })?;
        Ok(graphs.into_iter().map(|p| RawGraph::new(p.focal, p.actors, p.linkages)).collect())
    }
}

/// Appends `v` to the array at `path`; returns its index there.
fn push_at(obj: &mut Map<String, Value>, path: &[&str], v: Value) -> usize {
    let mut cur = obj;
    let Some((last, init)) = path.split_last() else { return 0 };
    for k in init {
        let next = cur.entry((*k).to_owned()).or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(m) = next else { return 0 };
        cur = m;
    }
    match cur.entry((*last).to_owned()).or_insert_with(|| Value::Array(Vec::new())) {
        Value::Array(a) => {
            a.push(v);
            a.len() - 1
        }
        _ => 0,
    }
}

/// Deserializes a town; on failure, finds the row at fault by trying the
/// town's own row, then each child row alone.
fn town_from(row: usize, obj: Map<String, Value>, kids: &[Provenance]) -> Result<Town, Error> {
    let v = Value::Object(obj);
    // Fast path without field paths; only a failing town is read again
    // with them (the error is the same).
    if let Ok(t) = Town::deserialize(&v) {
        return Ok(t);
    }
    let first = match serde_path_to_error::deserialize::<_, Town>(&v) {
        Ok(t) => return Ok(t),
        Err(e) => e,
    };
    let Value::Object(obj) = v else { return Err(table_err("towns", Some(row), None, first.to_string())) };
    let mut bare = obj.clone();
    for k in ["key_facts", "profile_claims", "specialisations", "zones", "advantages", "trajectory", "notes"] {
        bare.remove(k);
    }
    de::<Town>(&spec::TOWNS, row, bare.clone())?;
    for p in kids {
        let list = match &p.key {
            Some(k) => obj.get(p.field).and_then(|f| f.get(k)),
            None => obj.get(p.field),
        };
        let Some(item) = list.and_then(|l| l.get(p.index)) else { continue };
        let mut one = bare.clone();
        match &p.key {
            Some(k) => {
                push_at(&mut one, &[p.field, k], item.clone());
            }
            None => {
                push_at(&mut one, &[p.field], item.clone());
            }
        }
        if let Err(e) = serde_path_to_error::deserialize::<_, Town>(&Value::Object(one)) {
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

    #[test]
    fn leftover_finds_nested_fields() {
        let v: Map<String, Value> = serde_json::from_str(r#"{"a": {}, "b": {"c": 1}}"#).unwrap_or_default();
        assert_eq!(arrowio::leftover(&v).as_deref(), Some("b.c"));
    }
}
