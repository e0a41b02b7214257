//! The YAML front matter of a page.
//!
//! Three styles occur in the corpus: the 2021 keys (`localization_priority`,
//! `ms.prod`), the newer ones (`ms.localizationpriority`, `ms.subservice`, `ms.date`),
//! and none at all. Some pages carry YAML that does not parse (an unquoted
//! `title: call: answer`); those are read line by line as `key: value` and noted.
//!
//! Nearly every page's front matter is a flat list of `key: value` lines. Those are
//! read directly (a YAML parser costs more than parsing the whole page's markdown);
//! anything else (nesting, lists, block scalars, escapes, flow collections) goes to
//! the YAML parser.

use std::borrow::Cow;

use saphyr::{LoadableYamlNode, Scalar, Yaml};

use crate::spec::{Diagnostic, DiagnosticKind, FrontMatter};

/// Read front matter text (without the `---` lines) that starts on `line`.
pub(crate) fn parse(text: &str, line: u32, diagnostics: &mut Vec<Diagnostic>) -> FrontMatter {
    let pairs = match flat_pairs(text) {
        Some(pairs) => pairs,
        None => yaml_pairs(text, line, diagnostics),
    };
    let mut fm = FrontMatter::default();
    for (key, value) in pairs {
        match &*key {
            "title" => fm.title = Some(value),
            "description" => fm.description = Some(value),
            "author" => fm.author = Some(value),
            "ms.subservice" => fm.service = Some(value),
            "ms.prod" if fm.service.is_none() => fm.service = Some(value),
            "doc_type" => fm.doc_type = Some(value),
            "ms.date" => fm.date = Some(value),
            _ => {
                fm.extra.insert(key.into_owned(), value);
            }
        }
    }
    fm
}

/// The front matter through the YAML parser; line by line when it is not YAML.
fn yaml_pairs(
    text: &str,
    line: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Cow<'static, str>, String)> {
    let pairs = match Yaml::load_from_str(text) {
        Ok(docs) => match docs.first() {
            Some(Yaml::Mapping(map)) => Some(
                map.iter()
                    .filter_map(|(k, v)| Some((Cow::Owned(scalar_text(k)?), value_text(v))))
                    .collect::<Vec<_>>(),
            ),
            None => Some(Vec::new()),
            Some(_) => None,
        },
        Err(_) => None,
    };
    pairs.unwrap_or_else(|| {
        diagnostics.push(Diagnostic::warning(
            DiagnosticKind::InvalidFrontMatter,
            Some(line),
            "front matter is not a YAML mapping; read line by line as `key: value`",
        ));
        line_pairs(text)
    })
}

/// `key: value` lines with plain, `"double"` or `'single'` quoted values, and nothing
/// else; `None` as soon as a line needs a YAML parser. The keys stay borrowed: most
/// name a field of [`FrontMatter`] and are not kept.
fn flat_pairs(text: &str) -> Option<Vec<(Cow<'_, str>, String)>> {
    let mut pairs: Vec<(Cow<'_, str>, String)> = Vec::with_capacity(8);
    // Each line with its newline: the trim below drops it (and a `\r`), as `lines()`
    // would.
    for line in super::text::lines_inclusive(text) {
        let trimmed = line.trim_end();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let colon = memchr::memchr(b':', trimmed.as_bytes())?;
        let (key, value) = (&trimmed[..colon], &trimmed[colon + 1..]);
        let plain_key = !key.is_empty()
            && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        if !plain_key || pairs.iter().any(|(k, _)| k == key) {
            return None;
        }
        let value = flat_value(super::text::trim(value))?;
        pairs.push((Cow::Borrowed(key), value));
    }
    Some(pairs)
}

fn flat_value(v: &str) -> Option<String> {
    if v.is_empty() || v == "~" || v == "null" {
        return Some(String::new());
    }
    if let Some(inner) = v.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        // Escapes other than \" and \\ go to the YAML parser.
        if memchr::memchr2(b'\\', b'"', inner.as_bytes()).is_some() {
            return None;
        }
        return Some(inner.to_string());
    }
    if let Some(inner) = v.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        if memchr::memchr(b'\'', inner.as_bytes()).is_some() {
            return None;
        }
        return Some(inner.to_string());
    }
    let special = v.as_bytes().first().is_some_and(|b| b"[{&*!|>'\"%@`-?#".contains(b));
    // `: ` and ` #` by their rarer byte (a `StrSearcher` costs more than these lines).
    let bytes = v.as_bytes();
    let colon_space = memchr::memchr_iter(b':', bytes).any(|i| bytes.get(i + 1) == Some(&b' '));
    let space_hash = memchr::memchr_iter(b'#', bytes).any(|i| i > 0 && bytes[i - 1] == b' ');
    if special || colon_space || space_hash || v.ends_with(':') {
        return None;
    }
    Some(v.to_string())
}

fn scalar_text(node: &Yaml<'_>) -> Option<String> {
    match node {
        Yaml::Value(Scalar::String(s)) => Some(s.to_string()),
        Yaml::Value(Scalar::Integer(i)) => Some(i.to_string()),
        Yaml::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
        Yaml::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        Yaml::Value(Scalar::Null) => Some(String::new()),
        Yaml::Representation(s, ..) => Some(s.to_string()),
        _ => None,
    }
}

fn value_text(node: &Yaml<'_>) -> String {
    if let Some(text) = scalar_text(node) {
        return text;
    }
    match node {
        Yaml::Sequence(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        _ => String::new(),
    }
}

/// Fallback for YAML that does not parse: `key: value` per line, quotes trimmed.
fn line_pairs(text: &str) -> Vec<(Cow<'static, str>, String)> {
    text.lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']))
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            let k = k.trim();
            if k.is_empty() || k.contains(' ') {
                return None;
            }
            let v = v.trim();
            let v = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(v);
            Some((Cow::Owned(k.to_string()), v.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_and_new_styles() {
        let mut d = Vec::new();
        let old = parse(
            "title: \"call: cancelMediaProcessing\"\nauthor: \"x\"\nlocalization_priority: Normal\nms.prod: \"cloud-communications\"\ndoc_type: apiPageType\n",
            2,
            &mut d,
        );
        assert_eq!(old.title.as_deref(), Some("call: cancelMediaProcessing"));
        assert_eq!(old.service.as_deref(), Some("cloud-communications"));
        assert_eq!(old.extra.get("localization_priority").map(String::as_str), Some("Normal"));
        let new = parse(
            "title: \"call: stopTranscription\"\nms.date: 11/15/2024\nms.localizationpriority: medium\nms.subservice: \"cloud-communications\"\ndoc_type: apiPageType\n",
            2,
            &mut d,
        );
        assert_eq!(new.date.as_deref(), Some("11/15/2024"));
        assert_eq!(new.service.as_deref(), Some("cloud-communications"));
        assert!(d.is_empty());
    }

    #[test]
    fn invalid_yaml_falls_back_to_lines() {
        let mut d = Vec::new();
        let fm = parse("title: call: answer\ndescription: \"x\"\n", 2, &mut d);
        assert_eq!(fm.title.as_deref(), Some("call: answer"));
        assert_eq!(fm.description.as_deref(), Some("x"));
        assert_eq!(d[0].kind, DiagnosticKind::InvalidFrontMatter);
        assert_eq!(d[0].line, Some(2));
    }
}
