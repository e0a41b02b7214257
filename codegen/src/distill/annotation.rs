//! Annotation comments: `<!-- { "blockType": "request", "name": "..." } -->`.
//!
//! They are meant to be JSON; some pages write trailing commas, single quotes or
//! unquoted keys. Trailing commas are forgiven; anything else that does not parse is a
//! diagnostic, and the `blockType` is still recovered when it can be read.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::spec::{Annotation, Diagnostic, DiagnosticKind, JsonText};

use super::outline::RawAnnotation;

/// The annotation fields the spec reads; every other field is only validated (and
/// kept in [`Annotation::raw`]).
#[derive(Deserialize)]
struct Fields<'a> {
    #[serde(rename = "blockType", borrow, default)]
    block_type: Option<&'a RawValue>,
    #[serde(borrow, default)]
    name: Option<&'a RawValue>,
    #[serde(borrow, default)]
    truncated: Option<&'a RawValue>,
    /// `@type` on some pages (SharePoint's: `"@type": "microsoft.graph.site"`).
    #[serde(rename = "@odata.type", alias = "@type", borrow, default)]
    odata_type: Option<&'a RawValue>,
    #[serde(rename = "isCollection", borrow, default)]
    is_collection: Option<&'a RawValue>,
}

/// Parse an annotation comment.
pub(crate) fn parse(raw: &RawAnnotation<'_>, diagnostics: &mut Vec<Diagnostic>) -> Annotation {
    let fixed;
    let mut text = raw.json;
    let mut parsed = serde_json::from_str::<Fields<'_>>(text);
    if parsed.is_err() {
        fixed = strip_trailing_commas(raw.json);
        if let Ok(fields) = serde_json::from_str::<Fields<'_>>(&fixed) {
            text = &fixed;
            parsed = Ok(fields);
            diagnostics.push(Diagnostic::note(
                DiagnosticKind::InvalidAnnotation,
                Some(raw.line),
                "annotation comment has trailing commas; read without them",
            ));
        }
    }
    match parsed {
        Ok(fields) => from_fields(&fields, text, raw.line),
        Err(e) => {
            let message = if e.is_data() {
                "annotation comment is JSON but not an object of the expected shape".to_string()
            } else {
                format!("annotation comment is not valid JSON: {e}")
            };
            diagnostics.push(Diagnostic::warning(
                DiagnosticKind::InvalidAnnotation,
                Some(raw.line + e.line().saturating_sub(1) as u32),
                message,
            ));
            salvage(raw)
        }
    }
}

/// A field's JSON text read as a string (`None` when it is not one): borrowed where it
/// has no escapes.
pub(super) fn raw_string(v: Option<&RawValue>) -> Option<String> {
    let v = v?;
    match serde_json::from_str::<&str>(v.get()) {
        Ok(s) => Some(s.to_string()),
        Err(_) => serde_json::from_str::<String>(v.get()).ok(),
    }
}

fn from_fields(fields: &Fields<'_>, text: &str, line: u32) -> Annotation {
    let flag = |v: Option<&RawValue>| {
        v.is_some_and(|v| {
            let t = v.get().trim_matches('"');
            t.eq_ignore_ascii_case("true")
        })
    };
    Annotation {
        block_type: raw_string(fields.block_type),
        name: raw_string(fields.name),
        truncated: flag(fields.truncated),
        odata_type: raw_string(fields.odata_type),
        is_collection: flag(fields.is_collection),
        // `Fields` parsed the whole text (serde_json checks the fields it skips too).
        raw: Some(JsonText::parsed(text)),
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
        odata_type: find("@odata.type").or_else(|| find("\"@type\"")),
        is_collection: raw.json.contains("\"isCollection\": true")
            || raw.json.contains("\"isCollection\":true"),
        raw: None,
        line: raw.line,
    }
}

/// Remove the commas that directly precede `}` or `]` outside strings: the one fault
/// the docs' JSON commonly has (annotation comments, example bodies), as the distiller
/// forgives it (the tests' example round trips repair examples with it too).
pub fn strip_trailing_commas(text: &str) -> String {
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
    use crate::spec::Severity;

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
        // SharePoint's pages write `@type`; salvaged text too.
        let a = parse(
            &raw("{ \"blockType\": \"response\", \"@type\": \"microsoft.graph.site\" }"),
            &mut d,
        );
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.site"));
        let a =
            parse(&raw("{ blockType: 'response', \"@type\": \"microsoft.graph.list\" }"), &mut d);
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.list"));
    }

    #[test]
    fn forgives_trailing_commas_and_salvages_the_rest() {
        let mut d = Vec::new();
        let a = parse(&raw("{ \"blockType\": \"request\", \"name\": \"x\", }"), &mut d);
        assert_eq!(a.name.as_deref(), Some("x"));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].severity, d[0].kind), (Severity::Note, DiagnosticKind::InvalidAnnotation));
        d.clear();
        let a = parse(&raw("{ blockType: 'request', \"name\": \"y\" }"), &mut d);
        assert_eq!(
            (d[0].severity, d[0].kind),
            (Severity::Warning, DiagnosticKind::InvalidAnnotation)
        );
        assert_eq!(a.block_type.as_deref(), Some("request"));
        assert_eq!(a.name.as_deref(), Some("y"));
    }

    #[test]
    fn kept_text_is_json_whatever_the_fields_it_skips_hold() {
        // `raw` keeps the text without a second check: the parse of `Fields` must
        // reject bad JSON in fields it does not read.
        for bad in [
            "{ \"blockType\": \"request\", \"x\": \"a\u{1}b\" }",
            "{ \"blockType\": \"request\", \"x\": 01 }",
            "{ \"blockType\": \"request\", \"x\": \"\\q\" }",
            "{ \"blockType\": \"request\", \"x\": [1 2] }",
            "{ \"blockType\": \"request\" } {}",
        ] {
            let mut d = Vec::new();
            let a = parse(&raw(bad), &mut d);
            assert!(a.raw.is_none(), "{bad}");
            assert!(JsonText::parse(bad).is_err(), "{bad}");
        }
        let mut d = Vec::new();
        let good = "{ \"blockType\": \"request\", \"x\": {\"y\": [1.5e3, null, \"\\u00e9\"]} }";
        let a = parse(&raw(good), &mut d);
        assert_eq!(a.raw.map(|r| r.value()), Some(serde_json::from_str(good).unwrap()));
    }
}
