//! The "Response" section's prose: success status codes, the body type, a `Location`
//! header; and the check of that prose against the page's example responses.

use crate::spec::{
    Diagnostic, DiagnosticKind, Example, LocationHeader, Response, ResponseBody, StatusCode,
    TypeExpr,
};

use super::outline::{Block, BlockKind};
use super::{text, types};

/// Read the Response section's own blocks (before any example subsection).
pub(crate) fn response(heading_line: u32, blocks: &[Block<'_>]) -> Response {
    let mut resp = Response { line: Some(heading_line), ..Response::default() };
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
        for code in status_codes(inline.text) {
            if !resp.status_codes.iter().any(|s| s.code == code.0) {
                resp.status_codes.push(StatusCode {
                    code: code.0,
                    reason: code.1,
                    line: block.line,
                });
            }
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
        if resp.location.is_none() && text::contains_lower(inline.text, "location header") {
            resp.location = Some(LocationHeader { type_expr: None, line: block.line });
        }
    }
    resp.description = description;
    resp
}

/// `200 OK`, `` `202 Accepted` ``, `204 No Content`: 2xx codes with their reason.
fn status_codes(text: &str) -> Vec<(u16, Option<String>)> {
    // A 2xx code is a `2` and two more digits, between non-digits: prose without one
    // (most of it) has no code.
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let has_code = memchr::memchr_iter(b'2', b)
        .any(|i| digit(i + 1) && digit(i + 2) && !digit(i + 3) && (i == 0 || !digit(i - 1)));
    if !has_code {
        return Vec::new();
    }
    let mut words = text.split_whitespace();
    let mut out = Vec::new();
    while let Some(w) = words.next() {
        let w = text::trim_to(w, |b| b.is_ascii_digit());
        if w.len() != 3 {
            continue;
        }
        let Ok(code) = w.parse::<u16>() else { continue };
        if !(200..300).contains(&code) {
            continue;
        }
        // A reason phrase (capitalized words) or "response code"/"status code" after it.
        let mut reason = Vec::new();
        for next in words.clone() {
            let clean = text::trim_to(next, |b| b.is_ascii_alphanumeric());
            if clean.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && !clean.is_empty() {
                reason.push(clean);
                if next.ends_with(['`', ',', '.', ')']) {
                    break;
                }
            } else {
                break;
            }
        }
        let next = words.clone().next().unwrap_or_default();
        let plausible = !reason.is_empty()
            || text::starts_with_lower(next, "response")
            || text::starts_with_lower(next, "status")
            || text::starts_with_lower(next, "http");
        if plausible {
            out.push((code, (!reason.is_empty()).then(|| reason.join(" "))));
        }
    }
    out
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
/// all name the same Graph type (not an Edm primitive), with a note. A `204`-only
/// response has no body to type; one with a `Location` is typed by what the header
/// points to (the operation).
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
        if !matches!(item, TypeExpr::Named { .. }) {
            return;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distill::outline::Outline;

    fn read(md: &str) -> Response {
        let arena = crate::distill::outline::Arena::new();
        let o = Outline::parse(md, &arena);
        response(1, o.blocks)
    }

    #[test]
    fn status_codes_in_prose() {
        let reason = |r: &str| Some(r.to_string());
        for (text, want) in [
            (
                "If successful, this method returns a `202 Accepted` response code.",
                vec![(202, reason("Accepted"))],
            ),
            ("It returns 200 OK and a user object.", vec![(200, reason("OK"))]),
            ("returns `204 No Content`.", vec![(204, reason("No Content"))]),
            ("a 201 response code and a body", vec![(201, None)]),
            (
                "HTTP 200 status code; or 202 Accepted.",
                vec![(200, None), (202, reason("Accepted"))],
            ),
            ("returns 200 items at most", vec![]),
            ("since the 2019 release", vec![]),
            ("a 404 Not Found error", vec![]),
            ("returns 200", vec![]),
        ] {
            assert_eq!(status_codes(text), want, "{text}");
        }
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
        let r = read("If successful, this method returns `204 No Content` response code.");
        assert_eq!(r.status_codes[0].code, 204);
        assert_eq!(r.status_codes[0].reason.as_deref(), Some("No Content"));
        assert!(r.body.is_none());
    }
}
