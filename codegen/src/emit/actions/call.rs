//! The call a function with optional query parameters returns: a struct that keeps the
//! function's arguments, sets each optional parameter by a method of the same name, and
//! sends the request on `.await` (`IntoFuture`, a boxed `Send` future) or `send`.
//!
//! A parameter a doc update adds is then one more method of the call, not one more
//! argument of the function: code written against the old call still compiles.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs::{self, LinkBase};
use super::super::names;
use super::super::options::QueryArg;
use super::function::{Arg, FunctionCode};

/// The names a call's fields and methods take besides the arguments: never given to an
/// argument of a function that returns one.
pub(super) const CALL_NAMES: [&str; 3] = ["node", "send", "into_future"];

/// What a call is made of.
pub(super) struct CallParts<'a> {
    /// The call type's name.
    pub name: &'a str,
    /// The node type whose method returns it.
    pub node_type: &'a str,
    /// The method's name.
    pub method: &'a str,
    /// `GET /path`, for the docs.
    pub request_line: String,
    /// The function's arguments (kept by the call), references typed with `'a`.
    pub args: &'a [Arg],
    /// The optional query arguments (set by the call's methods).
    pub optional: Vec<&'a QueryArg>,
    /// The type the request returns (in `Result`).
    pub returns: &'a TokenStream,
    /// The statements that build and send the request, from `node` and the arguments.
    pub sending: &'a TokenStream,
    /// The function's doc and deprecation attributes.
    pub doc: &'a TokenStream,
    pub deprecated: &'a TokenStream,
    pub base: &'a LinkBase,
}

/// The function that returns the call, and the call type.
pub(super) fn call_code(parts: CallParts<'_>) -> FunctionCode {
    let CallParts {
        name,
        node_type,
        method,
        request_line,
        args,
        optional,
        returns: ret,
        sending,
        doc,
        deprecated,
        base,
    } = parts;
    let lifetime = quote!('a);
    let call = names::ident(name);
    let node_ty = names::ident(node_type);
    let method_ident = names::ident(method);
    let params = args.iter().map(|Arg { ident, ty, .. }| quote!(#ident: #ty));
    let kept = args.iter().map(|a| &a.ident);
    let unset = optional.iter().map(|q| &q.ident);
    // Without a borrowed argument, only `self` has the call's lifetime: elided.
    let signature = match args.iter().any(|a| a.borrows) {
        true => quote! {
            pub fn #method_ident<'a>(&'a self, #(#params),*) -> #call<'a>
        },
        false => quote!(pub fn #method_ident(&self, #(#params),*) -> #call<'_>),
    };
    let fields = args.iter().map(|Arg { ident, ty, .. }| quote!(#ident: #ty,));
    let optional_fields = optional.iter().map(|q| {
        let (ident, ty) = (&q.ident, q.ty.tokens(&lifetime));
        quote!(#ident: Option<#ty>,)
    });
    let setters = optional.iter().map(|q| {
        let (ident, ty) = (&q.ident, q.ty.tokens(&lifetime));
        let what = docs::sanitize(&q.description, base);
        let doc = docs::doc_attrs(&docs::paragraphs([
            format!("Sends the query parameter {}.", docs::code(&q.wire)),
            what,
        ]));
        quote! {
            #doc
            pub fn #ident(mut self, #ident: #ty) -> Self {
                self.#ident = Some(#ident);
                self
            }
        }
    });
    let all = args.iter().map(|a| &a.ident).chain(optional.iter().map(|q| &q.ident));
    let call_doc = docs::doc_attrs(&docs::paragraphs([
        format!(
            "The call {} returns: {}.",
            docs::code(&format!("{node_type}::{}", names::unraw(method))),
            docs::code(&request_line)
        ),
        "Set its optional query parameters with its methods, then `.await` it (or call \
         `send`)."
            .to_string(),
    ]));
    let result = quote!(::graphgen_runtime::Result<#ret>);
    FunctionCode {
        method: quote! {
            #doc
            #deprecated
            #signature {
                #call { node: self, #(#kept,)* #(#unset: None,)* }
            }
        },
        call: Some(quote! {
            #call_doc
            #[must_use = "a call sends nothing until it is awaited"]
            pub struct #call<'a> {
                node: &'a super::super::paths::#node_ty,
                #(#fields)*
                #(#optional_fields)*
            }

            impl<'a> #call<'a> {
                #(#setters)*

                /// Sends the request (what `.await` does).
                pub async fn send(self) -> #result {
                    let Self { node, #(#all),* } = self;
                    #sending
                }
            }

            impl<'a> ::core::future::IntoFuture for #call<'a> {
                type Output = #result;
                type IntoFuture = ::graphgen_runtime::BoxFuture<'a, #result>;

                fn into_future(self) -> Self::IntoFuture {
                    ::std::boxed::Box::pin(self.send())
                }
            }
        }),
    }
}
