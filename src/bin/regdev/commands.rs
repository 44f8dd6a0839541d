//! The subcommands.

use regdev::{Atlas, LinkageGraph, Money, Observed, Query, Town};
use serde::Serialize;

use crate::cli::{ExportArgs, ExportFormat, SynthArgs, TownsArgs, TownsFormat, ValidateArgs};
use crate::load;
use crate::output::{Failure, compact_amount, emit, emit_bytes, note, print, table, thousands};
use crate::progress::Progress;

/// Pretty JSON with a trailing newline.
pub(crate) fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| Failure::invalid(format!("cannot serialize JSON: {e}")))
}

/// `regdev validate FILE…`.
pub(crate) fn validate(args: &ValidateArgs) -> Result<(), Failure> {
    let mut invalid = 0usize;
    for (i, path) in args.files.iter().enumerate() {
        let file = load::label(path);
        let loaded = if path.is_dir() {
            crate::parquet::load_dir(path).map_err(|e| vec![e])
        } else {
            match load::read(path) {
                Ok(bytes) => load::parse_atlas(&bytes),
                Err(e) => {
                    invalid += 1;
                    let _ = e.report();
                    continue;
                }
            }
        };
        match loaded {
            Ok(atlas) => {
                print(&format!("{file}: ok ({})\n", counts(&atlas)))?;
                if args.audit {
                    let findings = {
                        let large = atlas.towns().len() >= LARGE_TOWNS;
                        let bar = Progress::count_if(large, "towns", "auditing");
                        atlas.audit_with_progress(&regdev::audit::AuditOptions::default(), bar.callback())
                    };
                    let mut text = String::new();
                    for f in &findings {
                        text.push_str(&format!("{file}: {f}\n"));
                    }
                    if findings.is_empty() {
                        text.push_str(&format!("{file}: audit found nothing\n"));
                    }
                    print(&text)?;
                }
                // The last atlas is never freed: the process exits next,
                // and freeing a large atlas record by record takes seconds
                // (see `load::atlas`). Earlier ones are freed as usual.
                if i + 1 == args.files.len() {
                    std::mem::forget(atlas);
                }
            }
            Err(errors) => {
                invalid += 1;
                for e in &errors {
                    note(&load::describe(&file, e));
                }
                let n = errors.len();
                note(&format!("{file}: invalid ({n} problem{})", if n == 1 { "" } else { "s" }));
            }
        }
    }
    if invalid == 0 {
        Ok(())
    } else {
        Err(Failure::invalid(format!("{invalid} of {} file(s) invalid", args.files.len())))
    }
}

/// From this many towns on, whole-atlas steps (audit, export) show a
/// progress bar on a terminal: they take about a second or more.
pub(crate) const LARGE_TOWNS: usize = 10_000;

fn counts(atlas: &Atlas) -> String {
    let actors: usize = atlas.graphs().map(LinkageGraph::actor_count).sum();
    let linkages: usize = atlas.graphs().map(LinkageGraph::linkage_count).sum();
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    [
        plural(atlas.towns().len(), "town", "towns"),
        plural(atlas.archetypes().len(), "archetype", "archetypes"),
        plural(atlas.graphs().len(), "graph", "graphs"),
        plural(actors, "actor", "actors"),
        plural(linkages, "linkage", "linkages"),
        plural(atlas.sources().len(), "source", "sources"),
    ]
    .join(", ")
}

/// `regdev towns`.
pub(crate) fn towns(args: &TownsArgs) -> Result<(), Failure> {
    let atlas = load::atlas(args.atlas.atlas.as_deref())?;
    let mut query = Query::all();
    if let Some(m) = args.model {
        query = query.and(Query::model(m));
    }
    if let Some(l) = args.level {
        query = query.and(Query::level(l));
    }
    if let Some(p) = &args.province {
        query = query.and(Query::province(p.clone()));
    }
    if let Some(p) = &args.parent {
        let parent = load::town(&atlas, p)?;
        query = query.and(Query::parent(parent.id().clone()));
    }
    match (args.min_population, args.max_population) {
        (Some(lo), Some(hi)) => query = query.and(Query::population(lo..=hi)),
        (Some(lo), None) => query = query.and(Query::population(lo..)),
        (None, Some(hi)) => query = query.and(Query::population(..=hi)),
        (None, None) => {}
    }
    let towns: Vec<&Town> = atlas.query(&query).collect();
    match args.format {
        TownsFormat::Json => print(&json(&towns)?),
        TownsFormat::Csv => print(&towns_csv(&atlas, &towns)?),
        TownsFormat::Table => {
            if towns.is_empty() {
                note("no town matches");
                return Ok(());
            }
            print(&towns_table(&towns))
        }
    }
}

fn observed<T>(o: Option<&Observed<T>>, show: impl Fn(&T) -> String) -> String {
    match o {
        None => "—".to_owned(),
        Some(o) => match o.year() {
            Some(y) => format!("{} ({y})", show(o.value())),
            None => show(o.value()),
        },
    }
}

fn money(m: &Money) -> String {
    format!("{} {}", compact_amount(m.amount()), m.currency().code())
}

fn towns_table(towns: &[&Town]) -> String {
    let rows: Vec<Vec<String>> = towns
        .iter()
        .map(|t| {
            let f = t.key_facts();
            vec![
                t.id().to_string(),
                t.name().english().to_owned(),
                t.name().chinese().unwrap_or("—").to_owned(),
                t.level().label().to_owned(),
                t.model().map_or_else(|| "—".to_owned(), |m| m.value().label().to_owned()),
                observed(f.area().as_ref(), |a| format!("{} km²", a.km2())),
                observed(f.population().as_ref(), |p| thousands(p.get())),
                observed(f.gdp().as_ref(), money),
                observed(f.gdp_per_capita().as_ref(), money),
            ]
        })
        .collect();
    table(&["ID", "NAME", "CHINESE", "LEVEL", "MODEL", "AREA", "POPULATION", "GDP", "GDP PER CAPITA"], &rows)
}

/// The towns as CSV in the layout for people ([`regdev::CsvColumns::People`]).
fn towns_csv(atlas: &Atlas, towns: &[&Town]) -> Result<String, Failure> {
    let mut out = Vec::new();
    atlas.write_towns_csv(towns.iter().copied(), regdev::CsvColumns::People, &mut out)?;
    String::from_utf8(out).map_err(|e| Failure::invalid(format!("CSV is not UTF-8: {e}")))
}

/// The linkage graph of a town, by id or name.
pub(crate) fn town_graph<'a>(atlas: &'a Atlas, query: &str) -> Result<&'a LinkageGraph, Failure> {
    let town = load::town(atlas, query)?;
    atlas.graph(town.id().as_str()).ok_or_else(|| {
        let with: Vec<String> = atlas.graphs().take(10).map(|g| format!("'{}'", g.focal_town())).collect();
        let hint = if with.is_empty() {
            "the atlas has no linkage graphs".to_owned()
        } else {
            format!("towns with one: {}{}", with.join(", "), if atlas.graphs().len() > 10 { ", …" } else { "" })
        };
        Failure::invalid(format!("town '{}' has no linkage graph; {hint}", town.id()))
    })
}

/// `regdev export FORMAT [TOWN] [-o FILE]`.
pub(crate) fn export(args: &ExportArgs) -> Result<(), Failure> {
    let needs_town = args.format == ExportFormat::Dot;
    let takes_town = matches!(args.format, ExportFormat::Graphml | ExportFormat::Dot);
    if args.per_town.is_some() && (args.format != ExportFormat::Graphml || args.town.is_some() || args.output.is_some())
    {
        return Err(Failure::usage("--per-town DIR goes with 'export graphml' alone (no TOWN, no -o)"));
    }
    match (&args.town, takes_town) {
        (None, true) if needs_town => return Err(Failure::usage("export dot needs a TOWN")),
        (Some(t), false) => {
            return Err(Failure::usage(format!("unexpected TOWN '{t}': only graphml and dot export one town")));
        }
        _ => {}
    }
    let out = args.output.as_deref();
    if args.format == ExportFormat::Schema {
        return emit(&json(&crate::schema::atlas_schema())?, out);
    }
    if args.format == ExportFormat::Parquet {
        return crate::parquet::export(args);
    }
    let atlas = load::atlas(args.atlas.atlas.as_deref())?;
    let large = atlas.towns().len() >= LARGE_TOWNS;
    match (args.format, args.town.as_deref()) {
        (ExportFormat::Json, _) => {
            // The bytes of `Atlas::to_json_pretty`, counted as they are made.
            let bar = Progress::written_if(large, "writing JSON");
            let mut bytes = Vec::new();
            {
                let mut out = bar.writer(&mut bytes);
                serde_json::to_writer_pretty(&mut out, &*atlas)
                    .map_err(|e| Failure::invalid(format!("cannot serialize JSON: {e}")))?;
                std::io::Write::flush(&mut out)?;
            }
            drop(bar);
            bytes.push(b'\n');
            emit_bytes(&bytes, out)
        }
        (ExportFormat::Csv, _) => {
            let towns: Vec<&Town> = atlas.towns().collect();
            emit(&towns_csv(&atlas, &towns)?, out)
        }
        (ExportFormat::Graphml, Some(town)) => emit(&town_graph(&atlas, town)?.to_graphml_string()?, out),
        (ExportFormat::Graphml, None) => match &args.per_town {
            Some(dir) => {
                let bar = Progress::count_if(large, "graphs", format!("writing GraphML files into {}", dir.display()));
                let mut done = bar.callback();
                let total = atlas.graphs().len() as u64;
                done(0, total);
                // A thousand graphs at a time, for the count: focal towns
                // are unique in a valid atlas, so no duplicate can hide
                // between two chunks.
                let graphs: Vec<&LinkageGraph> = atlas.graphs().collect();
                let mut written = 0;
                for chunk in graphs.chunks(1_000) {
                    written += regdev::graphml::write_each(chunk.iter().copied(), dir)?.len();
                    done(written as u64, total);
                }
                drop(bar);
                note(&format!("wrote {written} GraphML file(s) into {}", dir.display()));
                Ok(())
            }
            None => {
                let bar = Progress::written_if(large, "writing GraphML");
                let mut bytes = Vec::new();
                let mut counted = bar.writer(&mut bytes);
                regdev::graphml::write_all(atlas.graphs(), &mut counted)?;
                std::io::Write::flush(&mut counted)?;
                drop(counted);
                drop(bar);
                emit_bytes(&bytes, out)
            }
        },
        (ExportFormat::Dot, Some(town)) => emit(&town_graph(&atlas, town)?.to_dot_string(), out),
        (ExportFormat::Schema | ExportFormat::Parquet, _) | (ExportFormat::Dot, None) => {
            Err(Failure::usage("unreachable export combination"))
        }
    }
}

/// `regdev synth`: the synthetic generator's peer files, with a bar of the
/// towns and graphs generated on a terminal and silence otherwise.
pub(crate) fn synth(args: &SynthArgs) -> Result<(), Failure> {
    let config =
        regdev::synth::SynthConfig::new().towns(args.towns).seed(args.seed).actors_per_town(args.actors_per_town)?;
    let total = (config.get_towns() + config.expected_graphs()) as u64;
    let bar = Progress::count(total, "towns and graphs", format!("generating into {}", args.out.display()));
    let result = regdev::synth::write_peer_files_with_progress(
        &config,
        &args.out,
        bar.callback_then("validating, writing files"),
    );
    drop(bar);
    let summary = result?;
    let mut text = format!(
        "wrote {} towns, {} graphs, {} actors, {} linkages:\n",
        summary.towns, summary.graphs, summary.actors, summary.linkages
    );
    for (path, bytes) in &summary.files {
        text.push_str(&format!("  {} ({bytes} bytes)\n", path.display()));
    }
    print(&text)
}
