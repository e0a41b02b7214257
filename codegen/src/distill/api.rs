//! API pages: the sections of an action's page, assembled into an [`ApiPage`].

use crate::source::PageKind;
use crate::spec::{
    ApiPage, BodyKind, Diagnostic, DiagnosticKind, Header, HttpMethod, Operation, Param,
    PermissionSource, QueryParam, RequestBody, Requirement, Response, SPEC_FORMAT_VERSION,
    TypeExpr,
};

use super::outline::{Block, BlockKind, Outline, Section};
use super::requirement::{requirement_cell, requirement_in_text};
use super::tables::{self, cell, columns, name_text};
use super::{Common, Includes, examples, http, permissions, response, text, types};

/// OData system query options, as the prose names them.
const ODATA_OPTIONS: [&str; 11] = [
    "$select",
    "$expand",
    "$filter",
    "$orderby",
    "$top",
    "$skip",
    "$count",
    "$search",
    "$skipToken",
    "$format",
    "$levels",
];

pub(super) fn api_page(
    outline: &Outline<'_>,
    mut common: Common,
    includes: &mut Includes<'_>,
    mut diagnostics: Vec<Diagnostic>,
) -> ApiPage {
    let doc_url = common.doc_url(PageKind::Api);
    let (resource, action) = split_title(&common.title);

    let permissions_section = outline.section(&["permissions"]).or_else(|| {
        // Intune pages put the permissions table under "Prerequisites".
        outline.section(&["prerequisites"]).filter(|s| {
            outline.body(s).iter().any(|b| matches!(&b.kind, BlockKind::Table(t)
                if t.header.first().is_some_and(|h| h.text.to_ascii_lowercase().contains("permission"))))
        })
    });
    let permissions = match permissions_section {
        Some(s) => {
            permissions::permissions(&common.source, outline.body(s), includes, &mut diagnostics)
        }
        None => {
            diagnostics.push(Diagnostic::warning(
                DiagnosticKind::MissingSection,
                None,
                "page has no Permissions section",
            ));
            Default::default()
        }
    };
    if let PermissionSource::Include { line, resolved, .. } = &permissions.source {
        for include in common.includes.iter_mut().filter(|i| i.line == *line) {
            include.resolved = *resolved;
        }
    }

    let operations = match http_section(outline) {
        Some(s) => {
            let ops = http::operations(outline.body(s), &mut diagnostics);
            if ops.is_empty() {
                diagnostics.push(Diagnostic::error(
                    DiagnosticKind::NoOperations,
                    Some(outline.blocks[s.heading].line),
                    "the HTTP request section has no request line",
                ));
            }
            ops
        }
        None => {
            // Some pages split the request lines by scenario under headings of their
            // own ("Get the tenant's root site"): take the `ignored` http blocks that
            // come before the examples.
            let end = outline
                .sections
                .iter()
                .find(|s| s.title.starts_with("example"))
                .map(|s| s.heading)
                .unwrap_or(outline.blocks.len());
            let blocks: Vec<Block<'_>> = outline.blocks[..end]
                .iter()
                .filter(|b| {
                    matches!(&b.kind, BlockKind::Code { info, .. } if info.eq_ignore_ascii_case("http"))
                        && b.annotation.as_ref().is_some_and(|a| a.json.contains("ignored"))
                })
                .copied()
                .collect();
            let ops = http::operations(&blocks, &mut diagnostics);
            if ops.is_empty() {
                diagnostics.push(Diagnostic::error(
                    DiagnosticKind::MissingSection,
                    None,
                    "page has no HTTP request section",
                ));
            } else {
                diagnostics.push(Diagnostic::note(
                    DiagnosticKind::MissingSection,
                    None,
                    "page has no HTTP request section; request lines read from its `ignored` http blocks",
                ));
            }
            ops
        }
    };

    let mut request_headers = Vec::new();
    for section in outline.sections_where(|t| {
        t == "request headers" || t == "optional request headers" || t == "request header"
    }) {
        for table in tables_in(outline.own_body(section)) {
            request_headers.extend(headers(table, &mut diagnostics));
        }
    }

    let path_parameters =
        param_tables(outline, &["path parameters"], "path parameter", &mut diagnostics);
    let function_parameters = param_tables(
        outline,
        &["function parameters", "parameters"],
        "function parameter",
        &mut diagnostics,
    );
    let query_parameters = query_parameters(outline, &mut diagnostics);
    let mut request_body = request_body(outline, &mut diagnostics);

    let examples = examples::examples(outline, &mut diagnostics);
    let (mut response, stated, code_paragraphs) = match response_section(outline) {
        Some(s) => {
            let read = response::section(outline, s, &mut diagnostics);
            if read.response.status_codes.is_empty() {
                diagnostics.push(Diagnostic::warning(
                    DiagnosticKind::MissingStatusCode,
                    read.response.line,
                    "the Response section names no success status code",
                ));
            }
            (read.response, read.stated, read.code_paragraphs)
        }
        None => {
            diagnostics.push(Diagnostic::warning(
                DiagnosticKind::MissingSection,
                None,
                "page has no Response section",
            ));
            (Response::default(), true, Vec::new())
        }
    };
    // Codes read from a response the section shows are an example's: comparing them with
    // the other examples (often of other steps: an upload session's) says nothing about
    // the prose.
    if stated {
        response::check_examples(&response, &examples, &mut diagnostics);
    }
    response::body_from_annotations(&mut response, &examples, &mut diagnostics);
    response::body_from_prose_alone(&mut response, &code_paragraphs, &examples, &mut diagnostics);
    infer_update_body(&mut request_body, &operations, &response, &common.title, &mut diagnostics);

    diagnostics.sort_by_key(|d| (d.line.unwrap_or(0), d.kind));
    ApiPage {
        format: SPEC_FORMAT_VERSION,
        stem: common.stem,
        version: common.version,
        version_source: common.version_source,
        source: common.source,
        doc_url,
        front_matter: common.front_matter,
        title: common.title,
        resource,
        action,
        namespace: common.namespace,
        description: common.description,
        includes: common.includes,
        operations,
        permissions,
        path_parameters,
        function_parameters,
        query_parameters,
        request_headers,
        request_body,
        response,
        examples,
        diagnostics,
    }
}

/// `call: stopTranscription` -> (`call`, `stopTranscription`).
fn split_title(title: &str) -> (Option<String>, Option<String>) {
    match title.split_once(':') {
        Some((r, a)) => {
            let (r, a) = (r.trim(), a.trim());
            let word = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
            if word(r) && word(a) {
                (Some(r.to_string()), Some(a.to_string()))
            } else {
                (None, None)
            }
        }
        None => (None, None),
    }
}

/// The first "HTTP request" section (a few pages use H3).
fn http_section<'o>(outline: &Outline<'o>) -> Option<&'o Section<'o>> {
    outline.section(&["http request", "http requests", "http request syntax"])
}

/// The Response section that describes success: the first one at the level of the
/// HTTP request section (example responses sit deeper); else a deeper one that comes
/// before any example (`### Response` filed under `## Request body`).
fn response_section<'o>(outline: &Outline<'o>) -> Option<&'o Section<'o>> {
    let level = http_section(outline).map(|s| s.level).unwrap_or(2);
    let is_response = |s: &Section<'_>| s.title == "response" || s.title == "responses";
    let sections = outline.sections;
    sections.iter().find(|s| s.level <= level && is_response(s)).or_else(|| {
        let examples = sections.iter().position(|s| s.title.starts_with("example"));
        sections[..examples.unwrap_or(sections.len())].iter().find(|s| is_response(s))
    })
}

fn tables_in<'a, 's>(
    blocks: &'a [Block<'s>],
) -> impl Iterator<Item = &'a super::outline::Table<'s>> + 'a {
    blocks.iter().filter_map(|b| match &b.kind {
        BlockKind::Table(t) => Some(t),
        _ => None,
    })
}

fn headers(table: &super::outline::Table<'_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Header> {
    let cols = columns(table);
    let value_col = cols.description.or(cols.value).or(Some(1));
    let mut out = Vec::new();
    for row in table.rows {
        tables::check_row_width(table, row, "request header", diagnostics);
        let Some(name_cell) = cell(row, cols.name.or(Some(0))) else { continue };
        let name = name_text(name_cell);
        if name.is_empty() {
            continue;
        }
        let value = cell(row, value_col).map(|c| c.markdown.to_string()).unwrap_or_default();
        let required = match cell(row, cols.required) {
            Some(c) => requirement_cell(c.text),
            None => requirement_in_text(&value),
        };
        out.push(Header { name, value, required, line: row.line });
    }
    out
}

fn param_tables(
    outline: &Outline<'_>,
    titles: &[&str],
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Param> {
    let mut out = Vec::new();
    for section in outline.sections_where(|t| titles.contains(&t)) {
        for table in tables_in(outline.own_body(section)) {
            let cols = columns(table);
            if cols.name.is_some() || cols.type_.is_some() {
                out.extend(tables::params_in(table, cols, what, diagnostics));
            }
        }
    }
    out
}

/// The query parameters a page documents: the rows of the parameter tables under its
/// query parameters heading, and the OData options its prose there names. A row the
/// page does not mark either way is optional under an "Optional query parameters"
/// heading, and required after prose asking for "the following required query
/// parameters". A table with no name column there (`Vendor name | $filter keyword`,
/// `Value | Description`: a parameter's values) lists something else: it is reported,
/// not read as parameters.
fn query_parameters(outline: &Outline<'_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<QueryParam> {
    let mut out: Vec<QueryParam> = Vec::new();
    let sections = outline.sections_where(|t| {
        t == "optional query parameters" || t == "query parameters" || t == "odata query parameters"
    });
    for section in sections {
        // What the heading says of every parameter under it; a row or the prose may
        // say more.
        let heading_says = if section.title.starts_with("optional") {
            Requirement::Optional
        } else {
            Requirement::Unstated
        };
        let mut unstated = heading_says;
        for block in outline.own_body(section) {
            match &block.kind {
                BlockKind::Table(table) => {
                    let cols = columns(table);
                    if cols.name.is_none() {
                        diagnostics.push(Diagnostic::warning(
                            DiagnosticKind::UnrecognizedTable,
                            Some(block.line),
                            "query parameters table has no Name/Parameter column: not read as \
                             parameters",
                        ));
                        continue;
                    }
                    for p in tables::params_in(table, cols, "query parameter", diagnostics) {
                        let type_expr = (!p.type_text.is_empty()).then_some(p.type_expr);
                        let required = match p.required {
                            Requirement::Unstated => unstated,
                            stated => stated,
                        };
                        out.push(QueryParam {
                            name: p.name,
                            type_expr,
                            description: p.description,
                            required,
                            line: p.line,
                        });
                    }
                }
                BlockKind::Paragraph(inline) => {
                    let md = inline.markdown;
                    if text::contains_lower(md, "following required query parameter") {
                        unstated = Requirement::Required;
                    }
                    if memchr::memchr(b'$', md.as_bytes()).is_none() {
                        continue; // names no option (every option starts with `$`)
                    }
                    for option in ODATA_OPTIONS {
                        // Each option has one `$`, its first byte: its occurrences are
                        // the `$`s it starts at.
                        let mentioned = memchr::memchr_iter(b'$', md.as_bytes()).any(|i| {
                            md[i..].starts_with(option)
                                && !md
                                    .as_bytes()
                                    .get(i + option.len())
                                    .is_some_and(u8::is_ascii_alphanumeric)
                        });
                        if mentioned && !out.iter().any(|q| q.name.eq_ignore_ascii_case(option)) {
                            out.push(QueryParam {
                                name: option.to_string(),
                                type_expr: None,
                                description: String::new(),
                                required: heading_says,
                                line: block.line,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn request_body(outline: &Outline<'_>, diagnostics: &mut Vec<Diagnostic>) -> RequestBody {
    let Some(section) = outline.section(&["request body"]) else {
        return RequestBody::default();
    };
    let blocks = outline.own_body(section);
    let mut body =
        RequestBody { line: Some(outline.blocks[section.heading].line), ..RequestBody::default() };
    let mut prose: Vec<&str> = Vec::new();
    let mut resource_link: Option<TypeExpr> = None;
    for block in blocks {
        match &block.kind {
            BlockKind::Table(table) => {
                let cols = columns(table);
                if cols.name.is_some() && (cols.type_.is_some() || cols.description.is_some()) {
                    body.params.extend(tables::params_in(
                        table,
                        cols,
                        "request body parameter",
                        diagnostics,
                    ));
                } else {
                    diagnostics.push(Diagnostic::warning(
                        DiagnosticKind::UnrecognizedTable,
                        Some(block.line),
                        "request body table has no Name/Parameter/Property column",
                    ));
                }
            }
            BlockKind::Paragraph(inline) => {
                prose.push(inline.markdown);
                if resource_link.is_none()
                    && text::contains_lower(inline.text, "json representation")
                {
                    resource_link = inline
                        .links
                        .iter()
                        .find(|l| l.dest.contains("resources/") || !l.dest.contains('/'))
                        .filter(|l| l.dest.ends_with(".md") || l.dest.contains(".md#"))
                        .map(|l| {
                            TypeExpr::named(
                                l.text.trim_matches(['*', '`']),
                                types::link_stem(l.dest),
                            )
                        })
                        .or_else(|| types::bold_named(inline.markdown));
                }
            }
            _ => {}
        }
    }
    body.description = prose.join("\n\n");
    let lower = body.description.to_ascii_lowercase();
    body.kind = if !body.params.is_empty() {
        BodyKind::Parameters
    } else if lower.contains("do not supply")
        || lower.contains("don't supply")
        || lower.contains("no request body")
        || lower.contains("not supply a request body")
    {
        BodyKind::None
    } else if let Some(type_expr) = resource_link {
        BodyKind::Resource { type_expr }
    } else if lower.contains("binary")
        || lower.contains("stream")
        || lower.contains("contents of the file")
    {
        BodyKind::Stream
    } else {
        BodyKind::Unstated
    };
    body
}

/// An update (`PATCH`/`PUT`) whose body section only says to "supply the values for
/// relevant fields that should be updated", with no table, sends the resource it
/// updates: the type its response returns ("... and an updated **event** object"), else
/// (a `204` update) the type its title names ("Update event"). Left unstated otherwise.
fn infer_update_body(
    body: &mut RequestBody,
    operations: &[Operation],
    response: &Response,
    title: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let update = operations.iter().any(|o| matches!(o.method, HttpMethod::Patch | HttpMethod::Put));
    let says = text::contains_lower(&body.description, "updated")
        || text::contains_lower(&body.description, "to update");
    if body.kind != BodyKind::Unstated || !body.params.is_empty() || !update || !says {
        return;
    }
    let returned = response.body.as_ref().filter(|b| !b.type_expr.is_collection());
    let titled = title
        .strip_prefix("Update ")
        .map(|rest| rest.trim().trim_matches(['*', '`']))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()));
    let (type_expr, from) = match (returned, titled) {
        (Some(returned), _) => (returned.type_expr.clone(), "the resource the response returns"),
        (None, Some(name)) => (TypeExpr::named(name, None), "the type the title names"),
        (None, None) => return,
    };
    body.kind = BodyKind::Resource { type_expr };
    diagnostics.push(Diagnostic::note(
        DiagnosticKind::Other,
        body.line,
        format!("the request body names no type; the properties to update are read as {from}"),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            split_title("call: stopTranscription"),
            (Some("call".into()), Some("stopTranscription".into()))
        );
        assert_eq!(split_title("Create call"), (None, None));
        assert_eq!(split_title("Get a call: now"), (None, None));
    }

    #[test]
    fn the_response_section_at_the_request_level_else_before_the_examples() {
        let line_of = |md: &str| {
            let arena = crate::distill::outline::Arena::new();
            let o = Outline::parse(md, &arena);
            response_section(&o).map(|s| o.blocks[s.heading].line)
        };
        let head = "# t\n\n## HTTP request\n\n```http\nGET /a\n```\n\n## Request body\n\n";
        // `### Response` filed under the request body, before the examples.
        let misfiled = format!("{head}### Response\n\nok\n\n## Examples\n\n### Response\n\nx\n");
        assert_eq!(line_of(&misfiled), Some(11));
        // The one at the request's level wins, wherever it is.
        let both = format!("{misfiled}\n## Response\n\ny\n");
        assert_eq!(line_of(&both), Some(21));
        // An example's response is not the section.
        let only_example = format!("{head}## Example\n\n### Response\n\nx\n");
        assert_eq!(line_of(&only_example), None);
    }

    #[test]
    fn a_resource_body_is_named_by_a_link_else_in_bold() {
        let kind = |md: &str| {
            let arena = crate::distill::outline::Arena::new();
            let page = format!("# t\n\n## Request body\n\n{md}\n\n## Response\n");
            request_body(&Outline::parse(&page, &arena), &mut Vec::new()).kind
        };
        let link = "In the request body, supply a JSON representation of a \
                    [call](../resources/call.md) object.";
        let named = |name: &str, page: Option<&str>| BodyKind::Resource {
            type_expr: TypeExpr::named(name, page.map(str::to_string)),
        };
        assert_eq!(kind(link), named("call", Some("call")));
        let bold = "In the request body, supply a JSON representation of **customers** object.";
        assert_eq!(kind(bold), named("customers", None));
        assert_eq!(kind("Do not supply a request body for this method."), BodyKind::None);
    }

    #[test]
    fn query_parameters_take_their_requirement_from_heading_and_prose() {
        let page = "# t\n\n## Query parameters\n\nIn the request URL, provide the following \
                    required query parameters with values.\n\n| Parameter | Type | Description \
                    |\n|:--|:--|:--|\n| startDateTime | String | The start. |\n| top | Int32 | \
                    Optional. At most. |\n\n## Optional query parameters\n\nThis method \
                    supports `$select`.\n\n| Name | Description |\n|:--|:--|\n| $count | \
                    Counts. |\n\n| Vendor name | $filter keyword |\n|:--|:--|\n| Azure \
                    Sentinel | Azure Sentinel |\n\n| Value | Description |\n|:--|:--|\n| glb \
                    | Converts to GLB. |\n";
        let arena = crate::distill::outline::Arena::new();
        let outline = Outline::parse(page, &arena);
        let mut diagnostics = Vec::new();
        let params = query_parameters(&outline, &mut diagnostics);
        let got: Vec<_> = params.iter().map(|p| (p.name.as_str(), p.required)).collect();
        assert_eq!(
            got,
            [
                ("startDateTime", Requirement::Required),
                ("top", Requirement::Optional),
                ("$select", Requirement::Optional),
                ("$count", Requirement::Optional),
            ]
        );
        let skipped: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::UnrecognizedTable)
            .map(|d| d.line)
            .collect();
        assert_eq!(skipped, [Some(20), Some(24)], "{diagnostics:?}");
    }
}
