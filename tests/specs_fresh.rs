//! `specs/` is always what `graphgen distill` writes from the sources its lock file
//! records, and `specs/schema.json` is the schema of the current spec model.

use std::path::Path;

use graphgen::job::{DistillJob, NoProgress};
use graphgen::store;
use graphgen_tests::workspace_root;

#[test]
fn schema_json_is_current() {
    let checked_in = std::fs::read_to_string(workspace_root().join("specs/schema.json")).unwrap();
    assert!(
        checked_in == store::schema_text(),
        "specs/schema.json is stale: run `cargo run -p graphgen -- distill` to rewrite it"
    );
}

#[test]
fn checked_in_specs_equal_a_fresh_distill() {
    let root = workspace_root();
    let specs = root.join("specs");
    let lock = store::read_lock(&specs).unwrap().expect("specs/lock.json exists");
    let out = tempfile::tempdir().unwrap();
    // The lock records sources as given, relative to the workspace root.
    std::env::set_current_dir(&root).unwrap();
    let mut job = DistillJob::new(out.path()).only(lock.only.clone()).with_types(lock.with_types);
    for s in &lock.docs_sources {
        job = job.source(s);
    }
    let report = job.run(&NoProgress).unwrap();
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    let fresh = store::spec_files(out.path()).unwrap();
    let checked_in = store::spec_files(&specs).unwrap();
    assert_eq!(
        fresh, checked_in,
        "the set of spec files differs: run `cargo run -p graphgen -- distill`"
    );
    let mut stale = Vec::new();
    for rel in &fresh {
        if read(&out.path().join(rel)) != read(&specs.join(rel)) {
            stale.push(rel.clone());
        }
    }
    assert!(stale.is_empty(), "stale specs (run `cargo run -p graphgen -- distill`): {stale:#?}");
    let fresh_lock = store::read_lock(out.path()).unwrap().unwrap();
    let stale_lock: Vec<&String> = fresh_lock
        .pages
        .iter()
        .filter(|(k, v)| lock.pages.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(stale_lock.is_empty(), "lock.json entries are stale: {stale_lock:?}");
    assert_eq!(fresh_lock.pages.len(), lock.pages.len());
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
