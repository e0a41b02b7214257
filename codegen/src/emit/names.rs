//! The one naming rule: how a name from the docs becomes a Rust identifier.
//!
//! Every identifier the emitter writes goes through this module:
//!
//! 1. **Words.** The name is split into words at case changes and at every character
//!    that is not an ASCII letter or digit (`callbackUri` → `callback`, `uri`;
//!    `@odata.type` → `odata`, `type`; `microsoft.graph.StopTranscription` keeps only
//!    the part after the namespace, see [`strip_namespace`]). Non-ASCII characters are
//!    separators too, so every identifier is ASCII.
//! 2. **Case.** Fields, functions, methods and modules are `snake_case`; types and enum
//!    variants are `PascalCase` ([`snake`], [`pascal`]).
//! 3. **Digits.** A name that would start with a digit gets a leading `_`
//!    (`1080p` → `_1080p`).
//! 4. **Nothing left.** A name with no letter or digit at all (an enum member `-`) is
//!    spelled by its characters' code points: `U2D`/`u2d`.
//! 5. **Keywords.** A Rust keyword becomes a raw identifier (`type` → `r#type`), except
//!    the four that cannot be raw (`self`, `Self`, `super`, `crate`) and `_`, which get
//!    a trailing `_` (`self_`, `Self_`).
//! 6. **Collisions.** Within one scope (the fields of a struct, the variants of an enum,
//!    the types of a module, the methods of a type) names are given out in a fixed
//!    order (declaration order of the spec; sorted order where the spec has none). A
//!    name already taken gets the smallest free numeric suffix: `_2`, `_3` for
//!    snake_case, `2`, `3` for PascalCase. So `id` and `ID` in one table become `id`
//!    and `id_2`. Names the generated code itself uses are taken first (see
//!    [`Scope::reserve`]).

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Rust keywords (strict and reserved, 2024 edition) that are valid raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing `_`.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The part of a name after an OData namespace: `microsoft.graph.StopTranscription` →
/// `StopTranscription`, `microsoft.graph.callRecords.session` → `session`. Names with
/// no dot are returned as they are.
pub fn strip_namespace(name: &str) -> &str {
    let name = name.trim_start_matches('#');
    match name.rfind('.') {
        Some(dot) if dot + 1 < name.len() => &name[dot + 1..],
        _ => name,
    }
}

/// Split into ASCII words: every non-ASCII-alphanumeric character separates words.
fn ascii_words(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// Spell a name with no letter or digit by its code points (`-` → `2D`).
fn code_points(name: &str) -> String {
    name.chars().map(|c| format!("{:X}", c as u32)).collect()
}

/// `snake_case` form of a name (rules 1 to 4; keywords are not handled here).
pub fn snake(name: &str) -> String {
    let words = ascii_words(name);
    let mut out = words.to_snake_case();
    if out.is_empty() {
        out = format!("u{}", code_points(name).to_ascii_lowercase());
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// `PascalCase` form of a name (rules 1 to 4; keywords are not handled here).
pub fn pascal(name: &str) -> String {
    let words = ascii_words(name);
    let mut out = words.to_upper_camel_case();
    if out.is_empty() {
        out = format!("U{}", code_points(name));
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// Apply rule 5 to a name that is already in its final case: the text of the
/// identifier, `r#` included for raw identifiers.
pub fn escape_keyword(name: &str) -> String {
    if NON_RAW_KEYWORDS.contains(&name) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// An identifier token for text produced by [`escape_keyword`].
pub fn ident(text: &str) -> Ident {
    match text.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(text, Span::call_site()),
    }
}

/// The name without the `r#` of a raw identifier (`r#type` -> `type`), as a file name,
/// a doc comment or an upper-case constant spells it.
pub fn unraw(text: &str) -> &str {
    text.strip_prefix("r#").unwrap_or(text)
}

/// The case an identifier scope uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields, functions, methods, modules. Collisions get `_2`.
    Snake,
    /// `PascalCase`: types and enum variants. Collisions get `2`.
    Pascal,
}

/// One scope of identifiers (rule 6): gives out unique names in call order.
#[derive(Debug, Clone)]
pub struct Scope {
    case: Case,
    taken: BTreeSet<String>,
}

impl Scope {
    /// An empty scope.
    pub fn new(case: Case) -> Scope {
        Scope { case, taken: BTreeSet::new() }
    }

    /// A scope with `names` (already in final form) taken, in order.
    pub fn with_reserved(case: Case, names: &[&str]) -> Scope {
        let mut scope = Scope::new(case);
        for name in names {
            scope.reserve(name);
        }
        scope
    }

    /// Take `name` (already in final form) so that no later name gets it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// Whether `name` (in final form) is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// The identifier text for a name from the docs: cased, keyword-escaped and made
    /// unique in this scope.
    pub fn name(&mut self, wire: &str) -> String {
        let cased = match self.case {
            Case::Snake => snake(wire),
            Case::Pascal => pascal(wire),
        };
        self.unique(&cased)
    }

    /// Make an already-cased candidate unique (and keyword-escaped) in this scope.
    pub fn unique(&mut self, cased: &str) -> String {
        let mut candidate = escape_keyword(cased);
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = match self.case {
                Case::Snake => escape_keyword(&format!("{cased}_{n}")),
                Case::Pascal => escape_keyword(&format!("{cased}{n}")),
            };
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// The singular of a collection segment, for item accessors (`calls` → `call`,
/// `audioRoutingGroups` → `audioRoutingGroup`, `policies` → `policy`). `None` when
/// the word does not look plural.
pub fn singular(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    if let Some(stem) = word.strip_suffix("ies").filter(|_| lower.len() > 4) {
        return Some(format!("{stem}y"));
    }
    for suffix in ["sses", "shes", "ches", "xes"] {
        if lower.ends_with(suffix) {
            return Some(word[..word.len() - 2].to_string());
        }
    }
    if lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") && word.len() > 1 {
        return Some(word[..word.len() - 1].to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversion() {
        assert_eq!(snake("callbackUri"), "callback_uri");
        assert_eq!(
            snake("isContentSharingNotificationEnabled"),
            "is_content_sharing_notification_enabled"
        );
        assert_eq!(snake("@odata.type"), "odata_type");
        assert_eq!(snake("ID"), "id");
        assert_eq!(pascal("unknownFutureValue"), "UnknownFutureValue");
        assert_eq!(pascal("videoBasedScreenSharing"), "VideoBasedScreenSharing");
        assert_eq!(pascal("call"), "Call");
    }

    #[test]
    fn digits_symbols_and_non_ascii() {
        assert_eq!(snake("1080p"), "_1080p");
        assert_eq!(pascal("1080p"), "_1080p");
        assert_eq!(pascal("-"), "U2D");
        assert_eq!(snake("+"), "u2b");
        assert_eq!(pascal("Skype for business"), "SkypeForBusiness");
        assert_eq!(pascal("café"), "Caf");
        assert_eq!(snake("a.b-c d"), "a_b_c_d");
    }

    #[test]
    fn keywords() {
        assert_eq!(escape_keyword("type"), "r#type");
        assert_eq!(escape_keyword("async"), "r#async");
        assert_eq!(escape_keyword("gen"), "r#gen");
        assert_eq!(escape_keyword("self"), "self_");
        assert_eq!(escape_keyword("Self"), "Self_");
        assert_eq!(escape_keyword("crate"), "crate_");
        assert_eq!(escape_keyword("super"), "super_");
        assert_eq!(escape_keyword("Type"), "Type");
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("self_").to_string(), "self_");
        let mut fields = Scope::new(Case::Snake);
        assert_eq!(fields.name("type"), "r#type");
        assert_eq!(fields.name("self"), "self_");
        let mut types = Scope::new(Case::Pascal);
        assert_eq!(types.name("self"), "Self_");
    }

    #[test]
    fn collisions_are_resolved_in_order() {
        let mut fields = Scope::with_reserved(Case::Snake, &["odata_type"]);
        assert_eq!(fields.name("id"), "id");
        assert_eq!(fields.name("ID"), "id_2");
        assert_eq!(fields.name("Id"), "id_3");
        assert_eq!(fields.name("odataType"), "odata_type_2");
        let mut types = Scope::with_reserved(Case::Pascal, &["Option"]);
        assert_eq!(types.name("option"), "Option2");
        assert_eq!(types.name("identitySet"), "IdentitySet");
        assert_eq!(types.name("IdentitySet"), "IdentitySet2");
    }

    #[test]
    fn namespaces() {
        assert_eq!(strip_namespace("microsoft.graph.StopTranscription"), "StopTranscription");
        assert_eq!(strip_namespace("#microsoft.graph.call"), "call");
        assert_eq!(strip_namespace("answer"), "answer");
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("calls").as_deref(), Some("call"));
        assert_eq!(singular("participants").as_deref(), Some("participant"));
        assert_eq!(singular("audioRoutingGroups").as_deref(), Some("audioRoutingGroup"));
        assert_eq!(singular("policies").as_deref(), Some("policy"));
        assert_eq!(singular("addresses").as_deref(), Some("address"));
        assert_eq!(singular("status"), None);
        assert_eq!(singular("communications").as_deref(), Some("communication"));
        assert_eq!(singular("me"), None);
    }
}
