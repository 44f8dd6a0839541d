//! Rows of JSON values to Arrow columns and back.

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, DictionaryArray, Float64Array, Float64Builder, Int16Array, Int16Builder, Int32Array, ListArray,
    ListBuilder, RecordBatch, StringArray, StringBuilder, UInt64Array, UInt64Builder,
};
use arrow::datatypes::Int32Type;
use serde_json::{Map, Value};

use arrow::datatypes::Schema;

use super::node::Node;
use super::spec::{Spec, Ty};
use crate::Error;

/// Builds one table from JSON records.
pub(crate) struct TableBuilder {
    pub(crate) spec: &'static Spec,
    cols: Vec<ColBuilder>,
    rows: usize,
}

enum ColBuilder {
    Str(StringBuilder),
    Year(Int16Builder),
    F64(Float64Builder),
    U64(UInt64Builder),
    List(ListBuilder<StringBuilder>),
}

fn internal(spec: &Spec, column: &str, message: impl Into<String>) -> Error {
    Error::Table { table: spec.name.to_owned(), row: None, column: Some(column.to_owned()), message: message.into() }
}

/// Removes the value at `path` from `obj`.
pub(crate) fn take(obj: &mut Map<String, Value>, path: &[&str]) -> Option<Value> {
    match path {
        [] => None,
        [k] => obj.remove(*k),
        [k, rest @ ..] => match obj.get_mut(*k) {
            Some(Value::Object(m)) => take(m, rest),
            _ => None,
        },
    }
}

/// The path of the first field left in `obj` that is not an empty object.
pub(crate) fn leftover(obj: &Map<String, Value>) -> Option<String> {
    obj.iter().find_map(|(k, v)| match v {
        Value::Object(m) if m.is_empty() => None,
        Value::Object(m) => leftover(m).map(|rest| format!("{k}.{rest}")),
        _ => Some(k.clone()),
    })
}

impl TableBuilder {
    pub(crate) fn new(spec: &'static Spec) -> TableBuilder {
        let cols = spec
            .cols
            .iter()
            .map(|c| match c.ty {
                Ty::Str => ColBuilder::Str(StringBuilder::new()),
                Ty::Year => ColBuilder::Year(Int16Builder::new()),
                Ty::F64 => ColBuilder::F64(Float64Builder::new()),
                Ty::U64 => ColBuilder::U64(UInt64Builder::new()),
                Ty::List => ColBuilder::List(ListBuilder::new(StringBuilder::new())),
            })
            .collect();
        TableBuilder { spec, cols, rows: 0 }
    }

    /// Appends one record: the key columns from `keys` (in column order),
    /// every other column taken from `obj`. A field of `obj` that no column
    /// holds is an error: nothing is dropped silently.
    pub(crate) fn push(&mut self, keys: &[Option<&str>], mut obj: Map<String, Value>) -> Result<(), Error> {
        let spec = self.spec;
        let mut keys = keys.iter();
        for (c, b) in spec.cols.iter().zip(self.cols.iter_mut()) {
            let v = if c.path.is_empty() {
                keys.next().copied().flatten().map(|s| Value::String(s.to_owned()))
            } else {
                take(&mut obj, c.path)
            };
            let bad = || internal(spec, c.name, "value of the wrong JSON type (a bug in regdev)");
            match (b, v) {
                (ColBuilder::Str(b), None) => b.append_null(),
                (ColBuilder::Str(b), Some(Value::String(s))) => b.append_value(s),
                (ColBuilder::Year(b), None) => b.append_null(),
                (ColBuilder::Year(b), Some(Value::Number(n))) => {
                    b.append_value(n.as_i64().and_then(|y| i16::try_from(y).ok()).ok_or_else(bad)?);
                }
                (ColBuilder::F64(b), None) => b.append_null(),
                (ColBuilder::F64(b), Some(Value::Number(n))) => b.append_value(n.as_f64().ok_or_else(bad)?),
                (ColBuilder::U64(b), None) => b.append_null(),
                (ColBuilder::U64(b), Some(Value::Number(n))) => b.append_value(n.as_u64().ok_or_else(bad)?),
                (ColBuilder::List(b), None) => b.append_null(),
                (ColBuilder::List(b), Some(Value::Array(items))) => {
                    for item in items {
                        match item {
                            Value::String(s) => b.values().append_value(s),
                            _ => return Err(bad()),
                        }
                    }
                    b.append(true);
                }
                _ => return Err(bad()),
            }
        }
        if let Some(field) = leftover(&obj) {
            return Err(Error::Table {
                table: spec.name.to_owned(),
                row: Some(self.rows),
                column: None,
                message: format!("field '{field}' has no column (a bug in regdev)"),
            });
        }
        self.rows += 1;
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<RecordBatch, Error> {
        let columns: Vec<ArrayRef> = self
            .cols
            .into_iter()
            .map(|b| -> ArrayRef {
                match b {
                    ColBuilder::Str(mut b) => Arc::new(b.finish()),
                    ColBuilder::Year(mut b) => Arc::new(b.finish()),
                    ColBuilder::F64(mut b) => Arc::new(b.finish()),
                    ColBuilder::U64(mut b) => Arc::new(b.finish()),
                    ColBuilder::List(mut b) => Arc::new(b.finish()),
                }
            })
            .collect();
        RecordBatch::try_new(Arc::new(self.spec.schema()), columns).map_err(|e| Error::Table {
            table: self.spec.name.to_owned(),
            row: None,
            column: None,
            message: e.to_string(),
        })
    }
}

/// One column of a batch, downcast to its type.
enum ColRead<'a> {
    Str(StrCol<'a>),
    Year(&'a Int16Array),
    F64(&'a Float64Array),
    U64(&'a UInt64Array),
    List(&'a ListArray, &'a StringArray),
}

/// Where each spec column is in a batch of schema `schema`; checks the
/// names and types.
pub(crate) fn positions(spec: &Spec, schema: &Schema) -> Result<Vec<usize>, Error> {
    let err = |column: &str, message: String| Error::Table {
        table: spec.name.to_owned(),
        row: None,
        column: Some(column.to_owned()),
        message,
    };
    for f in schema.fields() {
        if spec.index(f.name()).is_none() {
            return Err(err(f.name(), "unexpected column (not in the documented layout)".to_owned()));
        }
    }
    spec.cols
        .iter()
        .map(|c| {
            let i = schema.index_of(c.name).map_err(|_| err(c.name, "missing column".to_owned()))?;
            let dt = schema.field(i).data_type();
            if !c.ty.accepts(dt) {
                return Err(err(c.name, format!("has type {dt}, expected {}", c.ty.doc_name())));
            }
            Ok(i)
        })
        .collect()
}

/// A string column, plain or dictionary-encoded (as the reader asks for
/// the columns a file stores with a dictionary): the value of row `r`,
/// `None` for null.
#[derive(Clone, Copy)]
pub(crate) enum StrCol<'a> {
    Plain(&'a StringArray),
    Dict { keys: &'a Int32Array, values: &'a StringArray },
}

impl<'a> StrCol<'a> {
    /// The column of `a`, a string array or a dictionary of strings.
    fn of(a: &'a dyn Array) -> Option<StrCol<'a>> {
        if let Some(a) = a.as_any().downcast_ref::<StringArray>() {
            return Some(StrCol::Plain(a));
        }
        let d = a.as_any().downcast_ref::<DictionaryArray<Int32Type>>()?;
        let values = d.values().as_any().downcast_ref::<StringArray>()?;
        Some(StrCol::Dict { keys: d.keys(), values })
    }

    #[inline]
    pub(crate) fn get(self, r: usize) -> Option<&'a str> {
        match self {
            StrCol::Plain(a) => (r < a.len() && a.is_valid(r)).then(|| a.value(r)),
            StrCol::Dict { values, .. } => {
                let k = self.key(r)?;
                (k < values.len() && values.is_valid(k)).then(|| values.value(k))
            }
        }
    }

    /// Row `r`'s dictionary entry (`None`: null, or a plain column).
    #[inline]
    pub(crate) fn key(self, r: usize) -> Option<usize> {
        match self {
            StrCol::Plain(_) => None,
            StrCol::Dict { keys, .. } => {
                (r < keys.len() && keys.is_valid(r)).then(|| usize::try_from(keys.value(r)).ok()).flatten()
            }
        }
    }

    /// The dictionary's entries, for a dictionary column.
    pub(crate) fn dictionary(self) -> Option<&'a StringArray> {
        match self {
            StrCol::Plain(_) => None,
            StrCol::Dict { values, .. } => Some(values),
        }
    }

    /// Whether rows `a` and `b` hold the same value (both null: yes).
    #[inline]
    pub(crate) fn same(self, a: usize, b: usize) -> bool {
        match (self.key(a), self.key(b)) {
            (Some(x), Some(y)) if x == y => true,
            _ => self.get(a) == self.get(b),
        }
    }
}

/// A primitive column: the value of row `r`, `None` for null.
pub(crate) struct PrimCol<'a, T: arrow::datatypes::ArrowPrimitiveType>(&'a arrow::array::PrimitiveArray<T>);

impl<T: arrow::datatypes::ArrowPrimitiveType> PrimCol<'_, T> {
    #[inline]
    pub(crate) fn get(&self, r: usize) -> Option<T::Native> {
        (r < self.0.len() && self.0.is_valid(r)).then(|| self.0.value(r))
    }
}

/// One batch of a table, its columns checked against the spec (names,
/// types, no null in a required column), with typed access by column
/// name. Rows are numbered from `offset`, the rows of earlier batches.
pub(crate) struct Cols<'a> {
    pub(crate) spec: &'static Spec,
    batch: &'a RecordBatch,
    pos: Vec<usize>,
    pub(crate) offset: usize,
}

impl<'a> Cols<'a> {
    pub(crate) fn new(spec: &'static Spec, batch: &'a RecordBatch, offset: usize) -> Result<Cols<'a>, Error> {
        let pos = positions(spec, &batch.schema())?;
        for (c, &i) in spec.cols.iter().zip(&pos) {
            let col = batch.column(i);
            // Logical nulls: a dictionary's null entries count too.
            if c.required && col.logical_null_count() > 0 {
                let nulls = col.logical_nulls();
                let row = (0..col.len()).find(|&r| nulls.as_ref().is_some_and(|n| n.is_null(r))).unwrap_or(0);
                return Err(Error::Table {
                    table: spec.name.to_owned(),
                    row: Some(offset + row),
                    column: Some(c.name.to_owned()),
                    message: "null in a required column".to_owned(),
                });
            }
        }
        Ok(Cols { spec, batch, pos, offset })
    }

    pub(crate) fn rows(&self) -> usize {
        self.batch.num_rows()
    }

    fn array(&self, name: &str) -> Result<&'a dyn Array, Error> {
        let batch: &'a RecordBatch = self.batch;
        self.spec
            .index(name)
            .and_then(|i| self.pos.get(i))
            .map(|&i| batch.column(i).as_ref())
            .ok_or_else(|| internal(self.spec, name, "no such column (a bug in regdev)"))
    }

    fn cast<T: 'static>(&self, name: &str) -> Result<&'a T, Error> {
        self.array(name)?
            .as_any()
            .downcast_ref::<T>()
            .ok_or_else(|| internal(self.spec, name, "column of an unexpected type (a bug in regdev)"))
    }

    pub(crate) fn str(&self, name: &str) -> Result<StrCol<'a>, Error> {
        StrCol::of(self.array(name)?)
            .ok_or_else(|| internal(self.spec, name, "column of an unexpected type (a bug in regdev)"))
    }

    pub(crate) fn year(&self, name: &str) -> Result<PrimCol<'a, arrow::datatypes::Int16Type>, Error> {
        self.cast::<Int16Array>(name).map(PrimCol)
    }

    pub(crate) fn f64(&self, name: &str) -> Result<PrimCol<'a, arrow::datatypes::Float64Type>, Error> {
        self.cast::<Float64Array>(name).map(PrimCol)
    }

    /// Every column downcast to its type, in spec order.
    fn readers(&self) -> Result<Vec<ColRead<'a>>, Error> {
        let spec = self.spec;
        let batch: &'a RecordBatch = self.batch;
        spec.cols
            .iter()
            .zip(&self.pos)
            .map(|(c, &i)| {
                let col = batch.column(i).as_ref();
                let a = col.as_any();
                let cast = match c.ty {
                    Ty::Str => StrCol::of(col).map(ColRead::Str),
                    Ty::Year => a.downcast_ref::<Int16Array>().map(ColRead::Year),
                    Ty::F64 => a.downcast_ref::<Float64Array>().map(ColRead::F64),
                    Ty::U64 => a.downcast_ref::<UInt64Array>().map(ColRead::U64),
                    Ty::List => a.downcast_ref::<ListArray>().and_then(|l| {
                        let items = l.values().as_any().downcast_ref::<StringArray>()?;
                        Some(ColRead::List(l, items))
                    }),
                };
                cast.ok_or_else(|| internal(spec, c.name, format!("expected {}", c.ty.doc_name())))
            })
            .collect()
    }

    /// Calls `f` with each row's cells (`None` for null), in column
    /// order, and its row number; strings borrowed from the batch.
    pub(crate) fn for_each_row(
        &self,
        mut f: impl FnMut(usize, &[Option<Node<'a>>]) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let spec = self.spec;
        let cols = self.readers()?;
        let mut cells: Vec<Option<Node<'a>>> = Vec::with_capacity(spec.cols.len());
        for r in 0..self.rows() {
            cells.clear();
            for (col, c) in cols.iter().zip(spec.cols) {
                cells.push(cell(col, r, spec, c.name, self.offset + r)?);
            }
            f(self.offset + r, &cells)?;
        }
        Ok(())
    }
}

fn cell<'a>(col: &ColRead<'a>, r: usize, spec: &Spec, column: &str, row: usize) -> Result<Option<Node<'a>>, Error> {
    let err = |message: String| Error::Table {
        table: spec.name.to_owned(),
        row: Some(row),
        column: Some(column.to_owned()),
        message,
    };
    Ok(match *col {
        ColRead::Str(a) => a.get(r).map(Node::Str),
        ColRead::Year(a) => a.is_valid(r).then(|| Node::I64(i64::from(a.value(r)))),
        ColRead::F64(a) => {
            if a.is_valid(r) {
                let x = a.value(r);
                // JSON has no NaN or infinity: say so here, with the row.
                if !x.is_finite() {
                    return Err(err(format!("non-finite number {x}")));
                }
                Some(Node::F64(x))
            } else {
                None
            }
        }
        ColRead::U64(a) => a.is_valid(r).then(|| Node::U64(a.value(r))),
        ColRead::List(a, items) => {
            if a.is_valid(r) {
                let offsets = a.value_offsets();
                let (start, end) = match (offsets.get(r), offsets.get(r + 1)) {
                    (Some(&s), Some(&e)) => (s, e),
                    _ => return Err(err("list offsets out of range".to_owned())),
                };
                let (start, end) = (usize::try_from(start).unwrap_or(0), usize::try_from(end).unwrap_or(0));
                if start > end || end > items.len() {
                    return Err(err("list offsets out of range".to_owned()));
                }
                let mut out = Vec::with_capacity(end - start);
                for i in start..end {
                    if items.is_null(i) {
                        return Err(err("null list item".to_owned()));
                    }
                    out.push(Node::Str(items.value(i)));
                }
                Some(Node::Seq(out))
            } else {
                None
            }
        }
    })
}

/// A table held whole, its rows reachable by number from any thread.
pub(crate) struct TableView<'a> {
    spec: &'static Spec,
    /// Each batch's first row and its columns.
    batches: Vec<(usize, Vec<ColRead<'a>>)>,
}

impl<'a> TableView<'a> {
    /// Checks every batch against the spec, as [`Cols::new`] does.
    pub(crate) fn new(spec: &'static Spec, batches: &'a [RecordBatch]) -> Result<TableView<'a>, Error> {
        TableView::new_at(spec, batches, 0)
    }

    /// As [`TableView::new`] for batches whose first row is row `start`
    /// of the table (a window of a table read batch by batch).
    pub(crate) fn new_at(
        spec: &'static Spec,
        batches: &'a [RecordBatch],
        start: usize,
    ) -> Result<TableView<'a>, Error> {
        let mut out = Vec::with_capacity(batches.len());
        let mut offset = start;
        for b in batches {
            out.push((offset, Cols::new(spec, b, offset)?.readers()?));
            offset += b.num_rows();
        }
        Ok(TableView { spec, batches: out })
    }

    /// The table's spec.
    pub(crate) fn spec(&self) -> &'static Spec {
        self.spec
    }

    /// The cells of row `row` (0-based over the whole table) into `cells`.
    pub(crate) fn cells(&self, row: usize, cells: &mut Vec<Option<Node<'a>>>) -> Result<(), Error> {
        let spec = self.spec;
        let at = self.batches.partition_point(|(start, _)| *start <= row);
        let (start, cols) = at
            .checked_sub(1)
            .and_then(|i| self.batches.get(i))
            .ok_or_else(|| internal(spec, "", format!("no row {row} (a bug in regdev)")))?;
        cells.clear();
        for (col, c) in cols.iter().zip(spec.cols) {
            cells.push(cell(col, row - start, spec, c.name, row)?);
        }
        Ok(())
    }
}

impl<'a> TableView<'a> {
    /// Row `row` (0-based over the whole table) for typed access: the
    /// index of its batch and its cells; `None` past the end.
    #[inline]
    pub(crate) fn row<'v>(&'v self, row: usize) -> Option<(usize, RowRef<'v, 'a>)> {
        let at = self.batches.partition_point(|(start, _)| *start <= row).checked_sub(1)?;
        let (start, cols) = self.batches.get(at)?;
        Some((at, RowRef { cols, r: row - start }))
    }

    /// The string column `column` of each batch (`None` where the
    /// column is not a string column), for the readers that look each
    /// dictionary entry up once.
    pub(crate) fn str_columns(&self, column: usize) -> Vec<Option<StrCol<'a>>> {
        self.batches
            .iter()
            .map(|(_, cols)| match cols.get(column) {
                Some(ColRead::Str(c)) => Some(*c),
                _ => None,
            })
            .collect()
    }
}

/// One row of a [`TableView`], its cells read by column position (the
/// column's place in the spec) and type; a cell of another type reads as
/// null, a list with a null item as `Err`.
#[derive(Clone, Copy)]
pub(crate) struct RowRef<'v, 'a> {
    cols: &'v [ColRead<'a>],
    r: usize,
}

impl<'a> RowRef<'_, 'a> {
    #[inline]
    pub(crate) fn str(self, i: usize) -> Option<&'a str> {
        match self.cols.get(i) {
            Some(ColRead::Str(c)) => c.get(self.r),
            _ => None,
        }
    }

    /// The cell's dictionary entry (`None`: null, or a plain column).
    #[inline]
    pub(crate) fn key(self, i: usize) -> Option<usize> {
        match self.cols.get(i) {
            Some(ColRead::Str(c)) => c.key(self.r),
            _ => None,
        }
    }

    #[inline]
    pub(crate) fn year(self, i: usize) -> Option<i16> {
        match self.cols.get(i) {
            Some(ColRead::Year(a)) => (self.r < a.len() && a.is_valid(self.r)).then(|| a.value(self.r)),
            _ => None,
        }
    }

    #[inline]
    pub(crate) fn f64(self, i: usize) -> Option<f64> {
        match self.cols.get(i) {
            Some(ColRead::F64(a)) => (self.r < a.len() && a.is_valid(self.r)).then(|| a.value(self.r)),
            _ => None,
        }
    }

    #[inline]
    pub(crate) fn u64(self, i: usize) -> Option<u64> {
        match self.cols.get(i) {
            Some(ColRead::U64(a)) => (self.r < a.len() && a.is_valid(self.r)).then(|| a.value(self.r)),
            _ => None,
        }
    }

    /// A list cell's items: `None` for null, `Err` for a null item or
    /// offsets out of range.
    pub(crate) fn list(self, i: usize) -> Option<Result<Vec<&'a str>, ()>> {
        let Some(ColRead::List(a, items)) = self.cols.get(i) else { return None };
        let r = self.r;
        if r >= a.len() || !a.is_valid(r) {
            return None;
        }
        let offsets = a.value_offsets();
        let (Some(&s), Some(&e)) = (offsets.get(r), offsets.get(r + 1)) else { return Some(Err(())) };
        let (Ok(s), Ok(e)) = (usize::try_from(s), usize::try_from(e)) else { return Some(Err(())) };
        if s > e || e > items.len() {
            return Some(Err(()));
        }
        Some((s..e).map(|k| if items.is_null(k) { Err(()) } else { Ok(items.value(k)) }).collect())
    }
}

/// The record of a row: every non-key column put at its path.
pub(crate) fn unflatten<'a>(spec: &Spec, cells: &[Option<Node<'a>>]) -> Node<'a> {
    let mut obj = Node::map();
    for (c, v) in spec.cols.iter().zip(cells) {
        if let (false, Some(v)) = (c.path.is_empty(), v) {
            obj.put(c.path, v.clone());
        }
    }
    obj
}

/// The string in a row's cell `name`, if set.
pub(crate) fn str_at<'a>(spec: &Spec, cells: &[Option<Node<'a>>], name: &str) -> Option<&'a str> {
    match spec.index(name).and_then(|i| cells.get(i)) {
        Some(Some(Node::Str(s))) => Some(s),
        _ => None,
    }
}
