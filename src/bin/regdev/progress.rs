//! Progress bars on standard error for long steps (load, validate, export,
//! all-pairs distances, large figures): counts and throughput on a
//! terminal, nothing at all otherwise (pipes, files, CI logs).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Work smaller than this shows no bar: it is over before one would help.
pub(crate) const MIN_BYTES: u64 = 16 << 20;

/// Whether bars are drawn: standard error is a terminal.
pub(crate) fn enabled() -> bool {
    std::io::stderr().is_terminal()
}

/// `REGDEV_PROGRESS=always` draws a bar for every step that has one, however
/// small its work (for trying the bars out, and for tests); still only on a
/// terminal.
fn always() -> bool {
    std::env::var_os("REGDEV_PROGRESS").is_some_and(|v| v == "always")
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
        let bar = (enabled() && (total >= MIN_BYTES || always())).then(|| {
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
        Progress::new(enabled().then(|| count_bar(total, unit, message.into(), ProgressDrawTarget::stderr())))
    }

    /// A count of items with throughput if `large`, else nothing; its
    /// total comes with the first count of [`Progress::callback`].
    pub(crate) fn count_if(large: bool, unit: &str, message: impl Into<String>) -> Progress {
        if !(large || always()) {
            return Progress(None);
        }
        // Drawn from the first count on, once the total is known.
        Progress(enabled().then(|| count_bar(0, unit, message.into(), ProgressDrawTarget::hidden())))
    }

    /// A count of bytes written, with throughput, if `large`; nothing
    /// otherwise. [`Progress::writer`] counts them.
    pub(crate) fn written_if(large: bool, message: impl Into<String>) -> Progress {
        let bar = ((large || always()) && enabled()).then(|| {
            let b = ProgressBar::new_spinner();
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} {msg} {binary_bytes} {binary_bytes_per_sec} {elapsed}")
            {
                b.set_style(style);
            }
            b.set_message(message.into());
            b
        });
        Progress::new(bar)
    }

    /// The callback of a library operation that takes a
    /// [`regdev::Progress`]: `done` of `total` items move this bar.
    pub(crate) fn callback(&self) -> impl FnMut(u64, u64) + Send + 'static {
        let bar = self.handle();
        move |done, total| {
            if let Some(b) = &bar {
                b.set_length(total);
                b.set_position(done);
                if b.is_hidden() {
                    b.set_draw_target(ProgressDrawTarget::stderr());
                    b.enable_steady_tick(Duration::from_millis(120));
                }
            }
        }
    }

    /// [`Progress::callback`], and once every item is counted the message
    /// becomes `then` (the step after the counted one, e.g. writing out
    /// what was counted, with the elapsed time still ticking).
    pub(crate) fn callback_then(&self, then: &'static str) -> impl FnMut(u64, u64) + Send + 'static {
        let bar = self.handle();
        let mut update = self.callback();
        move |done, total| {
            update(done, total);
            if let (Some(b), true) = (&bar, done == total) {
                b.set_message(then);
            }
        }
    }

    /// A count of bytes written, with throughput, if `large`; nothing
    /// otherwise. Drawn from the first byte [`Progress::writer`] counts on
    /// (so that it follows the bar of the step before it).
    pub(crate) fn written_later_if(large: bool, message: impl Into<String>) -> Progress {
        let bar = ((large || always()) && enabled()).then(|| {
            let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} {msg} {binary_bytes} {binary_bytes_per_sec} {elapsed}")
            {
                b.set_style(style);
            }
            b.set_message(message.into());
            b
        });
        Progress(bar)
    }

    /// [`Progress::callback`], and once every item is counted the bar is
    /// cleared (for a step followed by a bar of its own).
    pub(crate) fn callback_clear(&self) -> impl FnMut(u64, u64) + Send + 'static {
        let bar = self.handle();
        let mut update = self.callback();
        move |done, total| {
            update(done, total);
            if let (Some(b), true) = (&bar, done == total) {
                b.finish_and_clear();
            }
        }
    }

    /// `out`, counting the bytes written on this bar, buffered: the bar
    /// counts 64 KiB at a time (serializers write a few bytes at a time,
    /// and a bar update per write costs more than the writing).
    pub(crate) fn writer<W: std::io::Write>(&self, out: W) -> std::io::BufWriter<Counted<W>> {
        std::io::BufWriter::with_capacity(1 << 16, Counted { out, bar: self.handle() })
    }

    /// The bar itself, for a library callback that outlives this borrow
    /// (`None` when nothing is drawn).
    pub(crate) fn handle(&self) -> Option<ProgressBar> {
        self.0.clone()
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

/// A bar counting `total` items of `unit`, with throughput, drawn on
/// `target` (set first: setting the message draws).
fn count_bar(total: u64, unit: &str, message: String, target: ProgressDrawTarget) -> ProgressBar {
    let b = ProgressBar::with_draw_target(Some(total), target);
    let template = format!("{{msg}} [{{bar:30}}] {{human_pos}}/{{human_len}} {unit} {{per_sec}} {{elapsed}}");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        b.set_style(style.progress_chars("=> "));
    }
    b.set_message(message);
    b
}

/// A writer that counts the bytes written on a bar.
pub(crate) struct Counted<W> {
    out: W,
    bar: Option<ProgressBar>,
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        if let Some(b) = &self.bar {
            b.inc(n as u64);
            if b.is_hidden() {
                // A bar of `written_later_if`: drawn from now on.
                b.set_draw_target(ProgressDrawTarget::stderr());
                b.tick();
                b.enable_steady_tick(Duration::from_millis(120));
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
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

/// Reads standard input to its end. Its size is not known beforehand, so
/// the bar (once more than [`MIN_BYTES`] came in) counts the bytes read
/// with their rate, without a total.
pub(crate) fn read_stdin() -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let bar = enabled().then(|| {
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} reading standard input {binary_bytes} {binary_bytes_per_sec} {elapsed}",
        ) {
            b.set_style(style);
        }
        b
    });
    let _clear = Progress(bar.clone());
    let mut shown = false;
    let mut bytes = Vec::new();
    let mut stdin = std::io::stdin().lock();
    loop {
        // 8 MiB at a time, straight into the result.
        let n = (&mut stdin).take(8 << 20).read_to_end(&mut bytes)?;
        if n == 0 {
            break;
        }
        if let Some(b) = &bar {
            b.inc(n as u64);
            if !shown && (b.position() >= MIN_BYTES || always()) {
                shown = true;
                b.set_draw_target(ProgressDrawTarget::stderr());
                // Drawn now (`tick` draws nothing once ticking steadily).
                b.tick();
                b.enable_steady_tick(Duration::from_millis(120));
            }
        }
    }
    Ok(bytes)
}
