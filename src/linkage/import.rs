//! Import of linkage graphs from GraphML (networkx, igraph, Gephi, yEd or
//! this crate's own [export](super::graphml)) and from CSV edge lists.
//!
//! A public module, a namespace: `import::from_graphml`,
//! `import::from_edge_csv` and their [`ImportOptions`] read as what they do.
//!
//! Both produce a validated [`LinkageGraph`] for the focal town named in
//! [`ImportOptions`], or a typed [`Error`] naming the element (GraphML) or
//! the line (CSV) at fault:
//!
//! | problem | error (inside an [`Error::Context`] naming line and element) |
//! |---|---|
//! | malformed XML or CSV | [`Error::Parse`] with line and column |
//! | unknown actor kind, linkage kind or scale | [`Error::UnknownVariant`] |
//! | a node or actor id given twice | [`Error::DuplicateId`] |
//! | an edge whose end is not a node (a dangling end) | [`Error::UnknownReference`] |
//! | a required attribute or column missing | [`Error::MissingField`] |
//! | an invalid id, year, weight or self-linkage | the type's own error |
//!
//! # GraphML
//!
//! Attributes are matched by their `attr.name` (not the key id, which
//! differs between tools), with key defaults applied. Nodes: `kind`
//! (required, an [`ActorKind`] id), `name` (the node id if
//! absent), `place`, `source_id`. Edges: `kind` and `scale` (required),
//! `since`, `until`, `valence` (cooperative if absent), `weight`, `source_id` (required unless
//! [`ImportOptions::default_source`] is set). Node ids must be valid
//! [`ActorId`]s. Other attributes are not part of the model: they are left
//! out and listed in [`Imported::ignored`], never dropped silently.
//! Characters that XML 1.0 forbids (control characters other than tab,
//! line feed and carriage return, U+FFFE, U+FFFF), raw or as character
//! references, make the document malformed: a parse error at the
//! character, since the export could not write them back.
//!
//! A document of several towns, as [`graphml::write_all`](super::graphml::write_all)
//! writes it, is read town by town: when nodes carry a `town` attribute,
//! only the nodes and edges of the requested town are taken and the
//! `TOWN:` prefix of their ids is removed. So every export reads back
//! losslessly: `from_graphml(&g.to_graphml_string()?, …)` equals `g`.
//!
//! # CSV edge list
//!
//! A header row, then one linkage per row, columns by name in any order:
//! `source,target,kind,scale` and optionally `since`, `until`, `valence`,
//! `weight`, `source_id`. An optional node list (`id,name,kind` and optionally
//! `place`, `source_id`) gives the actors; without it every id that appears
//! in the edge list becomes an actor named by its id, of the kind
//! [`ImportOptions::actor_kind`] (required then). Reading uses the [`csv`]
//! crate (feature `csv`).
//!
//! # Example
//!
//! ```
//! use regdev::{Actor, ActorId, ActorKind, Linkage, LinkageGraph, LinkageKind, Scale, SourceId, TownId};
//! use regdev::import::{self, ImportOptions};
//!
//! let g = LinkageGraph::builder(TownId::new("kunshan")?)
//!     .actor(Actor::new(ActorId::new("tw")?, "Taiwanese investors", ActorKind::ForeignInvestedFirm)?.with_place("Taiwan")?)
//!     .actor(Actor::new(ActorId::new("gov")?, "Kunshan government", ActorKind::LocalGovernment)?)
//!     .linkage(ActorId::new("tw")?, ActorId::new("gov")?, Linkage::new(LinkageKind::Investment, Scale::Global, SourceId::new("qiao-talk")?))
//!     .build()?;
//! let back = import::from_graphml(&g.to_graphml_string()?, &ImportOptions::new(TownId::new("kunshan")?))?;
//! assert_eq!(back.graph, g);
//! assert!(back.ignored.is_empty());
//!
//! let bad = r#"<graphml><key id="k" for="node" attr.name="kind"/><graph>
//! <node id="a"><data key="k">spaceship</data></node></graph></graphml>"#;
//! let err = import::from_graphml(bad, &ImportOptions::new(TownId::new("t")?)).unwrap_err();
//! assert!(err.to_string().starts_with("GraphML line 2, node 'a': unknown actor kind"), "{err}");
//! # Ok::<(), regdev::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};

use super::{Actor, ActorKind, Linkage, LinkageGraph, LinkageKind};
use crate::id::IdKind;
use crate::{ActorId, Error, Scale, SourceId, TownId, Year};

/// What an import needs besides the data: the focal town, and defaults for
/// what the data may leave out.
///
/// # Example
///
/// ```
/// use regdev::{ActorKind, SourceId, TownId};
/// use regdev::import::ImportOptions;
/// let o = ImportOptions::new(TownId::new("shunde")?)
///     .default_source(SourceId::new("field-notes")?)
///     .actor_kind(ActorKind::PrivateFirm);
/// assert_eq!(o.town().as_str(), "shunde");
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    town: TownId,
    default_source: Option<SourceId>,
    actor_kind: Option<ActorKind>,
}

impl ImportOptions {
    /// Import the graph of `town`.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::TownId; use regdev::import::ImportOptions;
    /// assert_eq!(ImportOptions::new(TownId::new("t")?).town().as_str(), "t");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn new(town: TownId) -> ImportOptions {
        ImportOptions { town, default_source: None, actor_kind: None }
    }

    /// The source of linkages that name none.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{SourceId, TownId}; use regdev::import::ImportOptions;
    /// let o = ImportOptions::new(TownId::new("t")?).default_source(SourceId::new("s")?);
    /// assert!(format!("{o:?}").contains("\"s\""));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn default_source(mut self, source: SourceId) -> ImportOptions {
        self.default_source = Some(source);
        self
    }

    /// The kind of every actor when a CSV edge list comes without a node
    /// list.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::{ActorKind, TownId}; use regdev::import::ImportOptions;
    /// let o = ImportOptions::new(TownId::new("t")?).actor_kind(ActorKind::Place);
    /// assert!(format!("{o:?}").contains("Place"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn actor_kind(mut self, kind: ActorKind) -> ImportOptions {
        self.actor_kind = Some(kind);
        self
    }

    /// The focal town.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::TownId; use regdev::import::ImportOptions;
    /// assert_eq!(ImportOptions::new(TownId::new("t")?).town().as_str(), "t");
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn town(&self) -> &TownId {
        &self.town
    }
}

/// An imported graph and what the import left out.
///
/// # Example
///
/// ```
/// use regdev::TownId;
/// use regdev::import::{self, ImportOptions};
/// let xml = r#"<graphml><key id="k" for="node" attr.name="kind"/><key id="x" for="node" attr.name="x"/>
///   <graph><node id="a"><data key="k">place</data><data key="x">1.5</data></node></graph></graphml>"#;
/// let got = import::from_graphml(xml, &ImportOptions::new(TownId::new("t")?))?;
/// assert_eq!(got.graph.actor_count(), 1);
/// assert_eq!(got.ignored.into_iter().collect::<Vec<_>>(), ["node attribute 'x'"]);
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The validated graph.
    pub graph: LinkageGraph,
    /// Attributes or columns that are not part of the model and were left
    /// out, e.g. `node attribute 'x'`.
    pub ignored: BTreeSet<String>,
}

/// Line numbers of byte offsets, counted incrementally.
struct Lines<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, offset: u64) -> usize {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(self.text.len());
        if offset >= self.pos {
            self.line += self.text.get(self.pos..offset).map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
        } else {
            self.line = 1 + self.text.get(..offset).map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
        }
        self.pos = offset;
        self.line
    }

    fn column(&self, offset: u64) -> usize {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(self.text.len());
        let before = self.text.get(..offset).unwrap_or(&[]);
        offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1
    }
}

/// A declared `<key>`.
#[derive(Debug, Default)]
struct Key {
    name: String,
    domain: String,
    default: Option<String>,
}

/// A node or edge being read: where it starts, its attributes and data.
#[derive(Debug, Default)]
struct Element {
    line: usize,
    id: Option<String>,
    source: Option<String>,
    target: Option<String>,
    data: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Node,
    Edge,
    Key,
    Other,
}

fn syntax(lines: &mut Lines<'_>, offset: u64, message: String) -> Error {
    let column = lines.column(offset);
    Error::Parse { format: "GraphML", path: None, line: Some(lines.at(offset)), column: Some(column), message }
}

fn attributes(e: &BytesStart<'_>, lines: &mut Lines<'_>, offset: u64) -> Result<HashMap<String, String>, Error> {
    let mut out = HashMap::new();
    for a in e.attributes() {
        let a = a.map_err(|err| syntax(lines, offset, err.to_string()))?;
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| syntax(lines, offset, err.to_string()))?;
        out.insert(key, value.into_owned());
    }
    Ok(out)
}

/// Reads the graph of `options.town` from a GraphML document; see the
/// [module docs](self) for the attributes and the errors.
///
/// # Errors
///
/// A typed error naming the line and element at fault, as listed in the
/// [module docs](self).
///
/// # Example
///
/// ```
/// use regdev::{Error, TownId};
/// use regdev::import::{self, ImportOptions};
/// let xml = r#"<graphml>
///   <key id="k" for="all" attr.name="kind"/><key id="s" for="edge" attr.name="scale"/>
///   <graph><node id="a"><data key="k">place</data></node>
///   <edge source="a" target="ghost"><data key="k">market</data><data key="s">local</data></edge></graph></graphml>"#;
/// let err = import::from_graphml(xml, &ImportOptions::new(TownId::new("t")?)).unwrap_err();
/// assert!(matches!(err.root(), Error::UnknownReference { .. }));
/// assert!(err.to_string().starts_with("GraphML line 4"), "{err}");
/// assert!(import::from_graphml("<graphml><graph>", &ImportOptions::new(TownId::new("t")?)).is_err());
/// # Ok::<(), regdev::Error>(())
/// ```
pub fn from_graphml(xml: &str, options: &ImportOptions) -> Result<Imported, Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut lines = Lines { text: xml.as_bytes(), pos: 0, line: 1 };
    // XML 1.0 forbids some characters anywhere in a document (quick-xml
    // does not check): such a document is malformed, and what it says could
    // not be exported again.
    if let Some((at, c)) = xml.char_indices().find(|&(_, c)| !super::graphml::is_xml_char(c)) {
        return Err(syntax(&mut lines, at as u64, forbidden_char(c)));
    }
    let mut keys: HashMap<String, Key> = HashMap::new();
    let mut nodes: Vec<Element> = Vec::new();
    let mut edges: Vec<Element> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut current: Option<Element> = None;
    let mut key: Option<(String, Key)> = None;
    // The key of the <data> being read, and its text so far.
    let mut data: Option<(String, String)> = None;
    let mut in_default = false;
    let mut graphs = 0usize;
    let mut seen_root = false;
    loop {
        let before = reader.buffer_position();
        let event = reader.read_event().map_err(|e| syntax(&mut lines, reader.error_position(), e.to_string()))?;
        let after = reader.buffer_position();
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let tag = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let line = lines.at(after);
                let attrs = attributes(e, &mut lines, before)?;
                let open = match (tag.as_str(), stack.last()) {
                    ("graphml", None) if !seen_root => {
                        seen_root = true;
                        Open::Other
                    }
                    (_, None) => {
                        return Err(syntax(
                            &mut lines,
                            before,
                            format!("expected <graphml> as the root, found <{tag}>"),
                        ));
                    }
                    ("key", Some(_)) => {
                        let id = attrs.get("id").cloned().ok_or_else(|| missing("id", line, "key", None))?;
                        let k = Key {
                            name: attrs.get("attr.name").cloned().unwrap_or_else(|| id.clone()),
                            domain: attrs.get("for").cloned().unwrap_or_else(|| "all".to_owned()),
                            default: None,
                        };
                        if empty {
                            keys.insert(id, k);
                        } else {
                            key = Some((id, k));
                        }
                        Open::Key
                    }
                    ("default", Some(Open::Key)) => {
                        in_default = true;
                        Open::Other
                    }
                    ("graph", Some(_)) => {
                        if stack.contains(&Open::Node) {
                            return Err(unsupported(line, "nested graphs"));
                        }
                        graphs += 1;
                        Open::Other
                    }
                    ("node", Some(_)) => {
                        let el = Element { line, id: attrs.get("id").cloned(), ..Element::default() };
                        if el.id.is_none() {
                            return Err(missing("id", line, "node", None));
                        }
                        if empty {
                            nodes.push(el)
                        } else {
                            current = Some(el)
                        }
                        Open::Node
                    }
                    ("edge", Some(_)) => {
                        let el = Element {
                            line,
                            id: attrs.get("id").cloned(),
                            source: attrs.get("source").cloned(),
                            target: attrs.get("target").cloned(),
                            data: BTreeMap::new(),
                        };
                        for (end, value) in [("source", &el.source), ("target", &el.target)] {
                            if value.is_none() {
                                return Err(missing(end, line, "edge", el.id.as_deref()));
                            }
                        }
                        if empty {
                            edges.push(el)
                        } else {
                            current = Some(el)
                        }
                        Open::Edge
                    }
                    ("hyperedge", Some(_)) => return Err(unsupported(line, "hyperedges")),
                    ("data", Some(Open::Node | Open::Edge)) => {
                        let k = attrs.get("key").cloned().ok_or_else(|| missing("key", line, "data", None))?;
                        if empty {
                            if let Some(el) = current.as_mut() {
                                el.data.insert(k, String::new());
                            }
                        } else {
                            data = Some((k, String::new()));
                        }
                        Open::Other
                    }
                    _ => Open::Other,
                };
                if !empty {
                    stack.push(open);
                }
            }
            Event::Text(ref t) => {
                let text = t
                    .xml_content(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|e| syntax(&mut lines, before, e.to_string()))?;
                push_text(&mut data, &mut key, in_default, &text);
            }
            Event::CData(ref t) => {
                let text = t.decode().map_err(|e| syntax(&mut lines, before, e.to_string()))?;
                push_text(&mut data, &mut key, in_default, &text);
            }
            Event::GeneralRef(ref r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().map_err(|e| syntax(&mut lines, before, e.to_string()))?.map(String::from)
                } else {
                    let name = r.decode().map_err(|e| syntax(&mut lines, before, e.to_string()))?;
                    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
                };
                let Some(text) = resolved else {
                    return Err(syntax(&mut lines, before, "unknown entity reference".to_owned()));
                };
                if let Some(c) = text.chars().find(|&c| !super::graphml::is_xml_char(c)) {
                    return Err(syntax(&mut lines, before, format!("a character reference to {}", forbidden_char(c))));
                }
                push_text(&mut data, &mut key, in_default, &text);
            }
            Event::End(_) => match stack.pop() {
                Some(Open::Node) => nodes.extend(current.take()),
                Some(Open::Edge) => edges.extend(current.take()),
                Some(Open::Key) => {
                    if let Some((id, k)) = key.take() {
                        keys.insert(id, k);
                    }
                }
                Some(Open::Other) => {
                    if in_default {
                        in_default = false;
                    } else if let Some((k, text)) = data.take() {
                        if let Some(el) = current.as_mut() {
                            el.data.insert(k, text);
                        }
                    }
                }
                None => return Err(syntax(&mut lines, before, "closing tag without an opening one".to_owned())),
            },
            Event::Eof => {
                if !stack.is_empty() || !seen_root {
                    return Err(syntax(
                        &mut lines,
                        after,
                        "unexpected end of document: an element is not closed".to_owned(),
                    ));
                }
                break;
            }
            _ => {}
        }
    }
    if graphs == 0 {
        return Err(missing("graph", lines.at(0), "graphml", None));
    }
    build_from_graphml(&keys, nodes, edges, options)
}

fn forbidden_char(c: char) -> String {
    format!("character U+{:04X}, which XML 1.0 does not allow", u32::from(c))
}

fn push_text(data: &mut Option<(String, String)>, key: &mut Option<(String, Key)>, in_default: bool, text: &str) {
    if in_default {
        if let Some((_, k)) = key.as_mut() {
            k.default.get_or_insert_with(String::new).push_str(text);
        }
    } else if let Some((_, buf)) = data.as_mut() {
        buf.push_str(text);
    }
}

fn missing(field: &'static str, line: usize, element: &str, id: Option<&str>) -> Error {
    let what = id.map_or_else(|| element.to_owned(), |id| format!("{element} '{id}'"));
    Error::MissingField { field }.context(format!("GraphML line {line}, {what}"))
}

fn unsupported(line: usize, what: &str) -> Error {
    Error::Parse {
        format: "GraphML",
        path: None,
        line: Some(line),
        column: None,
        message: format!("{what} are not supported in a linkage graph"),
    }
}

/// An element's attribute values by attribute name, with key defaults.
fn named(
    keys: &HashMap<String, Key>,
    domain: &str,
    el: &Element,
    ignored: &mut BTreeSet<String>,
) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    for k in keys.values() {
        if (k.domain == domain || k.domain == "all") && k.default.is_some() {
            if let Some(d) = &k.default {
                out.insert(k.name.clone(), d.clone());
            }
        }
    }
    for (id, value) in &el.data {
        let name = keys.get(id).map_or_else(|| id.clone(), |k| k.name.clone());
        out.insert(name, value.clone());
    }
    let known: &[&str] = if domain == "node" {
        &["town", "name", "kind", "place", "source_id"]
    } else {
        &["town", "kind", "scale", "weight", "since", "until", "valence", "source_id"]
    };
    for name in out.keys() {
        if !known.contains(&name.as_str()) {
            ignored.insert(format!("{domain} attribute '{name}'"));
        }
    }
    out
}

fn build_from_graphml(
    keys: &HashMap<String, Key>,
    nodes: Vec<Element>,
    edges: Vec<Element>,
    options: &ImportOptions,
) -> Result<Imported, Error> {
    let town = options.town.as_str();
    let mut ignored = BTreeSet::new();
    let node_attrs: Vec<HashMap<String, String>> = nodes.iter().map(|n| named(keys, "node", n, &mut ignored)).collect();
    let by_town = node_attrs.iter().any(|a| a.contains_key("town"));
    let strip =
        |id: &str| -> String { id.strip_prefix(town).and_then(|rest| rest.strip_prefix(':')).unwrap_or(id).to_owned() };
    let mut builder = LinkageGraph::builder(options.town.clone());
    // GraphML node id -> actor id, for the nodes of this town.
    let mut ids: HashMap<&str, ActorId> = HashMap::new();
    let mut others: HashSet<&str> = HashSet::new();
    for (n, attrs) in nodes.iter().zip(&node_attrs) {
        let raw = n.id.as_deref().unwrap_or_default();
        let at = || format!("GraphML line {}, node '{raw}'", n.line);
        if by_town && attrs.get("town").map(String::as_str) != Some(town) {
            if !others.insert(raw) || ids.contains_key(raw) {
                return Err(Error::DuplicateId { kind: IdKind::Actor, id: raw.to_owned() }.context(at()));
            }
            continue;
        }
        let id = ActorId::new(strip(raw)).map_err(|e| e.context(at()))?;
        if ids.contains_key(raw) || others.contains(raw) {
            return Err(Error::DuplicateId { kind: IdKind::Actor, id: raw.to_owned() }.context(at()));
        }
        let kind: ActorKind = attrs
            .get("kind")
            .ok_or(Error::MissingField { field: "kind" })
            .and_then(|k| k.parse())
            .map_err(|e| e.context(at()))?;
        let name = attrs.get("name").map_or(id.as_str(), String::as_str);
        let mut actor = Actor::new(id.clone(), name, kind).map_err(|e| e.context(at()))?;
        if let Some(place) = attrs.get("place") {
            actor = actor.with_place(place).map_err(|e| e.context(at()))?;
        }
        if let Some(source) = attrs.get("source_id") {
            actor = actor.with_source(SourceId::new(source).map_err(|e| e.context(at()))?);
        }
        ids.insert(raw, id);
        builder = builder.actor(actor);
    }
    if by_town && ids.is_empty() {
        return Err(Error::UnknownReference {
            kind: IdKind::Town,
            id: town.to_owned(),
            referrer: "the GraphML document (no node has this town)".to_owned(),
        });
    }
    for e in &edges {
        let attrs = named(keys, "edge", e, &mut ignored);
        let (source, target) = (e.source.as_deref().unwrap_or_default(), e.target.as_deref().unwrap_or_default());
        let label = e.id.clone().unwrap_or_else(|| format!("{source} -> {target}"));
        let at = || format!("GraphML line {}, edge '{label}'", e.line);
        if by_town && attrs.get("town").is_some_and(|t| t != town) {
            continue;
        }
        let (from, to) = match (ids.get(source), ids.get(target)) {
            (Some(f), Some(t)) => (f.clone(), t.clone()),
            (f, t) => {
                // An end that is no node at all is dangling.
                if let Some(end) =
                    [source, target].into_iter().find(|end| !ids.contains_key(end) && !others.contains(end))
                {
                    return Err(Error::UnknownReference { kind: IdKind::Actor, id: end.to_owned(), referrer: at() });
                }
                // Both ends in other towns: another town's edge.
                if f.is_none() && t.is_none() {
                    continue;
                }
                // One end here, one in another town: a graph holds one town.
                let end = if f.is_none() { source } else { target };
                return Err(Error::UnknownReference {
                    kind: IdKind::Actor,
                    id: end.to_owned(),
                    referrer: format!("{} (an actor of another town)", at()),
                });
            }
        };
        let linkage = linkage_from(&attrs, options).map_err(|err| err.context(at()))?;
        if from == to {
            return Err(Error::SelfLinkage { actor: from.to_string() }.context(at()));
        }
        builder = builder.linkage(from, to, linkage);
    }
    let graph = builder.build()?;
    Ok(Imported { graph, ignored })
}

/// A linkage from named values: kind, scale, since, weight, source_id.
fn linkage_from(attrs: &HashMap<String, String>, options: &ImportOptions) -> Result<Linkage, Error> {
    let get = |name: &str| attrs.get(name).map(|s| s.trim()).filter(|s| !s.is_empty());
    let kind: LinkageKind = get("kind").ok_or(Error::MissingField { field: "kind" })?.parse()?;
    let scale: Scale = get("scale").ok_or(Error::MissingField { field: "scale" })?.parse()?;
    let source = match get("source_id") {
        Some(s) => SourceId::new(s)?,
        None => options.default_source.clone().ok_or(Error::MissingField { field: "source_id" })?,
    };
    let mut l = Linkage::new(kind, scale, source);
    if let Some(since) = get("since") {
        l = l.with_since(since.parse::<Year>()?);
    }
    if let Some(until) = get("until") {
        l = l.with_until(until.parse::<Year>()?);
    }
    if let Some(v) = get("valence") {
        l = l.with_valence(v.parse::<super::Valence>()?);
    }
    if let Some(w) = get("weight") {
        let w: f64 = w.parse().map_err(|_| Error::Parse {
            format: "number",
            path: Some("weight".to_owned()),
            line: None,
            column: None,
            message: format!("'{w}' is not a number"),
        })?;
        l = l.with_weight(w)?;
    }
    Ok(l)
}

/// A CSV parse error as [`Error::Parse`], with the line when known.
#[cfg(feature = "csv")]
fn csv_error(file: &str, e: &csv::Error) -> Error {
    Error::Parse {
        format: "CSV",
        path: Some(file.to_owned()),
        line: e.position().map(|p| usize::try_from(p.line()).unwrap_or(usize::MAX)),
        column: None,
        message: e.to_string(),
    }
}

/// A CSV row: its line and its non-empty values by column name.
#[cfg(feature = "csv")]
type CsvRow = (usize, HashMap<String, String>);

/// The rows of a CSV document as `(line, column name -> value)`, checking
/// that the `required` columns exist and listing the unknown ones.
#[cfg(feature = "csv")]
fn csv_rows(
    file: &str,
    input: impl std::io::Read,
    required: &[&'static str],
    optional: &[&str],
    ignored: &mut BTreeSet<String>,
) -> Result<Vec<CsvRow>, Error> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(input);
    let headers = reader.headers().map_err(|e| csv_error(file, &e))?.clone();
    for &column in required {
        if !headers.iter().any(|h| h == column) {
            return Err(Error::MissingField { field: column }.context(format!("{file} line 1 (header)")));
        }
    }
    for h in &headers {
        if !required.contains(&h) && !optional.contains(&h) {
            ignored.insert(format!("{file} column '{h}'"));
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file, &e))?;
        let line = record.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
        let row = headers
            .iter()
            .zip(record.iter())
            .filter(|(_, v)| !v.is_empty())
            .map(|(h, v)| (h.to_owned(), v.to_owned()))
            .collect();
        rows.push((line, row));
    }
    Ok(rows)
}

/// Reads a linkage graph from a CSV edge list and an optional CSV node
/// list; see the [module docs](self) for the columns.
///
/// # Errors
///
/// A typed error inside an [`Error::Context`] naming the file and line, as
/// listed in the [module docs](self); [`Error::MissingField`] (`actor_kind`)
/// without a node list when [`ImportOptions::actor_kind`] is not set.
///
/// # Example
///
/// ```
/// use regdev::{ActorKind, Error, TownId};
/// use regdev::import::{self, ImportOptions};
/// let edges = "source,target,kind,scale,since,source_id\n\
///              hk,gov,institutional_borrowing,regional,1992,qiao-talk\n\
///              gov,firms,governance,local,,qiao-talk\n";
/// let nodes = "id,name,kind,place\n\
///              gov,Shunde government,local_government,Shunde\n\
///              hk,Hong Kong,place,Hong Kong\n\
///              firms,Local firms,private_firm,Shunde\n";
/// let opts = ImportOptions::new(TownId::new("shunde")?);
/// let got = import::from_edge_csv(edges.as_bytes(), Some(nodes.as_bytes()), &opts)?;
/// assert_eq!((got.graph.actor_count(), got.graph.linkage_count()), (3, 2));
///
/// let dangling = "source,target,kind,scale,source_id\nhk,nobody,market,global,s\n";
/// let err = import::from_edge_csv(dangling.as_bytes(), Some(nodes.as_bytes()), &opts).unwrap_err();
/// assert!(matches!(err.root(), Error::UnknownReference { .. }));
/// assert_eq!(err.to_string(), "edge list line 2: linkage 'hk' -> 'nobody' refers to unknown actor 'nobody'");
/// # Ok::<(), regdev::Error>(())
/// ```
#[cfg(feature = "csv")]
pub fn from_edge_csv(
    edges: impl std::io::Read,
    nodes: Option<impl std::io::Read>,
    options: &ImportOptions,
) -> Result<Imported, Error> {
    let mut ignored = BTreeSet::new();
    let edge_rows = csv_rows(
        "edge list",
        edges,
        &["source", "target", "kind", "scale"],
        &["since", "until", "valence", "weight", "source_id"],
        &mut ignored,
    )?;
    let mut builder = LinkageGraph::builder(options.town.clone());
    let mut actors: HashSet<ActorId> = HashSet::new();
    match nodes {
        Some(nodes) => {
            let rows = csv_rows("node list", nodes, &["id", "name", "kind"], &["place", "source_id"], &mut ignored)?;
            for (line, row) in rows {
                let at = || format!("node list line {line}");
                let get =
                    |c: &'static str| row.get(c).ok_or(Error::MissingField { field: c }).map_err(|e| e.context(at()));
                let id = ActorId::new(get("id")?).map_err(|e| e.context(at()))?;
                let kind: ActorKind = get("kind")?.parse().map_err(|e: Error| e.context(at()))?;
                let mut actor = Actor::new(id.clone(), get("name")?, kind).map_err(|e| e.context(at()))?;
                if let Some(place) = row.get("place") {
                    actor = actor.with_place(place).map_err(|e| e.context(at()))?;
                }
                if let Some(source) = row.get("source_id") {
                    actor = actor.with_source(SourceId::new(source).map_err(|e| e.context(at()))?);
                }
                if !actors.insert(id.clone()) {
                    return Err(Error::DuplicateId { kind: IdKind::Actor, id: id.to_string() }.context(at()));
                }
                builder = builder.actor(actor);
            }
        }
        None => {
            let kind = options
                .actor_kind
                .ok_or(Error::MissingField { field: "actor_kind" })
                .map_err(|e| e.context("an edge list without a node list"))?;
            for (line, row) in &edge_rows {
                for end in ["source", "target"] {
                    let Some(raw) = row.get(end) else { continue };
                    let id = ActorId::new(raw).map_err(|e| e.context(format!("edge list line {line}")))?;
                    if actors.insert(id.clone()) {
                        builder = builder.actor(Actor::new(id.clone(), id.as_str(), kind)?);
                    }
                }
            }
        }
    }
    for (line, row) in edge_rows {
        let at = || format!("edge list line {line}");
        let mut ends = Vec::with_capacity(2);
        for end in ["source", "target"] {
            let raw = row
                .get(end)
                .ok_or(Error::MissingField { field: if end == "source" { "source" } else { "target" } })
                .map_err(|e| e.context(at()))?;
            ends.push(ActorId::new(raw).map_err(|e| e.context(at()))?);
        }
        let (Some(to), Some(from)) = (ends.pop(), ends.pop()) else { continue };
        for end in [&from, &to] {
            if !actors.contains(end) {
                return Err(Error::UnknownReference {
                    kind: IdKind::Actor,
                    id: end.to_string(),
                    referrer: format!("linkage '{from}' -> '{to}'"),
                }
                .context(at()));
            }
        }
        if from == to {
            return Err(Error::SelfLinkage { actor: from.to_string() }.context(at()));
        }
        let linkage = linkage_from(&row, options).map_err(|e| e.context(at()))?;
        builder = builder.linkage(from, to, linkage);
    }
    Ok(Imported { graph: builder.build()?, ignored })
}
