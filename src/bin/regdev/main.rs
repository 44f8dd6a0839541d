//! `regdev`: the command-line face of the `regdev` crate.
//!
//! Validate atlas files, list towns, compare and classify them, analyse
//! their linkage graphs and export the atlas in other formats, on the
//! built-in atlas or on a file given with `--atlas FILE` (`-` reads
//! standard input). Built only with the `cli` feature:
//!
//! ```text
//! cargo install --path . --features cli
//! cargo run --features cli -- compare kunshan shunde
//! ```
//!
//! # Conventions
//!
//! - Results go to standard output, diagnostics to standard error.
//! - Exit codes: 0 success; 1 invalid input or a failed check (an invalid
//!   atlas, an unknown town id, an unreadable file); 2 a usage error
//!   (clap's default for bad arguments, kept).
//! - No panic is expected anywhere; should one happen all the same, a panic
//!   hook prints a one-line internal-error message (no backtrace, no panic
//!   payload formatting beyond the message) and the process exits with 1.
//! - A closed standard output (`regdev towns | head -1`) ends the program
//!   quietly with exit code 0.

mod cli;
mod commands;
mod compare;
mod draw;
mod graph;
mod import;
mod load;
mod lookup;
mod output;
mod parquet;
mod progress;
mod qca;
mod schema;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::output::Failure;

/// The tool's allocator: loading a large atlas makes millions of small
/// allocations on every core, which mimalloc serves with less CPU than the
/// system allocator (whose per-thread arenas grow by small steps, each an
/// `mprotect` call and page faults). The library itself leaves the
/// allocator to its users.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // mimalloc asks for transparent huge pages where the system offers them
    // on request; on the virtual machines measured, faulting in fresh huge
    // pages made loads slower and their time erratic (the kernel's time
    // grew from 1.5 s to 4 s loading the 100k-town JSON atlas). Small pages
    // for this process only; failing to set that changes nothing else.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    std::panic::set_hook(Box::new(|info| {
        // The Parquet reader turns a decoder's panic on one of its threads
        // into the table's error, which is what the user sees.
        if std::thread::current().name().is_some_and(|n| n.starts_with(regdev::tables::READER_THREAD_PREFIX)) {
            return;
        }
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_owned());
        eprintln!("regdev: internal error: {message} (this is a bug in regdev; please report it)");
    }));
    // Parsing exits by itself: 0 for --help/--version, 2 for usage errors.
    let cli = Cli::parse();
    match std::panic::catch_unwind(move || run(cli)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(failure)) => failure.report(),
        Err(_) => ExitCode::from(1),
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Validate(args) => commands::validate(&args),
        Command::Towns(args) => commands::towns(&args),
        Command::Compare(args) => compare::compare(&args),
        Command::Classify(args) => compare::classify(&args),
        Command::Graph(args) => graph::graph(&args),
        Command::Export(args) => commands::export(&args),
        Command::Import(args) => import::import(&args),
        Command::Synth(args) => commands::synth(&args),
        Command::Draw(args) => draw::draw(&args),
        Command::Report(args) => draw::report(&args),
        Command::Lookup(args) => lookup::lookup(&args),
        Command::Qca(args) => qca::run(&args),
    }
}
