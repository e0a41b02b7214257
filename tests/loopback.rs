//! The generated client against the runtime's loopback server: each call sends the
//! method, path and body its page documents, and decodes the documented response
//! (operation handles, typed bodies, collections, `()`).

use graphgen_runtime::Method;
use graphgen_runtime::serde_json::json;
use graphgen_runtime::testing::{GraphServer, Reply, Route};
use msgraph_typed::{beta, v1};

const CALL: &str = "02000980-58ea-4bf2-bb77-8ba548da56f7";

#[tokio::test(flavor = "current_thread")]
async fn stop_transcription_returns_an_operation_handle() {
    let server = GraphServer::start().await;
    let path = format!("/beta/communications/calls/{CALL}/microsoft.graph.StopTranscription");
    let location = server.url(&format!("/beta/communications/calls/{CALL}/operations/2d7a"));
    let body = json!({
        "@odata.type": "#microsoft.graph.stopTranscriptionOperation",
        "clientContext": "clientContext-value",
        "status": "completed"
    });
    server.route(
        Route::new(Method::Post, &path)
            .expect_json(json!({"language": "en-us"}))
            .reply(Reply::accepted(location, Some(&body))),
    );
    let request = beta::requests::CallStopTranscriptionRequest {
        language: Some("en-us".into()),
        ..Default::default()
    };
    let operation = beta::Graph::new(server.client())
        .communications()
        .call(CALL)
        .stop_transcription(&request)
        .await
        .unwrap();
    let initial = operation.body().expect("the 202 carries the operation");
    assert_eq!(initial.client_context.as_deref(), Some("clientContext-value"));
    assert!(operation.location().is_some());
    server.verify();
}

/// `null` reaches the wire: a member put in `additional_properties` under a field's JSON
/// name takes the place of the field (`PATCH` clears a property this way).
#[tokio::test(flavor = "current_thread")]
async fn a_null_member_takes_the_place_of_its_field() {
    let server = GraphServer::start().await;
    let path = format!("/beta/communications/calls/{CALL}/microsoft.graph.StopTranscription");
    server.route(
        Route::new(Method::Post, &path)
            .expect_json(json!({"language": null}))
            .reply(Reply::status(202)),
    );
    let mut request = beta::requests::CallStopTranscriptionRequest {
        language: Some("en-us".into()),
        ..Default::default()
    };
    request.additional_properties.insert("language".into(), json!(null));
    let call = beta::Graph::new(server.client()).communications().call(CALL);
    call.stop_transcription(&request).await.unwrap();
    let sent = server.requests_to(Method::Post, &path);
    // The exact bytes: JSON with the member twice would also parse as `null` (the last
    // one wins), but Graph need not read it that way.
    assert_eq!(String::from_utf8_lossy(&sent[0].body), r#"{"language":null}"#);
    server.verify();
}

#[tokio::test(flavor = "current_thread")]
async fn get_list_answer_and_delete() {
    let server = GraphServer::start().await;
    let call_path = format!("/v1.0/communications/calls/{CALL}");
    server.route(Route::new(Method::Get, &call_path).reply(Reply::json(
        200,
        &json!({
            "@odata.type": "#microsoft.graph.call",
            "state": "established",
            "direction": "outgoing",
            "mediaConfig": {"@odata.type": "#microsoft.graph.serviceHostedMediaConfig"},
            "somethingNew": {"kept": true}
        }),
    )));
    server.route(
        Route::new(Method::Get, &format!("{call_path}/participants")).reply(Reply::json(
            200,
            &json!({"value": [{"id": "p1", "isMuted": true}, {"id": "p2"}]}),
        )),
    );
    server.route(
        Route::new(Method::Post, &format!("{call_path}/answer"))
            .expect_json(json!({
                "acceptedModalities": ["audio"],
                "mediaConfig": {"@odata.type": "#microsoft.graph.appHostedMediaConfig", "blob": "<blob>"}
            }))
            .reply(Reply::status(202)),
    );
    server.route(Route::new(Method::Delete, &call_path).reply(Reply::no_content()));

    let graph = v1::Graph::new(server.client());
    let call = graph.communications().call(CALL);

    let fetched = call.get().await.unwrap();
    assert_eq!(fetched.state, Some(v1::types::CallState::Established));
    assert!(matches!(
        fetched.media_config,
        Some(v1::types::AnyMediaConfig::ServiceHostedMediaConfig(_))
    ));
    assert_eq!(fetched.additional_properties["somethingNew"], json!({"kept": true}));

    let participants = call.participants().list().await.unwrap();
    let ids: Vec<_> = participants.value.iter().map(|p| p.id.clone().unwrap()).collect();
    assert_eq!(ids, ["p1", "p2"]);
    assert_eq!(participants.value[0].is_muted, Some(true));

    let media =
        v1::types::AppHostedMediaConfig { blob: Some("<blob>".into()), ..Default::default() };
    let answer = v1::requests::CallAnswerRequest::new(vec!["audio".into()], media.into());
    call.answer(&answer).await.unwrap();

    call.delete().await.unwrap();
    server.verify();
}

/// `with_options` on a node: its query options and headers go with every request of
/// that node and of the nodes reached from it (the page's own query string first), and
/// not with the next page, whose URL Graph hands out whole.
#[tokio::test(flavor = "current_thread")]
async fn request_options_reach_the_wire_from_the_node_they_were_set_on() {
    use graphgen_runtime::RequestOptions;
    let server = GraphServer::start().await;
    let call_path = format!("/v1.0/communications/calls/{CALL}");
    let participants = format!("{call_path}/participants");
    let next = server.url(&format!("{participants}?$skiptoken=abc"));
    server.route(
        Route::new(Method::Get, &participants)
            .reply(Reply::json(200, &json!({"value": [{"id": "p1"}], "@odata.nextLink": next})))
            .reply(Reply::json(200, &json!({"value": [{"id": "p2"}]}))),
    );
    server.route(Route::new(Method::Get, &call_path).reply(Reply::json(200, &json!({}))));

    let options = RequestOptions::new()
        .select(["id", "isMuted"])
        .top(1)
        .query("since", "2021-01-01T00:00:00Z")
        .header("ConsistencyLevel", "eventual");
    let graph = v1::Graph::new(server.client());
    let call = graph.communications().call(CALL).with_options(options.clone());
    assert_eq!(call.options(), &options);
    let first = call.participants().list().await.unwrap();
    let second = server.client().next_page(&first).await.unwrap().expect("a second page");
    assert_eq!(second.value[0].id.as_deref(), Some("p2"));
    // A node reached before the options were set has none.
    graph.communications().call(CALL).get().await.unwrap();

    let sent = server.requests_to(Method::Get, &participants);
    let queries: Vec<Option<&str>> = sent.iter().map(|r| r.query.as_deref()).collect();
    assert_eq!(
        queries,
        [
            Some("$select=id%2CisMuted&$top=1&since=2021-01-01T00%3A00%3A00Z"),
            Some("$skiptoken=abc")
        ]
    );
    assert_eq!(sent[0].header("consistencylevel"), Some("eventual"));
    assert_eq!(sent[1].header("consistencylevel"), None, "not re-sent with the next page");
    let plain = server.requests_to(Method::Get, &call_path);
    assert_eq!((plain[0].query.as_deref(), plain[0].header("consistencylevel")), (None, None));
    server.verify();
}
