//! How the client behaves when Graph (or the network) misbehaves. Each test names what
//! it proves; none sleeps longer than the behaviour under test needs.

use std::time::{Duration, Instant, SystemTime};

use graphgen_runtime::serde_json::{Value, json};
use graphgen_runtime::testing::{GraphServer, Reply, Route};
use graphgen_runtime::{
    ApiVersion, Client, Error, Method, Path, Request, RetryPolicy, TransportErrorKind,
};

const ME: &str = "/v1.0/me";
const ACTION: &str = "/v1.0/communications/calls/c1/mute";

/// `GET /me` (the tracing tests send it too).
pub(crate) fn get_me() -> Request {
    Request::new(Method::Get, ApiVersion::V1, Path::new().literal("me"))
}

fn post_mute() -> Request {
    Request::new(
        Method::Post,
        ApiVersion::V1,
        Path::new().literal("communications").literal("calls").param("c1").literal("mute"),
    )
    .json(&json!({"clientContext": "ctx"}))
    .unwrap()
}

fn ok_me() -> Reply {
    Reply::json(200, &json!({"id": "me-1"}))
}

/// Proves: a Graph error body becomes Error::Graph with its code and message, the
/// response's request-id, the sent client-request-id and the innerError date; it is not
/// retried.
#[tokio::test]
async fn graph_error_bodies_are_typed() {
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Get, ME).reply(Reply::graph_error(
        404,
        "itemNotFound",
        "The call was not found.",
    )));
    let error = server.client().send_json::<Value>(get_me()).await.unwrap_err();
    let Error::Graph { context, error: graph } = &error else { panic!("{error:?}") };
    assert_eq!(context.status.map(|s| s.as_u16()), Some(404));
    assert_eq!(graph.code, "itemNotFound");
    assert_eq!(graph.message, "The call was not found.");
    let inner = graph.inner_error.as_ref().expect("innerError");
    assert!(inner.date.is_some());
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "a 404 is not retried");
    assert_eq!(error.client_request_id(), sent[0].header("client-request-id"));
    assert_eq!(inner.client_request_id.as_deref(), error.client_request_id());
    assert!(error.request_id().is_some());
    assert_eq!(error.request_id(), inner.request_id.as_deref());
    assert_eq!(context.url, server.url(ME));
    assert_eq!(context.attempts, 1);
    let shown = error.to_string();
    assert!(
        shown.contains("itemNotFound") && shown.contains("GET") && shown.contains("404"),
        "{shown}"
    );
    server.verify();
}

/// Proves: 500 and 400 are sent once, never retried.
#[tokio::test]
async fn other_statuses_are_never_retried() {
    for status in [400, 401, 403, 409, 500, 502] {
        let server = GraphServer::start().await;
        server.route(Route::new(Method::Post, ACTION).reply(Reply::graph_error(
            status,
            "generalException",
            "no",
        )));
        let error = server.client().send_operation::<Value>(post_mute()).await.unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(server.requests().len(), 1, "status {status} was retried");
    }
}

/// Proves: `Retry-After: 1` (seconds) is waited for in full before the retry, which
/// carries `retry-attempt: 1` and the same client-request-id.
#[tokio::test]
async fn retry_after_seconds_is_honoured() {
    let server = GraphServer::start().await;
    server.route(
        Route::new(Method::Post, ACTION)
            .reply(
                Reply::graph_error(429, "TooManyRequests", "slow down").header("Retry-After", "1"),
            )
            .reply(
                Reply::json(200, &json!({"status": "completed"}))
                    .header("Location", server.url("/v1.0/op/1")),
            ),
    );
    let start = Instant::now();
    let operation = server.client().send_operation::<Value>(post_mute()).await.unwrap();
    let elapsed = start.elapsed();
    assert!(elapsed >= Duration::from_secs(1), "retried after {elapsed:?}, before Retry-After: 1");
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert_eq!(operation.id(), Some("1"));
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].header("retry-attempt"), None);
    assert_eq!(sent[1].header("retry-attempt"), Some("1"));
    assert_eq!(sent[0].header("client-request-id"), sent[1].header("client-request-id"));
    assert_eq!(
        sent[1].json(),
        Some(json!({"clientContext": "ctx"})),
        "the body is sent again whole"
    );
    server.verify();
}

/// Proves: `Retry-After` as an HTTP-date is honoured (waits until that date).
#[tokio::test]
async fn retry_after_http_date_is_honoured() {
    let server = GraphServer::start().await;
    // Two seconds ahead; HTTP-dates have whole seconds, so the wait is over one second.
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    server.route(
        Route::new(Method::Get, ME)
            .reply(Reply::status(503).header("Retry-After", date))
            .reply(ok_me()),
    );
    let start = Instant::now();
    let me: Value = server.client().send_json(get_me()).await.unwrap();
    let elapsed = start.elapsed();
    assert_eq!(me["id"], "me-1");
    assert!(elapsed >= Duration::from_millis(1000), "retried after {elapsed:?}");
    assert_eq!(server.requests().len(), 2);
    server.verify();
}

/// Proves: 503 three times then success is retried with backoff (no Retry-After),
/// retry-attempt 1, 2, 3, one client-request-id throughout.
#[tokio::test]
async fn three_503s_then_success() {
    let server = GraphServer::start().await;
    let unavailable = Reply::graph_error(503, "serviceNotAvailable", "try later");
    server.route(
        Route::new(Method::Post, ACTION)
            .reply(unavailable.clone())
            .reply(unavailable.clone())
            .reply(unavailable)
            .reply(Reply::accepted(
                server.url("/v1.0/communications/calls/c1/operations/op-9"),
                None,
            )),
    );
    let operation = server.client().send_operation::<Value>(post_mute()).await.unwrap();
    assert_eq!(operation.id(), Some("op-9"));
    let sent = server.requests();
    let attempts: Vec<Option<&str>> = sent.iter().map(|r| r.header("retry-attempt")).collect();
    assert_eq!(attempts, [None, Some("1"), Some("2"), Some("3")]);
    let ids: Vec<Option<&str>> = sent.iter().map(|r| r.header("client-request-id")).collect();
    assert!(ids.iter().all(|id| *id == ids[0] && id.is_some()));
    server.verify();
}

/// Proves: 504 is retried too; a new call gets a fresh client-request-id.
#[tokio::test]
async fn gateway_timeout_is_retried_and_ids_are_per_call() {
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Get, ME).reply(Reply::status(504)).reply(ok_me()));
    let client = server.client();
    let _: Value = client.send_json(get_me()).await.unwrap();
    let _: Value = client.send_json(get_me()).await.unwrap();
    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0].header("client-request-id"), sent[1].header("client-request-id"));
    assert_ne!(sent[1].header("client-request-id"), sent[2].header("client-request-id"));
}

/// Proves: attempts are bounded: with `max_retries(2)`, a Graph that is always 503 sees
/// three requests and the caller gets the last 503 as a typed error.
#[tokio::test]
async fn retries_are_bounded_by_attempts() {
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Get, ME).reply(Reply::graph_error(
        503,
        "serviceNotAvailable",
        "down",
    )));
    let client = server
        .client_builder()
        .retry(RetryPolicy::default().max_retries(2).base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let error = client.send_json::<Value>(get_me()).await.unwrap_err();
    assert_eq!(server.requests().len(), 3);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.context().map(|c| c.attempts), Some(3));
    assert_eq!(error.graph_error().map(|g| g.code.as_str()), Some("serviceNotAvailable"));
}

/// Proves: total time is bounded: a Retry-After past the budget is not waited for; the
/// caller gets the 429 at once, with the Retry-After it asked for.
#[tokio::test]
async fn retry_after_beyond_the_budget_is_not_waited_for() {
    let server = GraphServer::start().await;
    server.route(
        Route::new(Method::Get, ME).reply(
            Reply::graph_error(429, "TooManyRequests", "later").header("Retry-After", "3600"),
        ),
    );
    let client = server
        .client_builder()
        .retry(RetryPolicy::default().max_elapsed(Duration::from_secs(60)))
        .build()
        .unwrap();
    let start = Instant::now();
    let error = client.send_json::<Value>(get_me()).await.unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(server.requests().len(), 1);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(error.context().and_then(|c| c.retry_after), Some(Duration::from_secs(3600)));
}

/// Proves: a POST whose connection drops after it was sent is NOT sent again (it may
/// have been acted on); the caller gets a typed transport error.
#[tokio::test]
async fn dropped_connection_after_a_post_is_not_retried() {
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Post, ACTION).reply(Reply::drop_connection()));
    let error = server.client().send_operation::<Value>(post_mute()).await.unwrap_err();
    let Error::Transport { source, context } = &error else { panic!("{error:?}") };
    assert_eq!(source.kind(), TransportErrorKind::Interrupted);
    assert_eq!(context.status, None);
    assert_eq!(server.requests().len(), 1, "a POST was sent twice");
}

/// Proves: a GET whose connection drops is retried (idempotent), and succeeds.
#[tokio::test]
async fn dropped_connection_on_a_get_is_retried() {
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Get, ME).reply(Reply::drop_connection()).reply(ok_me()));
    let me: Value = server.client().send_json(get_me()).await.unwrap();
    assert_eq!(me["id"], "me-1");
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].header("retry-attempt"), Some("1"));
}

/// Proves: a refused connection (nothing listening) never reached a server, so even a
/// POST is retried, within the attempt bound, and ends in a Connect error.
#[tokio::test]
async fn refused_connections_are_retried_for_any_method() {
    let client = Client::builder()
        .base_url(format!("http://{}", crate::unused_addr()).parse().unwrap())
        .token("t")
        .retry(RetryPolicy::default().max_retries(2).base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let error = client.send_operation::<Value>(post_mute()).await.unwrap_err();
    let Error::Transport { source, context } = &error else { panic!("{error:?}") };
    assert_eq!(source.kind(), TransportErrorKind::Connect);
    assert_eq!(context.attempts, 3);
}

/// Proves: a response slower than the per-request timeout ends in Error::Timeout soon
/// after the timeout (200 ms against a 5 s delay), and a timeout is not retried.
#[tokio::test]
async fn slow_responses_time_out() {
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Get, ME).reply(ok_me().delay(Duration::from_secs(5))));
    let client = server.client_builder().timeout(Duration::from_millis(200)).build().unwrap();
    let start = Instant::now();
    let error = client.send_json::<Value>(get_me()).await.unwrap_err();
    let elapsed = start.elapsed();
    assert!(error.is_timeout(), "{error:?}");
    assert!(
        elapsed >= Duration::from_millis(200) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
    assert_eq!(server.requests().len(), 1);
    let Error::Timeout { after, .. } = error else { unreachable!() };
    assert_eq!(after, Duration::from_millis(200));
}

/// Proves: an HTML error page (a gateway's 502) becomes a typed error with its content
/// type and the start of the page, not a panic or a JSON error.
#[tokio::test]
async fn html_error_pages_are_typed() {
    let server = GraphServer::start().await;
    let page =
        "<html><head><title>502 Bad Gateway</title></head><body>upstream error</body></html>";
    server.route(Route::new(Method::Get, ME).reply(Reply::html(502, page)));
    let error = server.client().send_json::<Value>(get_me()).await.unwrap_err();
    let Error::UnexpectedResponse { content_type, snippet, context } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert!(snippet.contains("502 Bad Gateway"));
    assert_eq!(context.status.map(|s| s.as_u16()), Some(502));
    assert!(error.graph_error().is_none());
}

/// Proves: a success with the wrong content type (an HTML login page with 200) is a
/// typed error, not a decode panic.
#[tokio::test]
async fn wrong_content_type_is_typed() {
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Get, ME).reply(Reply::html(200, "<html>sign in</html>")));
    let error = server.client().send_json::<Value>(get_me()).await.unwrap_err();
    assert!(
        matches!(&error, Error::UnexpectedContentType { content_type: Some(ct), .. } if ct.starts_with("text/html")),
        "{error:?}"
    );
}

/// Proves: a body cut short of its Content-Length is a typed transport error; for a POST
/// it is not retried.
#[tokio::test]
async fn truncated_bodies_are_typed() {
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Post, ACTION).reply(Reply::truncated(
        200,
        "application/json",
        br#"{"id": "op-1", "sta"#,
        200,
    )));
    let error = server.client().send_operation::<Value>(post_mute()).await.unwrap_err();
    assert!(
        matches!(&error, Error::Transport { source, .. } if source.kind() == TransportErrorKind::Interrupted),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

/// Proves: a complete but truncated JSON document (honest Content-Length) and a body of
/// the wrong shape are Decode errors carrying the exchange.
#[tokio::test]
async fn undecodable_json_is_typed() {
    let server = GraphServer::start().await;
    server.route(
        Route::new(Method::Get, ME).reply(
            Reply::status(200).body("application/json", br#"{"id": "me-1", "displ"#.to_vec()),
        ),
    );
    let error = server.client().send_json::<Value>(get_me()).await.unwrap_err();
    assert!(
        matches!(&error, Error::Decode { context, .. } if context.status.map(|s| s.as_u16()) == Some(200)),
        "{error:?}"
    );

    #[derive(Debug, graphgen_runtime::serde::Deserialize)]
    #[serde(crate = "graphgen_runtime::serde")]
    #[allow(dead_code)]
    struct Typed {
        id: u32,
    }
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Get, ME).reply(ok_me()));
    let error = server.client().send_json::<Typed>(get_me()).await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

/// Proves: a failed operation ends wait() with OperationFailed and its resultInfo; an
/// operation that never ends ends wait() with OperationTimedOut within the bound.
#[tokio::test]
async fn operations_fail_and_time_out_typed() {
    let server = GraphServer::start().await;
    let op_path = "/v1.0/communications/calls/c1/operations/op-1";
    server.route(
        Route::new(Method::Post, ACTION).reply(
            Reply::json(200, &json!({"id": "op-1", "status": "running"}))
                .header("Location", server.url(op_path)),
        ),
    );
    server.route(Route::new(Method::Get, op_path).reply(Reply::json(
        200,
        &json!({
        "id": "op-1", "status": "failed",
        "resultInfo": {"code": 500, "subcode": 8510, "message": "media failure"}}),
    )));
    let operation = server.client().send_operation::<Value>(post_mute()).await.unwrap();
    let error = operation.wait().await.unwrap_err();
    let Error::OperationFailed { id, resource } = &error else { panic!("{error:?}") };
    assert_eq!(id.as_deref(), Some("op-1"));
    assert_eq!(resource.result_info.as_ref().and_then(|r| r.subcode), Some(8510));
    assert!(error.to_string().contains("media failure"));

    let server = GraphServer::start().await;
    server
        .route(Route::new(Method::Post, ACTION).reply(Reply::accepted(server.url(op_path), None)));
    server.route(
        Route::new(Method::Get, op_path).reply(Reply::json(200, &json!({"status": "running"}))),
    );
    let client = server
        .client_builder()
        .poll(
            graphgen_runtime::PollPolicy::default()
                .initial_interval(Duration::from_millis(10))
                .max_interval(Duration::from_millis(20))
                .max_wait(Duration::from_millis(300)),
        )
        .build()
        .unwrap();
    let operation = client.send_operation::<Value>(post_mute()).await.unwrap();
    let start = Instant::now();
    let error = operation.wait().await.unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(3));
    assert!(
        matches!(&error, Error::OperationTimedOut { last_status: Some(s), .. } if s.as_str() == "running"),
        "{error:?}"
    );
    assert!(server.requests_to(Method::Get, op_path).len() >= 2);
}

/// Proves: a path parameter that cannot be sent faithfully fails before any request.
#[tokio::test]
async fn unsendable_path_parameters_send_nothing() {
    let server = GraphServer::start().await;
    let client = server.client();
    for id in ["", ".", ".."] {
        let request = Request::new(
            Method::Delete,
            ApiVersion::V1,
            Path::new().literal("communications").literal("calls").param(id),
        );
        let error = client.send_no_content(request).await.unwrap_err();
        assert!(matches!(error, Error::InvalidPath { index: 2, .. }), "{id:?}: {error:?}");
    }
    assert!(server.requests().is_empty());
}

/// A JSON body of about `bytes` bytes: `{"value": "xxxx…"}`.
fn big_json(bytes: usize) -> Vec<u8> {
    graphgen_runtime::serde_json::to_vec(&json!({ "value": "x".repeat(bytes) })).unwrap()
}

/// Proves: a body over `max_response_bytes` is `Transport`/`TooLarge`, refused on its
/// Content-Length, not retried; a body under the limit still decodes.
#[tokio::test]
async fn oversized_bodies_are_refused() {
    let server = GraphServer::start().await;
    server.route(
        Route::new(Method::Get, ME)
            .reply(Reply::status(200).body("application/json", big_json(64 * 1024)))
            .reply(Reply::status(200).body("application/json", big_json(8 * 1024))),
    );
    let client = server.client_builder().max_response_bytes(16 * 1024).build().unwrap();
    let error = client.send_json::<Value>(get_me()).await.unwrap_err();
    assert!(
        matches!(&error, Error::Transport { source, .. } if source.kind() == TransportErrorKind::TooLarge),
        "{error:?}"
    );
    // Refused on the announced size, before reading the body.
    let message = error.to_string();
    assert!(message.contains("Content-Length") && message.contains("limit of 16384"), "{message}");
    assert_eq!(server.requests().len(), 1, "a refused body is not fetched again");

    let got: Value = client.send_json(get_me()).await.unwrap();
    assert_eq!(got["value"].as_str().map(str::len), Some(8 * 1024));
}

/// Proves: a body with no Content-Length (close-delimited) is read only up to the limit,
/// then refused as `TooLarge`.
#[tokio::test]
async fn unframed_bodies_stop_at_the_limit() {
    let server = GraphServer::start().await;
    server.route(
        Route::new(Method::Get, ME)
            .reply(Reply::unframed(200, "application/json", big_json(1024 * 1024)))
            .reply(Reply::unframed(200, "application/json", big_json(100))),
    );
    let client = server.client_builder().max_response_bytes(16 * 1024).build().unwrap();
    let error = client.send_json::<Value>(get_me()).await.unwrap_err();
    assert!(
        matches!(&error, Error::Transport { source, .. } if source.kind() == TransportErrorKind::TooLarge),
        "{error:?}"
    );

    // The transport stopped reading (the client's own check of a complete body would
    // name its size instead).
    assert!(error.to_string().contains("read past the limit"), "{error}");

    // Under the limit, the same framing decodes.
    let got: Value = client.send_json(get_me()).await.unwrap();
    assert_eq!(got["value"].as_str().map(str::len), Some(100));
}

/// Proves: a reqwest transport the caller supplies (a proxy setup, say) gets the limit
/// with each request and stops reading there too.
#[tokio::test]
async fn a_supplied_transport_stops_at_the_limit() {
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Get, ME).reply(Reply::unframed(
        200,
        "application/json",
        big_json(1024 * 1024),
    )));
    let client = server
        .client_builder()
        .transport(graphgen_runtime::ReqwestTransport::new().unwrap())
        .max_response_bytes(16 * 1024)
        .build()
        .unwrap();
    let error = client.send_json::<Value>(get_me()).await.unwrap_err();
    assert!(
        matches!(&error, Error::Transport { source, .. } if source.kind() == TransportErrorKind::TooLarge),
        "{error:?}"
    );
    assert!(error.to_string().contains("read past the limit"), "{error}");
}
