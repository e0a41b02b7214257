//! Loopback end-to-end tests: the runtime against `graphgen_runtime::testing::GraphServer`,
//! a local server on 127.0.0.1:0 that plays Graph. No test touches the network.

mod blocking;
mod calls;
mod doc_page;
mod faults;
mod path_encoding;
mod security;
mod seeds;
mod tracing;

use graphgen_runtime::testing::GraphServer;

/// A URL from a doc page (`https://graph.microsoft.com/beta/...`) moved onto the test
/// server, keeping its path.
pub fn on_server(server: &GraphServer, url: &str) -> String {
    let path = url.strip_prefix("https://graph.microsoft.com").expect("a Graph URL");
    server.url(path)
}
