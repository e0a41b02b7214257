//! The hostile-page suite: each case of `hostile/pages.rs` is distilled in a docs tree
//! of its own beside a good page pair, and must get its diagnostics (file, line, kind)
//! while the good pages' specs come out exactly as they do alone. All cases together in
//! one run change nothing either. Where a case still describes a usable action, the
//! downstream crate's build script generates code for it and the compiler checks it
//! (`graphgen_downstream::hostile`; the tests here use the generated items by name).

#[path = "hostile/pages.rs"]
mod pages;

use std::collections::BTreeMap;
use std::path::Path;

use graphgen::distill::{DistillError, DistillErrorKind, DistillOptions};
use graphgen::job::{DistillJob, DistillReport, NoProgress};
use graphgen::spec::{Diagnostic, DiagnosticKind, PageSpec, Requirement, Severity};
use graphgen::store;
use graphgen_downstream::hostile;

/// What a run gave: the report, and every spec by spec path.
struct Run {
    report: DistillReport,
    specs: BTreeMap<String, PageSpec>,
}

fn write_tree(root: &Path, files: &[(String, Vec<u8>)]) {
    for (path, bytes) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

fn distill(files: &[(String, Vec<u8>)], options: DistillOptions) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let out = dir.path().join("specs");
    write_tree(&docs, files);
    let report = DistillJob::new(&out).source(&docs).options(options).run(&NoProgress).unwrap();
    let specs = store::read_all(&out).unwrap().into_iter().collect();
    Run { report, specs }
}

fn with_good(case_files: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    let mut files = pages::good_pages();
    files.extend(case_files.iter().cloned());
    files
}

fn case(name: &str) -> pages::Case {
    pages::cases().into_iter().find(|c| c.name == name).expect("a case of that name")
}

/// The spec of a page (by its source path).
fn spec_of<'a>(run: &'a Run, page: &str) -> &'a PageSpec {
    run.specs
        .values()
        .find(|s| source_of(s) == page)
        .unwrap_or_else(|| panic!("no spec from {page}; specs: {:?}", run.specs.keys()))
}

fn source_of(spec: &PageSpec) -> &str {
    match spec {
        PageSpec::Api(a) => &a.source,
        PageSpec::Resource(r) => &r.source,
    }
}

/// The 1-based line of the first line of `page` that starts with `prefix`.
fn line_of(page: &[u8], prefix: &str) -> u32 {
    let text = String::from_utf8_lossy(page);
    let i = text
        .lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?}"));
    i as u32 + 1
}

/// The diagnostics of `kind` in a spec.
fn diagnostics(spec: &PageSpec, kind: DiagnosticKind) -> Vec<&Diagnostic> {
    spec.diagnostics().iter().filter(|d| d.kind == kind).collect()
}

/// Assert one diagnostic of `kind` at `line` of the page itself (not an included file).
fn assert_diagnostic(spec: &PageSpec, kind: DiagnosticKind, severity: Severity, line: Option<u32>) {
    let found = diagnostics(spec, kind);
    assert!(
        found.iter().any(|d| d.line == line && d.severity == severity && d.file.is_none()),
        "{}: no {severity:?} {kind} at line {line:?}; diagnostics: {:#?}",
        source_of(spec),
        spec.diagnostics()
    );
}

fn api(spec: &PageSpec) -> &graphgen::spec::ApiPage {
    match spec {
        PageSpec::Api(a) => a,
        PageSpec::Resource(r) => panic!("{} is a resource page", r.source),
    }
}

fn param_names(spec: &PageSpec) -> Vec<&str> {
    api(spec).request_body.params.iter().map(|p| p.name.as_str()).collect()
}

/// Distill the case beside the good pages: the good pages' specs must be exactly what
/// they are alone, and no page but the case's may fail.
fn run_case(name: &str) -> (pages::Case, Run) {
    let case = case(name);
    let alone = distill(&pages::good_pages(), DistillOptions::default());
    let run = distill(&with_good(&case.files), DistillOptions::default());
    assert_good_unaffected(&alone, &run);
    for failure in &run.report.failures {
        assert!(
            case.files.iter().any(|(p, _)| *p == failure.path),
            "{name}: a page outside the case failed: {failure}"
        );
    }
    (case, run)
}

fn assert_good_unaffected(alone: &Run, run: &Run) {
    assert_eq!(alone.specs.len(), 2);
    for (path, spec) in &alone.specs {
        assert_eq!(run.specs.get(path), Some(spec), "the good page {path} changed");
    }
}

#[test]
fn unclosed_fence_swallowing_the_response_heading() {
    let (case, run) = run_case("unclosed_fence");
    let page = &case.files[0].1;
    let spec = spec_of(&run, &case.page);
    assert_diagnostic(
        spec,
        DiagnosticKind::UnclosedCodeFence,
        Severity::Error,
        Some(line_of(page, "```http")),
    );
    assert_diagnostic(spec, DiagnosticKind::MissingSection, Severity::Warning, None);
    // The request line before the swallowed sections is still read, and the swallowed
    // headings are not reported as request lines one by one.
    let ops = &api(spec).operations;
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].path, "/gadgets/{id}/reset");
    assert!(
        diagnostics(spec, DiagnosticKind::UnparsedRequestLine).is_empty(),
        "{:#?}",
        spec.diagnostics()
    );
}

#[test]
fn table_rows_with_missing_and_extra_cells() {
    let (case, run) = run_case("ragged_table");
    let page = &case.files[0].1;
    let spec = spec_of(&run, &case.page);
    assert_diagnostic(
        spec,
        DiagnosticKind::RaggedTableRow,
        Severity::Warning,
        Some(line_of(page, "| level |")),
    );
    assert_diagnostic(
        spec,
        DiagnosticKind::RaggedTableRow,
        Severity::Warning,
        Some(line_of(page, "| mode |")),
    );
    assert_eq!(param_names(spec), ["level", "mode", "pitch"]);
    // Generated and compiled: the rows' parameters, typed.
    let body = hostile::v1::requests::GadgetTuneRequest {
        level: Some(3),
        mode: Some("fast".into()),
        pitch: Some(0.5),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        serde_json::json!({"level": 3, "mode": "fast", "pitch": 0.5})
    );
}

#[test]
fn a_page_over_the_size_limit_is_refused_naming_the_file() {
    let (case, run) = run_case("huge_page");
    let size = case.files[0].1.len();
    assert!(size >= 10 * 1024 * 1024);
    let limit = DistillOptions::default().max_page_bytes;
    assert_eq!(
        run.report.failures,
        [DistillError {
            path: case.page.clone(),
            line: None,
            kind: DistillErrorKind::TooLarge { size, limit },
        }]
    );
    let message = run.report.failures[0].to_string();
    assert!(message.starts_with(&format!("{}: page is {size} bytes", case.page)), "{message}");
    assert!(run.specs.values().all(|s| source_of(s) != case.page));
    // The limit is a setting: raised above the page, the page is parsed.
    let options = DistillOptions { max_page_bytes: 16 * 1024 * 1024 };
    let run = distill(&with_good(&case.files), options);
    assert!(run.report.failures.is_empty());
    assert_eq!(api(spec_of(&run, &case.page)).operations[0].path, "/gadgets/{id}/bulk");
    // And lowered below the good pages, they are refused too, each by name.
    let tiny = distill(&pages::good_pages(), DistillOptions { max_page_bytes: 100 });
    let refused: Vec<&str> = tiny.report.failures.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        refused,
        [format!("{}/widget-get.md", pages::API), format!("{}/widget.md", pages::RESOURCES)]
    );
}

#[test]
fn deeply_nested_lists_quotes_and_brackets() {
    let (case, run) = run_case("deep_lists");
    let spec = spec_of(&run, &case.page);
    // Each list item is its own text: the description holds every item once (it once
    // repeated each level's nested levels: 500 MB from this 1 MB page).
    let description = &api(spec).description;
    assert!(description.len() < case.files[0].1.len(), "{} bytes", description.len());
    assert_eq!(description.matches("item").count(), 1000);
    assert_eq!(api(spec).operations[0].path, "/gadgets/{id}/nest");
    assert_eq!(param_names(spec), ["depth"]);
    let _: hostile::v1::requests::GadgetNestRequest =
        hostile::v1::requests::GadgetNestRequest { depth: Some(1), ..Default::default() };
}

#[test]
fn html_garbage_around_a_good_action() {
    let (case, run) = run_case("html_garbage");
    let spec = spec_of(&run, &case.page);
    assert_eq!(api(spec).operations[0].path, "/gadgets/{id}/paint");
    assert_eq!(param_names(spec), ["color"]);
    assert!(
        spec.diagnostics().iter().all(|d| d.severity != Severity::Error),
        "{:#?}",
        spec.diagnostics()
    );
    let _ = hostile::v1::requests::GadgetPaintRequest {
        color: Some("red".into()),
        ..Default::default()
    };
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_its_line() {
    let (case, run) = run_case("invalid_utf8");
    let page = &case.files[0].1;
    let spec = spec_of(&run, &case.page);
    assert_diagnostic(
        spec,
        DiagnosticKind::InvalidUtf8,
        Severity::Warning,
        Some(line_of(page, "| unit |")),
    );
    let unit = &api(spec).request_body.params[0];
    assert_eq!(unit.name, "unit");
    assert!(unit.description.contains('\u{FFFD}'), "{}", unit.description);
    let _ =
        hostile::v1::requests::GadgetWeighRequest { unit: Some("kg".into()), ..Default::default() };
}

#[test]
fn annotation_that_is_not_json() {
    let (case, run) = run_case("bad_annotation");
    let page = &case.files[0].1;
    let spec = spec_of(&run, &case.page);
    let line = line_of(page, "<!-- { \"blockType\": \"response\"");
    assert_diagnostic(spec, DiagnosticKind::InvalidAnnotation, Severity::Warning, Some(line));
    assert_eq!(api(spec).operations[0].path, "/gadgets/{id}/count");
}

#[test]
fn annotation_with_trailing_commas_is_read_with_a_note() {
    let (case, run) = run_case("trailing_comma_annotation");
    let page = &case.files[0].1;
    let spec = spec_of(&run, &case.page);
    let line = line_of(page, "<!-- { \"blockType\": \"response\"");
    assert_diagnostic(spec, DiagnosticKind::InvalidAnnotation, Severity::Note, Some(line));
    let response = api(spec)
        .examples
        .iter()
        .find(|e| e.annotation.as_ref().and_then(|a| a.block_type.as_deref()) == Some("response"))
        .expect("the response example keeps its annotation");
    assert_eq!(response.annotation.as_ref().map(|a| a.truncated), Some(true));
}

#[test]
fn two_pages_defining_the_same_action() {
    let (case, run) = run_case("same_action_twice");
    let (first, second) = (&case.files[0], &case.files[1]);
    for ((this, bytes), other) in [(first, &second.0), (second, &first.0)] {
        let spec = spec_of(&run, this);
        assert_diagnostic(
            spec,
            DiagnosticKind::DuplicateAction,
            Severity::Warning,
            Some(line_of(bytes, "POST /gadgets")),
        );
        let d = diagnostics(spec, DiagnosticKind::DuplicateAction)[0];
        assert!(d.message.contains(other.as_str()), "{}", d.message);
    }
    // Both are generated (and compile); the second gets a suffixed name.
    fn methods(item: &hostile::v1::paths::GadgetsItem) {
        let _ = (item.start(), item.start_2());
    }
    let _ = methods;
}

#[test]
fn keywords_as_parameter_property_and_type_names() {
    let (case, run) = run_case("keyword_names");
    for (path, _) in &case.files {
        let spec = spec_of(&run, path);
        assert!(
            spec.diagnostics().iter().all(|d| d.severity == Severity::Note),
            "{path}: {:#?}",
            spec.diagnostics()
        );
    }
    use hostile::v1::requests::GadgetConfigureRequest;
    use hostile::v1::types::{Crate, Self_, Type};
    let body = GadgetConfigureRequest {
        r#type: Some("t".into()),
        self_: Some(Self_ {
            r#type: Some("x".into()),
            r_try: Some("y".into()),
            ..Default::default()
        }),
        self_2: Some(Type { crate_: Some(1), r#fn: Some("f".into()), ..Default::default() }),
        crate_: Some(Crate::Self_),
        r_try: Some(true),
        super_: Some(2),
        ..Default::default()
    };
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "type": "t",
            "self": {"type": "x", "r#try": "y"},
            "Self": {"crate": 1, "fn": "f"},
            "crate": "self",
            "r#try": true,
            "super": 2
        })
    );
    assert_eq!(serde_json::from_value::<GadgetConfigureRequest>(json).unwrap(), body);
}

#[test]
fn names_that_collide_after_case_conversion() {
    let (case, run) = run_case("case_collisions");
    let spec = spec_of(&run, &case.page);
    assert_eq!(
        param_names(spec),
        ["displayName", "display_name", "DisplayName", "display-name", "value"]
    );
    use hostile::v1::requests::GadgetRenameRequest;
    use hostile::v1::types::{GadgetName, GadgetName2};
    let body = GadgetRenameRequest {
        display_name: Some("1".into()),
        display_name_2: Some("2".into()),
        display_name_3: Some("3".into()),
        display_name_4: Some(GadgetName {
            id: Some("a".into()),
            id_2: Some("b".into()),
            id_3: Some(3),
            ..Default::default()
        }),
        value: Some(GadgetName2 { id: Some("c".into()), ..Default::default() }),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        serde_json::json!({
            "displayName": "1", "display_name": "2", "DisplayName": "3",
            "display-name": {"id": "a", "ID": "b", "Id": 3},
            "value": {"id": "c"}
        })
    );
}

#[test]
fn a_type_that_contains_itself() {
    let (case, run) = run_case("self_containing_type");
    assert!(run.report.failures.is_empty());
    assert_eq!(run.specs.len(), 2 + case.files.len());
    use hostile::v1::types::{GadgetEdge, GadgetNode};
    let node = GadgetNode {
        next: Some(Box::new(GadgetNode::default())),
        edge: Some(Box::new(GadgetEdge {
            to: Some(Box::new(GadgetNode::default())),
            ..Default::default()
        })),
        ..Default::default()
    };
    let json = serde_json::to_value(&node).unwrap();
    assert_eq!(json, serde_json::json!({"next": {}, "edge": {"to": {}}}));
}

#[test]
fn unknown_and_unreadable_types() {
    let (case, run) = run_case("unknown_type");
    let page = &case.files[0].1;
    let spec = spec_of(&run, &case.page);
    assert_diagnostic(
        spec,
        DiagnosticKind::UnparsedType,
        Severity::Warning,
        Some(line_of(page, "| shape |")),
    );
    assert_eq!(param_names(spec), ["blob", "shape"]);
    // Both fall back to raw JSON.
    let body = hostile::v1::requests::GadgetImportRequest {
        blob: Some(serde_json::json!({"any": 1})),
        shape: Some(serde_json::json!([1, 2])),
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&body).unwrap()["shape"], serde_json::json!([1, 2]));
}

#[test]
fn enum_members_that_are_not_identifiers() {
    let (case, run) = run_case("odd_enum_members");
    assert!(run.report.failures.is_empty());
    let _ = spec_of(&run, &case.files[1].0);
    use hostile::v1::types::GadgetQuality;
    for (value, wire) in [
        (GadgetQuality::_1080p, "1080p"),
        (GadgetQuality::U2D, "-"),
        // A member cell is read up to its first space (cells like "`value` (deprecated)").
        (GadgetQuality::A, "a"),
        (GadgetQuality::UE9, "é"),
        (GadgetQuality::Other, "other"),
        (GadgetQuality::Other2, "Other"),
        (GadgetQuality::UnknownFutureValue, "unknownFutureValue"),
        (GadgetQuality::Self_, "self"),
        (GadgetQuality::Unlisted("weird".into()), "weird"),
    ] {
        let json = serde_json::to_value(&value).unwrap();
        assert_eq!(json, serde_json::json!(wire));
        assert_eq!(serde_json::from_value::<GadgetQuality>(json).unwrap(), value);
    }
}

#[test]
fn a_key_written_as_alternatives() {
    let (case, run) = run_case("alternative_key");
    let spec = spec_of(&run, &case.page);
    let op = &api(spec).operations[0];
    assert_eq!(op.path_params[0].name, "id");
    assert_eq!(op.path_params[0].alternatives, ["id", "userPrincipalName"]);
    assert!(
        spec.diagnostics().iter().all(|d| d.severity == Severity::Note),
        "{:#?}",
        spec.diagnostics()
    );
    let graph = hostile::v1::Graph::new(graphgen_runtime::Client::new("t").unwrap());
    let path = graph.user("a@b.c").gadget("g/1").path();
    assert_eq!(path.as_str(), "/users/a%40b.c/gadgets/g%2F1");
}

/// Every case in one docs tree: each hostile page gets the diagnostics it gets alone,
/// and the good pages are unaffected.
#[test]
fn all_cases_in_one_run() {
    let cases = pages::cases();
    let all: Vec<(String, Vec<u8>)> = cases.iter().flat_map(|c| c.files.clone()).collect();
    let together = distill(&with_good(&all), DistillOptions::default());
    let alone = distill(&pages::good_pages(), DistillOptions::default());
    assert_good_unaffected(&alone, &together);
    for case in &cases {
        let solo = distill(&with_good(&case.files), DistillOptions::default());
        for (path, _) in &case.files {
            let a = solo.specs.values().find(|s| source_of(s) == path);
            let b = together.specs.values().find(|s| source_of(s) == path);
            assert_eq!(a, b, "{}: {path} differs when distilled with the other cases", case.name);
        }
    }
    let failed: Vec<&str> = together.report.failures.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(failed, [cases.iter().find(|c| c.name == "huge_page").unwrap().page.as_str()]);
}

/// Crashes the fuzzers found, kept as regression tests.
mod fuzz_regressions {
    use super::*;

    /// `distill_page`: a request-body row whose name cell starts with a character the
    /// name drops (`:`) and ends in a multi-byte one (the fuzzer's was a byte that is
    /// not UTF-8, decoded as U+FFFD) was cut inside that character when the distiller
    /// looked for "Required" after the name: a panic.
    #[test]
    fn body_row_name_after_trimmed_prefix_ends_in_multibyte_char() {
        let rows =
            "| email | String | Address. Required. |\n| :---\u{fffd} | String | Other. Required. |";
        let page =
            pages::api_page("gadget: hum", "Hum.", "POST /gadgets/{id}/hum", Some(rows), "", "");
        let files = vec![(format!("{}/gadget-hum.md", pages::API), page.into_bytes())];
        let run = distill(&with_good(&files), DistillOptions::default());
        let spec = spec_of(&run, &files[0].0);
        let params = &api(spec).request_body.params;
        let read: Vec<(&str, Requirement)> =
            params.iter().map(|p| (p.name.as_str(), p.required)).collect();
        assert_eq!(
            read,
            [("email", Requirement::Required), ("---\u{fffd}", Requirement::Required)],
            "{:#?}",
            spec.diagnostics()
        );
    }

    /// `distill_page`: an indented code block in the HTTP request section (its text
    /// starts on its own line, not after a fence) was reported one line past where it
    /// is, past the page's end when it was the last line.
    #[test]
    fn indented_code_in_the_request_section_is_reported_at_its_line() {
        let page = pages::api_page("gadget: hum", "Hum.", "POST /gadgets/{id}/hum", None, "", "");
        let at = page.find("## Request headers").unwrap();
        let page = format!("{}Text.\n\n    not a request line\n\n{}", &page[..at], &page[at..]);
        let line = line_of(page.as_bytes(), "    not a request line");
        let files = vec![(format!("{}/gadget-hum.md", pages::API), page.into_bytes())];
        let run = distill(&with_good(&files), DistillOptions::default());
        let spec = spec_of(&run, &files[0].0);
        assert_diagnostic(spec, DiagnosticKind::UnparsedRequestLine, Severity::Warning, Some(line));
        assert_eq!(api(spec).operations.len(), 1, "the fenced request line is still read");
    }

    /// `distill_permissions_include`: a permissions include whose first line is an
    /// unrecognized table header got a diagnostic at line 0.
    #[test]
    fn permissions_include_header_on_line_one() {
        let page = pages::api_page("gadget: hum", "Hum.", "POST /gadgets/{id}/hum", None, "", "");
        let table_start = page.find("| Permission type").unwrap();
        let table_end = page.find("| Application | Widget.Read.All |\n").unwrap() + 34;
        let page = format!(
            "{}[!INCLUDE [permissions-table](../includes/permissions/gadget-hum-permissions.md)]\n{}",
            &page[..table_start],
            &page[table_end..]
        );
        let include = "| Pgrmission type \u{2}\u{FFFD} | Permissions (from least to most privileged) |\n|:--|:--|\n| Application | Calls.Initiate.All |\n";
        let include_path =
            "api-reference/v1.0/includes/permissions/gadget-hum-permissions.md".to_string();
        let files = vec![
            (format!("{}/gadget-hum.md", pages::API), page.into_bytes()),
            (include_path.clone(), include.as_bytes().to_vec()),
        ];
        let run = distill(&with_good(&files), DistillOptions::default());
        let spec = spec_of(&run, &files[0].0);
        let d = diagnostics(spec, DiagnosticKind::UnparsedPermissions);
        assert_eq!(d.len(), 1, "{:#?}", spec.diagnostics());
        assert_eq!((d[0].line, d[0].file.as_deref()), (Some(1), Some(include_path.as_str())));
    }
}
