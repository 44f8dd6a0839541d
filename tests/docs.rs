//! The crate's documentation cites only what ships with it.
//!
//! Scans every doc comment (`///`, `//!`, `#[doc = "…"]`) under `src/`,
//! `examples/` and `benches/`, the Markdown that rustdoc includes (the
//! guide's chapters `src/guide/*.md`, `docs/*.md`) and the README, and
//! fails on
//!
//! - a mention of a workspace file that does not ship (`DESIGN.md`,
//!   `STYLE.md`, "domain facts", …);
//! - a path to a file of the repository (`src/…`, `data/…`, `tools/…`,
//!   `*.md`, …) that does not exist, or, in the API docs (`src/`, `docs/`), that
//!   `Cargo.toml` excludes from the package;
//! - a `# Source` section that cites nothing ("The crate's data model").
//! - an atlas source id ("atlas source `qiao-talk`") that the built-in atlas
//!   does not hold.
//!
//! With the `cli` feature it also checks that `regdev validate --help`
//! shows its output line in the shape the command prints.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

/// Names of documents that exist only in the development workspace.
const NOT_SHIPPED: &[&str] = &[
    "design.md",
    "style.md",
    "domain facts",
    "domain-facts",
    "common.md",
    "ownership.md",
    "/work/",
    "shared/research",
    "shared/seed",
];

/// Openings of `# Source` sections that cite nothing.
const FILLER: &[&str] = &[
    "the crate's data model",
    "the crate's own data model",
    "the crate's audit design",
    "the crate's design",
    "see each",
];

/// Paths of *other* repositories that docs cite, with where: not files of
/// this crate.
const EXTERNAL: &[&str] = &[
    // zmshe/capital's copy of the GB/T 4754-2017 table (town::industry).
    "src/utils/category.js",
];

/// Top-level directories of the repository whose files a doc may name.
const REPO_DIRS: &[&str] =
    &["src/", "data/", "tools/", "examples/", "benches/", "tests/", "docs/", "doc/", "fuzz/", ".ci/"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// One documentation line: where it is and its text.
struct DocLine {
    place: String,
    text: String,
}

/// The doc-comment lines of a Rust file, with `#[doc = "…"]` string contents.
fn rust_doc_lines(path: &Path) -> Vec<DocLine> {
    let source = fs::read_to_string(path).unwrap_or_default();
    let rel = path.strip_prefix(root()).unwrap_or(path).display().to_string();
    source
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let t = line.trim_start();
            let text = if let Some(rest) = t.strip_prefix("///").or_else(|| t.strip_prefix("//!")) {
                rest.strip_prefix(' ').unwrap_or(rest).to_owned()
            } else if let Some(rest) = t.strip_prefix("#[doc = \"").or_else(|| t.strip_prefix("#![doc = \"")) {
                rest.trim_end_matches(['"', ']', ')']).to_owned()
            } else {
                return None;
            };
            Some(DocLine { place: format!("{rel}:{}", i + 1), text })
        })
        .collect()
}

fn text_lines(path: &Path) -> Vec<DocLine> {
    let source = fs::read_to_string(path).unwrap_or_default();
    let rel = path.strip_prefix(root()).unwrap_or(path).display().to_string();
    source
        .lines()
        .enumerate()
        .map(|(i, line)| DocLine { place: format!("{rel}:{}", i + 1), text: line.to_owned() })
        .collect()
}

/// Every documentation line the test checks, grouped by file.
fn all_docs() -> Vec<Vec<DocLine>> {
    let root = root();
    let mut rust = Vec::new();
    for dir in ["src", "examples", "benches"] {
        files(&root.join(dir), "rs", &mut rust);
    }
    let mut markdown = Vec::new();
    // Markdown that rustdoc includes (the guide's chapters, `docs/*.md`).
    files(&root.join("src"), "md", &mut markdown);
    files(&root.join("docs"), "md", &mut markdown);
    markdown.push(root.join("README.md"));
    let mut docs: Vec<Vec<DocLine>> = rust.iter().map(|p| rust_doc_lines(p)).collect();
    docs.extend(markdown.iter().map(|p| text_lines(p)));
    docs
}

/// Paths under `exclude = [...]` in Cargo.toml, without the leading `/`.
fn excluded() -> Vec<String> {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).unwrap_or_default();
    let Some(line) = manifest.lines().find(|l| l.trim_start().starts_with("exclude")) else { return Vec::new() };
    line.split('"').skip(1).step_by(2).map(|s| s.trim_start_matches('/').to_owned()).collect()
}

/// Candidate repository paths in `text`: words starting with a repository
/// directory, or ending in `.md`. URLs are skipped.
fn repo_paths(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "()[]<>`'\",;*|".contains(c))
        .filter(|w| !w.contains("://") && !w.starts_with("http"))
        .map(|w| w.split('#').next().unwrap_or(w).trim_end_matches(['.', ':', '!', '?']).trim_start_matches("./"))
        .filter(|w| (REPO_DIRS.iter().any(|d| w.starts_with(d)) && w.len() > 4) || (w.ends_with(".md") && w.len() > 3))
        .map(str::to_owned)
        .collect()
}

#[test]
fn docs_name_no_workspace_document() {
    let mut bad = Vec::new();
    for file in all_docs() {
        for line in &file {
            let lower = line.text.to_lowercase();
            for name in NOT_SHIPPED {
                if lower.contains(name) {
                    bad.push(format!("{}: mentions {name:?}: {}", line.place, line.text.trim()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "docs cite documents that do not ship:\n{}", bad.join("\n"));
}

#[test]
fn docs_name_only_files_that_ship() {
    let root = root();
    let excluded = excluded();
    assert!(excluded.iter().any(|e| e == ".ci"), "Cargo.toml's exclude list was not read: {excluded:?}");
    let mut bad = Vec::new();
    for file in all_docs() {
        for line in &file {
            for path in repo_paths(&line.text) {
                // Globs and elisions (`src/**/*.rs`, `src/…`) name no single file.
                if path.contains('*') || path.contains('…') || EXTERNAL.contains(&path.as_str()) {
                    continue;
                }
                let relative = if path.contains('/') || root.join(&path).exists() {
                    path.clone()
                } else {
                    // A bare `name.md` next to the file that mentions it.
                    let file_dir = line
                        .place
                        .split(':')
                        .next()
                        .and_then(|p| Path::new(p).parent())
                        .map(Path::to_path_buf)
                        .unwrap_or_default();
                    file_dir.join(&path).display().to_string()
                };
                if !root.join(&relative).exists() {
                    bad.push(format!("{}: {path} does not exist", line.place));
                } else if (line.place.starts_with("src/") || line.place.starts_with("docs/"))
                    && excluded.iter().any(|e| relative == *e || relative.starts_with(&format!("{e}/")))
                {
                    // The API docs (docs.rs) must not point into what the
                    // package leaves out; the README and examples describe
                    // the repository and may.

                    bad.push(format!("{}: {path} is excluded from the package", line.place));
                }
            }
        }
    }
    assert!(bad.is_empty(), "docs name files that do not ship:\n{}", bad.join("\n"));
}

#[test]
fn source_sections_cite_something() {
    let mut bad = Vec::new();
    let mut sections = 0;
    for file in all_docs() {
        for (i, line) in file.iter().enumerate() {
            if line.text.trim() != "# Source" {
                continue;
            }
            sections += 1;
            let body: Vec<&str> = file
                .iter()
                .skip(i + 1)
                .map(|l| l.text.trim())
                .skip_while(|t| t.is_empty())
                .take_while(|t| !t.is_empty() && !t.starts_with('#'))
                .collect();
            let body = body.join(" ");
            let lower = body.to_lowercase();
            if body.is_empty() || FILLER.iter().any(|f| lower.starts_with(f)) {
                bad.push(format!("{}: `# Source` cites nothing: {body:?}", line.place));
            }
        }
    }
    assert!(sections > 20, "only {sections} `# Source` sections found: is the scan reading the sources?");
    assert!(bad.is_empty(), "filler `# Source` sections:\n{}", bad.join("\n"));
}

#[test]
fn the_scan_catches_what_it_should() {
    assert_eq!(repo_paths("see `DESIGN.md` and src/lib.rs."), ["DESIGN.md", "src/lib.rs"]);
    assert_eq!(repo_paths("<https://github.com/x/y/blob/main/src/lib.rs>"), Vec::<String>::new());
    assert_eq!(repo_paths("[BENCHMARKS.md](BENCHMARKS.md#graphs)"), ["BENCHMARKS.md", "BENCHMARKS.md"]);
    let dir = std::env::temp_dir().join(format!("regdev-docs-test-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("temp dir: {e}"));
    let probe = dir.join("probe.rs");
    fs::write(
        &probe,
        "/// # Source\n///\n/// The crate's data model (`DESIGN.md`).\n#[doc = \"domain facts §1\"]\nstruct S;\n",
    )
    .unwrap_or_else(|e| panic!("write: {e}"));
    let lines = rust_doc_lines(&probe);
    assert_eq!(lines.len(), 4);
    assert!(lines.iter().any(|l| l.text.to_lowercase().contains("design.md")));
    assert!(lines.iter().any(|l| l.text.contains("domain facts")));
    let _ = fs::remove_dir_all(&dir);
}

/// `regdev validate --help` shows its output line in the shape the command
/// prints: the same words in the same order, counts replaced by letters.
#[cfg(feature = "cli")]
#[test]
fn validate_help_shows_the_output_shape() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let bin = env!("CARGO_BIN_EXE_regdev");
    let help = Command::new(bin).args(["validate", "--help"]).output().unwrap_or_else(|e| panic!("run: {e}"));
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    let shown = help.lines().find(|l| l.contains(": ok (")).unwrap_or_else(|| panic!("no example line in:\n{help}"));

    let json = Command::new(bin).args(["export", "json"]).output().unwrap_or_else(|e| panic!("run: {e}"));
    let mut child = Command::new(bin)
        .args(["validate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    child.stdin.take().map(|mut s| s.write_all(&json.stdout)).transpose().unwrap_or_else(|e| panic!("write: {e}"));
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("wait: {e}"));
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(printed.contains(": ok ("), "validate printed {printed:?}");

    // The words after "ok (", with every count dropped.
    let words = |line: &str| -> Vec<String> {
        let tail = line.split(": ok (").nth(1).unwrap_or_default();
        tail.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() > 1).map(str::to_owned).collect()
    };
    assert_eq!(words(shown), words(&printed), "help shows {shown:?}, the command prints {printed:?}");
    // And no made-up counts: the help's example holds no digits.
    assert!(!shown.chars().any(|c| c.is_ascii_digit()), "the help's example line shows counts: {shown:?}");
}

/// Every atlas source id a doc cites ("atlas source `qiao-talk`") is a
/// source of the built-in atlas.
#[test]
fn cited_atlas_sources_exist() {
    let atlas = regdev::Atlas::builtin();
    let mut cited = 0;
    let mut bad = Vec::new();
    for file in all_docs() {
        let Some(first) = file.first() else { continue };
        let file_name = first.place.split(':').next().unwrap_or_default().to_owned();
        let text: String = file.iter().map(|l| format!("{} ", l.text.trim())).collect();
        for sentence in text.split(". ") {
            let lower = sentence.to_lowercase();
            if !(lower.contains("atlas source") || sentence.contains("Atlas `")) {
                continue;
            }
            for (i, token) in sentence.split('`').enumerate() {
                let is_slug = i % 2 == 1
                    && !token.is_empty()
                    && token.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !is_slug {
                    continue;
                }
                cited += 1;
                if atlas.source(token).is_none() {
                    bad.push(format!("{file_name}: cites atlas source `{token}`, which the built-in atlas lacks"));
                }
            }
        }
    }
    assert!(cited > 30, "only {cited} atlas source citations found: is the scan reading the docs?");
    assert!(bad.is_empty(), "unknown atlas sources:\n{}", bad.join("\n"));
}
