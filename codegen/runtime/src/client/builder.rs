//! Configuring a [`Client`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::HeaderValue;
use url::Url;

use super::{Client, DEFAULT_TIMEOUT, Inner, USER_AGENT_PRODUCT};
use crate::auth::{Secret, TokenProvider};
use crate::cloud::Cloud;
use crate::error::{Error, Result};
use crate::operation::PollPolicy;
use crate::retry::RetryPolicy;
use crate::transport::Transport;

/// Configures a [`Client`]; see [`Client::builder`].
#[must_use]
pub struct ClientBuilder {
    cloud: Cloud,
    auth: Option<Arc<dyn TokenProvider>>,
    transport: Option<Arc<dyn Transport>>,
    retry: RetryPolicy,
    timeout: Duration,
    poll: PollPolicy,
    user_agent: Option<String>,
    max_response_bytes: usize,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("cloud", &self.cloud)
            .field("auth", &self.auth.as_ref().map(|_| "***"))
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    pub(super) fn new() -> ClientBuilder {
        ClientBuilder {
            cloud: Cloud::Global,
            auth: None,
            transport: None,
            retry: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            poll: PollPolicy::default(),
            user_agent: None,
            max_response_bytes: crate::transport::DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// The Graph deployment (default [`Cloud::Global`]).
    pub fn cloud(mut self, cloud: Cloud) -> ClientBuilder {
        self.cloud = cloud;
        self
    }

    /// A custom base URL (a proxy, a test server): `cloud(Cloud::Custom(url))`.
    pub fn base_url(self, url: Url) -> ClientBuilder {
        self.cloud(Cloud::Custom(url))
    }

    /// A static bearer token.
    pub fn token(self, token: impl Into<Secret>) -> ClientBuilder {
        self.token_provider(token.into())
    }

    /// A token provider, asked before every attempt (see [`TokenProvider`]).
    pub fn token_provider(mut self, provider: impl TokenProvider) -> ClientBuilder {
        self.auth = Some(Arc::new(provider));
        self
    }

    /// The HTTP stack (default [`ReqwestTransport`](crate::ReqwestTransport), with the
    /// `reqwest` feature).
    pub fn transport(mut self, transport: impl Transport) -> ClientBuilder {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The retry policy (default [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> ClientBuilder {
        self.retry = policy;
        self
    }

    /// The timeout of each attempt, from sending to the last byte of the response
    /// (default 30 s). Timeouts are not retried.
    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.timeout = timeout;
        self
    }

    /// How [`Operation::wait`](crate::Operation::wait) polls (default [`PollPolicy::default`]).
    pub fn poll(mut self, policy: PollPolicy) -> ClientBuilder {
        self.poll = policy;
        self
    }

    /// A product (`"contoso-bot/1.2"`) put before `graphgen-runtime/{version}` in the
    /// `User-Agent`.
    pub fn user_agent(mut self, product: impl Into<String>) -> ClientBuilder {
        self.user_agent = Some(product.into());
        self
    }

    /// The largest response body accepted (default 256 MiB,
    /// [`DEFAULT_MAX_RESPONSE_BYTES`](crate::DEFAULT_MAX_RESPONSE_BYTES)): a larger one is
    /// `Error::Transport` of kind [`TooLarge`](crate::TransportErrorKind::TooLarge), not
    /// retried. Each request carries the limit to the transport
    /// ([`HttpRequest::max_response_bytes`](crate::HttpRequest::max_response_bytes)), so
    /// the reqwest transport, built here or supplied, stops reading at it.
    pub fn max_response_bytes(mut self, bytes: usize) -> ClientBuilder {
        self.max_response_bytes = bytes;
        self
    }

    /// The client; fails without a token provider, with an unusable base URL (plain
    /// `http` to a non-loopback host), or if the default transport cannot start.
    pub fn build(self) -> Result<Client> {
        let auth = self.auth.ok_or_else(|| Error::Config("no token or token provider".into()))?;
        self.cloud.check().map_err(Error::Config)?;
        let transport = match self.transport {
            Some(transport) => transport,
            None => default_transport()?,
        };
        let user_agent = match self.user_agent {
            Some(product) => format!("{product} {USER_AGENT_PRODUCT}"),
            None => USER_AGENT_PRODUCT.to_owned(),
        };
        let user_agent = HeaderValue::try_from(user_agent)
            .map_err(|_| Error::Config("the user agent is not a valid header value".into()))?;
        let mut base = self.cloud.base_url();
        let trimmed = base.path().trim_end_matches('/').to_owned();
        base.set_path(&trimmed);
        Ok(Client {
            inner: Arc::new(Inner {
                cloud: self.cloud,
                base,
                transport,
                auth,
                retry: self.retry,
                timeout: self.timeout,
                poll: self.poll,
                user_agent,
                max_response_bytes: self.max_response_bytes,
            }),
        })
    }
}

#[cfg(feature = "reqwest")]
fn default_transport() -> Result<Arc<dyn Transport>> {
    let transport = crate::transport::ReqwestTransport::new()
        .map_err(|e| Error::Config(format!("the default transport cannot start: {e}")))?;
    Ok(Arc::new(transport))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport() -> Result<Arc<dyn Transport>> {
    Err(Error::Config("no transport (enable the `reqwest` feature or set one)".into()))
}
