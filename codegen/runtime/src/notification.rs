//! Cloud-communications webhooks: the `commsNotifications` payload Graph POSTs to a
//! bot's callback URL, and matching a notification to the [`Operation`] it completes.
//!
//! Authenticating the webhook (the JWT Graph sends in its `Authorization` header) is the
//! receiving bot's job; this module only reads the payload.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::operation::{Operation, OperationStatus};

/// The body of a communications webhook: `{"@odata.type": "#microsoft.graph.commsNotifications", "value": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommsNotifications {
    /// `@odata.type`.
    #[serde(rename = "@odata.type", default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    /// The notifications.
    #[serde(default)]
    pub value: Vec<CommsNotification>,
    /// Any other members.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CommsNotifications {
    /// Parses a webhook body.
    pub fn from_slice(body: &[u8]) -> Result<CommsNotifications> {
        serde_json::from_slice(body).map_err(Error::InvalidNotification)
    }

    /// The first notification that [`completes`](CommsNotification::completes) `operation`.
    pub fn completion_of<T>(&self, operation: &Operation<T>) -> Option<&CommsNotification> {
        self.value.iter().find(|n| n.completes(operation))
    }
}

/// The `changeType` of a notification. Open: an unknown value is kept as sent.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum ChangeType {
    /// `created`
    Created,
    /// `updated`
    #[default]
    Updated,
    /// `deleted` (an operation resource is deleted once it has ended)
    Deleted,
    /// Any other value, as sent.
    Unknown(String),
}

impl ChangeType {
    /// The value as Graph spells it.
    pub fn as_str(&self) -> &str {
        match self {
            ChangeType::Created => "created",
            ChangeType::Updated => "updated",
            ChangeType::Deleted => "deleted",
            ChangeType::Unknown(other) => other,
        }
    }
}

impl fmt::Display for ChangeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ChangeType {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ChangeType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(match value.to_ascii_lowercase().as_str() {
            "created" => ChangeType::Created,
            "updated" => ChangeType::Updated,
            "deleted" => ChangeType::Deleted,
            _ => ChangeType::Unknown(value),
        })
    }
}

/// One notification: what changed (`resourceUrl`) and its new state (`resourceData`, kept
/// as raw JSON since its type varies: a call, a participant, an operation).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommsNotification {
    /// `@odata.type`.
    #[serde(rename = "@odata.type", default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    /// `created`, `updated` or `deleted`.
    #[serde(default)]
    pub change_type: ChangeType,
    /// The path of the changed resource, e.g.
    /// `/communications/calls/{id}/operations/{opId}`.
    #[serde(default)]
    pub resource_url: String,
    /// The changed resource, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_data: Option<serde_json::Value>,
    /// Any other members.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CommsNotification {
    /// A member of `resourceData`, if it is an object holding it.
    pub fn resource_field(&self, name: &str) -> Option<&serde_json::Value> {
        self.resource_data.as_ref()?.as_object()?.get(name)
    }

    /// `resourceData`'s `@odata.type`, e.g. `#microsoft.graph.commsOperation`.
    pub fn resource_odata_type(&self) -> Option<&str> {
        self.resource_field("@odata.type")?.as_str()
    }

    /// `resourceData`'s `status` (operations).
    pub fn status(&self) -> Option<OperationStatus> {
        self.resource_field("status")?.as_str().map(OperationStatus::parse)
    }

    /// `resourceData`'s `clientContext`.
    pub fn client_context(&self) -> Option<&str> {
        self.resource_field("clientContext")?.as_str()
    }

    /// `resourceData`'s `id`, else the last segment of `resourceUrl`.
    pub fn id(&self) -> Option<&str> {
        self.resource_field("id")
            .and_then(serde_json::Value::as_str)
            .or_else(|| self.resource_path().rsplit('/').find(|s| !s.is_empty()))
    }

    /// The operation id, when `resourceUrl` ends with `/operations/{id}`.
    pub fn operation_id(&self) -> Option<&str> {
        let mut segments = self.resource_path().trim_end_matches('/').rsplit('/');
        let id = segments.next().filter(|s| !s.is_empty())?;
        segments.next().filter(|s| s.eq_ignore_ascii_case("operations")).map(|_| id)
    }

    /// Decodes `resourceData` as a typed resource (a generated `call`, a
    /// `playPromptOperation`, ...).
    pub fn resource_data_as<T: DeserializeOwned>(&self) -> Result<T> {
        let data = self.resource_data.clone().unwrap_or(serde_json::Value::Null);
        serde_json::from_value(data).map_err(Error::InvalidNotification)
    }

    /// Whether the notification is about `operation`: `resourceUrl` ends with
    /// `/operations/{id}` for the operation's id, or `resourceData.clientContext` equals
    /// the operation's `clientContext`.
    ///
    /// Ids compare case-insensitively and, for GUIDs, with or without hyphens: Graph
    /// writes the same GUID as `57dab8b1-894c-...` in a `Location` and as `57DAB8B1894C...`
    /// in a notification. A `clientContext` matches only if you gave each operation its
    /// own.
    pub fn is_for<T>(&self, operation: &Operation<T>) -> bool {
        let by_id = matches!(
            (self.operation_id(), operation.id()),
            (Some(a), Some(b)) if same_id(a, b)
        );
        let by_context = matches!(
            (self.client_context(), operation.client_context()),
            (Some(a), Some(b)) if !a.is_empty() && a == b
        );
        by_id || by_context
    }

    /// Whether the notification reports that `operation` ended: it
    /// [`is_for`](CommsNotification::is_for) it and its `status` is `completed` or `failed`.
    pub fn completes<T>(&self, operation: &Operation<T>) -> bool {
        self.is_for(operation) && self.status().is_some_and(|s| s.is_terminal())
    }

    /// `resourceUrl` without a query.
    fn resource_path(&self) -> &str {
        self.resource_url.split(['?', '#']).next().unwrap_or_default()
    }
}

/// Whether two ids name the same thing: equal ignoring ASCII case, and for GUIDs
/// ignoring hyphens too.
fn same_id(a: &str, b: &str) -> bool {
    match (guid_digits(a), guid_digits(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a.eq_ignore_ascii_case(b),
    }
}

/// A GUID's 32 hex digits, lowercased, if `id` is a GUID with or without hyphens.
fn guid_digits(id: &str) -> Option<String> {
    let digits: String = id.chars().filter(|c| *c != '-').collect();
    let shaped = id.len() == 32 || (id.len() == 36 && id.matches('-').count() == 4);
    (shaped && digits.len() == 32 && digits.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| digits.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_forms_compare_equal() {
        assert!(same_id(
            "57dab8b1-894c-409a-b240-bd8beae78896",
            "57DAB8B1894C409AB240BD8BEAE78896"
        ));
        assert!(same_id("ABC", "abc"));
        assert!(!same_id("a-b", "ab"));
        assert!(!same_id(
            "57dab8b1-894c-409a-b240-bd8beae78896",
            "57dab8b1-894c-409a-b240-bd8beae78897"
        ));
    }

    #[test]
    fn reads_fields() {
        let notification: CommsNotification = serde_json::from_str(
            r##"{"changeType": "deleted",
                "resourceUrl": "/communications/calls/C/operations/0FE0623FD62842EDB4BD8AC290072CC5",
                "resourceData": {"@odata.type": "#microsoft.graph.commsOperation",
                                 "clientContext": "ctx", "status": "completed"}}"##,
        )
        .unwrap();
        assert_eq!(notification.change_type, ChangeType::Deleted);
        assert_eq!(notification.operation_id(), Some("0FE0623FD62842EDB4BD8AC290072CC5"));
        assert_eq!(notification.id(), Some("0FE0623FD62842EDB4BD8AC290072CC5"));
        assert_eq!(notification.status(), Some(OperationStatus::Completed));
        assert_eq!(notification.client_context(), Some("ctx"));
        assert_eq!(notification.resource_odata_type(), Some("#microsoft.graph.commsOperation"));
        let call: CommsNotification = serde_json::from_str(
            r#"{"changeType": "created", "resourceUrl": "/communications/calls/abc"}"#,
        )
        .unwrap();
        assert_eq!(call.operation_id(), None);
        assert_eq!(call.id(), Some("abc"));
        assert_eq!(call.status(), None);
    }
}
