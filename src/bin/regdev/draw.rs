//! `regdev draw …`: SVG figures of the atlas.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use regdev::figure::{GraphFigure, Options};

use crate::load;
use crate::output::{Failure, emit};

/// `regdev draw`.
#[derive(Debug, Args)]
#[command(after_help = "Every figure is SVG; the same input gives the same bytes.

Examples:
  regdev draw graph kunshan -o kunshan.svg")]
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
    let svg = match &args.figure {
        Figure::Graph { town } => {
            let t = load::town(&atlas, town)?;
            GraphFigure::from_atlas(&atlas, t.id().as_str())?.to_svg(&options)
        }
    };
    emit(&svg, args.output.as_deref())
}
