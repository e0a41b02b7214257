//! What a client function takes beyond its path and body: the query parameters a page
//! requires, as typed arguments, and the docs naming the other query parameters and
//! headers the page documents (sent through the node's `with_options`).
//!
//! **Required query parameters** (`calendarView`'s `startDateTime` and `endDateTime`)
//! become arguments after the function segment's parameters and before the body, named
//! by the naming rule in the function's argument scope (`start_date_time`; `body_2`
//! where the body has the name), typed by the page's table: `bool` for `Boolean`, `i64` for the
//! integer types, `&str` otherwise. OData system options (`$top`) are never arguments,
//! and neither is a parameter whose name is not a plain word.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::names::{self, Scope};
use crate::spec::{ApiPage, Primitive, Requirement, TypeExpr};

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

/// Whether a required query parameter named `wire` becomes an argument: a plain word
/// (letters, digits, `_`), not an OData system option (`$top`).
pub(crate) fn is_argument_name(wire: &str) -> bool {
    !wire.is_empty() && wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A required query parameter, taken as an argument.
pub(crate) struct QueryArg {
    /// The name on the wire (`startDateTime`).
    pub wire: String,
    /// The argument (`start_date_time`).
    pub ident: Ident,
    /// The argument's type.
    pub ty: TokenStream,
    /// The value the request sends (the argument, as text).
    pub value: TokenStream,
}

/// The query parameters `page` requires, as arguments, named in `scope`: the
/// function's argument scope, where its other arguments' names are taken.
pub(crate) fn query_args(page: &ApiPage, scope: &mut Scope) -> Vec<QueryArg> {
    let mut out: Vec<QueryArg> = Vec::new();
    for q in &page.query_parameters {
        let wire = q.name.trim();
        if q.required != Requirement::Required
            || !is_argument_name(wire)
            || out.iter().any(|a| a.wire == wire)
        {
            continue;
        }
        let ident = names::ident(&scope.name(wire));
        let primitive = match &q.type_expr {
            Some(TypeExpr::Primitive { name }) => Some(*name),
            _ => None,
        };
        let (ty, value) = match primitive {
            Some(Primitive::Boolean) => (quote!(bool), quote!(#ident.to_string())),
            Some(
                Primitive::Byte
                | Primitive::SByte
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64,
            ) => (quote!(i64), quote!(#ident.to_string())),
            _ => (quote!(&str), quote!(#ident)),
        };
        out.push(QueryArg { wire: wire.to_string(), ident, ty, value });
    }
    out
}

/// The sentence naming the query arguments, for the function's docs.
pub(crate) fn query_args_doc(args: &[QueryArg]) -> Option<String> {
    (!args.is_empty()).then(|| {
        let named: Vec<String> = args
            .iter()
            .map(|a| format!("{} (`{}`)", docs::code(&a.ident.to_string()), a.wire))
            .collect();
        format!("Required query parameters: {}.", named.join(", "))
    })
}

/// The query parameters and request headers the page documents (beyond those the client
/// sets and the `typed` arguments), named for the caller, who sends them with the
/// node's `with_options`.
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
        page.query_parameters
            .iter()
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
