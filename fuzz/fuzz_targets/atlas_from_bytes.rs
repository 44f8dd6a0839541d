//! Atlas deserialization from arbitrary bytes: JSON through
//! `Atlas::from_json_slice` (first error) and `Atlas::document_from_json` +
//! `Atlas::validate_document` (every error), and TOML through
//! `AtlasDocument` + `Atlas::from_document` when the bytes are UTF-8.
//!
//! Any outcome is fine except a panic, an abort, a timeout or running out
//! of memory. Errors must render (`Display`) without panicking too.

#![no_main]

use libfuzzer_sys::fuzz_target;
use regdev::{Atlas, AtlasDocument};

fuzz_target!(|data: &[u8]| {
    match Atlas::from_json_slice(data) {
        Ok(atlas) => {
            // A loaded atlas serializes and reloads to an equal atlas.
            if let Ok(json) = atlas.to_json_pretty() {
                assert_eq!(Atlas::from_json_str(&json).ok().as_ref(), Some(&atlas), "JSON round trip changed the atlas");
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    if let Ok(doc) = Atlas::document_from_json(data) {
        if let Err(errors) = Atlas::validate_document(doc) {
            assert!(!errors.is_empty(), "validate_document returned an empty error list");
            for e in &errors {
                let _ = e.to_string();
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(doc) = toml::from_str::<AtlasDocument>(text) {
            if let Err(e) = Atlas::from_document(doc) {
                let _ = e.to_string();
            }
        }
    }
});
