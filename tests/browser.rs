//! The HTML report in a real browser: `regdev report kunshan shunde`
//! rendered by headless Chromium. The screenshot must not be blank and the
//! DOM Chromium builds must hold the comparison table's cells.
//!
//! Runs when `REGDEV_BROWSER_TEST` is set (`.ci/run` sets it after
//! installing Chromium from Debian if it is missing); it then fails, never
//! skips, when Chromium cannot run. Without the variable it only says how
//! to run it. `CHROMIUM` names another binary.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::Path;
use std::process::Command;

use regdev::{Atlas, Compare, Dimension};
use resvg::tiny_skia;

fn chromium(args: &[&str], profile: &Path) -> std::process::Output {
    let bin = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_owned());
    let mut cmd = Command::new(&bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(args);
    let out =
        cmd.output().unwrap_or_else(|e| panic!("cannot run {bin}: {e} (install it: apt-get install -y chromium)"));
    assert!(out.status.success(), "{bin} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

#[test]
fn report_renders_in_headless_chromium() {
    if std::env::var_os("REGDEV_BROWSER_TEST").is_none() {
        eprintln!("browser check not run: set REGDEV_BROWSER_TEST=1 (needs chromium); .ci/run does");
        return;
    }
    let dir = std::env::temp_dir().join(format!("regdev-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_regdev"))
        .args(["report", "kunshan", "shunde", "-o"])
        .arg(&html)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let url = format!("file://{}", html.display());

    // Screenshot at a desktop and at a phone width: neither blank.
    for (name, size) in [("desktop.png", "1280,2400"), ("phone.png", "390,2400")] {
        let shot = dir.join(name);
        let profile = dir.join(format!("profile-{name}"));
        chromium(&[&format!("--window-size={size}"), &format!("--screenshot={}", shot.display()), &url], &profile);
        let pixmap = tiny_skia::Pixmap::load_png(&shot).unwrap();
        let px = pixmap.pixels();
        let background = px[0];
        let ink = px.iter().filter(|p| **p != background).count() as f64 / px.len() as f64;
        assert!(ink > 0.03, "{name}: only {ink:.4} of the screenshot differs from the background");
        let distinct: std::collections::BTreeSet<(u8, u8, u8)> =
            px.iter().step_by(7).map(|p| (p.red(), p.green(), p.blue())).collect();
        assert!(distinct.len() > 20, "{name}: only {} colours", distinct.len());
    }

    // The DOM as Chromium parsed it holds every cell of the comparison.
    let dom = chromium(&["--dump-dom", &url], &dir.join("profile-dom"));
    let dom = String::from_utf8(dom.stdout).unwrap();
    assert!(dom.contains("id=\"comparison-table\""), "no comparison table in the DOM");
    let atlas = Atlas::builtin();
    let (k, s) = (atlas.town("kunshan").unwrap(), atlas.town("shunde").unwrap());
    let comparison = k.compare(s);
    let mut cells = 0;
    for row in comparison.rows() {
        let d: Dimension = row.dimension();
        for v in [row.left(), row.right()].into_iter().flatten() {
            let text = v.to_string().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            assert!(dom.contains(&format!(">{text}</td>")), "{}: cell {text:?} missing from the DOM", d.label());
            cells += 1;
        }
        if row.left().is_some() || row.right().is_some() {
            assert!(dom.contains(&format!(">{}</th>", d.label())), "row {} missing", d.label());
        }
    }
    assert!(cells >= 14, "only {cells} cells checked");
    for section in ["linkages", "classification", "derived", "audit", "sources"] {
        assert!(dom.contains(&format!("id=\"{section}\"")), "section {section} missing");
    }
    assert!(dom.contains("<svg"), "no inline figure");
}
