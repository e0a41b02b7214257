//! Reading a [`PageSpec`]: the `"page"` tag first, then the page's own members straight
//! from the reader.
//!
//! serde's derive for an internally tagged enum buffers the whole object before it looks
//! at the tag, and an error found in the buffer (an unknown field, a wrong type) has no
//! place in the file: serde_json reports line 0. Written specs put `"page"` first, so
//! this reader takes the tag, then hands the rest of the same map to the page type's own
//! derive, and serde_json reports the line and column of the fault. A spec written by
//! hand with the tag elsewhere is still read (its other members buffered as JSON, so its
//! errors carry no line).

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use super::{ApiPage, PageSpec, ResourcePage};

const KINDS: &[&str] = &["api", "resource"];

impl<'de> Deserialize<'de> for PageSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PageVisitor)
    }
}

struct PageVisitor;

impl<'de> Visitor<'de> for PageVisitor {
    type Value = PageSpec;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a page spec: an object with \"page\": \"api\" or \"resource\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PageSpec, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return Err(de::Error::missing_field("page"));
        };
        if first == "page" {
            let kind: String = map.next_value()?;
            return page_of_kind(&kind, MapAccessDeserializer::new(map));
        }
        // The tag comes later: keep the members seen until it, as JSON.
        let mut rest = serde_json::Map::new();
        let mut key = Some(first);
        let mut kind = None;
        while let Some(k) = key {
            // A member given twice is refused, as the page types' derives refuse it.
            if rest.contains_key(&k) || (k == "page" && kind.is_some()) {
                return Err(de::Error::custom(format_args!("duplicate field `{k}`")));
            }
            if k == "page" {
                kind = Some(map.next_value::<String>()?);
            } else {
                let value = map.next_value::<serde_json::Value>()?;
                rest.insert(k, value);
            }
            key = map.next_key()?;
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("page"))?;
        page_of_kind(&kind, serde_json::Value::Object(rest)).map_err(de::Error::custom)
    }
}

/// The page of `kind` read from `rest` (the object's members other than the tag).
fn page_of_kind<'de, D: Deserializer<'de>>(kind: &str, rest: D) -> Result<PageSpec, D::Error> {
    match kind {
        "api" => ApiPage::deserialize(rest).map(PageSpec::Api),
        "resource" => ResourcePage::deserialize(rest).map(PageSpec::Resource),
        other => Err(de::Error::unknown_variant(other, KINDS)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_json() -> String {
        let text = include_str!("../../../specs/beta/api/call-answer.json");
        assert!(text.trim_start().starts_with("{\n  \"page\": \"api\""), "tag first");
        text.to_string()
    }

    #[test]
    fn tag_first_or_later_reads_the_same_page() {
        let text = api_json();
        let page = PageSpec::from_json(&text).unwrap();
        assert!(matches!(page, PageSpec::Api(_)));
        // The same members, the tag last.
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut members = value.as_object().unwrap().clone();
        let tag = members.remove("page").unwrap();
        members.insert("page".into(), tag);
        let moved = serde_json::to_string(&members).unwrap();
        assert!(!moved.starts_with("{\"page\""));
        assert_eq!(PageSpec::from_json(&moved).unwrap(), page);
        // Tag first or not, a member given twice is refused.
        let twice = |tag_first: bool| {
            let page = "\"page\": \"api\"";
            let text = if tag_first {
                format!("{{{page}, \"stem\": \"a\", \"stem\": \"b\"}}")
            } else {
                format!("{{\"stem\": \"a\", \"stem\": \"b\", {page}}}")
            };
            PageSpec::from_json(&text).unwrap_err().to_string()
        };
        assert!(twice(true).contains("duplicate field `stem`"), "{}", twice(true));
        assert!(twice(false).contains("duplicate field `stem`"), "{}", twice(false));
    }

    #[test]
    fn faults_are_named() {
        let err = |text: &str| PageSpec::from_json(text).unwrap_err().to_string();
        assert!(err("{}").contains("missing field `page`"), "{}", err("{}"));
        assert!(err("{\"stem\": \"x\"}").contains("missing field `page`"));
        let e = err("{\"page\": \"operation\"}");
        assert!(e.contains("unknown variant `operation`, expected `api` or `resource`"), "{e}");
        let e = err("[1]");
        assert!(e.contains("expected a page spec"), "{e}");
        // A fault inside the page, tag first: its line.
        let text = api_json().replacen("\"stem\":", "\n\n\"stme\": 1,\n  \"stem\":", 1);
        let e = serde_json::from_str::<PageSpec>(&text).unwrap_err();
        assert!(e.to_string().contains("unknown field `stme`"), "{e}");
        assert_eq!(e.line(), 6, "{e}");
    }
}
