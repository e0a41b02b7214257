//! The other calls-area actions, one case each, with the request and response examples
//! of their v1.0 reference pages (microsoft-graph-docs-contrib, api-reference/v1.0/api,
//! shortened where the page marks the response truncated). Each request is built the way
//! generated code builds it; the route is the path the page shows, so a wrong encoding
//! or method fails the match.

use graphgen_runtime::serde_json::{Value, json};
use graphgen_runtime::testing::{GraphServer, Reply, Route};
use graphgen_runtime::{ApiVersion, Collection, Method, OperationStatus, Path, Request};

const CALL: &str = "57dab8b1-894c-409a-b240-bd8beae78896";
const OPERATION: &str = "0fe0623f-d628-42ed-b4bd-8ac290072cc5";

/// How the generated function for the action sends it.
enum Send {
    /// `send_json::<Value>`, expecting the reply's body back.
    Json,
    /// `send_no_content`.
    NoContent,
    /// `send_operation::<Value>`, expecting this id (from `Location`) and initial status.
    Operation(Option<&'static str>, Option<OperationStatus>),
}

struct Case {
    page: &'static str,
    method: Method,
    /// The path the page shows (below the version).
    wire_path: String,
    /// The path as generated code builds it.
    path: Path,
    body: Option<Value>,
    reply: Reply,
    send: Send,
}

fn call(id: &str) -> Path {
    Path::new().literal("communications").literal("calls").param(id)
}

fn operation_location(server: &GraphServer) -> String {
    server.url(&format!("/v1.0/communications/calls/{CALL}/operations/{OPERATION}"))
}

fn operation_body(odata_type: &str, status: &str, client_context: &str) -> Value {
    json!({"@odata.type": odata_type, "id": OPERATION, "status": status,
           "clientContext": client_context})
}

fn cases(server: &GraphServer) -> Vec<Case> {
    let location = operation_location(server);
    let operation_reply =
        |body: Value| Reply::json(200, &body).header("Location", location.clone());
    vec![
        Case {
            page: "call-answer (service-hosted media)",
            method: Method::Post,
            wire_path: "/communications/calls/57DAB8B1894C409AB240BD8BEAE78896/answer".into(),
            path: call("57DAB8B1894C409AB240BD8BEAE78896").literal("answer"),
            body: Some(json!({
                "callbackUri": "https://bot.contoso.com/api/calls",
                "acceptedModalities": ["audio"],
                "mediaConfig": {
                    "@odata.type": "#microsoft.graph.serviceHostedMediaConfig",
                    "preFetchMedia": [
                        {"uri": "https://cdn.contoso.com/beep.wav", "resourceId": "1D6DE2D4-CD51-4309-8DAA-70768651088E"},
                        {"uri": "https://cdn.contoso.com/cool.wav", "resourceId": "1D6DE2D4-CD51-4309-8DAA-70768651088F"}
                    ]
                }
            })),
            reply: Reply::status(202),
            send: Send::Operation(None, None),
        },
        Case {
            page: "call-reject",
            method: Method::Post,
            wire_path: format!("/communications/calls/{CALL}/reject"),
            path: call(CALL).literal("reject"),
            body: Some(json!({"reason": "busy"})),
            reply: Reply::status(202),
            send: Send::Operation(None, None),
        },
        Case {
            page: "call-playprompt",
            method: Method::Post,
            wire_path: format!("/communications/calls/{CALL}/playPrompt"),
            path: call(CALL).literal("playPrompt"),
            body: Some(json!({
                "clientContext": "d45324c1-fcb5-430a-902c-f20af696537c",
                "prompts": [{
                    "@odata.type": "#microsoft.graph.mediaPrompt",
                    "mediaInfo": {
                        "@odata.type": "#microsoft.graph.mediaInfo",
                        "uri": "https://cdn.contoso.com/beep.wav",
                        "resourceId": "1D6DE2D4-CD51-4309-8DAA-70768651088E"
                    }
                }]
            })),
            reply: operation_reply(operation_body(
                "#microsoft.graph.playPromptOperation",
                "running",
                "d45324c1-fcb5-430a-902c-f20af696537c",
            )),
            send: Send::Operation(Some(OPERATION), Some(OperationStatus::Running)),
        },
        Case {
            page: "call-record",
            method: Method::Post,
            wire_path: format!("/communications/calls/{CALL}/recordResponse"),
            path: call(CALL).literal("recordResponse"),
            body: Some(json!({
                "bargeInAllowed": true,
                "clientContext": "d45324c1-fcb5-430a-902c-f20af696537c",
                "prompts": [{
                    "@odata.type": "#microsoft.graph.mediaPrompt",
                    "mediaInfo": {"uri": "https://cdn.contoso.com/beep.wav",
                                  "resourceId": "1D6DE2D4-CD51-4309-8DAA-70768651088E"}
                }],
                "maxRecordDurationInSeconds": 10,
                "initialSilenceTimeoutInSeconds": 5,
                "maxSilenceTimeoutInSeconds": 2,
                "playBeep": true,
                "stopTones": ["#", "1", "*"]
            })),
            reply: operation_reply(json!({
                "@odata.type": "#microsoft.graph.recordOperation", "id": OPERATION,
                "status": "running", "resultInfo": null, "recordingLocation": null,
                "clientContext": "d45324c1-fcb5-430a-902c-f20af696537c"
            })),
            send: Send::Operation(Some(OPERATION), Some(OperationStatus::Running)),
        },
        Case {
            page: "call-mute",
            method: Method::Post,
            wire_path: format!("/communications/calls/{CALL}/mute"),
            path: call(CALL).literal("mute"),
            body: Some(json!({"clientContext": "clientContext-value"})),
            reply: operation_reply(operation_body(
                "#microsoft.graph.muteParticipantOperation",
                "completed",
                "clientContext-value",
            )),
            send: Send::Operation(Some(OPERATION), Some(OperationStatus::Completed)),
        },
        Case {
            page: "call-unmute",
            method: Method::Post,
            wire_path: format!("/communications/calls/{CALL}/unmute"),
            path: call(CALL).literal("unmute"),
            body: Some(json!({"clientContext": "clientContext-value"})),
            reply: operation_reply(operation_body(
                "#microsoft.graph.unmuteParticipantOperation",
                "completed",
                "clientContext-value",
            )),
            send: Send::Operation(Some(OPERATION), Some(OperationStatus::Completed)),
        },
        Case {
            page: "call-subscribetotone",
            method: Method::Post,
            wire_path: format!("/communications/calls/{CALL}/subscribeToTone"),
            path: call(CALL).literal("subscribeToTone"),
            body: Some(json!({"clientContext": "fd1c7836-4d84-4e24-b6aa-23188688cc54"})),
            reply: operation_reply(operation_body(
                "#microsoft.graph.subscribeToToneOperation",
                "completed",
                "clientContext-value",
            )),
            send: Send::Operation(Some(OPERATION), Some(OperationStatus::Completed)),
        },
        Case {
            page: "call-updaterecordingstatus",
            method: Method::Post,
            wire_path: format!("/communications/calls/{CALL}/updateRecordingStatus"),
            path: call(CALL).literal("updateRecordingStatus"),
            body: Some(json!({"clientContext": "clientContext-value", "status": "recording"})),
            reply: operation_reply(operation_body(
                "#microsoft.graph.updateRecordingStatusOperation",
                "completed",
                "clientContext-value",
            )),
            send: Send::Operation(Some(OPERATION), Some(OperationStatus::Completed)),
        },
        Case {
            page: "call-senddtmftones",
            method: Method::Post,
            wire_path: format!("/communications/calls/{CALL}/microsoft.graph.sendDtmfTones"),
            path: call(CALL).literal("microsoft.graph.sendDtmfTones"),
            body: Some(json!({
                "tones": ["tone1", "tone2", "tone0", "star", "pound"],
                "delayBetweenTonesMs": 1000,
                "clientContext": "e0be71f1-a14f-4cec-b65a-e7aba5db7c53"
            })),
            reply: operation_reply(operation_body(
                "#microsoft.graph.sendDtmfTonesOperation",
                "running",
                "e0be71f1-a14f-4cec-b65a-e7aba5db7c53",
            )),
            send: Send::Operation(Some(OPERATION), Some(OperationStatus::Running)),
        },
        Case {
            page: "call-keepalive",
            method: Method::Post,
            wire_path: "/communications/calls/2e1a0b00-2db4-4022-9570-243709c565ab/keepAlive"
                .into(),
            path: call("2e1a0b00-2db4-4022-9570-243709c565ab").literal("keepAlive"),
            body: None,
            reply: Reply::status(200),
            send: Send::NoContent,
        },
        Case {
            page: "call-delete",
            method: Method::Delete,
            wire_path: format!("/communications/calls/{CALL}"),
            path: call(CALL),
            body: None,
            reply: Reply::no_content(),
            send: Send::NoContent,
        },
        Case {
            page: "call-get",
            method: Method::Get,
            wire_path: "/communications/calls/2e1a0b00-2db4-4022-9570-243709c565ab".into(),
            path: call("2e1a0b00-2db4-4022-9570-243709c565ab"),
            body: None,
            reply: Reply::json(
                200,
                &json!({
                    "@odata.type": "#microsoft.graph.call",
                    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#communications/calls/$entity",
                    "state": "established",
                    "direction": "outgoing",
                    "callbackUri": "https://bot.contoso.com/callback",
                    "requestedModalities": ["audio"],
                    "myParticipantId": "499ff390-7a72-40e8-83a0-8fac6295ae7e",
                    "id": "2e1a0b00-2db4-4022-9570-243709c565ab",
                    "subject": null
                }),
            ),
            send: Send::Json,
        },
    ]
}

#[tokio::test]
async fn calls_actions_send_their_page_examples() {
    let server = GraphServer::start().await;
    let client = server.client();
    for case in cases(&server) {
        let wire_path = format!("/v1.0{}", case.wire_path);
        let mut route = Route::new(case.method, &wire_path).reply(case.reply.clone());
        if let Some(body) = &case.body {
            route = route.expect_json(body.clone());
        }
        server.route(route);
        let mut request = Request::new(case.method, ApiVersion::V1, case.path);
        if let Some(body) = &case.body {
            request = request.json(body).unwrap();
        }
        let page = case.page;
        match case.send {
            Send::Json => {
                let got: Value =
                    client.send_json(request).await.unwrap_or_else(|e| panic!("{page}: {e}"));
                assert_eq!(got["id"], "2e1a0b00-2db4-4022-9570-243709c565ab", "{page}");
                assert_eq!(got["state"], "established", "{page}");
            }
            Send::NoContent => {
                client.send_no_content(request).await.unwrap_or_else(|e| panic!("{page}: {e}"));
            }
            Send::Operation(id, status) => {
                let operation = client
                    .send_operation::<Value>(request)
                    .await
                    .unwrap_or_else(|e| panic!("{page}: {e}"));
                assert_eq!(operation.id(), id, "{page}");
                assert_eq!(operation.initial_status(), status.as_ref(), "{page}");
                assert_eq!(operation.location().is_some(), id.is_some(), "{page}");
                if let Some(body) = operation.body() {
                    assert_eq!(body["id"], OPERATION, "{page}");
                    assert_eq!(
                        operation.client_context(),
                        body["clientContext"].as_str(),
                        "{page}"
                    );
                }
            }
        }
        let sent = server.requests_to(case.method, &wire_path);
        assert_eq!(sent.len(), 1, "{page}: sent once");
        assert_eq!(sent[0].body.is_empty(), case.body.is_none(), "{page}");
    }
    server.verify();
}

#[tokio::test]
async fn participants_are_a_collection_with_paging() {
    let server = GraphServer::start().await;
    let path = "/v1.0/communications/calls/7531d31f-d10d-44de-802f-c569dbca451c/participants";
    let participant = |id: &str| {
        json!({"@odata.type": "#microsoft.graph.participant", "id": id, "isMuted": false,
               "isInLobby": false, "mediaStreams": [{"mediaType": "audio", "direction": "sendReceive"}]})
    };
    let next = server.url(&format!("{path}?$skiptoken=page2"));
    server.route(
        Route::new(Method::Get, path)
            .reply(Reply::json(200, &json!({
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#communications/calls('7531d31f')/participants",
                "@odata.count": 3,
                "@odata.nextLink": next,
                "value": [participant("a7ebfb2d-871e-419c-87af-27290b22e8db"), participant("b")]
            })))
            .reply(Reply::json(200, &json!({"value": [participant("c")]}))),
    );
    let client = server.client();
    let request = Request::new(
        Method::Get,
        ApiVersion::V1,
        call("7531d31f-d10d-44de-802f-c569dbca451c").literal("participants"),
    )
    .query("$count", "true");
    let first: Collection<Value> = client.send_json(request).await.unwrap();
    assert_eq!(first.value.len(), 2);
    assert_eq!(first.count, Some(3));
    assert_eq!(first.value[0]["id"], "a7ebfb2d-871e-419c-87af-27290b22e8db");
    let second = client.next_page(&first).await.unwrap().expect("a second page");
    assert_eq!(second.value[0]["id"], "c");
    assert!(client.next_page(&second).await.unwrap().is_none());
    let sent = server.requests();
    assert_eq!(sent[0].query.as_deref(), Some("$count=true"));
    assert_eq!(sent[1].query.as_deref(), Some("$skiptoken=page2"));
    server.verify();
}

/// Caller headers and query parameters reach Graph encoded; a caller's
/// client-request-id is kept (once); a caller's Authorization is replaced by the token
/// provider's.
#[tokio::test]
async fn caller_headers_and_query_reach_graph() {
    let server = GraphServer::start().await;
    let id = "11111111-2222-4333-8444-555555555555";
    server.route(
        Route::new(Method::Get, "/v1.0/communications/calls/c1/participants")
            .expect_header("ConsistencyLevel", "eventual")
            .expect_header("client-request-id", id)
            .reply(Reply::json(200, &json!({"value": []}))),
    );
    let request = Request::new(Method::Get, ApiVersion::V1, call("c1").literal("participants"))
        .query("$filter", "displayName eq 'a b'")
        .query("$top", "5")
        .header("ConsistencyLevel", "eventual")
        .header("client-request-id", id)
        .header("Authorization", "Bearer not-the-provider-token");
    let page: Collection<Value> = server.client().send_json(request).await.unwrap();
    assert!(page.value.is_empty());
    let sent = &server.requests()[0];
    assert_eq!(sent.query.as_deref(), Some("$filter=displayName%20eq%20%27a%20b%27&$top=5"));
    let ids = sent.headers.iter().filter(|(name, _)| name == "client-request-id").count();
    assert_eq!(ids, 1);
    let authorizations = sent.headers.iter().filter(|(name, _)| name == "authorization").count();
    assert_eq!(authorizations, 1);
    server.verify(); // which checked Authorization is the test token
}
