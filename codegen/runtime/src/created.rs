//! What a create answered by `201 Created` with a `Location` gives back: the new
//! resource's URL and, when the response has one, its body.

use std::fmt;

use url::Url;

/// The answer to a request that creates a resource and names it in a `Location` header
/// (`201 Created`), as returned by [`Client::send_created`](crate::Client::send_created).
///
/// Unlike an [`Operation`](crate::Operation) there is nothing to poll: the resource
/// exists when the response arrives.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct Created<T> {
    /// The new resource's URL, from the `Location` header, resolved against the
    /// request's URL (`None` when the server sent none, or one that is not a URL
    /// reference).
    pub location: Option<Url>,
    /// The new resource as the response body gives it (`None` when the response has no
    /// body: adding a chat member answers with the URL alone).
    pub body: Option<T>,
}

impl<T: fmt::Debug> fmt::Debug for Created<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Created")
            .field("location", &self.location.as_ref().map(Url::as_str))
            .field("body", &self.body)
            .finish()
    }
}
