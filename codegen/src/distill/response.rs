//! The "Response" section's prose: success status codes (2xx, and the redirect of a
//! download), the body type, a `Location` header; and the check of that prose against
//! the page's example responses.

use crate::spec::{
    Diagnostic, DiagnosticKind, Example, ExampleBody, LocationHeader, Primitive, Response,
    ResponseBody, StatusCode, TypeExpr, is_redirect,
};

use super::outline::{Block, BlockKind, Outline, Section};
use super::status::{mismatched_reasons, shown_status, status_codes};
use super::{text, types};

/// Read a Response section. Its own prose first (before any subsection). When that names
/// no status code: the prose of its subsections too (`### CSV`, `### JSON`; not the
/// example ones), then the status line of a response it shows (`HTTP/1.1 201 Created`
/// in a code block), with a note. The flag says whether the codes (if any) are the
/// prose's: `false` when they come from a shown response. A code written with another
/// code's reason phrase (`201 No Content`) is a `status_conflict`.
pub(crate) fn section<'s>(
    outline: &Outline<'s>,
    section: &Section<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Read<'s> {
    let read = read_unchecked(outline, section, diagnostics);
    mismatched_reasons(&read.response.status_codes, diagnostics);
    read
}

/// A paragraph of the Response prose that names a status code.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CodeParagraph<'s> {
    markdown: &'s str,
    text: &'s str,
    line: u32,
}

/// What [`section`] reads.
pub(crate) struct Read<'s> {
    pub response: Response,
    /// Whether the codes (if any) are the prose's, not a shown response's.
    pub stated: bool,
    /// The paragraphs of the prose that name a status code, where
    /// [`body_from_prose_alone`] looks for a body when nothing else types it.
    pub code_paragraphs: Vec<CodeParagraph<'s>>,
}

/// [`section`], less the check of reason phrases.
fn read_unchecked<'s>(
    outline: &Outline<'s>,
    section: &Section<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Read<'s> {
    let line = outline.blocks[section.heading].line;
    let own = outline.own_body(section);
    let (mut resp, code_paragraphs) = response(line, own, false);
    if !resp.status_codes.is_empty() {
        return Read { response: resp, stated: true, code_paragraphs };
    }
    let body = outline.body(section);
    let blocks = without_example_subsections(body);
    if blocks.len() > own.len() {
        let (whole, code_paragraphs) = response(line, &blocks, true);
        if !whole.status_codes.is_empty() {
            return Read { response: whole, stated: true, code_paragraphs };
        }
    }
    if let Some((code, reason, at)) = blocks.iter().find_map(shown_status) {
        diagnostics.push(Diagnostic::note(
            DiagnosticKind::Other,
            Some(at),
            format!(
                "the Response section's prose names no status code; read from the response \
                 it shows (line {at})"
            ),
        ));
        resp.status_codes.push(StatusCode { code, reason, line: at });
        drop_redirect_location(&mut resp);
        return Read { response: resp, stated: false, code_paragraphs: Vec::new() };
    }
    Read { response: resp, stated: true, code_paragraphs: Vec::new() }
}

/// The blocks of a section's body, less its subsections about examples.
fn without_example_subsections<'s>(body: &[Block<'s>]) -> Vec<Block<'s>> {
    let mut skipping = false;
    let mut out = Vec::with_capacity(body.len());
    for block in body {
        if let BlockKind::Heading { text, .. } = &block.kind {
            let title = text.text.trim();
            skipping =
                text::contains_lower(title, "example") || text::contains_lower(title, "sample");
        }
        if !skipping {
            out.push(*block);
        }
    }
    out
}

/// A redirect's `Location` is where the client goes next (a download URL), not an
/// operation to follow: a response that redirects and accepts nothing (no `202`) keeps
/// no [`LocationHeader`].
fn drop_redirect_location(resp: &mut Response) {
    let codes = || resp.status_codes.iter().map(|s| s.code);
    if codes().any(is_redirect) && !codes().any(|c| c == 202) {
        resp.location = None;
    }
}

/// Read the paragraphs of a Response section, and keep those that name a status code
/// (for [`body_from_prose_alone`]). `alternatives`: the blocks are those of
/// subsections describing alternative responses (`### CSV`, `### JSON`), whose other
/// paragraphs discuss other things; a body type or a `Location` header is then read
/// only from a paragraph that names a status code.
fn response<'s>(
    heading_line: u32,
    blocks: &[Block<'s>],
    alternatives: bool,
) -> (Response, Vec<CodeParagraph<'s>>) {
    let mut resp = Response { line: Some(heading_line), ..Response::default() };
    let mut code_paragraphs = Vec::new();
    // The paragraphs' markdown joined by blank lines, built in place.
    let mut description = String::new();
    let mut paragraphs = 0;
    for block in blocks {
        let BlockKind::Paragraph(inline) = &block.kind else { continue };
        if paragraphs > 0 {
            description.push_str("\n\n");
        }
        paragraphs += 1;
        description.push_str(inline.markdown);
        let codes = status_codes(inline.text);
        let names_a_code = !codes.is_empty();
        for code in codes {
            if !resp.status_codes.iter().any(|s| s.code == code.0) {
                resp.status_codes.push(StatusCode {
                    code: code.0,
                    reason: code.1,
                    line: block.line,
                });
            }
        }
        if alternatives && !names_a_code {
            continue;
        }
        for link in resource_links(inline.markdown) {
            // The sentence holding the link (only it: paragraphs are long), matched
            // without case.
            let before = &inline.markdown[..link.start];
            let sentence = text::rfind(before, ". ").map_or(before, |i| &before[i + 2..]);
            let name = link.text.trim_matches(['*', '`', ' ']);
            let named = TypeExpr::named(
                name.strip_prefix("microsoft.graph.").unwrap_or(name),
                types::link_stem(link.dest),
            );
            if text::contains_lower(sentence, "location header")
                || text::contains_lower(sentence, "location response header")
            {
                if resp.location.is_none() {
                    resp.location =
                        Some(LocationHeader { type_expr: Some(named), line: block.line });
                }
                continue;
            }
            if resp.body.is_some() {
                continue;
            }
            let after = inline.markdown[link.end..].trim_start();
            let sentence = sentence.trim_end();
            let collection = ["collection of", "collection of the", "list of"]
                .iter()
                .any(|end| text::ends_with_lower(sentence, end))
                || text::starts_with_lower(after, "collection");
            let type_expr = if collection { TypeExpr::collection(named) } else { named };
            resp.body = Some(ResponseBody { type_expr, line: block.line });
        }
        if names_a_code {
            let (markdown, text, line) = (inline.markdown, inline.text, block.line);
            code_paragraphs.push(CodeParagraph { markdown, text, line });
        }
        if resp.location.is_none() && text::contains_lower(inline.text, "location header") {
            resp.location = Some(LocationHeader { type_expr: None, line: block.line });
        }
    }
    resp.description = description;
    drop_redirect_location(&mut resp);
    (resp, code_paragraphs)
}

struct MdLink<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    dest: &'a str,
}

/// `[text](dest)` links in markdown whose destination is a resource page.
fn resource_links(md: &str) -> Vec<MdLink<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = md[from..].find('[').map(|i| from + i) {
        let Some(close) = md[open..].find("](").map(|i| open + i) else { break };
        let Some(end) = md[close..].find(')').map(|i| close + i) else { break };
        let text = &md[open + 1..close];
        let dest = &md[close + 2..end];
        from = end + 1;
        if text.contains('[') {
            from = open + 1;
            continue;
        }
        if dest.contains("resources/") && dest.contains(".md") {
            out.push(MdLink { start: open, end: end + 1, text, dest });
        }
    }
    out
}

/// Compare the prose's status codes with the example responses'.
pub(crate) fn check_examples(
    response: &Response,
    examples: &[Example],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let prose: Vec<u16> = response.status_codes.iter().map(|s| s.code).collect();
    for example in examples {
        let Some(r) = &example.response else { continue };
        if !(200..300).contains(&r.status) || prose.is_empty() || prose.contains(&r.status) {
            continue;
        }
        let said = response
            .status_codes
            .iter()
            .map(|s| {
                format!(
                    "{}{}",
                    s.code,
                    s.reason.as_deref().map(|r| format!(" {r}")).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        diagnostics.push(Diagnostic::warning(
            DiagnosticKind::StatusConflict,
            Some(example.line),
            format!(
                "the Response section (line {}) says {said}, but the example response shows {} {}",
                response.status_codes[0].line, r.status, r.reason
            ),
        ));
    }
}

/// A response whose prose names no body type takes it from its example responses'
/// annotations (`"@odata.type": "Collection(microsoft.graph.recentNotebook)"`) when they
/// all name the same type, with a note: a Graph type, or a primitive (`"string"` with
/// `isCollection`; one primitive only where each example shows a `value` of its JSON
/// kind, as pages annotate `string` and show `{"value": true}`). A `204`-only response
/// has no body to type; one with a `Location` is typed by what the header points to
/// (the operation).
pub(crate) fn body_from_annotations(
    response: &mut Response,
    examples: &[Example],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let no_content =
        !response.status_codes.is_empty() && response.status_codes.iter().all(|s| s.code == 204);
    if response.body.is_some() || response.location.is_some() || no_content {
        return;
    }
    let mut named: Option<(TypeExpr, u32)> = None;
    for example in examples {
        let Some(r) = &example.response else { continue };
        let Some(annotation) = &example.annotation else { continue };
        let Some(odata_type) = annotation.odata_type.as_deref() else { continue };
        if !(200..300).contains(&r.status) || r.status == 204 {
            continue;
        }
        let (item, collection) = match types::parse_name(odata_type) {
            TypeExpr::Collection { item } => (*item, true),
            other => (other, annotation.is_collection),
        };
        match &item {
            TypeExpr::Named { .. } => {}
            TypeExpr::Primitive { name } if collection || shows(*name, r.body.as_ref()) => {}
            _ => return,
        }
        let expr = if collection { TypeExpr::collection(item) } else { item };
        match &named {
            Some((seen, _)) if *seen != expr => return,
            Some(_) => {}
            None => named = Some((expr, annotation.line)),
        }
    }
    if let Some((type_expr, line)) = named {
        diagnostics.push(Diagnostic::note(
            DiagnosticKind::Other,
            Some(line),
            "the Response section names no body type; it is read from the example's annotation",
        ));
        response.body = Some(ResponseBody { type_expr, line });
    }
}

/// Where neither the prose's links nor the examples' annotations type the body, the
/// body a paragraph naming a status code names alone: in bold (`a **customers**
/// object`, see [`types::bold_named`]), by its media type (`application/octet-stream`: a
/// stream), or as a primitive value (`a Boolean value`, only where every example shows
/// a `value` of its JSON kind). The weakest readings, so looked for last (and only
/// then: most pages never need them).
pub(crate) fn body_from_prose_alone(
    response: &mut Response,
    paragraphs: &[CodeParagraph<'_>],
    examples: &[Example],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if response.body.is_some() {
        return;
    }
    let named = paragraphs.iter().find_map(|p| {
        let stream = || {
            text::contains_lower(p.text, "application/octet-stream")
                .then_some(TypeExpr::Primitive { name: Primitive::Stream })
        };
        let type_expr = types::bold_named(p.markdown)
            .or_else(stream)
            .or_else(|| types::primitive_value(p.text))?;
        Some(ResponseBody { type_expr, line: p.line })
    });
    let Some(named) = named else { return };
    if let TypeExpr::Primitive { name } = &named.type_expr {
        if !examples.iter().all(|e| shows(*name, e.response_body())) {
            return;
        }
    }
    diagnostics.push(Diagnostic::note(
        DiagnosticKind::Other,
        Some(named.line),
        "the Response section links no body type; it is read from the prose alone",
    ));
    response.body = Some(named);
}

/// Whether the body an example response shows holds one primitive `p` as OData sends
/// it: a JSON body whose `value` has `p`'s JSON kind (no such body says nothing against
/// it). Untyped JSON (`Edm.Json`) is the whole body, never a `value`.
fn shows(p: Primitive, body: Option<&ExampleBody>) -> bool {
    use serde_json::Value as Json;
    if p == Primitive::Json {
        return false;
    }
    let Some(ExampleBody::Json { value }) = body else { return true };
    let number = matches!(
        p,
        Primitive::Byte
            | Primitive::SByte
            | Primitive::Int16
            | Primitive::Int32
            | Primitive::Int64
            | Primitive::Single
            | Primitive::Double
            | Primitive::Decimal
    );
    match value.value().get("value") {
        Some(Json::Bool(_)) => p == Primitive::Boolean,
        Some(Json::Number(_)) => number,
        Some(Json::String(_)) => (p != Primitive::Boolean && !number) || p == Primitive::Decimal,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distill::outline::Outline;
    use crate::spec::HttpResponse;

    fn read(md: &str) -> Response {
        let arena = crate::distill::outline::Arena::new();
        response(1, Outline::parse(md, &arena).blocks, false).0
    }

    /// The body a paragraph names alone (with no example).
    fn bold(md: &str) -> Option<TypeExpr> {
        let arena = crate::distill::outline::Arena::new();
        let o = Outline::parse(md, &arena);
        let (mut r, paragraphs) = response(1, o.blocks, false);
        body_from_prose_alone(&mut r, &paragraphs, &[], &mut Vec::new());
        r.body.map(|b| b.type_expr)
    }

    #[test]
    fn location_header_to_an_operation() {
        let r = read(
            "Returns `202 Accepted` response code and a Location header with a uri to the [commsOperation](../resources/commsoperation.md) created for this request.",
        );
        assert_eq!(r.status_codes[0].code, 202);
        assert_eq!(r.status_codes[0].reason.as_deref(), Some("Accepted"));
        assert!(r.body.is_none());
        assert_eq!(
            r.location.unwrap().type_expr,
            Some(TypeExpr::named("commsOperation", Some("commsoperation".into())))
        );
    }

    /// The page's Response section, read as the API page reads it.
    fn read_section(md: &str) -> (Response, Vec<Diagnostic>) {
        let (r, stated, d) = read_section_stated(md);
        assert!(stated, "codes from the prose");
        (r, d)
    }

    /// [`read_section`], with whether the codes are the prose's.
    fn read_section_stated(md: &str) -> (Response, bool, Vec<Diagnostic>) {
        let arena = crate::distill::outline::Arena::new();
        let o = Outline::parse(md, &arena);
        let s = o.section(&["response"]).unwrap();
        let mut d = Vec::new();
        let Read { response: r, stated, .. } = section(&o, s, &mut d);
        (r, stated, d)
    }

    #[test]
    fn a_redirect_is_a_status_and_its_location_no_operation() {
        let (r, d) = read_section(
            "## Response\n\nReturns a `302 Found` response redirecting to a pre-authenticated \
             download URL for the bytes of the file.\n\nTo download the contents, follow the \
             `Location` header in the response.\n",
        );
        assert_eq!(r.status_codes.len(), 1);
        assert_eq!((r.status_codes[0].code, r.status_codes[0].line), (302, 3));
        assert!(r.location.is_none(), "{:?}", r.location);
        assert!(d.is_empty(), "{d:?}");
        // A `202` with a `Location` stays an operation, whatever else is said.
        let (r, _) = read_section(
            "## Response\n\nReturns `202 Accepted` and a Location header, or a `302 Found`.\n",
        );
        assert!(r.location.is_some());
    }

    #[test]
    fn codes_in_subsections_when_the_section_names_none_itself() {
        let (r, d) = read_section(
            "## Response\n\n### CSV\n\nIf successful, this method returns a `302 Found` \
             response that redirects to a download URL, found in the `Location` header.\n\n\
             ### JSON\n\nIf successful, this method returns a `200 OK` response code and a \
             **[yammerActivitySummary](../resources/yammeractivitysummary.md)** object in the \
             response body.\n\n### Example\n\nIt returns `201 Created` here.\n\n\
             ## Examples\n",
        );
        let codes: Vec<_> = r.status_codes.iter().map(|s| (s.code, s.line)).collect();
        assert_eq!(codes, [(302, 5), (200, 9)], "the example subsection is not read");
        assert!(r.location.is_none());
        assert_eq!(
            r.body.unwrap().type_expr,
            TypeExpr::named("yammerActivitySummary", Some("yammeractivitysummary".into()))
        );
        assert!(d.is_empty(), "{d:?}");
        // In subsections, a type is read only where a code is named: the "Response body"
        // paragraph below discusses another resource.
        let (r, _) = read_section(
            "## Response\n\n#### Response code\n\nReturns `201 Created`, or `200 OK`.\n\n\
             #### Response body\n\nIn a resource other than a [group post](../resources/post.md), \
             the response includes the instance.\n",
        );
        assert_eq!(r.status_codes.len(), 2);
        assert!(r.body.is_none(), "{:?}", r.body);
        // The section's own prose, when it names a code, is all that is read.
        let (r, _) = read_section(
            "## Response\n\nReturns `204 No Content`.\n\n### Remarks\n\nOr `200 OK`.\n",
        );
        assert_eq!(r.status_codes.len(), 1);
    }

    #[test]
    fn the_status_line_of_a_shown_response_when_the_prose_names_none() {
        let (r, stated, d) = read_section_stated(
            "## Response\n\nIf successful, this method returns a [list][] in the response \
             body.\n\n<!-- { \"blockType\": \"response\" } -->\n\n```http\n\n\
             HTTP/1.1 201 Created\nContent-type: application/json\n\n{}\n```\n",
        );
        assert_eq!(r.status_codes.len(), 1);
        assert!(!stated, "the codes are an example's, not the prose's");
        let code = &r.status_codes[0];
        assert_eq!((code.code, code.reason.as_deref(), code.line), (201, Some("Created"), 9));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].kind, d[0].line), (DiagnosticKind::Other, Some(9)));
        assert!(d[0].message.contains("read from the response it shows"), "{}", d[0].message);
        // Nothing to read: no code, and no note.
        let (r, d) = read_section("## Response\n\nThis method returns a driveItem.\n");
        assert!(r.status_codes.is_empty() && d.is_empty());
    }

    #[test]
    fn a_body_from_annotations_primitives_included() {
        use crate::spec::{Annotation, ExampleKind, JsonText};
        let example = |odata_type: &str, is_collection: bool, shown: &str| Example {
            kind: ExampleKind::Response,
            heading: None,
            annotation: Some(Annotation {
                block_type: Some("response".into()),
                name: None,
                truncated: false,
                odata_type: Some(odata_type.into()),
                is_collection,
                raw: None,
                line: 9,
            }),
            request: None,
            response: Some(HttpResponse {
                status: 200,
                reason: "OK".into(),
                headers: Vec::new(),
                body: Some(ExampleBody::Json { value: JsonText::parse(shown).unwrap() }),
            }),
            body: None,
            line: 10,
        };
        let read = |examples: &[Example]| {
            let mut response = Response::default();
            let mut d = Vec::new();
            body_from_annotations(&mut response, examples, &mut d);
            assert_eq!(d.len(), usize::from(response.body.is_some()), "a note with each");
            response.body.map(|b| b.type_expr)
        };
        let primitive = |name| TypeExpr::Primitive { name };
        let named = read(&[example("microsoft.graph.recentNotebook", true, "{}")]);
        assert_eq!(named, Some(TypeExpr::collection(TypeExpr::named("recentNotebook", None))));
        let strings = read(&[example("string", true, r#"{"value": ["a"]}"#)]);
        assert_eq!(strings, Some(TypeExpr::collection(primitive(Primitive::String))));
        let longs = read(&[example("Collection(Edm.Int64)", false, r#"{"value": [1]}"#)]);
        assert_eq!(longs, Some(TypeExpr::collection(primitive(Primitive::Int64))));
        let one = read(&[example("Edm.String", false, r#"{"value": "a"}"#)]);
        assert_eq!(one, Some(primitive(Primitive::String)));
        // Annotated `string`, shown `true`; untyped JSON: no body type.
        assert_eq!(read(&[example("string", false, r#"{"value": true}"#)]), None);
        assert_eq!(read(&[example("Edm.Json", false, r#"{"a": 1}"#)]), None);
    }

    #[test]
    fn body_single_and_collection() {
        let r = read(
            "This method returns a `202 Accepted` response code and a [stopTranscriptionOperation](../resources/stoptranscriptionoperation.md) object created for this request.",
        );
        assert_eq!(
            r.body.unwrap().type_expr,
            TypeExpr::named(
                "stopTranscriptionOperation",
                Some("stoptranscriptionoperation".into())
            )
        );
        let r = read(
            "If successful, this method returns a `200 OK` response code and a collection of [participant](../resources/participant.md) objects in the response body.",
        );
        assert!(r.body.unwrap().type_expr.is_collection());
        // Named in bold with no link (the Dynamics 365 financials pages).
        let md = "If successful, this method returns ```201 Created``` response code and a **customers** object in the response body.";
        assert!(read(md).body.is_none(), "the weakest reading, kept apart");
        assert_eq!(bold(md), Some(TypeExpr::named("customers", None)));
        assert_eq!(
            bold(
                "If successful, this method returns a `200 OK` response code and a collection of **alert** objects in the response body."
            ),
            Some(TypeExpr::collection(TypeExpr::named("alert", None)))
        );
        // Bold that names no type, or a paragraph naming no code: no body.
        for md in [
            "If successful, this method returns a `200 OK` response code and **no** content.",
            "If successful, this method returns a `200 OK` response code and a **very large** object.",
            "The **customers** object is described elsewhere.",
        ] {
            assert_eq!(bold(md), None, "{md}");
        }
        // Content named only by its media type: a stream.
        assert_eq!(
            bold(
                "If successful, this method returns a `200 OK` response code and content of type `application/octet-stream`."
            ),
            Some(TypeExpr::Primitive { name: Primitive::Stream })
        );
        let r = read("If successful, this method returns `204 No Content` response code.");
        assert_eq!(r.status_codes[0].code, 204);
        assert_eq!(r.status_codes[0].reason.as_deref(), Some("No Content"));
        assert!(r.body.is_none());
    }
}
