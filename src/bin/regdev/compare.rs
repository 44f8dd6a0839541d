//! `regdev compare` and `regdev classify`.

use regdev::{Gower, ProfileMetric, SimpleMatching, VerdictRule, classify as rank};
use serde::Serialize;

use crate::cli::{ArchetypeSource, ClassifyArgs, CompareArgs, CompareFormat, Measure, TableOrJson};
use crate::load::{self, Comparable};
use crate::output::{Failure, note, print};

/// Pretty JSON with a trailing newline.
fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| Failure::invalid(format!("cannot serialize JSON: {e}")))
}

/// `regdev compare A B`.
///
/// Comparing with an empty profile fails (exit 1) and says which side is
/// empty: a table of dashes would look like an answer.
pub(crate) fn compare(args: &CompareArgs) -> Result<(), Failure> {
    let atlas = load::atlas(args.atlas.atlas.as_deref())?;
    let (archetypes, builtin) = load::archetypes_of(&atlas);
    let (a, b) =
        (load::comparable(&atlas, &archetypes, &args.left)?, load::comparable(&atlas, &archetypes, &args.right)?);
    if builtin && [&a, &b].iter().any(|c| matches!(c, Comparable::Archetype(_))) {
        note("note: the atlas has no archetypes; using the built-in ones");
    }
    let empty: Vec<String> = [&a, &b]
        .iter()
        .filter(|c| c.as_compare().profile().is_empty())
        .map(|c| format!("{} ({})", c.as_compare().label(), c.selector()))
        .collect();
    if !empty.is_empty() {
        return Err(Failure::invalid(format!(
            "nothing to compare: {} {} no profile (no dimension is set)",
            empty.join(" and "),
            if empty.len() == 1 { "has" } else { "have" }
        )));
    }
    let mut comparison = a.as_compare().compare(b.as_compare());
    if !args.all_dimensions {
        comparison = comparison.talk_rows();
    }
    match args.format {
        CompareFormat::Table => print(&comparison.to_string()),
        CompareFormat::Markdown => print(&comparison.to_markdown()),
        CompareFormat::Json => print(&json(&comparison)?),
    }
}

/// The JSON form of `regdev classify`: the library's classification
/// (`subject`, `measure`, `verdict`, `rule`, `ranking` with `distance`,
/// `compared`, `coverage` per archetype) plus the town's id and where the
/// archetypes came from.
#[derive(Serialize)]
struct ClassifyJson<'a, 'b> {
    town: &'a str,
    archetypes: &'static str,
    #[serde(flatten)]
    classification: &'a regdev::Classification<'b>,
}

/// `regdev classify TOWN`.
pub(crate) fn classify(args: &ClassifyArgs) -> Result<(), Failure> {
    let atlas = load::atlas(args.atlas.atlas.as_deref())?;
    let town = load::town(&atlas, &args.town)?;
    let (archetypes, source) = match args.archetypes {
        Some(ArchetypeSource::Builtin) => (regdev::Atlas::builtin().archetypes().collect(), "builtin"),
        Some(ArchetypeSource::Atlas) => {
            if atlas.archetypes().len() == 0 {
                return Err(Failure::invalid(
                    "the atlas has no archetypes; use --archetypes builtin for the built-in ones",
                ));
            }
            (atlas.archetypes().collect(), "atlas")
        }
        None => match load::archetypes_of(&atlas) {
            (a, true) => (a, "builtin"),
            (a, false) => (a, "atlas"),
        },
    };
    let mut rule = VerdictRule::default().min_compared(args.min_compared);
    rule = rule.min_coverage(args.min_coverage)?.tie_tolerance(args.tie_tolerance)?;
    let metric: &dyn ProfileMetric = match args.measure {
        Measure::Gower => &Gower::new(),
        Measure::SimpleMatching => &SimpleMatching,
    };
    let classification = rank(town, archetypes.iter().copied(), metric)?.with_rule(rule);
    let builtin_note = (source == "builtin" && args.archetypes.is_none())
        .then_some("the atlas has no archetypes: classified against the built-in archetypes (--archetypes builtin)");
    match args.format {
        TableOrJson::Table => {
            let mut text = String::new();
            if let Some(n) = builtin_note {
                text.push_str(&format!("({n})\n"));
            } else if source == "builtin" {
                text.push_str("(against the built-in archetypes)\n");
            }
            text.push_str(&classification.to_string());
            print(&text)
        }
        TableOrJson::Json => {
            if let Some(n) = builtin_note {
                note(&format!("note: {n}"));
            }
            print(&json(&ClassifyJson {
                town: town.id().as_str(),
                archetypes: source,
                classification: &classification,
            })?)
        }
    }
}
