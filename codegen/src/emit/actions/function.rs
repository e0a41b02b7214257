//! One operation's client function: its arguments, the request it sends, its docs.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs::{self, LinkBase};
use super::super::index::{Resolved, TypeIndex, primitive_type};
use super::super::names::{self, Case, Scope};
use super::super::nav::{Call, NavOp, NavTree};
use super::super::options::{self, QueryArg};
use super::segment::segment_call;
use super::{Body, Returns, body_of, call, returns_of};
use crate::spec::{ApiPage, ApiVersion, HttpMethod};

/// The code of one operation's function: the method of its node, and, for a function
/// with optional query arguments, the call type it returns (an item of the page's
/// module).
pub(super) struct FunctionCode {
    pub method: TokenStream,
    pub call: Option<TokenStream>,
}

/// One argument of a function: its name, its type (a reference's lifetime `'a` where
/// the function returns a call, which keeps it), whether it borrows.
pub(super) struct Arg {
    pub ident: proc_macro2::Ident,
    pub ty: TokenStream,
    pub borrows: bool,
}

/// The function of `op`: an `async fn` of its node, or, when it has optional query
/// arguments, a function returning a call (see [`call`](super::call)), named in
/// `type_names` (the module's scope of type names). `request` is the page's request
/// struct.
pub(super) fn function_tokens(
    index: &TypeIndex<'_>,
    tree: &NavTree<'_>,
    op: &NavOp<'_>,
    request: Option<&str>,
    type_names: &mut Scope,
    types: &TokenStream,
    base: &LinkBase,
) -> FunctionCode {
    let page = op.page;
    let node = &tree.nodes[op.node];
    let method_ident = names::ident(&op.method);
    let specs = options::query_arg_specs(page, op.op.query.as_deref());
    let call_name = specs
        .iter()
        .any(|a| !a.required)
        .then(|| type_names.name(&format!("{}{}Call", node.type_name, names::pascal(&op.method))));
    let call_name = call_name.as_deref();
    let returns = returns_of(page, op.op, index);
    let body = body_of(page);
    // A function with optional query arguments returns a call that keeps its arguments
    // (references live as long as `'a`) and sets the optional ones by methods.
    let lifetime = match call_name {
        Some(_) => quote!('a),
        None => quote!(),
    };

    // Arguments: the final function segment's parameters, the required query
    // parameters, then the body.
    let mut args = Vec::new();
    let mut reserved = vec!["body", "content_type"];
    if call_name.is_some() {
        reserved.extend(call::CALL_NAMES);
    }
    let mut scope = Scope::with_reserved(Case::Snake, &reserved);
    for p in &op.params {
        let ident = names::ident(&p.arg);
        args.push(Arg { ident, ty: quote!(&#lifetime str), borrows: true });
        scope.reserve(&p.arg);
    }
    let query = options::query_args(specs, &mut scope);
    let mut query_calls = Vec::new();
    for q in &query {
        // The optional ones are set on the call (a function with any returns one).
        if q.required {
            let borrows = q.ty == options::QueryArgType::Str;
            args.push(Arg { ident: q.ident.clone(), ty: q.ty.tokens(&lifetime), borrows });
        }
        query_calls.push(&q.call);
    }
    let body_arg =
        |ty: TokenStream, borrows: bool| Arg { ident: names::ident("body"), ty, borrows };
    let body_call = match (&body, request) {
        (Body::Params, Some(name)) => {
            let name = names::ident(name);
            args.push(body_arg(quote!(&#lifetime #name), true));
            quote!(.json(body)?)
        }
        (Body::Resource(expr), _) => {
            let ty = index.rust_type(&index.resolve(expr), types);
            args.push(body_arg(quote!(&#lifetime #ty), true));
            quote!(.json(body)?)
        }
        (Body::Stream, _) => {
            let ident = names::ident("content_type");
            args.push(Arg { ident, ty: quote!(&#lifetime str), borrows: true });
            args.push(body_arg(quote!(Vec<u8>), false));
            quote!(.bytes(content_type, body))
        }
        _ => quote!(),
    };

    // The path: the node's path, then the final segment for actions and functions; the
    // node is `self`, or the call's `node`.
    let receiver = match call_name {
        Some(_) => quote!(node),
        None => quote!(self),
    };
    let last = match &op.call {
        Call::Crud => quote!(),
        Call::Action(text) => quote!(.literal(#text)),
        Call::Function(segment) => {
            let params = &op.params;
            segment_call(segment, &mut |i: usize, name: &str| {
                let p = super::super::nav::param_at(params, i, name);
                let arg = names::ident(&p.arg);
                quote!(#arg)
            })
        }
    };
    let path = if node.parent.is_none() {
        quote!(::graphgen_runtime::Path::new() #last)
    } else {
        quote!(#receiver.path() #last)
    };
    let version = version_tokens(index.version());
    let method = method_tokens(op.op.method);
    let (ret, send) = match &returns {
        Returns::Operation(t) => {
            let t = index.rust_type(t, types);
            (quote!(::graphgen_runtime::Operation<#t>), quote!(send_operation))
        }
        Returns::Created(t) => {
            let t = index.rust_type(t, types);
            (quote!(::graphgen_runtime::Created<#t>), quote!(send_created))
        }
        Returns::NoContent => (quote!(()), quote!(send_no_content)),
        Returns::Json(t) => (index.rust_type(t, types), quote!(send_json)),
        Returns::Collection(t) => {
            let t = index.rust_type(t, types);
            (quote!(::graphgen_runtime::Collection<#t>), quote!(send_json))
        }
        Returns::Bytes => (quote!(Vec<u8>), quote!(send_bytes)),
        Returns::Value(p) => (primitive_type(*p), quote!(send_value)),
    };
    let deprecated = docs::deprecated_attr(&op.deprecated);
    let doc = docs::doc_attrs(&function_doc(page, op, &query, call_name, &returns, index, base));
    let sending = quote! {
        let request = ::graphgen_runtime::Request::new(#method, #version, #path)
            #(#query_calls)* .options(#receiver.options()) #body_call;
        #receiver.client().#send(request).await
    };
    let params = args.iter().map(|Arg { ident, ty, .. }| quote!(#ident: #ty));
    let Some(call_name) = call_name else {
        return FunctionCode {
            method: quote! {
                #doc
                #deprecated
                pub async fn #method_ident(&self, #(#params),*) -> ::graphgen_runtime::Result<#ret> {
                    #sending
                }
            },
            call: None,
        };
    };

    call::call_code(call::CallParts {
        name: call_name,
        node_type: &node.type_name,
        method: &op.method,
        request_line: format!("{} {}", op.op.method, op.op.path),
        args: &args,
        optional: query.iter().filter(|q| !q.required).collect(),
        returns: &ret,
        sending: &sending,
        doc: &doc,
        deprecated: &deprecated,
        base,
    })
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

fn function_doc(
    page: &ApiPage,
    op: &NavOp<'_>,
    query: &[QueryArg],
    call: Option<&str>,
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
    parts.extend(options::query_args_doc(query, call));
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
        Returns::Created(t) => format!(
            "**Returns** the new resource's URL (`location`, from `Location`) and its body \
             when the response has one, decoded as {}.",
            type_name(t)
        ),
        Returns::NoContent => "**Returns** `()` on success.".to_string(),
        Returns::Json(t) => format!("**Returns** {}.", type_name(t)),
        Returns::Collection(t) => {
            format!("**Returns** one page of a collection of {}.", type_name(t))
        }
        Returns::Bytes => "**Returns** the content, as bytes.".to_string(),
        Returns::Value(p) => format!(
            "**Returns** the value, an `Edm.{}` (OData sends it as `{{\"value\": ...}}`).",
            p.as_str()
        ),
    });
    if let Some(Some(note)) = &op.deprecated {
        parts.push(format!("**Deprecated:** {}", docs::plain(note)));
    }
    if !page.doc_url.is_empty() {
        parts.push(docs::doc_link(&page.doc_url));
    }
    docs::paragraphs(parts)
}
