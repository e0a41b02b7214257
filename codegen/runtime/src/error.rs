//! Typed errors, each carrying where the request went and what came back.
//!
//! No error holds a header value or a query string, so none can leak a token or a
//! `$skiptoken`.

use std::fmt;
use std::time::Duration;

use http::StatusCode;
use serde::{Deserialize, Serialize};

use crate::auth::BoxError;
use crate::operation::{OperationResource, OperationStatus};
use crate::transport::TransportError;

/// `Result<T, graphgen_runtime::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What is known about the exchange an error came from.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorContext {
    /// The request's method.
    pub method: http::Method,
    /// The request's URL without its query string.
    pub url: String,
    /// The `client-request-id` sent (the same on every attempt of one call).
    pub client_request_id: String,
    /// How many attempts were made.
    pub attempts: u32,
    /// The last response's status, if one came.
    pub status: Option<StatusCode>,
    /// The last response's `request-id` header (Graph's id for the request), if any.
    pub request_id: Option<String>,
    /// The last response's `Retry-After`, if any (set when retries ran out while throttled).
    pub retry_after: Option<Duration>,
}

impl fmt::Display for ErrorContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.url)?;
        if let Some(status) = self.status {
            write!(f, " -> {status}")?;
        }
        write!(f, " (client-request-id {}", self.client_request_id)?;
        if let Some(request_id) = &self.request_id {
            write!(f, ", request-id {request_id}")?;
        }
        if self.attempts > 1 {
            write!(f, ", {} attempts", self.attempts)?;
        }
        f.write_str(")")
    }
}

/// The `error` object of a Graph error response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphError {
    /// The error code, e.g. `itemNotFound`, `TooManyRequests`.
    #[serde(default)]
    pub code: String,
    /// A human-readable message.
    #[serde(default)]
    pub message: String,
    /// Diagnostic ids Graph adds.
    #[serde(rename = "innerError", alias = "innererror", default)]
    pub inner_error: Option<InnerError>,
    /// Any other members (`details`, `target`, ...).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The `innerError` object of a Graph error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InnerError {
    /// Graph's id for the request.
    #[serde(rename = "request-id", default)]
    pub request_id: Option<String>,
    /// When the error happened.
    #[serde(default)]
    pub date: Option<String>,
    /// The `client-request-id` the request carried.
    #[serde(rename = "client-request-id", default)]
    pub client_request_id: Option<String>,
    /// Any other members (`code`, nested `innerError`, ...).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The body of a Graph error response: `{"error": {...}}`.
#[derive(Deserialize)]
pub(crate) struct GraphErrorBody {
    pub error: GraphError,
}

/// Everything that can go wrong between building a request and reading its result.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Graph answered with an error status and a Graph error body.
    #[error("{context}: {} {}: {}", .context.status.map_or(0, |s| s.as_u16()), .error.code, .error.message)]
    Graph {
        /// The exchange.
        context: Box<ErrorContext>,
        /// The decoded `error` object.
        error: Box<GraphError>,
    },
    /// An error status whose body is not a Graph error (an HTML page from a gateway, plain
    /// text, nothing).
    #[error("{context}: error response without a Graph error body (content type {}): {snippet:?}", content_type.as_deref().unwrap_or("none"))]
    UnexpectedResponse {
        /// The exchange.
        context: Box<ErrorContext>,
        /// The response's `Content-Type`.
        content_type: Option<String>,
        /// The start of the body, as text.
        snippet: String,
    },
    /// A success response that should be JSON has another content type.
    #[error("{context}: expected a JSON response, got content type {}: {snippet:?}", content_type.as_deref().unwrap_or("none"))]
    UnexpectedContentType {
        /// The exchange.
        context: Box<ErrorContext>,
        /// The response's `Content-Type`.
        content_type: Option<String>,
        /// The start of the body, as text.
        snippet: String,
    },
    /// A success response's JSON body could not be decoded (truncated, or not the
    /// expected shape).
    #[error("{context}: could not decode the response body: {source}")]
    Decode {
        /// The exchange.
        context: Box<ErrorContext>,
        /// What serde_json found.
        source: serde_json::Error,
    },
    /// No complete response came within the per-request timeout.
    #[error("{context}: no response within {after:?}")]
    Timeout {
        /// The exchange.
        context: Box<ErrorContext>,
        /// The timeout that elapsed.
        after: Duration,
    },
    /// The transport failed (connection refused, reset, dropped, truncated body).
    #[error("{context}: {source}")]
    Transport {
        /// The exchange.
        context: Box<ErrorContext>,
        /// The transport's error.
        source: TransportError,
    },
    /// Redirects went on for too long.
    #[error("{context}: too many redirects")]
    TooManyRedirects {
        /// The exchange.
        context: Box<ErrorContext>,
    },
    /// The token provider failed.
    #[error("the token provider failed: {0}")]
    Auth(#[source] BoxError),
    /// A path cannot be sent as built (an empty, `.` or `..` segment).
    #[error("cannot send path {path}: segment {index} is {reason}")]
    InvalidPath {
        /// The encoded path.
        path: String,
        /// The 0-based index of the segment.
        index: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A request cannot be sent as built (a header HTTP cannot carry, ...).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// A request body could not be serialized.
    #[error("could not serialize the request body: {0}")]
    Serialize(#[source] serde_json::Error),
    /// The client is misconfigured.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// A URL from a response (an operation's `Location`, a `nextLink`) is not on the
    /// client's Graph origin, so it is not requested: the token goes only to that origin.
    #[error("refused to request {url}: it is not on the configured Graph origin {origin}")]
    ForeignUrl {
        /// The refused URL, without its query.
        url: String,
        /// The client's origin (`scheme://host:port`).
        origin: String,
    },
    /// The operation has no `Location` to poll (the response carried none).
    #[error("the operation has no Location to poll")]
    NoOperationLocation,
    /// A long-running operation ended in `failed`.
    #[error("operation {} failed{}", id.as_deref().unwrap_or("(no id)"), result_message(resource))]
    OperationFailed {
        /// The operation id.
        id: Option<String>,
        /// The operation resource as last read.
        resource: Box<OperationResource>,
    },
    /// A long-running operation did not finish within the wait bound.
    #[error("operation {} still {} after {waited:?}", id.as_deref().unwrap_or("(no id)"), last_status.as_ref().map_or("unknown", |s| s.as_str()))]
    OperationTimedOut {
        /// The operation id.
        id: Option<String>,
        /// How long `wait` polled.
        waited: Duration,
        /// The last status read.
        last_status: Option<OperationStatus>,
    },
    /// A webhook payload is not a valid notification.
    #[error("invalid notification payload: {0}")]
    InvalidNotification(#[source] serde_json::Error),
}

fn result_message(resource: &OperationResource) -> String {
    match resource.result_info.as_ref() {
        Some(info) => format!(
            ": code {}, subcode {}, {}",
            info.code.map_or_else(|| "-".to_owned(), |c| c.to_string()),
            info.subcode.map_or_else(|| "-".to_owned(), |c| c.to_string()),
            info.message.as_deref().unwrap_or("no message")
        ),
        None => String::new(),
    }
}

impl Error {
    /// The exchange the error came from, when it came from one.
    pub fn context(&self) -> Option<&ErrorContext> {
        match self {
            Error::Graph { context, .. }
            | Error::UnexpectedResponse { context, .. }
            | Error::UnexpectedContentType { context, .. }
            | Error::Decode { context, .. }
            | Error::Timeout { context, .. }
            | Error::Transport { context, .. }
            | Error::TooManyRedirects { context } => Some(context),
            _ => None,
        }
    }

    /// The HTTP status of the response, if one came.
    pub fn status(&self) -> Option<StatusCode> {
        self.context().and_then(|c| c.status)
    }

    /// The decoded Graph error, for [`Error::Graph`].
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Error::Graph { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Graph's `request-id`: the response header, else the error body's `innerError`.
    pub fn request_id(&self) -> Option<&str> {
        self.context()
            .and_then(|c| c.request_id.as_deref())
            .or_else(|| self.graph_error()?.inner_error.as_ref()?.request_id.as_deref())
    }

    /// The `client-request-id` the request carried.
    pub fn client_request_id(&self) -> Option<&str> {
        self.context().map(|c| c.client_request_id.as_str())
    }

    /// Whether the error is a per-request timeout.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }
}
