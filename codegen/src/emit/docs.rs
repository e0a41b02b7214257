//! Doc comments: the docs' markdown made safe for rustdoc, and the standard blocks
//! (permissions, doc links) every generated item carries.
//!
//! Rustdoc reads doc comments as markdown with extra meaning: `[name]` is an
//! intra-doc link, `<tag>` is HTML, a bare URL is linted, a fenced or indented code
//! block is a doctest. [`sanitize`] rewrites the docs' prose so none of that fires:
//! relative links become absolute links to the public docs, stray brackets and angle
//! brackets are escaped, bare URLs become autolinks, code fences become ```` ```text ````
//! and deep indentation is capped below the code-block threshold.

use proc_macro2::TokenStream;
use quote::quote;

use crate::spec::{
    ApiVersion, PermissionKind, PermissionRow, PermissionSource, PermissionValue, Permissions,
};

/// The public docs site.
const DOCS_SITE: &str = "https://learn.microsoft.com";

/// Where a page lives, for resolving its relative links.
#[derive(Debug, Clone, Copy)]
pub struct LinkBase {
    /// The page's API version.
    pub version: ApiVersion,
    /// `true` for pages under `resources/`, `false` for pages under `api/`.
    pub resource: bool,
}

impl LinkBase {
    /// The absolute URL of a link target written on the page, or `None` when it
    /// points nowhere useful (an in-page anchor, an unknown scheme).
    pub fn resolve(&self, target: &str) -> Option<String> {
        let target = target.trim().trim_start_matches('<').trim_end_matches('>');
        let target = target.split_whitespace().next().unwrap_or("");
        if target.starts_with("https://") || target.starts_with("http://") {
            return Some(target.to_string());
        }
        if target.starts_with('/') {
            return Some(format!("{DOCS_SITE}{target}"));
        }
        if target.is_empty() || target.starts_with('#') || target.contains(':') {
            return None;
        }
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        // Resolve against `api-reference/<version>/<folder>/`.
        let mut parts: Vec<&str> = vec![if self.resource { "resources" } else { "api" }];
        for segment in path.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                s => parts.push(s),
            }
        }
        let last = parts.pop()?;
        let stem = last.strip_suffix(".md").unwrap_or(last).to_ascii_lowercase();
        let folder = match parts.as_slice() {
            ["resources"] => "resources/",
            ["api"] | [] => "",
            _ => return None,
        };
        let mut url =
            format!("{DOCS_SITE}/graph/api/{folder}{stem}?view={}", self.version.docs_view());
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            url.push('#');
            url.push_str(f);
        }
        Some(url)
    }
}

/// Rewrite markdown from the docs so rustdoc renders it without warnings and runs no
/// code from it (see the module docs).
pub fn sanitize(markdown: &str, base: &LinkBase) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    let mut in_comment = false;
    for raw in markdown.lines() {
        let trimmed = raw.trim_start();
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                out.push("```".into());
                fence = None;
            } else {
                out.push(raw.trim_end().to_string());
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
            fence = Some(marker);
            out.push("```text".into());
            continue;
        }
        let mut line = raw.to_string();
        // HTML comments, possibly spanning lines.
        if in_comment {
            match line.find("-->") {
                Some(end) => {
                    line = line[end + 3..].to_string();
                    in_comment = false;
                }
                None => continue,
            }
        }
        while let Some(start) = line.find("<!--") {
            match line[start..].find("-->") {
                Some(end) => line.replace_range(start..start + end + 3, ""),
                None => {
                    line.truncate(start);
                    in_comment = true;
                }
            }
        }
        if line.trim_start().starts_with("[!INCLUDE") {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let body = inline(line.trim(), base);
        let kept = " ".repeat(indent.min(3));
        let text = format!("{kept}{body}");
        out.push(text.trim_end().to_string());
    }
    if fence.is_some() {
        out.push("```".into());
    }
    // Trim blank lines at both ends and collapse runs of blank lines.
    let mut lines: Vec<String> = Vec::new();
    for line in out {
        if line.is_empty() && lines.last().is_none_or(|l: &String| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// Sanitize one line outside code blocks.
fn inline(text: &str, base: &LinkBase) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                let run = chars[i..].iter().take_while(|c| **c == '`').count();
                let close = find_run(&chars, i + run, run);
                match close {
                    Some(end) => {
                        out.extend(&chars[i..end + run]);
                        i = end + run;
                    }
                    None => {
                        for _ in 0..run {
                            out.push_str("\\`");
                        }
                        i += run;
                    }
                }
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                // Images: keep the alt text only.
                match parse_link(&chars, i + 1) {
                    Some((label, _, end)) => {
                        out.push_str(&inline(&label, base));
                        i = end;
                    }
                    None => {
                        out.push('!');
                        i += 1;
                    }
                }
            }
            '[' => match parse_link(&chars, i) {
                Some((label, target, end)) => {
                    let label = inline(&label, base);
                    match base.resolve(&target) {
                        Some(url) if !label.trim().is_empty() => {
                            out.push_str(&format!("[{label}]({url})"))
                        }
                        Some(url) => out.push_str(&format!("<{url}>")),
                        None => out.push_str(&label),
                    }
                    i = end;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            '<' => {
                let rest: String = chars[i..].iter().collect();
                let lower = rest.to_ascii_lowercase();
                if let Some(tag) =
                    ["<br/>", "<br />", "<br>"].iter().find(|t| lower.starts_with(*t))
                {
                    out.push(' ');
                    i += tag.chars().count();
                } else if (lower.starts_with("<http://") || lower.starts_with("<https://"))
                    && rest.contains('>')
                {
                    let end = rest.find('>').expect("checked");
                    out.push_str(&rest[..=end]);
                    i += rest[..=end].chars().count();
                } else {
                    out.push_str("\\<");
                    i += 1;
                }
            }
            '>' if i > 0 => {
                out.push_str("\\>");
                i += 1;
            }
            'h' if starts_url(&chars[i..]) && (i == 0 || !chars[i - 1].is_alphanumeric()) => {
                let mut end = i;
                while end < chars.len()
                    && !chars[end].is_whitespace()
                    && !"<>\"'`)".contains(chars[end])
                {
                    end += 1;
                }
                while end > i && ".,;:!?".contains(chars[end - 1]) {
                    end -= 1;
                }
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn starts_url(chars: &[char]) -> bool {
    let head: String = chars.iter().take(8).collect();
    head.starts_with("https://") || head.starts_with("http://")
}

/// The position of the next run of exactly `run` backticks at or after `from`.
fn find_run(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let len = chars[j..].iter().take_while(|c| **c == '`').count();
            if len == run {
                return Some(j);
            }
            j += len;
        } else {
            j += 1;
        }
    }
    None
}

/// An inline link `[label](target)` starting at `start` (the `[`): its label, target
/// and the index after it.
fn parse_link(chars: &[char], start: usize) -> Option<(String, String, usize)> {
    let mut depth = 0;
    let mut j = start;
    let close = loop {
        match chars.get(j)? {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    break j;
                }
            }
            '`' => {
                let run = chars[j..].iter().take_while(|c| **c == '`').count();
                j = find_run(chars, j + run, run)? + run - 1;
            }
            _ => {}
        }
        j += 1;
    };
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let mut depth = 0;
    let mut k = close + 1;
    let end = loop {
        match chars.get(k)? {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    break k;
                }
            }
            _ => {}
        }
        k += 1;
    };
    let label: String = chars[start + 1..close].iter().collect();
    let target: String = chars[close + 2..end].iter().collect();
    Some((label, target, end + 1))
}

/// `#[doc = " …"]` attributes, one per line (so prettyplease prints `///` lines).
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// Inner `#![doc = " …"]` attributes, one per line (module docs, `//!`).
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#![doc = #line])
    });
    quote!(#(#lines)*)
}

/// Paragraphs joined by blank lines, empty ones dropped.
pub fn paragraphs<I, S>(parts: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    parts
        .into_iter()
        .filter(|p| !p.as_ref().trim().is_empty())
        .map(|p| p.as_ref().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A link to the page on the public docs site.
pub fn doc_link(url: &str) -> String {
    format!("[Microsoft Graph documentation]({url})")
}

/// A page named by its title, linked when it has a URL (an action declared with
/// `action!` may have none).
pub fn page_ref(title: &str, url: &str) -> String {
    if url.is_empty() { plain(title) } else { format!("[{}]({url})", plain(title)) }
}

/// Escape text for use inside a markdown code span (backticks cannot be escaped in
/// one: the span is widened instead).
pub fn code(text: &str) -> String {
    if text.contains('`') { format!("`` {text} ``") } else { format!("`{text}`") }
}

/// The permissions block of an action, least privileged first.
pub fn permissions(perms: &Permissions) -> String {
    if perms.rows.is_empty() {
        return match &perms.source {
            PermissionSource::Include { target, resolved: false, .. } => format!(
                "**Permissions:** not stated here: the page takes them from {}, which was not found.",
                code(target)
            ),
            _ => "**Permissions:** the docs state none.".to_string(),
        };
    }
    let mut lines = vec!["**Permissions** (least privileged first):".to_string(), String::new()];
    for kind in [
        PermissionKind::DelegatedWork,
        PermissionKind::DelegatedPersonal,
        PermissionKind::Application,
    ] {
        for row in perms.rows.iter().filter(|r| r.kind == kind) {
            lines.push(format!("- {}", permission_row(row)));
        }
    }
    lines.join("\n")
}

/// One permissions row as Markdown: `Application: `Calls.AccessMedia.All`; higher
/// privileged: ...` (the kind, the scope it applies to, the value).
pub fn permission_row(row: &PermissionRow) -> String {
    let label = match row.kind {
        PermissionKind::DelegatedWork => "Delegated (work or school account)",
        PermissionKind::DelegatedPersonal => "Delegated (personal Microsoft account)",
        PermissionKind::Application => "Application",
    };
    let scope = row.scope.as_deref().map(|s| format!(" ({})", plain(s))).unwrap_or_default();
    let value = match &row.value {
        PermissionValue::Scopes { least_privileged, higher_privileged } => {
            let list = |scopes: &[String]| scopes.iter().map(|s| code(s)).collect::<Vec<_>>();
            let mut text = list(least_privileged).join(", ");
            if !higher_privileged.is_empty() {
                text.push_str(&format!(
                    "; higher privileged: {}",
                    list(higher_privileged).join(", ")
                ));
            }
            text
        }
        PermissionValue::NotSupported => "not supported".to_string(),
        PermissionValue::NoneRequired => "none required".to_string(),
        PermissionValue::Other { text } => plain(text),
    };
    format!("{label}{scope}: {value}")
}

/// The `#[deprecated]` attribute of a path node or client function: `None` when it is
/// live, `Some(None)` deprecated without a note, `Some(Some(note))` with the page's note.
pub(crate) fn deprecated_attr(deprecated: &Option<Option<String>>) -> TokenStream {
    match deprecated {
        Some(Some(note)) => {
            let note = note.trim();
            quote!(#[deprecated(note = #note)])
        }
        Some(None) => quote!(#[deprecated]),
        None => quote!(),
    }
}

/// Text from the docs shown as plain text (brackets and angle brackets escaped).
pub fn plain(text: &str) -> String {
    inline(text.trim(), &LinkBase { version: ApiVersion::V1, resource: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> LinkBase {
        LinkBase { version: ApiVersion::V1, resource: false }
    }

    #[test]
    fn links_become_absolute() {
        let text = "Answer a [call](../resources/call.md) or [reject](./call-reject.md) it; see [perms](/graph/permissions-reference) and [here](#example).";
        assert_eq!(
            sanitize(text, &api()),
            "Answer a [call](https://learn.microsoft.com/graph/api/resources/call?view=graph-rest-1.0) or [reject](https://learn.microsoft.com/graph/api/call-reject?view=graph-rest-1.0) it; see [perms](https://learn.microsoft.com/graph/permissions-reference) and here."
        );
        let res = LinkBase { version: ApiVersion::Beta, resource: true };
        assert_eq!(
            res.resolve("callRoute.md").as_deref(),
            Some("https://learn.microsoft.com/graph/api/resources/callroute?view=graph-rest-beta")
        );
        assert_eq!(
            res.resolve("../api/call-get.md#request").as_deref(),
            Some("https://learn.microsoft.com/graph/api/call-get?view=graph-rest-beta#request")
        );
    }

    #[test]
    fn rustdoc_hazards_are_escaped() {
        assert_eq!(
            sanitize("an [id] and <Media Blob>", &api()),
            "an \\[id\\] and \\<Media Blob\\>"
        );
        assert_eq!(sanitize("see https://example.com/x.", &api()), "see <https://example.com/x>.");
        assert_eq!(sanitize("keep `[x] <y>` as is", &api()), "keep `[x] <y>` as is");
        assert_eq!(sanitize("a<br/>b <!-- hidden --> c", &api()), "a b  c");
        assert_eq!(
            sanitize("```http\nGET /x\n```\n\n\n        indented", &api()),
            "```text\nGET /x\n```\n\n   indented"
        );
        assert_eq!(sanitize("```json\n{}", &api()), "```text\n{}\n```");
        assert_eq!(sanitize("![img](a.png) x", &api()), "img x");
        assert_eq!(sanitize("> **Note:** x", &api()), "> **Note:** x");
    }

    #[test]
    fn doc_attrs_one_per_line() {
        let tokens = doc_attrs("a\n\nb");
        assert_eq!(tokens.to_string(), "# [doc = \" a\"] # [doc = \"\"] # [doc = \" b\"]");
    }
}
