//! The town child tables read one batch at a time while the towns are
//! built, a chunk of towns at a time: only the batches that hold the
//! rows of the towns being built (and at most one batch beyond) are
//! held, never a whole decoded table.
//!
//! This needs each child table's rows in town order (the order of the
//! `towns` table), as the export writes them. A table in another order,
//! or any error at all, stops the streamed read; the caller then reads
//! everything again with the whole tables held ([`Reader::read`]), which
//! accepts any order and reports the first error exactly as it always
//! has (the same table, row, column and message): the streamed read
//! checks rows in another order than that one, so it never reports an
//! error itself.

use arrow::array::RecordBatch;

use super::arrowio::{Cols, TableView};
use super::spec::Spec;
use super::towns::Direct;
use super::{Error, Grouped, HashMap, HashSet, TOWN_CHUNK, TableData, batch_owners, build_town, table_err};
use crate::{SourceId, Town, TownId};

/// One child table, read batch by batch.
pub(super) struct Child {
    spec: &'static Spec,
    field: &'static str,
    data: Box<dyn Iterator<Item = Result<RecordBatch, Error>>>,
    /// The batches held, in row order.
    window: Vec<RecordBatch>,
    /// The table row of the window's first row.
    start: usize,
    /// Each held row's town (`usize::MAX`: an archetype's claim).
    owners: Vec<usize>,
    /// The table row after the last batch read.
    next: usize,
    /// The latest town a row was read for.
    last_town: Option<usize>,
    done: bool,
}

impl Child {
    pub(super) fn new(t: TableData, field: &'static str) -> Child {
        Child {
            spec: t.spec,
            field,
            data: t.batches,
            window: Vec::new(),
            start: 0,
            owners: Vec::new(),
            next: 0,
            last_town: None,
            done: false,
        }
    }

    /// Reads batches until one holds a row of a town at or after `end`
    /// or the table ends, checking each batch's sources and towns; the
    /// rows of archetypes (a profile claim without a town) are kept in
    /// `archetype_rows`, one row each with its table row.
    fn fill(
        &mut self,
        end: usize,
        t: &Towns<'_, '_>,
        archetype_rows: &mut Vec<(usize, RecordBatch)>,
    ) -> Result<(), Error> {
        // Where no town id repeats, a town's row is the one with its id.
        let next = (t.index.len() == t.ids.len()).then_some(t.ids);
        let (sources, towns) = (t.sources, t.index);
        let s = self.spec;
        while !self.done && self.last_town.is_none_or(|t| t < end) {
            let Some(b) = self.data.next() else {
                self.done = true;
                break;
            };
            let b = b?;
            let c = Cols::new(s, &b, self.next)?;
            let mut owners = Vec::with_capacity(b.num_rows());
            batch_owners(&c, sources, towns, next, &mut owners, |c, r| {
                if s.index("archetype").is_some() {
                    archetype_rows.push((c.offset + r, b.slice(r, 1)));
                    Ok(usize::MAX)
                } else {
                    Err(table_err(s.name, Some(c.offset + r), Some("town"), "unknown town ''"))
                }
            })?;
            for (r, &t) in owners.iter().enumerate() {
                if t == usize::MAX {
                    continue;
                }
                if self.last_town.is_some_and(|last| t < last) {
                    let m = "rows not in the order of their towns (the table is read again whole)";
                    return Err(table_err(s.name, Some(self.next + r), Some("town"), m));
                }
                self.last_town = Some(t);
            }
            self.next += b.num_rows();
            self.owners.extend(owners);
            self.window.push(b);
        }
        Ok(())
    }

    /// The held rows of towns `first..end`, grouped by town.
    fn grouped(&self, first: usize, end: usize) -> Grouped {
        Grouped::window(first, end, &self.owners, self.start)
    }

    /// Drops the leading batches whose rows all belong to towns before
    /// `end` (or to archetypes, whose rows were kept apart).
    fn drop_before(&mut self, end: usize) {
        let mut batches = 0;
        let mut rows = 0;
        for b in &self.window {
            let n = b.num_rows();
            let done = self.owners.get(rows..rows + n).is_some_and(|o| o.iter().all(|&t| t == usize::MAX || t < end));
            if !done {
                break;
            }
            batches += 1;
            rows += n;
        }
        self.window.drain(..batches);
        self.owners.drain(..rows);
        self.start += rows;
    }
}

/// What the towns are built from, besides the child tables.
pub(super) struct Towns<'v, 'a> {
    pub(super) view: &'v TableView<'a>,
    pub(super) ids: &'v [Option<TownId>],
    /// Each town row's parent's row (`usize::MAX`: none).
    pub(super) parents: &'v [usize],
    pub(super) index: &'v HashMap<&'a str, usize>,
    pub(super) sources: &'v HashSet<SourceId>,
    pub(super) direct: bool,
    pub(super) gave_up: &'v std::sync::atomic::AtomicUsize,
}

/// Every town, built a chunk at a time from the child tables read batch
/// by batch; every child row read and checked (sources, towns). The rows
/// of archetypes go to `archetype_rows`.
pub(super) fn towns(
    t: &Towns<'_, '_>,
    children: &mut [Child],
    archetype_rows: &mut Vec<(usize, RecordBatch)>,
) -> Result<Vec<Town>, Error> {
    use rayon::prelude::*;
    let n = t.ids.len();
    let mut out = Vec::with_capacity(n);
    let mut first = 0;
    loop {
        let end = (first + TOWN_CHUNK).min(n);
        for c in children.iter_mut() {
            c.fill(end, t, archetype_rows)?;
        }
        {
            let groups: Vec<Grouped> = children.iter().map(|c| c.grouped(first, end)).collect();
            let views = children
                .iter()
                .zip(&groups)
                .map(|(c, g)| Ok((TableView::new_at(c.spec, &c.window, c.start)?, c.field, g)))
                .collect::<Result<Vec<_>, Error>>()?;
            let direct = Direct::new(t.view, &views, t.ids, t.parents, t.sources).filter(|_| t.direct);
            let build = |row: usize| match direct.as_ref().map(|d| d.town(row)) {
                Some(Ok(town)) => Ok(town),
                _ => {
                    t.gave_up.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    build_town(row, t.view, &views)
                }
            };
            let results: Vec<Result<Town, Error>> = (first..end).into_par_iter().map(build).collect();
            for r in results {
                out.push(r?);
            }
        }
        for c in children.iter_mut() {
            c.drop_before(end);
        }
        if end >= n {
            break;
        }
        first = end;
    }
    // Rows after the last town's: checked (each names an unknown town).
    for c in children.iter_mut() {
        c.fill(usize::MAX, t, archetype_rows)?;
    }
    Ok(out)
}
