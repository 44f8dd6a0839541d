//! `regdev graph TOWN`: per-actor centralities, brokerage roles and E–I
//! index, and graph metrics.

use std::collections::{BTreeMap, BTreeSet};

use regdev::{Atlas, LinkageGraph, Place, Town};
use regdev::{BrokerageRoles, Degree, Grouping, Normalization, Orientation, ScaleProfile};
use serde::Serialize;

use crate::cli::{GraphArgs, GroupBy, TableOrJson};
use crate::commands::{json, town_graph};
use crate::load;
use crate::output::{Failure, print, table};

/// One actor's row in `regdev graph`.
#[derive(Serialize)]
struct ActorMetrics<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    degree: usize,
    betweenness: f64,
    closeness: f64,
    group: String,
    brokerage: BrokerageRoles,
    ei_index: Option<f64>,
}

/// The stable JSON form of `regdev graph` (documented in `--help` and the
/// README); fields are only ever added, never renamed or removed.
#[derive(Serialize)]
struct GraphMetrics<'a> {
    town: &'a str,
    orientation: &'static str,
    actors: Vec<ActorMetrics<'a>>,
    density: f64,
    centralization: f64,
    scale_profile: ScaleProfile,
    borrowing_origins: BTreeSet<Place>,
    groups: &'static str,
    ei_index: Option<f64>,
    group_ei_index: BTreeMap<String, Option<f64>>,
}

/// The grouping `--groups` names; locality counts the focal town and every
/// town under it in the atlas as local.
fn grouping(atlas: &Atlas, g: &LinkageGraph, by: GroupBy) -> Grouping {
    match by {
        GroupBy::Kind => Grouping::Kind,
        GroupBy::Place => Grouping::Place,
        GroupBy::Locality => {
            let mut places = Vec::new();
            let mut stack = vec![g.focal_town().as_str().to_owned()];
            while let Some(id) = stack.pop() {
                if let Some(t) = atlas.town(&id) {
                    places.push(t.name().english().to_owned());
                }
                stack.extend(atlas.children(&id).map(|c| c.id().as_str().to_owned()));
                if places.len() > atlas.towns().len() {
                    break; // a parent cycle cannot pass validation; stay finite anyway
                }
            }
            Grouping::locality(places)
        }
    }
}

fn graph_metrics<'a>(
    g: &'a LinkageGraph,
    directed: bool,
    by: GroupBy,
    grouping: &Grouping,
) -> Result<GraphMetrics<'a>, Failure> {
    let (orientation, degree) =
        if directed { (Orientation::Directed, Degree::Total) } else { (Orientation::Undirected, Degree::Undirected) };
    // One search per actor for both measures; values are in actor order.
    let paths = {
        let large = g.actor_count() >= crate::draw::LARGE_GRAPH;
        let bar = crate::progress::Progress::count_if(large, "actors", "shortest paths from every actor");
        g.path_centralities_with_progress(orientation, Normalization::Normalized, bar.callback())
    };
    let labels = g.group_labels(grouping)?;
    let brokerage = g.brokerage(grouping)?;
    let ei = g.ei_index(grouping)?;
    let actors = g
        .actors()
        .zip(paths.betweenness.iter().zip(paths.closeness.iter()))
        .zip(labels.into_iter().zip(brokerage.iter().zip(ei.actors())))
        .map(|((a, ((_, betweenness), (_, closeness))), (group, ((_, roles), (_, ei_index))))| {
            let id = a.id().as_str();
            Ok(ActorMetrics {
                id,
                name: a.name(),
                kind: a.kind().id(),
                degree: g.degree(id, degree)?,
                betweenness,
                closeness,
                group,
                brokerage: *roles,
                ei_index,
            })
        })
        .collect::<Result<Vec<_>, regdev::Error>>()?;
    Ok(GraphMetrics {
        town: g.focal_town().as_str(),
        orientation: orientation.id(),
        actors,
        density: g.density(),
        centralization: g.degree_centralization(),
        scale_profile: g.scale_profile(),
        borrowing_origins: g.institutional_borrowing_origins(),
        groups: by.id(),
        ei_index: ei.graph(),
        group_ei_index: ei.groups().clone(),
    })
}

fn graph_table(town: &Town, g: &LinkageGraph, m: &GraphMetrics<'_>) -> String {
    let mut out = format!(
        "Linkage graph of {} ({}): {} actors, {} linkages; {} measures\n\n",
        town.name().english(),
        town.id(),
        g.actor_count(),
        g.linkage_count(),
        m.orientation
    );
    let scales: Vec<String> =
        m.scale_profile.iter().map(|(scale, n, share)| format!("{} {n} ({:.0}%)", scale.id(), share * 100.0)).collect();
    let origins: Vec<&str> = m.borrowing_origins.iter().map(Place::as_str).collect();
    let origins = if origins.is_empty() { "—".to_owned() } else { origins.join(", ") };
    out.push_str(&table(
        &["MEASURE", "VALUE"],
        &[
            vec!["density".to_owned(), format!("{:.4}", m.density)],
            vec!["degree centralization".to_owned(), format!("{:.4}", m.centralization)],
            vec!["scale profile".to_owned(), scales.join(", ")],
            vec!["borrowing origins".to_owned(), origins],
            vec![format!("E-I index by {}", m.groups), ei_text(m.ei_index)],
        ],
    ));
    out.push('\n');
    let groups: Vec<Vec<String>> = m.group_ei_index.iter().map(|(label, v)| vec![label.clone(), ei_text(*v)]).collect();
    out.push_str(&table(&["GROUP", "E-I INDEX"], &groups));
    out.push('\n');
    let mut gatekeepers: Vec<&ActorMetrics<'_>> = m.actors.iter().filter(|a| a.brokerage.gatekeeper > 0).collect();
    gatekeepers.sort_by(|x, y| y.brokerage.gatekeeper.cmp(&x.brokerage.gatekeeper).then_with(|| x.id.cmp(y.id)));
    gatekeepers.truncate(TOP_GATEKEEPERS);
    if gatekeepers.is_empty() {
        out.push_str(&format!("No gatekeepers between groups by {}.\n\n", m.groups));
    } else {
        out.push_str(&format!("Top gatekeepers (groups by {}):\n", m.groups));
        let rows: Vec<Vec<String>> = gatekeepers
            .iter()
            .map(|a| {
                let b = &a.brokerage;
                vec![
                    a.id.to_owned(),
                    a.group.clone(),
                    b.gatekeeper.to_string(),
                    b.representative.to_string(),
                    b.coordinator.to_string(),
                    b.itinerant.to_string(),
                    b.liaison.to_string(),
                    b.total.to_string(),
                ]
            })
            .collect();
        out.push_str(&table(
            &["ACTOR", "GROUP", "GATEKEEPER", "REPRESENTATIVE", "COORDINATOR", "ITINERANT", "LIAISON", "TOTAL"],
            &rows,
        ));
        out.push('\n');
    }
    let rows: Vec<Vec<String>> = m
        .actors
        .iter()
        .map(|a| {
            vec![
                a.id.to_owned(),
                a.name.to_owned(),
                a.kind.to_owned(),
                a.degree.to_string(),
                format!("{:.4}", a.betweenness),
                format!("{:.4}", a.closeness),
            ]
        })
        .collect();
    out.push_str(&table(&["ACTOR", "NAME", "KIND", "DEGREE", "BETWEENNESS", "CLOSENESS"], &rows));
    out
}

/// `regdev graph TOWN`.
pub(crate) fn graph(args: &GraphArgs) -> Result<(), Failure> {
    let atlas = load::atlas(args.atlas.atlas.as_deref())?;
    let g = town_graph(&atlas, &args.town)?;
    let grouping = grouping(&atlas, g, args.groups);
    let metrics = graph_metrics(g, args.directed, args.groups, &grouping)?;
    match args.format {
        TableOrJson::Json => print(&json(&metrics)?),
        TableOrJson::Table => {
            let town = load::town(&atlas, g.focal_town().as_str())?;
            print(&graph_table(town, g, &metrics))
        }
    }
}

/// How many gatekeepers the table lists.
const TOP_GATEKEEPERS: usize = 5;

fn ei_text(v: Option<f64>) -> String {
    v.map_or_else(|| "— (no ties)".to_owned(), |x| format!("{x:+.3}"))
}
