//! Progress bars on standard error for long steps (load, validate, export,
//! all-pairs distances, large figures): counts and throughput on a
//! terminal, nothing at all otherwise (pipes, files, CI logs).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Work smaller than this shows no bar: it is over before one would help.
pub(crate) const MIN_BYTES: u64 = 16 << 20;

/// Whether bars are drawn: standard error is a terminal.
pub(crate) fn enabled() -> bool {
    std::io::stderr().is_terminal()
}

/// A bar, or nothing; cleared when dropped.
pub(crate) struct Progress(Option<ProgressBar>);

impl Progress {
    fn new(bar: Option<ProgressBar>) -> Progress {
        if let Some(b) = &bar {
            b.enable_steady_tick(Duration::from_millis(120));
        }
        Progress(bar)
    }

    /// A byte count with throughput (`420 MiB/820 MiB, 310 MiB/s`).
    pub(crate) fn bytes(total: u64, message: impl Into<String>) -> Progress {
        let bar = (enabled() && total >= MIN_BYTES).then(|| {
            let b = ProgressBar::new(total);
            if let Ok(style) = ProgressStyle::with_template(
                "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {elapsed}",
            ) {
                b.set_style(style.progress_chars("=> "));
            }
            b.set_message(message.into());
            b
        });
        Progress::new(bar)
    }

    /// A count of items with throughput (`3/14 tables, 2.1M rows`).
    pub(crate) fn count(total: u64, unit: &str, message: impl Into<String>) -> Progress {
        let bar = enabled().then(|| {
            let b = ProgressBar::new(total);
            let template = format!("{{msg}} [{{bar:30}}] {{human_pos}}/{{human_len}} {unit} {{per_sec}} {{elapsed}}");
            if let Ok(style) = ProgressStyle::with_template(&template) {
                b.set_style(style.progress_chars("=> "));
            }
            b.set_message(message.into());
            b
        });
        Progress::new(bar)
    }

    /// A count without a known total, with throughput (`52,000 records,
    /// 41,000/s`), if `large`; nothing otherwise.
    pub(crate) fn counter_if(large: bool, unit: &str, message: impl Into<String>) -> Progress {
        let bar = (large && enabled()).then(|| {
            let b = ProgressBar::new_spinner();
            let template = format!("{{spinner}} {{msg}} {{human_pos}} {unit} {{per_sec}} {{elapsed}}");
            if let Ok(style) = ProgressStyle::with_template(&template) {
                b.set_style(style);
            }
            b.set_message(message.into());
            b
        });
        Progress::new(bar)
    }

    /// The bar itself, for a library callback that outlives this borrow
    /// (`None` when nothing is drawn).
    pub(crate) fn handle(&self) -> Option<ProgressBar> {
        self.0.clone()
    }

    /// A spinner with the elapsed time, for a step that reports no counts.
    pub(crate) fn spinner(message: impl Into<String>) -> Progress {
        let bar = enabled().then(|| {
            let b = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
                b.set_style(style);
            }
            b.set_message(message.into());
            b
        });
        Progress::new(bar)
    }

    /// A spinner if `large`, else nothing.
    pub(crate) fn spinner_if(large: bool, message: impl Into<String>) -> Progress {
        if large { Progress::spinner(message) } else { Progress(None) }
    }

    pub(crate) fn inc(&self, n: u64) {
        if let Some(b) = &self.0 {
            b.inc(n);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// Reads a file with a byte progress bar.
pub(crate) fn read_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = Progress::bytes(len, format!("reading {}", path.display()));
    // Read straight into the result, 8 MiB at a time (no copy through a
    // buffer); a file that grows while read is read to its end.
    let mut bytes = vec![0u8; usize::try_from(len).unwrap_or(0)];
    let mut filled = 0;
    while let Some(rest) = bytes.get_mut(filled..).filter(|r| !r.is_empty()) {
        let end = rest.len().min(8 << 20);
        let n = f.read(rest.get_mut(..end).unwrap_or_default())?;
        if n == 0 {
            break;
        }
        filled += n;
        bar.inc(n as u64);
    }
    bytes.truncate(filled);
    f.read_to_end(&mut bytes)?;
    Ok(bytes)
}
