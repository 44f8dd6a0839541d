//! The Gower distance heatmap with its dendrogram.

use svg::node::element::{Line, Path, Rectangle, Title};

use super::{Anchor, Colour, Options, TextBlock, document, group, num, wrap};
use crate::compare::Gower;
use crate::id::IdKind;
use crate::progress::Tally;
use crate::{Atlas, Compare, Error, Profile};

/// Viridis, five stops from 0 to 1.
const VIRIDIS: [(f64, Colour); 5] = [
    (0.0, Colour::rgb(0x44, 0x01, 0x54)),
    (0.25, Colour::rgb(0x3b, 0x52, 0x8b)),
    (0.5, Colour::rgb(0x21, 0x91, 0x8c)),
    (0.75, Colour::rgb(0x5e, 0xc9, 0x62)),
    (1.0, Colour::rgb(0xfd, 0xe7, 0x25)),
];

#[derive(Debug, Clone, PartialEq)]
struct Item {
    label: String,
    archetype: bool,
    profile: Profile,
}

/// Gower distances between towns and archetypes as a heatmap, rows and
/// columns ordered by an average-linkage (UPGMA) dendrogram drawn beside
/// it; archetypes are marked with a diamond and set in bold.
///
/// Distances are [`Gower`] distances over the profile dimensions with
/// equal weights (archetypes have no key facts, so none are used). A pair
/// that shares no dimension has no distance: its cell reads "n/a" and the
/// clustering treats it as the largest distance, 1.
///
/// # Example
///
/// ```
/// use regdev::figure::{DistanceFigure, Figure, Options};
///
/// let atlas = regdev::Atlas::builtin();
/// let figure = DistanceFigure::from_atlas(atlas, &[])?; // every profiled town and the archetypes
/// assert!(figure.labels().contains(&"Wenzhou"));
/// assert!(figure.to_svg(&Options::default()).contains("Kunshan"));
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DistanceFigure {
    items: Vec<Item>,
    distances: Vec<f64>,
    order: Vec<usize>,
    /// (left child, right child, height, x-order position of the merge)
    merges: Vec<(usize, usize, f64)>,
    title: String,
}

impl DistanceFigure {
    /// The figure of towns and archetypes of `atlas`, each named by id;
    /// with no ids, every town with a non-empty profile and every
    /// archetype.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownReference`] for an id that is neither a town nor an
    /// archetype; [`Error::TooFewCases`] for fewer than two.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::DistanceFigure;
    /// let atlas = regdev::Atlas::builtin();
    /// assert_eq!(DistanceFigure::from_atlas(atlas, &["kunshan", "sunan"])?.labels(), ["Kunshan", "Sunan"]);
    /// assert!(DistanceFigure::from_atlas(atlas, &["kunshan"]).is_err());
    /// assert!(DistanceFigure::from_atlas(atlas, &["kunshan", "atlantis"]).is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn from_atlas(atlas: &Atlas, ids: &[&str]) -> Result<DistanceFigure, Error> {
        DistanceFigure::of(DistanceFigure::items(atlas, ids)?, &Tally::none())
    }

    /// [`DistanceFigure::from_atlas`], reporting the pairs of cases
    /// measured to `progress` (`n · (n − 1) / 2` for n cases, a row at a
    /// time; see [`Progress`](crate::Progress)). Drawing the figure is
    /// counted by [`Figure::to_svg_with_progress`](super::Figure::to_svg_with_progress).
    ///
    /// # Errors
    ///
    /// As [`DistanceFigure::from_atlas`]; [`Error::OutOfMemory`] when the
    /// n × n distances cannot be allocated (8·n² bytes).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::DistanceFigure;
    /// let mut last = (0, 0);
    /// let f = DistanceFigure::from_atlas_with_progress(regdev::Atlas::builtin(), &[], |d, t| last = (d, t))?;
    /// let n = f.labels().len() as u64;
    /// assert_eq!(last, (n * (n - 1) / 2, n * (n - 1) / 2));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn from_atlas_with_progress(
        atlas: &Atlas,
        ids: &[&str],
        mut progress: impl crate::Progress,
    ) -> Result<DistanceFigure, Error> {
        let items = DistanceFigure::items(atlas, ids)?;
        let n = items.len() as u64;
        let tally = Tally::new(&mut progress, n * n.saturating_sub(1) / 2);
        let figure = DistanceFigure::of(items, &tally);
        tally.finish();
        figure
    }

    /// The cases of [`DistanceFigure::from_atlas`].
    fn items(atlas: &Atlas, ids: &[&str]) -> Result<Vec<Item>, Error> {
        let mut items = Vec::new();
        if ids.is_empty() {
            for t in atlas.towns().filter(|t| !t.profile().is_empty()) {
                items.push(Item { label: t.label().into_owned(), archetype: false, profile: t.profile().clone() });
            }
            for a in atlas.archetypes() {
                items.push(Item { label: a.label().into_owned(), archetype: true, profile: a.profile().clone() });
            }
        } else {
            for &id in ids {
                let item = match (atlas.town(id), atlas.archetype(id)) {
                    (Some(t), _) => {
                        Item { label: t.label().into_owned(), archetype: false, profile: t.profile().clone() }
                    }
                    (None, Some(a)) => {
                        Item { label: a.label().into_owned(), archetype: true, profile: a.profile().clone() }
                    }
                    (None, None) => {
                        return Err(Error::UnknownReference {
                            kind: IdKind::Town,
                            id: id.to_owned(),
                            referrer: "distance figure (neither a town nor an archetype)".to_owned(),
                        });
                    }
                };
                items.push(item);
            }
        }
        Ok(items)
    }

    /// About how many bytes [`Figure::to_svg`](super::Figure::to_svg)
    /// writes for the figure [`DistanceFigure::from_atlas`] would make of
    /// these cases, computed from the layout without measuring any
    /// distance (the figure grows with the square of the cases: about
    /// 160 bytes a cell with short names, so 1,000 cases make some 160 MB
    /// and 40,000 some 250 GB). Within a few percent for the figures the
    /// tests draw; cells without a distance ("n/a") are counted as cells
    /// with one, so the estimate is a little low when many pairs share no
    /// dimension.
    ///
    /// # Errors
    ///
    /// As [`DistanceFigure::from_atlas`], except that measuring nothing it
    /// never runs out of memory.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::{DistanceFigure, Figure, Options};
    /// let atlas = regdev::Atlas::builtin();
    /// let o = Options::default();
    /// let estimate = DistanceFigure::estimate_svg_len(atlas, &[], &o)?;
    /// let real = DistanceFigure::from_atlas(atlas, &[])?.to_svg(&o).len() as f64;
    /// assert!((estimate as f64 / real - 1.0).abs() < 0.25, "{estimate} vs {real}");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn estimate_svg_len(atlas: &Atlas, ids: &[&str], options: &Options) -> Result<u64, Error> {
        let items = DistanceFigure::items(atlas, ids)?;
        let n = items.len();
        if n < 2 {
            return Err(Error::TooFewCases { what: "a distance figure", min: 2, found: n });
        }
        let fs = options.get_font_size();
        let dendro_w = (options.get_size() * 0.22).max(80.0);
        let label_w = label_width(&items, fs);
        let cell = cell_side(options, dendro_w, label_w, n);
        // A cell in the middle of the heatmap, without its pair's names.
        let mid = cell * (n / 2) as f64;
        let (rect, text) = cell_nodes(20.0 + dendro_w + mid, 60.0 + mid, cell, 0.5, ("", ""), options);
        let sample = (rect.to_string().len() + text.map_or(0, |t| t.to_string().len()) + 2) as u64;
        // Each name is in the tooltips of 2n cells, and in a row label.
        let names: u64 = items.iter().map(|it| esc_len(&it.label)).sum();
        let n64 = n as u64;
        // A row's number, label and dendrogram merge: about 400 bytes and
        // the name; the rest of the figure about 6,000.
        Ok(n64 * n64 * sample + 2 * n64 * names + n64 * 400 + names + 6_000)
    }

    /// The figure of any cases, none marked as an archetype.
    ///
    /// # Errors
    ///
    /// [`Error::TooFewCases`] for fewer than two.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, RegionalModel};
    /// use regdev::figure::DistanceFigure;
    /// let models: Vec<_> = RegionalModel::ALL.iter().map(|m| m.archetype()).collect();
    /// let figure = DistanceFigure::new(models.iter().map(|a| a as &dyn Compare))?;
    /// assert_eq!(figure.labels().len(), 3);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new<'c>(cases: impl IntoIterator<Item = &'c dyn Compare>) -> Result<DistanceFigure, Error> {
        DistanceFigure::of(
            cases
                .into_iter()
                .map(|c| Item { label: c.label().into_owned(), archetype: false, profile: c.profile().into_owned() })
                .collect(),
            &Tally::none(),
        )
    }

    fn of(items: Vec<Item>, tally: &Tally<'_>) -> Result<DistanceFigure, Error> {
        let n = items.len();
        if n < 2 {
            return Err(Error::TooFewCases { what: "a distance figure", min: 2, found: n });
        }
        let gower = Gower::new();
        let too_big = || Error::OutOfMemory { what: "a distance figure", count: n };
        let cells = n.checked_mul(n).ok_or_else(too_big)?;
        let mut distances = Vec::new();
        distances.try_reserve_exact(cells).map_err(|_| too_big())?;
        distances.resize(cells, 0.0);
        let mut condensed = Vec::new();
        condensed.try_reserve_exact(n * (n - 1) / 2).map_err(|_| too_big())?;
        for (i, a) in items.iter().enumerate() {
            for (j, b) in items.iter().enumerate().skip(i + 1) {
                let d = gower.profiles(&a.profile, &b.profile).map_or(f64::NAN, |d| d.value());
                if let Some(v) = distances.get_mut(i * n + j) {
                    *v = d;
                }
                if let Some(v) = distances.get_mut(j * n + i) {
                    *v = d;
                }
                condensed.push(if d.is_finite() { d } else { 1.0 });
            }
            tally.add((n - i - 1) as u64);
        }
        let dendrogram = kodama::linkage(&mut condensed, n, kodama::Method::Average);
        let merges: Vec<(usize, usize, f64)> =
            dendrogram.steps().iter().map(|s| (s.cluster1, s.cluster2, s.dissimilarity)).collect();
        // Leaf order: depth first from the root, smaller cluster id first.
        let mut order = Vec::with_capacity(n);
        let mut stack = vec![2 * n - 2];
        while let Some(c) = stack.pop() {
            if c < n {
                order.push(c);
            } else if let Some(&(a, b, _)) = merges.get(c - n) {
                stack.push(a.max(b));
                stack.push(a.min(b));
            }
        }
        let title = "Gower distances between profiles".to_owned();
        Ok(DistanceFigure { items, distances, order, merges, title })
    }

    /// The labels, in the order given.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::DistanceFigure;
    /// let f = DistanceFigure::from_atlas(regdev::Atlas::builtin(), &["shunde", "kunshan"])?;
    /// assert_eq!(f.labels(), ["Shunde", "Kunshan"]);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn labels(&self) -> Vec<&str> {
        self.items.iter().map(|i| i.label.as_str()).collect()
    }

    /// The labels in the dendrogram's leaf order (the heatmap's rows, top
    /// to bottom).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::DistanceFigure;
    /// let f = DistanceFigure::from_atlas(regdev::Atlas::builtin(), &["kunshan", "sunan", "shunde"])?;
    /// assert_eq!(f.leaf_order().len(), 3);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn leaf_order(&self) -> Vec<&str> {
        self.order.iter().filter_map(|&i| self.items.get(i)).map(|i| i.label.as_str()).collect()
    }

    /// The distance between the `i`th and `j`th cases as given; `NaN` when
    /// they share no dimension, `None` out of bounds.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::DistanceFigure;
    /// let f = DistanceFigure::from_atlas(regdev::Atlas::builtin(), &["kunshan", "shunde"])?;
    /// assert_eq!(f.distance(0, 0), Some(0.0));
    /// assert!(f.distance(0, 1).is_some_and(|d| d > 0.5));
    /// assert_eq!(f.distance(0, 2), None);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn distance(&self, i: usize, j: usize) -> Option<f64> {
        let n = self.items.len();
        if i < n && j < n { self.distances.get(i * n + j).copied() } else { None }
    }

    /// Replaces the title.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::{DistanceFigure, Figure, Options};
    /// let f = DistanceFigure::from_atlas(regdev::Atlas::builtin(), &["kunshan", "shunde"])?.title("Two towns");
    /// assert!(f.to_svg(&Options::default()).contains("Two towns"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> DistanceFigure {
        self.title = title.into();
        self
    }

    fn render(&self, o: &Options, tally: &Tally<'_>) -> svg::Document {
        let fs = o.get_font_size();
        let n = self.items.len();
        let nf = n as f64;
        let left = 12.0;
        let dendro_w = (o.get_size() * 0.22).max(80.0);
        let label_w = label_width(&self.items, fs);
        let cell = cell_side(o, dendro_w, label_w, n);
        let title = TextBlock::new(vec![self.title.clone()], fs * 1.4, true).at_box(left, 10.0);
        let top = 10.0 + title.height() + 14.0 + fs * 1.4;
        let heat_x = left + dendro_w + 8.0;
        let width = heat_x + cell * nf + label_w + 12.0;
        let mut body = group("heatmap");

        // Column numbers and row labels, in leaf order.
        for (pos, &i) in self.order.iter().enumerate() {
            let Some(item) = self.items.get(i) else { continue };
            let cx = heat_x + cell * (pos as f64 + 0.5);
            let num_label =
                TextBlock::new(vec![(pos + 1).to_string()], fs * 0.85, false).anchored(Anchor::Middle, cx, top - 6.0);
            body = body.add(num_label.element(o.fg().tint(0.3)));
            let ry = top + cell * pos as f64;
            let label = TextBlock::new(vec![row_label(pos, item)], fs, item.archetype)
                .at_box(heat_x + cell * nf + 8.0, ry + (cell - (super::ASCENT + super::DESCENT) * fs) / 2.0);
            body = body.add(label.element(o.fg()));
        }
        // Cells.
        for (r, &i) in self.order.iter().enumerate() {
            for (c, &j) in self.order.iter().enumerate() {
                let d = self.distance(i, j).unwrap_or(f64::NAN);
                let (x, y) = (heat_x + cell * c as f64, top + cell * r as f64);
                let (a, b) = (
                    self.items.get(i).map_or("", |t| t.label.as_str()),
                    self.items.get(j).map_or("", |t| t.label.as_str()),
                );
                let (rect, text) = cell_nodes(x, y, cell, d, (a, b), o);
                body = body.add(rect);
                if let Some(t) = text {
                    body = body.add(t);
                }
            }
            tally.add(n as u64);
        }

        // Dendrogram: leaves at the heatmap's left edge, the root at the
        // left, heights to scale.
        let max_h = self.merges.iter().map(|m| m.2).fold(0.0, f64::max).max(1e-9);
        let x_of = |h: f64| heat_x - 6.0 - (h / max_h) * (dendro_w - 14.0);
        let mut at: Vec<(f64, f64)> = vec![(0.0, 0.0); 2 * n - 1]; // (x, y) per cluster
        for (pos, &i) in self.order.iter().enumerate() {
            if let Some(p) = at.get_mut(i) {
                *p = (heat_x - 6.0, top + cell * (pos as f64 + 0.5));
            }
        }
        let mut tree = group("dendrogram").set("stroke", o.fg().tint(0.2).to_string()).set("fill", "none");
        for (k, &(a, b, h)) in self.merges.iter().enumerate() {
            let ((ax, ay), (bx, by)) = (at.get(a).copied().unwrap_or_default(), at.get(b).copied().unwrap_or_default());
            let x = x_of(h);
            tree = tree.add(
                Path::new()
                    .set("d", format!("M{} {} H{} V{} H{}", num(ax), num(ay), num(x), num(by), num(bx)))
                    .add(Title::new(format!("merged at {h:.3}"))),
            );
            if let Some(p) = at.get_mut(n + k) {
                *p = (x, (ay + by) / 2.0);
            }
        }
        let mut y = top + cell * nf + 14.0;
        // Scale of the dendrogram's heights.
        let axis = Line::new()
            .set("x1", num(x_of(max_h)))
            .set("x2", num(x_of(0.0)))
            .set("y1", num(y))
            .set("y2", num(y))
            .set("stroke", o.fg().tint(0.4).to_string());
        tree = tree.add(axis);
        for (h, anchor) in [(max_h, Anchor::Start), (0.0, Anchor::End)] {
            let t = TextBlock::new(vec![format!("{h:.2}")], fs * 0.75, false).anchored(anchor, x_of(h), y + fs * 0.9);
            tree = tree.add(t.element(o.fg().tint(0.3)));
        }

        // Colour bar under the heatmap.
        let bar_w = (cell * nf).max(fs * 14.0);
        let steps = 40;
        let mut bar = group("colour-bar");
        for k in 0..steps {
            let t = f64::from(k) / f64::from(steps);
            bar = bar.add(
                Rectangle::new()
                    .set("x", num(heat_x + bar_w * t))
                    .set("y", num(y))
                    .set("width", num(bar_w / f64::from(steps) + 0.5))
                    .set("height", num(fs * 0.9))
                    .set("fill", viridis(t + 0.5 / f64::from(steps)).to_string()),
            );
        }
        for (t, anchor) in [(0.0, Anchor::Start), (0.5, Anchor::Middle)] {
            let l = TextBlock::new(vec![format!("{t}")], fs * 0.75, false).anchored(
                anchor,
                heat_x + bar_w * t,
                y + fs * 0.9 + fs * 0.95,
            );
            bar = bar.add(l.element(o.fg().tint(0.3)));
        }
        let one = TextBlock::new(vec!["1".to_owned()], fs * 0.75, false);
        let one = one.clone().at_box(heat_x + bar_w - one.width(), y + fs * 0.9 + fs * 0.2);
        bar = bar.add(one.element(o.fg().tint(0.3)));
        y += fs * 0.9 + fs * 1.4 + 8.0;

        let cs = fs * 0.85;
        let note = "Gower distance over the profile dimensions, equal weights (archetypes have no key facts). \
                    Rows and columns follow the average-linkage (UPGMA) dendrogram on the left; columns are \
                    numbered as the rows. ◆ bold: a regional-model archetype. n/a: no dimension in common \
                    (clustered as distance 1).";
        let caption = TextBlock::new(wrap(note, cs, false, width - 24.0), cs, false).at_box(left, y);
        y += caption.height() + 12.0;
        let mut doc = document(width, y, &self.title, o);
        doc = doc.add(title.element(o.fg())).add(tree).add(body).add(bar).add(caption.element(o.fg().tint(0.2)));
        doc
    }
}

/// The width of the row labels' column.
fn label_width(items: &[Item], fs: f64) -> f64 {
    items.iter().enumerate().map(|(k, it)| super::text_width(&row_label(k, it), fs, it.archetype)).fold(0.0, f64::max)
        + 12.0
}

/// The side of a heatmap cell for `n` cases.
fn cell_side(o: &Options, dendro_w: f64, label_w: f64, n: usize) -> f64 {
    let fs = o.get_font_size();
    ((o.get_size() - dendro_w - label_w - 24.0) / n as f64).clamp(fs * 1.6, fs * 5.0)
}

/// One heatmap cell: its square (with the pair and distance as a
/// tooltip) and, when it fits, the distance written in it.
fn cell_nodes(
    x: f64,
    y: f64,
    cell: f64,
    d: f64,
    (a, b): (&str, &str),
    o: &Options,
) -> (Rectangle, Option<svg::node::element::Text>) {
    let fs = o.get_font_size();
    let fill = if d.is_finite() { viridis(d) } else { o.fg().tint(0.85) };
    let tip =
        if d.is_finite() { format!("{a} – {b}: {d:.3}") } else { format!("{a} – {b}: no dimension in common") };
    let rect = Rectangle::new()
        .set("x", num(x))
        .set("y", num(y))
        .set("width", num(cell))
        .set("height", num(cell))
        .set("fill", fill.to_string())
        .set("stroke", o.bg().to_string())
        .set("stroke-width", "1")
        .add(Title::new(tip));
    let text = if d.is_finite() { format!("{d:.2}") } else { "n/a".to_owned() };
    let ts = fs * 0.75;
    let written = (super::text_width(&text, ts, false) + 4.0 <= cell).then(|| {
        let colour = if d.is_finite() && d < 0.55 { Colour::rgb(255, 255, 255) } else { o.fg() };
        TextBlock::new(vec![text], ts, false)
            .anchored(Anchor::Middle, x + cell / 2.0, y + cell / 2.0 + ts * 0.35)
            .element(colour)
    });
    (rect, written)
}

/// The length of `text` as SVG text (`&`, `<` and `>` escaped).
fn esc_len(text: &str) -> u64 {
    text.bytes()
        .map(|b| match b {
            b'&' => 5,
            b'<' | b'>' => 4,
            _ => 1,
        })
        .sum()
}

/// "3 Kunshan", or "◆ Sunan" for an archetype, with its row number.
fn row_label(pos: usize, item: &Item) -> String {
    if item.archetype { format!("{} ◆ {}", pos + 1, item.label) } else { format!("{} {}", pos + 1, item.label) }
}

/// The viridis colour of `t` in 0..=1.
fn viridis(t: f64) -> Colour {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let mut prev = VIRIDIS[0];
    for &(at, c) in &VIRIDIS {
        if t <= at {
            let span = (at - prev.0).max(1e-9);
            let f = (t - prev.0) / span;
            let (r0, g0, b0) = prev.1.components();
            let (r1, g1, b1) = c.components();
            let mix = |a: u8, b: u8| {
                let v = f64::from(a) + (f64::from(b) - f64::from(a)) * f;
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let v = v.round().clamp(0.0, 255.0) as u8;
                v
            };
            return Colour::rgb(mix(r0, r1), mix(g0, g1), mix(b0, b1));
        }
        prev = (at, c);
    }
    prev.1
}

impl super::sealed::Render for DistanceFigure {
    fn render(&self, options: &Options) -> svg::Document {
        DistanceFigure::render(self, options, &Tally::none())
    }

    fn render_with_progress(&self, options: &Options, progress: &mut dyn crate::Progress) -> svg::Document {
        // One count per heatmap cell, a row at a time.
        let n = self.items.len() as u64;
        let tally = Tally::new(progress, n * n);
        let doc = DistanceFigure::render(self, options, &tally);
        tally.finish();
        doc
    }
}

impl super::Figure for DistanceFigure {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viridis_ends() {
        assert_eq!(viridis(0.0), VIRIDIS[0].1);
        assert_eq!(viridis(1.0), VIRIDIS[4].1);
        assert_eq!(viridis(f64::NAN), VIRIDIS[0].1);
    }

    #[test]
    fn leaf_order_is_a_permutation_and_groups_near_cases() {
        let atlas = Atlas::builtin();
        let f = DistanceFigure::from_atlas(atlas, &[]).unwrap();
        let mut sorted = f.order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..f.items.len()).collect::<Vec<_>>());
        assert_eq!(f.merges.len(), f.items.len() - 1);
        // Heights never decrease for average linkage.
        for w in f.merges.windows(2) {
            assert!(w[0].2 <= w[1].2 + 1e-12);
        }
    }

    /// The estimate against the real length, for figures of many sizes.
    #[cfg(feature = "synth")]
    #[test]
    fn the_size_estimate_is_close() {
        use super::super::Figure as _;
        let builtin = Atlas::builtin();
        let synthetic = crate::synth::atlas(&crate::synth::SynthConfig::new().towns(400).seed(2)).unwrap();
        let ids: Vec<&str> = synthetic.towns().map(|t| t.id().as_str()).collect();
        let cases: [(&Atlas, &[&str], f64); 5] = [
            (builtin, &[], 0.15),
            (builtin, &["kunshan", "sunan"], 0.5),
            (&synthetic, &ids[..60], 0.1),
            (&synthetic, &ids[..250], 0.1),
            (&synthetic, &ids, 0.1),
        ];
        for (atlas, ids, within) in cases {
            for o in [Options::default(), Options::default().font_size(18.0).unwrap().size(1400.0).unwrap()] {
                let estimate = DistanceFigure::estimate_svg_len(atlas, ids, &o).unwrap() as f64;
                let real = DistanceFigure::from_atlas(atlas, ids).unwrap().to_svg(&o).len() as f64;
                assert!((estimate / real - 1.0).abs() < within, "{} cases: {estimate} vs {real}", ids.len());
            }
        }
        assert!(DistanceFigure::estimate_svg_len(builtin, &["kunshan"], &Options::default()).is_err());
        assert!(DistanceFigure::estimate_svg_len(builtin, &["kunshan", "atlantis"], &Options::default()).is_err());
    }
}
