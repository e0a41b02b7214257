//! Access tokens: a [`Secret`] wrapper that never prints its value, and the
//! [`TokenProvider`] hook the client asks for a bearer token before each attempt.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A boxed, `Send` future, as returned by the object-safe hooks of this crate.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A boxed error from user code (a token provider, a transport).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A credential. `Debug` and `Display` print `***`; only [`Secret::expose`] reveals it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself. Call only where it is sent, never where it is logged.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Secret {
        Secret(value.to_owned())
    }
}

/// Supplies the bearer token for Graph requests.
///
/// The client calls [`token`](TokenProvider::token) before every attempt (retries
/// included), so a provider that caches its token and refreshes it shortly before it
/// expires keeps every request authorized. The token is sent only to the client's
/// configured Graph origin.
///
/// A [`Secret`] is a static token provider; [`token_fn`] adapts an async closure.
pub trait TokenProvider: Send + Sync + 'static {
    /// The token to send as `Authorization: Bearer {token}`.
    fn token(&self) -> BoxFuture<'_, Result<Secret, BoxError>>;

    /// Graph answered `401` to a request that carried `token` (revoked, or expired
    /// early). Drop it from any cache and return `true` if the next
    /// [`token`](TokenProvider::token) will be a fresh one: the client then sends the
    /// request once more, at once (Graph did not act on a request it refused to
    /// authenticate, so even a `POST` is safe to resend). A second `401` is returned.
    ///
    /// The default keeps nothing to refresh and returns `false`: the `401` is returned
    /// as [`Error::Graph`](crate::Error::Graph).
    fn rejected(&self, token: &Secret) -> bool {
        let _ = token;
        false
    }
}

/// A shared provider (the caller keeps a handle, to inspect or update it).
impl<P: TokenProvider> TokenProvider for std::sync::Arc<P> {
    fn token(&self) -> BoxFuture<'_, Result<Secret, BoxError>> {
        (**self).token()
    }

    fn rejected(&self, token: &Secret) -> bool {
        (**self).rejected(token)
    }
}

impl TokenProvider for Secret {
    fn token(&self) -> BoxFuture<'_, Result<Secret, BoxError>> {
        let token = self.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// A [`TokenProvider`] made from an async closure; see [`token_fn`].
#[derive(Clone)]
pub struct TokenFn<F>(F);

impl<F> fmt::Debug for TokenFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenFn")
    }
}

/// Adapts an async closure (one that can fetch or refresh a token) into a
/// [`TokenProvider`].
///
/// ```
/// use graphgen_runtime::{Secret, token_fn};
/// let provider = token_fn(|| async {
///     // Fetch or refresh the token here (client credentials, managed identity, ...).
///     Ok::<_, graphgen_runtime::BoxError>(Secret::new("eyJ0eXAi..."))
/// });
/// # let _ = provider;
/// ```
pub fn token_fn<F, Fut>(f: F) -> TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Secret, BoxError>> + Send + 'static,
{
    TokenFn(f)
}

impl<F, Fut> TokenProvider for TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Secret, BoxError>> + Send + 'static,
{
    fn token(&self) -> BoxFuture<'_, Result<Secret, BoxError>> {
        Box::pin((self.0)())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret:?} {secret}"), "*** ***");
        assert_eq!(secret.expose(), "hunter2");
    }

    #[tokio::test]
    async fn providers_yield_tokens() {
        let secret = Secret::new("static");
        assert_eq!(secret.token().await.unwrap().expose(), "static");
        let counter = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let seen = counter.clone();
        let provider = token_fn(move || {
            let n = seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            async move { Ok::<_, BoxError>(Secret::new(format!("token-{n}"))) }
        });
        assert_eq!(provider.token().await.unwrap().expose(), "token-0");
        assert_eq!(provider.token().await.unwrap().expose(), "token-1");
    }
}
