//! Which types the selected actions reach (transitively: properties, base types,
//! derived types for `@odata.type` dispatch), the edges between types, and the area
//! gates of reached types.

use super::*;
use crate::emit::areas::{Area, Gates};

impl<'a> TypeIndex<'a> {
    pub(super) fn reach(
        &mut self,
        api_pages: &[(&'a str, &'a ApiPage)],
        root_resources: &[&'a str],
    ) {
        let mut roots: Vec<Root<'a>> = Vec::new();
        let mut example_types: Vec<(&'a str, &'a str)> = Vec::new();
        for (path, page) in api_pages {
            for param in &page.request_body.params {
                roots.push(Root {
                    expr: &param.type_expr,
                    spec: path.to_string(),
                    item: format!("request body parameter `{}`", param.name),
                });
            }
            if let BodyKind::Resource { type_expr } = &page.request_body.kind {
                roots.push(Root {
                    expr: type_expr,
                    spec: path.to_string(),
                    item: "request body".into(),
                });
            }
            if let Some(body) = &page.response.body {
                roots.push(Root {
                    expr: &body.type_expr,
                    spec: path.to_string(),
                    item: "response body".into(),
                });
            }
            if let Some(expr) = page.response.location.as_ref().and_then(|l| l.type_expr.as_ref()) {
                roots.push(Root { expr, spec: path.to_string(), item: "Location header".into() });
            }
            for example in &page.examples {
                if let Some(t) = example.annotation.as_ref().and_then(|a| a.odata_type.as_deref()) {
                    example_types.push((path, t));
                }
            }
        }
        let mut queue: Vec<TypeId> = Vec::new();
        for root in &roots {
            self.reach_expr(root.expr, &root.spec, &root.item, &mut queue);
        }
        for (path, name) in example_types {
            match self.lookup_name(name, None) {
                Some(id) => queue.push(id),
                None => self.diagnostics.push(EmitDiagnostic::new(
                    path,
                    "examples",
                    format!("an example is annotated with type `{name}`, which no spec defines"),
                )),
            }
        }
        for path in root_resources {
            for (i, def) in self.defs.iter().enumerate() {
                if def.spec_path == *path {
                    queue.push(TypeId(i));
                }
            }
        }
        while let Some(id) = queue.pop() {
            if !self.reached.insert(id) {
                continue;
            }
            let def = self.defs[id.0].clone();
            if let Some(base) = def.base {
                queue.push(base);
            }
            if !self.is_entity(id) {
                queue.extend(def.derived.iter().copied());
            }
            if matches!(def.kind, DefKind::Struct) {
                // Own properties only: inherited ones are reached through the base.
                for prop in def.page.properties.iter().chain(&def.page.relationships) {
                    let item = format!("{}.{}", def.wire_name, prop.name);
                    self.reach_expr(&prop.type_expr, def.spec_path, &item, &mut queue);
                }
            }
        }
    }

    fn reach_expr(&mut self, expr: &TypeExpr, spec: &str, item: &str, queue: &mut Vec<TypeId>) {
        fn walk(r: &Resolved, out: &mut Vec<TypeId>) -> Option<String> {
            match r {
                Resolved::Primitive(_) => None,
                Resolved::Type(id) => {
                    out.push(*id);
                    None
                }
                Resolved::Collection(item) => walk(item, out),
                Resolved::Union(ids) => {
                    out.extend(ids.iter().copied());
                    None
                }
                Resolved::Raw(why) => Some(why.clone()),
            }
        }
        let resolved = self.resolve(expr);
        if let Some(ids) = union_of(&resolved) {
            self.unions.entry(ids.to_vec()).or_default();
        }
        // The alternatives of a union are reached too (they are the derived types).
        if let TypeExpr::Union { variants } = expr {
            for v in variants {
                if let Some(id) = self.lookup(v) {
                    queue.push(id);
                }
            }
        }
        if let Some(why) = walk(&resolved, queue) {
            self.diagnostics.push(EmitDiagnostic::new(
                spec,
                item,
                format!("{why}: emitted as raw JSON (`serde_json::Value`)"),
            ));
        }
    }

    /// The types a type expression reaches directly (no side effects; what
    /// reachability follows, for the area closure in [`crate::emit::areas`]).
    pub(crate) fn targets(&self, expr: &TypeExpr) -> Vec<TypeId> {
        fn walk(r: &Resolved, out: &mut Vec<TypeId>) {
            match r {
                Resolved::Type(id) => out.push(*id),
                Resolved::Collection(item) => walk(item, out),
                Resolved::Union(ids) => out.extend(ids.iter().copied()),
                Resolved::Primitive(_) | Resolved::Raw(_) => {}
            }
        }
        let mut out = Vec::new();
        if let TypeExpr::Union { variants } = expr {
            out.extend(variants.iter().filter_map(|v| self.lookup(v)));
        }
        walk(&self.resolve(expr), &mut out);
        out
    }

    /// The types an API page's actions reach directly: request and response bodies,
    /// the `Location` type, and the types its examples are annotated with.
    pub(crate) fn page_targets(&self, page: &ApiPage) -> Vec<TypeId> {
        let mut out = Vec::new();
        for param in &page.request_body.params {
            out.extend(self.targets(&param.type_expr));
        }
        if let BodyKind::Resource { type_expr } = &page.request_body.kind {
            out.extend(self.targets(type_expr));
        }
        if let Some(body) = &page.response.body {
            out.extend(self.targets(&body.type_expr));
        }
        if let Some(expr) = page.response.location.as_ref().and_then(|l| l.type_expr.as_ref()) {
            out.extend(self.targets(expr));
        }
        for example in &page.examples {
            if let Some(t) = example.annotation.as_ref().and_then(|a| a.odata_type.as_deref()) {
                out.extend(self.lookup_name(t, None));
            }
        }
        out
    }

    /// The types reaching `id` reaches next: its base, its derived types (not for
    /// `entity`), and the types of its own properties.
    pub(crate) fn edges(&self, id: TypeId) -> Vec<TypeId> {
        let def = &self.defs[id.0];
        let mut out: Vec<TypeId> = def.base.into_iter().collect();
        if !self.is_entity(id) {
            out.extend(def.derived.iter().copied());
        }
        if matches!(def.kind, DefKind::Struct) {
            for prop in def.page.properties.iter().chain(&def.page.relationships) {
                out.extend(self.targets(&prop.type_expr));
            }
        }
        out
    }

    /// Whether a type is reached (emitted).
    pub fn is_reached(&self, id: TypeId) -> bool {
        self.reached.contains(&id)
    }

    /// Gate the types by area: `areas` holds the areas whose actions reach each type
    /// (see [`crate::emit::areas::type_areas`]). Every `cfg` below derives from it.
    pub(crate) fn set_areas(&mut self, gates: Gates, areas: BTreeMap<TypeId, BTreeSet<Area>>) {
        self.gating = Some((gates, areas));
    }

    /// The areas a type is needed by; `None` when ungated (or needed by no area's
    /// actions).
    pub fn areas(&self, id: TypeId) -> Option<&BTreeSet<Area>> {
        self.gating.as_ref().and_then(|(_, areas)| areas.get(&id))
    }

    /// The `cfg` attribute for `areas` (empty when ungated or when every area needs it).
    pub fn cfg(&self, areas: &BTreeSet<Area>) -> TokenStream {
        self.gating.as_ref().map(|(gates, _)| gates.cfg(areas)).unwrap_or_default()
    }

    /// The areas of a file of `ids`: those of any of them (`None` when ungated).
    pub fn file_areas(&self, ids: &[TypeId]) -> Option<BTreeSet<Area>> {
        let mut out: Option<BTreeSet<Area>> = None;
        for id in ids {
            if let Some(areas) = self.areas(*id) {
                out.get_or_insert_with(BTreeSet::new).extend(areas.iter().cloned());
            }
        }
        out
    }

    /// The area `cfg` attribute of a union enum: compiled when the areas of all its
    /// members are on (empty when ungated).
    pub fn union_gate(&self, members: &[TypeId]) -> TokenStream {
        if self.gating.is_none() {
            return TokenStream::new();
        }
        let empty = BTreeSet::new();
        let mut common: Option<BTreeSet<Area>> = None;
        for id in members {
            let own = self.areas(*id).unwrap_or(&empty);
            common = Some(match common {
                None => own.clone(),
                Some(c) => c.intersection(own).cloned().collect(),
            });
        }
        self.cfg(&common.unwrap_or_default())
    }

    /// The area `cfg` attribute of a type's items (empty when ungated).
    pub fn gate(&self, id: TypeId) -> TokenStream {
        self.areas(id).map(|areas| self.cfg(areas)).unwrap_or_default()
    }
}

/// The union a resolved type is (or holds as collection item).
fn union_of(r: &Resolved) -> Option<&[TypeId]> {
    match r {
        Resolved::Union(ids) => Some(ids),
        Resolved::Collection(item) => union_of(item),
        _ => None,
    }
}
