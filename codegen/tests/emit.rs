//! The emitter: snapshots of the code emitted for the seed pages and for the naming
//! edge-case fixture, determinism, and errors that name their spec.

use std::path::{Path, PathBuf};

use graphgen::emit::{self, EmitOptions, Emitted, RootKind};
use graphgen::spec::{
    ApiPage, BodyKind, Example, ExampleBody, ExampleKind, HttpResponse, JsonText, LocationHeader,
    PageSpec, PathSegment, Primitive, Response, ResponseBody, StatusCode, TypeExpr,
};
use graphgen::specset::LoadedSpec;
use graphgen::{Builder, SpecSet};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn load(dir: &Path) -> SpecSet {
    SpecSet::load_dir(dir).unwrap().0
}

fn emit(set: &SpecSet, only: &[&str]) -> Emitted {
    let options = EmitOptions {
        only: only.iter().map(|s| s.to_string()).collect(),
        root: RootKind::Module,
        area_features: false,
    };
    emit::emit_files(set, &options).unwrap()
}

/// The naming fixture emitted after `edit` has changed each of its API pages.
fn emit_naming_with(edit: impl Fn(&mut ApiPage)) -> Emitted {
    let set = load(&fixtures("naming"));
    let specs = set.specs().iter().cloned().map(|mut loaded| {
        if let PageSpec::Api(page) = &mut loaded.spec {
            edit(page);
        }
        loaded
    });
    emit(&SpecSet::from_loaded(specs), &[])
}

/// The contents of the emitted file at `path`.
fn file<'e>(emitted: &'e Emitted, path: &str) -> &'e str {
    &emitted.files.iter().find(|f| f.path == path).unwrap().contents
}

/// Every file, each after a `==> path` line.
/// Assert that `text` (an emitted file or listing) holds each of `expected`.
#[track_caller]
fn assert_has(text: &str, expected: &[&str]) {
    for expected in expected {
        assert!(text.contains(expected), "lacks `{expected}`:\n{text}");
    }
}

fn listing(emitted: &Emitted) -> String {
    let mut out = String::new();
    for file in &emitted.files {
        out.push_str(&format!("==> {}\n{}\n", file.path, file.contents));
    }
    if !emitted.report.diagnostics.is_empty() {
        out.push_str("==> diagnostics\n");
        for d in &emitted.report.diagnostics {
            out.push_str(&format!("{d}\n"));
        }
    }
    out
}

#[test]
fn seed_stop_transcription() {
    let emitted = emit(&load(&workspace().join("specs")), &["beta/api/call-stoptranscription"]);
    insta::assert_snapshot!("seed_call_stoptranscription", listing(&emitted));
}

#[test]
fn seed_cancel_media_processing() {
    let emitted = emit(&load(&workspace().join("specs")), &["beta/api/call-cancelmediaprocessing"]);
    insta::assert_snapshot!("seed_call_cancelmediaprocessing", listing(&emitted));
}

#[test]
fn naming_edge_cases() {
    let emitted = emit(&load(&fixtures("naming")), &[]);
    insta::assert_snapshot!("naming_edge_cases", listing(&emitted));
    let node = file(&emitted, "v1/types/node.rs");
    assert_has(
        node,
        &[
            "pub id: Option<String>",
            "pub id_2: Option<String>",
            "pub r#type: Option<String>",
            "pub self_: Option<String>",
            "pub self_2: Option<i32>",
            "pub crate_: Option<bool>",
            "pub super_: Option<f64>",
            "pub r#async: Option<String>",
            "pub parent: Option<Box<super::Node>>",
            "pub children: Option<Vec<super::Node>>",
            "pub media: Option<super::AnyMediaConfig>",
            "pub either: Option<super::AnyMediaConfig>",
            "pub meeting: Option<Box<super::HolderOrTokenInfo>>",
            "pub missing: Option<::graphgen_runtime::serde_json::Value>",
        ],
    );
    let quality = file(&emitted, "v1/types/videoquality.rs");
    assert_has(quality, &["_1080p,", "U2D,", "Other,", "Other2,", "SkypeForBusiness,", "Self_,"]);
    assert!(quality.contains("Unlisted(String)"), "the catch-all yields `Other` to the member");
    // `options` and `with_options` are every node's: a segment of that name yields.
    let paths = file(&emitted, "v1/paths.rs");
    assert!(paths.contains("pub fn options_2(&self) -> NodesItemOptions"), "{paths}");
    // An action named `clone` (Graph's `team: clone`) keeps its name; the node's own
    // code (the runtime's `node_options!`) reaches `Clone::clone` by its path, as the
    // action shadows it (the downstream crate compiles this fixture; the runtime tests
    // the macro on such a node).
    let clone = file(&emitted, "v1/requests/node_clone.rs");
    assert!(clone.contains("pub async fn clone("), "{clone}");
    assert!(paths.contains("::graphgen_runtime::node_options!();"), "{paths}");
    assert!(!paths.contains("self.clone()"), "{paths}");
    // The page's query parameters and headers are named, less those the client sets.
    let list = file(&emitted, "v1/requests/node_list_children.rs");
    assert!(
        list.contains(
            "query parameters `$top`, `$filter`, `odd name` (required); \
             request headers `ConsistencyLevel`, `Prefer`."
        ),
        "{}",
        list
    );
    assert!(list.contains(".options(node.options())"));
    // Required query parameters are arguments, typed by the table, renamed where the
    // body's name is taken, once each; one that is not a plain word stays in the docs.
    assert_has(
        list,
        &[
            "since: &'a str,\n        body_2: bool,\n        depth: i64,\n    ) -> NodesItemChildrenListCall<'a> {",
            ".query(\"since\", since)\n            .query(\"body\", body_2.to_string())",
            "Required query parameters: `since` (`since`), `body_2` (`body`), `depth` (`depth`).",
        ],
    );
    // The other plain-word ones (stated optional, or not stated) are set by the
    // methods of the call the function returns (a new one is a new method: no
    // signature changes), sent only when set.
    assert_has(
        list,
        &[
            "pub struct NodesItemChildrenListCall<'a> {\n    \
         node: &'a super::super::paths::NodesItemChildren,\n",
            "depth: i64,\n    format: Option<&'a str>,\n    limit: Option<i64>,\n    \
         hidden: Option<bool>,\n",
            "pub fn format(mut self, format: &'a str) -> Self {",
            "pub fn limit(mut self, limit: i64) -> Self {",
            "/// Sends the query parameter `hidden`.\n    ///\n    /// Include hidden children.",
            ".query_opt(\"format\", format)\n            \
         .query_opt(\"limit\", limit.map(|v| v.to_string()))\n            \
         .query_opt(\"hidden\", hidden.map(|v| v.to_string()))",
            "Optional query parameters, set by the methods of the same names of the \
         [`NodesItemChildrenListCall`] it returns, before `.await`: `format` (`format`), \
         `limit` (`limit`), `hidden` (`hidden`), `send_2` (`send`), `node_2` (`node`), \
         `r#type` (`type`), `self_` (`self`).",
            "impl<'a> ::core::future::IntoFuture for NodesItemChildrenListCall<'a> {",
            // The call's own names (`node`, `send`) are not given to a parameter.
            "pub fn send_2(mut self, send_2: &'a str) -> Self {",
            "pub fn node_2(mut self, node_2: &'a str) -> Self {",
            "pub fn r#type(mut self, r#type: bool) -> Self {",
            "pub fn self_(mut self, self_: &'a str) -> Self {",
        ],
    );
    // A parameter the request line gives a value to fill in (`?format={format}`) is
    // required, whatever the table says; the OData option beside it is not an argument.
    let content = file(&emitted, "v1/requests/driveitem_get_content.rs");
    assert_has(
        content,
        &[
            "pub fn get<'a>(&'a self, format: &'a str) -> DriveRootItemPathContentGetCall<'a> {",
            "quality: Option<i64>,\n}",
            ".query(\"format\", format)\n            .query_opt(\"quality\"",
        ],
    );
    // A query-table name that a request line gives as a function argument is neither
    // a query argument nor named among the options.
    let cell = file(&emitted, "v1/requests/range_cell.rs");
    assert!(!cell.contains("`row`"), "{cell}");
    assert!(!cell.contains(".query"), "{cell}");
}

/// A download that answers `302 Found` (to a pre-authenticated URL the runtime follows)
/// returns the content, even where the prose also names the redirect's `Location`
/// header (specs of older distillers kept it as an operation's); and where the page
/// names no code, an example answering `302 Found`. So does a raw value
/// (`GET .../$value`) on a page whose response is the JSON form.
#[test]
fn downloads_return_the_content() {
    let emitted = emit_naming_with(|page| {
        if page.stem == "node-type" {
            page.response = Response::default();
            let found = HttpResponse {
                status: 302,
                reason: "Found".into(),
                headers: vec![("Location".into(), "https://files.example/1".into())],
                body: None,
            };
            page.examples = vec![Example {
                kind: ExampleKind::Response,
                heading: None,
                annotation: None,
                request: None,
                response: Some(found),
                body: None,
                line: 60,
            }];
        }
        if page.stem == "node-list-children" {
            let mut raw = page.operations[0].clone();
            raw.path = "/nodes/{id}/$value".into();
            raw.segments[2] = PathSegment::Literal { text: "$value".into() };
            page.operations.push(raw);
        }
        if page.stem == "driveitem-get-content" {
            let line = 30;
            page.response = Response {
                status_codes: vec![StatusCode { code: 302, reason: Some("Found".into()), line }],
                location: Some(LocationHeader { type_expr: None, line }),
                ..Response::default()
            };
        }
    });
    let content = file(&emitted, "v1/requests/driveitem_get_content.rs");
    assert_has(
        content,
        &["pub async fn send(self) -> ::graphgen_runtime::Result<Vec<u8>>", ".send_bytes(request)"],
    );
    assert!(!content.contains("Operation"), "{content}");
    let shown = file(&emitted, "v1/requests/node_type.rs");
    assert!(shown.contains(".send_bytes(request)"), "{shown}");
    let list = file(&emitted, "v1/requests/node_list_children.rs");
    let raw = list.split("impl super::super::paths::NodesItemValue {").nth(1).unwrap();
    let raw = raw.split("\nimpl").next().unwrap();
    assert!(raw.contains("**Returns** the content, as bytes."), "{raw}");
    // The raw value's call sends for bytes; the children's still for their page.
    assert_has(list, &[".send_bytes(request)", ".send_json(request)"]);
}

/// A `GET` starts no long-running operation: a page saying `202 Accepted` (getting a
/// user "while background operations complete") or naming a `Location` header still
/// reads its body; another method on such a page returns an operation.
#[test]
fn a_get_reads_its_body_where_another_method_gets_an_operation() {
    let emitted = emit_naming_with(|page| {
        if page.stem == "node-list-children" || page.stem == "node-clone" {
            let line = 30;
            page.response.status_codes.push(StatusCode { code: 202, reason: None, line });
            page.response.location = Some(LocationHeader { type_expr: None, line });
        }
    });
    let list = file(&emitted, "v1/requests/node_list_children.rs");
    assert!(list.contains("::graphgen_runtime::Collection<"), "{list}");
    assert!(!list.contains("send_operation"), "{list}");
    let clone = file(&emitted, "v1/requests/node_clone.rs");
    assert!(clone.contains(".send_operation(request)"), "{clone}");
}

/// A `GET` whose page names no body at all (no type, no annotation, no example) still
/// reads one: raw JSON, not `()`; another method on such a page returns `()`, and a
/// `GET` answered `204` returns `()`.
#[test]
fn a_get_whose_page_names_no_body_returns_raw_json() {
    let emit_with = |list_code: u16| {
        emit_naming_with(|page| {
            let code = match page.stem.as_str() {
                "node-list-children" => list_code,
                "node-clone" => 200,
                _ => return,
            };
            let status = StatusCode { code, reason: None, line: 30 };
            page.response = Response { status_codes: vec![status], ..Response::default() };
            page.examples.clear();
        })
    };
    let emitted = emit_with(200);
    let list = file(&emitted, "v1/requests/node_list_children.rs");
    assert!(list.contains("::graphgen_runtime::serde_json::Value"), "{list}");
    assert!(list.contains("raw JSON (the docs name no response type)"), "{list}");
    assert!(!list.contains("send_no_content"), "{list}");
    assert!(file(&emitted, "v1/requests/node_clone.rs").contains(".send_no_content(request)"));
    let emitted = emit_with(204);
    let list = file(&emitted, "v1/requests/node_list_children.rs");
    assert!(list.contains(".send_no_content(request)"), "{list}");
}

/// A `201 Created` whose prose names a `Location` created a resource: the function
/// returns `Created<T>` (its URL and body), not an operation to poll; a `200` with a
/// `Location` (the calls area's `record`; here an update) is still an operation.
#[test]
fn a_created_resource_is_not_an_operation() {
    let emitted = emit_naming_with(|page| {
        let code = match page.stem.as_str() {
            "node-clone" => 201,
            "node-update" => 200,
            _ => return,
        };
        let line = 30;
        page.response.status_codes = vec![StatusCode { code, reason: None, line }];
        page.response.location = Some(LocationHeader { type_expr: None, line });
        // Nothing names what was created but the body sent.
        page.request_body.kind =
            BodyKind::Resource { type_expr: TypeExpr::named("node", Some("node".into())) };
    });
    let clone = file(&emitted, "v1/requests/node_clone.rs");
    assert_has(
        clone,
        &[
            "::graphgen_runtime::Created<super::super::types::Node>",
            ".send_created(request)",
            "**Returns** the new resource's URL",
        ],
    );
    assert!(!clone.contains("Operation"), "{clone}");
    let moved = file(&emitted, "v1/requests/node_update.rs");
    assert!(moved.contains(".send_operation(request)"), "{moved}");
}

/// A primitive response body, as the distiller reads it from annotations where the
/// prose names none (`"@odata.type": "string"` with `isCollection`, or
/// `Collection(Edm.String)`): a collection of them is a `Collection<T>`; one primitive
/// (`{"value": ...}` on the wire) is returned unwrapped by `send_value`. A page whose
/// annotation the distiller did not trust (`string`, shown `true`) keeps raw JSON.
#[test]
fn primitive_bodies_are_typed() {
    // The example each page shows (its annotation is the distiller's business).
    let shown = |json: &str| Example {
        kind: ExampleKind::Response,
        heading: None,
        annotation: None,
        request: None,
        response: Some(HttpResponse {
            status: 200,
            reason: "OK".into(),
            headers: Vec::new(),
            body: Some(ExampleBody::Json { value: JsonText::parse(json).unwrap() }),
        }),
        body: None,
        line: 60,
    };
    let emitted = emit_naming_with(|page| {
        let primitive = |name| TypeExpr::Primitive { name };
        let (example, body) = match page.stem.as_str() {
            "node-clone" => (
                shown(r#"{"value": ["x"]}"#),
                Some(TypeExpr::collection(primitive(Primitive::String))),
            ),
            "node-update" => (
                shown(r#"{"value": [1]}"#),
                Some(TypeExpr::collection(primitive(Primitive::Int64))),
            ),
            "range-cell" => (shown(r#"{"value": "x"}"#), Some(primitive(Primitive::String))),
            // Annotated `string`, shown `true`: no body type.
            "node-type" => (shown(r#"{"value": true}"#), None),
            _ => return,
        };
        page.response = Response {
            body: body.map(|type_expr| ResponseBody { type_expr, line: 59 }),
            ..Response::default()
        };
        page.examples = vec![example];
    });
    let clone = file(&emitted, "v1/requests/node_clone.rs");
    assert!(clone.contains("Result<::graphgen_runtime::Collection<String>>"), "{clone}");
    let update = file(&emitted, "v1/requests/node_update.rs");
    assert!(update.contains("Result<::graphgen_runtime::Collection<i64>>"), "{update}");
    let cell = file(&emitted, "v1/requests/range_cell.rs");
    assert!(cell.contains("Result<String>") && cell.contains(".send_value(request)"), "{cell}");
    let node_type = file(&emitted, "v1/requests/node_type.rs");
    assert!(node_type.contains("Result<::graphgen_runtime::serde_json::Value>"), "{node_type}");
}

#[test]
fn output_is_deterministic() {
    let set = load(&workspace().join("specs"));
    let first = emit(&set, &[]);
    let reversed = SpecSet::from_loaded(set.specs().iter().rev().cloned());
    let second = emit(&reversed, &[]);
    assert_eq!(first.files, second.files);
}

#[test]
fn every_file_has_the_header() {
    let emitted = emit(&load(&fixtures("calls")), &[]);
    for file in &emitted.files {
        assert!(
            file.contents.starts_with("// generated by graphgen from specs/"),
            "{} lacks the header",
            file.path
        );
        assert!(file.contents.lines().next().unwrap().ends_with("; do not edit"));
    }
}

#[test]
fn inline_tokens_are_one_parsable_token_stream() {
    let set = load(&fixtures("calls"));
    let (tokens, report) = emit::inline_tokens(&set, &EmitOptions::default()).unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let file: syn::File = syn::parse2(tokens).unwrap();
    assert!(file.attrs.is_empty(), "no inner attributes at the top of a macro expansion");
}

#[test]
fn errors_name_the_spec() {
    let set = load(&fixtures("calls"));
    let mut specs: Vec<LoadedSpec> = set.specs().to_vec();
    if let PageSpec::Api(page) = &mut specs[0].spec {
        page.format = 99;
    }
    let path = specs[0].path.clone();
    let error = emit::emit_files(&SpecSet::from_loaded(specs), &EmitOptions::default())
        .unwrap_err()
        .to_string();
    assert!(error.contains(&path), "{error}");

    let error = emit::emit_files(
        &set,
        &EmitOptions { only: vec!["beta/[".into()], root: RootKind::Crate, area_features: false },
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("beta/["), "{error}");
}

#[test]
fn builder_writes_what_the_emitter_emits_and_removes_stale_files() {
    let out = tempfile::tempdir().unwrap();
    let stale = out.path().join("v1/old.rs");
    std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
    std::fs::write(&stale, "// generated by graphgen from specs/x; do not edit\n").unwrap();
    let kept = out.path().join("handwritten.rs");
    std::fs::write(&kept, "// mine\n").unwrap();

    let builder = Builder::new().specs(fixtures("naming")).cargo_metadata(false);
    let emitted = builder.generate_to(out.path()).unwrap();
    assert!(!stale.exists(), "a generated file no longer produced is removed");
    assert!(kept.exists(), "files without the header are left alone");
    for file in &emitted.files {
        let on_disk = std::fs::read_to_string(out.path().join(&file.path)).unwrap();
        assert_eq!(on_disk, file.contents);
    }
    assert_eq!(builder.diff(out.path()).unwrap(), "");
    std::fs::write(out.path().join("v1/paths.rs"), "// generated by graphgen\n").unwrap();
    let diff = builder.diff(out.path()).unwrap();
    assert!(diff.contains("v1/paths.rs") && diff.contains("+pub struct Graph"), "{diff}");
}

/// With area features, the `paths` module is split by area set: a node used by one
/// area only lives in `paths/<area>.rs`, declared behind that area's `cfg` (so rustc
/// does not load it when the feature is off) and re-exported; its items carry no `cfg`
/// of their own. Here `call-answer` (v1.0) is moved to `/print/...`, a second area.
#[test]
fn area_features_split_paths_by_area() {
    let set = load(&workspace().join("specs"));
    let mut specs: Vec<LoadedSpec> = set.specs().to_vec();
    let moved = specs
        .iter_mut()
        .find(|s| s.path == "v1.0/api/call-answer.json")
        .expect("the calls specs have call-answer");
    let PageSpec::Api(page) = &mut moved.spec else { panic!("an API page") };
    for op in &mut page.operations {
        op.path = op.path.replacen("/communications", "/print", 1);
        op.segments[0] = graphgen::spec::PathSegment::Literal { text: "print".into() };
    }
    let options = EmitOptions { only: Vec::new(), root: RootKind::Crate, area_features: true };
    let emitted = emit::emit_files(&SpecSet::from_loaded(specs), &options).unwrap();
    let file = |path: &str| {
        emitted
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .contents
            .clone()
    };
    let paths = file("v1/paths.rs");
    assert!(paths.contains("#[cfg(any(feature = \"print\"))]\nmod print;"), "{paths}");
    assert!(paths.contains("#[cfg(any(feature = \"print\"))]\npub use print::*;"), "{paths}");
    assert!(paths.contains("#[cfg(any(feature = \"calls\"))]\nmod calls;"), "{paths}");
    assert!(paths.contains("pub struct Graph"), "{paths}");
    assert!(!paths.contains("pub struct Print"), "{paths}");
    let print = file("v1/paths/print.rs");
    assert!(print.contains("use super::*;") && print.contains("pub struct PrintCallsItem"));
    assert!(!print.contains("#[cfg"), "no per-item cfg inside an area's file: {print}");
    assert!(print.contains("pub(super) client:"), "{print}");
    let calls = file("v1/paths/calls.rs");
    assert!(calls.contains("pub struct CommunicationsCallsItem"), "{calls}");
    // beta has only the calls area, as `Graph` does: one part, `paths.rs`, its items
    // gated one by one.
    let beta = file("beta/paths.rs");
    assert!(!beta.contains("mod calls;"), "{beta}");
    assert!(
        beta.contains(
            "#[cfg(any(feature = \"calls\"))]\n#[derive(Clone)]\npub struct CommunicationsCallsItem"
        ),
        "{beta}"
    );
}
