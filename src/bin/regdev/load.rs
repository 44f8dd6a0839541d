//! Reading atlases, describing their problems, and finding towns by id or
//! name with "did you mean" suggestions.

use std::borrow::Cow;
use std::path::Path;

use regdev::{Archetype, Atlas, Compare, Error, Town};

use crate::output::{Failure, note};

/// How a file is named in messages: its path, or `<stdin>` for `-`.
pub(crate) fn label(path: &Path) -> String {
    if is_stdin(path) { "<stdin>".to_owned() } else { path.display().to_string() }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a file, or standard input for `-`.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    let read = if is_stdin(path) { crate::progress::read_stdin() } else { crate::progress::read_file(path) };
    let bytes = read.map_err(|e| Failure::invalid(format!("cannot read '{}': {e}", label(path))))?;
    Ok(bytes)
}

/// One problem, prefixed by the file: `file:line:column: …` for JSON
/// syntax and shape errors with a position, `file: …` otherwise.
pub(crate) fn describe(file: &str, e: &Error) -> String {
    match e {
        Error::Parse { format, path, line: Some(line), column, message } => {
            let at = path.as_ref().map(|p| format!(" at {p}")).unwrap_or_default();
            format!("{file}:{line}:{}: {format} error{at}: {message}", column.unwrap_or(0))
        }
        other => format!("{file}: {other}"),
    }
}

/// Parses and validates atlas JSON, collecting every problem the library
/// reports (a JSON syntax or shape error stops parsing, so it is alone).
pub(crate) fn parse_atlas(bytes: &[u8]) -> Result<Atlas, Vec<Error>> {
    use crate::progress::{MIN_BYTES, Progress};
    let large = bytes.len() as u64 >= MIN_BYTES;
    let doc = {
        let bar = Progress::bytes(bytes.len() as u64, "parsing JSON");
        Atlas::document_from_json_with_progress(bytes, bar.callback()).map_err(|e| vec![e])?
    };
    let bar = Progress::count_if(large, "graphs and towns", "validating (graphs, references, indexes)");
    Atlas::validate_document_with_progress(doc, bar.callback())
}

/// The built-in atlas, or the one in `path`; an invalid file prints every
/// problem on standard error and fails with exit code 1.
pub(crate) fn atlas(path: Option<&Path>) -> Result<Cow<'static, Atlas>, Failure> {
    let Some(path) = path else { return Ok(Cow::Borrowed(Atlas::builtin())) };
    let file = label(path);
    let loaded = if path.is_dir() {
        // A directory of Parquet tables (`regdev export parquet`).
        crate::parquet::load_dir(path).map_err(|e| vec![e])
    } else {
        parse_atlas(&read(path)?)
    };
    // The atlas lives until the command ends, and the process ends with
    // it: it is leaked, never freed. Freeing millions of records one by
    // one takes seconds on a large atlas (12% of a 100k-town load) and
    // gives nothing back that exiting does not. Library code never does
    // this; only this binary, which loads one atlas per run.
    loaded.map(|atlas| Cow::Borrowed(&*Box::leak(Box::new(atlas)))).map_err(|errors| {
        for e in &errors {
            note(&describe(&file, e));
        }
        let n = errors.len();
        Failure::invalid(format!("{file} is not a valid atlas ({n} problem{})", if n == 1 { "" } else { "s" }))
    })
}

/// The explicit selector prefixes: `town:ID` selects a town, `model:ID`
/// or `archetype:ID` an archetype.
const TOWN_PREFIX: &str = "town:";
const ARCHETYPE_PREFIXES: [&str; 2] = ["model:", "archetype:"];

/// What a query selects: `town:…`, `model:…`/`archetype:…`, or either
/// (a bare name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Selector<'q> {
    Town(&'q str),
    Archetype(&'q str),
    Bare(&'q str),
}

fn selector(query: &str) -> Selector<'_> {
    let q = query.trim();
    let strip = |prefix: &str| {
        q.get(..prefix.len()).filter(|p| p.eq_ignore_ascii_case(prefix)).and_then(|_| q.get(prefix.len()..))
    };
    if let Some(rest) = strip(TOWN_PREFIX) {
        return Selector::Town(rest.trim());
    }
    for prefix in ARCHETYPE_PREFIXES {
        if let Some(rest) = strip(prefix) {
            return Selector::Archetype(rest.trim());
        }
    }
    Selector::Bare(q)
}

/// A town by id, or by English or Chinese name when that names exactly
/// one town; `town:ID` says so explicitly.
///
/// # Errors
///
/// An unknown town, with up to three suggestions; an ambiguous name, with
/// the ids it could mean; an archetype selector (`model:…`) where a town is
/// wanted.
pub(crate) fn town<'a>(atlas: &'a Atlas, query: &str) -> Result<&'a Town, Failure> {
    match selector(query) {
        Selector::Town(q) | Selector::Bare(q) => town_named(atlas, q),
        Selector::Archetype(_) => {
            Err(Failure::invalid(format!("'{query}' selects an archetype, but a town is wanted here (use town:ID)")))
        }
    }
}

fn town_named<'a>(atlas: &'a Atlas, query: &str) -> Result<&'a Town, Failure> {
    if let Some(t) = atlas.town(query) {
        return Ok(t);
    }
    let named: Vec<&'a Town> = atlas.towns().filter(|t| t.name().matches(query)).collect();
    match named.as_slice() {
        [one] => Ok(one),
        [] => Err(Failure::invalid(format!("unknown town '{query}'{}", did_you_mean(atlas, query, false)))),
        many => {
            let ids: Vec<String> = many.iter().map(|t| format!("'{}'", t.id())).collect();
            Err(Failure::invalid(format!("'{query}' names several towns; use an id: {}", ids.join(", "))))
        }
    }
}

/// Something `compare` can compare: a town or an archetype.
pub(crate) enum Comparable<'a> {
    /// A town.
    Town(&'a Town),
    /// An archetype.
    Archetype(&'a Archetype),
}

impl Comparable<'_> {
    /// The town or archetype as a [`Compare`] trait object.
    pub(crate) fn as_compare(&self) -> &dyn Compare {
        match self {
            Comparable::Town(t) => *t,
            Comparable::Archetype(a) => *a,
        }
    }

    /// How to select it without ambiguity: `town:ID` or `model:ID`.
    pub(crate) fn selector(&self) -> String {
        match self {
            Comparable::Town(t) => format!("{TOWN_PREFIX}{}", t.id()),
            Comparable::Archetype(a) => format!("model:{}", a.id()),
        }
    }
}

/// The archetype a query names, among `archetypes`: by id, name, or its
/// regional model's id, label or alias (`prd`, `South Jiangsu`).
pub(crate) fn find_archetype<'a>(archetypes: &[&'a Archetype], query: &str) -> Option<&'a Archetype> {
    let q = query.trim();
    let model = regdev::RegionalModel::parse_alias(q).ok();
    archetypes
        .iter()
        .find(|a| a.id().as_str() == q)
        .or_else(|| archetypes.iter().find(|a| a.name().eq_ignore_ascii_case(q)))
        .or_else(|| archetypes.iter().find(|a| model.is_some() && a.model() == model))
        .copied()
}

/// The archetypes a query can name: the atlas's own, or the built-in ones
/// when it has none (the second value says which).
pub(crate) fn archetypes_of(atlas: &Atlas) -> (Vec<&Archetype>, bool) {
    if atlas.archetypes().len() > 0 {
        (atlas.archetypes().collect(), false)
    } else {
        (Atlas::builtin().archetypes().collect(), true)
    }
}

/// A town or an archetype (of `archetypes`). `town:ID` and `model:ID` (or
/// `archetype:ID`) select explicitly; a bare name that matches a town and
/// an archetype is an error listing both, never a silent pick.
pub(crate) fn comparable<'a>(
    atlas: &'a Atlas,
    archetypes: &[&'a Archetype],
    query: &str,
) -> Result<Comparable<'a>, Failure> {
    match selector(query) {
        Selector::Town(q) => town_named(atlas, q).map(Comparable::Town),
        Selector::Archetype(q) => find_archetype(archetypes, q).map(Comparable::Archetype).ok_or_else(|| {
            let ids: Vec<String> = archetypes.iter().map(|a| format!("'{}'", a.id())).collect();
            Failure::invalid(format!("unknown archetype '{q}'; archetypes: {}", ids.join(", ")))
        }),
        Selector::Bare(q) => {
            let town = town_named(atlas, q);
            let archetype = find_archetype(archetypes, q);
            match (town, archetype) {
                (Ok(t), Some(a)) => Err(Failure::invalid(format!(
                    "'{q}' names both a town and an archetype; say which:\n  {}  (town {})\n  {}  (archetype {})",
                    Comparable::Town(t).selector(),
                    t.name().english(),
                    Comparable::Archetype(a).selector(),
                    a.name()
                ))),
                (Ok(t), None) => Ok(Comparable::Town(t)),
                (Err(_), Some(a)) => Ok(Comparable::Archetype(a)),
                // Report the town error (ambiguity) when there is no archetype either.
                (Err(e), None) if atlas.towns_named(q).count() > 1 => Err(e),
                (Err(_), None) => {
                    Err(Failure::invalid(format!("unknown town or archetype '{q}'{}", did_you_mean(atlas, q, true))))
                }
            }
        }
    }
}

/// `"; did you mean 'kunshan'?"`, or nothing when nothing is close.
///
/// Candidates are town ids and English names (and archetype ids and
/// names with `archetypes`), compared case-insensitively by normalised
/// Damerau–Levenshtein similarity; a candidate that starts with the query,
/// or that the query starts with, also counts as close.
fn did_you_mean(atlas: &Atlas, query: &str, archetypes: bool) -> String {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return String::new();
    }
    let mut scored: Vec<(f64, String)> = Vec::new();
    let mut consider = |id: &str, name: &str| {
        let score = [id.to_lowercase(), name.to_lowercase()]
            .iter()
            .map(|c| {
                let s = strsim::normalized_damerau_levenshtein(&q, c);
                let prefix =
                    (c.starts_with(&q) && q.chars().count() >= 3) || (q.starts_with(c.as_str()) && c.len() >= 3);
                if prefix { s.max(0.75) } else { s }
            })
            .fold(0.0_f64, f64::max);
        if score >= 0.6 {
            scored.push((score, id.to_owned()));
        }
    };
    for t in atlas.towns() {
        consider(t.id().as_str(), t.name().english());
    }
    if archetypes {
        for a in atlas.archetypes() {
            consider(a.id().as_str(), a.name());
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    let best: Vec<String> = scored.into_iter().take(3).map(|(_, id)| format!("'{id}'")).collect();
    match best.as_slice() {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        more => format!("; did you mean one of {}?", more.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_ids_and_names() {
        let atlas = Atlas::builtin();
        assert_eq!(did_you_mean(atlas, "kunshn", false), "; did you mean 'kunshan'?");
        assert_eq!(did_you_mean(atlas, "Shunde District", false), "; did you mean 'shunde'?");
        assert_eq!(did_you_mean(atlas, "zzzzzzzzzz", false), "");
        assert!(did_you_mean(atlas, "sunann", true).contains("'sunan'"));
    }

    #[test]
    fn selectors_strip_their_prefix() {
        assert_eq!(selector("town:kunshan"), Selector::Town("kunshan"));
        assert_eq!(selector("Model: sunan"), Selector::Archetype("sunan"));
        assert_eq!(selector("archetype:wenzhou"), Selector::Archetype("wenzhou"));
        assert_eq!(selector("wenzhou"), Selector::Bare("wenzhou"));
        let atlas = Atlas::builtin();
        assert!(town(atlas, "town:kunshan").is_ok());
        assert!(town(atlas, "model:sunan").is_err());
    }

    #[test]
    fn finds_towns_by_name() {
        let atlas = Atlas::builtin();
        assert_eq!(town(atlas, "Kunshan").ok().map(|t| t.id().as_str()), Some("kunshan"));
        assert_eq!(town(atlas, "乐从镇").ok().map(|t| t.id().as_str()), Some("lecong"));
        assert!(town(atlas, "nowhere").is_err());
    }
}
