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
//! **Arguments**: the function segment's parameters, the required query parameters
//! with plain names (see `emit::options`), then the body.
//!
//! **Calls.** A function with optional query parameters returns a call instead of a
//! future: a struct (`<Node><Method>Call`, in the page's module) that keeps the
//! arguments, sets each optional parameter by a method of the same name, and is sent
//! by `.await` (`IntoFuture`, a boxed `Send` future) or `send`. A parameter a doc
//! update adds is then a new method, not a new argument: code written against the
//! old call still compiles.
//!
//! **Return types** (the response rule, per request line):
//! - an operation handle, `Operation<T>` (`send_operation`), for any method but `GET`
//!   (a read starts no long-running operation), when the prose or an
//!   example shows `202 Accepted` together with something to follow (a `Location`
//!   header or an operation body), or when the prose promises a `Location` header with
//!   no `201`. The runtime accepts 202 and 200 + `Location` alike, so pages whose prose
//!   and examples disagree on the code (a `status_conflict` diagnostic) work either way.
//!   `T` is the body type the prose names, else the `Location` type, else the type the
//!   example response is annotated with, else raw JSON;
//! - the created resource, `Created<T>` (`send_created`: its `Location` and body), for a
//!   `201 Created` whose prose promises a `Location` (adding a chat member): the
//!   resource exists, there is nothing to poll. `T` as for an operation, else the
//!   resource the request sends;
//! - `()` (`send_no_content`, which accepts any 2xx) for `204`, and for a `202` that
//!   promises nothing to follow;
//! - `Vec<u8>` (`send_bytes`) for a redirect and no 2xx code (`302 Found` to a
//!   pre-authenticated download URL: the runtime follows it, without the token; or an
//!   example's redirect where the prose names no code), and for a `GET` of a raw value
//!   (`.../$value`), whatever the page says of the JSON form its other request lines
//!   return (`/me/photo` and `/me/photo/$value`);
//! - `Collection<T>` (`send_json`) for a collection body, `Vec<u8>` (`send_bytes`) for
//!   a stream, the value of one primitive (`send_value`: OData sends it as
//!   `{"value": ...}`), `T` (`send_json`) for any other body: the prose's type, else the
//!   example's annotated type, else raw JSON when the example shows a JSON body (the
//!   distiller already types a body from annotations where the prose names none,
//!   primitives included), and raw JSON for a `GET` whose page names no body at all (a
//!   read answers with something);
//! - `()` when nothing at all says there is a body.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, LinkBase};
use super::index::{Resolved, TypeIndex, is_update};
use super::names::{self, Case, Scope};
use super::nav::{NavOp, NavTree};
use super::types::{
    additional_properties_field, data_derives, field_doc, field_tokens, member_impl, serde_impls,
};
use crate::spec::{
    ApiPage, BodyKind, ExampleBody, ExampleKind, HttpMethod, Operation, PathSegment, Primitive,
    Requirement, TypeExpr, is_redirect,
};

mod call;
mod function;
mod segment;

pub use segment::segment_call;

/// What a function returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Returns {
    /// `Operation<T>` via `send_operation`.
    Operation(Resolved),
    /// `Created<T>` (the new resource's `Location` and body) via `send_created`.
    Created(Resolved),
    /// `()` via `send_no_content`.
    NoContent,
    /// `T` via `send_json`.
    Json(Resolved),
    /// `Collection<T>` via `send_json`.
    Collection(Resolved),
    /// `Vec<u8>` via `send_bytes`.
    Bytes,
    /// One primitive, which OData sends as `{"value": ...}`, via `send_value`.
    Value(Primitive),
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

/// Apply the response rule (see the module docs) to one of a page's operations.
pub fn returns_of(page: &ApiPage, op: &Operation, index: &TypeIndex<'_>) -> Returns {
    // A raw value (`GET .../$value`: a photo, a message's MIME, an attachment) is the
    // content, whatever the page says of the JSON form it shares the page with.
    let reads = op.method == HttpMethod::Get;
    let raw_value =
        matches!(op.segments.last(), Some(PathSegment::Literal { text }) if text == "$value");
    if reads && raw_value {
        return Returns::Bytes;
    }
    let response = &page.response;
    let codes = || response.status_codes.iter().map(|s| s.code);
    let examples: Vec<_> = page
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Response)
        .filter_map(|e| e.response.as_ref().map(|r| (e, r)))
        .collect();
    let prose_202 = codes().any(|c| c == 202);
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

    // The type of what a `Location` leads to (an operation, or a created resource).
    let followed_type = |what: &str, otherwise: Option<Resolved>| {
        prose_body
            .clone()
            .or_else(|| location_type.clone())
            .or_else(|| annotated_type(true))
            .or(otherwise)
            .unwrap_or_else(|| Resolved::Raw(format!("the docs name no {what} type")))
    };
    let operation_type = || followed_type("operation", None);
    // A `GET` reads: it starts no long-running operation, whatever a `202` or a
    // `Location` on its page says (`202` "while background operations complete" on
    // getting a user, an example of an operation resource answered `202`, a `Location`
    // to a meeting's attendee report).
    if !reads && (prose_202 || example_202) {
        let follows = response.location.is_some()
            || example_location
            || prose_body.is_some()
            || annotated.is_some();
        return if follows { Returns::Operation(operation_type()) } else { Returns::NoContent };
    }
    // `302 Found` to a download URL, which the runtime follows: the content. Said by
    // the prose (with no 2xx code), or, where it names no code, shown by an example.
    let stated_redirect = codes().any(is_redirect) && !codes().any(|c| (200..300).contains(&c));
    let shown_redirect =
        response.status_codes.is_empty() && examples.iter().any(|(_, r)| is_redirect(r.status));
    if stated_redirect || shown_redirect {
        return Returns::Bytes;
    }
    if !reads && response.location.is_some() {
        // `201 Created` with a `Location` names the resource it created (a chat member,
        // a user flow): nothing to poll. A `200` with one is an operation's (the calls
        // area's `record`, `invite`).
        if codes().any(|c| c == 201) {
            // Where nothing else names it, what was created is what was sent.
            let sent = match &page.request_body.kind {
                BodyKind::Resource { type_expr } => Some(index.resolve(type_expr)),
                _ => None,
            };
            let sent = sent.filter(|r| !matches!(r, Resolved::Raw(_)));
            return Returns::Created(followed_type("created resource", sent));
        }
        return Returns::Operation(operation_type());
    }
    if codes().any(|c| c == 204) {
        return Returns::NoContent;
    }
    let body = prose_body.or_else(|| annotated_type(false)).or_else(|| {
        // A JSON body shown (with its status line or without), or a read: a `GET` that
        // is not answered `204` answers with something, whatever the page fails to name.
        let json_example = page
            .examples
            .iter()
            .any(|e| matches!(e.response_body(), Some(ExampleBody::Json { .. })));
        (json_example || reads).then(|| Resolved::Raw("the docs name no response type".into()))
    });
    match body {
        None => Returns::NoContent,
        Some(Resolved::Primitive(Primitive::Stream)) => Returns::Bytes,
        // Untyped JSON is the whole body; any other primitive comes wrapped.
        Some(Resolved::Primitive(p)) if p != Primitive::Json => Returns::Value(p),
        Some(Resolved::Collection(item)) => Returns::Collection(*item),
        Some(other) => Returns::Json(other),
    }
}

/// Everything emitted for one API page: its request struct, then one `impl` block per
/// node its operations are placed on, then the call types of its functions with
/// optional query arguments. `request` is the struct's name (when the page has a
/// parameter body); the call types are named in `type_names`, the module's scope of
/// type names. The second value says whether the page emits a call type.
pub fn page_tokens(
    index: &TypeIndex<'_>,
    tree: &NavTree<'_>,
    spec_path: &str,
    page: &ApiPage,
    request: Option<&str>,
    type_names: &mut Scope,
) -> (TokenStream, bool) {
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
    let mut calls = Vec::new();
    let impls: Vec<TokenStream> = by_node
        .into_iter()
        .map(|(node, ops)| {
            let fns: Vec<TokenStream> = ops
                .into_iter()
                .map(|o| {
                    let code = function::function_tokens(
                        index, tree, o, request, type_names, &types, &base,
                    );
                    calls.extend(code.call);
                    code.method
                })
                .collect();
            let ty = names::ident(&tree.nodes[node].type_name);
            quote! {
                impl super::super::paths::#ty {
                    #(#fns)*
                }
            }
        })
        .collect();
    let tokens = quote! {
        #request_struct
        #(#impls)*
        #(#calls)*
    };
    (tokens, !calls.is_empty())
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
