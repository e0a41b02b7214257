//! A loopback server that plays Microsoft Graph in tests (feature `testing`).
//!
//! [`GraphServer::start`] listens on `127.0.0.1:0`. Each [`Route`] names a method and a
//! path, what the request must carry (the bearer token, headers, a JSON body equal to a
//! doc page's request example) and a queue of [`Reply`]s: responses, Graph errors, or
//! faults (a dropped connection, a truncated body, a slow answer). Every request is
//! recorded; a request that matches no route, or breaks a route's expectations, is
//! answered with a Graph error (`404 UnknownRoute`, `400 ExpectationFailed`) and recorded
//! as a failure that [`GraphServer::verify`] reports.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use graphgen_runtime::serde_json::{json, Value};
//! use graphgen_runtime::testing::{GraphServer, Reply, Route};
//! use graphgen_runtime::{ApiVersion, Method, Path, Request};
//!
//! let server = GraphServer::start().await;
//! server.route(
//!     Route::new(Method::Get, "/v1.0/me").reply(Reply::json(200, &json!({"id": "1"}))),
//! );
//! let client = server.client();
//! let me: Value = client
//!     .send_json(Request::new(Method::Get, ApiVersion::V1, Path::new().literal("me")))
//!     .await
//!     .unwrap();
//! assert_eq!(me["id"], "1");
//! server.verify();
//! # }
//! ```

mod reply;
mod wire;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use percent_encoding::percent_decode_str;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use url::Url;

pub use self::reply::Reply;
pub use self::wire::RecordedRequest;
use crate::client::{Client, ClientBuilder};
use crate::operation::PollPolicy;
use crate::request::Method;
use crate::retry::RetryPolicy;

/// The bearer token [`GraphServer::client`] sends and routes expect by default.
pub const TEST_TOKEN: &str = "test-token-2f8c1e";

/// A scripted Graph on loopback. Stops when dropped.
#[derive(Debug)]
pub struct GraphServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

#[derive(Debug, Default)]
struct State {
    routes: Vec<Route>,
    requests: Vec<RecordedRequest>,
    failures: Vec<String>,
}

/// One endpoint of the [`GraphServer`]: what it accepts and how it answers.
#[derive(Clone, Debug)]
#[must_use]
pub struct Route {
    method: Method,
    path: String,
    authorization: AuthExpectation,
    headers: Vec<(String, String)>,
    json: Option<serde_json::Value>,
    replies: VecDeque<Reply>,
    hits: usize,
    min_hits: usize,
}

/// What a [`Route`] requires of the `Authorization` header.
#[derive(Clone, Debug, PartialEq, Eq)]
enum AuthExpectation {
    Exactly(String),
    Present,
    Absent,
}

impl Route {
    /// A route for `method` and `path` as sent (percent-encoded or not; both forms match),
    /// without the query. By default it expects `Authorization: Bearer {TEST_TOKEN}`, must
    /// be hit at least once, and answers `204` until replies are queued.
    pub fn new(method: Method, path: &str) -> Route {
        Route {
            method,
            path: path.to_owned(),
            authorization: AuthExpectation::Exactly(format!("Bearer {TEST_TOKEN}")),
            headers: Vec::new(),
            json: None,
            replies: VecDeque::new(),
            hits: 0,
            min_hits: 1,
        }
    }

    /// Expects the request to carry this header value (compared exactly).
    pub fn expect_header(mut self, name: &str, value: &str) -> Route {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Expects `Content-Type: application/json` and a JSON body equal to `body` (as JSON
    /// values: key order and whitespace do not matter).
    pub fn expect_json(mut self, body: serde_json::Value) -> Route {
        self.json = Some(body);
        self
    }

    /// Expects this `Authorization` value instead of the test token.
    pub fn expect_authorization(mut self, value: &str) -> Route {
        self.authorization = AuthExpectation::Exactly(value.to_owned());
        self
    }

    /// Expects some `Authorization` header, whatever its value (a refreshing token).
    pub fn expect_any_authorization(mut self) -> Route {
        self.authorization = AuthExpectation::Present;
        self
    }

    /// Expects NO `Authorization` header (for a host the token must never reach).
    pub fn expect_no_authorization(mut self) -> Route {
        self.authorization = AuthExpectation::Absent;
        self
    }

    /// Queues a reply. Replies are used in order; the last one repeats.
    pub fn reply(mut self, reply: Reply) -> Route {
        self.replies.push_back(reply);
        self
    }

    /// Lets the route go unused without [`GraphServer::verify`] complaining.
    pub fn optional(mut self) -> Route {
        self.min_hits = 0;
        self
    }

    fn matches(&self, request: &RecordedRequest) -> bool {
        request.method == self.method.as_str()
            && (request.path == self.path
                || percent_decode_str(&request.path).decode_utf8_lossy()
                    == percent_decode_str(&self.path).decode_utf8_lossy())
    }

    /// What `request` got wrong, if anything.
    fn check(&self, request: &RecordedRequest) -> Vec<String> {
        let mut problems = Vec::new();
        let authorization = request.header("authorization");
        match (&self.authorization, authorization) {
            (AuthExpectation::Exactly(expected), Some(got)) if got == expected => {}
            (AuthExpectation::Exactly(_), Some(_)) => {
                problems.push("Authorization is not the expected token".into());
            }
            (AuthExpectation::Present, Some(_)) | (AuthExpectation::Absent, None) => {}
            (AuthExpectation::Exactly(_) | AuthExpectation::Present, None) => {
                problems.push("Authorization is missing".into());
            }
            (AuthExpectation::Absent, Some(_)) => {
                problems.push("Authorization was sent to this host".into());
            }
        }
        for (name, expected) in &self.headers {
            match request.header(name) {
                Some(got) if got == expected => {}
                got => problems.push(format!("header {name}: expected {expected:?}, got {got:?}")),
            }
        }
        if let Some(expected) = &self.json {
            match request.header("content-type") {
                Some(ct)
                    if ct.split(';').next().is_some_and(|e| e.trim() == "application/json") => {}
                got => {
                    problems.push(format!("Content-Type: expected application/json, got {got:?}"))
                }
            }
            match request.json() {
                Some(got) if &got == expected => {}
                Some(got) => problems.push(format!("JSON body: expected {expected}, got {got}")),
                None => problems.push(format!(
                    "body is not JSON: {:?}",
                    String::from_utf8_lossy(&request.body)
                )),
            }
        }
        problems
    }

    fn next_reply(&mut self) -> Reply {
        self.hits += 1;
        if self.replies.len() > 1 {
            self.replies.pop_front().unwrap_or_else(Reply::no_content)
        } else {
            self.replies.front().cloned().unwrap_or_else(Reply::no_content)
        }
    }
}

impl GraphServer {
    /// Starts a server on `127.0.0.1:0`.
    ///
    /// # Panics
    /// If no loopback port can be bound.
    pub async fn start() -> GraphServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address of the test server");
        let state = Arc::new(Mutex::new(State::default()));
        let task = tokio::spawn(serve(listener, state.clone()));
        GraphServer { addr, state, task }
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:{port}`: the client's base URL.
    pub fn base_url(&self) -> Url {
        Url::parse(&format!("http://{}", self.addr)).expect("loopback URL")
    }

    /// An absolute URL on this server, e.g. for a `Location` header.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Adds a route. Routes are tried in the order added.
    pub fn route(&self, route: Route) {
        self.lock().routes.push(route);
    }

    /// A client builder for this server: its base URL, [`TEST_TOKEN`], fast retries (the
    /// default 4 retries, but backoff from 5 ms capped at 50 ms), fast polling (10 ms to
    /// 50 ms, 5 s at most) and a 5 s timeout.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder()
            .base_url(self.base_url())
            .token(TEST_TOKEN)
            .retry(
                RetryPolicy::default()
                    .base_delay(Duration::from_millis(5))
                    .max_delay(Duration::from_millis(50)),
            )
            .poll(
                PollPolicy::default()
                    .initial_interval(Duration::from_millis(10))
                    .max_interval(Duration::from_millis(50))
                    .max_wait(Duration::from_secs(5)),
            )
            .timeout(Duration::from_secs(5))
    }

    /// [`client_builder`](GraphServer::client_builder), built.
    ///
    /// # Panics
    /// If the client cannot be built.
    pub fn client(&self) -> Client {
        self.client_builder().build().expect("test client")
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// The requests received for `method` and `path`.
    pub fn requests_to(&self, method: Method, path: &str) -> Vec<RecordedRequest> {
        let probe = Route::new(method, path);
        self.lock().requests.iter().filter(|r| probe.matches(r)).cloned().collect()
    }

    /// The failures so far: unknown routes and broken expectations.
    pub fn failures(&self) -> Vec<String> {
        self.lock().failures.clone()
    }

    /// Panics listing every failure, and every route hit fewer times than required.
    pub fn verify(&self) {
        let state = self.lock();
        let mut problems = state.failures.clone();
        for route in &state.routes {
            if route.hits < route.min_hits {
                problems.push(format!("{} {} was never requested", route.method, route.path));
            }
        }
        assert!(
            problems.is_empty(),
            "the Graph test server saw problems:\n{}",
            problems.join("\n")
        );
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
}

impl Drop for GraphServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // A panicking test thread must not hide the server's record from the others.
    state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn serve(listener: TcpListener, state: Arc<Mutex<State>>) {
    static REQUEST_IDS: AtomicU64 = AtomicU64::new(1);
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            // Out of file descriptors, say: let connections finish rather than spin.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        while connections.try_join_next().is_some() {}
        let state = state.clone();
        connections.spawn(async move {
            let request = match wire::read_request(&mut stream).await {
                Ok(request) => request,
                Err(problem) => {
                    lock(&state).failures.push(format!("unreadable request: {problem}"));
                    return;
                }
            };
            let reply = answer(&state, &request);
            let request_id = format!(
                "00000000-0000-4000-8000-{:012x}",
                REQUEST_IDS.fetch_add(1, Ordering::Relaxed)
            );
            wire::write_reply(&mut stream, &request, reply, &request_id).await;
        });
    }
}

/// Records `request` and picks its reply.
fn answer(state: &Mutex<State>, request: &RecordedRequest) -> Reply {
    let mut state = lock(state);
    state.requests.push(request.clone());
    let summary = format!("{} {}", request.method, request.path);
    let Some(route) = state.routes.iter_mut().find(|route| route.matches(request)) else {
        state.failures.push(format!("{summary}: no route"));
        return Reply::graph_error(404, "UnknownRoute", &format!("no route for {summary}"));
    };
    let problems = route.check(request);
    let reply = route.next_reply();
    if problems.is_empty() {
        return reply;
    }
    let message = format!("{summary}: {}", problems.join("; "));
    state.failures.push(message.clone());
    Reply::graph_error(400, "ExpectationFailed", &message)
}
