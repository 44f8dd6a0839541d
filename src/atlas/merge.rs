//! Combining atlases and looking up what must be there:
//! [`Atlas::into_builder`], [`AtlasBuilder::extend`], the builder's bulk
//! adders, [`Atlas::merge`] with a [`Duplicates`] policy, and
//! [`Atlas::require_town`].

use std::collections::HashMap;
use std::hash::Hash;

use super::{Atlas, AtlasBuilder};
use crate::id::IdKind;
use crate::{Archetype, Error, ExchangeRate, LinkageGraph, Source, Town};

/// What [`Atlas::merge`] does when both atlases hold a record with the same
/// key: a source, archetype or town with the same id, a linkage graph for
/// the same town, or an exchange rate for the same pair of currencies and
/// year. Records that are equal are one record under every policy (two
/// atlases citing the same source do not conflict).
///
/// # Example
///
/// ```
/// use regdev::{Atlas, Duplicates};
/// let twice = Atlas::builtin().clone().merge(Atlas::builtin().clone(), Duplicates::Reject)?;
/// assert_eq!(&twice, Atlas::builtin());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Duplicates {
    /// Fail on the first key whose two records differ, with the error
    /// building an atlas with both would give ([`Error::DuplicateId`],
    /// [`Error::DuplicateGraph`] or [`Error::DuplicateExchangeRate`]).
    #[default]
    Reject,
    /// Keep this atlas's record and leave the other's out.
    KeepOurs,
    /// Replace this atlas's record with the other's, in this atlas's place.
    TakeTheirs,
}

/// Appends `theirs` to `ours`, resolving records with a key already in
/// `ours` by `policy`; `duplicate` names the conflict for
/// [`Duplicates::Reject`].
fn merge_records<T: PartialEq, K: Eq + Hash>(
    ours: &mut Vec<T>,
    theirs: Vec<T>,
    key: impl Fn(&T) -> K,
    policy: Duplicates,
    duplicate: impl Fn(&T) -> Error,
) -> Result<(), Error> {
    let index: HashMap<K, usize> = ours.iter().enumerate().map(|(i, r)| (key(r), i)).collect();
    for record in theirs {
        let Some(slot) = index.get(&key(&record)).and_then(|&i| ours.get_mut(i)) else {
            ours.push(record);
            continue;
        };
        if *slot == record {
            continue;
        }
        match policy {
            Duplicates::Reject => return Err(duplicate(&record)),
            Duplicates::KeepOurs => {}
            Duplicates::TakeTheirs => *slot = record,
        }
    }
    Ok(())
}

impl Atlas {
    /// A builder holding every record of this atlas, in order, to add to
    /// and build again.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Atlas, Name, Town, TownId};
    /// let extra = Town::builder(TownId::new("extra")?, Name::new("Extra")?, AdminLevel::Town).build()?;
    /// let atlas = Atlas::builtin().clone().into_builder().town(extra).build()?;
    /// assert_eq!(atlas.towns().len(), Atlas::builtin().towns().len() + 1);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn into_builder(self) -> AtlasBuilder {
        AtlasBuilder {
            sources: self.sources,
            exchange_rates: self.exchange_rates,
            archetypes: self.archetypes,
            towns: self.towns,
            graphs: self.graphs,
        }
    }

    /// This atlas with the records of `other` added after its own, keys
    /// that both hold resolved by `duplicates`, validated as a whole.
    ///
    /// # Errors
    ///
    /// With [`Duplicates::Reject`], the first key whose two records differ
    /// ([`Error::DuplicateId`], [`Error::DuplicateGraph`],
    /// [`Error::DuplicateExchangeRate`]); under any policy, the first
    /// violation of the invariants listed on [`Atlas`] by the merged
    /// records (a town of one atlas whose parent is replaced by the other's
    /// must still fit it).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Atlas, Duplicates, Error, ErrorKind, Name, Town, TownId};
    /// let town = |name: &str| -> Result<Town, Error> {
    ///     Town::builder(TownId::new("t")?, Name::new(name)?, AdminLevel::Town).build()
    /// };
    /// let ours = Atlas::builder().town(town("Old")?).build()?;
    /// let theirs = Atlas::builder().town(town("New")?).build()?;
    /// let err = ours.clone().merge(theirs.clone(), Duplicates::Reject).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::DuplicateId);
    /// let kept = ours.clone().merge(theirs.clone(), Duplicates::KeepOurs)?;
    /// assert_eq!(kept.require_town("t")?.name().english(), "Old");
    /// let taken = ours.merge(theirs, Duplicates::TakeTheirs)?;
    /// assert_eq!(taken.require_town("t")?.name().english(), "New");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn merge(self, other: Atlas, duplicates: Duplicates) -> Result<Atlas, Error> {
        let mut ours = self.into_builder();
        let theirs = other.into_builder();
        let policy = duplicates;
        merge_records(
            &mut ours.sources,
            theirs.sources,
            |s: &Source| s.id().clone(),
            policy,
            |s| Error::DuplicateId { kind: IdKind::Source, id: s.id().to_string() },
        )?;
        merge_records(
            &mut ours.exchange_rates,
            theirs.exchange_rates,
            |r: &ExchangeRate| (r.year(), r.from().min(r.to()), r.from().max(r.to())),
            policy,
            |r| Error::DuplicateExchangeRate { from: r.from(), to: r.to(), year: r.year() },
        )?;
        merge_records(
            &mut ours.archetypes,
            theirs.archetypes,
            |a: &Archetype| a.id().clone(),
            policy,
            |a| Error::DuplicateId { kind: IdKind::Archetype, id: a.id().to_string() },
        )?;
        merge_records(
            &mut ours.towns,
            theirs.towns,
            |t: &Town| t.id().clone(),
            policy,
            |t| Error::DuplicateId { kind: IdKind::Town, id: t.id().to_string() },
        )?;
        merge_records(
            &mut ours.graphs,
            theirs.graphs,
            |g: &LinkageGraph| g.focal_town().clone(),
            policy,
            |g| Error::DuplicateGraph { town: g.focal_town().to_string() },
        )?;
        ours.build()
    }

    /// The town with id `id`, or an error naming it: for code that cannot
    /// go on without the town (compare [`Atlas::town`], which returns an
    /// `Option`).
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`] if the atlas has no town with that id.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, ErrorKind};
    /// let atlas = Atlas::builtin();
    /// assert_eq!(atlas.require_town("kunshan")?.name().english(), "Kunshan");
    /// let err = atlas.require_town("atlantis").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::NotFound);
    /// assert_eq!(err.to_string(), "no town 'atlantis' in the atlas");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn require_town(&self, id: &str) -> Result<&Town, Error> {
        self.town(id).ok_or_else(|| Error::NotFound { kind: IdKind::Town, id: id.to_owned() })
    }
}

impl AtlasBuilder {
    /// Adds every record of `atlas` after the ones already added. Nothing
    /// is resolved: a key both hold is reported by [`AtlasBuilder::build`]
    /// (use [`Atlas::merge`] to resolve duplicates by a policy).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Atlas, ErrorKind};
    /// let err = Atlas::builder().extend(Atlas::builtin().clone()).extend(Atlas::builtin().clone()).build();
    /// assert_eq!(err.map_err(|e| e.kind()).err(), Some(ErrorKind::DuplicateId));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn extend(self, atlas: Atlas) -> AtlasBuilder {
        let b = atlas.into_builder();
        self.sources(b.sources)
            .exchange_rates(b.exchange_rates)
            .archetypes(b.archetypes)
            .towns(b.towns)
            .graphs(b.graphs)
    }

    /// Adds sources, in order.
    ///
    /// # Example
    ///
    /// ```
    /// let atlas = regdev::Atlas::builder().sources(regdev::Atlas::builtin().sources().cloned()).build()?;
    /// assert_eq!(atlas.sources().len(), regdev::Atlas::builtin().sources().len());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn sources(mut self, sources: impl IntoIterator<Item = Source>) -> AtlasBuilder {
        self.sources.extend(sources);
        self
    }

    /// Adds exchange rates, in order.
    ///
    /// # Example
    ///
    /// ```
    /// let b = regdev::Atlas::builtin();
    /// let atlas = regdev::Atlas::builder().sources(b.sources().cloned()).exchange_rates(b.exchange_rates().cloned()).build()?;
    /// assert_eq!(atlas.exchange_rates().len(), b.exchange_rates().len());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn exchange_rates(mut self, rates: impl IntoIterator<Item = ExchangeRate>) -> AtlasBuilder {
        self.exchange_rates.extend(rates);
        self
    }

    /// Adds archetypes, in order.
    ///
    /// # Example
    ///
    /// ```
    /// let b = regdev::Atlas::builtin();
    /// let atlas = regdev::Atlas::builder().sources(b.sources().cloned()).archetypes(b.archetypes().cloned()).build()?;
    /// assert_eq!(atlas.archetypes().len(), 3);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn archetypes(mut self, archetypes: impl IntoIterator<Item = Archetype>) -> AtlasBuilder {
        self.archetypes.extend(archetypes);
        self
    }

    /// Adds towns, in order.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{AdminLevel, Atlas, Name, Town, TownId};
    /// let towns = ["a", "b", "c"].map(|id| Town::builder(TownId::new(id)?, Name::new(id)?, AdminLevel::Town).build());
    /// let atlas = Atlas::builder().towns(towns.into_iter().collect::<Result<Vec<_>, _>>()?).build()?;
    /// assert_eq!(atlas.towns().len(), 3);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn towns(mut self, towns: impl IntoIterator<Item = Town>) -> AtlasBuilder {
        self.towns.extend(towns);
        self
    }

    /// Adds linkage graphs, in order.
    ///
    /// # Example
    ///
    /// ```
    /// let b = regdev::Atlas::builtin();
    /// let atlas = regdev::Atlas::builder()
    ///     .sources(b.sources().cloned())
    ///     .towns(b.towns().cloned())
    ///     .graphs(b.graphs().cloned())
    ///     .build()?;
    /// assert_eq!(atlas.graphs().len(), b.graphs().len());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn graphs(mut self, graphs: impl IntoIterator<Item = LinkageGraph>) -> AtlasBuilder {
        self.graphs.extend(graphs);
        self
    }
}
