//! Renders the README's figures to PNG with resvg (a dev-dependency):
//! the Kunshan linkage graph and the comparison of Kunshan, Shunde and two
//! archetypes, from the
//! crate's own SVG output.
//!
//! `tools/render_readme_figures.sh` runs it; pass an output directory
//! (default `doc/img`).

use std::path::{Path, PathBuf};

use regdev::Atlas;
use regdev::figure::{ComparisonFigure, DistanceFigure, Figure, GraphFigure, Options};
use resvg::{tiny_skia, usvg};

fn png(svg: &str, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut opt = usvg::Options::default();
    opt.fontdb_mut().load_system_fonts();
    let tree = usvg::Tree::from_str(svg, &opt)?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("empty figure")?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.save_png(path)?;
    println!("wrote {} ({}x{})", path.display(), size.width(), size.height());
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).map_or_else(|| PathBuf::from("doc/img"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    let atlas = Atlas::builtin();
    let options = Options::default();
    png(&GraphFigure::from_atlas(atlas, "kunshan")?.to_svg(&options), &dir.join("kunshan-linkages.png"))?;
    let compare = ComparisonFigure::from_atlas(atlas, &["kunshan", "shunde", "sunan", "pearl-river-delta"])?;
    png(&compare.to_svg(&options), &dir.join("comparison.png"))?;
    if std::env::var_os("REGDEV_RENDER_ALL").is_some() {
        png(&GraphFigure::from_atlas(atlas, "shunde")?.to_svg(&options), &dir.join("shunde-linkages.png"))?;
        png(&DistanceFigure::from_atlas(atlas, &[])?.to_svg(&options), &dir.join("distances.png"))?;
    }
    Ok(())
}
