//! The spec model: the contract between the distiller and the emitter.
//!
//! One JSON file per doc page, `specs/<version>/api/<stem>.json` or
//! `specs/<version>/resources/<stem>.json`, each a [`PageSpec`]. This module holds
//! the serde types and nothing else: no parsing of markdown, no emitting of Rust.
//!
//! Conventions, so that the JSON is deterministic and diffs stay readable:
//! - struct fields serialize in declaration order;
//! - lists keep the page's order where the order carries meaning (operations, table
//!   rows, examples, enum members) and are sorted where it does not (e.g.
//!   [`FrontMatter::extra`] is a `BTreeMap`);
//! - empty lists, `None` and `false` flags are omitted so a spec says only what its
//!   page says;
//! - every fact that came from a line of the page carries that 1-based `line`.
//!
//! The JSON Schema of the format is generated from these types ([`json_schema`]) and
//! checked in as `specs/schema.json`.

mod api;
mod common;
mod diagnostic;
mod example;
mod json;
mod lock;
mod page_reader;
mod permissions;
mod resource;
mod types;

pub use api::{
    ApiPage, ArgValue, BodyKind, FunctionArg, Header, LocationHeader, Operation, Param, PathParam,
    PathSegment, QueryParam, RequestBody, Response, ResponseBody, StatusCode, is_redirect,
    is_success,
};
pub use common::{ApiVersion, FrontMatter, HttpMethod, Include, Requirement, VersionSource};
pub use diagnostic::{Diagnostic, DiagnosticKind, Severity};
pub use example::{Annotation, Example, ExampleBody, ExampleKind, HttpRequest, HttpResponse};
pub use json::JsonText;
pub use lock::{LockFile, LockedPage};
pub use permissions::{
    PermissionKind, PermissionRow, PermissionSource, PermissionValue, Permissions,
};
pub use resource::{
    EnumDef, EnumMember, JsonRepresentation, MethodRef, Property, ResourceKind, ResourcePage,
};
pub use types::{Primitive, TypeExpr};

use schemars::JsonSchema;
use serde::Serialize;

/// Version of the spec format. Bumped whenever a change to these types would make an
/// older spec read differently.
pub const SPEC_FORMAT_VERSION: u32 = 1;

/// One distilled doc page: an API (action) page or a resource (type) page.
///
/// Serialized with a `"page"` tag: `{"page": "api", ...}` or `{"page": "resource", ...}`.
///
/// Read without buffering when `"page"` is the first member, as written specs have it
/// (see `page_reader`), so that an error inside the page names its line.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "page", rename_all = "snake_case")]
// Specs are built and written one at a time; boxing the larger variant would only add
// an indirection to every access.
#[allow(clippy::large_enum_variant)]
pub enum PageSpec {
    /// A page under `api/`: one action (one or more HTTP operations).
    Api(ApiPage),
    /// A page under `resources/`: an entity, complex or enum type (or several enums).
    Resource(ResourcePage),
}

impl PageSpec {
    /// The page's stem (file name without `.md`).
    pub fn stem(&self) -> &str {
        match self {
            PageSpec::Api(p) => &p.stem,
            PageSpec::Resource(p) => &p.stem,
        }
    }

    /// The API version the page documents.
    pub fn version(&self) -> ApiVersion {
        match self {
            PageSpec::Api(p) => p.version,
            PageSpec::Resource(p) => p.version,
        }
    }

    /// The page's diagnostics.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            PageSpec::Api(p) => &p.diagnostics,
            PageSpec::Resource(p) => &p.diagnostics,
        }
    }

    /// Where the spec file of this page lives, relative to the specs root:
    /// `<version>/api/<stem>.json` or `<version>/resources/<stem>.json`.
    pub fn spec_path(&self) -> String {
        let folder = match self {
            PageSpec::Api(_) => "api",
            PageSpec::Resource(_) => "resources",
        };
        format!("{}/{}/{}.json", self.version().as_str(), folder, self.stem())
    }

    /// Deterministic pretty JSON (two-space indent, trailing newline).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .expect("spec types serialize infallibly: no maps with non-string keys");
        text.push('\n');
        text
    }

    /// Parse a spec file's text.
    pub fn from_json(text: &str) -> Result<PageSpec, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// The JSON Schema of the spec format (checked in as `specs/schema.json`).
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(PageSpec);
    serde_json::to_value(schema).expect("a schema is plain JSON")
}

/// Helpers for `skip_serializing_if`.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}
