//! Figures: the linkage graph on scale rings, the comparison table as a
//! picture, the Gower distance heatmap with its dendrogram, and a
//! self-contained HTML report (feature `figures`).
//!
//! A public module, a namespace behind a feature: the figure types and
//! their [`Options`] and [`Colour`].
//!
//! Every figure is SVG 1.1, returned as a `String` ([`Figure::to_svg`]) or
//! written to any [`std::io::Write`] ([`Figure::write_svg`]). Output is deterministic: the same
//! input and [`Options`] give the same bytes. Text is real SVG text (not
//! paths), set in DejaVu Sans or the nearest sans-serif the viewer has;
//! label boxes are measured with DejaVu Sans's advance widths so that
//! labels do not overlap.
//!
//! - [`GraphFigure`]: actors on rings by [`Scale`](crate::Scale) (local at
//!   the centre, then regional, national, global), coloured by
//!   [`ActorKind`], linkages coloured and dashed by
//!   [`LinkageKind`] with arrowheads, non-cooperative
//!   [`Valence`] marked and ended linkages faded, a legend and a caption
//!   naming the town and the sources.
//! - [`ComparisonFigure`]: dimensions as rows, one column per town or
//!   archetype, agreement marked, ordinal values placed on their scale.
//! - [`DistanceFigure`]: Gower distances as a heatmap, ordered by an
//!   average-linkage dendrogram (kodama), archetypes marked.
//! - [`Report`]: one HTML file with the comparison, the linkage figures,
//!   the classifications with coverage, derived rows, audit findings and
//!   cited sources; no network, no JavaScript.
//!
//! The SVG elements are built with the [`svg`] crate, which escapes text
//! and writes attributes in a fixed order.
//!
//! # Example
//!
//! ```
//! use regdev::figure::{Figure, GraphFigure, Options};
//!
//! let atlas = regdev::Atlas::builtin();
//! let svg = GraphFigure::from_atlas(atlas, "kunshan")?.to_svg(&Options::default());
//! assert!(svg.starts_with("<svg"));
//! assert!(svg.contains("Taiwanese investors"));
//! # Ok::<(), regdev::Error>(())
//! ```

mod compare;
mod distance;
mod graph;
mod report;

use std::io;

use svg::Node;
use svg::node::element::{Rectangle, TSpan, Text};

use crate::{ActorKind, Error, LinkageKind, Valence};

pub use compare::ComparisonFigure;
pub use distance::DistanceFigure;
pub use graph::GraphFigure;
pub use report::Report;

mod sealed {
    /// Draws a figure as an SVG document tree; the one method each figure
    /// implements, kept out of the public API (the `svg` crate's types are
    /// an implementation detail).
    #[allow(unreachable_pub)]
    pub trait Render {
        /// The figure's SVG document under `options`.
        fn render(&self, options: &super::Options) -> svg::Document;

        /// [`render`](Render::render), reporting the items drawn to
        /// `progress`; a figure that counts nothing reports one item.
        fn render_with_progress(&self, options: &super::Options, progress: &mut dyn crate::Progress) -> svg::Document {
            progress.update(0, 1);
            let doc = self.render(options);
            progress.update(1, 1);
            doc
        }
    }
}

/// An SVG figure: [`GraphFigure`], [`ComparisonFigure`] and
/// [`DistanceFigure`] draw themselves and get these two outputs from this
/// trait, so every figure is returned and written the same way. Import it
/// to call them (`use regdev::figure::Figure;`). The trait is sealed: the
/// figures are the crate's.
///
/// # Example
///
/// ```
/// use regdev::figure::{ComparisonFigure, DistanceFigure, Figure, GraphFigure, Options};
///
/// let atlas = regdev::Atlas::builtin();
/// let o = Options::default();
/// let figures: [&dyn Fn() -> Result<String, regdev::Error>; 3] = [
///     &|| Ok(GraphFigure::from_atlas(atlas, "kunshan")?.to_svg(&o)),
///     &|| Ok(ComparisonFigure::from_atlas(atlas, &["kunshan", "shunde"])?.to_svg(&o)),
///     &|| Ok(DistanceFigure::from_atlas(atlas, &[])?.to_svg(&o)),
/// ];
/// for figure in figures {
///     assert!(figure()?.starts_with("<svg"));
/// }
/// # Ok::<(), regdev::Error>(())
/// ```
pub trait Figure: sealed::Render {
    /// The SVG document as a string, ending in a newline. The same figure
    /// and options always give the same string.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::{Figure, GraphFigure, Options};
    /// let figure = GraphFigure::from_atlas(regdev::Atlas::builtin(), "kunshan")?;
    /// assert_eq!(figure.to_svg(&Options::default()), figure.to_svg(&Options::default()));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    fn to_svg(&self, options: &Options) -> String {
        document_string(&self.render(options))
    }

    /// [`to_svg`](Figure::to_svg), reporting the items drawn to `progress`
    /// (see [`Progress`](crate::Progress)): the linkages and actors of a
    /// [`GraphFigure`], the cells of a [`DistanceFigure`] (a row at a
    /// time), one item for a [`ComparisonFigure`]. The same string as
    /// `to_svg`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::{Figure, GraphFigure, Options};
    /// let figure = GraphFigure::from_atlas(regdev::Atlas::builtin(), "kunshan")?;
    /// let mut seen = Vec::new();
    /// let svg = figure.to_svg_with_progress(&Options::default(), |d, t| seen.push((d, t)));
    /// assert_eq!(svg, figure.to_svg(&Options::default()));
    /// let total = seen[0].1;
    /// assert_eq!(seen.last(), Some(&(total, total)));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    fn to_svg_with_progress(&self, options: &Options, mut progress: impl crate::Progress) -> String
    where
        Self: Sized,
    {
        document_string(&self.render_with_progress(options, &mut progress))
    }

    /// Writes the SVG document, the bytes of [`to_svg`](Figure::to_svg),
    /// to `out`.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when writing fails.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::{DistanceFigure, Figure, Options};
    /// let figure = DistanceFigure::from_atlas(regdev::Atlas::builtin(), &[])?;
    /// let mut out = Vec::new();
    /// figure.write_svg(&mut out, &Options::default())?;
    /// assert_eq!(out, figure.to_svg(&Options::default()).into_bytes());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    fn write_svg<W: io::Write>(&self, out: W, options: &Options) -> Result<(), Error>
    where
        Self: Sized,
    {
        write_document(&self.render(options), out)
    }

    /// [`write_svg`](Figure::write_svg), reporting the items drawn to
    /// `progress` as [`to_svg_with_progress`](Figure::to_svg_with_progress)
    /// does; the text is then written to `out` as it is formatted (a
    /// program can count the bytes written for a second bar: the text of
    /// a large heatmap takes as long as drawing it).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when writing fails.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::{DistanceFigure, Figure, Options};
    /// let figure = DistanceFigure::from_atlas(regdev::Atlas::builtin(), &[])?;
    /// let (mut out, mut last) = (Vec::new(), (0, 0));
    /// figure.write_svg_with_progress(&mut out, &Options::default(), |d, t| last = (d, t))?;
    /// assert_eq!(out, figure.to_svg(&Options::default()).into_bytes());
    /// let n = figure.labels().len() as u64;
    /// assert_eq!(last, (n * n, n * n));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    fn write_svg_with_progress<W: io::Write>(
        &self,
        out: W,
        options: &Options,
        mut progress: impl crate::Progress,
    ) -> Result<(), Error>
    where
        Self: Sized,
    {
        write_document(&self.render_with_progress(options, &mut progress), out)
    }
}

/// An sRGB colour, written `#rrggbb`.
///
/// # Example
///
/// ```
/// use regdev::figure::Colour;
/// let c: Colour = "#1F77b4".parse()?;
/// assert_eq!(c.to_string(), "#1f77b4");
/// assert_eq!(Colour::rgb(255, 0, 0).to_string(), "#ff0000");
/// assert!("red".parse::<Colour>().is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour {
    r: u8,
    g: u8,
    b: u8,
}

impl Colour {
    /// A colour from its red, green and blue components.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::figure::Colour::rgb(0, 128, 255).to_string(), "#0080ff");
    /// ```
    #[must_use]
    pub const fn rgb(r: u8, g: u8, b: u8) -> Colour {
        Colour { r, g, b }
    }

    /// The red, green and blue components.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::figure::Colour::rgb(1, 2, 3).components(), (1, 2, 3));
    /// ```
    #[must_use]
    pub const fn components(self) -> (u8, u8, u8) {
        (self.r, self.g, self.b)
    }

    /// Mixes with white: `amount` 0 keeps the colour, 1 gives white.
    pub(crate) fn tint(self, amount: f64) -> Colour {
        let a = amount.clamp(0.0, 1.0);
        let mix = |c: u8| -> u8 {
            let v = f64::from(c) + (255.0 - f64::from(c)) * a;
            // In 0..=255 by construction.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let v = v.round().clamp(0.0, 255.0) as u8;
            v
        };
        Colour { r: mix(self.r), g: mix(self.g), b: mix(self.b) }
    }
}

impl core::fmt::Display for Colour {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl core::str::FromStr for Colour {
    type Err = Error;

    /// Parses `#rrggbb` (either case).
    fn from_str(s: &str) -> Result<Colour, Error> {
        let bad = || Error::Parse {
            format: "colour",
            path: None,
            line: None,
            column: None,
            message: format!("'{}' is not of the form #rrggbb", s.chars().take(20).collect::<String>()),
        };
        let hex = s.strip_prefix('#').ok_or_else(bad)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let part = |i: usize| hex.get(i..i + 2).and_then(|p| u8::from_str_radix(p, 16).ok()).ok_or_else(bad);
        Ok(Colour { r: part(0)?, g: part(2)?, b: part(4)? })
    }
}

/// Colours for actor kinds, in [`ActorKind::ALL`] order (cycled for kinds
/// added later): Tableau 20, dark shades first.
const KIND_PALETTE: [Colour; 20] = [
    Colour::rgb(0x1f, 0x77, 0xb4),
    Colour::rgb(0xff, 0x7f, 0x0e),
    Colour::rgb(0x2c, 0xa0, 0x2c),
    Colour::rgb(0xd6, 0x27, 0x28),
    Colour::rgb(0x94, 0x67, 0xbd),
    Colour::rgb(0x8c, 0x56, 0x4b),
    Colour::rgb(0xe3, 0x77, 0xc2),
    Colour::rgb(0x7f, 0x7f, 0x7f),
    Colour::rgb(0xbc, 0xbd, 0x22),
    Colour::rgb(0x17, 0xbe, 0xcf),
    Colour::rgb(0x39, 0x3b, 0x79),
    Colour::rgb(0x63, 0x79, 0x39),
    Colour::rgb(0x8c, 0x6d, 0x31),
    Colour::rgb(0x84, 0x3c, 0x39),
    Colour::rgb(0x7b, 0x41, 0x73),
    Colour::rgb(0x52, 0x54, 0xa3),
    Colour::rgb(0xad, 0x49, 0x4a),
    Colour::rgb(0x6b, 0x6e, 0xcf),
    Colour::rgb(0xb5, 0xcf, 0x6b),
    Colour::rgb(0xe7, 0xba, 0x52),
];

/// Colours for linkage kinds, in [`LinkageKind::ALL`] order (Okabe–Ito,
/// distinguishable with the common colour-vision deficiencies).
const LINKAGE_PALETTE: [Colour; 8] = [
    Colour::rgb(0xd5, 0x5e, 0x00),
    Colour::rgb(0x00, 0x72, 0xb2),
    Colour::rgb(0x00, 0x9e, 0x73),
    Colour::rgb(0xcc, 0x79, 0xa7),
    Colour::rgb(0xe6, 0x9f, 0x00),
    Colour::rgb(0x56, 0xb4, 0xe9),
    Colour::rgb(0x44, 0x44, 0x44),
    Colour::rgb(0x8b, 0x6f, 0x00),
];

/// Marks for linkage valences, in [`Valence::ALL`] order: cooperative
/// (not drawn), conflictual (red), regulatory (purple).
const VALENCE_PALETTE: [Colour; 3] =
    [Colour::rgb(0x2c, 0xa0, 0x2c), Colour::rgb(0xc8, 0x10, 0x2e), Colour::rgb(0x6a, 0x3d, 0x9a)];

/// The colour of `key`: its override if one is set, else the palette
/// entry at `key`'s place in `all` (cycled when the vocabulary outgrows
/// the palette).
fn colour_for<K: Copy + PartialEq>(overrides: &[(K, Colour)], all: &[K], palette: &[Colour], key: K) -> Colour {
    if let Some((_, c)) = overrides.iter().find(|(k, _)| *k == key) {
        return *c;
    }
    let i = all.iter().position(|k| *k == key).unwrap_or(0);
    palette.get(i % palette.len().max(1)).copied().unwrap_or(Colour::rgb(0x7f, 0x7f, 0x7f))
}

/// Sets (or replaces) the override of `key`.
fn set_colour<K: PartialEq>(overrides: &mut Vec<(K, Colour)>, key: K, colour: Colour) {
    overrides.retain(|(k, _)| *k != key);
    overrides.push((key, colour));
}

/// Colours and sizes shared by every figure.
///
/// # Example
///
/// ```
/// use regdev::figure::{Colour, Options};
/// use regdev::ActorKind;
///
/// let options = Options::default()
///     .size(900.0)?
///     .font_size(13.0)?
///     .actor_colour(ActorKind::University, Colour::rgb(0, 0, 0));
/// assert_eq!(options.get_size(), 900.0);
/// assert_eq!(options.colour_of_actor(ActorKind::University), Colour::rgb(0, 0, 0));
/// assert!(Options::default().size(10.0).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    size: f64,
    font_size: f64,
    background: Colour,
    foreground: Colour,
    actor_colours: Vec<(ActorKind, Colour)>,
    linkage_colours: Vec<(LinkageKind, Colour)>,
    valence_colours: Vec<(Valence, Colour)>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            size: 760.0,
            font_size: 12.0,
            background: Colour::rgb(0xff, 0xff, 0xff),
            foreground: Colour::rgb(0x22, 0x22, 0x22),
            actor_colours: Vec::new(),
            linkage_colours: Vec::new(),
            valence_colours: Vec::new(),
        }
    }
}

impl Options {
    /// The smallest accepted [`Options::size`], in pixels.
    pub const MIN_SIZE: f64 = 300.0;
    /// The largest accepted [`Options::size`], in pixels.
    pub const MAX_SIZE: f64 = 10_000.0;

    /// The default options: 760 px, 12 px text, dark text on white.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::figure::Options::new(), regdev::figure::Options::default());
    /// ```
    #[must_use]
    pub fn new() -> Options {
        Options::default()
    }

    /// The main drawing size in pixels: the side of the graph figure's
    /// ring area, the width of the other figures (they grow when their
    /// content needs more room).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for a size that is not finite or outside
    /// [`Options::MIN_SIZE`]`..=`[`Options::MAX_SIZE`].
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::figure::Options::new().size(f64::NAN).is_err());
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn size(mut self, pixels: f64) -> Result<Options, Error> {
        if !(Options::MIN_SIZE..=Options::MAX_SIZE).contains(&pixels) {
            return Err(Error::OutOfRange {
                setting: "figure size (px)",
                min: Options::MIN_SIZE,
                max: Options::MAX_SIZE,
                value: pixels,
            });
        }
        self.size = pixels;
        Ok(self)
    }

    /// The base text size in pixels (titles are larger, notes smaller).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for a size that is not finite or outside 6..=40 px.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(regdev::figure::Options::new().font_size(2.0).is_err());
    /// assert_eq!(regdev::figure::Options::new().font_size(14.0)?.get_font_size(), 14.0);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn font_size(mut self, pixels: f64) -> Result<Options, Error> {
        if !(6.0..=40.0).contains(&pixels) {
            return Err(Error::OutOfRange { setting: "font size (px)", min: 6.0, max: 40.0, value: pixels });
        }
        self.font_size = pixels;
        Ok(self)
    }

    /// The background colour.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::{Colour, Options};
    /// assert!(Options::new().background(Colour::rgb(250, 250, 240)).to_string_hint().contains("#fafaf0"));
    /// ```
    #[must_use]
    pub fn background(mut self, colour: Colour) -> Options {
        self.background = colour;
        self
    }

    /// The colour of text and outlines.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::{Colour, Options};
    /// assert!(Options::new().text_colour(Colour::rgb(0, 0, 0)).to_string_hint().contains("#000000"));
    /// ```
    #[must_use]
    pub fn text_colour(mut self, colour: Colour) -> Options {
        self.foreground = colour;
        self
    }

    /// The fill of actors of `kind` (the default palette is Tableau 20).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::{Colour, Options};
    /// use regdev::ActorKind;
    /// let o = Options::new().actor_colour(ActorKind::Place, Colour::rgb(9, 9, 9));
    /// assert_eq!(o.colour_of_actor(ActorKind::Place), Colour::rgb(9, 9, 9));
    /// ```
    #[must_use]
    pub fn actor_colour(mut self, kind: ActorKind, colour: Colour) -> Options {
        set_colour(&mut self.actor_colours, kind, colour);
        self
    }

    /// The stroke of linkages of `kind` (the default palette is
    /// Okabe–Ito).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::{Colour, Options};
    /// use regdev::LinkageKind;
    /// let o = Options::new().linkage_colour(LinkageKind::Supply, Colour::rgb(9, 9, 9));
    /// assert_eq!(o.colour_of_linkage(LinkageKind::Supply), Colour::rgb(9, 9, 9));
    /// ```
    #[must_use]
    pub fn linkage_colour(mut self, kind: LinkageKind, colour: Colour) -> Options {
        set_colour(&mut self.linkage_colours, kind, colour);
        self
    }

    /// The mark of non-cooperative linkages of `valence` in the graph
    /// figure: a casing under the line and a symbol at its middle (red
    /// for conflictual, purple for regulatory by default; cooperative
    /// linkages carry no mark).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::{Colour, Options};
    /// use regdev::Valence;
    /// let o = Options::new().valence_colour(Valence::Conflictual, Colour::rgb(9, 9, 9));
    /// assert_eq!(o.colour_of_valence(Valence::Conflictual), Colour::rgb(9, 9, 9));
    /// ```
    #[must_use]
    pub fn valence_colour(mut self, valence: Valence, colour: Colour) -> Options {
        set_colour(&mut self.valence_colours, valence, colour);
        self
    }

    /// The drawing size in pixels.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::figure::Options::new().get_size(), 760.0);
    /// ```
    #[must_use]
    pub fn get_size(&self) -> f64 {
        self.size
    }

    /// The base text size in pixels.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::figure::Options::new().get_font_size(), 12.0);
    /// ```
    #[must_use]
    pub fn get_font_size(&self) -> f64 {
        self.font_size
    }

    /// The fill used for actors of `kind`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::Options;
    /// use regdev::ActorKind;
    /// let o = Options::new();
    /// assert_ne!(o.colour_of_actor(ActorKind::University), o.colour_of_actor(ActorKind::PrivateFirm));
    /// ```
    #[must_use]
    pub fn colour_of_actor(&self, kind: ActorKind) -> Colour {
        colour_for(&self.actor_colours, ActorKind::ALL, &KIND_PALETTE, kind)
    }

    /// The stroke used for linkages of `kind`.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::Options;
    /// use regdev::LinkageKind;
    /// let o = Options::new();
    /// assert_ne!(o.colour_of_linkage(LinkageKind::Investment), o.colour_of_linkage(LinkageKind::Governance));
    /// ```
    #[must_use]
    pub fn colour_of_linkage(&self, kind: LinkageKind) -> Colour {
        colour_for(&self.linkage_colours, LinkageKind::ALL, &LINKAGE_PALETTE, kind)
    }

    /// The mark of linkages of `valence` (see [`Options::valence_colour`]).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::Options;
    /// use regdev::Valence;
    /// let o = Options::new();
    /// assert_ne!(o.colour_of_valence(Valence::Conflictual), o.colour_of_valence(Valence::Regulatory));
    /// ```
    #[must_use]
    pub fn colour_of_valence(&self, valence: Valence) -> Colour {
        colour_for(&self.valence_colours, Valence::ALL, &VALENCE_PALETTE, valence)
    }

    /// A short description of the colours, for messages and tests.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::figure::Options::new().to_string_hint(), "text #222222 on #ffffff, 760 px, 12 px text");
    /// ```
    #[must_use]
    pub fn to_string_hint(&self) -> String {
        format!("text {} on {}, {} px, {} px text", self.foreground, self.background, self.size, self.font_size)
    }

    pub(crate) fn fg(&self) -> Colour {
        self.foreground
    }

    pub(crate) fn bg(&self) -> Colour {
        self.background
    }
}

/// The font stack of every figure; widths are measured for the first.
pub(crate) const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// DejaVu Sans advance widths of ASCII 32..=126, in thousandths of an em.
const ADVANCE: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636,
    636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
    748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
    615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636,
    337, 636, 838,
];

/// DejaVu Sans Bold advance widths of ASCII 32..=126.
const ADVANCE_BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696,
    696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995,
    837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716,
    678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712,
    365, 712, 838,
];

/// The estimated advance width of `text` at `size` px: DejaVu Sans
/// metrics for ASCII, one em for CJK and other wide characters, 0.7 em
/// otherwise; 4% added for renderers that fall back to a wider face.
pub(crate) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let table = if bold { &ADVANCE_BOLD } else { &ADVANCE };
    let em: f64 = text
        .chars()
        .map(|c| {
            let code = u32::from(c);
            match code.checked_sub(32).and_then(|i| table.get(i as usize)) {
                Some(w) => f64::from(*w) / 1000.0,
                None if is_wide(c) => 1.0,
                None => 0.7,
            }
        })
        .sum();
    em * size * 1.04
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Splits a word wider than `max` px after its hyphens, then between
/// characters, into pieces that fit.
fn split_word(word: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    if text_width(word, size, bold) <= max {
        return vec![word.to_owned()];
    }
    let mut pieces: Vec<String> = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        let mut next = piece.clone();
        next.push(c);
        if !piece.is_empty() && text_width(&next, size, bold) > max {
            pieces.push(std::mem::take(&mut piece));
            piece.push(c);
        } else {
            piece = next;
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    // Prefer breaking after a hyphen when the hyphenated parts fit.
    let parts: Vec<String> = word.split_inclusive('-').map(str::to_owned).collect();
    if parts.len() > 1 && parts.iter().all(|p| text_width(p, size, bold) <= max) {
        let mut joined: Vec<String> = Vec::new();
        for p in parts {
            match joined.last_mut() {
                Some(last) if text_width(&format!("{last}{p}"), size, bold) <= max => last.push_str(&p),
                _ => joined.push(p),
            }
        }
        return joined;
    }
    pieces
}

/// Greedy word wrap into lines no wider than `max` px; a word wider than
/// that is broken after a hyphen or, failing that, between characters.
pub(crate) fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let words: Vec<String> = text.split_whitespace().flat_map(|w| split_word(w, size, bold, max)).collect();
    for word in &words {
        let word = word.as_str();
        if line.is_empty() {
            line.push_str(word);
            continue;
        }
        // Pieces of a broken word join without a space.
        let joiner = if line.ends_with('-') && !text.contains(&format!("{line} {word}")) { "" } else { " " };
        let candidate = format!("{line}{joiner}{word}");
        if text_width(&candidate, size, bold) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The line height as a multiple of the font size.
pub(crate) const LINE: f64 = 1.25;
/// DejaVu Sans ascent and descent, in ems.
pub(crate) const ASCENT: f64 = 0.93;
pub(crate) const DESCENT: f64 = 0.24;

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    pub(crate) y1: f64,
}

impl Rect {
    pub(crate) fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect { x0: x0.min(x1), y0: y0.min(y1), x1: x0.max(x1), y1: y0.max(y1) }
    }

    pub(crate) fn around(x: f64, y: f64, r: f64) -> Rect {
        Rect::new(x - r, y - r, x + r, y + r)
    }

    /// Whether the boxes overlap, `pad` px apart counting as overlap.
    pub(crate) fn overlaps(&self, other: &Rect, pad: f64) -> bool {
        self.x0 < other.x1 + pad && other.x0 < self.x1 + pad && self.y0 < other.y1 + pad && other.y0 < self.y1 + pad
    }

    pub(crate) fn inside(&self, outer: &Rect) -> bool {
        self.x0 >= outer.x0 && self.y0 >= outer.y0 && self.x1 <= outer.x1 && self.y1 <= outer.y1
    }
}

/// Horizontal text alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A block of text lines: where it goes and the box it covers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextBlock {
    pub(crate) lines: Vec<String>,
    pub(crate) size: f64,
    pub(crate) bold: bool,
    pub(crate) anchor: Anchor,
    /// The anchor point of the first line's baseline.
    pub(crate) x: f64,
    pub(crate) y: f64,
}

impl TextBlock {
    pub(crate) fn new(lines: Vec<String>, size: f64, bold: bool) -> TextBlock {
        TextBlock { lines, size, bold, anchor: Anchor::Start, x: 0.0, y: 0.0 }
    }

    pub(crate) fn width(&self) -> f64 {
        self.lines.iter().map(|l| text_width(l, self.size, self.bold)).fold(0.0, f64::max)
    }

    pub(crate) fn height(&self) -> f64 {
        let n = self.lines.len().max(1) as f64;
        (n - 1.0) * self.size * LINE + (ASCENT + DESCENT) * self.size
    }

    /// Places the block with its box's top-left corner at (`left`, `top`).
    pub(crate) fn at_box(mut self, left: f64, top: f64) -> TextBlock {
        self.anchor = Anchor::Start;
        self.x = left;
        self.y = top + ASCENT * self.size;
        self
    }

    pub(crate) fn anchored(mut self, anchor: Anchor, x: f64, y: f64) -> TextBlock {
        self.anchor = anchor;
        self.x = x;
        self.y = y;
        self
    }

    pub(crate) fn bbox(&self) -> Rect {
        let w = self.width();
        let x0 = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - w / 2.0,
            Anchor::End => self.x - w,
        };
        let top = self.y - ASCENT * self.size;
        Rect::new(x0, top, x0 + w, top + self.height())
    }

    /// The `<text>` element, one `<tspan>` per line.
    pub(crate) fn element(&self, fill: Colour) -> Text {
        let mut text = Text::new("")
            .set("x", num(self.x))
            .set("y", num(self.y))
            .set("font-size", num(self.size))
            .set("fill", fill.to_string());
        if self.anchor != Anchor::Start {
            text = text.set("text-anchor", self.anchor.svg());
        }
        if self.bold {
            text = text.set("font-weight", "bold");
        }
        if let [only] = self.lines.as_slice() {
            text.append(svg::node::Text::new(only.clone()));
            return text;
        }
        for (i, line) in self.lines.iter().enumerate() {
            let mut span = TSpan::new(line.clone()).set("x", num(self.x));
            if i > 0 {
                span = span.set("dy", num(self.size * LINE));
            }
            text = text.add(span);
        }
        text
    }
}

/// A number for an SVG attribute: at most two decimals, no trailing
/// zeros, `-0` written `0`.
pub(crate) fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

/// The `<svg>` root with size, view box, font and a background.
pub(crate) fn document(width: f64, height: f64, title: &str, options: &Options) -> svg::Document {
    let (w, h) = (width.ceil(), height.ceil());
    svg::Document::new()
        .set("width", num(w))
        .set("height", num(h))
        .set("viewBox", format!("0 0 {} {}", num(w), num(h)))
        .set("font-family", FONT_FAMILY)
        .add(svg::node::element::Title::new(title.to_owned()))
        .add(Rectangle::new().set("width", num(w)).set("height", num(h)).set("fill", options.bg().to_string()))
}

/// Writes a finished document.
pub(crate) fn write_document<W: io::Write>(doc: &svg::Document, out: W) -> Result<(), Error> {
    // Streamed as it is formatted (the text of a large heatmap runs to
    // gigabytes): the bytes of `document_string`.
    use io::Write as _;
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    writeln!(out, "{doc}")
        .and_then(|()| out.flush())
        .map_err(|e| Error::Io { operation: "writing an SVG figure", message: e.to_string() })
}

/// A document as a string, ending in a newline.
pub(crate) fn document_string(doc: &svg::Document) -> String {
    let mut s = doc.to_string();
    s.push('\n');
    s
}

/// A plain group element, for sections of a figure.
pub(crate) fn group(class: &str) -> svg::node::element::Group {
    svg::node::element::Group::new().set("class", class.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_table() {
        let w = text_width("Hi", 10.0, false);
        assert!((w - (0.752 + 0.278) * 10.0 * 1.04).abs() < 1e-9);
        assert!(text_width("昆山", 10.0, false) > text_width("ab", 10.0, false));
    }

    #[test]
    fn wrap_breaks_long_words() {
        let lines = wrap("Foreign-investment-led", 12.0, false, 90.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), "Foreign-investment-led");
        for l in &lines {
            assert!(text_width(l, 12.0, false) <= 90.0, "{l}");
        }
        let lines = wrap("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 12.0, false, 60.0);
        assert!(lines.iter().all(|l| text_width(l, 12.0, false) <= 60.0));
        assert_eq!(lines.concat(), "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    }

    #[test]
    fn wrap_keeps_every_word() {
        let lines = wrap("Kunshan Economic and Technological Development Zone", 12.0, false, 150.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), "Kunshan Economic and Technological Development Zone");
        for l in &lines {
            assert!(text_width(l, 12.0, false) <= 150.0 || !l.contains(' '));
        }
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn colours_round_trip() {
        let c: Colour = "#A0b1C2".parse().unwrap();
        assert_eq!(c.to_string(), "#a0b1c2");
        for bad in ["", "#", "#12345", "#1234567", "#gg0000", "123456", "#12345\u{e9}"] {
            assert!(bad.parse::<Colour>().is_err(), "{bad}");
        }
        assert_eq!(Colour::rgb(0, 0, 0).tint(1.0), Colour::rgb(255, 255, 255));
    }
}
