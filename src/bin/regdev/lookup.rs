//! `regdev lookup QUERY`: units of the gazetteer of statistical divisions
//! by code or by Chinese name.

use regdev::gazetteer::{Division, Gazetteer, Level};
use serde::Serialize;

use crate::cli::{LookupArgs, TableOrJson};
use crate::output::{Failure, print, table};

/// One parent in the JSON form.
#[derive(Serialize)]
struct Parent {
    code: String,
    name: String,
}

/// One match in the JSON form.
#[derive(Serialize)]
struct Match {
    code: String,
    name: String,
    level: Level,
    parents: Vec<Parent>,
    listed: [i64; 2],
    releases: Vec<i64>,
    former_names: Vec<String>,
}

fn to_match(d: &Division<'_>) -> Match {
    let mut parents: Vec<Parent> =
        d.ancestors().map(|a| Parent { code: a.code().to_string(), name: a.name().to_owned() }).collect();
    parents.reverse();
    let listed = d.listed();
    Match {
        code: d.code().to_string(),
        name: d.name().to_owned(),
        level: d.level(),
        parents,
        listed: [listed.first().get(), listed.last().get()],
        releases: listed.years().map(|y| y.get()).collect(),
        former_names: d.former_names().map(str::to_owned).collect(),
    }
}

/// The releases as ranges: `2015–2023`, `2015–2018, 2021–2023`.
fn ranges(years: &[i64]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut iter = years.iter().copied().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end += 1;
            iter.next();
        }
        parts.push(if start == end { start.to_string() } else { format!("{start}–{end}") });
    }
    parts.join(", ")
}

/// `regdev lookup`.
pub(crate) fn lookup(args: &LookupArgs) -> Result<(), Failure> {
    let g = Gazetteer::builtin();
    let query = args.query.trim();
    let found = g.find(query)?;
    if found.is_empty() {
        let covered = match (g.releases().first(), g.releases().last()) {
            (Some(a), Some(b)) => format!("the NBS releases {}–{}", a.get(), b.get()),
            _ => "the gazetteer".to_owned(),
        };
        let what = if query.bytes().all(|b| b.is_ascii_digit()) {
            format!("no statistical division has the code {query} in {covered}")
        } else {
            format!("no statistical division is named '{query}' in {covered} (names are matched exactly, in Chinese)")
        };
        return Err(Failure::invalid(what));
    }
    let matches: Vec<Match> = found.iter().map(to_match).collect();
    match args.format {
        TableOrJson::Json => {
            let mut text = serde_json::to_string_pretty(&matches)
                .map_err(|e| Failure::invalid(format!("cannot serialize JSON: {e}")))?;
            text.push('\n');
            print(&text)
        }
        TableOrJson::Table => {
            let rows: Vec<Vec<String>> = matches
                .iter()
                .map(|m| {
                    let mut name = m.name.clone();
                    if !m.former_names.is_empty() {
                        name.push_str(&format!(" (formerly {})", m.former_names.join(", ")));
                    }
                    let parents: Vec<&str> = m.parents.iter().rev().map(|p| p.name.as_str()).collect();
                    vec![m.code.clone(), name, m.level.to_string(), parents.join(" → "), ranges(&m.releases)]
                })
                .collect();
            print(&table(&["code", "name", "level", "parents", "listed"], &rows))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ranges;

    #[test]
    fn release_ranges_read_well() {
        assert_eq!(ranges(&[2015, 2016, 2017]), "2015–2017");
        assert_eq!(ranges(&[2015, 2016, 2018, 2020, 2021]), "2015–2016, 2018, 2020–2021");
        assert_eq!(ranges(&[]), "");
    }
}
