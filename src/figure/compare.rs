//! The comparison table as a figure.

use svg::node::element::{Circle, Line, Rectangle, Title};

use super::{Anchor, Colour, Options, TextBlock, document, group, num, wrap};
use crate::dimension::{IndustryRelation, RiskLevel};
use crate::id::IdKind;
use crate::{Atlas, Compare, Dimension, DimensionValue, Error, Profile, Scale};

/// Tints for values shared by two or more cases in a row (colour-blind
/// safe pastel set), cycled.
const SHARED: [Colour; 6] = [
    Colour::rgb(0xb3, 0xde, 0x69),
    Colour::rgb(0x80, 0xb1, 0xd3),
    Colour::rgb(0xfd, 0xb4, 0x62),
    Colour::rgb(0xbc, 0x80, 0xbd),
    Colour::rgb(0xcc, 0xeb, 0xc5),
    Colour::rgb(0xff, 0xed, 0x6f),
];

/// One column: a town, an archetype or any other [`Compare`].
#[derive(Debug, Clone, PartialEq)]
struct Case {
    label: String,
    profile: Profile,
}

/// The talk's comparison table as a figure, for two or more towns or
/// archetypes: dimensions as rows (the talk's seven by default, all with
/// [`ComparisonFigure::all_dimensions`]), one column per case, values in
/// the talk's wording.
///
/// Agreement is marked: within a row, cases that share a value share a
/// cell colour, and a row where every case has the same value is ticked.
/// Ordinal dimensions (relations with existing industries, level of risk)
/// also show the value's position on its scale, lowest on the left; the
/// economic-linkage row shows which of the four scales are present.
///
/// # Example
///
/// ```
/// use regdev::figure::{ComparisonFigure, Figure, Options};
///
/// let atlas = regdev::Atlas::builtin();
/// let figure = ComparisonFigure::from_atlas(atlas, &["kunshan", "shunde", "sunan"])?;
/// let svg = figure.to_svg(&Options::default());
/// assert!(svg.contains("Government-led") && svg.contains("Bottom-up, PPP"));
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonFigure {
    cases: Vec<Case>,
    dimensions: Vec<Dimension>,
    title: String,
}

impl ComparisonFigure {
    /// A figure of `cases`, in order.
    ///
    /// # Errors
    ///
    /// [`Error::TooFewCases`] for fewer than two cases.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::{Compare, RegionalModel};
    /// use regdev::figure::ComparisonFigure;
    /// let (sunan, prd) = (RegionalModel::Sunan.archetype(), RegionalModel::PearlRiverDelta.archetype());
    /// let figure = ComparisonFigure::new([&sunan as &dyn Compare, &prd])?;
    /// assert_eq!(figure.labels(), ["Sunan", "Pearl River Delta"]);
    /// assert!(ComparisonFigure::new([&sunan as &dyn Compare]).is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn new<'c>(cases: impl IntoIterator<Item = &'c dyn Compare>) -> Result<ComparisonFigure, Error> {
        let cases: Vec<Case> = cases
            .into_iter()
            .map(|c| Case { label: c.label().into_owned(), profile: c.profile().into_owned() })
            .collect();
        if cases.len() < 2 {
            return Err(Error::TooFewCases { what: "a comparison figure", min: 2, found: cases.len() });
        }
        let title = cases.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join(" · ");
        Ok(ComparisonFigure { cases, dimensions: Dimension::talk_rows().collect(), title })
    }

    /// A figure of towns or archetypes of `atlas`, each named by id
    /// (towns first, then archetypes).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownReference`] for an id that is neither a town nor an
    /// archetype of the atlas; [`Error::TooFewCases`] for fewer than two.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::ComparisonFigure;
    /// let atlas = regdev::Atlas::builtin();
    /// assert!(ComparisonFigure::from_atlas(atlas, &["kunshan", "atlantis"]).is_err());
    /// ```
    pub fn from_atlas(atlas: &Atlas, ids: &[&str]) -> Result<ComparisonFigure, Error> {
        let cases: Vec<&dyn Compare> = ids
            .iter()
            .map(|&id| -> Result<&dyn Compare, Error> {
                if let Some(t) = atlas.town(id) {
                    return Ok(t);
                }
                atlas.archetype(id).map(|a| a as &dyn Compare).ok_or_else(|| Error::UnknownReference {
                    kind: IdKind::Town,
                    id: id.to_owned(),
                    referrer: "comparison figure (neither a town nor an archetype)".to_owned(),
                })
            })
            .collect::<Result<_, _>>()?;
        ComparisonFigure::new(cases)
    }

    /// Shows every dimension, not only the talk's seven rows.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::{ComparisonFigure, Figure, Options};
    /// let f = ComparisonFigure::from_atlas(regdev::Atlas::builtin(), &["kunshan", "shunde"])?;
    /// assert!(f.clone().all_dimensions().to_svg(&Options::default()).contains("Dominant ownership"));
    /// assert!(!f.to_svg(&Options::default()).contains("Dominant ownership"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn all_dimensions(mut self) -> ComparisonFigure {
        self.dimensions = Dimension::ALL.to_vec();
        self
    }

    /// Replaces the title (the cases' labels by default).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::{ComparisonFigure, Figure, Options};
    /// let f = ComparisonFigure::from_atlas(regdev::Atlas::builtin(), &["kunshan", "shunde"])?.title("Two towns");
    /// assert!(f.to_svg(&Options::default()).contains("Two towns"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> ComparisonFigure {
        self.title = title.into();
        self
    }

    /// The column headings, in order.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::ComparisonFigure;
    /// let f = ComparisonFigure::from_atlas(regdev::Atlas::builtin(), &["kunshan", "shunde"])?;
    /// assert_eq!(f.labels(), ["Kunshan", "Shunde"]);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn labels(&self) -> Vec<&str> {
        self.cases.iter().map(|c| c.label.as_str()).collect()
    }

    fn render(&self, o: &Options) -> svg::Document {
        let fs = o.get_font_size();
        let pad = 8.0;
        let n = self.cases.len() as f64;
        let label_w = (fs * 15.0).min(o.get_size() * 0.3);
        let mark_w = 28.0;
        let col_w = ((o.get_size() - label_w - mark_w - 24.0) / n).max(fs * 10.0);
        let width = 12.0 + label_w + col_w * n + mark_w + 12.0;
        let left = 12.0;
        let mut body = group("table");
        let title = TextBlock::new(wrap(&self.title, fs * 1.4, true, width - 24.0), fs * 1.4, true).at_box(left, 10.0);
        let mut y = 10.0 + title.height() + 12.0;

        // Header row.
        let heads: Vec<TextBlock> = self
            .cases
            .iter()
            .enumerate()
            .map(|(j, c)| {
                TextBlock::new(wrap(&c.label, fs, true, col_w - 2.0 * pad), fs, true)
                    .at_box(left + label_w + col_w * j as f64 + pad, y + pad)
            })
            .collect();
        let head_h = heads.iter().map(TextBlock::height).fold(0.0, f64::max) + 2.0 * pad;
        body = body.add(
            Rectangle::new()
                .set("x", num(left))
                .set("y", num(y))
                .set("width", num(width - 24.0))
                .set("height", num(head_h))
                .set("fill", o.fg().tint(0.88).to_string()),
        );
        let dim_head = TextBlock::new(vec!["Dimension".to_owned()], fs, true).at_box(left + pad, y + pad);
        body = body.add(dim_head.element(o.fg()));
        for h in heads {
            body = body.add(h.element(o.fg()));
        }
        y += head_h;

        // Rows.
        for (r, &d) in self.dimensions.iter().enumerate() {
            let values: Vec<Option<DimensionValue>> = self.cases.iter().map(|c| c.profile.get(d)).collect();
            let groups = shared_groups(&values);
            let all_agree = values.iter().all(Option::is_some) && groups.iter().all(|g| *g == Some(0));
            let name = TextBlock::new(wrap(d.label(), fs, true, label_w - 2.0 * pad), fs, true);
            let cells: Vec<TextBlock> = values
                .iter()
                .map(|v| {
                    let text = v.as_ref().map_or_else(|| "—".to_owned(), ToString::to_string);
                    TextBlock::new(wrap(&text, fs, false, col_w - 2.0 * pad), fs, false)
                })
                .collect();
            let extra = if has_scale(d) { fs * 1.6 } else { 0.0 };
            let row_h = cells.iter().map(TextBlock::height).fold(name.height(), f64::max) + extra + 2.0 * pad;
            if r % 2 == 1 {
                body = body.add(
                    Rectangle::new()
                        .set("x", num(left))
                        .set("y", num(y))
                        .set("width", num(width - 24.0))
                        .set("height", num(row_h))
                        .set("fill", o.fg().tint(0.96).to_string()),
                );
            }
            body = body.add(name.at_box(left + pad, y + pad).element(o.fg()));
            for (j, (cell, v)) in cells.into_iter().zip(&values).enumerate() {
                let x = left + label_w + col_w * j as f64;
                if let Some(Some(g)) = groups.get(j) {
                    let tint = SHARED.get(g % SHARED.len()).copied().unwrap_or(Colour::rgb(0xdd, 0xdd, 0xdd));
                    let mut rect = Rectangle::new()
                        .set("x", num(x + 2.0))
                        .set("y", num(y + 2.0))
                        .set("width", num(col_w - 4.0))
                        .set("height", num(row_h - 4.0))
                        .set("rx", "4")
                        .set("fill", tint.tint(0.35).to_string());
                    rect = rect.add(Title::new(format!(
                        "shared value: {}",
                        v.as_ref().map(ToString::to_string).unwrap_or_default()
                    )));
                    body = body.add(rect);
                }
                let colour = if v.is_some() { o.fg() } else { o.fg().tint(0.55) };
                let block = cell.at_box(x + pad, y + pad);
                let below = block.bbox().y1 + 4.0;
                body = body.add(block.element(colour));
                if let Some(v) = v {
                    body = draw_scale(body, d, v, x + pad, below, col_w - 2.0 * pad, fs, o);
                }
            }
            if all_agree {
                let mx = left + label_w + col_w * n + mark_w / 2.0;
                let tick = TextBlock::new(vec!["✓".to_owned()], fs * 1.2, true).anchored(
                    Anchor::Middle,
                    mx,
                    y + pad + super::ASCENT * fs * 1.2,
                );
                body = body.add(tick.element(Colour::rgb(0x1a, 0x7f, 0x37)));
            }
            y += row_h;
            body = body.add(
                Line::new()
                    .set("x1", num(left))
                    .set("x2", num(width - 12.0))
                    .set("y1", num(y))
                    .set("y2", num(y))
                    .set("stroke", o.fg().tint(0.8).to_string()),
            );
        }

        // Legend and caption.
        y += 10.0;
        let cs = fs * 0.85;
        let note = "Values in the talk's wording; — : the sources say nothing. Cells of one colour in a row share a \
                    value; ✓ : every case agrees. Dots place ordered values on their scale (lowest on the left); \
                    L R N G: the local, regional, national and global linkages present.";
        let caption = TextBlock::new(wrap(note, cs, false, width - 24.0), cs, false).at_box(left, y);
        y += caption.height() + 12.0;
        let mut doc = document(width, y, &format!("Comparison: {}", self.title), o);
        doc = doc.add(title.element(o.fg())).add(body).add(caption.element(o.fg().tint(0.2)));
        doc
    }
}

/// For each case, the index of the group of cases sharing its value (in
/// order of first appearance), or `None` for a value no other case has
/// (or no value).
fn shared_groups(values: &[Option<DimensionValue>]) -> Vec<Option<usize>> {
    let mut distinct: Vec<&DimensionValue> = Vec::new();
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        let shared = v.as_ref().filter(|v| values.iter().flatten().filter(|w| w == v).count() > 1);
        out.push(shared.map(|v| match distinct.iter().position(|d| *d == v) {
            Some(i) => i,
            None => {
                distinct.push(v);
                distinct.len() - 1
            }
        }));
    }
    out
}

/// Whether a dimension's cells carry a scale strip.
fn has_scale(d: Dimension) -> bool {
    d.levels().is_some() || d == Dimension::EconomicLinkages
}

/// The names of an ordinal dimension's levels, lowest first.
fn level_names(d: Dimension) -> Vec<&'static str> {
    match d {
        Dimension::IndustryRelation => IndustryRelation::ALL.iter().map(|v| v.label()).collect(),
        Dimension::RiskLevel => RiskLevel::ALL.iter().map(|v| v.label()).collect(),
        _ => Vec::new(),
    }
}

/// The strip under a cell: the position on an ordinal scale, or which
/// scales a set of linkages covers.
#[allow(clippy::too_many_arguments)]
fn draw_scale(
    mut body: svg::node::element::Group,
    d: Dimension,
    v: &DimensionValue,
    x: f64,
    y: f64,
    w: f64,
    fs: f64,
    o: &Options,
) -> svg::node::element::Group {
    let mid = y + fs * 0.6;
    if let (Some(levels), Some(rank)) = (d.levels(), v.rank()) {
        let span = (w * 0.6).min(fs * 10.0);
        let step = if levels > 1 { span / (levels - 1) as f64 } else { 0.0 };
        body = body.add(
            Line::new()
                .set("x1", num(x))
                .set("x2", num(x + span))
                .set("y1", num(mid))
                .set("y2", num(mid))
                .set("stroke", o.fg().tint(0.6).to_string()),
        );
        let names = level_names(d);
        for k in 0..levels {
            let tx = x + step * k as f64;
            let mut tick = Circle::new()
                .set("cx", num(tx))
                .set("cy", num(mid))
                .set("r", if k == rank { "5" } else { "2.5" })
                .set("fill", if k == rank { o.fg().to_string() } else { o.fg().tint(0.6).to_string() });
            if let Some(name) = names.get(k) {
                tick = tick.add(Title::new((*name).to_owned()));
            }
            body = body.add(tick);
        }
        let pos = TextBlock::new(vec![format!("{} of {levels}", rank + 1)], fs * 0.8, false)
            .at_box(x + span + 8.0, mid - (super::ASCENT + super::DESCENT) * fs * 0.4);
        body = body.add(pos.element(o.fg().tint(0.35)));
    } else if let DimensionValue::EconomicLinkages(set) = v {
        let size = fs * 1.25;
        for (k, s) in [Scale::Local, Scale::Regional, Scale::National, Scale::Global].iter().enumerate() {
            let bx = x + k as f64 * (size + 4.0);
            let on = set.contains(s);
            body = body.add(
                Rectangle::new()
                    .set("x", num(bx))
                    .set("y", num(mid - size / 2.0))
                    .set("width", num(size))
                    .set("height", num(size))
                    .set("rx", "2")
                    .set("fill", if on { o.fg().tint(0.15).to_string() } else { o.bg().to_string() })
                    .set("stroke", o.fg().tint(0.5).to_string())
                    .add(Title::new(s.label().to_owned())),
            );
            let letter = s.label().chars().next().map(String::from).unwrap_or_default();
            let t = TextBlock::new(vec![letter], fs * 0.75, true).anchored(
                Anchor::Middle,
                bx + size / 2.0,
                mid + fs * 0.75 * 0.36,
            );
            body = body.add(t.element(if on { o.bg() } else { o.fg().tint(0.5) }));
        }
    }
    body
}

impl super::sealed::Render for ComparisonFigure {
    fn render(&self, options: &Options) -> svg::Document {
        ComparisonFigure::render(self, options)
    }
}

impl super::Figure for ComparisonFigure {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dimension::RiskLevel;

    #[test]
    fn groups_mark_shared_values_only() {
        let hi = Some(DimensionValue::RiskLevel(RiskLevel::High));
        let lo = Some(DimensionValue::RiskLevel(RiskLevel::Low));
        assert_eq!(shared_groups(&[hi.clone(), lo.clone(), hi.clone(), None]), vec![Some(0), None, Some(0), None]);
        assert_eq!(shared_groups(&[lo.clone(), lo]), vec![Some(0), Some(0)]);
        assert_eq!(shared_groups(&[None, None]), vec![None, None]);
    }
}
