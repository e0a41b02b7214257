//! `specs/lock.json`: what the checked-in specs were distilled from.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The lock file written next to the specs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LockFile {
    /// Spec format version ([`super::SPEC_FORMAT_VERSION`]).
    pub format: u32,
    /// The generator that wrote the specs (`graphgen <version>`).
    pub generator: String,
    /// Where the docs came from, in order of precedence (a page found in several
    /// sources is distilled from the first): paths as given to `graphgen distill`.
    pub docs_sources: Vec<String>,
    /// The docs commit, for each source where it is known (from a MANIFEST or git).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub docs_commits: BTreeMap<String, String>,
    /// The selection the specs were distilled with: spec path globs (`beta/api/call-*`);
    /// empty means every page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only: Vec<String>,
    /// Whether the resource pages reached by the selected actions' types were added.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_types: bool,
    /// One entry per spec written, keyed by spec path (`beta/api/call-answer.json`).
    pub pages: BTreeMap<String, LockedPage>,
}

/// The input a spec was distilled from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LockedPage {
    /// The docs source it came from (an entry of [`LockFile::docs_sources`]).
    pub source: String,
    /// The page's path within that source.
    pub path: String,
    /// SHA-256 of the page's bytes, hex.
    pub sha256: String,
    /// Included files that were read (permissions tables), with their SHA-256.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub includes: BTreeMap<String, String>,
}

impl LockFile {
    /// Deterministic pretty JSON (two-space indent, trailing newline).
    pub fn to_json(&self) -> String {
        let mut text =
            serde_json::to_string_pretty(self).expect("lock file serializes: string keys only");
        text.push('\n');
        text
    }
}
