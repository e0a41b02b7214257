//! Long-running operations: the handle an action answered with `202 Accepted` (or `200`
//! with a `Location`) returns, its status, and polling it to the end.

use std::fmt;
use std::time::{Duration, Instant};

use percent_encoding::percent_decode_str;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use url::Url;

use crate::client::Client;
use crate::error::{Error, Result};

/// The `status` of an operation resource. Open: a value this crate does not know is kept
/// in [`OperationStatus::Unknown`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OperationStatus {
    /// `notStarted`
    NotStarted,
    /// `running`
    Running,
    /// `completed`
    Completed,
    /// `failed`
    Failed,
    /// Any other value, as sent.
    Unknown(String),
}

impl OperationStatus {
    /// The value as Graph spells it.
    pub fn as_str(&self) -> &str {
        match self {
            OperationStatus::NotStarted => "notStarted",
            OperationStatus::Running => "running",
            OperationStatus::Completed => "completed",
            OperationStatus::Failed => "failed",
            OperationStatus::Unknown(other) => other,
        }
    }

    /// Whether the operation has ended (`completed` or `failed`).
    pub fn is_terminal(&self) -> bool {
        matches!(self, OperationStatus::Completed | OperationStatus::Failed)
    }

    /// Parses Graph's spelling (case-insensitively).
    pub fn parse(value: &str) -> OperationStatus {
        match value.to_ascii_lowercase().as_str() {
            "notstarted" => OperationStatus::NotStarted,
            "running" => OperationStatus::Running,
            "completed" => OperationStatus::Completed,
            "failed" => OperationStatus::Failed,
            _ => OperationStatus::Unknown(value.to_owned()),
        }
    }
}

impl fmt::Display for OperationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for OperationStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for OperationStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(OperationStatus::parse(&value))
    }
}

/// The `resultInfo` of an operation: why it ended as it did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultInfo {
    /// The result code.
    #[serde(default)]
    pub code: Option<i64>,
    /// The result sub-code.
    #[serde(default)]
    pub subcode: Option<i64>,
    /// The message.
    #[serde(default)]
    pub message: Option<String>,
}

/// An operation resource (`commsOperation` and its subtypes) as Graph returns it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationResource {
    /// `@odata.type`, e.g. `#microsoft.graph.playPromptOperation`.
    #[serde(rename = "@odata.type", default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    /// The operation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OperationStatus>,
    /// The `clientContext` the action was called with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_context: Option<String>,
    /// Why it ended as it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_info: Option<ResultInfo>,
    /// Any other members (`completionReason`, `recordingLocation`, ...).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// How [`Operation::wait`] polls: the first poll after `initial_interval`, the interval
/// doubling up to `max_interval`, giving up after `max_wait`.
///
/// Defaults: 500 ms, 5 s, 2 minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollPolicy {
    initial_interval: Duration,
    max_interval: Duration,
    max_wait: Duration,
}

impl Default for PollPolicy {
    fn default() -> PollPolicy {
        PollPolicy {
            initial_interval: Duration::from_millis(500),
            max_interval: Duration::from_secs(5),
            max_wait: Duration::from_secs(120),
        }
    }
}

impl PollPolicy {
    /// The wait before the first poll (default 500 ms).
    pub fn initial_interval(mut self, interval: Duration) -> PollPolicy {
        self.initial_interval = interval;
        self
    }

    /// The longest wait between polls (default 5 s).
    pub fn max_interval(mut self, interval: Duration) -> PollPolicy {
        self.max_interval = interval;
        self
    }

    /// How long `wait` polls before [`Error::OperationTimedOut`] (default 2 minutes).
    pub fn max_wait(mut self, wait: Duration) -> PollPolicy {
        self.max_wait = wait;
        self
    }

    /// See [`max_wait`](PollPolicy::max_wait).
    pub fn get_max_wait(&self) -> Duration {
        self.max_wait
    }
}

/// A long-running operation started by an action, as returned by
/// [`Client::send_operation`].
///
/// Built from the response's `Location` (`.../operations/{id}`; the id is its last
/// segment, decoded) and body (kept as [`body`](Operation::body), the action's typed
/// response). [`status`](Operation::status) reads the operation resource at `Location`;
/// [`wait`](Operation::wait) polls it until it completes or fails. Completion usually also
/// arrives as a webhook: see
/// [`CommsNotification::completes`](crate::CommsNotification::completes).
#[derive(Clone)]
pub struct Operation<T> {
    client: Client,
    id: Option<String>,
    location: Option<Url>,
    body: Option<T>,
    initial: Option<OperationResource>,
}

impl<T: fmt::Debug> fmt::Debug for Operation<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operation")
            .field("id", &self.id)
            .field("location", &self.location.as_ref().map(Url::as_str))
            .field("body", &self.body)
            .field("initial", &self.initial)
            .finish_non_exhaustive()
    }
}

impl<T> Operation<T> {
    /// A handle from a response's parts: its `Location` (already resolved) and body.
    pub(crate) fn new(
        client: Client,
        location: Option<Url>,
        body: Option<T>,
        initial: Option<OperationResource>,
    ) -> Operation<T> {
        let id = location
            .as_ref()
            .and_then(|url| url.path_segments()?.rev().find(|s| !s.is_empty()))
            .map(|segment| percent_decode_str(segment).decode_utf8_lossy().into_owned())
            .or_else(|| initial.as_ref().and_then(|r| r.id.clone()));
        Operation { client, id, location, body, initial }
    }

    /// The operation id: the last segment of `Location`, else the body's `id`.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The operation resource's URL, from the `Location` header.
    pub fn location(&self) -> Option<&Url> {
        self.location.as_ref()
    }

    /// The action's response body, if it had one.
    pub fn body(&self) -> Option<&T> {
        self.body.as_ref()
    }

    /// Takes the response body.
    pub fn into_body(self) -> Option<T> {
        self.body
    }

    /// The `clientContext` of the response body, if present.
    pub fn client_context(&self) -> Option<&str> {
        self.initial.as_ref()?.client_context.as_deref()
    }

    /// The response body read as an operation resource (`status`, `clientContext`, ...),
    /// if it was one.
    pub fn initial(&self) -> Option<&OperationResource> {
        self.initial.as_ref()
    }

    /// The `status` of the response body, if present.
    pub fn initial_status(&self) -> Option<&OperationStatus> {
        self.initial.as_ref()?.status.as_ref()
    }

    /// GETs the operation resource at `Location` (with the client's retry policy).
    ///
    /// Fails with [`Error::NoOperationLocation`] without a `Location`, and with
    /// [`Error::ForeignUrl`] without sending anything if `Location` is not on the
    /// client's Graph origin.
    pub async fn status(&self) -> Result<OperationResource> {
        let location = self.location.as_ref().ok_or(Error::NoOperationLocation)?;
        self.client.get_url(location).await
    }

    /// Polls until the operation ends, with the client's [`PollPolicy`].
    ///
    /// Returns the resource when `completed`; [`Error::OperationFailed`] when `failed`;
    /// [`Error::OperationTimedOut`] when the policy's `max_wait` passes first. If the
    /// response body already said `completed` or `failed`, returns at once without a
    /// request.
    pub async fn wait(&self) -> Result<OperationResource> {
        let policy = self.client.poll_policy().clone();
        self.wait_with(&policy).await
    }

    /// [`wait`](Operation::wait) with a given policy.
    pub async fn wait_with(&self, policy: &PollPolicy) -> Result<OperationResource> {
        let mut last_status = self.initial_status().cloned();
        if last_status.as_ref().is_some_and(OperationStatus::is_terminal) {
            if let Some(initial) = &self.initial {
                return self.finish(initial.clone());
            }
        }
        let start = Instant::now();
        let mut interval = policy.initial_interval;
        loop {
            let elapsed = start.elapsed();
            if elapsed >= policy.max_wait {
                return Err(Error::OperationTimedOut {
                    id: self.id.clone(),
                    waited: elapsed,
                    last_status,
                });
            }
            tokio::time::sleep(interval.min(policy.max_wait - elapsed)).await;
            let resource = self.status().await?;
            if resource.status.as_ref().is_some_and(OperationStatus::is_terminal) {
                return self.finish(resource);
            }
            last_status = resource.status;
            interval = interval.saturating_mul(2).min(policy.max_interval);
        }
    }

    fn finish(&self, resource: OperationResource) -> Result<OperationResource> {
        match resource.status {
            Some(OperationStatus::Failed) => Err(Error::OperationFailed {
                id: self.id.clone().or_else(|| resource.id.clone()),
                resource: Box::new(resource),
            }),
            _ => Ok(resource),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_is_open() {
        let parsed: Vec<OperationStatus> =
            serde_json::from_str(r#"["notStarted","running","completed","failed","paused"]"#)
                .unwrap();
        assert_eq!(
            parsed,
            [
                OperationStatus::NotStarted,
                OperationStatus::Running,
                OperationStatus::Completed,
                OperationStatus::Failed,
                OperationStatus::Unknown("paused".into()),
            ]
        );
        assert_eq!(
            serde_json::to_string(&parsed).unwrap(),
            r#"["notStarted","running","completed","failed","paused"]"#
        );
        assert!(OperationStatus::Failed.is_terminal() && !OperationStatus::Running.is_terminal());
    }

    #[test]
    fn operation_resource_reads_seed_bodies() {
        let resource: OperationResource = serde_json::from_str(
            r##"{"@odata.type": "#microsoft.graph.stopTranscriptionOperation",
                "clientContext": "clientContext-value", "status": "completed",
                "resultInfo": {"@odata.type": "#microsoft.graph.resultInfo", "code": 200, "subcode": 8507, "message": "done"},
                "completionReason": "completedSuccessfully"}"##,
        )
        .unwrap();
        assert_eq!(resource.status, Some(OperationStatus::Completed));
        assert_eq!(resource.client_context.as_deref(), Some("clientContext-value"));
        assert_eq!(resource.result_info.as_ref().and_then(|r| r.subcode), Some(8507));
        assert_eq!(resource.extra["completionReason"], "completedSuccessfully");
    }
}
