//! The `reserialize` registries of the `types` and `requests` modules: decode and
//! re-encode a JSON value by type name or page (what the example round trips call).
//!
//! Each is a child module (`types/reserialize_registry.rs`) whose function its parent
//! re-exports (`types::reserialize`). In a crate both sit behind the `reserialize`
//! feature: with it off, rustc does not even read the file (a registry has an arm per
//! type, most of a whole-API `mod.rs`), and no serde code is instantiated for it.

use super::*;

/// The name of the registry's module.
const MODULE: &str = "reserialize_registry";

/// A registry module: its declaration (attributes, public?, name, module) for the
/// parent's children, and the parent's re-export of `reserialize`. `parent_dir` is the
/// parent's folder (`v1/types`).
pub(super) fn registry_module(
    parent_dir: &str,
    sources: String,
    function: TokenStream,
    feature: bool,
) -> ((TokenStream, bool, String, Module), TokenStream) {
    let cfg = match feature {
        true => quote!(#[cfg(feature = "reserialize")]),
        false => quote!(),
    };
    let ident = format_ident!("{}", MODULE);
    let doc = docs::inner_doc_attrs(
        "The `reserialize` registry: decode and re-encode JSON through the generated types.",
    );
    let module = Module {
        path: format!("{parent_dir}/{MODULE}.rs"),
        sources,
        inner: doc,
        items: function,
        children: Vec::new(),
    };
    ((cfg.clone(), false, MODULE.to_string(), module), quote!(#cfg pub use #ident::reserialize;))
}

pub(super) fn types_registry(index: &TypeIndex<'_>, gated: bool) -> TokenStream {
    let mut keys = std::collections::BTreeSet::new();
    let mut arms = Vec::new();
    let mut reached: Vec<_> = index.reached().collect();
    reached.sort_by_key(|id| (index.def(*id).odata_type.to_ascii_lowercase(), *id));
    for id in reached {
        let def = index.def(id);
        let qualified = def.odata_type.to_ascii_lowercase();
        let key = qualified.strip_prefix("microsoft.graph.").unwrap_or(&qualified).to_string();
        if !keys.insert(key.clone()) {
            continue;
        }
        let ty = format_ident!("{}", index.value_name(id));
        let gate = index.gate(id);
        arms.push(quote!(#gate #key => via::<super::#ty>(value),));
    }
    registry_fn(
        "type_name",
        "Decode `value` as the type named `type_name` (an `@odata.type` with or without \
         `#microsoft.graph.`, or the docs' name; any case) and encode it again; `None` when \
         no type here has that name. Polymorphic types decode through their `Any…` enum.\n\n\
         Tools and tests use it to check that a payload survives the generated types.",
        arms,
        quote! {
            let name = type_name.trim_start_matches('#').to_ascii_lowercase();
            let key = name.strip_prefix("microsoft.graph.").unwrap_or(&name);
        },
        gated,
    )
}

pub(super) fn registry_fn(
    arg: &str,
    doc: &str,
    arms: Vec<TokenStream>,
    prelude: TokenStream,
    gated: bool,
) -> TokenStream {
    // With area features, every arm may be compiled out.
    let allow = if gated && !arms.is_empty() {
        quote!(#[allow(unreachable_code, unused_variables, dead_code)])
    } else {
        quote!()
    };
    let arg = format_ident!("{}", arg);
    let doc = docs::doc_attrs(doc);
    let body = if arms.is_empty() {
        quote! {
            let _ = (#arg, value);
            None
        }
    } else {
        quote! {
            fn via<T>(
                value: ::graphgen_runtime::serde_json::Value,
            ) -> Result<::graphgen_runtime::serde_json::Value, ::graphgen_runtime::serde_json::Error>
            where
                T: ::graphgen_runtime::serde::Serialize + ::graphgen_runtime::serde::de::DeserializeOwned,
            {
                ::graphgen_runtime::serde_json::to_value(
                    ::graphgen_runtime::serde_json::from_value::<T>(value)?,
                )
            }
            #prelude
            Some(match key {
                #(#arms)*
                _ => return None,
            })
        }
    };
    quote! {
        #doc
        #allow
        pub fn reserialize(
            #arg: &str,
            value: ::graphgen_runtime::serde_json::Value,
        ) -> Option<Result<::graphgen_runtime::serde_json::Value, ::graphgen_runtime::serde_json::Error>> {
            #body
        }
    }
}
