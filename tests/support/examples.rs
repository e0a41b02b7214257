//! The JSON examples of API pages as round-trip cases: which generated type each goes
//! through, and how the output is compared. Shared by the calls-area round trip
//! (`roundtrip.rs`, against `msgraph-typed`) and the whole-API one (`whole_api.rs`,
//! against a crate generated into `target/`).
//!
//! Which type: a request body goes through the request type of the page whose
//! operation its method and URL match (`requests::reserialize`); any other example
//! through the type its annotation's `@odata.type` names, else the response spec's body
//! type (`types::reserialize`). Collections (`isCollection`, or `{"value": [...]}` for a
//! collection type) are checked item by item. Examples whose JSON is invalid on the page
//! are repaired when the only fault is a trailing comma.

use graphgen::SpecSet;
use graphgen::distill::strip_trailing_commas;
use graphgen::emit::index::primitive_type;
use graphgen::spec::{
    ApiPage, ExampleBody, ExampleKind, HttpMethod, PathSegment, Primitive, TypeExpr,
};
use serde_json::Value;

/// Which `reserialize` function a case goes through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `requests::reserialize(page_stem, value)`.
    Request(String),
    /// `types::reserialize(type_name, value)`.
    Type(String),
    /// A JSON primitive the generated code decodes as this Rust type (the emitter's
    /// `primitive_type`: `String`, `bool`, `i32`, `f64`, ...): an annotation that names
    /// an Edm type. No generated type is involved, so it is checked in-process
    /// ([`reserialize_primitive`]).
    Primitive(String),
}

/// One value to round-trip.
#[derive(Debug, Clone)]
pub struct Case {
    /// `specs/<path>, example at line N`.
    pub place: String,
    /// The spec path.
    pub spec: String,
    /// The function and key.
    pub target: Target,
    /// The JSON value.
    pub value: Value,
    /// The annotation marks the example truncated (or its text elides with `...`).
    pub truncated: bool,
}

/// An example that cannot be run, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRun {
    /// Invalid JSON on the page (beyond a trailing comma).
    InvalidJson(String),
    /// Neither an annotation nor the response table names a type.
    NoType,
}

/// Decode `value` as the Rust primitive a [`Target::Primitive`] names and encode it
/// again (what generated code does with a response typed by an Edm primitive).
pub fn reserialize_primitive(rust: &str, value: Value) -> Result<Value, serde_json::Error> {
    fn via<T: serde::Serialize + serde::de::DeserializeOwned>(
        value: Value,
    ) -> Result<Value, serde_json::Error> {
        serde_json::to_value(serde_json::from_value::<T>(value)?)
    }
    match rust {
        "String" => via::<String>(value),
        "bool" => via::<bool>(value),
        "u8" => via::<u8>(value),
        "i8" => via::<i8>(value),
        "i16" => via::<i16>(value),
        "i32" => via::<i32>(value),
        "i64" => via::<i64>(value),
        "f64" => via::<f64>(value),
        _ => via::<Value>(value),
    }
}

/// An annotation's `@odata.type` (`microsoft.graph.call`, `Collection(microsoft.graph.
/// driveItem)`, `Edm.String`, `string`), read as the distiller reads type names, as a
/// target, and whether it names a collection. `None` for `Edm.Stream` (bytes, not JSON).
fn annotated_target(name: &str) -> Option<(Target, bool)> {
    let (item, collection) = match graphgen::distill::type_name(name) {
        TypeExpr::Collection { item } => (*item, true),
        other => (other, false),
    };
    let target = match item {
        TypeExpr::Primitive { name: Primitive::Stream } => return None,
        TypeExpr::Primitive { name } => Target::Primitive(primitive_type(name).to_string()),
        TypeExpr::Named { name, .. } => Target::Type(name),
        _ => Target::Type(name.to_string()),
    };
    Some((target, collection))
}

/// The cases of one page, and the examples that cannot be run.
pub fn cases(set: &SpecSet, path: &str, page: &ApiPage) -> (Vec<Case>, Vec<(String, NotRun)>) {
    let mut out = Vec::new();
    let mut not_run = Vec::new();
    for example in &page.examples {
        let body = match example.kind {
            ExampleKind::Request => example.request.as_ref().and_then(|r| r.body.as_ref()),
            ExampleKind::Response => example.response_body(),
            ExampleKind::Notification | ExampleKind::Other => example.body.as_ref(),
        };
        let place = format!("specs/{path}, example at line {}", example.line);
        let (value, elided) = match body {
            Some(ExampleBody::Json { value }) => {
                let value = value.value();
                let elided = value.to_string().contains("...");
                (value, elided)
            }
            Some(ExampleBody::InvalidJson { text, error }) => {
                match serde_json::from_str::<Value>(&strip_trailing_commas(text)) {
                    Ok(value) => (value, text.contains("...")),
                    Err(_) => {
                        not_run.push((place, NotRun::InvalidJson(error.clone())));
                        continue;
                    }
                }
            }
            _ => continue,
        };
        let annotation = example.annotation.as_ref();
        let truncated = annotation.is_some_and(|a| a.truncated) || elided;
        let annotated = annotation.and_then(|a| a.odata_type.as_deref());
        let (items, target) = match example.kind {
            ExampleKind::Request => {
                let request = example.request.as_ref().expect("request examples have a request");
                let stem = request_page(set, page, request.method, &request.url).stem.clone();
                (vec![value], Target::Request(stem))
            }
            _ => {
                let response_type = page.response.body.as_ref();
                let target = match annotated.map(annotated_target) {
                    Some(Some((target, collection))) => Some((target, collection)),
                    Some(None) => continue,
                    None => response_type.and_then(|b| {
                        named(&b.type_expr)
                            .map(|n| (Target::Type(n.to_string()), b.type_expr.is_collection()))
                    }),
                };
                let Some((target, collection)) = target else {
                    not_run.push((place, NotRun::NoType));
                    continue;
                };
                let collection = collection || annotation.is_some_and(|a| a.is_collection);
                let items = match (&value, collection) {
                    (Value::Object(map), true) => match map.get("value") {
                        Some(Value::Array(items)) => items.clone(),
                        _ => vec![value.clone()],
                    },
                    (Value::Array(items), true) => items.clone(),
                    _ => vec![value],
                };
                (items, target)
            }
        };
        for value in items {
            out.push(Case {
                place: place.clone(),
                spec: path.to_string(),
                target: target.clone(),
                value,
                truncated,
            });
        }
    }
    (out, not_run)
}

/// `output` equals `input` (or, when `truncated`, holds every member `input` shows),
/// numbers by value and `null` members as absent. Returns the first difference.
pub fn compare(input: &Value, output: &Value, truncated: bool, at: &str) -> Result<(), String> {
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{at}/{key}");
                match (value, b.get(key)) {
                    (Value::Null, None | Some(Value::Null)) => {}
                    (_, None) => return Err(format!("{here}: lost")),
                    (v, Some(w)) => compare(v, w, truncated, &here)?,
                }
            }
            let added = b.iter().find(|(k, v)| !v.is_null() && !a.contains_key(k.as_str()));
            if let (false, Some((key, _))) = (truncated, added) {
                return Err(format!("{at}/{key}: added"));
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Err(format!("{at}: {} items became {}", a.len(), b.len()));
            }
            a.iter()
                .zip(b)
                .enumerate()
                .try_for_each(|(i, (v, w))| compare(v, w, truncated, &format!("{at}/{i}")))
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => Ok(()),
        (a, b) if a == b => Ok(()),
        (a, b) => Err(format!("{at}: {a} became {b}")),
    }
}

/// Whether a request URL (absolute, with the version) fits an operation's template.
fn url_fits(page: &ApiPage, method: HttpMethod, url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once(&format!("/{}/", page.version.as_str())).map_or(path, |(_, p)| p);
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    page.operations.iter().any(|op| {
        op.method == method
            && op.segments.len() == parts.len()
            && op.segments.iter().zip(&parts).all(|(segment, part)| match segment {
                PathSegment::Literal { text } => text.eq_ignore_ascii_case(part),
                _ => true,
            })
    })
}

/// The page whose request an example shows: this page when the URL fits, else the
/// page of the same version whose operation the URL fits.
fn request_page<'s>(
    set: &'s SpecSet,
    page: &'s ApiPage,
    method: HttpMethod,
    url: &str,
) -> &'s ApiPage {
    if url_fits(page, method, url) {
        return page;
    }
    set.api_pages()
        .map(|(_, p)| p)
        .find(|p| p.version == page.version && url_fits(p, method, url))
        .unwrap_or(page)
}

/// The type name a type expression names (the item type of a collection).
fn named(expr: &TypeExpr) -> Option<&str> {
    match expr {
        TypeExpr::Named { name, .. } => Some(name),
        TypeExpr::Collection { item } => named(item),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_name_types_collections_and_primitives() {
        let target = |name| annotated_target(name).map(|(t, c)| (format!("{t:?}"), c));
        assert_eq!(
            target("Collection(microsoft.graph.driveItem)"),
            Some(("Type(\"driveItem\")".into(), true))
        );
        assert_eq!(target("microsoft.graph.call"), Some(("Type(\"call\")".into(), false)));
        assert_eq!(target("string"), Some(("Primitive(\"String\")".into(), false)));
        assert_eq!(target("Collection(Edm.String)"), Some(("Primitive(\"String\")".into(), true)));
        assert_eq!(target("Edm.Single"), Some(("Primitive(\"f64\")".into(), false)));
        assert_eq!(target("Edm.Stream"), None);
    }

    #[test]
    fn repairs_only_trailing_commas() {
        assert_eq!(
            strip_trailing_commas("{\"a\": [1, 2,], \"b\": \",}\",\n}"),
            "{\"a\": [1, 2], \"b\": \",}\"\n}"
        );
    }
}
