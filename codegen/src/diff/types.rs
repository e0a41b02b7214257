//! Changes to types: resource pages matched by version and type name, and the enums
//! defined on enum-collection pages.

use std::collections::BTreeMap;

use crate::SpecSet;
use crate::spec::{ApiVersion, EnumMember, Property, ResourceKind, ResourcePage, TypeExpr};

use crate::catalog::name_key;

use super::{Change, ChangeKind, by_name, field_text, optional_type_text, pair, retyped};

/// What the diff compares of one type.
struct TypeFacts<'a> {
    version: ApiVersion,
    name: String,
    base: Option<&'a TypeExpr>,
    properties: Vec<&'a Property>,
    members: Vec<&'a EnumMember>,
}

/// The types of a spec set, by version and [`name_key`] (the catalog's rule: a
/// `microsoft.graph.` prefix and case aside); the first page naming a type wins.
fn types(set: &SpecSet) -> BTreeMap<(ApiVersion, String), TypeFacts<'_>> {
    let mut out = BTreeMap::new();
    for (_, page) in set.resource_pages() {
        add_page(page, &mut out);
    }
    out
}

fn add_page<'a>(page: &'a ResourcePage, out: &mut BTreeMap<(ApiVersion, String), TypeFacts<'a>>) {
    if !matches!(page.kind, ResourceKind::EnumCollection | ResourceKind::Overview) {
        let facts = TypeFacts {
            version: page.version,
            name: page.name.clone(),
            base: page.base_type.as_ref(),
            properties: page.properties.iter().chain(&page.relationships).collect(),
            members: page.members.iter().collect(),
        };
        out.entry((page.version, name_key(&page.name))).or_insert(facts);
    }
    for def in &page.enums {
        let facts = TypeFacts {
            version: page.version,
            name: def.name.clone(),
            base: None,
            properties: Vec::new(),
            members: def.members.iter().collect(),
        };
        out.entry((page.version, name_key(&def.name))).or_insert(facts);
    }
}

pub(super) fn compare(old: &SpecSet, new: &SpecSet, out: &mut Vec<Change>) {
    let (old, new) = (types(old), types(new));
    for pair in pair(&old, &new) {
        let (version, kind, breaking, t) = match pair {
            (Some(t), None) => (t.version, ChangeKind::TypeRemoved, true, t),
            (None, Some(t)) => (t.version, ChangeKind::TypeAdded, false, t),
            (Some(before), Some(t)) => {
                compare_type(before, t, out);
                continue;
            }
            (None, None) => continue,
        };
        out.push(Change { version, item: t.name.clone(), kind, detail: String::new(), breaking });
    }
}

fn compare_type(old: &TypeFacts<'_>, new: &TypeFacts<'_>, out: &mut Vec<Change>) {
    let mut push = |kind, detail: String, breaking| {
        out.push(Change { version: new.version, item: new.name.clone(), kind, detail, breaking });
    };
    let (was, is) = (optional_type_text(old.base), optional_type_text(new.base));
    if !was.eq_ignore_ascii_case(&is) {
        push(ChangeKind::BaseTypeChanged, format!("{was} → {is}"), true);
    }
    let (was, is) = (by_name(&old.properties, |p| &p.name), by_name(&new.properties, |p| &p.name));
    for pair in pair(&was, &is) {
        match pair {
            (Some(p), None) => {
                push(ChangeKind::PropertyRemoved, field_text(&p.name, &p.type_expr), true)
            }
            (None, Some(p)) => {
                push(ChangeKind::PropertyAdded, field_text(&p.name, &p.type_expr), false)
            }
            (Some(was), Some(now)) => {
                if let Some(detail) = retyped(&was.name, &was.type_expr, &now.type_expr) {
                    push(ChangeKind::PropertyRetyped, detail, true);
                }
            }
            (None, None) => {}
        }
    }
    let (was, is) = (by_name(&old.members, |m| &m.name), by_name(&new.members, |m| &m.name));
    for pair in pair(&was, &is) {
        match pair {
            (Some(m), None) => push(ChangeKind::MemberRemoved, format!("`{}`", m.name), true),
            // Generated enums are open (`Other(String)`): a new member breaks nothing.
            (None, Some(m)) => push(ChangeKind::MemberAdded, format!("`{}`", m.name), false),
            _ => {}
        }
    }
}
