//! Prime-implicant search and prime-implicant chart solving.
//!
//! Cubes are written as R's `QCA` writes implicant matrices: one code per
//! condition, 0 when the condition is absent and `level + 1` otherwise.

use std::collections::BTreeSet;

/// Whether `cube` contains the configuration `row`.
pub(crate) fn covers(cube: &[u8], row: &[u8]) -> bool {
    cube.iter().zip(row).all(|(&c, &r)| c == 0 || c - 1 == r)
}

/// Sorts implicants as R's `QCA` does in C (`sort_matrix`/`sort_cols`):
/// condition by condition from the last to the first, a stable sort by
/// descending code followed by a stable ascending sort of the codes before
/// the first absent one, and finally a stable sort by number of literals.
/// This amounts to "fewer literals first, then present literals before
/// absent ones, lower levels (negations) first", except that R's ascending
/// pass leaves out the last implicant when no implicant lacks the
/// condition; the quirk is reproduced, so the order depends on the input
/// order as R's does.
pub(crate) fn r_sort(cubes: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let ncond = cubes.first().map_or(0, Vec::len);
    let mut order: Vec<usize> = (0..cubes.len()).collect();
    let at = |i: usize, c: usize| cubes.get(i).and_then(|cube| cube.get(c)).copied().unwrap_or(0);
    for c in (0..ncond).rev() {
        order.sort_by_key(|&i| std::cmp::Reverse(at(i, c)));
        let first_zero = order.iter().position(|&i| at(i, c) == 0);
        let end = first_zero.unwrap_or(order.len().saturating_sub(1));
        if let Some(prefix) = order.get_mut(..end) {
            prefix.sort_by_key(|&i| at(i, c));
        }
    }
    let literals = |i: usize| cubes.get(i).map_or(0, |cube| cube.iter().filter(|&&v| v > 0).count());
    order.sort_by_key(|&i| literals(i));
    let mut slots: Vec<Option<Vec<u8>>> = cubes.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)).collect()
}

/// Quine–McCluskey on the configurations `on` (no don't-cares), merging
/// pairs in the order R's `QCA` (`C_QMC`) does, so that the prime
/// implicants come out in R's order once sorted with [`r_sort`]. A
/// multi-value condition is freed when every one of its levels is present.
pub(crate) fn qmc(on: &[Vec<u8>], levels: &[u8]) -> Vec<Vec<u8>> {
    let mut current: Vec<Vec<u8>> = on.iter().map(|r| r.iter().map(|v| v + 1).collect()).collect();
    loop {
        if current.len() < 2 {
            break;
        }
        let n = current.len();
        let mut minimized = vec![false; n];
        let mut merged: Vec<Vec<u8>> = Vec::new();
        let mut seen: std::collections::HashSet<Vec<u8>> = std::collections::HashSet::new();
        for i in 0..n {
            for j in (i + 1)..n {
                let (Some(a), Some(b)) = (current.get(i), current.get(j)) else { continue };
                let mut diffs = 0;
                let mut which = 0;
                let mut comparable = true;
                for (c, (&x, &y)) in a.iter().zip(b).enumerate() {
                    if x != y {
                        diffs += 1;
                        which = c;
                        comparable = x > 0 && y > 0;
                        if diffs > 1 || !comparable {
                            break;
                        }
                    }
                }
                if diffs != 1 || !comparable {
                    continue;
                }
                let nlev = usize::from(levels.get(which).copied().unwrap_or(2));
                let mut group = vec![i, j];
                if nlev > 2 {
                    for (c, other) in current.iter().enumerate() {
                        if group.len() >= nlev {
                            break;
                        }
                        if c != i && c != j && other.iter().zip(a).enumerate().all(|(r, (o, x))| r == which || o == x) {
                            group.push(c);
                        }
                    }
                }
                if group.len() == nlev {
                    for g in group {
                        if let Some(m) = minimized.get_mut(g) {
                            *m = true;
                        }
                    }
                    let mut cube = a.clone();
                    if let Some(slot) = cube.get_mut(which) {
                        *slot = 0;
                    }
                    if seen.insert(cube.clone()) {
                        merged.push(cube);
                    }
                }
            }
        }
        if merged.is_empty() {
            break;
        }
        merged.extend(current.into_iter().zip(minimized).filter(|(_, m)| !m).map(|(c, _)| c));
        current = merged;
    }
    r_sort(current)
}

struct Combinations {
    n: usize,
    idx: Vec<usize>,
    first: bool,
    done: bool,
}

impl Combinations {
    fn new(n: usize, k: usize) -> Self {
        Self { n, idx: (0..k).collect(), first: true, done: k > n || k == 0 }
    }

    fn next_combo(&mut self) -> Option<&[usize]> {
        if self.done {
            return None;
        }
        if self.first {
            self.first = false;
            return Some(&self.idx);
        }
        let k = self.idx.len();
        let mut i = k;
        while i > 0 {
            i -= 1;
            let limit = self.n - k + i;
            if self.idx.get(i).is_some_and(|&v| v < limit) {
                let start = self.idx.get(i).copied().unwrap_or(0) + 1;
                for (off, slot) in self.idx.iter_mut().skip(i).enumerate() {
                    *slot = start + off;
                }
                return Some(&self.idx);
            }
        }
        self.done = true;
        None
    }
}

const DENSE_LIMIT: u64 = 1 << 16;

/// Codes of rows projected on `combo`, with the number of distinct codes.
struct Projector {
    stamp: u32,
    marks: Vec<u32>,
}

impl Projector {
    fn new() -> Self {
        Self { stamp: 0, marks: vec![0; DENSE_LIMIT as usize] }
    }
}

fn weights(combo: &[usize], levels: &[u8]) -> (Vec<u64>, u64) {
    let mut w = vec![1u64; combo.len()];
    let mut acc = 1u64;
    for (slot, &c) in w.iter_mut().zip(combo).rev() {
        *slot = acc;
        acc = acc.saturating_mul(u64::from(levels.get(c).copied().unwrap_or(2)));
    }
    (w, acc)
}

fn code_of(row: &[u8], combo: &[usize], w: &[u64]) -> u64 {
    combo.iter().zip(w).map(|(&c, &wt)| u64::from(row.get(c).copied().unwrap_or(0)) * wt).sum()
}

struct Found {
    masks: Vec<u64>,
    cubes: Vec<Vec<u8>>,
    /// PIs covering each positive row.
    cover: Vec<Vec<usize>>,
}

impl Found {
    fn new(rows: usize) -> Self {
        Self { masks: Vec::new(), cubes: Vec::new(), cover: vec![Vec::new(); rows] }
    }

    /// Whether an already found (simpler) implicant contains the cube made
    /// of `row` restricted to `mask`.
    fn redundant(&self, row: usize, mask: u64) -> bool {
        self.cover.get(row).is_some_and(|list| list.iter().any(|&p| self.masks.get(p).is_some_and(|&m| m & !mask == 0)))
    }

    fn push(&mut self, combo: &[usize], mask: u64, rep: &[u8], nconds: usize, members: impl Iterator<Item = usize>) {
        let id = self.cubes.len();
        let mut cube = vec![0u8; nconds];
        for &c in combo {
            if let (Some(slot), Some(&v)) = (cube.get_mut(c), rep.get(c)) {
                *slot = v + 1;
            }
        }
        self.cubes.push(cube);
        self.masks.push(mask);
        for r in members {
            if let Some(list) = self.cover.get_mut(r) {
                list.push(id);
            }
        }
    }
}

fn mask_of(combo: &[usize]) -> u64 {
    combo.iter().fold(0u64, |m, &c| m | (1u64 << c))
}

/// Prime implicants that cover at least one `pos` row and no `neg` row,
/// remainders being free (R's parsimonious search, `CCubes`): cubes are
/// tried by increasing number of literals. Unless `exhaustive`, the search
/// stops as R's does, once every positive row is covered and two
/// consecutive complexity levels have brought no new prime implicant.
pub(crate) fn parsimonious_primes(pos: &[Vec<u8>], neg: &[Vec<u8>], levels: &[u8], exhaustive: bool) -> Vec<Vec<u8>> {
    let n = levels.len();
    let mut found = Found::new(pos.len());
    let mut proj = Projector::new();
    let mut counter = 0;
    let mut pos_codes = vec![0u64; pos.len()];
    let mut neg_codes: Vec<u64> = Vec::with_capacity(neg.len());
    for k in 1..=n {
        let mut found_k = false;
        let mut combos = Combinations::new(n, k);
        while let Some(combo) = combos.next_combo() {
            let (w, prod) = weights(combo, levels);
            let mask = mask_of(combo);
            for (slot, row) in pos_codes.iter_mut().zip(pos) {
                *slot = code_of(row, combo, &w);
            }
            let dense = prod <= DENSE_LIMIT;
            proj.stamp = proj.stamp.wrapping_add(2);
            if proj.stamp < 2 {
                proj.marks.iter_mut().for_each(|m| *m = 0);
                proj.stamp = 2;
            }
            let neg_stamp = proj.stamp;
            let pos_stamp = proj.stamp + 1;
            neg_codes.clear();
            for row in neg {
                let c = code_of(row, combo, &w);
                if dense {
                    if let Some(m) = proj.marks.get_mut(c as usize) {
                        *m = neg_stamp;
                    }
                } else {
                    neg_codes.push(c);
                }
            }
            if !dense {
                neg_codes.sort_unstable();
            }
            let mut seen_sparse: Vec<u64> = Vec::new();
            for r in 0..pos.len() {
                let c = pos_codes.get(r).copied().unwrap_or(0);
                let fresh = if dense {
                    match proj.marks.get_mut(c as usize) {
                        Some(m) if *m == neg_stamp || *m == pos_stamp => false,
                        Some(m) => {
                            *m = pos_stamp;
                            true
                        }
                        None => false,
                    }
                } else if neg_codes.binary_search(&c).is_ok() || seen_sparse.contains(&c) {
                    false
                } else {
                    seen_sparse.push(c);
                    true
                };
                if !fresh || found.redundant(r, mask) {
                    continue;
                }
                let rep = pos.get(r).cloned().unwrap_or_default();
                let members: Vec<usize> = (0..pos.len()).filter(|&q| pos_codes.get(q) == Some(&c)).collect();
                found.push(combo, mask, &rep, n, members.into_iter());
                found_k = true;
            }
        }
        if !found.cubes.is_empty() && found.cover.iter().all(|l| !l.is_empty()) {
            if found_k {
                counter = 0;
            } else {
                counter += 1;
            }
            if counter > 1 && !exhaustive {
                break;
            }
        }
    }
    found.cubes
}

/// Test-only cross-check of [`qmc`]: every prime implicant of the function whose minterms are exactly `on`
/// (no don't-cares): what Quine–McCluskey gives, found level by level by
/// counting: a cube is an implicant when all of its minterms are in `on`.
#[cfg(test)]
pub(crate) fn onset_primes(on: &[Vec<u8>], levels: &[u8]) -> Vec<Vec<u8>> {
    let n = levels.len();
    let total: u64 = levels.iter().map(|&l| u64::from(l)).product();
    let mut found = Found::new(on.len());
    let mut codes = vec![0u64; on.len()];
    let mut order: Vec<usize> = (0..on.len()).collect();
    for k in 1..=n {
        let mut combos = Combinations::new(n, k);
        while let Some(combo) = combos.next_combo() {
            let (w, prod) = weights(combo, levels);
            let free = total / prod.max(1);
            if free > on.len() as u64 {
                continue;
            }
            let mask = mask_of(combo);
            for (slot, row) in codes.iter_mut().zip(on) {
                *slot = code_of(row, combo, &w);
            }
            order.sort_unstable_by_key(|&r| codes.get(r).copied().unwrap_or(0));
            let mut i = 0;
            while i < order.len() {
                let c = order.get(i).and_then(|&r| codes.get(r)).copied().unwrap_or(0);
                let mut j = i;
                while j < order.len() && order.get(j).and_then(|&r| codes.get(r)) == Some(&c) {
                    j += 1;
                }
                if (j - i) as u64 == free {
                    let r0 = order.get(i).copied().unwrap_or(0);
                    if !found.redundant(r0, mask) {
                        let rep = on.get(r0).cloned().unwrap_or_default();
                        let members: Vec<usize> = order.get(i..j).map(<[usize]>::to_vec).unwrap_or_default();
                        found.push(combo, mask, &rep, n, members.into_iter());
                    }
                }
                i = j;
            }
        }
    }
    found.cubes
}

/// All minimum-size sets of chart rows (prime implicants) covering every
/// column, each sorted, in lexicographic order. `cover[p]` lists the
/// columns that row `p` covers. `None` when more than `limit` exist.
pub(crate) fn minimal_covers(cover: &[Vec<usize>], ncols: usize, limit: usize) -> Option<Vec<Vec<usize>>> {
    let words = ncols.div_ceil(64).max(1);
    let bits: Vec<Vec<u64>> = cover
        .iter()
        .map(|cols| {
            let mut b = vec![0u64; words];
            for &c in cols {
                if let Some(w) = b.get_mut(c / 64) {
                    *w |= 1u64 << (c % 64);
                }
            }
            b
        })
        .collect();
    let mut options: Vec<Vec<usize>> = vec![Vec::new(); ncols];
    for (p, cols) in cover.iter().enumerate() {
        for &c in cols {
            if let Some(o) = options.get_mut(c) {
                o.push(p);
            }
        }
    }
    if options.iter().any(Vec::is_empty) {
        return Some(Vec::new());
    }
    let max_cover =
        bits.iter().map(|b| b.iter().map(|w| w.count_ones() as usize).sum::<usize>()).max().unwrap_or(1).max(1);
    let mut uncovered = vec![0u64; words];
    for c in 0..ncols {
        if let Some(w) = uncovered.get_mut(c / 64) {
            *w |= 1u64 << (c % 64);
        }
    }
    let ctx = Ctx { bits: &bits, options: &options, max_cover };
    let mut banned = vec![false; cover.len()];
    let mut k = ncols.div_ceil(max_cover).max(1);
    loop {
        let mut out = BTreeSet::new();
        let mut chosen = Vec::new();
        if ctx.search(&uncovered, &mut chosen, &mut banned, k, &mut out, 1) {
            break;
        }
        if !out.is_empty() || k >= cover.len() {
            break;
        }
        k += 1;
    }
    let mut out = BTreeSet::new();
    let mut chosen = Vec::new();
    if ctx.search(&uncovered, &mut chosen, &mut banned, k, &mut out, limit.saturating_add(1)) {
        return None;
    }
    if out.len() > limit {
        return None;
    }
    Some(out.into_iter().collect())
}

struct Ctx<'a> {
    bits: &'a [Vec<u64>],
    options: &'a [Vec<usize>],
    max_cover: usize,
}

impl Ctx<'_> {
    /// Collects covers of size at most `k` into `out`; returns true once
    /// `out` holds `stop` sets.
    ///
    /// Each cover is generated once: the search branches on the uncovered
    /// column with the fewest usable options, and once the branch that
    /// takes option `p` is done, `p` is banned from its sibling branches
    /// (a cover holding `p` has already been found there). A cover still
    /// reaches the branch of the first of its rows in that column's order,
    /// so nothing is lost; without the ban the same cover was reached
    /// through every order of its rows.
    fn search(
        &self,
        uncovered: &[u64],
        chosen: &mut Vec<usize>,
        banned: &mut [bool],
        k: usize,
        out: &mut BTreeSet<Vec<usize>>,
        stop: usize,
    ) -> bool {
        let remaining: usize = uncovered.iter().map(|w| w.count_ones() as usize).sum();
        if remaining == 0 {
            let mut s = chosen.clone();
            s.sort_unstable();
            out.insert(s);
            return out.len() >= stop;
        }
        let left = k.saturating_sub(chosen.len());
        if left == 0 || left * self.max_cover < remaining {
            return false;
        }
        let usable = |col: usize| {
            self.options.get(col).map_or(0, |o| o.iter().filter(|&&p| !banned.get(p).copied().unwrap_or(true)).count())
        };
        // The uncovered column with the fewest usable options.
        let mut best: Option<(usize, usize)> = None;
        for (wi, &w) in uncovered.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                let b = w.trailing_zeros() as usize;
                w &= w - 1;
                let col = wi * 64 + b;
                let n = usable(col);
                if n == 0 {
                    // A column nothing left can cover: no cover below here.
                    return false;
                }
                if best.is_none_or(|(_, bn)| n < bn) {
                    best = Some((col, n));
                }
            }
        }
        let Some((col, _)) = best else { return false };
        let opts: Vec<usize> = self
            .options
            .get(col)
            .map(|o| o.iter().copied().filter(|&p| !banned.get(p).copied().unwrap_or(true)).collect())
            .unwrap_or_default();
        let mut stop_now = false;
        let mut tried = Vec::with_capacity(opts.len());
        for p in opts {
            let Some(pb) = self.bits.get(p) else { continue };
            let next: Vec<u64> = uncovered.iter().zip(pb).map(|(u, b)| u & !b).collect();
            chosen.push(p);
            stop_now = self.search(&next, chosen, banned, k, out, stop);
            chosen.pop();
            if stop_now {
                break;
            }
            if let Some(slot) = banned.get_mut(p) {
                *slot = true;
                tried.push(p);
            }
        }
        for p in tried {
            if let Some(slot) = banned.get_mut(p) {
                *slot = false;
            }
        }
        stop_now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_in_lexicographic_order() {
        let mut c = Combinations::new(4, 2);
        let mut all = Vec::new();
        while let Some(x) = c.next_combo() {
            all.push(x.to_vec());
        }
        assert_eq!(all, vec![vec![0, 1], vec![0, 2], vec![0, 3], vec![1, 2], vec![1, 3], vec![2, 3]]);
    }

    #[test]
    fn onset_primes_of_a_textbook_function() {
        // f(A,B,C) = sum of minterms 0,1,2,5,6,7: primes ~A~B, ~A~C, ~BC, B~C, AC, AB (cyclic).
        let on: Vec<Vec<u8>> = [0u8, 1, 2, 5, 6, 7].iter().map(|&m| vec![m >> 2 & 1, m >> 1 & 1, m & 1]).collect();
        let p = r_sort(onset_primes(&on, &[2, 2, 2]));
        assert_eq!(p.len(), 6);
        let mut q = qmc(&on, &[2, 2, 2]);
        let mut p2 = p.clone();
        p2.sort();
        q.sort();
        assert_eq!(p2, q, "level search and Quine-McCluskey agree");
        let cover: Vec<Vec<usize>> = p
            .iter()
            .map(|cube| on.iter().enumerate().filter(|(_, r)| covers(cube, r)).map(|(i, _)| i).collect())
            .collect();
        let sols = minimal_covers(&cover, on.len(), 100).unwrap_or_default();
        assert_eq!(sols.len(), 2, "the cyclic chart has two minimal covers");
        assert!(sols.iter().all(|s| s.len() == 3));
    }

    /// Every minimum-size cover, by trying every subset of rows.
    fn brute_force(cover: &[Vec<usize>], ncols: usize) -> Vec<Vec<usize>> {
        let n = cover.len();
        let mut best: Option<usize> = None;
        let mut out = Vec::new();
        for set in 0u32..(1 << n) {
            let size = set.count_ones() as usize;
            let covered: BTreeSet<usize> = cover
                .iter()
                .enumerate()
                .filter(|(p, _)| set >> p & 1 == 1)
                .flat_map(|(_, r)| r.iter().copied())
                .collect();
            if covered.len() < ncols || best.is_some_and(|b| size > b) {
                continue;
            }
            if best.is_none_or(|b| size < b) {
                best = Some(size);
                out.clear();
            }
            out.push((0..n).filter(|p| set >> p & 1 == 1).collect());
        }
        out.sort();
        out
    }

    proptest::proptest! {
        /// The search that bans explored rows from sibling branches finds
        /// exactly the minimum covers that trying every subset finds.
        #[test]
        fn minimal_covers_equal_brute_force(
            rows in proptest::collection::vec(proptest::collection::btree_set(0usize..7, 1..5), 1..10),
        ) {
            let cover: Vec<Vec<usize>> = rows.iter().map(|r| r.iter().copied().collect()).collect();
            let ncols = 7;
            let expected = if (0..ncols).all(|c| cover.iter().any(|r| r.contains(&c))) {
                brute_force(&cover, ncols)
            } else {
                Vec::new()
            };
            proptest::prop_assert_eq!(minimal_covers(&cover, ncols, usize::MAX - 1), Some(expected));
        }
    }
}
