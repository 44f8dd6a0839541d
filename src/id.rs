//! Validated identifiers: [`TownId`], [`ActorId`], [`SourceId`],
//! [`ArchetypeId`].
//!
//! Every id is a *slug*: 1 to 64 characters, each a lowercase ASCII letter
//! (`a`–`z`), an ASCII digit or a hyphen (`-`). Slugs are stable, readable
//! in URLs and file names, and identical in every serialized form. The four
//! id types are distinct so that a town id cannot be passed where an actor
//! id is expected.
//!
//! # Example
//!
//! ```
//! use regdev::TownId;
//!
//! let kunshan: TownId = "kunshan".parse()?;
//! assert_eq!(kunshan.as_str(), "kunshan");
//! assert!(TownId::new("").is_err());
//! assert!(TownId::new("Kunshan").is_err());
//! # Ok::<(), regdev::Error>(())
//! ```

use crate::Error;
use crate::macros::vocabulary;

/// The longest id accepted, in bytes (all id characters are one byte).
pub const MAX_ID_LEN: usize = 64;

vocabulary! {
    /// What an identifier identifies. Used in error messages.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::IdKind;
    ///
    /// assert_eq!(IdKind::Town.to_string(), "town");
    /// assert_eq!("actor".parse::<IdKind>()?, IdKind::Actor);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub enum IdKind as "id kind" {
        /// A [`TownId`].
        Town = ("town", "town"),
        /// An [`ActorId`].
        Actor = ("actor", "actor"),
        /// A [`SourceId`].
        Source = ("source", "source"),
        /// An [`ArchetypeId`].
        Archetype = ("archetype", "archetype"),
    }
}

/// Checks the slug rules, returning the reason for the first violation.
fn check_slug(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err("an id must not be empty".to_owned());
    }
    if let Some((at, c)) = s.char_indices().find(|&(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
    {
        return Err(format!("character {c:?} at byte {at} is not a lowercase ASCII letter, digit or '-'"));
    }
    // Every character is ASCII by now, so bytes and characters agree.
    if s.len() > MAX_ID_LEN {
        return Err(format!("an id must be at most {MAX_ID_LEN} characters, this one has {}", s.len()));
    }
    Ok(())
}

thread_local! {
    /// The valid ids seen while a document loads (see [`interning`]).
    static INTERNER: std::cell::RefCell<Option<IdTable>> = const { std::cell::RefCell::new(None) };
}

/// The ids seen, hashed with foldhash (randomly seeded per process): a
/// lookup per id read is the interner's whole cost, and SipHash made it an
/// eighth of a large load.
#[derive(Default)]
struct IdTable {
    set: std::collections::HashSet<std::sync::Arc<str>, foldhash::fast::RandomState>,
    /// The last two ids found again, compared before hashing: the source
    /// that every fact of a town and every linkage of a graph cites, the
    /// parent that a run of towns names.
    recent: [Option<std::sync::Arc<str>>; 2],
    /// The slot of `recent` to replace next.
    next: usize,
    /// Other shared text ([`shared_text`]: place names), kept apart from
    /// the ids: a text found here has passed no id check.
    texts: std::collections::HashSet<std::sync::Arc<str>, foldhash::fast::RandomState>,
    /// The address of the last id text read: inside the input while a
    /// document is parsed from a slice (serde_json hands over the text
    /// borrowed from it), so it tells how far the parser has come (see
    /// [`last_id_address`]).
    last: usize,
}

/// While the returned guard lives, ids deserialized on this thread share
/// one string per distinct text: the millions of linkages that cite one
/// source, or name one actor, hold a reference count each instead of a
/// copy. Dropping the guard forgets the ids (the records keep theirs).
/// Nested calls share the outer table. Only the JSON and Parquet readers
/// turn it on.
#[cfg(any(feature = "json", feature = "parquet"))]
pub(crate) fn interning() -> Interning {
    INTERNER.with(|i| match i.try_borrow_mut() {
        Ok(mut table) if table.is_none() => {
            *table = Some(IdTable::default());
            Interning { owner: true }
        }
        _ => Interning { owner: false },
    })
}

/// Ends [`interning`] when dropped.
#[cfg(any(feature = "json", feature = "parquet"))]
pub(crate) struct Interning {
    owner: bool,
}

#[cfg(any(feature = "json", feature = "parquet"))]
impl Drop for Interning {
    fn drop(&mut self) {
        if self.owner {
            INTERNER.with(|i| {
                if let Ok(mut table) = i.try_borrow_mut() {
                    *table = None;
                }
            });
        }
    }
}

/// The shared string of a valid id while [`interning`] is on; `None` when
/// it is off or `s` is not a valid id.
fn interned(s: &str) -> Option<std::sync::Arc<str>> {
    INTERNER.with(|i| {
        let mut guard = i.try_borrow_mut().ok()?;
        let table = guard.as_mut()?;
        table.last = s.as_ptr().addr();
        if let Some(shared) = table.recent.iter().flatten().find(|r| ***r == *s) {
            return Some(shared.clone());
        }
        if let Some(shared) = table.set.get(s) {
            let shared = shared.clone();
            let slot = table.next;
            if let Some(r) = table.recent.get_mut(slot) {
                *r = Some(shared.clone());
            }
            table.next = (slot + 1) % 2;
            return Some(shared);
        }
        check_slug(s).ok()?;
        let shared: std::sync::Arc<str> = std::sync::Arc::from(s);
        table.set.insert(shared.clone());
        Some(shared)
    })
}

/// The address of the text of the last id read while [`interning`] is on
/// (0 when off or none read since [`forget_last_id_address`]). Reading a
/// document from a byte slice, an id's text is borrowed from the slice
/// unless it holds escapes, so its offset from the slice's start is how far
/// the parser has come; an address outside the slice means nothing.
#[cfg(feature = "json")]
pub(crate) fn last_id_address() -> usize {
    INTERNER.with(|i| i.try_borrow().ok().and_then(|t| t.as_ref().map(|t| t.last)).unwrap_or(0))
}

/// Sets [`last_id_address`] back to 0 (an outer interning table may hold
/// the address of a text read earlier).
#[cfg(feature = "json")]
pub(crate) fn forget_last_id_address() {
    INTERNER.with(|i| {
        if let Ok(mut t) = i.try_borrow_mut() {
            if let Some(t) = t.as_mut() {
                t.last = 0;
            }
        }
    });
}

/// `text` as a shared string: while [`interning`] is on, one string per
/// distinct text (in a table of its own, so that no text shared here is
/// ever taken for a checked id); a new one otherwise.
pub(crate) fn shared_text(text: &str) -> std::sync::Arc<str> {
    let found = INTERNER.with(|i| {
        let mut guard = i.try_borrow_mut().ok()?;
        let table = guard.as_mut()?;
        if let Some(shared) = table.texts.get(text) {
            return Some(shared.clone());
        }
        let shared: std::sync::Arc<str> = std::sync::Arc::from(text);
        table.texts.insert(shared.clone());
        Some(shared)
    });
    found.unwrap_or_else(|| std::sync::Arc::from(text))
}

macro_rules! slug_id {
    ($(#[$meta:meta])* $name:ident, $kind:expr, $example:literal) => {
        $(#[$meta])*
        ///
        /// # Syntax
        ///
        /// 1 to 64 characters, each a lowercase ASCII letter, an ASCII digit or
        /// `-`. Anything else is rejected with [`Error::InvalidId`]. Ids order
        /// and compare as their strings.
        ///
        /// # Serialization
        ///
        /// A plain string in every serde format; deserializing validates.
        ///
        /// # Cost
        ///
        /// The text is shared: cloning an id bumps a reference count, so
        /// the thousands of facts that cite one source share one string.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(std::sync::Arc<str>);

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = Result<$name, Error>;
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
                        // Straight from the borrowed text: no `String` on
                        // the way, and one shared copy per distinct id
                        // while a document loads (see `interning`).
                        Ok(match interned(s) {
                            Some(shared) => Ok($name(shared)),
                            None => $name::new(s),
                        })
                    }
                }
                // An invalid id is reported after the string is read, as
                // `#[serde(try_from = "String")]` does (same message).
                deserializer.deserialize_str(Visitor)?.map_err(serde::de::Error::custom)
            }
        }

        impl $name {
            /// Validates `id` and wraps it.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidId`] if `id` is empty, longer than 64
            /// characters, or contains anything but `a`–`z`, `0`–`9` and `-`.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use regdev::", stringify!($name), ";")]
            ///
            #[doc = concat!("let id = ", stringify!($name), "::new(\"", $example, "\")?;")]
            #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
            #[doc = concat!("assert!(", stringify!($name), "::new(\"has space\").is_err());")]
            /// # Ok::<(), regdev::Error>(())
            /// ```
            pub fn new(id: impl Into<String>) -> Result<Self, Error> {
                let id = id.into();
                match check_slug(&id) {
                    Ok(()) => Ok(Self(std::sync::Arc::from(id))),
                    Err(reason) => Err(Error::InvalidId { kind: $kind, value: id, reason }),
                }
            }

            /// Wraps a literal known to be a valid slug, for the built-in data.
            /// Every built-in id is re-validated by the test suite.
            #[allow(dead_code)]
            pub(crate) fn known(id: &'static str) -> Self {
                debug_assert!(check_slug(id).is_ok(), "invalid built-in id {id:?}");
                Self(std::sync::Arc::from(id))
            }

            /// The id as a string slice.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use regdev::", stringify!($name), ";")]
            ///
            #[doc = concat!("let id: ", stringify!($name), " = \"", $example, "\".parse()?;")]
            #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
            /// # Ok::<(), regdev::Error>(())
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Consumes the id, returning its string.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use regdev::", stringify!($name), ";")]
            ///
            #[doc = concat!("let id = ", stringify!($name), "::new(\"", $example, "\")?;")]
            #[doc = concat!("assert_eq!(id.into_string(), \"", $example, "\");")]
            /// # Ok::<(), regdev::Error>(())
            /// ```
            #[must_use]
            pub fn into_string(self) -> String {
                self.0.to_string()
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.pad(&self.0)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl core::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(s: String) -> Result<Self, Error> {
                Self::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;
            fn try_from(s: &str) -> Result<Self, Error> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.to_string()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl core::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

slug_id!(
    /// Identifies a [`Town`](crate::Town) in an atlas: a county-level city
    /// such as Kunshan, a district such as Shunde, or one of their towns.
    ///
    /// Built-in towns use their toneless pinyin name (`kunshan`, `lecong`).
    TownId, IdKind::Town, "kunshan"
);

slug_id!(
    /// Identifies an [`Actor`](crate::Actor) in a linkage graph: a
    /// government, firm, university, park, association or place.
    ActorId, IdKind::Actor, "kunshan-government"
);

slug_id!(
    /// Identifies a [`Source`](crate::Source): the talk, a paper, a dataset.
    SourceId, IdKind::Source, "qiao-talk"
);

slug_id!(
    /// Identifies an [`Archetype`](crate::Archetype): the reference profile
    /// of a regional development model, built-in or user-defined.
    ArchetypeId, IdKind::Archetype, "sunan"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_name_the_problem() {
        let cases = [
            ("", "an id must not be empty"),
            ("Kunshan", "character 'K' at byte 0 is not a lowercase ASCII letter, digit or '-'"),
            ("kun_shan", "character '_' at byte 3 is not a lowercase ASCII letter, digit or '-'"),
            ("昆山", "character '昆' at byte 0 is not a lowercase ASCII letter, digit or '-'"),
        ];
        for (input, reason) in cases {
            let err = TownId::new(input).unwrap_err();
            assert_eq!(
                err,
                Error::InvalidId { kind: IdKind::Town, value: input.to_owned(), reason: reason.to_owned() }
            );
        }
        let long = "a".repeat(65);
        assert_eq!(
            ActorId::new(long).unwrap_err().to_string(),
            format!("invalid actor id \"{}\": an id must be at most 64 characters, this one has 65", "a".repeat(65))
        );
        assert!(SourceId::new("a".repeat(64)).is_ok());
        assert!(ArchetypeId::new("a-1").is_ok());
    }
}
