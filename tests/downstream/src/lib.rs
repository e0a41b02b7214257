//! A downstream crate using graphgen from its build.rs: the beta `call-*` actions,
//! generated into `OUT_DIR` and included here.

/// The generated client (`beta` only: the build script selects `beta/api/call-*`).
pub mod graph {
    include!(concat!(env!("OUT_DIR"), "/graph/mod.rs"));
}

/// The emitter's naming edge-case fixture (`codegen/tests/fixtures/naming`), compiled.
pub mod naming {
    include!(concat!(env!("OUT_DIR"), "/naming/mod.rs"));
}

/// Where the build script wrote the generated files.
pub const GENERATED_DIR: &str = concat!(env!("OUT_DIR"), "/graph");

use graph::beta::Graph;
use graph::beta::requests::CallStopTranscriptionRequest;

/// Stop the transcription of a call: the generated client in use.
pub async fn stop_transcription(
    client: graphgen_runtime::Client,
    call_id: &str,
) -> graphgen_runtime::Result<()> {
    let body =
        CallStopTranscriptionRequest { language: Some("en-us".into()), ..Default::default() };
    let operation =
        Graph::new(client).communications().call(call_id).stop_transcription(&body).await?;
    drop(operation);
    Ok(())
}
