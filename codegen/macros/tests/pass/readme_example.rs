// The README's examples compile: both forms, called like generated code.

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
}

graphgen_macros::action! {
    /// The participants who joined in a time window.
    GET "/communications/calls/{id}/participantsJoined" => window {
        path { id }
        query {
            /// Start of the window (ISO 8601).
            startDateTime: DateTimeOffset,      // default type: String
            endDateTime: DateTimeOffset,
            /// Only those still in the call.
            present?: Boolean,                  // optional: `.present(true)` on the call
            "$top"?: Int32,                     // not a plain name: sent with `with_options`
        }
        headers {
            /// `outlook.timezone="..."`: the time zone of the times returned.
            Prefer?,                            // `"If-Match"`: names with `-` as strings
        }
        returns 200 collection(participant);
    }
}

// Relative to CARGO_MANIFEST_DIR (tests/ui.rs puts the seed page there).
graphgen_macros::action!(doc = "docs/call-stoptranscription.md"); // mod call_stoptranscription
graphgen_macros::action!(doc = "docs/call-stoptranscription.md" => stop_transcription); // or named

use start_transcription::beta::{Graph, requests::CallStartTranscriptionRequest, types};

async fn start(
    client: graphgen_runtime::Client,
    call_id: &str,
) -> graphgen_runtime::Result<graphgen_runtime::Operation<types::StartTranscriptionOperation>> {
    let request = CallStartTranscriptionRequest::new("en-us".into());
    Graph::new(client).communications().call(call_id).start_transcription(&request).await
}

async fn stop(client: graphgen_runtime::Client, call_id: &str) -> graphgen_runtime::Result<()> {
    use call_stoptranscription::beta::{Graph, requests::CallStopTranscriptionRequest};
    let request = CallStopTranscriptionRequest { language: Some("en-us".into()), ..Default::default() };
    let operation = Graph::new(client).communications().call(call_id).stop_transcription(&request).await?;
    let _done = operation.wait().await?;
    Ok(())
}

async fn joined(
    client: graphgen_runtime::Client,
    call_id: &str,
    start: &str,
    end: &str,
) -> graphgen_runtime::Result<graphgen_runtime::Collection<window::v1::types::Participant>> {
    use graphgen_runtime::RequestOptions;
    let options = RequestOptions::new().top(5).header("Prefer", r#"outlook.timezone="UTC""#);
    let joined = window::v1::Graph::new(client).communications().call(call_id)
        .with_options(options).participants_joined().list(start, end).present(true).await?;
    Ok(joined)
}

fn main() {
    // Type-checked, not run: there is no Graph to talk to here.
    let _ = (start, stop, joined, stop_transcription::beta::Graph::new);
}
