//! Type strings -> [`TypeExpr`].
//!
//! The "Type" column of the docs is free text written by many authors: `String`,
//! `string`, `Edm.Int32`, `[prompt](../resources/prompt.md) collection`,
//! `Collection([keyValuePair](...))`, `String collection`, `[a](a.md) or [b](b.md)`,
//! `(boolean or string or number) collection`, `string (url)`,
//! `string, maximum size 20`, `[identitySet][]`, `microsoft.graph.printer`. This module
//! reads them all into one structured form.

use crate::spec::{Primitive, TypeExpr};

use super::outline::Link;
use super::text;

/// Parse a type cell: its plain text and the links in it.
pub(crate) fn parse(text: &str, links: &[Link]) -> TypeExpr {
    // The common case, one bare name (`String`, `[prompt](...)`), without allocating
    // intermediate strings.
    let simple = text::trim(text);
    if !simple.is_empty() && is_identifier_path(simple) {
        if let Some(p) = primitive(simple) {
            return TypeExpr::primitive(p);
        }
        if !simple.eq_ignore_ascii_case("collection") {
            // What `atom` does with a bare identifier path that names no primitive:
            // no brackets, spaces or suffix words to strip.
            return named(simple, links)
                .unwrap_or_else(|| TypeExpr::Unknown { text: simple.to_string() });
        }
    }
    // The next most common: `String collection`, `[prompt](...) collection`.
    if let Some(expr) = simple_collection(simple, links) {
        return expr;
    }
    let cleaned = clean(text);
    if cleaned.is_empty() {
        return TypeExpr::Unknown { text: text.trim().to_string() };
    }
    match parse_expr(&cleaned, links) {
        Some(expr) => expr,
        None => TypeExpr::Unknown { text: text.trim().to_string() },
    }
}

/// `X collection` for a bare identifier path `X`, as [`clean`] and [`parse_expr`]
/// would read it, without their intermediate strings; `None` for anything else
/// (including the names `clean` would strip a qualifier from).
fn simple_collection(simple: &str, links: &[Link]) -> Option<TypeExpr> {
    const SUFFIX: &str = " collection";
    if !text::ends_with_lower(simple, SUFFIX) {
        return None;
    }
    let item = &simple[..simple.len() - SUFFIX.len()];
    let qualifier = item.eq_ignore_ascii_case("nullable")
        || item.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("readonly"));
    if item.is_empty() || qualifier || !is_identifier_path(item) {
        return None;
    }
    let item = match primitive(item) {
        Some(p) => TypeExpr::primitive(p),
        None => match named(item, links) {
            Some(named) => named,
            None => return Some(TypeExpr::Unknown { text: simple.to_string() }),
        },
    };
    Some(TypeExpr::collection(item))
}

/// Parse a type name written in prose or an annotation (`microsoft.graph.call`,
/// `Collection(microsoft.graph.participant)`).
pub(crate) fn parse_name(text: &str) -> TypeExpr {
    parse(text, &[])
}

/// Whether an expression is fully understood (no `Unknown` anywhere in it).
pub(crate) fn is_known(expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::Unknown { .. } => false,
        TypeExpr::Collection { item } => is_known(item),
        TypeExpr::Union { variants } => variants.iter().all(is_known),
        _ => true,
    }
}

/// A type named in bold, with no link, in prose: `a **customers** object` (the
/// Dynamics 365 financials pages, whose resource types are named in the plural), `a
/// collection of **alert** objects`, `the new **chat** resource`. The name must be one
/// word, followed by `object(s)` or `resource`. The caller says which prose counts (a
/// sentence naming a status code; a request body's JSON representation).
pub(crate) fn bold_named(md: &str) -> Option<TypeExpr> {
    let mut rest = md;
    while let Some(open) = text::find(rest, "**") {
        let after_open = &rest[open + 2..];
        let close = text::find(after_open, "**")?;
        let name = &after_open[..close];
        let rest_after = &after_open[close + 2..];
        let after = rest_after.trim_start();
        let spaced = after.len() < rest_after.len();
        let is_name = name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
        let noun = ["objects", "object", "resource"].iter().any(|n| {
            text::starts_with_lower(after, n)
                && !after.as_bytes().get(n.len()).is_some_and(|b| b.is_ascii_alphanumeric())
        });
        if is_name && spaced && noun {
            let named =
                TypeExpr::named(name.strip_prefix("microsoft.graph.").unwrap_or(name), None);
            let before = rest[..open].trim_end();
            let collection =
                ["collection of", "list of"].iter().any(|end| text::ends_with_lower(before, end));
            return Some(if collection { TypeExpr::collection(named) } else { named });
        }
        rest = &after_open[close + 2..];
    }
    None
}

/// A primitive named in prose as a value: `a Boolean value`, `a string value` (the
/// service update messages' actions, annotated `string` and shown `{"value": true}`).
pub(crate) fn primitive_value(text: &str) -> Option<TypeExpr> {
    let mut words = text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty());
    let mut before = words.next()?;
    let mut name = words.next()?;
    for next in words {
        let article = ["a", "an", "the"].iter().any(|a| before.eq_ignore_ascii_case(a));
        if article && next.eq_ignore_ascii_case("value") {
            if let expr @ TypeExpr::Primitive { name: p } = parse_name(name) {
                if !matches!(p, Primitive::Json | Primitive::Stream) {
                    return Some(expr);
                }
            }
        }
        (before, name) = (name, next);
    }
    None
}

/// Strip decoration that carries no type: markup, trailing periods, qualifiers such as
/// `(optional)`, `(url)`, `, maximum size 20`, `Nullable`.
fn clean(text: &str) -> String {
    let mut t = text.replace(['*', '`'], " ");
    // Reference-style links that did not resolve stay as text: `[identitySet][]`.
    t = t.replace("[]", " ");
    if let Some(i) = t.find(", max") {
        t.truncate(i);
    }
    for qualifier in ["nullable ", "not nullable", "read-only", "readonly"] {
        if let Some(i) = text::find_lower(&t, qualifier) {
            if i == 0 {
                t.replace_range(..qualifier.len(), "");
            }
        }
    }
    let mut t = collapse(&t);
    // Drop parenthesized qualifiers that follow or precede a type: `string (url)`,
    // `(Optional) String`. `Collection(...)` and `(a or b) collection` keep theirs.
    loop {
        let lower = t.to_ascii_lowercase();
        if let Some(open) = t.rfind(" (") {
            if t.ends_with(')') && !lower[open..].contains(" or ") {
                t.truncate(open);
                continue;
            }
        }
        if lower.starts_with('(') && !lower.contains(" or ") {
            if let Some(close) = t.find(')') {
                t = t[close + 1..].trim().to_string();
                continue;
            }
        }
        break;
    }
    let t = t.trim().trim_end_matches(['.', ',', ';']).trim();
    t.to_string()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse_expr(text: &str, links: &[Link]) -> Option<TypeExpr> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    // Collection(X)
    if lower.starts_with("collection(") && text.ends_with(')') {
        let inner = &text["collection(".len()..text.len() - 1];
        return Some(TypeExpr::collection(parse_expr(inner, links)?));
    }
    // (a or b) collection / X collection / X array / X[]
    for suffix in [" collection", " array", " list"] {
        if lower.ends_with(suffix) {
            let inner = text[..text.len() - suffix.len()].trim();
            return Some(TypeExpr::collection(parse_expr(inner, links)?));
        }
    }
    // collection of X / array of X / list of X
    for prefix in ["collection of ", "array of ", "list of ", "a collection of "] {
        if lower.starts_with(prefix) {
            return Some(TypeExpr::collection(parse_expr(&text[prefix.len()..], links)?));
        }
    }
    if let Some(inner) = text.strip_suffix("[]") {
        return Some(TypeExpr::collection(parse_expr(inner, links)?));
    }
    // Outer parentheses: (a or b)
    if text.starts_with('(') && text.ends_with(')') && balanced(&text[1..text.len() - 1]) {
        return parse_expr(&text[1..text.len() - 1], links);
    }
    // a or b, a, b
    let parts = split_top_level_or(text);
    if parts.len() > 1 {
        let variants = parts.iter().map(|p| parse_expr(p, links)).collect::<Option<Vec<_>>>()?;
        return Some(TypeExpr::Union { variants });
    }
    atom(text, links)
}

fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// Split on ` or ` (and `,` between alternatives) outside parentheses.
fn split_top_level_or(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    let words: Vec<&str> = text.split(' ').collect();
    for word in words {
        let opens = word.matches('(').count() as i32;
        let closes = word.matches(')').count() as i32;
        if depth == 0 && (word.eq_ignore_ascii_case("or") || word == "|") {
            parts.push(std::mem::take(&mut current));
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        depth += opens - closes;
    }
    parts.push(current);
    let parts: Vec<String> = parts.into_iter().map(|p| p.trim().to_string()).collect();
    if parts.iter().any(|p| p.is_empty()) {
        return vec![text.to_string()];
    }
    parts
}

/// A single type name.
fn atom(text: &str, links: &[Link]) -> Option<TypeExpr> {
    let mut name = text::trim(text::trim_set(text::trim(text), b"[]"));
    if let Some(p) = primitive(name) {
        return Some(TypeExpr::primitive(p));
    }
    // `[x](x.md) resource`, `x object`, `x entity`
    for suffix in [" resource", " object", " entity", " objects", " enum", " type"] {
        if name.len() > suffix.len() && text::ends_with_lower(name, suffix) {
            name = text::trim_set(text::trim(&name[..name.len() - suffix.len()]), b"[]");
        }
    }
    if let Some(p) = primitive(name) {
        return Some(TypeExpr::primitive(p));
    }
    named(name, links)
}

/// A type name that is not a primitive: `microsoft.graph.` dropped, its page from
/// the link whose text names it.
fn named(name: &str, links: &[Link]) -> Option<TypeExpr> {
    let bare = name.strip_prefix("microsoft.graph.").unwrap_or(name);
    let bare = bare.strip_prefix("Microsoft.Graph.").unwrap_or(bare);
    if bare.is_empty() || !is_identifier_path(bare) {
        return None;
    }
    let page = links
        .iter()
        .find(|l| {
            let t = text::trim_set(l.text, b"[]*` ");
            t.eq_ignore_ascii_case(name) || t.eq_ignore_ascii_case(bare)
        })
        .and_then(|l| link_stem(l.dest));
    Some(TypeExpr::named(bare, page))
}

/// Dot-separated parts, each an ASCII identifier. By bytes: a non-ASCII byte is
/// neither a letter nor a digit, as its `char` would not be.
fn is_identifier_path(text: &str) -> bool {
    let mut part_start = true;
    for &b in text.as_bytes() {
        if b == b'.' {
            if part_start {
                return false; // an empty part
            }
            part_start = true;
        } else if part_start {
            if !(b.is_ascii_alphabetic() || b == b'_') {
                return false;
            }
            part_start = false;
        } else if !(b.is_ascii_alphanumeric() || b == b'_') {
            return false;
        }
    }
    !part_start
}

/// The stem of a `.md` link target: `../resources/prompt.md#x` -> `prompt`.
pub(crate) fn link_stem(dest: &str) -> Option<String> {
    let end = dest.bytes().position(|b| b == b'#' || b == b'?').unwrap_or(dest.len());
    let dest = &dest[..end];
    if text::contains(dest, "://") {
        return None;
    }
    let file = &dest[memchr::memrchr(b'/', dest.as_bytes()).map_or(0, |i| i + 1)..];
    let stem = file.strip_suffix(".md")?;
    (!stem.is_empty()).then(|| stem.to_ascii_lowercase())
}

/// Edm primitive names, and the spellings the docs use for them (lower case).
fn primitive_spelled(lower: &str) -> Option<Primitive> {
    Some(match lower {
        "string" | "str" | "url" | "uri" | "text" | "email" => Primitive::String,
        "boolean" | "bool" => Primitive::Boolean,
        "byte" => Primitive::Byte,
        "sbyte" => Primitive::SByte,
        "int16" | "short" => Primitive::Int16,
        "int32" | "int" | "integer" => Primitive::Int32,
        "int64" | "long" => Primitive::Int64,
        "single" | "float" => Primitive::Single,
        "double" | "number" | "numeric" => Primitive::Double,
        "decimal" => Primitive::Decimal,
        "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
        "date" => Primitive::Date,
        "timeofday" | "time" => Primitive::TimeOfDay,
        "duration" | "timespan" => Primitive::Duration,
        "guid" | "uuid" => Primitive::Guid,
        "binary" | "base64" | "base64binary" | "byte[]" => Primitive::Binary,
        "stream" => Primitive::Stream,
        "json" | "json object" | "untyped json object" | "object" | "untyped" | "any" => {
            Primitive::Json
        }
        _ => return None,
    })
}

/// The primitive a name spells (case-insensitive, `Edm.` prefix optional).
pub(crate) fn primitive(name: &str) -> Option<Primitive> {
    let name = text::trim(name);
    let name = match name.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("edm.") => text::trim(&name[4..]),
        _ => name,
    };
    // No spelling is longer than this: skip lower-casing longer names.
    if name.len() > 20 {
        return None;
    }
    text::with_lower(name, primitive_spelled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &'static str, dest: &'static str) -> Link<'static> {
        Link { text, dest }
    }

    fn p(name: Primitive) -> TypeExpr {
        TypeExpr::primitive(name)
    }

    #[test]
    fn primitives_in_every_spelling() {
        assert_eq!(parse("String", &[]), p(Primitive::String));
        assert_eq!(parse("string", &[]), p(Primitive::String));
        assert_eq!(parse("Edm.Int32", &[]), p(Primitive::Int32));
        assert_eq!(parse("`Edm.boolean `", &[]), p(Primitive::Boolean));
        assert_eq!(parse("string (url)", &[]), p(Primitive::String));
        assert_eq!(parse("string, maximum size 20", &[]), p(Primitive::String));
        assert_eq!(parse("(Optional) String", &[]), p(Primitive::String));
        assert_eq!(parse("Untyped JSON object", &[]), p(Primitive::Json));
        assert_eq!(parse("GUID", &[]), p(Primitive::Guid));
    }

    #[test]
    fn simple_collections_read_as_the_general_path_reads_them() {
        let links = [link("prompt", "../resources/prompt.md"), link("x.y", "x.md")];
        for t in [
            "String collection",
            "string COLLECTION",
            "Edm.Int32 collection",
            "prompt collection",
            "microsoft.graph.prompt collection",
            "x.y collection",
            "collection collection",
            "Nullable collection",
            "ReadOnlyThing collection",
            "readonly collection",
            "Or collection",
            "a.b.c collection",
            "_x collection",
        ] {
            let general = parse_expr(&clean(t), &links)
                .unwrap_or_else(|| TypeExpr::Unknown { text: t.trim().to_string() });
            if let Some(fast) = simple_collection(t, &links) {
                assert_eq!(fast, general, "{t}");
            }
            assert_eq!(parse(t, &links), general, "{t}");
        }
        assert!(simple_collection("Nullable collection", &[]).is_none());
        assert!(simple_collection("ReadOnlyThing collection", &[]).is_none());
        assert!(simple_collection("String collection", &[]).is_some());
    }

    #[test]
    fn collections() {
        let s = p(Primitive::String);
        assert_eq!(parse("String collection", &[]), TypeExpr::collection(s.clone()));
        assert_eq!(parse("Collection(String)", &[]), TypeExpr::collection(s.clone()));
        assert_eq!(parse("collection(string)", &[]), TypeExpr::collection(s));
        let links = [link("prompt", "../resources/prompt.md")];
        assert_eq!(
            parse("prompt collection", &links),
            TypeExpr::collection(TypeExpr::named("prompt", Some("prompt".into())))
        );
        let links = [link("keyValuePair", "../resources/keyvaluepair.md")];
        assert_eq!(
            parse("Collection(keyValuePair)", &links),
            TypeExpr::collection(TypeExpr::named("keyValuePair", Some("keyvaluepair".into())))
        );
        assert_eq!(
            parse("(boolean or string or number) collection", &[]),
            TypeExpr::collection(TypeExpr::Union {
                variants: vec![p(Primitive::Boolean), p(Primitive::String), p(Primitive::Double)]
            })
        );
    }

    #[test]
    fn named_unions_and_references() {
        let links = [
            link("appHostedMediaConfig", "../resources/apphostedmediaconfig.md"),
            link("serviceHostedMediaConfig", "../resources/servicehostedmediaconfig.md"),
        ];
        assert_eq!(
            parse("appHostedMediaConfig or serviceHostedMediaConfig", &links),
            TypeExpr::Union {
                variants: vec![
                    TypeExpr::named("appHostedMediaConfig", Some("apphostedmediaconfig".into())),
                    TypeExpr::named(
                        "serviceHostedMediaConfig",
                        Some("servicehostedmediaconfig".into())
                    ),
                ]
            }
        );
        assert_eq!(parse("[identitySet][]", &[]), TypeExpr::named("identitySet", None));
        assert_eq!(parse("microsoft.graph.printer", &[]), TypeExpr::named("printer", None));
        assert_eq!(
            parse("microsoft.graph.callRecords.session", &[]),
            TypeExpr::named("callRecords.session", None)
        );
        assert_eq!(parse("callState", &[]), TypeExpr::named("callState", None));
    }

    #[test]
    fn unknown_text_is_kept() {
        assert_eq!(
            parse("application/json", &[]),
            TypeExpr::Unknown { text: "application/json".into() }
        );
        assert_eq!(parse("", &[]), TypeExpr::Unknown { text: String::new() });
        assert!(!is_known(&parse("a thing of sorts", &[])));
    }

    #[test]
    fn types_named_in_prose_alone() {
        let primitive = |name| Some(TypeExpr::Primitive { name });
        let text = "returns a 200 OK response code and a Boolean value true in the body";
        assert_eq!(primitive_value(text), primitive(Primitive::Boolean));
        assert_eq!(primitive_value("and the string value of it"), primitive(Primitive::String));
        for none in ["a value", "a new value", "a Stream value", "Boolean value", "a Boolean"] {
            assert_eq!(primitive_value(none), None, "{none}");
        }
        assert_eq!(bold_named("a **customers** object"), Some(TypeExpr::named("customers", None)));
        assert_eq!(bold_named("a **customers**object"), None);
        assert_eq!(bold_named("a **two words** object"), None);
    }
}
