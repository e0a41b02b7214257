//! What the client counts through the [`metrics`](https://docs.rs/metrics) facade
//! (feature `metrics`): requests, the responses of each attempt, retries and their
//! waits, refused tokens. The application installs a recorder (Prometheus, StatsD,
//! OpenTelemetry, ...); with none installed each call is a no-op. Without the feature
//! every function here is empty and compiles away.
//!
//! | name | kind | labels | one per |
//! |---|---|---|---|
//! | `graph_client_requests_total` | counter | `method`, `status`, `result` | call: retries and redirects included, up to the final response or error |
//! | `graph_client_request_duration_seconds` | histogram | `method`, `result` | call: from the first attempt to the final response or error |
//! | `graph_client_responses_total` | counter | `status` | response received (every attempt, redirects and refusals included) |
//! | `graph_client_retries_total` | counter | `reason` | retry scheduled |
//! | `graph_client_retry_delay_seconds` | histogram | `reason` | retry scheduled: the wait before it |
//! | `graph_client_token_refusals_total` | counter | | `401` that made the client ask the provider for another token |
//!
//! Label values (few, so a metrics backend can keep a series per combination):
//! - `method`: `GET`, `POST`, ...
//! - `status`: the HTTP status (`200`, `429`), or `none` when no response came;
//! - `result`: `ok`, or the kind of error: `graph` (an error status with a Graph error
//!   body), `unexpected_response`, `timeout`, `transport`, `too_many_redirects`, `auth`
//!   (the token provider failed), `invalid_request` (an unusable redirect);
//! - `reason`: the retried status (`429`, `503`), or the transport failure (`connect`,
//!   `interrupted`).
//!
//! No URL, id, query, header or token is ever a label. A request refused before
//! anything is sent (an unsendable path, a URL off the Graph origin) is not a call, and
//! the decoding of a success body happens after the call: neither is counted here (their
//! errors go to the caller).

use std::time::Duration;

use http::{Method, StatusCode};

use crate::Error;
use crate::observe::RetryReason;
#[cfg(feature = "metrics")]
use crate::transport::TransportErrorKind;

/// A call ended: `outcome` is its final response's status, or its error.
pub(crate) fn finished(method: &Method, outcome: Result<StatusCode, &Error>, elapsed: Duration) {
    #[cfg(feature = "metrics")]
    {
        let (status, result) = match outcome {
            Ok(status) => (status_label(Some(status)), "ok"),
            Err(error) => (status_label(error.status()), error_label(error)),
        };
        let method = method.as_str().to_owned();
        ::metrics::counter!(
            "graph_client_requests_total",
            "method" => method.clone(),
            "status" => status,
            "result" => result
        )
        .increment(1);
        ::metrics::histogram!(
            "graph_client_request_duration_seconds",
            "method" => method,
            "result" => result
        )
        .record(elapsed.as_secs_f64());
    }
    #[cfg(not(feature = "metrics"))]
    let _ = (method, outcome, elapsed);
}

/// A response arrived (any attempt).
pub(crate) fn response(status: StatusCode) {
    #[cfg(feature = "metrics")]
    ::metrics::counter!("graph_client_responses_total", "status" => status_label(Some(status)))
        .increment(1);
    #[cfg(not(feature = "metrics"))]
    let _ = status;
}

/// A retry is scheduled after `delay`.
pub(crate) fn retrying(reason: RetryReason, delay: Duration) {
    #[cfg(feature = "metrics")]
    {
        let reason = reason_label(reason);
        ::metrics::counter!("graph_client_retries_total", "reason" => reason.clone()).increment(1);
        ::metrics::histogram!("graph_client_retry_delay_seconds", "reason" => reason)
            .record(delay.as_secs_f64());
    }
    #[cfg(not(feature = "metrics"))]
    let _ = (reason, delay);
}

/// Graph refused the token (401) and the provider is asked for another.
pub(crate) fn reauthorizing() {
    #[cfg(feature = "metrics")]
    ::metrics::counter!("graph_client_token_refusals_total").increment(1);
}

/// The `status` label: the code, or `none`.
#[cfg(feature = "metrics")]
fn status_label(status: Option<StatusCode>) -> String {
    status.map_or_else(|| "none".to_owned(), |s| s.as_u16().to_string())
}

/// The `reason` label of a retry.
#[cfg(feature = "metrics")]
fn reason_label(reason: RetryReason) -> String {
    match reason {
        RetryReason::Status(status) => status.as_u16().to_string(),
        RetryReason::Transport(kind) => match kind {
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::Interrupted => "interrupted",
            TransportErrorKind::Timeout => "transport_timeout",
            TransportErrorKind::TooLarge => "too_large",
            TransportErrorKind::Other => "transport",
        }
        .to_owned(),
    }
}

/// The `result` label of a failed call: the error's kind, in snake case.
#[cfg(feature = "metrics")]
fn error_label(error: &Error) -> &'static str {
    match error {
        Error::Graph { .. } => "graph",
        Error::UnexpectedResponse { .. } => "unexpected_response",
        Error::UnexpectedContentType { .. } => "unexpected_content_type",
        Error::Decode { .. } => "decode",
        Error::Timeout { .. } => "timeout",
        Error::Transport { .. } => "transport",
        Error::TooManyRedirects { .. } => "too_many_redirects",
        Error::Auth(_) => "auth",
        Error::InvalidPath { .. } => "invalid_path",
        Error::InvalidRequest(_) => "invalid_request",
        Error::Serialize(_) => "serialize",
        Error::Config(_) => "config",
        Error::ForeignUrl { .. } => "foreign_url",
        Error::NoOperationLocation => "no_operation_location",
        Error::OperationFailed { .. } => "operation_failed",
        Error::OperationTimedOut { .. } => "operation_timed_out",
        Error::InvalidNotification(_) => "invalid_notification",
    }
}
