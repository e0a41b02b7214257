//! Changes to actions: API pages matched by version and stem.

use std::collections::BTreeMap;

use crate::SpecSet;
use crate::spec::{ApiPage, ApiVersion, Operation, PermissionValue, Requirement};

use super::{Change, ChangeKind, same_type, type_text};

fn pages(set: &SpecSet) -> BTreeMap<(ApiVersion, String), &ApiPage> {
    set.api_pages().map(|(_, p)| ((p.version, p.stem.to_ascii_lowercase()), p)).collect()
}

/// `POST /communications/calls/{id}/answer`, placeholders unnamed, for matching.
fn operation_key(op: &Operation) -> String {
    let mut path = String::with_capacity(op.path.len());
    let mut depth = 0;
    for c in op.path.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    path.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            c => path.push(c.to_ascii_lowercase()),
        }
    }
    format!("{} {path}", op.method)
}

/// The page's name for people: its title.
fn label(page: &ApiPage) -> String {
    format!("{} ({})", page.title, page.stem)
}

pub(super) fn compare(old: &SpecSet, new: &SpecSet, out: &mut Vec<Change>) {
    let (old, new) = (pages(old), pages(new));
    for (key, page) in &old {
        if !new.contains_key(key) {
            let ops = page.operations.iter().map(|o| format!("`{} {}`", o.method, o.path));
            out.push(change(
                page,
                ChangeKind::ActionRemoved,
                ops.collect::<Vec<_>>().join(", "),
                true,
            ));
        }
    }
    for (key, page) in &new {
        match old.get(key) {
            None => {
                let ops = page.operations.iter().map(|o| format!("`{} {}`", o.method, o.path));
                let detail = ops.collect::<Vec<_>>().join(", ");
                out.push(change(page, ChangeKind::ActionAdded, detail, false));
            }
            Some(before) => compare_page(before, page, out),
        }
    }
}

fn change(page: &ApiPage, kind: ChangeKind, detail: String, breaking: bool) -> Change {
    Change { version: page.version, item: label(page), kind, detail, breaking }
}

fn compare_page(old: &ApiPage, new: &ApiPage, out: &mut Vec<Change>) {
    // Operations.
    let old_ops: BTreeMap<String, &Operation> =
        old.operations.iter().map(|o| (operation_key(o), o)).collect();
    let new_ops: BTreeMap<String, &Operation> =
        new.operations.iter().map(|o| (operation_key(o), o)).collect();
    for (key, op) in &old_ops {
        match new_ops.get(key) {
            None => out.push(change(
                new,
                ChangeKind::OperationRemoved,
                format!("`{} {}`", op.method, op.path),
                true,
            )),
            Some(now) if now.deprecated && !op.deprecated => out.push(change(
                new,
                ChangeKind::OperationDeprecated,
                format!("`{} {}`", now.method, now.path),
                false,
            )),
            Some(_) => {}
        }
    }
    for (key, op) in &new_ops {
        if !old_ops.contains_key(key) {
            out.push(change(
                new,
                ChangeKind::OperationAdded,
                format!("`{} {}`", op.method, op.path),
                false,
            ));
        }
    }

    // Request body parameters.
    let find = |page: &ApiPage, name: &str| {
        page.request_body.params.iter().find(|p| p.name.eq_ignore_ascii_case(name)).cloned()
    };
    for p in &old.request_body.params {
        match find(new, &p.name) {
            None => out.push(change(
                new,
                ChangeKind::ParamRemoved,
                format!("`{}` ({})", p.name, type_text(&p.type_expr)),
                true,
            )),
            Some(now) => {
                if !same_type(&p.type_expr, &now.type_expr) {
                    out.push(change(
                        new,
                        ChangeKind::ParamRetyped,
                        format!(
                            "`{}`: {} → {}",
                            p.name,
                            type_text(&p.type_expr),
                            type_text(&now.type_expr)
                        ),
                        true,
                    ));
                }
                let was = p.required == Requirement::Required;
                let is = now.required == Requirement::Required;
                if is && !was {
                    out.push(change(
                        new,
                        ChangeKind::ParamNowRequired,
                        format!("`{}`", p.name),
                        true,
                    ));
                } else if was && !is {
                    out.push(change(
                        new,
                        ChangeKind::ParamNoLongerRequired,
                        format!("`{}`", p.name),
                        false,
                    ));
                }
            }
        }
    }
    for p in &new.request_body.params {
        if find(old, &p.name).is_none() {
            let required = p.required == Requirement::Required;
            let detail = format!(
                "`{}` ({}){}",
                p.name,
                type_text(&p.type_expr),
                if required { ", required" } else { "" }
            );
            out.push(change(new, ChangeKind::ParamAdded, detail, required));
        }
    }

    // Response.
    let codes =
        |page: &ApiPage| page.response.status_codes.iter().map(|s| s.code).collect::<Vec<u16>>();
    let (was, is) = (codes(old), codes(new));
    if was != is && !was.is_empty() && !is.is_empty() {
        // A client written for the old codes still works if one of them remains.
        let breaking = !was.iter().any(|c| is.contains(c));
        let show = |c: &[u16]| c.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
        out.push(change(
            new,
            ChangeKind::StatusChanged,
            format!("{} → {}", show(&was), show(&is)),
            breaking,
        ));
    }
    let body = |page: &ApiPage| page.response.body.as_ref().map(|b| type_text(&b.type_expr));
    let (was, is) = (body(old), body(new));
    if !was.as_deref().unwrap_or("").eq_ignore_ascii_case(is.as_deref().unwrap_or("")) {
        let show = |t: &Option<String>| t.clone().unwrap_or_else(|| "none".into());
        out.push(change(
            new,
            ChangeKind::ResponseTypeChanged,
            format!("{} → {}", show(&was), show(&is)),
            true,
        ));
    }
    if old.response.location.is_some() != new.response.location.is_some() {
        let detail = if new.response.location.is_some() {
            "a Location header (operation) is now returned"
        } else {
            "no Location header (operation) is returned any more"
        };
        out.push(change(new, ChangeKind::LocationChanged, detail.to_string(), true));
    }

    // Permissions (least privileged scopes per kind), for information.
    let perms = |page: &ApiPage| {
        let mut rows: Vec<String> = page
            .permissions
            .rows
            .iter()
            .map(|r| {
                let value = match &r.value {
                    PermissionValue::Scopes { least_privileged, .. } => least_privileged.join(", "),
                    PermissionValue::NotSupported => "not supported".into(),
                    PermissionValue::NoneRequired => "none".into(),
                    PermissionValue::Other { text } => text.clone(),
                };
                format!("{:?}: {value}", r.kind)
            })
            .collect();
        rows.sort();
        rows
    };
    let (was, is) = (perms(old), perms(new));
    if was != is && !was.is_empty() && !is.is_empty() {
        out.push(change(
            new,
            ChangeKind::PermissionsChanged,
            format!("{} → {}", was.join("; "), is.join("; ")),
            false,
        ));
    }
}
