//! Arbitrary bytes as a doc page, distilled and then emitted: whatever names, types and
//! paths the page holds, the emitter never panics and every file it writes parses as
//! Rust.
#![no_main]

use graphgen::SpecSet;
use graphgen::emit::{EmitError, EmitOptions, GeneratedFile, RootKind, emit_files};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, page)) = data.split_first() else { return };
    let Some(distilled) =
        common::distill_and_check(common::page_path(selector), page, Default::default())
    else {
        return;
    };
    let set = SpecSet::from_specs([distilled.spec]);
    let options = EmitOptions { root: RootKind::Module, ..EmitOptions::default() };
    match emit_files(&set, &options) {
        Ok(emitted) => check_modules(&emitted.files),
        Err(e @ EmitError::Unparsable { .. }) => panic!("{e}"),
        Err(_) => {}
    }
});

/// Every `mod name;` a file declares has its file (`name.rs` beside a `mod.rs`, with a
/// raw identifier's `r#` dropped), and every file is declared by its folder's `mod.rs`.
fn check_modules(files: &[GeneratedFile]) {
    let paths: std::collections::BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut declared = std::collections::BTreeSet::new();
    for file in files {
        let dir = file.path.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
        for line in file.contents.lines() {
            let Some(name) = line.trim().trim_start_matches("pub ").strip_prefix("mod ") else {
                continue;
            };
            let Some(name) = name.strip_suffix(';') else { continue };
            let name = name.strip_prefix("r#").unwrap_or(name);
            let leaf = format!("{dir}{name}.rs");
            let nested = format!("{dir}{name}/mod.rs");
            assert!(
                paths.contains(leaf.as_str()) || paths.contains(nested.as_str()),
                "{} declares `mod {name};` but neither {leaf} nor {nested} is written",
                file.path
            );
            declared.insert(leaf);
            declared.insert(nested);
        }
    }
    for path in &paths {
        if *path != "mod.rs" {
            assert!(declared.contains(*path), "{path} is written but no module declares it");
        }
    }
}
