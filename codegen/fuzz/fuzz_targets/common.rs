//! What the targets share: where a fuzzed page is filed, and the checks every
//! distilled page must pass.

use std::collections::HashMap;

use graphgen::distill::{DistillOptions, Distilled, page_bytes};
use graphgen::source::DocSource;
use graphgen::spec::PageSpec;

/// The page path a leading selector byte picks: an API page, a resource page, or a
/// page outside both folders (its kind then comes from `doc_type` or its sections).
#[allow(dead_code)]
pub fn page_path(selector: u8) -> &'static str {
    match selector % 3 {
        0 => "api-reference/v1.0/api/fuzz-page.md",
        1 => "api-reference/beta/resources/fuzzpage.md",
        _ => "fuzz-page.md",
    }
}

/// Distill `page` filed at `path`, with `files` (other files of the docs tree) beside it,
/// and check what the distiller promises of any input.
pub fn distill_and_check(
    path: &str,
    page: &[u8],
    files: HashMap<String, Vec<u8>>,
) -> Option<Distilled> {
    let mut all = files;
    all.insert(path.to_string(), page.to_vec());
    let source = DocSource::from_files(all, "fuzz");
    let options = DistillOptions::default();
    let distilled = page_bytes(&source, path, page, &options).ok()?;
    check_spec(page, &distilled.spec);
    Some(distilled)
}

/// The spec survives its own JSON format, and every diagnostic about the page points at
/// a line the page has.
pub fn check_spec(page: &[u8], spec: &PageSpec) {
    let json = serde_json::to_string(spec).expect("a spec always serializes");
    let back: PageSpec = serde_json::from_str(&json).expect("a spec reads back");
    assert_eq!(&back, spec, "the spec's JSON round trip changed it");
    let lines = page.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    for d in spec.diagnostics() {
        if d.file.is_none() {
            if let Some(line) = d.line {
                assert!(
                    line >= 1 && line <= lines,
                    "diagnostic line {line} of a {lines}-line page: {d:?}"
                );
            }
        }
    }
}
