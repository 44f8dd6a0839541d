//! Profile rows derived from data, to check the asserted ones.

use std::collections::BTreeSet;

use crate::{Atlas, Dimension, DimensionValue, Error, LinkageGraph, Profile};

/// A profile value computed from data, with how it was computed.
///
/// # Example
///
/// ```
/// let rows = regdev::Atlas::builtin().derived_rows("shunde")?;
/// assert_eq!(rows[0].value().to_string(), "Local and regional");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedRow {
    value: DimensionValue,
    provenance: String,
}

impl DerivedRow {
    /// The dimension derived.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::Dimension;
    /// let rows = regdev::Atlas::builtin().derived_rows("shunde")?;
    /// assert_eq!(rows[1].dimension(), Dimension::InstitutionalBorrowing);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn dimension(&self) -> Dimension {
        self.value.dimension()
    }

    /// The derived value.
    ///
    /// # Example
    ///
    /// ```
    /// let rows = regdev::Atlas::builtin().derived_rows("kunshan")?;
    /// assert_eq!(rows[1].value().to_string(), "From Taiwan");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> &DimensionValue {
        &self.value
    }

    /// How the value was computed, and from what.
    ///
    /// # Example
    ///
    /// ```
    /// let rows = regdev::Atlas::builtin().derived_rows("kunshan")?;
    /// assert!(rows[0].provenance().contains("13 linkages"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn provenance(&self) -> &str {
        &self.provenance
    }

    /// Whether `profile` asserts the same value on this dimension.
    ///
    /// # Example
    ///
    /// ```
    /// let rows = regdev::Atlas::builtin().derived_rows("kunshan")?;
    /// assert!(!rows[0].agrees_with(&regdev::Profile::default()));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn agrees_with(&self, profile: &Profile) -> bool {
        profile.get(self.dimension()).as_ref() == Some(&self.value)
    }
}

/// Profile rows derived from data, to check the asserted ones.
///
/// Where a dimension can be computed from a town's own data, the crate
/// computes it and says how: the talk's "Economic linkages" row follows from
/// the scales of the town's linkage graph, and its "Institutional
/// borrowing" row from the places of the actors it borrows institutions
/// from. [`Atlas::derived_rows`] returns those derivations with their
/// provenance; [`DerivedRow::agrees_with`] compares them with the asserted
/// profile, and the audit flags disagreements.
///
/// # Example
///
/// ```
/// let atlas = regdev::Atlas::builtin();
/// let kunshan = atlas.town("kunshan").ok_or("?")?;
/// for row in atlas.derived_rows("kunshan")? {
///     assert!(row.agrees_with(kunshan.profile()), "{}", row.provenance());
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl Atlas {
    /// The profile rows that can be derived from a town's linkage graph:
    /// economic-linkage scope, then institutional-borrowing origins. Empty
    /// if the town has no graph.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownReference`] if `town` is not in the atlas.
    ///
    /// # Example
    ///
    /// ```
    /// let atlas = regdev::Atlas::builtin();
    /// assert_eq!(atlas.derived_rows("kunshan")?.len(), 2);
    /// assert!(atlas.derived_rows("lecong")?.is_empty());
    /// assert!(atlas.derived_rows("atlantis").is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn derived_rows(&self, town: &str) -> Result<Vec<DerivedRow>, Error> {
        if self.town(town).is_none() {
            return Err(Error::UnknownReference {
                kind: crate::id::IdKind::Town,
                id: town.to_owned(),
                referrer: "derived rows".to_owned(),
            });
        }
        Ok(self.graph(town).map(derive_from_graph).unwrap_or_default())
    }
}

fn derive_from_graph(graph: &LinkageGraph) -> Vec<DerivedRow> {
    let profile = graph.scale_profile();
    let dominant = profile.dominant();
    let counts: Vec<String> = profile
        .iter()
        .filter(|(_, n, _)| *n > 0)
        .map(|(s, n, _)| format!("{} {n}", s.label().to_lowercase()))
        .collect();
    let scope = DerivedRow {
        value: DimensionValue::EconomicLinkages(dominant),
        provenance: format!(
            "dominant scales of the {} linkages in the linkage graph of '{}' ({}); a scale is dominant when it carries at least a quarter of the linkages",
            profile.total(),
            graph.focal_town(),
            counts.join(", ")
        ),
    };
    let origins = graph.institutional_borrowing_origins();
    let actors: BTreeSet<String> = graph
        .linkages()
        .filter(|(_, _, l)| l.kind() == crate::LinkageKind::InstitutionalBorrowing)
        .map(|(from, _, _)| from.to_string())
        .collect();
    let borrowing = DerivedRow {
        value: DimensionValue::InstitutionalBorrowing(origins),
        provenance: format!(
            "places of the actors at the source of institutional-borrowing linkages in the graph of '{}' ({})",
            graph.focal_town(),
            actors.into_iter().collect::<Vec<_>>().join(", ")
        ),
    };
    vec![scope, borrowing]
}
