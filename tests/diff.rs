//! `graphgen diff` on real data: the calls area of the 2021 reference against the same
//! area in the modern archive. The changes the docs are known to carry must be found,
//! each marked as it should be.

use graphgen::SpecSet;
use graphgen::diff::{self, ChangeKind};
use graphgen::job::{DistillJob, NoProgress};
use graphgen::spec::ApiVersion;
use graphgen_tests::shared_dir;

const CALLS: [&str; 3] = ["*/api/call-*", "*/api/participant-*", "*/api/application-post-calls"];

fn distill(out: &std::path::Path, sources: &[&str]) -> SpecSet {
    let mut job = DistillJob::new(out).only(CALLS).with_types(true);
    for s in sources {
        job = job.source(shared_dir().join("graph-docs").join(s));
    }
    let report = job.run(&NoProgress).unwrap();
    assert!(report.failures.is_empty());
    SpecSet::load_dir(out).unwrap().0
}

#[test]
fn calls_area_2021_to_modern() {
    let dir = tempfile::tempdir().unwrap();
    let old = distill(&dir.path().join("2021"), &["graph-api-docs.tar.gz"]);
    let new = distill(
        &dir.path().join("modern"),
        &["graph-docs-modern-calls.tar.gz", "graph-api-docs.tar.gz"],
    );
    let report = diff::compare(&old, &new, "2021", "modern");
    let find = |version: ApiVersion, item: &str, kind: ChangeKind| {
        report
            .changes
            .iter()
            .find(|c| c.version == version && c.item.contains(item) && c.kind == kind)
            .unwrap_or_else(|| {
                panic!("no {kind:?} for {item} ({version}) in {:#?}", report.changes)
            })
    };
    // beta gained stopRecording.
    let stop = find(ApiVersion::Beta, "call-stoprecording", ChangeKind::ActionAdded);
    assert!(!stop.breaking);
    // v1.0 gained stopTranscription; an added action breaks nothing.
    let added = find(ApiVersion::V1, "call-stoptranscription", ChangeKind::ActionAdded);
    assert!(!added.breaking);
    assert!(added.detail.contains("microsoft.graph.StopTranscription"));
    // answer gained an optional callOptions parameter: not breaking.
    let options = find(ApiVersion::V1, "call-answer", ChangeKind::ParamAdded);
    assert!(options.detail.contains("callOptions") && !options.breaking);
    // New types are not breaking; every removal is.
    assert!(report.changes.iter().filter(|c| c.kind == ChangeKind::TypeAdded).all(|c| !c.breaking));
    assert!(
        report
            .changes
            .iter()
            .filter(|c| matches!(
                c.kind,
                ChangeKind::TypeRemoved
                    | ChangeKind::PropertyRemoved
                    | ChangeKind::PropertyRetyped
                    | ChangeKind::MemberRemoved
                    | ChangeKind::ActionRemoved
            ))
            .all(|c| c.breaking)
    );

    // Both renderings carry every change.
    let md = diff::to_markdown(&report);
    assert!(md.contains(&format!("**{} breaking**", report.breaking())));
    assert!(md.contains("  - parameter added: `callOptions` (incomingCallOptions)"));
    assert!(report.breaking() > 0 && md.contains("**breaking**"));
    let json: serde_json::Value = serde_json::from_str(&diff::to_json(&report)).unwrap();
    assert_eq!(json["changes"].as_array().unwrap().len(), report.changes.len());
    assert_eq!(json["breaking"], report.breaking());
    println!("{md}");
}

#[test]
fn identical_folders_have_no_changes() {
    let specs = SpecSet::load_dir(&graphgen_tests::workspace_root().join("specs")).unwrap().0;
    let report = diff::compare(&specs, &specs, "specs", "specs");
    assert!(report.changes.is_empty(), "{:#?}", report.changes);
    assert!(diff::to_markdown(&report).contains("**0 breaking**, 0 non-breaking changes."));
}
