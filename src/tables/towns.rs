//! Towns built straight from the typed Arrow columns of the town tables.
//!
//! Each town is assembled from its row and its child rows through the
//! crate's constructors and [`TownBuilder`](crate::TownBuilder), whose
//! `build` runs the same validation as deserialization: no record tree,
//! no serde round for the town, ids and sources shared with the records
//! they name. Only the small rare items (zones, advantages, stages,
//! notes, specialisations) and each distinct profile value (once per
//! dictionary entry) still go through their own `Deserialize` impls.
//!
//! This path accepts exactly what the record-tree path
//! ([`build_town`](super::build_town)) accepts and builds the same town;
//! at the first doubt (any check failing, any value it does not handle)
//! it gives up and the caller builds that town the old way, which reports
//! the error, naming the table, row and column, exactly as before.

use arrow::array::Array;
use serde::Deserialize;

use super::arrowio::{RowRef, StrCol, TableView, unflatten};
use super::node::Node;
use super::spec::{self, Spec};
use super::{Grouped, HashSet};
use crate::{
    AdminLevel, Advantage, Claim, CodeListing, Currency, DevelopmentZone, DimensionValue, DivisionCode, Indicator,
    Name, Note, Observation, ObservationKind, Observed, Period, Population, Profile, Qualifier, Quantity, Rank,
    RegionalModel, SourceId, Specialisation, Stage, Town, TownId, Trajectory, Unit, Year,
};

std::thread_local! {
    /// Each thread's own copies of the sources its towns cite: every
    /// fact of every town cites a source, and bumping the reference count
    /// of one shared id from every core at once sends its cache line back
    /// and forth between them. (Ids equal when their texts do.)
    /// The copies are for one [`Direct`] (a chunk of towns) only.
    static OWN_SOURCES: std::cell::RefCell<(u64, Vec<SourceId>)> = const { std::cell::RefCell::new((0, Vec::new())) };
}

/// Numbers each [`Direct`], for [`OWN_SOURCES`].
static READS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Sources a thread keeps its own copy of.
const OWN_MAX: usize = 16;

/// The direct path gave up on a town: build it the old way.
#[derive(Debug)]
pub(super) struct GiveUp;

/// `r` with its error dropped: the old path will report it.
#[inline]
fn ok<T, E>(r: Result<T, E>) -> Result<T, GiveUp> {
    r.map_err(|_| GiveUp)
}

#[inline]
fn some<T>(o: Option<T>) -> Result<T, GiveUp> {
    o.ok_or(GiveUp)
}

/// A vocabulary value as deserialization reads it.
#[inline]
fn vocab<T: serde::de::DeserializeOwned>(v: &str) -> Result<T, GiveUp> {
    use serde::de::IntoDeserializer;
    let d: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = v.into_deserializer();
    ok(T::deserialize(d))
}

#[inline]
fn year(v: Option<i16>) -> Result<Option<Year>, GiveUp> {
    v.map(|y| ok(Year::new(i64::from(y)))).transpose()
}

/// A period from its two columns, as `{start, end}` deserializes.
#[inline]
fn period(start: Option<i16>, end: Option<i16>) -> Result<Option<Period>, GiveUp> {
    match (year(start)?, year(end)?) {
        (None, None) => Ok(None),
        (Some(s), e) => ok(Period::new(s, e)).map(Some),
        (None, Some(_)) => Err(GiveUp),
    }
}

/// The position of column `name` in `spec` (`usize::MAX`: none, which
/// reads as null).
fn col(s: &Spec, name: &str) -> usize {
    s.index(name).unwrap_or(usize::MAX)
}

/// A profile value of one dimension, as the claim's `value` deserializes:
/// through [`Profile`]'s impl (the dimension's own value type).
fn dimension_value(dimension: &str, value: Node<'_>) -> Result<DimensionValue, GiveUp> {
    let node = Node::Map(vec![(dimension, value)]);
    let p = ok(Profile::deserialize(&node))?;
    some(crate::Dimension::ALL.iter().find_map(|&d| p.get(d)))
}

/// Each profile claim batch's single values parsed once per pair of
/// dictionary entries (dimension, value), where both columns have
/// dictionaries small enough.
struct ValueMemo {
    /// Per batch: the value dictionary's length and the parsed values,
    /// `[dimension entry * values + value entry]`.
    batches: Vec<Option<(usize, Vec<Option<DimensionValue>>)>>,
}

impl ValueMemo {
    const MAX: usize = 1 << 16;

    fn new(view: &TableView<'_>, dimension: usize, value: usize) -> ValueMemo {
        let dims = view.str_columns(dimension);
        let values = view.str_columns(value);
        let batches = dims
            .iter()
            .zip(&values)
            .map(|(d, v)| {
                let (d, v) = (d.and_then(StrCol::dictionary)?, v.and_then(StrCol::dictionary)?);
                if d.len().saturating_mul(v.len()) > Self::MAX {
                    return None;
                }
                let mut out = Vec::with_capacity(d.len() * v.len());
                for i in 0..d.len() {
                    for j in 0..v.len() {
                        let parsed = (d.is_valid(i) && v.is_valid(j))
                            .then(|| dimension_value(d.value(i), Node::Str(v.value(j))).ok())
                            .flatten();
                        out.push(parsed);
                    }
                }
                Some((v.len(), out))
            })
            .collect();
        ValueMemo { batches }
    }

    #[inline]
    fn get(&self, batch: usize, dimension: Option<usize>, value: Option<usize>) -> Option<&DimensionValue> {
        let (n, memo) = self.batches.get(batch)?.as_ref()?;
        memo.get(dimension?.checked_mul(*n)?.checked_add(value?)?)?.as_ref()
    }
}

/// Column positions of the tables read here.
struct Columns {
    t: [usize; 13],
    o: [usize; 13],
    c: [usize; 9],
    m: [usize; 5],
}

impl Columns {
    fn new() -> Columns {
        let t = &spec::TOWNS;
        let o = &spec::OBSERVATIONS;
        let c = &spec::PROFILE_CLAIMS;
        Columns {
            t: [
                "id",
                "name_english",
                "name_chinese",
                "level",
                "parent",
                "province",
                "code",
                "code_valid_start",
                "code_valid_end",
                "code_source",
                "model",
                "model_year",
                "model_source",
            ]
            .map(|n| col(t, n)),
            o: [
                "indicator",
                "value",
                "count",
                "unit",
                "currency",
                "kind",
                "qualifier",
                "year",
                "period_start",
                "period_end",
                "product",
                "source",
                "town",
            ]
            .map(|n| col(o, n)),
            c: ["dimension", "value", "values", "rank", "period_start", "period_end", "source", "town", "archetype"]
                .map(|n| col(c, n)),
            m: ["model", "rank", "period_start", "period_end", "source"].map(|n| col(&spec::MODEL_CLAIMS, n)),
        }
    }
}

/// Everything a town is built from.
pub(super) struct Direct<'v, 'a> {
    towns: &'v TableView<'a>,
    observations: (&'v TableView<'a>, &'v Grouped),
    claims: (&'v TableView<'a>, &'v Grouped),
    /// Model-label claims.
    model_claims: (&'v TableView<'a>, &'v Grouped),
    /// Specialisations, zones, advantages, stages, notes.
    lists: [(&'v TableView<'a>, &'v Grouped); 5],
    /// Each town's id (`None`: invalid), shared by the records naming it.
    ids: &'v [Option<TownId>],
    /// Each town row's parent's row (`usize::MAX`: none).
    parents: &'v [usize],
    sources: &'v HashSet<SourceId>,
    values: ValueMemo,
    cols: Columns,
    /// This read's number (see [`OWN_SOURCES`]).
    read: u64,
}

impl<'v, 'a> Direct<'v, 'a> {
    /// `children` in table order: observations, profile claims, model claims,
    /// specialisations, zones, advantages, stages, notes.
    pub(super) fn new(
        towns: &'v TableView<'a>,
        children: &'v [(TableView<'a>, &'static str, &'v Grouped)],
        ids: &'v [Option<TownId>],
        parents: &'v [usize],
        sources: &'v HashSet<SourceId>,
    ) -> Option<Direct<'v, 'a>> {
        let get = |name: &str| children.iter().find(|(v, _, _)| v.spec().name == name).map(|(v, _, g)| (v, *g));
        let claims = get("profile_claims")?;
        let cols = Columns::new();
        let values = ValueMemo::new(claims.0, cols.c[0], cols.c[1]);
        Some(Direct {
            towns,
            observations: get("observations")?,
            claims,
            model_claims: get("model_claims")?,
            lists: [get("specialisations")?, get("zones")?, get("advantages")?, get("stages")?, get("notes")?],
            ids,
            parents,
            sources,
            values,
            cols,
            read: READS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// The known source `s`, as this thread's own copy for the first
    /// few distinct sources it meets (see [`OWN_SOURCES`]), shared with
    /// the atlas's record beyond them.
    #[inline]
    fn source(&self, s: Option<&str>) -> Result<SourceId, GiveUp> {
        let s = some(s)?;
        OWN_SOURCES.with(|own| {
            let mut own = own.borrow_mut();
            let (read, own) = &mut *own;
            if *read != self.read {
                *read = self.read;
                own.clear();
            }
            if let Some(mine) = own.iter().find(|m| m.as_str() == s) {
                return Ok(mine.clone());
            }
            let found = some(self.sources.get(s))?;
            if own.len() >= OWN_MAX {
                return Ok(found.clone());
            }
            let mine = SourceId::new(found.as_str()).unwrap_or_else(|_| found.clone());
            own.push(mine.clone());
            Ok(mine)
        })
    }

    /// Town `row`, or [`GiveUp`].
    pub(super) fn town(&self, row: usize) -> Result<Town, GiveUp> {
        let [
            id,
            en,
            zh,
            level,
            parent,
            province,
            code,
            code_start,
            code_end,
            code_source,
            model,
            model_year,
            model_source,
        ] = self.cols.t;
        let (_, t) = some(self.towns.row(row))?;
        let town_id = some(self.ids.get(row).cloned().flatten())?;
        if some(t.str(id))? != town_id.as_str() {
            return Err(GiveUp);
        }
        let mut name = ok(Name::new(some(t.str(en))?))?;
        if let Some(zh) = t.str(zh) {
            name = ok(name.with_chinese(zh))?;
        }
        let mut b = Town::builder(town_id, name, vocab::<AdminLevel>(some(t.str(level))?)?);
        if let Some(p) = t.str(parent) {
            let at = some(self.parents.get(row).copied().filter(|&at| at != usize::MAX))?;
            let parent = some(self.ids.get(at).cloned().flatten())?;
            if parent.as_str() != p {
                return Err(GiveUp);
            }
            b = b.parent(parent);
        }
        if let Some(p) = t.str(province) {
            b = b.province(p);
        }
        let (c, c0, c1, cs) = (t.str(code), t.year(code_start), t.year(code_end), t.str(code_source));
        if c.is_some() || c0.is_some() || c1.is_some() || cs.is_some() {
            let mut listing = CodeListing::new(ok(DivisionCode::new(some(c)?))?, self.source(cs)?);
            if let Some(p) = period(c0, c1)? {
                listing = listing.with_validity(p);
            }
            b = b.statistical_code(listing);
        }
        let (m, my, ms) = (t.str(model), t.year(model_year), t.str(model_source));
        let (view, grouped) = self.model_claims;
        let model_rows = grouped.of(row);
        for &r in model_rows {
            let (_, c) = some(view.row(r))?;
            b = b.model_claim(self.model_claim(c)?);
        }
        if model_rows.is_empty() && (m.is_some() || my.is_some() || ms.is_some()) {
            let mut o = Observed::new(vocab::<RegionalModel>(some(m)?)?, self.source(ms)?);
            if let Some(y) = year(my)? {
                o = o.with_year(y);
            }
            b = b.model(o);
        }

        let (view, grouped) = self.observations;
        for &r in grouped.of(row) {
            let (_, o) = some(view.row(r))?;
            b = b.observation(self.observation(o)?);
        }
        let (view, grouped) = self.claims;
        let rows = grouped.of(row);
        let mut claims = Vec::with_capacity(rows.len());
        for &r in rows {
            let (batch, c) = some(view.row(r))?;
            claims.push(self.claim(batch, c)?);
        }
        b = with_claims(b, claims);
        let [specs, zones, advantages, stages, notes] = &self.lists;
        for &r in specs.1.of(row) {
            b = b.specialisation(item::<Specialisation>(specs.0, r)?);
        }
        for &r in zones.1.of(row) {
            b = b.zone(item::<DevelopmentZone>(zones.0, r)?);
        }
        for &r in advantages.1.of(row) {
            b = b.advantage(item::<Observed<Advantage>>(advantages.0, r)?);
        }
        let rows = stages.1.of(row);
        if !rows.is_empty() {
            let list = rows.iter().map(|&r| item::<Stage>(stages.0, r)).collect::<Result<Vec<_>, _>>()?;
            b = b.trajectory(ok(Trajectory::try_from(list))?);
        }
        for &r in notes.1.of(row) {
            b = b.note(item::<Note>(notes.0, r)?);
        }
        let town = ok(b.build())?;
        // Where claims give the label, `towns` holds the label they resolve
        // to and no year (the record path names the column otherwise).
        if !model_rows.is_empty() {
            let resolved = town.model();
            if my.is_some() || m != resolved.map(|c| c.value().id()) || ms != resolved.map(|c| c.source().as_str()) {
                return Err(GiveUp);
            }
        }
        Ok(town)
    }

    /// A model-label claim row.
    fn model_claim(&self, c: RowRef<'_, 'a>) -> Result<Claim<RegionalModel>, GiveUp> {
        let [model, rank, p0, p1, source] = self.cols.m;
        let mut claim = Claim::new(vocab::<RegionalModel>(some(c.str(model))?)?, self.source(c.str(source))?)
            .ranked(vocab::<Rank>(some(c.str(rank))?)?);
        if let Some(p) = period(c.year(p0), c.year(p1))? {
            claim = claim.with_period(p);
        }
        Ok(claim)
    }

    /// An observation row, with the checks of the record path's
    /// observation entry (unit, count, currency, kind, product…).
    fn observation(&self, o: RowRef<'_, 'a>) -> Result<Observation, GiveUp> {
        let [indicator, value, count, unit, currency, kind, qualifier, y, p0, p1, product, source, _] = self.cols.o;
        let indicator: Indicator = ok(some(o.str(indicator))?.parse())?;
        let expected = indicator.unit();
        if some(o.str(unit))? != expected.id() {
            return Err(GiveUp);
        }
        let v = some(o.f64(value))?;
        if !v.is_finite() {
            return Err(GiveUp);
        }
        let quantity = match (o.str(currency), o.u64(count)) {
            (Some(_), Some(_)) => return Err(GiveUp),
            (Some(c), None) if expected == Unit::Money => {
                Quantity::Money(ok(crate::Money::new(v, vocab::<Currency>(c)?))?)
            }
            (None, Some(n)) => {
                #[allow(clippy::cast_precision_loss)]
                let as_f64 = n as f64;
                if v != as_f64 {
                    return Err(GiveUp);
                }
                match expected {
                    Unit::Persons => Quantity::Persons(Population::new(n)),
                    Unit::Count => Quantity::Count(n),
                    _ => return Err(GiveUp),
                }
            }
            (None, None) => match expected {
                Unit::Persons => Quantity::Persons(ok(Population::from_f64(v))?),
                Unit::Share => Quantity::Share(ok(crate::Share::new(v))?),
                Unit::SquareKilometres => Quantity::Area(ok(crate::Area::new(v))?),
                // A count or money without its column: left to the old path.
                _ => return Err(GiveUp),
            },
            (Some(_), None) => return Err(GiveUp),
        };
        let mut out = ok(Observation::new(indicator, quantity, self.source(o.str(source))?))?;
        if let Some(k) = o.str(kind) {
            out = ok(out.with_kind(vocab::<ObservationKind>(k)?))?;
        }
        out = out.with_qualifier(vocab::<Qualifier>(some(o.str(qualifier))?)?);
        match (year(o.year(y))?, period(o.year(p0), o.year(p1))?) {
            (Some(_), Some(_)) => return Err(GiveUp),
            (Some(y), None) => out = out.with_year(y),
            (None, Some(p)) => out = out.with_period(p),
            (None, None) => {}
        }
        if let Some(p) = o.str(product) {
            out = ok(out.with_product(p))?;
        }
        Ok(out)
    }

    /// A profile claim row of a town.
    fn claim(&self, batch: usize, c: RowRef<'_, 'a>) -> Result<Claim<DimensionValue>, GiveUp> {
        let [dimension, value, values, rank, p0, p1, source, _, _] = self.cols.c;
        let dim = some(c.str(dimension))?;
        let v = match (c.str(value), c.list(values)) {
            (Some(one), None) => match self.values.get(batch, c.key(dimension), c.key(value)) {
                Some(v) => v.clone(),
                None => dimension_value(dim, Node::Str(one))?,
            },
            (None, Some(list)) => {
                let items = ok(list)?;
                dimension_value(dim, Node::Seq(items.into_iter().map(Node::Str).collect()))?
            }
            _ => return Err(GiveUp),
        };
        let mut claim = Claim::new(v, self.source(c.str(source))?).ranked(vocab::<Rank>(some(c.str(rank))?)?);
        if let Some(p) = period(c.year(p0), c.year(p1))? {
            claim = claim.with_period(p);
        }
        Ok(claim)
    }
}

/// A town's profile claims: as the compact profile and its sources when
/// they say no more than it can (each dimension at most once, undated,
/// of normal rank), which is the town validation makes of such claims
/// (the same current profile and sources, no claims stored), without
/// building and checking the claims first; as claims otherwise.
fn with_claims(b: crate::TownBuilder, claims: Vec<Claim<DimensionValue>>) -> crate::TownBuilder {
    let mut seen = 0u64;
    let compact = claims.iter().all(|c| {
        let bit =
            crate::Dimension::ALL.iter().position(|&d| d == c.value().dimension()).map_or(0, |i| 1u64 << (i % 64));
        let first = seen & bit == 0;
        seen |= bit;
        first && bit != 0 && c.rank() == Rank::Normal && c.period().is_none()
    }) && crate::Dimension::ALL.len() <= 64;
    if !compact {
        return claims.into_iter().fold(b, crate::TownBuilder::claim);
    }
    let mut profile = Profile::default();
    let mut sources = crate::ProfileSources::new();
    for c in claims {
        sources.insert(c.value().dimension(), c.source().clone());
        profile.set(c.value().clone());
    }
    b.profile(profile, sources)
}

/// One row of a rare child table (specialisations, zones, advantages,
/// stages, notes) through its type's own `Deserialize` impl.
fn item<T: serde::de::DeserializeOwned>(view: &TableView<'_>, r: usize) -> Result<T, GiveUp> {
    let mut cells = Vec::with_capacity(view.spec().cols.len());
    ok(view.cells(r, &mut cells))?;
    ok(T::deserialize(&unflatten(view.spec(), &cells)))
}
