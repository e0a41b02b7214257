//! The blocking client (feature `blocking`), from a plain thread.

use graphgen_runtime::serde_json::{Value, json};
use graphgen_runtime::testing::{GraphServer, Reply, Route};
use graphgen_runtime::{ApiVersion, Error, Method, OperationStatus, Path, Request};

/// Proves: without an async runtime in the caller, the blocking client sends, retries and
/// polls like the async one.
#[test]
fn blocking_client_sends_and_waits() {
    // The server runs on its own runtime; the test thread has none.
    let server_runtime = tokio::runtime::Runtime::new().unwrap();
    let server = server_runtime.block_on(GraphServer::start());
    let op = "/v1.0/communications/calls/c1/operations/op-1";
    server.route(
        Route::new(Method::Get, "/v1.0/me")
            .reply(Reply::status(503))
            .reply(Reply::json(200, &json!({"id": "me"}))),
    );
    server.route(
        Route::new(Method::Post, "/v1.0/communications/calls/c1/mute")
            .expect_json(json!({"clientContext": "ctx"}))
            .reply(
                Reply::json(
                    200,
                    &json!({"id": "op-1", "status": "running", "clientContext": "ctx"}),
                )
                .header("Location", server.url(op)),
            ),
    );
    server.route(
        Route::new(Method::Get, op).reply(Reply::json(200, &json!({"status": "completed"}))),
    );
    server.route(
        Route::new(Method::Delete, "/v1.0/communications/calls/c1").reply(Reply::no_content()),
    );
    server.route(
        Route::new(Method::Post, "/v1.0/chats/c2/members")
            .reply(Reply::status(201).header("Location", "members/m1")),
    );

    let client = graphgen_runtime::blocking::Client::new(server.client()).unwrap();
    let me: Value = client
        .send_json(Request::new(Method::Get, ApiVersion::V1, Path::new().literal("me")))
        .unwrap();
    assert_eq!(me["id"], "me");
    let call = || Path::new().literal("communications").literal("calls").param("c1");
    let mute = Request::new(Method::Post, ApiVersion::V1, call().literal("mute"))
        .json(&json!({"clientContext": "ctx"}))
        .unwrap();
    let operation = client.send_operation::<Value>(mute).unwrap();
    assert_eq!(operation.handle().client_context(), Some("ctx"));
    assert_eq!(operation.wait().unwrap().status, Some(OperationStatus::Completed));
    client.send_no_content(Request::new(Method::Delete, ApiVersion::V1, call())).unwrap();
    let members = Path::new().literal("chats").param("c2").literal("members");
    let add = Request::new(Method::Post, ApiVersion::V1, members).json(&json!({})).unwrap();
    let created = client.send_created::<Value>(add).unwrap();
    assert_eq!(
        created.location.map(|u| u.path().to_owned()).as_deref(),
        Some("/v1.0/chats/c2/members/m1")
    );
    assert_eq!(server.requests().len(), 6);
    server.verify();
}

/// Proves: called from inside an async runtime, the blocking client refuses with a typed
/// error instead of panicking or deadlocking.
#[tokio::test]
async fn blocking_client_refuses_inside_a_runtime() {
    let server = GraphServer::start().await;
    let async_client = server.client();
    let client =
        tokio::task::spawn_blocking(move || graphgen_runtime::blocking::Client::new(async_client))
            .await
            .unwrap()
            .unwrap();
    let error = client
        .send_no_content(Request::new(Method::Delete, ApiVersion::V1, Path::new().literal("x")))
        .unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert!(server.requests().is_empty());
    // The blocking client owns a runtime, which must not be dropped in async context.
    tokio::task::spawn_blocking(move || drop(client)).await.unwrap();
}
