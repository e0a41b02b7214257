//! Annotation comments: `<!-- { "blockType": "request", "name": "..." } -->`.
//!
//! They are meant to be JSON; some pages write trailing commas, single quotes or
//! unquoted keys. Trailing commas are forgiven; anything else that does not parse is a
//! diagnostic, and the `blockType` is still recovered when it can be read.

use serde_json::{Map, Value};

use crate::spec::{Annotation, Diagnostic, DiagnosticKind};

use super::outline::RawAnnotation;

/// Parse an annotation comment.
pub(crate) fn parse(raw: &RawAnnotation<'_>, diagnostics: &mut Vec<Diagnostic>) -> Annotation {
    let parsed = serde_json::from_str::<Value>(raw.json).or_else(|first| {
        serde_json::from_str::<Value>(&strip_trailing_commas(raw.json)).map_err(|_| first)
    });
    match parsed {
        Ok(Value::Object(map)) => from_map(map, raw.line),
        Ok(_) => {
            diagnostics.push(Diagnostic::warning(
                DiagnosticKind::InvalidAnnotation,
                Some(raw.line),
                "annotation comment is JSON but not an object",
            ));
            salvage(raw)
        }
        Err(e) => {
            diagnostics.push(Diagnostic::warning(
                DiagnosticKind::InvalidAnnotation,
                Some(raw.line + e.line().saturating_sub(1) as u32),
                format!("annotation comment is not valid JSON: {e}"),
            ));
            salvage(raw)
        }
    }
}

fn from_map(map: Map<String, Value>, line: u32) -> Annotation {
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_string);
    let flag = |key: &str| match map.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    };
    let (block_type, name, odata_type) = (text("blockType"), text("name"), text("@odata.type"));
    let (truncated, is_collection) = (flag("truncated"), flag("isCollection"));
    Annotation {
        block_type,
        name,
        truncated,
        odata_type,
        is_collection,
        raw: Some(Value::Object(map)),
        line,
    }
}

/// Recover `"blockType": "x"` from text that does not parse.
fn salvage(raw: &RawAnnotation<'_>) -> Annotation {
    let find = |key: &str| -> Option<String> {
        let at = raw.json.find(key)?;
        let rest = &raw.json[at + key.len()..];
        let rest = rest.trim_start_matches(['"', '\'', ' ', ':', '\t']);
        let end = rest.find(['"', '\'', ',', '}', '\n'])?;
        let value = rest[..end].trim();
        (!value.is_empty()).then(|| value.to_string())
    };
    Annotation {
        block_type: find("blockType"),
        name: find("\"name\""),
        truncated: raw.json.contains("\"truncated\": true")
            || raw.json.contains("\"truncated\":true"),
        odata_type: find("@odata.type"),
        is_collection: raw.json.contains("\"isCollection\": true")
            || raw.json.contains("\"isCollection\":true"),
        raw: None,
        line: raw.line,
    }
}

/// Remove commas that directly precede `}` or `]` (outside strings).
pub(crate) fn strip_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(json: &str) -> RawAnnotation<'_> {
        RawAnnotation { json, line: 10 }
    }

    #[test]
    fn reads_fields() {
        let mut d = Vec::new();
        let a = parse(
            &raw(
                "{\n  \"blockType\": \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"microsoft.graph.commsOperation\"\n}",
            ),
            &mut d,
        );
        assert!(d.is_empty());
        assert_eq!(a.block_type.as_deref(), Some("response"));
        assert!(a.truncated);
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.commsOperation"));
        assert_eq!(a.line, 10);
    }

    #[test]
    fn forgives_trailing_commas_and_salvages_the_rest() {
        let mut d = Vec::new();
        let a = parse(&raw("{ \"blockType\": \"request\", \"name\": \"x\", }"), &mut d);
        assert!(d.is_empty());
        assert_eq!(a.name.as_deref(), Some("x"));
        let a = parse(&raw("{ blockType: 'request', \"name\": \"y\" }"), &mut d);
        assert_eq!(d[0].kind, DiagnosticKind::InvalidAnnotation);
        assert_eq!(a.block_type.as_deref(), Some("request"));
        assert_eq!(a.name.as_deref(), Some("y"));
    }
}
