//! The hostile-page catalogue: a good page pair and one docs tree per hostile case,
//! built in code (nothing here is a copy of the real docs). Shared, by `#[path]`, by
//! the hostile suite (`tests/hostile.rs`, which asserts each case's diagnostics) and by
//! `tests/downstream/build.rs` (which distills every case, generates, and compiles the
//! output, so "valid code is generated" is checked by the compiler).
//!
//! Only `std`: a build script includes it.

#![allow(dead_code)]

/// The folder of the v1.0 pages, relative to the docs root.
pub const API: &str = "api-reference/v1.0/api";
/// The folder of the v1.0 resource pages, relative to the docs root.
pub const RESOURCES: &str = "api-reference/v1.0/resources";

/// One hostile case: the files it adds to a docs tree and the page it is about.
pub struct Case {
    /// A short name (test names and messages).
    pub name: &'static str,
    /// The hostile page, relative to the docs root.
    pub page: String,
    /// Every file of the case (the hostile page first), relative to the docs root.
    pub files: Vec<(String, Vec<u8>)>,
    /// Whether the page still describes a usable action (its code must compile).
    pub usable: bool,
}

/// The well-formed pages every case runs beside: `GET /widgets/{id}` and its type.
pub fn good_pages() -> Vec<(String, Vec<u8>)> {
    vec![
        (
            format!("{API}/widget-get.md"),
            api_page(
                "Get widget",
                "Read a widget.",
                "GET /widgets/{id}",
                None,
                "If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.",
                "",
            )
            .into_bytes(),
        ),
        (
            format!("{RESOURCES}/widget.md"),
            resource_page(
                "widget",
                "| id | String | The identifier. |\n| displayName | String | The name. |",
                "",
            )
            .into_bytes(),
        ),
    ]
}

/// An API page: front matter, title, description, permissions, the request line(s), an
/// optional request body table (rows only), the response prose, and `tail` (examples).
pub fn api_page(
    title: &str,
    description: &str,
    http: &str,
    body_rows: Option<&str>,
    response: &str,
    tail: &str,
) -> String {
    let body = match body_rows {
        Some(rows) => format!(
            "In the request body, provide a JSON object with the following parameters.\n\n\
             | Parameter | Type | Description |\n|:----------|:-----|:------------|\n{rows}\n"
        ),
        None => "Don't supply a request body for this method.\n".to_string(),
    };
    format!(
        "---\ntitle: \"{title}\"\ndescription: \"{description}\"\ndoc_type: apiPageType\n---\n\n\
         # {title}\n\nNamespace: microsoft.graph\n\n{description}\n\n\
         ## Permissions\n\n\
         | Permission type | Permissions (from least to most privileged) |\n\
         |:----------------|:--------------------------------------------|\n\
         | Delegated (work or school account) | Widget.Read |\n\
         | Delegated (personal Microsoft account) | Not supported. |\n\
         | Application | Widget.Read.All |\n\n\
         ## HTTP request\n\n```http\n{http}\n```\n\n\
         ## Request headers\n\n| Name | Description |\n|:-----|:------------|\n\
         | Authorization | Bearer {{token}}. Required. |\n\n\
         ## Request body\n\n{body}\n## Response\n\n{response}\n\n{tail}"
    )
}

/// A resource page defining `name`: a properties table (rows only) and `extra` sections.
pub fn resource_page(name: &str, property_rows: &str, extra: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndescription: \"A {name}.\"\ndoc_type: resourcePageType\n---\n\n\
         # {name} resource type\n\nNamespace: microsoft.graph\n\nA {name}.\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:---------|:-----|:------------|\n\
         {property_rows}\n\n{extra}\
         ## JSON representation\n\n\
         <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
         ```json\n{{\n  \"@odata.type\": \"#microsoft.graph.{name}\"\n}}\n```\n"
    )
}

/// An enum page: `name` with `members` (one table row each, as written).
pub fn enum_page(name: &str, members: &[&str]) -> String {
    let rows: String = members.iter().map(|m| format!("| {m} | A member. |\n")).collect();
    format!(
        "---\ntitle: \"{name} enum type\"\ndoc_type: enumPageType\n---\n\n\
         # {name} enum type\n\nNamespace: microsoft.graph\n\nValues of {name}.\n\n\
         ## Members\n\n| Member | Description |\n|:-------|:------------|\n{rows}"
    )
}

/// A request/response example pair, each with its annotation comment.
pub fn examples(request: &str, response_annotation: &str, response: &str) -> String {
    format!(
        "## Example\n\n### Request\n\n\
         <!-- {{ \"blockType\": \"request\", \"name\": \"example\" }} -->\n\
         ```http\n{request}\n```\n\n### Response\n\n\
         <!-- {response_annotation} -->\n```http\n{response}\n```\n"
    )
}

fn api(stem: &str) -> String {
    format!("{API}/{stem}.md")
}

fn resource(stem: &str) -> String {
    format!("{RESOURCES}/{stem}.md")
}

const NO_CONTENT: &str = "If successful, this method returns a `204 No Content` response code.";

/// Every hostile case.
pub fn cases() -> Vec<Case> {
    vec![
        unclosed_fence(),
        ragged_table(),
        huge_page(),
        deep_lists(),
        html_garbage(),
        invalid_utf8(),
        bad_annotation(),
        trailing_comma_annotation(),
        same_action_twice(),
        keyword_names(),
        case_collisions(),
        self_containing_type(),
        unknown_type(),
        odd_enum_members(),
        alternative_key(),
    ]
}

fn case(name: &'static str, usable: bool, files: Vec<(String, String)>) -> Case {
    let page = files[0].0.clone();
    let files = files.into_iter().map(|(p, t)| (p, t.into_bytes())).collect();
    Case { name, page, files, usable }
}

/// The request's code fence is never closed: it swallows the Response heading and
/// everything after it.
fn unclosed_fence() -> Case {
    let page = api_page(
        "gadget: reset",
        "Reset a gadget.",
        "POST /gadgets/{id}/reset",
        None,
        NO_CONTENT,
        "## Example\n\n### Request\n\n```http\nPOST https://graph.microsoft.com/v1.0/gadgets/1/reset\n\n\
         ### Response\n\nHTTP/1.1 204 No Content\n",
    );
    // The fence before `## Response` loses its closing line.
    let page = page.replacen("POST /gadgets/{id}/reset\n```\n", "POST /gadgets/{id}/reset\n", 1);
    case("unclosed_fence", false, vec![(api("gadget-reset"), page)])
}

/// A request body table whose rows have missing and extra cells.
fn ragged_table() -> Case {
    let page = api_page(
        "gadget: tune",
        "Tune a gadget.",
        "POST /gadgets/{id}/tune",
        Some(
            "| level | Int32 |\n| mode | String | The mode. | an extra cell |\n| pitch | Double | The pitch. |",
        ),
        NO_CONTENT,
        "",
    );
    case("ragged_table", true, vec![(api("gadget-tune"), page)])
}

/// A page of 10 MB: a real action followed by a giant table.
fn huge_page() -> Case {
    let mut page = api_page(
        "gadget: bulk",
        "A very long page.",
        "POST /gadgets/{id}/bulk",
        None,
        NO_CONTENT,
        "## Notes\n\n| Name | Description |\n|:-----|:------------|\n",
    );
    let row = "| row | padding padding padding padding padding padding padding padding |\n";
    while page.len() < 10 * 1024 * 1024 {
        page.push_str(row);
    }
    case("huge_page", false, vec![(api("gadget-bulk"), page)])
}

/// A list nested 1,000 deep, block quotes and brackets 5,000 deep, before the request section.
fn deep_lists() -> Case {
    let mut nested = String::new();
    for depth in 0..1000 {
        nested.push_str(&"  ".repeat(depth));
        nested.push_str("- item\n");
    }
    nested.push('\n');
    nested.push_str(&">".repeat(5000));
    nested.push_str(" quoted\n\n");
    nested.push_str(&"[".repeat(5000));
    nested.push('\n');
    let page = api_page(
        "gadget: nest",
        "Nest a gadget.",
        "POST /gadgets/{id}/nest",
        Some("| depth | Int32 | How deep. |"),
        NO_CONTENT,
        "",
    )
    .replacen("## Permissions", &format!("{nested}\n## Permissions"), 1);
    case("deep_lists", true, vec![(api("gadget-nest"), page)])
}

/// Unclosed and mismatched HTML tags, a script, and an unterminated comment in the
/// examples, after a well-formed action.
fn html_garbage() -> Case {
    let garbage = "<div><table><tr><td>cell<td><span>\n\n<script>alert('x')</script>\n\n\
                   </div></div></p><br/><img src=x onerror=alert(1)>\n\n\
                   <details><summary>more</summary>\n\n| not | a |\n|---|\n\n<!-- never closed\n";
    let page = api_page(
        "gadget: paint",
        "Paint a gadget.",
        "POST /gadgets/{id}/paint",
        Some("| color | String | <b>The color</b><br>(any <i>CSS</i> name). |"),
        NO_CONTENT,
        garbage,
    );
    case("html_garbage", true, vec![(api("gadget-paint"), page)])
}

/// Bytes that are not UTF-8 in the description and in a table cell.
fn invalid_utf8() -> Case {
    let page = api_page(
        "gadget: weigh",
        "Weigh a gadget.",
        "POST /gadgets/{id}/weigh",
        Some("| unit | String | The unit (INVALID). |"),
        NO_CONTENT,
        "",
    );
    let mut bytes = page.into_bytes();
    let at = bytes.windows(7).position(|w| w == b"INVALID").expect("marker");
    bytes.splice(at..at + 7, [0xff, 0xfe, b'k', b'g', 0xc3]);
    Case {
        name: "invalid_utf8",
        page: api("gadget-weigh"),
        files: vec![(api("gadget-weigh"), bytes)],
        usable: true,
    }
}

/// A response annotation that is not JSON at all.
fn bad_annotation() -> Case {
    let page = api_page(
        "gadget: count",
        "Count gadgets.",
        "GET /gadgets/{id}/count",
        None,
        "If successful, this method returns a `200 OK` response code and an Int32 in the response body.",
        &examples(
            "GET https://graph.microsoft.com/v1.0/gadgets/1/count",
            "{ \"blockType\": \"response\", \"@odata.type\": microsoft.graph.gadget ",
            "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": 3}",
        ),
    );
    case("bad_annotation", true, vec![(api("gadget-count"), page)])
}

/// A response annotation with trailing commas (forgiven, with a note).
fn trailing_comma_annotation() -> Case {
    let page = api_page(
        "gadget: ping",
        "Ping a gadget.",
        "POST /gadgets/{id}/ping",
        None,
        NO_CONTENT,
        &examples(
            "POST https://graph.microsoft.com/v1.0/gadgets/1/ping",
            "{ \"blockType\": \"response\", \"truncated\": true, }",
            "HTTP/1.1 204 No Content",
        ),
    );
    case("trailing_comma_annotation", true, vec![(api("gadget-ping"), page)])
}

/// Two pages that define the same action (`POST /gadgets/{id}/start`).
fn same_action_twice() -> Case {
    let page = |title: &str| {
        api_page(title, "Start a gadget.", "POST /gadgets/{id}/start", None, NO_CONTENT, "")
    };
    case(
        "same_action_twice",
        true,
        vec![
            (api("gadget-start"), page("gadget: start")),
            (api("gadget-start-copy"), page("gadget: start (copy)")),
        ],
    )
}

/// Parameters, properties and types named after Rust keywords and raw identifiers.
fn keyword_names() -> Case {
    let page = api_page(
        "gadget: configure",
        "Configure a gadget.",
        "POST /gadgets/{self}/configure",
        Some(
            "| type | String | A keyword. |\n| self | [Self](../resources/self.md) | A keyword type. |\n\
             | Self | [type](../resources/type.md) | Another. |\n| crate | [crate](../resources/crate.md) | And another. |\n\
             | r#try | Boolean | Already raw. |\n| super | Int32 | Yet another. |",
        ),
        NO_CONTENT,
        "",
    );
    let keywordy = "| type | String | A keyword. |\n| self | String | A keyword. |\n| Self | Boolean | A keyword. |\n\
                    | crate | Int32 | A keyword. |\n| r#try | String | Raw already. |\n| fn | String | A keyword. |";
    case(
        "keyword_names",
        true,
        vec![
            (api("gadget-configure"), page),
            (resource("self"), resource_page("Self", keywordy, "")),
            (resource("type"), resource_page("type", keywordy, "")),
            (resource("crate"), enum_page("crate", &["self", "Self", "type", "crate", "r#try"])),
        ],
    )
}

/// Names that collide once converted to snake or Pascal case.
fn case_collisions() -> Case {
    let page = api_page(
        "gadget: rename",
        "Rename a gadget.",
        "POST /gadgets/{id}/rename",
        Some(
            "| displayName | String | One. |\n| display_name | String | Two. |\n| DisplayName | String | Three. |\n\
             | display-name | [gadgetName](../resources/gadgetname.md) | Four. |\n| value | [gadget_name](../resources/gadget_name.md) | Five. |",
        ),
        NO_CONTENT,
        "",
    );
    case(
        "case_collisions",
        true,
        vec![
            (api("gadget-rename"), page),
            (
                resource("gadgetname"),
                resource_page(
                    "gadgetName",
                    "| id | String | One. |\n| ID | String | Two. |\n| Id | Int32 | Three. |",
                    "",
                ),
            ),
            (resource("gadget_name"), resource_page("gadget_name", "| id | String | One. |", "")),
        ],
    )
}

/// A type that contains itself, directly and through another type.
fn self_containing_type() -> Case {
    let page = api_page(
        "gadget: link",
        "Link gadgets.",
        "POST /gadgets/{id}/link",
        Some("| node | [gadgetNode](../resources/gadgetnode.md) | The start. |"),
        NO_CONTENT,
        "",
    );
    case(
        "self_containing_type",
        true,
        vec![
            (api("gadget-link"), page),
            (
                resource("gadgetnode"),
                resource_page(
                    "gadgetNode",
                    "| next | [gadgetNode](gadgetnode.md) | Itself. |\n| edge | [gadgetEdge](gadgetedge.md) | Through another. |",
                    "",
                ),
            ),
            (
                resource("gadgetedge"),
                resource_page("gadgetEdge", "| to | [gadgetNode](gadgetnode.md) | Back. |", ""),
            ),
        ],
    )
}

/// A parameter whose type no page defines, and one whose type cell is not a type.
fn unknown_type() -> Case {
    let page = api_page(
        "gadget: import",
        "Import a gadget.",
        "POST /gadgets/{id}/import",
        Some(
            "| blob | [gadgetBlob](../resources/gadgetblob.md) | Not documented anywhere. |\n| shape | ??? | Unreadable. |",
        ),
        NO_CONTENT,
        "",
    );
    case("unknown_type", true, vec![(api("gadget-import"), page)])
}

/// Enum members that are not identifiers.
fn odd_enum_members() -> Case {
    let page = api_page(
        "gadget: setQuality",
        "Set a gadget's quality.",
        "POST /gadgets/{id}/setQuality",
        Some("| quality | [gadgetQuality](../resources/gadgetquality.md) | The quality. |"),
        NO_CONTENT,
        "",
    );
    case(
        "odd_enum_members",
        true,
        vec![
            (api("gadget-setquality"), page),
            (
                resource("gadgetquality"),
                enum_page(
                    "gadgetQuality",
                    &[
                        "1080p",
                        "720p",
                        "-",
                        "a b",
                        "é",
                        "other",
                        "Other",
                        "unknownFutureValue",
                        "self",
                    ],
                ),
            ),
        ],
    )
}

/// A key written as alternatives: `{id | userPrincipalName}`.
fn alternative_key() -> Case {
    let page = api_page(
        "gadget owner: get",
        "Get a gadget's owner.",
        "GET /users/{id | userPrincipalName}/gadgets/{gadget-id}",
        None,
        "If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.",
        "",
    );
    case("alternative_key", true, vec![(api("gadget-owner-get"), page)])
}
