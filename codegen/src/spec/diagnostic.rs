//! Diagnostics: what a page lacks or contradicts.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Something the distiller noticed about a page. The page's file is the spec's
/// `source`; `line` points into it (or into `file`, for an included file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// A stable machine-readable kind (counted in summaries).
    pub kind: DiagnosticKind,
    /// A human-readable message.
    pub message: String,
    /// 1-based line, when the diagnostic has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The file the line is in, relative to the docs root, when it is not the page
    /// itself (an included permissions table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl Diagnostic {
    /// A warning at a line of the page.
    pub fn warning(kind: DiagnosticKind, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, kind, message: message.into(), line, file: None }
    }

    /// A note at a line of the page: odd, but the spec is complete.
    pub fn note(kind: DiagnosticKind, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Note, kind, message: message.into(), line, file: None }
    }

    /// An error at a line of the page: the page's spec is incomplete in a way that
    /// matters to the emitter.
    pub fn error(kind: DiagnosticKind, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, kind, message: message.into(), line, file: None }
    }
}

/// Severity of a diagnostic.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Informational: the page is odd but the spec is complete.
    Note,
    /// The page is inconsistent or incomplete; the spec records what it could.
    Warning,
    /// A fact the emitter needs is missing or unusable.
    Error,
}

/// Kinds of diagnostics. Names are stable: summaries count by them and tests match
/// them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// The front matter is not valid YAML, or not a mapping.
    InvalidFrontMatter,
    /// The page has no H1 title.
    MissingTitle,
    /// An expected section (HTTP request, Response, Properties, ...) is missing.
    MissingSection,
    /// An `[!INCLUDE]` target that carries facts (permissions, disclaimers) was not found.
    UnresolvedInclude,
    /// An annotation comment is not valid JSON.
    InvalidAnnotation,
    /// An example body that should be JSON does not parse.
    InvalidExampleJson,
    /// A code fence is never closed (it swallows the rest of the page).
    UnclosedCodeFence,
    /// A line of the HTTP request block is not `METHOD /path`.
    UnparsedRequestLine,
    /// The HTTP request section yields no operation.
    NoOperations,
    /// A path template is malformed (unbalanced braces, empty segment, ...).
    MalformedPath,
    /// A path uses the same placeholder name twice.
    DuplicatePathParam,
    /// A table's header row matches no known layout.
    UnrecognizedTable,
    /// A table row has fewer or more cells than its header.
    RaggedTableRow,
    /// A type cell could not be parsed into a type expression.
    UnparsedType,
    /// The same parameter or property name appears twice in a table.
    DuplicateName,
    /// Another page defines the same action (the same method and path template).
    DuplicateAction,
    /// A permissions row or table could not be read.
    UnparsedPermissions,
    /// The response prose names no success status code.
    MissingStatusCode,
    /// The page contradicts itself on a success status code: the prose and the examples
    /// disagree, or a code is written with another code's reason phrase
    /// (`201 No Content`).
    StatusConflict,
    /// The prose and the examples disagree on something else (body type, headers).
    ExampleConflict,
    /// The version could not be determined from the path or the disclaimer.
    AssumedVersion,
    /// The page is larger than the configured limit and was not parsed.
    PageTooLarge,
    /// The page is not valid UTF-8 (decoded lossily).
    InvalidUtf8,
    /// The kind of a resource page could not be determined.
    UnknownResourceKind,
    /// Anything else worth a look.
    Other,
}

impl DiagnosticKind {
    /// The kind's stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticKind::InvalidFrontMatter => "invalid_front_matter",
            DiagnosticKind::MissingTitle => "missing_title",
            DiagnosticKind::MissingSection => "missing_section",
            DiagnosticKind::UnresolvedInclude => "unresolved_include",
            DiagnosticKind::InvalidAnnotation => "invalid_annotation",
            DiagnosticKind::InvalidExampleJson => "invalid_example_json",
            DiagnosticKind::UnclosedCodeFence => "unclosed_code_fence",
            DiagnosticKind::UnparsedRequestLine => "unparsed_request_line",
            DiagnosticKind::NoOperations => "no_operations",
            DiagnosticKind::MalformedPath => "malformed_path",
            DiagnosticKind::DuplicatePathParam => "duplicate_path_param",
            DiagnosticKind::UnrecognizedTable => "unrecognized_table",
            DiagnosticKind::RaggedTableRow => "ragged_table_row",
            DiagnosticKind::UnparsedType => "unparsed_type",
            DiagnosticKind::DuplicateName => "duplicate_name",
            DiagnosticKind::DuplicateAction => "duplicate_action",
            DiagnosticKind::UnparsedPermissions => "unparsed_permissions",
            DiagnosticKind::MissingStatusCode => "missing_status_code",
            DiagnosticKind::StatusConflict => "status_conflict",
            DiagnosticKind::ExampleConflict => "example_conflict",
            DiagnosticKind::AssumedVersion => "assumed_version",
            DiagnosticKind::PageTooLarge => "page_too_large",
            DiagnosticKind::InvalidUtf8 => "invalid_utf8",
            DiagnosticKind::UnknownResourceKind => "unknown_resource_kind",
            DiagnosticKind::Other => "other",
        }
    }
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
