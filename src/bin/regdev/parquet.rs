//! `regdev export parquet -o DIR` and reading such a directory back
//! (`--atlas DIR`, `regdev validate DIR`).

use std::path::Path;

use regdev::{Atlas, Error};

use crate::cli::ExportArgs;
use crate::load;
use crate::output::{Failure, note};
use crate::progress::Progress;

/// Loads a directory of Parquet tables into a validated atlas.
pub(crate) fn load_dir(dir: &Path) -> Result<Atlas, Error> {
    let bar = Progress::count(0, "rows", format!("loading Parquet tables from {}", dir.display()));
    let handle = bar.handle();
    regdev::tables::read_dir_with_progress(dir, move |read, total| {
        if let Some(b) = &handle {
            b.set_length(total);
            b.set_position(read);
        }
    })
}

/// `regdev export parquet -o DIR`.
pub(crate) fn export(args: &ExportArgs) -> Result<(), Failure> {
    if let Some(t) = &args.town {
        return Err(Failure::usage(format!("unexpected TOWN '{t}': export parquet writes the whole atlas")));
    }
    let Some(dir) = args.output.as_deref() else {
        return Err(Failure::usage("export parquet needs -o DIR (it writes one file per table)"));
    };
    if dir.is_file() {
        return Err(Failure::usage(format!("'{}' is a file; export parquet writes into a directory", dir.display())));
    }
    let atlas = load::atlas(args.atlas.atlas.as_deref())?;
    let batches = {
        let records = (atlas.towns().len() + atlas.graphs().len()) as u64;
        let bar = Progress::count(records, "towns and graphs", "building tables");
        let handle = bar.handle();
        regdev::tables::to_batches_with_progress(&atlas, |done, _| {
            if let Some(b) = &handle {
                b.set_position(done);
            }
        })?
    };
    let rows: usize = batches.iter().map(|(_, b)| b.num_rows()).sum();
    let bar = Progress::count(rows as u64, "rows", "writing Parquet");
    {
        use rayon::prelude::*;
        // One file per table: written on every core.
        batches.par_iter().try_for_each(|(name, batch)| -> Result<(), Error> {
            regdev::tables::write_batch(dir, name, batch)?;
            bar.inc(batch.num_rows() as u64);
            Ok(())
        })?;
    }
    drop(bar);
    note(&format!("wrote {} Parquet tables into {}", regdev::tables::TABLES.len(), dir.display()));
    Ok(())
}
