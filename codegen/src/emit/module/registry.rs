//! The `reserialize` registries of the `types` and `requests` modules: decode and
//! re-encode a JSON value by type name or page (what the example round trips call).

use super::*;

pub(super) fn types_registry(index: &TypeIndex<'_>, gated: bool, feature: bool) -> TokenStream {
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
        arms.push(quote!(#gate #key => via::<#ty>(value),));
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
        feature,
    )
}

pub(super) fn registry_fn(
    arg: &str,
    doc: &str,
    arms: Vec<TokenStream>,
    prelude: TokenStream,
    gated: bool,
    feature: bool,
) -> TokenStream {
    // Every arm instantiates serde for its type: behind a feature in a crate.
    let feature = match feature {
        true => quote!(#[cfg(feature = "reserialize")]),
        false => quote!(),
    };
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
        #feature
        #allow
        pub fn reserialize(
            #arg: &str,
            value: ::graphgen_runtime::serde_json::Value,
        ) -> Option<Result<::graphgen_runtime::serde_json::Value, ::graphgen_runtime::serde_json::Error>> {
            #body
        }
    }
}
