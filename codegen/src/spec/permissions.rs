//! Permissions: who may call an action, and with which scopes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The permissions of an API page.
///
/// Three layouts occur: an inline table (one row per permission type), a
/// resource-by-permission grid (one row per supported resource, one column per
/// permission type), and the newer `[!INCLUDE [permissions-table](...)]` file, which
/// is resolved relative to the page and parsed like an inline table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Permissions {
    /// Where the table came from.
    pub source: PermissionSource,
    /// One row per permission type (and per resource or qualifier, for grids and pages
    /// with several tables), in page order. A permission type with no row is "not
    /// stated", which is different from a row that says "Not supported".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<PermissionRow>,
}

/// Where a page's permissions table came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PermissionSource {
    /// The page has no permissions section, or the section has no table.
    #[default]
    Missing,
    /// A table on the page itself.
    Inline {
        /// 1-based line of the table's header row.
        line: u32,
    },
    /// A `[!INCLUDE [permissions-table](target)]` directive.
    Include {
        /// The target as written.
        target: String,
        /// The target resolved against the page's path (relative to the docs root).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        path: Option<String>,
        /// Whether the file was found and its table read.
        resolved: bool,
        /// 1-based line of the directive on the page.
        line: u32,
    },
}

/// The kinds of permission Graph distinguishes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PermissionKind {
    /// Delegated (work or school account).
    DelegatedWork,
    /// Delegated (personal Microsoft account).
    DelegatedPersonal,
    /// Application.
    Application,
}

/// One permission type's entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PermissionRow {
    /// The permission type.
    pub kind: PermissionKind,
    /// What the row applies to, when the page splits permissions: the resource of a
    /// grid row (`calendar`), or the heading of one of several tables ("Permissions
    /// acting on self").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// What the row grants.
    pub value: PermissionValue,
    /// 1-based line of the row (in the include file, for included tables).
    pub line: u32,
}

/// What a permissions row says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PermissionValue {
    /// Permission scopes, least privileged first.
    ///
    /// From the newer layout's two columns, or from the older single column ("from
    /// least to most privileged": the first is least privileged; "from most to least":
    /// reversed; unordered: all least privileged).
    Scopes {
        /// The least privileged scopes (any one suffices).
        least_privileged: Vec<String>,
        /// Higher privileged scopes that also work.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        higher_privileged: Vec<String>,
    },
    /// "Not supported."
    NotSupported,
    /// "None.": the page says no permission is needed.
    NoneRequired,
    /// Text that is none of the above, kept as written.
    Other {
        /// The cell's text.
        text: String,
    },
}
