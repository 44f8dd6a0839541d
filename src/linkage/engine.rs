//! The compact graph engine behind every structural measure: a compressed
//! sparse row (CSR) adjacency of the *simple* graph, built once per
//! [`LinkageGraph`](super::LinkageGraph) on first use, and the
//! breadth-first-search kernel that yields betweenness and closeness in one
//! pass per source.
//!
//! # Layout
//!
//! Three adjacency arrays over `u32` node indices (the linkage graph's
//! petgraph indices, i.e. actor insertion order): successors, predecessors,
//! and neighbours ignoring direction. Parallel linkages and reciprocated
//! pairs are merged, so each array is a simple graph. Building is O(n + m)
//! (counting sorts and a stamp array, no hashing); afterwards every degree
//! is a difference of two offsets, O(1).
//!
//! # Kernel
//!
//! Brandes (2001) for unweighted graphs: one breadth-first search per source
//! counts shortest paths (`sigma`), then a sweep in reverse BFS order
//! accumulates dependencies. Predecessor lists are not stored: the search
//! appends each edge of the shortest-path DAG to one flat list, grouped by
//! tail in search order, and the sweep reads that list backwards (no
//! distance tests, sequential reads). Each node keeps `(1 + delta) / sigma` in the slot
//! that held `sigma`, so the sweep multiplies instead of dividing per edge.
//! The same search adds each reached node's distance from the source to
//! that node's incoming-distance total, which is what closeness needs
//! (networkx's directed closeness uses incoming distances; undirected
//! distances are symmetric). Buffers live for a whole block of sources
//! and are reset only where a search touched them.
//!
//! Sources are split into a fixed number of contiguous blocks, run in
//! parallel with rayon from [`PARALLEL_THRESHOLD`](super::analysis::PARALLEL_THRESHOLD)
//! nodes on, and the blocks' totals are added in block order. On that path
//! the nodes are first renumbered in breadth-first order, so that nodes one
//! search reaches together share cache lines. The block split and the
//! numbering do not depend on the number of threads, so results are the same
//! bit for bit on every machine and every run.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

/// Source blocks of the parallel kernel (fixed, so that sums are added in
/// the same order whatever the thread count).
const BLOCKS: usize = 16;

/// Marks a node not yet reached by the current search.
const UNSEEN: u32 = u32::MAX;

/// Adjacency rows: `adj[off[v]..off[v + 1]]` are the neighbours of `v`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rows {
    off: Vec<usize>,
    adj: Vec<u32>,
}

impl Rows {
    /// Counting sort of `pairs` by their first element: row `a` lists every
    /// `b` of a pair `(a, b)`, in pair order, repeats kept.
    fn from_pairs(n: usize, pairs: &[(u32, u32)]) -> Rows {
        let mut off = vec![0usize; n + 1];
        for &(a, _) in pairs {
            if let Some(c) = off.get_mut(a as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..off.len() {
            let prev = off.get(i - 1).copied().unwrap_or(0);
            if let Some(c) = off.get_mut(i) {
                *c += prev;
            }
        }
        let mut next = off.clone();
        let mut adj = vec![0u32; pairs.len()];
        for &(a, b) in pairs {
            if let Some(slot) = next.get_mut(a as usize) {
                if let Some(cell) = adj.get_mut(*slot) {
                    *cell = b;
                }
                *slot += 1;
            }
        }
        Rows { off, adj }
    }

    /// The same rows with repeats removed (first occurrence kept), O(n + m).
    fn dedup(&self, n: usize) -> Rows {
        let mut stamp = vec![UNSEEN; n];
        let mut off = Vec::with_capacity(n + 1);
        let mut adj = Vec::with_capacity(self.adj.len());
        off.push(0);
        for v in 0..n {
            for &w in self.row(v) {
                if let Some(s) = stamp.get_mut(w as usize) {
                    if *s != v as u32 {
                        *s = v as u32;
                        adj.push(w);
                    }
                }
            }
            off.push(adj.len());
        }
        Rows { off, adj }
    }

    /// The neighbours of `v` (empty for a node out of range).
    pub(crate) fn row(&self, v: usize) -> &[u32] {
        match (self.off.get(v), self.off.get(v + 1)) {
            (Some(&a), Some(&b)) => self.adj.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The number of neighbours of `v`, O(1).
    pub(crate) fn len_of(&self, v: usize) -> usize {
        match (self.off.get(v), self.off.get(v + 1)) {
            (Some(&a), Some(&b)) => b - a,
            _ => 0,
        }
    }

    /// The total number of entries.
    pub(crate) fn entries(&self) -> usize {
        self.adj.len()
    }
}

/// The simple graph of a linkage graph in CSR form, both directions.
#[derive(Debug, Clone, Default)]
pub(crate) struct Csr {
    /// Successors (simple directed graph).
    pub(crate) out: Rows,
    /// Predecessors (simple directed graph).
    pub(crate) inc: Rows,
    /// Neighbours ignoring direction (simple undirected graph).
    pub(crate) und: Rows,
}

impl Csr {
    /// Builds the CSR of `n` nodes from directed `(from, to)` edges
    /// (parallel edges allowed), O(n + m).
    pub(crate) fn build(n: usize, edges: &[(u32, u32)]) -> Csr {
        let out = Rows::from_pairs(n, edges).dedup(n);
        let mut reversed = Vec::with_capacity(out.entries());
        let mut both = Vec::with_capacity(2 * out.entries());
        for v in 0..n {
            for &w in out.row(v) {
                reversed.push((w, v as u32));
                both.push((v as u32, w));
                both.push((w, v as u32));
            }
        }
        let inc = Rows::from_pairs(n, &reversed);
        let und = Rows::from_pairs(n, &both).dedup(n);
        Csr { out, inc, und }
    }
}

/// The lazily built engine of one linkage graph, with a count of builds.
#[derive(Debug, Default)]
pub(crate) struct Engine {
    csr: OnceLock<Csr>,
    builds: AtomicUsize,
}

impl Clone for Engine {
    fn clone(&self) -> Engine {
        let csr = OnceLock::new();
        if let Some(c) = self.csr.get() {
            let _ = csr.set(c.clone());
        }
        Engine { csr, builds: AtomicUsize::new(self.builds.load(Ordering::Relaxed)) }
    }
}

impl Engine {
    /// The CSR, built by `make` on first use.
    pub(crate) fn get(&self, make: impl FnOnce() -> Csr) -> &Csr {
        self.csr.get_or_init(|| {
            self.builds.fetch_add(1, Ordering::Relaxed);
            make()
        })
    }

    /// How many times the CSR was built.
    pub(crate) fn builds(&self) -> usize {
        self.builds.load(Ordering::Relaxed)
    }
}

/// Per-node sums over every source of one kernel run.
#[derive(Debug, Clone)]
pub(crate) struct PathTotals {
    /// Σ over sources of Brandes' dependency: ordered-pair betweenness
    /// (undirected graphs count each unordered pair twice).
    pub(crate) betweenness: Vec<f64>,
    /// Σ over sources `s` that reach `v` of the distance from `s` to `v`.
    pub(crate) distance: Vec<u64>,
    /// How many other nodes reach `v`.
    pub(crate) reached_by: Vec<u32>,
}

impl PathTotals {
    fn zero(n: usize) -> PathTotals {
        PathTotals { betweenness: vec![0.0; n], distance: vec![0; n], reached_by: vec![0; n] }
    }

    fn add(&mut self, other: &PathTotals) {
        for (a, b) in self.betweenness.iter_mut().zip(&other.betweenness) {
            *a += *b;
        }
        for (a, b) in self.distance.iter_mut().zip(&other.distance) {
            *a += *b;
        }
        for (a, b) in self.reached_by.iter_mut().zip(&other.reached_by) {
            *a += *b;
        }
    }
}

/// Buffers of the single-source search, reused across sources.
struct Scratch {
    dist: Vec<u32>,
    /// Shortest-path counts during the search; `(1 + delta) / sigma` during
    /// the sweep.
    sigma: Vec<f64>,
    order: Vec<u32>,
    /// The edges of the shortest-path DAG, grouped by tail in search order:
    /// the heads of the `i`-th reached node's DAG edges are
    /// `dag[dag_end[i - 1]..dag_end[i]]`.
    dag: Vec<u32>,
    dag_end: Vec<usize>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            order: Vec::with_capacity(n),
            dag: Vec::new(),
            dag_end: Vec::with_capacity(n),
        }
    }

    /// One source: BFS over `rows`, distance totals, and (if `brandes`)
    /// the dependency sweep.
    ///
    /// The search records the shortest-path DAG's edges as it finds them
    /// (one sequential list), so the sweep reads only those edges, in the
    /// same order the row scan would find them, instead of scanning every
    /// row again and testing distances: the same sums in the same order.
    // Every index is a node index below `n` taken from the CSR that sized
    // the buffers, so indexing cannot go out of bounds; bounds-checked
    // `get`s would only obscure the kernel.
    #[allow(clippy::indexing_slicing)]
    fn run(&mut self, rows: &Rows, s: u32, brandes: bool, acc: &mut PathTotals) {
        let (dist, sigma, order, dag, dag_end) =
            (&mut self.dist, &mut self.sigma, &mut self.order, &mut self.dag, &mut self.dag_end);
        let (off, adj) = (&rows.off[..], &rows.adj[..]);
        order.clear();
        dag.clear();
        dag_end.clear();
        order.push(s);
        dist[s as usize] = 0;
        sigma[s as usize] = 1.0;
        let mut head = 0;
        while let Some(&v) = order.get(head) {
            head += 1;
            let (dv, sv) = (dist[v as usize], sigma[v as usize]);
            for &w in &adj[off[v as usize]..off[v as usize + 1]] {
                let dw = dist[w as usize];
                if dw == UNSEEN {
                    dist[w as usize] = dv + 1;
                    sigma[w as usize] = sv;
                    order.push(w);
                    if brandes {
                        dag.push(w);
                    }
                } else if dw == dv + 1 {
                    sigma[w as usize] += sv;
                    if brandes {
                        dag.push(w);
                    }
                }
            }
            dag_end.push(dag.len());
        }
        for &v in &order[1..] {
            acc.distance[v as usize] += u64::from(dist[v as usize]);
            acc.reached_by[v as usize] += 1;
        }
        if brandes && order.len() > 2 {
            let mut end = dag.len();
            for (i, &v) in order.iter().enumerate().rev() {
                let start = if i == 0 { 0 } else { dag_end[i - 1] };
                let mut sum = 0.0;
                for &w in &dag[start..end] {
                    sum += sigma[w as usize];
                }
                end = start;
                let sv = sigma[v as usize];
                let delta = sv * sum;
                sigma[v as usize] = (1.0 + delta) / sv;
                if v != s {
                    acc.betweenness[v as usize] += delta;
                }
            }
        }
        for &v in order.iter() {
            dist[v as usize] = UNSEEN;
        }
    }
}

/// A breadth-first numbering of the nodes of `rows` (searches start from
/// the node with the most neighbours, then from the first node not yet
/// numbered, in index order): `order[new] = old`. Nodes a search reaches
/// together get nearby numbers, so the kernel's reads of their state and
/// rows hit the same cache lines. Deterministic, O(n + m).
fn bfs_numbering(rows: &Rows, n: usize) -> Vec<u32> {
    let mut seen = vec![false; n];
    let mut order: Vec<u32> = Vec::with_capacity(n);
    let hub = (0..n).max_by_key(|&v| (rows.len_of(v), core::cmp::Reverse(v))).unwrap_or(0);
    let mut starts = core::iter::once(hub).chain(0..n);
    while order.len() < n {
        let Some(start) = starts.next() else { break };
        if seen.get(start).copied().unwrap_or(true) {
            continue;
        }
        if let Some(f) = seen.get_mut(start) {
            *f = true;
        }
        let mut head = order.len();
        order.push(start as u32);
        while let Some(&v) = order.get(head) {
            head += 1;
            for &w in rows.row(v as usize) {
                if let Some(f) = seen.get_mut(w as usize) {
                    if !*f {
                        *f = true;
                        order.push(w);
                    }
                }
            }
        }
    }
    order
}

/// `rows` renumbered: row `new` lists the new numbers of the neighbours of
/// `order[new]`, ascending; `rank[old]` is the new number of `old`.
fn renumbered(rows: &Rows, order: &[u32], rank: &[u32]) -> Rows {
    let mut off = Vec::with_capacity(order.len() + 1);
    let mut adj = Vec::with_capacity(rows.entries());
    off.push(0);
    for &old in order {
        let start = adj.len();
        adj.extend(rows.row(old as usize).iter().filter_map(|&w| rank.get(w as usize).copied()));
        if let Some(row) = adj.get_mut(start..) {
            row.sort_unstable();
        }
        off.push(adj.len());
    }
    Rows { off, adj }
}

/// Runs the kernel from every node over `rows` (successor rows for
/// directed measures, undirected rows otherwise): in parallel when there
/// are at least `parallel_from` nodes.
///
/// The parallel path first renumbers the nodes in breadth-first order
/// ([`bfs_numbering`]) and runs on the renumbered rows, then maps the totals
/// back: the same sums (up to the order of floating-point additions), with
/// far fewer cache misses on large graphs.
pub(crate) fn path_totals(
    rows: &Rows,
    n: usize,
    brandes: bool,
    parallel_from: usize,
    tally: &crate::progress::Tally<'_>,
) -> PathTotals {
    let block = |rows: &Rows, range: std::ops::Range<usize>, scratch: &mut Scratch| {
        let mut acc = PathTotals::zero(n);
        for s in range {
            scratch.run(rows, s as u32, brandes, &mut acc);
            tally.add(1);
        }
        acc
    };
    if n < parallel_from.max(2) {
        return block(rows, 0..n, &mut Scratch::new(n));
    }
    let order = bfs_numbering(rows, n);
    let mut rank = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        if let Some(r) = rank.get_mut(old as usize) {
            *r = new as u32;
        }
    }
    let local = renumbered(rows, &order, &rank);
    let size = n.div_ceil(BLOCKS);
    let ranges: Vec<std::ops::Range<usize>> = (0..BLOCKS).map(|b| (b * size).min(n)..((b + 1) * size).min(n)).collect();
    let parts: Vec<PathTotals> =
        ranges.into_par_iter().map_init(|| Scratch::new(n), |scratch, range| block(&local, range, scratch)).collect();
    let mut total = PathTotals::zero(n);
    for p in &parts {
        total.add(p);
    }
    // Back to the graph's numbering.
    let mut out = PathTotals::zero(n);
    for (old, &new) in rank.iter().enumerate() {
        let new = new as usize;
        if let (Some(b), Some(d), Some(r)) =
            (out.betweenness.get_mut(old), out.distance.get_mut(old), out.reached_by.get_mut(old))
        {
            *b = total.betweenness.get(new).copied().unwrap_or(0.0);
            *d = total.distance.get(new).copied().unwrap_or(0);
            *r = total.reached_by.get(new).copied().unwrap_or(0);
        }
    }
    out
}
