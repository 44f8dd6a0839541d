//! `regdev draw …`: SVG figures of the atlas.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use regdev::figure::{ComparisonFigure, DistanceFigure, Figure as _, GraphFigure, Options, Report};

use crate::load;
use crate::output::{Failure, emit, emit_with};
use crate::progress::Progress;

/// `regdev draw`.
#[derive(Debug, Args)]
#[command(after_help = "Every figure is SVG; the same input gives the same bytes.

Towns are named by id or name; archetypes by id, name or model alias (sunan, prd, wenzhou).

Examples:
  regdev draw graph kunshan -o kunshan.svg
  regdev draw compare kunshan shunde sunan -o compare.svg
  regdev draw distances -o distances.svg")]
pub(crate) struct DrawArgs {
    #[command(flatten)]
    pub(crate) atlas: crate::cli::AtlasArg,
    /// Which figure.
    #[command(subcommand)]
    pub(crate) figure: Figure,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE", global = true)]
    pub(crate) output: Option<PathBuf>,
    /// Drawing size in pixels (the ring area of a graph, the width of other figures).
    #[arg(long, value_name = "PX", global = true)]
    pub(crate) size: Option<f64>,
    /// Base text size in pixels.
    #[arg(long, value_name = "PX", global = true)]
    pub(crate) font_size: Option<f64>,
}

/// The figures `regdev draw` makes.
#[derive(Debug, Subcommand)]
pub(crate) enum Figure {
    /// A town's linkage graph on scale rings (local at the centre, then regional, national, global).
    Graph {
        /// The focal town (id or name).
        #[arg(value_name = "TOWN")]
        town: String,
    },
    /// The comparison table as a figure, for two or more towns or archetypes.
    Compare {
        /// The towns or archetypes, one column each.
        #[arg(value_name = "CASE", num_args = 2.., required = true)]
        cases: Vec<String>,
        /// Show every dimension, not only the talk's seven rows.
        #[arg(long)]
        all_dimensions: bool,
    },
    /// Gower distances as a heatmap with an average-linkage dendrogram; with no CASE,
    /// every town with a profile and every archetype.
    Distances {
        /// The towns or archetypes.
        #[arg(value_name = "CASE")]
        cases: Vec<String>,
        /// Write the heatmap even when its SVG would exceed 256 MiB (the
        /// limit `draw distances` otherwise refuses above, before measuring
        /// any distance).
        #[arg(long)]
        allow_large: bool,
    },
}

/// `regdev report`.
#[derive(Debug, Args)]
#[command(after_help = "One self-contained HTML file (inline SVG and CSS, no scripts, no network):
the comparison table and figure, the linkage figures, classifications with coverage,
derived rows, audit findings and cited sources.

Example:
  regdev report kunshan shunde -o report.html")]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    pub(crate) atlas: crate::cli::AtlasArg,
    /// The towns or archetypes (two or more).
    #[arg(value_name = "CASE", num_args = 2.., required = true)]
    pub(crate) cases: Vec<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// From this many actors on, drawing or analysing a linkage graph takes
/// about a second or more and shows a progress bar on a terminal.
pub(crate) const LARGE_GRAPH: usize = 2_000;

/// The largest heatmap `draw distances` writes without `--allow-large`, in
/// bytes of SVG (estimated beforehand): 256 MiB, about 1,300 cases with
/// short names. Larger files take minutes to write and more to open, and a
/// heatmap of so many cases is unreadable; a large atlas's every town is
/// some terabytes.
pub(crate) const MAX_HEATMAP_BYTES: u64 = 256 << 20;

/// A byte count in decimal units: `1.8 TB`, `420 MB`.
fn size(bytes: u64) -> String {
    let units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")];
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    units
        .iter()
        .find(|(u, _)| b >= *u)
        .map_or_else(|| format!("{bytes} bytes"), |(u, name)| format!("{:.1} {name}", b / u))
}

/// The atlas ids of towns or archetypes named on the command line.
fn ids(atlas: &regdev::Atlas, names: &[String]) -> Result<Vec<String>, Failure> {
    let archetypes: Vec<&regdev::Archetype> = atlas.archetypes().collect();
    names
        .iter()
        .map(|n| match load::comparable(atlas, &archetypes, n)? {
            load::Comparable::Town(t) => Ok(t.id().to_string()),
            load::Comparable::Archetype(a) => Ok(a.id().to_string()),
        })
        .collect()
}

/// `regdev report CASE… [-o FILE]`.
pub(crate) fn report(args: &ReportArgs) -> Result<(), Failure> {
    let atlas = load::atlas(args.atlas.atlas.as_deref())?;
    let ids = ids(&atlas, &args.cases)?;
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let large = atlas.towns().len() >= crate::commands::LARGE_TOWNS;
    let bar = Progress::count_if(large, "towns", format!("report on {} cases: auditing", refs.len()));
    let html = Report::new(&atlas, &refs)?.to_html_with_progress(&Options::default(), bar.callback());
    emit(&html, args.output.as_deref())
}

/// The figure options from the command line.
pub(crate) fn options(size: Option<f64>, font_size: Option<f64>) -> Result<Options, Failure> {
    let mut o = Options::default();
    if let Some(s) = size {
        o = o.size(s).map_err(|e| Failure::usage(e.to_string()))?;
    }
    if let Some(f) = font_size {
        o = o.font_size(f).map_err(|e| Failure::usage(e.to_string()))?;
    }
    Ok(o)
}

/// `regdev draw FIGURE … [-o FILE]`.
pub(crate) fn draw(args: &DrawArgs) -> Result<(), Failure> {
    let options = options(args.size, args.font_size)?;
    let atlas = load::atlas(args.atlas.atlas.as_deref())?;
    let out = args.output.as_deref();
    match &args.figure {
        Figure::Graph { town } => {
            let t = load::town(&atlas, town)?;
            let actors = atlas.graph(t.id().as_str()).map_or(0, regdev::LinkageGraph::actor_count);
            let large = actors >= LARGE_GRAPH;
            let figure = GraphFigure::from_atlas(&atlas, t.id().as_str())?;
            let items = Progress::count_if(large, "linkages and actors", format!("drawing {actors} actors"));
            let text = Progress::written_later_if(large, "writing the SVG text");
            emit_with(out, |w| figure.write_svg_with_progress(text.writer(w), &options, items.callback_clear()))
        }
        Figure::Compare { cases, all_dimensions } => {
            let ids = ids(&atlas, cases)?;
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let mut figure = ComparisonFigure::from_atlas(&atlas, &refs)?;
            if *all_dimensions {
                figure = figure.all_dimensions();
            }
            emit(&figure.to_svg(&options), out)
        }
        Figure::Distances { cases, allow_large } => {
            let ids = ids(&atlas, cases)?;
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            // Every profiled town and archetype when no case is named.
            let n = if refs.is_empty() {
                atlas.towns().filter(|t| !t.profile().is_empty()).count() + atlas.archetypes().len()
            } else {
                refs.len()
            };
            let estimate = DistanceFigure::estimate_svg_len(&atlas, &refs, &options)?;
            if estimate > MAX_HEATMAP_BYTES && !allow_large {
                let e = regdev::Error::TooLarge {
                    what: "the distance heatmap's SVG (estimated bytes)",
                    value: estimate.into(),
                    max: MAX_HEATMAP_BYTES.into(),
                };
                let whose = if refs.is_empty() { "every profiled town and archetype, " } else { "" };
                return Err(Failure::usage(format!(
                    "{e}: the heatmap of {whose}{n} cases would be about {} of SVG (it grows with the square \
                     of the cases). Name fewer cases to draw (regdev draw distances CASE…), or pass \
                     --allow-large to write it anyway",
                    size(estimate)
                )));
            }
            let large = n * n.saturating_sub(1) / 2 >= 100_000;
            let figure = {
                let bar = Progress::count_if(large, "pairs", format!("all-pairs distances between {n} cases"));
                DistanceFigure::from_atlas_with_progress(&atlas, &refs, bar.callback())?
            };
            let cells = Progress::count_if(large, "cells", format!("drawing the {n} x {n} heatmap"));
            let text = Progress::written_later_if(large, format!("writing the SVG text (about {})", size(estimate)));
            emit_with(out, |w| figure.write_svg_with_progress(text.writer(w), &options, cells.callback_clear()))
        }
    }
}
