//! Failures and exit codes, writing results, aligned tables.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// Why a subcommand stopped: an exit code and, unless already printed, a
/// message for standard error.
#[derive(Debug)]
pub(crate) struct Failure {
    code: u8,
    message: Option<String>,
}

impl Failure {
    /// Invalid input or a failed check: exit code 1.
    pub(crate) fn invalid(message: impl Into<String>) -> Failure {
        Failure { code: 1, message: Some(message.into()) }
    }

    /// A usage error that clap cannot see (an argument that does not fit
    /// another): exit code 2.
    pub(crate) fn usage(message: impl Into<String>) -> Failure {
        Failure { code: 2, message: Some(message.into()) }
    }

    /// Standard output was closed by the reader: stop quietly, successfully.
    fn closed_output() -> Failure {
        Failure { code: 0, message: None }
    }

    /// Prints the message, if any, and returns the exit code.
    pub(crate) fn report(self) -> ExitCode {
        if let Some(m) = self.message {
            let hint = if self.code == 2 { "\n\nFor more information, try '--help'." } else { "" };
            // Standard error may be closed too; nothing more can be done then.
            let _ = writeln!(io::stderr(), "error: {m}{hint}");
        }
        ExitCode::from(self.code)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::closed_output()
        } else {
            Failure::invalid(format!("cannot write output: {e}"))
        }
    }
}

impl From<regdev::Error> for Failure {
    fn from(e: regdev::Error) -> Failure {
        Failure::invalid(e.to_string())
    }
}

/// Runs `write` on the file `path` (created) or, without one, on standard
/// output; standard output closed by its reader ends the command quietly,
/// as [`emit`] does.
pub(crate) fn emit_with(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<(), regdev::Error>,
) -> Result<(), Failure> {
    /// Remembers whether the reader closed the pipe (the library's error
    /// keeps only the message).
    struct Watch<W> {
        out: W,
        closed: bool,
    }
    impl<W: Write> Write for Watch<W> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let r = self.out.write(buf);
            self.closed |= r.as_ref().is_err_and(|e| e.kind() == io::ErrorKind::BrokenPipe);
            r
        }
        fn flush(&mut self) -> io::Result<()> {
            let r = self.out.flush();
            self.closed |= r.as_ref().is_err_and(|e| e.kind() == io::ErrorKind::BrokenPipe);
            r
        }
    }
    match path {
        None => {
            let mut out = Watch { out: io::stdout().lock(), closed: false };
            match write(&mut out) {
                Err(_) if out.closed => Err(Failure::closed_output()),
                r => Ok(r?),
            }
        }
        Some(p) => {
            let cannot = |e: &dyn std::fmt::Display| Failure::invalid(format!("cannot write '{}': {e}", p.display()));
            let mut file = std::fs::File::create(p).map_err(|e| cannot(&e))?;
            write(&mut file).map_err(|e| cannot(&e))
        }
    }
}

/// Writes `text` to the file `path`, or to standard output without one.
pub(crate) fn emit(text: &str, path: Option<&Path>) -> Result<(), Failure> {
    emit_bytes(text.as_bytes(), path)
}

/// Writes `text` (UTF-8 bytes) to the file `path`, or to standard output
/// without one.
pub(crate) fn emit_bytes(text: &[u8], path: Option<&Path>) -> Result<(), Failure> {
    match path {
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text)?;
            out.flush()?;
            Ok(())
        }
        Some(p) => {
            std::fs::write(p, text).map_err(|e| Failure::invalid(format!("cannot write '{}': {e}", p.display())))
        }
    }
}

/// Prints `text` to standard output.
pub(crate) fn print(text: &str) -> Result<(), Failure> {
    emit(text, None)
}

/// Prints one line to standard error.
pub(crate) fn note(line: &str) {
    let _ = writeln!(io::stderr(), "{line}");
}

/// The width of `s` in terminal columns, by the Unicode East Asian Width
/// property (`unicode-width`): wide characters such as Chinese count two.
pub(crate) fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// An aligned text table: a header row, a rule, then the rows; columns are
/// separated by two spaces and the last column is not padded.
pub(crate) fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        let mut parts: Vec<String> = Vec::new();
        for (cell, w) in cells.zip(&widths) {
            let pad = w.saturating_sub(display_width(cell));
            parts.push(format!("{cell}{}", " ".repeat(pad)));
        }
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(&mut out, &mut headers.iter().copied());
    let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut out, &mut rules.iter().map(String::as_str));
    for row in rows {
        line(&mut out, &mut row.iter().map(String::as_str));
    }
    out
}

/// Groups the digits of a whole number in threes: `1600000` → `1,600,000`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A short human rendering of an amount: `292 bn`, `2.5 m`, `30,000`.
pub(crate) fn compact_amount(amount: f64) -> String {
    let trim = |s: String| if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s };
    if amount >= 1e9 {
        format!("{} bn", trim(format!("{:.1}", amount / 1e9)))
    } else if amount >= 1e6 {
        format!("{} m", trim(format!("{:.1}", amount / 1e6)))
    } else if amount.is_finite() && amount >= 0.0 {
        // Below a million: a whole number of units reads best.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = amount.round() as u64;
        thousands(whole)
    } else {
        amount.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_chinese_as_two() {
        assert_eq!(display_width("昆山市"), 6);
        assert_eq!(display_width("Kunshan"), 7);
        // Full-width forms, Hangul and supplementary-plane ideographs too.
        assert_eq!(display_width("ＡＢ"), 4);
        assert_eq!(display_width("한국"), 4);
        assert_eq!(display_width("𠀀"), 2);
        assert_eq!(display_width("km² —"), 5);
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(1_600_000), "1,600,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(compact_amount(292e9), "292 bn");
        assert_eq!(compact_amount(2.46e6), "2.5 m");
        assert_eq!(compact_amount(30_000.0), "30,000");
    }

    #[test]
    fn tables_align() {
        let t = table(&["id", "name"], &[vec!["a".into(), "昆山".into()], vec!["bbb".into(), "x".into()]]);
        assert_eq!(t, "id   name\n---  ----\na    昆山\nbbb  x\n");
    }
}
