#!/usr/bin/env bash
# Regenerates the README's figures (doc/img/*.png) from the crate's own SVG
# output, rendered to PNG by resvg (examples/render_readme_figures.rs).
# Run from anywhere; commit the PNGs it writes.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --features figures --example render_readme_figures -- doc/img
