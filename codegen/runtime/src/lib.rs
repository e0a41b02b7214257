//! `graphgen-runtime`: the Microsoft Graph client that graphgen-generated code calls.
//!
//! Generated code builds a [`Request`] (method, [`ApiVersion`], an encoded [`Path`],
//! query, headers, JSON body) and hands it to one of the [`Client`]'s six send methods:
//! [`send_json`](Client::send_json), [`send_value`](Client::send_value) (one primitive,
//! sent as `{"value": ...}`), [`send_no_content`](Client::send_no_content),
//! [`send_operation`](Client::send_operation) (a long-running [`Operation`]),
//! [`send_created`](Client::send_created) (a `201 Created` with the new resource's
//! URL: [`Created`]) and [`send_bytes`](Client::send_bytes). The client authorizes with a [`TokenProvider`],
//! retries throttling and outages per its [`RetryPolicy`], times out each attempt, and
//! turns every failure into a typed [`Error`]. It talks HTTP through a [`Transport`]
//! (reqwest with rustls by default).
//!
//! ```no_run
//! # async fn run() -> graphgen_runtime::Result<()> {
//! use graphgen_runtime::serde_json::json;
//! use graphgen_runtime::{ApiVersion, Client, Method, Path, Request};
//!
//! let client = Client::new("eyJ0eXAi...")?;
//! let request = Request::new(
//!     Method::Post,
//!     ApiVersion::Beta,
//!     Path::new()
//!         .literal("communications")
//!         .literal("calls")
//!         .param("02000980-58ea-4bf2-bb77-8ba548da56f7")
//!         .literal("microsoft.graph.StopTranscription"),
//! )
//! .json(&json!({"language": "en-us"}))?;
//! let operation = client.send_operation::<serde_json::Value>(request).await?;
//! let done = operation.wait().await?;
//! # let _ = done; Ok(()) }
//! ```
//!
//! Features: `reqwest` (default) the default transport; `blocking` a
//! `blocking::Client` for code without an async runtime; `testing` a loopback server
//! that plays Graph, for tests; `tracing` a span per request and events for each
//! attempt, response, retry, token refresh and redirect (never a header); `metrics`
//! counters and histograms through the `metrics` facade (requests by method, status and
//! result, responses, retries by reason with their waits, refused tokens; never a URL or
//! token as a label).

#![deny(missing_docs)]

pub use serde;
pub use serde_json;

mod auth;
mod client;
mod cloud;
mod collection;
mod created;
mod error;
mod metrics;
mod notification;
mod object;
mod observe;
mod operation;
mod options;
mod path;
mod request;
mod response;
mod retry;
mod trace;
mod transport;

#[cfg(feature = "blocking")]
pub mod blocking;
#[cfg(feature = "testing")]
pub mod testing;

pub use auth::{BoxError, BoxFuture, Secret, TokenFn, TokenProvider, token_fn};
pub use client::{Client, ClientBuilder, DEFAULT_TIMEOUT};
pub use cloud::Cloud;
pub use collection::Collection;
pub use created::Created;
pub use error::{Error, ErrorContext, GraphError, InnerError, Result};
pub use http;
pub use notification::{ChangeType, CommsNotification, CommsNotifications};
pub use object::{JsonObject, JsonObjectWriter, Member};
pub use operation::{Operation, OperationResource, OperationStatus, PollPolicy, ResultInfo};
pub use options::RequestOptions;
pub use path::{FnArg, Path, TemplatePart};
pub use request::{ApiVersion, Body, Method, Request};
pub use retry::RetryPolicy;
#[cfg(feature = "reqwest")]
pub use transport::ReqwestTransport;
pub use transport::{
    DEFAULT_MAX_RESPONSE_BYTES, HttpRequest, HttpResponse, Transport, TransportError,
    TransportErrorKind,
};
pub use url::Url;

#[cfg(test)]
mod tests {
    use super::*;

    fn send_sync<T: Send + Sync>(_: &T) {}
    fn send<T: Send>(_: T) {}

    /// Bots spawn Graph calls on multi-threaded runtimes and web handlers: the client,
    /// its errors, handles and futures must cross threads.
    #[test]
    fn clients_errors_and_futures_cross_threads() {
        let client = Client::new("t").unwrap();
        send_sync(&client);
        send_sync(&Error::NoOperationLocation);
        let request = || Request::new(Method::Get, ApiVersion::V1, Path::new().literal("me"));
        send(client.send_json::<serde_json::Value>(request()));
        send(client.send_no_content(request()));
        send(client.send_operation::<serde_json::Value>(request()));
        send(client.send_bytes(request()));
        send(client.next_page(&Collection::<serde_json::Value>::default()));
        let operation = Operation::<serde_json::Value>::new(client.clone(), None, None, None);
        send_sync(&operation);
        send(operation.status());
        send(operation.wait());
    }
}
