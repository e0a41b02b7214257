//! The Graph client: builds URLs and headers, authorizes, retries, follows redirects and
//! decodes responses. Generated code calls its four `send_*` methods.

mod builder;

pub use self::builder::ClientBuilder;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, LOCATION, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::{Secret, TokenProvider};
use crate::cloud::Cloud;
use crate::collection::Collection;
use crate::created::Created;
use crate::error::{Error, ErrorContext, Result};
use crate::observe::{self, Call, RetryReason};
use crate::operation::{Operation, OperationResource, PollPolicy};
use crate::request::{Request, is_sensitive_header};
use crate::response;
use crate::retry::{self, RetryPolicy};
use crate::transport::{HttpRequest, HttpResponse, Transport, TransportErrorKind, too_large};

/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// How many redirects a `GET` follows.
const MAX_REDIRECTS: u32 = 5;
/// The `User-Agent` product naming this crate.
const USER_AGENT_PRODUCT: &str = concat!("graphgen-runtime/", env!("CARGO_PKG_VERSION"));

const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");
const RETRY_ATTEMPT: HeaderName = HeaderName::from_static("retry-attempt");
const REQUEST_ID: &str = "request-id";

/// A Microsoft Graph client. Cheap to clone (one `Arc`); share it.
///
/// ```no_run
/// # async fn run() -> graphgen_runtime::Result<()> {
/// use graphgen_runtime::{ApiVersion, Client, Cloud, Method, Path, Request};
/// let client = Client::builder().cloud(Cloud::Global).token("eyJ0eXAi...").build()?;
/// let me: graphgen_runtime::serde_json::Value = client
///     .send_json(Request::new(Method::Get, ApiVersion::V1, Path::new().literal("me")))
///     .await?;
/// # let _ = me; Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    cloud: Cloud,
    /// The base URL without a trailing `/`.
    base: Url,
    transport: Arc<dyn Transport>,
    auth: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
    timeout: Duration,
    poll: PollPolicy,
    user_agent: HeaderValue,
    /// The largest response body accepted.
    max_response_bytes: usize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("cloud", &self.inner.cloud)
            .field("auth", &"***")
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .field("poll", &self.inner.poll)
            .field("user_agent", &self.inner.user_agent)
            .finish_non_exhaustive()
    }
}

/// A request ready for the wire, minus the per-attempt headers.
struct Outgoing {
    method: http::Method,
    url: Url,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    idempotent: bool,
}

impl Client {
    /// A builder with the defaults: global cloud, 30 s timeout, [`RetryPolicy::default`],
    /// [`PollPolicy::default`], the reqwest transport.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client for the global cloud with a static token and the defaults.
    pub fn new(token: impl Into<Secret>) -> Result<Client> {
        Client::builder().token(token).build()
    }

    /// The deployment this client talks to.
    pub fn cloud(&self) -> &Cloud {
        &self.inner.cloud
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The per-attempt timeout.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The polling policy of [`Operation::wait`].
    pub fn poll_policy(&self) -> &PollPolicy {
        &self.inner.poll
    }

    /// The absolute URL a request goes to; fails with [`Error::InvalidPath`] for a path
    /// that cannot be sent faithfully.
    pub fn url(&self, request: &Request) -> Result<Url> {
        if let Some(invalid) = request.path().invalid() {
            return Err(Error::InvalidPath {
                path: request.path().as_str().to_owned(),
                index: invalid.index,
                reason: invalid.reason,
            });
        }
        let base = self.inner.base.as_str().trim_end_matches('/');
        Url::parse(&format!("{base}{}", request.path_and_query()))
            .map_err(|e| Error::InvalidRequest(format!("cannot form a URL: {e}")))
    }

    /// Sends a request answered by `200`/`201` with a JSON body, decoded as `T`.
    pub async fn send_json<T: DeserializeOwned>(&self, request: Request) -> Result<T> {
        let (response, context) = self.execute(self.outgoing(request, "application/json")?).await?;
        response::decode(&response, &context)
    }

    /// Sends a request answered with one primitive value, which OData wraps as
    /// `{"value": ...}` (a function returning `Edm.Boolean`, `Edm.String`, ...), and
    /// returns the value.
    pub async fn send_value<T: DeserializeOwned>(&self, request: Request) -> Result<T> {
        /// The wrapper (other members, such as `@odata.context`, are skipped).
        #[derive(serde::Deserialize)]
        struct Wrapped<T> {
            value: T,
        }
        self.send_json::<Wrapped<T>>(request).await.map(|w| w.value)
    }

    /// Sends a request answered by `204 No Content` (any success status is accepted; a
    /// body is ignored).
    pub async fn send_no_content(&self, request: Request) -> Result<()> {
        self.execute(self.outgoing(request, "application/json")?).await.map(drop)
    }

    /// Sends an action answered by `202 Accepted` (or `200`/`201` with a `Location`): a
    /// long-running operation. Any success status is accepted; see [`Operation`].
    pub async fn send_operation<T: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<Operation<T>> {
        let (response, context) = self.execute(self.outgoing(request, "application/json")?).await?;
        let location = response::location(&response, &context);
        let (body, initial) = match response::json_value(&response, &context)? {
            Some(value) => {
                let initial = serde_json::from_value::<OperationResource>(value.clone()).ok();
                (Some(response::from_value(value, &context)?), initial)
            }
            None => (None, None),
        };
        Ok(Operation::new(self.clone(), location, body, initial))
    }

    /// Sends a request that creates a resource, answered by `201 Created` with the new
    /// resource's URL in `Location` and, often, the resource as the body. Any success
    /// status is accepted; see [`Created`].
    pub async fn send_created<T: DeserializeOwned>(&self, request: Request) -> Result<Created<T>> {
        let (response, context) = self.execute(self.outgoing(request, "application/json")?).await?;
        let location = response::location(&response, &context);
        let body = response::json_value(&response, &context)?
            .map(|value| response::from_value(value, &context))
            .transpose()?;
        Ok(Created { location, body })
    }

    /// Sends a request answered with a binary body (`Edm.Stream`), returned whole.
    /// `GET` redirects (to a download URL) are followed; the token is not sent to
    /// another origin.
    pub async fn send_bytes(&self, request: Request) -> Result<Vec<u8>> {
        let (response, _) = self.execute(self.outgoing(request, "*/*")?).await?;
        Ok(response.body)
    }

    /// The page after `page`, following its `@odata.nextLink` (which must be on the
    /// client's Graph origin, or [`Error::ForeignUrl`]); `None` on the last page.
    pub async fn next_page<T: DeserializeOwned>(
        &self,
        page: &Collection<T>,
    ) -> Result<Option<Collection<T>>> {
        let Some(link) = page.next_link.as_deref() else { return Ok(None) };
        let url = Url::parse(link)
            .map_err(|e| Error::InvalidRequest(format!("invalid @odata.nextLink: {e}")))?;
        self.get_url(&url).await.map(Some)
    }

    /// GETs a URL Graph handed out (an operation's `Location`, a `nextLink`) and decodes
    /// its JSON, refusing URLs off the client's origin.
    pub(crate) async fn get_url<T: DeserializeOwned>(&self, url: &Url) -> Result<T> {
        if !self.is_graph_origin(url) {
            return Err(Error::ForeignUrl {
                url: without_query(url),
                origin: self.inner.base.origin().ascii_serialization(),
            });
        }
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let outgoing = Outgoing {
            method: http::Method::GET,
            url: url.clone(),
            headers,
            body: None,
            idempotent: true,
        };
        let (response, context) = self.execute(outgoing).await?;
        response::decode(&response, &context)
    }

    fn is_graph_origin(&self, url: &Url) -> bool {
        url.origin() == self.inner.base.origin()
    }

    /// The request as it goes on the wire, before authorization and per-attempt headers.
    fn outgoing(&self, request: Request, accept: &'static str) -> Result<Outgoing> {
        let url = self.url(&request)?;
        let method = request.method();
        let (request_headers, body) = request.into_headers_and_body();
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(accept));
        for (name, value) in request_headers {
            if name.eq_ignore_ascii_case(AUTHORIZATION.as_str()) {
                continue; // The token provider owns Authorization.
            }
            let name = HeaderName::try_from(name.as_str())
                .map_err(|_| Error::InvalidRequest(format!("invalid header name {name:?}")))?;
            let mut value = HeaderValue::try_from(value)
                .map_err(|_| Error::InvalidRequest(format!("invalid value for header {name}")))?;
            value.set_sensitive(is_sensitive_header(name.as_str()));
            if name == ACCEPT {
                headers.insert(name, value);
            } else {
                headers.append(name, value);
            }
        }
        let body = match body {
            Some(body) => {
                let content_type = HeaderValue::try_from(body.content_type)
                    .map_err(|_| Error::InvalidRequest("invalid body content type".into()))?;
                headers.insert(CONTENT_TYPE, content_type);
                Some(body.bytes)
            }
            None => None,
        };
        Ok(Outgoing {
            method: method.into(),
            url,
            headers,
            body,
            idempotent: method.is_idempotent(),
        })
    }

    /// Sends with retries, then follows `GET` redirects; returns a success response or
    /// the typed error of the final one.
    async fn execute(&self, mut outgoing: Outgoing) -> Result<(HttpResponse, ErrorContext)> {
        let client_request_id = match outgoing.headers.get(&CLIENT_REQUEST_ID) {
            Some(id) => id.to_str().unwrap_or_default().to_owned(),
            None => {
                let id = new_request_id();
                // A v4 UUID is always a valid header value.
                if let Ok(value) = HeaderValue::try_from(id.as_str()) {
                    outgoing.headers.insert(CLIENT_REQUEST_ID, value);
                }
                id
            }
        };
        outgoing.headers.insert(USER_AGENT, self.inner.user_agent.clone());
        let call = Call::start(&outgoing.method, &outgoing.url, &client_request_id);
        call.run(self.follow_redirects(outgoing, client_request_id)).await
    }

    /// [`Self::execute`] past the request's headers: sends, and follows `GET` redirects.
    async fn follow_redirects(
        &self,
        mut outgoing: Outgoing,
        client_request_id: String,
    ) -> Result<(HttpResponse, ErrorContext)> {
        let mut redirects = 0;
        loop {
            let mut context = ErrorContext {
                method: outgoing.method.clone(),
                url: without_query(&outgoing.url),
                client_request_id: client_request_id.clone(),
                attempts: 0,
                status: None,
                request_id: None,
                retry_after: None,
            };
            if redirects > 0 {
                observe::redirect(&context.url);
            }
            let response = self.send_with_retries(&outgoing, &mut context).await?;
            let location = response.header(LOCATION.as_str()).map(str::to_owned);
            match location {
                Some(location)
                    if response.status.is_redirection()
                        && response.status != StatusCode::NOT_MODIFIED
                        && outgoing.method == http::Method::GET =>
                {
                    redirects += 1;
                    if redirects > MAX_REDIRECTS {
                        return Err(Error::TooManyRedirects { context: Box::new(context) });
                    }
                    outgoing.url = outgoing.url.join(&location).map_err(|e| {
                        Error::InvalidRequest(format!("invalid redirect Location: {e}"))
                    })?;
                }
                _ => return response::success(response, &context).map(|r| (r, context)),
            }
        }
    }

    /// The retry loop of one URL: see [`crate::retry`] for the rule.
    async fn send_with_retries(
        &self,
        outgoing: &Outgoing,
        context: &mut ErrorContext,
    ) -> Result<HttpResponse> {
        let start = Instant::now();
        let mut retry = 0u32;
        let mut reauthorized = false;
        loop {
            context.attempts += 1;
            let (request, token) = self.attempt(outgoing, retry).await?;
            observe::sending(context.attempts);
            let sent_at = Instant::now();
            let timeout = self.inner.timeout;
            let delay = match tokio::time::timeout(timeout, self.inner.transport.send(request))
                .await
            {
                Err(_) => {
                    return Err(Error::Timeout {
                        context: Box::new(context.clone()),
                        after: timeout,
                    });
                }
                Ok(Err(error)) => {
                    // Resend only what provably never left, or what is safe to repeat.
                    let retryable = match error.kind() {
                        TransportErrorKind::Connect => true,
                        TransportErrorKind::Interrupted => outgoing.idempotent,
                        _ => false,
                    };
                    let delay = if retryable {
                        self.inner.retry.next_delay(retry + 1, start.elapsed(), None)
                    } else {
                        None
                    };
                    let Some(delay) = delay else {
                        return Err(Error::Transport {
                            context: Box::new(context.clone()),
                            source: error,
                        });
                    };
                    observe::retrying(
                        context.attempts,
                        RetryReason::Transport(error.kind()),
                        delay,
                    );
                    delay
                }
                Ok(Ok(response)) => {
                    context.status = Some(response.status);
                    // The request told the transport the limit; one that ignores it is
                    // held to it here.
                    let limit = self.inner.max_response_bytes;
                    if response.body.len() > limit {
                        return Err(Error::Transport {
                            context: Box::new(context.clone()),
                            source: too_large(format_args!("{} bytes", response.body.len()), limit),
                        });
                    }
                    context.request_id = response.header(REQUEST_ID).map(str::to_owned);
                    observe::response(
                        response.status,
                        context.request_id.as_deref(),
                        sent_at.elapsed(),
                    );
                    context.retry_after = retry::retry_after(&response.headers, SystemTime::now());
                    // A refused token the provider can replace: once more, at once.
                    if response.status == StatusCode::UNAUTHORIZED
                        && !reauthorized
                        && token.as_ref().is_some_and(|t| self.inner.auth.rejected(t))
                    {
                        reauthorized = true;
                        observe::reauthorizing();
                        continue;
                    }
                    if !RetryPolicy::is_retryable_status(response.status) {
                        return Ok(response);
                    }
                    match self.inner.retry.next_delay(
                        retry + 1,
                        start.elapsed(),
                        context.retry_after,
                    ) {
                        Some(delay) => {
                            let reason = RetryReason::Status(response.status);
                            observe::retrying(context.attempts, reason, delay);
                            delay
                        }
                        None => return Ok(response),
                    }
                }
            };
            tokio::time::sleep(delay).await;
            retry += 1;
        }
    }

    /// One attempt's request: the token (only ever for the Graph origin) and
    /// `retry-attempt`; the token sent, if any.
    async fn attempt(
        &self,
        outgoing: &Outgoing,
        retry: u32,
    ) -> Result<(HttpRequest, Option<Secret>)> {
        let mut headers = outgoing.headers.clone();
        if retry > 0 {
            headers.insert(RETRY_ATTEMPT, HeaderValue::from(retry));
        }
        let mut sent = None;
        if self.is_graph_origin(&outgoing.url) {
            let token = self.inner.auth.token().await.map_err(Error::Auth)?;
            let mut value = HeaderValue::try_from(format!("Bearer {}", token.expose()))
                .map_err(|_| Error::Auth("the token is not a valid header value".into()))?;
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
            sent = Some(token);
        }
        let request = HttpRequest {
            method: outgoing.method.clone(),
            url: outgoing.url.clone(),
            headers,
            body: outgoing.body.clone(),
            max_response_bytes: self.inner.max_response_bytes,
        };
        Ok((request, sent))
    }
}

/// A URL without its query and fragment, for error messages and traces.
pub(crate) fn without_query(url: &Url) -> String {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    url.into()
}

/// A random (version 4) UUID, for `client-request-id`.
fn new_request_id() -> String {
    let bits = (fastrand::u128(..) & !(0xf << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::Path;
    use crate::request::{ApiVersion, Method};

    #[test]
    fn request_ids_are_v4_uuids() {
        let a = new_request_id();
        let b = new_request_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12]);
        assert!(parts[2].starts_with('4'), "{a}");
        assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'), "{a}");
    }

    #[test]
    fn urls_for_clouds_and_prefixes() {
        let request = Request::new(Method::Get, ApiVersion::V1, Path::new().literal("me"));
        let global = Client::new("t").unwrap();
        assert_eq!(global.url(&request).unwrap().as_str(), "https://graph.microsoft.com/v1.0/me");
        let proxy = Client::builder()
            .base_url(Url::parse("https://proxy.example/graph/").unwrap())
            .token("t")
            .build()
            .unwrap();
        assert_eq!(proxy.url(&request).unwrap().as_str(), "https://proxy.example/graph/v1.0/me");
        let china = Client::builder().cloud(Cloud::China).token("t").build().unwrap();
        assert_eq!(
            china.url(&request).unwrap().as_str(),
            "https://microsoftgraph.chinacloudapi.cn/v1.0/me"
        );
    }

    #[test]
    fn build_requires_auth_and_a_safe_base() {
        assert!(matches!(Client::builder().build(), Err(Error::Config(_))));
        let plain = Client::builder()
            .base_url(Url::parse("http://graph.example").unwrap())
            .token("t")
            .build();
        assert!(matches!(plain, Err(Error::Config(_))));
    }

    #[test]
    fn unsendable_paths_fail_before_sending() {
        let client = Client::new("t").unwrap();
        let request =
            Request::new(Method::Delete, ApiVersion::V1, Path::new().literal("users").param(".."));
        assert!(matches!(client.url(&request), Err(Error::InvalidPath { index: 1, .. })));
    }
}
