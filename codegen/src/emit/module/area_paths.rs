//! The `paths` module of a version split by area: with area features, each set of areas
//! gets its own file of path nodes, compiled only when one of its features is on.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Module, VersionContext};
use crate::emit::docs;
use crate::emit::names::{self, Case, Scope};
use crate::emit::nav::NavTree;

/// The `paths` module with area features: the nodes every area of the version uses
/// (`Graph`) in `paths.rs`, the others in one child file per set of areas
/// (`paths/<areas>.rs`), declared with that set's `cfg` so that rustc skips the file
/// when none of them is on, and re-exported. Files are named after their areas (the
/// first one and a count beyond three).
pub(super) fn split_paths(
    tree: &NavTree<'_>,
    v: &str,
    dir: &str,
    sources: &str,
    doc: TokenStream,
    context: &VersionContext<'_>,
) -> Module {
    let mut parts =
        crate::emit::nav::paths_parts(tree, v, context.node_areas, context.gates).into_iter();
    let root_items = parts.next().map(|p| p.items).unwrap_or_default();
    let mut scope = Scope::new(Case::Snake);
    let mut children = Vec::new();
    let mut reexports = Vec::new();
    for part in parts {
        let listed: Vec<&str> = part.areas.iter().map(String::as_str).collect();
        let candidate = match listed.len() {
            0 => "no_area".to_string(),
            1..=3 => listed.join("_"),
            n => format!("{}_and_{}_more", listed[0], n - 1),
        };
        let name = scope.name(&candidate);
        let ident = names::ident(&name);
        let gate = context.gates.cfg(&part.areas);
        let areas_text = listed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
        let inner = docs::inner_doc_attrs(&format!(
            "Path nodes whose actions are in the areas {areas_text} (compiled when one of \
             their features is on)."
        ));
        let items = part.items;
        reexports.push((name.clone(), quote!(#gate pub use #ident::*;)));
        children.push((
            gate,
            false,
            name.clone(),
            Module {
                path: format!("{dir}/paths/{name}.rs"),
                sources: sources.to_string(),
                inner,
                items: quote! {
                    #[allow(unused_imports)]
                    use super::*;
                    #items
                },
                children: Vec::new(),
            },
        ));
    }
    children.sort_by(|a, b| a.2.cmp(&b.2));
    reexports.sort_by_key(|(name, _)| name.clone());
    let reexports = reexports.into_iter().map(|(_, tokens)| tokens);
    Module {
        path: format!("{dir}/paths.rs"),
        sources: sources.to_string(),
        inner: doc,
        items: quote!(#(#reexports)* #root_items),
        children,
    }
}
