//! The input grammar of `action!`, parsed with syn into a syntax tree that keeps the
//! span of every token a later check may need to point at. No meaning is given here
//! (which methods, types or names exist): `lower` does that.
//!
//! ```text
//! input       = inner-attr* item*                    inner-attr: #![specs = "dir"]
//! item        = page | action
//! page        = "doc" "=" STRING ("=>" IDENT)? ";"?
//! action      = outer-attr* METHOD STRING "=>" IDENT "{" section* "}" ";"?
//! outer-attr  = /// docs | #[beta] | #[v1] | #[doc_url = STRING]
//! section     = "path" "{" params "}"
//!             | "query" "{" params "}"
//!             | "headers" "{" (doc* NAME "?"? ","?)* "}"
//!             | "body" "{" params "}" | "body" type ";"
//!             | "permissions" "{" (row ","?)* "}"
//!             | "returns" INT type? ("+" "Location" ("(" type ")")?)? ";"
//! params      = (doc* NAME "?"? (":" type)? ","?)*    NAME: an identifier or a string
//!                                                      (a path or query parameter's type
//!                                                      defaults to String; a field's is
//!                                                      required)
//! row         = KIND ":" (STRING ("|" STRING)* ("(" "higher" ":" STRING ("," STRING)* ")")?
//!                        | "not_supported" | "none")
//! type        = atom ("|" atom)*
//! atom        = IDENT (("." | "::") IDENT)* (("(" type ")") | ("<" type ">"))?
//! ```

mod parse;

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Ident, Lit, LitInt, LitStr, Meta, Token, braced, parenthesized};

/// A whole `action!` input.
pub struct Input {
    /// `#![specs = "dir"]`: the specs folder Graph type names resolve against.
    pub specs: Option<LitStr>,
    /// The declarations, in order.
    pub items: Vec<Item>,
}

/// One declaration.
pub enum Item {
    /// An action spelled out in the grammar.
    Action(Box<ActionDecl>),
    /// `doc = "page.md"`: an action read from a doc page.
    Page(PageDecl),
}

/// `doc = "docs/call-starttranscription.md" => module`.
pub struct PageDecl {
    /// The page's path, relative to `CARGO_MANIFEST_DIR`.
    pub path: LitStr,
    /// The module to declare (default: the page's file name in snake case).
    pub module: Option<Ident>,
}

/// An action declared in the grammar.
pub struct ActionDecl {
    /// The doc comment's text (the page's description), one line per `///`.
    pub docs: String,
    /// `#[beta]` / `#[v1]`, with the attribute's span.
    pub version: Option<(crate::spec::ApiVersion, Span)>,
    /// `#[doc_url = "..."]`.
    pub doc_url: Option<LitStr>,
    /// The HTTP method as written.
    pub method: Ident,
    /// The path template.
    pub path: LitStr,
    /// The module the action is declared in.
    pub module: Ident,
    /// `path { ... }`: the path parameters (the section keyword, the parameters).
    pub path_params: Option<(Ident, Vec<ParamDecl>)>,
    /// `query { ... }`: the query parameters (the section keyword, the parameters).
    pub query: Option<(Ident, Vec<ParamDecl>)>,
    /// `headers { ... }`: the request headers (the section keyword, the headers).
    pub headers: Option<(Ident, Vec<HeaderDecl>)>,
    /// `body ...`.
    pub body: Option<BodyDecl>,
    /// `returns ...`.
    pub returns: Option<ReturnsDecl>,
    /// `permissions { ... }`.
    pub permissions: Option<(Ident, Vec<PermissionDecl>)>,
}

/// A path parameter or body field.
pub struct ParamDecl {
    /// Its doc comment.
    pub docs: String,
    /// Its name as the JSON (or the path template) writes it.
    pub name: Name,
    /// `name?: T` or `name: Option<T>`.
    pub optional: bool,
    /// Its type.
    pub ty: TypeAst,
}

/// A request header: `/// Ask for the eventual consistency level. "ConsistencyLevel"?`.
pub struct HeaderDecl {
    /// Its doc comment (the value it takes, or what it is for).
    pub docs: String,
    /// Its name (a string, or an identifier where the name is one: `Prefer`).
    pub name: Name,
    /// `name?`: the action works without it.
    pub optional: bool,
}

/// A field name: an identifier (keywords allowed: `type`) or a string for names that
/// are not identifiers (`"@odata.type"`).
#[derive(Clone)]
pub enum Name {
    /// `clientContext`
    Ident(Ident),
    /// `"@odata.type"`
    Str(LitStr),
}

impl Name {
    /// The name's text.
    pub fn value(&self) -> String {
        match self {
            Name::Ident(i) => i.unraw().to_string(),
            Name::Str(s) => s.value(),
        }
    }

    /// Where it is written.
    pub fn span(&self) -> Span {
        match self {
            Name::Ident(i) => i.span(),
            Name::Str(s) => s.span(),
        }
    }
}

/// The `body` section.
pub enum BodyDecl {
    /// `body { fields }`: a JSON object with these members.
    Fields(Ident, Vec<ParamDecl>),
    /// `body Type;`: a resource (or `Stream`).
    Type(Ident, TypeAst),
}

/// `returns 202 startTranscriptionOperation + Location(commsOperation);`
pub struct ReturnsDecl {
    /// The `returns` keyword.
    pub keyword: Ident,
    /// The success status (a 2xx code, or the redirect of a download).
    pub status: LitInt,
    /// The body type.
    pub body: Option<TypeAst>,
    /// `+ Location`, with the type the header points to.
    pub location: Option<(Ident, Option<TypeAst>)>,
}

/// A permissions row: `application: "Calls.AccessMedia.All"`.
pub struct PermissionDecl {
    /// The permission type as written (`delegated_work`, `delegated_personal`,
    /// `application`).
    pub kind: Ident,
    /// What the row grants.
    pub value: PermissionValueDecl,
}

/// What a permissions row says.
pub enum PermissionValueDecl {
    /// Scopes: any one of `least`; `higher` also work.
    Scopes {
        /// Least privileged scopes.
        least: Vec<LitStr>,
        /// Higher privileged scopes.
        higher: Vec<LitStr>,
    },
    /// `not_supported`
    NotSupported(Ident),
    /// `none`: no permission needed.
    NoneRequired(Ident),
}

/// A type as written.
#[derive(Clone)]
pub enum TypeAst {
    /// A name: `String`, `i32`, `prompt`, `microsoft.graph.callRecords.session`,
    /// `serde_json::Value`.
    Name {
        /// The identifiers.
        parts: Vec<Ident>,
        /// The separator used (`"."` or `"::"`).
        separator: &'static str,
    },
    /// A name applied to a type: `collection(prompt)`, `Vec<prompt>`, `Option<String>`.
    Applied {
        /// The name (`collection`, `Vec`, `Option`).
        name: Ident,
        /// The argument.
        arg: Box<TypeAst>,
    },
    /// `A | B`: one of several types.
    Union(Vec<TypeAst>),
}

impl TypeAst {
    /// The span of the whole type (joined where the compiler can, else the first token).
    pub fn span(&self) -> Span {
        match self {
            TypeAst::Name { parts, .. } => join(parts.first(), parts.last()),
            TypeAst::Applied { name, arg } => name.span().join(arg.span()).unwrap_or(name.span()),
            TypeAst::Union(variants) => {
                let first = variants.first().map(TypeAst::span).unwrap_or_else(Span::call_site);
                let last = variants.last().map(TypeAst::span).unwrap_or(first);
                first.join(last).unwrap_or(first)
            }
        }
    }

    /// The type as the docs would write it (`collection(prompt)`), for `type_text`.
    pub fn text(&self) -> String {
        match self {
            TypeAst::Name { parts, separator } => {
                parts.iter().map(|p| p.unraw().to_string()).collect::<Vec<_>>().join(separator)
            }
            TypeAst::Applied { name, arg } => match name.to_string().as_str() {
                "Vec" | "Option" => format!("{name}<{}>", arg.text()),
                _ => format!("{name}({})", arg.text()),
            },
            TypeAst::Union(variants) => {
                variants.iter().map(TypeAst::text).collect::<Vec<_>>().join(" or ")
            }
        }
    }
}

fn join(first: Option<&Ident>, last: Option<&Ident>) -> Span {
    match (first, last) {
        (Some(f), Some(l)) => f.span().join(l.span()).unwrap_or(f.span()),
        (Some(f), None) => f.span(),
        _ => Span::call_site(),
    }
}
