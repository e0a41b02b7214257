//! The downstream crate calls what its build script generated.

use graphgen_runtime::Method;
use graphgen_runtime::serde_json::json;
use graphgen_runtime::testing::{GraphServer, Reply, Route};

#[tokio::test(flavor = "current_thread")]
async fn calls_the_generated_client() {
    let server = GraphServer::start().await;
    let location = server.url("/beta/communications/calls/c1/operations/o1");
    server.route(
        Route::new(Method::Post, "/beta/communications/calls/c1/microsoft.graph.StopTranscription")
            .expect_json(json!({"language": "en-us"}))
            .reply(Reply::accepted(location, None)),
    );
    graphgen_downstream::stop_transcription(server.client(), "c1").await.unwrap();
    server.verify();
}
