//! The type index of one API version: which resource spec defines each type name,
//! inheritance (base and derived types), which types the selected actions reach,
//! their Rust names, and which fields must be boxed.

mod boxing;
mod reach;
mod updated;

pub use updated::is_update;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::names::{self, Case, Scope};
use super::{EmitDiagnostic, module_name};
use crate::catalog::{self, Catalog};
use crate::spec::{
    ApiPage, ApiVersion, BodyKind, EnumMember, Primitive, Property, ResourceKind, ResourcePage,
    TypeExpr,
};

/// Rust names the generated code uses unqualified, so no generated type may take them.
pub(crate) const RESERVED_TYPE_NAMES: &[&str] =
    &["Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Default", "Self"];

/// A type defined by a resource spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(usize);

/// What a defined type is.
#[derive(Debug, Clone)]
pub enum DefKind<'a> {
    /// An entity or complex type: a struct (its page's properties).
    Struct,
    /// An enum type with these members.
    Enum {
        /// Members in page order.
        members: &'a [EnumMember],
        /// 1-based line of the definition.
        line: u32,
    },
}

/// One type defined by a resource spec.
#[derive(Debug, Clone)]
pub struct TypeDef<'a> {
    /// Path of the defining spec (`v1.0/resources/call.json`).
    pub spec_path: &'a str,
    /// The defining page.
    pub page: &'a ResourcePage,
    /// Struct or enum.
    pub kind: DefKind<'a>,
    /// The name as the docs write it (`call`, `callState`).
    pub wire_name: &'a str,
    /// The qualified `@odata.type` without `#` (`microsoft.graph.call`).
    pub odata_type: String,
    /// The base type, when it is defined by a spec.
    pub base: Option<TypeId>,
    /// Every type deriving from this one (transitively), sorted by wire name.
    pub derived: Vec<TypeId>,
}

/// The outcome of resolving a [`TypeExpr`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// An Edm primitive.
    Primitive(Primitive),
    /// A type some spec defines.
    Type(TypeId),
    /// A collection.
    Collection(Box<Resolved>),
    /// One of several types that share no base type ("A or B"): an enum of them,
    /// dispatched on `@odata.type` like the `Any…` enums.
    Union(Vec<TypeId>),
    /// Nothing usable: kept as raw JSON. The text says why (for docs and diagnostics).
    Raw(String),
}

/// The index of one version's types.
#[derive(Debug)]
pub struct TypeIndex<'a> {
    version: ApiVersion,
    defs: Vec<TypeDef<'a>>,
    catalog: Catalog<'a>,
    by_page: BTreeMap<(String, Option<&'a str>), TypeId>,
    reached: BTreeSet<TypeId>,
    rust_names: BTreeMap<TypeId, String>,
    any_names: BTreeMap<TypeId, String>,
    unions: BTreeMap<Vec<TypeId>, String>,
    union_module: Option<String>,
    modules: BTreeMap<&'a str, String>,
    boxed: BTreeSet<(TypeId, String)>,
    /// The structs updates take as their body (see `updated`).
    updated: BTreeSet<TypeId>,
    diagnostics: Vec<EmitDiagnostic>,
    /// With area features: the output's areas, and the areas each type is needed by.
    gating: Option<(super::areas::Gates, BTreeMap<TypeId, BTreeSet<super::areas::Area>>)>,
}

/// Something that roots reachability: a type expression and where it was seen.
struct Root<'e> {
    expr: &'e TypeExpr,
    spec: String,
    item: String,
}

impl<'a> TypeIndex<'a> {
    /// Index the resource pages of `version`, then compute what `api_pages` (and the
    /// types of `root_resources`) reach, name the reached types, and find the fields
    /// that need a `Box`.
    pub fn build(
        version: ApiVersion,
        resources: impl IntoIterator<Item = (&'a str, &'a ResourcePage)>,
        api_pages: &[(&'a str, &'a ApiPage)],
        root_resources: &[&'a str],
    ) -> TypeIndex<'a> {
        let pages: Vec<(&'a str, &'a ResourcePage)> =
            resources.into_iter().filter(|(_, page)| page.version == version).collect();
        let mut index = TypeIndex {
            version,
            defs: Vec::new(),
            catalog: Catalog::new(pages.iter().map(|(_, page)| *page)),
            by_page: BTreeMap::new(),
            reached: BTreeSet::new(),
            rust_names: BTreeMap::new(),
            any_names: BTreeMap::new(),
            unions: BTreeMap::new(),
            union_module: None,
            modules: BTreeMap::new(),
            boxed: BTreeSet::new(),
            updated: BTreeSet::new(),
            diagnostics: Vec::new(),
            gating: None,
        };
        for (path, page) in pages {
            index.add_page(path, page);
        }
        index.link_bases();
        index.find_updated(api_pages);
        index.reach(api_pages, root_resources);
        index.name_types();
        index.find_boxed();
        index
    }

    fn add_page(&mut self, path: &'a str, page: &'a ResourcePage) {
        let push = |index: &mut TypeIndex<'a>, def: TypeDef<'a>, enum_name: Option<&'a str>| {
            let id = TypeId(index.defs.len());
            index.by_page.entry((page.stem.to_ascii_lowercase(), enum_name)).or_insert(id);
            index.defs.push(def);
        };
        let namespace = page.namespace.as_deref().unwrap_or("microsoft.graph");
        match page.kind {
            ResourceKind::Entity | ResourceKind::Complex => {
                let odata_type = page
                    .odata_type
                    .clone()
                    .map(|t| t.trim_start_matches('#').to_string())
                    .unwrap_or_else(|| format!("{namespace}.{}", page.name));
                push(
                    self,
                    TypeDef {
                        spec_path: path,
                        page,
                        kind: DefKind::Struct,
                        wire_name: &page.name,
                        odata_type,
                        base: None,
                        derived: Vec::new(),
                    },
                    None,
                );
            }
            ResourceKind::Enum => push(
                self,
                TypeDef {
                    spec_path: path,
                    page,
                    kind: DefKind::Enum { members: &page.members, line: 1 },
                    wire_name: &page.name,
                    odata_type: format!("{namespace}.{}", page.name),
                    base: None,
                    derived: Vec::new(),
                },
                None,
            ),
            ResourceKind::EnumCollection | ResourceKind::Overview => {}
        }
        for def in &page.enums {
            push(
                self,
                TypeDef {
                    spec_path: path,
                    page,
                    kind: DefKind::Enum { members: &def.members, line: def.line },
                    wire_name: &def.name,
                    odata_type: format!("{namespace}.{}", def.name),
                    base: None,
                    derived: Vec::new(),
                },
                Some(&def.name),
            );
        }
    }

    fn link_bases(&mut self) {
        for i in 0..self.defs.len() {
            let def = &self.defs[i];
            if !matches!(def.kind, DefKind::Struct) {
                continue;
            }
            let Some(base_expr) = &def.page.base_type else { continue };
            let base = match self.lookup(base_expr) {
                Some(base) if matches!(self.defs[base.0].kind, DefKind::Struct) => base,
                _ => {
                    let name = match base_expr {
                        TypeExpr::Named { name, .. } => name.clone(),
                        other => format!("{other:?}"),
                    };
                    // `entity` (just `id`) is the base of most entity types; pages outside
                    // the selected area rarely define it. The fields are not lost: unknown
                    // fields are kept by every struct.
                    self.diagnostics.push(EmitDiagnostic::new(
                        def.spec_path,
                        def.wire_name,
                        format!(
                            "base type `{name}` is defined by no spec: its properties are not \
                             emitted as fields (they are kept in `additional_properties`)"
                        ),
                    ));
                    continue;
                }
            };
            self.defs[i].base = Some(base);
        }
        // Break inheritance cycles (a page that names itself or a descendant as base).
        for i in 0..self.defs.len() {
            let mut seen = BTreeSet::from([TypeId(i)]);
            let mut current = self.defs[i].base;
            while let Some(b) = current {
                if !seen.insert(b) {
                    let def = &self.defs[i];
                    self.diagnostics.push(EmitDiagnostic::new(
                        def.spec_path,
                        def.wire_name,
                        "inheritance cycle: the base type is ignored".to_string(),
                    ));
                    self.defs[i].base = None;
                    break;
                }
                current = self.defs[b.0].base;
            }
        }
        for i in 0..self.defs.len() {
            let mut current = self.defs[i].base;
            while let Some(b) = current {
                self.defs[b.0].derived.push(TypeId(i));
                current = self.defs[b.0].base;
            }
        }
        let keys: Vec<(String, String)> =
            self.defs.iter().map(|d| (d.wire_name.to_string(), d.spec_path.to_string())).collect();
        for def in &mut self.defs {
            def.derived.sort_by(|a, b| keys[a.0].cmp(&keys[b.0]));
        }
    }

    /// The version indexed.
    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// A defined type.
    pub fn def(&self, id: TypeId) -> &TypeDef<'a> {
        &self.defs[id.0]
    }

    /// Find the type a named expression denotes, by the catalog's resolution rule
    /// ([`crate::catalog`]), the one the distiller uses to pick the pages to distill.
    fn lookup(&self, expr: &TypeExpr) -> Option<TypeId> {
        let TypeExpr::Named { name, page } = expr else { return None };
        self.lookup_name(name, page.as_deref())
    }

    fn lookup_name(&self, name: &str, page: Option<&str>) -> Option<TypeId> {
        let name = name.trim().trim_start_matches('#');
        match self.catalog.resolve(self.version, name, page)? {
            catalog::TypeDef::Resource(page) => {
                self.by_page.get(&(page.stem.to_ascii_lowercase(), None)).copied()
            }
            catalog::TypeDef::Enum { page, def } => self
                .by_page
                .get(&(page.stem.to_ascii_lowercase(), Some(def.name.as_str())))
                .copied(),
        }
    }

    /// Whether a type is `entity`, the base of every entity type: reaching it does not
    /// reach every entity type (as the catalog's reach does not).
    fn is_entity(&self, id: TypeId) -> bool {
        catalog::name_key(self.defs[id.0].wire_name) == "entity"
    }

    /// Resolve a type expression (see [`Resolved`]).
    pub fn resolve(&self, expr: &TypeExpr) -> Resolved {
        match expr {
            TypeExpr::Primitive { name } => Resolved::Primitive(*name),
            TypeExpr::Named { name, .. } => match self.lookup(expr) {
                Some(id) => Resolved::Type(id),
                None => Resolved::Raw(format!("the docs define no type `{name}`")),
            },
            TypeExpr::Collection { item } => Resolved::Collection(Box::new(self.resolve(item))),
            TypeExpr::Union { variants } => self.resolve_union(variants),
            TypeExpr::Unknown { text } => {
                Resolved::Raw(format!("the docs give the type as `{}`", text.trim()))
            }
        }
    }

    /// "A or B": the closest common base type of the alternatives, when they have one.
    fn resolve_union(&self, variants: &[TypeExpr]) -> Resolved {
        let described = || {
            variants
                .iter()
                .map(|v| match v {
                    TypeExpr::Named { name, .. } => format!("`{name}`"),
                    other => format!("{other:?}"),
                })
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let mut common: Option<Vec<TypeId>> = None;
        for variant in variants {
            let Some(id) = self.lookup(variant) else {
                return Resolved::Raw(format!(
                    "one of {}, which the docs do not all define",
                    described()
                ));
            };
            let chain = self.chain(id);
            common = Some(match common {
                None => chain,
                Some(previous) => previous.into_iter().filter(|t| chain.contains(t)).collect(),
            });
        }
        // Chains are self-first, so the first common entry is the closest ancestor.
        match common.and_then(|c| c.first().copied()) {
            Some(id) => Resolved::Type(id),
            None => {
                let mut ids: Vec<TypeId> = variants.iter().filter_map(|v| self.lookup(v)).collect();
                ids.sort_by_key(|id| (self.defs[id.0].wire_name, self.defs[id.0].spec_path));
                ids.dedup();
                if ids.iter().all(|id| matches!(self.defs[id.0].kind, DefKind::Struct)) {
                    Resolved::Union(ids)
                } else {
                    Resolved::Raw(format!(
                        "one of {}, which are not all structured types",
                        described()
                    ))
                }
            }
        }
    }

    /// `id` and its ancestors, self first.
    fn chain(&self, id: TypeId) -> Vec<TypeId> {
        let mut chain = vec![id];
        let mut current = self.defs[id.0].base;
        while let Some(b) = current {
            chain.push(b);
            current = self.defs[b.0].base;
        }
        chain
    }

    /// The fields of a struct type: its ancestors' properties (root first), then its
    /// own; a property redeclared (same name, same case) by a derived type replaces the
    /// base's in place.
    /// Relationships come after properties. Returns (property, is_relationship).
    pub fn fields(&self, id: TypeId) -> Vec<(&'a Property, bool)> {
        let mut chain = self.chain(id);
        chain.reverse();
        let mut out: Vec<(&'a Property, bool)> = Vec::new();
        let mut pos: BTreeMap<String, usize> = BTreeMap::new();
        for relationship in [false, true] {
            for t in &chain {
                let page = self.defs[t.0].page;
                let list = if relationship { &page.relationships } else { &page.properties };
                for prop in list {
                    let key = prop.name.clone();
                    match pos.get(&key) {
                        Some(&i) => out[i] = (prop, relationship),
                        None => {
                            pos.insert(key, out.len());
                            out.push((prop, relationship));
                        }
                    }
                }
            }
        }
        out
    }

    fn name_types(&mut self) {
        let mut order: Vec<TypeId> = self.reached.iter().copied().collect();
        order.sort_by_key(|id| (self.defs[id.0].wire_name, self.defs[id.0].spec_path));
        let mut scope = Scope::with_reserved(Case::Pascal, RESERVED_TYPE_NAMES);
        for id in &order {
            let name = scope.name(self.defs[id.0].wire_name);
            self.rust_names.insert(*id, name);
        }
        for id in &order {
            if self.is_polymorphic(*id) {
                let name =
                    scope.unique(&format!("Any{}", names::pascal(self.defs[id.0].wire_name)));
                self.any_names.insert(*id, name);
            }
        }
        let keys: Vec<Vec<TypeId>> = self.unions.keys().cloned().collect();
        for ids in keys {
            let candidate = ids
                .iter()
                .map(|id| names::pascal(self.defs[id.0].wire_name))
                .collect::<Vec<_>>()
                .join("Or");
            let name = scope.unique(&candidate);
            self.unions.insert(ids, name);
        }
        let mut pages: Vec<&'a str> = order.iter().map(|id| self.defs[id.0].spec_path).collect();
        pages.sort();
        pages.dedup();
        let mut modules = Scope::with_reserved(Case::Snake, &["types"]);
        for path in pages {
            let stem = module_name(path);
            self.modules.insert(path, modules.name(&stem));
        }
        if !self.unions.is_empty() {
            self.union_module = Some(modules.name("unions"));
        }
    }

    /// Whether values typed by `id` may hold a derived type (so they use the `Any…`
    /// enum): it is a struct and the selection reaches a type derived from it.
    pub fn is_polymorphic(&self, id: TypeId) -> bool {
        matches!(self.defs[id.0].kind, DefKind::Struct)
            && self.defs[id.0].derived.iter().any(|d| self.reached.contains(d))
    }

    /// The variants of a polymorphic type's `Any…` enum: the type itself, then the
    /// reached types derived from it, by name.
    pub fn poly_members(&self, id: TypeId) -> Vec<TypeId> {
        let mut members = vec![id];
        members.extend(self.defs[id.0].derived.iter().filter(|d| self.reached.contains(d)));
        members
    }

    /// The union enums ("A or B" of types with no common base) and their names.
    pub fn unions(&self) -> impl Iterator<Item = (&[TypeId], &str)> + '_ {
        self.unions.iter().map(|(ids, name)| (ids.as_slice(), name.as_str()))
    }

    /// The module (file) of the union enums, when there are any.
    pub fn union_module(&self) -> Option<&str> {
        self.union_module.as_deref()
    }

    /// The reached types, in definition order (spec path, then page order).
    pub fn reached(&self) -> impl Iterator<Item = TypeId> + '_ {
        self.reached.iter().copied()
    }

    /// The Rust name of a reached type (`Call`).
    pub fn rust_name(&self, id: TypeId) -> &str {
        &self.rust_names[&id]
    }

    /// The name of the `Any…` enum of a polymorphic type.
    pub fn any_name(&self, id: TypeId) -> Option<&str> {
        self.any_names.get(&id).map(String::as_str)
    }

    /// The Rust name used where a value of this type appears: the `Any…` enum for
    /// polymorphic types, the struct or enum otherwise.
    pub fn value_name(&self, id: TypeId) -> &str {
        self.any_name(id).unwrap_or_else(|| self.rust_name(id))
    }

    /// Pages with reached types and their module names, sorted by spec path.
    pub fn modules(&self) -> impl Iterator<Item = (&'a str, &str)> + '_ {
        self.modules.iter().map(|(p, m)| (*p, m.as_str()))
    }

    /// Diagnostics found while indexing.
    pub fn diagnostics(&self) -> &[EmitDiagnostic] {
        &self.diagnostics
    }

    /// Whether the field `wire` of struct `id` is boxed (it closes a cycle).
    pub fn is_boxed(&self, id: TypeId, wire: &str) -> bool {
        self.boxed.contains(&(id, wire.to_string()))
    }

    /// The Rust type of a resolved expression. `types` is the path to the module that
    /// re-exports every type (`super` inside a types file).
    pub fn rust_type(&self, r: &Resolved, types: &TokenStream) -> TokenStream {
        match r {
            Resolved::Primitive(p) => primitive_type(*p),
            Resolved::Type(id) => {
                let name = names::ident(self.value_name(*id));
                quote!(#types::#name)
            }
            Resolved::Collection(item) => {
                let item = self.rust_type(item, types);
                quote!(Vec<#item>)
            }
            Resolved::Union(ids) => {
                let name = names::ident(&self.unions[ids]);
                quote!(#types::#name)
            }
            Resolved::Raw(_) => quote!(::graphgen_runtime::serde_json::Value),
        }
    }
}

/// The Rust type of an Edm primitive. Dates, times, durations and GUIDs stay strings
/// (their ISO 8601 / canonical text) so that the generated crate needs no date library
/// and round trips are exact.
pub fn primitive_type(p: Primitive) -> TokenStream {
    match p {
        Primitive::String
        | Primitive::DateTimeOffset
        | Primitive::Date
        | Primitive::TimeOfDay
        | Primitive::Duration
        | Primitive::Guid
        | Primitive::Binary => quote!(String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        // `Edm.Single` too: Graph and its docs write such values with double precision
        // (`"radiusInMeters": 4.666666666666667`), which an `f32` would round.
        Primitive::Single | Primitive::Double | Primitive::Decimal => quote!(f64),
        Primitive::Stream => quote!(Vec<u8>),
        Primitive::Json => quote!(::graphgen_runtime::serde_json::Value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_f64_so_double_precision_values_survive() {
        for p in [Primitive::Single, Primitive::Double, Primitive::Decimal] {
            assert_eq!(primitive_type(p).to_string(), "f64", "{p:?}");
        }
        // The docs write Edm.Single values such as 4.666666666666667.
        let value: f64 = serde_json::from_str("4.666666666666667").unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), "4.666666666666667");
    }
}
