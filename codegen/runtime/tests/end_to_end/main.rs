//! Loopback end-to-end tests: the runtime against `graphgen_runtime::testing::GraphServer`,
//! a local server on 127.0.0.1:0 that plays Graph. No test touches the network.

mod blocking;
mod calls;
mod created;
mod doc_page;
mod faults;
mod metrics;
mod path_encoding;
mod security;
mod seeds;
mod tracing;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use graphgen_runtime::serde_json::json;
use graphgen_runtime::testing::{GraphServer, Reply, Route};
use graphgen_runtime::{Client, Method, RetryPolicy};

use crate::security::Rotating;

/// A URL from a doc page (`https://graph.microsoft.com/beta/...`) moved onto the test
/// server, keeping its path.
pub fn on_server(server: &GraphServer, url: &str) -> String {
    let path = url.strip_prefix("https://graph.microsoft.com").expect("a Graph URL");
    server.url(path)
}

/// Retries one millisecond apart: the tests wait for nothing.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy::default().base_delay(Duration::from_millis(1))
}

/// A `GET /v1.0/me` on `server` whose connection drops, then whose token is refused
/// (`401`), then answered; and a client whose provider hands out a new token each time
/// it is asked. The story the `tracing` and `metrics` tests both watch.
pub fn drop_refuse_answer(server: &GraphServer) -> Client {
    server.route(
        Route::new(Method::Get, "/v1.0/me")
            .expect_any_authorization()
            .reply(Reply::drop_connection())
            .reply(Reply::graph_error(401, "InvalidAuthenticationToken", "expired"))
            .reply(Reply::json(200, &json!({"id": "me"}))),
    );
    server
        .client_builder()
        .token_provider(Arc::new(Rotating::default()))
        .retry(quick_retries())
        .build()
        .unwrap()
}

/// An address nothing listens on: a port bound, then released.
pub fn unused_addr() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}
