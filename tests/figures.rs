//! Every figure of the built-in data, rendered by a real SVG renderer
//! (resvg): it parses, has the expected size, is not blank, shows every
//! actor's label as text, and no two pieces of text overlap.
#![cfg(feature = "figures")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::sync::OnceLock;

use regdev::Atlas;
use regdev::figure::{ComparisonFigure, DistanceFigure, Figure, GraphFigure, Options, Report};
use regdev::{Compare, Dimension};
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

/// Without any whitespace: long words may be broken across lines.
fn squashed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
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

#[test]
fn comparison_figures_render_with_every_value_and_no_overlap() {
    let atlas = Atlas::builtin();
    let sets: [&[&str]; 3] = [
        &["kunshan", "shunde"],
        &["kunshan", "shunde", "sunan", "pearl-river-delta", "wenzhou"],
        &["sunan", "wenzhou"],
    ];
    for ids in sets {
        for all in [false, true] {
            let mut figure = ComparisonFigure::from_atlas(atlas, ids).unwrap();
            if all {
                figure = figure.all_dimensions();
            }
            let svg = figure.to_svg(&Options::default());
            assert!(svg.len() < 200_000);
            let (laid, ink, (w, h)) = render(&svg);
            assert!(w >= 760 && h > 200, "{ids:?}: {w}x{h}");
            assert!(ink > 0.05, "{ids:?}: ink {ink}");
            let all_text = squashed(&laid.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" "));
            for id in ids {
                let case: &dyn Compare = match atlas.town(id) {
                    Some(t) => t,
                    None => atlas.archetype(id).unwrap(),
                };
                assert!(all_text.contains(&squashed(&case.label())), "{id}");
                let dims: Vec<Dimension> = if all { Dimension::ALL.to_vec() } else { Dimension::talk_rows().collect() };
                for d in dims {
                    assert!(all_text.contains(&squashed(d.label())), "row {}", d.label());
                    if let Some(v) = case.profile().get(d) {
                        assert!(all_text.contains(&squashed(&v.to_string())), "{id}: {} = {v}", d.label());
                    }
                }
            }
            assert_no_overlap(&laid);
        }
    }
    // Agreement is marked: Kunshan and Sunan share "Government-led".
    let svg = ComparisonFigure::from_atlas(atlas, &["kunshan", "sunan"]).unwrap().to_svg(&Options::default());
    assert!(svg.contains("shared value: Government-led"));
}

#[test]
fn distance_figure_renders_every_case_once_with_no_overlap() {
    let atlas = Atlas::builtin();
    let figure = DistanceFigure::from_atlas(atlas, &[]).unwrap();
    let svg = figure.to_svg(&Options::default());
    assert!(svg.len() < 200_000);
    let (laid, ink, _) = render(&svg);
    assert!(ink > 0.1, "ink {ink}");
    let labels: Vec<&str> = figure.labels();
    let profiled = atlas.towns().filter(|t| !t.profile().is_empty()).count();
    assert_eq!(labels.len(), profiled + atlas.archetypes().len());
    let all_text = normalised(&laid.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" "));
    for a in atlas.archetypes() {
        assert!(all_text.contains(&format!("◆ {}", a.name())), "archetype {} not marked", a.name());
    }
    for l in &labels {
        assert!(all_text.contains(l), "{l}");
    }
    // Symmetric, zero diagonal, in 0..=1.
    for i in 0..labels.len() {
        assert_eq!(figure.distance(i, i), Some(0.0));
        for j in 0..labels.len() {
            let d = figure.distance(i, j).unwrap();
            assert!(d.is_nan() || (0.0..=1.0).contains(&d));
            assert_eq!(d.to_bits(), figure.distance(j, i).unwrap().to_bits());
        }
    }
    assert_no_overlap(&laid);
}

#[test]
fn report_inlines_parseable_figures() {
    let html = Report::new(Atlas::builtin(), &["kunshan", "shunde"]).unwrap().to_html(&Options::default());
    assert!(html.len() < 600_000);
    let mut figures = 0;
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").unwrap() + start + "</svg>".len();
        let (laid, ink, _) = render(&rest[start..end]);
        assert!(ink > 0.02 && !laid.is_empty());
        figures += 1;
        rest = &rest[end..];
    }
    assert_eq!(figures, 3, "the comparison and both linkage graphs");
}

/// A small graph with one linkage of each valence and one that ended;
/// `plain` makes every linkage cooperative and current instead.
fn marked_graph(plain: bool) -> regdev::LinkageGraph {
    use regdev::{
        Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId, Valence, Year,
    };
    let id = |s: &str| ActorId::new(s).unwrap();
    let s = SourceId::new("s").unwrap();
    let valence = |v: Valence| if plain { Valence::Cooperative } else { v };
    let mut ended = Linkage::new(LinkageKind::Supply, Scale::Regional, s.clone()).with_since(Year::new(1995).unwrap());
    if !plain {
        ended = ended.with_until(Year::new(2008).unwrap());
    }
    LinkageGraph::builder(TownId::new("t").unwrap())
        .actor(Actor::new(id("gov"), "Town government", ActorKind::LocalGovernment).unwrap().with_place("t").unwrap())
        .actor(Actor::new(id("firm"), "Button maker", ActorKind::PrivateFirm).unwrap().with_place("t").unwrap())
        .actor(Actor::new(id("rival"), "Rival cluster", ActorKind::Place).unwrap())
        .actor(Actor::new(id("buyer"), "Overseas buyer", ActorKind::OverseasBuyer).unwrap())
        .linkage(id("gov"), id("firm"), Linkage::new(LinkageKind::Investment, Scale::Local, s.clone()))
        .linkage(
            id("firm"),
            id("rival"),
            Linkage::new(LinkageKind::Market, Scale::National, s.clone()).with_valence(valence(Valence::Conflictual)),
        )
        .linkage(
            id("gov"),
            id("rival"),
            Linkage::new(LinkageKind::Governance, Scale::National, s.clone())
                .with_valence(valence(Valence::Regulatory)),
        )
        .linkage(id("firm"), id("buyer"), ended)
        .build()
        .unwrap()
}

/// Elements whose `class` attribute is `class`, with the class of the group they sit in.
fn classed(svg: &str, class: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.attribute("class") == Some(class))
        .map(|n| {
            let group = n
                .ancestors()
                .skip(1)
                .find(|a| a.tag_name().name() == "g")
                .and_then(|a| a.attribute("class"))
                .unwrap_or("")
                .to_owned();
            (group, n.tag_name().name().to_owned())
        })
        .collect()
}

fn pixmap(svg: &str) -> tiny_skia::Pixmap {
    let tree = usvg::Tree::from_str(svg, usvg_options()).unwrap();
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
}

#[test]
fn valence_and_ended_linkages_are_drawn_and_in_the_legend() {
    use regdev::Valence;
    let o = Options::default();
    let g = marked_graph(false);
    let svg = GraphFigure::new(&g).to_svg(&o);
    let (laid, ink, _) = render(&svg);
    assert!(ink > 0.05);
    assert_no_overlap(&laid);
    let all = normalised(&laid.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" "));
    for text in [
        "Linkage marks",
        "Conflictual",
        "Regulatory",
        "Ended (until a year): faded",
        "(1 conflictual, 1 regulatory, 1 ended)",
    ] {
        assert!(all.contains(text), "{text:?} missing from {all:?}");
    }
    // One casing and one mark per non-cooperative linkage, plus the legend's sample.
    for class in ["valence-conflictual", "valence-regulatory"] {
        let found = classed(&svg, class);
        let count = |g: &str| found.iter().filter(|(group, _)| group == g).count();
        assert_eq!(
            (count("valence-casings"), count("valence-marks"), count("legend")),
            (1, 1, 2),
            "{class}: {found:?}"
        );
    }
    let ended = classed(&svg, "ended");
    assert_eq!(ended.iter().filter(|(g, _)| g == "linkages").count(), 1, "{ended:?}");
    assert_eq!(ended.iter().filter(|(g, _)| g == "legend").count(), 1, "{ended:?}");
    assert!(svg.contains("since 1995, until 2008"), "tooltip names the end");
    assert!(svg.contains("(national scale, conflictual; source s)"));

    // The renderer paints the marks: the conflictual and regulatory colours
    // appear in the pixels, and not in the same graph drawn cooperative.
    let painted = |svg: &str, v: Valence| {
        let (r, gr, b) = o.colour_of_valence(v).components();
        pixmap(svg).pixels().iter().filter(|p| (p.red(), p.green(), p.blue(), p.alpha()) == (r, gr, b, 255)).count()
    };
    let plain = GraphFigure::new(&marked_graph(true)).to_svg(&o);
    for v in [Valence::Conflictual, Valence::Regulatory] {
        assert!(painted(&svg, v) > 10, "{v:?}: {} pixels", painted(&svg, v));
        assert_eq!(painted(&plain, v), 0, "{v:?} in the plain figure");
    }
    assert!(!plain.contains("Linkage marks") && !plain.contains("class=\"ended\""));
    // The built-in graphs have no such linkage, and no such legend.
    for g in Atlas::builtin().graphs() {
        let cooperative = g.linkages().all(|(_, _, l)| l.valence() == Valence::Cooperative && l.until_year().is_none());
        let svg = GraphFigure::new(g).to_svg(&o);
        assert_eq!(svg.contains("Linkage marks"), !cooperative, "{}", g.focal_town());
    }
    // The colour is an option.
    let custom = o.clone().valence_colour(Valence::Conflictual, regdev::figure::Colour::rgb(1, 2, 3));
    assert!(GraphFigure::new(&g).to_svg(&custom).contains("#010203"));
}
