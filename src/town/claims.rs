//! How a town keeps its profile claims: [`ClaimStore`].
//!
//! Most towns say no more about their profile than format 1 could (at most
//! one undated claim of normal rank per dimension): their claims are
//! exactly the current `profile` and its `profile_sources`, which the town
//! holds anyway. Storing them a second time cost a 288-byte struct and one
//! allocation per set dimension for every town, a third of a large atlas's
//! memory; so a compact town stores no claims and derives them on first
//! request.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::{Profile, ProfileClaims};

use super::ProfileSources;

/// A town's profile claims.
///
/// Before validation (freshly read, or in a [`TownBuilder`](super::TownBuilder))
/// `full` holds the claims given besides the compact profile, if any. After
/// validation it holds the claims only when they are not compact
/// ([`ProfileClaims::is_compact`]); a compact town's claims are derived from
/// its profile and sources when first asked for, and kept in `derived`.
#[derive(Default)]
pub(crate) struct ClaimStore {
    full: Option<Box<ProfileClaims>>,
    derived: OnceLock<Box<ProfileClaims>>,
}

impl ClaimStore {
    /// Claims given as they are, to be validated.
    pub(crate) fn raw(claims: ProfileClaims) -> ClaimStore {
        ClaimStore { full: (!claims.is_empty()).then(|| Box::new(claims)), derived: OnceLock::new() }
    }

    /// The validated claims of a town: nothing stored if they are compact.
    pub(crate) fn validated(claims: Box<ProfileClaims>) -> ClaimStore {
        ClaimStore { full: (!claims.is_compact()).then_some(claims), derived: OnceLock::new() }
    }

    /// Takes the claims given before validation, if any.
    pub(crate) fn take_raw(&mut self) -> Option<Box<ProfileClaims>> {
        self.derived = OnceLock::new();
        self.full.take()
    }

    /// The claims to add to before validation.
    pub(crate) fn raw_mut(&mut self) -> &mut ProfileClaims {
        self.derived = OnceLock::new();
        self.full.get_or_insert_with(Box::default)
    }

    /// Whether the validated claims are compact (none stored).
    pub(crate) fn is_compact(&self) -> bool {
        self.full.is_none()
    }

    /// The stored claims of a validated town that is not compact.
    pub(crate) fn full(&self) -> Option<&ProfileClaims> {
        self.full.as_deref()
    }

    /// Every claim of a validated town: the stored ones, or those the
    /// compact `profile` and `sources` stand for.
    pub(crate) fn get(&self, profile: &Profile, sources: &ProfileSources) -> &ProfileClaims {
        match &self.full {
            Some(full) => full,
            None => self.derived.get_or_init(|| Box::new(ProfileClaims::from_compact(profile, sources))),
        }
    }
}

impl Clone for ClaimStore {
    /// Clones the stored claims, not the derived ones (derived again on
    /// demand).
    fn clone(&self) -> ClaimStore {
        ClaimStore { full: self.full.clone(), derived: OnceLock::new() }
    }
}

impl PartialEq for ClaimStore {
    /// Compares the stored claims: two validated towns with compact claims
    /// have equal claims exactly when their profiles and sources (compared
    /// separately) are equal.
    fn eq(&self, other: &ClaimStore) -> bool {
        self.full == other.full
    }
}

impl core::fmt::Debug for ClaimStore {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.full {
            Some(full) => full.fmt(f),
            None => f.write_str("Compact"),
        }
    }
}

impl Serialize for ClaimStore {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.full {
            Some(full) => full.serialize(s),
            None => ProfileClaims::default().serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for ClaimStore {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ClaimStore, D::Error> {
        ProfileClaims::deserialize(d).map(ClaimStore::raw)
    }
}
