//! Actions declared with `graphgen_macros::action!` in this (downstream) crate run on
//! the runtime exactly like generated ones: against the loopback server, each sends
//! the method, path and body it declares and decodes the declared response.

use graphgen_runtime::Method;
use graphgen_runtime::serde_json::json;
use graphgen_runtime::testing::{GraphServer, Reply, Route};

const CALL: &str = "02000980-58ea-4bf2-bb77-8ba548da56f7";

graphgen_macros::action! {
    /// Start the transcription of a call.
    #[beta]
    POST "/communications/calls/{id}/startTranscription" => start_transcription {
        path {
            /// The call's id.
            id
        }
        permissions {
            delegated_work: not_supported,
            delegated_personal: not_supported,
            application: "Calls.AccessMedia.All",
        }
        body {
            /// The language of the transcription (`en-us`).
            language: String,
            /// Echoed in the notifications about the operation.
            clientContext?: String,
        }
        returns 202 startTranscriptionOperation;
    }

    /// List the participants of a call.
    GET "/communications/calls/{id}/participants" => calls {
        path { id }
        returns 200 collection(participant);
    }
    /// Hang up.
    DELETE "/communications/calls/{id}" => calls {
        path { id }
        returns 204;
    }
    /// A private tenant endpoint: a function segment and a binary response.
    GET "/reports/getCallSummary(period='{period}')" => calls {
        path { period }
        returns 200 Stream;
    }
    /// The participants who joined in a time window (declared query parameters and
    /// headers: those with plain names are arguments, or methods of the call where
    /// optional; the others are named in the docs).
    GET "/communications/calls/{id}/participantsJoined" => window {
        path { id }
        query {
            /// Start of the window (ISO 8601).
            startDateTime: DateTimeOffset,
            /// End of the window.
            endDateTime: DateTimeOffset,
            /// Only the muted ones.
            muted: Boolean,
            /// Only those still in the call (optional: a method of the call).
            present?: Boolean,
            /// At most this many.
            "$top"?: Int32,
        }
        headers {
            /// `outlook.timezone="..."`: the time zone of the times returned.
            Prefer?,
        }
        returns 200 collection(participant);
    }
    /// Whether the call is being recorded: one primitive, which OData sends as
    /// `{"value": true}`.
    GET "/communications/calls/{id}/isRecording" => calls {
        path { id }
        returns 200 Boolean;
    }
    /// A recording's content: answered by a redirect to a pre-authenticated download
    /// URL (the reports' and drive items' way), so the call returns the bytes.
    GET "/communications/calls/{id}/recording/content" => calls {
        path { id }
        returns 302;
    }
    /// Add a participant: `201 Created` with the new participant's URL in `Location`
    /// (and the participant as the body); nothing to poll.
    POST "/communications/calls/{id}/participants" => calls {
        path { id }
        body participant;
        returns 201 participant + Location;
    }
    /// Another one: a resource body, a long-running operation followed through
    /// `Location`.
    #[beta]
    PATCH "/contoso/calls/{id}" => calls {
        path { id }
        body call;
        returns 202 + Location(commsOperation);
    }
}

graphgen_macros::action! {
    /// settings: update (an update with a parameter table: its request struct names
    /// its members for `set_null`).
    PATCH "/contoso/settings/{id}" => settings {
        path { id }
        body {
            /// A label.
            label?: String,
            /// A limit.
            limit?: Int32,
        }
        returns 204;
    }
}

// The doc-page form: the seed page, distilled at expansion time.
graphgen_macros::action!(doc = "../../shared/seeds/call-stoptranscription.md" => stop_transcription);

#[tokio::test(flavor = "current_thread")]
async fn a_declared_action_returns_an_operation_handle() {
    let server = GraphServer::start().await;
    let path = format!("/beta/communications/calls/{CALL}/startTranscription");
    let location = server.url(&format!("/beta/communications/calls/{CALL}/operations/7"));
    let body = json!({
        "@odata.type": "#microsoft.graph.startTranscriptionOperation",
        "clientContext": "ctx",
        "status": "running"
    });
    server.route(
        Route::new(Method::Post, &path)
            .expect_json(json!({"language": "en-us", "clientContext": "ctx"}))
            .reply(Reply::accepted(location, Some(&body))),
    );
    use start_transcription::beta::{Graph, requests::CallStartTranscriptionRequest, types};
    let request = CallStartTranscriptionRequest {
        client_context: Some("ctx".into()),
        ..CallStartTranscriptionRequest::new("en-us".into())
    };
    let operation: graphgen_runtime::Operation<types::StartTranscriptionOperation> =
        Graph::new(server.client())
            .communications()
            .call(CALL)
            .start_transcription(&request)
            .await
            .unwrap();
    let initial = operation.body().expect("the 202 carries the operation");
    assert_eq!(initial.client_context.as_deref(), Some("ctx"));
    assert_eq!(initial.status.as_deref(), Some("running"));
    assert!(operation.location().is_some());
    server.verify();
}

/// `returns 200 Boolean;` reads the value out of OData's `{"value": ...}` wrapper.
#[tokio::test(flavor = "current_thread")]
async fn a_declared_primitive_is_unwrapped() {
    let server = GraphServer::start().await;
    let body = json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean", "value": true});
    server.route(
        Route::new(Method::Get, &format!("/v1.0/communications/calls/{CALL}/isRecording"))
            .reply(Reply::json(200, &body)),
    );
    use calls::v1::Graph;
    let recording: bool =
        Graph::new(server.client()).communications().call(CALL).is_recording().get().await.unwrap();
    assert!(recording);
    server.verify();
}

/// `returns 302;` declares a download: the function returns the bytes of where the
/// redirect leads, fetched without the token on another origin.
#[tokio::test(flavor = "current_thread")]
async fn a_declared_redirect_returns_the_content() {
    let graph = GraphServer::start().await;
    let storage = GraphServer::start().await;
    storage.route(
        Route::new(Method::Get, "/download/rec.mp4")
            .expect_no_authorization()
            .reply(Reply::status(200).body("video/mp4", vec![0, 0, 0, 0x18])),
    );
    graph.route(
        Route::new(Method::Get, &format!("/v1.0/communications/calls/{CALL}/recording/content"))
            .reply(Reply::redirect(302, storage.url("/download/rec.mp4"))),
    );
    use calls::v1::Graph;
    let content: Vec<u8> = Graph::new(graph.client())
        .communications()
        .call(CALL)
        .recording()
        .content()
        .get()
        .await
        .unwrap();
    assert_eq!(content, [0, 0, 0, 0x18]);
    graph.verify();
    storage.verify();
}

/// `returns 201 T + Location;` declares a create: the function returns the new
/// resource's URL and its body, not an operation handle.
#[tokio::test(flavor = "current_thread")]
async fn a_declared_create_returns_the_location_and_the_body() {
    let server = GraphServer::start().await;
    let path = format!("/v1.0/communications/calls/{CALL}/participants");
    let participant = json!({"id": "p3", "isMuted": false});
    server.route(
        Route::new(Method::Post, &path)
            .expect_json(json!({"isMuted": false}))
            .reply(Reply::json(201, &participant).header("Location", "participants/p3")),
    );
    use calls::v1::{Graph, types};
    let body = types::Participant { is_muted: Some(false), ..Default::default() };
    let created: graphgen_runtime::Created<types::Participant> = Graph::new(server.client())
        .communications()
        .call(CALL)
        .participants()
        .create(&body)
        .await
        .unwrap();
    assert_eq!(created.body.and_then(|p| p.id).as_deref(), Some("p3"));
    assert_eq!(created.location.map(|u| u.path().to_owned()), Some(format!("{path}/p3")));
    server.verify();
}

#[tokio::test(flavor = "current_thread")]
async fn actions_declared_in_one_module_share_its_graph() {
    let server = GraphServer::start().await;
    let call_path = format!("/v1.0/communications/calls/{CALL}");
    server.route(
        Route::new(Method::Get, &format!("{call_path}/participants")).reply(Reply::json(
            200,
            &json!({"value": [{"id": "p1", "isMuted": true}, {"id": "p2"}]}),
        )),
    );
    server.route(Route::new(Method::Delete, &call_path).reply(Reply::no_content()));
    server.route(
        Route::new(Method::Get, "/v1.0/reports/getCallSummary(period='D7')")
            .reply(Reply::status(200).body("text/csv", b"a,b\n1,2\n".to_vec())),
    );
    let graph = calls::v1::Graph::new(server.client());
    let call = graph.communications().call(CALL);
    let participants = call.participants().list().await.unwrap();
    let ids: Vec<_> = participants.value.iter().map(|p| p.id.clone().unwrap()).collect();
    assert_eq!(ids, ["p1", "p2"]);
    assert_eq!(participants.value[0].is_muted, Some(true));
    call.delete().await.unwrap();
    let csv = graph.reports().get_call_summary("D7").await.unwrap();
    assert_eq!(csv, b"a,b\n1,2\n");
    server.verify();
}

/// The declared `PATCH /contoso/calls/{id}` of call `CALL`, expecting `body` and
/// answering `202` with a `Location`.
fn route_call_update(server: &GraphServer, body: graphgen_runtime::serde_json::Value) {
    let location = server.url("/beta/communications/operations/9");
    server.route(
        Route::new(Method::Patch, &format!("/beta/contoso/calls/{CALL}"))
            .expect_json(body)
            .reply(Reply::accepted(location, None)),
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_resource_body_and_a_location_operation() {
    let server = GraphServer::start().await;
    route_call_update(&server, json!({"subject": "Weekly sync"}));
    let call =
        calls::beta::types::Call { subject: Some("Weekly sync".into()), ..Default::default() };
    let operation =
        calls::beta::Graph::new(server.client()).contoso().call(CALL).update(&call).await.unwrap();
    assert!(operation.body().is_none());
    assert!(operation.location().is_some());
    server.verify();
}

/// The body of an update names its members (`Call::SUBJECT`): `set_null` sends `null`
/// for one, whether or not its field is set; the request struct of an update with a
/// parameter table has the same.
#[tokio::test(flavor = "current_thread")]
async fn an_update_sends_null_for_a_member_set_null() {
    use calls::beta::types::Call;
    let server = GraphServer::start().await;
    route_call_update(&server, json!({"subject": null, "callbackUri": null, "tenantId": "t1"}));
    let mut call = Call {
        subject: Some("Weekly sync".into()),
        tenant_id: Some("t1".into()),
        ..Default::default()
    };
    call.set_null(Call::SUBJECT).set_null(Call::CALLBACK_URI);
    assert_eq!(Call::CALLBACK_URI.name(), "callbackUri");
    calls::beta::Graph::new(server.client()).contoso().call(CALL).update(&call).await.unwrap();

    use settings::v1::requests::SettingUpdateRequest;
    let path = "/v1.0/contoso/settings/s1";
    server.route(Route::new(Method::Patch, path).expect_json(json!({"limit": 3, "label": null})));
    let mut request = SettingUpdateRequest { limit: Some(3), ..Default::default() };
    request.set_null(SettingUpdateRequest::LABEL);
    settings::v1::Graph::new(server.client())
        .contoso()
        .setting("s1")
        .update(&request)
        .await
        .unwrap();
    server.verify();
}

#[tokio::test(flavor = "current_thread")]
async fn an_action_read_from_a_doc_page() {
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
    // Interoperates with the generated crate: the same `graphgen_runtime::Client`.
    let generated = msgraph_typed::beta::Graph::new(server.client());
    let request = stop_transcription::beta::requests::CallStopTranscriptionRequest {
        language: Some("en-us".into()),
        ..Default::default()
    };
    let operation = stop_transcription::beta::Graph::new(generated.client().clone())
        .communications()
        .call(CALL)
        .stop_transcription(&request)
        .await
        .unwrap();
    assert_eq!(operation.body().unwrap().client_context.as_deref(), Some("clientContext-value"));
    server.verify();
}

#[tokio::test(flavor = "current_thread")]
async fn declared_query_parameters_are_arguments_and_options_follow_them() {
    let server = GraphServer::start().await;
    let path = format!("/v1.0/communications/calls/{CALL}/participantsJoined");
    server.route(
        Route::new(Method::Get, &path)
            .expect_header("prefer", "outlook.timezone=\"UTC\"")
            .reply(Reply::json(200, &json!({"value": [{"id": "p1", "isMuted": true}]}))),
    );
    let options =
        graphgen_runtime::RequestOptions::new().top(5).header("Prefer", "outlook.timezone=\"UTC\"");
    let joined = window::v1::Graph::new(server.client())
        .communications()
        .call(CALL)
        .with_options(options)
        .participants_joined()
        .list("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", true)
        .present(false)
        .await
        .unwrap();
    assert_eq!(joined.value[0].id.as_deref(), Some("p1"));
    let sent = server.requests_to(Method::Get, &path);
    assert_eq!(
        sent[0].query.as_deref(),
        Some(
            "startDateTime=2026-11-01T00%3A00%3A00Z&endDateTime=2026-11-02T00%3A00%3A00Z&muted=true&present=false&$top=5"
        )
    );
    server.verify();
}
