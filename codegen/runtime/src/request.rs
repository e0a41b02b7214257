//! A Graph request as a value: method, API version, path, query, headers and body.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::options::RequestOptions;
use crate::path::Path;

/// Query names keep `$` (`$filter`, `$select`) and unreserved characters; everything else
/// is encoded.
const QUERY_NAME: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'$');
/// Query values encode everything but unreserved characters (a space is `%20`, never `+`).
const QUERY_VALUE: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// An HTTP method used by Graph actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method's name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether sending the request twice has the effect of sending it once (RFC 9110 §9.2.2):
    /// `GET`, `PUT` and `DELETE`. Only these are retried after a connection that dropped once
    /// the request had been sent.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Method> for http::Method {
    fn from(method: Method) -> http::Method {
        match method {
            Method::Get => http::Method::GET,
            Method::Post => http::Method::POST,
            Method::Put => http::Method::PUT,
            Method::Patch => http::Method::PATCH,
            Method::Delete => http::Method::DELETE,
        }
    }
}

/// The Graph API version a request targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApiVersion {
    /// `v1.0`, the stable API.
    V1,
    /// `beta`, the preview API.
    Beta,
}

impl ApiVersion {
    /// The version's path segment: `v1.0` or `beta`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request body with its content type.
#[derive(Clone, PartialEq, Eq)]
pub struct Body {
    /// The `Content-Type` it is sent with.
    pub content_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Body")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A Graph request as a value, built by generated code and handed to a
/// [`Client`](crate::Client) send method.
///
/// ```
/// use graphgen_runtime::{ApiVersion, Method, Path, Request};
/// let request = Request::new(Method::Get, ApiVersion::V1, Path::new().literal("me"))
///     .query("$select", "displayName,mail")
///     .header("ConsistencyLevel", "eventual");
/// assert_eq!(request.path_and_query(), "/v1.0/me?$select=displayName%2Cmail");
/// ```
///
/// The client sets `Authorization`, `client-request-id` (unless the request carries one),
/// `User-Agent` and `Accept` itself; an `Authorization` header set here is replaced by the
/// client's token provider.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    method: Method,
    version: ApiVersion,
    path: Path,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Body>,
}

impl Request {
    /// A request with no query, headers or body.
    pub fn new(method: Method, version: ApiVersion, path: Path) -> Request {
        Request { method, version, path, query: Vec::new(), headers: Vec::new(), body: None }
    }

    /// Appends a query parameter; the name keeps `$`, the value is percent-encoded.
    pub fn query(mut self, name: &str, value: impl Into<String>) -> Request {
        self.query.push((name.to_owned(), value.into()));
        self
    }

    /// Appends a query parameter when `value` is `Some` (an optional query parameter of
    /// a generated call, set or not); `None` leaves the query as it is.
    pub fn query_opt(self, name: &str, value: Option<impl Into<String>>) -> Request {
        match value {
            Some(value) => self.query(name, value),
            None => self,
        }
    }

    /// Appends a header. Headers the client owns (see the type's documentation) are
    /// overridden; a header name or value that HTTP cannot carry fails the send with
    /// [`Error::InvalidRequest`].
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Request {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    /// Appends the query parameters and headers of `options`, in order (after those
    /// already set).
    pub fn options(mut self, options: &RequestOptions) -> Request {
        self.query.extend(options.query_pairs().iter().cloned());
        self.headers.extend(options.headers().iter().cloned());
        self
    }

    /// Sets a JSON body (and `Content-Type: application/json`).
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Request> {
        let bytes = serde_json::to_vec(body).map_err(Error::Serialize)?;
        self.body = Some(Body { content_type: "application/json".to_owned(), bytes });
        Ok(self)
    }

    /// Sets a raw body with its content type.
    pub fn bytes(mut self, content_type: &str, bytes: Vec<u8>) -> Request {
        self.body = Some(Body { content_type: content_type.to_owned(), bytes });
        self
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The API version.
    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// The path below the version.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The query parameters, unencoded, in order.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The headers set on the request, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The body, if any.
    pub fn body(&self) -> Option<&Body> {
        self.body.as_ref()
    }

    /// The headers and body, taken out for sending.
    pub(crate) fn into_headers_and_body(self) -> (Vec<(String, String)>, Option<Body>) {
        (self.headers, self.body)
    }

    /// `/{version}{path}?{query}`, encoded, as appended to the client's base URL.
    pub fn path_and_query(&self) -> String {
        let mut out = format!("/{}{}", self.version, self.path.as_str());
        for (i, (name, value)) in self.query.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.extend(utf8_percent_encode(name, QUERY_NAME));
            out.push('=');
            out.extend(utf8_percent_encode(value, QUERY_VALUE));
        }
        out
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers = shown_headers(&self.headers);
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("version", &self.version)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// Headers as `Debug` shows them: credentials' values replaced by `***`.
pub(crate) fn shown_headers(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers
        .iter()
        .map(|(name, value)| {
            let shown = if is_sensitive_header(name) { "***" } else { value.as_str() };
            (name.as_str(), shown)
        })
        .collect()
}

/// Headers whose values are credentials and never printed.
pub(crate) fn is_sensitive_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("authorization")
        || name.eq_ignore_ascii_case("proxy-authorization")
        || name.eq_ignore_ascii_case("cookie")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_and_query_encoding() {
        let request = Request::new(Method::Get, ApiVersion::Beta, Path::new().literal("users"))
            .query("$filter", "startswith(displayName,'a b')&x=1")
            .query("$top", "5");
        assert_eq!(
            request.path_and_query(),
            "/beta/users?$filter=startswith%28displayName%2C%27a%20b%27%29%26x%3D1&$top=5"
        );
    }

    #[test]
    fn an_optional_query_parameter_is_sent_only_when_given() {
        let request = Request::new(Method::Get, ApiVersion::V1, Path::new().literal("content"))
            .query_opt("format", Some("pdf"))
            .query_opt("quality", None::<String>)
            .query_opt("page", Some(2.to_string()));
        assert_eq!(request.path_and_query(), "/v1.0/content?format=pdf&page=2");
    }

    #[test]
    fn json_body_sets_content_type() {
        let request = Request::new(Method::Post, ApiVersion::V1, Path::new())
            .json(&serde_json::json!({"language": "en-us"}))
            .unwrap();
        let body = request.body().unwrap();
        assert_eq!(body.content_type, "application/json");
        assert_eq!(body.bytes, br#"{"language":"en-us"}"#);
    }

    #[test]
    fn debug_redacts_credentials() {
        let request = Request::new(Method::Get, ApiVersion::V1, Path::new())
            .header("Authorization", "Bearer secret-token")
            .header("Prefer", "respond-async");
        let debug = format!("{request:?}");
        assert!(!debug.contains("secret-token"), "{debug}");
        assert!(debug.contains("respond-async"), "{debug}");
    }

    #[test]
    fn idempotency() {
        assert!(Method::Get.is_idempotent() && Method::Put.is_idempotent());
        assert!(Method::Delete.is_idempotent());
        assert!(!Method::Post.is_idempotent() && !Method::Patch.is_idempotent());
    }
}
