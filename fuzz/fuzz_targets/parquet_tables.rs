//! The Parquet reader on corrupted tables: the built-in atlas's export,
//! with one table's file replaced by the input's bytes (its first byte
//! picks which of the export's files, the rest is the file).
//!
//! Any outcome is fine except a panic, an abort, a timeout or running out
//! of memory: a file that is not Parquet, a truncated page, a wrong column
//! type or a dangling reference must each come back as a typed error. An
//! export that loads must load again, equal, after a round trip.
//!
//! The `parquet` crate itself can panic on corrupt pages (59.3.2: "decoder
//! set"); the reader opens and decodes each file on threads whose names
//! start with `tables::READER_THREAD_PREFIX` and turns such a panic into an
//! error. libFuzzer aborts on any panic, so this target lets panics on
//! those threads unwind (and checks that the load then fails); a panic
//! anywhere else still aborts.
//!
//! Seeds: `mkdir -p corpus/parquet_tables` and run the `seed` step in this
//! crate's README (each export file prefixed with its index byte).

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// The export's directory (written once per process) and its files, sorted.
fn base() -> &'static (PathBuf, Vec<(PathBuf, Vec<u8>)>) {
    static BASE: OnceLock<(PathBuf, Vec<(PathBuf, Vec<u8>)>)> = OnceLock::new();
    BASE.get_or_init(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name().is_some_and(|n| n.starts_with(regdev::tables::READER_THREAD_PREFIX)) {
                eprintln!("contained decoder panic: {info}");
                CONTAINED.store(true, std::sync::atomic::Ordering::SeqCst);
            } else {
                abort(info);
            }
        }));
        let dir = std::env::temp_dir().join(format!("regdev-fuzz-parquet-{}", std::process::id()));
        regdev::tables::write_dir(regdev::Atlas::builtin(), &dir).expect("export the built-in atlas");
        let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
            .expect("list the export")
            .map(|e| {
                let path = e.expect("entry").path();
                let bytes = std::fs::read(&path).expect("read a table");
                (path, bytes)
            })
            .collect();
        files.sort();
        (dir, files)
    })
}

/// Set when a decoding thread panicked during the current input.
static CONTAINED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let (dir, files) = base();
    let (path, original) = &files[usize::from(pick) % files.len()];
    std::fs::write(path, bytes).expect("write the fuzzed table");
    CONTAINED.store(false, std::sync::atomic::Ordering::SeqCst);
    let outcome = regdev::tables::read_dir(dir);
    let panicked = CONTAINED.load(std::sync::atomic::Ordering::SeqCst);
    assert!(!(panicked && outcome.is_ok()), "a decoder panicked but the export loaded");
    std::fs::write(path, original).expect("restore the table");
    match outcome {
        Ok(atlas) => {
            let again = dir.with_extension("again");
            regdev::tables::write_dir(&atlas, &again).expect("export a loaded atlas");
            let back = regdev::tables::read_dir(&again).expect("reload its export");
            assert!(back == atlas, "Parquet round trip changed the atlas");
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
