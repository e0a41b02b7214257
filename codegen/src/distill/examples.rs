//! Example blocks: annotated requests, responses and `example` blocks (notifications),
//! and the unannotated HTTP blocks of example sections.

use crate::spec::{
    Annotation, Diagnostic, DiagnosticKind, Example, ExampleBody, ExampleKind, HttpMethod,
    HttpRequest, HttpResponse, JsonText,
};

use super::annotation;
use super::outline::{BlockKind, Outline};

/// Every example of a page, in page order.
pub(crate) fn examples(outline: &Outline<'_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Example> {
    let mut out = Vec::new();
    let mut heading: Option<&str> = None;
    let mut in_examples = false;
    // An unannotated `POST https://bot...` block shown before a notification payload.
    let mut pending_request: Option<HttpRequest> = None;
    // What the blocks after the last `Request` or `Response` heading of an example
    // section are, or after a paragraph that starts with `**Request**` or
    // `**Response**` standing for a heading (the Dynamics 365 financials pages show
    // their examples so, unannotated, some in the Response section): an unannotated
    // JSON block there is a response's body shown without its status line.
    let mut pseudo: Option<ExampleKind> = None;
    for block in outline.blocks {
        match &block.kind {
            BlockKind::Heading { level, text } => {
                let title = text.text.trim();
                if *level <= 2 {
                    in_examples = super::text::starts_with_lower(title, "example");
                }
                heading = Some(title);
                pseudo = if in_examples { request_or_response(title) } else { None };
                continue;
            }
            BlockKind::Paragraph(inline) => {
                // `**Response**` alone on its line (a sentence may follow on the next).
                let bold = inline.markdown.strip_prefix("**").and_then(|m| m.split_once("**"));
                let alone = |rest: &str| {
                    let rest = rest.trim_start_matches([' ', '\t', ':']);
                    rest.is_empty() || rest.starts_with('\n')
                };
                if let Some((word, _)) = bold.filter(|(_, rest)| alone(rest)) {
                    pseudo = request_or_response(word).or(pseudo);
                }
            }
            BlockKind::Code { info, text, .. } => {
                let ann: Option<Annotation> =
                    block.annotation.as_ref().map(|raw| annotation::parse(raw, diagnostics));
                let block_type = ann.as_ref().and_then(|a| a.block_type.as_deref()).unwrap_or("");
                let under_notification =
                    heading.is_some_and(|h| super::text::contains_lower(h, "notification"));
                let line = block.line;
                let mut example = Example {
                    kind: ExampleKind::Other,
                    heading: None,
                    annotation: None,
                    request: None,
                    response: None,
                    body: None,
                    line,
                };
                match block_type {
                    "request" => {
                        example.kind = ExampleKind::Request;
                        example.request = request(text, line, diagnostics);
                        if example.request.is_none() {
                            example.body = body(text, None, line, diagnostics);
                        }
                    }
                    "response" => {
                        example.kind = ExampleKind::Response;
                        match response(text, line, diagnostics) {
                            Some(r) => example.response = Some(r),
                            None => example.body = body(text, None, line, diagnostics),
                        }
                    }
                    "example" => {
                        let odata =
                            ann.as_ref().and_then(|a| a.odata_type.as_deref()).unwrap_or("");
                        example.kind = if under_notification
                            || super::text::contains_lower(odata, "notification")
                        {
                            ExampleKind::Notification
                        } else {
                            ExampleKind::Other
                        };
                        example.request = pending_request.take();
                        match request(text, line, diagnostics) {
                            Some(r) => example.request = Some(r),
                            None => example.body = body(text, None, line, diagnostics),
                        }
                    }
                    "" if in_examples || pseudo.is_some() => {
                        // Unannotated blocks of an example section (or after a bold
                        // `**Request**` or `**Response**`).
                        let first =
                            text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
                        if first.starts_with("HTTP/") {
                            example.kind = ExampleKind::Response;
                            example.response = response(text, line, diagnostics);
                        } else if request_line(first).is_some() {
                            let req = request(text, line, diagnostics);
                            if under_notification && req.as_ref().is_some_and(|r| r.body.is_none())
                            {
                                pending_request = req;
                                continue;
                            }
                            example.kind = ExampleKind::Request;
                            example.request = req;
                        } else if under_notification && (first.starts_with('{') || *info == "json")
                        {
                            example.kind = ExampleKind::Notification;
                            example.request = pending_request.take();
                            example.body = body(text, None, line, diagnostics);
                        } else if pseudo == Some(ExampleKind::Response)
                            && first.starts_with(['{', '['])
                        {
                            example.kind = ExampleKind::Response;
                            example.body = body(text, None, line, diagnostics);
                        } else {
                            continue;
                        }
                    }
                    _ => continue,
                }
                example.annotation = ann;
                example.heading = heading.map(str::to_string);
                out.push(example);
            }
            _ => {}
        }
    }
    out
}

/// `Request` or `Response` as a heading's (or a bold paragraph's) text: `Response`,
/// `Response 1`, `Request (JSON)`.
fn request_or_response(title: &str) -> Option<ExampleKind> {
    if super::text::starts_with_lower(title, "request") {
        Some(ExampleKind::Request)
    } else if super::text::starts_with_lower(title, "response") {
        Some(ExampleKind::Response)
    } else {
        None
    }
}

fn request_line(line: &str) -> Option<(HttpMethod, &str)> {
    let (method, rest) = line.split_once(char::is_whitespace)?;
    let method = HttpMethod::parse(method)?;
    let url = rest.trim();
    let url = match url.rsplit_once(' ') {
        Some((u, v)) if v.starts_with("HTTP/") => u.trim(),
        _ => url,
    };
    (!url.is_empty()).then_some((method, url))
}

/// Split an HTTP message into its first line, headers and body.
fn message(text: &str) -> (&str, Vec<(String, String)>, &str) {
    let mut lines = super::text::lines_inclusive(text);
    let mut offset = 0;
    let mut first = "";
    for l in lines.by_ref() {
        offset += l.len();
        if !l.trim().is_empty() {
            first = l.trim();
            break;
        }
    }
    let mut headers = Vec::new();
    for l in lines {
        let trimmed = l.trim();
        if trimmed.is_empty() {
            offset += l.len();
            break;
        }
        match trimmed.split_once(':') {
            Some((name, value))
                if !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
            {
                headers.push((name.to_string(), value.trim().to_string()));
                offset += l.len();
            }
            _ => break, // the body starts without a blank line
        }
    }
    (first, headers, &text[offset.min(text.len())..])
}

fn request(text: &str, line: u32, diagnostics: &mut Vec<Diagnostic>) -> Option<HttpRequest> {
    let (first, headers, rest) = message(text);
    let (method, url) = request_line(first)?;
    let content_type = header(&headers, "content-type");
    let body = body(rest, content_type, line, diagnostics);
    Some(HttpRequest { method, url: url.to_string(), headers, body })
}

fn response(text: &str, line: u32, diagnostics: &mut Vec<Diagnostic>) -> Option<HttpResponse> {
    let (first, headers, rest) = message(text);
    let status_line = first.strip_prefix("HTTP/")?;
    let mut parts = status_line.splitn(3, ' ');
    let _version = parts.next()?;
    let status: u16 = parts.next()?.trim().parse().ok()?;
    let reason = parts.next().unwrap_or("").trim().to_string();
    let content_type = header(&headers, "content-type");
    let body = body(rest, content_type, line, diagnostics);
    Some(HttpResponse { status, reason, headers, body })
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// A body: JSON when it looks like JSON or the content type says so, text otherwise.
fn body(
    text: &str,
    content_type: Option<&str>,
    line: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ExampleBody> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let json_type = content_type.is_some_and(|c| super::text::contains_lower(c, "json"));
    let looks_json = trimmed.starts_with('{') || trimmed.starts_with('[');
    if !(looks_json || json_type && trimmed.starts_with('"')) {
        return Some(ExampleBody::Text { text: trimmed.to_string() });
    }
    match JsonText::parse(trimmed) {
        Ok(value) => Some(ExampleBody::Json { value }),
        Err(raw_error) => {
            // The full parser names the mistake better ("trailing comma").
            let e = serde_json::from_str::<serde_json::Value>(trimmed).err().unwrap_or(raw_error);
            diagnostics.push(Diagnostic::warning(
                DiagnosticKind::InvalidExampleJson,
                Some(line),
                format!("example body (code block at line {line}) is not valid JSON: {e}"),
            ));
            Some(ExampleBody::InvalidJson { text: trimmed.to_string(), error: e.to_string() })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page's examples and the diagnostics reading them gave.
    fn read(page: &str) -> (Vec<Example>, Vec<Diagnostic>) {
        let arena = crate::distill::outline::Arena::new();
        let mut d = Vec::new();
        let ex = examples(&Outline::parse(page, &arena), &mut d);
        (ex, d)
    }

    #[test]
    fn request_response_and_notification() {
        let page = "# t\n\n## Example\n\n##### Request\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"x\"\n}-->\n```http\nPOST https://graph.microsoft.com/beta/a/{id}/b\nContent-Type: application/json\nContent-Length: 62\n\n{\n  \"all\": true\n}\n```\n\n##### Response\n<!-- { \"blockType\": \"response\", \"truncated\": true } -->\n```http\nHTTP/1.1 200 OK\nLocation: https://x/operations/1\n\n{ \"id\": \"1\" }\n```\n\n##### Notification - operation completed\n\n```http\nPOST https://bot.contoso.com/api/calls\nContent-Type: application/json\n```\n\n<!-- { \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.commsNotifications\" } -->\n```json\n{ \"value\": [] }\n```\n";
        let (ex, d) = read(page);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(ex.len(), 3);
        let req = ex[0].request.as_ref().unwrap();
        assert_eq!(req.method, HttpMethod::Post);
        assert_eq!(req.url, "https://graph.microsoft.com/beta/a/{id}/b");
        assert_eq!(req.headers.len(), 2);
        assert_eq!(
            req.body,
            Some(ExampleBody::Json {
                value: JsonText::from_value(&serde_json::json!({"all": true}))
            })
        );
        assert_eq!(ex[0].line, 10);
        let resp = ex[1].response.as_ref().unwrap();
        assert_eq!((resp.status, resp.reason.as_str()), (200, "OK"));
        assert_eq!(resp.headers[0].0, "Location");
        assert!(ex[1].annotation.as_ref().unwrap().truncated);
        assert_eq!(ex[2].kind, ExampleKind::Notification);
        assert_eq!(ex[2].heading.as_deref(), Some("Notification - operation completed"));
        assert_eq!(ex[2].request.as_ref().unwrap().url, "https://bot.contoso.com/api/calls");
        assert_eq!(
            ex[2].body,
            Some(ExampleBody::Json {
                value: JsonText::from_value(&serde_json::json!({"value": []}))
            })
        );
    }

    #[test]
    fn invalid_json_is_kept_with_a_diagnostic() {
        let page = "## Example\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{ \"a\": 1, ... }\n```\n";
        let (ex, d) = read(page);
        assert!(matches!(
            ex[0].response.as_ref().unwrap().body,
            Some(ExampleBody::InvalidJson { .. })
        ));
        assert_eq!(d[0].kind, DiagnosticKind::InvalidExampleJson);
        assert_eq!(d[0].line, Some(3));
    }

    /// The Dynamics 365 financials layout: `**Request**` and `**Response**` paragraphs
    /// stand for headings, in the Response section, and the blocks have no annotation;
    /// the response shows its JSON body alone. A heading ends what such a paragraph
    /// stands for.
    #[test]
    fn bold_request_and_response_paragraphs_stand_for_headings() {
        let page = "## Response\nIf successful, this method returns a `200 OK` response code and a **customers** object in the response body.\n\n**Request**\n\nHere is an example of the request.\n\n```http\nGET https://graph.microsoft.com/beta/financials/companies/{id}/customers/{id}\n```\n\n**Response**\n\nHere is an example of the response.\n\n```json\n{\n  \"id\": \"id-value\",\n  \"number\": \"10000\"\n}\n```\n";
        let (ex, d) = read(page);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(ex.len(), 2, "{ex:?}");
        assert_eq!(ex[0].kind, ExampleKind::Request);
        let req = ex[0].request.as_ref().unwrap();
        let url = "https://graph.microsoft.com/beta/financials/companies/{id}/customers/{id}";
        assert_eq!((req.method, req.url.as_str()), (HttpMethod::Get, url));
        assert_eq!((ex[1].kind, ex[1].line), (ExampleKind::Response, 16));
        assert!(ex[1].response.is_none());
        let Some(ExampleBody::Json { value }) = &ex[1].body else { panic!("{:?}", ex[1]) };
        assert_eq!(value.value()["number"], "10000");
        let page = "## Response\n\n**Response**\n\n## Notes\n\n```json\n{}\n```\n";
        assert!(read(page).0.is_empty());
    }
}
