//! The "Permissions" section: an inline table, a resource-by-permission grid, or a
//! `[!INCLUDE [permissions-table](...)]` file resolved relative to the page.

use crate::source::resolve_relative;
use crate::spec::{
    Diagnostic, DiagnosticKind, PermissionKind, PermissionRow, PermissionSource, PermissionValue,
    Permissions,
};

use super::outline::{Block, BlockKind, Outline, Table, normalize_title};
use super::tables::header_key;
use super::{Includes, text};

/// Read the permissions of a page from its Permissions section's blocks.
pub(crate) fn permissions(
    page_path: &str,
    blocks: &[Block<'_>],
    includes: &mut Includes<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Permissions {
    let mut perms = Permissions::default();
    let mut scope: Option<String> = None;
    for block in blocks {
        match &block.kind {
            BlockKind::Heading { text, .. } => {
                scope = Some(text.text.trim().to_string());
            }
            BlockKind::Include { name, target } if is_permissions_include(name, target) => {
                let path = resolve_relative(page_path, target);
                let text = path.as_deref().and_then(|p| includes.read(p));
                let resolved = text.is_some();
                if perms.source == PermissionSource::Missing {
                    perms.source = PermissionSource::Include {
                        target: target.to_string(),
                        path: path.clone(),
                        resolved,
                        line: block.line,
                    };
                }
                let Some(text) = text else {
                    diagnostics.push(Diagnostic::warning(
                        DiagnosticKind::UnresolvedInclude,
                        Some(block.line),
                        format!("permissions include `{target}` not found"),
                    ));
                    continue;
                };
                let file = path.unwrap_or_default();
                // Outlined while the page's outline is alive: an arena of its own.
                let arena = super::outline::Arena::new();
                let outline = Outline::parse(&text, &arena);
                let mut inner = Vec::new();
                let tables: Vec<(u32, &Table<'_>)> = outline
                    .blocks
                    .iter()
                    .filter_map(|b| match &b.kind {
                        BlockKind::Table(t) => Some((b.line, t)),
                        _ => None,
                    })
                    .collect();
                if tables.is_empty() {
                    inner.push(Diagnostic::warning(
                        DiagnosticKind::UnparsedPermissions,
                        None,
                        "permissions include has no table",
                    ));
                }
                for (line, table) in tables {
                    read_table(table, line, scope.as_deref(), &mut perms.rows, &mut inner);
                }
                for mut d in inner {
                    d.file = Some(file.clone());
                    diagnostics.push(d);
                }
            }
            BlockKind::Table(table) => {
                if perms.source == PermissionSource::Missing {
                    perms.source = PermissionSource::Inline { line: block.line };
                }
                read_table(table, block.line, scope.as_deref(), &mut perms.rows, diagnostics);
            }
            _ => {}
        }
    }
    perms
}

pub(crate) fn is_permissions_include(name: &str, target: &str) -> bool {
    text::contains_lower(name, "permission") || text::contains(target, "/permissions/")
}

/// The permission kind a row label or column header names.
fn kind_of(label: &str) -> Option<PermissionKind> {
    text::with_lower(label, kind_of_lower)
}

fn kind_of_lower(l: &str) -> Option<PermissionKind> {
    let contains = text::contains;
    if contains(l, "application") || l.starts_with("app ") || l == "app" {
        Some(PermissionKind::Application)
    } else if contains(l, "personal") || contains(l, "microsoft account") {
        Some(PermissionKind::DelegatedPersonal)
    } else if contains(l, "delegated") || contains(l, "work or school") {
        Some(PermissionKind::DelegatedWork)
    } else {
        None
    }
}

/// Which way a single permissions column lists its scopes.
#[derive(Clone, Copy)]
enum Order {
    LeastFirst,
    MostFirst,
    Unordered,
}

fn order_of(header: &str) -> Order {
    if text::contains(header, "least to most") {
        Order::LeastFirst
    } else if text::contains(header, "most to least") {
        Order::MostFirst
    } else {
        Order::Unordered
    }
}

/// Read one permissions table; `line` is its header row's.
fn read_table(
    table: &Table<'_>,
    line: u32,
    scope: Option<&str>,
    rows: &mut Vec<PermissionRow>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let headers: Vec<String> = table.header.iter().map(header_key).collect();
    let first = headers.first().map(String::as_str).unwrap_or("");
    if text::contains(first, "permission type") || first == "type" {
        let least = headers.iter().position(|h| h.starts_with("least privileged"));
        let higher = headers.iter().position(|h| h.starts_with("higher privileged"));
        if let Some(least) = least {
            let mut group = GroupRows::default();
            for row in table.rows {
                let Some((kind, sub)) = group.kind(row, diagnostics) else { continue };
                let scope = join_scope(scope, sub.as_deref());
                let scope = scope.as_deref();
                let get = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).map(|c| c.text);
                let value = two_columns(get(Some(least)).unwrap_or(""), get(higher));
                rows.push(PermissionRow {
                    kind,
                    scope: scope.map(String::from),
                    value,
                    line: row.line,
                });
            }
            return;
        }
        // One column per qualifier ("acting on self", "acting on other users"), or a
        // single column of scopes.
        let value_cols: Vec<usize> = (1..headers.len()).collect();
        let mut group = GroupRows::default();
        for row in table.rows {
            let Some((kind, sub)) = group.kind(row, diagnostics) else { continue };
            let joined = join_scope(scope, sub.as_deref());
            let scope = joined.as_deref();
            for &col in &value_cols {
                let Some(cell) = row.cells.get(col) else { continue };
                let qualifier =
                    (value_cols.len() > 1).then(|| qualifier_of(table.header[col].text));
                let row_scope = match (scope, qualifier) {
                    (Some(s), Some(q)) => Some(format!("{s}: {q}")),
                    (Some(s), None) => Some(s.to_string()),
                    (None, q) => q,
                };
                let value = one_column(cell.text, order_of(&headers[col]));
                rows.push(PermissionRow { kind, scope: row_scope, value, line: row.line });
            }
        }
        return;
    }
    // A grid: one row per supported resource, one column per permission kind.
    let kinds: Vec<(usize, PermissionKind)> =
        headers.iter().enumerate().filter_map(|(i, h)| Some((i, kind_of(h)?))).collect();
    if kinds.is_empty() {
        diagnostics.push(Diagnostic::warning(
            DiagnosticKind::UnparsedPermissions,
            Some(line),
            format!("permissions table header `{}` not recognized", headers.join(" | ")),
        ));
        return;
    }
    for row in table.rows {
        let resource = row.cells.first().map(|c| c.text.trim().to_string()).unwrap_or_default();
        let row_scope = match scope {
            Some(s) => format!("{s}: {resource}"),
            None => resource,
        };
        for &(col, kind) in &kinds {
            let Some(cell) = row.cells.get(col) else { continue };
            rows.push(PermissionRow {
                kind,
                scope: Some(row_scope.clone()),
                value: one_column(cell.text, order_of(&headers[col])),
                line: row.line,
            });
        }
    }
}

fn qualifier_of(header: &str) -> String {
    let h = header.trim();
    let h = h.split(" (").next().unwrap_or(h);
    h.trim_start_matches("Permissions").trim().to_string()
}

/// Reads the permission kind of each row. Intune pages group rows: a kind row with
/// empty cells, then sub-rows (`&nbsp; **Device configuration**`) for that kind.
#[derive(Default)]
struct GroupRows {
    current: Option<PermissionKind>,
}

impl GroupRows {
    /// The row's kind and sub-group label; `None` for rows that hold no value (a group
    /// header) or that cannot be read (with a diagnostic).
    fn kind(
        &mut self,
        row: &super::outline::Row<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<(PermissionKind, Option<String>)> {
        let label = row.cells.first().map(|c| text::trim(c.text)).unwrap_or("");
        let empty = row.cells.iter().skip(1).all(|c| text::trim(c.text).is_empty());
        if let Some(kind) = kind_of(label) {
            self.current = Some(kind);
            return (!empty).then_some((kind, None));
        }
        let sub_label = row.cells.first().is_some_and(|c| {
            text::contains(c.markdown, "&nbsp;") || text::contains(c.markdown, "**")
        });
        match self.current {
            Some(kind) if sub_label && !empty => {
                Some((kind, Some(label.trim_matches('*').trim().to_string())))
            }
            _ => {
                if !label.is_empty() {
                    diagnostics.push(Diagnostic::warning(
                        DiagnosticKind::UnparsedPermissions,
                        Some(row.line),
                        format!("permission type `{label}` not recognized"),
                    ));
                }
                None
            }
        }
    }
}

fn join_scope(outer: Option<&str>, inner: Option<&str>) -> Option<String> {
    match (outer, inner) {
        (Some(o), Some(i)) => Some(format!("{o}: {i}")),
        (Some(o), None) => Some(o.to_string()),
        (None, Some(i)) => Some(i.to_string()),
        (None, None) => None,
    }
}

/// The newer layout: a least privileged column and a higher privileged column.
fn two_columns(least: &str, higher: Option<&str>) -> PermissionValue {
    match special(least) {
        Some(v) => v,
        None => {
            let least_privileged = scopes(least);
            let higher_privileged =
                higher.filter(|h| special(h).is_none()).map(scopes).unwrap_or_default();
            if least_privileged.is_empty() {
                PermissionValue::Other { text: least.trim().to_string() }
            } else {
                PermissionValue::Scopes { least_privileged, higher_privileged }
            }
        }
    }
}

/// The older layout: one column of scopes in a stated order.
fn one_column(text: &str, order: Order) -> PermissionValue {
    if let Some(v) = special(text) {
        return v;
    }
    let mut list = scopes(text);
    if list.is_empty() {
        return PermissionValue::Other { text: text.trim().to_string() };
    }
    match order {
        Order::MostFirst => list.reverse(),
        Order::LeastFirst | Order::Unordered => {}
    }
    let higher_privileged = match order {
        Order::Unordered => Vec::new(),
        _ => list.split_off(1),
    };
    PermissionValue::Scopes { least_privileged: list, higher_privileged }
}

/// "Not supported." and "None.". ("Not available." in a higher privileged column holds no
/// scopes and needs no special value.)
fn special(text: &str) -> Option<PermissionValue> {
    // Every special value starts with `n`: skip normalizing anything else (most cells
    // hold scopes). Only an ASCII first letter is judged here.
    let first = text::trim_start(text).bytes().next();
    if first.is_some_and(|b| b.is_ascii() && !b.eq_ignore_ascii_case(&b'n')) {
        return None;
    }
    let t = normalize_title(text);
    let t = t.trim_end_matches('.').trim();
    if t.starts_with("not supported") || t == "not applicable" || t == "n/a" {
        Some(PermissionValue::NotSupported)
    } else if t == "none" || t == "none required" || t == "not required" {
        Some(PermissionValue::NoneRequired)
    } else {
        None
    }
}

/// The scope names in a cell: `Calls.AccessMedia.All, Calls.JoinGroupCall.All*`.
fn scopes(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |token: &str| {
        let token = token.trim_matches(|c: char| {
            !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
        });
        let token = token.trim_end_matches('.');
        let scope_byte = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-');
        let looks_like_scope = token.contains('.')
            && token.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            && token.as_bytes().iter().all(scope_byte);
        if looks_like_scope && !out.iter().any(|s| s == token) {
            out.push(token.to_string());
        }
    };
    if text.is_ascii() {
        // By bytes: the separators are ASCII, and so is all of the text.
        let separator = |b: &u8| *b == b',' || *b == b';' || super::text::is_unicode_space_byte(*b);
        for token in text.as_bytes().split(separator) {
            add(std::str::from_utf8(token).unwrap_or_default());
        }
    } else {
        for token in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
            add(token);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distill::Includes;

    fn read(md: &str) -> (Permissions, Vec<Diagnostic>) {
        let arena = crate::distill::outline::Arena::new();
        let o = Outline::parse(md, &arena);
        let mut d = Vec::new();
        let src = crate::source::DocSource::from_files(Default::default(), "test");
        let mut inc = Includes::new(&src);
        let p = permissions("api-reference/beta/api/x.md", o.blocks, &mut inc, &mut d);
        (p, d)
    }

    #[test]
    fn old_single_column_table() {
        let (p, d) = read(
            "| Permission type | Permissions (from least to most privileged) |\n|:--|:--|\n| Delegated (work or school account) | Not Supported. |\n| Delegated (personal Microsoft account) | Not Supported. |\n| Application | None. |\n",
        );
        assert!(d.is_empty());
        assert_eq!(p.source, PermissionSource::Inline { line: 1 });
        assert_eq!(p.rows.len(), 3);
        assert_eq!(p.rows[0].kind, PermissionKind::DelegatedWork);
        assert_eq!(p.rows[0].value, PermissionValue::NotSupported);
        assert_eq!(p.rows[1].kind, PermissionKind::DelegatedPersonal);
        assert_eq!(p.rows[2].value, PermissionValue::NoneRequired);
    }

    #[test]
    fn least_to_most_and_most_to_least() {
        let (p, _) = read(
            "| Permission type | Permissions (from least to most privileged) |\n|:--|:--|\n| Application | Calls.Initiate.All, Calls.AccessMedia.All |\n",
        );
        assert_eq!(
            p.rows[0].value,
            PermissionValue::Scopes {
                least_privileged: vec!["Calls.Initiate.All".into()],
                higher_privileged: vec!["Calls.AccessMedia.All".into()]
            }
        );
        let (p, _) = read(
            "| Permission type | Permissions (from most to least privileged) |\n|:--|:--|\n| Application | A.ReadWrite.All, A.Read.All |\n",
        );
        assert_eq!(
            p.rows[0].value,
            PermissionValue::Scopes {
                least_privileged: vec!["A.Read.All".into()],
                higher_privileged: vec!["A.ReadWrite.All".into()]
            }
        );
    }

    #[test]
    fn new_two_column_table_and_footnote_star() {
        let (p, _) = read(
            "|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Delegated (work or school account)|Not supported.|Not supported.|\n|Application|Calls.JoinGroupCalls.Chat*, Calls.JoinGroupCall.All|Not available.|\n",
        );
        assert_eq!(p.rows[0].value, PermissionValue::NotSupported);
        assert_eq!(
            p.rows[1].value,
            PermissionValue::Scopes {
                least_privileged: vec![
                    "Calls.JoinGroupCalls.Chat".into(),
                    "Calls.JoinGroupCall.All".into()
                ],
                higher_privileged: vec![]
            }
        );
    }

    #[test]
    fn grid_layout() {
        let (p, d) = read(
            "|Supported resource|Delegated (work or school account)|Delegated (personal Microsoft account)|Application|\n|:---|:---|:---|:---|\n|calendar|Calendars.ReadWrite|Calendars.ReadWrite|Calendars.ReadWrite|\n|group|Group.ReadWrite.All|Not supported.|Not supported.|\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(p.rows.len(), 6);
        assert_eq!(p.rows[0].scope.as_deref(), Some("calendar"));
        assert_eq!(p.rows[5].kind, PermissionKind::Application);
        assert_eq!(p.rows[5].value, PermissionValue::NotSupported);
    }

    #[test]
    fn missing_include_is_a_diagnostic() {
        let (p, d) =
            read("[!INCLUDE [permissions-table](../includes/permissions/x-permissions.md)]\n");
        assert_eq!(
            p.source,
            PermissionSource::Include {
                target: "../includes/permissions/x-permissions.md".into(),
                path: Some("api-reference/beta/includes/permissions/x-permissions.md".into()),
                resolved: false,
                line: 1
            }
        );
        assert_eq!(d[0].kind, DiagnosticKind::UnresolvedInclude);
    }
}
