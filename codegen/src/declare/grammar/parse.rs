//! Parsing the grammar (see the parent module): syn `Parse` impls that keep the span
//! of every token a later check may point at.

use super::*;

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut specs = None;
        for attr in Attribute::parse_inner(input)? {
            if attr.path().is_ident("specs") {
                if specs.is_some() {
                    return Err(syn::Error::new(attr.span(), "`#![specs]` given twice"));
                }
                specs = Some(string_value(&attr)?);
            } else {
                return Err(syn::Error::new(
                    attr.span(),
                    "unknown inner attribute: expected `#![specs = \"dir\"]` (the specs folder \
                     Graph type names resolve against)",
                ));
            }
        }
        let mut items = Vec::new();
        while !input.is_empty() {
            items.push(input.parse()?);
        }
        if items.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "nothing declared: expected an action (`POST \"/path\" => name { ... }`) or a doc \
                 page (`doc = \"page.md\"`)",
            ));
        }
        Ok(Input { specs, items })
    }
}

impl Parse for Item {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Ident) && input.peek2(Token![=]) && !input.peek2(Token![=>]) {
            let key: Ident = input.parse()?;
            if key != "doc" {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown key `{key}`: expected `doc = \"page.md\"`"),
                ));
            }
            input.parse::<Token![=]>()?;
            let path: LitStr = input.parse()?;
            let module = if input.peek(Token![=>]) {
                input.parse::<Token![=>]>()?;
                Some(input.call(Ident::parse_any)?)
            } else {
                None
            };
            eat_separator(input);
            return Ok(Item::Page(PageDecl { path, module }));
        }
        Ok(Item::Action(Box::new(input.parse()?)))
    }
}

impl Parse for ActionDecl {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut docs = Vec::new();
        let mut version = None;
        let mut doc_url = None;
        for attr in Attribute::parse_outer(input)? {
            if attr.path().is_ident("doc") {
                docs.push(string_value(&attr)?.value());
            } else if attr.path().is_ident("beta") || attr.path().is_ident("v1") {
                attr.meta.require_path_only()?;
                if version.is_some() {
                    return Err(syn::Error::new(attr.span(), "the version is given twice"));
                }
                let v = if attr.path().is_ident("beta") {
                    crate::spec::ApiVersion::Beta
                } else {
                    crate::spec::ApiVersion::V1
                };
                version = Some((v, attr.span()));
            } else if attr.path().is_ident("doc_url") {
                doc_url = Some(string_value(&attr)?);
            } else {
                return Err(syn::Error::new(
                    attr.path().span(),
                    "unknown attribute: expected a doc comment, `#[beta]`, `#[v1]` or \
                     `#[doc_url = \"https://…\"]`",
                ));
            }
        }
        let lookahead = input.lookahead1();
        if !lookahead.peek(Ident::peek_any) {
            return Err(syn::Error::new(
                input.span(),
                "expected an HTTP method (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`) starting an \
                 action, or `doc = \"page.md\"`",
            ));
        }
        let method = input.call(Ident::parse_any)?;
        let path: LitStr = input.parse().map_err(|e| {
            syn::Error::new(e.span(), "expected the path template as a string: `\"/me/events\"`")
        })?;
        input.parse::<Token![=>]>().map_err(|e| {
            syn::Error::new(e.span(), "expected `=> module_name` after the path template")
        })?;
        let module = input.call(Ident::parse_any)?;
        let content;
        braced!(content in input);
        let mut decl = ActionDecl {
            docs: docs_text(&docs),
            version,
            doc_url,
            method,
            path,
            module,
            path_params: None,
            query: None,
            headers: None,
            body: None,
            returns: None,
            permissions: None,
        };
        while !content.is_empty() {
            let keyword = content.call(Ident::parse_any)?;
            match keyword.to_string().as_str() {
                "path" => section(&mut decl.path_params, keyword, &content, |i| params(i, false))?,
                "query" => section(&mut decl.query, keyword, &content, |i| params(i, false))?,
                "headers" => section(&mut decl.headers, keyword, &content, headers)?,
                "body" => {
                    if decl.body.is_some() {
                        return Err(given_twice(&keyword));
                    }
                    decl.body = Some(if content.peek(syn::token::Brace) {
                        let inner;
                        braced!(inner in content);
                        BodyDecl::Fields(keyword, params(&inner, true)?)
                    } else {
                        let ty = content.parse()?;
                        content.parse::<Token![;]>()?;
                        BodyDecl::Type(keyword, ty)
                    });
                }
                "returns" => {
                    if decl.returns.is_some() {
                        return Err(given_twice(&keyword));
                    }
                    let status: LitInt = content.parse().map_err(|e| {
                        syn::Error::new(
                            e.span(),
                            "expected the success status code: `returns 200 T;`",
                        )
                    })?;
                    let body =
                        if content.peek(Ident::peek_any) { Some(content.parse()?) } else { None };
                    let location = if content.peek(Token![+]) {
                        content.parse::<Token![+]>()?;
                        let name = content.call(Ident::parse_any)?;
                        if name != "Location" {
                            return Err(syn::Error::new(
                                name.span(),
                                "expected `Location` (a `Location` header to follow)",
                            ));
                        }
                        let ty = if content.peek(syn::token::Paren) {
                            let inner;
                            parenthesized!(inner in content);
                            Some(inner.parse()?)
                        } else {
                            None
                        };
                        Some((name, ty))
                    } else {
                        None
                    };
                    content.parse::<Token![;]>()?;
                    decl.returns = Some(ReturnsDecl { keyword, status, body, location });
                }
                "permissions" => section(&mut decl.permissions, keyword, &content, |inner| {
                    let mut rows = Vec::new();
                    while !inner.is_empty() {
                        rows.push(inner.parse()?);
                        if !inner.is_empty() {
                            inner.parse::<Token![,]>()?;
                        }
                    }
                    Ok(rows)
                })?,
                other => {
                    return Err(syn::Error::new(
                        keyword.span(),
                        format!(
                            "unknown section `{other}`: expected `path`, `query`, `headers`, `body`, \
                             `returns` or `permissions`"
                        ),
                    ));
                }
            }
            eat_separator(&content);
        }
        eat_separator(input);
        Ok(decl)
    }
}

fn given_twice(keyword: &Ident) -> syn::Error {
    syn::Error::new(keyword.span(), format!("`{keyword}` is given twice"))
}

/// A `keyword { ... }` section, given at most once: its contents read by `parse`.
fn section<T>(
    slot: &mut Option<(Ident, T)>,
    keyword: Ident,
    content: ParseStream,
    parse: impl FnOnce(ParseStream) -> syn::Result<T>,
) -> syn::Result<()> {
    if slot.is_some() {
        return Err(given_twice(&keyword));
    }
    let inner;
    braced!(inner in content);
    *slot = Some((keyword, parse(&inner)?));
    Ok(())
}

fn eat_separator(input: ParseStream) {
    while input.peek(Token![;]) || input.peek(Token![,]) {
        let _ = input.parse::<proc_macro2::TokenTree>();
    }
}

/// The doc comments, name and `?` that start a parameter or a header.
fn entry_head(input: ParseStream, what: &str) -> syn::Result<(String, Name, bool)> {
    let mut docs = Vec::new();
    for attr in Attribute::parse_outer(input)? {
        if !attr.path().is_ident("doc") {
            return Err(syn::Error::new(
                attr.span(),
                format!("only doc comments may precede a {what}"),
            ));
        }
        docs.push(string_value(&attr)?.value());
    }
    let name = if input.peek(LitStr) {
        Name::Str(input.parse()?)
    } else {
        Name::Ident(input.call(Ident::parse_any)?)
    };
    let optional = input.peek(Token![?]);
    if optional {
        input.parse::<Token![?]>()?;
    }
    Ok((docs_text(&docs), name, optional))
}

/// Request headers: names, each with its docs and an optional `?`.
fn headers(input: ParseStream) -> syn::Result<Vec<HeaderDecl>> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let (docs, name, optional) = entry_head(input, "header")?;
        if matches!(name, Name::Ident(_)) && input.peek(Token![-]) {
            return Err(syn::Error::new(
                name.span(),
                format!("write a header name with `-` as a string: `\"{}-…\"`", name.value()),
            ));
        }
        if input.peek(Token![:]) {
            return Err(syn::Error::new(
                input.span(),
                "a header has no type: write its value or purpose in its doc comment",
            ));
        }
        out.push(HeaderDecl { docs, name, optional });
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(out)
}

/// Parameters; without `typed`, a parameter may leave out its type (`String`).
fn params(input: ParseStream, typed: bool) -> syn::Result<Vec<ParamDecl>> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let (docs, name, optional) = entry_head(input, "parameter")?;
        let ty: TypeAst = if typed || input.peek(Token![:]) {
            input.parse::<Token![:]>()?;
            input.parse()?
        } else {
            TypeAst::Name { parts: vec![Ident::new("String", name.span())], separator: "." }
        };
        let (optional, ty) = match ty {
            TypeAst::Applied { name, arg } if name == "Option" => (true, *arg),
            other => (optional, other),
        };
        out.push(ParamDecl { docs, name, optional, ty });
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(out)
}

impl Parse for PermissionDecl {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let kind = input.call(Ident::parse_any)?;
        input.parse::<Token![:]>()?;
        let value = if input.peek(LitStr) {
            let mut least = vec![input.parse::<LitStr>()?];
            while input.peek(Token![|]) {
                input.parse::<Token![|]>()?;
                least.push(input.parse()?);
            }
            let mut higher = Vec::new();
            if input.peek(syn::token::Paren) {
                let inner;
                parenthesized!(inner in input);
                let word = inner.call(Ident::parse_any)?;
                if word != "higher" {
                    return Err(syn::Error::new(
                        word.span(),
                        "expected `(higher: \"Scope\", ...)`: the higher privileged scopes",
                    ));
                }
                inner.parse::<Token![:]>()?;
                loop {
                    higher.push(inner.parse()?);
                    if inner.is_empty() {
                        break;
                    }
                    inner.parse::<Token![,]>()?;
                    if inner.is_empty() {
                        break;
                    }
                }
            }
            PermissionValueDecl::Scopes { least, higher }
        } else {
            let word = input.call(Ident::parse_any)?;
            match word.to_string().as_str() {
                "not_supported" => PermissionValueDecl::NotSupported(word),
                "none" => PermissionValueDecl::NoneRequired(word),
                _ => {
                    return Err(syn::Error::new(
                        word.span(),
                        "expected scopes (`\"Calls.Read.All\" | \"Calls.ReadWrite.All\"`), \
                         `not_supported` or `none`",
                    ));
                }
            }
        };
        Ok(PermissionDecl { kind, value })
    }
}

impl Parse for TypeAst {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut variants = vec![atom(input)?];
        while input.peek(Token![|]) {
            input.parse::<Token![|]>()?;
            variants.push(atom(input)?);
        }
        Ok(if variants.len() == 1 { variants.remove(0) } else { TypeAst::Union(variants) })
    }
}

fn atom(input: ParseStream) -> syn::Result<TypeAst> {
    if !input.peek(Ident::peek_any) {
        return Err(syn::Error::new(
            input.span(),
            "expected a type: a Graph type name (`prompt`), a primitive (`String`, `Int32`, \
             `bool`), `collection(T)` or `Vec<T>`",
        ));
    }
    let first = input.call(Ident::parse_any)?;
    if input.peek(syn::token::Paren) {
        let inner;
        parenthesized!(inner in input);
        let arg: TypeAst = inner.parse()?;
        if !inner.is_empty() {
            return Err(inner.error("expected `)`"));
        }
        return Ok(TypeAst::Applied { name: first, arg: Box::new(arg) });
    }
    if input.peek(Token![<]) {
        input.parse::<Token![<]>()?;
        let arg: TypeAst = input.parse()?;
        input.parse::<Token![>]>()?;
        return Ok(TypeAst::Applied { name: first, arg: Box::new(arg) });
    }
    let mut parts = vec![first];
    let mut separator = ".";
    loop {
        if input.peek(Token![.]) && input.peek2(Ident::peek_any) {
            input.parse::<Token![.]>()?;
        } else if input.peek(Token![::]) {
            input.parse::<Token![::]>()?;
            separator = "::";
        } else {
            break;
        }
        parts.push(input.call(Ident::parse_any)?);
    }
    Ok(TypeAst::Name { parts, separator })
}

/// The string of `#[name = "..."]`.
fn string_value(attr: &Attribute) -> syn::Result<LitStr> {
    let message = format!("expected `{} = \"…\"`", quote::ToTokens::to_token_stream(attr.path()));
    let Meta::NameValue(nv) = &attr.meta else {
        return Err(syn::Error::new(attr.span(), message));
    };
    match &nv.value {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(s) => Ok(s.clone()),
            _ => Err(syn::Error::new(nv.value.span(), message)),
        },
        _ => Err(syn::Error::new(nv.value.span(), message)),
    }
}

/// Doc comment lines as markdown: one leading space dropped (as rustdoc does), blank
/// lines at both ends trimmed.
fn docs_text(lines: &[String]) -> String {
    let lines: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.split('\n'))
        .map(|l| l.strip_prefix(' ').unwrap_or(l).trim_end())
        .collect();
    lines.join("\n").trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_full_grammar() {
        let input: Input = syn::parse_quote! {
            #![specs = "specs"]
            /// Start the transcription of a call.
            ///
            /// More prose.
            #[beta]
            #[doc_url = "https://example.invalid/x"]
            POST "/communications/calls/{id}/startTranscription" => start_transcription {
                path { /// The call.
                    id: String }
                query {
                    /// Start of the range.
                    startDateTime,
                    "$top"?: Int32,
                    verbose: Option<bool>,
                }
                headers {
                    /// `eventual`.
                    "ConsistencyLevel",
                    Prefer?,
                }
                body {
                    /// The language.
                    language: String,
                    clientContext?: String,
                    "@odata.type": Option<String>,
                    type: collection(prompt) | Vec<i32>,
                }
                returns 202 startTranscriptionOperation + Location(commsOperation);
                permissions {
                    delegated_work: not_supported,
                    application: "Calls.AccessMedia.All" | "X" (higher: "Y", "Z"),
                    delegated_personal: none,
                }
            }
            doc = "docs/page.md" => page;
            doc = "docs/other.md"
        };
        assert_eq!(input.specs.unwrap().value(), "specs");
        assert_eq!(input.items.len(), 3);
        let Item::Action(a) = &input.items[0] else { panic!() };
        assert_eq!(a.docs, "Start the transcription of a call.\n\nMore prose.");
        assert_eq!(a.method, "POST");
        assert_eq!(a.module, "start_transcription");
        let Some(BodyDecl::Fields(_, fields)) = &a.body else { panic!() };
        let names: Vec<_> = fields.iter().map(|f| (f.name.value(), f.optional)).collect();
        assert_eq!(
            names,
            [
                ("language".into(), false),
                ("clientContext".into(), true),
                ("@odata.type".into(), true),
                ("type".into(), false)
            ]
        );
        assert_eq!(fields[3].ty.text(), "collection(prompt) or Vec<i32>");
        let (_, query) = a.query.as_ref().unwrap();
        let query: Vec<_> = query
            .iter()
            .map(|q| (q.name.value(), q.optional, q.ty.text(), q.docs.as_str()))
            .collect();
        assert_eq!(
            query,
            [
                ("startDateTime".into(), false, "String".into(), "Start of the range."),
                ("$top".into(), true, "Int32".into(), ""),
                ("verbose".into(), true, "bool".into(), ""),
            ]
        );
        let (_, headers) = a.headers.as_ref().unwrap();
        let headers: Vec<_> =
            headers.iter().map(|h| (h.name.value(), h.optional, h.docs.as_str())).collect();
        assert_eq!(
            headers,
            [("ConsistencyLevel".into(), false, "`eventual`."), ("Prefer".into(), true, "")]
        );
        let r = a.returns.as_ref().unwrap();
        assert_eq!(r.status.base10_digits(), "202");
        assert_eq!(r.body.as_ref().unwrap().text(), "startTranscriptionOperation");
        assert_eq!(r.location.as_ref().unwrap().1.as_ref().unwrap().text(), "commsOperation");
        let (_, rows) = a.permissions.as_ref().unwrap();
        assert_eq!(rows.len(), 3);
        assert!(matches!(
            &rows[1].value,
            PermissionValueDecl::Scopes { least, higher } if least.len() == 2 && higher.len() == 2
        ));
        let Item::Page(p) = &input.items[2] else { panic!() };
        assert_eq!(p.path.value(), "docs/other.md");
        assert!(p.module.is_none());
    }

    #[test]
    fn returns_without_body_and_with_bare_location() {
        let a: ActionDecl = syn::parse_quote! {
            DELETE "/x/{id}" => x { path { id } returns 202 + Location; }
        };
        let r = a.returns.unwrap();
        assert!(r.body.is_none());
        assert!(matches!(r.location, Some((_, None))));
    }

    #[test]
    fn header_with_a_type_and_sections_given_twice_are_refused() {
        let err = |tokens: proc_macro2::TokenStream| {
            syn::parse2::<ActionDecl>(tokens).err().map(|e| e.to_string()).unwrap_or_default()
        };
        assert!(
            err(quote::quote! { GET "/x" => x { headers { "Prefer": String } } })
                .contains("a header has no type")
        );
        assert_eq!(
            err(quote::quote! { GET "/x" => x { query { a } query { b } } }),
            "`query` is given twice"
        );
        assert_eq!(
            err(quote::quote! { GET "/x" => x { headers { a } headers { b } } }),
            "`headers` is given twice"
        );
        assert!(
            err(quote::quote! { GET "/x" => x { queries { a } } })
                .contains("expected `path`, `query`, `headers`, `body`")
        );
    }
}
