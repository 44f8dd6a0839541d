//! `regdev import graphml|edges FILE --town TOWN`: a linkage graph from
//! GraphML or a CSV edge list, validated, written as an atlas fragment.

use regdev::import::{self, ImportOptions, Imported};
use regdev::{SourceId, TownId};
use serde::Serialize;

use crate::cli::{ImportArgs, ImportFormat};
use crate::commands::json;
use crate::load;
use crate::output::{Failure, emit, note};

/// The atlas fragment: a document with one graph, which an atlas file
/// takes into its `graphs` list.
#[derive(Serialize)]
struct Fragment<'a> {
    format_version: u32,
    graphs: [&'a regdev::LinkageGraph; 1],
}

/// `regdev import`.
pub(crate) fn import(args: &ImportArgs) -> Result<(), Failure> {
    let town = TownId::new(&args.town)?;
    let mut options = ImportOptions::new(town);
    if let Some(s) = &args.source {
        options = options.default_source(SourceId::new(s)?);
    }
    if let Some(k) = args.actor_kind {
        options = options.actor_kind(k);
    }
    let file = load::label(&args.file);
    let bytes = load::read(&args.file)?;
    let imported: Imported = match args.format {
        ImportFormat::Graphml => {
            if args.nodes.is_some() || args.actor_kind.is_some() {
                return Err(Failure::usage("--nodes and --actor-kind go with 'import edges'"));
            }
            let text =
                std::str::from_utf8(&bytes).map_err(|e| Failure::invalid(format!("{file}: not UTF-8 text: {e}")))?;
            import::from_graphml(text, &options).map_err(|e| e.context(file.clone()))?
        }
        ImportFormat::Edges => {
            let nodes = args.nodes.as_deref().map(load::read).transpose()?;
            import::from_edge_csv(bytes.as_slice(), nodes.as_deref(), &options).map_err(|e| e.context(file.clone()))?
        }
    };
    for what in &imported.ignored {
        note(&format!("{file}: left out {what} (not part of the linkage model)"));
    }
    let fragment = Fragment { format_version: regdev::FORMAT_VERSION, graphs: [&imported.graph] };
    emit(&json(&fragment)?, args.output.as_deref())
}
