//! `regdev draw distances` estimates the heatmap's size before measuring
//! any distance and refuses one above 256 MiB of SVG unless
//! `--allow-large` is given; named cases on the same atlas still draw.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::{Command, Stdio};

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_regdev"))
        .args(args)
        .stdin(Stdio::null())
        .env_remove("REGDEV_PROGRESS")
        .output()
        .expect("the binary starts");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    (out.status.code().expect("exited normally"), String::from_utf8(out.stdout).unwrap(), stderr)
}

#[test]
fn a_heatmap_over_the_limit_is_refused_with_its_size_and_the_way_out() {
    let dir = std::env::temp_dir().join(format!("regdev-heatmap-limit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    // 1,500 profiled towns and 3 archetypes: about 400 MB of SVG.
    let (code, _, stderr) = run(&["synth", "--towns", "1500", "--actors-per-town", "0", "--seed", "3", "--out", d]);
    assert_eq!(code, 0, "{stderr}");
    let atlas = dir.join("atlas.json");
    let atlas = atlas.to_str().unwrap();
    let svg = dir.join("d.svg");
    let started = std::time::Instant::now();
    let (code, stdout, stderr) = run(&["draw", "--atlas", atlas, "distances", "-o", svg.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(!svg.exists(), "nothing is written");
    for words in ["too large", "the limit is 268435456", "1503 cases", " MB of SVG", "--allow-large", "CASE"] {
        assert!(stderr.contains(words), "no {words:?} in {stderr}");
    }
    // Refused before the 1.1 M distances are measured.
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());

    // Named cases draw as before.
    let (code, _, stderr) =
        run(&["draw", "--atlas", atlas, "distances", "town-120", "town-200", "town-201", "-o", svg.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn figures_streamed_to_standard_output_are_those_written_to_a_file() {
    let dir = std::env::temp_dir().join(format!("regdev-heatmap-stdout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("d.svg");
    for figure in [&["distances"][..], &["graph", "kunshan"][..]] {
        let mut to_file = vec!["draw"];
        to_file.extend_from_slice(figure);
        let mut to_stdout = to_file.clone();
        to_file.extend_from_slice(&["-o", file.to_str().unwrap()]);
        let (code, _, stderr) = run(&to_file);
        assert_eq!(code, 0, "{stderr}");
        let (code, stdout, stderr) = run(&to_stdout);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stdout, std::fs::read_to_string(&file).unwrap());
        assert!(stdout.starts_with("<svg") && stdout.ends_with("</svg>\n"));
        to_stdout.clear();
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
