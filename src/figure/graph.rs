//! The linkage graph on scale rings.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::f64::consts::{PI, TAU};

use svg::Node;
use svg::node::element::{Circle, Definitions, Line, Marker, Path, Title};

use super::{Anchor, Colour, LINE, Options, Rect, TextBlock, document, group, num, wrap};
use crate::id::IdKind;
use crate::linkage::Linkage;
use crate::progress::Tally;
use crate::{ActorKind, Atlas, Error, LinkageGraph, LinkageKind, Scale, Source, Valence};

/// The four rings, centre outwards.
const RINGS: [Scale; 4] = [Scale::Local, Scale::Regional, Scale::National, Scale::Global];
/// Radius of each ring's actors, as a share of the outer radius.
const RING_AT: [f64; 4] = [0.25, 0.5, 0.705, 0.9];
/// Outer edge of each ring's band, as a share of the outer radius.
const BAND_TO: [f64; 4] = [0.4, 0.61, 0.805, 1.0];
/// Room around the rings for the outer actors' labels.
const MARGIN: f64 = 125.0;
/// Width of the legend column.
const LEGEND_W: f64 = 250.0;
/// Height of the title band.
const HEADER: f64 = 40.0;
/// Node radius, and the focal actor's.
const NODE_R: f64 = 7.0;
const FOCAL_R: f64 = 11.0;
/// Opacity of linkages that have ended (`until` a year).
const ENDED_OPACITY: f64 = 0.4;
/// Labels wrap at this many ems.
const LABEL_EMS: f64 = 13.0;

/// A linkage graph drawn on scale rings: local at the centre, then
/// regional, national and global.
///
/// Each actor sits on the ring of its scale relative to the focal town:
/// [`Scale::Local`] when it is based in the town (or, with
/// [`GraphFigure::from_atlas`], in one of the town's sub-units, such as
/// Shunde's Leliu), otherwise the nearest scale among its own linkages
/// (the State Council, tied to Kunshan's zones at national scale, sits on
/// the national ring). An actor with neither sits on the local ring. When
/// exactly one local government is local, it is the centre.
///
/// Actors are coloured by [`ActorKind`]; linkages are coloured by
/// [`LinkageKind`], dashed by family (flows of capital and goods solid,
/// of knowledge, people and institutions dashed, of governance and
/// partnership dotted, so that the figure also reads in greyscale), and
/// end in an arrowhead at their target. A linkage that is not
/// cooperative carries a casing in its [`Valence`]'s colour and a mark
/// at its middle (a cross for conflictual, a square for regulatory); one
/// that has ended ([`Linkage::until_year`](crate::Linkage::until_year))
/// is faded; the legend explains both when they occur. Labels are placed so that no two
/// overlap; a label that finds no free spot becomes a number, explained
/// in a key under the caption. The caption names the town and every
/// source the graph cites.
///
/// # Example
///
/// ```
/// use regdev::figure::{Figure, GraphFigure, Options};
/// use regdev::Scale;
///
/// let atlas = regdev::Atlas::builtin();
/// let figure = GraphFigure::from_atlas(atlas, "shunde")?;
/// assert_eq!(figure.scale_of("hong-kong"), Some(Scale::Regional));
/// assert_eq!(figure.scale_of("leliu-association"), Some(Scale::Local));
/// let mut bytes = Vec::new();
/// figure.write_svg(&mut bytes, &Options::default())?;
/// assert_eq!(String::from_utf8(bytes).map_err(|e| e.to_string())?, figure.to_svg(&Options::default()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct GraphFigure<'a> {
    graph: &'a LinkageGraph,
    title: String,
    local_places: BTreeSet<String>,
    sources: Vec<String>,
}

impl<'a> GraphFigure<'a> {
    /// A figure of `graph` alone: titled with the focal town's id, with
    /// only the focal town's id counting as a local place, and sources
    /// named by id.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::{Figure, GraphFigure, Options};
    /// let graph = regdev::Atlas::builtin().graph("kunshan").ok_or("no graph")?;
    /// let svg = GraphFigure::new(graph).title("Kunshan").to_svg(&Options::default());
    /// assert!(svg.contains("qiao-talk"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(graph: &'a LinkageGraph) -> GraphFigure<'a> {
        let mut sources: Vec<String> = Vec::new();
        let mut seen = BTreeSet::new();
        for (_, s) in graph.cited_sources() {
            if seen.insert(s.as_str()) {
                sources.push(s.to_string());
            }
        }
        GraphFigure {
            graph,
            title: graph.focal_town().to_string(),
            local_places: BTreeSet::from([graph.focal_town().as_str().to_lowercase()]),
            sources,
        }
    }

    /// The figure of `town`'s graph in `atlas`: titled with the town's
    /// English and Chinese names, with the town and its sub-units (by id
    /// and name) as local places, and each cited source written out.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownReference`] when `town` is not a town of the atlas;
    /// [`Error::NoLinkageGraph`] when it has no linkage graph.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::GraphFigure;
    /// let atlas = regdev::Atlas::builtin();
    /// assert!(GraphFigure::from_atlas(atlas, "kunshan").is_ok());
    /// assert!(GraphFigure::from_atlas(atlas, "atlantis").is_err());
    /// assert!(GraphFigure::from_atlas(atlas, "lecong").is_err()); // no graph
    /// ```
    pub fn from_atlas(atlas: &'a Atlas, town: &str) -> Result<GraphFigure<'a>, Error> {
        let t = atlas.town(town).ok_or_else(|| Error::UnknownReference {
            kind: IdKind::Town,
            id: town.to_owned(),
            referrer: "graph figure".to_owned(),
        })?;
        let graph = atlas.graph(town).ok_or_else(|| Error::NoLinkageGraph { town: town.to_owned() })?;
        let mut figure = GraphFigure::new(graph);
        figure.title = match t.name().chinese() {
            Some(zh) => format!("{} {zh}", t.name().english()),
            None => t.name().english().to_owned(),
        };
        // The town and its sub-units, breadth first.
        let mut queue = vec![t];
        let mut seen = BTreeSet::new();
        while let Some(next) = queue.pop() {
            if !seen.insert(next.id().as_str()) {
                continue;
            }
            figure.local_places.insert(next.id().as_str().to_lowercase());
            figure.local_places.insert(next.name().english().to_lowercase());
            if let Some(zh) = next.name().chinese() {
                figure.local_places.insert(zh.to_lowercase());
            }
            queue.extend(atlas.children(next.id().as_str()));
        }
        figure.sources = figure.sources.iter().map(|id| atlas.source(id).map_or_else(|| id.clone(), cite)).collect();
        Ok(figure)
    }

    /// Replaces the title (the town's name by default).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::{Figure, GraphFigure, Options};
    /// let graph = regdev::Atlas::builtin().graph("shunde").ok_or("?")?;
    /// assert!(GraphFigure::new(graph).title("Shunde, 2015").to_svg(&Options::default()).contains("Shunde, 2015"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> GraphFigure<'a> {
        self.title = title.into();
        self
    }

    /// Counts `place` (compared case-insensitively with actors' places)
    /// as local to the focal town.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::GraphFigure;
    /// # use regdev::Scale;
    /// let graph = regdev::Atlas::builtin().graph("kunshan").ok_or("?")?;
    /// let figure = GraphFigure::new(graph);
    /// assert_eq!(figure.scale_of("tsinghua"), Some(Scale::National));
    /// assert_eq!(figure.local_place("Beijing").scale_of("tsinghua"), Some(Scale::Local));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn local_place(mut self, place: &str) -> GraphFigure<'a> {
        self.local_places.insert(place.trim().to_lowercase());
        self
    }

    /// The ring (scale) an actor is drawn on; `None` for an unknown actor.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::GraphFigure;
    /// use regdev::Scale;
    /// let figure = GraphFigure::from_atlas(regdev::Atlas::builtin(), "kunshan")?;
    /// assert_eq!(figure.scale_of("tuspark-kunshan"), Some(Scale::Local)); // based in Kunshan
    /// assert_eq!(figure.scale_of("tsinghua"), Some(Scale::National));
    /// assert_eq!(figure.scale_of("taiwanese-investors"), Some(Scale::Global));
    /// assert_eq!(figure.scale_of("nobody"), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn scale_of(&self, actor: &str) -> Option<Scale> {
        let a = self.graph.actor(actor)?;
        if a.place().is_some_and(|p| self.local_places.contains(&p.as_str().to_lowercase())) {
            return Some(Scale::Local);
        }
        let nearest = self
            .graph
            .linkages()
            .filter(|(f, t, _)| f.as_str() == actor || t.as_str() == actor)
            .map(|(_, _, l)| l.scale())
            .min();
        Some(nearest.unwrap_or(Scale::Local))
    }

    /// Each actor's scale as [`GraphFigure::scale_of`] gives it, from one
    /// pass over the linkages (`scale_of` per actor scans them all:
    /// quadratic in a large graph).
    fn scales(&self, actors: &[&crate::Actor], edges: &[(usize, usize, &Linkage)]) -> Vec<Scale> {
        let mut nearest: Vec<Option<Scale>> = vec![None; actors.len()];
        for &(f, t, l) in edges {
            for i in [f, t] {
                if let Some(slot) = nearest.get_mut(i) {
                    *slot = Some(slot.map_or(l.scale(), |s| s.min(l.scale())));
                }
            }
        }
        actors
            .iter()
            .zip(nearest)
            .map(|(a, nearest)| {
                let local = a.place().is_some_and(|p| self.local_places.contains(&p.as_str().to_lowercase()));
                if local { Scale::Local } else { nearest.unwrap_or(Scale::Local) }
            })
            .collect()
    }

    fn render(&self, o: &Options, tally: &Tally<'_>) -> svg::Document {
        self.render_with::<Grid>(o, tally)
    }

    /// Draws the figure, with `S` keeping the boxes labels must avoid.
    fn render_with<S: Obstacles>(&self, o: &Options, tally: &Tally<'_>) -> svg::Document {
        let fs = o.get_font_size();
        let actors: Vec<&crate::Actor> = self.graph.actors().collect();
        let index: HashMap<&str, usize> = actors.iter().enumerate().map(|(i, a)| (a.id().as_str(), i)).collect();
        let edges: Vec<(usize, usize, &Linkage)> = self
            .graph
            .linkages()
            .filter_map(|(f, t, l)| Some((*index.get(f.as_str())?, *index.get(t.as_str())?, l)))
            .collect();
        let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); actors.len()];
        for &(f, t, _) in &edges {
            if let Some(v) = neighbours.get_mut(f) {
                v.push(t);
            }
            if let Some(v) = neighbours.get_mut(t) {
                v.push(f);
            }
        }
        let ring_of: Vec<usize> =
            self.scales(&actors, &edges).into_iter().map(|s| RINGS.iter().position(|r| *r == s).unwrap_or(0)).collect();
        let local_governments: Vec<usize> = (0..actors.len())
            .filter(|&i| {
                ring_of.get(i) == Some(&0) && actors.get(i).is_some_and(|a| a.kind() == ActorKind::LocalGovernment)
            })
            .collect();
        let centre_actor = match local_governments.as_slice() {
            [one] => Some(*one),
            _ => None,
        };
        let mut members: [Vec<usize>; 4] = Default::default();
        for (i, &r) in ring_of.iter().enumerate() {
            if Some(i) != centre_actor {
                if let Some(m) = members.get_mut(r) {
                    m.push(i);
                }
            }
        }

        // Size: the outer radius leaves every ring room for its actors.
        let spacing = 2.0 * NODE_R + 12.0;
        let mut radius = o.get_size() / 2.0 - MARGIN;
        for (k, m) in members.iter().enumerate() {
            let at = RING_AT.get(k).copied().unwrap_or(1.0);
            radius = radius.max(m.len() as f64 * spacing / (TAU * at));
        }
        let side = 2.0 * (radius + MARGIN);
        let (cx, cy) = (side / 2.0, HEADER + side / 2.0);

        // Angles, ring by ring from the centre: each actor as near as
        // possible to the mean direction of its already-placed neighbours.
        let mut angle: Vec<Option<f64>> = vec![None; actors.len()];
        let mut pos: Vec<(f64, f64)> = vec![(cx, cy); actors.len()];
        for (k, m) in members.iter().enumerate() {
            let r = radius * RING_AT.get(k).copied().unwrap_or(1.0);
            let n = m.len();
            if n == 0 {
                continue;
            }
            let wanted: Vec<(f64, usize)> = m
                .iter()
                .enumerate()
                .map(|(j, &i)| {
                    // Evenly spaced, clear of the top.
                    let even = -PI / 2.0 + TAU * (j as f64 + 0.5) / n as f64;
                    let (sx, sy) = neighbours
                        .get(i)
                        .into_iter()
                        .flatten()
                        .filter_map(|&nb| angle.get(nb).copied().flatten())
                        .fold((0.0, 0.0), |(sx, sy), a| (sx + a.cos(), sy + a.sin()));
                    let want = if k > 0 && (sx * sx + sy * sy) > 1e-9 { sy.atan2(sx) } else { even };
                    (want, i)
                })
                .collect();
            let gap = spacing / r;
            let spread = spread_angles(&wanted.iter().map(|w| w.0).collect::<Vec<_>>(), gap, 2.2 * fs / r);
            for (&(_, i), a) in wanted.iter().zip(spread) {
                if let Some(slot) = angle.get_mut(i) {
                    *slot = Some(a);
                }
                if let Some(p) = pos.get_mut(i) {
                    *p = (cx + r * a.cos(), cy + r * a.sin());
                }
            }
        }
        let node_r = |i: usize| if Some(i) == centre_actor { FOCAL_R } else { NODE_R };

        let plot = Rect::new(4.0, HEADER, side - 4.0, HEADER + side);
        let mut doc_parts: Vec<Box<dyn Node>> = Vec::new();

        // Rings and their labels.
        let mut rings = group("rings");
        let mut obstacles = S::default();
        for k in (0..4).rev() {
            let outer = radius * BAND_TO.get(k).copied().unwrap_or(1.0);
            let shade = if k % 2 == 0 { 0.93 } else { 0.965 };
            rings = rings.add(
                Circle::new()
                    .set("cx", num(cx))
                    .set("cy", num(cy))
                    .set("r", num(outer))
                    .set("fill", o.fg().tint(shade).to_string())
                    .set("stroke", o.fg().tint(0.75).to_string())
                    .set("stroke-width", "1"),
            );
        }
        for (k, scale) in RINGS.iter().enumerate() {
            let outer = radius * BAND_TO.get(k).copied().unwrap_or(1.0);
            let label = TextBlock::new(vec![scale.label().to_owned()], fs * 0.95, true).anchored(
                Anchor::Middle,
                cx,
                cy - outer + 5.0 + super::ASCENT * fs * 0.95,
            );
            obstacles.push(label.bbox());
            rings = rings.add(label.element(o.fg().tint(0.45)));
        }
        doc_parts.push(Box::new(rings));

        // Arrowheads, one per linkage kind drawn.
        let kinds: BTreeSet<usize> =
            edges.iter().filter_map(|(_, _, l)| LinkageKind::ALL.iter().position(|k| *k == l.kind())).collect();
        let mut defs = Definitions::new();
        for &k in &kinds {
            if let Some(kind) = LinkageKind::ALL.get(k) {
                defs = defs.add(arrow_marker(*kind, o.colour_of_linkage(*kind)));
            }
        }
        doc_parts.push(Box::new(defs));

        // Linkages: gentle arcs, bending to the right of their direction so
        // that a pair of opposite linkages shows as two arcs.
        let mut links = group("linkages").set("fill", "none");
        let mut casings = group("valence-casings").set("fill", "none");
        let mut marks = group("valence-marks");
        let mut parallel: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for &(f, t, l) in &edges {
            let nth = parallel.entry((f, t)).or_insert(0);
            let k = *nth;
            *nth += 1;
            let ((x1, y1), (x2, y2)) =
                (pos.get(f).copied().unwrap_or((cx, cy)), pos.get(t).copied().unwrap_or((cx, cy)));
            let (dx, dy) = (x2 - x1, y2 - y1);
            let len = (dx * dx + dy * dy).sqrt().max(1e-6);
            let bend = 0.12 * len + 14.0 * k as f64;
            let (mx, my) = ((x1 + x2) / 2.0 - dy / len * bend, (y1 + y2) / 2.0 + dx / len * bend);
            let toward = |(px, py): (f64, f64), d: f64| {
                let (vx, vy) = (mx - px, my - py);
                let vl = (vx * vx + vy * vy).sqrt().max(1e-6);
                (px + vx / vl * d, py + vy / vl * d)
            };
            let (sx, sy) = toward((x1, y1), node_r(f) + 1.0);
            let (ex, ey) = toward((x2, y2), node_r(t) + 2.0);
            let colour = o.colour_of_linkage(l.kind());
            let from = actors.get(f).map_or("", |a| a.name());
            let to = actors.get(t).map_or("", |a| a.name());
            let mut tip = format!("{from} → {to}: {} ({} scale", l.kind().label(), l.scale().label().to_lowercase());
            if let Some(y) = l.since_year() {
                tip.push_str(&format!(", since {y}"));
            }
            if let Some(y) = l.until_year() {
                tip.push_str(&format!(", until {y}"));
            }
            if l.valence() != Valence::Cooperative {
                tip.push_str(&format!(", {}", l.valence().label().to_lowercase()));
            }
            tip.push_str(&format!("; source {})", l.source()));
            let d = format!("M{} {} Q{} {} {} {}", num(sx), num(sy), num(mx), num(my), num(ex), num(ey));
            let mut path = Path::new()
                .set("d", d.clone())
                .set("stroke", colour.to_string())
                .set("stroke-width", num(stroke_width(l)))
                .set("marker-end", format!("url(#arrow-{})", l.kind().id()))
                .add(Title::new(tip));
            if let Some(dash) = dash_of(l.kind()) {
                path = path.set("stroke-dasharray", dash);
            }
            if l.until_year().is_some() {
                path = path.set("class", "ended").set("opacity", num(ENDED_OPACITY));
            }
            links = links.add(path);
            tally.add(1);
            if l.valence() != Valence::Cooperative {
                // The curve's middle (t = 1/2 of the quadratic Bézier).
                let (px, py) = ((sx + 2.0 * mx + ex) / 4.0, (sy + 2.0 * my + ey) / 4.0);
                let casing = Path::new()
                    .set("d", d)
                    .set("class", format!("valence-{}", l.valence().id()))
                    .set("stroke", o.colour_of_valence(l.valence()).to_string())
                    .set("stroke-width", num(stroke_width(l) + 5.0))
                    .set("stroke-opacity", "0.35");
                casings = casings.add(casing);
                if let Some(mark) = valence_mark(l.valence(), px, py, o) {
                    marks = marks.add(mark);
                }
            }
        }
        doc_parts.push(Box::new(casings));
        doc_parts.push(Box::new(links));
        doc_parts.push(Box::new(marks));

        // Actors.
        let mut nodes = group("actors").set("stroke", o.bg().to_string()).set("stroke-width", "1.5");
        for (i, a) in actors.iter().enumerate() {
            let (x, y) = pos.get(i).copied().unwrap_or((cx, cy));
            obstacles.push(Rect::around(x, y, node_r(i) + 1.0));
            let mut tip = format!("{} ({}", a.name(), a.kind().label());
            if let Some(p) = a.place() {
                tip.push_str(&format!(", {p}"));
            }
            tip.push(')');
            nodes = nodes.add(
                Circle::new()
                    .set("id", format!("actor-{}", a.id()))
                    .set("cx", num(x))
                    .set("cy", num(y))
                    .set("r", num(node_r(i)))
                    .set("fill", o.colour_of_actor(a.kind()).to_string())
                    .add(Title::new(tip)),
            );
        }
        doc_parts.push(Box::new(nodes));

        // Title.
        let title = TextBlock::new(vec![self.title.clone()], fs * 1.5, true).at_box(12.0, 10.0);
        obstacles.push(title.bbox());

        // Labels, most connected first within each ring, centre outwards.
        let mut order: Vec<usize> = (0..actors.len()).collect();
        order.sort_by_key(|&i| {
            let centre_first = usize::from(Some(i) != centre_actor);
            (centre_first, ring_of.get(i).copied().unwrap_or(0), usize::MAX - neighbours.get(i).map_or(0, Vec::len), i)
        });
        // A halo in the background colour keeps labels readable over linkages.
        let mut labels = group("labels")
            .set("stroke", o.bg().to_string())
            .set("stroke-width", "3")
            .set("stroke-linejoin", "round")
            .set("paint-order", "stroke");
        let mut leaders = group("leaders").set("stroke", o.fg().tint(0.35).to_string()).set("stroke-width", "1");
        let mut key: Vec<String> = Vec::new();
        let mut used_bottom = cy + radius;
        for i in order {
            tally.add(1);
            let Some(a) = actors.get(i) else { continue };
            let (x, y) = pos.get(i).copied().unwrap_or((cx, cy));
            let outward =
                if Some(i) == centre_actor { PI / 2.0 } else { angle.get(i).copied().flatten().unwrap_or(0.0) };
            let ems = if Some(i) == centre_actor { LABEL_EMS * 0.75 } else { LABEL_EMS };
            let lines = wrap(a.name(), fs, false, fs * ems);
            let block = TextBlock::new(lines, fs, false);
            let placed = place_label(&block, x, y, node_r(i), outward, &obstacles, &plot).or_else(|| {
                let number = TextBlock::new(vec![(key.len() + 1).to_string()], fs, true);
                let spot = place_label(&number, x, y, node_r(i), outward, &obstacles, &plot);
                key.push(format!("{} {}", key.len() + 1, a.name()));
                spot
            });
            if let Some((block, leader)) = placed {
                used_bottom = used_bottom.max(block.bbox().y1);
                obstacles.push(block.bbox());
                if let Some((lx, ly)) = leader {
                    let (ux, uy) = (lx - x, ly - y);
                    let ul = (ux * ux + uy * uy).sqrt().max(1e-6);
                    leaders = leaders.add(
                        Line::new()
                            .set("x1", num(x + ux / ul * node_r(i)))
                            .set("y1", num(y + uy / ul * node_r(i)))
                            .set("x2", num(lx))
                            .set("y2", num(ly)),
                    );
                }
                labels = labels.add(block.element(o.fg()).set("id", format!("label-{}", a.id())));
            }
        }
        doc_parts.push(Box::new(leaders));
        doc_parts.push(Box::new(labels));

        // Legend.
        let lx = side + 8.0;
        let lw = LEGEND_W - 16.0;
        let mut legend = group("legend");
        let mut ly = HEADER + 8.0;
        let heading = |text: &str, y: f64| TextBlock::new(vec![text.to_owned()], fs, true).at_box(lx, y);
        let h = heading("Actors", ly);
        ly += h.height() + 6.0;
        legend = legend.add(h.element(o.fg()));
        let present: BTreeSet<usize> =
            actors.iter().filter_map(|a| ActorKind::ALL.iter().position(|k| *k == a.kind())).collect();
        for &k in &present {
            let Some(kind) = ActorKind::ALL.get(k) else { continue };
            let t =
                TextBlock::new(wrap(kind.label(), fs * 0.9, false, lw - 22.0), fs * 0.9, false).at_box(lx + 20.0, ly);
            legend = legend.add(
                Circle::new()
                    .set("cx", num(lx + 7.0))
                    .set("cy", num(ly + fs * 0.55))
                    .set("r", num(NODE_R - 1.0))
                    .set("fill", o.colour_of_actor(*kind).to_string()),
            );
            ly += t.height() + 5.0;
            legend = legend.add(t.element(o.fg()));
        }
        ly += 10.0;
        let h = heading("Linkages (arrow: direction)", ly);
        ly += h.height() + 6.0;
        legend = legend.add(h.element(o.fg()));
        for &k in &kinds {
            let Some(kind) = LinkageKind::ALL.get(k) else { continue };
            let t =
                TextBlock::new(wrap(kind.label(), fs * 0.9, false, lw - 40.0), fs * 0.9, false).at_box(lx + 38.0, ly);
            let mid = ly + fs * 0.55;
            let mut line = Path::new()
                .set("d", format!("M{} {} L{} {}", num(lx), num(mid), num(lx + 28.0), num(mid)))
                .set("stroke", o.colour_of_linkage(*kind).to_string())
                .set("stroke-width", "1.8")
                .set("fill", "none")
                .set("marker-end", format!("url(#arrow-{})", kind.id()));
            if let Some(dash) = dash_of(*kind) {
                line = line.set("stroke-dasharray", dash);
            }
            legend = legend.add(line);
            ly += t.height() + 5.0;
            legend = legend.add(t.element(o.fg()));
        }
        // Valence and time, when any linkage is not cooperative or has ended.
        let valences: BTreeSet<usize> = edges
            .iter()
            .filter(|(_, _, l)| l.valence() != Valence::Cooperative)
            .filter_map(|(_, _, l)| Valence::ALL.iter().position(|v| *v == l.valence()))
            .collect();
        let ended = edges.iter().filter(|(_, _, l)| l.until_year().is_some()).count();
        if !valences.is_empty() || ended > 0 {
            ly += 10.0;
            let h = heading("Linkage marks", ly);
            ly += h.height() + 6.0;
            legend = legend.add(h.element(o.fg()));
            let sample = |ly: f64| {
                let mid = ly + fs * 0.55;
                (format!("M{} {} L{} {}", num(lx), num(mid), num(lx + 28.0), num(mid)), mid)
            };
            for &k in &valences {
                let Some(valence) = Valence::ALL.get(k) else { continue };
                let t = TextBlock::new(wrap(valence.label(), fs * 0.9, false, lw - 40.0), fs * 0.9, false)
                    .at_box(lx + 38.0, ly);
                let (d, mid) = sample(ly);
                legend = legend.add(
                    Path::new()
                        .set("d", d.clone())
                        .set("class", format!("valence-{}", valence.id()))
                        .set("stroke", o.colour_of_valence(*valence).to_string())
                        .set("stroke-width", "6.6")
                        .set("stroke-opacity", "0.35")
                        .set("fill", "none"),
                );
                legend = legend.add(
                    Path::new().set("d", d).set("stroke", o.fg().tint(0.3).to_string()).set("stroke-width", "1.6"),
                );
                if let Some(mark) = valence_mark(*valence, lx + 14.0, mid, o) {
                    legend = legend.add(mark);
                }
                ly += t.height() + 5.0;
                legend = legend.add(t.element(o.fg()));
            }
            if ended > 0 {
                let t =
                    TextBlock::new(wrap("Ended (until a year): faded", fs * 0.9, false, lw - 40.0), fs * 0.9, false)
                        .at_box(lx + 38.0, ly);
                let (d, _) = sample(ly);
                legend = legend.add(
                    Path::new()
                        .set("d", d)
                        .set("class", "ended")
                        .set("stroke", o.fg().tint(0.3).to_string())
                        .set("stroke-width", "1.8")
                        .set("opacity", num(ENDED_OPACITY)),
                );
                ly += t.height() + 5.0;
                legend = legend.add(t.element(o.fg()));
            }
        }
        ly += 10.0;
        let note = format!(
            "Rings: the scale of each actor relative to {}: where it is based, else its nearest linkage.",
            self.title
        );
        let t = TextBlock::new(wrap(&note, fs * 0.85, false, lw), fs * 0.85, false).at_box(lx, ly);
        ly += t.height();
        legend = legend.add(t.element(o.fg().tint(0.25)));

        // Caption: counts, sources, and the key of numbered labels.
        let width = side + LEGEND_W;
        let cs = fs * 0.85;
        let mut caption = group("caption");
        let mut cyy = used_bottom.max(ly) + 16.0;
        let mut counts =
            format!("{}: {} actors, {} linkages", self.title, self.graph.actor_count(), self.graph.linkage_count());
        let mut notes: Vec<String> = Vec::new();
        for valence in Valence::ALL.iter().filter(|v| **v != Valence::Cooperative) {
            let n = edges.iter().filter(|(_, _, l)| l.valence() == *valence).count();
            if n > 0 {
                notes.push(format!("{n} {}", valence.label().to_lowercase()));
            }
        }
        if ended > 0 {
            notes.push(format!("{ended} ended"));
        }
        if !notes.is_empty() {
            counts.push_str(&format!(" ({})", notes.join(", ")));
        }
        counts.push('.');
        let mut paragraphs = vec![counts];
        if !self.sources.is_empty() {
            paragraphs.push(format!("Sources: {}", self.sources.join("; ")));
        }
        if !key.is_empty() {
            paragraphs.push(format!("Key to numbered actors: {}.", key.join("; ")));
        }
        for p in paragraphs {
            let t = TextBlock::new(wrap(&p, cs, false, width - 24.0), cs, false).at_box(12.0, cyy);
            cyy += t.height() + cs * (LINE - 1.0) + 6.0;
            caption = caption.add(t.element(o.fg().tint(0.2)));
        }
        let height = cyy + 8.0;

        let mut doc = document(width, height, &format!("Linkage graph: {}", self.title), o);
        doc = doc.add(title.element(o.fg()));
        for part in doc_parts {
            doc.append(part);
        }
        doc.add(legend).add(caption)
    }
}

/// "Authors (year): title, venue" for a caption; "title, venue (year)"
/// without authors.
pub(crate) fn cite(s: &Source) -> String {
    let mut out = String::new();
    if !s.authors().is_empty() {
        out.push_str(&s.authors().join(", "));
        if let Some(y) = s.year() {
            out.push_str(&format!(" ({y})"));
        }
        out.push_str(": ");
    }
    out.push_str(s.title());
    if let Some(v) = s.venue() {
        out.push_str(&format!(", {v}"));
    }
    if let (true, Some(y)) = (s.authors().is_empty(), s.year()) {
        out.push_str(&format!(" ({y})"));
    }
    out
}

/// Spreads angles (radians, any range) so that neighbours are at least
/// `gap` apart and none comes within `keep_clear` of the top (where the
/// ring's name is written), moving them as little as possible in the
/// least-squares sense (pool-adjacent-violators on the shifted
/// positions); evenly spaced when they cannot fit. Returns the angles in
/// the order given.
fn spread_angles(wanted: &[f64], gap: f64, keep_clear: f64) -> Vec<f64> {
    let n = wanted.len();
    if n == 0 {
        return Vec::new();
    }
    // Angles measured clockwise from the top, in [0, 2π).
    let top = -PI / 2.0;
    let mut order: Vec<(f64, usize)> = wanted.iter().enumerate().map(|(i, a)| ((a - top).rem_euclid(TAU), i)).collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let (lo, hi) = (keep_clear, TAU - keep_clear.max(gap / 2.0));
    let room = hi - lo;
    let need = (n as f64 - 1.0) * gap;
    let placed: Vec<f64> = if need >= room || room <= 0.0 {
        let step = TAU / n as f64;
        (0..n).map(|j| step * (j as f64 + 0.5)).collect()
    } else {
        // q_j = p_j - j·gap must be non-decreasing and within [lo, hi - need].
        let q: Vec<f64> =
            order.iter().enumerate().map(|(j, (p, _))| (p - j as f64 * gap).clamp(lo, hi - need)).collect();
        let mut blocks: Vec<(f64, usize)> = Vec::with_capacity(n); // (mean, count)
        for v in q {
            let mut cur = (v, 1usize);
            while let Some(&(m, c)) = blocks.last() {
                if m <= cur.0 {
                    break;
                }
                blocks.pop();
                let total = c + cur.1;
                cur = ((m * c as f64 + cur.0 * cur.1 as f64) / total as f64, total);
            }
            blocks.push(cur);
        }
        blocks
            .iter()
            .flat_map(|&(m, c)| std::iter::repeat_n(m, c))
            .enumerate()
            .map(|(j, qj)| qj + j as f64 * gap)
            .collect()
    };
    let mut out = vec![0.0; n];
    for (&(_, i), a) in order.iter().zip(placed) {
        if let Some(slot) = out.get_mut(i) {
            *slot = a + top;
        }
    }
    out
}

/// Tries spots around a node, nearest to the outward direction first, at
/// growing distances; returns the placed block and, for a distant spot,
/// where its leader line ends.
fn place_label(
    block: &TextBlock,
    x: f64,
    y: f64,
    r: f64,
    outward: f64,
    obstacles: &impl Obstacles,
    plot: &Rect,
) -> Option<(TextBlock, Option<(f64, f64)>)> {
    let (w, h) = (block.width(), block.height());
    let mut dirs: Vec<f64> = (0..16).map(|j| TAU * f64::from(j) / 16.0).collect();
    let off = |d: f64| {
        let diff = (d - outward).rem_euclid(TAU);
        diff.min(TAU - diff)
    };
    dirs.sort_by(|a, b| off(*a).total_cmp(&off(*b)).then(a.total_cmp(b)));
    for dist in [2.0, 8.0, 16.0, 28.0, 44.0, 64.0, 90.0] {
        for &d in &dirs {
            let (ux, uy) = (d.cos(), d.sin());
            let (px, py) = (x + ux * (r + dist), y + uy * (r + dist));
            let left = if ux > 0.35 {
                px
            } else if ux < -0.35 {
                px - w
            } else {
                px - w / 2.0
            };
            let top = if uy > 0.35 {
                py
            } else if uy < -0.35 {
                py - h
            } else {
                py - h / 2.0
            };
            let rect = Rect::new(left, top, left + w, top + h);
            if !rect.inside(plot) || obstacles.hits(&rect, 1.5) {
                continue;
            }
            let placed = block.clone().at_box(left, top);
            let leader = (dist > 10.0).then(|| (px.clamp(rect.x0, rect.x1), py.clamp(rect.y0, rect.y1)));
            return Some((placed, leader));
        }
    }
    None
}

/// The boxes that labels must keep clear of (rings' names, the title,
/// actors, labels placed), and whether a box comes near one of them.
pub(crate) trait Obstacles: Default {
    /// One more box to avoid.
    fn push(&mut self, r: Rect);
    /// Whether `r` overlaps a box, `pad` px apart counting as overlap
    /// ([`Rect::overlaps`]).
    fn hits(&self, r: &Rect, pad: f64) -> bool;
}

/// [`Obstacles`] on a uniform grid: each cell lists the boxes that reach
/// into it, so a query looks at the few boxes near it rather than at all
/// of them (labelling n actors was quadratic: ~4 s at 10,000 actors). The
/// answer is exactly that of comparing with every box: the cells a query
/// looks at cover every box that can overlap it, and each candidate is
/// checked with [`Rect::overlaps`].
#[derive(Default)]
pub(crate) struct Grid {
    rects: Vec<Rect>,
    /// Indexes into `rects` by cell (`floor(x / CELL)`, `floor(y / CELL)`).
    cells: HashMap<(i64, i64), Vec<usize>, foldhash::fast::RandomState>,
    /// Boxes over too many cells (or not finite), checked one by one.
    wide: Vec<usize>,
}

impl Grid {
    /// Cell side in px: a few nodes, or about a label.
    const CELL: f64 = 64.0;
    /// A box over more cells than this is kept in `wide`; a query over
    /// more looks at every box.
    const MAX_CELLS: i64 = 256;

    /// The cells a box (grown by `grow` px on every side) covers, if
    /// finite and not too many.
    fn span(r: &Rect, grow: f64) -> Option<(i64, i64, i64, i64)> {
        let cell = |v: f64| (v / Self::CELL).floor();
        let (x0, y0, x1, y1) = (cell(r.x0 - grow), cell(r.y0 - grow), cell(r.x1 + grow), cell(r.y1 + grow));
        let limit = (Self::MAX_CELLS * Self::MAX_CELLS) as f64;
        if ![x0, y0, x1, y1].iter().all(|v| v.is_finite() && v.abs() < limit) {
            return None;
        }
        // In range: exact conversions.
        let (x0, y0, x1, y1) = (x0 as i64, y0 as i64, x1 as i64, y1 as i64);
        ((x1 - x0 + 1) * (y1 - y0 + 1) <= Self::MAX_CELLS).then_some((x0, y0, x1, y1))
    }
}

impl Obstacles for Grid {
    fn push(&mut self, r: Rect) {
        let i = self.rects.len();
        match Grid::span(&r, 0.0) {
            Some((x0, y0, x1, y1)) => {
                for cx in x0..=x1 {
                    for cy in y0..=y1 {
                        self.cells.entry((cx, cy)).or_default().push(i);
                    }
                }
            }
            None => self.wide.push(i),
        }
        self.rects.push(r);
    }

    fn hits(&self, r: &Rect, pad: f64) -> bool {
        let overlaps = |i: &usize| self.rects.get(*i).is_some_and(|o| o.overlaps(r, pad));
        // Grown by one px more than `pad`, so that rounding near a cell's
        // edge cannot leave out a box that overlaps.
        match Grid::span(r, pad.abs() + 1.0) {
            Some((x0, y0, x1, y1)) => {
                self.wide.iter().any(overlaps)
                    || (x0..=x1)
                        .any(|cx| (y0..=y1).any(|cy| self.cells.get(&(cx, cy)).is_some_and(|v| v.iter().any(overlaps))))
            }
            None => self.rects.iter().any(|o| o.overlaps(r, pad)),
        }
    }
}

/// The symbol at the middle of a non-cooperative linkage, so that the
/// valence also reads in greyscale: a cross for conflictual, a square for
/// regulatory; none for cooperative.
fn valence_mark(valence: Valence, x: f64, y: f64, o: &Options) -> Option<Path> {
    let colour = o.colour_of_valence(valence).to_string();
    let class = format!("valence-{}", valence.id());
    let a = 4.5;
    let d = match valence {
        Valence::Cooperative => return None,
        Valence::Conflictual => format!(
            "M{} {} L{} {} M{} {} L{} {}",
            num(x - a),
            num(y - a),
            num(x + a),
            num(y + a),
            num(x - a),
            num(y + a),
            num(x + a),
            num(y - a)
        ),
        Valence::Regulatory => format!(
            "M{} {} H{} V{} H{} z",
            num(x - a * 0.8),
            num(y - a * 0.8),
            num(x + a * 0.8),
            num(y + a * 0.8),
            num(x - a * 0.8)
        ),
    };
    let mark = Path::new().set("d", d).set("class", class).set("stroke", colour.clone()).set("stroke-width", "2.2");
    Some(match valence {
        Valence::Regulatory => mark.set("fill", colour),
        _ => mark.set("fill", "none").set("stroke-linecap", "round"),
    })
}

/// Arrowhead for linkages of one kind.
fn arrow_marker(kind: LinkageKind, colour: Colour) -> Marker {
    Marker::new()
        .set("id", format!("arrow-{}", kind.id()))
        .set("viewBox", "0 0 10 10")
        .set("refX", "9")
        .set("refY", "5")
        .set("markerWidth", "7")
        .set("markerHeight", "7")
        .set("markerUnits", "userSpaceOnUse")
        .set("orient", "auto")
        .add(Path::new().set("d", "M0 0 L10 5 L0 10 z").set("fill", colour.to_string()))
}

/// Dash pattern by family: capital and goods solid; knowledge, people and
/// institutions dashed; governance and partnership dotted.
pub(crate) fn dash_of(kind: LinkageKind) -> Option<&'static str> {
    match kind {
        LinkageKind::KnowledgeTransfer | LinkageKind::TalentFlow | LinkageKind::InstitutionalBorrowing => Some("6 3"),
        LinkageKind::Governance | LinkageKind::Partnership => Some("2 2.5"),
        _ => None,
    }
}

/// Wider for heavier linkages (weights are relative; 1 is the default).
fn stroke_width(l: &Linkage) -> f64 {
    match l.weight() {
        Some(w) => 1.0 + (1.0 + w).ln().min(3.0),
        None => 1.6,
    }
}

impl super::sealed::Render for GraphFigure<'_> {
    fn render(&self, options: &Options) -> svg::Document {
        GraphFigure::render(self, options, &Tally::none())
    }

    fn render_with_progress(&self, options: &Options, progress: &mut dyn crate::Progress) -> svg::Document {
        // One count per linkage drawn, then one per actor labelled.
        let tally = Tally::new(progress, (self.graph.linkage_count() + self.graph.actor_count()) as u64);
        let doc = GraphFigure::render(self, options, &tally);
        tally.finish();
        doc
    }
}

impl super::Figure for GraphFigure<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "synth")]
    #[test]
    fn scales_in_one_pass_are_those_of_scale_of() {
        let atlas = Atlas::builtin();
        let synthetic = crate::synth::linkage_graph(300, 3, 9).unwrap();
        let figures = [GraphFigure::from_atlas(atlas, "kunshan").unwrap(), GraphFigure::new(&synthetic)];
        for figure in figures {
            let actors: Vec<&crate::Actor> = figure.graph.actors().collect();
            let index: HashMap<&str, usize> = actors.iter().enumerate().map(|(i, a)| (a.id().as_str(), i)).collect();
            let edges: Vec<(usize, usize, &Linkage)> =
                figure.graph.linkages().map(|(f, t, l)| (index[f.as_str()], index[t.as_str()], l)).collect();
            let expected: Vec<Scale> = actors.iter().map(|a| figure.scale_of(a.id().as_str()).unwrap()).collect();
            assert_eq!(figure.scales(&actors, &edges), expected);
            assert!(expected.iter().collect::<BTreeSet<_>>().len() > 1, "more than one ring");
        }
    }

    #[test]
    fn spread_keeps_order_and_gap() {
        let a = spread_angles(&[0.0, 0.01, 0.02, 3.0], 0.3, 0.2);
        for w in a.windows(2) {
            assert!(w[1] - w[0] >= 0.3 - 1e-6, "{a:?}");
        }
        assert!(a[3] - a[0] <= TAU - 0.3 + 1e-6);
        // Already apart: unchanged.
        assert_eq!(spread_angles(&[0.0, 1.0], 0.3, 0.2), vec![0.0, 1.0]);
        // Kept clear of the top.
        let t = spread_angles(&[-PI / 2.0], 0.3, 0.2)[0];
        assert!((t + PI / 2.0).abs() >= 0.2 - 1e-9);
        let crowded = spread_angles(&[0.0; 40], 0.3, 0.2);
        assert!((crowded[1] - crowded[0] - TAU / 40.0).abs() < 1e-9);
    }

    #[test]
    fn labels_avoid_obstacles() {
        let plot = Rect::new(0.0, 0.0, 400.0, 400.0);
        let block = TextBlock::new(vec!["Label".to_owned()], 12.0, false);
        let blocker = Rect::new(205.0, 180.0, 300.0, 220.0);
        let (placed, _) = place_label(&block, 200.0, 200.0, 5.0, 0.0, &vec![blocker], &plot).unwrap();
        assert!(!placed.bbox().overlaps(&blocker, 0.0));
        let everywhere = Rect::new(-10.0, -10.0, 410.0, 410.0);
        assert!(place_label(&block, 200.0, 200.0, 5.0, 0.0, &vec![everywhere], &plot).is_none());
    }

    /// The linear search labels were placed with before [`Grid`]: every
    /// query compares with every box. Kept as the reference.
    impl Obstacles for Vec<Rect> {
        fn push(&mut self, r: Rect) {
            Vec::push(self, r);
        }
        fn hits(&self, r: &Rect, pad: f64) -> bool {
            self.iter().any(|o| o.overlaps(r, pad))
        }
    }

    #[test]
    fn grid_answers_as_every_box_does() {
        // A small LCG: boxes of all sizes, some far out, some not finite.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |span: f64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.3) * span
        };
        let mut grid = Grid::default();
        let mut all: Vec<Rect> = Vec::new();
        for k in 0..3_000 {
            let (x, y) = (next(3_000.0), next(3_000.0));
            let r = match k % 200 {
                0 => Rect::new(x, y, x + 5_000.0, y + 40.0),
                1 => Rect::new(f64::NEG_INFINITY, y, x, y + 3.0),
                2 => Rect::new(f64::NAN, y, x, y + 3.0),
                3 => Rect::new(x, y, x + 1e9, y + 1e9),
                _ => Rect::new(x, y, x + next(150.0).abs(), y + next(40.0).abs()),
            };
            Obstacles::push(&mut grid, r);
            Obstacles::push(&mut all, r);
            let q = Rect::new(next(3_000.0), next(3_000.0), next(3_000.0), next(3_000.0));
            let small = Rect::new(x - 2.0, y + 1.0, x + next(60.0).abs(), y + 9.0);
            for (q, pad) in [(q, 1.5), (small, 1.5), (small, 0.0), (Rect::new(x, y, x, y), 64.0)] {
                assert_eq!(grid.hits(&q, pad), all.hits(&q, pad), "{q:?} pad {pad}");
            }
        }
        // Boxes that touch a cell edge, within the pad.
        let mut grid = Grid::default();
        Obstacles::push(&mut grid, Rect::new(0.0, 0.0, 63.9, 10.0));
        assert!(grid.hits(&Rect::new(65.0, 0.0, 70.0, 5.0), 1.5));
        assert!(!grid.hits(&Rect::new(65.5, 0.0, 70.0, 5.0), 1.5));
    }

    #[cfg(feature = "synth")]
    #[test]
    fn grid_labels_are_byte_for_byte_those_of_the_linear_search() {
        let atlas = Atlas::builtin();
        let mut graphs: Vec<(GraphFigure<'_>, Options)> =
            atlas.graphs().map(|g| (GraphFigure::new(g), Options::default())).collect();
        graphs.push((GraphFigure::from_atlas(atlas, "kunshan").unwrap(), Options::default().font_size(16.0).unwrap()));
        let synthetic = [
            crate::synth::linkage_graph(300, 3, 9).unwrap(),
            crate::synth::linkage_graph(1_500, 2, 4).unwrap(),
            crate::synth::linkage_graph(800, 8, 11).unwrap(),
        ];
        for g in &synthetic {
            graphs.push((GraphFigure::new(g), Options::default()));
        }
        graphs
            .push((GraphFigure::new(&synthetic[0]), Options::default().font_size(22.0).unwrap().size(300.0).unwrap()));
        assert!(graphs.len() >= 6);
        let mut numbered = 0;
        for (figure, options) in &graphs {
            let grid = figure.render_with::<Grid>(options, &Tally::none()).to_string();
            let linear = figure.render_with::<Vec<Rect>>(options, &Tally::none()).to_string();
            assert!(grid == linear, "{}: the SVG differs", figure.title);
            assert!(grid.contains("id=\"label-"), "{}: no label placed", figure.title);
            numbered += usize::from(grid.contains("Key to numbered actors"));
        }
        assert!(numbered > 0, "no graph crowded enough to number a label");
    }
}
