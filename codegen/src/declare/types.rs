//! Type names in declarations: what a written type means, by the rules the distiller
//! applies to a doc page's type cells, and whether the specs define it.
//!
//! - Graph primitives in any spelling the docs use (`String`, `Int32`, `Edm.Boolean`,
//!   `DateTimeOffset`, `Stream`, `Json`), read by [`crate::distill::type_name`];
//! - Rust spellings of the same: `bool`, `i8`, `u8`, `i16`, `i32`, `i64`, `f32`, `f64`,
//!   `str`, `serde_json::Value` (`f32` is `Edm.Single`, which the emitter writes as
//!   `f64`: Graph sends such values with double precision);
//! - `collection(T)` (any case) and `Vec<T>`; `A | B` for "A or B";
//! - any other name is a Graph type (`prompt`, `StartTranscriptionOperation`,
//!   `microsoft.graph.callRecords.session`), resolved case-insensitively against the
//!   resource specs of its version by the catalog's rule ([`crate::catalog`]), the one
//!   the emitter uses. A name no spec defines is an error that suggests the nearest
//!   known names.

use proc_macro2::Span;

use super::grammar::TypeAst;
use crate::catalog::Catalog;
use crate::spec::{ApiVersion, Primitive, ResourceKind, ResourcePage, TypeExpr};

/// Resolves type names within one API version.
pub(crate) struct Types<'a> {
    version: ApiVersion,
    catalog: Catalog<'a>,
    /// Every name a type may be written as (for suggestions), sorted.
    known: Vec<String>,
    /// Where the resource specs came from, for messages.
    origin: &'a str,
}

/// Rust spellings of Edm primitives.
const RUST_PRIMITIVES: &[(&str, Primitive)] = &[
    ("bool", Primitive::Boolean),
    ("i8", Primitive::SByte),
    ("u8", Primitive::Byte),
    ("i16", Primitive::Int16),
    ("i32", Primitive::Int32),
    ("i64", Primitive::Int64),
    ("f32", Primitive::Single),
    ("f64", Primitive::Double),
    ("str", Primitive::String),
];

impl<'a> Types<'a> {
    /// The types of `version` that `pages` define. `origin` names where the pages came
    /// from (for the unknown-type message).
    pub(crate) fn new(
        version: ApiVersion,
        pages: impl IntoIterator<Item = &'a ResourcePage>,
        origin: &'a str,
    ) -> Types<'a> {
        let pages: Vec<&'a ResourcePage> =
            pages.into_iter().filter(|p| p.version == version).collect();
        let mut known: Vec<String> =
            Primitive::ALL.iter().map(|p| p.as_str().to_string()).collect();
        for page in &pages {
            if matches!(
                page.kind,
                ResourceKind::Entity | ResourceKind::Complex | ResourceKind::Enum
            ) {
                known.push(page.name.clone());
            }
            known.extend(page.enums.iter().map(|e| e.name.clone()));
        }
        known.sort();
        known.dedup();
        Types { version, catalog: Catalog::new(pages), known, origin }
    }

    /// The meaning of a written type; errors are pushed (and a placeholder returned).
    pub(crate) fn expr(&self, ty: &TypeAst, errors: &mut Vec<syn::Error>) -> TypeExpr {
        match ty {
            TypeAst::Name { parts, separator } => {
                let text = ty.text();
                if *separator == "::" {
                    if matches!(
                        text.as_str(),
                        "serde_json::Value" | "graphgen_runtime::serde_json::Value"
                    ) {
                        return TypeExpr::primitive(Primitive::Json);
                    }
                    errors.push(syn::Error::new(
                        ty.span(),
                        format!(
                            "`{text}` is not a Graph type: declared actions use Graph type names \
                             (`prompt`), primitives (`String`, `bool`), `collection(T)` or \
                             `Vec<T>`, so that the spec (and `graphgen generate`) can express them"
                        ),
                    ));
                    return unknown(&text);
                }
                if parts.len() == 1 {
                    let word = parts[0].to_string();
                    if let Some((_, p)) = RUST_PRIMITIVES.iter().find(|(n, _)| *n == word) {
                        return TypeExpr::primitive(*p);
                    }
                }
                match crate::distill::type_name(&text) {
                    TypeExpr::Named { name, .. } => {
                        if self.catalog.resolve(self.version, &name, None).is_some() {
                            TypeExpr::named(name, None)
                        } else {
                            errors.push(self.unknown_type(&name, ty.span()));
                            unknown(&text)
                        }
                    }
                    e @ TypeExpr::Primitive { .. } => e,
                    _ => {
                        errors.push(syn::Error::new(ty.span(), format!("`{text}` is not a type")));
                        unknown(&text)
                    }
                }
            }
            TypeAst::Applied { name, arg } => {
                let word = name.to_string();
                if word.eq_ignore_ascii_case("collection") || word == "Vec" {
                    TypeExpr::collection(self.expr(arg, errors))
                } else if word == "Option" {
                    errors.push(syn::Error::new(
                        name.span(),
                        "`Option<T>` marks a body field optional (like `name?: T`); it is not \
                         allowed inside another type",
                    ));
                    self.expr(arg, errors)
                } else {
                    errors.push(syn::Error::new(
                        name.span(),
                        format!("unknown type constructor `{word}`: expected `collection(T)` or `Vec<T>`"),
                    ));
                    unknown(&ty.text())
                }
            }
            TypeAst::Union(variants) => TypeExpr::Union {
                variants: variants.iter().map(|v| self.expr(v, errors)).collect(),
            },
        }
    }

    fn unknown_type(&self, name: &str, span: Span) -> syn::Error {
        let near = nearest(name, &self.known);
        let hint = if near.is_empty() {
            "no known name is close".to_string()
        } else {
            format!(
                "did you mean {}?",
                near.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            )
        };
        syn::Error::new(
            span,
            format!(
                "unknown Graph type `{name}`: no {} resource spec in {} defines it; {hint}",
                self.version, self.origin
            ),
        )
    }
}

fn unknown(text: &str) -> TypeExpr {
    TypeExpr::Unknown { text: text.to_string() }
}

/// Up to three known names nearest to `name` (case-insensitive edit distance, at most a
/// third of the name's length, and at least 2), nearest first.
pub(crate) fn nearest(name: &str, known: &[String]) -> Vec<String> {
    let target: Vec<char> = name.to_lowercase().chars().collect();
    let limit = (target.len() / 3).max(2);
    let mut scored: Vec<(usize, &String)> = known
        .iter()
        .map(|k| (distance(&target, &k.to_lowercase().chars().collect::<Vec<_>>()), k))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, k)| k.clone()).collect()
}

/// Levenshtein distance.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_and_suggestions() {
        let d = |a: &str, b: &str| {
            distance(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>())
        };
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("same", "same"), 0);
        let known: Vec<String> =
            ["prompt", "mediaPrompt", "promptOperation", "call", "String"].map(String::from).into();
        assert_eq!(nearest("promt", &known), ["prompt"]);
        assert_eq!(nearest("MediaPromt", &known), ["mediaPrompt"]);
        assert_eq!(nearest("strng", &known), ["String"]);
        assert!(nearest("zzzzzzzz", &known).is_empty());
    }
}
