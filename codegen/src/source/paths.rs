//! What a page's path says: its version, its kind (api or resource) and its stem; and
//! resolving a link or include target relative to a page.

use crate::spec::ApiVersion;

/// The kind of page a path holds, from its folder (`api/` or `resources/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// An API (action) page.
    Api,
    /// A resource (type) page.
    Resource,
}

/// A page's path relative to the docs root, e.g. `api-reference/beta/api/call-answer.md`.
#[derive(Debug, Clone, Copy)]
pub struct PagePath<'a> {
    rel: &'a str,
}

impl<'a> PagePath<'a> {
    /// Wrap a relative path (forward slashes).
    pub fn new(rel: &'a str) -> Self {
        PagePath { rel }
    }

    /// The path itself.
    pub fn as_str(&self) -> &'a str {
        self.rel
    }

    /// `api` or `resources` from the folder holding a `.md` file; `None` otherwise.
    pub fn kind(&self) -> Option<PageKind> {
        let (dir, file) = self.rel.rsplit_once('/')?;
        if !file.ends_with(".md") {
            return None;
        }
        match dir.rsplit('/').next()? {
            "api" => Some(PageKind::Api),
            "resources" => Some(PageKind::Resource),
            _ => None,
        }
    }

    /// The version named by a `v1.0` or `beta` folder in the path.
    pub fn version(&self) -> Option<ApiVersion> {
        let dirs = self.rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        dirs.split('/').rev().find_map(ApiVersion::parse)
    }

    /// The file name without `.md`.
    pub fn stem(&self) -> &'a str {
        let file = self.rel.rsplit('/').next().unwrap_or(self.rel);
        file.strip_suffix(".md").unwrap_or(file)
    }
}

/// Resolve `target` (a relative link or include path as written on a page) against the
/// page's path. Returns `None` for absolute paths, URLs, and paths that climb above the
/// docs root. A `#fragment` or `?query` is dropped.
pub fn resolve_relative(page: &str, target: &str) -> Option<String> {
    let target = target.trim();
    let target = target.split(['#', '?']).next().unwrap_or("");
    if target.is_empty() || target.starts_with('/') || target.contains("://") {
        return None;
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop(); // the page's own file name
    for comp in target.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c),
        }
    }
    Some(parts.join("/"))
}

/// The `Commit : <sha>` line of a docs archive's MANIFEST.txt.
pub(crate) fn manifest_commit(manifest: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(manifest).ok()?;
    text.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        let value = value.trim();
        (key.trim().eq_ignore_ascii_case("commit")
            && value.len() >= 7
            && value.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_version_stem() {
        let p = PagePath::new("api-reference/beta/api/call-answer.md");
        assert_eq!(p.kind(), Some(PageKind::Api));
        assert_eq!(p.version(), Some(ApiVersion::Beta));
        assert_eq!(p.stem(), "call-answer");
        let r = PagePath::new("api-reference/v1.0/resources/call.md");
        assert_eq!(r.kind(), Some(PageKind::Resource));
        assert_eq!(r.version(), Some(ApiVersion::V1));
        assert_eq!(PagePath::new("call-answer.md").kind(), None);
        assert_eq!(PagePath::new("call-answer.md").version(), None);
        assert_eq!(PagePath::new("api-reference/beta/includes/x.md").kind(), None);
    }

    #[test]
    fn resolves_relative_targets_inside_the_root_only() {
        let page = "api-reference/beta/api/call-answer.md";
        assert_eq!(
            resolve_relative(page, "../includes/permissions/call-answer-permissions.md").as_deref(),
            Some("api-reference/beta/includes/permissions/call-answer-permissions.md")
        );
        assert_eq!(
            resolve_relative(page, "../../includes/beta-disclaimer.md").as_deref(),
            Some("api-reference/includes/beta-disclaimer.md")
        );
        assert_eq!(
            resolve_relative(page, "../resources/call.md#x").as_deref(),
            Some("api-reference/beta/resources/call.md")
        );
        assert_eq!(resolve_relative(page, "../../../../etc/passwd"), None);
        assert_eq!(resolve_relative(page, "/etc/passwd"), None);
        assert_eq!(resolve_relative(page, "https://example.com/x.md"), None);
        assert_eq!(resolve_relative("call.md", "../x.md"), None);
    }

    #[test]
    fn manifest_commit_line() {
        let m = b"Branch : main\nCommit            : db3ad7292b828f2149fe620c9a6de9f98946b4fd\n";
        assert_eq!(manifest_commit(m).as_deref(), Some("db3ad7292b828f2149fe620c9a6de9f98946b4fd"));
        assert_eq!(manifest_commit(b"Commit date: 2021"), None);
    }
}
