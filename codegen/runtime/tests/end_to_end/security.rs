//! Where the token goes, and where it never shows: other hosts, Debug output, errors.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use graphgen_runtime::http::{HeaderMap, HeaderValue, StatusCode};
use graphgen_runtime::serde_json::{Value, json};
use graphgen_runtime::testing::{GraphServer, Reply, Route, TEST_TOKEN};
use graphgen_runtime::{
    ApiVersion, BoxError, BoxFuture, Client, Collection, Error, HttpRequest, HttpResponse, Method,
    Path, Request, Secret, TokenProvider, Transport, TransportError, TransportErrorKind, token_fn,
};

const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.very-secret-token";
const ACTION: &str = "/beta/communications/calls/c1/microsoft.graph.StopTranscription";

fn stop_transcription() -> Request {
    Request::new(
        Method::Post,
        ApiVersion::Beta,
        Path::new()
            .literal("communications")
            .literal("calls")
            .param("c1")
            .literal("microsoft.graph.StopTranscription"),
    )
    .json(&json!({"language": "en-us"}))
    .unwrap()
}

/// Proves: an operation Location on another origin is refused with a typed error and
/// nothing (token or otherwise) is sent there, whether it differs by port or by host
/// name; the operation itself (id, body) is still usable.
#[tokio::test]
async fn the_token_never_follows_a_foreign_location() {
    let elsewhere = GraphServer::start().await;
    let op = "/beta/communications/calls/c1/operations/op-1";
    elsewhere.route(Route::new(Method::Get, op).expect_no_authorization().optional());
    for foreign in [true, false] {
        let graph = GraphServer::start().await;
        let location = if foreign {
            elsewhere.url(op)
        } else {
            format!("http://localhost:{}{op}", graph.addr().port())
        };
        graph
            .route(Route::new(Method::Post, ACTION).reply(Reply::accepted(location.clone(), None)));
        let operation = graph.client().send_operation::<Value>(stop_transcription()).await.unwrap();
        assert_eq!(operation.id(), Some("op-1"));
        for error in [operation.status().await.unwrap_err(), operation.wait().await.unwrap_err()] {
            let Error::ForeignUrl { url, origin } = &error else { panic!("{error:?}") };
            assert_eq!(url, &location);
            assert_eq!(origin, &graph.url(""));
        }
        assert_eq!(graph.requests().len(), 1, "only the action itself");
        graph.verify();
    }
    assert!(elsewhere.requests().is_empty(), "a request went to the foreign host");
}

/// Proves: a nextLink on another origin is refused the same way.
#[tokio::test]
async fn foreign_next_links_are_refused() {
    let graph = GraphServer::start().await;
    let page: Collection<Value> = Collection {
        next_link: Some("https://evil.example/v1.0/users?$skiptoken=x".into()),
        ..Collection::default()
    };
    let error = graph.client().next_page(&page).await.unwrap_err();
    let Error::ForeignUrl { url, .. } = &error else { panic!("{error:?}") };
    assert_eq!(url, "https://evil.example/v1.0/users", "the query is left out of the error");
}

/// Proves: a GET redirected to another origin (a download URL) is followed WITHOUT the
/// token; one redirected on the same origin keeps it.
#[tokio::test]
async fn redirects_drop_the_token_off_origin() {
    let graph = GraphServer::start().await;
    let storage = GraphServer::start().await;
    storage.route(
        Route::new(Method::Get, "/download/photo.jpg")
            .expect_no_authorization()
            .reply(Reply::status(200).body("image/jpeg", vec![0xff, 0xd8, 0xff])),
    );
    graph.route(
        Route::new(Method::Get, "/v1.0/me/photo/$value")
            .reply(Reply::redirect(302, storage.url("/download/photo.jpg"))),
    );
    graph.route(
        Route::new(Method::Get, "/v1.0/me/photos/1/$value")
            .reply(Reply::redirect(307, "/v1.0/me/photo/$value")),
    );
    let client = graph.client();
    let photo = Request::new(
        Method::Get,
        ApiVersion::V1,
        Path::new().literal("me").literal("photo").literal("$value"),
    );
    assert_eq!(client.send_bytes(photo).await.unwrap(), [0xff, 0xd8, 0xff]);
    let relative = Request::new(
        Method::Get,
        ApiVersion::V1,
        Path::new().literal("me").literal("photos").param("1").literal("$value"),
    );
    assert_eq!(client.send_bytes(relative).await.unwrap(), [0xff, 0xd8, 0xff]);
    graph.verify(); // both Graph routes saw the token
    storage.verify(); // the storage host never did
    assert_eq!(storage.requests().len(), 2);
}

/// Proves: the token provider is asked before every attempt, so a refreshed token is
/// used on the retry.
#[tokio::test]
async fn token_providers_refresh_between_attempts() {
    let server = GraphServer::start().await;
    server.route(
        Route::new(Method::Post, ACTION)
            .expect_any_authorization()
            .reply(Reply::graph_error(503, "serviceNotAvailable", "busy"))
            .reply(Reply::accepted(server.url("/beta/op/1"), None)),
    );
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let client = server
        .client_builder()
        .token_provider(token_fn(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move { Ok::<_, BoxError>(Secret::new(format!("token-{n}"))) }
        }))
        .build()
        .unwrap();
    client.send_operation::<Value>(stop_transcription()).await.unwrap();
    let sent: Vec<Option<String>> =
        server.requests().iter().map(|r| r.header("authorization").map(str::to_owned)).collect();
    assert_eq!(sent, [Some("Bearer token-0".into()), Some("Bearer token-1".into())]);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    server.verify();
}

/// A provider whose token changes each time Graph refuses one (`rejected` says so):
/// `token-0`, then `token-1`, ... (the tracing tests use it too).
#[derive(Default)]
pub(crate) struct Rotating {
    generation: AtomicUsize,
    rejections: AtomicUsize,
}

impl TokenProvider for Rotating {
    fn token(&self) -> BoxFuture<'_, Result<Secret, BoxError>> {
        let generation = self.generation.load(Ordering::SeqCst);
        Box::pin(async move { Ok(Secret::new(format!("token-{generation}"))) })
    }

    fn rejected(&self, token: &Secret) -> bool {
        self.rejections.fetch_add(1, Ordering::SeqCst);
        assert_eq!(token.expose(), format!("token-{}", self.generation.load(Ordering::SeqCst)));
        self.generation.fetch_add(1, Ordering::SeqCst);
        true
    }
}

/// Proves: a 401 makes the client tell the provider which token was refused and send the
/// request (a POST) once more with the fresh one; a second 401 is returned, not looped on.
#[tokio::test]
async fn a_refused_token_is_replaced_once() {
    let server = GraphServer::start().await;
    let unauthorized = || Reply::graph_error(401, "InvalidAuthenticationToken", "expired");
    server.route(
        Route::new(Method::Post, ACTION)
            .expect_any_authorization()
            .reply(unauthorized())
            .reply(Reply::accepted(server.url("/beta/op/1"), None)),
    );
    let provider = Arc::new(Rotating::default());
    let client = server.client_builder().token_provider(provider.clone()).build();
    client.unwrap().send_operation::<Value>(stop_transcription()).await.unwrap();
    let sent: Vec<Option<String>> =
        server.requests().iter().map(|r| r.header("authorization").map(str::to_owned)).collect();
    assert_eq!(sent, [Some("Bearer token-0".into()), Some("Bearer token-1".into())]);

    // Refused again with the fresh token: the second 401 is the answer.
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Post, ACTION).expect_any_authorization().reply(unauthorized()));
    let provider = Arc::new(Rotating::default());
    let client = server.client_builder().token_provider(provider.clone()).build();
    let error = client.unwrap().send_operation::<Value>(stop_transcription()).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED), "{error:?}");
    assert_eq!(server.requests().len(), 2);
    assert_eq!(provider.rejections.load(Ordering::SeqCst), 1);
}

/// Proves: with a provider that cannot refresh (a fixed token), a 401 is sent once and
/// returned.
#[tokio::test]
async fn a_fixed_token_is_not_resent_after_401() {
    let server = GraphServer::start().await;
    server.route(Route::new(Method::Post, ACTION).reply(Reply::graph_error(
        401,
        "InvalidAuthenticationToken",
        "expired",
    )));
    let error = server.client().send_operation::<Value>(stop_transcription()).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(server.requests().len(), 1);
}

/// Proves: a failing token provider is a typed error and nothing is sent.
#[tokio::test]
async fn token_provider_failures_are_typed() {
    let server = GraphServer::start().await;
    let client = server
        .client_builder()
        .token_provider(token_fn(|| async { Err::<Secret, BoxError>("tenant not found".into()) }))
        .build()
        .unwrap();
    let error = client.send_operation::<Value>(stop_transcription()).await.unwrap_err();
    assert!(
        matches!(&error, Error::Auth(source) if source.to_string() == "tenant not found"),
        "{error:?}"
    );
    assert!(server.requests().is_empty());
}

/// A transport double: records what it is handed and answers from a script.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<HttpRequest>>>,
}

impl Transport for Recorder {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.seen.lock().unwrap().push(request);
        Box::pin(async {
            let mut headers = HeaderMap::new();
            headers.insert("content-type", HeaderValue::from_static("application/json"));
            Ok(HttpResponse { status: StatusCode::OK, headers, body: br#"{"id": "x"}"#.to_vec() })
        })
    }
}

/// Proves: another HTTP stack plugs in through `Transport`, receiving plain values with
/// the token marked sensitive.
#[tokio::test]
async fn a_custom_transport_plugs_in() {
    let recorder = Recorder::default();
    let client = Client::builder().token(TOKEN).transport(recorder.clone()).build().unwrap();
    let got: Value = client
        .send_json(Request::new(Method::Get, ApiVersion::V1, Path::new().literal("me")))
        .await
        .unwrap();
    assert_eq!(got["id"], "x");
    let seen = recorder.seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].url.as_str(), "https://graph.microsoft.com/v1.0/me");
    let authorization = seen[0].headers.get("authorization").unwrap();
    assert!(authorization.is_sensitive());
    assert_eq!(authorization.to_str().unwrap(), format!("Bearer {TOKEN}"));
    let debug = format!("{:?}", seen[0]);
    assert!(!debug.contains(TOKEN), "{debug}");
}

/// Proves: a custom transport is held to `max_response_bytes` too: its 11-byte body over
/// a 4-byte limit is `TooLarge`.
#[tokio::test]
async fn a_custom_transport_is_held_to_the_size_limit() {
    let recorder = Recorder::default();
    let client = Client::builder()
        .token(TOKEN)
        .transport(recorder.clone())
        .max_response_bytes(4)
        .build()
        .unwrap();
    let error = client
        .send_json::<Value>(Request::new(Method::Get, ApiVersion::V1, Path::new().literal("me")))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Transport { source, .. } if source.kind() == TransportErrorKind::TooLarge),
        "{error:?}"
    );
}

/// Proves: the token appears in no Debug or Display output: not of the client, its
/// builder, a request carrying an Authorization header, the transport's request, nor any
/// error the client returns.
#[tokio::test]
async fn the_token_never_shows() {
    let graph = GraphServer::start().await;
    let elsewhere = GraphServer::start().await;
    let op = "/beta/communications/calls/c1/operations/op-1";
    graph.route(
        Route::new(Method::Post, ACTION)
            .expect_authorization(&format!("Bearer {TOKEN}"))
            .reply(Reply::accepted(elsewhere.url(op), None)),
    );
    graph.route(
        Route::new(Method::Get, "/v1.0/graph-error")
            .expect_authorization(&format!("Bearer {TOKEN}"))
            .reply(Reply::graph_error(403, "Forbidden", "no")),
    );
    graph.route(
        Route::new(Method::Get, "/v1.0/html")
            .expect_authorization(&format!("Bearer {TOKEN}"))
            .reply(Reply::html(502, "<html/>")),
    );
    graph.route(
        Route::new(Method::Get, "/v1.0/html-ok")
            .expect_authorization(&format!("Bearer {TOKEN}"))
            .reply(Reply::html(200, "<html/>")),
    );
    graph.route(
        Route::new(Method::Get, "/v1.0/bad-json")
            .expect_authorization(&format!("Bearer {TOKEN}"))
            .reply(Reply::status(200).body("application/json", b"{".to_vec())),
    );
    graph.route(
        Route::new(Method::Get, "/v1.0/slow")
            .expect_authorization(&format!("Bearer {TOKEN}"))
            .reply(Reply::status(200).delay(Duration::from_secs(5))),
    );
    graph.route(
        Route::new(Method::Post, "/v1.0/drop")
            .expect_authorization(&format!("Bearer {TOKEN}"))
            .reply(Reply::drop_connection()),
    );
    let builder = graph.client_builder().token(TOKEN).timeout(Duration::from_millis(200));
    let builder_debug = format!("{builder:?}");
    let client = builder.build().unwrap();
    let get =
        |name: &'static str| Request::new(Method::Get, ApiVersion::V1, Path::new().literal(name));

    let mut errors = Vec::new();
    let operation = client.send_operation::<Value>(stop_transcription()).await.unwrap();
    errors.push(operation.status().await.unwrap_err());
    errors.push(client.send_json::<Value>(get("graph-error")).await.unwrap_err());
    errors.push(client.send_json::<Value>(get("html")).await.unwrap_err());
    errors.push(client.send_json::<Value>(get("html-ok")).await.unwrap_err());
    errors.push(client.send_json::<Value>(get("bad-json")).await.unwrap_err());
    errors.push(client.send_json::<Value>(get("slow")).await.unwrap_err());
    errors.push(
        client
            .send_no_content(Request::new(
                Method::Post,
                ApiVersion::V1,
                Path::new().literal("drop"),
            ))
            .await
            .unwrap_err(),
    );
    errors.push(client.send_no_content(get("x").header("bad header", "v")).await.unwrap_err());
    errors.push(
        client
            .send_no_content(Request::new(Method::Get, ApiVersion::V1, Path::new().param("..")))
            .await
            .unwrap_err(),
    );
    let mut shown = vec![
        builder_debug,
        format!("{client:?}"),
        format!("{operation:?}"),
        format!("{:?}", get("x").header("Authorization", format!("Bearer {TOKEN}"))),
        format!("{:?}", Secret::new(TOKEN)),
    ];
    let kinds: Vec<String> = errors
        .iter()
        .map(|e| format!("{e:?}").split([' ', '{', '(']).next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        kinds,
        [
            "ForeignUrl",
            "Graph",
            "UnexpectedResponse",
            "UnexpectedContentType",
            "Decode",
            "Timeout",
            "Transport",
            "InvalidRequest",
            "InvalidPath"
        ]
    );
    for error in &errors {
        shown.push(format!("{error:?}"));
        shown.push(error.to_string());
    }
    for text in &shown {
        assert!(
            !text.contains(TOKEN) && !text.contains("very-secret"),
            "the token shows in: {text}"
        );
    }
    // The server did see it, on the Graph origin only.
    assert!(
        graph
            .requests()
            .iter()
            .all(|r| r.header("authorization") == Some(&format!("Bearer {TOKEN}")))
    );
    assert!(elsewhere.requests().is_empty());
    assert_ne!(TOKEN, TEST_TOKEN);
}
