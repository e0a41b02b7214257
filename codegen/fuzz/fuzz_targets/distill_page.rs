//! Arbitrary bytes as a doc page: the distiller never panics, its spec survives a JSON
//! round trip, and its diagnostics point at lines the page has.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, page)) = data.split_first() else { return };
    common::distill_and_check(common::page_path(selector), page, Default::default());
});
