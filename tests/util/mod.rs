//! Helpers shared by the integration tests.
//!
//! Each test crate uses a subset, hence the `dead_code` allowance.

#![allow(dead_code, unreachable_pub)]

use std::fmt::{Debug, Display};
use std::str::FromStr;

use regdev::{Error, SourceId, Year};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The methods every `vocabulary!` enum has, as a trait so that the laws can
/// be written once. Implemented per enum by `impl_vocab!`.
pub trait Vocab:
    Copy + Eq + Ord + Debug + Display + FromStr<Err = Error> + Serialize + DeserializeOwned + 'static
{
    /// The vocabulary's name as used in `Error::UnknownVariant`.
    const KIND: &'static str;
    /// `T::ALL`.
    fn all() -> &'static [Self];
    /// `T::id`.
    fn id(self) -> &'static str;
    /// `T::label`.
    fn label(self) -> &'static str;
}

/// Implements [`Vocab`] for a vocabulary enum.
#[macro_export]
macro_rules! impl_vocab {
    ($ty:ty, $kind:literal) => {
        impl $crate::util::Vocab for $ty {
            const KIND: &'static str = $kind;
            fn all() -> &'static [Self] {
                <$ty>::ALL
            }
            fn id(self) -> &'static str {
                <$ty>::id(self)
            }
            fn label(self) -> &'static str {
                <$ty>::label(self)
            }
        }
    };
}

/// A year known to be in range.
#[track_caller]
pub fn year(n: i64) -> Year {
    Year::new(n).unwrap()
}

/// A source id known to be valid.
#[track_caller]
pub fn sid(s: &str) -> SourceId {
    SourceId::new(s).unwrap()
}

/// Asserts that `result` is an error whose message is exactly `expected`.
#[track_caller]
pub fn assert_err<T: Debug>(result: Result<T, Error>, expected: &str) -> Error {
    match result {
        Ok(v) => panic!("expected error {expected:?}, got Ok({v:?})"),
        Err(e) => {
            assert_eq!(e.to_string(), expected);
            e
        }
    }
}

/// Deserializes `json` as `T`, expecting failure, and returns the message.
#[track_caller]
pub fn json_err<T: DeserializeOwned + Debug>(json: &str) -> String {
    match serde_json::from_str::<T>(json) {
        Ok(v) => panic!("expected {json} to be rejected, got {v:?}"),
        Err(e) => e.to_string(),
    }
}

/// What `Formatter::pad` produces for `text` with a width, an alignment and
/// a fill, computed by hand rather than by `format!`.
pub fn padded(text: &str, width: usize, align: char, fill: char) -> String {
    let n = text.chars().count();
    if n >= width {
        return text.to_owned();
    }
    let gap = width - n;
    let (pre, post) = match align {
        '<' => (0, gap),
        '>' => (gap, 0),
        _ => (gap / 2, gap.div_ceil(2)),
    };
    let fill_n = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    format!("{}{text}{}", fill_n(pre), fill_n(post))
}

/// Asserts that `value` displays as `text` under every width, alignment and
/// fill the comparison table may use.
#[track_caller]
pub fn assert_pads<T: Display>(value: &T, text: &str, w: usize) {
    assert_eq!(format!("{value}"), text);
    assert_eq!(format!("{value:w$}"), padded(text, w, '<', ' '), "{{:w}}");
    assert_eq!(format!("{value:<w$}"), padded(text, w, '<', ' '), "{{:<w}}");
    assert_eq!(format!("{value:>w$}"), padded(text, w, '>', ' '), "{{:>w}}");
    assert_eq!(format!("{value:^w$}"), padded(text, w, '^', ' '), "{{:^w}}");
    assert_eq!(format!("{value:*<w$}"), padded(text, w, '<', '*'), "{{:*<w}}");
    assert_eq!(format!("{value:-^w$}"), padded(text, w, '^', '-'), "{{:-^w}}");
    let truncated: String = text.chars().take(w).collect();
    assert_eq!(format!("{value:.w$}"), truncated, "{{:.w}}");
}

/// Flips the ASCII case of the characters of `s` where `mask` says so.
pub fn mix_case(s: &str, mask: &[bool]) -> String {
    s.chars()
        .zip(mask.iter().copied().cycle())
        .map(|(c, flip)| {
            if !flip {
                c
            } else if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}
