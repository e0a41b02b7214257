//! API pages: one action, its HTTP operations, parameters, response and examples.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    ApiVersion, Diagnostic, Example, FrontMatter, HttpMethod, Include, Permissions, Requirement,
    TypeExpr, VersionSource, is_false,
};

/// A distilled API page (`api-reference/<version>/api/<stem>.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiPage {
    /// Spec format version ([`super::SPEC_FORMAT_VERSION`]).
    pub format: u32,
    /// File name without `.md`, e.g. `call-stoptranscription`.
    pub stem: String,
    /// The API version documented.
    pub version: ApiVersion,
    /// How [`ApiPage::version`] was determined.
    pub version_source: VersionSource,
    /// The page's path relative to the docs root, e.g.
    /// `api-reference/beta/api/call-stoptranscription.md`.
    pub source: String,
    /// The page on the public docs site.
    pub doc_url: String,
    /// The page's front matter.
    pub front_matter: FrontMatter,
    /// The H1 title, e.g. `call: stopTranscription`.
    pub title: String,
    /// The resource named by a `resource: action` title (`call`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The action named by a `resource: action` title (`stopTranscription`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// `Namespace: microsoft.graph` line, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The prose between the title and the first section, as markdown (disclaimers and
    /// include directives removed).
    pub description: String,
    /// Every `[!INCLUDE]` directive on the page, in page order, but SDK code samples.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub includes: Vec<Include>,
    /// The HTTP operations of the "HTTP request" section, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Operation>,
    /// The permissions needed to call the action.
    pub permissions: Permissions,
    /// Rows of the "Path parameters" table, when the page has one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_parameters: Vec<Param>,
    /// Rows of a "Function parameters" table (parameters of a function call segment).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub function_parameters: Vec<Param>,
    /// Query parameters: rows of a query parameter table, plus the OData system query
    /// options (`$select`, `$filter`, ...) the prose says are supported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_parameters: Vec<QueryParam>,
    /// Rows of the "Request headers" (and "Optional request headers") tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_headers: Vec<Header>,
    /// The "Request body" section.
    pub request_body: RequestBody,
    /// The "Response" section.
    pub response: Response,
    /// Every example block on the page, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// What the page lacks or contradicts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

/// One HTTP request line of the "HTTP request" section, e.g.
/// `POST /communications/calls/{id}/microsoft.graph.StopTranscription`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path template as written (without the query string), starting with `/`.
    pub path: String,
    /// The path split into segments.
    pub segments: Vec<PathSegment>,
    /// Every `{placeholder}` of the path, in order of appearance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_params: Vec<PathParam>,
    /// The query string as written (without `?`), when the line has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The page marks this path deprecated (e.g. the `/app` alias of `/communications`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// The note that says so, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecation_note: Option<String>,
    /// 1-based line of the request line.
    pub line: u32,
}

impl Operation {
    /// The path template for matching operations across pages and snapshots: every
    /// placeholder written `{}`, everything else lower-cased (Graph paths are
    /// case-insensitive), literal function arguments kept. `/gadgets/{id}/start` and
    /// `/Gadgets/{gadget-id}/start` have the same key; `f(on='reviewer')` and
    /// `f(on='assignee')` do not.
    pub fn template_key(&self) -> String {
        let mut key = String::with_capacity(self.path.len());
        for segment in &self.segments {
            key.push('/');
            match segment {
                PathSegment::Literal { text } => key.push_str(&text.to_lowercase()),
                PathSegment::Param { .. } => key.push_str("{}"),
                PathSegment::Function { name, args } => {
                    key.push_str(&name.to_lowercase());
                    key.push('(');
                    for (i, arg) in args.iter().enumerate() {
                        if i > 0 {
                            key.push(',');
                        }
                        if let Some(name) = &arg.name {
                            key.push_str(&name.to_lowercase());
                            key.push('=');
                        }
                        match &arg.value {
                            ArgValue::Literal { text } => key.push_str(&text.to_lowercase()),
                            ArgValue::Param { .. } => key.push_str("{}"),
                        }
                    }
                    key.push(')');
                }
                PathSegment::Template { text, .. } => {
                    // Placeholders blanked: `{item-path}:` -> `{}:`.
                    let mut depth = 0usize;
                    for c in text.chars() {
                        match c {
                            '{' => {
                                if depth == 0 {
                                    key.push_str("{}");
                                }
                                depth += 1;
                            }
                            '}' => depth = depth.saturating_sub(1),
                            _ if depth > 0 => {}
                            c => key.extend(c.to_lowercase()),
                        }
                    }
                }
            }
        }
        key
    }
}

/// One `/`-separated segment of a path template.
///
/// Serialized with a `"kind"` tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PathSegment {
    /// Fixed text: `communications`, `microsoft.graph.StopTranscription`, `$value`.
    Literal {
        /// The segment text.
        text: String,
    },
    /// A whole-segment placeholder: `{id}`, `{id | userPrincipalName}`.
    Param {
        /// The placeholder's name (the first alternative): `id`.
        name: String,
    },
    /// A function call or key segment: `delta()`, `filterByCurrentUser(on='reviewer')`,
    /// `reminderView(startDateTime={startDateTime},endDateTime={endDateTime})`,
    /// `applications(appId='{appId}')`.
    Function {
        /// The function (or entity set) name before the parenthesis.
        name: String,
        /// The arguments, in order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        args: Vec<FunctionArg>,
    },
    /// Anything else that mixes fixed text and placeholders, e.g. the `root:` /
    /// `{item-path}:` forms of drive item addressing. `text` is the segment as written.
    Template {
        /// The segment text, placeholders included.
        text: String,
        /// The placeholders in it, in order.
        params: Vec<String>,
    },
}

/// One argument of a function call segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FunctionArg {
    /// The argument name (`on`); absent for positional key segments like `items('{id}')`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The argument's value.
    pub value: ArgValue,
}

/// The value of a function argument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ArgValue {
    /// A fixed value as written, quotes included: `'reviewer'`, `true`.
    Literal {
        /// The value's text.
        text: String,
    },
    /// A value the caller supplies: `{path}`, `'{appId}'` or `startDateTime-value`.
    Param {
        /// The parameter's name.
        name: String,
        /// Whether the page quotes it (`'{appId}'`): a string in OData URL syntax.
        #[serde(default, skip_serializing_if = "is_false")]
        quoted: bool,
    },
}

/// A placeholder of a path template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PathParam {
    /// The name used in the template (the first alternative of `{id | userPrincipalName}`).
    pub name: String,
    /// Every alternative name, when the placeholder lists several (`id`,
    /// `userPrincipalName`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// Index into [`Operation::segments`] of the segment holding it.
    pub segment: usize,
}

/// A row of a parameter table (request body, path or function parameters).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// The name as written (wire name), e.g. `clientContext`.
    pub name: String,
    /// The parsed type.
    #[serde(rename = "type")]
    pub type_expr: TypeExpr,
    /// The type cell's text as written (links kept), for doc comments and diffs.
    pub type_text: String,
    /// The description cell, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Whether the page says the parameter is required.
    #[serde(default, skip_serializing_if = "Requirement::is_unstated")]
    pub required: Requirement,
    /// 1-based line of the table row.
    pub line: u32,
}

/// A query parameter (a table row, or an OData option named in the prose).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QueryParam {
    /// The name, `$` included for OData system options (`$select`).
    pub name: String,
    /// The parsed type, when a table gives one.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_expr: Option<TypeExpr>,
    /// The description, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Whether the page says it is required.
    #[serde(default, skip_serializing_if = "Requirement::is_unstated")]
    pub required: Requirement,
    /// 1-based line of the row or sentence.
    pub line: u32,
}

/// A row of a request headers table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Header name, as written (`Authorization`, `Content-type`).
    pub name: String,
    /// The value / description cell (`Bearer {token}. Required.`).
    pub value: String,
    /// Whether the page says it is required.
    #[serde(default, skip_serializing_if = "Requirement::is_unstated")]
    pub required: Requirement,
    /// 1-based line of the row.
    pub line: u32,
}

/// The "Request body" section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestBody {
    /// What the prose and tables say the body is.
    pub kind: BodyKind,
    /// The section's prose, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Rows of the body parameter table, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<Param>,
    /// 1-based line of the section heading, when the page has the section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// What a request body is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BodyKind {
    /// The page has no request body section, or says nothing usable.
    #[default]
    Unstated,
    /// "Do not supply a request body for this method."
    None,
    /// A JSON object whose members are [`RequestBody::params`].
    Parameters,
    /// A JSON representation of a resource ("supply a JSON representation of a
    /// [user](../resources/user.md) object").
    Resource {
        /// The resource type.
        #[serde(rename = "type")]
        type_expr: TypeExpr,
    },
    /// A binary stream (file content uploads).
    Stream,
}

/// The "Response" section: what success looks like.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Success status codes the section names, in order: 2xx (`202 Accepted`), and the
    /// redirect of a download (`302 Found`, see [`is_redirect`]). From its prose; when
    /// that names none, from the status line of a response it shows (with a note).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_codes: Vec<StatusCode>,
    /// The body the prose says is returned; `None` when it names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<ResponseBody>,
    /// A `Location` header the prose says is returned (operation semantics; a
    /// redirect's `Location`, without a `202`, is not one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationHeader>,
    /// The section's prose, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// 1-based line of the section heading, when the page has the section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// Whether a status code is a redirect a client follows (`302 Found`, `303 See Other`,
/// `307 Temporary Redirect`): what a download answers with, pointing to a
/// pre-authenticated URL.
pub fn is_redirect(code: u16) -> bool {
    matches!(code, 302 | 303 | 307)
}

/// Whether a status code is one a [`StatusCode`] of a response may hold: a 2xx code,
/// or the redirect of a download ([`is_redirect`]).
pub fn is_success(code: u16) -> bool {
    (200..300).contains(&code) || is_redirect(code)
}

/// A status code named by the Response section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusCode {
    /// The numeric code.
    pub code: u16,
    /// The reason phrase as written (`Accepted`), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// 1-based line of the sentence.
    pub line: u32,
}

/// The body type the response prose names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseBody {
    /// The type: a named type, or a collection of one.
    #[serde(rename = "type")]
    pub type_expr: TypeExpr,
    /// 1-based line of the sentence.
    pub line: u32,
}

/// A `Location` header in the response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationHeader {
    /// What the URL in the header points to, when the prose says
    /// ("a Location header with a URI to the [commsOperation](...)").
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_expr: Option<TypeExpr>,
    /// 1-based line of the sentence.
    pub line: u32,
}
