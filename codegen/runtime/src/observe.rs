//! What the client reports as it works, one call per event. Each event goes to both
//! observers: the `tracing` span and events ([`crate::trace`], feature `tracing`) and
//! the counters and histograms ([`crate::metrics`], feature `metrics`). Without the
//! features every call here compiles away.

use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

use http::{Method, StatusCode};
use url::Url;

use crate::error::{ErrorContext, Result};
use crate::transport::{HttpResponse, TransportErrorKind};
use crate::{metrics, trace};

/// Why an attempt is retried.
#[derive(Debug, Clone, Copy)]
pub(crate) enum RetryReason {
    /// A retryable status (`429`, `503`, ...).
    Status(StatusCode),
    /// The transport failed in a way that is safe to repeat.
    Transport(TransportErrorKind),
}

/// As the `retrying` event prints it: `status 503`, `could not connect`.
impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryReason::Status(status) => write!(f, "status {}", status.as_u16()),
            RetryReason::Transport(kind) => write!(f, "{kind}"),
        }
    }
}

/// One call (a request with its retries and redirects), from its start.
pub(crate) struct Call {
    span: trace::Span,
    method: Method,
    started: Instant,
}

impl Call {
    /// A call of `method` to `url` starts.
    pub(crate) fn start(method: &Method, url: &Url, client_request_id: &str) -> Call {
        Call {
            span: trace::request(method, url, client_request_id),
            method: method.clone(),
            started: Instant::now(),
        }
    }

    /// Run the call's `future` inside its span; count it when it ends.
    pub(crate) async fn run<F>(self, future: F) -> F::Output
    where
        F: Future<Output = Result<(HttpResponse, ErrorContext)>>,
    {
        let result = trace::within(self.span, future).await;
        let outcome = result.as_ref().map(|(response, _)| response.status);
        metrics::finished(&self.method, outcome, self.started.elapsed());
        result
    }
}

/// Attempt number `attempt` (1-based) is about to be sent.
pub(crate) fn sending(attempt: u32) {
    trace::sending(attempt);
}

/// A response arrived, `elapsed` after its attempt was sent.
pub(crate) fn response(status: StatusCode, request_id: Option<&str>, elapsed: Duration) {
    trace::response(status, request_id, elapsed);
    metrics::response(status);
}

/// Attempt `attempt` failed for `reason`; the next one follows after `delay`.
pub(crate) fn retrying(attempt: u32, reason: RetryReason, delay: Duration) {
    trace::retrying(attempt, reason, delay);
    metrics::retrying(reason, delay);
}

/// Graph refused the token (401) and the provider is asked for another.
pub(crate) fn reauthorizing() {
    trace::reauthorizing();
    metrics::reauthorizing();
}

/// A `GET` is redirected to `to` (its query already removed).
pub(crate) fn redirect(to: &str) {
    trace::redirect(to);
}
