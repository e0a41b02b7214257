//! The `paths` module's code: `Graph`, one struct per emitted node of the URL tree
//! with its accessors, split into files by area set when area features are on.

use super::*;

/// The `paths` module of a version: `Graph` and one struct per emitted node, each
/// with its accessors.
/// `gates` holds each node's area `cfg` attribute (see [`crate::emit::areas`]); an empty
/// slice gates nothing.
pub fn paths_tokens(tree: &NavTree<'_>, version_label: &str, gates: &[TokenStream]) -> TokenStream {
    let mut order: Vec<usize> = (0..tree.nodes.len()).filter(|n| tree.nodes[*n].emitted).collect();
    order.sort_by(|a, b| tree.nodes[*a].template.cmp(&tree.nodes[*b].template));
    let gate = |n: usize| gates.get(n).cloned().unwrap_or_default();
    let items =
        order.into_iter().map(|n| node_tokens(tree, n, version_label, gate(n), &gate, quote!()));
    quote!(#(#items)*)
}

/// The nodes of one file of a split `paths` module: those whose actions are in the
/// same set of areas.
pub struct PathsPart {
    /// The areas of the actions under each node of the part.
    pub areas: BTreeSet<Area>,
    /// The part's structs and impls (no `cfg` of their own: the file's module is gated
    /// by `areas`; an accessor to a node of a narrower set keeps that node's `cfg`).
    pub items: TokenStream,
}

/// The `paths` module of a version split by area set, for area features: one part per
/// distinct set of areas of the nodes (`node_areas`, see `areas::node_areas`),
/// in the order of their first node by path. The first part holds `Graph` (whose set is
/// every area of the version) and is the `paths` module itself, its items gated one by
/// one; the others go to child
/// modules gated by their set, which rustc does not even load when the set's features
/// are off. Fields are `pub(super)` outside the first part, so that an accessor can
/// build a node of another part.
pub fn paths_parts(
    tree: &NavTree<'_>,
    version_label: &str,
    node_areas: &[BTreeSet<Area>],
    gates: &Gates,
) -> Vec<PathsPart> {
    let mut order: Vec<usize> = (0..tree.nodes.len()).filter(|n| tree.nodes[*n].emitted).collect();
    order.sort_by(|a, b| tree.nodes[*a].template.cmp(&tree.nodes[*b].template));
    let empty = BTreeSet::new();
    let areas = |n: usize| node_areas.get(n).unwrap_or(&empty);
    let mut parts: Vec<(BTreeSet<Area>, Vec<TokenStream>)> = Vec::new();
    for n in order {
        let own = areas(n);
        let first_part = own == areas(0);
        // An accessor inside a gated file needs no `cfg` for a node of the same set.
        let accessor_gate = |c: usize| match !first_part && areas(c) == own {
            true => quote!(),
            false => gates.cfg(areas(c)),
        };
        // The first part is not gated as a file: its nodes keep their own `cfg` (empty
        // when the version has every area of the output).
        let (own_gate, field_vis) = match first_part {
            true => (gates.cfg(own), quote!()),
            false => (quote!(), quote!(pub(super))),
        };
        let tokens = node_tokens(tree, n, version_label, own_gate, &accessor_gate, field_vis);
        match parts.iter_mut().find(|(set, _)| set == own) {
            Some((_, items)) => items.push(tokens),
            None => parts.push((own.clone(), vec![tokens])),
        }
    }
    parts.into_iter().map(|(areas, items)| PathsPart { areas, items: quote!(#(#items)*) }).collect()
}

/// How a node is reached from `Graph` (`.communications().call(id)`).
pub fn call_chain(tree: &NavTree<'_>, node: usize) -> String {
    let mut parts = Vec::new();
    let mut current = node;
    while let Some((holder, name)) = &tree.nodes[current].accessor {
        let own = own_params(tree, current);
        let args = own.iter().map(|p| p.arg.clone()).collect::<Vec<_>>().join(", ");
        parts.push(format!(".{}({args})", names::unraw(name)));
        current = *holder;
    }
    parts.reverse();
    format!("Graph::new(client){}", parts.concat())
}

/// The parameters a node adds to its accessor holder's.
fn own_params<'t>(tree: &'t NavTree<'_>, node: usize) -> &'t [NodeParam] {
    let n = &tree.nodes[node];
    let inherited = n.accessor.as_ref().map(|(h, _)| tree.nodes[*h].params.len()).unwrap_or(0);
    &n.params[inherited..]
}

fn node_tokens(
    tree: &NavTree<'_>,
    n: usize,
    version_label: &str,
    own_gate: TokenStream,
    accessor_gate: &dyn Fn(usize) -> TokenStream,
    field_vis: TokenStream,
) -> TokenStream {
    let node = &tree.nodes[n];
    let name = names::ident(&node.type_name);
    let client_ty = quote!(::graphgen_runtime::Client);
    let options_ty = quote!(::graphgen_runtime::RequestOptions);
    // `options` and `with_options`, written once in the runtime.
    let options_methods = quote!(::graphgen_runtime::node_options!(););
    let fields = node.params.iter().map(|p| {
        let f = names::ident(&p.field);
        quote!(#field_vis #f: String,)
    });
    let accessors: Vec<TokenStream> =
        tree.held_by(n).iter().map(|c| accessor_tokens(tree, n, *c, &accessor_gate(*c))).collect();
    if node.parent.is_none() {
        let doc = docs::doc_attrs(&format!(
            "The entry point to the Microsoft Graph {version_label} API: \
             `Graph::new(client)`, then one method per URL segment (see the module docs)."
        ));
        return quote! {
            #doc
            #[derive(Clone)]
            pub struct Graph {
                client: #client_ty,
                options: #options_ty,
            }

            impl Graph {
                /// An entry point that sends requests through `client`.
                pub fn new(client: #client_ty) -> Self {
                    Self { client, options: #options_ty::new() }
                }

                /// The client requests go through.
                pub fn client(&self) -> &#client_ty {
                    &self.client
                }

                #options_methods

                #(#accessors)*
            }
        };
    }
    // The node's path, segment by segment.
    let mut chain = Vec::new();
    let mut current = Some(n);
    while let Some(c) = current {
        if tree.nodes[c].parent.is_some() {
            chain.push(c);
        }
        current = tree.nodes[c].parent;
    }
    chain.reverse();
    let calls = chain.iter().map(|c| {
        let node = &tree.nodes[*c];
        let parent_len = node.parent.map(|p| tree.nodes[p].params.len()).unwrap_or(0);
        let own = &node.params[parent_len..];
        let segment = node.segment.as_ref().expect("non-root");
        crate::emit::actions::segment_call(segment, &mut |i: usize, placeholder: &str| {
            let p = param_at(own, i, placeholder);
            let f = names::ident(&p.field);
            quote!(self.#f.as_str())
        })
    });
    let doc = docs::doc_attrs(&docs::paragraphs([
        docs::code(&node.template),
        format!("Reached with `{}`.", call_chain(tree, n)),
    ]));
    quote! {
        #doc
        #own_gate
        #[derive(Clone)]
        pub struct #name {
            #field_vis client: #client_ty,
            #field_vis options: #options_ty,
            #(#fields)*
        }

        #own_gate
        impl #name {
            /// The client requests go through.
            pub fn client(&self) -> &#client_ty {
                &self.client
            }

            /// The path of this node, with the values given so far.
            pub fn path(&self) -> ::graphgen_runtime::Path {
                ::graphgen_runtime::Path::new() #(#calls)*
            }

            #options_methods

            #(#accessors)*
        }
    }
}

fn accessor_tokens(
    tree: &NavTree<'_>,
    holder: usize,
    child: usize,
    gate: &TokenStream,
) -> TokenStream {
    let node = &tree.nodes[child];
    let (_, method) = node.accessor.as_ref().expect("accessor");
    let method = names::ident(method);
    let ty = names::ident(&node.type_name);
    let inherited = tree.nodes[holder].params.len();
    let carried = node.params[..inherited].iter().map(|p| {
        let f = names::ident(&p.field);
        quote!(#f: self.#f.clone(),)
    });
    let own = &node.params[inherited..];
    let args = own.iter().map(|p| {
        let a = names::ident(&p.arg);
        quote!(#a: impl Into<String>)
    });
    let set = own.iter().map(|p| {
        let f = names::ident(&p.field);
        let a = names::ident(&p.arg);
        quote!(#f: #a.into(),)
    });
    let kind = match node.step {
        Some(Step::Param) => "One item of the collection",
        _ => "The segment",
    };
    let doc = docs::doc_attrs(&format!("{kind}: {}.", docs::code(&node.template)));
    let deprecated = docs::deprecated_attr(&node.deprecated);
    quote! {
        #doc
        #gate
        #deprecated
        pub fn #method(&self, #(#args),*) -> #ty {
            #ty {
                client: self.client.clone(),
                options: self.options.clone(),
                #(#carried)*
                #(#set)*
            }
        }
    }
}

/// The parameter for the `i`-th placeholder of a segment: by position (a name may
/// repeat), else by name.
pub fn param_at<'p>(params: &'p [NodeParam], i: usize, placeholder: &str) -> &'p NodeParam {
    params
        .get(i)
        .filter(|p| p.placeholder == placeholder)
        .or_else(|| params.iter().find(|p| p.placeholder == placeholder))
        .expect("every placeholder of a segment is one of its parameters")
}
