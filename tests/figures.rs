//! Every figure of the built-in data, rendered by a real SVG renderer
//! (resvg): it parses, has the expected size, is not blank, shows every
//! actor's label as text, and no two pieces of text overlap.
#![cfg(feature = "figures")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::sync::OnceLock;

use regdev::Atlas;
use regdev::figure::{GraphFigure, Options};
use resvg::{tiny_skia, usvg};

/// usvg options with the system fonts loaded once.
fn usvg_options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut o = usvg::Options::default();
        o.fontdb_mut().load_system_fonts();
        o
    })
}

/// A text element as the renderer laid it out.
#[derive(Debug)]
struct Laid {
    id: String,
    text: String,
    bbox: tiny_skia::Rect,
}

fn texts(group: &usvg::Group, out: &mut Vec<Laid>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => texts(g, out),
            usvg::Node::Text(t) => {
                let text: Vec<&str> = t.chunks().iter().map(|c| c.text()).collect();
                out.push(Laid { id: t.id().to_owned(), text: text.join(" "), bbox: t.abs_bounding_box() });
            }
            _ => {}
        }
    }
}

/// Parses, checks the size and renders to pixels; returns the tree's
/// texts and the share of pixels that differ from the background.
fn render(svg: &str) -> (Vec<Laid>, f64, (u32, u32)) {
    let tree = usvg::Tree::from_str(svg, usvg_options()).expect("the SVG parses");
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    let root = doc.root_element();
    let w: f32 = root.attribute("width").unwrap().parse().unwrap();
    let h: f32 = root.attribute("height").unwrap().parse().unwrap();
    assert_eq!((tree.size().width(), tree.size().height()), (w, h), "declared size is the rendered size");
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let px = pixmap.pixels();
    let first = px[0];
    let differing = px.iter().filter(|p| **p != first).count();
    let png = pixmap.encode_png().unwrap();
    assert!(png.len() > 1000);
    let mut laid = Vec::new();
    texts(tree.root(), &mut laid);
    (laid, differing as f64 / px.len() as f64, (size.width(), size.height()))
}

fn normalised(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// No two texts' rendered boxes overlap.
fn assert_no_overlap(laid: &[Laid]) {
    for (i, a) in laid.iter().enumerate() {
        for b in &laid[i + 1..] {
            let overlap = a.bbox.left() < b.bbox.right()
                && b.bbox.left() < a.bbox.right()
                && a.bbox.top() < b.bbox.bottom()
                && b.bbox.top() < a.bbox.bottom();
            assert!(!overlap, "texts overlap: {:?} {:?} and {:?} {:?}", a.text, a.bbox, b.text, b.bbox);
        }
    }
}

#[test]
fn every_builtin_graph_renders_with_every_label_and_no_overlap() {
    let atlas = Atlas::builtin();
    assert!(atlas.graphs().len() >= 2);
    for g in atlas.graphs() {
        let town = g.focal_town().as_str();
        let figure = GraphFigure::from_atlas(atlas, town).unwrap();
        let svg = figure.to_svg(&Options::default());
        assert!(svg.len() < 200_000, "{town}: {} bytes", svg.len());
        let (laid, ink, (w, h)) = render(&svg);
        // The ring area (760 px by default) plus the legend column; the caption below.
        assert_eq!(w, 760 + 250, "{town}: {w}x{h}");
        assert!(h > 700, "{town}: {w}x{h}");
        assert!(ink > 0.05, "{town}: only {ink} of the pixels are drawn");
        let all: String = normalised(&laid.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" "));
        for a in g.actors() {
            assert!(all.contains(&normalised(a.name())), "{town}: label {:?} missing", a.name());
            // Built-in graphs are small enough for every label to sit by its actor.
            let label = laid
                .iter()
                .find(|l| l.id == format!("label-{}", a.id()))
                .unwrap_or_else(|| panic!("{town}: no label element for {}", a.id()));
            assert_eq!(normalised(&label.text), normalised(a.name()));
        }
        assert!(all.contains("Sources:"), "{town}: caption lists the sources");
        assert_no_overlap(&laid);
    }
}

#[test]
fn graph_figure_is_deterministic_and_options_apply() {
    let atlas = Atlas::builtin();
    let f = GraphFigure::from_atlas(atlas, "kunshan").unwrap();
    let o = Options::default();
    assert_eq!(f.to_svg(&o), f.to_svg(&o));
    let big = Options::default().size(1200.0).unwrap().font_size(14.0).unwrap();
    let svg = f.to_svg(&big);
    let (laid, _, (w, _)) = render(&svg);
    assert!(w >= 1200);
    assert_no_overlap(&laid);
}

#[cfg(feature = "synth")]
#[test]
fn a_large_synthetic_graph_keeps_labels_apart() {
    let g = regdev::synth::linkage_graph(100, 2, 7).unwrap();
    let svg = GraphFigure::new(&g).to_svg(&Options::default());
    let (laid, ink, _) = render(&svg);
    assert!(ink > 0.02);
    let all = normalised(&laid.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" "));
    for a in g.actors() {
        assert!(all.contains(&normalised(a.name())), "label {:?} missing", a.name());
    }
    assert_no_overlap(&laid);
}
