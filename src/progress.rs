//! Progress of long operations: the [`Progress`] callback and the
//! chunked counter that reports to it.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Receives the progress of a long operation as `done` of `total` items:
/// graphs and towns validated, towns audited, pairs of cases measured,
/// actors placed in a figure.
///
/// Operations that take one (the `*_with_progress` methods:
/// [`Atlas::validate_document_with_progress`](crate::Atlas::validate_document_with_progress),
/// [`Atlas::audit_with_progress`](crate::Atlas::audit_with_progress),
/// [`FittedGower::matrix_with_progress`](crate::FittedGower::matrix_with_progress),
/// [`LinkageGraph::path_centralities_with_progress`](crate::LinkageGraph::path_centralities_with_progress)
/// and, with feature `figures`, `DistanceFigure::from_atlas_with_progress`
/// and `Figure::to_svg_with_progress`; with feature `synth`,
/// `synth::atlas_with_progress` and `synth::write_peer_files_with_progress`
/// (towns and graphs generated); with feature `json`,
/// `Atlas::document_from_json_with_progress`, whose items are bytes)
/// promise that
///
/// - the first call is `(0, total)`, so a progress bar knows its length at
///   once, and `total` stays the same through the operation;
/// - `done` never decreases and never exceeds `total`; when the operation
///   completes (not when it fails) the last call has `done == total`;
/// - there are at most about [`MAX_UPDATES`] calls, however many items:
///   work is counted in chunks (a row of pairs, a graph, a thousand towns),
///   so a callback costs nothing measurable next to the work;
/// - calls may come from any of the threads doing the work, but never two
///   at once (hence `Send`, not `Sync`). A call that finds another one
///   under way is skipped, so a slow callback slows no worker.
///
/// Any `FnMut(u64, u64) + Send` closure is a `Progress`, as are the
/// callbacks of the older `*_with_progress` functions (`tables`, feature
/// `parquet`). No terminal output comes from the library: the `regdev`
/// binary draws these counts as progress bars.
///
/// # Example
///
/// ```
/// use regdev::Atlas;
/// let doc = Atlas::builtin().to_document();
/// let mut seen = Vec::new();
/// let atlas = Atlas::validate_document_with_progress(doc, |done, total| seen.push((done, total)))
///     .map_err(|mut errors| errors.remove(0))?;
/// let total = (atlas.towns().len() + atlas.graphs().len()) as u64;
/// assert_eq!(seen.first(), Some(&(0, total)));
/// assert_eq!(seen.last(), Some(&(total, total)));
/// assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
/// # Ok::<(), regdev::Error>(())
/// ```
pub trait Progress: Send {
    /// `done` of `total` items are finished.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Progress;
    /// /// Prints a line at every tenth of the work.
    /// struct Tenths(u64);
    /// impl Progress for Tenths {
    ///     fn update(&mut self, done: u64, total: u64) {
    ///         let tenth = if total == 0 { 10 } else { done * 10 / total };
    ///         if tenth > self.0 {
    ///             self.0 = tenth;
    ///             eprintln!("{}% done", tenth * 10);
    ///         }
    ///     }
    /// }
    /// let atlas = regdev::Atlas::builtin();
    /// let findings = atlas.audit_with_progress(&regdev::audit::AuditOptions::default(), Tenths(0));
    /// assert_eq!(findings, atlas.audit());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    fn update(&mut self, done: u64, total: u64);
}

impl<F: FnMut(u64, u64) + Send> Progress for F {
    fn update(&mut self, done: u64, total: u64) {
        self(done, total);
    }
}

/// The most calls a [`Progress`] receives from one operation, give or take
/// the first and the last: counts are reported each time they cross one
/// more `1 / MAX_UPDATES` of the total.
///
/// # Example
///
/// ```
/// let mut calls = 0;
/// let atlas = regdev::Atlas::builtin();
/// let _ = atlas.audit_with_progress(&regdev::audit::AuditOptions::default(), |_, _| calls += 1);
/// assert!(calls <= regdev::MAX_UPDATES + 2);
/// ```
pub const MAX_UPDATES: usize = 1_000;

/// Counts finished items from any thread and reports them to a
/// [`Progress`] each time the count crosses one more step (a
/// `1 / MAX_UPDATES` of the total). Without a callback, counting is a
/// branch and nothing else.
pub(crate) struct Tally<'p> {
    done: AtomicU64,
    total: u64,
    step: u64,
    sink: Option<Mutex<Sink<'p>>>,
}

struct Sink<'p> {
    progress: &'p mut dyn Progress,
    last: u64,
}

impl<'p> Tally<'p> {
    /// A tally of `total` items reporting to `progress`; reports `(0, total)`.
    pub(crate) fn new(progress: &'p mut dyn Progress, total: u64) -> Tally<'p> {
        progress.update(0, total);
        Tally {
            done: AtomicU64::new(0),
            total,
            step: total.div_ceil(MAX_UPDATES as u64).max(1),
            sink: Some(Mutex::new(Sink { progress, last: 0 })),
        }
    }

    /// A tally that reports nowhere.
    pub(crate) fn none() -> Tally<'static> {
        Tally { done: AtomicU64::new(0), total: 0, step: 1, sink: None }
    }

    /// `n` more items are finished.
    #[inline]
    pub(crate) fn add(&self, n: u64) {
        let Some(sink) = &self.sink else { return };
        let before = self.done.fetch_add(n, Ordering::Relaxed);
        if (before + n) / self.step != before / self.step {
            // Another thread reporting: skip; the next step or `finish`
            // reports the count.
            if let Ok(mut s) = sink.try_lock() {
                self.report(&mut s);
            }
        }
    }

    fn report(&self, s: &mut Sink<'_>) {
        let done = self.done.load(Ordering::Relaxed).min(self.total);
        if done > s.last {
            s.last = done;
            s.progress.update(done, self.total);
        }
    }

    /// Reports the final count (the total, when every item was counted).
    pub(crate) fn finish(&self) {
        if let Some(sink) = &self.sink {
            let mut s = match sink.lock() {
                Ok(s) => s,
                Err(poisoned) => poisoned.into_inner(),
            };
            self.report(&mut s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_bounded_monotone_counts_from_many_threads() {
        let mut seen = Vec::new();
        let mut record = |d: u64, t: u64| seen.push((d, t));
        let total = 1_000_000u64;
        {
            let tally = Tally::new(&mut record, total);
            std::thread::scope(|s| {
                for _ in 0..4 {
                    s.spawn(|| {
                        for _ in 0..total / 4 {
                            tally.add(1);
                        }
                    });
                }
            });
            tally.finish();
        }
        assert_eq!(seen.first(), Some(&(0, total)));
        assert_eq!(seen.last(), Some(&(total, total)));
        assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "counts must increase");
        assert!(seen.len() <= MAX_UPDATES + 2, "{} updates", seen.len());
        assert!(seen.len() > 10, "only {} updates", seen.len());
    }

    #[test]
    fn none_counts_nothing_and_small_totals_report_every_item() {
        let t = Tally::none();
        t.add(5);
        t.finish();
        let mut seen = Vec::new();
        let mut record = |d: u64, t: u64| seen.push((d, t));
        {
            let tally = Tally::new(&mut record, 3);
            for _ in 0..3 {
                tally.add(1);
            }
            tally.finish();
        }
        assert_eq!(seen, [(0, 3), (1, 3), (2, 3), (3, 3)]);
    }
}
