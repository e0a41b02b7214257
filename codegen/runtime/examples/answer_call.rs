//! A Teams calling bot answers an incoming call, plays a prompt, learns that the prompt
//! finished, and hangs up: against a local server that plays Graph, started here.
//!
//!     cargo run -p graphgen-runtime --example answer_call
//!
//! Against the real service, replace the test server's client with
//! `Client::builder().cloud(Cloud::Global).token_provider(...)`, and feed the bot the
//! webhook bodies Graph POSTs to its callback URL. The request and response types here
//! are written by hand; generated code provides them for every action.

use std::time::Duration;

use graphgen_runtime::serde::{Deserialize, Serialize};
use graphgen_runtime::serde_json::{Value, json};
use graphgen_runtime::testing::{GraphServer, Reply, Route};
use graphgen_runtime::{
    ApiVersion, ChangeType, Client, CommsNotifications, Method, Operation, Path, Request, Result,
};

const CALLBACK: &str = "https://bot.contoso.com/api/calls";

#[derive(Serialize)]
#[serde(crate = "graphgen_runtime::serde", rename_all = "camelCase")]
struct AnswerBody {
    callback_uri: String,
    accepted_modalities: Vec<String>,
    media_config: Value,
}

#[derive(Serialize)]
#[serde(crate = "graphgen_runtime::serde", rename_all = "camelCase")]
struct PlayPromptBody {
    client_context: String,
    prompts: Vec<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(crate = "graphgen_runtime::serde", rename_all = "camelCase")]
struct PlayPromptOperation {
    id: Option<String>,
    status: Option<String>,
}

fn call(id: &str) -> Path {
    Path::new().literal("communications").literal("calls").param(id)
}

/// The bot: what it does with each webhook payload.
struct Bot {
    client: Client,
    call_id: Option<String>,
    prompt: Option<Operation<PlayPromptOperation>>,
}

impl Bot {
    async fn on_webhook(&mut self, body: &[u8]) -> Result<bool> {
        let notifications = CommsNotifications::from_slice(body)?;
        for notification in &notifications.value {
            let is_call = notification.resource_odata_type() == Some("#microsoft.graph.call");
            let state = notification.resource_field("state").and_then(Value::as_str);
            if is_call
                && notification.change_type == ChangeType::Created
                && state == Some("incoming")
            {
                let call_id = notification.id().unwrap_or_default().to_owned();
                println!("bot: incoming call {call_id}; answering");
                self.answer(&call_id).await?;
                println!("bot: playing the welcome prompt");
                let prompt = self.play_prompt(&call_id).await?;
                println!(
                    "bot: prompt operation {} is {}",
                    prompt.body().and_then(|b| b.id.as_deref()).unwrap_or("?"),
                    prompt.body().and_then(|b| b.status.as_deref()).unwrap_or("?")
                );
                self.prompt = Some(prompt);
                self.call_id = Some(call_id);
            } else if self.prompt.as_ref().is_some_and(|prompt| notification.completes(prompt)) {
                println!(
                    "bot: the prompt finished ({})",
                    notification.status().map_or("?".into(), |s| s.to_string())
                );
                let call_id = self.call_id.as_deref().unwrap_or_default();
                self.client
                    .send_no_content(Request::new(Method::Delete, ApiVersion::V1, call(call_id)))
                    .await?;
                println!("bot: hung up");
                return Ok(true);
            }
        }
        Ok(false)
    }

    async fn answer(&self, call_id: &str) -> Result<()> {
        let body = AnswerBody {
            callback_uri: CALLBACK.into(),
            accepted_modalities: vec!["audio".into()],
            media_config: json!({"@odata.type": "#microsoft.graph.serviceHostedMediaConfig"}),
        };
        let request = Request::new(Method::Post, ApiVersion::V1, call(call_id).literal("answer"))
            .json(&body)?;
        // answer is 202 Accepted without a Location: nothing to poll.
        self.client.send_operation::<Value>(request).await.map(drop)
    }

    async fn play_prompt(&self, call_id: &str) -> Result<Operation<PlayPromptOperation>> {
        let body = PlayPromptBody {
            client_context: "welcome-prompt-1".into(),
            prompts: vec![json!({
                "@odata.type": "#microsoft.graph.mediaPrompt",
                "mediaInfo": {"@odata.type": "#microsoft.graph.mediaInfo",
                              "uri": "https://cdn.contoso.com/welcome.wav",
                              "resourceId": "1D6DE2D4-CD51-4309-8DAA-70768651088E"}
            })],
        };
        let request =
            Request::new(Method::Post, ApiVersion::V1, call(call_id).literal("playPrompt"))
                .json(&body)?;
        self.client.send_operation(request).await
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    // Graph, played locally.
    let graph = GraphServer::start().await;
    let call_id = "57dab8b1-894c-409a-b240-bd8beae78896";
    let operation_id = "0fe0623f-d628-42ed-b4bd-8ac290072cc5";
    let call_path = format!("/v1.0/communications/calls/{call_id}");
    let operation_path = format!("{call_path}/operations/{operation_id}");
    graph.route(
        Route::new(Method::Post, &format!("{call_path}/answer"))
            .expect_json(json!({"callbackUri": CALLBACK, "acceptedModalities": ["audio"],
                "mediaConfig": {"@odata.type": "#microsoft.graph.serviceHostedMediaConfig"}}))
            .reply(Reply::status(202)),
    );
    graph.route(
        Route::new(Method::Post, &format!("{call_path}/playPrompt")).reply(
            Reply::json(
                200,
                &json!({"@odata.type": "#microsoft.graph.playPromptOperation",
                "id": operation_id, "status": "running", "clientContext": "welcome-prompt-1"}),
            )
            .header("Location", graph.url(&operation_path)),
        ),
    );
    graph.route(
        Route::new(Method::Get, &operation_path)
            .reply(Reply::json(200, &json!({"id": operation_id, "status": "completed"})))
            .optional(),
    );
    graph.route(Route::new(Method::Delete, &call_path).reply(Reply::no_content()));

    let client = graph.client_builder().user_agent("contoso-bot/1.0").build()?;
    let mut bot = Bot { client, call_id: None, prompt: None };

    // Graph notifies the bot of the incoming call...
    let incoming = json!({"@odata.type": "#microsoft.graph.commsNotifications", "value": [{
        "changeType": "created",
        "resourceUrl": format!("/communications/calls/{call_id}"),
        "resourceData": {"@odata.type": "#microsoft.graph.call", "id": call_id,
                         "state": "incoming", "direction": "incoming"}}]});
    bot.on_webhook(incoming.to_string().as_bytes()).await?;

    // ...the bot could poll the prompt (bounded)...
    if let Some(prompt) = &bot.prompt {
        let policy = graphgen_runtime::PollPolicy::default()
            .initial_interval(Duration::from_millis(50))
            .max_wait(Duration::from_secs(5));
        let done = prompt.wait_with(&policy).await?;
        println!("bot: polled the prompt: {}", done.status.map_or("?".into(), |s| s.to_string()));
    }

    // ...but Graph also tells it, naming the call and operation GUIDs without hyphens.
    let completed = json!({"@odata.type": "#microsoft.graph.commsNotifications", "value": [{
        "changeType": "deleted",
        "resourceUrl": "/communications/calls/57DAB8B1894C409AB240BD8BEAE78896/operations/0FE0623FD62842EDB4BD8AC290072CC5",
        "resourceData": {"@odata.type": "#microsoft.graph.playPromptOperation",
                         "clientContext": "welcome-prompt-1", "status": "completed"}}]});
    let hung_up = bot.on_webhook(completed.to_string().as_bytes()).await?;
    assert!(hung_up);

    graph.verify();
    println!("graph: {} requests, all as expected", graph.requests().len());
    Ok(())
}
