//! Small vocabulary shared by API and resource pages.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The Graph API version a page documents.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum ApiVersion {
    /// `v1.0`: the generally available API.
    #[serde(rename = "v1.0")]
    V1,
    /// `beta`: preview APIs, subject to change.
    #[serde(rename = "beta")]
    Beta,
}

impl ApiVersion {
    /// The version as it appears in URLs and folder names: `v1.0` or `beta`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }

    /// Parse `v1.0` / `beta` (as in folder names and URLs).
    pub fn parse(text: &str) -> Option<ApiVersion> {
        match text {
            "v1.0" => Some(ApiVersion::V1),
            "beta" => Some(ApiVersion::Beta),
            _ => None,
        }
    }

    /// The `view=` value of the public docs site for this version.
    pub fn docs_view(self) -> &'static str {
        match self {
            ApiVersion::V1 => "graph-rest-1.0",
            ApiVersion::Beta => "graph-rest-beta",
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the version of a page was determined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum VersionSource {
    /// From the page's path (`api-reference/<version>/...`).
    Path,
    /// From the `[!INCLUDE [beta-disclaimer]...]` on a page whose path says nothing.
    BetaDisclaimer,
    /// Neither said anything: `v1.0` assumed (and a diagnostic recorded).
    Assumed,
}

/// HTTP methods used by Graph operations.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl HttpMethod {
    /// Every method, in the order the docs usually list them.
    pub const ALL: [HttpMethod; 5] =
        [HttpMethod::Get, HttpMethod::Post, HttpMethod::Put, HttpMethod::Patch, HttpMethod::Delete];

    /// The method's name in upper case.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// Parse a method name, case-insensitively.
    pub fn parse(text: &str) -> Option<HttpMethod> {
        HttpMethod::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a parameter, header or property is required, as the page states it.
///
/// "Not stated" is kept distinct from "optional": many tables say nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// The page says nothing either way.
    #[default]
    Unstated,
    /// The page says it is required (in any of its wordings: "Required.", "(Required)",
    /// a `Required` column saying "Yes", ...).
    Required,
    /// The page says it is optional.
    Optional,
}

impl Requirement {
    /// `true` for [`Requirement::Unstated`] (used to omit the field from JSON).
    pub fn is_unstated(&self) -> bool {
        matches!(self, Requirement::Unstated)
    }
}

/// The YAML front matter of a page, with the keys every page layout uses pulled out.
///
/// Three styles occur: the 2021 keys (`localization_priority`, `ms.prod`), the newer
/// ones (`ms.localizationpriority`, `ms.subservice`, `ms.date`) and pages with none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// `title`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `description`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `author`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The product area: `ms.subservice` (new layout) or `ms.prod` (old layout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// `doc_type` (`apiPageType`, `resourcePageType`, `enumPageType`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    /// `ms.date`, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Every other key, as text (sorted by key).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// An `[!INCLUDE [name](target)]` directive found on a page. SDK code-sample includes
/// (`sample-code`, `sdk-documentation`) are not recorded: they carry no API facts and
/// the docs archives leave them out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Include {
    /// The label: `permissions-table`, `beta-disclaimer`, `sample-code`, ...
    pub name: String,
    /// The target as written, relative to the page.
    pub target: String,
    /// The target resolved against the page's path (relative to the docs root), when it
    /// stays inside the docs root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Whether the target file was found and read.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub resolved: bool,
    /// 1-based line of the directive on the page.
    pub line: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_methods_parse_in_any_case_and_print_upper() {
        for m in HttpMethod::ALL {
            let name = m.as_str();
            assert_eq!(HttpMethod::parse(name), Some(m));
            assert_eq!(HttpMethod::parse(&name.to_ascii_lowercase()), Some(m));
            assert_eq!(m.to_string(), name);
        }
        assert_eq!(HttpMethod::parse("pAtCh"), Some(HttpMethod::Patch));
        for other in ["", "GETS", "GE", "HEAD", "OPTIONS", "GET "] {
            assert_eq!(HttpMethod::parse(other), None, "{other:?}");
        }
    }
}
