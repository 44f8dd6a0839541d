//! Parquet tables: export, lossless read-back, and typed errors naming the
//! table, row and column for invalid content.
//!
//! `cargo test --features parquet,synth,proptest --test tables`

#![cfg(all(feature = "parquet", feature = "synth"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, Int64Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use regdev::synth::{self, SynthConfig};
use regdev::{Atlas, Error, tables};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("regdev-tables-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// JSON -> Parquet (files) -> atlas -> JSON is the identity.
fn roundtrip_files(atlas: &Atlas, name: &str) {
    let dir = temp_dir(name);
    tables::write_dir(atlas, &dir).unwrap();
    for t in tables::TABLES {
        assert!(dir.join(format!("{t}.parquet")).is_file(), "{t}.parquet written");
    }
    let back = tables::read_dir(&dir).unwrap();
    assert_eq!(back.to_json_pretty().unwrap(), atlas.to_json_pretty().unwrap());
    assert_eq!(&back, atlas);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn builtin_roundtrips_through_parquet_files() {
    roundtrip_files(Atlas::builtin(), "builtin");
}

#[test]
fn builtin_json_text_roundtrips() {
    // Start from the JSON text, as a user would.
    let json = Atlas::builtin().to_json_pretty().unwrap();
    let atlas = Atlas::from_json_str(&json).unwrap();
    let dir = temp_dir("builtin-text");
    tables::write_dir(&atlas, &dir).unwrap();
    assert_eq!(tables::read_dir(&dir).unwrap().to_json_pretty().unwrap(), json);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn synthetic_atlases_roundtrip() {
    for (seed, towns) in [(1, 200), (2, 50), (3, 1)] {
        let config =
            SynthConfig::new().towns(towns).seed(seed).actors_per_town(12).unwrap().graph_fraction(0.3).unwrap();
        let atlas = synth::atlas(&config).unwrap();
        roundtrip_files(&atlas, &format!("synth-{seed}"));
    }
    // Sparse: most facts and dimensions missing.
    let config = SynthConfig::new().towns(100).seed(9).missing_facts(0.7).unwrap().missing_dimensions(0.7).unwrap();
    roundtrip_files(&synth::atlas(&config).unwrap(), "synth-sparse");
}

#[test]
fn empty_atlas_roundtrips() {
    roundtrip_files(&Atlas::builder().build().unwrap(), "empty");
}

#[test]
fn every_table_is_written_with_rows() {
    let batches = tables::to_batches(Atlas::builtin()).unwrap();
    let names: Vec<&str> = batches.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, tables::TABLES);
    let rows = |t: &str| batches.iter().find(|(n, _)| *n == t).unwrap().1.num_rows();
    let a = Atlas::builtin();
    assert_eq!(rows("towns"), a.towns().count());
    assert_eq!(rows("sources"), a.sources().count());
    assert_eq!(rows("graphs"), a.graphs().count());
    assert_eq!(rows("actors"), a.graphs().map(|g| g.actor_count()).sum::<usize>());
    assert_eq!(rows("linkages"), a.graphs().map(|g| g.linkage_count()).sum::<usize>());
    let obs: usize = a.towns().map(|t| t.key_facts().observations().len()).sum();
    assert_eq!(rows("observations"), obs);
    for t in ["archetypes", "profile_claims", "zones", "specialisations", "stages", "notes", "advantages"] {
        assert!(rows(t) > 0, "{t} has rows in the built-in atlas");
    }
}

// --- invalid content -------------------------------------------------------

fn owned(batches: Vec<(&'static str, RecordBatch)>) -> Vec<(String, RecordBatch)> {
    batches.into_iter().map(|(n, b)| (n.to_owned(), b)).collect()
}

/// The built-in tables with `table` replaced by `f(batch)`.
fn altered(table: &str, f: impl Fn(&RecordBatch) -> RecordBatch) -> Vec<(String, RecordBatch)> {
    owned(tables::to_batches(Atlas::builtin()).unwrap())
        .into_iter()
        .map(|(n, b)| if n == table { (n, f(&b)) } else { (n, b) })
        .collect()
}

/// `batch` with `column` replaced.
fn with_column(batch: &RecordBatch, column: &str, field: Field, array: ArrayRef) -> RecordBatch {
    let schema = batch.schema();
    let i = schema.index_of(column).unwrap();
    let mut fields: Vec<Field> = schema.fields().iter().map(|f| f.as_ref().clone()).collect();
    let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
    fields[i] = field;
    columns[i] = array;
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap()
}

/// `batch` with row `row` of string column `column` set to `value`.
fn set_string(batch: &RecordBatch, column: &str, row: usize, value: Option<&str>) -> RecordBatch {
    let old = batch.column_by_name(column).unwrap().as_any().downcast_ref::<StringArray>().unwrap();
    let new: StringArray =
        (0..old.len()).map(|i| if i == row { value } else { old.is_valid(i).then(|| old.value(i)) }).collect();
    with_column(batch, column, Field::new(column, DataType::Utf8, true), Arc::new(new))
}

/// `tables` with row `row` of string column `column` of `table` set to `value`.
fn with_cell(
    tables: &[(String, RecordBatch)],
    table: &str,
    column: &str,
    row: usize,
    value: &str,
) -> Vec<(String, RecordBatch)> {
    tables
        .iter()
        .map(
            |(n, b)| {
                if n == table { (n.clone(), set_string(b, column, row, Some(value))) } else { (n.clone(), b.clone()) }
            },
        )
        .collect()
}

fn message(tables: Vec<(String, RecordBatch)>) -> String {
    match tables::from_batches(tables) {
        Ok(_) => panic!("invalid tables loaded"),
        Err(e) => {
            assert!(matches!(e, Error::Table { .. }), "typed table error, got {e:?}");
            e.to_string()
        }
    }
}

#[test]
fn missing_table_is_named() {
    let t: Vec<_> =
        owned(tables::to_batches(Atlas::builtin()).unwrap()).into_iter().filter(|(n, _)| n != "zones").collect();
    assert_eq!(message(t), "table 'zones': missing table");

    let dir = temp_dir("missing");
    tables::write_dir(Atlas::builtin(), &dir).unwrap();
    std::fs::remove_file(dir.join("linkages.parquet")).unwrap();
    let err = tables::read_dir(&dir).unwrap_err().to_string();
    assert!(err.starts_with("table 'linkages': missing table: cannot open"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn exports_from_before_model_claims_load() {
    // An export written before the `model_claims` table existed has no
    // such file: it reads as an atlas without model claims.
    let config = SynthConfig::new().towns(40).seed(5).actors_per_town(2).unwrap();
    let atlas = synth::atlas(&config).unwrap();
    assert!(atlas.towns().all(|t| t.model_claims().len() <= 1));
    let dir = temp_dir("no-model-claims");
    tables::write_dir(&atlas, &dir).unwrap();
    std::fs::remove_file(dir.join("model_claims.parquet")).unwrap();
    // This export says it wrote the table: its loss is an error.
    let err = tables::read_dir(&dir).unwrap_err().to_string();
    assert!(err.starts_with("table 'model_claims': missing table: cannot open"), "{err}");
    // `towns.parquet` as an older writer wrote it (no list of tables).
    let towns = dir.join("towns.parquet");
    let batch = {
        let file = std::fs::File::open(&towns).unwrap();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReader::try_new(file, 1024).unwrap();
        let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
        arrow::compute::concat_batches(&batches[0].schema(), &batches).unwrap()
    };
    let write_old = |batch: &RecordBatch| {
        let file = std::fs::File::create(&towns).unwrap();
        let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
        w.write(batch).unwrap();
        w.close().unwrap();
    };
    write_old(&batch);
    assert_eq!(tables::read_dir(&dir).unwrap(), atlas);
    // `towns.model` is still read and checked.
    let models = batch.column_by_name("model").unwrap();
    let row = (0..batch.num_rows()).find(|&r| models.is_valid(r)).unwrap();
    write_old(&set_string(&batch, "model", row, Some("atlantis_model")));
    let err = tables::read_dir(&dir).unwrap_err().to_string();
    assert!(err.starts_with(&format!("table 'towns', row {row}, column 'model': ")), "{err}");
    // Any other missing table is still an error.
    std::fs::remove_file(dir.join("notes.parquet")).unwrap();
    let err = tables::read_dir(&dir).unwrap_err().to_string();
    assert!(err.starts_with("table 'notes': missing table: cannot open"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn wrong_column_type_is_named() {
    let t = altered("zones", |b| {
        let n = b.num_rows();
        let years: Int64Array = (0..n).map(|_| Some(1992_i64)).collect();
        with_column(b, "approved", Field::new("approved", DataType::Int64, true), Arc::new(years))
    });
    assert_eq!(message(t), "table 'zones', column 'approved': has type Int64, expected int16");
}

#[test]
fn missing_and_extra_columns_are_named() {
    let t = altered("towns", |b| {
        let mut b = b.clone();
        b.remove_column(b.schema().index_of("level").unwrap());
        b
    });
    assert_eq!(message(t), "table 'towns', column 'level': missing column");
    let t = altered("towns", |b| {
        let schema = b.schema();
        let mut fields: Vec<Field> = schema.fields().iter().map(|f| f.as_ref().clone()).collect();
        fields.push(Field::new("population", DataType::Utf8, true));
        let mut cols = b.columns().to_vec();
        cols.push(Arc::new(StringArray::from(vec![Some("x"); b.num_rows()])));
        RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).unwrap()
    });
    assert_eq!(message(t), "table 'towns', column 'population': unexpected column (not in the documented layout)");
}

#[test]
fn null_in_required_column_is_named() {
    let t = altered("towns", |b| set_string(b, "level", 2, None));
    assert_eq!(message(t), "table 'towns', row 2, column 'level': null in a required column");
}

#[test]
fn dangling_references_are_named() {
    let t = altered("linkages", |b| set_string(b, "to", 3, Some("ghost")));
    let m = message(t);
    assert!(m.starts_with("table 'linkages', row 3, column 'to': unknown actor 'ghost' in the graph of"), "{m}");

    let t = altered("observations", |b| set_string(b, "town", 0, Some("atlantis")));
    assert_eq!(message(t), "table 'observations', row 0, column 'town': unknown town 'atlantis'");

    let t = altered("zones", |b| set_string(b, "source", 1, Some("nobody-said")));
    assert_eq!(message(t), "table 'zones', row 1, column 'source': unknown source 'nobody-said'");

    let t = altered("towns", |b| set_string(b, "parent", 1, Some("nowhere")));
    assert_eq!(message(t), "table 'towns', row 1, column 'parent': unknown town 'nowhere'");

    let t = altered("linkages", |b| set_string(b, "source", 4, Some("nobody-said")));
    assert_eq!(message(t), "table 'linkages', row 4, column 'source': unknown source 'nobody-said'");

    let t = altered("actors", |b| set_string(b, "town", 1, Some("atlantis")));
    assert_eq!(message(t), "table 'actors', row 1, column 'town': no graph for town 'atlantis'");

    let t = altered("linkages", |b| {
        let from = b.column_by_name("from").unwrap().as_any().downcast_ref::<StringArray>().unwrap().value(2);
        set_string(b, "to", 2, Some(from))
    });
    let m = message(t);
    assert!(m.starts_with("table 'linkages', row 2, column 'to': linkage from actor '"), "{m}");

    let t = altered("profile_claims", |b| set_string(b, "archetype", 0, Some("atlantis")));
    let m = message(t);
    assert!(m.starts_with("table 'profile_claims', row 0, column "), "{m}");
}

#[test]
fn invalid_values_are_named() {
    let t = altered("towns", |b| set_string(b, "level", 0, Some("metropolis")));
    let m = message(t);
    assert!(m.starts_with("table 'towns', row 0, column 'level': unknown variant `metropolis`"), "{m}");

    let t = altered("observations", |b| set_string(b, "currency", 2, Some("doubloons")));
    let m = message(t);
    assert!(m.starts_with("table 'observations', row 2, column "), "{m}");
    assert!(m.contains("doubloons"), "{m}");

    let t = altered("observations", |b| set_string(b, "unit", 0, Some("money")));
    let m = message(t);
    assert!(m.starts_with("table 'observations', row 0, column 'unit': "), "{m}");

    let t = altered("linkages", |b| set_string(b, "kind", 0, Some("friendship")));
    let m = message(t);
    assert!(m.starts_with("table 'linkages', row 0, column 'kind': unknown variant `friendship`"), "{m}");

    let t = altered("linkages", |b| set_string(b, "valence", 1, Some("hostile")));
    let m = message(t);
    assert!(m.starts_with("table 'linkages', row 1, column 'valence': unknown variant `hostile`"), "{m}");

    let t = altered("actors", |b| set_string(b, "name", 0, Some("  ")));
    let m = message(t);
    assert!(m.starts_with("table 'actors', row 0, column 'name': "), "{m}");

    let t = altered("actors", |b| set_string(b, "id", 0, Some("Not A Slug")));
    let m = message(t);
    assert!(m.starts_with("table 'actors', row 0, column 'id': invalid actor id"), "{m}");
}

#[test]
fn hostile_files_are_errors_not_panics() {
    let dir = temp_dir("hostile");
    tables::write_dir(Atlas::builtin(), &dir).unwrap();
    // Not Parquet at all.
    std::fs::write(dir.join("towns.parquet"), b"PAR1 this is not parquet").unwrap();
    let m = tables::read_dir(&dir).unwrap_err().to_string();
    assert!(m.starts_with("table 'towns': unreadable Parquet"), "{m}");
    // Truncated.
    tables::write_dir(Atlas::builtin(), &dir).unwrap();
    let bytes = std::fs::read(dir.join("linkages.parquet")).unwrap();
    for cut in [0, 4, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(dir.join("linkages.parquet"), &bytes[..cut]).unwrap();
        let m = tables::read_dir(&dir).unwrap_err().to_string();
        assert!(m.starts_with("table 'linkages': unreadable Parquet"), "cut at {cut}: {m}");
    }
    // Every single-byte corruption is an error or a valid atlas, never a panic.
    for i in (0..bytes.len()).step_by(7) {
        let mut b = bytes.clone();
        b[i] ^= 0x5a;
        std::fs::write(dir.join("linkages.parquet"), &b).unwrap();
        let _ = tables::read_dir(&dir);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ranked_and_dated_claims_roundtrip() -> Result<(), Box<dyn std::error::Error>> {
    use regdev::Ownership;
    use regdev::{AdminLevel, Claim, DimensionValue, Name, Period, Rank, Source, SourceId, Town, TownId, Year};
    let s = SourceId::new("s")?;
    let t = SourceId::new("t")?;
    let town = Town::builder(TownId::new("a")?, Name::new("A")?, AdminLevel::Town)
        .claim(
            Claim::new(DimensionValue::Ownership(Ownership::Collective), s.clone())
                .with_period(Period::new(Year::new(1978)?, Some(Year::new(1997)?))?),
        )
        .claim(
            Claim::new(DimensionValue::Ownership(Ownership::Private), t.clone())
                .with_period(Period::new(Year::new(1998)?, None)?)
                .ranked(Rank::Preferred),
        )
        .claim(Claim::new(DimensionValue::Ownership(Ownership::State), t.clone()).ranked(Rank::Deprecated))
        .build()?;
    let atlas = Atlas::builder()
        .source(Source::new(s, regdev::SourceKind::Book, "S")?)
        .source(Source::new(t, regdev::SourceKind::Book, "T")?)
        .town(town)
        .build()?;
    roundtrip_files(&atlas, "claims");
    let batches = tables::to_batches(&atlas)?;
    let claims = &batches.iter().find(|(n, _)| *n == "profile_claims").ok_or("no claims")?.1;
    assert_eq!(claims.num_rows(), 3);
    let rank = claims.column_by_name("rank").ok_or("rank")?.as_any().downcast_ref::<StringArray>().ok_or("str")?;
    assert_eq!(rank.iter().collect::<Vec<_>>(), [Some("normal"), Some("preferred"), Some("deprecated")]);
    Ok(())
}

// --- the typed reader's own error paths ---------------------------------------

/// `batch` with its row `row` appended again at the end.
fn with_row_repeated(batch: &RecordBatch, row: usize) -> RecordBatch {
    arrow::compute::concat_batches(&batch.schema(), &[batch.clone(), batch.slice(row, 1)]).unwrap()
}

/// `batch` with row `row` of float column `column` set to `value`.
fn set_f64(batch: &RecordBatch, column: &str, row: usize, value: Option<f64>) -> RecordBatch {
    use arrow::array::Float64Array;
    let old = batch.column_by_name(column).unwrap().as_any().downcast_ref::<Float64Array>().unwrap();
    let new: Float64Array =
        (0..old.len()).map(|i| if i == row { value } else { old.is_valid(i).then(|| old.value(i)) }).collect();
    with_column(batch, column, Field::new(column, DataType::Float64, true), Arc::new(new))
}

#[test]
fn child_tables_name_wrong_types_and_nulls() {
    // Wrong column type in a child table of towns.
    let t = altered("observations", |b| {
        let n = b.num_rows();
        let counts: Int64Array = (0..n).map(|_| None).collect();
        with_column(b, "count", Field::new("count", DataType::Int64, true), Arc::new(counts))
    });
    assert_eq!(message(t), "table 'observations', column 'count': has type Int64, expected uint64");
    let t = altered("stages", |b| {
        let n = b.num_rows();
        let lists: Int64Array = (0..n).map(|_| None).collect();
        with_column(b, "upgrading", Field::new("upgrading", DataType::Int64, true), Arc::new(lists))
    });
    assert_eq!(message(t), "table 'stages', column 'upgrading': has type Int64, expected list<string>");

    // Null in a required column of a child table.
    let t = altered("observations", |b| set_f64(b, "value", 1, None));
    assert_eq!(message(t), "table 'observations', row 1, column 'value': null in a required column");
    let t = altered("profile_claims", |b| set_string(b, "dimension", 0, None));
    assert_eq!(message(t), "table 'profile_claims', row 0, column 'dimension': null in a required column");
    let t = altered("specialisations", |b| set_string(b, "product", 0, None));
    assert_eq!(message(t), "table 'specialisations', row 0, column 'product': null in a required column");

    // A number JSON cannot hold.
    let t = altered("observations", |b| set_f64(b, "value", 0, Some(f64::NAN)));
    assert_eq!(message(t), "table 'observations', row 0, column 'value': non-finite number NaN");
}

#[test]
fn child_tables_name_dangling_references() {
    for table in ["profile_claims", "specialisations", "zones", "advantages", "stages", "notes"] {
        let t = altered(table, |b| {
            let towns = b.column_by_name("town").unwrap().as_any().downcast_ref::<StringArray>().unwrap();
            // A claim of an archetype has no town: pick a town's row.
            let row = (0..b.num_rows()).find(|&r| towns.is_valid(r)).unwrap();
            set_string(b, "town", row, Some("atlantis"))
        });
        let m = message(t);
        assert!(m.starts_with(&format!("table '{table}', row ")), "{m}");
        assert!(m.ends_with("column 'town': unknown town 'atlantis'"), "{m}");
    }
    for table in ["observations", "profile_claims", "stages", "notes", "actors", "exchange_rates"] {
        let t = altered(table, |b| set_string(b, "source", 0, Some("nobody-said")));
        assert_eq!(message(t), format!("table '{table}', row 0, column 'source': unknown source 'nobody-said'"));
    }
}

#[test]
fn conflicts_between_rows_name_the_later_row() {
    // The same advantage listed twice for a town: the repeated row is named.
    let t = altered("advantages", |b| with_row_repeated(b, 0));
    let rows = tables::to_batches(Atlas::builtin()).unwrap();
    let n = rows.iter().find(|(n, _)| *n == "advantages").unwrap().1.num_rows();
    let m = message(t);
    assert!(m.starts_with(&format!("table 'advantages', row {n}")), "{m}");
    assert!(m.contains("listed twice"), "{m}");

    // The same claim twice.
    let t = altered("profile_claims", |b| {
        let towns = b.column_by_name("town").unwrap().as_any().downcast_ref::<StringArray>().unwrap();
        let row = (0..b.num_rows()).find(|&r| towns.is_valid(r)).unwrap();
        with_row_repeated(b, row)
    });
    let m = message(t);
    assert!(m.starts_with("table 'profile_claims', row "), "{m}");
    assert!(m.contains("twice"), "{m}");

    // Two actors with one id in a graph.
    let t = altered("actors", |b| {
        let ids = b.column_by_name("id").unwrap().as_any().downcast_ref::<StringArray>().unwrap();
        let first = ids.value(0).to_owned();
        set_string(b, "id", 1, Some(&first))
    });
    let m = message(t);
    assert!(m.starts_with("table 'actors', row 1, column 'id': duplicate actor id '"), "{m}");

    // A count that disagrees with its value.
    let t = altered("observations", |b| {
        use arrow::array::UInt64Array;
        let counts = b.column_by_name("count").unwrap().as_any().downcast_ref::<UInt64Array>().unwrap();
        let row = (0..b.num_rows()).find(|&r| counts.is_valid(r)).expect("a count in the built-in atlas");
        let v = counts.value(row) as f64;
        set_f64(b, "value", row, Some(v + 0.5))
    });
    let m = message(t);
    assert!(m.contains("column 'value': value ") && m.contains("disagrees with count"), "{m}");
}

/// `batch` with every string column dictionary-encoded (`Int32` keys), as
/// the reader asks for the columns a file stores with a dictionary.
fn dictionary_encoded(batch: &RecordBatch) -> RecordBatch {
    let dict = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    let (fields, columns): (Vec<Field>, Vec<ArrayRef>) = batch
        .schema()
        .fields()
        .iter()
        .zip(batch.columns())
        .map(|(f, c)| {
            if *f.data_type() == DataType::Utf8 {
                (Field::new(f.name(), dict.clone(), f.is_nullable()), arrow::compute::cast(c, &dict).unwrap())
            } else {
                (f.as_ref().clone(), c.clone())
            }
        })
        .unzip();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap()
}

fn all_dictionary_encoded(t: Vec<(String, RecordBatch)>) -> Vec<(String, RecordBatch)> {
    t.into_iter().map(|(n, b)| (n, dictionary_encoded(&b))).collect()
}

#[test]
fn dictionary_encoded_columns_read_as_plain_ones() {
    // Many graphs, so that a batch's graphs are filled on several threads.
    let config = SynthConfig::new().towns(300).seed(4).actors_per_town(12).unwrap();
    let atlas = synth::atlas(&config).unwrap();
    let batches = owned(tables::to_batches(&atlas).unwrap());
    assert_eq!(tables::from_batches(all_dictionary_encoded(batches.clone())).unwrap(), atlas);
    assert_eq!(
        &tables::from_batches(all_dictionary_encoded(altered("zones", |b| b.clone()))).unwrap(),
        Atlas::builtin()
    );

    // The same error, naming the same row and column, either way; with
    // two faults the earlier row is named, whichever thread found it.
    let with = |table: &str, faults: &[(&str, usize, &str)]| -> Vec<(String, RecordBatch)> {
        batches
            .iter()
            .map(|(n, b)| {
                let mut b = b.clone();
                if n == table {
                    for &(column, row, value) in faults {
                        b = set_string(&b, column, row, Some(value));
                    }
                }
                (n.clone(), b)
            })
            .collect()
    };
    type Fault<'a> = (&'a str, usize, &'a str);
    let cases: [(&str, &[Fault<'_>], &str); 9] = [
        (
            "linkages",
            &[("to", 9000, "ghost"), ("from", 2500, "ghost")],
            "row 2500, column 'from': unknown actor 'ghost'",
        ),
        ("linkages", &[("kind", 17000, "bribery"), ("kind", 11000, "bribery")], "row 11000, column 'kind'"),
        ("linkages", &[("scale", 5, "cosmic")], "row 5, column 'scale'"),
        ("linkages", &[("valence", 12345, "sour")], "row 12345, column 'valence'"),
        ("linkages", &[("source", 16000, "nobody-said"), ("town", 14000, "atlantis")], "row 14000, column 'town'"),
        ("actors", &[("kind", 3000, "alien"), ("id", 2000, "Bad Id")], "row 2000, column 'id'"),
        ("actors", &[("source", 100, "nobody-said")], "row 100, column 'source': unknown source 'nobody-said'"),
        ("actors", &[("id", 1201, "a0")], "row 1201, column 'id': duplicate actor id 'a0'"),
        ("graphs", &[("town", 7, "atlantis")], "row 7, column 'town': unknown town 'atlantis'"),
    ];
    for (table, faults, expected) in cases {
        let plain = message(with(table, faults));
        assert!(plain.contains(expected), "{table} {faults:?}: {plain}");
        assert_eq!(message(all_dictionary_encoded(with(table, faults))), plain, "{table} {faults:?}");
    }
}

/// `tables` with every table cut into batches of `rows` rows (as a file's
/// row groups arrive).
fn in_batches(tables: Vec<(String, RecordBatch)>, rows: usize) -> Vec<(String, RecordBatch)> {
    let mut out = Vec::new();
    for (n, b) in tables {
        if b.num_rows() == 0 {
            out.push((n, b));
            continue;
        }
        let mut start = 0;
        while start < b.num_rows() {
            let len = rows.min(b.num_rows() - start);
            out.push((n.clone(), b.slice(start, len)));
            start += len;
        }
    }
    out
}

#[test]
fn faults_in_later_batches_name_their_row() {
    // Towns and their child rows spread over several batches: the towns
    // built from them are the same, and a fault in a later batch is
    // reported at its row over the whole table, plain or dictionary.
    let config = SynthConfig::new().towns(1200).seed(6).actors_per_town(0).unwrap();
    let atlas = synth::atlas(&config).unwrap();
    let batches = owned(tables::to_batches(&atlas).unwrap());
    assert_eq!(tables::from_batches(in_batches(batches.clone(), 400)).unwrap(), atlas);
    let obs_rows = batches.iter().find(|(n, _)| n == "observations").unwrap().1.num_rows();
    let claim_rows = batches.iter().find(|(n, _)| n == "profile_claims").unwrap().1.num_rows();
    assert!(obs_rows > 1200 && claim_rows > 1200, "{obs_rows} {claim_rows}");
    // Whole tables with one cell set; `with` splits them into batches.
    let edited = |table: &str, column: &str, row: usize, value: &str| with_cell(&batches, table, column, row, value);
    let with = |table: &str, column: &str, row: usize, value: &str| in_batches(edited(table, column, row, value), 400);
    let cases = [
        ("towns", "level", 1000, "metropolis", "table 'towns', row 1000, column 'level': unknown variant `metropolis`"),
        ("towns", "name_english", 799, " ", "table 'towns', row 799: english name must not be empty"),
        ("towns", "code", 400, "12x", "table 'towns', row 400, column 'code': "),
        (
            "observations",
            "qualifier",
            obs_rows - 1,
            "roughly",
            &format!("table 'observations', row {}, column 'qualifier': unknown variant `roughly`", obs_rows - 1),
        ),
        ("observations", "unit", 900, "share", "table 'observations', row 900, column 'unit': "),
        (
            "profile_claims",
            "rank",
            claim_rows - 2,
            "best",
            &format!("table 'profile_claims', row {}, column 'rank': unknown variant `best`", claim_rows - 2),
        ),
        ("profile_claims", "dimension", 1199, "mood", "table 'profile_claims', row 1199: unknown field `mood`"),
    ];
    for (table, column, row, value, expected) in cases {
        let plain = message(with(table, column, row, value));
        assert!(plain.starts_with(expected), "{table}.{column} row {row}: {plain}");
        assert_eq!(message(all_dictionary_encoded(with(table, column, row, value))), plain, "{table}.{column}");
        // Whole tables give the same error.
        assert_eq!(message(edited(table, column, row, value)), plain, "{table}.{column}");
    }
}

#[test]
fn dangling_graph_sources_are_still_named() {
    // The atlas does not look the graphs' sources up again after the
    // Parquet reader: the reader names a dangling one, in any row.
    let config = SynthConfig::new().towns(50).seed(8).actors_per_town(6).unwrap();
    let atlas = synth::atlas(&config).unwrap();
    let batches = owned(tables::to_batches(&atlas).unwrap());
    let rows = |table: &str| batches.iter().find(|(n, _)| n == table).unwrap().1.num_rows();
    for (table, row) in [("linkages", 0), ("linkages", rows("linkages") - 1), ("actors", rows("actors") / 2)] {
        let t = with_cell(&batches, table, "source", row, "nobody-said");
        let expected = format!("table '{table}', row {row}, column 'source': unknown source 'nobody-said'");
        assert_eq!(message(t.clone()), expected);
        assert_eq!(message(in_batches(t.clone(), 100)), expected);
        assert_eq!(message(all_dictionary_encoded(t)), expected);
    }
}

#[test]
fn dangling_town_sources_are_still_named() {
    // The atlas does not look the towns' citations up again after the
    // Parquet reader either: the reader names a dangling source in every
    // source column of the town tables, in any row, whole, in batches
    // and dictionary-encoded.
    let builtin = owned(tables::to_batches(Atlas::builtin()).unwrap());
    let config = SynthConfig::new().towns(60).seed(9).actors_per_town(0).unwrap();
    let synthetic = owned(tables::to_batches(&synth::atlas(&config).unwrap()).unwrap());
    let columns = [
        ("towns", "code_source"),
        ("towns", "model_source"),
        ("observations", "source"),
        ("profile_claims", "source"),
        ("model_claims", "source"),
        ("specialisations", "source"),
        ("zones", "source"),
        ("advantages", "source"),
        ("stages", "source"),
        ("notes", "source"),
    ];
    let mut checked = std::collections::HashMap::new();
    for batches in [&builtin, &synthetic] {
        for (table, column) in columns {
            let batch = &batches.iter().find(|(n, _)| n == table).unwrap().1;
            let cited = batch.column_by_name(column).unwrap();
            // A row that cites a source (of a town, where claims of
            // archetypes share the table): the first, and the last.
            let town = batch.column_by_name(if table == "towns" { "id" } else { "town" }).unwrap();
            let rows: Vec<usize> = (0..batch.num_rows()).filter(|&r| cited.is_valid(r) && town.is_valid(r)).collect();
            for row in [rows.first(), rows.last()].into_iter().flatten().copied() {
                let t = with_cell(batches, table, column, row, "nobody-said");
                let expected = format!("table '{table}', row {row}, column '{column}': unknown source 'nobody-said'");
                assert_eq!(message(t.clone()), expected);
                assert_eq!(message(in_batches(t.clone(), 7)), expected);
                assert_eq!(message(all_dictionary_encoded(t)), expected);
                *checked.entry((table, column)).or_insert(0) += 1;
            }
        }
    }
    // Every column had a citing row in at least one of the atlases.
    for c in columns {
        assert!(checked.get(&c).is_some_and(|&n| n > 0), "no row cites a source in {c:?}");
    }
}

/// `batch` with the rows of `town` moved to the end, in their order.
fn town_rows_moved_last(batch: &RecordBatch, town: &str) -> RecordBatch {
    let towns = batch.column_by_name("town").unwrap().as_any().downcast_ref::<StringArray>().unwrap();
    let (mine, rest): (Vec<u32>, Vec<u32>) =
        (0..batch.num_rows() as u32).partition(|&r| towns.is_valid(r as usize) && towns.value(r as usize) == town);
    assert!(!mine.is_empty());
    let order = arrow::array::UInt32Array::from(rest.into_iter().chain(mine).collect::<Vec<_>>());
    let columns = batch.columns().iter().map(|c| arrow::compute::take(c, &order, None).unwrap()).collect();
    RecordBatch::try_new(batch.schema(), columns).unwrap()
}

#[test]
fn child_rows_in_any_order_load_the_same() {
    // The reader streams child tables whose rows come in town order (as
    // written); rows in another order are read again with the whole
    // tables held: the same atlas, from batches and from files.
    let config = SynthConfig::new().towns(1000).seed(10).actors_per_town(2).unwrap();
    let atlas = synth::atlas(&config).unwrap();
    let first = atlas.towns().next().unwrap().id().as_str().to_owned();
    for table in ["observations", "profile_claims"] {
        let moved: Vec<(String, RecordBatch)> = owned(tables::to_batches(&atlas).unwrap())
            .into_iter()
            .map(|(n, b)| if n == table { (n, town_rows_moved_last(&b, &first)) } else { (n, b) })
            .collect();
        assert_eq!(tables::from_batches(in_batches(moved.clone(), 300)).unwrap(), atlas, "{table}");
        let dir = temp_dir(&format!("moved-{table}"));
        for (n, b) in &moved {
            tables::write_batch(&dir, n, b).unwrap();
        }
        assert_eq!(tables::read_dir(&dir).unwrap(), atlas, "{table}");
        std::fs::remove_dir_all(&dir).unwrap();
        // And a fault among the moved rows is named as before.
        let last = moved.iter().find(|(n, _)| n == table).unwrap().1.num_rows() - 1;
        let faulty = with_cell(&moved, table, "source", last, "nobody-said");
        assert_eq!(
            message(faulty),
            format!("table '{table}', row {last}, column 'source': unknown source 'nobody-said'")
        );
    }
}

#[test]
fn a_town_error_comes_before_a_graph_error() {
    // A town's error is the one reported, from a batch list and from files
    // (whose child tables are streamed) alike.
    let bad_town = with_cell(&owned(tables::to_batches(Atlas::builtin()).unwrap()), "towns", "level", 1, "metropolis");
    let both = with_cell(&bad_town, "linkages", "to", 3, "ghost");
    let m = message(both.clone());
    assert!(m.starts_with("table 'towns', row 1, column 'level': "), "{m}");
    let dir = temp_dir("town-and-graph-errors");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, batch) in &both {
        tables::write_batch(&dir, name, batch).unwrap();
    }
    let m = tables::read_dir(&dir).unwrap_err().to_string();
    assert!(m.starts_with("table 'towns', row 1, column 'level': "), "{m}");
    // The graph's error alone is still found.
    let only_graph = with_cell(&owned(tables::to_batches(Atlas::builtin()).unwrap()), "linkages", "to", 3, "ghost");
    for (name, batch) in &only_graph {
        tables::write_batch(&dir, name, batch).unwrap();
    }
    let m = tables::read_dir(&dir).unwrap_err().to_string();
    assert!(m.starts_with("table 'linkages', row 3, column 'to': unknown actor 'ghost'"), "{m}");
    std::fs::remove_dir_all(&dir).unwrap();
}
