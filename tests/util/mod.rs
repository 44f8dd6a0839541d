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

/// A writer that always fails, with "disk full".
pub struct BrokenWriter;

impl std::io::Write for BrokenWriter {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("disk full"))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What one run of the `regdev` binary produced.
#[cfg(feature = "cli")]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output (UTF-8).
    pub stdout: String,
    /// Standard error (UTF-8).
    pub stderr: String,
}

#[cfg(feature = "cli")]
impl Run {
    /// `(code, stdout, stderr)`.
    pub fn into_parts(self) -> (i32, String, String) {
        (self.code, self.stdout, self.stderr)
    }
}

/// Runs `regdev ARGS` with `stdin` on standard input, and checks that no
/// panic, backtrace or internal error reached the user.
#[cfg(feature = "cli")]
#[track_caller]
pub fn run_with(args: &[&str], stdin: &[u8]) -> Run {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_regdev"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    {
        let mut input = child.stdin.take().unwrap();
        // The binary may exit without reading; a broken pipe here is fine.
        let _ = input.write_all(stdin);
    }
    let out = child.wait_with_output().unwrap();
    let run = Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    };
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("panicked"), "panic reached the user: {text}");
        assert!(!text.contains("stack backtrace"), "backtrace reached the user: {text}");
        assert!(!text.contains("internal error"), "internal error: {text}");
    }
    run
}

/// Runs `regdev ARGS` with nothing on standard input; see [`run_with`].
#[cfg(feature = "cli")]
#[track_caller]
pub fn run(args: &[&str]) -> Run {
    run_with(args, b"")
}
