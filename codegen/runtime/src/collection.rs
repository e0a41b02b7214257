//! Collection responses: `{"value": [...], "@odata.nextLink": ..., "@odata.count": ...}`.

use serde::{Deserialize, Serialize};

/// One page of a collection response.
///
/// Follow [`next_link`](Collection::next_link) with
/// [`Client::next_page`](crate::Client::next_page).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize"))]
pub struct Collection<T> {
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    /// `@odata.nextLink`: the URL of the next page, if there is one.
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// `@odata.count`, when `$count=true` was asked for.
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    /// Any other members (`@odata.context`, `@odata.deltaLink`, ...).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl<T> Default for Collection<T> {
    fn default() -> Collection<T> {
        Collection {
            value: Vec::new(),
            next_link: None,
            count: None,
            extra: serde_json::Map::new(),
        }
    }
}

impl<T> Collection<T> {
    /// `@odata.deltaLink`, for delta queries.
    pub fn delta_link(&self) -> Option<&str> {
        self.extra.get("@odata.deltaLink")?.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paging_members() {
        let page: Collection<serde_json::Value> = serde_json::from_str(
            r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
                "@odata.count": 12,
                "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=abc",
                "value": [{"id": "1"}, {"id": "2"}]}"#,
        )
        .unwrap();
        assert_eq!(page.value.len(), 2);
        assert_eq!(page.count, Some(12));
        assert!(page.next_link.as_deref().is_some_and(|l| l.ends_with("$skiptoken=abc")));
        assert!(page.extra.contains_key("@odata.context"));
        let last: Collection<u8> =
            serde_json::from_str(r#"{"value": [], "@odata.deltaLink": "https://x/delta"}"#)
                .unwrap();
        assert_eq!(last.delta_link(), Some("https://x/delta"));
        assert_eq!(last.next_link, None);
    }
}
