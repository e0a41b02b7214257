//! Actions from API specs: the request body type of a page and its client functions.
//!
//! **Request bodies.** A page whose body is a parameter table gets a struct
//! `<Resource><Action>Request` (from the `resource: action` title, else from the file
//! name): every parameter is an `Option` (so `Default` + struct update works), `new`
//! takes the parameters the docs mark required, and unknown members are kept like in
//! every type; an update's (`PATCH`, `PUT`) also names its members for `set_null`. A
//! page whose body is a resource takes that type; a stream body takes
//! bytes and a content type.
//!
//! **Arguments**: the function segment's parameters, the query parameters with plain
//! names, required then optional (`Option<..>`; see `emit::options`), then the body.
//!
//! **Return types** (the response rule):
//! - an operation handle, `Operation<T>` (`send_operation`), when the prose or an
//!   example shows `202 Accepted` together with something to follow (a `Location`
//!   header or an operation body), or when the prose promises a `Location` header. The
//!   runtime accepts 202 and 200/201 + `Location` alike, so pages whose prose and
//!   examples disagree on the code (a `status_conflict` diagnostic) work either way.
//!   `T` is the body type the prose names, else the `Location` type, else the type the
//!   example response is annotated with, else raw JSON;
//! - `()` (`send_no_content`, which accepts any 2xx) for `204`, and for a `202` that
//!   promises nothing to follow;
//! - `Collection<T>` (`send_json`) for a collection body, `Vec<u8>` (`send_bytes`) for
//!   a stream, `T` (`send_json`) for any other body: the prose's type, else the
//!   example's annotated type, else raw JSON when the example shows a JSON body;
//! - `()` when nothing at all says there is a body.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, LinkBase};
use super::index::{Resolved, TypeIndex, is_update};
use super::names::{self, Case, Scope};
use super::nav::{Call, NavOp, NavTree};
use super::options::{self, QueryArg};
use super::types::{
    additional_properties_field, data_derives, field_doc, field_tokens, member_impl, serde_impls,
};
use crate::spec::{
    ApiPage, ApiVersion, ArgValue, BodyKind, ExampleBody, ExampleKind, HttpMethod, PathSegment,
    Primitive, Requirement, TypeExpr,
};

/// What a function returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Returns {
    /// `Operation<T>` via `send_operation`.
    Operation(Resolved),
    /// `()` via `send_no_content`.
    NoContent,
    /// `T` via `send_json`.
    Json(Resolved),
    /// `Collection<T>` via `send_json`.
    Collection(Resolved),
    /// `Vec<u8>` via `send_bytes`.
    Bytes,
}

/// The request body of a page, as the function takes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// No body.
    None,
    /// The page's own request struct.
    Params,
    /// A resource type.
    Resource(TypeExpr),
    /// Bytes with a content type.
    Stream,
}

/// The body kind of a page (a table with rows is a parameter body whatever the prose
/// says).
pub fn body_of(page: &ApiPage) -> Body {
    match &page.request_body.kind {
        BodyKind::Resource { type_expr } => Body::Resource(type_expr.clone()),
        BodyKind::Stream => Body::Stream,
        _ if !page.request_body.params.is_empty() => Body::Params,
        _ => Body::None,
    }
}

/// The candidate name of a page's request struct: `<Resource><Action>Request`, or the
/// file name's PascalCase + `Request`.
pub fn request_candidate(page: &ApiPage) -> String {
    match (&page.resource, &page.action) {
        (Some(resource), Some(action)) => {
            format!("{}{}Request", names::pascal(resource), names::pascal(action))
        }
        _ => format!("{}Request", names::pascal(&page.stem)),
    }
}

/// Apply the response rule (see the module docs).
pub fn returns_of(page: &ApiPage, index: &TypeIndex<'_>) -> Returns {
    let response = &page.response;
    let examples: Vec<_> = page
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Response)
        .filter_map(|e| e.response.as_ref().map(|r| (e, r)))
        .collect();
    let prose_202 = response.status_codes.iter().any(|s| s.code == 202);
    let example_202 = examples.iter().any(|(_, r)| r.status == 202);
    let example_location = examples
        .iter()
        .any(|(_, r)| r.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("location")));
    let annotated: Option<(String, bool)> = examples.iter().find_map(|(e, _)| {
        let a = e.annotation.as_ref()?;
        a.odata_type.clone().map(|t| (t, a.is_collection))
    });
    let annotated_type = |collection: bool| -> Option<Resolved> {
        let (name, is_collection) = annotated.clone()?;
        let expr = TypeExpr::named(names::strip_namespace(&name), None);
        let r = index.resolve(&expr);
        if matches!(r, Resolved::Raw(_)) {
            return None;
        }
        Some(if is_collection && !collection { Resolved::Collection(Box::new(r)) } else { r })
    };
    let prose_body = response.body.as_ref().map(|b| index.resolve(&b.type_expr));
    let location_type =
        response.location.as_ref().and_then(|l| l.type_expr.as_ref()).map(|t| index.resolve(t));

    let operation_type = || {
        prose_body
            .clone()
            .or_else(|| location_type.clone())
            .or_else(|| annotated_type(true))
            .unwrap_or_else(|| Resolved::Raw("the docs name no operation type".into()))
    };
    if prose_202 || example_202 {
        let follows = response.location.is_some()
            || example_location
            || prose_body.is_some()
            || annotated.is_some();
        return if follows { Returns::Operation(operation_type()) } else { Returns::NoContent };
    }
    if response.location.is_some() {
        return Returns::Operation(operation_type());
    }
    if response.status_codes.iter().any(|s| s.code == 204) {
        return Returns::NoContent;
    }
    let body = prose_body.or_else(|| annotated_type(false)).or_else(|| {
        let json_example =
            examples.iter().any(|(_, r)| matches!(r.body, Some(ExampleBody::Json { .. })));
        json_example.then(|| Resolved::Raw("the docs name no response type".into()))
    });
    match body {
        None => Returns::NoContent,
        Some(Resolved::Primitive(Primitive::Stream)) => Returns::Bytes,
        Some(Resolved::Collection(item)) => Returns::Collection(*item),
        Some(other) => Returns::Json(other),
    }
}

/// Everything emitted for one API page: its request struct, then one `impl` block per
/// node its operations are placed on. `request` is the struct's name (when the page
/// has a parameter body).
pub fn page_tokens(
    index: &TypeIndex<'_>,
    tree: &NavTree<'_>,
    spec_path: &str,
    page: &ApiPage,
    request: Option<&str>,
) -> TokenStream {
    let base = LinkBase { version: index.version(), resource: false };
    let types = quote!(super::super::types);
    let request_struct = match request {
        Some(name) => request_struct(index, page, name, &types, &base),
        None => quote!(),
    };
    // One impl block per node, in the order the page's operations first reach them.
    let mut by_node: Vec<(usize, Vec<&NavOp<'_>>)> = Vec::new();
    for op in tree.ops_of(spec_path) {
        match by_node.iter_mut().find(|(node, _)| *node == op.node) {
            Some((_, ops)) => ops.push(op),
            None => by_node.push((op.node, vec![op])),
        }
    }
    by_node.sort_by_key(|(node, _)| *node);
    let impls = by_node.into_iter().map(|(node, ops)| {
        let ty = names::ident(&tree.nodes[node].type_name);
        let fns = ops.into_iter().map(|o| function_tokens(index, tree, o, request, &types, &base));
        quote! {
            impl super::super::paths::#ty {
                #(#fns)*
            }
        }
    });
    quote! {
        #request_struct
        #(#impls)*
    }
}

fn request_struct(
    index: &TypeIndex<'_>,
    page: &ApiPage,
    name: &str,
    types: &TokenStream,
    base: &LinkBase,
) -> TokenStream {
    let ident = names::ident(name);
    let mut scope = Scope::with_reserved(Case::Snake, &["additional_properties"]);
    let mut required = Vec::new();
    let mut fields = Vec::new();
    let mut field_names = Vec::new();
    for param in &page.request_body.params {
        let rust = scope.name(&param.name);
        let resolved = index.resolve(&param.type_expr);
        let ty = index.rust_type(&resolved, types);
        let mut doc = field_doc(&param.description, &resolved, base);
        if param.required == Requirement::Required {
            doc.push_str("\n\nRequired.");
            required.push((rust.clone(), ty.clone()));
        }
        fields.push(field_tokens(&rust, ty, false, &doc));
        field_names.push((rust, param.name.clone()));
    }
    let doc = docs::doc_attrs(&docs::paragraphs([
        format!("The request body of {}.", docs::page_ref(&page.title, &page.doc_url)),
        docs::sanitize(&page.request_body.description, base),
        "Every parameter is optional in the type (`Default` and struct update syntax fill \
         in the rest); `new` takes the ones the docs mark required."
            .to_string(),
    ]));
    let extra = additional_properties_field();
    let derives = data_derives(true);
    let serde = serde_impls(&ident, name, &field_names, &quote!());
    let members = match is_update(page) {
        true => member_impl(&ident, &field_names, &quote!()),
        false => quote!(),
    };
    let constructor = if required.is_empty() {
        quote!()
    } else {
        let args = required.iter().map(|(n, t)| {
            let n = names::ident(n);
            quote!(#n: #t)
        });
        let sets = required.iter().map(|(n, _)| {
            let n = names::ident(n);
            quote!(#n: Some(#n),)
        });
        quote! {
            impl #ident {
                /// A request with the required parameters set and the others `None`.
                pub fn new(#(#args),*) -> Self {
                    Self { #(#sets)* ..Default::default() }
                }
            }
        }
    };
    quote! {
        #doc
        #derives
        pub struct #ident {
            #(#fields)*
            #extra
        }
        #serde
        #members
        #constructor
    }
}

fn version_tokens(version: ApiVersion) -> TokenStream {
    match version {
        ApiVersion::V1 => quote!(::graphgen_runtime::ApiVersion::V1),
        ApiVersion::Beta => quote!(::graphgen_runtime::ApiVersion::Beta),
    }
}

fn method_tokens(method: HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Get => quote!(::graphgen_runtime::Method::Get),
        HttpMethod::Post => quote!(::graphgen_runtime::Method::Post),
        HttpMethod::Put => quote!(::graphgen_runtime::Method::Put),
        HttpMethod::Patch => quote!(::graphgen_runtime::Method::Patch),
        HttpMethod::Delete => quote!(::graphgen_runtime::Method::Delete),
    }
}

/// `Path` builder calls for one segment. `value` gives the Rust expression of a
/// placeholder, from its position among the segment's placeholders and its name (a
/// function segment may use one name twice: `resizedRange(deltaRows={n},
/// deltaColumns={n})`).
pub fn segment_call(
    segment: &PathSegment,
    value: &mut dyn FnMut(usize, &str) -> TokenStream,
) -> TokenStream {
    let mut position = 0;
    let mut value = |name: &str| {
        let v = value(position, name);
        position += 1;
        v
    };
    match segment {
        PathSegment::Literal { text } => quote!(.literal(#text)),
        PathSegment::Param { name } => {
            let v = value(name);
            quote!(.param(#v))
        }
        PathSegment::Function { name, args } => {
            let args = args.iter().map(|a| {
                let arg_name = a.name.clone().unwrap_or_default();
                let arg = match &a.value {
                    ArgValue::Literal { text } => {
                        quote!(::graphgen_runtime::FnArg::Literal(#text))
                    }
                    ArgValue::Param { name, quoted: true } => {
                        let v = value(name);
                        quote!(::graphgen_runtime::FnArg::Str(#v))
                    }
                    ArgValue::Param { name, quoted: false } => {
                        let v = value(name);
                        quote!(::graphgen_runtime::FnArg::Raw(#v))
                    }
                };
                quote!((#arg_name, #arg))
            });
            quote!(.function(#name, &[#(#args),*]))
        }
        PathSegment::Template { text, params } => {
            let parts = template_parts(text, params).into_iter().map(|part| match part {
                TemplatePart::Lit(lit) => quote!(::graphgen_runtime::TemplatePart::Lit(#lit)),
                TemplatePart::Value(name) => {
                    let v = value(name.as_str());
                    quote!(::graphgen_runtime::TemplatePart::Value(#v))
                }
            });
            quote!(.template(&[#(#parts),*]))
        }
    }
}

enum TemplatePart {
    Lit(String),
    Value(String),
}

/// Split `root:{item-path}:` into literal text and placeholders.
fn template_parts(text: &str, params: &[String]) -> Vec<TemplatePart> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        if open > 0 {
            parts.push(TemplatePart::Lit(rest[..open].to_string()));
        }
        let name = rest[open + 1..open + close].split('|').next().unwrap_or("").trim();
        if params.iter().any(|p| p == name) {
            parts.push(TemplatePart::Value(name.to_string()));
        } else {
            parts.push(TemplatePart::Lit(rest[open..=open + close].to_string()));
        }
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(TemplatePart::Lit(rest.to_string()));
    }
    parts
}

fn function_tokens(
    index: &TypeIndex<'_>,
    tree: &NavTree<'_>,
    op: &NavOp<'_>,
    request: Option<&str>,
    types: &TokenStream,
    base: &LinkBase,
) -> TokenStream {
    let page = op.page;
    let method_ident = names::ident(&op.method);
    let returns = returns_of(page, index);
    let body = body_of(page);

    // Arguments: the final function segment's parameters, the query parameters
    // (required, then optional), then the body.
    let mut args = Vec::new();
    let mut scope = Scope::with_reserved(Case::Snake, &["body", "content_type"]);
    for p in &op.params {
        let arg = names::ident(&p.arg);
        args.push(quote!(#arg: &str));
        scope.reserve(&p.arg);
    }
    let query = options::query_args(page, op.op.query.as_deref(), &mut scope);
    let mut query_calls = Vec::new();
    for q in &query {
        let (ident, ty) = (&q.ident, &q.ty);
        args.push(quote!(#ident: #ty));
        query_calls.push(&q.call);
    }
    let body_call = match (&body, request) {
        (Body::Params, Some(name)) => {
            let name = names::ident(name);
            args.push(quote!(body: &#name));
            quote!(.json(body)?)
        }
        (Body::Resource(expr), _) => {
            let ty = index.rust_type(&index.resolve(expr), types);
            args.push(quote!(body: &#ty));
            quote!(.json(body)?)
        }
        (Body::Stream, _) => {
            args.push(quote!(content_type: &str));
            args.push(quote!(body: Vec<u8>));
            quote!(.bytes(content_type, body))
        }
        _ => quote!(),
    };

    // The path: the node's path, then the final segment for actions and functions.
    let node = &tree.nodes[op.node];
    let last = match &op.call {
        Call::Crud => quote!(),
        Call::Action(text) => quote!(.literal(#text)),
        Call::Function(segment) => {
            let params = &op.params;
            segment_call(segment, &mut |i: usize, name: &str| {
                let p = super::nav::param_at(params, i, name);
                let arg = names::ident(&p.arg);
                quote!(#arg)
            })
        }
    };
    let path = if node.parent.is_none() {
        quote!(::graphgen_runtime::Path::new() #last)
    } else {
        quote!(self.path() #last)
    };
    let version = version_tokens(index.version());
    let method = method_tokens(op.op.method);
    let (ret, send) = match &returns {
        Returns::Operation(t) => {
            let t = index.rust_type(t, types);
            (quote!(::graphgen_runtime::Operation<#t>), quote!(send_operation))
        }
        Returns::NoContent => (quote!(()), quote!(send_no_content)),
        Returns::Json(t) => (index.rust_type(t, types), quote!(send_json)),
        Returns::Collection(t) => {
            let t = index.rust_type(t, types);
            (quote!(::graphgen_runtime::Collection<#t>), quote!(send_json))
        }
        Returns::Bytes => (quote!(Vec<u8>), quote!(send_bytes)),
    };
    let deprecated = docs::deprecated_attr(&op.deprecated);
    let doc = docs::doc_attrs(&function_doc(page, op, &query, &returns, index, base));
    quote! {
        #doc
        #deprecated
        pub async fn #method_ident(&self, #(#args),*) -> ::graphgen_runtime::Result<#ret> {
            let request = ::graphgen_runtime::Request::new(#method, #version, #path)
                #(#query_calls)* .options(self.options()) #body_call;
            self.client().#send(request).await
        }
    }
}

fn function_doc(
    page: &ApiPage,
    op: &NavOp<'_>,
    query: &[QueryArg],
    returns: &Returns,
    index: &TypeIndex<'_>,
    base: &LinkBase,
) -> String {
    let mut description = docs::sanitize(&page.description, base);
    if description.is_empty() {
        description = docs::plain(&page.title);
    }
    let mut request_line = format!("{} {}", op.op.method, op.op.path);
    if let Some(q) = &op.op.query {
        request_line.push('?');
        request_line.push_str(q);
    }
    let mut parts = vec![description, docs::code(&request_line)];
    if !op.params.is_empty() {
        parts.push(format!(
            "Function parameters: {}.",
            op.params.iter().map(|p| docs::code(&p.arg)).collect::<Vec<_>>().join(", ")
        ));
    }
    parts.extend(options::query_args_doc(query));
    parts.extend(options::options_doc(page, query));
    parts.push(docs::permissions(&page.permissions));
    let type_name = |r: &Resolved| match r {
        Resolved::Type(id) => format!("`{}`", index.value_name(*id)),
        Resolved::Collection(_) | Resolved::Primitive(_) | Resolved::Union(_) => {
            "the body".to_string()
        }
        Resolved::Raw(why) => format!("raw JSON ({})", docs::plain(why)),
    };
    parts.push(match returns {
        Returns::Operation(t) => format!(
            "**Returns** a long-running operation handle; its body, when there is one, \
             decodes as {}.",
            type_name(t)
        ),
        Returns::NoContent => "**Returns** `()` on success.".to_string(),
        Returns::Json(t) => format!("**Returns** {}.", type_name(t)),
        Returns::Collection(t) => {
            format!("**Returns** one page of a collection of {}.", type_name(t))
        }
        Returns::Bytes => "**Returns** the content, as bytes.".to_string(),
    });
    if let Some(Some(note)) = &op.deprecated {
        parts.push(format!("**Deprecated:** {}", docs::plain(note)));
    }
    if !page.doc_url.is_empty() {
        parts.push(docs::doc_link(&page.doc_url));
    }
    docs::paragraphs(parts)
}
