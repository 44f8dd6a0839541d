//! GraphML import from arbitrary bytes: `linkage::import::from_graphml` on
//! the UTF-8 text, for a fixed town and, when the bytes name one, for the
//! town of a `town` attribute.
//!
//! Any outcome is fine except a panic, an abort, a timeout or running out
//! of memory. Errors must render (`Display`) without panicking, and a graph
//! that imports must export and import again to an equal graph.

#![no_main]

use libfuzzer_sys::fuzz_target;
use regdev::TownId;
use regdev::linkage::import::{ImportOptions, from_graphml};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(town) = TownId::new("t") else { return };
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
});
