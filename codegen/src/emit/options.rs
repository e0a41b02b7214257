//! What a client function takes beyond its path and body: the query parameters of a
//! page, as typed arguments, and the docs naming the other query parameters and headers
//! the page documents (sent through the node's `with_options`).
//!
//! **Query parameters with plain names** become arguments after the function segment's
//! parameters and before the body, named by the naming rule in the function's argument
//! scope (`start_date_time`; `body_2` where the body has the name), typed by the page's
//! table: `bool` for `Boolean`, `i64` for the integer types, `&str` otherwise.
//! - Required: those the page requires (`calendarView`'s `startDateTime` and
//!   `endDateTime`), and those the request line gives a value to fill in
//!   (`/content?format={format}`), first, as plain arguments.
//! - Optional: the others its table lists (stated optional, or not stated), set by
//!   methods of the call the function then returns (see `emit::actions`); one not set
//!   is not sent (`Request::query_opt`).
//!
//! OData system options (`$top`) are never arguments (`RequestOptions` has a method for
//! each), and neither is a parameter whose name is not a plain word.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::names::{self, Scope};
use crate::spec::{ApiPage, PathSegment, Primitive, QueryParam, Requirement, TypeExpr};

/// Headers the client sets itself (or that a body sets): the docs' tables list them, but
/// a caller has nothing to give.
const CLIENT_HEADERS: [&str; 7] = [
    "authorization",
    "content-type",
    "content-length",
    "accept",
    "user-agent",
    "client-request-id",
    "host",
];

/// Whether the client sets header `name` itself (any case): pages list such headers,
/// but a caller has nothing to give.
pub(crate) fn is_client_header(name: &str) -> bool {
    CLIENT_HEADERS.iter().any(|c| name.trim().eq_ignore_ascii_case(c))
}

/// Whether a query parameter named `wire` is typed (an argument, or a method of the
/// call): a plain word (letters, digits, `_`), not an OData system option (`$top`).
pub(crate) fn is_argument_name(wire: &str) -> bool {
    !wire.is_empty() && wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A query parameter taken as an argument.
pub(crate) struct QueryArg {
    /// The name on the wire (`startDateTime`).
    pub wire: String,
    /// The argument (`start_date_time`).
    pub ident: Ident,
    /// Its type (before `Option` for an optional one).
    pub ty: QueryArgType,
    /// The request builder call that sends it (`.query(..)`, or `.query_opt(..)` for
    /// an optional one, whose value is an `Option`).
    pub call: TokenStream,
    /// Whether the request needs it.
    pub required: bool,
    /// What the page's table says of it (markdown; empty when the table does not list
    /// it).
    pub description: String,
}

/// The Rust type of a query argument (before `Option` for an optional one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QueryArgType {
    /// `bool`, for `Boolean`.
    Bool,
    /// `i64`, for the integer types.
    Int,
    /// `&str`, for everything else.
    Str,
}

impl QueryArgType {
    /// The type of a parameter typed `ty` in the page's table.
    fn of(ty: Option<&TypeExpr>) -> QueryArgType {
        match ty {
            Some(TypeExpr::Primitive { name: Primitive::Boolean }) => QueryArgType::Bool,
            Some(TypeExpr::Primitive {
                name:
                    Primitive::Byte
                    | Primitive::SByte
                    | Primitive::Int16
                    | Primitive::Int32
                    | Primitive::Int64,
            }) => QueryArgType::Int,
            _ => QueryArgType::Str,
        }
    }

    /// The type's tokens, a reference with lifetime `lifetime` (`'a`, or nothing for
    /// an elided one).
    pub(crate) fn tokens(self, lifetime: &TokenStream) -> TokenStream {
        match self {
            QueryArgType::Bool => quote!(bool),
            QueryArgType::Int => quote!(i64),
            QueryArgType::Str => quote!(&#lifetime str),
        }
    }

    /// As Rust writes it.
    pub(crate) fn rust(self) -> &'static str {
        match self {
            QueryArgType::Bool => "bool",
            QueryArgType::Int => "i64",
            QueryArgType::Str => "&str",
        }
    }
}

/// A query parameter a function takes as an argument, before it is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QueryArgSpec<'a> {
    /// The name on the wire (`startDateTime`).
    pub wire: &'a str,
    /// Its type.
    pub ty: QueryArgType,
    /// Whether the request needs it (else it is set on the call the function returns).
    pub required: bool,
    /// What the page's table says of it (markdown; empty when the table does not list
    /// it). Not compared by the change report: docs are not the signature.
    pub description: &'a str,
}

/// The query parameters a function of `page` for a request line with query string
/// `request_query` takes as arguments: first the required ones, those the page's table
/// requires (see [`query_table`]) and those the request line gives a value to fill in
/// (`format={format}`), in that order; then the others the table lists, optional. Only
/// plain names (see [`is_argument_name`]), once each (compared without case).
pub(crate) fn query_arg_specs<'a>(
    page: &'a ApiPage,
    request_query: Option<&'a str>,
) -> Vec<QueryArgSpec<'a>> {
    let table: Vec<&QueryParam> = query_table(page).collect();
    let mut wanted: Vec<QueryArgSpec<'a>> = Vec::new();
    let mut want = |wire: &'a str, listed: Option<&'a QueryParam>, required: bool| {
        if is_argument_name(wire) && !wanted.iter().any(|a| a.wire.eq_ignore_ascii_case(wire)) {
            let ty = QueryArgType::of(listed.and_then(|q| q.type_expr.as_ref()));
            let description = listed.map_or("", |q| q.description.as_str());
            wanted.push(QueryArgSpec { wire, ty, required, description });
        }
    };
    for q in table.iter().filter(|q| q.required == Requirement::Required) {
        want(q.name.trim(), Some(q), true);
    }
    for wire in request_query.map(templated_names).unwrap_or_default() {
        let listed = table.iter().find(|q| q.name.trim().eq_ignore_ascii_case(wire));
        want(wire, listed.copied(), true);
    }
    for q in &table {
        want(q.name.trim(), Some(q), false);
    }
    wanted
}

/// The query arguments `specs` (see [`query_arg_specs`]) named in `scope` (the
/// function's argument scope, where its other arguments' names are taken).
pub(crate) fn query_args(specs: Vec<QueryArgSpec<'_>>, scope: &mut Scope) -> Vec<QueryArg> {
    specs
        .into_iter()
        .map(|QueryArgSpec { wire, ty, required, description }| {
            let ident = names::ident(&scope.name(wire));
            let value = match ty {
                QueryArgType::Str => quote!(#ident),
                _ if required => quote!(#ident.to_string()),
                _ => quote!(#ident.map(|v| v.to_string())),
            };
            let call = match required {
                true => quote!(.query(#wire, #value)),
                false => quote!(.query_opt(#wire, #value)),
            };
            let description = description.to_string();
            QueryArg { wire: wire.to_string(), ident, ty, call, required, description }
        })
        .collect()
}

/// The query parameters the page's table lists, less those one of its request lines
/// gives as a function argument (`RoomList` in `findRooms(RoomList='{address}')`, which
/// pages list in their query table too): what the functions take as arguments and name
/// in their docs.
fn query_table(page: &ApiPage) -> impl Iterator<Item = &QueryParam> {
    let function_args: Vec<&str> = page
        .operations
        .iter()
        .flat_map(|op| &op.segments)
        .filter_map(|segment| match segment {
            PathSegment::Function { args, .. } => Some(args),
            _ => None,
        })
        .flatten()
        .filter_map(|arg| arg.name.as_deref())
        .collect();
    let is_function_arg =
        move |name: &str| function_args.iter().any(|a| a.eq_ignore_ascii_case(name));
    page.query_parameters.iter().filter(move |q| !is_function_arg(q.name.trim()))
}

/// The names a request line's query string gives a value to fill in
/// (`startDateTime={start_datetime}&$top=5` -> `startDateTime`): plain names only, so
/// OData options with a template inside (`$filter=id eq '{id}'`) are not among them.
fn templated_names(query: &str) -> Vec<&str> {
    query
        .split('&')
        .filter_map(|part| {
            let (name, value) = part.split_once('=')?;
            let name = name.trim();
            (value.contains('{') && is_argument_name(name)).then_some(name)
        })
        .collect()
}

/// The sentences naming the query arguments, for the function's docs; `call` names the
/// type of the call it returns, whose methods set the optional ones.
pub(crate) fn query_args_doc(args: &[QueryArg], call: Option<&str>) -> Vec<String> {
    let named = |required: bool| {
        args.iter()
            .filter(|a| a.required == required)
            .map(|a| format!("{} (`{}`)", docs::code(&a.ident.to_string()), a.wire))
            .collect::<Vec<_>>()
    };
    let mut out = Vec::new();
    let required = named(true);
    if !required.is_empty() {
        out.push(format!("Required query parameters: {}.", required.join(", ")));
    }
    let optional = named(false);
    if let (false, Some(call)) = (optional.is_empty(), call) {
        out.push(format!(
            "Optional query parameters, set by the methods of the same names of the \
             [`{call}`] it returns, before `.await`: {}.",
            optional.join(", ")
        ));
    }
    out
}

/// The query parameters (of [`query_table`]) and request headers the page documents,
/// beyond those the client sets and the `typed` arguments, named for the caller, who
/// sends them with the node's `with_options`.
pub(crate) fn options_doc(page: &ApiPage, typed: &[QueryArg]) -> Option<String> {
    fn names<'a>(items: impl Iterator<Item = (&'a str, bool)>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (name, required) in items {
            let shown = docs::code(name);
            let shown = if required { format!("{shown} (required)") } else { shown };
            if !out.contains(&shown) {
                out.push(shown);
            }
        }
        out
    }
    let required = |r: Requirement| r == Requirement::Required;
    let query = names(
        query_table(page)
            .filter(|q| !typed.iter().any(|a| a.wire == q.name.trim()))
            .map(|q| (q.name.as_str(), required(q.required))),
    );
    let headers = names(
        page.request_headers
            .iter()
            .filter(|h| !is_client_header(&h.name))
            .map(|h| (h.name.trim(), required(h.required))),
    );
    let mut said = Vec::new();
    if !query.is_empty() {
        said.push(format!("query parameters {}", query.join(", ")));
    }
    if !headers.is_empty() {
        said.push(format!("request headers {}", headers.join(", ")));
    }
    (!said.is_empty()).then(|| {
        format!(
            "**Options** the page documents: {}. Send them with \
             `graphgen_runtime::RequestOptions` through the node's \
             `with_options`.",
            said.join("; ")
        )
    })
}
