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

use petgraph::graph::{DiGraph, NodeIndex};
use rayon::prelude::*;
use serde::Deserialize;

use super::arrowio::Cols;
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

/// What one thread keeps between the rows it reads.
struct Local {
    /// The last source found: rows of one source come together.
    last_source: Option<SourceId>,
}

impl Local {
    /// The source `id` as the atlas knows it (shared with its record).
    fn source(&mut self, known: &HashSet<SourceId>, id: &str) -> Result<SourceId, String> {
        if let Some(last) = &self.last_source {
            if last.as_str() == id {
                return Ok(last.clone());
            }
        }
        let found = known.get(id).cloned().ok_or_else(|| format!("unknown source '{id}'"))?;
        self.last_source = Some(found.clone());
        Ok(found)
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
        let (id, name, kind) = (c.str("id")?, c.str("name")?, c.str("kind")?);
        let (place, src) = (c.str("place")?, c.str("source")?);
        let fill = |p: &mut Parts, local: &mut Local, run: Range<usize>| -> Result<(), RowError> {
            p.graph.reserve_nodes(run.len());
            p.index.reserve(run.len());
            for r in run {
                let row = c.offset + r;
                let err = |column: &str, m: String| Box::new((row, table_err(s.name, Some(row), Some(column), m)));
                let id = actor_id(id.get(r).unwrap_or_default()).map_err(|m| err("id", m))?;
                let kind: ActorKind =
                    vocab(s, row, "kind", kind.get(r).unwrap_or_default()).map_err(|e| Box::new((row, e)))?;
                let mut actor =
                    Actor::new(id, name.get(r).unwrap_or_default(), kind).map_err(|e| err("name", e.to_string()))?;
                if let Some(p) = place.get(r) {
                    actor = actor.with_place(p).map_err(|e| err("place", e.to_string()))?;
                }
                if let Some(id) = src.get(r) {
                    actor = actor.with_source(local.source(sources, id).map_err(|m| err("source", m))?);
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
        let (kind, scale, valence, src) = (c.str("kind")?, c.str("scale")?, c.str("valence")?, c.str("source")?);
        let (since, until, weight) = (c.year("since")?, c.year("until")?, c.f64("weight")?);
        let fill = |p: &mut Parts, local: &mut Local, run: Range<usize>| -> Result<(), RowError> {
            p.graph.reserve_edges(run.len());
            for r in run {
                let row = c.offset + r;
                let err = |column: &str, m: String| Box::new((row, table_err(s.name, Some(row), Some(column), m)));
                let end = |column: &str, a: Option<&str>| -> Result<NodeIndex, RowError> {
                    let a = a.unwrap_or_default();
                    p.index
                        .get(a)
                        .copied()
                        .ok_or_else(|| err(column, format!("unknown actor '{a}' in the graph of '{}'", p.focal)))
                };
                let (f, t) = (end("from", from.get(r))?, end("to", to.get(r))?);
                if f == t {
                    let a = from.get(r).unwrap_or_default();
                    return Err(err("to", format!("linkage from actor '{a}' to itself")));
                }
                let kind: LinkageKind =
                    vocab(s, row, "kind", kind.get(r).unwrap_or_default()).map_err(|e| Box::new((row, e)))?;
                let scale: Scale =
                    vocab(s, row, "scale", scale.get(r).unwrap_or_default()).map_err(|e| Box::new((row, e)))?;
                let valence: Valence =
                    vocab(s, row, "valence", valence.get(r).unwrap_or_default()).map_err(|e| Box::new((row, e)))?;
                let source = local.source(sources, src.get(r).unwrap_or_default()).map_err(|m| err("source", m))?;
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
        while end < n && town.get(end) == Some(t) {
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
            let mut local = Local { last_source: None };
            let mut first: Option<RowError> = None;
            for j in js {
                let Some(p) = j.parts.as_mut() else {
                    let row = c.offset + j.runs.first().map_or(0, |r| r.0);
                    let e = table_err(s.name, Some(row), Some("town"), "a graph was lost (a bug in regdev)");
                    first = earlier(first, Box::new((row, e)));
                    continue;
                };
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
