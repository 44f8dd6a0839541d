//! The private encoding engine behind the fast paths of Gower's distance
//! ([`classify_all`](super::classify_all) and
//! [`FittedGower::matrix`](super::FittedGower::matrix)): each profile is
//! encoded once into small integers and bit masks, walking the
//! [`Dimension`] vocabulary (no dimension is named here), so that a pair
//! costs a few dozen integer comparisons.

use std::collections::HashMap;

use super::metric::Ratio;
use crate::{Dimension, DimensionKind, Place, Profile, ValueRef};

/// The number of profile dimensions.
pub(super) const DIMS: usize = Dimension::ALL.len();

/// The number of numeric key facts.
pub(super) const FACTS: usize = super::KeyFact::ALL.len();

/// One profile dimension, encoded for comparison without allocation in the
/// common case.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Code {
    Missing,
    /// The value's index among the values of its dimension seen so far.
    Nominal(u32),
    /// Rank and number of levels.
    Ordinal(u32, u32),
    /// A set whose elements are all below 64, as a bit mask.
    Bits(u64),
    /// A set with larger elements (more than 64 distinct members), sorted.
    List(Box<[u32]>),
}

impl Code {
    pub(super) fn is_missing(&self) -> bool {
        matches!(self, Code::Missing)
    }
}

/// A profile encoded once: one [`Code`] per [`Dimension`], in order.
#[derive(Debug, Clone)]
pub(super) struct Encoded(pub(super) [Code; DIMS]);

/// Interns places to small integers, so sets of places compare as bit
/// masks (or sorted lists beyond 64 distinct places). Every other value
/// is read through [`Profile::view`] as a vocabulary position already.
#[derive(Debug, Clone, Default)]
pub(super) struct Interner {
    places: HashMap<Place, u32>,
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn set_code(mut elements: Vec<u32>) -> Code {
    if elements.iter().all(|&e| e < 64) {
        Code::Bits(elements.iter().fold(0u64, |acc, &e| acc | (1u64 << e)))
    } else {
        elements.sort_unstable();
        elements.dedup();
        Code::List(elements.into_boxed_slice())
    }
}

impl Interner {
    fn place(&mut self, p: &Place) -> u32 {
        if let Some(&i) = self.places.get(p) {
            return i;
        }
        let next = index(self.places.len());
        self.places.insert(p.clone(), next);
        next
    }

    pub(super) fn encode(&mut self, p: &Profile) -> Encoded {
        self.encode_only(p, &[true; DIMS])
    }

    /// Encodes only the dimensions `wanted` marks; the rest are `Missing`.
    pub(super) fn encode_only(&mut self, p: &Profile, wanted: &[bool; DIMS]) -> Encoded {
        Encoded(core::array::from_fn(|k| {
            let Some(&d) = Dimension::ALL.get(k).filter(|_| wanted.get(k) == Some(&true)) else {
                return Code::Missing;
            };
            match (p.view(d), d.levels()) {
                (None, _) => Code::Missing,
                (Some(ValueRef::Index(i)), Some(levels)) => Code::Ordinal(index(i), index(levels)),
                (Some(ValueRef::Index(i)), None) => Code::Nominal(index(i)),
                (Some(ValueRef::Indices(mask)), _) => Code::Bits(mask),
                (Some(ValueRef::Places(set)), _) => set_code(set.iter().map(|x| self.place(x)).collect()),
            }
        }))
    }
}

/// The elements of a set code, sorted.
fn elements(c: &Code) -> Vec<u32> {
    match c {
        Code::Bits(m) => {
            let mut m = *m;
            let mut v = Vec::new();
            while m != 0 {
                v.push(m.trailing_zeros());
                m &= m - 1;
            }
            v
        }
        Code::List(l) => l.to_vec(),
        _ => Vec::new(),
    }
}

/// Jaccard distance of two sorted lists.
fn jaccard_lists(x: &[u32], y: &[u32]) -> f64 {
    if x.is_empty() && y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0u32);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match p.cmp(q) {
            core::cmp::Ordering::Less => i += 1,
            core::cmp::Ordering::Greater => j += 1,
            core::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let union = (x.len() + y.len()) as f64 - f64::from(both);
    1.0 - f64::from(both) / union
}

/// Gower's dissimilarity of one encoded dimension; `None` if either side
/// is missing.
#[inline]
pub(super) fn code_distance(a: &Code, b: &Code) -> Option<f64> {
    match (a, b) {
        (Code::Nominal(x), Code::Nominal(y)) => Some(if x == y { 0.0 } else { 1.0 }),
        (Code::Ordinal(x, levels), Code::Ordinal(y, _)) => {
            let span = f64::from(levels.saturating_sub(1).max(1));
            Some(f64::from(x.abs_diff(*y)) / span)
        }
        (Code::Bits(x), Code::Bits(y)) => {
            let union = (x | y).count_ones();
            Some(if union == 0 { 0.0 } else { 1.0 - f64::from((x & y).count_ones()) / f64::from(union) })
        }
        (Code::Bits(_) | Code::List(_), Code::Bits(_) | Code::List(_)) => {
            Some(jaccard_lists(&elements(a), &elements(b)))
        }
        _ => None,
    }
}

/// [`code_distance`] as an exact [`Ratio`]: `None` if either side is
/// missing, `Some(None)` for a pair whose dissimilarity has no two-byte
/// ratio (sets beyond 64 members, more than 128 levels). The ratio's value
/// is `code_distance`'s, bit for bit.
#[inline]
pub(super) fn code_ratio(a: &Code, b: &Code) -> Option<Option<Ratio>> {
    match (a, b) {
        (Code::Nominal(x), Code::Nominal(y)) => Some(Some(if x == y { Ratio::ZERO } else { Ratio::ONE })),
        (Code::Ordinal(x, levels), Code::Ordinal(y, _)) => {
            Some(Ratio::new(false, x.abs_diff(*y), levels.saturating_sub(1).max(1)))
        }
        (Code::Bits(x), Code::Bits(y)) => {
            let union = (x | y).count_ones();
            Some(if union == 0 { Some(Ratio::ZERO) } else { Ratio::new(true, (x & y).count_ones(), union) })
        }
        (Code::Bits(_) | Code::List(_), Code::Bits(_) | Code::List(_)) => Some(None),
        _ => None,
    }
}

/// Σ w·d and Σ w over the dimensions both have (weights already
/// normalised, 0 = left out).
#[inline]
pub(super) fn sum_encoded(a: &Encoded, b: &Encoded, weights: &[f64; DIMS]) -> (f64, f64) {
    let (mut num, mut den) = (0.0, 0.0);
    for ((x, y), w) in a.0.iter().zip(&b.0).zip(weights) {
        if *w > 0.0 {
            if let Some(d) = code_distance(x, y) {
                num += w * d;
                den += w;
            }
        }
    }
    (num, den)
}

/// A row flattened for the all-pairs loop: one byte per nominal or
/// ordinal dimension (`u8::MAX` = missing), a bit mask per set dimension,
/// and key facts pre-divided by their range (`NaN` = missing).
#[derive(Debug, Clone)]
pub(super) struct Flat {
    codes: [u8; DIMS],
    masks: [u64; DIMS],
    facts: [f64; FACTS],
    /// A code too large for a byte or a set too large for a mask: pairs
    /// with this row take the general path.
    pub(super) general: bool,
}

/// Per-dimension constants of the all-pairs loop.
pub(super) struct FlatPlan {
    pub(super) kind: [DimensionKind; DIMS],
    /// 1 / (levels − 1) for ordinal dimensions.
    pub(super) inv_span: [f64; DIMS],
    pub(super) dim_w: [f64; DIMS],
    pub(super) fact_w: [f64; FACTS],
}

impl FlatPlan {
    pub(super) fn new(dim_w: [f64; DIMS], fact_w: [f64; FACTS]) -> FlatPlan {
        FlatPlan {
            kind: core::array::from_fn(|k| Dimension::ALL.get(k).map_or(DimensionKind::Nominal, |d| d.kind())),
            inv_span: core::array::from_fn(|k| {
                #[allow(clippy::cast_precision_loss)]
                Dimension::ALL
                    .get(k)
                    .and_then(|d| d.levels())
                    .map_or(1.0, |l| 1.0 / (l.saturating_sub(1).max(1) as f64))
            }),
            dim_w,
            fact_w,
        }
    }
}

impl Flat {
    /// `inv_range[i]` is 1 / range of fact `i`, 0 when the range is 0.
    pub(super) fn of(e: &Encoded, facts: &[Option<f64>; FACTS], inv_range: &[f64; FACTS]) -> Flat {
        let mut f = Flat { codes: [u8::MAX; DIMS], masks: [0; DIMS], facts: [f64::NAN; FACTS], general: false };
        for ((c, slot), mask) in e.0.iter().zip(f.codes.iter_mut()).zip(f.masks.iter_mut()) {
            match c {
                Code::Missing => {}
                Code::Nominal(x) | Code::Ordinal(x, _) => match u8::try_from(*x) {
                    Ok(b) if b < u8::MAX => *slot = b,
                    _ => f.general = true,
                },
                Code::Bits(m) => {
                    *slot = 0;
                    *mask = *m;
                }
                Code::List(_) => f.general = true,
            }
        }
        for ((v, slot), inv) in facts.iter().zip(f.facts.iter_mut()).zip(inv_range) {
            if let Some(x) = v {
                *slot = x * inv;
            }
        }
        f
    }

    /// Σ w·d and Σ w over the features both rows have.
    #[inline]
    pub(super) fn sums(&self, other: &Flat, plan: &FlatPlan) -> (f64, f64) {
        let (mut num, mut den) = (0.0, 0.0);
        let dims = self.codes.iter().zip(&other.codes).zip(self.masks.iter().zip(&other.masks));
        for ((((&a, &b), (&x, &y)), &w), (kind, &inv_span)) in
            dims.zip(&plan.dim_w).zip(plan.kind.iter().zip(&plan.inv_span))
        {
            if a == u8::MAX || b == u8::MAX || w <= 0.0 {
                continue;
            }
            let d = match kind {
                DimensionKind::Nominal => f64::from(u8::from(a != b)),
                DimensionKind::Ordinal => f64::from(a.abs_diff(b)) * inv_span,
                DimensionKind::Set => {
                    let union = (x | y).count_ones();
                    if union == 0 { 0.0 } else { 1.0 - f64::from((x & y).count_ones()) / f64::from(union) }
                }
            };
            num += w * d;
            den += w;
        }
        for ((&x, &y), &w) in self.facts.iter().zip(&other.facts).zip(&plan.fact_w) {
            if w > 0.0 && !x.is_nan() && !y.is_nan() {
                num += w * (x - y).abs().min(1.0);
                den += w;
            }
        }
        (num, den)
    }
}
