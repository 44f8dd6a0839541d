//! Towns as CSV: [`Atlas::write_towns_csv`] with a [`CsvColumns`] layout.
//!
//! The one CSV writer for towns: the `regdev` CLI (`towns --format csv`,
//! `export csv`) and the synthetic peer files (`synth::write_peer_files`,
//! feature `synth`) both call it. Quoting and line ends are the [`csv`]
//! crate's (RFC 4180).

use std::io::Write;

use crate::{Atlas, Currency, Dimension, Error, Money, Observed, Place, Town, ValueRef};

/// Which columns [`Atlas::write_towns_csv`] writes.
///
/// Missing values are empty cells in both layouts; levels, models and
/// dimension values are written as their snake_case ids.
///
/// # Example
///
/// ```
/// use regdev::CsvColumns;
/// assert_eq!(CsvColumns::People.names().first(), Some(&"id"));
/// assert!(CsvColumns::Peers.names().contains(&"gdp_cny"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CsvColumns {
    /// For people (a spreadsheet, a reader): every key fact as stated, in
    /// its own currency, with its year; the statistical code with the
    /// years of its validity; the specialisations. The columns, in order:
    /// `id`, `name`, `chinese`, `level`, `parent`, `province`, `model`,
    /// `code`, `code_from`, `code_to`, `specialisations` (each
    /// `industry:product`, e.g. `c38:home appliances`, joined by `;`),
    /// `area_km2`, `area_year`, `population`, `population_year`, `gdp`,
    /// `gdp_currency`, `gdp_year`, `gdp_per_capita`,
    /// `gdp_per_capita_currency`, `gdp_per_capita_year`.
    People,
    /// For peer tools (pandas in the benchmarks): one number per fact in a
    /// fixed currency, and one column per profile dimension. The columns:
    /// `id`, `name`, `name_zh`, `level`, `parent`, `province`, `model`,
    /// `area_km2`, `population`, `gdp_cny`, `gdp_per_capita_usd`, then one
    /// per [`Dimension`] in [`Dimension::ALL`] order named by its id (a
    /// set dimension's members joined by `;`). Money is converted to the
    /// column's currency with the atlas's rate for the figure's year; a
    /// figure that cannot be converted is left empty.
    Peers,
}

const PEOPLE: [&str; 21] = [
    "id",
    "name",
    "chinese",
    "level",
    "parent",
    "province",
    "model",
    "code",
    "code_from",
    "code_to",
    "specialisations",
    "area_km2",
    "area_year",
    "population",
    "population_year",
    "gdp",
    "gdp_currency",
    "gdp_year",
    "gdp_per_capita",
    "gdp_per_capita_currency",
    "gdp_per_capita_year",
];

const PEERS: [&str; 11] = [
    "id",
    "name",
    "name_zh",
    "level",
    "parent",
    "province",
    "model",
    "area_km2",
    "population",
    "gdp_cny",
    "gdp_per_capita_usd",
];

impl CsvColumns {
    /// The header row, in order.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{CsvColumns, Dimension};
    /// assert_eq!(CsvColumns::People.names().len(), 21);
    /// assert_eq!(CsvColumns::Peers.names().len(), 11 + Dimension::ALL.len());
    /// ```
    #[must_use]
    pub fn names(self) -> Vec<&'static str> {
        match self {
            CsvColumns::People => PEOPLE.to_vec(),
            CsvColumns::Peers => PEERS.iter().copied().chain(Dimension::ALL.iter().map(|d| d.id())).collect(),
        }
    }

    fn row(self, atlas: &Atlas, t: &Town) -> Vec<String> {
        let f = t.key_facts();
        let opt = |s: Option<&str>| s.unwrap_or_default().to_owned();
        let mut row = vec![
            t.id().to_string(),
            t.name().english().to_owned(),
            opt(t.name().chinese()),
            t.level().id().to_owned(),
            t.parent().map(ToString::to_string).unwrap_or_default(),
            opt(t.province()),
            opt(t.model().map(|m| m.value().id())),
        ];
        match self {
            CsvColumns::People => {
                let code = t.statistical_code();
                let validity = code.and_then(crate::CodeListing::validity);
                row.extend([
                    opt(code.map(|c| c.code().as_str())),
                    validity.map(|p| p.start().to_string()).unwrap_or_default(),
                    validity.and_then(|p| p.end()).map(|y| y.to_string()).unwrap_or_default(),
                    t.specialisations()
                        .iter()
                        .map(|s| format!("{}:{}", s.industry().id(), s.product()))
                        .collect::<Vec<_>>()
                        .join(";"),
                ]);
                stated(&mut row, f.area().as_ref(), |a| [a.km2().to_string()]);
                stated(&mut row, f.population().as_ref(), |p| [p.get().to_string()]);
                let money = |m: &Money| [m.amount().to_string(), m.currency().code().to_owned()];
                stated(&mut row, f.gdp().as_ref(), money);
                stated(&mut row, f.gdp_per_capita().as_ref(), money);
            }
            CsvColumns::Peers => {
                let cell = |v: Option<String>| v.unwrap_or_default();
                row.extend([
                    cell(f.area().map(|a| a.value().km2().to_string())),
                    cell(f.population().map(|p| p.value().get().to_string())),
                    cell(converted(atlas, f.gdp().as_ref(), Currency::Cny).map(|v| v.to_string())),
                    cell(converted(atlas, f.gdp_per_capita().as_ref(), Currency::Usd).map(|v| v.to_string())),
                ]);
                row.extend(Dimension::ALL.iter().map(|d| dimension_cell(t, *d)));
            }
        }
        row
    }
}

/// Appends a stated fact's `N` cells and its year, or `N + 1` empty cells.
fn stated<T, const N: usize>(row: &mut Vec<String>, o: Option<&Observed<T>>, cells: impl Fn(&T) -> [String; N]) {
    match o {
        Some(o) => {
            row.extend(cells(o.value()));
            row.push(o.year().map(|y| y.to_string()).unwrap_or_default());
        }
        None => row.extend(std::iter::repeat_n(String::new(), N + 1)),
    }
}

fn converted(atlas: &Atlas, o: Option<&Observed<Money>>, to: Currency) -> Option<f64> {
    atlas.convert_observed(o?, to).ok().map(Money::amount)
}

fn dimension_cell(t: &Town, d: Dimension) -> String {
    let ids = d.value_ids().unwrap_or_default();
    match t.profile().view(d) {
        None => String::new(),
        Some(ValueRef::Index(i)) => ids.get(i).copied().unwrap_or_default().to_owned(),
        Some(ValueRef::Indices(mask)) => ids
            .iter()
            .enumerate()
            .filter(|(i, _)| (mask >> i) & 1 == 1)
            .map(|(_, id)| *id)
            .collect::<Vec<_>>()
            .join(";"),
        Some(ValueRef::Places(set)) => set.iter().map(Place::as_str).collect::<Vec<_>>().join(";"),
    }
}

impl Atlas {
    /// Writes `towns` (towns of this atlas, e.g. [`Atlas::towns`] or the
    /// result of [`Atlas::query`]) as CSV with a header row: the columns
    /// of `columns`, one row per town, quoted as RFC 4180 says (by the
    /// [`csv`] crate), `\n` line ends, UTF-8. Feature `csv`.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if writing fails.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, CsvColumns};
    /// let atlas = Atlas::builtin();
    /// let mut out = Vec::new();
    /// atlas.write_towns_csv(atlas.towns(), CsvColumns::People, &mut out)?;
    /// let text = String::from_utf8(out)?;
    /// assert!(text.starts_with("id,name,chinese,level,parent,province,model,code,"));
    /// assert!(text.lines().any(|l| l.starts_with("shunde,Shunde,顺德区,district,foshan,Guangdong,pearl_river_delta,440606,")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_towns_csv<'a, W: Write>(
        &self,
        towns: impl IntoIterator<Item = &'a Town>,
        columns: CsvColumns,
        out: W,
    ) -> Result<(), Error> {
        let fail = |e: csv::Error| Error::Io { operation: "writing CSV", message: e.to_string() };
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
        w.write_record(columns.names()).map_err(fail)?;
        for t in towns {
            w.write_record(columns.row(self, t)).map_err(fail)?;
        }
        w.flush().map_err(|e| Error::Io { operation: "writing CSV", message: e.to_string() })
    }
}
