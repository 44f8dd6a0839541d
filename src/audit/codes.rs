//! The audit's checks of statistical codes: codes used by two towns,
//! codes outside their parent's code and, with the `gazetteer` feature,
//! codes, names and levels against the gazetteer of NBS statistical
//! divisions ([`crate::gazetteer`]).

use std::collections::HashMap;

use super::{Finding, FindingKind, Severity, finding};
use crate::{Atlas, Town, TownId};

/// The first town using each code, built once per audit.
pub(super) struct CodeIndex<'a> {
    first: HashMap<&'a str, &'a TownId>,
}

impl<'a> CodeIndex<'a> {
    pub(super) fn new(atlas: &'a Atlas) -> CodeIndex<'a> {
        let mut first = HashMap::new();
        for town in atlas.towns() {
            if let Some(listing) = town.statistical_code() {
                first.entry(listing.code().as_str()).or_insert(town.id());
            }
        }
        CodeIndex { first }
    }

    /// Every code check on one town.
    pub(super) fn check(&self, atlas: &Atlas, town: &Town, out: &mut Vec<Finding>) {
        let Some(listing) = town.statistical_code() else { return };
        let code = listing.code().as_str();
        if let Some(first) = self.first.get(code).filter(|first| **first != town.id()) {
            out.push(finding(
                Severity::Warning,
                FindingKind::DuplicateCode,
                town,
                "statistical_code",
                format!("code {code} is also the code of town '{first}'"),
                &[],
            ));
        }
        parent_prefix(atlas, town, code, out);
        #[cfg(feature = "gazetteer")]
        against_gazetteer(town, listing, out);
    }
}

/// The significant digits of a code: 2 for a province (`33`, `330000`), 4
/// for a prefecture, 6 for a county, 9 for a township, 12 below.
fn significant(code: &str) -> String {
    let padded = format!("{code:0<12}");
    let len = [2usize, 4, 6, 9]
        .into_iter()
        .find(|&n| padded.get(n..).is_some_and(|rest| rest.bytes().all(|b| b == b'0')))
        .unwrap_or(12);
    padded.get(..len).unwrap_or(&padded).to_owned()
}

fn parent_prefix(atlas: &Atlas, town: &Town, code: &str, out: &mut Vec<Finding>) {
    let Some(parent) = town.parent().and_then(|p| atlas.town(p.as_str())) else { return };
    let Some(parent_listing) = parent.statistical_code() else { return };
    let parent_code = parent_listing.code().as_str();
    let (prefix, own) = (significant(parent_code), significant(code));
    if own.len() <= prefix.len() || !own.starts_with(&prefix) {
        let why = if own.len() <= prefix.len() {
            format!("is not below the level of its parent '{}', coded {parent_code}", parent.id())
        } else {
            format!("does not start with {prefix}, the code of its parent '{}' ({parent_code})", parent.id())
        };
        out.push(finding(
            Severity::Warning,
            FindingKind::CodeParentMismatch,
            town,
            "statistical_code",
            format!("code {code} {why}"),
            &[],
        ));
    }
}

#[cfg(feature = "gazetteer")]
fn against_gazetteer(town: &Town, listing: &crate::CodeListing, out: &mut Vec<Finding>) {
    use crate::gazetteer::Gazetteer;

    let g = Gazetteer::builtin();
    let code = listing.code().as_str();
    let releases = match (g.releases().first(), g.releases().last()) {
        (Some(a), Some(b)) => format!("{}–{}", a.get(), b.get()),
        _ => String::new(),
    };
    let unit = match g.get(code) {
        Ok(Some(unit)) => unit,
        Ok(None) => {
            out.push(finding(
                Severity::Warning,
                FindingKind::CodeNotInGazetteer,
                town,
                "statistical_code",
                format!("code {code} is in none of the NBS releases {releases}"),
                &[],
            ));
            return;
        }
        Err(e) => {
            out.push(finding(
                Severity::Info,
                FindingKind::CodeNotInGazetteer,
                town,
                "statistical_code",
                format!("code {code} cannot be checked against the gazetteer: {e}"),
                &[],
            ));
            return;
        }
    };
    let listed = unit.listed();
    if let Some(period) = listing.validity() {
        let missing: Vec<String> = g
            .releases()
            .iter()
            .filter(|&&y| y >= period.start() && period.end().is_none_or(|end| y <= end) && !listed.contains(y))
            .map(|y| y.get().to_string())
            .collect();
        if !missing.is_empty() {
            let listed_years: Vec<String> = listed.years().map(|y| y.get().to_string()).collect();
            out.push(finding(
                Severity::Warning,
                FindingKind::CodeNotInGazetteer,
                town,
                "statistical_code.valid",
                format!(
                    "code {code} ({}) is not in the NBS release(s) of {} within its stated listing years; the gazetteer lists it in {}",
                    unit.name(),
                    missing.join(", "),
                    listed_years.join(", ")
                ),
                &[],
            ));
        }
    }
    if let Some(chinese) = town.name().chinese() {
        if !unit.has_name(chinese) {
            let former: Vec<&str> = unit.former_names().collect();
            let former = if former.is_empty() { String::new() } else { format!(", formerly {}", former.join(", ")) };
            out.push(finding(
                Severity::Warning,
                FindingKind::GazetteerNameMismatch,
                town,
                "name.chinese",
                format!("name {chinese} differs from the gazetteer's {} for code {code}{former}", unit.name()),
                &[],
            ));
        }
    }
    let level = town.level();
    let kind = unit.township_kind();
    let mismatch = level.tier() != unit.level().tier() || kind.is_some_and(|k| k != level);
    if mismatch {
        let expected = kind.map_or_else(|| unit.level().to_string(), |k| format!("{} ({k})", unit.level()));
        out.push(finding(
            Severity::Warning,
            FindingKind::GazetteerLevelMismatch,
            town,
            "level",
            format!("level {level} differs from the gazetteer's {expected} for code {code} ({})", unit.name()),
            &[],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::significant;

    #[test]
    fn significant_digits_follow_the_level() {
        assert_eq!(significant("33"), "33");
        assert_eq!(significant("330000"), "33");
        assert_eq!(significant("3303"), "3303");
        assert_eq!(significant("330300"), "3303");
        assert_eq!(significant("330382"), "330382");
        assert_eq!(significant("330382114"), "330382114");
        assert_eq!(significant("441900107"), "441900107");
        assert_eq!(significant("330382114201"), "330382114201");
    }
}
