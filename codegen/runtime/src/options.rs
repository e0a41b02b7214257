//! Query options and headers a caller adds to generated requests: OData's system
//! query options (`$select`, `$filter`, `$top`, ...), any other query parameter a page
//! documents, and request headers (`ConsistencyLevel`, `Prefer`, `If-Match`, ...).

use std::fmt;

use crate::request::shown_headers;

/// Query parameters and headers to send with a request, in the order they were set.
///
/// Generated navigation nodes carry one (`with_options` on any node, inherited by the
/// nodes below it), and every request method of the node sends it. It is also applied
/// to a hand-built [`Request`](crate::Request) with
/// [`Request::options`](crate::Request::options).
///
/// ```
/// use graphgen_runtime::{ApiVersion, Method, Path, Request, RequestOptions};
/// let options = RequestOptions::new()
///     .select(["id", "displayName"])
///     .filter("startswith(displayName,'A')")
///     .top(5)
///     .count(true)
///     .header("ConsistencyLevel", "eventual");
/// let request = Request::new(Method::Get, ApiVersion::V1, Path::new().literal("users"))
///     .options(&options);
/// assert_eq!(
///     request.path_and_query(),
///     "/v1.0/users?$select=id%2CdisplayName&$filter=startswith%28displayName%2C%27A%27%29&$top=5&$count=true"
/// );
/// assert_eq!(request.headers(), [("ConsistencyLevel".to_string(), "eventual".to_string())]);
/// ```
///
/// Values are sent as given (percent-encoded on the wire); Graph checks them. Headers
/// the client owns (`Authorization`, `client-request-id` when the request carries none,
/// `User-Agent`, `Accept`) are handled as [`Request::header`](crate::Request::header)
/// describes, and a header name or value HTTP cannot carry fails the send with
/// [`Error::InvalidRequest`](crate::Error::InvalidRequest), unsent. Pages fetched by
/// following `@odata.nextLink` and operation polls use the URLs Graph returns: these
/// options are not added to them again.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
}

impl RequestOptions {
    /// No options.
    pub fn new() -> RequestOptions {
        RequestOptions::default()
    }

    /// `$select`: the properties to return, joined with commas.
    pub fn select<I, S>(self, properties: I) -> RequestOptions
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.query("$select", join(properties))
    }

    /// `$expand`: the relationships to expand, joined with commas.
    pub fn expand<I, S>(self, relationships: I) -> RequestOptions
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.query("$expand", join(relationships))
    }

    /// `$filter`: an OData filter expression.
    pub fn filter(self, expression: impl Into<String>) -> RequestOptions {
        self.query("$filter", expression)
    }

    /// `$orderby`: properties with an optional ` asc` or ` desc`, joined with commas.
    pub fn orderby<I, S>(self, properties: I) -> RequestOptions
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.query("$orderby", join(properties))
    }

    /// `$search`: a search expression (Graph expects it in double quotes for most
    /// resources, e.g. `"displayName:team"`).
    pub fn search(self, expression: impl Into<String>) -> RequestOptions {
        self.query("$search", expression)
    }

    /// `$top`: the page size.
    pub fn top(self, count: u32) -> RequestOptions {
        self.query("$top", count.to_string())
    }

    /// `$skip`: the number of items to skip.
    pub fn skip(self, count: u32) -> RequestOptions {
        self.query("$skip", count.to_string())
    }

    /// `$count`: whether to include `@odata.count`.
    pub fn count(self, include: bool) -> RequestOptions {
        self.query("$count", if include { "true" } else { "false" })
    }

    /// Any query parameter, by name as the page writes it (`$` included for OData
    /// options): `startDateTime`, `$skipToken`, `$format`, ...
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> RequestOptions {
        self.query.push((name.into(), value.into()));
        self
    }

    /// A request header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> RequestOptions {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The query parameters, unencoded, in order.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The headers, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// Whether no option is set.
    pub fn is_empty(&self) -> bool {
        self.query.is_empty() && self.headers.is_empty()
    }
}

/// The two methods every generated navigation node has, `options` and `with_options`,
/// for a struct with a field `options: RequestOptions` that is `Clone`. Generated code
/// calls it inside each node's `impl` block; written once here instead of in every
/// node. `with_options` reaches `Clone::clone` by its path: a node may have a Graph
/// action named `clone` (`team: clone`), which method syntax would call instead.
#[doc(hidden)]
#[macro_export]
macro_rules! node_options {
    () => {
        /// The query options and headers sent with every request of this node and of the
        /// nodes reached from it.
        pub fn options(&self) -> &$crate::RequestOptions {
            &self.options
        }

        /// This node with `options` (replacing any it had): `$select`, `$filter`, `$top`,
        /// other query parameters and headers, sent with every request of this node and
        /// of the nodes reached from it.
        pub fn with_options(&self, options: $crate::RequestOptions) -> Self {
            Self { options, ..::core::clone::Clone::clone(self) }
        }
    };
}

fn join<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(item.as_ref());
    }
    out
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field("query", &self.query)
            .field("headers", &shown_headers(&self.headers))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ApiVersion, Method, Path, Request};

    #[test]
    fn options_are_appended_after_the_requests_own_in_order() {
        let options = RequestOptions::new()
            .expand(Vec::<String>::new())
            .orderby(["displayName desc", "id"])
            .skip(10)
            .search("\"displayName:a b\"")
            .count(false)
            .query("startDateTime", "2021-01-01T00:00:00Z");
        let request = Request::new(Method::Get, ApiVersion::Beta, Path::new().literal("users"))
            .query("$format", "json")
            .options(&options);
        assert_eq!(
            request.path_and_query(),
            "/beta/users?$format=json&$expand=&$orderby=displayName%20desc%2Cid&$skip=10\
             &$search=%22displayName%3Aa%20b%22&$count=false&startDateTime=2021-01-01T00%3A00%3A00Z"
        );
        assert!(request.headers().is_empty());
        assert!(!options.is_empty() && RequestOptions::new().is_empty());
    }

    /// A node as generated: `options` field, `node_options!`, and an action named
    /// `clone` that shadows `Clone::clone` for method syntax.
    #[derive(Clone)]
    struct Node {
        id: String,
        options: RequestOptions,
    }

    impl Node {
        crate::node_options!();

        fn clone(&self, suffix: &str) -> String {
            format!("{}{suffix}", self.id)
        }
    }

    #[test]
    fn with_options_clones_the_node_even_when_an_action_is_named_clone() {
        let node = Node { id: "a".into(), options: RequestOptions::new() };
        let with = node.with_options(RequestOptions::new().top(2));
        assert_eq!(with.id, "a");
        assert_eq!(with.options().query_pairs(), [("$top".to_string(), "2".to_string())]);
        assert!(node.options().is_empty(), "the node it came from keeps its options");
        assert_eq!(node.clone("-copy"), "a-copy");
    }

    #[test]
    fn sensitive_header_values_are_not_shown() {
        let options =
            RequestOptions::new().header("Authorization", "Bearer secret").header("Prefer", "x");
        let shown = format!("{options:?}");
        assert!(!shown.contains("secret") && shown.contains("***") && shown.contains("Prefer"));
    }
}
