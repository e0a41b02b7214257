//! `Path` builder calls for a path segment (an action's or function's final segment,
//! and the navigation tree's segments).

use proc_macro2::TokenStream;
use quote::quote;

use crate::spec::{ArgValue, PathSegment};

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
