//! The API change report: what changed between two spec folders, as a maintainer needs
//! to know after a doc update (`graphgen diff OLD NEW`). Every change is marked breaking
//! or not, by the rules in [`Change::breaking`]'s documentation.
//!
//! - `actions`: API pages: operations, parameters, requiredness, responses, permissions;
//! - `types`: resource pages: types, properties, enum members, base types;
//! - `render`: Markdown and JSON output.

mod actions;
mod render;
mod types;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::SpecSet;
use crate::spec::{ApiVersion, TypeExpr};

pub use render::{to_json, to_markdown};

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A page describing an action appeared.
    ActionAdded,
    /// A page describing an action disappeared.
    ActionRemoved,
    /// An HTTP operation (method + path) of an action appeared.
    OperationAdded,
    /// An HTTP operation of an action disappeared.
    OperationRemoved,
    /// An operation became deprecated.
    OperationDeprecated,
    /// A request body parameter appeared.
    ParamAdded,
    /// A request body parameter disappeared.
    ParamRemoved,
    /// A request body parameter's type changed.
    ParamRetyped,
    /// A request body parameter became required.
    ParamNowRequired,
    /// A request body parameter is no longer required.
    ParamNoLongerRequired,
    /// A query parameter became an argument of the generated function (see
    /// `emit::options`: plain names only; `$top` and friends are options, not arguments).
    QueryArgAdded,
    /// A query argument disappeared.
    QueryArgRemoved,
    /// A query argument's type or requirement (an argument of the function against a
    /// method of the call it returns) changed.
    QueryArgChanged,
    /// The success status codes changed.
    StatusChanged,
    /// The response body type changed.
    ResponseTypeChanged,
    /// A `Location` header (operation semantics) appeared or disappeared.
    LocationChanged,
    /// The permissions changed.
    PermissionsChanged,
    /// A type appeared.
    TypeAdded,
    /// A type disappeared.
    TypeRemoved,
    /// A type's base type changed.
    BaseTypeChanged,
    /// A property appeared.
    PropertyAdded,
    /// A property disappeared.
    PropertyRemoved,
    /// A property's type changed.
    PropertyRetyped,
    /// An enum member appeared.
    MemberAdded,
    /// An enum member disappeared.
    MemberRemoved,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// The API version.
    pub version: ApiVersion,
    /// What changed: the page's title and stem (`call: answer (call-answer)`) or the
    /// type name (`call`).
    pub item: String,
    /// What kind of change.
    pub kind: ChangeKind,
    /// The details, for people (`` `all` (Boolean) ``, `202 → 200`).
    pub detail: String,
    /// Whether code written against the old API can break: removals, retypings, new
    /// required inputs, changed success statuses or response types, new base types, and
    /// every change to a function's query arguments but one: an optional one added to a
    /// function that already returns a call (one more method there). Additions of
    /// optional body parameters, of actions, types, properties and (open) enum members,
    /// and permission changes are not breaking.
    pub breaking: bool,
}

/// The report: every change, sorted by version, item, kind, detail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The old specs folder, as given.
    pub old: String,
    /// The new specs folder, as given.
    pub new: String,
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// How many changes are breaking.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }
}

/// Compare two spec sets.
pub fn compare(old: &SpecSet, new: &SpecSet, old_label: &str, new_label: &str) -> Report {
    let mut changes = Vec::new();
    actions::compare(old, new, &mut changes);
    types::compare(old, new, &mut changes);
    changes.sort();
    changes.dedup();
    Report { old: old_label.to_string(), new: new_label.to_string(), changes }
}

/// The entries of two maps side by side, by key: `(Some, None)` removed, `(None, Some)`
/// added, `(Some, Some)` in both.
fn pair<'m, K: Ord, V>(
    old: &'m BTreeMap<K, V>,
    new: &'m BTreeMap<K, V>,
) -> impl Iterator<Item = (Option<&'m V>, Option<&'m V>)> {
    let removed = old.iter().filter(|(k, _)| !new.contains_key(*k)).map(|(_, v)| (Some(v), None));
    let rest = new.iter().map(|(k, v)| (old.get(k), Some(v)));
    removed.chain(rest)
}

/// Items by their name without case (the docs vary the case of one name).
fn by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> BTreeMap<String, &T> {
    items.iter().map(|t| (name(t).to_ascii_lowercase(), t)).collect()
}

/// How an added or removed field (parameter, property) is shown: `` `all` (Boolean) ``.
fn field_text(name: &str, ty: &TypeExpr) -> String {
    format!("`{name}` ({})", type_text(ty))
}

/// How a retyped field is shown, when its type changed: `` `all`: Boolean → String ``.
fn retyped(name: &str, was: &TypeExpr, is: &TypeExpr) -> Option<String> {
    (!same_type(was, is)).then(|| format!("`{name}`: {} → {}", type_text(was), type_text(is)))
}

/// An optional type as text (`none` when absent), for base and response types.
fn optional_type_text(expr: Option<&TypeExpr>) -> String {
    expr.map(type_text).unwrap_or_else(|| "none".into())
}

/// A type expression as one string, for details and comparison: names compared without
/// case (the docs write `mediaPrompt` and `MediaPrompt` for one type).
fn type_text(expr: &TypeExpr) -> String {
    match expr {
        TypeExpr::Primitive { name } => name.as_str().to_string(),
        TypeExpr::Named { name, .. } => name.clone(),
        TypeExpr::Collection { item } => format!("Collection({})", type_text(item)),
        TypeExpr::Union { variants } => {
            variants.iter().map(type_text).collect::<Vec<_>>().join(" or ")
        }
        TypeExpr::Unknown { text } => format!("unknown `{text}`"),
    }
}

/// Whether two type expressions name the same type.
fn same_type(a: &TypeExpr, b: &TypeExpr) -> bool {
    type_text(a).eq_ignore_ascii_case(&type_text(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::PageSpec;

    fn page(params: &str, codes: &str) -> PageSpec {
        query_page(params, codes, "", None)
    }

    /// A page with query parameters `query` (JSON objects) and a request line query
    /// string `request_query`.
    fn query_page(params: &str, codes: &str, query: &str, request_query: Option<&str>) -> PageSpec {
        let request_query =
            request_query.map(|q| format!(r#", "query": "{q}""#)).unwrap_or_default();
        let json = format!(
            r#"{{"page": "api", "format": 1, "stem": "call-x", "version": "v1.0", "version_source": "path",
            "source": "x.md", "doc_url": "u", "front_matter": {{}}, "title": "call: x", "description": "",
            "operations": [{{"method": "POST", "path": "/calls/{{id}}/x", "segments": [], "line": 1{request_query}}}],
            "permissions": {{"source": {{"kind": "missing"}}}},
            "query_parameters": [{query}],
            "request_body": {{"kind": {{"kind": "parameters"}}, "params": [{params}]}},
            "response": {{"status_codes": [{codes}]}}}}"#
        );
        PageSpec::from_json(&json).unwrap()
    }

    fn changes(old: PageSpec, new: PageSpec) -> Vec<(ChangeKind, String, bool)> {
        let r = compare(&SpecSet::from_specs([old]), &SpecSet::from_specs([new]), "a", "b");
        r.changes.into_iter().map(|c| (c.kind, c.detail, c.breaking)).collect()
    }

    #[test]
    fn query_argument_changes_break_except_a_new_method_on_a_call() {
        let q = |name: &str, ty: &str, required: bool| {
            let required = if required { r#", "required": "required""# } else { "" };
            format!(
                r#"{{"name": "{name}", "type": {{"kind": "primitive", "name": "{ty}"}}, "line": 1{required}}}"#
            )
        };
        let with = |query: &str, request_query| query_page("", &code(200), query, request_query);
        let (top, format) = (q("$top", "Int32", false), q("format", "String", false));
        // The first optional one makes the function return a call: breaking.
        let added = changes(with(&top, None), with(&format!("{top}, {format}"), None));
        assert_eq!(
            added,
            [(ChangeKind::QueryArgAdded, "`format` (`&str, optional`)".into(), true)]
        );
        // Another is one more method of the call: not breaking.
        let quality = q("quality", "Int32", false);
        let another = changes(with(&format, None), with(&format!("{format}, {quality}"), None));
        assert_eq!(
            another,
            [(ChangeKind::QueryArgAdded, "`quality` (`i64, optional`)".into(), false)]
        );
        // A required one is a new argument of the function: breaking.
        let required = changes(
            with(&format, None),
            with(&format!("{format}, {}", q("limit", "Int64", true)), None),
        );
        assert_eq!(required, [(ChangeKind::QueryArgAdded, "`limit` (`i64`)".into(), true)]);
        // An OData option is not an argument: no change to report.
        assert!(changes(with(&format, None), with(&format!("{format}, {top}"), None)).is_empty());
        // The request line asking for it makes it required; a retyped one changes too.
        assert_eq!(
            changes(with(&format, None), with(&format, Some("format={format}"))),
            [(ChangeKind::QueryArgChanged, "`format`: `&str, optional` → `&str`".into(), true)]
        );
        assert_eq!(
            changes(with(&format, None), with(&q("format", "Boolean", false), None)),
            [(
                ChangeKind::QueryArgChanged,
                "`format`: `&str, optional` → `bool, optional`".into(),
                true
            )]
        );
        let removed = changes(with(&q("limit", "Int64", true), None), with("", None));
        assert_eq!(removed, [(ChangeKind::QueryArgRemoved, "`limit` (`i64`)".into(), true)]);
        let removed = changes(with(&format!("{format}, {quality}"), None), with(&format, None));
        assert_eq!(
            removed,
            [(ChangeKind::QueryArgRemoved, "`quality` (`i64, optional`)".into(), true)]
        );
    }

    fn param(name: &str, ty: &str, required: bool) -> String {
        let req = if required { r#", "required": "required""# } else { "" };
        format!(
            r#"{{"name": "{name}", "type": {{"kind": "primitive", "name": "{ty}"}}, "type_text": "{ty}", "line": 1{req}}}"#
        )
    }

    fn code(c: u16) -> String {
        format!(r#"{{"code": {c}, "line": 1}}"#)
    }

    fn diff(old: PageSpec, new: PageSpec) -> Vec<(ChangeKind, bool)> {
        changes(old, new).into_iter().map(|(kind, _, breaking)| (kind, breaking)).collect()
    }

    #[test]
    fn breaking_rules() {
        let a = param("a", "String", false);
        let base = || page(&a, &code(202));
        // A new optional parameter is not breaking; a new required one is.
        let b = format!("{a}, {}", param("b", "Int32", false));
        assert_eq!(diff(base(), page(&b, &code(202))), [(ChangeKind::ParamAdded, false)]);
        let b = format!("{a}, {}", param("b", "Int32", true));
        assert_eq!(diff(base(), page(&b, &code(202))), [(ChangeKind::ParamAdded, true)]);
        // Retyped, now required, removed.
        assert_eq!(
            diff(base(), page(&param("a", "Int32", false), &code(202))),
            [(ChangeKind::ParamRetyped, true)]
        );
        assert_eq!(
            diff(base(), page(&param("a", "String", true), &code(202))),
            [(ChangeKind::ParamNowRequired, true)]
        );
        assert_eq!(diff(base(), page("", &code(202))), [(ChangeKind::ParamRemoved, true)]);
        // 202 -> 200 breaks; 202 -> 202 or 200 does not.
        assert_eq!(diff(base(), page(&a, &code(200))), [(ChangeKind::StatusChanged, true)]);
        let both = format!("{}, {}", code(202), code(200));
        assert_eq!(diff(base(), page(&a, &both)), [(ChangeKind::StatusChanged, false)]);
        assert!(diff(base(), base()).is_empty());
    }
}
