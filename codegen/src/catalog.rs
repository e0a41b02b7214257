//! The type catalog: resolving the type names that specs mention to the resource pages
//! that define them, per API version, and the set of pages a selection of actions
//! reaches.
//!
//! The one resolution rule: a name resolves, within its version, to the resource page
//! its link names (`[prompt](../resources/prompt.md)` -> `prompt`) when that page
//! defines the name, else to the page whose type name or `@odata.type` equals the name
//! case-insensitively (with any `microsoft.graph.` prefix dropped), else to the linked
//! page's own enum of that name, else to the linked page (a link whose text is not a
//! type name), else to the page whose stem equals the name, else to an enum defined on
//! an enum-collection page (`enums.md`).

use std::collections::{BTreeSet, HashMap};

use crate::spec::{
    ApiPage, ApiVersion, BodyKind, EnumDef, ExampleKind, ResourceKind, ResourcePage, TypeExpr,
};

/// What a name resolves to.
#[derive(Debug, Clone, Copy)]
pub enum TypeDef<'a> {
    /// A resource page (entity, complex or enum type).
    Resource(&'a ResourcePage),
    /// An enum defined on a page that defines several.
    Enum {
        /// The page.
        page: &'a ResourcePage,
        /// The enum.
        def: &'a EnumDef,
    },
}

impl<'a> TypeDef<'a> {
    /// The page that defines the type.
    pub fn page(&self) -> &'a ResourcePage {
        match self {
            TypeDef::Resource(p) => p,
            TypeDef::Enum { page, .. } => page,
        }
    }
}

/// Resource pages indexed by every name they answer to.
#[derive(Debug, Default)]
pub struct Catalog<'a> {
    stems: HashMap<(ApiVersion, String), &'a ResourcePage>,
    names: HashMap<(ApiVersion, String), &'a ResourcePage>,
    enums: HashMap<(ApiVersion, String), (&'a ResourcePage, &'a EnumDef)>,
    derived: HashMap<(ApiVersion, String), Vec<&'a ResourcePage>>,
}

/// The lookup key of a type name: lower case, `microsoft.graph.` dropped.
pub fn name_key(name: &str) -> String {
    let lower = name.trim().to_ascii_lowercase();
    lower.strip_prefix("microsoft.graph.").unwrap_or(&lower).to_string()
}

impl<'a> Catalog<'a> {
    /// Index resource pages. When two pages answer to the same name, the first wins.
    pub fn new(pages: impl IntoIterator<Item = &'a ResourcePage>) -> Self {
        let mut catalog = Catalog::default();
        for page in pages {
            let v = page.version;
            catalog.stems.entry((v, page.stem.to_ascii_lowercase())).or_insert(page);
            if page.kind != ResourceKind::EnumCollection && page.kind != ResourceKind::Overview {
                catalog.names.entry((v, name_key(&page.name))).or_insert(page);
                if let Some(t) = &page.odata_type {
                    catalog.names.entry((v, name_key(t))).or_insert(page);
                }
            }
            for def in &page.enums {
                catalog.enums.entry((v, name_key(&def.name))).or_insert((page, def));
            }
        }
        let all: Vec<&'a ResourcePage> = catalog.stems.values().copied().collect();
        for page in all {
            if let Some(TypeExpr::Named { name, page: link }) = &page.base_type {
                if let Some(TypeDef::Resource(base)) =
                    catalog.resolve(page.version, name, link.as_deref())
                {
                    catalog
                        .derived
                        .entry((page.version, base.stem.to_ascii_lowercase()))
                        .or_default()
                        .push(page);
                }
            }
        }
        for list in catalog.derived.values_mut() {
            list.sort_by(|a, b| a.stem.cmp(&b.stem));
        }
        catalog
    }

    /// Resolve a type name (and the page its link names, if any) within a version.
    pub fn resolve(
        &self,
        version: ApiVersion,
        name: &str,
        link: Option<&str>,
    ) -> Option<TypeDef<'a>> {
        let key = name_key(name);
        let linked = link
            .and_then(|l| self.stems.get(&(version, l.to_ascii_lowercase())))
            .filter(|page| page.kind != ResourceKind::EnumCollection);
        // The link wins when its page defines the name; a page that defines the name
        // wins over a link to another page (`[invitationParticipantInfo](participantinfo.md)`).
        if let Some(page) = linked {
            let answers = name_key(&page.name) == key
                || page.odata_type.as_deref().is_some_and(|t| name_key(t) == key);
            if answers {
                return Some(TypeDef::Resource(page));
            }
        }
        if let Some(page) = self.names.get(&(version, key.clone())) {
            return Some(TypeDef::Resource(page));
        }
        // An enum defined on the linked page itself (`[sendDtmfCompletionReason](senddtmftonesoperation.md#...)`
        // names the enum of a `### sendDtmfCompletionReason values` section, not the page's type).
        if let Some(page) = linked {
            if let Some(def) = page.enums.iter().find(|d| name_key(&d.name) == key) {
                return Some(TypeDef::Enum { page, def });
            }
            return Some(TypeDef::Resource(page));
        }
        if let Some(page) = self.stems.get(&(version, key.replace('.', "-"))) {
            if page.kind != ResourceKind::EnumCollection && page.kind != ResourceKind::Overview {
                return Some(TypeDef::Resource(page));
            }
        }
        self.enums.get(&(version, key)).map(|(page, def)| TypeDef::Enum { page, def })
    }

    /// The pages that name `page` as their base type directly.
    pub fn derived(&self, page: &ResourcePage) -> &[&'a ResourcePage] {
        self.derived
            .get(&(page.version, page.stem.to_ascii_lowercase()))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// Every named type an API page mentions: body params, response body and location,
/// path/function/query parameter types, and the `@odata.type` of its examples.
pub fn api_type_names(page: &ApiPage) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let params = page
        .request_body
        .params
        .iter()
        .chain(&page.path_parameters)
        .chain(&page.function_parameters);
    for p in params {
        collect(&p.type_expr, &mut out);
    }
    if let BodyKind::Resource { type_expr } = &page.request_body.kind {
        collect(type_expr, &mut out);
    }
    if let Some(b) = &page.response.body {
        collect(&b.type_expr, &mut out);
    }
    if let Some(t) = page.response.location.as_ref().and_then(|l| l.type_expr.as_ref()) {
        collect(t, &mut out);
    }
    for q in &page.query_parameters {
        if let Some(t) = &q.type_expr {
            collect(t, &mut out);
        }
    }
    for e in &page.examples {
        if matches!(e.kind, ExampleKind::Request) {
            continue;
        }
        if let Some(t) = e.annotation.as_ref().and_then(|a| a.odata_type.as_deref()) {
            collect(&crate::distill::type_name(t), &mut out);
        }
    }
    out
}

fn collect(expr: &TypeExpr, out: &mut Vec<(String, Option<String>)>) {
    match expr {
        TypeExpr::Named { name, page } => out.push((name.clone(), page.clone())),
        TypeExpr::Collection { item } => collect(item, out),
        TypeExpr::Union { variants } => variants.iter().for_each(|v| collect(v, out)),
        TypeExpr::Primitive { .. } | TypeExpr::Unknown { .. } => {}
    }
}

/// What [`reachable`] finds.
#[derive(Debug, Default)]
pub struct Reach {
    /// Resource pages reached, as (version, stem).
    pub pages: BTreeSet<(ApiVersion, String)>,
    /// Type names that resolve to no page, as (version, name).
    pub missing: BTreeSet<(ApiVersion, String)>,
}

/// The resource pages (version, stem) that the given API pages reach: the types they
/// name, those types' base types, the types of their properties and relationships,
/// and the derived types of every type used as a value (for `@odata.type`
/// dispatch), transitively. Derived types of `entity` are not followed (every entity
/// derives from it). Also returns names that resolve to no page.
pub fn reachable(apis: &[&ApiPage], catalog: &Catalog<'_>) -> Reach {
    let mut reached = BTreeSet::new();
    let mut missing = BTreeSet::new();
    let mut queue: Vec<(ApiVersion, String, Option<String>, bool)> = Vec::new();
    for api in apis {
        for (name, link) in api_type_names(api) {
            queue.push((api.version, name, link, true));
        }
    }
    while let Some((version, name, link, as_value)) = queue.pop() {
        let Some(def) = catalog.resolve(version, &name, link.as_deref()) else {
            missing.insert((version, name));
            continue;
        };
        let page = def.page();
        let first_visit = reached.insert((version, page.stem.clone()));
        if let TypeDef::Enum { .. } = def {
            continue;
        }
        if as_value && name_key(&page.name) != "entity" {
            for derived in catalog.derived(page) {
                if !reached.contains(&(version, derived.stem.clone())) {
                    queue.push((version, derived.name.clone(), Some(derived.stem.clone()), true));
                }
            }
        }
        if !first_visit {
            continue;
        }
        if let Some(TypeExpr::Named { name, page: link }) = &page.base_type {
            queue.push((version, name.clone(), link.clone(), false));
        }
        let mut names = Vec::new();
        for p in page.properties.iter().chain(&page.relationships) {
            collect(&p.type_expr, &mut names);
        }
        for (name, link) in names {
            queue.push((version, name, link, true));
        }
    }
    Reach { pages: reached, missing }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{FrontMatter, VersionSource};

    fn page(stem: &str, name: &str) -> ResourcePage {
        ResourcePage {
            format: 1,
            stem: stem.into(),
            version: ApiVersion::V1,
            version_source: VersionSource::Path,
            source: format!("api-reference/v1.0/resources/{stem}.md"),
            doc_url: String::new(),
            front_matter: FrontMatter::default(),
            title: format!("{name} resource type"),
            name: name.into(),
            namespace: None,
            odata_type: Some(format!("microsoft.graph.{name}")),
            kind: ResourceKind::Complex,
            base_type: None,
            description: String::new(),
            includes: Vec::new(),
            methods: Vec::new(),
            properties: Vec::new(),
            relationships: Vec::new(),
            members: Vec::new(),
            enums: Vec::new(),
            json_representation: None,
            diagnostics: Vec::new(),
        }
    }

    #[test]
    fn a_page_that_defines_the_name_beats_a_link_elsewhere() {
        let pages = [
            page("participantinfo", "participantInfo"),
            page("invitationparticipantinfo", "invitationParticipantInfo"),
        ];
        let catalog = Catalog::new(&pages);
        let resolved = |name: &str, link: Option<&str>| {
            catalog.resolve(ApiVersion::V1, name, link).map(|d| d.page().stem.clone())
        };
        // `[invitationParticipantInfo](participantinfo.md)` in call.md.
        assert_eq!(
            resolved("invitationParticipantInfo", Some("participantinfo")).as_deref(),
            Some("invitationparticipantinfo")
        );
        assert_eq!(
            resolved("participantInfo", Some("participantinfo")).as_deref(),
            Some("participantinfo")
        );
        // A link whose text is no type name still resolves to its page.
        assert_eq!(
            resolved("the participant", Some("participantinfo")).as_deref(),
            Some("participantinfo")
        );
    }

    #[test]
    fn a_link_to_an_enum_section_names_the_enum_not_the_page() {
        // `[sendDtmfCompletionReason](senddtmftonesoperation.md#senddtmfcompletionreason-values)`
        // once made sendDtmfTonesOperation contain itself.
        let mut op = page("senddtmftonesoperation", "sendDtmfTonesOperation");
        let member = |name: &str| crate::spec::EnumMember {
            name: name.into(),
            value: None,
            description: String::new(),
            line: 1,
        };
        op.enums.push(EnumDef {
            name: "sendDtmfCompletionReason".into(),
            members: vec![member("unknown"), member("completedSuccessfully")],
            line: 1,
        });
        let pages = [op];
        let catalog = Catalog::new(&pages);
        let resolved = catalog.resolve(
            ApiVersion::V1,
            "sendDtmfCompletionReason",
            Some("senddtmftonesoperation"),
        );
        assert!(
            matches!(resolved, Some(TypeDef::Enum { def, .. }) if def.name == "sendDtmfCompletionReason"),
            "{resolved:?}"
        );
        // The page's own type still resolves through the same link.
        let own = catalog.resolve(
            ApiVersion::V1,
            "sendDtmfTonesOperation",
            Some("senddtmftonesoperation"),
        );
        assert!(matches!(own, Some(TypeDef::Resource(p)) if p.stem == "senddtmftonesoperation"));
    }
}
