//! The self-contained HTML report.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io;

use super::{ComparisonFigure, Figure, GraphFigure, Options};
use crate::audit::AuditOptions;
use crate::id::IdKind;
use crate::progress::Tally;
use crate::{Atlas, Compare, Dimension, Error, SourceId};

/// The stylesheet: readable on a phone (one column, tables scroll
/// sideways, figures scale to the width) and printable (no backgrounds,
/// figures kept whole, link targets printed).
const CSS: &str = "
:root { color-scheme: light; --fg: #222; --muted: #555; --line: #ccc; --agree: #e3f4d7; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; color: var(--fg); margin: 0 auto; padding: 1rem; max-width: 72rem; line-height: 1.45; font-size: 16px; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; }
p.lead, .muted { color: var(--muted); }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
td.agree { background: var(--agree); }
td.none { color: var(--muted); }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; max-width: 100%; display: block; }
figcaption { color: var(--muted); font-size: 0.9rem; }
nav ul { padding-left: 1.2rem; }
ol.sources li { margin-bottom: 0.35rem; word-break: break-word; }
.severity-error { color: #a00; font-weight: bold; }
.severity-warning { color: #8a5a00; font-weight: bold; }
@media (max-width: 40rem) {
  body { padding: 0.6rem; font-size: 15px; }
  th, td { padding: 0.25rem 0.35rem; }
  h1 { font-size: 1.3rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  thead th, td.agree { background: none !important; }
  td.agree { font-weight: bold; }
  figure, table { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a[href^='http']::after { content: ' (' attr(href) ')'; font-size: 0.85em; color: var(--muted); }
  .scroll { overflow: visible; }
}
";

/// Escapes text for HTML element content and quoted attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Only http(s) links become links; anything else is shown as text.
fn safe_url(url: &str) -> Option<&str> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url.trim())
}

/// A one-file HTML report on two or more towns or archetypes: the
/// comparison as a table and as a figure, the linkage figure of every
/// town that has a graph, each town's classification (ranking, each
/// distance's compared features and coverage, and the verdict, as
/// [`Atlas::classify`] gives them), the rows derived from its graph, the audit findings
/// on it, and every cited source with a link.
///
/// The file is self-contained: the figures are inline SVG, the style an
/// inline stylesheet; it loads nothing and needs no JavaScript. It reads
/// on a phone (one column; wide tables scroll) and prints (figures kept
/// whole, link targets written out).
///
/// # Example
///
/// ```
/// use regdev::figure::{Options, Report};
///
/// let atlas = regdev::Atlas::builtin();
/// let html = Report::new(atlas, &["kunshan", "shunde"])?.to_html(&Options::default());
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("<td>Government-led</td>") || html.contains(">Government-led</td>"));
/// assert!(!html.contains("<script"));
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Report<'a> {
    atlas: &'a Atlas,
    ids: Vec<String>,
}

impl<'a> Report<'a> {
    /// A report on towns or archetypes of `atlas`, each named by id.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownReference`] for an id that is neither a town nor an
    /// archetype; [`Error::TooFewCases`] for fewer than two.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::figure::Report;
    /// let atlas = regdev::Atlas::builtin();
    /// assert!(Report::new(atlas, &["kunshan"]).is_err());
    /// assert!(Report::new(atlas, &["kunshan", "atlantis"]).is_err());
    /// assert!(Report::new(atlas, &["kunshan", "sunan"]).is_ok());
    /// ```
    pub fn new(atlas: &'a Atlas, ids: &[&str]) -> Result<Report<'a>, Error> {
        for &id in ids {
            if atlas.town(id).is_none() && atlas.archetype(id).is_none() {
                return Err(Error::UnknownReference {
                    kind: IdKind::Town,
                    id: id.to_owned(),
                    referrer: "report (neither a town nor an archetype)".to_owned(),
                });
            }
        }
        if ids.len() < 2 {
            return Err(Error::TooFewCases { what: "a report", min: 2, found: ids.len() });
        }
        Ok(Report { atlas, ids: ids.iter().map(|s| (*s).to_owned()).collect() })
    }

    /// The report as one HTML document.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::{Options, Report};
    /// let report = Report::new(regdev::Atlas::builtin(), &["kunshan", "shunde"])?;
    /// let html = report.to_html(&Options::default());
    /// assert_eq!(html, report.to_html(&Options::default()));
    /// assert!(html.contains("<svg"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn to_html(&self, options: &Options) -> String {
        self.render(options, |atlas, ids| atlas.audit_towns(&AuditOptions::default(), ids, &Tally::none()))
    }

    /// [`Report::to_html`], reporting to `progress` the report's towns as
    /// they are audited (see [`Progress`](crate::Progress)). The same
    /// document.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::{Options, Report};
    /// let atlas = regdev::Atlas::builtin();
    /// let report = Report::new(atlas, &["kunshan", "shunde"])?;
    /// let mut last = (0, 0);
    /// let html = report.to_html_with_progress(&Options::default(), |d, t| last = (d, t));
    /// assert_eq!(html, report.to_html(&Options::default()));
    /// assert_eq!(last, (2, 2));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn to_html_with_progress(&self, options: &Options, mut progress: impl crate::Progress) -> String {
        self.render(options, |atlas, ids| {
            let tally = Tally::new(&mut progress, ids.len() as u64);
            let findings = atlas.audit_towns(&AuditOptions::default(), ids, &tally);
            tally.finish();
            findings
        })
    }

    /// Writes the HTML document to `out`.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when writing fails.
    ///
    /// # Example
    ///
    /// ```
    /// # use regdev::figure::{Options, Report};
    /// let mut out = Vec::new();
    /// Report::new(regdev::Atlas::builtin(), &["kunshan", "shunde"])?.write_html(&mut out, &Options::default())?;
    /// assert!(out.starts_with(b"<!DOCTYPE html>"));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn write_html<W: io::Write>(&self, mut out: W, options: &Options) -> Result<(), Error> {
        out.write_all(self.to_html(options).as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| Error::Io { operation: "writing an HTML report", message: e.to_string() })
    }

    fn cases(&self) -> Vec<&'a dyn Compare> {
        self.ids
            .iter()
            .filter_map(|id| match (self.atlas.town(id), self.atlas.archetype(id)) {
                (Some(t), _) => Some(t as &dyn Compare),
                (None, Some(a)) => Some(a as &dyn Compare),
                (None, None) => None,
            })
            .collect()
    }

    // Each fragment carries its own line end, like the literal HTML around it.
    #[allow(clippy::write_with_newline)]
    /// The document; `audit` gives the audit findings on the report's
    /// towns (the ids given).
    fn render(&self, o: &Options, audit: impl FnOnce(&Atlas, &BTreeSet<&str>) -> Vec<crate::audit::Finding>) -> String {
        let atlas = self.atlas;
        let cases = self.cases();
        let labels: Vec<String> = cases.iter().map(|c| c.label().into_owned()).collect();
        let towns: Vec<&crate::Town> = self.ids.iter().filter_map(|id| atlas.town(id)).collect();
        let mut cited: BTreeSet<&SourceId> = BTreeSet::new();
        let mut h = String::new();
        let title = format!("regdev report: {}", labels.join(", "));
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"regdev {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            env!("CARGO_PKG_VERSION"),
            esc(&title)
        );
        let _ = write!(
            h,
            "<header><h1>{}</h1><p class=\"lead\">Comparison, linkage graphs, classification, derived rows, \
             audit findings and sources, from the regdev atlas.</p></header>\n",
            esc(&labels.join(" · "))
        );
        h.push_str(
            "<nav><ul><li><a href=\"#comparison\">Comparison</a></li><li><a href=\"#linkages\">Linkage graphs</a></li>\
             <li><a href=\"#classification\">Classification</a></li><li><a href=\"#derived\">Derived rows</a></li>\
             <li><a href=\"#audit\">Audit findings</a></li><li><a href=\"#sources\">Sources</a></li></ul></nav>\n",
        );

        // Comparison table and figure.
        h.push_str("<section id=\"comparison\"><h2>Comparison</h2>\n<div class=\"scroll\"><table id=\"comparison-table\">\n<thead><tr><th scope=\"col\">Dimension</th>");
        for l in &labels {
            let _ = write!(h, "<th scope=\"col\">{}</th>", esc(l));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for &d in Dimension::ALL {
            let values: Vec<Option<String>> = cases.iter().map(|c| c.profile().get(d).map(|v| v.to_string())).collect();
            if values.iter().all(Option::is_none) {
                continue;
            }
            let all_agree = values.iter().all(Option::is_some) && values.windows(2).all(|w| w.first() == w.get(1));
            let _ = write!(h, "<tr><th scope=\"row\">{}</th>", esc(d.label()));
            for v in &values {
                match v {
                    Some(v) if all_agree => {
                        let _ = write!(h, "<td class=\"agree\">{}</td>", esc(v));
                    }
                    Some(v) => {
                        let _ = write!(h, "<td>{}</td>", esc(v));
                    }
                    None => h.push_str("<td class=\"none\">—</td>"),
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody></table></div>\n<p class=\"muted\">Values in the talk's wording; — : the sources say nothing; a shaded row: every case agrees.</p>\n");
        if let Ok(figure) = ComparisonFigure::new(cases.iter().copied()) {
            let _ = write!(
                h,
                "<figure>{}<figcaption>The comparison as a figure: the talk's seven rows.</figcaption></figure>\n",
                figure.to_svg(o)
            );
        }
        for id in &self.ids {
            if let Some(a) = atlas.archetype(id) {
                cited.extend(a.profile_sources().values());
            }
        }
        h.push_str("</section>\n");

        // Linkage graphs.
        h.push_str("<section id=\"linkages\"><h2>Linkage graphs</h2>\n");
        let mut any_graph = false;
        for t in &towns {
            cited.extend(t.cited_sources().map(|(_, s)| s));
            if let Ok(figure) = GraphFigure::from_atlas(atlas, t.id().as_str()) {
                any_graph = true;
                if let Some(g) = atlas.graph(t.id().as_str()) {
                    cited.extend(g.cited_sources().map(|(_, s)| s));
                }
                let _ = write!(
                    h,
                    "<figure id=\"graph-{}\"><h3>{}</h3>{}<figcaption>Actors on the ring of their scale relative to {}.</figcaption></figure>\n",
                    esc(t.id().as_str()),
                    esc(t.name().english()),
                    figure.to_svg(o),
                    esc(t.name().english())
                );
            }
        }
        if !any_graph {
            h.push_str("<p class=\"muted\">None of these towns has a linkage graph in the atlas.</p>\n");
        }
        h.push_str("</section>\n");

        // Classification: the library's ranking, coverage and verdict.
        h.push_str(
            "<section id=\"classification\"><h2>Classification</h2>\n<p class=\"muted\">Regional-model archetypes \
             ranked by Gower distance to each town (smaller is nearer; tied ranks share a number). Compared: the \
             features both sides state. Coverage: the share of the archetype's weighted features that were \
             compared. The verdict names the nearest archetype only when it is clear of the others and rests on \
             enough features.</p>\n",
        );
        for t in &towns {
            let _ = write!(h, "<h3>{}</h3>\n", esc(t.name().english()));
            match atlas.classify(t.id().as_str()) {
                Ok(c) if !c.ranking().is_empty() => {
                    let _ = write!(
                        h,
                        "<p class=\"verdict verdict-{}\">Verdict: <strong>{}</strong>. {}</p>\n",
                        esc(c.verdict().id()),
                        esc(c.verdict().label()),
                        esc(&c.verdict_line())
                    );
                    h.push_str(
                        "<div class=\"scroll\"><table class=\"classification\"><thead><tr><th scope=\"col\">Rank</th>\
                         <th scope=\"col\">Archetype</th><th scope=\"col\">Distance</th><th scope=\"col\">Compared</th>\
                         <th scope=\"col\">Coverage</th><th scope=\"col\">Not compared</th></tr></thead><tbody>\n",
                    );
                    for r in c.ranking() {
                        let tied = c.ranking().iter().filter(|x| x.rank() == r.rank()).count() > 1;
                        let rank = format!("{}{}", r.rank(), if tied { "=" } else { "" });
                        let (dist, compared, cover, missing) = match r.distance() {
                            Some(d) => (
                                format!("{:.3}", d.value()),
                                d.compared().to_string(),
                                format!("{:.2}", d.coverage()),
                                d.uncompared().map(|f| f.to_string()).collect::<Vec<_>>().join(", "),
                            ),
                            None => ("—".to_owned(), "0".to_owned(), "0.00".to_owned(), "not comparable".to_owned()),
                        };
                        let _ = write!(
                            h,
                            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                            esc(&rank),
                            esc(r.name()),
                            dist,
                            compared,
                            cover,
                            if missing.is_empty() { "—".to_owned() } else { esc(&missing) }
                        );
                    }
                    h.push_str("</tbody></table></div>\n");
                }
                Ok(_) => h.push_str("<p class=\"muted\">No archetype to classify against.</p>\n"),
                Err(e) => {
                    let _ = write!(h, "<p class=\"muted\">Not classified: {}</p>\n", esc(&e.to_string()));
                }
            }
        }
        if towns.is_empty() {
            h.push_str("<p class=\"muted\">No town among the cases.</p>\n");
        }
        h.push_str("</section>\n");

        // Derived rows.
        h.push_str("<section id=\"derived\"><h2>Derived rows</h2>\n<p class=\"muted\">Rows computed from each town's linkage graph, against the value its profile states.</p>\n");
        let mut any_derived = false;
        for t in &towns {
            let rows = atlas.derived_rows(t.id().as_str()).unwrap_or_default();
            if rows.is_empty() {
                continue;
            }
            any_derived = true;
            let _ = write!(
                h,
                "<h3>{}</h3>\n<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Dimension</th><th scope=\"col\">Derived</th><th scope=\"col\">Stated</th><th scope=\"col\">Agrees</th><th scope=\"col\">How</th></tr></thead><tbody>\n",
                esc(t.name().english())
            );
            for r in rows {
                let stated = t.profile().get(r.dimension()).map_or_else(|| "—".to_owned(), |v| v.to_string());
                let _ = write!(
                    h,
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    esc(r.dimension().label()),
                    esc(&r.value().to_string()),
                    esc(&stated),
                    if r.agrees_with(&t.profile()) { "yes" } else { "no" },
                    esc(r.provenance())
                );
            }
            h.push_str("</tbody></table></div>\n");
        }
        if !any_derived {
            h.push_str("<p class=\"muted\">No derived rows: none of these towns has a linkage graph.</p>\n");
        }
        h.push_str("</section>\n");

        // Audit findings.
        h.push_str("<section id=\"audit\"><h2>Audit findings</h2>\n");
        let ids: BTreeSet<&str> = towns.iter().map(|t| t.id().as_str()).collect();
        let findings: Vec<crate::audit::Finding> =
            audit(atlas, &ids).into_iter().filter(|f| f.town().is_some_and(|t| ids.contains(t.as_str()))).collect();
        if findings.is_empty() {
            h.push_str("<p>The audit finds nothing on these towns.</p>\n");
        } else {
            h.push_str("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Town</th><th scope=\"col\">Field</th><th scope=\"col\">Finding</th></tr></thead><tbody>\n");
            for f in &findings {
                let _ = write!(
                    h,
                    "<tr><td class=\"severity-{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    esc(f.severity().id()),
                    esc(f.severity().label()),
                    esc(f.town().map_or("", |t| t.as_str())),
                    esc(f.field()),
                    esc(f.message())
                );
            }
            h.push_str("</tbody></table></div>\n");
        }
        h.push_str("</section>\n");

        // Sources.
        h.push_str("<section id=\"sources\"><h2>Sources</h2>\n<ol class=\"sources\">\n");
        for id in &cited {
            let _ = write!(h, "<li id=\"source-{}\"><code>{}</code>: ", esc(id.as_str()), esc(id.as_str()));
            match atlas.source(id.as_str()) {
                Some(s) => {
                    h.push_str(&esc(&super::graph::cite(s)));
                    if let Some(url) = s.url() {
                        match safe_url(url) {
                            Some(u) => {
                                let _ = write!(h, ". <a href=\"{}\">{}</a>", esc(u), esc(u));
                            }
                            None => {
                                let _ = write!(h, ". {}", esc(url));
                            }
                        }
                    }
                    if let Some(note) = s.note() {
                        let _ = write!(h, " <span class=\"muted\">({})</span>", esc(note));
                    }
                }
                None => h.push_str("<span class=\"muted\">not in the atlas</span>"),
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ol>\n</section>\n");
        let _ = write!(
            h,
            "<footer><p class=\"muted\">Generated by regdev {}; self-contained: no scripts, no network.</p></footer>\n</body>\n</html>\n",
            env!("CARGO_PKG_VERSION")
        );
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_links() {
        assert_eq!(esc("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(safe_url(" https://example.org/x "), Some("https://example.org/x"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
    }

    #[test]
    fn report_has_every_section_and_no_script() {
        let atlas = Atlas::builtin();
        let html = Report::new(atlas, &["kunshan", "shunde"]).unwrap().to_html(&Options::default());
        for id in ["comparison", "linkages", "classification", "derived", "audit", "sources"] {
            assert!(html.contains(&format!("<section id=\"{id}\">")), "{id}");
        }
        assert!(html.contains("id=\"graph-kunshan\"") && html.contains("id=\"graph-shunde\""));
        assert!(!html.contains("<script") && !html.contains("src=\""));
        assert!(html.contains("<a href=\"http"));
    }

    #[test]
    fn classification_is_the_library_s_coverage_and_verdict() {
        let atlas = Atlas::builtin();
        let html = Report::new(atlas, &["kunshan", "shunde"]).unwrap().to_html(&Options::default());
        for town in ["kunshan", "shunde"] {
            let c = atlas.classify(town).unwrap();
            assert!(html.contains(&esc(&c.verdict_line())), "{town}: verdict line missing");
            assert!(html.contains(&format!("<strong>{}</strong>", c.verdict().label())));
            for r in c.ranking() {
                let d = r.distance().unwrap();
                let row = format!(
                    "<td>{}</td><td>{:.3}</td><td>{}</td><td>{:.2}</td>",
                    esc(r.name()),
                    d.value(),
                    d.compared(),
                    d.coverage()
                );
                assert!(html.contains(&row), "{town}: row {row} missing");
            }
        }
        // Shunde's tie (PRD and Wenzhou at the same distance) shows as a shared rank.
        assert!(html.contains("<td>1=</td>"));
    }

    /// The report kept the findings on its towns from an audit of the
    /// whole atlas; it now audits its towns only, with the same document.
    #[test]
    fn auditing_the_reported_towns_only_gives_the_same_report() {
        let atlas = Atlas::builtin();
        let o = Options::default();
        let findings = atlas.audit();
        let flagged: BTreeSet<&str> = findings.iter().filter_map(|f| f.town().map(|t| t.as_str())).collect();
        assert!(!flagged.is_empty(), "the built-in audit finds something");
        let towns: Vec<&str> = atlas.towns().map(|t| t.id().as_str()).collect();
        let mut cases: Vec<Vec<&str>> = Vec::new();
        for &f in &flagged {
            let other = towns.iter().copied().find(|t| !flagged.contains(t)).unwrap();
            cases.push(vec![other, f]);
            cases.push(vec![f, "sunan"]);
        }
        cases.push(flagged.iter().rev().copied().collect::<Vec<_>>());
        cases.push(vec!["kunshan", "shunde"]);
        cases.push(towns.iter().rev().copied().collect());
        let mut with_findings = 0;
        for ids in cases.iter().filter(|c| c.len() >= 2) {
            let report = Report::new(atlas, ids).unwrap();
            let whole_atlas = report.render(&o, |atlas, _| atlas.audit());
            let html = report.to_html(&o);
            assert!(html == whole_atlas, "{ids:?}: the reports differ");
            assert_eq!(report.to_html_with_progress(&o, |_, _| {}), html);
            with_findings += usize::from(html.contains("class=\"severity-"));
        }
        assert!(with_findings >= flagged.len(), "reports with findings: {with_findings}");
    }
}
