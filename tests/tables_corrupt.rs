//! Corrupt Parquet files found by fuzzing (`fuzz/`, target `parquet_tables`):
//! each loads as a typed error naming its table, never a panic and never a
//! table cut short.

#![cfg(feature = "parquet")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use regdev::{Atlas, Error};

/// The built-in export with `table`'s file replaced by `bytes`, read back.
fn read_with(table: &str, bytes: &[u8]) -> Result<Atlas, Error> {
    let dir = std::env::temp_dir().join(format!("regdev-corrupt-{table}-{}", std::process::id()));
    regdev::tables::write_dir(Atlas::builtin(), &dir).unwrap();
    std::fs::write(dir.join(format!("{table}.parquet")), bytes).unwrap();
    let out = regdev::tables::read_dir(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    out
}

/// The built-in export with `table`'s file replaced by `bytes` fails to
/// load with an "unreadable Parquet" error naming `table`.
fn assert_unreadable(table: &str, bytes: &[u8]) {
    match read_with(table, bytes) {
        Err(Error::Table { table: named, message, .. }) => {
            assert_eq!(named, table);
            assert!(message.starts_with("unreadable Parquet"), "{message}");
        }
        other => panic!("expected a table error, got {other:?}"),
    }
}

#[test]
fn a_decoder_panic_on_a_corrupt_dictionary_page_is_an_error_naming_the_table() {
    // parquet 59.3.2 panics ("decoder set") on this model_claims file; the
    // panic happens on the reader's decoding thread and must come back as
    // an error, not end the table early (which would load an atlas
    // without the table's later rows).
    let bytes = include_bytes!("fixtures/fuzz/parquet-model-claims-decoder-panic.parquet");
    assert_unreadable("model_claims", bytes);
}

#[test]
fn a_page_header_declaring_a_huge_list_is_an_error_in_seconds_not_a_hang() {
    // A notes file whose page header declares a list of millions of
    // elements: parquet 59.3.2's header parser skips them one by one
    // without noticing the end of its input (its reader-backed
    // `skip_bytes` ignores how much it read). Read from the file, each
    // step was a system call and the load ran for more than six minutes
    // (found by fuzzing: a libFuzzer timeout); read from memory it is an
    // error naming the table after about 4 s in a release build (30 s
    // unoptimised, as tests run: the loop is generic code compiled here).
    let bytes = include_bytes!("fixtures/fuzz/parquet-notes-slow-page-header.parquet");
    assert_unreadable("notes", bytes);
}
