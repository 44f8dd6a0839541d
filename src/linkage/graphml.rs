//! GraphML export of linkage graphs, for networkx, igraph, Gephi, yEd and
//! Cytoscape.
//!
//! A public module, a namespace: its functions are named for the format
//! (`graphml::write_all`, `graphml::write_each`).
//!
//! # Format
//!
//! A [GraphML 1.0](http://graphml.graphdrawing.org/specification.html)
//! document with typed `<key>` declarations and exactly **one** `<graph
//! edgedefault="directed">`, the form every reader understands (networkx's
//! `read_graphml`, igraph and Gephi read only the first graph of a
//! document). A single linkage graph ([`LinkageGraph::write_graphml`]) is
//! written with the focal town as the graph `id`, one `<node>` per actor
//! (its `id` is the actor id) and one `<edge>` per linkage (ids `e0`, `e1`…
//! in linkage order; parallel linkages stay separate edges, so networkx
//! reads them into a `MultiDiGraph`).
//!
//! | key id | for | `attr.name` | `attr.type` | value | present |
//! |---|---|---|---|---|---|
//! | `node_town` | node | `town` | string | the focal town of the actor's graph | always |
//! | `node_name` | node | `name` | string | [`Actor::name`] | always |
//! | `node_kind` | node | `kind` | string | [`ActorKind`](super::ActorKind) id, e.g. `local_government` | always |
//! | `node_place` | node | `place` | string | [`Actor::place`] | if known |
//! | `node_source` | node | `source_id` | string | [`Actor::source`] | if given |
//! | `edge_town` | edge | `town` | string | the focal town of the linkage's graph | always |
//! | `edge_kind` | edge | `kind` | string | [`LinkageKind`](super::LinkageKind) id, e.g. `investment` | always |
//! | `edge_scale` | edge | `scale` | string | [`Scale`](crate::Scale) id, e.g. `global` | always |
//! | `edge_weight` | edge | `weight` | double | [`Linkage::weight`] | if given |
//! | `edge_since` | edge | `since` | int | [`Linkage::since_year`] | if known |
//! | `edge_until` | edge | `until` | int | [`Linkage::until_year`] | if known |
//! | `edge_valence` | edge | `valence` | string | [`Valence`](super::Valence) id, e.g. `cooperative` | always |
//! | `edge_source` | edge | `source_id` | string | [`Linkage::source`] | always |
//!
//! (The citations are named `source_id`, not `source`, because Gephi and
//! igraph use `source` for an edge's tail.)
//!
//! The document is written with [quick-xml](https://docs.rs/quick-xml)'s
//! event writer, which escapes `<`, `&`, quotes and so on; text is UTF-8.
//! Characters that XML 1.0 cannot carry at all (control characters other
//! than tab, line feed and carriage return, U+FFFE and U+FFFF) are written
//! as U+FFFD.
//!
//! # Several towns
//!
//! [`write_all`] writes the graphs of several towns as **one graph** (id
//! `linkages`): node ids are qualified by the focal town, `kunshan:gov`,
//! so that they are unique across towns (slugs never contain `:`, so the
//! actor id is the part after the colon), edge ids likewise, `kunshan:e0`,
//! and every node and edge carries its `town`. A reader sees all actors of
//! all towns as one (disconnected) network and can split it by `town`.
//!
//! To get one file per town instead, with plain actor ids, use
//! [`write_each`] (`regdev export graphml --per-town DIR`).
//!
//! # Example
//!
//! ```
//! use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
//!
//! let (tw, gov) = (ActorId::new("tw")?, ActorId::new("gov")?);
//! let g = LinkageGraph::builder(TownId::new("kunshan")?)
//!     .actor(Actor::new(tw.clone(), "Taiwanese investors", ActorKind::ForeignInvestedFirm)?.with_place("Taiwan")?)
//!     .actor(Actor::new(gov.clone(), "Kunshan government", ActorKind::LocalGovernment)?)
//!     .linkage(tw, gov, Linkage::new(LinkageKind::Investment, Scale::Global, SourceId::new("qiao-talk")?))
//!     .build()?;
//! let xml = g.to_graphml_string()?;
//! assert!(xml.contains(r#"<key id="node_name" for="node" attr.name="name" attr.type="string"/>"#));
//! assert!(xml.contains(r#"<edge id="e0" source="tw" target="gov">"#));
//! assert!(xml.contains(r#"<data key="edge_scale">global</data>"#));
//! # Ok::<(), regdev::Error>(())
//! ```

use std::collections::HashSet;
use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{Actor, Linkage, LinkageGraph};
use crate::Error;
use crate::id::IdKind;

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// The declared keys: (id, for, attr.name, attr.type).
const KEYS: [(&str, &str, &str, &str); 13] = [
    ("node_town", "node", "town", "string"),
    ("node_name", "node", "name", "string"),
    ("node_kind", "node", "kind", "string"),
    ("node_place", "node", "place", "string"),
    ("node_source", "node", "source_id", "string"),
    ("edge_town", "edge", "town", "string"),
    ("edge_kind", "edge", "kind", "string"),
    ("edge_scale", "edge", "scale", "string"),
    ("edge_weight", "edge", "weight", "double"),
    ("edge_since", "edge", "since", "int"),
    ("edge_until", "edge", "until", "int"),
    ("edge_valence", "edge", "valence", "string"),
    ("edge_source", "edge", "source_id", "string"),
];

const OPERATION: &str = "writing GraphML";

fn io_error(e: std::io::Error) -> Error {
    Error::Io { operation: OPERATION, message: e.to_string() }
}

/// Whether XML 1.0 can carry `c` (its `Char` production; a Rust `char` is
/// never a surrogate).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// Replaces the characters XML 1.0 cannot represent with U+FFFD.
fn xml_text(s: &str) -> std::borrow::Cow<'_, str> {
    let allowed = is_xml_char;
    if s.chars().all(allowed) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().map(|c| if allowed(c) { c } else { '\u{FFFD}' }).collect())
    }
}

/// The graph id of a [`write_all`] document.
pub const ALL_TOWNS_GRAPH_ID: &str = "linkages";

/// Writes several towns' linkage graphs as one GraphML graph (id
/// [`ALL_TOWNS_GRAPH_ID`]), node and edge ids qualified by the focal town
/// (`kunshan:gov`, `kunshan:e0`), every node and edge with its `town`; see
/// the [module docs](self).
///
/// # Errors
///
/// [`Error::DuplicateId`] (kind town) if two graphs have the same focal
/// town, since their ids would clash; [`Error::Io`] if writing fails.
///
/// # Example
///
/// ```
/// use regdev::{Actor, ActorId, ActorKind, LinkageGraph, TownId};
/// let a = LinkageGraph::builder(TownId::new("kunshan")?)
///     .actor(Actor::new(ActorId::new("gov")?, "Government", ActorKind::LocalGovernment)?)
///     .build()?;
/// let b = LinkageGraph::builder(TownId::new("shunde")?)
///     .actor(Actor::new(ActorId::new("gov")?, "Government", ActorKind::LocalGovernment)?)
///     .build()?;
/// let mut out = Vec::new();
/// regdev::graphml::write_all([&a, &b], &mut out)?;
/// let xml = String::from_utf8_lossy(&out);
/// assert_eq!(xml.matches("<graph ").count(), 1);
/// assert!(xml.contains(r#"<node id="kunshan:gov">"#) && xml.contains(r#"<node id="shunde:gov">"#));
/// assert!(xml.contains(r#"<data key="node_town">shunde</data>"#));
/// assert!(regdev::graphml::write_all([&a, &a], Vec::new()).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
pub fn write_all<'a>(graphs: impl IntoIterator<Item = &'a LinkageGraph>, out: impl Write) -> Result<(), Error> {
    let graphs: Vec<&LinkageGraph> = graphs.into_iter().collect();
    let mut seen = HashSet::new();
    for g in &graphs {
        if !seen.insert(g.focal_town()) {
            return Err(Error::DuplicateId { kind: IdKind::Town, id: g.focal_town().to_string() });
        }
    }
    write_document(&graphs, ALL_TOWNS_GRAPH_ID, true, out)
}

/// Writes one GraphML file per graph into `dir` (created if missing),
/// named `TOWN.graphml`, each as [`LinkageGraph::write_graphml`] writes it
/// (plain actor ids); returns the paths in graph order.
///
/// # Errors
///
/// [`Error::DuplicateId`] (kind town) if two graphs have the same focal
/// town (they would overwrite each other); [`Error::Io`] naming the file if
/// the directory or a file cannot be written.
///
/// # Example
///
/// ```
/// use regdev::{LinkageGraph, TownId};
/// let dir = std::env::temp_dir().join(format!("regdev-graphml-each-{}", std::process::id()));
/// let a = LinkageGraph::builder(TownId::new("kunshan")?).build()?;
/// let b = LinkageGraph::builder(TownId::new("shunde")?).build()?;
/// let paths = regdev::graphml::write_each([&a, &b], &dir)?;
/// assert_eq!(paths, [dir.join("kunshan.graphml"), dir.join("shunde.graphml")]);
/// # std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_each<'a>(
    graphs: impl IntoIterator<Item = &'a LinkageGraph>,
    dir: impl AsRef<std::path::Path>,
) -> Result<Vec<std::path::PathBuf>, Error> {
    let dir = dir.as_ref();
    let graphs: Vec<&LinkageGraph> = graphs.into_iter().collect();
    let mut seen = HashSet::new();
    for g in &graphs {
        if !seen.insert(g.focal_town()) {
            return Err(Error::DuplicateId { kind: IdKind::Town, id: g.focal_town().to_string() });
        }
    }
    let fail = |path: &std::path::Path, e: std::io::Error| io_error(e).context(path.display().to_string());
    std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
    let mut paths = Vec::with_capacity(graphs.len());
    for g in graphs {
        let path = dir.join(format!("{}.graphml", g.focal_town()));
        let file = std::fs::File::create(&path).map_err(|e| fail(&path, e))?;
        g.write_graphml(std::io::BufWriter::new(file)).map_err(|e| e.context(path.display().to_string()))?;
        paths.push(path);
    }
    Ok(paths)
}

fn write_document(graphs: &[&LinkageGraph], graph_id: &str, qualify: bool, out: impl Write) -> Result<(), Error> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).map_err(io_error)?;
    let root = BytesStart::new("graphml").with_attributes([
        ("xmlns", GRAPHML_NS),
        ("xmlns:xsi", XSI_NS),
        ("xsi:schemaLocation", SCHEMA_LOCATION),
    ]);
    w.write_event(Event::Start(root)).map_err(io_error)?;
    for (id, target, name, ty) in KEYS {
        w.create_element("key")
            .with_attributes([("id", id), ("for", target), ("attr.name", name), ("attr.type", ty)])
            .write_empty()
            .map_err(io_error)?;
    }
    let start = BytesStart::new("graph").with_attributes([("id", graph_id), ("edgedefault", "directed")]);
    if graphs.iter().all(|g| g.actor_count() == 0) {
        w.write_event(Event::Empty(start)).map_err(io_error)?;
    } else {
        w.write_event(Event::Start(start)).map_err(io_error)?;
        // Town by town: each town's nodes, then its edges.
        for g in graphs {
            write_graph(&mut w, g, qualify)?;
        }
        w.write_event(Event::End(BytesEnd::new("graph"))).map_err(io_error)?;
    }
    w.write_event(Event::End(BytesEnd::new("graphml"))).map_err(io_error)?;
    w.get_mut().write_all(b"\n").map_err(io_error)?;
    w.get_mut().flush().map_err(io_error)
}

fn write_graph<W: Write>(w: &mut Writer<W>, g: &LinkageGraph, qualify: bool) -> Result<(), Error> {
    let town = g.focal_town().as_str();
    let qualified = |id: &str| if qualify { format!("{town}:{id}") } else { id.to_owned() };
    for actor in g.actors() {
        let id = qualified(actor.id().as_str());
        w.write_event(Event::Start(BytesStart::new("node").with_attributes([("id", id.as_str())])))
            .map_err(io_error)?;
        data(w, "node_town", town)?;
        for (key, value) in node_data(actor) {
            data(w, key, &value)?;
        }
        w.write_event(Event::End(BytesEnd::new("node"))).map_err(io_error)?;
    }
    for (i, (from, to, linkage)) in g.linkages().enumerate() {
        let (id, source, target) = (qualified(&format!("e{i}")), qualified(from.as_str()), qualified(to.as_str()));
        let start = BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", source.as_str()),
            ("target", target.as_str()),
        ]);
        w.write_event(Event::Start(start)).map_err(io_error)?;
        data(w, "edge_town", town)?;
        for (key, value) in edge_data(linkage) {
            data(w, key, &value)?;
        }
        w.write_event(Event::End(BytesEnd::new("edge"))).map_err(io_error)?;
    }
    Ok(())
}

fn node_data(a: &Actor) -> Vec<(&'static str, String)> {
    let mut v = vec![("node_name", a.name().to_owned()), ("node_kind", a.kind().id().to_owned())];
    if let Some(place) = a.place() {
        v.push(("node_place", place.as_str().to_owned()));
    }
    if let Some(source) = a.source() {
        v.push(("node_source", source.to_string()));
    }
    v
}

fn edge_data(l: &Linkage) -> Vec<(&'static str, String)> {
    let mut v = vec![("edge_kind", l.kind().id().to_owned()), ("edge_scale", l.scale().id().to_owned())];
    if let Some(weight) = l.weight() {
        // `{:?}` is Rust's shortest round-trip form and always has a decimal point or exponent.
        v.push(("edge_weight", format!("{weight:?}")));
    }
    if let Some(year) = l.since_year() {
        v.push(("edge_since", year.get().to_string()));
    }
    if let Some(year) = l.until_year() {
        v.push(("edge_until", year.get().to_string()));
    }
    v.push(("edge_valence", l.valence().id().to_owned()));
    v.push(("edge_source", l.source().to_string()));
    v
}

fn data<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> Result<(), Error> {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&xml_text(value)))
        .map_err(io_error)?;
    Ok(())
}

/// GraphML export; see the [module docs](self) for the format.
impl LinkageGraph {
    /// Writes the graph as a GraphML document with one `<graph>`, node ids
    /// equal to actor ids; see the [module docs](crate::graphml)
    /// for the keys.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if writing to `out` fails.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{Actor, ActorId, ActorKind, LinkageGraph, TownId};
    /// let g = LinkageGraph::builder(TownId::new("t")?)
    ///     .actor(Actor::new(ActorId::new("a")?, "R&D <centre>", ActorKind::ResearchInstitute)?)
    ///     .build()?;
    /// let mut out = Vec::new();
    /// g.write_graphml(&mut out)?;
    /// assert!(String::from_utf8_lossy(&out).contains("R&amp;D &lt;centre&gt;"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn write_graphml(&self, out: impl Write) -> Result<(), Error> {
        write_document(&[self], self.focal_town().as_str(), false, out)
    }

    /// The graph as a GraphML document in a string; see
    /// [`write_graphml`](LinkageGraph::write_graphml).
    ///
    /// # Errors
    ///
    /// None in practice: writing to memory does not fail. The `Result`
    /// mirrors [`write_graphml`](LinkageGraph::write_graphml).
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{LinkageGraph, TownId};
    /// let xml = LinkageGraph::builder(TownId::new("t")?).build()?.to_graphml_string()?;
    /// assert!(xml.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn to_graphml_string(&self) -> Result<String, Error> {
        let mut out = Vec::new();
        self.write_graphml(&mut out)?;
        String::from_utf8(out).map_err(|e| Error::Io { operation: OPERATION, message: e.to_string() })
    }
}
