//! Example blocks: the requests, responses and notifications a page shows.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{HttpMethod, JsonText, is_false};

/// One example block (a fenced code block of an example section, or any block an
/// annotation comment marks as `request`, `response` or `example`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// What the block is.
    pub kind: ExampleKind,
    /// The nearest heading above the block ("Request", "Notification - operation
    /// completed"), as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The annotation comment before the block, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotation: Option<Annotation>,
    /// The request, for request blocks (and for notifications whose POST line is shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<HttpRequest>,
    /// The response, for response blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<HttpResponse>,
    /// The payload of a block that is not an HTTP message: a notification, or a
    /// response shown without its status line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<ExampleBody>,
    /// 1-based line of the code fence.
    pub line: u32,
}

impl Example {
    /// The body a response example shows, with its status line or without; `None` for
    /// other kinds.
    pub fn response_body(&self) -> Option<&ExampleBody> {
        if self.kind != ExampleKind::Response {
            return None;
        }
        self.response.as_ref().and_then(|r| r.body.as_ref()).or(self.body.as_ref())
    }
}

/// The kind of an example block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum ExampleKind {
    /// An HTTP request (`blockType: request`).
    Request,
    /// An HTTP response (`blockType: response`).
    Response,
    /// A notification sent to the app's callback (webhook payload).
    Notification,
    /// Any other annotated `example` block.
    Other,
}

/// The annotation comment before a block (`<!-- { "blockType": "request", ... } -->`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// `blockType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_type: Option<String>,
    /// `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `truncated`: the example omits properties, so a round trip compares only the
    /// properties it shows.
    #[serde(default, skip_serializing_if = "is_false")]
    pub truncated: bool,
    /// `@odata.type`: the type of the JSON shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    /// `isCollection`: the JSON is a collection of `odata_type`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_collection: bool,
    /// Every field of the annotation as written, when it parsed as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<JsonText>,
    /// 1-based line of the comment.
    pub line: u32,
}

/// An example request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HttpRequest {
    /// The method.
    pub method: HttpMethod,
    /// The URL as written (absolute or a path).
    pub url: String,
    /// Headers in order, names as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// The body, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<ExampleBody>,
}

/// An example response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HttpResponse {
    /// The status code of the status line.
    pub status: u16,
    /// The reason phrase, as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Headers in order, names as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// The body, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<ExampleBody>,
}

/// A body shown in an example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExampleBody {
    /// Valid JSON (key order as on the page).
    Json {
        /// The value.
        value: JsonText,
    },
    /// Text that should be JSON but does not parse (a diagnostic says why).
    InvalidJson {
        /// The text as written.
        text: String,
        /// The parser's message, with line and column within the body.
        error: String,
    },
    /// A non-JSON body (text, XML, binary placeholder), as written.
    Text {
        /// The text.
        text: String,
    },
}
