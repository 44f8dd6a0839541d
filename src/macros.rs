//! Internal macros shared by the vocabulary modules.

/// Defines a closed vocabulary enum with one canonical snake_case id and one
/// human label per variant.
///
/// The generated type gets:
/// - `Debug`, `Clone`, `Copy`, `PartialEq`, `Eq`, `Hash`, `PartialOrd`, `Ord`
///   (declaration order);
/// - serde as the snake_case id;
/// - strum `EnumIter`, `EnumCount` and `VariantArray`, which gives `ALL`;
/// - `Display` that writes the label through [`core::fmt::Formatter::pad`],
///   so width, fill and alignment are honoured;
/// - `FromStr` that accepts the id or the label, ASCII case-insensitively,
///   and reports [`crate::Error::UnknownVariant`] otherwise;
/// - `id()`, `label()` and `ALL`;
/// - the crate's [`Vocabulary`] trait, through which generic code (the
///   dimension table, distances, generators) reaches any vocabulary.
///
/// `ALL` comes from strum's `VariantArray`. `id()` and `label()` stay
/// hand-written `const fn` matches because strum's string derives are not
/// `const` and `const` callers (`Dimension::levels`) need them; `FromStr`
/// stays hand-written because it trims its input and accepts both the id
/// and the label, ASCII case-insensitively, and reports the crate's own
/// [`crate::Error::UnknownVariant`] listing the accepted ids, which strum's
/// `EnumString` (no trimming, a parse error without the accepted values)
/// would not.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident as $what:literal {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = ($id:literal, $label:literal)
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
            strum::EnumIter, strum::EnumCount, strum::VariantArray,
        )]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $id)]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = <$name as strum::VariantArray>::VARIANTS;

            /// The canonical snake_case identifier, as used by serde.
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }

            /// The human label, as written by `Display`.
            #[must_use]
            pub const fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }
        }

        impl $crate::macros::Vocabulary for $name {
            const ALL: &'static [$name] = <$name as strum::VariantArray>::VARIANTS;
            const IDS: &'static [&'static str] = &[$($id),+];

            fn label(self) -> &'static str {
                $name::label(self)
            }

            fn index(self) -> usize {
                self as usize
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.pad(self.label())
            }
        }

        impl core::str::FromStr for $name {
            type Err = $crate::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| {
                        v.id().eq_ignore_ascii_case(wanted)
                            || v.label().eq_ignore_ascii_case(wanted)
                    })
                    .ok_or_else(|| $crate::Error::UnknownVariant {
                        kind: $what,
                        value: s.to_owned(),
                        expected: Self::ALL
                            .iter()
                            .map(|v| v.id())
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
            }
        }
    };
}

pub(crate) use vocabulary;

/// What every enum made by `vocabulary!` offers to generic code.
pub(crate) trait Vocabulary: Copy + Ord + 'static {
    /// Every variant, in declaration order.
    const ALL: &'static [Self];
    /// Every variant's id, in declaration order.
    const IDS: &'static [&'static str];
    /// The human label.
    fn label(self) -> &'static str;
    /// The zero-based position in [`Vocabulary::ALL`].
    fn index(self) -> usize;
}
