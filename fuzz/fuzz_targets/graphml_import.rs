//! GraphML import from arbitrary bytes: `linkage::import::from_graphml` on
//! the UTF-8 text, for a fixed town and, when the bytes hold a node id of
//! the all-towns form `TOWN:ACTOR`, for that town too.
//!
//! Any outcome is fine except a panic, an abort, a timeout or running out
//! of memory. Errors must render (`Display`) without panicking, and a graph
//! that imports must export and import again to an equal graph.

#![no_main]

use libfuzzer_sys::fuzz_target;
use regdev::TownId;
use regdev::import::{ImportOptions, from_graphml};

fn check(text: &str, town: TownId) {
    match from_graphml(text, &ImportOptions::new(town.clone())) {
        Ok(imported) => {
            let xml = imported.graph.to_graphml_string().expect("export to memory");
            let again = from_graphml(&xml, &ImportOptions::new(town)).expect("re-import of an export");
            assert_eq!(again.graph, imported.graph, "GraphML round trip changed the graph");
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(town) = TownId::new("t") {
        check(text, town);
    }
    const NODE: &str = "<node id=\"";
    let named = text
        .find(NODE)
        .and_then(|i| text.get(i + NODE.len()..))
        .and_then(|rest| rest.split_once(':'))
        .and_then(|(town, _)| TownId::new(town).ok());
    if let Some(town) = named {
        check(text, town);
    }
});
