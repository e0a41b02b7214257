//! The HTTP layer: requests and responses as plain values, the [`Transport`] trait that
//! carries them, and the default reqwest (rustls) implementation.
//!
//! A transport sends exactly what it is given, once: no retries, no redirects, no auth,
//! no timeouts. The [`Client`](crate::Client) does all of that above it, so another HTTP
//! stack or a test double only has to move bytes.

use std::fmt;

use http::{HeaderMap, StatusCode};
use url::Url;

use crate::auth::{BoxError, BoxFuture};

/// A request as handed to a [`Transport`].
///
/// `Debug` prints header values marked sensitive (`Authorization`) as `Sensitive`, and
/// only the body's length.
#[derive(Clone)]
pub struct HttpRequest {
    /// The method.
    pub method: http::Method,
    /// The absolute URL.
    pub url: Url,
    /// The headers, `Authorization` included (marked sensitive).
    pub headers: HeaderMap,
    /// The body, if any.
    pub body: Option<Vec<u8>>,
    /// The largest response body to read
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)): a
    /// transport should stop reading past it and fail with [`TransportErrorKind::TooLarge`]
    /// (the client checks the body it gets back in any case).
    pub max_response_bytes: usize,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url.as_str())
            .field("headers", &self.headers)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// A complete response as returned by a [`Transport`].
#[derive(Clone)]
pub struct HttpResponse {
    /// The status code.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A header's value as text, if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// How far a failed exchange got, which decides whether it may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection was made (DNS, refused, TLS handshake, connect timeout): the request
    /// never left, so it is safe to send again whatever the method.
    Connect,
    /// The connection failed after the request was (or may have been) sent: reset, closed
    /// before a complete response, a truncated body. The server may have acted on it.
    Interrupted,
    /// The transport itself gave up waiting.
    Timeout,
    /// The response body is larger than the limit
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)):
    /// refused, not retried, and read no further than the limit.
    TooLarge,
    /// Anything else (the request could not be built, ...).
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Interrupted => "connection failed after the request was sent",
            TransportErrorKind::Timeout => "transport timed out",
            TransportErrorKind::TooLarge => "response body too large",
            TransportErrorKind::Other => "transport error",
        })
    }
}

/// A failure of the [`Transport`] to complete an exchange.
#[derive(Debug, thiserror::Error)]
#[error("{kind}: {source}")]
pub struct TransportError {
    kind: TransportErrorKind,
    #[source]
    source: BoxError,
}

impl TransportError {
    /// An error of `kind` caused by `source`.
    pub fn new(kind: TransportErrorKind, source: impl Into<BoxError>) -> TransportError {
        TransportError { kind, source: source.into() }
    }

    /// How far the exchange got.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

/// The default limit on a response body: 256 MiB. Graph's JSON answers are far
/// smaller; the limit keeps a broken or hostile server from exhausting memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 256 * 1024 * 1024;

/// The error for a body over `limit` bytes (`seen`: what is known of its size).
pub(crate) fn too_large(seen: impl fmt::Display, limit: usize) -> TransportError {
    TransportError::new(
        TransportErrorKind::TooLarge,
        format!("the response body ({seen}) exceeds the limit of {limit} bytes"),
    )
}

/// Sends one HTTP request and returns the complete response.
///
/// Implement it to plug in another HTTP stack or a test double; see the module
/// documentation for what a transport must not do.
pub trait Transport: Send + Sync + 'static {
    /// Sends `request` once and reads the whole response.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

#[cfg(feature = "reqwest")]
pub use self::reqwest_impl::ReqwestTransport;

#[cfg(feature = "reqwest")]
mod reqwest_impl {
    use std::time::Duration;

    use super::*;

    /// How long connecting (TCP and TLS) may take before the attempt counts as
    /// [`TransportErrorKind::Connect`] and is retried.
    const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

    /// The default [`Transport`]: reqwest over rustls, HTTP/1.1 and HTTP/2, connection
    /// pooling, redirects off (the client follows them itself, deciding where the token
    /// may go), a 10 s connect timeout, and bodies read up to each request's
    /// [`max_response_bytes`](HttpRequest::max_response_bytes): a larger one is refused as
    /// soon as its `Content-Length`, or the bytes read so far, pass it.
    #[derive(Clone, Debug)]
    pub struct ReqwestTransport {
        client: reqwest::Client,
    }

    impl ReqwestTransport {
        /// The default configuration.
        pub fn new() -> Result<ReqwestTransport, TransportError> {
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(CONNECT_TIMEOUT)
                .build()
                .map_err(|e| TransportError::new(TransportErrorKind::Other, e.without_url()))?;
            Ok(ReqwestTransport { client })
        }

        /// Uses a `reqwest::Client` configured by the caller (proxies, certificates). It
        /// should not follow redirects (`redirect::Policy::none()`), or the client cannot
        /// keep the token from other hosts a redirect names.
        pub fn from_client(client: reqwest::Client) -> ReqwestTransport {
            ReqwestTransport { client }
        }
    }

    fn classify(error: reqwest::Error) -> TransportError {
        let kind = if error.is_connect() {
            TransportErrorKind::Connect
        } else if error.is_timeout() {
            TransportErrorKind::Timeout
        } else if error.is_builder() {
            TransportErrorKind::Other
        } else {
            TransportErrorKind::Interrupted
        };
        // The URL stays out of the message: the client reports it (without its query).
        TransportError::new(kind, error.without_url())
    }

    impl Transport for ReqwestTransport {
        fn send(
            &self,
            request: HttpRequest,
        ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            Box::pin(async move {
                let mut builder =
                    self.client.request(request.method, request.url).headers(request.headers);
                if let Some(body) = request.body {
                    builder = builder.body(body);
                }
                let mut response = builder.send().await.map_err(classify)?;
                let status = response.status();
                let headers = response.headers().clone();
                let limit = request.max_response_bytes;
                let declared = response.content_length();
                if let Some(declared) = declared.filter(|&d| d > limit as u64) {
                    return Err(too_large(format_args!("Content-Length {declared}"), limit));
                }
                // Read by chunks, so that a body without a Content-Length (or with a
                // false one) stops at the limit instead of filling memory.
                let capacity = declared.map_or(0, |d| d as usize);
                let mut body = Vec::with_capacity(capacity);
                while let Some(chunk) = response.chunk().await.map_err(classify)? {
                    if body.len() + chunk.len() > limit {
                        return Err(too_large("read past the limit", limit));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(HttpResponse { status, headers, body })
            })
        }
    }
}
