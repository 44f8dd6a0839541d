//! The linkage graphs from the `graphs`, `actors` and `linkages` tables,
//! built on every core.
//!
//! The tables stream one batch at a time. Each batch's rows are split
//! into runs of one town (rows of a graph come together in an export,
//! but any order is read); the graphs of a batch are independent, so
//! each is taken out of its slot, filled from its runs on some core, and
//! put back. Every row is checked as before, and the error reported is
//! the one of the first failing row, whichever thread found it.

use std::ops::Range;

use arrow::array::Array;
use petgraph::graph::{DiGraph, NodeIndex};
use rayon::prelude::*;
use serde::Deserialize;

use super::arrowio::{Cols, StrCol};
use super::spec::{self, Spec};
use super::{HashMap, HashSet, Stages, TableData, table_err, vocab, year};
use crate::linkage::ActorIndex;
use crate::{Actor, ActorId, ActorKind, Error, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId, Valence};

/// A graph as read.
struct Parts {
    focal: TownId,
    graph: DiGraph<Actor, Linkage>,
    index: ActorIndex,
}

/// An error and its row (over the whole table), so that the first in row
/// order is reported whichever thread found it.
type RowError = Box<(usize, Error)>;

/// The rows of one graph in a batch: its slot, its runs of rows (batch
/// positions, in row order) and, while it is being filled, its parts.
struct Job {
    graph: usize,
    runs: Vec<(usize, usize)>,
    parts: Option<Parts>,
}

/// What one thread keeps between the rows it reads, within a batch.
struct Local {
    /// The last source found: rows of one source come together.
    last_source: Option<SourceId>,
    /// This thread's own copy of each source of the `source` column's
    /// dictionary met so far (see [`Local::own`]).
    sources: Vec<Option<SourceId>>,
    /// Which graph the node memos are for (a new number per graph).
    stamp: u32,
    /// For the `from` and `to` columns, per dictionary entry: the stamp
    /// of the graph it was looked up in and its node there.
    nodes: [Vec<(u32, u32)>; 2],
    /// Actor ids made so far, per dictionary entry of the `id` column.
    ids: Vec<Option<ActorId>>,
}

/// The largest dictionary the readers keep a table for, per batch.
const MEMO_MAX: usize = 1 << 16;

/// The entries of `col`'s dictionary, if it has one small enough to keep
/// a table of.
fn memo_len(col: StrCol<'_>) -> Option<usize> {
    col.dictionary().map(|d| d.len()).filter(|&n| n <= MEMO_MAX)
}

/// The node of row `r`'s actor in `col` (`from` or `to`) in the graph of
/// `index`: from `memo` when this graph looked that dictionary entry up
/// before, from the id index otherwise (`None`: no such actor).
#[inline]
fn node_of(memo: &mut [(u32, u32)], stamp: u32, index: &ActorIndex, col: StrCol<'_>, r: usize) -> Option<NodeIndex> {
    let key = col.key(r);
    if let Some(&(st, n)) = key.and_then(|k| memo.get(k)) {
        if st == stamp {
            return Some(NodeIndex::new(n as usize));
        }
    }
    let n = index.get(col.get(r).unwrap_or_default()).copied()?;
    if let (Some(slot), Ok(i)) = (key.and_then(|k| memo.get_mut(k)), u32::try_from(n.index())) {
        *slot = (stamp, i);
    }
    Some(n)
}

/// A vocabulary column (`kind`, `scale`…), each dictionary entry parsed
/// once per batch; a row with another value (or in a plain column) is
/// parsed on its own, with the same error.
struct Parsed<'a, T> {
    col: StrCol<'a>,
    memo: Vec<Option<T>>,
}

impl<'a, T: serde::de::DeserializeOwned + Copy> Parsed<'a, T> {
    fn new(col: StrCol<'a>) -> Parsed<'a, T> {
        use serde::de::IntoDeserializer;
        let parse = |v: &str| {
            let d: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = v.into_deserializer();
            T::deserialize(d).ok()
        };
        let memo = match (col.dictionary(), memo_len(col)) {
            (Some(d), Some(n)) => (0..n).map(|i| d.is_valid(i).then(|| d.value(i)).and_then(parse)).collect(),
            _ => Vec::new(),
        };
        Parsed { col, memo }
    }

    #[inline]
    fn get(&self, s: &Spec, row: usize, column: &str, r: usize) -> Result<T, RowError> {
        if let Some(&Some(v)) = self.col.key(r).and_then(|k| self.memo.get(k)) {
            return Ok(v);
        }
        vocab(s, row, column, self.col.get(r).unwrap_or_default()).map_err(|e| Box::new((row, e)))
    }
}

/// A source column, each dictionary entry looked up once per batch.
struct Sources<'a> {
    col: StrCol<'a>,
    memo: Vec<Option<SourceId>>,
}

impl<'a> Sources<'a> {
    fn new(col: StrCol<'a>, known: &HashSet<SourceId>) -> Sources<'a> {
        let memo = match (col.dictionary(), memo_len(col)) {
            (Some(d), Some(n)) => {
                (0..n).map(|i| d.is_valid(i).then(|| d.value(i)).and_then(|v| known.get(v).cloned())).collect()
            }
            _ => Vec::new(),
        };
        Sources { col, memo }
    }

    /// Row `r`'s source (`None`: null).
    #[inline]
    fn get(&self, local: &mut Local, known: &HashSet<SourceId>, r: usize) -> Option<Result<SourceId, String>> {
        if let Some(k) = self.col.key(r) {
            if let Some(Some(mine)) = local.sources.get(k) {
                return Some(Ok(mine.clone()));
            }
            if let Some(Some(found)) = self.memo.get(k) {
                let mine = Local::own(found);
                if local.sources.len() < self.memo.len() {
                    local.sources.resize(self.memo.len(), None);
                }
                if let Some(slot) = local.sources.get_mut(k) {
                    *slot = Some(mine.clone());
                }
                return Some(Ok(mine));
            }
        }
        self.col.get(r).map(|id| local.source(known, id))
    }
}

impl Local {
    /// The source `id` as the atlas knows it (shared with its record).
    fn source(&mut self, known: &HashSet<SourceId>, id: &str) -> Result<SourceId, String> {
        if let Some(last) = &self.last_source {
            if last.as_str() == id {
                return Ok(last.clone());
            }
        }
        let found = known.get(id).map(Local::own).ok_or_else(|| format!("unknown source '{id}'"))?;
        self.last_source = Some(found.clone());
        Ok(found)
    }

    /// A copy of a known source id for this thread's records: the
    /// millions of linkages that cite one source would otherwise bump one
    /// reference count from every core at once, the cache line going
    /// back and forth between them. (An id equals another with its text.)
    fn own(known: &SourceId) -> SourceId {
        SourceId::new(known.as_str()).unwrap_or_else(|_| known.clone())
    }
}

/// An actor id as deserialization makes it: shared per distinct text
/// within a thread's share of a batch (as the JSON reader shares it
/// within a document), with the same message for an invalid one.
fn actor_id(id: &str) -> Result<ActorId, String> {
    use serde::de::IntoDeserializer;
    let d: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = id.into_deserializer();
    ActorId::deserialize(d).map_err(|e| e.to_string())
}

/// The linkage graphs of the three graph tables, in `graphs` row order:
/// references checked, ids and sources shared with the records they
/// name, each graph built once.
pub(super) fn read(
    graphs: TableData,
    actors: TableData,
    linkages: TableData,
    towns: &HashMap<&str, &TownId>,
    sources: &HashSet<SourceId>,
    stages: &mut Stages,
) -> Result<Vec<LinkageGraph>, Error> {
    let mut slots: Vec<Option<Parts>> = Vec::with_capacity(graphs.rows);
    let mut graph_index: HashMap<TownId, usize> = HashMap::default();
    graph_index.reserve(graphs.rows);
    let s = &spec::GRAPHS;
    graphs.each(|c| {
        let town = c.str("town")?;
        for r in 0..c.rows() {
            let row = c.offset + r;
            let t = town.get(r).unwrap_or_default();
            let err = |m: String| table_err(s.name, Some(row), Some("town"), m);
            let Some(&focal) = towns.get(t) else {
                return Err(err(format!("unknown town '{t}'")));
            };
            if graph_index.contains_key(t) {
                return Err(err(format!("a second graph for town '{t}'")));
            }
            let focal = focal.clone();
            graph_index.insert(focal.clone(), slots.len());
            slots.push(Some(Parts { focal, graph: DiGraph::new(), index: ActorIndex::default() }));
        }
        Ok(())
    })?;
    stages.mark("graphs table");

    let s = &spec::ACTORS;
    actors.each(|c| {
        let (id, name, place) = (c.str("id")?, c.str("name")?, c.str("place")?);
        let kind: Parsed<'_, ActorKind> = Parsed::new(c.str("kind")?);
        let src = Sources::new(c.str("source")?, sources);
        let fill = |p: &mut Parts, local: &mut Local, run: Range<usize>| -> Result<(), RowError> {
            p.graph.reserve_nodes(run.len());
            p.index.reserve(run.len());
            if let Some(n) = memo_len(id).filter(|&n| local.ids.len() != n) {
                local.ids = vec![None; n];
            }
            for r in run {
                let row = c.offset + r;
                let err = |column: &str, m: String| Box::new((row, table_err(s.name, Some(row), Some(column), m)));
                let made = id.key(r).and_then(|k| local.ids.get(k)).and_then(Option::clone);
                let id = match made {
                    Some(made) => made,
                    None => {
                        let made = actor_id(id.get(r).unwrap_or_default()).map_err(|m| err("id", m))?;
                        if let Some(slot) = id.key(r).and_then(|k| local.ids.get_mut(k)) {
                            *slot = Some(made.clone());
                        }
                        made
                    }
                };
                let kind = kind.get(s, row, "kind", r)?;
                let mut actor =
                    Actor::new(id, name.get(r).unwrap_or_default(), kind).map_err(|e| err("name", e.to_string()))?;
                if let Some(p) = place.get(r) {
                    actor = actor.with_place(p).map_err(|e| err("place", e.to_string()))?;
                }
                if let Some(found) = src.get(local, sources, r) {
                    actor = actor.with_source(found.map_err(|m| err("source", m))?);
                }
                match p.index.entry(actor.id().clone()) {
                    std::collections::hash_map::Entry::Occupied(o) => {
                        let m = format!("duplicate actor id '{}' in the graph of '{}'", o.key(), p.focal);
                        return Err(err("id", m));
                    }
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(p.graph.add_node(actor));
                    }
                }
            }
            Ok(())
        };
        batch(c, s, &graph_index, &mut slots, fill)
    })?;
    stages.mark("actors (nodes, id index)");

    let s = &spec::LINKAGES;
    linkages.each(|c| {
        let (from, to) = (c.str("from")?, c.str("to")?);
        let kind: Parsed<'_, LinkageKind> = Parsed::new(c.str("kind")?);
        let scale: Parsed<'_, Scale> = Parsed::new(c.str("scale")?);
        let valence: Parsed<'_, Valence> = Parsed::new(c.str("valence")?);
        let src = Sources::new(c.str("source")?, sources);
        let (since, until, weight) = (c.year("since")?, c.year("until")?, c.f64("weight")?);
        let fill = |p: &mut Parts, local: &mut Local, run: Range<usize>| -> Result<(), RowError> {
            p.graph.reserve_edges(run.len());
            for (memo, col) in local.nodes.iter_mut().zip([from, to]) {
                if let Some(n) = memo_len(col).filter(|&n| memo.len() != n) {
                    *memo = vec![(0, 0); n];
                }
            }
            let stamp = local.stamp;
            for r in run {
                let row = c.offset + r;
                let err = |column: &str, m: String| Box::new((row, table_err(s.name, Some(row), Some(column), m)));
                let unknown = |column: &str, col: StrCol<'_>| {
                    let a = col.get(r).unwrap_or_default();
                    err(column, format!("unknown actor '{a}' in the graph of '{}'", p.focal))
                };
                let [memo_from, memo_to] = &mut local.nodes;
                let f = node_of(memo_from, stamp, &p.index, from, r).ok_or_else(|| unknown("from", from))?;
                let t = node_of(memo_to, stamp, &p.index, to, r).ok_or_else(|| unknown("to", to))?;
                if f == t {
                    let a = from.get(r).unwrap_or_default();
                    return Err(err("to", format!("linkage from actor '{a}' to itself")));
                }
                let kind = kind.get(s, row, "kind", r)?;
                let scale = scale.get(s, row, "scale", r)?;
                let valence = valence.get(s, row, "valence", r)?;
                let source = match src.get(local, sources, r) {
                    Some(found) => found.map_err(|m| err("source", m))?,
                    None => local.source(sources, "").map_err(|m| err("source", m))?,
                };
                let mut l = Linkage::new(kind, scale, source).with_valence(valence);
                let y0 = year(s, row, "since", since.get(r)).map_err(|e| Box::new((row, e)))?;
                let y1 = year(s, row, "until", until.get(r)).map_err(|e| Box::new((row, e)))?;
                if let (Some(a), Some(b)) = (y0, y1) {
                    if b < a {
                        return Err(err("until", Error::UntilBeforeSince { since: a, until: b }.to_string()));
                    }
                }
                if let Some(y) = y0 {
                    l = l.with_since(y);
                }
                if let Some(y) = y1 {
                    l = l.with_until(y);
                }
                if let Some(w) = weight.get(r) {
                    l = l.with_weight(w).map_err(|e| err("weight", e.to_string()))?;
                }
                p.graph.add_edge(f, t, l);
            }
            Ok(())
        };
        batch(c, s, &graph_index, &mut slots, fill)
    })?;
    stages.mark("linkages (edges)");

    slots
        .into_iter()
        .map(|p| {
            p.map(|p| LinkageGraph::from_checked(p.focal, p.graph, p.index))
                .ok_or_else(|| table_err("graphs", None, None, "a graph was lost (a bug in regdev)"))
        })
        .collect()
}

/// Fills the graphs of one batch, `fill` called on each graph's runs of
/// rows in row order, graphs on every core; the error of the first
/// failing row, if any.
fn batch(
    c: &Cols<'_>,
    s: &Spec,
    graph_index: &HashMap<TownId, usize>,
    slots: &mut [Option<Parts>],
    fill: impl Fn(&mut Parts, &mut Local, Range<usize>) -> Result<(), RowError> + Sync,
) -> Result<(), Error> {
    let town = c.str("town")?;
    // Runs of rows of one town, grouped by graph; planning stops at a
    // row naming a town without a graph (rows before it are still read,
    // as one of them may fail first).
    let mut jobs: Vec<Job> = Vec::new();
    let mut job_of: HashMap<usize, usize> = HashMap::default();
    let mut first: Option<RowError> = None;
    let n = c.rows();
    let mut r = 0;
    while r < n {
        let t = town.get(r).unwrap_or_default();
        let mut end = r + 1;
        while end < n && town.same(r, end) {
            end += 1;
        }
        let Some(&g) = graph_index.get(t) else {
            let row = c.offset + r;
            first =
                Some(Box::new((row, table_err(s.name, Some(row), Some("town"), format!("no graph for town '{t}'")))));
            break;
        };
        match job_of.entry(g) {
            std::collections::hash_map::Entry::Occupied(o) => {
                if let Some(j) = jobs.get_mut(*o.get()) {
                    j.runs.push((r, end));
                }
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(jobs.len());
                jobs.push(Job { graph: g, runs: vec![(r, end)], parts: None });
            }
        }
        r = end;
    }
    for j in &mut jobs {
        j.parts = slots.get_mut(j.graph).and_then(Option::take);
    }
    // A few chunks per thread, in row order; each thread shares the ids
    // it makes within its chunk.
    let chunk = jobs.len().div_ceil(rayon::current_num_threads() * 4).max(1);
    let errors: Vec<Option<RowError>> = jobs
        .par_chunks_mut(chunk)
        .map(|js| {
            let _interning = crate::id::interning();
            let mut local = Local {
                last_source: None,
                sources: Vec::new(),
                stamp: 0,
                nodes: [Vec::new(), Vec::new()],
                ids: Vec::new(),
            };
            let mut first: Option<RowError> = None;
            for j in js {
                let Some(p) = j.parts.as_mut() else {
                    let row = c.offset + j.runs.first().map_or(0, |r| r.0);
                    let e = table_err(s.name, Some(row), Some("town"), "a graph was lost (a bug in regdev)");
                    first = earlier(first, Box::new((row, e)));
                    continue;
                };
                // A new graph for the node memos.
                local.stamp = local.stamp.wrapping_add(1);
                if local.stamp == 0 {
                    local.stamp = 1;
                    local.nodes.iter_mut().for_each(|m| m.fill((0, 0)));
                }
                // A graph's first failing row is its earliest: stop there.
                for &(start, end) in &j.runs {
                    if let Err(e) = fill(p, &mut local, start..end) {
                        first = earlier(first, e);
                        break;
                    }
                }
            }
            first
        })
        .collect();
    for j in jobs {
        if let (Some(slot), Some(p)) = (slots.get_mut(j.graph), j.parts) {
            *slot = Some(p);
        }
    }
    match errors.into_iter().flatten().fold(first, earlier) {
        Some(e) => Err(e.1),
        None => Ok(()),
    }
}

/// The error of the earlier row.
fn earlier(a: Option<RowError>, b: RowError) -> Option<RowError> {
    match a {
        Some(a) if a.0 <= b.0 => Some(a),
        _ => Some(b),
    }
}
