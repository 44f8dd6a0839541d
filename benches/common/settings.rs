//! The criterion settings every bench shares. It needs no cargo feature, so
//! the benches of optional parts that do not use the synthetic workloads
//! (`qca`, `gazetteer`) include this file alone:
//! `#[path = "common/settings.rs"] mod settings;`.

use std::time::Duration;

use criterion::Criterion;

/// Criterion with `samples` samples, a 0.5 s warm-up and 3 s of
/// measurement: short enough for `.ci/run`'s `--no-run` build to stay
/// cheap and for a full run on a shared 2-core machine.
pub(crate) fn config(samples: usize) -> Criterion {
    Criterion::default()
        .sample_size(samples)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}
