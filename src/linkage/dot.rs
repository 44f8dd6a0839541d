//! DOT export of linkage graphs, for Graphviz (`dot -Tsvg graph.dot`).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write;

use super::{ActorKind, LinkageGraph};
use crate::{Error, Scale};

/// Shape and fill colour of an actor kind.
fn node_style(kind: ActorKind) -> (&'static str, &'static str) {
    match kind {
        ActorKind::LocalGovernment => ("house", "#f4cccc"),
        ActorKind::HigherGovernment => ("house", "#e06666"),
        ActorKind::CollectiveEnterprise => ("box", "#fff2cc"),
        ActorKind::PrivateFirm => ("box", "#d9ead3"),
        ActorKind::HouseholdFirm => ("box", "#b6d7a8"),
        ActorKind::ForeignInvestedFirm => ("box", "#cfe2f3"),
        ActorKind::University => ("tab", "#d9d2e9"),
        ActorKind::ResearchInstitute => ("tab", "#b4a7d6"),
        ActorKind::BusinessAssociation => ("hexagon", "#fce5cd"),
        ActorKind::IndustrialPark => ("component", "#eeeeee"),
        ActorKind::ServiceCentre => ("octagon", "#d0e0e3"),
        ActorKind::TalentNetwork => ("ellipse", "#ead1dc"),
        ActorKind::FinancialInstitution => ("cylinder", "#ffe599"),
        ActorKind::Place => ("ellipse", "#ffffff"),
        ActorKind::SpecialisedMarket => ("trapezium", "#f9cb9c"),
        ActorKind::StateOwnedEnterprise => ("box", "#ea9999"),
        ActorKind::SalesNetwork => ("ellipse", "#f6b26b"),
        ActorKind::OverseasBuyer => ("invtrapezium", "#a4c2f4"),
        ActorKind::Workforce => ("house", "#e6b8af"),
    }
}

/// Colour, colour name, line style and pen width of a scale.
fn edge_style(scale: Scale) -> (&'static str, &'static str, &'static str, &'static str) {
    match scale {
        Scale::Local => ("#38761d", "green", "dotted", "1.0"),
        Scale::Regional => ("#1155cc", "blue", "dashed", "1.5"),
        Scale::National => ("#e69138", "orange", "solid", "2.0"),
        Scale::Global => ("#cc0000", "red", "bold", "2.5"),
    }
}

/// A double-quoted DOT string: `\` and `"` escaped, line breaks as `\n`.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The legend of the edge styles, one line per scale.
fn scale_legend() -> String {
    Scale::ALL
        .iter()
        .map(|&s| {
            let (_, colour, style, _) = edge_style(s);
            format!("{} {style} {colour}", s.id())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// DOT export.
///
/// DOT export of linkage graphs, for Graphviz (`dot -Tsvg graph.dot`).
///
/// # Format
///
/// One `digraph` named after the focal town. Every id and label is a
/// double-quoted DOT string with `\` and `"` escaped and line breaks
/// written as `\n`, so any actor name (quotes, `<`, `&`, Chinese
/// characters…) is safe; the text is UTF-8, Graphviz's default charset.
///
/// - **Nodes** are actors, labelled with their name; their **shape and fill
///   colour show the [`ActorKind`]** (governments are houses, firms boxes,
///   universities and institutes tabs, places ellipses…).
/// - **Edges** are linkages, labelled with their
///   [`LinkageKind`](super::LinkageKind); their
///   **colour, line style and width show the [`Scale`]**: local green
///   dotted, regional blue dashed, national orange solid, global red bold.
///
/// A comment block at the top of the file lists the styles of every kind
/// and scale present, and the graph's caption repeats the edge legend.
///
/// # Example
///
/// ```
/// use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
///
/// let (tw, gov) = (ActorId::new("tw")?, ActorId::new("gov")?);
/// let g = LinkageGraph::builder(TownId::new("kunshan")?)
///     .actor(Actor::new(tw.clone(), "Taiwanese \"Taishang\" investors", ActorKind::ForeignInvestedFirm)?)
///     .actor(Actor::new(gov.clone(), "昆山市政府", ActorKind::LocalGovernment)?)
///     .linkage(tw, gov, Linkage::new(LinkageKind::Investment, Scale::Global, SourceId::new("qiao-talk")?))
///     .build()?;
/// let dot = g.to_dot_string();
/// assert!(dot.contains(r#""tw" [label="Taiwanese \"Taishang\" investors""#));
/// assert!(dot.contains(r##""tw" -> "gov" [label="Investment", color="#cc0000", style="bold", penwidth=2.5]"##));
/// # Ok::<(), regdev::Error>(())
/// ```
impl LinkageGraph {
    /// The graph in Graphviz's DOT language; format and styles
    /// under the DOT methods of [`LinkageGraph`].
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, LinkageGraph, TownId};
    /// let g = LinkageGraph::builder(TownId::new("shunde")?)
    ///     .actor(Actor::new(ActorId::new("hk")?, "Hong Kong \\ 香港", ActorKind::Place)?)
    ///     .build()?;
    /// let dot = g.to_dot_string();
    /// assert!(dot.contains(r#"digraph "shunde" {"#));
    /// assert!(dot.contains(r#""hk" [label="Hong Kong \\ 香港", shape=ellipse"#));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn to_dot_string(&self) -> String {
        let mut s = String::new();
        // Writing to a String cannot fail; `let _` discards the always-Ok results.
        let _ = self.write_dot_fmt(&mut s);
        s
    }

    /// Writes the graph in Graphviz's DOT language to `out`; see
    /// [`to_dot_string`](LinkageGraph::to_dot_string).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if writing to `out` fails.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{LinkageGraph, TownId};
    /// let mut out = Vec::new();
    /// LinkageGraph::builder(TownId::new("t")?).build()?.write_dot(&mut out)?;
    /// assert!(String::from_utf8_lossy(&out).contains("digraph"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn write_dot(&self, mut out: impl Write) -> Result<(), Error> {
        let io = |e: std::io::Error| Error::Io { operation: "writing DOT", message: e.to_string() };
        out.write_all(self.to_dot_string().as_bytes()).map_err(io)?;
        out.flush().map_err(io)
    }

    fn write_dot_fmt(&self, s: &mut String) -> std::fmt::Result {
        let town = self.focal_town().as_str();
        writeln!(s, "// Linkage graph of '{town}', written by regdev.")?;
        writeln!(s, "// Legend. Node shape and fill colour show the actor kind:")?;
        let kinds: BTreeSet<ActorKind> = self.actors().map(|a| a.kind()).collect();
        for kind in &kinds {
            let (shape, fill) = node_style(*kind);
            writeln!(s, "//   {:<22} {shape} filled {fill}", kind.id())?;
        }
        writeln!(s, "// Edge colour, line style and width show the scale:")?;
        for scale in Scale::ALL {
            let (colour, _, style, width) = edge_style(*scale);
            writeln!(s, "//   {:<22} {colour} {style} penwidth {width}", scale.id())?;
        }
        writeln!(s, "// Edge labels name the linkage kind.")?;
        writeln!(s, "digraph {} {{", quoted(town))?;
        let caption = format!("Linkage graph of {town}. Edges by scale: {}", scale_legend());
        writeln!(s, "  graph [label={}, labelloc=b, fontsize=10, rankdir=LR];", quoted(&caption))?;
        writeln!(s, "  node [style=filled, fontsize=11];")?;
        writeln!(s, "  edge [fontsize=9];")?;
        for actor in self.actors() {
            let (shape, fill) = node_style(actor.kind());
            let tooltip = format!(
                "{} ({}){}",
                actor.name(),
                actor.kind(),
                actor.place().map(|p| format!(", {}", p.as_str())).unwrap_or_default()
            );
            writeln!(
                s,
                "  {} [label={}, shape={shape}, fillcolor=\"{fill}\", tooltip={}];",
                quoted(actor.id().as_str()),
                quoted(actor.name()),
                quoted(&tooltip)
            )?;
        }
        for (from, to, linkage) in self.linkages() {
            let (colour, _, style, width) = edge_style(linkage.scale());
            writeln!(
                s,
                "  {} -> {} [label={}, color=\"{colour}\", style=\"{style}\", penwidth={width}];",
                quoted(from.as_str()),
                quoted(to.as_str()),
                quoted(linkage.kind().label())
            )?;
        }
        writeln!(s, "}}")
    }
}
