//! What the client reports through [`tracing`](https://docs.rs/tracing) (feature
//! `tracing`): one span per request, events for each attempt, response, retry, token
//! refresh and redirect. Without the feature every function here is empty and compiles
//! away.
//!
//! The span `graph_request` carries `method`, `url` (without its query, which can hold
//! search terms and filters on personal data) and `client_request_id` (the id Microsoft
//! support asks for). Events, inside it:
//!
//! | level | message | fields |
//! |---|---|---|
//! | DEBUG | `sending` | `attempt` (1 for the first) |
//! | DEBUG | `response` | `status`, `request_id` (Graph's, when sent), `elapsed_ms` |
//! | INFO | `retrying` | `attempt` (the one that failed), `delay_ms`, `reason` (`status 429`, `could not connect`) |
//! | INFO | `token refused; asking the provider for another` | |
//! | DEBUG | `redirect` | `to` (without its query) |
//!
//! No header is ever recorded: the token cannot reach a log through this module.

use std::future::Future;
use std::time::Duration;

use http::{Method, StatusCode};
use url::Url;

use crate::observe::RetryReason;

/// The span of one request (a no-op without the feature).
#[cfg(feature = "tracing")]
pub(crate) type Span = tracing::Span;

/// The span of one request (a no-op without the feature).
#[cfg(not(feature = "tracing"))]
#[derive(Debug, Clone)]
pub(crate) struct Span;

/// The span of a request to `url` (recorded without its query).
pub(crate) fn request(method: &Method, url: &Url, client_request_id: &str) -> Span {
    #[cfg(feature = "tracing")]
    {
        let url = crate::client::without_query(url);
        tracing::info_span!("graph_request", %method, url, client_request_id)
    }
    #[cfg(not(feature = "tracing"))]
    {
        let _ = (method, url, client_request_id);
        Span
    }
}

/// Run `future` inside `span`.
pub(crate) async fn within<F: Future>(span: Span, future: F) -> F::Output {
    #[cfg(feature = "tracing")]
    {
        use tracing::Instrument;
        future.instrument(span).await
    }
    #[cfg(not(feature = "tracing"))]
    {
        let _ = span;
        future.await
    }
}

/// Attempt number `attempt` (1-based) is about to be sent.
pub(crate) fn sending(attempt: u32) {
    #[cfg(feature = "tracing")]
    tracing::debug!(attempt, "sending");
    #[cfg(not(feature = "tracing"))]
    let _ = attempt;
}

/// A response arrived.
pub(crate) fn response(status: StatusCode, request_id: Option<&str>, elapsed: Duration) {
    #[cfg(feature = "tracing")]
    tracing::debug!(
        status = status.as_u16(),
        request_id,
        elapsed_ms = elapsed.as_millis() as u64,
        "response"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (status, request_id, elapsed);
}

/// Attempt `attempt` failed for `reason`; the next one follows after `delay`.
pub(crate) fn retrying(attempt: u32, reason: RetryReason, delay: Duration) {
    #[cfg(feature = "tracing")]
    tracing::info!(attempt, delay_ms = delay.as_millis() as u64, reason = %reason, "retrying");
    #[cfg(not(feature = "tracing"))]
    let _ = (attempt, reason, delay);
}

/// Graph refused the token (401) and the provider is asked for a new one.
pub(crate) fn reauthorizing() {
    #[cfg(feature = "tracing")]
    tracing::info!("token refused; asking the provider for another");
}

/// A `GET` is redirected to `to` (its query already removed).
pub(crate) fn redirect(to: &str) {
    #[cfg(feature = "tracing")]
    tracing::debug!(to, "redirect");
    #[cfg(not(feature = "tracing"))]
    let _ = to;
}
