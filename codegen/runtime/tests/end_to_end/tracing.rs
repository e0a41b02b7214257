//! What the `tracing` feature reports: a span per request with its method, URL (without
//! the query) and client-request-id, and an event for each attempt, response, retry and
//! redirect; never the token, a header or the query.

use std::io;
use std::sync::{Arc, Mutex};

use graphgen_runtime::Method;
use graphgen_runtime::serde_json::{Value, json};
use graphgen_runtime::testing::{GraphServer, Reply, Route, TEST_TOKEN};

use crate::faults::get_me;
use crate::{drop_refuse_answer, quick_retries};

/// Everything the subscriber writes, kept for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn lines(&self) -> Vec<String> {
        let text = String::from_utf8(self.0.lock().unwrap().clone()).unwrap();
        text.lines().map(str::to_owned).collect()
    }

    /// The runtime's own events (without their span prefix), in order.
    fn events(&self) -> Vec<String> {
        self.lines()
            .iter()
            .filter_map(|l| l.split_once("graphgen_runtime::trace: "))
            .map(|e| e.1.to_owned())
            .collect()
    }
}

/// A DEBUG subscriber writing to `captured`, installed for the current thread.
fn capture(captured: &Captured) -> tracing::subscriber::DefaultGuard {
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .without_time()
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::set_default(subscriber)
}

/// Proves: a request that is throttled (503), redirected and answered is one span whose
/// events tell that story in order, with the retry's reason and delay and Graph's
/// request-id; the token and the query appear nowhere.
#[tokio::test(flavor = "current_thread")]
async fn a_request_is_one_span_with_its_attempts_retries_and_redirects() {
    let captured = Captured::default();
    let _guard = capture(&captured);

    let server = GraphServer::start().await;
    server.route(
        Route::new(Method::Get, "/v1.0/me")
            .reply(Reply::graph_error(503, "serviceNotAvailable", "try later"))
            .reply(Reply::redirect(302, "/v1.0/users/u1?secret=s3cr3t")),
    );
    server.route(
        Route::new(Method::Get, "/v1.0/users/u1").reply(Reply::json(200, &json!({"id": "u1"}))),
    );
    let client = server.client_builder().retry(quick_retries()).build().unwrap();
    let me = get_me().query("$filter", "displayName eq 'Ada'");
    let user: Value = client.send_json(me).await.unwrap();
    assert_eq!(user["id"], "u1");
    server.verify();

    let lines = captured.lines();
    let id = server.requests()[0].header("client-request-id").unwrap().to_owned();
    let span = format!(
        "graph_request{{method=GET url=\"{}\" client_request_id=\"{id}\"}}",
        server.url("/v1.0/me")
    );
    // The transport's own events (hyper's connects) land in the span too.
    assert!(lines.iter().all(|l| l.contains(&span)), "every event in the span {span}:\n{lines:#?}");
    let events = captured.events();
    assert_eq!(events.len(), 8, "{events:#?}");
    assert_eq!(events[0], "sending attempt=1");
    assert!(events[1].starts_with("response status=503 request_id=\""), "{}", events[1]);
    assert!(events[2].starts_with("retrying attempt=1 delay_ms="), "{}", events[2]);
    assert!(events[2].ends_with(" reason=status 503"), "{}", events[2]);
    assert_eq!(events[3], "sending attempt=2");
    assert!(events[4].starts_with("response status=302 request_id=\""), "{}", events[4]);
    assert_eq!(events[5], format!("redirect to={:?}", server.url("/v1.0/users/u1")));
    assert_eq!(events[6], "sending attempt=1");
    assert!(events[7].starts_with("response status=200 request_id=\""), "{}", events[7]);
    let all = lines.join("\n");
    for secret in [TEST_TOKEN, "s3cr3t", "Ada", "filter"] {
        assert!(!all.contains(secret), "`{secret}` was logged:\n{all}");
    }
}

/// Proves: a GET whose connection drops is retried with the transport's reason, and a
/// refused token is replaced with an INFO event, all in one span and in order; neither
/// token is logged.
#[tokio::test(flavor = "current_thread")]
async fn transport_retries_and_token_refusals_are_events_too() {
    let captured = Captured::default();
    let _guard = capture(&captured);

    let server = GraphServer::start().await;
    let client = drop_refuse_answer(&server);
    let user: Value = client.send_json(get_me()).await.unwrap();
    assert_eq!(user["id"], "me");
    server.verify();
    let sent: Vec<_> =
        server.requests().iter().map(|r| r.header("authorization").map(str::to_owned)).collect();
    assert_eq!(sent.last(), Some(&Some("Bearer token-1".to_owned())));

    let events = captured.events();
    assert_eq!(events.len(), 7, "{events:#?}");
    assert_eq!(events[0], "sending attempt=1");
    assert!(events[1].starts_with("retrying attempt=1 delay_ms="), "{}", events[1]);
    assert!(
        events[1].ends_with(" reason=connection failed after the request was sent"),
        "{}",
        events[1]
    );
    assert_eq!(events[2], "sending attempt=2");
    assert!(events[3].starts_with("response status=401 request_id=\""), "{}", events[3]);
    assert_eq!(events[4], "token refused; asking the provider for another");
    assert_eq!(events[5], "sending attempt=3");
    assert!(events[6].starts_with("response status=200 request_id=\""), "{}", events[6]);
    let lines = captured.lines();
    assert!(lines.iter().all(|l| l.contains("graph_request{method=GET")), "{lines:#?}");
    let all = lines.join("\n");
    for token in ["token-0", "token-1"] {
        assert!(!all.contains(token), "`{token}` was logged:\n{all}");
    }
    assert!(all.contains(" INFO ") && all.contains("token refused"), "{all}");
}
