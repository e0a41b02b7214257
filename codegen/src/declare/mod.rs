//! Declared actions: the input of the `graphgen_macros::action!` proc-macro, turned into
//! specs and expanded through the emitter (the proc-macro itself only forwards its
//! tokens to [`expand`]).
//!
//! The input ([`grammar`]) declares actions, each spelled out (method, path template,
//! path and query parameters, request headers, body, response, permissions: what a doc
//! page says) or read from a doc page (`doc = "page.md"`, distilled by [`crate::distill`]). Each becomes an
//! [`ApiPage`] spec: the one the page it replaces would distill to.
//!
//! **Where the code goes.** Every declaration names a module (`=> start_transcription`;
//! a page's default is its file name in snake case, `call_starttranscription`).
//! Declarations naming the same module share it. A module's contents are the emitter's
//! output for its specs with the resource specs beside them, every module inline:
//! exactly the `mod.rs` that `graphgen generate --root inline` writes for those specs
//! (the byte-for-byte test in `codegen/tests/declare.rs` checks it). So a declared
//! action is called like a generated one, from its own `Graph`:
//!
//! ```ignore
//! start_transcription::beta::Graph::new(client)
//!     .communications()
//!     .call(id)
//!     .start_transcription(&body)
//!     .await?;
//! ```
//!
//! The items are the declaring crate's own, so this works from any crate (no impl on
//! a foreign type is needed), and the module holds every type the actions reach.
//!
//! **Types** resolve against resource specs ([`Resources`]): the `specs/` folder of
//! this repository, compiled into the proc-macro, unless the input names another with
//! `#![specs = "dir"]` (relative to `CARGO_MANIFEST_DIR`).

pub mod grammar;
mod lower;
mod page;
mod types;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::emit::{self, EmitOptions, RootKind, names};
use crate::spec::{ApiPage, ApiVersion, PageSpec, ResourcePage};
use crate::specset::{LoadedSpec, SpecSet};
use crate::store::StoreError;

pub use grammar::Input;

/// The resource specs that type names resolve against and the emitter takes types
/// from.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    specs: Vec<LoadedSpec>,
    origin: String,
}

impl Resources {
    /// The resource specs among `specs`; `origin` says where they came from (for
    /// messages: "the built-in specs").
    pub fn new(specs: impl IntoIterator<Item = LoadedSpec>, origin: impl Into<String>) -> Self {
        let specs = specs.into_iter().filter(|s| matches!(s.spec, PageSpec::Resource(_))).collect();
        Resources { specs, origin: origin.into() }
    }

    /// The resource specs of a `specs/` folder, and the files read.
    pub fn load_dir(
        dir: &Path,
        origin: impl Into<String>,
    ) -> Result<(Self, Vec<PathBuf>), StoreError> {
        let (set, files) = SpecSet::load_dir(dir)?;
        let resources = Resources::new(set.specs().iter().cloned(), origin);
        let files = files
            .into_iter()
            .filter(|f| f.components().any(|c| c.as_os_str() == "resources"))
            .collect();
        Ok((resources, files))
    }

    /// Specs given as `(path, JSON text)` pairs (what the proc-macro compiles in).
    pub fn from_json<'s>(
        files: impl IntoIterator<Item = (&'s str, &'s str)>,
        origin: impl Into<String>,
    ) -> Result<Self, String> {
        let mut specs = Vec::new();
        for (path, text) in files {
            let spec = PageSpec::from_json(text).map_err(|e| format!("specs/{path}: {e}"))?;
            specs.push(LoadedSpec { path: path.to_string(), spec });
        }
        Ok(Resources::new(specs, origin))
    }

    /// The resource pages of `version`.
    pub fn pages(&self, version: ApiVersion) -> impl Iterator<Item = &ResourcePage> {
        self.specs.iter().filter_map(move |s| match &s.spec {
            PageSpec::Resource(p) if p.version == version => Some(p),
            _ => None,
        })
    }

    /// Where they came from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The specs.
    pub fn specs(&self) -> &[LoadedSpec] {
        &self.specs
    }
}

/// What an expansion needs from its surroundings.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The declaring crate's folder (`CARGO_MANIFEST_DIR`): paths in the input are
    /// relative to it.
    pub manifest_dir: &'a Path,
    /// The resource specs used unless the input says `#![specs = "dir"]`.
    pub resources: &'a Resources,
}

/// One module of declared actions.
#[derive(Debug, Clone)]
pub struct DeclaredModule {
    /// Its name.
    pub name: Ident,
    /// Its API specs, in declaration order.
    pub pages: Vec<ApiPage>,
}

/// A parsed and checked input.
#[derive(Debug, Clone)]
pub struct Declaration {
    /// The modules, in order of first mention.
    pub modules: Vec<DeclaredModule>,
    /// The resource specs named by `#![specs = "dir"]`, when the input names some.
    pub resources: Option<Resources>,
    /// Files the expansion depends on (doc pages, their includes, `#![specs]` files).
    pub tracked: Vec<PathBuf>,
}

/// Parse and check an input; every mistake found is in the error (combined).
pub fn declare(input: TokenStream, ctx: &Context<'_>) -> syn::Result<Declaration> {
    let input: Input = syn::parse2(input)?;
    let mut tracked = Vec::new();
    let resources = match &input.specs {
        None => None,
        Some(dir) => {
            let path = ctx.manifest_dir.join(dir.value());
            let origin = format!("`{}`", dir.value());
            let (resources, files) = Resources::load_dir(&path, origin).map_err(|e| {
                syn::Error::new(dir.span(), format!("cannot read the specs folder: {e}"))
            })?;
            tracked.extend(files);
            Some(resources)
        }
    };
    let chosen = resources.as_ref().unwrap_or(ctx.resources);
    let mut types: BTreeMap<ApiVersion, types::Types<'_>> = BTreeMap::new();
    let mut errors: Vec<syn::Error> = Vec::new();
    let mut modules: Vec<DeclaredModule> = Vec::new();
    // Operations by module, to refuse the same request declared twice.
    let mut requests: BTreeMap<String, Vec<(ApiVersion, String)>> = BTreeMap::new();
    for item in &input.items {
        let (name, page, path_span) = match item {
            grammar::Item::Action(decl) => {
                let version = lower::version(decl);
                let t = types.entry(version).or_insert_with(|| {
                    types::Types::new(version, chosen.pages(version), chosen.origin())
                });
                match lower::action(decl, t, &mut errors) {
                    Some(page) => (decl.module.clone(), page, decl.path.span()),
                    None => continue,
                }
            }
            grammar::Item::Page(decl) => match page::page(ctx.manifest_dir, decl) {
                Ok((page, files)) => {
                    tracked.extend(files);
                    let name = decl.module.clone().unwrap_or_else(|| {
                        let snake = names::snake(&page.stem);
                        let mut ident = names::ident(&snake);
                        ident.set_span(decl.path.span());
                        ident
                    });
                    (name, page, decl.path.span())
                }
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            },
        };
        let key = name.to_string();
        let seen = requests.entry(key.clone()).or_default();
        for op in &page.operations {
            let request = (page.version, format!("{} {}", op.method, op.path));
            if seen.contains(&request) {
                errors.push(syn::Error::new(
                    path_span,
                    format!("`{}` is declared twice in module `{key}`", request.1),
                ));
            }
            seen.push(request);
        }
        match modules.iter_mut().find(|m| m.name == name) {
            Some(module) => module.pages.push(page),
            None => modules.push(DeclaredModule { name, pages: vec![page] }),
        }
    }
    let mut errors = errors.into_iter();
    if let Some(mut first) = errors.next() {
        for e in errors {
            first.combine(e);
        }
        return Err(first);
    }
    for module in &mut modules {
        unique_stems(&mut module.pages);
    }
    Ok(Declaration { modules, resources, tracked })
}

/// Give pages of one module distinct stems (`x`, `x-2`): the stem names the request
/// module and the spec file.
fn unique_stems(pages: &mut [ApiPage]) {
    let mut taken: Vec<(ApiVersion, String)> = Vec::new();
    for page in pages {
        let base = page.stem.clone();
        let mut n = 1;
        while taken.contains(&(page.version, page.stem.clone())) {
            n += 1;
            page.stem = format!("{base}-{n}");
        }
        taken.push((page.version, page.stem.clone()));
    }
}

impl Declaration {
    /// The resource specs in effect (`#![specs]`'s or the context's).
    pub fn resources<'a>(&'a self, ctx: &Context<'a>) -> &'a Resources {
        self.resources.as_ref().unwrap_or(ctx.resources)
    }

    /// The specs of a module, as `graphgen generate` would read them from a folder:
    /// its API pages and the resource specs of the versions they use.
    pub fn spec_set(&self, module: &DeclaredModule, ctx: &Context<'_>) -> SpecSet {
        let versions: Vec<ApiVersion> = module.pages.iter().map(|p| p.version).collect();
        let resources =
            self.resources(ctx).specs().iter().filter(|s| versions.contains(&s.spec.version()));
        let pages = module.pages.iter().map(|p| {
            let spec = PageSpec::Api(p.clone());
            LoadedSpec { path: spec.spec_path(), spec }
        });
        SpecSet::from_loaded(resources.cloned().chain(pages))
    }

    /// The contents of a module: the emitter's tokens for its specs, every module
    /// inline (what `graphgen generate --root inline` writes). A declared action the
    /// emitter has to skip is an error ([`emit::EmitError::Skipped`]): a macro user
    /// must never find an action missing without being told.
    pub fn module_tokens(
        &self,
        module: &DeclaredModule,
        ctx: &Context<'_>,
    ) -> Result<TokenStream, emit::EmitError> {
        let set = self.spec_set(module, ctx);
        let options = EmitOptions { root: RootKind::Inline, ..EmitOptions::default() };
        let (tokens, report) = emit::inline_tokens(&set, &options)?;
        match report.skipped.into_iter().next() {
            Some(skipped) => Err(emit::EmitError::Skipped(skipped)),
            None => Ok(tokens),
        }
    }

    /// The expansion: for every module, `pub mod <name> { <module_tokens> }`, and one
    /// `include_bytes!` per tracked file so that the crate recompiles when it changes.
    pub fn tokens(&self, ctx: &Context<'_>) -> syn::Result<TokenStream> {
        let mut out = TokenStream::new();
        for file in &self.tracked {
            let path = file.display().to_string();
            out.extend(quote!(
                const _: &[u8] = include_bytes!(#path);
            ));
        }
        for module in &self.modules {
            let contents = self.module_tokens(module, ctx).map_err(|e| {
                syn::Error::new(module.name.span(), format!("graphgen emitter: {e}"))
            })?;
            let name = &module.name;
            let listed: Vec<String> = module
                .pages
                .iter()
                .flat_map(|p| {
                    p.operations
                        .iter()
                        .map(move |o| format!("- `{} {}` ({})", o.method, o.path, p.version))
                })
                .collect();
            let doc = emit::docs::doc_attrs(&format!(
                "Microsoft Graph actions declared with `graphgen_macros::action!`:\n\n{}\n\n\
                 Start from `Graph::new(client)` in a version module, as with generated code.",
                listed.join("\n")
            ));
            out.extend(quote! {
                #doc
                pub mod #name {
                    #contents
                }
            });
        }
        Ok(out)
    }
}

/// The proc-macro's body: parse, check, expand; every mistake becomes a
/// `compile_error!` at the offending token.
pub fn expand(input: TokenStream, ctx: &Context<'_>) -> TokenStream {
    match declare(input, ctx).and_then(|d| d.tokens(ctx)) {
        Ok(tokens) => tokens,
        Err(e) => e.to_compile_error(),
    }
}
