//! A declared action → an [`ApiPage`]: the spec the doc page it replaces would distill
//! to. Every check of the issue lives here, each pointing at the offending token.
//!
//! - The request line (method and path template) is read by the distiller itself: the
//!   declaration's line is put in the "HTTP request" block of a minimal page and
//!   distilled with [`crate::distill::page_bytes`], so segments, placeholders, function
//!   segments and templates come out exactly as they do from a doc page.
//! - The title is `resource: action`, as on doc pages: the action is the final segment
//!   the emitter turns into a method (`startTranscription`), or the HTTP method's CRUD
//!   word (`get`, `list`, `create`, `update`, `replace`, `delete`); the resource is the
//!   segment before it (the collection before a `{placeholder}`), singular where a
//!   singular can be formed (`calls/{id}` → `call`, `participants` → `participant`). The stem (`call-starttranscription`) and the request
//!   struct's name (`CallStartTranscriptionRequest`) follow from it, as for doc pages.

use std::collections::{BTreeSet, HashMap};

use super::grammar::{ActionDecl, BodyDecl, ParamDecl, PermissionValueDecl, ReturnsDecl};
use super::types::Types;
use crate::distill::{self, DistillOptions};
use crate::emit::names;
use crate::source::DocSource;
use crate::spec::{
    ApiPage, ApiVersion, BodyKind, DiagnosticKind, FrontMatter, Header, HttpMethod, LocationHeader,
    Operation, PageSpec, Param, PathSegment, PermissionKind, PermissionRow, PermissionSource,
    PermissionValue, Permissions, QueryParam, RequestBody, Requirement, Response, ResponseBody,
    SPEC_FORMAT_VERSION, StatusCode, TypeExpr, VersionSource,
};

/// The line every fact of a declared page is said to come from (declarations have no
/// page; the spec format wants a 1-based line).
const LINE: u32 = 1;

/// The version of a declaration (`#[beta]`, `#[v1]`, default v1.0).
pub(crate) fn version(decl: &ActionDecl) -> ApiVersion {
    decl.version.map(|(v, _)| v).unwrap_or(ApiVersion::V1)
}

/// Lower one declaration. Errors are pushed; `None` when the page cannot be built.
pub(crate) fn action(
    decl: &ActionDecl,
    types: &Types<'_>,
    errors: &mut Vec<syn::Error>,
) -> Option<ApiPage> {
    let start = errors.len();
    let version = version(decl);
    let Some(method) = HttpMethod::parse(&decl.method.to_string()) else {
        errors.push(syn::Error::new(
            decl.method.span(),
            format!(
                "unknown HTTP method `{}`: expected `GET`, `POST`, `PUT`, `PATCH` or `DELETE`",
                decl.method
            ),
        ));
        return None;
    };
    let operation = match request_line(method, &decl.path.value()) {
        Ok(op) => op,
        Err(message) => {
            errors.push(syn::Error::new(
                decl.path.span(),
                format!("malformed path template: {message}"),
            ));
            return None;
        }
    };
    let path_parameters = path_params(decl, &operation, types, errors);
    let query_parameters = query(decl, types, errors);
    let request_headers = headers(decl, errors);
    let request_body = body(decl, types, errors);
    let response = decl.returns.as_ref().map(|r| returns(r, types, errors)).unwrap_or_default();
    let permissions = permissions(decl, errors);
    if errors.len() > start {
        return None;
    }
    let (resource, action) = title_parts(method, &operation, &request_body, &response);
    let stem: String = format!("{resource}-{action}")
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Some(ApiPage {
        format: SPEC_FORMAT_VERSION,
        stem,
        version,
        version_source: VersionSource::Path,
        source: String::new(),
        doc_url: decl.doc_url.as_ref().map(|u| u.value()).unwrap_or_default(),
        front_matter: FrontMatter::default(),
        title: format!("{resource}: {action}"),
        resource: Some(resource),
        action: Some(action),
        namespace: None,
        description: decl.docs.clone(),
        includes: Vec::new(),
        operations: vec![operation],
        permissions,
        path_parameters,
        function_parameters: Vec::new(),
        query_parameters,
        request_headers,
        request_body,
        response,
        examples: Vec::new(),
        diagnostics: Vec::new(),
    })
}

/// Read `METHOD path` as the distiller reads a request line of a doc page.
fn request_line(method: HttpMethod, path: &str) -> Result<Operation, String> {
    if !path.starts_with('/') {
        return Err("it must start with `/` (`\"/me/events\"`)".into());
    }
    if path.chars().any(char::is_control) || path.contains('`') {
        return Err("it contains a line break, a control character or a backtick".into());
    }
    let line = format!("{} {path}", method.as_str());
    let page = format!("# declared: action\n\n## HTTP request\n\n```http\n{line}\n```\n");
    let source = DocSource::from_files(HashMap::new(), "action!");
    let distilled = distill::page_bytes(
        &source,
        "api-reference/v1.0/api/declared.md",
        page.as_bytes(),
        &DistillOptions::default(),
    )
    .map_err(|e| e.to_string())?;
    let PageSpec::Api(mut api) = distilled.spec else {
        return Err("the distiller did not read it as a request line".into());
    };
    let prefix = format!("`{line}`: ");
    for d in &api.diagnostics {
        if matches!(d.kind, DiagnosticKind::MalformedPath | DiagnosticKind::UnparsedRequestLine) {
            return Err(d.message.strip_prefix(&prefix).unwrap_or(&d.message).to_string());
        }
    }
    if api.operations.len() != 1 {
        return Err("it is not one request line".into());
    }
    let op = api.operations.remove(0);
    for (i, p) in op.path_params.iter().enumerate() {
        if op.path_params[..i].iter().any(|q| q.name == p.name) {
            return Err(format!("the placeholder `{{{}}}` appears more than once", p.name));
        }
    }
    Ok(op)
}

/// Check the `path { ... }` section against the template's placeholders.
fn path_params(
    decl: &ActionDecl,
    op: &Operation,
    types: &Types<'_>,
    errors: &mut Vec<syn::Error>,
) -> Vec<Param> {
    let declared: &[ParamDecl] =
        decl.path_params.as_ref().map(|(_, p)| p.as_slice()).unwrap_or(&[]);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for p in declared {
        let name = p.name.value();
        let twice = || format!("path parameter `{name}` is declared twice");
        if !first_time(&mut seen, name.clone(), p.name.span(), twice, errors) {
            continue;
        }
        if !op.path_params.iter().any(|pp| pp.name == name || pp.alternatives.contains(&name)) {
            let placeholders: Vec<String> =
                op.path_params.iter().map(|pp| format!("`{{{}}}`", pp.name)).collect();
            errors.push(syn::Error::new(
                p.name.span(),
                format!(
                    "path parameter `{name}` is not in the path template (its placeholders: {})",
                    if placeholders.is_empty() { "none".into() } else { placeholders.join(", ") }
                ),
            ));
            continue;
        }
        out.push(param(p, types, errors));
    }
    for pp in &op.path_params {
        let found = declared.iter().any(|d| {
            let n = d.name.value();
            n == pp.name || pp.alternatives.contains(&n)
        });
        if !found {
            errors.push(syn::Error::new(
                decl.path.span(),
                format!(
                    "path parameter `{{{0}}}` is not declared: add `path {{ {0} }}` (with a doc \
                     comment saying what it is)",
                    pp.name
                ),
            ));
        }
    }
    out
}

fn param(p: &ParamDecl, types: &Types<'_>, errors: &mut Vec<syn::Error>) -> Param {
    Param {
        name: p.name.value(),
        type_expr: types.expr(&p.ty, errors),
        type_text: p.ty.text(),
        description: p.docs.clone(),
        required: requirement(p.optional),
        line: LINE,
    }
}

/// What a declared `name?` (or `name`) says about its requirement.
fn requirement(optional: bool) -> Requirement {
    if optional { Requirement::Optional } else { Requirement::Required }
}

/// Whether `key` is new to `seen` (and record it); if not, `twice()` is an error at
/// `span`. The sections' duplicate checks, each with its own message.
fn first_time(
    seen: &mut BTreeSet<String>,
    key: String,
    span: proc_macro2::Span,
    twice: impl FnOnce() -> String,
    errors: &mut Vec<syn::Error>,
) -> bool {
    let new = seen.insert(key);
    if !new {
        errors.push(syn::Error::new(span, twice()));
    }
    new
}

/// The `query { ... }` section: primitives only (the emitter types one with a plain name
/// `bool`, `i64` or `&str`: an argument of the function, or, when optional, a method of
/// the call it returns; the others are named in the function's docs and sent through
/// `with_options`).
fn query(decl: &ActionDecl, types: &Types<'_>, errors: &mut Vec<syn::Error>) -> Vec<QueryParam> {
    let Some((_, declared)) = &decl.query else { return Vec::new() };
    let mut out: Vec<QueryParam> = Vec::new();
    let mut seen = BTreeSet::new();
    for q in declared {
        let name = q.name.value();
        let twice = || format!("query parameter `{name}` is declared twice");
        if !first_time(&mut seen, name.clone(), q.name.span(), twice, errors) {
            continue;
        }
        if !q.optional && !crate::emit::is_argument_name(&name) {
            errors.push(syn::Error::new(
                q.name.span(),
                format!(
                    "a required query parameter becomes an argument and needs a plain name \
                     (letters, digits, `_`): make `{name}` optional (`\"{name}\"?`) and send it \
                     with `RequestOptions`"
                ),
            ));
            continue;
        }
        let type_expr = types.expr(&q.ty, errors);
        if !matches!(type_expr, TypeExpr::Primitive { .. }) {
            errors.push(syn::Error::new(
                q.ty.span(),
                format!(
                    "query parameter `{name}` must have a primitive type (`String`, `Boolean`, \
                     `Int32`, `DateTimeOffset`, ...), not `{}`",
                    q.ty.text()
                ),
            ));
            continue;
        }
        out.push(QueryParam {
            name,
            type_expr: Some(type_expr),
            description: q.docs.clone(),
            required: requirement(q.optional),
            line: LINE,
        });
    }
    out
}

/// The `headers { ... }` section: named in the function's docs (with `(required)` where
/// not optional) and sent through `with_options`. Headers the client sets itself are
/// refused, and so are names HTTP does not allow.
fn headers(decl: &ActionDecl, errors: &mut Vec<syn::Error>) -> Vec<Header> {
    let Some((_, declared)) = &decl.headers else { return Vec::new() };
    let mut out: Vec<Header> = Vec::new();
    let mut seen = BTreeSet::new();
    for h in declared {
        let name = h.name.value();
        // The runtime sends a header through `http::HeaderName`: the same rule here.
        let refused = if http::HeaderName::try_from(name.as_str()).is_err() {
            Some(format!(
                "`{name}` is not a header name: HTTP allows letters, digits and \
                 ! # $ % & ' * + - . ^ _ ` | ~"
            ))
        } else if crate::emit::is_client_header(&name) {
            Some(format!("`{name}` is set by the client itself: leave it out"))
        } else {
            None
        };
        if let Some(message) = refused {
            errors.push(syn::Error::new(h.name.span(), message));
            continue;
        }
        let twice = || format!("header `{name}` is declared twice (names ignore case)");
        if !first_time(&mut seen, name.to_ascii_lowercase(), h.name.span(), twice, errors) {
            continue;
        }
        out.push(Header {
            name,
            value: h.docs.clone(),
            required: requirement(h.optional),
            line: LINE,
        });
    }
    out
}

fn body(decl: &ActionDecl, types: &Types<'_>, errors: &mut Vec<syn::Error>) -> RequestBody {
    match &decl.body {
        None => RequestBody { kind: BodyKind::None, ..RequestBody::default() },
        Some(BodyDecl::Fields(_, fields)) => {
            let mut params: Vec<Param> = Vec::new();
            let mut seen = BTreeSet::new();
            for f in fields {
                let name = f.name.value();
                let twice = || format!("duplicate field `{name}` in the request body");
                if !first_time(&mut seen, name.clone(), f.name.span(), twice, errors) {
                    continue;
                }
                params.push(param(f, types, errors));
            }
            RequestBody {
                kind: BodyKind::Parameters,
                description: String::new(),
                params,
                line: Some(LINE),
            }
        }
        Some(BodyDecl::Type(_, ty)) => {
            let kind = match types.expr(ty, errors) {
                TypeExpr::Primitive { name: crate::spec::Primitive::Stream } => BodyKind::Stream,
                type_expr => BodyKind::Resource { type_expr },
            };
            RequestBody { kind, description: String::new(), params: Vec::new(), line: Some(LINE) }
        }
    }
}

fn returns(r: &ReturnsDecl, types: &Types<'_>, errors: &mut Vec<syn::Error>) -> Response {
    let code = match r.status.base10_parse::<u16>() {
        Ok(code) if crate::spec::is_success(code) => code,
        _ => {
            errors.push(syn::Error::new(
                r.status.span(),
                "expected a success status code (200 to 299, or the redirect of a download: \
                 302, 303, 307): errors come back as `graphgen_runtime::Error`",
            ));
            200
        }
    };
    Response {
        status_codes: vec![StatusCode { code, reason: None, line: LINE }],
        body: r
            .body
            .as_ref()
            .map(|t| ResponseBody { type_expr: types.expr(t, errors), line: LINE }),
        location: r.location.as_ref().map(|(_, t)| LocationHeader {
            type_expr: t.as_ref().map(|t| types.expr(t, errors)),
            line: LINE,
        }),
        description: String::new(),
        line: Some(LINE),
    }
}

fn permissions(decl: &ActionDecl, errors: &mut Vec<syn::Error>) -> Permissions {
    let Some((_, rows)) = &decl.permissions else { return Permissions::default() };
    let mut out: Vec<PermissionRow> = Vec::new();
    for row in rows {
        let kind = match row.kind.to_string().as_str() {
            "delegated_work" | "delegated" => PermissionKind::DelegatedWork,
            "delegated_personal" => PermissionKind::DelegatedPersonal,
            "application" => PermissionKind::Application,
            other => {
                errors.push(syn::Error::new(
                    row.kind.span(),
                    format!(
                        "unknown permission type `{other}`: expected `delegated_work`, \
                         `delegated_personal` or `application`"
                    ),
                ));
                continue;
            }
        };
        if out.iter().any(|r| r.kind == kind) {
            errors.push(syn::Error::new(
                row.kind.span(),
                format!("permission type `{}` is given twice", row.kind),
            ));
            continue;
        }
        let value = match &row.value {
            PermissionValueDecl::Scopes { least, higher } => PermissionValue::Scopes {
                least_privileged: least.iter().map(|s| s.value()).collect(),
                higher_privileged: higher.iter().map(|s| s.value()).collect(),
            },
            PermissionValueDecl::NotSupported(_) => PermissionValue::NotSupported,
            PermissionValueDecl::NoneRequired(_) => PermissionValue::NoneRequired,
        };
        out.push(PermissionRow { kind, scope: None, value, line: LINE });
    }
    Permissions { source: PermissionSource::Inline { line: LINE }, rows: out }
}

/// `(resource, action)` of the title `resource: action` (see the module docs).
fn title_parts(
    method: HttpMethod,
    op: &Operation,
    body: &RequestBody,
    response: &Response,
) -> (String, String) {
    let segments = &op.segments;
    let n = segments.len();
    let creates = matches!(body.kind, BodyKind::Resource { .. });
    let (node_end, action) = match segments.last() {
        Some(PathSegment::Function { name, .. }) => {
            (n - 1, names::strip_namespace(name).to_string())
        }
        Some(PathSegment::Literal { text }) if text.contains('.') => {
            (n - 1, names::strip_namespace(text).to_string())
        }
        Some(PathSegment::Literal { text }) if method == HttpMethod::Post && !creates => {
            (n - 1, text.clone())
        }
        _ => {
            let collection = response.body.as_ref().is_some_and(|b| b.type_expr.is_collection());
            let word = match method {
                HttpMethod::Get if collection => "list",
                HttpMethod::Get => "get",
                HttpMethod::Post => "create",
                HttpMethod::Patch => "update",
                HttpMethod::Put => "replace",
                HttpMethod::Delete => "delete",
            };
            (n, word.to_string())
        }
    };
    let node = &segments[..node_end];
    let resource = match node.last() {
        Some(PathSegment::Param { .. }) => match node.iter().rev().nth(1) {
            Some(PathSegment::Literal { text }) => {
                let text = names::strip_namespace(text);
                names::singular(text).unwrap_or_else(|| text.to_string())
            }
            _ => "item".to_string(),
        },
        Some(PathSegment::Literal { text }) => {
            let text = names::strip_namespace(text);
            names::singular(text).unwrap_or_else(|| text.to_string())
        }
        Some(PathSegment::Function { name, .. }) => names::strip_namespace(name).to_string(),
        Some(PathSegment::Template { text, .. }) => {
            text.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
        }
        None => "graph".to_string(),
    };
    (resource, action)
}
