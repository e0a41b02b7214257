//! Changes to types: resource pages matched by version and type name, and the enums
//! defined on enum-collection pages.

use std::collections::BTreeMap;

use crate::SpecSet;
use crate::spec::{ApiVersion, EnumMember, Property, ResourceKind, ResourcePage, TypeExpr};

use super::{Change, ChangeKind, same_type, type_text};

/// What the diff compares of one type.
struct TypeFacts<'a> {
    name: String,
    base: Option<&'a TypeExpr>,
    properties: Vec<&'a Property>,
    members: Vec<&'a EnumMember>,
}

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
            name: page.name.clone(),
            base: page.base_type.as_ref(),
            properties: page.properties.iter().chain(&page.relationships).collect(),
            members: page.members.iter().collect(),
        };
        out.entry((page.version, page.name.to_ascii_lowercase())).or_insert(facts);
    }
    for def in &page.enums {
        let facts = TypeFacts {
            name: def.name.clone(),
            base: None,
            properties: Vec::new(),
            members: def.members.iter().collect(),
        };
        out.entry((page.version, def.name.to_ascii_lowercase())).or_insert(facts);
    }
}

pub(super) fn compare(old: &SpecSet, new: &SpecSet, out: &mut Vec<Change>) {
    let (old, new) = (types(old), types(new));
    for ((version, key), t) in &old {
        if !new.contains_key(&(*version, key.clone())) {
            out.push(Change {
                version: *version,
                item: t.name.clone(),
                kind: ChangeKind::TypeRemoved,
                detail: String::new(),
                breaking: true,
            });
        }
    }
    for ((version, key), t) in &new {
        match old.get(&(*version, key.clone())) {
            None => out.push(Change {
                version: *version,
                item: t.name.clone(),
                kind: ChangeKind::TypeAdded,
                detail: String::new(),
                breaking: false,
            }),
            Some(before) => compare_type(*version, before, t, out),
        }
    }
}

fn find<'a>(list: &[&'a Property], name: &str) -> Option<&'a Property> {
    list.iter().find(|p| p.name.eq_ignore_ascii_case(name)).copied()
}

fn compare_type(
    version: ApiVersion,
    old: &TypeFacts<'_>,
    new: &TypeFacts<'_>,
    out: &mut Vec<Change>,
) {
    let mut push = |kind, detail: String, breaking| {
        out.push(Change { version, item: new.name.clone(), kind, detail, breaking });
    };
    let base = |b: Option<&TypeExpr>| b.map(type_text).unwrap_or_else(|| "none".into());
    if !base(old.base).eq_ignore_ascii_case(&base(new.base)) {
        push(ChangeKind::BaseTypeChanged, format!("{} → {}", base(old.base), base(new.base)), true);
    }
    for p in &old.properties {
        match find(&new.properties, &p.name) {
            None => push(
                ChangeKind::PropertyRemoved,
                format!("`{}` ({})", p.name, type_text(&p.type_expr)),
                true,
            ),
            Some(now) if !same_type(&p.type_expr, &now.type_expr) => push(
                ChangeKind::PropertyRetyped,
                format!(
                    "`{}`: {} → {}",
                    p.name,
                    type_text(&p.type_expr),
                    type_text(&now.type_expr)
                ),
                true,
            ),
            Some(_) => {}
        }
    }
    for p in &new.properties {
        if find(&old.properties, &p.name).is_none() {
            push(
                ChangeKind::PropertyAdded,
                format!("`{}` ({})", p.name, type_text(&p.type_expr)),
                false,
            );
        }
    }
    let has =
        |list: &[&EnumMember], name: &str| list.iter().any(|m| m.name.eq_ignore_ascii_case(name));
    for m in &old.members {
        if !has(&new.members, &m.name) {
            push(ChangeKind::MemberRemoved, format!("`{}`", m.name), true);
        }
    }
    for m in &new.members {
        if !has(&old.members, &m.name) {
            // Generated enums are open (`Other(String)`): a new member breaks nothing.
            push(ChangeKind::MemberAdded, format!("`{}`", m.name), false);
        }
    }
}
