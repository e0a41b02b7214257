//! The two seed pages end to end: each request is built the way CONTRACT.md says
//! generated code builds it, with the page's own request example as the body; the
//! server checks it against the page and answers with the page's response example.

use graphgen_runtime::serde::{Deserialize, Serialize};
use graphgen_runtime::serde_json::{self, Value, json};
use graphgen_runtime::testing::{GraphServer, Reply, Route};
use graphgen_runtime::{
    ApiVersion, CommsNotifications, Method, OperationStatus, Path, Request, Result,
};

use crate::doc_page::{seed_examples, seed_json_after};
use crate::on_server;

/// What the emitter generates for stopTranscription's request body.
#[derive(Serialize)]
#[serde(crate = "graphgen_runtime::serde", rename_all = "camelCase")]
struct StopTranscriptionBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
}

/// What the emitter generates for stopTranscriptionOperation.
#[derive(Debug, Deserialize)]
#[serde(crate = "graphgen_runtime::serde", rename_all = "camelCase")]
struct StopTranscriptionOperation {
    #[serde(rename = "@odata.type")]
    odata_type: Option<String>,
    client_context: Option<String>,
    status: Option<String>,
}

/// cancelMediaProcessing's request body.
#[derive(Serialize)]
#[serde(crate = "graphgen_runtime::serde", rename_all = "camelCase")]
struct CancelMediaProcessingBody {
    all: Option<bool>,
    client_context: Option<String>,
}

/// commsOperation.
#[derive(Debug, Deserialize)]
#[serde(crate = "graphgen_runtime::serde", rename_all = "camelCase")]
struct CommsOperation {
    id: Option<String>,
    status: Option<String>,
    client_context: Option<String>,
}

#[tokio::test]
async fn stop_transcription_returns_202_location_and_operation() -> Result<()> {
    let (request_example, response_example) = seed_examples("call-stoptranscription");
    assert_eq!(request_example.first, "POST");
    assert_eq!(response_example.status(), 202);
    let server = GraphServer::start().await;
    let location = on_server(&server, response_example.header("Location").unwrap());
    server.route(
        Route::new(Method::Post, request_example.path())
            .expect_json(request_example.body.clone().unwrap())
            .reply(Reply::accepted(location.clone(), response_example.body.as_ref())),
    );

    let client = server.client();
    let request = Request::new(
        Method::Post,
        ApiVersion::Beta,
        Path::new()
            .literal("communications")
            .literal("calls")
            .param("02000980-58ea-4bf2-bb77-8ba548da56f7")
            .literal("microsoft.graph.StopTranscription"),
    )
    .json(&StopTranscriptionBody { language: Some("en-us".into()) })?;
    let operation = client.send_operation::<StopTranscriptionOperation>(request).await?;

    assert_eq!(operation.id(), Some("2d7ab59c-f8bd-4911-8302-6d58ab60e338"));
    assert_eq!(operation.location().map(|l| l.as_str()), Some(location.as_str()));
    assert_eq!(operation.client_context(), Some("clientContext-value"));
    let body = operation.body().expect("the 202 body");
    assert_eq!(body.odata_type.as_deref(), Some("#microsoft.graph.stopTranscriptionOperation"));
    assert_eq!(body.client_context.as_deref(), Some("clientContext-value"));
    assert_eq!(body.status.as_deref(), Some("completed"));
    assert_eq!(operation.initial_status(), Some(&OperationStatus::Completed));

    // The body already says completed: wait() returns it without polling.
    let done = operation.wait().await?;
    assert_eq!(done.status, Some(OperationStatus::Completed));
    assert_eq!(server.requests().len(), 1);

    let sent = &server.requests()[0];
    assert_eq!(sent.header("content-type"), Some("application/json"));
    assert_eq!(sent.header("accept"), Some("application/json"));
    assert!(sent.header("user-agent").is_some_and(|ua| ua.starts_with("graphgen-runtime/")));
    assert_eq!(sent.header("client-request-id").map(str::len), Some(36));
    assert_eq!(sent.header("retry-attempt"), None);
    server.verify();
    Ok(())
}

#[tokio::test]
async fn cancel_media_processing_returns_200_location_then_polls_to_completion() -> Result<()> {
    let (request_example, response_example) = seed_examples("call-cancelmediaprocessing");
    assert_eq!(response_example.status(), 200);
    let call_id = "57dab8b1-894c-409a-b240-bd8beae78896";
    // The page's request URL keeps the {id} placeholder; its response names the call.
    let request_path = request_example.path().replace("{id}", call_id);

    let server = GraphServer::start().await;
    let location = on_server(&server, response_example.header("Location").unwrap());
    let operation_path = location.strip_prefix(&server.url("")).unwrap().to_owned();
    let initial = response_example.body.clone().unwrap();
    server.route(
        Route::new(Method::Post, &request_path)
            .expect_json(request_example.body.clone().unwrap())
            .reply(Reply::json(200, &initial).header("Location", location.clone())),
    );
    let running = json!({"@odata.type": "#microsoft.graph.commsOperation",
        "id": "17e3b46c-f61d-4f4d-9635-c626ef18e6ad", "status": "running",
        "clientContext": "d45324c1-fcb5-430a-902c-f20af696537c"});
    let mut completed = running.clone();
    completed["status"] = json!("completed");
    server.route(
        Route::new(Method::Get, &operation_path)
            .reply(Reply::json(200, &running))
            .reply(Reply::json(200, &running))
            .reply(Reply::json(200, &completed)),
    );

    let client = server.client();
    let request = Request::new(
        Method::Post,
        ApiVersion::Beta,
        Path::new()
            .literal("communications")
            .literal("calls")
            .param(call_id)
            .literal("cancelMediaProcessing"),
    )
    .json(&CancelMediaProcessingBody {
        all: Some(true),
        client_context: Some("clientContext-value".into()),
    })?;
    let operation = client.send_operation::<CommsOperation>(request).await?;
    assert_eq!(operation.id(), Some("17e3b46c-f61d-4f4d-9635-c626ef18e6ad"));
    assert_eq!(operation.client_context(), Some("d45324c1-fcb5-430a-902c-f20af696537c"));
    assert_eq!(operation.initial_status(), Some(&OperationStatus::Running));
    let body = operation.body().unwrap();
    assert_eq!(body.id.as_deref(), operation.id());
    assert_eq!(body.status.as_deref(), Some("running"));
    assert_eq!(body.client_context.as_deref(), operation.client_context());

    assert_eq!(operation.status().await?.status, Some(OperationStatus::Running));
    let done = operation.wait().await?;
    assert_eq!(done.status, Some(OperationStatus::Completed));
    let polls = server.requests_to(Method::Get, &operation_path);
    assert_eq!(polls.len(), 3, "one status() and two polls");
    for poll in &polls {
        assert_eq!(poll.header("accept"), Some("application/json"));
        assert!(poll.body.is_empty());
    }
    server.verify();

    // The page's completion notification names the operation by clientContext (its
    // resourceUrl carries another operation id, and the call id without hyphens).
    let payload =
        seed_json_after("call-cancelmediaprocessing", "microsoft.graph.commsNotifications");
    let notifications = CommsNotifications::from_slice(&serde_json::to_vec(&payload).unwrap())?;
    let completion = notifications.completion_of(&operation).expect("the page's notification");
    assert_eq!(completion.status(), Some(OperationStatus::Completed));
    assert_eq!(completion.resource_odata_type(), Some("#microsoft.graph.commsOperation"));
    Ok(())
}

#[tokio::test]
async fn notifications_match_operations_by_id_in_either_guid_form() -> Result<()> {
    let server = GraphServer::start().await;
    let call = "/v1.0/communications/calls/57dab8b1-894c-409a-b240-bd8beae78896";
    let location = server.url(&format!("{call}/operations/17e3b46c-f61d-4f4d-9635-c626ef18e6ad"));
    server.route(
        Route::new(Method::Post, &format!("{call}/playPrompt"))
            .reply(Reply::accepted(location, None)),
    );
    let request = Request::new(
        Method::Post,
        ApiVersion::V1,
        Path::new()
            .literal("communications")
            .literal("calls")
            .param("57dab8b1-894c-409a-b240-bd8beae78896")
            .literal("playPrompt"),
    )
    .json(&json!({"prompts": []}))?;
    let operation = server.client().send_operation::<Value>(request).await?;
    assert_eq!(operation.client_context(), None);
    assert!(operation.body().is_none());

    let payload = json!({
        "@odata.type": "#microsoft.graph.commsNotifications",
        "value": [
            {"changeType": "updated", "resourceUrl": "/communications/calls/57DAB8B1894C409AB240BD8BEAE78896",
             "resourceData": {"@odata.type": "#microsoft.graph.call", "state": "established"}},
            {"changeType": "updated",
             "resourceUrl": "/communications/calls/57DAB8B1894C409AB240BD8BEAE78896/operations/17E3B46CF61D4F4D9635C626EF18E6AD",
             "resourceData": {"@odata.type": "#microsoft.graph.playPromptOperation", "status": "running"}},
            {"changeType": "deleted",
             "resourceUrl": "/communications/calls/57DAB8B1894C409AB240BD8BEAE78896/operations/0FE0623FD62842EDB4BD8AC290072CC5",
             "resourceData": {"@odata.type": "#microsoft.graph.playPromptOperation", "status": "completed"}},
            {"changeType": "deleted",
             "resourceUrl": "/communications/calls/57DAB8B1894C409AB240BD8BEAE78896/operations/17E3B46CF61D4F4D9635C626EF18E6AD",
             "resourceData": {"@odata.type": "#microsoft.graph.playPromptOperation", "status": "failed",
                              "resultInfo": {"code": 400, "subcode": 8508, "message": "bad prompt"}}}
        ]
    });
    let notifications = CommsNotifications::from_slice(payload.to_string().as_bytes())?;
    let [call, running, other, failed] = &notifications.value[..] else {
        panic!("four notifications")
    };
    assert_eq!(call.resource_field("state"), Some(&json!("established")));
    assert!(!call.is_for(&operation));
    assert!(running.is_for(&operation) && !running.completes(&operation), "running is not an end");
    assert!(!other.is_for(&operation), "another operation of the same call");
    assert!(failed.completes(&operation));
    assert_eq!(notifications.completion_of(&operation), Some(failed));
    assert_eq!(failed.status(), Some(OperationStatus::Failed));
    assert!(CommsNotifications::from_slice(b"<html>").is_err());
    server.verify();
    Ok(())
}
