//! The whole real corpus, held to floors: the 2021 reference (11,289 pages) and the
//! modern calls-area archive. Figures are printed (`cargo test -- --nocapture`) and
//! quoted in the README.
//!
//! What a page "has" (an HTTP request section, a request body table, a properties
//! table) is measured here from the raw markdown with plain line scans, independently
//! of the distiller, so the floors check the distiller against a second opinion.

use std::collections::BTreeMap;

use graphgen::distill::DistillOptions;
use graphgen::distill::batch::distill_all;
use graphgen::source::DocSource;
use graphgen::spec::{
    ApiPage, BodyKind, DiagnosticKind, PageSpec, PermissionSource, ResourceKind, TypeExpr,
};
use graphgen_tests::shared_dir;

/// Pages in the 2021 archive's api/ and resources/ folders (MANIFEST.txt: 2,102 + 1,239
/// + 5,014 + 2,934 `.md` files).
const PAGES_2021: usize = 11_289;

fn known(t: &TypeExpr) -> bool {
    match t {
        TypeExpr::Unknown { .. } => false,
        TypeExpr::Collection { item } => known(item),
        TypeExpr::Union { variants } => variants.iter().all(known),
        _ => true,
    }
}

/// Raw-text oracle: the lines of the section whose heading matches `title`.
fn section_lines<'a>(text: &'a str, title: &str) -> Option<Vec<&'a str>> {
    let mut lines = text.lines();
    lines.find(|l| {
        let t = l.trim_start();
        t.starts_with('#') && t.trim_start_matches('#').trim().eq_ignore_ascii_case(title)
    })?;
    Some(
        lines
            .take_while(|l| !l.trim_start().starts_with("## ") && !l.trim_start().starts_with("# "))
            .collect(),
    )
}

/// Whether text names a success status code or a redirect: `2xx`, `302`, `303`, `307`
/// between non-digits.
fn names_status_code(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len()).any(|i| {
        let code = b.get(i..i + 3).unwrap_or_default();
        let success = code.first() == Some(&b'2') || matches!(code, b"302" | b"303" | b"307");
        success
            && code.len() == 3
            && code.iter().all(u8::is_ascii_digit)
            && (i == 0 || !digit(i - 1))
            && !digit(i + 3)
    })
}

/// A header row, a delimiter row and at least one data row.
fn has_table(lines: &[&str]) -> bool {
    lines.windows(3).any(|w| {
        w[0].contains('|')
            && w[1].trim_start().trim_start_matches('|').trim_start().starts_with([':', '-'])
            && w[1].contains("--")
            && w[2].contains('|')
    })
}

#[derive(Default, Debug)]
struct Figures {
    api_pages: usize,
    with_http_section: usize,
    with_operation: usize,
    body_tables: usize,
    body_tables_typed: usize,
    body_params: usize,
    body_params_typed: usize,
    resources_with_properties_table: usize,
    resources_with_properties: usize,
    response_sections_with_code: usize,
    response_sections_with_code_read: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[test]
fn whole_2021_corpus_meets_the_floors() {
    let archive = shared_dir().join("graph-docs/graph-api-docs.tar.gz");
    let source = DocSource::open(&archive).expect("the 2021 archive opens");
    assert_eq!(source.pages().len(), PAGES_2021, "every api/resources page is found");
    let results = distill_all(&source, source.pages(), &DistillOptions::default());
    // Zero pages lost: one result per page, every result a spec.
    assert_eq!(results.len(), PAGES_2021);
    let failures: Vec<String> =
        results.iter().filter_map(|(_, r)| r.as_ref().err().map(|e| e.to_string())).collect();
    assert!(failures.is_empty(), "pages without a spec: {failures:#?}");

    let mut f = Figures::default();
    let mut warnings: BTreeMap<DiagnosticKind, usize> = BTreeMap::new();
    let mut untyped = Vec::new();
    let mut no_ops = Vec::new();
    let mut no_status = Vec::new();
    let mut rows_read_twice = Vec::new();
    for (path, result) in &results {
        let spec = &result.as_ref().unwrap().spec;
        for d in spec.diagnostics() {
            *warnings.entry(d.kind).or_default() += 1;
        }
        let text = String::from_utf8_lossy(&source.read(path).unwrap()).into_owned();
        match spec {
            PageSpec::Api(api) => {
                f.api_pages += 1;
                if section_lines(&text, "HTTP request").is_some() {
                    f.with_http_section += 1;
                    if api.operations.iter().any(|o| !o.path.is_empty()) {
                        f.with_operation += 1;
                    } else {
                        no_ops.push(path.clone());
                    }
                }
                if section_lines(&text, "Response")
                    .is_some_and(|l| names_status_code(&l.join("\n")))
                {
                    f.response_sections_with_code += 1;
                    if api.response.status_codes.is_empty() {
                        no_status.push(path.clone());
                    } else {
                        f.response_sections_with_code_read += 1;
                    }
                }
                if section_lines(&text, "Request body").is_some_and(|l| has_table(&l)) {
                    f.body_tables += 1;
                    let typed = body_typed(api);
                    f.body_params += api.request_body.params.len();
                    f.body_params_typed +=
                        api.request_body.params.iter().filter(|p| known(&p.type_expr)).count();
                    if typed {
                        f.body_tables_typed += 1;
                    } else {
                        untyped.push(path.clone());
                    }
                }
            }
            PageSpec::Resource(r) => {
                // A table row is a property or an enum member, never both (a `### x
                // values` table inside the properties section is the enum's).
                let member_lines: Vec<u32> =
                    r.enums.iter().flat_map(|e| e.members.iter().map(|m| m.line)).collect();
                for p in &r.properties {
                    if member_lines.contains(&p.line) {
                        rows_read_twice.push(format!("{path}:{} `{}`", p.line, p.name));
                    }
                }
                if section_lines(&text, "Properties").is_some_and(|l| has_table(&l)) {
                    f.resources_with_properties_table += 1;
                    if !r.properties.is_empty() {
                        f.resources_with_properties += 1;
                    }
                }
            }
        }
    }
    println!("2021 corpus: {PAGES_2021} pages, 0 lost, 0 without a spec");
    println!("{f:#?}");
    println!("diagnostics by kind: {warnings:#?}");
    let ops = ratio(f.with_operation, f.with_http_section);
    let tables = ratio(f.body_tables_typed, f.body_tables);
    let props = ratio(f.resources_with_properties, f.resources_with_properties_table);
    println!(
        "api pages with an HTTP request section that yield an operation: {:.2}% ({}/{})",
        ops * 100.0,
        f.with_operation,
        f.with_http_section
    );
    println!(
        "request-body tables whose params are all typed: {:.2}% ({}/{}); params typed: {:.2}%",
        tables * 100.0,
        f.body_tables_typed,
        f.body_tables,
        ratio(f.body_params_typed, f.body_params) * 100.0
    );
    println!(
        "resource pages with a properties table that yield properties: {:.2}% ({}/{})",
        props * 100.0,
        f.resources_with_properties,
        f.resources_with_properties_table
    );
    let status = ratio(f.response_sections_with_code_read, f.response_sections_with_code);
    println!(
        "api pages whose Response section names a status code that yield one: {:.2}% ({}/{})",
        status * 100.0,
        f.response_sections_with_code_read,
        f.response_sections_with_code
    );
    assert!(ops >= 0.995, "operations floor: {no_ops:#?}");
    // The misses are pages whose only Response heading is an example's.
    assert!(status >= 0.995, "status code floor: {no_status:#?}");
    assert!(tables >= 0.99, "typed body params floor: {untyped:#?}");
    assert!(props >= 0.99, "resource properties floor");
    assert!(rows_read_twice.is_empty(), "enum members read as properties: {rows_read_twice:#?}");

    // An update whose body section only says "supply the values for relevant fields that
    // should be updated" sends the resource: the response's type, else the title's.
    let api = |stem: &str| {
        results
            .iter()
            .find(|(path, _)| path.ends_with(stem))
            .and_then(|(_, r)| match &r.as_ref().unwrap().spec {
                PageSpec::Api(api) => Some(api),
                PageSpec::Resource(_) => None,
            })
            .unwrap_or_else(|| panic!("{stem} is an API page of the corpus"))
    };
    for (stem, type_name) in [
        ("beta/api/group-update-event.md", "event"),
        ("beta/api/dynamics-customer-update.md", "customers"),
    ] {
        match &api(stem).request_body.kind {
            BodyKind::Resource { type_expr: TypeExpr::Named { name, .. } } => {
                assert_eq!(name, type_name, "{stem}")
            }
            other => panic!("{stem}: body {other:?}"),
        }
    }
    // A response whose prose names no type takes its examples' agreeing annotation
    // (`Collection(microsoft.graph.recentNotebook)`).
    let response = api("v1.0/api/notebook-getrecentnotebooks.md")
        .response
        .body
        .as_ref()
        .expect("notebook-getrecentnotebooks has a response type");
    assert_eq!(
        response.type_expr,
        TypeExpr::collection(TypeExpr::named("recentNotebook", None)),
        "{response:?}"
    );
    // A report download answers `302 Found`; its `Location` is no operation's. In beta,
    // the codes sit in `### CSV` and `### JSON` subsections, the body type in the JSON
    // one; a `### Response` filed under the request body is the Response section.
    let codes =
        |stem: &str| api(stem).response.status_codes.iter().map(|s| s.code).collect::<Vec<_>>();
    let report = "api/reportroot-getemailactivitycounts.md";
    assert_eq!(codes(&format!("v1.0/{report}")), [302]);
    assert!(api(&format!("v1.0/{report}")).response.location.is_none());
    assert_eq!(codes(&format!("beta/{report}")), [302, 200]);
    let body = api(&format!("beta/{report}")).response.body.as_ref().map(|b| &b.type_expr);
    assert!(matches!(body, Some(TypeExpr::Named { name, .. }) if name == "emailActivitySummary"));
    assert_eq!(codes("v1.0/api/group-delta.md"), [200]);
}

fn body_typed(api: &ApiPage) -> bool {
    !api.request_body.params.is_empty()
        && api.request_body.params.iter().all(|p| known(&p.type_expr))
}

#[test]
fn every_modern_page_distills_with_permissions_resolved_where_present() {
    let archive = shared_dir().join("graph-docs/graph-docs-modern-calls.tar.gz");
    let source = DocSource::open(&archive).expect("the modern archive opens");
    let results = distill_all(&source, source.pages(), &DistillOptions::default());
    assert_eq!(results.len(), source.pages().len());
    let (mut included, mut resolved, mut missing) = (0, 0, Vec::new());
    let mut overviews = Vec::new();
    for (path, result) in &results {
        let d = result.as_ref().unwrap_or_else(|e| panic!("{path}: {e}"));
        match &d.spec {
            PageSpec::Api(api) => {
                assert!(!api.operations.is_empty(), "{path}: no operations");
                if let PermissionSource::Include { path: Some(inc), resolved: r, line, .. } =
                    &api.permissions.source
                {
                    included += 1;
                    let present = source.read(inc).is_some();
                    assert_eq!(
                        *r, present,
                        "{path}: include {inc} present={present} but resolved={r}"
                    );
                    if *r {
                        resolved += 1;
                        assert!(
                            !api.permissions.rows.is_empty(),
                            "{path}: resolved include has no rows"
                        );
                        assert!(
                            d.includes.contains(inc),
                            "{path}: include read is recorded for the lock"
                        );
                    } else {
                        missing.push(inc.clone());
                        assert!(
                            api.diagnostics
                                .iter()
                                .any(|x| x.kind == DiagnosticKind::UnresolvedInclude
                                    && x.line == Some(*line)),
                            "{path}: a missing include is a diagnostic"
                        );
                    }
                }
            }
            PageSpec::Resource(r) => {
                if r.kind == ResourceKind::Overview {
                    overviews.push(path.clone());
                }
            }
        }
    }
    println!(
        "modern archive: {} pages; permission includes: {included}, resolved {resolved}, missing {}",
        results.len(),
        missing.len()
    );
    // Every resource page of the area defines a type.
    assert!(overviews.is_empty(), "pages read as overviews: {overviews:?}");
    assert!(resolved > 0);
}

/// The parser is given each page masked where that saves it work (include lines, code
/// blocks' content, comments over several lines): on every page of both archives, the outline must be the one the
/// page itself gives.
#[test]
fn masked_pages_are_outlined_as_the_pages_themselves() {
    for archive in ["graph-api-docs.tar.gz", "graph-docs-modern-calls.tar.gz"] {
        let source = DocSource::open(&shared_dir().join("graph-docs").join(archive))
            .expect("the archive opens");
        let differ: Vec<_> = source
            .pages()
            .iter()
            .filter(|p| {
                let bytes = source.read(p).expect("page is readable");
                !graphgen::distill::masked_outline_agrees(&bytes)
            })
            .collect();
        assert!(differ.is_empty(), "{archive}: masked outlines differ: {differ:?}");
    }
}
