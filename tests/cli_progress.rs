//! Progress bars of the `regdev` binary. `REGDEV_PROGRESS=always` gives
//! every long step its bar however small the atlas, so these tests run
//! the bar code on small inputs: off a terminal (standard error a pipe)
//! nothing is drawn and standard error is exactly what it is without bars;
//! on a terminal (a pseudo-terminal from util-linux `script`) the bars
//! show their counts and throughput.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Runs `regdev ARGS` with standard error a pipe; returns (code, stdout, stderr).
fn run(args: &[&str], always: bool) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_regdev"));
    cmd.args(args).stdin(Stdio::null());
    if always {
        cmd.env("REGDEV_PROGRESS", "always");
    } else {
        cmd.env_remove("REGDEV_PROGRESS");
    }
    let out = cmd.output().expect("the binary starts");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    (out.status.code().expect("exited normally"), String::from_utf8(out.stdout).unwrap(), stderr)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("regdev-cli-progress-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The long steps: load and validate, audit, all-pairs distances and their
/// heatmap, a graph figure, shortest paths, JSON and GraphML export.
fn long_steps(atlas: &str, out: &str) -> Vec<Vec<String>> {
    let o = |name: &str| format!("{out}/{name}");
    [
        vec!["validate", "--audit", atlas],
        vec!["draw", "--atlas", atlas, "distances", "-o", &o("distances.svg")],
        vec!["draw", "--atlas", atlas, "graph", "town-10", "-o", &o("graph.svg")],
        vec!["graph", "--atlas", atlas, "town-10"],
        vec!["export", "json", "--atlas", atlas, "-o", &o("atlas.json")],
        vec!["export", "graphml", "--atlas", atlas, "-o", &o("all.graphml")],
        vec!["export", "graphml", "--atlas", atlas, "--per-town", &o("graphml")],
        vec!["report", "--atlas", atlas, "town-10", "town-11", "-o", &o("report.html")],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(str::to_owned).collect())
    .collect()
}

fn synth_atlas(dir: &std::path::Path) -> String {
    let d = dir.to_str().unwrap();
    let (code, _, stderr) = run(&["synth", "--towns", "60", "--actors-per-town", "8", "--seed", "5", "--out", d], true);
    assert_eq!(code, 0, "{stderr}");
    dir.join("atlas.json").to_str().unwrap().to_owned()
}

#[test]
fn every_long_step_is_silent_off_a_terminal() {
    let dir = scratch("silent");
    let atlas = synth_atlas(&dir);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    for args in long_steps(&atlas, out.to_str().unwrap()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, stdout, stderr) = run(&args, true);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let (plain_code, plain_stdout, plain_stderr) = run(&args, false);
        assert_eq!((code, &stdout, &stderr), (plain_code, &plain_stdout, &plain_stderr), "{args:?}");
        // Only the notes a step always prints, never a bar.
        assert!(!stderr.contains("/s") && !stderr.contains('\r') && !stderr.contains('\u{1b}'), "{args:?}: {stderr}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs `regdev ARGS` on a pseudo-terminal (`script -qec CMD /dev/null`)
/// with every bar forced; returns what the terminal received.
fn on_terminal(args: &[&str]) -> String {
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_regdev"))
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect();
    let out = Command::new("script")
        .args(["-qec", &quoted.join(" "), "/dev/null"])
        .env("REGDEV_PROGRESS", "always")
        .env("COLUMNS", "160")
        .stdin(Stdio::null())
        .output()
        .expect("util-linux script runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn bars_show_counts_and_throughput_on_a_terminal() {
    let dir = scratch("terminal");
    let atlas = synth_atlas(&dir);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let out = out.to_str().unwrap();
    // (step, what its bar says)
    let expected: [(&[&str], &[&str]); 8] = [
        (&["export", "json", "--atlas", &atlas, "-o", &format!("{out}/a.json")], &["writing JSON", "B/s"]),
        (&["export", "graphml", "--atlas", &atlas, "-o", &format!("{out}/a.graphml")], &["writing GraphML", "B/s"]),
        (
            &["report", "--atlas", &atlas, "town-10", "town-11", "-o", &format!("{out}/r.html")],
            &["auditing", "/2 towns"],
        ),
        (
            &["validate", "--audit", &atlas],
            &["validating", "graphs and towns", "/120 graphs and towns", "auditing", "/60 towns"],
        ),
        (
            &["draw", "--atlas", &atlas, "distances", "-o", &format!("{out}/d.svg")],
            &["pairs", "cells", "writing the SVG text (about ", "B/s"],
        ),
        (
            &["draw", "--atlas", &atlas, "graph", "town-10", "-o", &format!("{out}/g.svg")],
            &["linkages and actors", "writing the SVG text", "B/s"],
        ),
        (&["graph", "--atlas", &atlas, "town-10"], &["shortest paths", "/8 actors"]),
        (&["export", "graphml", "--atlas", &atlas, "--per-town", &format!("{out}/g")], &["/60 graphs"]),
    ];
    for (args, words) in expected {
        let screen = on_terminal(args);
        for w in words {
            assert!(screen.contains(w), "{args:?}: no '{w}' in {screen:?}");
        }
        assert!(screen.contains("/s"), "{args:?}: no throughput in {screen:?}");
        // Bars of library counts are drawn once their total is known.
        assert!(!screen.contains("] 0/0 "), "{args:?}: a bar without its total in {screen:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// indicatif's binary byte count (`195.31 KiB`).
fn binary_bytes(n: u64) -> String {
    let units = ["KiB", "MiB", "GiB"];
    let mut value = n as f64;
    if value < 1024.0 {
        return format!("{n} B");
    }
    let mut unit = "B";
    for u in units {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = u;
    }
    format!("{value:.2} {unit}")
}

#[test]
fn json_parsing_shows_bytes_of_the_file_and_standard_input_a_counter() {
    let dir = scratch("json");
    let atlas = synth_atlas(&dir);
    let len = std::fs::metadata(&atlas).unwrap().len();
    let total = format!("/{}", binary_bytes(len));
    let screen = on_terminal(&["validate", &atlas]);
    let parsing: Vec<&str> = screen.split(['\r', '\n']).filter(|l| l.contains("parsing JSON")).collect();
    assert!(!parsing.is_empty(), "no parsing bar in {screen:?}");
    assert!(parsing.iter().any(|l| l.contains(&total) && l.contains("B/s")), "no {total} in {parsing:?}");

    // Standard input: read with a running count (no size known), then
    // parsed out of what was read.
    let bin = env!("CARGO_BIN_EXE_regdev");
    let out = Command::new("script")
        .args(["-qec", &format!("'{bin}' validate - < '{atlas}'"), "/dev/null"])
        .env("REGDEV_PROGRESS", "always")
        .env("COLUMNS", "160")
        .stdin(Stdio::null())
        .output()
        .expect("util-linux script runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("reading standard input"), "{screen:?}");
    assert!(screen.contains(&total), "{screen:?}");
    assert!(screen.contains("<stdin>: ok ("), "{screen:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn synth_counts_towns_and_graphs() {
    let dir = scratch("synth-bar");
    let screen = on_terminal(&[
        "synth",
        "--towns",
        "60",
        "--actors-per-town",
        "8",
        "--seed",
        "5",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(screen.contains("generating into"), "{screen:?}");
    assert!(screen.contains("/120 towns and graphs"), "{screen:?}");
    assert!(screen.contains("/s"), "{screen:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}
