//! JSON as a page writes it.

use std::fmt;

use schemars::JsonSchema;
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A JSON value shown on a page (an example body, an annotation, a JSON
/// representation): checked to be valid JSON and kept verbatim in memory; written to
/// spec files as structured JSON (so spec files stay plain, pretty JSON).
///
/// Keeping the text instead of a parsed tree makes distilling cheap: most consumers
/// never look inside, and those that do call [`JsonText::value`].
///
/// Invariant: the text is one valid JSON value (every constructor checks it, or is
/// given text the caller's own parse has just accepted).
#[derive(Clone)]
pub struct JsonText(Box<str>);

impl JsonText {
    /// Check `text` is one JSON value and keep it.
    pub fn parse(text: &str) -> Result<JsonText, serde_json::Error> {
        serde_json::from_str::<IgnoredAny>(text)?;
        Ok(JsonText(text.trim().into()))
    }

    /// Keep `text` that a full JSON parse (one that also checks every field it
    /// skips, as serde_json's does) has just accepted, without checking it again.
    pub(crate) fn parsed(text: &str) -> JsonText {
        JsonText(text.trim().into())
    }

    /// Wrap an already parsed value.
    pub fn from_value(value: &serde_json::Value) -> JsonText {
        // A `Value` always serializes, and its text always parses back.
        JsonText(serde_json::to_string(value).unwrap_or_else(|_| "null".into()).into())
    }

    /// The text as written (surrounding whitespace trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value, parsed (key order as written).
    pub fn value(&self) -> serde_json::Value {
        // The text was validated when this was built, so it parses.
        serde_json::from_str(&self.0).unwrap_or(serde_json::Value::Null)
    }
}

impl fmt::Debug for JsonText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Equal when the values are equal, however they are formatted.
impl PartialEq for JsonText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str() || self.value() == other.value()
    }
}

impl Serialize for JsonText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for JsonText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(JsonText::from_value(&value))
    }
}

impl JsonSchema for JsonText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AnyValue".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        serde_json::Value::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_keeps_text_and_writes_structured_json() {
        let j = JsonText::parse("{\n  \"a\": [1, 2],\n  \"b\": \"x\"\n}").unwrap();
        assert_eq!(j.as_str(), "{\n  \"a\": [1, 2],\n  \"b\": \"x\"\n}");
        assert_eq!(serde_json::to_string(&j).unwrap(), r#"{"a":[1,2],"b":"x"}"#);
        assert_eq!(j, JsonText::parse(r#"{"a":[1,2],"b":"x"}"#).unwrap());
        let back: JsonText = serde_json::from_str(r#"{"b":"x","a":[1,2]}"#).unwrap();
        assert_eq!(back.value()["a"][1], 2);
        assert!(JsonText::parse("{ \"a\": 1, }").is_err());
        assert!(JsonText::parse("{} trailing").is_err());
    }
}
