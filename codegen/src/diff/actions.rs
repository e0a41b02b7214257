//! Changes to actions: API pages matched by version and stem.

use std::collections::BTreeMap;

use crate::SpecSet;
use crate::emit::docs::permission_row;
use crate::emit::{QueryArgSpec, query_arg_specs};
use crate::spec::{ApiPage, ApiVersion, Operation, Requirement};

use super::{Change, ChangeKind, by_name, field_text, optional_type_text, pair, retyped};

fn pages(set: &SpecSet) -> BTreeMap<(ApiVersion, String), &ApiPage> {
    set.api_pages().map(|(_, p)| ((p.version, p.stem.to_ascii_lowercase()), p)).collect()
}

/// The page's name for people: its title, then its stem.
fn label(page: &ApiPage) -> String {
    format!("{} ({})", page.title, page.stem)
}

/// An operation as shown: `` `POST /communications/calls/{id}/answer` ``.
fn op_text(op: &Operation) -> String {
    format!("`{} {}`", op.method, op.path)
}

pub(super) fn compare(old: &SpecSet, new: &SpecSet, out: &mut Vec<Change>) {
    let (old, new) = (pages(old), pages(new));
    for pair in pair(&old, &new) {
        match pair {
            (Some(page), None) => {
                let ops = page.operations.iter().map(op_text).collect::<Vec<_>>().join(", ");
                out.push(change(page, ChangeKind::ActionRemoved, ops, true));
            }
            (None, Some(page)) => {
                let ops = page.operations.iter().map(op_text).collect::<Vec<_>>().join(", ");
                out.push(change(page, ChangeKind::ActionAdded, ops, false));
            }
            (Some(before), Some(page)) => compare_page(before, page, out),
            (None, None) => {}
        }
    }
}

/// A page's operations by method and [`Operation::template_key`].
fn operations(page: &ApiPage) -> BTreeMap<String, &Operation> {
    page.operations.iter().map(|o| (format!("{} {}", o.method, o.template_key()), o)).collect()
}

/// The query arguments of a page's functions (one per operation) by name without case
/// (see [`query_arg_specs`]; required where any request line requires it).
fn query_args(page: &ApiPage) -> BTreeMap<String, QueryArgSpec<'_>> {
    let mut out: BTreeMap<String, QueryArgSpec<'_>> = BTreeMap::new();
    for arg in page.operations.iter().flat_map(|op| query_arg_specs(page, op.query.as_deref())) {
        out.entry(arg.wire.to_ascii_lowercase())
            .and_modify(|a| a.required |= arg.required)
            .or_insert(arg);
    }
    out
}

/// A query argument's Rust type: `&str`; `bool, optional` for one set on the call.
fn arg_type(arg: &QueryArgSpec<'_>) -> String {
    match arg.required {
        true => arg.ty.rust().to_string(),
        false => format!("{}, optional", arg.ty.rust()),
    }
}

/// A query argument as shown: `` `format` (`&str, optional`) ``.
fn arg_text(arg: &QueryArgSpec<'_>) -> String {
    format!("`{}` (`{}`)", arg.wire, arg_type(arg))
}

fn change(page: &ApiPage, kind: ChangeKind, detail: String, breaking: bool) -> Change {
    Change { version: page.version, item: label(page), kind, detail, breaking }
}

fn compare_page(old: &ApiPage, new: &ApiPage, out: &mut Vec<Change>) {
    let mut push = |kind, detail: String, breaking| out.push(change(new, kind, detail, breaking));

    // Operations, matched by method and path template.
    let (old_ops, new_ops) = (operations(old), operations(new));
    for pair in pair(&old_ops, &new_ops) {
        match pair {
            (Some(op), None) => push(ChangeKind::OperationRemoved, op_text(op), true),
            (None, Some(op)) => push(ChangeKind::OperationAdded, op_text(op), false),
            (Some(was), Some(now)) if now.deprecated && !was.deprecated => {
                push(ChangeKind::OperationDeprecated, op_text(now), false)
            }
            _ => {}
        }
    }

    // Request body parameters.
    let old_params = by_name(&old.request_body.params, |p| &p.name);
    let new_params = by_name(&new.request_body.params, |p| &p.name);
    for pair in pair(&old_params, &new_params) {
        match pair {
            (Some(p), None) => {
                push(ChangeKind::ParamRemoved, field_text(&p.name, &p.type_expr), true)
            }
            (None, Some(p)) => {
                let required = p.required == Requirement::Required;
                let detail = format!(
                    "{}{}",
                    field_text(&p.name, &p.type_expr),
                    if required { ", required" } else { "" }
                );
                push(ChangeKind::ParamAdded, detail, required);
            }
            (Some(was), Some(now)) => {
                if let Some(detail) = retyped(&was.name, &was.type_expr, &now.type_expr) {
                    push(ChangeKind::ParamRetyped, detail, true);
                }
                let required = |p: &crate::spec::Param| p.required == Requirement::Required;
                match (required(was), required(now)) {
                    (false, true) => {
                        push(ChangeKind::ParamNowRequired, format!("`{}`", was.name), true)
                    }
                    (true, false) => {
                        push(ChangeKind::ParamNoLongerRequired, format!("`{}`", was.name), false)
                    }
                    _ => {}
                }
            }
            (None, None) => {}
        }
    }

    // Query arguments: the generated functions' signatures, and the methods of the
    // calls they return. An optional one added to a function that already returns a
    // call is one more method there, which breaks nothing; the first one changes what
    // the function returns (a call instead of a future, awaited the same way).
    let (was, is) = (query_args(old), query_args(new));
    let had_call = was.values().any(|a| !a.required);
    for pair in pair(&was, &is) {
        match pair {
            (Some(a), None) => push(ChangeKind::QueryArgRemoved, arg_text(a), true),
            (None, Some(a)) => {
                push(ChangeKind::QueryArgAdded, arg_text(a), a.required || !had_call)
            }
            (Some(was), Some(now)) if arg_type(was) != arg_type(now) => push(
                ChangeKind::QueryArgChanged,
                format!("`{}`: `{}` → `{}`", now.wire, arg_type(was), arg_type(now)),
                true,
            ),
            _ => {}
        }
    }

    // Response. Status codes are a set: their order on the page means nothing.
    let codes = |page: &ApiPage| {
        let mut codes: Vec<u16> = page.response.status_codes.iter().map(|s| s.code).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    };
    let (was, is) = (codes(old), codes(new));
    if was != is && !was.is_empty() && !is.is_empty() {
        // A client written for the old codes still works if one of them remains.
        let breaking = !was.iter().any(|c| is.contains(c));
        let show = |c: &[u16]| c.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
        push(ChangeKind::StatusChanged, format!("{} → {}", show(&was), show(&is)), breaking);
    }
    let body =
        |page: &ApiPage| optional_type_text(page.response.body.as_ref().map(|b| &b.type_expr));
    let (was, is) = (body(old), body(new));
    if !was.eq_ignore_ascii_case(&is) {
        push(ChangeKind::ResponseTypeChanged, format!("{was} → {is}"), true);
    }
    if old.response.location.is_some() != new.response.location.is_some() {
        let detail = if new.response.location.is_some() {
            "a Location header (operation) is now returned"
        } else {
            "no Location header (operation) is returned any more"
        };
        push(ChangeKind::LocationChanged, detail.to_string(), true);
    }

    // Permissions, as the generated docs show them, for information.
    let perms = |page: &ApiPage| {
        let mut rows: Vec<String> = page.permissions.rows.iter().map(permission_row).collect();
        rows.sort();
        rows
    };
    let (was, is) = (perms(old), perms(new));
    if was != is && !was.is_empty() && !is.is_empty() {
        push(
            ChangeKind::PermissionsChanged,
            format!("{} → {}", was.join("; "), is.join("; ")),
            false,
        );
    }
}
